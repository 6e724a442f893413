/* verkan-field-binding.h: one editor widget kept in step with one column
 * of one project row.
 *
 * The binding shows the stored value, commits what the person types after
 * a short pause (and at once on Enter or when the focus leaves), refuses
 * text that is not a valid date or number by marking the field instead of
 * storing it, and follows the record when the value changes underneath
 * (undo, redo, another editor).  It is the only place that turns widget
 * text into project edits. */
#pragma once

#include <gtk/gtk.h>
#include "verkan-project.h"
#include "verkan-record.h"
#include "verkan-vocabulary.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_FIELD_TEXT,   /* a NOT NULL text column; empty is "" */
  VERKAN_FIELD_DATE,   /* YYYY-MM-DD; empty is NULL */
  VERKAN_FIELD_NUMBER, /* a number >= 0 in Swedish format; empty is NULL */
  VERKAN_FIELD_COUNT,  /* a whole number >= 0; empty is NULL */
  VERKAN_FIELD_CHOICE, /* an AdwComboRow whose items stand for tokens */
} VerkanFieldKind;

#define VERKAN_TYPE_FIELD_BINDING (verkan_field_binding_get_type ())
G_DECLARE_FINAL_TYPE (VerkanFieldBinding, verkan_field_binding, VERKAN, FIELD_BINDING, GObject)

/* widget: a GtkEditable (GtkEntry, AdwEntryRow, ...), a GtkTextView, or
 * for VERKAN_FIELD_CHOICE an AdwComboRow.  The binding holds the project
 * and the record, and only a weak reference on the widget. */
VerkanFieldBinding *verkan_field_binding_new          (VerkanProject      *project,
                                                       VerkanRecord       *record,
                                                       const char         *column,
                                                       GtkWidget          *widget,
                                                       VerkanFieldKind     kind);
/* For VERKAN_FIELD_CHOICE: the token of each item of the combo row's
 * model, in order; "" stands for NULL.  @model, when not NULL, becomes
 * the combo row's new model (without that counting as an edit).  May be
 * called again whenever the choices change; the selection then follows
 * the stored value. */
void                verkan_field_binding_set_choices  (VerkanFieldBinding *self,
                                                       GListModel         *model,
                                                       const char * const *tokens);
/* For VERKAN_FIELD_CHOICE: the terms of a vocabulary, by their
 * translated labels. */
void                verkan_field_binding_set_vocabulary (VerkanFieldBinding *self,
                                                         VerkanVocabulary    vocabulary);
VerkanRecord       *verkan_field_binding_get_record   (VerkanFieldBinding *self);
GtkWidget          *verkan_field_binding_get_widget   (VerkanFieldBinding *self);
/* Commits a pending edit now.  Returns FALSE when the text is invalid. */
gboolean            verkan_field_binding_flush        (VerkanFieldBinding *self);
/* Shows the stored value again, dropping a pending edit. */
void                verkan_field_binding_reset        (VerkanFieldBinding *self);
/* Disconnects from the widget and the record. */
void                verkan_field_binding_unbind       (VerkanFieldBinding *self);

/* Commits every pending edit in the process: before undo, redo, saving a
 * copy and closing a window, so that nothing typed is lost or undone
 * out of order. */
void                verkan_field_binding_flush_all    (void);

/* The text a stored value is shown as: Swedish numbers, "" for NULL. */
char               *verkan_field_binding_dup_stored_text (VerkanRecord    *record,
                                                          const char      *column,
                                                          VerkanFieldKind  kind);

G_END_DECLS
