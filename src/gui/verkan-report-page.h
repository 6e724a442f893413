/* verkan-report-page.h: the Rapport page.
 *
 * On the left the report's outline as a tree (GtkListView over a
 * GtkTreeListModel): add, remove (undoable, with a toast), rename and
 * reorder by drag at any depth, also from the keyboard.  In the middle
 * the chosen section's text in VerkanReportEditor.  On the right a live
 * preview of the PDF pages (VerkanReportPreview).  Export to PDF and ODT
 * runs in the background with progress and Avbryt; the Referenser list is
 * edited from here too.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"
#include "verkan-report-export.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_REPORT_PAGE (verkan_report_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkanReportPage, verkan_report_page, VERKAN, REPORT_PAGE, AdwBin)

GtkWidget     *verkan_report_page_new              (VerkanProject    *project);
VerkanProject *verkan_report_page_get_project      (VerkanReportPage *self);
/* The section shown in the editor, 0 for none */
gint64         verkan_report_page_get_section_id   (VerkanReportPage *self);
void           verkan_report_page_show_section     (VerkanReportPage *self,
                                                    gint64            section_id);
/* The section ids as the outline shows them (expanded rows), for tests */
GArray        *verkan_report_page_dup_outline_ids  (VerkanReportPage *self);
/* Exports in the background; the page shows progress and a toast */
void           verkan_report_page_export           (VerkanReportPage  *self,
                                                    VerkanReportFormat format,
                                                    GFile             *file);

G_END_DECLS
