/* verkan-documents-page.h: the Dokument page.
 *
 * The project's documents as a list (GtkColumnView: thumbnail, title,
 * kind, municipality, date, size, appendix number; sortable) or a grid of
 * thumbnails, filtered by kind and municipality and by a search as you
 * type (FTS5, with the hit highlighted in a snippet).  Thumbnails load
 * lazily in a worker thread as rows come into view.  Files are added by
 * drag and drop or the file chooser, several at once with progress; a
 * document's metadata is edited beside the list; it opens with the
 * system's application from a private read-only copy, is saved out with
 * "Spara som…", and removed undoably.  The appendix list
 * (VerkanAppendixList) is a second view of the page.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_DOCUMENTS_PAGE (verkan_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkanDocumentsPage, verkan_documents_page, VERKAN, DOCUMENTS_PAGE, AdwBin)

GtkWidget     *verkan_documents_page_new            (VerkanProject       *project);
VerkanProject *verkan_documents_page_get_project    (VerkanDocumentsPage *self);
/* Adds files as the drop and the chooser do (async, with progress) */
void           verkan_documents_page_add_files      (VerkanDocumentsPage *self,
                                                     GListModel          *files);
/* Types into the search entry */
void           verkan_documents_page_set_search     (VerkanDocumentsPage *self,
                                                     const char          *text);
/* The documents shown now, in order (after filter, search and sort):
 * their ids, for tests */
GArray        *verkan_documents_page_dup_shown_ids  (VerkanDocumentsPage *self);
/* Selects a document and shows its details; 0 for none */
void           verkan_documents_page_select         (VerkanDocumentsPage *self,
                                                     gint64               document_id);
gint64         verkan_documents_page_get_selected   (VerkanDocumentsPage *self);
/* Opens a document with the system's application (verkan-document-launcher.h) */
void           verkan_documents_page_open_document  (VerkanDocumentsPage *self,
                                                     gint64               document_id);

/* Added by the page's owner: thumbnails drawn or being drawn so far,
 * for the bench (only rows in view ask for one) */
guint          verkan_documents_page_get_n_thumbnails_started (VerkanDocumentsPage *self);

G_END_DECLS
