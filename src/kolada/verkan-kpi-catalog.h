/* verkan-kpi-catalog.h: Kolada's key figures (KPIs) as shipped with
 * Verkan in data/kolada/kpi.json, for finding one offline by its id or
 * words of its title.  The Kolada issue adds the refresh from /v3/kpi and
 * full-text search; this is the offline core both use. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;      /* "N31807" */
  const char *title;   /* "Invånare 20-64 år med ekonomiskt bistånd, andel (%)" */
} VerkanKpi;

typedef struct _VerkanKpiCatalog VerkanKpiCatalog;

/* The catalog of this installation, loaded once (thread-safe) */
VerkanKpiCatalog *verkan_kpi_catalog_get_default (void);
/* a catalog from a JSON file, for tests */
VerkanKpiCatalog *verkan_kpi_catalog_new_from_file (const char *path,
                                                    GError    **error);
void              verkan_kpi_catalog_free      (VerkanKpiCatalog *self);
guint             verkan_kpi_catalog_get_n_kpis (VerkanKpiCatalog *self);
/* NULL when unknown; the id is matched exactly, ignoring case */
const VerkanKpi  *verkan_kpi_catalog_lookup    (VerkanKpiCatalog *self,
                                                const char       *id);
/* The KPIs matching every word of @query in their id or title, ignoring
 * case (å, ä and ö too); best first: an exact id, then ids that start with
 * the query, then titles in Swedish order.  At most @limit (0: all).
 * Returns a GPtrArray of const VerkanKpi * owned by the catalog. */
GPtrArray        *verkan_kpi_catalog_search    (VerkanKpiCatalog *self,
                                                const char       *query,
                                                guint             limit);

G_END_DECLS
