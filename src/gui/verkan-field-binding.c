/* verkan-field-binding.c: one editor widget kept in step with one column
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "verkan-field-binding.h"
#include "verkan-format.h"
#include "verkan-window.h"

/* Long enough that a word is typed in one go, short enough that a crash
 * or a closed lid loses at most a few letters. */
#define COMMIT_DELAY_MS 300

struct _VerkanFieldBinding
{
  GObject          parent_instance;

  VerkanProject   *project;
  VerkanRecord    *record;
  char            *column;
  VerkanFieldKind  kind;

  GtkWidget       *widget;          /* weak */
  GtkTextBuffer   *buffer;          /* for a GtkTextView, owned by it */
  GtkEventController *focus;        /* owned by the widget */
  GStrv            choices;

  char            *last_committed;  /* to recognise our own edit coming back */
  guint            timeout_id;
  guint            updating;
};

G_DEFINE_FINAL_TYPE (VerkanFieldBinding, verkan_field_binding, G_TYPE_OBJECT)

/* Bindings with an edit waiting for its timeout */
static GList *pending;

static gboolean commit (VerkanFieldBinding *self, gboolean final);

/* ------------------------------------------------------------------ */
/* Values and text                                                     */

char *
verkan_field_binding_dup_stored_text (VerkanRecord    *record,
                                      const char      *column,
                                      VerkanFieldKind  kind)
{
  g_return_val_if_fail (VERKAN_IS_RECORD (record), g_strdup (""));

  switch (kind)
    {
    case VERKAN_FIELD_NUMBER:
      if (!verkan_record_has_value (record, column))
        return g_strdup ("");
      return verkan_format_number (verkan_record_get_double (record, column, 0.0), -1);

    case VERKAN_FIELD_COUNT:
      if (!verkan_record_has_value (record, column))
        return g_strdup ("");
      return g_strdup_printf ("%" G_GINT64_FORMAT,
                              verkan_record_get_int (record, column, 0));

    case VERKAN_FIELD_TEXT:
    case VERKAN_FIELD_DATE:
    case VERKAN_FIELD_CHOICE:
    default:
      return g_strdup (verkan_record_get_string (record, column));
    }
}

static char *
dup_widget_text (VerkanFieldBinding *self)
{
  if (self->widget == NULL)
    return g_strdup ("");

  if (self->buffer != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
    }

  if (self->kind == VERKAN_FIELD_CHOICE)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->widget));

      if (self->choices != NULL && selected < g_strv_length (self->choices))
        return g_strdup (self->choices[selected]);
      return NULL;
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->widget)));
}

/* Parses the widget's text.  Returns FALSE when it is not acceptable.
 * On success *value is a floating GVariant or NULL (SQL NULL), and
 * *canonical the text the value is shown as. */
static gboolean
parse_widget (VerkanFieldBinding  *self,
              GVariant           **value,
              char               **canonical)
{
  g_autofree char *text = dup_widget_text (self);
  g_autofree char *stripped = NULL;

  *value = NULL;
  *canonical = NULL;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));

  switch (self->kind)
    {
    case VERKAN_FIELD_TEXT:
      *value = g_variant_new_string (text);
      *canonical = g_steal_pointer (&text);
      return TRUE;

    case VERKAN_FIELD_CHOICE:
      if (*text != '\0')
        *value = g_variant_new_string (text);
      *canonical = g_steal_pointer (&text);
      return TRUE;

    case VERKAN_FIELD_DATE:
      if (*stripped == '\0')
        {
          *canonical = g_strdup ("");
          return TRUE;
        }
      if (!verkan_date_is_valid (stripped))
        return FALSE;
      *value = g_variant_new_string (stripped);
      *canonical = g_steal_pointer (&stripped);
      return TRUE;

    case VERKAN_FIELD_NUMBER:
      {
        double number = 0.0;

        if (*stripped == '\0')
          {
            *canonical = g_strdup ("");
            return TRUE;
          }
        if (!verkan_parse_number (stripped, &number) || number < 0.0 || !isfinite (number))
          return FALSE;
        *value = g_variant_new_double (number);
        *canonical = verkan_format_number (number, -1);
        return TRUE;
      }

    case VERKAN_FIELD_COUNT:
      {
        guint64 count = 0;

        if (*stripped == '\0')
          {
            *canonical = g_strdup ("");
            return TRUE;
          }
        if (!g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXINT32, &count, NULL))
          return FALSE;
        *value = g_variant_new_int64 ((gint64) count);
        *canonical = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Showing                                                             */

static void
set_invalid (VerkanFieldBinding *self,
             gboolean            invalid)
{
  GtkWidget *styled = self->widget;

  if (styled == NULL)
    return;

  if (invalid)
    gtk_widget_add_css_class (styled, "error");
  else
    gtk_widget_remove_css_class (styled, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (styled),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);

  if (self->kind == VERKAN_FIELD_DATE)
    gtk_widget_set_tooltip_text (styled,
                                 invalid ? _("Write the date as year-month-day, for example 2022-08-16")
                                         : NULL);
  else if (self->kind == VERKAN_FIELD_NUMBER)
    gtk_widget_set_tooltip_text (styled,
                                 invalid ? _("Write a number of zero or more, for example 1 284,5")
                                         : NULL);
  else if (self->kind == VERKAN_FIELD_COUNT)
    gtk_widget_set_tooltip_text (styled,
                                 invalid ? _("Write a whole number of zero or more, or leave it empty")
                                         : NULL);
}

static void
cancel_pending (VerkanFieldBinding *self)
{
  if (self->timeout_id != 0)
    {
      g_source_remove (self->timeout_id);
      self->timeout_id = 0;
      pending = g_list_remove (pending, self);
    }
}

static void
show_text (VerkanFieldBinding *self,
           const char         *text)
{
  self->updating++;

  if (self->buffer != NULL)
    {
      gtk_text_buffer_set_text (self->buffer, text, -1);
    }
  else if (self->kind == VERKAN_FIELD_CHOICE)
    {
      guint position = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; self->choices != NULL && self->choices[i] != NULL; i++)
        if (g_strcmp0 (self->choices[i], text) == 0)
          {
            position = i;
            break;
          }
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->widget), position);
    }
  else
    {
      GtkEditable *editable = GTK_EDITABLE (self->widget);

      if (g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
        {
          int position = gtk_editable_get_position (editable);

          gtk_editable_set_text (editable, text);
          gtk_editable_set_position (editable, MIN (position, (int) g_utf8_strlen (text, -1)));
        }
    }

  self->updating--;
}

void
verkan_field_binding_reset (VerkanFieldBinding *self)
{
  g_autofree char *stored = NULL;

  g_return_if_fail (VERKAN_IS_FIELD_BINDING (self));

  cancel_pending (self);
  if (self->widget == NULL)
    return;

  stored = verkan_field_binding_dup_stored_text (self->record, self->column, self->kind);
  show_text (self, stored);
  set_invalid (self, FALSE);
}

/* ------------------------------------------------------------------ */
/* Committing                                                          */

static gboolean
commit (VerkanFieldBinding *self,
        gboolean            final)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *canonical = NULL;
  GVariant *value = NULL;

  cancel_pending (self);

  if (self->widget == NULL || self->updating > 0)
    return TRUE;

  if (!parse_widget (self, &value, &canonical))
    {
      /* A combo row without a selection has nothing to store */
      if (self->kind != VERKAN_FIELD_CHOICE)
        set_invalid (self, TRUE);
      return FALSE;
    }
  set_invalid (self, FALSE);

  stored = verkan_field_binding_dup_stored_text (self->record, self->column, self->kind);

  if (g_strcmp0 (stored, canonical) != 0)
    {
      g_free (self->last_committed);
      self->last_committed = g_strdup (canonical);

      if (value != NULL)
        g_variant_ref_sink (value);

      if (!verkan_project_set_value (self->project,
                                     verkan_record_get_table (self->record),
                                     verkan_record_get_id (self->record),
                                     self->column,
                                     value,
                                     &error))
        {
          g_clear_pointer (&self->last_committed, g_free);
          g_clear_pointer (&value, g_variant_unref);
          verkan_window_show_error_for (self->widget, error);
          verkan_field_binding_reset (self);
          return FALSE;
        }

      g_clear_pointer (&value, g_variant_unref);
    }
  else if (value != NULL)
    {
      g_variant_unref (g_variant_ref_sink (value));
    }

  /* "1284.5" becomes "1 284,5" once the person is done with the field */
  if (final && self->buffer == NULL && self->kind != VERKAN_FIELD_CHOICE
      && self->kind != VERKAN_FIELD_TEXT)
    show_text (self, canonical);

  return TRUE;
}

gboolean
verkan_field_binding_flush (VerkanFieldBinding *self)
{
  g_return_val_if_fail (VERKAN_IS_FIELD_BINDING (self), FALSE);

  if (self->timeout_id == 0)
    return TRUE;

  return commit (self, FALSE);
}

void
verkan_field_binding_flush_all (void)
{
  while (pending != NULL)
    {
      g_autoptr(VerkanFieldBinding) self = g_object_ref (pending->data);

      commit (self, FALSE);
      /* commit() always takes the binding off the list */
      g_assert (g_list_find (pending, self) == NULL);
    }
}

static gboolean
on_timeout (gpointer data)
{
  VerkanFieldBinding *self = data;

  self->timeout_id = 0;
  pending = g_list_remove (pending, self);
  commit (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
on_widget_changed (VerkanFieldBinding *self)
{
  if (self->updating > 0 || self->widget == NULL)
    return;

  if (self->kind == VERKAN_FIELD_CHOICE)
    {
      commit (self, TRUE);
      return;
    }

  /* Clear the error mark as soon as the text is acceptable again */
  if (gtk_widget_has_css_class (self->widget, "error"))
    {
      GVariant *value = NULL;
      g_autofree char *canonical = NULL;

      if (parse_widget (self, &value, &canonical))
        set_invalid (self, FALSE);
      if (value != NULL)
        g_variant_unref (g_variant_ref_sink (value));
    }

  if (self->timeout_id != 0)
    g_source_remove (self->timeout_id);
  else
    pending = g_list_prepend (pending, self);

  self->timeout_id = g_timeout_add (COMMIT_DELAY_MS, on_timeout, self);
  g_source_set_name_by_id (self->timeout_id, "[verkan] field commit");
}

static void
on_widget_done (VerkanFieldBinding *self)
{
  if (self->updating > 0 || self->widget == NULL)
    return;

  /* Also when nothing is pending: a date may still be marked invalid */
  commit (self, TRUE);
}

static void
on_record_changed (VerkanFieldBinding *self)
{
  g_autofree char *stored = NULL;
  g_autofree char *canonical = NULL;
  GVariant *value = NULL;
  gboolean valid;

  if (self->widget == NULL)
    return;

  stored = verkan_field_binding_dup_stored_text (self->record, self->column, self->kind);

  /* Our own edit coming back: the widget already shows it, and the person
   * may have typed on since. */
  if (self->last_committed != NULL && g_strcmp0 (stored, self->last_committed) == 0)
    {
      g_clear_pointer (&self->last_committed, g_free);
      return;
    }
  g_clear_pointer (&self->last_committed, g_free);

  valid = parse_widget (self, &value, &canonical);
  if (value != NULL)
    g_variant_unref (g_variant_ref_sink (value));

  if (valid && g_strcmp0 (stored, canonical) == 0)
    return;

  verkan_field_binding_reset (self);
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
on_widget_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  VerkanFieldBinding *self = data;

  cancel_pending (self);
  self->widget = NULL;
  self->buffer = NULL;
  self->focus = NULL;
}

void
verkan_field_binding_unbind (VerkanFieldBinding *self)
{
  g_return_if_fail (VERKAN_IS_FIELD_BINDING (self));

  cancel_pending (self);

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);

  if (self->widget != NULL)
    {
      if (self->buffer != NULL)
        g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_signal_handlers_disconnect_by_data (self->widget, self);
      if (self->focus != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->focus, self);
          gtk_widget_remove_controller (self->widget, self->focus);
        }
      g_object_weak_unref (G_OBJECT (self->widget), on_widget_finalized, self);
      self->widget = NULL;
      self->buffer = NULL;
      self->focus = NULL;
    }
}

static void
verkan_field_binding_dispose (GObject *object)
{
  VerkanFieldBinding *self = VERKAN_FIELD_BINDING (object);

  verkan_field_binding_unbind (self);

  G_OBJECT_CLASS (verkan_field_binding_parent_class)->dispose (object);
}

static void
verkan_field_binding_finalize (GObject *object)
{
  VerkanFieldBinding *self = VERKAN_FIELD_BINDING (object);

  g_clear_object (&self->project);
  g_clear_object (&self->record);
  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->last_committed, g_free);

  G_OBJECT_CLASS (verkan_field_binding_parent_class)->finalize (object);
}

static void
verkan_field_binding_class_init (VerkanFieldBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verkan_field_binding_dispose;
  object_class->finalize = verkan_field_binding_finalize;
}

static void
verkan_field_binding_init (VerkanFieldBinding *self)
{
}

VerkanFieldBinding *
verkan_field_binding_new (VerkanProject   *project,
                          VerkanRecord    *record,
                          const char      *column,
                          GtkWidget       *widget,
                          VerkanFieldKind  kind)
{
  VerkanFieldBinding *self;
  g_autofree char *detailed = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (VERKAN_TYPE_FIELD_BINDING, NULL);
  self->project = g_object_ref (project);
  self->record = g_object_ref (record);
  self->column = g_strdup (column);
  self->kind = kind;
  self->widget = widget;
  g_object_weak_ref (G_OBJECT (widget), on_widget_finalized, self);

  if (kind == VERKAN_FIELD_CHOICE)
    {
      g_return_val_if_fail (ADW_IS_COMBO_ROW (widget), self);
      g_signal_connect_swapped (widget, "notify::selected",
                                G_CALLBACK (on_widget_changed), self);
    }
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      /* Ctrl+Z belongs to the project's history, not to one field's */
      gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
      g_signal_connect_swapped (self->buffer, "changed",
                                G_CALLBACK (on_widget_changed), self);
    }
  else
    {
      g_return_val_if_fail (GTK_IS_EDITABLE (widget), self);
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      g_signal_connect_swapped (widget, "changed",
                                G_CALLBACK (on_widget_changed), self);
      if (ADW_IS_ENTRY_ROW (widget))
        g_signal_connect_swapped (widget, "entry-activated",
                                  G_CALLBACK (on_widget_done), self);
      else if (GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget))
        g_signal_connect_swapped (widget, "activate",
                                  G_CALLBACK (on_widget_done), self);
    }

  if (kind != VERKAN_FIELD_CHOICE)
    {
      self->focus = gtk_event_controller_focus_new ();
      gtk_event_controller_set_name (self->focus, "verkan-field-binding");
      g_signal_connect_swapped (self->focus, "leave",
                                G_CALLBACK (on_widget_done), self);
      gtk_widget_add_controller (widget, self->focus);
    }

  detailed = g_strconcat ("changed::", column, NULL);
  g_signal_connect_swapped (record, detailed,
                            G_CALLBACK (on_record_changed), self);

  verkan_field_binding_reset (self);

  return self;
}

void
verkan_field_binding_set_choices (VerkanFieldBinding *self,
                                  GListModel         *model,
                                  const char * const *tokens)
{
  g_return_if_fail (VERKAN_IS_FIELD_BINDING (self));
  g_return_if_fail (self->kind == VERKAN_FIELD_CHOICE);
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  g_strfreev (self->choices);
  self->choices = g_strdupv ((char **) tokens);

  if (model != NULL && self->widget != NULL)
    {
      self->updating++;
      adw_combo_row_set_model (ADW_COMBO_ROW (self->widget), model);
      self->updating--;
    }

  verkan_field_binding_reset (self);
}

void
verkan_field_binding_set_vocabulary (VerkanFieldBinding *self,
                                     VerkanVocabulary    vocabulary)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) tokens = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  const VerkanTerm *terms;
  guint n_terms = 0;

  g_return_if_fail (VERKAN_IS_FIELD_BINDING (self));

  terms = verkan_vocabulary_terms (vocabulary, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      gtk_string_list_append (labels, verkan_vocabulary_label (vocabulary, terms[i].token));
      g_strv_builder_add (tokens, terms[i].token);
    }
  strv = g_strv_builder_end (tokens);

  verkan_field_binding_set_choices (self, G_LIST_MODEL (labels), (const char * const *) strv);
}

VerkanRecord *
verkan_field_binding_get_record (VerkanFieldBinding *self)
{
  g_return_val_if_fail (VERKAN_IS_FIELD_BINDING (self), NULL);

  return self->record;
}

GtkWidget *
verkan_field_binding_get_widget (VerkanFieldBinding *self)
{
  g_return_val_if_fail (VERKAN_IS_FIELD_BINDING (self), NULL);

  return self->widget;
}
