/* test-gui-charts-page.c: the Nyckeltal page, driven through its actions
 *
 * Opens a copy of the sample project in a real window with a chart of its
 * own (a KPI the sample does not chart, with values written straight into
 * kolada_value), switches to the page, and checks: one gallery item per
 * chart row; choosing one shows it large with points for its values; the
 * arrow keys move the focus point, whose description names the
 * municipality and the year; duplicate adds a row, delete removes it and
 * Undo brings it back; export writes a PNG; an unreachable Kolada shows
 * the offline banner and keeps the stored values; a project without
 * charts shows the empty state, and a read-only one offers no edits.
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
#include "verkan-chart-drawing.h"
#include "verkan-chart-editor.h"
#include "verkan-chart-view.h"
#include "verkan-charts-page.h"
#include "verkan-gui-test-util.h"
#include "verkan-record.h"
#include "verkan-test-util.h"
#include "verkan-window.h"

#define TEST_TITLE "Testdiagram: barn i familjer med långvarigt bistånd"
#define TEST_SPEC "{\"kind\":\"line\",\"kpi\":\"U31809\",\"municipalities\":[\"1861\",\"1863\"],\"comparisons\":[\"0000\"]}"
#define TEST_FIRST_YEAR 2019
#define TEST_N_YEARS 4
#define TEST_N_AREAS 3

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

/* A copy of the sample with the test chart and its values; its id */
static char *
copy_sample_with_chart (const char *name,
                        gint64     *chart_id)
{
  char *path = verkan_gui_test_copy_sample (tmpdir, name);
  const char *areas[] = { "1861", "1863", "0000" };
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  sqlite3 *db;

  project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "title", g_variant_new_string (TEST_TITLE));
  g_variant_builder_add (&builder, "{sv}", "spec", g_variant_new_string (TEST_SPEC));
  *chart_id = verkan_project_insert (project, "chart", g_variant_builder_end (&builder), &error);
  g_assert_no_error (error);
  g_assert_cmpint (*chart_id, >, 0);

  /* The cache is written outside the undo stack, as a fetch would */
  db = verkan_project_get_db (project);
  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    for (int y = 0; y < TEST_N_YEARS; y++)
      {
        g_autofree char *sql = NULL;

        sql = g_strdup_printf ("INSERT OR REPLACE INTO kolada_value "
                               "(kpi, municipality, year, gender, value, count, status, fetched_at, origin) "
                               "VALUES ('U31809', '%s', %d, 'T', %d.%d, 1, '', '2024-01-15T08:00:00Z', 'kolada')",
                               areas[a], TEST_FIRST_YEAR + y, 3 + (int) a, y);
        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      }

  verkan_project_close (project);
  return path;
}

/* The page, shown as a person would by picking it in the view switcher */
static VerkanChartsPage *
show_page (VerkanWindow *window)
{
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (window), "view-stack");
  GtkWidget *page;

  g_assert_true (ADW_IS_VIEW_STACK (stack));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "key-figures");
  verkan_gui_test_iterate ();

  page = verkan_gui_test_find_named (GTK_WIDGET (window), "charts-page");
  g_assert_true (VERKAN_IS_CHARTS_PAGE (page));
  g_assert_true (gtk_widget_get_mapped (page));

  return VERKAN_CHARTS_PAGE (page);
}

static void
count_named (GtkWidget  *widget,
             const char *name,
             guint      *count)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    (*count)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_named (child, name, count);
}

static guint
count_cards (VerkanChartsPage *page)
{
  GtkWidget *gallery = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-gallery");
  guint count = 0;

  g_assert_true (GTK_IS_GRID_VIEW (gallery));
  count_named (gallery, "charts-card", &count);
  return count;
}

static GtkSelectionModel *
gallery_model (VerkanChartsPage *page)
{
  GtkWidget *gallery = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-gallery");

  return gtk_grid_view_get_model (GTK_GRID_VIEW (gallery));
}

/* Chooses the chart in the gallery as a click would */
static void
select_in_gallery (VerkanChartsPage *page,
                   gint64            chart_id)
{
  GtkSelectionModel *model = gallery_model (page);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (verkan_record_get_id (record) == chart_id)
        {
          gtk_selection_model_select_item (model, i, TRUE);
          verkan_gui_test_iterate ();
          return;
        }
    }

  g_assert_not_reached ();
}

static VerkanChartView *
get_chart_view (VerkanChartsPage *page)
{
  GtkWidget *view = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-chart-view");

  g_assert_true (VERKAN_IS_CHART_VIEW (view));
  return VERKAN_CHART_VIEW (view);
}

/* Lets the frame clock lay the view out after it was shown */
static void
wait_for_size (GtkWidget *widget)
{
  for (guint i = 0; i < 100 && gtk_widget_get_width (widget) <= 0; i++)
    verkan_gui_test_run_for (20);
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
}

static guint
n_points (VerkanChartView *view)
{
  VerkanChartLayout *layout;
  guint n = 0;

  wait_for_size (GTK_WIDGET (view));
  layout = verkan_chart_view_get_layout (view);

  g_assert_nonnull (layout);
  verkan_chart_layout_get_points (layout, &n);
  return n;
}

/* A key, as the view's key controller gets it */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          verkan_gui_test_iterate ();
          return handled;
        }
    }

  g_assert_not_reached ();
  return FALSE;
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

static gboolean
wait_for_reveal (GtkWidget *revealer,
                 gboolean   revealed)
{
  gint64 end = g_get_monotonic_time () + 6 * VERKAN_GUI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) == revealed)
        return TRUE;
      verkan_gui_test_run_for (50);
    }

  return FALSE;
}

static GtkWidget *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (VERKAN_IS_CHART_EDITOR (window))
        return window;
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_gallery_and_detail (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("gallery.verkan", &chart_id);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanChartsPage *page = show_page (window);
  gint64 n_charts = verkan_gui_test_query_int (path, "SELECT count(*) FROM chart");
  gint64 first = verkan_gui_test_query_int (path, "SELECT id FROM chart ORDER BY position, id LIMIT 1");
  GtkWidget *stack = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-page-stack");
  GtkWidget *title = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-title");
  VerkanChartView *view = get_chart_view (page);
  const VerkanChartData *data;

  g_assert_cmpint (n_charts, >=, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "charts");

  /* One item per chart row, in the order of position; the first is shown */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gallery_model (page))), ==, n_charts);
  g_assert_cmpuint (count_cards (page), ==, n_charts);
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==, first);

  /* Choosing the test chart shows it large, with its title above it */
  select_in_gallery (page, chart_id);
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==, chart_id);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, TEST_TITLE);

  data = verkan_chart_view_get_data (view);
  g_assert_nonnull (data);
  g_assert_cmpuint (data->series->len, ==, TEST_N_AREAS);
  g_assert_cmpint (data->first_year, ==, TEST_FIRST_YEAR);
  g_assert_cmpint (data->n_years, ==, TEST_N_YEARS);

  /* A point for every value: three series over four years */
  g_assert_cmpuint (n_points (view), ==, TEST_N_AREAS * TEST_N_YEARS);

  /* Values fetched from Kolada need no banner */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-info-banner"))));

  /* The own measures' list follows the table */
  {
    GtkWidget *list = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-own-measures-list");
    gint64 n_measures = verkan_gui_test_query_int (path, "SELECT count(*) FROM own_measure");
    g_autoptr(GError) error = NULL;
    GVariantBuilder builder;

    g_assert_true (GTK_IS_LIST_BOX (list));
    g_assert_cmpuint (verkan_gui_test_count_rows (GTK_LIST_BOX (list)), ==, n_measures);
    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&builder, "{sv}", "title", g_variant_new_string ("Deltagare i arbetsträning"));
    g_variant_builder_add (&builder, "{sv}", "unit", g_variant_new_string ("antal"));
    g_assert_cmpint (verkan_project_insert (verkan_window_get_project (window), "own_measure",
                                            g_variant_builder_end (&builder), &error), >, 0);
    g_assert_no_error (error);
    verkan_gui_test_iterate ();
    g_assert_cmpuint (verkan_gui_test_count_rows (GTK_LIST_BOX (list)), ==, n_measures + 1);
  }

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_keyboard (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("keyboard.verkan", &chart_id);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanChartsPage *page = show_page (window);
  VerkanChartView *view = get_chart_view (page);
  VerkanChartLayout *layout;
  const VerkanChartPoint *points;
  g_autofree char *description = NULL;
  guint n;
  int point;

  verkan_charts_page_show_chart (page, chart_id);
  verkan_gui_test_iterate ();
  wait_for_size (GTK_WIDGET (view));
  g_assert_cmpint (verkan_chart_view_get_focus_point (view), ==, -1);
  g_assert_null (verkan_chart_view_dup_focus_description (view));

  /* The focus comes in at the first value: Hallsberg, the first year */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_chart_view_get_focus_point (view), ==, 0);

  /* Right: the next year of the same series */
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Right));
  point = verkan_chart_view_get_focus_point (view);
  layout = verkan_chart_view_get_layout (view);
  points = verkan_chart_layout_get_points (layout, &n);
  g_assert_cmpint (point, >=, 0);
  g_assert_cmpuint (points[point].series, ==, 0);
  g_assert_cmpuint (points[point].index, ==, 1);
  g_assert_cmpfloat_with_epsilon (points[point].value, 3.1, 1e-9);

  /* The screen reader and the tooltip name the municipality and the year */
  description = verkan_chart_view_dup_focus_description (view);
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (description, "Hallsberg"));
  g_assert_nonnull (strstr (description, "2020"));
  g_assert_nonnull (strstr (description, "3,1"));

  /* Up: the line drawn above, the same year (Hällefors has more) */
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Up));
  point = verkan_chart_view_get_focus_point (view);
  layout = verkan_chart_view_get_layout (view);
  points = verkan_chart_layout_get_points (layout, &n);
  g_assert_cmpuint (points[point].series, ==, 1);
  g_assert_cmpuint (points[point].index, ==, 1);
  g_clear_pointer (&description, g_free);
  description = verkan_chart_view_dup_focus_description (view);
  g_assert_nonnull (strstr (description, "Hällefors"));
  g_assert_nonnull (strstr (description, "2020"));

  /* End and Home: the last and the first year of that series */
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_End));
  point = verkan_chart_view_get_focus_point (view);
  points = verkan_chart_layout_get_points (verkan_chart_view_get_layout (view), &n);
  g_assert_cmpuint (points[point].series, ==, 1);
  g_assert_cmpuint (points[point].index, ==, TEST_N_YEARS - 1);
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Home));
  point = verkan_chart_view_get_focus_point (view);
  points = verkan_chart_layout_get_points (verkan_chart_view_get_layout (view), &n);
  g_assert_cmpuint (points[point].series, ==, 1);
  g_assert_cmpuint (points[point].index, ==, 0);

  /* A value fetched again keeps the focus on the same series and year */
  verkan_project_emit_changed (verkan_window_get_project (window), "kolada_value");
  verkan_gui_test_iterate ();
  point = verkan_chart_view_get_focus_point (view);
  points = verkan_chart_layout_get_points (verkan_chart_view_get_layout (view), &n);
  g_assert_cmpint (point, >=, 0);
  g_assert_cmpuint (points[point].series, ==, 1);
  g_assert_cmpuint (points[point].index, ==, 0);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_duplicate_delete_undo (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("duplicate.verkan", &chart_id);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanChartsPage *page = show_page (window);
  gint64 n_charts = verkan_gui_test_query_int (path, "SELECT count(*) FROM chart");
  gint64 copy_id;
  g_autofree char *sql = NULL;
  g_autofree char *copy_title = NULL;

  verkan_charts_page_show_chart (page, chart_id);
  verkan_gui_test_iterate ();

  /* Duplicate: a new row with the same spec, shown at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "charts.duplicate", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM chart"), ==, n_charts + 1);
  copy_id = verkan_charts_page_get_chart_id (page);
  g_assert_cmpint (copy_id, !=, chart_id);
  sql = g_strdup_printf ("SELECT title FROM chart WHERE id = %" G_GINT64_FORMAT, copy_id);
  copy_title = verkan_test_sql_text (path, sql);
  g_assert_cmpstr (copy_title, ==, TEST_TITLE " (copy)");
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM chart WHERE spec = (SELECT spec FROM chart WHERE id = %" G_GINT64_FORMAT ")", chart_id),
                   ==, 2);
  g_assert_cmpuint (count_cards (page), ==, n_charts + 1);

  /* Delete removes the copy; its neighbour is shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "charts.delete", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM chart"), ==, n_charts);
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM chart WHERE id = %" G_GINT64_FORMAT, copy_id), ==, 0);
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), !=, copy_id);
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), !=, 0);
  g_assert_cmpuint (count_cards (page), ==, n_charts);

  /* Undo brings it back, shown again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (path, "SELECT count(*) FROM chart WHERE id = %" G_GINT64_FORMAT, copy_id), ==, 1);
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==, copy_id);
  g_assert_cmpuint (count_cards (page), ==, n_charts + 1);

  /* Redo deletes it again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.redo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM chart"), ==, n_charts);
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), !=, copy_id);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_editor (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("editor.verkan", &chart_id);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanChartsPage *page = show_page (window);
  gint64 first = verkan_gui_test_query_int (path, "SELECT id FROM chart ORDER BY position, id LIMIT 1");
  GtkWidget *editor;

  /* Edit opens the editor on the chart shown */
  verkan_charts_page_show_chart (page, chart_id);
  g_assert_null (find_editor ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "charts.edit", NULL));
  verkan_gui_test_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));

  /* Saving shows the chart saved, wherever the gallery was meanwhile */
  verkan_charts_page_show_chart (page, first);
  g_signal_emit_by_name (editor, "saved");
  verkan_gui_test_iterate ();
  if (verkan_chart_editor_get_chart_id (VERKAN_CHART_EDITOR (editor)) != 0)
    g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==,
                     verkan_chart_editor_get_chart_id (VERKAN_CHART_EDITOR (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  verkan_gui_test_iterate ();

  /* New opens it on no chart */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "charts.new", NULL));
  verkan_gui_test_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  verkan_gui_test_iterate ();

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_export (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("export.verkan", &chart_id);
  g_autofree char *png = g_build_filename (tmpdir, "diagram.png", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "diagram.pdf", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  VerkanWindow *window = verkan_gui_test_open_window (application, path, 1400, 900);
  VerkanChartsPage *page = show_page (window);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  verkan_charts_page_show_chart (page, chart_id);
  verkan_gui_test_iterate ();

  /* Drawn in a worker thread; the window goes on meanwhile */
  verkan_charts_page_export_chart (page, png_file);
  verkan_charts_page_export_chart (page, pdf_file);
  g_assert_true (wait_for_file (png, "\x89PNG"));
  g_assert_true (wait_for_file (pdf, "%PDF"));

  /* At print quality: twice the size in points */
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 1200);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_unlink (png);
  g_unlink (pdf);
  g_unlink (path);
}

static void
test_offline (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("offline.verkan", &chart_id);
  g_autoptr(GSettings) settings = g_settings_new ("se.verkan.Verkan");
  VerkanWindow *window;
  VerkanChartsPage *page;
  GtkWidget *banner;
  GtkWidget *label;
  VerkanChartView *view;
  gint64 n_values = verkan_gui_test_query_int (path, "SELECT count(*) FROM kolada_value");

  /* Nothing listens on the discard port: the connection is refused */
  g_settings_set_string (settings, "kolada-base-url", "http://127.0.0.1:9/v3/");
  g_settings_set_uint (settings, "kolada-timeout", 5);

  window = verkan_gui_test_open_window (application, path, 1400, 900);
  page = show_page (window);
  banner = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-offline-banner");
  label = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-offline-label");
  view = get_chart_view (page);
  verkan_charts_page_show_chart (page, chart_id);
  verkan_gui_test_iterate ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  verkan_charts_page_refresh (page);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-progress"))));
  g_assert_true (wait_for_reveal (banner, TRUE));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-progress"))));

  /* It says when the values shown were fetched; they are all still there */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "2024-01-15"));
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM kolada_value"), ==, n_values);
  g_assert_cmpuint (n_points (view), ==, TEST_N_AREAS * TEST_N_YEARS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "charts.dismiss-offline", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_settings_reset (settings, "kolada-base-url");
  g_settings_reset (settings, "kolada-timeout");
  g_unlink (path);
}

/* A server that takes connections and never answers */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             GPtrArray         *held)
{
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

static void
test_cancel (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("cancel.verkan", &chart_id);
  g_autoptr(GSettings) settings = g_settings_new ("se.verkan.Verkan");
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = verkan_test_sql_text (path, "SELECT group_concat(value) FROM kolada_value WHERE kpi = 'U31809'");
  g_autofree char *after = NULL;
  VerkanWindow *window;
  VerkanChartsPage *page;
  GtkWidget *progress;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), held);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u/v3/", port);
  g_settings_set_string (settings, "kolada-base-url", url);
  g_settings_set_uint (settings, "kolada-timeout", 60);

  window = verkan_gui_test_open_window (application, path, 1400, 900);
  page = show_page (window);
  progress = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-progress");

  /* Fetching shows the bar; only Cancel is offered meanwhile */
  verkan_charts_page_refresh (page);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (progress)));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-refresh-button")));
  g_assert_true (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-cancel-button")));
  verkan_gui_test_run_for (200);

  /* Cancel ends it; the values stay as they were, and nothing says offline */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "charts.cancel-refresh", NULL));
  g_assert_true (wait_for_reveal (progress, FALSE));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-offline-banner"))));
  g_assert_true (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-refresh-button")));
  after = verkan_test_sql_text (path, "SELECT group_concat(value) FROM kolada_value WHERE kpi = 'U31809'");
  g_assert_cmpstr (after, ==, before);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_socket_service_stop (service);
  g_settings_reset (settings, "kolada-base-url");
  g_settings_reset (settings, "kolada-timeout");
  g_unlink (path);
}

static void
test_empty_project (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "empty.verkan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (path, "Tomt", &error);
  VerkanWindow *window;
  VerkanChartsPage *page;
  GtkWidget *stack;

  g_assert_no_error (error);
  verkan_project_close (project);
  g_clear_object (&project);

  window = verkan_gui_test_open_window (application, path, 1400, 900);
  page = show_page (window);
  stack = verkan_gui_test_find_named (GTK_WIDGET (page), "charts-page-stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-empty-new-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-delete-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-export-button")));

  /* A chart added to the file fills the gallery; undo empties it again */
  project = g_object_ref (verkan_window_get_project (window));
  {
    GVariantBuilder builder;

    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&builder, "{sv}", "title", g_variant_new_string ("Ny"));
    g_variant_builder_add (&builder, "{sv}", "spec", g_variant_new_string (TEST_SPEC));
    g_assert_cmpint (verkan_project_insert (project, "chart", g_variant_builder_end (&builder), &error), >, 0);
    g_assert_no_error (error);
  }
  verkan_gui_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "charts");
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==,
                   verkan_gui_test_query_int (path, "SELECT id FROM chart"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "win.undo", NULL));
  verkan_gui_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), ==, 0);

  verkan_gui_test_close_window (GTK_WINDOW (window));
  g_clear_object (&project);
  g_unlink (path);
}

static void
test_read_only (void)
{
  gint64 chart_id = 0;
  g_autofree char *path = copy_sample_with_chart ("read-only.verkan", &chart_id);
  gint64 n_charts = verkan_gui_test_query_int (path, "SELECT count(*) FROM chart");
  VerkanWindow *window;
  VerkanChartsPage *page;
  int fd;

  /* Another Verkan has the file: it opens for reading only */
  fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  window = verkan_gui_test_open_window (application, path, 1400, 900);
  page = show_page (window);
  g_assert_true (verkan_project_get_read_only (verkan_window_get_project (window)));
  g_assert_cmpint (verkan_charts_page_get_chart_id (page), !=, 0);

  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-new-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-edit-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-duplicate-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-delete-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-refresh-button")));
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-own-measures-button")));
  /* Exporting writes another file: still there */
  g_assert_true (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (page), "charts-export-button")));

  gtk_widget_activate_action (GTK_WIDGET (page), "charts.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "charts.duplicate", NULL);
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (path, "SELECT count(*) FROM chart"), ==, n_charts);

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

  tmpdir = g_dir_make_tmp ("verkan-gui-charts-XXXXXX", &error);
  g_assert_no_error (error);

  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */

  application = verkan_gui_test_new_application ();

  g_test_add_func ("/gui/charts-page/gallery-and-detail", test_gallery_and_detail);
  g_test_add_func ("/gui/charts-page/keyboard", test_keyboard);
  g_test_add_func ("/gui/charts-page/duplicate-delete-undo", test_duplicate_delete_undo);
  g_test_add_func ("/gui/charts-page/editor", test_editor);
  g_test_add_func ("/gui/charts-page/export", test_export);
  g_test_add_func ("/gui/charts-page/offline", test_offline);
  g_test_add_func ("/gui/charts-page/cancel", test_cancel);
  g_test_add_func ("/gui/charts-page/empty-project", test_empty_project);
  g_test_add_func ("/gui/charts-page/read-only", test_read_only);

  status = g_test_run ();

  g_object_unref (application);
  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
