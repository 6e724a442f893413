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

#include "verkan-field-binding.h"
#include "verkan-reorder.h"
#include "verkan-goal-row.h"
#include "verkan-text-row.h"
#include "verkan-vocabulary.h"
#include "verkan-window.h"

struct _VerkanGoalRow
{
  AdwExpanderRow  parent_instance;

  VerkanProject  *project;
  VerkanRecord   *record;
  GPtrArray      *bindings;
  guint           index;
  guint           n_items;

  GtkWidget      *move_up_button;
  GtkWidget      *move_down_button;
  VerkanTextRow  *text_row;
  AdwComboRow    *status_row;
  VerkanTextRow  *outcome_row;
  GtkEditable    *survey_full;
  GtkEditable    *survey_partly;
  GtkEditable    *survey_not;
};

G_DEFINE_FINAL_TYPE (VerkanGoalRow, verkan_goal_row, ADW_TYPE_EXPANDER_ROW)

enum {
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *text;
  const char *status;

  if (self->record == NULL)
    return;

  text = verkan_record_get_string (self->record, "text");
  if (*text != '\0')
    /* Translators: a goal's number and its text: "1. The municipalities have …" */
    title = g_strdup_printf (_("%u. %s"), self->index + 1, text);
  else
    /* Translators: a goal that has no text yet */
    title = g_strdup_printf (_("%u. New goal"), self->index + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

  status = verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS,
                                    verkan_record_get_string (self->record, "status"));

  if (verkan_record_has_value (self->record, "survey_full")
      || verkan_record_has_value (self->record, "survey_partly")
      || verkan_record_has_value (self->record, "survey_not"))
    {
      g_autofree char *full = dup_count (self->record, "survey_full");
      g_autofree char *partly = dup_count (self->record, "survey_partly");
      g_autofree char *not = dup_count (self->record, "survey_not");

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
request_move (VerkanGoalRow *self,
              int            delta)
{
  int target = (int) self->index + delta;

  if (target < 0 || target >= (int) self->n_items)
    return;

  g_signal_emit (self, signals[MOVE_REQUESTED], 0, (guint) target);
}

static void
on_move_up (VerkanGoalRow *self)
{
  request_move (self, -1);
}

static void
on_move_down (VerkanGoalRow *self)
{
  request_move (self, +1);
}

static gboolean
move_up_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  request_move (VERKAN_GOAL_ROW (widget), -1);
  return TRUE;
}

static gboolean
move_down_shortcut (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  request_move (VERKAN_GOAL_ROW (widget), +1);
  return TRUE;
}

static void
on_remove (VerkanGoalRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) window = NULL;
  GtkRoot *root;
  gboolean effect;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  /* Deleting takes the row out of its list at once */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = root != NULL ? GTK_WIDGET (g_object_ref (root)) : NULL;
  effect = g_strcmp0 (verkan_record_get_string (self->record, "kind"), "effect-goal") == 0;

  if (!verkan_project_delete (self->project, "goal",
                              verkan_record_get_id (self->record), &error))
    {
      verkan_window_show_error_for (window, error);
      return;
    }

  verkan_window_show_undo_toast_for (window,
                                     effect ? _("Effect goal removed")
                                            : _("Project goal removed"));
}

static void
bind_field (VerkanGoalRow   *self,
            const char      *column,
            GtkWidget       *widget,
            VerkanFieldKind  kind)
{
  VerkanFieldBinding *binding;

  binding = verkan_field_binding_new (self->project, self->record, column, widget, kind);
  g_ptr_array_add (self->bindings, binding);

  if (kind == VERKAN_FIELD_CHOICE)
    verkan_field_binding_set_vocabulary (binding, VERKAN_VOCABULARY_GOAL_STATUS);
}

static void
verkan_goal_row_dispose (GObject *object)
{
  VerkanGoalRow *self = VERKAN_GOAL_ROW (object);

  if (self->bindings != NULL)
    {
      for (guint i = 0; i < self->bindings->len; i++)
        verkan_field_binding_unbind (g_ptr_array_index (self->bindings, i));
      g_clear_pointer (&self->bindings, g_ptr_array_unref);
    }

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);

  g_clear_object (&self->record);
  g_clear_object (&self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_GOAL_ROW);

  G_OBJECT_CLASS (verkan_goal_row_parent_class)->dispose (object);
}

static void
verkan_goal_row_class_init (VerkanGoalRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_goal_row_dispose;

  /**
   * VerkanGoalRow::move-requested:
   * @new_index: where the goal should stand in its list
   *
   * The person asked to move the goal up or down.
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

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
  gtk_widget_class_bind_template_callback (widget_class, on_move_up);
  gtk_widget_class_bind_template_callback (widget_class, on_move_down);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_up_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, move_up_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_down_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, move_down_shortcut, NULL);
}

static void
verkan_goal_row_init (VerkanGoalRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  /* Drag a goal onto another to move it there */
  verkan_reorder_enable (GTK_LIST_BOX_ROW (self));
}

GtkWidget *
verkan_goal_row_new (VerkanProject *project,
                     VerkanRecord  *record)
{
  VerkanGoalRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_GOAL_ROW, NULL);
  self->project = g_object_ref (project);
  self->record = g_object_ref (record);

  bind_field (self, "text",
              GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)),
              VERKAN_FIELD_TEXT);
  bind_field (self, "status", GTK_WIDGET (self->status_row), VERKAN_FIELD_CHOICE);
  bind_field (self, "outcome",
              GTK_WIDGET (verkan_text_row_get_text_view (self->outcome_row)),
              VERKAN_FIELD_TEXT);
  bind_field (self, "survey_full", GTK_WIDGET (self->survey_full), VERKAN_FIELD_COUNT);
  bind_field (self, "survey_partly", GTK_WIDGET (self->survey_partly), VERKAN_FIELD_COUNT);
  bind_field (self, "survey_not", GTK_WIDGET (self->survey_not), VERKAN_FIELD_COUNT);

  /* The names let tests and accessibility tools find the editors */
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)), "goal-text");
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->outcome_row)), "goal-outcome");

  g_signal_connect_swapped (record, "changed", G_CALLBACK (update_header), self);
  update_header (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_goal_row_get_record (VerkanGoalRow *self)
{
  g_return_val_if_fail (VERKAN_IS_GOAL_ROW (self), NULL);

  return self->record;
}

void
verkan_goal_row_set_position (VerkanGoalRow *self,
                              guint          index,
                              guint          n_items)
{
  g_return_if_fail (VERKAN_IS_GOAL_ROW (self));

  self->index = index;
  self->n_items = n_items;

  gtk_widget_set_sensitive (self->move_up_button, index > 0);
  gtk_widget_set_sensitive (self->move_down_button, index + 1 < n_items);
  gtk_widget_set_visible (self->move_up_button, n_items > 1);
  gtk_widget_set_visible (self->move_down_button, n_items > 1);

  update_header (self);
}

void
verkan_goal_row_focus_text (VerkanGoalRow *self)
{
  g_return_if_fail (VERKAN_IS_GOAL_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)));
}
