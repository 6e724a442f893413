/* verkan-document-details.c: the chosen document beside the Dokument
 * page's list
 *
 * Title, kind, municipality, date, author and description are bound to
 * the document's row with field bindings, so typing commits after a
 * pause and undoes as one step, and undo shows here at once.  Below
 * them, what the file is (name, type, size, pages; "no preview" for a PDF
 * poppler could not read), and buttons for the page's actions: open,
 * save as, make or unmake an appendix, remove.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-document-details.h"
#include "verkan-document-store.h"
#include "verkan-document-thumbnail.h"
#include "verkan-field-binding-group.h"
#include "verkan-municipality-catalog.h"
#include "verkan-record-list.h"
#include "verkan-text-row.h"

struct _VerkanDocumentDetails
{
  AdwBin                   parent_instance;

  VerkanProject           *project;
  VerkanRecord            *record;
  VerkanFieldBindingGroup *fields;
  VerkanFieldBinding      *municipality_binding;
  VerkanRecordList        *municipalities;

  GtkStack                *stack;
  GtkLabel                *heading_label;
  AdwEntryRow             *title_row;
  AdwComboRow             *kind_row;
  AdwComboRow             *municipality_row;
  AdwEntryRow             *date_row;
  AdwEntryRow             *author_row;
  VerkanTextRow           *description_row;
  AdwActionRow            *file_row;
  AdwActionRow            *type_row;
  AdwActionRow            *size_row;
  AdwActionRow            *pages_row;
  GtkLabel                *preview_label;
  GtkButton               *appendix_button;
};

G_DEFINE_FINAL_TYPE (VerkanDocumentDetails, verkan_document_details, ADW_TYPE_BIN)

static void
update_municipality_choices (VerkanDocumentDetails *self)
{
  g_autoptr(GtkStringList) labels = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) tokens = NULL;
  const char *own;
  gboolean own_found = FALSE;
  guint n;

  if (self->municipality_binding == NULL || self->record == NULL)
    return;

  own = verkan_record_get_string (self->record, "municipality");
  labels = gtk_string_list_new (NULL);
  builder = g_strv_builder_new ();
  /* Translators: a document that belongs to no municipality */
  gtk_string_list_append (labels, C_("municipality", "None"));
  g_strv_builder_add (builder, "");

  n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) municipality = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);
      const char *code = verkan_record_get_string (municipality, "code");

      gtk_string_list_append (labels, verkan_record_get_string (municipality, "name"));
      g_strv_builder_add (builder, code);
      own_found |= g_strcmp0 (code, own) == 0;
    }

  /* A municipality that left the project stays choosable for its documents */
  if (*own != '\0' && !own_found)
    {
      const VerkanMunicipality *known = verkan_municipality_catalog_lookup (own);

      gtk_string_list_append (labels, known != NULL ? known->name : own);
      g_strv_builder_add (builder, own);
    }

  tokens = g_strv_builder_end (builder);
  verkan_field_binding_set_choices (self->municipality_binding, G_LIST_MODEL (labels),
                                    (const char * const *) tokens);
}

static void
update_file (VerkanDocumentDetails *self)
{
  VerkanRecord *record = self->record;
  const char *mime, *title;
  g_autofree char *description = NULL;
  g_autofree char *size = NULL;
  g_autofree char *status = NULL;
  g_autofree char *pages = NULL;
  guint n_pages = 0;

  if (record == NULL)
    return;

  title = verkan_record_get_string (record, "title");
  gtk_label_set_label (self->heading_label,
                       *title != '\0' ? title : verkan_record_get_string (record, "file_name"));

  mime = verkan_record_get_string (record, "mime_type");
  description = g_content_type_get_description (mime);
  size = verkan_document_format_size ((guint64) verkan_record_get_int (record, "size", 0));
  adw_action_row_set_subtitle (self->file_row, verkan_record_get_string (record, "file_name"));
  adw_action_row_set_subtitle (self->type_row, description != NULL ? description : mime);
  adw_action_row_set_subtitle (self->size_row, size);

  verkan_document_read_text_info (verkan_project_get_path (self->project),
                                  verkan_record_get_string (record, "hash"),
                                  &n_pages, &status, NULL);
  if (n_pages > 0)
    pages = g_strdup_printf ("%u", n_pages);
  gtk_widget_set_visible (GTK_WIDGET (self->pages_row), pages != NULL);
  adw_action_row_set_subtitle (self->pages_row, pages != NULL ? pages : "");

  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), g_strcmp0 (status, "unreadable") == 0);
}

static void
on_record_changed (VerkanDocumentDetails *self,
                   const char            *column)
{
  update_file (self);
}

static void
clear_document (VerkanDocumentDetails *self)
{
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  if (self->municipalities != NULL)
    g_signal_handlers_disconnect_by_data (self->municipalities, self);
  self->municipality_binding = NULL;
  g_clear_object (&self->fields);
  g_clear_object (&self->record);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->project);
}

static void
verkan_document_details_dispose (GObject *object)
{
  VerkanDocumentDetails *self = VERKAN_DOCUMENT_DETAILS (object);

  clear_document (self);
  /* the bin lets go of its child before the template's references go */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_DOCUMENT_DETAILS);

  G_OBJECT_CLASS (verkan_document_details_parent_class)->dispose (object);
}

static void
verkan_document_details_class_init (VerkanDocumentDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_document_details_dispose;

  g_type_ensure (VERKAN_TYPE_DATE_ROW);
  g_type_ensure (VERKAN_TYPE_TEXT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-document-details.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, kind_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, date_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, author_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, description_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, file_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, type_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, size_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, pages_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, preview_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentDetails, appendix_button);

  gtk_widget_class_set_css_name (widget_class, "verkan-document-details");
}

static void
verkan_document_details_init (VerkanDocumentDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_name (GTK_WIDGET (verkan_text_row_get_text_view (self->description_row)),
                       "documents-details-description");
}

GtkWidget *
verkan_document_details_new (void)
{
  return g_object_new (VERKAN_TYPE_DOCUMENT_DETAILS, NULL);
}

void
verkan_document_details_set_document (VerkanDocumentDetails *self,
                                      VerkanProject         *project,
                                      VerkanRecord          *record)
{
  g_autoptr(GtkStringList) kinds = NULL;
  VerkanFieldBinding *kind;

  g_return_if_fail (VERKAN_IS_DOCUMENT_DETAILS (self));
  g_return_if_fail (record == NULL || VERKAN_IS_PROJECT (project));

  if (record == self->record)
    return;

  /* What is being typed goes to the document it was typed for */
  if (self->fields != NULL)
    verkan_field_binding_flush_all ();
  clear_document (self);

  gtk_stack_set_visible_child_name (self->stack, record != NULL ? "document" : "none");
  if (record == NULL)
    return;

  self->project = g_object_ref (project);
  self->record = g_object_ref (record);
  self->municipalities = verkan_record_list_new (project, "municipality", NULL, NULL);
  self->fields = verkan_field_binding_group_new (project, record);

  verkan_field_binding_group_bind (self->fields, "title", GTK_WIDGET (self->title_row), VERKAN_FIELD_TEXT);
  kind = verkan_field_binding_group_bind (self->fields, "kind", GTK_WIDGET (self->kind_row), VERKAN_FIELD_CHOICE);
  kinds = gtk_string_list_new (NULL);
  for (guint i = 0; verkan_document_kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, verkan_document_kind_label (verkan_document_kinds[i]));
  verkan_field_binding_set_choices (kind, G_LIST_MODEL (kinds), verkan_document_kinds);

  self->municipality_binding = verkan_field_binding_group_bind (self->fields, "municipality",
                                                                GTK_WIDGET (self->municipality_row),
                                                                VERKAN_FIELD_CHOICE);
  update_municipality_choices (self);
  verkan_field_binding_group_bind (self->fields, "date", GTK_WIDGET (self->date_row), VERKAN_FIELD_DATE);
  verkan_field_binding_group_bind (self->fields, "author", GTK_WIDGET (self->author_row), VERKAN_FIELD_TEXT);
  verkan_field_binding_group_bind (self->fields, "description",
                                   GTK_WIDGET (verkan_text_row_get_text_view (self->description_row)),
                                   VERKAN_FIELD_TEXT);

  g_signal_connect_swapped (self->municipalities, "items-changed",
                            G_CALLBACK (update_municipality_choices), self);
  g_signal_connect_swapped (record, "changed::municipality",
                            G_CALLBACK (update_municipality_choices), self);
  g_signal_connect_swapped (record, "changed", G_CALLBACK (on_record_changed), self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), !verkan_project_get_read_only (project));
  update_file (self);
}

VerkanRecord *
verkan_document_details_get_document (VerkanDocumentDetails *self)
{
  g_return_val_if_fail (VERKAN_IS_DOCUMENT_DETAILS (self), NULL);

  return self->record;
}

void
verkan_document_details_set_appendix (VerkanDocumentDetails *self,
                                      guint                  number)
{
  g_autofree char *label = NULL;

  g_return_if_fail (VERKAN_IS_DOCUMENT_DETAILS (self));

  if (number > 0)
    /* Translators: a button; %u is the appendix number */
    label = g_strdup_printf (_("Remove as Appendix %u"), number);
  gtk_button_set_label (self->appendix_button, label != NULL ? label : _("Make Appendix"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->appendix_button),
                               number > 0
                                 ? _("The document stays in the project; the appendices after it are renumbered")
                                 : _("Add the document to the report’s numbered appendices"));
}
