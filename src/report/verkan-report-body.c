/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-body.h"

GQuark
verkan_report_body_error_quark (void)
{
  return 0;
}

const char *
verkan_report_block_kind_label (const char *kind)
{
  return NULL;
}

VerkanReportBody *
verkan_report_body_new (void)
{
  return NULL;
}

VerkanReportBody *
verkan_report_body_parse (const char *xml, GError **error)
{
  return NULL;
}

char *
verkan_report_body_to_xml (const VerkanReportBody *body)
{
  return NULL;
}

char *
verkan_report_body_to_plain (const VerkanReportBody *body)
{
  return NULL;
}

VerkanReportBody *
verkan_report_body_copy (const VerkanReportBody *body)
{
  return NULL;
}

void
verkan_report_body_free (VerkanReportBody *body)
{
  
}

VerkanReportItem *
verkan_report_body_add_paragraph (VerkanReportBody *body, VerkanReportItemKind kind)
{
  return NULL;
}

VerkanReportSpan *
verkan_report_item_add_span (VerkanReportItem *item, VerkanReportSpanKind kind, VerkanReportSpanFlags flags, const char *text)
{
  return NULL;
}

VerkanReportItem *
verkan_report_body_add_block (VerkanReportBody *body, const char *block_kind, const char *block_ref, const char *block_id)
{
  return NULL;
}
const char *const verkan_report_block_kinds[] = { NULL };
