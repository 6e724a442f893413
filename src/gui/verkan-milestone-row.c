/* verkan-milestone-row.c: one step of the time plan
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-field-binding-group.h"
#include "verkan-reorder.h"
#include "verkan-milestone-row.h"

struct _VerkanMilestoneRow
{
  AdwExpanderRow           parent_instance;

  VerkanFieldBindingGroup *fields;

  GtkWidget               *move_up_button;
  GtkWidget               *move_down_button;
  AdwEntryRow             *title_row;
  VerkanDateRow           *planned_start_row;
  VerkanDateRow           *planned_end_row;
  VerkanDateRow           *actual_start_row;
  VerkanDateRow           *actual_end_row;
};

G_DEFINE_FINAL_TYPE (VerkanMilestoneRow, verkan_milestone_row, ADW_TYPE_EXPANDER_ROW)

/* "2021-10-01 – 2022-01-31", or what there is of it */
static char *
dup_span (VerkanRecord *record,
          const char   *start_column,
          const char   *end_column)
{
  const char *start = verkan_record_get_string (record, start_column);
  const char *end = verkan_record_get_string (record, end_column);

  if (*start == '\0' && *end == '\0')
    return NULL;
  if (*end == '\0')
    /* Translators: a time span with only its start known */
    return g_strdup_printf (_("from %s"), start);
  if (*start == '\0')
    /* Translators: a time span with only its end known */
    return g_strdup_printf (_("until %s"), end);
  return g_strdup_printf ("%s – %s", start, end);
}

static void
update_header (VerkanMilestoneRow *self)
{
  VerkanRecord *record = verkan_milestone_row_get_record (self);
  g_autofree char *planned = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;

  if (record == NULL)
    return;

  title = verkan_record_get_string (record, "title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 *title != '\0' ? title : _("New milestone"));

  planned = dup_span (record, "planned_start", "planned_end");
  actual = dup_span (record, "actual_start", "actual_end");

  if (planned != NULL && actual != NULL)
    /* Translators: when a step of the time plan was planned, and when it
     * actually happened */
    subtitle = g_strdup_printf (_("Planned %s · Actual %s"), planned, actual);
  else if (planned != NULL)
    subtitle = g_strdup_printf (_("Planned %s"), planned);
  else if (actual != NULL)
    subtitle = g_strdup_printf (_("Actual %s"), actual);
  else
    subtitle = g_strdup (_("No dates yet"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
on_remove (VerkanMilestoneRow *self)
{
  if (self->fields != NULL)
    verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), _("Milestone removed"));
}

static void
verkan_milestone_row_dispose (GObject *object)
{
  VerkanMilestoneRow *self = VERKAN_MILESTONE_ROW (object);

  g_clear_object (&self->fields);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MILESTONE_ROW);

  G_OBJECT_CLASS (verkan_milestone_row_parent_class)->dispose (object);
}

static void
verkan_milestone_row_class_init (VerkanMilestoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_milestone_row_dispose;

  g_type_ensure (VERKAN_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-milestone-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, planned_start_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, planned_end_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, actual_start_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, actual_end_row);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);

  verkan_reorder_install (widget_class);
}

static void
verkan_milestone_row_init (VerkanMilestoneRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Drag a milestone onto another to move it there */
  verkan_reorder_enable (GTK_LIST_BOX_ROW (self));
}

GtkWidget *
verkan_milestone_row_new (VerkanProject *project,
                          VerkanRecord  *record)
{
  VerkanMilestoneRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_MILESTONE_ROW, NULL);
  self->fields = verkan_field_binding_group_new (project, record);

  verkan_field_binding_group_bind (self->fields, "title",
                                   GTK_WIDGET (self->title_row), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "planned_start",
                                   GTK_WIDGET (self->planned_start_row), VERKAN_FIELD_DATE);
  verkan_field_binding_group_bind (self->fields, "planned_end",
                                   GTK_WIDGET (self->planned_end_row), VERKAN_FIELD_DATE);
  verkan_field_binding_group_bind (self->fields, "actual_start",
                                   GTK_WIDGET (self->actual_start_row), VERKAN_FIELD_DATE);
  verkan_field_binding_group_bind (self->fields, "actual_end",
                                   GTK_WIDGET (self->actual_end_row), VERKAN_FIELD_DATE);

  g_signal_connect_object (record, "changed", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  update_header (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_milestone_row_get_record (VerkanMilestoneRow *self)
{
  g_return_val_if_fail (VERKAN_IS_MILESTONE_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_milestone_row_set_position (VerkanMilestoneRow *self,
                                   guint               index,
                                   guint               n_items)
{
  g_return_if_fail (VERKAN_IS_MILESTONE_ROW (self));

  verkan_reorder_update_buttons (self->move_up_button, self->move_down_button, index, n_items);
}

void
verkan_milestone_row_focus_title (VerkanMilestoneRow *self)
{
  g_return_if_fail (VERKAN_IS_MILESTONE_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
