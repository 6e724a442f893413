/* verkan-goal-row.c: one project goal or effect goal
 *
 * The header shows the number and the text of the goal and, below, its
 * outcome; expanded, the row holds the editors.  The row asks its list to
 * move it (::move-requested), so that the list can keep the focus on it
 * once the new order is shown; removing it is done here.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-reorder.h"
#include "verkan-goal-row.h"
#include "verkan-text-row.h"
#include "verkan-vocabulary.h"

struct _VerkanGoalRow
{
  AdwExpanderRow           parent_instance;

  VerkanFieldBindingGroup *fields;
  guint                    index;

  GtkWidget               *move_up_button;
  GtkWidget               *move_down_button;
  VerkanTextRow           *text_row;
  AdwComboRow             *status_row;
  VerkanTextRow           *outcome_row;
  GtkEditable             *survey_full;
  GtkEditable             *survey_partly;
  GtkEditable             *survey_not;
};

G_DEFINE_FINAL_TYPE (VerkanGoalRow, verkan_goal_row, ADW_TYPE_EXPANDER_ROW)

static char *
dup_count (VerkanRecord *record,
           const char   *column)
{
  if (!verkan_record_has_value (record, column))
    return g_strdup ("–");
  return g_strdup_printf ("%" G_GINT64_FORMAT, verkan_record_get_int (record, column, 0));
}

static void
update_header (VerkanGoalRow *self)
{
  VerkanRecord *record = verkan_goal_row_get_record (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *text;
  const char *status;

  if (record == NULL)
    return;

  text = verkan_record_get_string (record, "text");
  if (*text != '\0')
    /* Translators: a goal's number and its text: "1. The municipalities have …" */
    title = g_strdup_printf (_("%u. %s"), self->index + 1, text);
  else
    /* Translators: a goal that has no text yet */
    title = g_strdup_printf (_("%u. New goal"), self->index + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

  status = verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS,
                                    verkan_record_get_string (record, "status"));

  if (verkan_record_has_value (record, "survey_full")
      || verkan_record_has_value (record, "survey_partly")
      || verkan_record_has_value (record, "survey_not"))
    {
      g_autofree char *full = dup_count (record, "survey_full");
      g_autofree char *partly = dup_count (record, "survey_partly");
      g_autofree char *not = dup_count (record, "survey_not");

      /* Translators: the outcome of a goal, then how many respondents
       * think it is met fully, partly or not at all */
      subtitle = g_strdup_printf (_("%s · Survey: %s fully, %s partly, %s not at all"),
                                  status, full, partly, not);
    }
  else
    {
      subtitle = g_strdup (status);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
on_remove (VerkanGoalRow *self)
{
  VerkanRecord *record = verkan_goal_row_get_record (self);
  gboolean effect;

  if (record == NULL)
    return;

  effect = g_strcmp0 (verkan_record_get_string (record, "kind"), "effect-goal") == 0;
  verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self),
                                            effect ? _("Effect goal removed")
                                                   : _("Project goal removed"));
}

static void
verkan_goal_row_dispose (GObject *object)
{
  VerkanGoalRow *self = VERKAN_GOAL_ROW (object);

  g_clear_object (&self->fields);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_GOAL_ROW);

  G_OBJECT_CLASS (verkan_goal_row_parent_class)->dispose (object);
}

static void
verkan_goal_row_class_init (VerkanGoalRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_goal_row_dispose;

  g_type_ensure (VERKAN_TYPE_TEXT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-goal-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, text_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, status_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, survey_full);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, survey_partly);
  gtk_widget_class_bind_template_child (widget_class, VerkanGoalRow, survey_not);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);

  verkan_reorder_install (widget_class);
}

static void
verkan_goal_row_init (VerkanGoalRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Drag a goal onto another to move it there */
  verkan_reorder_enable (GTK_LIST_BOX_ROW (self));
}

GtkWidget *
verkan_goal_row_new (VerkanProject *project,
                     VerkanRecord  *record)
{
  VerkanGoalRow *self;
  VerkanFieldBinding *status;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_GOAL_ROW, NULL);
  self->fields = verkan_field_binding_group_new (project, record);

  verkan_field_binding_group_bind (self->fields, "text",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)),
                                   VERKAN_FIELD_TEXT);
  status = verkan_field_binding_group_bind (self->fields, "status",
                                            GTK_WIDGET (self->status_row), VERKAN_FIELD_CHOICE);
  verkan_field_binding_set_vocabulary (status, VERKAN_VOCABULARY_GOAL_STATUS);
  verkan_field_binding_group_bind (self->fields, "outcome",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->outcome_row)),
                                   VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "survey_full",
                                   GTK_WIDGET (self->survey_full), VERKAN_FIELD_COUNT);
  verkan_field_binding_group_bind (self->fields, "survey_partly",
                                   GTK_WIDGET (self->survey_partly), VERKAN_FIELD_COUNT);
  verkan_field_binding_group_bind (self->fields, "survey_not",
                                   GTK_WIDGET (self->survey_not), VERKAN_FIELD_COUNT);

  /* The names let tests and accessibility tools find the editors */
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)), "goal-text");
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->outcome_row)), "goal-outcome");

  g_signal_connect_object (record, "changed", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  update_header (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_goal_row_get_record (VerkanGoalRow *self)
{
  g_return_val_if_fail (VERKAN_IS_GOAL_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_goal_row_set_position (VerkanGoalRow *self,
                              guint          index,
                              guint          n_items)
{
  g_return_if_fail (VERKAN_IS_GOAL_ROW (self));

  self->index = index;
  verkan_reorder_update_buttons (self->move_up_button, self->move_down_button, index, n_items);

  update_header (self);
}

void
verkan_goal_row_focus_text (VerkanGoalRow *self)
{
  g_return_if_fail (VERKAN_IS_GOAL_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)));
}
