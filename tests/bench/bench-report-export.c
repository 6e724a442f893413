/* bench-report-export.c: how fast the report is exported.
 *
 * A test report built by hand: about 40 pages of text with 10 charts,
 * 4 logic models and tables, and 100 pages of PDF appendices (five PDFs
 * of 20 pages made here with cairo).  Prints
 *   - the PDF export time, appendices included (target: under 3 s),
 *   - the ODT export time (target: under 1 s; "n/a" if it fails),
 *   - in the same run, the time LibreOffice headless takes to convert
 *     our ODT to PDF, and the ratio LibreOffice / our PDF (target: 5× or
 *     more).
 * Figures, not assertions: the machines are shared and noisy.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "verkan-chart-data.h"
#include "verkan-model-snapshot.h"
#include "verkan-report-document.h"
#include "verkan-report-layout.h"
#include "verkan-report-odt.h"
#include "verkan-report-pdf.h"

#define N_CHAPTERS 8
#define N_CHARTS 10
#define N_MODELS 4
#define N_APPENDIX_PDFS 5
#define APPENDIX_PAGES 20

static const char *const sentences[] = {
  "Projektet har arbetat med att förbättra förutsättningarna för uppföljning i de deltagande kommunerna.",
  "Arbetet har bedrivits i nära samverkan med förvaltningarna och med stöd av en gemensam projektgrupp.",
  "Under hösten genomfördes workshoppar där logikmodellerna prövades mot de nyckeltal som finns i Kolada.",
  "Styrgruppen har följt arbetet löpande och fattat beslut om prioriteringar vid varje avstämning.",
  "Erfarenheterna visar att en tydlig koppling mellan aktiviteter och effekter gör uppföljningen enklare.",
  "Kommunerna har olika förutsättningar, och jämförelser över tid säger därför mer än jämförelser mellan dem.",
};

static char *
text_of (guint n,
         guint seed)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", sentences[(i * 7 + seed) % G_N_ELEMENTS (sentences)]);
  return g_string_free (text, FALSE);
}

static VerkanChartData *
make_chart (guint seed)
{
  VerkanChartData *chart = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2014, 9);
  const char *names[] = { "Hallsberg", "Nora", "Lekeberg", "Riket" };
  GRand *rand = g_rand_new_with_seed (seed);

  chart->title = g_strdup ("Andel invånare");
  chart->unit = g_strdup ("%");
  chart->source = g_strdup ("Källa: Kolada, N31807, hämtad 2022-06-01");
  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      VerkanChartSeries *series = verkan_chart_data_add_series (chart, s == 3 ? "0000" : "1861", names[s],
                                                                s == 3 ? VERKAN_SERIES_COMPARISON
                                                                       : VERKAN_SERIES_MAIN);
      double v = g_rand_double_range (rand, 20, 60);

      for (int i = 0; i < 9; i++)
        {
          v += g_rand_double_range (rand, -3, 3);
          series->values[VERKAN_GENDER_TOTAL][i] = round (v * 10) / 10;
        }
    }
  g_rand_free (rand);
  return chart;
}

static VerkanModelSnapshot *
make_model (const char *title)
{
  VerkanModelSnapshot *model = verkan_model_snapshot_new (title);
  gint64 id = 1;

  for (int c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    for (int k = 0; k < 3; k++)
      {
        g_autofree char *name = g_strdup_printf ("%s %d", verkan_model_column_label (c), k + 1);

        verkan_model_snapshot_add_element (model, id++, c, name);
      }
  for (gint64 from = 1; from + 3 < id; from++)
    verkan_model_snapshot_add_link (model, 1000 + from, from, from + 3, NULL);
  return model;
}

static char *
make_appendix_pdf (const char *dir,
                   guint       n)
{
  g_autofree char *name = g_strdup_printf ("bilaga-%u.pdf", n);
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (int p = 0; p < APPENDIX_PAGES; p++)
    {
      cairo_set_font_size (cr, 16);
      cairo_move_to (cr, 72, 90);
      cairo_show_text (cr, "Enkätsvar från kommunerna");
      cairo_set_font_size (cr, 10);
      for (int line = 0; line < 45; line++)
        {
          cairo_move_to (cr, 72, 130 + line * 14);
          cairo_show_text (cr, sentences[(p + line) % G_N_ELEMENTS (sentences)]);
        }
      for (int bar = 0; bar < 8; bar++)
        cairo_rectangle (cr, 80 + bar * 50, 800 - (bar + 1) * 8, 30, (bar + 1) * 8);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static VerkanReportDocument *
make_document (const char *dir)
{
  VerkanReportDocument *doc = verkan_report_document_new ("Bättre förutsättningar för uppföljning");
  guint chart = 0, model = 0, table = 0;

  g_free (doc->subtitle);
  doc->subtitle = g_strdup ("Slutrapport");
  g_free (doc->author);
  doc->author = g_strdup ("Anna Andersson");
  doc->date = g_strdup ("2022-08-16");
  g_free (doc->report_number);
  doc->report_number = g_strdup ("2022:05");

  for (guint c = 1; c <= N_CHAPTERS; c++)
    {
      g_autofree char *number = g_strdup_printf ("%u", c);
      g_autofree char *title = g_strdup_printf ("Kapitel %u om arbetet", c);

      verkan_report_document_add_heading (doc, 1, number, title);
      for (guint s = 1; s <= 3; s++)
        {
          g_autofree char *sub = g_strdup_printf ("%u.%u", c, s);
          g_autofree char *sub_title = g_strdup_printf ("Avsnitt %u.%u", c, s);

          verkan_report_document_add_heading (doc, 2, sub, sub_title);
          for (guint p = 0; p < 8; p++)
            {
              g_autofree char *text = text_of (6, c * 31 + s * 7 + p);
              VerkanReportBlock *para = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, text);

              if (p == 1)
                {
                  VerkanReportRun *run = verkan_report_block_add_run (para, "En fotnot om källan.", 0);
                  static guint notes = 0;

                  run->footnote = ++notes;
                }
            }
          if (s == 2 && chart < N_CHARTS)
            {
              g_autofree char *label = g_strdup_printf ("Diagram %u", ++chart);

              verkan_report_document_add_chart (doc, label, "Andel invånare över tid", make_chart (chart));
            }
          if (s == 3 && c % 2 == 0 && model < N_MODELS)
            {
              g_autofree char *label = g_strdup_printf ("Figur %u", ++model);

              verkan_report_document_add_model (doc, label, "Logikmodell", make_model ("Modell"));
            }
          if (s == 1 && c % 3 == 0)
            {
              g_autofree char *label = g_strdup_printf ("Tabell %u", ++table);
              VerkanReportBlock *block = verkan_report_document_add_table (doc, label, "Resurser", 3, 1);
              const char *header[] = { "Funktion", "Planerade timmar", "Utfall timmar", NULL };

              block->align[1] = block->align[2] = VERKAN_REPORT_ALIGN_RIGHT;
              block->last_row_is_sum = TRUE;
              verkan_report_block_add_row (block, header);
              for (guint r = 0; r < 12; r++)
                {
                  g_autofree char *name = g_strdup_printf ("Funktion %u", r + 1);
                  const char *cells[] = { name, "1 200", "1 150", NULL };

                  verkan_report_block_add_row (block, cells);
                }
              {
                const char *sum[] = { "Summa", "14 400", "13 800", NULL };

                verkan_report_block_add_row (block, sum);
              }
            }
        }
    }
  /* the last charts in a chapter of their own */
  while (chart < N_CHARTS)
    {
      g_autofree char *label = g_strdup_printf ("Diagram %u", ++chart);

      verkan_report_document_add_chart (doc, label, "Andel invånare över tid", make_chart (chart));
    }

  for (guint a = 1; a <= N_APPENDIX_PDFS; a++)
    {
      g_autofree char *path = make_appendix_pdf (dir, a);
      g_autofree char *title = g_strdup_printf ("Enkätsvar del %u", a);
      VerkanReportAppendix *appendix =
        verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_PDF, title, "2022-06-01", path, NULL);

      appendix->mime_type = g_strdup ("application/pdf");
      appendix->file_name = g_path_get_basename (path);
    }
  return doc;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  const char *pages;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return 0;
  pages = strstr (out, "\nPages:");
  return pages ? (guint) g_ascii_strtoull (pages + 7, NULL, 10) : 0;
}

static double
soffice_convert (const char *odt,
                 const char *outdir,
                 const char *profile)
{
  g_autofree char *env = g_strdup_printf ("-env:UserInstallation=file://%s", profile);
  const char *argv[] = { "soffice", env, "--headless", "--convert-to", "pdf", "--outdir", outdir, odt, NULL };
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "rapport.pdf", NULL);
  g_autofree char *odt = g_build_filename (dir, "rapport.odt", NULL);
  g_autofree char *outdir = g_build_filename (dir, "soffice", NULL);
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autoptr(VerkanReportDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cleanup = NULL;
  double pdf_s = -1, odt_s = -1, layout_s, soffice_s = -1, warm_s;
  guint report_pages;
  gint64 start;

  setlocale (LC_ALL, "");
  doc = make_document (dir);

  start = g_get_monotonic_time ();
  {
    g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, NULL);

    layout_s = (g_get_monotonic_time () - start) / 1e6;
    report_pages = verkan_report_layout_get_n_pages (layout);
  }
  g_print ("test report: %u pages, %d charts, %d logic models, %d pages of PDF appendices\n",
           report_pages, N_CHARTS, N_MODELS, N_APPENDIX_PDFS * APPENDIX_PAGES);
  g_print ("layout alone:                %.3f s\n", layout_s);

  start = g_get_monotonic_time ();
  if (verkan_report_write_pdf (doc, pdf, VERKAN_REPORT_EXPORT_NONE, NULL, NULL, NULL, &error))
    {
      pdf_s = (g_get_monotonic_time () - start) / 1e6;
      g_print ("PDF export:                  %.3f s, %u pages (target: under 3 s)\n",
               pdf_s, pdf_pages (pdf));
    }
  else
    {
      g_print ("PDF export:                  failed: %s\n", error->message);
      g_clear_error (&error);
    }

  start = g_get_monotonic_time ();
  if (verkan_report_write_odt (doc, odt, VERKAN_REPORT_EXPORT_NONE, NULL, NULL, NULL, &error))
    {
      odt_s = (g_get_monotonic_time () - start) / 1e6;
      g_print ("ODT export:                  %.3f s (target: under 1 s)\n", odt_s);
    }
  else
    {
      g_print ("ODT export:                  n/a (%s)\n", error ? error->message : "failed");
      g_clear_error (&error);
    }

  if (odt_s >= 0 && g_find_program_in_path ("soffice") != NULL)
    {
      /* the first run makes LibreOffice's profile: not counted */
      warm_s = soffice_convert (odt, outdir, profile);
      soffice_s = soffice_convert (odt, outdir, profile);
      if (soffice_s < 0)
        g_print ("LibreOffice ODT → PDF:       n/a (the conversion failed)\n");
      else
        {
          g_print ("LibreOffice ODT → PDF:       %.3f s (first run, making its profile: %.3f s)\n",
                   soffice_s, warm_s);
          if (pdf_s > 0)
            g_print ("ratio LibreOffice / ours:    %.1f× (target: 5× or more)\n", soffice_s / pdf_s);
        }
    }
  else
    g_print ("LibreOffice ODT → PDF:       n/a\n");

  cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  if (g_getenv ("VERKAN_BENCH_KEEP") == NULL)
    g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  else
    g_print ("kept in %s\n", dir);
  return 0;
}
