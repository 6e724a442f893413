/* bench-documents-page.c: how fast the Dokument page opens with 1,000
 * documents, and how many thumbnails it has asked for by then.
 *
 * Builds a project with 1,000 documents written straight with SQL (600
 * small PDFs, each its own bytes, and 400 text files), shows a window,
 * and times from verkan_documents_page_new () to the first frame painted
 * with the list filled in (the frame clock's after-paint).  Prints the
 * median and the worst of several runs (target: under 300 ms) and the
 * thumbnails started at that moment: only the rows in view should ask.
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-documents-page
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-stats.h"

#include "verkan-documents-page.h"

#define N_DOCUMENTS 1000
#define N_PDF 600
#define N_RUNS 7
#define WIDTH 1600
#define HEIGHT 1000

static const char *const kinds[] = { "policy", "decision", "analysis", "minutes", "survey", "report", "other" };
static const char *const municipalities[][2] = {
  { "1861", "Hallsberg" }, { "1863", "Hällefors" }, { "1882", "Askersund" }, { "1884", "Nora" }, { "1885", "Lindesberg" },
};
static const char *const words[] = {
  "Styrdokument", "Beslut om", "Analysunderlag för", "Minnesanteckningar", "Enkät till", "Rapport om",
};

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF with a coloured block, made once; each document gets
 * it with a comment of its own at the end, so every one is other bytes */
static GByteArray *
make_pdf (void)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_rectangle (cr, 60, 60, 475, 200);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return bytes;
}

static void
fill (const char *path)
{
  g_autoptr(GByteArray) pdf = make_pdf ();
  sqlite3 *db = NULL;
  sqlite3_stmt *blob = NULL, *part = NULL, *text = NULL, *document = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  exec (db, "BEGIN");
  for (guint i = 0; i < G_N_ELEMENTS (municipalities); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO municipality (uuid, position, code, name) "
                                              "VALUES ('bench-m-%u', %u, '%s', '%s')",
                                              i, i, municipalities[i][0], municipalities[i][1]);
      exec (db, sql);
    }

  if (sqlite3_prepare_v2 (db, "INSERT INTO blob (hash, size, n_parts, complete) VALUES (?1, ?2, 1, 1)", -1, &blob, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO blob_part (hash, part, data) VALUES (?1, 0, ?2)", -1, &part, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO blob_text (hash, text, n_pages, status) VALUES (?1, ?2, ?3, 'ok')", -1, &text, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "INSERT INTO document (id, uuid, position, hash, file_name, mime_type, size, title, kind, "
                                 "municipality, date) VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             -1, &document, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      gboolean is_pdf = i % 5 < 3;
      g_autofree char *hash = g_strdup_printf ("%064x", i + 1);
      g_autofree char *uuid = g_strdup_printf ("bench-d-%u", i);
      g_autofree char *title = g_strdup_printf ("%s %s %u", words[i % G_N_ELEMENTS (words)],
                                                municipalities[i % G_N_ELEMENTS (municipalities)][1], i);
      g_autofree char *name = g_strdup_printf ("dokument-%04u.%s", i, is_pdf ? "pdf" : "txt");
      g_autofree char *date = g_strdup_printf ("2022-%02u-%02u", i % 12 + 1, i % 28 + 1);
      g_autofree char *body = g_strdup_printf ("Text i dokument %u om försörjningsstöd och arbete i %s.", i,
                                               municipalities[i % G_N_ELEMENTS (municipalities)][1]);
      g_autoptr(GByteArray) bytes = g_byte_array_new ();

      if (is_pdf)
        {
          g_autofree char *tail = g_strdup_printf ("%% %u\n", i);

          g_byte_array_append (bytes, pdf->data, pdf->len);
          g_byte_array_append (bytes, (const guint8 *) tail, strlen (tail));
        }
      else
        g_byte_array_append (bytes, (const guint8 *) body, strlen (body));

      sqlite3_bind_text (blob, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (blob, 2, bytes->len);
      sqlite3_bind_text (part, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_blob (part, 2, bytes->data, bytes->len, SQLITE_STATIC);
      sqlite3_bind_text (text, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (text, 2, body, -1, SQLITE_STATIC);
      sqlite3_bind_int (text, 3, is_pdf ? 1 : 0);
      sqlite3_bind_int64 (document, 1, i + 1);
      sqlite3_bind_text (document, 2, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 3, hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 4, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 5, is_pdf ? "application/pdf" : "text/plain", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (document, 6, bytes->len);
      sqlite3_bind_text (document, 7, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 8, kinds[i % G_N_ELEMENTS (kinds)], -1, SQLITE_STATIC);
      if (i % 4 == 3)
        sqlite3_bind_null (document, 9);
      else
        sqlite3_bind_text (document, 9, municipalities[i % G_N_ELEMENTS (municipalities)][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 10, date, -1, SQLITE_STATIC);

      if (sqlite3_step (blob) != SQLITE_DONE || sqlite3_step (part) != SQLITE_DONE
          || sqlite3_step (text) != SQLITE_DONE || sqlite3_step (document) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (blob);
      sqlite3_reset (part);
      sqlite3_reset (text);
      sqlite3_reset (document);
    }
  sqlite3_finalize (blob);
  sqlite3_finalize (part);
  sqlite3_finalize (text);
  sqlite3_finalize (document);
  exec (db, "COMMIT");
  sqlite3_close (db);
}

typedef struct {
  GtkWidget *page;
  gint64     start;
  double     ms;
  double     created;  /* verkan_documents_page_new () alone */
  guint      thumbnails;
  gboolean   done;
} Run;

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  g_autoptr(GArray) ids = NULL;

  if (run->done || run->page == NULL || !gtk_widget_get_mapped (run->page))
    return;
  ids = verkan_documents_page_dup_shown_ids (VERKAN_DOCUMENTS_PAGE (run->page));
  if (ids->len == 0)
    return;

  run->ms = (g_get_monotonic_time () - run->start) / 1000.0;
  run->thumbnails = verkan_documents_page_get_n_thumbnails_started (VERKAN_DOCUMENTS_PAGE (run->page));
  run->done = TRUE;
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumbnails = g_array_new (FALSE, FALSE, sizeof (guint));
  double worst = 0;
  GtkWidget *window;
  GdkFrameClock *clock;
  Run run = { NULL, };

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run -a -s \"-screen 0 1600x1000x24\"\n");
      return 1;
    }
  adw_init ();

  dir = g_dir_make_tmp ("verkan-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "documents.verkan", NULL);
  project = verkan_project_create (path, "Bänk", &error);
  if (project == NULL)
    g_error ("%s", error->message);
  verkan_project_close (project);
  g_clear_object (&project);
  fill (path);
  project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  if (project == NULL)
    g_error ("%s", error->message);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("…"));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &run);

  for (guint i = 0; i < N_RUNS; i++)
    {
      run.done = FALSE;
      run.start = g_get_monotonic_time ();
      run.page = verkan_documents_page_new (project);
      run.created = (g_get_monotonic_time () - run.start) / 1000.0;
      gtk_window_set_child (GTK_WINDOW (window), run.page);
      while (!run.done)
        g_main_context_iteration (NULL, TRUE);

      g_array_append_val (times, run.ms);
      g_array_append_val (thumbnails, run.thumbnails);
      worst = MAX (worst, run.ms);
      g_print ("run %u: %.1f ms to the first frame with the list (%.1f ms building the page), "
               "%u thumbnails started\n", i + 1, run.ms, run.created, run.thumbnails);

      /* the pictures in view come in; then the next run starts afresh */
      iterate_for (500);
      g_print ("       %u thumbnails started half a second later (the rows GTK has bound)\n",
               verkan_documents_page_get_n_thumbnails_started (VERKAN_DOCUMENTS_PAGE (run.page)));
      run.page = NULL;
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("…"));
      iterate_for (100);
    }

  g_print ("Opening the Dokument page with %u documents: median %.1f ms, worst %.1f ms (target < 300 ms); "
           "thumbnails started by the first frame: %u (of %u PDFs)\n",
           N_DOCUMENTS, bench_median (times), worst, g_array_index (thumbnails, guint, 0), N_PDF);

  gtk_window_destroy (GTK_WINDOW (window));
  verkan_project_close (project);
  g_clear_object (&project);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
