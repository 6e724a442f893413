/* verkan-chart-editor.h: making or changing a chart.
 *
 * A dialog with a live preview: find the KPI (full-text search over the
 * catalog, offline; each KPI shows its title, id, description, whether it
 * is split by gender and its publication dates) or pick an own measure;
 * choose what to compare (the project's municipalities by default, any
 * municipality, Riket, a municipality group, "Liknande kommuner
 * ekonomiskt bistånd, <kommun>" for each project municipality, "Alla
 * kommuner (ovägt medel)"); the years; the kind; the overlays.  "Hämta
 * från Kolada" fetches what is missing in the background with progress
 * and cancel; offline it says so and keeps what is stored.  Saving is one
 * undo step. */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_CHART_EDITOR (verkan_chart_editor_get_type ())
G_DECLARE_FINAL_TYPE (VerkanChartEditor, verkan_chart_editor, VERKAN, CHART_EDITOR, AdwWindow)

/* @chart_id 0: a new chart (saved as a new row when the user saves) */
GtkWidget *verkan_chart_editor_new          (VerkanProject     *project,
                                             gint64             chart_id,
                                             GtkWindow         *parent);
/* the chart saved, 0 before the user saves; "saved" is emitted then */
gint64     verkan_chart_editor_get_chart_id (VerkanChartEditor *self);

G_END_DECLS
