/* bench-chart-draw.c: how fast a chart is laid out and drawn.
 *
 * Prints the median of 20 runs of laying out and drawing, onto a 1200 × 800
 * image surface,
 *   - a line chart of 290 series × 20 years (every municipality; target:
 *     under 30 ms), and
 *   - a typical chart: four municipalities, Riket and similar
 *     municipalities over 9 years, with the project period and a target,
 * and each split into layout and drawing.  Figures, not assertions: the
 * machines are shared and noisy.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bench-stats.h"

#include "verkan-chart-drawing.h"

#define RUNS 20
#define WIDTH 1200
#define HEIGHT 800

static VerkanChartData *
generate (guint n_series, int n_years, gboolean overlays)
{
  VerkanChartData *data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2024 - n_years, n_years);
  GRand *rand = g_rand_new_with_seed (1884);

  data->title = g_strdup ("Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%)");
  data->unit = g_strdup ("%");
  data->source = g_strdup ("Källa: Kolada, N31807, hämtad 2024-03-02");
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *id = g_strdup_printf ("%04u", 1000 + s);
      g_autofree char *label = g_strdup_printf ("Kommun %u", s + 1);
      gboolean comparison = overlays && s >= n_series - 2;
      VerkanChartSeries *series = verkan_chart_data_add_series (data, id, label,
                                                                comparison ? VERKAN_SERIES_COMPARISON
                                                                           : VERKAN_SERIES_MAIN);
      double v = g_rand_double_range (rand, 1, 9);

      for (int i = 0; i < n_years; i++)
        {
          v += g_rand_double_range (rand, -0.5, 0.5);
          v = CLAMP (v, 0.2, 12);
          /* one value in fifty is missing */
          series->values[VERKAN_GENDER_TOTAL][i] = g_rand_int_range (rand, 0, 50) == 0 ? NAN : round (v * 10) / 10;
        }
    }
  if (overlays)
    {
      data->period_start = 2020.75;
      data->period_end = 2023.5;
      data->target_value = 3.5;
      data->target_year = 2023;
      data->baseline_value = 4.4;
      data->baseline_year = 2021;
    }
  g_rand_free (rand);
  return data;
}

static void
measure (const char *what, const VerkanChartData *data)
{
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_only = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw_only = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  VerkanChartStyle style;

  verkan_chart_style_init (&style);
  /* one run first, so that fonts are loaded before the clock runs */
  for (int run = -1; run < RUNS; run++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time (), laid_out, done;
      VerkanChartLayout *layout = verkan_chart_layout_new (data, &style, context, WIDTH, HEIGHT);

      laid_out = g_get_monotonic_time ();
      verkan_chart_layout_draw (layout, cr);
      cairo_surface_flush (surface);
      done = g_get_monotonic_time ();
      verkan_chart_layout_free (layout);
      cairo_destroy (cr);

      if (run < 0)
        continue;
      g_array_append_val (total, (double) { (done - start) / 1000.0 });
      g_array_append_val (layout_only, (double) { (laid_out - start) / 1000.0 });
      g_array_append_val (draw_only, (double) { (done - laid_out) / 1000.0 });
    }
  g_print ("%-44s %7.2f ms  (layout %.2f ms, draw %.2f ms; median of %d", what,
           bench_median (total), bench_median (layout_only), bench_median (draw_only), RUNS);
  /* sorted by bench_median(): the fastest run shows what a quiet machine does */
  g_print ("; fastest %.2f ms)\n", g_array_index (total, double, 0));
  g_object_unref (context);
  cairo_surface_destroy (surface);
}

int
main (void)
{
  VerkanChartData *all, *typical;

  setlocale (LC_ALL, "");
  all = generate (290, 20, FALSE);
  typical = generate (6, 9, TRUE);

  g_print ("Chart layout and drawing onto a %d × %d image surface\n", WIDTH, HEIGHT);
  measure ("line chart, 290 series × 20 years (< 30 ms)", all);
  measure ("line chart, 6 series × 9 years, overlays", typical);

  verkan_chart_data_free (all);
  verkan_chart_data_free (typical);
  return 0;
}
