/* verkan-model-canvas-view.h: the canvas in a scrolled window, with a
 * minimap for large models and zoom buttons floating over it */
#pragma once

#include <gtk/gtk.h>
#include "verkan-model-canvas.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_CANVAS_VIEW (verkan_model_canvas_view_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelCanvasView, verkan_model_canvas_view, VERKAN, MODEL_CANVAS_VIEW, GtkWidget)

GtkWidget         *verkan_model_canvas_view_new        (void);
VerkanModelCanvas *verkan_model_canvas_view_get_canvas (VerkanModelCanvasView *self);

G_END_DECLS
