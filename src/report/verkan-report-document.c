/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-document.h"

VerkanReportDocument *
verkan_report_document_build (VerkanProject *project, VerkanReportBuildFlags flags, GError **error)
{
  return NULL;
}

VerkanReportDocument *
verkan_report_document_new (const char *title)
{
  return NULL;
}

void
verkan_report_document_free (VerkanReportDocument *doc)
{
  
}

VerkanReportBlock *
verkan_report_document_add_heading (VerkanReportDocument *doc, guint level, const char *number, const char *text)
{
  return NULL;
}

VerkanReportBlock *
verkan_report_document_add_paragraph (VerkanReportDocument *doc, VerkanReportItemKind style, const char *text)
{
  return NULL;
}

VerkanReportRun *
verkan_report_block_add_run (VerkanReportBlock *block, const char *text, VerkanReportSpanFlags flags)
{
  return NULL;
}

VerkanReportBlock *
verkan_report_document_add_table (VerkanReportDocument *doc, const char *label, const char *caption, guint n_columns, guint n_header_rows)
{
  return NULL;
}

void
verkan_report_block_add_row (VerkanReportBlock *table, const char *const *cells)
{
  
}

VerkanReportBlock *
verkan_report_document_add_chart (VerkanReportDocument *doc, const char *label, const char *caption, VerkanChartData *chart)
{
  return NULL;
}

VerkanReportBlock *
verkan_report_document_add_model (VerkanReportDocument *doc, const char *label, const char *caption, VerkanModelSnapshot *model)
{
  return NULL;
}

VerkanReportAppendix *
verkan_report_document_add_appendix (VerkanReportDocument *doc, VerkanReportAppendixKind kind, const char *title, const char *date, const char *path, VerkanModelSnapshot *model)
{
  return NULL;
}

void
verkan_report_figure_draw (const VerkanReportBlock *figure, cairo_t *cr, double width, double height)
{
  
}

void
verkan_report_model_draw (VerkanModelSnapshot *model, cairo_t *cr, double width, double height)
{
  
}

const char *
verkan_report_document_word (const VerkanReportDocument *doc, const char *english)
{
  return NULL;
}
