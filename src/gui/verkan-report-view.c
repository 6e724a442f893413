/* verkan-report-view.c: the report editor's text view
 *
 * The text sits in a column of about 75 characters, centred: the view's
 * margins grow with its width, and so do the list tags' margins, which
 * leave room on the left for the bullet or the number.  Those marks are
 * drawn below the text for the visible lines only, so a list renumbers
 * itself as items come and go without touching the buffer.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "verkan-report-view.h"

#define MIN_MARGIN    32
#define LIST_INDENT   28
#define CHARS_PER_LINE 75

struct _VerkanReportView
{
  GtkTextView  parent_instance;

  int          text_width;
  int          margin;       /* wanted; set from an idle */
  guint        margin_id;
};

G_DEFINE_FINAL_TYPE (VerkanReportView, verkan_report_view, GTK_TYPE_TEXT_VIEW)

static int
column_width (VerkanReportView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics);

  pango_font_metrics_unref (metrics);

  return MAX (200, PANGO_PIXELS (char_width * CHARS_PER_LINE));
}

static void
set_list_margins (VerkanReportView *self,
                  int               margin)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)));
  const char *names[] = { "bullet", "numbered" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, names[i]);
      int current;

      if (tag == NULL)
        continue;
      g_object_get (tag, "left-margin", &current, NULL);
      if (current != margin + LIST_INDENT)
        g_object_set (tag, "left-margin", margin + LIST_INDENT, NULL);
    }
}

/* Margins set while allocating would ask for another allocation in the
 * middle of this one: they are set right after it instead */
static gboolean
apply_margins (gpointer data)
{
  VerkanReportView *self = data;
  GtkTextView *view = GTK_TEXT_VIEW (self);

  self->margin_id = 0;
  set_list_margins (self, self->margin);
  if (gtk_text_view_get_right_margin (view) != self->margin)
    gtk_text_view_set_right_margin (view, self->margin);
  if (gtk_text_view_get_left_margin (view) != self->margin)
    gtk_text_view_set_left_margin (view, self->margin);
  return G_SOURCE_REMOVE;
}

/* The margins follow the width given: they must not ask for more width,
 * or the view would grow without end in a box or a paned */
static void
verkan_report_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget);

  GTK_WIDGET_CLASS (verkan_report_view_parent_class)->measure (widget, orientation, for_size,
                                                               minimum, natural,
                                                               minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int extra = gtk_text_view_get_left_margin (view) + gtk_text_view_get_right_margin (view)
                  - 2 * MIN_MARGIN;

      if (extra > 0)
        {
          *minimum = MAX (0, *minimum - extra);
          *natural = MAX (*minimum, *natural - extra);
        }
    }
}

static void
verkan_report_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  VerkanReportView *self = VERKAN_REPORT_VIEW (widget);
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  int text_width = MIN (column_width (self), MAX (0, width - 2 * MIN_MARGIN));

  self->text_width = text_width;
  self->margin = MAX (MIN_MARGIN, (width - text_width) / 2);
  if ((gtk_text_view_get_left_margin (view) != self->margin
       || gtk_text_view_get_right_margin (view) != self->margin)
      && self->margin_id == 0)
    self->margin_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_margins, self, NULL);

  GTK_WIDGET_CLASS (verkan_report_view_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
verkan_report_view_dispose (GObject *object)
{
  VerkanReportView *self = VERKAN_REPORT_VIEW (object);

  g_clear_handle_id (&self->margin_id, g_source_remove);

  G_OBJECT_CLASS (verkan_report_view_parent_class)->dispose (object);
}

/* The mark sits left of the item's first line, in the same font, so its
 * top is the line's top */
static void
draw_mark (VerkanReportView  *self,
           GtkSnapshot       *snapshot,
           const GtkTextIter *line_start,
           const char        *mark,
           const GdkRGBA     *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), mark);
  GdkRectangle location;
  int width;

  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), line_start, &location);
  pango_layout_get_pixel_size (layout, &width, NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (location.x - 10 - width, location.y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
verkan_report_view_snapshot_layer (GtkTextView      *view,
                                   GtkTextViewLayer  layer,
                                   GtkSnapshot      *snapshot)
{
  VerkanReportView *self = VERKAN_REPORT_VIEW (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible;
  GtkTextIter iter;
  GdkRGBA color;
  int top;

  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT || !VERKAN_IS_REPORT_BUFFER (buffer))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, &top);

  while (top < visible.y + visible.height)
    {
      int line = gtk_text_iter_get_line (&iter);
      VerkanReportItemKind kind = verkan_report_buffer_get_line_kind (VERKAN_REPORT_BUFFER (buffer), line);
      int y, height;

      if (kind == VERKAN_REPORT_ITEM_BULLET)
        draw_mark (self, snapshot, &iter, "•", &color);
      else if (kind == VERKAN_REPORT_ITEM_NUMBERED)
        {
          g_autofree char *number = g_strdup_printf ("%u.",
              verkan_report_buffer_get_line_number (VERKAN_REPORT_BUFFER (buffer), line));

          draw_mark (self, snapshot, &iter, number, &color);
        }

      gtk_text_view_get_line_yrange (view, &iter, &y, &height);
      top = y + height;
      if (!gtk_text_iter_forward_line (&iter))
        break;
    }
}

static void
verkan_report_view_class_init (VerkanReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = verkan_report_view_dispose;
  widget_class->measure = verkan_report_view_measure;
  widget_class->size_allocate = verkan_report_view_size_allocate;
  text_view_class->snapshot_layer = verkan_report_view_snapshot_layer;

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
verkan_report_view_init (VerkanReportView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (view, 10);
  gtk_text_view_set_pixels_inside_wrap (view, 3);
  gtk_text_view_set_top_margin (view, 12);
  gtk_text_view_set_bottom_margin (view, 48);
  gtk_text_view_set_left_margin (view, MIN_MARGIN);
  gtk_text_view_set_right_margin (view, MIN_MARGIN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "verkan-report-text");
}

GtkWidget *
verkan_report_view_new (VerkanReportBuffer *buffer)
{
  return g_object_new (VERKAN_TYPE_REPORT_VIEW, "buffer", buffer, NULL);
}

int
verkan_report_view_get_text_width (VerkanReportView *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_VIEW (self), 0);
  return self->text_width;
}
