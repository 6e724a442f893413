/* test-chart.c: the chart renderer (src/chart/verkan-chart-drawing.h):
 * ticks at nice numbers, Swedish labels, gaps for missing values, where the
 * legend and the labels go, hit testing and keyboard steps, export to PNG,
 * SVG and PDF, and a PNG of a fixed chart against a reference image.
 *
 * VERKAN_CHART_SAMPLES=DIR also writes the sample charts there to look at;
 * VERKAN_UPDATE_REFERENCE=1 writes tests/fixtures/chart-reference.png anew.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "verkan-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "verkan-chart-drawing.h"
#include "verkan-format.h"

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"

/* the reference image: drawn with DejaVu Sans (fonts-dejavu-core) */
#define REFERENCE_FONT "DejaVu Sans"
#define REFERENCE_WIDTH 600.0
#define REFERENCE_HEIGHT 380.0
#define PIXEL_THRESHOLD 64
#define MAX_DIFFERING_SHARE 0.015

/* --- charts to draw ---------------------------------------------------------- */

static void
fill (VerkanChartSeries *series, VerkanGender gender, const double *values, int n)
{
  for (int i = 0; i < n; i++)
    series->values[gender][i] = values[i];
}

/* Four municipalities of the sample project, Riket and their similar
 * municipalities, 2015–2023, with the project period, a baseline and a
 * target; the values are illustrative */
static VerkanChartData *
sample_line_chart (void)
{
  static const double hallsberg[] = { 5.1, 4.9, 4.8, 4.6, 4.4, 4.6, 4.4, 4.1, 3.9 };
  static const double hallefors[] = { 8.9, 9.2, 8.8, 8.6, 8.1, 8.3, 7.9, NAN, 7.2 };
  static const double nora[] = { 3.4, 3.3, 3.5, 3.2, 3.0, 3.1, 2.9, 2.8, 2.8 };
  static const double orebro[] = { 5.8, 5.6, 5.4, 5.2, 5.0, 5.1, 4.8, 4.6, 4.5 };
  static const double riket[] = { 4.3, 4.1, 3.9, 3.7, 3.6, 3.7, 3.5, 3.3, 3.2 };
  static const double similar[] = { 5.6, 5.5, 5.3, 5.2, 5.0, 5.2, 4.9, 4.7, 4.6 };
  VerkanChartData *data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2015, 9);

  data->title = g_strdup ("Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%)");
  data->unit = g_strdup ("%");
  fill (verkan_chart_data_add_series (data, "1861", "Hallsberg", VERKAN_SERIES_MAIN), VERKAN_GENDER_TOTAL, hallsberg, 9);
  fill (verkan_chart_data_add_series (data, "1863", "Hällefors", VERKAN_SERIES_MAIN), VERKAN_GENDER_TOTAL, hallefors, 9);
  fill (verkan_chart_data_add_series (data, "1884", "Nora", VERKAN_SERIES_MAIN), VERKAN_GENDER_TOTAL, nora, 9);
  fill (verkan_chart_data_add_series (data, "1880", "Örebro", VERKAN_SERIES_MAIN), VERKAN_GENDER_TOTAL, orebro, 9);
  fill (verkan_chart_data_add_series (data, "0000", "Riket", VERKAN_SERIES_COMPARISON), VERKAN_GENDER_TOTAL, riket, 9);
  fill (verkan_chart_data_add_series (data, "G175966", "Liknande kommuner ekonomiskt bistånd, Hallsberg",
                                      VERKAN_SERIES_COMPARISON), VERKAN_GENDER_TOTAL, similar, 9);
  data->period_start = 2020.75;
  data->period_end = 2023.5;
  data->baseline_value = 4.4;
  data->baseline_year = 2021;
  data->target_value = 3.5;
  data->target_year = 2023;
  data->source = g_strdup ("Källa: Kolada, N31807, ögonblicksbild 2021-07-01");
  data->caption = g_strdup ("Hallsberg, Hällefors, Nora och Örebro jämfört med riket och liknande kommuner.");
  data->illustrative_note = g_strdup ("Värdena är delvis illustrativa: de är inte hämtade från Kolada.");
  return data;
}

static VerkanChartData *
sample_bar_chart (void)
{
  VerkanChartData *data = verkan_chart_data_new (VERKAN_CHART_KIND_BAR, 2021, 3);
  static const struct { const char *id, *label; VerkanSeriesRole role; double value; } rows[] = {
    { "1861", "Hallsberg", VERKAN_SERIES_MAIN, 4.4 },
    { "1863", "Hällefors", VERKAN_SERIES_MAIN, 7.9 },
    { "1884", "Nora", VERKAN_SERIES_MAIN, 2.9 },
    { "1880", "Örebro", VERKAN_SERIES_MAIN, NAN },
    { "0000", "Riket", VERKAN_SERIES_COMPARISON, 3.5 },
    { "G175966", "Liknande kommuner ekonomiskt bistånd, Hallsberg", VERKAN_SERIES_COMPARISON, 4.9 },
  };

  data->title = g_strdup ("Ekonomiskt bistånd, andel (%) av befolkningen, 2022");
  data->unit = g_strdup ("%");
  data->year = 2022;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      VerkanChartSeries *s = verkan_chart_data_add_series (data, rows[i].id, rows[i].label, rows[i].role);
      s->values[VERKAN_GENDER_TOTAL][1] = rows[i].value;
    }
  data->target_value = 3.5;
  data->target_year = 2023;
  data->source = g_strdup ("Källa: Kolada, N31807, ögonblicksbild 2021-07-01");
  return data;
}

static VerkanChartData *
sample_gender_chart (void)
{
  VerkanChartData *data = verkan_chart_data_new (VERKAN_CHART_KIND_GENDER, 2022, 1);
  static const struct { const char *id, *label; VerkanSeriesRole role; double t, k, m; } rows[] = {
    { "1861", "Hallsberg", VERKAN_SERIES_MAIN, 1284, 1310, 1259 },
    { "1863", "Hällefors", VERKAN_SERIES_MAIN, 1502, 1544, 1461 },
    { "1884", "Nora", VERKAN_SERIES_MAIN, 1120, NAN, 1098 },
    { "1880", "Örebro", VERKAN_SERIES_MAIN, 1377, 1402, 1351 },
    { "0000", "Riket", VERKAN_SERIES_COMPARISON, 1198, 1221, 1176 },
  };

  data->title = g_strdup ("Kostnad för ekonomiskt bistånd, kr/inv, 2022");
  data->unit = g_strdup ("kr/inv");
  data->year = 2022;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      VerkanChartSeries *s = verkan_chart_data_add_series (data, rows[i].id, rows[i].label, rows[i].role);
      s->values[VERKAN_GENDER_TOTAL][0] = rows[i].t;
      s->values[VERKAN_GENDER_WOMEN][0] = rows[i].k;
      s->values[VERKAN_GENDER_MEN][0] = rows[i].m;
    }
  data->source = g_strdup ("Källa: Kolada, N31816, hämtad 2024-03-02");
  return data;
}

/* @n series of @years years, a deterministic jumble around 5 */
static VerkanChartData *
dense_line_chart (guint n, int years)
{
  VerkanChartData *data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2004, years);
  GRand *rand = g_rand_new_with_seed (1861);

  data->title = g_strdup ("Alla kommuner");
  data->unit = g_strdup ("%");
  for (guint s = 0; s < n; s++)
    {
      g_autofree char *id = g_strdup_printf ("%04u", 1000 + s);
      g_autofree char *label = g_strdup_printf ("Kommun %u", s + 1);
      VerkanChartSeries *series = verkan_chart_data_add_series (data, id, label, VERKAN_SERIES_MAIN);
      double v = g_rand_double_range (rand, 1, 9);

      for (int i = 0; i < years; i++)
        {
          v += g_rand_double_range (rand, -0.6, 0.6);
          v = CLAMP (v, 0.2, 12);
          series->values[VERKAN_GENDER_TOTAL][i] = round (v * 10) / 10;
        }
    }
  g_rand_free (rand);
  return data;
}

static VerkanChartLayout *
lay_out (const VerkanChartData *data, double width, double height)
{
  VerkanChartStyle style;

  verkan_chart_style_init (&style);
  style.font_family = REFERENCE_FONT;
  return verkan_chart_layout_new (data, &style, NULL, width, height);
}

static gboolean
rects_overlap (const VerkanChartRect *a, const VerkanChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
point_in_rect (double x, double y, const VerkanChartRect *r)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

static void
assert_labels_apart (VerkanChartLayout *layout)
{
  guint n = 0;
  const VerkanChartRect *labels = verkan_chart_layout_get_labels (layout, &n);
  const VerkanChartRect *legend = verkan_chart_layout_get_legend (layout);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (labels[i].width, >, 0);
      for (guint j = i + 1; j < n; j++)
        g_assert_false (rects_overlap (&labels[i], &labels[j]));
      if (legend)
        g_assert_false (rects_overlap (&labels[i], legend));
    }
}

static void
assert_legend_covers_nothing (VerkanChartLayout *layout)
{
  guint n = 0;
  const VerkanChartPoint *points = verkan_chart_layout_get_points (layout, &n);
  const VerkanChartRect *legend = verkan_chart_layout_get_legend (layout);
  const VerkanChartRect *plot = verkan_chart_layout_get_plot_area (layout);

  g_assert_nonnull (legend);
  g_assert_false (rects_overlap (legend, plot));
  for (guint i = 0; i < n; i++)
    {
      g_assert_false (point_in_rect (points[i].x, points[i].y, legend));
      g_assert_false (rects_overlap (&points[i].bar, legend));
    }
}

/* --- ticks and numbers -------------------------------------------------------- */

static void
check_ticks (double lo, double hi, guint target, gboolean zero,
             double want_min, double want_max, double want_step, int want_decimals)
{
  VerkanChartTicks t;

  verkan_chart_ticks_compute (lo, hi, target, zero, &t);
  g_test_message ("%g … %g (%u%s): %g … %g by %g, %u ticks, %d decimals", lo, hi, target,
                  zero ? ", zero" : "", t.min, t.max, t.step, t.n_ticks, t.decimals);
  g_assert_cmpfloat_with_epsilon (t.min, want_min, fabs (want_step) * 1e-9);
  g_assert_cmpfloat_with_epsilon (t.max, want_max, fabs (want_step) * 1e-9);
  g_assert_cmpfloat_with_epsilon (t.step, want_step, want_step * 1e-9);
  g_assert_cmpint (t.decimals, ==, want_decimals);
  g_assert_cmpuint (t.n_ticks, ==, (guint) round ((t.max - t.min) / t.step) + 1);
  g_assert_cmpuint (t.n_ticks, <=, target + 2);
  /* the axis holds the data and every tick is a multiple of the step */
  if (isfinite (lo))
    {
      g_assert_cmpfloat (t.min, <=, MIN (lo, hi));
      g_assert_cmpfloat (t.max, >=, MAX (lo, hi));
    }
  for (guint i = 0; i < t.n_ticks; i++)
    {
      double v = verkan_chart_ticks_value (&t, i);
      g_assert_cmpfloat (fabs (v / t.step - round (v / t.step)), <, 1e-6);
    }
}

static void
test_ticks (void)
{
  /* low       high     target zero   min    max    step  decimals */
  check_ticks (0, 4.4, 5, TRUE, 0, 5, 1, 0);
  /* near zero and all positive: the axis starts at zero */
  check_ticks (2.8, 8.9, 5, FALSE, 0, 10, 2.5, 1);
  check_ticks (0, 1284, 5, TRUE, 0, 1500, 500, 0);
  check_ticks (1098, 1544, 5, FALSE, 1000, 1600, 200, 0);
  check_ticks (1098, 1544, 5, TRUE, 0, 2000, 500, 0);
  check_ticks (-3.2, 4.1, 6, FALSE, -4, 6, 2, 0);
  check_ticks (-12, -7, 5, FALSE, -12, -7, 1, 0);
  check_ticks (-12, -2, 5, FALSE, -12.5, 0, 2.5, 1);
  check_ticks (0.0012, 0.0031, 5, FALSE, 0.001, 0.0035, 0.0005, 4);
  check_ticks (96.2, 97.1, 5, FALSE, 96.2, 97.2, 0.2, 1);
  check_ticks (0, 0.25, 5, TRUE, 0, 0.25, 0.05, 2);
  check_ticks (12500, 18900, 4, FALSE, 12500, 20000, 2500, 0);
  check_ticks (0, 1e6, 5, TRUE, 0, 1e6, 2.5e5, 0);
  /* flat lines and nothing at all still give an axis from zero */
  check_ticks (4.4, 4.4, 5, FALSE, 0, 5, 1, 0);
  check_ticks (-3, -3, 5, FALSE, -3, 0, 1, 0);
  check_ticks (0, 0, 5, FALSE, 0, 1, 0.25, 2);
  check_ticks (NAN, NAN, 5, FALSE, 0, 1, 0.25, 2);
  {
    VerkanChartTicks t;
    g_autofree char *top = NULL;

    verkan_chart_ticks_compute (-12, -2, 5, FALSE, &t);
    top = verkan_chart_format_value (verkan_chart_ticks_value (&t, t.n_ticks - 1), t.decimals, NULL);
    g_assert_cmpstr (top, ==, "0,0");   /* never "−0,0" */
    g_assert_false (signbit (t.max));
  }
  /* the labels of a 2,5 step keep their decimal */
  {
    VerkanChartTicks t;
    g_autofree char *label = NULL;

    verkan_chart_ticks_compute (0, 9, 5, TRUE, &t);
    g_assert_cmpfloat (t.step, ==, 2.5);
    label = verkan_chart_format_value (verkan_chart_ticks_value (&t, 1), t.decimals, NULL);
    g_assert_cmpstr (label, ==, "2,5");
  }
  /* many targets over many ranges: never more than target + 2 ticks */
  for (int e = -4; e <= 6; e++)
    for (double m = 1; m < 10; m += 0.7)
      for (guint target = 2; target <= 10; target++)
        {
          VerkanChartTicks t;
          double hi = m * pow (10, e), lo = -0.3 * hi;
          double mantissa;

          verkan_chart_ticks_compute (lo, hi, target, FALSE, &t);
          g_assert_cmpuint (t.n_ticks, <=, target + 2);
          g_assert_cmpuint (t.n_ticks, >=, 2);
          g_assert_cmpfloat (t.min, <=, lo);
          g_assert_cmpfloat (t.max, >=, hi);
          mantissa = t.step / pow (10, floor (log10 (t.step) + 1e-9));
          g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 ||
                         fabs (mantissa - 2.5) < 1e-9 || fabs (mantissa - 5) < 1e-9);
        }
}

static void
test_format (void)
{
  static const struct { double value; int decimals; const char *unit, *want; } cases[] = {
    { 1284, 0, NULL, "1" NBSP "284" },
    { 4.4, 1, "%", "4,4" NBSP "%" },
    { 2.5, 2, NULL, "2,50" },
    { -3, 0, NULL, MINUS "3" },
    { -0.04, 1, NULL, "0,0" },
    { 12500, 0, "kr/inv", "12" NBSP "500" NBSP "kr/inv" },
    { 1234567.891, 1, "", "1" NBSP "234" NBSP "567,9" },
    { 96.5, -1, "%", "96,5" NBSP "%" },
    { NAN, 1, "%", "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = verkan_chart_format_value (cases[i].value, cases[i].decimals, cases[i].unit);
      g_assert_cmpstr (text, ==, cases[i].want);
    }
}

/* --- what the layout places ----------------------------------------------------- */

/* Whether a pixel within 4 px of (x, y) is in the first series' blue */
static gboolean
blue_near (cairo_surface_t *surface, double x, double y)
{
  cairo_surface_flush (surface);
  for (int dy = -4; dy <= 4; dy++)
    for (int dx = -4; dx <= 4; dx++)
      {
        guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                                      ((int) round (y) + dy) * cairo_image_surface_get_stride (surface) +
                                      ((int) round (x) + dx) * 4);
        int r = (pixel >> 16) & 0xff, b = pixel & 0xff;

        if (b > r + 80)
          return TRUE;
      }
  return FALSE;
}

static void
test_missing_values (void)
{
  g_autoptr(VerkanChartData) data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2015, 9);
  /* a gap of one year, and a lone value between two gaps */
  static const double values[] = { 4.0, 4.2, NAN, 4.6, 4.5, NAN, 5.0, NAN, NAN };
  g_autoptr(VerkanChartLayout) layout = NULL;
  const VerkanChartPoint *points;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n = 0;

  data->unit = g_strdup ("%");
  fill (verkan_chart_data_add_series (data, "1861", "Hallsberg", VERKAN_SERIES_MAIN),
        VERKAN_GENDER_TOTAL, values, 9);
  layout = lay_out (data, 800, 500);
  points = verkan_chart_layout_get_points (layout, &n);

  /* a point for each value, none for a missing year, and never a zero */
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (points[0].index, ==, 0);
  g_assert_cmpuint (points[1].index, ==, 1);
  g_assert_cmpuint (points[2].index, ==, 3);   /* 2017 is missing: the line breaks */
  g_assert_cmpuint (points[3].index, ==, 4);
  g_assert_cmpuint (points[4].index, ==, 6);   /* alone */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (points[i].value, ==, values[points[i].index]);
      g_assert_cmpfloat (points[i].value, >, 0);
    }
  /* the years stand evenly: 2017's place is left empty between 2016 and 2018 */
  g_assert_cmpfloat_with_epsilon (points[2].x - points[1].x, 2 * (points[1].x - points[0].x), 0.01);

  /* and no line is drawn across the gap: half-way between 2016 and 2018
   * nothing is in the line's blue, while half-way between 2015 and 2016
   * the line is there */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cr = cairo_create (surface);
  verkan_chart_layout_draw (layout, cr);
  cairo_destroy (cr);
  g_assert_false (blue_near (surface, (points[1].x + points[2].x) / 2, (points[1].y + points[2].y) / 2));
  g_assert_true (blue_near (surface, (points[0].x + points[1].x) / 2, (points[0].y + points[1].y) / 2));
  cairo_surface_destroy (surface);
}

static void
test_legend_right (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(VerkanChartLayout) layout = lay_out (data, 1000, 560);
  const VerkanChartRect *legend = verkan_chart_layout_get_legend (layout);
  const VerkanChartRect *plot = verkan_chart_layout_get_plot_area (layout);
  guint n_labels = 0;

  g_assert_nonnull (legend);
  /* at the right of the plot, which gave way for it */
  g_assert_cmpfloat (legend->x, >=, plot->x + plot->width);
  g_assert_cmpfloat (legend->x + legend->width, <=, 1000);
  g_assert_cmpfloat (legend->y, >=, plot->y - 1);
  assert_legend_covers_nothing (layout);
  /* the line ends' values stand between plot and legend */
  verkan_chart_layout_get_labels (layout, &n_labels);
  g_assert_cmpuint (n_labels, >=, 6);
  assert_labels_apart (layout);
}

static void
test_legend_below (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(VerkanChartLayout) wide = lay_out (data, 1000, 560);
  g_autoptr(VerkanChartLayout) narrow = lay_out (data, 460, 560);
  const VerkanChartRect *legend = verkan_chart_layout_get_legend (narrow);
  const VerkanChartRect *plot = verkan_chart_layout_get_plot_area (narrow);

  /* too narrow for a legend at the side: it goes under the plot, and the
   * plot is lower for it than where the legend stands at the side */
  g_assert_nonnull (legend);
  g_assert_cmpfloat (legend->y, >=, plot->y + plot->height);
  g_assert_cmpfloat (legend->y + legend->height, <=, 560);
  g_assert_cmpfloat (plot->height, <, verkan_chart_layout_get_plot_area (wide)->height);
  assert_legend_covers_nothing (narrow);
  assert_labels_apart (narrow);
}

static void
test_legend_dense (void)
{
  g_autoptr(VerkanChartData) data = dense_line_chart (290, 20);
  g_autoptr(VerkanChartLayout) layout = lay_out (data, 1200, 800);
  const VerkanChartRect *legend = verkan_chart_layout_get_legend (layout);
  const VerkanChartRect *plot = verkan_chart_layout_get_plot_area (layout);
  guint n = 0;

  verkan_chart_layout_get_points (layout, &n);
  g_assert_cmpuint (n, ==, 290 * 20);
  g_assert_nonnull (legend);
  assert_legend_covers_nothing (layout);
  /* the legend lists the first few and says how many more there are;
   * the plot keeps most of the page */
  g_assert_cmpfloat (legend->height, <=, 800);
  g_assert_cmpfloat (plot->width, >=, 0.6 * 1200);
  g_assert_cmpfloat (plot->height, >=, 0.6 * 800);
  /* far too many lines to label their ends */
  verkan_chart_layout_get_labels (layout, &n);
  g_assert_cmpuint (n, ==, 0);

  /* on a low page the legend goes under the plot and takes at most 40 %
   * of the height */
  {
    g_autoptr(VerkanChartLayout) low = lay_out (data, 1200, 420);
    legend = verkan_chart_layout_get_legend (low);
    plot = verkan_chart_layout_get_plot_area (low);
    g_assert_nonnull (legend);
    g_assert_cmpfloat (legend->y, >=, plot->y + plot->height);
    g_assert_cmpfloat (legend->height, <=, 0.4 * 420);
    g_assert_cmpfloat (plot->width, >=, 0.8 * 1200);
    assert_legend_covers_nothing (low);
  }

  /* a dozen series still fit at the side */
  {
    g_autoptr(VerkanChartData) twelve = dense_line_chart (12, 10);
    g_autoptr(VerkanChartLayout) side = lay_out (twelve, 1200, 800);
    legend = verkan_chart_layout_get_legend (side);
    g_assert_cmpfloat (legend->x, >=, verkan_chart_layout_get_plot_area (side)->x +
                                      verkan_chart_layout_get_plot_area (side)->width);
    assert_legend_covers_nothing (side);
    assert_labels_apart (side);
  }
}

static void
test_end_labels_nudged (void)
{
  g_autoptr(VerkanChartData) data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2019, 5);
  g_autoptr(VerkanChartLayout) layout = NULL;
  const VerkanChartRect *labels;
  guint n = 0;

  /* three lines ending almost at the same value: their labels are moved
   * apart, not drawn over one another */
  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *label = g_strdup_printf ("Kommun %u", s + 1);
      VerkanChartSeries *series = verkan_chart_data_add_series (data, "", label, VERKAN_SERIES_MAIN);
      for (int i = 0; i < 5; i++)
        series->values[VERKAN_GENDER_TOTAL][i] = 2 + s * 3 + i * 0.1 - (i == 4 ? s * 3 : 0) + s * 0.05;
    }
  data->unit = g_strdup ("%");
  layout = lay_out (data, 800, 500);
  labels = verkan_chart_layout_get_labels (layout, &n);
  g_assert_cmpuint (n, ==, 3);
  assert_labels_apart (layout);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (labels[i].x, >=, verkan_chart_layout_get_plot_area (layout)->x +
                                        verkan_chart_layout_get_plot_area (layout)->width);

  /* twelve lines ending at one value in a short chart cannot be labelled
   * near their lines: the legend alone names them */
  {
    g_autoptr(VerkanChartData) crowd = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2019, 5);
    g_autoptr(VerkanChartLayout) crowded = NULL;

    for (guint s = 0; s < 12; s++)
      {
        g_autofree char *label = g_strdup_printf ("Kommun %u", s + 1);
        VerkanChartSeries *series = verkan_chart_data_add_series (crowd, "", label, VERKAN_SERIES_MAIN);
        for (int i = 0; i < 5; i++)
          series->values[VERKAN_GENDER_TOTAL][i] = i == 4 ? 5.0 + s * 0.01 : s;
      }
    crowded = lay_out (crowd, 800, 420);
    verkan_chart_layout_get_labels (crowded, &n);
    g_assert_cmpuint (n, ==, 0);
    g_assert_nonnull (verkan_chart_layout_get_legend (crowded));
  }
}

static void
test_single_series (void)
{
  g_autoptr(VerkanChartData) data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2019, 4);
  g_autoptr(VerkanChartLayout) layout = NULL;
  VerkanChartSeries *s = verkan_chart_data_add_series (data, "1861", "Hallsberg", VERKAN_SERIES_MAIN);
  guint n = 0;

  s->values[VERKAN_GENDER_TOTAL][0] = 4.1;
  s->values[VERKAN_GENDER_TOTAL][3] = 4.4;
  layout = lay_out (data, 700, 400);
  /* one series: no legend; its end says whose it is */
  g_assert_null (verkan_chart_layout_get_legend (layout));
  verkan_chart_layout_get_labels (layout, &n);
  g_assert_cmpuint (n, ==, 1);

  /* without a value in the last year, the legend names it */
  s->values[VERKAN_GENDER_TOTAL][3] = NAN;
  {
    g_autoptr(VerkanChartLayout) again = lay_out (data, 700, 400);
    g_assert_nonnull (verkan_chart_layout_get_legend (again));
    verkan_chart_layout_get_points (again, &n);
    g_assert_cmpuint (n, ==, 1);   /* a lone point, drawn as a marker */
  }
}

static void
test_bars (void)
{
  g_autoptr(VerkanChartData) data = sample_bar_chart ();
  g_autoptr(VerkanChartLayout) layout = lay_out (data, 900, 520);
  const VerkanChartPoint *points;
  const VerkanChartTicks *ticks = verkan_chart_layout_get_ticks (layout);
  const VerkanChartRect *plot = verkan_chart_layout_get_plot_area (layout);
  guint n = 0, n_labels = 0;

  points = verkan_chart_layout_get_points (layout, &n);
  /* Örebro has no value for 2022: no bar, never one of zero */
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (points[i].series, !=, 3);
      g_assert_cmpuint (points[i].index, ==, 1);
      g_assert_cmpfloat (points[i].bar.height, >, 0);
      /* bars stand on zero, and their top is the value */
      g_assert_cmpfloat_with_epsilon (points[i].bar.y + points[i].bar.height, plot->y + plot->height, 1);
      g_assert_cmpfloat_with_epsilon (points[i].y, points[i].bar.y, 0.01);
    }
  /* by series in the array, sorted by value on the page: Hällefors (7,9)
   * leftmost, then the similar municipalities (4,9), Hallsberg (4,4),
   * Riket (3,5), Nora (2,9) */
  g_assert_cmpuint (points[1].series, ==, 1);
  g_assert_cmpfloat (points[1].x, <, points[4].x);   /* 7,9 before 4,9 */
  g_assert_cmpfloat (points[4].x, <, points[0].x);   /* 4,9 before 4,4 */
  g_assert_cmpfloat (points[0].x, <, points[3].x);   /* 4,4 before 3,5 */
  g_assert_cmpfloat (points[3].x, <, points[2].x);   /* 3,5 before 2,9 */
  g_assert_cmpfloat (ticks->min, ==, 0);
  /* a value label over each bar, none over another */
  verkan_chart_layout_get_labels (layout, &n_labels);
  g_assert_cmpuint (n_labels, >=, 5);
  assert_labels_apart (layout);
  /* names under the bars: no legend needed */
  g_assert_null (verkan_chart_layout_get_legend (layout));
}

static void
test_gender (void)
{
  g_autoptr(VerkanChartData) data = sample_gender_chart ();
  g_autoptr(VerkanChartLayout) layout = lay_out (data, 900, 520);
  const VerkanChartPoint *points = NULL;
  guint n = 0;

  points = verkan_chart_layout_get_points (layout, &n);
  /* five groups of three, Nora's women missing */
  g_assert_cmpuint (n, ==, 14);
  /* by series, then gender; on the page women, men, total */
  g_assert_cmpuint (points[0].series, ==, 0);
  g_assert_cmpuint (points[0].index, ==, VERKAN_GENDER_TOTAL);
  g_assert_cmpuint (points[1].index, ==, VERKAN_GENDER_WOMEN);
  g_assert_cmpuint (points[2].index, ==, VERKAN_GENDER_MEN);
  g_assert_cmpfloat (points[1].x, <, points[2].x);
  g_assert_cmpfloat (points[2].x, <, points[0].x);
  g_assert_cmpfloat_with_epsilon (points[0].value, 1284, 1e-9);
  /* the legend says which bar is which gender */
  assert_legend_covers_nothing (layout);
  assert_labels_apart (layout);
  {
    g_autofree char *text = verkan_chart_layout_describe_point (layout, 1);
    g_assert_cmpstr (text, ==, "Hallsberg 2022, women: 1" NBSP "310" NBSP "kr/inv");
  }
}

static void
test_hit_and_step (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(VerkanChartLayout) layout = lay_out (data, 1000, 560);
  const VerkanChartPoint *points;
  guint n = 0;
  int i, hallefors_2021 = -1, next;

  points = verkan_chart_layout_get_points (layout, &n);
  g_assert_cmpuint (n, ==, 6 * 9 - 1);   /* Hällefors misses 2022 */

  /* a hit near a point finds it, one far from all finds none */
  g_assert_cmpint (verkan_chart_layout_hit (layout, points[5].x + 2, points[5].y - 1, 8), ==, 5);
  g_assert_cmpint (verkan_chart_layout_hit (layout, 1, 1, 8), ==, -1);

  /* right along Hällefors steps over its missing 2022 */
  for (i = 0; i < (int) n; i++)
    if (points[i].series == 1 && points[i].index == 6)
      hallefors_2021 = i;
  g_assert_cmpint (hallefors_2021, >=, 0);
  next = verkan_chart_layout_step (layout, hallefors_2021, 1, 0);
  g_assert_cmpuint (points[next].series, ==, 1);
  g_assert_cmpuint (points[next].index, ==, 8);
  g_assert_cmpint (verkan_chart_layout_step (layout, next, 1, 0), ==, next);   /* the end */
  g_assert_cmpint (verkan_chart_layout_step (layout, next, -1, 0), ==, hallefors_2021);

  /* Hällefors is the highest line: up stays, down goes to the next below
   * in 2021 (the similar municipalities at 4,9, then Örebro at 4,8) */
  g_assert_cmpint (verkan_chart_layout_step (layout, hallefors_2021, 0, -1), ==, hallefors_2021);
  next = verkan_chart_layout_step (layout, hallefors_2021, 0, 1);
  g_assert_cmpuint (points[next].series, ==, 5);
  g_assert_cmpuint (points[next].index, ==, 6);
  next = verkan_chart_layout_step (layout, next, 0, 1);
  g_assert_cmpuint (points[next].series, ==, 3);
  g_assert_cmpint (verkan_chart_layout_step (layout, -1, 1, 0), ==, 0);

  {
    g_autofree char *text = verkan_chart_layout_describe_point (layout, 6);
    g_assert_cmpstr (text, ==, "Hallsberg 2021: 4,4" NBSP "%");
  }
  g_assert_null (verkan_chart_layout_describe_point (layout, (int) n));

  /* bars step in the order they stand */
  {
    g_autoptr(VerkanChartData) bars = sample_bar_chart ();
    g_autoptr(VerkanChartLayout) bar_layout = lay_out (bars, 900, 520);
    const VerkanChartPoint *b = verkan_chart_layout_get_points (bar_layout, &n);
    int at = verkan_chart_layout_step (bar_layout, -1, 1, 0);

    g_assert_cmpint (verkan_chart_layout_step (bar_layout, 1, 1, 0), ==, 4);   /* 7,9 → 4,9 */
    g_assert_cmpint (verkan_chart_layout_step (bar_layout, 4, 1, 0), ==, 0);   /* 4,9 → 4,4 */
    g_assert_cmpint (verkan_chart_layout_step (bar_layout, 2, 1, 0), ==, 2);   /* the last */
    /* a hit inside a bar finds it */
    g_assert_cmpint (verkan_chart_layout_hit (bar_layout, b[3].bar.x + 2, b[3].bar.y + b[3].bar.height - 2, 4),
                     ==, 3);
    g_assert_cmpint (at, ==, 0);
  }
}

static void
test_empty (void)
{
  g_autoptr(VerkanChartData) data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2015, 9);
  g_autoptr(VerkanChartLayout) layout = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);
  guint n = 1;

  verkan_chart_data_add_series (data, "1861", "Hallsberg", VERKAN_SERIES_MAIN);
  data->title = g_strdup ("Inget hämtat än");
  data->target_value = 3;
  data->target_year = 2023;
  layout = lay_out (data, 600, 400);
  verkan_chart_layout_get_points (layout, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (verkan_chart_layout_get_legend (layout));
  verkan_chart_layout_get_labels (layout, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (verkan_chart_layout_hit (layout, 300, 200, 1000), ==, -1);
  g_assert_cmpint (verkan_chart_layout_step (layout, -1, 1, 0), ==, -1);
  verkan_chart_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* no series at all, and a bar chart of a year without data */
  {
    g_autoptr(VerkanChartData) none = verkan_chart_data_new (VERKAN_CHART_KIND_BAR, 2015, 0);
    g_autoptr(VerkanChartLayout) empty = lay_out (none, 300, 200);
    verkan_chart_layout_get_points (empty, &n);
    g_assert_cmpuint (n, ==, 0);
  }
}

static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  cairo_surface_flush (surface);
  return *(guint32 *) (cairo_image_surface_get_data (surface) +
                       (int) y * cairo_image_surface_get_stride (surface) + (int) x * 4) & 0xffffff;
}

static cairo_surface_t *
draw_to_image (VerkanChartLayout *layout, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  verkan_chart_layout_draw (layout, cr);
  cairo_destroy (cr);
  return surface;
}

static void
test_quartiles_follow_direction (void)
{
  for (int lower = 0; lower <= 1; lower++)
    {
      g_autoptr(VerkanChartData) data = sample_line_chart ();
      g_autoptr(VerkanChartLayout) layout = NULL;
      const VerkanChartRect *plot;
      cairo_surface_t *surface;
      guint32 bottom, top;
      int r, g;

      data->period_start = NAN;
      data->direction = lower ? VERKAN_DIRECTION_LOWER_IS_BETTER : VERKAN_DIRECTION_HIGHER_IS_BETTER;
      for (int i = 0; i < data->n_years; i++)
        {
          data->quartile_low[i] = 2.5;
          data->quartile_high[i] = 6.5;
        }
      layout = lay_out (data, 1000, 560);
      plot = verkan_chart_layout_get_plot_area (layout);
      surface = draw_to_image (layout, 1000, 560);
      /* just inside the plot's bottom and top corners, clear of lines */
      bottom = pixel_at (surface, plot->x + 3, plot->y + plot->height - 3);
      top = pixel_at (surface, plot->x + 3, plot->y + 3);
      /* the good quarter is green (more green than red), the bad one red */
      r = (bottom >> 16) & 0xff;
      g = (bottom >> 8) & 0xff;
      g_assert_cmpint (lower ? g : r, >, lower ? r : g);
      r = (top >> 16) & 0xff;
      g = (top >> 8) & 0xff;
      g_assert_cmpint (lower ? r : g, >, lower ? g : r);
      cairo_surface_destroy (surface);
      /* three legend entries more than the series */
      assert_legend_covers_nothing (layout);
    }
}

static void
test_dark (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(VerkanChartLayout) layout = NULL;
  VerkanChartStyle style;
  cairo_surface_t *surface;
  guint32 corner;

  verkan_chart_style_init (&style);
  g_assert_true (style.show_title && style.show_source && !style.dark);
  g_assert_cmpfloat (style.font_scale, ==, 1.0);
  g_assert_cmpint (style.focus_series, ==, -1);
  style.dark = TRUE;
  style.font_family = REFERENCE_FONT;
  layout = verkan_chart_layout_new (data, &style, NULL, 800, 500);
  surface = draw_to_image (layout, 800, 500);
  corner = pixel_at (surface, 2, 2);
  g_assert_cmpuint ((corner >> 16) & 0xff, <, 0x40);
  g_assert_cmpuint (corner & 0xff, <, 0x40);
  cairo_surface_destroy (surface);
}

static void
test_palette (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 4, 4);
  cairo_t *cr = cairo_create (surface);
  VerkanChartTheme light, dark;

  /* six main colours, all different, then round again */
  for (guint i = 0; i < 6; i++)
    for (guint j = i + 1; j < 6; j++)
      {
        VerkanRgba a = verkan_chart_palette_color (i, FALSE), b = verkan_chart_palette_color (j, FALSE);
        g_assert_true (a.r != b.r || a.g != b.g || a.b != b.b);
      }
  g_assert_cmpfloat (verkan_chart_palette_color (6, FALSE).b, ==, verkan_chart_palette_color (0, FALSE).b);
  /* Okabe–Ito blue first */
  g_assert_cmpint ((int) round (verkan_chart_palette_color (0, FALSE).b * 255), ==, 0xB2);
  /* five marker shapes in turn */
  for (guint i = 0; i < 5; i++)
    for (guint j = i + 1; j < 5; j++)
      g_assert_cmpint (verkan_chart_palette_marker (i), !=, verkan_chart_palette_marker (j));

  /* main series solid; each comparison a dash pattern of its own */
  verkan_chart_palette_set_dash (cr, FALSE, 0, 2);
  g_assert_cmpint (cairo_get_dash_count (cr), ==, 0);
  verkan_chart_palette_set_dash (cr, TRUE, 0, 2);
  g_assert_cmpint (cairo_get_dash_count (cr), ==, 2);
  verkan_chart_palette_set_dash (cr, TRUE, 2, 2);
  g_assert_cmpint (cairo_get_dash_count (cr), ==, 4);
  /* comparisons are near-neutral: their channels lie close together */
  for (guint i = 0; i < 2; i++)
    {
      VerkanRgba c = verkan_chart_palette_comparison (i, FALSE);
      g_assert_cmpfloat (MAX (c.r, MAX (c.g, c.b)) - MIN (c.r, MIN (c.g, c.b)), <, 0.05);
    }

  verkan_chart_theme_init (&light, FALSE);
  verkan_chart_theme_init (&dark, TRUE);
  g_assert_cmpfloat (light.background.r, >, 0.9);
  g_assert_cmpfloat (dark.background.r, <, 0.2);
  g_assert_cmpfloat (dark.foreground.r, >, 0.9);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_focus_ring (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(VerkanChartLayout) plain = lay_out (data, 800, 500);
  g_autoptr(VerkanChartLayout) focused = NULL;
  guint n = 0;
  const VerkanChartPoint *p = verkan_chart_layout_get_points (plain, &n);
  cairo_surface_t *a, *b;
  VerkanChartStyle style;
  double ring;

  /* Nora 2018 (series 2, year index 3) */
  verkan_chart_style_init (&style);
  style.font_family = REFERENCE_FONT;
  style.focus_series = 2;
  style.focus_point = 3;
  focused = verkan_chart_layout_new (data, &style, NULL, 800, 500);
  a = draw_to_image (plain, 800, 500);
  b = draw_to_image (focused, 800, 500);
  while (n > 0 && !(p->series == 2 && p->index == 3))
    p++, n--;
  g_assert_cmpuint (p->series, ==, 2);
  g_assert_cmpuint (p->index, ==, 3);
  /* the ring stands just outside the marker, where the plain chart has
   * nothing dark */
  ring = 0.55 * 10 * 96 / 72.0 / 2 + 4;
  g_assert_cmphex (pixel_at (a, p->x, p->y + ring) & 0xff, >, 0x80);
  g_assert_cmphex (pixel_at (b, p->x, p->y + ring) & 0xff, <, 0x80);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_crowded_bars (void)
{
  g_autoptr(VerkanChartData) data = verkan_chart_data_new (VERKAN_CHART_KIND_GENDER, 2022, 1);
  g_autoptr(VerkanChartLayout) layout = NULL;
  guint n = 0;

  /* twenty municipalities of three bars in 500 px: the values do not fit
   * over their bars, and none is drawn over another */
  for (guint s = 0; s < 20; s++)
    {
      g_autofree char *label = g_strdup_printf ("Kommun %u", s + 1);
      VerkanChartSeries *series = verkan_chart_data_add_series (data, "", label, VERKAN_SERIES_MAIN);
      for (int g = 0; g < VERKAN_N_GENDERS; g++)
        series->values[g][0] = 12000 + 137 * s + 450 * g;
    }
  layout = lay_out (data, 500, 400);
  verkan_chart_layout_get_points (layout, &n);
  g_assert_cmpuint (n, ==, 60);
  assert_labels_apart (layout);
  assert_legend_covers_nothing (layout);
}

/* --- export ----------------------------------------------------------------------- */

static char *
read_file (const char *path, gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *bytes = NULL;

  g_file_get_contents (path, &bytes, length, &error);
  g_assert_no_error (error);
  return bytes;
}

/* strstr for a file with NUL bytes in it (a PDF's streams) */
static gboolean
contains_bytes (const char *bytes, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-chart-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "diagram.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "diagram.SVG", NULL);
  g_autofree char *pdf = g_build_filename (dir, "diagram.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "diagram.jpg", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no-such-folder", "diagram.png", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  cairo_surface_t *surface;
  VerkanChartStyle style;
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);
  verkan_chart_style_init (&style);

  /* PNG at twice the size in points */
  g_assert_true (verkan_chart_export (data, &style, png, 600, 380, 2, &error));
  g_assert_no_error (error);
  bytes = read_file (png, &length);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&bytes, g_free);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 760);
  cairo_surface_destroy (surface);

  /* SVG of the size in points, the extension in any case */
  g_assert_true (verkan_chart_export (data, &style, svg, 600, 380, 1, &error));
  g_assert_no_error (error);
  bytes = read_file (svg, &length);
  g_assert_nonnull (strstr (bytes, "<svg"));
  g_assert_nonnull (strstr (bytes, "width=\"600pt\""));
  g_assert_nonnull (strstr (bytes, "height=\"380pt\""));
  g_clear_pointer (&bytes, g_free);

  /* PDF, a page of that size */
  g_assert_true (verkan_chart_export (data, &style, pdf, 600, 380, 1, &error));
  g_assert_no_error (error);
  bytes = read_file (pdf, &length);
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);
  g_assert_true (contains_bytes (bytes, length, "/MediaBox [ 0 0 600 380 ]"));
  g_clear_pointer (&bytes, g_free);

  /* a name with no known ending writes nothing */
  g_assert_false (verkan_chart_export (data, &style, bad, 600, 380, 1, &error));
  g_assert_error (error, VERKAN_CHART_DRAWING_ERROR, VERKAN_CHART_DRAWING_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  /* nor does a folder that is not there */
  g_assert_false (verkan_chart_export (data, &style, nowhere, 600, 380, 1, &error));
  g_assert_error (error, VERKAN_CHART_DRAWING_ERROR, VERKAN_CHART_DRAWING_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* writing again replaces the file, and leaves no temporary file */
  g_assert_true (verkan_chart_export (data, &style, png, 300, 190, 1, &error));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 300);
  cairo_surface_destroy (surface);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
    g_assert_no_error (error);
    while ((name = g_dir_read_name (listing)) != NULL)
      n_files++;
  }
  g_assert_cmpuint (n_files, ==, 3);
  verkan_test_remove_tree (dir);
}

/* The sample charts, to look at: VERKAN_CHART_SAMPLES=DIR */
static void
test_samples (void)
{
  const char *dir = g_getenv ("VERKAN_CHART_SAMPLES");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  struct { const char *name; VerkanChartData *data; gboolean dark; double w, h; } samples[] = {
    { "chart-line.png", sample_line_chart (), FALSE, 720, 430 },
    { "chart-bar.png", sample_bar_chart (), FALSE, 600, 380 },
    { "chart-gender.png", sample_gender_chart (), FALSE, 600, 380 },
    { "chart-line-dark.png", sample_line_chart (), TRUE, 720, 430 },
    { "chart-dense.png", dense_line_chart (290, 20), FALSE, 900, 600 },
    { "chart-line-narrow.png", sample_line_chart (), FALSE, 380, 420 },
    { "chart-quartiles.png", sample_line_chart (), FALSE, 720, 430 },
    { "chart-empty.png", verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2015, 3), FALSE, 500, 300 },
    { "chart-dense-low.png", dense_line_chart (290, 20), FALSE, 900, 315 },
  };

  if (dir == NULL)
    dir = tmp = g_dir_make_tmp ("verkan-chart-samples-XXXXXX", &error);
  g_assert_no_error (error);

  samples[6].data->direction = VERKAN_DIRECTION_LOWER_IS_BETTER;
  for (int i = 0; i < samples[6].data->n_years; i++)
    {
      samples[6].data->quartile_low[i] = 3.4 - i * 0.1;
      samples[6].data->quartile_high[i] = 5.9 - i * 0.12;
    }
  samples[6].data->quartile_low[3] = samples[6].data->quartile_high[3] = NAN;
  samples[7].data->title = g_strdup ("Invånare med ekonomiskt bistånd");
  samples[7].data->source = g_strdup ("Källa: Kolada, N31807, hämtad 2024-03-02");

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_build_filename (dir, samples[i].name, NULL);
      VerkanChartStyle style;

      verkan_chart_style_init (&style);
      style.dark = samples[i].dark;
      g_assert_true (verkan_chart_export (samples[i].data, &style, path, samples[i].w, samples[i].h, 2, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      verkan_chart_data_free (samples[i].data);
    }
  if (tmp)
    verkan_test_remove_tree (tmp);
}

/* --- the reference image ------------------------------------------------------------- */

static gboolean
have_font (const char *family)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *wanted = pango_font_description_from_string (family);
  PangoFont *font = pango_font_map_load_font (map, context, wanted);
  PangoFontDescription *got = font ? pango_font_describe (font) : NULL;
  gboolean ok = got && g_ascii_strcasecmp (pango_font_description_get_family (got), family) == 0;

  if (got)
    pango_font_description_free (got);
  pango_font_description_free (wanted);
  g_clear_object (&font);
  g_object_unref (context);
  return ok;
}

static void
test_reference_image (void)
{
  g_autoptr(VerkanChartData) data = sample_line_chart ();
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = g_test_build_filename (G_TEST_DIST, "fixtures", "chart-reference.png", NULL);
  g_autofree char *actual = g_test_build_filename (G_TEST_BUILT, "chart-render-actual.png", NULL);
  VerkanChartStyle style;
  double share;

  if (!have_font (REFERENCE_FONT))
    {
      g_test_skip ("the DejaVu Sans font is not installed; the reference image was drawn with it");
      return;
    }

  /* quartiles too, so that every layer is in the picture */
  data->direction = VERKAN_DIRECTION_LOWER_IS_BETTER;
  for (int i = 0; i < data->n_years; i++)
    {
      data->quartile_low[i] = 3.4 - i * 0.1;
      data->quartile_high[i] = 5.9 - i * 0.12;
    }
  verkan_chart_style_init (&style);
  style.font_family = REFERENCE_FONT;
  g_assert_true (verkan_chart_export (data, &style, actual, REFERENCE_WIDTH, REFERENCE_HEIGHT, 2, &error));
  g_assert_no_error (error);

  share = verkan_test_png_difference (reference, actual, PIXEL_THRESHOLD);
  g_test_message ("%.3f %% of the pixels differ from the reference by more than %d (at most %.1f %% may)",
                  100 * share, PIXEL_THRESHOLD, 100 * MAX_DIFFERING_SHARE);
  g_assert_cmpfloat (share, <=, MAX_DIFFERING_SHARE);
  g_unlink (actual);
}

int
main (int argc, char **argv)
{
  /* the strings are the English source, whatever the machine speaks */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/ticks", test_ticks);
  g_test_add_func ("/chart/format", test_format);
  g_test_add_func ("/chart/missing-values", test_missing_values);
  g_test_add_func ("/chart/legend/right", test_legend_right);
  g_test_add_func ("/chart/legend/below", test_legend_below);
  g_test_add_func ("/chart/legend/dense", test_legend_dense);
  g_test_add_func ("/chart/labels/end-nudged", test_end_labels_nudged);
  g_test_add_func ("/chart/single-series", test_single_series);
  g_test_add_func ("/chart/bars", test_bars);
  g_test_add_func ("/chart/gender", test_gender);
  g_test_add_func ("/chart/hit-and-step", test_hit_and_step);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/quartiles", test_quartiles_follow_direction);
  g_test_add_func ("/chart/dark", test_dark);
  g_test_add_func ("/chart/palette", test_palette);
  g_test_add_func ("/chart/focus-ring", test_focus_ring);
  g_test_add_func ("/chart/labels/crowded-bars", test_crowded_bars);
  g_test_add_func ("/chart/export", test_export);
  g_test_add_func ("/chart/samples", test_samples);
  g_test_add_func ("/chart/reference-image", test_reference_image);
  return g_test_run ();
}
