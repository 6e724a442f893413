/* bench-model-render.c: how fast a large logic model is drawn.
 *
 * Generates a model of 1,000 cards in the six columns and 2,000 links
 * (most to the next column, some skipping one or two, some back, a tenth
 * without a rationale), then prints the median of several runs of
 *   - laying it out (measuring every card's text, routing every arrow),
 *   - exporting it to PDF (target: under 300 ms),
 *   - one full draw fitted into 1920 × 1080 on an image surface, and
 *   - one canvas frame: a 1920 × 1080 view at 100 % of the laid-out model,
 *     columns and arrows only (the canvas's cards are widgets).
 * Figures, not assertions: the machines are shared and noisy. */
#include <glib/gstdio.h>
#include <locale.h>

#include "bench-stats.h"

#include "verkan-model-drawing.h"

#define N_CARDS 1000
#define N_LINKS 2000
#define LAYOUT_RUNS 7
#define PDF_RUNS 7
#define DRAW_RUNS 9
#define FRAME_RUNS 31

static const char *const titles[] = {
  "Kartläggning enligt Supported Employment",
  "Gemensamma ärendedragningar",
  "Fler går vidare till arbete eller studier",
  "Minskat långvarigt biståndsmottagande",
  "Kommunmedborgarnas självförsörjning ökar",
  "Individuella planer med jobbfokus",
  "Praktikplatser hos lokala arbetsgivare",
};

static const char *const texts[] = {
  "",
  "Varannan vecka",
  "Individuell kartläggning av arbetsförmåga, intressen och hinder vid inskrivning",
  "Färre hushåll med ekonomiskt bistånd i tio månader eller mer under året",
};

static const char *const statuses[] = {
  "achieved", "partly-achieved", "not-achieved", "unclear", "not-assessed",
};

static VerkanModelSnapshot *
generate (void)
{
  VerkanModelSnapshot *model = verkan_model_snapshot_new ("Genererad logikmodell");
  GRand *rand = g_rand_new_with_seed (1884);
  guint per_column = N_CARDS / VERKAN_MODEL_N_MAIN_COLUMNS;
  guint n_links = 0;

  model->municipality = g_strdup ("1884");
  model->date = g_strdup ("2022-06-15");
  for (guint i = 0; i < N_CARDS; i++)
    {
      VerkanModelColumn column = MIN (i / (per_column + 1), VERKAN_MODEL_N_MAIN_COLUMNS - 1);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, titles[i % G_N_ELEMENTS (titles)]);
      VerkanModelElement *element = verkan_model_snapshot_add_element (model, i + 1, column, title);

      g_free (element->text);
      element->text = g_strdup (texts[i % G_N_ELEMENTS (texts)]);
      g_free (element->status);
      element->status = g_strdup (statuses[i % G_N_ELEMENTS (statuses)]);
      if (column >= VERKAN_MODEL_COLUMN_SHORT_TERM_EFFECTS)
        for (guint k = 0; k < i % 3; k++)
          verkan_model_snapshot_add_indicator (model, 10000 + i * 3 + k, i + 1, "Indikator");
    }

  while (n_links < N_LINKS)
    {
      VerkanModelElement *from = g_ptr_array_index (model->elements,
                                                    g_rand_int_range (rand, 0, N_CARDS));
      int step = g_rand_int_range (rand, 0, 20);
      int target_column;
      GPtrArray *candidates = g_ptr_array_new ();

      /* 80 % to the next column, 15 % skipping, 5 % back */
      step = step < 16 ? 1 : step < 19 ? 2 + step % 2 : -1;
      target_column = (int) from->column + step;
      if (target_column < 0 || target_column >= VERKAN_MODEL_N_MAIN_COLUMNS)
        {
          g_ptr_array_unref (candidates);
          continue;
        }
      /* a card near the same height in its column, as a person would link */
      for (guint i = 0; i < model->elements->len; i++)
        {
          VerkanModelElement *to = g_ptr_array_index (model->elements, i);
          if ((int) to->column == target_column && ABS (to->position - from->position) < 12)
            g_ptr_array_add (candidates, to);
        }
      if (candidates->len > 0)
        {
          VerkanModelElement *to = g_ptr_array_index (candidates,
                                                      g_rand_int_range (rand, 0, candidates->len));
          verkan_model_snapshot_add_link (model, 20000 + n_links, from->id, to->id,
                                          n_links % 10 ? "Om detta sker, följer nästa steg" : "");
          n_links++;
        }
      g_ptr_array_unref (candidates);
    }
  g_rand_free (rand);
  return model;
}

static double
median_ms (GArray *samples)
{
  return bench_median (samples) * 1000;
}

int
main (int argc, char *argv[])
{
  g_autoptr(VerkanModelSnapshot) model = generate ();
  g_autoptr(GArray) layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "modell.pdf", NULL);
  VerkanModelDrawStyle style;
  VerkanModelGeometry *geometry = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  GStatBuf st;

  setlocale (LC_ALL, "");
  g_assert_no_error (error);
  verkan_model_draw_style_init (&style, VERKAN_MODEL_THEME_LIGHT);

  for (guint i = 0; i < LAYOUT_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_pointer (&geometry, verkan_model_geometry_free);
      geometry = verkan_model_layout_geometry (model, &style);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (layout, t);
    }

  for (guint i = 0; i < PDF_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      if (!verkan_model_export (model, path, 0, &error))
        g_error ("%s", error->message);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (pdf, t);
    }
  g_stat (path, &st);

  for (guint i = 0; i < DRAW_RUNS; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double t;

      verkan_model_draw (cr, model, &style, 1920, 1080);
      cairo_surface_flush (surface);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (draw, t);
      cairo_destroy (cr);
    }

  /* the canvas: columns and arrows of a view in the middle of the model */
  style.flags &= ~VERKAN_MODEL_DRAW_CARDS;
  for (guint i = 0; i < FRAME_RUNS; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double t;

      cairo_rectangle (cr, 0, 0, 1920, 1080);
      cairo_clip (cr);
      cairo_translate (cr, -(geometry->width - 1920) / 2, -(geometry->height / 2) + i * 40);
      verkan_model_draw_geometry (cr, geometry, &style);
      cairo_surface_flush (surface);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (frame, t);
      cairo_destroy (cr);
    }

  g_print ("model: %u cards, %u links, %u indicators; natural size %.0f × %.0f px\n",
           model->elements->len, model->links->len, model->indicators->len,
           geometry->width, geometry->height);
  g_print ("layout (text measured, arrows routed): median %.1f ms over %u runs\n",
           median_ms (layout), LAYOUT_RUNS);
  g_print ("PDF export: median %.1f ms over %u runs (target < 300 ms), %.1f MB\n",
           median_ms (pdf), PDF_RUNS, st.st_size / 1e6);
  g_print ("full draw fitted into 1920 × 1080, image surface: median %.1f ms over %u runs\n",
           median_ms (draw), DRAW_RUNS);
  g_print ("canvas frame, 1920 × 1080 view at 100 %%, no cards: median %.1f ms over %u runs\n",
           median_ms (frame), FRAME_RUNS);

  verkan_model_geometry_free (geometry);
  cairo_surface_destroy (surface);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
