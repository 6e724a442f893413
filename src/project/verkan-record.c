/* verkan-record.c: one row of a project table */
#include "config.h"

#include "verkan-record.h"

struct _VerkanRecord
{
  GObject   parent_instance;

  char     *table;
  gint64    id;
  GVariant *row;
};

G_DEFINE_FINAL_TYPE (VerkanRecord, verkan_record, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
verkan_record_finalize (GObject *object)
{
  VerkanRecord *self = VERKAN_RECORD (object);

  g_free (self->table);
  g_clear_pointer (&self->row, g_variant_unref);

  G_OBJECT_CLASS (verkan_record_parent_class)->finalize (object);
}

static void
verkan_record_class_init (VerkanRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verkan_record_finalize;

  /* ::changed::<column>, once per changed column */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
verkan_record_init (VerkanRecord *self)
{
}

VerkanRecord *
verkan_record_new (const char *table, GVariant *row)
{
  VerkanRecord *self;

  g_return_val_if_fail (g_variant_is_of_type (row, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (VERKAN_TYPE_RECORD, NULL);
  self->table = g_strdup (table);
  self->row = g_variant_ref_sink (row);
  g_variant_lookup (self->row, "id", "x", &self->id);
  return self;
}

const char *
verkan_record_get_table (VerkanRecord *self)
{
  g_return_val_if_fail (VERKAN_IS_RECORD (self), NULL);
  return self->table;
}

gint64
verkan_record_get_id (VerkanRecord *self)
{
  g_return_val_if_fail (VERKAN_IS_RECORD (self), 0);
  return self->id;
}

GVariant *
verkan_record_get_row (VerkanRecord *self)
{
  g_return_val_if_fail (VERKAN_IS_RECORD (self), NULL);
  return self->row;
}

GVariant *
verkan_record_get_value (VerkanRecord *self, const char *column)
{
  g_return_val_if_fail (VERKAN_IS_RECORD (self), NULL);
  return g_variant_lookup_value (self->row, column, NULL);
}

const char *
verkan_record_get_string (VerkanRecord *self, const char *column)
{
  const char *value = NULL;

  g_return_val_if_fail (VERKAN_IS_RECORD (self), "");
  if (!g_variant_lookup (self->row, column, "&s", &value))
    return "";
  return value;
}

gboolean
verkan_record_has_value (VerkanRecord *self, const char *column)
{
  g_autoptr(GVariant) value = verkan_record_get_value (self, column);
  return value != NULL;
}

gint64
verkan_record_get_int (VerkanRecord *self, const char *column, gint64 fallback)
{
  g_autoptr(GVariant) value = verkan_record_get_value (self, column);

  if (value == NULL)
    return fallback;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return (gint64) g_variant_get_double (value);
  return fallback;
}

double
verkan_record_get_double (VerkanRecord *self, const char *column, double fallback)
{
  g_autoptr(GVariant) value = verkan_record_get_value (self, column);

  if (value == NULL)
    return fallback;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_variant_get_double (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return (double) g_variant_get_int64 (value);
  return fallback;
}

static void
collect_keys (GVariant *row, GHashTable *keys)
{
  GVariantIter iter;
  const char *key;

  g_variant_iter_init (&iter, row);
  while (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    g_hash_table_add (keys, (gpointer) key);
}

gboolean
verkan_record_update (VerkanRecord *self, GVariant *row)
{
  g_autoptr(GVariant) old_row = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  GHashTableIter iter;
  const char *key;

  g_return_val_if_fail (VERKAN_IS_RECORD (self), FALSE);

  row = g_variant_ref_sink (row);
  if (g_variant_equal (row, self->row))
    {
      g_variant_unref (row);
      return FALSE;
    }

  old_row = self->row;
  self->row = row;

  /* both rows stay alive until the end, so their keys may be borrowed */
  keys = g_hash_table_new (g_str_hash, g_str_equal);
  collect_keys (old_row, keys);
  collect_keys (row, keys);
  changed = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      g_autoptr(GVariant) before = g_variant_lookup_value (old_row, key, NULL);
      g_autoptr(GVariant) after = g_variant_lookup_value (row, key, NULL);

      if ((before == NULL) != (after == NULL) ||
          (before != NULL && !g_variant_equal (before, after)))
        g_ptr_array_add (changed, (gpointer) key);
    }

  g_object_ref (self);
  for (guint i = 0; i < changed->len; i++)
    {
      const char *column = g_ptr_array_index (changed, i);
      g_signal_emit (self, signals[CHANGED], g_quark_from_string (column), column);
    }
  g_object_unref (self);
  return TRUE;
}
