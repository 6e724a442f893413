/* verkan-report-pdf.h: the report as a PDF, drawn with cairo and pango.
 *
 * The pages of VerkanReportLayout, then the appendices: each begins with a
 * separator page "Bilaga N: title, date"; a PDF's pages follow drawn as
 * vectors by poppler, an image is placed on a page, a frozen logic model
 * is drawn, other kinds are listed as delivered separately, and a file
 * poppler cannot read becomes a page saying so.  Bookmarks for every
 * heading and appendix, clickable contents, metadata, embedded fonts.
 * Written to a temporary file beside @path and renamed into place when
 * complete.  Blocking: call it from a worker thread (verkan-report-export.h).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "verkan-report-document.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_REPORT_EXPORT_NONE           = 0,
  VERKAN_REPORT_EXPORT_NO_APPENDICES  = 1 << 0,
} VerkanReportExportFlags;

/* @fraction 0…1 and what is being done, in the caller's thread */
typedef void (*VerkanReportProgress) (double      fraction,
                                      const char *stage,
                                      gpointer    user_data);

gboolean verkan_report_write_pdf (const VerkanReportDocument *doc,
                                  const char                 *path,
                                  VerkanReportExportFlags     flags,
                                  GCancellable               *cancellable,
                                  VerkanReportProgress        progress,
                                  gpointer                    progress_data,
                                  GError                    **error);

G_END_DECLS
