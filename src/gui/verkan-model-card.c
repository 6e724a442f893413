/* verkan-model-card.c: one card of the logic model canvas
 *
 * The card is laid out like the cards the core draws for the export
 * (verkan-model-drawing.c): bold title of up to three lines, short text of
 * up to two, and a row with the status mark and label and the indicator
 * pill.  The canvas allocates it the rectangle the core laid out, so the
 * labels ellipsize rather than ask for more room.  The status marks keep
 * the core's shapes (filled, half, barred, dotted, ring), so colour is
 * never the only sign.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-model-card.h"
#include "verkan-vocabulary.h"

#define HANDLE_SIZE 12

struct _VerkanModelCard
{
  GtkWidget  parent_instance;

  gint64     element_id;
  gboolean   selected;
  GtkWidget *content;
  GtkWidget *title_label;
  GtkWidget *text_label;
  GtkWidget *status_mark;
  GtkWidget *status_label;
  GtkWidget *count_label;
  GtkWidget *handle;
  char      *status_class;
};

G_DEFINE_FINAL_TYPE (VerkanModelCard, verkan_model_card, GTK_TYPE_WIDGET)

/* the core's shapes, in the order of VERKAN_VOCABULARY_GOAL_STATUS */
static const char *const status_marks[] = {
  "\u25cf",   /* achieved: filled */
  "\u25d0",   /* partly achieved: half */
  "\u2296",   /* not achieved: barred */
  "\u25c9",   /* unclear: a dot in a ring */
  "\u25cb",   /* not assessed: a ring */
};

static void
verkan_model_card_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  VerkanModelCard *self = VERKAN_MODEL_CARD (widget);

  gtk_widget_measure (self->content, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
verkan_model_card_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  VerkanModelCard *self = VERKAN_MODEL_CARD (widget);
  int hmin, vmin;

  gtk_widget_measure (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &hmin, NULL, NULL, NULL);
  gtk_widget_measure (self->content, GTK_ORIENTATION_VERTICAL, MAX (width, hmin), &vmin, NULL,
                      NULL, NULL);
  gtk_widget_size_allocate (self->content,
                            &(GtkAllocation) { 0, 0, MAX (width, hmin), MAX (height, vmin) }, -1);

  /* the handle sits on the right edge, half outside, where arrows leave */
  gtk_widget_measure (self->handle, GTK_ORIENTATION_HORIZONTAL, -1, &hmin, NULL, NULL, NULL);
  gtk_widget_measure (self->handle, GTK_ORIENTATION_VERTICAL, -1, &vmin, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->handle,
                            &(GtkAllocation) { width - HANDLE_SIZE / 2, (height - HANDLE_SIZE) / 2,
                                               HANDLE_SIZE, HANDLE_SIZE }, -1);
}

static void
verkan_model_card_dispose (GObject *object)
{
  VerkanModelCard *self = VERKAN_MODEL_CARD (object);

  g_clear_pointer (&self->content, gtk_widget_unparent);
  g_clear_pointer (&self->handle, gtk_widget_unparent);

  G_OBJECT_CLASS (verkan_model_card_parent_class)->dispose (object);
}

static void
verkan_model_card_finalize (GObject *object)
{
  VerkanModelCard *self = VERKAN_MODEL_CARD (object);

  g_free (self->status_class);

  G_OBJECT_CLASS (verkan_model_card_parent_class)->finalize (object);
}

static void
verkan_model_card_class_init (VerkanModelCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_card_dispose;
  object_class->finalize = verkan_model_card_finalize;
  widget_class->measure = verkan_model_card_measure;
  widget_class->size_allocate = verkan_model_card_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "modelcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static GtkWidget *
new_label (const char *css_class,
           int         lines,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, css_class);
  if (lines > 0)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), lines);
    }
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* without a width in characters an ellipsizing label asks for nothing */
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  return label;
}

static void
verkan_model_card_init (VerkanModelCard *self)
{
  GtkWidget *badges, *pill, *bars;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_VISIBLE);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->content, "content");
  gtk_widget_set_overflow (self->content, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));

  self->title_label = new_label ("title", 3, 0);
  gtk_box_append (GTK_BOX (self->content), self->title_label);
  self->text_label = new_label ("text", 2, 0);
  gtk_box_append (GTK_BOX (self->content), self->text_label);

  badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (badges, "badges");
  gtk_widget_set_vexpand (badges, TRUE);
  gtk_widget_set_valign (badges, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (self->content), badges);

  self->status_mark = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->status_mark, "status-mark");
  gtk_box_append (GTK_BOX (badges), self->status_mark);
  self->status_label = new_label ("status", 0, 0);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  gtk_box_append (GTK_BOX (badges), self->status_label);

  pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (pill, "indicator-pill");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  /* three rising bars: "measured by", as in the export's legend */
  bars = gtk_label_new ("\u2583\u2585\u2587");
  gtk_widget_add_css_class (bars, "bars");
  gtk_box_append (GTK_BOX (pill), bars);
  self->count_label = gtk_label_new ("0");
  gtk_box_append (GTK_BOX (pill), self->count_label);
  gtk_box_append (GTK_BOX (badges), pill);

  self->handle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->handle, "link-handle");
  /* Translators: tooltip of the small circle on a card's right edge */
  gtk_widget_set_tooltip_text (self->handle, _("Drag onto another card to link them"));
  gtk_widget_set_parent (self->handle, GTK_WIDGET (self));
}

GtkWidget *
verkan_model_card_new (void)
{
  return g_object_new (VERKAN_TYPE_MODEL_CARD, NULL);
}

static char *
flatten (const char *text)
{
  char *flat = g_strstrip (g_strdup (text != NULL ? text : ""));

  return g_strdelimit (flat, "\n\r\t", ' ');
}

void
verkan_model_card_set_element (VerkanModelCard          *self,
                               const VerkanModelElement *element)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *count = NULL;
  g_autofree char *indicators = NULL;
  g_autofree char *description = NULL;
  const char *status_label;
  const char *shown_title;
  int status;

  g_return_if_fail (VERKAN_IS_MODEL_CARD (self));
  g_return_if_fail (element != NULL);

  self->element_id = element->id;
  title = flatten (element->title);
  text = flatten (element->text);
  /* Translators: the title of a card that has none yet */
  shown_title = *title != '\0' ? title : _("Untitled card");

  gtk_label_set_text (GTK_LABEL (self->title_label), shown_title);
  if (*title == '\0')
    gtk_widget_add_css_class (self->title_label, "dim-label");
  else
    gtk_widget_remove_css_class (self->title_label, "dim-label");
  gtk_label_set_text (GTK_LABEL (self->text_label), text);
  gtk_widget_set_visible (self->text_label, *text != '\0');

  status = verkan_vocabulary_index (VERKAN_VOCABULARY_GOAL_STATUS, element->status);
  if (status < 0 || status >= (int) G_N_ELEMENTS (status_marks))
    status = G_N_ELEMENTS (status_marks) - 1;
  status_label = verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS,
                                          element->status != NULL ? element->status
                                                                  : "not-assessed");
  gtk_label_set_text (GTK_LABEL (self->status_mark), status_marks[status]);
  gtk_label_set_text (GTK_LABEL (self->status_label), status_label);
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (self->status_mark, self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup_printf ("status-%s",
                                        element->status != NULL ? element->status
                                                                : "not-assessed");
  gtk_widget_add_css_class (self->status_mark, self->status_class);

  count = g_strdup_printf ("%u", element->n_indicators);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);

  if (*text != '\0')
    tooltip = g_strdup_printf ("%s\n\n%s", shown_title, element->text);
  else
    tooltip = g_strdup (shown_title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  indicators = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators",
                                             element->n_indicators),
                                element->n_indicators);
  /* Translators: what a screen reader says about a card: column, status,
   * number of indicators: "Aktiviteter, Delvis uppfyllt, 2 indikatorer" */
  description = g_strdup_printf (_("%s, %s, %s"), verkan_model_column_label (element->column),
                                 status_label, indicators);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, shown_title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

gint64
verkan_model_card_get_element_id (VerkanModelCard *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CARD (self), 0);

  return self->element_id;
}

void
verkan_model_card_set_selected (VerkanModelCard *self,
                                gboolean         selected)
{
  g_return_if_fail (VERKAN_IS_MODEL_CARD (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

gboolean
verkan_model_card_get_selected (VerkanModelCard *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CARD (self), FALSE);

  return self->selected;
}

void
verkan_model_card_set_link_target (VerkanModelCard *self,
                                   gboolean         target)
{
  g_return_if_fail (VERKAN_IS_MODEL_CARD (self));

  if (target)
    gtk_widget_add_css_class (GTK_WIDGET (self), "link-target");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "link-target");
}

void
verkan_model_card_set_editing (VerkanModelCard *self,
                               gboolean         editing)
{
  g_return_if_fail (VERKAN_IS_MODEL_CARD (self));

  gtk_widget_set_opacity (self->title_label, editing ? 0 : 1);
}
