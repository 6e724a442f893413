/* verkan-indicator-row.c: one indicator of a card
 *
 * The header says what the indicator is and where it stands:
 * "Kolada N31807 · baseline 2021: 4,4 · target 2024: 3,0".  Expanded, the
 * row holds the editors.  Whether the indicator is a Kolada KPI or an own
 * measure is not a column of its own: a KPI id means Kolada, SQL NULL an
 * own measure.  Choosing "Kolada KPI" before an id is known only shows
 * the id's editor, so the file never holds a half-made id.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-format.h"
#include "verkan-indicator-row.h"
#include "verkan-kpi-catalog.h"
#include "verkan-kpi-chooser.h"
#include "verkan-window.h"

enum {
  KIND_KOLADA,
  KIND_OWN,
};

enum {
  DIRECTION_HIGHER,
  DIRECTION_LOWER,
};

struct _VerkanIndicatorRow
{
  AdwExpanderRow           parent_instance;

  VerkanProject           *project;
  VerkanFieldBindingGroup *fields;
  gboolean                 kolada;    /* the kind shown, see the top */
  guint                    updating;

  AdwEntryRow             *name_row;
  AdwEntryRow             *unit_row;
  AdwComboRow             *kind_row;
  AdwEntryRow             *kpi_row;
  AdwActionRow            *kpi_title_row;
  GtkWidget               *choose_button;
  AdwEntryRow             *source_row;
  GtkEditable             *baseline_value;
  GtkEditable             *baseline_year;
  GtkEditable             *target_value;
  GtkEditable             *target_year;
  AdwComboRow             *direction_row;
};

G_DEFINE_FINAL_TYPE (VerkanIndicatorRow, verkan_indicator_row, ADW_TYPE_EXPANDER_ROW)

/* "baseline 2021: 4,4", "baseline: 4,4", "no baseline" */
static char *
dup_value_part (VerkanRecord *record,
                const char   *value_column,
                const char   *year_column,
                gboolean      target)
{
  g_autofree char *value = NULL;
  gint64 year;

  if (!verkan_record_has_value (record, value_column))
    return g_strdup (target ? _("no target") : _("no baseline"));

  value = verkan_format_number (verkan_record_get_double (record, value_column, 0.0), -1);
  year = verkan_record_get_int (record, year_column, 0);

  if (year > 0)
    {
      g_autofree char *year_text = g_strdup_printf ("%" G_GINT64_FORMAT, year);

      if (target)
        /* Translators: part of an indicator's summary: "target 2024: 3,0" */
        return g_strdup_printf (_("target %s: %s"), year_text, value);
      /* Translators: part of an indicator's summary: "baseline 2021: 4,4" */
      return g_strdup_printf (_("baseline %s: %s"), year_text, value);
    }

  if (target)
    /* Translators: part of an indicator's summary, without a year: "target: 3,0" */
    return g_strdup_printf (_("target: %s"), value);
  /* Translators: part of an indicator's summary, without a year: "baseline: 4,4" */
  return g_strdup_printf (_("baseline: %s"), value);
}

static void
update_header (VerkanIndicatorRow *self)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  g_autofree char *source = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *target = NULL;
  g_autofree char *subtitle = NULL;
  const char *name;

  if (record == NULL)
    return;

  name = verkan_record_get_string (record, "name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 *name != '\0' ? name : _("New indicator"));

  if (verkan_record_has_value (record, "kolada_kpi"))
    /* Translators: the source of an indicator in its summary: "Kolada N31807" */
    source = g_strdup_printf (_("Kolada %s"), verkan_record_get_string (record, "kolada_kpi"));
  else
    /* Translators: an indicator the project measures itself ("eget mått") */
    source = g_strdup (_("Own measure"));

  baseline = dup_value_part (record, "baseline_value", "baseline_year", FALSE);
  target = dup_value_part (record, "target_value", "target_year", TRUE);
  subtitle = g_strdup_printf ("%s · %s · %s", source, baseline, target);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
set_kpi_invalid (VerkanIndicatorRow *self,
                 gboolean            invalid)
{
  GtkWidget *row = GTK_WIDGET (self->kpi_row);

  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, invalid ? _("A Kolada KPI id is a letter and five digits, for example N31807")
                                            : NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* The kind, the KPI's id and title as stored; the kind comes from the
 * record only when it says Kolada, or when @follow_record (the id itself
 * changed: undo, the chooser, another editor) */
static void
update_kpi (VerkanIndicatorRow *self,
            gboolean            follow_record)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  const VerkanKpi *kpi = NULL;
  const char *id;

  if (record == NULL)
    return;

  if (follow_record || verkan_record_has_value (record, "kolada_kpi"))
    self->kolada = verkan_record_has_value (record, "kolada_kpi");

  id = verkan_record_get_string (record, "kolada_kpi");
  if (*id != '\0')
    kpi = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), id);

  self->updating++;
  adw_combo_row_set_selected (self->kind_row, self->kolada ? KIND_KOLADA : KIND_OWN);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->kpi_row)), id) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->kpi_row), id);
  set_kpi_invalid (self, FALSE);
  self->updating--;

  gtk_widget_set_visible (GTK_WIDGET (self->kpi_row), self->kolada);
  gtk_widget_set_visible (GTK_WIDGET (self->kpi_title_row), self->kolada);

  if (kpi != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kpi_title_row), kpi->title);
  else if (*id != '\0')
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kpi_title_row),
                                   _("Not in the offline catalog; check the id on kolada.se"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kpi_title_row),
                                   _("No KPI chosen yet"));
}

static void
update_direction (VerkanIndicatorRow *self)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);

  if (record == NULL)
    return;

  self->updating++;
  adw_combo_row_set_selected (self->direction_row,
                              verkan_record_get_int (record, "higher_is_better", 1) != 0
                                ? DIRECTION_HIGHER : DIRECTION_LOWER);
  self->updating--;
}

static void
on_record_changed (VerkanIndicatorRow *self,
                   const char         *column)
{
  update_header (self);

  if (g_strcmp0 (column, "kolada_kpi") == 0)
    update_kpi (self, TRUE);
  else if (g_strcmp0 (column, "higher_is_better") == 0)
    update_direction (self);
}

static void
set_column (VerkanIndicatorRow *self,
            const char         *column,
            GVariant           *value)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;

  if (record == NULL)
    return;

  if (!verkan_project_set_value (self->project, "indicator", verkan_record_get_id (record),
                                 column, owned, &error))
    verkan_window_show_error_for (GTK_WIDGET (self), error);
}

static void
on_kind_selected (VerkanIndicatorRow *self)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->updating > 0 || record == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  self->kolada = selected == KIND_KOLADA;
  if (!self->kolada && verkan_record_has_value (record, "kolada_kpi"))
    set_column (self, "kolada_kpi", NULL);
  update_kpi (self, FALSE);
}

static void
on_direction_selected (VerkanIndicatorRow *self)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  guint selected = adw_combo_row_get_selected (self->direction_row);
  gint64 higher;

  if (self->updating > 0 || record == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  higher = selected == DIRECTION_HIGHER ? 1 : 0;
  if (verkan_record_get_int (record, "higher_is_better", 1) != higher)
    set_column (self, "higher_is_better", g_variant_new_int64 (higher));
}

/* A letter and five digits, as Kolada's ids are: "N31807", "U31801" */
static gboolean
is_kpi_id (const char *id)
{
  if (strlen (id) != 6 || !g_ascii_isalpha (id[0]))
    return FALSE;
  for (guint i = 1; i < 6; i++)
    if (!g_ascii_isdigit (id[i]))
      return FALSE;
  return TRUE;
}

static void
commit_kpi (VerkanIndicatorRow *self)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  g_autofree char *id = NULL;

  if (self->updating > 0 || record == NULL)
    return;

  id = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->kpi_row)), -1);
  g_strstrip (id);

  if (*id != '\0' && !is_kpi_id (id))
    {
      set_kpi_invalid (self, TRUE);
      return;
    }
  set_kpi_invalid (self, FALSE);

  if (g_strcmp0 (id, verkan_record_get_string (record, "kolada_kpi")) == 0)
    {
      /* "n31807" is shown as stored */
      update_kpi (self, FALSE);
      return;
    }

  set_column (self, "kolada_kpi", *id != '\0' ? g_variant_new_string (id) : NULL);
}

static void
on_kpi_apply (VerkanIndicatorRow *self)
{
  commit_kpi (self);
}

static void
on_kpi_changed (VerkanIndicatorRow *self)
{
  if (self->updating == 0 && gtk_widget_has_css_class (GTK_WIDGET (self->kpi_row), "error"))
    set_kpi_invalid (self, FALSE);
}

static void
on_kpi_focus_leave (VerkanIndicatorRow *self)
{
  /* Leaving without Enter or the apply button still keeps what was typed */
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  g_autofree char *id = NULL;

  if (record == NULL)
    return;

  id = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->kpi_row)), -1);
  g_strstrip (id);
  if (g_strcmp0 (id, verkan_record_get_string (record, "kolada_kpi")) != 0)
    commit_kpi (self);
}

static void
on_kpi_chosen (VerkanIndicatorRow *self,
               const char         *id,
               const char         *title)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  gint64 row_id;

  if (record == NULL || id == NULL)
    return;

  /* What was being typed elsewhere goes first, as its own step */
  verkan_field_binding_flush_all ();

  row_id = verkan_record_get_id (record);
  /* Translators: the undo step of picking a KPI for an indicator */
  command = verkan_command_new (_("Choose KPI"));
  verkan_command_update (command, "indicator", row_id, "kolada_kpi", g_variant_new_string (id));
  if (*verkan_record_get_string (record, "name") == '\0' && title != NULL)
    verkan_command_update (command, "indicator", row_id, "name", g_variant_new_string (title));
  if (*verkan_record_get_string (record, "source") == '\0')
    /* The data come from Kolada (the terms ask for the credit) */
    verkan_command_update (command, "indicator", row_id, "source", g_variant_new_string ("Kolada"));

  if (!verkan_project_execute (self->project, command, &error))
    verkan_window_show_error_for (GTK_WIDGET (self), error);
}

static void
on_choose_kpi (VerkanIndicatorRow *self)
{
  VerkanRecord *record = verkan_indicator_row_get_record (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *chooser;

  if (record == NULL)
    return;

  chooser = verkan_kpi_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    verkan_record_get_string (record, "kolada_kpi"));
  g_signal_connect_object (chooser, "kpi-chosen", G_CALLBACK (on_kpi_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
on_remove (VerkanIndicatorRow *self)
{
  if (self->fields != NULL)
    verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self),
                                              _("Indicator removed"));
}

static void
verkan_indicator_row_dispose (GObject *object)
{
  VerkanIndicatorRow *self = VERKAN_INDICATOR_ROW (object);

  g_clear_object (&self->fields);
  g_clear_object (&self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_INDICATOR_ROW);

  G_OBJECT_CLASS (verkan_indicator_row_parent_class)->dispose (object);
}

static void
verkan_indicator_row_class_init (VerkanIndicatorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_indicator_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-indicator-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, kpi_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, kpi_title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, source_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, baseline_value);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, baseline_year);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, target_value);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, target_year);
  gtk_widget_class_bind_template_child (widget_class, VerkanIndicatorRow, direction_row);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_kpi_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_kpi);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
}

static void
verkan_indicator_row_init (VerkanIndicatorRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->baseline_value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Baseline value"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->baseline_year),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Baseline year"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Target value"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_year),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Target year"), -1);

  /* Ctrl+Z belongs to the project's history */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->kpi_row), FALSE);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_kpi_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->kpi_row), focus);

  g_signal_connect_swapped (self->kind_row, "notify::selected",
                            G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->direction_row, "notify::selected",
                            G_CALLBACK (on_direction_selected), self);
}

GtkWidget *
verkan_indicator_row_new (VerkanProject *project,
                          VerkanRecord  *record)
{
  VerkanIndicatorRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);

  self = g_object_new (VERKAN_TYPE_INDICATOR_ROW, NULL);
  self->project = g_object_ref (project);
  self->fields = verkan_field_binding_group_new (project, record);

  verkan_field_binding_group_bind (self->fields, "name", GTK_WIDGET (self->name_row), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "unit", GTK_WIDGET (self->unit_row), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "source", GTK_WIDGET (self->source_row), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "baseline_value",
                                   GTK_WIDGET (self->baseline_value), VERKAN_FIELD_NUMBER);
  verkan_field_binding_group_bind (self->fields, "baseline_year",
                                   GTK_WIDGET (self->baseline_year), VERKAN_FIELD_COUNT);
  verkan_field_binding_group_bind (self->fields, "target_value",
                                   GTK_WIDGET (self->target_value), VERKAN_FIELD_NUMBER);
  verkan_field_binding_group_bind (self->fields, "target_year",
                                   GTK_WIDGET (self->target_year), VERKAN_FIELD_COUNT);

  g_signal_connect_object (record, "changed", G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  update_header (self);
  update_kpi (self, TRUE);
  update_direction (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_indicator_row_get_record (VerkanIndicatorRow *self)
{
  g_return_val_if_fail (VERKAN_IS_INDICATOR_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_indicator_row_focus_name (VerkanIndicatorRow *self)
{
  g_return_if_fail (VERKAN_IS_INDICATOR_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
