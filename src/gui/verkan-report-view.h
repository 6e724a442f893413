/* verkan-report-view.h: the text view of the report editor.
 *
 * A GtkTextView over a VerkanReportBuffer that keeps its text in a
 * readable column centred in its width, and draws the bullets and the
 * numbers of list items in the margin, so that they are never part of
 * the text.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "verkan-report-buffer.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_REPORT_VIEW (verkan_report_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkanReportView, verkan_report_view, VERKAN, REPORT_VIEW, GtkTextView)

GtkWidget *verkan_report_view_new            (VerkanReportBuffer *buffer);
/* The width of the text column, in pixels */
int        verkan_report_view_get_text_width (VerkanReportView   *self);

G_END_DECLS
