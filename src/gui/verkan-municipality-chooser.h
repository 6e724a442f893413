/* verkan-municipality-chooser.h: a dialog to pick one of Sweden's 290
 * municipalities by typing a part of its name */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_MUNICIPALITY_CHOOSER (verkan_municipality_chooser_get_type ())
G_DECLARE_FINAL_TYPE (VerkanMunicipalityChooser, verkan_municipality_chooser, VERKAN, MUNICIPALITY_CHOOSER, AdwWindow)

/* taken: Kolada codes already in the project, shown but not pickable.
 * The dialog emits ::chosen (code, name) and closes when one is picked. */
VerkanMunicipalityChooser *verkan_municipality_chooser_new (GtkWindow          *parent,
                                                            const char * const *taken);

G_END_DECLS
