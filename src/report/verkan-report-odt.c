/* verkan-report-odt.c: the report as an OpenDocument text (.odt).
 *
 * The package is a zip written with libgsf: "mimetype" first and stored,
 * the pictures as they are drawn, then content.xml, styles.xml, meta.xml
 * and the manifest, which lists every member written.  content.xml is
 * written with libxml2's text writer into memory, body and automatic
 * styles apart, because a table's column styles are only known when the
 * table is reached but must come before the body.
 *
 * Headings are real text:h with outline levels and "Heading N" styles, so
 * LibreOffice's navigator and its contents update work; the contents
 * field is written filled in (entries linked to bookmarks on the
 * headings), since LibreOffice shows what is stored until it is updated.
 * Figures are drawn by verkan_report_figure_draw () twice: as SVG and as a
 * PNG fallback, two draw:image in one draw:frame as ODF wants.  PDF
 * appendices have their pages drawn by poppler as pictures.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-output.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <poppler.h>
#include <cairo-svg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "verkan-model-drawing.h"
#include "verkan-report-odt.h"

#define MIMETYPE "application/vnd.oasis.opendocument.text"

/* The text area of an A4 page with the margins of styles.xml, in cm */
#define TEXT_WIDTH_CM      16.0
#define FIGURE_MAX_CM      20.0   /* a figure's height, leaving room for its caption */
#define APPENDIX_MAX_CM    21.5   /* a page of an appendix, below its heading */
#define CM_PER_POINT       (2.54 / 72.0)
/* PNG fallbacks of figures: pixels per point (about 150 dpi) */
#define FIGURE_PNG_SCALE   2.0
/* Pages of PDF appendices, drawn as pictures at about 100 dpi; more
 * pages than this are left to the PDF file itself */
#define PDF_PAGE_SCALE     (100.0 / 72.0)
#define PDF_MAX_PAGES      30

/* Work units for the progress bar: a block is one, a drawing more */
#define UNITS_FIGURE       12.0
#define UNITS_PDF_PAGE     8.0

typedef struct {
  char *path;
  char *media_type;
} ManifestEntry;

typedef struct {
  const VerkanReportDocument *doc;
  VerkanReportExportFlags     flags;
  GCancellable               *cancellable;
  VerkanReportProgress        progress;
  gpointer                    progress_data;

  GsfOutfile       *zip;
  GsfOutfile       *pictures;      /* the "Pictures" folder, made when needed */
  GArray           *manifest;      /* of ManifestEntry */

  xmlBufferPtr      body_buf;
  xmlTextWriterPtr  body;
  GString          *autos;         /* automatic styles found while writing */

  /* the list being written: VERKAN_REPORT_ITEM_BULLET/NUMBERED, or PARAGRAPH
   * for none */
  VerkanReportItemKind open_list;
  gboolean          list_has_items;
  gboolean          next_h1_breaks;  /* the first chapter after the contents */

  guint             n_pictures;
  guint             n_tables;
  guint             n_frames;
  guint             n_notes;
  GPtrArray        *sequences;     /* names of the sequence fields used */

  PopplerDocument **pdfs;          /* per appendix, opened up front; NULL if none */

  gboolean          finished;
  double            units_done;
  double            units_total;
  int               last_percent;
  const char       *last_stage;
} Writer;

static void
manifest_entry_clear (gpointer data)
{
  ManifestEntry *entry = data;

  g_free (entry->path);
  g_free (entry->media_type);
}

/* The writers' words in the report's language ("Innehåll"), or the English
 * key while the document has none for it */
static const char *
word (Writer     *w,
      const char *english)
{
  const char *text = verkan_report_document_word (w->doc, english);

  return text != NULL && *text != '\0' ? text : english;
}

static void
report_progress (Writer     *w,
                 const char *stage)
{
  double fraction;
  int percent;

  if (w->progress == NULL)
    return;
  if (w->finished)
    fraction = 1.0;
  else
    fraction = w->units_total > 0 ? CLAMP (w->units_done / w->units_total, 0.0, 0.99) : 0.0;
  percent = (int) floor (fraction * 100.0);
  /* only when something visible changes: a CLI prints every call */
  if (percent == w->last_percent && stage == w->last_stage)
    return;
  w->last_percent = percent;
  w->last_stage = stage;
  w->progress (fraction, stage, w->progress_data);
}

static gboolean
step (Writer     *w,
      double      units,
      const char *stage,
      GError    **error)
{
  w->units_done += units;
  report_progress (w, stage);
  return !g_cancellable_set_error_if_cancelled (w->cancellable, error);
}

/* ------------------------------------------------------------ the zip */

/* Errors say the reason only: the caller (verkan-report-export.c) names
 * the file */
static gboolean
output_failed (GsfOutput  *output,
               const char *name,
               GError    **error)
{
  const GError *cause = gsf_output_error (output);

  g_debug ("ODT: writing %s failed", name);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       cause != NULL ? cause->message
                                     : _("The disk refused to take the file (is it full?)"));
  return FALSE;
}

static gboolean
write_member (Writer        *w,
              GsfOutfile    *folder,
              const char    *folder_name,
              const char    *name,
              const char    *media_type,
              gconstpointer  data,
              gsize          size,
              gboolean       stored,
              GError       **error)
{
  g_autofree char *full = folder_name ? g_strconcat (folder_name, "/", name, NULL)
                                      : g_strdup (name);
  GsfOutput *child = gsf_outfile_new_child_full (folder, name, FALSE,
                                                 "compression-level",
                                                 stored ? GSF_ZIP_STORED : GSF_ZIP_DEFLATED,
                                                 NULL);
  gboolean ok;

  if (child == NULL)
    return output_failed (GSF_OUTPUT (folder), full, error);
  ok = gsf_output_write (child, size, data);
  ok = gsf_output_close (child) && ok;
  if (!ok)
    output_failed (child, full, error);
  g_object_unref (child);
  if (!ok)
    return FALSE;

  if (media_type != NULL)
    {
      ManifestEntry entry = { g_steal_pointer (&full), g_strdup (media_type) };
      g_array_append_val (w->manifest, entry);
    }
  return TRUE;
}

/* Adds a picture under Pictures/ and returns its path in the package */
static char *
write_picture (Writer        *w,
               const char    *extension,
               const char    *media_type,
               gconstpointer  data,
               gsize          size,
               GError       **error)
{
  g_autofree char *name = NULL;

  if (w->pictures == NULL)
    {
      w->pictures = GSF_OUTFILE (gsf_outfile_new_child (w->zip, "Pictures", TRUE));
      if (w->pictures == NULL)
        {
          output_failed (GSF_OUTPUT (w->zip), "Pictures", error);
          return NULL;
        }
    }
  name = g_strdup_printf ("%04u.%s", ++w->n_pictures, extension);
  /* PNG and JPEG are compressed already: storing them saves the time */
  if (!write_member (w, w->pictures, "Pictures", name, media_type, data, size,
                     !g_str_equal (extension, "svg"), error))
    return NULL;
  return g_strconcat ("Pictures/", name, NULL);
}

/* ------------------------------------------------------------ XML helpers */

#define X(s) ((const xmlChar *) (s))

static void
start (Writer     *w,
       const char *element)
{
  xmlTextWriterStartElement (w->body, X (element));
}

static void
end (Writer *w)
{
  xmlTextWriterEndElement (w->body);
}

static void
attr (Writer     *w,
      const char *name,
      const char *value)
{
  xmlTextWriterWriteAttribute (w->body, X (name), X (value));
}

static void G_GNUC_PRINTF (3, 4)
attr_printf (Writer     *w,
             const char *name,
             const char *format,
             ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  attr (w, name, value);
}

/* Text as ODF wants it: runs of spaces as text:s, tabs and line breaks as
 * elements, since a consumer collapses white space */
static void
text (Writer     *w,
      const char *text)
{
  g_autoptr(GString) chunk = g_string_new (NULL);
  gboolean after_space = FALSE;

  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    {
      guint spaces = 0;

      if (*p == ' ' && after_space)
        {
          while (p[spaces] == ' ')
            spaces++;
          p += spaces - 1;
        }
      else if (*p != '\t' && *p != '\n' && *p != '\r')
        {
          g_string_append_c (chunk, *p);
          after_space = *p == ' ';
          continue;
        }

      if (chunk->len > 0)
        xmlTextWriterWriteString (w->body, X (chunk->str));
      g_string_truncate (chunk, 0);
      if (spaces > 0)
        {
          start (w, "text:s");
          if (spaces > 1)
            attr_printf (w, "text:c", "%u", spaces);
          end (w);
        }
      else if (*p == '\t')
        {
          start (w, "text:tab");
          end (w);
        }
      else if (*p == '\n')
        {
          start (w, "text:line-break");
          end (w);
        }
      after_space = FALSE;
    }
  if (chunk->len > 0)
    xmlTextWriterWriteString (w->body, X (chunk->str));
}

static void
paragraph (Writer     *w,
           const char *style,
           const char *content)
{
  start (w, "text:p");
  attr (w, "text:style-name", style);
  text (w, content);
  end (w);
}

static void
bookmark (Writer     *w,
          const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  start (w, "text:bookmark");
  attr (w, "text:name", name);
  end (w);
}

static char *
cm (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.3f", value);
  return g_strconcat (buffer, "cm", NULL);
}

/* ------------------------------------------------------------ paragraphs */

static void
close_list (Writer *w)
{
  if (w->open_list == VERKAN_REPORT_ITEM_PARAGRAPH)
    return;
  end (w);   /* text:list */
  w->open_list = VERKAN_REPORT_ITEM_PARAGRAPH;
}

static void
write_note (Writer                *w,
            const VerkanReportRun *run)
{
  g_autofree char *citation = g_strdup_printf ("%u", run->footnote);

  start (w, "text:note");
  attr_printf (w, "text:id", "ftn%u", ++w->n_notes);
  attr (w, "text:note-class", "footnote");
  start (w, "text:note-citation");
  text (w, citation);
  end (w);
  start (w, "text:note-body");
  paragraph (w, "Footnote", run->text);
  end (w);
  end (w);
}

static void
write_runs (Writer    *w,
            GPtrArray *runs)
{
  if (runs == NULL)
    return;
  for (guint i = 0; i < runs->len; i++)
    {
      const VerkanReportRun *run = g_ptr_array_index (runs, i);
      gboolean bold = (run->flags & VERKAN_REPORT_SPAN_BOLD) != 0;
      gboolean italic = (run->flags & VERKAN_REPORT_SPAN_ITALIC) != 0;
      const char *style = bold && italic ? "T_bi" : bold ? "T_b" : italic ? "T_i" : NULL;

      if (run->footnote > 0)
        {
          write_note (w, run);
          continue;
        }
      if (run->href != NULL && *run->href != '\0')
        {
          start (w, "text:a");
          attr (w, "xlink:type", "simple");
          attr (w, "xlink:href", run->href);
          attr (w, "text:style-name", "Internet_20_link");
          attr (w, "text:visited-style-name", "Visited_20_Internet_20_Link");
        }
      if (style != NULL)
        {
          start (w, "text:span");
          attr (w, "text:style-name", style);
        }
      text (w, run->text);
      if (style != NULL)
        end (w);
      if (run->href != NULL && *run->href != '\0')
        end (w);
    }
}

static void
write_heading (Writer                  *w,
               const VerkanReportBlock *block)
{
  guint level = CLAMP (block->level, 1, 6);
  g_autofree char *style = g_strdup_printf ("Heading_20_%u", MIN (level, 4));

  close_list (w);
  start (w, "text:h");
  if (level == 1 && w->next_h1_breaks)
    {
      attr (w, "text:style-name", "H1_break");
      w->next_h1_breaks = FALSE;
    }
  else
    attr (w, "text:style-name", style);
  attr_printf (w, "text:outline-level", "%u", level);
  bookmark (w, block->anchor);
  if (block->number != NULL && *block->number != '\0')
    {
      text (w, block->number);
      text (w, " ");
    }
  text (w, block->text);
  end (w);
}

static void
write_paragraph (Writer                  *w,
                 const VerkanReportBlock *block)
{
  VerkanReportItemKind style = block->style;

  if (style != VERKAN_REPORT_ITEM_BULLET && style != VERKAN_REPORT_ITEM_NUMBERED)
    style = VERKAN_REPORT_ITEM_PARAGRAPH;

  /* a numbered run that starts again at 1 is a new list */
  if (w->open_list != style ||
      (style == VERKAN_REPORT_ITEM_NUMBERED && block->list_number == 1))
    {
      close_list (w);
      if (style != VERKAN_REPORT_ITEM_PARAGRAPH)
        {
          start (w, "text:list");
          attr (w, "text:style-name",
                style == VERKAN_REPORT_ITEM_BULLET ? "List_20_Bullet" : "Numbering_20_123");
          w->open_list = style;
          w->list_has_items = FALSE;
        }
    }

  if (style != VERKAN_REPORT_ITEM_PARAGRAPH)
    {
      start (w, "text:list-item");
      /* a list that goes on after something else: its first item */
      if (style == VERKAN_REPORT_ITEM_NUMBERED && block->list_number > 1 && !w->list_has_items)
        attr_printf (w, "text:start-value", "%u", block->list_number);
      w->list_has_items = TRUE;
    }
  start (w, "text:p");
  attr (w, "text:style-name", style == VERKAN_REPORT_ITEM_PARAGRAPH ? "Text_20_body" : "List_20_Contents");
  bookmark (w, block->anchor);
  write_runs (w, block->runs);
  end (w);
  if (style != VERKAN_REPORT_ITEM_PARAGRAPH)
    end (w);
}

/* "Tabell 2: caption": the word, then the number as a sequence field, so
 * that LibreOffice numbers it anew when figures move */
static void
write_caption (Writer     *w,
               const char *anchor,
               const char *label,
               const char *caption,
               gboolean    above)
{
  const char *space = label ? strrchr (label, ' ') : NULL;
  const char *number = space ? space + 1 : NULL;
  gboolean numbered = number != NULL && *number != '\0' &&
                      strspn (number, "0123456789") == strlen (number);

  start (w, "text:p");
  attr (w, "text:style-name", above ? "Caption_20_Above" : "Caption");
  bookmark (w, anchor);
  if (numbered)
    {
      g_autofree char *word_part = g_strndup (label, space - label);
      g_autofree char *name = g_strdup (word_part);

      g_strdelimit (name, " ", '_');
      if (!g_ptr_array_find_with_equal_func (w->sequences, name, g_str_equal, NULL))
        g_ptr_array_add (w->sequences, g_strdup (name));

      text (w, word_part);
      text (w, " ");
      start (w, "text:sequence");
      attr_printf (w, "text:ref-name", "ref%s%s", name, number);
      attr (w, "text:name", name);
      attr_printf (w, "text:formula", "ooow:%s+1", name);
      attr (w, "style:num-format", "1");
      text (w, number);
      end (w);
      if (caption != NULL && *caption != '\0')
        text (w, ": ");
    }
  else if (label != NULL && *label != '\0')
    {
      text (w, label);
      if (caption != NULL && *caption != '\0')
        text (w, ": ");
    }
  text (w, caption);
  end (w);
}

static void
write_source (Writer     *w,
              const char *source)
{
  if (source != NULL && *source != '\0')
    paragraph (w, "Source", source);
}

/* ------------------------------------------------------------ tables */

static void
write_cell (Writer     *w,
            const char *cell_style,
            const char *paragraph_style,
            const char *content)
{
  start (w, "table:table-cell");
  attr (w, "table:style-name", cell_style);
  attr (w, "office:value-type", "string");
  paragraph (w, paragraph_style, content ? content : "");
  end (w);
}

static void
write_row (Writer                  *w,
           const VerkanReportBlock *block,
           GStrv                    cells,
           gboolean                 header,
           gboolean                 sum)
{
  guint n_cells = cells ? g_strv_length (cells) : 0;

  start (w, "table:table-row");
  for (guint c = 0; c < block->n_columns; c++)
    {
      gboolean right = block->align != NULL && block->align[c] == VERKAN_REPORT_ALIGN_RIGHT;
      const char *cell_style = header ? "C_head" : sum ? "C_sum" : "C_body";
      const char *style = header ? (right ? "P_head_right" : "Table_20_Heading")
                        : sum ? (right ? "P_sum_right" : "P_sum")
                        : (right ? "P_right" : "Table_20_Contents");

      write_cell (w, cell_style, style, c < n_cells ? cells[c] : "");
    }
  end (w);
}

static void
write_table (Writer                  *w,
             const VerkanReportBlock *block)
{
  guint n_rows = block->rows ? block->rows->len : 0;
  guint n_header = MIN (block->n_header_rows, n_rows);
  guint table = ++w->n_tables;
  double total = 0;

  close_list (w);
  if (block->n_columns == 0)
    return;

  /* the caption above the table and kept with it */
  write_caption (w, block->anchor, block->label, block->text, TRUE);

  for (guint c = 0; c < block->n_columns; c++)
    total += block->widths != NULL && block->widths[c] > 0 ? block->widths[c] : 1.0;
  g_string_append_printf (w->autos,
                          "<style:style style:name=\"Tbl%u\" style:family=\"table\">"
                          "<style:table-properties style:width=\"%scm\" table:align=\"margins\""
                          " fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.35cm\""
                          " style:may-break-between-rows=\"true\"/></style:style>\n",
                          table, "16");
  for (guint c = 0; c < block->n_columns; c++)
    {
      double weight = block->widths != NULL && block->widths[c] > 0 ? block->widths[c] : 1.0;
      g_autofree char *width = cm (TEXT_WIDTH_CM * weight / total);

      g_string_append_printf (w->autos,
                              "<style:style style:name=\"Tbl%u.C%u\" style:family=\"table-column\">"
                              "<style:table-column-properties style:column-width=\"%s\""
                              " style:rel-column-width=\"%u*\"/></style:style>\n",
                              table, c + 1, width, (guint) lround (weight / total * 65535));
    }

  start (w, "table:table");
  attr_printf (w, "table:name", "Table%u", table);
  attr_printf (w, "table:style-name", "Tbl%u", table);
  for (guint c = 0; c < block->n_columns; c++)
    {
      start (w, "table:table-column");
      attr_printf (w, "table:style-name", "Tbl%u.C%u", table, c + 1);
      end (w);
    }
  if (n_header > 0)
    {
      /* repeated on every page the table runs over */
      start (w, "table:table-header-rows");
      for (guint r = 0; r < n_header; r++)
        write_row (w, block, g_ptr_array_index (block->rows, r), TRUE, FALSE);
      end (w);
    }
  for (guint r = n_header; r < n_rows; r++)
    write_row (w, block, g_ptr_array_index (block->rows, r), FALSE,
               block->last_row_is_sum && r == n_rows - 1);
  end (w);

  write_source (w, block->source);
}

/* ------------------------------------------------------------ pictures */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef void (*DrawFunc) (gconstpointer what, cairo_t *cr, double width, double height);

static void
draw_figure (gconstpointer what, cairo_t *cr, double width, double height)
{
  verkan_report_figure_draw (what, cr, width, height);
}

static void
draw_model (gconstpointer what, cairo_t *cr, double width, double height)
{
  verkan_report_model_draw ((VerkanModelSnapshot *) what, cr, width, height);
}

/* Draws @what as SVG (when @svg) and as PNG at @png_scale pixels per point;
 * returns the paths of the pictures in the package */
static gboolean
draw_pictures (Writer        *w,
               DrawFunc       draw,
               gconstpointer  what,
               double         width_pt,
               double         height_pt,
               gboolean       svg,
               double         png_scale,
               char         **svg_path,
               char         **png_path,
               GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (svg)
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width_pt, height_pt);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      cr = cairo_create (surface);
      draw (what, cr, width_pt, height_pt);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not draw a figure: %s"), cairo_status_to_string (status));
          return FALSE;
        }
      *svg_path = write_picture (w, "svg", "image/svg+xml", bytes->data, bytes->len, error);
      if (*svg_path == NULL)
        return FALSE;
      g_byte_array_set_size (bytes, 0);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        MAX (1, (int) ceil (width_pt * png_scale)),
                                        MAX (1, (int) ceil (height_pt * png_scale)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, png_scale, png_scale);
  draw (what, cr, width_pt, height_pt);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw a figure: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  *png_path = write_picture (w, "png", "image/png", bytes->data, bytes->len, error);
  return *png_path != NULL;
}

static void
write_image_element (Writer     *w,
                     const char *path,
                     const char *media_type)
{
  start (w, "draw:image");
  attr (w, "xlink:href", path);
  attr (w, "xlink:type", "simple");
  attr (w, "xlink:show", "embed");
  attr (w, "xlink:actuate", "onLoad");
  attr (w, "draw:mime-type", media_type);
  end (w);
}

/* A paragraph holding one frame with the pictures, the first one preferred */
static void
write_frame (Writer     *w,
             const char *paragraph_style,
             double      width_cm,
             double      height_cm,
             const char *svg_path,
             const char *png_path,
             const char *picture_type,
             const char *description)
{
  g_autofree char *width = cm (width_cm);
  g_autofree char *height = cm (height_cm);

  start (w, "text:p");
  attr (w, "text:style-name", paragraph_style);
  start (w, "draw:frame");
  attr (w, "draw:style-name", "fr1");
  attr_printf (w, "draw:name", "Picture%u", ++w->n_frames);
  attr (w, "text:anchor-type", "as-char");
  attr (w, "svg:width", width);
  attr (w, "svg:height", height);
  attr (w, "draw:z-index", "0");
  if (svg_path != NULL)
    write_image_element (w, svg_path, "image/svg+xml");
  if (png_path != NULL)
    write_image_element (w, png_path, picture_type ? picture_type : "image/png");
  if (description != NULL && *description != '\0')
    {
      /* the alternative text a screen reader reads */
      start (w, "svg:title");
      text (w, description);
      end (w);
    }
  end (w);
  end (w);
}

/* The largest size of @aspect (width / height) within the box, in cm */
static void
fit (double  aspect,
     double  max_width,
     double  max_height,
     double *width,
     double *height)
{
  if (!(aspect > 0.05) || !isfinite (aspect))
    aspect = 1.6;
  *width = max_width;
  *height = max_width / aspect;
  if (*height > max_height)
    {
      *height = max_height;
      *width = max_height * aspect;
    }
}

static gboolean
write_figure (Writer                  *w,
              const VerkanReportBlock *block,
              GError                 **error)
{
  g_autofree char *svg_path = NULL;
  g_autofree char *png_path = NULL;
  double width, height;

  close_list (w);
  fit (block->aspect, TEXT_WIDTH_CM, FIGURE_MAX_CM, &width, &height);
  if (!draw_pictures (w, draw_figure, block, width / CM_PER_POINT, height / CM_PER_POINT,
                      TRUE, FIGURE_PNG_SCALE, &svg_path, &png_path, error))
    return FALSE;

  write_frame (w, "Figure", width, height, svg_path, png_path, "image/png",
               block->text != NULL ? block->text : block->label);
  write_caption (w, block->anchor, block->label, block->text, FALSE);
  write_source (w, block->source);
  return TRUE;
}

/* ------------------------------------------------------------ appendices */

static void
appendix_note (Writer     *w,
               const char *note)
{
  paragraph (w, "Text_20_body", note);
}

/* Each appendix starts a page, the first one right under "Bilagor" */
static void
appendix_heading (Writer                     *w,
                  const VerkanReportAppendix *appendix,
                  gboolean                    first)
{
  g_autofree char *fallback = NULL;
  const char *label = appendix->label;

  if (label == NULL || *label == '\0')
    label = fallback = g_strdup_printf ("%s %u: %s", word (w, "Appendix"),
                                        appendix->number,
                                        appendix->title ? appendix->title : "");
  start (w, "text:h");
  attr (w, "text:style-name", first ? "Heading_20_2" : "H2_break");
  attr (w, "text:outline-level", "2");
  {
    g_autofree char *anchor = g_strdup_printf ("appendix-%u", appendix->number);
    bookmark (w, anchor);
  }
  text (w, label);
  end (w);
}

static gboolean
write_image_appendix (Writer                     *w,
                      const VerkanReportAppendix *appendix,
                      GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *picture = NULL;
  g_autofree char *png = NULL;
  const char *type = appendix->mime_type;
  gsize size = 0;
  int pixel_width = 0, pixel_height = 0;
  double width, height;

  if (appendix->path == NULL || !g_file_get_contents (appendix->path, &contents, &size, NULL) ||
      gdk_pixbuf_get_file_info (appendix->path, &pixel_width, &pixel_height) == NULL ||
      pixel_width <= 0 || pixel_height <= 0)
    {
      appendix_note (w, word (w, "The appendix could not be read."));
      return TRUE;
    }

  /* PNG and JPEG go in as they are; anything else as a PNG */
  if (type == NULL || !(g_str_equal (type, "image/png") || g_str_equal (type, "image/jpeg")))
    {
      pixbuf = gdk_pixbuf_new_from_file (appendix->path, NULL);
      if (pixbuf == NULL ||
          !gdk_pixbuf_save_to_buffer (pixbuf, &png, &size, "png", NULL, NULL))
        {
          appendix_note (w, word (w, "The appendix could not be read."));
          return TRUE;
        }
      type = "image/png";
    }

  picture = write_picture (w, g_str_equal (type, "image/jpeg") ? "jpg" : "png", type,
                           png ? png : contents, size, &local_error);
  if (picture == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  fit ((double) pixel_width / pixel_height, TEXT_WIDTH_CM, FIGURE_MAX_CM, &width, &height);
  write_frame (w, "Figure", width, height, NULL, picture, type, appendix->title);
  return TRUE;
}

/* The pages of a PDF appendix are drawn as PNG in worker threads, each
 * with its own PopplerDocument (one document is not safe across threads),
 * and written into the package in order as they come: encoding the PNGs
 * is most of an ODT export's time. */
typedef struct {
  char         *uri;
  int           n_pages;
  GCancellable *cancellable;
  GMutex        lock;
  GCond         ready;
  int           next;          /* the next page a worker takes */
  GBytes      **pngs;          /* per page; an empty GBytes when it failed */
  double       *sizes;         /* per page: width, height in points */
  gboolean      stop;
} PageJob;

static GBytes *
encode_page (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize size = 0;

  /* cairo's RGB24 is a native-endian 32-bit word per pixel */
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      guchar *out = pixels + (gsize) y * rowstride;

      for (int x = 0; x < width; x++, out += 3)
        {
          out[0] = (row[x] >> 16) & 0xff;
          out[1] = (row[x] >> 8) & 0xff;
          out[2] = row[x] & 0xff;
        }
    }
  /* JPEG: about four times faster to encode than even the fastest PNG,
   * and at this resolution a page of text still reads cleanly */
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "88", NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (buffer, size);
}

static GBytes *
render_page (PopplerDocument *pdf,
             int              index,
             double          *width,
             double          *height)
{
  PopplerPage *page = poppler_document_get_page (pdf, index);
  cairo_surface_t *surface;
  GBytes *png;
  cairo_t *cr;

  *width = *height = 0;
  if (page == NULL)
    return g_bytes_new (NULL, 0);
  poppler_page_get_size (page, width, height);
  if (!(*width > 1 && *height > 1 && *width < 14400 && *height < 14400))
    {
      g_object_unref (page);
      return g_bytes_new (NULL, 0);
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (*width * PDF_PAGE_SCALE),
                                        (int) ceil (*height * PDF_PAGE_SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PDF_PAGE_SCALE, PDF_PAGE_SCALE);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  png = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS ? encode_page (surface)
                                                               : g_bytes_new (NULL, 0);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  return png;
}

static gpointer
page_worker (gpointer data)
{
  PageJob *job = data;
  PopplerDocument *pdf = poppler_document_new_from_file (job->uri, NULL, NULL);

  for (;;)
    {
      double width = 0, height = 0;
      GBytes *png;
      int index;

      g_mutex_lock (&job->lock);
      index = job->stop || g_cancellable_is_cancelled (job->cancellable) ? job->n_pages
                                                                         : job->next++;
      g_mutex_unlock (&job->lock);
      if (index >= job->n_pages)
        break;

      png = pdf != NULL ? render_page (pdf, index, &width, &height) : g_bytes_new (NULL, 0);
      g_mutex_lock (&job->lock);
      job->pngs[index] = png;
      job->sizes[2 * index] = width;
      job->sizes[2 * index + 1] = height;
      g_cond_broadcast (&job->ready);
      g_mutex_unlock (&job->lock);
    }

  /* the pages no one will draw now: let the writer stop waiting */
  g_mutex_lock (&job->lock);
  g_cond_broadcast (&job->ready);
  g_mutex_unlock (&job->lock);
  g_clear_object (&pdf);
  return NULL;
}

/* The page @index as drawn, waiting for it; NULL when the job stopped */
static GBytes *
take_page (PageJob *job,
           int      index)
{
  GBytes *png;

  g_mutex_lock (&job->lock);
  while (job->pngs[index] == NULL && !job->stop &&
         !(g_cancellable_is_cancelled (job->cancellable) && job->next <= index))
    g_cond_wait (&job->ready, &job->lock);
  png = g_steal_pointer (&job->pngs[index]);
  g_mutex_unlock (&job->lock);
  return png;
}

static gboolean
write_pdf_appendix (Writer                     *w,
                    const VerkanReportAppendix *appendix,
                    PopplerDocument            *pdf,
                    GError                    **error)
{
  const char *stage = _("Adding the appendices");
  int n_pages = pdf ? poppler_document_get_n_pages (pdf) : 0;
  int n_drawn = MIN (n_pages, PDF_MAX_PAGES);
  guint n_threads = CLAMP (g_get_num_processors (), 1, 4);
  GThread *threads[4] = { NULL };
  PageJob job = { 0 };
  gboolean ok = TRUE;
  int n_written = 0;

  if (pdf == NULL)
    {
      appendix_note (w, appendix->path == NULL
                        ? word (w, "The appendix is delivered separately.")
                        : word (w, "The appendix could not be read."));
      return TRUE;
    }

  job.uri = g_filename_to_uri (appendix->path, NULL, NULL);
  job.n_pages = n_drawn;
  job.cancellable = w->cancellable;
  job.pngs = g_new0 (GBytes *, MAX (n_drawn, 1));
  job.sizes = g_new0 (double, 2 * MAX (n_drawn, 1));
  g_mutex_init (&job.lock);
  g_cond_init (&job.ready);
  n_threads = MIN (n_threads, (guint) MAX (n_drawn, 1));
  for (guint t = 0; t < n_threads && n_drawn > 0; t++)
    threads[t] = g_thread_new ("verkan-odt-pages", page_worker, &job);

  for (int i = 0; i < n_drawn && ok; i++)
    {
      g_autoptr(GBytes) png = take_page (&job, i);
      g_autofree char *png_path = NULL;
      g_autofree char *description = NULL;
      double page_width = job.sizes[2 * i], page_height = job.sizes[2 * i + 1];
      double width, height;

      if (png == NULL)
        {
          /* stopped: cancelled */
          ok = !g_cancellable_set_error_if_cancelled (w->cancellable, error);
          break;
        }
      if (g_bytes_get_size (png) == 0)
        continue;
      png_path = write_picture (w, "jpg", "image/jpeg", g_bytes_get_data (png, NULL),
                                g_bytes_get_size (png), error);
      if (png_path == NULL)
        {
          ok = FALSE;
          break;
        }
      fit (page_width / page_height, TEXT_WIDTH_CM, APPENDIX_MAX_CM, &width, &height);
      description = g_strdup_printf ("%s, %s %d", appendix->title ? appendix->title : "",
                                     word (w, "Page"), i + 1);
      /* the first page under the appendix's heading, the others on their own */
      write_frame (w, n_written++ == 0 ? "Appendix_20_Page" : "P_page_break", width, height,
                   NULL, png_path, "image/jpeg", description);
      ok = step (w, UNITS_PDF_PAGE, stage, error);
    }

  g_mutex_lock (&job.lock);
  job.stop = TRUE;
  g_mutex_unlock (&job.lock);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);
  for (int i = 0; i < n_drawn; i++)
    g_clear_pointer (&job.pngs[i], g_bytes_unref);
  g_free (job.pngs);
  g_free (job.sizes);
  g_free (job.uri);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.ready);
  if (!ok)
    return FALSE;

  if (n_written == 0)
    appendix_note (w, word (w, "The appendix could not be read."));
  if (n_drawn < n_pages)
    {
      /* in the report's words: "Sida 31–100: Bilagan levereras separat." */
      g_autofree char *note = g_strdup_printf ("%s %d–%d: %s", word (w, "Page"),
                                               n_drawn + 1, n_pages,
                                               word (w, "The appendix is delivered separately."));
      paragraph (w, "Text_20_body", note);
    }
  return TRUE;
}

static gboolean
write_appendices (Writer  *w,
                  GError **error)
{
  const char *stage = _("Adding the appendices");
  GPtrArray *appendices = w->doc->appendices;

  if (appendices == NULL || appendices->len == 0)
    return TRUE;

  close_list (w);
  start (w, "text:h");
  attr (w, "text:style-name", "H1_break");
  attr (w, "text:outline-level", "1");
  bookmark (w, "appendices");
  text (w, word (w, "Appendices"));
  end (w);

  for (guint i = 0; i < appendices->len; i++)
    {
      const VerkanReportAppendix *appendix = g_ptr_array_index (appendices, i);

      appendix_heading (w, appendix, i == 0);
      switch (appendix->kind)
        {
        case VERKAN_REPORT_APPENDIX_PDF:
          if (!write_pdf_appendix (w, appendix, w->pdfs[i], error))
            return FALSE;
          break;

        case VERKAN_REPORT_APPENDIX_IMAGE:
          if (!write_image_appendix (w, appendix, error))
            return FALSE;
          break;

        case VERKAN_REPORT_APPENDIX_MODEL:
          if (appendix->model != NULL)
            {
              g_autofree char *svg_path = NULL;
              g_autofree char *png_path = NULL;
              double width, height;

              fit (verkan_report_model_aspect (appendix->model), TEXT_WIDTH_CM, APPENDIX_MAX_CM, &width, &height);
              if (!draw_pictures (w, draw_model, appendix->model,
                                  width / CM_PER_POINT, height / CM_PER_POINT, TRUE,
                                  FIGURE_PNG_SCALE, &svg_path, &png_path, error))
                return FALSE;
              write_frame (w, "Figure", width, height, svg_path, png_path, "image/png",
                           appendix->title);
            }
          else
            appendix_note (w, word (w, "The appendix is delivered separately."));
          break;

        case VERKAN_REPORT_APPENDIX_OTHER:
        default:
          {
            g_autofree char *note = NULL;

            if (appendix->file_name != NULL && *appendix->file_name != '\0')
              note = g_strdup_printf ("%s (%s)", word (w, "The appendix is delivered separately."),
                                      appendix->file_name);
            appendix_note (w, note ? note : word (w, "The appendix is delivered separately."));
          }
          break;
        }
      if (!step (w, 1, stage, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ cover and contents */

static void
cover_line (Writer     *w,
            const char *label,
            const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = label ? g_strdup_printf ("%s: %s", label, value) : g_strdup (value);
  paragraph (w, "Cover_20_Details", line);
}

static void
write_cover (Writer *w)
{
  const VerkanReportDocument *doc = w->doc;

  /* the first paragraph starts the cover's page style, which has no
   * header or footer */
  paragraph (w, "P_cover", doc->title ? doc->title : "");
  if (doc->subtitle != NULL && *doc->subtitle != '\0')
    paragraph (w, "Subtitle", doc->subtitle);
  paragraph (w, "Cover_20_Space", "");
  cover_line (w, NULL, doc->author);
  cover_line (w, NULL, doc->date);
  cover_line (w, word (w, "Report number"), doc->report_number);
  cover_line (w, word (w, "Dnr"), doc->dnr);
  cover_line (w, word (w, "Project owner"), doc->owner);
  cover_line (w, word (w, "Financier"), doc->financier);
}

static void
write_contents_entry (Writer     *w,
                      guint       level,
                      const char *anchor,
                      const char *number,
                      const char *title)
{
  g_autofree char *style = g_strdup_printf ("Contents_20_%u", CLAMP (level, 1, 3));

  start (w, "text:p");
  attr (w, "text:style-name", style);
  if (anchor != NULL && *anchor != '\0')
    {
      start (w, "text:a");
      attr (w, "xlink:type", "simple");
      attr_printf (w, "xlink:href", "#%s", anchor);
      attr (w, "text:style-name", "Index_20_Link");
      attr (w, "text:visited-style-name", "Index_20_Link");
    }
  if (number != NULL && *number != '\0')
    {
      text (w, number);
      text (w, " ");
    }
  text (w, title);
  if (anchor != NULL && *anchor != '\0')
    end (w);
  end (w);
}

static void
write_contents_template (Writer *w,
                         guint   level)
{
  g_autofree char *style = g_strdup_printf ("Contents_20_%u", CLAMP (level, 1, 3));

  start (w, "text:table-of-content-entry-template");
  attr_printf (w, "text:outline-level", "%u", level);
  attr (w, "text:style-name", style);
  start (w, "text:index-entry-link-start");
  attr (w, "text:style-name", "Index_20_Link");
  end (w);
  start (w, "text:index-entry-text");
  end (w);
  start (w, "text:index-entry-tab-stop");
  attr (w, "style:type", "right");
  attr (w, "style:leader-char", ".");
  end (w);
  start (w, "text:index-entry-page-number");
  end (w);
  start (w, "text:index-entry-link-end");
  end (w);
  end (w);
}

/* A contents field LibreOffice updates (Tools ▸ Update), written filled
 * in with the headings so it reads right before that; the page numbers
 * come with the first update, since only LibreOffice knows its pages */
static void
write_contents (Writer *w)
{
  const VerkanReportDocument *doc = w->doc;
  const char *title = word (w, "Contents");

  start (w, "text:table-of-content");
  attr (w, "text:style-name", "Sect_toc");
  attr (w, "text:protected", "true");
  attr (w, "text:name", "Contents");

  start (w, "text:table-of-content-source");
  attr (w, "text:outline-level", "3");
  attr (w, "text:use-index-marks", "false");
  start (w, "text:index-title-template");
  attr (w, "text:style-name", "Contents_20_Heading");
  text (w, title);
  end (w);
  for (guint level = 1; level <= 3; level++)
    write_contents_template (w, level);
  end (w);

  start (w, "text:index-body");
  start (w, "text:index-title");
  attr (w, "text:style-name", "Sect_toc");
  attr (w, "text:name", "Contents_Head");
  paragraph (w, "P_contents_title", title);
  end (w);
  for (guint i = 0; doc->blocks != NULL && i < doc->blocks->len; i++)
    {
      const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind == VERKAN_REPORT_BLOCK_HEADING && block->level >= 1 && block->level <= 3)
        write_contents_entry (w, block->level, block->anchor, block->number, block->text);
    }
  if (!(w->flags & VERKAN_REPORT_EXPORT_NO_APPENDICES) &&
      doc->appendices != NULL && doc->appendices->len > 0)
    {
      write_contents_entry (w, 1, "appendices", NULL, word (w, "Appendices"));
      for (guint i = 0; i < doc->appendices->len; i++)
        {
          const VerkanReportAppendix *appendix = g_ptr_array_index (doc->appendices, i);
          g_autofree char *anchor = g_strdup_printf ("appendix-%u", appendix->number);
          g_autofree char *fallback = g_strdup_printf ("%s %u: %s", word (w, "Appendix"),
                                                       appendix->number,
                                                       appendix->title ? appendix->title : "");

          write_contents_entry (w, 2, anchor, NULL,
                                appendix->label && *appendix->label ? appendix->label : fallback);
        }
    }
  end (w);
  end (w);
}

/* ------------------------------------------------------------ the parts */

static const char NAMESPACES[] =
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
  " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
  " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
  " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
  " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
  " xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\""
  " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
  " xmlns:ooow=\"http://openoffice.org/2004/writer\""
  " office:version=\"1.3\"";

static const char FONT_FACES[] =
  "<office:font-face-decls>"
  "<style:font-face style:name=\"Carlito\" svg:font-family=\"Carlito\""
  " style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>"
  "</office:font-face-decls>\n";

/* Styles used only in content.xml, the same for every report */
static const char CONTENT_STYLES[] =
  "<style:style style:name=\"T_b\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>\n"
  "<style:style style:name=\"T_i\" style:family=\"text\"><style:text-properties fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"/></style:style>\n"
  "<style:style style:name=\"T_bi\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" fo:font-style=\"italic\"/></style:style>\n"
  "<style:style style:name=\"P_cover\" style:family=\"paragraph\" style:parent-style-name=\"Title\" style:master-page-name=\"First_20_Page\"/>\n"
  "<style:style style:name=\"P_contents_title\" style:family=\"paragraph\" style:parent-style-name=\"Contents_20_Heading\">"
  "<style:paragraph-properties fo:break-before=\"page\"/></style:style>\n"
  "<style:style style:name=\"H1_break\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_1\" style:default-outline-level=\"1\">"
  "<style:paragraph-properties fo:break-before=\"page\"/></style:style>\n"
  "<style:style style:name=\"H2_break\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\" style:default-outline-level=\"2\">"
  "<style:paragraph-properties fo:break-before=\"page\"/></style:style>\n"
  "<style:style style:name=\"P_page_break\" style:family=\"paragraph\" style:parent-style-name=\"Appendix_20_Page\">"
  "<style:paragraph-properties fo:break-before=\"page\"/></style:style>\n"
  "<style:style style:name=\"P_right\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
  "<style:paragraph-properties fo:text-align=\"end\"/></style:style>\n"
  "<style:style style:name=\"P_head_right\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Heading\">"
  "<style:paragraph-properties fo:text-align=\"end\"/></style:style>\n"
  "<style:style style:name=\"P_sum\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
  "<style:text-properties fo:font-weight=\"bold\"/></style:style>\n"
  "<style:style style:name=\"P_sum_right\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
  "<style:paragraph-properties fo:text-align=\"end\"/><style:text-properties fo:font-weight=\"bold\"/></style:style>\n"
  "<style:style style:name=\"C_head\" style:family=\"table-cell\"><style:table-cell-properties fo:background-color=\"#e4eaf2\""
  " fo:padding=\"0.08cm\" fo:border-top=\"none\" fo:border-left=\"none\" fo:border-right=\"none\" fo:border-bottom=\"0.75pt solid #1c3f6e\"/></style:style>\n"
  "<style:style style:name=\"C_body\" style:family=\"table-cell\"><style:table-cell-properties"
  " fo:padding=\"0.08cm\" fo:border-top=\"none\" fo:border-left=\"none\" fo:border-right=\"none\" fo:border-bottom=\"0.5pt solid #c0c6cf\"/></style:style>\n"
  "<style:style style:name=\"C_sum\" style:family=\"table-cell\"><style:table-cell-properties"
  " fo:padding=\"0.08cm\" fo:border-left=\"none\" fo:border-right=\"none\" fo:border-top=\"0.75pt solid #1c3f6e\" fo:border-bottom=\"0.75pt solid #1c3f6e\"/></style:style>\n"
  "<style:style style:name=\"Sect_toc\" style:family=\"section\"><style:section-properties style:editable=\"false\"/></style:style>\n"
  "<style:style style:name=\"fr1\" style:family=\"graphic\" style:parent-style-name=\"Graphics\">"
  "<style:graphic-properties style:vertical-pos=\"top\" style:vertical-rel=\"baseline\""
  " fo:border=\"none\" fo:padding=\"0cm\" style:mirror=\"none\" fo:clip=\"rect(0cm, 0cm, 0cm, 0cm)\""
  " draw:color-mode=\"standard\"/></style:style>\n";

static GBytes *
content_xml (Writer *w)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  xmlTextWriterFlush (w->body);
  g_string_append_printf (xml, "<office:document-content%s>\n", NAMESPACES);
  g_string_append (xml, FONT_FACES);
  g_string_append (xml, "<office:automatic-styles>\n");
  g_string_append (xml, CONTENT_STYLES);
  g_string_append_len (xml, w->autos->str, w->autos->len);
  g_string_append (xml, "</office:automatic-styles>\n<office:body><office:text>\n");
  g_string_append (xml, "<text:sequence-decls>");
  /* LibreOffice's own, and the report's words */
  {
    const char *own[] = { "Illustration", "Table", "Text", "Drawing", "Figure" };

    for (guint i = 0; i < G_N_ELEMENTS (own); i++)
      if (!g_ptr_array_find_with_equal_func (w->sequences, own[i], g_str_equal, NULL))
        g_string_append_printf (xml, "<text:sequence-decl text:display-outline-level=\"0\" text:name=\"%s\"/>", own[i]);
    for (guint i = 0; i < w->sequences->len; i++)
      {
        g_autofree char *name = g_markup_escape_text (g_ptr_array_index (w->sequences, i), -1);
        g_string_append_printf (xml, "<text:sequence-decl text:display-outline-level=\"0\" text:name=\"%s\"/>", name);
      }
  }
  g_string_append (xml, "</text:sequence-decls>\n");
  g_string_append_len (xml, (const char *) xmlBufferContent (w->body_buf),
                       xmlBufferLength (w->body_buf));
  g_string_append (xml, "\n</office:text></office:body></office:document-content>\n");
  return g_string_free_to_bytes (xml);
}

/* The named styles: what a person editing the report further finds in
 * LibreOffice's style list ("Heading 1", "Text Body", "Caption"…) */
static const char STYLES[] =
  "<office:styles>\n"
  "<style:default-style style:family=\"graphic\"><style:graphic-properties draw:shadow=\"hidden\"/></style:default-style>\n"
  "<style:default-style style:family=\"paragraph\">"
  "<style:paragraph-properties fo:hyphenation-ladder-count=\"no-limit\" style:writing-mode=\"page\"/>"
  "<style:text-properties style:font-name=\"Carlito\" fo:font-size=\"11pt\" fo:language=\"%s\" fo:country=\"%s\""
  " fo:hyphenate=\"false\"/></style:default-style>\n"
  "<style:default-style style:family=\"table\"><style:table-properties table:border-model=\"collapsing\"/></style:default-style>\n"
  "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n"
  "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
  "<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.25cm\" fo:line-height=\"115%%\" fo:orphans=\"2\" fo:widows=\"2\"/></style:style>\n"
  "<style:style style:name=\"List_20_Contents\" style:display-name=\"List Contents\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\" style:class=\"list\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.1cm\"/></style:style>\n"
  "<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" style:class=\"text\">"
  "<style:paragraph-properties fo:margin-top=\"0.5cm\" fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"/>"
  "<style:text-properties fo:color=\"#1c3f6e\" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>\n"
  "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"1\" style:class=\"text\">"
  "<style:paragraph-properties fo:margin-top=\"0.6cm\" fo:margin-bottom=\"0.3cm\"/><style:text-properties fo:font-size=\"18pt\"/></style:style>\n"
  "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"2\" style:class=\"text\">"
  "<style:text-properties fo:font-size=\"14pt\"/></style:style>\n"
  "<style:style style:name=\"Heading_20_3\" style:display-name=\"Heading 3\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"3\" style:class=\"text\">"
  "<style:text-properties fo:font-size=\"12pt\"/></style:style>\n"
  "<style:style style:name=\"Heading_20_4\" style:display-name=\"Heading 4\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"4\" style:class=\"text\">"
  "<style:text-properties fo:font-size=\"11pt\" fo:font-style=\"italic\"/></style:style>\n"
  "<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Subtitle\" style:class=\"chapter\">"
  "<style:paragraph-properties fo:margin-top=\"6cm\" fo:margin-bottom=\"0.4cm\"/>"
  "<style:text-properties fo:color=\"#1c3f6e\" fo:font-size=\"28pt\" fo:font-weight=\"bold\"/></style:style>\n"
  "<style:style style:name=\"Subtitle\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" style:class=\"chapter\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.4cm\"/><style:text-properties fo:color=\"#3a4a5e\" fo:font-size=\"16pt\"/></style:style>\n"
  "<style:style style:name=\"Cover_20_Space\" style:display-name=\"Cover Space\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
  "<style:paragraph-properties fo:margin-top=\"3cm\"/></style:style>\n"
  "<style:style style:name=\"Cover_20_Details\" style:display-name=\"Cover Details\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.15cm\"/><style:text-properties fo:font-size=\"12pt\"/></style:style>\n"
  "<style:style style:name=\"Contents_20_Heading\" style:display-name=\"Contents Heading\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:class=\"index\">"
  "<style:text-properties fo:font-size=\"18pt\"/></style:style>\n"
  "<style:style style:name=\"Index\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"index\"/>\n"
  "<style:style style:name=\"Contents_20_1\" style:display-name=\"Contents 1\" style:family=\"paragraph\" style:parent-style-name=\"Index\" style:class=\"index\">"
  "<style:paragraph-properties fo:margin-top=\"0.15cm\" fo:margin-bottom=\"0.05cm\"><style:tab-stops><style:tab-stop style:position=\"16cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops></style:paragraph-properties>"
  "<style:text-properties fo:font-weight=\"bold\"/></style:style>\n"
  "<style:style style:name=\"Contents_20_2\" style:display-name=\"Contents 2\" style:family=\"paragraph\" style:parent-style-name=\"Index\" style:class=\"index\">"
  "<style:paragraph-properties fo:margin-left=\"0.5cm\" fo:margin-bottom=\"0.05cm\"><style:tab-stops><style:tab-stop style:position=\"15.5cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops></style:paragraph-properties></style:style>\n"
  "<style:style style:name=\"Contents_20_3\" style:display-name=\"Contents 3\" style:family=\"paragraph\" style:parent-style-name=\"Index\" style:class=\"index\">"
  "<style:paragraph-properties fo:margin-left=\"1cm\" fo:margin-bottom=\"0.05cm\"><style:tab-stops><style:tab-stop style:position=\"15cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops></style:paragraph-properties></style:style>\n"
  "<style:style style:name=\"Caption\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.1cm\" fo:keep-with-next=\"always\"/>"
  "<style:text-properties fo:font-size=\"10pt\" fo:font-style=\"italic\"/></style:style>\n"
  "<style:style style:name=\"Caption_20_Above\" style:display-name=\"Caption Above\" style:family=\"paragraph\" style:parent-style-name=\"Caption\" style:class=\"extra\">"
  "<style:paragraph-properties fo:margin-top=\"0.3cm\" fo:keep-with-next=\"always\"/></style:style>\n"
  "<style:style style:name=\"Source\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:margin-bottom=\"0.35cm\"/><style:text-properties fo:color=\"#555555\" fo:font-size=\"9pt\"/></style:style>\n"
  "<style:style style:name=\"Figure\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"0.3cm\" fo:keep-with-next=\"always\"/></style:style>\n"
  "<style:style style:name=\"Appendix_20_Page\" style:display-name=\"Appendix Page\" style:family=\"paragraph\" style:parent-style-name=\"Figure\" style:class=\"extra\">"
  "<style:paragraph-properties fo:margin-top=\"0cm\" fo:keep-with-next=\"auto\"/></style:style>\n"
  "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:text-properties fo:font-size=\"10pt\"/></style:style>\n"
  "<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\">"
  "<style:text-properties fo:font-weight=\"bold\"/></style:style>\n"
  "<style:style style:name=\"Footnote\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:margin-left=\"0.4cm\" fo:text-indent=\"-0.4cm\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>\n"
  "<style:style style:name=\"Header\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:text-align=\"end\"/><style:text-properties fo:color=\"#555555\" fo:font-size=\"9pt\"/></style:style>\n"
  "<style:style style:name=\"Footer\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
  "<style:paragraph-properties fo:text-align=\"center\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>\n"
  "<style:style style:name=\"Internet_20_link\" style:display-name=\"Internet link\" style:family=\"text\">"
  "<style:text-properties fo:color=\"#1a5fb4\" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/></style:style>\n"
  "<style:style style:name=\"Visited_20_Internet_20_Link\" style:display-name=\"Visited Internet Link\" style:family=\"text\">"
  "<style:text-properties fo:color=\"#613583\" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/></style:style>\n"
  "<style:style style:name=\"Index_20_Link\" style:display-name=\"Index Link\" style:family=\"text\"/>\n"
  "<style:style style:name=\"Footnote_20_Symbol\" style:display-name=\"Footnote Symbol\" style:family=\"text\"/>\n"
  "<style:style style:name=\"Footnote_20_anchor\" style:display-name=\"Footnote anchor\" style:family=\"text\">"
  "<style:text-properties style:text-position=\"super 58%%\"/></style:style>\n"
  "<style:style style:name=\"Graphics\" style:family=\"graphic\">"
  "<style:graphic-properties text:anchor-type=\"as-char\" svg:y=\"0cm\" style:wrap=\"none\" style:vertical-pos=\"top\" style:vertical-rel=\"baseline\"/></style:style>\n"
  /* numbers are in the headings' text: the outline only gives the levels */
  "<text:outline-style style:name=\"Outline\">%s</text:outline-style>\n"
  "<text:list-style style:name=\"List_20_Bullet\" style:display-name=\"List Bullet\">%s</text:list-style>\n"
  "<text:list-style style:name=\"Numbering_20_123\" style:display-name=\"Numbering 123\">%s</text:list-style>\n"
  "<text:notes-configuration text:note-class=\"footnote\" text:citation-style-name=\"Footnote_20_Symbol\""
  " text:citation-body-style-name=\"Footnote_20_anchor\" style:num-format=\"1\" text:start-value=\"0\""
  " text:footnotes-position=\"page\" text:start-numbering-at=\"document\"/>\n"
  "<text:notes-configuration text:note-class=\"endnote\" style:num-format=\"i\" text:start-value=\"0\"/>\n"
  "</office:styles>\n"
  "<office:automatic-styles>\n"
  "<style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\""
  " style:print-orientation=\"portrait\" fo:margin-top=\"1.5cm\" fo:margin-bottom=\"1.5cm\" fo:margin-left=\"2.5cm\" fo:margin-right=\"2.5cm\">"
  "<style:footnote-sep style:width=\"0.018cm\" style:distance-before-sep=\"0.1cm\" style:distance-after-sep=\"0.1cm\" style:line-style=\"solid\""
  " style:adjustment=\"left\" style:rel-width=\"25%%\" style:color=\"#000000\"/></style:page-layout-properties>"
  "<style:header-style><style:header-footer-properties fo:min-height=\"0.6cm\" fo:margin-bottom=\"0.5cm\"/></style:header-style>"
  "<style:footer-style><style:header-footer-properties fo:min-height=\"0.6cm\" fo:margin-top=\"0.5cm\"/></style:footer-style>"
  "</style:page-layout>\n"
  "<style:page-layout style:name=\"pm2\"><style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\""
  " style:print-orientation=\"portrait\" fo:margin-top=\"2.5cm\" fo:margin-bottom=\"2.5cm\" fo:margin-left=\"2.5cm\" fo:margin-right=\"2.5cm\"/>"
  "<style:header-style/><style:footer-style/></style:page-layout>\n"
  "</office:automatic-styles>\n"
  "<office:master-styles>\n"
  "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\">"
  "<style:header><text:p text:style-name=\"Header\"><text:title>%s</text:title></text:p></style:header>"
  "<style:footer><text:p text:style-name=\"Footer\"><text:page-number text:select-page=\"current\">1</text:page-number></text:p></style:footer>"
  "</style:master-page>\n"
  "<style:master-page style:name=\"First_20_Page\" style:display-name=\"First Page\" style:page-layout-name=\"pm2\" style:next-style-name=\"Standard\"/>\n"
  "</office:master-styles>\n";

static GBytes *
styles_xml (Writer *w)
{
  const char *language = w->doc->language && g_str_equal (w->doc->language, "en") ? "en" : "sv";
  g_autofree char *title = g_markup_escape_text (w->doc->title ? w->doc->title : "", -1);
  g_autoptr(GString) outline = g_string_new (NULL);
  g_autoptr(GString) bullets = g_string_new (NULL);
  g_autoptr(GString) numbers = g_string_new (NULL);
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  for (guint level = 1; level <= 10; level++)
    {
      double indent = 0.635 * level;
      g_autofree char *at = cm (indent + 0.635);
      g_autofree char *margin = cm (indent + 0.635);

      g_string_append_printf (outline,
                              "<text:outline-level-style text:level=\"%u\" style:num-format=\"\">"
                              "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
                              "<style:list-level-label-alignment text:label-followed-by=\"nothing\"/>"
                              "</style:list-level-properties></text:outline-level-style>", level);
      g_string_append_printf (bullets,
                              "<text:list-level-style-bullet text:level=\"%u\" text:bullet-char=\"%s\">"
                              "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
                              "<style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"%s\""
                              " fo:text-indent=\"-0.635cm\" fo:margin-left=\"%s\"/></style:list-level-properties>"
                              "</text:list-level-style-bullet>", level, level % 2 ? "•" : "◦", at, margin);
      g_string_append_printf (numbers,
                              "<text:list-level-style-number text:level=\"%u\" style:num-suffix=\".\" style:num-format=\"1\">"
                              "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
                              "<style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"%s\""
                              " fo:text-indent=\"-0.635cm\" fo:margin-left=\"%s\"/></style:list-level-properties>"
                              "</text:list-level-style-number>", level, at, margin);
    }

  g_string_append_printf (xml, "<office:document-styles%s>\n", NAMESPACES);
  g_string_append (xml, FONT_FACES);
  g_string_append_printf (xml, STYLES, language, language[0] == 'e' ? "GB" : "SE",
                          outline->str, bullets->str, numbers->str, title);
  g_string_append (xml, "</office:document-styles>\n");
  return g_string_free_to_bytes (xml);
}

static GBytes *
meta_xml (Writer *w)
{
  const VerkanReportDocument *doc = w->doc;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *part = NULL;

  g_string_append_printf (xml, "<office:document-meta%s><office:meta>", NAMESPACES);
  part = g_markup_printf_escaped ("<meta:generator>Verkan/%s</meta:generator>"
                                  "<dc:title>%s</dc:title>"
                                  "<meta:creation-date>%s</meta:creation-date>"
                                  "<dc:date>%s</dc:date>"
                                  "<dc:language>%s</dc:language>",
                                  PACKAGE_VERSION, doc->title ? doc->title : "", date, date,
                                  doc->language && g_str_equal (doc->language, "en") ? "en-GB" : "sv-SE");
  g_string_append (xml, part);
  if (doc->subtitle != NULL && *doc->subtitle != '\0')
    {
      g_autofree char *subject = g_markup_printf_escaped ("<dc:subject>%s</dc:subject>"
                                                          "<dc:description>%s</dc:description>",
                                                          doc->subtitle, doc->subtitle);
      g_string_append (xml, subject);
    }
  if (doc->author != NULL && *doc->author != '\0')
    {
      g_autofree char *author = g_markup_printf_escaped ("<meta:initial-creator>%s</meta:initial-creator>"
                                                         "<dc:creator>%s</dc:creator>",
                                                         doc->author, doc->author);
      g_string_append (xml, author);
    }
  g_string_append (xml, "</office:meta></office:document-meta>\n");
  return g_string_free_to_bytes (xml);
}

static GBytes *
manifest_xml (Writer *w)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (xml, "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
                        " manifest:version=\"1.3\">\n"
                        " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\""
                        " manifest:media-type=\"" MIMETYPE "\"/>\n");
  for (guint i = 0; i < w->manifest->len; i++)
    {
      const ManifestEntry *entry = &g_array_index (w->manifest, ManifestEntry, i);
      g_autofree char *line = g_markup_printf_escaped (" <manifest:file-entry manifest:full-path=\"%s\""
                                                       " manifest:media-type=\"%s\"/>\n",
                                                       entry->path, entry->media_type);
      g_string_append (xml, line);
    }
  g_string_append (xml, "</manifest:manifest>\n");
  return g_string_free_to_bytes (xml);
}

static gboolean
write_bytes_member (Writer      *w,
                    const char  *name,
                    GBytes      *bytes,
                    GError     **error)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  return write_member (w, w->zip, NULL, name, "text/xml", data, size, FALSE, error);
}

/* ------------------------------------------------------------ the whole */

static gboolean
write_package (Writer  *w,
               GError **error)
{
  const VerkanReportDocument *doc = w->doc;
  const char *stage_text = _("Writing the text");
  const char *stage_figures = _("Drawing the figures");
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(GBytes) meta = NULL;
  g_autoptr(GBytes) manifest = NULL;
  GsfOutfile *meta_inf;
  gboolean ok;

  /* first and stored, so that a file's first bytes say what it is */
  if (!write_member (w, w->zip, NULL, "mimetype", NULL, MIMETYPE, strlen (MIMETYPE), TRUE, error))
    return FALSE;

  report_progress (w, stage_text);
  write_cover (w);
  write_contents (w);
  w->next_h1_breaks = TRUE;

  for (guint i = 0; doc->blocks != NULL && i < doc->blocks->len; i++)
    {
      const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);
      const char *stage = stage_text;
      double units = 1;

      switch (block->kind)
        {
        case VERKAN_REPORT_BLOCK_HEADING:
          write_heading (w, block);
          break;
        case VERKAN_REPORT_BLOCK_PARAGRAPH:
          write_paragraph (w, block);
          break;
        case VERKAN_REPORT_BLOCK_TABLE:
          write_table (w, block);
          break;
        case VERKAN_REPORT_BLOCK_FIGURE:
          if (!write_figure (w, block, error))
            return FALSE;
          stage = stage_figures;
          units = UNITS_FIGURE;
          break;
        default:
          break;
        }
      if (!step (w, units, stage, error))
        return FALSE;
    }
  close_list (w);

  if (!(w->flags & VERKAN_REPORT_EXPORT_NO_APPENDICES) && !write_appendices (w, error))
    return FALSE;

  report_progress (w, _("Finishing the file"));
  content = content_xml (w);
  styles = styles_xml (w);
  meta = meta_xml (w);
  if (!write_bytes_member (w, "content.xml", content, error) ||
      !write_bytes_member (w, "styles.xml", styles, error) ||
      !write_bytes_member (w, "meta.xml", meta, error))
    return FALSE;

  if (w->pictures != NULL && !gsf_output_close (GSF_OUTPUT (w->pictures)))
    return output_failed (GSF_OUTPUT (w->pictures), "Pictures", error);

  manifest = manifest_xml (w);
  meta_inf = GSF_OUTFILE (gsf_outfile_new_child (w->zip, "META-INF", TRUE));
  if (meta_inf == NULL)
    return output_failed (GSF_OUTPUT (w->zip), "META-INF", error);
  ok = write_member (w, meta_inf, "META-INF", "manifest.xml", NULL,
                     g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest), FALSE, error);
  if (ok && !gsf_output_close (GSF_OUTPUT (meta_inf)))
    ok = output_failed (GSF_OUTPUT (meta_inf), "META-INF", error);
  g_object_unref (meta_inf);
  return ok;
}

/* Opens the PDF appendices up front: their pages count for the progress */
static void
open_appendices (Writer *w)
{
  GPtrArray *appendices = w->doc->appendices;
  guint n = appendices ? appendices->len : 0;

  w->pdfs = g_new0 (PopplerDocument *, n + 1);
  if (w->flags & VERKAN_REPORT_EXPORT_NO_APPENDICES)
    return;
  for (guint i = 0; i < n; i++)
    {
      const VerkanReportAppendix *appendix = g_ptr_array_index (appendices, i);
      g_autofree char *uri = NULL;

      w->units_total += 1;
      if (appendix->kind == VERKAN_REPORT_APPENDIX_MODEL)
        w->units_total += UNITS_FIGURE;
      if (appendix->kind != VERKAN_REPORT_APPENDIX_PDF || appendix->path == NULL)
        continue;
      uri = g_filename_to_uri (appendix->path, NULL, NULL);
      /* one poppler cannot read is listed with a note, never an error */
      w->pdfs[i] = uri ? poppler_document_new_from_file (uri, NULL, NULL) : NULL;
      if (w->pdfs[i] != NULL)
        w->units_total += UNITS_PDF_PAGE * MIN (poppler_document_get_n_pages (w->pdfs[i]),
                                                PDF_MAX_PAGES);
    }
}

gboolean
verkan_report_write_odt (const VerkanReportDocument *doc,
                         const char                 *path,
                         VerkanReportExportFlags     flags,
                         GCancellable               *cancellable,
                         VerkanReportProgress        progress,
                         gpointer                    progress_data,
                         GError                    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GError) local_error = NULL;
  GsfOutput *sink;
  Writer w = { 0 };
  gboolean ok = FALSE;
  FILE *file;
  int fd;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* beside the target, so the rename is atomic; hidden while partial */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  file = fdopen (fd, "wb");
  if (file == NULL)
    {
      close (fd);
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", g_strerror (errno));
      return FALSE;
    }
  sink = gsf_output_stdio_new_FILE (temp, file, FALSE);

  w.doc = doc;
  w.flags = flags;
  w.cancellable = cancellable;
  w.progress = progress;
  w.progress_data = progress_data;
  w.last_percent = -1;
  w.manifest = g_array_new (FALSE, TRUE, sizeof (ManifestEntry));
  g_array_set_clear_func (w.manifest, manifest_entry_clear);
  w.body_buf = xmlBufferCreate ();
  w.body = xmlNewTextWriterMemory (w.body_buf, 0);
  w.autos = g_string_new (NULL);
  w.sequences = g_ptr_array_new_with_free_func (g_free);
  w.open_list = VERKAN_REPORT_ITEM_PARAGRAPH;

  for (guint i = 0; doc->blocks != NULL && i < doc->blocks->len; i++)
    {
      const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);
      w.units_total += block->kind == VERKAN_REPORT_BLOCK_FIGURE ? UNITS_FIGURE : 1;
    }
  open_appendices (&w);

  w.zip = gsf_outfile_zip_new (sink, &local_error);
  if (w.zip != NULL)
    {
      ok = write_package (&w, &local_error);
      /* closing writes the zip's directory */
      if (!gsf_output_close (GSF_OUTPUT (w.zip)) && ok)
        ok = output_failed (GSF_OUTPUT (w.zip), base, &local_error);
    }
  if (!gsf_output_is_closed (sink) && !gsf_output_close (sink) && ok)
    ok = output_failed (sink, base, &local_error);

  if (ok && g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved),
                           g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (temp);
  else
    {
      w.finished = TRUE;
      report_progress (&w, _("Finishing the file"));
    }

  g_clear_object (&w.pictures);
  g_object_unref (sink);
  g_clear_object (&w.zip);
  xmlFreeTextWriter (w.body);
  xmlBufferFree (w.body_buf);
  g_string_free (w.autos, TRUE);
  g_ptr_array_unref (w.sequences);
  g_array_unref (w.manifest);
  for (guint i = 0; doc->appendices != NULL && i < doc->appendices->len; i++)
    g_clear_object (&w.pdfs[i]);
  g_free (w.pdfs);

  if (!ok)
    {
      if (local_error == NULL)
        g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not write the ODT file."));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return ok;
}
