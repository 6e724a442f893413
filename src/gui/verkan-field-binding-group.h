/* verkan-field-binding-group.h: the field bindings of one record, with
 * the project and the record they edit.
 *
 * A row or page keeps one group for its record; disposing the group
 * unbinds every field and lets go of the project and the record. */
#pragma once

#include "verkan-field-binding.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_FIELD_BINDING_GROUP (verkan_field_binding_group_get_type ())
G_DECLARE_FINAL_TYPE (VerkanFieldBindingGroup, verkan_field_binding_group, VERKAN, FIELD_BINDING_GROUP, GObject)

VerkanFieldBindingGroup *verkan_field_binding_group_new         (VerkanProject           *project,
                                                                 VerkanRecord            *record);
/* Binds @widget to @column of the group's record (see
 * verkan_field_binding_new()).  The group owns the binding. */
VerkanFieldBinding      *verkan_field_binding_group_bind        (VerkanFieldBindingGroup *self,
                                                                 const char              *column,
                                                                 GtkWidget               *widget,
                                                                 VerkanFieldKind          kind);
/* Commits what is being typed, deletes the record as one undoable step
 * and says so with @undo_title in a toast with an Undo button, in the
 * window that holds @widget (or shows the error there). */
void                     verkan_field_binding_group_delete_record (VerkanFieldBindingGroup *self,
                                                                   GtkWidget               *widget,
                                                                   const char              *undo_title);
VerkanRecord            *verkan_field_binding_group_get_record  (VerkanFieldBindingGroup *self);

G_END_DECLS
