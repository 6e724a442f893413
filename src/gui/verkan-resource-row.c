/* verkan-resource-row.c: one line of the resources table
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-format.h"
#include "verkan-resource-row.h"

struct _VerkanResourceRow
{
  GtkListBoxRow            parent_instance;

  VerkanFieldBindingGroup *fields;

  GtkEntry                *function_entry;
  GtkEntry                *planned_entry;
  GtkEntry                *actual_entry;
  GtkLabel                *difference_label;
  GtkButton               *remove_button;
};

G_DEFINE_FINAL_TYPE (VerkanResourceRow, verkan_resource_row, GTK_TYPE_LIST_BOX_ROW)

char *
verkan_resource_row_format_difference (gboolean known,
                                       double   planned,
                                       double   actual)
{
  g_autofree char *number = NULL;
  double difference;

  if (!known)
    return g_strdup ("–");

  difference = actual - planned;
  if (fabs (difference) < 0.005)
    return g_strdup ("0");

  number = verkan_format_number (fabs (difference), -1);
  /* U+2212 MINUS SIGN reads better than a hyphen in a table */
  return g_strdup_printf ("%s%s", difference > 0 ? "+" : "−", number);
}

static void
update_difference (VerkanResourceRow *self)
{
  VerkanRecord *record = verkan_resource_row_get_record (self);
  g_autofree char *text = NULL;
  gboolean known;

  if (record == NULL)
    return;

  known = verkan_record_has_value (record, "planned_hours")
          && verkan_record_has_value (record, "actual_hours");
  text = verkan_resource_row_format_difference (known,
                                                verkan_record_get_double (record, "planned_hours", 0.0),
                                                verkan_record_get_double (record, "actual_hours", 0.0));
  gtk_label_set_label (self->difference_label, text);
}

static void
update_names (VerkanResourceRow *self)
{
  VerkanRecord *record = verkan_resource_row_get_record (self);
  g_autofree char *tooltip = NULL;
  const char *function;

  if (record == NULL)
    return;

  function = verkan_record_get_string (record, "function");
  if (*function == '\0')
    tooltip = g_strdup (_("Remove This Line"));
  else
    /* Translators: the tooltip of the button that removes a line of the
     * resources table */
    tooltip = g_strdup_printf (_("Remove “%s”"), function);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), tooltip);
}

static void
on_remove (VerkanResourceRow *self)
{
  if (self->fields != NULL)
    verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), _("Resource removed"));
}

static void
verkan_resource_row_dispose (GObject *object)
{
  VerkanResourceRow *self = VERKAN_RESOURCE_ROW (object);

  g_clear_object (&self->fields);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_RESOURCE_ROW);

  G_OBJECT_CLASS (verkan_resource_row_parent_class)->dispose (object);
}

static void
verkan_resource_row_class_init (VerkanResourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_resource_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-resource-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanResourceRow, function_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanResourceRow, planned_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanResourceRow, actual_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanResourceRow, difference_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanResourceRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
}

static void
verkan_resource_row_init (VerkanResourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->function_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Function"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->planned_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Planned hours"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->actual_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Actual hours"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->difference_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Difference in hours"), -1);
}

GtkWidget *
verkan_resource_row_new (VerkanProject *project,
                         VerkanRecord  *record)
{
  VerkanResourceRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_RESOURCE_ROW, NULL);
  self->fields = verkan_field_binding_group_new (project, record);

  verkan_field_binding_group_bind (self->fields, "function",
                                   GTK_WIDGET (self->function_entry), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "planned_hours",
                                   GTK_WIDGET (self->planned_entry), VERKAN_FIELD_NUMBER);
  verkan_field_binding_group_bind (self->fields, "actual_hours",
                                   GTK_WIDGET (self->actual_entry), VERKAN_FIELD_NUMBER);

  g_signal_connect_object (record, "changed", G_CALLBACK (update_difference), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "changed", G_CALLBACK (update_names), self, G_CONNECT_SWAPPED);
  update_difference (self);
  update_names (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_resource_row_get_record (VerkanResourceRow *self)
{
  g_return_val_if_fail (VERKAN_IS_RESOURCE_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_resource_row_add_size_groups (VerkanResourceRow *self,
                                     GtkSizeGroup      *planned,
                                     GtkSizeGroup      *actual,
                                     GtkSizeGroup      *difference,
                                     GtkSizeGroup      *remove)
{
  g_return_if_fail (VERKAN_IS_RESOURCE_ROW (self));

  gtk_size_group_add_widget (planned, GTK_WIDGET (self->planned_entry));
  gtk_size_group_add_widget (actual, GTK_WIDGET (self->actual_entry));
  gtk_size_group_add_widget (difference, GTK_WIDGET (self->difference_label));
  gtk_size_group_add_widget (remove, GTK_WIDGET (self->remove_button));
}

void
verkan_resource_row_focus_function (VerkanResourceRow *self)
{
  g_return_if_fail (VERKAN_IS_RESOURCE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->function_entry));
}
