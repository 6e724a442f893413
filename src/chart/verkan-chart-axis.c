/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-axis.h"

void
verkan_chart_ticks_compute (double data_min, double data_max, guint target_ticks, gboolean include_zero, VerkanChartTicks *ticks)
{
  
}

double
verkan_chart_ticks_value (const VerkanChartTicks *ticks, guint index)
{
  return NAN;
}

char *
verkan_chart_format_value (double value, int decimals, const char *unit)
{
  return NULL;
}
