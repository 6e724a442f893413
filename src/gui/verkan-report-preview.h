/* verkan-report-preview.h: the report's PDF pages, live.
 *
 * Builds the report document when the project changes (debounced, on the
 * main thread: it reads the project), lays it out and renders the pages
 * in a worker thread (VerkanReportLayout, the same code as the PDF), and
 * shows them scaled down in a scrolled column, scrolled to the section
 * being edited.  A newer change cancels the render in flight, so typing
 * never waits for it.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_REPORT_PREVIEW (verkan_report_preview_get_type ())
G_DECLARE_FINAL_TYPE (VerkanReportPreview, verkan_report_preview, VERKAN, REPORT_PREVIEW, AdwBin)

GtkWidget *verkan_report_preview_new          (VerkanProject       *project);
/* Scrolls to the first page of @section_id once rendered */
void       verkan_report_preview_show_section (VerkanReportPreview *self,
                                               gint64               section_id);
/* Starts an update now instead of after the pause */
void       verkan_report_preview_update       (VerkanReportPreview *self);
/* Pages rendered in the last completed update, and how many times the
 * preview has completed one (tests wait on this) */
guint      verkan_report_preview_get_n_pages      (VerkanReportPreview *self);
guint      verkan_report_preview_get_n_updates    (VerkanReportPreview *self);

G_END_DECLS
