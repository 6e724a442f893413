/* verkan-models-page.h: the Logikmodeller page: the project's models in a
 * list (new, duplicate, rename, delete, freeze, send to a municipality,
 * import what comes back, export a picture), the selected model as a
 * canvas or a form, the side panel for the selected card or link, and
 * the checks.  In an exchange file it shows the one model, simplified. */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODELS_PAGE (verkan_models_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelsPage, verkan_models_page, VERKAN, MODELS_PAGE, AdwBin)

GtkWidget     *verkan_models_page_new         (VerkanProject    *project);
VerkanProject *verkan_models_page_get_project (VerkanModelsPage *self);
/* the model shown, 0 for none */
gint64         verkan_models_page_get_model_id (VerkanModelsPage *self);
void           verkan_models_page_show_model  (VerkanModelsPage *self,
                                               gint64            model_id);

/* What the page's actions do once the file dialog has answered: */
/* a picture of the model shown, PNG, SVG or PDF by @file's ending, drawn
 * in a worker thread; a toast says when it is written */
void           verkan_models_page_export_image (VerkanModelsPage *self,
                                                GFile            *file);
/* "Skicka till kommun": the exchange file of the model shown */
void           verkan_models_page_send_to     (VerkanModelsPage *self,
                                               GFile            *file);
/* "Ta emot från kommun": reads a returned file and shows what changed */
void           verkan_models_page_receive     (VerkanModelsPage *self,
                                               GFile            *file);

G_END_DECLS
