/* test-gui-canvas.c: the logic model canvas, driven through GTK
 *
 * Opens a copy of the sample project, shows a model's canvas view in a
 * window and works it as a person would: keys through the canvas's key
 * controller, shortcuts through its actions, the pointer through its
 * click and drag gestures (GTK 4.8 cannot inject events, so the test
 * emits the gestures' signals with the coordinates a pointer would
 * have).  It adds cards, names one, links two, moves one to another
 * column, deletes, copies and pastes, then undoes every step through the
 * project and checks the rows in the file, read with SQLite on a
 * connection of its own, at each step.
 *
 * With VERKAN_CANVAS_SHOT=FILE.png it also saves a picture of the window.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "verkan-gui-test-util.h"
#include "verkan-model-canvas-view.h"
#include "verkan-model-card.h"
#include "verkan-model-edit.h"
#include "verkan-test-util.h"

#define MODEL_ID 3   /* Logikmodell för Nora */

static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static gint64
count_cards (const char *path)
{
  return verkan_gui_test_query_int (path, "SELECT count(*) FROM model_element WHERE model_id = 3");
}

static gint64
count_links (const char *path)
{
  return verkan_gui_test_query_int (path, "SELECT count(*) FROM model_link WHERE model_id = 3");
}

static char *
card_sql (const char *column, gint64 id)
{
  return g_strdup_printf ("SELECT %s FROM model_element WHERE id = %" G_GINT64_FORMAT,
                          column, id);
}

static char *
card_text (const char *path, const char *column, gint64 id)
{
  g_autofree char *sql = card_sql (column, id);

  return verkan_test_sql_text (path, sql);
}

typedef struct {
  GtkWidget         *window;
  GtkWidget         *view;
  VerkanModelCanvas *canvas;
  VerkanProject     *project;
  char              *path;
} Fixture;

static void
save_shot (Fixture *f, const char *suffix)
{
  const char *shot = g_getenv ("VERKAN_CANVAS_SHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (f->window);
  int height = gtk_widget_get_height (f->window);

  if (shot == NULL)
    return;
  paintable = gtk_widget_paintable_new (f->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s-%s.png", shot, suffix);
  gdk_texture_save_to_png (texture, path);
}

static void
wait_for_draw (Fixture *f)
{
  verkan_gui_test_iterate ();
  gtk_test_widget_wait_for_draw (f->window);
  verkan_gui_test_iterate ();
}

static void
fixture_open (Fixture *f, const char *name, VerkanOpenFlags flags)
{
  g_autoptr(GError) error = NULL;

  f->path = verkan_gui_test_copy_sample (tmpdir, name);
  f->project = verkan_project_open (f->path, flags, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  f->view = verkan_model_canvas_view_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  f->canvas = verkan_model_canvas_view_get_canvas (VERKAN_MODEL_CANVAS_VIEW (f->view));
  verkan_model_canvas_set_model (f->canvas, f->project, MODEL_ID);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_draw (f);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  verkan_gui_test_iterate ();
  verkan_project_close (f->project);
  g_object_unref (f->project);
  g_unlink (f->path);
  g_free (f->path);
}

static gpointer
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;   /* the widget keeps it */
    }
  g_assert_not_reached ();
  return NULL;
}

/* A key as the canvas's key controller gets it */
static gboolean
press_key (Fixture *f, guint keyval)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (f->canvas),
                                              GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  verkan_gui_test_iterate ();
  return handled;
}

static void
activate (Fixture *f, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), action, NULL));
  verkan_gui_test_iterate ();
}

/* Where a model point is in the canvas, in widget coordinates */
static void
model_to_widget (Fixture *f, double mx, double my, double *wx, double *wy)
{
  double x, y, w, h, zoom = verkan_model_canvas_get_zoom (f->canvas);

  verkan_model_canvas_get_visible_area (f->canvas, &x, &y, &w, &h);
  *wx = (mx - x) * zoom;
  *wy = (my - y) * zoom;
}

static void
card_center (Fixture *f, gint64 id, double *wx, double *wy)
{
  VerkanModelGeometry *g = verkan_model_canvas_get_geometry (f->canvas);
  const cairo_rectangle_t *r = verkan_model_geometry_get_card (g, id);

  g_assert_nonnull (r);
  model_to_widget (f, r->x + r->width / 2, r->y + r->height / 2, wx, wy);
}

/* A pointer drag from one widget point to another, through the canvas's
 * drag gesture, in a few steps */
static void
drag (Fixture *f, double x1, double y1, double x2, double y2)
{
  GtkGesture *gesture = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_DRAG);

  g_signal_emit_by_name (gesture, "drag-begin", x1, y1);
  for (int i = 1; i <= 4; i++)
    g_signal_emit_by_name (gesture, "drag-update", (x2 - x1) * i / 4, (y2 - y1) * i / 4);
  g_signal_emit_by_name (gesture, "drag-end", x2 - x1, y2 - y1);
  verkan_gui_test_iterate ();
}

static void
click_at (Fixture *f, int n_press, double x, double y)
{
  GtkGesture *gesture = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_CLICK);

  g_signal_emit_by_name (gesture, "pressed", n_press, x, y);
  g_signal_emit_by_name (gesture, "released", n_press, x, y);
  verkan_gui_test_iterate ();
}

static GtkWidget *
find_entry (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      return child;
  return NULL;
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
}

static gboolean
wait_for_cards (Fixture *f, gint64 expected)
{
  gint64 end = g_get_monotonic_time () + VERKAN_GUI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (count_cards (f->path) == expected)
        return TRUE;
      verkan_gui_test_run_for (20);
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_cards_are_widgets (void)
{
  Fixture f = { 0 };
  VerkanModelGeometry *g;
  guint n_cards = 0;
  gint64 first;
  GtkWidget *card;

  fixture_open (&f, "widgets.verkan", VERKAN_OPEN_FLAGS_NONE);
  g = verkan_model_canvas_get_geometry (f.canvas);
  g_assert_nonnull (g);
  g_assert_cmpuint (g->cards->len, ==, count_cards (f.path));
  g_assert_cmpuint (g->arrows->len, ==, count_links (f.path));

  /* every card of this small model is a mapped, focusable child */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f.canvas)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (VERKAN_IS_MODEL_CARD (child) && gtk_widget_get_mapped (child))
      {
        g_assert_true (gtk_widget_get_focusable (child));
        g_assert_nonnull (gtk_widget_get_tooltip_text (child));
        n_cards++;
      }
  g_assert_cmpuint (n_cards, ==, g->cards->len);

  /* the first card in the resources column shows its title */
  first = verkan_gui_test_query_int (f.path, "SELECT id FROM model_element WHERE model_id = 3 AND "
                           "column_kind = 'resources' ORDER BY position LIMIT 1");
  card = verkan_model_canvas_get_card (f.canvas, first);
  g_assert_true (VERKAN_IS_MODEL_CARD (card));
  g_assert_cmpint (verkan_model_card_get_element_id (VERKAN_MODEL_CARD (card)), ==, first);

  /* zooming keeps the point under the pointer; fit shows it all */
  activate (&f, "canvas.zoom-in");
  g_assert_cmpfloat_with_epsilon (verkan_model_canvas_get_zoom (f.canvas), 1.25, 1e-9);
  activate (&f, "canvas.zoom-reset");
  g_assert_cmpfloat_with_epsilon (verkan_model_canvas_get_zoom (f.canvas), 1.0, 1e-9);
  activate (&f, "canvas.zoom-fit");
  wait_for_draw (&f);
  g_assert_cmpfloat (verkan_model_canvas_get_zoom (f.canvas) * g->width, <=,
                     gtk_widget_get_width (GTK_WIDGET (f.canvas)) + 1);
  save_shot (&f, "fit");
  activate (&f, "canvas.zoom-reset");
  wait_for_draw (&f);
  save_shot (&f, "100");
  if (g_getenv ("VERKAN_CANVAS_SHOT") != NULL)
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      verkan_model_canvas_set_zoom (f.canvas, 0.3);
      wait_for_draw (&f);
      save_shot (&f, "dark-30");
      verkan_model_canvas_set_zoom (f.canvas, 1.0);
      wait_for_draw (&f);
      save_shot (&f, "dark");
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
    }

  fixture_close (&f);
}

static void
test_edit_and_undo (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *column = NULL;
  g_autoptr(GArray) selection = NULL;
  gint64 cards0, links0, first, second, added, clicked_added, link;
  GtkWidget *entry;
  double x1, y1, x2, y2;
  VerkanModelGeometry *g;

  fixture_open (&f, "edit.verkan", VERKAN_OPEN_FLAGS_NONE);
  cards0 = count_cards (f.path);
  links0 = count_links (f.path);
  g_assert_cmpint (cards0, >, 0);

  /* Tab into the canvas: the first card becomes current */
  gtk_window_set_focus (GTK_WINDOW (f.window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.canvas), GTK_DIR_TAB_FORWARD));
  verkan_gui_test_iterate ();
  first = verkan_gui_test_query_int (f.path, "SELECT id FROM model_element WHERE model_id = 3 AND "
                           "column_kind = 'resources' ORDER BY position LIMIT 1");
  g_assert_cmpint (verkan_model_canvas_get_current_element (f.canvas), ==, first);
  g_assert_true (gtk_widget_has_focus (verkan_model_canvas_get_card (f.canvas, first)));

  /* Down moves within the column, Up back */
  second = verkan_gui_test_query_int (f.path, "SELECT id FROM model_element WHERE model_id = 3 AND "
                            "column_kind = 'resources' ORDER BY position LIMIT 1 OFFSET 1");
  g_assert_true (press_key (&f, GDK_KEY_Down));
  g_assert_cmpint (verkan_model_canvas_get_current_element (f.canvas), ==, second);
  g_assert_true (press_key (&f, GDK_KEY_Up));
  g_assert_cmpint (verkan_model_canvas_get_current_element (f.canvas), ==, first);

  /* Ctrl+N: a card under the current one, being edited; Enter names it */
  activate (&f, "canvas.add-card");
  g_assert_cmpint (count_cards (f.path), ==, cards0 + 1);
  added = verkan_gui_test_query_int (f.path, "SELECT max(id) FROM model_element");
  g_assert_cmpint (verkan_model_canvas_get_current_element (f.canvas), ==, added);
  column = card_text (f.path, "column_kind", added);
  g_assert_cmpstr (column, ==, "resources");
  g_assert_cmpint (verkan_gui_test_query_int (f.path, "SELECT position FROM model_element WHERE id = "
                                    "(SELECT max(id) FROM model_element)"), ==, 1);
  entry = find_entry (GTK_WIDGET (f.canvas));
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_get_focus_child (entry) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Handledare från Arbetsförmedlingen");
  g_signal_emit_by_name (entry, "activate");
  verkan_gui_test_iterate ();
  g_assert_null (find_entry (GTK_WIDGET (f.canvas)));
  title = card_text (f.path, "title", added);
  g_assert_cmpstr (title, ==, "Handledare från Arbetsförmedlingen");
  wait_for_draw (&f);
  save_shot (&f, "added");

  /* Ctrl+L links from it: Right picks a card in the next column, Enter */
  activate (&f, "canvas.start-link");
  g_assert_true (press_key (&f, GDK_KEY_Return));
  g_assert_cmpint (count_links (f.path), ==, links0 + 1);
  link = verkan_gui_test_query_int (f.path, "SELECT max(id) FROM model_link");
  g_assert_cmpint (verkan_gui_test_query_int (f.path, "SELECT from_id FROM model_link WHERE id = "
                                    "(SELECT max(id) FROM model_link)"), ==, added);
  g_assert_cmpint (verkan_model_canvas_get_current_link (f.canvas), ==, link);
  g_assert_cmpint (verkan_gui_test_query_int (f.path, "SELECT count(*) FROM model_link l JOIN model_element e "
                                    "ON e.id = l.to_id WHERE l.id = (SELECT max(id) FROM model_link) "
                                    "AND e.column_kind = 'activities'"), ==, 1);

  /* a link to itself is refused, and nothing is written */
  g_assert_cmpint (verkan_model_add_link (f.project, added, added, "", &error), ==, 0);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* the pointer drags the new card to the outputs column, near its top */
  wait_for_draw (&f);
  g = verkan_model_canvas_get_geometry (f.canvas);
  card_center (&f, added, &x1, &y1);
  model_to_widget (&f, g->columns[VERKAN_MODEL_COLUMN_OUTPUTS].x + 100,
                   g->columns[VERKAN_MODEL_COLUMN_OUTPUTS].y + 4, &x2, &y2);
  drag (&f, x1, y1, x2, y2);
  g_clear_pointer (&column, g_free);
  column = card_text (f.path, "column_kind", added);
  g_assert_cmpstr (column, ==, "outputs");
  g_assert_cmpint (verkan_gui_test_query_int (f.path, "SELECT position FROM model_element WHERE id = "
                                    "(SELECT max(id) FROM model_element)"), ==, 0);

  /* a drag from its handle onto a card of the next column links them */
  wait_for_draw (&f);
  g = verkan_model_canvas_get_geometry (f.canvas);
  {
    const cairo_rectangle_t *r = verkan_model_geometry_get_card (g, added);
    gint64 target = verkan_gui_test_query_int (f.path, "SELECT id FROM model_element WHERE model_id = 3 AND "
                                     "column_kind = 'short-term-effects' ORDER BY position LIMIT 1");

    model_to_widget (&f, r->x + r->width, r->y + r->height / 2, &x1, &y1);
    card_center (&f, target, &x2, &y2);
    drag (&f, x1, y1, x2, y2);
    g_assert_cmpint (count_links (f.path), ==, links0 + 2);
    g_assert_cmpint (verkan_gui_test_query_int (f.path, "SELECT to_id FROM model_link WHERE id = "
                                      "(SELECT max(id) FROM model_link)"), ==, target);
  }

  /* a double-click on empty space in the goals column adds a card there */
  wait_for_draw (&f);
  g = verkan_model_canvas_get_geometry (f.canvas);
  model_to_widget (&f, g->columns[VERKAN_MODEL_COLUMN_GOALS].x + 100,
                   g->columns[VERKAN_MODEL_COLUMN_GOALS].y + g->columns[VERKAN_MODEL_COLUMN_GOALS].height - 6,
                   &x1, &y1);
  click_at (&f, 1, x1, y1);
  click_at (&f, 2, x1, y1);
  g_assert_cmpint (count_cards (f.path), ==, cards0 + 2);
  clicked_added = verkan_gui_test_query_int (f.path, "SELECT max(id) FROM model_element");
  g_clear_pointer (&column, g_free);
  column = card_text (f.path, "column_kind", clicked_added);
  g_assert_cmpstr (column, ==, "goals");
  /* Escape leaves the title as it was */
  entry = find_entry (GTK_WIDGET (f.canvas));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Skrivet men ångrat");
  {
    GtkEventController *keys = find_controller (entry, GTK_TYPE_EVENT_CONTROLLER_KEY);
    gboolean handled = FALSE;
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Escape, 0, (GdkModifierType) 0, &handled);
    g_assert_true (handled);
  }
  verkan_gui_test_iterate ();
  g_clear_pointer (&title, g_free);
  title = card_text (f.path, "title", clicked_added);
  g_assert_cmpstr (title, ==, "");

  /* Delete removes the selected card */
  selection = verkan_model_canvas_dup_selection (f.canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpint (g_array_index (selection, gint64, 0), ==, clicked_added);
  activate (&f, "canvas.delete");
  g_assert_cmpint (count_cards (f.path), ==, cards0 + 1);

  /* copy and paste: a copy of the named card, with a new id */
  verkan_model_canvas_select_element (f.canvas, added);
  activate (&f, "canvas.copy");
  activate (&f, "canvas.paste");
  g_assert_true (wait_for_cards (&f, cards0 + 2));
  g_clear_pointer (&title, g_free);
  title = verkan_test_sql_text (f.path, "SELECT title FROM model_element WHERE id = "
                                        "(SELECT max(id) FROM model_element)");
  g_assert_cmpstr (title, ==, "Handledare från Arbetsförmedlingen");
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_model_canvas_get_current_element (f.canvas), ==,
                   verkan_gui_test_query_int (f.path, "SELECT max(id) FROM model_element"));

  /* Ctrl+Z is the window's: the canvas leaves it alone */
  g_assert_false (press_key (&f, GDK_KEY_z));

  /* undo every step, checking the file after each */
  undo (&f);   /* paste */
  g_assert_cmpint (count_cards (f.path), ==, cards0 + 1);
  undo (&f);   /* delete */
  g_assert_cmpint (count_cards (f.path), ==, cards0 + 2);
  undo (&f);   /* the card added by double-click */
  g_assert_cmpint (count_cards (f.path), ==, cards0 + 1);
  undo (&f);   /* the link drawn from the handle */
  g_assert_cmpint (count_links (f.path), ==, links0 + 1);
  undo (&f);   /* the move */
  g_clear_pointer (&column, g_free);
  column = card_text (f.path, "column_kind", added);
  g_assert_cmpstr (column, ==, "resources");
  undo (&f);   /* the link made with the keyboard */
  g_assert_cmpint (count_links (f.path), ==, links0);
  undo (&f);   /* the title */
  g_clear_pointer (&title, g_free);
  title = card_text (f.path, "title", added);
  g_assert_cmpstr (title, ==, "");
  undo (&f);   /* the card */
  g_assert_cmpint (count_cards (f.path), ==, cards0);
  g_assert_cmpint (count_links (f.path), ==, links0);

  /* the canvas followed: the same cards as the file */
  wait_for_draw (&f);
  g = verkan_model_canvas_get_geometry (f.canvas);
  g_assert_cmpuint (g->cards->len, ==, cards0);
  g_assert_cmpuint (g->arrows->len, ==, links0);

  fixture_close (&f);
}

static void
test_arrange (void)
{
  Fixture f = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *sql = "SELECT group_concat(id, ',') FROM (SELECT id FROM model_element "
                    "WHERE model_id = 3 ORDER BY column_kind, position)";

  fixture_open (&f, "arrange.verkan", VERKAN_OPEN_FLAGS_NONE);
  /* a muddled order first: the last activity to the top */
  {
    g_autoptr(GError) error = NULL;
    gint64 last = verkan_gui_test_query_int (f.path, "SELECT id FROM model_element WHERE model_id = 3 AND "
                                   "column_kind = 'activities' ORDER BY position DESC LIMIT 1");
    g_assert_true (verkan_model_move_card (f.project, last, VERKAN_MODEL_COLUMN_ACTIVITIES, 0,
                                           &error));
    g_assert_no_error (error);
  }
  verkan_gui_test_iterate ();
  before = verkan_test_sql_text (f.path, sql);
  activate (&f, "canvas.arrange");
  after = verkan_test_sql_text (f.path, sql);
  /* one undo step puts it back as it was */
  if (g_strcmp0 (before, after) != 0)
    {
      g_autofree char *undone = NULL;

      undo (&f);
      undone = verkan_test_sql_text (f.path, sql);
      g_assert_cmpstr (undone, ==, before);
    }
  fixture_close (&f);
}

static void
test_read_only (void)
{
  Fixture f = { 0 };
  gint64 cards0;

  fixture_open (&f, "read-only.verkan", VERKAN_OPEN_FLAGS_READ_ONLY);
  cards0 = count_cards (f.path);
  gtk_window_set_focus (GTK_WINDOW (f.window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.canvas), GTK_DIR_TAB_FORWARD));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_model_canvas_get_current_element (f.canvas), !=, 0);
  /* selecting and zooming work; adding does not */
  g_assert_true (press_key (&f, GDK_KEY_Right));
  activate (&f, "canvas.zoom-out");
  g_assert_cmpfloat (verkan_model_canvas_get_zoom (f.canvas), <, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "canvas.add-card", NULL);
  verkan_gui_test_iterate ();
  g_assert_null (find_entry (GTK_WIDGET (f.canvas)));
  g_assert_cmpint (count_cards (f.path), ==, cards0);
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */
  adw_init ();
  /* the application's style sheet, which the cards need to look like cards */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/se/verkan/Verkan/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* the cards glide when arranged; the test wants them where they land */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-canvas-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/canvas/cards-are-widgets", test_cards_are_widgets);
  g_test_add_func ("/gui/canvas/edit-and-undo", test_edit_and_undo);
  g_test_add_func ("/gui/canvas/arrange", test_arrange);
  g_test_add_func ("/gui/canvas/read-only", test_read_only);

  status = g_test_run ();

  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
