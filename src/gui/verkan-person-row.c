/* verkan-person-row.c: one person in the project organisation
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-municipality-catalog.h"
#include "verkan-person-row.h"
#include "verkan-vocabulary.h"

struct _VerkanPersonRow
{
  AdwExpanderRow           parent_instance;

  VerkanFieldBindingGroup *fields;
  GListModel              *municipalities;
  VerkanFieldBinding      *municipality_binding;
  char                    *extra_code;  /* the person's code, when not a project municipality */

  AdwEntryRow             *name_row;
  AdwComboRow             *role_row;
  AdwEntryRow             *organisation_row;
  AdwComboRow             *municipality_row;
};

G_DEFINE_FINAL_TYPE (VerkanPersonRow, verkan_person_row, ADW_TYPE_EXPANDER_ROW)

static void
update_header (VerkanPersonRow *self)
{
  VerkanRecord *record = verkan_person_row_get_record (self);
  const char *name;
  const char *role;
  const char *organisation;

  if (record == NULL)
    return;

  name = verkan_record_get_string (record, "name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 *name != '\0' ? name : _("New person"));

  role = verkan_vocabulary_label (VERKAN_VOCABULARY_PERSON_ROLE,
                                  verkan_record_get_string (record, "role"));
  organisation = verkan_record_get_string (record, "organisation");

  if (*organisation != '\0')
    {
      /* Translators: a person's role in the project, then the
       * organisation they come from: "Project leader · Activa" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), role, organisation);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), role);
    }
}

/* "None" and the project's municipalities, plus the person's own when it
 * is no longer among them, so that it is shown rather than lost. */
static void
update_municipality_choices (VerkanPersonRow *self)
{
  VerkanRecord *record = verkan_person_row_get_record (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tokens = NULL;
  const char *own;
  gboolean own_found = FALSE;
  guint n;

  if (record == NULL || self->municipality_binding == NULL)
    return;

  own = verkan_record_get_string (record, "municipality");

  /* Translators: no municipality chosen for a person */
  gtk_string_list_append (labels, C_("municipality", "None"));
  g_strv_builder_add (builder, "");

  n = g_list_model_get_n_items (self->municipalities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) municipality = g_list_model_get_item (self->municipalities, i);
      const char *code = verkan_record_get_string (municipality, "code");

      gtk_string_list_append (labels, verkan_record_get_string (municipality, "name"));
      g_strv_builder_add (builder, code);
      own_found |= g_strcmp0 (code, own) == 0;
    }

  g_clear_pointer (&self->extra_code, g_free);
  if (*own != '\0' && !own_found)
    {
      self->extra_code = g_strdup (own);
      const VerkanMunicipality *known = verkan_municipality_catalog_lookup (own);

      gtk_string_list_append (labels, known != NULL ? known->name : own);
      g_strv_builder_add (builder, own);
    }

  tokens = g_strv_builder_end (builder);
  verkan_field_binding_set_choices (self->municipality_binding,
                                    G_LIST_MODEL (labels),
                                    (const char * const *) tokens);
}

static gboolean
is_project_municipality (VerkanPersonRow *self,
                         const char      *code)
{
  guint n = g_list_model_get_n_items (self->municipalities);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) municipality = g_list_model_get_item (self->municipalities, i);

      if (g_strcmp0 (verkan_record_get_string (municipality, "code"), code) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
on_municipality_changed (VerkanPersonRow *self)
{
  VerkanRecord *record = verkan_person_row_get_record (self);
  const char *own;
  const char *needed = NULL;

  if (record == NULL)
    return;

  own = verkan_record_get_string (record, "municipality");

  /* Only a code from outside the project's list (after an undo, say)
   * changes the choices; otherwise the binding selects the new value. */
  if (*own != '\0' && !is_project_municipality (self, own))
    needed = own;

  if (g_strcmp0 (needed, self->extra_code) != 0)
    update_municipality_choices (self);
}

static void
on_remove (VerkanPersonRow *self)
{
  VerkanRecord *record = verkan_person_row_get_record (self);
  g_autofree char *title = NULL;
  const char *name;

  if (record == NULL)
    return;

  /* So that the toast names the person as last typed */
  verkan_field_binding_flush_all ();

  name = verkan_record_get_string (record, "name");
  if (*name != '\0')
    /* Translators: a toast after a person was removed from the project */
    title = g_strdup_printf (_("“%s” removed"), name);
  else
    title = g_strdup (_("Person removed"));

  verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), title);
}

static void
verkan_person_row_dispose (GObject *object)
{
  VerkanPersonRow *self = VERKAN_PERSON_ROW (object);

  g_clear_object (&self->fields);
  self->municipality_binding = NULL;

  if (self->municipalities != NULL)
    g_signal_handlers_disconnect_by_data (self->municipalities, self);
  g_clear_object (&self->municipalities);
  g_clear_pointer (&self->extra_code, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_PERSON_ROW);

  G_OBJECT_CLASS (verkan_person_row_parent_class)->dispose (object);
}

static void
verkan_person_row_class_init (VerkanPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_person_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanPersonRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanPersonRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanPersonRow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanPersonRow, municipality_row);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
}

static void
verkan_person_row_init (VerkanPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
verkan_person_row_new (VerkanProject *project,
                       VerkanRecord  *record,
                       GListModel    *municipalities)
{
  VerkanPersonRow *self;
  VerkanFieldBinding *role;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (municipalities), NULL);

  self = g_object_new (VERKAN_TYPE_PERSON_ROW, NULL);
  self->fields = verkan_field_binding_group_new (project, record);
  self->municipalities = g_object_ref (municipalities);

  verkan_field_binding_group_bind (self->fields, "name",
                                   GTK_WIDGET (self->name_row), VERKAN_FIELD_TEXT);
  role = verkan_field_binding_group_bind (self->fields, "role",
                                          GTK_WIDGET (self->role_row), VERKAN_FIELD_CHOICE);
  verkan_field_binding_set_vocabulary (role, VERKAN_VOCABULARY_PERSON_ROLE);
  verkan_field_binding_group_bind (self->fields, "organisation",
                                   GTK_WIDGET (self->organisation_row), VERKAN_FIELD_TEXT);
  self->municipality_binding = verkan_field_binding_group_bind (self->fields, "municipality",
                                                                GTK_WIDGET (self->municipality_row),
                                                                VERKAN_FIELD_CHOICE);
  update_municipality_choices (self);

  g_signal_connect_swapped (municipalities, "items-changed",
                            G_CALLBACK (update_municipality_choices), self);
  g_signal_connect_object (record, "changed::municipality",
                           G_CALLBACK (on_municipality_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (record, "changed", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  update_header (self);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_person_row_get_record (VerkanPersonRow *self)
{
  g_return_val_if_fail (VERKAN_IS_PERSON_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_person_row_focus_name (VerkanPersonRow *self)
{
  g_return_if_fail (VERKAN_IS_PERSON_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
