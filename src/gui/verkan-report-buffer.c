/* verkan-report-buffer.c: a section's body as a GtkTextBuffer
 *
 * One paragraph is one line.  Bold and italic are the tags "bold" and
 * "italic"; a link is an anonymous tag per address, which keeps its href
 * as object data.  A list item is a line tagged "bullet" or "numbered"
 * from its first character to its newline; the view draws the bullet or
 * the number in the margin, so nothing of it is in the text.  Footnotes,
 * cross-references and generated blocks are child anchors carrying what
 * they stand for; the editor gives them their widgets.
 *
 * The buffer keeps its lines sane while a person types: new text takes
 * the style of the text before it (or the style chosen with nothing
 * selected), a line split from a list item stays a list item, Enter on an
 * empty item ends the list, and nothing is typed onto a block's line.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "verkan-report-buffer.h"

#define ANCHOR_KEY "verkan-report-anchor"
#define HREF_KEY   "verkan-report-href"
#define OBJECT_CHAR 0xFFFC

struct _VerkanReportBuffer
{
  GtkTextBuffer          parent_instance;

  GtkTextTag            *bold;
  GtkTextTag            *italic;
  GtkTextTag            *bullet;
  GtkTextTag            *numbered;
  GHashTable            *links;          /* href → GtkTextTag */

  /* The kind of the last line while it is empty (a tag needs a character) */
  VerkanReportItemKind   tail_kind;

  /* A style chosen with nothing selected, for typing at typing_offset */
  gboolean               typing_valid;
  int                    typing_offset;
  VerkanReportSpanFlags  typing_flags;

  /* > 0 while the buffer itself edits: no typing rules then */
  guint                  internal;
};

G_DEFINE_FINAL_TYPE (VerkanReportBuffer, verkan_report_buffer, GTK_TYPE_TEXT_BUFFER)

enum {
  CONTENT_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* What an anchor stands for */
typedef struct {
  gboolean          is_block;
  VerkanReportSpan  span;   /* NOTE or REF */
  VerkanReportItem  item;   /* BLOCK */
} AnchorInfo;

static void
anchor_info_free (gpointer data)
{
  AnchorInfo *info = data;

  g_free (info->span.text);
  g_free (info->span.href);
  g_free (info->span.ref);
  g_free (info->item.block_id);
  g_free (info->item.block_kind);
  g_free (info->item.block_ref);
  g_free (info->item.caption);
  g_free (info);
}

static AnchorInfo *
anchor_info (GtkTextChildAnchor *anchor)
{
  return anchor != NULL ? g_object_get_data (G_OBJECT (anchor), ANCHOR_KEY) : NULL;
}

static GtkTextChildAnchor *
new_anchor (AnchorInfo *info)
{
  GtkTextChildAnchor *anchor = gtk_text_child_anchor_new ();

  g_object_set_data_full (G_OBJECT (anchor), ANCHOR_KEY, info, anchor_info_free);
  return anchor;
}

static AnchorInfo *
iter_anchor_info (const GtkTextIter *iter)
{
  return anchor_info (gtk_text_iter_get_child_anchor (iter));
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */

static void
line_bounds (VerkanReportBuffer *self,
             int                 line,
             GtkTextIter        *start,
             GtkTextIter        *end)
{
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), start, line);
  *end = *start;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

static gboolean
line_is_block (VerkanReportBuffer *self,
               int                 line)
{
  GtkTextIter iter;
  AnchorInfo *info;

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), &iter, line);
  info = iter_anchor_info (&iter);
  return info != NULL && info->is_block;
}

static gboolean
line_is_empty (VerkanReportBuffer *self,
               int                 line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), &iter, line);
  return gtk_text_iter_ends_line (&iter);
}

VerkanReportItemKind
verkan_report_buffer_get_line_kind (VerkanReportBuffer *self,
                                    int                 line)
{
  GtkTextIter iter;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), VERKAN_REPORT_ITEM_PARAGRAPH);

  if (line_is_block (self, line))
    return VERKAN_REPORT_ITEM_BLOCK;
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), &iter, line);
  if (gtk_text_iter_is_end (&iter))
    return self->tail_kind;
  if (gtk_text_iter_has_tag (&iter, self->bullet))
    return VERKAN_REPORT_ITEM_BULLET;
  if (gtk_text_iter_has_tag (&iter, self->numbered))
    return VERKAN_REPORT_ITEM_NUMBERED;
  return VERKAN_REPORT_ITEM_PARAGRAPH;
}

guint
verkan_report_buffer_get_line_number (VerkanReportBuffer *self,
                                      int                 line)
{
  guint number = 0;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), 0);

  while (line >= 0 && verkan_report_buffer_get_line_kind (self, line) == VERKAN_REPORT_ITEM_NUMBERED)
    {
      number++;
      line--;
    }
  return number;
}

/* The tag covers the line and its newline, so that it moves with it */
static void
set_line_kind (VerkanReportBuffer   *self,
               int                   line,
               VerkanReportItemKind  kind)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;

  if (kind == VERKAN_REPORT_ITEM_BLOCK)
    kind = VERKAN_REPORT_ITEM_PARAGRAPH;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_forward_line (&end))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      self->tail_kind = kind;
    }

  self->internal++;
  gtk_text_buffer_remove_tag (buffer, self->bullet, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->numbered, &start, &end);
  if (kind == VERKAN_REPORT_ITEM_BULLET)
    gtk_text_buffer_apply_tag (buffer, self->bullet, &start, &end);
  else if (kind == VERKAN_REPORT_ITEM_NUMBERED)
    gtk_text_buffer_apply_tag (buffer, self->numbered, &start, &end);
  self->internal--;
}

/* ------------------------------------------------------------------ */
/* Styles                                                              */

static GtkTextTag *
link_tag (VerkanReportBuffer *self,
          const char         *href)
{
  GtkTextTag *tag = g_hash_table_lookup (self->links, href);

  if (tag == NULL)
    {
      /* Anonymous: the href is not a name in the tag table */
      tag = gtk_text_tag_new (NULL);
      g_object_set (tag,
                    "underline", PANGO_UNDERLINE_SINGLE,
                    "foreground", "#1c71d8",
                    NULL);
      g_object_set_data_full (G_OBJECT (tag), HREF_KEY, g_strdup (href), g_free);
      gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self)), tag);
      g_hash_table_insert (self->links, g_strdup (href), tag);
      g_object_unref (tag);
    }
  return tag;
}

static const char *
iter_href (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *href = g_object_get_data (l->data, HREF_KEY);

      if (href != NULL)
        return href;
    }
  return NULL;
}

static VerkanReportSpanFlags
iter_flags (VerkanReportBuffer *self,
            const GtkTextIter  *iter)
{
  VerkanReportSpanFlags flags = 0;

  if (gtk_text_iter_has_tag (iter, self->bold))
    flags |= VERKAN_REPORT_SPAN_BOLD;
  if (gtk_text_iter_has_tag (iter, self->italic))
    flags |= VERKAN_REPORT_SPAN_ITALIC;
  return flags;
}

static void
remove_links (VerkanReportBuffer *self,
              const GtkTextIter  *start,
              const GtkTextIter  *end)
{
  GHashTableIter iter;
  gpointer tag;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &tag))
    gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self), tag, start, end);
}

static void
apply_style (VerkanReportBuffer    *self,
             const GtkTextIter     *start,
             const GtkTextIter     *end,
             VerkanReportSpanFlags  flags,
             const char            *href)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  self->internal++;
  if (flags & VERKAN_REPORT_SPAN_BOLD)
    gtk_text_buffer_apply_tag (buffer, self->bold, start, end);
  else
    gtk_text_buffer_remove_tag (buffer, self->bold, start, end);
  if (flags & VERKAN_REPORT_SPAN_ITALIC)
    gtk_text_buffer_apply_tag (buffer, self->italic, start, end);
  else
    gtk_text_buffer_remove_tag (buffer, self->italic, start, end);
  remove_links (self, start, end);
  if (href != NULL && *href != '\0')
    gtk_text_buffer_apply_tag (buffer, link_tag (self, href), start, end);
  self->internal--;
}

/* The style of the text new typing at @iter continues: the character
 * before it on the line, or after it at a line's start */
static void
inherited_style (VerkanReportBuffer    *self,
                 const GtkTextIter     *iter,
                 VerkanReportSpanFlags *flags,
                 const char           **href)
{
  GtkTextIter before = *iter;

  *flags = 0;
  *href = NULL;

  if (!gtk_text_iter_starts_line (iter))
    {
      gtk_text_iter_backward_char (&before);
      if (gtk_text_iter_get_char (&before) != OBJECT_CHAR)
        *flags = iter_flags (self, &before);
      /* A link grows only from inside, not at its ends */
      if (!gtk_text_iter_ends_line (iter))
        {
          const char *left = iter_href (&before);

          if (left != NULL && g_strcmp0 (left, iter_href (iter)) == 0)
            *href = left;
        }
    }
  else if (!gtk_text_iter_ends_line (iter) && gtk_text_iter_get_char (iter) != OBJECT_CHAR)
    {
      *flags = iter_flags (self, iter);
    }
}

static gboolean
get_cursor (VerkanReportBuffer *self,
            GtkTextIter        *iter)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  gtk_text_buffer_get_iter_at_mark (buffer, iter, gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

VerkanReportSpanFlags
verkan_report_buffer_get_flags (VerkanReportBuffer *self)
{
  GtkTextIter start, end, cursor;
  VerkanReportSpanFlags flags;
  const char *href;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), 0);

  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self), &start, &end))
    {
      VerkanReportSpanFlags all = VERKAN_REPORT_SPAN_BOLD | VERKAN_REPORT_SPAN_ITALIC;
      gboolean any = FALSE;

      for (GtkTextIter i = start; gtk_text_iter_compare (&i, &end) < 0; gtk_text_iter_forward_char (&i))
        {
          gunichar c = gtk_text_iter_get_char (&i);

          if (c == OBJECT_CHAR || c == '\n')
            continue;
          all &= iter_flags (self, &i);
          any = TRUE;
        }
      return any ? all : 0;
    }

  get_cursor (self, &cursor);
  if (self->typing_valid && gtk_text_iter_get_offset (&cursor) == self->typing_offset)
    return self->typing_flags;
  inherited_style (self, &cursor, &flags, &href);
  return flags;
}

char *
verkan_report_buffer_dup_link (VerkanReportBuffer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), NULL);

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self), &start, &end);
  if (iter_href (&start) == NULL && !gtk_text_iter_starts_line (&start))
    gtk_text_iter_backward_char (&start);
  return g_strdup (iter_href (&start));
}

/* ------------------------------------------------------------------ */
/* Typing rules                                                        */

static void
verkan_report_buffer_insert_text (GtkTextBuffer *buffer,
                                  GtkTextIter   *location,
                                  const char    *text,
                                  int            len)
{
  VerkanReportBuffer *self = VERKAN_REPORT_BUFFER (buffer);
  g_autofree char *adjusted = NULL;
  VerkanReportItemKind kind;
  VerkanReportSpanFlags flags;
  const char *href;
  g_autofree char *href_copy = NULL;
  GtkTextIter start;
  int line, start_offset, end_offset, cursor_offset = -1;

  if (self->internal > 0)
    {
      GTK_TEXT_BUFFER_CLASS (verkan_report_buffer_parent_class)->insert_text (buffer, location, text, len);
      return;
    }

  if (len < 0)
    len = strlen (text);
  line = gtk_text_iter_get_line (location);
  kind = verkan_report_buffer_get_line_kind (self, line);

  /* Enter on an empty list item ends the list */
  if ((kind == VERKAN_REPORT_ITEM_BULLET || kind == VERKAN_REPORT_ITEM_NUMBERED)
      && len == 1 && text[0] == '\n' && line_is_empty (self, line))
    {
      set_line_kind (self, line, VERKAN_REPORT_ITEM_PARAGRAPH);
      g_signal_emit (self, signals[CONTENT_CHANGED], 0);
      return;
    }

  /* Nothing is typed onto a block's line: before the block it becomes a
   * line above it, after the block a line below it */
  if (kind == VERKAN_REPORT_ITEM_BLOCK)
    {
      if (gtk_text_iter_starts_line (location))
        {
          if (text[len - 1] != '\n')
            {
              adjusted = g_strdup_printf ("%.*s\n", len, text);
              cursor_offset = gtk_text_iter_get_offset (location) + g_utf8_strlen (text, len);
            }
        }
      else if (text[0] != '\n')
        {
          adjusted = g_strdup_printf ("\n%.*s", len, text);
        }
      if (adjusted != NULL)
        {
          text = adjusted;
          len = strlen (adjusted);
        }
      kind = VERKAN_REPORT_ITEM_PARAGRAPH;
      flags = 0;
      href = NULL;
    }
  else
    {
      inherited_style (self, location, &flags, &href);
      href_copy = g_strdup (href);
      start_offset = gtk_text_iter_get_offset (location);
      if (self->typing_valid && self->typing_offset == start_offset)
        flags = self->typing_flags;
    }

  start_offset = gtk_text_iter_get_offset (location);
  GTK_TEXT_BUFFER_CLASS (verkan_report_buffer_parent_class)->insert_text (buffer, location, text, len);
  end_offset = gtk_text_iter_get_offset (location);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  apply_style (self, &start, location, flags, href_copy);

  /* The lines made by the insertion are of the kind of the line it was
   * typed into (a block's line gives plain paragraphs) */
  for (int l = gtk_text_iter_get_line (&start); l <= gtk_text_iter_get_line (location); l++)
    if (!line_is_block (self, l))
      set_line_kind (self, l, kind);

  if (self->typing_valid && self->typing_offset == start_offset)
    self->typing_offset = end_offset;

  gtk_text_buffer_get_iter_at_offset (buffer, location, end_offset);
  if (cursor_offset >= 0)
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_offset (buffer, &cursor, cursor_offset);
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
}

static void
verkan_report_buffer_delete_range (GtkTextBuffer *buffer,
                                   GtkTextIter   *start,
                                   GtkTextIter   *end)
{
  VerkanReportBuffer *self = VERKAN_REPORT_BUFFER (buffer);
  VerkanReportItemKind kind;
  int line;

  if (self->internal > 0)
    {
      GTK_TEXT_BUFFER_CLASS (verkan_report_buffer_parent_class)->delete_range (buffer, start, end);
      return;
    }

  gtk_text_iter_order (start, end);
  line = gtk_text_iter_get_line (start);

  /* Joining a block's line with a line of text would put text beside the
   * block: refuse, as a word processor does with an object on its own */
  if (gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start) == 1
      && gtk_text_iter_get_char (start) == '\n')
    {
      if ((line_is_block (self, line) && !line_is_empty (self, line + 1))
          || (line_is_block (self, line + 1) && !line_is_empty (self, line)))
        return;
    }

  kind = verkan_report_buffer_get_line_kind (self, line);
  GTK_TEXT_BUFFER_CLASS (verkan_report_buffer_parent_class)->delete_range (buffer, start, end);
  /* The joined line is of the kind of its first part */
  if (!line_is_block (self, line))
    set_line_kind (self, line, kind);
}

/* ------------------------------------------------------------------ */
/* Loading and reading                                                 */

static void
insert_span (VerkanReportBuffer     *self,
             GtkTextIter            *iter,
             const VerkanReportSpan *span)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  switch (span->kind)
    {
    case VERKAN_REPORT_SPAN_TEXT:
      if (span->text != NULL && *span->text != '\0')
        {
          int offset = gtk_text_iter_get_offset (iter);
          GtkTextIter start;

          gtk_text_buffer_insert (buffer, iter, span->text, -1);
          gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
          apply_style (self, &start, iter, span->flags, span->href);
        }
      break;

    case VERKAN_REPORT_SPAN_NOTE:
    case VERKAN_REPORT_SPAN_REF:
      {
        AnchorInfo *info = g_new0 (AnchorInfo, 1);
        g_autoptr(GtkTextChildAnchor) anchor = NULL;

        info->span.kind = span->kind;
        info->span.text = g_strdup (span->kind == VERKAN_REPORT_SPAN_NOTE && span->text != NULL
                                    ? span->text : "");
        info->span.ref = g_strdup (span->ref);
        anchor = new_anchor (info);
        gtk_text_buffer_insert_child_anchor (buffer, iter, anchor);
      }
      break;

    default:
      break;
    }
}

static void
insert_block_anchor (VerkanReportBuffer *self,
                     GtkTextIter        *iter,
                     const char         *block_id,
                     const char         *block_kind,
                     const char         *block_ref,
                     const char         *caption)
{
  AnchorInfo *info = g_new0 (AnchorInfo, 1);
  g_autoptr(GtkTextChildAnchor) anchor = NULL;

  info->is_block = TRUE;
  info->item.kind = VERKAN_REPORT_ITEM_BLOCK;
  info->item.block_id = g_strdup (block_id);
  info->item.block_kind = g_strdup (block_kind);
  info->item.block_ref = g_strdup (block_ref);
  info->item.caption = g_strdup (caption);
  anchor = new_anchor (info);
  gtk_text_buffer_insert_child_anchor (GTK_TEXT_BUFFER (self), iter, anchor);
}

void
verkan_report_buffer_load (VerkanReportBuffer     *self,
                           const VerkanReportBody *body)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end, iter;

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));

  self->internal++;
  self->typing_valid = FALSE;
  self->tail_kind = VERKAN_REPORT_ITEM_PARAGRAPH;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);

  for (guint i = 0; body != NULL && body->items != NULL && i < body->items->len; i++)
    {
      const VerkanReportItem *item = g_ptr_array_index (body->items, i);

      gtk_text_buffer_get_end_iter (buffer, &iter);
      if (i > 0)
        gtk_text_buffer_insert (buffer, &iter, "\n", 1);

      if (item->kind == VERKAN_REPORT_ITEM_BLOCK)
        {
          insert_block_anchor (self, &iter, item->block_id, item->block_kind,
                               item->block_ref, item->caption);
        }
      else
        {
          for (guint s = 0; item->spans != NULL && s < item->spans->len; s++)
            insert_span (self, &iter, g_ptr_array_index (item->spans, s));
        }
      set_line_kind (self, i, item->kind);
    }

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->internal--;
}

typedef struct {
  VerkanReportBody      *body;
  VerkanReportItemKind   kind;     /* of the line being read */
  VerkanReportItem      *item;     /* the paragraph being read, or NULL */
  GString               *text;     /* text of the style below, not yet a span */
  VerkanReportSpanFlags  flags;
  const char            *href;
} Reader;

static VerkanReportItem *
reader_item (Reader *reader)
{
  if (reader->item == NULL)
    reader->item = verkan_report_body_add_paragraph (reader->body,
                                                     reader->kind == VERKAN_REPORT_ITEM_BLOCK
                                                     ? VERKAN_REPORT_ITEM_PARAGRAPH : reader->kind);
  return reader->item;
}

static void
reader_flush_text (Reader *reader)
{
  VerkanReportSpan *span;

  if (reader->text->len == 0)
    return;
  span = verkan_report_item_add_span (reader_item (reader), VERKAN_REPORT_SPAN_TEXT,
                                      reader->flags, reader->text->str);
  if (span != NULL && reader->href != NULL)
    span->href = g_strdup (reader->href);
  g_string_truncate (reader->text, 0);
}

VerkanReportBody *
verkan_report_buffer_dup_body (VerkanReportBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GString) text = g_string_new (NULL);
  Reader reader = { 0 };
  int n_lines;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), NULL);

  reader.body = verkan_report_body_new ();
  reader.text = text;

  /* An empty buffer is an empty body */
  if (gtk_text_buffer_get_char_count (buffer) == 0 && self->tail_kind == VERKAN_REPORT_ITEM_PARAGRAPH)
    return reader.body;

  n_lines = gtk_text_buffer_get_line_count (buffer);
  for (int line = 0; line < n_lines; line++)
    {
      GtkTextIter iter, end;
      gboolean had_block = FALSE;

      line_bounds (self, line, &iter, &end);
      reader.kind = verkan_report_buffer_get_line_kind (self, line);
      reader.item = NULL;

      for (; gtk_text_iter_compare (&iter, &end) < 0; gtk_text_iter_forward_char (&iter))
        {
          gunichar c = gtk_text_iter_get_char (&iter);

          if (c == OBJECT_CHAR)
            {
              AnchorInfo *info = iter_anchor_info (&iter);

              if (info == NULL)
                continue;
              reader_flush_text (&reader);
              if (info->is_block)
                {
                  VerkanReportItem *item = verkan_report_body_add_block (reader.body,
                                                                         info->item.block_kind,
                                                                         info->item.block_ref,
                                                                         info->item.block_id);
                  if (item != NULL)
                    item->caption = g_strdup (info->item.caption);
                  /* Text after a block on its line is a paragraph of its own */
                  reader.item = NULL;
                  had_block = TRUE;
                }
              else
                {
                  VerkanReportSpan *span;

                  span = verkan_report_item_add_span (reader_item (&reader), info->span.kind, 0,
                                                      info->span.kind == VERKAN_REPORT_SPAN_NOTE
                                                      ? info->span.text : NULL);
                  if (span != NULL && info->span.kind == VERKAN_REPORT_SPAN_REF)
                    span->ref = g_strdup (info->span.ref);
                }
            }
          else
            {
              VerkanReportSpanFlags flags = iter_flags (self, &iter);
              const char *href = iter_href (&iter);

              if (reader.text->len > 0 && (flags != reader.flags || g_strcmp0 (href, reader.href) != 0))
                reader_flush_text (&reader);
              reader.flags = flags;
              reader.href = href;
              g_string_append_unichar (reader.text, c);
            }
        }
      reader_flush_text (&reader);
      if (reader.item == NULL && !had_block)
        reader_item (&reader);
    }

  return reader.body;
}

/* ------------------------------------------------------------------ */
/* Editing                                                             */

void
verkan_report_buffer_toggle_flag (VerkanReportBuffer    *self,
                                  VerkanReportSpanFlags  flag)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;
  VerkanReportSpanFlags current;

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));

  current = verkan_report_buffer_get_flags (self);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      GtkTextTag *tag = flag == VERKAN_REPORT_SPAN_BOLD ? self->bold : self->italic;

      if (current & flag)
        gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
      else
        gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
      return;
    }

  /* Nothing selected: the next typing here gets the style */
  self->typing_valid = TRUE;
  self->typing_offset = gtk_text_iter_get_offset (&start);
  self->typing_flags = current ^ flag;
}

void
verkan_report_buffer_set_paragraph_kind (VerkanReportBuffer   *self,
                                         VerkanReportItemKind  kind)
{
  GtkTextIter start, end;
  int first, last;
  gboolean all = TRUE;

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));
  g_return_if_fail (kind != VERKAN_REPORT_ITEM_BLOCK);

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self), &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  /* A selection that ends at a line's start does not touch that line */
  if (last > first && gtk_text_iter_starts_line (&end))
    last--;

  for (int line = first; line <= last; line++)
    {
      VerkanReportItemKind line_kind = verkan_report_buffer_get_line_kind (self, line);

      if (line_kind != VERKAN_REPORT_ITEM_BLOCK && line_kind != kind)
        all = FALSE;
    }
  if (all)
    kind = VERKAN_REPORT_ITEM_PARAGRAPH;

  for (int line = first; line <= last; line++)
    if (!line_is_block (self, line))
      set_line_kind (self, line, kind);

  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
}

void
verkan_report_buffer_set_link (VerkanReportBuffer *self,
                               const char         *href)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;
  gboolean has_href = href != NULL && *href != '\0';

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      remove_links (self, &start, &end);
      if (has_href)
        gtk_text_buffer_apply_tag (buffer, link_tag (self, href), &start, &end);
      return;
    }

  if (has_href)
    {
      /* Nothing selected: the address itself becomes the link's text */
      int offset = gtk_text_iter_get_offset (&start);
      VerkanReportSpanFlags flags;
      const char *inherited;

      inherited_style (self, &start, &flags, &inherited);
      gtk_text_buffer_insert (buffer, &start, href, -1);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, offset);
      apply_style (self, &end, &start, flags, href);
      return;
    }

  /* Nothing selected and no address: the link around the cursor goes */
  {
    const char *current;
    GtkTextTag *tag;

    end = start;
    if (iter_href (&start) == NULL && !gtk_text_iter_starts_line (&start))
      gtk_text_iter_backward_char (&start);
    current = iter_href (&start);
    if (current == NULL)
      return;
    tag = link_tag (self, current);
    if (!gtk_text_iter_starts_tag (&start, tag))
      gtk_text_iter_backward_to_tag_toggle (&start, tag);
    end = start;
    gtk_text_iter_forward_to_tag_toggle (&end, tag);
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  }
}

static void
insert_inline_anchor (VerkanReportBuffer   *self,
                      VerkanReportSpanKind  kind,
                      const char           *text,
                      const char           *ref)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  VerkanReportSpan span = { kind, 0, (char *) text, NULL, (char *) ref };
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  /* Not onto a block's line: after the block's paragraph instead */
  if (line_is_block (self, gtk_text_iter_get_line (&end)))
    {
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      self->internal++;
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
      set_line_kind (self, gtk_text_iter_get_line (&end), VERKAN_REPORT_ITEM_PARAGRAPH);
      self->internal--;
    }
  self->internal++;
  insert_span (self, &end, &span);
  self->internal--;
  gtk_text_buffer_place_cursor (buffer, &end);
}

void
verkan_report_buffer_insert_note (VerkanReportBuffer *self,
                                  const char         *text)
{
  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));
  insert_inline_anchor (self, VERKAN_REPORT_SPAN_NOTE, text != NULL ? text : "", NULL);
}

void
verkan_report_buffer_insert_ref (VerkanReportBuffer *self,
                                 const char         *block_id)
{
  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));
  g_return_if_fail (block_id != NULL);
  insert_inline_anchor (self, VERKAN_REPORT_SPAN_REF, NULL, block_id);
}

char *
verkan_report_buffer_insert_block (VerkanReportBuffer *self,
                                   const char         *block_kind,
                                   const char         *block_ref)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autofree char *id = g_uuid_string_random ();
  GtkTextIter iter;
  int line;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), NULL);
  g_return_val_if_fail (block_kind != NULL, NULL);

  get_cursor (self, &iter);
  line = gtk_text_iter_get_line (&iter);

  self->internal++;
  /* An empty paragraph becomes the block's line; otherwise a new line
   * after the cursor's paragraph */
  if (line_is_empty (self, line)
      && verkan_report_buffer_get_line_kind (self, line) == VERKAN_REPORT_ITEM_PARAGRAPH
      && gtk_text_buffer_get_char_count (buffer) > 0)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
    }
  else if (gtk_text_buffer_get_char_count (buffer) == 0)
    {
      gtk_text_buffer_get_start_iter (buffer, &iter);
    }
  else
    {
      if (!gtk_text_iter_ends_line (&iter))
        gtk_text_iter_forward_to_line_end (&iter);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      line++;
    }
  insert_block_anchor (self, &iter, id, block_kind, block_ref, NULL);
  set_line_kind (self, line, VERKAN_REPORT_ITEM_PARAGRAPH);
  self->internal--;

  gtk_text_buffer_place_cursor (buffer, &iter);
  return g_steal_pointer (&id);
}

/* ------------------------------------------------------------------ */
/* Anchors                                                             */

const VerkanReportSpan *
verkan_report_buffer_get_anchor_span (GtkTextChildAnchor *anchor)
{
  AnchorInfo *info = anchor_info (anchor);

  return info != NULL && !info->is_block ? &info->span : NULL;
}

const VerkanReportItem *
verkan_report_buffer_get_anchor_block (GtkTextChildAnchor *anchor)
{
  AnchorInfo *info = anchor_info (anchor);

  return info != NULL && info->is_block ? &info->item : NULL;
}

GtkTextChildAnchor *
verkan_report_buffer_find_block (VerkanReportBuffer *self,
                                 const char         *block_id)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  int n_lines;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), NULL);

  n_lines = gtk_text_buffer_get_line_count (buffer);
  for (int line = 0; line < n_lines; line++)
    {
      GtkTextIter iter;
      AnchorInfo *info;

      gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
      info = iter_anchor_info (&iter);
      if (info != NULL && info->is_block && g_strcmp0 (info->item.block_id, block_id) == 0)
        return gtk_text_iter_get_child_anchor (&iter);
    }
  return NULL;
}

void
verkan_report_buffer_set_note_text (VerkanReportBuffer *self,
                                    GtkTextChildAnchor *anchor,
                                    const char         *text)
{
  AnchorInfo *info = anchor_info (anchor);

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));
  if (info == NULL || info->is_block || g_strcmp0 (info->span.text, text) == 0)
    return;
  g_free (info->span.text);
  info->span.text = g_strdup (text != NULL ? text : "");
  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
}

void
verkan_report_buffer_set_block_caption (VerkanReportBuffer *self,
                                        const char         *block_id,
                                        const char         *caption)
{
  AnchorInfo *info = anchor_info (verkan_report_buffer_find_block (self, block_id));

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));
  if (info == NULL)
    return;
  if (caption != NULL && *caption == '\0')
    caption = NULL;
  if (g_strcmp0 (info->item.caption, caption) == 0)
    return;
  g_free (info->item.caption);
  info->item.caption = g_strdup (caption);
  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
}

gboolean
verkan_report_buffer_move_block (VerkanReportBuffer *self,
                                 const char         *block_id,
                                 int                 delta)
{
  g_autoptr(VerkanReportBody) body = NULL;
  guint index = G_MAXUINT;
  guint other;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  body = verkan_report_buffer_dup_body (self);
  for (guint i = 0; body != NULL && i < body->items->len; i++)
    {
      VerkanReportItem *item = g_ptr_array_index (body->items, i);

      if (item->kind == VERKAN_REPORT_ITEM_BLOCK && g_strcmp0 (item->block_id, block_id) == 0)
        index = i;
    }
  if (index == G_MAXUINT || (delta < 0 && index == 0) || (delta > 0 && index + 1 >= body->items->len))
    return FALSE;

  other = index + delta;
  {
    gpointer swap = body->items->pdata[index];

    body->items->pdata[index] = body->items->pdata[other];
    body->items->pdata[other] = swap;
  }
  verkan_report_buffer_load (self, body);
  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
  return TRUE;
}

gboolean
verkan_report_buffer_remove_block (VerkanReportBuffer *self,
                                   const char         *block_id)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextChildAnchor *anchor;
  GtkTextIter start, end;
  int line;

  g_return_val_if_fail (VERKAN_IS_REPORT_BUFFER (self), FALSE);

  anchor = verkan_report_buffer_find_block (self, block_id);
  if (anchor == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_child_anchor (buffer, &start, anchor);
  line = gtk_text_iter_get_line (&start);
  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  /* The line and its newline, or the newline before the last line */
  if (!gtk_text_iter_forward_line (&end))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (line > 0)
        {
          gtk_text_iter_backward_char (&start);
          /* The line above becomes the last: its kind stays */
          self->tail_kind = verkan_report_buffer_get_line_kind (self, line - 1);
        }
    }
  self->internal++;
  gtk_text_buffer_delete (buffer, &start, &end);
  self->internal--;
  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
  return TRUE;
}

void
verkan_report_buffer_remove_anchor (VerkanReportBuffer *self,
                                    GtkTextChildAnchor *anchor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;

  g_return_if_fail (VERKAN_IS_REPORT_BUFFER (self));

  if (gtk_text_child_anchor_get_deleted (anchor))
    return;
  gtk_text_buffer_get_iter_at_child_anchor (buffer, &start, anchor);
  end = start;
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
verkan_report_buffer_finalize (GObject *object)
{
  VerkanReportBuffer *self = VERKAN_REPORT_BUFFER (object);

  g_clear_pointer (&self->links, g_hash_table_unref);

  G_OBJECT_CLASS (verkan_report_buffer_parent_class)->finalize (object);
}

/* The tags are made once the tag table is set, after construction */
static void
verkan_report_buffer_constructed (GObject *object)
{
  VerkanReportBuffer *self = VERKAN_REPORT_BUFFER (object);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  G_OBJECT_CLASS (verkan_report_buffer_parent_class)->constructed (object);

  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bold = gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  self->italic = gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  /* The view sets their margins to fit its column */
  self->bullet = gtk_text_buffer_create_tag (buffer, "bullet", "left-margin", 28, NULL);
  self->numbered = gtk_text_buffer_create_tag (buffer, "numbered", "left-margin", 28, NULL);

  /* Ctrl+Z is the project's undo, never the buffer's own */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
}

static void
verkan_report_buffer_init (VerkanReportBuffer *self)
{
}

static void
verkan_report_buffer_class_init (VerkanReportBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->constructed = verkan_report_buffer_constructed;
  object_class->finalize = verkan_report_buffer_finalize;
  buffer_class->insert_text = verkan_report_buffer_insert_text;
  buffer_class->delete_range = verkan_report_buffer_delete_range;

  /* A change that is not in the text: a paragraph's kind, a footnote's
   * text, a block's caption or place */
  signals[CONTENT_CHANGED] =
    g_signal_new ("content-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

VerkanReportBuffer *
verkan_report_buffer_new (void)
{
  return g_object_new (VERKAN_TYPE_REPORT_BUFFER, NULL);
}
