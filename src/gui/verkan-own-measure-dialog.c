/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-own-measure-dialog.h"

struct _VerkanOwnMeasureDialog { AdwWindow parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanOwnMeasureDialog, verkan_own_measure_dialog, ADW_TYPE_WINDOW)
static void verkan_own_measure_dialog_class_init (VerkanOwnMeasureDialogClass *klass) { }
static void verkan_own_measure_dialog_init (VerkanOwnMeasureDialog *self) { }

GtkWidget *
verkan_own_measure_dialog_new (VerkanProject *project, gint64 measure_id, GtkWindow *parent)
{
  return NULL;
}

gint64
verkan_own_measure_dialog_get_measure_id (VerkanOwnMeasureDialog *self)
{
  return 0;
}

void
verkan_own_measure_dialog_import (VerkanOwnMeasureDialog *self, GFile *file)
{
  
}
