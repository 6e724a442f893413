/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-view.h"

struct _VerkanChartView { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanChartView, verkan_chart_view, GTK_TYPE_WIDGET)
static void verkan_chart_view_class_init (VerkanChartViewClass *klass) { }
static void verkan_chart_view_init (VerkanChartView *self) { }

GtkWidget *
verkan_chart_view_new (void)
{
  return NULL;
}

void
verkan_chart_view_set_data (VerkanChartView *self, VerkanChartData *data)
{
  
}

const VerkanChartData *
verkan_chart_view_get_data (VerkanChartView *self)
{
  return NULL;
}

void
verkan_chart_view_set_thumbnail (VerkanChartView *self, gboolean thumbnail)
{
  
}

int
verkan_chart_view_get_focus_point (VerkanChartView *self)
{
  return 0;
}

void
verkan_chart_view_set_focus_point (VerkanChartView *self, int point)
{
  
}

char *
verkan_chart_view_dup_focus_description (VerkanChartView *self)
{
  return NULL;
}
