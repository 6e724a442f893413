/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-drawing.h"

GQuark
verkan_chart_drawing_error_quark (void)
{
  return 0;
}

void
verkan_chart_style_init (VerkanChartStyle *style)
{
  
}

VerkanChartLayout *
verkan_chart_layout_new (const VerkanChartData *data, const VerkanChartStyle *style, PangoContext *context, double width, double height)
{
  return NULL;
}

void
verkan_chart_layout_free (VerkanChartLayout *layout)
{
  
}

void
verkan_chart_layout_draw (VerkanChartLayout *layout, cairo_t *cr)
{
  
}

const VerkanChartRect *
verkan_chart_layout_get_plot_area (VerkanChartLayout *layout)
{
  return NULL;
}

const VerkanChartRect *
verkan_chart_layout_get_legend (VerkanChartLayout *layout)
{
  return NULL;
}

const VerkanChartTicks *
verkan_chart_layout_get_ticks (VerkanChartLayout *layout)
{
  return NULL;
}

const VerkanChartPoint *
verkan_chart_layout_get_points (VerkanChartLayout *layout, guint *n_points)
{
  return NULL;
}

const VerkanChartRect *
verkan_chart_layout_get_labels (VerkanChartLayout *layout, guint *n_labels)
{
  return NULL;
}

int
verkan_chart_layout_hit (VerkanChartLayout *layout, double x, double y, double max_distance)
{
  return 0;
}

int
verkan_chart_layout_step (VerkanChartLayout *layout, int from, int dx, int dy)
{
  return 0;
}

char *
verkan_chart_layout_describe_point (VerkanChartLayout *layout, int point)
{
  return NULL;
}

void
verkan_chart_draw (cairo_t *cr, const VerkanChartData *data, const VerkanChartStyle *style, double width, double height)
{
  
}

gboolean
verkan_chart_export (const VerkanChartData *data, const VerkanChartStyle *style, const char *path, double width, double height, double scale, GError **error)
{
  return 0;
}
