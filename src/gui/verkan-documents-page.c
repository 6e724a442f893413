/* verkan-documents-page.c: the Dokument page
 *
 * The project's documents follow the document table through one
 * VerkanRecordList (one read of the table per change), filtered by kind,
 * municipality and the search, and sorted by the column the person
 * clicked, else by the search's rank, else in the order they were added.
 * The same selection model feeds the list (GtkColumnView) and the grid of
 * thumbnails (GtkGridView), so switching keeps the chosen document.
 *
 * Only the rows in view are bound, and only bound rows ask the
 * thumbnail loader for their picture: a thousand documents open as fast
 * as a dozen, and the pictures come in as they are drawn.  Until then,
 * and for types without one, a row shows the icon of its MIME type.
 *
 * The search runs as the person types (FTS5, at most SEARCH_LIMIT hits),
 * and a hit's row shows a snippet of the text with the words found in
 * bold.  Files dropped on the page or chosen with "Add…" are checked
 * here first (empty, too large, unreadable: said plainly, the others go
 * on) and then stored in one batch by the core's worker, with progress
 * and Cancel; the batch is one undo step.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-appendix-list.h"
#include "verkan-appendix.h"
#include "verkan-application.h"
#include "verkan-document-details.h"
#include "verkan-document-launcher.h"
#include "verkan-document-search.h"
#include "verkan-document-store.h"
#include "verkan-documents-page.h"
#include "verkan-field-binding.h"
#include "verkan-municipality-catalog.h"
#include "verkan-record-list.h"
#include "verkan-thumbnail-loader.h"
#include "verkan-window.h"

/* Hits of a search shown at most; a search that finds more is narrowed
 * by typing more */
#define SEARCH_LIMIT 50
/* Pixels of a drawn thumbnail: the grid's size, shrunk in the list */
#define THUMBNAIL_SIZE 128
#define LIST_ICON_SIZE 32

typedef enum {
  CELL_THUMBNAIL,
  CELL_TITLE,
  CELL_KIND,
  CELL_MUNICIPALITY,
  CELL_DATE,
  CELL_SIZE,
  CELL_APPENDIX,
  CELL_CARD,       /* a whole card of the grid */
} CellKind;

typedef struct {
  guint  rank;     /* 0 is the best */
  char  *markup;   /* the snippet, the words found in <b> */
} Hit;

typedef struct {
  VerkanDocumentsPage *self;
  GCancellable        *cancellable;
  guint                n_files;
  guint                index;     /* 1-based: the file being stored */
  char                *last_name;
} AddRun;

struct _VerkanDocumentsPage
{
  AdwBin                 parent_instance;

  VerkanProject         *project;
  VerkanRecordList      *documents;
  VerkanRecordList      *municipalities;
  GtkFilterListModel    *filter_model;
  GtkSortListModel      *sort_model;
  GtkSingleSelection    *selection;
  GtkFilter             *filter;
  GtkSorter             *rank_sorter;
  VerkanThumbnailLoader *thumbnails;

  GHashTable            *hits;              /* gint64 * → Hit, NULL without a search */
  GHashTable            *appendix_numbers;  /* document id → number */
  GHashTable            *text_status;       /* hash → "ok", "no-text", "unreadable" */
  GPtrArray             *bound_cells;       /* the cell widgets in view */
  char                  *kind_filter;       /* NULL: every kind */
  char                  *municipality_filter; /* NULL: all; "": none */
  GStrv                  municipality_codes;  /* by position in the drop-down */

  gint64                 selected_id;
  gint64                 removed_id;        /* chosen again when Undo brings it back */
  guint                  selecting;
  AddRun                *add;

  GtkWidget             *toolbar;
  GtkWidget             *documents_tools;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *kind_dropdown;
  GtkDropDown           *municipality_dropdown;
  GtkToggleButton       *list_button;
  GtkToggleButton       *grid_button;
  GtkRevealer           *progress_revealer;
  GtkLabel              *progress_label;
  GtkProgressBar        *progress_bar;
  GtkStack              *view_stack;
  GtkPaned              *paned;
  GtkStack              *content_stack;
  GtkColumnView         *column_view;
  GtkGridView           *grid_view;
  VerkanDocumentDetails *details;
  AdwBin                *appendix_bin;
};

G_DEFINE_FINAL_TYPE (VerkanDocumentsPage, verkan_documents_page, ADW_TYPE_BIN)

static void update_actions (VerkanDocumentsPage *self);
static void update_content (VerkanDocumentsPage *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static gboolean
is_writable (VerkanDocumentsPage *self)
{
  return self->project != NULL && !verkan_project_get_read_only (self->project);
}

static void
show_toast (VerkanDocumentsPage *self,
            const char          *markup,
            guint                timeout)
{
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  verkan_window_show_toast_for (GTK_WIDGET (self), toast);
}

static void
show_error_dialog (VerkanDocumentsPage *self,
                   const char          *heading,
                   const char          *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (VERKAN_IS_WINDOW (root))
    verkan_window_show_error_dialog (VERKAN_WINDOW (root), heading, body);
  else
    g_message ("%s: %s", heading, body);
}

static const char *
document_title (VerkanRecord *record)
{
  const char *title = verkan_record_get_string (record, "title");

  return *title != '\0' ? title : verkan_record_get_string (record, "file_name");
}

static const char *
municipality_name (const char *code)
{
  const VerkanMunicipality *known;

  if (code == NULL || *code == '\0')
    return "";
  known = verkan_municipality_catalog_lookup (code);
  return known != NULL ? known->name : code;
}

static gboolean
is_pdf (VerkanRecord *record)
{
  return g_strcmp0 (verkan_record_get_string (record, "mime_type"), "application/pdf") == 0;
}

/* Whether poppler could not read a PDF: read once per content */
static gboolean
is_unreadable (VerkanDocumentsPage *self,
               VerkanRecord        *record)
{
  const char *hash = verkan_record_get_string (record, "hash");
  const char *status;

  if (!is_pdf (record))
    return FALSE;

  status = g_hash_table_lookup (self->text_status, hash);
  if (status == NULL)
    {
      char *read = verkan_document_store_dup_text_status (self->project, verkan_record_get_id (record));

      status = read != NULL ? read : g_strdup ("ok");
      g_hash_table_insert (self->text_status, g_strdup (hash), (char *) status);
    }
  return g_str_equal (status, "unreadable");
}

static guint
appendix_number (VerkanDocumentsPage *self,
                 gint64               document_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->appendix_numbers, &document_id));
}

static VerkanRecord *
selected_record (VerkanDocumentsPage *self)
{
  if (self->documents == NULL || self->selected_id == 0)
    return NULL;
  return verkan_record_list_find (self->documents, self->selected_id);
}

/* The search's \x02 … \x03 around the words found, as Pango markup */
static char *
snippet_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  const char *p = snippet;

  while (p != NULL && *p != '\0')
    {
      const char *mark = strpbrk (p, VERKAN_SEARCH_MARK_START VERKAN_SEARCH_MARK_END);
      gsize length = mark != NULL ? (gsize) (mark - p) : strlen (p);
      g_autofree char *escaped = g_markup_escape_text (p, (gssize) length);

      g_string_append (markup, escaped);
      if (mark == NULL)
        break;
      g_string_append (markup, *mark == VERKAN_SEARCH_MARK_START[0] ? "<b>" : "</b>");
      p = mark + 1;
    }

  /* a snippet cut inside a hit still closes its bold */
  {
    guint open = 0;

    for (const char *q = snippet; q != NULL && *q != '\0'; q++)
      {
        if (*q == VERKAN_SEARCH_MARK_START[0])
          open++;
        else if (*q == VERKAN_SEARCH_MARK_END[0] && open > 0)
          open--;
      }
    while (open-- > 0)
      g_string_append (markup, "</b>");
  }

  /* lines of the text become one line of the row */
  g_strdelimit (markup->str, "\n\r\t", ' ');
  return g_string_free (markup, FALSE);
}

static void
hit_free (Hit *hit)
{
  g_free (hit->markup);
  g_free (hit);
}

/* ------------------------------------------------------------------ */
/* Appendices                                                          */

static void
reload_appendices (VerkanDocumentsPage *self)
{
  g_autoptr(GPtrArray) appendices = verkan_appendix_list (self->project, NULL);

  g_hash_table_remove_all (self->appendix_numbers);
  for (guint i = 0; appendices != NULL && i < appendices->len; i++)
    {
      VerkanAppendix *appendix = g_ptr_array_index (appendices, i);

      if (appendix->document_id != 0)
        g_hash_table_insert (self->appendix_numbers, g_memdup2 (&appendix->document_id, sizeof (gint64)),
                             GUINT_TO_POINTER (appendix->number));
    }
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */

static void
set_icon (GtkImage     *image,
          VerkanRecord *record)
{
  const char *mime = verkan_record_get_string (record, "mime_type");
  g_autoptr(GIcon) icon = g_content_type_get_icon (mime);

  gtk_image_set_from_gicon (image, icon);
}

/* The thumbnail when it is drawn, else the icon; asks the loader when
 * @request (once per bind, so that unbind can let go of it again) */
static void
update_thumbnail (VerkanDocumentsPage *self,
                  GtkImage            *image,
                  VerkanRecord        *record,
                  gboolean             request)
{
  const char *hash = verkan_record_get_string (record, "hash");
  const char *mime = verkan_record_get_string (record, "mime_type");
  GdkTexture *texture = NULL;

  if (request)
    texture = verkan_thumbnail_loader_lookup (self->thumbnails, hash, mime, NULL);
  else
    texture = verkan_thumbnail_loader_lookup (self->thumbnails, hash, "", NULL);

  if (texture != NULL)
    gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
  else
    set_icon (image, record);
}

/* Setting a tooltip asks the display where the pointer is (a round trip
 * to the X server in GTK 4.8): only when it changes */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
update_cell (VerkanDocumentsPage *self,
             GtkWidget           *cell,
             gboolean             request)
{
  VerkanRecord *record = g_object_get_data (G_OBJECT (cell), "verkan-record");
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "verkan-cell"));
  gint64 id;

  if (record == NULL)
    return;
  id = verkan_record_get_id (record);

  switch (kind)
    {
    case CELL_THUMBNAIL:
      update_thumbnail (self, GTK_IMAGE (cell), record, request);
      set_tooltip (cell, is_unreadable (self, record) ? _("No preview") : NULL);
      break;

    case CELL_TITLE:
      {
        GtkLabel *title = g_object_get_data (G_OBJECT (cell), "verkan-title");
        GtkLabel *snippet = g_object_get_data (G_OBJECT (cell), "verkan-snippet");
        Hit *hit = self->hits != NULL ? g_hash_table_lookup (self->hits, &id) : NULL;

        gtk_label_set_label (title, document_title (record));
        set_tooltip (GTK_WIDGET (title), verkan_record_get_string (record, "file_name"));
        if (hit != NULL && hit->markup != NULL && *hit->markup != '\0')
          {
            gtk_label_set_markup (snippet, hit->markup);
            gtk_widget_set_visible (GTK_WIDGET (snippet), TRUE);
          }
        else if (is_unreadable (self, record))
          {
            gtk_label_set_label (snippet, _("No preview"));
            gtk_widget_set_visible (GTK_WIDGET (snippet), TRUE);
          }
        else
          {
            gtk_label_set_label (snippet, "");
            gtk_widget_set_visible (GTK_WIDGET (snippet), FALSE);
          }
      }
      break;

    case CELL_KIND:
      gtk_label_set_label (GTK_LABEL (cell), verkan_document_kind_label (verkan_record_get_string (record, "kind")));
      break;

    case CELL_MUNICIPALITY:
      gtk_label_set_label (GTK_LABEL (cell), municipality_name (verkan_record_get_string (record, "municipality")));
      break;

    case CELL_DATE:
      gtk_label_set_label (GTK_LABEL (cell), verkan_record_get_string (record, "date"));
      break;

    case CELL_SIZE:
      {
        g_autofree char *size = verkan_document_format_size ((guint64) verkan_record_get_int (record, "size", 0));

        gtk_label_set_label (GTK_LABEL (cell), size);
      }
      break;

    case CELL_APPENDIX:
      {
        guint number = appendix_number (self, id);
        g_autofree char *text = number > 0 ? g_strdup_printf ("%u", number) : NULL;

        gtk_label_set_label (GTK_LABEL (cell), text != NULL ? text : "");
      }
      break;

    case CELL_CARD:
      {
        GtkImage *image = g_object_get_data (G_OBJECT (cell), "verkan-image");
        GtkLabel *title = g_object_get_data (G_OBJECT (cell), "verkan-title");
        GtkLabel *caption = g_object_get_data (G_OBJECT (cell), "verkan-caption");
        GtkLabel *status = g_object_get_data (G_OBJECT (cell), "verkan-status");
        const char *date = verkan_record_get_string (record, "date");
        const char *kind_label = verkan_document_kind_label (verkan_record_get_string (record, "kind"));
        g_autofree char *text = *date != '\0' ? g_strdup_printf ("%s · %s", kind_label, date) : g_strdup (kind_label);
        gboolean unreadable = is_unreadable (self, record);

        update_thumbnail (self, image, record, request);
        gtk_label_set_label (title, document_title (record));
        gtk_label_set_label (caption, text);
        gtk_widget_set_visible (GTK_WIDGET (status), unreadable);
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, document_title (record),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                        -1);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
refresh_cells (VerkanDocumentsPage *self)
{
  for (guint i = 0; i < self->bound_cells->len; i++)
    update_cell (self, g_ptr_array_index (self->bound_cells, i), FALSE);
}

static void
on_record_changed (GtkWidget  *cell,
                   const char *column)
{
  VerkanDocumentsPage *self = g_object_get_data (G_OBJECT (cell), "verkan-page");

  if (self != NULL)
    update_cell (self, cell, FALSE);
}

static void
on_thumbnail_loaded (VerkanDocumentsPage *self,
                     const char          *hash)
{
  for (guint i = 0; i < self->bound_cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (self->bound_cells, i);
      VerkanRecord *record = g_object_get_data (G_OBJECT (cell), "verkan-record");
      CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "verkan-cell"));

      if ((kind == CELL_THUMBNAIL || kind == CELL_CARD) && record != NULL
          && g_strcmp0 (verkan_record_get_string (record, "hash"), hash) == 0)
        update_cell (self, cell, FALSE);
    }
}

static GtkWidget *
new_label (gfloat xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               VerkanDocumentsPage      *self)
{
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "verkan-cell"));
  GtkWidget *cell = NULL;

  switch (kind)
    {
    case CELL_THUMBNAIL:
      cell = gtk_image_new ();
      gtk_image_set_pixel_size (GTK_IMAGE (cell), LIST_ICON_SIZE);
      gtk_widget_add_css_class (cell, "verkan-document-thumbnail");
      break;

    case CELL_TITLE:
      {
        GtkWidget *title = new_label (0);
        GtkWidget *snippet = new_label (0);

        cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
        gtk_label_set_width_chars (GTK_LABEL (title), 24);
        gtk_widget_add_css_class (snippet, "verkan-document-snippet");
        gtk_widget_add_css_class (snippet, "caption");
        gtk_widget_set_visible (snippet, FALSE);
        gtk_box_append (GTK_BOX (cell), title);
        gtk_box_append (GTK_BOX (cell), snippet);
        g_object_set_data (G_OBJECT (cell), "verkan-title", title);
        g_object_set_data (G_OBJECT (cell), "verkan-snippet", snippet);
      }
      break;

    case CELL_SIZE:
      cell = new_label (1);
      gtk_widget_add_css_class (cell, "numeric");
      break;

    case CELL_APPENDIX:
      cell = new_label (0.5);
      gtk_widget_add_css_class (cell, "numeric");
      break;

    case CELL_KIND:
    case CELL_MUNICIPALITY:
    case CELL_DATE:
      cell = new_label (0);
      break;

    case CELL_CARD:
      {
        GtkWidget *image = gtk_image_new ();
        GtkWidget *title = new_label (0.5);
        GtkWidget *caption = new_label (0.5);
        GtkWidget *status = new_label (0.5);

        cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
        gtk_widget_add_css_class (cell, "verkan-document-card");
        gtk_image_set_pixel_size (GTK_IMAGE (image), THUMBNAIL_SIZE);
        gtk_widget_set_size_request (image, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
        gtk_widget_add_css_class (image, "verkan-document-thumbnail");
        gtk_label_set_width_chars (GTK_LABEL (title), 14);
        gtk_label_set_max_width_chars (GTK_LABEL (title), 18);
        gtk_label_set_lines (GTK_LABEL (title), 2);
        gtk_label_set_wrap (GTK_LABEL (title), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
        gtk_label_set_max_width_chars (GTK_LABEL (caption), 18);
        gtk_widget_add_css_class (caption, "caption");
        gtk_widget_add_css_class (caption, "dim-label");
        /* Translators: shown for a PDF that could not be read */
        gtk_label_set_label (GTK_LABEL (status), _("No preview"));
        gtk_widget_add_css_class (status, "caption");
        gtk_widget_add_css_class (status, "warning");
        gtk_widget_set_visible (status, FALSE);
        gtk_box_append (GTK_BOX (cell), image);
        gtk_box_append (GTK_BOX (cell), title);
        gtk_box_append (GTK_BOX (cell), caption);
        gtk_box_append (GTK_BOX (cell), status);
        g_object_set_data (G_OBJECT (cell), "verkan-image", image);
        g_object_set_data (G_OBJECT (cell), "verkan-title", title);
        g_object_set_data (G_OBJECT (cell), "verkan-caption", caption);
        g_object_set_data (G_OBJECT (cell), "verkan-status", status);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (cell), "verkan-cell", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (cell), "verkan-page", self);
  gtk_list_item_set_child (item, cell);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              VerkanDocumentsPage      *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  VerkanRecord *record = gtk_list_item_get_item (item);
  gulong handler;

  g_object_set_data_full (G_OBJECT (cell), "verkan-record", g_object_ref (record), g_object_unref);
  handler = g_signal_connect_swapped (record, "changed", G_CALLBACK (on_record_changed), cell);
  g_object_set_data (G_OBJECT (cell), "verkan-handler", GSIZE_TO_POINTER (handler));
  g_ptr_array_add (self->bound_cells, cell);
  update_cell (self, cell, TRUE);
}

static void
on_cell_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                VerkanDocumentsPage      *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  VerkanRecord *record;
  CellKind kind;
  gulong handler;

  if (cell == NULL || (record = g_object_get_data (G_OBJECT (cell), "verkan-record")) == NULL)
    return;

  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "verkan-cell"));
  handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "verkan-handler"));
  g_clear_signal_handler (&handler, record);
  g_object_set_data (G_OBJECT (cell), "verkan-handler", NULL);
  /* out of view before its picture was drawn: nobody waits for it */
  if ((kind == CELL_THUMBNAIL || kind == CELL_CARD) && self->thumbnails != NULL)
    verkan_thumbnail_loader_release (self->thumbnails, verkan_record_get_string (record, "hash"));
  g_ptr_array_remove_fast (self->bound_cells, cell);
  g_object_set_data (G_OBJECT (cell), "verkan-record", NULL);
}

static GtkListItemFactory *
new_factory (VerkanDocumentsPage *self,
             CellKind             kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "verkan-cell", GINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind), self);
  return factory;
}

/* ------------------------------------------------------------------ */
/* Sorting and filtering                                               */

static int
compare_text (const char *a,
              const char *b)
{
  /* empty last, whichever way */
  if (*a == '\0' || *b == '\0')
    return (*a == '\0') - (*b == '\0');
  return g_utf8_collate (a, b);
}

static int
compare_title (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_text (document_title ((VerkanRecord *) a), document_title ((VerkanRecord *) b));
}

static int
compare_kind (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_utf8_collate (verkan_document_kind_label (verkan_record_get_string ((VerkanRecord *) a, "kind")),
                         verkan_document_kind_label (verkan_record_get_string ((VerkanRecord *) b, "kind")));
}

static int
compare_municipality (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_text (municipality_name (verkan_record_get_string ((VerkanRecord *) a, "municipality")),
                       municipality_name (verkan_record_get_string ((VerkanRecord *) b, "municipality")));
}

static int
compare_date (gconstpointer a, gconstpointer b, gpointer data)
{
  const char *x = verkan_record_get_string ((VerkanRecord *) a, "date");
  const char *y = verkan_record_get_string ((VerkanRecord *) b, "date");

  if (*x == '\0' || *y == '\0')
    return (*x == '\0') - (*y == '\0');
  return strcmp (x, y);
}

static int
compare_size (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 x = verkan_record_get_int ((VerkanRecord *) a, "size", 0);
  gint64 y = verkan_record_get_int ((VerkanRecord *) b, "size", 0);

  return (x > y) - (x < y);
}

static int
compare_appendix (gconstpointer a, gconstpointer b, gpointer data)
{
  VerkanDocumentsPage *self = data;
  guint x = appendix_number (self, verkan_record_get_id ((VerkanRecord *) a));
  guint y = appendix_number (self, verkan_record_get_id ((VerkanRecord *) b));

  /* documents that are no appendix after the appendices */
  if (x == 0 || y == 0)
    return (x == 0) - (y == 0);
  return (x > y) - (x < y);
}

/* With no column chosen, a search shows the best hits first */
static int
compare_rank (gconstpointer a, gconstpointer b, gpointer data)
{
  VerkanDocumentsPage *self = data;
  gint64 x = verkan_record_get_id ((VerkanRecord *) a);
  gint64 y = verkan_record_get_id ((VerkanRecord *) b);
  Hit *hx, *hy;

  if (self->hits == NULL)
    return 0;
  hx = g_hash_table_lookup (self->hits, &x);
  hy = g_hash_table_lookup (self->hits, &y);
  if (hx == NULL || hy == NULL)
    return (hx == NULL) - (hy == NULL);
  return (hx->rank > hy->rank) - (hx->rank < hy->rank);
}

static gboolean
filter_document (gpointer item,
                 gpointer data)
{
  VerkanDocumentsPage *self = data;
  VerkanRecord *record = item;
  gint64 id;

  if (self->kind_filter != NULL
      && g_strcmp0 (verkan_record_get_string (record, "kind"), self->kind_filter) != 0)
    return FALSE;
  if (self->municipality_filter != NULL
      && g_strcmp0 (verkan_record_get_string (record, "municipality"), self->municipality_filter) != 0)
    return FALSE;
  if (self->hits != NULL)
    {
      id = verkan_record_get_id (record);
      return g_hash_table_contains (self->hits, &id);
    }
  return TRUE;
}

static void
refilter (VerkanDocumentsPage *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->rank_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  refresh_cells (self);
  update_content (self);
}

static void
run_search (VerkanDocumentsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->hits, g_hash_table_unref);
  if (*query != '\0')
    {
      hits = verkan_document_search (self->project, query, SEARCH_LIMIT, &error);
      if (hits == NULL)
        g_debug ("Search for “%s”: %s", query, error != NULL ? error->message : "no result");
      self->hits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) hit_free);
      for (guint i = 0; hits != NULL && i < hits->len; i++)
        {
          VerkanDocumentHit *found = g_ptr_array_index (hits, i);
          Hit *hit = g_new0 (Hit, 1);

          hit->rank = i;
          hit->markup = found->snippet != NULL ? snippet_markup (found->snippet) : NULL;
          g_hash_table_insert (self->hits, g_memdup2 (&found->document_id, sizeof (gint64)), hit);
        }
    }

  refilter (self);
}

static void
on_kind_selected (VerkanDocumentsPage *self)
{
  guint position = gtk_drop_down_get_selected (self->kind_dropdown);

  g_clear_pointer (&self->kind_filter, g_free);
  if (position != GTK_INVALID_LIST_POSITION && position > 0
      && position <= g_strv_length ((char **) verkan_document_kinds))
    self->kind_filter = g_strdup (verkan_document_kinds[position - 1]);
  refilter (self);
}

static void
on_municipality_selected (VerkanDocumentsPage *self)
{
  guint position = gtk_drop_down_get_selected (self->municipality_dropdown);

  g_clear_pointer (&self->municipality_filter, g_free);
  if (self->municipality_codes != NULL && position != GTK_INVALID_LIST_POSITION
      && position > 0 && position <= g_strv_length (self->municipality_codes))
    self->municipality_filter = g_strdup (self->municipality_codes[position - 1]);
  refilter (self);
}

/* "All municipalities", the project's, "No municipality"; the choice
 * stays with its code when the list changes */
static void
update_municipality_filter (VerkanDocumentsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *keep = g_strdup (self->municipality_filter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->municipalities));
  guint selected = 0;

  gtk_string_list_append (labels, _("All municipalities"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) municipality = g_list_model_get_item (G_LIST_MODEL (self->municipalities), i);
      const char *code = verkan_record_get_string (municipality, "code");

      gtk_string_list_append (labels, verkan_record_get_string (municipality, "name"));
      g_strv_builder_add (builder, code);
      if (g_strcmp0 (code, keep) == 0)
        selected = i + 1;
    }
  /* Translators: the filter for documents of no municipality */
  gtk_string_list_append (labels, _("No municipality"));
  g_strv_builder_add (builder, "");
  if (g_strcmp0 (keep, "") == 0)
    selected = n + 1;

  g_strfreev (self->municipality_codes);
  self->municipality_codes = g_strv_builder_end (builder);

  g_signal_handlers_block_by_func (self->municipality_dropdown, on_municipality_selected, self);
  gtk_drop_down_set_model (self->municipality_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->municipality_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->municipality_dropdown, on_municipality_selected, self);
  on_municipality_selected (self);
}

/* ------------------------------------------------------------------ */
/* Selection and the details                                           */

static void
update_details (VerkanDocumentsPage *self)
{
  VerkanRecord *record = selected_record (self);

  verkan_document_details_set_document (self->details, self->project, record);
  if (record != NULL)
    verkan_document_details_set_appendix (self->details, appendix_number (self, self->selected_id));
  update_actions (self);
}

static guint
shown_position (VerkanDocumentsPage *self,
                gint64               document_id)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n && document_id != 0; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (model, i);

      if (verkan_record_get_id (record) == document_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_shown (VerkanDocumentsPage *self,
              gint64               document_id)
{
  guint position = shown_position (self, document_id);

  self->selecting++;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting--;

  if (position != GTK_INVALID_LIST_POSITION)
    {
      if (g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "grid"))
        gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", position);
      else
        gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
    }
}

static void
on_selection_changed (VerkanDocumentsPage *self)
{
  VerkanRecord *record;

  if (self->selecting > 0)
    return;

  record = gtk_single_selection_get_selected_item (self->selection);
  self->selected_id = record != NULL ? verkan_record_get_id (record) : 0;
  update_details (self);
}

static void
update_content (VerkanDocumentsPage *self)
{
  const char *name;

  if (self->documents == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->documents)) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    name = "no-results";
  else if (gtk_toggle_button_get_active (self->grid_button))
    name = "grid";
  else
    name = "list";

  /* Only the view shown has the model, so the other binds no rows and
   * asks for no thumbnails */
  if (g_str_equal (name, "grid"))
    {
      gtk_column_view_set_model (self->column_view, NULL);
      if (gtk_grid_view_get_model (self->grid_view) == NULL)
        gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
    }
  else
    {
      gtk_grid_view_set_model (self->grid_view, NULL);
      if (gtk_column_view_get_model (self->column_view) == NULL)
        gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  gtk_stack_set_visible_child_name (self->content_stack, name);
  /* a filter that hid the chosen document: its details go too */
  if (self->selected_id != 0 && gtk_single_selection_get_selected_item (self->selection) == NULL
      && shown_position (self, self->selected_id) == GTK_INVALID_LIST_POSITION)
    {
      self->selected_id = 0;
      update_details (self);
    }
}

static void
on_documents_changed (VerkanDocumentsPage *self,
                      guint                position,
                      guint                removed,
                      guint                added)
{
  if (self->removed_id != 0 && verkan_record_list_find (self->documents, self->removed_id) != NULL)
    {
      self->selected_id = self->removed_id;
      self->removed_id = 0;
    }
  if (self->selected_id != 0 && verkan_record_list_find (self->documents, self->selected_id) == NULL)
    self->selected_id = 0;

  select_shown (self, self->selected_id);
  update_details (self);
  update_content (self);
}

static void
on_project_changed (VerkanDocumentsPage *self,
                    const char          *table)
{
  if (g_strcmp0 (table, "appendix") == 0 || g_strcmp0 (table, "document") == 0)
    {
      reload_appendices (self);
      refresh_cells (self);
      if (selected_record (self) != NULL)
        verkan_document_details_set_appendix (self->details, appendix_number (self, self->selected_id));
    }
  /* a document added or retitled may now be found */
  if (g_strcmp0 (table, "document") == 0 && self->hits != NULL)
    run_search (self);
}

static void
on_view_toggled (VerkanDocumentsPage *self)
{
  update_content (self);
  select_shown (self, self->selected_id);
}

static void
on_activate (VerkanDocumentsPage *self,
             guint                position)
{
  g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (record != NULL)
    verkan_documents_page_open_document (self, verkan_record_get_id (record));
}

/* ------------------------------------------------------------------ */
/* Adding                                                              */

static void
add_run_free (AddRun *run)
{
  g_clear_object (&run->cancellable);
  g_free (run->last_name);
  g_free (run);
}

static void
on_add_progress (guint64     done,
                 guint64     total,
                 const char *file_name,
                 gpointer    user_data)
{
  AddRun *run = user_data;
  VerkanDocumentsPage *self = run->self;
  g_autofree char *text = NULL;
  double fraction;

  if (self == NULL)
    return;

  if (g_strcmp0 (file_name, run->last_name) != 0)
    {
      g_free (run->last_name);
      run->last_name = g_strdup (file_name);
      run->index = MIN (run->index + 1, run->n_files);
    }

  /* Translators: progress while files are added: "Adding 2 of 5: name.pdf" */
  text = g_strdup_printf (_("Adding %u of %u: %s"), MAX (run->index, 1), run->n_files,
                          file_name != NULL ? file_name : "");
  gtk_label_set_label (self->progress_label, text);
  fraction = ((double) MAX (run->index, 1) - 1 + (total > 0 ? (double) done / total : 1.0)) / MAX (run->n_files, 1);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AddRun *run = user_data;
  g_autoptr(VerkanDocumentsPage) self = run->self;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = verkan_document_store_add_finish (VERKAN_PROJECT (source), result, &error);

  if (self->add == run)
    self->add = NULL;
  run->self = NULL;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);

  if (ids == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("Adding cancelled. None of those files were added."), 5);
      else if (self->project != NULL)
        {
          g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                                   _("None of those files were added; the project is as it was."));

          show_error_dialog (self, _("Could not add the documents"), body);
        }
    }
  else if (ids->len > 0 && self->documents != NULL)
    {
      gint64 first = g_array_index (ids, gint64, 0);
      VerkanRecord *record = verkan_record_list_find (self->documents, first);
      g_autofree char *text = NULL;

      if (ids->len == 1 && record != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (document_title (record), -1);

          /* Translators: a toast after a document was added */
          text = g_strdup_printf (_("Added “%s”"), escaped);
        }
      else
        /* Translators: a toast after several documents were added */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u document", "Added %u documents", ids->len),
                                ids->len);
      show_toast (self, text, 4);
      verkan_documents_page_select (self, first);
    }

  add_run_free (run);
}

static gint64
size_limit (void)
{
  g_autoptr(GSettings) settings = verkan_application_dup_settings ();
  guint64 limit = settings != NULL ? g_settings_get_uint64 (settings, "document-size-limit") : 0;

  return limit > 0 && limit < G_MAXINT64 ? (gint64) limit : VERKAN_DOCUMENT_DEFAULT_SIZE_LIMIT;
}

/* Why @file cannot be added, or NULL when it can: said before the batch
 * starts, so that one bad file does not stop the others */
static char *
check_file (GFile  *file,
            gint64  limit,
            char  **path_out)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  name = info != NULL ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_parse_name (file);

  if (path == NULL)
    /* Translators: %s is a file name */
    return g_strdup_printf (_("“%s” is not on this computer or a connected drive. Copy it here first."), name);
  if (info == NULL)
    /* Translators: %s is a file name, then the system's reason */
    return g_strdup_printf (_("“%s” could not be read: %s"), name, error->message);
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    /* Translators: %s is a folder's name */
    return g_strdup_printf (_("“%s” is a folder. Add the files in it instead."), name);
  if (g_file_info_get_size (info) == 0)
    /* Translators: %s is a file name */
    return g_strdup_printf (_("“%s” is empty."), name);
  if (g_file_info_get_size (info) > limit)
    {
      size = verkan_document_format_size ((guint64) limit);
      /* Translators: %s is a file name, then the largest size allowed ("1 GB") */
      return g_strdup_printf (_("“%s” is larger than the %s a document may be."), name, size);
    }

  *path_out = g_steal_pointer (&path);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
update_actions (VerkanDocumentsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = is_writable (self);
  gboolean chosen = selected_record (self) != NULL;
  gboolean adding = self->add != NULL;

  gtk_widget_action_set_enabled (widget, "documents.add", writable && !adding);
  gtk_widget_action_set_enabled (widget, "documents.cancel-add", adding);
  gtk_widget_action_set_enabled (widget, "documents.open", chosen);
  gtk_widget_action_set_enabled (widget, "documents.save-as", chosen);
  gtk_widget_action_set_enabled (widget, "documents.toggle-appendix", writable && chosen);
  gtk_widget_action_set_enabled (widget, "documents.remove", writable && chosen);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VerkanDocumentsPage) self = user_data;
  g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (files != NULL && self->project != NULL)
    verkan_documents_page_add_files (self, files);
}
#else
static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(VerkanDocumentsPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      verkan_documents_page_add_files (self, files);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (!is_writable (self) || self->add != NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Add Documents"));
    gtk_file_dialog_set_accept_label (dialog, _("_Add"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_open_multiple (dialog, window, NULL, on_files_chosen, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Add Documents"), window,
                                                                GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                _("_Add"), NULL);

    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
    g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

static void
cancel_add_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);

  if (self->add != NULL)
    g_cancellable_cancel (self->add->cancellable);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);

  if (selected_record (self) != NULL)
    verkan_documents_page_open_document (self, self->selected_id);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);

  if (selected_record (self) != NULL)
    verkan_document_save_as (widget, self->project, self->selected_id);
}

static void
toggle_appendix_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 appendix;

  if (selected_record (self) == NULL || !is_writable (self))
    return;

  verkan_field_binding_flush_all ();
  appendix = verkan_appendix_find_document (self->project, self->selected_id);
  if (appendix != 0)
    verkan_appendix_remove (self->project, appendix, &error);
  else
    verkan_appendix_add_document (self->project, self->selected_id, 0, &error);

  if (error != NULL)
    verkan_window_show_error_for (widget, error);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);
  VerkanRecord *record = selected_record (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *toast = NULL;
  gint64 id;

  if (record == NULL || !is_writable (self))
    return;

  verkan_field_binding_flush_all ();

  /* a toast's title is markup */
  escaped = g_markup_escape_text (document_title (record), -1);
  /* Translators: a toast after a document was removed, with Undo */
  toast = g_strdup_printf (_("“%s” removed"), escaped);
  id = self->selected_id;
  self->removed_id = id;
  if (!verkan_document_store_remove (self->project, id, &error))
    {
      self->removed_id = 0;
      verkan_window_show_error_for (widget, error);
      return;
    }
  verkan_window_show_undo_toast_for (widget, toast);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "documents");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_stopped (VerkanDocumentsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  run_search (self);
}

static gboolean
on_drop (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         VerkanDocumentsPage *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GSList *items;

  if (list == NULL || !is_writable (self))
    return FALSE;

  items = gdk_file_list_get_files (list);
  for (GSList *l = items; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  g_slist_free (items);

  verkan_documents_page_add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static void
on_view_switched (VerkanDocumentsPage *self)
{
  gboolean documents = g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "documents") == 0;

  gtk_widget_set_visible (self->documents_tools, documents);

  /* The appendix list is built when it is first shown: opening the
   * page costs the list of documents alone */
  if (!documents && self->project != NULL && adw_bin_get_child (self->appendix_bin) == NULL)
    adw_bin_set_child (self->appendix_bin, verkan_appendix_list_widget_new (self->project));
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

static void
add_column (VerkanDocumentsPage *self,
            const char          *id,
            const char          *title,
            CellKind             kind,
            GCompareDataFunc     compare,
            gboolean             expand,
            int                  fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = new_factory (self, kind);
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, g_object_ref (factory));

  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, kind != CELL_THUMBNAIL);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  if (compare != NULL)
    {
      GtkCustomSorter *sorter = gtk_custom_sorter_new (compare, self, NULL);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
    }
  g_object_set_data_full (G_OBJECT (column), "verkan-id", g_strdup (id), g_free);
  gtk_column_view_append_column (self->column_view, column);
}

static void
set_up (VerkanDocumentsPage *self)
{
  VerkanProject *project = self->project;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) card_factory = NULL;
  GtkSorter *sorter;
  GtkDropTarget *drop;

  self->thumbnails = verkan_thumbnail_loader_new (verkan_project_get_path (project), THUMBNAIL_SIZE);
  g_signal_connect_object (self->thumbnails, "loaded", G_CALLBACK (on_thumbnail_loaded), self, G_CONNECT_SWAPPED);

  self->documents = verkan_record_list_new (project, "document", NULL, NULL);
  self->municipalities = verkan_record_list_new (project, "municipality", NULL, NULL);
  reload_appendices (self);

  /* The columns, each sortable */
  /* Translators: column headings of the document list */
  add_column (self, "thumbnail", "", CELL_THUMBNAIL, NULL, FALSE, 48);
  add_column (self, "title", _("Title"), CELL_TITLE, compare_title, TRUE, -1);
  add_column (self, "kind", _("Kind"), CELL_KIND, compare_kind, FALSE, 150);
  add_column (self, "municipality", _("Municipality"), CELL_MUNICIPALITY, compare_municipality, FALSE, 130);
  add_column (self, "date", _("Date"), CELL_DATE, compare_date, FALSE, 100);
  add_column (self, "size", _("Size"), CELL_SIZE, compare_size, FALSE, 90);
  /* Translators: the column of a document's appendix number */
  add_column (self, "appendix", _("Appendix"), CELL_APPENDIX, compare_appendix, FALSE, 80);

  /* documents → filter → sort (column, then rank) → selection */
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_document, self, NULL));
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)),
                                                  g_object_ref (self->filter));
  self->rank_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rank, self, NULL));
  sorter = GTK_SORTER (gtk_multi_sorter_new ());
  gtk_multi_sorter_append (GTK_MULTI_SORTER (sorter), g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (GTK_MULTI_SORTER (sorter), g_object_ref (self->rank_sorter));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)), sorter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  card_factory = new_factory (self, CELL_CARD);
  gtk_grid_view_set_factory (self->grid_view, card_factory);

  /* The filters */
  gtk_string_list_append (kinds, _("All kinds"));
  for (guint i = 0; verkan_document_kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, verkan_document_kind_label (verkan_document_kinds[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->municipality_dropdown, "notify::selected",
                           G_CALLBACK (on_municipality_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->municipalities, "items-changed",
                           G_CALLBACK (update_municipality_filter), self, G_CONNECT_SWAPPED);
  update_municipality_filter (self);

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (run_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (on_search_stopped), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid_view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  /* After the selection, which follows the list first */
  g_signal_connect_object (self->documents, "items-changed", G_CALLBACK (on_documents_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_button, "toggled", G_CALLBACK (on_view_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (on_view_switched),
                           self, G_CONNECT_SWAPPED);

  /* Files dropped anywhere on the page */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->paned), GTK_EVENT_CONTROLLER (drop));

  update_content (self);
  update_details (self);
}

static void
verkan_documents_page_dispose (GObject *object)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (object);

  if (self->add != NULL)
    {
      /* the run ends in its callback, which holds the page */
      g_cancellable_cancel (self->add->cancellable);
      self->add = NULL;
    }
  if (self->thumbnails != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->thumbnails, self);
      verkan_thumbnail_loader_cancel (self->thumbnails);
    }
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  /* The rows go before the lists they show */
  if (self->column_view != NULL)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      gtk_grid_view_set_model (self->grid_view, NULL);
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_DOCUMENTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->rank_sorter);
  g_clear_object (&self->documents);
  g_clear_object (&self->municipalities);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_documents_page_parent_class)->dispose (object);
}

static void
verkan_documents_page_finalize (GObject *object)
{
  VerkanDocumentsPage *self = VERKAN_DOCUMENTS_PAGE (object);

  g_ptr_array_unref (self->bound_cells);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_hash_table_unref (self->appendix_numbers);
  g_hash_table_unref (self->text_status);
  g_free (self->kind_filter);
  g_free (self->municipality_filter);
  g_strfreev (self->municipality_codes);

  G_OBJECT_CLASS (verkan_documents_page_parent_class)->finalize (object);
}

static void
verkan_documents_page_class_init (VerkanDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_documents_page_dispose;
  object_class->finalize = verkan_documents_page_finalize;

  g_type_ensure (VERKAN_TYPE_DOCUMENT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, documents_tools);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, search_entry);
  gtk_widget_class_bind_template_child_full (widget_class, "kind_filter", FALSE,
                                             G_STRUCT_OFFSET (VerkanDocumentsPage, kind_dropdown));
  gtk_widget_class_bind_template_child_full (widget_class, "municipality_filter", FALSE,
                                             G_STRUCT_OFFSET (VerkanDocumentsPage, municipality_dropdown));
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, grid_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, details);
  gtk_widget_class_bind_template_child (widget_class, VerkanDocumentsPage, appendix_bin);

  gtk_widget_class_install_action (widget_class, "documents.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "documents.cancel-add", NULL, cancel_add_activated);
  gtk_widget_class_install_action (widget_class, "documents.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "documents.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "documents.toggle-appendix", NULL, toggle_appendix_activated);
  gtk_widget_class_install_action (widget_class, "documents.remove", NULL, remove_activated);
  gtk_widget_class_install_action (widget_class, "documents.search", NULL, search_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "documents.search", NULL);
  /* Ctrl+O opens a project everywhere else */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "documents.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "documents.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "documents.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "documents.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "documents.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "documents.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "documents.cancel-add", NULL);
}

static void
verkan_documents_page_init (VerkanDocumentsPage *self)
{
  self->bound_cells = g_ptr_array_new ();
  self->appendix_numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->text_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

GtkWidget *
verkan_documents_page_new (VerkanProject *project)
{
  VerkanDocumentsPage *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_DOCUMENTS_PAGE, NULL);
  self->project = g_object_ref (project);
  set_up (self);

  return GTK_WIDGET (self);
}

VerkanProject *
verkan_documents_page_get_project (VerkanDocumentsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self), NULL);

  return self->project;
}

void
verkan_documents_page_add_files (VerkanDocumentsPage *self,
                                 GListModel          *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  gint64 limit = size_limit ();
  guint n;
  AddRun *run;

  g_return_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (!is_writable (self))
    return;
  if (self->add != NULL)
    {
      show_toast (self, _("Documents are being added. Add these when that is done."), 5);
      return;
    }

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = NULL;
      char *why = check_file (file, limit, &path);

      if (why != NULL)
        g_ptr_array_add (refused, why);
      else
        g_ptr_array_add (paths, path);
    }

  if (refused->len == 1 && paths->len > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (refused, 0), -1);

      show_toast (self, escaped, 8);
    }
  else if (refused->len > 0)
    {
      g_ptr_array_add (refused, NULL);
      {
        g_autofree char *body = g_strjoinv ("\n", (char **) refused->pdata);

        show_error_dialog (self,
                           g_dngettext (GETTEXT_PACKAGE, "This file was not added", "These files were not added",
                                        refused->len - 1),
                           body);
      }
    }

  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);

  run = g_new0 (AddRun, 1);
  run->self = g_object_ref (self);
  run->cancellable = g_cancellable_new ();
  run->n_files = paths->len - 1;
  self->add = run;

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, _("Adding…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);

  verkan_document_store_add_async (self->project, (const char * const *) paths->pdata, limit,
                                   run->cancellable, on_add_progress, run, on_added, run);
}

void
verkan_documents_page_set_search (VerkanDocumentsPage *self,
                                  const char          *text)
{
  g_return_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self));

  g_signal_handlers_block_by_func (self->search_entry, run_search, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, run_search, self);
  run_search (self);
}

GArray *
verkan_documents_page_dup_shown_ids (VerkanDocumentsPage *self)
{
  GArray *ids;
  guint n;

  g_return_val_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->sort_model == NULL)
    return ids;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VerkanRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);
      gint64 id = verkan_record_get_id (record);

      g_array_append_val (ids, id);
    }
  return ids;
}

void
verkan_documents_page_select (VerkanDocumentsPage *self,
                              gint64               document_id)
{
  g_return_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self));

  if (self->documents == NULL)
    return;
  if (document_id != 0 && verkan_record_list_find (self->documents, document_id) == NULL)
    document_id = 0;

  self->selected_id = document_id;
  select_shown (self, document_id);
  update_details (self);
}

gint64
verkan_documents_page_get_selected (VerkanDocumentsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self), 0);

  return self->selected_id;
}

void
verkan_documents_page_open_document (VerkanDocumentsPage *self,
                                     gint64               document_id)
{
  g_return_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self));

  if (self->project == NULL || document_id == 0)
    return;
  verkan_field_binding_flush_all ();
  verkan_document_launch (GTK_WIDGET (self), self->project, document_id, 0);
}

guint
verkan_documents_page_get_n_thumbnails_started (VerkanDocumentsPage *self)
{
  g_return_val_if_fail (VERKAN_IS_DOCUMENTS_PAGE (self), 0);

  return self->thumbnails != NULL ? verkan_thumbnail_loader_get_n_started (self->thumbnails) : 0;
}
