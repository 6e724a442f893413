/* verkan-model-new-dialog.c: the questions before a new logic model
 *
 * The title follows the chosen municipality ("Logic model for Nora")
 * until the person types one of their own.  Create stays off while the
 * title is empty or the date is no date.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-date-row.h"
#include "verkan-format.h"
#include "verkan-model-new-dialog.h"

struct _VerkanModelNewDialog
{
  AdwMessageDialog  parent_instance;

  VerkanProject    *project;
  /* Kolada code of each municipality choice; NULL for the whole project */
  GPtrArray        *codes;
  GPtrArray        *names;
  gboolean          title_edited;
  guint             updating;

  AdwEntryRow      *title_row;
  AdwComboRow      *municipality_row;
  VerkanDateRow    *date_row;
  AdwComboRow      *template_row;
};

G_DEFINE_FINAL_TYPE (VerkanModelNewDialog, verkan_model_new_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
default_title (VerkanModelNewDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->municipality_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected >= self->names->len)
    /* Translators: the suggested title of a model for the whole project */
    return g_strdup (_("Logic model for the whole project"));

  /* Translators: the suggested title of a new model; %s is a
   * municipality: "Logic model for Nora" */
  return g_strdup_printf (_("Logic model for %s"),
                          (const char *) g_ptr_array_index (self->names, selected));
}

static void
update_response (VerkanModelNewDialog *self)
{
  g_autofree char *title = verkan_model_new_dialog_dup_model_title (self);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  g_autofree char *stripped = g_strstrip (g_strdup (date));
  gboolean date_ok = *stripped == '\0' || verkan_date_is_valid (stripped);

  if (date_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create",
                                           *title != '\0' && date_ok);
}

static void
on_title_changed (VerkanModelNewDialog *self)
{
  if (self->updating == 0)
    self->title_edited = TRUE;
  update_response (self);
}

static void
on_municipality_selected (VerkanModelNewDialog *self)
{
  g_autofree char *title = NULL;

  if (self->title_edited)
    return;

  title = default_title (self);
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  self->updating--;
}

/* The project's municipalities, and first the one that has no model yet:
 * models usually come one per municipality */
static void
fill_municipalities (VerkanModelNewDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) models = NULL;
  guint first_free = 0;

  municipalities = verkan_project_list_rows (self->project, "municipality", NULL, NULL, NULL);
  models = verkan_project_list_rows (self->project, "logic_model", NULL, NULL, NULL);

  /* Translators: a logic model for no single municipality */
  gtk_string_list_append (labels, _("Whole project"));
  g_ptr_array_add (self->codes, NULL);
  g_ptr_array_add (self->names, NULL);

  for (guint i = 0; municipalities != NULL && i < municipalities->len; i++)
    {
      GVariant *row = g_ptr_array_index (municipalities, i);
      const char *code = NULL;
      const char *name = NULL;
      gboolean has_model = FALSE;

      g_variant_lookup (row, "code", "&s", &code);
      g_variant_lookup (row, "name", "&s", &name);
      if (code == NULL)
        continue;
      if (name == NULL || *name == '\0')
        name = code;

      for (guint j = 0; models != NULL && j < models->len && !has_model; j++)
        {
          const char *model_code = NULL;

          has_model = g_variant_lookup (g_ptr_array_index (models, j), "municipality",
                                        "&s", &model_code)
                      && g_strcmp0 (model_code, code) == 0;
        }

      gtk_string_list_append (labels, name);
      g_ptr_array_add (self->codes, g_strdup (code));
      g_ptr_array_add (self->names, g_strdup (name));
      if (!has_model && first_free == 0)
        first_free = self->codes->len - 1;
    }

  adw_combo_row_set_model (self->municipality_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->municipality_row, first_free);
}

static void
verkan_model_new_dialog_dispose (GObject *object)
{
  VerkanModelNewDialog *self = VERKAN_MODEL_NEW_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODEL_NEW_DIALOG);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_model_new_dialog_parent_class)->dispose (object);
}

static void
verkan_model_new_dialog_finalize (GObject *object)
{
  VerkanModelNewDialog *self = VERKAN_MODEL_NEW_DIALOG (object);

  g_ptr_array_unref (self->codes);
  g_ptr_array_unref (self->names);

  G_OBJECT_CLASS (verkan_model_new_dialog_parent_class)->finalize (object);
}

static void
verkan_model_new_dialog_class_init (VerkanModelNewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_new_dialog_dispose;
  object_class->finalize = verkan_model_new_dialog_finalize;

  g_type_ensure (VERKAN_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-model-new-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanModelNewDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelNewDialog, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelNewDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelNewDialog, template_row);
}

static void
verkan_model_new_dialog_init (VerkanModelNewDialog *self)
{
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->names = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
verkan_model_new_dialog_new (GtkWindow     *parent,
                             VerkanProject *project)
{
  VerkanModelNewDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_MODEL_NEW_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->project = g_object_ref (project);

  fill_municipalities (self);
  on_municipality_selected (self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (on_title_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_row, "changed", G_CALLBACK (update_response),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->municipality_row, "notify::selected",
                           G_CALLBACK (on_municipality_selected), self, G_CONNECT_SWAPPED);
  update_response (self);

  return GTK_WIDGET (self);
}

char *
verkan_model_new_dialog_dup_model_title (VerkanModelNewDialog *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_NEW_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
}

const char *
verkan_model_new_dialog_get_municipality (VerkanModelNewDialog *self)
{
  guint selected;

  g_return_val_if_fail (VERKAN_IS_MODEL_NEW_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->municipality_row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->codes->len)
    return NULL;

  return g_ptr_array_index (self->codes, selected);
}

char *
verkan_model_new_dialog_dup_date (VerkanModelNewDialog *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (VERKAN_IS_MODEL_NEW_DIALOG (self), NULL);

  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  if (*date == '\0' || !verkan_date_is_valid (date))
    return NULL;

  return g_steal_pointer (&date);
}

const char *
verkan_model_new_dialog_get_template (VerkanModelNewDialog *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_NEW_DIALOG (self), NULL);

  return adw_combo_row_get_selected (self->template_row) == 1 ? "blank" : "standard";
}
