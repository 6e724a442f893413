/* verkan-sql.c: rows as GVariants, binding, and errors people can read */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "verkan-project.h"
#include "verkan-sql.h"

char *
verkan_sql_quote (const char *identifier)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = identifier; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

GVariant *
verkan_sql_row_from_stmt (sqlite3_stmt *stmt)
{
  GVariantBuilder builder;
  int n = sqlite3_column_count (stmt);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (int i = 0; i < n; i++)
    {
      const char *name = sqlite3_column_name (stmt, i);
      GVariant *value = NULL;

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          value = g_variant_new_int64 (sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          value = g_variant_new_double (sqlite3_column_double (stmt, i));
          break;
        case SQLITE_TEXT:
          value = g_variant_new_string ((const char *) sqlite3_column_text (stmt, i));
          break;
        case SQLITE_BLOB:
          value = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                             sqlite3_column_blob (stmt, i),
                                             sqlite3_column_bytes (stmt, i), 1);
          break;
        default:
          break;
        }
      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", name, value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GVariant *
verkan_sql_read_row (sqlite3 *db, const char *table, gint64 id, GError **error)
{
  g_autofree char *quoted = verkan_sql_quote (table);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?1", quoted);
  sqlite3_stmt *stmt = NULL;
  GVariant *row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = verkan_sql_row_from_stmt (stmt);
  else if (rc != SQLITE_DONE)
    verkan_sql_set_error (error, db);
  sqlite3_finalize (stmt);
  return row;
}

gboolean
verkan_sql_bind (sqlite3_stmt *stmt, int index, GVariant *value)
{
  g_autoptr(GVariant) inner = NULL;

  if (value == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    value = inner = g_variant_get_variant (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    {
      g_autoptr(GVariant) child = g_variant_get_maybe (value);
      return verkan_sql_bind (stmt, index, child);
    }

  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_STRING:
      return sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1,
                                SQLITE_TRANSIENT) == SQLITE_OK;
    case G_VARIANT_CLASS_INT64:
      return sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_INT32:
      return sqlite3_bind_int64 (stmt, index, g_variant_get_int32 (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_UINT32:
      return sqlite3_bind_int64 (stmt, index, g_variant_get_uint32 (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_BOOLEAN:
      return sqlite3_bind_int (stmt, index, g_variant_get_boolean (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_DOUBLE:
      return sqlite3_bind_double (stmt, index, g_variant_get_double (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_ARRAY:
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
        {
          gsize size = 0;
          gconstpointer data = g_variant_get_fixed_array (value, &size, 1);
          return sqlite3_bind_blob64 (stmt, index, data, size, SQLITE_TRANSIENT) == SQLITE_OK;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

GStrv
verkan_sql_dup_columns (sqlite3 *db, const char *table)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (columns, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return g_strv_builder_end (columns);
}

void
verkan_sql_set_error (GError **error, sqlite3 *db)
{
  int code = sqlite3_errcode (db) & 0xff;
  const char *detail = sqlite3_errmsg (db);

  switch (code)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_CORRUPT,
                   _("The project file is damaged and cannot be read (%s). "
                     "Open a backup copy, or ask for the file to be sent again."), detail);
      break;
    case SQLITE_READONLY:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY,
                   _("The project is open read-only, so the change was not saved."));
      break;
    case SQLITE_FULL:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The disk is full, so the change was not saved. Free some space and try again."));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The project file could not be read or written (%s)."), detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("The value was not accepted (%s)."), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The project file is busy in another program. Try again in a moment."));
      break;
    default:
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_FAILED,
                   _("The project file could not be used (%s)."), detail);
      break;
    }
}

gboolean
verkan_sql_exec (sqlite3 *db, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  return TRUE;
}
