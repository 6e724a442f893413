/* verkan-model-minimap.c: a small overview of a large logic model
 *
 * The whole model is drawn by the core (cards included) once per layout,
 * into a texture, in an idle of low priority so that it never delays the
 * canvas's first frame; each frame after that only paints the texture and
 * the frame of the part in view.  A click or a drag centres the canvas on
 * the point under the pointer.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-model-minimap.h"

#define MAX_WIDTH 200
#define MAX_HEIGHT 150
#define MIN_SIDE 24

struct _VerkanModelMinimap
{
  GtkWidget          parent_instance;

  VerkanModelCanvas *canvas;
  GdkTexture        *texture;
  guint              render_id;
};

G_DEFINE_FINAL_TYPE (VerkanModelMinimap, verkan_model_minimap, GTK_TYPE_WIDGET)

/* The size of the overview, keeping the model's proportions */
static void
overview_size (VerkanModelMinimap *self, int *width, int *height)
{
  VerkanModelGeometry *g = self->canvas ? verkan_model_canvas_get_geometry (self->canvas) : NULL;
  double scale;

  if (g == NULL || g->width <= 0 || g->height <= 0)
    {
      *width = *height = 0;
      return;
    }
  scale = MIN (MAX_WIDTH / g->width, MAX_HEIGHT / g->height);
  *width = MAX (MIN_SIDE, (int) (g->width * scale));
  *height = MAX (MIN_SIDE, (int) (g->height * scale));
}

static double
get_scale (VerkanModelMinimap *self)
{
  VerkanModelGeometry *g = verkan_model_canvas_get_geometry (self->canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (g == NULL || width <= 0 || height <= 0)
    return 0;
  return MIN (width / g->width, height / g->height);
}

static gboolean
render (gpointer data)
{
  VerkanModelMinimap *self = data;
  VerkanModelGeometry *g = verkan_model_canvas_get_geometry (self->canvas);
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self)) * scale_factor;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) * scale_factor;
  VerkanModelDrawStyle style;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;
  double scale;

  self->render_id = 0;
  if (g == NULL || width <= 0 || height <= 0)
    return G_SOURCE_REMOVE;

  verkan_model_draw_style_init (&style, verkan_model_canvas_get_dark (self->canvas)
                                        ? VERKAN_MODEL_THEME_DARK : VERKAN_MODEL_THEME_LIGHT);
  style.flags = VERKAN_MODEL_DRAW_BACKGROUND | VERKAN_MODEL_DRAW_CARDS;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  scale = MIN (width / g->width, height / g->height);
  cairo_scale (cr, scale, scale);
  verkan_model_draw_geometry (cr, g, &style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* cairo's ARGB32 is GDK_MEMORY_DEFAULT in the machine's byte order */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  g_clear_object (&self->texture);
  self->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_render (VerkanModelMinimap *self)
{
  if (self->render_id == 0)
    self->render_id = g_idle_add_full (G_PRIORITY_LOW, render, self, NULL);
}

static void
on_layout_changed (VerkanModelMinimap *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  schedule_render (self);
}

static void
verkan_model_minimap_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  int width, height;

  overview_size (VERKAN_MODEL_MINIMAP (widget), &width, &height);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
}

static void
verkan_model_minimap_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  VerkanModelMinimap *self = VERKAN_MODEL_MINIMAP (widget);

  if (self->texture != NULL &&
      (gdk_texture_get_width (self->texture) != width * gtk_widget_get_scale_factor (widget) ||
       gdk_texture_get_height (self->texture) != height * gtk_widget_get_scale_factor (widget)))
    schedule_render (self);
  else if (self->texture == NULL)
    schedule_render (self);
}

static void
verkan_model_minimap_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  VerkanModelMinimap *self = VERKAN_MODEL_MINIMAP (widget);
  double scale = get_scale (self);
  double x, y, w, h;
  graphene_rect_t view;
  GskRoundedRect frame;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  GdkRGBA fill;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4];

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture,
                                 &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                      gtk_widget_get_height (widget)));
  if (scale <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_bg_color",
                                  &accent);
  G_GNUC_END_IGNORE_DEPRECATIONS
  verkan_model_canvas_get_visible_area (self->canvas, &x, &y, &w, &h);
  view = GRAPHENE_RECT_INIT (x * scale, y * scale, w * scale, h * scale);
  graphene_rect_intersection (&view, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                          gtk_widget_get_height (widget)), &view);
  fill = accent;
  fill.alpha = 0.15;
  gtk_snapshot_append_color (snapshot, &fill, &view);
  gsk_rounded_rect_init_from_rect (&frame, &view, 0);
  for (guint i = 0; i < 4; i++)
    colors[i] = accent;
  gtk_snapshot_append_border (snapshot, &frame, widths, colors);
}

static void
pan_to (VerkanModelMinimap *self, double x, double y)
{
  double scale = get_scale (self);

  if (scale > 0)
    verkan_model_canvas_center_on (self->canvas, x / scale, y / scale);
}

static void
on_drag_begin (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               VerkanModelMinimap *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  pan_to (self, x, y);
}

static void
on_drag_update (GtkGestureDrag     *gesture,
                double              offset_x,
                double              offset_y,
                VerkanModelMinimap *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  pan_to (self, x + offset_x, y + offset_y);
}

static void
verkan_model_minimap_dispose (GObject *object)
{
  VerkanModelMinimap *self = VERKAN_MODEL_MINIMAP (object);

  g_clear_handle_id (&self->render_id, g_source_remove);
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  g_clear_object (&self->canvas);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (verkan_model_minimap_parent_class)->dispose (object);
}

static void
verkan_model_minimap_class_init (VerkanModelMinimapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_minimap_dispose;
  widget_class->measure = verkan_model_minimap_measure;
  widget_class->size_allocate = verkan_model_minimap_size_allocate;
  widget_class->snapshot = verkan_model_minimap_snapshot;

  gtk_widget_class_set_css_name (widget_class, "modelminimap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
verkan_model_minimap_init (VerkanModelMinimap *self)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();

  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  /* Translators: tooltip of the small overview of a large logic model */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Overview: click or drag to move the view"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overview of the logic model"), -1);
}

GtkWidget *
verkan_model_minimap_new (VerkanModelCanvas *canvas)
{
  VerkanModelMinimap *self;

  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (canvas), NULL);

  self = g_object_new (VERKAN_TYPE_MODEL_MINIMAP, NULL);
  self->canvas = g_object_ref (canvas);
  g_signal_connect_swapped (canvas, "layout-changed", G_CALLBACK (on_layout_changed), self);
  g_signal_connect_swapped (canvas, "viewport-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  return GTK_WIDGET (self);
}
