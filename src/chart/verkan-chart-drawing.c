/* verkan-chart-drawing.c: charts drawn with cairo and pango.
 *
 * The page, top to bottom:
 *
 *   title        bold, up to two lines (style->show_title)
 *   strip        the axis title (unit) at the left, "Project period" over
 *                its band, the year of a bar chart at the right
 *   plot         bands (quartiles, project period) behind, grid, the data,
 *                then target and baseline with their labels
 *   x labels     years, or the municipalities under their bars
 *   captions     the chart's caption, the note on illustrative values (in
 *                italics) and the source line
 *
 * The legend sits at the right of the plot when it fits there, else under
 * it; either way the plot shrinks to make room, so the legend never covers
 * data.  A line chart also writes each line's last value at its end, in a
 * gutter right of the plot; when those labels would have to move too far
 * from their lines to stay apart, the chart is laid out again without them
 * and the legend alone names the lines.
 *
 * Everything is measured and placed by verkan_chart_layout_new(), which
 * copies what it needs from the data; verkan_chart_layout_draw() only
 * paints.  Sizes follow the label font: 10 pt at 96 dpi (13⅓ units) times
 * style->font_scale.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "verkan-chart-drawing.h"
#include "verkan-drawing-support.h"

G_DEFINE_QUARK (verkan-chart-drawing-error-quark, verkan_chart_drawing_error)

/* 10 pt at 96 dpi, in layout units (px on screen) */
#define BASE_FONT_SIZE (10.0 * 96.0 / 72.0)
/* the export lays out in CSS px and draws them at 0.75 pt (the header's
 * VERKAN_CHART_PX_PER_PT), so that the labels are 10 pt on paper */
#define PT_PER_PX (1.0 / VERKAN_CHART_PX_PER_PT)
/* more series than this make a dense chart: thin lines, no markers */
#define DENSE_SERIES 12
/* legend entries shown at most (the last says how many more there are) */
#define MAX_LEGEND_ENTRIES 30
/* line ends labelled at most, and how far (in label heights) a label may
 * move from its line before the chart drops them all */
#define MAX_END_LABELS 12
#define MAX_NUDGE 2.5

typedef struct {
  PangoLayout *layout;
  double       x, y;        /* top-left */
  VerkanRgba   color;
  gboolean     halo;        /* drawn over data: a background box behind */
  gboolean     vertical;    /* read upwards, its end at (x + height / 2, y) */
} Text;

typedef struct {
  VerkanRgba   color;
  VerkanMarker marker;
  gboolean     comparison;
  guint        dash;        /* the comparison's own dash pattern */
  char        *label;
} Look;

typedef enum {
  ENTRY_SERIES,             /* a line sample with the series' marker */
  ENTRY_SWATCH,             /* a filled square: a band, a gender */
  ENTRY_MORE,               /* "and 260 more": text only */
} EntryKind;

typedef struct {
  EntryKind    kind;
  guint        series;
  VerkanRgba   color;
  PangoLayout *text;
  double       x, y;        /* top-left of the entry */
  double       height;
} Entry;

typedef struct {
  double     x0, y0, x1, y1;
  VerkanRgba color;
} Segment;

typedef struct {
  double x, low, high;      /* NAN x ends a run */
} QuartileColumn;

typedef enum {
  BAND_BOTTOM,
  BAND_MIDDLE,
  BAND_TOP,
  N_BANDS
} Band;

struct _VerkanChartLayout {
  VerkanChartKind       kind;
  VerkanChartStyle      style;
  char                 *font_family;
  VerkanChartTheme      theme;
  double                width, height;
  double                fs;             /* the label font size */
  double                line_width;
  double                marker_size;
  gboolean              dense;

  PangoContext         *context;
  PangoFontDescription *font, *small_font, *title_font, *italic_font, *message_font;

  /* copied from the data */
  int                   first_year;
  int                   n_years;
  int                   year;           /* bar, gender */
  int                   year_index;
  char                 *unit;
  Look                 *looks;
  guint                 n_series;
  int                   decimals;       /* of the values, for labels */
  gboolean              has_values;

  /* placed once */
  GArray               *frame_texts;    /* Text: title, captions, message */
  VerkanChartRect       frame;          /* what is left for legend and plot */

  /* placed by a pass */
  GArray               *texts;          /* Text */
  GArray               *points;         /* VerkanChartPoint */
  GArray               *labels;         /* VerkanChartRect */
  GArray               *leaders;        /* Segment */
  GArray               *entries;        /* Entry */
  GArray               *missing;        /* VerkanChartPoint: where a bar has no value */
  GArray               *year_ticks;     /* double x */
  GArray               *quartiles;      /* QuartileColumn (line) */
  VerkanChartRect       plot;
  VerkanChartTicks      ticks;
  gboolean              has_legend;
  VerkanChartRect       legend;
  double                sample_width;
  double                x0, dx;         /* line: x of the first year, per year */
  gboolean              has_period;
  double                period_x0, period_x1;
  gboolean              has_bands;
  double                band_low, band_high;     /* bar, gender: the y of the limits */
  VerkanRgba            band_colors[N_BANDS];
  gboolean              has_target, has_target_mark;
  double                target_y, target_x;
  gboolean              has_baseline, baseline_is_line;
  double                baseline_x, baseline_y;
  double                zero_y;
  gboolean              vertical_categories;
};

/* --- style ----------------------------------------------------------------- */

void
verkan_chart_style_init (VerkanChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->dark = FALSE;
  style->font_scale = 1.0;
  style->font_family = NULL;
  style->show_title = TRUE;
  style->show_source = TRUE;
  style->focus_series = -1;
  style->focus_point = -1;
}

static VerkanRgba
mix (VerkanRgba a, VerkanRgba b, double t)
{
  VerkanRgba c = {
    a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a + (b.a - a.a) * t
  };
  return c;
}

static VerkanRgba
with_alpha (VerkanRgba c, double alpha)
{
  c.a = alpha;
  return c;
}

/* A series colour dark enough to read as text on white (orange and sky
 * blue are not) */
static VerkanRgba
text_tone (const VerkanChartLayout *L, VerkanRgba c)
{
  double luminance = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
  VerkanRgba black = { 0, 0, 0, 1 };

  if (L->theme.dark || luminance < 0.45)
    return c;
  return mix (c, black, MIN (0.55, (luminance - 0.45) * 1.6 + 0.2));
}

/* The three genders of the gender chart, in the order they stand */
static const VerkanGender gender_order[] = {
  VERKAN_GENDER_WOMEN, VERKAN_GENDER_MEN, VERKAN_GENDER_TOTAL,
};

static VerkanRgba
gender_color (const VerkanChartLayout *L, VerkanGender gender)
{
  /* light, middle and dark in greyscale too */
  switch (gender)
    {
    case VERKAN_GENDER_WOMEN:
      return verkan_chart_palette_color (4, L->theme.dark);   /* orange */
    case VERKAN_GENDER_MEN:
      return verkan_chart_palette_color (0, L->theme.dark);   /* blue */
    case VERKAN_GENDER_TOTAL:
    case VERKAN_N_GENDERS:
    default:
      return L->theme.dark ? (VerkanRgba) { 0.82, 0.82, 0.82, 1 } : (VerkanRgba) { 0.24, 0.24, 0.24, 1 };
    }
}

static const char *
gender_label (VerkanGender gender)
{
  switch (gender)
    {
    case VERKAN_GENDER_WOMEN:
      return _("Women");
    case VERKAN_GENDER_MEN:
      return _("Men");
    case VERKAN_GENDER_TOTAL:
    case VERKAN_N_GENDERS:
    default:
      return _("Total");
    }
}

/* --- text ------------------------------------------------------------------ */

static PangoFontDescription *
new_font (const VerkanChartLayout *L, double size, PangoWeight weight, PangoStyle slant)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, L->font_family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, slant);
  return font;
}

/* One line, or wrapped at @width into at most @lines lines */
static PangoLayout *
new_text (VerkanChartLayout          *L,
          const PangoFontDescription *font,
          const char                 *text,
          double                      width,
          int                         lines,
          PangoAlignment              align)
{
  PangoLayout *layout = pango_layout_new (L->context);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1)));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (lines, 1));
      pango_layout_set_alignment (layout, align);
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
text_size (PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = logical.width / (double) PANGO_SCALE;
  if (height)
    *height = logical.height / (double) PANGO_SCALE;
}

/* The width the text takes when it is wrapped (the layout's own width is
 * the wrap width) */
static double
ink_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.x + logical.width;
}

static void
add_text (GArray *texts, PangoLayout *layout, double x, double y, VerkanRgba color, gboolean halo)
{
  Text text = { layout, x, y, color, halo, FALSE };

  g_array_append_val (texts, text);
}

static void
clear_text (gpointer data)
{
  Text *text = data;

  g_clear_object (&text->layout);
}

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->text);
}

static gboolean
rects_overlap (const VerkanChartRect *a, const VerkanChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_inside (const VerkanChartRect *inner, const VerkanChartRect *outer)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static gboolean
label_is_free (const VerkanChartLayout *L, const VerkanChartRect *rect)
{
  for (guint i = 0; i < L->labels->len; i++)
    if (rects_overlap (rect, &g_array_index (L->labels, VerkanChartRect, i)))
      return FALSE;
  return TRUE;
}

/* --- data ------------------------------------------------------------------ */

static const double *
series_values (const VerkanChartData *data, guint s, VerkanGender gender)
{
  const VerkanChartSeries *series = g_ptr_array_index (data->series, s);
  return series->values[gender];
}

/* The value a bar shows, NAN when missing */
static double
bar_value (const VerkanChartLayout *L, const VerkanChartData *data, guint s, VerkanGender gender)
{
  if (L->year_index < 0)
    return NAN;
  return series_values (data, s, gender)[L->year_index];
}

/* The smallest and largest of the values the chart draws (overlays not
 * counted); FALSE when it draws none */
static gboolean
drawn_range (const VerkanChartLayout *L, const VerkanChartData *data, double *min, double *max)
{
  gboolean any = FALSE;

  *min = INFINITY;
  *max = -INFINITY;
  for (guint s = 0; s < L->n_series; s++)
    {
      if (L->kind == VERKAN_CHART_KIND_LINE)
        {
          const double *values = series_values (data, s, data->gender);
          for (int i = 0; i < L->n_years; i++)
            if (isfinite (values[i]))
              {
                *min = MIN (*min, values[i]);
                *max = MAX (*max, values[i]);
                any = TRUE;
              }
        }
      else
        for (guint g = 0; g < G_N_ELEMENTS (gender_order); g++)
          {
            VerkanGender gender = L->kind == VERKAN_CHART_KIND_BAR ? data->gender : gender_order[g];
            double v = bar_value (L, data, s, gender);

            if (isfinite (v))
              {
                *min = MIN (*min, v);
                *max = MAX (*max, v);
                any = TRUE;
              }
            if (L->kind == VERKAN_CHART_KIND_BAR)
              break;
          }
    }
  return any;
}

/* The decimals the values need, at most two: all labels then agree */
static int
value_decimals (const VerkanChartLayout *L, const VerkanChartData *data)
{
  int decimals = 0;

  for (guint s = 0; s < L->n_series && decimals < 2; s++)
    for (int g = 0; g < VERKAN_N_GENDERS; g++)
      for (int i = 0; i < L->n_years; i++)
        {
          double v = series_values (data, s, g)[i];

          if (!isfinite (v))
            continue;
          while (decimals < 2)
            {
              double scaled = v * pow (10, decimals);
              if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1, fabs (scaled)))
                break;
              decimals++;
            }
        }
  return decimals;
}

/* The value with the unit when the unit is short ("4,4 %"); a long unit
 * ("kr/inv") stays on the axis */
static char *
format_label (const VerkanChartLayout *L, double value)
{
  gboolean short_unit = L->unit && g_utf8_strlen (L->unit, -1) <= 2;
  return verkan_chart_format_value (value, L->decimals, short_unit ? L->unit : NULL);
}

/* --- geometry ---------------------------------------------------------------- */

static double
value_y (const VerkanChartLayout *L, double value)
{
  double span = L->ticks.max - L->ticks.min;

  if (span <= 0)
    span = 1;
  return L->plot.y + L->plot.height * (1 - (value - L->ticks.min) / span);
}

static double
year_x (const VerkanChartLayout *L, int index)
{
  return L->x0 + index * L->dx;
}

/* The x of a moment in fractional years (2021.75): year Y's point stands
 * at the middle of the year */
static double
time_x (const VerkanChartLayout *L, double time)
{
  return L->x0 + (time - L->first_year - 0.5) * L->dx;
}

static void
add_point (VerkanChartLayout *L, guint series, guint index, double x, double y,
           const VerkanChartRect *bar, double value)
{
  VerkanChartPoint p = { series, index, x, y, { 0 }, value };
  double r = MAX (L->marker_size / 2 + 1, 4);

  if (bar)
    p.bar = *bar;
  else
    p.bar = (VerkanChartRect) { x - r, y - r, 2 * r, 2 * r };
  g_array_append_val (L->points, p);
}

/* --- legend ------------------------------------------------------------------- */

static void
add_entry (VerkanChartLayout *L, EntryKind kind, guint series, VerkanRgba color, const char *text,
           double max_width)
{
  Entry entry = { kind, series, color, NULL, 0, 0, 0 };

  entry.text = new_text (L, L->font, text, max_width, 2, PANGO_ALIGN_LEFT);
  text_size (entry.text, NULL, &entry.height);
  entry.height = MAX (entry.height, L->fs * 1.15);
  g_array_append_val (L->entries, entry);
}

/* The legend lists the bands top to bottom; the first says what the
 * quarters are of */
static void
band_labels (const VerkanChartData *data, const char **bottom, const char **middle, const char **top)
{
  /* Translators: quartile bands in a chart, listed top to bottom: the
   * first names what they are quarters of, the others are short */
  *middle = _("Middle 50 %");
  switch (data->direction)
    {
    case VERKAN_DIRECTION_LOWER_IS_BETTER:
      /* xgettext:no-c-format */
      *top = _("Worst 25 % of municipalities");
      *bottom = _("Best 25 %");
      break;
    case VERKAN_DIRECTION_HIGHER_IS_BETTER:
      /* xgettext:no-c-format */
      *top = _("Best 25 % of municipalities");
      *bottom = _("Worst 25 %");
      break;
    case VERKAN_DIRECTION_UNKNOWN:
    default:
      /* xgettext:no-c-format */
      *top = _("Highest 25 % of municipalities");
      *bottom = _("Lowest 25 %");
      break;
    }
}

static gboolean
has_quartiles (const VerkanChartLayout *L, const VerkanChartData *data)
{
  if (data->quartile_low == NULL || data->quartile_high == NULL)
    return FALSE;
  if (L->kind != VERKAN_CHART_KIND_LINE)
    return L->year_index >= 0 && isfinite (data->quartile_low[L->year_index]) &&
           isfinite (data->quartile_high[L->year_index]);
  for (int i = 0; i < L->n_years; i++)
    if (isfinite (data->quartile_low[i]) && isfinite (data->quartile_high[i]))
      return TRUE;
  return FALSE;
}

static void
band_colors (VerkanChartLayout *L, const VerkanChartData *data)
{
  const VerkanChartTheme *t = &L->theme;

  L->band_colors[BAND_MIDDLE] = t->quartile_middle;
  switch (data->direction)
    {
    case VERKAN_DIRECTION_LOWER_IS_BETTER:
      L->band_colors[BAND_BOTTOM] = t->quartile_good;
      L->band_colors[BAND_TOP] = t->quartile_bad;
      break;
    case VERKAN_DIRECTION_HIGHER_IS_BETTER:
      L->band_colors[BAND_BOTTOM] = t->quartile_bad;
      L->band_colors[BAND_TOP] = t->quartile_good;
      break;
    case VERKAN_DIRECTION_UNKNOWN:
    default:
      /* no good or bad: greys, the middle left clear */
      L->band_colors[BAND_BOTTOM] = with_alpha (t->muted, 0.16);
      L->band_colors[BAND_MIDDLE] = with_alpha (t->muted, 0.05);
      L->band_colors[BAND_TOP] = with_alpha (t->muted, 0.28);
      break;
    }
}

/* The entries, measured with @max_width for the text; FALSE when there
 * are none */
static gboolean
build_entries (VerkanChartLayout *L, const VerkanChartData *data, gboolean name_single_series,
               double max_width)
{
  g_array_set_size (L->entries, 0);

  if (L->kind == VERKAN_CHART_KIND_LINE && (L->n_series > 1 || name_single_series))
    {
      guint shown = L->n_series;

      if (shown > MAX_LEGEND_ENTRIES)
        shown = MAX_LEGEND_ENTRIES - 1;
      for (guint s = 0; s < shown; s++)
        add_entry (L, ENTRY_SERIES, s, L->looks[s].color, L->looks[s].label, max_width);
      if (shown < L->n_series)
        {
          guint more = L->n_series - shown;
          g_autofree char *text =
            /* Translators: the last line of a chart's legend when there are too many series to list */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more series", "and %u more series", more),
                             more);
          add_entry (L, ENTRY_MORE, 0, L->theme.muted, text, max_width);
        }
    }
  else if (L->kind == VERKAN_CHART_KIND_GENDER)
    for (guint g = 0; g < G_N_ELEMENTS (gender_order); g++)
      add_entry (L, ENTRY_SWATCH, 0, gender_color (L, gender_order[g]), gender_label (gender_order[g]),
                 max_width);

  if (L->has_bands)
    {
      const char *bottom, *middle, *top;

      band_labels (data, &bottom, &middle, &top);
      add_entry (L, ENTRY_SWATCH, 0, L->band_colors[BAND_TOP], top, max_width);
      add_entry (L, ENTRY_SWATCH, 0, L->band_colors[BAND_MIDDLE], middle, max_width);
      add_entry (L, ENTRY_SWATCH, 0, L->band_colors[BAND_BOTTOM], bottom, max_width);
    }
  return L->entries->len > 0;
}

static double
entry_width (const VerkanChartLayout *L, const Entry *entry)
{
  double text_w = ink_width (entry->text);

  if (entry->kind == ENTRY_MORE)
    return text_w;
  return (entry->kind == ENTRY_SERIES ? L->sample_width : L->fs) + 0.5 * L->fs + text_w;
}

/* Places the legend at the right of @area or under it and takes its room
 * from @area; a legend under the plot gets its x once the plot is known */
static void
place_legend (VerkanChartLayout *L, const VerkanChartData *data, VerkanChartRect *area,
              double top_offset, gboolean name_single_series)
{
  double fs = L->fs, row_gap = 0.35 * fs, col_gap = 1.4 * fs;
  double right_max = MAX (0.26 * L->width, 8 * fs);
  double widest = 0, total_h = 0, max_h, row_h = 0, col_w = 0;
  guint n, cols, rows, max_rows;

  L->has_legend = FALSE;
  L->sample_width = 2.4 * fs;
  if (!build_entries (L, data, name_single_series, right_max))
    return;
  L->has_legend = TRUE;

  for (guint i = 0; i < L->entries->len; i++)
    {
      Entry *e = &g_array_index (L->entries, Entry, i);
      widest = MAX (widest, entry_width (L, e));
      total_h += e->height + (i > 0 ? row_gap : 0);
    }

  /* at the right: beside the plot, level with its top, when that leaves
   * the plot most of the width and no name has to be cut short */
  for (guint i = 0; i < L->entries->len; i++)
    if (pango_layout_is_ellipsized (g_array_index (L->entries, Entry, i).text))
      widest = G_MAXDOUBLE / 4;
  if (top_offset + total_h <= area->height && area->width - widest - col_gap >= 0.6 * area->width)
    {
      double y = area->y + top_offset;

      L->legend = (VerkanChartRect) { area->x + area->width - widest, y, widest, total_h };
      for (guint i = 0; i < L->entries->len; i++)
        {
          Entry *e = &g_array_index (L->entries, Entry, i);
          e->x = L->legend.x;
          e->y = y;
          y += e->height + row_gap;
        }
      area->width -= widest + col_gap;
      return;
    }

  /* under the plot, in columns read row by row, one line each … */
  n = L->entries->len;
  for (guint i = 0; i < n; i++)
    {
      Entry *e = &g_array_index (L->entries, Entry, i);
      pango_layout_set_height (e->text, -1);
      pango_layout_set_width (e->text, -1);
      text_size (e->text, NULL, &e->height);
      row_h = MAX (row_h, MAX (e->height, fs * 1.15));
      col_w = MAX (col_w, entry_width (L, e));
    }
  cols = MAX (1, (guint) floor ((area->width + col_gap) / (col_w + col_gap)));
  cols = MIN (cols, n);

  /* … or in two columns where a long name takes two lines */
  if (cols == 1 && n > 1)
    {
      double two_w = (area->width - col_gap) / 2;
      gboolean cut = FALSE;

      for (guint i = 0; i < n && !cut; i++)
        {
          Entry *e = &g_array_index (L->entries, Entry, i);
          double text_w = two_w - (entry_width (L, e) - ink_width (e->text));

          pango_layout_set_width (e->text, pango_units_from_double (MAX (text_w, 1)));
          pango_layout_set_height (e->text, -2);
          cut = pango_layout_is_ellipsized (e->text);
        }
      if (!cut)
        {
          cols = 2;
          col_w = two_w;
        }
      for (guint i = 0; i < n; i++)
        {
          Entry *e = &g_array_index (L->entries, Entry, i);
          if (cut)
            {
              /* one column, and names cut to its width */
              pango_layout_set_width (e->text, pango_units_from_double (MAX (area->width - L->sample_width - 0.5 * fs, 1)));
              pango_layout_set_height (e->text, -1);
            }
          text_size (e->text, NULL, &e->height);
          e->height = MAX (e->height, fs * 1.15);
        }
      col_w = MIN (col_w, area->width);
    }
  rows = (n + cols - 1) / cols;

  /* when even that takes too much of the height, series are left out and
   * the last series entry says how many (the bands always stay) */
  max_h = 0.4 * area->height;
  max_rows = MAX (1, (guint) floor ((max_h + row_gap) / (row_h + row_gap)));
  if (rows > max_rows)
    {
      guint n_series_entries = 0, n_others, keep, listed = 0;
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (Entry));
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        {
          Entry *e = &g_array_index (L->entries, Entry, i);
          if (e->kind == ENTRY_SERIES)
            n_series_entries++;
          else if (e->kind == ENTRY_SWATCH)
            {
              g_array_append_val (others, *e);
              e->text = NULL;   /* moved */
            }
        }
      n_others = others->len;
      keep = max_rows * cols > n_others + 1 ? max_rows * cols - n_others - 1 : 0;
      keep = MIN (keep, n_series_entries);
      g_array_set_size (L->entries, keep);
      listed = keep;
      if (L->n_series > listed)
        {
          guint more = L->n_series - listed;
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more series", "and %u more series", more),
                                  more);
          add_entry (L, ENTRY_MORE, 0, L->theme.muted, text, col_w);
        }
      g_array_append_vals (L->entries, others->data, others->len);
      n = L->entries->len;
      rows = (n + cols - 1) / cols;
    }

  /* each row as high as its highest entry */
  {
    g_autofree double *row_top = g_new0 (double, rows + 1);

    for (guint r = 0; r < rows; r++)
      {
        double h = 0;
        for (guint i = r * cols; i < MIN (n, (r + 1) * cols); i++)
          h = MAX (h, g_array_index (L->entries, Entry, i).height);
        row_top[r + 1] = row_top[r] + h + row_gap;
      }
    L->legend.width = cols * col_w + (cols - 1) * col_gap;
    L->legend.height = row_top[rows] - row_gap;
    area->height -= L->legend.height + fs;
    L->legend.x = -1;   /* centred under the plot by finish_legend() */
    L->legend.y = area->y + area->height + fs;
    for (guint i = 0; i < n; i++)
      {
        Entry *e = &g_array_index (L->entries, Entry, i);
        e->x = (i % cols) * (col_w + col_gap);
        e->y = L->legend.y + row_top[i / cols];
      }
  }
}

/* Centres a legend that stands under the plot */
static void
finish_legend (VerkanChartLayout *L, const VerkanChartRect *area)
{
  double x;

  if (!L->has_legend || L->legend.x >= 0)
    return;
  x = L->plot.x + (L->plot.width - L->legend.width) / 2;
  x = CLAMP (x, area->x, MAX (area->x, area->x + area->width - L->legend.width));
  L->legend.x = x;
  for (guint i = 0; i < L->entries->len; i++)
    g_array_index (L->entries, Entry, i).x += x;
}

/* --- the parts of a pass ------------------------------------------------------- */

/* The tick labels at the left of the plot; returns their width */
static double
measure_ticks (VerkanChartLayout *L, GPtrArray *layouts)
{
  double widest = 0;

  for (guint i = 0; i < L->ticks.n_ticks; i++)
    {
      g_autofree char *text = verkan_chart_format_value (verkan_chart_ticks_value (&L->ticks, i),
                                                         L->ticks.decimals, NULL);
      PangoLayout *layout = new_text (L, L->font, text, -1, 1, PANGO_ALIGN_LEFT);
      double w;

      text_size (layout, &w, NULL);
      widest = MAX (widest, w);
      g_ptr_array_add (layouts, layout);
    }
  return widest;
}

static void
place_ticks (VerkanChartLayout *L, GPtrArray *layouts)
{
  for (guint i = 0; i < layouts->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (layouts, i);
      double w, h, y = value_y (L, verkan_chart_ticks_value (&L->ticks, i));

      text_size (layout, &w, &h);
      add_text (L->texts, g_object_ref (layout), L->plot.x - 0.5 * L->fs - w, y - h / 2,
                L->theme.muted, FALSE);
    }
}

static void
place_year_labels (VerkanChartLayout *L)
{
  static const int strides[] = { 1, 2, 5, 10, 20, 50, 100 };
  double widest = 0, h = 0;
  int stride = strides[G_N_ELEMENTS (strides) - 1];
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < L->n_years; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", L->first_year + i);
      PangoLayout *layout = new_text (L, L->font, text, -1, 1, PANGO_ALIGN_LEFT);
      double w;

      text_size (layout, &w, &h);
      widest = MAX (widest, w);
      g_ptr_array_add (layouts, layout);
    }
  for (guint s = 0; s < G_N_ELEMENTS (strides); s++)
    if (L->n_years <= 1 || L->dx * strides[s] >= widest + 0.8 * L->fs)
      {
        stride = strides[s];
        break;
      }

  for (int i = 0; i < L->n_years; i++)
    {
      double x = year_x (L, i), w;

      if ((L->first_year + i) % stride != 0 && stride > 1)
        continue;
      text_size (g_ptr_array_index (layouts, i), &w, NULL);
      add_text (L->texts, g_object_ref (g_ptr_array_index (layouts, i)), x - w / 2,
                L->plot.y + L->plot.height + 0.45 * L->fs, L->theme.muted, FALSE);
      g_array_append_val (L->year_ticks, x);
    }
}

/* The line ends' value labels in the gutter: nudged apart, or FALSE when
 * they would stray too far from their lines */
static gboolean
place_end_labels (VerkanChartLayout *L, GPtrArray *layouts, const guint *series, guint n)
{
  g_autofree double *want = g_new (double, MAX (n, 1));
  g_autofree double *at = g_new (double, MAX (n, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree double *heights = g_new (double, MAX (n, 1));
  g_autofree double *ends = g_new (double, MAX (n, 1));
  double top = L->plot.y - 0.8 * L->fs, bottom = L->plot.y + L->plot.height + 0.8 * L->fs;
  double x = L->plot.x + L->plot.width + 0.5 * L->fs;

  if (n == 0)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      const VerkanChartPoint *p = NULL;

      for (guint k = 0; k < L->points->len; k++)
        {
          const VerkanChartPoint *q = &g_array_index (L->points, VerkanChartPoint, k);
          if (q->series == series[i] && (int) q->index == L->n_years - 1)
            p = q;
        }
      g_assert (p != NULL);
      ends[i] = p->x;
      text_size (g_ptr_array_index (layouts, i), NULL, &heights[i]);
      want[i] = p->y - heights[i] / 2;
      order[i] = i;
    }
  /* by wanted position (few labels: a plain insertion sort) */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && want[order[j]] < want[order[j - 1]]; j--)
      {
        guint swap = order[j];
        order[j] = order[j - 1];
        order[j - 1] = swap;
      }

  /* push down what overlaps, then up from the bottom edge */
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      at[i] = want[i];
      if (k > 0)
        at[i] = MAX (at[i], at[order[k - 1]] + heights[order[k - 1]]);
    }
  for (guint k = n; k-- > 0;)
    {
      guint i = order[k];
      double limit = k + 1 < n ? at[order[k + 1]] : bottom;
      at[i] = MIN (at[i], limit - heights[i]);
    }
  if (at[order[0]] < top)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (fabs (at[i] - want[i]) > MAX_NUDGE * heights[i])
      return FALSE;

  for (guint i = 0; i < n; i++)
    {
      double w;
      VerkanChartRect rect;
      const Look *look = &L->looks[series[i]];

      text_size (g_ptr_array_index (layouts, i), &w, NULL);
      rect = (VerkanChartRect) { x, at[i], w, heights[i] };
      g_array_append_val (L->labels, rect);
      add_text (L->texts, g_object_ref (g_ptr_array_index (layouts, i)), x, at[i],
                text_tone (L, look->color), FALSE);
      if (fabs (at[i] - want[i]) > 1.5)
        {
          /* a leader from the line's end to the label it was pushed from */
          Segment leader = {
            ends[i] + L->marker_size / 2 + 2, want[i] + heights[i] / 2,
            x - 2, at[i] + heights[i] / 2, with_alpha (look->color, 0.8)
          };
          g_array_append_val (L->leaders, leader);
        }
    }
  return TRUE;
}

/* Whether the segment from (x0, y0) to (x1, y1) meets @r (clipped
 * against its sides, Liang–Barsky) */
static gboolean
segment_meets (const VerkanChartRect *r, double x0, double y0, double x1, double y1)
{
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      double t = q[i] / p[i];
      if (p[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* How much of the data a label would hide: points and bars count most,
 * line segments less */
static guint
covered (const VerkanChartLayout *L, const VerkanChartRect *rect)
{
  const VerkanChartPoint *p = (const VerkanChartPoint *) L->points->data;
  guint n = 0;

  for (guint k = 0; k < L->points->len; k++)
    {
      if (rects_overlap (rect, &p[k].bar))
        n += 4;
      if (L->kind == VERKAN_CHART_KIND_LINE && k > 0 && p[k].series == p[k - 1].series &&
          p[k].index == p[k - 1].index + 1 && segment_meets (rect, p[k - 1].x, p[k - 1].y, p[k].x, p[k].y))
        n += 1;
    }
  if (L->has_target_mark && segment_meets (rect, L->target_x - 6, L->target_y - 6, L->target_x + 6, L->target_y + 6))
    n += 4;
  if (L->has_baseline && !L->baseline_is_line &&
      segment_meets (rect, L->baseline_x - 6, L->baseline_y - 6, L->baseline_x + 6, L->baseline_y + 6))
    n += 4;
  return n;
}

/* Puts @layout at the first of @candidates (top-left corners) that stays
 * in the plot, meets no other label and hides the least data; drops it
 * when there is no such place */
static gboolean
place_best (VerkanChartLayout *L, PangoLayout *layout, const double *candidates, guint n,
            VerkanRgba color)
{
  double w, h;
  VerkanChartRect best = { 0 };
  guint best_cover = G_MAXUINT;

  text_size (layout, &w, &h);
  for (guint c = 0; c < n && best_cover > 0; c++)
    {
      VerkanChartRect r = { candidates[2 * c], candidates[2 * c + 1], w, h };
      guint cover;

      if (!rect_inside (&r, &L->plot) || !label_is_free (L, &r))
        continue;
      cover = covered (L, &r);
      if (cover < best_cover)
        {
          best_cover = cover;
          best = r;
        }
    }
  if (best_cover == G_MAXUINT)
    {
      g_object_unref (layout);
      return FALSE;
    }
  g_array_append_val (L->labels, best);
  add_text (L->texts, layout, best.x, best.y, color, TRUE);
  return TRUE;
}

/* Next to a mark: the four corners around it, then a little further up
 * and down, with a leader back to the mark when it had to move off */
static gboolean
place_near_mark (VerkanChartLayout *L, PangoLayout *layout, double ax, double ay, VerkanRgba color)
{
  double w, h, m = 0.55 * L->fs, c[2 * 16];
  const VerkanChartRect *r;
  guint n = 0;

  text_size (layout, &w, &h);
  for (int lift = 0; lift <= 3; lift++)
    for (int k = 0; k < 4; k++)
      {
        gboolean right = k % 2 == 0, above = k < 2;
        c[n++] = right ? ax + m : ax - m - w;
        c[n++] = above ? ay - m - h - lift * 0.6 * h : ay + m + lift * 0.6 * h;
      }
  if (!place_best (L, layout, c, n / 2, color))
    return FALSE;

  r = &g_array_index (L->labels, VerkanChartRect, L->labels->len - 1);
  if (r->y > ay + m + 1 || r->y + r->height < ay - m - 1)
    {
      double tx = CLAMP (ax, r->x + 0.3 * L->fs, r->x + r->width - 0.3 * L->fs);
      double ty = r->y > ay ? r->y : r->y + r->height;
      double d = hypot (tx - ax, ty - ay), ring = 0.5 * L->fs;
      Segment leader = { ax + (tx - ax) * ring / d, ay + (ty - ay) * ring / d, tx, ty,
                         with_alpha (color, 0.6) };
      g_array_append_val (L->leaders, leader);
    }
  return TRUE;
}

/* Along a horizontal line at @y: just over or under it, from the right
 * end leftwards */
static gboolean
place_along_line (VerkanChartLayout *L, PangoLayout *layout, double y, VerkanRgba color)
{
  double w, h, m = 0.25 * L->fs, right = L->plot.x + L->plot.width - 0.3 * L->fs;
  g_autofree double *c = NULL;
  guint n = 0, steps;

  text_size (layout, &w, &h);
  steps = (guint) MAX (1, floor ((L->plot.width - w) / MAX (w / 3, 1)) + 1);
  c = g_new (double, 4 * steps);
  for (guint i = 0; i < steps; i++)
    {
      double x = right - w - i * w / 3;
      c[n++] = x;
      c[n++] = y - m - h;
      c[n++] = x;
      c[n++] = y + m;
    }
  return place_best (L, layout, c, n / 2, color);
}

static void
place_target_and_baseline (VerkanChartLayout *L, const VerkanChartData *data)
{
  PangoLayout *target = NULL, *baseline = NULL;

  L->has_target = L->has_target_mark = L->has_baseline = FALSE;
  if (isfinite (data->target_value))
    {
      g_autofree char *value = format_label (L, data->target_value);
      /* Translators: next to the target line of a chart: "Target 2023: 3,5 %" */
      g_autofree char *text = g_strdup_printf (_("Target %d: %s"), data->target_year, value);
      int index = data->target_year - L->first_year;

      target = new_text (L, L->small_font, text, -1, 1, PANGO_ALIGN_LEFT);
      L->has_target = TRUE;
      L->target_y = value_y (L, data->target_value);
      if (L->kind == VERKAN_CHART_KIND_LINE && index >= 0 && index < L->n_years)
        {
          L->has_target_mark = TRUE;
          L->target_x = year_x (L, index);
        }
    }
  if (isfinite (data->baseline_value))
    {
      g_autofree char *value = format_label (L, data->baseline_value);
      /* Translators: next to the baseline of a chart: "Baseline 2021: 4,4 %" */
      g_autofree char *text = g_strdup_printf (_("Baseline %d: %s"), data->baseline_year, value);
      int index = data->baseline_year - L->first_year;

      baseline = new_text (L, L->small_font, text, -1, 1, PANGO_ALIGN_LEFT);
      L->has_baseline = TRUE;
      L->baseline_y = value_y (L, data->baseline_value);
      L->baseline_is_line = !(L->kind == VERKAN_CHART_KIND_LINE && index >= 0 && index < L->n_years);
      if (!L->baseline_is_line)
        L->baseline_x = year_x (L, index);
    }

  /* the marks are known before either label looks for room */
  if (target)
    place_along_line (L, target, L->target_y, L->theme.target);
  if (baseline && L->baseline_is_line)
    place_along_line (L, baseline, L->baseline_y, L->theme.foreground);
  else if (baseline)
    place_near_mark (L, baseline, L->baseline_x, L->baseline_y, L->theme.foreground);
}

/* The axis title at the left of the strip, the period's label over its
 * band, and the year of a bar chart at the right */
static void
place_strip (VerkanChartLayout *L, const VerkanChartData *data, const VerkanChartRect *area,
             double strip_y)
{
  const char *title = data->y_label && *data->y_label ? data->y_label : data->unit;
  VerkanChartRect taken = { area->x, strip_y, 0, 0 };

  if (title && *title)
    {
      PangoLayout *layout = new_text (L, L->small_font, title, area->width * 0.6, 1, PANGO_ALIGN_LEFT);
      double h;

      text_size (layout, NULL, &h);
      taken.width = ink_width (layout);
      taken.height = h;
      add_text (L->texts, layout, area->x, strip_y, L->theme.muted, FALSE);
    }

  if (L->kind != VERKAN_CHART_KIND_LINE)
    {
      g_autofree char *text = g_strdup_printf ("%d", L->year);
      PangoLayout *layout = new_text (L, L->small_font, text, -1, 1, PANGO_ALIGN_LEFT);
      double w;

      text_size (layout, &w, NULL);
      add_text (L->texts, layout, L->plot.x + L->plot.width - w, strip_y, L->theme.muted, FALSE);
    }

  if (L->has_period)
    {
      /* Translators: the label of the shaded project period in a chart */
      PangoLayout *layout = new_text (L, L->small_font, _("Project period"), -1, 1, PANGO_ALIGN_LEFT);
      double w, h, x;
      VerkanChartRect rect;

      text_size (layout, &w, &h);
      x = (L->period_x0 + L->period_x1) / 2 - w / 2;
      x = CLAMP (x, L->plot.x, L->plot.x + L->plot.width - w);
      if (taken.width > 0 && x < taken.x + taken.width + 0.6 * L->fs)
        x = taken.x + taken.width + 0.6 * L->fs;
      rect = (VerkanChartRect) { x, strip_y, w, h };
      if (x + w <= L->width - 0.5 * L->fs && label_is_free (L, &rect))
        {
          g_array_append_val (L->labels, rect);
          add_text (L->texts, layout, x, strip_y, L->theme.muted, FALSE);
        }
      else
        g_object_unref (layout);
    }
}

/* --- the kinds ------------------------------------------------------------------ */

static gboolean
layout_lines (VerkanChartLayout *L, const VerkanChartData *data, gboolean end_labels)
{
  g_autoptr(GPtrArray) end_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree guint *end_series = g_new (guint, MAX (L->n_series, 1));
  guint n_end = 0;
  double col, inset;

  /* points */
  col = L->plot.width / MAX (L->n_years, 1);
  inset = MIN (col / 2, 1.6 * L->fs);
  if (L->n_years <= 1)
    {
      L->x0 = L->plot.x + L->plot.width / 2;
      L->dx = L->plot.width / 2;
    }
  else
    {
      L->x0 = L->plot.x + inset;
      L->dx = (L->plot.width - 2 * inset) / (L->n_years - 1);
    }

  for (guint s = 0; s < L->n_series; s++)
    {
      const double *values = series_values (data, s, data->gender);
      for (int i = 0; i < L->n_years; i++)
        if (isfinite (values[i]))
          add_point (L, s, i, year_x (L, i), value_y (L, values[i]), NULL, values[i]);
    }

  place_year_labels (L);

  /* the project period */
  L->has_period = FALSE;
  if (isfinite (data->period_start))
    {
      double end = isfinite (data->period_end) ? data->period_end : L->first_year + L->n_years;
      double x0 = MAX (time_x (L, data->period_start), L->plot.x);
      double x1 = MIN (time_x (L, end), L->plot.x + L->plot.width);

      if (x1 > x0 + 0.5)
        {
          L->has_period = TRUE;
          L->period_x0 = x0;
          L->period_x1 = x1;
        }
    }

  /* quartile bands, as runs of columns */
  g_array_set_size (L->quartiles, 0);
  if (L->has_bands)
    {
      gboolean in_run = FALSE;

      for (int i = 0; i <= L->n_years; i++)
        {
          gboolean known = i < L->n_years && isfinite (data->quartile_low[i]) &&
                           isfinite (data->quartile_high[i]);
          QuartileColumn c;

          if (known)
            {
              double half = L->n_years > 1 ? L->dx / 2 : L->plot.width / 2;
              if (!in_run)
                {
                  c = (QuartileColumn) { MAX (year_x (L, i) - half, L->plot.x),
                                         value_y (L, data->quartile_low[i]),
                                         value_y (L, data->quartile_high[i]) };
                  g_array_append_val (L->quartiles, c);
                }
              c = (QuartileColumn) { year_x (L, i), value_y (L, data->quartile_low[i]),
                                     value_y (L, data->quartile_high[i]) };
              g_array_append_val (L->quartiles, c);
              if (i + 1 >= L->n_years || !isfinite (data->quartile_low[i + 1]) ||
                  !isfinite (data->quartile_high[i + 1]))
                {
                  c.x = MIN (year_x (L, i) + half, L->plot.x + L->plot.width);
                  g_array_append_val (L->quartiles, c);
                }
              in_run = TRUE;
            }
          else if (in_run)
            {
              c = (QuartileColumn) { NAN, NAN, NAN };
              g_array_append_val (L->quartiles, c);
              in_run = FALSE;
            }
        }
    }

  /* the values at the lines' ends */
  if (end_labels)
    {
      for (guint s = 0; s < L->n_series; s++)
        {
          double v = series_values (data, s, data->gender)[L->n_years - 1];
          g_autofree char *text = NULL;
          g_autofree char *value = NULL;

          if (!isfinite (v))
            continue;
          value = format_label (L, v);
          /* one series has no legend: its end says whose line it is */
          text = L->n_series == 1 ? g_strdup_printf ("%s %s", L->looks[s].label, value) : g_strdup (value);
          g_ptr_array_add (end_layouts, new_text (L, L->font, text, -1, 1, PANGO_ALIGN_LEFT));
          end_series[n_end++] = s;
        }
      if (L->n_series == 1 && n_end == 0)
        return FALSE;
      if (!place_end_labels (L, end_layouts, end_series, n_end))
        return FALSE;
    }
  return TRUE;
}

/* The bars of one category: the bar chart has one, the gender chart three
 * (the points in gender order, the bars in the order they stand) */
static void
layout_bar_group (VerkanChartLayout *L, const VerkanChartData *data, guint s, double slot_x,
                  double slot_w, GPtrArray *value_layouts)
{
  guint n = L->kind == VERKAN_CHART_KIND_GENDER ? G_N_ELEMENTS (gender_order) : 1;
  double group_w = MIN (slot_w * (n == 1 ? 0.62 : 0.8), n * 5.5 * L->fs);
  double bar_w = group_w / n;
  double inner = n == 1 ? 0 : MIN (bar_w * 0.08, 2);

  for (int gender = 0; gender < VERKAN_N_GENDERS; gender++)
    {
      guint place = 0;
      double v, x, y0 = L->zero_y, y1;
      VerkanChartRect bar;

      if (n == 1)
        {
          if (gender != (int) data->gender)
            continue;
        }
      else
        while (gender_order[place] != (VerkanGender) gender)
          place++;

      x = slot_x + (slot_w - group_w) / 2 + place * bar_w;
      v = bar_value (L, data, s, gender);
      if (!isfinite (v))
        {
          /* missing is not zero: "no value" where the bar would stand,
           * or a dash where that does not fit */
          /* Translators: in a bar chart, where a municipality has no value for the year */
          PangoLayout *layout = new_text (L, L->small_font, _("no value"), -1, 1, PANGO_ALIGN_LEFT);
          double w, h;
          VerkanChartRect r;

          text_size (layout, &w, &h);
          r = (VerkanChartRect) { x + bar_w / 2 - w / 2, y0 - h - 0.2 * L->fs, w, h };
          if (w <= slot_w - 0.3 * L->fs && n == 1 && label_is_free (L, &r))
            {
              g_array_append_val (L->labels, r);
              add_text (L->texts, layout, r.x, r.y, L->theme.muted, FALSE);
            }
          else
            {
              VerkanChartPoint p = { s, gender, x + bar_w / 2, y0, { x, y0, bar_w, 0 }, NAN };
              g_array_append_val (L->missing, p);
              g_object_unref (layout);
            }
          continue;
        }
      y1 = value_y (L, v);
      bar = (VerkanChartRect) { x + inner, MIN (y0, y1), bar_w - 2 * inner, MAX (fabs (y1 - y0), 0.5) };
      add_point (L, s, n == 1 ? (guint) L->year_index : (guint) gender, x + bar_w / 2, y1, &bar, v);
      {
        g_autofree char *text = n == 1 ? format_label (L, v)
                                        : verkan_chart_format_value (v, L->decimals, NULL);
        g_ptr_array_add (value_layouts, new_text (L, n == 1 ? L->font : L->small_font, text, -1, 1,
                                                  PANGO_ALIGN_LEFT));
      }
    }
}

static int
compare_by_value (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const double *values = user_data;
  double x = values[*(const guint *) a], y = values[*(const guint *) b];

  /* the largest first, missing last, otherwise as given */
  if (isfinite (x) != isfinite (y))
    return isfinite (x) ? -1 : 1;
  if (isfinite (x) && x != y)
    return x > y ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/* Places the value labels over (or under, when negative) their bars;
 * a label that meets another is lifted once or twice; when that does not
 * help either, no bar has a label */
static void
place_bar_labels (VerkanChartLayout *L, GPtrArray *layouts, guint first_point)
{
  guint mark = L->labels->len;
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (VerkanChartRect));

  for (guint i = 0; i < layouts->len; i++)
    {
      const VerkanChartPoint *p = &g_array_index (L->points, VerkanChartPoint, first_point + i);
      double w, h, gap = 0.2 * L->fs;
      gboolean placed = FALSE;

      text_size (g_ptr_array_index (layouts, i), &w, &h);
      for (int lift = 0; lift <= 2 && !placed; lift++)
        {
          VerkanChartRect r = { p->x - w / 2, 0, w, h };

          r.y = p->value >= 0 ? p->y - gap - h - lift * h : p->y + gap + lift * h;
          if (r.y < L->plot.y - 0.3 * L->fs || r.y + h > L->plot.y + L->plot.height + 0.3 * L->fs)
            continue;
          if (!label_is_free (L, &r))
            continue;
          g_array_append_val (L->labels, r);
          g_array_append_val (rects, r);
          placed = TRUE;
        }
      if (!placed)
        {
          g_array_set_size (L->labels, mark);
          g_array_unref (rects);
          return;
        }
    }
  for (guint i = 0; i < rects->len; i++)
    {
      const VerkanChartRect *r = &g_array_index (rects, VerkanChartRect, i);
      add_text (L->texts, g_object_ref (g_ptr_array_index (layouts, i)), r->x, r->y,
                L->theme.foreground, FALSE);
    }
  g_array_unref (rects);
}

static void
layout_bars (VerkanChartLayout *L, const VerkanChartData *data, GPtrArray *category_layouts,
             const guint *order)
{
  g_autoptr(GPtrArray) value_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree guint *place = g_new (guint, MAX (L->n_series, 1));
  double slot_w = L->plot.width / MAX (L->n_series, 1);
  guint first_point = L->points->len;

  L->zero_y = value_y (L, CLAMP (0, L->ticks.min, L->ticks.max));
  L->x0 = L->plot.x;
  L->dx = slot_w;
  for (guint k = 0; k < L->n_series; k++)
    place[order[k]] = k;
  /* the points by series, whatever order the bars stand in */
  for (guint s = 0; s < L->n_series; s++)
    layout_bar_group (L, data, s, L->plot.x + place[s] * slot_w, slot_w, value_layouts);

  place_bar_labels (L, value_layouts, first_point);

  /* the categories under the axis, upright or on end */
  for (guint k = 0; k < L->n_series; k++)
    {
      PangoLayout *layout = g_ptr_array_index (category_layouts, order[k]);
      double top = L->plot.y + L->plot.height + 0.45 * L->fs;

      if (L->vertical_categories)
        {
          double h;

          text_size (layout, NULL, &h);
          add_text (L->texts, g_object_ref (layout), L->plot.x + (k + 0.5) * slot_w - h / 2, top,
                    L->theme.foreground, FALSE);
          g_array_index (L->texts, Text, L->texts->len - 1).vertical = TRUE;
        }
      else
        add_text (L->texts, g_object_ref (layout), L->plot.x + k * slot_w + 0.15 * L->fs, top,
                  L->theme.foreground, FALSE);
    }

  L->has_period = FALSE;
  if (L->has_bands)
    {
      L->band_low = value_y (L, data->quartile_low[L->year_index]);
      L->band_high = value_y (L, data->quartile_high[L->year_index]);
    }
}

/* One attempt at the plot and what goes around it, in L->frame */
static gboolean
layout_pass (VerkanChartLayout *L, const VerkanChartData *data, gboolean end_labels)
{
  VerkanChartRect area = L->frame;
  double fs = L->fs, strip_h, x_labels_h, est_h, min, max, axis_w, line_h;
  g_autoptr(GPtrArray) tick_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) category_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree guint *order = g_new (guint, MAX (L->n_series, 1));
  double end_w = 0;
  guint target_ticks;

  g_array_set_size (L->texts, 0);
  g_array_set_size (L->points, 0);
  g_array_set_size (L->labels, 0);
  g_array_set_size (L->leaders, 0);
  g_array_set_size (L->missing, 0);
  g_array_set_size (L->year_ticks, 0);
  g_array_set_size (L->quartiles, 0);

  L->has_bands = has_quartiles (L, data);
  if (L->has_bands)
    band_colors (L, data);

  /* the strip over the plot, the labels under it */
  {
    PangoLayout *probe = new_text (L, L->small_font, "2021", -1, 1, PANGO_ALIGN_LEFT);
    text_size (probe, NULL, &line_h);
    g_object_unref (probe);
  }
  strip_h = line_h + 0.5 * fs;

  place_legend (L, data, &area, strip_h,
                L->kind == VERKAN_CHART_KIND_LINE && L->n_series == 1 && !end_labels);
  x_labels_h = fs * 1.2 + 0.6 * fs;
  est_h = area.height - strip_h - x_labels_h * (L->kind == VERKAN_CHART_KIND_LINE ? 1 : 2);

  /* the value axis */
  drawn_range (L, data, &min, &max);
  if (isfinite (data->baseline_value))
    {
      min = MIN (min, data->baseline_value);
      max = MAX (max, data->baseline_value);
    }
  if (isfinite (data->target_value))
    {
      min = MIN (min, data->target_value);
      max = MAX (max, data->target_value);
    }
  target_ticks = (guint) CLAMP (round (est_h / (3.4 * fs)), 2, 8);
  if (L->kind != VERKAN_CHART_KIND_LINE)
    {
      /* room for the value labels over the highest bar */
      double span;

      min = MIN (min, 0);
      max = MAX (max, 0);
      span = max - min > 0 ? max - min : 1;
      if (max > 0)
        max += span * (1.6 * fs) / MAX (est_h, fs);
      if (min < 0)
        min -= span * (1.6 * fs) / MAX (est_h, fs);
    }
  verkan_chart_ticks_compute (min, max, target_ticks, L->kind != VERKAN_CHART_KIND_LINE, &L->ticks);
  axis_w = measure_ticks (L, tick_layouts) + 0.5 * fs;

  /* the gutter for the line ends' values */
  if (end_labels)
    {
      for (guint s = 0; s < L->n_series; s++)
        {
          double v = series_values (data, s, data->gender)[L->n_years - 1];
          g_autofree char *value = NULL;
          g_autofree char *text = NULL;
          PangoLayout *probe;
          double w;

          if (!isfinite (v))
            continue;
          value = format_label (L, v);
          text = L->n_series == 1 ? g_strdup_printf ("%s %s", L->looks[s].label, value) : g_strdup (value);
          probe = new_text (L, L->font, text, -1, 1, PANGO_ALIGN_LEFT);
          text_size (probe, &w, NULL);
          end_w = MAX (end_w, w + 0.7 * fs);
          g_object_unref (probe);
        }
    }

  L->plot.x = area.x + axis_w;
  L->plot.y = area.y + strip_h;
  L->plot.width = MAX (area.x + area.width - end_w - L->plot.x, fs);

  /* the categories under bars, wrapped to their slots */
  if (L->kind != VERKAN_CHART_KIND_LINE)
    {
      double slot_w = L->plot.width / MAX (L->n_series, 1);
      g_autofree double *values = g_new (double, MAX (L->n_series, 1));

      double text_w = slot_w - 0.3 * fs;
      gboolean upright = TRUE;

      /* wrapped between words into at most four lines under each bar
       * group; when a word is wider than its slot, all names stand on end */
      x_labels_h = 0;
      for (guint s = 0; s < L->n_series; s++)
        {
          PangoLayout *layout = pango_layout_new (L->context);
          double w, h;

          pango_layout_set_font_description (layout, L->font);
          pango_layout_set_width (layout, pango_units_from_double (MAX (text_w, 1)));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_set_text (layout, L->looks[s].label, -1);
          text_size (layout, NULL, &h);
          w = ink_width (layout);
          if (w > text_w + 0.5 || pango_layout_get_line_count (layout) > 4)
            upright = FALSE;
          x_labels_h = MAX (x_labels_h, h);
          g_ptr_array_add (category_layouts, layout);
          order[s] = s;
          values[s] = L->kind == VERKAN_CHART_KIND_BAR ? bar_value (L, data, s, data->gender) : 0;
        }
      L->vertical_categories = !upright;
      if (!upright)
        {
          double longest = 0.3 * area.height;

          x_labels_h = 0;
          for (guint s = 0; s < L->n_series; s++)
            {
              PangoLayout *layout = g_ptr_array_index (category_layouts, s);
              double w;

              pango_layout_set_width (layout, pango_units_from_double (longest));
              pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
              pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
              pango_layout_set_height (layout, -1);
              pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
              w = ink_width (layout);
              x_labels_h = MAX (x_labels_h, w);
            }
        }
      x_labels_h += 0.6 * fs;
      /* the bar chart is sorted, largest first; the gender chart keeps the order given */
      if (L->kind == VERKAN_CHART_KIND_BAR)
        g_qsort_with_data (order, L->n_series, sizeof *order, compare_by_value, values);
    }

  L->plot.height = MAX (area.y + area.height - x_labels_h - L->plot.y, fs);

  finish_legend (L, &area);
  place_ticks (L, tick_layouts);

  if (L->kind == VERKAN_CHART_KIND_LINE)
    {
      if (!layout_lines (L, data, end_labels))
        return FALSE;
    }
  else
    {
      layout_bars (L, data, category_layouts, order);
    }

  place_strip (L, data, &area, area.y);
  place_target_and_baseline (L, data);
  return TRUE;
}

/* --- the layout -------------------------------------------------------------- */

VerkanChartLayout *
verkan_chart_layout_new (const VerkanChartData  *data,
                         const VerkanChartStyle *style,
                         PangoContext           *context,
                         double                  width,
                         double                  height)
{
  VerkanChartLayout *L;
  VerkanChartStyle defaults;
  double fs, pad, top, bottom, min, max;
  guint main_i = 0, comparison_i = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (style == NULL)
    {
      verkan_chart_style_init (&defaults);
      style = &defaults;
    }

  L = g_new0 (VerkanChartLayout, 1);
  L->kind = data->kind;
  L->style = *style;
  L->font_family = g_strdup (style->font_family ? style->font_family : "Cantarell, sans");
  L->style.font_family = L->font_family;
  L->width = MAX (width, 1);
  L->height = MAX (height, 1);
  verkan_chart_theme_init (&L->theme, style->dark);
  L->context = context ? g_object_ref (context) : verkan_drawing_new_text_context ();

  L->fs = fs = BASE_FONT_SIZE * (style->font_scale > 0 ? style->font_scale : 1.0);
  L->font = new_font (L, fs, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  L->small_font = new_font (L, fs * 0.9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  L->italic_font = new_font (L, fs * 0.9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
  L->title_font = new_font (L, fs * 1.3, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  L->message_font = new_font (L, fs * 1.2, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);

  L->frame_texts = g_array_new (FALSE, FALSE, sizeof (Text));
  g_array_set_clear_func (L->frame_texts, clear_text);
  L->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  g_array_set_clear_func (L->texts, clear_text);
  L->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (L->entries, clear_entry);
  L->points = g_array_new (FALSE, FALSE, sizeof (VerkanChartPoint));
  L->labels = g_array_new (FALSE, FALSE, sizeof (VerkanChartRect));
  L->leaders = g_array_new (FALSE, FALSE, sizeof (Segment));
  L->missing = g_array_new (FALSE, FALSE, sizeof (VerkanChartPoint));
  L->year_ticks = g_array_new (FALSE, FALSE, sizeof (double));
  L->quartiles = g_array_new (FALSE, FALSE, sizeof (QuartileColumn));

  /* what the layout keeps of the data */
  L->first_year = data->first_year;
  L->n_years = MAX (data->n_years, 0);
  L->unit = g_strdup (data->unit ? data->unit : "");
  L->n_series = data->series ? data->series->len : 0;
  L->looks = g_new0 (Look, MAX (L->n_series, 1));
  for (guint s = 0; s < L->n_series; s++)
    {
      const VerkanChartSeries *series = g_ptr_array_index (data->series, s);
      Look *look = &L->looks[s];

      look->label = g_strdup (series->label ? series->label : series->id);
      look->comparison = series->role == VERKAN_SERIES_COMPARISON;
      if (look->comparison)
        {
          look->color = verkan_chart_palette_comparison (comparison_i, style->dark);
          /* from the other end of the shapes: Riket a cross, then a diamond */
          look->marker = verkan_chart_palette_marker (VERKAN_MARKER_CROSS + 5 - comparison_i % 5);
          look->dash = comparison_i++;
        }
      else
        {
          look->color = verkan_chart_palette_color (main_i, style->dark);
          look->marker = verkan_chart_palette_marker (main_i++);
        }
    }

  L->year = data->year;
  L->year_index = -1;
  if (L->kind != VERKAN_CHART_KIND_LINE)
    {
      L->year_index = data->year - data->first_year;
      /* no year, or one outside the data: the last year with a value */
      if (L->year_index < 0 || L->year_index >= L->n_years)
        {
          L->year_index = -1;
          for (int i = L->n_years - 1; i >= 0 && L->year_index < 0; i--)
            for (guint s = 0; s < L->n_series && L->year_index < 0; s++)
              for (int g = 0; g < VERKAN_N_GENDERS; g++)
                if ((L->kind == VERKAN_CHART_KIND_GENDER || g == (int) data->gender) &&
                    isfinite (series_values (data, s, g)[i]))
                  L->year_index = i;
          if (L->year_index >= 0)
            L->year = data->first_year + L->year_index;
        }
    }

  L->dense = L->n_series > DENSE_SERIES;
  L->line_width = L->dense ? 1.0 : MAX (1.5, 0.16 * fs);
  L->marker_size = MAX (5, 0.55 * fs);
  L->decimals = value_decimals (L, data);
  L->has_values = L->n_series > 0 && L->n_years > 0 && drawn_range (L, data, &min, &max);

  /* the title on top, the captions at the bottom */
  pad = 0.9 * fs;
  top = pad;
  bottom = L->height - pad;
  if (style->show_title && data->title && *data->title)
    {
      PangoLayout *layout = new_text (L, L->title_font, data->title, L->width - 2 * pad, 2, PANGO_ALIGN_LEFT);
      double h;

      text_size (layout, NULL, &h);
      add_text (L->frame_texts, layout, pad, top, L->theme.foreground, FALSE);
      top += h + 0.6 * fs;
    }
  {
    const char *lines[3] = { data->caption, data->illustrative_note, style->show_source ? data->source : NULL };
    PangoFontDescription *fonts[3] = { L->small_font, L->italic_font, L->small_font };

    for (int i = 2; i >= 0; i--)
      {
        PangoLayout *layout;
        double h;

        if (lines[i] == NULL || *lines[i] == '\0')
          continue;
        layout = new_text (L, fonts[i], lines[i], L->width - 2 * pad, 3, PANGO_ALIGN_LEFT);
        text_size (layout, NULL, &h);
        bottom -= h;
        add_text (L->frame_texts, layout, pad, bottom, L->theme.muted, FALSE);
        bottom -= 0.15 * fs;
      }
    if (bottom < L->height - pad)
      bottom -= 0.6 * fs;
  }
  L->frame = (VerkanChartRect) { pad, top, MAX (L->width - 2 * pad, 1), MAX (bottom - top, 1) };

  if (!L->has_values)
    {
      /* Translators: shown in place of a chart that has no values */
      PangoLayout *layout = new_text (L, L->message_font, _("No values to show"), L->frame.width, 2,
                                      PANGO_ALIGN_CENTER);
      double h;

      text_size (layout, NULL, &h);
      add_text (L->frame_texts, layout, L->frame.x, L->frame.y + (L->frame.height - h) / 2,
                L->theme.muted, FALSE);
      L->plot = L->frame;
      verkan_chart_ticks_compute (0, 1, 5, TRUE, &L->ticks);
      return L;
    }

  if (L->kind != VERKAN_CHART_KIND_LINE ||
      L->n_series > MAX_END_LABELS ||
      !layout_pass (L, data, TRUE))
    layout_pass (L, data, FALSE);
  return L;
}

void
verkan_chart_layout_free (VerkanChartLayout *L)
{
  if (L == NULL)
    return;

  g_array_unref (L->frame_texts);
  g_array_unref (L->texts);
  g_array_unref (L->entries);
  g_array_unref (L->points);
  g_array_unref (L->labels);
  g_array_unref (L->leaders);
  g_array_unref (L->missing);
  g_array_unref (L->year_ticks);
  g_array_unref (L->quartiles);
  for (guint s = 0; s < L->n_series; s++)
    g_free (L->looks[s].label);
  g_free (L->looks);
  g_free (L->unit);
  pango_font_description_free (L->font);
  pango_font_description_free (L->small_font);
  pango_font_description_free (L->italic_font);
  pango_font_description_free (L->title_font);
  pango_font_description_free (L->message_font);
  g_object_unref (L->context);
  g_free (L->font_family);
  g_free (L);
}

/* --- painting ------------------------------------------------------------------- */

static void
paint_text (cairo_t *cr, const VerkanChartLayout *L, const Text *text)
{
  if (text->halo)
    {
      double w, h, m = 0.15 * L->fs;

      text_size (text->layout, &w, &h);
      cairo_rectangle (cr, text->x - m, text->y, w + 2 * m, h);
      verkan_chart_set_source_rgba (cr, &(VerkanRgba) { L->theme.background.r, L->theme.background.g,
                                                          L->theme.background.b, 0.85 });
      cairo_fill (cr);
    }
  verkan_chart_set_source_rgba (cr, &text->color);
  if (text->vertical)
    {
      double w = ink_width (text->layout);

      /* turned a quarter left: the text rises to end just under the axis */
      cairo_save (cr);
      cairo_translate (cr, text->x, text->y);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, -w, 0);
      pango_cairo_show_layout (cr, text->layout);
      cairo_restore (cr);
      return;
    }
  cairo_move_to (cr, text->x, text->y);
  pango_cairo_show_layout (cr, text->layout);
}

static void
plot_clip (cairo_t *cr, const VerkanChartLayout *L)
{
  cairo_rectangle (cr, L->plot.x, L->plot.y, L->plot.width, L->plot.height);
  cairo_clip (cr);
}

static void
paint_bands (cairo_t *cr, const VerkanChartLayout *L)
{
  double top = L->plot.y - 1, bottom = L->plot.y + L->plot.height + 1;

  if (!L->has_bands)
    return;

  cairo_save (cr);
  plot_clip (cr, L);
  if (L->kind != VERKAN_CHART_KIND_LINE)
    {
      double x = L->plot.x, w = L->plot.width;

      verkan_chart_set_source_rgba (cr, &L->band_colors[BAND_TOP]);
      cairo_rectangle (cr, x, top, w, L->band_high - top);
      cairo_fill (cr);
      verkan_chart_set_source_rgba (cr, &L->band_colors[BAND_MIDDLE]);
      cairo_rectangle (cr, x, L->band_high, w, L->band_low - L->band_high);
      cairo_fill (cr);
      verkan_chart_set_source_rgba (cr, &L->band_colors[BAND_BOTTOM]);
      cairo_rectangle (cr, x, L->band_low, w, bottom - L->band_low);
      cairo_fill (cr);
    }
  else
    {
      guint start = 0;

      while (start < L->quartiles->len)
        {
          guint end = start;
          const QuartileColumn *c = (const QuartileColumn *) L->quartiles->data;

          while (end < L->quartiles->len && isfinite (c[end].x))
            end++;
          if (end > start)
            for (int band = 0; band < N_BANDS; band++)
              {
                /* the upper edge left to right, the lower edge back */
                for (guint i = start; i < end; i++)
                  {
                    double y = band == BAND_TOP ? top : band == BAND_MIDDLE ? c[i].high : c[i].low;
                    if (i == start)
                      cairo_move_to (cr, c[i].x, y);
                    else
                      cairo_line_to (cr, c[i].x, y);
                  }
                for (guint i = end; i-- > start;)
                  cairo_line_to (cr, c[i].x, band == BAND_TOP ? c[i].high
                                             : band == BAND_MIDDLE ? c[i].low : bottom);
                cairo_close_path (cr);
                verkan_chart_set_source_rgba (cr, &L->band_colors[band]);
                cairo_fill (cr);
              }
          start = end + 1;
        }
    }
  cairo_restore (cr);
}

/* The project period: a shaded band over the quartiles, edged where it
 * starts and ends inside the plot so that it reads on coloured bands too */
static void
paint_period (cairo_t *cr, const VerkanChartLayout *L)
{
  VerkanRgba edge = with_alpha (L->theme.muted, 0.55);

  if (!L->has_period)
    return;
  verkan_chart_set_source_rgba (cr, &L->theme.period);
  cairo_rectangle (cr, L->period_x0, L->plot.y, L->period_x1 - L->period_x0, L->plot.height);
  cairo_fill (cr);
  verkan_chart_set_source_rgba (cr, &edge);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i < 2; i++)
    {
      double x = i == 0 ? L->period_x0 : L->period_x1;
      if (x > L->plot.x + 1 && x < L->plot.x + L->plot.width - 1)
        {
          cairo_move_to (cr, round (x) + 0.5, L->plot.y);
          cairo_line_to (cr, round (x) + 0.5, L->plot.y + L->plot.height);
        }
    }
  cairo_stroke (cr);
}

static void
paint_axes (cairo_t *cr, const VerkanChartLayout *L)
{
  double left = L->plot.x, right = L->plot.x + L->plot.width;
  double bottom = L->plot.y + L->plot.height;

  cairo_set_line_width (cr, 1);
  verkan_chart_set_source_rgba (cr, &L->theme.grid);
  for (guint i = 0; i < L->ticks.n_ticks; i++)
    {
      double v = verkan_chart_ticks_value (&L->ticks, i);
      double y = round (value_y (L, v)) + 0.5;

      if (v == 0 && L->ticks.min < 0)
        continue;
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);

  /* the bottom, and zero when the axis crosses it */
  verkan_chart_set_source_rgba (cr, &L->theme.muted);
  cairo_move_to (cr, left, round (bottom) + 0.5);
  cairo_line_to (cr, right, round (bottom) + 0.5);
  if (L->ticks.min < 0 && L->ticks.max > 0)
    {
      double y = round (value_y (L, 0)) + 0.5;
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < L->year_ticks->len; i++)
    {
      double x = round (g_array_index (L->year_ticks, double, i)) + 0.5;
      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + 0.3 * L->fs);
    }
  cairo_stroke (cr);
}

static void
paint_target_line (cairo_t *cr, const VerkanChartLayout *L)
{
  double dashes[] = { 0.45 * L->fs, 0.3 * L->fs };

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.2, 0.1 * L->fs));
  if (L->has_target)
    {
      verkan_chart_set_source_rgba (cr, &L->theme.target);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_move_to (cr, L->plot.x, L->target_y);
      cairo_line_to (cr, L->plot.x + L->plot.width, L->target_y);
      cairo_stroke (cr);
    }
  if (L->has_baseline && L->baseline_is_line)
    {
      double dots[] = { 0.12 * L->fs, 0.3 * L->fs };
      verkan_chart_set_source_rgba (cr, &L->theme.foreground);
      cairo_set_dash (cr, dots, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, L->plot.x, L->baseline_y);
      cairo_line_to (cr, L->plot.x + L->plot.width, L->baseline_y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
paint_marker (cairo_t *cr, const VerkanChartLayout *L, const Look *look, double x, double y, double size)
{
  verkan_chart_draw_marker (cr, look->marker, x, y, size);
  if (look->comparison)
    {
      /* hollow: a comparison reads apart from the main series in grey too */
      verkan_chart_set_source_rgba (cr, &L->theme.background);
      cairo_fill_preserve (cr);
      verkan_chart_set_source_rgba (cr, &look->color);
      cairo_set_line_width (cr, MAX (1.2, size * 0.2));
      cairo_stroke (cr);
    }
  else
    {
      verkan_chart_set_source_rgba (cr, &look->color);
      cairo_fill_preserve (cr);
      verkan_chart_set_source_rgba (cr, &L->theme.background);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

static void
append_series_path (cairo_t *cr, const VerkanChartPoint *p, guint start, guint end)
{
  for (guint i = start; i < end; i++)
    {
      /* a missing year breaks the line */
      if (i == start || p[i].index != p[i - 1].index + 1)
        cairo_move_to (cr, p[i].x, p[i].y);
      else
        cairo_line_to (cr, p[i].x, p[i].y);
    }
}

static void
paint_lines (cairo_t *cr, const VerkanChartLayout *L)
{
  const VerkanChartPoint *p = (const VerkanChartPoint *) L->points->data;
  g_autofree guint *first = g_new0 (guint, L->n_series + 1);
  g_autofree gboolean *done = g_new0 (gboolean, L->n_series + 1);

  /* where each series' points start (they are by series) */
  for (guint i = 0, s = 0; s <= L->n_series; s++)
    {
      while (i < L->points->len && p[i].series < s)
        i++;
      first[s] = i;
    }

  cairo_save (cr);
  /* a dense chart is hundreds of thin lines: round joins and the finest
   * antialiasing cost time there, and nobody sees them (the export to
   * PDF and SVG ignores the antialiasing) */
  cairo_set_line_join (cr, L->dense ? CAIRO_LINE_JOIN_MITER : CAIRO_LINE_JOIN_ROUND);
  if (L->dense)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  /* comparisons behind, the project's municipalities over them */
  for (int pass = 0; pass < 2; pass++)
    for (guint s = 0; s < L->n_series; s++)
      {
        const Look *look = &L->looks[s];

        if (look->comparison != (pass == 0) || done[s])
          continue;
        /* (one path per series: cairo strokes many short paths faster than
         * one that crosses itself a thousand times) */
        append_series_path (cr, p, first[s], first[s + 1]);
        done[s] = TRUE;
        verkan_chart_set_source_rgba (cr, &look->color);
        cairo_set_line_width (cr, L->line_width);   /* markers set their own */
        verkan_chart_palette_set_dash (cr, look->comparison, look->dash, L->line_width);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);

        for (guint i = first[s]; i < first[s + 1]; i++)
          {
            gboolean lone = (i == first[s] || p[i].index != p[i - 1].index + 1) &&
                            (i + 1 == first[s + 1] || p[i + 1].index != p[i].index + 1);

            /* a dense chart marks only the points no line reaches */
            if (!L->dense || lone)
              paint_marker (cr, L, look, p[i].x, p[i].y, L->marker_size);
          }
      }
  cairo_restore (cr);
}

static void
hatch (cairo_t *cr, const VerkanChartRect *r, double spacing)
{
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  for (double d = -r->height; d < r->width; d += spacing)
    {
      cairo_move_to (cr, r->x + d, r->y + r->height);
      cairo_line_to (cr, r->x + d + r->height, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_bars (cairo_t *cr, const VerkanChartLayout *L)
{
  for (guint i = 0; i < L->points->len; i++)
    {
      const VerkanChartPoint *p = &g_array_index (L->points, VerkanChartPoint, i);
      const Look *look = &L->looks[p->series];
      VerkanRgba color = L->kind == VERKAN_CHART_KIND_GENDER ? gender_color (L, p->index) : look->color;
      const VerkanChartRect *r = &p->bar;

      if (look->comparison)
        {
          /* lighter, hatched and outlined: tells apart in greyscale too */
          VerkanRgba light = mix (L->theme.background, color, 0.3);
          verkan_chart_set_source_rgba (cr, &light);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
          cairo_fill (cr);
          verkan_chart_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, 1);
          hatch (cr, r, 0.5 * L->fs);
          cairo_set_line_width (cr, 1.4);
          cairo_rectangle (cr, r->x + 0.7, r->y + 0.7, MAX (r->width - 1.4, 0), MAX (r->height - 1.4, 0));
          cairo_stroke (cr);
        }
      else
        {
          verkan_chart_set_source_rgba (cr, &color);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
          cairo_fill (cr);
        }
    }

  /* no value: a short dash on the axis, never a bar of zero */
  verkan_chart_set_source_rgba (cr, &L->theme.muted);
  cairo_set_line_width (cr, MAX (1.5, 0.14 * L->fs));
  for (guint i = 0; i < L->missing->len; i++)
    {
      const VerkanChartPoint *p = &g_array_index (L->missing, VerkanChartPoint, i);
      double half = MIN (p->bar.width * 0.3, 0.5 * L->fs);
      cairo_move_to (cr, p->x - half, p->y - 0.6 * L->fs);
      cairo_line_to (cr, p->x + half, p->y - 0.6 * L->fs);
    }
  cairo_stroke (cr);
}

static void
paint_marks (cairo_t *cr, const VerkanChartLayout *L)
{
  double r = 0.42 * L->fs;

  for (guint i = 0; i < L->leaders->len; i++)
    {
      const Segment *s = &g_array_index (L->leaders, Segment, i);
      verkan_chart_set_source_rgba (cr, &s->color);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, s->x0, s->y0);
      cairo_line_to (cr, s->x1, s->y1);
      cairo_stroke (cr);
    }
  if (L->has_target_mark)
    {
      /* a bull's eye */
      cairo_new_sub_path (cr);
      cairo_arc (cr, L->target_x, L->target_y, r, 0, 2 * G_PI);
      verkan_chart_set_source_rgba (cr, &L->theme.background);
      cairo_fill_preserve (cr);
      verkan_chart_set_source_rgba (cr, &L->theme.target);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      cairo_arc (cr, L->target_x, L->target_y, r * 0.4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  if (L->has_baseline && !L->baseline_is_line)
    {
      /* a ring around the point it starts from */
      cairo_new_sub_path (cr);
      cairo_arc (cr, L->baseline_x, L->baseline_y, r * 1.15, 0, 2 * G_PI);
      verkan_chart_set_source_rgba (cr, &L->theme.foreground);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
    }
}

static void
paint_legend (cairo_t *cr, const VerkanChartLayout *L)
{
  if (!L->has_legend)
    return;

  for (guint i = 0; i < L->entries->len; i++)
    {
      const Entry *e = &g_array_index (L->entries, Entry, i);
      double h, text_x = e->x, cy;

      text_size (e->text, NULL, &h);
      cy = e->y + MIN (h, L->fs * 1.3) / 2;
      switch (e->kind)
        {
        case ENTRY_SERIES:
          {
            const Look *look = &L->looks[e->series];
            double w = L->sample_width;

            cairo_save (cr);
            verkan_chart_set_source_rgba (cr, &look->color);
            cairo_set_line_width (cr, MAX (L->line_width, 1.5));
            verkan_chart_palette_set_dash (cr, look->comparison, look->dash, MAX (L->line_width, 1.5));
            cairo_move_to (cr, e->x, cy);
            cairo_line_to (cr, e->x + w, cy);
            cairo_stroke (cr);
            cairo_restore (cr);
            /* the lines of a dense chart have no markers */
            if (!L->dense)
              paint_marker (cr, L, look, e->x + w / 2, cy, L->marker_size);
            text_x += w + 0.5 * L->fs;
          }
          break;
        case ENTRY_SWATCH:
          {
            double s = 0.85 * L->fs;
            cairo_rectangle (cr, e->x + 0.5, cy - s / 2 + 0.5, s, s);
            verkan_chart_set_source_rgba (cr, &e->color);
            cairo_fill_preserve (cr);
            verkan_chart_set_source_rgba (cr, &(VerkanRgba) { L->theme.muted.r, L->theme.muted.g,
                                                                L->theme.muted.b, 0.6 });
            cairo_set_line_width (cr, 1);
            cairo_stroke (cr);
            text_x += L->fs + 0.5 * L->fs;
          }
          break;
        case ENTRY_MORE:
        default:
          break;
        }
      verkan_chart_set_source_rgba (cr, e->kind == ENTRY_MORE ? &L->theme.muted : &L->theme.foreground);
      cairo_move_to (cr, text_x, e->y);
      pango_cairo_show_layout (cr, e->text);
    }
}

static void
paint_focus (cairo_t *cr, const VerkanChartLayout *L)
{
  if (L->style.focus_series < 0)
    return;
  for (guint i = 0; i < L->points->len; i++)
    {
      const VerkanChartPoint *p = &g_array_index (L->points, VerkanChartPoint, i);

      if ((int) p->series != L->style.focus_series || (int) p->index != L->style.focus_point)
        continue;
      cairo_save (cr);
      verkan_chart_set_source_rgba (cr, &L->theme.foreground);
      cairo_set_line_width (cr, 2);
      if (L->kind == VERKAN_CHART_KIND_LINE)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, p->x, p->y, L->marker_size / 2 + 4, 0, 2 * G_PI);
        }
      else
        cairo_rectangle (cr, p->bar.x - 3, p->bar.y - 3, p->bar.width + 6, p->bar.height + 6);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

void
verkan_chart_layout_draw (VerkanChartLayout *L,
                          cairo_t           *cr)
{
  g_return_if_fail (L != NULL && cr != NULL);

  cairo_save (cr);
  verkan_chart_set_source_rgba (cr, &L->theme.background);
  cairo_rectangle (cr, 0, 0, L->width, L->height);
  cairo_fill (cr);

  if (L->has_values)
    {
      paint_bands (cr, L);
      paint_period (cr, L);
      paint_axes (cr, L);
      paint_target_line (cr, L);
      cairo_save (cr);
      /* data beyond the plot (never, but for rounding) stays in it */
      cairo_rectangle (cr, L->plot.x - L->marker_size, L->plot.y - L->marker_size,
                       L->plot.width + 2 * L->marker_size, L->plot.height + 2 * L->marker_size);
      cairo_clip (cr);
      if (L->kind == VERKAN_CHART_KIND_LINE)
        paint_lines (cr, L);
      else
        paint_bars (cr, L);
      cairo_restore (cr);
      paint_marks (cr, L);
      for (guint i = 0; i < L->texts->len; i++)
        paint_text (cr, L, &g_array_index (L->texts, Text, i));
      paint_legend (cr, L);
      paint_focus (cr, L);
    }
  for (guint i = 0; i < L->frame_texts->len; i++)
    paint_text (cr, L, &g_array_index (L->frame_texts, Text, i));
  cairo_restore (cr);
}

/* --- reading back ---------------------------------------------------------------- */

const VerkanChartRect *
verkan_chart_layout_get_plot_area (VerkanChartLayout *L)
{
  g_return_val_if_fail (L != NULL, NULL);
  return &L->plot;
}

const VerkanChartRect *
verkan_chart_layout_get_legend (VerkanChartLayout *L)
{
  g_return_val_if_fail (L != NULL, NULL);
  return L->has_values && L->has_legend ? &L->legend : NULL;
}

const VerkanChartTicks *
verkan_chart_layout_get_ticks (VerkanChartLayout *L)
{
  g_return_val_if_fail (L != NULL, NULL);
  return &L->ticks;
}

const VerkanChartPoint *
verkan_chart_layout_get_points (VerkanChartLayout *L,
                                guint             *n_points)
{
  g_return_val_if_fail (L != NULL, NULL);
  if (n_points)
    *n_points = L->points->len;
  return (const VerkanChartPoint *) L->points->data;
}

const VerkanChartRect *
verkan_chart_layout_get_labels (VerkanChartLayout *L,
                                guint             *n_labels)
{
  g_return_val_if_fail (L != NULL, NULL);
  if (n_labels)
    *n_labels = L->labels->len;
  return (const VerkanChartRect *) L->labels->data;
}

static double
distance_to_rect (const VerkanChartRect *r, double x, double y)
{
  double dx = MAX (MAX (r->x - x, 0), x - (r->x + r->width));
  double dy = MAX (MAX (r->y - y, 0), y - (r->y + r->height));
  return sqrt (dx * dx + dy * dy);
}

int
verkan_chart_layout_hit (VerkanChartLayout *L,
                         double             x,
                         double             y,
                         double             max_distance)
{
  int best = -1;
  double best_d = INFINITY;

  g_return_val_if_fail (L != NULL, -1);

  for (guint i = 0; i < L->points->len; i++)
    {
      const VerkanChartPoint *p = &g_array_index (L->points, VerkanChartPoint, i);
      double d = L->kind == VERKAN_CHART_KIND_LINE ? hypot (p->x - x, p->y - y)
                                                    : distance_to_rect (&p->bar, x, y);

      if (d <= max_distance && d < best_d)
        {
          best_d = d;
          best = (int) i;
        }
    }
  return best;
}

int
verkan_chart_layout_step (VerkanChartLayout *L,
                          int                from,
                          int                dx,
                          int                dy)
{
  const VerkanChartPoint *p, *here;
  int best = from;
  double best_d = INFINITY;

  g_return_val_if_fail (L != NULL, -1);

  if (L->points->len == 0)
    return -1;
  if (from < 0 || (guint) from >= L->points->len)
    return 0;
  p = (const VerkanChartPoint *) L->points->data;
  here = &p[from];

  for (guint i = 0; i < L->points->len; i++)
    {
      double d;

      if ((int) i == from)
        continue;
      if (L->kind == VERKAN_CHART_KIND_LINE)
        {
          if (dx != 0 && dy == 0)
            {
              /* along the series: the next year with a value */
              if (p[i].series != here->series || (p[i].x - here->x) * dx <= 0)
                continue;
              d = fabs (p[i].x - here->x);
            }
          else if (dy != 0)
            {
              /* the series above or below at the same year */
              if (p[i].index != here->index)
                continue;
              if ((p[i].y - here->y) * dy < 0 || (p[i].y == here->y && ((int) p[i].series - (int) here->series) * dy < 0))
                continue;
              if (p[i].y == here->y && p[i].series == here->series)
                continue;
              d = fabs (p[i].y - here->y) + (p[i].y == here->y ? fabs ((double) p[i].series - here->series) * 1e-3 : 0);
            }
          else
            continue;
        }
      else
        {
          if (dx != 0 && dy == 0)
            {
              /* the next bar to the left or right */
              if ((p[i].x - here->x) * dx <= 0)
                continue;
              d = fabs (p[i].x - here->x);
            }
          else if (dy != 0 && L->kind == VERKAN_CHART_KIND_GENDER)
            {
              /* the same gender in the next group */
              if (p[i].index != here->index || (p[i].x - here->x) * dy <= 0)
                continue;
              d = fabs (p[i].x - here->x);
            }
          else
            continue;
        }
      if (d < best_d)
        {
          best_d = d;
          best = (int) i;
        }
    }
  return best;
}

char *
verkan_chart_layout_describe_point (VerkanChartLayout *L,
                                    int                point)
{
  const VerkanChartPoint *p;
  g_autofree char *value = NULL;
  const char *label;
  int year;

  g_return_val_if_fail (L != NULL, NULL);
  if (point < 0 || (guint) point >= L->points->len)
    return NULL;

  p = &g_array_index (L->points, VerkanChartPoint, point);
  value = verkan_chart_format_value (p->value, L->decimals, L->unit);
  label = L->looks[p->series].label;
  year = L->kind == VERKAN_CHART_KIND_LINE ? L->first_year + (int) p->index : L->year;

  if (L->kind == VERKAN_CHART_KIND_GENDER)
    switch ((VerkanGender) p->index)
      {
      case VERKAN_GENDER_WOMEN:
        /* Translators: a bar in a chart of women and men: "Hallsberg 2021, women: 4,4 %" */
        return g_strdup_printf (_("%s %d, women: %s"), label, year, value);
      case VERKAN_GENDER_MEN:
        /* Translators: a bar in a chart of women and men: "Hallsberg 2021, men: 4,4 %" */
        return g_strdup_printf (_("%s %d, men: %s"), label, year, value);
      case VERKAN_GENDER_TOTAL:
      case VERKAN_N_GENDERS:
      default:
        /* Translators: a bar in a chart of women and men: "Hallsberg 2021, total: 4,4 %" */
        return g_strdup_printf (_("%s %d, total: %s"), label, year, value);
      }
  /* Translators: a point of a chart, for the tooltip and the screen reader:
   * municipality, year and value, "Hallsberg 2021: 4,4 %" */
  return g_strdup_printf (_("%s %d: %s"), label, year, value);
}

/* --- drawing in one go, and export -------------------------------------------------- */

void
verkan_chart_draw (cairo_t                *cr,
                   const VerkanChartData  *data,
                   const VerkanChartStyle *style,
                   double                  width,
                   double                  height)
{
  g_autoptr(VerkanChartLayout) layout = NULL;
  PangoContext *context;

  g_return_if_fail (cr != NULL && data != NULL);

  /* measured as the export measures, whatever the surface */
  context = verkan_drawing_new_text_context ();
  layout = verkan_chart_layout_new (data, style, context, width, height);
  verkan_chart_layout_draw (layout, cr);
  g_object_unref (context);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}


/* The PNG we make at most: a bitmap of 256 MB */
#define MAX_PNG_PIXELS 64e6

static cairo_status_t
paint_surface (cairo_surface_t *surface, VerkanChartLayout *layout, double scale)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_scale (cr, scale, scale);
  verkan_chart_layout_draw (layout, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return status;
}

/* "Could not save the chart as “x.pdf”: the folder does not exist" */
static void
set_write_error (GError **error, const char *path, GError *cause)
{
  const char *reason = cause->message;

  if (cause->domain == G_FILE_ERROR)
    switch (cause->code)
      {
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_NOTDIR:
        reason = _("the folder does not exist");
        break;
      case G_FILE_ERROR_ACCES:
      case G_FILE_ERROR_PERM:
      case G_FILE_ERROR_ROFS:
        reason = _("you may not write there");
        break;
      case G_FILE_ERROR_ISDIR:
        reason = _("there is a folder by that name");
        break;
      case G_FILE_ERROR_NOSPC:
        reason = _("the disk is full");
        break;
      default:
        break;
      }
  g_set_error (error, VERKAN_CHART_DRAWING_ERROR, VERKAN_CHART_DRAWING_ERROR_WRITE,
               _("Could not save the chart as “%s”: %s"), path, reason);
}

gboolean
verkan_chart_export (const VerkanChartData   *data,
                     const VerkanChartStyle  *style,
                     const char              *path,
                     double                   width,
                     double                   height,
                     double                   scale,
                     GError                 **error)
{
  g_autoptr(VerkanChartLayout) layout = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_status_t status;
  VerkanImageFormat format;
  double px_w, px_h;

  g_return_val_if_fail (data != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!verkan_image_format_from_path (path, &format, VERKAN_CHART_DRAWING_ERROR,
                                      VERKAN_CHART_DRAWING_ERROR_FORMAT, error))
    return FALSE;

  width = MAX (width, 16);
  height = MAX (height, 16);
  if (scale <= 0)
    scale = 2;
  /* laid out in CSS px, so that 10 pt labels are 10 pt on paper */
  px_w = width / PT_PER_PX;
  px_h = height / PT_PER_PX;
  context = verkan_drawing_new_text_context ();
  layout = verkan_chart_layout_new (data, style, context, px_w, px_h);
  g_object_unref (context);

  /* drawn into memory, then written to a temporary file that is renamed
   * into place: the old file stays whole until the new one is */
  bytes = g_byte_array_new ();
  switch (format)
    {
    case VERKAN_IMAGE_PNG:
      scale = MIN (scale, sqrt (MAX_PNG_PIXELS / (width * height)));
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = paint_surface (surface, layout, scale * PT_PER_PX);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      break;

    case VERKAN_IMAGE_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      status = paint_surface (surface, layout, PT_PER_PX);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      break;

    case VERKAN_IMAGE_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      if (data->title && *data->title)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, data->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Verkan " PACKAGE_VERSION);
      status = paint_surface (surface, layout, PT_PER_PX);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      break;
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VERKAN_CHART_DRAWING_ERROR, VERKAN_CHART_DRAWING_ERROR_WRITE,
                   _("The chart could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      set_write_error (error, path, local_error);
      return FALSE;
    }
  return TRUE;
}
