/* verkan-command.c: one user edit, recorded as row images for undo/redo */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "verkan-command.h"
#include "verkan-project.h"
#include "verkan-schema.h"
#include "verkan-sql.h"

typedef enum { INTENT_UPDATE, INTENT_INSERT, INTENT_DELETE } IntentKind;

/* What the caller asked for */
typedef struct {
  IntentKind  kind;
  char       *table;
  gint64      id;
  char       *column;
  GVariant   *value;   /* update: the new value or NULL; insert: the row */
} Intent;

/* What the first execution found and left: a row before and after
 * (NULL where the row does not exist) */
typedef struct {
  char     *table;
  gint64    id;
  GVariant *before;
  GVariant *after;
} Image;

struct _VerkanCommand
{
  GObject    parent_instance;

  char      *label;
  GPtrArray *intents;
  GPtrArray *images;
  GArray    *inserted_ids;
  gboolean   applied_once;
};

G_DEFINE_FINAL_TYPE (VerkanCommand, verkan_command, G_TYPE_OBJECT)

static void
intent_free (Intent *intent)
{
  g_free (intent->table);
  g_free (intent->column);
  g_clear_pointer (&intent->value, g_variant_unref);
  g_free (intent);
}

static void
image_free (Image *image)
{
  g_free (image->table);
  g_clear_pointer (&image->before, g_variant_unref);
  g_clear_pointer (&image->after, g_variant_unref);
  g_free (image);
}

static void
verkan_command_finalize (GObject *object)
{
  VerkanCommand *self = VERKAN_COMMAND (object);

  g_free (self->label);
  g_ptr_array_unref (self->intents);
  g_ptr_array_unref (self->images);
  g_array_unref (self->inserted_ids);

  G_OBJECT_CLASS (verkan_command_parent_class)->finalize (object);
}

static void
verkan_command_class_init (VerkanCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verkan_command_finalize;
}

static void
verkan_command_init (VerkanCommand *self)
{
  self->intents = g_ptr_array_new_with_free_func ((GDestroyNotify) intent_free);
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) image_free);
  self->inserted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

VerkanCommand *
verkan_command_new (const char *label)
{
  VerkanCommand *self = g_object_new (VERKAN_TYPE_COMMAND, NULL);

  self->label = g_strdup (label);
  return self;
}

const char *
verkan_command_get_label (VerkanCommand *self)
{
  g_return_val_if_fail (VERKAN_IS_COMMAND (self), NULL);
  return self->label;
}

gboolean
verkan_command_is_empty (VerkanCommand *self)
{
  return self->intents->len == 0;
}

static void
add_intent (VerkanCommand *self, IntentKind kind, const char *table, gint64 id,
            const char *column, GVariant *value)
{
  Intent *intent = g_new0 (Intent, 1);

  g_return_if_fail (!self->applied_once);

  intent->kind = kind;
  intent->table = g_strdup (table);
  intent->id = id;
  intent->column = g_strdup (column);
  intent->value = value ? g_variant_ref_sink (value) : NULL;
  g_ptr_array_add (self->intents, intent);
}

void
verkan_command_update (VerkanCommand *self, const char *table, gint64 id,
                       const char *column, GVariant *value)
{
  g_return_if_fail (VERKAN_IS_COMMAND (self));
  add_intent (self, INTENT_UPDATE, table, id, column, value);
}

void
verkan_command_insert (VerkanCommand *self, const char *table, GVariant *row)
{
  g_return_if_fail (VERKAN_IS_COMMAND (self));
  g_return_if_fail (g_variant_is_of_type (row, G_VARIANT_TYPE_VARDICT));
  add_intent (self, INTENT_INSERT, table, 0, NULL, row);
}

void
verkan_command_delete (VerkanCommand *self, const char *table, gint64 id)
{
  g_return_if_fail (VERKAN_IS_COMMAND (self));
  add_intent (self, INTENT_DELETE, table, id, NULL, NULL);
}

gint64
verkan_command_get_inserted_id (VerkanCommand *self, guint n)
{
  g_return_val_if_fail (VERKAN_IS_COMMAND (self), 0);
  if (n >= self->inserted_ids->len)
    return 0;
  return g_array_index (self->inserted_ids, gint64, n);
}

static gboolean
check_identifier (sqlite3 *db, const char *table, const char *column, GError **error)
{
  if (!verkan_schema_is_known_table (table) ||
      (column != NULL && (g_str_equal (column, "id") ||
                          !verkan_schema_has_column (db, table, column))))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   "No editable field %s.%s", table, column ? column : "");
      return FALSE;
    }
  return TRUE;
}

/* Makes the row in the file equal @image (NULL: no row) */
static gboolean
write_image (sqlite3 *db, const char *table, gint64 id, GVariant *image, GError **error)
{
  g_autofree char *quoted = verkan_sql_quote (table);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_auto(GStrv) columns = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (image == NULL)
    {
      g_string_printf (sql, "DELETE FROM %s WHERE id = ?1", quoted);
    }
  else
    {
      /* Every column is written, so NULLs come back as NULLs, not defaults */
      columns = verkan_sql_dup_columns (db, table);
      g_string_printf (sql, "INSERT INTO %s (", quoted);
      for (guint i = 0; columns[i]; i++)
        {
          g_autofree char *c = verkan_sql_quote (columns[i]);
          g_string_append_printf (sql, "%s%s", i ? ", " : "", c);
        }
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; columns[i]; i++)
        g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 2);
      g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET ");
      for (guint i = 0; columns[i]; i++)
        {
          g_autofree char *c = verkan_sql_quote (columns[i]);
          g_string_append_printf (sql, "%s%s = excluded.%s", i ? ", " : "", c, c);
        }
    }

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 0; columns != NULL && columns[i]; i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (image, columns[i], NULL);
      verkan_sql_bind (stmt, i + 2, value);
    }
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    verkan_sql_set_error (error, db);
  sqlite3_finalize (stmt);
  return ok;
}

static void
add_image (VerkanCommand *self, const char *table, gint64 id, GVariant *before, GVariant *after)
{
  Image *image = g_new0 (Image, 1);

  image->table = g_strdup (table);
  image->id = id;
  image->before = before;
  image->after = after;
  g_ptr_array_add (self->images, image);
}

static gboolean
apply_update (VerkanCommand *self, sqlite3 *db, Intent *intent, GError **error)
{
  g_autofree char *table = verkan_sql_quote (intent->table);
  g_autofree char *column = verkan_sql_quote (intent->column);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table, column);
  g_autoptr(GVariant) before = NULL;
  sqlite3_stmt *stmt = NULL;
  GVariant *after;
  gboolean ok;

  if (!check_identifier (db, intent->table, intent->column, error))
    return FALSE;
  before = verkan_sql_read_row (db, intent->table, intent->id, error);
  if (before == NULL)
    {
      if (error && !*error)
        g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                     _("The item was removed before the change could be saved."));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  if (!verkan_sql_bind (stmt, 1, intent->value))
    {
      sqlite3_finalize (stmt);
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   "Unsupported value type for %s.%s", intent->table, intent->column);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 2, intent->id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    verkan_sql_set_error (error, db);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  after = verkan_sql_read_row (db, intent->table, intent->id, error);
  if (after == NULL)
    return FALSE;
  add_image (self, intent->table, intent->id, g_steal_pointer (&before), after);
  return TRUE;
}

/* A new row goes last in its group unless the caller placed it */
static gint64
next_position (sqlite3 *db, const char *table, GVariant *row)
{
  const char *const *group = verkan_schema_position_group (table);
  g_autofree char *quoted = verkan_sql_quote (table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 position = 0;

  g_string_printf (sql, "SELECT COALESCE(MAX(position) + 1, 0) FROM %s WHERE 1", quoted);
  for (guint i = 0; group[i]; i++)
    {
      g_autofree char *c = verkan_sql_quote (group[i]);
      g_string_append_printf (sql, " AND %s IS ?%u", c, i + 1);
    }
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  for (guint i = 0; group[i]; i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (row, group[i], NULL);
      verkan_sql_bind (stmt, i + 1, value);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    position = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return position;
}

static gboolean
apply_insert (VerkanCommand *self, sqlite3 *db, Intent *intent, GError **error)
{
  g_autofree char *table = verkan_sql_quote (intent->table);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) slots = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = NULL;
  GVariantDict dict;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  sqlite3_stmt *stmt = NULL;
  GVariant *after;
  gint64 id;
  gboolean ok;

  if (!check_identifier (db, intent->table, NULL, error))
    return FALSE;

  g_variant_dict_init (&dict, intent->value);
  if (!g_variant_dict_contains (&dict, "uuid") &&
      verkan_schema_has_column (db, intent->table, "uuid"))
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_variant_dict_insert (&dict, "uuid", "s", uuid);
    }
  if (!g_variant_dict_contains (&dict, "position") &&
      verkan_schema_has_column (db, intent->table, "position"))
    g_variant_dict_insert (&dict, "position", "x", next_position (db, intent->table, intent->value));

  {
    g_autoptr(GVariant) row = g_variant_ref_sink (g_variant_dict_end (&dict));

    g_variant_iter_init (&iter, row);
    while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
      {
        g_autofree char *c = verkan_sql_quote (key);

        if (!g_str_equal (key, "id") && !verkan_schema_has_column (db, intent->table, key))
          {
            g_variant_unref (value);
            return check_identifier (db, intent->table, key, error);
          }
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", c);
        g_string_append_printf (slots, "%s?%u", slots->len ? ", " : "", values->len + 1);
        g_ptr_array_add (values, value);
      }
  }

  if (values->len == 0)
    sql = g_strdup_printf ("INSERT INTO %s DEFAULT VALUES", table);
  else
    sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, names->str, slots->str);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  for (guint i = 0; i < values->len; i++)
    verkan_sql_bind (stmt, i + 1, g_ptr_array_index (values, i));
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    verkan_sql_set_error (error, db);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  id = sqlite3_last_insert_rowid (db);
  after = verkan_sql_read_row (db, intent->table, id, error);
  if (after == NULL)
    return FALSE;
  g_array_append_val (self->inserted_ids, id);
  add_image (self, intent->table, id, NULL, after);
  return TRUE;
}

/* Removes a row after the rows that belong to it, recording each */
static gboolean
delete_tree (VerkanCommand *self, sqlite3 *db, const char *table, gint64 id, GError **error)
{
  g_auto(GStrv) children = verkan_schema_dup_children (db, table);
  GVariant *before;

  for (guint i = 0; children[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (children[i], ".", 2);
      g_autofree char *child = verkan_sql_quote (parts[0]);
      g_autofree char *fk = verkan_sql_quote (parts[1]);
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1", child, fk);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          verkan_sql_set_error (error, db);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 child_id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, child_id);
        }
      sqlite3_finalize (stmt);

      for (guint j = 0; j < ids->len; j++)
        if (!delete_tree (self, db, parts[0], g_array_index (ids, gint64, j), error))
          return FALSE;
    }

  before = verkan_sql_read_row (db, table, id, error);
  if (before == NULL)
    return error == NULL || *error == NULL;  /* already gone: nothing to record */
  if (!write_image (db, table, id, NULL, error))
    {
      g_variant_unref (before);
      return FALSE;
    }
  add_image (self, table, id, before, NULL);
  return TRUE;
}

gboolean
verkan_command_apply (VerkanCommand *self, sqlite3 *db, GError **error)
{
  g_return_val_if_fail (VERKAN_IS_COMMAND (self), FALSE);

  if (self->applied_once)
    {
      /* redo: the images, in order */
      for (guint i = 0; i < self->images->len; i++)
        {
          Image *image = g_ptr_array_index (self->images, i);
          if (!write_image (db, image->table, image->id, image->after, error))
            return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < self->intents->len; i++)
    {
      Intent *intent = g_ptr_array_index (self->intents, i);
      gboolean ok = FALSE;

      switch (intent->kind)
        {
        case INTENT_UPDATE:
          ok = apply_update (self, db, intent, error);
          break;
        case INTENT_INSERT:
          ok = apply_insert (self, db, intent, error);
          break;
        case INTENT_DELETE:
          ok = check_identifier (db, intent->table, NULL, error) &&
               delete_tree (self, db, intent->table, intent->id, error);
          break;
        }
      if (!ok)
        {
          /* the caller rolls the transaction back; forget what was seen */
          g_ptr_array_set_size (self->images, 0);
          g_array_set_size (self->inserted_ids, 0);
          return FALSE;
        }
    }
  self->applied_once = TRUE;
  return TRUE;
}

gboolean
verkan_command_revert (VerkanCommand *self, sqlite3 *db, GError **error)
{
  g_return_val_if_fail (VERKAN_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (self->applied_once, FALSE);

  for (guint i = self->images->len; i > 0; i--)
    {
      Image *image = g_ptr_array_index (self->images, i - 1);
      if (!write_image (db, image->table, image->id, image->before, error))
        return FALSE;
    }
  return TRUE;
}

GStrv
verkan_command_dup_tables (VerkanCommand *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->images->len; i++)
    {
      Image *image = g_ptr_array_index (self->images, i);
      if (g_hash_table_add (seen, image->table))
        g_strv_builder_add (builder, image->table);
    }
  return g_strv_builder_end (builder);
}

static Intent *
single_update (VerkanCommand *command)
{
  Intent *intent;

  if (command->intents->len != 1 || command->images->len != 1)
    return NULL;
  intent = g_ptr_array_index (command->intents, 0);
  return intent->kind == INTENT_UPDATE ? intent : NULL;
}

gboolean
verkan_command_try_merge (VerkanCommand *self, VerkanCommand *later)
{
  Intent *mine = single_update (self);
  Intent *theirs = single_update (later);
  Image *my_image, *their_image;

  if (mine == NULL || theirs == NULL ||
      mine->id != theirs->id ||
      g_strcmp0 (mine->table, theirs->table) != 0 ||
      g_strcmp0 (mine->column, theirs->column) != 0)
    return FALSE;

  my_image = g_ptr_array_index (self->images, 0);
  their_image = g_ptr_array_index (later->images, 0);
  g_clear_pointer (&my_image->after, g_variant_unref);
  my_image->after = g_variant_ref (their_image->after);
  g_clear_pointer (&mine->value, g_variant_unref);
  mine->value = theirs->value ? g_variant_ref (theirs->value) : NULL;
  return TRUE;
}
