/* verkan-chart-view.c: one chart on screen
 *
 * The widget keeps a VerkanChartLayout for its size and style and paints
 * it with the core renderer, so the screen shows what the export and the
 * report print (DESIGN.md rule 5).  The layout is made lazily, when the
 * widget is drawn or asked about its points, and dropped whenever what
 * it depends on changes: the data, the size, dark or light, and the point
 * with keyboard focus (the renderer draws the focus ring).
 *
 * The focus is kept as a series and a year (or gender) rather than as an
 * index into the layout's points, so that it stays on the same value when
 * the data is reloaded after a fetch.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "verkan-chart-drawing.h"
#include "verkan-chart-view.h"

/* How near the pointer must come to a point for its tooltip, in pixels */
#define HIT_DISTANCE 14.0
/* The labels of a thumbnail, relative to the full view's */
#define THUMBNAIL_FONT_SCALE 0.72

struct _VerkanChartView
{
  GtkWidget          parent_instance;

  VerkanChartData   *data;
  VerkanChartLayout *layout;
  int                layout_width;
  int                layout_height;

  gboolean           thumbnail;
  gboolean           show_title;
  gboolean           focused;        /* the widget has the keyboard focus */

  /* The value with keyboard focus: -1 for none */
  int                focus_series;
  int                focus_index;
};

G_DEFINE_FINAL_TYPE (VerkanChartView, verkan_chart_view, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------ */
/* The layout                                                          */

static void
invalidate (VerkanChartView *self)
{
  g_clear_pointer (&self->layout, verkan_chart_layout_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fill_style (VerkanChartView  *self,
            VerkanChartStyle *style)
{
  verkan_chart_style_init (style);
  style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style->show_title = self->show_title && !self->thumbnail;
  style->show_source = !self->thumbnail;
  style->focus_series = -1;
  style->focus_point = -1;

  if (self->thumbnail)
    style->font_scale *= THUMBNAIL_FONT_SCALE;

  /* The ring only while the keyboard is here, as GTK draws its own */
  if (self->focused && self->focus_series >= 0)
    {
      style->focus_series = self->focus_series;
      style->focus_point = self->focus_index;
    }
}

static VerkanChartLayout *
ensure_layout (VerkanChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  VerkanChartStyle style;

  if (self->data == NULL || width <= 0 || height <= 0)
    {
      g_clear_pointer (&self->layout, verkan_chart_layout_free);
      return NULL;
    }

  if (self->layout != NULL && width == self->layout_width && height == self->layout_height)
    return self->layout;

  g_clear_pointer (&self->layout, verkan_chart_layout_free);
  fill_style (self, &style);
  self->layout = verkan_chart_layout_new (self->data, &style, gtk_widget_get_pango_context (widget),
                                          width, height);
  self->layout_width = width;
  self->layout_height = height;

  return self->layout;
}

static const VerkanChartPoint *
get_points (VerkanChartView *self,
            guint           *n_points)
{
  VerkanChartLayout *layout = ensure_layout (self);
  const VerkanChartPoint *points = NULL;

  *n_points = 0;
  if (layout != NULL)
    points = verkan_chart_layout_get_points (layout, n_points);
  if (points == NULL)
    *n_points = 0;

  return points;
}

/* The index of the point with focus in the layout, or -1 */
static int
find_focus_point (VerkanChartView *self)
{
  const VerkanChartPoint *points;
  guint n_points;

  if (self->focus_series < 0)
    return -1;

  points = get_points (self, &n_points);
  for (guint i = 0; i < n_points; i++)
    if ((int) points[i].series == self->focus_series && (int) points[i].index == self->focus_index)
      return i;

  return -1;
}

/* ------------------------------------------------------------------ */
/* What the screen reader says                                         */

static void
update_accessible (VerkanChartView *self)
{
  g_autofree char *point = NULL;
  const char *title = self->data != NULL && self->data->title != NULL ? self->data->title : "";
  g_autofree char *description = NULL;

  if (!self->thumbnail && self->focused)
    point = verkan_chart_view_dup_focus_description (self);

  if (point != NULL)
    {
      /* The point is the name, so that moving to another is announced */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, point,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, point,
                                      -1);
      return;
    }

  if (self->thumbnail)
    description = g_strdup (title);
  else
    /* Translators: what a screen reader says about a chart; %s is its title */
    description = g_strdup_printf (_("%s. Use the arrow keys to move between the values."), title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, *title != '\0' ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ------------------------------------------------------------------ */
/* Drawing and size                                                    */

static void
verkan_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  VerkanChartView *self = VERKAN_CHART_VIEW (widget);
  VerkanChartLayout *layout = ensure_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (layout == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  verkan_chart_layout_draw (layout, cr);
  cairo_destroy (cr);
}

static void
verkan_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  VerkanChartView *self = VERKAN_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->thumbnail ? 160 : 280;
      *natural = self->thumbnail ? 240 : 640;
    }
  else
    {
      *minimum = self->thumbnail ? 110 : 200;
      *natural = self->thumbnail ? 150 : 420;
    }
}

static void
verkan_chart_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  VerkanChartView *self = VERKAN_CHART_VIEW (widget);

  /* A new size is a new layout; ensure_layout() would see it too, but
   * this lets the old one go at once */
  if (self->layout != NULL && (width != self->layout_width || height != self->layout_height))
    g_clear_pointer (&self->layout, verkan_chart_layout_free);
}

static void
on_dark_changed (VerkanChartView *self)
{
  invalidate (self);
}

/* ------------------------------------------------------------------ */
/* Tooltip, pointer and keyboard                                       */

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip)
{
  VerkanChartView *self = VERKAN_CHART_VIEW (widget);
  VerkanChartLayout *layout = ensure_layout (self);
  const VerkanChartPoint *points;
  g_autofree char *text = NULL;
  guint n_points;
  int point;

  if (layout == NULL || self->thumbnail)
    return FALSE;

  point = keyboard_mode ? find_focus_point (self)
                        : verkan_chart_layout_hit (layout, x, y, HIT_DISTANCE);
  points = get_points (self, &n_points);
  if (point < 0 || (guint) point >= n_points)
    return FALSE;

  text = verkan_chart_layout_describe_point (layout, point);
  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              (int) points[point].bar.x, (int) points[point].bar.y,
                              MAX (1, (int) points[point].bar.width),
                              MAX (1, (int) points[point].bar.height) });
  return TRUE;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  VerkanChartView *self)
{
  VerkanChartLayout *layout = ensure_layout (self);
  int point = layout != NULL ? verkan_chart_layout_hit (layout, x, y, HIT_DISTANCE) : -1;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (point >= 0)
    verkan_chart_view_set_focus_point (self, point);
}

/* The first or last point of the series with focus */
static int
series_end (VerkanChartView *self,
            gboolean         last)
{
  const VerkanChartPoint *points;
  guint n_points;
  int series;
  int found = -1;

  points = get_points (self, &n_points);
  if (n_points == 0)
    return -1;

  series = self->focus_series >= 0 ? self->focus_series : (int) points[0].series;
  for (guint i = 0; i < n_points; i++)
    if ((int) points[i].series == series)
      {
        found = i;
        if (!last)
          break;
      }

  return found;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VerkanChartView       *self)
{
  VerkanChartLayout *layout = ensure_layout (self);
  int from;
  int to;
  int dx = 0;
  int dy = 0;
  guint n_points;

  if (layout == NULL || self->thumbnail)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  get_points (self, &n_points);
  if (n_points == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      verkan_chart_view_set_focus_point (self, series_end (self, FALSE));
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      verkan_chart_view_set_focus_point (self, series_end (self, TRUE));
      return TRUE;
    default:
      return FALSE;
    }

  from = find_focus_point (self);
  if (from < 0)
    to = 0;  /* the first key brings the focus in at the first value */
  else
    to = verkan_chart_layout_step (layout, from, dx, dy);

  if (to >= 0 && (guint) to < n_points)
    verkan_chart_view_set_focus_point (self, to);

  /* At the edge the key is used up all the same: Tab leaves the chart */
  return TRUE;
}

static void
on_focus_enter (VerkanChartView *self)
{
  self->focused = TRUE;
  if (self->focus_series < 0)
    {
      guint n_points;

      get_points (self, &n_points);
      if (n_points > 0)
        {
          verkan_chart_view_set_focus_point (self, 0);
          return;
        }
    }
  invalidate (self);
  update_accessible (self);
}

static void
on_focus_leave (VerkanChartView *self)
{
  self->focused = FALSE;
  invalidate (self);
  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
verkan_chart_view_dispose (GObject *object)
{
  VerkanChartView *self = VERKAN_CHART_VIEW (object);

  g_clear_pointer (&self->layout, verkan_chart_layout_free);
  g_clear_pointer (&self->data, verkan_chart_data_free);

  G_OBJECT_CLASS (verkan_chart_view_parent_class)->dispose (object);
}

static void
verkan_chart_view_class_init (VerkanChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_chart_view_dispose;
  widget_class->snapshot = verkan_chart_view_snapshot;
  widget_class->measure = verkan_chart_view_measure;
  widget_class->size_allocate = verkan_chart_view_size_allocate;
  widget_class->query_tooltip = on_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
verkan_chart_view_init (VerkanChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  self->show_title = TRUE;
  self->focus_series = -1;
  self->focus_index = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

GtkWidget *
verkan_chart_view_new (void)
{
  return g_object_new (VERKAN_TYPE_CHART_VIEW, NULL);
}

void
verkan_chart_view_set_data (VerkanChartView *self,
                            VerkanChartData *data)
{
  g_return_if_fail (VERKAN_IS_CHART_VIEW (self));

  if (data == self->data)
    return;

  g_clear_pointer (&self->layout, verkan_chart_layout_free);
  g_clear_pointer (&self->data, verkan_chart_data_free);
  self->data = data;

  /* The same series and year keep the focus after a reload; a value
   * that is gone loses it */
  if (self->focus_series >= 0 && find_focus_point (self) < 0)
    {
      self->focus_series = -1;
      self->focus_index = -1;
    }

  invalidate (self);
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

const VerkanChartData *
verkan_chart_view_get_data (VerkanChartView *self)
{
  g_return_val_if_fail (VERKAN_IS_CHART_VIEW (self), NULL);

  return self->data;
}

void
verkan_chart_view_set_thumbnail (VerkanChartView *self,
                                 gboolean         thumbnail)
{
  g_return_if_fail (VERKAN_IS_CHART_VIEW (self));

  thumbnail = !!thumbnail;
  if (thumbnail == self->thumbnail)
    return;

  self->thumbnail = thumbnail;
  gtk_widget_set_focusable (GTK_WIDGET (self), !thumbnail);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), !thumbnail);
  /* clicks go to the gallery's item around it */
  gtk_widget_set_can_target (GTK_WIDGET (self), !thumbnail);
  if (thumbnail)
    {
      self->focus_series = -1;
      self->focus_index = -1;
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  invalidate (self);
  update_accessible (self);
}

void
verkan_chart_view_set_show_title (VerkanChartView *self,
                                  gboolean         show_title)
{
  g_return_if_fail (VERKAN_IS_CHART_VIEW (self));

  show_title = !!show_title;
  if (show_title == self->show_title)
    return;

  self->show_title = show_title;
  invalidate (self);
}

VerkanChartLayout *
verkan_chart_view_get_layout (VerkanChartView *self)
{
  g_return_val_if_fail (VERKAN_IS_CHART_VIEW (self), NULL);

  return ensure_layout (self);
}

int
verkan_chart_view_get_focus_point (VerkanChartView *self)
{
  g_return_val_if_fail (VERKAN_IS_CHART_VIEW (self), -1);

  return find_focus_point (self);
}

void
verkan_chart_view_set_focus_point (VerkanChartView *self,
                                   int              point)
{
  const VerkanChartPoint *points;
  guint n_points;

  g_return_if_fail (VERKAN_IS_CHART_VIEW (self));

  points = get_points (self, &n_points);
  if (point < 0 || (guint) point >= n_points)
    {
      if (self->focus_series < 0)
        return;
      self->focus_series = -1;
      self->focus_index = -1;
    }
  else
    {
      if (self->focus_series == (int) points[point].series
          && self->focus_index == (int) points[point].index)
        return;
      self->focus_series = points[point].series;
      self->focus_index = points[point].index;
    }

  invalidate (self);
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

char *
verkan_chart_view_dup_focus_description (VerkanChartView *self)
{
  int point;

  g_return_val_if_fail (VERKAN_IS_CHART_VIEW (self), NULL);

  point = find_focus_point (self);
  if (point < 0)
    return NULL;

  return verkan_chart_layout_describe_point (self->layout, point);
}
