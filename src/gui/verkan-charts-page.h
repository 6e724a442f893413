/* verkan-charts-page.h: the Nyckeltal page.
 *
 * The project's saved charts as a gallery (a GtkGridView of live
 * thumbnails) with New, Edit, Duplicate and Delete (undoable, with a
 * toast), and the chosen chart large beside it with its source line and
 * export to PNG, SVG and PDF.  "Uppdatera från Kolada" refetches the
 * values of every chart; offline, a banner says so and the charts show
 * what is stored, with the date it was fetched.  Own measures are edited
 * from here too. */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_CHARTS_PAGE (verkan_charts_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkanChartsPage, verkan_charts_page, VERKAN, CHARTS_PAGE, AdwBin)

GtkWidget     *verkan_charts_page_new           (VerkanProject    *project);
VerkanProject *verkan_charts_page_get_project   (VerkanChartsPage *self);
/* the chart shown large, 0 for none */
gint64         verkan_charts_page_get_chart_id  (VerkanChartsPage *self);
void           verkan_charts_page_show_chart    (VerkanChartsPage *self,
                                                 gint64            chart_id);
/* writes the chart shown, PNG/SVG/PDF by @file's ending, in a worker thread */
void           verkan_charts_page_export_chart  (VerkanChartsPage *self,
                                                 GFile            *file);
/* refetches the values of every chart; progress in the page's bar */
void           verkan_charts_page_refresh       (VerkanChartsPage *self);

G_END_DECLS
