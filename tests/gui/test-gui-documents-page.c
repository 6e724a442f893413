/* test-gui-documents-page.c: the Dokument page, driven as a person would
 *
 * Opens a copy of the sample project in a real window, switches to the
 * page and checks: a file added through the page (as a drop or the file
 * chooser would) is stored in the file and shown in the list; an empty
 * file and one over the size limit are refused and nothing else is lost;
 * a search for a Swedish word typed in another case finds it, and its
 * row's snippet shows the word in bold; the kind filter shows only that
 * kind; typing a title in the details pane updates the row and the file;
 * removing it and Undo bring it back, chosen again.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "verkan-application.h"
#include "verkan-document-store.h"
#include "verkan-documents-page.h"
#include "verkan-field-binding.h"
#include "verkan-gui-test-util.h"
#include "verkan-test-util.h"
#include "verkan-window.h"

#define NOTES_TEXT "Minnesanteckningar från styrgruppen i Hallsberg.\n" \
                   "Styrgruppen godkände ÅTGÄRDSPLANEN för försörjningsstöd och " \
                   "bad projektledaren återkomma i höst.\n"

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

static VerkanDocumentsPage *
show_page (VerkanWindow *window)
{
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (window), "view-stack");
  GtkWidget *page;

  g_assert_true (ADW_IS_VIEW_STACK (stack));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "documents");
  verkan_gui_test_iterate ();

  page = verkan_gui_test_find_named (GTK_WIDGET (window), "documents-page");
  g_assert_true (VERKAN_IS_DOCUMENTS_PAGE (page));
  g_assert_true (gtk_widget_get_mapped (page));

  return VERKAN_DOCUMENTS_PAGE (page);
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static GListModel *
files_of (const char *first,
          ...)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (files, file);
    }
  va_end (args);

  return G_LIST_MODEL (files);
}

static gboolean
shown (VerkanDocumentsPage *page,
       gint64               id)
{
  g_autoptr(GArray) ids = verkan_documents_page_dup_shown_ids (page);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Lets the add finish: the worker stores, the main loop inserts the row */
static void
wait_for_count (const char *path,
                gint64      expected)
{
  for (guint i = 0; i < 400 && verkan_gui_test_query_int (path, "SELECT count(*) FROM document") != expected; i++)
    verkan_gui_test_run_for (25);
  verkan_gui_test_run_for (50);
}

/* The labels in @root with the CSS class @class, visible, in tree order */
static void
collect_labels (GtkWidget  *root,
                const char *class,
                GPtrArray  *labels)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, class) && gtk_widget_get_visible (root))
    g_ptr_array_add (labels, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, class, labels);
}

/* Whether a label in the list shows @text (as its label or markup) */
static gboolean
list_shows_text (VerkanDocumentsPage *page,
                 const char          *text)
{
  GtkWidget *list = verkan_gui_test_find_named (GTK_WIDGET (page), "documents-list");
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, list);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
        return TRUE;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_add_search_edit_remove (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "documents.verkan");
  g_autofree char *notes = write_file ("Styrgruppsmöte 2022-05-10.txt", NOTES_TEXT, -1);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1500, 900);
  VerkanDocumentsPage *page = show_page (window);
  gint64 before = verkan_gui_test_query_int (path, "SELECT count(*) FROM document");
  g_autoptr(GListModel) files = files_of (notes, NULL);
  g_autoptr(GPtrArray) snippets = g_ptr_array_new ();
  g_autofree char *title = NULL;
  GtkWidget *title_row, *kind_filter;
  gint64 id;
  gboolean bold = FALSE;

  /* Added through the page: in the file, shown and chosen */
  verkan_documents_page_add_files (page, files);
  wait_for_count (path, before + 1);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM document"), ==, before + 1);
  id = verkan_gui_test_query_int (path, "SELECT id FROM document WHERE file_name = 'Styrgruppsmöte 2022-05-10.txt'");
  g_assert_cmpint (id, >, 0);
  g_assert_true (shown (page, id));
  g_assert_cmpint (verkan_documents_page_get_selected (page), ==, id);
  g_assert_cmpint (query_intf (path, "SELECT size FROM document WHERE id = %" G_GINT64_FORMAT, id),
                   ==, (gint64) strlen (NOTES_TEXT));

  /* Found by a word written in another case; its snippet shows it in bold */
  verkan_documents_page_set_search (page, "åtgärdsplanen");
  verkan_gui_test_run_for (50);
  g_assert_true (shown (page, id));
  {
    g_autoptr(GArray) ids = verkan_documents_page_dup_shown_ids (page);

    g_assert_cmpuint (ids->len, >=, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  }
  collect_labels (verkan_gui_test_find_named (GTK_WIDGET (page), "documents-list"),
                  "verkan-document-snippet", snippets);
  for (guint i = 0; i < snippets->len; i++)
    {
      const char *markup = gtk_label_get_label (g_ptr_array_index (snippets, i));

      if (strstr (markup, "<b>ÅTGÄRDSPLANEN</b>") != NULL)
        bold = TRUE;
    }
  g_assert_true (bold);

  /* A word in no document: nothing shown, the page says so */
  verkan_documents_page_set_search (page, "Xylofonorkester");
  verkan_gui_test_iterate ();
  {
    g_autoptr(GArray) ids = verkan_documents_page_dup_shown_ids (page);

    g_assert_cmpuint (ids->len, ==, 0);
  }
  g_assert_true (gtk_widget_get_child_visible (verkan_gui_test_find_named (GTK_WIDGET (page), "documents-no-results")));
  verkan_documents_page_set_search (page, "");
  verkan_gui_test_iterate ();
  {
    g_autoptr(GArray) ids = verkan_documents_page_dup_shown_ids (page);

    g_assert_cmpint (ids->len, ==, before + 1);
  }

  /* Filter by kind: "Meeting notes" shows only meeting notes */
  g_assert_true (verkan_project_set_value (verkan_documents_page_get_project (page), "document", id, "kind",
                                           g_variant_new_string ("minutes"), NULL));
  kind_filter = verkan_gui_test_find_named (GTK_WIDGET (page), "documents-kind-filter");
  for (guint i = 0; verkan_document_kinds[i] != NULL; i++)
    if (g_str_equal (verkan_document_kinds[i], "minutes"))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (kind_filter), i + 1);
  verkan_gui_test_iterate ();
  {
    g_autoptr(GArray) ids = verkan_documents_page_dup_shown_ids (page);

    g_assert_cmpint (ids->len, ==, verkan_gui_test_query_int (path, "SELECT count(*) FROM document WHERE kind = 'minutes'"));
    for (guint i = 0; i < ids->len; i++)
      g_assert_cmpint (query_intf (path, "SELECT kind = 'minutes' FROM document WHERE id = %" G_GINT64_FORMAT,
                                   g_array_index (ids, gint64, i)), ==, 1);
    g_assert_true (shown (page, id));
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind_filter), 0);
  verkan_gui_test_iterate ();

  /* The title typed in the details: the file and the row follow */
  verkan_documents_page_select (page, id);
  verkan_gui_test_iterate ();
  title_row = verkan_gui_test_find_named (GTK_WIDGET (page), "documents-details-title");
  g_assert_true (ADW_IS_ENTRY_ROW (title_row));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Minnesanteckningar styrgruppen maj");
  verkan_field_binding_flush_all ();
  verkan_gui_test_iterate ();
  title = verkan_test_sql_text (path, "SELECT title FROM document ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (title, ==, "Minnesanteckningar styrgruppen maj");
  g_assert_true (list_shows_text (page, "Minnesanteckningar styrgruppen maj"));

  /* Chosen in the list as a click does: the details follow */
  {
    GtkWidget *list = verkan_gui_test_find_named (GTK_WIDGET (page), "documents-list");
    GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (list));
    g_autoptr(GArray) ids = verkan_documents_page_dup_shown_ids (page);
    GtkWidget *heading;

    verkan_documents_page_select (page, 0);
    g_assert_cmpint (verkan_documents_page_get_selected (page), ==, 0);
    g_assert_true (gtk_selection_model_select_item (model, 0, TRUE));
    verkan_gui_test_iterate ();
    g_assert_cmpint (verkan_documents_page_get_selected (page), ==, g_array_index (ids, gint64, 0));
    heading = verkan_gui_test_find_named (GTK_WIDGET (page), "documents-details-heading");
    g_assert_true (gtk_widget_is_drawable (heading));
    verkan_documents_page_select (page, id);
  }

  /* Remove: gone from the file and the list; Undo brings it back, chosen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "documents.remove", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM document WHERE id = %" G_GINT64_FORMAT, id), ==, 0);
  g_assert_false (shown (page, id));
  g_assert_cmpint (verkan_documents_page_get_selected (page), !=, id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM document WHERE id = %" G_GINT64_FORMAT, id), ==, 1);
  g_assert_true (shown (page, id));
  g_assert_cmpint (verkan_documents_page_get_selected (page), ==, id);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_bad_files (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "bad-files.verkan");
  g_autofree char *empty = write_file ("tom.txt", "", 0);
  g_autofree char *good = write_file ("bra.txt", "Analys av försörjningsstödet i Nora.\n", -1);
  g_autofree char *large = write_file ("stor.txt", NOTES_TEXT NOTES_TEXT NOTES_TEXT, -1);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1500, 900);
  VerkanDocumentsPage *page = show_page (window);
  gint64 before = verkan_gui_test_query_int (path, "SELECT count(*) FROM document");
  g_autoptr(GSettings) settings = verkan_application_dup_settings ();
  g_autoptr(GListModel) files = NULL;

  g_assert_nonnull (settings);
  g_settings_set_uint64 (settings, "document-size-limit", 200);

  /* The empty and the large file are refused; the good one is added */
  files = files_of (empty, good, large, NULL);
  verkan_documents_page_add_files (page, files);
  wait_for_count (path, before + 1);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM document"), ==, before + 1);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM document WHERE file_name = 'bra.txt'"), ==, 1);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM document WHERE file_name IN ('tom.txt', 'stor.txt')"), ==, 0);

  /* Only bad files: nothing starts, nothing changes */
  g_clear_object (&files);
  files = files_of (empty, NULL);
  verkan_documents_page_add_files (page, files);
  verkan_gui_test_run_for (100);
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM document"), ==, before + 1);
  g_assert_true (gtk_widget_is_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "documents-add-button")));

  g_settings_reset (settings, "document-size-limit");
  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

/* Thumbnails: a PNG's row gets a picture in place of its icon */
static void
test_thumbnail (void)
{
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "thumbnail.verkan");
  g_autofree char *png = g_build_filename (tmpdir, "karta.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1500, 900);
  VerkanDocumentsPage *page = show_page (window);
  gint64 before = verkan_gui_test_query_int (path, "SELECT count(*) FROM document");
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean picture = FALSE;
  GtkWidget *list;

  gdk_pixbuf_fill (pixbuf, 0x3080c0ff);
  gdk_pixbuf_save (pixbuf, png, "png", &error, NULL);
  g_assert_no_error (error);

  files = files_of (png, NULL);
  verkan_documents_page_add_files (page, files);
  wait_for_count (path, before + 1);

  list = verkan_gui_test_find_named (GTK_WIDGET (page), "documents-list");
  for (guint round = 0; round < 200 && !picture; round++)
    {
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();

      verkan_gui_test_run_for (25);
      g_ptr_array_add (stack, list);
      while (stack->len > 0)
        {
          GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

          if (GTK_IS_IMAGE (widget) && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_PAINTABLE)
            picture = TRUE;
          for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
               child = gtk_widget_get_next_sibling (child))
            g_ptr_array_add (stack, child);
        }
    }
  g_assert_true (picture);
  g_assert_cmpuint (verkan_documents_page_get_n_thumbnails_started (page), >=, 1);

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

  tmpdir = g_dir_make_tmp ("verkan-gui-documents-XXXXXX", &error);
  g_assert_no_error (error);

  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", data_home, TRUE);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();

  application = verkan_gui_test_new_application ();

  g_test_add_func ("/gui/documents-page/add-search-edit-remove", test_add_search_edit_remove);
  g_test_add_func ("/gui/documents-page/bad-files", test_bad_files);
  g_test_add_func ("/gui/documents-page/thumbnail", test_thumbnail);

  status = g_test_run ();

  g_object_unref (application);
  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
