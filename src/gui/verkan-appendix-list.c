/* verkan-appendix-list.c: the report's appendices, in order
 *
 * The list view shows the appendix table through a VerkanRecordList, so
 * it follows undo, redo and every other editor by itself; a row's number
 * is its place in the list.  The rows ask for moves and removals, which
 * go to the core (verkan-appendix.h) as one undo step each.  "Lägg till
 * bilaga" is a menu of the documents that are not appendices yet and the
 * frozen logic-model versions, rebuilt whenever those tables change.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-appendix.h"
#include "verkan-appendix-list.h"
#include "verkan-appendix-row.h"
#include "verkan-field-binding.h"
#include "verkan-record-list.h"
#include "verkan-window.h"

struct _VerkanAppendixList
{
  AdwBin            parent_instance;

  VerkanProject    *project;
  VerkanRecordList *appendices;

  GtkWidget        *add_button;
  GtkStack         *stack;
  GtkListView      *list_view;
};

G_DEFINE_FINAL_TYPE (VerkanAppendixList, verkan_appendix_list_widget, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ */
/* Messages                                                            */

static void
show_toast (VerkanAppendixList *self,
            AdwToast           *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* the page's own overlay when it has one, else the window's */
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    verkan_window_show_toast_for (GTK_WIDGET (self), toast);
}

static void
show_error (VerkanAppendixList *self,
            const GError       *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  show_toast (self, toast);
}

/* ------------------------------------------------------------------ */
/* The rows                                                            */

static VerkanAppendixRow *
find_row (GtkWidget *root,
          gint64     id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VerkanAppendixRow *found = NULL;

      if (VERKAN_IS_APPENDIX_ROW (child))
        {
          VerkanRecord *record = verkan_appendix_row_get_record (VERKAN_APPENDIX_ROW (child));

          if (record != NULL && verkan_record_get_id (record) == id)
            return VERKAN_APPENDIX_ROW (child);
        }
      else
        {
          found = find_row (child, id);
        }
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_move_requested (VerkanAppendixList *self,
                   guint               number,
                   VerkanAppendixRow  *row)
{
  g_autoptr(GError) error = NULL;
  VerkanRecord *record = verkan_appendix_row_get_record (row);
  VerkanAppendixRow *moved;
  gint64 id;

  if (record == NULL || number < 1 ||
      number > g_list_model_get_n_items (G_LIST_MODEL (self->appendices)) ||
      number == verkan_appendix_row_get_number (row) || verkan_project_get_read_only (self->project))
    return;

  /* what is typed is stored before the rows are rebound */
  verkan_field_binding_flush_all ();
  id = verkan_record_get_id (record);
  if (!verkan_appendix_move (self->project, id, number, &error))
    {
      show_error (self, error);
      return;
    }

  /* the focus stays with the appendix that moved, for the next Alt+Up */
  moved = find_row (GTK_WIDGET (self->list_view), id);
  if (moved != NULL)
    verkan_appendix_row_focus (moved);
}

static void
on_remove_requested (VerkanAppendixList *self,
                     VerkanAppendixRow  *row)
{
  g_autoptr(GError) error = NULL;
  VerkanRecord *record = verkan_appendix_row_get_record (row);
  AdwToast *toast;

  if (record == NULL)
    return;

  verkan_field_binding_flush_all ();
  if (!verkan_appendix_remove (self->project, verkan_record_get_id (record), &error))
    {
      show_error (self, error);
      return;
    }

  /* Translators: a toast; the document itself stays in the project */
  toast = adw_toast_new (_("Appendix removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  show_toast (self, toast);
}

static void
update_number (GtkListItem *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (VERKAN_IS_APPENDIX_ROW (row) && gtk_list_item_get_item (item) != NULL)
    verkan_appendix_row_set_number (VERKAN_APPENDIX_ROW (row), gtk_list_item_get_position (item) + 1);
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            VerkanAppendixList       *self)
{
  GtkWidget *row = verkan_appendix_row_new (self->project);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  g_signal_connect_object (row, "move-requested", G_CALLBACK (on_move_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_remove_requested), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);

  /* a row keeps its number in step when rows before it come and go */
  g_signal_connect (item, "notify::position", G_CALLBACK (update_number), NULL);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           VerkanAppendixList       *self)
{
  VerkanAppendixRow *row = VERKAN_APPENDIX_ROW (gtk_list_item_get_child (item));

  verkan_appendix_row_bind (row, gtk_list_item_get_item (item));
  update_number (item);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             VerkanAppendixList       *self)
{
  verkan_appendix_row_bind (VERKAN_APPENDIX_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ------------------------------------------------------------------ */
/* Adding                                                              */

/* Menu labels read underlines as mnemonics */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
rebuild_add_menu (VerkanAppendixList *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) documents = g_menu_new ();
  g_autoptr(GMenu) versions = g_menu_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) taken_documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) taken_versions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) appendices = NULL;

  if (self->project == NULL)
    return;

  appendices = verkan_appendix_list (self->project, NULL);
  for (guint i = 0; appendices != NULL && i < appendices->len; i++)
    {
      VerkanAppendix *appendix = g_ptr_array_index (appendices, i);

      if (appendix->document_id > 0)
        g_hash_table_add (taken_documents, &appendix->document_id);
      else
        g_hash_table_add (taken_versions, &appendix->model_version_id);
    }

  rows = verkan_project_list_rows (self->project, "document", NULL, NULL, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *title = "", *file_name = "";
      gint64 id = 0;

      g_variant_lookup (row, "id", "x", &id);
      if (g_hash_table_contains (taken_documents, &id))
        continue;
      g_variant_lookup (row, "title", "&s", &title);
      g_variant_lookup (row, "file_name", "&s", &file_name);
      label = escape_mnemonic (*title != '\0' ? title : file_name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "appendix-list.add-document",
                                               g_variant_new_int64 (id));
      g_menu_append_item (documents, item);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  if (g_menu_model_get_n_items (G_MENU_MODEL (documents)) == 0)
    /* an action nobody installs: shown greyed out */
    g_menu_append (documents, verkan_project_count (self->project, "document") > 0
                              ? _("Every document is an appendix already")
                              : _("No documents in the project yet"), "appendix-list.none");

  rows = verkan_project_list_rows (self->project, "model_version", NULL, NULL, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *label = NULL;
      const char *title = "", *date = NULL;
      gint64 id = 0;

      g_variant_lookup (row, "id", "x", &id);
      if (g_hash_table_contains (taken_versions, &id))
        continue;
      g_variant_lookup (row, "title", "&s", &title);
      g_variant_lookup (row, "date", "&s", &date);
      escaped = escape_mnemonic (title);
      if (date != NULL && *date != '\0')
        /* Translators: a frozen logic model in a menu: its title and date */
        label = g_strdup_printf (_("%s, %s"), escaped, date);
      else
        label = g_strdup (escaped);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "appendix-list.add-model-version",
                                               g_variant_new_int64 (id));
      g_menu_append_item (versions, item);
    }

  g_menu_append_section (menu, _("Documents"), G_MENU_MODEL (documents));
  if (g_menu_model_get_n_items (G_MENU_MODEL (versions)) > 0)
    g_menu_append_section (menu, _("Frozen Logic Models"), G_MENU_MODEL (versions));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->add_button), G_MENU_MODEL (menu));
}

static void
add_appendix (VerkanAppendixList *self,
              gint64              document_id,
              gint64              model_version_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  verkan_field_binding_flush_all ();
  if (document_id > 0)
    id = verkan_appendix_add_document (self->project, document_id, 0, &error);
  else
    id = verkan_appendix_add_model_version (self->project, model_version_id, 0, &error);
  if (id <= 0)
    {
      show_error (self, error);
      return;
    }
  /* the new last row, ready for a title of its own */
  {
    VerkanAppendixRow *row = find_row (GTK_WIDGET (self->list_view), id);

    if (row != NULL)
      verkan_appendix_row_focus (row);
  }
}

static void
add_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  add_appendix (VERKAN_APPENDIX_LIST (widget), g_variant_get_int64 (parameter), 0);
}

static void
add_model_version_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  add_appendix (VERKAN_APPENDIX_LIST (widget), 0, g_variant_get_int64 (parameter));
}

/* ------------------------------------------------------------------ */
/* Showing                                                             */

static void
update_stack (VerkanAppendixList *self)
{
  gboolean empty = self->appendices == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->appendices)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_tables_changed (VerkanAppendixList *self)
{
  rebuild_add_menu (self);
}

/* Alt+Up/Down with the focus on a row itself rather than in its editors
 * (which let the keys through to the row): the list item widget around
 * the row holds the focus then */
static gboolean
move_focused_row (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    return FALSE;
  row = gtk_widget_get_ancestor (focus, VERKAN_TYPE_APPENDIX_ROW);
  if (row == NULL && VERKAN_IS_APPENDIX_ROW (gtk_widget_get_first_child (focus)))
    row = gtk_widget_get_first_child (focus);
  if (row == NULL)
    return FALSE;
  return gtk_widget_activate_action_variant (row, "appendix-row.move", args);
}

static void
verkan_appendix_list_widget_dispose (GObject *object)
{
  VerkanAppendixList *self = VERKAN_APPENDIX_LIST (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->appendices != NULL)
    g_signal_handlers_disconnect_by_data (self->appendices, self);
  g_clear_object (&self->appendices);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  /* AdwBin lets go of its child itself; the template must not do so too */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_APPENDIX_LIST);

  G_OBJECT_CLASS (verkan_appendix_list_widget_parent_class)->dispose (object);
}

static void
verkan_appendix_list_widget_class_init (VerkanAppendixListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_appendix_list_widget_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-appendix-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanAppendixList, add_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanAppendixList, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanAppendixList, list_view);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_focused_row, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_focused_row, "i", 1);

  gtk_widget_class_install_action (widget_class, "appendix-list.add-document", "x", add_document_action);
  gtk_widget_class_install_action (widget_class, "appendix-list.add-model-version", "x",
                                   add_model_version_action);
}

static void
verkan_appendix_list_widget_init (VerkanAppendixList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

GtkWidget *
verkan_appendix_list_widget_new (VerkanProject *project)
{
  VerkanAppendixList *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_APPENDIX_LIST, NULL);
  self->project = g_object_ref (project);

  self->appendices = verkan_record_list_new (project, "appendix", NULL, NULL);
  g_signal_connect_swapped (self->appendices, "items-changed", G_CALLBACK (update_stack), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->appendices)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_swapped (project, "changed::appendix", G_CALLBACK (on_tables_changed), self);
  g_signal_connect_swapped (project, "changed::document", G_CALLBACK (on_tables_changed), self);
  g_signal_connect_swapped (project, "changed::model_version", G_CALLBACK (on_tables_changed), self);

  gtk_widget_set_sensitive (self->add_button, !verkan_project_get_read_only (project));
  rebuild_add_menu (self);
  update_stack (self);

  return GTK_WIDGET (self);
}

GArray *
verkan_appendix_list_widget_dup_ids (VerkanAppendixList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n;

  g_return_val_if_fail (VERKAN_IS_APPENDIX_LIST (self), ids);

  n = self->appendices != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->appendices)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->appendices), i);
      gint64 id = verkan_record_get_id (record);

      g_array_append_val (ids, id);
    }
  return ids;
}
