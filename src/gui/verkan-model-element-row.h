/* verkan-model-element-row.h: one card of a logic model in the form view:
 * its title and status in the header; expanded, its title, text,
 * responsible unit, status, indicators and outgoing links
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"
#include "verkan-record.h"
#include "verkan-record-list.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_ELEMENT_ROW (verkan_model_element_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelElementRow, verkan_model_element_row, VERKAN, MODEL_ELEMENT_ROW, AdwExpanderRow)

/* @record: a model_element row; @elements: all cards of its model, which
 * its links may lead to.  The editors are made when the row is first
 * expanded, so that a long list of collapsed rows is cheap. */
GtkWidget    *verkan_model_element_row_new          (VerkanProject         *project,
                                                     VerkanRecord          *record,
                                                     VerkanRecordList      *elements);
VerkanRecord *verkan_model_element_row_get_record   (VerkanModelElementRow *self);
/* Where the card stands in its column: which way it can move */
void          verkan_model_element_row_set_position (VerkanModelElementRow *self,
                                                     guint                  index,
                                                     guint                  n_items);
/* Whether the editors have been made (the row was expanded once) */
gboolean      verkan_model_element_row_has_editors  (VerkanModelElementRow *self);
/* Expands the row and puts the keyboard focus into the card's title */
void          verkan_model_element_row_focus_title  (VerkanModelElementRow *self);

G_END_DECLS
