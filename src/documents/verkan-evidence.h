/* verkan-evidence.h: documents, or pages of them, as evidence for a
 * logic-model card (table evidence, schema 5).  Undoable like every edit.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "verkan-project.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  gint64  element_id;
  gint64  document_id;
  guint   page;          /* 1-based; 0: the whole document */
  char   *note;
  char   *document_title;
  char   *label;         /* "Enkätfrågor, sida 3" as shown in the panel */
} VerkanEvidence;

void       verkan_evidence_free    (VerkanEvidence *evidence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanEvidence, verkan_evidence_free)

/* The card's evidence, in order: a GPtrArray of VerkanEvidence * */
GPtrArray *verkan_evidence_list    (VerkanProject  *project,
                                    gint64          element_id,
                                    GError        **error);
/* @page 0: the whole document; refuses a page past the document's last
 * (when its page count is known).  "Link evidence" */
gint64     verkan_evidence_add     (VerkanProject  *project,
                                    gint64          element_id,
                                    gint64          document_id,
                                    guint           page,
                                    const char     *note,
                                    GError        **error);
gboolean   verkan_evidence_remove  (VerkanProject  *project,
                                    gint64          evidence_id,
                                    GError        **error);
/* How many cards a document supports (for the Dokument page) */
guint      verkan_evidence_count_for_document (VerkanProject *project,
                                               gint64         document_id);

/* Added by the owner: the document's number of pages, 0 when not known
 * (not a PDF, or unreadable); the chooser's page field goes up to it */
guint      verkan_evidence_get_page_count (VerkanProject *project,
                                           gint64         document_id);

G_END_DECLS
