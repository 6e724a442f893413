/* verkan-evidence.c: documents, or pages of them, as evidence for a card
 *
 * An evidence row ties a logic-model card to a document and, when the
 * claim rests on one page, that page.  The rows of a card are in the order
 * they were linked (position per element_id).  Removing a card or a
 * document takes its evidence along in the same command (the project's
 * delete follows the foreign keys), so undo brings both back together.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "verkan-document-store.h"
#include "verkan-evidence.h"
#include "verkan-sql.h"

void
verkan_evidence_free (VerkanEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->note);
  g_free (evidence->document_title);
  g_free (evidence->label);
  g_free (evidence);
}

static char *
dup_label (const char *title, guint page)
{
  if (page == 0)
    return g_strdup (title);
  /* Translators: a document and the page of it that is evidence for a
   * card: "Enkätfrågor, sida 3" */
  return g_strdup_printf (_("%s, page %u"), title, page);
}

GPtrArray *
verkan_evidence_list (VerkanProject *project, gint64 element_id, GError **error)
{
  static const char sql[] =
    "SELECT e.id, e.element_id, e.document_id, COALESCE (e.page, 0), e.note, "
    "       COALESCE (NULLIF (d.title, ''), d.file_name) "
    "FROM evidence AS e JOIN document AS d ON d.id = e.document_id "
    "WHERE e.element_id = ?1 ORDER BY e.position, e.id";
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  db = verkan_project_get_db (project);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, element_id);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_evidence_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VerkanEvidence *evidence = g_new0 (VerkanEvidence, 1);
      const char *note = (const char *) sqlite3_column_text (stmt, 4);
      const char *title = (const char *) sqlite3_column_text (stmt, 5);

      evidence->id = sqlite3_column_int64 (stmt, 0);
      evidence->element_id = sqlite3_column_int64 (stmt, 1);
      evidence->document_id = sqlite3_column_int64 (stmt, 2);
      evidence->page = (guint) MAX (sqlite3_column_int64 (stmt, 3), 0);
      evidence->note = g_strdup (note != NULL ? note : "");
      evidence->document_title = g_strdup (title != NULL ? title : "");
      evidence->label = dup_label (evidence->document_title, evidence->page);
      g_ptr_array_add (list, evidence);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The document's title and its page count (0 when unknown), or FALSE when
 * there is no such document */
static gboolean
read_document (VerkanProject *project, gint64 document_id, char **title, gint64 *n_pages)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (verkan_project_get_db (project),
                          "SELECT COALESCE (NULLIF (d.title, ''), d.file_name), COALESCE (t.n_pages, 0) "
                          "FROM document AS d LEFT JOIN blob_text AS t ON t.hash = d.hash "
                          "WHERE d.id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *n_pages = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
already_linked (VerkanProject *project, gint64 element_id, gint64 document_id, guint page)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (verkan_project_get_db (project),
                          "SELECT 1 FROM evidence WHERE element_id = ?1 AND document_id = ?2 "
                          "AND COALESCE (page, 0) = ?3", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, element_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, page);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

gint64
verkan_evidence_add (VerkanProject *project, gint64 element_id, gint64 document_id,
                     guint page, const char *note, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) element = NULL;
  g_autofree char *title = NULL;
  gint64 n_pages = 0;
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  element = verkan_project_get_row (project, "model_element", element_id, NULL);
  if (element == NULL)
    {
      g_set_error_literal (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                           _("There is no such card in the logic model."));
      return 0;
    }
  if (!read_document (project, document_id, &title, &n_pages))
    {
      g_set_error_literal (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                           _("There is no such document in the project."));
      return 0;
    }
  if (n_pages > 0 && page > n_pages)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   /* Translators: %s is a document's title */
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has only %u page; choose page %u or the whole document.",
                                "“%s” has only %u pages; choose a page from 1 to %u, or the whole document.",
                                (gulong) n_pages),
                   title, (guint) n_pages, (guint) n_pages);
      return 0;
    }
  if (already_linked (project, element_id, document_id, page))
    {
      g_autofree char *label = dup_label (title, page);

      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("“%s” is already evidence for this card."), label);
      return 0;
    }

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "element_id", "x", element_id);
  g_variant_dict_insert (&row, "document_id", "x", document_id);
  if (page > 0)
    g_variant_dict_insert (&row, "page", "x", (gint64) page);
  g_variant_dict_insert (&row, "note", "s", note != NULL ? note : "");

  /* Translators: an undo step: a document becomes evidence for a card */
  command = verkan_command_new (_("Link evidence"));
  verkan_command_insert (command, "evidence", g_variant_dict_end (&row));
  if (!verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

gboolean
verkan_evidence_remove (VerkanProject *project, gint64 evidence_id, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) row = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  row = verkan_project_get_row (project, "evidence", evidence_id, NULL);
  if (row == NULL)
    {
      g_set_error_literal (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                           _("This evidence link is gone already."));
      return FALSE;
    }

  /* Translators: an undo step; the document itself stays */
  command = verkan_command_new (_("Remove evidence"));
  verkan_command_delete (command, "evidence", evidence_id);
  return verkan_project_execute (project, command, error);
}

guint
verkan_evidence_count_for_document (VerkanProject *project, gint64 document_id)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  /* cards, not links: two pages of it on one card count once */
  if (sqlite3_prepare_v2 (verkan_project_get_db (project),
                          "SELECT count(DISTINCT element_id) FROM evidence WHERE document_id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

guint
verkan_evidence_get_page_count (VerkanProject *project, gint64 document_id)
{
  g_autofree char *title = NULL;
  gint64 n_pages = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  if (!read_document (project, document_id, &title, &n_pages))
    return 0;
  return (guint) MAX (n_pages, 0);
}
