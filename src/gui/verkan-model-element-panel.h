/* verkan-model-element-panel.h: the side panel for one card (title, text,
 * responsible unit, status, pinned; its indicators; its evidence
 * documents) or for one link (from, to, its if-then rationale).  Edits go
 * straight to the project, one undo step each, like every other field. */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_ELEMENT_PANEL (verkan_model_element_panel_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelElementPanel, verkan_model_element_panel, VERKAN, MODEL_ELEMENT_PANEL, AdwBin)

GtkWidget *verkan_model_element_panel_new          (VerkanProject           *project);
/* shows this card (0: a hint to select one) */
void       verkan_model_element_panel_set_element  (VerkanModelElementPanel *self,
                                                    gint64                   element_id);
/* shows this link instead */
void       verkan_model_element_panel_set_link     (VerkanModelElementPanel *self,
                                                    gint64                   link_id);
gint64     verkan_model_element_panel_get_element  (VerkanModelElementPanel *self);
/* puts the focus in the card's title (Enter on a card) */
void       verkan_model_element_panel_focus_title  (VerkanModelElementPanel *self);

/* ::item-activated (gint64 element_id, gint64 link_id): the panel moved
 * on its own to a card or a link (a link of the card, or a link's end,
 * was activated); either may be 0.  The canvas selects it too. */

G_END_DECLS
