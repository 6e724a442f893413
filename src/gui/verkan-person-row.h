/* verkan-person-row.h: one person in the project organisation */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_PERSON_ROW (verkan_person_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanPersonRow, verkan_person_row, VERKAN, PERSON_ROW, AdwExpanderRow)

/* municipalities: the project's municipality rows (VerkanRecord), to
 * choose the person's municipality from */
GtkWidget    *verkan_person_row_new         (VerkanProject *project,
                                             VerkanRecord  *record,
                                             GListModel    *municipalities);
VerkanRecord *verkan_person_row_get_record  (VerkanPersonRow *self);
/* Opens the row and puts the focus on the name */
void          verkan_person_row_focus_name  (VerkanPersonRow *self);

G_END_DECLS
