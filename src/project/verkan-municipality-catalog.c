/* verkan-municipality-catalog.c: the offline list of Kolada municipalities,
 * read once from the JSON saved from Kolada's /municipality (shipped in the
 * core's resources) */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "verkan-format.h"
#include "verkan-municipality-catalog.h"
#include "verkan-resources.h"

static VerkanMunicipality *catalog;
static guint catalog_size;

static int
compare_swedish (gconstpointer a, gconstpointer b)
{
  const VerkanMunicipality *x = a, *y = b;
  g_autofree char *kx = verkan_swedish_sort_key (x->name);
  g_autofree char *ky = verkan_swedish_sort_key (y->name);
  int order = strcmp (kx, ky);
  return order != 0 ? order : strcmp (x->name, y->name);
}

static void
load_catalog (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *values;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (VerkanMunicipality));

  bytes = verkan_resources_lookup ("kolada/municipality.json");
  if (bytes != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));

      values = json_object_get_array_member (root, "values");
      for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
        {
          JsonObject *entry = json_array_get_object_element (values, i);
          const char *id = json_object_get_string_member_with_default (entry, "id", NULL);
          const char *title = json_object_get_string_member_with_default (entry, "title", NULL);
          const char *type = json_object_get_string_member_with_default (entry, "type", "K");
          VerkanMunicipality m;

          if (id == NULL || title == NULL)
            continue;
          m.code = g_intern_string (id);
          m.name = g_intern_string (title);
          m.kind = type[0];
          g_array_append_val (items, m);
        }
    }

  g_array_sort (items, compare_swedish);
  catalog_size = items->len;
  catalog = (VerkanMunicipality *) g_array_free (items, FALSE);
}

const VerkanMunicipality *
verkan_municipality_catalog_get_all (guint *n)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load_catalog ();
      g_once_init_leave (&loaded, 1);
    }
  *n = catalog_size;
  return catalog;
}

const VerkanMunicipality *
verkan_municipality_catalog_lookup (const char *code)
{
  guint n = 0;
  const VerkanMunicipality *all = verkan_municipality_catalog_get_all (&n);

  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (all[i].code, code))
      return &all[i];
  return NULL;
}

const VerkanMunicipality *
verkan_municipality_catalog_find (const char *name)
{
  guint n = 0;
  const VerkanMunicipality *all = verkan_municipality_catalog_get_all (&n);
  g_autofree char *wanted = NULL;

  if (name == NULL)
    return NULL;
  wanted = g_utf8_casefold (name, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *candidate = g_utf8_casefold (all[i].name, -1);
      if (g_str_equal (candidate, wanted))
        return &all[i];
    }
  return NULL;
}
