/* verkan-models-page.c: the Logikmodeller page
 *
 * The project's models in a sidebar list bound to a VerkanRecordList, the
 * selected one in the middle as a canvas or a form, and on the right the
 * side panel for the selected card or arrow (or, with nothing selected,
 * the model's own fields) above the checks.  The page adds what concerns
 * models as a whole: new, duplicate, rename, delete, frozen versions,
 * sending a model to a municipality and merging what comes back, and
 * exporting a picture.
 *
 * The page is built when a project is opened, so it stays cheap until
 * shown: the views get their model only once the page is on screen, and
 * the form, which makes a row for every card, only once it is chosen.
 *
 * In an exchange file (a model sent to a municipality) the page shows
 * that one model with a banner, without the list and without what only
 * the project leader does.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-field-binding-group.h"
#include "verkan-file-chooser.h"
#include "verkan-format.h"
#include "verkan-image-chooser.h"
#include "verkan-model-canvas-view.h"
#include "verkan-model-checks-panel.h"
#include "verkan-model-drawing.h"
#include "verkan-model-edit.h"
#include "verkan-model-element-panel.h"
#include "verkan-model-exchange.h"
#include "verkan-model-form.h"
#include "verkan-model-merge-dialog.h"
#include "verkan-model-new-dialog.h"
#include "verkan-models-page.h"
#include "verkan-municipality-catalog.h"
#include "verkan-record-list.h"
#include "verkan-window.h"

struct _VerkanModelsPage
{
  AdwBin                   parent_instance;

  VerkanProject           *project;
  VerkanRecordList        *models;
  VerkanRecordList        *municipalities;
  VerkanRecordList        *versions;      /* of the model shown */
  VerkanRecord            *record;        /* the model shown */
  VerkanFieldBindingGroup *fields;        /* its title, municipality and date */
  VerkanFieldBinding      *municipality_binding;
  GStrv                    municipality_tokens;  /* its choices */
  GCancellable            *cancellable;

  gint64                   model_id;
  gboolean                 exchange;
  char                    *view;          /* "canvas" or "form" */
  guint                    selecting;     /* the list's selection is set by code */
  guint                    updating_switches;
  guint                    n_models_before_merge;
  gint64                   deleted_model_id;  /* shown again when Undo brings it back */

  /* The model each view was last given; they get it once visible */
  gint64                   canvas_model_id;
  gint64                   form_model_id;
  gint64                   checks_model_id;
  VerkanModelForm         *form;
  GtkWidget               *element_panel;

  GtkStack                *page_stack;
  GtkRevealer             *exchange_revealer;
  GtkWidget               *sidebar;
  GtkWidget               *sidebar_separator;
  GtkListBox              *model_list;
  GtkLabel                *model_title_label;
  GtkMenuButton           *versions_button;
  GtkListBox              *versions_list;
  GtkStack                *view_stack;
  VerkanModelCanvasView   *canvas_view;
  AdwBin                  *form_bin;
  GtkStack                *side_stack;
  AdwPreferencesGroup     *model_group;
  AdwEntryRow             *title_row;
  AdwComboRow             *municipality_row;
  VerkanDateRow           *date_row;
  GtkSwitch               *assumptions_switch;
  GtkSwitch               *external_switch;
  AdwBin                  *element_bin;
  VerkanModelChecksPanel  *checks_panel;
};

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VerkanModelsPage, verkan_models_page, ADW_TYPE_BIN)

static void show_item (VerkanModelsPage *self,
                       gint64            element_id,
                       gint64            link_id);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static VerkanModelCanvas *
get_canvas (VerkanModelsPage *self)
{
  return self->canvas_view != NULL
         ? verkan_model_canvas_view_get_canvas (self->canvas_view)
         : NULL;
}

static GtkWindow *
get_window (VerkanModelsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error_dialog (VerkanModelsPage *self,
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
show_toast (VerkanModelsPage *self,
            const char       *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  verkan_window_show_toast_for (GTK_WIDGET (self), toast);
}

/* "Nora", the name the catalog knows, or the code itself */
static const char *
municipality_name (VerkanModelsPage *self,
                   const char       *code)
{
  const VerkanMunicipality *known;

  if (code == NULL || *code == '\0')
    /* Translators: a logic model for no single municipality */
    return _("Whole project");

  known = verkan_municipality_catalog_lookup (code);
  if (known != NULL)
    return known->name;

  if (self->municipalities != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VerkanRecord) municipality = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);

          if (g_strcmp0 (verkan_record_get_string (municipality, "code"), code) == 0
              && *verkan_record_get_string (municipality, "name") != '\0')
            return verkan_record_get_string (municipality, "name");
        }
    }

  return code;
}

static const char *
model_title (VerkanRecord *record)
{
  const char *title = record != NULL ? verkan_record_get_string (record, "title") : "";

  return *title != '\0' ? title : _("Untitled model");
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
project_folder (VerkanModelsPage *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (verkan_project_get_path (self->project));

  return g_file_get_parent (file);
}

/* ------------------------------------------------------------------ */
/* Actions' sensitivity, title, empty state                            */

static void
update_actions (VerkanModelsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean project = self->project != NULL;
  gboolean writable = project && !verkan_project_get_read_only (self->project);
  gboolean model = project && self->model_id != 0;
  gboolean leader = !self->exchange;

  gtk_widget_action_set_enabled (widget, "models.new", writable && leader);
  gtk_widget_action_set_enabled (widget, "models.receive", writable && leader);
  gtk_widget_action_set_enabled (widget, "models.duplicate", writable && model && leader);
  gtk_widget_action_set_enabled (widget, "models.delete", writable && model && leader);
  gtk_widget_action_set_enabled (widget, "models.freeze", writable && model && leader);
  gtk_widget_action_set_enabled (widget, "models.rename", writable && model);
  gtk_widget_action_set_enabled (widget, "models.arrange", writable && model);
  /* Sending and exporting write other files, not this one */
  gtk_widget_action_set_enabled (widget, "models.send", model && leader);
  gtk_widget_action_set_enabled (widget, "models.export-image", model);
  gtk_widget_action_set_enabled (widget, "models.show-model-fields", model);
  gtk_widget_action_set_enabled (widget, "models.view", model);

  gtk_widget_set_visible (GTK_WIDGET (self->versions_button), leader);
  /* The panel, the canvas and the form see to read-only themselves */
  gtk_widget_set_sensitive (GTK_WIDGET (self->model_group), writable);
}

static void
update_title (VerkanModelsPage *self)
{
  gtk_label_set_label (self->model_title_label,
                       self->record != NULL ? model_title (self->record) : "");
}

static void
update_empty (VerkanModelsPage *self)
{
  gboolean empty = !self->exchange
                   && g_list_model_get_n_items (G_LIST_MODEL (self->models)) == 0;

  gtk_stack_set_visible_child_name (self->page_stack, empty ? "empty" : "models");
}

/* ------------------------------------------------------------------ */
/* The views, given the model once they are visible                    */

static void
on_form_element_activated (VerkanModelsPage *self,
                           gint64            element_id)
{
  VerkanModelCanvas *canvas = get_canvas (self);

  show_item (self, element_id, 0);
  if (canvas != NULL && self->canvas_model_id == self->model_id)
    verkan_model_canvas_select_element (canvas, element_id);
}

static void
ensure_form (VerkanModelsPage *self)
{
  if (self->form != NULL)
    return;

  self->form = VERKAN_MODEL_FORM (verkan_model_form_new ());
  gtk_widget_set_name (GTK_WIDGET (self->form), "models-form");
  g_signal_connect_object (self->form, "element-activated",
                           G_CALLBACK (on_form_element_activated), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
}

static void
sync_views (VerkanModelsPage *self)
{
  VerkanModelCanvas *canvas;

  if (self->project == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  canvas = get_canvas (self);
  if (canvas != NULL && self->canvas_model_id != self->model_id)
    {
      self->canvas_model_id = self->model_id;
      verkan_model_canvas_set_model (canvas, self->project, self->model_id);
    }

  if (g_strcmp0 (self->view, "form") == 0)
    {
      ensure_form (self);
      if (self->form_model_id != self->model_id)
        {
          self->form_model_id = self->model_id;
          verkan_model_form_set_model (self->form, self->project, self->model_id);
        }
    }

  if (self->checks_model_id != self->model_id)
    {
      self->checks_model_id = self->model_id;
      verkan_model_checks_panel_set_model (self->checks_panel, self->project, self->model_id);
    }
}

static void
set_view (VerkanModelsPage *self,
          const char       *view)
{
  if (g_strcmp0 (view, "form") != 0)
    view = "canvas";

  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);

  /* the form first, so that the stack never shows an empty page */
  sync_views (self);
  gtk_stack_set_visible_child_name (self->view_stack, view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* The side panel shows the card or arrow, or the model's own fields */
static void
show_item (VerkanModelsPage *self,
           gint64            element_id,
           gint64            link_id)
{
  VerkanModelElementPanel *panel = VERKAN_MODEL_ELEMENT_PANEL (self->element_panel);

  if (panel == NULL)
    return;

  if (link_id != 0)
    verkan_model_element_panel_set_link (panel, link_id);
  else
    verkan_model_element_panel_set_element (panel, element_id);

  gtk_stack_set_visible_child_name (self->side_stack,
                                    element_id != 0 || link_id != 0 ? "element" : "model");
}

static void
on_canvas_selection_changed (VerkanModelsPage  *self,
                             VerkanModelCanvas *canvas)
{
  show_item (self,
             verkan_model_canvas_get_current_element (canvas),
             verkan_model_canvas_get_current_link (canvas));
}

static void
on_problem_activated (VerkanModelsPage *self,
                      gint64            element_id,
                      gint64            link_id)
{
  VerkanModelCanvas *canvas = get_canvas (self);

  show_item (self, element_id, link_id);

  if (g_strcmp0 (self->view, "form") == 0 && self->form != NULL)
    {
      if (element_id != 0)
        verkan_model_form_select_element (self->form, element_id);
    }
  else if (canvas != NULL)
    {
      if (link_id != 0)
        verkan_model_canvas_select_link (canvas, link_id);
      else if (element_id != 0)
        verkan_model_canvas_select_element (canvas, element_id);
    }
}

/* ------------------------------------------------------------------ */
/* The model's own fields                                              */

static void
update_switches (VerkanModelsPage *self)
{
  self->updating_switches++;
  gtk_switch_set_active (self->assumptions_switch,
                         self->record != NULL
                         && verkan_record_get_int (self->record, "show_assumptions", 0) != 0);
  gtk_switch_set_active (self->external_switch,
                         self->record != NULL
                         && verkan_record_get_int (self->record, "show_external", 0) != 0);
  self->updating_switches--;
}

static void
on_switch_toggled (VerkanModelsPage *self,
                   GParamSpec       *pspec,
                   GtkSwitch        *toggle)
{
  const char *column = toggle == self->assumptions_switch ? "show_assumptions" : "show_external";
  g_autoptr(GError) error = NULL;

  if (self->updating_switches > 0 || self->record == NULL)
    return;

  if (!verkan_project_set_value (self->project, "logic_model", self->model_id, column,
                                 g_variant_new_int64 (gtk_switch_get_active (toggle) ? 1 : 0),
                                 &error))
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      update_switches (self);
    }
}

/* "Whole project" and the project's municipalities, plus the model's own
 * when the project no longer has it */
static void
update_municipality_choices (VerkanModelsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tokens = NULL;
  const char *own;
  gboolean own_listed = FALSE;
  guint n;

  if (self->municipality_binding == NULL || self->record == NULL)
    return;

  own = verkan_record_get_string (self->record, "municipality");

  gtk_string_list_append (labels, municipality_name (self, NULL));
  g_strv_builder_add (builder, "");

  n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) municipality = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);
      const char *code = verkan_record_get_string (municipality, "code");

      gtk_string_list_append (labels, municipality_name (self, code));
      g_strv_builder_add (builder, code);
      own_listed |= g_strcmp0 (code, own) == 0;
    }

  if (*own != '\0' && !own_listed)
    {
      gtk_string_list_append (labels, municipality_name (self, own));
      g_strv_builder_add (builder, own);
    }

  tokens = g_strv_builder_end (builder);
  verkan_field_binding_set_choices (self->municipality_binding, G_LIST_MODEL (labels),
                                    (const char * const *) tokens);
  g_strfreev (self->municipality_tokens);
  self->municipality_tokens = g_steal_pointer (&tokens);
}

static void
on_municipality_changed (VerkanModelsPage *self)
{
  const char *own = verkan_record_get_string (self->record, "municipality");

  /* New choices only for a code that is not among them: replacing the
   * combo row's model while it is handling the choice would pull it away
   * under its feet; otherwise the binding selects the new value. */
  if (self->municipality_tokens == NULL
      || !g_strv_contains ((const char * const *) self->municipality_tokens, own))
    update_municipality_choices (self);
}

static void
on_record_changed (VerkanModelsPage *self,
                   const char       *column)
{
  if (g_strcmp0 (column, "title") == 0)
    update_title (self);
  else if (g_strcmp0 (column, "municipality") == 0)
    on_municipality_changed (self);
  else
    update_switches (self);
}

static void
set_record (VerkanModelsPage *self,
            VerkanRecord     *record)
{
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);

  self->municipality_binding = NULL;
  g_clear_object (&self->fields);
  g_set_object (&self->record, record);

  if (record != NULL)
    {
      self->fields = verkan_field_binding_group_new (self->project, record);
      verkan_field_binding_group_bind (self->fields, "title", GTK_WIDGET (self->title_row),
                                       VERKAN_FIELD_TEXT);
      verkan_field_binding_group_bind (self->fields, "date", GTK_WIDGET (self->date_row),
                                       VERKAN_FIELD_DATE);
      self->municipality_binding = verkan_field_binding_group_bind (self->fields, "municipality",
                                                                    GTK_WIDGET (self->municipality_row),
                                                                    VERKAN_FIELD_CHOICE);
      update_municipality_choices (self);
      g_signal_connect_swapped (record, "changed", G_CALLBACK (on_record_changed), self);
    }

  update_switches (self);
  update_title (self);
}

/* ------------------------------------------------------------------ */
/* Frozen versions                                                     */

static void export_version (VerkanModelsPage *self,
                            gint64            version_id);

static void
on_version_export_clicked (VerkanModelsPage *self,
                           GtkButton        *button)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "verkan-version-id");

  gtk_popover_popdown (gtk_menu_button_get_popover (self->versions_button));
  if (id != NULL)
    export_version (self, *id);
}

static GtkWidget *
create_version_row (gpointer item,
                    gpointer user_data)
{
  VerkanModelsPage *self = user_data;
  VerkanRecord *record = VERKAN_RECORD (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *subtitle = NULL;
  gint64 *id = g_new (gint64, 1);

  *id = verkan_record_get_id (record);

  /* Translators: a frozen version of a logic model; %s is its date */
  subtitle = g_strdup_printf (_("Dated %s"), verkan_record_get_string (record, "date"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), verkan_record_get_string (record, "title"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, "models-version-row");

  button = gtk_button_new_from_icon_name ("x-office-document-symbolic");
  gtk_widget_set_name (button, "models-version-export");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Export as PDF…"));
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "verkan-version-id", id, g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_version_export_clicked),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
update_versions (VerkanModelsPage *self)
{
  GtkWidget *placeholder;

  gtk_list_box_bind_model (self->versions_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->versions);

  if (self->record == NULL)
    return;

  self->versions = verkan_record_list_new (self->project, "model_version", "model_uuid",
                                           g_variant_new_string (verkan_record_get_string (self->record, "uuid")));
  gtk_list_box_bind_model (self->versions_list, G_LIST_MODEL (self->versions),
                           create_version_row, self, NULL);

  placeholder = gtk_label_new (_("No frozen versions yet. Freeze one when the model is agreed, to attach it to the report."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (placeholder), 36);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->versions_list, placeholder);
}

/* ------------------------------------------------------------------ */
/* The list of models                                                  */

static void
update_model_row (GtkListBoxRow *row)
{
  VerkanRecord *record = g_object_get_data (G_OBJECT (row), "verkan-record");
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "verkan-title");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (row), "verkan-subtitle");
  VerkanModelsPage *self = g_object_get_data (G_OBJECT (row), "verkan-page");
  const char *date = verkan_record_get_string (record, "date");
  const char *name = municipality_name (self, verkan_record_get_string (record, "municipality"));
  g_autofree char *details = NULL;

  if (*date != '\0')
    /* Translators: under a model's title in the list: "Nora · 2022-06-15" */
    details = g_strdup_printf (_("%s · %s"), name, date);
  else
    details = g_strdup (name);

  gtk_label_set_label (title, model_title (record));
  gtk_label_set_label (subtitle, details);
}

static GtkWidget *
create_model_row (gpointer item,
                  gpointer user_data)
{
  VerkanRecord *record = VERKAN_RECORD (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_name (row, "models-list-row");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  /* long titles are cut short, not the canvas */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 24);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "verkan-record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (row), "verkan-title", title);
  g_object_set_data (G_OBJECT (row), "verkan-subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "verkan-page", user_data);
  g_signal_connect_object (record, "changed", G_CALLBACK (update_model_row), row,
                           G_CONNECT_SWAPPED);
  update_model_row (GTK_LIST_BOX_ROW (row));

  return row;
}

static void
select_row (VerkanModelsPage *self,
            gint64            model_id)
{
  GtkListBoxRow *row;
  GtkListBoxRow *found = NULL;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->model_list, i)) != NULL; i++)
    {
      VerkanRecord *record = g_object_get_data (G_OBJECT (row), "verkan-record");

      if (record != NULL && verkan_record_get_id (record) == model_id)
        {
          found = row;
          break;
        }
    }

  if (found == gtk_list_box_get_selected_row (self->model_list))
    return;

  self->selecting++;
  if (found != NULL)
    gtk_list_box_select_row (self->model_list, found);
  else
    gtk_list_box_unselect_all (self->model_list);
  self->selecting--;
}

static void
on_row_selected (VerkanModelsPage *self,
                 GtkListBoxRow    *row)
{
  VerkanRecord *record;

  if (self->selecting > 0 || row == NULL)
    return;

  record = g_object_get_data (G_OBJECT (row), "verkan-record");
  if (record != NULL)
    verkan_models_page_show_model (self, verkan_record_get_id (record));
}

/* After the list box made its rows: keep the model shown, or show its
 * neighbour when it went away */
static void
on_models_changed (VerkanModelsPage *self,
                   guint             position,
                   guint             removed,
                   guint             added)
{
  GListModel *models = G_LIST_MODEL (self->models);
  guint n = g_list_model_get_n_items (models);

  update_empty (self);

  if (self->deleted_model_id != 0 && verkan_record_list_find (self->models, self->deleted_model_id) != NULL)
    {
      gint64 restored = self->deleted_model_id;

      self->deleted_model_id = 0;
      verkan_models_page_show_model (self, restored);
      return;
    }

  if (self->model_id != 0 && verkan_record_list_find (self->models, self->model_id) != NULL)
    {
      verkan_models_page_show_model (self, self->model_id);
      return;
    }

  if (n == 0)
    {
      verkan_models_page_show_model (self, 0);
    }
  else
    {
      g_autoptr(VerkanRecord) next = g_list_model_get_item (models, MIN (position, n - 1));

      verkan_models_page_show_model (self, verkan_record_get_id (next));
    }
}

static void
on_municipalities_changed (VerkanModelsPage *self)
{
  GtkListBoxRow *row;

  update_municipality_choices (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->model_list, i)) != NULL; i++)
    update_model_row (row);
}

/* ------------------------------------------------------------------ */
/* New, duplicate, rename, delete                                      */

static void
on_new_response (VerkanModelsPage     *self,
                 const char           *response,
                 VerkanModelNewDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  VerkanRecord *record;
  gint64 id;

  if (g_strcmp0 (response, "create") != 0 || self->project == NULL)
    return;

  title = verkan_model_new_dialog_dup_model_title (dialog);
  date = verkan_model_new_dialog_dup_date (dialog);

  verkan_field_binding_flush_all ();
  id = verkan_model_create (self->project, title,
                            verkan_model_new_dialog_get_municipality (dialog),
                            verkan_model_new_dialog_get_template (dialog), &error);
  if (id == 0)
    {
      show_error_dialog (self, _("Could not create the logic model"),
                         error != NULL ? error->message : "");
      return;
    }

  /* The model is dated on creation; only another date needs an edit */
  record = verkan_record_list_find (self->models, id);
  if (date != NULL && record != NULL
      && g_strcmp0 (verkan_record_get_string (record, "date"), date) != 0
      && !verkan_project_set_value (self->project, "logic_model", id, "date",
                                    g_variant_new_string (date), &error))
    verkan_window_show_error_for (GTK_WIDGET (self), error);

  verkan_models_page_show_model (self, id);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  GtkWidget *dialog;

  if (self->project == NULL)
    return;

  dialog = verkan_model_new_dialog_new (get_window (self), self->project);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  /* Translators: the title of a duplicated logic model */
  title = g_strdup_printf (_("%s (copy)"), model_title (self->record));
  id = verkan_model_duplicate (self->project, self->model_id, title, &error);
  if (id == 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  verkan_models_page_show_model (self, id);
}

static void
on_rename_response (VerkanModelsPage *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "verkan-model-id"));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || *title == '\0' || self->project == NULL)
    return;

  if (!verkan_project_set_value (self->project, "logic_model", id, "title",
                                 g_variant_new_string (title), &error))
    verkan_window_show_error_for (GTK_WIDGET (self), error);
}

static void
on_rename_text_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *title != '\0');
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  dialog = adw_message_dialog_new (get_window (self), _("Rename Logic Model"), NULL);
  gtk_widget_set_name (dialog, "models-rename-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "models-rename-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), verkan_record_get_string (self->record, "title"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_text_changed), dialog);

  g_object_set_data (G_OBJECT (dialog), "verkan-model-id", GSIZE_TO_POINTER (self->model_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  /* Translators: a toast after a logic model was deleted, with Undo */
  toast = g_strdup_printf (_("“%s” deleted"), model_title (self->record));
  self->deleted_model_id = self->model_id;
  if (!verkan_project_delete (self->project, "logic_model", self->model_id, &error))
    {
      self->deleted_model_id = 0;
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  verkan_window_show_undo_toast_for (GTK_WIDGET (self), toast);
}

static void
arrange_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  VerkanModelCanvas *canvas = get_canvas (self);

  set_view (self, "canvas");
  sync_views (self);
  if (canvas != NULL && self->model_id != 0)
    verkan_model_canvas_arrange (canvas);
}

static void
show_model_fields_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->side_stack, "model");
  gtk_widget_child_focus (GTK_WIDGET (self->model_group), GTK_DIR_TAB_FORWARD);
}

/* ------------------------------------------------------------------ */
/* Frys version                                                        */

static void
on_freeze_response (VerkanModelsPage *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkWidget *date_row = g_object_get_data (G_OBJECT (dialog), "verkan-date-row");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "verkan-model-id"));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (date_row))));
  g_autofree char *toast = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "freeze") != 0 || self->project == NULL)
    return;

  if (verkan_model_freeze (self->project, id, *date != '\0' ? date : NULL, &error) == 0)
    {
      show_error_dialog (self, _("Could not freeze the version"),
                         error != NULL ? error->message : "");
      return;
    }

  /* Translators: a toast after freezing a version of a logic model;
   * %s is its date */
  toast = g_strdup_printf (_("Version dated %s frozen"), *date != '\0' ? date : "");
  show_toast (self, toast);
}

static void
on_freeze_date_changed (GtkEditable      *row,
                        AdwMessageDialog *dialog)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (row)));
  gboolean valid = verkan_date_is_valid (date);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  adw_message_dialog_set_response_enabled (dialog, "freeze", valid);
}

static void
freeze_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *date_row;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  /* Translators: %s is the model's title */
  body = g_strdup_printf (_("A frozen version keeps “%s” as it is now, dated and read-only, "
                            "to attach to the report. Later edits do not change it."),
                          model_title (self->record));
  dialog = adw_message_dialog_new (get_window (self), _("Freeze Version"), body);
  gtk_widget_set_name (dialog, "models-freeze-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "freeze", _("_Freeze"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "freeze",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "freeze");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  date_row = verkan_date_row_new ();
  gtk_widget_set_name (date_row, "models-freeze-date");
  /* Translators: the date a frozen version of a model carries */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row), _("Dated"));
  gtk_editable_set_text (GTK_EDITABLE (date_row), today);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (date_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), date_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_signal_connect (date_row, "changed", G_CALLBACK (on_freeze_date_changed), dialog);

  g_object_set_data (G_OBJECT (dialog), "verkan-date-row", date_row);
  g_object_set_data (G_OBJECT (dialog), "verkan-model-id", GSIZE_TO_POINTER (self->model_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_freeze_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Pictures: PNG, SVG, PDF, drawn in a worker thread                   */

typedef struct {
  VerkanModelsPage *self;
  gint64            id;
  gboolean          version;
} Request;

static Request *
request_new (VerkanModelsPage *self,
             gint64            id,
             gboolean          version)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->id = id;
  request->version = version;
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

typedef struct {
  VerkanModelSnapshot *snapshot;
  char                *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->snapshot, verkan_model_snapshot_free);
  g_free (job->path);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (verkan_model_export (job->snapshot, job->path, 0, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (source);
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

  /* Translators: a toast after a picture of a model was written; %s is
   * the file name */
  text = g_strdup_printf (_("Exported “%s”"), name);
  show_toast (self, text);
}

static void
export_to_file (VerkanModelsPage *self,
                gint64            id,
                gboolean          version,
                GFile            *file)
{
  g_autoptr(VerkanModelSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  ExportJob *job;

  if (self->project == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error_dialog (self, _("Could not export the picture"),
                         _("Verkan can only save files on this computer or on a connected network drive."));
      return;
    }

  /* Read here, where the project's connection lives; drawn over there */
  if (version)
    snapshot = verkan_model_snapshot_load_version (self->project, id, &error);
  else
    snapshot = verkan_model_snapshot_load (self->project, id, &error);
  if (snapshot == NULL)
    {
      show_error_dialog (self, _("Could not export the picture"),
                         error != NULL ? error->message : "");
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->snapshot = g_steal_pointer (&snapshot);
  job->path = g_steal_pointer (&path);

  task = g_task_new (self, self->cancellable, on_exported, NULL);
  g_task_set_source_tag (task, export_to_file);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
on_image_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GFile) file = verkan_image_chooser_finish (result);

  if (file != NULL)
    export_to_file (request->self, request->id, request->version, file);
}

static void
export_image_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  folder = project_folder (self);
  name = file_name_for (model_title (self->record), ".png");
  verkan_image_chooser_run (get_window (self), _("Export Logic Model as Image"),
                            folder, name, FALSE, on_image_chosen,
                            request_new (self, self->model_id, FALSE));
}

static void
export_version (VerkanModelsPage *self,
                gint64            version_id)
{
  VerkanRecord *record = self->versions != NULL
                         ? verkan_record_list_find (self->versions, version_id)
                         : NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (record == NULL)
    return;

  folder = project_folder (self);
  /* Translators: the file name of a frozen version: "Logikmodell för
   * Nora, daterad 2022-06-15" */
  title = g_strdup_printf (_("%s, dated %s"), verkan_record_get_string (record, "title"),
                           verkan_record_get_string (record, "date"));
  name = file_name_for (title, ".pdf");
  verkan_image_chooser_run (get_window (self), _("Export Frozen Version as PDF"),
                            folder, name, TRUE, on_image_chosen,
                            request_new (self, version_id, TRUE));
}

/* ------------------------------------------------------------------ */
/* Skicka till kommun, ta emot från kommun                             */

static void
send_to_file (VerkanModelsPage *self,
              gint64            model_id,
              GFile            *file)
{
  g_autoptr(GFile) project_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (self->project == NULL)
    return;

  project_file = g_file_new_for_path (verkan_project_get_path (self->project));
  path = g_file_get_path (file);
  name = g_file_get_basename (file);

  if (path == NULL || g_file_equal (file, project_file))
    {
      show_error_dialog (self, _("Could not write the file for the municipality"),
                         path == NULL
                         ? _("Verkan can only save files on this computer or on a connected network drive.")
                         : _("The file for the municipality needs a name of its own. Choose another name or folder."));
      return;
    }

  if (!verkan_model_exchange_export (self->project, model_id, path, &error))
    {
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("Could not write “%s”"), name);
      show_error_dialog (self, text, error != NULL ? error->message : "");
      return;
    }

  /* Translators: a toast after the file for a municipality was written */
  text = g_strdup_printf (_("Saved “%s” to send to the municipality"), name);
  show_toast (self, text);
}

static void
on_send_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GFile) file = verkan_file_chooser_finish (result);

  if (file != NULL)
    send_to_file (request->self, request->id, file);
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  folder = project_folder (self);
  name = file_name_for (model_title (self->record), ".verkan");
  verkan_file_chooser_run (get_window (self), VERKAN_FILE_CHOOSER_SAVE,
                           _("Send Logic Model to Municipality"), _("_Save"),
                           folder, name, on_send_chosen,
                           request_new (self, self->model_id, FALSE));
}

static void
on_merge_applied (VerkanModelsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->models));

  show_toast (self, _("The municipality’s changes were merged"));

  /* A model the project did not have came in: show it */
  if (n > self->n_models_before_merge)
    {
      g_autoptr(VerkanRecord) added = g_list_model_get_item (G_LIST_MODEL (self->models), n - 1);

      verkan_models_page_show_model (self, verkan_record_get_id (added));
    }
}

static void
receive_file (VerkanModelsPage *self,
              GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VerkanModelMerge *merge;
  GtkWidget *dialog;

  if (self->project == NULL)
    return;

  path = g_file_get_path (file);
  merge = path != NULL ? verkan_model_merge_new (self->project, path, &error) : NULL;
  if (merge == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is the file a municipality sent back */
      g_autofree char *heading = g_strdup_printf (_("Could not read “%s”"), name);

      show_error_dialog (self, heading,
                         error != NULL ? error->message
                                       : _("Verkan can only open files on this computer or on a connected network drive."));
      return;
    }

  self->n_models_before_merge = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  dialog = verkan_model_merge_dialog_new (get_window (self), merge);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_merge_applied), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_receive_chosen (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GFile) file = verkan_file_chooser_finish (result);

  if (file != NULL)
    receive_file (request->self, file);
}

static void
receive_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (widget);
  g_autoptr(GFile) folder = NULL;

  if (self->project == NULL)
    return;

  verkan_field_binding_flush_all ();

  folder = project_folder (self);
  verkan_file_chooser_run (get_window (self), VERKAN_FILE_CHOOSER_OPEN,
                           _("Receive Logic Model from Municipality"), _("_Open"),
                           folder, NULL, on_receive_chosen,
                           request_new (self, 0, FALSE));
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
set_up (VerkanModelsPage *self)
{
  VerkanProject *project = self->project;
  VerkanModelCanvas *canvas = get_canvas (self);
  gint64 exchange_model_id = 0;
  GtkShortcut *shortcut;
  GtkEventController *controller;

  self->cancellable = g_cancellable_new ();
  self->models = verkan_record_list_new (project, "logic_model", NULL, NULL);
  self->municipalities = verkan_record_list_new (project, "municipality", NULL, NULL);
  self->exchange = verkan_model_exchange_is_exchange_file (project, &exchange_model_id);

  self->element_panel = verkan_model_element_panel_new (project);
  gtk_widget_set_name (self->element_panel, "models-element-panel");
  adw_bin_set_child (self->element_bin, self->element_panel);

  gtk_list_box_bind_model (self->model_list, G_LIST_MODEL (self->models),
                           create_model_row, self, NULL);
  g_signal_connect_object (self->model_list, "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
  /* After the list box, so that the rows exist when this runs */
  g_signal_connect_object (self->models, "items-changed",
                           G_CALLBACK (on_models_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->municipalities, "items-changed",
                           G_CALLBACK (on_municipalities_changed), self, G_CONNECT_SWAPPED);

  /* Delete in the list deletes the model (with Undo in the toast) */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_named_action_new ("models.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->model_list), controller);

  if (canvas != NULL)
    g_signal_connect_object (canvas, "selection-changed",
                             G_CALLBACK (on_canvas_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checks_panel, "problem-activated",
                           G_CALLBACK (on_problem_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->assumptions_switch, "notify::active",
                           G_CALLBACK (on_switch_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->external_switch, "notify::active",
                           G_CALLBACK (on_switch_toggled), self, G_CONNECT_SWAPPED);

  if (self->exchange)
    {
      /* Staff fill in the one model and send it back: nothing else */
      gtk_widget_set_visible (self->sidebar, FALSE);
      gtk_widget_set_visible (self->sidebar_separator, FALSE);
      gtk_revealer_set_reveal_child (self->exchange_revealer, TRUE);
      verkan_models_page_show_model (self, exchange_model_id);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->models)) > 0)
    {
      g_autoptr(VerkanRecord) first = g_list_model_get_item (G_LIST_MODEL (self->models), 0);

      verkan_models_page_show_model (self, verkan_record_get_id (first));
    }

  update_empty (self);
  update_actions (self);
}

static void
verkan_models_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (verkan_models_page_parent_class)->map (widget);

  /* The first time the page is shown, the views get their model */
  sync_views (VERKAN_MODELS_PAGE (widget));
}

static void
verkan_models_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_models_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_models_page_dispose (GObject *object)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  self->municipality_binding = NULL;
  g_clear_object (&self->fields);
  g_clear_object (&self->record);

  /* The rows go before the lists they show */
  if (self->model_list != NULL)
    {
      gtk_list_box_bind_model (self->model_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->versions_list, NULL, NULL, NULL, NULL);
    }

  /* AdwBin keeps its own pointer to its child: let go of each there
   * before the template's children go */
  if (self->form_bin != NULL)
    {
      adw_bin_set_child (self->form_bin, NULL);
      adw_bin_set_child (self->element_bin, NULL);
    }
  self->form = NULL;
  self->element_panel = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODELS_PAGE);

  g_clear_object (&self->versions);
  g_clear_object (&self->models);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_models_page_parent_class)->dispose (object);
}

static void
verkan_models_page_finalize (GObject *object)
{
  VerkanModelsPage *self = VERKAN_MODELS_PAGE (object);

  g_free (self->view);
  g_strfreev (self->municipality_tokens);

  G_OBJECT_CLASS (verkan_models_page_parent_class)->finalize (object);
}

static void
verkan_models_page_class_init (VerkanModelsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = verkan_models_page_get_property;
  object_class->set_property = verkan_models_page_set_property;
  object_class->dispose = verkan_models_page_dispose;
  object_class->finalize = verkan_models_page_finalize;
  widget_class->map = verkan_models_page_map;

  /* "canvas" or "form": the view of the model shown */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "canvas",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VERKAN_TYPE_DATE_ROW);
  g_type_ensure (VERKAN_TYPE_MODEL_CANVAS_VIEW);
  g_type_ensure (VERKAN_TYPE_MODEL_CHECKS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-models-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, exchange_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, model_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, model_title_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, versions_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, versions_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, canvas_view);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, form_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, model_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, assumptions_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, external_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, element_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelsPage, checks_panel);

  gtk_widget_class_install_action (widget_class, "models.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "models.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "models.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "models.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "models.freeze", NULL, freeze_activated);
  gtk_widget_class_install_action (widget_class, "models.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "models.receive", NULL, receive_activated);
  gtk_widget_class_install_action (widget_class, "models.export-image", NULL, export_image_activated);
  gtk_widget_class_install_action (widget_class, "models.arrange", NULL, arrange_activated);
  gtk_widget_class_install_action (widget_class, "models.show-model-fields", NULL,
                                   show_model_fields_activated);
  gtk_widget_class_install_property_action (widget_class, "models.view", "view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "models.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "models.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "models.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "models.export-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "models.view", "s", "canvas");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "models.view", "s", "form");
}

static void
verkan_models_page_init (VerkanModelsPage *self)
{
  self->view = g_strdup ("canvas");

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
verkan_models_page_new (VerkanProject *project)
{
  VerkanModelsPage *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_MODELS_PAGE, NULL);
  self->project = g_object_ref (project);
  set_up (self);

  return GTK_WIDGET (self);
}

VerkanProject *
verkan_models_page_get_project (VerkanModelsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_MODELS_PAGE (self), NULL);

  return self->project;
}

gint64
verkan_models_page_get_model_id (VerkanModelsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_MODELS_PAGE (self), 0);

  return self->model_id;
}

void
verkan_models_page_show_model (VerkanModelsPage *self,
                               gint64            model_id)
{
  VerkanRecord *record;

  g_return_if_fail (VERKAN_IS_MODELS_PAGE (self));

  if (self->models == NULL)
    return;

  record = model_id != 0 ? verkan_record_list_find (self->models, model_id) : NULL;
  if (record == NULL)
    model_id = 0;

  select_row (self, model_id);

  /* The same model, the same row: nothing to do.  After an undo the id
   * may come back with a new record, which the fields must follow. */
  if (model_id == self->model_id && record == self->record)
    return;

  verkan_field_binding_flush_all ();

  self->model_id = model_id;
  set_record (self, record);
  update_versions (self);
  update_actions (self);
  show_item (self, 0, 0);
  sync_views (self);
}

void
verkan_models_page_export_image (VerkanModelsPage *self,
                                 GFile            *file)
{
  g_return_if_fail (VERKAN_IS_MODELS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->model_id != 0)
    export_to_file (self, self->model_id, FALSE, file);
}

void
verkan_models_page_send_to (VerkanModelsPage *self,
                            GFile            *file)
{
  g_return_if_fail (VERKAN_IS_MODELS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->model_id != 0)
    send_to_file (self, self->model_id, file);
}

void
verkan_models_page_receive (VerkanModelsPage *self,
                            GFile            *file)
{
  g_return_if_fail (VERKAN_IS_MODELS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!self->exchange && !verkan_project_get_read_only (self->project))
    receive_file (self, file);
}
