/* verkan-field-binding-group.c: the field bindings of one record
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "verkan-field-binding-group.h"
#include "verkan-window.h"

struct _VerkanFieldBindingGroup
{
  GObject        parent_instance;

  VerkanProject *project;
  VerkanRecord  *record;
  GPtrArray     *bindings;
};

G_DEFINE_FINAL_TYPE (VerkanFieldBindingGroup, verkan_field_binding_group, G_TYPE_OBJECT)

static void
verkan_field_binding_group_dispose (GObject *object)
{
  VerkanFieldBindingGroup *self = VERKAN_FIELD_BINDING_GROUP (object);

  /* Unbound now rather than when the last reference goes, since a
   * binding may be held while it commits */
  if (self->bindings != NULL)
    {
      for (guint i = 0; i < self->bindings->len; i++)
        verkan_field_binding_unbind (g_ptr_array_index (self->bindings, i));
      g_clear_pointer (&self->bindings, g_ptr_array_unref);
    }

  g_clear_object (&self->record);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_field_binding_group_parent_class)->dispose (object);
}

static void
verkan_field_binding_group_class_init (VerkanFieldBindingGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verkan_field_binding_group_dispose;
}

static void
verkan_field_binding_group_init (VerkanFieldBindingGroup *self)
{
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
}

VerkanFieldBindingGroup *
verkan_field_binding_group_new (VerkanProject *project,
                                VerkanRecord  *record)
{
  VerkanFieldBindingGroup *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_FIELD_BINDING_GROUP, NULL);
  self->project = g_object_ref (project);
  self->record = g_object_ref (record);

  return self;
}

VerkanFieldBinding *
verkan_field_binding_group_bind (VerkanFieldBindingGroup *self,
                                 const char              *column,
                                 GtkWidget               *widget,
                                 VerkanFieldKind          kind)
{
  VerkanFieldBinding *binding;

  g_return_val_if_fail (VERKAN_IS_FIELD_BINDING_GROUP (self), NULL);
  g_return_val_if_fail (self->bindings != NULL, NULL);

  binding = verkan_field_binding_new (self->project, self->record, column, widget, kind);
  g_ptr_array_add (self->bindings, binding);

  return binding;
}

void
verkan_field_binding_group_delete_record (VerkanFieldBindingGroup *self,
                                          GtkWidget               *widget,
                                          const char              *undo_title)
{
  g_autoptr(VerkanFieldBindingGroup) alive = NULL;
  g_autoptr(GtkWidget) window = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_return_if_fail (VERKAN_IS_FIELD_BINDING_GROUP (self));
  g_return_if_fail (self->record != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  verkan_field_binding_flush_all ();

  /* Deleting takes the row out of its list at once, which may dispose of
   * @widget and drop the row's reference to this group */
  alive = g_object_ref (self);
  root = gtk_widget_get_root (widget);
  window = root != NULL ? GTK_WIDGET (g_object_ref (root)) : NULL;

  if (!verkan_project_delete (self->project,
                              verkan_record_get_table (self->record),
                              verkan_record_get_id (self->record), &error))
    {
      verkan_window_show_error_for (window, error);
      return;
    }

  verkan_window_show_undo_toast_for (window, undo_title);
}

VerkanRecord *
verkan_field_binding_group_get_record (VerkanFieldBindingGroup *self)
{
  g_return_val_if_fail (VERKAN_IS_FIELD_BINDING_GROUP (self), NULL);

  return self->record;
}
