/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-spec.h"

VerkanChartSpec *
verkan_chart_spec_new (void)
{
  return NULL;
}

VerkanChartSpec *
verkan_chart_spec_copy (const VerkanChartSpec *spec)
{
  return NULL;
}

void
verkan_chart_spec_free (VerkanChartSpec *spec)
{
  
}

VerkanChartSpec *
verkan_chart_spec_from_json (const char *json, GError **error)
{
  return NULL;
}

char *
verkan_chart_spec_to_json (const VerkanChartSpec *spec)
{
  return NULL;
}

const char *
verkan_chart_kind_to_string (VerkanChartKind kind)
{
  return NULL;
}

int
verkan_chart_kind_from_string (const char *text)
{
  return 0;
}

const char *
verkan_chart_kind_label (VerkanChartKind kind)
{
  return NULL;
}
