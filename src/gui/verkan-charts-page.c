/* verkan-charts-page.c: the Nyckeltal page
 *
 * The project's charts as a gallery of live thumbnails on the left (a
 * GtkGridView over a VerkanRecordList of the chart table, in the order of
 * their position) and the chosen chart large on the right, with its title
 * above it and, when its values are a snapshot shipped with Verkan or only
 * illustrative, a banner that says so.  The toolbar makes, edits,
 * duplicates and deletes charts (Delete leaves a toast with Undo), opens
 * the own measures, fetches every chart's values from Kolada again and
 * exports the chosen chart as a picture.
 *
 * Charts are read from the project with verkan_chart_data_load_chart()
 * and redrawn whenever something they draw from changes: the chart rows
 * themselves, the cached Kolada values, the own measures, the project's
 * period and the indicators that give baselines and targets.  Those
 * changes are gathered in an idle, so that a fetch that stores thousands
 * of values redraws once.
 *
 * "Update from Kolada" runs one fetch per distinct request, one after the
 * other, in the client's worker thread, with a progress bar and Cancel.
 * When Kolada cannot be reached, a banner says so and the charts go on
 * showing the stored values, with the date they were fetched.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-chart-data.h"
#include "verkan-chart-drawing.h"
#include "verkan-chart-editor.h"
#include "verkan-chart-spec.h"
#include "verkan-chart-view.h"
#include "verkan-charts-page.h"
#include "verkan-field-binding.h"
#include "verkan-image-chooser.h"
#include "verkan-kolada-client.h"
#include "verkan-kolada-store.h"
#include "verkan-own-measure-dialog.h"
#include "verkan-record-list.h"
#include "verkan-window.h"

/* The size of an exported chart in points, and the PNG's pixels per point */
#define EXPORT_WIDTH 720.0
#define EXPORT_HEIGHT 440.0
#define EXPORT_PNG_SCALE 2.0

/* Tables a chart draws from: a change in any of them redraws the charts */
static const char *const chart_sources[] = {
  "chart", "kolada_value", "kolada_kpi", "kolada_group", "own_measure", "own_value",
  "project", "indicator", "municipality", NULL
};

typedef struct _RefreshRun RefreshRun;

struct _VerkanChartsPage
{
  AdwBin               parent_instance;

  VerkanProject       *project;
  VerkanRecordList    *charts;
  VerkanRecordList    *measures;
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;     /* exports; cancelled with the page */
  GPtrArray           *bound_items;     /* GtkListItem of the gallery with a chart */

  gint64               chart_id;
  gint64               deleted_chart_id; /* shown again when Undo brings it back */
  guint                selecting;        /* the selection is set by code */
  guint                reload_id;        /* the idle that redraws the charts */
  RefreshRun          *refresh;          /* the fetch under way, or NULL */

  GtkWidget           *toolbar;
  GtkMenuButton       *measures_button;
  GtkPopover          *measures_popover;
  GtkListBox          *measures_list;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkRevealer         *offline_revealer;
  GtkLabel            *offline_label;
  GtkStack            *page_stack;
  GtkGridView         *gallery;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkRevealer         *info_revealer;
  GtkLabel            *info_label;
  VerkanChartView     *chart_view;
};

G_DEFINE_FINAL_TYPE (VerkanChartsPage, verkan_charts_page, ADW_TYPE_BIN)

static void update_detail (VerkanChartsPage *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static GtkWindow *
get_window (VerkanChartsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error_dialog (VerkanChartsPage *self,
                   const char       *heading,
                   const char       *body)
{
  GtkWindow *window = get_window (self);

  if (VERKAN_IS_WINDOW (window))
    verkan_window_show_error_dialog (VERKAN_WINDOW (window), heading, body);
  else
    g_warning ("%s: %s", heading, body);
}

static void
show_toast (VerkanChartsPage *self,
            const char       *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  verkan_window_show_toast_for (GTK_WIDGET (self), toast);
}

static gboolean
is_writable (VerkanChartsPage *self)
{
  return self->project != NULL && !verkan_project_get_read_only (self->project);
}

static const char *
chart_title (VerkanRecord *record)
{
  const char *title = record != NULL ? verkan_record_get_string (record, "title") : "";

  return *title != '\0' ? title : _("Untitled chart");
}

static VerkanRecord *
current_record (VerkanChartsPage *self)
{
  if (self->charts == NULL || self->chart_id == 0)
    return NULL;

  return verkan_record_list_find (self->charts, self->chart_id);
}

static VerkanChartSpec *
record_spec (VerkanRecord *record)
{
  g_autoptr(GError) error = NULL;
  VerkanChartSpec *spec = verkan_chart_spec_from_json (verkan_record_get_string (record, "spec"), &error);

  if (spec == NULL)
    g_debug ("Chart %" G_GINT64_FORMAT ": %s", verkan_record_get_id (record),
             error != NULL ? error->message : "no spec");
  return spec;
}

/* The municipalities and groups a chart draws: its own and its comparisons */
static GStrv
spec_areas (const VerkanChartSpec *spec)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; spec->municipalities[i] != NULL; i++)
    g_strv_builder_add (builder, spec->municipalities[i]);
  for (guint i = 0; spec->comparisons[i] != NULL; i++)
    g_strv_builder_add (builder, spec->comparisons[i]);

  return g_strv_builder_end (builder);
}

/* "2024-01-15" in local time from an ISO 8601 time, or its first ten
 * characters when it is not one */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;

  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return g_strndup (iso, 10);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* What is stored for @kpis × @areas: the newest fetch time, and whether
 * any value is a shipped snapshot (with the snapshot's newest date) */
typedef struct {
  char     *latest;          /* ISO 8601, or NULL when nothing is stored */
  gboolean  snapshot;
  char     *snapshot_date;   /* ISO 8601 */
  gboolean  illustrative;
} StoredValues;

static void
stored_values_clear (StoredValues *stored)
{
  g_clear_pointer (&stored->latest, g_free);
  g_clear_pointer (&stored->snapshot_date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredValues, stored_values_clear)

static void
read_stored_values (VerkanProject       *project,
                    const char *const   *kpis,
                    const char *const   *areas,
                    StoredValues        *stored)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  memset (stored, 0, sizeof *stored);
  if (kpis == NULL || kpis[0] == NULL)
    return;

  rows = verkan_kolada_store_list_values (project, kpis, areas, &error);
  if (rows == NULL)
    {
      g_debug ("Reading the stored values: %s", error != NULL ? error->message : "");
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      const char *fetched_at = NULL;
      const char *origin = NULL;

      g_variant_lookup (row, "fetched_at", "&s", &fetched_at);
      g_variant_lookup (row, "origin", "&s", &origin);

      if (fetched_at != NULL && g_strcmp0 (fetched_at, stored->latest) > 0)
        {
          g_free (stored->latest);
          stored->latest = g_strdup (fetched_at);
        }

      if (g_strcmp0 (origin, "snapshot") == 0)
        {
          stored->snapshot = TRUE;
          if (fetched_at != NULL && g_strcmp0 (fetched_at, stored->snapshot_date) > 0)
            {
              g_free (stored->snapshot_date);
              stored->snapshot_date = g_strdup (fetched_at);
            }
        }
      else if (g_strcmp0 (origin, "illustrative") == 0)
        {
          stored->illustrative = TRUE;
        }
    }
}

/* A title made into a file name: no slashes, no leading dot */
static char *
file_name_for (const char *title,
               const char *suffix)
{
  g_autofree char *name = g_strdup (title);

  g_strdelimit (name, "/\\:", '-');
  g_strstrip (name);
  while (*name == '.')
    *name = '_';

  return g_strconcat (name, suffix, NULL);
}

static GFile *
project_folder (VerkanChartsPage *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (verkan_project_get_path (self->project));

  return g_file_get_parent (file);
}

/* "Linjediagram · N31807", or the own measure's title */
static char *
describe_chart (VerkanChartsPage *self,
                VerkanRecord     *record)
{
  g_autoptr(VerkanChartSpec) spec = record_spec (record);
  const char *what = NULL;
  g_autoptr(GVariant) kpi = NULL;
  g_autofree char *kpi_text = NULL;

  if (spec == NULL)
    return g_strdup ("");

  if (spec->kpi != NULL)
    {
      const char *kpi_title = NULL;

      kpi = verkan_kolada_store_get_kpi (self->project, spec->kpi);
      if (kpi != NULL)
        g_variant_lookup (kpi, "title", "&s", &kpi_title);
      if (kpi_title != NULL && *kpi_title != '\0')
        /* Translators: a Kolada key figure: "N31807, Invånare som …" */
        kpi_text = g_strdup_printf (_("%s, %s"), spec->kpi, kpi_title);
      else
        kpi_text = g_strdup (spec->kpi);
      what = kpi_text;
    }
  else if (spec->measure != NULL)
    {
      /* Translators: a chart of the project's own figures, not Kolada's */
      what = _("Own measure");
    }

  if (what == NULL)
    return g_strdup (verkan_chart_kind_label (spec->kind));

  /* Translators: under a chart's title: "Linjediagram · N31807, Invånare …" */
  return g_strdup_printf (_("%s · %s"), verkan_chart_kind_label (spec->kind), what);
}

static VerkanChartData *
load_data (VerkanChartsPage *self,
           gint64            chart_id)
{
  g_autoptr(GError) error = NULL;
  VerkanChartData *data = verkan_chart_data_load_chart (self->project, chart_id, &error);

  if (data == NULL)
    g_debug ("Chart %" G_GINT64_FORMAT " cannot be drawn: %s", chart_id,
             error != NULL ? error->message : "no data");
  return data;
}

/* ------------------------------------------------------------------ */
/* Actions' sensitivity, empty state                                   */

static gboolean
any_kolada_chart (VerkanChartsPage *self)
{
  guint n = self->charts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->charts)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->charts), i);
      g_autoptr(VerkanChartSpec) spec = record_spec (record);

      if (spec != NULL && spec->kpi != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
update_actions (VerkanChartsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = is_writable (self);
  gboolean chart = current_record (self) != NULL;
  gboolean fetching = self->refresh != NULL;

  gtk_widget_action_set_enabled (widget, "charts.new", writable);
  gtk_widget_action_set_enabled (widget, "charts.edit", writable && chart);
  gtk_widget_action_set_enabled (widget, "charts.duplicate", writable && chart);
  gtk_widget_action_set_enabled (widget, "charts.delete", writable && chart);
  gtk_widget_action_set_enabled (widget, "charts.new-own-measure", writable);
  gtk_widget_action_set_enabled (widget, "charts.refresh",
                                 writable && !fetching && any_kolada_chart (self));
  gtk_widget_action_set_enabled (widget, "charts.cancel-refresh", fetching);
  /* Exporting writes another file, not this one */
  gtk_widget_action_set_enabled (widget, "charts.export", chart);

  gtk_widget_set_sensitive (GTK_WIDGET (self->measures_button), writable);
}

static void
update_empty (VerkanChartsPage *self)
{
  gboolean empty = self->charts == NULL
                   || g_list_model_get_n_items (G_LIST_MODEL (self->charts)) == 0;

  gtk_stack_set_visible_child_name (self->page_stack, empty ? "empty" : "charts");
}

/* ------------------------------------------------------------------ */
/* The gallery                                                         */

static void
card_update (VerkanChartsPage *self,
             GtkListItem      *item)
{
  VerkanRecord *record = gtk_list_item_get_item (item);
  GtkWidget *card = gtk_list_item_get_child (item);
  VerkanChartView *view = g_object_get_data (G_OBJECT (card), "verkan-view");
  GtkLabel *title = g_object_get_data (G_OBJECT (card), "verkan-title");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (card), "verkan-subtitle");
  g_autofree char *details = NULL;

  if (record == NULL)
    return;

  details = describe_chart (self, record);
  gtk_label_set_label (title, chart_title (record));
  gtk_label_set_label (subtitle, details);
  verkan_chart_view_set_data (view, load_data (self, verkan_record_get_id (record)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chart_title (record),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details,
                                  -1);
}

static void
on_card_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               VerkanChartsPage         *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *view = verkan_chart_view_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_name (card, "charts-card");
  gtk_widget_add_css_class (card, "verkan-chart-card");

  gtk_widget_set_name (view, "charts-card-view");
  verkan_chart_view_set_thumbnail (VERKAN_CHART_VIEW (view), TRUE);
  verkan_chart_view_set_show_title (VERKAN_CHART_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, 220, 170);
  gtk_widget_add_css_class (view, "verkan-chart-thumbnail");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (title), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
  gtk_widget_set_margin_top (title, 6);
  gtk_widget_add_css_class (title, "heading");

  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (subtitle), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 30);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");

  gtk_box_append (GTK_BOX (card), view);
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), subtitle);

  g_object_set_data (G_OBJECT (card), "verkan-view", view);
  g_object_set_data (G_OBJECT (card), "verkan-title", title);
  g_object_set_data (G_OBJECT (card), "verkan-subtitle", subtitle);
  gtk_list_item_set_child (item, card);
}

static void
on_card_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              VerkanChartsPage         *self)
{
  g_ptr_array_add (self->bound_items, item);
  card_update (self, item);
}

static void
on_card_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                VerkanChartsPage         *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);

  g_ptr_array_remove_fast (self->bound_items, item);
  if (card != NULL)
    verkan_chart_view_set_data (g_object_get_data (G_OBJECT (card), "verkan-view"), NULL);
}

static void
select_chart (VerkanChartsPage *self,
              gint64            chart_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->charts));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->charts), i);

      if (verkan_record_get_id (record) == chart_id)
        position = i;
    }

  if (position == gtk_single_selection_get_selected (self->selection))
    return;

  self->selecting++;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting--;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->gallery), "list.scroll-to-item", "u", position);
}

static void
on_selection_changed (VerkanChartsPage *self)
{
  VerkanRecord *record;

  if (self->selecting > 0)
    return;

  record = gtk_single_selection_get_selected_item (self->selection);
  if (record != NULL)
    verkan_charts_page_show_chart (self, verkan_record_get_id (record));
}

/* After the gallery has its items: keep the chart shown, or show its
 * neighbour when it went away */
static void
on_charts_changed (VerkanChartsPage *self,
                   guint             position,
                   guint             removed,
                   guint             added)
{
  GListModel *charts = G_LIST_MODEL (self->charts);
  guint n = g_list_model_get_n_items (charts);

  update_empty (self);

  if (self->deleted_chart_id != 0 && verkan_record_list_find (self->charts, self->deleted_chart_id) != NULL)
    {
      gint64 restored = self->deleted_chart_id;

      self->deleted_chart_id = 0;
      verkan_charts_page_show_chart (self, restored);
      return;
    }

  if (self->chart_id != 0 && verkan_record_list_find (self->charts, self->chart_id) != NULL)
    {
      /* the same id may come back as another record after an undo */
      select_chart (self, self->chart_id);
      update_actions (self);
      return;
    }

  if (n == 0)
    {
      verkan_charts_page_show_chart (self, 0);
    }
  else
    {
      g_autoptr(VerkanRecord) next = g_list_model_get_item (charts, MIN (position, n - 1));

      verkan_charts_page_show_chart (self, verkan_record_get_id (next));
    }
}

/* ------------------------------------------------------------------ */
/* The chart shown large                                               */

static void
update_info (VerkanChartsPage      *self,
             VerkanRecord          *record,
             const VerkanChartData *data)
{
  g_autoptr(VerkanChartSpec) spec = record != NULL ? record_spec (record) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(StoredValues) stored = { 0 };
  gboolean illustrative = FALSE;

  if (spec != NULL && spec->kpi != NULL)
    {
      const char *kpis[] = { spec->kpi, NULL };
      g_auto(GStrv) areas = spec_areas (spec);

      read_stored_values (self->project, kpis, (const char *const *) areas, &stored);
    }

  if (stored.snapshot)
    {
      g_autofree char *date = format_date (stored.snapshot_date);

      g_string_append_printf (text,
                              /* Translators: %s is the date of the snapshot, 2024-01-15 */
                              _("These values are a snapshot from %s shipped with Verkan, not fetched from Kolada by this project. "
                                "Choose Update from Kolada to fetch the published figures."),
                              date != NULL ? date : "");
    }

  if (data != NULL && data->illustrative_note != NULL && *data->illustrative_note != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, data->illustrative_note);
      illustrative = TRUE;
    }
  else if (stored.illustrative)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("Some values are only illustrative, made up to show the chart, and are not real figures."));
      illustrative = TRUE;
    }

  /* Made-up values warn; a snapshot of real figures only informs */
  if (illustrative)
    gtk_widget_remove_css_class (gtk_revealer_get_child (self->info_revealer), "verkan-chart-info-banner");
  else
    gtk_widget_add_css_class (gtk_revealer_get_child (self->info_revealer), "verkan-chart-info-banner");

  gtk_label_set_label (self->info_label, text->str);
  gtk_revealer_set_reveal_child (self->info_revealer, text->len > 0);
}

static void
update_detail (VerkanChartsPage *self)
{
  VerkanRecord *record = current_record (self);
  VerkanChartData *data = NULL;
  g_autofree char *details = NULL;

  if (record != NULL)
    {
      data = load_data (self, self->chart_id);
      details = describe_chart (self, record);
    }

  gtk_label_set_label (self->title_label, record != NULL ? chart_title (record) : "");
  gtk_label_set_label (self->subtitle_label, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), details != NULL && *details != '\0');
  update_info (self, record, data);
  verkan_chart_view_set_data (self->chart_view, data);
}

/* Everything drawn again, once, after a burst of changes */
static gboolean
reload_charts (gpointer user_data)
{
  VerkanChartsPage *self = user_data;

  self->reload_id = 0;

  for (guint i = 0; i < self->bound_items->len; i++)
    card_update (self, g_ptr_array_index (self->bound_items, i));
  update_detail (self);
  update_actions (self);

  return G_SOURCE_REMOVE;
}

static void
on_project_changed (VerkanChartsPage *self,
                    const char       *table)
{
  if (!g_strv_contains (chart_sources, table) || self->reload_id != 0)
    return;

  self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_charts, self, NULL);
}

/* ------------------------------------------------------------------ */
/* New, edit, duplicate, delete                                        */

static void
on_editor_saved (VerkanChartsPage  *self,
                 VerkanChartEditor *editor)
{
  gint64 id = verkan_chart_editor_get_chart_id (editor);

  if (id != 0)
    verkan_charts_page_show_chart (self, id);
}

static void
open_editor (VerkanChartsPage *self,
             gint64            chart_id)
{
  GtkWidget *editor;

  if (!is_writable (self))
    return;

  verkan_field_binding_flush_all ();

  editor = verkan_chart_editor_new (self->project, chart_id, get_window (self));
  if (editor == NULL)
    return;

  if (g_signal_lookup ("saved", G_OBJECT_TYPE (editor)) != 0)
    g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (VERKAN_CHARTS_PAGE (widget), 0);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);

  if (current_record (self) != NULL)
    open_editor (self, self->chart_id);
}

static void
on_gallery_activate (VerkanChartsPage *self,
                     guint             position)
{
  g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->charts), position);

  if (record == NULL)
    return;

  verkan_charts_page_show_chart (self, verkan_record_get_id (record));
  open_editor (self, self->chart_id);
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);
  VerkanRecord *record = current_record (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GVariantBuilder builder;
  gint64 id;

  if (record == NULL || !is_writable (self))
    return;

  verkan_field_binding_flush_all ();

  /* Translators: the title of a duplicated chart */
  title = g_strdup_printf (_("%s (copy)"), chart_title (record));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "title", g_variant_new_string (title));
  g_variant_builder_add (&builder, "{sv}", "caption",
                         g_variant_new_string (verkan_record_get_string (record, "caption")));
  g_variant_builder_add (&builder, "{sv}", "spec",
                         g_variant_new_string (verkan_record_get_string (record, "spec")));

  id = verkan_project_insert (self->project, "chart", g_variant_builder_end (&builder), &error);
  if (id == 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  verkan_charts_page_show_chart (self, id);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);
  VerkanRecord *record = current_record (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *toast = NULL;

  if (record == NULL || !is_writable (self))
    return;
  /* Delete pressed in the own measures' popover is not meant for the chart */
  if (gtk_widget_get_visible (GTK_WIDGET (self->measures_popover)))
    return;

  verkan_field_binding_flush_all ();

  /* a toast's title is markup */
  escaped = g_markup_escape_text (chart_title (record), -1);
  /* Translators: a toast after a chart was deleted, with Undo */
  toast = g_strdup_printf (_("“%s” deleted"), escaped);
  self->deleted_chart_id = self->chart_id;
  if (!verkan_project_delete (self->project, "chart", self->chart_id, &error))
    {
      self->deleted_chart_id = 0;
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  verkan_window_show_undo_toast_for (GTK_WIDGET (self), toast);
}

/* ------------------------------------------------------------------ */
/* Own measures                                                        */

static void
open_measure (VerkanChartsPage *self,
              gint64            measure_id)
{
  GtkWidget *dialog;

  if (!is_writable (self))
    return;

  verkan_field_binding_flush_all ();
  gtk_popover_popdown (self->measures_popover);

  dialog = verkan_own_measure_dialog_new (self->project, measure_id, get_window (self));
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_own_measure_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  open_measure (VERKAN_CHARTS_PAGE (widget), 0);
}

static void
on_measure_row_activated (VerkanChartsPage *self,
                          GtkListBoxRow    *row)
{
  VerkanRecord *record = g_object_get_data (G_OBJECT (row), "verkan-record");

  if (record != NULL)
    open_measure (self, verkan_record_get_id (record));
}

static void
update_measure_row (GtkWidget *row)
{
  VerkanRecord *record = g_object_get_data (G_OBJECT (row), "verkan-record");
  const char *title = verkan_record_get_string (record, "title");
  const char *unit = verkan_record_get_string (record, "unit");
  const char *source = verkan_record_get_string (record, "source");
  g_autofree char *subtitle = NULL;

  if (*unit != '\0' && *source != '\0')
    /* Translators: under an own measure's title: its unit and source */
    subtitle = g_strdup_printf (_("%s · %s"), unit, source);
  else
    subtitle = g_strdup (*unit != '\0' ? unit : source);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *title != '\0' ? title : _("Untitled measure"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_measure_row (gpointer item,
                    gpointer user_data)
{
  VerkanRecord *record = VERKAN_RECORD (item);
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, "charts-own-measure-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "verkan-record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (record, "changed", G_CALLBACK (update_measure_row), row,
                           G_CONNECT_SWAPPED);
  update_measure_row (row);

  return row;
}

/* ------------------------------------------------------------------ */
/* Update from Kolada                                                  */

struct _RefreshRun
{
  VerkanChartsPage   *self;
  VerkanKoladaClient *client;
  GCancellable       *cancellable;
  GPtrArray          *requests;   /* VerkanKoladaRequest * */
  guint               next;
  guint               n_values;
  char               *error_message;  /* the first failure that was not the network's */
};

static void
request_free (VerkanKoladaRequest *request)
{
  g_strfreev (request->kpis);
  g_strfreev (request->municipalities);
  g_free (request);
}

static void
refresh_run_free (RefreshRun *run)
{
  g_object_unref (run->self);
  g_object_unref (run->client);
  g_object_unref (run->cancellable);
  g_ptr_array_unref (run->requests);
  g_free (run->error_message);
  g_free (run);
}

/* One request per chart showing a KPI; charts that ask the same thing
 * (a duplicate) share one */
static GPtrArray *
collect_requests (VerkanChartsPage *self)
{
  GPtrArray *requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->charts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->charts), i);
      g_autoptr(VerkanChartSpec) spec = record_spec (record);
      g_auto(GStrv) areas = NULL;
      g_autofree char *joined = NULL;
      char *key;
      VerkanKoladaRequest *request;

      if (spec == NULL || spec->kpi == NULL)
        continue;

      areas = spec_areas (spec);
      if (areas[0] == NULL)
        continue;

      joined = g_strjoinv (",", areas);
      key = g_strdup_printf ("%s|%s|%d|%d", spec->kpi, joined, spec->first_year, spec->last_year);
      if (!g_hash_table_add (seen, key))
        continue;

      request = g_new0 (VerkanKoladaRequest, 1);
      request->kpis = g_strsplit (spec->kpi, ",", -1);
      request->municipalities = g_steal_pointer (&areas);
      request->first_year = spec->first_year;
      request->last_year = spec->last_year;
      g_ptr_array_add (requests, request);
    }

  return requests;
}

/* The newest fetch among what the charts draw, for the offline banner */
static char *
dup_latest_fetch (VerkanChartsPage *self)
{
  g_autoptr(GPtrArray) requests = collect_requests (self);
  char *latest = NULL;

  for (guint i = 0; i < requests->len; i++)
    {
      VerkanKoladaRequest *request = g_ptr_array_index (requests, i);
      g_auto(StoredValues) stored = { 0 };

      read_stored_values (self->project, (const char *const *) request->kpis,
                          (const char *const *) request->municipalities, &stored);
      if (stored.latest != NULL && g_strcmp0 (stored.latest, latest) > 0)
        {
          g_free (latest);
          latest = g_steal_pointer (&stored.latest);
        }
    }

  return latest;
}

static void
show_offline (VerkanChartsPage *self)
{
  g_autofree char *latest = dup_latest_fetch (self);
  g_autofree char *date = format_date (latest);
  g_autofree char *text = NULL;

  if (date != NULL)
    /* Translators: %s is the date the stored values were fetched, 2024-01-15 */
    text = g_strdup_printf (_("Kolada cannot be reached. The charts show the values stored on %s."), date);
  else
    text = g_strdup (_("Kolada cannot be reached, and no values are stored for these charts yet. "
                       "Check the network connection and try again."));

  gtk_label_set_label (self->offline_label, text);
  gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
}

static void
set_progress (VerkanChartsPage *self,
              double            fraction,
              const char       *message)
{
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (message != NULL)
    gtk_label_set_label (self->progress_label, message);
}

static void
on_fetch_progress (guint       done,
                   guint       total,
                   const char *message,
                   gpointer    user_data)
{
  RefreshRun *run = user_data;
  double part = total > 0 ? (double) MIN (done, total) / total : 0.0;

  if (run->self->refresh != run)
    return;

  set_progress (run->self, (run->next + part) / MAX (run->requests->len, 1), message);
}

static void
refresh_finish (RefreshRun *run,
                gboolean    cancelled)
{
  VerkanChartsPage *self = run->self;
  g_autofree char *text = NULL;

  if (self->refresh == run)
    self->refresh = NULL;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);

  if (cancelled)
    show_toast (self, _("Update cancelled. The charts show the values stored before."));
  else if (run->error_message != NULL)
    {
      /* a toast's title is markup */
      g_autofree char *escaped = g_markup_escape_text (run->error_message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 8);
      verkan_window_show_toast_for (GTK_WIDGET (self), toast);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Updated from Kolada: %u value",
                                           "Updated from Kolada: %u values",
                                           run->n_values),
                              run->n_values);
      show_toast (self, text);
    }

  refresh_run_free (run);
}

static void refresh_next (RefreshRun *run);

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RefreshRun *run = user_data;
  VerkanChartsPage *self = run->self;
  g_autoptr(VerkanKoladaFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = verkan_kolada_client_fetch_values_finish (VERKAN_KOLADA_CLIENT (source), result, &error);

  if (g_cancellable_is_cancelled (run->cancellable)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A page that went away cancels too: then nothing is shown */
      if (self->project == NULL)
        refresh_run_free (run);
      else
        refresh_finish (run, TRUE);
      return;
    }

  if (summary == NULL)
    {
      if (g_error_matches (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_OFFLINE)
          || g_error_matches (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_TIMEOUT))
        {
          /* The rest would fail the same way; what is stored stays shown */
          if (self->refresh == run)
            self->refresh = NULL;
          gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
          update_actions (self);
          show_offline (self);
          refresh_run_free (run);
          return;
        }

      if (run->error_message == NULL)
        run->error_message = g_strdup (error != NULL ? error->message
                                                     : _("Kolada’s answer could not be read."));
    }
  else
    {
      run->n_values += summary->n_values;
    }

  run->next++;
  refresh_next (run);
}

static void
refresh_next (RefreshRun *run)
{
  VerkanChartsPage *self = run->self;
  VerkanKoladaRequest *request;
  g_autofree char *message = NULL;

  if (run->next >= run->requests->len)
    {
      refresh_finish (run, FALSE);
      return;
    }

  request = g_ptr_array_index (run->requests, run->next);
  /* Translators: while fetching; %s is a KPI id, then which request of how many */
  message = g_strdup_printf (_("Fetching %s (%u of %u)"), request->kpis[0],
                             run->next + 1, run->requests->len);
  set_progress (self, (double) run->next / run->requests->len, message);

  verkan_kolada_client_fetch_values_async (run->client, self->project, request, FALSE,
                                           run->cancellable, on_fetch_progress, run,
                                           on_fetched, run);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  verkan_charts_page_refresh (VERKAN_CHARTS_PAGE (widget));
}

static void
cancel_refresh_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);

  if (self->refresh != NULL)
    g_cancellable_cancel (self->refresh->cancellable);
}

static void
dismiss_offline_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);

  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
}

/* ------------------------------------------------------------------ */
/* Export: PNG, SVG, PDF, drawn in a worker thread                     */

typedef struct {
  VerkanChartData *data;
  char            *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->data, verkan_chart_data_free);
  g_free (job->path);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  VerkanChartStyle style;
  GError *error = NULL;

  /* Light, with title and source: the picture goes into documents */
  verkan_chart_style_init (&style);
  if (verkan_chart_export (job->data, &style, job->path, EXPORT_WIDTH, EXPORT_HEIGHT,
                           EXPORT_PNG_SCALE, &error))
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, VERKAN_CHART_DRAWING_ERROR, VERKAN_CHART_DRAWING_ERROR_WRITE,
                             _("The chart could not be drawn."));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("Could not export “%s”"), name);
      show_error_dialog (self, text, error->message);
      return;
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  /* Translators: a toast after a picture of a chart was written; %s is
   * the file name */
  text = g_strdup_printf (_("Exported “%s”"), name);
  g_free (name);
  /* a toast's title is markup */
  name = g_markup_escape_text (text, -1);
  show_toast (self, name);
}

static void
on_image_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VerkanChartsPage) self = user_data;
  g_autoptr(GFile) file = verkan_image_chooser_finish (result);

  if (file != NULL && self->project != NULL)
    verkan_charts_page_export_chart (self, file);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);
  VerkanRecord *record = current_record (self);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (record == NULL)
    return;

  verkan_field_binding_flush_all ();

  folder = project_folder (self);
  name = file_name_for (chart_title (record), ".png");
  verkan_image_chooser_run (get_window (self), _("Export Chart"), folder, name, FALSE,
                            on_image_chosen, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
set_up (VerkanChartsPage *self)
{
  VerkanProject *project = self->project;
  GtkListItemFactory *factory;

  self->cancellable = g_cancellable_new ();
  self->charts = verkan_record_list_new (project, "chart", NULL, NULL);
  self->measures = verkan_record_list_new (project, "own_measure", NULL, NULL);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->charts)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_card_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_card_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_card_unbind), self);
  gtk_grid_view_set_factory (self->gallery, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->gallery, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery, "activate",
                           G_CALLBACK (on_gallery_activate), self, G_CONNECT_SWAPPED);
  /* After the selection, which follows the list first */
  g_signal_connect_object (self->charts, "items-changed",
                           G_CALLBACK (on_charts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (self->measures_list, G_LIST_MODEL (self->measures),
                           create_measure_row, self, NULL);
  g_signal_connect_object (self->measures_list, "row-activated",
                           G_CALLBACK (on_measure_row_activated), self, G_CONNECT_SWAPPED);
  {
    GtkWidget *placeholder = gtk_label_new (_("No own measures yet. Make one for figures Kolada does not have, such as the project’s own follow-up."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (placeholder), 36);
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->measures_list, placeholder);
  }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->charts)) > 0)
    {
      g_autoptr(VerkanRecord) first = g_list_model_get_item (G_LIST_MODEL (self->charts), 0);

      verkan_charts_page_show_chart (self, verkan_record_get_id (first));
    }

  update_empty (self);
  update_actions (self);
}

/* Taken out of its window (another project opened): a fetch still under
 * way has nobody to show its result to */
static void
verkan_charts_page_unroot (GtkWidget *widget)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (widget);

  if (self->refresh != NULL)
    g_cancellable_cancel (self->refresh->cancellable);

  GTK_WIDGET_CLASS (verkan_charts_page_parent_class)->unroot (widget);
}

static void
verkan_charts_page_dispose (GObject *object)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->refresh != NULL)
    {
      /* the run ends in its callback, which sees the page gone */
      g_cancellable_cancel (self->refresh->cancellable);
      self->refresh = NULL;
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  /* The items and rows go before the lists they show */
  if (self->gallery != NULL)
    {
      gtk_grid_view_set_model (self->gallery, NULL);
      gtk_list_box_bind_model (self->measures_list, NULL, NULL, NULL, NULL);
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_CHARTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->charts);
  g_clear_object (&self->measures);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_charts_page_parent_class)->dispose (object);
}

static void
verkan_charts_page_finalize (GObject *object)
{
  VerkanChartsPage *self = VERKAN_CHARTS_PAGE (object);

  g_ptr_array_unref (self->bound_items);

  G_OBJECT_CLASS (verkan_charts_page_parent_class)->finalize (object);
}

static void
verkan_charts_page_class_init (VerkanChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_charts_page_dispose;
  object_class->finalize = verkan_charts_page_finalize;
  widget_class->unroot = verkan_charts_page_unroot;

  g_type_ensure (VERKAN_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, measures_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, measures_popover);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, measures_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, gallery);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, info_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartsPage, chart_view);

  gtk_widget_class_install_action (widget_class, "charts.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "charts.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "charts.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "charts.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "charts.new-own-measure", NULL, new_own_measure_activated);
  gtk_widget_class_install_action (widget_class, "charts.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "charts.cancel-refresh", NULL, cancel_refresh_activated);
  gtk_widget_class_install_action (widget_class, "charts.dismiss-offline", NULL, dismiss_offline_activated);
  gtk_widget_class_install_action (widget_class, "charts.export", NULL, export_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "charts.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "charts.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "charts.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "charts.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "charts.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "charts.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "charts.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "charts.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "charts.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "charts.cancel-refresh", NULL);
}

static void
verkan_charts_page_init (VerkanChartsPage *self)
{
  self->bound_items = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  verkan_chart_view_set_show_title (self->chart_view, FALSE);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

GtkWidget *
verkan_charts_page_new (VerkanProject *project)
{
  VerkanChartsPage *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_CHARTS_PAGE, NULL);
  self->project = g_object_ref (project);
  set_up (self);

  return GTK_WIDGET (self);
}

VerkanProject *
verkan_charts_page_get_project (VerkanChartsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_CHARTS_PAGE (self), NULL);

  return self->project;
}

gint64
verkan_charts_page_get_chart_id (VerkanChartsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_CHARTS_PAGE (self), 0);

  return self->chart_id;
}

void
verkan_charts_page_show_chart (VerkanChartsPage *self,
                               gint64            chart_id)
{
  g_return_if_fail (VERKAN_IS_CHARTS_PAGE (self));

  if (self->charts == NULL)
    return;

  if (chart_id != 0 && verkan_record_list_find (self->charts, chart_id) == NULL)
    chart_id = 0;

  select_chart (self, chart_id);

  if (chart_id == self->chart_id)
    {
      update_actions (self);
      return;
    }

  self->chart_id = chart_id;
  /* Another chart: the keyboard starts again at its first value */
  verkan_chart_view_set_focus_point (self->chart_view, -1);
  update_detail (self);
  update_actions (self);
}

void
verkan_charts_page_export_chart (VerkanChartsPage *self,
                                 GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  VerkanChartData *data;
  ExportJob *job;

  g_return_if_fail (VERKAN_IS_CHARTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (current_record (self) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error_dialog (self, _("Could not export the chart"),
                         _("Verkan can only save files on this computer or on a connected network drive."));
      return;
    }

  /* Read here, where the project's connection lives; drawn over there */
  data = load_data (self, self->chart_id);
  if (data == NULL)
    {
      show_error_dialog (self, _("Could not export the chart"),
                         _("The chart’s settings could not be read. Open it with Edit and save it again."));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->data = data;
  job->path = g_steal_pointer (&path);

  task = g_task_new (self, self->cancellable, on_exported, NULL);
  g_task_set_source_tag (task, verkan_charts_page_export_chart);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

void
verkan_charts_page_refresh (VerkanChartsPage *self)
{
  g_autoptr(GPtrArray) requests = NULL;
  RefreshRun *run;

  g_return_if_fail (VERKAN_IS_CHARTS_PAGE (self));

  if (!is_writable (self) || self->refresh != NULL)
    return;

  requests = collect_requests (self);
  if (requests->len == 0)
    {
      show_toast (self, _("No chart shows a key figure from Kolada."));
      return;
    }

  run = g_new0 (RefreshRun, 1);
  run->self = g_object_ref (self);
  run->client = verkan_kolada_client_new (NULL);
  run->cancellable = g_cancellable_new ();
  run->requests = g_steal_pointer (&requests);
  self->refresh = run;

  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  set_progress (self, 0.0, _("Fetching from Kolada…"));
  update_actions (self);

  refresh_next (run);
}
