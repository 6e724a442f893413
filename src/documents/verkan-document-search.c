/* verkan-document-search.c: full-text search over the project's documents
 *
 * The user's words never reach FTS5's query syntax as they are: the query
 * is cut into words where the unicode61 tokenizer would cut it (at anything
 * that is not a letter or a digit), and each word becomes a quoted prefix
 * ("åtgärd"*), all of them required.  So "NOT", "(", a lone quote or a star
 * are plain text or nothing, never a syntax error.  The text is brought to
 * NFC first, like the extracted text, so a decomposed "å" still matches.
 *
 * The snippet comes from the body; when the words hit only the title, the
 * title is the snippet.  Titles weigh more than body text in the bm25 rank:
 * a document called "Enkätfrågor" is the better hit for "enkät" than one
 * that mentions it once on page 40.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "verkan-document-search.h"

/* a longer query is a paste, not a search: its first words are plenty */
#define MAX_WORDS 32

void
verkan_document_hit_free (VerkanDocumentHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* The FTS5 expression for @query, or NULL when it has no words */
static char *
build_match (const char *query)
{
  g_autofree char *normalized = g_utf8_normalize (query, -1, G_NORMALIZE_NFC);
  GString *match = g_string_new (NULL);
  guint n_words = 0;
  gboolean in_word = FALSE;

  if (normalized == NULL)
    normalized = g_utf8_make_valid (query, -1);

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* combining marks belong to their letter (a decomposed form NFC
       * could not compose) */
      gboolean word_char = g_unichar_isalnum (c) || g_unichar_ismark (c);

      if (word_char && !in_word)
        {
          if (n_words == MAX_WORDS)
            break;
          if (n_words > 0)
            g_string_append_c (match, ' ');
          g_string_append_c (match, '"');
          n_words++;
        }
      else if (!word_char && in_word)
        g_string_append (match, "\"*");
      in_word = word_char;

      if (word_char)
        {
          /* cannot happen after the split, kept for safety: FTS5 escapes
           * a quote inside a string by doubling it */
          if (c == '"')
            g_string_append_c (match, '"');
          g_string_append_unichar (match, c);
        }
    }
  if (in_word)
    g_string_append (match, "\"*");

  if (n_words == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }
  return g_string_free (match, FALSE);
}

static gboolean
has_mark (const char *text)
{
  return text != NULL && strstr (text, VERKAN_SEARCH_MARK_START) != NULL;
}

GPtrArray *
verkan_document_search (VerkanProject  *project,
                        const char     *query,
                        guint           limit,
                        GError        **error)
{
  /* Rank first, snippets after: a snippet tokenizes the whole text, so it
   * is made only for the hits that are shown, not for every match that
   * the sort looks at (a common prefix matches every document).  The
   * CROSS JOIN keeps the FTS scan outside: looking each best rowid up
   * with MATCH again would expand the prefixes once per hit. */
  static const char sql[] =
    "WITH best AS ("
    "  SELECT rowid AS id, bm25 (document_fts, 5.0, 1.0) AS rank"
    "    FROM document_fts"
    "   WHERE document_fts MATCH ?3"
    "   ORDER BY rank, rowid"
    "   LIMIT ?4)"
    "SELECT best.id, document_fts.title,"
    "       snippet (document_fts, 1, ?1, ?2, '…', 12),"
    "       snippet (document_fts, 0, ?1, ?2, '…', 12),"
    "       best.rank"
    "  FROM document_fts CROSS JOIN best ON best.id = document_fts.rowid"
    " WHERE document_fts MATCH ?3"
    " ORDER BY best.rank, best.id";
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_document_hit_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *statement = NULL;
  sqlite3 *db;
  int status;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  match = build_match (query != NULL ? query : "");
  if (match == NULL)
    return g_steal_pointer (&hits);

  db = verkan_project_get_db (project);
  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_FAILED,
                   /* Translators: %s is the database's own (English) reason */
                   _("The documents could not be searched: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  sqlite3_bind_text (statement, 1, VERKAN_SEARCH_MARK_START, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, VERKAN_SEARCH_MARK_END, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 4, limit > 0 ? (sqlite3_int64) limit : -1);

  while ((status = sqlite3_step (statement)) == SQLITE_ROW)
    {
      VerkanDocumentHit *hit = g_new0 (VerkanDocumentHit, 1);
      const char *body_snippet = (const char *) sqlite3_column_text (statement, 2);
      const char *title_snippet = (const char *) sqlite3_column_text (statement, 3);

      hit->document_id = sqlite3_column_int64 (statement, 0);
      hit->title = g_strdup ((const char *) sqlite3_column_text (statement, 1));
      if (!has_mark (body_snippet) && has_mark (title_snippet))
        hit->snippet = g_strdup (title_snippet);
      else
        hit->snippet = g_strdup (body_snippet != NULL ? body_snippet : "");
      hit->rank = sqlite3_column_double (statement, 4);
      g_ptr_array_add (hits, hit);
    }

  if (status != SQLITE_DONE)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_FAILED,
                   _("The documents could not be searched: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (statement);
      return NULL;
    }
  sqlite3_finalize (statement);
  return g_steal_pointer (&hits);
}
