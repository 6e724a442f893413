/* verkan-report-edit.c: the report's outline and texts as undoable edits.
 *
 * Sections form a tree through report_section.parent_id, each ordered
 * among its siblings by position.  Edits that touch more than one row
 * (a move to another parent, a template) are built as one VerkanCommand,
 * so that one Ctrl+Z undoes them whole.  A template's sections must name
 * their parents in the same command, before any id is given out, so we
 * choose the ids ourselves: one past the largest, read just before the
 * command runs (the project lives on one thread; nothing writes between).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "verkan-report-body.h"
#include "verkan-report-edit.h"
#include "verkan-resources.h"

G_DEFINE_QUARK (verkan-report-error-quark, verkan_report_error)

#define SECTION_TABLE "report_section"

void
verkan_report_section_free (VerkanReportSection *section)
{
  if (section == NULL)
    return;
  g_free (section->uuid);
  g_free (section->number);
  g_free (section->title);
  g_free (section->body);
  g_free (section);
}

/* --- reading the tree ----------------------------------------------------- */

static gboolean
sql_error (GError  **error,
           sqlite3  *db)
{
  g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
               _("The report could not be read: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *) text : "");
}

static void
append_subtree (GPtrArray   *out,
                GHashTable  *children,
                gint64       parent_id,
                guint        depth,
                const char  *prefix,
                GHashTable  *placed)
{
  GPtrArray *list = g_hash_table_lookup (children, &parent_id);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (list, i);

      if (!g_hash_table_add (placed, &section->id))
        continue;  /* a loop in a damaged file: each section once */
      section->depth = depth;
      section->position = i;
      section->number = prefix ? g_strdup_printf ("%s.%u", prefix, i + 1)
                               : g_strdup_printf ("%u", i + 1);
      g_ptr_array_add (out, section);
      append_subtree (out, children, section->id, depth + 1, section->number, placed);
    }
}

GPtrArray *
verkan_report_list_sections (VerkanProject  *project,
                             GError        **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) placed = NULL;
  GPtrArray *out;
  gint64 top = 0;
  int rc;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  db = verkan_project_get_db (project);
  if (sqlite3_prepare_v2 (db, "SELECT id, uuid, COALESCE(parent_id, 0), position, title, body "
                              "FROM report_section ORDER BY position, id", -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_error (error, db);
      return NULL;
    }

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_report_section_free);
  ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VerkanReportSection *section = g_new0 (VerkanReportSection, 1);

      section->id = sqlite3_column_int64 (stmt, 0);
      section->uuid = column_dup (stmt, 1);
      section->parent_id = sqlite3_column_int64 (stmt, 2);
      section->title = column_dup (stmt, 4);
      section->body = column_dup (stmt, 5);
      g_ptr_array_add (all, section);
      g_hash_table_add (ids, &section->id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (error, db);
      return NULL;
    }

  /* children by parent, in order; a section whose parent is gone is
   * read as a chapter rather than lost */
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < all->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (all, i);
      gint64 *key = &section->parent_id;
      GPtrArray *list;

      if (section->parent_id != 0 && !g_hash_table_contains (ids, &section->parent_id))
        {
          section->parent_id = 0;
          key = &top;
        }
      else if (section->parent_id == 0)
        key = &top;
      list = g_hash_table_lookup (children, key);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (children, key, list);
        }
      g_ptr_array_add (list, section);
    }

  out = g_ptr_array_new_full (all->len, (GDestroyNotify) verkan_report_section_free);
  placed = g_hash_table_new (g_int64_hash, g_int64_equal);
  append_subtree (out, children, 0, 0, NULL, placed);

  /* hand the placed ones over; whatever sits in a loop is dropped */
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (all, i);
      if (!g_hash_table_contains (placed, &section->id))
        verkan_report_section_free (section);
    }
  return out;
}

static VerkanReportSection *
find_section (GPtrArray *sections,
              gint64     section_id)
{
  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      if (section->id == section_id)
        return section;
    }
  return NULL;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_NOT_FOUND,
                       _("The section no longer exists."));
}

VerkanReportSection *
verkan_report_get_section (VerkanProject  *project,
                           gint64          section_id,
                           GError        **error)
{
  g_autoptr(GPtrArray) sections = verkan_report_list_sections (project, error);
  VerkanReportSection *section;
  guint index;

  if (sections == NULL)
    return NULL;
  section = find_section (sections, section_id);
  if (section == NULL)
    {
      set_not_found (error);
      return NULL;
    }
  g_ptr_array_find (sections, section, &index);
  return g_ptr_array_steal_index (sections, index);
}

/* The sections under @parent_id (0: chapters) in order, without @leave_out */
static GPtrArray *
children_of (GPtrArray *sections,
             gint64     parent_id,
             gint64     leave_out)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      if (section->parent_id == parent_id && section->id != leave_out)
        g_ptr_array_add (list, section);
    }
  /* reading order is depth first, so siblings come in their order */
  return list;
}

/* Writes position i to each of @siblings whose stored place differs */
static void
renumber (VerkanCommand *command,
          GPtrArray     *siblings,
          GHashTable    *stored)
{
  for (guint i = 0; i < siblings->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (siblings, i);
      gpointer value = g_hash_table_lookup (stored, &section->id);
      gint64 position = value ? *(gint64 *) value : -1;

      if (position != (gint64) i)
        verkan_command_update (command, SECTION_TABLE, section->id, "position",
                               g_variant_new_int64 (i));
    }
}

/* The positions as stored, which list_sections() replaced by the index */
static GHashTable *
read_positions (VerkanProject *project)
{
  GHashTable *positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (verkan_project_get_db (project),
                          "SELECT id, position FROM report_section", -1, &stmt, NULL) != SQLITE_OK)
    return positions;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      gint64 *position = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      *position = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (positions, id, position);
    }
  sqlite3_finalize (stmt);
  return positions;
}

/* --- edits ---------------------------------------------------------------- */

gint64
verkan_report_add_section (VerkanProject  *project,
                           gint64          parent_id,
                           guint           position,
                           const char     *title,
                           GError        **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GHashTable) stored = NULL;
  GVariantDict row;
  guint place;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  sections = verkan_report_list_sections (project, error);
  if (sections == NULL)
    return 0;
  if (parent_id != 0 && find_section (sections, parent_id) == NULL)
    {
      set_not_found (error);
      return 0;
    }

  /* Translators: the name of the undo step */
  command = verkan_command_new (_("Add section"));
  siblings = children_of (sections, parent_id, 0);
  stored = read_positions (project);
  place = MIN (position, siblings->len);

  /* the ones after the new section move one down */
  for (guint i = 0; i < siblings->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (siblings, i);
      gint64 *was = g_hash_table_lookup (stored, &section->id);
      gint64 want = i < place ? i : i + 1;

      if (was == NULL || *was != want)
        verkan_command_update (command, SECTION_TABLE, section->id, "position",
                               g_variant_new_int64 (want));
    }

  g_variant_dict_init (&row, NULL);
  if (parent_id != 0)
    g_variant_dict_insert (&row, "parent_id", "x", parent_id);
  g_variant_dict_insert (&row, "position", "x", (gint64) place);
  g_variant_dict_insert (&row, "title", "s", title ? title : "");
  verkan_command_insert (command, SECTION_TABLE, g_variant_dict_end (&row));

  if (!verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

gboolean
verkan_report_remove_section (VerkanProject  *project,
                              gint64          section_id,
                              GError        **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GPtrArray) sections = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  sections = verkan_report_list_sections (project, error);
  if (sections == NULL)
    return FALSE;
  if (find_section (sections, section_id) == NULL)
    {
      set_not_found (error);
      return FALSE;
    }

  /* Translators: the name of the undo step */
  command = verkan_command_new (_("Remove section"));
  /* the rows below it go first (their parent_id refers to it) */
  verkan_command_delete (command, SECTION_TABLE, section_id);
  return verkan_project_execute (project, command, error);
}

gboolean
verkan_report_rename_section (VerkanProject  *project,
                              gint64          section_id,
                              const char     *title,
                              GError        **error)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  /* set_value() merges the keystrokes of a rename into one undo step */
  return verkan_project_set_value (project, SECTION_TABLE, section_id, "title",
                                   g_variant_new_string (title ? title : ""), error);
}

gboolean
verkan_report_move_section (VerkanProject  *project,
                            gint64          section_id,
                            gint64          new_parent_id,
                            guint           position,
                            GError        **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GHashTable) stored = NULL;
  VerkanReportSection *section;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  sections = verkan_report_list_sections (project, error);
  if (sections == NULL)
    return FALSE;
  section = find_section (sections, section_id);
  if (section == NULL || (new_parent_id != 0 && find_section (sections, new_parent_id) == NULL))
    {
      set_not_found (error);
      return FALSE;
    }

  /* the new parent may not be the section or lie below it */
  for (gint64 up = new_parent_id; up != 0; up = find_section (sections, up)->parent_id)
    if (up == section_id)
      {
        g_set_error_literal (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_INVALID_MOVE,
                             _("A section cannot be moved into itself or into one of its "
                               "subsections."));
        return FALSE;
      }

  /* Translators: the name of the undo step */
  command = verkan_command_new (_("Move section"));
  stored = read_positions (project);

  if (section->parent_id != new_parent_id)
    {
      /* close the gap it leaves */
      g_autoptr(GPtrArray) old_siblings = children_of (sections, section->parent_id, section_id);

      renumber (command, old_siblings, stored);
      verkan_command_update (command, SECTION_TABLE, section_id, "parent_id",
                             new_parent_id != 0 ? g_variant_new_int64 (new_parent_id) : NULL);
      g_hash_table_remove (stored, &section_id);  /* always write its position */
    }

  siblings = children_of (sections, new_parent_id, section_id);
  g_ptr_array_insert (siblings, MIN (position, siblings->len), section);
  renumber (command, siblings, stored);

  return verkan_project_execute (project, command, error);
}

gboolean
verkan_report_set_body (VerkanProject  *project,
                        gint64          section_id,
                        const char     *body_xml,
                        GError        **error)
{
  g_autoptr(VerkanReportBody) body = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  /* what cannot be read back is never stored */
  body = verkan_report_body_parse (body_xml, error);
  if (body == NULL)
    return FALSE;

  return verkan_project_set_value (project, SECTION_TABLE, section_id, "body",
                                   g_variant_new_string (body_xml && body_xml[0]
                                                         ? body_xml : "<body/>"),
                                   error);
}

/* --- templates ------------------------------------------------------------ */

static const char *const template_names[] = { "sv", "en", NULL };

GStrv
verkan_report_list_templates (void)
{
  return g_strdupv ((char **) template_names);
}

char *
verkan_report_dup_template_title (const char *name)
{
  if (g_strcmp0 (name, "sv") == 0)
    /* Translators: a report template, shown where a new report is started */
    return g_strdup (_("Final report in Swedish"));
  if (g_strcmp0 (name, "en") == 0)
    /* Translators: a report template, shown where a new report is started */
    return g_strdup (_("Final report in English"));
  return g_strdup (name);
}

typedef struct {
  VerkanCommand *command;
  gint64         next_id;
} TemplateBuild;

/* A <section>'s body as the canonical body XML (the element is in the
 * template's namespace; the stored form has none) */
static char *
section_body (xmlNode  *section,
              GError  **error)
{
  g_autoptr(VerkanReportBody) body = NULL;
  xmlBuffer *buffer;
  xmlNode *node = NULL;

  for (xmlNode *child = section->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) child->name, "body") == 0)
      node = child;
  if (node == NULL)
    return g_strdup ("<body/>");

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, section->doc, node, 0, 0);
  body = verkan_report_body_parse ((const char *) xmlBufferContent (buffer), error);
  xmlBufferFree (buffer);
  if (body == NULL)
    return NULL;
  return verkan_report_body_to_xml (body);
}

static gboolean
add_template_sections (TemplateBuild  *build,
                       xmlNode        *parent,
                       gint64          parent_id,
                       gint64          first_position,
                       GError        **error)
{
  gint64 position = first_position;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *body = NULL;
      xmlChar *title;
      GVariantDict row;
      gint64 id;

      if (node->type != XML_ELEMENT_NODE || g_strcmp0 ((const char *) node->name, "section") != 0)
        continue;

      body = section_body (node, error);
      if (body == NULL)
        return FALSE;
      title = xmlGetProp (node, BAD_CAST "title");
      id = build->next_id++;

      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "id", "x", id);
      if (parent_id != 0)
        g_variant_dict_insert (&row, "parent_id", "x", parent_id);
      g_variant_dict_insert (&row, "position", "x", position++);
      g_variant_dict_insert (&row, "title", "s", title ? (const char *) title : "");
      g_variant_dict_insert (&row, "body", "s", body);
      verkan_command_insert (build->command, SECTION_TABLE, g_variant_dict_end (&row));
      xmlFree (title);

      if (!add_template_sections (build, node, id, 0, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
query_int (VerkanProject *project,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (verkan_project_get_db (project), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gboolean
verkan_report_apply_template (VerkanProject  *project,
                              const char     *name,
                              GError        **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TemplateBuild build;
  xmlDoc *doc = NULL;
  xmlNode *root;
  xmlChar *language;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  if (name == NULL || !g_strv_contains (template_names, name))
    {
      g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_NOT_FOUND,
                   _("There is no report template called “%s”. Use one of: sv, en."),
                   name ? name : "");
      return FALSE;
    }

  resource = g_strdup_printf ("templates/report-%s.xml", name);
  bytes = verkan_resources_lookup (resource);
  if (bytes != NULL)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (bytes, &size);

      xmlInitParser ();
      doc = xmlReadMemory (data, (int) size, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
    }
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || g_strcmp0 ((const char *) root->name, "report-template") != 0)
    {
      g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_TEMPLATE,
                   _("The report template “%s” cannot be read."), name);
      g_clear_pointer (&doc, xmlFreeDoc);
      return FALSE;
    }

  /* Translators: the name of the undo step */
  command = verkan_command_new (_("Use template"));
  build.command = command;
  build.next_id = query_int (project, "SELECT COALESCE(MAX(id), 0) + 1 FROM report_section");
  ok = add_template_sections (&build, root,  0,
                              query_int (project, "SELECT COALESCE(MAX(position) + 1, 0) "
                                                  "FROM report_section WHERE parent_id IS NULL"),
                              &local_error);

  /* the report's own words (Innehåll, Tabell, …) follow the template's language */
  language = xmlGetProp (root, BAD_CAST "language");
  if (ok && language != NULL)
    {
      g_autoptr(GVariant) info = verkan_project_get_row (project, "project", 1, NULL);
      const char *current = NULL;

      if (info != NULL && (!g_variant_lookup (info, "language", "&s", &current) ||
                           g_strcmp0 (current, (const char *) language) != 0))
        verkan_command_update (command, "project", 1, "language",
                               g_variant_new_string ((const char *) language));
    }
  xmlFree (language);
  xmlFreeDoc (doc);

  if (!ok)
    {
      g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_TEMPLATE,
                   _("The report template “%s” cannot be read: %s"), name, local_error->message);
      return FALSE;
    }
  return verkan_project_execute (project, command, error);
}

/* --- references ----------------------------------------------------------- */

gint64
verkan_report_add_reference (VerkanProject  *project,
                             const char     *text,
                             const char     *url,
                             GError        **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);

  /* Translators: the name of the undo step */
  command = verkan_command_new (_("Add reference"));
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "text", "s", text ? text : "");
  g_variant_dict_insert (&row, "url", "s", url ? url : "");
  verkan_command_insert (command, "report_reference", g_variant_dict_end (&row));
  if (!verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}
