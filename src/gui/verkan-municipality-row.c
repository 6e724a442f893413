/* verkan-municipality-row.c: a municipality taking part in the project
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-municipality-row.h"

struct _VerkanMunicipalityRow
{
  AdwActionRow             parent_instance;

  /* No fields to edit: the group only holds the project and the record */
  VerkanFieldBindingGroup *fields;
  GtkWidget               *remove_button;
};

G_DEFINE_FINAL_TYPE (VerkanMunicipalityRow, verkan_municipality_row, ADW_TYPE_ACTION_ROW)

static void
update (VerkanMunicipalityRow *self)
{
  VerkanRecord *record = verkan_municipality_row_get_record (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  const char *name;

  if (record == NULL)
    return;

  name = verkan_record_get_string (record, "name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);

  /* Translators: under a municipality's name; Kolada is the database of
   * Swedish municipal statistics, and the code is how it names them */
  subtitle = g_strdup_printf (_("Kolada code %s"), verkan_record_get_string (record, "code"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* Translators: tooltip of the button that takes a municipality out of
   * the project */
  tooltip = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (self->remove_button, tooltip);
}

static void
on_remove (VerkanMunicipalityRow *self)
{
  VerkanRecord *record = verkan_municipality_row_get_record (self);
  g_autofree char *title = NULL;

  if (record == NULL)
    return;

  /* Translators: a toast after a municipality was taken out of the project */
  title = g_strdup_printf (_("%s removed"), verkan_record_get_string (record, "name"));
  verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), title);
}

static void
verkan_municipality_row_dispose (GObject *object)
{
  VerkanMunicipalityRow *self = VERKAN_MUNICIPALITY_ROW (object);

  g_clear_object (&self->fields);

  G_OBJECT_CLASS (verkan_municipality_row_parent_class)->dispose (object);
}

static void
verkan_municipality_row_class_init (VerkanMunicipalityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verkan_municipality_row_dispose;
}

static void
verkan_municipality_row_init (VerkanMunicipalityRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (self->remove_button, "municipality-remove");
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove_button, "flat");
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->remove_button);
}

GtkWidget *
verkan_municipality_row_new (VerkanProject *project,
                             VerkanRecord  *record)
{
  VerkanMunicipalityRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_MUNICIPALITY_ROW, NULL);
  self->fields = verkan_field_binding_group_new (project, record);

  g_signal_connect_object (record, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_municipality_row_get_record (VerkanMunicipalityRow *self)
{
  g_return_val_if_fail (VERKAN_IS_MUNICIPALITY_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}
