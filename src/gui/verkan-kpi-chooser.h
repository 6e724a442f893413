/* verkan-kpi-chooser.h: a dialog to find a Kolada KPI in the offline
 * catalog by id or title words, as you type */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_KPI_CHOOSER (verkan_kpi_chooser_get_type ())
G_DECLARE_FINAL_TYPE (VerkanKpiChooser, verkan_kpi_chooser, VERKAN, KPI_CHOOSER, AdwWindow)

/* ::kpi-chosen (const char *id, const char *title) when one is picked */
GtkWidget *verkan_kpi_chooser_new (GtkWindow  *parent,
                                   const char *initial_query);

G_END_DECLS
