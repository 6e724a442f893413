/* verkan-model-card.h: one card of the logic model canvas
 *
 * A focusable widget with the card's title, its short text, a badge for
 * its status and one for its number of indicators, and a small handle on
 * its right edge to drag a link from.  The canvas places it and handles
 * the pointer and the keys; the card only shows an element.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "verkan-model-snapshot.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_CARD (verkan_model_card_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelCard, verkan_model_card, VERKAN, MODEL_CARD, GtkWidget)

GtkWidget *verkan_model_card_new             (void);
/* Shows @element (copies what it needs; the element may go away) */
void       verkan_model_card_set_element     (VerkanModelCard          *self,
                                              const VerkanModelElement *element);
gint64     verkan_model_card_get_element_id  (VerkanModelCard          *self);
void       verkan_model_card_set_selected    (VerkanModelCard          *self,
                                              gboolean                  selected);
gboolean   verkan_model_card_get_selected    (VerkanModelCard          *self);
/* Marks the card a link being made from the keyboard would point to */
void       verkan_model_card_set_link_target (VerkanModelCard          *self,
                                              gboolean                  target);
/* Hides the texts while the canvas edits the title over the card */
void       verkan_model_card_set_editing     (VerkanModelCard          *self,
                                              gboolean                  editing);

G_END_DECLS
