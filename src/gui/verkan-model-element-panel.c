/* verkan-model-element-panel.c: the side panel for the selected card or link
 *
 * The panel shows one of three pages: a hint when nothing is selected,
 * the editors of a card, or those of a link.  The editors are built once
 * and bound anew to each card or link shown; the card's row, its links
 * and its indicators are one-row and few-row VerkanRecordLists, so the
 * panel follows undo, redo and the canvas by itself: a card that is
 * deleted gives way to the hint and comes back with its undo.  The card's
 * evidence ("Underlag": documents, or pages of them) is read anew from the
 * core whenever evidence or documents change; a row opens its document.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-document-launcher.h"
#include "verkan-evidence.h"
#include "verkan-evidence-chooser.h"
#include "verkan-field-binding-group.h"
#include "verkan-indicator-row.h"
#include "verkan-model-element-panel.h"
#include "verkan-model-snapshot.h"
#include "verkan-record-list.h"
#include "verkan-text-row.h"
#include "verkan-window.h"

struct _VerkanModelElementPanel
{
  AdwBin                   parent_instance;

  VerkanProject           *project;
  gint64                   element_id;
  gint64                   link_id;

  /* what is shown: the card's or the link's row as a one-row list */
  VerkanRecordList        *shown;
  VerkanRecord            *record;
  VerkanFieldBindingGroup *fields;
  VerkanRecordList        *links_out;
  VerkanRecordList        *links_in;
  VerkanRecordList        *indicators;
  gulong                   elements_changed_id;
  gulong                   evidence_changed_id;
  gulong                   documents_changed_id;
  guint                    updating;

  GtkStack                *stack;
  AdwPreferencesGroup     *card_group;
  AdwEntryRow             *title_row;
  VerkanTextRow           *text_row;
  AdwEntryRow             *responsible_row;
  AdwComboRow             *status_row;
  GtkSwitch               *pinned_switch;
  GtkListBox              *links_list;
  GtkListBox              *indicator_list;
  GtkWidget               *indicators_group;
  GtkListBox              *evidence_list;
  GtkWidget               *add_evidence_button;
  GtkWidget               *evidence_chooser;
  GtkWidget               *remove_card_button;
  GtkWidget               *remove_link_button;
  AdwActionRow            *from_row;
  AdwActionRow            *to_row;
  VerkanTextRow           *rationale_row;
  GtkWidget               *rationale_placeholder;
};

G_DEFINE_FINAL_TYPE (VerkanModelElementPanel, verkan_model_element_panel, ADW_TYPE_BIN)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_current (VerkanModelElementPanel *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *
dup_card_title (VerkanProject *project,
                gint64         element_id)
{
  g_autoptr(GVariant) row = verkan_project_get_row (project, "model_element", element_id, NULL);
  const char *title = NULL;

  if (row != NULL && g_variant_lookup (row, "title", "&s", &title) && *title != '\0')
    return g_strdup (title);

  /* Translators: a card of a logic model that has no title yet */
  return g_strdup (_("Untitled card"));
}

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* ------------------------------------------------------------------ */
/* Link rows of a card                                                 */

static void
update_link_row (GtkWidget *row)
{
  VerkanModelElementPanel *self = g_object_get_data (G_OBJECT (row), "panel");
  VerkanRecord *record = g_object_get_data (G_OBJECT (row), "record");
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "icon");
  g_autofree char *other = NULL;
  gboolean outgoing;
  const char *rationale;

  if (self == NULL || self->project == NULL)
    return;

  outgoing = verkan_record_get_int (record, "from_id", 0) == self->element_id;
  other = dup_card_title (self->project,
                          verkan_record_get_int (record, outgoing ? "to_id" : "from_id", 0));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), other);

  rationale = verkan_record_get_string (record, "rationale");
  if (*rationale != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rationale);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No rationale yet: why does the one lead to the other?"));

  gtk_image_set_from_icon_name (icon, outgoing ? "go-next-symbolic" : "go-previous-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (icon),
                               /* Translators: a link out of the card shown, or into it */
                               outgoing ? _("Leads to") : _("Comes from"));
}

static GtkWidget *
create_link_row (gpointer item,
                 gpointer user_data)
{
  VerkanModelElementPanel *self = user_data;
  VerkanRecord *record = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (row), "panel", self);
  g_object_set_data (G_OBJECT (row), "icon", icon);

  g_signal_connect_object (record, "changed", G_CALLBACK (update_link_row), row, G_CONNECT_SWAPPED);
  update_link_row (row);

  return row;
}

/* The other cards' titles in the link rows follow renames */
static void
on_elements_changed (VerkanModelElementPanel *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->links_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "record") != NULL)
      update_link_row (child);

  if (self->link_id != 0 && self->record != NULL)
    {
      g_autofree char *from = dup_card_title (self->project, verkan_record_get_int (self->record, "from_id", 0));
      g_autofree char *to = dup_card_title (self->project, verkan_record_get_int (self->record, "to_id", 0));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), from);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), to);
    }
}

static void
on_link_row_activated (VerkanModelElementPanel *self,
                       GtkListBoxRow           *row)
{
  VerkanRecord *record = g_object_get_data (G_OBJECT (row), "record");
  gint64 link_id;

  if (record == NULL)
    return;

  link_id = verkan_record_get_id (record);
  verkan_model_element_panel_set_link (self, link_id);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, (gint64) 0, link_id);
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */

static GtkWidget *
create_indicator_row (gpointer item,
                      gpointer user_data)
{
  VerkanModelElementPanel *self = user_data;

  return verkan_indicator_row_new (self->project, VERKAN_RECORD (item));
}

static void
on_add_indicator (VerkanModelElementPanel *self)
{
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  gint64 id;

  if (self->element_id == 0 || self->record == NULL)
    return;

  verkan_field_binding_flush_all ();

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "element_id", g_variant_new_int64 (self->element_id));

  /* The row is built while the insert is announced */
  id = verkan_project_insert (self->project, "indicator", g_variant_builder_end (&builder), &error);
  if (id <= 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->indicator_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VerkanRecord *record;

      if (!VERKAN_IS_INDICATOR_ROW (child))
        continue;
      record = verkan_indicator_row_get_record (VERKAN_INDICATOR_ROW (child));
      if (record != NULL && verkan_record_get_id (record) == id)
        {
          verkan_indicator_row_focus_name (VERKAN_INDICATOR_ROW (child));
          break;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Evidence                                                            */

static void
on_remove_evidence (GtkWidget *button,
                    gpointer   user_data)
{
  VerkanModelElementPanel *self = user_data;
  gint64 evidence_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "evidence-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) alive = g_object_ref (GTK_WIDGET (self));

  /* the rows are rebuilt while the removal is announced */
  if (!verkan_evidence_remove (self->project, evidence_id, &error))
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }
  /* Translators: a toast; the document itself stays in the project */
  verkan_window_show_undo_toast_for (GTK_WIDGET (self), _("Evidence removed"));
}

static GtkWidget *
create_evidence_row (VerkanModelElementPanel *self,
                     const VerkanEvidence    *evidence)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-document-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *open = gtk_image_new_from_icon_name ("document-open-symbolic");

  gtk_widget_set_name (row, "evidence-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), evidence->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (evidence->note != NULL && *evidence->note != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), evidence->note);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, evidence->page > 0 ? _("Open the document at this page")
                                                       : _("Open the document"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_add_css_class (open, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

  gtk_widget_set_name (remove, "evidence-remove");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Evidence"));
  gtk_widget_set_sensitive (remove, !verkan_project_get_read_only (self->project));
  g_object_set_data (G_OBJECT (remove), "evidence-id", GSIZE_TO_POINTER ((gsize) evidence->id));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_evidence), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data (G_OBJECT (row), "document-id", GSIZE_TO_POINTER ((gsize) evidence->document_id));
  g_object_set_data (G_OBJECT (row), "page", GUINT_TO_POINTER (evidence->page));
  return row;
}

/* The card's evidence, read anew: few rows, and their titles come from
 * the documents too */
static void
update_evidence (VerkanModelElementPanel *self)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->evidence_list, 0)) != NULL)
    gtk_list_box_remove (self->evidence_list, GTK_WIDGET (row));

  if (self->project == NULL || self->record == NULL || self->element_id == 0)
    return;

  list = verkan_evidence_list (self->project, self->element_id, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    gtk_list_box_append (self->evidence_list,
                         create_evidence_row (self, g_ptr_array_index (list, i)));
}

static void
on_evidence_row_activated (VerkanModelElementPanel *self,
                           GtkListBoxRow           *row)
{
  gint64 document_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "document-id"));

  if (document_id > 0)
    verkan_document_launch (GTK_WIDGET (self), self->project, document_id,
                            GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "page")));
}

/* ------------------------------------------------------------------ */
/* The card                                                            */

static void
update_card (VerkanModelElementPanel *self)
{
  int column;

  if (self->record == NULL || self->element_id == 0)
    return;

  column = verkan_model_column_from_token (verkan_record_get_string (self->record, "column_kind"));
  adw_preferences_group_set_title (self->card_group,
                                   column >= 0 ? verkan_model_column_label (column) : "");

  self->updating++;
  gtk_switch_set_active (self->pinned_switch,
                         verkan_record_get_int (self->record, "pinned", 0) != 0);
  self->updating--;
}

static void
on_pinned (VerkanModelElementPanel *self)
{
  g_autoptr(GError) error = NULL;
  gint64 pinned;

  if (self->updating > 0 || self->record == NULL || self->element_id == 0)
    return;

  pinned = gtk_switch_get_active (self->pinned_switch) ? 1 : 0;
  if (verkan_record_get_int (self->record, "pinned", 0) == pinned)
    return;

  if (!verkan_project_set_value (self->project, "model_element", self->element_id,
                                 "pinned", g_variant_new_int64 (pinned), &error))
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      update_card (self);
    }
}

static void
on_remove_card (VerkanModelElementPanel *self,
                GtkWidget               *button)
{
  /* Deleting a card takes its links and indicators along, in one step */
  if (self->fields != NULL && self->element_id != 0)
    verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), _("Card removed"));
}

/* ------------------------------------------------------------------ */
/* The link                                                            */

static void
update_link (VerkanModelElementPanel *self)
{
  if (self->record == NULL || self->link_id == 0)
    return;

  on_elements_changed (self);
  gtk_widget_set_visible (self->rationale_placeholder,
                          *verkan_record_get_string (self->record, "rationale") == '\0');
}

static void
on_rationale_buffer_changed (VerkanModelElementPanel *self,
                             GtkTextBuffer           *buffer)
{
  gtk_widget_set_visible (self->rationale_placeholder,
                          gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
activate_end (VerkanModelElementPanel *self,
              const char              *column)
{
  gint64 element_id;

  if (self->record == NULL || self->link_id == 0)
    return;

  element_id = verkan_record_get_int (self->record, column, 0);
  verkan_model_element_panel_set_element (self, element_id);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, element_id, (gint64) 0);
}

static void
on_from_activated (VerkanModelElementPanel *self)
{
  activate_end (self, "from_id");
}

static void
on_to_activated (VerkanModelElementPanel *self)
{
  activate_end (self, "to_id");
}

static void
on_remove_link (VerkanModelElementPanel *self)
{
  if (self->fields != NULL && self->link_id != 0)
    verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), _("Link removed"));
}

/* ------------------------------------------------------------------ */
/* Showing                                                             */

static void
on_record_changed (VerkanModelElementPanel *self)
{
  if (self->element_id != 0)
    update_card (self);
  else
    update_link (self);
}

/* Lets go of the bindings and lists of what was shown */
static void
unbind (VerkanModelElementPanel *self)
{
  /* What is typed into the editors belongs to the old record */
  verkan_field_binding_flush_all ();

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_clear_object (&self->record);
  g_clear_object (&self->fields);

  gtk_list_box_bind_model (self->links_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->indicator_list, NULL, NULL, NULL, NULL);
  update_evidence (self);
  g_clear_object (&self->links_out);
  g_clear_object (&self->links_in);
  g_clear_object (&self->indicators);
}

static void
bind_element (VerkanModelElementPanel *self)
{
  g_autoptr(GListStore) both = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkFlattenListModel) links = NULL;
  VerkanFieldBinding *status;

  self->fields = verkan_field_binding_group_new (self->project, self->record);
  verkan_field_binding_group_bind (self->fields, "title", GTK_WIDGET (self->title_row), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "text",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)),
                                   VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "responsible",
                                   GTK_WIDGET (self->responsible_row), VERKAN_FIELD_TEXT);
  status = verkan_field_binding_group_bind (self->fields, "status",
                                            GTK_WIDGET (self->status_row), VERKAN_FIELD_CHOICE);
  verkan_field_binding_set_vocabulary (status, VERKAN_VOCABULARY_GOAL_STATUS);

  /* Out of the card first, then into it */
  self->links_out = verkan_record_list_new (self->project, "model_link", "from_id",
                                            g_variant_new_int64 (self->element_id));
  self->links_in = verkan_record_list_new (self->project, "model_link", "to_id",
                                           g_variant_new_int64 (self->element_id));
  g_list_store_append (both, self->links_out);
  g_list_store_append (both, self->links_in);
  links = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&both)));
  gtk_list_box_bind_model (self->links_list, G_LIST_MODEL (links), create_link_row, self, NULL);

  self->indicators = verkan_record_list_new (self->project, "indicator", "element_id",
                                             g_variant_new_int64 (self->element_id));
  gtk_list_box_bind_model (self->indicator_list, G_LIST_MODEL (self->indicators),
                           create_indicator_row, self, NULL);

  verkan_evidence_chooser_set_element (VERKAN_EVIDENCE_CHOOSER (self->evidence_chooser),
                                       self->element_id);
  update_evidence (self);
  update_card (self);
}

static void
bind_link (VerkanModelElementPanel *self)
{
  self->fields = verkan_field_binding_group_new (self->project, self->record);
  verkan_field_binding_group_bind (self->fields, "rationale",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->rationale_row)),
                                   VERKAN_FIELD_TEXT);
  update_link (self);
}

/* Binds the editors to the row in self->shown, or shows the hint when it
 * is gone */
static void
show_current (VerkanModelElementPanel *self)
{
  g_autoptr(VerkanRecord) record = NULL;

  if (self->shown != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    record = g_list_model_get_item (G_LIST_MODEL (self->shown), 0);

  /* Still the same row: the bindings follow its values themselves */
  if (record != NULL && record == self->record)
    return;

  unbind (self);

  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  self->record = g_object_ref (record);
  g_signal_connect_swapped (self->record, "changed", G_CALLBACK (on_record_changed), self);

  if (self->element_id != 0)
    {
      bind_element (self);
      gtk_stack_set_visible_child_name (self->stack, "element");
    }
  else
    {
      bind_link (self);
      gtk_stack_set_visible_child_name (self->stack, "link");
    }
}

static void
show_row (VerkanModelElementPanel *self,
          const char              *table,
          gint64                   element_id,
          gint64                   link_id)
{
  gint64 id = element_id != 0 ? element_id : link_id;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  /* Unbound before the ids change, so pending edits go to their own row */
  unbind (self);

  self->element_id = element_id;
  self->link_id = link_id;

  if (id > 0 && self->project != NULL)
    {
      self->shown = verkan_record_list_new (self->project, table, "id", g_variant_new_int64 (id));
      g_signal_connect_swapped (self->shown, "items-changed", G_CALLBACK (show_current), self);
    }

  show_current (self);
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
verkan_model_element_panel_dispose (GObject *object)
{
  VerkanModelElementPanel *self = VERKAN_MODEL_ELEMENT_PANEL (object);

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  if (self->links_list != NULL)
    unbind (self);
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->elements_changed_id, self->project);
      g_clear_signal_handler (&self->evidence_changed_id, self->project);
      g_clear_signal_handler (&self->documents_changed_id, self->project);
    }
  g_clear_object (&self->project);

  /* AdwBin lets go of its child itself; the template must not do so too */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODEL_ELEMENT_PANEL);

  G_OBJECT_CLASS (verkan_model_element_panel_parent_class)->dispose (object);
}

static void
verkan_model_element_panel_class_init (VerkanModelElementPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_element_panel_dispose;

  /**
   * VerkanModelElementPanel::item-activated:
   * @element_id: the card now shown, or 0
   * @link_id: the link now shown, or 0
   *
   * The panel moved on its own to a card or a link (a link of the card,
   * or a link's end, was activated); the canvas selects it too.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  g_type_ensure (VERKAN_TYPE_TEXT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-model-element-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, card_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, text_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, status_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, pinned_switch);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, links_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, indicator_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, indicators_group);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, add_evidence_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, remove_card_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, remove_link_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, from_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, to_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelElementPanel, rationale_row);
  gtk_widget_class_bind_template_callback (widget_class, on_link_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_indicator);
  gtk_widget_class_bind_template_callback (widget_class, on_evidence_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_card);
  gtk_widget_class_bind_template_callback (widget_class, on_from_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_to_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_link);
}

static void
verkan_model_element_panel_init (VerkanModelElementPanel *self)
{
  GtkTextView *rationale;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The cards' titles are the rows' titles; these say which end */
  /* Translators: the card a link starts at */
  adw_action_row_set_subtitle (self->from_row, _("From"));
  /* Translators: the card a link leads to */
  adw_action_row_set_subtitle (self->to_row, _("To"));

  gtk_list_box_set_placeholder (self->links_list,
                                make_placeholder (_("No links yet. Drag from the card’s handle onto another card to link them.")));
  gtk_list_box_set_placeholder (self->indicator_list,
                                make_placeholder (_("No indicators yet. An indicator shows whether the card comes true.")));
  gtk_list_box_set_placeholder (self->evidence_list,
                                make_placeholder (_("No documents linked yet. Link the documents that show what the card claims, or a page of them.")));

  /* GtkTextView has no placeholder of its own: a hint lies over the
   * empty text and goes as soon as there is any */
  rationale = verkan_text_row_get_text_view (self->rationale_row);
  gtk_widget_set_name (GTK_WIDGET (rationale), "link-rationale");
  /* Translators: the hint in an empty rationale of a link; the if–then
   * form of an assumption ("Om …, så …") */
  self->rationale_placeholder = gtk_label_new (_("If …, then …"));
  gtk_widget_add_css_class (self->rationale_placeholder, "dim-label");
  gtk_widget_set_can_target (self->rationale_placeholder, FALSE);
  gtk_text_view_add_overlay (rationale, self->rationale_placeholder, 0, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (rationale), "changed",
                           G_CALLBACK (on_rationale_buffer_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)), "element-text");

  g_signal_connect_swapped (self->pinned_switch, "notify::active", G_CALLBACK (on_pinned), self);

  gtk_stack_set_visible_child_name (self->stack, "none");
}

GtkWidget *
verkan_model_element_panel_new (VerkanProject *project)
{
  VerkanModelElementPanel *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_MODEL_ELEMENT_PANEL, NULL);
  self->project = g_object_ref (project);

  /* "Lägg till underlag": search the documents, pick one and a page */
  self->evidence_chooser = verkan_evidence_chooser_new (project);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->add_evidence_button), self->evidence_chooser);

  /* A project someone else has open is shown as it is; the links still
   * lead from card to card */
  if (verkan_project_get_read_only (project))
    {
      GtkWidget *editors[] = {
        GTK_WIDGET (self->card_group), self->indicators_group, self->remove_card_button,
        GTK_WIDGET (self->rationale_row), self->remove_link_button, self->add_evidence_button,
      };

      for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
        gtk_widget_set_sensitive (editors[i], FALSE);
    }
  self->elements_changed_id =
    g_signal_connect_swapped (project, "changed::model_element",
                              G_CALLBACK (on_elements_changed), self);
  self->evidence_changed_id =
    g_signal_connect_swapped (project, "changed::evidence", G_CALLBACK (update_evidence), self);
  self->documents_changed_id =
    g_signal_connect_swapped (project, "changed::document", G_CALLBACK (update_evidence), self);

  return GTK_WIDGET (self);
}

void
verkan_model_element_panel_set_element (VerkanModelElementPanel *self,
                                        gint64                   element_id)
{
  g_return_if_fail (VERKAN_IS_MODEL_ELEMENT_PANEL (self));

  if (element_id == self->element_id && self->link_id == 0 && self->shown != NULL)
    return;

  show_row (self, "model_element", MAX (element_id, 0), 0);
}

void
verkan_model_element_panel_set_link (VerkanModelElementPanel *self,
                                     gint64                   link_id)
{
  g_return_if_fail (VERKAN_IS_MODEL_ELEMENT_PANEL (self));

  if (link_id == self->link_id && self->element_id == 0 && self->shown != NULL)
    return;

  show_row (self, "model_link", 0, MAX (link_id, 0));
}

gint64
verkan_model_element_panel_get_element (VerkanModelElementPanel *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_ELEMENT_PANEL (self), 0);

  /* 0 while the card is deleted (its undo brings it back) */
  return self->record != NULL ? self->element_id : 0;
}

void
verkan_model_element_panel_focus_title (VerkanModelElementPanel *self)
{
  g_return_if_fail (VERKAN_IS_MODEL_ELEMENT_PANEL (self));

  if (self->record != NULL && self->element_id != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
