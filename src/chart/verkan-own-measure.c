/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-own-measure.h"

GQuark
verkan_csv_error_quark (void)
{
  return 0;
}

GArray *
verkan_own_measure_parse_csv (const char *text, gsize length, GError **error)
{
  return NULL;
}

gboolean
verkan_own_measure_set_values (VerkanProject *project, gint64 measure_id, GArray *values, GError **error)
{
  return 0;
}

guint
verkan_own_measure_import_csv (VerkanProject *project, gint64 measure_id, const char *path, GError **error)
{
  return 0;
}

char *
verkan_own_measure_dup_csv (VerkanProject *project, gint64 measure_id, GError **error)
{
  return NULL;
}
