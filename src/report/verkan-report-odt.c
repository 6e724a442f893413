/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-odt.h"

gboolean
verkan_report_write_odt (const VerkanReportDocument *doc, const char *path, VerkanReportExportFlags flags, GCancellable *cancellable, VerkanReportProgress progress, gpointer progress_data, GError **error)
{
  return 0;
}
