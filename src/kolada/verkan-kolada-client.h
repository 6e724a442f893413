/* verkan-kolada-client.h: talking to Kolada's v3 API.
 *
 * All network work runs in a GTask worker thread with a SoupSession of its
 * own, so nothing blocks the window.  Requests split id lists into parts of
 * at most 25 ids, follow next_url until done, honour 429 Retry-After with a
 * backoff of 2, 4, 8 s, retry 5xx a few times, and give up after the
 * client's timeout.  A value fetch writes into the project file through a
 * connection of its own, in one transaction, only after every page has
 * arrived: a failure or a cancel leaves the earlier values as they were. */
#pragma once

#include <gio/gio.h>

#include "verkan-kolada-store.h"
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_KOLADA_DEFAULT_BASE_URL "https://api.kolada.se/v3/"
#define VERKAN_KOLADA_MAX_IDS 25

/* Called on the thread-default main context of the caller; @done and
 * @total count requests (total grows when a page says there is another);
 * @message is a translated line such as "Hämtar N31807 för 4 kommuner (2 av 3)". */
typedef void (*VerkanKoladaProgressFunc) (guint        done,
                                          guint        total,
                                          const char  *message,
                                          gpointer     user_data);

#define VERKAN_TYPE_KOLADA_CLIENT (verkan_kolada_client_get_type ())
G_DECLARE_FINAL_TYPE (VerkanKoladaClient, verkan_kolada_client, VERKAN, KOLADA_CLIENT, GObject)

/* @base_url NULL: the GSettings key "kolada-base-url" of se.verkan.Verkan
 * when that schema is installed, else VERKAN_KOLADA_DEFAULT_BASE_URL.
 * A trailing slash is optional ("http://127.0.0.1:4711/v3"). */
VerkanKoladaClient *verkan_kolada_client_new          (const char          *base_url);
const char         *verkan_kolada_client_get_base_url (VerkanKoladaClient  *self);
/* seconds per request; default from GSettings "kolada-timeout" or 30 */
void                verkan_kolada_client_set_timeout  (VerkanKoladaClient  *self,
                                                       guint                seconds);
/* For tests: the first backoff after a 429 without Retry-After (default 2 s) */
void                verkan_kolada_client_set_backoff  (VerkanKoladaClient  *self,
                                                       double               seconds);

/* The result of a value fetch */
typedef struct {
  guint  n_requests;   /* HTTP requests made, retries included */
  guint  n_values;     /* rows stored (with or without a value) */
  guint  n_deleted;    /* rows removed: isdeleted, or gone from a full fetch */
  char  *fetched_at;   /* ISO 8601 UTC */
  char  *from_date;    /* the from_date used, NULL for a full fetch */
} VerkanKoladaFetchSummary;

void verkan_kolada_fetch_summary_free (VerkanKoladaFetchSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanKoladaFetchSummary, verkan_kolada_fetch_summary_free)

/* Fetches @request's values for @project (which must have a path and be
 * writable) and stores them.  When every pair was fetched before, only
 * changes since then are asked for (from_date) unless @full is TRUE.
 * Group ids also get their title and members stored in kolada_group. */
void                      verkan_kolada_client_fetch_values_async  (VerkanKoladaClient         *self,
                                                                    VerkanProject              *project,
                                                                    const VerkanKoladaRequest  *request,
                                                                    gboolean                    full,
                                                                    GCancellable               *cancellable,
                                                                    VerkanKoladaProgressFunc    progress,
                                                                    gpointer                    progress_data,
                                                                    GAsyncReadyCallback         callback,
                                                                    gpointer                    user_data);
VerkanKoladaFetchSummary *verkan_kolada_client_fetch_values_finish (VerkanKoladaClient         *self,
                                                                    GAsyncResult               *result,
                                                                    GError                    **error);
/* The same, blocking, for the CLI's worker and tests on a thread */
VerkanKoladaFetchSummary *verkan_kolada_client_fetch_values        (VerkanKoladaClient         *self,
                                                                    const char                 *project_path,
                                                                    const VerkanKoladaRequest  *request,
                                                                    gboolean                    full,
                                                                    GCancellable               *cancellable,
                                                                    VerkanKoladaProgressFunc    progress,
                                                                    gpointer                    progress_data,
                                                                    GError                    **error);

/* Refreshes the KPI catalog from /v3/kpi (all pages) and writes it to the
 * user's cache (verkan_kpi_catalog_cache_path()), atomically; the default
 * catalog picks it up (verkan_kpi_catalog_reload_default).  Returns the
 * number of KPIs, 0 on error. */
void  verkan_kolada_client_refresh_catalog_async  (VerkanKoladaClient   *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
guint verkan_kolada_client_refresh_catalog_finish (VerkanKoladaClient   *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Municipality groups whose title contains @title (/v3/municipality_groups?title=),
 * as a GPtrArray of VerkanMunicipalityGroup * (verkan-group-catalog.h) owned
 * by the array.  Offline callers fall back to verkan_group_catalog_*. */
void       verkan_kolada_client_find_groups_async  (VerkanKoladaClient   *self,
                                                    const char           *title,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray *verkan_kolada_client_find_groups_finish (VerkanKoladaClient   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
