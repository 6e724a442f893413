/* test-report-odt.c: the ODT writer, checked from the outside.
 *
 * A report built by hand with the adders is written as ODT; the zip is
 * read byte by byte (mimetype first and stored) and with libgsf (every
 * member in the manifest and every manifest entry a member), content.xml
 * is read with libxml2, and LibreOffice headless converts the file to PDF
 * whose text (pdftotext) must hold the headings in order.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <string.h>

#include "verkan-report-odt.h"
#include "verkan-test-util.h"

/* libgsf declares no cleanup functions */
typedef GsfInput TestInput;
typedef GsfInfile TestZip;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestZip, g_object_unref)

#define MIMETYPE "application/vnd.oasis.opendocument.text"

static const char *const HEADINGS[] = {
  "1 Grundläggande information",
  "1.1 Syfte",
  "1.2 Utfall resurser",
  "2 Resultat i Hallsberg",
  "3 Samlad analys och slutsatser",
  "Bilagor",
};

typedef struct {
  char *dir;
  char *image;
  char *pdf;
  char *broken;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GError *error = NULL;

  (void) data;
  f->dir = g_dir_make_tmp ("verkan-odt-XXXXXX", &error);
  g_assert_no_error (error);

  /* an image appendix: a PNG drawn here */
  f->image = g_build_filename (f->dir, "foto.png", NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.2, 0.5, 0.3);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, f->image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* a PDF appendix of two pages with text */
  f->pdf = g_build_filename (f->dir, "underlag.pdf", NULL);
  surface = cairo_pdf_surface_create (f->pdf, 595, 842);
  cr = cairo_create (surface);
  for (int page = 1; page <= 2; page++)
    {
      g_autofree char *line = g_strdup_printf ("Analysunderlag sida %d", page);

      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 24);
      cairo_move_to (cr, 72, 120);
      cairo_show_text (cr, line);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* a "PDF" poppler cannot read */
  f->broken = g_build_filename (f->dir, "trasig.pdf", NULL);
  g_file_set_contents (f->broken, "%PDF-1.4\nnot really\n", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->image);
  g_free (f->pdf);
  g_free (f->broken);
}

static void
set_text (char      **field,
          const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_paragraph (VerkanReportDocument *doc,
               VerkanReportItemKind  style,
               const char           *text)
{
  VerkanReportBlock *block = verkan_report_document_add_paragraph (doc, style, text);

  g_assert_nonnull (block);
}

static VerkanModelSnapshot *
build_model (void)
{
  VerkanModelSnapshot *model = verkan_model_snapshot_new ("Logikmodell");

  verkan_model_snapshot_add_element (model, 1, VERKAN_MODEL_COLUMN_RESOURCES, "Projektledare");
  verkan_model_snapshot_add_element (model, 2, VERKAN_MODEL_COLUMN_ACTIVITIES, "Workshoppar");
  verkan_model_snapshot_add_element (model, 3, VERKAN_MODEL_COLUMN_GOALS, "Fler i arbete");
  verkan_model_snapshot_add_link (model, 1, 1, 2, NULL);
  verkan_model_snapshot_add_link (model, 2, 2, 3, NULL);
  return model;
}

static VerkanReportDocument *
build_document (Fixture *f)
{
  VerkanReportDocument *doc = verkan_report_document_new ("Bättre förutsättningar");
  VerkanReportBlock *block;
  VerkanReportRun *run;
  VerkanChartData *chart;
  VerkanChartSeries *series;

  g_assert_nonnull (doc);
  set_text (&doc->subtitle, "Slutrapport för utvecklingsprojektet");
  set_text (&doc->author, "Anna Projektledare");
  set_text (&doc->date, "2022-08-16");
  set_text (&doc->report_number, "2022:05");
  set_text (&doc->dnr, "KS 2021/123");
  set_text (&doc->financier, "Region Örebro län");
  set_text (&doc->language, "sv");

  verkan_report_document_add_heading (doc, 1, "1", "Grundläggande information");
  verkan_report_document_add_heading (doc, 2, "1.1", "Syfte");
  block = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, NULL);
  verkan_report_block_add_run (block, "Projektet ska ge ", 0);
  verkan_report_block_add_run (block, "bättre", VERKAN_REPORT_SPAN_BOLD);
  verkan_report_block_add_run (block, " förutsättningar ", VERKAN_REPORT_SPAN_ITALIC);
  run = verkan_report_block_add_run (block, "Kolada", 0);
  run->href = g_strdup ("https://www.kolada.se");
  run = verkan_report_block_add_run (block, "Uppgifter från kommunernas egna system.", 0);
  run->footnote = 1;
  verkan_report_block_add_run (block, " Resten  av meningen.", 0);

  add_paragraph (doc, VERKAN_REPORT_ITEM_BULLET, "Hallsberg");
  add_paragraph (doc, VERKAN_REPORT_ITEM_BULLET, "Nora");
  block = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "Först");
  block->list_number = 1;
  block = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "Sedan");
  block->list_number = 2;

  verkan_report_document_add_heading (doc, 2, "1.2", "Utfall resurser");
  block = verkan_report_document_add_table (doc, "Tabell 1", "Planerade och faktiska timmar", 3, 1);
  verkan_report_block_add_row (block, (const char *[]) { "Funktion", "Planerat", "Utfall", NULL });
  verkan_report_block_add_row (block, (const char *[]) { "Projektledare", "1 200", "1 284,5", NULL });
  verkan_report_block_add_row (block, (const char *[]) { "Analytiker", "400", "380", NULL });
  verkan_report_block_add_row (block, (const char *[]) { "Summa", "1 600", "1 664,5", NULL });
  block->last_row_is_sum = TRUE;
  if (block->align == NULL)
    block->align = g_new0 (VerkanReportAlign, 3);
  block->align[1] = block->align[2] = VERKAN_REPORT_ALIGN_RIGHT;
  set_text (&block->source, "Källa: projektets tidredovisning");

  verkan_report_document_add_heading (doc, 1, "2", "Resultat i Hallsberg");
  chart = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2018, 5);
  set_text (&chart->unit, "%");
  series = verkan_chart_data_add_series (chart, "1861", "Hallsberg", VERKAN_SERIES_MAIN);
  for (int i = 0; i < 5; i++)
    series->values[VERKAN_GENDER_TOTAL][i] = 40 + 3 * i;
  block = verkan_report_document_add_chart (doc, "Diagram 1", "Andel elever med behörighet", chart);
  set_text (&block->source, "Källa: Kolada, N15428");
  if (!(block->aspect > 0))
    block->aspect = 1.6;

  block = verkan_report_document_add_model (doc, "Figur 1", "Logikmodell för Hallsberg", build_model ());
  g_assert_cmpint (block->figure_kind, ==, VERKAN_REPORT_FIGURE_MODEL);

  verkan_report_document_add_heading (doc, 1, "3", "Samlad analys och slutsatser");
  add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, "Sammanfattningsvis gick det bra.");

  verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_IMAGE, "Foto från workshop",
                                       "2022-03-01", f->image, NULL);
  verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_PDF, "Analysunderlag",
                                       "2022-06-23", f->pdf, NULL);
  verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_PDF, "Trasig fil",
                                       NULL, f->broken, NULL);
  verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_OTHER, "Kalkylblad",
                                       NULL, NULL, NULL);
  verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_MODEL, "Logikmodell för Nora",
                                       "2022-06-15", NULL, build_model ());
  for (guint i = 0; i < doc->appendices->len; i++)
    {
      VerkanReportAppendix *appendix = g_ptr_array_index (doc->appendices, i);

      if (appendix->kind == VERKAN_REPORT_APPENDIX_IMAGE && appendix->mime_type == NULL)
        appendix->mime_type = g_strdup ("image/png");
      if (appendix->kind == VERKAN_REPORT_APPENDIX_PDF && appendix->mime_type == NULL)
        appendix->mime_type = g_strdup ("application/pdf");
    }
  return doc;
}

/* ------------------------------------------------------------ reading back */

static guint
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

/* The member names of the zip, folders as "Pictures/" */
static void
list_members (GsfInfile  *folder,
              const char *prefix,
              GHashTable *members)
{
  for (int i = 0; i < gsf_infile_num_children (folder); i++)
    {
      g_autoptr(TestInput) child = gsf_infile_child_by_index (folder, i);
      g_autofree char *name = g_strconcat (prefix, gsf_input_name (child), NULL);

      if (GSF_IS_INFILE (child) && gsf_infile_num_children (GSF_INFILE (child)) >= 0)
        {
          g_autofree char *sub = g_strconcat (name, "/", NULL);
          list_members (GSF_INFILE (child), sub, members);
        }
      else
        g_hash_table_add (members, g_steal_pointer (&name));
    }
}

static GBytes *
read_member (GsfInfile  *zip,
             const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(TestInput) input = gsf_infile_child_by_aname (zip, (const char **) parts);
  gsf_off_t size;
  const guint8 *data;

  g_assert_nonnull (input);
  size = gsf_input_size (input);
  data = gsf_input_read (input, size, NULL);
  g_assert_true (data != NULL || size == 0);
  return g_bytes_new (data, size);
}

static GsfInfile *
open_zip (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestInput) input = gsf_input_stdio_new (path, &error);
  GsfInfile *zip;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);
  return zip;
}

static xmlDocPtr
parse_member (GsfInfile  *zip,
              const char *path)
{
  g_autoptr(GBytes) bytes = read_member (zip, path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDocPtr xml = xmlReadMemory (data, size, path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOWARNING);

  g_assert_nonnull (xml);
  return xml;
}

static xmlXPathObjectPtr
xpath (xmlDocPtr   xml,
       const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (xml);
  xmlXPathObjectPtr result;

  xmlXPathRegisterNs (context, BAD_CAST "text", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:text:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "table", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:table:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "draw", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "style", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "office", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "manifest", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "xlink", BAD_CAST "http://www.w3.org/1999/xlink");
  xmlXPathRegisterNs (context, BAD_CAST "fo", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
  xmlXPathRegisterNs (context, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
  xmlXPathRegisterNs (context, BAD_CAST "meta", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  xmlXPathFreeContext (context);
  g_assert_nonnull (result);
  return result;
}

static int
xpath_count (xmlDocPtr   xml,
             const char *expression)
{
  xmlXPathObjectPtr result = xpath (xml, expression);
  int n = result->nodesetval ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  return n;
}

static char *
xpath_string (xmlDocPtr   xml,
              const char *expression)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expression);
  xmlXPathObjectPtr result = xpath (xml, wrapped);
  char *value = g_strdup ((const char *) result->stringval);

  xmlXPathFreeObject (result);
  return value;
}

typedef struct {
  double last;
  guint  n_calls;
  gboolean decreased;
} Progress;

static void
on_progress (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_nonnull (stage);
  if (fraction < progress->last)
    progress->decreased = TRUE;
  progress->last = fraction;
  progress->n_calls++;
}

static char *
write_report (Fixture                *f,
              VerkanReportExportFlags flags,
              Progress               *progress)
{
  g_autoptr(VerkanReportDocument) doc = build_document (f);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "rapport.odt", NULL);

  g_assert_true (verkan_report_write_odt (doc, path, flags, NULL,
                                          progress ? on_progress : NULL, progress, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* to look at it: VERKAN_KEEP_ODT=/tmp/x.odt */
  if (g_getenv ("VERKAN_KEEP_ODT") != NULL)
    {
      g_autofree char *bytes = NULL;
      gsize size;

      g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));
      g_assert_true (g_file_set_contents (g_getenv ("VERKAN_KEEP_ODT"), bytes, size, NULL));
    }
  return path;
}

/* ------------------------------------------------------------ tests */

static void
test_zip_layout (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(TestZip) zip = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlDocPtr manifest;
  xmlXPathObjectPtr entries;
  Progress progress = { 0 };
  GHashTableIter iter;
  const char *name;
  gsize size = 0;
  guint name_length, extra_length;

  (void) data;
  path = write_report (f, VERKAN_REPORT_EXPORT_NONE, &progress);
  g_assert_cmpuint (progress.n_calls, >=, 3);
  g_assert_false (progress.decreased);
  g_assert_cmpfloat (progress.last, ==, 1.0);

  /* the first local header, read as bytes: "mimetype", stored, its text */
  g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));
  g_assert_cmpuint (size, >, 30 + 8 + strlen (MIMETYPE));
  g_assert_cmpint (memcmp (bytes, "PK\3\4", 4), ==, 0);
  g_assert_cmpuint (le16 ((guint8 *) bytes + 8), ==, 0);   /* method: stored */
  name_length = le16 ((guint8 *) bytes + 26);
  extra_length = le16 ((guint8 *) bytes + 28);
  g_assert_cmpuint (name_length, ==, 8);
  /* ODF: no extra field and no data descriptor for the mimetype */
  g_assert_cmpuint (extra_length, ==, 0);
  g_assert_cmpuint (le16 ((guint8 *) bytes + 6) & 0x8, ==, 0);
  g_assert_cmpint (memcmp (bytes + 30, "mimetype", 8), ==, 0);
  g_assert_cmpuint (le32 ((guint8 *) bytes + 18), ==, strlen (MIMETYPE));
  g_assert_cmpint (memcmp (bytes + 30 + name_length + extra_length, MIMETYPE, strlen (MIMETYPE)), ==, 0);

  /* the manifest and the members agree both ways */
  zip = open_zip (path);
  list_members (zip, "", members);
  g_assert_true (g_hash_table_contains (members, "content.xml"));
  g_assert_true (g_hash_table_contains (members, "styles.xml"));
  g_assert_true (g_hash_table_contains (members, "meta.xml"));
  g_assert_true (g_hash_table_contains (members, "META-INF/manifest.xml"));

  manifest = parse_member (zip, "META-INF/manifest.xml");
  {
    g_autofree char *root = xpath_string (manifest, "//manifest:file-entry[@manifest:full-path='/']/@manifest:media-type");
    g_assert_cmpstr (root, ==, MIMETYPE);
  }
  entries = xpath (manifest, "//manifest:file-entry");
  for (int i = 0; i < entries->nodesetval->nodeNr; i++)
    {
      xmlNodePtr node = entries->nodesetval->nodeTab[i];
      xmlChar *full = xmlGetNsProp (node, BAD_CAST "full-path",
                                    BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
      xmlChar *type = xmlGetNsProp (node, BAD_CAST "media-type",
                                    BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");

      g_assert_nonnull (full);
      g_assert_nonnull (type);
      if (!g_str_equal ((char *) full, "/"))
        {
          /* every entry is a member */
          g_assert_true (g_hash_table_contains (members, full));
          g_hash_table_add (listed, g_strdup ((char *) full));
        }
      if (g_str_has_suffix ((char *) full, ".png"))
        g_assert_cmpstr ((char *) type, ==, "image/png");
      if (g_str_has_suffix ((char *) full, ".svg"))
        g_assert_cmpstr ((char *) type, ==, "image/svg+xml");
      if (g_str_has_suffix ((char *) full, ".xml"))
        g_assert_cmpstr ((char *) type, ==, "text/xml");
      xmlFree (full);
      xmlFree (type);
    }
  xmlXPathFreeObject (entries);
  xmlFreeDoc (manifest);

  /* every member is listed, but the two the format says not to list */
  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_str_equal (name, "mimetype") && !g_str_equal (name, "META-INF/manifest.xml"))
      {
        if (!g_hash_table_contains (listed, name))
          g_error ("%s is in the zip but not in the manifest", name);
      }
  /* the chart and the model (SVG and PNG each), the photo, two PDF
   * pages, the model appendix (SVG and PNG) */
  g_assert_cmpuint (g_hash_table_size (members), ==, 4 + 1 + 4 + 1 + 2 + 2);
}

static void
test_content (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(TestZip) zip = NULL;
  xmlDocPtr content, styles, meta;

  (void) data;
  path = write_report (f, VERKAN_REPORT_EXPORT_NONE, NULL);
  zip = open_zip (path);
  content = parse_member (zip, "content.xml");

  /* headings with outline levels, in their styles */
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='1' and contains(., 'Grundläggande information')]"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='2' and contains(., '1.1 Syfte')]"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='2' and @text:style-name='Heading_20_2']"), >=, 2);
  /* the contents field, filled in with the headings */
  g_assert_cmpint (xpath_count (content, "//text:table-of-content/text:table-of-content-source[@text:outline-level='3']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:table-of-content//text:p[contains(., '3 Samlad analys och slutsatser')]"), ==, 1);

  /* bold and italic spans, a link, a footnote */
  g_assert_cmpint (xpath_count (content, "//text:span[@text:style-name='T_b' and .='bättre']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:span[@text:style-name='T_i']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:a[@xlink:href='https://www.kolada.se' and .='Kolada']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:note[@text:note-class='footnote']"), ==, 1);
  {
    g_autofree char *note = xpath_string (content, "//text:note/text:note-body");
    g_autofree char *citation = xpath_string (content, "//text:note/text:note-citation");
    g_assert_cmpstr (note, ==, "Uppgifter från kommunernas egna system.");
    g_assert_cmpstr (citation, ==, "1");
  }
  /* two spaces survive as a text:s */
  g_assert_cmpint (xpath_count (content, "//text:s"), >=, 1);

  /* lists: one bullet list of two, one numbered list of two */
  g_assert_cmpint (xpath_count (content, "//text:list[@text:style-name='List_20_Bullet']/text:list-item"), ==, 2);
  g_assert_cmpint (xpath_count (content, "//text:list[@text:style-name='Numbering_20_123']/text:list-item"), ==, 2);

  /* the table: a repeated header row, right-aligned numbers, a bold sum */
  g_assert_cmpint (xpath_count (content, "//table:table"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//table:table/table:table-column"), ==, 3);
  g_assert_cmpint (xpath_count (content, "//table:table/table:table-header-rows/table:table-row"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//table:table/table:table-row"), ==, 3);
  g_assert_cmpint (xpath_count (content, "//table:table-row/table:table-cell/text:p[@text:style-name='P_right' and .='1 284,5']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//table:table-row[last()]/table:table-cell/text:p[@text:style-name='P_sum' and .='Summa']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:p[@text:style-name='Caption_20_Above' and contains(., 'Tabell 1: Planerade')]"
                                         "/text:sequence[@text:name='Tabell' and .='1']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:p[@text:style-name='Source' and .='Källa: projektets tidredovisning']"), ==, 1);

  /* the chart: SVG with a PNG fallback in one frame, a numbered caption */
  g_assert_cmpint (xpath_count (content, "//draw:frame[draw:image[1][@draw:mime-type='image/svg+xml'] and draw:image[2][@draw:mime-type='image/png']]"), ==, 3);
  g_assert_cmpint (xpath_count (content, "//text:p[@text:style-name='Caption']/text:sequence[@text:name='Diagram']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:sequence-decls/text:sequence-decl[@text:name='Diagram']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:p[@text:style-name='Caption' and contains(., 'Figur 1: Logikmodell för Hallsberg')]"
                                         "/text:sequence[@text:name='Figur']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='2' and contains(., 'Logikmodell för Nora')]"
                                         "/following-sibling::text:p[1]/draw:frame/draw:image"), ==, 2);

  /* the appendices: a picture, two pages, notes for the rest */
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='1' and .='Bilagor']"
                                         "| //text:h[@text:outline-level='1' and .='Appendices']"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:p[@text:style-name='Appendix_20_Page' or @text:style-name='P_page_break']/draw:frame"), ==, 2);
  g_assert_cmpint (xpath_count (content, "//text:p[@text:style-name='Figure']/draw:frame/draw:image[@draw:mime-type='image/png' and not(../draw:image[@draw:mime-type='image/svg+xml'])]"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='2' and contains(., 'Trasig fil')]"
                                         "/following-sibling::text:p[1][not(draw:frame)]"), ==, 1);
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='2' and contains(., 'Kalkylblad')]"
                                         "/following-sibling::text:p[1][not(draw:frame)]"), ==, 1);
  xmlFreeDoc (content);

  /* styles: real heading styles with outline levels, A4, a page number */
  styles = parse_member (zip, "styles.xml");
  for (int level = 1; level <= 3; level++)
    {
      g_autofree char *expression = g_strdup_printf ("//style:style[@style:name='Heading_20_%d' and @style:display-name='Heading %d' and @style:default-outline-level='%d']",
                                                     level, level, level);
      g_assert_cmpint (xpath_count (styles, expression), ==, 1);
    }
  g_assert_cmpint (xpath_count (styles, "//style:page-layout-properties[@fo:page-width='21cm' and @fo:page-height='29.7cm']"), >=, 1);
  g_assert_cmpint (xpath_count (styles, "//style:master-page[@style:name='Standard']/style:footer//text:page-number"), ==, 1);
  g_assert_cmpint (xpath_count (styles, "//style:master-page[@style:name='Standard']/style:header//text:title"), ==, 1);
  g_assert_cmpint (xpath_count (styles, "//style:master-page[@style:name='First_20_Page']"), ==, 1);
  g_assert_cmpint (xpath_count (styles, "//style:font-face[@style:name='Carlito']"), ==, 1);
  xmlFreeDoc (styles);

  meta = parse_member (zip, "meta.xml");
  {
    g_autofree char *title = xpath_string (meta, "//dc:title");
    g_autofree char *creator = xpath_string (meta, "//dc:creator");
    g_autofree char *generator = xpath_string (meta, "//meta:generator");
    g_autofree char *created = xpath_string (meta, "//meta:creation-date");

    g_assert_cmpstr (title, ==, "Bättre förutsättningar");
    g_assert_cmpstr (creator, ==, "Anna Projektledare");
    g_assert_true (g_str_has_prefix (generator, "Verkan"));
    g_assert_cmpuint (strlen (created), ==, 19);
  }
  xmlFreeDoc (meta);
}

static void
test_no_appendices (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(TestZip) zip = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlDocPtr content;

  (void) data;
  path = write_report (f, VERKAN_REPORT_EXPORT_NO_APPENDICES, NULL);
  zip = open_zip (path);
  content = parse_member (zip, "content.xml");
  g_assert_cmpint (xpath_count (content, "//text:h[contains(., 'Analysunderlag')]"), ==, 0);
  g_assert_cmpint (xpath_count (content, "//text:h[@text:outline-level='1']"), ==, 3);
  xmlFreeDoc (content);
  list_members (zip, "", members);
  /* only the chart's and the model's pictures */
  g_assert_cmpuint (g_hash_table_size (members), ==, 4 + 1 + 4);
}

/* A failed or cancelled export leaves nothing behind, and an old file
 * where it was */
static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(VerkanReportDocument) doc = build_document (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rapport.odt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "finns-inte", "rapport.odt", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  (void) data;
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (verkan_report_write_odt (doc, path, VERKAN_REPORT_EXPORT_NONE, cancellable,
                                           NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "old");

  g_assert_false (verkan_report_write_odt (doc, missing, VERKAN_REPORT_EXPORT_NONE, NULL,
                                           NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* the fixture's four files and the old report: no temporary left */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, "."));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 4);
}

/* Cancelling half-way through: progress cancels at the first picture */
static void
cancel_on_progress (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  (void) stage;
  if (fraction > 0.2)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_midway (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VerkanReportDocument) doc = build_document (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rapport.odt", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  (void) data;
  g_assert_false (verkan_report_write_odt (doc, path, VERKAN_REPORT_EXPORT_NONE, cancellable,
                                           cancel_on_progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

/* LibreOffice opens and converts it; the headings survive in order */
static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_uri = NULL;
  g_autofree char *installation = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = NULL;
  g_autoptr(GError) error = NULL;
  const char *position;
  int status = 0;

  (void) data;
  if (soffice == NULL || pdftotext == NULL)
    {
      g_test_skip ("soffice or pdftotext is not installed");
      return;
    }
  path = write_report (f, VERKAN_REPORT_EXPORT_NONE, NULL);
  profile = g_build_filename (f->dir, "lo-profile", NULL);
  out_dir = g_build_filename (f->dir, "pdf", NULL);
  profile_uri = g_filename_to_uri (profile, NULL, NULL);
  installation = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  env = g_environ_setenv (g_get_environ (), "HOME", profile, TRUE);
  env = g_environ_unsetenv (env, "DISPLAY");
  {
    const char *argv[] = { soffice, installation, "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", out_dir, path, NULL };
    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pdf = g_build_filename (out_dir, "rapport.pdf", NULL);
  if (!g_file_test (pdf, G_FILE_TEST_IS_REGULAR))
    g_error ("LibreOffice made no PDF: %s", err);

  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &text, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* the cover, then the contents list the headings; the body comes after
   * the contents' last entry */
  g_assert_nonnull (strstr (text, "Bättre förutsättningar"));
  g_assert_nonnull (strstr (text, "2022:05"));
  position = strstr (text, HEADINGS[G_N_ELEMENTS (HEADINGS) - 1]);
  g_assert_nonnull (position);
  position += strlen (HEADINGS[G_N_ELEMENTS (HEADINGS) - 1]);
  for (guint i = 0; i < G_N_ELEMENTS (HEADINGS); i++)
    {
      const char *found = strstr (position, HEADINGS[i]);

      if (found == NULL)
        g_error ("“%s” is missing from the converted text, or out of order:\n%s", HEADINGS[i], text);
      position = found + strlen (HEADINGS[i]);
    }
  /* the table, the caption with its number, the text of the appendix */
  g_assert_nonnull (strstr (text, "1 284,5"));
  g_assert_nonnull (strstr (text, "Tabell 1: Planerade och faktiska timmar"));
  g_assert_nonnull (strstr (text, "Diagram 1: Andel elever med behörighet"));
  g_assert_nonnull (strstr (text, "Uppgifter från kommunernas egna system."));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gsf_init ();

  g_test_add ("/report-odt/zip-layout", Fixture, NULL, fixture_set_up, test_zip_layout, fixture_tear_down);
  g_test_add ("/report-odt/content", Fixture, NULL, fixture_set_up, test_content, fixture_tear_down);
  g_test_add ("/report-odt/no-appendices", Fixture, NULL, fixture_set_up, test_no_appendices, fixture_tear_down);
  g_test_add ("/report-odt/failure-leaves-nothing", Fixture, NULL, fixture_set_up,
              test_failure_leaves_nothing, fixture_tear_down);
  g_test_add ("/report-odt/cancel-midway", Fixture, NULL, fixture_set_up, test_cancel_midway, fixture_tear_down);
  g_test_add ("/report-odt/libreoffice", Fixture, NULL, fixture_set_up, test_libreoffice, fixture_tear_down);
  return g_test_run ();
}
