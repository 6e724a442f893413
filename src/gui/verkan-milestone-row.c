/* verkan-milestone-row.c: one step of the time plan
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-field-binding.h"
#include "verkan-reorder.h"
#include "verkan-milestone-row.h"
#include "verkan-window.h"

struct _VerkanMilestoneRow
{
  AdwExpanderRow  parent_instance;

  VerkanProject  *project;
  VerkanRecord   *record;
  GPtrArray      *bindings;
  guint           index;
  guint           n_items;

  GtkWidget      *move_up_button;
  GtkWidget      *move_down_button;
  AdwEntryRow    *title_row;
  VerkanDateRow  *planned_start_row;
  VerkanDateRow  *planned_end_row;
  VerkanDateRow  *actual_start_row;
  VerkanDateRow  *actual_end_row;
};

G_DEFINE_FINAL_TYPE (VerkanMilestoneRow, verkan_milestone_row, ADW_TYPE_EXPANDER_ROW)

enum {
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  g_autofree char *planned = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->record == NULL)
    return;

  title = verkan_record_get_string (self->record, "title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 *title != '\0' ? title : _("New milestone"));

  planned = dup_span (self->record, "planned_start", "planned_end");
  actual = dup_span (self->record, "actual_start", "actual_end");

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
request_move (VerkanMilestoneRow *self,
              int                 delta)
{
  int target = (int) self->index + delta;

  if (target < 0 || target >= (int) self->n_items)
    return;

  g_signal_emit (self, signals[MOVE_REQUESTED], 0, (guint) target);
}

static void
on_move_up (VerkanMilestoneRow *self)
{
  request_move (self, -1);
}

static void
on_move_down (VerkanMilestoneRow *self)
{
  request_move (self, +1);
}

static gboolean
move_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  request_move (VERKAN_MILESTONE_ROW (widget), g_variant_get_int32 (args));
  return TRUE;
}

static void
on_remove (VerkanMilestoneRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) window = NULL;
  GtkRoot *root;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = root != NULL ? GTK_WIDGET (g_object_ref (root)) : NULL;

  if (!verkan_project_delete (self->project, "milestone",
                              verkan_record_get_id (self->record), &error))
    {
      verkan_window_show_error_for (window, error);
      return;
    }

  verkan_window_show_undo_toast_for (window, _("Milestone removed"));
}

static void
bind_field (VerkanMilestoneRow *self,
            const char         *column,
            gpointer            widget,
            VerkanFieldKind     kind)
{
  g_ptr_array_add (self->bindings,
                   verkan_field_binding_new (self->project, self->record,
                                             column, GTK_WIDGET (widget), kind));
}

static void
verkan_milestone_row_dispose (GObject *object)
{
  VerkanMilestoneRow *self = VERKAN_MILESTONE_ROW (object);

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

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MILESTONE_ROW);

  G_OBJECT_CLASS (verkan_milestone_row_parent_class)->dispose (object);
}

static void
verkan_milestone_row_class_init (VerkanMilestoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_milestone_row_dispose;

  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (VERKAN_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-milestone-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, planned_start_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, planned_end_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, actual_start_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanMilestoneRow, actual_end_row);
  gtk_widget_class_bind_template_callback (widget_class, on_move_up);
  gtk_widget_class_bind_template_callback (widget_class, on_move_down);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_shortcut, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, move_shortcut, "i", 1);
}

static void
verkan_milestone_row_init (VerkanMilestoneRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

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
  self->project = g_object_ref (project);
  self->record = g_object_ref (record);

  bind_field (self, "title", self->title_row, VERKAN_FIELD_TEXT);
  bind_field (self, "planned_start", self->planned_start_row, VERKAN_FIELD_DATE);
  bind_field (self, "planned_end", self->planned_end_row, VERKAN_FIELD_DATE);
  bind_field (self, "actual_start", self->actual_start_row, VERKAN_FIELD_DATE);
  bind_field (self, "actual_end", self->actual_end_row, VERKAN_FIELD_DATE);

  g_signal_connect_swapped (record, "changed", G_CALLBACK (update_header), self);
  update_header (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_milestone_row_get_record (VerkanMilestoneRow *self)
{
  g_return_val_if_fail (VERKAN_IS_MILESTONE_ROW (self), NULL);

  return self->record;
}

void
verkan_milestone_row_set_position (VerkanMilestoneRow *self,
                                   guint               index,
                                   guint               n_items)
{
  g_return_if_fail (VERKAN_IS_MILESTONE_ROW (self));

  self->index = index;
  self->n_items = n_items;

  gtk_widget_set_sensitive (self->move_up_button, index > 0);
  gtk_widget_set_sensitive (self->move_down_button, index + 1 < n_items);
  gtk_widget_set_visible (self->move_up_button, n_items > 1);
  gtk_widget_set_visible (self->move_down_button, n_items > 1);
}

void
verkan_milestone_row_focus_title (VerkanMilestoneRow *self)
{
  g_return_if_fail (VERKAN_IS_MILESTONE_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
