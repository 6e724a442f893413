/* verkan-report-outline-item.h: one section in the Rapport page's outline.
 *
 * The outline is a GtkTreeListModel whose rows are these items; each
 * holds its section's number and title (notified when they change, so a
 * bound row follows a rename) and its subsections as a list of items.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_REPORT_OUTLINE_ITEM (verkan_report_outline_item_get_type ())
G_DECLARE_FINAL_TYPE (VerkanReportOutlineItem, verkan_report_outline_item, VERKAN, REPORT_OUTLINE_ITEM, GObject)

VerkanReportOutlineItem *verkan_report_outline_item_new          (gint64                   id);
gint64                   verkan_report_outline_item_get_id       (VerkanReportOutlineItem *self);
const char              *verkan_report_outline_item_get_number   (VerkanReportOutlineItem *self);
const char              *verkan_report_outline_item_get_title    (VerkanReportOutlineItem *self);
/* Notifies only what changed */
void                     verkan_report_outline_item_set_section  (VerkanReportOutlineItem *self,
                                                                  const char              *number,
                                                                  const char              *title);
/* The subsections, a GListStore of VerkanReportOutlineItem */
GListStore              *verkan_report_outline_item_get_children (VerkanReportOutlineItem *self);

G_END_DECLS
