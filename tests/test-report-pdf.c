/* test-report-pdf.c: the report's pages and the PDF writer, checked with
 * the real consumers: pdftotext and pdfinfo from poppler-utils, and qpdf.
 *
 * The documents are built by hand with the adders: several chapters,
 * text long enough to run over pages, a long table, a chart, a logic
 * model and footnotes, then appendices (a PDF made here with known text,
 * a file that is not a PDF at all, a frozen model, something else).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "verkan-chart-data.h"
#include "verkan-model-snapshot.h"
#include "verkan-report-document.h"
#include "verkan-report-edit.h"
#include "verkan-report-export.h"
#include "verkan-report-layout.h"
#include "verkan-report-pdf.h"

#define APPENDED_PAGES 3

static const char *const lorem[] = {
  "Projektet har arbetat med att förbättra förutsättningarna för uppföljning i de deltagande kommunerna.",
  "Arbetet har bedrivits i nära samverkan med förvaltningarna och med stöd av en gemensam projektgrupp.",
  "Under hösten genomfördes workshoppar där logikmodellerna prövades mot de nyckeltal som finns i Kolada.",
  "Styrgruppen har följt arbetet löpande och fattat beslut om prioriteringar vid varje avstämning.",
  "Erfarenheterna visar att en tydlig koppling mellan aktiviteter och effekter gör uppföljningen enklare.",
};

static char *
long_text (guint sentences,
           guint seed)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sentences; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", lorem[(i + seed) % G_N_ELEMENTS (lorem)]);
  return g_string_free (text, FALSE);
}

/* A small PDF with known text on each page */
static char *
make_appended_pdf (const char *dir)
{
  char *path = g_build_filename (dir, "appended.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 1; i <= APPENDED_PAGES; i++)
    {
      char text[64];

      g_snprintf (text, sizeof text, "Appended marker page %d", i);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 18);
      cairo_move_to (cr, 72, 120);
      cairo_show_text (cr, text);
      cairo_rectangle (cr, 72, 200, 200, 100);
      cairo_stroke (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static VerkanModelSnapshot *
make_model (const char *title)
{
  VerkanModelSnapshot *model = verkan_model_snapshot_new (title);
  const char *titles[] = { "Projektledare och tid", "Workshoppar i kommunerna",
                           "Logikmodeller per kommun", "Gemensamt språk för uppföljning",
                           "Bättre beslutsunderlag", "Effektiv styrning" };

  for (int c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    verkan_model_snapshot_add_element (model, c + 1, c, titles[c]);
  for (int c = 0; c + 1 < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    verkan_model_snapshot_add_link (model, c + 100, c + 1, c + 2, NULL);
  return model;
}

static VerkanChartData *
make_chart (void)
{
  VerkanChartData *chart = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2015, 8);
  VerkanChartSeries *a = verkan_chart_data_add_series (chart, "1861", "Hallsberg", VERKAN_SERIES_MAIN);
  VerkanChartSeries *b = verkan_chart_data_add_series (chart, "0000", "Riket", VERKAN_SERIES_COMPARISON);

  chart->title = g_strdup ("Andel invånare");
  chart->unit = g_strdup ("%");
  for (int i = 0; i < 8; i++)
    {
      a->values[VERKAN_GENDER_TOTAL][i] = 40 + i * 1.5;
      b->values[VERKAN_GENDER_TOTAL][i] = 45 + sin (i) * 2;
    }
  chart->source = g_strdup ("Källa: Kolada, N31807, hämtad 2022-06-01");
  return chart;
}

/* The report; @with_files adds the appendices */
static VerkanReportDocument *
make_document (const char *dir,
               gboolean    with_files)
{
  VerkanReportDocument *doc = verkan_report_document_new ("Bättre förutsättningar för uppföljning");
  VerkanReportBlock *block;
  VerkanReportRun *run;
  VerkanReportAppendix *appendix;
  g_autofree char *text = NULL;

  g_free (doc->subtitle);
  doc->subtitle = g_strdup ("Slutrapport");
  g_free (doc->author);
  doc->author = g_strdup ("Anna Andersson");
  doc->date = g_strdup ("2022-08-16");
  g_free (doc->report_number);
  doc->report_number = g_strdup ("2022:05");
  g_free (doc->dnr);
  doc->dnr = g_strdup ("KS 2021/123");
  g_free (doc->financier);
  doc->financier = g_strdup ("Region Örebro län");

  block = verkan_report_document_add_heading (doc, 1, "1", "Grundläggande information");
  block->section_id = 11;
  block = verkan_report_document_add_heading (doc, 2, "1.1", "Syftet med projektet");
  block->section_id = 12;
  block = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, NULL);
  verkan_report_block_add_run (block, "Projektet ville ge kommunerna ", 0);
  verkan_report_block_add_run (block, "bättre förutsättningar", VERKAN_REPORT_SPAN_BOLD);
  verkan_report_block_add_run (block, " att följa upp sina insatser, ", 0);
  verkan_report_block_add_run (block, "med stöd av nyckeltal", VERKAN_REPORT_SPAN_ITALIC);
  run = verkan_report_block_add_run (block, "Se Kolada för definitionerna.", 0);
  run->footnote = 1;
  verkan_report_block_add_run (block, " från ", 0);
  run = verkan_report_block_add_run (block, "Kolada", 0);
  run->href = g_strdup ("https://www.kolada.se");
  verkan_report_block_add_run (block, " (se ", 0);
  run = verkan_report_block_add_run (block, "Tabell 1", 0);
  run->href = g_strdup ("#table-goals");
  verkan_report_block_add_run (block, ").", 0);
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_BULLET, "Hallsberg, som ledde arbetet");
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_BULLET, "Nora, med en egen logikmodell");
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "Först kartläggning");
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "Sedan uppföljning");

  verkan_report_document_add_heading (doc, 2, "1.2", "Målgruppen och kommunerna");
  for (guint i = 0; i < 6; i++)
    {
      g_free (text);
      text = long_text (9, i);
      block = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, text);
      if (i == 2)
        {
          run = verkan_report_block_add_run (block, "Uppgifterna kommer från kommunernas egna system.", 0);
          run->footnote = 2;
        }
    }

  verkan_report_document_add_heading (doc, 1, "2", "Resultat och måluppfyllelse");
  block = verkan_report_document_add_table (doc, "Tabell 1", "Kostnader per kostnadsställe", 3, 1);
  g_free (block->anchor);
  block->anchor = g_strdup ("table-goals");
  block->align[1] = VERKAN_REPORT_ALIGN_RIGHT;
  block->align[2] = VERKAN_REPORT_ALIGN_RIGHT;
  block->widths[0] = 2;
  block->last_row_is_sum = TRUE;
  block->source = g_strdup ("Källa: projektets ekonomiuppföljning");
  {
    const char *header[] = { "Kostnadsställe", "Planerat", "Utfall", NULL };

    verkan_report_block_add_row (block, header);
    for (guint r = 1; r <= 70; r++)
      {
        g_autofree char *name = g_strdup_printf ("Rad %03u i budgeten", r);
        g_autofree char *planned = g_strdup_printf ("%u 000", r * 3);
        g_autofree char *actual = g_strdup_printf ("%u 500", r * 3);
        const char *cells[] = { name, planned, actual, NULL };

        verkan_report_block_add_row (block, cells);
      }
    {
      const char *sum[] = { "Summa", "7 455 000", "7 490 000", NULL };

      verkan_report_block_add_row (block, sum);
    }
  }
  verkan_report_document_add_heading (doc, 2, "2.1", "Nyckeltal över tid");
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, lorem[0]);
  verkan_report_document_add_chart (doc, "Diagram 1", "Andel invånare som är nöjda", make_chart ());
  verkan_report_document_add_heading (doc, 2, "2.2", "Logikmodellen för Nora");
  verkan_report_document_add_model (doc, "Figur 1", "Logikmodell för Nora", make_model ("Nora"));
  for (guint i = 0; i < 10; i++)
    {
      g_free (text);
      text = long_text (7, i + 3);
      verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, text);
    }

  verkan_report_document_add_heading (doc, 1, "3", "Samlad analys och slutsatser");
  for (guint i = 0; i < 12; i++)
    {
      g_free (text);
      text = long_text (8, i);
      verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, text);
      if (i == 5)
        verkan_report_document_add_heading (doc, 2, "3.1", "Rekommendationer till styrgruppen");
    }
  verkan_report_document_add_heading (doc, 1, "4", "Överlämning");
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, lorem[3]);

  if (!with_files)
    return doc;

  {
    g_autofree char *pdf = make_appended_pdf (dir);
    g_autofree char *broken = g_build_filename (dir, "broken.pdf", NULL);

    g_assert_true (g_file_set_contents (broken, "this is not a PDF at all", -1, NULL));
    appendix = verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_PDF, "Enkätsvar",
                                                    "2022-06-01", pdf, NULL);
    appendix->file_name = g_strdup ("enkat.pdf");
    appendix = verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_PDF, "Trasig fil",
                                                    "2022-06-02", broken, NULL);
    appendix->file_name = g_strdup ("trasig.pdf");
    verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_MODEL, "Logikmodell för Nora",
                                         "2022-06-15", NULL, make_model ("Nora"));
    appendix = verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_OTHER, "Budget",
                                                    NULL, NULL, NULL);
    appendix->file_name = g_strdup ("budget.xlsx");
  }
  return doc;
}

/* --- running the consumers ------------------------------------------------------ */

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static char *
pdf_text (const char *path,
          int         first,
          int         last,
          gboolean    layout)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);

  if (first <= 0)
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
      return run (argv);
    }
  if (layout)
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", "-f", f, "-l", l, path, "-", NULL };
      return run (argv);
    }
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };
    return run (argv);
  }
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv);
  const char *pages = strstr (out, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

/* pdftotext may break a long heading; compare with single spaces */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *out = NULL;

  fixture->dir = g_dir_make_tmp ("verkan-report-pdf-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  out = g_build_filename (fixture->dir, "out", NULL);
  fixture->path = g_build_filename (out, "rapport.pdf", NULL);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (fixture->dir);
  g_free (fixture->path);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* --- the tests ------------------------------------------------------------------ */

static void
test_layout (void)
{
  g_autoptr(VerkanReportDocument) doc = make_document (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, &error);
  GPtrArray *toc;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_cmpuint (verkan_report_layout_get_n_pages (layout), >=, 6);
  toc = verkan_report_layout_get_toc (layout);
  g_assert_cmpuint (toc->len, ==, 9);
  for (guint i = 0; i < toc->len; i++)
    {
      VerkanReportTocEntry *entry = g_ptr_array_index (toc, i);

      /* the cover and the contents come first */
      g_assert_cmpuint (entry->page, >=, 2);
      g_assert_cmpuint (entry->page, <, verkan_report_layout_get_n_pages (layout));
      if (i > 0)
        g_assert_cmpuint (entry->page, >=, ((VerkanReportTocEntry *) g_ptr_array_index (toc, i - 1))->page);
    }
  g_assert_cmpstr (((VerkanReportTocEntry *) g_ptr_array_index (toc, 0))->text, ==, "Grundläggande information");
  g_assert_cmpint (verkan_report_layout_find_section (layout, 11), ==,
                   ((VerkanReportTocEntry *) g_ptr_array_index (toc, 0))->page);
  g_assert_cmpint (verkan_report_layout_find_section (layout, 12), ==,
                   ((VerkanReportTocEntry *) g_ptr_array_index (toc, 1))->page);
  g_assert_cmpint (verkan_report_layout_find_section (layout, 999), ==, -1);

  /* every page draws onto an image without a cairo error */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 170);
  cr = cairo_create (surface);
  cairo_scale (cr, 120 / VERKAN_REPORT_PAGE_WIDTH, 120 / VERKAN_REPORT_PAGE_WIDTH);
  for (guint i = 0; i < verkan_report_layout_get_n_pages (layout); i++)
    verkan_report_layout_draw_page (layout, i, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The layout runs in a worker thread, four at once */
static gpointer
layout_in_thread (gpointer data)
{
  VerkanReportDocument *doc = data;
  g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, NULL);

  return GUINT_TO_POINTER (verkan_report_layout_get_n_pages (layout));
}

static void
test_layout_threads (void)
{
  g_autoptr(VerkanReportDocument) doc = make_document (NULL, FALSE);
  g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("layout", layout_in_thread, doc);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==,
                      verkan_report_layout_get_n_pages (layout));
}

static void
test_pdf (Fixture      *fixture,
          gconstpointer data)
{
  g_autoptr(VerkanReportDocument) doc = make_document (fixture->dir, TRUE);
  g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *toc = verkan_report_layout_get_toc (layout);
  guint report_pages = verkan_report_layout_get_n_pages (layout);
  /* separators for all four, the PDF's pages, the model's page */
  guint expected = report_pages + 4 + APPENDED_PAGES + 1;
  guint n_pages;
  const char *at;
  const char *argv[] = { "qpdf", "--json", "--json-key=outlines", fixture->path, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint toc_last;

  g_assert_true (verkan_report_write_pdf (doc, fixture->path, VERKAN_REPORT_EXPORT_NONE,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* to look at it: VERKAN_TEST_KEEP_PDF=/tmp/x.pdf */
  if (g_getenv ("VERKAN_TEST_KEEP_PDF") != NULL)
    {
      g_autofree char *bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (fixture->path, &bytes, &length, NULL));
      g_assert_true (g_file_set_contents (g_getenv ("VERKAN_TEST_KEEP_PDF"), bytes, length, NULL));
    }
  /* no temporary file left beside it */
  {
    g_autofree char *out = g_path_get_dirname (fixture->path);

    g_assert_cmpuint (count_files (out), ==, 1);
  }

  n_pages = pdf_pages (fixture->path);
  g_assert_cmpuint (n_pages, ==, expected);

  /* the headings, in order */
  all = pdf_text (fixture->path, 0, 0, FALSE);
  flat = squeeze (all);
  at = strstr (flat, "Innehåll");
  g_assert_nonnull (at);
  /* past the contents: the first body page begins after the last entry */
  toc_last = ((VerkanReportTocEntry *) g_ptr_array_index (toc, 0))->page;
  {
    g_autofree char *body = pdf_text (fixture->path, toc_last + 1, report_pages, FALSE);
    g_autofree char *flat_body = squeeze (body);

    at = flat_body;
    for (guint i = 0; i < toc->len; i++)
      {
        VerkanReportTocEntry *entry = g_ptr_array_index (toc, i);
        const char *found = strstr (at, entry->text);

        if (found == NULL)
          g_error ("heading “%s” not found in order", entry->text);
        at = found + strlen (entry->text);
      }
  }

  /* the page numbers printed in the contents are where the headings land */
  contents = pdf_text (fixture->path, 2, toc_last, TRUE);
  for (guint i = 0; i < toc->len; i++)
    {
      VerkanReportTocEntry *entry = g_ptr_array_index (toc, i);
      g_autofree char *pattern = g_strdup_printf ("%s[ .]+([0-9]+)\\s*$", entry->text);
      g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *number = NULL;
      guint printed, first_found = 0;

      g_assert_true (g_regex_match (regex, contents, 0, &match));
      number = g_match_info_fetch (match, 1);
      printed = (guint) g_ascii_strtoull (number, NULL, 10);
      for (guint p = toc_last + 1; p <= report_pages; p++)
        {
          g_autofree char *page = pdf_text (fixture->path, p, p, FALSE);
          g_autofree char *flat_page = squeeze (page);

          if (strstr (flat_page, entry->text) != NULL)
            {
              first_found = p;
              break;
            }
        }
      g_assert_cmpuint (printed, ==, first_found);
      g_assert_cmpuint (printed, ==, entry->page + 1);
    }

  /* the cover */
  g_assert_nonnull (strstr (flat, "2022:05"));
  g_assert_nonnull (strstr (flat, "KS 2021/123"));
  /* the footnote's text is printed */
  g_assert_nonnull (strstr (flat, "Se Kolada för definitionerna."));
  /* the appended PDF's text, each page */
  for (int i = 1; i <= APPENDED_PAGES; i++)
    {
      g_autofree char *marker = g_strdup_printf ("Appended marker page %d", i);

      g_assert_nonnull (strstr (flat, marker));
    }
  /* the separator pages and the broken one */
  g_assert_nonnull (strstr (flat, "Bilaga 1"));
  g_assert_nonnull (strstr (flat, "Bilaga 4"));
  g_assert_nonnull (strstr (flat, "Bilagan kunde inte läsas"));
  g_assert_nonnull (strstr (flat, "Bilagan levereras separat"));
  {
    /* the separator of appendix 1 is the first page after the report */
    g_autofree char *page = pdf_text (fixture->path, report_pages + 1, report_pages + 1, FALSE);
    g_autofree char *next = pdf_text (fixture->path, report_pages + 2, report_pages + 2, FALSE);

    g_assert_nonnull (strstr (page, "Bilaga 1"));
    g_assert_nonnull (strstr (page, "Enkätsvar"));
    g_assert_nonnull (strstr (next, "Appended marker page 1"));
  }

  /* the bookmarks: every heading, every appendix */
  json = run (argv);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    JsonArray *outlines = json_object_get_array_member (root, "outlines");
    g_autoptr(GString) titles = g_string_new (NULL);
    GPtrArray *stack = g_ptr_array_new ();
    guint n_top;

    n_top = json_array_get_length (outlines);
    /* 4 chapters and 4 appendices at the top, the sections nested */
    g_assert_cmpuint (n_top, ==, 8);
    g_ptr_array_add (stack, outlines);
    while (stack->len > 0)
      {
        JsonArray *array = g_ptr_array_steal_index (stack, stack->len - 1);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonObject *item = json_array_get_object_element (array, i);

            g_string_append_printf (titles, "|%s", json_object_get_string_member (item, "title"));
            if (json_object_has_member (item, "kids"))
              g_ptr_array_add (stack, json_object_get_array_member (item, "kids"));
          }
      }
    g_ptr_array_unref (stack);
    for (guint i = 0; i < toc->len; i++)
      {
        VerkanReportTocEntry *entry = g_ptr_array_index (toc, i);

        g_assert_nonnull (strstr (titles->str, entry->text));
      }
    g_assert_nonnull (strstr (titles->str, "Bilaga 1: Enkätsvar"));
    g_assert_nonnull (strstr (titles->str, "Bilaga 4: Budget"));
    /* a section is a child of its chapter */
    {
      JsonObject *first = json_array_get_object_element (outlines, 0);
      JsonArray *kids = json_object_get_array_member (first, "kids");

      g_assert_cmpuint (json_array_get_length (kids), ==, 2);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (kids, 0), "title"),
                       ==, "1.1 Syftet med projektet");
    }
  }

  /* a clean file, and clickable contents and links */
  {
    g_autofree char *qdf = g_build_filename (fixture->dir, "qdf.pdf", NULL);
    const char *check[] = { "qpdf", "--check", fixture->path, NULL };
    const char *expand[] = { "qpdf", "--qdf", "--object-streams=disable", fixture->path, qdf, NULL };
    g_autofree char *checked = run (check);   /* fails on any warning */
    g_autofree char *out = run (expand);
    g_autofree char *bytes = NULL;
    gsize length;
    guint n_links = 0;

    g_assert_true (g_file_get_contents (qdf, &bytes, &length, NULL));
    for (const char *p = bytes; (p = g_strstr_len (p, bytes + length - p, "/Subtype /Link")); p++)
      n_links++;
    /* each entry of the contents, the web link and the link to the table */
    g_assert_cmpuint (n_links, ==, toc->len + 2);
    g_assert_nonnull (g_strstr_len (bytes, length, "/URI (https://www.kolada.se)"));
    g_assert_nonnull (g_strstr_len (bytes, length, "/Dest (table-goals)"));
    for (guint i = 0; i < toc->len; i++)
      {
        VerkanReportTocEntry *entry = g_ptr_array_index (toc, i);
        g_autofree char *dest = g_strdup_printf ("/Dest (%s)", entry->anchor);

        g_assert_nonnull (g_strstr_len (bytes, length, dest));
      }
  }

  /* metadata */
  {
    const char *info[] = { "pdfinfo", fixture->path, NULL };
    g_autofree char *out = run (info);

    g_assert_nonnull (strstr (out, "Bättre förutsättningar för uppföljning"));
    g_assert_nonnull (strstr (out, "Anna Andersson"));
    g_assert_true (g_regex_match_simple ("^Subject: +Slutrapport$", out, G_REGEX_MULTILINE, 0));
  }
}

/* The long table's header row is on every page it spans */
static void
test_table_header_repeats (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr(VerkanReportDocument) doc = make_document (fixture->dir, FALSE);
  g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, NULL);
  guint n = verkan_report_layout_get_n_pages (layout);
  int first_row = 0, last_row = 0, sum_row = 0;

  g_assert_true (verkan_report_write_pdf (doc, fixture->path, VERKAN_REPORT_EXPORT_NONE,
                                          NULL, NULL, NULL, NULL));
  g_assert_cmpuint (pdf_pages (fixture->path), ==, n);
  for (guint p = 3; p <= n; p++)
    {
      g_autofree char *text = pdf_text (fixture->path, p, p, FALSE);

      if (strstr (text, "Rad 001 i budgeten"))
        first_row = p;
      if (strstr (text, "Rad 070 i budgeten"))
        last_row = p;
      if (strstr (text, "7 490 000"))
        sum_row = p;
      if (strstr (text, "i budgeten"))
        g_assert_nonnull (strstr (text, "Kostnadsställe"));
    }
  g_assert_cmpint (first_row, >, 0);
  g_assert_cmpint (last_row, >, first_row);
  g_assert_cmpint (sum_row, ==, last_row);
}

static void
test_no_appendices (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(VerkanReportDocument) doc = make_document (fixture->dir, TRUE);
  g_autoptr(VerkanReportLayout) layout = verkan_report_layout_new (doc, NULL, NULL);
  g_autofree char *text = NULL;

  g_assert_true (verkan_report_write_pdf (doc, fixture->path, VERKAN_REPORT_EXPORT_NO_APPENDICES,
                                          NULL, NULL, NULL, NULL));
  g_assert_cmpuint (pdf_pages (fixture->path), ==, verkan_report_layout_get_n_pages (layout));
  text = pdf_text (fixture->path, 0, 0, FALSE);
  g_assert_null (strstr (text, "Appended marker"));
}

static void
cancel_on_progress (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  GCancellable *cancellable = user_data;

  if (fraction > 0.2)
    g_cancellable_cancel (cancellable);
}

/* Cancelled before or during the writing: no file, no temporary file */
static void
test_cancel (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr(VerkanReportDocument) doc = make_document (fixture->dir, TRUE);
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  for (guint mode = 0; mode < 2; mode++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;

      if (mode == 0)
        g_cancellable_cancel (cancellable);
      g_assert_false (verkan_report_write_pdf (doc, fixture->path, VERKAN_REPORT_EXPORT_NONE,
                                               cancellable, mode ? cancel_on_progress : NULL,
                                               cancellable, &error));
      g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_CANCELLED);
      g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_files (dir), ==, 0);
    }
}

/* A folder that cannot be written to: an error, no file */
static void
test_unwritable (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr(VerkanReportDocument) doc = make_document (fixture->dir, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "x.pdf", NULL);

  g_assert_false (verkan_report_write_pdf (doc, path, VERKAN_REPORT_EXPORT_NONE,
                                           NULL, NULL, NULL, &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* An English report prints English words */
static void
test_english (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr(VerkanReportDocument) doc = make_document (fixture->dir, FALSE);
  g_autofree char *text = NULL;

  g_free (doc->language);
  doc->language = g_strdup ("en");
  g_assert_true (verkan_report_write_pdf (doc, fixture->path, VERKAN_REPORT_EXPORT_NONE,
                                          NULL, NULL, NULL, NULL));
  text = pdf_text (fixture->path, 2, 3, FALSE);
  g_assert_nonnull (strstr (text, "Contents"));
  g_assert_nonnull (strstr (text, "Page 2"));
}

static void
test_format_parse (void)
{
  VerkanReportFormat format = VERKAN_REPORT_FORMAT_ODT;

  g_assert_true (verkan_report_format_parse ("PDF", &format));
  g_assert_cmpint (format, ==, VERKAN_REPORT_FORMAT_PDF);
  g_assert_true (verkan_report_format_parse ("odt", &format));
  g_assert_cmpint (format, ==, VERKAN_REPORT_FORMAT_ODT);
  g_assert_false (verkan_report_format_parse ("docx", &format));
  g_assert_false (verkan_report_format_parse (NULL, &format));
}

/* --- the export module, from a project -------------------------------------- */

typedef struct {
  GMainLoop *loop;
  GThread   *thread;
  guint      n_progress;
  gboolean   progress_elsewhere;
  gboolean   ok;
  GError    *error;
} AsyncRun;

static void
async_progress (double      fraction,
                const char *stage,
                gpointer    user_data)
{
  AsyncRun *state = user_data;

  state->n_progress++;
  if (g_thread_self () != state->thread)
    state->progress_elsewhere = TRUE;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *state = user_data;

  state->ok = verkan_report_export_finish (VERKAN_PROJECT (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_export_async (Fixture      *fixture,
                   gconstpointer data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "p.verkan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (file, "Exportprojektet", &error);
  AsyncRun state = { 0 };
  g_autoptr(VerkanReportDocument) probe = NULL;

  g_assert_no_error (error);
  /* the builder belongs to another part of the report; skip while it is missing */
  probe = verkan_report_document_build (project, VERKAN_REPORT_BUILD_NONE, NULL);
  if (probe == NULL)
    {
      g_test_skip ("verkan_report_document_build is not there yet");
      return;
    }

  state.loop = g_main_loop_new (NULL, FALSE);
  state.thread = g_thread_self ();
  verkan_report_export_async (project, VERKAN_REPORT_FORMAT_PDF, fixture->path,
                              VERKAN_REPORT_EXPORT_NONE, NULL, async_progress, &state,
                              async_done, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (state.n_progress, >, 0);
  g_assert_false (state.progress_elsewhere);
  {
    g_autofree char *text = pdf_text (fixture->path, 1, 1, FALSE);

    g_assert_nonnull (strstr (text, "Exportprojektet"));
  }

  /* cancelled: an error in the report's domain, and no file */
  g_unlink (fixture->path);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    state.ok = TRUE;
    verkan_report_export_async (project, VERKAN_REPORT_FORMAT_PDF, fixture->path,
                                VERKAN_REPORT_EXPORT_NONE, cancellable, NULL, NULL,
                                async_done, &state);
    g_main_loop_run (state.loop);
    g_assert_false (state.ok);
    g_assert_error (state.error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_CANCELLED);
    g_clear_error (&state.error);
    g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  }

  /* and blocking, as the CLI does */
  g_assert_true (verkan_report_export (project, VERKAN_REPORT_FORMAT_PDF, fixture->path,
                                       VERKAN_REPORT_EXPORT_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_main_loop_unref (state.loop);
  verkan_project_close (project);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-pdf/layout", test_layout);
  g_test_add_func ("/report-pdf/layout-threads", test_layout_threads);
  g_test_add_func ("/report-pdf/format-parse", test_format_parse);
  g_test_add ("/report-pdf/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/report-pdf/table-header-repeats", Fixture, NULL, fixture_set_up,
              test_table_header_repeats, fixture_tear_down);
  g_test_add ("/report-pdf/no-appendices", Fixture, NULL, fixture_set_up,
              test_no_appendices, fixture_tear_down);
  g_test_add ("/report-pdf/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/report-pdf/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);
  g_test_add ("/report-pdf/english", Fixture, NULL, fixture_set_up, test_english, fixture_tear_down);
  g_test_add ("/report-pdf/export-async", Fixture, NULL, fixture_set_up, test_export_async,
              fixture_tear_down);
  return g_test_run ();
}
