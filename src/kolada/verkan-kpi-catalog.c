/* stub: to be written */
#include "config.h"
#include "verkan-kpi-catalog.h"

VerkanKpiCatalog *
verkan_kpi_catalog_get_default (void)
{
  return NULL;
}

VerkanKpiCatalog *
verkan_kpi_catalog_new_from_file (const char *path, GError **error)
{
  (void) path;
  (void) error;
  return NULL;
}

void
verkan_kpi_catalog_free (VerkanKpiCatalog *self)
{
  (void) self;
}

guint
verkan_kpi_catalog_get_n_kpis (VerkanKpiCatalog *self)
{
  (void) self;
  return 0;
}

const VerkanKpi  *
verkan_kpi_catalog_lookup (VerkanKpiCatalog *self, const char *id)
{
  (void) self;
  (void) id;
  return NULL;
}

GPtrArray        *
verkan_kpi_catalog_search (VerkanKpiCatalog *self, const char *query, guint limit)
{
  (void) self;
  (void) query;
  (void) limit;
  return NULL;
}

