/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-kolada-store.h"

GQuark
verkan_kolada_error_quark (void)
{
  return 0;
}

const char *
verkan_gender_to_code (VerkanGender gender)
{
  return NULL;
}

int
verkan_gender_from_code (const char *code)
{
  return 0;
}

const char *
verkan_value_origin_to_string (VerkanValueOrigin origin)
{
  return NULL;
}

int
verkan_value_origin_from_string (const char *text)
{
  return 0;
}

GArray *
verkan_kolada_rows_new (void)
{
  return NULL;
}

gboolean
verkan_kolada_parse_data_page (GBytes *page, GArray *rows, char **next_url, GError **error)
{
  return 0;
}

void
verkan_kolada_kpi_record_free (VerkanKoladaKpiRecord *record)
{
  
}

gboolean
verkan_kolada_parse_kpi_page (GBytes *page, GPtrArray *records, char **next_url, GError **error)
{
  return 0;
}

gboolean
verkan_kolada_store_rows (struct sqlite3 *db, const VerkanKoladaRequest *request, GArray *rows, GPtrArray *kpis, gboolean complete, VerkanValueOrigin origin, const char *fetched_at, GError **error)
{
  return 0;
}

char *
verkan_kolada_store_dup_from_date (struct sqlite3 *db, const VerkanKoladaRequest *request)
{
  return NULL;
}

gboolean
verkan_kolada_store_import_file (VerkanProject *project, const char *path, GError **error)
{
  return 0;
}

GPtrArray *
verkan_kolada_store_list_values (VerkanProject *project, const char *const *kpis, const char *const *municipalities, GError **error)
{
  return NULL;
}

GVariant *
verkan_kolada_store_get_kpi (VerkanProject *project, const char *id)
{
  return NULL;
}

gboolean
verkan_kolada_store_put_group (struct sqlite3 *db, const char *id, const char *title, const char *const *members, const char *fetched_at, GError **error)
{
  return 0;
}
