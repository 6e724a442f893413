/* verkan-model-drawing.h: a logic model drawn with cairo and pango onto any
 * cairo_t (DESIGN.md rule 5): the canvas, the PNG/SVG/PDF export and the
 * report figure all call these functions, so they look the same.
 *
 * Two steps: verkan_model_layout_geometry() places everything (columns,
 * bands, cards, arrows) in "model units" (1 unit = 1 px at 100 % zoom);
 * verkan_model_draw_geometry() paints it.  verkan_model_draw() does both and
 * fits the drawing into a given size.  The canvas places its card widgets
 * at the card rectangles of the geometry and draws the rest with the
 * VERKAN_MODEL_DRAW_CARDS flag off. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "verkan-model-snapshot.h"

G_BEGIN_DECLS

#define VERKAN_MODEL_DRAWING_ERROR (verkan_model_drawing_error_quark ())

typedef enum {
  VERKAN_MODEL_DRAWING_ERROR_FORMAT,  /* the file name names no format we write */
  VERKAN_MODEL_DRAWING_ERROR_FAILED,  /* cairo could not draw (out of memory, …) */
} VerkanModelDrawingError;

typedef enum {
  VERKAN_MODEL_DRAW_BACKGROUND = 1 << 0,  /* fill the page with palette.background */
  VERKAN_MODEL_DRAW_CARDS      = 1 << 1,  /* the cards themselves (off for the canvas) */
  VERKAN_MODEL_DRAW_CAPTION    = 1 << 2,  /* "Logikmodell för Nora · Nora (1884) · 2022-06-15" */
  VERKAN_MODEL_DRAW_LEGEND     = 1 << 3,  /* what the badges and dashed arrows mean */
} VerkanModelDrawFlags;

#define VERKAN_MODEL_DRAW_ALL (VERKAN_MODEL_DRAW_BACKGROUND | VERKAN_MODEL_DRAW_CARDS | \
                               VERKAN_MODEL_DRAW_CAPTION | VERKAN_MODEL_DRAW_LEGEND)

typedef enum {
  VERKAN_MODEL_THEME_LIGHT,  /* print, export, light desktop */
  VERKAN_MODEL_THEME_DARK,   /* the canvas when the desktop prefers dark */
} VerkanModelTheme;

/* Same fields as GdkRGBA, in doubles */
typedef struct {
  double red, green, blue, alpha;
} VerkanModelRgba;

/* Statuses in the order of VERKAN_VOCABULARY_GOAL_STATUS: achieved,
 * partly achieved, not achieved, unclear, not assessed */
#define VERKAN_MODEL_N_STATUSES 5

typedef struct {
  VerkanModelRgba background;
  VerkanModelRgba column;           /* column body */
  VerkanModelRgba heading;          /* column heading chevron */
  VerkanModelRgba heading_text;
  VerkanModelRgba band;             /* assumptions / external factors */
  VerkanModelRgba band_border;
  VerkanModelRgba card;
  VerkanModelRgba card_border;
  VerkanModelRgba card_shadow;
  VerkanModelRgba title;            /* card titles, caption title */
  VerkanModelRgba text;             /* card short text */
  VerkanModelRgba muted;            /* caption details, legend, placeholders */
  VerkanModelRgba arrow;
  VerkanModelRgba badge;            /* indicator pill */
  VerkanModelRgba badge_text;
  VerkanModelRgba status[VERKAN_MODEL_N_STATUSES];
} VerkanModelPalette;

typedef struct {
  VerkanModelDrawFlags  flags;
  VerkanModelPalette    palette;
  const char           *font_family;  /* a Pango family list: "Cantarell, Sans" */
  double                font_size;    /* base size in model units; other sizes follow */
  double                card_width;
  double                card_gap;     /* between cards in a column */
  double                column_gap;   /* between columns; arrows bend here */
  double                margin;       /* around the drawing */
} VerkanModelDrawStyle;

typedef struct {
  double x, y;
} VerkanModelPoint;

typedef struct {
  gint64             element_id;
  VerkanModelColumn  column;
  cairo_rectangle_t  rect;
} VerkanModelCardBox;

typedef struct {
  gint64             link_id;
  gint64             from_id;
  gint64             to_id;
  gboolean           dashed;     /* the link has no rationale yet */
  /* The line: points[0] is the start, then (control, control, end) for
   * each cubic Bézier segment, so n_points = 1 + 3 × segments.  The line
   * stops short of the tip so that the head covers its end. */
  guint              n_points;
  VerkanModelPoint  *points;
  VerkanModelPoint   tip;        /* where the head touches the target card */
  double             angle;      /* direction the head points, radians (0: right) */
  cairo_rectangle_t  bounds;     /* of line and head */
} VerkanModelArrow;

typedef struct _VerkanModelGeometryPrivate VerkanModelGeometryPrivate;

typedef struct {
  double             width;      /* natural size, model units */
  double             height;
  cairo_rectangle_t  caption;    /* empty (0 × 0) unless VERKAN_MODEL_DRAW_CAPTION */
  cairo_rectangle_t  legend;     /* empty unless VERKAN_MODEL_DRAW_LEGEND */
  /* For the six main columns: the heading chevron and the body under it.
   * For the two bands (ASSUMPTIONS, EXTERNAL_FACTORS): the band, with
   * headings[] its title; both empty when the model hides the band. */
  cairo_rectangle_t  headings[VERKAN_MODEL_N_COLUMNS];
  cairo_rectangle_t  columns[VERKAN_MODEL_N_COLUMNS];
  GArray            *cards;      /* of VerkanModelCardBox, by column then position */
  GArray            *arrows;     /* of VerkanModelArrow; links to hidden cards are left out */
  /*< private >*/
  VerkanModelGeometryPrivate *priv;
} VerkanModelGeometry;

GQuark               verkan_model_drawing_error_quark (void);

/* Light or dark colours, Cantarell, all flags on */
void                 verkan_model_draw_style_init     (VerkanModelDrawStyle      *style,
                                                       VerkanModelTheme           theme);

/* Lays @model out with @style (NULL: the light default).  The geometry
 * borrows @model, which must outlive it. */
VerkanModelGeometry *verkan_model_layout_geometry     (VerkanModelSnapshot       *model,
                                                       const VerkanModelDrawStyle *style);
void                 verkan_model_geometry_free       (VerkanModelGeometry       *geometry);
/* NULL when the element is not drawn (unknown, or in a hidden band) */
const cairo_rectangle_t *verkan_model_geometry_get_card (VerkanModelGeometry     *geometry,
                                                       gint64                     element_id);
/* the element id of the card under (x, y), or 0 */
gint64               verkan_model_geometry_card_at    (VerkanModelGeometry       *geometry,
                                                       double                     x,
                                                       double                     y);
/* Appends the arrow's line (not the head) to the current path of @cr,
 * e.g. for cairo_in_stroke() when the canvas looks for the arrow under
 * the pointer */
void                 verkan_model_arrow_append_path   (cairo_t                   *cr,
                                                       const VerkanModelArrow    *arrow);

/* Paints @geometry at its natural size in the user space of @cr.  @style
 * gives colours and flags; its sizes must be those the geometry was laid
 * out with (switching light and dark needs no new layout).  Only what
 * meets the clip is drawn, so a canvas showing part of a large model is
 * fast. */
void                 verkan_model_draw_geometry       (cairo_t                   *cr,
                                                       VerkanModelGeometry       *geometry,
                                                       const VerkanModelDrawStyle *style);
/* Lays out and paints @model scaled to fit @width × @height, centred */
void                 verkan_model_draw                (cairo_t                   *cr,
                                                       VerkanModelSnapshot       *model,
                                                       const VerkanModelDrawStyle *style,
                                                       double                     width,
                                                       double                     height);

/* "Logikmodell för Nora · Nora (1884) · 2022-06-15": the title, the
 * municipality's name and code, and the date, those that are set */
char                *verkan_model_dup_caption         (VerkanModelSnapshot       *model);

/* Writes @model to @path as PNG, SVG or PDF, by the file name's ending.
 * @width_px: the width in pixels (PNG) or CSS pixels (SVG, PDF: 96 per
 * inch); 0 for the default: PNG at twice the natural size (print quality),
 * SVG at the natural size, PDF on an A4 landscape page (a larger page of
 * the natural size when A4 would make the text too small to read).  The
 * file is replaced only when the whole drawing has been written. */
gboolean             verkan_model_export              (VerkanModelSnapshot       *model,
                                                       const char                *path,
                                                       double                     width_px,
                                                       GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanModelGeometry, verkan_model_geometry_free)

G_END_DECLS
