/* verkan-kpi-chooser.c: find a Kolada KPI in the offline catalog as you type
 *
 * The search runs on every pause in typing (the search entry's own short
 * delay) over the whole catalog and shows the first MAX_SHOWN hits: an
 * exact id first, then ids that start with what was typed, then titles
 * in Swedish order.  Enter picks the selected hit (the first one while
 * the focus is in the search entry), so does a double click; Down goes
 * into the list, Escape closes.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-format.h"
#include "verkan-kpi-catalog.h"
#include "verkan-kpi-chooser.h"

/* Enough to scroll through; more only means the words are too few */
#define MAX_SHOWN 200

struct _VerkanKpiChooser
{
  AdwWindow           parent_instance;

  GtkStringList      *ids;        /* the ids shown */
  GtkSingleSelection *selection;

  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkWidget          *choose_button;
};

G_DEFINE_FINAL_TYPE (VerkanKpiChooser, verkan_kpi_chooser, ADW_TYPE_WINDOW)

enum {
  KPI_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_results (VerkanKpiChooser *self)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) hits = verkan_kpi_catalog_search (catalog, query, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;
  guint shown = MIN (hits->len, MAX_SHOWN);

  for (guint i = 0; i < shown; i++)
    g_strv_builder_add (builder, ((const VerkanKpi *) g_ptr_array_index (hits, i))->id);
  ids = g_strv_builder_end (builder);

  gtk_string_list_splice (self->ids, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->ids)),
                          (const char * const *) ids);
  if (shown > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }

  total = verkan_format_number (hits->len, 0);
  if (hits->len > shown)
    {
      g_autofree char *first = verkan_format_number (shown, 0);

      /* Translators: "The first 200 of 1 523 KPIs; add words to narrow the search" */
      count = g_strdup_printf (_("The first %s of %s KPIs; add words to narrow the search"),
                               first, total);
    }
  else if (hits->len > 0)
    {
      /* Translators: how many KPIs match what was typed; %s is the number */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s KPI", "%s KPIs", hits->len),
                               total);
    }
  else
    {
      count = g_strdup ("");
    }
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), *count != '\0');

  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (self->choose_button, shown > 0);
}

static void
on_search_changed (VerkanKpiChooser *self)
{
  update_results (self);
}

static gboolean
choose (VerkanKpiChooser *self,
        guint             position)
{
  const char *id;
  const VerkanKpi *kpi;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->ids)))
    return FALSE;

  id = gtk_string_list_get_string (self->ids, position);
  kpi = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), id);
  if (kpi == NULL)
    return FALSE;

  /* Held, so that a handler that closes the window does not free it
   * under our feet */
  g_object_ref (self);
  g_signal_emit (self, signals[KPI_CHOSEN], 0, kpi->id, kpi->title);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);

  return TRUE;
}

static void
on_list_activate (GtkListView      *list_view,
                  guint             position,
                  VerkanKpiChooser *self)
{
  if (!choose (self, position))
    gtk_widget_error_bell (GTK_WIDGET (list_view));
}

static void
on_choose_clicked (VerkanKpiChooser *self)
{
  if (!choose (self, gtk_single_selection_get_selected (self->selection)))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_search_activate (VerkanKpiChooser *self)
{
  /* Enter may come before the search entry's pause is over */
  update_results (self);

  if (!choose (self, gtk_single_selection_get_selected (self->selection)))
    gtk_widget_error_bell (GTK_WIDGET (self->search_entry));
}

static void
on_stop_search (VerkanKpiChooser *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               VerkanKpiChooser      *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
      && g_list_model_get_n_items (G_LIST_MODEL (self->ids)) > 0)
    {
      gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }

  return FALSE;
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *id = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (id), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (id), 7);
  gtk_label_set_yalign (GTK_LABEL (id), 0.0f);
  gtk_widget_add_css_class (id, "numeric");
  gtk_widget_add_css_class (id, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);

  gtk_box_append (GTK_BOX (box), id);
  gtk_box_append (GTK_BOX (box), title);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  g_object_set_data (G_OBJECT (list_item), "id", id);
  g_object_set_data (G_OBJECT (list_item), "title", title);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *id = gtk_string_object_get_string (item);
  const VerkanKpi *kpi = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), id);
  GtkWidget *id_label = g_object_get_data (G_OBJECT (list_item), "id");
  GtkWidget *title_label = g_object_get_data (G_OBJECT (list_item), "title");
  g_autofree char *accessible = NULL;

  gtk_label_set_label (GTK_LABEL (id_label), id);
  gtk_label_set_label (GTK_LABEL (title_label), kpi != NULL ? kpi->title : "");

  accessible = g_strdup_printf ("%s %s", id, kpi != NULL ? kpi->title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
verkan_kpi_chooser_dispose (GObject *object)
{
  VerkanKpiChooser *self = VERKAN_KPI_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_KPI_CHOOSER);

  g_clear_object (&self->selection);
  g_clear_object (&self->ids);

  G_OBJECT_CLASS (verkan_kpi_chooser_parent_class)->dispose (object);
}

static void
verkan_kpi_chooser_class_init (VerkanKpiChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_kpi_chooser_dispose;

  /**
   * VerkanKpiChooser::kpi-chosen:
   * @id: the KPI's id, "N31807"
   * @title: its title in the catalog
   *
   * Emitted when a KPI is picked, just before the window closes.
   */
  signals[KPI_CHOSEN] =
    g_signal_new ("kpi-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-kpi-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanKpiChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanKpiChooser, count_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanKpiChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanKpiChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, VerkanKpiChooser, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verkan_kpi_chooser_init (VerkanKpiChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->ids)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);

  /* Typing while the list has the focus goes on in the search entry */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  update_results (self);
}

GtkWidget *
verkan_kpi_chooser_new (GtkWindow  *parent,
                        const char *initial_query)
{
  VerkanKpiChooser *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (VERKAN_TYPE_KPI_CHOOSER,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);

  if (initial_query != NULL && *initial_query != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), initial_query);
      /* At once, not after the entry's pause */
      update_results (self);
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
    }

  return GTK_WIDGET (self);
}
