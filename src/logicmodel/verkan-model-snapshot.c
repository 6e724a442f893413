/* verkan-model-snapshot.c: one logic model as plain data */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "verkan-model-snapshot.h"

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

/* --- reading from the project ------------------------------------------ */

static char *
dup_text (GVariant *row, const char *column)
{
  const char *value = NULL;
  return g_variant_lookup (row, column, "&s", &value) ? g_strdup (value) : NULL;
}

static gint64
get_int (GVariant *row, const char *column, gint64 fallback)
{
  gint64 value = fallback;
  g_variant_lookup (row, column, "x", &value);
  return value;
}

static gboolean
get_double (GVariant *row, const char *column, double *value)
{
  g_autoptr(GVariant) v = g_variant_lookup_value (row, column, NULL);

  if (v == NULL)
    return FALSE;
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    *value = g_variant_get_double (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    *value = (double) g_variant_get_int64 (v);
  else
    return FALSE;
  return TRUE;
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

VerkanModelSnapshot *
verkan_model_snapshot_load (VerkanProject *project, gint64 model_id, GError **error)
{
  g_autoptr(VerkanModelSnapshot) self = NULL;
  g_autoptr(GVariant) model = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) links = NULL;

  model = verkan_project_get_row (project, "logic_model", model_id, error);
  if (model == NULL)
    return NULL;

  self = verkan_model_snapshot_new (NULL);
  g_free (self->title);
  self->id = model_id;
  self->uuid = dup_text (model, "uuid");
  self->title = dup_text (model, "title");
  self->municipality = dup_text (model, "municipality");
  self->date = dup_text (model, "date");
  self->show_assumptions = get_int (model, "show_assumptions", 0) != 0;
  self->show_external = get_int (model, "show_external", 0) != 0;

  elements = verkan_project_list_rows (project, "model_element", "model_id",
                                       g_variant_new_int64 (model_id), error);
  if (elements == NULL)
    return NULL;
  for (guint i = 0; i < elements->len; i++)
    {
      GVariant *row = g_ptr_array_index (elements, i);
      VerkanModelElement *element = g_new0 (VerkanModelElement, 1);
      g_autofree char *column = dup_text (row, "column_kind");
      g_autoptr(GPtrArray) indicators = NULL;
      int index = verkan_model_column_from_token (column);

      element->id = get_int (row, "id", 0);
      element->uuid = dup_text (row, "uuid");
      element->column = index >= 0 ? (VerkanModelColumn) index : VERKAN_MODEL_COLUMN_ACTIVITIES;
      element->position = (int) get_int (row, "position", 0);
      element->title = dup_text (row, "title");
      element->text = dup_text (row, "text");
      element->responsible = dup_text (row, "responsible");
      element->status = dup_text (row, "status");
      element->pinned = get_int (row, "pinned", 0) != 0;
      g_ptr_array_add (self->elements, element);

      indicators = verkan_project_list_rows (project, "indicator", "element_id",
                                             g_variant_new_int64 (element->id), error);
      if (indicators == NULL)
        return NULL;
      for (guint j = 0; j < indicators->len; j++)
        {
          GVariant *irow = g_ptr_array_index (indicators, j);
          VerkanModelIndicator *indicator = g_new0 (VerkanModelIndicator, 1);

          indicator->id = get_int (irow, "id", 0);
          indicator->uuid = dup_text (irow, "uuid");
          indicator->element_id = element->id;
          indicator->name = dup_text (irow, "name");
          indicator->unit = dup_text (irow, "unit");
          indicator->kolada_kpi = dup_text (irow, "kolada_kpi");
          indicator->source = dup_text (irow, "source");
          indicator->has_baseline_value = get_double (irow, "baseline_value", &indicator->baseline_value);
          indicator->baseline_year = (int) get_int (irow, "baseline_year", 0);
          indicator->has_target_value = get_double (irow, "target_value", &indicator->target_value);
          indicator->target_year = (int) get_int (irow, "target_year", 0);
          indicator->higher_is_better = get_int (irow, "higher_is_better", 1) != 0;
          g_ptr_array_add (self->indicators, indicator);
        }
      element->n_indicators = indicators->len;
    }
  /* list_rows orders by model, then column token, which is not the
   * drawing order of the columns */
  g_ptr_array_sort (self->elements, verkan_model_element_compare);

  links = verkan_project_list_rows (project, "model_link", "model_id",
                                    g_variant_new_int64 (model_id), error);
  if (links == NULL)
    return NULL;
  for (guint i = 0; i < links->len; i++)
    {
      GVariant *row = g_ptr_array_index (links, i);
      VerkanModelLink *link = g_new0 (VerkanModelLink, 1);

      link->id = get_int (row, "id", 0);
      link->uuid = dup_text (row, "uuid");
      link->from_id = get_int (row, "from_id", 0);
      link->to_id = get_int (row, "to_id", 0);
      link->rationale = dup_text (row, "rationale");
      g_ptr_array_add (self->links, link);
    }

  return g_steal_pointer (&self);
}
