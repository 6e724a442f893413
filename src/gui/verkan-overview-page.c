/* verkan-overview-page.c: the project's first chapter, time plan and resources
 *
 * Each list on the page is a GtkListBox bound to a VerkanRecordList, so the
 * rows follow inserts, removals, moves, undo and redo by themselves; a
 * row that stays keeps its widget while it is edited.  The page only adds
 * what concerns a list as a whole: numbering, the order of the
 * organisation, the sums of the resources table, and keeping the keyboard
 * focus on a row that was added or moved.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-field-binding-group.h"
#include "verkan-format.h"
#include "verkan-goal-row.h"
#include "verkan-milestone-row.h"
#include "verkan-municipality-chooser.h"
#include "verkan-municipality-row.h"
#include "verkan-overview-page.h"
#include "verkan-person-row.h"
#include "verkan-record-list.h"
#include "verkan-resource-row.h"
#include "verkan-text-row.h"
#include "verkan-vocabulary.h"
#include "verkan-window.h"

struct _VerkanOverviewPage
{
  AdwPreferencesPage   parent_instance;

  VerkanProject       *project;
  VerkanRecordList    *project_rows;
  VerkanRecordList    *municipalities;
  VerkanRecordList    *people;
  GtkSortListModel    *sorted_people;
  GtkSorter           *person_sorter;
  VerkanRecordList    *project_goals;
  VerkanRecordList    *effect_goals;
  VerkanRecordList    *milestones;
  VerkanRecordList    *resources;

  /* The basic information and the purpose, edited in the project row */
  VerkanFieldBindingGroup *project_fields;

  /* The row to give the focus once the lists show it */
  char                *focus_table;
  gint64               focus_id;
  gboolean             focus_editor;
  gboolean             focus_expand;
  guint                resort_id;
  guint                bind_lists_id;

  /* Basic information */
  AdwPreferencesGroup *basic_group;
  AdwEntryRow         *title_row;
  AdwEntryRow         *subtitle_row;
  AdwEntryRow         *author_row;
  VerkanDateRow       *date_row;
  AdwEntryRow         *report_number_row;
  AdwEntryRow         *dnr_row;
  AdwEntryRow         *financier_row;
  AdwEntryRow         *owner_row;
  VerkanDateRow       *period_start_row;
  VerkanDateRow       *period_end_row;

  AdwPreferencesGroup *purpose_group;
  VerkanTextRow       *purpose_row;
  VerkanTextRow       *target_group_row;

  AdwPreferencesGroup *municipality_group;
  GtkListBox          *municipality_list;
  AdwPreferencesGroup *organisation_group;
  GtkListBox          *person_list;
  AdwPreferencesGroup *project_goal_group;
  GtkListBox          *project_goal_list;
  AdwPreferencesGroup *effect_goal_group;
  GtkListBox          *effect_goal_list;
  AdwPreferencesGroup *time_plan_group;
  GtkListBox          *milestone_list;

  AdwPreferencesGroup *resource_group;
  GtkListBox          *resource_list;
  GtkLabel            *planned_sum_label;
  GtkLabel            *actual_sum_label;
  GtkLabel            *difference_sum_label;
  GtkSizeGroup        *planned_size_group;
  GtkSizeGroup        *actual_size_group;
  GtkSizeGroup        *difference_size_group;
  GtkSizeGroup        *remove_size_group;
};

G_DEFINE_FINAL_TYPE (VerkanOverviewPage, verkan_overview_page, ADW_TYPE_PREFERENCES_PAGE)

static GVariant *
empty_row (void)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  return g_variant_builder_end (&builder);
}

static VerkanRecord *
row_get_record (GtkListBoxRow *row)
{
  if (VERKAN_IS_GOAL_ROW (row))
    return verkan_goal_row_get_record (VERKAN_GOAL_ROW (row));
  if (VERKAN_IS_PERSON_ROW (row))
    return verkan_person_row_get_record (VERKAN_PERSON_ROW (row));
  if (VERKAN_IS_MILESTONE_ROW (row))
    return verkan_milestone_row_get_record (VERKAN_MILESTONE_ROW (row));
  if (VERKAN_IS_RESOURCE_ROW (row))
    return verkan_resource_row_get_record (VERKAN_RESOURCE_ROW (row));
  if (VERKAN_IS_MUNICIPALITY_ROW (row))
    return verkan_municipality_row_get_record (VERKAN_MUNICIPALITY_ROW (row));
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Focus on added and moved rows                                       */

static void
want_focus (VerkanOverviewPage *self,
            const char         *table,
            gint64              id,
            gboolean            editor,
            gboolean            expand)
{
  g_free (self->focus_table);
  self->focus_table = g_strdup (table);
  self->focus_id = id;
  self->focus_editor = editor;
  self->focus_expand = expand;
}

static gboolean
focus_in_list (VerkanOverviewPage *self,
               GtkListBox         *list)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      VerkanRecord *record = row_get_record (row);

      if (record == NULL
          || verkan_record_get_id (record) != self->focus_id
          || g_strcmp0 (verkan_record_get_table (record), self->focus_table) != 0)
        continue;

      if (self->focus_expand && ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

      if (self->focus_editor && VERKAN_IS_GOAL_ROW (row))
        verkan_goal_row_focus_text (VERKAN_GOAL_ROW (row));
      else if (self->focus_editor && VERKAN_IS_PERSON_ROW (row))
        verkan_person_row_focus_name (VERKAN_PERSON_ROW (row));
      else if (self->focus_editor && VERKAN_IS_MILESTONE_ROW (row))
        verkan_milestone_row_focus_title (VERKAN_MILESTONE_ROW (row));
      else if (VERKAN_IS_RESOURCE_ROW (row))
        verkan_resource_row_focus_function (VERKAN_RESOURCE_ROW (row));
      else
        gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);

      return TRUE;
    }

  return FALSE;
}

static void
focus_wanted_row (VerkanOverviewPage *self)
{
  GtkListBox *lists[] = {
    self->municipality_list, self->person_list, self->project_goal_list,
    self->effect_goal_list, self->milestone_list, self->resource_list,
  };

  if (self->focus_table == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (focus_in_list (self, lists[i]))
      {
        g_clear_pointer (&self->focus_table, g_free);
        return;
      }
}

/* ------------------------------------------------------------------ */
/* Goals and milestones: numbers and moves                             */

static void
update_positions (GtkListBox *list)
{
  GtkListBoxRow *row;
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      if (VERKAN_IS_GOAL_ROW (row))
        verkan_goal_row_set_position (VERKAN_GOAL_ROW (row), i, n);
      else if (VERKAN_IS_MILESTONE_ROW (row))
        verkan_milestone_row_set_position (VERKAN_MILESTONE_ROW (row), i, n);
    }
}

static void
on_move_requested (GtkListBoxRow      *row,
                   guint               new_index,
                   VerkanOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanRecord) record = NULL;

  if (row_get_record (row) == NULL)
    return;

  record = g_object_ref (row_get_record (row));
  verkan_field_binding_flush_all ();

  want_focus (self, verkan_record_get_table (record), verkan_record_get_id (record),
              FALSE, adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  if (!verkan_project_move (self->project, verkan_record_get_table (record),
                            verkan_record_get_id (record), new_index, &error))
    {
      g_clear_pointer (&self->focus_table, g_free);
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  focus_wanted_row (self);
}

static void
on_goals_changed (VerkanOverviewPage *self,
                  guint               position,
                  guint               removed,
                  guint               added,
                  GListModel         *model)
{
  if (model == G_LIST_MODEL (self->project_goals))
    update_positions (self->project_goal_list);
  else if (model == G_LIST_MODEL (self->effect_goals))
    update_positions (self->effect_goal_list);
  else if (model == G_LIST_MODEL (self->milestones))
    update_positions (self->milestone_list);

  focus_wanted_row (self);
}

static GtkWidget *
create_goal_row (gpointer item,
                 gpointer user_data)
{
  VerkanOverviewPage *self = user_data;
  GtkWidget *row = verkan_goal_row_new (self->project, VERKAN_RECORD (item));

  g_signal_connect_object (row, "move-requested", G_CALLBACK (on_move_requested), self, 0);
  return row;
}

static GtkWidget *
create_milestone_row (gpointer item,
                      gpointer user_data)
{
  VerkanOverviewPage *self = user_data;
  GtkWidget *row = verkan_milestone_row_new (self->project, VERKAN_RECORD (item));

  g_signal_connect_object (row, "move-requested", G_CALLBACK (on_move_requested), self, 0);
  return row;
}

/* ------------------------------------------------------------------ */
/* Municipalities                                                      */

static GtkWidget *
create_municipality_row (gpointer item,
                         gpointer user_data)
{
  VerkanOverviewPage *self = user_data;

  return verkan_municipality_row_new (self->project, VERKAN_RECORD (item));
}

static void
on_municipality_chosen (VerkanOverviewPage *self,
                        const char         *code,
                        const char         *name)
{
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  gint64 id;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "code", g_variant_new_string (code));
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (name));

  id = verkan_project_insert (self->project, "municipality",
                              g_variant_builder_end (&builder), &error);
  if (error != NULL)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  want_focus (self, "municipality", id, FALSE, FALSE);
  focus_wanted_row (self);
}

static void
on_add_municipality (VerkanOverviewPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) taken = NULL;
  VerkanMunicipalityChooser *chooser;
  GtkRoot *root;
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);

      g_strv_builder_add (builder, verkan_record_get_string (record, "code"));
    }
  taken = g_strv_builder_end (builder);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = verkan_municipality_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             (const char * const *) taken);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_municipality_chosen),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

/* ------------------------------------------------------------------ */
/* Organisation, in the order a report lists it: owner, steering group,
 * project leader, project group, reference group, contacts             */

static int
compare_people (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  VerkanRecord *first = (VerkanRecord *) a;
  VerkanRecord *second = (VerkanRecord *) b;
  int role_a = verkan_vocabulary_index (VERKAN_VOCABULARY_PERSON_ROLE,
                                        verkan_record_get_string (first, "role"));
  int role_b = verkan_vocabulary_index (VERKAN_VOCABULARY_PERSON_ROLE,
                                        verkan_record_get_string (second, "role"));
  gint64 position_a, position_b;

  if (role_a != role_b)
    return role_a < role_b ? -1 : 1;

  position_a = verkan_record_get_int (first, "position", 0);
  position_b = verkan_record_get_int (second, "position", 0);
  if (position_a != position_b)
    return position_a < position_b ? -1 : 1;

  position_a = verkan_record_get_id (first);
  position_b = verkan_record_get_id (second);
  return position_a < position_b ? -1 : (position_a > position_b ? 1 : 0);
}

static gboolean
resort_people (gpointer data)
{
  VerkanOverviewPage *self = data;
  GListModel *model = G_LIST_MODEL (self->sorted_people);
  guint n = g_list_model_get_n_items (model);
  gboolean sorted = TRUE;

  self->resort_id = 0;

  for (guint i = 1; i < n && sorted; i++)
    {
      g_autoptr(VerkanRecord) a = g_list_model_get_item (model, i - 1);
      g_autoptr(VerkanRecord) b = g_list_model_get_item (model, i);

      sorted = compare_people (a, b, NULL) <= 0;
    }

  /* Re-sorting rebuilds rows, so only when a role really moved someone */
  if (!sorted)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, VERKAN_TYPE_PERSON_ROW) : NULL;

      if (row != NULL)
        {
          VerkanRecord *record = verkan_person_row_get_record (VERKAN_PERSON_ROW (row));

          want_focus (self, "person", verkan_record_get_id (record), FALSE, TRUE);
        }

      gtk_sorter_changed (self->person_sorter, GTK_SORTER_CHANGE_DIFFERENT);
      focus_wanted_row (self);
    }

  return G_SOURCE_REMOVE;
}

static void
on_people_changed (VerkanOverviewPage *self)
{
  /* Not while the person's combo row is still handling the choice */
  if (self->resort_id == 0)
    self->resort_id = g_idle_add (resort_people, self);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  VerkanOverviewPage *self = user_data;

  return verkan_person_row_new (self->project, VERKAN_RECORD (item),
                                G_LIST_MODEL (self->municipalities));
}

/* ------------------------------------------------------------------ */
/* Resources                                                           */

static void
update_sums (VerkanOverviewPage *self)
{
  GListModel *model = G_LIST_MODEL (self->resources);
  guint n = g_list_model_get_n_items (model);
  double planned = 0.0, actual = 0.0;
  gboolean any_planned = FALSE, any_actual = FALSE;
  g_autofree char *planned_text = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *difference_text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (model, i);

      if (verkan_record_has_value (record, "planned_hours"))
        {
          planned += verkan_record_get_double (record, "planned_hours", 0.0);
          any_planned = TRUE;
        }
      if (verkan_record_has_value (record, "actual_hours"))
        {
          actual += verkan_record_get_double (record, "actual_hours", 0.0);
          any_actual = TRUE;
        }
    }

  planned_text = any_planned ? verkan_format_number (planned, -1) : g_strdup ("–");
  actual_text = any_actual ? verkan_format_number (actual, -1) : g_strdup ("–");
  difference_text = verkan_resource_row_format_difference (any_planned && any_actual,
                                                           planned, actual);

  gtk_label_set_label (self->planned_sum_label, planned_text);
  gtk_label_set_label (self->actual_sum_label, actual_text);
  gtk_label_set_label (self->difference_sum_label, difference_text);
}

static void
on_resources_changed (VerkanOverviewPage *self)
{
  update_sums (self);
  focus_wanted_row (self);
}

static GtkWidget *
create_resource_row (gpointer item,
                     gpointer user_data)
{
  VerkanOverviewPage *self = user_data;
  GtkWidget *row = verkan_resource_row_new (self->project, VERKAN_RECORD (item));

  verkan_resource_row_add_size_groups (VERKAN_RESOURCE_ROW (row),
                                       self->planned_size_group,
                                       self->actual_size_group,
                                       self->difference_size_group,
                                       self->remove_size_group);
  return row;
}

/* ------------------------------------------------------------------ */
/* Adding                                                              */

static void
add_row (VerkanOverviewPage *self,
         const char         *table,
         GVariant           *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  verkan_field_binding_flush_all ();

  id = verkan_project_insert (self->project, table, row, &error);
  if (error != NULL)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  want_focus (self, table, id, TRUE, TRUE);
  focus_wanted_row (self);
}

static void
on_add_person (VerkanOverviewPage *self)
{
  add_row (self, "person", empty_row ());
}

static void
add_goal (VerkanOverviewPage *self,
          const char         *kind)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "kind", g_variant_new_string (kind));
  add_row (self, "goal", g_variant_builder_end (&builder));
}

static void
on_add_project_goal (VerkanOverviewPage *self)
{
  add_goal (self, "project-goal");
}

static void
on_add_effect_goal (VerkanOverviewPage *self)
{
  add_goal (self, "effect-goal");
}

static void
on_add_milestone (VerkanOverviewPage *self)
{
  add_row (self, "milestone", empty_row ());
}

static void
on_add_resource (VerkanOverviewPage *self)
{
  add_row (self, "resource", empty_row ());
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
bind_list (GtkListBox                 *list,
           GListModel                 *model,
           GtkListBoxCreateWidgetFunc  create,
           VerkanOverviewPage         *self,
           const char                 *placeholder)
{
  gtk_list_box_bind_model (list, model, create, self, NULL);
  gtk_list_box_set_placeholder (list, make_placeholder (placeholder));
}

static void
bind_project_fields (VerkanOverviewPage *self)
{
  const struct {
    const char      *column;
    gsize            offset;
    VerkanFieldKind  kind;
  } fields[] = {
    { "title",         G_STRUCT_OFFSET (VerkanOverviewPage, title_row),         VERKAN_FIELD_TEXT },
    { "subtitle",      G_STRUCT_OFFSET (VerkanOverviewPage, subtitle_row),      VERKAN_FIELD_TEXT },
    { "author",        G_STRUCT_OFFSET (VerkanOverviewPage, author_row),        VERKAN_FIELD_TEXT },
    { "date",          G_STRUCT_OFFSET (VerkanOverviewPage, date_row),          VERKAN_FIELD_DATE },
    { "report_number", G_STRUCT_OFFSET (VerkanOverviewPage, report_number_row), VERKAN_FIELD_TEXT },
    { "dnr",           G_STRUCT_OFFSET (VerkanOverviewPage, dnr_row),           VERKAN_FIELD_TEXT },
    { "financier",     G_STRUCT_OFFSET (VerkanOverviewPage, financier_row),     VERKAN_FIELD_TEXT },
    { "owner",         G_STRUCT_OFFSET (VerkanOverviewPage, owner_row),         VERKAN_FIELD_TEXT },
    { "period_start",  G_STRUCT_OFFSET (VerkanOverviewPage, period_start_row),  VERKAN_FIELD_DATE },
    { "period_end",    G_STRUCT_OFFSET (VerkanOverviewPage, period_end_row),    VERKAN_FIELD_DATE },
  };
  g_autoptr(VerkanRecord) record = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->project_rows)) == 0)
    {
      g_warning ("The project has no project row");
      gtk_widget_set_sensitive (GTK_WIDGET (self->basic_group), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->purpose_group), FALSE);
      return;
    }

  record = g_list_model_get_item (G_LIST_MODEL (self->project_rows), 0);

  self->project_fields = verkan_field_binding_group_new (self->project, record);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    verkan_field_binding_group_bind (self->project_fields, fields[i].column,
                                     G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset),
                                     fields[i].kind);

  verkan_field_binding_group_bind (self->project_fields, "purpose",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->purpose_row)),
                                   VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->project_fields, "target_group",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->target_group_row)),
                                   VERKAN_FIELD_TEXT);
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->purpose_row)), "project-purpose");
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->target_group_row)), "project-target-group");
}

static gboolean bind_lists (gpointer data);

static void
set_up (VerkanOverviewPage *self)
{
  VerkanProject *project = self->project;
  gboolean writable = !verkan_project_get_read_only (project);
  AdwPreferencesGroup *groups[] = {
    self->basic_group, self->purpose_group, self->municipality_group,
    self->organisation_group, self->project_goal_group, self->effect_goal_group,
    self->time_plan_group, self->resource_group,
  };

  self->project_rows = verkan_record_list_new (project, "project", NULL, NULL);
  self->municipalities = verkan_record_list_new (project, "municipality", NULL, NULL);
  self->people = verkan_record_list_new (project, "person", NULL, NULL);
  self->project_goals = verkan_record_list_new (project, "goal", "kind",
                                                g_variant_new_string ("project-goal"));
  self->effect_goals = verkan_record_list_new (project, "goal", "kind",
                                               g_variant_new_string ("effect-goal"));
  self->milestones = verkan_record_list_new (project, "milestone", NULL, NULL);
  self->resources = verkan_record_list_new (project, "resource", NULL, NULL);

  self->person_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_people, NULL, NULL));
  self->sorted_people = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->people)),
                                                 g_object_ref (self->person_sorter));

  bind_project_fields (self);

  /* The window first shows with the basic information; the lists, with
   * their many rows, fill in right after its first frame. */
  self->bind_lists_id = g_idle_add_full (G_PRIORITY_LOW, bind_lists, self, NULL);

  /* A project someone else has open, or that may not be written, is
   * shown as it is; the window says why. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (groups[i]), writable);
}

static gboolean
bind_lists (gpointer data)
{
  VerkanOverviewPage *self = data;
  VerkanProject *project = self->project;

  self->bind_lists_id = 0;

  bind_list (self->municipality_list, G_LIST_MODEL (self->municipalities),
             create_municipality_row, self,
             _("No municipalities yet. Add the ones that take part in the project."));
  bind_list (self->person_list, G_LIST_MODEL (self->sorted_people),
             create_person_row, self,
             _("No people yet. Add the project owner, the steering group, the project leader and the project group."));
  bind_list (self->project_goal_list, G_LIST_MODEL (self->project_goals),
             create_goal_row, self,
             _("No project goals yet."));
  bind_list (self->effect_goal_list, G_LIST_MODEL (self->effect_goals),
             create_goal_row, self,
             _("No effect goals yet."));
  bind_list (self->milestone_list, G_LIST_MODEL (self->milestones),
             create_milestone_row, self,
             _("No milestones yet. Add the project’s phases with their planned and actual dates."));
  bind_list (self->resource_list, G_LIST_MODEL (self->resources),
             create_resource_row, self,
             _("No resources yet. Add a line for each function, such as the project leader or the steering group."));

  /* After the list boxes, so that the rows exist when these run */
  g_signal_connect_object (self->project_goals, "items-changed",
                           G_CALLBACK (on_goals_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->effect_goals, "items-changed",
                           G_CALLBACK (on_goals_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->milestones, "items-changed",
                           G_CALLBACK (on_goals_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->municipalities, "items-changed",
                           G_CALLBACK (focus_wanted_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted_people, "items-changed",
                           G_CALLBACK (focus_wanted_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->resources, "items-changed",
                           G_CALLBACK (on_resources_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed::resource",
                           G_CALLBACK (update_sums), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed::person",
                           G_CALLBACK (on_people_changed), self, G_CONNECT_SWAPPED);

  update_positions (self->project_goal_list);
  update_positions (self->effect_goal_list);
  update_positions (self->milestone_list);
  update_sums (self);
  return G_SOURCE_REMOVE;
}

static void
verkan_overview_page_dispose (GObject *object)
{
  VerkanOverviewPage *self = VERKAN_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->resort_id, g_source_remove);
  g_clear_handle_id (&self->bind_lists_id, g_source_remove);
  g_clear_object (&self->project_fields);

  /* The rows go before the lists they show */
  if (self->municipality_list != NULL)
    {
      gtk_list_box_bind_model (self->municipality_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->person_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->project_goal_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->effect_goal_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->milestone_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->resource_list, NULL, NULL, NULL, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_OVERVIEW_PAGE);

  g_clear_object (&self->sorted_people);
  g_clear_object (&self->person_sorter);
  g_clear_object (&self->project_rows);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->people);
  g_clear_object (&self->project_goals);
  g_clear_object (&self->effect_goals);
  g_clear_object (&self->milestones);
  g_clear_object (&self->resources);
  g_clear_object (&self->project);
  g_clear_pointer (&self->focus_table, g_free);

  G_OBJECT_CLASS (verkan_overview_page_parent_class)->dispose (object);
}

static void
verkan_overview_page_class_init (VerkanOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_overview_page_dispose;

  g_type_ensure (VERKAN_TYPE_DATE_ROW);
  g_type_ensure (VERKAN_TYPE_TEXT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-overview-page.ui");

  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, basic_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, author_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, report_number_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, dnr_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, financier_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, period_start_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, period_end_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, purpose_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, target_group_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, municipality_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, municipality_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, organisation_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, person_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, project_goal_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, project_goal_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, effect_goal_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, effect_goal_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, time_plan_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, milestone_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, resource_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, resource_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, planned_sum_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, actual_sum_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, difference_sum_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, planned_size_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, actual_size_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, difference_size_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanOverviewPage, remove_size_group);

  gtk_widget_class_bind_template_callback (widget_class, on_add_municipality);
  gtk_widget_class_bind_template_callback (widget_class, on_add_person);
  gtk_widget_class_bind_template_callback (widget_class, on_add_project_goal);
  gtk_widget_class_bind_template_callback (widget_class, on_add_effect_goal);
  gtk_widget_class_bind_template_callback (widget_class, on_add_milestone);
  gtk_widget_class_bind_template_callback (widget_class, on_add_resource);
}

static void
verkan_overview_page_init (VerkanOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
verkan_overview_page_new (VerkanProject *project)
{
  VerkanOverviewPage *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_OVERVIEW_PAGE, NULL);
  self->project = g_object_ref (project);
  set_up (self);

  return GTK_WIDGET (self);
}

VerkanProject *
verkan_overview_page_get_project (VerkanOverviewPage *self)
{
  g_return_val_if_fail (VERKAN_IS_OVERVIEW_PAGE (self), NULL);

  return self->project;
}
