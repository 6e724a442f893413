/* verkan-model-element-row.c: one card of a logic model in the form view
 *
 * The header shows the card's title and status and follows the record,
 * so an edit on the canvas or an undo shows at once.  The editors are
 * made from their own GtkBuilder file when the row is first expanded: a
 * model of a thousand cards then costs a thousand headers, not a thousand
 * sets of editors.  The indicators and the outgoing links are lists of
 * their own that follow the project like the cards do.  The row asks its
 * list to move it (::move-requested); removing is done here.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-indicator-row.h"
#include "verkan-model-edit.h"
#include "verkan-model-element-row.h"
#include "verkan-model-link-row.h"
#include "verkan-reorder.h"
#include "verkan-text-row.h"
#include "verkan-vocabulary.h"
#include "verkan-window.h"

struct _VerkanModelElementRow
{
  AdwExpanderRow           parent_instance;

  VerkanProject           *project;
  VerkanFieldBindingGroup *fields;
  VerkanRecordList        *elements;
  guint                    index;
  guint                    n_items;

  /* Made when the row is first expanded */
  gboolean                 built;
  VerkanRecordList        *indicators;
  VerkanRecordList        *links;
  AdwEntryRow             *title_row;
  VerkanTextRow           *text_row;
  AdwEntryRow             *responsible_row;
  AdwComboRow             *status_row;
  GtkListBox              *indicator_list;
  GtkWidget               *add_indicator_button;
  GtkListBox              *link_list;
  GtkMenuButton           *add_link_button;
  GtkWidget               *move_up_button;
  GtkWidget               *move_down_button;
  GtkWidget               *remove_button;
};

G_DEFINE_FINAL_TYPE (VerkanModelElementRow, verkan_model_element_row, ADW_TYPE_EXPANDER_ROW)

static void
update_header (VerkanModelElementRow *self)
{
  VerkanRecord *record = verkan_model_element_row_get_record (self);
  const char *title;

  if (record == NULL)
    return;

  title = verkan_record_get_string (record, "title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 /* Translators: a card of a logic model that has no title yet */
                                 *title != '\0' ? title : _("Untitled card"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS,
                                                          verkan_record_get_string (record, "status")));
}

static void
update_buttons (VerkanModelElementRow *self)
{
  if (!self->built)
    return;

  verkan_reorder_update_buttons (self->move_up_button, self->move_down_button,
                                 self->index, self->n_items);
  if (verkan_project_get_read_only (self->project))
    {
      gtk_widget_set_sensitive (self->move_up_button, FALSE);
      gtk_widget_set_sensitive (self->move_down_button, FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* Indicators and links                                                */

static GtkWidget *
create_indicator_row (gpointer item,
                      gpointer user_data)
{
  VerkanModelElementRow *self = user_data;

  return verkan_indicator_row_new (self->project, VERKAN_RECORD (item));
}

static GtkWidget *
create_link_row (gpointer item,
                 gpointer user_data)
{
  VerkanModelElementRow *self = user_data;

  return verkan_model_link_row_new (self->project, VERKAN_RECORD (item),
                                    self->elements, G_LIST_MODEL (self->links));
}

static void
on_add_indicator (VerkanModelElementRow *self)
{
  VerkanRecord *record = verkan_model_element_row_get_record (self);
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  GtkListBoxRow *row;
  guint n;

  if (record == NULL)
    return;

  verkan_field_binding_flush_all ();

  n = g_list_model_get_n_items (G_LIST_MODEL (self->indicators));
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "element_id",
                         g_variant_new_int64 (verkan_record_get_id (record)));
  g_variant_builder_add (&builder, "{sv}", "position", g_variant_new_int64 (n));

  if (verkan_project_insert (self->project, "indicator", g_variant_builder_end (&builder), &error) == 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  /* The new indicator is last: open it for its name */
  row = gtk_list_box_get_row_at_index (self->indicator_list, n);
  if (row != NULL)
    {
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
    }
}

static void
on_link_target_chosen (gpointer user_data,
                       gint64   element_id)
{
  VerkanModelElementRow *self = user_data;
  VerkanRecord *record = verkan_model_element_row_get_record (self);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  guint n;

  if (record == NULL)
    return;

  verkan_field_binding_flush_all ();

  n = g_list_model_get_n_items (G_LIST_MODEL (self->links));
  if (verkan_model_add_link (self->project, verkan_record_get_id (record), element_id, "", &error) == 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  /* Links are listed in the order they were made: the new one is last,
   * and its rationale is what to write next */
  row = gtk_list_box_get_row_at_index (self->link_list, n);
  if (row != NULL && VERKAN_IS_MODEL_LINK_ROW (row))
    verkan_model_link_row_focus_rationale (VERKAN_MODEL_LINK_ROW (row));
}

/* ------------------------------------------------------------------ */
/* Moving and removing                                                 */

static void
on_move_up_clicked (VerkanModelElementRow *self)
{
  if (self->index > 0)
    g_signal_emit_by_name (self, "move-requested", self->index - 1);
}

static void
on_move_down_clicked (VerkanModelElementRow *self)
{
  if (self->index + 1 < self->n_items)
    g_signal_emit_by_name (self, "move-requested", self->index + 1);
}

static void
on_remove (VerkanModelElementRow *self)
{
  if (self->fields == NULL)
    return;

  /* Translators: toast after a card of a logic model was removed */
  verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), _("Card removed"));
}

/* ------------------------------------------------------------------ */
/* The editors                                                         */

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
build_editors (VerkanModelElementRow *self)
{
  VerkanRecord *record = verkan_model_element_row_get_record (self);
  g_autoptr(GtkBuilder) builder = NULL;
  VerkanFieldBinding *status;
  gint64 id;
  gboolean writable;
  const char *rows[] = { "title_row", "text_row", "responsible_row", "status_row",
                         "indicators_row", "links_row", "actions_row" };

  if (self->built || record == NULL)
    return;
  self->built = TRUE;
  id = verkan_record_get_id (record);

  g_type_ensure (VERKAN_TYPE_TEXT_ROW);
  builder = gtk_builder_new_from_resource ("/se/verkan/Verkan/ui/verkan-model-element-editors.ui");

#define GET(name) ((gpointer) gtk_builder_get_object (builder, name))
  self->title_row = GET ("title_row");
  self->text_row = GET ("text_row");
  self->responsible_row = GET ("responsible_row");
  self->status_row = GET ("status_row");
  self->indicator_list = GET ("indicator_list");
  self->add_indicator_button = GET ("add_indicator_button");
  self->link_list = GET ("link_list");
  self->add_link_button = GET ("add_link_button");
  self->move_up_button = GET ("move_up_button");
  self->move_down_button = GET ("move_down_button");
  self->remove_button = GET ("remove_button");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GET (rows[i]));
#undef GET

  verkan_field_binding_group_bind (self->fields, "title", GTK_WIDGET (self->title_row),
                                   VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "text",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)),
                                   VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "responsible", GTK_WIDGET (self->responsible_row),
                                   VERKAN_FIELD_TEXT);
  status = verkan_field_binding_group_bind (self->fields, "status", GTK_WIDGET (self->status_row),
                                            VERKAN_FIELD_CHOICE);
  verkan_field_binding_set_vocabulary (status, VERKAN_VOCABULARY_GOAL_STATUS);
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)), "model-element-text");

  self->indicators = verkan_record_list_new (self->project, "indicator", "element_id",
                                             g_variant_new_int64 (id));
  gtk_list_box_bind_model (self->indicator_list, G_LIST_MODEL (self->indicators),
                           create_indicator_row, self, NULL);
  gtk_list_box_set_placeholder (self->indicator_list,
                                make_placeholder (_("No indicators yet. An indicator says how you will know that this has happened.")));

  self->links = verkan_record_list_new (self->project, "model_link", "from_id",
                                        g_variant_new_int64 (id));
  gtk_list_box_bind_model (self->link_list, G_LIST_MODEL (self->links),
                           create_link_row, self, NULL);
  gtk_list_box_set_placeholder (self->link_list,
                                make_placeholder (_("This card leads to no other card yet.")));
  verkan_model_link_targets_attach (self->add_link_button, self->elements,
                                    G_LIST_MODEL (self->links), id, 0,
                                    on_link_target_chosen, self);

  g_signal_connect_swapped (self->add_indicator_button, "clicked",
                            G_CALLBACK (on_add_indicator), self);
  g_signal_connect_swapped (self->move_up_button, "clicked",
                            G_CALLBACK (on_move_up_clicked), self);
  g_signal_connect_swapped (self->move_down_button, "clicked",
                            G_CALLBACK (on_move_down_clicked), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove), self);

  /* A project someone else has open is shown as it is */
  writable = !verkan_project_get_read_only (self->project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (verkan_text_row_get_text_view (self->text_row)), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->responsible_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), writable);
  gtk_widget_set_sensitive (self->add_indicator_button, writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_link_button), writable);
  gtk_widget_set_sensitive (self->remove_button, writable);

  update_buttons (self);
}

static void
on_expanded (VerkanModelElementRow *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    build_editors (self);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
verkan_model_element_row_dispose (GObject *object)
{
  VerkanModelElementRow *self = VERKAN_MODEL_ELEMENT_ROW (object);

  /* The rows go before the lists they show */
  if (self->indicator_list != NULL)
    gtk_list_box_bind_model (self->indicator_list, NULL, NULL, NULL, NULL);
  if (self->link_list != NULL)
    gtk_list_box_bind_model (self->link_list, NULL, NULL, NULL, NULL);
  self->indicator_list = NULL;
  self->link_list = NULL;

  g_clear_object (&self->fields);
  g_clear_object (&self->indicators);
  g_clear_object (&self->links);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODEL_ELEMENT_ROW);

  G_OBJECT_CLASS (verkan_model_element_row_parent_class)->dispose (object);

  g_clear_object (&self->elements);
  g_clear_object (&self->project);
}

static void
verkan_model_element_row_class_init (VerkanModelElementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_element_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-model-element-row.ui");

  verkan_reorder_install (widget_class);
}

static void
verkan_model_element_row_init (VerkanModelElementRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Drag a card onto another in its column to move it there */
  verkan_reorder_enable (GTK_LIST_BOX_ROW (self));

  g_signal_connect (self, "notify::expanded", G_CALLBACK (on_expanded), NULL);
}

GtkWidget *
verkan_model_element_row_new (VerkanProject    *project,
                              VerkanRecord     *record,
                              VerkanRecordList *elements)
{
  VerkanModelElementRow *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD_LIST (elements), NULL);

  self = g_object_new (VERKAN_TYPE_MODEL_ELEMENT_ROW, NULL);
  self->project = g_object_ref (project);
  self->elements = g_object_ref (elements);
  self->fields = verkan_field_binding_group_new (project, record);

  g_signal_connect_object (record, "changed::title", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "changed::status", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  update_header (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_model_element_row_get_record (VerkanModelElementRow *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_ELEMENT_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_model_element_row_set_position (VerkanModelElementRow *self,
                                       guint                  index,
                                       guint                  n_items)
{
  g_return_if_fail (VERKAN_IS_MODEL_ELEMENT_ROW (self));

  self->index = index;
  self->n_items = n_items;
  update_buttons (self);
}

gboolean
verkan_model_element_row_has_editors (VerkanModelElementRow *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_ELEMENT_ROW (self), FALSE);

  return self->built;
}

void
verkan_model_element_row_focus_title (VerkanModelElementRow *self)
{
  g_return_if_fail (VERKAN_IS_MODEL_ELEMENT_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  build_editors (self);
  if (self->title_row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
