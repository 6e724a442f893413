/* verkan-kpi-catalog.c: Kolada's key figures, offline, found by id or by
 * the words of their titles
 *
 * The catalog is read once from data/kolada/kpi.json (compiled into the
 * core's resources; build-aux/make-kpi-catalog.py makes it from Kolada's
 * KPI groups).  Each KPI keeps its id and title case-folded next to it, and
 * the catalog keeps one order of all KPIs by title in Swedish order, so a
 * search is one pass over ~3,000 short strings with nothing to sort but
 * the few ids that start with the query.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "verkan-format.h"
#include "verkan-kpi-catalog.h"
#include "verkan-resources.h"

typedef struct {
  VerkanKpi   kpi;
  const char *folded_id;
  const char *folded_title;
  const char *sort_key;    /* the title, for Swedish order */
} Entry;

struct _VerkanKpiCatalog
{
  GStringChunk *strings;
  Entry        *entries;      /* by id, as in the file */
  guint         n_entries;
  guint        *by_title;     /* indices into entries, in Swedish title order */
  GHashTable   *by_id;        /* upper-case id → Entry */
};

static int
compare_by_title (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Entry *entries = user_data;
  const Entry *x = &entries[*(const guint *) a];
  const Entry *y = &entries[*(const guint *) b];
  int order = strcmp (x->sort_key, y->sort_key);

  return order != 0 ? order : strcmp (x->kpi.id, y->kpi.id);
}

static int
compare_entry_ids (gconstpointer a,
                   gconstpointer b)
{
  const Entry *x = a, *y = b;

  return strcmp (x->folded_id, y->folded_id);
}

/* Accepts Kolada's wrapping ({"values": [...]}) or a bare array */
static VerkanKpiCatalog *
catalog_from_parser (JsonParser  *parser,
                     GError     **error)
{
  JsonNode *root = json_parser_get_root (parser);
  JsonArray *values = NULL;
  VerkanKpiCatalog *self;
  GArray *entries;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (json_object_has_member (object, "values")
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "values")))
        values = json_object_get_array_member (object, "values");
    }
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      values = json_node_get_array (root);
    }

  if (values == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The KPI catalog is not a list of KPIs"));
      return NULL;
    }

  self = g_new0 (VerkanKpiCatalog, 1);
  self->strings = g_string_chunk_new (64 * 1024);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), json_array_get_length (values));

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      JsonObject *object;
      const char *id, *title;
      g_autofree char *folded_id = NULL;
      g_autofree char *folded_title = NULL;
      g_autofree char *sort_key = NULL;
      Entry entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      title = json_object_get_string_member_with_default (object, "title", NULL);
      if (id == NULL || *id == '\0' || title == NULL)
        continue;

      folded_id = g_utf8_casefold (id, -1);
      folded_title = g_utf8_casefold (title, -1);
      sort_key = verkan_swedish_sort_key (folded_title);

      entry.kpi.id = g_string_chunk_insert_const (self->strings, id);
      entry.kpi.title = g_string_chunk_insert_const (self->strings, title);
      entry.folded_id = g_string_chunk_insert_const (self->strings, folded_id);
      entry.folded_title = g_string_chunk_insert_const (self->strings, folded_title);
      entry.sort_key = g_string_chunk_insert (self->strings, sort_key);
      g_array_append_val (entries, entry);
    }

  /* By id, so that ids that start with the query come out in order */
  g_array_sort (entries, compare_entry_ids);

  self->n_entries = entries->len;
  self->entries = (Entry *) g_array_free (entries, FALSE);

  self->by_title = g_new (guint, MAX (self->n_entries, 1));
  for (guint i = 0; i < self->n_entries; i++)
    {
      g_autofree char *upper = g_ascii_strup (self->entries[i].kpi.id, -1);

      self->by_title[i] = i;
      /* A duplicate id keeps its first title */
      if (!g_hash_table_contains (self->by_id, upper))
        g_hash_table_insert (self->by_id,
                             (gpointer) g_string_chunk_insert_const (self->strings, upper),
                             &self->entries[i]);
    }
  g_qsort_with_data (self->by_title, self->n_entries, sizeof (guint),
                     compare_by_title, self->entries);

  return self;
}

VerkanKpiCatalog *
verkan_kpi_catalog_new_from_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  return catalog_from_parser (parser, error);
}

static VerkanKpiCatalog *
load_default (void)
{
  g_autoptr(GBytes) bytes = verkan_resources_lookup ("kolada/kpi.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VerkanKpiCatalog *self = NULL;

  if (bytes != NULL
      && json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error))
    self = catalog_from_parser (parser, &error);

  if (self == NULL)
    {
      /* An installation without its catalog still works: nothing is found */
      g_warning ("No KPI catalog: %s", error != NULL ? error->message : "missing resource");
      self = g_new0 (VerkanKpiCatalog, 1);
      self->strings = g_string_chunk_new (64);
      self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
      self->by_title = g_new (guint, 1);
    }

  return self;
}

VerkanKpiCatalog *
verkan_kpi_catalog_get_default (void)
{
  static gsize catalog = 0;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, (gsize) load_default ());

  return (VerkanKpiCatalog *) catalog;
}

void
verkan_kpi_catalog_free (VerkanKpiCatalog *self)
{
  if (self == NULL)
    return;

  /* The default catalog lives as long as the process */
  g_return_if_fail (self != verkan_kpi_catalog_get_default ());

  g_hash_table_unref (self->by_id);
  g_free (self->by_title);
  g_free (self->entries);
  g_string_chunk_free (self->strings);
  g_free (self);
}

guint
verkan_kpi_catalog_get_n_kpis (VerkanKpiCatalog *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

const VerkanKpi *
verkan_kpi_catalog_lookup (VerkanKpiCatalog *self,
                           const char       *id)
{
  g_autofree char *upper = NULL;
  const Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;

  upper = g_ascii_strup (id, -1);
  g_strstrip (upper);
  entry = g_hash_table_lookup (self->by_id, upper);

  return entry != NULL ? &entry->kpi : NULL;
}

static gboolean
matches_all (const Entry *entry,
             char       **words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (entry->folded_id, words[i]) == NULL
        && strstr (entry->folded_title, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static int
compare_kpi_ids (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  return strcmp (x->folded_id, y->folded_id);
}

GPtrArray *
verkan_kpi_catalog_search (VerkanKpiCatalog *self,
                           const char       *query,
                           guint             limit)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) starting = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  const Entry *exact = NULL;
  GPtrArray *result = g_ptr_array_new ();
  guint want;

  g_return_val_if_fail (self != NULL, result);

  want = limit == 0 ? G_MAXUINT : limit;

  folded = g_utf8_casefold (query != NULL ? query : "", -1);
  g_strstrip (folded);
  words = g_strsplit_set (folded, " \t\n\r", -1);
  /* Runs of spaces leave empty words, which match anything: drop them */
  {
    guint kept = 0;

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (*words[i] != '\0')
          words[kept++] = words[i];
        else
          g_free (words[i]);
      }
    words[kept] = NULL;
  }

  /* In title order, so each group comes out sorted without sorting */
  for (guint i = 0; i < self->n_entries; i++)
    {
      const Entry *entry = &self->entries[self->by_title[i]];

      if (!matches_all (entry, words))
        continue;

      if (*folded != '\0' && strcmp (entry->folded_id, folded) == 0)
        exact = entry;
      else if (*folded != '\0' && g_str_has_prefix (entry->folded_id, folded))
        g_ptr_array_add (starting, (gpointer) entry);
      else if (others->len < want)
        g_ptr_array_add (others, (gpointer) entry);
    }

  g_ptr_array_sort (starting, compare_kpi_ids);

  if (exact != NULL && result->len < want)
    g_ptr_array_add (result, (gpointer) &exact->kpi);
  for (guint i = 0; i < starting->len && result->len < want; i++)
    g_ptr_array_add (result, &((Entry *) g_ptr_array_index (starting, i))->kpi);
  for (guint i = 0; i < others->len && result->len < want; i++)
    g_ptr_array_add (result, &((Entry *) g_ptr_array_index (others, i))->kpi);

  return result;
}
