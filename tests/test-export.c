/* test-export.c: the slutrapport end to end.  The built binary exports a
 * copy of the sample project to PDF and ODT as a person would
 * (verkan export), and real consumers check the results: pdftotext and
 * pdfinfo (poppler-utils), qpdf --json for the bookmarks, LibreOffice
 * headless for the ODT, and pdftoppm for a visual check against reference
 * images.  The qpdf and LibreOffice parts are skipped only when those
 * programs are missing.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "verkan-test-util.h"

/* The visual check's tolerance: the mean absolute difference per colour
 * channel, on the 0–255 scale, over the whole page at 40 dpi.  Measured on
 * the sample: a slight blur of the chart page, like another FreeType or
 * cairo moving antialiased edges, gives 1.0; the same page shifted by one
 * pixel 6.8 (the cover 2.5); another chart page in its place 20, a page of
 * text 25.  3 lets rendering noise pass and catches a figure, a heading or
 * the page's layout that went wrong; it does not see a changed word, which
 * the text checks above do. */
#define VISUAL_TOLERANCE 3.0

/* One temporary folder for the whole run, with a copy of the sample (the
 * export must not need a writable sample, and must not touch it) and the
 * PDF exported once; the tests that read the PDF share it. */
static char *work_dir;
static char *project;
static char *pdf_path;
static VerkanTestRun pdf_run;

/* ------------------------------------------------------------ helpers */

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* Runs a tool; returns its standard output, asserting it exited 0 */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed (%d): %s", argv[0], status, err);
  return out;
}

/* Whitespace collapsed to single spaces, so that a heading broken over two
 * lines or printed with wide gaps still matches */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
pdf_text (const char *pdf, int first, int last, gboolean layout)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);

  if (first > 0)
    return run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", layout ? "-layout" : "-raw",
                                        "-f", f, "-l", l, pdf, "-", NULL });
  return run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL });
}

static int
pdf_pages (const char *pdf)
{
  g_autofree char *info = run_tool ((const char *[]) { "pdfinfo", pdf, NULL });
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

/* The report's section titles in reading order (depth first), read from
 * the project file past Verkan's code */
static GStrv
section_titles (const char *path, gboolean chapters_only)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE tree (id, path, depth) AS ("
    "  SELECT id, printf ('%%06d', position), 0 FROM report_section WHERE parent_id IS NULL"
    "  UNION ALL"
    "  SELECT s.id, tree.path || '/' || printf ('%%06d', s.position), tree.depth + 1"
    "  FROM report_section s JOIN tree ON s.parent_id = tree.id)"
    " SELECT group_concat (title, char (10)) FROM"
    " (SELECT title FROM tree JOIN report_section USING (id) %s ORDER BY path)",
    chapters_only ? "WHERE depth = 0" : "");
  g_autofree char *joined = verkan_test_sql_text (path, sql);

  g_assert_nonnull (joined);
  return g_strsplit (joined, "\n", -1);
}

static void
ensure_pdf (void)
{
  if (pdf_path != NULL)
    return;
  pdf_path = g_build_filename (work_dir, "slutrapport.pdf", NULL);
  verkan_test_run_verkan (&pdf_run, NULL,
                          (const char *[]) { "export", project, "--format", "pdf", "-o", pdf_path, NULL });
}

/* The table of contents, as printed: for each line "1.2  Title ..... 5"
 * the title and the page.  It is on the pages after the one that starts
 * with the contents heading, up to the first page of chapter 1. */
typedef struct {
  char *title;
  int   page;
} TocEntry;

static void
toc_entry_free (TocEntry *entry)
{
  g_free (entry->title);
  g_free (entry);
}

static GPtrArray *
read_toc (const char *pdf, int n_pages)
{
  g_autoptr(GRegex) line_re =
    g_regex_new ("^\\s*\\d+(?:\\.\\d+)*\\.?\\s+(\\S.*?)[\\s.…]+(\\d+)\\s*$", G_REGEX_MULTILINE, 0, NULL);
  GPtrArray *toc = g_ptr_array_new_with_free_func ((GDestroyNotify) toc_entry_free);
  gboolean in_toc = FALSE;

  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (pdf, page, page, TRUE);
      g_autoptr(GMatchInfo) match = NULL;
      guint before = toc->len;

      if (!in_toc)
        {
          /* the contents page: Swedish report, C locale or not */
          in_toc = strstr (text, "Innehåll") != NULL || strstr (text, "Contents") != NULL;
          if (!in_toc)
            continue;
        }
      g_regex_match (line_re, text, 0, &match);
      while (g_match_info_matches (match))
        {
          TocEntry *entry = g_new0 (TocEntry, 1);
          g_autofree char *title = g_match_info_fetch (match, 1);
          g_autofree char *number = g_match_info_fetch (match, 2);

          entry->title = squeeze (title);
          entry->page = atoi (number);
          g_ptr_array_add (toc, entry);
          g_match_info_next (match, NULL);
        }
      /* the contents end on the first page with none */
      if (toc->len == before)
        break;
    }
  return toc;
}

/* ------------------------------------------------------------ PDF */

static void
test_pdf_export (void)
{
  g_auto(GStrv) lines = NULL;

  ensure_pdf ();
  if (pdf_run.status != 0)
    g_test_message ("verkan export said: %s", pdf_run.err);
  g_assert_cmpint (pdf_run.status, ==, 0);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  /* progress on stderr, percent by percent, ending at 100 */
  g_assert_nonnull (strstr (pdf_run.err, "%"));
  g_assert_nonnull (strstr (pdf_run.err, "100 %"));
  lines = g_strsplit (pdf_run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  /* and nothing left beside it */
  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_has_prefix (name, "battre-forutsattningar.verkan")
                     || strcmp (name, "slutrapport.pdf") == 0);
  }
}

/* Every heading appears in reading order, and the page the contents give
 * for it is the page where pdftotext finds it */
static void
test_pdf_headings (void)
{
  g_auto(GStrv) titles = section_titles (project, FALSE);
  g_autoptr(GPtrArray) toc = NULL;
  g_autofree char *all = NULL;
  g_autofree char *body = NULL;
  const char *at;
  int n_pages, last_page = 0;
  glong last_offset = -1;

  ensure_pdf ();
  g_assert_cmpint (pdf_run.status, ==, 0);
  g_assert_cmpuint (g_strv_length (titles), >=, 10);
  n_pages = pdf_pages (pdf_path);
  toc = read_toc (pdf_path, n_pages);

  /* the contents list every section, in order */
  g_assert_cmpuint (toc->len, ==, g_strv_length (titles));
  for (guint i = 0; i < toc->len; i++)
    {
      TocEntry *entry = g_ptr_array_index (toc, i);

      g_assert_cmpstr (entry->title, ==, titles[i]);
    }

  /* each heading on the page the contents promise, after the one before */
  for (guint i = 0; i < toc->len; i++)
    {
      TocEntry *entry = g_ptr_array_index (toc, i);
      g_autofree char *raw = NULL;
      g_autofree char *page = NULL;
      const char *found;

      g_assert_cmpint (entry->page, >=, last_page);
      g_assert_cmpint (entry->page, <=, n_pages);
      raw = pdf_text (pdf_path, entry->page, entry->page, FALSE);
      page = squeeze (raw);
      found = strstr (entry->page == last_page ? page + last_offset + 1 : page, entry->title);
      if (found == NULL)
        g_test_message ("“%s” is not on page %d, which reads: %s", entry->title, entry->page, page);
      g_assert_nonnull (found);
      last_offset = found - page;
      last_page = entry->page;
    }

  /* and the body, after the contents, has them all in order */
  all = pdf_text (pdf_path, 0, 0, FALSE);
  body = squeeze (all);
  at = strstr (body, titles[g_strv_length (titles) - 1]);   /* the end of the contents */
  g_assert_nonnull (at);
  for (guint i = 0; titles[i]; i++)
    {
      at = strstr (at + 1, titles[i]);
      g_assert_nonnull (at);
    }
}

static void
collect_outline (JsonArray *items, GPtrArray *titles, GArray *pages)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      int page = json_object_has_member (item, "destpageposfrom1")
                 ? (int) json_object_get_int_member (item, "destpageposfrom1") : 0;

      g_ptr_array_add (titles, squeeze (json_object_get_string_member (item, "title")));
      g_array_append_val (pages, page);
      if (json_object_has_member (item, "kids"))
        collect_outline (json_object_get_array_member (item, "kids"), titles, pages);
    }
}

/* qpdf sees a bookmark for every heading, on its page, and one for each
 * appendix */
static void
test_pdf_outline (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) toc = NULL;
  g_auto(GStrv) chapters = section_titles (project, TRUE);
  g_autofree char *json = NULL;
  g_autofree char *appendix_titles = NULL;
  g_auto(GStrv) appendices = NULL;
  guint from = 0;

  if (!have_program ("qpdf"))
    {
      g_test_skip ("qpdf is not installed");
      return;
    }
  ensure_pdf ();
  g_assert_cmpint (pdf_run.status, ==, 0);
  json = run_tool ((const char *[]) { "qpdf", "--json", pdf_path, NULL });
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  collect_outline (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "outlines"), titles, pages);

  /* the chapters, in order, each ending a bookmark title ("3 Resultat") */
  for (guint c = 0; chapters[c]; c++)
    {
      gboolean found = FALSE;

      for (; from < titles->len && !found; from++)
        found = g_str_has_suffix (g_ptr_array_index (titles, from), chapters[c]);
      if (!found)
        g_test_message ("no bookmark for the chapter “%s”", chapters[c]);
      g_assert_true (found);
    }

  /* every heading's bookmark leads to the page the contents name */
  toc = read_toc (pdf_path, pdf_pages (pdf_path));
  for (guint i = 0; i < toc->len; i++)
    {
      TocEntry *entry = g_ptr_array_index (toc, i);
      gboolean found = FALSE;

      for (guint k = 0; k < titles->len && !found; k++)
        if (g_str_has_suffix (g_ptr_array_index (titles, k), entry->title))
          {
            g_assert_cmpint (g_array_index (pages, int, k), ==, entry->page);
            found = TRUE;
          }
      g_assert_true (found);
    }

  /* the appendices, each a bookmark with its title, after the report */
  appendix_titles = verkan_test_sql_text (project,
    "SELECT group_concat (title, char (10)) FROM (SELECT title FROM appendix ORDER BY position)");
  g_assert_nonnull (appendix_titles);
  appendices = g_strsplit (appendix_titles, "\n", -1);
  g_assert_cmpuint (g_strv_length (appendices), >=, 2);
  for (guint a = 0; appendices[a]; a++)
    {
      gboolean found = FALSE;

      for (; from < titles->len && !found; from++)
        {
          const char *title = g_ptr_array_index (titles, from);
          g_autofree char *number = g_strdup_printf (" %u: ", a + 1);

          found = strstr (title, appendices[a]) != NULL && strstr (title, number) != NULL;
        }
      if (!found)
        g_test_message ("no bookmark for appendix %u “%s”", a + 1, appendices[a]);
      g_assert_true (found);
    }
}

/* Writes out the stored bytes of document @id and counts its pages */
static int
stored_pdf_pages (const char *id)
{
  g_autofree char *out = g_build_filename (work_dir, "appendix.pdf", NULL);
  g_auto(VerkanTestRun) run = { 0 };
  int pages;

  verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "extract", project, id, "-o", out, NULL });
  g_assert_cmpint (run.status, ==, 0);
  pages = pdf_pages (out);
  g_unlink (out);
  return pages;
}

/* The page count is the report's pages plus, for each appendix, a
 * separator page and what follows it: a PDF's own pages, an image's or a
 * frozen model's page, nothing for a kind listed as delivered separately */
static void
test_pdf_page_count (void)
{
  g_autofree char *bare = g_build_filename (work_dir, "utan-bilagor.pdf", NULL);
  g_autofree char *kinds = NULL;
  g_auto(GStrv) appendices = NULL;
  g_auto(VerkanTestRun) run = { 0 };
  int report_pages, expected, n_pdf = 0;

  ensure_pdf ();
  g_assert_cmpint (pdf_run.status, ==, 0);
  verkan_test_run_verkan (&run, NULL, (const char *[]) { "export", project, "--format", "pdf",
                                                          "--no-appendices", "-o", bare, NULL });
  g_assert_cmpint (run.status, ==, 0);
  report_pages = pdf_pages (bare);
  /* the draft is a real report, not a stub */
  g_assert_cmpint (report_pages, >=, 12);
  g_unlink (bare);

  kinds = verkan_test_sql_text (project,
    "SELECT group_concat (kind, ',') FROM (SELECT CASE"
    " WHEN a.model_version_id IS NOT NULL THEN 'model'"
    " WHEN d.mime_type = 'application/pdf' THEN 'pdf:' || d.id"
    " WHEN d.mime_type LIKE 'image/%' THEN 'image'"
    " ELSE 'other' END AS kind"
    " FROM appendix a LEFT JOIN document d ON d.id = a.document_id ORDER BY a.position)");
  g_assert_nonnull (kinds);
  appendices = g_strsplit (kinds, ",", -1);
  expected = report_pages;
  for (guint i = 0; appendices[i]; i++)
    {
      expected += 1;
      if (g_str_has_prefix (appendices[i], "pdf:"))
        {
          expected += stored_pdf_pages (appendices[i] + 4);
          n_pdf++;
        }
      else if (strcmp (appendices[i], "model") == 0 || strcmp (appendices[i], "image") == 0)
        expected += 1;
    }
  /* the sample has its survey as a PDF appendix */
  g_assert_cmpint (n_pdf, >=, 1);
  g_test_message ("%d report pages, %d in all", report_pages, expected);
  g_assert_cmpint (pdf_pages (pdf_path), ==, expected);
}

/* The text of the appended survey appears, drawn from the stored PDF */
static void
test_pdf_appendix_text (void)
{
  g_autofree char *id = verkan_test_sql_text (project,
    "SELECT d.id FROM appendix a JOIN document d ON d.id = a.document_id"
    " WHERE d.mime_type = 'application/pdf' ORDER BY a.position LIMIT 1");
  g_autofree char *out = g_build_filename (work_dir, "enkat.pdf", NULL);
  g_auto(VerkanTestRun) run = { 0 };
  g_autofree char *own_raw = NULL, *own = NULL, *all_raw = NULL, *all = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_nonnull (id);
  ensure_pdf ();
  g_assert_cmpint (pdf_run.status, ==, 0);
  verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "extract", project, id, "-o", out, NULL });
  g_assert_cmpint (run.status, ==, 0);

  own_raw = pdf_text (out, 0, 0, FALSE);
  all_raw = pdf_text (pdf_path, 0, 0, FALSE);
  all = squeeze (all_raw);
  g_assert_nonnull (strstr (all, "Enkätfrågor till projektdeltagarna"));
  /* every longer line of the survey's own text is in the report's */
  lines = g_strsplit (own_raw, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = squeeze (lines[i]);

      if (g_utf8_strlen (line, -1) < 25)
        continue;
      if (strstr (all, line) == NULL)
        g_test_message ("the survey's line “%s” is missing", line);
      g_assert_nonnull (strstr (all, line));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 20);
  g_unlink (out);
}

/* ------------------------------------------------------------ ODT */

typedef struct {
  char   *name;
  guint   method;
  guint32 compressed;
  guint32 offset;     /* of the local header */
} ZipEntry;

static void
zip_entry_free (ZipEntry *entry)
{
  g_free (entry->name);
  g_free (entry);
}

static guint16 le16 (const guint8 *p) { return p[0] | p[1] << 8; }
static guint32 le32 (const guint8 *p) { return (guint32) p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24; }

/* The central directory of a zip, read by hand: no zip library needed */
static GPtrArray *
zip_entries (GBytes *zip)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (zip, &size);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) zip_entry_free);
  gssize end = -1;
  guint32 at;
  guint n;

  g_assert_cmpuint (size, >, 22);
  for (gssize i = (gssize) size - 22; i >= 0 && end < 0; i--)
    if (le32 (data + i) == 0x06054b50)
      end = i;
  g_assert_cmpint (end, >=, 0);
  n = le16 (data + end + 10);
  at = le32 (data + end + 16);
  for (guint i = 0; i < n; i++)
    {
      ZipEntry *entry = g_new0 (ZipEntry, 1);

      g_assert_cmpuint (at + 46, <=, size);
      g_assert_cmphex (le32 (data + at), ==, 0x02014b50);
      entry->method = le16 (data + at + 10);
      entry->compressed = le32 (data + at + 20);
      entry->offset = le32 (data + at + 42);
      entry->name = g_strndup ((const char *) data + at + 46, le16 (data + at + 28));
      g_ptr_array_add (entries, entry);
      at += 46 + le16 (data + at + 28) + le16 (data + at + 30) + le16 (data + at + 32);
    }
  return entries;
}

static GBytes *
zip_member (GBytes *zip, ZipEntry *entry)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (zip, &size);
  const guint8 *local = data + entry->offset;
  const guint8 *start = local + 30 + le16 (local + 26) + le16 (local + 28);
  g_autoptr(GBytes) raw = g_bytes_new (start, entry->compressed);
  g_autoptr(GConverter) inflate = NULL;
  g_autoptr(GInputStream) in = NULL, converted = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmphex (le32 (local), ==, 0x04034b50);
  if (entry->method == 0)
    return g_steal_pointer (&raw);
  g_assert_cmpuint (entry->method, ==, 8);
  inflate = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));
  in = g_memory_input_stream_new_from_bytes (raw);
  converted = g_converter_input_stream_new (in, inflate);
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice (out, converted, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_odt_zip (void)
{
  g_autofree char *odt = g_build_filename (work_dir, "slutrapport.odt", NULL);
  g_auto(VerkanTestRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) zip = NULL, manifest = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GRegex) path_re = g_regex_new ("manifest:full-path=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *manifest_text = NULL;
  const guint8 *data;
  ZipEntry *first;
  guint listed = 0;

  verkan_test_run_verkan (&run, NULL, (const char *[]) { "export", project, "--format", "odt", "-o", odt, NULL });
  if (run.status != 0)
    g_test_message ("verkan export said: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "%"));

  file = g_mapped_file_new (odt, FALSE, &error);
  g_assert_no_error (error);
  zip = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (zip, NULL);

  /* the first member is "mimetype", stored, with the ODT's type, so that
   * the type stands at byte 38 for tools that sniff it */
  g_assert_cmphex (le32 (data), ==, 0x04034b50);
  g_assert_cmpuint (le16 (data + 8), ==, 0);
  g_assert_cmpuint (le16 (data + 26), ==, strlen ("mimetype"));
  g_assert_cmpint (memcmp (data + 30, "mimetype", 8), ==, 0);
  g_assert_cmpint (memcmp (data + 38, "application/vnd.oasis.opendocument.text",
                           strlen ("application/vnd.oasis.opendocument.text")), ==, 0);

  entries = zip_entries (zip);
  first = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (first->name, ==, "mimetype");
  g_assert_cmpuint (first->offset, ==, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      ZipEntry *entry = g_ptr_array_index (entries, i);

      g_hash_table_add (names, entry->name);
      if (strcmp (entry->name, "META-INF/manifest.xml") == 0)
        manifest = zip_member (zip, entry);
    }
  g_assert_nonnull (manifest);
  g_assert_true (g_hash_table_contains (names, "content.xml"));
  g_assert_true (g_hash_table_contains (names, "styles.xml"));
  g_assert_true (g_hash_table_contains (names, "meta.xml"));

  /* every file the manifest lists is in the zip */
  manifest_text = g_strndup (g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest));
  g_regex_match (path_re, manifest_text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *path = g_match_info_fetch (match, 1);

      if (!g_str_has_suffix (path, "/"))
        {
          if (!g_hash_table_contains (names, path))
            g_test_message ("the manifest lists %s, which the zip lacks", path);
          g_assert_true (g_hash_table_contains (names, path));
          listed++;
        }
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (listed, >=, 3);
  /* the report's figures went in as pictures */
  g_assert_cmpuint (g_hash_table_size (names), >, 5);
}

/* LibreOffice opens and converts our ODT, and the headings survive */
static void
test_odt_soffice (void)
{
  g_autofree char *odt = g_build_filename (work_dir, "lo.odt", NULL);
  g_autofree char *profile_dir = g_build_filename (work_dir, "lo-profile", NULL);
  g_autofree char *profile = g_filename_to_uri (profile_dir, NULL, NULL);
  g_autofree char *env = g_strconcat ("-env:UserInstallation=", profile, NULL);
  g_autofree char *converted = g_build_filename (work_dir, "lo.pdf", NULL);
  g_auto(GStrv) titles = section_titles (project, FALSE);
  g_auto(VerkanTestRun) run = { 0 };
  g_autofree char *raw = NULL, *text = NULL, *out = NULL;
  const char *soffice = have_program ("soffice") ? "soffice"
                        : have_program ("libreoffice") ? "libreoffice" : NULL;
  const char *at;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }
  verkan_test_run_verkan (&run, NULL, (const char *[]) { "export", project, "--format", "odt", "-o", odt, NULL });
  g_assert_cmpint (run.status, ==, 0);

  out = run_tool ((const char *[]) { soffice, env, "--headless", "--norestore", "--convert-to", "pdf",
                                     "--outdir", work_dir, odt, NULL });
  if (!g_file_test (converted, G_FILE_TEST_IS_REGULAR))
    g_test_message ("LibreOffice said: %s", out);
  g_assert_true (g_file_test (converted, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (pdf_pages (converted), >=, 10);

  /* the headings in order twice: in the contents field, then the text */
  raw = pdf_text (converted, 0, 0, FALSE);
  text = squeeze (raw);
  at = text;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; titles[i]; i++)
      {
        const char *found = strstr (at, titles[i]);

        if (found == NULL)
          g_test_message ("“%s” is missing from LibreOffice's PDF (pass %d)", titles[i], pass + 1);
        g_assert_nonnull (found);
        at = found + strlen (titles[i]);
      }
  g_unlink (converted);
  g_unlink (odt);
  verkan_test_remove_tree (profile_dir);
}

/* ------------------------------------------------------------ failure */

/* An export to a place that cannot be written fails with exit 1, says why,
 * and leaves no file, neither the output nor a temporary one */
static void
test_unwritable (void)
{
  g_autofree char *dir = g_build_filename (work_dir, "fail", NULL);
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autoptr(GError) error = NULL;
  const char *formats[] = { "pdf", "odt" };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  /* a plain file where a folder should be: fails even for root */
  g_file_set_contents (blocker, "x", 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("rapport.%s", formats[i]);
      g_autofree char *under_file = g_build_filename (blocker, name, NULL);
      g_autofree char *missing = g_build_filename (dir, "saknas", name, NULL);
      const char *targets[] = { under_file, missing };

      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        {
          g_auto(VerkanTestRun) run = { 0 };

          verkan_test_run_verkan (&run, NULL, (const char *[]) { "export", project, "--format", formats[i],
                                                                  "-o", targets[t], NULL });
          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpuint (strlen (run.err), >, 0);
          g_assert_false (g_file_test (targets[t], G_FILE_TEST_EXISTS));
        }
    }
  /* nothing beside the blocker */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    guint count = 0;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_assert_cmpstr (name, ==, "not-a-folder");
        count++;
      }
    g_assert_cmpuint (count, ==, 1);
  }
  verkan_test_remove_tree (dir);
}

/* ------------------------------------------------------------ visual */

/* The mean absolute difference per colour channel (0–255) of two PNGs of
 * the same size.  With VERKAN_UPDATE_REFERENCE set it first makes @actual
 * the new reference: look at it before committing it. */
static double
mean_difference (const char *reference, const char *actual)
{
  cairo_surface_t *want, *got;
  int width, height;
  double sum = 0;

  if (g_getenv ("VERKAN_UPDATE_REFERENCE"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *bytes = NULL;
      gsize length = 0;

      g_file_get_contents (actual, &bytes, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (reference, bytes, (gssize) length, &error);
      g_assert_no_error (error);
      g_test_message ("wrote %s: look at it before committing it", reference);
    }
  want = cairo_image_surface_create_from_png (reference);
  got = cairo_image_surface_create_from_png (actual);
  g_assert_cmpint (cairo_surface_status (want), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (got), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (want);
  height = cairo_image_surface_get_height (want);
  g_assert_cmpint (cairo_image_surface_get_width (got), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (got), ==, height);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (want)
                                            + y * cairo_image_surface_get_stride (want));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (got)
                                            + y * cairo_image_surface_get_stride (got));

      for (int x = 0; x < width; x++)
        for (int shift = 0; shift < 24; shift += 8)
          sum += abs ((int) ((a[x] >> shift) & 0xff) - (int) ((b[x] >> shift) & 0xff));
    }
  cairo_surface_destroy (want);
  cairo_surface_destroy (got);
  return sum / ((double) width * height * 3);
}

static void
check_page_image (int page, const char *reference_name)
{
  g_autofree char *prefix = g_build_filename (work_dir, "sida", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *number = g_strdup_printf ("%d", page);
  g_autofree char *reference = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", reference_name, NULL);
  g_autofree char *out = NULL;
  double difference;

  out = run_tool ((const char *[]) { "pdftoppm", "-png", "-r", "40", "-f", number, "-l", number,
                                     "-singlefile", pdf_path, prefix, NULL });
  difference = mean_difference (reference, png);
  g_test_message ("page %d against %s: mean difference %.3f per channel (tolerance %.1f)",
                  page, reference_name, difference, VISUAL_TOLERANCE);
  g_assert_cmpfloat (difference, <, VISUAL_TOLERANCE);
  g_unlink (png);
}

/* The cover, and the page of the first chart (its caption "Diagram 1:"),
 * look as they did when their references were made and looked at */
static void
test_visual (void)
{
  int n_pages, chart_page = 0;

  ensure_pdf ();
  g_assert_cmpint (pdf_run.status, ==, 0);
  check_page_image (1, "report-page-1.png");

  n_pages = pdf_pages (pdf_path);
  for (int page = 2; page <= n_pages && chart_page == 0; page++)
    {
      g_autofree char *text = pdf_text (pdf_path, page, page, FALSE);

      if (strstr (text, "Diagram 1:") != NULL)
        chart_page = page;
    }
  g_assert_cmpint (chart_page, >, 0);
  check_page_image (chart_page, "report-chart-page.png");
}

/* ------------------------------------------------------------ main */

int
main (int argc, char **argv)
{
  g_autofree char *sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  int result;

  g_test_init (&argc, &argv, NULL);

  if (!have_program ("pdftotext") || !have_program ("pdfinfo") || !have_program ("pdftoppm"))
    {
      /* poppler-utils are a test dependency (build-aux/install-deps) */
      g_printerr ("pdftotext, pdfinfo and pdftoppm are needed\n");
      return 1;
    }

  sample = g_build_filename (g_getenv ("VERKAN_BUILD_ROOT"), "data", "examples",
                             "battre-forutsattningar.verkan", NULL);
  work_dir = g_dir_make_tmp ("verkan-export-XXXXXX", &error);
  g_assert_no_error (error);
  project = g_build_filename (work_dir, "battre-forutsattningar.verkan", NULL);
  g_file_get_contents (sample, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (project, bytes, (gssize) length, &error);
  g_assert_no_error (error);

  g_test_add_func ("/export/pdf/export", test_pdf_export);
  g_test_add_func ("/export/pdf/headings", test_pdf_headings);
  g_test_add_func ("/export/pdf/outline", test_pdf_outline);
  g_test_add_func ("/export/pdf/page-count", test_pdf_page_count);
  g_test_add_func ("/export/pdf/appendix-text", test_pdf_appendix_text);
  g_test_add_func ("/export/pdf/visual", test_visual);
  g_test_add_func ("/export/odt/zip", test_odt_zip);
  g_test_add_func ("/export/odt/libreoffice", test_odt_soffice);
  g_test_add_func ("/export/unwritable", test_unwritable);

  result = g_test_run ();

  verkan_test_run_clear (&pdf_run);
  verkan_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (project);
  g_free (pdf_path);
  return result;
}
