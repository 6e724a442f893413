/* verkan-chart-editor.c: making or changing one chart, with a live preview
 *
 * The left side says what the chart shows (a Kolada KPI found as you type,
 * or an own measure), what it compares, the years, the kind and the
 * overlays; the right side draws the chart from what the project stores,
 * redrawn a moment after each change, and fetches what is missing from
 * Kolada in the background.  Nothing is written to the project's user
 * data until Save: a new chart is one insert, an edited one one command,
 * so either is one undo step.  Fetched values go to the project's Kolada
 * cache, which is not user data and is kept even when the editor is
 * cancelled.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-chart-data.h"
#include "verkan-chart-editor.h"
#include "verkan-chart-spec.h"
#include "verkan-chart-view.h"
#include "verkan-field-binding.h"
#include "verkan-format.h"
#include "verkan-group-catalog.h"
#include "verkan-kolada-client.h"
#include "verkan-kolada-store.h"
#include "verkan-kpi-catalog.h"
#include "verkan-kpi-chooser.h"
#include "verkan-municipality-catalog.h"
#include "verkan-municipality-chooser.h"
#include "verkan-own-measure-dialog.h"

/* Hits shown under the search entry; the chooser dialog shows the rest */
#define MAX_KPI_HITS 8
#define MAX_GROUP_HITS 60
/* The preview waits this long after a change, so typing a year or
 * ticking several boxes draws once */
#define PREVIEW_DELAY_MS 150

/* Kolada's own titles, which name data and are not translated */
#define SIMILAR_PREFIX "Liknande kommuner ekonomiskt bistånd, "
#define RIKET "0000"

typedef struct {
  char      *id;          /* "1861", "0000", "G175966"; NULL while unknown */
  char      *label;       /* as the row and the status line say it */
  char      *similar_for; /* the project municipality of a "Liknande kommuner" row */
  gboolean   main;        /* a project municipality: drawn solid */
  gboolean   removable;   /* added by the person: removed, not unticked */
  gboolean   pinned;      /* ticked from the saved chart: keeps its group id */
  GtkWidget *row;
  GtkWidget *check;       /* NULL for removable items */
} CompareItem;

struct _VerkanChartEditor
{
  AdwWindow            parent_instance;

  VerkanProject       *project;
  gint64               chart_id;
  VerkanChartSpec     *base_spec;     /* the saved spec, its unknown members kept */
  VerkanKoladaClient  *client;
  GCancellable        *cancellable;   /* everything the editor started */
  GCancellable        *fetch_cancellable;
  guint                preview_id;
  guint                updating;
  gboolean             disposed;
  gboolean             title_edited;
  gboolean             first_year_auto;  /* the saved spec said 0: "from the first" */
  gboolean             last_year_auto;
  gboolean             first_year_touched;

  char                *kpi;
  char                *kpi_title;
  gboolean             kpi_split;     /* split by gender, by its metadata */
  gboolean             stored_split;  /* values for women and men are stored */
  GPtrArray           *measure_uuids; /* of measure_row's items */
  GPtrArray           *measure_titles;
  GPtrArray           *indicator_uuids; /* of indicator_row's items; [0] NULL */
  GArray              *shown_years;   /* of year_row's items; [0] 0 */
  GPtrArray           *items;         /* CompareItem * */
  int                  period_first;  /* the project's period in years, 0 if none */
  int                  period_last;

  /* template */
  GtkWidget           *save_button;
  GtkRevealer         *offline_revealer;
  AdwToastOverlay     *toast_overlay;
  AdwToast            *shown_toast;
  AdwEntryRow         *title_row;
  GtkToggleButton     *kolada_toggle;
  GtkToggleButton     *measure_toggle;
  GtkStack            *what_stack;
  GtkSearchEntry      *kpi_search;
  GtkListBox          *kpi_results;
  GtkWidget           *kpi_card;
  GtkLabel            *kpi_id_label;
  GtkLabel            *kpi_title_label;
  GtkLabel            *kpi_description_label;
  GtkLabel            *kpi_facts_label;
  AdwComboRow         *measure_row;
  GtkWidget           *edit_measure_button;
  AdwPreferencesGroup *compare_group;
  GtkMenuButton       *group_button;
  GtkPopover          *group_popover;
  GtkSearchEntry      *group_search;
  GtkListBox          *group_results;
  GtkSpinButton       *first_spin;
  GtkSpinButton       *last_spin;
  AdwActionRow        *first_row;
  AdwActionRow        *last_row;
  AdwComboRow         *year_row;
  GtkToggleButton     *line_toggle;
  GtkToggleButton     *bar_toggle;
  GtkToggleButton     *gender_toggle;
  AdwComboRow         *gender_row;
  AdwActionRow        *period_row;
  GtkSwitch           *period_switch;
  AdwComboRow         *indicator_row;
  GtkSwitch           *quartile_switch;
  AdwComboRow         *direction_row;
  AdwEntryRow         *caption_row;
  GtkLabel            *status_label;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkLabel            *note_label;
  GtkStack            *preview_stack;
  VerkanChartView     *preview;
};

G_DEFINE_FINAL_TYPE (VerkanChartEditor, verkan_chart_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_preview (VerkanChartEditor *self);
static void update_actions   (VerkanChartEditor *self);
static void update_last_row  (VerkanChartEditor *self);

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static void
compare_item_free (gpointer data)
{
  CompareItem *item = data;

  g_free (item->id);
  g_free (item->label);
  g_free (item->similar_for);
  g_free (item);
}

/* "" for a missing or NULL column */
static const char *
row_string (GVariant   *row,
            const char *key)
{
  const char *text = NULL;

  if (row == NULL || !g_variant_lookup (row, key, "&s", &text))
    return "";
  return text;
}

static gint64
row_int (GVariant   *row,
         const char *key,
         gint64      fallback)
{
  g_autoptr(GVariant) value = row != NULL ? g_variant_lookup_value (row, key, NULL) : NULL;

  if (value == NULL)
    return fallback;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return (gint64) g_variant_get_double (value);
  return fallback;
}

/* FALSE when the column is NULL */
static gboolean
row_double (GVariant   *row,
            const char *key,
            double     *result)
{
  g_autoptr(GVariant) value = row != NULL ? g_variant_lookup_value (row, key, NULL) : NULL;

  if (value == NULL)
    return FALSE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    *result = g_variant_get_double (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    *result = g_variant_get_int64 (value);
  else
    return FALSE;
  return TRUE;
}

/* The year of an ISO date, 0 for none */
static int
year_of (const char *date)
{
  if (date == NULL || strlen (date) < 4)
    return 0;
  return (int) g_ascii_strtoll (date, NULL, 10);
}

/* "Riket", "Hallsberg", a group's title, or the bare id */
static char *
area_label (const char *id)
{
  g_autofree char *label = verkan_kolada_area_label (id);
  const VerkanMunicipality *municipality;

  if (label != NULL && *label != '\0')
    return g_steal_pointer (&label);
  if (g_strcmp0 (id, RIKET) == 0)
    return g_strdup ("Riket");
  if (g_strcmp0 (id, VERKAN_GROUP_ALL_MUNICIPALITIES) == 0)
    return g_strdup ("Alla kommuner (ovägt medel)");
  municipality = verkan_municipality_catalog_lookup (id);
  if (municipality != NULL)
    return g_strdup (municipality->name);
  return g_strdup (id);
}

/* g_set_str() came with GLib 2.76 */
static void
replace_str (char       **slot,
             const char  *text)
{
  char *copy;

  if (*slot == text)
    return;
  copy = g_strdup (text);
  g_free (*slot);
  *slot = copy;
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* One toast at a time, re-worded rather than replaced: libadwaita 1.2
 * does not like toasts dismissed and added faster than they animate */
static void
forget_toast (VerkanChartEditor *self)
{
  self->shown_toast = NULL;
}

static void
show_toast (VerkanChartEditor *self,
            const char        *title,
            guint              timeout)
{
  AdwToast *toast;

  if (self->shown_toast != NULL)
    {
      adw_toast_set_title (self->shown_toast, title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, timeout);
  self->shown_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (forget_toast), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ */
/* What is chosen                                                      */

static gboolean
uses_measure (VerkanChartEditor *self)
{
  return gtk_toggle_button_get_active (self->measure_toggle);
}

static const char *
current_measure (VerkanChartEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->measure_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->measure_uuids->len)
    return NULL;
  return g_ptr_array_index (self->measure_uuids, selected);
}

static const char *
current_measure_title (VerkanChartEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->measure_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->measure_titles->len)
    return NULL;
  return g_ptr_array_index (self->measure_titles, selected);
}

static gboolean
has_subject (VerkanChartEditor *self)
{
  return uses_measure (self) ? current_measure (self) != NULL : self->kpi != NULL;
}

/* Riket and groups are Kolada's; an own measure has values for
 * municipalities and the whole project only */
static gboolean
is_kolada_area (const char *id)
{
  return g_strcmp0 (id, RIKET) == 0 || (id != NULL && id[0] == 'G');
}

static gboolean
item_chosen (CompareItem *item)
{
  if (item->id == NULL || !gtk_widget_get_visible (item->row))
    return FALSE;
  return item->removable || gtk_check_button_get_active (GTK_CHECK_BUTTON (item->check));
}

static void
update_compare_rows (VerkanChartEditor *self)
{
  gboolean measure = uses_measure (self);

  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);

      gtk_widget_set_visible (item->row, !measure || !(is_kolada_area (item->id) || item->similar_for != NULL));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->group_button), !measure);
}

/* The ids ticked or added: @main TRUE for the project's municipalities,
 * FALSE for the comparisons, in the order of the rows */
static GStrv
dup_chosen (VerkanChartEditor *self,
            gboolean           main)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);

      if (item->main == main && item_chosen (item))
        g_strv_builder_add (builder, item->id);
    }

  return g_strv_builder_end (builder);
}

static guint
count_chosen (VerkanChartEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n += item_chosen (g_ptr_array_index (self->items, i)) ? 1 : 0;
  return n;
}

static VerkanChartKind
current_kind (VerkanChartEditor *self)
{
  if (gtk_toggle_button_get_active (self->bar_toggle))
    return VERKAN_CHART_KIND_BAR;
  if (gtk_toggle_button_get_active (self->gender_toggle))
    return VERKAN_CHART_KIND_GENDER;
  return VERKAN_CHART_KIND_LINE;
}

static int
first_year (VerkanChartEditor *self)
{
  return gtk_spin_button_get_value_as_int (self->first_spin);
}

static int
last_year (VerkanChartEditor *self)
{
  return gtk_spin_button_get_value_as_int (self->last_spin);
}

/* What Save would store, and what the preview draws */
static VerkanChartSpec *
build_spec (VerkanChartEditor *self)
{
  static const char genders[] = { 'T', 'K', 'M' };
  VerkanChartSpec *spec;
  guint selected;

  spec = self->base_spec != NULL ? verkan_chart_spec_copy (self->base_spec)
                                 : verkan_chart_spec_new ();
  if (spec == NULL)
    return NULL;

  g_clear_pointer (&spec->kpi, g_free);
  g_clear_pointer (&spec->measure, g_free);
  if (uses_measure (self))
    spec->measure = g_strdup (current_measure (self));
  else
    spec->kpi = g_strdup (self->kpi);

  spec->kind = current_kind (self);
  selected = adw_combo_row_get_selected (self->gender_row);
  spec->gender = selected < G_N_ELEMENTS (genders) ? genders[selected] : 'T';

  g_strfreev (spec->municipalities);
  spec->municipalities = dup_chosen (self, TRUE);
  g_strfreev (spec->comparisons);
  spec->comparisons = dup_chosen (self, FALSE);

  spec->first_year = self->first_year_auto ? 0 : first_year (self);
  spec->last_year = self->last_year_auto ? 0 : last_year (self);
  selected = adw_combo_row_get_selected (self->year_row);
  spec->year = selected != GTK_INVALID_LIST_POSITION && selected < self->shown_years->len
               ? g_array_index (self->shown_years, int, selected) : 0;

  spec->project_period = gtk_switch_get_active (self->period_switch);
  g_clear_pointer (&spec->indicator, g_free);
  selected = adw_combo_row_get_selected (self->indicator_row);
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->indicator_uuids->len)
    spec->indicator = g_strdup (g_ptr_array_index (self->indicator_uuids, selected));

  spec->quartiles = gtk_switch_get_active (self->quartile_switch);
  switch (adw_combo_row_get_selected (self->direction_row))
    {
    case 1:
      spec->direction = VERKAN_DIRECTION_HIGHER_IS_BETTER;
      break;
    case 2:
      spec->direction = VERKAN_DIRECTION_LOWER_IS_BETTER;
      break;
    default:
      spec->direction = VERKAN_DIRECTION_UNKNOWN;
      break;
    }

  return spec;
}

/* The title typed, or the KPI's or measure's when none was */
static char *
dup_title (VerkanChartEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*title != '\0')
    return g_steal_pointer (&title);
  if (uses_measure (self))
    return g_strdup (current_measure_title (self) != NULL ? current_measure_title (self) : "");
  return g_strdup (self->kpi_title != NULL ? self->kpi_title : "");
}

static char *
dup_caption (VerkanChartEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->caption_row))));
}

/* The title follows the KPI or measure until the person types one */
static void
follow_title (VerkanChartEditor *self)
{
  const char *title;

  if (self->title_edited)
    return;

  title = uses_measure (self) ? current_measure_title (self) : self->kpi_title;
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
  self->updating--;
}

/* ------------------------------------------------------------------ */
/* The status line and the preview                                     */

typedef struct {
  char     *kolada_oldest;   /* fetched_at, ISO */
  char     *kolada_newest;
  char     *snapshot_oldest;
} Stored;

static void
stored_free (gpointer data)
{
  Stored *stored = data;

  g_free (stored->kolada_oldest);
  g_free (stored->kolada_newest);
  g_free (stored->snapshot_oldest);
  g_free (stored);
}

static void
keep_oldest (char       **slot,
             const char  *date)
{
  if (*slot == NULL || strcmp (date, *slot) < 0)
    replace_str (slot, date);
}

static void
keep_newest (char       **slot,
             const char  *date)
{
  if (*slot == NULL || strcmp (date, *slot) > 0)
    replace_str (slot, date);
}

/* "2026-11-22" of "2026-11-22T10:15:00Z" */
static char *
date_part (const char *iso)
{
  return g_strndup (iso != NULL ? iso : "", 10);
}

static char *
describe_measure (VerkanChartEditor *self)
{
  const char *uuid = current_measure (self);
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GPtrArray) values = NULL;
  gint64 id = 0;
  guint n;

  if (uuid == NULL)
    return g_strdup (_("Choose an own measure, or make a new one."));

  measures = verkan_project_list_rows (self->project, "own_measure", "uuid",
                                       g_variant_new_string (uuid), NULL);
  if (measures != NULL && measures->len > 0)
    id = row_int (g_ptr_array_index (measures, 0), "id", 0);
  values = verkan_project_list_rows (self->project, "own_value", "measure_id",
                                     g_variant_new_int64 (id), NULL);
  n = values != NULL ? values->len : 0;
  if (n == 0)
    return g_strdup (_("No values yet: “Edit Values…” types them in or imports a CSV file."));

  /* Translators: the status line of a chart of an own measure */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Own measure with %u value",
                                       "Own measure with %u values", n), n);
}

/* What the project stores for the chosen KPI and areas: "Values fetched
 * 2026-11-22", "Snapshot of 2024-01-15", "Nothing fetched yet for Nora" */
static char *
describe_stored (VerkanChartEditor *self)
{
  g_auto(GStrv) mains = dup_chosen (self, TRUE);
  g_auto(GStrv) comparisons = dup_chosen (self, FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  const char *kpis[] = { self->kpi, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kolada_oldest = NULL;
  g_autofree char *kolada_newest = NULL;
  g_autofree char *snapshot = NULL;
  guint n_ids;

  self->stored_split = FALSE;

  /* The preview says what to do */
  if (self->kpi == NULL)
    return g_strdup ("");

  g_strv_builder_addv (builder, (const char **) mains);
  g_strv_builder_addv (builder, (const char **) comparisons);
  ids = g_strv_builder_end (builder);
  n_ids = g_strv_length (ids);
  if (n_ids == 0)
    return g_strdup (_("Choose at least one municipality or group to compare."));

  rows = verkan_kolada_store_list_values (self->project, kpis, (const char * const *) ids, NULL);
  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stored_free);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      const char *municipality = row_string (row, "municipality");
      const char *fetched = row_string (row, "fetched_at");
      const char *origin = row_string (row, "origin");
      const char *gender = row_string (row, "gender");
      Stored *entry = g_hash_table_lookup (stored, municipality);

      if (entry == NULL)
        {
          entry = g_new0 (Stored, 1);
          g_hash_table_insert (stored, g_strdup (municipality), entry);
        }
      if (*fetched == '\0')
        continue;
      if (g_str_equal (origin, "kolada"))
        {
          keep_oldest (&entry->kolada_oldest, fetched);
          keep_newest (&entry->kolada_newest, fetched);
        }
      else
        {
          keep_oldest (&entry->snapshot_oldest, fetched);
        }
      if (g_str_equal (gender, "K") || g_str_equal (gender, "M"))
        self->stored_split = TRUE;
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);
      Stored *entry;

      if (!item_chosen (item))
        continue;
      entry = g_hash_table_lookup (stored, item->id);
      if (entry == NULL)
        {
          g_ptr_array_add (missing, item->label);
          continue;
        }
      if (entry->kolada_oldest != NULL)
        {
          keep_oldest (&kolada_oldest, entry->kolada_oldest);
          keep_newest (&kolada_newest, entry->kolada_newest);
        }
      if (entry->snapshot_oldest != NULL)
        keep_oldest (&snapshot, entry->snapshot_oldest);
    }

  if (kolada_oldest != NULL)
    {
      g_autofree char *oldest = date_part (kolada_oldest);
      g_autofree char *newest = date_part (kolada_newest);

      if (g_str_equal (oldest, newest))
        /* Translators: the date Kolada's values were fetched */
        g_ptr_array_add (parts, g_strdup_printf (_("Values fetched %s"), oldest));
      else
        /* Translators: "Values fetched 2026-10-01 to 2026-11-22" */
        g_ptr_array_add (parts, g_strdup_printf (_("Values fetched %s to %s"), oldest, newest));
    }
  if (snapshot != NULL)
    {
      g_autofree char *date = date_part (snapshot);

      /* Translators: values from the snapshot shipped with Verkan, of that date */
      g_ptr_array_add (parts, g_strdup_printf (_("Snapshot of %s"), date));
    }
  if (missing->len > 3 && missing->len == n_ids)
    {
      g_ptr_array_add (parts, g_strdup (_("Nothing fetched yet: “Fetch from Kolada” gets the values")));
    }
  else if (missing->len > 0 && missing->len <= 3)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (missing, NULL);
      names = g_strjoinv (", ", (char **) missing->pdata);
      /* Translators: %s names municipalities or groups: "Nothing fetched yet for Nora" */
      g_ptr_array_add (parts, g_strdup_printf (_("Nothing fetched yet for %s"), names));
    }
  else if (missing->len > 3)
    {
      /* Translators: "Nothing fetched yet for 5 of the 9 chosen" */
      g_ptr_array_add (parts, g_strdup_printf (_("Nothing fetched yet for %u of the %u chosen"),
                                               missing->len, n_ids));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_kind_sensitivity (VerkanChartEditor *self)
{
  gboolean split = !uses_measure (self) && self->kpi != NULL
                   && (self->kpi_split || self->stored_split);
  VerkanChartKind kind;

  gtk_widget_set_sensitive (GTK_WIDGET (self->gender_toggle), split);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->gender_toggle),
                               split ? NULL : _("Only for KPIs split by gender"));
  if (!split && gtk_toggle_button_get_active (self->gender_toggle))
    gtk_toggle_button_set_active (self->line_toggle, TRUE);

  kind = current_kind (self);
  gtk_widget_set_visible (GTK_WIDGET (self->gender_row), kind != VERKAN_CHART_KIND_GENDER);
  gtk_widget_set_sensitive (GTK_WIDGET (self->gender_row), split);
  if (!split && adw_combo_row_get_selected (self->gender_row) != 0)
    adw_combo_row_set_selected (self->gender_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->year_row), kind != VERKAN_CHART_KIND_LINE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->direction_row),
                            gtk_switch_get_active (self->quartile_switch));
  /* Without a direction the bands are grey */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->direction_row),
                               gtk_switch_get_active (self->quartile_switch)
                               && adw_combo_row_get_selected (self->direction_row) == 0
                               && adw_combo_row_get_selected (self->indicator_row) == 0
                               ? _("No indicator is chosen: pick a direction to colour the bands")
                               : "");
}

static void
update_status (VerkanChartEditor *self)
{
  g_autofree char *text = uses_measure (self) ? describe_measure (self) : describe_stored (self);

  gtk_label_set_label (self->status_label, text);
  update_kind_sensitivity (self);
}

static void
update_preview (VerkanChartEditor *self)
{
  g_autoptr(VerkanChartSpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  VerkanChartData *data = NULL;

  update_status (self);

  spec = has_subject (self) ? build_spec (self) : NULL;
  if (spec != NULL)
    {
      title = dup_title (self);
      caption = dup_caption (self);
      data = verkan_chart_data_load (self->project, spec, title,
                                     *caption != '\0' ? caption : NULL, &error);
    }

  if (error != NULL)
    {
      gtk_label_set_label (self->note_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
  else if (data != NULL && data->illustrative_note != NULL)
    {
      gtk_label_set_label (self->note_label, data->illustrative_note);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
    }

  gtk_stack_set_visible_child_name (self->preview_stack, spec != NULL ? "chart" : "empty");
  verkan_chart_view_set_data (self->preview, data);
}

static gboolean
preview_timeout (gpointer user_data)
{
  VerkanChartEditor *self = user_data;

  self->preview_id = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (VerkanChartEditor *self)
{
  if (self->disposed || self->updating > 0)
    return;

  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout, self);
  update_actions (self);
}

static void
on_setting_changed (VerkanChartEditor *self)
{
  schedule_preview (self);
}

/* ------------------------------------------------------------------ */
/* The KPI                                                             */

/* Title, description, gender split and publication dates: from
 * kolada_kpi when the project has fetched the KPI, else the catalog */
static void
update_kpi_card (VerkanChartEditor *self)
{
  g_autoptr(GVariant) row = NULL;
  const VerkanKpi *kpi = NULL;
  const char *title = NULL;
  const char *description = NULL;
  const char *published = NULL;
  const char *preliminary = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);

  if (self->kpi == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->kpi_id_label), FALSE);
      gtk_label_set_label (self->kpi_title_label, _("No KPI chosen"));
      gtk_label_set_label (self->kpi_description_label,
                           _("Search above by id, such as N31807, or by words of the title, such as “ekonomiskt bistånd”."));
      gtk_widget_set_visible (GTK_WIDGET (self->kpi_facts_label), FALSE);
      self->kpi_split = FALSE;
      return;
    }

  row = verkan_kolada_store_get_kpi (self->project, self->kpi);
  kpi = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), self->kpi);

  if (row != NULL)
    {
      title = row_string (row, "title");
      description = row_string (row, "description");
      published = row_string (row, "publication_date");
      preliminary = row_string (row, "prel_publication_date");
      self->kpi_split = row_int (row, "is_divided_by_gender", 0) != 0;
    }
  if (kpi != NULL)
    {
      if (title == NULL || *title == '\0')
        title = kpi->title;
      if (description == NULL || *description == '\0')
        description = kpi->description;
      if (published == NULL || *published == '\0')
        published = kpi->publication_date;
      if (preliminary == NULL || *preliminary == '\0')
        preliminary = kpi->prel_publication_date;
      if (row == NULL)
        self->kpi_split = kpi->is_divided_by_gender;
    }

  replace_str (&self->kpi_title, title != NULL && *title != '\0' ? title : NULL);

  gtk_label_set_label (self->kpi_id_label, self->kpi);
  gtk_widget_set_visible (GTK_WIDGET (self->kpi_id_label), TRUE);
  gtk_label_set_label (self->kpi_title_label,
                       self->kpi_title != NULL ? self->kpi_title : _("A KPI not in the catalog"));
  if (description != NULL && *description != '\0')
    gtk_label_set_label (self->kpi_description_label, description);
  else
    gtk_label_set_label (self->kpi_description_label,
                         _("The offline catalog has no description; fetching the values brings Kolada’s."));

  if (row != NULL || (kpi != NULL && kpi->is_divided_by_gender))
    g_string_append (facts, self->kpi_split ? _("Split by gender: yes")
                                            : _("Split by gender: no"));
  else
    g_string_append (facts, _("Split by gender: not known until fetched"));
  if (published != NULL && *published != '\0')
    {
      g_string_append (facts, " · ");
      /* Translators: the date Kolada published the KPI's latest values */
      g_string_append_printf (facts, _("Published %s"), published);
    }
  if (preliminary != NULL && *preliminary != '\0')
    {
      g_string_append (facts, " · ");
      /* Translators: the date Kolada published preliminary values */
      g_string_append_printf (facts, _("Preliminary %s"), preliminary);
    }
  gtk_label_set_label (self->kpi_facts_label, facts->str);
  gtk_widget_set_visible (GTK_WIDGET (self->kpi_facts_label), TRUE);
}

/* The logic-model indicators that use the KPI, for baseline and target */
static void
update_indicators (VerkanChartEditor *self,
                   const char        *keep)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *selected = g_strdup (keep);
  guint position = 0;

  if (selected == NULL)
    {
      guint current = adw_combo_row_get_selected (self->indicator_row);

      if (current != GTK_INVALID_LIST_POSITION && current < self->indicator_uuids->len)
        selected = g_strdup (g_ptr_array_index (self->indicator_uuids, current));
    }

  g_ptr_array_set_size (self->indicator_uuids, 0);
  /* Translators: no baseline and target drawn */
  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (self->indicator_uuids, NULL);

  if (!uses_measure (self) && self->kpi != NULL)
    rows = verkan_project_list_rows (self->project, "indicator", "kolada_kpi",
                                     g_variant_new_string (self->kpi), NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      g_autoptr(GVariant) element = NULL;
      g_autoptr(GVariant) model = NULL;
      g_autoptr(GString) label = g_string_new (NULL);
      double baseline, target;

      element = verkan_project_get_row (self->project, "model_element",
                                        row_int (row, "element_id", 0), NULL);
      if (element != NULL)
        model = verkan_project_get_row (self->project, "logic_model",
                                        row_int (element, "model_id", 0), NULL);

      g_string_append (label, model != NULL && *row_string (model, "title") != '\0'
                              ? row_string (model, "title") : row_string (row, "name"));
      g_string_append (label, ": ");
      if (row_double (row, "baseline_value", &baseline))
        {
          g_autofree char *number = verkan_format_number (baseline, -1);

          g_string_append (label, number);
          if (row_int (row, "baseline_year", 0) > 0)
            g_string_append_printf (label, " (%" G_GINT64_FORMAT ")", row_int (row, "baseline_year", 0));
        }
      else
        {
          g_string_append (label, "–");
        }
      g_string_append (label, " → ");
      if (row_double (row, "target_value", &target))
        {
          g_autofree char *number = verkan_format_number (target, -1);

          g_string_append (label, number);
          if (row_int (row, "target_year", 0) > 0)
            g_string_append_printf (label, " (%" G_GINT64_FORMAT ")", row_int (row, "target_year", 0));
        }
      else
        {
          g_string_append (label, "–");
        }

      gtk_string_list_append (labels, label->str);
      g_ptr_array_add (self->indicator_uuids, g_strdup (row_string (row, "uuid")));
      if (g_strcmp0 (selected, row_string (row, "uuid")) == 0)
        position = self->indicator_uuids->len - 1;
    }

  self->updating++;
  adw_combo_row_set_model (self->indicator_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->indicator_row, position);
  self->updating--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->indicator_row), self->indicator_uuids->len > 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->indicator_row),
                               self->indicator_uuids->len > 1
                               ? _("From a logic-model indicator that uses this KPI")
                               : _("No logic-model indicator uses this KPI"));
}

static void
choose_kpi (VerkanChartEditor *self,
            const char        *id)
{
  if (id == NULL || *id == '\0')
    return;

  replace_str (&self->kpi, id);

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->kpi_search), "");
  self->updating--;
  clear_list_box (self->kpi_results);
  gtk_widget_set_visible (GTK_WIDGET (self->kpi_results), FALSE);

  update_kpi_card (self);
  update_indicators (self, NULL);
  follow_title (self);
  update_status (self);
  schedule_preview (self);
}

static void
on_kpi_chosen_in_dialog (VerkanChartEditor *self,
                         const char        *id,
                         const char        *title)
{
  choose_kpi (self, id);
}

static GtkWidget *
new_kpi_hit_row (const VerkanKpi *kpi)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *id = gtk_label_new (kpi->id);
  GtkWidget *title = gtk_label_new (kpi->title);
  g_autofree char *accessible = g_strdup_printf ("%s %s", kpi->id, kpi->title);

  gtk_label_set_xalign (GTK_LABEL (id), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (id), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (id), 7);
  gtk_widget_add_css_class (id, "numeric");
  gtk_widget_add_css_class (id, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);

  gtk_box_append (GTK_BOX (box), id);
  gtk_box_append (GTK_BOX (box), title);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "kpi-id", g_strdup (kpi->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static GtkWidget *
new_note_row (const char *text,
              gboolean    activatable)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  if (!activatable)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), activatable);
  return row;
}

static void
update_kpi_results (VerkanChartEditor *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->kpi_search))));
  g_autoptr(GPtrArray) hits = NULL;
  guint shown;

  clear_list_box (self->kpi_results);
  if (*query == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->kpi_results), FALSE);
      return;
    }

  hits = verkan_kpi_catalog_search (verkan_kpi_catalog_get_default (), query, 0);
  shown = hits != NULL ? MIN (hits->len, MAX_KPI_HITS) : 0;
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->kpi_results, new_kpi_hit_row (g_ptr_array_index (hits, i)));

  if (hits != NULL && hits->len > shown)
    {
      g_autofree char *total = verkan_format_number (hits->len, 0);
      g_autofree char *text = NULL;
      GtkWidget *row;

      /* Translators: the last row of the search hits; opens a dialog with all of them */
      text = g_strdup_printf (_("Show all %s matches…"), total);
      row = new_note_row (text, TRUE);
      gtk_widget_set_name (row, "chart-kpi-more");
      g_object_set_data (G_OBJECT (row), "more", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->kpi_results, row);
    }
  else if (shown == 0)
    {
      gtk_list_box_append (self->kpi_results,
                           new_note_row (_("No KPI matches. Try fewer or other words, or the start of an id such as N318."),
                                         FALSE));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->kpi_results), TRUE);
}

static void
on_kpi_search_changed (VerkanChartEditor *self)
{
  if (self->updating == 0)
    update_kpi_results (self);
}

static void
activate_kpi_row (VerkanChartEditor *self,
                  GtkListBoxRow     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "kpi-id");

  if (g_object_get_data (G_OBJECT (row), "more") != NULL)
    {
      GtkWidget *chooser = verkan_kpi_chooser_new (GTK_WINDOW (self),
                                                   gtk_editable_get_text (GTK_EDITABLE (self->kpi_search)));

      g_signal_connect_object (chooser, "kpi-chosen", G_CALLBACK (on_kpi_chosen_in_dialog),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (chooser));
      return;
    }

  if (id != NULL)
    choose_kpi (self, id);
}

static void
on_kpi_result_activated (GtkListBox        *list,
                         GtkListBoxRow     *row,
                         VerkanChartEditor *self)
{
  activate_kpi_row (self, row);
}

static void
on_kpi_search_activate (VerkanChartEditor *self)
{
  GtkListBoxRow *first;

  /* Enter may come before the entry's pause is over */
  update_kpi_results (self);
  first = gtk_list_box_get_row_at_index (self->kpi_results, 0);
  if (first != NULL && g_object_get_data (G_OBJECT (first), "kpi-id") != NULL)
    activate_kpi_row (self, first);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->kpi_search));
}

static void
on_kpi_stop_search (VerkanChartEditor *self)
{
  /* Escape clears the search first, then cancels the editor */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->kpi_search)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->kpi_search), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_kpi_search_key (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   VerkanChartEditor     *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
      && gtk_widget_get_visible (GTK_WIDGET (self->kpi_results))
      && gtk_list_box_get_row_at_index (self->kpi_results, 0) != NULL)
    {
      gtk_widget_child_focus (GTK_WIDGET (self->kpi_results), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Own measures                                                        */

static void
update_measures (VerkanChartEditor *self,
                 const char        *keep)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (self->project, "own_measure", NULL, NULL, NULL);
  g_autofree char *selected = g_strdup (keep != NULL ? keep : current_measure (self));
  guint position = 0;

  g_ptr_array_set_size (self->measure_uuids, 0);
  g_ptr_array_set_size (self->measure_titles, 0);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      const char *title = row_string (row, "title");

      /* Translators: an own measure that has no title yet */
      gtk_string_list_append (labels, *title != '\0' ? title : _("Untitled measure"));
      g_ptr_array_add (self->measure_uuids, g_strdup (row_string (row, "uuid")));
      g_ptr_array_add (self->measure_titles, g_strdup (title));
      if (g_strcmp0 (selected, row_string (row, "uuid")) == 0)
        position = i;
    }

  self->updating++;
  adw_combo_row_set_model (self->measure_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->measure_row,
                              self->measure_uuids->len > 0 ? position : GTK_INVALID_LIST_POSITION);
  self->updating--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->measure_row), self->measure_uuids->len > 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->measure_row),
                               self->measure_uuids->len > 0 ? ""
                               : _("The project has no own measures yet"));
  gtk_widget_set_sensitive (self->edit_measure_button, self->measure_uuids->len > 0);
}

static void
on_measure_selected (VerkanChartEditor *self)
{
  if (self->updating > 0)
    return;
  follow_title (self);
  schedule_preview (self);
}

static void
on_measure_dialog_closed (VerkanChartEditor      *self,
                          VerkanOwnMeasureDialog *dialog)
{
  gint64 id = verkan_own_measure_dialog_get_measure_id (dialog);
  g_autoptr(GVariant) row = NULL;

  if (self->disposed || id <= 0)
    return;

  row = verkan_project_get_row (self->project, "own_measure", id, NULL);
  update_measures (self, row != NULL ? row_string (row, "uuid") : NULL);
  follow_title (self);
  schedule_preview (self);
}

static void
open_measure_dialog (VerkanChartEditor *self,
                     gint64             measure_id)
{
  GtkWidget *dialog = verkan_own_measure_dialog_new (self->project, measure_id, GTK_WINDOW (self));

  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_measure_dialog_closed),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_measure (VerkanChartEditor *self)
{
  open_measure_dialog (self, 0);
}

static void
on_edit_measure (VerkanChartEditor *self)
{
  const char *uuid = current_measure (self);
  g_autoptr(GPtrArray) rows = NULL;

  if (uuid == NULL)
    return;
  rows = verkan_project_list_rows (self->project, "own_measure", "uuid",
                                   g_variant_new_string (uuid), NULL);
  if (rows != NULL && rows->len > 0)
    open_measure_dialog (self, row_int (g_ptr_array_index (rows, 0), "id", 0));
}

/* Both buttons say when they change; the one turned off speaks first,
 * before the other is on */
static void
on_source_toggled (VerkanChartEditor *self,
                   GtkToggleButton   *button)
{
  gboolean measure = uses_measure (self);

  if (!gtk_toggle_button_get_active (button))
    return;

  gtk_stack_set_visible_child_name (self->what_stack, measure ? "measure" : "kpi");
  update_compare_rows (self);
  update_indicators (self, NULL);
  /* A new chart of an own measure shows the years it has */
  if (self->chart_id <= 0 && !self->first_year_touched)
    {
      self->first_year_auto = measure;
      update_last_row (self);
    }
  if (self->updating > 0)
    return;
  follow_title (self);
  schedule_preview (self);
}

/* ------------------------------------------------------------------ */
/* What to compare                                                     */

static CompareItem *
find_item (VerkanChartEditor *self,
           const char        *id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

static void
on_compare_toggled (VerkanChartEditor *self)
{
  schedule_preview (self);
}

static void
on_remove_item (GtkButton         *button,
                VerkanChartEditor *self)
{
  CompareItem *item = g_object_get_data (G_OBJECT (button), "item");

  adw_preferences_group_remove (self->compare_group, item->row);
  g_ptr_array_remove (self->items, item);
  schedule_preview (self);
}

static void
set_item_subtitle (CompareItem *item,
                   const char  *subtitle)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item->row), subtitle != NULL ? subtitle : "");
}

/* "G175966 · 7 municipalities" */
static char *
describe_group (const VerkanMunicipalityGroup *group)
{
  guint n = group->members != NULL ? g_strv_length (group->members) : 0;

  /* Translators: a municipality group's id and its number of members */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u municipality",
                                       "%s · %u municipalities", n),
                          group->id, n);
}

static CompareItem *
add_item (VerkanChartEditor *self,
          const char        *id,
          const char        *label,
          const char        *subtitle,
          gboolean           main,
          gboolean           removable,
          gboolean           chosen)
{
  CompareItem *item = g_new0 (CompareItem, 1);
  g_autofree char *name = g_strdup_printf ("compare-%s", id != NULL ? id : "none");

  item->id = g_strdup (id);
  item->label = g_strdup (label);
  item->main = main;
  item->removable = removable;

  item->row = adw_action_row_new ();
  gtk_widget_set_name (item->row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row), label);
  set_item_subtitle (item, subtitle);

  if (removable)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *button_name = g_strdup_printf ("compare-remove-%s", id);
      /* Translators: the tooltip of the button that takes a municipality
       * or group out of a chart: "Remove Riket" */
      g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), label);

      gtk_widget_set_name (button, button_name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      g_object_set_data (G_OBJECT (button), "item", item);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_item), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (item->row), button);
    }
  else
    {
      g_autofree char *check_name = g_strdup_printf ("compare-check-%s", id != NULL ? id : "none");

      item->check = gtk_check_button_new ();
      gtk_widget_set_name (item->check, check_name);
      gtk_widget_set_valign (item->check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (item->check), chosen);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item->check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (item->check, "toggled", G_CALLBACK (on_compare_toggled),
                               self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item->row), item->check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item->row), item->check);
    }

  adw_preferences_group_add (self->compare_group, item->row);
  g_ptr_array_add (self->items, item);
  return item;
}

/* A comparison the person added: a municipality or a group */
static void
add_comparison (VerkanChartEditor *self,
                const char        *id)
{
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;
  const VerkanMunicipalityGroup *group;
  CompareItem *item = find_item (self, id);

  if (item != NULL)
    {
      /* Already there: tick it */
      if (item->check != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (item->check), TRUE);
      return;
    }

  label = area_label (id);
  group = id[0] == 'G' ? verkan_group_catalog_lookup (id) : NULL;
  subtitle = group != NULL ? describe_group (group) : g_strdup (id);
  add_item (self, id, label, subtitle, FALSE, TRUE, TRUE);
  schedule_preview (self);
}

static void
on_municipality_chosen (VerkanChartEditor *self,
                        const char        *code,
                        const char        *name)
{
  add_comparison (self, code);
}

static void
on_add_municipality (VerkanChartEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) taken = NULL;
  VerkanMunicipalityChooser *chooser;

  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);

      if (item->id != NULL)
        g_strv_builder_add (builder, item->id);
    }
  taken = g_strv_builder_end (builder);

  chooser = verkan_municipality_chooser_new (GTK_WINDOW (self), (const char * const *) taken);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_municipality_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
update_group_results (VerkanChartEditor *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->group_search));
  g_autoptr(GPtrArray) hits = NULL;

  clear_list_box (self->group_results);
  hits = verkan_group_catalog_search (query, MAX_GROUP_HITS);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      const VerkanMunicipalityGroup *group = g_ptr_array_index (hits, i);
      g_autofree char *subtitle = describe_group (group);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (group->title);
      GtkWidget *id = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_xalign (GTK_LABEL (id), 0.0f);
      gtk_widget_add_css_class (id, "caption");
      gtk_widget_add_css_class (id, "dim-label");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), id);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "group-id", g_strdup (group->id), g_free);
      gtk_list_box_append (self->group_results, row);
    }

  if (hits == NULL || hits->len == 0)
    gtk_list_box_append (self->group_results,
                         new_note_row (*query != '\0' ? _("No group matches.")
                                                      : _("Type words of a group’s title, such as “Liknande kommuner” or “län”."),
                                       FALSE));
}

static void
on_group_search_changed (VerkanChartEditor *self)
{
  update_group_results (self);
}

static void
on_group_popover_show (VerkanChartEditor *self)
{
  update_group_results (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->group_search));
}

static void
choose_group_row (VerkanChartEditor *self,
                  GtkListBoxRow     *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "group-id") : NULL;

  if (id == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->group_search));
      return;
    }
  add_comparison (self, id);
  gtk_popover_popdown (self->group_popover);
}

static void
on_group_result_activated (GtkListBox        *list,
                           GtkListBoxRow     *row,
                           VerkanChartEditor *self)
{
  choose_group_row (self, row);
}

static void
on_group_search_activate (VerkanChartEditor *self)
{
  update_group_results (self);
  choose_group_row (self, gtk_list_box_get_row_at_index (self->group_results, 0));
}

/* Points a "Liknande kommuner" row at @group, unless the saved chart
 * pinned it to the group it was drawn with */
static void
set_similar_group (CompareItem                   *item,
                   const VerkanMunicipalityGroup *group)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  if (item->pinned)
    return;

  if (group == NULL)
    {
      g_clear_pointer (&item->id, g_free);
      gtk_widget_set_sensitive (item->row, FALSE);
      set_item_subtitle (item, _("Not among the saved groups; looked up in Kolada when it can be reached"));
      return;
    }

  replace_str (&item->id, group->id);
  subtitle = describe_group (group);
  set_item_subtitle (item, subtitle);
  gtk_widget_set_sensitive (item->row, TRUE);
}

typedef struct {
  VerkanChartEditor *self;   /* a reference */
  char              *code;
} SimilarLookup;

static void
similar_lookup_free (SimilarLookup *lookup)
{
  g_object_unref (lookup->self);
  g_free (lookup->code);
  g_free (lookup);
}

/* The year at the end of "Liknande kommuner ekonomiskt bistånd, Nora, 2022" */
static int
title_year (const char *title)
{
  const char *comma = strrchr (title, ',');

  return comma != NULL ? (int) g_ascii_strtoll (comma + 1, NULL, 10) : 0;
}

static void
on_similar_found (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SimilarLookup *lookup = user_data;
  VerkanChartEditor *self = lookup->self;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  const VerkanMunicipalityGroup *best = NULL;
  const VerkanMunicipality *municipality;
  g_autofree char *prefix = NULL;

  groups = verkan_kolada_client_find_groups_finish (VERKAN_KOLADA_CLIENT (source), result, &error);
  if (self->disposed || groups == NULL)
    {
      /* Offline: the saved groups stay */
      similar_lookup_free (lookup);
      return;
    }

  municipality = verkan_municipality_catalog_lookup (lookup->code);
  prefix = g_strconcat (SIMILAR_PREFIX, municipality != NULL ? municipality->name : lookup->code,
                        ",", NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      const VerkanMunicipalityGroup *group = g_ptr_array_index (groups, i);

      /* "…, Nora, 2022", not "…, Norberg, 2022" */
      if (group->title != NULL && g_str_has_prefix (group->title, prefix)
          && (best == NULL || title_year (group->title) > title_year (best->title)))
        best = group;
    }

  for (guint i = 0; best != NULL && i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->similar_for, lookup->code) == 0)
        {
          set_similar_group (item, best);
          schedule_preview (self);
        }
    }

  similar_lookup_free (lookup);
}

static void
look_up_similar_online (VerkanChartEditor *self)
{
  if (self->client == NULL)
    return;

  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);
      const VerkanMunicipality *municipality;
      SimilarLookup *lookup;
      g_autofree char *title = NULL;

      if (item->similar_for == NULL || item->pinned)
        continue;
      municipality = verkan_municipality_catalog_lookup (item->similar_for);
      if (municipality == NULL)
        continue;

      lookup = g_new0 (SimilarLookup, 1);
      lookup->self = g_object_ref (self);
      lookup->code = g_strdup (item->similar_for);
      title = g_strconcat (SIMILAR_PREFIX, municipality->name, NULL);
      verkan_kolada_client_find_groups_async (self->client, title, self->cancellable,
                                              on_similar_found, lookup);
    }
}

/* The project's municipalities (ticked), Riket, all municipalities, and
 * the similar municipalities of each project municipality */
static void
fill_compare (VerkanChartEditor *self)
{
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autofree char *riket = area_label (RIKET);
  g_autofree char *all = area_label (VERKAN_GROUP_ALL_MUNICIPALITIES);
  g_autofree char *all_subtitle = NULL;

  municipalities = verkan_project_list_rows (self->project, "municipality", NULL, NULL, NULL);
  for (guint i = 0; municipalities != NULL && i < municipalities->len; i++)
    {
      GVariant *row = g_ptr_array_index (municipalities, i);
      const char *code = row_string (row, "code");
      const char *name = row_string (row, "name");

      if (*code != '\0')
        add_item (self, code, *name != '\0' ? name : code, code, TRUE, FALSE, TRUE);
    }

  add_item (self, RIKET, riket, _("The whole country"), FALSE, FALSE, FALSE);
  /* Translators: G2328 is Kolada's group of all municipalities; its value
   * is the plain mean of theirs */
  all_subtitle = g_strdup_printf (_("%s · the unweighted mean of all municipalities"),
                                  VERKAN_GROUP_ALL_MUNICIPALITIES);
  add_item (self, VERKAN_GROUP_ALL_MUNICIPALITIES, all, all_subtitle, FALSE, FALSE, FALSE);

  for (guint i = 0; municipalities != NULL && i < municipalities->len; i++)
    {
      GVariant *row = g_ptr_array_index (municipalities, i);
      const char *code = row_string (row, "code");
      const char *name = row_string (row, "name");
      g_autofree char *label = NULL;
      CompareItem *item;

      if (*code == '\0')
        continue;
      label = g_strconcat (SIMILAR_PREFIX, *name != '\0' ? name : code, NULL);
      item = add_item (self, NULL, label, NULL, FALSE, FALSE, FALSE);
      item->similar_for = g_strdup (code);
      {
        g_autofree char *row_name = g_strdup_printf ("compare-similar-%s", code);
        g_autofree char *check_name = g_strdup_printf ("compare-check-similar-%s", code);

        gtk_widget_set_name (item->row, row_name);
        gtk_widget_set_name (item->check, check_name);
      }
      set_similar_group (item, verkan_group_catalog_similar_for (code));
    }
}

/* The saved chart's areas: ticks the rows there are, pins a similar
 * group to the one it was drawn with, and adds the rest as removable */
static void
choose_from_spec (VerkanChartEditor     *self,
                  const VerkanChartSpec *spec)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CompareItem *item = g_ptr_array_index (self->items, i);

      if (item->check != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (item->check), FALSE);
    }

  for (int pass = 0; pass < 2; pass++)
    {
      GStrv ids = pass == 0 ? spec->municipalities : spec->comparisons;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          CompareItem *item = find_item (self, ids[i]);
          const VerkanMunicipalityGroup *group = NULL;

          if (item == NULL && ids[i][0] == 'G')
            {
              group = verkan_group_catalog_lookup (ids[i]);
              /* An older "Liknande kommuner" group of a project municipality */
              for (guint j = 0; group != NULL && item == NULL && j < self->items->len; j++)
                {
                  CompareItem *similar = g_ptr_array_index (self->items, j);
                  const VerkanMunicipality *municipality;
                  g_autofree char *prefix = NULL;

                  if (similar->similar_for == NULL)
                    continue;
                  municipality = verkan_municipality_catalog_lookup (similar->similar_for);
                  prefix = g_strconcat (SIMILAR_PREFIX,
                                        municipality != NULL ? municipality->name : "", ",", NULL);
                  if (group->title != NULL && g_str_has_prefix (group->title, prefix))
                    {
                      set_similar_group (similar, group);
                      similar->pinned = TRUE;
                      item = similar;
                    }
                }
            }

          if (item == NULL)
            {
              g_autofree char *label = area_label (ids[i]);
              g_autofree char *subtitle = group != NULL ? describe_group (group) : g_strdup (ids[i]);

              add_item (self, ids[i], label, subtitle, pass == 0, TRUE, TRUE);
            }
          else if (item->check != NULL)
            {
              gtk_check_button_set_active (GTK_CHECK_BUTTON (item->check), TRUE);
              if (item->similar_for != NULL)
                item->pinned = TRUE;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Years, kind, overlays                                               */

static void
update_year_choices (VerkanChartEditor *self,
                     int                keep)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint position = 0;
  int first = first_year (self);
  int last = last_year (self);
  int latest = 0;

  g_array_set_size (self->shown_years, 0);
  /* Translators: a bar chart shows the latest year that has values */
  gtk_string_list_append (labels, _("Latest with values"));
  g_array_append_val (self->shown_years, latest);

  for (int year = last; year >= first; year--)
    {
      g_autofree char *text = g_strdup_printf ("%d", year);

      gtk_string_list_append (labels, text);
      g_array_append_val (self->shown_years, year);
      if (year == keep)
        position = self->shown_years->len - 1;
    }

  self->updating++;
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->year_row, position);
  self->updating--;
}

static int
current_shown_year (VerkanChartEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->year_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->shown_years->len)
    return 0;
  return g_array_index (self->shown_years, int, selected);
}

/* A chart whose end follows the data says so: Kolada's newest year
 * comes a year or two after the year itself */
static void
update_last_row (VerkanChartEditor *self)
{
  adw_action_row_set_subtitle (self->first_row,
                               self->first_year_auto ? _("The chart starts at the first year with values") : "");
  adw_action_row_set_subtitle (self->last_row,
                               self->last_year_auto ? _("The chart ends at the newest year with values") : "");
}

static void
on_first_year_changed (VerkanChartEditor *self)
{
  if (self->updating > 0)
    return;
  self->first_year_auto = FALSE;
  self->first_year_touched = TRUE;
  update_last_row (self);
  if (first_year (self) > last_year (self))
    gtk_spin_button_set_value (self->last_spin, first_year (self));
  update_year_choices (self, current_shown_year (self));
  schedule_preview (self);
}

static void
on_last_year_changed (VerkanChartEditor *self)
{
  if (self->updating > 0)
    return;
  self->last_year_auto = FALSE;
  update_last_row (self);
  if (last_year (self) < first_year (self))
    gtk_spin_button_set_value (self->first_spin, last_year (self));
  update_year_choices (self, current_shown_year (self));
  schedule_preview (self);
}

static void
on_kind_toggled (VerkanChartEditor *self,
                 GtkToggleButton   *button)
{
  update_kind_sensitivity (self);
  schedule_preview (self);
}

static void
on_quartiles_changed (VerkanChartEditor *self)
{
  update_kind_sensitivity (self);
  schedule_preview (self);
}

static void
on_title_changed (VerkanChartEditor *self)
{
  if (self->updating == 0)
    self->title_edited = *gtk_editable_get_text (GTK_EDITABLE (self->title_row)) != '\0';
  schedule_preview (self);
}

static void
on_hide_banner (VerkanChartEditor *self)
{
  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
}

static void
fill_period (VerkanChartEditor *self)
{
  g_autoptr(GVariant) project = verkan_project_get_row (self->project, "project", 1, NULL);
  const char *start = row_string (project, "period_start");
  const char *end = row_string (project, "period_end");

  self->period_first = year_of (start);
  self->period_last = year_of (end);

  if (*start != '\0' && *end != '\0')
    {
      /* Translators: the project's period, "2021-10-01 – 2022-06-30" */
      g_autofree char *subtitle = g_strdup_printf (_("%s – %s, shaded"), start, end);

      adw_action_row_set_subtitle (self->period_row, subtitle);
    }
  else
    {
      adw_action_row_set_subtitle (self->period_row,
                                   _("The project has no period yet: set it on the Overview page"));
      gtk_switch_set_active (self->period_switch, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->period_row), FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* Fetching                                                            */

static gboolean
can_fetch (VerkanChartEditor *self)
{
  return self->fetch_cancellable == NULL
         && !uses_measure (self)
         && self->kpi != NULL
         && count_chosen (self) > 0
         && self->client != NULL
         && verkan_project_get_path (self->project) != NULL
         && !verkan_project_get_read_only (self->project);
}

static void
update_actions (VerkanChartEditor *self)
{
  if (self->disposed)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.fetch", can_fetch (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 has_subject (self) && !verkan_project_get_read_only (self->project));
}

static void
on_fetch_progress (guint        done,
                   guint        total,
                   const char  *message,
                   gpointer     user_data)
{
  VerkanChartEditor *self = user_data;

  if (self->disposed || self->fetch_cancellable == NULL)
    return;

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
  if (message != NULL)
    gtk_progress_bar_set_text (self->progress_bar, message);
}

static void
end_fetch (VerkanChartEditor *self)
{
  g_clear_object (&self->fetch_cancellable);
  gtk_widget_set_visible (self->progress_box, FALSE);
  update_actions (self);
}

static void
on_fetch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VerkanChartEditor) self = user_data;
  g_autoptr(VerkanKoladaFetchSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = verkan_kolada_client_fetch_values_finish (VERKAN_KOLADA_CLIENT (source), result, &error);
  if (self->disposed)
    return;

  end_fetch (self);

  if (summary == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("Fetch cancelled; the values stored before are kept"), 4);
      else if (g_error_matches (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_OFFLINE))
        gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
      else
        show_toast (self, error != NULL ? error->message : _("The values could not be fetched"), 8);
      update_preview (self);
      return;
    }

  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  {
    g_autofree char *count = verkan_format_number (summary->n_values, 0);
    g_autofree char *text = NULL;

    /* Translators: after fetching; %s is a number such as "1 284" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetched %s value from Kolada",
                                         "Fetched %s values from Kolada", summary->n_values),
                            count);
    show_toast (self, text, 4);
  }

  /* The KPI's description and gender split come with the values */
  update_kpi_card (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  update_preview (self);
}

static void
fetch (VerkanChartEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) mains = NULL;
  g_auto(GStrv) comparisons = NULL;
  g_auto(GStrv) areas = NULL;
  char *kpis[] = { self->kpi, NULL };
  VerkanKoladaRequest request = { 0 };

  if (!can_fetch (self))
    return;

  mains = dup_chosen (self, TRUE);
  comparisons = dup_chosen (self, FALSE);
  g_strv_builder_addv (builder, (const char **) mains);
  g_strv_builder_addv (builder, (const char **) comparisons);

  /* Quartile bands are drawn from every municipality */
  if (gtk_switch_get_active (self->quartile_switch))
    {
      const VerkanMunicipality *all;
      guint n = 0;

      all = verkan_municipality_catalog_get_all (&n);
      for (guint i = 0; i < n; i++)
        if (all[i].kind == 'K' && !g_strv_contains ((const char * const *) mains, all[i].code)
            && !g_strv_contains ((const char * const *) comparisons, all[i].code))
          g_strv_builder_add (builder, all[i].code);
    }
  areas = g_strv_builder_end (builder);

  request.kpis = kpis;
  request.municipalities = areas;
  request.first_year = first_year (self);
  request.last_year = last_year (self);

  self->fetch_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Asking Kolada…"));
  gtk_widget_set_visible (self->progress_box, TRUE);
  update_actions (self);

  verkan_kolada_client_fetch_values_async (self->client, self->project, &request, FALSE,
                                           self->fetch_cancellable,
                                           on_fetch_progress, self,
                                           on_fetch_done, g_object_ref (self));
}

static void
fetch_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  fetch (VERKAN_CHART_EDITOR (widget));
}

static void
on_cancel_fetch (VerkanChartEditor *self)
{
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
}

/* ------------------------------------------------------------------ */
/* Saving                                                              */

static gboolean
save (VerkanChartEditor *self)
{
  g_autoptr(VerkanChartSpec) spec = NULL;
  g_autofree char *json = NULL;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  g_autoptr(GError) error = NULL;

  if (!has_subject (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  verkan_field_binding_flush_all ();

  spec = build_spec (self);
  json = spec != NULL ? verkan_chart_spec_to_json (spec) : NULL;
  if (json == NULL)
    {
      show_toast (self, _("The chart could not be saved: its settings could not be written"), 8);
      return FALSE;
    }
  title = dup_title (self);
  caption = dup_caption (self);

  if (self->chart_id <= 0)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      gint64 id;

      g_variant_dict_insert (&dict, "title", "s", title);
      g_variant_dict_insert (&dict, "caption", "s", caption);
      g_variant_dict_insert (&dict, "spec", "s", json);
      id = verkan_project_insert (self->project, "chart", g_variant_dict_end (&dict), &error);
      if (id <= 0)
        {
          show_toast (self, error != NULL ? error->message : _("The chart could not be saved"), 8);
          return FALSE;
        }
      self->chart_id = id;
    }
  else
    {
      g_autoptr(GVariant) row = verkan_project_get_row (self->project, "chart", self->chart_id, &error);
      g_autoptr(VerkanCommand) command = NULL;

      if (row == NULL)
        {
          show_toast (self, error != NULL ? error->message : _("The chart is no longer in the project"), 8);
          return FALSE;
        }

      /* Translators: the undo step of saving a changed chart */
      command = verkan_command_new (_("Edit chart"));
      if (g_strcmp0 (row_string (row, "title"), title) != 0)
        verkan_command_update (command, "chart", self->chart_id, "title", g_variant_new_string (title));
      if (g_strcmp0 (row_string (row, "caption"), caption) != 0)
        verkan_command_update (command, "chart", self->chart_id, "caption", g_variant_new_string (caption));
      if (g_strcmp0 (row_string (row, "spec"), json) != 0)
        verkan_command_update (command, "chart", self->chart_id, "spec", g_variant_new_string (json));

      if (!verkan_command_is_empty (command)
          && !verkan_project_execute (self->project, command, &error))
        {
          show_toast (self, error->message, 8);
          return FALSE;
        }
    }

  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkanChartEditor *self = VERKAN_CHART_EDITOR (widget);

  g_object_ref (self);
  if (save (self))
    gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

/* ------------------------------------------------------------------ */
/* The project changing underneath                                     */

static void
on_project_changed (VerkanChartEditor *self,
                    const char        *table)
{
  if (self->disposed)
    return;

  if (g_strcmp0 (table, "kolada_kpi") == 0)
    update_kpi_card (self);
  else if (g_strcmp0 (table, "own_measure") == 0)
    update_measures (self, NULL);
  else if (g_strcmp0 (table, "indicator") == 0)
    update_indicators (self, NULL);

  if (g_strcmp0 (table, "chart") != 0)
    schedule_preview (self);
}

/* ------------------------------------------------------------------ */
/* Setting up                                                          */

static void
load_chart (VerkanChartEditor *self)
{
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GError) error = NULL;
  VerkanChartSpec *spec;

  row = verkan_project_get_row (self->project, "chart", self->chart_id, &error);
  if (row == NULL)
    {
      show_toast (self, error != NULL ? error->message : _("The chart is no longer in the project"), 8);
      return;
    }

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), row_string (row, "title"));
  gtk_editable_set_text (GTK_EDITABLE (self->caption_row), row_string (row, "caption"));
  self->updating--;
  self->title_edited = *row_string (row, "title") != '\0';

  spec = verkan_chart_spec_from_json (row_string (row, "spec"), &error);
  if (spec == NULL)
    {
      if (error != NULL)
        show_toast (self, error->message, 8);
      return;
    }
  self->base_spec = spec;

  self->updating++;

  if (spec->measure != NULL)
    {
      update_measures (self, spec->measure);
      gtk_toggle_button_set_active (self->measure_toggle, TRUE);
    }
  else if (spec->kpi != NULL)
    {
      replace_str (&self->kpi, spec->kpi);
    }

  choose_from_spec (self, spec);

  self->first_year_auto = spec->first_year == 0;
  self->last_year_auto = spec->last_year == 0;
  if (spec->first_year > 0)
    gtk_spin_button_set_value (self->first_spin, spec->first_year);
  if (spec->last_year > 0)
    gtk_spin_button_set_value (self->last_spin, spec->last_year);
  update_year_choices (self, spec->year);
  update_last_row (self);

  switch (spec->kind)
    {
    case VERKAN_CHART_KIND_BAR:
      gtk_toggle_button_set_active (self->bar_toggle, TRUE);
      break;
    case VERKAN_CHART_KIND_GENDER:
      gtk_toggle_button_set_active (self->gender_toggle, TRUE);
      break;
    default:
      gtk_toggle_button_set_active (self->line_toggle, TRUE);
      break;
    }
  adw_combo_row_set_selected (self->gender_row,
                              spec->gender == 'K' ? 1 : spec->gender == 'M' ? 2 : 0);
  gtk_switch_set_active (self->period_switch, spec->project_period && self->period_first > 0);
  gtk_switch_set_active (self->quartile_switch, spec->quartiles);
  adw_combo_row_set_selected (self->direction_row,
                              spec->direction == VERKAN_DIRECTION_HIGHER_IS_BETTER ? 1
                              : spec->direction == VERKAN_DIRECTION_LOWER_IS_BETTER ? 2 : 0);

  self->updating--;

  update_kpi_card (self);
  update_indicators (self, spec->indicator);
}

static void
verkan_chart_editor_dispose (GObject *object)
{
  VerkanChartEditor *self = VERKAN_CHART_EDITOR (object);

  self->disposed = TRUE;
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_CHART_EDITOR);

  g_clear_object (&self->client);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_chart_editor_parent_class)->dispose (object);
}

static void
verkan_chart_editor_finalize (GObject *object)
{
  VerkanChartEditor *self = VERKAN_CHART_EDITOR (object);

  g_clear_pointer (&self->base_spec, verkan_chart_spec_free);
  g_free (self->kpi);
  g_free (self->kpi_title);
  g_ptr_array_unref (self->measure_uuids);
  g_ptr_array_unref (self->measure_titles);
  g_ptr_array_unref (self->indicator_uuids);
  g_array_unref (self->shown_years);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (verkan_chart_editor_parent_class)->finalize (object);
}

static gboolean
verkan_chart_editor_close_request (GtkWindow *window)
{
  VerkanChartEditor *self = VERKAN_CHART_EDITOR (window);

  /* What was fetched so far is thrown away by the client, not half-stored */
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);

  return GTK_WINDOW_CLASS (verkan_chart_editor_parent_class)->close_request (window);
}

static void
verkan_chart_editor_class_init (VerkanChartEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = verkan_chart_editor_dispose;
  object_class->finalize = verkan_chart_editor_finalize;
  window_class->close_request = verkan_chart_editor_close_request;

  /**
   * VerkanChartEditor::saved:
   *
   * Emitted after the chart was written to the project, just before the
   * editor closes; verkan_chart_editor_get_chart_id() says which.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (VERKAN_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-chart-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kolada_toggle);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, measure_toggle);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, what_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_search);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_results);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_card);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_id_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_description_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, kpi_facts_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, measure_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, edit_measure_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, compare_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, group_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, group_popover);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, group_search);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, group_results);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, first_spin);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, last_spin);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, last_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, first_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, year_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, line_toggle);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, bar_toggle);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, gender_toggle);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, gender_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, period_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, indicator_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, quartile_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, caption_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, progress_box);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, note_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanChartEditor, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_source_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_search_key);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_measure);
  gtk_widget_class_bind_template_callback (widget_class, on_new_measure);
  gtk_widget_class_bind_template_callback (widget_class, on_add_municipality);
  gtk_widget_class_bind_template_callback (widget_class, on_group_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_group_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_group_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_group_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_first_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_last_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_hide_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_fetch);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.fetch", NULL, fetch_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verkan_chart_editor_init (VerkanChartEditor *self)
{
  self->measure_uuids = g_ptr_array_new_with_free_func (g_free);
  self->measure_titles = g_ptr_array_new_with_free_func (g_free);
  self->indicator_uuids = g_ptr_array_new_with_free_func (g_free);
  self->shown_years = g_array_new (FALSE, FALSE, sizeof (int));
  self->items = g_ptr_array_new_with_free_func (compare_item_free);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
verkan_chart_editor_new (VerkanProject *project,
                         gint64         chart_id,
                         GtkWindow     *parent)
{
  VerkanChartEditor *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (VERKAN_TYPE_CHART_EDITOR,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->project = g_object_ref (project);
  self->chart_id = chart_id;
  self->client = verkan_kolada_client_new (NULL);

  fill_period (self);
  fill_compare (self);
  update_measures (self, NULL);

  /* Years: some before the project for the trend, up to the newest
   * Kolada can have (a year's figures come the year after) */
  self->updating++;
  gtk_spin_button_set_value (self->last_spin, g_date_time_get_year (now) - 1);
  gtk_spin_button_set_value (self->first_spin,
                             self->period_first > 0 ? self->period_first - 5
                                                    : g_date_time_get_year (now) - 10);
  self->updating--;
  /* Fetched up to the newest year there can be, drawn up to the newest
   * there is */
  self->last_year_auto = TRUE;
  update_year_choices (self, 0);

  update_last_row (self);
  if (chart_id > 0)
    {
      /* Translators: the title of the chart editor for a saved chart */
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Chart"));
      load_chart (self);
    }
  else
    {
      update_kpi_card (self);
      update_indicators (self, NULL);
    }

  if (verkan_project_get_read_only (project))
    gtk_widget_set_tooltip_text (self->save_button, _("The project is open read-only"));

  g_signal_connect_swapped (self->measure_row, "notify::selected",
                            G_CALLBACK (on_measure_selected), self);
  g_signal_connect_swapped (self->caption_row, "changed", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->year_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->gender_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->indicator_row, "notify::selected", G_CALLBACK (on_quartiles_changed), self);
  g_signal_connect_swapped (self->direction_row, "notify::selected", G_CALLBACK (on_quartiles_changed), self);
  g_signal_connect_swapped (self->period_switch, "notify::active", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->quartile_switch, "notify::active", G_CALLBACK (on_quartiles_changed), self);
  g_signal_connect_swapped (project, "changed", G_CALLBACK (on_project_changed), self);

  look_up_similar_online (self);
  update_preview (self);
  update_actions (self);

  if (self->kpi == NULL && !uses_measure (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->kpi_search));

  return GTK_WIDGET (self);
}

gint64
verkan_chart_editor_get_chart_id (VerkanChartEditor *self)
{
  g_return_val_if_fail (VERKAN_IS_CHART_EDITOR (self), 0);

  return self->chart_id;
}
