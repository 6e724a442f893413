/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-chart-editor.h"

struct _VerkanChartEditor { AdwWindow parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanChartEditor, verkan_chart_editor, ADW_TYPE_WINDOW)
static void verkan_chart_editor_class_init (VerkanChartEditorClass *klass) { }
static void verkan_chart_editor_init (VerkanChartEditor *self) { }

GtkWidget *
verkan_chart_editor_new (VerkanProject *project, gint64 chart_id, GtkWindow *parent)
{
  return NULL;
}

gint64
verkan_chart_editor_get_chart_id (VerkanChartEditor *self)
{
  return 0;
}
