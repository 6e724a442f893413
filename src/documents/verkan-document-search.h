/* verkan-document-search.h: full-text search over the project's documents
 * (SQLite FTS5, table document_fts), fast enough to run as the user types.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "verkan-project.h"

G_BEGIN_DECLS

typedef struct {
  gint64  document_id;
  char   *title;
  /* a short piece of text around the hit, with the hit between the
   * markers VERKAN_SEARCH_MARK_START / _END, for the UI to highlight */
  char   *snippet;
  double  rank;        /* lower is better (bm25) */
} VerkanDocumentHit;

#define VERKAN_SEARCH_MARK_START "\x02"
#define VERKAN_SEARCH_MARK_END   "\x03"

void       verkan_document_hit_free (VerkanDocumentHit *hit);

/* Every word of @query must match, each as the start of a word, case
 * ignored (Å and å alike, å still apart from a); any user input is safe.
 * At most @limit hits (0: all), best first.  A GPtrArray of
 * VerkanDocumentHit *. */
GPtrArray *verkan_document_search   (VerkanProject  *project,
                                     const char     *query,
                                     guint           limit,
                                     GError        **error);

G_END_DECLS
