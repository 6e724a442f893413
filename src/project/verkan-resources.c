/* verkan-resources.c: the core's GResource, reached by name */
#include "config.h"

#include <gio/gio.h>

#include "verkan-core-resources.h"
#include "verkan-resources.h"

GBytes *
verkan_resources_lookup (const char *name)
{
  g_autofree char *path = g_strconcat ("/se/verkan/Verkan/core/", name, NULL);

  /* Referencing the generated getter keeps its object, and the constructor
   * that registers the resource, in a static link. */
  (void) verkan_core_get_resource ();
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}
