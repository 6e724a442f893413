/* verkan-appendix-row.c: one numbered appendix in the appendix list
 *
 * A drag handle, "Bilaga 5" in bold, the title and the date as editors
 * (bound to the appendix row, so typing is one undo step), what the
 * appendix is (the document's file name, or a frozen logic model) and a
 * remove button.  The row is recycled by a GtkListView: the list binds it
 * to a record and tells it its number.  Moving and removing are asked of
 * the list (::move-requested, ::remove-requested), which knows the order.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-appendix-row.h"
#include "verkan-field-binding-group.h"

struct _VerkanAppendixRow
{
  GtkBox                   parent_instance;

  VerkanProject           *project;
  VerkanRecord            *record;
  VerkanFieldBindingGroup *fields;
  guint                    number;

  GtkWidget               *handle;
  GtkWidget               *number_label;
  GtkWidget               *title_entry;
  GtkWidget               *source_label;
  GtkWidget               *date_entry;
  GtkWidget               *remove_button;
};

G_DEFINE_FINAL_TYPE (VerkanAppendixRow, verkan_appendix_row, GTK_TYPE_BOX)

enum {
  MOVE_REQUESTED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Showing                                                             */

/* What stands behind the appendix: the document's file name, or the
 * frozen logic model */
static void
update_source (VerkanAppendixRow *self)
{
  g_autoptr(GVariant) row = NULL;
  g_autofree char *text = NULL;
  const char *value = NULL;
  gint64 document_id;

  if (self->record == NULL || self->project == NULL)
    return;

  document_id = verkan_record_get_int (self->record, "document_id", 0);
  if (document_id > 0)
    {
      row = verkan_project_get_row (self->project, "document", document_id, NULL);
      if (row != NULL)
        g_variant_lookup (row, "file_name", "&s", &value);
      text = g_strdup (value != NULL ? value : "");
    }
  else
    {
      row = verkan_project_get_row (self->project, "model_version",
                                    verkan_record_get_int (self->record, "model_version_id", 0), NULL);
      if (row != NULL)
        g_variant_lookup (row, "title", "&s", &value);
      if (value != NULL && *value != '\0')
        /* Translators: what an appendix is: a frozen logic model and its title */
        text = g_strdup_printf (_("Frozen logic model: %s"), value);
      else
        text = g_strdup (_("Frozen logic model"));
    }
  gtk_label_set_text (GTK_LABEL (self->source_label), text);
  gtk_widget_set_tooltip_text (self->source_label, text);
}

void
verkan_appendix_row_set_number (VerkanAppendixRow *self,
                                guint              number)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VERKAN_IS_APPENDIX_ROW (self));

  self->number = number;
  /* Translators: the number of an appendix of the report: "Bilaga 5" */
  text = g_strdup_printf (_("Appendix %u"), number);
  gtk_label_set_text (GTK_LABEL (self->number_label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

guint
verkan_appendix_row_get_number (VerkanAppendixRow *self)
{
  g_return_val_if_fail (VERKAN_IS_APPENDIX_ROW (self), 0);
  return self->number;
}

void
verkan_appendix_row_bind (VerkanAppendixRow *self,
                          VerkanRecord      *record)
{
  g_return_if_fail (VERKAN_IS_APPENDIX_ROW (self));

  if (record == self->record)
    return;

  /* No flush here: a row is rebound while the list announces a change,
   * where an edit must not start; the list flushes before its own moves
   * and removals, the window before undo and redo */
  g_clear_object (&self->fields);
  g_clear_object (&self->record);

  if (record == NULL || self->project == NULL)
    return;

  self->record = g_object_ref (record);
  self->fields = verkan_field_binding_group_new (self->project, record);
  verkan_field_binding_group_bind (self->fields, "title", self->title_entry, VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "date", self->date_entry, VERKAN_FIELD_DATE);
  update_source (self);
}

VerkanRecord *
verkan_appendix_row_get_record (VerkanAppendixRow *self)
{
  g_return_val_if_fail (VERKAN_IS_APPENDIX_ROW (self), NULL);
  return self->record;
}

void
verkan_appendix_row_focus (VerkanAppendixRow *self)
{
  g_return_if_fail (VERKAN_IS_APPENDIX_ROW (self));
  gtk_entry_grab_focus_without_selecting (GTK_ENTRY (self->title_entry));
}

/* ------------------------------------------------------------------ */
/* Moving                                                              */

/* appendix-row.move (int delta): Alt+Up is -1, Alt+Down +1 */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VerkanAppendixRow *self = VERKAN_APPENDIX_ROW (widget);
  int target = (int) self->number + g_variant_get_int32 (parameter);

  /* the list refuses a number past the end */
  if (self->record != NULL && self->number > 0 && target >= 1)
    g_signal_emit (self, signals[MOVE_REQUESTED], 0, (guint) target);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource     *source,
                 double             x,
                 double             y,
                 VerkanAppendixRow *self)
{
  GValue value = G_VALUE_INIT;
  GdkContentProvider *content;

  if (self->record == NULL || !gtk_widget_is_sensitive (self->remove_button))
    return NULL;

  g_value_init (&value, VERKAN_TYPE_APPENDIX_ROW);
  g_value_set_object (&value, self);
  content = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);
  return content;
}

static void
on_drag_begin (GtkDragSource     *source,
               GdkDrag           *drag,
               VerkanAppendixRow *self)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 16, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self), "verkan-dragged");
}

static void
on_drag_end (GtkDragSource     *source,
             GdkDrag           *drag,
             gboolean           delete_data,
             VerkanAppendixRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "verkan-dragged");
}

static GdkDragAction
on_drop_enter (GtkDropTarget     *target,
               double             x,
               double             y,
               VerkanAppendixRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "verkan-drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget     *target,
               VerkanAppendixRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "verkan-drop-target");
}

static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         VerkanAppendixRow *self)
{
  VerkanAppendixRow *dragged = g_value_get_object (value);
  GtkWidget *list, *dragged_list;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "verkan-drop-target");

  if (!VERKAN_IS_APPENDIX_ROW (dragged) || dragged == self || self->number == 0)
    return FALSE;
  /* only within the same list */
  list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);
  dragged_list = gtk_widget_get_ancestor (GTK_WIDGET (dragged), GTK_TYPE_LIST_VIEW);
  if (list == NULL || list != dragged_list)
    return FALSE;

  /* the dragged row takes this row's number */
  g_signal_emit (dragged, signals[MOVE_REQUESTED], 0, self->number);
  return TRUE;
}

static void
on_remove_clicked (VerkanAppendixRow *self)
{
  if (self->record != NULL)
    g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
on_source_changed (VerkanAppendixRow *self)
{
  update_source (self);
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
verkan_appendix_row_dispose (GObject *object)
{
  VerkanAppendixRow *self = VERKAN_APPENDIX_ROW (object);

  g_clear_object (&self->fields);
  g_clear_object (&self->record);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_appendix_row_parent_class)->dispose (object);
}

static void
verkan_appendix_row_class_init (VerkanAppendixRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_appendix_row_dispose;

  /**
   * VerkanAppendixRow::move-requested:
   * @number: the number (1-based) the appendix should have
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * VerkanAppendixRow::remove-requested:
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* the editors let Alt+Up/Down through to the row */
  gtk_widget_class_install_action (widget_class, "appendix-row.move", "i", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "appendix-row.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "appendix-row.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "appendix-row.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "appendix-row.move", "i", 1);
}

static void
verkan_appendix_row_init (VerkanAppendixRow *self)
{
  GtkBox *box = GTK_BOX (self);
  GtkWidget *middle;
  GtkDragSource *source;
  GtkDropTarget *target;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (box, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "verkan-appendix-row");

  self->handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_set_name (self->handle, "appendix-handle");
  gtk_widget_add_css_class (self->handle, "dim-label");
  gtk_widget_set_cursor_from_name (self->handle, "grab");
  gtk_widget_set_tooltip_text (self->handle, _("Drag to reorder, or press Alt+Up and Alt+Down"));
  gtk_box_append (box, self->handle);

  self->number_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->number_label, "appendix-number");
  gtk_widget_add_css_class (self->number_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->number_label), 0);
  /* "Bilaga 10" fits, so the titles line up */
  gtk_label_set_width_chars (GTK_LABEL (self->number_label), 9);
  gtk_widget_set_valign (self->number_label, GTK_ALIGN_CENTER);
  gtk_box_append (box, self->number_label);

  middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (middle, TRUE);
  gtk_widget_set_valign (middle, GTK_ALIGN_CENTER);
  gtk_box_append (box, middle);

  self->title_entry = gtk_entry_new ();
  gtk_widget_set_name (self->title_entry, "appendix-title");
  /* Translators: the placeholder of an appendix's title */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->title_entry), _("Title of the appendix"));
  gtk_box_append (GTK_BOX (middle), self->title_entry);

  self->source_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->source_label, "appendix-source");
  gtk_label_set_xalign (GTK_LABEL (self->source_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->source_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (self->source_label, "dim-label");
  gtk_widget_add_css_class (self->source_label, "caption");
  gtk_box_append (GTK_BOX (middle), self->source_label);

  self->date_entry = gtk_entry_new ();
  gtk_widget_set_name (self->date_entry, "appendix-date");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_entry), 11);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->date_entry), 11);
  /* Translators: how to write a date */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->date_entry), _("YYYY-MM-DD"));
  gtk_widget_set_tooltip_text (self->date_entry, _("Date of the appendix, written 2022-06-23"));
  gtk_widget_set_valign (self->date_entry, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date"), -1);
  gtk_box_append (box, self->date_entry);

  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (self->remove_button, "appendix-remove");
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove Appendix"));
  gtk_widget_add_css_class (self->remove_button, "flat");
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (box, self->remove_button);

  /* dragged by the handle, dropped anywhere on another row */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (self->handle, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (VERKAN_TYPE_APPENDIX_ROW, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
verkan_appendix_row_new (VerkanProject *project)
{
  VerkanAppendixRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_APPENDIX_ROW, NULL);
  self->project = g_object_ref (project);

  /* a renamed file or model version shows at once */
  g_signal_connect_object (project, "changed::document", G_CALLBACK (on_source_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed::model_version", G_CALLBACK (on_source_changed),
                           self, G_CONNECT_SWAPPED);

  if (verkan_project_get_read_only (project))
    {
      gtk_editable_set_editable (GTK_EDITABLE (self->title_entry), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (self->date_entry), FALSE);
      gtk_widget_set_sensitive (self->remove_button, FALSE);
      gtk_widget_set_visible (self->handle, FALSE);
    }

  return GTK_WIDGET (self);
}
