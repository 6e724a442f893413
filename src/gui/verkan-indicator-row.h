/* verkan-indicator-row.h: one indicator of a card: name, unit, source
 * (a Kolada KPI or an own measure), baseline and target with their years,
 * and whether higher or lower is better */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_INDICATOR_ROW (verkan_indicator_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanIndicatorRow, verkan_indicator_row, VERKAN, INDICATOR_ROW, AdwExpanderRow)

GtkWidget    *verkan_indicator_row_new        (VerkanProject      *project,
                                               VerkanRecord       *record);
VerkanRecord *verkan_indicator_row_get_record (VerkanIndicatorRow *self);
/* expands the row and puts the focus in the name, for a new indicator */
void          verkan_indicator_row_focus_name (VerkanIndicatorRow *self);

G_END_DECLS
