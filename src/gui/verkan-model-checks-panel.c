/* verkan-model-checks-panel.c: the gaps the checks find in one model
 *
 * The checks are core code (verkan_model_check_run on a fresh snapshot).
 * They run again a short moment after the model's tables change, so that
 * typing a title does not check the model at every key; a model whose
 * check takes long waits longer, so that checking never takes more than
 * about a third of the time.  A new model is checked once the page is
 * drawn, not before.  Only the span of problems that differs from the
 * last run is replaced in the list, and the list is a GtkListView with
 * rows of at most three lines, so a model of a thousand cards with as many
 * problems costs widgets only for the rows near the screen.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-model-check.h"
#include "verkan-model-checks-panel.h"

/* Long enough to cover a burst of edits, short enough to feel at once */
#define RECHECK_DELAY_MS 150

/* What a row needs of its problem; the message is the item's string */
typedef struct {
  VerkanModelProblemKind kind;
  gint64                 element_id;
  gint64                 link_id;
} ProblemRef;

struct _VerkanModelChecksPanel
{
  AdwBin         parent_instance;

  VerkanProject *project;
  gint64         model_id;
  gulong         changed_id;
  guint          recheck_id;
  guint          recheck_delay;  /* ms, grows with the time a check takes */
  GPtrArray     *problems;   /* of VerkanModelProblem, as last found */
  GListStore    *items;      /* of GtkStringObject carrying a ProblemRef */

  GtkLabel      *heading_label;
  GtkStack      *stack;
  GtkListView   *list_view;
};

G_DEFINE_FINAL_TYPE (VerkanModelChecksPanel, verkan_model_checks_panel, ADW_TYPE_BIN)

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_icon (VerkanModelProblemKind kind)
{
  switch (kind)
    {
    case VERKAN_MODEL_PROBLEM_NO_INDICATOR:           return "find-location-symbolic";
    case VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET:  return "emoji-flags-symbolic";
    case VERKAN_MODEL_PROBLEM_ACTIVITY_LEADS_NOWHERE: return "go-next-symbolic";
    case VERKAN_MODEL_PROBLEM_EFFECT_WITHOUT_CAUSE:   return "go-previous-symbolic";
    case VERKAN_MODEL_PROBLEM_UNLINKED:               return "insert-link-symbolic";
    case VERKAN_MODEL_PROBLEM_NO_RATIONALE:           return "dialog-question-symbolic";
    case VERKAN_MODEL_PROBLEM_CYCLE:                  return "media-playlist-repeat-symbolic";
    default:                                          return "dialog-warning-symbolic";
    }
}

/* The kind in a few words, for the icon's tooltip and the screen reader */
static const char *
kind_label (VerkanModelProblemKind kind)
{
  switch (kind)
    {
    case VERKAN_MODEL_PROBLEM_NO_INDICATOR:           return _("No indicator");
    case VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET:  return _("No baseline or target");
    case VERKAN_MODEL_PROBLEM_ACTIVITY_LEADS_NOWHERE: return _("Leads to no effect");
    case VERKAN_MODEL_PROBLEM_EFFECT_WITHOUT_CAUSE:   return _("No activity leads here");
    case VERKAN_MODEL_PROBLEM_UNLINKED:               return _("Not linked");
    case VERKAN_MODEL_PROBLEM_NO_RATIONALE:           return _("No rationale");
    case VERKAN_MODEL_PROBLEM_CYCLE:                  return _("Circular links");
    default:                                          return _("Problem");
    }
}

static gboolean
same_problem (const VerkanModelProblem *a,
              const VerkanModelProblem *b)
{
  return a->kind == b->kind
         && a->element_id == b->element_id
         && a->link_id == b->link_id
         && a->indicator_id == b->indicator_id
         && g_strcmp0 (a->message, b->message) == 0;
}

static gpointer
make_item (const VerkanModelProblem *problem)
{
  GtkStringObject *item = gtk_string_object_new (problem->message != NULL ? problem->message : "");
  ProblemRef *ref = g_new0 (ProblemRef, 1);

  ref->kind = problem->kind;
  ref->element_id = problem->element_id;
  ref->link_id = problem->link_id;
  g_object_set_data_full (G_OBJECT (item), "verkan-problem", ref, g_free);

  return item;
}

static void
update_heading (VerkanModelChecksPanel *self)
{
  guint n = self->problems->len;
  g_autofree char *heading = NULL;

  if (self->project == NULL || self->model_id <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->heading_label), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "no-model");
      return;
    }

  if (n == 0)
    /* Translators: the heading of the checks panel when all is well */
    heading = g_strdup (_("No problems found"));
  else
    /* Translators: the heading of the checks panel: "3 problems" */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", n), n);

  gtk_label_set_label (self->heading_label, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), n > 0);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "none");
}

/* Replaces self->problems with @found, changing only the rows that differ */
static void
take_problems (VerkanModelChecksPanel *self,
               GPtrArray              *found)
{
  GPtrArray *old = self->problems;
  guint head = 0, tail = 0;
  guint old_n = old->len, new_n = found->len;
  guint n_added;
  gpointer *added;

  while (head < old_n && head < new_n
         && same_problem (old->pdata[head], found->pdata[head]))
    head++;
  while (tail < old_n - head && tail < new_n - head
         && same_problem (old->pdata[old_n - 1 - tail], found->pdata[new_n - 1 - tail]))
    tail++;

  n_added = new_n - head - tail;
  added = g_new (gpointer, MAX (n_added, 1));
  for (guint i = 0; i < n_added; i++)
    added[i] = make_item (found->pdata[head + i]);

  self->problems = g_ptr_array_ref (found);
  if (old_n - head - tail > 0 || n_added > 0)
    g_list_store_splice (self->items, head, old_n - head - tail, added, n_added);

  for (guint i = 0; i < n_added; i++)
    g_object_unref (added[i]);
  g_free (added);
  g_ptr_array_unref (old);

  update_heading (self);
}

void
verkan_model_checks_panel_refresh (VerkanModelChecksPanel *self)
{
  g_autoptr(VerkanModelSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 start = g_get_monotonic_time ();
  guint took;

  g_return_if_fail (VERKAN_IS_MODEL_CHECKS_PANEL (self));

  g_clear_handle_id (&self->recheck_id, g_source_remove);

  if (self->project != NULL && self->model_id > 0)
    snapshot = verkan_model_snapshot_load (self->project, self->model_id, NULL);

  /* A model that is gone (deleted, or undone) has nothing to show */
  if (snapshot != NULL)
    found = verkan_model_check_run (snapshot);
  if (found == NULL)
    found = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_model_problem_free);

  take_problems (self, found);

  took = (guint) ((g_get_monotonic_time () - start) / 1000);
  self->recheck_delay = MAX (RECHECK_DELAY_MS, 2 * took);
}

static gboolean
on_recheck_timeout (gpointer data)
{
  VerkanModelChecksPanel *self = data;

  self->recheck_id = 0;
  verkan_model_checks_panel_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
on_project_changed (VerkanModelChecksPanel *self,
                    const char             *table)
{
  if (g_strcmp0 (table, "model_element") != 0
      && g_strcmp0 (table, "model_link") != 0
      && g_strcmp0 (table, "indicator") != 0
      && g_strcmp0 (table, "logic_model") != 0)
    return;

  /* The first change of a burst sets the moment; later ones ride along */
  if (self->recheck_id == 0)
    {
      self->recheck_id = g_timeout_add (self->recheck_delay, on_recheck_timeout, self);
      g_source_set_name_by_id (self->recheck_id, "[verkan] model checks");
    }
}

static void
on_activate (GtkListView            *list_view,
             guint                   position,
             VerkanModelChecksPanel *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  ProblemRef *ref;

  if (item == NULL)
    return;

  ref = g_object_get_data (item, "verkan-problem");
  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, ref->element_id, ref->link_id);
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "verkan-problem-icon");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Three lines say enough; the tooltip says all.  Rows of unbounded
   * height cost GtkListView far more to measure. */
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  g_object_set_data (G_OBJECT (list_item), "icon", icon);
  g_object_set_data (G_OBJECT (list_item), "label", label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GObject *item = gtk_list_item_get_item (list_item);
  ProblemRef *ref = g_object_get_data (item, "verkan-problem");
  GtkWidget *icon = g_object_get_data (G_OBJECT (list_item), "icon");
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "label");
  const char *message = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_autofree char *accessible = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind_icon (ref->kind));
  gtk_widget_set_tooltip_text (icon, kind_label (ref->kind));
  gtk_label_set_label (GTK_LABEL (label), message);
  gtk_widget_set_tooltip_text (label, message);

  accessible = g_strdup_printf ("%s: %s", kind_label (ref->kind), message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
disconnect_project (VerkanModelChecksPanel *self)
{
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
}

static void
verkan_model_checks_panel_dispose (GObject *object)
{
  VerkanModelChecksPanel *self = VERKAN_MODEL_CHECKS_PANEL (object);

  disconnect_project (self);

  /* AdwBin lets go of its child itself; the template must not do so too */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MODEL_CHECKS_PANEL);

  g_clear_object (&self->items);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (verkan_model_checks_panel_parent_class)->dispose (object);
}

static void
verkan_model_checks_panel_class_init (VerkanModelChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_model_checks_panel_dispose;

  /**
   * VerkanModelChecksPanel::problem-activated:
   * @element_id: the card to select, or 0
   * @link_id: the link to select, or 0
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-model-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanModelChecksPanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelChecksPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanModelChecksPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
verkan_model_checks_panel_init (VerkanModelChecksPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_model_problem_free);
  self->recheck_delay = RECHECK_DELAY_MS;
  self->items = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);

  update_heading (self);
}

GtkWidget *
verkan_model_checks_panel_new (void)
{
  return g_object_new (VERKAN_TYPE_MODEL_CHECKS_PANEL, NULL);
}

void
verkan_model_checks_panel_set_model (VerkanModelChecksPanel *self,
                                     VerkanProject          *project,
                                     gint64                  model_id)
{
  g_return_if_fail (VERKAN_IS_MODEL_CHECKS_PANEL (self));
  g_return_if_fail (project == NULL || VERKAN_IS_PROJECT (project));

  if (project != self->project)
    {
      disconnect_project (self);
      if (project != NULL)
        {
          self->project = g_object_ref (project);
          self->changed_id = g_signal_connect_swapped (project, "changed",
                                                       G_CALLBACK (on_project_changed), self);
        }
    }

  if (self->model_id != (project != NULL ? model_id : 0))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_model_problem_free);

      /* The last model's problems must not stand for this one's */
      self->model_id = project != NULL ? model_id : 0;
      take_problems (self, none);
    }

  /* After the page is drawn: opening a model does not wait for its check */
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  self->recheck_id = g_idle_add_full (G_PRIORITY_LOW, on_recheck_timeout, self, NULL);
  g_source_set_name_by_id (self->recheck_id, "[verkan] model checks");
}

guint
verkan_model_checks_panel_get_n_problems (VerkanModelChecksPanel *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CHECKS_PANEL (self), 0);

  /* An answer for the model as it is now */
  if (self->recheck_id != 0)
    verkan_model_checks_panel_refresh (self);

  return self->problems->len;
}
