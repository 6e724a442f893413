/* bench-pdf-extract.c: how long the text of a 100-page PDF takes.
 *
 * Draws a 100-page A4 PDF with cairo and pango (40 lines of Swedish text
 * on every page, as a dense report would have), then extracts its text
 * with verkan_text_extract_file five times and prints the median and the
 * worst.  The target is under 2 s.  Figures, not assertions: the
 * machines are shared and noisy.
 */
#include "bench-stats.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "verkan-text-extract.h"

#define N_PAGES 100
#define N_LINES 40
#define ROUNDS  5

static const char *const words[] = {
  "åtgärder", "för", "försörjning", "kommunen", "samverkan", "unga", "vuxna",
  "arbetsmarknad", "insatser", "uppföljning", "och", "med", "i", "av", "målgruppen",
  "resultat", "effekter", "styrgruppen", "beslutade", "analysen", "visar", "att",
};

static void
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  GRand *rand = g_rand_new_with_seed (5);

  pango_layout_set_font_description (layout, font);
  for (int page = 0; page < N_PAGES; page++)
    {
      for (int line = 0; line < N_LINES; line++)
        {
          GString *text = g_string_new (NULL);

          for (int w = 0; w < 12; w++)
            g_string_append_printf (text, "%s%s", w > 0 ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          pango_layout_set_text (layout, text->str, -1);
          cairo_move_to (cr, 50, 40 + line * 18);
          pango_cairo_show_layout (cr, layout);
          g_string_free (text, TRUE);
        }
      cairo_show_page (cr);
    }
  g_rand_free (rand);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-pdf-XXXXXX", &error);
  g_autofree char *path = NULL;
  gint64 start;
  double worst = 0;
  gsize text_length = 0;
  int n_pages = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "hundra-sidor.pdf", NULL);
  start = g_get_monotonic_time ();
  write_pdf (path);
  printf ("drawing the %d-page PDF: %.0f ms\n", N_PAGES,
          (g_get_monotonic_time () - start) / 1000.0);

  for (int round = 0; round < ROUNDS; round++)
    {
      g_autoptr(VerkanExtractedText) text = NULL;
      double ms;

      start = g_get_monotonic_time ();
      text = verkan_text_extract_file (path, "application/pdf", NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (text == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      n_pages = text->n_pages;
      text_length = strlen (text->text);
      worst = MAX (worst, ms);
      g_array_append_val (samples, ms);
    }

  printf ("text of a %d-page PDF (%zu bytes): median %.0f ms, worst %.0f ms"
          " (target < 2000 ms)\n", n_pages, text_length, bench_median (samples), worst);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
