/* stub: to be written */
#include "config.h"
#include "verkan-model-canvas.h"

struct _VerkanModelCanvas { GtkWidget parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelCanvas, verkan_model_canvas, GTK_TYPE_WIDGET)

static void verkan_model_canvas_class_init (VerkanModelCanvasClass *klass)
{
  g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void verkan_model_canvas_init (VerkanModelCanvas *self) { }

GtkWidget     *
verkan_model_canvas_new (void)
{
  return g_object_new (verkan_model_canvas_get_type (), NULL);
}

void
verkan_model_canvas_set_model (VerkanModelCanvas *self, VerkanProject *project, gint64 model_id)
{
  (void) self;
  (void) project;
  (void) model_id;
}

VerkanProject *
verkan_model_canvas_get_project (VerkanModelCanvas *self)
{
  (void) self;
  return NULL;
}

gint64
verkan_model_canvas_get_model_id (VerkanModelCanvas *self)
{
  (void) self;
  return 0;
}

gint64
verkan_model_canvas_get_current_element (VerkanModelCanvas *self)
{
  (void) self;
  return 0;
}

gint64
verkan_model_canvas_get_current_link (VerkanModelCanvas *self)
{
  (void) self;
  return 0;
}

GArray        *
verkan_model_canvas_dup_selection (VerkanModelCanvas *self)
{
  (void) self;
  return NULL;
}

void
verkan_model_canvas_select_element (VerkanModelCanvas *self, gint64 element_id)
{
  (void) self;
  (void) element_id;
}

void
verkan_model_canvas_select_link (VerkanModelCanvas *self, gint64 link_id)
{
  (void) self;
  (void) link_id;
}

double
verkan_model_canvas_get_zoom (VerkanModelCanvas *self)
{
  (void) self;
  return 0;
}

void
verkan_model_canvas_set_zoom (VerkanModelCanvas *self, double zoom)
{
  (void) self;
  (void) zoom;
}

void
verkan_model_canvas_zoom_to_fit (VerkanModelCanvas *self)
{
  (void) self;
}

void
verkan_model_canvas_arrange (VerkanModelCanvas *self)
{
  (void) self;
}

