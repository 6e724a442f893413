/* verkan-own-measure-dialog.h: an own measure and its values.
 *
 * Title, unit, source and direction, and a table of values (year by
 * municipality) the user types in with Swedish numbers, or fills from a
 * CSV file through "Importera CSV…" (semicolons and decimal commas as
 * Excel writes them).  Every change is an undoable edit. */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_OWN_MEASURE_DIALOG (verkan_own_measure_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkanOwnMeasureDialog, verkan_own_measure_dialog, VERKAN, OWN_MEASURE_DIALOG, AdwWindow)

/* @measure_id 0: creates a new measure first (one undo step) */
GtkWidget *verkan_own_measure_dialog_new            (VerkanProject          *project,
                                                     gint64                  measure_id,
                                                     GtkWindow              *parent);
gint64     verkan_own_measure_dialog_get_measure_id (VerkanOwnMeasureDialog *self);
/* what "Importera CSV…" does once the file dialog has answered */
void       verkan_own_measure_dialog_import         (VerkanOwnMeasureDialog *self,
                                                     GFile                  *file);

G_END_DECLS
