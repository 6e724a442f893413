/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-report-editor.h"

struct _VerkanReportEditor { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanReportEditor, verkan_report_editor, ADW_TYPE_BIN)
static void verkan_report_editor_class_init (VerkanReportEditorClass *klass) { }
static void verkan_report_editor_init (VerkanReportEditor *self) { }

GtkWidget *
verkan_report_editor_new (VerkanProject *project)
{
  return g_object_new (VERKAN_TYPE_REPORT_EDITOR, NULL);
}

void
verkan_report_editor_set_section (VerkanReportEditor *self, gint64 section_id)
{
  
}

gint64
verkan_report_editor_get_section (VerkanReportEditor *self)
{
  return 0;
}

void
verkan_report_editor_flush (VerkanReportEditor *self)
{
  
}

GtkTextView *
verkan_report_editor_get_view (VerkanReportEditor *self)
{
  return NULL;
}

void
verkan_report_editor_insert_block (VerkanReportEditor *self, const char *block_kind, const char *block_ref)
{
  
}
