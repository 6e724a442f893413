/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-page.h"

struct _VerkanReportPage { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanReportPage, verkan_report_page, ADW_TYPE_BIN)
static void verkan_report_page_class_init (VerkanReportPageClass *klass) { }
static void verkan_report_page_init (VerkanReportPage *self) { }

GtkWidget *
verkan_report_page_new (VerkanProject *project)
{
  return g_object_new (VERKAN_TYPE_REPORT_PAGE, NULL);
}

VerkanProject *
verkan_report_page_get_project (VerkanReportPage *self)
{
  return NULL;
}

gint64
verkan_report_page_get_section_id (VerkanReportPage *self)
{
  return 0;
}

void
verkan_report_page_show_section (VerkanReportPage *self, gint64 section_id)
{
  
}

GArray *
verkan_report_page_dup_outline_ids (VerkanReportPage *self)
{
  return NULL;
}

void
verkan_report_page_export (VerkanReportPage *self, VerkanReportFormat format, GFile *file)
{
  
}
