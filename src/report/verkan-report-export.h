/* verkan-report-export.h: exporting the report, for the CLI and the GUI.
 *
 * Builds the document from the project (on the caller's thread, which
 * owns the project), then writes the PDF or ODT in a GTask thread with
 * progress brought back to the caller's main context and a cancellable.
 * The file appears only when complete.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "verkan-project.h"
#include "verkan-report-pdf.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_REPORT_FORMAT_PDF,
  VERKAN_REPORT_FORMAT_ODT,
} VerkanReportFormat;

/* "pdf" / "odt" (any case); FALSE for anything else */
gboolean verkan_report_format_parse   (const char         *text,
                                       VerkanReportFormat *format);

void     verkan_report_export_async   (VerkanProject           *project,
                                       VerkanReportFormat       format,
                                       const char              *path,
                                       VerkanReportExportFlags  flags,
                                       GCancellable            *cancellable,
                                       VerkanReportProgress     progress,
                                       gpointer                 progress_data,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
gboolean verkan_report_export_finish  (VerkanProject           *project,
                                       GAsyncResult            *result,
                                       GError                 **error);
/* The same, blocking, progress called directly (the CLI) */
gboolean verkan_report_export         (VerkanProject           *project,
                                       VerkanReportFormat       format,
                                       const char              *path,
                                       VerkanReportExportFlags  flags,
                                       GCancellable            *cancellable,
                                       VerkanReportProgress     progress,
                                       gpointer                 progress_data,
                                       GError                 **error);

G_END_DECLS
