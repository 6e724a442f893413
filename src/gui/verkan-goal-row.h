/* verkan-goal-row.h: one project goal or effect goal, numbered, with its
 * outcome and the survey answers about it */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_GOAL_ROW (verkan_goal_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanGoalRow, verkan_goal_row, VERKAN, GOAL_ROW, AdwExpanderRow)

GtkWidget    *verkan_goal_row_new           (VerkanProject *project,
                                             VerkanRecord  *record);
VerkanRecord *verkan_goal_row_get_record    (VerkanGoalRow *self);
/* Where the goal stands in its list: gives its number and which way it
 * can move */
void          verkan_goal_row_set_position  (VerkanGoalRow *self,
                                             guint          index,
                                             guint          n_items);
/* Puts the keyboard focus into the goal's text */
void          verkan_goal_row_focus_text    (VerkanGoalRow *self);

G_END_DECLS
