/* test-gui-report-page.c: the Rapport page, driven through its actions
 *
 * Makes a project of its own with the Swedish template applied, opens it
 * in a real window, switches to the page and checks against the file,
 * read with SQLite on a connection of the test's own: the outline shows
 * the template's sections in reading order; Add Section makes a row after
 * the chosen one and the rename in place stores the typed title; Remove
 * takes the row away and Undo brings it back (and chooses it again);
 * indent and outdent (Alt+Right, Alt+Left) move a chapter into the one
 * above and back out, and Alt+Up moves it among its siblings; a rename
 * from elsewhere shows in the outline without collapsing what the person
 * collapsed; the preview completes an update with pages and makes another
 * after a change; an empty report offers the templates; the Referenser
 * window adds, edits, reorders and removes report_reference rows; an
 * export from the page writes a whole PDF and hides its progress again.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "verkan-application.h"
#include "verkan-gui-test-util.h"
#include "verkan-report-edit.h"
#include "verkan-report-page.h"
#include "verkan-report-preview.h"
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

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

/* The section ids in reading order (depth first, by position), straight
 * from the file */
static GArray *
query_reading_order (const char *path)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "WITH RECURSIVE tree (id, key) AS ("
                                       "  SELECT id, printf ('%06d', position) FROM report_section"
                                       "   WHERE parent_id IS NULL"
                                       "  UNION ALL"
                                       "  SELECT s.id, tree.key || '.' || printf ('%06d', s.position)"
                                       "   FROM report_section s JOIN tree ON s.parent_id = tree.id)"
                                       " SELECT id FROM tree ORDER BY key",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ids;
}

/* A new project with the Swedish template's report */
static char *
new_project (const char *name,
             gboolean    with_template)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = verkan_project_create (path, "Bättre förutsättningar, testrapport", &error);
  g_assert_no_error (error);
  if (with_template)
    {
      g_assert_true (verkan_report_apply_template (project, "sv", &error));
      g_assert_no_error (error);
    }
  verkan_project_close (project);

  return path;
}

/* The page, shown as a person would by picking it in the view switcher */
static VerkanReportPage *
show_page (VerkanWindow *window)
{
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (window), "view-stack");
  GtkWidget *page;

  g_assert_true (ADW_IS_VIEW_STACK (stack));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "report");
  verkan_gui_test_iterate ();

  page = verkan_gui_test_find_named (GTK_WIDGET (window), "report-page");
  g_assert_true (VERKAN_IS_REPORT_PAGE (page));
  g_assert_true (gtk_widget_get_mapped (page));

  return VERKAN_REPORT_PAGE (page);
}

static void
assert_outline_matches_file (VerkanReportPage *page,
                             const char       *path)
{
  g_autoptr(GArray) shown = verkan_report_page_dup_outline_ids (page);
  g_autoptr(GArray) stored = query_reading_order (path);

  g_assert_cmpuint (shown->len, ==, stored->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpint (g_array_index (shown, gint64, i), ==, g_array_index (stored, gint64, i));
}

static gint64
chapter_id (const char *path,
            guint       position)
{
  /* by order, not by the stored number: a removal may leave a gap */
  return query_intf (path, "SELECT id FROM report_section WHERE parent_id IS NULL "
                     "ORDER BY position, id LIMIT 1 OFFSET %u", position);
}

static gboolean
activate (VerkanReportPage *page,
          const char       *action)
{
  gboolean done = gtk_widget_activate_action (GTK_WIDGET (page), action, NULL);

  verkan_gui_test_iterate ();
  return done;
}

static VerkanReportPreview *
get_preview (VerkanReportPage *page)
{
  GtkWidget *preview = verkan_gui_test_find_named (GTK_WIDGET (page), "report-preview");

  g_assert_true (VERKAN_IS_REPORT_PREVIEW (preview));
  return VERKAN_REPORT_PREVIEW (preview);
}

/* Waits (the verdict is asserted afterwards) for the preview to complete
 * an update after @before */
static void
wait_for_update (VerkanReportPreview *preview,
                 guint                before)
{
  for (guint i = 0; i < 600 && verkan_report_preview_get_n_updates (preview) <= before; i++)
    verkan_gui_test_run_for (50);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_outline (void)
{
  g_autofree char *path = new_project ("outline.verkan", TRUE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (page), "report-stack");
  g_autoptr(GArray) ids = NULL;
  g_autofree char *first_title = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "report");

  /* every section, expanded, in the file's reading order */
  assert_outline_matches_file (page, path);
  ids = verkan_report_page_dup_outline_ids (page);
  g_assert_cmpint (ids->len, ==, query_intf (path, "SELECT count(*) FROM report_section"));
  g_assert_cmpuint (ids->len, >, 10);

  /* the first chapter is chosen, and its row reads "1 Grundläggande information" */
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, chapter_id (path, 0));
  first_title = query_text (path, "SELECT title FROM report_section WHERE parent_id IS NULL AND position = 0");
  g_assert_cmpstr (first_title, ==, "Grundläggande information");
  {
    GtkWidget *title = verkan_gui_test_find_named (GTK_WIDGET (page), "report-outline-title");
    GtkWidget *number = verkan_gui_test_find_named (GTK_WIDGET (page), "report-outline-number");

    g_assert_true (GTK_IS_LABEL (title));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (number)), ==, "1");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Grundläggande information");
  }

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

/* The entry of the row being renamed: the focus is in it */
static GtkEditable *
rename_entry (VerkanWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;

  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_widget_get_name (entry), ==, "report-outline-entry");
  g_assert_true (gtk_widget_get_mapped (entry));
  return GTK_EDITABLE (entry);
}

static void
test_add_rename_remove_undo (void)
{
  g_autofree char *path = new_project ("edit.verkan", TRUE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  gint64 first = chapter_id (path, 0);
  gint64 n = query_intf (path, "SELECT count(*) FROM report_section");
  gint64 added, child;
  g_autofree char *title = NULL;
  GtkEditable *entry;

  /* Add Section: after the chosen chapter, chosen, with its title to type */
  verkan_report_page_show_section (page, first);
  g_assert_true (activate (page, "report.add-section"));
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_section"), ==, n + 1);
  added = verkan_report_page_get_section_id (page);
  g_assert_cmpint (added, !=, first);
  g_assert_cmpint (query_intf (path, "SELECT parent_id IS NULL FROM report_section WHERE id = %" G_GINT64_FORMAT, added), ==, 1);
  g_assert_cmpint (query_intf (path, "SELECT position FROM report_section WHERE id = %" G_GINT64_FORMAT, added), ==, 1);
  assert_outline_matches_file (page, path);

  entry = rename_entry (window);
  gtk_editable_set_text (entry, "Bakgrund och förankring");
  g_signal_emit_by_name (entry, "activate");
  verkan_gui_test_iterate ();
  title = query_text (path, "SELECT title FROM report_section ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (title, ==, "Bakgrund och förankring");

  /* F2's action renames the chosen one again */
  g_assert_true (activate (page, "report.rename"));
  entry = rename_entry (window);
  gtk_editable_set_text (entry, "Något annat");
  g_signal_emit_by_name (entry, "activate");
  verkan_gui_test_iterate ();
  g_clear_pointer (&title, g_free);
  title = query_text (path, "SELECT title FROM report_section ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (title, ==, "Något annat");

  /* Add Subsection: under the chosen one */
  g_assert_true (activate (page, "report.add-subsection"));
  child = verkan_report_page_get_section_id (page);
  g_assert_cmpint (query_intf (path, "SELECT parent_id FROM report_section WHERE id = %" G_GINT64_FORMAT, child), ==, added);
  entry = rename_entry (window);
  gtk_editable_set_text (entry, "Förankring i styrgruppen");
  g_signal_emit_by_name (entry, "activate");
  verkan_gui_test_iterate ();
  assert_outline_matches_file (page, path);

  /* Remove takes the section and its subsection; Undo brings both back */
  verkan_report_page_show_section (page, added);
  g_assert_true (activate (page, "report.remove"));
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_section"), ==, n);
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_section WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", added, child), ==, 0);
  assert_outline_matches_file (page, path);
  /* the next chapter is chosen instead */
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, chapter_id (path, 1));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_section"), ==, n + 2);
  g_assert_cmpint (query_intf (path, "SELECT parent_id FROM report_section WHERE id = %" G_GINT64_FORMAT, child), ==, added);
  assert_outline_matches_file (page, path);
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, added);

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

static void
test_move_by_keyboard (void)
{
  g_autofree char *path = new_project ("move.verkan", TRUE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  gint64 first = chapter_id (path, 0);
  gint64 second = chapter_id (path, 1);
  gint64 third = chapter_id (path, 2);
  gint64 n_under_first = query_intf (path, "SELECT count(*) FROM report_section WHERE parent_id = %" G_GINT64_FORMAT, first);

  g_assert_cmpint (n_under_first, >, 0);

  /* Alt+Right: the second chapter goes into the first, last */
  verkan_report_page_show_section (page, second);
  g_assert_true (activate (page, "report.indent"));
  g_assert_cmpint (query_intf (path, "SELECT parent_id FROM report_section WHERE id = %" G_GINT64_FORMAT, second), ==, first);
  g_assert_cmpint (query_intf (path, "SELECT position FROM report_section WHERE id = %" G_GINT64_FORMAT, second), ==, n_under_first);
  g_assert_cmpint (chapter_id (path, 1), ==, third);
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, second);
  assert_outline_matches_file (page, path);

  /* Alt+Up: one place up among its new siblings */
  g_assert_true (activate (page, "report.move-up"));
  g_assert_cmpint (query_intf (path, "SELECT position FROM report_section WHERE id = %" G_GINT64_FORMAT, second), ==, n_under_first - 1);
  assert_outline_matches_file (page, path);

  /* Alt+Left: out again, just after its parent */
  g_assert_true (activate (page, "report.outdent"));
  g_assert_cmpint (query_intf (path, "SELECT parent_id IS NULL FROM report_section WHERE id = %" G_GINT64_FORMAT, second), ==, 1);
  g_assert_cmpint (chapter_id (path, 1), ==, second);
  g_assert_cmpint (chapter_id (path, 2), ==, third);
  assert_outline_matches_file (page, path);

  /* Alt+Down, and Undo puts it back */
  g_assert_true (activate (page, "report.move-down"));
  g_assert_cmpint (chapter_id (path, 2), ==, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (chapter_id (path, 1), ==, second);
  assert_outline_matches_file (page, path);

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

/* A collapsed chapter stays collapsed when the report changes elsewhere,
 * and a rename from outside shows in its row */
static void
test_follows_project (void)
{
  g_autofree char *path = new_project ("follow.verkan", TRUE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  VerkanProject *project = verkan_report_page_get_project (page);
  GtkWidget *outline = verkan_gui_test_find_named (GTK_WIDGET (page), "report-outline");
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (outline));
  gint64 first = chapter_id (path, 0);
  gint64 last = query_intf (path, "SELECT id FROM report_section WHERE parent_id IS NULL ORDER BY position DESC LIMIT 1");
  gint64 n_under_first = query_intf (path, "SELECT count(*) FROM report_section WHERE parent_id = %" G_GINT64_FORMAT, first);
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  verkan_report_page_show_section (page, last);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (GTK_IS_TREE_LIST_ROW (row));
  gtk_tree_list_row_set_expanded (row, FALSE);
  verkan_gui_test_iterate ();
  before = verkan_report_page_dup_outline_ids (page);

  g_assert_true (verkan_report_rename_section (project, last, "Slutord", &error));
  g_assert_no_error (error);
  g_assert_true (verkan_report_add_section (project, last, G_MAXUINT, "Tack", &error) > 0);
  verkan_gui_test_iterate ();

  /* the first chapter still collapsed; the new subsection shown */
  after = verkan_report_page_dup_outline_ids (page);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpint (g_array_index (after, gint64, 1), ==, chapter_id (path, 1));
  g_assert_cmpuint (after->len + n_under_first, ==, (guint) query_intf (path, "SELECT count(*) FROM report_section"));
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, last);
  g_assert_cmpint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, after->len - 2);

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

static void
test_preview (void)
{
  g_autofree char *path = new_project ("preview.verkan", TRUE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  VerkanReportPreview *preview = get_preview (page);
  VerkanProject *project = verkan_report_page_get_project (page);
  gint64 first = chapter_id (path, 0);
  g_autoptr(GError) error = NULL;
  guint updates;

  wait_for_update (preview, 0);
  g_assert_cmpuint (verkan_report_preview_get_n_updates (preview), >=, 1);
  g_assert_cmpuint (verkan_report_preview_get_n_pages (preview), >, 0);
  g_assert_nonnull (verkan_gui_test_find_named (GTK_WIDGET (preview), "report-preview-page"));

  /* a change makes another update, with pages */
  updates = verkan_report_preview_get_n_updates (preview);
  g_assert_true (verkan_report_set_body (project, first,
                                         "<body><p>Projektet kom till när tre kommuner ville pröva "
                                         "nya arbetssätt tillsammans.</p></body>", &error));
  g_assert_no_error (error);
  wait_for_update (preview, updates);
  g_assert_cmpuint (verkan_report_preview_get_n_updates (preview), >, updates);
  g_assert_cmpuint (verkan_report_preview_get_n_pages (preview), >, 0);

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

static void
test_empty_report (void)
{
  g_autofree char *path = new_project ("empty.verkan", FALSE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (page), "report-stack");
  GtkWidget *button = verkan_gui_test_find_named (GTK_WIDGET (page), "report-template-sv");
  g_autoptr(GArray) ids = NULL;

  if (query_intf (path, "SELECT count(*) FROM report_section") > 0)
    {
      /* a new project may come with the template already: clear it */
      g_test_skip ("New projects start with a report");
      verkan_gui_test_close_window (GTK_WINDOW (window));
      return;
    }

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_true (GTK_IS_BUTTON (button));

  /* "Use template" fills the report */
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_section"), >, 10);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "report");
  assert_outline_matches_file (page, path);
  ids = verkan_report_page_dup_outline_ids (page);
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, g_array_index (ids, gint64, 0));

  /* Undo empties it again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_section"), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpint (verkan_report_page_get_section_id (page), ==, 0);

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

static void
test_references (void)
{
  g_autofree char *path = new_project ("references.verkan", TRUE);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  GtkWidget *dialog, *add, *list;
  GtkListBoxRow *row;

  g_assert_true (activate (page, "report.references"));
  dialog = verkan_gui_test_find_in_toplevels ("report-references-window");
  g_assert_true (GTK_IS_WINDOW (dialog));
  add = verkan_gui_test_find_named (dialog, "report-reference-add");
  list = verkan_gui_test_find_named (dialog, "report-references-list");

  g_signal_emit_by_name (add, "clicked");
  g_signal_emit_by_name (add, "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_reference"), ==, 2);
  g_assert_cmpuint (verkan_gui_test_count_rows (GTK_LIST_BOX (list)), ==, 2);

  /* typing into the first row's text stores it */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  {
    GtkWidget *text = verkan_gui_test_find_named (GTK_WIDGET (row), "report-reference-text");
    GtkWidget *down = verkan_gui_test_find_named (GTK_WIDGET (row), "report-reference-down");
    g_autofree char *stored = NULL;
    gint64 first_id = query_intf (path, "SELECT id FROM report_reference ORDER BY position LIMIT 1");

    gtk_editable_set_text (GTK_EDITABLE (text), "SKL (2019): Att mäta effekter");
    g_signal_emit_by_name (text, "activate");
    verkan_gui_test_iterate ();
    stored = query_text (path, "SELECT text FROM report_reference ORDER BY position LIMIT 1");
    g_assert_cmpstr (stored, ==, "SKL (2019): Att mäta effekter");

    /* and Move down puts it second */
    g_signal_emit_by_name (down, "clicked");
    verkan_gui_test_iterate ();
    g_assert_cmpint (query_intf (path, "SELECT id FROM report_reference ORDER BY position DESC LIMIT 1"), ==, first_id);
  }

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_signal_emit_by_name (verkan_gui_test_find_named (GTK_WIDGET (row), "report-reference-remove"), "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM report_reference"), ==, 1);
  g_assert_cmpuint (verkan_gui_test_count_rows (GTK_LIST_BOX (list)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  verkan_gui_test_close_window (GTK_WINDOW (window));
}

/* Export from the page: the PDF appears, whole, and the progress goes */
static void
test_export (void)
{
  g_autofree char *path = new_project ("export.verkan", TRUE);
  g_autofree char *pdf = g_build_filename (tmpdir, "Slutrapport.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanReportPage *page = show_page (window);
  GtkWidget *revealer = verkan_gui_test_find_named (GTK_WIDGET (page), "report-progress");
  g_autofree char *contents = NULL;
  gsize length = 0;

  verkan_report_page_export (page, VERKAN_REPORT_FORMAT_PDF, file);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  for (guint i = 0; i < 600 && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)); i++)
    verkan_gui_test_run_for (50);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpint (memcmp (contents, "%PDF", 4), ==, 0);

  verkan_gui_test_close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-report-XXXXXX", &error);
  g_assert_no_error (error);

  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */

  application = verkan_gui_test_new_application ();

  g_test_add_func ("/gui/report-page/outline", test_outline);
  g_test_add_func ("/gui/report-page/add-rename-remove-undo", test_add_rename_remove_undo);
  g_test_add_func ("/gui/report-page/move-by-keyboard", test_move_by_keyboard);
  g_test_add_func ("/gui/report-page/follows-project", test_follows_project);
  g_test_add_func ("/gui/report-page/preview", test_preview);
  g_test_add_func ("/gui/report-page/empty-report", test_empty_report);
  g_test_add_func ("/gui/report-page/references", test_references);
  g_test_add_func ("/gui/report-page/export", test_export);

  return g_test_run ();
}
