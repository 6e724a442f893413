/* test-text-extract.c: the text of a document, for full-text search.
 *
 * Every fixture is made here: a three-page PDF drawn with cairo and pango,
 * an ODT and a DOCX written with libgsf, a text file, a Markdown file, a
 * CSV in Windows-1252, a PDF that is not one, and a PNG.  The tests check
 * the text, the pages, the title and the author that come out, the type
 * guessed from a name and a head, cancelling, and several threads at once.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <pango/pangocairo.h>

#include "verkan-test-util.h"
#include "verkan-text-extract.h"

#define MIME_ODT  "application/vnd.oasis.opendocument.text"
#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

static char *fixture_dir;

static char *
fixture (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

/* --- making the fixtures ----------------------------------------------------- */

static void
draw_text (cairo_t    *cr,
           const char *text,
           double      y)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 14");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 60, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
write_pdf (const char        *path,
           const char *const *pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Enkät om försörjning");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Åsa Öberg");
  for (guint i = 0; pages[i] != NULL; i++)
    {
      draw_text (cr, pages[i], 80);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
zip_add (GsfOutfile *zip,
         const char *dir,
         const char *name,
         const char *content,
         gboolean    stored)
{
  GsfOutput *parent = NULL;
  GsfOutput *child;

  if (dir != NULL)
    parent = gsf_outfile_new_child (zip, dir, TRUE);
  if (stored)
    child = gsf_outfile_new_child_full (parent != NULL ? GSF_OUTFILE (parent) : zip, name, FALSE,
                                        "compression-level", GSF_ZIP_STORED, NULL);
  else
    child = gsf_outfile_new_child (parent != NULL ? GSF_OUTFILE (parent) : zip, name, FALSE);
  g_assert_nonnull (child);
  g_assert_true (gsf_output_write (child, strlen (content), (const guint8 *) content));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
  if (parent != NULL)
    {
      g_assert_true (gsf_output_close (parent));
      g_object_unref (parent);
    }
}

static GsfOutfile *
zip_begin (const char *path,
           GsfOutput **sink)
{
  g_autoptr(GError) error = NULL;
  GsfOutfile *zip;

  *sink = gsf_output_stdio_new (path, &error);
  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (*sink, &error);
  g_assert_no_error (error);
  return zip;
}

static void
zip_end (GsfOutfile *zip,
         GsfOutput  *sink)
{
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  g_object_unref (zip);
  g_assert_true (gsf_output_close (sink));
  g_object_unref (sink);
}

static const char odt_content[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-content"
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
  " office:version=\"1.3\">\n"
  "  <office:body>\n"
  "    <office:text>\n"
  "      <text:h text:outline-level=\"1\">Analysunderlag för Hallsberg</text:h>\n"
  "      <text:p>Åtgärder <text:span>för</text:span> försörjning.</text:p>\n"
  "      <text:p>Två<text:s text:c=\"3\"/>mellanrum<text:tab/>och en tabb.</text:p>\n"
  "      <text:p>Rad ett<text:line-break/>rad två</text:p>\n"
  "      <text:tracked-changes><text:changed-region><text:deletion>"
  "<text:p>Borttagen text</text:p></text:deletion></text:changed-region></text:tracked-changes>\n"
  "      <text:list><text:list-item><text:p>En punkt</text:p></text:list-item></text:list>\n"
  "    </office:text>\n"
  "  </office:body>\n"
  "</office:document-content>\n";

static const char odt_meta[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-meta"
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
  " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">"
  "<office:meta><dc:title>Analys Hallsberg</dc:title>"
  "<meta:initial-creator>Karin Ärlig</meta:initial-creator>"
  "<dc:creator>Senast ändrad av</dc:creator></office:meta></office:document-meta>\n";

static const char odt_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
  " manifest:version=\"1.3\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" MIME_ODT "\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>\n";

static void
write_odt (const char *path)
{
  GsfOutput *sink;
  GsfOutfile *zip = zip_begin (path, &sink);

  zip_add (zip, NULL, "mimetype", MIME_ODT, TRUE);
  zip_add (zip, NULL, "content.xml", odt_content, FALSE);
  zip_add (zip, NULL, "meta.xml", odt_meta, FALSE);
  zip_add (zip, "META-INF", "manifest.xml", odt_manifest, FALSE);
  zip_end (zip, sink);
}

static const char docx_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "</Types>\n";

static const char docx_document[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n"
  "  <w:body>\n"
  "    <w:p><w:r><w:t>Minnesanteckningar </w:t></w:r><w:r><w:t>styrgrupp</w:t></w:r></w:p>\n"
  "    <w:p><w:r><w:t xml:space=\"preserve\">Åtgärd:</w:t><w:tab/><w:t>klar</w:t>"
  "<w:br/><w:t>Nästa möte</w:t></w:r></w:p>\n"
  "    <w:p><w:r><w:delText>struken</w:delText><w:t>Öppen fråga</w:t></w:r></w:p>\n"
  "  </w:body>\n"
  "</w:document>\n";

static const char docx_core[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<cp:coreProperties"
  " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
  "<dc:title>Styrgruppsmöte 3</dc:title><dc:creator>Per Ödman</dc:creator>"
  "</cp:coreProperties>\n";

static void
write_docx (const char *path)
{
  GsfOutput *sink;
  GsfOutfile *zip = zip_begin (path, &sink);

  zip_add (zip, NULL, "[Content_Types].xml", docx_types, FALSE);
  zip_add (zip, "word", "document.xml", docx_document, FALSE);
  zip_add (zip, "docProps", "core.xml", docx_core, FALSE);
  zip_end (zip, sink);
}

static void
write_file (const char *name,
            const char *content,
            gssize      length)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, content, length, &error);
  g_assert_no_error (error);
}

static void
make_fixtures (void)
{
  static const char *const pages[] = {
    "Åtgärder för försörjning",
    "Sida två: kartläggning",
    "Sida tre: uppföljning",
    NULL,
  };
  g_autofree char *pdf = fixture ("enkat.pdf");
  g_autofree char *odt = fixture ("analys.odt");
  g_autofree char *docx = fixture ("minnen.docx");
  g_autofree char *png = fixture ("bild.png");
  cairo_surface_t *image;

  write_pdf (pdf, pages);
  write_odt (odt);
  write_docx (docx);
  write_file ("anteckningar.txt", "Möte i Nora\nÅtgärder följs upp.\n", -1);
  write_file ("readme.md", "# Rubrik\n\n*Översikt* av projektet.\n", -1);
  /* "Kommun;Åtgärd\nÖrebro;Försörjning – klar\n" in Windows-1252 */
  write_file ("tabell.csv", "Kommun;\xc5tg\xe4rd\n\xd6rebro;F\xf6rs\xf6rjning \x96 klar\n", -1);
  write_file ("trasig.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n", -1);
  write_file ("tom.txt", "", 0);
  write_file ("inte-zip.odt", "this is not a zip archive", -1);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  g_assert_cmpint (cairo_surface_write_to_png (image, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
}

static VerkanExtractedText *
extract_ok (const char *name,
            const char *mime_type)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  VerkanExtractedText *text;

  text = verkan_text_extract_file (path, mime_type, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text->text, -1, NULL));
  return text;
}

/* --- the tests ------------------------------------------------------------------ */

static void
test_pdf (void)
{
  g_autoptr(VerkanExtractedText) text = extract_ok ("enkat.pdf", "application/pdf");
  g_auto(GStrv) pages = g_strsplit (text->text, "\f", -1);

  g_assert_cmpint (text->n_pages, ==, 3);
  g_assert_cmpuint (g_strv_length (pages), ==, 3);
  g_assert_cmpstr (g_strstrip (pages[0]), ==, "Åtgärder för försörjning");
  g_assert_cmpstr (g_strstrip (pages[1]), ==, "Sida två: kartläggning");
  g_assert_cmpstr (g_strstrip (pages[2]), ==, "Sida tre: uppföljning");
  g_assert_cmpstr (text->title, ==, "Enkät om försörjning");
  g_assert_cmpstr (text->author, ==, "Åsa Öberg");
}

/* A path as typed on the command line, relative to the working folder */
static void
test_pdf_relative_path (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanExtractedText) text = NULL;

  g_assert_cmpint (g_chdir (fixture_dir), ==, 0);
  text = verkan_text_extract_file ("enkat.pdf", "application/pdf", NULL, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (text->n_pages, ==, 3);
}

static void
test_pdf_unreadable (void)
{
  g_autofree char *path = fixture ("trasig.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanExtractedText) text = NULL;

  text = verkan_text_extract_file (path, "application/pdf", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "PDF"));
}

static void
test_pdf_cancelled (void)
{
  g_autofree char *path = fixture ("enkat.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanExtractedText) text = NULL;

  g_cancellable_cancel (cancellable);
  text = verkan_text_extract_file (path, "application/pdf", cancellable, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_odt (void)
{
  g_autoptr(VerkanExtractedText) text = extract_ok ("analys.odt", MIME_ODT);

  g_assert_cmpstr (text->text, ==,
                   "Analysunderlag för Hallsberg\n"
                   "Åtgärder för försörjning.\n"
                   "Två   mellanrum\toch en tabb.\n"
                   "Rad ett\nrad två\n"
                   "En punkt\n");
  g_assert_cmpint (text->n_pages, ==, 0);
  g_assert_cmpstr (text->title, ==, "Analys Hallsberg");
  g_assert_cmpstr (text->author, ==, "Karin Ärlig");
}

static void
test_odt_not_zip (void)
{
  g_autofree char *path = fixture ("inte-zip.odt");
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanExtractedText) text = NULL;

  text = verkan_text_extract_file (path, MIME_ODT, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE);
}

static void
test_docx (void)
{
  g_autoptr(VerkanExtractedText) text = extract_ok ("minnen.docx", MIME_DOCX);

  g_assert_cmpstr (text->text, ==,
                   "Minnesanteckningar styrgrupp\n"
                   "Åtgärd:\tklar\nNästa möte\n"
                   "Öppen fråga\n");
  g_assert_cmpstr (text->title, ==, "Styrgruppsmöte 3");
  g_assert_cmpstr (text->author, ==, "Per Ödman");
}

static void
test_docx_as_odt (void)
{
  g_autofree char *path = fixture ("minnen.docx");
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanExtractedText) text = NULL;

  /* a zip without content.xml */
  text = verkan_text_extract_file (path, MIME_ODT, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "content.xml"));
}

static void
test_plain (void)
{
  g_autoptr(VerkanExtractedText) txt = extract_ok ("anteckningar.txt", "text/plain");
  g_autoptr(VerkanExtractedText) md = extract_ok ("readme.md", "text/markdown");
  g_autoptr(VerkanExtractedText) empty = extract_ok ("tom.txt", "text/plain");

  g_assert_cmpstr (txt->text, ==, "Möte i Nora\nÅtgärder följs upp.\n");
  g_assert_cmpint (txt->n_pages, ==, 0);
  g_assert_null (txt->title);
  g_assert_null (txt->author);
  g_assert_cmpstr (md->text, ==, "# Rubrik\n\n*Översikt* av projektet.\n");
  g_assert_cmpstr (empty->text, ==, "");
}

static void
test_csv_windows_1252 (void)
{
  g_autoptr(VerkanExtractedText) csv = extract_ok ("tabell.csv", "text/csv");

  g_assert_cmpstr (csv->text, ==, "Kommun;Åtgärd\nÖrebro;Försörjning – klar\n");
}

static void
test_unsupported (void)
{
  g_autofree char *path = fixture ("bild.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanExtractedText) text = NULL;
  guchar head[64];
  gsize length = 0;
  g_autofree char *contents = NULL;
  g_autofree char *mime_type = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  memcpy (head, contents, MIN (length, sizeof head));
  mime_type = verkan_text_extract_guess_mime ("bild.png", head, MIN (length, sizeof head));
  g_assert_cmpstr (mime_type, ==, "image/png");

  text = verkan_text_extract_file (path, mime_type, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNSUPPORTED);
}

static char *
guess_file (const char *name,
            gboolean    with_name)
{
  g_autofree char *path = fixture (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return verkan_text_extract_guess_mime (with_name ? name : NULL,
                                         (const guchar *) contents, MIN (length, 4096));
}

static void
test_guess_mime (void)
{
  static const struct {
    const char *name;
    gboolean    with_name;
    const char *expected;
  } cases[] = {
    { "enkat.pdf",        TRUE,  "application/pdf" },
    { "enkat.pdf",        FALSE, "application/pdf" },
    { "analys.odt",       TRUE,  MIME_ODT },
    { "analys.odt",       FALSE, MIME_ODT },   /* the stored mimetype member */
    { "minnen.docx",      TRUE,  MIME_DOCX },
    { "anteckningar.txt", TRUE,  "text/plain" },
    { "readme.md",        TRUE,  "text/markdown" },
    { "tabell.csv",       TRUE,  "text/csv" },
    { "bild.png",         FALSE, "image/png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *mime_type = guess_file (cases[i].name, cases[i].with_name);
      g_test_message ("%s%s", cases[i].name, cases[i].with_name ? "" : " (head only)");
      g_assert_cmpstr (mime_type, ==, cases[i].expected);
    }

  {
    g_autofree char *upper = verkan_text_extract_guess_mime ("NOTES.MD", (const guchar *) "# x\n", 4);
    g_autofree char *nothing = verkan_text_extract_guess_mime (NULL, NULL, 0);
    g_assert_cmpstr (upper, ==, "text/markdown");
    g_assert_nonnull (nothing);
  }
}

static gpointer
extract_in_thread (gpointer data)
{
  static const char *const names[][2] = {
    { "enkat.pdf", "application/pdf" },
    { "analys.odt", MIME_ODT },
    { "minnen.docx", MIME_DOCX },
    { "tabell.csv", "text/csv" },
  };
  guint n_ok = 0;

  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = fixture (names[i][0]);
        g_autoptr(VerkanExtractedText) text =
          verkan_text_extract_file (path, names[i][1], NULL, NULL);
        if (text != NULL && strstr (text->text, "rsörjning") != NULL)
          n_ok++;
        else if (text != NULL && strstr (text->text, "Åtgärd") != NULL)
          n_ok++;
      }
  return GUINT_TO_POINTER (n_ok);
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("extract", extract_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, 20);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  fixture_dir = g_dir_make_tmp ("verkan-text-extract-XXXXXX", &error);
  g_assert_no_error (error);
  make_fixtures ();

  g_test_add_func ("/text-extract/pdf", test_pdf);
  g_test_add_func ("/text-extract/pdf-relative-path", test_pdf_relative_path);
  g_test_add_func ("/text-extract/pdf-unreadable", test_pdf_unreadable);
  g_test_add_func ("/text-extract/pdf-cancelled", test_pdf_cancelled);
  g_test_add_func ("/text-extract/odt", test_odt);
  g_test_add_func ("/text-extract/odt-not-zip", test_odt_not_zip);
  g_test_add_func ("/text-extract/docx", test_docx);
  g_test_add_func ("/text-extract/docx-as-odt", test_docx_as_odt);
  g_test_add_func ("/text-extract/plain", test_plain);
  g_test_add_func ("/text-extract/csv-windows-1252", test_csv_windows_1252);
  g_test_add_func ("/text-extract/unsupported", test_unsupported);
  g_test_add_func ("/text-extract/guess-mime", test_guess_mime);
  g_test_add_func ("/text-extract/threads", test_threads);
  status = g_test_run ();

  verkan_test_remove_tree (fixture_dir);
  g_free (fixture_dir);
  return status;
}
