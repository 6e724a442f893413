/* test-gui-overview.c: the overview page, driven through its widgets
 *
 * Opens a copy of the sample project in a real window, types into the
 * first project goal, changes a goal's outcome through its combo row,
 * undoes through the window's action, and checks each step in the
 * project file itself, read with SQLite on a connection of its own.
 * Opening a file that is no project must leave the window on its
 * welcome page, with a dialog that says so.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "verkan-application.h"
#include "verkan-format.h"
#include "verkan-gui-test-util.h"
#include "verkan-test-util.h"
#include "verkan-window.h"

#define SAMPLE_TITLE "Bättre förutsättningar till egen försörjning"

static VerkanApplication *application;
static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

#define FIRST_GOAL_SQL(column) \
  "SELECT " column " FROM goal WHERE kind = 'project-goal' ORDER BY position LIMIT 1"

static gboolean
wait_for_int (const char *path,
              const char *sql,
              gint64      expected)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, expected);

  return verkan_gui_test_wait_for_text (path, sql, text);
}

static GtkListBoxRow *
row_at (GtkWidget *window,
        const char *list_name,
        int         index)
{
  GtkWidget *list = verkan_gui_test_find_named (window, list_name);

  g_assert_true (GTK_IS_LIST_BOX (list));
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
}

static void
click (GtkWidget *root,
       const char *name)
{
  GtkWidget *button = verkan_gui_test_find_named (root, name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();
}

static VerkanWindow *
open_copy (const char  *name,
           char       **path_out)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, name);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1000, 800);

  *path_out = g_steal_pointer (&path);
  return window;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_edit_goal_and_undo (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "edit.verkan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *status = NULL;
  VerkanWindow *window;
  GtkWidget *goals;
  GtkWidget *editor;
  GtkWidget *status_row;
  GtkStringList *labels;
  const char *typed = "Kommunerna har ett gemensamt underlag för fortsatt utveckling.";

  window = verkan_gui_test_new_window (application, 1000, 800);
  g_assert_true (verkan_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (verkan_window_get_project (window));
  verkan_gui_test_iterate ();

  /* The window is named after the project */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), SAMPLE_TITLE));
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (verkan_gui_test_find_named (GTK_WIDGET (window), "view-switcher-title"))),
                   ==, SAMPLE_TITLE);

  /* The first project goal's text, as the file has it */
  original = verkan_test_sql_text (path, FIRST_GOAL_SQL ("text"));
  g_assert_nonnull (original);

  goals = verkan_gui_test_find_named (GTK_WIDGET (window), "project-goal-list");
  g_assert_nonnull (goals);
  editor = verkan_gui_test_find_named (goals, "goal-text");
  g_assert_true (GTK_IS_TEXT_VIEW (editor));
  shown = verkan_gui_test_buffer_text (GTK_TEXT_VIEW (editor));
  g_assert_cmpstr (shown, ==, original);

  /* Type, and let the field commit after the pause */
  gtk_widget_grab_focus (editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), typed, -1);
  g_assert_true (verkan_gui_test_wait_for_text (path, FIRST_GOAL_SQL ("text"), typed));

  /* Undo through the window's action, from the editor as Ctrl+Z would */
  g_assert_true (gtk_widget_activate_action (editor, "win.undo", NULL));
  g_assert_true (verkan_gui_test_wait_for_text (path, FIRST_GOAL_SQL ("text"), original));
  verkan_gui_test_iterate ();
  g_clear_pointer (&shown, g_free);
  shown = verkan_gui_test_buffer_text (GTK_TEXT_VIEW (editor));
  g_assert_cmpstr (shown, ==, original);

  /* The outcome, through the combo row */
  status = verkan_test_sql_text (path, FIRST_GOAL_SQL ("status"));
  g_assert_cmpstr (status, ==, "achieved");
  status_row = verkan_gui_test_find_named (goals, "goal-status");
  g_assert_true (ADW_IS_COMBO_ROW (status_row));
  labels = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (status_row)));
  g_assert_nonnull (labels);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (labels)), ==, 5);
  /* achieved, partly achieved, not achieved, unclear, not assessed */
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), 2);
  g_assert_true (verkan_gui_test_wait_for_text (path, FIRST_GOAL_SQL ("status"), "not-achieved"));

  g_assert_true (gtk_widget_activate_action (status_row, "win.undo", NULL));
  g_assert_true (verkan_gui_test_wait_for_text (path, FIRST_GOAL_SQL ("status"), "achieved"));
  verkan_gui_test_iterate ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status_row)), ==, 0);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_title_follows_edits (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "title.verkan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  VerkanWindow *window;
  GtkWidget *title_row;

  window = verkan_gui_test_new_window (application, 1000, 800);
  g_assert_true (verkan_window_open_file (window, file, &error));
  verkan_gui_test_iterate ();

  title_row = verkan_gui_test_find_named (GTK_WIDGET (window), "project-title");
  g_assert_true (GTK_IS_EDITABLE (title_row));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Ett nytt namn");
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT title FROM project", "Ett nytt namn"));
  verkan_gui_test_iterate ();
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Ett nytt namn"));

  /* A date that is no date is marked, not stored */
  gtk_editable_set_text (GTK_EDITABLE (verkan_gui_test_find_named (GTK_WIDGET (window), "project-date")), "2022-13-45");
  verkan_gui_test_run_for (600);
  stored = verkan_test_sql_text (path, "SELECT date FROM project");
  g_assert_cmpstr (stored, ==, "2022-08-16");
  g_assert_true (gtk_widget_has_css_class (verkan_gui_test_find_named (GTK_WIDGET (window), "project-date"), "error"));

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}


static void
test_add_move_remove_goal (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("goals.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  GtkListBoxRow *row;
  GtkWidget *focus;

  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 4);

  /* Adding gives a fifth goal, last, with the focus in its text */
  click (root, "add-project-goal-button");
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 5);
  row = row_at (root, "project-goal-list", 4);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "5. New goal");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == verkan_gui_test_find_named (GTK_WIDGET (row), "goal-text"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), "Ett femte mål", -1);
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT text FROM goal WHERE kind = 'project-goal' ORDER BY position DESC LIMIT 1",
                                  "Ett femte mål"));

  /* Moving it up makes it number 4, in the file and on screen */
  click (GTK_WIDGET (row), "goal-move-up");
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT text FROM goal WHERE kind = 'project-goal' ORDER BY position LIMIT 1 OFFSET 3",
                                  "Ett femte mål"));
  row = row_at (root, "project-goal-list", 3);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "4. Ett femte mål");
  /* the moved goal keeps the keyboard focus */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));

  /* Removing it, and taking that back */
  click (GTK_WIDGET (row), "goal-remove");
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 4);
  g_assert_true (gtk_widget_activate_action (root, "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 5);
  row = row_at (root, "project-goal-list", 3);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "4. Ett femte mål");

  /* Redo and undo faster than a toast fades out: each shows its toast
   * over the last one, and nothing breaks */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (root, "win.redo", NULL));
      verkan_gui_test_run_for (60);
      g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 4);
      g_assert_true (gtk_widget_activate_action (root, "win.undo", NULL));
      verkan_gui_test_run_for (60);
      g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 5);
    }
  verkan_gui_test_run_for (400);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}


static void
test_add_municipality (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("municipalities.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *search;
  GtkListBoxRow *row;

  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM municipality"), ==, 4);

  /* Type a part of the name and press Enter */
  click (root, "add-municipality-button");
  search = verkan_gui_test_find_in_toplevels ("municipality-search");
  g_assert_true (GTK_IS_SEARCH_ENTRY (search));
  gtk_editable_set_text (GTK_EDITABLE (search), "kuml");
  g_signal_emit_by_name (search, "activate");
  verkan_gui_test_iterate ();

  g_assert_null (verkan_gui_test_find_in_toplevels ("municipality-search"));
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM municipality"), ==, 5);
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT name FROM municipality WHERE code = '1881'", "Kumla"));
  row = row_at (root, "municipality-list", 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Kumla");

  /* One already in the project is not added twice */
  click (root, "add-municipality-button");
  search = verkan_gui_test_find_in_toplevels ("municipality-search");
  gtk_editable_set_text (GTK_EDITABLE (search), "Nora");
  g_signal_emit_by_name (search, "activate");
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM municipality"), ==, 5);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (search)));
  verkan_gui_test_iterate ();

  /* Removing one, and the toast's Undo brings it back */
  click (GTK_WIDGET (row), "municipality-remove");
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM municipality"), ==, 4);
  g_assert_true (gtk_widget_activate_action (root, "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM municipality WHERE code = '1881'"), ==, 1);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}


static void
drop_row_on (GtkListBoxRow *dragged,
             GtkListBoxRow *target_row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (target_row));
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_value_init (&value, GTK_TYPE_LIST_BOX_ROW);
  g_value_set_object (&value, dragged);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &dropped);
    }

  g_value_unset (&value);
  g_assert_true (dropped);
  verkan_gui_test_iterate ();
}

static void
test_drag_milestone (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("drag.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  g_autofree char *first = verkan_test_sql_text (path, "SELECT title FROM milestone ORDER BY position LIMIT 1");

  /* The first milestone dropped on the third takes its place */
  drop_row_on (row_at (root, "milestone-list", 0), row_at (root, "milestone-list", 2));
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT title FROM milestone ORDER BY position LIMIT 1 OFFSET 2", first));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (root, "milestone-list", 2))), ==, first);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_resources_sum (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("resources.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  GtkListBoxRow *row = row_at (root, "resource-list", 0);
  GtkWidget *planned = verkan_gui_test_find_named (GTK_WIDGET (row), "resource-planned");
  GtkWidget *sum = verkan_gui_test_find_named (root, "resource-planned-sum");
  g_autofree char *expected = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (planned)), ==, "360");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sum)), ==, "754");

  /* Swedish numbers go in as people write them */
  gtk_widget_grab_focus (planned);
  gtk_editable_set_text (GTK_EDITABLE (planned), "1 284,5");
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT planned_hours FROM resource ORDER BY position LIMIT 1", "1284.5"));
  verkan_gui_test_iterate ();
  expected = verkan_format_number (1284.5 + 394, -1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sum)), ==, expected);

  /* A number that is no number is marked and not stored */
  gtk_editable_set_text (GTK_EDITABLE (planned), "många");
  verkan_gui_test_run_for (600);
  g_assert_true (gtk_widget_has_css_class (planned, "error"));
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM resource WHERE planned_hours = 1284.5"), ==, 1);

  /* Empty means no value */
  gtk_editable_set_text (GTK_EDITABLE (planned), "");
  g_assert_true (wait_for_int (path, "SELECT count(*) FROM resource WHERE planned_hours IS NULL", 1));
  g_assert_false (gtk_widget_has_css_class (planned, "error"));

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_person_role_sorts (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("people.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  GtkListBoxRow *row;
  GtkWidget *role;
  guint n = 0;

  /* The last person is a contact person; made project owner, they move
   * to the top of the organisation */
  while (row_at (root, "person-list", n) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 15);
  row = row_at (root, "person-list", n - 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Peter Kvist");

  role = verkan_gui_test_find_named (GTK_WIDGET (row), "person-role");
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), 0);
  g_assert_true (verkan_gui_test_wait_for_text (path, "SELECT role FROM person WHERE name = 'Peter Kvist'", "project-owner"));
  /* the list sorts again after the change arrives; give a busy machine time */
  for (guint waited = 0; waited < 5000; waited += 50)
    {
      row = row_at (root, "person-list", 1);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Peter Kvist") == 0)
        break;
      verkan_gui_test_run_for (50);
    }

  row = row_at (root, "person-list", 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Peter Kvist");

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}


static guint
count_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (application)));
}

static void
test_create_project (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "Nytt projekt.verkan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *title = NULL;
  VerkanWindow *window = verkan_gui_test_new_window (application, 1000, 800);

  verkan_application_create_project (application, file, GTK_WINDOW (window));
  verkan_gui_test_iterate ();

  /* The welcome window shows the new project */
  g_assert_nonnull (verkan_window_get_project (window));
  g_assert_true (g_file_equal (verkan_window_get_file (window), file));
  title = verkan_test_sql_text (path, "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "New project");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "New project"));

  /* Opening it again only brings its window forward */
  g_assert_cmpuint (count_windows (), ==, 1);
  verkan_application_open_file (application, file, NULL);
  verkan_gui_test_iterate ();
  g_assert_cmpuint (count_windows (), ==, 1);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static gboolean
sample_is_shown (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    {
      GFile *shown = VERKAN_IS_WINDOW (l->data) ? verkan_window_get_file (l->data) : NULL;
      g_autofree char *name = shown != NULL ? g_file_get_basename (shown) : NULL;

      if (g_strcmp0 (name, "Exempelprojekt.verkan") == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_open_sample (void)
{
  g_autofree char *copy = g_build_filename (g_get_user_data_dir (), "verkan",
                                            "Exempelprojekt.verkan", NULL);
  gint64 end = g_get_monotonic_time () + VERKAN_GUI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  VerkanWindow *window = verkan_gui_test_new_window (application, 1000, 800);

  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* The sample is copied where the person may change it, then opened */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.open-sample", NULL));
  while (!sample_is_shown () && g_get_monotonic_time () < end)
    verkan_gui_test_run_for (50);
  g_assert_true (sample_is_shown ());
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_true (verkan_window_get_project (window) != NULL);
  g_assert_false (verkan_project_get_read_only (verkan_window_get_project (window)));

  verkan_gui_test_close_window (GTK_WINDOW (window));
}


static void
test_locked_is_read_only (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "locked.verkan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VerkanWindow *window;
  GtkWidget *banner;
  GtkWidget *title_row;
  int fd;

  /* Another Verkan holds the project */
  fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  window = verkan_gui_test_new_window (application, 1000, 800);
  g_assert_true (verkan_window_open_file (window, file, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();

  g_assert_true (verkan_project_get_read_only (verkan_window_get_project (window)));
  banner = verkan_gui_test_find_named (GTK_WIDGET (window), "read-only-banner");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  title_row = verkan_gui_test_find_named (GTK_WIDGET (window), "project-title");
  g_assert_false (gtk_widget_is_sensitive (title_row));
  g_assert_false (gtk_widget_is_sensitive (verkan_gui_test_find_named (GTK_WIDGET (window), "add-project-goal-button")));

  verkan_gui_test_close_window (GTK_WINDOW (window));
  flock (fd, LOCK_UN);
  close (fd);
  g_unlink (path);
}

static void
test_open_garbage (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "garbage.verkan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GListModel *toplevels;  /* owned by GTK */
  guint8 bytes[4096];
  GtkWidget *dialog = NULL;
  GtkWidget *stack;
  VerkanWindow *window;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_random_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));

  window = verkan_gui_test_new_window (application, 1000, 800);
  g_assert_false (verkan_window_open_file (window, file, &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_A_PROJECT);
  verkan_gui_test_iterate ();

  /* Still the welcome page, and no project */
  g_assert_null (verkan_window_get_project (window));
  stack = verkan_gui_test_find_named (GTK_WIDGET (window), "main-stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");

  /* A dialog, on top of the window, says what went wrong */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (candidate)
          && gtk_window_get_transient_for (GTK_WINDOW (candidate)) == GTK_WINDOW (window))
        dialog = candidate;
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "garbage.verkan"));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), !=, "");

  gtk_window_destroy (GTK_WINDOW (dialog));
  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-XXXXXX", &error);
  g_assert_no_error (error);

  /* The sample project is copied to the user's data folder: a private
   * one, set before anything asks GLib for it (it keeps the first
   * answer).  Not G_TEST_OPTION_ISOLATE_DIRS: that hides the MIME
   * database, and GTK then cannot tell an SVG icon from noise. */
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */

  application = verkan_gui_test_new_application ();

  g_test_add_func ("/gui/overview/edit-goal-and-undo", test_edit_goal_and_undo);
  g_test_add_func ("/gui/overview/title-follows-edits", test_title_follows_edits);
  g_test_add_func ("/gui/overview/add-move-remove-goal", test_add_move_remove_goal);
  g_test_add_func ("/gui/overview/add-municipality", test_add_municipality);
  g_test_add_func ("/gui/overview/drag-milestone", test_drag_milestone);
  g_test_add_func ("/gui/overview/resources-sum", test_resources_sum);
  g_test_add_func ("/gui/overview/person-role-sorts", test_person_role_sorts);
  g_test_add_func ("/gui/window/open-garbage", test_open_garbage);
  g_test_add_func ("/gui/window/locked-is-read-only", test_locked_is_read_only);
  g_test_add_func ("/gui/application/create-project", test_create_project);
  g_test_add_func ("/gui/application/open-sample", test_open_sample);

  status = g_test_run ();

  g_object_unref (application);
  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
