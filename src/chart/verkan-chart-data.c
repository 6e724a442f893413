/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-data.h"

VerkanChartData *
verkan_chart_data_new (VerkanChartKind kind, int first_year, int n_years)
{
  return NULL;
}

VerkanChartSeries *
verkan_chart_data_add_series (VerkanChartData *data, const char *id, const char *label, VerkanSeriesRole role)
{
  return NULL;
}

void
verkan_chart_data_free (VerkanChartData *data)
{
  
}

gboolean
verkan_chart_data_get_range (const VerkanChartData *data, double *min, double *max)
{
  return 0;
}

VerkanChartData *
verkan_chart_data_load (VerkanProject *project, const VerkanChartSpec *spec, const char *title, const char *caption, GError **error)
{
  return NULL;
}

VerkanChartData *
verkan_chart_data_load_chart (VerkanProject *project, gint64 chart_id, GError **error)
{
  return NULL;
}
