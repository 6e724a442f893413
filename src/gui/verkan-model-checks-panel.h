/* verkan-model-checks-panel.h: the gaps the checks find in one model,
 * kept current as the model is edited; activating one selects its card */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_CHECKS_PANEL (verkan_model_checks_panel_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelChecksPanel, verkan_model_checks_panel, VERKAN, MODEL_CHECKS_PANEL, AdwBin)

/* ::problem-activated (gint64 element_id, gint64 link_id): either may be 0 */
GtkWidget *verkan_model_checks_panel_new       (void);
void       verkan_model_checks_panel_set_model (VerkanModelChecksPanel *self,
                                                VerkanProject          *project,
                                                gint64                  model_id);
guint      verkan_model_checks_panel_get_n_problems (VerkanModelChecksPanel *self);
/* checks again now, rather than a moment after the next edit */
void       verkan_model_checks_panel_refresh   (VerkanModelChecksPanel *self);

G_END_DECLS
