/* verkan-chart-palette.c: the colours, markers and dashes of chart series.
 *
 * Main series take the Okabe–Ito colours, which people with the common
 * kinds of colour blindness tell apart; on white the yellow is too pale for
 * a line, so the light palette leaves it out, and on a dark background the
 * blue gives way to the sky blue.  Comparison series (Riket, groups) are
 * near-neutral and dashed.  Each series also has its own marker, so a
 * greyscale print still separates them.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "verkan-chart-palette.h"

static VerkanRgba
hex (guint32 rgb, double alpha)
{
  VerkanRgba c = {
    ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha
  };
  return c;
}

/* Okabe–Ito in an order where neighbours differ most in lightness too:
 * blue, vermillion, bluish green, reddish purple, orange, sky blue */
static const guint32 light_main[] = {
  0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9,
};
/* the same hues where they need more light to show on dark grey */
static const guint32 dark_main[] = {
  0x56B4E9, 0xF07A3A, 0x1FC294, 0xE08FBC, 0xF0B429, 0xF0E442,
};
/* Riket first: near-black, then greys with a tint of their own */
static const guint32 light_comparison[] = {
  0x2B2B2B, 0x737373, 0x8A6D4B, 0x4F6475,
};
static const guint32 dark_comparison[] = {
  0xEDEDED, 0xA8A8A8, 0xC9AE8C, 0x9DB4C8,
};

void
verkan_chart_theme_init (VerkanChartTheme *theme,
                         gboolean          dark)
{
  g_return_if_fail (theme != NULL);

  theme->dark = dark;
  if (!dark)
    {
      theme->background = hex (0xFFFFFF, 1);
      theme->foreground = hex (0x1E1E1E, 1);
      theme->muted = hex (0x5C5C5C, 1);
      theme->grid = hex (0xE2E2E2, 1);
      theme->period = hex (0x5A7FA0, 0.13);
      theme->target = hex (0x3D3D3D, 1);
      theme->quartile_good = hex (0x009E73, 0.16);
      theme->quartile_middle = hex (0xE6C800, 0.16);
      theme->quartile_bad = hex (0xD55E00, 0.14);
    }
  else
    {
      theme->background = hex (0x242424, 1);
      theme->foreground = hex (0xF2F2F2, 1);
      theme->muted = hex (0xB0B0B0, 1);
      theme->grid = hex (0x3C3C3C, 1);
      theme->period = hex (0x8FB3D9, 0.14);
      theme->target = hex (0xDADADA, 1);
      theme->quartile_good = hex (0x1FC294, 0.20);
      theme->quartile_middle = hex (0xF0E442, 0.15);
      theme->quartile_bad = hex (0xF07A3A, 0.20);
    }
}

VerkanRgba
verkan_chart_palette_color (guint    index,
                            gboolean dark)
{
  if (dark)
    return hex (dark_main[index % G_N_ELEMENTS (dark_main)], 1);
  return hex (light_main[index % G_N_ELEMENTS (light_main)], 1);
}

VerkanRgba
verkan_chart_palette_comparison (guint    index,
                                 gboolean dark)
{
  if (dark)
    return hex (dark_comparison[index % G_N_ELEMENTS (dark_comparison)], 1);
  return hex (light_comparison[index % G_N_ELEMENTS (light_comparison)], 1);
}

VerkanMarker
verkan_chart_palette_marker (guint index)
{
  /* five shapes; NONE is left for callers that want no mark */
  return (VerkanMarker) (index % VERKAN_MARKER_NONE);
}

void
verkan_chart_palette_set_dash (cairo_t  *cr,
                               gboolean  comparison,
                               guint     index,
                               double    line_width)
{
  /* in multiples of the line width, so thick lines keep their rhythm */
  static const double dash0[] = { 5, 2.5 };
  static const double dash1[] = { 1.2, 2 };
  static const double dash2[] = { 7, 2.5, 1.2, 2.5 };
  static const double dash3[] = { 3, 2, 1.2, 2, 1.2, 2 };
  static const struct { const double *dashes; int n; } patterns[] = {
    { dash0, G_N_ELEMENTS (dash0) },
    { dash1, G_N_ELEMENTS (dash1) },
    { dash2, G_N_ELEMENTS (dash2) },
    { dash3, G_N_ELEMENTS (dash3) },
  };
  double scaled[6];
  guint p;

  if (!comparison)
    {
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  p = index % G_N_ELEMENTS (patterns);
  for (int i = 0; i < patterns[p].n; i++)
    scaled[i] = patterns[p].dashes[i] * MAX (line_width, 0.5);
  cairo_set_dash (cr, scaled, patterns[p].n, 0);
}

void
verkan_chart_draw_marker (cairo_t      *cr,
                          VerkanMarker  marker,
                          double        x,
                          double        y,
                          double        size)
{
  /* @size is the width of the shape; shapes of the same size look about
   * as heavy, so the square is a bit smaller than its box */
  double r = size / 2;

  cairo_new_sub_path (cr);
  switch (marker)
    {
    case VERKAN_MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case VERKAN_MARKER_SQUARE:
      r *= 0.88;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case VERKAN_MARKER_TRIANGLE:
      r *= 1.15;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    case VERKAN_MARKER_DIAMOND:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.8, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r * 0.8, y);
      cairo_close_path (cr);
      break;
    case VERKAN_MARKER_CROSS:
      {
        /* a plus as one outline, so it fills like the others */
        double a = r, b = r * 0.34;

        cairo_move_to (cr, x - b, y - a);
        cairo_line_to (cr, x + b, y - a);
        cairo_line_to (cr, x + b, y - b);
        cairo_line_to (cr, x + a, y - b);
        cairo_line_to (cr, x + a, y + b);
        cairo_line_to (cr, x + b, y + b);
        cairo_line_to (cr, x + b, y + a);
        cairo_line_to (cr, x - b, y + a);
        cairo_line_to (cr, x - b, y + b);
        cairo_line_to (cr, x - a, y + b);
        cairo_line_to (cr, x - a, y - b);
        cairo_line_to (cr, x - b, y - b);
        cairo_close_path (cr);
      }
      break;
    case VERKAN_MARKER_NONE:
    case VERKAN_N_MARKERS:
    default:
      break;
    }
}

void
verkan_chart_set_source_rgba (cairo_t          *cr,
                              const VerkanRgba *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}
