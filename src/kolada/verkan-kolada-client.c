/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-kolada-client.h"

struct _VerkanKoladaClient { GObject parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanKoladaClient, verkan_kolada_client, G_TYPE_OBJECT)
static void verkan_kolada_client_class_init (VerkanKoladaClientClass *klass) { }
static void verkan_kolada_client_init (VerkanKoladaClient *self) { }

VerkanKoladaClient *
verkan_kolada_client_new (const char *base_url)
{
  return NULL;
}

const char *
verkan_kolada_client_get_base_url (VerkanKoladaClient *self)
{
  return NULL;
}

void
verkan_kolada_client_set_timeout (VerkanKoladaClient *self, guint seconds)
{
  
}

void
verkan_kolada_client_set_backoff (VerkanKoladaClient *self, double seconds)
{
  
}

void
verkan_kolada_fetch_summary_free (VerkanKoladaFetchSummary *summary)
{
  
}

void
verkan_kolada_client_fetch_values_async (VerkanKoladaClient *self, VerkanProject *project, const VerkanKoladaRequest *request, gboolean full, GCancellable *cancellable, VerkanKoladaProgressFunc progress, gpointer progress_data, GAsyncReadyCallback callback, gpointer user_data)
{
  
}

VerkanKoladaFetchSummary *
verkan_kolada_client_fetch_values_finish (VerkanKoladaClient *self, GAsyncResult *result, GError **error)
{
  return NULL;
}

VerkanKoladaFetchSummary *
verkan_kolada_client_fetch_values (VerkanKoladaClient *self, const char *project_path, const VerkanKoladaRequest *request, gboolean full, GCancellable *cancellable, VerkanKoladaProgressFunc progress, gpointer progress_data, GError **error)
{
  return NULL;
}

void
verkan_kolada_client_refresh_catalog_async (VerkanKoladaClient *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  
}

guint
verkan_kolada_client_refresh_catalog_finish (VerkanKoladaClient *self, GAsyncResult *result, GError **error)
{
  return 0;
}

void
verkan_kolada_client_find_groups_async (VerkanKoladaClient *self, const char *title, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  
}

GPtrArray *
verkan_kolada_client_find_groups_finish (VerkanKoladaClient *self, GAsyncResult *result, GError **error)
{
  return NULL;
}
