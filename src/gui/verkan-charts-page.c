/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-charts-page.h"

struct _VerkanChartsPage { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanChartsPage, verkan_charts_page, ADW_TYPE_BIN)
static void verkan_charts_page_class_init (VerkanChartsPageClass *klass) { }
static void verkan_charts_page_init (VerkanChartsPage *self) { }

GtkWidget *
verkan_charts_page_new (VerkanProject *project)
{
  return NULL;
}

VerkanProject *
verkan_charts_page_get_project (VerkanChartsPage *self)
{
  return NULL;
}

gint64
verkan_charts_page_get_chart_id (VerkanChartsPage *self)
{
  return 0;
}

void
verkan_charts_page_show_chart (VerkanChartsPage *self, gint64 chart_id)
{
  
}

void
verkan_charts_page_export_chart (VerkanChartsPage *self, GFile *file)
{
  
}

void
verkan_charts_page_refresh (VerkanChartsPage *self)
{
  
}
