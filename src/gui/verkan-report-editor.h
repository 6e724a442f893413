/* verkan-report-editor.h: a word-processor-like editor for one section.
 *
 * A GtkTextView over VerkanReportBuffer: bold, italic, bullet and
 * numbered lists, links and footnotes, with no markup on screen; a
 * toolbar with the same actions and their shortcuts (Ctrl+B, Ctrl+I,
 * Ctrl+K for a link, Ctrl+Shift+F for a footnote, Ctrl+Shift+8 / 7 for
 * lists).  Generated blocks (charts, logic models, the tables made from
 * the project, the appendix list, the references) are inserted from a
 * menu, shown as cards in the text that can be moved and removed like a
 * paragraph; a cross-reference to a figure is inserted the same way.
 * The text is saved while typing (after a short pause, and when focus
 * leaves) through verkan_report_set_body (), so Ctrl+Z undoes it like
 * every edit; an undo from outside reloads the text.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_REPORT_EDITOR (verkan_report_editor_get_type ())
G_DECLARE_FINAL_TYPE (VerkanReportEditor, verkan_report_editor, VERKAN, REPORT_EDITOR, AdwBin)

GtkWidget *verkan_report_editor_new          (VerkanProject      *project);
/* 0 shows nothing (a hint to choose a section) */
void       verkan_report_editor_set_section  (VerkanReportEditor *self,
                                              gint64              section_id);
gint64     verkan_report_editor_get_section  (VerkanReportEditor *self);
/* Saves pending typing now */
void       verkan_report_editor_flush        (VerkanReportEditor *self);
/* For tests: the text view, and inserting a block at the cursor */
GtkTextView *verkan_report_editor_get_view   (VerkanReportEditor *self);
void       verkan_report_editor_insert_block (VerkanReportEditor *self,
                                              const char         *block_kind,
                                              const char         *block_ref);

G_END_DECLS
