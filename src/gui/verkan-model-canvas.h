/* verkan-model-canvas.h: a logic model to draw and edit with mouse and
 * keyboard.  The canvas paints the columns, bands and arrows with the core
 * drawing code (verkan-model-drawing.h); each card is a VerkanModelCard
 * child widget placed at its rectangle, so focus, tooltips and the screen
 * reader come from GTK.  It implements GtkScrollable: put it in a
 * GtkScrolledWindow (VerkanModelCanvasView does).
 *
 * It follows the project: every edit (its own, the form view's, undo)
 * arrives as ::changed::<table> and is shown at once. */
#pragma once

#include <gtk/gtk.h>
#include "verkan-project.h"
#include "verkan-model-drawing.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_CANVAS (verkan_model_canvas_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelCanvas, verkan_model_canvas, VERKAN, MODEL_CANVAS, GtkWidget)

GtkWidget     *verkan_model_canvas_new               (void);
/* @project NULL or @model_id 0: empty */
void           verkan_model_canvas_set_model         (VerkanModelCanvas *self,
                                                      VerkanProject     *project,
                                                      gint64             model_id);
VerkanProject *verkan_model_canvas_get_project       (VerkanModelCanvas *self);
gint64         verkan_model_canvas_get_model_id      (VerkanModelCanvas *self);

/* The card the side panel shows: the one last clicked or focused; 0 for
 * none (or when a link is selected) */
gint64         verkan_model_canvas_get_current_element (VerkanModelCanvas *self);
/* the selected link, or 0 */
gint64         verkan_model_canvas_get_current_link  (VerkanModelCanvas *self);
/* ids of every selected card */
GArray        *verkan_model_canvas_dup_selection     (VerkanModelCanvas *self);
/* Selects only this card, scrolls it into view and focuses it */
void           verkan_model_canvas_select_element    (VerkanModelCanvas *self,
                                                      gint64             element_id);
void           verkan_model_canvas_select_link       (VerkanModelCanvas *self,
                                                      gint64             link_id);

/* 1.0 is 100 %; clamped to 0.1 … 4.0 */
double         verkan_model_canvas_get_zoom          (VerkanModelCanvas *self);
void           verkan_model_canvas_set_zoom          (VerkanModelCanvas *self,
                                                      double             zoom);
void           verkan_model_canvas_zoom_to_fit       (VerkanModelCanvas *self);
/* Automatic layout (verkan_model_layout_apply), one undo step, with the
 * cards gliding to their new places */
void           verkan_model_canvas_arrange           (VerkanModelCanvas *self);

/* Signals:
 *   ::selection-changed ()  the current card, link or selection changed
 *   ::notify::zoom
 * Actions (on the canvas, with shortcuts when it has the focus):
 *   canvas.add-card (Ctrl+N), canvas.start-link (Ctrl+L),
 *   canvas.delete (Delete), canvas.copy, canvas.cut, canvas.paste,
 *   canvas.select-all, canvas.zoom-in, canvas.zoom-out, canvas.zoom-fit,
 *   canvas.zoom-reset, canvas.arrange */

/* Added for the canvas view, its minimap and the tests. */

/* The layout shown (model units), or NULL; valid until ::layout-changed */
VerkanModelGeometry *verkan_model_canvas_get_geometry (VerkanModelCanvas *self);
/* TRUE when the canvas draws in the dark palette */
gboolean       verkan_model_canvas_get_dark          (VerkanModelCanvas *self);
/* The part of the model in view, in model units */
void           verkan_model_canvas_get_visible_area  (VerkanModelCanvas *self,
                                                      double            *x,
                                                      double            *y,
                                                      double            *width,
                                                      double            *height);
/* Scrolls so that the model point (@x, @y) is in the middle of the view */
void           verkan_model_canvas_center_on         (VerkanModelCanvas *self,
                                                      double             x,
                                                      double             y);
/* The card widget of an element, made (and scrolled into view) when needed;
 * NULL when the element is not drawn */
GtkWidget     *verkan_model_canvas_get_card          (VerkanModelCanvas *self,
                                                      gint64             element_id);
/* Edits the card's title in place (what Enter and a double-click do) */
void           verkan_model_canvas_start_editing     (VerkanModelCanvas *self,
                                                      gint64             element_id);
/* More signals:
 *   ::layout-changed ()    a new geometry (the model changed)
 *   ::viewport-changed ()  scrolled, zoomed or resized */

G_END_DECLS
