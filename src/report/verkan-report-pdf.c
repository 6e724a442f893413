/* verkan-report-pdf.c: the report as a PDF.
 *
 * The pages of VerkanReportLayout go onto a cairo PDF surface, with the
 * bookmarks and metadata; then the appendices, each after a separator
 * page.  An appendix that cannot be read becomes a page saying so: the
 * export never fails for an appendix.  Everything is written to a
 * temporary file beside the target and renamed into place at the end, so
 * a cancelled or failed export leaves nothing behind.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "verkan-document-thumbnail.h"
#include "verkan-report-edit.h"
#include "verkan-report-layout.h"
#include "verkan-report-pdf.h"

#define MM (72.0 / 25.4)
#define PAGE_W VERKAN_REPORT_PAGE_WIDTH
#define PAGE_H VERKAN_REPORT_PAGE_HEIGHT
#define MARGIN (25 * MM)
#define FONT_FAMILY "Carlito, DejaVu Sans"

/* an image appendix is read at most this large on its longer side */
#define IMAGE_MAX_PIXELS 2400

typedef struct {
  const VerkanReportDocument *doc;
  cairo_surface_t            *surface;
  cairo_t                    *cr;
  PangoFontMap               *font_map;
  PangoContext               *context;
  guint                       n_pages;     /* written so far */
  double                      width, height;  /* the page size set */
  /* progress */
  VerkanReportProgress        progress;
  gpointer                    progress_data;
  double                      done, total; /* in pages */
} Writer;

static const char *
word (Writer     *writer,
      const char *english)
{
  return verkan_report_document_word (writer->doc, english);
}

static void
report_progress (Writer     *writer,
                 const char *stage)
{
  if (writer->progress != NULL)
    writer->progress (writer->total > 0 ? MIN (writer->done / writer->total, 1.0) : 0,
                      stage, writer->progress_data);
}

static void
next_page (Writer *writer)
{
  cairo_show_page (writer->cr);
  writer->n_pages++;
  writer->done += 1;
}

/* --- text on the appendix pages --------------------------------------------- */

static double
show_text (Writer     *writer,
           const char *text,
           double      size,
           gboolean    bold,
           double      x,
           double      y,
           double      width,
           double      grey)
{
  PangoLayout *layout = pango_layout_new (writer->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  int w, h;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  cairo_set_source_rgb (writer->cr, grey, grey, grey + (grey < 0.2 ? 0.02 : 0));
  cairo_move_to (writer->cr, x, y);
  pango_cairo_show_layout (writer->cr, layout);
  pango_layout_get_size (layout, &w, &h);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

/* cairo 1.16 loses the link tags' structure elements on a page whose size
 * was set, even to the same size: set it only when it changes */
static void
set_page_size (Writer *writer,
               double  width,
               double  height)
{
  if (width == writer->width && height == writer->height)
    return;
  cairo_pdf_surface_set_size (writer->surface, width, height);
  writer->width = width;
  writer->height = height;
}

static void
white_page (Writer *writer,
            double  width,
            double  height)
{
  set_page_size (writer, width, height);
  cairo_set_source_rgb (writer->cr, 1, 1, 1);
  cairo_paint (writer->cr);
}

/* "Bilaga 2" large, then the title and date, and maybe a note below */
static void
separator_page (Writer                     *writer,
                const VerkanReportAppendix *appendix,
                const char                 *note)
{
  g_autofree char *number = g_strdup_printf ("%s %u", word (writer, "Appendix"), appendix->number);
  double width = PAGE_W - 2 * MARGIN;
  double y = 95 * MM;

  white_page (writer, PAGE_W, PAGE_H);
  cairo_set_source_rgb (writer->cr, 0.09, 0.24, 0.40);
  cairo_rectangle (writer->cr, MARGIN, y - 14, 30 * MM, 3);
  cairo_fill (writer->cr);
  y += show_text (writer, number, 26, TRUE, MARGIN, y, width, 0.09) + 6;
  y += show_text (writer, appendix->title, 16, FALSE, MARGIN, y, width, 0.12) + 4;
  if (appendix->date != NULL && appendix->date[0] != '\0')
    y += show_text (writer, appendix->date, 12, FALSE, MARGIN, y, width, 0.40);
  y += 14;
  if (appendix->label != NULL)
    y += show_text (writer, appendix->label, 10, FALSE, MARGIN, y, width, 0.40) + 4;
  if (note != NULL)
    {
      y += 20;
      y += show_text (writer, note, 11.5, TRUE, MARGIN, y, width, 0.12) + 4;
      if (appendix->file_name != NULL)
        show_text (writer, appendix->file_name, 10, FALSE, MARGIN, y, width, 0.40);
    }
  next_page (writer);
}

/* --- the appendices --------------------------------------------------------- */

static PopplerDocument *
open_pdf (const VerkanReportAppendix *appendix)
{
  g_autofree char *uri = NULL;

  if (appendix->path == NULL)
    return NULL;
  uri = g_filename_to_uri (appendix->path, NULL, NULL);
  if (uri == NULL)
    return NULL;
  return poppler_document_new_from_file (uri, NULL, NULL);
}

static gboolean
write_pdf_pages (Writer          *writer,
                 PopplerDocument *pdf,
                 GCancellable    *cancellable)
{
  int n = poppler_document_get_n_pages (pdf);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page;
      double width = PAGE_W, height = PAGE_H;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      page = poppler_document_get_page (pdf, i);
      if (page != NULL)
        poppler_page_get_size (page, &width, &height);
      if (width < 1 || height < 1)
        width = PAGE_W, height = PAGE_H;
      white_page (writer, width, height);
      if (page != NULL)
        {
          cairo_save (writer->cr);
          poppler_page_render_for_printing (page, writer->cr);
          cairo_restore (writer->cr);
          g_object_unref (page);
        }
      next_page (writer);
      if (i % 4 == 0)
        report_progress (writer, _("Adding the appendices"));
    }
  return TRUE;
}

/* Places an image on a page of its own orientation; FALSE if unreadable */
static gboolean
write_image_page (Writer                     *writer,
                  const VerkanReportAppendix *appendix)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) file = NULL;
  cairo_surface_t *image;
  double iw, ih, pw, ph, scale;

  if (appendix->path == NULL)
    return FALSE;
  file = g_mapped_file_new (appendix->path, FALSE, NULL);
  if (file == NULL)
    return FALSE;
  bytes = g_mapped_file_get_bytes (file);
  image = verkan_document_thumbnail_from_bytes (bytes, appendix->mime_type ? appendix->mime_type : "image/png",
                                                IMAGE_MAX_PIXELS, NULL);
  if (image == NULL)
    return FALSE;
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (image) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }
  iw = cairo_image_surface_get_width (image);
  ih = cairo_image_surface_get_height (image);
  pw = iw > ih ? PAGE_H : PAGE_W;
  ph = iw > ih ? PAGE_W : PAGE_H;
  white_page (writer, pw, ph);
  scale = MIN ((pw - 2 * MARGIN) / iw, (ph - 2 * MARGIN) / ih);
  cairo_save (writer->cr);
  cairo_translate (writer->cr, (pw - iw * scale) / 2, (ph - ih * scale) / 2);
  cairo_scale (writer->cr, scale, scale);
  cairo_set_source_surface (writer->cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (writer->cr), CAIRO_FILTER_GOOD);
  cairo_paint (writer->cr);
  cairo_restore (writer->cr);
  cairo_surface_destroy (image);
  next_page (writer);
  return TRUE;
}

static void
write_model_page (Writer                     *writer,
                  const VerkanReportAppendix *appendix)
{
  double top;

  /* landscape: a logic model is wide */
  white_page (writer, PAGE_H, PAGE_W);
  top = MARGIN * 0.8 + show_text (writer, appendix->label ? appendix->label : appendix->title,
                                  10, TRUE, MARGIN * 0.8, MARGIN * 0.6, PAGE_H - 1.6 * MARGIN, 0.40) + 6;
  cairo_save (writer->cr);
  cairo_translate (writer->cr, MARGIN * 0.8, top);
  verkan_report_model_draw (appendix->model, writer->cr, PAGE_H - 1.6 * MARGIN,
                            PAGE_W - top - MARGIN * 0.8);
  cairo_restore (writer->cr);
  next_page (writer);
}

static gboolean
write_appendix (Writer                     *writer,
                const VerkanReportAppendix *appendix,
                PopplerDocument            *pdf,
                GCancellable               *cancellable)
{
  const char *unreadable = word (writer, "The appendix could not be read.");
  g_autofree char *title = NULL;
  g_autofree char *link = g_strdup_printf ("page=%u", writer->n_pages + 1);

  title = g_strdup_printf ("%s %u: %s", word (writer, "Appendix"), appendix->number,
                           appendix->title ? appendix->title : "");
  cairo_pdf_surface_add_outline (writer->surface, CAIRO_PDF_OUTLINE_ROOT, title, link, 0);

  switch (appendix->kind)
    {
    case VERKAN_REPORT_APPENDIX_PDF:
      separator_page (writer, appendix, pdf == NULL ? unreadable : NULL);
      if (pdf != NULL)
        return write_pdf_pages (writer, pdf, cancellable);
      return TRUE;
    case VERKAN_REPORT_APPENDIX_IMAGE:
      {
        /* the separator is written first: decide on its note before */
        g_autoptr(GMappedFile) probe = appendix->path ? g_mapped_file_new (appendix->path, FALSE, NULL) : NULL;

        if (probe == NULL)
          {
            separator_page (writer, appendix, unreadable);
            return TRUE;
          }
        separator_page (writer, appendix, NULL);
        if (!write_image_page (writer, appendix))
          {
            white_page (writer, PAGE_W, PAGE_H);
            show_text (writer, unreadable, 12, TRUE, MARGIN, 95 * MM, PAGE_W - 2 * MARGIN, 0.12);
            next_page (writer);
          }
        return TRUE;
      }
    case VERKAN_REPORT_APPENDIX_MODEL:
      separator_page (writer, appendix, appendix->model ? NULL : unreadable);
      if (appendix->model != NULL)
        write_model_page (writer, appendix);
      return TRUE;
    case VERKAN_REPORT_APPENDIX_OTHER:
    default:
      separator_page (writer, appendix, word (writer, "The appendix is delivered separately."));
      return TRUE;
    }
}

/* --- the report ---------------------------------------------------------------- */

static void
add_bookmarks (Writer             *writer,
               VerkanReportLayout *layout)
{
  GPtrArray *toc = verkan_report_layout_get_toc (layout);
  int parents[16] = { CAIRO_PDF_OUTLINE_ROOT };

  for (guint i = 1; i < G_N_ELEMENTS (parents); i++)
    parents[i] = CAIRO_PDF_OUTLINE_ROOT;
  for (guint i = 0; i < toc->len; i++)
    {
      VerkanReportTocEntry *entry = g_ptr_array_index (toc, i);
      guint level = CLAMP (entry->level, 1, G_N_ELEMENTS (parents) - 1);
      g_autofree char *title = entry->number && entry->number[0]
        ? g_strdup_printf ("%s %s", entry->number, entry->text)
        : g_strdup (entry->text);
      g_autofree char *link = NULL;
      char y[G_ASCII_DTOSTR_BUF_SIZE];
      int id;

      link = g_strdup_printf ("page=%u pos=[%s %s]", entry->page + 1, "0",
                              g_ascii_formatd (y, sizeof y, "%.1f", MAX (entry->y - 10, 0)));
      id = cairo_pdf_surface_add_outline (writer->surface, parents[level - 1], title, link, 0);
      for (guint l = level; l < G_N_ELEMENTS (parents); l++)
        parents[l] = id;
    }
}

static char *
iso_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

static void
set_metadata (Writer *writer)
{
  const VerkanReportDocument *doc = writer->doc;
  g_autofree char *now = iso_now ();
  const char *subject = doc->subtitle && doc->subtitle[0] ? doc->subtitle : word (writer, "Final report");

  if (doc->title != NULL)
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->author != NULL && doc->author[0] != '\0')
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_CREATOR, "Verkan");
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_CREATE_DATE, now);
}

static gboolean
cancelled_error (GCancellable *cancellable,
                 GError      **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_CANCELLED,
                       _("The export was cancelled"));
  return TRUE;
}

gboolean
verkan_report_write_pdf (const VerkanReportDocument *doc,
                         const char                 *path,
                         VerkanReportExportFlags     flags,
                         GCancellable               *cancellable,
                         VerkanReportProgress        progress,
                         gpointer                    progress_data,
                         GError                    **error)
{
  g_autoptr(VerkanReportLayout) layout = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  gboolean appendices = !(flags & VERKAN_REPORT_EXPORT_NO_APPENDICES);
  gboolean ok = TRUE;
  cairo_status_t status;
  Writer writer = { 0 };
  guint n_pages;
  int fd;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer.doc = doc;
  writer.progress = progress;
  writer.progress_data = progress_data;

  if (progress)
    progress (0, _("Laying out the pages"), progress_data);
  layout = verkan_report_layout_new (doc, cancellable, &local_error);
  if (layout == NULL)
    {
      if (!cancelled_error (cancellable, error))
        g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                     _("The report could not be laid out: %s"),
                     local_error ? local_error->message : "");
      return FALSE;
    }
  n_pages = verkan_report_layout_get_n_pages (layout);

  /* open the appendices first: their page counts make the progress */
  pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  writer.total = n_pages;
  for (guint i = 0; appendices && doc->appendices && i < doc->appendices->len; i++)
    {
      const VerkanReportAppendix *appendix = g_ptr_array_index (doc->appendices, i);
      PopplerDocument *pdf = appendix->kind == VERKAN_REPORT_APPENDIX_PDF ? open_pdf (appendix) : NULL;

      g_ptr_array_add (pdfs, pdf ? (gpointer) pdf : g_object_new (G_TYPE_OBJECT, NULL));
      writer.total += 2 + (pdf ? poppler_document_get_n_pages (pdf) : 0);
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  {
    g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

    tmp = g_build_filename (dir, name, NULL);
  }
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                   _("Cannot write in the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  writer.surface = cairo_pdf_surface_create (tmp, PAGE_W, PAGE_H);
  writer.width = PAGE_W;
  writer.height = PAGE_H;
  writer.cr = cairo_create (writer.surface);
  writer.font_map = pango_cairo_font_map_new ();
  writer.context = pango_font_map_create_context (writer.font_map);
  pango_cairo_context_set_resolution (writer.context, 72);
  set_metadata (&writer);
  add_bookmarks (&writer, layout);
  /* cairo 1.16 writes the structure elements of its link tags only
   * inside a structure tree: without one, a page with links and drawing
   * refers to objects never written (qpdf: "file is damaged") */
  cairo_tag_begin (writer.cr, "Document", "");

  for (guint i = 0; i < n_pages && ok; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          ok = FALSE;
          break;
        }
      set_page_size (&writer, PAGE_W, PAGE_H);
      verkan_report_layout_draw_page (layout, i, writer.cr);
      next_page (&writer);
      if (i % 4 == 0)
        report_progress (&writer, _("Writing the report"));
    }

  for (guint i = 0; ok && appendices && doc->appendices && i < doc->appendices->len; i++)
    {
      const VerkanReportAppendix *appendix = g_ptr_array_index (doc->appendices, i);
      gpointer pdf = g_ptr_array_index (pdfs, i);

      if (g_cancellable_is_cancelled (cancellable))
        ok = FALSE;
      else
        ok = write_appendix (&writer, appendix, POPPLER_IS_DOCUMENT (pdf) ? pdf : NULL,
                             cancellable);
      report_progress (&writer, _("Adding the appendices"));
    }

  cairo_tag_end (writer.cr, "Document");
  cairo_destroy (writer.cr);
  cairo_surface_finish (writer.surface);
  status = cairo_surface_status (writer.surface);
  cairo_surface_destroy (writer.surface);
  g_object_unref (writer.context);
  g_object_unref (writer.font_map);

  if (!ok || g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (tmp);
      if (!cancelled_error (cancellable, error))
        g_set_error_literal (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                             _("The PDF could not be written"));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                   _("The PDF could not be written to “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_FAILED,
                   _("The PDF could not be saved as “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* mkstemp made it private; a report is a document like any other */
  g_chmod (path, 0644);
  if (progress)
    progress (1.0, _("Done"), progress_data);
  return TRUE;
}
