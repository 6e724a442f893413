/* verkan-group-catalog.c: Kolada's municipality groups, offline, and the
 * labels charts and the command line give any Kolada area id
 *
 * The groups come from data/kolada/municipality_groups.json (compiled into
 * the core's resources; build-aux/make-group-catalog.py keeps the groups
 * Verkan compares with out of the 3,309 saved from Kolada).  They are read
 * once, on first use from any thread, and never change after that.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "verkan-format.h"
#include "verkan-group-catalog.h"
#include "verkan-municipality-catalog.h"
#include "verkan-resources.h"

/* Kolada's titles of the groups of municipalities much like one:
 * "Liknande kommuner ekonomiskt bistånd, Hallsberg, 2022" */
#define SIMILAR_PREFIX         "Liknande kommuner "
#define SIMILAR_ECONOMIC_AID   "ekonomiskt bistånd"

typedef struct {
  GPtrArray  *groups;         /* VerkanMunicipalityGroup *, in Swedish title order */
  GPtrArray  *folded_titles;  /* char *, parallel to groups */
  GHashTable *by_id;          /* id → group */
  GHashTable *similar;        /* municipality name → newest "ekonomiskt bistånd" group */
} GroupCatalog;

VerkanMunicipalityGroup *
verkan_municipality_group_new (const char        *id,
                               const char        *title,
                               const char *const *members)
{
  VerkanMunicipalityGroup *group = g_new0 (VerkanMunicipalityGroup, 1);

  group->id = g_strdup (id != NULL ? id : "");
  group->title = g_strdup (title != NULL ? title : "");
  group->members = members != NULL ? g_strdupv ((char **) members) : g_new0 (char *, 1);

  return group;
}

VerkanMunicipalityGroup *
verkan_municipality_group_copy (const VerkanMunicipalityGroup *group)
{
  if (group == NULL)
    return NULL;

  return verkan_municipality_group_new (group->id, group->title,
                                        (const char *const *) group->members);
}

void
verkan_municipality_group_free (VerkanMunicipalityGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->id);
  g_free (group->title);
  g_strfreev (group->members);
  g_free (group);
}

/* "Liknande kommuner <topic>, <name>, <year>": the topic, name and year,
 * or FALSE for any other title */
static gboolean
parse_similar_title (const char  *title,
                     char       **topic,
                     char       **name,
                     guint       *year)
{
  const char *rest, *first_comma, *last_comma;
  guint64 number;

  if (!g_str_has_prefix (title, SIMILAR_PREFIX))
    return FALSE;

  rest = title + strlen (SIMILAR_PREFIX);
  first_comma = strstr (rest, ", ");
  last_comma = g_strrstr (rest, ", ");
  if (first_comma == NULL || last_comma == first_comma
      || !g_ascii_string_to_unsigned (last_comma + 2, 10, 1900, 2999, &number, NULL))
    return FALSE;

  *topic = g_strndup (rest, first_comma - rest);
  *name = g_strndup (first_comma + 2, last_comma - (first_comma + 2));
  *year = (guint) number;

  return TRUE;
}

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  const VerkanMunicipalityGroup *x = *(VerkanMunicipalityGroup * const *) a;
  const VerkanMunicipalityGroup *y = *(VerkanMunicipalityGroup * const *) b;
  g_autofree char *key_x = verkan_swedish_sort_key (x->title);
  g_autofree char *key_y = verkan_swedish_sort_key (y->title);
  int order = strcmp (key_x, key_y);

  return order != 0 ? order : strcmp (x->id, y->id);
}

/* Members as codes ("0192") or as Kolada writes them ({"member_id": "0192"}) */
static GStrv
read_members (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "members");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *members;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strv_builder_end (builder);

  members = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *member = json_array_get_element (members, i);

      if (JSON_NODE_HOLDS_OBJECT (member))
        member = json_object_get_member (json_node_get_object (member), "member_id");
      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (member));
    }

  return g_strv_builder_end (builder);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static GroupCatalog *
load_catalog (void)
{
  GroupCatalog *catalog = g_new0 (GroupCatalog, 1);
  g_autoptr(GBytes) bytes = verkan_resources_lookup ("kolada/municipality_groups.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) similar_years = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *values = NULL;

  catalog->groups = g_ptr_array_new ();
  catalog->folded_titles = g_ptr_array_new ();
  catalog->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  catalog->similar = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (bytes != NULL
      && json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                               "values");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        values = json_node_get_array (node);
    }
  if (values == NULL)
    {
      /* Without its groups Verkan still works: only nothing is found */
      g_warning ("No municipality groups: %s", error != NULL ? error->message : "missing resource");
      return catalog;
    }

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      JsonObject *object;
      const char *id, *title;
      g_auto(GStrv) members = NULL;
      VerkanMunicipalityGroup *group;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = member_string (object, "id");
      title = member_string (object, "title");
      if (id == NULL || *id == '\0' || title == NULL || g_hash_table_contains (catalog->by_id, id))
        continue;

      members = read_members (object);
      group = verkan_municipality_group_new (id, title, (const char *const *) members);
      g_ptr_array_add (catalog->groups, group);
      g_hash_table_insert (catalog->by_id, group->id, group);
    }

  g_ptr_array_sort (catalog->groups, compare_titles);

  for (guint i = 0; i < catalog->groups->len; i++)
    {
      VerkanMunicipalityGroup *group = g_ptr_array_index (catalog->groups, i);
      g_autofree char *topic = NULL;
      char *name = NULL;
      guint year;

      g_ptr_array_add (catalog->folded_titles, g_utf8_casefold (group->title, -1));

      /* The newest year of each municipality's group */
      if (parse_similar_title (group->title, &topic, &name, &year)
          && g_str_equal (topic, SIMILAR_ECONOMIC_AID)
          && GPOINTER_TO_UINT (g_hash_table_lookup (similar_years, name)) < year)
        {
          g_hash_table_insert (similar_years, g_strdup (name), GUINT_TO_POINTER (year));
          g_hash_table_insert (catalog->similar, name, group);
        }
      else
        {
          g_free (name);
        }
    }

  return catalog;
}

static GroupCatalog *
get_catalog (void)
{
  static gsize catalog = 0;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, (gsize) load_catalog ());

  return (GroupCatalog *) catalog;
}

const VerkanMunicipalityGroup *
verkan_group_catalog_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (get_catalog ()->by_id, id);
}

const VerkanMunicipalityGroup *
verkan_group_catalog_similar_for (const char *code)
{
  const VerkanMunicipality *municipality;

  if (code == NULL)
    return NULL;

  municipality = verkan_municipality_catalog_lookup (code);
  if (municipality == NULL || municipality->kind != 'K')
    return NULL;

  return g_hash_table_lookup (get_catalog ()->similar, municipality->name);
}

GPtrArray *
verkan_group_catalog_search (const char *query,
                             guint       limit)
{
  GroupCatalog *catalog = get_catalog ();
  GPtrArray *result = g_ptr_array_new ();
  g_autofree char *valid = g_utf8_make_valid (query != NULL ? query : "", -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (normal, -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  guint want = limit == 0 ? G_MAXUINT : limit;

  for (guint i = 0; i < catalog->groups->len && result->len < want; i++)
    {
      const char *title = g_ptr_array_index (catalog->folded_titles, i);
      gboolean all = TRUE;

      /* Runs of spaces leave empty words, which every title holds */
      for (guint w = 0; all && words[w] != NULL; w++)
        all = strstr (title, words[w]) != NULL;

      if (all)
        g_ptr_array_add (result, g_ptr_array_index (catalog->groups, i));
    }

  return result;
}

char *
verkan_kolada_area_label (const char *id)
{
  const VerkanMunicipality *municipality;
  const VerkanMunicipalityGroup *group;

  if (id == NULL)
    return g_strdup ("");

  municipality = verkan_municipality_catalog_lookup (id);
  if (municipality != NULL)
    return g_strdup (municipality->name);

  /* Kolada's name for the country, should the list ever lack it */
  if (g_str_equal (id, "0000"))
    return g_strdup ("Riket");

  group = verkan_group_catalog_lookup (id);
  if (group != NULL)
    return g_strdup (group->title);

  return g_strdup (id);
}

/* These shorten Kolada's own (Swedish) names, as the reports write them:
 * they are data like the group titles, not the program's words */
char *
verkan_kolada_area_short_label (const char *id)
{
  const VerkanMunicipalityGroup *group;
  g_autofree char *topic = NULL;
  g_autofree char *name = NULL;
  guint year;

  if (id != NULL && g_str_equal (id, VERKAN_GROUP_ALL_MUNICIPALITIES))
    return g_strdup ("Alla kommuner");

  group = verkan_group_catalog_lookup (id);
  if (group != NULL && parse_similar_title (group->title, &topic, &name, &year))
    {
      /* The other kinds keep their topic, so that a chart with both kinds
       * for one municipality tells them apart */
      if (g_str_equal (topic, SIMILAR_ECONOMIC_AID))
        return g_strdup_printf ("Liknande kommuner (%s)", name);
      return g_strdup_printf ("Liknande kommuner %s (%s)", topic, name);
    }

  return verkan_kolada_area_label (id);
}
