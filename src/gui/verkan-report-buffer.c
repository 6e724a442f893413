/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-buffer.h"

struct _VerkanReportBuffer { GtkTextBuffer parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanReportBuffer, verkan_report_buffer, GTK_TYPE_TEXT_BUFFER)
static void verkan_report_buffer_class_init (VerkanReportBufferClass *klass) { }
static void verkan_report_buffer_init (VerkanReportBuffer *self) { }

VerkanReportBuffer *
verkan_report_buffer_new (void)
{
  return NULL;
}

void
verkan_report_buffer_load (VerkanReportBuffer *self, const VerkanReportBody *body)
{
  
}

VerkanReportBody *
verkan_report_buffer_dup_body (VerkanReportBuffer *self)
{
  return NULL;
}

void
verkan_report_buffer_toggle_flag (VerkanReportBuffer *self, VerkanReportSpanFlags flag)
{
  
}

void
verkan_report_buffer_set_paragraph_kind (VerkanReportBuffer *self, VerkanReportItemKind kind)
{
  
}

void
verkan_report_buffer_set_link (VerkanReportBuffer *self, const char *href)
{
  
}

void
verkan_report_buffer_insert_note (VerkanReportBuffer *self, const char *text)
{
  
}

void
verkan_report_buffer_insert_ref (VerkanReportBuffer *self, const char *block_id)
{
  
}

char *
verkan_report_buffer_insert_block (VerkanReportBuffer *self, const char *block_kind, const char *block_ref)
{
  return NULL;
}
