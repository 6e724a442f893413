/* test-gui-model-form.c: the form view of a logic model, driven through
 * its widgets
 *
 * Shows the form for a model of a copy of the sample project in a window:
 * the rows per column match the file, typing into a card, adding a card,
 * an indicator and a link with its rationale all reach the file, and an
 * edit made elsewhere (as the canvas makes it) shows in the very row that
 * was there, which keeps its widget and the focus.  A generated model of
 * a thousand cards fills in a batch at a time, its rows without editors.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "verkan-field-binding.h"
#include "verkan-gui-test-util.h"
#include "verkan-indicator-row.h"
#include "verkan-model-edit.h"
#include "verkan-model-element-row.h"
#include "verkan-model-form.h"
#include "verkan-model-link-row.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

#define MODEL_ID 1   /* "Logikmodell för Hallsberg": both bands shown */

static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

typedef struct {
  char            *path;
  VerkanProject   *project;
  GtkWindow       *window;
  VerkanModelForm *form;
} Fixture;

static void
fixture_open (Fixture         *fixture,
              const char      *name,
              VerkanOpenFlags  flags,
              gint64           model_id)
{
  g_autoptr(GError) error = NULL;

  fixture->path = verkan_gui_test_copy_sample (tmpdir, name);
  fixture->project = verkan_project_open (fixture->path, flags, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 900);
  fixture->form = VERKAN_MODEL_FORM (verkan_model_form_new ());
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->form));
  verkan_model_form_set_model (fixture->form, fixture->project, model_id);
  gtk_window_present (fixture->window);
  verkan_gui_test_iterate ();
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  verkan_gui_test_iterate ();
  verkan_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static GtkListBox *
column_list (Fixture    *fixture,
             const char *token)
{
  g_autofree char *name = g_strdup_printf ("model-form-list-%s", token);
  GtkWidget *list = verkan_gui_test_find_named (GTK_WIDGET (fixture->form), name);

  g_assert_true (GTK_IS_LIST_BOX (list));
  return GTK_LIST_BOX (list);
}

static VerkanModelElementRow *
element_row (Fixture    *fixture,
             const char *token,
             int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (column_list (fixture, token), index);

  g_assert_true (VERKAN_IS_MODEL_ELEMENT_ROW (row));
  return VERKAN_MODEL_ELEMENT_ROW (row);
}

static gint64
row_id (VerkanModelElementRow *row)
{
  return verkan_record_get_id (verkan_model_element_row_get_record (row));
}

static GtkWidget *
expanded_editor (VerkanModelElementRow *row,
                 const char            *name)
{
  GtkWidget *editor;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  verkan_gui_test_iterate ();
  editor = verkan_gui_test_find_named (GTK_WIDGET (row), name);
  g_assert_nonnull (editor);
  return editor;
}

static void
on_element_activated (VerkanModelForm *form,
                      gint64           element_id,
                      gint64          *activated)
{
  *activated = element_id;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_rows_per_column (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, "columns.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);

  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      const char *token = verkan_model_column_token (c);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM model_element "
                                              "WHERE model_id = %d AND column_kind = '%s'",
                                              MODEL_ID, token);
      GtkListBox *list = column_list (&fixture, token);
      gint64 expected = verkan_gui_test_query_int (fixture.path, sql);

      g_assert_cmpint (expected, >, 0);
      g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, expected);
      /* the model shows both bands */
      g_assert_true (gtk_widget_is_visible (GTK_WIDGET (list)));

      /* collapsed rows have made no editors yet */
      for (int i = 0; i < expected; i++)
        g_assert_false (verkan_model_element_row_has_editors (element_row (&fixture, token, i)));
    }

  /* In the order of their positions, titled as in the file */
  {
    g_autofree char *second = verkan_test_sql_text (fixture.path,
        "SELECT title FROM model_element WHERE model_id = 1 AND column_kind = 'activities' "
        "ORDER BY position LIMIT 1 OFFSET 1");
    VerkanModelElementRow *row = element_row (&fixture, "activities", 1);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, second);
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), !=, "");
  }

  /* Nora's model has no band of external factors */
  verkan_model_form_set_model (fixture.form, fixture.project, 3);
  verkan_gui_test_iterate ();
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (column_list (&fixture, "external-factors"))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (column_list (&fixture, "assumptions"))));
  g_assert_cmpuint (verkan_gui_test_count_rows (column_list (&fixture, "activities")), ==,
                    verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM model_element "
                                             "WHERE model_id = 3 AND column_kind = 'activities'"));

  fixture_close (&fixture);
}

static void
test_type_title (void)
{
  Fixture fixture = { 0 };
  VerkanModelElementRow *row;
  GtkWidget *entry;
  g_autofree char *sql = NULL;
  gint64 activated = 0;
  const char *typed = "Kartläggning inom två veckor";

  fixture_open (&fixture, "title.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);
  g_signal_connect (fixture.form, "element-activated", G_CALLBACK (on_element_activated), &activated);

  row = element_row (&fixture, "activities", 0);
  entry = expanded_editor (row, "model-element-title");
  /* opening the row said which card it is, and made its editors */
  g_assert_cmpint (activated, ==, row_id (row));
  g_assert_true (verkan_model_element_row_has_editors (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  sql = g_strdup_printf ("SELECT title FROM model_element WHERE id = %" G_GINT64_FORMAT, row_id (row));
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, typed));
  verkan_gui_test_iterate ();
  /* the header follows, and the row is the same one */
  g_assert_true (element_row (&fixture, "activities", 0) == row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, typed);

  fixture_close (&fixture);
}

static void
test_add_card (void)
{
  Fixture fixture = { 0 };
  GtkWidget *button;
  GtkListBox *list;
  VerkanModelElementRow *row;
  GtkWidget *focus;
  gint64 before;
  g_autofree char *sql = NULL;

  fixture_open (&fixture, "add.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);
  list = column_list (&fixture, "outputs");
  before = verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM model_element WHERE model_id = 1 AND column_kind = 'outputs'");
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, before);

  button = verkan_gui_test_find_named (GTK_WIDGET (fixture.form), "model-form-add-outputs");
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();

  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM model_element WHERE model_id = 1 AND column_kind = 'outputs'"),
                   ==, before + 1);
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, before + 1);

  /* The new card is last, open, with the focus in its title */
  row = element_row (&fixture, "outputs", before);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-title")));

  gtk_editable_set_text (GTK_EDITABLE (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-title")), "Utbildningsplaner");
  sql = g_strdup_printf ("SELECT title FROM model_element WHERE id = %" G_GINT64_FORMAT, row_id (row));
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Utbildningsplaner"));

  /* Undo takes the title back, then the card */
  g_assert_true (verkan_project_undo (fixture.project, NULL));
  g_assert_true (verkan_project_undo (fixture.project, NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, before);

  fixture_close (&fixture);
}

static void
test_indicator_and_link (void)
{
  Fixture fixture = { 0 };
  VerkanModelElementRow *row;
  GtkListBox *indicators, *links;
  GtkWidget *button, *targets, *target, *rationale;
  GtkPopover *popover;
  gint64 id, to_id;
  g_autofree char *sql = NULL;
  g_autofree char *target_name = NULL;
  g_autofree char *link_sql = NULL;
  const char *typed = "Om planen följs upp varje månad, så märks det tidigt när något stannar av.";

  fixture_open (&fixture, "links.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);

  /* "Individuella planer" (outputs) */
  row = element_row (&fixture, "outputs", 0);
  id = row_id (row);

  /* An indicator */
  button = expanded_editor (row, "model-element-add-indicator");
  indicators = GTK_LIST_BOX (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-indicators"));
  sql = g_strdup_printf ("SELECT count(*) FROM indicator WHERE element_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 0);
  g_assert_cmpuint (verkan_gui_test_count_rows (indicators), ==, 0);
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 1);
  g_assert_cmpuint (verkan_gui_test_count_rows (indicators), ==, 1);
  g_assert_true (VERKAN_IS_INDICATOR_ROW (gtk_list_box_get_row_at_index (indicators, 0)));

  /* A link, to a card of a later column that it does not lead to yet:
   * "Deltagarna tar steg närmare arbete" is taken, "Fler försörjer sig
   * på arbete eller studier" is not */
  links = GTK_LIST_BOX (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-links"));
  g_assert_cmpuint (verkan_gui_test_count_rows (links), ==, 2);
  to_id = verkan_gui_test_query_int (fixture.path, "SELECT id FROM model_element WHERE model_id = 1 AND column_kind = 'long-term-effects'");
  button = verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-add-link");
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  /* What opening the popover lists; Xvfb's small screen may have no
   * room to show it */
  verkan_model_link_targets_refresh (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  targets = verkan_gui_test_find_named (GTK_WIDGET (popover), "model-link-targets");
  g_assert_true (GTK_IS_LIST_BOX (targets));

  /* only later columns: no activity is offered, the taken one is shown
   * but cannot be chosen */
  {
    gint64 activity = verkan_gui_test_query_int (fixture.path, "SELECT id FROM model_element WHERE model_id = 1 AND column_kind = 'activities' LIMIT 1");
    gint64 taken = verkan_gui_test_query_int (fixture.path, "SELECT min(to_id) FROM model_link WHERE from_id = 6");
    g_autofree char *activity_name = g_strdup_printf ("model-link-target-%" G_GINT64_FORMAT, activity);
    g_autofree char *taken_name = g_strdup_printf ("model-link-target-%" G_GINT64_FORMAT, taken);

    g_assert_null (verkan_gui_test_find_named (targets, activity_name));
    g_assert_nonnull (verkan_gui_test_find_named (targets, taken_name));
    g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (targets, taken_name)));
  }

  target_name = g_strdup_printf ("model-link-target-%" G_GINT64_FORMAT, to_id);
  target = verkan_gui_test_find_named (targets, target_name);
  g_assert_true (GTK_IS_LIST_BOX_ROW (target));
  g_signal_emit_by_name (targets, "row-activated", target);
  verkan_gui_test_iterate ();

  link_sql = g_strdup_printf ("SELECT count(*) FROM model_link WHERE from_id = %" G_GINT64_FORMAT
                              " AND to_id = %" G_GINT64_FORMAT, id, to_id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, link_sql), ==, 1);
  g_assert_cmpuint (verkan_gui_test_count_rows (links), ==, 3);

  /* The new link is last, named after its target, and its rationale has
   * the focus */
  {
    GtkListBoxRow *link_row = gtk_list_box_get_row_at_index (links, 2);
    g_autofree char *rationale_sql = NULL;
    GtkWidget *label;

    g_assert_true (VERKAN_IS_MODEL_LINK_ROW (link_row));
    rationale = verkan_gui_test_find_named (GTK_WIDGET (link_row), "model-link-rationale");
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)), rationale)
                   || gtk_root_get_focus (GTK_ROOT (fixture.window)) == rationale);
    label = gtk_menu_button_get_child (GTK_MENU_BUTTON (verkan_gui_test_find_named (GTK_WIDGET (link_row), "model-link-target")));
    label = gtk_widget_get_first_child (label);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Fler försörjer sig på arbete eller studier");

    gtk_editable_set_text (GTK_EDITABLE (rationale), typed);
    rationale_sql = g_strdup_printf ("SELECT rationale FROM model_link WHERE from_id = %" G_GINT64_FORMAT
                                     " AND to_id = %" G_GINT64_FORMAT, id, to_id);
    g_assert_true (verkan_gui_test_wait_for_text (fixture.path, rationale_sql, typed));

    /* Renaming the target card elsewhere renames the link's target */
    g_assert_true (verkan_project_set_value (fixture.project, "model_element", to_id, "title",
                                             g_variant_new_string ("Fler klarar sig själva"), NULL));
    verkan_gui_test_iterate ();
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Fler klarar sig själva");
  }

  fixture_close (&fixture);
}

static void
test_edit_elsewhere (void)
{
  Fixture fixture = { 0 };
  VerkanModelElementRow *row, *other, *third;
  GtkWidget *entry, *other_entry, *focus;
  gint64 id, third_id;
  g_autofree char *original = NULL;
  g_autofree char *sql = NULL;

  fixture_open (&fixture, "elsewhere.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);

  row = element_row (&fixture, "activities", 1);
  other = element_row (&fixture, "activities", 2);
  third = element_row (&fixture, "activities", 0);
  third_id = row_id (third);
  id = row_id (row);
  entry = expanded_editor (row, "model-element-title");
  original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  /* Someone is typing in another card */
  other_entry = expanded_editor (other, "model-element-title");
  gtk_widget_grab_focus (other_entry);
  gtk_editable_set_text (GTK_EDITABLE (other_entry), "Gemensam ärendedragning varje");
  gtk_editable_set_position (GTK_EDITABLE (other_entry), 10);
  focus = gtk_root_get_focus (GTK_ROOT (fixture.window));

  /* The canvas renames a card */
  g_assert_true (verkan_project_set_value (fixture.project, "model_element", id, "title",
                                           g_variant_new_string ("Arbetsträning hos företag"), NULL));
  verkan_gui_test_iterate ();

  g_assert_true (element_row (&fixture, "activities", 1) == row);
  g_assert_true (element_row (&fixture, "activities", 2) == other);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Arbetsträning hos företag");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Arbetsträning hos företag");
  /* the other card keeps the focus, the cursor and what was typed */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture.window)) == focus);
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (other_entry)), ==, 10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other_entry)), ==, "Gemensam ärendedragning varje");

  /* Undo, as Ctrl+Z on the canvas: the form shows the old title */
  verkan_field_binding_flush_all ();
  g_assert_true (verkan_project_undo (fixture.project, NULL));
  g_assert_true (verkan_project_undo (fixture.project, NULL));
  verkan_gui_test_iterate ();
  sql = g_strdup_printf ("SELECT title FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, original));
  g_assert_true (element_row (&fixture, "activities", 1) == row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, original);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, original);

  /* The canvas moves the first card last: only that row is made anew */
  g_assert_true (verkan_model_move_card (fixture.project, third_id,
                                         VERKAN_MODEL_COLUMN_ACTIVITIES, 2, NULL));
  verkan_gui_test_iterate ();
  g_assert_true (element_row (&fixture, "activities", 0) == row);
  g_assert_true (element_row (&fixture, "activities", 1) == other);
  g_assert_cmpint (row_id (element_row (&fixture, "activities", 2)), ==, third_id);

  /* ... and to another column: it leaves this one and joins the other */
  g_assert_true (verkan_model_move_card (fixture.project, id, VERKAN_MODEL_COLUMN_OUTPUTS, 0, NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpuint (verkan_gui_test_count_rows (column_list (&fixture, "activities")), ==, 2);
  g_assert_cmpint (row_id (element_row (&fixture, "outputs", 0)), ==, id);
  g_assert_true (element_row (&fixture, "activities", 0) == other);

  fixture_close (&fixture);
}

static void
test_move_and_remove (void)
{
  Fixture fixture = { 0 };
  VerkanModelElementRow *row;
  GtkWidget *button;
  gint64 id;
  g_autofree char *sql = NULL;

  fixture_open (&fixture, "move.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);

  row = element_row (&fixture, "activities", 0);
  id = row_id (row);
  button = expanded_editor (row, "model-element-move-down");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-move-up")));
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();
  sql = g_strdup_printf ("SELECT position FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 1);
  row = element_row (&fixture, "activities", 1);
  g_assert_cmpint (row_id (row), ==, id);
  /* the moved card stays open */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* Removing takes its links with it; undo brings all back */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM model_link WHERE from_id = %1$" G_GINT64_FORMAT
                         " OR to_id = %1$" G_GINT64_FORMAT, id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), >, 0);
  button = expanded_editor (row, "model-element-remove");
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 0);
  g_assert_cmpuint (verkan_gui_test_count_rows (column_list (&fixture, "activities")), ==, 2);
  g_assert_true (verkan_project_undo (fixture.project, NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), >, 0);
  g_assert_cmpuint (verkan_gui_test_count_rows (column_list (&fixture, "activities")), ==, 3);

  fixture_close (&fixture);
}

static void
test_select_element (void)
{
  Fixture fixture = { 0 };
  VerkanModelElementRow *row;
  gint64 activated = 0;

  fixture_open (&fixture, "select.verkan", VERKAN_OPEN_FLAGS_NONE, MODEL_ID);
  g_signal_connect (fixture.form, "element-activated", G_CALLBACK (on_element_activated), &activated);

  row = element_row (&fixture, "goals", 0);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  verkan_model_form_select_element (fixture.form, row_id (row));
  verkan_gui_test_run_for (100);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  /* the canvas asked for it: nothing to tell the canvas */
  g_assert_cmpint (activated, ==, 0);

  /* the row is scrolled into view */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    graphene_point_t point;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), scrolled, &GRAPHENE_POINT_INIT (0, 0), &point));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    g_assert_cmpfloat (point.y, >=, 0);
    g_assert_cmpfloat (point.y, <, gtk_widget_get_height (scrolled));
  }

  fixture_close (&fixture);
}

static void
test_read_only (void)
{
  Fixture fixture = { 0 };
  VerkanModelElementRow *row;

  fixture_open (&fixture, "read-only.verkan", VERKAN_OPEN_FLAGS_READ_ONLY, MODEL_ID);
  g_assert_true (verkan_project_get_read_only (fixture.project));

  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (fixture.form), "model-form-add-activities")));
  row = element_row (&fixture, "activities", 0);
  g_assert_false (gtk_widget_get_sensitive (expanded_editor (row, "model-element-title")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-status")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-add-indicator")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-add-link")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (row), "model-element-remove")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (row), "model-link-rationale")));

  fixture_close (&fixture);
}

/* A thousand cards, made with SQL before the project is opened */
static void
test_large_model (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 start, shown = 0, filled = 0;
  GtkListBox *lists[VERKAN_MODEL_N_MAIN_COLUMNS];
  guint total;
  const char *insert =
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999) "
    "INSERT INTO model_element (uuid, model_id, column_kind, position, title) "
    "SELECT lower(hex(randomblob(16))), 2, "
    "  CASE i % 6 WHEN 0 THEN 'resources' WHEN 1 THEN 'activities' WHEN 2 THEN 'outputs' "
    "  WHEN 3 THEN 'short-term-effects' WHEN 4 THEN 'long-term-effects' ELSE 'goals' END, "
    "  100 + i / 6, 'Kort ' || i FROM n";

  fixture.path = verkan_gui_test_copy_sample (tmpdir, "large.verkan");
  g_assert_cmpint (sqlite3_open (fixture.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM model_link WHERE model_id = 2; "
                                     "DELETE FROM indicator WHERE element_id IN (SELECT id FROM model_element WHERE model_id = 2); "
                                     "DELETE FROM model_element WHERE model_id = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture.project = verkan_project_open (fixture.path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture.window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture.window, 900, 900);
  fixture.form = VERKAN_MODEL_FORM (verkan_model_form_new ());
  adw_window_set_content (ADW_WINDOW (fixture.window), GTK_WIDGET (fixture.form));
  gtk_window_present (fixture.window);
  verkan_gui_test_iterate ();

  /* set_model() returns after the first batch; the rest fills in */
  start = g_get_monotonic_time ();
  verkan_model_form_set_model (fixture.form, fixture.project, 2);
  shown = g_get_monotonic_time () - start;

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    lists[c] = column_list (&fixture, verkan_model_column_token (c));

  total = 0;
  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    total += verkan_gui_test_count_rows (lists[c]);
  g_assert_cmpuint (total, <, 1000);

  for (gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
       total < 1000 && g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, TRUE);
      /* the last row of the last column comes last */
      total = 1000 * (gtk_list_box_get_row_at_index (lists[VERKAN_MODEL_COLUMN_GOALS], 165) != NULL);
    }
  filled = g_get_monotonic_time () - start;
  total = 0;
  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    total += verkan_gui_test_count_rows (lists[c]);
  g_assert_cmpuint (total, ==, 1000);
  g_assert_false (verkan_model_element_row_has_editors (element_row (&fixture, "goals", 100)));

  /* An edit of one card, as the canvas makes it, with all rows shown */
  {
    VerkanModelElementRow *row = element_row (&fixture, "goals", 100);
    gint64 edited;

    start = g_get_monotonic_time ();
    g_assert_true (verkan_project_set_value (fixture.project, "model_element", row_id (row), "title",
                                             g_variant_new_string ("Ett nytt namn"), NULL));
    edited = g_get_monotonic_time () - start;
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Ett nytt namn");

    g_test_message ("1,000 cards: set_model %.1f ms, all rows in %.1f ms, one edit shown in %.1f ms",
                    shown / 1000.0, filled / 1000.0, edited / 1000.0);
  }

  /* Selecting the last card of the last column opens it */
  verkan_model_form_select_element (fixture.form, row_id (element_row (&fixture, "goals", 165)));
  verkan_gui_test_iterate ();
  g_assert_true (verkan_model_element_row_has_editors (element_row (&fixture, "goals", 165)));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-form-XXXXXX", &error);
  g_assert_no_error (error);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */
  adw_init ();

  g_test_add_func ("/gui/model-form/rows-per-column", test_rows_per_column);
  g_test_add_func ("/gui/model-form/type-title", test_type_title);
  g_test_add_func ("/gui/model-form/add-card", test_add_card);
  g_test_add_func ("/gui/model-form/indicator-and-link", test_indicator_and_link);
  g_test_add_func ("/gui/model-form/edit-elsewhere", test_edit_elsewhere);
  g_test_add_func ("/gui/model-form/move-and-remove", test_move_and_remove);
  g_test_add_func ("/gui/model-form/select-element", test_select_element);
  g_test_add_func ("/gui/model-form/read-only", test_read_only);
  g_test_add_func ("/gui/model-form/large-model", test_large_model);

  status = g_test_run ();

  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
