/* verkan-own-measure-dialog.c: an own measure and its values
 *
 * Title, unit, source and direction are field bindings on the
 * own_measure row, like every other form.  The values are a grid of
 * entries, a row a year and a column a municipality (the project's, then
 * any other the values name, then the whole project), kept in step with
 * own_value: a cell is stored when the person presses Enter or leaves it,
 * as an insert, a change or a delete of one row, so each cell is one undo
 * step.  Years with no value yet exist only in the grid until something
 * is typed in them.  Values split by gender (from a CSV file) are kept but
 * not shown: the grid is for totals.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-format.h"
#include "verkan-municipality-catalog.h"
#include "verkan-own-measure-dialog.h"
#include "verkan-own-measure.h"
#include "verkan-record-list.h"

/* A stored total: the own_value row of one cell */
typedef struct {
  gint64   id;
  gboolean has_value;
  double   value;
} Stored;

struct _VerkanOwnMeasureDialog
{
  AdwWindow                parent_instance;

  VerkanProject           *project;
  gint64                   measure_id;
  VerkanRecordList        *measures;
  VerkanRecord            *record;
  VerkanFieldBindingGroup *fields;
  GPtrArray               *codes;    /* the columns: codes, "" for the whole project */
  GArray                  *years;    /* the rows, ascending */
  GHashTable              *cells;    /* "code|year" → GtkEntry in the grid */
  GHashTable              *stored;   /* "code|year" → Stored */
  guint                    updating;
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative    *native;
#endif
  AdwToast                *shown_toast;

  AdwToastOverlay         *toast_overlay;
  AdwEntryRow             *title_row;
  AdwEntryRow             *unit_row;
  AdwEntryRow             *source_row;
  AdwComboRow             *direction_row;
  GtkWidget               *table_scroller;
  GtkGrid                 *grid;
  GtkWidget               *empty_label;
  GtkLabel                *split_label;
};

G_DEFINE_FINAL_TYPE (VerkanOwnMeasureDialog, verkan_own_measure_dialog, ADW_TYPE_WINDOW)

static char *
cell_key (const char *code,
          int         year)
{
  return g_strdup_printf ("%s|%d", code, year);
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  int first = *(const int *) a;
  int second = *(const int *) b;

  return first < second ? -1 : first > second ? 1 : 0;
}

static gboolean
has_year (VerkanOwnMeasureDialog *self,
          int                     year)
{
  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      return TRUE;
  return FALSE;
}

static gboolean
has_code (GPtrArray  *codes,
          const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      return TRUE;
  return FALSE;
}

/* One toast at a time, re-worded rather than replaced (libadwaita 1.2
 * does not like toasts dismissed and added faster than they animate) */
static void
forget_toast (VerkanOwnMeasureDialog *self)
{
  self->shown_toast = NULL;
}

static void
show_toast (VerkanOwnMeasureDialog *self,
            const char             *title,
            gboolean                with_undo)
{
  AdwToast *toast = self->shown_toast;

  if (toast == NULL)
    {
      toast = adw_toast_new (title);
      self->shown_toast = toast;
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (forget_toast), self,
                               G_CONNECT_SWAPPED);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    {
      adw_toast_set_title (toast, title);
    }

  adw_toast_set_button_label (toast, with_undo ? _("_Undo") : NULL);
  adw_toast_set_action_name (toast, with_undo ? "measure.undo" : NULL);
}

static void
show_error (VerkanOwnMeasureDialog *self,
            const GError           *error)
{
  show_toast (self, error != NULL ? error->message : _("The change could not be stored"), FALSE);
}

/* ------------------------------------------------------------------ */
/* The values                                                          */

static char *
column_label (const char *code)
{
  const VerkanMunicipality *municipality;

  if (*code == '\0')
    /* Translators: the column of values for the project as a whole */
    return g_strdup (_("Whole project"));
  municipality = verkan_municipality_catalog_lookup (code);
  return g_strdup (municipality != NULL ? municipality->name : code);
}

static void
show_stored (VerkanOwnMeasureDialog *self,
             GtkEntry               *entry)
{
  const char *key = g_object_get_data (G_OBJECT (entry), "key");
  Stored *stored = g_hash_table_lookup (self->stored, key);
  g_autofree char *text = NULL;

  if (stored != NULL && stored->has_value)
    text = verkan_format_number (stored->value, -1);

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  self->updating--;
  g_object_set_data (G_OBJECT (entry), "dirty", NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
}

/* Stores what a cell says: one insert, change or delete */
static void
commit_cell (VerkanOwnMeasureDialog *self,
             GtkEntry               *entry)
{
  const char *key = g_object_get_data (G_OBJECT (entry), "key");
  const char *code = g_object_get_data (G_OBJECT (entry), "code");
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "year"));
  Stored *stored = g_hash_table_lookup (self->stored, key);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  gboolean done = TRUE;
  double value;

  if (g_object_get_data (G_OBJECT (entry), "dirty") == NULL)
    return;

  if (*text == '\0')
    {
      if (stored != NULL)
        done = verkan_project_delete (self->project, "own_value", stored->id, &error);
    }
  else if (!verkan_parse_number (text, &value))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                   _("Not a number: write it the Swedish way, such as 1 284,5"));
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  else if (stored != NULL)
    {
      if (!stored->has_value || stored->value != value)
        done = verkan_project_set_value (self->project, "own_value", stored->id, "value",
                                         g_variant_new_double (value), &error);
    }
  else
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      g_variant_dict_insert (&dict, "measure_id", "x", self->measure_id);
      g_variant_dict_insert (&dict, "municipality", "s", code);
      g_variant_dict_insert (&dict, "year", "x", (gint64) year);
      g_variant_dict_insert (&dict, "gender", "s", "T");
      g_variant_dict_insert (&dict, "value", "d", value);
      done = verkan_project_insert (self->project, "own_value", g_variant_dict_end (&dict), &error) > 0;
    }

  if (!done)
    {
      show_error (self, error);
      return;
    }

  /* The project's ::changed has shown the stored value by now; a value
   * the same as before (or no value where there was none) changes nothing */
  show_stored (self, entry);
}

static void
on_cell_changed (GtkEntry               *entry,
                 VerkanOwnMeasureDialog *self)
{
  if (self->updating == 0)
    g_object_set_data (G_OBJECT (entry), "dirty", GINT_TO_POINTER (TRUE));
}

static void
on_cell_activate (GtkEntry               *entry,
                  VerkanOwnMeasureDialog *self)
{
  commit_cell (self, entry);
}

static void
on_cell_leave (GtkEventControllerFocus *controller,
               VerkanOwnMeasureDialog  *self)
{
  commit_cell (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

/* Cells that are being typed in are left as they are */
static void
commit_all (VerkanOwnMeasureDialog *self)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  /* Committing changes the project, which may rebuild the grid */
  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_object_get_data (value, "dirty") != NULL)
      g_ptr_array_add (entries, g_object_ref (value));

  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_get_parent (g_ptr_array_index (entries, i)) != NULL)
      commit_cell (self, g_ptr_array_index (entries, i));
}

static GtkWidget *
new_cell (VerkanOwnMeasureDialog *self,
          const char             *code,
          int                     year)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *name = g_strdup_printf ("measure-cell-%s-%d", *code != '\0' ? code : "project", year);
  g_autofree char *label = column_label (code);
  /* Translators: what a screen reader says for a cell: "Hallsberg 2021" */
  g_autofree char *accessible = g_strdup_printf (_("%s %d"), label, year);

  gtk_widget_set_name (entry, name);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (entry), "key", cell_key (code, year), g_free);
  g_object_set_data_full (G_OBJECT (entry), "code", g_strdup (code), g_free);
  g_object_set_data (G_OBJECT (entry), "year", GINT_TO_POINTER (year));

  g_signal_connect (entry, "changed", G_CALLBACK (on_cell_changed), self);
  g_signal_connect (entry, "activate", G_CALLBACK (on_cell_activate), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_cell_leave), self);
  gtk_widget_add_controller (entry, focus);

  g_hash_table_insert (self->cells, cell_key (code, year), entry);
  show_stored (self, GTK_ENTRY (entry));
  return entry;
}

static GtkWidget *
new_heading (const char *text,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  /* Names wrap rather than lose their ends: "Whole project", "Upplands Väsby" */
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_yalign (GTK_LABEL (label), 1.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5f ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_grid (VerkanOwnMeasureDialog *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->cells);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  /* Translators: the heading of the years column */
  gtk_grid_attach (self->grid, new_heading (_("Year"), 0.0f), 0, 0, 1, 1);
  for (guint c = 0; c < self->codes->len; c++)
    {
      g_autofree char *label = column_label (g_ptr_array_index (self->codes, c));
      GtkWidget *heading = new_heading (label, 1.0f);

      gtk_widget_set_tooltip_text (heading, label);
      gtk_grid_attach (self->grid, heading, c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < self->years->len; r++)
    {
      int year = g_array_index (self->years, int, r);
      g_autofree char *text = g_strdup_printf ("%d", year);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "numeric");
      gtk_grid_attach (self->grid, label, 0, r + 1, 1, 1);

      for (guint c = 0; c < self->codes->len; c++)
        gtk_grid_attach (self->grid, new_cell (self, g_ptr_array_index (self->codes, c), year),
                         c + 1, r + 1, 1, 1);
    }

  gtk_widget_set_visible (self->table_scroller, self->years->len > 0);
  gtk_widget_set_visible (self->empty_label, self->years->len == 0);
}

/* Reads own_value again; rebuilds the grid only when a year or a
 * column came, so a cell being typed in keeps its widget */
static void
reload_values (VerkanOwnMeasureDialog *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  gboolean rebuild = FALSE;
  guint n_split = 0;
  GHashTableIter iter;
  gpointer value;

  rows = verkan_project_list_rows (self->project, "own_value", "measure_id",
                                   g_variant_new_int64 (self->measure_id), NULL);
  g_hash_table_remove_all (self->stored);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      const char *code = "";
      const char *gender = "T";
      gint64 id = 0, year = 0;
      Stored *stored;

      g_variant_lookup (row, "id", "x", &id);
      g_variant_lookup (row, "year", "x", &year);
      g_variant_lookup (row, "municipality", "&s", &code);
      g_variant_lookup (row, "gender", "&s", &gender);
      if (g_strcmp0 (gender, "T") != 0)
        {
          n_split++;
          continue;
        }

      stored = g_new0 (Stored, 1);
      stored->id = id;
      stored->has_value = g_variant_lookup (row, "value", "d", &stored->value);
      g_hash_table_insert (self->stored, cell_key (code, (int) year), stored);

      if (!has_year (self, (int) year))
        {
          int y = (int) year;

          g_array_append_val (self->years, y);
          rebuild = TRUE;
        }
      if (*code != '\0' && !has_code (others, code))
        g_ptr_array_add (others, g_strdup (code));
    }
  g_array_sort (self->years, compare_years);

  /* The project's municipalities, the others the values name, the whole project */
  municipalities = verkan_project_list_rows (self->project, "municipality", NULL, NULL, NULL);
  for (guint i = 0; municipalities != NULL && i < municipalities->len; i++)
    {
      const char *code = NULL;

      if (g_variant_lookup (g_ptr_array_index (municipalities, i), "code", "&s", &code)
          && !has_code (codes, code))
        g_ptr_array_add (codes, g_strdup (code));
    }
  for (guint i = 0; i < others->len; i++)
    if (!has_code (codes, g_ptr_array_index (others, i)))
      g_ptr_array_add (codes, g_strdup (g_ptr_array_index (others, i)));
  g_ptr_array_add (codes, g_strdup (""));

  if (codes->len != self->codes->len)
    rebuild = TRUE;
  for (guint i = 0; !rebuild && i < codes->len; i++)
    rebuild = g_strcmp0 (g_ptr_array_index (codes, i), g_ptr_array_index (self->codes, i)) != 0;
  if (rebuild || g_hash_table_size (self->cells) == 0)
    {
      g_ptr_array_unref (self->codes);
      self->codes = g_steal_pointer (&codes);
      build_grid (self);
    }
  else
    {
      g_hash_table_iter_init (&iter, self->cells);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (g_object_get_data (value, "dirty") == NULL)
          show_stored (self, value);
    }

  if (n_split > 0)
    {
      g_autofree char *note = NULL;

      /* Translators: values imported for women or men; the grid shows totals */
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u value for women or men is kept but not shown here.",
                                           "%u values for women or men are kept but not shown here.",
                                           n_split),
                              n_split);
      gtk_label_set_label (self->split_label, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->split_label), n_split > 0);
}

static void
on_add_year (VerkanOwnMeasureDialog *self)
{
  int year;
  GtkWidget *first;
  g_autofree char *key = NULL;

  if (self->years->len > 0)
    {
      year = g_array_index (self->years, int, self->years->len - 1) + 1;
    }
  else
    {
      g_autoptr(GVariant) project = verkan_project_get_row (self->project, "project", 1, NULL);
      const char *start = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      /* The year before the project is the usual baseline */
      if (project != NULL && g_variant_lookup (project, "period_start", "&s", &start)
          && strlen (start) >= 4)
        year = (int) g_ascii_strtoll (start, NULL, 10) - 1;
      else
        year = g_date_time_get_year (now) - 1;
    }

  g_array_append_val (self->years, year);
  build_grid (self);

  key = cell_key (self->codes->len > 0 ? g_ptr_array_index (self->codes, 0) : "", year);
  first = g_hash_table_lookup (self->cells, key);
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/* ------------------------------------------------------------------ */
/* Importing CSV                                                       */

void
verkan_own_measure_dialog_import (VerkanOwnMeasureDialog *self,
                                  GFile                  *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_if_fail (VERKAN_IS_OWN_MEASURE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  /* What was being typed goes first, as its own steps */
  commit_all (self);
  verkan_field_binding_flush_all ();

  path = g_file_get_path (file);
  n = verkan_own_measure_import_csv (self->project, self->measure_id, path, &error);
  if (error != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = NULL;
      GtkWidget *dialog;

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("“%s” Could Not Be Imported"), name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
      /* The core's message names the line */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                      _("Each line needs a year and a value separated by a semicolon, such as 2021;12,5. The values stored before are kept."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_widget_set_name (dialog, "measure-import-error");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  {
    g_autofree char *count = verkan_format_number (n, 0);
    g_autofree char *text = NULL;

    /* Translators: after a CSV import; %s is a number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s value",
                                         "Imported %s values", n), count);
    show_toast (self, text, TRUE);
  }
  reload_values (self);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_csv_chosen (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VerkanOwnMeasureDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file != NULL && self->project != NULL)
    verkan_own_measure_dialog_import (self, file);
}

#else /* GTK 4.8 */

static void
on_native_response (GtkNativeDialog        *native,
                    int                     response,
                    VerkanOwnMeasureDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);
  g_clear_object (&self->native);
  if (file != NULL)
    verkan_own_measure_dialog_import (self, file);
}

#endif

static GtkFileFilter *
new_csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

static GtkFileFilter *
new_all_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

static void
on_import_clicked (VerkanOwnMeasureDialog *self)
{
  g_autoptr(GtkFileFilter) csv = new_csv_filter ();
  g_autoptr(GtkFileFilter) all = new_all_filter ();

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_list_store_append (filters, csv);
  g_list_store_append (filters, all);
  gtk_file_dialog_set_title (dialog, _("Import Values"));
  gtk_file_dialog_set_accept_label (dialog, _("_Import"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, csv);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_csv_chosen, g_object_ref (self));
#else
  if (self->native != NULL)
    return;

  self->native = gtk_file_chooser_native_new (_("Import Values"), GTK_WINDOW (self),
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->native), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->native), csv);
  g_signal_connect (self->native, "response", G_CALLBACK (on_native_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->native));
#endif
}

/* ------------------------------------------------------------------ */
/* The measure                                                         */

static void
show_direction (VerkanOwnMeasureDialog *self)
{
  self->updating++;
  adw_combo_row_set_selected (self->direction_row,
                              verkan_record_get_int (self->record, "higher_is_better", 1) != 0 ? 0 : 1);
  self->updating--;
}

static void
on_direction_selected (VerkanOwnMeasureDialog *self)
{
  gint64 higher = adw_combo_row_get_selected (self->direction_row) == 1 ? 0 : 1;
  g_autoptr(GError) error = NULL;

  if (self->updating > 0 || self->record == NULL)
    return;
  if (verkan_record_get_int (self->record, "higher_is_better", 1) == higher)
    return;

  verkan_field_binding_flush_all ();
  if (!verkan_project_set_value (self->project, "own_measure", self->measure_id,
                                 "higher_is_better", g_variant_new_int64 (higher), &error))
    show_error (self, error);
}

static void
on_project_changed (VerkanOwnMeasureDialog *self,
                    const char             *table)
{
  if (g_strcmp0 (table, "own_measure") == 0)
    {
      /* Undoing the measure's creation takes the dialog with it */
      if (verkan_record_list_find (self->measures, self->measure_id) == NULL)
        gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (table, "own_value") == 0 || g_strcmp0 (table, "municipality") == 0)
    {
      reload_values (self);
    }
}

static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkanOwnMeasureDialog *self = VERKAN_OWN_MEASURE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean undo = g_str_equal (action_name, "measure.undo");

  commit_all (self);
  verkan_field_binding_flush_all ();

  if (undo ? !verkan_project_get_can_undo (self->project) : !verkan_project_get_can_redo (self->project))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (!(undo ? verkan_project_undo (self->project, &error) : verkan_project_redo (self->project, &error)))
    show_error (self, error);
}

static gboolean
verkan_own_measure_dialog_close_request (GtkWindow *window)
{
  VerkanOwnMeasureDialog *self = VERKAN_OWN_MEASURE_DIALOG (window);

  /* What is typed is kept */
  if (self->record != NULL && verkan_record_list_find (self->measures, self->measure_id) != NULL)
    {
      commit_all (self);
      verkan_field_binding_flush_all ();
    }

  return GTK_WINDOW_CLASS (verkan_own_measure_dialog_parent_class)->close_request (window);
}

static void
verkan_own_measure_dialog_dispose (GObject *object)
{
  VerkanOwnMeasureDialog *self = VERKAN_OWN_MEASURE_DIALOG (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->native != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->native, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->native));
      g_clear_object (&self->native);
    }
#endif
  if (self->cells != NULL)
    g_hash_table_remove_all (self->cells);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_OWN_MEASURE_DIALOG);

  g_clear_object (&self->fields);
  g_clear_object (&self->record);
  g_clear_object (&self->measures);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_own_measure_dialog_parent_class)->dispose (object);
}

static void
verkan_own_measure_dialog_finalize (GObject *object)
{
  VerkanOwnMeasureDialog *self = VERKAN_OWN_MEASURE_DIALOG (object);

  g_ptr_array_unref (self->codes);
  g_array_unref (self->years);
  g_hash_table_unref (self->cells);
  g_hash_table_unref (self->stored);

  G_OBJECT_CLASS (verkan_own_measure_dialog_parent_class)->finalize (object);
}

static void
verkan_own_measure_dialog_class_init (VerkanOwnMeasureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = verkan_own_measure_dialog_dispose;
  object_class->finalize = verkan_own_measure_dialog_finalize;
  window_class->close_request = verkan_own_measure_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-own-measure-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanOwnMeasureDialog, split_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_year);

  /* The dialog is modal: the main window's undo cannot be reached */
  gtk_widget_class_install_action (widget_class, "measure.undo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "measure.redo", NULL, history_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "measure.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "measure.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "measure.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verkan_own_measure_dialog_init (VerkanOwnMeasureDialog *self)
{
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
verkan_own_measure_dialog_new (VerkanProject *project,
                               gint64         measure_id,
                               GtkWindow     *parent)
{
  VerkanOwnMeasureDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (measure_id <= 0)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      /* Translators: the title a new own measure starts with */
      g_variant_dict_insert (&dict, "title", "s", _("New measure"));
      measure_id = verkan_project_insert (project, "own_measure", g_variant_dict_end (&dict), &error);
      if (measure_id <= 0)
        {
          g_warning ("An own measure could not be made: %s", error != NULL ? error->message : "?");
          return NULL;
        }
    }

  self = g_object_new (VERKAN_TYPE_OWN_MEASURE_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->project = g_object_ref (project);
  self->measure_id = measure_id;
  self->measures = verkan_record_list_new (project, "own_measure", NULL, NULL);
  self->record = verkan_record_list_find (self->measures, measure_id);
  if (self->record != NULL)
    {
      g_object_ref (self->record);
      self->fields = verkan_field_binding_group_new (project, self->record);
      verkan_field_binding_group_bind (self->fields, "title", GTK_WIDGET (self->title_row), VERKAN_FIELD_TEXT);
      verkan_field_binding_group_bind (self->fields, "unit", GTK_WIDGET (self->unit_row), VERKAN_FIELD_TEXT);
      verkan_field_binding_group_bind (self->fields, "source", GTK_WIDGET (self->source_row), VERKAN_FIELD_TEXT);
      show_direction (self);
      g_signal_connect_object (self->record, "changed::higher_is_better",
                               G_CALLBACK (show_direction), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->direction_row), self->record != NULL);
  g_signal_connect_swapped (self->direction_row, "notify::selected",
                            G_CALLBACK (on_direction_selected), self);

  reload_values (self);
  g_signal_connect_swapped (project, "changed", G_CALLBACK (on_project_changed), self);

  if (verkan_project_get_read_only (project))
    gtk_widget_set_sensitive (GTK_WIDGET (self->toast_overlay), FALSE);

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return GTK_WIDGET (self);
}

gint64
verkan_own_measure_dialog_get_measure_id (VerkanOwnMeasureDialog *self)
{
  g_return_val_if_fail (VERKAN_IS_OWN_MEASURE_DIALOG (self), 0);

  return self->measure_id;
}
