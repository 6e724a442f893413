/* verkan-model-canvas-view.c: the canvas in a scrolled window, with a
 * minimap for large models and zoom buttons floating over it
 *
 * The buttons are not inside the canvas, so they cannot reach its
 * canvas.* actions by name; each one activates the action on the canvas.
 * The minimap shows only while the model is larger than the view.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-model-canvas-view.h"
#include "verkan-model-minimap.h"

struct _VerkanModelCanvasView
{
  GtkWidget          parent_instance;

  GtkWidget         *overlay;
  GtkWidget         *scrolled;
  VerkanModelCanvas *canvas;
  GtkWidget         *minimap;
  GtkWidget         *zoom_button;
};

G_DEFINE_FINAL_TYPE (VerkanModelCanvasView, verkan_model_canvas_view, GTK_TYPE_WIDGET)

static void
update_minimap (VerkanModelCanvasView *self)
{
  VerkanModelGeometry *g = verkan_model_canvas_get_geometry (self->canvas);
  double zoom = verkan_model_canvas_get_zoom (self->canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  gboolean large = g != NULL && width > 0 &&
                   (g->width * zoom > width + 1 || g->height * zoom > height + 1);

  if (gtk_widget_get_visible (self->minimap) != large)
    gtk_widget_set_visible (self->minimap, large);
}

static void
on_zoom_changed (VerkanModelCanvasView *self)
{
  g_autofree char *label = NULL;

  /* Translators: the zoom level on the canvas's zoom button, "100 %" */
  label = g_strdup_printf (_("%.0f\u00a0%%"), verkan_model_canvas_get_zoom (self->canvas) * 100);
  gtk_button_set_label (GTK_BUTTON (self->zoom_button), label);
  update_minimap (self);
}

static void
on_button_clicked (GtkButton             *button,
                   VerkanModelCanvasView *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "canvas-action");

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), action, NULL);
}

static GtkWidget *
add_button (VerkanModelCanvasView *self,
            GtkWidget             *box,
            const char            *icon_name,
            const char            *label,
            const char            *tooltip,
            const char            *action)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "canvas-action", (gpointer) action);
  g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), self);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static void
verkan_model_canvas_view_dispose (GObject *object)
{
  VerkanModelCanvasView *self = VERKAN_MODEL_CANVAS_VIEW (object);

  g_clear_pointer (&self->overlay, gtk_widget_unparent);

  G_OBJECT_CLASS (verkan_model_canvas_view_parent_class)->dispose (object);
}

static void
verkan_model_canvas_view_class_init (VerkanModelCanvasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_canvas_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "modelcanvasview");
}

static void
verkan_model_canvas_view_init (VerkanModelCanvasView *self)
{
  GtkWidget *box, *frame;

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->canvas = VERKAN_MODEL_CANVAS (verkan_model_canvas_new ());
  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_hexpand (self->scrolled, TRUE);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->canvas));
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->scrolled);

  /* zoom and layout, floating at the bottom left */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "verkan-canvas-tools");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  /* Translators: tooltips of the buttons floating over the logic model */
  add_button (self, box, "zoom-out-symbolic", NULL, _("Zoom out (Ctrl+−)"), "canvas.zoom-out");
  self->zoom_button = add_button (self, box, NULL, "100 %",
                                  _("Actual size (Ctrl+1). Ctrl+scroll zooms, dragging empty space "
                                    "moves the view, Shift+drag selects several cards"),
                                  "canvas.zoom-reset");
  gtk_widget_add_css_class (self->zoom_button, "numeric");
  add_button (self, box, "zoom-in-symbolic", NULL, _("Zoom in (Ctrl++)"), "canvas.zoom-in");
  add_button (self, box, "zoom-fit-best-symbolic", NULL, _("Fit to view (Ctrl+0)"),
              "canvas.zoom-fit");
  add_button (self, box, "view-sort-ascending-symbolic", NULL,
              _("Arrange cards so that arrows cross less (Ctrl+Shift+L)"), "canvas.arrange");
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), box);

  /* the minimap, bottom right, clear of the scrollbars */
  self->minimap = verkan_model_minimap_new (self->canvas);
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "verkan-minimap");
  gtk_frame_set_child (GTK_FRAME (frame), self->minimap);
  gtk_widget_set_halign (frame, GTK_ALIGN_END);
  gtk_widget_set_valign (frame, GTK_ALIGN_END);
  g_object_bind_property (self->minimap, "visible", frame, "visible", G_BINDING_SYNC_CREATE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), frame);

  g_signal_connect_swapped (self->canvas, "notify::zoom", G_CALLBACK (on_zoom_changed), self);
  g_signal_connect_swapped (self->canvas, "viewport-changed", G_CALLBACK (update_minimap), self);
  g_signal_connect_swapped (self->canvas, "layout-changed", G_CALLBACK (update_minimap), self);
  on_zoom_changed (self);
}

GtkWidget *
verkan_model_canvas_view_new (void)
{
  return g_object_new (VERKAN_TYPE_MODEL_CANVAS_VIEW, NULL);
}

VerkanModelCanvas *
verkan_model_canvas_view_get_canvas (VerkanModelCanvasView *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS_VIEW (self), NULL);

  return self->canvas;
}
