/* verkan-report-preview.c: the report's PDF pages, live
 *
 * Any change to the project (a word typed in a section, a goal's
 * outcome, a chart's values) starts a pause of PREVIEW_DELAY_MS; when it
 * is over, the document is built here on the main thread, which owns the
 * project's connection, and a worker thread lays it out with
 * VerkanReportLayout and renders every page to an image at the width the
 * preview column has.  The main thread only swaps the finished pictures
 * in, so typing never waits for pango.  A newer change cancels the render
 * in flight; a result that comes back from an older one is dropped.
 *
 * The pages stand in a scrolled column as pictures with a paper shadow.
 * The column scrolls to the first page of the section being edited when
 * another section is chosen, and again after an update only when that
 * section's page moved.  While an update is pending a small "Updating…"
 * shows in the corner.  Nothing happens while the page is not shown; it
 * catches up when it is mapped.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-report-document.h"
#include "verkan-report-layout.h"
#include "verkan-report-preview.h"

/* The pause after the last change before the preview is made again */
#define PREVIEW_DELAY_MS 400
/* … and after the page is shown, to let it lay out first */
#define MAP_DELAY_MS 50
/* The space around and between the pages, in pixels */
#define PAGE_MARGIN 16
/* How wide a page is drawn: the column's width less the margins, within
 * these bounds */
#define PAGE_MIN_WIDTH 160
#define PAGE_MAX_WIDTH 720
#define PAGE_DEFAULT_WIDTH 300

struct _VerkanReportPreview
{
  AdwBin                parent_instance;

  VerkanProject        *project;
  GCancellable         *cancellable;      /* the render in flight */
  guint                 generation;       /* which request is the newest */
  guint                 delay_id;
  gboolean              dirty;            /* a change came while unmapped */
  gboolean              rendering;

  /* the last completed update: the layout answers find_section */
  VerkanReportDocument *doc;
  VerkanReportLayout   *layout;
  guint                 n_pages;
  guint                 n_updates;
  int                   page_width;       /* logical pixels */
  int                   page_height;

  gint64                section_id;
  int                   scrolled_page;    /* the page last scrolled to, -1 */
  int                   pending_page;     /* the page to scroll to once laid out, -1 */
  guint                 scroll_tick_id;
  guint                 scroll_waits;

  GtkScrolledWindow    *scrolled;
  GtkBox               *pages_box;
  GtkWidget            *busy;
  GtkSpinner           *spinner;
  GtkLabel             *message;
};

G_DEFINE_FINAL_TYPE (VerkanReportPreview, verkan_report_preview, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ */
/* Rendering in a worker thread                                        */

typedef struct {
  VerkanReportDocument *doc;
  VerkanReportLayout   *layout;
  double                scale;        /* device pixels per point */
  GPtrArray            *textures;     /* GdkTexture, one per page */
  guint                 generation;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  /* the layout reads the document: it goes first */
  g_clear_pointer (&job->layout, verkan_report_layout_free);
  g_clear_pointer (&job->doc, verkan_report_document_free);
  g_clear_pointer (&job->textures, g_ptr_array_unref);
  g_free (job);
}

static GdkTexture *
render_page (VerkanReportLayout *layout,
             guint               page,
             double              scale)
{
  int width = MAX (1, (int) (VERKAN_REPORT_PAGE_WIDTH * scale + 0.5));
  int height = MAX (1, (int) (VERKAN_REPORT_PAGE_HEIGHT * scale + 0.5));
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* white paper even where the layout leaves it out */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  verkan_report_layout_draw_page (layout, page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in this machine's byte order */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  guint n;

  job->layout = verkan_report_layout_new (job->doc, cancellable, &error);
  if (job->layout == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                     _("The report could not be laid out."));
      g_task_return_error (task, error);
      return;
    }

  n = verkan_report_layout_get_n_pages (job->layout);
  job->textures = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (job->textures, render_page (job->layout, i, job->scale));
    }

  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ */
/* Showing the pages                                                   */

static void
set_busy (VerkanReportPreview *self,
          gboolean             busy)
{
  gtk_widget_set_visible (self->busy, busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
set_message (VerkanReportPreview *self,
             const char          *message)
{
  gtk_label_set_label (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

static gboolean
apply_scroll (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  VerkanReportPreview *self = VERKAN_REPORT_PREVIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double y;

  if (self->pending_page < 0)
    {
      self->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* The pages are evenly spaced, so the place is known without asking
   * the box; wait (a few frames at most) until the column is laid out
   * tall enough to get there */
  y = self->pending_page * (double) (self->page_height + PAGE_MARGIN);
  if (gtk_adjustment_get_upper (adjustment) < self->n_pages * (double) (self->page_height + PAGE_MARGIN)
      && self->scroll_waits++ < 30)
    return G_SOURCE_CONTINUE;

  gtk_adjustment_set_value (adjustment, y);
  self->scrolled_page = self->pending_page;
  self->pending_page = -1;
  self->scroll_tick_id = 0;
  self->scroll_waits = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_section (VerkanReportPreview *self,
                   gboolean             only_when_moved)
{
  int page;

  if (self->layout == NULL || self->section_id == 0)
    return;

  page = verkan_report_layout_find_section (self->layout, self->section_id);
  if (page < 0 || (guint) page >= self->n_pages)
    return;
  if (only_when_moved && page == self->scrolled_page)
    return;

  self->pending_page = page;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_scroll, NULL, NULL);
}

static GtkWidget *
nth_picture (VerkanReportPreview *self,
             guint                index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box));

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

/* Reuses the pictures there are, so the column keeps its scroll place */
static void
show_pages (VerkanReportPreview *self,
            GPtrArray           *textures)
{
  guint n = textures != NULL ? textures->len : 0;
  GtkWidget *child;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *picture = nth_picture (self, i);
      g_autofree char *label = NULL;

      if (picture == NULL)
        {
          picture = gtk_picture_new ();
          gtk_widget_set_name (picture, "report-preview-page");
          gtk_widget_add_css_class (picture, "verkan-report-preview-page");
          gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
          gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
          gtk_box_append (self->pages_box, picture);
        }

      gtk_picture_set_paintable (GTK_PICTURE (picture), g_ptr_array_index (textures, i));
      gtk_widget_set_size_request (picture, self->page_width, self->page_height);
      /* Translators: the preview of one page, for the screen reader */
      label = g_strdup_printf (_("Page %u of %u"), i + 1, n);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  while ((child = nth_picture (self, n)) != NULL)
    gtk_box_remove (self->pages_box, child);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VerkanReportPreview *self = VERKAN_REPORT_PREVIEW (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* a newer change took over, or the preview went away */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || job->generation != self->generation)
        return;

      g_debug ("The preview could not be made: %s", error->message);
      self->rendering = FALSE;
      set_busy (self, self->delay_id != 0);
      set_message (self, error->message);
      self->n_updates++;
      return;
    }

  if (job->generation != self->generation)
    return;

  self->rendering = FALSE;
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->layout, verkan_report_layout_free);
  g_clear_pointer (&self->doc, verkan_report_document_free);
  self->doc = g_steal_pointer (&job->doc);
  self->layout = g_steal_pointer (&job->layout);
  self->n_pages = job->textures->len;

  show_pages (self, job->textures);
  set_message (self, self->n_pages == 0 ? _("The report has no pages yet.") : NULL);
  set_busy (self, self->delay_id != 0);
  self->n_updates++;

  scroll_to_section (self, TRUE);
}

static int
wanted_page_width (VerkanReportPreview *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width <= 0)
    return PAGE_DEFAULT_WIDTH;

  return CLAMP (width - 2 * PAGE_MARGIN - 12 /* the scroll bar */, PAGE_MIN_WIDTH, PAGE_MAX_WIDTH);
}

static void
start_update (VerkanReportPreview *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  VerkanReportDocument *doc;
  RenderJob *job;
  double points_to_pixels;

  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->dirty = FALSE;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;

  if (self->project == NULL)
    return;

  /* Read on the project's thread; the result touches no database */
  doc = verkan_report_document_build (self->project, VERKAN_REPORT_BUILD_NONE, &error);
  if (doc == NULL)
    {
      g_debug ("The report could not be read for the preview: %s",
               error != NULL ? error->message : "no document");
      self->rendering = FALSE;
      set_busy (self, FALSE);
      set_message (self, error != NULL ? error->message : _("The preview is not available."));
      self->n_updates++;
      return;
    }

  self->page_width = wanted_page_width (self);
  points_to_pixels = self->page_width / VERKAN_REPORT_PAGE_WIDTH;
  self->page_height = (int) (VERKAN_REPORT_PAGE_HEIGHT * points_to_pixels + 0.5);

  job = g_new0 (RenderJob, 1);
  job->doc = doc;
  job->scale = points_to_pixels * MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  job->generation = self->generation;

  self->cancellable = g_cancellable_new ();
  self->rendering = TRUE;
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, on_rendered, NULL);
  g_task_set_source_tag (task, start_update);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_in_thread);
}

static gboolean
on_delay_over (gpointer user_data)
{
  VerkanReportPreview *self = user_data;

  self->delay_id = 0;
  start_update (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_update (VerkanReportPreview *self)
{
  /* what is being drawn is already out of date */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->rendering = FALSE;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->delay_id, g_source_remove);
      self->dirty = TRUE;
      return;
    }

  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->delay_id = g_timeout_add (PREVIEW_DELAY_MS, on_delay_over, self);
  set_busy (self, TRUE);
}

static void
on_project_changed (VerkanReportPreview *self,
                    const char          *table)
{
  schedule_update (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
verkan_report_preview_map (GtkWidget *widget)
{
  VerkanReportPreview *self = VERKAN_REPORT_PREVIEW (widget);

  GTK_WIDGET_CLASS (verkan_report_preview_parent_class)->map (widget);

  /* the first time, or changes made while another page was shown */
  if (self->dirty || self->n_updates == 0)
    {
      self->dirty = FALSE;
      g_clear_handle_id (&self->delay_id, g_source_remove);
      /* a timeout, not an idle: an idle may wait behind a stream of
       * frames for as long as something animates */
      self->delay_id = g_timeout_add (MAP_DELAY_MS, on_delay_over, self);
      set_busy (self, TRUE);
    }
}

static void
verkan_report_preview_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  VerkanReportPreview *self = VERKAN_REPORT_PREVIEW (widget);

  GTK_WIDGET_CLASS (verkan_report_preview_parent_class)->size_allocate (widget, width, height, baseline);

  /* A column made much wider or narrower gets pages drawn for it; a few
   * pixels are not worth a render */
  if (self->n_updates > 0 && self->delay_id == 0 && !self->rendering
      && ABS (wanted_page_width (self) - self->page_width) > 24)
    schedule_update (self);
}

static void
verkan_report_preview_dispose (GObject *object)
{
  VerkanReportPreview *self = VERKAN_REPORT_PREVIEW (object);

  g_clear_handle_id (&self->delay_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  g_clear_pointer (&self->layout, verkan_report_layout_free);
  g_clear_pointer (&self->doc, verkan_report_document_free);

  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (verkan_report_preview_parent_class)->dispose (object);
}

static void
verkan_report_preview_class_init (VerkanReportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_report_preview_dispose;
  widget_class->map = verkan_report_preview_map;
  widget_class->size_allocate = verkan_report_preview_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "reportpreview");
}

static void
verkan_report_preview_init (VerkanReportPreview *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *pages = gtk_box_new (GTK_ORIENTATION_VERTICAL, PAGE_MARGIN);
  GtkWidget *busy = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *busy_label = gtk_label_new (_("Updating…"));
  GtkWidget *message = gtk_label_new (NULL);

  self->scrolled_page = -1;
  self->pending_page = -1;
  self->page_width = PAGE_DEFAULT_WIDTH;
  self->page_height = (int) (PAGE_DEFAULT_WIDTH * VERKAN_REPORT_PAGE_HEIGHT / VERKAN_REPORT_PAGE_WIDTH);

  gtk_widget_set_name (GTK_WIDGET (self), "report-preview");
  gtk_widget_add_css_class (GTK_WIDGET (self), "verkan-report-preview");

  gtk_widget_set_name (scrolled, "report-preview-scrolled");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (scrolled, TRUE);

  gtk_widget_set_margin_top (column, PAGE_MARGIN);
  gtk_widget_set_margin_bottom (column, PAGE_MARGIN);
  gtk_widget_set_margin_start (column, PAGE_MARGIN);
  gtk_widget_set_margin_end (column, PAGE_MARGIN);

  gtk_widget_set_name (pages, "report-preview-pages");
  gtk_widget_set_halign (pages, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pages), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview of the report’s pages"), -1);

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_justify (GTK_LABEL (message), GTK_JUSTIFY_CENTER);
  gtk_widget_set_name (message, "report-preview-message");
  gtk_widget_add_css_class (message, "dim-label");
  gtk_widget_set_margin_top (message, 24);
  gtk_widget_set_visible (message, FALSE);

  gtk_box_append (GTK_BOX (column), message);
  gtk_box_append (GTK_BOX (column), pages);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column);

  gtk_widget_set_name (busy, "report-preview-busy");
  gtk_widget_add_css_class (busy, "verkan-report-preview-busy");
  gtk_widget_set_halign (busy, GTK_ALIGN_END);
  gtk_widget_set_valign (busy, GTK_ALIGN_START);
  gtk_widget_set_can_target (busy, FALSE);
  gtk_widget_add_css_class (busy_label, "caption");
  gtk_box_append (GTK_BOX (busy), spinner);
  gtk_box_append (GTK_BOX (busy), busy_label);
  gtk_widget_set_visible (busy, FALSE);

  gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), busy);
  adw_bin_set_child (ADW_BIN (self), overlay);

  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  self->pages_box = GTK_BOX (pages);
  self->busy = busy;
  self->spinner = GTK_SPINNER (spinner);
  self->message = GTK_LABEL (message);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

GtkWidget *
verkan_report_preview_new (VerkanProject *project)
{
  VerkanReportPreview *self;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  self = g_object_new (VERKAN_TYPE_REPORT_PREVIEW, NULL);
  self->project = g_object_ref (project);
  /* every table may show in the report: facts, goals, charts, documents */
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

void
verkan_report_preview_show_section (VerkanReportPreview *self,
                                    gint64               section_id)
{
  g_return_if_fail (VERKAN_IS_REPORT_PREVIEW (self));

  if (section_id == self->section_id)
    return;

  self->section_id = section_id;
  self->scrolled_page = -1;
  scroll_to_section (self, FALSE);
}

void
verkan_report_preview_update (VerkanReportPreview *self)
{
  g_return_if_fail (VERKAN_IS_REPORT_PREVIEW (self));

  start_update (self);
}

guint
verkan_report_preview_get_n_pages (VerkanReportPreview *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_PREVIEW (self), 0);

  return self->n_pages;
}

guint
verkan_report_preview_get_n_updates (VerkanReportPreview *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_PREVIEW (self), 0);

  return self->n_updates;
}
