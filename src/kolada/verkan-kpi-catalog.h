/* verkan-kpi-catalog.h: Kolada's key figures (KPIs) as shipped with
 * Verkan in data/kolada/kpi.json, for finding one offline by its id or
 * words of its title.  The Kolada issue adds the refresh from /v3/kpi and
 * full-text search; this is the offline core both use. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;                     /* "N31807" */
  const char *title;                  /* "Invånare som någon gång under året …" */
  /* Known once the catalog has been refreshed from /v3/kpi (or for the
   * KPIs a project has fetched); "" / NULL / FALSE in the shipped catalog */
  const char *description;            /* never NULL */
  gboolean    is_divided_by_gender;
  const char *municipality_type;      /* "K", "L", "A" or NULL */
  const char *publication_date;       /* "2024-03-19" or NULL */
  const char *prel_publication_date;  /* or NULL */
} VerkanKpi;

typedef struct _VerkanKpiCatalog VerkanKpiCatalog;

/* The catalog of this installation, loaded once (thread-safe): the user's
 * refreshed copy (verkan_kpi_catalog_cache_path ()) when there is a valid
 * one, else the one shipped in data/kolada/. */
VerkanKpiCatalog *verkan_kpi_catalog_get_default (void);
/* Makes the next get_default () read the cache again (after a refresh).
 * A catalog returned earlier stays valid for the life of the process. */
void              verkan_kpi_catalog_reload_default (void);
/* $XDG_CACHE_HOME/verkan/kolada/kpi.json */
char             *verkan_kpi_catalog_cache_path (void);
/* Whether the default catalog came from a refresh, and when (ISO 8601
 * date of the cache file's change, NULL for the shipped one) */
char             *verkan_kpi_catalog_dup_refreshed_at (VerkanKpiCatalog *self);
/* a catalog from a JSON file in the /v3/kpi answer format (all pages
 * concatenated into one "values" list), or a bare array of KPI records */
VerkanKpiCatalog *verkan_kpi_catalog_new_from_file (const char *path,
                                                    GError    **error);
void              verkan_kpi_catalog_free      (VerkanKpiCatalog *self);
guint             verkan_kpi_catalog_get_n_kpis (VerkanKpiCatalog *self);
/* NULL when unknown; the id is matched exactly, ignoring case */
const VerkanKpi  *verkan_kpi_catalog_lookup    (VerkanKpiCatalog *self,
                                                const char       *id);
/* The KPIs matching every word of @query in their id or title, ignoring
 * case (å, ä and ö too), each word also as the start of a longer word
 * ("bistånd ekon" finds "ekonomiskt bistånd"); full-text search with an
 * SQLite FTS5 index built when the catalog loads.  Best first: an exact
 * id, then ids that start with the query, then titles in Swedish order.
 * At most @limit (0: all).
 * Returns a GPtrArray of const VerkanKpi * owned by the catalog.
 * Any thread may search; searches of one catalog take turns (a mutex). */
GPtrArray        *verkan_kpi_catalog_search    (VerkanKpiCatalog *self,
                                                const char       *query,
                                                guint             limit);

G_END_DECLS
