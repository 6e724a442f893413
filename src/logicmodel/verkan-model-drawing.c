/* verkan-model-drawing.c: a logic model drawn with cairo and pango.
 *
 * Layout, in model units (px at 100 %):
 *
 *   caption     Logikmodell för Nora · Nora (1884) · 2022-06-15
 *   headings    [ Resurser >[ Aktiviteter >[ … >[ Mål >
 *   columns     one body per column, cards stacked by position
 *   lane        a free strip under the columns for arrows that go back
 *               or to a band
 *   bands       Förutsättningar/antaganden, Externa faktorer: cards in rows
 *   legend      what the status dots, the indicator pill and a dashed
 *               arrow mean
 *
 * Arrows leave a card's right edge and enter the target's left edge.  Between
 * columns they bend as smooth S-curves; through a column they skip they run
 * straight along a gap between two cards, so that they cross no card.
 * Arrows that go back, stay in their column or touch a band take the lane
 * and the gaps between columns, with rounded corners.
 *
 * Text is measured once, with hinting off so that the layout is the same at
 * every zoom and on every surface, and the layouts are kept for drawing. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "verkan-model-drawing.h"
#include "verkan-drawing-support.h"
#include "verkan-municipality-catalog.h"
#include "verkan-vocabulary.h"

G_DEFINE_QUARK (verkan-model-drawing-error-quark, verkan_model_drawing_error)

#define KAPPA 0.5522847498
#define NOT_ASSESSED (VERKAN_MODEL_N_STATUSES - 1)

/* --- style --------------------------------------------------------------- */

static VerkanModelRgba
rgb (guint32 hex, double alpha)
{
  VerkanModelRgba c = {
    ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, alpha
  };
  return c;
}

void
verkan_model_draw_style_init (VerkanModelDrawStyle *style, VerkanModelTheme theme)
{
  VerkanModelPalette *p = &style->palette;

  memset (style, 0, sizeof *style);
  style->flags = VERKAN_MODEL_DRAW_ALL;
  style->font_family = "Cantarell, Sans";
  style->font_size = 12;
  style->card_width = 200;
  style->card_gap = 18;
  style->column_gap = 44;
  style->margin = 32;

  /* Status colours from the Okabe–Ito set, darkened for text-sized marks;
   * each status also has its own dot shape, and its label is written out,
   * so neither colour blindness nor a greyscale printer loses it. */
  if (theme == VERKAN_MODEL_THEME_DARK)
    {
      p->background = rgb (0x1e1e1e, 1);
      p->column = rgb (0x2a2a2d, 1);
      p->heading = rgb (0x37404d, 1);
      p->heading_text = rgb (0xe6ebf2, 1);
      p->band = rgb (0x2c2a26, 1);
      p->band_border = rgb (0x4a4538, 1);
      p->card = rgb (0x363639, 1);
      p->card_border = rgb (0x4d4d53, 1);
      p->card_shadow = rgb (0x000000, 0.35);
      p->title = rgb (0xf4f4f5, 1);
      p->text = rgb (0xc4c8cf, 1);
      p->muted = rgb (0x9aa1ab, 1);
      p->arrow = rgb (0x95a3b5, 1);
      p->badge = rgb (0x45474d, 1);
      p->badge_text = rgb (0xdde1e6, 1);
      p->status[0] = rgb (0x3fbf94, 1);   /* achieved: bluish green */
      p->status[1] = rgb (0xf2b33d, 1);   /* partly: orange */
      p->status[2] = rgb (0xf27d4a, 1);   /* not achieved: vermilion */
      p->status[3] = rgb (0xc29be0, 1);   /* unclear: reddish purple */
      p->status[4] = rgb (0x9aa3af, 1);   /* not assessed: grey */
    }
  else
    {
      p->background = rgb (0xffffff, 1);
      p->column = rgb (0xf3f5f8, 1);
      p->heading = rgb (0xdde4ed, 1);
      p->heading_text = rgb (0x1f2a37, 1);
      p->band = rgb (0xfaf7ef, 1);
      p->band_border = rgb (0xe6dfcc, 1);
      p->card = rgb (0xffffff, 1);
      p->card_border = rgb (0xc6cdd7, 1);
      p->card_shadow = rgb (0x101828, 0.07);
      p->title = rgb (0x18202b, 1);
      p->text = rgb (0x4a5565, 1);
      p->muted = rgb (0x667085, 1);
      p->arrow = rgb (0x5d6b7e, 1);
      p->badge = rgb (0xeaeef3, 1);
      p->badge_text = rgb (0x344054, 1);
      p->status[0] = rgb (0x00845f, 1);
      p->status[1] = rgb (0xd98e00, 1);
      p->status[2] = rgb (0xc4480a, 1);
      p->status[3] = rgb (0x8e5aa8, 1);
      p->status[4] = rgb (0x8a94a3, 1);
    }
}

static void
set_color (cairo_t *cr, const VerkanModelRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* --- geometry ------------------------------------------------------------ */

/* Sizes that follow from the style */
typedef struct {
  double u;              /* font_size / 12 */
  double title_size, text_size, badge_size, heading_size, caption_size;
  double card_pad, text_gap, badge_gap, badge_h, card_radius;
  double col_pad, col_width, column_radius;
  double heading_h, heading_gap, chevron;
  double min_body;
  double lane_gap, band_gap, band_pad, band_empty;
  double caption_gap, legend_gap;
  double head_len, head_half, line_width, lane_step, edge_margin;
} Metrics;

typedef struct {
  VerkanModelElement *element;
  guint               slot;      /* the column whose grid it stands on */
  PangoLayout        *title;
  PangoLayout        *text;      /* NULL without text */
  gboolean            untitled;
  guint               status;    /* index into the palette's statuses */
} Card;

typedef enum {
  LEGEND_STATUS,
  LEGEND_INDICATORS,
  LEGEND_DASHED,
} LegendKind;

typedef struct {
  LegendKind   kind;
  guint        status;
  double       x;          /* of the mark; the label follows */
  double       label_x;
  PangoLayout *label;
} LegendItem;

struct _VerkanModelGeometryPrivate {
  VerkanModelSnapshot  *model;
  VerkanModelDrawFlags  flags;
  Metrics               m;
  double                card_width;
  PangoContext         *context;
  PangoFontDescription *title_font, *text_font, *badge_font, *heading_font;
  Card                 *cards;          /* parallel to geometry->cards */
  GHashTable           *index;          /* element id → card index + 1 */
  guint                 first[VERKAN_MODEL_N_COLUMNS];
  guint                 n[VERKAN_MODEL_N_COLUMNS];
  GArray               *points;         /* storage of the arrows' points */
  PangoLayout          *headings[VERKAN_MODEL_N_COLUMNS];
  PangoLayout          *caption_title;
  PangoLayout          *caption_meta;
  PangoLayout          *status_labels[VERKAN_MODEL_N_STATUSES];
  GHashTable           *counts;         /* n_indicators → PangoLayout */
  GArray               *legend;         /* of LegendItem */
  double                body_top, body_bottom;
  double                lane_y;
  double                card_gap, column_gap;
};

static void
compute_metrics (Metrics *m, const VerkanModelDrawStyle *style)
{
  double u = style->font_size / 12.0;

  m->u = u;
  m->title_size = 13 * u;
  m->text_size = 11.5 * u;
  m->badge_size = 10.5 * u;
  m->heading_size = 12.5 * u;
  m->caption_size = 17 * u;
  m->card_pad = 12 * u;
  m->text_gap = 4 * u;
  m->badge_gap = 10 * u;
  m->badge_h = 18 * u;
  m->card_radius = 8 * u;
  m->col_pad = 12 * u;
  m->col_width = style->card_width + 2 * m->col_pad;
  m->column_radius = 10 * u;
  m->heading_h = 34 * u;
  m->heading_gap = 8 * u;
  m->chevron = 10 * u;
  m->min_body = 160 * u;
  m->lane_gap = 28 * u;
  m->band_gap = 16 * u;
  m->band_pad = 12 * u;
  m->band_empty = 36 * u;
  m->caption_gap = 16 * u;
  m->legend_gap = 22 * u;
  m->head_len = 10 * u;
  m->head_half = 5 * u;
  m->line_width = 1.4 * u;
  m->lane_step = 4 * u;
  m->edge_margin = 10 * u;
}

static PangoFontDescription *
new_font (const VerkanModelDrawStyle *style, double size, PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

/* Wraps at @width within @max_lines (0: one line, no wrap limit of width
 * when @width <= 0) and ellipsizes what does not fit */
static PangoLayout *
new_layout (PangoContext *context, const PangoFontDescription *font, const char *text,
            double width, int max_lines)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (1, max_lines));
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* A card shows one paragraph: a line break would escape the line limit */
static char *
flatten (const char *text)
{
  char *flat = g_strstrip (g_strdup (text ? text : ""));
  return g_strdelimit (flat, "\n\r\t", ' ');
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static guint
status_index (const char *status)
{
  int index = verkan_vocabulary_index (VERKAN_VOCABULARY_GOAL_STATUS, status);
  return index >= 0 && index < VERKAN_MODEL_N_STATUSES ? (guint) index : NOT_ASSESSED;
}

static gboolean
column_shown (VerkanModelSnapshot *model, VerkanModelColumn column)
{
  if (column == VERKAN_MODEL_COLUMN_ASSUMPTIONS)
    return model->show_assumptions;
  if (column == VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS)
    return model->show_external;
  return column < VERKAN_MODEL_N_COLUMNS;
}

static double
measure_card (VerkanModelGeometryPrivate *priv, Card *card)
{
  const Metrics *m = &priv->m;
  double inner = priv->card_width - 2 * m->card_pad;
  g_autofree char *title = flatten (card->element->title);
  g_autofree char *text = flatten (card->element->text);
  double height;

  card->untitled = title[0] == '\0';
  card->title = new_layout (priv->context, priv->title_font,
                            card->untitled ? _("Untitled card") : title, inner, 3);
  height = m->card_pad + layout_height (card->title);
  if (text[0] != '\0')
    {
      card->text = new_layout (priv->context, priv->text_font, text, inner, 2);
      height += m->text_gap + layout_height (card->text);
    }
  card->status = status_index (card->element->status);
  return height + m->badge_gap + m->badge_h + m->card_pad;
}

/* --- arrow paths ----------------------------------------------------------- */

typedef struct {
  GArray           *points;
  VerkanModelPoint  cur;
} Path;

static void
path_start (Path *path, double x, double y)
{
  VerkanModelPoint p = { x, y };

  g_array_append_val (path->points, p);
  path->cur = p;
}

static void
path_curve (Path *path, double x1, double y1, double x2, double y2, double x3, double y3)
{
  VerkanModelPoint p[3] = { { x1, y1 }, { x2, y2 }, { x3, y3 } };

  g_array_append_vals (path->points, p, 3);
  path->cur = p[2];
}

static void
path_line (Path *path, double x, double y)
{
  double dx = x - path->cur.x, dy = y - path->cur.y;

  if (fabs (dx) < 1e-6 && fabs (dy) < 1e-6)
    return;
  path_curve (path, path->cur.x + dx / 3, path->cur.y + dy / 3,
              path->cur.x + 2 * dx / 3, path->cur.y + 2 * dy / 3, x, y);
}

/* A smooth S from the current point to (x, y), level at both ends */
static void
path_s_curve (Path *path, double x, double y)
{
  double mid = (x - path->cur.x) / 2;

  if (fabs (y - path->cur.y) < 0.01)
    path_line (path, x, y);
  else
    path_curve (path, path->cur.x + mid, path->cur.y, x - mid, y, x, y);
}

/* Through @corners (level and upright legs) with rounded corners */
static void
path_rounded (Path *path, const VerkanModelPoint *corners, guint n, double radius)
{
  for (guint i = 1; i + 1 < n; i++)
    {
      VerkanModelPoint a = path->cur, p = corners[i], b = corners[i + 1];
      double lin = hypot (p.x - a.x, p.y - a.y), lout = hypot (b.x - p.x, b.y - p.y);
      double r, inx, iny, outx, outy;

      if (lin < 1e-6 || lout < 1e-6)
        continue;
      r = MIN (radius, MIN (lin, lout) / 2);
      inx = (p.x - a.x) / lin;
      iny = (p.y - a.y) / lin;
      outx = (b.x - p.x) / lout;
      outy = (b.y - p.y) / lout;
      path_line (path, p.x - inx * r, p.y - iny * r);
      path_curve (path, p.x - inx * r * (1 - KAPPA), p.y - iny * r * (1 - KAPPA),
                  p.x + outx * r * (1 - KAPPA), p.y + outy * r * (1 - KAPPA),
                  p.x + outx * r, p.y + outy * r);
    }
  path_line (path, corners[n - 1].x, corners[n - 1].y);
}

/* 0, +1, −1, +2, −2, … steps: arrows sharing a gap side by side */
static double
spread (guint k, double step)
{
  double s = ((k + 1) / 2) * step;
  return k % 2 ? s : -s;
}

/* The same within ±@half: when more arrows share a gap than fit side by
 * side, they start again from the middle rather than leave the gap */
static double
spread_within (guint k, double step, double half)
{
  guint n = half > step ? (guint) floor (half / step) : 0;

  return n ? spread (k % (2 * n + 1), step) : 0;
}

typedef enum { SIDE_LEFT, SIDE_RIGHT } Side;

typedef enum {
  ROUTE_FORWARD,     /* to a column further right */
  ROUTE_SAME,        /* within a column */
  ROUTE_BACK,        /* to a column further left */
  ROUTE_TO_BAND,
  ROUTE_FROM_BAND,
  ROUTE_BAND_BAND,
} Route;

typedef struct {
  guint  card;
  Side   side;
  double key;        /* order along the side: where the other end is */
  guint  link;
  guint  is_target : 1;
  double offset;     /* along the side, from its middle */
} Endpoint;

static int
compare_endpoints (gconstpointer a, gconstpointer b)
{
  const Endpoint *x = a, *y = b;

  if (x->card != y->card)
    return x->card < y->card ? -1 : 1;
  if (x->side != y->side)
    return x->side < y->side ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->link > y->link) - (x->link < y->link);
}

typedef struct {
  VerkanModelLink *link;
  guint            from, to;       /* card indices */
  Route            route;
  VerkanModelPoint start, end;     /* anchors on the cards */
} Pending;

/* a rationale of only blanks is none */
static gboolean
is_blank (const char *text)
{
  for (const char *c = text; c && *c; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      return FALSE;
  return TRUE;
}

static inline const cairo_rectangle_t *
card_rect (VerkanModelGeometry *g, guint i)
{
  return &g_array_index (g->cards, VerkanModelCardBox, i).rect;
}

static gboolean
is_band (VerkanModelColumn column)
{
  return column >= VERKAN_MODEL_N_MAIN_COLUMNS;
}

static double
style_card_gap (VerkanModelGeometry *g)
{
  return g->priv->card_gap;
}

/* The middle of gap @k between the main columns: 0 left of the first, N
 * right of the last (in the margin) */
static double
gap_x (VerkanModelGeometry *g, guint k)
{
  const Metrics *m = &g->priv->m;
  double margin = g->columns[0].x;

  if (k == 0)
    return g->columns[0].x - MIN (m->col_pad, margin / 2);
  if (k >= VERKAN_MODEL_N_MAIN_COLUMNS)
    return g->columns[VERKAN_MODEL_N_MAIN_COLUMNS - 1].x + m->col_width + MIN (m->col_pad, margin / 2);
  return (g->columns[k - 1].x + m->col_width + g->columns[k].x) / 2;
}

/* How far from gap_x() an upright leg may run and stay clear of cards */
static double
gap_half (VerkanModelGeometry *g, guint k)
{
  const Metrics *m = &g->priv->m;

  if (k == 0 || k >= VERKAN_MODEL_N_MAIN_COLUMNS)
    return MIN (m->col_pad, g->columns[0].x / 2) - 2 * m->u;
  return (g->columns[k].x - (g->columns[k - 1].x + m->col_width)) / 2 + m->col_pad - 3 * m->u;
}

/* Where an arrow on its way to another column crosses main column @c, as
 * near @desired as the gaps between its cards allow.  @lanes counts the
 * arrows already snapped into each gap of the column. */
static double
pass_through (VerkanModelGeometry *g, guint c, double desired, guint *lanes)
{
  VerkanModelGeometryPrivate *priv = g->priv;
  const Metrics *m = &priv->m;
  guint first = priv->first[c], n = priv->n[c];
  double margin = 3 * m->u;
  double top, bottom, best_y = desired, best_d = G_MAXDOUBLE;
  guint lo = 0, hi = n, best_gap = G_MAXUINT;

  /* the first card whose lower edge (with margin) is below desired */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const cairo_rectangle_t *r = card_rect (g, first + mid);
      if (r->y + r->height + margin <= desired)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == n || desired < card_rect (g, first + lo)->y - margin)
    return desired;   /* free: the gap before card lo, or below the last */

  /* it would cross card lo: take the gap above or below it */
  for (guint gap = lo; gap <= lo + 1; gap++)
    {
      double y, d;

      top = gap == 0 ? priv->body_top : card_rect (g, first + gap - 1)->y +
                                        card_rect (g, first + gap - 1)->height;
      bottom = gap == n ? priv->body_bottom : card_rect (g, first + gap)->y;
      top += margin;
      bottom -= margin;
      if (bottom < top)
        continue;
      y = gap == n ? top + m->lane_step : (top + bottom) / 2;
      /* the strip above the first card hugs the column's edge: less apt */
      d = fabs (y - desired) + (gap == 0 ? 40 * m->u : 0);
      if (d < best_d)
        {
          best_d = d;
          best_y = y;
          best_gap = gap;
        }
    }
  if (best_gap == G_MAXUINT)
    return desired;

  top = best_gap == 0 ? priv->body_top : card_rect (g, first + best_gap - 1)->y +
                                         card_rect (g, first + best_gap - 1)->height;
  bottom = best_gap == n ? priv->body_bottom : card_rect (g, first + best_gap)->y;
  best_y += spread (lanes[best_gap]++, m->lane_step * 0.75);
  return CLAMP (best_y, top + margin, bottom - margin);
}

static void
build_arrows (VerkanModelGeometry *g)
{
  VerkanModelGeometryPrivate *priv = g->priv;
  VerkanModelSnapshot *model = priv->model;
  const Metrics *m = &priv->m;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (Endpoint));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint *lanes[VERKAN_MODEL_N_MAIN_COLUMNS];
  guint gap_lanes[VERKAN_MODEL_N_MAIN_COLUMNS + 1] = { 0 };
  guint bottom_lane = 0;
  double inset = m->head_len * 0.7;

  for (guint i = 0; i < model->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (model->links, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (priv->index, &link->from_id));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (priv->index, &link->to_id));
      Pending p = { link, from - 1, to - 1, ROUTE_FORWARD };
      VerkanModelColumn cf, ct;
      Endpoint e[2] = { { 0 } };
      const cairo_rectangle_t *rf, *rt;

      if (from == 0 || to == 0 || from == to)
        continue;
      cf = priv->cards[p.from].element->column;
      ct = priv->cards[p.to].element->column;
      if (is_band (cf) && is_band (ct))
        p.route = ROUTE_BAND_BAND;
      else if (is_band (cf))
        p.route = ROUTE_FROM_BAND;
      else if (is_band (ct))
        p.route = ROUTE_TO_BAND;
      else if (ct > cf)
        p.route = ROUTE_FORWARD;
      else if (ct == cf)
        p.route = ROUTE_SAME;
      else
        p.route = ROUTE_BACK;

      rf = card_rect (g, p.from);
      rt = card_rect (g, p.to);
      e[0].card = p.from;
      e[0].side = SIDE_RIGHT;
      e[1].card = p.to;
      e[1].is_target = TRUE;
      e[1].side = p.route == ROUTE_SAME ? SIDE_RIGHT : SIDE_LEFT;
      /* arrows that go round by the lane under the columns come last */
      e[0].key = p.route == ROUTE_FORWARD || p.route == ROUTE_SAME ?
                 rt->y + rt->height / 2 : 1e9 - rt->x;
      e[1].key = p.route == ROUTE_FORWARD || p.route == ROUTE_SAME ?
                 rf->y + rf->height / 2 : 1e9 - rf->x;
      e[0].link = e[1].link = pending->len;
      g_array_append_vals (ends, e, 2);
      g_array_append_val (pending, p);
    }

  /* spread the ends along each side of each card, in the order of the
   * cards at their other ends, so that they do not cross at the card */
  g_array_sort (ends, compare_endpoints);
  for (guint i = 0; i < ends->len;)
    {
      Endpoint *e = &g_array_index (ends, Endpoint, i);
      const cairo_rectangle_t *r = card_rect (g, e->card);
      guint j = i, n;
      double length, step;

      while (j < ends->len && g_array_index (ends, Endpoint, j).card == e->card &&
             g_array_index (ends, Endpoint, j).side == e->side)
        j++;
      n = j - i;
      length = r->height;
      step = n > 1 ? MIN (8 * m->u, MAX (0, length - 2 * m->edge_margin) / (n - 1)) : 0;
      for (guint k = i; k < j; k++)
        {
          Endpoint *ek = &g_array_index (ends, Endpoint, k);
          Pending *p = &g_array_index (pending, Pending, ek->link);
          VerkanModelPoint a;
          double along = (k - i - (n - 1) / 2.0) * step;

          switch (ek->side)
            {
            case SIDE_LEFT:
              a.x = r->x;
              a.y = r->y + r->height / 2 + along;
              break;
            case SIDE_RIGHT:
            default:
              a.x = r->x + r->width;
              a.y = r->y + r->height / 2 + along;
              break;
            }
          if (ek->is_target)
            p->end = a;
          else
            p->start = a;
        }
      i = j;
    }

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    lanes[c] = g_new0 (guint, priv->n[c] + 1);

  g_array_set_size (g->arrows, pending->len);
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);
      VerkanModelArrow *arrow = &g_array_index (g->arrows, VerkanModelArrow, i);
      VerkanModelColumn cf = priv->cards[p->from].element->column;
      VerkanModelColumn ct = priv->cards[p->to].element->column;
      Path path = { priv->points };
      guint start = priv->points->len;
      double xs = p->start.x, ys = p->start.y, xt = p->end.x, yt = p->end.y;

      memset (arrow, 0, sizeof *arrow);
      arrow->link_id = p->link->id;
      arrow->from_id = p->link->from_id;
      arrow->to_id = p->link->to_id;
      arrow->dashed = is_blank (p->link->rationale);
      arrow->tip = p->end;
      g_array_append_val (starts, start);

      path_start (&path, xs, ys);
      switch (p->route)
        {
        case ROUTE_FORWARD:
          {
            double y = ys;

            for (guint c = cf + 1; c < ct; c++)
              {
                const cairo_rectangle_t *col = &g->columns[c];
                double desired = y + (yt - y) / (ct - c + 1);

                y = pass_through (g, c, desired, lanes[c]);
                path_s_curve (&path, col->x, y);
                path_line (&path, col->x + col->width, y);
              }
            path_s_curve (&path, xt - inset, yt);
            arrow->angle = 0;
          }
          break;

        case ROUTE_SAME:
          {
            double xg = gap_x (g, cf + 1) +
                        fabs (spread_within (gap_lanes[cf + 1]++, m->lane_step, gap_half (g, cf + 1)));
            VerkanModelPoint corners[] = {
              { xs, ys }, { xg, ys }, { xg, yt }, { xt + inset, yt },
            };
            path_rounded (&path, corners, G_N_ELEMENTS (corners), 10 * m->u);
            arrow->angle = G_PI;
          }
          break;

        case ROUTE_BACK:
        case ROUTE_TO_BAND:
        case ROUTE_FROM_BAND:
        case ROUTE_BAND_BAND:
        default:
          {
            /* round by the gaps between columns, where no card is, and by
             * the lane under the columns, or between band rows */
            guint out_gap = priv->cards[p->from].slot + 1, in_gap = priv->cards[p->to].slot;
            double xo = gap_x (g, out_gap) +
                        spread_within (gap_lanes[out_gap]++, m->lane_step, gap_half (g, out_gap));
            double xi = gap_x (g, in_gap) +
                        spread_within (gap_lanes[in_gap]++, m->lane_step, gap_half (g, in_gap));
            double lane;
            VerkanModelPoint corners[6];
            guint n = 0;

            if (p->route == ROUTE_BAND_BAND)
              lane = card_rect (g, p->to)->y - style_card_gap (g) / 2;
            else
              lane = priv->lane_y + spread_within (bottom_lane++, m->lane_step,
                                                   m->lane_gap / 2 - 3 * m->u);

            corners[n++] = (VerkanModelPoint) { xs, ys };
            corners[n++] = (VerkanModelPoint) { xo, ys };
            if (fabs (xo - xi) > 2 * m->lane_step || out_gap != in_gap)
              {
                corners[n++] = (VerkanModelPoint) { xo, lane };
                corners[n++] = (VerkanModelPoint) { xi, lane };
              }
            else
              xi = xo;
            corners[n++] = (VerkanModelPoint) { xi, yt };
            corners[n++] = (VerkanModelPoint) { xt - inset, yt };
            path_rounded (&path, corners, n, 10 * m->u);
            arrow->angle = 0;
          }
          break;
        }
      arrow->n_points = priv->points->len - start;
    }

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    g_free (lanes[c]);

  /* the storage is final now: point into it, and take the bounds */
  for (guint i = 0; i < g->arrows->len; i++)
    {
      VerkanModelArrow *arrow = &g_array_index (g->arrows, VerkanModelArrow, i);
      double x1 = arrow->tip.x, y1 = arrow->tip.y, x2 = x1, y2 = y1;

      arrow->points = &g_array_index (priv->points, VerkanModelPoint,
                                      g_array_index (starts, guint, i));
      for (guint k = 0; k < arrow->n_points; k++)
        {
          x1 = MIN (x1, arrow->points[k].x);
          y1 = MIN (y1, arrow->points[k].y);
          x2 = MAX (x2, arrow->points[k].x);
          y2 = MAX (y2, arrow->points[k].y);
        }
      x1 -= m->head_len;
      y1 -= m->head_len;
      x2 += m->head_len;
      y2 += m->head_len;
      arrow->bounds = (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 };
    }
}

/* --- caption and legend ---------------------------------------------------- */

char *
verkan_model_dup_caption (VerkanModelSnapshot *model)
{
  g_autoptr(GString) caption = g_string_new (NULL);
  g_autofree char *title = flatten (model->title);

  g_string_append (caption, title[0] ? title : _("Logic model"));
  if (model->municipality != NULL && model->municipality[0] != '\0')
    {
      const VerkanMunicipality *municipality =
        verkan_municipality_catalog_lookup (model->municipality);

      if (municipality != NULL)
        g_string_append_printf (caption, " · %s (%s)", municipality->name, municipality->code);
      else
        g_string_append_printf (caption, " · %s", model->municipality);
    }
  if (model->date != NULL && model->date[0] != '\0')
    g_string_append_printf (caption, " · %s", model->date);
  return g_string_free (g_steal_pointer (&caption), FALSE);
}

static void
layout_caption (VerkanModelGeometry *g, const VerkanModelDrawStyle *style, double y, double width)
{
  VerkanModelGeometryPrivate *priv = g->priv;
  const Metrics *m = &priv->m;
  g_autoptr(PangoFontDescription) bold = new_font (style, m->caption_size, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoFontDescription) regular = new_font (style, m->caption_size, PANGO_WEIGHT_NORMAL);
  g_autofree char *caption = verkan_model_dup_caption (priv->model);
  g_autofree char *title = flatten (priv->model->title);
  const char *meta = caption + strlen (title[0] ? title : _("Logic model"));
  double title_w;

  priv->caption_title = new_layout (priv->context, bold, title[0] ? title : _("Logic model"),
                                    width, 1);
  title_w = layout_width (priv->caption_title);
  if (*meta)
    priv->caption_meta = new_layout (priv->context, regular, meta, MAX (1, width - title_w), 1);
  g->caption = (cairo_rectangle_t) { style->margin, y, width,
                                     layout_height (priv->caption_title) };
}

static void
legend_add (VerkanModelGeometryPrivate *priv, LegendKind kind, guint status, const char *label,
            double *x)
{
  const Metrics *m = &priv->m;
  LegendItem item = { kind, status, *x };
  double mark = kind == LEGEND_STATUS ? 9 * m->u :
                kind == LEGEND_INDICATORS ? 30 * m->u : 30 * m->u;

  item.label_x = *x + mark + 6 * m->u;
  item.label = new_layout (priv->context, priv->badge_font, label, -1, 1);
  *x = item.label_x + layout_width (item.label) + 18 * m->u;
  g_array_append_val (priv->legend, item);
}

static void
layout_legend (VerkanModelGeometry *g, const VerkanModelDrawStyle *style, double y)
{
  VerkanModelGeometryPrivate *priv = g->priv;
  guint n = 0;
  const VerkanTerm *statuses = verkan_vocabulary_terms (VERKAN_VOCABULARY_GOAL_STATUS, &n);
  double x = style->margin;

  for (guint i = 0; i < MIN (n, VERKAN_MODEL_N_STATUSES); i++)
    legend_add (priv, LEGEND_STATUS, i,
                verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS, statuses[i].token), &x);
  x += 12 * priv->m.u;
  legend_add (priv, LEGEND_INDICATORS, 0, _("Number of indicators"), &x);
  legend_add (priv, LEGEND_DASHED, 0, _("Link without a rationale"), &x);
  g->legend = (cairo_rectangle_t) { style->margin, y, x - style->margin, priv->m.badge_h };
}

/* --- layout ---------------------------------------------------------------- */

VerkanModelGeometry *
verkan_model_layout_geometry (VerkanModelSnapshot *model, const VerkanModelDrawStyle *style)
{
  VerkanModelDrawStyle fallback;
  VerkanModelGeometry *g;
  VerkanModelGeometryPrivate *priv;
  g_autoptr(GPtrArray) sorted = NULL;
  const Metrics *m;
  double x0, y, main_width, body_height = 0;
  double heights_sum[VERKAN_MODEL_N_COLUMNS] = { 0 };
  double *heights;

  g_return_val_if_fail (model != NULL, NULL);

  if (style == NULL)
    {
      verkan_model_draw_style_init (&fallback, VERKAN_MODEL_THEME_LIGHT);
      style = &fallback;
    }

  g = g_new0 (VerkanModelGeometry, 1);
  priv = g->priv = g_new0 (VerkanModelGeometryPrivate, 1);
  priv->model = model;
  priv->flags = style->flags;
  priv->card_width = style->card_width;
  priv->card_gap = style->card_gap;
  priv->column_gap = style->column_gap;
  compute_metrics (&priv->m, style);
  m = &priv->m;
  priv->context = verkan_drawing_new_text_context ();
  priv->title_font = new_font (style, m->title_size, PANGO_WEIGHT_BOLD);
  priv->text_font = new_font (style, m->text_size, PANGO_WEIGHT_NORMAL);
  priv->badge_font = new_font (style, m->badge_size, PANGO_WEIGHT_NORMAL);
  priv->heading_font = new_font (style, m->heading_size, PANGO_WEIGHT_BOLD);
  priv->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  priv->counts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  priv->points = g_array_new (FALSE, FALSE, sizeof (VerkanModelPoint));
  priv->legend = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  g->cards = g_array_new (FALSE, TRUE, sizeof (VerkanModelCardBox));
  g->arrows = g_array_new (FALSE, TRUE, sizeof (VerkanModelArrow));

  /* the cards to draw, in drawing order */
  sorted = g_ptr_array_sized_new (model->elements->len);
  for (guint i = 0; i < model->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (model->elements, i);
      if (element->column < VERKAN_MODEL_N_COLUMNS && column_shown (model, element->column))
        g_ptr_array_add (sorted, element);
    }
  g_ptr_array_sort (sorted, verkan_model_element_compare);
  priv->cards = g_new0 (Card, sorted->len);
  heights = g_new0 (double, sorted->len);
  g_array_set_size (g->cards, sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (sorted, i);
      VerkanModelCardBox *box = &g_array_index (g->cards, VerkanModelCardBox, i);

      priv->cards[i].element = element;
      priv->cards[i].slot = MIN (element->column, VERKAN_MODEL_N_MAIN_COLUMNS - 1);
      box->element_id = element->id;
      box->column = element->column;
      if (priv->n[element->column]++ == 0)
        priv->first[element->column] = i;
      heights[i] = measure_card (priv, &priv->cards[i]);
      heights_sum[element->column] += heights[i];
      g_hash_table_insert (priv->index, &element->id, GUINT_TO_POINTER (i + 1));
    }

  main_width = VERKAN_MODEL_N_MAIN_COLUMNS * m->col_width +
               (VERKAN_MODEL_N_MAIN_COLUMNS - 1) * style->column_gap;
  x0 = style->margin;
  y = style->margin;

  if (style->flags & VERKAN_MODEL_DRAW_CAPTION)
    {
      layout_caption (g, style, y, main_width);
      y += g->caption.height + m->caption_gap;
    }

  /* headings and column bodies, all as tall as the tallest */
  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      double content = heights_sum[c] + (priv->n[c] ? (priv->n[c] - 1) * style->card_gap : 0);
      body_height = MAX (body_height, content + 2 * m->col_pad);
    }
  body_height = MAX (body_height, m->min_body);
  priv->body_top = y + m->heading_h + m->heading_gap;
  priv->body_bottom = priv->body_top + body_height;

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      double cx = x0 + c * (m->col_width + style->column_gap);
      double boundary = style->column_gap / 2;
      double left = c == 0 ? cx : cx - boundary + 3 * m->u - m->chevron / 2;
      double right = c + 1 == VERKAN_MODEL_N_MAIN_COLUMNS ?
                     cx + m->col_width : cx + m->col_width + boundary - 3 * m->u + m->chevron / 2;
      double cy = priv->body_top + m->col_pad;

      g->headings[c] = (cairo_rectangle_t) { left, y, right - left, m->heading_h };
      g->columns[c] = (cairo_rectangle_t) { cx, priv->body_top, m->col_width, body_height };
      priv->headings[c] = new_layout (priv->context, priv->heading_font,
                                      verkan_model_column_label (c),
                                      m->col_width - 2 * m->chevron, 1);
      pango_layout_set_alignment (priv->headings[c], PANGO_ALIGN_CENTER);

      for (guint i = priv->first[c]; i < priv->first[c] + priv->n[c]; i++)
        {
          VerkanModelCardBox *box = &g_array_index (g->cards, VerkanModelCardBox, i);
          box->rect = (cairo_rectangle_t) { cx + m->col_pad, cy, style->card_width, heights[i] };
          cy += heights[i] + style->card_gap;
        }
    }

  /* the lane for arrows that go back or to a band, then the bands */
  priv->lane_y = priv->body_bottom + m->lane_gap / 2;
  y = priv->body_bottom + m->lane_gap;
  /* a band: its title where the resources column is, its cards in rows
   * on the grid of the other columns */
  for (guint c = VERKAN_MODEL_N_MAIN_COLUMNS; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      double row_top = y + m->band_pad, row_height = 0;
      guint slot = 1;

      if (!column_shown (model, c))
        continue;
      priv->headings[c] = new_layout (priv->context, priv->heading_font,
                                      verkan_model_column_label (c),
                                      m->col_width - 2 * m->band_pad, 3);
      g->headings[c] = (cairo_rectangle_t) { x0 + m->band_pad, row_top,
                                             m->col_width - 2 * m->band_pad,
                                             layout_height (priv->headings[c]) };
      for (guint i = priv->first[c]; i < priv->first[c] + priv->n[c]; i++)
        {
          VerkanModelCardBox *box = &g_array_index (g->cards, VerkanModelCardBox, i);

          if (slot == VERKAN_MODEL_N_MAIN_COLUMNS)
            {
              slot = 1;
              row_top += row_height + style->card_gap;
              row_height = 0;
            }
          box->rect = (cairo_rectangle_t) { g->columns[slot].x + m->col_pad, row_top,
                                            style->card_width, heights[i] };
          priv->cards[i].slot = slot;
          row_height = MAX (row_height, heights[i]);
          slot++;
        }
      row_height = MAX (row_height, MAX (g->headings[c].height, m->band_empty));
      g->columns[c] = (cairo_rectangle_t) { x0, y, main_width,
                                            row_top + row_height + m->band_pad - y };
      y += g->columns[c].height + m->band_gap;
    }
  if (model->show_assumptions || model->show_external)
    y += m->legend_gap - m->band_gap;
  else
    y = priv->body_bottom + m->legend_gap;

  if (style->flags & VERKAN_MODEL_DRAW_LEGEND)
    {
      layout_legend (g, style, y);
      y += g->legend.height;
    }
  else
    y = MAX (y - m->legend_gap, priv->lane_y + m->lane_gap / 2);

  g->width = main_width + 2 * style->margin;
  g->height = y + style->margin;
  g_free (heights);

  build_arrows (g);
  return g;
}

void
verkan_model_geometry_free (VerkanModelGeometry *g)
{
  VerkanModelGeometryPrivate *priv;

  if (g == NULL)
    return;
  priv = g->priv;
  for (guint i = 0; i < g->cards->len; i++)
    {
      g_clear_object (&priv->cards[i].title);
      g_clear_object (&priv->cards[i].text);
    }
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    g_clear_object (&priv->headings[c]);
  for (guint i = 0; i < VERKAN_MODEL_N_STATUSES; i++)
    g_clear_object (&priv->status_labels[i]);
  for (guint i = 0; i < priv->legend->len; i++)
    g_object_unref (g_array_index (priv->legend, LegendItem, i).label);
  g_clear_object (&priv->caption_title);
  g_clear_object (&priv->caption_meta);
  g_array_unref (priv->legend);
  g_array_unref (priv->points);
  g_hash_table_unref (priv->counts);
  g_hash_table_unref (priv->index);
  pango_font_description_free (priv->title_font);
  pango_font_description_free (priv->text_font);
  pango_font_description_free (priv->badge_font);
  pango_font_description_free (priv->heading_font);
  g_object_unref (priv->context);
  g_free (priv->cards);
  g_free (priv);
  g_array_unref (g->cards);
  g_array_unref (g->arrows);
  g_free (g);
}

const cairo_rectangle_t *
verkan_model_geometry_get_card (VerkanModelGeometry *g, gint64 element_id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (g->priv->index, &element_id));

  return index ? card_rect (g, index - 1) : NULL;
}

gint64
verkan_model_geometry_card_at (VerkanModelGeometry *g, double x, double y)
{
  for (guint i = 0; i < g->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (g->cards, VerkanModelCardBox, i);
      if (x >= box->rect.x && x < box->rect.x + box->rect.width &&
          y >= box->rect.y && y < box->rect.y + box->rect.height)
        return box->element_id;
    }
  return 0;
}

void
verkan_model_arrow_append_path (cairo_t *cr, const VerkanModelArrow *arrow)
{
  if (arrow->n_points == 0)
    return;
  cairo_move_to (cr, arrow->points[0].x, arrow->points[0].y);
  for (guint k = 1; k + 2 < arrow->n_points; k += 3)
    cairo_curve_to (cr, arrow->points[k].x, arrow->points[k].y,
                    arrow->points[k + 1].x, arrow->points[k + 1].y,
                    arrow->points[k + 2].x, arrow->points[k + 2].y);
}

/* --- painting -------------------------------------------------------------- */

typedef struct {
  cairo_t                    *cr;
  VerkanModelGeometry        *g;
  const VerkanModelPalette   *palette;
  const Metrics              *m;
  double                      x1, y1, x2, y2;   /* clip extents */
  gboolean                    greek;            /* text too small to read: bars */
} Painter;

static gboolean
visible (const Painter *p, const cairo_rectangle_t *r)
{
  return r->x <= p->x2 && r->y <= p->y2 && r->x + r->width >= p->x1 && r->y + r->height >= p->y1;
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_layout (const Painter *p, PangoLayout *layout, double x, double y,
             const VerkanModelRgba *color)
{
  set_color (p->cr, color);
  if (p->greek)
    {
      /* a bar per line where the text would be: far too small to read */
      int lines = pango_layout_get_line_count (layout);
      double h = layout_height (layout) / MAX (1, lines);
      double w = layout_width (layout);

      for (int i = 0; i < lines; i++)
        cairo_rectangle (p->cr, x, y + i * h + h * 0.3, i + 1 == lines && lines > 1 ? w * 0.6 : w,
                         h * 0.4);
      cairo_save (p->cr);
      cairo_set_source_rgba (p->cr, color->red, color->green, color->blue, color->alpha * 0.35);
      cairo_fill (p->cr);
      cairo_restore (p->cr);
      return;
    }
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
}

/* The status mark: filled (achieved), half (partly), a bar through it (not
 * achieved), a dot in a ring (unclear), a ring (not assessed) */
static void
draw_status_mark (cairo_t *cr, const VerkanModelPalette *palette, guint status,
                  double cx, double cy, double d)
{
  const VerkanModelRgba *c = &palette->status[status];
  double r = d / 2, ring = d * 0.16;

  cairo_new_path (cr);   /* text leaves a current point behind */
  set_color (cr, c);
  switch (status)
    {
    case 0:
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case 1:
      cairo_set_line_width (cr, ring);
      cairo_arc (cr, cx, cy, r - ring / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, cx, cy - r);
      cairo_arc_negative (cr, cx, cy, r, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case 2:
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      set_color (cr, &palette->card);
      cairo_rectangle (cr, cx - r * 0.55, cy - r * 0.16, r * 1.1, r * 0.32);
      cairo_fill (cr);
      break;
    case 3:
      cairo_set_line_width (cr, ring);
      cairo_arc (cr, cx, cy, r - ring / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, r * 0.35, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    default:
      cairo_set_line_width (cr, ring);
      cairo_arc (cr, cx, cy, r - ring / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    }
}

/* three rising bars: "measured by" */
static void
draw_indicator_glyph (cairo_t *cr, double x, double bottom, double h, double u)
{
  double bar = 2 * u, gap = 1.3 * u;
  const double share[] = { 0.45, 0.72, 1.0 };

  for (guint i = 0; i < 3; i++)
    cairo_rectangle (cr, x + i * (bar + gap), bottom - h * share[i], bar, h * share[i]);
  cairo_fill (cr);
}

static double
indicator_pill_width (const Metrics *m, PangoLayout *count)
{
  return 7 * m->u + (3 * 2 + 2 * 1.3) * m->u + 4 * m->u + layout_width (count) + 7 * m->u;
}

static void
draw_indicator_pill (const Painter *p, PangoLayout *count, guint n, double right, double cy)
{
  const Metrics *m = p->m;
  double w = indicator_pill_width (m, count), h = m->badge_h, x = right - w;
  const VerkanModelRgba *ink = n ? &p->palette->badge_text : &p->palette->muted;

  set_color (p->cr, &p->palette->badge);
  rounded_rect (p->cr, x, cy - h / 2, w, h, h / 2);
  cairo_fill (p->cr);
  set_color (p->cr, ink);
  draw_indicator_glyph (p->cr, x + 7 * m->u, cy + 4.5 * m->u, 9 * m->u, m->u);
  show_layout (p, count, x + w - 7 * m->u - layout_width (count),
               cy - layout_height (count) / 2, ink);
}

static PangoLayout *
count_layout (VerkanModelGeometryPrivate *priv, guint n)
{
  PangoLayout *layout = g_hash_table_lookup (priv->counts, GUINT_TO_POINTER (n));

  if (layout == NULL)
    {
      char text[16];
      g_snprintf (text, sizeof text, "%u", n);
      layout = new_layout (priv->context, priv->badge_font, text, -1, 1);
      g_hash_table_insert (priv->counts, GUINT_TO_POINTER (n), layout);
    }
  return layout;
}

static PangoLayout *
status_layout (VerkanModelGeometryPrivate *priv, guint status, double width)
{
  if (priv->status_labels[status] == NULL)
    {
      guint n = 0;
      const VerkanTerm *terms = verkan_vocabulary_terms (VERKAN_VOCABULARY_GOAL_STATUS, &n);
      const char *label = status < n ?
        verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS, terms[status].token) : "";
      priv->status_labels[status] = new_layout (priv->context, priv->badge_font, label, width, 1);
    }
  return priv->status_labels[status];
}

static void
draw_card (const Painter *p, guint i)
{
  VerkanModelGeometryPrivate *priv = p->g->priv;
  const Metrics *m = p->m;
  const VerkanModelPalette *palette = p->palette;
  const cairo_rectangle_t *r = card_rect (p->g, i);
  Card *card = &priv->cards[i];
  cairo_t *cr = p->cr;
  double x = r->x + m->card_pad, y = r->y + m->card_pad;
  double inner = r->width - 2 * m->card_pad;
  double badge_cy = r->y + r->height - m->card_pad - m->badge_h / 2;
  PangoLayout *count = count_layout (priv, card->element->n_indicators);
  PangoLayout *status;
  double dot = 9 * m->u;

  /* a soft shadow under a white card with a hairline border */
  set_color (cr, &palette->card_shadow);
  rounded_rect (cr, r->x, r->y + 1.5 * m->u, r->width, r->height, m->card_radius);
  cairo_fill (cr);
  set_color (cr, &palette->card);
  rounded_rect (cr, r->x, r->y, r->width, r->height, m->card_radius);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->card_border);
  cairo_set_line_width (cr, 1 * m->u);
  cairo_stroke (cr);

  show_layout (p, card->title, x, y, card->untitled ? &palette->muted : &palette->title);
  if (card->text)
    show_layout (p, card->text, x, y + layout_height (card->title) + m->text_gap, &palette->text);

  draw_status_mark (cr, palette, card->status, x + dot / 2, badge_cy, dot);
  status = status_layout (priv, card->status,
                          inner - dot - 6 * m->u - indicator_pill_width (m, count) - 6 * m->u);
  show_layout (p, status, x + dot + 6 * m->u, badge_cy - layout_height (status) / 2,
               &palette->text);
  draw_indicator_pill (p, count, card->element->n_indicators, r->x + r->width - m->card_pad,
                       badge_cy);
}

static void
draw_head (cairo_t *cr, const Metrics *m, VerkanModelPoint tip, double angle)
{
  double c = cos (angle), s = sin (angle);
  double bx = tip.x - c * m->head_len, by = tip.y - s * m->head_len;

  cairo_move_to (cr, tip.x, tip.y);
  cairo_line_to (cr, bx - s * m->head_half, by + c * m->head_half);
  cairo_line_to (cr, bx + c * m->head_len * 0.18, by + s * m->head_len * 0.18);
  cairo_line_to (cr, bx + s * m->head_half, by - c * m->head_half);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Only the segments that meet the clip: a long arrow mostly outside a
 * canvas view costs nothing to stroke.  Dashes restart where a skipped
 * stretch ends, which nobody can see, since it happens outside the view. */
static void
append_visible_path (const Painter *p, const VerkanModelArrow *arrow)
{
  const VerkanModelPoint *pt = arrow->points;
  gboolean connected = FALSE;
  double pad = p->m->line_width;

  for (guint k = 1; k + 2 < arrow->n_points; k += 3)
    {
      double x1 = MIN (MIN (pt[k - 1].x, pt[k].x), MIN (pt[k + 1].x, pt[k + 2].x)) - pad;
      double x2 = MAX (MAX (pt[k - 1].x, pt[k].x), MAX (pt[k + 1].x, pt[k + 2].x)) + pad;
      double y1 = MIN (MIN (pt[k - 1].y, pt[k].y), MIN (pt[k + 1].y, pt[k + 2].y)) - pad;
      double y2 = MAX (MAX (pt[k - 1].y, pt[k].y), MAX (pt[k + 1].y, pt[k + 2].y)) + pad;

      if (x1 > p->x2 || x2 < p->x1 || y1 > p->y2 || y2 < p->y1)
        {
          connected = FALSE;
          continue;
        }
      if (!connected)
        cairo_move_to (p->cr, pt[k - 1].x, pt[k - 1].y);
      cairo_curve_to (p->cr, pt[k].x, pt[k].y, pt[k + 1].x, pt[k + 1].y, pt[k + 2].x, pt[k + 2].y);
      connected = TRUE;
    }
}

static void
draw_arrows (const Painter *p)
{
  cairo_t *cr = p->cr;
  const Metrics *m = p->m;
  const double dash[] = { 5 * m->u, 3.5 * m->u };

  cairo_save (cr);
  set_color (cr, &p->palette->arrow);
  cairo_set_line_width (cr, m->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* one stroke per arrow: cairo rasterises many small paths much faster
   * than one path of many parts */
  for (guint i = 0; i < p->g->arrows->len; i++)
    {
      const VerkanModelArrow *arrow = &g_array_index (p->g->arrows, VerkanModelArrow, i);

      if (!visible (p, &arrow->bounds))
        continue;
      append_visible_path (p, arrow);
      cairo_set_dash (cr, dash, arrow->dashed ? 2 : 0, 0);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < p->g->arrows->len; i++)
    {
      const VerkanModelArrow *arrow = &g_array_index (p->g->arrows, VerkanModelArrow, i);
      if (visible (p, &arrow->bounds))
        draw_head (cr, m, arrow->tip, arrow->angle);
    }
  cairo_restore (cr);
}

static void
draw_columns (const Painter *p)
{
  VerkanModelGeometry *g = p->g;
  VerkanModelGeometryPrivate *priv = g->priv;
  const Metrics *m = p->m;
  cairo_t *cr = p->cr;

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      const cairo_rectangle_t *h = &g->headings[c], *body = &g->columns[c];
      gboolean notch = c > 0, tip = TRUE;
      double right = h->x + h->width - (tip ? m->chevron : 0);
      double label_w;

      if (visible (p, body))
        {
          set_color (cr, &p->palette->column);
          rounded_rect (cr, body->x, body->y, body->width, body->height, m->column_radius);
          cairo_fill (cr);
        }
      if (!visible (p, h))
        continue;

      /* a chevron: the flow from resources to goals */
      cairo_move_to (cr, h->x, h->y);
      cairo_line_to (cr, right, h->y);
      cairo_line_to (cr, right + m->chevron, h->y + h->height / 2);
      cairo_line_to (cr, right, h->y + h->height);
      cairo_line_to (cr, h->x, h->y + h->height);
      if (notch)
        cairo_line_to (cr, h->x + m->chevron, h->y + h->height / 2);
      cairo_close_path (cr);
      set_color (cr, &p->palette->heading);
      cairo_fill (cr);

      label_w = pango_layout_get_width (priv->headings[c]) / (double) PANGO_SCALE;
      show_layout (p, priv->headings[c], body->x + (body->width - label_w) / 2,
                   h->y + (h->height - layout_height (priv->headings[c])) / 2,
                   &p->palette->heading_text);
    }

  for (guint c = VERKAN_MODEL_N_MAIN_COLUMNS; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      const cairo_rectangle_t *band = &g->columns[c];

      if (priv->headings[c] == NULL || !visible (p, band))
        continue;
      rounded_rect (cr, band->x + 0.5 * m->u, band->y + 0.5 * m->u,
                    band->width - m->u, band->height - m->u, m->column_radius);
      set_color (cr, &p->palette->band);
      cairo_fill_preserve (cr);
      set_color (cr, &p->palette->band_border);
      cairo_set_line_width (cr, m->u);
      cairo_stroke (cr);
      show_layout (p, priv->headings[c], g->headings[c].x, g->headings[c].y,
                   &p->palette->heading_text);
    }
}

static void
draw_caption (const Painter *p)
{
  VerkanModelGeometryPrivate *priv = p->g->priv;
  const cairo_rectangle_t *r = &p->g->caption;

  if (priv->caption_title == NULL || !visible (p, r))
    return;
  show_layout (p, priv->caption_title, r->x, r->y, &p->palette->title);
  if (priv->caption_meta)
    show_layout (p, priv->caption_meta, r->x + layout_width (priv->caption_title), r->y,
                 &p->palette->muted);
}

static void
draw_legend (const Painter *p)
{
  VerkanModelGeometryPrivate *priv = p->g->priv;
  const Metrics *m = p->m;
  const cairo_rectangle_t *r = &p->g->legend;
  cairo_t *cr = p->cr;
  double cy = r->y + r->height / 2;

  if (priv->legend->len == 0 || !visible (p, r))
    return;
  for (guint i = 0; i < priv->legend->len; i++)
    {
      LegendItem *item = &g_array_index (priv->legend, LegendItem, i);

      switch (item->kind)
        {
        case LEGEND_STATUS:
          draw_status_mark (cr, p->palette, item->status, item->x + 4.5 * m->u, cy, 9 * m->u);
          break;
        case LEGEND_INDICATORS:
          {
            PangoLayout *count = count_layout (priv, 2);
            draw_indicator_pill (p, count, 2, item->x + indicator_pill_width (m, count), cy);
          }
          break;
        case LEGEND_DASHED:
        default:
          {
            const double dash[] = { 5 * m->u, 3.5 * m->u };
            double end = item->label_x - 6 * m->u;

            cairo_save (cr);
            set_color (cr, &p->palette->arrow);
            cairo_set_line_width (cr, m->line_width);
            cairo_set_dash (cr, dash, 2, 0);
            cairo_move_to (cr, item->x, cy);
            cairo_line_to (cr, end - m->head_len * 0.7, cy);
            cairo_stroke (cr);
            draw_head (cr, m, (VerkanModelPoint) { end, cy }, 0);
            cairo_restore (cr);
          }
          break;
        }
      show_layout (p, item->label, item->label_x, cy - layout_height (item->label) / 2,
                   &p->palette->muted);
    }
}

void
verkan_model_draw_geometry (cairo_t *cr, VerkanModelGeometry *g, const VerkanModelDrawStyle *style)
{
  VerkanModelDrawStyle fallback;
  Painter p = { cr, g };
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  double dx = 1, dy = 0;

  g_return_if_fail (cr != NULL && g != NULL);

  if (style == NULL)
    {
      verkan_model_draw_style_init (&fallback, VERKAN_MODEL_THEME_LIGHT);
      style = &fallback;
    }
  p.palette = &style->palette;
  p.m = &g->priv->m;
  cairo_clip_extents (cr, &p.x1, &p.y1, &p.x2, &p.y2);
  cairo_user_to_device_distance (cr, &dx, &dy);
  /* raster only: vector output may be zoomed into */
  p.greek = type != CAIRO_SURFACE_TYPE_PDF && type != CAIRO_SURFACE_TYPE_SVG &&
            type != CAIRO_SURFACE_TYPE_PS && hypot (dx, dy) * p.m->text_size < 3.0;

  cairo_save (cr);
  if (style->flags & VERKAN_MODEL_DRAW_BACKGROUND)
    {
      set_color (cr, &style->palette.background);
      cairo_rectangle (cr, 0, 0, g->width, g->height);
      cairo_fill (cr);
    }
  if (style->flags & VERKAN_MODEL_DRAW_CAPTION)
    draw_caption (&p);
  draw_columns (&p);
  draw_arrows (&p);
  if (style->flags & VERKAN_MODEL_DRAW_CARDS)
    for (guint i = 0; i < g->cards->len; i++)
      if (visible (&p, card_rect (g, i)))
        draw_card (&p, i);
  if (style->flags & VERKAN_MODEL_DRAW_LEGEND)
    draw_legend (&p);
  cairo_restore (cr);
}

void
verkan_model_draw (cairo_t *cr, VerkanModelSnapshot *model, const VerkanModelDrawStyle *style,
                   double width, double height)
{
  VerkanModelDrawStyle fallback;
  g_autoptr(VerkanModelGeometry) g = NULL;
  double scale;

  g_return_if_fail (cr != NULL && model != NULL);

  if (style == NULL)
    {
      verkan_model_draw_style_init (&fallback, VERKAN_MODEL_THEME_LIGHT);
      style = &fallback;
    }
  g = verkan_model_layout_geometry (model, style);
  scale = MIN (width / g->width, height / g->height);
  if (!(scale > 0))
    return;

  cairo_save (cr);
  if (style->flags & VERKAN_MODEL_DRAW_BACKGROUND)
    {
      set_color (cr, &style->palette.background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
  cairo_translate (cr, (width - g->width * scale) / 2, (height - g->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  verkan_model_draw_geometry (cr, g, style);
  cairo_restore (cr);
}

/* --- export ------------------------------------------------------------------ */


typedef struct {
  GOutputStream *stream;
  GError        *error;
} Writer;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Writer *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* The largest PNG we make: a side cairo accepts, and a bitmap of 256 MB */
#define MAX_PNG_SIDE 32000.0
#define MAX_PNG_PIXELS 64e6

/* A4 landscape in points, its margin, and the smallest scale at which a
 * card's text is still readable on it */
#define A4_LONG 841.89
#define A4_SHORT 595.28
#define A4_MARGIN 28.35
#define A4_MIN_SCALE 0.42
#define PT_PER_PX 0.75

/* "Could not save the logic model as “x.pdf”: the folder does not exist",
 * in words a person acts on, keeping the GIO error's domain and code */
static void
prefix_save_error (GError **error, const char *path)
{
  const char *reason = NULL;

  if (error == NULL || *error == NULL)
    return;
  if ((*error)->domain == G_IO_ERROR)
    switch ((*error)->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        reason = _("the folder does not exist");
        break;
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        reason = _("you may not write there");
        break;
      case G_IO_ERROR_IS_DIRECTORY:
        reason = _("there is a folder by that name");
        break;
      case G_IO_ERROR_NO_SPACE:
        reason = _("the disk is full");
        break;
      default:
        break;
      }
  if (reason != NULL)
    {
      g_free ((*error)->message);
      (*error)->message = g_strdup_printf (_("Could not save the logic model as “%s”: %s"),
                                           path, reason);
    }
  else
    g_prefix_error (error, _("Could not save the logic model as “%s”: "), path);
}

static cairo_status_t
paint (cairo_surface_t *surface, VerkanModelGeometry *g, const VerkanModelDrawStyle *style,
       double page_w, double page_h, double scale)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  set_color (cr, &style->palette.background);
  cairo_paint (cr);
  cairo_translate (cr, (page_w - g->width * scale) / 2, (page_h - g->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  verkan_model_draw_geometry (cr, g, style);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return status;
}

gboolean
verkan_model_export (VerkanModelSnapshot *model, const char *path, double width_px, GError **error)
{
  g_autoptr(VerkanModelGeometry) g = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) discard = NULL;
  g_autofree char *caption = NULL;
  VerkanModelDrawStyle style;
  Writer writer = { NULL };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  VerkanImageFormat format;
  double page_w, page_h, scale;

  g_return_val_if_fail (model != NULL && path != NULL, FALSE);

  if (!verkan_image_format_from_path (path, &format, VERKAN_MODEL_DRAWING_ERROR,
                                      VERKAN_MODEL_DRAWING_ERROR_FORMAT, error))
    return FALSE;

  verkan_model_draw_style_init (&style, VERKAN_MODEL_THEME_LIGHT);
  g = verkan_model_layout_geometry (model, &style);

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    {
      prefix_save_error (error, path);
      return FALSE;
    }
  writer.stream = G_OUTPUT_STREAM (stream);

  switch (format)
    {
    case VERKAN_IMAGE_PNG:
      scale = width_px > 0 ? width_px / g->width : 2.0;
      scale = MIN (scale, MAX_PNG_SIDE / g->width);
      scale = MIN (scale, MAX_PNG_SIDE / g->height);
      scale = MIN (scale, sqrt (MAX_PNG_PIXELS / (g->width * g->height)));
      page_w = ceil (g->width * scale);
      page_h = ceil (g->height * scale);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) page_w, (int) page_h);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = paint (surface, g, &style, page_w, page_h, scale);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, write_cb, &writer);
      break;

    case VERKAN_IMAGE_SVG:
      page_w = width_px > 0 ? width_px : g->width;
      scale = page_w / g->width;
      page_h = g->height * scale;
      surface = cairo_svg_surface_create_for_stream (write_cb, &writer, page_w, page_h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      status = paint (surface, g, &style, page_w, page_h, scale);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      break;

    case VERKAN_IMAGE_PDF:
    default:
      if (width_px > 0)
        {
          page_w = width_px * PT_PER_PX;
          scale = page_w / g->width;
          page_h = g->height * scale;
        }
      else
        {
          scale = MIN ((A4_LONG - 2 * A4_MARGIN) / g->width, (A4_SHORT - 2 * A4_MARGIN) / g->height);
          if (scale >= A4_MIN_SCALE)
            {
              page_w = A4_LONG;
              page_h = A4_SHORT;
            }
          else
            {
              scale = PT_PER_PX;
              page_w = g->width * scale;
              page_h = g->height * scale;
            }
        }
      caption = verkan_model_dup_caption (model);
      surface = cairo_pdf_surface_create_for_stream (write_cb, &writer, page_w, page_h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, caption);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Verkan " PACKAGE_VERSION);
      status = paint (surface, g, &style, page_w, page_h, scale);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      break;
    }
  cairo_surface_destroy (surface);

  if (writer.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      /* closing with a cancelled cancellable leaves the old file in place */
      discard = g_cancellable_new ();
      g_cancellable_cancel (discard);
      g_output_stream_close (G_OUTPUT_STREAM (stream), discard, NULL);
      if (writer.error != NULL)
        {
          g_propagate_error (error, writer.error);
          prefix_save_error (error, path);
        }
      else
        g_set_error (error, VERKAN_MODEL_DRAWING_ERROR, VERKAN_MODEL_DRAWING_ERROR_FAILED,
                     _("The logic model could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      prefix_save_error (error, path);
      return FALSE;
    }
  return TRUE;
}
