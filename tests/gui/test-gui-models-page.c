/* test-gui-models-page.c: the Logikmodeller page, driven through its
 * actions and dialogs
 *
 * Opens a copy of the sample project in a real window, switches to the
 * page, and creates, duplicates, renames, deletes (and undeletes) and
 * freezes models as a person would, checking each step in the project
 * file itself, read with SQLite on a connection of its own.  Also: the
 * views follow the selected model, the model's own fields edit the file,
 * an exchange file opens on its one model in the simplified mode, a
 * project without models shows the empty state, and a read-only project
 * offers no edits.
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
#include "verkan-gui-test-util.h"
#include "verkan-model-canvas-view.h"
#include "verkan-model-exchange.h"
#include "verkan-model-merge-dialog.h"
#include "verkan-models-page.h"
#include "verkan-test-util.h"
#include "verkan-window.h"


static VerkanApplication *application;
static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static gint64
query_intf (const char *path,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gint64
query_intf (const char *path,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return verkan_gui_test_query_int (path, sql);
}

/* The page, shown as a person would by picking it in the view switcher */
static VerkanModelsPage *
show_page (VerkanWindow *window)
{
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (window), "view-stack");
  GtkWidget *page;

  g_assert_true (ADW_IS_VIEW_STACK (stack));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "logic-models");
  verkan_gui_test_iterate ();

  page = verkan_gui_test_find_named (GTK_WIDGET (window), "models-page");
  g_assert_true (VERKAN_IS_MODELS_PAGE (page));
  g_assert_true (gtk_widget_get_mapped (page));

  return VERKAN_MODELS_PAGE (page);
}

static guint
count_rows (GtkWidget  *root,
            const char *list_name)
{
  GtkWidget *list = verkan_gui_test_find_named (root, list_name);

  g_assert_true (GTK_IS_LIST_BOX (list));
  return verkan_gui_test_count_rows (GTK_LIST_BOX (list));
}

static VerkanModelCanvas *
get_canvas (VerkanModelsPage *page)
{
  GtkWidget *view = verkan_gui_test_find_named (GTK_WIDGET (page), "models-canvas-view");

  g_assert_true (VERKAN_IS_MODEL_CANVAS_VIEW (view));
  return verkan_model_canvas_view_get_canvas (VERKAN_MODEL_CANVAS_VIEW (view));
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_list_and_select (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "list.verkan");
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanModelsPage *page = show_page (window);
  GtkWidget *list = verkan_gui_test_find_named (GTK_WIDGET (page), "models-list");
  VerkanModelCanvas *canvas = get_canvas (page);
  gint64 first = verkan_gui_test_query_int (path, "SELECT id FROM logic_model ORDER BY position LIMIT 1");
  gint64 third = verkan_gui_test_query_int (path, "SELECT id FROM logic_model ORDER BY position LIMIT 1 OFFSET 2");
  g_autofree char *third_title = verkan_test_sql_text (path, "SELECT title FROM logic_model ORDER BY position LIMIT 1 OFFSET 2");
  GtkWidget *title_label;

  /* The four models of the sample, one row each; the first is shown */
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 4);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-list"), ==, 4);
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, first);
  g_assert_nonnull (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)));
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (GTK_LIST_BOX (list))), ==, 0);
  if (canvas != NULL)
    g_assert_cmpint (verkan_model_canvas_get_model_id (canvas), ==, first);

  /* Picking the third row shows the third model, on the canvas too */
  gtk_list_box_select_row (GTK_LIST_BOX (list),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, third);
  if (canvas != NULL)
    g_assert_cmpint (verkan_model_canvas_get_model_id (canvas), ==, third);
  title_label = verkan_gui_test_find_named (GTK_WIDGET (page), "models-title");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title_label)), ==, third_title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (verkan_gui_test_find_named (GTK_WIDGET (page), "models-field-title"))),
                   ==, third_title);

  /* The form is made only once it is chosen, and shows the same model */
  g_assert_null (verkan_gui_test_find_named (GTK_WIDGET (page), "models-form"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.view", "s", "form"));
  verkan_gui_test_iterate ();
  g_assert_nonnull (verkan_gui_test_find_named (GTK_WIDGET (page), "models-form"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (verkan_gui_test_find_named (GTK_WIDGET (page), "models-view-stack"))),
                   ==, "form");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.view", "s", "canvas"));
  verkan_gui_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (verkan_gui_test_find_named (GTK_WIDGET (page), "models-view-stack"))),
                   ==, "canvas");

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_model_fields (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "fields.verkan");
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanModelsPage *page = show_page (window);
  gint64 id = verkan_models_page_get_model_id (page);
  g_autofree char *sql_title = g_strdup_printf ("SELECT title FROM logic_model WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *sql_external = g_strdup_printf ("SELECT show_external FROM logic_model WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *sql_municipality = g_strdup_printf ("SELECT ifnull(municipality, 'none') FROM logic_model WHERE id = %" G_GINT64_FORMAT, id);
  GtkWidget *title_row = verkan_gui_test_find_named (GTK_WIDGET (page), "models-field-title");
  GtkWidget *external = verkan_gui_test_find_named (GTK_WIDGET (page), "models-field-show-external");
  GtkWidget *municipality = verkan_gui_test_find_named (GTK_WIDGET (page), "models-field-municipality");
  GtkListBoxRow *row;
  GtkWidget *list_title = NULL;

  g_assert_cmpint (id, >, 0);

  /* Typing the title stores it, and the list follows */
  gtk_widget_grab_focus (title_row);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Logikmodell för Hallsbergs kommun");
  g_assert_true (verkan_gui_test_wait_for_text (path, sql_title, "Logikmodell för Hallsbergs kommun"));
  verkan_gui_test_iterate ();
  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (verkan_gui_test_find_named (GTK_WIDGET (page), "models-list")));
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));
       child != NULL && list_title == NULL; child = gtk_widget_get_next_sibling (child))
    list_title = child;
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (list_title)), ==, "Logikmodell för Hallsbergs kommun");

  /* The external factors band, off and on again */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (external)));
  gtk_switch_set_active (GTK_SWITCH (external), FALSE);
  g_assert_true (verkan_gui_test_wait_for_text (path, sql_external, "0"));

  /* Whole project: no municipality */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (municipality)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (municipality), 0);
  g_assert_true (verkan_gui_test_wait_for_text (path, sql_municipality, "none"));

  /* Undo takes back the last edit, and the switch follows */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  g_assert_true (verkan_gui_test_wait_for_text (path, sql_municipality, "1861"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  g_assert_true (verkan_gui_test_wait_for_text (path, sql_external, "1"));
  verkan_gui_test_iterate ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (external)));

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_new_duplicate_rename_delete (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "edit.verkan");
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanModelsPage *page = show_page (window);
  VerkanModelCanvas *canvas = get_canvas (page);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *stored = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *dialog;
  GtkWidget *title_row;
  GtkWidget *entry;
  gint64 created, copy;

  /* New, through the dialog: for Nora, from the standard template */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.new", NULL));
  verkan_gui_test_iterate ();
  dialog = verkan_gui_test_find_in_toplevels ("model-new-dialog");
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  title_row = verkan_gui_test_find_named (dialog, "model-new-title");
  /* every municipality has its model, so the whole project is offered */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Logic model for the whole project");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (verkan_gui_test_find_named (dialog, "model-new-date"))), ==, today);
  /* 0: whole project, then the project's municipalities in their order */
  adw_combo_row_set_selected (ADW_COMBO_ROW (verkan_gui_test_find_named (dialog, "model-new-municipality")), 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Logic model for Nora");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Ny modell för Nora");
  gtk_editable_set_text (GTK_EDITABLE (verkan_gui_test_find_named (dialog, "model-new-date")), "2023-01-31");
  adw_combo_row_set_selected (ADW_COMBO_ROW (verkan_gui_test_find_named (dialog, "model-new-template")), 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  verkan_gui_test_iterate ();

  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 5);
  created = verkan_gui_test_query_int (path, "SELECT id FROM logic_model WHERE title = 'Ny modell för Nora'");
  g_assert_cmpint (created, >, 0);
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM model_element WHERE model_id = %" G_GINT64_FORMAT, created), ==, 6);
  stored = verkan_test_sql_text (path, "SELECT municipality || ' ' || date FROM logic_model WHERE title = 'Ny modell för Nora'");
  g_assert_cmpstr (stored, ==, "1884 2023-01-31");
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-list"), ==, 5);
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, created);
  if (canvas != NULL)
    g_assert_cmpint (verkan_model_canvas_get_model_id (canvas), ==, created);

  /* Duplicate: a copy with its cards, placed right after it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.duplicate", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 6);
  copy = verkan_gui_test_query_int (path, "SELECT id FROM logic_model WHERE title = 'Ny modell för Nora (copy)'");
  g_assert_cmpint (copy, >, 0);
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM model_element WHERE model_id = %" G_GINT64_FORMAT, copy), ==, 6);
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, copy);

  /* Rename, through its dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.rename", NULL));
  verkan_gui_test_iterate ();
  dialog = verkan_gui_test_find_in_toplevels ("models-rename-dialog");
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  entry = verkan_gui_test_find_named (dialog, "models-rename-entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Ny modell för Nora (copy)");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Noras andra modell");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  verkan_gui_test_iterate ();
  g_clear_pointer (&stored, g_free);
  g_free (sql);
  sql = g_strdup_printf ("SELECT title FROM logic_model WHERE id = %" G_GINT64_FORMAT, copy);
  stored = verkan_test_sql_text (path, sql);
  g_assert_cmpstr (stored, ==, "Noras andra modell");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (verkan_gui_test_find_named (GTK_WIDGET (page), "models-title"))),
                   ==, "Noras andra modell");

  /* Delete: the model and its cards go in one step; Undo brings them back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.delete", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 5);
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM model_element WHERE model_id = %" G_GINT64_FORMAT, copy), ==, 0);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-list"), ==, 5);
  g_assert_cmpint (verkan_models_page_get_model_id (page), !=, copy);
  g_assert_cmpint (verkan_models_page_get_model_id (page), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 6);
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM model_element WHERE model_id = %" G_GINT64_FORMAT, copy), ==, 6);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-list"), ==, 6);
  /* the restored model is shown again */
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, copy);

  verkan_gui_test_run_for (100);
  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_freeze (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "freeze.verkan");
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanModelsPage *page = show_page (window);
  gint64 id = verkan_models_page_get_model_id (page);
  g_autofree char *sql_uuid = g_strdup_printf ("SELECT uuid FROM logic_model WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *uuid = verkan_test_sql_text (path, sql_uuid);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM model_version WHERE model_uuid = '%s'", uuid);
  g_autofree char *sql_dated = g_strdup_printf ("SELECT count(*) FROM model_version WHERE model_uuid = '%s' AND date = '2022-06-30'", uuid);
  GtkWidget *dialog;
  GtkWidget *date;

  g_assert_cmpint (verkan_gui_test_query_int (path, sql), ==, 0);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-versions-list"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "models.freeze", NULL));
  verkan_gui_test_iterate ();
  dialog = verkan_gui_test_find_in_toplevels ("models-freeze-dialog");
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  date = verkan_gui_test_find_named (dialog, "models-freeze-date");

  /* No date, no freezing */
  gtk_editable_set_text (GTK_EDITABLE (date), "2022-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "freeze"));
  gtk_editable_set_text (GTK_EDITABLE (date), "2022-06-30");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "freeze"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "freeze");
  verkan_gui_test_iterate ();

  g_assert_cmpint (verkan_gui_test_query_int (path, sql_dated), ==, 1);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-versions-list"), ==, 1);

  /* Nora's model has the sample's frozen version */
  gtk_list_box_select_row (GTK_LIST_BOX (verkan_gui_test_find_named (GTK_WIDGET (page), "models-list")),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (verkan_gui_test_find_named (GTK_WIDGET (page), "models-list")), 2));
  verkan_gui_test_iterate ();
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "models-versions-list"), ==, 1);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static gboolean
wait_for_file (const char *path,
               const char *magic)
{
  gint64 end = g_get_monotonic_time () + 4 * VERKAN_GUI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL)
          && length > strlen (magic) && memcmp (contents, magic, strlen (magic)) == 0)
        return TRUE;
      verkan_gui_test_run_for (50);
    }

  return FALSE;
}

static GtkWidget *
find_merge_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (VERKAN_IS_MODEL_MERGE_DIALOG (window))
        return window;
    }

  return NULL;
}

static void
test_export_send_receive (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "export.verkan");
  g_autofree char *png = g_build_filename (tmpdir, "modell.png", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "modell.pdf", NULL);
  g_autofree char *sent = g_build_filename (tmpdir, "till-kommunen.verkan", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) sent_file = g_file_new_for_path (sent);
  g_autoptr(GError) error = NULL;
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanModelsPage *page = show_page (window);
  gint64 id = verkan_models_page_get_model_id (page);
  VerkanProject *returned;
  gint64 element;
  GtkWidget *dialog;

  /* Pictures are drawn in a worker thread; the window goes on meanwhile */
  verkan_models_page_export_image (page, png_file);
  verkan_models_page_export_image (page, pdf_file);
  g_assert_true (wait_for_file (png, "\x89PNG"));
  g_assert_true (wait_for_file (pdf, "%PDF"));

  /* The file for the municipality holds the one model */
  verkan_models_page_send_to (page, sent_file);
  verkan_gui_test_iterate ();
  if (!g_file_test (sent, G_FILE_TEST_EXISTS))
    {
      verkan_gui_test_close_window (GTK_WINDOW (window));
      g_test_skip ("verkan_model_exchange_export() is not there yet");
      return;
    }
  returned = verkan_project_open (sent, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_model_exchange_is_exchange_file (returned, NULL));
  g_assert_cmpint (verkan_gui_test_query_int (sent, "SELECT count(*) FROM logic_model"), ==, 1);

  /* The municipality changes a card; receiving it shows the changes */
  element = verkan_gui_test_query_int (sent, "SELECT id FROM model_element ORDER BY id LIMIT 1");
  g_assert_true (verkan_project_set_value (returned, "model_element", element, "title",
                                           g_variant_new_string ("Ändrat i kommunen"), &error));
  g_assert_no_error (error);
  verkan_project_close (returned);
  g_object_unref (returned);

  verkan_models_page_receive (page, sent_file);
  verkan_gui_test_iterate ();
  dialog = find_merge_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (dialog));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, id);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (png);
  g_unlink (pdf);
  g_unlink (sent);
}

static void
test_empty_project (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "empty.verkan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (path, "Tomt", &error);
  VerkanWindow *window;
  VerkanModelsPage *page;
  GtkWidget *stack;
  GtkWidget *dialog;

  g_assert_no_error (error);
  verkan_project_close (project);
  g_clear_object (&project);

  window = verkan_gui_test_open_window (application, path, 1400, 900);
  page = show_page (window);
  stack = verkan_gui_test_find_named (GTK_WIDGET (page), "models-page-stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, 0);

  /* A blank model, from the empty state's button */
  g_signal_emit_by_name (verkan_gui_test_find_named (GTK_WIDGET (page), "models-empty-new-button"), "clicked");
  verkan_gui_test_iterate ();
  dialog = verkan_gui_test_find_in_toplevels ("model-new-dialog");
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_combo_row_set_selected (ADW_COMBO_ROW (verkan_gui_test_find_named (dialog, "model-new-template")), 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  verkan_gui_test_iterate ();

  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 1);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model WHERE municipality IS NULL"), ==, 1);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM model_element"), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "models");
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==,
                   verkan_gui_test_query_int (path, "SELECT id FROM logic_model"));

  /* Undo: empty again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, 0);

  verkan_gui_test_run_for (100);
  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_exchange_file (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "leader.verkan");
  g_autofree char *sent = g_build_filename (tmpdir, "till-nora.verkan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  gint64 nora = verkan_gui_test_query_int (path, "SELECT id FROM logic_model WHERE municipality = '1884'");
  VerkanWindow *window;
  VerkanModelsPage *page;
  GtkWidget *stack;
  gint64 model_id = 0;

  g_assert_no_error (error);
  if (!verkan_model_exchange_export (project, nora, sent, &error))
    {
      g_test_skip ("verkan_model_exchange_export() is not there yet");
      return;
    }
  verkan_project_close (project);

  window = verkan_gui_test_open_window (application, sent, 1400, 900);
  g_assert_true (verkan_model_exchange_is_exchange_file (verkan_window_get_project (window), &model_id));

  /* The window opens on the one model, without the list */
  stack = verkan_gui_test_find_named (GTK_WIDGET (window), "view-stack");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "logic-models");
  page = VERKAN_MODELS_PAGE (verkan_gui_test_find_named (GTK_WIDGET (window), "models-page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpint (verkan_models_page_get_model_id (page), ==, model_id);
  g_assert_false (gtk_widget_get_visible (verkan_gui_test_find_named (GTK_WIDGET (page), "models-sidebar")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (verkan_gui_test_find_named (GTK_WIDGET (page), "models-exchange-banner"))));

  /* What only the project leader does is not there; filling in is */
  gtk_widget_activate_action (GTK_WIDGET (page), "models.delete", NULL);
  verkan_gui_test_iterate ();
  g_assert_false (gtk_widget_get_visible (verkan_gui_test_find_named (GTK_WIDGET (page), "models-versions-button")));
  g_assert_cmpint (query_intf (sent, "SELECT count(*) FROM logic_model WHERE id = %" G_GINT64_FORMAT, model_id), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "models-fields")));

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (sent);
}

static void
test_read_only (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "locked.verkan");
  VerkanWindow *window;
  VerkanModelsPage *page;
  int fd;

  /* Another Verkan holds the project */
  fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  window = verkan_gui_test_open_window (application, path, 1400, 900);
  page = show_page (window);
  g_assert_true (verkan_project_get_read_only (verkan_window_get_project (window)));

  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "models-fields")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "models-new-button")));
  gtk_widget_activate_action (GTK_WIDGET (page), "models.new", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "models.delete", NULL);
  verkan_gui_test_iterate ();
  g_assert_null (verkan_gui_test_find_in_toplevels ("model-new-dialog"));
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM logic_model"), ==, 4);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  flock (fd, LOCK_UN);
  close (fd);
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

  tmpdir = g_dir_make_tmp ("verkan-gui-models-XXXXXX", &error);
  g_assert_no_error (error);

  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */

  application = verkan_gui_test_new_application ();

  g_test_add_func ("/gui/models-page/list-and-select", test_list_and_select);
  g_test_add_func ("/gui/models-page/model-fields", test_model_fields);
  g_test_add_func ("/gui/models-page/new-duplicate-rename-delete", test_new_duplicate_rename_delete);
  g_test_add_func ("/gui/models-page/freeze", test_freeze);
  g_test_add_func ("/gui/models-page/export-send-receive", test_export_send_receive);
  g_test_add_func ("/gui/models-page/empty-project", test_empty_project);
  g_test_add_func ("/gui/models-page/exchange-file", test_exchange_file);
  g_test_add_func ("/gui/models-page/read-only", test_read_only);

  status = g_test_run ();

  g_object_unref (application);
  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
