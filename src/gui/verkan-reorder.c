/* verkan-reorder.c: moving a row of a list up, down, or onto another row
 *
 * The buttons, Alt+Up/Alt+Down and a drag all go through ::move-requested,
 * so each move is one undoable step that the list carries out.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "verkan-reorder.h"

/* ------------------------------------------------------------------ */
/* Up and down                                                         */

static void
request_move (GtkListBoxRow *row,
              int            delta)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (row));
  int target = gtk_list_box_row_get_index (row) + delta;

  if (!GTK_IS_LIST_BOX (list) || target < 0
      || gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), target) == NULL)
    return;

  g_signal_emit_by_name (row, "move-requested", (guint) target);
}

static void
on_move_up (GtkListBoxRow *row)
{
  request_move (row, -1);
}

static void
on_move_down (GtkListBoxRow *row)
{
  request_move (row, +1);
}

static gboolean
move_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  request_move (GTK_LIST_BOX_ROW (widget), g_variant_get_int32 (args));
  return TRUE;
}

void
verkan_reorder_install (GtkWidgetClass *widget_class)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), GTK_TYPE_LIST_BOX_ROW));

  /**
   * ::move-requested:
   * @new_index: where the row should stand in its list
   *
   * The person asked to move the row up or down, or dropped it onto
   * another row.
   */
  g_signal_new ("move-requested",
                G_TYPE_FROM_CLASS (widget_class),
                G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_bind_template_callback (widget_class, on_move_up);
  gtk_widget_class_bind_template_callback (widget_class, on_move_down);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_shortcut, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, move_shortcut, "i", 1);
}

void
verkan_reorder_update_buttons (GtkWidget *move_up_button,
                               GtkWidget *move_down_button,
                               guint      index,
                               guint      n_items)
{
  gtk_widget_set_sensitive (move_up_button, index > 0);
  gtk_widget_set_sensitive (move_down_button, index + 1 < n_items);
  gtk_widget_set_visible (move_up_button, n_items > 1);
  gtk_widget_set_visible (move_down_button, n_items > 1);
}

/* ------------------------------------------------------------------ */
/* Dragging                                                            */

static GdkContentProvider *
on_prepare (GtkDragSource *source,
            double         x,
            double         y,
            GtkListBoxRow *row)
{
  GValue value = G_VALUE_INIT;
  GdkContentProvider *content;

  g_value_init (&value, GTK_TYPE_LIST_BOX_ROW);
  g_value_set_object (&value, row);
  content = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);

  return content;
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListBoxRow *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (row));

  gtk_drag_source_set_icon (source, icon, 24, 16);
  gtk_widget_add_css_class (GTK_WIDGET (row), "verkan-dragged");
}

static void
on_drag_end (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             GtkListBoxRow *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "verkan-dragged");
}

static gboolean
same_list (GtkListBoxRow *a,
           GtkListBoxRow *b)
{
  return a != NULL && b != NULL && a != b
         && gtk_widget_get_parent (GTK_WIDGET (a)) == gtk_widget_get_parent (GTK_WIDGET (b));
}

static GdkDragAction
on_enter (GtkDropTarget *target,
          double         x,
          double         y,
          GtkListBoxRow *row)
{
  gtk_widget_add_css_class (GTK_WIDGET (row), "verkan-drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_leave (GtkDropTarget *target,
          GtkListBoxRow *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "verkan-drop-target");
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListBoxRow *row)
{
  GtkListBoxRow *dragged = g_value_get_object (value);
  int index = gtk_list_box_row_get_index (row);

  gtk_widget_remove_css_class (GTK_WIDGET (row), "verkan-drop-target");

  if (!same_list (dragged, row) || index < 0)
    return FALSE;

  g_signal_emit_by_name (dragged, "move-requested", (guint) index);
  return TRUE;
}

void
verkan_reorder_enable (GtkListBoxRow *row)
{
  GtkDragSource *source;
  GtkDropTarget *target;

  g_return_if_fail (GTK_IS_LIST_BOX_ROW (row));
  g_return_if_fail (g_signal_lookup ("move-requested", G_OBJECT_TYPE (row)) != 0);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (GTK_TYPE_LIST_BOX_ROW, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (on_enter), row);
  g_signal_connect (target, "leave", G_CALLBACK (on_leave), row);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (target));
}
