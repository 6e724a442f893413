/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-layout.h"

VerkanReportLayout *
verkan_report_layout_new (const VerkanReportDocument *doc, GCancellable *cancellable, GError **error)
{
  return NULL;
}

void
verkan_report_layout_free (VerkanReportLayout *layout)
{
  
}

guint
verkan_report_layout_get_n_pages (VerkanReportLayout *layout)
{
  return 0;
}

void
verkan_report_layout_draw_page (VerkanReportLayout *layout, guint page, cairo_t *cr)
{
  
}

GPtrArray *
verkan_report_layout_get_toc (VerkanReportLayout *layout)
{
  return NULL;
}

int
verkan_report_layout_find_section (VerkanReportLayout *layout, gint64 section_id)
{
  return 0;
}
