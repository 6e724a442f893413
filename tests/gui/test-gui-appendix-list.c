/* test-gui-appendix-list.c: the report's appendices on the Dokument page,
 * driven through the list's widgets
 *
 * Each test opens a copy of the sample project (which has a frozen
 * version of Nora's logic model), adds documents like the sample's, makes
 * appendices of them, shows the list in a window of its own, and checks
 * the project file itself with SQLite on a connection of its own.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "verkan-appendix.h"
#include "verkan-appendix-list.h"
#include "verkan-appendix-row.h"
#include "verkan-document-store.h"
#include "verkan-field-binding.h"
#include "verkan-gui-test-util.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

static char *tmpdir;

typedef struct {
  char               *path;
  VerkanProject      *project;
  GtkWindow          *window;
  VerkanAppendixList *list;
  gint64              survey, analysis, minutes;  /* documents */
  gint64              version;                     /* Logikmodell för Nora */
  gint64              appendices[3];               /* Bilaga 1, 2, 3 */
} Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *
write_pdf (const char *name, int n_pages)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, "Enkätfrågor");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static gint64
add_document (Fixture    *fixture,
              const char *name,
              const char *text,
              const char *title,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VerkanDocumentAdd options = { .title = title, .date = date };
  gint64 id;

  if (text != NULL)
    {
      path = g_build_filename (tmpdir, name, NULL);
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }
  else
    {
      path = write_pdf (name, 3);
    }
  id = verkan_document_store_add (fixture->project, path, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return id;
}

static void
fixture_open (Fixture    *fixture,
              const char *name,
              gboolean    with_appendices)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  fixture->path = verkan_gui_test_copy_sample (tmpdir, name);
  fixture->project = verkan_project_open (fixture->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* the sample brings documents and appendices of its own; these tests
   * make theirs (removing a document takes its appendix along) */
  {
    g_autoptr(GPtrArray) own = verkan_project_list_rows (fixture->project, "document", NULL, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < own->len; i++)
      {
        gint64 id = 0;

        g_assert_true (g_variant_lookup (g_ptr_array_index (own, i), "id", "x", &id));
        g_assert_true (verkan_document_store_remove (fixture->project, id, &error));
      }
  }

  fixture->version = verkan_gui_test_query_int (fixture->path,
                                                "SELECT id FROM model_version WHERE title = 'Logikmodell för Nora'");
  g_assert_cmpint (fixture->version, >, 0);
  fixture->survey = add_document (fixture, "enkat.pdf", NULL, "Enkätfrågor", "2022-09-01");
  fixture->analysis = add_document (fixture, "analys.odt.txt", "Analys av Hallsbergs förutsättningar\n",
                                    "Analysunderlag för Hallsberg", "2022-06-23");
  fixture->minutes = add_document (fixture, "minnesanteckningar.txt", "Styrgruppsmöte 2022-05-12\n",
                                   "Minnesanteckningar styrgrupp", NULL);

  if (with_appendices)
    {
      fixture->appendices[0] = verkan_appendix_add_model_version (fixture->project, fixture->version, 0, &error);
      g_assert_no_error (error);
      fixture->appendices[1] = verkan_appendix_add_document (fixture->project, fixture->analysis, 0, &error);
      g_assert_no_error (error);
      fixture->appendices[2] = verkan_appendix_add_document (fixture->project, fixture->survey, 0, &error);
      g_assert_no_error (error);
    }

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 600);
  fixture->list = VERKAN_APPENDIX_LIST (verkan_appendix_list_widget_new (fixture->project));
  /* the page's toasts go to the nearest overlay */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->list));
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
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

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (VERKAN_IS_APPENDIX_ROW (child))
        {
          if (gtk_widget_get_mapped (child) && verkan_appendix_row_get_record (VERKAN_APPENDIX_ROW (child)) != NULL)
            g_ptr_array_add (rows, child);
        }
      else
        {
          collect_rows (child, rows);
        }
    }
}

/* The row shown as number @number (1-based) */
static VerkanAppendixRow *
row_numbered (Fixture *fixture,
              guint    number)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->list), rows);
  for (guint i = 0; i < rows->len; i++)
    if (verkan_appendix_row_get_number (g_ptr_array_index (rows, i)) == number)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static guint
count_shown_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->list), rows);
  return rows->len;
}

static GtkWidget *
row_child (VerkanAppendixRow *row,
           const char        *name)
{
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = verkan_gui_test_find_named (GTK_WIDGET (row), name);
  g_assert_nonnull (widget);
  return widget;
}

static void
assert_ids (Fixture *fixture,
            gint64   first,
            gint64   second,
            gint64   third)
{
  g_autoptr(GArray) ids = verkan_appendix_list_widget_dup_ids (fixture->list);

  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, second);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, third);
  /* and the rows on screen say so */
  g_assert_cmpint (verkan_record_get_id (verkan_appendix_row_get_record (row_numbered (fixture, 1))), ==, first);
  g_assert_cmpint (verkan_record_get_id (verkan_appendix_row_get_record (row_numbered (fixture, 2))), ==, second);
  g_assert_cmpint (verkan_record_get_id (verkan_appendix_row_get_record (row_numbered (fixture, 3))), ==, third);
}

static gint64
position_of (Fixture *fixture,
             gint64   appendix_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT position FROM appendix WHERE id = %" G_GINT64_FORMAT,
                                          appendix_id);

  return verkan_gui_test_query_int (fixture->path, sql);
}

static const char *
label_text (VerkanAppendixRow *row,
            const char        *name)
{
  return gtk_label_get_text (GTK_LABEL (row_child (row, name)));
}

/* With VERKAN_APPENDIX_SHOT=PREFIX set, the window as PNG PREFIX-SUFFIX.png,
 * to look at */
static void
save_shot (GtkWidget  *window,
           const char *suffix)
{
  const char *shot = g_getenv ("VERKAN_APPENDIX_SHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (shot == NULL)
    return;
  verkan_gui_test_run_for (300);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s-%s.png", shot, suffix);
  gdk_texture_save_to_png (texture, path);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_rows (void)
{
  Fixture fixture = { 0 };
  VerkanAppendixRow *row;

  fixture_open (&fixture, "rows.verkan", TRUE);
  g_assert_cmpuint (count_shown_rows (&fixture), ==, 3);
  assert_ids (&fixture, fixture.appendices[0], fixture.appendices[1], fixture.appendices[2]);
  g_assert_cmpint (gtk_widget_get_mapped (verkan_gui_test_find_named (GTK_WIDGET (fixture.list),
                                                                      "appendix-empty")), ==, FALSE);

  /* the frozen logic model first, with its title and date */
  row = row_numbered (&fixture, 1);
  g_assert_cmpstr (label_text (row, "appendix-number"), ==, "Appendix 1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "appendix-title"))), ==,
                   "Logikmodell för Nora");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "appendix-date"))), ==, "2022-06-15");
  g_assert_cmpstr (label_text (row, "appendix-source"), ==, "Frozen logic model: Logikmodell för Nora");

  row = row_numbered (&fixture, 2);
  g_assert_cmpstr (label_text (row, "appendix-number"), ==, "Appendix 2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "appendix-title"))), ==,
                   "Analysunderlag för Hallsberg");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "appendix-date"))), ==, "2022-06-23");
  g_assert_cmpstr (label_text (row, "appendix-source"), ==, "analys.odt.txt");

  row = row_numbered (&fixture, 3);
  g_assert_cmpstr (label_text (row, "appendix-source"), ==, "enkat.pdf");
  save_shot (GTK_WIDGET (fixture.window), "rows");

  fixture_close (&fixture);
}

static void
test_keyboard_move (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  VerkanAppendixRow *row;

  fixture_open (&fixture, "move.verkan", TRUE);

  /* Alt+Up on Bilaga 3: it becomes Bilaga 2 */
  row = row_numbered (&fixture, 3);
  verkan_appendix_row_focus (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "appendix-row.move", "i", -1));
  verkan_gui_test_iterate ();
  g_assert_cmpint (position_of (&fixture, fixture.appendices[0]), ==, 0);
  g_assert_cmpint (position_of (&fixture, fixture.appendices[2]), ==, 1);
  g_assert_cmpint (position_of (&fixture, fixture.appendices[1]), ==, 2);
  assert_ids (&fixture, fixture.appendices[0], fixture.appendices[2], fixture.appendices[1]);
  g_assert_cmpstr (label_text (row_numbered (&fixture, 2), "appendix-source"), ==, "enkat.pdf");

  /* again, and the focus went with it: it is Bilaga 1 now */
  row = row_numbered (&fixture, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "appendix-row.move", "i", -1));
  verkan_gui_test_iterate ();
  assert_ids (&fixture, fixture.appendices[2], fixture.appendices[0], fixture.appendices[1]);
  /* Alt+Up on the first stays put */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_numbered (&fixture, 1)), "appendix-row.move", "i", -1));
  verkan_gui_test_iterate ();
  assert_ids (&fixture, fixture.appendices[2], fixture.appendices[0], fixture.appendices[1]);

  /* Alt+Down on the last stays put too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_numbered (&fixture, 3)), "appendix-row.move", "i", 1));
  verkan_gui_test_iterate ();
  assert_ids (&fixture, fixture.appendices[2], fixture.appendices[0], fixture.appendices[1]);

  /* each move is one undo step */
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  assert_ids (&fixture, fixture.appendices[0], fixture.appendices[2], fixture.appendices[1]);

  /* a drop onto Bilaga 1 asks the same of the list */
  g_signal_emit_by_name (row_numbered (&fixture, 3), "move-requested", 1u);
  verkan_gui_test_iterate ();
  assert_ids (&fixture, fixture.appendices[1], fixture.appendices[0], fixture.appendices[2]);
  g_assert_cmpint (position_of (&fixture, fixture.appendices[1]), ==, 0);

  fixture_close (&fixture);
}

static void
test_edit_title (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *title;
  GtkWidget *date;

  fixture_open (&fixture, "edit.verkan", TRUE);

  title = row_child (row_numbered (&fixture, 2), "appendix-title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Analysunderlag");
  gtk_editable_set_text (GTK_EDITABLE (title), "Analysunderlag för Hallsbergs kommun");
  sql = g_strdup_printf ("SELECT title FROM appendix WHERE id = %" G_GINT64_FORMAT, fixture.appendices[1]);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Analysunderlag för Hallsbergs kommun"));

  date = row_child (row_numbered (&fixture, 2), "appendix-date");
  gtk_editable_set_text (GTK_EDITABLE (date), "2022-06-30");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT date FROM appendix WHERE id = %" G_GINT64_FORMAT, fixture.appendices[1]);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "2022-06-30"));

  /* the typing was one step: one undo brings the document's title back */
  verkan_field_binding_flush_all ();
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT title FROM appendix WHERE id = %" G_GINT64_FORMAT, fixture.appendices[1]);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Analysunderlag för Hallsberg"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row_numbered (&fixture, 2), "appendix-title"))),
                   ==, "Analysunderlag för Hallsberg");

  fixture_close (&fixture);
}

static void
test_remove_undo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *remove;

  fixture_open (&fixture, "remove.verkan", TRUE);

  remove = row_child (row_numbered (&fixture, 1), "appendix-remove");
  g_signal_emit_by_name (remove, "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (position_of (&fixture, fixture.appendices[1]), ==, 0);
  g_assert_cmpint (position_of (&fixture, fixture.appendices[2]), ==, 1);
  g_assert_cmpuint (count_shown_rows (&fixture), ==, 2);
  g_assert_cmpstr (label_text (row_numbered (&fixture, 1), "appendix-source"), ==, "analys.odt.txt");
  g_assert_cmpstr (label_text (row_numbered (&fixture, 1), "appendix-number"), ==, "Appendix 1");
  /* the document is still there, and offered in the menu again */
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM document"), ==, 3);

  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM appendix"), ==, 3);
  g_assert_cmpuint (count_shown_rows (&fixture), ==, 3);
  assert_ids (&fixture, fixture.appendices[0], fixture.appendices[1], fixture.appendices[2]);
  g_assert_cmpstr (label_text (row_numbered (&fixture, 3), "appendix-number"), ==, "Appendix 3");

  fixture_close (&fixture);
}

static void
test_add_and_empty (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GMenuModel *menu;

  fixture_open (&fixture, "add.verkan", FALSE);
  g_assert_true (gtk_widget_get_mapped (verkan_gui_test_find_named (GTK_WIDGET (fixture.list),
                                                                    "appendix-empty")));
  g_assert_cmpuint (count_shown_rows (&fixture), ==, 0);
  save_shot (GTK_WIDGET (fixture.window), "empty");

  /* the menu offers the three documents and the frozen model */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (verkan_gui_test_find_named (GTK_WIDGET (fixture.list),
                                                                                      "appendix-add")));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION)), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.list), "appendix-list.add-document", "x",
                                             fixture.minutes));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.list), "appendix-list.add-model-version", "x",
                                             fixture.version));
  verkan_gui_test_iterate ();
  g_assert_false (gtk_widget_get_mapped (verkan_gui_test_find_named (GTK_WIDGET (fixture.list),
                                                                     "appendix-empty")));
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT position FROM appendix WHERE document_id = "
                                                 "(SELECT id FROM document WHERE file_name = 'minnesanteckningar.txt')"),
                   ==, 0);
  ids = verkan_appendix_list_widget_dup_ids (fixture.list);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpuint (count_shown_rows (&fixture), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row_numbered (&fixture, 1), "appendix-title"))),
                   ==, "Minnesanteckningar styrgrupp");

  /* what is an appendix already leaves the menu; frozen models section goes */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (verkan_gui_test_find_named (GTK_WIDGET (fixture.list),
                                                                                      "appendix-add")));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION)), ==, 2);

  /* undone, the list is empty again */
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_cmpuint (count_shown_rows (&fixture), ==, 0);
  g_assert_true (gtk_widget_get_mapped (verkan_gui_test_find_named (GTK_WIDGET (fixture.list),
                                                                    "appendix-empty")));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-appendix-XXXXXX", &error);
  g_assert_no_error (error);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */
  adw_init ();

  g_test_add_func ("/gui/appendix-list/rows", test_rows);
  g_test_add_func ("/gui/appendix-list/keyboard-move", test_keyboard_move);
  g_test_add_func ("/gui/appendix-list/edit-title", test_edit_title);
  g_test_add_func ("/gui/appendix-list/remove-undo", test_remove_undo);
  g_test_add_func ("/gui/appendix-list/add-and-empty", test_add_and_empty);

  status = g_test_run ();

  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
