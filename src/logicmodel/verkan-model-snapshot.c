/* verkan-model-snapshot.c: one logic model as plain data */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <sqlite3.h>

#include "verkan-model-snapshot.h"
#include "verkan-sql.h"

typedef struct {
  const char *token;
  const char *label;
} ColumnName;

/* Tokens are stored in files: never rename one */
static const ColumnName column_names[VERKAN_MODEL_N_COLUMNS] = {
  { "resources",          N_("Resources") },
  { "activities",         N_("Activities") },
  { "outputs",            N_("Outputs") },
  { "short-term-effects", N_("Short-term effects") },
  { "long-term-effects",  N_("Long-term effects") },
  { "goals",              N_("Goals") },
  { "assumptions",        N_("Assumptions") },
  { "external-factors",   N_("External factors") },
};

const char *
verkan_model_column_token (VerkanModelColumn column)
{
  g_return_val_if_fail (column < VERKAN_MODEL_N_COLUMNS, NULL);
  return column_names[column].token;
}

int
verkan_model_column_from_token (const char *token)
{
  for (guint i = 0; i < VERKAN_MODEL_N_COLUMNS; i++)
    if (g_strcmp0 (column_names[i].token, token) == 0)
      return (int) i;
  return -1;
}

const char *
verkan_model_column_label (VerkanModelColumn column)
{
  g_return_val_if_fail (column < VERKAN_MODEL_N_COLUMNS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, column_names[column].label);
}

static void
element_free (VerkanModelElement *element)
{
  g_free (element->uuid);
  g_free (element->title);
  g_free (element->text);
  g_free (element->responsible);
  g_free (element->status);
  g_free (element);
}

static void
link_free (VerkanModelLink *link)
{
  g_free (link->uuid);
  g_free (link->rationale);
  g_free (link);
}

static void
indicator_free (VerkanModelIndicator *indicator)
{
  g_free (indicator->uuid);
  g_free (indicator->name);
  g_free (indicator->unit);
  g_free (indicator->kolada_kpi);
  g_free (indicator->source);
  g_free (indicator);
}

VerkanModelSnapshot *
verkan_model_snapshot_new (const char *title)
{
  VerkanModelSnapshot *self = g_new0 (VerkanModelSnapshot, 1);

  self->title = g_strdup (title ? title : "");
  self->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) element_free);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  self->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_free);
  return self;
}

void
verkan_model_snapshot_free (VerkanModelSnapshot *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->title);
  g_free (self->municipality);
  g_free (self->date);
  g_ptr_array_unref (self->elements);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->indicators);
  g_free (self);
}

VerkanModelElement *
verkan_model_snapshot_add_element (VerkanModelSnapshot *self, gint64 id,
                                   VerkanModelColumn column, const char *title)
{
  VerkanModelElement *element = g_new0 (VerkanModelElement, 1);
  int position = 0;

  /* last in its column, as a new card is */
  for (guint i = 0; i < self->elements->len; i++)
    {
      VerkanModelElement *other = g_ptr_array_index (self->elements, i);
      if (other->column == column)
        position = MAX (position, other->position + 1);
    }

  element->id = id;
  element->column = column;
  element->position = position;
  element->title = g_strdup (title ? title : "");
  element->text = g_strdup ("");
  element->responsible = g_strdup ("");
  element->status = g_strdup ("not-assessed");
  g_ptr_array_add (self->elements, element);
  return element;
}

VerkanModelLink *
verkan_model_snapshot_add_link (VerkanModelSnapshot *self, gint64 id, gint64 from_id,
                                gint64 to_id, const char *rationale)
{
  VerkanModelLink *link = g_new0 (VerkanModelLink, 1);

  link->id = id;
  link->from_id = from_id;
  link->to_id = to_id;
  link->rationale = g_strdup (rationale ? rationale : "");
  g_ptr_array_add (self->links, link);
  return link;
}

VerkanModelIndicator *
verkan_model_snapshot_add_indicator (VerkanModelSnapshot *self, gint64 id,
                                     gint64 element_id, const char *name)
{
  VerkanModelIndicator *indicator = g_new0 (VerkanModelIndicator, 1);
  VerkanModelElement *element = verkan_model_snapshot_find_element (self, element_id);

  indicator->id = id;
  indicator->element_id = element_id;
  indicator->name = g_strdup (name ? name : "");
  indicator->unit = g_strdup ("");
  indicator->source = g_strdup ("");
  indicator->higher_is_better = TRUE;
  g_ptr_array_add (self->indicators, indicator);
  if (element != NULL)
    element->n_indicators++;
  return indicator;
}

VerkanModelElement *
verkan_model_snapshot_find_element (VerkanModelSnapshot *self, gint64 id)
{
  for (guint i = 0; i < self->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (self->elements, i);
      if (element->id == id)
        return element;
    }
  return NULL;
}

int
verkan_model_element_compare (gconstpointer a, gconstpointer b)
{
  const VerkanModelElement *x = *(VerkanModelElement * const *) a;
  const VerkanModelElement *y = *(VerkanModelElement * const *) b;

  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* --- reading from the project ------------------------------------------ */

/* The snapshot is read with SQL of its own rather than through
 * verkan_project_list_rows(): three statements for the whole model
 * instead of a query per card, and no GVariant per value.  With 1,000
 * cards this is what opening a model costs. */

static char *
column_dup_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
column_get_double (sqlite3_stmt *stmt, int column, double *value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return FALSE;
  *value = sqlite3_column_double (stmt, column);
  return TRUE;
}

static sqlite3_stmt *
prepare_for_model (sqlite3 *db, const char *sql, gint64 model_id, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, model_id);
  return stmt;
}

/* TRUE when the statement ran to its end; sets @error otherwise */
static gboolean
finish_statement (sqlite3 *db, sqlite3_stmt *stmt, int rc, GError **error)
{
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  verkan_sql_set_error (error, db);
  return FALSE;
}

static int
compare_indicators (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const VerkanModelIndicator *x = *(VerkanModelIndicator *const *) a;
  const VerkanModelIndicator *y = *(VerkanModelIndicator *const *) b;
  GHashTable *order = user_data;
  guint ox = GPOINTER_TO_UINT (g_hash_table_lookup (order, &x->element_id));
  guint oy = GPOINTER_TO_UINT (g_hash_table_lookup (order, &y->element_id));

  /* stable sort: equal keys keep the position order of the query */
  return (ox > oy) - (ox < oy);
}

VerkanModelSnapshot *
verkan_model_snapshot_load (VerkanProject *project, gint64 model_id, GError **error)
{
  sqlite3 *db = verkan_project_get_db (project);
  g_autoptr(VerkanModelSnapshot) self = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) order = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_for_model (db,
                            "SELECT uuid, title, municipality, date, show_assumptions, show_external"
                            " FROM logic_model WHERE id = ?1", model_id, error);
  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                     _("The item no longer exists."));
      else
        verkan_sql_set_error (error, db);
      return NULL;
    }
  self = verkan_model_snapshot_new (NULL);
  g_free (self->title);
  self->id = model_id;
  self->uuid = column_dup_text (stmt, 0);
  self->title = column_dup_text (stmt, 1);
  self->municipality = column_dup_text (stmt, 2);
  self->date = column_dup_text (stmt, 3);
  self->show_assumptions = sqlite3_column_int (stmt, 4) != 0;
  self->show_external = sqlite3_column_int (stmt, 5) != 0;
  sqlite3_finalize (stmt);

  stmt = prepare_for_model (db,
                            "SELECT id, uuid, column_kind, position, title, text, responsible,"
                            " status, pinned FROM model_element WHERE model_id = ?1", model_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VerkanModelElement *element = g_new0 (VerkanModelElement, 1);
      int index = verkan_model_column_from_token ((const char *) sqlite3_column_text (stmt, 2));

      element->id = sqlite3_column_int64 (stmt, 0);
      element->uuid = column_dup_text (stmt, 1);
      element->column = index >= 0 ? (VerkanModelColumn) index : VERKAN_MODEL_COLUMN_ACTIVITIES;
      element->position = sqlite3_column_int (stmt, 3);
      element->title = column_dup_text (stmt, 4);
      element->text = column_dup_text (stmt, 5);
      element->responsible = column_dup_text (stmt, 6);
      element->status = column_dup_text (stmt, 7);
      element->pinned = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (self->elements, element);
      g_hash_table_insert (by_id, &element->id, element);
    }
  if (!finish_statement (db, stmt, rc, error))
    return NULL;
  g_ptr_array_sort (self->elements, verkan_model_element_compare);
  for (guint i = 0; i < self->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (self->elements, i);
      g_hash_table_insert (order, &element->id, GUINT_TO_POINTER (i));
    }

  stmt = prepare_for_model (db,
                            "SELECT i.id, i.uuid, i.element_id, i.name, i.unit, i.kolada_kpi, i.source,"
                            " i.baseline_value, i.baseline_year, i.target_value, i.target_year,"
                            " i.higher_is_better"
                            " FROM indicator AS i JOIN model_element AS e ON e.id = i.element_id"
                            " WHERE e.model_id = ?1 ORDER BY i.position, i.id", model_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VerkanModelIndicator *indicator = g_new0 (VerkanModelIndicator, 1);
      VerkanModelElement *element;

      indicator->id = sqlite3_column_int64 (stmt, 0);
      indicator->uuid = column_dup_text (stmt, 1);
      indicator->element_id = sqlite3_column_int64 (stmt, 2);
      indicator->name = column_dup_text (stmt, 3);
      indicator->unit = column_dup_text (stmt, 4);
      indicator->kolada_kpi = column_dup_text (stmt, 5);
      indicator->source = column_dup_text (stmt, 6);
      indicator->has_baseline_value = column_get_double (stmt, 7, &indicator->baseline_value);
      indicator->baseline_year = sqlite3_column_int (stmt, 8);
      indicator->has_target_value = column_get_double (stmt, 9, &indicator->target_value);
      indicator->target_year = sqlite3_column_int (stmt, 10);
      indicator->higher_is_better = sqlite3_column_int (stmt, 11) != 0;
      g_ptr_array_add (self->indicators, indicator);
      element = g_hash_table_lookup (by_id, &indicator->element_id);
      if (element != NULL)
        element->n_indicators++;
    }
  if (!finish_statement (db, stmt, rc, error))
    return NULL;
  /* by element in drawing order, then position */
  g_ptr_array_sort_with_data (self->indicators, compare_indicators, order);

  stmt = prepare_for_model (db,
                            "SELECT id, uuid, from_id, to_id, rationale FROM model_link"
                            " WHERE model_id = ?1 ORDER BY id", model_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VerkanModelLink *link = g_new0 (VerkanModelLink, 1);

      link->id = sqlite3_column_int64 (stmt, 0);
      link->uuid = column_dup_text (stmt, 1);
      link->from_id = sqlite3_column_int64 (stmt, 2);
      link->to_id = sqlite3_column_int64 (stmt, 3);
      link->rationale = column_dup_text (stmt, 4);
      g_ptr_array_add (self->links, link);
    }
  if (!finish_statement (db, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&self);
}
