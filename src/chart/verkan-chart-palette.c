/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-palette.h"

void
verkan_chart_theme_init (VerkanChartTheme *theme, gboolean dark)
{
  
}

VerkanRgba
verkan_chart_palette_color (guint index, gboolean dark)
{
  VerkanRgba c = {0,0,0,1}; return c;
}

VerkanRgba
verkan_chart_palette_comparison (guint index, gboolean dark)
{
  VerkanRgba c = {0,0,0,1}; return c;
}

VerkanMarker
verkan_chart_palette_marker (guint index)
{
  return 0;
}

void
verkan_chart_palette_set_dash (cairo_t *cr, gboolean comparison, guint index, double line_width)
{
  
}

void
verkan_chart_draw_marker (cairo_t *cr, VerkanMarker marker, double x, double y, double size)
{
  
}

void
verkan_chart_set_source_rgba (cairo_t *cr, const VerkanRgba *color)
{
  
}
