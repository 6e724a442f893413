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
#include <sqlite3.h>

#include "verkan-application.h"
#include "verkan-format.h"
#include "verkan-test-util.h"
#include "verkan-window.h"

#define SAMPLE_TITLE "Bättre förutsättningar till egen försörjning"
#define WAIT_MS 5000

static VerkanApplication *application;
static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for @ms, so that timeouts (the field's commit
 * after a pause in typing) and idles happen as they would for a person */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);

  return result;
}

#define FIRST_GOAL_SQL(column) \
  "SELECT " column " FROM goal WHERE kind = 'project-goal' ORDER BY position LIMIT 1"

/* Waits until the file holds @expected in the first project goal */
static gboolean
wait_for_column (const char *path,
                 const char *sql,
                 const char *expected)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *value = query_text (path, sql);

      if (g_strcmp0 (value, expected) == 0)
        return TRUE;
      run_for (50);
    }

  return FALSE;
}

static char *
copy_sample (const char *name)
{
  g_autofree char *sample = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *dest;
  gsize length = 0;

  sample = g_build_filename (g_getenv ("VERKAN_DATA_DIR"), "examples",
                             "battre-forutsattningar.verkan", NULL);
  g_assert_true (g_file_get_contents (sample, &contents, &length, &error));
  g_assert_no_error (error);

  dest = g_build_filename (tmpdir, name, NULL);
  g_assert_true (g_file_set_contents (dest, contents, length, &error));
  g_assert_no_error (error);

  return dest;
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static VerkanWindow *
new_window (void)
{
  VerkanWindow *window = verkan_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  return window;
}

static void
close_window (VerkanWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}


static gint64
query_int (const char *path,
           const char *sql)
{
  g_autofree char *text = query_text (path, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static gboolean
wait_for_int (const char *path,
              const char *sql,
              gint64      expected)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, expected);

  return wait_for_column (path, sql, text);
}

static GtkListBoxRow *
row_at (GtkWidget *window,
        const char *list_name,
        int         index)
{
  GtkWidget *list = find_named (window, list_name);

  g_assert_true (GTK_IS_LIST_BOX (list));
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
}

static void
click (GtkWidget *root,
       const char *name)
{
  GtkWidget *button = find_named (root, name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  iterate ();
}

static VerkanWindow *
open_copy (const char  *name,
           char       **path_out)
{
  g_autofree char *path = copy_sample (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VerkanWindow *window = new_window ();

  g_assert_true (verkan_window_open_file (window, file, &error));
  g_assert_no_error (error);
  iterate ();

  *path_out = g_steal_pointer (&path);
  return window;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_edit_goal_and_undo (void)
{
  g_autofree char *path = copy_sample ("edit.verkan");
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

  window = new_window ();
  g_assert_true (verkan_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (verkan_window_get_project (window));
  iterate ();

  /* The window is named after the project */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), SAMPLE_TITLE));
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (find_named (GTK_WIDGET (window), "view-switcher-title"))),
                   ==, SAMPLE_TITLE);

  /* The first project goal's text, as the file has it */
  original = query_text (path, FIRST_GOAL_SQL ("text"));
  g_assert_nonnull (original);

  goals = find_named (GTK_WIDGET (window), "project-goal-list");
  g_assert_nonnull (goals);
  editor = find_named (goals, "goal-text");
  g_assert_true (GTK_IS_TEXT_VIEW (editor));
  shown = buffer_text (GTK_TEXT_VIEW (editor));
  g_assert_cmpstr (shown, ==, original);

  /* Type, and let the field commit after the pause */
  gtk_widget_grab_focus (editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), typed, -1);
  g_assert_true (wait_for_column (path, FIRST_GOAL_SQL ("text"), typed));

  /* Undo through the window's action, from the editor as Ctrl+Z would */
  g_assert_true (gtk_widget_activate_action (editor, "win.undo", NULL));
  g_assert_true (wait_for_column (path, FIRST_GOAL_SQL ("text"), original));
  iterate ();
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (GTK_TEXT_VIEW (editor));
  g_assert_cmpstr (shown, ==, original);

  /* The outcome, through the combo row */
  status = query_text (path, FIRST_GOAL_SQL ("status"));
  g_assert_cmpstr (status, ==, "achieved");
  status_row = find_named (goals, "goal-status");
  g_assert_true (ADW_IS_COMBO_ROW (status_row));
  labels = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (status_row)));
  g_assert_nonnull (labels);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (labels)), ==, 5);
  /* achieved, partly achieved, not achieved, unclear, not assessed */
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), 2);
  g_assert_true (wait_for_column (path, FIRST_GOAL_SQL ("status"), "not-achieved"));

  g_assert_true (gtk_widget_activate_action (status_row, "win.undo", NULL));
  g_assert_true (wait_for_column (path, FIRST_GOAL_SQL ("status"), "achieved"));
  iterate ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status_row)), ==, 0);

  close_window (window);
  g_unlink (path);
}

static void
test_title_follows_edits (void)
{
  g_autofree char *path = copy_sample ("title.verkan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  VerkanWindow *window;
  GtkWidget *title_row;

  window = new_window ();
  g_assert_true (verkan_window_open_file (window, file, &error));
  iterate ();

  title_row = find_named (GTK_WIDGET (window), "project-title");
  g_assert_true (GTK_IS_EDITABLE (title_row));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Ett nytt namn");
  g_assert_true (wait_for_column (path, "SELECT title FROM project", "Ett nytt namn"));
  iterate ();
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Ett nytt namn"));

  /* A date that is no date is marked, not stored */
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (window), "project-date")), "2022-13-45");
  run_for (600);
  stored = query_text (path, "SELECT date FROM project");
  g_assert_cmpstr (stored, ==, "2022-08-16");
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (window), "project-date"), "error"));

  close_window (window);
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

  g_assert_cmpint (query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 4);

  /* Adding gives a fifth goal, last, with the focus in its text */
  click (root, "add-project-goal-button");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 5);
  row = row_at (root, "project-goal-list", 4);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "5. New goal");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == find_named (GTK_WIDGET (row), "goal-text"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), "Ett femte mål", -1);
  g_assert_true (wait_for_column (path, "SELECT text FROM goal WHERE kind = 'project-goal' ORDER BY position DESC LIMIT 1",
                                  "Ett femte mål"));

  /* Moving it up makes it number 4, in the file and on screen */
  click (GTK_WIDGET (row), "goal-move-up");
  g_assert_true (wait_for_column (path, "SELECT text FROM goal WHERE kind = 'project-goal' ORDER BY position LIMIT 1 OFFSET 3",
                                  "Ett femte mål"));
  row = row_at (root, "project-goal-list", 3);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "4. Ett femte mål");
  /* the moved goal keeps the keyboard focus */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));

  /* Removing it, and taking that back */
  click (GTK_WIDGET (row), "goal-remove");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 4);
  g_assert_true (gtk_widget_activate_action (root, "win.undo", NULL));
  iterate ();
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 5);
  row = row_at (root, "project-goal-list", 3);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "4. Ett femte mål");

  /* Redo and undo faster than a toast fades out: each shows its toast
   * over the last one, and nothing breaks */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (root, "win.redo", NULL));
      run_for (60);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 4);
      g_assert_true (gtk_widget_activate_action (root, "win.undo", NULL));
      run_for (60);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM goal WHERE kind = 'project-goal'"), ==, 5);
    }
  run_for (400);

  close_window (window);
  g_unlink (path);
}


static GtkWidget *
find_in_toplevels (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_named (window, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_add_municipality (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("municipalities.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *search;
  GtkListBoxRow *row;

  g_assert_cmpint (query_int (path, "SELECT count(*) FROM municipality"), ==, 4);

  /* Type a part of the name and press Enter */
  click (root, "add-municipality-button");
  search = find_in_toplevels ("municipality-search");
  g_assert_true (GTK_IS_SEARCH_ENTRY (search));
  gtk_editable_set_text (GTK_EDITABLE (search), "kuml");
  g_signal_emit_by_name (search, "activate");
  iterate ();

  g_assert_null (find_in_toplevels ("municipality-search"));
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM municipality"), ==, 5);
  g_assert_true (wait_for_column (path, "SELECT name FROM municipality WHERE code = '1881'", "Kumla"));
  row = row_at (root, "municipality-list", 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Kumla");

  /* One already in the project is not added twice */
  click (root, "add-municipality-button");
  search = find_in_toplevels ("municipality-search");
  gtk_editable_set_text (GTK_EDITABLE (search), "Nora");
  g_signal_emit_by_name (search, "activate");
  iterate ();
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM municipality"), ==, 5);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (search)));
  iterate ();

  /* Removing one, and the toast's Undo brings it back */
  click (GTK_WIDGET (row), "municipality-remove");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM municipality"), ==, 4);
  g_assert_true (gtk_widget_activate_action (root, "win.undo", NULL));
  iterate ();
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM municipality WHERE code = '1881'"), ==, 1);

  close_window (window);
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
  iterate ();
}

static void
test_drag_milestone (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("drag.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  g_autofree char *first = query_text (path, "SELECT title FROM milestone ORDER BY position LIMIT 1");

  /* The first milestone dropped on the third takes its place */
  drop_row_on (row_at (root, "milestone-list", 0), row_at (root, "milestone-list", 2));
  g_assert_true (wait_for_column (path, "SELECT title FROM milestone ORDER BY position LIMIT 1 OFFSET 2", first));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (root, "milestone-list", 2))), ==, first);

  close_window (window);
  g_unlink (path);
}

static void
test_resources_sum (void)
{
  g_autofree char *path = NULL;
  VerkanWindow *window = open_copy ("resources.verkan", &path);
  GtkWidget *root = GTK_WIDGET (window);
  GtkListBoxRow *row = row_at (root, "resource-list", 0);
  GtkWidget *planned = find_named (GTK_WIDGET (row), "resource-planned");
  GtkWidget *sum = find_named (root, "resource-planned-sum");
  g_autofree char *expected = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (planned)), ==, "360");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sum)), ==, "754");

  /* Swedish numbers go in as people write them */
  gtk_widget_grab_focus (planned);
  gtk_editable_set_text (GTK_EDITABLE (planned), "1 284,5");
  g_assert_true (wait_for_column (path, "SELECT planned_hours FROM resource ORDER BY position LIMIT 1", "1284.5"));
  iterate ();
  expected = verkan_format_number (1284.5 + 394, -1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sum)), ==, expected);

  /* A number that is no number is marked and not stored */
  gtk_editable_set_text (GTK_EDITABLE (planned), "många");
  run_for (600);
  g_assert_true (gtk_widget_has_css_class (planned, "error"));
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM resource WHERE planned_hours = 1284.5"), ==, 1);

  /* Empty means no value */
  gtk_editable_set_text (GTK_EDITABLE (planned), "");
  g_assert_true (wait_for_int (path, "SELECT count(*) FROM resource WHERE planned_hours IS NULL", 1));
  g_assert_false (gtk_widget_has_css_class (planned, "error"));

  close_window (window);
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

  role = find_named (GTK_WIDGET (row), "person-role");
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), 0);
  g_assert_true (wait_for_column (path, "SELECT role FROM person WHERE name = 'Peter Kvist'", "project-owner"));
  run_for (100);

  row = row_at (root, "person-list", 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Peter Kvist");

  close_window (window);
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
  VerkanWindow *window = new_window ();

  verkan_application_create_project (application, file, GTK_WINDOW (window));
  iterate ();

  /* The welcome window shows the new project */
  g_assert_nonnull (verkan_window_get_project (window));
  g_assert_true (g_file_equal (verkan_window_get_file (window), file));
  title = query_text (path, "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "New project");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "New project"));

  /* Opening it again only brings its window forward */
  g_assert_cmpuint (count_windows (), ==, 1);
  verkan_application_open_file (application, file, NULL);
  iterate ();
  g_assert_cmpuint (count_windows (), ==, 1);

  close_window (window);
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
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  VerkanWindow *window = new_window ();

  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* The sample is copied where the person may change it, then opened */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.open-sample", NULL));
  while (!sample_is_shown () && g_get_monotonic_time () < end)
    run_for (50);
  g_assert_true (sample_is_shown ());
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_true (verkan_window_get_project (window) != NULL);
  g_assert_false (verkan_project_get_read_only (verkan_window_get_project (window)));

  close_window (window);
}


static void
test_locked_is_read_only (void)
{
  g_autofree char *path = copy_sample ("locked.verkan");
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

  window = new_window ();
  g_assert_true (verkan_window_open_file (window, file, &error));
  g_assert_no_error (error);
  iterate ();

  g_assert_true (verkan_project_get_read_only (verkan_window_get_project (window)));
  banner = find_named (GTK_WIDGET (window), "read-only-banner");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  title_row = find_named (GTK_WIDGET (window), "project-title");
  g_assert_false (gtk_widget_is_sensitive (title_row));
  g_assert_false (gtk_widget_is_sensitive (find_named (GTK_WIDGET (window), "add-project-goal-button")));

  close_window (window);
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

  window = new_window ();
  g_assert_false (verkan_window_open_file (window, file, &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_A_PROJECT);
  iterate ();

  /* Still the welcome page, and no project */
  g_assert_null (verkan_window_get_project (window));
  stack = find_named (GTK_WIDGET (window), "main-stack");
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
  close_window (window);
  g_unlink (path);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display; run under xvfb-run (build-aux/test does)");
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

  if (g_getenv ("VERKAN_DATA_DIR") == NULL)
    g_error ("VERKAN_DATA_DIR must point at the build's data/ directory");

  if (!gtk_init_check ())
    {
      /* CI runs this in Xvfb; only a developer's shell without a display
       * gets here, and is told so */
      if (g_getenv ("CI") != NULL)
        g_error ("No display: run the GUI tests under xvfb-run");
      g_test_add_func ("/gui/no-display", skip_without_display);
      return g_test_run ();
    }

  application = verkan_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

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
