/* test-gui-chart-editor.c: the chart editor and the own measure dialog,
 * driven through their widgets
 *
 * A SoupServer on 127.0.0.1 inside the test answers /v3/… like Kolada v3
 * (a few values a municipality), and the GSettings key "kolada-base-url"
 * points the editor's client at it.  Each test works on a copy of the
 * sample project and checks the file itself with SQLite on a connection
 * of its own.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "verkan-chart-editor.h"
#include "verkan-format.h"
#include "verkan-gui-test-util.h"
#include "verkan-own-measure-dialog.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

/* The years the server has values for */
#define FIRST_YEAR 2019
#define LAST_YEAR 2023
/* Long enough for any machine; the verdict is asserted after waiting */
#define FETCH_WAIT_S 60

static char *tmpdir;
static SoupServer *server;
static guint n_data_requests;

/* ------------------------------------------------------------------ */
/* The Kolada server                                                   */

/* A value nobody would publish: the year's last two digits and the
 * municipality's last digit, 2022 for 1884 gives 22,4 */
static double
test_value (const char *municipality,
            int         year)
{
  size_t length = strlen (municipality);
  int digit = length > 0 && g_ascii_isdigit (municipality[length - 1])
              ? municipality[length - 1] - '0' : 0;

  return (year - 2000) + digit / 10.0;
}

static char *
data_page (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_auto(GStrv) kpis = NULL;
  g_auto(GStrv) areas = NULL;
  g_auto(GStrv) years = NULL;
  g_autoptr(GString) json = g_string_new ("{\"values\": [");
  guint n = 0;

  for (guint i = 0; parts[i] != NULL && parts[i + 1] != NULL; i++)
    {
      if (g_str_equal (parts[i], "kpi") && kpis == NULL)
        kpis = g_strsplit (parts[i + 1], ",", -1);
      else if (g_str_equal (parts[i], "municipality") && areas == NULL)
        areas = g_strsplit (parts[i + 1], ",", -1);
      else if (g_str_equal (parts[i], "year") && years == NULL)
        years = g_strsplit (parts[i + 1], ",", -1);
    }

  for (guint k = 0; kpis != NULL && kpis[k] != NULL; k++)
    for (guint m = 0; areas != NULL && areas[m] != NULL; m++)
      for (int year = FIRST_YEAR; year <= LAST_YEAR; year++)
        {
          g_autofree char *year_text = g_strdup_printf ("%d", year);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (years != NULL && !g_strv_contains ((const char * const *) years, year_text))
            continue;

          g_ascii_dtostr (number, sizeof number, test_value (areas[m], year));
          g_string_append_printf (json,
                                  "%s{\"kpi\": \"%s\", \"municipality\": \"%s\", \"period\": %d, "
                                  "\"values\": [{\"gender\": \"T\", \"value\": %s, \"count\": 1, "
                                  "\"status\": \"\", \"isdeleted\": false}]}",
                                  n++ > 0 ? ", " : "", kpis[k], areas[m], year, number);
        }

  g_string_append_printf (json, "], \"count\": %u}", n);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
handle_v3 (SoupServer        *soup_server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autofree char *body = NULL;
  gsize length;

  if (g_str_has_prefix (path, "/v3/data/"))
    {
      n_data_requests++;
      body = data_page (path + strlen ("/v3/data/"));
    }
  else if (g_str_has_prefix (path, "/v3/kpi/N31807"))
    {
      body = g_strdup ("{\"values\": [{\"id\": \"N31807\", "
                       "\"title\": \"Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.\", "
                       "\"description\": \"Testbeskrivning från testservern.\", "
                       "\"is_divided_by_gender\": false, \"municipality_type\": \"K\", "
                       "\"auspice\": null, \"operating_area\": \"Ekonomiskt bistånd\", "
                       "\"perspective\": \"Resurser\", \"prel_publication_date\": null, "
                       "\"publication_date\": \"2024-05-14\", \"publ_period\": \"2023\", "
                       "\"has_ou_data\": false}], \"count\": 1}");
    }
  else if (g_str_has_prefix (path, "/v3/kpi") || g_str_has_prefix (path, "/v3/municipality_groups"))
    {
      body = g_strdup ("{\"values\": [], \"count\": 0}");
    }
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  length = strlen (body);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), length);
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *base_url = NULL;
  GSList *uris;

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/v3", handle_v3, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base_url = g_strdup_printf ("http://127.0.0.1:%d/v3/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  settings = g_settings_new ("se.verkan.Verkan");
  g_settings_set_string (settings, "kolada-base-url", base_url);
  g_settings_set_uint (settings, "kolada-timeout", 20);
}

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
query_textf (const char *path,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static char *
query_textf (const char *path,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return verkan_test_sql_text (path, sql);
}

static GtkWidget *
child_of (GtkWidget  *root,
          const char *name)
{
  GtkWidget *widget = verkan_gui_test_find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static gboolean
check_active (GtkWidget  *root,
              const char *name)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (child_of (root, name)));
}

static void
on_saved (GtkWidget *editor,
          guint     *count)
{
  (*count)++;
}

typedef struct {
  char          *path;
  VerkanProject *project;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GError) error = NULL;

  fixture->path = verkan_gui_test_copy_sample (tmpdir, name);
  fixture->project = verkan_project_open (fixture->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_close (Fixture *fixture)
{
  verkan_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_unlink (fixture->path);
  g_clear_pointer (&fixture->path, g_free);
}

/* ------------------------------------------------------------------ */
/* A new chart: find the KPI, fetch, save, undo                        */

static void
test_new_chart (void)
{
  Fixture fixture = { 0 };
  static const char *const codes[] = { "1861", "1863", "1884", "1880" };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *editor;
  GtkWidget *search;
  GtkListBox *results;
  GtkListBoxRow *first;
  GtkWidget *progress;
  gint64 charts, chart_id, end;
  guint saved = 0;

  fixture_open (&fixture, "new-chart.verkan");
  charts = query_intf (fixture.path, "SELECT count(*) FROM chart");

  editor = verkan_chart_editor_new (fixture.project, 0, NULL);
  g_object_ref_sink (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  verkan_gui_test_iterate ();

  /* Nothing to save or fetch before a KPI is chosen */
  g_assert_false (gtk_widget_is_sensitive (child_of (editor, "chart-save")));
  g_assert_false (gtk_widget_is_sensitive (child_of (editor, "chart-fetch")));

  /* The search shows hits as you type; the first is the id itself */
  search = child_of (editor, "chart-kpi-search");
  gtk_editable_set_text (GTK_EDITABLE (search), "N31807");
  verkan_gui_test_run_for (400);
  results = GTK_LIST_BOX (child_of (editor, "chart-kpi-results"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (results)));
  first = gtk_list_box_get_row_at_index (results, 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (first), "kpi-id"), ==, "N31807");
  g_signal_emit_by_name (results, "row-activated", first);
  verkan_gui_test_iterate ();

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child_of (editor, "chart-kpi-id"))), ==, "N31807");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (child_of (editor, "chart-kpi-title"))),
                                   "Invånare som någon gång"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (results)));
  /* The title follows the KPI */
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (child_of (editor, "chart-title"))),
                                   "Invånare som någon gång"));

  /* The project's four municipalities are chosen, the comparisons not */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *name = g_strdup_printf ("compare-check-%s", codes[i]);

      g_assert_true (check_active (editor, name));
    }
  g_assert_false (check_active (editor, "compare-check-0000"));
  g_assert_false (check_active (editor, "compare-check-G2328"));

  /* Riket too, and the years the server has */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child_of (editor, "compare-check-0000")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of (editor, "chart-first-year")), FIRST_YEAR);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of (editor, "chart-last-year")), LAST_YEAR);
  verkan_gui_test_run_for (200);

  /* Fetch, with the progress shown until it is done */
  g_assert_true (gtk_widget_is_sensitive (child_of (editor, "chart-fetch")));
  gtk_widget_activate_action (editor, "editor.fetch", NULL);
  progress = child_of (editor, "chart-progress");
  g_assert_true (gtk_widget_get_visible (progress));
  g_assert_false (gtk_widget_is_sensitive (child_of (editor, "chart-fetch")));

  end = g_get_monotonic_time () + FETCH_WAIT_S * G_TIME_SPAN_SECOND;
  while (gtk_widget_get_visible (progress) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  verkan_gui_test_run_for (300);

  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child_of (editor, "chart-offline-banner"))));
  g_assert_cmpuint (n_data_requests, >, 0);

  /* Every municipality and Riket, every year, from the server */
  g_assert_cmpint (query_intf (fixture.path,
                               "SELECT count(*) FROM kolada_value WHERE kpi = 'N31807' AND gender = 'T' "
                               "AND origin = 'kolada' AND year BETWEEN %d AND %d "
                               "AND municipality IN ('1861', '1863', '1884', '1880', '0000')",
                               FIRST_YEAR, LAST_YEAR),
                   ==, 5 * (LAST_YEAR - FIRST_YEAR + 1));
  g_assert_cmpint (query_intf (fixture.path,
                               "SELECT CAST(round(value * 10) AS INTEGER) FROM kolada_value "
                               "WHERE kpi = 'N31807' AND municipality = '1884' AND year = 2022 AND gender = 'T'"),
                   ==, 224);
  text = g_strdup (gtk_label_get_label (GTK_LABEL (child_of (editor, "chart-status"))));
  g_assert_nonnull (strstr (text, "Values fetched"));
  g_assert_null (strstr (text, "Nothing fetched"));

  /* Save: one new chart row with the KPI and the areas in its spec */
  g_assert_true (gtk_widget_is_sensitive (child_of (editor, "chart-save")));
  gtk_widget_activate_action (editor, "editor.save", NULL);
  verkan_gui_test_iterate ();
  g_assert_cmpuint (saved, ==, 1);
  chart_id = verkan_chart_editor_get_chart_id (VERKAN_CHART_EDITOR (editor));
  g_assert_cmpint (chart_id, >, 0);
  g_assert_false (gtk_widget_get_visible (editor));

  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM chart"), ==, charts + 1);
  g_clear_pointer (&text, g_free);
  text = query_textf (fixture.path, "SELECT json_extract(spec, '$.kpi') FROM chart WHERE id = %" G_GINT64_FORMAT, chart_id);
  g_assert_cmpstr (text, ==, "N31807");
  g_clear_pointer (&text, g_free);
  text = query_textf (fixture.path, "SELECT group_concat(value, ',') FROM chart, json_each(chart.spec, '$.municipalities') "
                      "WHERE chart.id = %" G_GINT64_FORMAT, chart_id);
  g_assert_cmpstr (text, ==, "1861,1863,1884,1880");
  g_clear_pointer (&text, g_free);
  text = query_textf (fixture.path, "SELECT group_concat(value, ',') FROM chart, json_each(chart.spec, '$.comparisons') "
                      "WHERE chart.id = %" G_GINT64_FORMAT, chart_id);
  g_assert_cmpstr (text, ==, "0000");
  g_assert_cmpint (query_intf (fixture.path, "SELECT json_extract(spec, '$.first_year') FROM chart WHERE id = %"
                               G_GINT64_FORMAT, chart_id), ==, FIRST_YEAR);
  g_clear_pointer (&text, g_free);
  text = query_textf (fixture.path, "SELECT title FROM chart WHERE id = %" G_GINT64_FORMAT, chart_id);
  g_assert_true (g_str_has_prefix (text, "Invånare som någon gång"));

  /* One undo step takes it away; the fetched values stay (a cache) */
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM chart"), ==, charts);
  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM kolada_value WHERE kpi = 'N31807' "
                               "AND origin = 'kolada' AND municipality = '0000'"),
                   ==, LAST_YEAR - FIRST_YEAR + 1);

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
  verkan_gui_test_iterate ();
  fixture_close (&fixture);
}

/* ------------------------------------------------------------------ */
/* An existing chart: its settings shown, a change saved as one step   */

static void
test_edit_chart (void)
{
  Fixture fixture = { 0 };
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *editor;
  gint64 chart_id;
  guint saved = 0;

  fixture_open (&fixture, "edit-chart.verkan");
  g_variant_dict_insert (&dict, "title", "s", "Bistånd i två kommuner");
  g_variant_dict_insert (&dict, "caption", "s", "");
  g_variant_dict_insert (&dict, "spec", "s",
                         "{\"kind\":\"line\",\"kpi\":\"N31807\",\"gender\":\"T\","
                         "\"municipalities\":[\"1861\",\"1884\"],\"comparisons\":[\"0000\"],"
                         "\"first_year\":2016,\"last_year\":2023,\"year\":0,"
                         "\"project_period\":true,\"quartiles\":false,\"future_member\":42}");
  chart_id = verkan_project_insert (fixture.project, "chart", g_variant_dict_end (&dict), &error);
  g_assert_no_error (error);
  g_assert_cmpint (chart_id, >, 0);

  editor = verkan_chart_editor_new (fixture.project, chart_id, NULL);
  g_object_ref_sink (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  verkan_gui_test_iterate ();

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_of (editor, "chart-title"))), ==,
                   "Bistånd i två kommuner");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child_of (editor, "chart-kpi-id"))), ==, "N31807");
  g_assert_true (check_active (editor, "compare-check-1861"));
  g_assert_false (check_active (editor, "compare-check-1863"));
  g_assert_true (check_active (editor, "compare-check-1884"));
  g_assert_false (check_active (editor, "compare-check-1880"));
  g_assert_true (check_active (editor, "compare-check-0000"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child_of (editor, "chart-first-year"))),
                   ==, 2016);

  /* A new title and bars: two columns, one step */
  gtk_editable_set_text (GTK_EDITABLE (child_of (editor, "chart-title")), "Bistånd 2023");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child_of (editor, "chart-kind-bar")), TRUE);
  gtk_widget_activate_action (editor, "editor.save", NULL);
  verkan_gui_test_iterate ();
  g_assert_cmpuint (saved, ==, 1);
  g_assert_cmpint (verkan_chart_editor_get_chart_id (VERKAN_CHART_EDITOR (editor)), ==, chart_id);

  text = query_textf (fixture.path, "SELECT title || '|' || json_extract(spec, '$.kind') || '|' || "
                      "json_extract(spec, '$.future_member') FROM chart WHERE id = %" G_GINT64_FORMAT, chart_id);
  g_assert_cmpstr (text, ==, "Bistånd 2023|bar|42");
  g_assert_cmpstr (verkan_project_get_undo_label (fixture.project), ==, "Edit chart");

  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = query_textf (fixture.path, "SELECT title || '|' || json_extract(spec, '$.kind') FROM chart WHERE id = %"
                      G_GINT64_FORMAT, chart_id);
  g_assert_cmpstr (text, ==, "Bistånd i två kommuner|line");

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
  verkan_gui_test_iterate ();
  fixture_close (&fixture);
}

/* ------------------------------------------------------------------ */
/* Own measures: CSV import and typing, each undoable                  */

static void
test_own_measure_import (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *dialog;
  GtkWidget *cell;
  gint64 measures, measure_id;

  fixture_open (&fixture, "own-measure.verkan");
  measures = query_intf (fixture.path, "SELECT count(*) FROM own_measure");

  /* A new measure is made at once, as one step */
  dialog = verkan_own_measure_dialog_new (fixture.project, 0, NULL);
  g_assert_nonnull (dialog);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  verkan_gui_test_iterate ();
  measure_id = verkan_own_measure_dialog_get_measure_id (VERKAN_OWN_MEASURE_DIALOG (dialog));
  g_assert_cmpint (measure_id, >, 0);
  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM own_measure"), ==, measures + 1);
  g_assert_true (gtk_widget_get_visible (child_of (dialog, "measure-empty")));

  /* As Swedish Excel writes it */
  csv_path = g_build_filename (tmpdir, "värden.csv", NULL);
  g_assert_true (g_file_set_contents (csv_path, "År;Värde\n2021;12,5\n2022;1 284,5\n", -1, &error));
  g_assert_no_error (error);
  csv = g_file_new_for_path (csv_path);
  verkan_own_measure_dialog_import (VERKAN_OWN_MEASURE_DIALOG (dialog), csv);
  verkan_gui_test_iterate ();

  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM own_value WHERE measure_id = %"
                               G_GINT64_FORMAT, measure_id), ==, 2);
  g_assert_cmpint (query_intf (fixture.path, "SELECT CAST(round(value * 10) AS INTEGER) FROM own_value "
                               "WHERE measure_id = %" G_GINT64_FORMAT " AND year = 2022 AND municipality = ''",
                               measure_id), ==, 12845);

  /* The grid shows them in the whole project's column */
  g_assert_false (gtk_widget_get_visible (child_of (dialog, "measure-empty")));
  expected = verkan_format_number (1284.5, -1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_of (dialog, "measure-cell-project-2022"))),
                   ==, expected);

  /* One undo step takes the import back */
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM own_value WHERE measure_id = %"
                               G_GINT64_FORMAT, measure_id), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_of (dialog, "measure-cell-project-2022"))),
                   ==, "");

  /* Typing a value into a cell stores it on Enter, as one step */
  cell = child_of (dialog, "measure-cell-1861-2021");
  gtk_editable_set_text (GTK_EDITABLE (cell), "7,5");
  g_signal_emit_by_name (cell, "activate");
  verkan_gui_test_iterate ();
  g_assert_cmpint (query_intf (fixture.path, "SELECT CAST(round(value * 10) AS INTEGER) FROM own_value "
                               "WHERE measure_id = %" G_GINT64_FORMAT " AND year = 2021 AND municipality = '1861'",
                               measure_id), ==, 75);

  /* Not a number: marked, nothing stored */
  cell = child_of (dialog, "measure-cell-1863-2021");
  gtk_editable_set_text (GTK_EDITABLE (cell), "sju");
  g_signal_emit_by_name (cell, "activate");
  verkan_gui_test_iterate ();
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM own_value WHERE measure_id = %"
                               G_GINT64_FORMAT, measure_id), ==, 1);

  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_intf (fixture.path, "SELECT count(*) FROM own_value WHERE measure_id = %"
                               G_GINT64_FORMAT, measure_id), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  verkan_gui_test_iterate ();
  g_unlink (csv_path);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-chart-editor-XXXXXX", &error);
  g_assert_no_error (error);

  /* The KPI catalog's refresh must not come from a developer's cache */
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */

  adw_init ();
  start_server ();

  g_test_add_func ("/gui/chart-editor/new-chart", test_new_chart);
  g_test_add_func ("/gui/chart-editor/edit-chart", test_edit_chart);
  g_test_add_func ("/gui/chart-editor/own-measure-import", test_own_measure_import);

  status = g_test_run ();

  g_clear_object (&server);
  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
