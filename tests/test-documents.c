/* test-documents.c: documents kept inside the project file: adding,
 * deduplicating, extracting, removing with undo, appendices and evidence
 * links, the bad-file cases and the memory bound of streaming.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "verkan-document-store.h"
#include "verkan-project.h"
#include "verkan-test-util.h"
#include "verkan-text-extract.h"

typedef struct {
  char          *dir;
  VerkanProject *project;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("verkan-documents-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "dokument.verkan", NULL);
  f->project = verkan_project_create (path, "Dokumenttest", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->project);
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const void *data, gsize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (verkan_project_get_db (f->project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
text_of (Fixture *f, const char *table, gint64 id, const char *column)
{
  g_autoptr(GVariant) row = verkan_project_get_row (f->project, table, id, NULL);
  const char *value = NULL;

  if (row == NULL || !g_variant_lookup (row, column, "&s", &value))
    return NULL;
  return g_strdup (value);
}

static gint64
int_of (Fixture *f, const char *table, gint64 id, const char *column)
{
  g_autoptr(GVariant) row = verkan_project_get_row (f->project, table, id, NULL);
  gint64 value = -1;

  if (row != NULL)
    g_variant_lookup (row, column, "x", &value);
  return value;
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (65536);
  FILE *in = fopen (path, "rb");
  gsize n;

  g_assert_nonnull (in);
  while ((n = fread (buffer, 1, 65536, in)) > 0)
    g_checksum_update (checksum, buffer, n);
  fclose (in);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Bytes that are not all alike, so a mix-up of parts would show */
static char *
write_generated (Fixture *f, const char *name, gsize size)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree guint32 *buffer = g_malloc (65536);
  GRand *rand = g_rand_new_with_seed (4711);
  FILE *out = fopen (path, "wb");

  g_assert_nonnull (out);
  for (gsize done = 0; done < size; done += 65536)
    {
      for (guint i = 0; i < 65536 / 4; i++)
        buffer[i] = g_rand_int (rand);
      g_assert_cmpuint (fwrite (buffer, 1, MIN (65536, size - done), out), ==, MIN (65536, size - done));
    }
  fclose (out);
  g_rand_free (rand);
  return path;
}

static const char notes[] =
  "Minnesanteckningar från styrgruppsmötet i Hallsberg 2022-06-23.\n"
  "Närvarande: projektledaren och kontaktpersonerna från Nora och Lekeberg.\n";

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "Minnesanteckningar 2022-06-23.txt", notes, strlen (notes));
  g_autofree char *expected_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                               (const guchar *) notes, strlen (notes));
  g_autofree char *title = NULL, *hash = NULL, *file_name = NULL, *kind = NULL, *municipality = NULL;
  g_autofree char *mime = NULL, *status = NULL;
  g_autoptr(GError) error = NULL;
  VerkanDocumentAdd options = { .kind = "minutes", .municipality = "1861", .date = "2022-06-23" };
  gint64 id;

  id = verkan_document_store_add (f->project, path, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  title = text_of (f, "document", id, "title");
  hash = text_of (f, "document", id, "hash");
  file_name = text_of (f, "document", id, "file_name");
  kind = text_of (f, "document", id, "kind");
  municipality = text_of (f, "document", id, "municipality");
  mime = text_of (f, "document", id, "mime_type");
  g_assert_cmpstr (title, ==, "Minnesanteckningar 2022-06-23");
  g_assert_cmpstr (hash, ==, expected_hash);
  g_assert_cmpstr (file_name, ==, "Minnesanteckningar 2022-06-23.txt");
  g_assert_cmpstr (kind, ==, "minutes");
  g_assert_cmpstr (municipality, ==, "1861");
  g_assert_cmpstr (mime, ==, "text/plain");
  g_assert_cmpint (int_of (f, "document", id, "size"), ==, strlen (notes));
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob WHERE complete = 1 AND n_parts = 1"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob_part"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob WHERE hash LIKE 'pending-%'"), ==, 0);
  status = verkan_document_store_dup_text_status (f->project, id);
  g_assert_nonnull (status);
  /* the title is searchable at once */
  g_assert_cmpint (count (f, "SELECT count(*) FROM document_fts WHERE document_fts MATCH 'minnesanteckningar'"),
                   ==, 1);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Add document");
}

static void
test_dedupe (Fixture *f, gconstpointer data)
{
  g_autofree char *first = write_file (f, "Enkätfrågor.txt", notes, strlen (notes));
  g_autofree char *second = write_file (f, "Kopia av enkätfrågor.txt", notes, strlen (notes));
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  a = verkan_document_store_add (f->project, first, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  b = verkan_document_store_add (f->project, second, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, !=, b);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob_part"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob_text"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT hash) FROM document"), ==, 1);
}

static void
test_extract (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_generated (f, "Analysunderlag Hallsberg.bin", 3 * 65536 + 123);
  g_autofree char *out = g_build_filename (f->dir, "utdrag.bin", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GChecksum) streamed = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  guchar buffer[1000];
  gssize n;
  GStatBuf st;
  gint64 id;

  id = verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_document_store_extract (f->project, id, out, NULL, &error));
  g_assert_no_error (error);
  before = file_checksum (path);
  after = file_checksum (out);
  g_assert_cmpstr (before, ==, after);

  /* the stream gives the same bytes, read in odd pieces */
  stream = verkan_document_store_open (f->project, id, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_checksum_update (streamed, buffer, n);
  g_assert_no_error (error);
  g_assert_cmpstr (g_checksum_get_string (streamed), ==, before);

  /* a read-only private copy for "open with" */
  copy = verkan_document_store_dup_temp_copy (f->project, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (copy, "Analysunderlag Hallsberg.bin"));
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);
  g_free (after);
  after = file_checksum (copy);
  g_assert_cmpstr (after, ==, before);

  /* no such document */
  g_assert_false (verkan_document_store_extract (f->project, id + 100, out, NULL, &error));
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND);
}

static void
test_remove_undo_redo (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "Beslut om deltagande.txt", notes, strlen (notes));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  id = verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_document_store_remove (f->project, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document_fts"), ==, 0);
  /* the bytes stay for undo */
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob"), ==, 1);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Remove document");

  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  title = text_of (f, "document", id, "title");
  g_assert_cmpstr (title, ==, "Beslut om deltagande");
  g_assert_cmpint (count (f, "SELECT count(*) FROM document_fts WHERE document_fts MATCH 'deltagande'"), ==, 1);

  g_assert_true (verkan_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);

  /* undoing the remove and the add leaves nothing */
  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);

  g_assert_false (verkan_document_store_remove (f->project, id, &error));
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND);
}

static gint64
insert_row (Fixture *f, const char *table, const char *key, gint64 value)
{
  g_autoptr(GError) error = NULL;
  GVariantDict row;
  gint64 id;

  g_variant_dict_init (&row, NULL);
  if (key != NULL)
    g_variant_dict_insert (&row, key, "x", value);
  id = verkan_project_insert (f->project, table, g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
  return id;
}

static void
test_appendix_and_evidence (Fixture *f, gconstpointer data)
{
  g_autofree char *survey = write_file (f, "Enkät.txt", "Frågor till medarbetarna\n", 25);
  g_autofree char *analysis = write_file (f, "Analys.txt", "Analysunderlag för Hallsberg\n", 30);
  g_autoptr(GError) error = NULL;
  VerkanDocumentAdd as_first = { .title = "Enkätfrågor", .appendix = 1 };
  VerkanDocumentAdd also_first = { .title = "Analysunderlag för Hallsberg", .date = "2022-06-23",
                                   .appendix = 1 };
  g_autofree char *appendix_title = NULL;
  gint64 a, b, model, element, appendix_a, appendix_b;

  a = verkan_document_store_add (f->project, survey, &as_first, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  b = verkan_document_store_add (f->project, analysis, &also_first, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  appendix_a = count (f, "SELECT id FROM appendix WHERE document_id = 1");
  appendix_b = count (f, "SELECT id FROM appendix WHERE document_id = 2");
  g_assert_cmpint (a, ==, 1);
  g_assert_cmpint (b, ==, 2);
  /* the newer one became Bilaga 1, the first one moved to Bilaga 2 */
  g_assert_cmpint (int_of (f, "appendix", appendix_b, "position"), ==, 0);
  g_assert_cmpint (int_of (f, "appendix", appendix_a, "position"), ==, 1);
  appendix_title = text_of (f, "appendix", appendix_b, "title");
  g_assert_cmpstr (appendix_title, ==, "Analysunderlag för Hallsberg");
  g_free (appendix_title);
  appendix_title = text_of (f, "appendix", appendix_b, "date");
  g_assert_cmpstr (appendix_title, ==, "2022-06-23");

  /* an evidence link from a card to the analysis */
  model = insert_row (f, "logic_model", NULL, 0);
  element = insert_row (f, "model_element", "model_id", model);
  {
    GVariantDict row;

    g_variant_dict_init (&row, NULL);
    g_variant_dict_insert (&row, "element_id", "x", element);
    g_variant_dict_insert (&row, "document_id", "x", b);
    g_variant_dict_insert (&row, "page", "x", (gint64) 3);
    verkan_project_insert (f->project, "evidence", g_variant_dict_end (&row), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM evidence"), ==, 1);

  g_assert_true (verkan_document_store_remove (f->project, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM evidence"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM appendix"), ==, 1);
  /* the survey closed up to Bilaga 1 */
  g_assert_cmpint (int_of (f, "appendix", appendix_a, "position"), ==, 0);

  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM evidence WHERE document_id = 2 AND page = 3"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (int_of (f, "appendix", appendix_b, "position"), ==, 0);
  g_assert_cmpint (int_of (f, "appendix", appendix_a, "position"), ==, 1);
}

static void
test_empty_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "Tom.txt", "", 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "Tom.txt"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob"), ==, 0);
  g_assert_false (verkan_project_get_can_undo (f->project));
}

static void
test_too_large_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "Stor.txt", notes, strlen (notes));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (verkan_document_store_add (f->project, path, NULL, 100, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "100 bytes"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);
}

static void
test_non_utf8_name (Fixture *f, gconstpointer data)
{
  /* "Protokoll år.txt" with å in Latin-1 */
  g_autofree char *path = write_file (f, "Protokoll \xe5r.txt", notes, strlen (notes));
  g_autofree char *file_name = NULL, *title = NULL, *out = NULL, *sum = NULL, *expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  file_name = text_of (f, "document", id, "file_name");
  title = text_of (f, "document", id, "title");
  g_assert_true (g_utf8_validate (file_name, -1, NULL));
  g_assert_true (g_str_has_prefix (file_name, "Protokoll "));
  g_assert_true (g_utf8_validate (title, -1, NULL));

  out = g_build_filename (f->dir, "tillbaka.txt", NULL);
  g_assert_true (verkan_document_store_extract (f->project, id, out, NULL, &error));
  sum = file_checksum (out);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) notes, strlen (notes));
  g_assert_cmpstr (sum, ==, expected);
}

static void
test_unreadable_pdf (Fixture *f, gconstpointer data)
{
  static const char broken[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> trasig\n";
  g_autofree char *path = write_file (f, "Enkät.pdf", broken, strlen (broken));
  g_autofree char *status = NULL, *mime = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  mime = text_of (f, "document", id, "mime_type");
  g_assert_cmpstr (mime, ==, "application/pdf");
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob WHERE complete = 1"), ==, 1);
  status = verkan_document_store_dup_text_status (f->project, id);
  if (verkan_text_extract_error_quark () == 0)
    {
      /* text extraction is still a stub in this tree */
      g_assert_cmpstr (status, ==, "no-text");
      g_test_skip ("verkan-text-extract.c is a stub");
      return;
    }
  g_assert_cmpstr (status, ==, "unreadable");
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_generated (f, "Stor rapport.bin", 1024 * 1024);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = verkan_project_get_db (f->project);
  g_autofree char *limit = NULL;
  gint64 pages = count (f, "PRAGMA page_count");

  /* the file may grow by a few pages only: the disk "fills" mid-add */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 16);
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "Stor rapport.bin"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob_part"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob_text"), ==, 0);
  g_assert_false (verkan_project_get_can_undo (f->project));
  g_clear_error (&error);

  /* with room again the same file goes in */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 4294967294", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

static void
test_streaming_memory (Fixture *f, gconstpointer data)
{
  const gsize size = 64 * 1024 * 1024 + 4321;   /* two parts */
  g_autofree char *path = write_generated (f, "Stor fil.bin", size);
  g_autofree char *hash = NULL, *expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before, after, id;

  expected = file_checksum (path);
  /* start the peak afresh at what is in use now (Linux: "5" resets VmHWM) */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  before = peak_rss_kib ();
  id = verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  after = peak_rss_kib ();
  g_test_message ("peak RSS grew by %" G_GINT64_FORMAT " KiB adding %" G_GSIZE_FORMAT " bytes",
                  after - before, size);
  g_assert_cmpint (before, >, 0);
  g_assert_cmpint (after - before, <, 50 * 1024);

  hash = text_of (f, "document", id, "hash");
  g_assert_cmpstr (hash, ==, expected);
  g_assert_cmpint (count (f, "SELECT n_parts FROM blob"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob_part"), ==, 2);
  g_assert_cmpint (count (f, "SELECT sum(length(data)) FROM blob_part"), ==, size);
}

typedef struct {
  GMainLoop *loop;
  GArray    *ids;
  GError    *error;
  guint      n_progress;
} AsyncRun;

static void
on_progress (guint64 done, guint64 total, const char *file_name, gpointer data)
{
  AsyncRun *run = data;

  g_assert_cmpuint (done, <=, total);
  run->n_progress++;
}

static void
on_added (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncRun *run = data;

  run->ids = verkan_document_store_add_finish (VERKAN_PROJECT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_add_async (Fixture *f, gconstpointer data)
{
  g_autofree char *a = write_file (f, "Styrdokument Nora.txt", "Styrdokument för Nora\n", 23);
  g_autofree char *b = write_file (f, "Beslut Lekeberg.txt", "Beslut i Lekeberg\n", 18);
  const char *paths[] = { a, b, NULL };
  AsyncRun run = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;

  verkan_document_store_add_async (f->project, paths, 0, NULL, on_progress, &run, on_added, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.ids);
  g_assert_cmpuint (run.ids->len, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM blob WHERE complete = 1"), ==, 2);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Add 2 documents");
  g_assert_cmpuint (run.n_progress, >, 0);

  /* one undo step for both */
  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);
  g_array_unref (run.ids);

  /* a bad file among them: nothing of that add is kept as documents */
  {
    g_autofree char *empty = write_file (f, "Tom.txt", "", 0);
    const char *with_empty[] = { a, empty, NULL };

    run.ids = NULL;
    verkan_document_store_add_async (f->project, with_empty, 0, NULL, NULL, NULL, on_added, &run);
    g_main_loop_run (run.loop);
    g_assert_null (run.ids);
    g_assert_error (run.error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_EMPTY);
    g_clear_error (&run.error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM document"), ==, 0);
  }
  g_main_loop_unref (run.loop);
}

static void
test_format_size (void)
{
  struct { guint64 bytes; const char *text; } cases[] = {
    { 1, "1 byte" }, { 512, "512 bytes" }, { 34500, "34,5 kB" }, { 1234567, "1,2 MB" },
    { 1073741824, "1,1 GB" }, { 250000000, "250 MB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = verkan_document_format_size (cases[i].bytes);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_cmpstr (verkan_document_kind_parse ("analysunderlag"), ==, "analysis");
  g_assert_cmpstr (verkan_document_kind_parse ("Minutes"), ==, "minutes");
  g_assert_cmpstr (verkan_document_kind_parse ("ENKÄT"), ==, "survey");
  g_assert_null (verkan_document_kind_parse ("roman"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/documents/add", test_add);
  ADD ("/documents/dedupe", test_dedupe);
  ADD ("/documents/extract", test_extract);
  ADD ("/documents/remove-undo-redo", test_remove_undo_redo);
  ADD ("/documents/appendix-and-evidence", test_appendix_and_evidence);
  ADD ("/documents/empty-refused", test_empty_refused);
  ADD ("/documents/too-large-refused", test_too_large_refused);
  ADD ("/documents/non-utf8-name", test_non_utf8_name);
  ADD ("/documents/unreadable-pdf", test_unreadable_pdf);
  ADD ("/documents/disk-full", test_disk_full);
  ADD ("/documents/streaming-memory", test_streaming_memory);
  ADD ("/documents/add-async", test_add_async);
#undef ADD
  g_test_add_func ("/documents/format-size", test_format_size);
  return g_test_run ();
}
