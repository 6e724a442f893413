/* verkan-model-link-row.c: one outgoing link of a card in the form view
 *
 * The row names the card the link leads to and follows it when that card
 * is renamed (on the canvas, by undo, anywhere); the target is changed
 * through a popover of the cards the link may lead to.  The rationale is
 * bound to its column like any other field.  The same popover serves the
 * card's "Add Link" button, so both offer the same choice.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-field-binding-group.h"
#include "verkan-model-link-row.h"
#include "verkan-model-snapshot.h"
#include "verkan-window.h"

struct _VerkanModelLinkRow
{
  GtkListBoxRow            parent_instance;

  VerkanProject           *project;
  VerkanFieldBindingGroup *fields;
  VerkanRecordList        *elements;
  VerkanRecord            *target;     /* the card the link leads to */
  gulong                   target_changed_id;

  GtkMenuButton           *target_button;
  GtkLabel                *target_label;
  GtkEntry                *rationale_entry;
  GtkWidget               *remove_button;
};

G_DEFINE_FINAL_TYPE (VerkanModelLinkRow, verkan_model_link_row, GTK_TYPE_LIST_BOX_ROW)

/* ------------------------------------------------------------------ */
/* The targets popover                                                 */

typedef struct {
  VerkanRecordList            *elements;
  GListModel                  *links;
  gint64                       from_id;
  gint64                       current_to_id;
  VerkanModelTargetChosenFunc  chosen;
  gpointer                     user_data;
  GtkPopover                  *popover;
  GtkListBox                  *list;
} Targets;

#define TARGETS_KEY "verkan-model-link-targets"
#define ELEMENT_ID_KEY "verkan-element-id"

static void
targets_free (gpointer data)
{
  Targets *targets = data;

  g_clear_object (&targets->elements);
  g_clear_object (&targets->links);
  g_free (targets);
}

static int
column_of (VerkanRecord *element)
{
  return verkan_model_column_from_token (verkan_record_get_string (element, "column_kind"));
}

static gboolean
is_main_column (int column)
{
  return column >= 0 && column < VERKAN_MODEL_N_MAIN_COLUMNS;
}

/* Whether a link from a card in @from may lead to one in @to: forward
 * through the six columns; a band's card may lead into any of them */
static gboolean
may_lead_to (int from,
             int to)
{
  if (!is_main_column (to))
    return FALSE;
  if (!is_main_column (from))
    return TRUE;
  return to > from;
}

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  VerkanRecord *first = *(VerkanRecord **) a;
  VerkanRecord *second = *(VerkanRecord **) b;
  gint64 x = column_of (first), y = column_of (second);

  if (x == y)
    {
      x = verkan_record_get_int (first, "position", 0);
      y = verkan_record_get_int (second, "position", 0);
    }
  if (x == y)
    {
      x = verkan_record_get_id (first);
      y = verkan_record_get_id (second);
    }
  return x < y ? -1 : (x > y ? 1 : 0);
}

static const char *
card_title (VerkanRecord *element)
{
  const char *title = verkan_record_get_string (element, "title");

  /* Translators: a card of a logic model that has no title yet */
  return *title != '\0' ? title : _("Untitled card");
}

static GtkWidget *
make_heading_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static GtkWidget *
make_card_row (VerkanRecord *element,
               gboolean      current,
               gboolean      taken)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (card_title (element));
  g_autofree char *name = g_strdup_printf ("model-link-target-%" G_GINT64_FORMAT,
                                           verkan_record_get_id (element));
  gint64 *id = g_new (gint64, 1);

  *id = verkan_record_get_id (element);
  g_object_set_data_full (G_OBJECT (row), ELEMENT_ID_KEY, id, g_free);
  gtk_widget_set_name (row, name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (current)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  if (taken)
    {
      /* Translators: tooltip of a card that the link's card already leads to */
      gtk_widget_set_tooltip_text (row, _("Already linked"));
      gtk_widget_set_sensitive (row, FALSE);
    }

  gtk_widget_set_margin_start (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
on_targets_show (Targets *targets)
{
  GListModel *model = G_LIST_MODEL (targets->elements);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  VerkanRecord *from = verkan_record_list_find (targets->elements, targets->from_id);
  GtkWidget *child;
  int from_column, last_column = -1;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (targets->list))) != NULL)
    gtk_list_box_remove (targets->list, child);

  if (from == NULL)
    return;
  from_column = column_of (from);

  n = targets->links != NULL ? g_list_model_get_n_items (targets->links) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) link = g_list_model_get_item (targets->links, i);
      gint64 *to = g_new (gint64, 1);

      *to = verkan_record_get_int (link, "to_id", 0);
      g_hash_table_add (taken, to);
    }

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) element = g_list_model_get_item (model, i);

      if (verkan_record_get_id (element) != targets->from_id
          && may_lead_to (from_column, column_of (element)))
        g_ptr_array_add (cards, g_steal_pointer (&element));
    }
  g_ptr_array_sort (cards, compare_cards);

  for (guint i = 0; i < cards->len; i++)
    {
      VerkanRecord *element = g_ptr_array_index (cards, i);
      gint64 id = verkan_record_get_id (element);
      int column = column_of (element);

      if (column != last_column)
        {
          gtk_list_box_append (targets->list, make_heading_row (verkan_model_column_label (column)));
          last_column = column;
        }
      gtk_list_box_append (targets->list,
                           make_card_row (element, id == targets->current_to_id,
                                          id != targets->current_to_id
                                          && g_hash_table_contains (taken, &id)));
    }

  if (cards->len == 0)
    {
      /* Translators: in the list of cards a link may lead to */
      GtkWidget *row = make_heading_row (_("No cards in the columns after this one"));

      gtk_list_box_append (targets->list, row);
    }
}

static void
on_target_activated (Targets       *targets,
                     GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), ELEMENT_ID_KEY);

  if (id == NULL)
    return;

  gtk_popover_popdown (targets->popover);
  if (*id != targets->current_to_id)
    targets->chosen (targets->user_data, *id);
}

void
verkan_model_link_targets_attach (GtkMenuButton               *menu_button,
                                  VerkanRecordList            *elements,
                                  GListModel                  *links,
                                  gint64                       from_id,
                                  gint64                       current_to_id,
                                  VerkanModelTargetChosenFunc  chosen,
                                  gpointer                     user_data)
{
  Targets *targets;
  GtkWidget *scrolled;

  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));
  g_return_if_fail (VERKAN_IS_RECORD_LIST (elements));
  g_return_if_fail (chosen != NULL);

  targets = g_new0 (Targets, 1);
  targets->elements = g_object_ref (elements);
  targets->links = links != NULL ? g_object_ref (links) : NULL;
  targets->from_id = from_id;
  targets->current_to_id = current_to_id;
  targets->chosen = chosen;
  targets->user_data = user_data;

  targets->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (targets->list), "model-link-targets");
  gtk_list_box_set_selection_mode (targets->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (targets->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (targets->list), "navigation-sidebar");
  g_signal_connect_swapped (targets->list, "row-activated",
                            G_CALLBACK (on_target_activated), targets);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (targets->list));

  targets->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (targets->popover, scrolled);
  /* The cards change while the popover is closed: list them on opening */
  g_signal_connect_swapped (targets->popover, "show", G_CALLBACK (on_targets_show), targets);
  gtk_menu_button_set_popover (menu_button, GTK_WIDGET (targets->popover));

  g_object_set_data_full (G_OBJECT (menu_button), TARGETS_KEY, targets, targets_free);
}

void
verkan_model_link_targets_refresh (GtkMenuButton *menu_button)
{
  Targets *targets;

  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));

  targets = g_object_get_data (G_OBJECT (menu_button), TARGETS_KEY);
  if (targets != NULL)
    on_targets_show (targets);
}

void
verkan_model_link_targets_set_current (GtkMenuButton *menu_button,
                                       gint64         current_to_id)
{
  Targets *targets;

  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));

  targets = g_object_get_data (G_OBJECT (menu_button), TARGETS_KEY);
  if (targets != NULL)
    targets->current_to_id = current_to_id;
}

/* ------------------------------------------------------------------ */
/* The row                                                             */

static void
update_target_label (VerkanModelLinkRow *self)
{
  /* Translators: a link whose target card is not in this model */
  gtk_label_set_label (self->target_label,
                       self->target != NULL ? card_title (self->target) : _("Unknown card"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->target_button),
                               /* Translators: tooltip of the button that names a link's target */
                               _("The card this one leads to; click to choose another"));
}

static void
follow_target (VerkanModelLinkRow *self)
{
  VerkanRecord *record = verkan_model_link_row_get_record (self);
  VerkanRecord *target = NULL;
  gint64 to_id;

  if (record == NULL)
    return;

  to_id = verkan_record_get_int (record, "to_id", 0);
  target = verkan_record_list_find (self->elements, to_id);

  if (target != self->target)
    {
      if (self->target != NULL)
        g_clear_signal_handler (&self->target_changed_id, self->target);
      g_set_object (&self->target, target);
      if (target != NULL)
        self->target_changed_id = g_signal_connect_swapped (target, "changed::title",
                                                            G_CALLBACK (update_target_label), self);
    }

  verkan_model_link_targets_set_current (self->target_button, to_id);
  update_target_label (self);
}

static void
on_target_chosen (gpointer user_data,
                  gint64   element_id)
{
  VerkanModelLinkRow *self = user_data;
  VerkanRecord *record = verkan_model_link_row_get_record (self);
  g_autoptr(GError) error = NULL;

  if (record == NULL)
    return;

  verkan_field_binding_flush_all ();
  if (!verkan_project_set_value (self->project, "model_link", verkan_record_get_id (record),
                                 "to_id", g_variant_new_int64 (element_id), &error))
    verkan_window_show_error_for (GTK_WIDGET (self), error);
}

static void
on_remove (VerkanModelLinkRow *self)
{
  if (self->fields == NULL)
    return;

  /* Translators: toast after a link between two cards was removed */
  verkan_field_binding_group_delete_record (self->fields, GTK_WIDGET (self), _("Link removed"));
}

static void
verkan_model_link_row_dispose (GObject *object)
{
  VerkanModelLinkRow *self = VERKAN_MODEL_LINK_ROW (object);

  if (self->target != NULL)
    g_clear_signal_handler (&self->target_changed_id, self->target);
  g_clear_object (&self->target);
  g_clear_object (&self->fields);
  g_clear_object (&self->elements);
  g_clear_object (&self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODEL_LINK_ROW);

  G_OBJECT_CLASS (verkan_model_link_row_parent_class)->dispose (object);
}

static void
verkan_model_link_row_class_init (VerkanModelLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_link_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-model-link-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanModelLinkRow, target_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelLinkRow, target_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelLinkRow, rationale_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelLinkRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
}

static void
verkan_model_link_row_init (VerkanModelLinkRow *self)
{
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkMenuButton centres its child; the target's name reads better from
   * the left, like the entry below it */
  box = gtk_widget_get_parent (GTK_WIDGET (self->target_label));
  for (GtkWidget *w = gtk_widget_get_parent (box);
       w != NULL && w != GTK_WIDGET (self->target_button);
       w = gtk_widget_get_parent (w))
    gtk_widget_set_halign (w, GTK_ALIGN_FILL);
}

GtkWidget *
verkan_model_link_row_new (VerkanProject    *project,
                           VerkanRecord     *record,
                           VerkanRecordList *elements,
                           GListModel       *links)
{
  VerkanModelLinkRow *self;
  gboolean writable;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD (record), NULL);
  g_return_val_if_fail (VERKAN_IS_RECORD_LIST (elements), NULL);

  self = g_object_new (VERKAN_TYPE_MODEL_LINK_ROW, NULL);
  self->fields = verkan_field_binding_group_new (project, record);
  self->elements = g_object_ref (elements);
  self->project = g_object_ref (project);

  verkan_field_binding_group_bind (self->fields, "rationale",
                                   GTK_WIDGET (self->rationale_entry), VERKAN_FIELD_TEXT);

  verkan_model_link_targets_attach (self->target_button, elements, links,
                                    verkan_record_get_int (record, "from_id", 0),
                                    verkan_record_get_int (record, "to_id", 0),
                                    on_target_chosen, self);

  g_signal_connect_object (record, "changed::to_id", G_CALLBACK (follow_target), self, G_CONNECT_SWAPPED);
  /* An edit that adds cards and links at once (paste, undo) may announce
   * the links first: name the target once its card is listed */
  g_signal_connect_object (elements, "items-changed", G_CALLBACK (follow_target), self, G_CONNECT_SWAPPED);
  follow_target (self);

  writable = !verkan_project_get_read_only (project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_button), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rationale_entry), writable);
  gtk_widget_set_sensitive (self->remove_button, writable);

  return GTK_WIDGET (self);
}

VerkanRecord *
verkan_model_link_row_get_record (VerkanModelLinkRow *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_LINK_ROW (self), NULL);

  /* NULL once the row is disposed */
  return self->fields != NULL ? verkan_field_binding_group_get_record (self->fields) : NULL;
}

void
verkan_model_link_row_focus_rationale (VerkanModelLinkRow *self)
{
  g_return_if_fail (VERKAN_IS_MODEL_LINK_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->rationale_entry));
}
