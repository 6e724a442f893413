/* verkan-appendix.c: the slutrapport's numbered appendices
 *
 * The appendix table holds the order (position); the number a person sees
 * is the place in that order + 1, so moving or removing one renumbers the
 * rest.  Every change rewrites the positions of the whole list as 0, 1,
 * 2… in the same command, so a gap left by anything else (a frozen model
 * version deleted with its appendix) closes at the next edit, and undo
 * brings back the exact numbers of before.
 *
 * The labels are built from fixed words per language rather than from the
 * UI's translation: the report's language decides, not the desktop's.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "verkan-appendix.h"
#include "verkan-document-store.h"
#include "verkan-sql.h"

void
verkan_appendix_free (VerkanAppendix *appendix)
{
  if (appendix == NULL)
    return;
  g_free (appendix->title);
  g_free (appendix->date);
  g_free (appendix->mime_type);
  g_free (appendix->file_name);
  g_free (appendix);
}

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

GPtrArray *
verkan_appendix_list (VerkanProject *project, GError **error)
{
  /* An appendix without a title of its own is called what its document
   * or model version is called, so a label never reads "Bilaga 3: " */
  static const char sql[] =
    "SELECT a.id, a.document_id, a.model_version_id, "
    "       COALESCE (NULLIF (a.title, ''), NULLIF (d.title, ''), d.file_name, v.title, ''), "
    "       a.date, d.mime_type, d.file_name "
    "FROM appendix AS a "
    "LEFT JOIN document AS d ON d.id = a.document_id "
    "LEFT JOIN model_version AS v ON v.id = a.model_version_id "
    "ORDER BY a.position, a.id";
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

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_appendix_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VerkanAppendix *appendix = g_new0 (VerkanAppendix, 1);

      appendix->id = sqlite3_column_int64 (stmt, 0);
      /* numbered by place, so the numbers run 1, 2, 3… whatever the
       * positions stored */
      appendix->number = list->len + 1;
      appendix->document_id = sqlite3_column_int64 (stmt, 1);
      appendix->model_version_id = sqlite3_column_int64 (stmt, 2);
      appendix->title = dup_column (stmt, 3);
      appendix->date = dup_column (stmt, 4);
      appendix->mime_type = dup_column (stmt, 5);
      appendix->file_name = dup_column (stmt, 6);
      g_ptr_array_add (list, appendix);
    }
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&list);
}

char *
verkan_appendix_dup_label (const VerkanAppendix *appendix, const char *language)
{
  gboolean english;
  GString *label;

  g_return_val_if_fail (appendix != NULL, NULL);

  /* The report's language, not the desktop's: fixed words, not _() */
  english = language != NULL && g_str_has_prefix (language, "en");
  label = g_string_new (NULL);
  g_string_append_printf (label, english ? "Appendix %u" : "Bilaga %u", appendix->number);
  if (appendix->title != NULL && *appendix->title != '\0')
    g_string_append_printf (label, ": %s", appendix->title);
  if (appendix->date != NULL && *appendix->date != '\0')
    g_string_append_printf (label, english ? ", dated %s" : ", daterad %s", appendix->date);
  return g_string_free (label, FALSE);
}

static gint64
query_id (VerkanProject *project, const char *sql, gint64 value)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (verkan_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, value);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

gint64
verkan_appendix_find_document (VerkanProject *project, gint64 document_id)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  return query_id (project, "SELECT id FROM appendix WHERE document_id = ?1 ORDER BY position LIMIT 1",
                   document_id);
}

/* --- renumbering ------------------------------------------------------------ */

/* The appendix ids in their order */
static GArray *
dup_order (VerkanProject *project, GError **error)
{
  sqlite3 *db = verkan_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM appendix ORDER BY position, id", -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gint64
stored_position (VerkanProject *project, gint64 id)
{
  return query_id (project, "SELECT position FROM appendix WHERE id = ?1", id);
}

/* Positions 0, 1, 2… for @ids in their order; only changed ones are
 * written.  An id of 0 stands for a row the command inserts itself. */
static void
renumber (VerkanProject *project, VerkanCommand *command, GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id > 0 && stored_position (project, id) != (gint64) i)
        verkan_command_update (command, "appendix", id, "position", g_variant_new_int64 (i));
    }
}

static int
find_index (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return -1;
}

gboolean
verkan_appendix_add_to_command (VerkanProject  *project,
                                VerkanCommand  *command,
                                gint64          document_id,
                                gint64          model_version_id,
                                const char     *title,
                                const char     *date,
                                guint           number,
                                GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  const gint64 placeholder = 0;
  GVariantDict row;
  guint index;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail ((document_id > 0) != (model_version_id > 0), FALSE);

  ids = dup_order (project, error);
  if (ids == NULL)
    return FALSE;
  index = number == 0 ? ids->len : MIN (number - 1, ids->len);
  g_array_insert_val (ids, index, placeholder);
  renumber (project, command, ids);

  g_variant_dict_init (&row, NULL);
  if (document_id > 0)
    g_variant_dict_insert (&row, "document_id", "x", document_id);
  else
    g_variant_dict_insert (&row, "model_version_id", "x", model_version_id);
  g_variant_dict_insert (&row, "position", "x", (gint64) index);
  g_variant_dict_insert (&row, "title", "s", title != NULL ? title : "");
  if (date != NULL && *date != '\0')
    g_variant_dict_insert (&row, "date", "s", date);
  verkan_command_insert (command, "appendix", g_variant_dict_end (&row));
  return TRUE;
}

gboolean
verkan_appendix_close_up_in_command (VerkanProject  *project,
                                     VerkanCommand  *command,
                                     gint64          appendix_id,
                                     GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  int index;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  ids = dup_order (project, error);
  if (ids == NULL)
    return FALSE;
  index = find_index (ids, appendix_id);
  if (index >= 0)
    g_array_remove_index (ids, index);
  renumber (project, command, ids);
  return TRUE;
}

/* --- adding ------------------------------------------------------------------ */

static gboolean
refuse_duplicate (VerkanProject *project, const char *column, gint64 id, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM appendix WHERE %s = ?1", column);
  gint64 existing = query_id (project, sql, id);
  g_autoptr(GPtrArray) list = NULL;

  if (existing == 0)
    return TRUE;

  list = verkan_appendix_list (project, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      VerkanAppendix *appendix = g_ptr_array_index (list, i);

      if (appendix->id == existing)
        {
          g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                       /* Translators: %s is a document's title, %u its appendix number */
                       _("“%s” is already appendix %u."), appendix->title, appendix->number);
          return FALSE;
        }
    }
  g_set_error_literal (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                       _("This is already an appendix."));
  return FALSE;
}

static gint64
add (VerkanProject *project, gint64 document_id, gint64 model_version_id, guint number,
     GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) source = NULL;
  const char *title = NULL, *date = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  source = verkan_project_get_row (project, document_id > 0 ? "document" : "model_version",
                                   document_id > 0 ? document_id : model_version_id, NULL);
  if (source == NULL)
    {
      g_set_error_literal (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                           document_id > 0 ? _("There is no such document in the project.")
                                           : _("There is no such frozen logic model in the project."));
      return 0;
    }
  if (!refuse_duplicate (project, document_id > 0 ? "document_id" : "model_version_id",
                         document_id > 0 ? document_id : model_version_id, error))
    return 0;

  g_variant_lookup (source, "title", "&s", &title);
  g_variant_lookup (source, "date", "&s", &date);
  if (document_id > 0 && (title == NULL || *title == '\0'))
    g_variant_lookup (source, "file_name", "&s", &title);

  /* Translators: an undo step: a document or a frozen logic model becomes
   * an appendix of the report */
  command = verkan_command_new (_("Make appendix"));
  if (!verkan_appendix_add_to_command (project, command, document_id, model_version_id,
                                       title, date, number, error) ||
      !verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

gint64
verkan_appendix_add_document (VerkanProject *project, gint64 document_id, guint number,
                              GError **error)
{
  g_return_val_if_fail (document_id > 0, 0);
  return add (project, document_id, 0, number, error);
}

gint64
verkan_appendix_add_model_version (VerkanProject *project, gint64 model_version_id, guint number,
                                   GError **error)
{
  g_return_val_if_fail (model_version_id > 0, 0);
  return add (project, 0, model_version_id, number, error);
}

/* --- removing and moving ------------------------------------------------------- */

static gboolean
check_exists (VerkanProject *project, gint64 appendix_id, GError **error)
{
  if (query_id (project, "SELECT id FROM appendix WHERE id = ?1", appendix_id) != 0)
    return TRUE;
  g_set_error_literal (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                       _("There is no such appendix; it may have been removed already."));
  return FALSE;
}

gboolean
verkan_appendix_remove (VerkanProject *project, gint64 appendix_id, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  if (!check_exists (project, appendix_id, error))
    return FALSE;

  /* Translators: an undo step; the document itself stays */
  command = verkan_command_new (_("Remove appendix"));
  verkan_command_delete (command, "appendix", appendix_id);
  return verkan_appendix_close_up_in_command (project, command, appendix_id, error) &&
         verkan_project_execute (project, command, error);
}

gboolean
verkan_appendix_move (VerkanProject *project, gint64 appendix_id, guint number, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GArray) ids = NULL;
  int index;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  if (!check_exists (project, appendix_id, error))
    return FALSE;
  ids = dup_order (project, error);
  if (ids == NULL)
    return FALSE;
  index = find_index (ids, appendix_id);
  g_array_remove_index (ids, index);
  number = CLAMP (number, 1, ids->len + 1);
  g_array_insert_val (ids, number - 1, appendix_id);

  /* Translators: an undo step */
  command = verkan_command_new (_("Reorder appendices"));
  renumber (project, command, ids);
  /* nothing to write when it stays where it is */
  return verkan_project_execute (project, command, error);
}
