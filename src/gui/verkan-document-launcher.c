/* verkan-document-launcher.c: opening and saving out a stored document
 *
 * Opening writes a private read-only copy (the core's
 * verkan_document_store_dup_temp_copy) and hands its URI to the system:
 * GtkFileLauncher on GTK 4.10 and later, GIO's default handler on 4.8,
 * which inside a sandbox goes through the OpenURI portal.  "Save As…"
 * asks for a place with the file chooser (the portal's in a sandbox) and
 * copies the bytes there in a worker thread, part by part on a read-only
 * connection of its own, so a large document neither blocks the window
 * nor sits whole in memory.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "verkan-document-launcher.h"
#include "verkan-document-store.h"
#include "verkan-window.h"

/* The bytes copied per read */
#define CHUNK_SIZE (64 * 1024)

static void
show_error (GtkWidget    *parent,
            const char   *heading,
            const GError *error)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (VERKAN_IS_WINDOW (root))
    verkan_window_show_error_dialog (VERKAN_WINDOW (root), heading, error->message);
  else
    g_warning ("%s: %s", heading, error->message);
}

static char *
document_name (VerkanProject *project,
               gint64         document_id,
               const char    *column)
{
  g_autoptr(GVariant) row = verkan_project_get_row (project, "document", document_id, NULL);
  const char *value = NULL;

  if (row == NULL || !g_variant_lookup (row, column, "&s", &value))
    return NULL;
  return g_strdup (value);
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    show_error (parent, _("Could not open the document"), error);
}
#else
static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_error (parent, _("Could not open the document"), error);
}
#endif

void
verkan_document_launch (GtkWidget     *parent,
                        VerkanProject *project,
                        gint64         document_id,
                        guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkRoot *root;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (VERKAN_IS_PROJECT (project));

  path = verkan_document_store_dup_temp_copy (project, document_id, &error);
  if (path == NULL)
    {
      show_error (parent, _("Could not open the document"), error);
      return;
    }

  /* No handler is told of a page in a way all of them understand: the
   * document opens at its start, and the caller names the page */
  (void) page;

  file = g_file_new_for_path (path);
  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                              on_launched, parent != NULL ? g_object_ref (parent) : NULL);
  }
#else
  {
    g_autoptr(GAppLaunchContext) context = NULL;
    g_autofree char *uri = g_file_get_uri (file);

    if (root != NULL)
      context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (root))));
    g_app_info_launch_default_for_uri_async (uri, context, NULL, on_launched,
                                             parent != NULL ? g_object_ref (parent) : NULL);
  }
#endif
}

/* ------------------------------------------------------------------ */
/* Saving out                                                          */

typedef struct {
  char      *project_path;
  char      *hash;
  GFile     *file;
  GtkWidget *parent;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->project_path);
  g_free (job->hash);
  g_clear_object (&job->file);
  g_clear_object (&job->parent);
  g_free (job);
}

static gboolean
copy_parts (sqlite3        *db,
            const char     *hash,
            GOutputStream  *out,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  guint n_parts = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM blob_part WHERE hash = ?1 ORDER BY part",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_blob *blob = NULL;
      int length, offset = 0;

      n_parts++;
      if (sqlite3_blob_open (db, "main", "blob_part", "data", sqlite3_column_int64 (stmt, 0),
                             0, &blob) != SQLITE_OK)
        {
          g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ, "%s", sqlite3_errmsg (db));
          ok = FALSE;
          break;
        }
      length = sqlite3_blob_bytes (blob);
      while (ok && offset < length)
        {
          int n = MIN (CHUNK_SIZE, length - offset);

          if (sqlite3_blob_read (blob, buffer, n, offset) != SQLITE_OK)
            {
              g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ, "%s", sqlite3_errmsg (db));
              ok = FALSE;
            }
          else
            ok = g_output_stream_write_all (out, buffer, n, NULL, cancellable, error);
          offset += n;
        }
      sqlite3_blob_close (blob);
    }
  if (ok && n_parts == 0)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                   _("The document’s contents are missing from the project file."));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static void
save_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  GError *error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (job->project_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                               "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return;
    }
  sqlite3_busy_timeout (db, 5000);

  /* g_file_replace writes beside and renames at close: a failed copy
   * leaves what was there */
  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  ok = out != NULL
       && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
       && copy_parts (db, job->hash, G_OUTPUT_STREAM (out), cancellable, &error);
  if (out != NULL)
    {
      if (!ok)
        {
          /* a cancelled close throws the temporary away */
          g_autoptr(GCancellable) abandon = g_cancellable_new ();

          g_cancellable_cancel (abandon);
          g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
        }
      else
        ok = g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);
    }
  sqlite3_close (db);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_WRITE,
                             _("The file could not be written."));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("Could not save “%s”"), name);
      show_error (job->parent, text, error);
      return;
    }

  /* a toast's title is markup */
  escaped = g_markup_escape_text (name, -1);
  /* Translators: a toast after a document was saved out; %s is the file name */
  text = g_strdup_printf (_("Saved “%s”"), escaped);
  if (job->parent != NULL)
    verkan_window_show_toast_for (job->parent, adw_toast_new (text));
}

static void
save_to (SaveJob *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_saved, NULL);

  g_task_set_source_tag (task, save_to);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_save_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveJob *job = user_data;
  g_autoptr(GError) error = NULL;

  job->file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (job->file == NULL)
    {
      if (error != NULL
          && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
          && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        show_error (job->parent, _("Could not save the document"), error);
      save_job_free (job);
      return;
    }
  save_to (job);
}
#else
static void
on_save_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  SaveJob *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (job->file == NULL)
    {
      save_job_free (job);
      return;
    }
  save_to (job);
}
#endif

static void
save_as (GtkWidget     *parent,
         VerkanProject *project,
         gint64         document_id,
         GFile         *file)
{
  g_autofree char *file_name = NULL;
  GtkRoot *root;
  GtkWindow *window;
  SaveJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (VERKAN_IS_PROJECT (project));

  job = g_new0 (SaveJob, 1);
  job->project_path = g_strdup (verkan_project_get_path (project));
  job->hash = document_name (project, document_id, "hash");
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  if (job->hash == NULL)
    {
      g_autoptr(GError) error = g_error_new (VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                                             _("The document is no longer in the project."));

      show_error (parent, _("Could not save the document"), error);
      save_job_free (job);
      return;
    }

  /* Without asking: tests and callers that know the place */
  if (file != NULL)
    {
      job->file = g_object_ref (file);
      save_to (job);
      return;
    }

  file_name = document_name (project, document_id, "file_name");
  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Save Document As"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    if (file_name != NULL && *file_name != '\0')
      gtk_file_dialog_set_initial_name (dialog, file_name);
    gtk_file_dialog_save (dialog, window, NULL, on_save_chosen, job);
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Save Document As"), window,
                                          GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    if (file_name != NULL && *file_name != '\0')
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
    g_signal_connect (native, "response", G_CALLBACK (on_save_response), job);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

void
verkan_document_save_as (GtkWidget     *parent,
                         VerkanProject *project,
                         gint64         document_id)
{
  save_as (parent, project, document_id, NULL);
}

void
verkan_document_save_to (GtkWidget     *parent,
                         VerkanProject *project,
                         gint64         document_id,
                         GFile         *file)
{
  g_return_if_fail (G_IS_FILE (file));

  save_as (parent, project, document_id, file);
}
