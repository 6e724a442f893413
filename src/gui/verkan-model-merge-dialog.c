/* stub: to be written */
#include "config.h"
#include "verkan-model-merge-dialog.h"

struct _VerkanModelMergeDialog { AdwWindow parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelMergeDialog, verkan_model_merge_dialog, ADW_TYPE_WINDOW)

static void verkan_model_merge_dialog_class_init (VerkanModelMergeDialogClass *klass)
{
  g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void verkan_model_merge_dialog_init (VerkanModelMergeDialog *self) { }

GtkWidget *
verkan_model_merge_dialog_new (GtkWindow *parent, VerkanModelMerge *merge)
{
  (void) parent;
  (void) merge;
  return g_object_new (verkan_model_merge_dialog_get_type (), NULL);
}

