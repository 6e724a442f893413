/* test-gui-model-panel.c: the side panel of a logic model, its indicator
 * rows, the KPI chooser and the checks panel, driven through their widgets
 *
 * Each test opens a copy of the sample project, shows a panel in a window
 * of its own, types and clicks as a person would, and checks the project
 * file itself with SQLite on a connection of its own.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "verkan-document-store.h"
#include "verkan-evidence-chooser.h"
#include "verkan-gui-test-util.h"
#include "verkan-indicator-row.h"
#include "verkan-kpi-catalog.h"
#include "verkan-kpi-chooser.h"
#include "verkan-model-check.h"
#include "verkan-model-checks-panel.h"
#include "verkan-model-element-panel.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

#define MODEL_ID 1     /* "Logikmodell för Hallsberg" */

static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static GtkWidget *
find_label (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_LABEL (child) ? child : find_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A click, as the button's clicked signal (activate() waits for its
 * pressed look to pass before it says clicked) */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  verkan_gui_test_iterate ();
}

typedef struct {
  char                    *path;
  VerkanProject           *project;
  GtkWindow               *window;
  VerkanModelElementPanel *panel;
} Fixture;

static void
fixture_open_with_flags (Fixture         *fixture,
                         const char      *name,
                         VerkanOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;

  fixture->path = verkan_gui_test_copy_sample (tmpdir, name);
  fixture->project = verkan_project_open (fixture->path, flags, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 900);
  fixture->panel = VERKAN_MODEL_ELEMENT_PANEL (verkan_model_element_panel_new (fixture->project));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
  verkan_gui_test_iterate ();
}

static void
fixture_open (Fixture    *fixture,
              const char *name)
{
  fixture_open_with_flags (fixture, name, VERKAN_OPEN_FLAGS_NONE);
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

static GtkWidget *
panel_child (Fixture    *fixture,
             const char *name)
{
  GtkWidget *widget = verkan_gui_test_find_named (GTK_WIDGET (fixture->panel), name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (fixture->panel));

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gint64
element_by_title (Fixture    *fixture,
                  const char *title)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM model_element WHERE title = '%s'", title);

  return verkan_gui_test_query_int (fixture->path, sql);
}

/* ------------------------------------------------------------------ */
/* The card                                                            */

static void
test_edit_card (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  GtkWidget *title_row;
  GtkListBox *links;
  gint64 n_links;

  fixture_open (&fixture, "edit-card.verkan");
  g_assert_cmpstr (visible_page (&fixture), ==, "none");

  id = element_by_title (&fixture, "Arbetsträning och praktik");
  g_assert_cmpint (id, >, 0);
  verkan_model_element_panel_set_element (fixture.panel, id);
  verkan_gui_test_iterate ();

  g_assert_cmpstr (visible_page (&fixture), ==, "element");
  g_assert_cmpint (verkan_model_element_panel_get_element (fixture.panel), ==, id);
  title_row = panel_child (&fixture, "element-title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Arbetsträning och praktik");

  /* The card's links, both ways, one row each */
  sql = g_strdup_printf ("SELECT count(*) FROM model_link WHERE from_id = %" G_GINT64_FORMAT
                         " OR to_id = %" G_GINT64_FORMAT, id, id);
  n_links = verkan_gui_test_query_int (fixture.path, sql);
  g_assert_cmpint (n_links, >, 0);
  links = GTK_LIST_BOX (panel_child (&fixture, "element-links"));
  g_assert_cmpuint (verkan_gui_test_count_rows (links), ==, n_links);

  /* Typing the title goes to the file */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Arbetsträning, praktik och studier");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT title FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Arbetsträning, praktik och studier"));

  /* So does the text, through the text row */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (panel_child (&fixture, "element-text"))),
                            "Fyra veckor hos en arbetsgivare", -1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT text FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Fyra veckor hos en arbetsgivare"));

  /* The status is a choice of the goal statuses */
  adw_combo_row_set_selected (ADW_COMBO_ROW (panel_child (&fixture, "element-status")), 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT status FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "achieved"));

  /* Pinned, through its switch */
  gtk_switch_set_active (GTK_SWITCH (panel_child (&fixture, "element-pinned")), TRUE);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT pinned FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "1"));

  /* Undo the switch: the widget follows the file */
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (panel_child (&fixture, "element-pinned"))));

  /* Removing the card shows the hint; its undo brings the card back */
  click (panel_child (&fixture, "element-remove"));
  verkan_gui_test_iterate ();
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM model_element WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 0);
  g_assert_cmpstr (visible_page (&fixture), ==, "none");
  g_assert_cmpint (verkan_model_element_panel_get_element (fixture.panel), ==, 0);

  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 1);
  g_assert_cmpstr (visible_page (&fixture), ==, "element");
  text = verkan_gui_test_buffer_text (GTK_TEXT_VIEW (panel_child (&fixture, "element-text")));
  g_assert_cmpstr (text, ==, "Fyra veckor hos en arbetsgivare");
  g_assert_cmpuint (verkan_gui_test_count_rows (GTK_LIST_BOX (panel_child (&fixture, "element-links"))), ==, n_links);

  /* Nothing selected: the hint */
  verkan_model_element_panel_set_element (fixture.panel, 0);
  verkan_gui_test_iterate ();
  g_assert_cmpstr (visible_page (&fixture), ==, "none");

  fixture_close (&fixture);
}

static void
test_read_only (void)
{
  Fixture fixture = { 0 };
  gint64 id;

  fixture_open_with_flags (&fixture, "read-only.verkan", VERKAN_OPEN_FLAGS_READ_ONLY);
  id = element_by_title (&fixture, "Arbetsträning och praktik");
  verkan_model_element_panel_set_element (fixture.panel, id);
  verkan_gui_test_iterate ();

  /* Shown, not editable; the links still lead on */
  g_assert_cmpstr (visible_page (&fixture), ==, "element");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (panel_child (&fixture, "element-title"))), ==,
                   "Arbetsträning och praktik");
  g_assert_false (gtk_widget_is_sensitive (panel_child (&fixture, "element-title")));
  g_assert_false (gtk_widget_is_sensitive (panel_child (&fixture, "element-add-indicator")));
  g_assert_false (gtk_widget_is_sensitive (panel_child (&fixture, "element-remove")));
  g_assert_true (gtk_widget_is_sensitive (panel_child (&fixture, "element-links")));

  fixture_close (&fixture);
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */

static VerkanIndicatorRow *
indicator_row (Fixture *fixture,
               int      index)
{
  GtkListBox *list = GTK_LIST_BOX (panel_child (fixture, "element-indicators"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_true (VERKAN_IS_INDICATOR_ROW (row));
  return VERKAN_INDICATOR_ROW (row);
}

static GtkWidget *
row_child (VerkanIndicatorRow *row,
           const char         *name)
{
  GtkWidget *widget = verkan_gui_test_find_named (GTK_WIDGET (row), name);

  g_assert_nonnull (widget);
  return widget;
}

static VerkanKpiChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  VerkanKpiChooser *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (VERKAN_IS_KPI_CHOOSER (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = VERKAN_KPI_CHOOSER (window);
    }

  return found;
}

static void
test_add_indicator (void)
{
  Fixture fixture = { 0 };
  g_autofree char *sql = NULL;
  VerkanIndicatorRow *row;
  gint64 id, indicator;

  fixture_open (&fixture, "add-indicator.verkan");

  /* "Fler börjar studera" is an effect without an indicator */
  id = element_by_title (&fixture, "Fler börjar studera");
  verkan_model_element_panel_set_element (fixture.panel, id);
  verkan_gui_test_iterate ();
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (panel_child (&fixture, "element-indicators")), 0));

  click (panel_child (&fixture, "element-add-indicator"));
  verkan_gui_test_iterate ();

  sql = g_strdup_printf ("SELECT count(*) FROM indicator WHERE element_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT id FROM indicator WHERE element_id = %" G_GINT64_FORMAT, id);
  indicator = verkan_gui_test_query_int (fixture.path, sql);

  /* The new row opens, with the focus in its name */
  row = indicator_row (&fixture, 0);
  g_assert_cmpint (verkan_record_get_id (verkan_indicator_row_get_record (row)), ==, indicator);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "New indicator");

  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-name")), "Deltagare som börjar studera");
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-unit")), "antal");
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-baseline-value")), "4,4");
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-baseline-year")), "2021");
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-target-value")), "1 012,5");
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-target-year")), "2024");

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT name || '|' || unit || '|' || baseline_value || '|' || baseline_year"
                         " || '|' || target_value || '|' || target_year"
                         " FROM indicator WHERE id = %" G_GINT64_FORMAT, indicator);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql,
                                "Deltagare som börjar studera|antal|4.4|2021|1012.5|2024"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Deltagare som börjar studera");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Own measure · baseline 2021: 4,4 · target 2024: 1\302\240012,5");

  /* Text that is no number is refused, and marked */
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "indicator-baseline-value")), "fyra");
  verkan_gui_test_run_for (600);
  g_assert_true (gtk_widget_has_css_class (row_child (row, "indicator-baseline-value"), "error"));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT baseline_value FROM indicator WHERE id = %" G_GINT64_FORMAT, indicator);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "4.4"));

  /* Lower is better, through its combo row */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_child (row, "indicator-direction")), 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT higher_is_better FROM indicator WHERE id = %" G_GINT64_FORMAT, indicator);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "0"));

  /* Removing it through its button */
  click (row_child (row, "indicator-remove"));
  verkan_gui_test_iterate ();
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM indicator WHERE element_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (panel_child (&fixture, "element-indicators")), 0));

  fixture_close (&fixture);
}

static void
test_choose_kpi (void)
{
  Fixture fixture = { 0 };
  g_autofree char *sql = NULL;
  VerkanIndicatorRow *row;
  VerkanKpiChooser *chooser;
  GtkWidget *search, *list;
  const VerkanKpi *kpi;
  gint64 id, indicator;
  guint n_hits;

  fixture_open (&fixture, "choose-kpi.verkan");

  id = element_by_title (&fixture, "Fler börjar studera");
  verkan_model_element_panel_set_element (fixture.panel, id);
  verkan_gui_test_iterate ();
  click (panel_child (&fixture, "element-add-indicator"));
  verkan_gui_test_iterate ();
  row = indicator_row (&fixture, 0);
  indicator = verkan_record_get_id (verkan_indicator_row_get_record (row));

  /* A new indicator is an own measure; Kolada shows the KPI's editor */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row_child (row, "indicator-kind"))), ==, 1);
  g_assert_false (gtk_widget_get_visible (row_child (row, "indicator-kpi")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_child (row, "indicator-kind")), 0);
  verkan_gui_test_iterate ();
  g_assert_true (gtk_widget_get_visible (row_child (row, "indicator-kpi")));
  sql = g_strdup_printf ("SELECT kolada_kpi IS NULL FROM indicator WHERE id = %" G_GINT64_FORMAT, indicator);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 1);

  /* "Choose…" opens the chooser over the window */
  click (row_child (row, "indicator-choose-kpi"));
  verkan_gui_test_iterate ();
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == fixture.window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));

  /* As you type: "BISTÅND" finds what "bistånd" is in */
  search = verkan_gui_test_find_named (GTK_WIDGET (chooser), "kpi-search");
  list = verkan_gui_test_find_named (GTK_WIDGET (chooser), "kpi-list");
  gtk_editable_set_text (GTK_EDITABLE (search), "BISTÅND långvarigt");
  g_signal_emit_by_name (search, "search-changed");
  {
    g_autoptr(GPtrArray) hits = verkan_kpi_catalog_search (verkan_kpi_catalog_get_default (),
                                                           "bistånd långvarigt", 0);
    n_hits = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
    g_assert_cmpuint (n_hits, >, 0);
    g_assert_cmpuint (n_hits, ==, MIN (hits->len, 200));
  }

  /* Nothing found: the choose button cannot pick */
  gtk_editable_set_text (GTK_EDITABLE (search), "qqqzzz");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (chooser), "kpi-choose")));

  /* Enter in the search picks the first hit: the exact id */
  gtk_editable_set_text (GTK_EDITABLE (search), "n31807");
  g_signal_emit_by_name (search, "activate");
  verkan_gui_test_iterate ();
  g_assert_null (find_chooser ());

  kpi = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), "N31807");
  g_assert_nonnull (kpi);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT kolada_kpi || '|' || name || '|' || source FROM indicator WHERE id = %"
                         G_GINT64_FORMAT, indicator);
  {
    g_autofree char *expected = g_strdup_printf ("N31807|%s|Kolada", kpi->title);
    g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, expected));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "indicator-kpi"))), ==, "N31807");
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Kolada N31807 · "));

  /* Another pick, through the chooser's signal, keeps the name */
  click (row_child (row, "indicator-choose-kpi"));
  verkan_gui_test_iterate ();
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_signal_emit_by_name (chooser, "kpi-chosen", "N31816", "Vuxna biståndsmottagare");
  gtk_window_close (GTK_WINDOW (chooser));
  verkan_gui_test_iterate ();
  {
    g_autofree char *expected = g_strdup_printf ("N31816|%s|Kolada", kpi->title);
    g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, expected));
  }

  /* Back to an own measure: the id goes */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_child (row, "indicator-kind")), 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT kolada_kpi IS NULL FROM indicator WHERE id = %" G_GINT64_FORMAT, indicator);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "1"));
  g_assert_false (gtk_widget_get_visible (row_child (row, "indicator-kpi")));

  fixture_close (&fixture);
}

/* ------------------------------------------------------------------ */
/* A link                                                              */

static void
on_item_activated (VerkanModelElementPanel *panel,
                   gint64                   element_id,
                   gint64                   link_id,
                   gint64                  *seen)
{
  seen[0] = element_id;
  seen[1] = link_id;
}

static void
test_link (void)
{
  Fixture fixture = { 0 };
  g_autofree char *sql = NULL;
  GtkListBox *links;
  GtkTextView *rationale;
  GtkWidget *placeholder;
  gint64 from, to, link;
  gint64 seen[2] = { -1, -1 };

  fixture_open (&fixture, "link.verkan");
  g_signal_connect (fixture.panel, "item-activated", G_CALLBACK (on_item_activated), seen);

  /* The one link of the sample without a rationale */
  from = element_by_title (&fixture, "Arbetsmarknadsenheten");
  to = element_by_title (&fixture, "Arbetsträning och praktik");
  sql = g_strdup_printf ("SELECT id FROM model_link WHERE from_id = %" G_GINT64_FORMAT
                         " AND to_id = %" G_GINT64_FORMAT, from, to);
  link = verkan_gui_test_query_int (fixture.path, sql);
  g_assert_cmpint (link, >, 0);

  /* Activating the link in the card's list shows the link */
  verkan_model_element_panel_set_element (fixture.panel, from);
  verkan_gui_test_iterate ();
  links = GTK_LIST_BOX (panel_child (&fixture, "element-links"));
  for (guint i = 0; i < verkan_gui_test_count_rows (links); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (links, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Arbetsträning och praktik") == 0)
        {
          g_signal_emit_by_name (links, "row-activated", row);
          break;
        }
    }
  verkan_gui_test_iterate ();
  g_assert_cmpint (seen[0], ==, 0);
  g_assert_cmpint (seen[1], ==, link);
  g_assert_cmpstr (visible_page (&fixture), ==, "link");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (panel_child (&fixture, "link-from"))), ==,
                   "Arbetsmarknadsenheten");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (panel_child (&fixture, "link-to"))), ==,
                   "Arbetsträning och praktik");

  /* The empty rationale shows its if–then hint until something is written */
  rationale = GTK_TEXT_VIEW (panel_child (&fixture, "link-rationale"));
  placeholder = find_label (GTK_WIDGET (rationale));
  g_assert_nonnull (placeholder);
  g_assert_true (gtk_widget_get_visible (placeholder));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rationale),
                            "Om enheten har platser, så kan deltagarna arbetsträna", -1);
  g_assert_false (gtk_widget_get_visible (placeholder));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT rationale FROM model_link WHERE id = %" G_GINT64_FORMAT, link);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Om enheten har platser, så kan deltagarna arbetsträna"));

  /* A rename of a card shows at the link's end */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (verkan_project_set_value (fixture.project, "model_element", to, "title",
                                             g_variant_new_string ("Arbetsträning"), &error));
    g_assert_no_error (error);
    verkan_gui_test_iterate ();
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (panel_child (&fixture, "link-to"))), ==,
                     "Arbetsträning");
  }

  /* The link's end leads to its card */
  g_signal_emit_by_name (panel_child (&fixture, "link-to"), "activated");
  verkan_gui_test_iterate ();
  g_assert_cmpint (seen[0], ==, to);
  g_assert_cmpint (seen[1], ==, 0);
  g_assert_cmpstr (visible_page (&fixture), ==, "element");
  g_assert_cmpint (verkan_model_element_panel_get_element (fixture.panel), ==, to);

  /* Removing a link */
  verkan_model_element_panel_set_link (fixture.panel, link);
  verkan_gui_test_iterate ();
  click (panel_child (&fixture, "link-remove"));
  verkan_gui_test_iterate ();
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM model_link WHERE id = %" G_GINT64_FORMAT, link);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 0);
  g_assert_cmpstr (visible_page (&fixture), ==, "none");

  fixture_close (&fixture);
}

/* ------------------------------------------------------------------ */
/* The checks                                                          */

static void
on_problem_activated (VerkanModelChecksPanel *panel,
                      gint64                  element_id,
                      gint64                  link_id,
                      gint64                 *seen)
{
  seen[0] = element_id;
  seen[1] = link_id;
}

static guint
count_problems (VerkanProject *project)
{
  g_autoptr(VerkanModelSnapshot) snapshot = verkan_model_snapshot_load (project, MODEL_ID, NULL);
  g_autoptr(GPtrArray) problems = verkan_model_check_run (snapshot);

  return problems->len;
}

static gboolean
wait_for_problems (VerkanModelChecksPanel *panel,
                   guint                   expected)
{
  gint64 end = g_get_monotonic_time () + VERKAN_GUI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (verkan_model_checks_panel_get_n_problems (panel) == expected)
        return TRUE;
      verkan_gui_test_run_for (20);
    }

  return FALSE;
}

static void
test_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "checks.verkan");
  g_autoptr(VerkanProject) project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_autoptr(VerkanModelSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  VerkanModelChecksPanel *panel;
  GtkWindow *window;
  GtkWidget *list, *heading;
  GListModel *items;
  gint64 seen[2] = { -1, -1 };
  GVariantBuilder builder;
  gint64 effect = 0;
  guint before;

  g_assert_no_error (error);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 340, 600);
  panel = VERKAN_MODEL_CHECKS_PANEL (verkan_model_checks_panel_new ());
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  g_signal_connect (panel, "problem-activated", G_CALLBACK (on_problem_activated), seen);
  verkan_model_checks_panel_set_model (panel, project, MODEL_ID);
  gtk_window_present (window);
  verkan_gui_test_iterate ();

  /* As many problems as the core finds, each a row, counted in the heading */
  snapshot = verkan_model_snapshot_load (project, MODEL_ID, &error);
  g_assert_no_error (error);
  problems = verkan_model_check_run (snapshot);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (verkan_model_checks_panel_get_n_problems (panel), ==, problems->len);

  list = verkan_gui_test_find_named (GTK_WIDGET (panel), "checks-list");
  items = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, problems->len);
  heading = verkan_gui_test_find_named (GTK_WIDGET (panel), "checks-heading");
  {
    g_autofree char *expected = g_strdup_printf ("%u problems", problems->len);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==, expected);
  }

  /* Activating a problem names its card, or its link */
  for (guint i = 0; i < problems->len; i++)
    {
      VerkanModelProblem *problem = g_ptr_array_index (problems, i);

      seen[0] = seen[1] = -1;
      gtk_widget_activate_action (list, "list.activate-item", "u", i);
      g_assert_cmpint (seen[0], ==, problem->element_id);
      g_assert_cmpint (seen[1], ==, problem->link_id);
      if (problem->kind == VERKAN_MODEL_PROBLEM_NO_INDICATOR)
        effect = problem->element_id;
    }
  g_assert_cmpint (effect, >, 0);

  /* An indicator on the effect: the problem goes, a moment later */
  before = problems->len;
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "element_id", g_variant_new_int64 (effect));
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string ("Antal som börjar studera"));
  g_variant_builder_add (&builder, "{sv}", "baseline_value", g_variant_new_double (12));
  g_variant_builder_add (&builder, "{sv}", "baseline_year", g_variant_new_int64 (2021));
  g_variant_builder_add (&builder, "{sv}", "target_value", g_variant_new_double (30));
  g_variant_builder_add (&builder, "{sv}", "target_year", g_variant_new_int64 (2024));
  g_assert_cmpint (verkan_project_insert (project, "indicator", g_variant_builder_end (&builder), &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (wait_for_problems (panel, before - 1));
  g_assert_cmpuint (verkan_model_checks_panel_get_n_problems (panel), ==, count_problems (project));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, before - 1);

  /* Undo: back again */
  g_assert_true (verkan_project_undo (project, &error));
  g_assert_true (wait_for_problems (panel, before));
  g_assert_cmpuint (verkan_model_checks_panel_get_n_problems (panel), ==, count_problems (project));

  /* A model without problems says so */
  {
    g_autoptr(GPtrArray) all = verkan_model_check_run (snapshot);

    for (guint i = 0; i < all->len; i++)
      {
        VerkanModelProblem *problem = g_ptr_array_index (all, i);

        if (problem->link_id != 0)
          g_assert_true (verkan_project_set_value (project, "model_link", problem->link_id, "rationale",
                                                   g_variant_new_string ("Om så"), &error));
        else if (problem->kind == VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET)
          {
            const char *columns[] = { "baseline_value", "baseline_year", "target_value", "target_year" };

            for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
              g_assert_true (verkan_project_set_value (project, "indicator", problem->indicator_id, columns[c],
                                                       c % 2 == 0 ? g_variant_new_double (c + 1)
                                                                  : g_variant_new_int64 (2021 + c),
                                                       &error));
          }
      }
    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&builder, "{sv}", "element_id", g_variant_new_int64 (effect));
    g_variant_builder_add (&builder, "{sv}", "baseline_value", g_variant_new_double (12));
    g_variant_builder_add (&builder, "{sv}", "baseline_year", g_variant_new_int64 (2021));
    g_variant_builder_add (&builder, "{sv}", "target_value", g_variant_new_double (30));
    g_variant_builder_add (&builder, "{sv}", "target_year", g_variant_new_int64 (2024));
    verkan_project_insert (project, "indicator", g_variant_builder_end (&builder), &error);
    g_assert_no_error (error);
  }
  verkan_model_checks_panel_refresh (panel);
  g_assert_cmpuint (count_problems (project), ==, 0);
  g_assert_cmpuint (verkan_model_checks_panel_get_n_problems (panel), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
    {
      GtkWidget *stack = gtk_widget_get_parent (gtk_widget_get_parent (list));

      g_assert_true (GTK_IS_STACK (stack));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "none");
    }

  gtk_window_destroy (window);
  verkan_gui_test_iterate ();
  verkan_project_close (project);
  g_unlink (path);
}

/* A model of 1,000 cards and about 2,000 links (and problems by the
 * hundred): how long a check takes is printed, not asserted */
static void
test_checks_large_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = verkan_gui_test_copy_sample (tmpdir, "checks-large.verkan");
  g_autoptr(VerkanProject) project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  sqlite3 *db = verkan_project_get_db (project);
  GRand *rand = g_rand_new_with_seed (1861);
  VerkanModelChecksPanel *panel;
  GtkWindow *window;
  gint64 model_id, ids[1000], start, set, shown, rechecked;
  sqlite3_stmt *insert = NULL;
  guint n_problems;

  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (db, "BEGIN; INSERT INTO logic_model (uuid, title) VALUES ('large-model', 'Stor modell')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  model_id = sqlite3_last_insert_rowid (db);
  sqlite3_prepare_v2 (db, "INSERT INTO model_element (uuid, model_id, column_kind, position, title) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &insert, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("Kort %u", i + 1);

      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, model_id);
      sqlite3_bind_text (insert, 3, verkan_model_column_token (i % VERKAN_MODEL_N_MAIN_COLUMNS), -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 4, i / VERKAN_MODEL_N_MAIN_COLUMNS);
      sqlite3_bind_text (insert, 5, title, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
      ids[i] = sqlite3_last_insert_rowid (db);
    }
  sqlite3_finalize (insert);
  sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO model_link (uuid, model_id, from_id, to_id, rationale) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &insert, NULL);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      guint from = g_rand_int_range (rand, 0, G_N_ELEMENTS (ids) - VERKAN_MODEL_N_MAIN_COLUMNS);

      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, model_id);
      sqlite3_bind_int64 (insert, 3, ids[from]);
      sqlite3_bind_int64 (insert, 4, ids[from + 1 + g_rand_int_range (rand, 0, 5)]);
      sqlite3_bind_text (insert, 5, i % 3 == 0 ? "" : "Om så", -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_rand_free (rand);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 340, 800);
  panel = VERKAN_MODEL_CHECKS_PANEL (verkan_model_checks_panel_new ());
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (window);
  verkan_gui_test_iterate ();

  /* set_model() leaves the check for after the next frame */
  start = g_get_monotonic_time ();
  verkan_model_checks_panel_set_model (panel, project, model_id);
  set = g_get_monotonic_time () - start;
  verkan_gui_test_iterate ();
  shown = g_get_monotonic_time () - start;


  {
    gint64 t0 = g_get_monotonic_time ();
    g_autoptr(VerkanModelSnapshot) snapshot = verkan_model_snapshot_load (project, model_id, NULL);
    gint64 t1 = g_get_monotonic_time ();
    g_autoptr(GPtrArray) problems = verkan_model_check_run (snapshot);
    gint64 t2 = g_get_monotonic_time ();

    n_problems = problems->len;
    g_test_message ("1,000 cards, core: snapshot %.1f ms, checks %.1f ms",
                    (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
  }
  g_assert_cmpuint (n_problems, >, 100);
  g_assert_cmpuint (verkan_model_checks_panel_get_n_problems (panel), ==, n_problems);

  /* A title typed into one card: checked again, only its rows replaced */
  g_assert_true (verkan_project_set_value (project, "model_element", ids[500], "title",
                                           g_variant_new_string ("Kort femhundra"), &error));
  start = g_get_monotonic_time ();
  verkan_model_checks_panel_refresh (panel);
  verkan_gui_test_iterate ();
  rechecked = g_get_monotonic_time () - start;
  g_assert_cmpuint (verkan_model_checks_panel_get_n_problems (panel), ==, n_problems);

  g_test_message ("1,000 cards, %u problems: set_model %.1f ms, shown in %.1f ms, "
                  "checked again in %.1f ms", n_problems, set / 1000.0, shown / 1000.0,
                  rechecked / 1000.0);

  gtk_window_destroy (window);
  verkan_gui_test_iterate ();
  verkan_project_close (project);
  g_unlink (path);
}

/* ------------------------------------------------------------------ */
/* Evidence ("Underlag")                                               */

/* A 3-page PDF, stored in the project as "Samverkansenkät" (a title none
 * of the sample's own documents shares) */
static gint64
add_survey (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (tmpdir, "enkat.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  VerkanDocumentAdd options = { .title = "Samverkansenkät" };
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (int i = 0; i < 3; i++)
    {
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, "Hur ofta samverkar ni?");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  id = verkan_document_store_add (fixture->project, path, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return id;
}

static void
test_evidence (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  GtkListBox *list;
  GtkWidget *chooser, *spin, *row;
  gint64 element, document;

  fixture_open (&fixture, "evidence.verkan");
  document = add_survey (&fixture);
  element = element_by_title (&fixture, "Arbetsträning och praktik");
  verkan_model_element_panel_set_element (fixture.panel, element);
  verkan_gui_test_iterate ();

  list = GTK_LIST_BOX (panel_child (&fixture, "element-evidence"));
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, 0);

  /* "Lägg till underlag": the chooser finds the survey by a word of its
   * title.  (Not popped up: Xvfb's screen may have no room for it) */
  chooser = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (panel_child (&fixture, "element-add-evidence"))));
  g_assert_true (VERKAN_IS_EVIDENCE_CHOOSER (chooser));
  gtk_editable_set_text (GTK_EDITABLE (panel_child (&fixture, "evidence-search")), "samverkans");
  verkan_gui_test_run_for (400);  /* the search entry waits for a pause */
  g_assert_cmpuint (verkan_gui_test_count_rows (GTK_LIST_BOX (panel_child (&fixture, "evidence-documents"))), ==, 1);
  /* one hit is chosen by itself; its pages bound the page field */
  g_assert_true (gtk_widget_is_sensitive (panel_child (&fixture, "evidence-link")));
  g_assert_true (verkan_evidence_chooser_select (VERKAN_EVIDENCE_CHOOSER (chooser), document));
  spin = panel_child (&fixture, "evidence-page");
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 3);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (panel_child (&fixture, "evidence-page-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  gtk_editable_set_text (GTK_EDITABLE (panel_child (&fixture, "evidence-note")), "Fråga 4 om samverkan");
  click (panel_child (&fixture, "evidence-link"));

  /* stored, and shown as a row in Underlag; the chooser closed */
  sql = g_strdup_printf ("SELECT page FROM evidence WHERE element_id = %" G_GINT64_FORMAT
                         " AND document_id = %" G_GINT64_FORMAT, element, document);
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, sql), ==, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT note FROM evidence WHERE element_id = %" G_GINT64_FORMAT, element);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql, "Fråga 4 om samverkan"));
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, 1);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Samverkansenkät, page 2");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Fråga 4 om samverkan");

  /* the same page again is refused, said in the chooser */
  g_assert_false (gtk_widget_get_visible (verkan_gui_test_find_named (chooser, "evidence-error")));
  g_assert_true (verkan_evidence_chooser_select (VERKAN_EVIDENCE_CHOOSER (chooser), document));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (panel_child (&fixture, "evidence-page-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  click (panel_child (&fixture, "evidence-link"));
  g_assert_true (gtk_widget_get_visible (verkan_gui_test_find_named (chooser, "evidence-error")));
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM evidence"), ==, 1);

  /* the row's remove button, and its undo */
  click (verkan_gui_test_find_named (row, "evidence-remove"));
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM evidence"), ==, 0);
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, 0);
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_gui_test_query_int (fixture.path, "SELECT count(*) FROM evidence"), ==, 1);
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, 1);
  if (g_getenv ("VERKAN_PANEL_SHOT") != NULL)
    {
      /* to look at: the window with the Underlag group scrolled into view */
      gtk_widget_grab_focus (verkan_gui_test_find_named (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                                         "evidence-remove"));
      verkan_gui_test_run_for (1500);
    }

  /* a renamed document shows its new title */
  g_assert_true (verkan_project_set_value (fixture.project, "document", document, "title",
                                           g_variant_new_string ("Enkät till medarbetare"), &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Enkät till medarbetare, page 2");

  /* removing the document takes the evidence along */
  g_assert_true (verkan_document_store_remove (fixture.project, document, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  g_assert_cmpuint (verkan_gui_test_count_rows (list), ==, 0);

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-panel-XXXXXX", &error);
  g_assert_no_error (error);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */
  adw_init ();

  g_test_add_func ("/gui/model-panel/edit-card", test_edit_card);
  g_test_add_func ("/gui/model-panel/read-only", test_read_only);
  g_test_add_func ("/gui/model-panel/add-indicator", test_add_indicator);
  g_test_add_func ("/gui/model-panel/choose-kpi", test_choose_kpi);
  g_test_add_func ("/gui/model-panel/link", test_link);
  g_test_add_func ("/gui/model-panel/evidence", test_evidence);
  g_test_add_func ("/gui/model-panel/checks", test_checks);
  g_test_add_func ("/gui/model-panel/checks-large-model", test_checks_large_model);

  status = g_test_run ();

  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
