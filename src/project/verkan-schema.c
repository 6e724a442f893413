/* verkan-schema.c: creating and migrating the tables of a .verkan file */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "verkan-project.h"
#include "verkan-resources.h"
#include "verkan-schema.h"
#include "verkan-sql.h"

/* One resource per schema version, applied in order; never edit a shipped one. */
static const char *const migrations[] = {
  "migrations/001-initial.sql",
  "migrations/002-logic-models.sql",
  "migrations/003-model-exchange.sql",
  "migrations/004-kolada-charts.sql",
  "migrations/005-documents.sql",
  "migrations/006-report.sql",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == VERKAN_SCHEMA_VERSION);

/* The tables a command may touch; later schema versions add theirs here. */
static const char *const editable_tables[] = {
  "project", "municipality", "person", "goal", "milestone", "resource",
  "logic_model", "model_element", "model_link", "indicator", "model_version",
  "own_measure", "own_value", "chart",
  "document", "evidence", "appendix",
  "report_section", "report_reference",
};

static const char *const goal_group[] = { "kind", NULL };
static const char *const element_group[] = { "model_id", "column_kind", NULL };
static const char *const indicator_group[] = { "element_id", NULL };
static const char *const evidence_group[] = { "element_id", NULL };
static const char *const section_group[] = { "parent_id", NULL };
static const char *const no_group[] = { NULL };

int
verkan_schema_read_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
verkan_schema_migrate (sqlite3 *db, GError **error)
{
  int version = verkan_schema_read_version (db);

  if (version < 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_CORRUPT,
                   _("The project file’s version could not be read: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  for (int next = version + 1; next <= VERKAN_SCHEMA_VERSION; next++)
    {
      g_autoptr(GBytes) script = NULL;
      g_autofree char *stamp = NULL;

      script = verkan_resources_lookup (migrations[next - 1]);
      g_assert (script != NULL);

      if (!verkan_sql_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                               VERKAN_APPLICATION_ID, next);
      if (!verkan_sql_exec (db, g_bytes_get_data (script, NULL), error) ||
          !verkan_sql_exec (db, stamp, error) ||
          !verkan_sql_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
verkan_schema_is_known_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (editable_tables); i++)
    if (g_strcmp0 (table, editable_tables[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
verkan_schema_has_column (sqlite3 *db, const char *table, const char *column)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

const char *const *
verkan_schema_position_group (const char *table)
{
  if (g_strcmp0 (table, "goal") == 0)
    return goal_group;
  if (g_strcmp0 (table, "model_element") == 0)
    return element_group;
  if (g_strcmp0 (table, "indicator") == 0)
    return indicator_group;
  if (g_strcmp0 (table, "evidence") == 0)
    return evidence_group;
  if (g_strcmp0 (table, "report_section") == 0)
    return section_group;
  return no_group;
}

GStrv
verkan_schema_dup_children (sqlite3 *db, const char *table)
{
  g_autoptr(GStrvBuilder) children = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  const char *sql =
    "SELECT m.name, f.\"from\" FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f "
    "WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY m.name";

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *entry = g_strdup_printf ("%s.%s",
                                                    (const char *) sqlite3_column_text (stmt, 0),
                                                    (const char *) sqlite3_column_text (stmt, 1));
          g_strv_builder_add (children, entry);
        }
    }
  sqlite3_finalize (stmt);
  return g_strv_builder_end (children);
}
