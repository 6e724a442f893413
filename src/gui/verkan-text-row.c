/* verkan-text-row.c: a boxed-list row for text of several lines
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "verkan-text-row.h"

struct _VerkanTextRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *title_label;
  GtkTextView       *text_view;
};

G_DEFINE_FINAL_TYPE (VerkanTextRow, verkan_text_row, ADW_TYPE_PREFERENCES_ROW)

static void
on_title_changed (VerkanTextRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            VerkanTextRow   *self)
{
  /* A click on the title or the padding starts writing */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->text_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static gboolean
verkan_text_row_grab_focus (GtkWidget *widget)
{
  VerkanTextRow *self = VERKAN_TEXT_ROW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
verkan_text_row_class_init (VerkanTextRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->grab_focus = verkan_text_row_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanTextRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanTextRow, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_pressed);
}

static void
verkan_text_row_init (VerkanTextRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed), NULL);
  on_title_changed (self);
}

GtkWidget *
verkan_text_row_new (void)
{
  return g_object_new (VERKAN_TYPE_TEXT_ROW, NULL);
}

GtkTextView *
verkan_text_row_get_text_view (VerkanTextRow *self)
{
  g_return_val_if_fail (VERKAN_IS_TEXT_ROW (self), NULL);

  return self->text_view;
}
