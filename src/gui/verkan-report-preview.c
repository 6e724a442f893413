/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-preview.h"

struct _VerkanReportPreview { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanReportPreview, verkan_report_preview, ADW_TYPE_BIN)
static void verkan_report_preview_class_init (VerkanReportPreviewClass *klass) { }
static void verkan_report_preview_init (VerkanReportPreview *self) { }

GtkWidget *
verkan_report_preview_new (VerkanProject *project)
{
  return g_object_new (VERKAN_TYPE_REPORT_PREVIEW, NULL);
}

void
verkan_report_preview_show_section (VerkanReportPreview *self, gint64 section_id)
{
  
}

void
verkan_report_preview_update (VerkanReportPreview *self)
{
  
}

guint
verkan_report_preview_get_n_pages (VerkanReportPreview *self)
{
  return 0;
}

guint
verkan_report_preview_get_n_updates (VerkanReportPreview *self)
{
  return 0;
}
