/* verkan-schema.h: the tables of a .verkan file and their migrations */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

struct sqlite3;

/* PRAGMA application_id of every .verkan file: "VRKN" */
#define VERKAN_APPLICATION_ID 0x56524B4E
/* PRAGMA user_version this build writes and understands */
#define VERKAN_SCHEMA_VERSION 6

/* Brings a database at any older user_version up to VERKAN_SCHEMA_VERSION,
 * each step in its own transaction. */
gboolean     verkan_schema_migrate              (struct sqlite3  *db,
                                                 GError         **error);
int          verkan_schema_read_version         (struct sqlite3  *db);
gboolean     verkan_schema_is_known_table       (const char      *table);
gboolean     verkan_schema_has_column           (struct sqlite3  *db,
                                                 const char      *table,
                                                 const char      *column);
/* Columns that scope "position" in a table (goals are numbered per kind,
 * cards per model and column),
 * NULL-terminated; empty when the whole table is one sequence. */
const char *const *verkan_schema_position_group (const char      *table);
/* Tables whose rows belong to a row of @table, as "child_table.fk_column" */
GStrv        verkan_schema_dup_children         (struct sqlite3  *db,
                                                 const char      *table);

G_END_DECLS
