/* verkan-report-export.c: exporting the report, for the CLI and the GUI.
 *
 * The document is built on the caller's thread, which owns the project;
 * what the writers get is plain data, so they run in a GTask thread.
 * Progress from the worker is handed back, as idle sources, to the main
 * context that was current when the export started.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verkan-report-document.h"
#include "verkan-report-edit.h"
#include "verkan-report-export.h"
#include "verkan-report-odt.h"

gboolean
verkan_report_format_parse (const char         *text,
                            VerkanReportFormat *format)
{
  VerkanReportFormat parsed;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "pdf") == 0)
    parsed = VERKAN_REPORT_FORMAT_PDF;
  else if (g_ascii_strcasecmp (text, "odt") == 0)
    parsed = VERKAN_REPORT_FORMAT_ODT;
  else
    return FALSE;
  if (format != NULL)
    *format = parsed;
  return TRUE;
}

static VerkanReportDocument *
build_document (VerkanProject           *project,
                VerkanReportExportFlags  flags,
                GError                 **error)
{
  VerkanReportBuildFlags build = (flags & VERKAN_REPORT_EXPORT_NO_APPENDICES)
    ? VERKAN_REPORT_BUILD_NONE : VERKAN_REPORT_BUILD_APPENDIX_FILES;
  g_autoptr(GError) local_error = NULL;
  VerkanReportDocument *doc = verkan_report_document_build (project, build, &local_error);

  if (doc == NULL)
    {
      if (local_error != NULL && local_error->domain == VERKAN_REPORT_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                     _("The report could not be put together: %s"),
                     local_error ? local_error->message : _("unknown error"));
    }
  return doc;
}

/* The writers' errors, in the report's domain */
static gboolean
write_document (const VerkanReportDocument *doc,
                VerkanReportFormat          format,
                const char                 *path,
                VerkanReportExportFlags     flags,
                GCancellable               *cancellable,
                VerkanReportProgress        progress,
                gpointer                    progress_data,
                GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (format == VERKAN_REPORT_FORMAT_ODT)
    ok = verkan_report_write_odt (doc, path, flags, cancellable, progress, progress_data, &local_error);
  else
    ok = verkan_report_write_pdf (doc, path, flags, cancellable, progress, progress_data, &local_error);
  if (ok)
    return TRUE;

  if (g_cancellable_is_cancelled (cancellable) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_CANCELLED,
                         _("The export was cancelled"));
  else if (local_error != NULL && local_error->domain == VERKAN_REPORT_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                 _("The report could not be written to “%s”: %s"), path,
                 local_error ? local_error->message : _("unknown error"));
  return FALSE;
}

/* --- asynchronous ------------------------------------------------------------ */

typedef struct {
  VerkanReportDocument    *doc;
  VerkanReportFormat       format;
  char                    *path;
  VerkanReportExportFlags  flags;
  VerkanReportProgress     progress;
  gpointer                 progress_data;
  GMainContext            *context;
} Export;

static void
export_free (Export *export)
{
  g_clear_pointer (&export->doc, verkan_report_document_free);
  g_free (export->path);
  g_main_context_unref (export->context);
  g_free (export);
}

typedef struct {
  Export *export;
  double  fraction;
  char   *stage;
  GTask  *task;       /* keeps @export alive until the report has been shown */
} Progress;

static gboolean
progress_in_caller (gpointer data)
{
  Progress *report = data;

  report->export->progress (report->fraction, report->stage, report->export->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *report = data;

  g_free (report->stage);
  g_object_unref (report->task);
  g_free (report);
}

/* Called in the worker: hands the figures over to the caller's context */
static void
progress_from_worker (double      fraction,
                      const char *stage,
                      gpointer    user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  Progress *report = g_new0 (Progress, 1);
  GSource *source;

  report->export = export;
  report->fraction = fraction;
  report->stage = g_strdup (stage);
  report->task = g_object_ref (task);
  /* a source, not g_main_context_invoke (): that one calls right here
   * when the caller's context happens to be free at this moment */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_in_caller, report, progress_free);
  g_source_set_static_name (source, "[verkan] export progress");
  g_source_attach (source, export->context);
  g_source_unref (source);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;

  if (write_document (export->doc, export->format, export->path, export->flags, cancellable,
                      export->progress ? progress_from_worker : NULL, task, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
verkan_report_export_async (VerkanProject           *project,
                            VerkanReportFormat       format,
                            const char              *path,
                            VerkanReportExportFlags  flags,
                            GCancellable            *cancellable,
                            VerkanReportProgress     progress,
                            gpointer                 progress_data,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Export *export;

  g_return_if_fail (VERKAN_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, verkan_report_export_async);
  /* the writer says "cancelled" in the report's domain itself */
  g_task_set_check_cancellable (task, FALSE);

  export = g_new0 (Export, 1);
  export->format = format;
  export->path = g_strdup (path);
  export->flags = flags;
  export->progress = progress;
  export->progress_data = progress_data;
  export->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);

  export->doc = build_document (project, flags, &error);
  if (export->doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
verkan_report_export_finish (VerkanProject  *project,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == verkan_report_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
verkan_report_export (VerkanProject           *project,
                      VerkanReportFormat       format,
                      const char              *path,
                      VerkanReportExportFlags  flags,
                      GCancellable            *cancellable,
                      VerkanReportProgress     progress,
                      gpointer                 progress_data,
                      GError                 **error)
{
  g_autoptr(VerkanReportDocument) doc = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  doc = build_document (project, flags, error);
  if (doc == NULL)
    return FALSE;
  return write_document (doc, format, path, flags, cancellable, progress, progress_data, error);
}
