/* verkan-report-buffer.h: a GtkTextBuffer that holds a section's body.
 *
 * Each paragraph is one line; list items carry a paragraph tag (bullet,
 * numbered) whose mark is drawn by the view, not typed.  Bold, italic and
 * links are tags; a footnote and a cross-reference are child anchors
 * showing a small mark; a generated block is a child anchor on a line of
 * its own.  Loading a VerkanReportBody and reading one back give the same
 * body (load (dup (b)) == b), which the tests check.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "verkan-report-body.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_REPORT_BUFFER (verkan_report_buffer_get_type ())
G_DECLARE_FINAL_TYPE (VerkanReportBuffer, verkan_report_buffer, VERKAN, REPORT_BUFFER, GtkTextBuffer)

VerkanReportBuffer *verkan_report_buffer_new        (void);
void                verkan_report_buffer_load       (VerkanReportBuffer     *self,
                                                     const VerkanReportBody *body);
VerkanReportBody   *verkan_report_buffer_dup_body   (VerkanReportBuffer     *self);
/* Formatting on the selection (or the typing style at the cursor) */
void                verkan_report_buffer_toggle_flag (VerkanReportBuffer    *self,
                                                      VerkanReportSpanFlags  flag);
/* The paragraphs touched by the selection become @kind (PARAGRAPH, BULLET
 * or NUMBERED); a second call with the same kind turns them back */
void                verkan_report_buffer_set_paragraph_kind (VerkanReportBuffer  *self,
                                                             VerkanReportItemKind kind);
void                verkan_report_buffer_set_link   (VerkanReportBuffer     *self,
                                                     const char             *href);
void                verkan_report_buffer_insert_note (VerkanReportBuffer    *self,
                                                      const char            *text);
void                verkan_report_buffer_insert_ref  (VerkanReportBuffer    *self,
                                                      const char            *block_id);
/* On a line of its own after the cursor's paragraph; returns its id */
char               *verkan_report_buffer_insert_block (VerkanReportBuffer   *self,
                                                       const char           *block_kind,
                                                       const char           *block_ref);

/* Added for the editor and its view (not part of the original contract) */

/* The kind of @line: PARAGRAPH, BULLET, NUMBERED, or BLOCK for the line
 * that holds a generated block */
VerkanReportItemKind verkan_report_buffer_get_line_kind   (VerkanReportBuffer *self,
                                                           int                 line);
/* A numbered item's number: its place in its run of numbered lines */
guint               verkan_report_buffer_get_line_number  (VerkanReportBuffer *self,
                                                           int                 line);
/* The style new typing gets at the cursor, or that the whole selection has */
VerkanReportSpanFlags verkan_report_buffer_get_flags      (VerkanReportBuffer *self);
/* The link at the cursor or the selection's start, or NULL */
char               *verkan_report_buffer_dup_link         (VerkanReportBuffer *self);
/* What a child anchor of the buffer stands for: a NOTE or REF span, or a
 * BLOCK item; NULL for anything else */
const VerkanReportSpan *verkan_report_buffer_get_anchor_span  (GtkTextChildAnchor *anchor);
const VerkanReportItem *verkan_report_buffer_get_anchor_block (GtkTextChildAnchor *anchor);
GtkTextChildAnchor *verkan_report_buffer_find_block       (VerkanReportBuffer *self,
                                                           const char         *block_id);
/* These emit ::content-changed, as nothing in the text changes */
void                verkan_report_buffer_set_note_text    (VerkanReportBuffer *self,
                                                           GtkTextChildAnchor *anchor,
                                                           const char         *text);
void                verkan_report_buffer_set_block_caption (VerkanReportBuffer *self,
                                                            const char         *block_id,
                                                            const char         *caption);
/* Moves a block past the paragraph above (-1) or below (+1) */
gboolean            verkan_report_buffer_move_block       (VerkanReportBuffer *self,
                                                           const char         *block_id,
                                                           int                 delta);
gboolean            verkan_report_buffer_remove_block     (VerkanReportBuffer *self,
                                                           const char         *block_id);
/* Removes the note or cross-reference at @anchor */
void                verkan_report_buffer_remove_anchor    (VerkanReportBuffer *self,
                                                           GtkTextChildAnchor *anchor);

G_END_DECLS
