/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-group-catalog.h"

VerkanMunicipalityGroup *
verkan_municipality_group_new (const char *id, const char *title, const char *const *members)
{
  return NULL;
}

VerkanMunicipalityGroup *
verkan_municipality_group_copy (const VerkanMunicipalityGroup *group)
{
  return NULL;
}

void
verkan_municipality_group_free (VerkanMunicipalityGroup *group)
{
  
}

const VerkanMunicipalityGroup *
verkan_group_catalog_lookup (const char *id)
{
  return NULL;
}

const VerkanMunicipalityGroup *
verkan_group_catalog_similar_for (const char *code)
{
  return NULL;
}

GPtrArray *
verkan_group_catalog_search (const char *query, guint limit)
{
  return NULL;
}

char *
verkan_kolada_area_label (const char *id)
{
  return NULL;
}

char *
verkan_kolada_area_short_label (const char *id)
{
  return NULL;
}
