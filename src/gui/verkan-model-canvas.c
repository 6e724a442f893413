/* verkan-model-canvas.c: a logic model to draw and edit with mouse and
 * keyboard
 *
 * The core lays the model out once per change (verkan-model-drawing.h, in
 * model units); the canvas keeps that geometry until the project says the
 * model changed, and shows it at zoom × model units − scroll offset.  The
 * columns, bands and arrows are painted with the core's drawing code into
 * one cairo node clipped to the view; the cards are VerkanModelCard
 * children, allocated at their model size with a scaling transform, so
 * that their text zooms with the drawing.  Only cards near the view are
 * made and mapped, so a model of a thousand cards scrolls as fast as one
 * of ten.  Below a zoom at which card text cannot be read, the core draws
 * the cards too and the widgets rest (the focused one stays).
 *
 * Mouse: a click selects (Shift or Ctrl adds), a plain drag on empty space
 * pans, Shift+drag draws a rubber band, a drag on a card moves it, a drag
 * from its handle links it, a double-click edits a card or adds one where
 * the column is empty.  Keys: see the actions in the header, plus arrows,
 * Enter/F2 and Escape.  Every edit goes through verkan-model-edit.h or
 * verkan_project_set_value(), one undo step each; the canvas then follows
 * the project's ::changed signal like any other view.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "verkan-model-canvas.h"
#include "verkan-model-card.h"
#include "verkan-model-edit.h"
#include "verkan-model-layout.h"
#include "verkan-window.h"

#define MIN_ZOOM 0.1
#define MAX_ZOOM 4.0
#define ZOOM_STEP 1.25
/* below this, card text is too small to read: the core draws the cards */
#define WIDGET_MIN_ZOOM 0.4
/* cards this far (px) outside the view are kept ready */
#define VIEW_MARGIN 240
/* card widgets kept although out of view, beyond which they are dropped */
#define MAX_IDLE_CARDS 300
#define ARRANGE_DURATION_US (250 * G_TIME_SPAN_MILLISECOND)
#define HANDLE_RADIUS 9
#define ARROW_HIT_WIDTH 8
/* how far (px) the drawn columns and arrows reach beyond the view */
#define TILE_MARGIN 240
/* two scroll steps closer than this make a pan; it ends after the rest */
#define PAN_STEP_US (120 * G_TIME_SPAN_MILLISECOND)
#define PAN_REST_MS 180

typedef enum {
  DRAG_NONE,
  DRAG_PENDING,   /* pressed; becomes the drag below past the threshold */
  DRAG_PAN,
  DRAG_RUBBER,
  DRAG_MOVE,
  DRAG_LINK,
} DragMode;

struct _VerkanModelCanvas
{
  GtkWidget            parent_instance;

  VerkanProject       *project;
  gint64               model_id;
  gulong               changed_handler;
  guint                reload_id;

  VerkanModelSnapshot *snapshot;
  VerkanModelGeometry *geometry;
  VerkanModelDrawStyle style;
  gboolean             dark;

  GHashTable          *cards;        /* element id → VerkanModelCard (children) */
  GHashTable          *selection;    /* element ids */
  gint64               current_element;
  gint64               current_link;

  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
  gboolean             in_allocate;
  double               zoom;
  double               offset_x;     /* widget x = model x × zoom − offset_x */
  double               offset_y;
  double               pointer_x;
  double               pointer_y;
  double               pinch_zoom;
  int                  last_width;
  int                  last_height;
  guint                viewport_idle;
  /* While the view keeps moving, the core draws the cards into the
   * background texture, which each frame then only moves; the card
   * widgets come back when it rests */
  gboolean             panning;
  gint64               last_scroll_time;
  guint                pan_end_id;

  GtkGesture          *drag_gesture;
  DragMode             drag_mode;
  DragMode             drag_intent;
  double               drag_start_x;  /* widget coordinates */
  double               drag_start_y;
  double               drag_x;
  double               drag_y;
  double               pan_h;
  double               pan_v;
  gint64               drag_element;
  GHashTable          *rubber_base;   /* the selection before a Ctrl+Shift rubber band */
  int                  drop_column;   /* -1: none */
  int                  drop_index;
  gint64               link_target;
  gboolean             dragged;       /* the press became a drag */

  GtkWidget           *editor;
  gint64               editing_id;

  gint64               kb_link_from;
  gint64               kb_link_to;

  /* the columns and arrows around the view, drawn once and moved while
   * panning; drawn again when the view leaves it or anything in it changes */
  GdkTexture          *tile;
  double               tile_x;       /* content pixels (model × zoom) */
  double               tile_y;
  double               tile_width;
  double               tile_height;
  double               tile_zoom;
  guint                tile_serial;
  VerkanModelDrawFlags tile_flags;
  gboolean             tile_dark;
  gint64               tile_link;
  guint                geometry_serial;

  GHashTable          *anim_from;    /* element id → cairo_rectangle_t */
  gint64               anim_start;
  guint                anim_tick;
  double               anim_t;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (VerkanModelCanvas, verkan_model_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  LAYOUT_CHANGED,
  VIEWPORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload_now (VerkanModelCanvas *self);
static void stop_editing (VerkanModelCanvas *self, gboolean commit);
static void on_card_focus_enter (GtkEventControllerFocus *controller, VerkanModelCanvas *self);
static void update_actions (VerkanModelCanvas *self);
static void update_card_widgets (VerkanModelCanvas *self);

/* --- small helpers ------------------------------------------------------- */

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
is_editable (VerkanModelCanvas *self)
{
  return self->project != NULL && self->model_id != 0 && self->snapshot != NULL &&
         !verkan_project_get_read_only (self->project);
}

static void
to_model (VerkanModelCanvas *self, double wx, double wy, double *mx, double *my)
{
  *mx = (wx + self->offset_x) / self->zoom;
  *my = (wy + self->offset_y) / self->zoom;
}

static const cairo_rectangle_t *
card_rect (VerkanModelCanvas *self, gint64 id)
{
  return self->geometry != NULL ? verkan_model_geometry_get_card (self->geometry, id) : NULL;
}

static VerkanModelCardBox *
find_box (VerkanModelCanvas *self, gint64 id)
{
  if (self->geometry == NULL)
    return NULL;
  for (guint i = 0; i < self->geometry->cards->len; i++)
    {
      VerkanModelCardBox *box = &g_array_index (self->geometry->cards, VerkanModelCardBox, i);
      if (box->element_id == id)
        return box;
    }
  return NULL;
}

static gboolean
animations_enabled (VerkanModelCanvas *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations",
                &enabled, NULL);
  return enabled;
}

static void
show_error (VerkanModelCanvas *self, const GError *error)
{
  verkan_window_show_error_for (GTK_WIDGET (self), error);
}

/* --- offsets and adjustments -------------------------------------------- */

static double
content_width (VerkanModelCanvas *self)
{
  return self->geometry != NULL ? ceil (self->geometry->width * self->zoom) : 0;
}

static double
content_height (VerkanModelCanvas *self)
{
  return self->geometry != NULL ? ceil (self->geometry->height * self->zoom) : 0;
}

/* A model smaller than the view sits in its middle */
static void
update_offsets (VerkanModelCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double cw = content_width (self), ch = content_height (self);

  self->offset_x = cw < width || self->hadjustment == NULL ?
                   -(width - cw) / 2 : gtk_adjustment_get_value (self->hadjustment);
  self->offset_y = ch < height || self->vadjustment == NULL ?
                   -MAX (0, (height - ch) / 2) : gtk_adjustment_get_value (self->vadjustment);
  if (ch < height)
    self->offset_y = 0;   /* a short model starts at the top, like a page */
  if (cw >= width && self->hadjustment == NULL)
    self->offset_x = 0;
}

static void
configure_adjustment (GtkAdjustment *adjustment, double view, double content, double value)
{
  double upper = MAX (view, content);

  if (adjustment == NULL)
    return;
  gtk_adjustment_configure (adjustment, CLAMP (value, 0, upper - view), 0, upper,
                            view * 0.1, view * 0.9, view);
}

static void
configure_adjustments (VerkanModelCanvas *self, double hvalue, double vvalue)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean was = self->in_allocate;

  self->in_allocate = TRUE;
  configure_adjustment (self->hadjustment, width, content_width (self), hvalue);
  configure_adjustment (self->vadjustment, height, content_height (self), vvalue);
  self->in_allocate = was;
  update_offsets (self);
}

static void update_card_widgets (VerkanModelCanvas *self);

static gboolean
on_pan_rest (gpointer data)
{
  VerkanModelCanvas *self = data;

  self->pan_end_id = 0;
  self->panning = FALSE;
  update_card_widgets (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
on_adjustment_value_changed (GtkAdjustment     *adjustment,
                             VerkanModelCanvas *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->in_allocate)
    return;
  if (now - self->last_scroll_time < PAN_STEP_US)
    {
      self->panning = TRUE;
      g_clear_handle_id (&self->pan_end_id, g_source_remove);
      self->pan_end_id = g_timeout_add (PAN_REST_MS, on_pan_rest, self);
    }
  self->last_scroll_time = now;
  update_offsets (self);
  update_card_widgets (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEWPORT_CHANGED], 0);
}

static void
set_adjustment (VerkanModelCanvas *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Zooms so that the widget point (@ax, @ay) stays over the same model point */
static void
zoom_at (VerkanModelCanvas *self, double zoom, double ax, double ay)
{
  double mx, my;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;
  to_model (self, ax, ay, &mx, &my);
  self->zoom = zoom;
  configure_adjustments (self, mx * zoom - ax, my * zoom - ay);
  update_card_widgets (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_signal_emit (self, signals[VIEWPORT_CHANGED], 0);
}

static void
zoom_at_center (VerkanModelCanvas *self, double zoom)
{
  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* Scrolls the least that shows the model rectangle whole (with a margin) */
static void
scroll_to_rect (VerkanModelCanvas *self, const cairo_rectangle_t *r)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = 24;
  double x1 = r->x * self->zoom - margin, x2 = (r->x + r->width) * self->zoom + margin;
  double y1 = r->y * self->zoom - margin, y2 = (r->y + r->height) * self->zoom + margin;
  double h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  if (width <= 0 || height <= 0)
    return;
  if (x1 < h)
    h = x1;
  else if (x2 > h + width)
    h = MIN (x1, x2 - width);
  if (y1 < v)
    v = y1;
  else if (y2 > v + height)
    v = MIN (y1, y2 - height);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, h);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, v);
}

/* --- cards --------------------------------------------------------------- */

static VerkanModelCard *
ensure_card (VerkanModelCanvas *self, gint64 id)
{
  VerkanModelCard *card = g_hash_table_lookup (self->cards, &id);
  GtkEventController *controller;
  VerkanModelElement *element;

  if (card != NULL)
    return card;
  if (self->snapshot == NULL || card_rect (self, id) == NULL)
    return NULL;
  element = verkan_model_snapshot_find_element (self->snapshot, id);
  if (element == NULL)
    return NULL;
  card = VERKAN_MODEL_CARD (verkan_model_card_new ());
  verkan_model_card_set_element (card, element);
  verkan_model_card_set_selected (card, g_hash_table_contains (self->selection, &id));
  verkan_model_card_set_link_target (card, id == self->kb_link_to || id == self->link_target);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_card_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (card), controller);
  gtk_widget_set_child_visible (GTK_WIDGET (card), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (card), GTK_WIDGET (self));
  g_hash_table_insert (self->cards, id_key (id), card);
  return card;
}

static void
remove_card (VerkanModelCanvas *self, gint64 id)
{
  VerkanModelCard *card = g_hash_table_lookup (self->cards, &id);

  if (card == NULL)
    return;
  g_hash_table_remove (self->cards, &id);
  gtk_widget_unparent (GTK_WIDGET (card));
}

static void
update_card_states (VerkanModelCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      verkan_model_card_set_selected (value, g_hash_table_contains (self->selection, &id));
      verkan_model_card_set_link_target (value, id != 0 &&
                                         (id == self->kb_link_to || id == self->link_target));
    }
}

static void
focus_card (VerkanModelCanvas *self, gint64 id)
{
  VerkanModelCard *card = ensure_card (self, id);

  if (card == NULL)
    return;
  /* mapped now rather than at the next allocation, or it cannot take focus */
  gtk_widget_set_child_visible (GTK_WIDGET (card), TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (card));
}

/* --- selection ----------------------------------------------------------- */

static void
selection_changed (VerkanModelCanvas *self)
{
  update_card_states (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
select_only (VerkanModelCanvas *self, gint64 id)
{
  g_hash_table_remove_all (self->selection);
  if (id != 0)
    g_hash_table_add (self->selection, id_key (id));
  self->current_element = id;
  self->current_link = 0;
  selection_changed (self);
}

static void
toggle_selected (VerkanModelCanvas *self, gint64 id, gboolean toggle)
{
  if (g_hash_table_contains (self->selection, &id) && toggle)
    {
      g_hash_table_remove (self->selection, &id);
      if (self->current_element == id)
        self->current_element = 0;
    }
  else
    {
      g_hash_table_add (self->selection, id_key (id));
      self->current_element = id;
    }
  self->current_link = 0;
  selection_changed (self);
}

/* --- reloading ------------------------------------------------------------- */

static void
update_style (VerkanModelCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->dark = adw_style_manager_get_dark (manager);
  verkan_model_draw_style_init (&self->style,
                                self->dark ? VERKAN_MODEL_THEME_DARK : VERKAN_MODEL_THEME_LIGHT);
  self->style.flags = 0;
}

static void
on_dark_changed (AdwStyleManager   *manager,
                 GParamSpec        *pspec,
                 VerkanModelCanvas *self)
{
  /* colours only: the layout stays */
  VerkanModelDrawFlags flags = self->style.flags;

  update_style (self);
  self->style.flags = flags;
  g_clear_object (&self->tile);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
}

static void
reload_now (VerkanModelCanvas *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;
  gboolean selection_lost = FALSE;
  double hvalue, vvalue;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->geometry, verkan_model_geometry_free);
  g_clear_pointer (&self->snapshot, verkan_model_snapshot_free);

  if (self->project != NULL && self->model_id != 0)
    {
      self->snapshot = verkan_model_snapshot_load (self->project, self->model_id, &error);
      if (self->snapshot == NULL)
        g_debug ("The canvas shows no model: %s", error->message);
    }
  if (self->snapshot != NULL)
    self->geometry = verkan_model_layout_geometry (self->snapshot, &self->style);
  self->geometry_serial++;

  /* cards of elements that are gone, or now in a hidden band */
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      VerkanModelElement *element = self->snapshot ?
        verkan_model_snapshot_find_element (self->snapshot, id) : NULL;

      if (element == NULL || card_rect (self, id) == NULL)
        g_array_append_val (gone, id);
      else
        verkan_model_card_set_element (value, element);
    }
  for (guint i = 0; i < gone->len; i++)
    remove_card (self, g_array_index (gone, gint64, i));

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (card_rect (self, *(gint64 *) key) == NULL)
      {
        g_hash_table_iter_remove (&iter);
        selection_lost = TRUE;
      }
  if (self->current_element != 0 && card_rect (self, self->current_element) == NULL)
    {
      self->current_element = 0;
      selection_lost = TRUE;
    }
  if (self->current_link != 0)
    {
      gboolean found = FALSE;

      for (guint i = 0; self->geometry && i < self->geometry->arrows->len && !found; i++)
        found = g_array_index (self->geometry->arrows, VerkanModelArrow, i).link_id ==
                self->current_link;
      if (!found)
        {
          self->current_link = 0;
          selection_lost = TRUE;
        }
    }
  if (self->editing_id != 0 && card_rect (self, self->editing_id) == NULL)
    stop_editing (self, FALSE);
  if (self->kb_link_from != 0 && (card_rect (self, self->kb_link_from) == NULL ||
                                  card_rect (self, self->kb_link_to) == NULL))
    self->kb_link_from = self->kb_link_to = 0;

  hvalue = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  vvalue = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  configure_adjustments (self, hvalue, vvalue);
  update_card_widgets (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_actions (self);
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
  if (selection_lost)
    selection_changed (self);
}

static gboolean
reload_idle (gpointer data)
{
  VerkanModelCanvas *self = data;

  self->reload_id = 0;
  reload_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_project_changed (VerkanProject     *project,
                    const char        *table,
                    VerkanModelCanvas *self)
{
  static const char *const tables[] = { "model_element", "model_link", "indicator",
                                        "logic_model" };

  if (!g_strv_contains (tables, table))
    return;
  /* one undo step may touch many rows and tables: one reload for all */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_idle, self, NULL);
}

/* The geometry of what the project holds now, for an edit that wants to
 * show its result at once (focus a new card, animate) */
static void
flush_reload (VerkanModelCanvas *self)
{
  if (self->reload_id != 0)
    reload_now (self);
}

/* --- hit testing ------------------------------------------------------------ */

static gint64
card_at (VerkanModelCanvas *self, double mx, double my)
{
  return self->geometry ? verkan_model_geometry_card_at (self->geometry, mx, my) : 0;
}

static gboolean
on_handle (VerkanModelCanvas *self, gint64 id, double mx, double my)
{
  const cairo_rectangle_t *r = card_rect (self, id);
  double radius = MAX (HANDLE_RADIUS, HANDLE_RADIUS / self->zoom);

  return r != NULL && hypot (mx - (r->x + r->width), my - (r->y + r->height / 2)) <= radius;
}

/* The card whose link handle is under the point: the handle reaches out
 * of its card, so the card under the point may be none */
static gint64
handle_at (VerkanModelCanvas *self, double mx, double my)
{
  double radius = MAX (HANDLE_RADIUS, HANDLE_RADIUS / self->zoom);
  gint64 id = card_at (self, mx - radius, my);

  if (id != 0 && on_handle (self, id, mx, my))
    return id;
  id = card_at (self, mx, my);
  return id != 0 && on_handle (self, id, mx, my) ? id : 0;
}

static gint64
arrow_at (VerkanModelCanvas *self, double mx, double my)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width = ARROW_HIT_WIDTH / self->zoom;
  gint64 found = 0;

  if (self->geometry == NULL)
    return 0;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  cairo_set_line_width (cr, width);
  for (guint i = self->geometry->arrows->len; i-- > 0 && found == 0;)
    {
      const VerkanModelArrow *arrow = &g_array_index (self->geometry->arrows, VerkanModelArrow, i);
      const cairo_rectangle_t *b = &arrow->bounds;

      if (mx < b->x - width || mx > b->x + b->width + width ||
          my < b->y - width || my > b->y + b->height + width)
        continue;
      cairo_new_path (cr);
      verkan_model_arrow_append_path (cr, arrow);
      cairo_line_to (cr, arrow->tip.x, arrow->tip.y);
      if (cairo_in_stroke (cr, mx, my))
        found = arrow->link_id;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return found;
}

static const VerkanModelArrow *
find_arrow (VerkanModelCanvas *self, gint64 link_id)
{
  for (guint i = 0; self->geometry && i < self->geometry->arrows->len; i++)
    {
      const VerkanModelArrow *arrow = &g_array_index (self->geometry->arrows, VerkanModelArrow, i);
      if (arrow->link_id == link_id)
        return arrow;
    }
  return NULL;
}

static gboolean
is_band (int column)
{
  return column >= VERKAN_MODEL_N_MAIN_COLUMNS;
}

/* The column under a model point and the index a card dropped (or added)
 * there gets, not counting @moving */
static gboolean
drop_target_at (VerkanModelCanvas *self, double mx, double my, gint64 moving,
                int *column, int *index)
{
  VerkanModelGeometry *g = self->geometry;
  int col = -1, idx = 0;

  if (g == NULL)
    return FALSE;
  for (int c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS && col < 0; c++)
    {
      const cairo_rectangle_t *r = &g->columns[c];
      double half = self->style.column_gap / 2;

      if (mx >= r->x - half && mx < r->x + r->width + half &&
          my >= g->headings[c].y && my <= r->y + r->height)
        col = c;
    }
  for (int c = VERKAN_MODEL_N_MAIN_COLUMNS; c < VERKAN_MODEL_N_COLUMNS && col < 0; c++)
    {
      const cairo_rectangle_t *r = &g->columns[c];

      if (r->width > 0 && mx >= r->x && mx < r->x + r->width && my >= r->y &&
          my < r->y + r->height)
        col = c;
    }
  if (col < 0)
    return FALSE;

  for (guint i = 0; i < g->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (g->cards, VerkanModelCardBox, i);
      const cairo_rectangle_t *r = &box->rect;
      gboolean before;

      if ((int) box->column != col || box->element_id == moving)
        continue;
      if (is_band (col))
        before = my > r->y + r->height || (my >= r->y && mx > r->x + r->width / 2);
      else
        before = my > r->y + r->height / 2;
      if (before)
        idx++;
    }
  *column = col;
  *index = idx;
  return TRUE;
}

/* Where the drop indicator goes: a line between two cards (model units) */
static gboolean
drop_indicator (VerkanModelCanvas *self, double *x1, double *y1, double *x2, double *y2)
{
  VerkanModelGeometry *g = self->geometry;
  const cairo_rectangle_t *prev = NULL, *next = NULL;
  int seen = 0;

  if (g == NULL || self->drop_column < 0)
    return FALSE;
  for (guint i = 0; i < g->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (g->cards, VerkanModelCardBox, i);

      if ((int) box->column != self->drop_column || box->element_id == self->drag_element)
        continue;
      if (seen++ < self->drop_index)
        prev = &box->rect;
      else if (next == NULL)
        next = &box->rect;
    }
  if (is_band (self->drop_column))
    {
      const cairo_rectangle_t *band = &g->columns[self->drop_column];
      double gap = self->style.column_gap / 2 + 6;

      if (next != NULL)
        *x1 = next->x - gap, *y1 = next->y, *y2 = next->y + next->height;
      else if (prev != NULL)
        *x1 = prev->x + prev->width + gap, *y1 = prev->y, *y2 = prev->y + prev->height;
      else
        *x1 = g->columns[1].x + 6, *y1 = band->y + 8, *y2 = band->y + band->height - 8;
      *x2 = *x1;
      return TRUE;
    }
  else
    {
      const cairo_rectangle_t *col = &g->columns[self->drop_column];
      double gap = self->style.card_gap / 2;

      *x1 = col->x + 8;
      *x2 = col->x + col->width - 8;
      if (next != NULL)
        *y1 = next->y - gap;
      else if (prev != NULL)
        *y1 = prev->y + prev->height + gap;
      else
        *y1 = col->y + 8;
      *y2 = *y1;
      return TRUE;
    }
}

/* --- making and dropping card widgets -------------------------------------- */

static gboolean
widgets_shown (VerkanModelCanvas *self)
{
  return self->zoom >= WIDGET_MIN_ZOOM && !self->panning;
}

/* The model rectangle in view, with the margin kept ready around it */
static void
ready_area (VerkanModelCanvas *self, double *x1, double *y1, double *x2, double *y2)
{
  double margin = VIEW_MARGIN / self->zoom;

  to_model (self, 0, 0, x1, y1);
  to_model (self, gtk_widget_get_width (GTK_WIDGET (self)),
            gtk_widget_get_height (GTK_WIDGET (self)), x2, y2);
  *x1 -= margin, *y1 -= margin, *x2 += margin, *y2 += margin;
}

static gboolean
meets (const cairo_rectangle_t *r, double x1, double y1, double x2, double y2)
{
  return r->x + r->width >= x1 && r->x <= x2 && r->y + r->height >= y1 && r->y <= y2;
}

/* Makes the widgets of the cards that come near the view and drops those
 * of far cards when there are many.  Never called while allocating:
 * adding and removing children then would queue another layout. */
static void
update_card_widgets (VerkanModelCanvas *self)
{
  g_autoptr(GArray) drop = g_array_new (FALSE, FALSE, sizeof (gint64));
  double x1, y1, x2, y2;
  GHashTableIter iter;
  gpointer key, value;
  guint idle = 0;

  if (self->geometry == NULL)
    return;
  ready_area (self, &x1, &y1, &x2, &y2);
  for (guint i = 0; widgets_shown (self) && i < self->geometry->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (self->geometry->cards, VerkanModelCardBox, i);

      if (meets (&box->rect, x1, y1, x2, y2))
        ensure_card (self, box->element_id);
    }

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      const cairo_rectangle_t *r = card_rect (self, id);

      if (r != NULL && widgets_shown (self) && meets (r, x1, y1, x2, y2))
        continue;
      if (id == self->editing_id || gtk_widget_has_focus (value) || id == self->drag_element)
        continue;
      if (++idle > MAX_IDLE_CARDS)
        g_array_append_val (drop, id);
    }
  for (guint i = 0; i < drop->len; i++)
    remove_card (self, g_array_index (drop, gint64, i));
}

static gboolean
prepare_idle (gpointer data)
{
  VerkanModelCanvas *self = data;

  self->viewport_idle = 0;
  update_card_widgets (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEWPORT_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* --- measuring, allocating, drawing -------------------------------------- */

static void
verkan_model_canvas_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);

  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? content_width (self)
                                                       : content_height (self);
}

static double
ease_out (double t)
{
  return 1 - pow (1 - t, 3);
}

/* The rectangle a card is shown at now: its place in the geometry, or on
 * its way there, or where the pointer drags it */
static cairo_rectangle_t
shown_rect (VerkanModelCanvas *self, gint64 id, const cairo_rectangle_t *r)
{
  cairo_rectangle_t shown = *r;
  const cairo_rectangle_t *from;

  if (self->anim_from != NULL && (from = g_hash_table_lookup (self->anim_from, &id)) != NULL)
    {
      double t = ease_out (self->anim_t);

      shown.x = from->x + (r->x - from->x) * t;
      shown.y = from->y + (r->y - from->y) * t;
    }
  if (self->drag_mode == DRAG_MOVE && id == self->drag_element)
    {
      shown.x += (self->drag_x - self->drag_start_x) / self->zoom;
      shown.y += (self->drag_y - self->drag_start_y) / self->zoom;
    }
  return shown;
}

static void
allocate_scaled (VerkanModelCanvas *self, GtkWidget *child, const cairo_rectangle_t *r)
{
  GskTransform *transform;
  int min_w, min_h;

  /* measured first, as GTK wants, although the core decided the size */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, MAX (min_w, (int) r->width), &min_h,
                      NULL, NULL, NULL);
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                                         (float) (r->x * self->zoom - self->offset_x),
                                         (float) (r->y * self->zoom - self->offset_y)));
  transform = gsk_transform_scale (transform, (float) self->zoom, (float) self->zoom);
  gtk_widget_allocate (child, MAX (min_w, (int) ceil (r->width)),
                       MAX (min_h, (int) ceil (r->height)), -1, transform);
}

static void
verkan_model_canvas_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  gboolean widgets = widgets_shown (self);
  double vx1, vy1, vx2, vy2;
  GHashTableIter iter;
  gpointer key, value;

  configure_adjustments (self,
                         self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                         self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);
  if ((width != self->last_width || height != self->last_height) && self->viewport_idle == 0)
    /* cards for the new size come in an idle: not while allocating */
    self->viewport_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, prepare_idle, self, NULL);
  self->last_width = width;
  self->last_height = height;

  /* the core draws the cards when the widgets would be too small to read */
  if (widgets)
    self->style.flags &= ~VERKAN_MODEL_DRAW_CARDS;
  else
    self->style.flags |= VERKAN_MODEL_DRAW_CARDS;

  if (self->geometry == NULL)
    return;

  ready_area (self, &vx1, &vy1, &vx2, &vy2);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      GtkWidget *card = value;
      const cairo_rectangle_t *r = card_rect (self, id);
      cairo_rectangle_t shown;
      gboolean keep = id == self->editing_id || gtk_widget_has_focus (card) ||
                      (self->drag_mode == DRAG_MOVE && id == self->drag_element);

      if (r == NULL)
        continue;
      shown = shown_rect (self, id, r);
      if ((widgets && meets (&shown, vx1, vy1, vx2, vy2)) || keep)
        {
          /* zoomed far out the core draws the card: the focused widget
           * stays, to keep the focus, but unseen */
          gtk_widget_set_opacity (card, widgets ? 1.0 : 0.0);
          gtk_widget_set_child_visible (card, TRUE);
          allocate_scaled (self, card, &shown);
        }
      else
        gtk_widget_set_child_visible (card, FALSE);
    }

  if (self->editor != NULL)
    {
      const cairo_rectangle_t *r = card_rect (self, self->editing_id);

      if (r != NULL)
        {
          cairo_rectangle_t shown = shown_rect (self, self->editing_id, r);
          int nat_h;

          gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat_h, NULL, NULL);
          shown.x += 4;
          shown.width -= 8;
          shown.y += 4;
          shown.height = nat_h;
          allocate_scaled (self, self->editor, &shown);
        }
    }
}

static void
get_accent (VerkanModelCanvas *self, GdkRGBA *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
G_GNUC_END_IGNORE_DEPRECATIONS
}

/* What the pointer or the keys are doing, over the cards */
static void
draw_feedback (VerkanModelCanvas *self, cairo_t *cr)
{
  GdkRGBA accent;
  double x1, y1, x2, y2;

  get_accent (self, &accent);
  gdk_cairo_set_source_rgba (cr, &accent);

  if (self->drag_mode == DRAG_RUBBER)
    {
      double x = MIN (self->drag_start_x, self->drag_x), y = MIN (self->drag_start_y, self->drag_y);
      double w = fabs (self->drag_x - self->drag_start_x), h = fabs (self->drag_y - self->drag_start_y);

      cairo_rectangle (cr, x + 0.5, y + 0.5, w, h);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (self->drag_mode == DRAG_MOVE && drop_indicator (self, &x1, &y1, &x2, &y2))
    {
      cairo_set_line_width (cr, 3);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, x1 * self->zoom - self->offset_x, y1 * self->zoom - self->offset_y);
      cairo_line_to (cr, x2 * self->zoom - self->offset_x, y2 * self->zoom - self->offset_y);
      cairo_stroke (cr);
    }

  if (self->drag_mode == DRAG_LINK || self->kb_link_from != 0)
    {
      gint64 from = self->drag_mode == DRAG_LINK ? self->drag_element : self->kb_link_from;
      gint64 to = self->drag_mode == DRAG_LINK ? self->link_target : self->kb_link_to;
      const cairo_rectangle_t *r = card_rect (self, from), *t = card_rect (self, to);
      double sx, sy, ex, ey, angle;
      const double dash[] = { 6, 4 };

      if (r == NULL)
        return;
      sx = (r->x + r->width) * self->zoom - self->offset_x;
      sy = (r->y + r->height / 2) * self->zoom - self->offset_y;
      if (t != NULL)
        {
          ex = (t->x < r->x + r->width ? t->x + t->width : t->x) * self->zoom - self->offset_x;
          ey = (t->y + t->height / 2) * self->zoom - self->offset_y;
        }
      else if (self->drag_mode == DRAG_LINK)
        {
          ex = self->drag_x;
          ey = self->drag_y;
        }
      else
        return;
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, t != NULL ? 0 : 2, 0);
      cairo_move_to (cr, sx, sy);
      cairo_curve_to (cr, (sx + ex) / 2, sy, (sx + ex) / 2, ey, ex, ey);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      angle = ex >= (sx + ex) / 2 ? 0 : G_PI;
      cairo_move_to (cr, ex, ey);
      cairo_line_to (cr, ex - 10 * cos (angle) - 5 * sin (angle), ey + 5 * cos (angle));
      cairo_line_to (cr, ex - 10 * cos (angle) + 5 * sin (angle), ey - 5 * cos (angle));
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_arc (cr, sx, sy, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static gboolean
tile_covers (VerkanModelCanvas *self, int width, int height)
{
  return self->tile != NULL &&
         self->tile_serial == self->geometry_serial &&
         self->tile_zoom == self->zoom &&
         self->tile_flags == self->style.flags &&
         self->tile_dark == self->dark &&
         self->tile_link == self->current_link &&
         self->offset_x >= self->tile_x && self->offset_y >= self->tile_y &&
         self->offset_x + width <= self->tile_x + self->tile_width &&
         self->offset_y + height <= self->tile_y + self->tile_height;
}

/* Draws the view and a margin around it into a texture, which panning
 * then only moves: one drawing serves many frames */
static void
render_tile (VerkanModelCanvas *self, int width, int height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double content_w = content_width (self), content_h = content_height (self);
  double x1 = MAX (self->offset_x - TILE_MARGIN, MIN (self->offset_x, 0));
  double y1 = MAX (self->offset_y - TILE_MARGIN, MIN (self->offset_y, 0));
  double x2 = MIN (self->offset_x + width + TILE_MARGIN, MAX (self->offset_x + width, content_w));
  double y2 = MIN (self->offset_y + height + TILE_MARGIN, MAX (self->offset_y + height, content_h));
  int pixel_w, pixel_h;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;

  x1 = floor (x1), y1 = floor (y1), x2 = ceil (x2), y2 = ceil (y2);
  pixel_w = (int) (x2 - x1) * scale;
  pixel_h = (int) (y2 - y1) * scale;
  g_clear_object (&self->tile);
  if (pixel_w <= 0 || pixel_h <= 0)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_w, pixel_h);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -x1, -y1);
  cairo_scale (cr, self->zoom, self->zoom);
  verkan_model_draw_geometry (cr, self->geometry, &self->style);

  if (self->current_link != 0)
    {
      const VerkanModelArrow *arrow = find_arrow (self, self->current_link);
      GdkRGBA accent;

      if (arrow != NULL)
        {
          get_accent (self, &accent);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.9);
          cairo_set_line_width (cr, 3.5);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          verkan_model_arrow_append_path (cr, arrow);
          cairo_line_to (cr, arrow->tip.x, arrow->tip.y);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* cairo's ARGB32 is GDK_MEMORY_DEFAULT; the texture keeps the pixels */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * pixel_h,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  self->tile = gdk_memory_texture_new (pixel_w, pixel_h, GDK_MEMORY_DEFAULT, bytes,
                                       cairo_image_surface_get_stride (surface));
  self->tile_x = x1;
  self->tile_y = y1;
  self->tile_width = x2 - x1;
  self->tile_height = y2 - y1;
  self->tile_zoom = self->zoom;
  self->tile_serial = self->geometry_serial;
  self->tile_flags = self->style.flags;
  self->tile_dark = self->dark;
  self->tile_link = self->current_link;
}

static void
verkan_model_canvas_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GtkWidget *dragged = NULL;
  cairo_t *cr;

  if (self->geometry == NULL || width <= 0 || height <= 0)
    return;

  /* columns, bands and arrows; the cards too when zoomed far out */
  if (!tile_covers (self, width, height))
    render_tile (self, width, height);
  if (self->tile != NULL)
    gtk_snapshot_append_texture (snapshot, self->tile,
                                 &GRAPHENE_RECT_INIT (self->tile_x - self->offset_x,
                                                      self->tile_y - self->offset_y,
                                                      self->tile_width, self->tile_height));

  /* zoomed far out, the core draws the cards: mark the selected ones */
  if (!widgets_shown (self) && g_hash_table_size (self->selection) > 0)
    {
      GHashTableIter iter;
      gpointer key;
      GdkRGBA accent;
      GdkRGBA colors[4];
      float widths[4] = { 2, 2, 2, 2 };

      get_accent (self, &accent);
      for (guint i = 0; i < 4; i++)
        colors[i] = accent;
      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const cairo_rectangle_t *r = card_rect (self, *(gint64 *) key);
          GskRoundedRect outline;

          if (r == NULL)
            continue;
          gsk_rounded_rect_init_from_rect (&outline,
                                           &GRAPHENE_RECT_INIT (r->x * self->zoom - self->offset_x - 2,
                                                                r->y * self->zoom - self->offset_y - 2,
                                                                r->width * self->zoom + 4,
                                                                r->height * self->zoom + 4),
                                           8 * self->zoom + 2);
          gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        }
    }

  /* the cards, the dragged one on top */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_child_visible (child))
        continue;
      if (self->drag_mode == DRAG_MOVE && VERKAN_IS_MODEL_CARD (child) &&
          verkan_model_card_get_element_id (VERKAN_MODEL_CARD (child)) == self->drag_element)
        {
          dragged = child;
          continue;
        }
      if (child != self->editor)
        gtk_widget_snapshot_child (widget, child, snapshot);
    }
  if (dragged != NULL)
    {
      gtk_snapshot_push_opacity (snapshot, 0.85);
      gtk_widget_snapshot_child (widget, dragged, snapshot);
      gtk_snapshot_pop (snapshot);
    }
  if (self->editor != NULL)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);

  if (self->drag_mode >= DRAG_RUBBER || self->kb_link_from != 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      draw_feedback (self, cr);
      cairo_destroy (cr);
    }
}

/* --- focus and keys ------------------------------------------------------- */

/* The card next to @from in a direction: left and right to the nearest
 * column, nearest in height; up and down within the column (bands below
 * the columns line up with them) */
static gint64
neighbour (VerkanModelCanvas *self, gint64 from, GtkDirectionType direction)
{
  const cairo_rectangle_t *r = card_rect (self, from);
  double cx, cy, best_primary = G_MAXDOUBLE, best_secondary = G_MAXDOUBLE;
  gint64 best = 0;

  if (r == NULL)
    return 0;
  cx = r->x + r->width / 2;
  cy = r->y + r->height / 2;
  for (guint i = 0; i < self->geometry->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (self->geometry->cards, VerkanModelCardBox, i);
      double x = box->rect.x + box->rect.width / 2, y = box->rect.y + box->rect.height / 2;
      double primary, secondary;

      if (box->element_id == from)
        continue;
      switch (direction)
        {
        case GTK_DIR_RIGHT:
          primary = x - cx;
          secondary = fabs (y - cy);
          break;
        case GTK_DIR_LEFT:
          primary = cx - x;
          secondary = fabs (y - cy);
          break;
        case GTK_DIR_DOWN:
          if (fabs (x - cx) > 1)
            continue;
          primary = y - cy;
          secondary = 0;
          break;
        case GTK_DIR_UP:
          if (fabs (x - cx) > 1)
            continue;
          primary = cy - y;
          secondary = 0;
          break;
        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default:
          return 0;
        }
      if (primary <= 1)
        continue;
      /* the nearest column first (one unit of slack), then the nearest card in it */
      if (primary < best_primary - 1 ||
          (fabs (primary - best_primary) <= 1 && secondary < best_secondary))
        {
          best_primary = primary;
          best_secondary = secondary;
          best = box->element_id;
        }
    }
  return best;
}

static gint64
first_card (VerkanModelCanvas *self)
{
  if (self->geometry == NULL || self->geometry->cards->len == 0)
    return 0;
  return g_array_index (self->geometry->cards, VerkanModelCardBox, 0).element_id;
}

static void
move_current (VerkanModelCanvas *self, GtkDirectionType direction, gboolean extend)
{
  gint64 next;

  if (self->current_element == 0)
    next = first_card (self);
  else
    next = neighbour (self, self->current_element, direction);
  if (next == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (extend)
    toggle_selected (self, next, FALSE);
  else
    select_only (self, next);
  scroll_to_rect (self, card_rect (self, next));
  focus_card (self, next);
}

static void
set_kb_link_target (VerkanModelCanvas *self, gint64 id)
{
  self->kb_link_to = id;
  update_card_states (self);
  if (id != 0)
    scroll_to_rect (self, card_rect (self, id));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cancel_kb_link (VerkanModelCanvas *self)
{
  self->kb_link_from = self->kb_link_to = 0;
  update_card_states (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_link (VerkanModelCanvas *self, gint64 from, gint64 to)
{
  g_autoptr(GError) error = NULL;
  gint64 link;

  link = verkan_model_add_link (self->project, from, to, "", &error);
  if (link == 0)
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  flush_reload (self);
  verkan_model_canvas_select_link (self, link);
}

static void
confirm_kb_link (VerkanModelCanvas *self)
{
  gint64 from = self->kb_link_from, to = self->kb_link_to;

  cancel_kb_link (self);
  if (from != 0 && to != 0)
    add_link (self, from, to);
  focus_card (self, from);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VerkanModelCanvas     *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkDirectionType direction;

  if (self->editor != NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      direction = GTK_DIR_LEFT;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      direction = GTK_DIR_RIGHT;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      direction = GTK_DIR_UP;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      direction = GTK_DIR_DOWN;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_F2:
      if (mods != 0)
        return FALSE;
      if (self->kb_link_from != 0)
        confirm_kb_link (self);
      else if (self->current_element != 0 && is_editable (self))
        verkan_model_canvas_start_editing (self, self->current_element);
      else
        return FALSE;
      return TRUE;
    case GDK_KEY_Escape:
      if (mods != 0)
        return FALSE;
      if (self->kb_link_from != 0)
        {
          gint64 from = self->kb_link_from;
          cancel_kb_link (self);
          focus_card (self, from);
          return TRUE;
        }
      if (self->drag_mode != DRAG_NONE)
        {
          gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
          return TRUE;
        }
      if (g_hash_table_size (self->selection) > 1 || self->current_link != 0)
        {
          select_only (self, self->current_element);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }

  if ((mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;
  if (self->kb_link_from != 0)
    {
      gint64 next = neighbour (self, self->kb_link_to, direction);
      if (next != 0)
        set_kb_link_target (self, next);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  move_current (self, direction, (mods & GDK_SHIFT_MASK) != 0);
  return TRUE;
}

/* The card that takes the focus (Tab, a click, the screen reader) is
 * the current one */
static void
on_card_focus_enter (GtkEventControllerFocus *controller,
                     VerkanModelCanvas       *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  gint64 id = verkan_model_card_get_element_id (VERKAN_MODEL_CARD (card));

  if (id == self->current_element || self->kb_link_from != 0)
    return;
  if (!g_hash_table_contains (self->selection, &id))
    {
      select_only (self, id);
      return;
    }
  self->current_element = id;
  self->current_link = 0;
  selection_changed (self);
}

/* Tab enters at the current card and leaves at once: arrows move inside */
static gboolean
verkan_model_canvas_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  gint64 id;

  if (focus_child != NULL)
    {
      if (focus_child == self->editor)
        return gtk_widget_child_focus (focus_child, direction);
      return FALSE;
    }
  if (gtk_widget_is_focus (widget))
    return FALSE;

  id = self->current_element != 0 ? self->current_element : first_card (self);
  if (id != 0)
    {
      if (self->current_element == 0)
        select_only (self, id);
      scroll_to_rect (self, card_rect (self, id));
      focus_card (self, id);
      return TRUE;
    }
  return gtk_widget_grab_focus (widget);
}

/* --- editing in place ------------------------------------------------------ */

static void
stop_editing (VerkanModelCanvas *self, gboolean commit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *editor = self->editor;
  VerkanModelCard *card;
  gint64 id = self->editing_id;
  gboolean had_focus;

  if (editor == NULL)
    return;
  /* first, so that the focus leaving the entry below does not come back */
  self->editor = NULL;
  self->editing_id = 0;
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));
  had_focus = gtk_widget_has_focus (editor) || gtk_widget_get_focus_child (editor) != NULL;

  card = g_hash_table_lookup (self->cards, &id);
  if (card != NULL)
    verkan_model_card_set_editing (card, FALSE);
  if (had_focus && card != NULL)
    focus_card (self, id);
  gtk_widget_unparent (editor);
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  if (commit && self->snapshot != NULL && is_editable (self))
    {
      VerkanModelElement *element = verkan_model_snapshot_find_element (self->snapshot, id);

      g_strstrip (text);
      if (element != NULL && g_strcmp0 (element->title, text) != 0 &&
          !verkan_project_set_value (self->project, "model_element", id, "title",
                                     g_variant_new_string (text), &error))
        show_error (self, error);
    }
}

static void
on_editor_activate (GtkEntry          *entry,
                    VerkanModelCanvas *self)
{
  stop_editing (self, TRUE);
}

static gboolean
on_editor_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               VerkanModelCanvas     *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      stop_editing (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
on_editor_leave (GtkEventControllerFocus *controller,
                 VerkanModelCanvas       *self)
{
  /* clicking elsewhere keeps what was typed, as a form field does */
  stop_editing (self, TRUE);
}

void
verkan_model_canvas_start_editing (VerkanModelCanvas *self,
                                   gint64             element_id)
{
  VerkanModelElement *element;
  VerkanModelCard *card;
  GtkEventController *controller;

  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  flush_reload (self);
  if (!is_editable (self))
    return;
  element = verkan_model_snapshot_find_element (self->snapshot, element_id);
  if (element == NULL || card_rect (self, element_id) == NULL)
    return;
  stop_editing (self, TRUE);
  if (self->zoom < WIDGET_MIN_ZOOM)
    zoom_at_center (self, 1.0);
  scroll_to_rect (self, card_rect (self, element_id));
  card = ensure_card (self, element_id);
  if (card == NULL)
    return;
  if (!g_hash_table_contains (self->selection, &element_id) ||
      g_hash_table_size (self->selection) != 1)
    select_only (self, element_id);

  self->editing_id = element_id;
  self->editor = gtk_entry_new ();
  gtk_widget_add_css_class (self->editor, "card-editor");
  gtk_editable_set_text (GTK_EDITABLE (self->editor), element->title ? element->title : "");
  /* Translators: placeholder of the title being typed on a card */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->editor), _("Title"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Card title"), -1);
  g_signal_connect (self->editor, "activate", G_CALLBACK (on_editor_activate), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_editor_key), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_editor_leave), self);
  gtk_widget_add_controller (self->editor, controller);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  verkan_model_card_set_editing (card, TRUE);
  gtk_widget_set_child_visible (GTK_WIDGET (card), TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
}

/* --- adding, deleting, clipboard -------------------------------------------- */

static gint64
add_card_at (VerkanModelCanvas *self, VerkanModelColumn column, int index)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!is_editable (self))
    return 0;
  stop_editing (self, TRUE);
  id = verkan_model_add_card (self->project, self->model_id, column, index, "", &error);
  if (id == 0)
    {
      if (error != NULL)
        show_error (self, error);
      return 0;
    }
  flush_reload (self);
  select_only (self, id);
  verkan_model_canvas_start_editing (self, id);
  return id;
}

/* The index of a card among the cards of its column */
static int
index_in_column (VerkanModelCanvas *self, gint64 id, VerkanModelColumn *column)
{
  VerkanModelCardBox *box = find_box (self, id);
  int index = 0;

  if (box == NULL)
    return -1;
  *column = box->column;
  for (guint i = 0; i < self->geometry->cards->len; i++)
    {
      const VerkanModelCardBox *other = &g_array_index (self->geometry->cards, VerkanModelCardBox, i);
      if (other == box)
        break;
      if (other->column == box->column)
        index++;
    }
  return index;
}

static void
action_add_card (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  VerkanModelColumn column = VERKAN_MODEL_COLUMN_RESOURCES;
  int index = -1;

  flush_reload (self);
  if (self->current_element != 0)
    {
      index = index_in_column (self, self->current_element, &column);
      if (index >= 0)
        index++;
    }
  add_card_at (self, column, index);
}

static void
action_start_link (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  gint64 target;

  flush_reload (self);
  if (!is_editable (self) || self->current_element == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  stop_editing (self, TRUE);
  target = neighbour (self, self->current_element, GTK_DIR_RIGHT);
  if (target == 0)
    target = neighbour (self, self->current_element, GTK_DIR_DOWN);
  if (target == 0)
    target = neighbour (self, self->current_element, GTK_DIR_LEFT);
  if (target == 0)
    target = neighbour (self, self->current_element, GTK_DIR_UP);
  if (target == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  self->kb_link_from = self->current_element;
  set_kb_link_target (self, target);
  focus_card (self, self->kb_link_from);
}

static void
action_delete (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  g_autoptr(GArray) elements = verkan_model_canvas_dup_selection (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 next = 0;
  guint n_links = self->current_link != 0 ? 1 : 0;

  if (!is_editable (self) || (elements->len == 0 && n_links == 0))
    return;
  stop_editing (self, FALSE);

  /* the focus goes on to the card below (or above) the current one */
  if (self->current_element != 0)
    {
      gint64 candidates[2] = { neighbour (self, self->current_element, GTK_DIR_DOWN),
                               neighbour (self, self->current_element, GTK_DIR_UP) };
      for (guint i = 0; i < 2 && next == 0; i++)
        if (candidates[i] != 0 && !g_hash_table_contains (self->selection, &candidates[i]))
          next = candidates[i];
    }

  if (!verkan_model_delete_items (self->project, (const gint64 *) elements->data, elements->len,
                                  &self->current_link, n_links, &error))
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  if (elements->len > 0)
    /* Translators: a toast after deleting cards from a logic model */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted",
                                          "%u cards deleted", elements->len),
                             elements->len);
  else
    /* Translators: a toast after deleting an arrow from a logic model */
    title = g_strdup (_("Link deleted"));
  verkan_window_show_undo_toast_for (widget, title);

  flush_reload (self);
  if (next != 0 && card_rect (self, next) != NULL)
    {
      select_only (self, next);
      focus_card (self, next);
    }
  else
    {
      select_only (self, 0);
      gtk_widget_grab_focus (widget);
    }
}

static void
copy_selection (VerkanModelCanvas *self)
{
  g_autoptr(GArray) elements = verkan_model_canvas_dup_selection (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autoptr(GBytes) xml_bytes = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autofree char *xml = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (elements->len == 0 || self->project == NULL)
    return;
  xml = verkan_model_copy_cards (self->project, (const gint64 *) elements->data, elements->len,
                                 &error);
  if (xml == NULL)
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  for (guint i = 0; i < elements->len; i++)
    {
      VerkanModelElement *element =
        verkan_model_snapshot_find_element (self->snapshot, g_array_index (elements, gint64, i));
      if (element != NULL)
        g_string_append_printf (titles, "%s\n", element->title);
    }
  xml_bytes = g_bytes_new_take (g_steal_pointer (&xml), strlen (xml));
  text_bytes = g_string_free_to_bytes (g_steal_pointer (&titles));
  providers[0] = gdk_content_provider_new_for_bytes (VERKAN_MODEL_CARDS_MIME_TYPE, xml_bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text_bytes);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

static void
action_copy (GtkWidget *widget, const char *name, GVariant *parameter)
{
  copy_selection (VERKAN_MODEL_CANVAS (widget));
}

static void
action_cut (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);

  if (!is_editable (self) || g_hash_table_size (self->selection) == 0)
    return;
  copy_selection (self);
  self->current_link = 0;
  action_delete (widget, name, parameter);
}

static void
paste_text (VerkanModelCanvas *self, const char *text)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  if (!is_editable (self))
    return;
  if (!verkan_model_paste_cards (self->project, self->model_id, text, ids, &error))
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  flush_reload (self);
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->selection, id_key (g_array_index (ids, gint64, i)));
  self->current_element = ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
  self->current_link = 0;
  selection_changed (self);
  if (self->current_element != 0)
    {
      scroll_to_rect (self, card_rect (self, self->current_element));
      focus_card (self, self->current_element);
    }
}

static void
on_paste_spliced (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VerkanModelCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      show_error (self, error);
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  paste_text (self, text);
}

static void
on_paste_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VerkanModelCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      g_autoptr(GError) nothing =
        /* Translators: Ctrl+V on the canvas when no cards were copied */
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("There are no copied cards to paste. Copy cards first, in this or another logic model."));
      show_error (self, nothing);
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_paste_spliced,
                                g_steal_pointer (&self));
}

static void
action_paste (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  static const char *const types[] = { VERKAN_MODEL_CARDS_MIME_TYPE, NULL };

  if (!is_editable (self))
    return;
  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), (const char **) types,
                            G_PRIORITY_DEFAULT, NULL, on_paste_read, g_object_ref (self));
}

static void
action_select_all (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);

  if (self->geometry == NULL)
    return;
  for (guint i = 0; i < self->geometry->cards->len; i++)
    {
      gint64 id = g_array_index (self->geometry->cards, VerkanModelCardBox, i).element_id;
      if (!g_hash_table_contains (self->selection, &id))
        g_hash_table_add (self->selection, id_key (id));
    }
  if (self->current_element == 0)
    self->current_element = first_card (self);
  self->current_link = 0;
  selection_changed (self);
}

static void
action_zoom (GtkWidget *widget, const char *name, GVariant *parameter)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);

  if (g_str_equal (name, "canvas.zoom-in"))
    zoom_at_center (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (name, "canvas.zoom-out"))
    zoom_at_center (self, self->zoom / ZOOM_STEP);
  else if (g_str_equal (name, "canvas.zoom-reset"))
    zoom_at_center (self, 1.0);
  else
    verkan_model_canvas_zoom_to_fit (self);
}

static void
action_arrange (GtkWidget *widget, const char *name, GVariant *parameter)
{
  verkan_model_canvas_arrange (VERKAN_MODEL_CANVAS (widget));
}

static void
update_actions (VerkanModelCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editable = is_editable (self);
  gboolean selected = g_hash_table_size (self->selection) > 0;
  gboolean has_model = self->geometry != NULL;

  gtk_widget_action_set_enabled (widget, "canvas.add-card", editable);
  gtk_widget_action_set_enabled (widget, "canvas.start-link", editable);
  gtk_widget_action_set_enabled (widget, "canvas.delete",
                                 editable && (selected || self->current_link != 0));
  gtk_widget_action_set_enabled (widget, "canvas.cut", editable && selected);
  gtk_widget_action_set_enabled (widget, "canvas.paste", editable);
  gtk_widget_action_set_enabled (widget, "canvas.arrange", editable);
  gtk_widget_action_set_enabled (widget, "canvas.copy", selected);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_model);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-in", has_model && self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-out", has_model && self->zoom > MIN_ZOOM);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", has_model);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-reset", has_model);
}

/* --- pointer --------------------------------------------------------------- */

static GdkModifierType
current_state (GtkEventController *controller)
{
  return gtk_event_controller_get_current_event_state (controller) &
         gtk_accelerator_get_default_mod_mask ();
}

static void
on_click_pressed (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  VerkanModelCanvas *self)
{
  GdkModifierType state = current_state (GTK_EVENT_CONTROLLER (gesture));
  double mx, my;
  gint64 id, link;
  int column, index;

  flush_reload (self);
  if (self->geometry == NULL)
    return;
  to_model (self, x, y, &mx, &my);
  if (self->editor != NULL)
    {
      const cairo_rectangle_t *r = card_rect (self, self->editing_id);
      /* a press on the card being edited belongs to the entry */
      if (r != NULL && card_at (self, mx, my) == self->editing_id)
        return;
      stop_editing (self, TRUE);
    }
  if (self->kb_link_from != 0)
    cancel_kb_link (self);
  self->dragged = FALSE;

  id = card_at (self, mx, my);
  if (id != 0)
    {
      if (n_press == 2 && is_editable (self) && !(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
        {
          verkan_model_canvas_start_editing (self, id);
          return;
        }
      if (state & GDK_CONTROL_MASK)
        toggle_selected (self, id, TRUE);
      else if (state & GDK_SHIFT_MASK)
        toggle_selected (self, id, FALSE);
      else if (!g_hash_table_contains (self->selection, &id) || self->current_element != id)
        select_only (self, id);
      if (g_hash_table_contains (self->selection, &id))
        focus_card (self, id);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  link = arrow_at (self, mx, my);
  if (link != 0)
    {
      verkan_model_canvas_select_link (self, link);
      return;
    }
  if (n_press == 2 && is_editable (self) && drop_target_at (self, mx, my, 0, &column, &index))
    add_card_at (self, column, index);
}

static void
on_click_released (GtkGestureClick   *gesture,
                   int                n_press,
                   double             x,
                   double             y,
                   VerkanModelCanvas *self)
{
  GdkModifierType state = current_state (GTK_EVENT_CONTROLLER (gesture));
  double mx, my;

  if (self->dragged || self->geometry == NULL || n_press != 1 || state != 0)
    return;
  to_model (self, x, y, &mx, &my);
  /* a click on empty space clears the selection; a pan does not */
  if (card_at (self, mx, my) == 0 && arrow_at (self, mx, my) == 0 &&
      (g_hash_table_size (self->selection) > 0 || self->current_link != 0))
    select_only (self, 0);
}

static void
on_drag_begin (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               VerkanModelCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = current_state (GTK_EVENT_CONTROLLER (gesture));
  double mx, my;
  gint64 id;

  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  self->pan_h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  self->pan_v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  self->drag_element = 0;
  self->drop_column = -1;
  self->link_target = 0;
  self->drag_mode = DRAG_PENDING;
  self->drag_intent = DRAG_PAN;

  if (self->geometry == NULL || button == GDK_BUTTON_MIDDLE)
    return;
  to_model (self, x, y, &mx, &my);
  if (self->editor != NULL && card_at (self, mx, my) == self->editing_id)
    {
      self->drag_mode = DRAG_NONE;   /* selecting text in the entry */
      return;
    }
  if (is_editable (self) && (id = handle_at (self, mx, my)) != 0)
    {
      self->drag_intent = DRAG_LINK;
      self->drag_element = id;
    }
  else if ((id = card_at (self, mx, my)) != 0)
    {
      self->drag_intent = is_editable (self) ? DRAG_MOVE : DRAG_NONE;
      self->drag_element = id;
    }
  else if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    {
      self->drag_intent = DRAG_RUBBER;
      g_clear_pointer (&self->rubber_base, g_hash_table_unref);
      self->rubber_base = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      if (state & GDK_CONTROL_MASK)
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (self->rubber_base, id_key (*(gint64 *) key));
        }
    }
}

static void
update_rubber_band (VerkanModelCanvas *self)
{
  double x1, y1, x2, y2;
  GHashTableIter iter;
  gpointer key;
  gint64 first = 0;

  to_model (self, MIN (self->drag_start_x, self->drag_x), MIN (self->drag_start_y, self->drag_y),
            &x1, &y1);
  to_model (self, MAX (self->drag_start_x, self->drag_x), MAX (self->drag_start_y, self->drag_y),
            &x2, &y2);
  g_hash_table_remove_all (self->selection);
  if (self->rubber_base != NULL)
    {
      g_hash_table_iter_init (&iter, self->rubber_base);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->selection, id_key (*(gint64 *) key));
    }
  for (guint i = 0; i < self->geometry->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (self->geometry->cards, VerkanModelCardBox, i);
      const cairo_rectangle_t *r = &box->rect;

      if (r->x < x2 && r->x + r->width > x1 && r->y < y2 && r->y + r->height > y1)
        {
          if (!g_hash_table_contains (self->selection, &box->element_id))
            g_hash_table_add (self->selection, id_key (box->element_id));
          if (first == 0)
            first = box->element_id;
        }
    }
  if (self->current_element == 0 || !g_hash_table_contains (self->selection,
                                                            &self->current_element))
    self->current_element = first;
  self->current_link = 0;
  selection_changed (self);
}

static void
on_drag_update (GtkGestureDrag    *gesture,
                double             offset_x,
                double             offset_y,
                VerkanModelCanvas *self)
{
  double mx, my;

  if (self->drag_mode == DRAG_NONE)
    return;
  self->drag_x = self->drag_start_x + offset_x;
  self->drag_y = self->drag_start_y + offset_y;

  if (self->drag_mode == DRAG_PENDING)
    {
      int threshold = 8;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold",
                    &threshold, NULL);
      if (hypot (offset_x, offset_y) < threshold || self->drag_intent == DRAG_NONE)
        return;
      self->drag_mode = self->drag_intent;
      self->dragged = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (self->drag_mode == DRAG_MOVE)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      else if (self->drag_mode == DRAG_PAN)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      else if (self->drag_mode == DRAG_LINK)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
    }

  to_model (self, self->drag_x, self->drag_y, &mx, &my);
  switch (self->drag_mode)
    {
    case DRAG_PAN:
      if (self->hadjustment)
        gtk_adjustment_set_value (self->hadjustment, self->pan_h - offset_x);
      if (self->vadjustment)
        gtk_adjustment_set_value (self->vadjustment, self->pan_v - offset_y);
      break;
    case DRAG_RUBBER:
      update_rubber_band (self);
      break;
    case DRAG_MOVE:
      if (!drop_target_at (self, mx, my, self->drag_element, &self->drop_column,
                           &self->drop_index))
        self->drop_column = -1;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      break;
    case DRAG_LINK:
      {
        gint64 target = card_at (self, mx, my);

        if (target == self->drag_element)
          target = 0;
        if (target != self->link_target)
          {
            self->link_target = target;
            update_card_states (self);
          }
      }
      break;
    case DRAG_NONE:
    case DRAG_PENDING:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
end_drag (VerkanModelCanvas *self)
{
  self->drag_mode = DRAG_NONE;
  self->drop_column = -1;
  self->link_target = 0;
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_card_states (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag    *gesture,
             double             offset_x,
             double             offset_y,
             VerkanModelCanvas *self)
{
  g_autoptr(GError) error = NULL;
  DragMode mode = self->drag_mode;
  gint64 element = self->drag_element, target = self->link_target;
  int column = self->drop_column, index = self->drop_index;

  if (mode == DRAG_MOVE || mode == DRAG_LINK)
    on_drag_update (gesture, offset_x, offset_y, self);
  target = self->link_target;
  column = self->drop_column;
  index = self->drop_index;
  end_drag (self);

  if (mode == DRAG_MOVE && column >= 0)
    {
      VerkanModelColumn old_column;
      int old_index = index_in_column (self, element, &old_column);

      if ((int) old_column == column && old_index == index)
        return;
      if (!verkan_model_move_card (self->project, element, column, index, &error))
        {
          if (error != NULL)
            show_error (self, error);
          return;
        }
      flush_reload (self);
      focus_card (self, element);
    }
  else if (mode == DRAG_LINK && target != 0)
    add_link (self, element, target);
}

static void
on_drag_cancel (GtkGesture        *gesture,
                GdkEventSequence  *sequence,
                VerkanModelCanvas *self)
{
  if (self->drag_mode != DRAG_NONE)
    end_drag (self);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           VerkanModelCanvas        *self)
{
  double mx, my;
  const char *cursor = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode != DRAG_NONE || self->geometry == NULL)
    return;
  to_model (self, x, y, &mx, &my);
  if (is_editable (self) && handle_at (self, mx, my) != 0)
    cursor = "crosshair";
  else if (card_at (self, mx, my) == 0 && arrow_at (self, mx, my) != 0)
    cursor = "pointer";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           VerkanModelCanvas        *self)
{
  GdkModifierType state = current_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || self->geometry == NULL)
    return FALSE;
  /* one wheel notch: one step; smooth scrolling in proportion */
  zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture        *gesture,
                GdkEventSequence  *sequence,
                VerkanModelCanvas *self)
{
  self->pinch_zoom = self->zoom;
}

static void
on_pinch_scale_changed (GtkGestureZoom    *gesture,
                        double             scale,
                        VerkanModelCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

/* --- arranging --------------------------------------------------------------- */

static gboolean
on_arrange_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->anim_start == 0)
    self->anim_start = now;
  self->anim_t = MIN (1.0, (now - self->anim_start) / (double) ARRANGE_DURATION_US);
  gtk_widget_queue_allocate (widget);
  if (self->anim_t >= 1.0)
    {
      g_clear_pointer (&self->anim_from, g_hash_table_unref);
      self->anim_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_animation (VerkanModelCanvas *self)
{
  if (self->anim_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->anim_tick);
  self->anim_tick = 0;
  g_clear_pointer (&self->anim_from, g_hash_table_unref);
}

void
verkan_model_canvas_arrange (VerkanModelCanvas *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) old = NULL;
  guint n_moved = 0;

  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  flush_reload (self);
  if (!is_editable (self))
    return;
  stop_editing (self, TRUE);
  stop_animation (self);

  old = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < self->geometry->cards->len; i++)
    {
      const VerkanModelCardBox *box = &g_array_index (self->geometry->cards, VerkanModelCardBox, i);
      g_hash_table_insert (old, id_key (box->element_id), g_memdup2 (&box->rect, sizeof box->rect));
    }

  if (!verkan_model_layout_apply (self->project, self->model_id, &n_moved, &error))
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  flush_reload (self);
  if (n_moved == 0)
    {
      /* Translators: a toast when automatic layout finds nothing to change */
      verkan_window_show_toast_for (GTK_WIDGET (self),
                                    adw_toast_new (_("The cards are already in the best order")));
      return;
    }
  if (!animations_enabled (self) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->anim_from = g_steal_pointer (&old);
  self->anim_start = 0;
  self->anim_t = 0;
  self->anim_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_arrange_tick, NULL, NULL);
}

/* --- GObject ------------------------------------------------------------------ */

static void
verkan_model_canvas_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_model_canvas_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      verkan_model_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
disconnect_project (VerkanModelCanvas *self)
{
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->project);
      g_clear_object (&self->project);
    }
}

static void
verkan_model_canvas_dispose (GObject *object)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (object);
  GtkWidget *child;

  stop_animation (self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->viewport_idle, g_source_remove);
  g_clear_handle_id (&self->pan_end_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), on_dark_changed, self);
  disconnect_project (self);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_hash_table_remove_all (self->cards);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (verkan_model_canvas_parent_class)->dispose (object);
}

static void
verkan_model_canvas_finalize (GObject *object)
{
  VerkanModelCanvas *self = VERKAN_MODEL_CANVAS (object);

  g_clear_pointer (&self->geometry, verkan_model_geometry_free);
  g_clear_pointer (&self->snapshot, verkan_model_snapshot_free);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_clear_object (&self->tile);
  g_hash_table_unref (self->cards);
  g_hash_table_unref (self->selection);

  G_OBJECT_CLASS (verkan_model_canvas_parent_class)->finalize (object);
}

static void
verkan_model_canvas_class_init (VerkanModelCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = verkan_model_canvas_get_property;
  object_class->set_property = verkan_model_canvas_set_property;
  object_class->dispose = verkan_model_canvas_dispose;
  object_class->finalize = verkan_model_canvas_finalize;
  widget_class->measure = verkan_model_canvas_measure;
  widget_class->size_allocate = verkan_model_canvas_size_allocate;
  widget_class->snapshot = verkan_model_canvas_snapshot;
  widget_class->focus = verkan_model_canvas_focus;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LAYOUT_CHANGED] =
    g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[VIEWPORT_CHANGED] =
    g_signal_new ("viewport-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "canvas.add-card", NULL, action_add_card);
  gtk_widget_class_install_action (widget_class, "canvas.start-link", NULL, action_start_link);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, action_copy);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, action_cut);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, action_select_all);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.arrange", NULL, action_arrange);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "canvas.add-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "canvas.start-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK,
                                       "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.arrange", NULL);

  gtk_widget_class_set_css_name (widget_class, "modelcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
verkan_model_canvas_init (VerkanModelCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->drop_column = -1;
  self->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selection = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  update_style (self);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (on_dark_changed), self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: what a screen reader calls the canvas */
                                  _("Logic model"), -1);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);

  update_actions (self);
}

/* --- public API ------------------------------------------------------------------ */

GtkWidget *
verkan_model_canvas_new (void)
{
  return g_object_new (VERKAN_TYPE_MODEL_CANVAS, NULL);
}

void
verkan_model_canvas_set_model (VerkanModelCanvas *self,
                               VerkanProject     *project,
                               gint64             model_id)
{
  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));
  g_return_if_fail (project == NULL || VERKAN_IS_PROJECT (project));

  if (project == NULL)
    model_id = 0;
  if (project == self->project && model_id == self->model_id)
    return;

  stop_editing (self, FALSE);
  stop_animation (self);
  self->kb_link_from = self->kb_link_to = 0;
  if (project != self->project)
    {
      disconnect_project (self);
      if (project != NULL)
        {
          self->project = g_object_ref (project);
          self->changed_handler = g_signal_connect (project, "changed",
                                                    G_CALLBACK (on_project_changed), self);
        }
    }
  self->model_id = model_id;

  /* another model: nothing of the old one carries over */
  g_hash_table_remove_all (self->selection);
  self->current_element = 0;
  self->current_link = 0;
  {
    GHashTableIter iter;
    gpointer value;
    g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

    g_hash_table_iter_init (&iter, self->cards);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (widgets, value);
    g_hash_table_remove_all (self->cards);
    for (guint i = 0; i < widgets->len; i++)
      gtk_widget_unparent (g_ptr_array_index (widgets, i));
  }
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);

  reload_now (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

VerkanProject *
verkan_model_canvas_get_project (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), NULL);

  return self->project;
}

gint64
verkan_model_canvas_get_model_id (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), 0);

  return self->model_id;
}

gint64
verkan_model_canvas_get_current_element (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), 0);

  return self->current_link != 0 ? 0 : self->current_element;
}

gint64
verkan_model_canvas_get_current_link (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), 0);

  return self->current_link;
}

GArray *
verkan_model_canvas_dup_selection (VerkanModelCanvas *self)
{
  GArray *ids;

  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* in drawing order, so that copies and deletions follow the model */
  for (guint i = 0; self->geometry && i < self->geometry->cards->len; i++)
    {
      gint64 id = g_array_index (self->geometry->cards, VerkanModelCardBox, i).element_id;
      if (g_hash_table_contains (self->selection, &id))
        g_array_append_val (ids, id);
    }
  return ids;
}

void
verkan_model_canvas_select_element (VerkanModelCanvas *self,
                                    gint64             element_id)
{
  const cairo_rectangle_t *r;

  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  flush_reload (self);
  r = card_rect (self, element_id);
  if (r == NULL)
    {
      select_only (self, 0);
      return;
    }
  select_only (self, element_id);
  scroll_to_rect (self, r);
  focus_card (self, element_id);
}

void
verkan_model_canvas_select_link (VerkanModelCanvas *self,
                                 gint64             link_id)
{
  const VerkanModelArrow *arrow;

  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  flush_reload (self);
  arrow = find_arrow (self, link_id);
  g_hash_table_remove_all (self->selection);
  self->current_link = arrow != NULL ? link_id : 0;
  if (arrow != NULL)
    scroll_to_rect (self, &arrow->bounds);
  selection_changed (self);
}

double
verkan_model_canvas_get_zoom (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), 1.0);

  return self->zoom;
}

void
verkan_model_canvas_set_zoom (VerkanModelCanvas *self,
                              double             zoom)
{
  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  zoom_at_center (self, zoom);
  update_actions (self);
}

void
verkan_model_canvas_zoom_to_fit (VerkanModelCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  flush_reload (self);
  if (self->geometry == NULL || width <= 0 || height <= 0)
    return;
  /* never larger than life: a small model stays at 100 % */
  zoom = MIN (1.0, MIN (width / self->geometry->width, height / self->geometry->height));
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (fabs (zoom - self->zoom) > 1e-6)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  configure_adjustments (self, 0, 0);
  update_card_widgets (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_actions (self);
  g_signal_emit (self, signals[VIEWPORT_CHANGED], 0);
}

VerkanModelGeometry *
verkan_model_canvas_get_geometry (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), NULL);

  return self->geometry;
}

gboolean
verkan_model_canvas_get_dark (VerkanModelCanvas *self)
{
  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), FALSE);

  return self->dark;
}

void
verkan_model_canvas_get_visible_area (VerkanModelCanvas *self,
                                      double            *x,
                                      double            *y,
                                      double            *width,
                                      double            *height)
{
  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  to_model (self, 0, 0, x, y);
  *width = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  *height = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
}

void
verkan_model_canvas_center_on (VerkanModelCanvas *self,
                               double             x,
                               double             y)
{
  g_return_if_fail (VERKAN_IS_MODEL_CANVAS (self));

  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment,
                              x * self->zoom - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment,
                              y * self->zoom - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

GtkWidget *
verkan_model_canvas_get_card (VerkanModelCanvas *self,
                              gint64             element_id)
{
  VerkanModelCard *card;

  g_return_val_if_fail (VERKAN_IS_MODEL_CANVAS (self), NULL);

  flush_reload (self);
  if (card_rect (self, element_id) == NULL)
    return NULL;
  scroll_to_rect (self, card_rect (self, element_id));
  card = ensure_card (self, element_id);
  if (card != NULL)
    gtk_widget_set_child_visible (GTK_WIDGET (card), TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return GTK_WIDGET (card);
}
