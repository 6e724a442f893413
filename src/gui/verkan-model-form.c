/* verkan-model-form.c: a logic model as a form
 *
 * One group per column, one expander row per card.  The cards of the
 * model are one VerkanRecordList; after each change of model_element the
 * form splits it by column into a GListStore per column, which a list box
 * shows.  Each store is brought to its new contents with as few inserts
 * and removals as the longest run of cards that kept their order allows,
 * so a row that stays keeps its widget, its focus and its cursor, and a
 * card moved on the canvas rebuilds only its own row.  Values that change
 * (a title typed on the canvas, an undo) reach the rows through their
 * records and never rebuild anything.
 *
 * A model of a thousand cards must not hold up the window: the rows are
 * added a batch at a time while the main loop is idle, and each row makes
 * its editors only when it is first expanded.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-field-binding.h"
#include "verkan-model-edit.h"
#include "verkan-model-element-row.h"
#include "verkan-model-form.h"
#include "verkan-record-list.h"
#include "verkan-window.h"

/* Rows added at once, and per idle turn while a large model fills in */
#define FILL_BATCH 60

struct _VerkanModelForm
{
  AdwBin               parent_instance;

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *groups[VERKAN_MODEL_N_COLUMNS];
  GtkListBox          *lists[VERKAN_MODEL_N_COLUMNS];
  GtkWidget           *add_buttons[VERKAN_MODEL_N_COLUMNS];
  GListStore          *stores[VERKAN_MODEL_N_COLUMNS];

  VerkanProject       *project;
  gint64               model_id;
  VerkanRecordList    *models;       /* the one logic_model row */
  VerkanRecordList    *elements;     /* the model's cards, all columns */
  gulong               elements_changed_id;

  /* How many rows the stores may hold while they fill in */
  guint                fill_limit;
  guint                fill_id;

  /* The card whose row gets the focus once the lists show it */
  gint64               focus_id;
  gboolean             focus_editor;
  gboolean             focus_expand;

  gboolean             selecting;
  GtkWidget           *scroll_target;
  guint                scroll_tick_id;
};

G_DEFINE_FINAL_TYPE (VerkanModelForm, verkan_model_form, ADW_TYPE_BIN)

enum {
  ELEMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What belongs in each column, under its heading */
static const char *const column_descriptions[VERKAN_MODEL_N_COLUMNS] = {
  N_("What the project puts in: people, time, money, premises and partners."),
  N_("What the project does with its resources."),
  N_("What the activities deliver: meetings held, people reached, material made."),
  N_("Changes for the target group during the project or soon after it."),
  N_("Lasting changes, a few years after the project."),
  N_("The overall goal the project contributes to."),
  N_("What must hold for the model to work, and what the project builds on."),
  N_("What lies outside the project’s control but affects its results."),
};

static int
column_of (VerkanRecord *element)
{
  return verkan_model_column_from_token (verkan_record_get_string (element, "column_kind"));
}

/* ------------------------------------------------------------------ */
/* Following the cards                                                 */

/* Longest strictly increasing run of @seq (entries < 0 never count):
 * marks the members in @keep.  Patience sorting, O(n log n). */
static void
longest_increasing (const int *seq,
                    guint      n,
                    gboolean  *keep)
{
  g_autofree guint *tails = g_new (guint, n + 1);   /* index into seq */
  g_autofree int *previous = g_new (int, n);
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint low = 0, high = length;

      keep[i] = FALSE;
      previous[i] = -1;
      if (seq[i] < 0)
        continue;

      while (low < high)
        {
          guint mid = (low + high) / 2;

          if (seq[tails[mid]] < seq[i])
            low = mid + 1;
          else
            high = mid;
        }
      previous[i] = low > 0 ? (int) tails[low - 1] : -1;
      tails[low] = i;
      if (low == length)
        length++;
    }

  if (length > 0)
    for (int i = (int) tails[length - 1]; i >= 0; i = previous[i])
      keep[i] = TRUE;
}

/* Brings @store to hold @wanted (borrowed records), keeping every row
 * that can stay where it is */
static void
sync_store (GListStore *store,
            GPtrArray  *wanted)
{
  GListModel *model = G_LIST_MODEL (store);
  guint old_n = g_list_model_get_n_items (model);
  guint new_n = wanted->len;
  guint head = 0, tail = 0, old_mid, new_mid;
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) old_index = NULL;
  g_autofree int *seq = NULL;
  g_autofree gboolean *keep = NULL;
  g_autofree gboolean *old_kept = NULL;

  for (guint i = 0; i < old_n; i++)
    g_ptr_array_add (old, g_list_model_get_item (model, i));

  while (head < old_n && head < new_n
         && g_ptr_array_index (old, head) == g_ptr_array_index (wanted, head))
    head++;
  while (tail < old_n - head && tail < new_n - head
         && g_ptr_array_index (old, old_n - 1 - tail) == g_ptr_array_index (wanted, new_n - 1 - tail))
    tail++;

  old_mid = old_n - head - tail;
  new_mid = new_n - head - tail;
  if (old_mid == 0 && new_mid == 0)
    return;

  if (old_mid == 0 || new_mid == 0)
    {
      g_list_store_splice (store, head, old_mid,
                           new_mid > 0 ? &wanted->pdata[head] : NULL, new_mid);
      return;
    }

  /* Which of the old rows keep their order in the new list */
  old_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < old_mid; i++)
    g_hash_table_insert (old_index, g_ptr_array_index (old, head + i), GUINT_TO_POINTER (i + 1));

  seq = g_new (int, new_mid);
  keep = g_new (gboolean, new_mid);
  for (guint i = 0; i < new_mid; i++)
    seq[i] = (int) GPOINTER_TO_UINT (g_hash_table_lookup (old_index, g_ptr_array_index (wanted, head + i))) - 1;
  longest_increasing (seq, new_mid, keep);

  old_kept = g_new0 (gboolean, old_mid);
  for (guint i = 0; i < new_mid; i++)
    if (keep[i])
      old_kept[seq[i]] = TRUE;

  /* Out go the others, from the back so the indices hold ... */
  for (guint i = old_mid; i-- > 0;)
    if (!old_kept[i])
      g_list_store_remove (store, head + i);

  /* ... and in come the new and the moved ones, front to back, each at
   * its final place */
  for (guint i = 0; i < new_mid; i++)
    if (!keep[i])
      g_list_store_insert (store, head + i, g_ptr_array_index (wanted, head + i));
}

static void focus_wanted_row (VerkanModelForm *self);

/* Splits the cards by column into the stores */
static void
update_stores (VerkanModelForm *self)
{
  GPtrArray *wanted[VERKAN_MODEL_N_COLUMNS];
  GListModel *model;
  guint n, budget, total = 0;

  if (self->elements == NULL)
    return;

  model = G_LIST_MODEL (self->elements);
  n = g_list_model_get_n_items (model);

  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    wanted[c] = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      VerkanRecord *element = g_list_model_get_item (model, i);
      int column = column_of (element);

      if (column >= 0 && column < VERKAN_MODEL_N_COLUMNS)
        g_ptr_array_add (wanted[column], element);
      else
        g_object_unref (element);
    }

  /* While filling in, only the first rows, column by column */
  budget = self->fill_limit;
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      guint len = wanted[c]->len;

      total += len;
      if (len > budget)
        g_ptr_array_set_size (wanted[c], budget);
      budget -= wanted[c]->len;
    }
  if (self->fill_limit >= total)
    {
      self->fill_limit = G_MAXUINT;
      g_clear_handle_id (&self->fill_id, g_source_remove);
    }

  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      sync_store (self->stores[c], wanted[c]);
      g_ptr_array_unref (wanted[c]);
    }

  focus_wanted_row (self);
}

static gboolean
fill_more (gpointer data)
{
  VerkanModelForm *self = data;

  self->fill_limit += FILL_BATCH;
  update_stores (self);

  if (self->fill_limit != G_MAXUINT)
    return G_SOURCE_CONTINUE;

  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

/* Shows every row now (a card was asked for that is not shown yet) */
static void
fill_all (VerkanModelForm *self)
{
  if (self->fill_limit == G_MAXUINT)
    return;

  self->fill_limit = G_MAXUINT;
  update_stores (self);
}

static void
update_bands (VerkanModelForm *self)
{
  g_autoptr(VerkanRecord) model = NULL;
  gboolean assumptions = FALSE, external = FALSE;

  if (self->models != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->models)) > 0)
    {
      model = g_list_model_get_item (G_LIST_MODEL (self->models), 0);
      assumptions = verkan_record_get_int (model, "show_assumptions", 0) != 0;
      external = verkan_record_get_int (model, "show_external", 0) != 0;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->groups[VERKAN_MODEL_COLUMN_ASSUMPTIONS]), assumptions);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS]), external);
}

/* ------------------------------------------------------------------ */
/* Finding rows                                                        */

static gboolean
find_element (VerkanModelForm *self,
              gint64           element_id,
              guint           *column_out,
              guint           *index_out)
{
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      GListModel *model = G_LIST_MODEL (self->stores[c]);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VerkanRecord) record = g_list_model_get_item (model, i);

          if (verkan_record_get_id (record) == element_id)
            {
              *column_out = c;
              *index_out = i;
              return TRUE;
            }
        }
    }

  return FALSE;
}

static VerkanModelElementRow *
find_row (VerkanModelForm *self,
          gint64           element_id)
{
  guint column, index;
  GtkListBoxRow *row;

  if (!find_element (self, element_id, &column, &index))
    return NULL;

  row = gtk_list_box_get_row_at_index (self->lists[column], index);
  return VERKAN_IS_MODEL_ELEMENT_ROW (row) ? VERKAN_MODEL_ELEMENT_ROW (row) : NULL;
}

static void
want_focus (VerkanModelForm *self,
            gint64           element_id,
            gboolean         editor,
            gboolean         expand)
{
  self->focus_id = element_id;
  self->focus_editor = editor;
  self->focus_expand = expand;
}

static void
focus_wanted_row (VerkanModelForm *self)
{
  VerkanModelElementRow *row;

  if (self->focus_id == 0)
    return;

  row = find_row (self, self->focus_id);
  if (row == NULL)
    return;
  self->focus_id = 0;

  if (self->focus_editor)
    {
      verkan_model_element_row_focus_title (row);
      return;
    }

  if (self->focus_expand)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

/* ------------------------------------------------------------------ */
/* Scrolling to a row                                                  */

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  VerkanModelForm *self = VERKAN_MODEL_FORM (widget);
  GtkWidget *scrolled, *viewport;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  self->scroll_tick_id = 0;
  if (self->scroll_target == NULL)
    return G_SOURCE_REMOVE;

  scrolled = gtk_widget_get_ancestor (self->scroll_target, GTK_TYPE_SCROLLED_WINDOW);
  viewport = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  if (viewport != NULL
      && gtk_widget_compute_point (self->scroll_target, viewport, &GRAPHENE_POINT_INIT (0, 0), &point))
    {
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      /* the row's top a little below the top of the page */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 24);
    }

  g_clear_weak_pointer (&self->scroll_target);
  return G_SOURCE_REMOVE;
}

static void
scroll_to (VerkanModelForm *self,
           GtkWidget       *row)
{
  g_set_weak_pointer (&self->scroll_target, row);

  /* after the next layout, when the row has its place */
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* The rows                                                            */

static void
on_row_expanded (VerkanModelElementRow *row,
                 GParamSpec            *pspec,
                 VerkanModelForm       *self)
{
  VerkanRecord *record;

  if (self->selecting || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    return;

  record = verkan_model_element_row_get_record (row);
  if (record != NULL)
    g_signal_emit (self, signals[ELEMENT_ACTIVATED], 0, verkan_record_get_id (record));
}

static void
on_move_requested (VerkanModelElementRow *row,
                   guint                  new_index,
                   VerkanModelForm       *self)
{
  g_autoptr(VerkanRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  int column;

  if (verkan_model_element_row_get_record (row) == NULL
      || verkan_project_get_read_only (self->project))
    return;

  record = g_object_ref (verkan_model_element_row_get_record (row));
  column = column_of (record);
  if (column < 0)
    return;

  verkan_field_binding_flush_all ();

  want_focus (self, verkan_record_get_id (record), FALSE,
              adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  if (!verkan_model_move_card (self->project, verkan_record_get_id (record),
                               column, new_index, &error))
    {
      self->focus_id = 0;
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  focus_wanted_row (self);
}

static GtkWidget *
create_element_row (gpointer item,
                    gpointer user_data)
{
  VerkanModelForm *self = user_data;
  GtkWidget *row = verkan_model_element_row_new (self->project, VERKAN_RECORD (item),
                                                 self->elements);

  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded), self, 0);
  g_signal_connect_object (row, "move-requested", G_CALLBACK (on_move_requested), self, 0);
  return row;
}

static void
update_positions (GtkListBox *list)
{
  GtkListBoxRow *row;
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (VERKAN_IS_MODEL_ELEMENT_ROW (row))
      verkan_model_element_row_set_position (VERKAN_MODEL_ELEMENT_ROW (row), i, n);
}

static void
on_store_changed (GListModel      *store,
                  guint            position,
                  guint            removed,
                  guint            added,
                  VerkanModelForm *self)
{
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    if (G_LIST_MODEL (self->stores[c]) == store)
      update_positions (self->lists[c]);
}

static void
on_add_clicked (GtkButton       *button,
                VerkanModelForm *self)
{
  VerkanModelColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "verkan-column"));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->project == NULL || self->model_id == 0)
    return;

  verkan_field_binding_flush_all ();

  id = verkan_model_add_card (self->project, self->model_id, column, -1, "", &error);
  if (id == 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  /* A card added here may be past the rows filled in so far */
  fill_all (self);
  want_focus (self, id, TRUE, TRUE);
  focus_wanted_row (self);
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
build_groups (VerkanModelForm *self)
{
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      const char *token = verkan_model_column_token (c);
      g_autofree char *list_name = g_strdup_printf ("model-form-list-%s", token);
      g_autofree char *button_name = g_strdup_printf ("model-form-add-%s", token);
      /* Translators: tooltip of the button that adds a card to a column,
       * such as "Add a card to Activities" */
      g_autofree char *tooltip = g_strdup_printf (_("Add a card to %s"),
                                                  verkan_model_column_label (c));
      GtkWidget *content;
      GtkWidget *button;
      GtkWidget *list;

      self->groups[c] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->groups[c], verkan_model_column_label (c));
      adw_preferences_group_set_description (self->groups[c], _(column_descriptions[c]));

      content = adw_button_content_new ();
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      /* Translators: the button that adds a card to a column of the form */
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), C_("model form", "Add"));
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_set_name (button, button_name);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "verkan-column", GUINT_TO_POINTER (c));
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), self);
      adw_preferences_group_set_header_suffix (self->groups[c], button);
      self->add_buttons[c] = button;

      list = gtk_list_box_new ();
      gtk_widget_set_name (list, list_name);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list),
                                    /* Translators: in an empty column of the form view */
                                    make_placeholder (_("No cards yet.")));
      adw_preferences_group_add (self->groups[c], list);
      self->lists[c] = GTK_LIST_BOX (list);

      adw_preferences_page_add (self->page, self->groups[c]);

      self->stores[c] = g_list_store_new (VERKAN_TYPE_RECORD);
      /* after the list box has made its rows */
      g_signal_connect_after (self->stores[c], "items-changed", G_CALLBACK (on_store_changed), self);
    }
}

static void
clear_model (VerkanModelForm *self)
{
  g_clear_handle_id (&self->fill_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  g_clear_weak_pointer (&self->scroll_target);
  self->focus_id = 0;

  /* The rows go before the lists they show */
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    if (self->lists[c] != NULL)
      gtk_list_box_bind_model (self->lists[c], NULL, NULL, NULL, NULL);
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    if (self->stores[c] != NULL)
      g_list_store_remove_all (self->stores[c]);

  if (self->project != NULL)
    g_clear_signal_handler (&self->elements_changed_id, self->project);
  g_clear_object (&self->elements);
  g_clear_object (&self->models);
  g_clear_object (&self->project);
  self->model_id = 0;
}

static void
verkan_model_form_dispose (GObject *object)
{
  VerkanModelForm *self = VERKAN_MODEL_FORM (object);

  clear_model (self);

  /* AdwBin keeps its own pointer to the page: let go of it there first */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODEL_FORM);

  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      if (self->stores[c] != NULL)
        g_signal_handlers_disconnect_by_data (self->stores[c], self);
      g_clear_object (&self->stores[c]);
      self->lists[c] = NULL;
      self->groups[c] = NULL;
      self->add_buttons[c] = NULL;
    }

  G_OBJECT_CLASS (verkan_model_form_parent_class)->dispose (object);
}

static void
verkan_model_form_class_init (VerkanModelFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_form_dispose;

  /**
   * VerkanModelForm::element-activated:
   * @element_id: the card's id
   *
   * The person opened a card's row; not emitted for
   * verkan_model_form_select_element().
   */
  signals[ELEMENT_ACTIVATED] =
    g_signal_new ("element-activated", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-model-form.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanModelForm, page);
}

static void
verkan_model_form_init (VerkanModelForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fill_limit = G_MAXUINT;
  build_groups (self);
  update_bands (self);
}

GtkWidget *
verkan_model_form_new (void)
{
  return g_object_new (VERKAN_TYPE_MODEL_FORM, NULL);
}

void
verkan_model_form_set_model (VerkanModelForm *self,
                             VerkanProject   *project,
                             gint64           model_id)
{
  gboolean writable;

  g_return_if_fail (VERKAN_IS_MODEL_FORM (self));
  g_return_if_fail (project == NULL || VERKAN_IS_PROJECT (project));

  clear_model (self);

  if (project == NULL || model_id <= 0)
    {
      update_bands (self);
      return;
    }

  self->project = g_object_ref (project);
  self->model_id = model_id;
  self->models = verkan_record_list_new (project, "logic_model", "id",
                                         g_variant_new_int64 (model_id));
  self->elements = verkan_record_list_new (project, "model_element", "model_id",
                                           g_variant_new_int64 (model_id));

  /* Connected after the list's own handler, so the records are current
   * when the stores are split again; a card that only changed column
   * keeps its place in the list, so items-changed alone would miss it */
  self->elements_changed_id =
    g_signal_connect_object (project, "changed::model_element",
                             G_CALLBACK (update_stores), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->models, "items-changed",
                           G_CALLBACK (update_bands), self, G_CONNECT_SWAPPED);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->models)) > 0)
    {
      g_autoptr(VerkanRecord) model = g_list_model_get_item (G_LIST_MODEL (self->models), 0);

      g_signal_connect_object (model, "changed", G_CALLBACK (update_bands), self, G_CONNECT_SWAPPED);
    }
  update_bands (self);

  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    gtk_list_box_bind_model (self->lists[c], G_LIST_MODEL (self->stores[c]),
                             create_element_row, self, NULL);

  /* The first rows now, the rest while the window is idle */
  self->fill_limit = FILL_BATCH;
  update_stores (self);
  if (self->fill_limit != G_MAXUINT)
    self->fill_id = g_idle_add_full (G_PRIORITY_LOW, fill_more, self, NULL);

  /* A project someone else has open is shown as it is */
  writable = !verkan_project_get_read_only (project);
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    gtk_widget_set_sensitive (self->add_buttons[c], writable);
}

void
verkan_model_form_select_element (VerkanModelForm *self,
                                  gint64           element_id)
{
  VerkanModelElementRow *row;

  g_return_if_fail (VERKAN_IS_MODEL_FORM (self));

  row = find_row (self, element_id);
  if (row == NULL && self->fill_limit != G_MAXUINT)
    {
      fill_all (self);
      row = find_row (self, element_id);
    }
  if (row == NULL)
    return;

  self->selecting = TRUE;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  self->selecting = FALSE;

  scroll_to (self, GTK_WIDGET (row));
}
