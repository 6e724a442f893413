/* verkan-gui-test-util.c: helpers shared by the GUI tests
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "verkan-gui-test-util.h"
#include "verkan-test-util.h"

static void
skip_without_display (void)
{
  g_test_skip ("No display; run under xvfb-run (build-aux/test does)");
}

gboolean
verkan_gui_test_init_display (void)
{
  if (g_getenv ("VERKAN_DATA_DIR") == NULL)
    g_error ("VERKAN_DATA_DIR must point at the build's data/ directory");

  if (!gtk_init_check ())
    {
      /* CI runs the tests in Xvfb; only a developer's shell without a
       * display gets here, and is told so */
      if (g_getenv ("CI") != NULL)
        g_error ("No display: run the GUI tests under xvfb-run");
      g_test_add_func ("/gui/no-display", skip_without_display);
      return FALSE;
    }

  return TRUE;
}

VerkanApplication *
verkan_gui_test_new_application (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = verkan_application_dup_settings ();
  VerkanApplication *application;

  /* No test reaches for the real Kolada in the background */
  if (settings != NULL)
    g_settings_set_boolean (settings, "kolada-refresh-catalog", FALSE);
  application = verkan_application_new ();

  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  return application;
}

void
verkan_gui_test_iterate (void)
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

void
verkan_gui_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GtkWidget *
verkan_gui_test_find_named (GtkWidget  *root,
                            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = verkan_gui_test_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
verkan_gui_test_find_in_toplevels (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = verkan_gui_test_find_named (window, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

guint
verkan_gui_test_count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

char *
verkan_gui_test_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gint64
verkan_gui_test_query_int (const char *path,
                           const char *sql)
{
  g_autofree char *text = verkan_test_sql_text (path, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

gboolean
verkan_gui_test_wait_for_text (const char *path,
                               const char *sql,
                               const char *expected)
{
  gint64 end = g_get_monotonic_time () + VERKAN_GUI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *value = verkan_test_sql_text (path, sql);

      if (g_strcmp0 (value, expected) == 0)
        return TRUE;
      verkan_gui_test_run_for (50);
    }

  return FALSE;
}

char *
verkan_gui_test_copy_sample (const char *dir,
                             const char *name)
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

  dest = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (dest, contents, length, &error));
  g_assert_no_error (error);

  return dest;
}

VerkanWindow *
verkan_gui_test_new_window (VerkanApplication *application,
                            int                width,
                            int                height)
{
  VerkanWindow *window = verkan_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  verkan_gui_test_iterate ();

  return window;
}

VerkanWindow *
verkan_gui_test_open_window (VerkanApplication *application,
                             const char        *path,
                             int                width,
                             int                height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VerkanWindow *window = verkan_gui_test_new_window (application, width, height);

  g_assert_true (verkan_window_open_file (window, file, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();

  return window;
}

void
verkan_gui_test_close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  verkan_gui_test_iterate ();
}
