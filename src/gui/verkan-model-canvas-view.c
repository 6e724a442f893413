/* stub: to be written */
#include "config.h"
#include "verkan-model-canvas-view.h"

struct _VerkanModelCanvasView { GtkWidget parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelCanvasView, verkan_model_canvas_view, GTK_TYPE_WIDGET)

static void verkan_model_canvas_view_class_init (VerkanModelCanvasViewClass *klass)
{
}

static void verkan_model_canvas_view_init (VerkanModelCanvasView *self) { }

GtkWidget         *
verkan_model_canvas_view_new (void)
{
  return g_object_new (verkan_model_canvas_view_get_type (), NULL);
}

VerkanModelCanvas *
verkan_model_canvas_view_get_canvas (VerkanModelCanvasView *self)
{
  (void) self;
  return NULL;
}

