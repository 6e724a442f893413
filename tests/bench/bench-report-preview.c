/* bench-report-preview.c: how long the Rapport page's preview takes to
 * follow an edit.
 *
 * Opens a copy of the sample project (the Swedish template applied when
 * it has no report yet) and then, RUNS times, does what the preview does
 * after a pause in typing: stores a changed body for a section in the
 * middle of the report, builds the document (main thread), lays it out
 * and draws the section's page onto an image surface at the preview's
 * scale.  Prints the median and the worst of the whole (target: under
 * 300 ms), each stage's median, and the time to draw every page, which
 * the preview does too (in its worker thread, after the section's page
 * is known).  Figures, not assertions.
 *
 *   build/tests/bench/bench-report-preview [SAMPLE.verkan]
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-stats.h"

#include "verkan-project.h"
#include "verkan-report-document.h"
#include "verkan-report-edit.h"
#include "verkan-report-layout.h"

#define RUNS 30
/* The preview draws pages 300 pixels wide */
#define PREVIEW_SCALE (300.0 / VERKAN_REPORT_PAGE_WIDTH)

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
draw_page (VerkanReportLayout *layout,
           guint               page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) (VERKAN_REPORT_PAGE_WIDTH * PREVIEW_SCALE + 0.5),
                                                         (int) (VERKAN_REPORT_PAGE_HEIGHT * PREVIEW_SCALE + 0.5));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PREVIEW_SCALE, PREVIEW_SCALE);
  verkan_report_layout_draw_page (layout, page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
}

static char *
default_sample (const char *argv0)
{
  g_autofree char *dir = g_path_get_dirname (argv0);

  /* build/tests/bench/ → build/data/examples/ */
  return g_build_filename (dir, "..", "..", "data", "examples", "battre-forutsattningar.verkan", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = argc > 1 ? g_strdup (argv[1]) : default_sample (argv[0]);
  g_autofree char *tmpdir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_pages_ms = g_array_new (FALSE, FALSE, sizeof (double));
  VerkanReportSection *section;
  double worst = 0;
  guint n_pages = 0;
  int page = -1;

  setlocale (LC_ALL, "");

  tmpdir = g_dir_make_tmp ("verkan-bench-preview-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (tmpdir, "sample.verkan", NULL);
  from = g_file_new_for_path (sample);
  to = g_file_new_for_path (copy);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_printerr ("Cannot copy the sample %s: %s\n(build it first, or name it on the command line)\n",
                  sample, error->message);
      return 1;
    }

  project = verkan_project_open (copy, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  sections = verkan_report_list_sections (project, &error);
  g_assert_no_error (error);
  if (sections->len == 0)
    {
      g_print ("The sample has no report yet: the Swedish template is applied to the copy.\n");
      g_assert_true (verkan_report_apply_template (project, "sv", &error));
      g_ptr_array_unref (sections);
      sections = verkan_report_list_sections (project, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (sections->len, >, 0);

  /* a section in the middle, as someone working through the report */
  section = g_ptr_array_index (sections, sections->len / 2);
  g_print ("Editing section %s “%s” of %u; pages drawn %.0f × %.0f pixels\n",
           section->number, section->title, sections->len,
           VERKAN_REPORT_PAGE_WIDTH * PREVIEW_SCALE, VERKAN_REPORT_PAGE_HEIGHT * PREVIEW_SCALE);

  /* one run first, so that fonts are loaded before the clock runs */
  for (int run = -1; run < RUNS; run++)
    {
      g_autofree char *body = NULL;
      g_autoptr(VerkanReportDocument) doc = NULL;
      g_autoptr(VerkanReportLayout) layout = NULL;
      gint64 start, stage;
      double ms;

      body = g_strdup_printf ("<body><p>Projektet arbetade med <b>tre kommuner</b> under "
                              "%d månader, och resultaten följdes upp varje kvartal.</p>"
                              "<p>Ändring nummer %d i förhandsvisningen.</p></body>",
                              24 + run, run);

      start = g_get_monotonic_time ();
      if (!verkan_report_set_body (project, section->id, body, &error))
        g_error ("set_body: %s", error->message);
      doc = verkan_report_document_build (project, VERKAN_REPORT_BUILD_NONE, &error);
      if (doc == NULL)
        g_error ("build: %s", error != NULL ? error->message : "no document");
      if (run >= 0)
        {
          ms = ms_since (start);
          g_array_append_val (build, ms);
        }

      stage = g_get_monotonic_time ();
      layout = verkan_report_layout_new (doc, NULL, &error);
      if (layout == NULL)
        g_error ("layout: %s", error != NULL ? error->message : "no layout");
      if (run >= 0)
        {
          ms = ms_since (stage);
          g_array_append_val (layout_ms, ms);
        }

      stage = g_get_monotonic_time ();
      n_pages = verkan_report_layout_get_n_pages (layout);
      page = verkan_report_layout_find_section (layout, section->id);
      draw_page (layout, page >= 0 ? (guint) page : 0);
      if (run >= 0)
        {
          ms = ms_since (stage);
          g_array_append_val (page_ms, ms);
          ms = ms_since (start);
          g_array_append_val (total, ms);
          worst = MAX (worst, ms);
        }

      /* what the preview's thread goes on with: the other pages */
      stage = g_get_monotonic_time ();
      for (guint i = 0; i < n_pages; i++)
        draw_page (layout, i);
      if (run >= 0)
        {
          ms = ms_since (stage);
          g_array_append_val (all_pages_ms, ms);
        }
    }

  g_print ("Report: %u pages; the section is on page %d\n", n_pages, page + 1);
  g_print ("Preview update after an edit (store, build, layout, draw its page), %d runs:\n", RUNS);
  g_print ("  median %.1f ms, worst %.1f ms (target < 300 ms)\n", bench_median (total), worst);
  g_print ("  stages (median): store + build %.1f ms, layout %.1f ms, draw the page %.1f ms\n",
           bench_median (build), bench_median (layout_ms), bench_median (page_ms));
  g_print ("  drawing all %u pages as the preview does: median %.1f ms\n",
           n_pages, bench_median (all_pages_ms));

  verkan_project_close (project);
  g_unlink (copy);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *extra = g_strconcat (copy, i == 0 ? "-wal" : "-shm", NULL);

      g_unlink (extra);
    }
  g_rmdir (tmpdir);

  return 0;
}
