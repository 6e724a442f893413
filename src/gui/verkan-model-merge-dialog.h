/* verkan-model-merge-dialog.h: what a municipality changed in a returned
 * model, to accept or reject change by change; conflicts stand out and
 * start rejected */
#pragma once

#include <adwaita.h>
#include "verkan-model-exchange.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_MERGE_DIALOG (verkan_model_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelMergeDialog, verkan_model_merge_dialog, VERKAN, MODEL_MERGE_DIALOG, AdwWindow)

/* Takes @merge.  ::applied () after the accepted changes were written
 * (one undo step); the dialog shows errors itself */
GtkWidget *verkan_model_merge_dialog_new (GtkWindow        *parent,
                                          VerkanModelMerge *merge);

G_END_DECLS
