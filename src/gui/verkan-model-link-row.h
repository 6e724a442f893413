/* verkan-model-link-row.h: one outgoing link of a card in the form view:
 * the card it leads to, chosen from the cards in later columns, and its
 * rationale, the if–then assumption, editable in place
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

#define VERKAN_TYPE_MODEL_LINK_ROW (verkan_model_link_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelLinkRow, verkan_model_link_row, VERKAN, MODEL_LINK_ROW, GtkListBoxRow)

/* @record: a model_link row; @elements: the cards of the model, to name
 * the target and offer the others; @links: the outgoing links of the same
 * card, whose targets cannot be chosen twice */
GtkWidget    *verkan_model_link_row_new             (VerkanProject      *project,
                                                     VerkanRecord       *record,
                                                     VerkanRecordList   *elements,
                                                     GListModel         *links);
VerkanRecord *verkan_model_link_row_get_record      (VerkanModelLinkRow *self);
void          verkan_model_link_row_focus_rationale (VerkanModelLinkRow *self);

/* Called with the id of the card chosen in a target popover */
typedef void (*VerkanModelTargetChosenFunc) (gpointer user_data,
                                             gint64   element_id);

/* A popover for @menu_button that lists, each time it opens, the cards a
 * link from @from_id may lead to: those in later columns (from a band:
 * in any of the six columns), by column.  Targets of @links other than
 * @current_to_id are shown but cannot be chosen.  @user_data must outlive
 * the menu button. */
void          verkan_model_link_targets_attach      (GtkMenuButton      *menu_button,
                                                     VerkanRecordList   *elements,
                                                     GListModel         *links,
                                                     gint64              from_id,
                                                     gint64              current_to_id,
                                                     VerkanModelTargetChosenFunc chosen,
                                                     gpointer            user_data);
/* Lists the targets now, as opening the popover does (for tests) */
void          verkan_model_link_targets_refresh     (GtkMenuButton      *menu_button);
/* Changes the link that @menu_button's targets are shown for */
void          verkan_model_link_targets_set_current (GtkMenuButton      *menu_button,
                                                     gint64              current_to_id);

G_END_DECLS
