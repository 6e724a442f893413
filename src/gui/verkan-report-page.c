/* verkan-report-page.c: the Rapport page
 *
 * Three panes side by side: the report's outline, the chosen section's
 * text in VerkanReportEditor, and the live preview of the PDF's pages.
 *
 * The outline is a GtkListView over a GtkTreeListModel whose items
 * (VerkanReportOutlineItem) are made from verkan_report_list_sections ().
 * When report_section changes (an edit here, an undo, the editor saving a
 * title) the items are matched to the new list by id: a rename only
 * notifies the item, so the row follows without being rebuilt; only the
 * lists whose order changed are spliced, and afterwards every row the
 * person had not collapsed is expanded again and the chosen section is
 * chosen again.  A row's expander can only change whether it has
 * children by being put in again, so a section that got its first
 * subsection (or lost its last) is taken out and put back.
 *
 * Sections are added after the chosen one or under it, renamed in place
 * (F2, Enter or a double-click turns the row's title into an entry),
 * removed with a toast that offers Undo, and moved by dragging a row onto
 * the upper or lower part of another (before, after) or its middle (into
 * it), or by Alt+arrows: up and down among the siblings, left out of the
 * parent, right into the section above.  Every edit is one command on the
 * project (verkan-report-edit.h).
 *
 * An empty report offers the templates.  The Referenser list is edited
 * in a small window.  Export asks for a file, then runs in the background
 * with a progress bar and Cancel, and ends in a toast that can open the
 * file, or a dialog that says what went wrong.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-field-binding.h"
#include "verkan-record-list.h"
#include "verkan-report-edit.h"
#include "verkan-report-editor.h"
#include "verkan-report-outline-item.h"
#include "verkan-report-page.h"
#include "verkan-report-preview.h"
#include "verkan-window.h"

/* How much of a row's height, at its top and bottom, means "before" and
 * "after" when something is dropped on it; the middle means "into" */
#define DROP_EDGE 0.28

typedef enum {
  DROP_NONE,
  DROP_BEFORE,
  DROP_AFTER,
  DROP_INTO,
} DropPlace;

typedef struct _ExportRun ExportRun;

struct _VerkanReportPage
{
  AdwBin               parent_instance;

  VerkanProject       *project;
  GListStore          *chapters;       /* VerkanReportOutlineItem */
  GtkTreeListModel    *tree;
  GtkSingleSelection  *selection;
  GHashTable          *items;          /* gint64 id -> VerkanReportOutlineItem */
  GPtrArray           *sections;       /* VerkanReportSection, as last read */
  GHashTable          *collapsed;      /* gint64 ids the person collapsed */
  GPtrArray           *bound_rows;     /* the rows' expanders now showing an item */

  gint64               section_id;
  gint64               removed_id;     /* chosen again when Undo brings it back */
  gint64               after_remove_id; /* chosen when the removed one stays gone */
  guint                selecting;      /* the selection is set by code */
  gboolean             panes_placed;
  gboolean             no_appendices;

  gint64               renaming_id;
  GtkWidget           *renaming_row;   /* the expander whose entry is shown */

  ExportRun           *export;         /* the export under way, or NULL */
  GtkWindow           *references;     /* the Referenser window while open */

  VerkanReportEditor  *editor;
  VerkanReportPreview *preview;

  GtkWidget           *toolbar;
  GtkMenuButton       *export_button;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *page_stack;
  AdwStatusPage       *status_page;
  GtkBox              *templates_box;
  GtkPaned            *outer_paned;
  GtkPaned            *inner_paned;
  GtkListView         *outline;
  AdwBin              *editor_bin;
  AdwBin              *preview_bin;
};

G_DEFINE_FINAL_TYPE (VerkanReportPage, verkan_report_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NO_APPENDICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void finish_rename (VerkanReportPage *self,
                           gboolean          commit);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static GtkWindow *
get_window (VerkanReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error_dialog (VerkanReportPage *self,
                   const char       *heading,
                   const char       *body)
{
  GtkWindow *window = get_window (self);

  if (VERKAN_IS_WINDOW (window))
    verkan_window_show_error_dialog (VERKAN_WINDOW (window), heading, body);
  else
    g_warning ("%s: %s", heading, body);
}

static void
show_toast (VerkanReportPage *self,
            const char       *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  verkan_window_show_toast_for (GTK_WIDGET (self), toast);
}

static gboolean
is_writable (VerkanReportPage *self)
{
  return self->project != NULL && !verkan_project_get_read_only (self->project);
}

static VerkanReportSection *
find_section (VerkanReportPage *self,
              gint64            section_id)
{
  if (self->sections == NULL || section_id == 0)
    return NULL;

  for (guint i = 0; i < self->sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (self->sections, i);

      if (section->id == section_id)
        return section;
    }

  return NULL;
}

/* The ids under @parent_id (0: the chapters) in order, leaving out
 * @leave_out */
static GArray *
sibling_ids (VerkanReportPage *self,
             gint64            parent_id,
             gint64            leave_out)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; self->sections != NULL && i < self->sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (self->sections, i);

      if (section->parent_id == parent_id && section->id != leave_out)
        g_array_append_val (ids, section->id);
    }

  return ids;
}

static guint
n_siblings (VerkanReportPage *self,
            gint64            parent_id)
{
  g_autoptr(GArray) ids = sibling_ids (self, parent_id, 0);

  return ids->len;
}

static void
flush_editing (VerkanReportPage *self)
{
  verkan_field_binding_flush_all ();
  if (self->editor != NULL)
    verkan_report_editor_flush (self->editor);
}

/* A title made into a file name: no slashes, no leading dot */
static char *
file_name_for (const char *title,
               const char *suffix)
{
  g_autofree char *name = g_strdup (title != NULL && *title != '\0' ? title : _("Report"));

  g_strdelimit (name, "/\\:", '-');
  g_strstrip (name);
  while (*name == '.')
    *name = '_';

  return g_strconcat (name, suffix, NULL);
}

/* ------------------------------------------------------------------ */
/* Actions' sensitivity, empty state                                   */

static void
update_actions (VerkanReportPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  VerkanReportSection *section = find_section (self, self->section_id);
  gboolean writable = is_writable (self);
  gboolean chosen = section != NULL;
  gboolean exporting = self->export != NULL;
  gboolean any = self->sections != NULL && self->sections->len > 0;

  gtk_widget_action_set_enabled (widget, "report.add-section", writable);
  gtk_widget_action_set_enabled (widget, "report.add-subsection", writable && chosen);
  gtk_widget_action_set_enabled (widget, "report.remove", writable && chosen);
  gtk_widget_action_set_enabled (widget, "report.rename", writable && chosen);
  gtk_widget_action_set_enabled (widget, "report.move-up",
                                 writable && chosen && section->position > 0);
  gtk_widget_action_set_enabled (widget, "report.move-down",
                                 writable && chosen
                                 && section->position + 1 < n_siblings (self, section->parent_id));
  gtk_widget_action_set_enabled (widget, "report.outdent",
                                 writable && chosen && section->parent_id != 0);
  gtk_widget_action_set_enabled (widget, "report.indent",
                                 writable && chosen && section->position > 0);
  gtk_widget_action_set_enabled (widget, "report.use-template", writable);
  gtk_widget_action_set_enabled (widget, "report.references", self->project != NULL);
  /* exporting writes another file, not this one */
  gtk_widget_action_set_enabled (widget, "report.export-pdf", any && !exporting);
  gtk_widget_action_set_enabled (widget, "report.export-odt", any && !exporting);
  gtk_widget_action_set_enabled (widget, "report.cancel-export", exporting);
}

static void
update_empty (VerkanReportPage *self)
{
  gboolean empty = self->sections == NULL || self->sections->len == 0;

  gtk_stack_set_visible_child_name (self->page_stack, empty ? "empty" : "report");
}

/* ------------------------------------------------------------------ */
/* The outline: finding rows                                           */

static VerkanReportOutlineItem *
row_item (GtkTreeListRow *row)
{
  /* the rows hold their item; this borrows it */
  VerkanReportOutlineItem *item = gtk_tree_list_row_get_item (row);

  if (item != NULL)
    g_object_unref (item);
  return item;
}

static gint64
row_id (GtkTreeListRow *row)
{
  VerkanReportOutlineItem *item = row != NULL ? row_item (row) : NULL;

  return item != NULL ? verkan_report_outline_item_get_id (item) : 0;
}

/* The position of @section_id among the rows shown, or
 * GTK_INVALID_LIST_POSITION */
static guint
find_row (VerkanReportPage *self,
          gint64            section_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);

      if (row_id (row) == section_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
set_expanded (VerkanReportPage *self,
              gint64            section_id,
              gboolean          expanded)
{
  guint position = find_row (self, section_id);
  g_autoptr(GtkTreeListRow) row = NULL;

  if (expanded)
    g_hash_table_remove (self->collapsed, &section_id);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  row = gtk_tree_list_model_get_row (self->tree, position);
  if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, expanded);
}

/* Expands the sections above @section_id, top first, so it has a row */
static void
reveal_section (VerkanReportPage *self,
                gint64            section_id)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (gint64));
  VerkanReportSection *section = find_section (self, section_id);

  while (section != NULL && section->parent_id != 0)
    {
      g_array_prepend_val (chain, section->parent_id);
      section = find_section (self, section->parent_id);
    }

  for (guint i = 0; i < chain->len; i++)
    set_expanded (self, g_array_index (chain, gint64, i), TRUE);
}

static void
select_row (VerkanReportPage *self,
            gint64            section_id)
{
  guint position;

  if (section_id != 0)
    reveal_section (self, section_id);
  position = section_id != 0 ? find_row (self, section_id) : GTK_INVALID_LIST_POSITION;

  if (position != gtk_single_selection_get_selected (self->selection))
    {
      self->selecting++;
      gtk_single_selection_set_selected (self->selection, position);
      self->selecting--;
    }

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->outline), "list.scroll-to-item", "u", position);
}

/* ------------------------------------------------------------------ */
/* The outline: following the project                                  */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListStore *children = verkan_report_outline_item_get_children (item);

  /* a row without subsections has no expander */
  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;

  return G_LIST_MODEL (g_object_ref (children));
}

/* Remembers which rows the person collapsed (and which expanded again) */
static void
remember_expansion (VerkanReportPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      gint64 id = row_id (row);

      if (id == 0 || !gtk_tree_list_row_is_expandable (row))
        continue;

      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_remove (self->collapsed, &id);
      else
        g_hash_table_add (self->collapsed, g_memdup2 (&id, sizeof id));
    }
}

/* Every row expanded that the person did not collapse, top down (each
 * expansion adds the rows below it to walk through) */
static void
restore_expansion (VerkanReportPage *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      gint64 id = row_id (row);
      gboolean expand;

      if (id == 0 || !gtk_tree_list_row_is_expandable (row))
        continue;

      expand = !g_hash_table_contains (self->collapsed, &id);
      if (gtk_tree_list_row_get_expanded (row) != expand)
        gtk_tree_list_row_set_expanded (row, expand);
    }
}

static gboolean
store_holds (GListStore *store,
             GPtrArray  *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (n != items->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (item != g_ptr_array_index (items, i))
        return FALSE;
    }

  return TRUE;
}

static void
splice_store (GListStore *store,
              GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
reload_outline (VerkanReportPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GHashTable) children = NULL;   /* parent id -> GPtrArray of items */
  g_autoptr(GHashTable) refill = NULL;     /* parent ids whose list is put in again */
  g_autoptr(GPtrArray) chapters = g_ptr_array_new ();
  gint64 top = 0;

  sections = verkan_report_list_sections (self->project, &error);
  if (sections == NULL)
    {
      g_warning ("The report's sections could not be read: %s",
                 error != NULL ? error->message : "unknown error");
      return;
    }

  if (self->renaming_id != 0 && self->renaming_row != NULL)
    {
      /* a change from elsewhere while renaming: keep typing unless the
       * section went away */
      gboolean gone = TRUE;

      for (guint i = 0; i < sections->len && gone; i++)
        gone = ((VerkanReportSection *) g_ptr_array_index (sections, i))->id != self->renaming_id;
      if (gone)
        finish_rename (self, FALSE);
    }

  remember_expansion (self);

  /* The items, the same objects for the same ids */
  items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  refill = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      VerkanReportOutlineItem *item = g_hash_table_lookup (self->items, &section->id);
      GPtrArray *list;

      if (item != NULL)
        g_object_ref (item);
      else
        item = verkan_report_outline_item_new (section->id);
      verkan_report_outline_item_set_section (item, section->number, section->title);
      g_hash_table_insert (items, g_memdup2 (&section->id, sizeof (gint64)), item);

      if (section->parent_id == 0)
        {
          list = chapters;
        }
      else
        {
          list = g_hash_table_lookup (children, &section->parent_id);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (children, g_memdup2 (&section->parent_id, sizeof (gint64)), list);
            }
        }
      g_ptr_array_add (list, item);
    }

  /* A section that gained its first subsection or lost its last gets a
   * new row, which asks again whether it has children */
  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      VerkanReportOutlineItem *item = g_hash_table_lookup (items, &section->id);
      GListStore *store = verkan_report_outline_item_get_children (item);
      gboolean had = g_list_model_get_n_items (G_LIST_MODEL (store)) > 0;
      gboolean has = g_hash_table_contains (children, &section->id);

      if (had != has)
        g_hash_table_add (refill, g_memdup2 (&section->parent_id, sizeof (gint64)));
    }

  /* Deepest lists first, the chapters last, so that a row is made after
   * its subsections are in place */
  for (guint i = sections->len; i > 0; i--)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i - 1);
      VerkanReportOutlineItem *item = g_hash_table_lookup (items, &section->id);
      GListStore *store = verkan_report_outline_item_get_children (item);
      GPtrArray *list = g_hash_table_lookup (children, &section->id);
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      if (list == NULL)
        list = none;
      if (g_hash_table_contains (refill, &section->id) || !store_holds (store, list))
        splice_store (store, list);
    }

  if (g_hash_table_contains (refill, &top) || !store_holds (self->chapters, chapters))
    splice_store (self->chapters, chapters);

  /* Sections gone: their lists let go of what they held */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->items);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!g_hash_table_contains (items, key))
        g_list_store_remove_all (verkan_report_outline_item_get_children (value));
  }

  g_clear_pointer (&self->items, g_hash_table_unref);
  self->items = g_steal_pointer (&items);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  self->sections = g_steal_pointer (&sections);

  restore_expansion (self);
}

static void
show_section_now (VerkanReportPage *self,
                  gint64            section_id)
{
  gboolean changed = section_id != self->section_id;

  select_row (self, section_id);
  self->section_id = section_id;

  if (changed)
    {
      if (self->renaming_id != 0 && self->renaming_id != section_id)
        finish_rename (self, TRUE);
      if (self->editor != NULL)
        verkan_report_editor_set_section (self->editor, section_id);
      if (self->preview != NULL)
        verkan_report_preview_show_section (self->preview, section_id);
    }

  update_actions (self);
}

static void
on_sections_changed (VerkanReportPage *self,
                     const char       *table)
{
  gint64 show = self->section_id;

  reload_outline (self);
  update_empty (self);

  if (self->removed_id != 0 && find_section (self, self->removed_id) != NULL)
    {
      /* Undo brought the removed section back */
      show = self->removed_id;
      self->removed_id = 0;
      self->after_remove_id = 0;
    }
  else if (show != 0 && find_section (self, show) == NULL)
    {
      show = find_section (self, self->after_remove_id) != NULL ? self->after_remove_id : 0;
    }

  if (show == 0 && self->sections->len > 0)
    show = ((VerkanReportSection *) g_ptr_array_index (self->sections, 0))->id;

  show_section_now (self, show);
}

static void
on_selection_changed (VerkanReportPage *self)
{
  GtkTreeListRow *row;

  if (self->selecting > 0)
    return;

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row != NULL)
    show_section_now (self, row_id (row));
}

/* ------------------------------------------------------------------ */
/* The outline's rows                                                  */

static void
row_update (GtkWidget *expander)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (expander), "verkan-list-item");
  GtkLabel *number = g_object_get_data (G_OBJECT (expander), "verkan-number");
  GtkLabel *title = g_object_get_data (G_OBJECT (expander), "verkan-title");
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  VerkanReportOutlineItem *item = row != NULL ? row_item (row) : NULL;
  const char *text;
  g_autofree char *accessible = NULL;

  if (item == NULL)
    return;

  text = verkan_report_outline_item_get_title (item);
  if (*text == '\0')
    /* Translators: a section in the outline whose title is empty */
    text = _("Untitled section");

  gtk_label_set_label (number, verkan_report_outline_item_get_number (item));
  gtk_label_set_label (title, text);

  /* Translators: a section in the outline for the screen reader: "2.1 Resultat" */
  accessible = g_strdup_printf (_("%s %s"), verkan_report_outline_item_get_number (item), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
find_bound_row (VerkanReportPage *self,
                gint64            section_id)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      GtkWidget *expander = g_ptr_array_index (self->bound_rows, i);
      GtkListItem *list_item = g_object_get_data (G_OBJECT (expander), "verkan-list-item");

      if (row_id (gtk_list_item_get_item (list_item)) == section_id)
        return expander;
    }

  return NULL;
}

/* Rename in place */

static void
finish_rename (VerkanReportPage *self,
               gboolean          commit)
{
  GtkWidget *expander = self->renaming_row;
  gint64 id = self->renaming_id;
  g_autofree char *text = NULL;
  GtkEditable *entry;
  GtkStack *stack;
  VerkanReportSection *section;
  gboolean had_focus;

  if (id == 0 || expander == NULL)
    return;

  self->renaming_id = 0;
  self->renaming_row = NULL;

  entry = g_object_get_data (G_OBJECT (expander), "verkan-entry");
  stack = g_object_get_data (G_OBJECT (expander), "verkan-stack");
  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  had_focus = gtk_widget_has_focus (GTK_WIDGET (entry))
              || gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (expander)),
                                         GTK_WIDGET (entry));
  gtk_stack_set_visible_child_name (stack, "label");

  /* the keyboard goes back to the outline, where it was */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->outline));

  section = find_section (self, id);
  if (!commit || section == NULL || g_strcmp0 (section->title, text) == 0)
    return;

  {
    g_autoptr(GError) error = NULL;

    if (!verkan_report_rename_section (self->project, id, text, &error))
      verkan_window_show_error_for (GTK_WIDGET (self), error);
  }
}

static void
start_rename (VerkanReportPage *self,
              gint64            section_id)
{
  VerkanReportSection *section = find_section (self, section_id);
  GtkWidget *expander;
  GtkEditable *entry;
  GtkStack *stack;

  if (section == NULL || !is_writable (self))
    return;

  finish_rename (self, TRUE);
  show_section_now (self, section_id);

  expander = find_bound_row (self, section_id);
  if (expander == NULL)
    return;

  entry = g_object_get_data (G_OBJECT (expander), "verkan-entry");
  stack = g_object_get_data (G_OBJECT (expander), "verkan-stack");

  self->renaming_id = section_id;
  self->renaming_row = expander;
  gtk_editable_set_text (entry, section->title);
  gtk_stack_set_visible_child_name (stack, "entry");
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_select_region (entry, 0, -1);
}

static void
on_entry_activate (GtkWidget        *entry,
                   VerkanReportPage *self)
{
  finish_rename (self, TRUE);
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              VerkanReportPage      *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;

  finish_rename (self, FALSE);
  return TRUE;
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                VerkanReportPage        *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *expander = gtk_widget_get_ancestor (entry, GTK_TYPE_TREE_EXPANDER);

  if (expander != NULL && expander == self->renaming_row)
    finish_rename (self, TRUE);
}

/* Drag and drop */

static gint64
expander_id (GtkWidget *expander)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (expander), "verkan-list-item");

  return row_id (gtk_list_item_get_item (list_item));
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource    *source,
                 double            x,
                 double            y,
                 VerkanReportPage *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 id = expander_id (expander);

  if (id == 0 || !is_writable (self) || self->renaming_id == id)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static void
on_drag_begin (GtkDragSource    *source,
               GdkDrag          *drag,
               VerkanReportPage *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (expander);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static DropPlace
drop_place (GtkWidget *expander,
            double     y)
{
  int height = gtk_widget_get_height (expander);

  if (height <= 0)
    return DROP_INTO;
  if (y < height * DROP_EDGE)
    return DROP_BEFORE;
  if (y > height * (1.0 - DROP_EDGE))
    return DROP_AFTER;
  return DROP_INTO;
}

static void
show_drop_place (GtkWidget *expander,
                 DropPlace  place)
{
  static const char *const classes[] = {
    NULL, "verkan-drop-before", "verkan-drop-after", "verkan-drop-into"
  };

  for (guint i = 1; i < G_N_ELEMENTS (classes); i++)
    if ((DropPlace) i == place)
      gtk_widget_add_css_class (expander, classes[i]);
    else
      gtk_widget_remove_css_class (expander, classes[i]);
}

static GdkDragAction
on_drop_motion (GtkDropTarget    *target,
                double            x,
                double            y,
                VerkanReportPage *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  show_drop_place (expander, drop_place (expander, y));
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget    *target,
               VerkanReportPage *self)
{
  show_drop_place (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)), DROP_NONE);
}

static gboolean
move_section (VerkanReportPage *self,
              gint64            section_id,
              gint64            parent_id,
              guint             position)
{
  g_autoptr(GError) error = NULL;

  if (!is_writable (self))
    return FALSE;

  flush_editing (self);
  finish_rename (self, TRUE);

  /* the new parent shows what came into it */
  if (parent_id != 0)
    set_expanded (self, parent_id, TRUE);

  if (!verkan_report_move_section (self->project, section_id, parent_id, position, &error))
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return FALSE;
    }

  show_section_now (self, section_id);
  return TRUE;
}

/* Where a drop of @moved on @target at @place puts it */
static gboolean
drop_section (VerkanReportPage *self,
              gint64            moved,
              gint64            target,
              DropPlace         place)
{
  VerkanReportSection *section = find_section (self, target);
  g_autoptr(GArray) siblings = NULL;
  guint index = 0;

  if (section == NULL || moved == target || find_section (self, moved) == NULL)
    return FALSE;

  if (place == DROP_INTO)
    return move_section (self, moved, target, G_MAXUINT);

  /* the place among the siblings once the moved one has left them */
  siblings = sibling_ids (self, section->parent_id, moved);
  while (index < siblings->len && g_array_index (siblings, gint64, index) != target)
    index++;

  return move_section (self, moved, section->parent_id,
                       place == DROP_BEFORE ? index : index + 1);
}

static gboolean
on_drop (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         VerkanReportPage *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gint64 target_id = expander_id (expander);
  DropPlace place = drop_place (expander, y);

  show_drop_place (expander, DROP_NONE);

  if (!G_VALUE_HOLDS_INT64 (value) || target_id == 0)
    return FALSE;

  /* after the drop's own handling is over: the drop may rebuild this row */
  return drop_section (self, g_value_get_int64 (value), target_id, place);
}

/* Factory */

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              VerkanReportPage         *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *entry = gtk_entry_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_name (expander, "report-outline-row");
  gtk_widget_add_css_class (expander, "verkan-report-outline-row");

  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_set_name (number, "report-outline-number");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_name (title, "report-outline-title");
  gtk_widget_set_name (entry, "report-outline-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Section title"), -1);

  gtk_stack_add_named (GTK_STACK (stack), title, "label");
  gtk_stack_add_named (GTK_STACK (stack), entry, "entry");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "label");
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_widget_set_hexpand (stack, TRUE);

  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (entry, key);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), self);
  gtk_widget_add_controller (entry, focus);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));

  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));

  g_object_set_data (G_OBJECT (expander), "verkan-list-item", list_item);
  g_object_set_data (G_OBJECT (expander), "verkan-number", number);
  g_object_set_data (G_OBJECT (expander), "verkan-title", title);
  g_object_set_data (G_OBJECT (expander), "verkan-stack", stack);
  g_object_set_data (G_OBJECT (expander), "verkan-entry", entry);
  gtk_list_item_set_child (list_item, expander);
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             VerkanReportPage         *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  VerkanReportOutlineItem *item = row_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_signal_connect_object (item, "notify", G_CALLBACK (row_update), expander, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (expander), "verkan-item", g_object_ref (item), g_object_unref);
  g_ptr_array_add (self->bound_rows, expander);
  row_update (expander);
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               VerkanReportPage         *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  VerkanReportOutlineItem *item = g_object_get_data (G_OBJECT (expander), "verkan-item");

  if (expander == self->renaming_row)
    {
      /* the row is going to show another section: the rename ends here */
      self->renaming_row = NULL;
      self->renaming_id = 0;
      gtk_stack_set_visible_child_name (g_object_get_data (G_OBJECT (expander), "verkan-stack"), "label");
    }

  if (item != NULL)
    g_signal_handlers_disconnect_by_data (item, expander);
  g_object_set_data (G_OBJECT (expander), "verkan-item", NULL);
  g_ptr_array_remove_fast (self->bound_rows, expander);
  show_drop_place (expander, DROP_NONE);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static void
on_outline_activate (VerkanReportPage *self,
                     guint             position)
{
  g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, position);

  /* a double-click or Enter renames */
  if (row != NULL)
    start_rename (self, row_id (row));
}

/* ------------------------------------------------------------------ */
/* Section actions                                                     */

static void
add_section (VerkanReportPage *self,
             gboolean          below)
{
  VerkanReportSection *current = find_section (self, self->section_id);
  g_autoptr(GError) error = NULL;
  gint64 parent_id = 0;
  guint position = G_MAXUINT;
  gint64 id;

  if (!is_writable (self))
    return;

  flush_editing (self);
  finish_rename (self, TRUE);

  if (below && current != NULL)
    {
      parent_id = current->id;
      set_expanded (self, parent_id, TRUE);
    }
  else if (current != NULL)
    {
      parent_id = current->parent_id;
      position = current->position + 1;
    }

  /* Translators: the title a new section starts with, renamed at once */
  id = verkan_report_add_section (self->project, parent_id, position, _("New section"), &error);
  if (id == 0)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  show_section_now (self, id);
  start_rename (self, id);
}

static void
add_section_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  add_section (VERKAN_REPORT_PAGE (widget), FALSE);
}

static void
add_subsection_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  add_section (VERKAN_REPORT_PAGE (widget), TRUE);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);
  VerkanReportSection *section = find_section (self, self->section_id);
  g_autoptr(GArray) siblings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next = 0;

  if (section == NULL || !is_writable (self))
    return;

  flush_editing (self);
  finish_rename (self, FALSE);

  /* then the next sibling is chosen, or the one before, or the parent */
  siblings = sibling_ids (self, section->parent_id, section->id);
  if (siblings->len > 0)
    next = g_array_index (siblings, gint64, MIN (section->position, siblings->len - 1));
  else
    next = section->parent_id;

  self->removed_id = section->id;
  self->after_remove_id = next;
  if (!verkan_report_remove_section (self->project, section->id, &error))
    {
      self->removed_id = 0;
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }

  /* Translators: a toast after a section was removed, with Undo */
  verkan_window_show_undo_toast_for (GTK_WIDGET (self), _("Section removed"));
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);

  if (self->renaming_id == 0)
    start_rename (self, self->section_id);
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);
  VerkanReportSection *section = find_section (self, self->section_id);
  gint64 id;

  if (section == NULL)
    return;
  id = section->id;

  if (g_str_equal (action_name, "report.move-up"))
    {
      if (section->position > 0)
        move_section (self, id, section->parent_id, section->position - 1);
    }
  else if (g_str_equal (action_name, "report.move-down"))
    {
      if (section->position + 1 < n_siblings (self, section->parent_id))
        move_section (self, id, section->parent_id, section->position + 1);
    }
  else if (g_str_equal (action_name, "report.outdent"))
    {
      VerkanReportSection *parent = find_section (self, section->parent_id);

      /* out of the parent, just after it */
      if (parent != NULL)
        move_section (self, id, parent->parent_id, parent->position + 1);
    }
  else if (g_str_equal (action_name, "report.indent"))
    {
      g_autoptr(GArray) siblings = sibling_ids (self, section->parent_id, 0);

      /* into the section above, as its last subsection */
      if (section->position > 0 && section->position < siblings->len)
        move_section (self, id, g_array_index (siblings, gint64, section->position - 1), G_MAXUINT);
    }
}

static void
use_template_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!is_writable (self))
    return;

  flush_editing (self);
  if (!verkan_report_apply_template (self->project, g_variant_get_string (parameter, NULL), &error))
    {
      show_error_dialog (self, _("Could not use the template"),
                         error != NULL ? error->message : _("The template could not be read."));
      return;
    }

  if (self->sections != NULL && self->sections->len > 0)
    show_section_now (self, ((VerkanReportSection *) g_ptr_array_index (self->sections, 0))->id);
}

static void
fill_templates (VerkanReportPage *self)
{
  g_auto(GStrv) names = verkan_report_list_templates ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *title = verkan_report_dup_template_title (names[i]);
      g_autofree char *label = NULL;
      g_autofree char *name = g_strconcat ("report-template-", names[i], NULL);
      GtkWidget *button;

      /* Translators: a button on the empty Rapport page; %s is a
       * template's title, such as "Slutrapport (svenska)" */
      label = g_strdup_printf (_("Use “%s”"), title != NULL ? title : names[i]);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "pill");
      if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "report.use-template");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", names[i]);
      gtk_box_append (self->templates_box, button);
    }
}

/* ------------------------------------------------------------------ */
/* The Referenser window                                               */

static GtkWidget *
create_reference_row (gpointer item,
                      gpointer user_data)
{
  VerkanReportPage *self = user_data;
  VerkanRecord *record = VERKAN_RECORD (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *fields = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *text = gtk_entry_new ();
  GtkWidget *url = gtk_entry_new ();
  struct {
    const char *icon;
    const char *tooltip;
    const char *what;
  } tools[] = {
    { "go-up-symbolic", N_("Move up"), "up" },
    { "go-down-symbolic", N_("Move down"), "down" },
    { "user-trash-symbolic", N_("Remove the reference"), "remove" },
  };

  gtk_widget_set_name (row, "report-reference-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_name (text, "report-reference-text");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (text), _("The reference as it is printed: author, title, year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reference"), -1);
  gtk_widget_set_name (url, "report-reference-url");
  gtk_entry_set_placeholder_text (GTK_ENTRY (url), _("Web address (optional)"));
  gtk_entry_set_input_purpose (GTK_ENTRY (url), GTK_INPUT_PURPOSE_URL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (url), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Web address"), -1);

  g_object_set_data_full (G_OBJECT (row), "verkan-text-binding",
                          verkan_field_binding_new (self->project, record, "text", text, VERKAN_FIELD_TEXT),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "verkan-url-binding",
                          verkan_field_binding_new (self->project, record, "url", url, VERKAN_FIELD_TEXT),
                          g_object_unref);

  gtk_box_append (GTK_BOX (fields), text);
  gtk_box_append (GTK_BOX (fields), url);

  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (tools[i].icon);
      g_autofree char *name = g_strconcat ("report-reference-", tools[i].what, NULL);

      gtk_widget_set_name (button, name);
      gtk_widget_set_tooltip_text (button, _(tools[i].tooltip));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "references.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sx)", tools[i].what,
                                        verkan_record_get_id (record));
      gtk_box_append (GTK_BOX (buttons), button);
    }

  gtk_box_append (GTK_BOX (box), fields);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
on_reference_edit (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *what = NULL;
  gint64 id = 0;
  guint index = 0;
  gboolean ok = TRUE;

  if (!is_writable (self))
    return;

  g_variant_get (parameter, "(&sx)", &what, &id);
  verkan_field_binding_flush_all ();

  rows = verkan_project_list_rows (self->project, "report_reference", NULL, NULL, &error);
  if (rows == NULL)
    {
      verkan_window_show_error_for (GTK_WIDGET (self), error);
      return;
    }
  for (index = 0; index < rows->len; index++)
    {
      gint64 row_id = 0;

      g_variant_lookup (g_ptr_array_index (rows, index), "id", "x", &row_id);
      if (row_id == id)
        break;
    }
  if (index >= rows->len)
    return;

  if (g_str_equal (what, "up") && index > 0)
    ok = verkan_project_move (self->project, "report_reference", id, index - 1, &error);
  else if (g_str_equal (what, "down") && index + 1 < rows->len)
    ok = verkan_project_move (self->project, "report_reference", id, index + 1, &error);
  else if (g_str_equal (what, "remove"))
    {
      ok = verkan_project_delete (self->project, "report_reference", id, &error);
      if (ok)
        /* Translators: a toast after a reference was removed, with Undo */
        verkan_window_show_undo_toast_for (GTK_WIDGET (self), _("Reference removed"));
    }

  if (!ok)
    verkan_window_show_error_for (GTK_WIDGET (self), error);
}

static void
on_reference_add (VerkanReportPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!is_writable (self))
    return;

  verkan_field_binding_flush_all ();
  if (verkan_report_add_reference (self->project, "", "", &error) == 0)
    verkan_window_show_error_for (GTK_WIDGET (self), error);
}

static void
on_references_close (GtkWindow        *window,
                     VerkanReportPage *self)
{
  verkan_field_binding_flush_all ();
}

static void
references_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) edit = g_simple_action_new ("edit", G_VARIANT_TYPE ("(sx)"));
  g_autoptr(VerkanRecordList) references = NULL;
  GtkWidget *window, *content, *header, *scrolled, *clamp, *box, *list, *add, *placeholder;

  if (self->references != NULL)
    {
      gtk_window_present (self->references);
      return;
    }

  flush_editing (self);

  window = adw_window_new ();
  gtk_widget_set_name (window, "report-references-window");
  /* Translators: the title of the window that edits the report's Referenser */
  gtk_window_set_title (GTK_WINDOW (window), _("References"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), get_window (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (content), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  {
    GtkWidget *intro = gtk_label_new (_("The sources the report refers to, in the order the Referenser list prints them."));

    gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
    gtk_label_set_xalign (GTK_LABEL (intro), 0);
    gtk_widget_add_css_class (intro, "dim-label");
    gtk_box_append (GTK_BOX (box), intro);
  }

  references = verkan_record_list_new (self->project, "report_reference", NULL, NULL);
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "report-references-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("References"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (references),
                           create_reference_row, self, NULL);
  placeholder = gtk_label_new (_("No references yet."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_box_append (GTK_BOX (box), list);
  /* the list lives as long as the window */
  g_object_set_data_full (G_OBJECT (window), "verkan-references", g_steal_pointer (&references),
                          g_object_unref);

  add = gtk_button_new_with_mnemonic (_("_Add Reference"));
  gtk_widget_set_name (add, "report-reference-add");
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_set_sensitive (add, is_writable (self));
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_reference_add), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), add);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (window), content);

  g_signal_connect_object (edit, "activate", G_CALLBACK (on_reference_edit), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (edit));
  gtk_widget_insert_action_group (window, "references", G_ACTION_GROUP (group));

  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }

  g_signal_connect_object (window, "close-request", G_CALLBACK (on_references_close), self, 0);
  self->references = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->references);
  gtk_window_present (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

struct _ExportRun
{
  VerkanReportPage   *self;
  VerkanProject      *project;
  VerkanReportFormat  format;
  char               *path;
  GCancellable       *cancellable;
};

static void
export_run_free (ExportRun *run)
{
  g_object_unref (run->self);
  g_object_unref (run->project);
  g_object_unref (run->cancellable);
  g_free (run->path);
  g_free (run);
}

static const char *
format_suffix (VerkanReportFormat format)
{
  return format == VERKAN_REPORT_FORMAT_ODT ? ".odt" : ".pdf";
}

static void
open_file (VerkanReportPage *self,
           const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, get_window (self), NULL, NULL, NULL);
#else
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (get_window (self), uri, GDK_CURRENT_TIME);
#endif
}

static void
on_open_clicked (AdwToast         *toast,
                 VerkanReportPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (toast), "verkan-path");

  if (path != NULL)
    open_file (self, path);
}

static void
on_export_progress (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  ExportRun *run = user_data;
  VerkanReportPage *self = run->self;

  if (self->export != run)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (stage != NULL && *stage != '\0')
    gtk_label_set_label (self->progress_label, stage);
}

/* What the person can do when an export fails */
static const char *
export_advice (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        return _("Choose a folder you may write to, such as your Documents folder.");
      case G_IO_ERROR_NO_SPACE:
        return _("The disk is full. Make room or choose another disk.");
      case G_IO_ERROR_NOT_FOUND:
        return _("The folder no longer exists. Choose another one.");
      default:
        break;
      }

  return _("No file was written. Try again, or export without appendices.");
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportRun *run = user_data;
  VerkanReportPage *self = run->self;
  g_autofree char *name = g_path_get_basename (run->path);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = verkan_report_export_finish (run->project, result, &error);

  if (self->export == run)
    self->export = NULL;

  /* the page went away (another project was opened): nobody to tell */
  if (self->project == NULL)
    {
      export_run_free (run);
      return;
    }

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);

  if (!ok)
    {
      if (g_cancellable_is_cancelled (run->cancellable)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_CANCELLED))
        {
          show_toast (self, _("Export cancelled. No file was written."));
        }
      else
        {
          g_autofree char *heading = NULL;
          g_autofree char *body = NULL;

          /* Translators: %s is a file name */
          heading = g_strdup_printf (_("Could not export “%s”"), name);
          if (error != NULL)
            body = g_strdup_printf ("%s\n\n%s", error->message, export_advice (error));
          else
            body = g_strdup (_("The export failed. No file was written."));
          show_error_dialog (self, heading, body);
        }
    }
  else
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;
      AdwToast *toast;

      /* Translators: a toast after the report was exported; %s is the file name */
      text = g_strdup_printf (_("Exported “%s”"), name);
      escaped = g_markup_escape_text (text, -1);
      toast = adw_toast_new (escaped);
      adw_toast_set_timeout (toast, 8);
      /* Translators: the button on the toast after an export */
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "verkan-path", g_strdup (run->path), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_clicked), self, 0);
      verkan_window_show_toast_for (GTK_WIDGET (self), toast);
    }

  export_run_free (run);
}

/* Asking where to save: like verkan-image-chooser.c, GtkFileDialog on
 * GTK 4.10 and GtkFileChooserNative on 4.8, ending in one callback */

typedef struct {
  VerkanReportPage   *self;
  VerkanReportFormat  format;
} ChooseJob;

static void
chosen (ChooseJob *job,
        GFile     *file)
{
  g_autoptr(GFile) named = NULL;

  if (file != NULL && job->self->project != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *lower = name != NULL ? g_utf8_strdown (name, -1) : NULL;

      /* "Slutrapport" becomes "Slutrapport.pdf" */
      if (lower != NULL && !g_str_has_suffix (lower, format_suffix (job->format)))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with = g_strconcat (name, format_suffix (job->format), NULL);

          if (parent != NULL)
            named = g_file_get_child (parent, with);
        }
      verkan_report_page_export (job->self, job->format, named != NULL ? named : file);
    }

  g_object_unref (job->self);
  g_free (job);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_dialog_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  chosen (user_data, file);
}
#else
static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  chosen (user_data, file);
}
#endif

static void
choose_export_file (VerkanReportPage   *self,
                    VerkanReportFormat  format)
{
  ChooseJob *job = g_new0 (ChooseJob, 1);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) project_file = g_file_new_for_path (verkan_project_get_path (self->project));
  g_autoptr(GFile) folder = g_file_get_parent (project_file);
  g_autofree char *title = verkan_project_dup_title (self->project);
  g_autofree char *initial = file_name_for (title, format_suffix (format));
  const char *dialog_title;

  job->self = g_object_ref (self);
  job->format = format;

  if (format == VERKAN_REPORT_FORMAT_ODT)
    {
      gtk_file_filter_set_name (filter, _("ODF text document"));
      gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.text");
      gtk_file_filter_add_suffix (filter, "odt");
      dialog_title = _("Export the Report as ODT");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF document"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
      dialog_title = _("Export the Report as PDF");
    }

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, dialog_title);
    gtk_file_dialog_set_accept_label (dialog, _("_Export"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, filter);
    if (folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_set_initial_name (dialog, initial);
    gtk_file_dialog_save (dialog, get_window (self), NULL, on_dialog_done, job);
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (dialog_title, get_window (self),
                                          GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial);
    /* the response handler frees the job */
    g_signal_connect (native, "response", G_CALLBACK (on_native_response), job);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);

  if (self->project == NULL || self->export != NULL)
    return;

  flush_editing (self);
  choose_export_file (self, g_str_equal (action_name, "report.export-odt")
                              ? VERKAN_REPORT_FORMAT_ODT : VERKAN_REPORT_FORMAT_PDF);
}

static void
cancel_export_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);

  if (self->export != NULL)
    g_cancellable_cancel (self->export->cancellable);
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
set_up (VerkanReportPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;
  GtkWidget *editor;
  GtkWidget *preview;
  struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } keys[] = {
    { GDK_KEY_Delete, 0, "report.remove" },
    { GDK_KEY_KP_Delete, 0, "report.remove" },
    { GDK_KEY_F2, 0, "report.rename" },
    { GDK_KEY_Up, GDK_ALT_MASK, "report.move-up" },
    { GDK_KEY_Down, GDK_ALT_MASK, "report.move-down" },
    { GDK_KEY_Left, GDK_ALT_MASK, "report.outdent" },
    { GDK_KEY_Right, GDK_ALT_MASK, "report.indent" },
  };

  self->chapters = g_list_store_new (VERKAN_TYPE_REPORT_OUTLINE_ITEM);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->chapters)),
                                        FALSE, FALSE, create_children, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind), self);
  gtk_list_view_set_factory (self->outline, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->outline, GTK_SELECTION_MODEL (self->selection));

  /* The outline's own keys: in the bubble phase, so the rename entry
   * keeps Delete and the arrows for its text */
  shortcuts = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
  gtk_widget_add_controller (GTK_WIDGET (self->outline), shortcuts);

  editor = verkan_report_editor_new (self->project);
  if (editor != NULL)
    {
      gtk_widget_set_name (editor, "report-editor");
      adw_bin_set_child (self->editor_bin, editor);
      self->editor = VERKAN_REPORT_EDITOR (editor);
    }

  preview = verkan_report_preview_new (self->project);
  adw_bin_set_child (self->preview_bin, preview);
  self->preview = VERKAN_REPORT_PREVIEW (preview);

  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outline, "activate",
                           G_CALLBACK (on_outline_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project, "changed::report_section",
                           G_CALLBACK (on_sections_changed), self, G_CONNECT_SWAPPED);

  fill_templates (self);

  reload_outline (self);
  update_empty (self);
  if (self->sections != NULL && self->sections->len > 0)
    show_section_now (self, ((VerkanReportSection *) g_ptr_array_index (self->sections, 0))->id);
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
verkan_report_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);

  /* The first time the page has a real width: the preview gets about
   * two fifths of what the outline leaves, the text the rest; both grow
   * with the window from there */
  if (!self->panes_placed && width >= 720)
    {
      int outline = gtk_paned_get_position (self->outer_paned);
      int rest = width - outline;

      self->panes_placed = TRUE;
      gtk_paned_set_position (self->inner_paned, MAX (320, rest - CLAMP (rest * 2 / 5, 240, 520)));
    }

  GTK_WIDGET_CLASS (verkan_report_page_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
verkan_report_page_unroot (GtkWidget *widget)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (widget);

  /* taken out of its window: an export under way has nobody to show to */
  if (self->export != NULL)
    g_cancellable_cancel (self->export->cancellable);
  if (self->references != NULL)
    gtk_window_destroy (self->references);

  GTK_WIDGET_CLASS (verkan_report_page_parent_class)->unroot (widget);
}

static void
verkan_report_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_NO_APPENDICES:
      g_value_set_boolean (value, self->no_appendices);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_report_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_NO_APPENDICES:
      if (self->no_appendices != g_value_get_boolean (value))
        {
          self->no_appendices = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_report_page_dispose (GObject *object)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (object);

  if (self->export != NULL)
    {
      /* the run ends in its callback, which sees the page gone */
      g_cancellable_cancel (self->export->cancellable);
      self->export = NULL;
    }
  if (self->references != NULL)
    gtk_window_destroy (self->references);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  self->renaming_row = NULL;
  self->renaming_id = 0;

  /* The rows go before the lists they show */
  if (self->outline != NULL)
    gtk_list_view_set_model (self->outline, NULL);
  /* The editor's own child goes first: its dispose unparents its
   * template's root behind AdwBin's back, which AdwBin then unparents
   * again (a critical); emptying it through AdwBin avoids that */
  if (self->editor != NULL)
    adw_bin_set_child (ADW_BIN (self->editor), NULL);
  self->editor = NULL;
  self->preview = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_REPORT_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->chapters);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_report_page_parent_class)->dispose (object);
}

static void
verkan_report_page_finalize (GObject *object)
{
  VerkanReportPage *self = VERKAN_REPORT_PAGE (object);

  g_hash_table_unref (self->collapsed);
  g_ptr_array_unref (self->bound_rows);

  G_OBJECT_CLASS (verkan_report_page_parent_class)->finalize (object);
}

static void
verkan_report_page_class_init (VerkanReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_report_page_dispose;
  object_class->finalize = verkan_report_page_finalize;
  object_class->get_property = verkan_report_page_get_property;
  object_class->set_property = verkan_report_page_set_property;
  widget_class->size_allocate = verkan_report_page_size_allocate;
  widget_class->unroot = verkan_report_page_unroot;

  /* Export without the appendices (a check box in the export menu) */
  properties[PROP_NO_APPENDICES] =
    g_param_spec_boolean ("no-appendices", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, templates_box);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, outline);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportPage, preview_bin);

  gtk_widget_class_install_action (widget_class, "report.add-section", NULL, add_section_activated);
  gtk_widget_class_install_action (widget_class, "report.add-subsection", NULL, add_subsection_activated);
  gtk_widget_class_install_action (widget_class, "report.remove", NULL, remove_activated);
  gtk_widget_class_install_action (widget_class, "report.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "report.move-up", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "report.move-down", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "report.outdent", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "report.indent", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "report.use-template", "s", use_template_activated);
  gtk_widget_class_install_action (widget_class, "report.references", NULL, references_activated);
  gtk_widget_class_install_action (widget_class, "report.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "report.export-odt", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "report.cancel-export", NULL, cancel_export_activated);
  gtk_widget_class_install_property_action (widget_class, "report.no-appendices", "no-appendices");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "report.add-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "report.add-section", NULL);
  /* Ctrl+Alt+N: Ctrl+Shift+B is the editor's Insert menu */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK, "report.add-subsection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "report.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "report.cancel-export", NULL);
}

static void
verkan_report_page_init (VerkanReportPage *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->bound_rows = g_ptr_array_new ();

  g_type_ensure (VERKAN_TYPE_REPORT_OUTLINE_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

GtkWidget *
verkan_report_page_new (VerkanProject *project)
{
  VerkanReportPage *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_REPORT_PAGE, NULL);
  self->project = g_object_ref (project);
  set_up (self);

  return GTK_WIDGET (self);
}

VerkanProject *
verkan_report_page_get_project (VerkanReportPage *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_PAGE (self), NULL);

  return self->project;
}

gint64
verkan_report_page_get_section_id (VerkanReportPage *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_PAGE (self), 0);

  return self->section_id;
}

void
verkan_report_page_show_section (VerkanReportPage *self,
                                 gint64            section_id)
{
  g_return_if_fail (VERKAN_IS_REPORT_PAGE (self));

  if (self->project == NULL)
    return;
  if (section_id != 0 && find_section (self, section_id) == NULL)
    section_id = 0;

  show_section_now (self, section_id);
}

GArray *
verkan_report_page_dup_outline_ids (VerkanReportPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n;

  g_return_val_if_fail (VERKAN_IS_REPORT_PAGE (self), ids);

  if (self->tree == NULL)
    return ids;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      gint64 id = row_id (row);

      g_array_append_val (ids, id);
    }

  return ids;
}

void
verkan_report_page_export (VerkanReportPage   *self,
                           VerkanReportFormat  format,
                           GFile              *file)
{
  g_autofree char *path = NULL;
  ExportRun *run;

  g_return_if_fail (VERKAN_IS_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->project == NULL || self->export != NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error_dialog (self, _("Could not export the report"),
                         _("Verkan can only save files on this computer or on a connected network drive."));
      return;
    }

  /* what is typed is in the file before the report is read */
  flush_editing (self);

  run = g_new0 (ExportRun, 1);
  run->self = g_object_ref (self);
  run->project = g_object_ref (self->project);
  run->format = format;
  run->path = g_steal_pointer (&path);
  run->cancellable = g_cancellable_new ();
  self->export = run;

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_label (self->progress_label,
                       format == VERKAN_REPORT_FORMAT_ODT ? _("Exporting ODT…") : _("Exporting PDF…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);

  verkan_report_export_async (self->project, format, run->path,
                              self->no_appendices ? VERKAN_REPORT_EXPORT_NO_APPENDICES
                                                  : VERKAN_REPORT_EXPORT_NONE,
                              run->cancellable, on_export_progress, run, on_exported, run);
}
