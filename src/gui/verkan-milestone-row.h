/* verkan-milestone-row.h: one step of the time plan, planned and actual */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MILESTONE_ROW (verkan_milestone_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanMilestoneRow, verkan_milestone_row, VERKAN, MILESTONE_ROW, AdwExpanderRow)

GtkWidget    *verkan_milestone_row_new           (VerkanProject      *project,
                                                  VerkanRecord       *record);
VerkanRecord *verkan_milestone_row_get_record    (VerkanMilestoneRow *self);
void          verkan_milestone_row_set_position  (VerkanMilestoneRow *self,
                                                  guint               index,
                                                  guint               n_items);
void          verkan_milestone_row_focus_title   (VerkanMilestoneRow *self);

G_END_DECLS
