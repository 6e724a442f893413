/* verkan-model-form.h: the same model as a form, for staff who would
 * rather fill in than draw: a section per column, a row per card with its
 * indicators and links editable in place.  Edits show on the canvas at
 * once and the other way round: both follow the project. */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_FORM (verkan_model_form_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelForm, verkan_model_form, VERKAN, MODEL_FORM, AdwBin)

/* ::element-activated (gint64 element_id) when a card's row is opened */
GtkWidget *verkan_model_form_new            (void);
void       verkan_model_form_set_model      (VerkanModelForm *self,
                                             VerkanProject   *project,
                                             gint64           model_id);
/* opens and scrolls to the card's row */
void       verkan_model_form_select_element (VerkanModelForm *self,
                                             gint64           element_id);

G_END_DECLS
