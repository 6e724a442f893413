/* verkan-municipality-row.h: a municipality taking part in the project */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MUNICIPALITY_ROW (verkan_municipality_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanMunicipalityRow, verkan_municipality_row, VERKAN, MUNICIPALITY_ROW, AdwActionRow)

GtkWidget    *verkan_municipality_row_new         (VerkanProject         *project,
                                                   VerkanRecord          *record);
VerkanRecord *verkan_municipality_row_get_record  (VerkanMunicipalityRow *self);

G_END_DECLS
