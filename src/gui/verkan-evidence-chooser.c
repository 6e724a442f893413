/* verkan-evidence-chooser.c: link a document, or a page of it, to a card
 *
 * A search over the project's documents by title and file name (all of
 * them shown while they are few), a page (up to the document's last when
 * its page count is known) and a note.  "Link" makes the evidence row
 * through the core (one undo step); what the core refuses (a page past
 * the end, a link made already) is said in the popover, which stays open
 * so the person can put it right.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-evidence.h"
#include "verkan-evidence-chooser.h"

/* more rows than this are not built: the search narrows them */
#define MAX_SHOWN 50
/* a page number when the document's page count is not known */
#define MAX_PAGE 9999

struct _VerkanEvidenceChooser
{
  GtkPopover     parent_instance;

  VerkanProject *project;
  gint64         element_id;
  GPtrArray     *documents;   /* rows of the document table */

  GtkWidget     *search_entry;
  GtkWidget     *list;
  GtkWidget     *hint_label;
  GtkWidget     *page_check;
  GtkWidget     *page_spin;
  GtkWidget     *note_entry;
  GtkWidget     *error_label;
  GtkWidget     *link_button;
};

G_DEFINE_FINAL_TYPE (VerkanEvidenceChooser, verkan_evidence_chooser, GTK_TYPE_POPOVER)

enum {
  LINKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
row_document (GtkListBoxRow *row)
{
  return row != NULL ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "document-id")) : 0;
}

static gint64
selected_document (VerkanEvidenceChooser *self)
{
  return row_document (gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list)));
}

static void
set_error (VerkanEvidenceChooser *self,
           const char            *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static GtkWidget *
make_row (VerkanEvidenceChooser *self,
          GVariant              *document)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label, *detail_label;
  g_autofree char *detail = NULL;
  const char *title = "", *file_name = "";
  gint64 id = 0;
  guint n_pages;

  g_variant_lookup (document, "id", "x", &id);
  g_variant_lookup (document, "title", "&s", &title);
  g_variant_lookup (document, "file_name", "&s", &file_name);
  n_pages = verkan_evidence_get_page_count (self->project, id);
  if (n_pages > 0)
    /* Translators: under a document's title in the evidence chooser */
    detail = g_strdup_printf (g_dngettext (NULL, "%s · %u page", "%s · %u pages", n_pages),
                              file_name, n_pages);
  else
    detail = g_strdup (file_name);

  title_label = gtk_label_new (*title != '\0' ? title : file_name);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  detail_label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "document-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (row), "n-pages", GUINT_TO_POINTER (n_pages));
  return row;
}

static gboolean
matches (GVariant   *document,
         const char *folded_query)
{
  const char *title = "", *file_name = "";
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (*folded_query == '\0')
    return TRUE;
  g_variant_lookup (document, "title", "&s", &title);
  g_variant_lookup (document, "file_name", "&s", &file_name);
  haystack = g_strconcat (title, "\n", file_name, NULL);
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_query) != NULL;
}

/* The documents that match the search, at most MAX_SHOWN of them */
static void
fill_list (VerkanEvidenceChooser *self)
{
  g_autofree char *query = NULL;
  g_autofree char *hint = NULL;
  GtkWidget *child;
  guint n_matches = 0, n_shown = 0;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (query);
  for (guint i = 0; self->documents != NULL && i < self->documents->len; i++)
    {
      GVariant *document = g_ptr_array_index (self->documents, i);

      if (!matches (document, query))
        continue;
      n_matches++;
      if (n_shown >= MAX_SHOWN)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (self, document));
      n_shown++;
    }

  if (self->documents == NULL || self->documents->len == 0)
    hint = g_strdup (_("No documents in the project yet. Add them on the Documents page first."));
  else if (n_matches == 0)
    hint = g_strdup (_("No document’s title matches."));
  else if (n_shown < n_matches)
    /* Translators: in the evidence chooser when there are many documents */
    hint = g_strdup_printf (_("Showing %u of %u documents: type to narrow the search."), n_shown, n_matches);
  gtk_label_set_text (GTK_LABEL (self->hint_label), hint != NULL ? hint : "");
  gtk_widget_set_visible (self->hint_label, hint != NULL);

  /* one match: it is the one meant */
  if (n_shown == 1)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list),
                             gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0));
}

static void
reload (VerkanEvidenceChooser *self)
{
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  if (self->project != NULL)
    self->documents = verkan_project_list_rows (self->project, "document", NULL, NULL, NULL);
  set_error (self, NULL);
  fill_list (self);
}

static void
on_selected (VerkanEvidenceChooser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  guint n_pages = row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "n-pages")) : 0;
  double page = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->page_spin));

  gtk_widget_set_sensitive (self->link_button, row != NULL);
  /* the page goes up to the last one, when that is known */
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->page_spin), 1, n_pages > 0 ? n_pages : MAX_PAGE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->page_spin), MIN (page, n_pages > 0 ? n_pages : MAX_PAGE));
  set_error (self, NULL);
}

static void
on_page_toggled (VerkanEvidenceChooser *self)
{
  gtk_widget_set_sensitive (self->page_spin,
                            gtk_check_button_get_active (GTK_CHECK_BUTTON (self->page_check)));
}

static void
on_link (VerkanEvidenceChooser *self)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = selected_document (self);
  guint page = 0;
  gint64 id;

  if (document_id <= 0 || self->element_id <= 0)
    return;

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->page_check)))
    {
      gtk_spin_button_update (GTK_SPIN_BUTTON (self->page_spin));
      page = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->page_spin));
    }
  id = verkan_evidence_add (self->project, self->element_id, document_id, page,
                            gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), &error);
  if (id <= 0)
    {
      set_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[LINKED], 0, id);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_show (VerkanEvidenceChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->page_check), FALSE);
  reload (self);
  gtk_widget_grab_focus (self->search_entry);
}

static void
verkan_evidence_chooser_dispose (GObject *object)
{
  VerkanEvidenceChooser *self = VERKAN_EVIDENCE_CHOOSER (object);

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_evidence_chooser_parent_class)->dispose (object);
}

static void
verkan_evidence_chooser_class_init (VerkanEvidenceChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verkan_evidence_chooser_dispose;

  /**
   * VerkanEvidenceChooser::linked:
   * @evidence_id: the new evidence row
   */
  signals[LINKED] =
    g_signal_new ("linked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
verkan_evidence_chooser_init (VerkanEvidenceChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_name (GTK_WIDGET (self), "evidence-chooser");
  gtk_widget_set_size_request (box, 340, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_name (self->search_entry, "evidence-search");
  g_object_set (self->search_entry, "placeholder-text", _("Search documents by title"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (fill_list), self);
  gtk_box_append (GTK_BOX (box), self->search_entry);

  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "evidence-documents");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  /* room for the boxed list's outline inside the scrolled window */
  gtk_widget_set_margin_top (self->list, 2);
  gtk_widget_set_margin_bottom (self->list, 2);
  gtk_widget_set_margin_start (self->list, 2);
  gtk_widget_set_margin_end (self->list, 2);
  g_signal_connect_swapped (self->list, "selected-rows-changed", G_CALLBACK (on_selected), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->hint_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->hint_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (self->hint_label), 40);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->hint_label);

  /* Translators: the evidence is one page of the document, not all of it */
  self->page_check = gtk_check_button_new_with_mnemonic (_("Only _page"));
  gtk_widget_set_name (self->page_check, "evidence-page-check");
  g_signal_connect_swapped (self->page_check, "toggled", G_CALLBACK (on_page_toggled), self);
  self->page_spin = gtk_spin_button_new_with_range (1, MAX_PAGE, 1);
  gtk_widget_set_name (self->page_spin, "evidence-page");
  gtk_widget_set_sensitive (self->page_spin, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page"), -1);
  gtk_box_append (GTK_BOX (page_box), self->page_check);
  gtk_box_append (GTK_BOX (page_box), self->page_spin);
  gtk_box_append (GTK_BOX (box), page_box);

  self->note_entry = gtk_entry_new ();
  gtk_widget_set_name (self->note_entry, "evidence-note");
  /* Translators: what the document shows for the card, in a few words */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("Note (optional)"));
  gtk_box_append (GTK_BOX (box), self->note_entry);

  self->error_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->error_label, "evidence-error");
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (self->error_label), 40);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->error_label);

  self->link_button = gtk_button_new_with_mnemonic (_("_Link"));
  gtk_widget_set_name (self->link_button, "evidence-link");
  gtk_widget_add_css_class (self->link_button, "suggested-action");
  gtk_widget_set_halign (self->link_button, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->link_button, FALSE);
  g_signal_connect_swapped (self->link_button, "clicked", G_CALLBACK (on_link), self);
  gtk_box_append (GTK_BOX (box), self->link_button);

  g_signal_connect_swapped (self->note_entry, "activate", G_CALLBACK (on_link), self);
  g_signal_connect (self, "show", G_CALLBACK (on_show), NULL);
}

GtkWidget *
verkan_evidence_chooser_new (VerkanProject *project)
{
  VerkanEvidenceChooser *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_EVIDENCE_CHOOSER, NULL);
  self->project = g_object_ref (project);
  return GTK_WIDGET (self);
}

void
verkan_evidence_chooser_set_element (VerkanEvidenceChooser *self,
                                     gint64                 element_id)
{
  g_return_if_fail (VERKAN_IS_EVIDENCE_CHOOSER (self));

  self->element_id = element_id;
  reload (self);
}

gboolean
verkan_evidence_chooser_select (VerkanEvidenceChooser *self,
                                gint64                 document_id)
{
  g_return_val_if_fail (VERKAN_IS_EVIDENCE_CHOOSER (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_document (GTK_LIST_BOX_ROW (child)) == document_id)
      {
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (child));
        return TRUE;
      }
  return FALSE;
}
