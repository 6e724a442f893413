/* verkan-chart-view.h: one chart on screen.
 *
 * Draws a VerkanChartData with the core renderer (verkan-chart-drawing.h)
 * so the screen shows what the export and the report print.  Hovering a
 * point shows its exact value in a tooltip; the view is focusable and the
 * arrow keys move between points (Left/Right along a series, Up/Down
 * between series), announcing each point to the screen reader.  It follows
 * the light or dark style of AdwStyleManager. */
#pragma once

#include <gtk/gtk.h>

#include "verkan-chart-data.h"
#include "verkan-chart-drawing.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_CHART_VIEW (verkan_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkanChartView, verkan_chart_view, VERKAN, CHART_VIEW, GtkWidget)

GtkWidget             *verkan_chart_view_new          (void);
/* takes ownership of @data (may be NULL: an empty view) */
void                   verkan_chart_view_set_data     (VerkanChartView *self,
                                                       VerkanChartData *data);
const VerkanChartData *verkan_chart_view_get_data     (VerkanChartView *self);
/* a small, non-interactive rendering for the gallery: no source line,
 * smaller text, not focusable */
void                   verkan_chart_view_set_thumbnail (VerkanChartView *self,
                                                        gboolean         thumbnail);
/* the point with keyboard focus, -1 for none (index into the layout's points) */
int                    verkan_chart_view_get_focus_point (VerkanChartView *self);
void                   verkan_chart_view_set_focus_point (VerkanChartView *self,
                                                          int              point);
/* The description of the focused point ("Hallsberg 2021: 4,4 %"), or NULL */
char                  *verkan_chart_view_dup_focus_description (VerkanChartView *self);

/* Whether the chart draws its title (default TRUE); the page shows it
 * above the chart instead, as the report prints it as a caption */
void                   verkan_chart_view_set_show_title (VerkanChartView *self,
                                                         gboolean         show_title);
/* The layout for the view's current size (made when needed), or NULL
 * before the view has a size or data; for tests and the page */
VerkanChartLayout     *verkan_chart_view_get_layout   (VerkanChartView *self);

G_END_DECLS
