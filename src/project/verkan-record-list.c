/* verkan-record-list.c: the rows of one table as a GListModel */
#include "config.h"

#include "verkan-record-list.h"

struct _VerkanRecordList
{
  GObject        parent_instance;

  VerkanProject *project;
  char          *table;
  char          *filter_column;
  GVariant      *filter_value;
  GPtrArray     *records;
  gulong         changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VerkanRecordList, verkan_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return VERKAN_TYPE_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  return VERKAN_RECORD_LIST (model)->records->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  VerkanRecordList *self = VERKAN_RECORD_LIST (model);

  if (position >= self->records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
verkan_record_list_dispose (GObject *object)
{
  VerkanRecordList *self = VERKAN_RECORD_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_record_list_parent_class)->dispose (object);
}

static void
verkan_record_list_finalize (GObject *object)
{
  VerkanRecordList *self = VERKAN_RECORD_LIST (object);

  g_free (self->table);
  g_free (self->filter_column);
  g_clear_pointer (&self->filter_value, g_variant_unref);
  g_ptr_array_unref (self->records);

  G_OBJECT_CLASS (verkan_record_list_parent_class)->finalize (object);
}

static void
verkan_record_list_class_init (VerkanRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verkan_record_list_dispose;
  object_class->finalize = verkan_record_list_finalize;
}

static void
verkan_record_list_init (VerkanRecordList *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

static gint64
record_id (GPtrArray *records, guint i)
{
  return verkan_record_get_id (g_ptr_array_index (records, i));
}

static gint64
row_id (GVariant *row)
{
  gint64 id = 0;
  g_variant_lookup (row, "id", "x", &id);
  return id;
}

/* Rows that stay keep their record; only the span between the unchanged
 * head and tail is announced, so list widgets rebuild as little as possible. */
void
verkan_record_list_reload (VerkanRecordList *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint old_n, new_n, head = 0, tail = 0;

  g_return_if_fail (VERKAN_IS_RECORD_LIST (self));

  rows = verkan_project_list_rows (self->project, self->table, self->filter_column,
                                   self->filter_value, NULL);
  if (rows == NULL)
    rows = g_ptr_array_new ();  /* unreadable: show nothing rather than stale rows */

  /* the keys point into old_ids, which is filled before any is taken */
  old_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->records->len);
  for (guint i = 0; i < self->records->len; i++)
    {
      gint64 id = record_id (self->records, i);
      g_array_append_val (old_ids, id);
    }
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->records->len; i++)
    g_hash_table_insert (by_id, &g_array_index (old_ids, gint64, i),
                         g_ptr_array_index (self->records, i));

  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      gint64 id = row_id (row);
      VerkanRecord *record = g_hash_table_lookup (by_id, &id);

      if (record == NULL)
        record = verkan_record_new (self->table, row);
      else
        g_object_ref (record);
      g_ptr_array_add (records, record);
    }

  old_n = self->records->len;
  new_n = records->len;
  while (head < old_n && head < new_n &&
         record_id (self->records, head) == record_id (records, head))
    head++;
  while (tail < old_n - head && tail < new_n - head &&
         record_id (self->records, old_n - 1 - tail) == record_id (records, new_n - 1 - tail))
    tail++;

  g_ptr_array_unref (self->records);
  self->records = g_steal_pointer (&records);

  /* values first, so widgets built for new rows see a settled list */
  for (guint i = 0; i < rows->len; i++)
    verkan_record_update (g_ptr_array_index (self->records, i), g_ptr_array_index (rows, i));

  if (old_n - head - tail > 0 || new_n - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old_n - head - tail, new_n - head - tail);
}

static void
on_project_changed (VerkanProject *project, const char *table, VerkanRecordList *self)
{
  verkan_record_list_reload (self);
}

VerkanRecordList *
verkan_record_list_new (VerkanProject *project, const char *table,
                        const char *filter_column, GVariant *filter_value)
{
  VerkanRecordList *self;
  g_autofree char *signal = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_RECORD_LIST, NULL);
  self->project = g_object_ref (project);
  self->table = g_strdup (table);
  self->filter_column = g_strdup (filter_column);
  self->filter_value = filter_value ? g_variant_ref_sink (filter_value) : NULL;

  signal = g_strdup_printf ("changed::%s", table);
  self->changed_id = g_signal_connect (project, signal, G_CALLBACK (on_project_changed), self);
  verkan_record_list_reload (self);
  return self;
}

const char *
verkan_record_list_get_table (VerkanRecordList *self)
{
  g_return_val_if_fail (VERKAN_IS_RECORD_LIST (self), NULL);
  return self->table;
}

VerkanRecord *
verkan_record_list_find (VerkanRecordList *self, gint64 id)
{
  g_return_val_if_fail (VERKAN_IS_RECORD_LIST (self), NULL);

  for (guint i = 0; i < self->records->len; i++)
    if (record_id (self->records, i) == id)
      return g_ptr_array_index (self->records, i);
  return NULL;
}
