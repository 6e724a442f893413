/* verkan-resources.h: data compiled into verkan-core (migrations, the XML
 * schema, the offline catalogs) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* name is relative to the core's resource root: "schema/verkan.rng" */
GBytes *verkan_resources_lookup (const char *name);

G_END_DECLS
