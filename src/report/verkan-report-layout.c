/* verkan-report-layout.c: the report set on A4 pages.
 *
 * Works in two steps.  First every block is prepared: its text shaped by
 * pango into layouts (paragraphs, headings, table cells, captions) at
 * the width it will be printed at.  Then the blocks flow down the pages,
 * each page collecting a list of items (lines of a layout, a rule, a
 * figure, a link) that draw_page () paints later, so the preview can draw
 * any one page without setting the others again.
 *
 * The contents come right after the cover; how many pages they take is
 * known before the text flows (an entry's height does not depend on its
 * page number), so the headings land where the contents say they do.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "verkan-report-edit.h"
#include "verkan-report-layout.h"

#define MM (72.0 / 25.4)

#define PAGE_W VERKAN_REPORT_PAGE_WIDTH
#define PAGE_H VERKAN_REPORT_PAGE_HEIGHT
#define MARGIN_X (25 * MM)
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define BODY_TOP (28 * MM)
#define BODY_BOTTOM (PAGE_H - 25 * MM)
#define HEADER_BASE (16 * MM)
#define FOOTER_TOP (PAGE_H - 17 * MM)

#define FONT_FAMILY "Carlito, DejaVu Sans"
#define BODY_SIZE 11.0
#define TABLE_SIZE 9.5
#define CAPTION_SIZE 9.5
#define SOURCE_SIZE 8.5
#define NOTE_SIZE 8.5

#define PARA_GAP 6.0
#define LIST_GAP 2.5
#define LIST_INDENT 18.0
#define NOTE_SEPARATION 14.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0

/* colours: near-black text, a calm dark blue for headings and rules */
static const double INK[3] = { 0.12, 0.12, 0.13 };
static const double ACCENT[3] = { 0.09, 0.24, 0.40 };
static const double GREY[3] = { 0.40, 0.40, 0.42 };
static const double RULE[3] = { 0.70, 0.72, 0.75 };
static const double HEADER_FILL[3] = { 0.91, 0.93, 0.96 };
static const double LINK[3] = { 0.08, 0.30, 0.60 };

typedef enum {
  ITEM_LINES,     /* lines of a prepared paragraph */
  ITEM_TEXT,      /* a whole layout */
  ITEM_RULE,      /* a line from (x, y) to (x + w, y + h) */
  ITEM_FILL,      /* a filled rectangle */
  ITEM_DOTS,      /* dot leaders from x to x + w at baseline y */
  ITEM_FIGURE,
  ITEM_DEST,      /* a link target named @target at (x, y) */
  ITEM_LINK,      /* a link area; @target holds the tag's attributes */
} ItemKind;

typedef struct _Para Para;

typedef struct {
  ItemKind                 kind;
  double                   x, y, w, h;
  double                   line_width;
  const double            *rgb;
  PangoLayout             *layout;     /* TEXT */
  Para                    *para;       /* LINES */
  int                      first, n;   /* LINES */
  const VerkanReportBlock *figure;     /* FIGURE */
  char                    *target;     /* DEST, LINK */
} Item;

typedef struct {
  int       index;       /* byte index of the mark in the paragraph's text */
  PangoLayout *note;     /* the note as printed at the foot */
  double    height;
} NoteRef;

typedef struct {
  int   start, end;      /* bytes */
  char *href;
} LinkRange;

/* A paragraph (or a heading, or a caption) shaped at its width */
struct _Para {
  PangoLayout *layout;
  PangoLayout *marker;   /* bullet, item number or heading number */
  double       indent;   /* where the text starts, from the left margin */
  double       marker_x;
  const double *rgb;
  int          n_lines;
  double      *top;      /* each line's top, from the layout's top */
  double      *height;
  double      *baseline;
  double      *line_x;
  double       total;    /* the height of all lines */
  GArray      *notes;    /* of NoteRef */
  GArray      *links;    /* of LinkRange */
};

typedef struct {
  GPtrArray  *items;      /* of Item * */
  GPtrArray  *notes;      /* of NoteRef *, owned by their paragraphs */
  double      notes_height;
  gboolean    running;    /* header and page number */
  const char *chapter;    /* for the running header */
} Page;

/* A block made ready to flow */
typedef struct {
  Para        *para;      /* HEADING, PARAGRAPH; TABLE and FIGURE: the caption */
  Para        *source;    /* TABLE, FIGURE: the "Källa:" line */
  /* TABLE */
  PangoLayout **cells;
  double      *row_h;
  double      *col_x;
  double      *col_w;
  /* FIGURE */
  double       fig_h;
} Prepared;

struct _VerkanReportLayout {
  const VerkanReportDocument *doc;
  PangoFontMap  *font_map;
  PangoContext  *context;
  GPtrArray     *paras;     /* of Para *, all of them */
  GPtrArray     *pages;     /* of Page * */
  GPtrArray     *toc;       /* of VerkanReportTocEntry * */
  GHashTable    *sections;  /* section id → first page + 1 */
  GHashTable    *anchors;   /* the blocks' anchors: links to others are left out */
  guint          n_toc_pages;
};

/* --- small pieces --------------------------------------------------------------- */

static Item *
item_new (ItemKind kind, double x, double y)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->x = x;
  item->y = y;
  item->rgb = INK;
  return item;
}

static void
item_free (Item *item)
{
  g_clear_object (&item->layout);
  g_free (item->target);
  g_free (item);
}

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_ptr_array_unref (page->notes);
  g_free (page);
}

static void
para_free (Para *para)
{
  g_clear_object (&para->layout);
  g_clear_object (&para->marker);
  g_free (para->top);
  g_free (para->height);
  g_free (para->baseline);
  g_free (para->line_x);
  for (guint i = 0; para->notes && i < para->notes->len; i++)
    g_clear_object (&g_array_index (para->notes, NoteRef, i).note);
  for (guint i = 0; para->links && i < para->links->len; i++)
    g_free (g_array_index (para->links, LinkRange, i).href);
  g_clear_pointer (&para->notes, g_array_unref);
  g_clear_pointer (&para->links, g_array_unref);
  g_free (para);
}

static void
toc_entry_free (VerkanReportTocEntry *entry)
{
  g_free (entry->anchor);
  g_free (entry->number);
  g_free (entry->text);
  g_free (entry);
}

static const char *
word (VerkanReportLayout *self,
      const char         *english)
{
  return verkan_report_document_word (self->doc, english);
}

/* cairo's tag attributes quote strings with '…' */
static char *
quote_attribute (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static PangoLayout *
new_layout (VerkanReportLayout *self,
            double              size,
            gboolean            bold,
            double              width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static PangoLayout *
text_layout (VerkanReportLayout *self,
             const char         *text,
             double              size,
             gboolean            bold,
             double              width)
{
  PangoLayout *layout = new_layout (self, size, bold, width);

  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

static double
layout_baseline (PangoLayout *layout)
{
  return (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
}

static void
attr_add (PangoAttrList  *list,
          PangoAttribute *attr,
          guint           start,
          guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (list, attr);
}

/* Reads the lines' positions out of the shaped layout */
static Para *
para_finish (VerkanReportLayout *self,
             Para               *para)
{
  PangoLayoutIter *iter;
  int i = 0;

  para->n_lines = pango_layout_get_line_count (para->layout);
  para->top = g_new0 (double, para->n_lines);
  para->height = g_new0 (double, para->n_lines);
  para->baseline = g_new0 (double, para->n_lines);
  para->line_x = g_new0 (double, para->n_lines);
  iter = pango_layout_get_iter (para->layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      para->top[i] = (double) logical.y / PANGO_SCALE;
      para->height[i] = (double) logical.height / PANGO_SCALE;
      para->line_x[i] = (double) logical.x / PANGO_SCALE;
      para->baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      i++;
    }
  while (i < para->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  para->total = para->n_lines > 0
    ? para->top[para->n_lines - 1] + para->height[para->n_lines - 1] : 0;
  if (para->rgb == NULL)
    para->rgb = INK;
  g_ptr_array_add (self->paras, para);
  return para;
}

/* "Text" as one paragraph at @width; @bold_prefix printed bold before it */
static Para *
simple_para (VerkanReportLayout *self,
             const char         *bold_prefix,
             const char         *text,
             double              size,
             gboolean            bold,
             double              width,
             const double       *rgb)
{
  Para *para = g_new0 (Para, 1);
  g_autofree char *all = g_strconcat (bold_prefix ? bold_prefix : "",
                                      text ? text : "", NULL);

  para->layout = text_layout (self, all, size, bold, width);
  if (bold_prefix != NULL && bold_prefix[0] != '\0')
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      attr_add (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, strlen (bold_prefix));
      pango_layout_set_attributes (para->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  para->rgb = rgb;
  return para_finish (self, para);
}

static PangoLayout *
note_layout (VerkanReportLayout *self,
             guint               number,
             const char         *text)
{
  g_autofree char *mark = g_strdup_printf ("%u", number);
  g_autofree char *all = g_strdup_printf ("%s %s", mark, text ? text : "");
  PangoLayout *layout = text_layout (self, all, NOTE_SIZE, FALSE, TEXT_W);
  PangoAttrList *attrs = pango_attr_list_new ();

  attr_add (attrs, pango_attr_rise_new (3 * PANGO_SCALE), 0, strlen (mark));
  attr_add (attrs, pango_attr_scale_new (0.75), 0, strlen (mark));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* --- preparing the blocks ----------------------------------------------------- */

static double
heading_size (guint level)
{
  switch (level)
    {
    case 1: return 18.0;
    case 2: return 14.0;
    case 3: return 12.0;
    default: return 11.0;
    }
}

static Para *
prepare_heading (VerkanReportLayout      *self,
                 const VerkanReportBlock *block)
{
  Para *para = g_new0 (Para, 1);
  double size = heading_size (block->level);

  if (block->number != NULL && block->number[0] != '\0')
    {
      para->marker = text_layout (self, block->number, size, TRUE, -1);
      para->indent = MAX (layout_width (para->marker) + size * 0.6, block->level == 1 ? 28.0 : 0);
    }
  para->layout = text_layout (self, block->text, size, TRUE, TEXT_W - para->indent);
  if (block->level >= 4)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      attr_add (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), 0, G_MAXUINT);
      pango_layout_set_attributes (para->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  para->rgb = block->level <= 2 ? ACCENT : INK;
  return para_finish (self, para);
}

static Para *
prepare_paragraph (VerkanReportLayout      *self,
                   const VerkanReportBlock *block)
{
  Para *para = g_new0 (Para, 1);
  GString *text = g_string_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  para->notes = g_array_new (FALSE, TRUE, sizeof (NoteRef));
  para->links = g_array_new (FALSE, TRUE, sizeof (LinkRange));

  if (block->style == VERKAN_REPORT_ITEM_BULLET)
    {
      para->marker = text_layout (self, "•", BODY_SIZE, FALSE, -1);
      para->indent = LIST_INDENT;
      para->marker_x = 5;
    }
  else if (block->style == VERKAN_REPORT_ITEM_NUMBERED)
    {
      g_autofree char *number = g_strdup_printf ("%u.", MAX (block->list_number, 1));

      para->marker = text_layout (self, number, BODY_SIZE, FALSE, -1);
      para->indent = LIST_INDENT;
      para->marker_x = MAX (0, LIST_INDENT - 4 - layout_width (para->marker));
    }

  for (guint i = 0; block->runs && i < block->runs->len; i++)
    {
      const VerkanReportRun *run = g_ptr_array_index (block->runs, i);
      guint start = text->len;

      if (run->footnote > 0)
        {
          NoteRef note = { 0 };

          g_string_append_printf (text, "%u", run->footnote);
          attr_add (attrs, pango_attr_rise_new (4 * PANGO_SCALE), start, text->len);
          attr_add (attrs, pango_attr_scale_new (0.7), start, text->len);
          note.index = start;
          note.note = note_layout (self, run->footnote, run->text);
          note.height = layout_height (note.note) + 2;
          g_array_append_val (para->notes, note);
          continue;
        }
      g_string_append (text, run->text ? run->text : "");
      if (text->len == start)
        continue;
      if (run->flags & VERKAN_REPORT_SPAN_BOLD)
        attr_add (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, text->len);
      if (run->flags & VERKAN_REPORT_SPAN_ITALIC)
        attr_add (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, text->len);
      if (run->href != NULL && run->href[0] != '\0')
        {
          LinkRange link = { start, text->len, g_strdup (run->href) };

          attr_add (attrs, pango_attr_foreground_new (LINK[0] * 65535, LINK[1] * 65535,
                                                      LINK[2] * 65535), start, text->len);
          attr_add (attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), start, text->len);
          g_array_append_val (para->links, link);
        }
    }

  para->layout = new_layout (self, BODY_SIZE, FALSE, TEXT_W - para->indent);
  pango_layout_set_spacing (para->layout, 2 * PANGO_SCALE);
  pango_layout_set_text (para->layout, text->str, text->len);
  pango_layout_set_attributes (para->layout, attrs);
  pango_attr_list_unref (attrs);
  g_string_free (text, TRUE);
  return para_finish (self, para);
}

static char *
caption_prefix (const VerkanReportBlock *block)
{
  if (block->label == NULL || block->label[0] == '\0')
    return NULL;
  return g_strdup_printf ("%s: ", block->label);
}

static void
prepare_table (VerkanReportLayout      *self,
               const VerkanReportBlock *block,
               Prepared                *prep)
{
  g_autofree char *prefix = caption_prefix (block);
  guint n_rows = block->rows ? block->rows->len : 0;
  guint n_cols = MAX (block->n_columns, 1);
  double total = 0;

  prep->para = simple_para (self, prefix, block->text, CAPTION_SIZE, FALSE, TEXT_W, INK);
  if (block->source != NULL && block->source[0] != '\0')
    prep->source = simple_para (self, NULL, block->source, SOURCE_SIZE, FALSE, TEXT_W, GREY);

  prep->col_x = g_new0 (double, n_cols + 1);
  prep->col_w = g_new0 (double, n_cols);
  for (guint c = 0; c < n_cols; c++)
    total += block->widths && block->widths[c] > 0 ? block->widths[c] : 1.0;
  for (guint c = 0; c < n_cols; c++)
    {
      double weight = block->widths && block->widths[c] > 0 ? block->widths[c] : 1.0;

      prep->col_w[c] = TEXT_W * weight / total;
      prep->col_x[c + 1] = prep->col_x[c] + prep->col_w[c];
    }

  prep->cells = g_new0 (PangoLayout *, (gsize) n_rows * n_cols + 1);
  prep->row_h = g_new0 (double, n_rows + 1);
  for (guint r = 0; r < n_rows; r++)
    {
      char **row = g_ptr_array_index (block->rows, r);
      gboolean bold = r < block->n_header_rows ||
                      (block->last_row_is_sum && r == n_rows - 1 && r >= block->n_header_rows);

      for (guint c = 0; c < n_cols; c++)
        {
          PangoLayout *cell = text_layout (self, c < block->n_columns ? row[c] : "", TABLE_SIZE,
                                           bold, prep->col_w[c] - 2 * CELL_PAD_X);

          if (block->align && c < block->n_columns && block->align[c] == VERKAN_REPORT_ALIGN_RIGHT)
            pango_layout_set_alignment (cell, PANGO_ALIGN_RIGHT);
          prep->cells[r * n_cols + c] = cell;
          prep->row_h[r] = MAX (prep->row_h[r], layout_height (cell) + 2 * CELL_PAD_Y);
        }
    }
}

static void
prepare_figure (VerkanReportLayout      *self,
                const VerkanReportBlock *block,
                Prepared                *prep)
{
  g_autofree char *prefix = caption_prefix (block);
  double aspect = block->aspect > 0.1 ? block->aspect : 1.6;
  double room = BODY_BOTTOM - BODY_TOP;

  prep->para = simple_para (self, prefix, block->text, CAPTION_SIZE, FALSE, TEXT_W, INK);
  room -= prep->para->total + 8;
  if (block->source != NULL && block->source[0] != '\0')
    {
      prep->source = simple_para (self, NULL, block->source, SOURCE_SIZE, FALSE, TEXT_W, GREY);
      room -= prep->source->total + 2;
    }
  prep->fig_h = MIN (TEXT_W / aspect, room);
}

/* --- the flow ----------------------------------------------------------------- */

typedef struct {
  VerkanReportLayout *self;
  Page               *page;
  double              y;
  gboolean            at_top;
  const char         *chapter;
} Flow;

static Page *
add_page (VerkanReportLayout *self,
          gboolean            running)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  page->notes = g_ptr_array_new ();
  page->running = running;
  g_ptr_array_add (self->pages, page);
  return page;
}

static void
page_add (Page *page,
          Item *item)
{
  g_ptr_array_add (page->items, item);
}

/* The footnotes at the foot of the page, above a short rule */
static void
finish_page (Page *page)
{
  double y;
  Item *rule;

  if (page == NULL || page->notes->len == 0)
    return;
  y = BODY_BOTTOM - page->notes_height;
  rule = item_new (ITEM_RULE, MARGIN_X, y - NOTE_SEPARATION / 2);
  rule->w = 40 * MM;
  rule->line_width = 0.5;
  rule->rgb = GREY;
  page_add (page, rule);
  for (guint i = 0; i < page->notes->len; i++)
    {
      NoteRef *note = g_ptr_array_index (page->notes, i);
      Item *item = item_new (ITEM_TEXT, MARGIN_X, y);

      item->layout = g_object_ref (note->note);
      page_add (page, item);
      y += note->height;
    }
}

static void
flow_new_page (Flow *flow)
{
  finish_page (flow->page);
  flow->page = add_page (flow->self, TRUE);
  flow->page->chapter = flow->chapter;
  flow->y = BODY_TOP;
  flow->at_top = TRUE;
}

static double
notes_reserved (double notes_height)
{
  return notes_height > 0 ? notes_height + NOTE_SEPARATION : 0;
}

static double
flow_room (Flow *flow)
{
  return BODY_BOTTOM - notes_reserved (flow->page->notes_height) - flow->y;
}

static void
flow_mark_section (Flow                    *flow,
                   const VerkanReportBlock *block)
{
  if (block->section_id != 0 &&
      !g_hash_table_contains (flow->self->sections, &block->section_id))
    {
      gint64 *id = g_new (gint64, 1);

      *id = block->section_id;
      g_hash_table_insert (flow->self->sections, id,
                           GUINT_TO_POINTER (flow->self->pages->len));
    }
}

static void
flow_dest (Flow       *flow,
           const char *anchor,
           double      x,
           double      y)
{
  Item *item;

  if (anchor == NULL || anchor[0] == '\0')
    return;
  item = item_new (ITEM_DEST, x, y);
  item->target = g_strdup (anchor);
  page_add (flow->page, item);
}

static char *
link_attributes (const char *href)
{
  g_autofree char *quoted = NULL;

  if (href[0] == '#')
    {
      quoted = quote_attribute (href + 1);
      return g_strdup_printf ("dest=%s", quoted);
    }
  quoted = quote_attribute (href);
  return g_strdup_printf ("uri=%s", quoted);
}

/* How many lines from @first fit in the room left, their notes included */
static int
lines_fitting (Flow *flow,
               Para *para,
               int   first)
{
  double notes = flow->page->notes_height;
  int n = 0;

  for (int i = first; i < para->n_lines; i++)
    {
      double need = para->top[i] + para->height[i] - para->top[first];

      for (guint k = 0; para->notes && k < para->notes->len; k++)
        {
          NoteRef *note = &g_array_index (para->notes, NoteRef, k);
          int line = 0, x;

          pango_layout_index_to_line_x (para->layout, note->index, FALSE, &line, &x);
          if (line == i)
            notes += note->height;
        }
      if (flow->y + need > BODY_BOTTOM - notes_reserved (notes) + 0.01)
        break;
      n++;
    }
  return n;
}

static void
place_lines (Flow *flow,
             Para *para,
             int   first,
             int   n)
{
  Item *item = item_new (ITEM_LINES, MARGIN_X, flow->y);
  double dy = flow->y - para->top[first];

  item->para = para;
  item->first = first;
  item->n = n;
  item->rgb = para->rgb;
  page_add (flow->page, item);

  for (guint k = 0; para->notes && k < para->notes->len; k++)
    {
      NoteRef *note = &g_array_index (para->notes, NoteRef, k);
      int line = 0, x;

      pango_layout_index_to_line_x (para->layout, note->index, FALSE, &line, &x);
      if (line >= first && line < first + n)
        {
          g_ptr_array_add (flow->page->notes, note);
          flow->page->notes_height += note->height;
        }
    }

  for (guint k = 0; para->links && k < para->links->len; k++)
    {
      LinkRange *link = &g_array_index (para->links, LinkRange, k);
      GString *rects = g_string_new (NULL);
      g_autofree char *attributes = NULL;
      Item *area;

      for (int i = first; i < first + n; i++)
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (para->layout, i);
          int *ranges = NULL, n_ranges = 0;
          int start = MAX (link->start, line->start_index);
          int end = MIN (link->end, line->start_index + line->length);

          if (start >= end)
            continue;
          pango_layout_line_get_x_ranges (line, start, end, &ranges, &n_ranges);
          for (int r = 0; r < n_ranges; r++)
            {
              char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (rects, "%s%s %s %s %s", rects->len ? " " : "",
                                      g_ascii_formatd (buf[0], sizeof buf[0], "%.2f",
                                                       MARGIN_X + para->indent +
                                                       (double) ranges[2 * r] / PANGO_SCALE),
                                      g_ascii_formatd (buf[1], sizeof buf[1], "%.2f",
                                                       dy + para->top[i]),
                                      g_ascii_formatd (buf[2], sizeof buf[2], "%.2f",
                                                       (double) (ranges[2 * r + 1] - ranges[2 * r]) / PANGO_SCALE),
                                      g_ascii_formatd (buf[3], sizeof buf[3], "%.2f",
                                                       para->height[i]));
            }
          g_free (ranges);
        }
      if (rects->len == 0)
        {
          g_string_free (rects, TRUE);
          continue;
        }
      if (link->href[0] == '#' && !g_hash_table_contains (flow->self->anchors, link->href + 1))
        {
          g_string_free (rects, TRUE);
          continue;
        }
      attributes = link_attributes (link->href);
      area = item_new (ITEM_LINK, 0, 0);
      area->target = g_strdup_printf ("%s rect=[%s]", attributes, rects->str);
      page_add (flow->page, area);
      g_string_free (rects, TRUE);
    }

  flow->y += para->top[first + n - 1] + para->height[first + n - 1] - para->top[first];
  flow->at_top = FALSE;
}

/* A paragraph, split across pages with at least two lines on each side */
static void
flow_para (Flow *flow,
           Para *para,
           double space_before)
{
  int i = 0;

  if (!flow->at_top)
    flow->y += space_before;
  while (i < para->n_lines)
    {
      int left = para->n_lines - i;
      int k = lines_fitting (flow, para, i);

      if (k < left)
        {
          if (left - k < 2)
            k = left - 2;
          if (k < (i == 0 ? 2 : 1))
            k = 0;
        }
      if (k <= 0)
        {
          if (flow->at_top)
            k = MIN (left, MAX (lines_fitting (flow, para, i), 1));
          else
            {
              flow_new_page (flow);
              continue;
            }
        }
      place_lines (flow, para, i, k);
      i += k;
      if (i < para->n_lines)
        flow_new_page (flow);
    }
}

static double
heading_space (guint level)
{
  return level == 1 ? 0 : level == 2 ? 16 : 12;
}

/* What must stay on the page with a heading before it */
static double
min_height (VerkanReportLayout *self,
            Prepared           *preps,
            guint               index)
{
  const VerkanReportDocument *doc = self->doc;
  const VerkanReportBlock *block;
  Prepared *prep;

  if (index >= doc->blocks->len)
    return 0;
  block = g_ptr_array_index (doc->blocks, index);
  prep = &preps[index];
  switch (block->kind)
    {
    case VERKAN_REPORT_BLOCK_HEADING:
      return heading_space (block->level) + prep->para->total + 6 + 2 * 16;
    case VERKAN_REPORT_BLOCK_PARAGRAPH:
      if (prep->para->n_lines == 0)
        return 0;
      {
        int n = MIN (prep->para->n_lines, 2);
        return PARA_GAP + prep->para->top[n - 1] + prep->para->height[n - 1];
      }
    case VERKAN_REPORT_BLOCK_TABLE:
      {
        double h = PARA_GAP + prep->para->total + 4;
        guint n_rows = block->rows ? block->rows->len : 0;

        for (guint r = 0; r < MIN (n_rows, block->n_header_rows + 2); r++)
          h += prep->row_h[r];
        return h;
      }
    case VERKAN_REPORT_BLOCK_FIGURE:
      return PARA_GAP + prep->fig_h + 6 + prep->para->total +
             (prep->source ? prep->source->total + 2 : 0);
    default:
      return 0;
    }
}

static void
flow_heading (Flow                    *flow,
              const VerkanReportBlock *block,
              Prepared                *preps,
              guint                    index)
{
  VerkanReportLayout *self = flow->self;
  Para *para = preps[index].para;
  double space = heading_space (block->level);
  double need = para->total + 6 + min_height (self, preps, index + 1);
  VerkanReportTocEntry *entry;

  if (!flow->at_top && (block->level == 1 || space + need > flow_room (flow)))
    flow_new_page (flow);
  if (block->level == 1)
    {
      flow->chapter = block->text;
      flow->page->chapter = block->text;
    }
  if (!flow->at_top)
    flow->y += space;
  flow_mark_section (flow, block);
  flow_dest (flow, block->anchor, MARGIN_X, flow->y);

  entry = g_new0 (VerkanReportTocEntry, 1);
  entry->anchor = g_strdup (block->anchor);
  entry->level = block->level;
  entry->number = g_strdup (block->number ? block->number : "");
  entry->text = g_strdup (block->text ? block->text : "");
  entry->page = self->pages->len - 1;
  entry->y = flow->y;
  g_ptr_array_add (self->toc, entry);

  place_lines (flow, para, 0, para->n_lines);
  if (block->level == 1)
    {
      Item *rule = item_new (ITEM_RULE, MARGIN_X, flow->y + 4);

      rule->w = TEXT_W;
      rule->line_width = 0.8;
      rule->rgb = ACCENT;
      page_add (flow->page, rule);
      flow->y += 14;
    }
  else
    flow->y += 4;
  flow->at_top = TRUE;   /* no extra space right under a heading */
}

static void
flow_rule (Flow         *flow,
           double        y,
           double        width,
           const double *rgb)
{
  Item *rule = item_new (ITEM_RULE, MARGIN_X, y);

  rule->w = TEXT_W;
  rule->line_width = width;
  rule->rgb = rgb;
  page_add (flow->page, rule);
}

static void
flow_row (Flow                    *flow,
          const VerkanReportBlock *block,
          Prepared                *prep,
          guint                    r)
{
  guint n_cols = MAX (block->n_columns, 1);
  gboolean header = r < block->n_header_rows;

  if (header)
    {
      Item *fill = item_new (ITEM_FILL, MARGIN_X, flow->y);

      fill->w = TEXT_W;
      fill->h = prep->row_h[r];
      fill->rgb = HEADER_FILL;
      page_add (flow->page, fill);
    }
  for (guint c = 0; c < n_cols; c++)
    {
      Item *cell = item_new (ITEM_TEXT, MARGIN_X + prep->col_x[c] + CELL_PAD_X, flow->y + CELL_PAD_Y);

      cell->layout = g_object_ref (prep->cells[r * n_cols + c]);
      cell->rgb = header ? ACCENT : INK;
      page_add (flow->page, cell);
    }
  flow->y += prep->row_h[r];
  flow->at_top = FALSE;
}

static void
flow_table (Flow                    *flow,
            const VerkanReportBlock *block,
            Prepared                *prep,
            double                   need)
{
  guint n_rows = block->rows ? block->rows->len : 0;
  guint n_header = MIN (block->n_header_rows, n_rows);
  double source_h = prep->source ? prep->source->total + 3 : 0;
  gboolean sum = block->last_row_is_sum && n_rows > n_header;

  if (!flow->at_top && need > flow_room (flow))
    flow_new_page (flow);
  if (!flow->at_top)
    flow->y += PARA_GAP + 4;
  flow_mark_section (flow, block);
  flow_dest (flow, block->anchor, MARGIN_X, flow->y);
  place_lines (flow, prep->para, 0, prep->para->n_lines);
  flow->y += 4;

  flow_rule (flow, flow->y, 1.0, ACCENT);
  for (guint r = 0; r < n_header; r++)
    flow_row (flow, block, prep, r);
  if (n_header > 0)
    flow_rule (flow, flow->y, 0.6, ACCENT);

  for (guint r = n_header; r < n_rows; r++)
    {
      gboolean last = r == n_rows - 1;
      double h = prep->row_h[r] + (last ? source_h : 0);

      if (h > flow_room (flow) && !flow->at_top)
        {
          flow_rule (flow, flow->y, 1.0, ACCENT);
          flow_new_page (flow);
          flow_rule (flow, flow->y, 1.0, ACCENT);
          for (guint hr = 0; hr < n_header; hr++)
            flow_row (flow, block, prep, hr);
          if (n_header > 0)
            flow_rule (flow, flow->y, 0.6, ACCENT);
        }
      if (sum && last)
        flow_rule (flow, flow->y, 0.6, INK);
      flow_row (flow, block, prep, r);
      if (!last)
        flow_rule (flow, flow->y, 0.3, RULE);
    }
  flow_rule (flow, flow->y, 1.0, ACCENT);
  if (prep->source != NULL)
    {
      flow->y += 3;
      place_lines (flow, prep->source, 0, prep->source->n_lines);
    }
  flow->y += 4;
}

static void
flow_figure (Flow                    *flow,
             const VerkanReportBlock *block,
             Prepared                *prep,
             double                   need)
{
  Item *figure;

  if (!flow->at_top && need > flow_room (flow))
    flow_new_page (flow);
  if (!flow->at_top)
    flow->y += PARA_GAP + 4;
  flow_mark_section (flow, block);
  flow_dest (flow, block->anchor, MARGIN_X, flow->y);
  figure = item_new (ITEM_FIGURE, MARGIN_X, flow->y);
  figure->w = TEXT_W;
  figure->h = prep->fig_h;
  figure->figure = block;
  page_add (flow->page, figure);
  flow->y += prep->fig_h + 6;
  place_lines (flow, prep->para, 0, prep->para->n_lines);
  if (prep->source != NULL)
    {
      flow->y += 2;
      place_lines (flow, prep->source, 0, prep->source->n_lines);
    }
  flow->y += 6;
}

/* --- the cover and the contents ---------------------------------------------- */

static double
add_text (Page         *page,
          PangoLayout  *layout,
          double        x,
          double        y,
          const double *rgb)
{
  Item *item = item_new (ITEM_TEXT, x, y);

  item->layout = layout;
  item->rgb = rgb;
  page_add (page, item);
  return layout_height (layout);
}

static void
add_rule (Page         *page,
          double        x,
          double        y,
          double        w,
          double        width,
          const double *rgb)
{
  Item *rule = item_new (ITEM_RULE, x, y);

  rule->w = w;
  rule->line_width = width;
  rule->rgb = rgb;
  page_add (page, rule);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
build_cover (VerkanReportLayout *self)
{
  const VerkanReportDocument *doc = self->doc;
  Page *page = add_page (self, FALSE);
  double y = 30 * MM;
  struct { const char *key; const char *value; } facts[] = {
    { "Report number", doc->report_number },
    { "Dnr", doc->dnr },
    { "Financier", doc->financier },
    { "Project owner", doc->owner },
  };

  if (is_set (doc->owner))
    y += add_text (page, text_layout (self, doc->owner, 10.5, TRUE, TEXT_W), MARGIN_X, y, ACCENT);
  else
    y += add_text (page, text_layout (self, word (self, "Final report"), 10.5, TRUE, TEXT_W),
                   MARGIN_X, y, ACCENT);
  add_rule (page, MARGIN_X, y + 4, TEXT_W, 1.5, ACCENT);

  y = 90 * MM;
  y += add_text (page, text_layout (self, doc->title, 30, TRUE, TEXT_W), MARGIN_X, y, ACCENT);
  if (is_set (doc->subtitle))
    y += 8 + add_text (page, text_layout (self, doc->subtitle, 16, FALSE, TEXT_W),
                       MARGIN_X, y + 8, INK);
  y += 18;
  add_rule (page, MARGIN_X, y, 30 * MM, 3, ACCENT);
  y += 18;
  if (is_set (doc->author))
    y += 2 + add_text (page, text_layout (self, doc->author, 13, FALSE, TEXT_W), MARGIN_X, y, INK);
  if (is_set (doc->date))
    y += add_text (page, text_layout (self, doc->date, 13, FALSE, TEXT_W), MARGIN_X, y, GREY);

  y = PAGE_H - 62 * MM;
  add_rule (page, MARGIN_X, y, TEXT_W, 0.5, RULE);
  y += 10;
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autofree char *label = NULL;

      if (!is_set (facts[i].value))
        continue;
      label = g_strdup_printf ("%s:", word (self, facts[i].key));
      add_text (page, text_layout (self, label, 10.5, TRUE, 40 * MM), MARGIN_X, y, GREY);
      y += add_text (page, text_layout (self, facts[i].value, 10.5, FALSE, TEXT_W - 42 * MM),
                     MARGIN_X + 42 * MM, y, INK) + 3;
    }
}

typedef struct {
  PangoLayout *number;
  PangoLayout *text;
  double       indent;
  double       text_x;
  double       height;
  double       space;
  guint        heading;     /* which heading: the index in self->toc */
} TocLine;

static void
toc_line_clear (TocLine *line)
{
  g_clear_object (&line->number);
  g_clear_object (&line->text);
}

#define TOC_NUMBER_W 30.0
#define TOC_TITLE_H 44.0

/* Shapes the contents' entries; their heights do not depend on pages */
static GArray *
prepare_toc (VerkanReportLayout *self,
             guint              *n_pages)
{
  const VerkanReportDocument *doc = self->doc;
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (TocLine));
  double y = BODY_TOP + TOC_TITLE_H;

  g_array_set_clear_func (lines, (GDestroyNotify) toc_line_clear);
  guint heading = 0;

  *n_pages = 1;
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);
      TocLine line = { 0 };
      gboolean chapter;
      double size;

      if (block->kind != VERKAN_REPORT_BLOCK_HEADING)
        continue;
      line.heading = heading++;
      if (block->level > 3)
        continue;
      chapter = block->level == 1;
      size = chapter ? 11 : 10.5;
      line.indent = (block->level - 1) * 16.0;
      line.space = chapter ? 8 : 3;
      if (is_set (block->number))
        {
          line.number = text_layout (self, block->number, size, chapter, -1);
          line.text_x = line.indent + MAX (chapter ? 20 : 28, layout_width (line.number) + 8);
        }
      else
        line.text_x = line.indent;
      line.text = text_layout (self, block->text, size, chapter, TEXT_W - line.text_x - TOC_NUMBER_W - 10);
      line.height = layout_height (line.text);
      if (y + line.space + line.height > BODY_BOTTOM)
        {
          (*n_pages)++;
          y = BODY_TOP;
        }
      y += line.space + line.height;
      g_array_append_val (lines, line);
    }
  /* no headings: no contents page */
  if (lines->len == 0)
    *n_pages = 0;
  return lines;
}

static void
build_toc (VerkanReportLayout *self,
           GArray             *lines,
           guint               first_page)
{
  Page *page = g_ptr_array_index (self->pages, first_page);
  double y = BODY_TOP;

  add_text (page, text_layout (self, word (self, "Contents"), 20, TRUE, TEXT_W), MARGIN_X, y, ACCENT);
  y += TOC_TITLE_H;
  for (guint i = 0; i < lines->len; i++)
    {
      TocLine *line = &g_array_index (lines, TocLine, i);
      VerkanReportTocEntry *entry = g_ptr_array_index (self->toc, line->heading);
      g_autofree char *number = g_strdup_printf ("%u", entry->page + 1);
      g_autofree char *dest = quote_attribute (entry->anchor ? entry->anchor : "");
      gboolean chapter = entry->level == 1;
      PangoLayout *page_number = text_layout (self, number, chapter ? 11 : 10.5, chapter, -1);
      PangoLayoutLine *last;
      PangoRectangle logical;
      double baseline, text_end, number_x;
      Item *item;

      if (y + line->space + line->height > BODY_BOTTOM)
        {
          first_page++;
          page = g_ptr_array_index (self->pages, first_page);
          y = BODY_TOP;
        }
      y += line->space;
      if (line->number)
        add_text (page, g_object_ref (line->number), MARGIN_X + line->indent, y, INK);
      add_text (page, g_object_ref (line->text), MARGIN_X + line->text_x, y, INK);

      /* the leaders run from the end of the last line to the number */
      last = pango_layout_get_line_readonly (line->text, pango_layout_get_line_count (line->text) - 1);
      pango_layout_line_get_extents (last, NULL, &logical);
      text_end = MARGIN_X + line->text_x + (double) (logical.x + logical.width) / PANGO_SCALE;
      {
        PangoLayoutIter *iter = pango_layout_get_iter (line->text);

        while (pango_layout_iter_next_line (iter))
          ;
        baseline = y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
        pango_layout_iter_free (iter);
      }
      number_x = MARGIN_X + TEXT_W - layout_width (page_number);
      add_text (page, page_number, number_x, baseline - layout_baseline (page_number), INK);
      item = item_new (ITEM_DOTS, text_end + 4, baseline);
      item->w = number_x - 4 - (text_end + 4);
      item->rgb = GREY;
      page_add (page, item);

      item = item_new (ITEM_LINK, 0, 0);
      {
        char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

        item->target = g_strdup_printf ("dest=%s rect=[%s %s %s %s]", dest,
                                        g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", MARGIN_X + line->indent),
                                        g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", y),
                                        g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", TEXT_W - line->indent),
                                        g_ascii_formatd (buf[3], sizeof buf[3], "%.2f", line->height));
      }
      page_add (page, item);
      y += line->height;
    }
}

/* --- the whole ------------------------------------------------------------- */

static void
prepared_clear (Prepared *prep,
                guint     n_cells)
{
  for (guint i = 0; prep->cells && i < n_cells; i++)
    g_clear_object (&prep->cells[i]);
  g_free (prep->cells);
  g_free (prep->row_h);
  g_free (prep->col_x);
  g_free (prep->col_w);
}

VerkanReportLayout *
verkan_report_layout_new (const VerkanReportDocument *doc,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr(VerkanReportLayout) self = NULL;
  cairo_font_options_t *options;
  Prepared *preps;
  g_autoptr(GArray) toc_lines = NULL;
  guint n_blocks;
  Flow flow = { 0 };
  gboolean cancelled = FALSE;

  g_return_val_if_fail (doc != NULL, NULL);

  self = g_new0 (VerkanReportLayout, 1);
  self->doc = doc;
  /* a font map of our own: pango's default one belongs to its thread */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_language (self->context,
                              pango_language_from_string (doc->language ? doc->language : "sv"));
  self->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->toc = g_ptr_array_new_with_free_func ((GDestroyNotify) toc_entry_free);
  self->sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->anchors = g_hash_table_new (g_str_hash, g_str_equal);

  n_blocks = doc->blocks ? doc->blocks->len : 0;
  preps = g_new0 (Prepared, n_blocks + 1);
  for (guint i = 0; i < n_blocks && !cancelled; i++)
    {
      const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (i % 16 == 0 && g_cancellable_is_cancelled (cancellable))
        cancelled = TRUE;
      if (is_set (block->anchor))
        g_hash_table_add (self->anchors, block->anchor);
      switch (block->kind)
        {
        case VERKAN_REPORT_BLOCK_HEADING:
          preps[i].para = prepare_heading (self, block);
          break;
        case VERKAN_REPORT_BLOCK_PARAGRAPH:
          preps[i].para = prepare_paragraph (self, block);
          break;
        case VERKAN_REPORT_BLOCK_TABLE:
          prepare_table (self, block, &preps[i]);
          break;
        case VERKAN_REPORT_BLOCK_FIGURE:
          prepare_figure (self, block, &preps[i]);
          break;
        default:
          break;
        }
    }

  if (!cancelled)
    {
      build_cover (self);
      toc_lines = prepare_toc (self, &self->n_toc_pages);
      for (guint i = 0; i < self->n_toc_pages; i++)
        add_page (self, TRUE);

      flow.self = self;
      for (guint i = 0; i < n_blocks; i++)
        {
          const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);
          gboolean list;

          if (i % 16 == 0 && g_cancellable_is_cancelled (cancellable))
            {
              cancelled = TRUE;
              break;
            }
          if (flow.page == NULL)
            flow_new_page (&flow);
          switch (block->kind)
            {
            case VERKAN_REPORT_BLOCK_HEADING:
              flow_heading (&flow, block, preps, i);
              break;
            case VERKAN_REPORT_BLOCK_PARAGRAPH:
              if (preps[i].para->n_lines == 0 || pango_layout_get_character_count (preps[i].para->layout) == 0)
                break;
              flow_mark_section (&flow, block);
              list = block->style != VERKAN_REPORT_ITEM_PARAGRAPH;
              {
                const VerkanReportBlock *before = i > 0 ? g_ptr_array_index (doc->blocks, i - 1) : NULL;
                gboolean after_item = list && before && before->kind == VERKAN_REPORT_BLOCK_PARAGRAPH &&
                                      before->style != VERKAN_REPORT_ITEM_PARAGRAPH;

                flow_dest (&flow, block->anchor, MARGIN_X, flow.y);
                if (!flow.at_top)
                  flow.y += after_item ? LIST_GAP - PARA_GAP : 0;
                flow_para (&flow, preps[i].para, PARA_GAP);
              }
              break;
            case VERKAN_REPORT_BLOCK_TABLE:
              flow_table (&flow, block, &preps[i], min_height (self, preps, i));
              break;
            case VERKAN_REPORT_BLOCK_FIGURE:
              flow_figure (&flow, block, &preps[i], min_height (self, preps, i));
              break;
            default:
              break;
            }
        }
      finish_page (flow.page);
      if (!cancelled && self->n_toc_pages > 0)
        build_toc (self, toc_lines, 1);
    }

  for (guint i = 0; i < n_blocks; i++)
    {
      const VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);

      prepared_clear (&preps[i], block->kind == VERKAN_REPORT_BLOCK_TABLE && block->rows
                                 ? block->rows->len * MAX (block->n_columns, 1) : 0);
    }
  g_free (preps);

  if (cancelled)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
verkan_report_layout_free (VerkanReportLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->pages, g_ptr_array_unref);
  g_clear_pointer (&layout->paras, g_ptr_array_unref);
  g_clear_pointer (&layout->toc, g_ptr_array_unref);
  g_clear_pointer (&layout->sections, g_hash_table_unref);
  g_clear_pointer (&layout->anchors, g_hash_table_unref);
  g_clear_object (&layout->context);
  g_clear_object (&layout->font_map);
  g_free (layout);
}

guint
verkan_report_layout_get_n_pages (VerkanReportLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->pages->len;
}

GPtrArray *
verkan_report_layout_get_toc (VerkanReportLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->toc;
}

int
verkan_report_layout_find_section (VerkanReportLayout *layout,
                                   gint64              section_id)
{
  gpointer value;

  g_return_val_if_fail (layout != NULL, -1);
  if (!g_hash_table_lookup_extended (layout->sections, &section_id, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value) - 1;
}

/* --- drawing ------------------------------------------------------------------- */

static void
set_rgb (cairo_t      *cr,
         const double *rgb)
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

static void
draw_lines (cairo_t *cr,
            Item    *item)
{
  Para *para = item->para;
  double dy = item->y - para->top[item->first];

  set_rgb (cr, item->rgb);
  if (item->first == 0 && para->marker != NULL && para->n_lines > 0)
    {
      cairo_move_to (cr, item->x + para->marker_x,
                     dy + para->baseline[0] - layout_baseline (para->marker));
      pango_cairo_show_layout (cr, para->marker);
    }
  for (int i = item->first; i < item->first + item->n; i++)
    {
      cairo_move_to (cr, item->x + para->indent + para->line_x[i], dy + para->baseline[i]);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (para->layout, i));
    }
}

static void
draw_running (VerkanReportLayout *self,
              Page               *page,
              guint               index,
              cairo_t            *cr)
{
  g_autoptr(PangoLayout) title = text_layout (self, self->doc->title, 8.5, FALSE, TEXT_W * 0.55);
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  const char *page_word = word (self, "Page");

  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  set_rgb (cr, GREY);
  cairo_move_to (cr, MARGIN_X, HEADER_BASE - layout_baseline (title));
  pango_cairo_show_layout (cr, title);
  if (page->chapter != NULL)
    {
      g_autoptr(PangoLayout) chapter = text_layout (self, page->chapter, 8.5, FALSE, -1);

      pango_layout_set_width (chapter, (int) (TEXT_W * 0.42 * PANGO_SCALE));
      pango_layout_set_ellipsize (chapter, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (chapter, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, MARGIN_X + TEXT_W * 0.58, HEADER_BASE - layout_baseline (chapter));
      pango_cairo_show_layout (cr, chapter);
    }
  set_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, HEADER_BASE + 4);
  cairo_line_to (cr, MARGIN_X + TEXT_W, HEADER_BASE + 4);
  cairo_stroke (cr);

  number = is_set (page_word) ? g_strdup_printf ("%s %u", page_word, index + 1)
                              : g_strdup_printf ("%u", index + 1);
  footer = text_layout (self, number, 9, FALSE, -1);
  set_rgb (cr, GREY);
  cairo_move_to (cr, MARGIN_X + TEXT_W - layout_width (footer), FOOTER_TOP);
  pango_cairo_show_layout (cr, footer);
}

void
verkan_report_layout_draw_page (VerkanReportLayout *layout,
                                guint               page_index,
                                cairo_t            *cr)
{
  Page *page;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  if (page_index >= layout->pages->len)
    return;
  page = g_ptr_array_index (layout->pages, page_index);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);
  if (page->running)
    draw_running (layout, page, page_index, cr);

  for (guint i = 0; i < page->items->len; i++)
    {
      Item *item = g_ptr_array_index (page->items, i);

      switch (item->kind)
        {
        case ITEM_LINES:
          draw_lines (cr, item);
          break;
        case ITEM_TEXT:
          set_rgb (cr, item->rgb);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
          break;
        case ITEM_RULE:
          set_rgb (cr, item->rgb);
          cairo_set_line_width (cr, item->line_width);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->x + item->w, item->y + item->h);
          cairo_stroke (cr);
          break;
        case ITEM_FILL:
          set_rgb (cr, item->rgb);
          cairo_rectangle (cr, item->x, item->y, item->w, item->h);
          cairo_fill (cr);
          break;
        case ITEM_DOTS:
          set_rgb (cr, item->rgb);
          /* on a fixed grid, so the leaders line up from entry to entry */
          for (double x = ceil ((item->x - MARGIN_X) / 4.5) * 4.5 + MARGIN_X; x <= item->x + item->w; x += 4.5)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, x, item->y - 0.6, 0.55, 0, 2 * G_PI);
            }
          cairo_fill (cr);
          break;
        case ITEM_FIGURE:
          cairo_save (cr);
          cairo_translate (cr, item->x, item->y);
          cairo_rectangle (cr, 0, 0, item->w, item->h);
          cairo_clip (cr);
          verkan_report_figure_draw (item->figure, cr, item->w, item->h);
          cairo_restore (cr);
          break;
        case ITEM_DEST:
          {
            g_autofree char *name = quote_attribute (item->target);
            g_autofree char *attributes = NULL;
            char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

            attributes = g_strdup_printf ("name=%s x=%s y=%s", name,
                                          g_ascii_formatd (x, sizeof x, "%.2f", item->x),
                                          g_ascii_formatd (y, sizeof y, "%.2f", MAX (item->y - 6, 0)));
            cairo_tag_begin (cr, CAIRO_TAG_DEST, attributes);
            cairo_tag_end (cr, CAIRO_TAG_DEST);
          }
          break;
        case ITEM_LINK:
          cairo_tag_begin (cr, CAIRO_TAG_LINK, item->target);
          cairo_tag_end (cr, CAIRO_TAG_LINK);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}
