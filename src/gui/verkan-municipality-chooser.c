/* verkan-municipality-chooser.c: pick a municipality by typing its name
 *
 * Typing filters at once; Enter picks the first match, Down goes into the
 * list, Escape closes.  The municipalities already in the project stay in
 * the list, marked, so that someone looking for one finds it is there.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-municipality-catalog.h"
#include "verkan-municipality-chooser.h"

struct _VerkanMunicipalityChooser
{
  AdwWindow          parent_instance;

  GHashTable        *taken;
  GtkStringList     *codes;
  GtkFilterListModel *filtered;
  GtkStringFilter   *filter;   /* owned by filtered */
  GtkSortListModel  *sorted;
  GtkSorter         *sorter;
  GHashTable        *order;    /* code → position in the catalog, plus one */
  char              *folded;   /* the search text, case-folded */

  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (VerkanMunicipalityChooser, verkan_municipality_chooser, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text a municipality is found by: its name, and its code for those
 * who know them */
static char *
search_text_of (GtkStringObject *item)
{
  const char *code = gtk_string_object_get_string (item);
  const VerkanMunicipality *municipality = verkan_municipality_catalog_lookup (code);

  if (municipality == NULL)
    return g_strdup (code);

  return g_strdup_printf ("%s %s", municipality->name, municipality->code);
}

/* Whether @search starts the name or one of its words ("väs" in
 * "Upplands Väsby"); those come first in the list */
static gboolean
starts_word (const char *name,
             const char *folded_search)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  const char *p = folded;

  if (folded_search == NULL || *folded_search == '\0')
    return FALSE;

  while (p != NULL && *p != '\0')
    {
      if (g_str_has_prefix (p, folded_search))
        return TRUE;
      p = strpbrk (p, " -");
      if (p != NULL)
        p++;
    }

  return FALSE;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  VerkanMunicipalityChooser *self = user_data;
  const char *code_a = gtk_string_object_get_string ((GtkStringObject *) a);
  const char *code_b = gtk_string_object_get_string ((GtkStringObject *) b);
  const VerkanMunicipality *first = verkan_municipality_catalog_lookup (code_a);
  const VerkanMunicipality *second = verkan_municipality_catalog_lookup (code_b);
  gboolean word_a = first != NULL && starts_word (first->name, self->folded);
  gboolean word_b = second != NULL && starts_word (second->name, self->folded);
  int order_a, order_b;

  if (word_a != word_b)
    return word_a ? -1 : 1;

  order_a = GPOINTER_TO_INT (g_hash_table_lookup (self->order, code_a));
  order_b = GPOINTER_TO_INT (g_hash_table_lookup (self->order, code_b));
  return order_a < order_b ? -1 : (order_a > order_b ? 1 : 0);
}

static void
on_search_changed (VerkanMunicipalityChooser *self)
{
  g_free (self->folded);
  self->folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (self->folded);
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
is_taken (VerkanMunicipalityChooser *self,
          const char                *code)
{
  return self->taken != NULL && g_hash_table_contains (self->taken, code);
}

static gboolean
choose (VerkanMunicipalityChooser *self,
        guint                      position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  const VerkanMunicipality *municipality;
  const char *code;

  if (item == NULL)
    return FALSE;

  code = gtk_string_object_get_string (item);
  if (is_taken (self, code))
    return FALSE;

  municipality = verkan_municipality_catalog_lookup (code);
  if (municipality == NULL)
    return FALSE;

  g_signal_emit (self, signals[CHOSEN], 0, municipality->code, municipality->name);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

static void
on_list_activate (GtkListView               *list_view,
                  guint                      position,
                  VerkanMunicipalityChooser *self)
{
  if (!choose (self, position))
    gtk_widget_error_bell (GTK_WIDGET (list_view));
}

static void
on_search_activate (VerkanMunicipalityChooser *self)
{
  guint n;

  /* Enter may come before the search entry's pause is over */
  on_search_changed (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    if (choose (self, i))
      return;

  gtk_widget_error_bell (GTK_WIDGET (self->search_entry));
}

static void
on_stop_search (VerkanMunicipalityChooser *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_search_key (GtkEventControllerKey     *controller,
               guint                      keyval,
               guint                      keycode,
               GdkModifierType            state,
               VerkanMunicipalityChooser *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
      && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }

  return FALSE;
}

static void
on_items_changed (VerkanMunicipalityChooser *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
setup_item (GtkSignalListItemFactory  *factory,
            GtkListItem               *list_item,
            VerkanMunicipalityChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (_("Already in the project"));

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (GTK_BOX (box), code);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  g_object_set_data (G_OBJECT (list_item), "name", name);
  g_object_set_data (G_OBJECT (list_item), "code", code);
  g_object_set_data (G_OBJECT (list_item), "note", note);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_item (GtkSignalListItemFactory  *factory,
           GtkListItem               *list_item,
           VerkanMunicipalityChooser *self)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *code = gtk_string_object_get_string (item);
  const VerkanMunicipality *municipality = verkan_municipality_catalog_lookup (code);
  GtkWidget *name = g_object_get_data (G_OBJECT (list_item), "name");
  GtkWidget *code_label = g_object_get_data (G_OBJECT (list_item), "code");
  GtkWidget *note = g_object_get_data (G_OBJECT (list_item), "note");
  gboolean taken = is_taken (self, code);

  gtk_label_set_label (GTK_LABEL (name), municipality != NULL ? municipality->name : code);
  gtk_label_set_label (GTK_LABEL (code_label), code);
  gtk_widget_set_visible (note, taken);
  gtk_widget_set_sensitive (name, !taken);
  gtk_list_item_set_activatable (list_item, !taken);
}

static void
verkan_municipality_chooser_dispose (GObject *object)
{
  VerkanMunicipalityChooser *self = VERKAN_MUNICIPALITY_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_MUNICIPALITY_CHOOSER);

  g_clear_object (&self->sorted);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filtered);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->order, g_hash_table_unref);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->taken, g_hash_table_unref);

  G_OBJECT_CLASS (verkan_municipality_chooser_parent_class)->dispose (object);
}

static void
verkan_municipality_chooser_class_init (VerkanMunicipalityChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_municipality_chooser_dispose;

  /**
   * VerkanMunicipalityChooser::chosen:
   * @code: the Kolada code, "1861"
   * @name: the name, "Hallsberg"
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-municipality-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanMunicipalityChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanMunicipalityChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanMunicipalityChooser, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verkan_municipality_chooser_init (VerkanMunicipalityChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkStringFilter *filter;
  GtkExpression *expression;
  GtkNoSelection *selection;
  const VerkanMunicipality *all;
  guint n = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->codes = gtk_string_list_new (NULL);
  self->order = g_hash_table_new (g_str_hash, g_str_equal);
  all = verkan_municipality_catalog_get_all (&n);
  for (guint i = 0; i < n; i++)
    if (all[i].kind == 'K')
      {
        gtk_string_list_append (self->codes, all[i].code);
        g_hash_table_insert (self->order, (gpointer) all[i].code, GINT_TO_POINTER (i + 1));
      }

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (search_text_of), NULL, NULL);
  filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filter = filter;

  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->codes)),
                                              GTK_FILTER (filter));
  g_signal_connect_swapped (self->filtered, "items-changed",
                            G_CALLBACK (on_items_changed), self);

  /* Names that begin with what was typed come first: "ör" gives Örebro
   * before Hörby */
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_matches, self, NULL));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          g_object_ref (self->sorter));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  on_items_changed (self);
}

VerkanMunicipalityChooser *
verkan_municipality_chooser_new (GtkWindow          *parent,
                                 const char * const *taken)
{
  VerkanMunicipalityChooser *self;

  self = g_object_new (VERKAN_TYPE_MUNICIPALITY_CHOOSER,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  self->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; taken != NULL && taken[i] != NULL; i++)
    g_hash_table_add (self->taken, g_strdup (taken[i]));

  return self;
}
