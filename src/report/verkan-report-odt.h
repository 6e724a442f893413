/* verkan-report-odt.h: the report as an OpenDocument text (.odt).
 *
 * Written with libgsf and libxml2: the "mimetype" member first and stored,
 * a manifest listing every member, real heading styles (LibreOffice's
 * navigator and contents work), a table-of-contents field filled in,
 * real tables with repeated header rows, footnotes, captions with
 * sequence fields, charts and logic models as SVG with a PNG fallback,
 * the cover, page styles with page numbers, metadata.  Appendices are
 * listed; image appendices are included as pictures and PDF appendices as
 * attached files (or their pages as pictures), or listed when they cannot
 * be included.  Written to a temporary file renamed into place.
 * Blocking: call it from a worker thread.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "verkan-report-document.h"
#include "verkan-report-pdf.h"

G_BEGIN_DECLS

gboolean verkan_report_write_odt (const VerkanReportDocument *doc,
                                  const char                 *path,
                                  VerkanReportExportFlags     flags,
                                  GCancellable               *cancellable,
                                  VerkanReportProgress        progress,
                                  gpointer                    progress_data,
                                  GError                    **error);

G_END_DECLS
