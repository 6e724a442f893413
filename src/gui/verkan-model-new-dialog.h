/* verkan-model-new-dialog.h: asking for what a new logic model needs:
 * its title, whose model it is (a municipality or the whole project),
 * its date, and whether to start from the standard template or blank */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_NEW_DIALOG (verkan_model_new_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelNewDialog, verkan_model_new_dialog, VERKAN, MODEL_NEW_DIALOG, AdwMessageDialog)

/* Offers the project's municipalities; the one first without a model is
 * chosen to begin with.  Answers with ::response "create" or "cancel". */
GtkWidget  *verkan_model_new_dialog_new              (GtkWindow            *parent,
                                                      VerkanProject        *project);
/* what the person filled in */
char       *verkan_model_new_dialog_dup_model_title  (VerkanModelNewDialog *self);
/* a Kolada code, or NULL for the whole project */
const char *verkan_model_new_dialog_get_municipality (VerkanModelNewDialog *self);
/* YYYY-MM-DD, or NULL when empty or no valid date */
char       *verkan_model_new_dialog_dup_date         (VerkanModelNewDialog *self);
/* "standard" or "blank" */
const char *verkan_model_new_dialog_get_template     (VerkanModelNewDialog *self);

G_END_DECLS
