/* verkan-command.h: one user edit as a list of row changes.
 *
 * A command is built from intents (update this field, insert that row,
 * delete this row).  When the project executes it for the first time it
 * records the rows as they were before and after each step, so that undo
 * and redo replay exact images and never recompute anything. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

struct sqlite3;

#define VERKAN_TYPE_COMMAND (verkan_command_get_type ())
G_DECLARE_FINAL_TYPE (VerkanCommand, verkan_command, VERKAN, COMMAND, GObject)

VerkanCommand *verkan_command_new              (const char    *label);
const char    *verkan_command_get_label        (VerkanCommand *self);
gboolean       verkan_command_is_empty         (VerkanCommand *self);

/* value NULL means SQL NULL; a floating GVariant is sunk */
void           verkan_command_update           (VerkanCommand *self,
                                                const char    *table,
                                                gint64         id,
                                                const char    *column,
                                                GVariant      *value);
/* row is an a{sv}; a row without "position" goes last in its group,
 * a row without "uuid" gets a fresh one */
void           verkan_command_insert           (VerkanCommand *self,
                                                const char    *table,
                                                GVariant      *row);
/* deletes the row and, first, the rows of other tables that belong to it */
void           verkan_command_delete           (VerkanCommand *self,
                                                const char    *table,
                                                gint64         id);

/* after execution: the id given to the n-th inserted row */
gint64         verkan_command_get_inserted_id  (VerkanCommand *self,
                                                guint          n);

/* Used by VerkanProject inside its transaction. */
gboolean       verkan_command_apply            (VerkanCommand   *self,
                                                struct sqlite3  *db,
                                                GError         **error);
gboolean       verkan_command_revert           (VerkanCommand   *self,
                                                struct sqlite3  *db,
                                                GError         **error);
GStrv          verkan_command_dup_tables       (VerkanCommand   *self);
/* Merge a later single-field update into this one (typing) */
gboolean       verkan_command_try_merge        (VerkanCommand   *self,
                                                VerkanCommand   *later);

G_END_DECLS
