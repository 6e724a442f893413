/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-export.h"

gboolean
verkan_report_format_parse (const char *text, VerkanReportFormat *format)
{
  return 0;
}

void
verkan_report_export_async (VerkanProject *project, VerkanReportFormat format, const char *path, VerkanReportExportFlags flags, GCancellable *cancellable, VerkanReportProgress progress, gpointer progress_data, GAsyncReadyCallback callback, gpointer user_data)
{
  
}

gboolean
verkan_report_export_finish (VerkanProject *project, GAsyncResult *result, GError **error)
{
  return 0;
}

gboolean
verkan_report_export (VerkanProject *project, VerkanReportFormat format, const char *path, VerkanReportExportFlags flags, GCancellable *cancellable, VerkanReportProgress progress, gpointer progress_data, GError **error)
{
  return 0;
}
