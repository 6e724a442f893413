/* verkan-sql.h: small SQLite helpers shared by the project modules
 * (rows as GVariant a{sv}: TEXT "s", INTEGER "x", REAL "d", BLOB "ay";
 * a NULL column is left out of the dictionary) */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "name" quoted as an SQL identifier */
char     *verkan_sql_quote         (const char    *identifier);
GVariant *verkan_sql_row_from_stmt (sqlite3_stmt  *stmt);
/* NULL without error when there is no such row */
GVariant *verkan_sql_read_row      (sqlite3       *db,
                                    const char    *table,
                                    gint64         id,
                                    GError       **error);
/* value NULL binds SQL NULL */
gboolean  verkan_sql_bind          (sqlite3_stmt  *stmt,
                                    int            index,
                                    GVariant      *value);
/* Names the columns of @table, in order */
GStrv     verkan_sql_dup_columns   (sqlite3       *db,
                                    const char    *table);
/* Turns the connection's last error into a VERKAN_PROJECT_ERROR for people */
void      verkan_sql_set_error     (GError       **error,
                                    sqlite3       *db);
gboolean  verkan_sql_exec          (sqlite3       *db,
                                    const char    *sql,
                                    GError       **error);

G_END_DECLS
