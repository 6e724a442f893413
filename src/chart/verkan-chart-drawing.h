/* verkan-chart-drawing.h: charts drawn with cairo and pango.
 *
 * The same code paints the chart widget, the PNG/SVG/PDF export and the
 * report's figures (DESIGN.md rule 5).  Drawing is two steps:
 * verkan_chart_layout_new() measures text and places the title, legend,
 * axes, plot area and every point; verkan_chart_layout_draw() paints it.
 * The widget keeps the layout to find the point under the pointer and to
 * move between points with the keyboard. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "verkan-chart-axis.h"
#include "verkan-chart-data.h"
#include "verkan-chart-palette.h"

G_BEGIN_DECLS

#define VERKAN_CHART_DRAWING_ERROR (verkan_chart_drawing_error_quark ())
typedef enum {
  VERKAN_CHART_DRAWING_ERROR_FORMAT,   /* not .png, .svg or .pdf */
  VERKAN_CHART_DRAWING_ERROR_WRITE,    /* the file could not be written */
} VerkanChartDrawingError;
GQuark verkan_chart_drawing_error_quark (void);

typedef struct {
  gboolean     dark;
  double       font_scale;     /* 1.0: 10 pt labels at 96 dpi */
  const char  *font_family;    /* NULL: "Cantarell, sans" */
  gboolean     show_title;     /* the report draws the title as a caption instead */
  gboolean     show_source;    /* the "Källa: …" line */
  int          focus_series;   /* -1: none; else drawn with a focus ring at focus_point */
  int          focus_point;
} VerkanChartStyle;

void verkan_chart_style_init (VerkanChartStyle *style);   /* light, 1.0, title and source shown */

typedef struct { double x, y, width, height; } VerkanChartRect;

/* Where one value landed */
typedef struct {
  guint   series;      /* index into data->series */
  guint   index;       /* year index (line) or gender (gender kind) */
  double  x, y;        /* the point (line) or the top-centre of the bar */
  VerkanChartRect bar; /* bars: the bar; lines: a small square around the point */
  double  value;
} VerkanChartPoint;

typedef struct _VerkanChartLayout VerkanChartLayout;

VerkanChartLayout *verkan_chart_layout_new   (const VerkanChartData   *data,
                                              const VerkanChartStyle  *style,
                                              PangoContext            *context,
                                              double                   width,
                                              double                   height);
void               verkan_chart_layout_free  (VerkanChartLayout       *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanChartLayout, verkan_chart_layout_free)

void               verkan_chart_layout_draw  (VerkanChartLayout       *layout,
                                              cairo_t                 *cr);

/* Read back, for the widget and the tests */
const VerkanChartRect  *verkan_chart_layout_get_plot_area  (VerkanChartLayout *layout);
/* NULL when the chart has no legend (one series) */
const VerkanChartRect  *verkan_chart_layout_get_legend     (VerkanChartLayout *layout);
const VerkanChartTicks *verkan_chart_layout_get_ticks      (VerkanChartLayout *layout);
/* every drawn value, by series then index; missing values have no point */
const VerkanChartPoint *verkan_chart_layout_get_points     (VerkanChartLayout *layout,
                                                            guint             *n_points);
/* The labels placed at line ends or on bars, as rectangles that never
 * overlap one another */
const VerkanChartRect  *verkan_chart_layout_get_labels     (VerkanChartLayout *layout,
                                                            guint             *n_labels);
/* The point nearest (x, y) within @max_distance, or -1 */
int                     verkan_chart_layout_hit            (VerkanChartLayout *layout,
                                                            double             x,
                                                            double             y,
                                                            double             max_distance);
/* The point to go to from @from by an arrow key: dx = ±1 along the series
 * (years, bars), dy = ±1 to the series above/below at the same year. */
int                     verkan_chart_layout_step           (VerkanChartLayout *layout,
                                                            int                from,
                                                            int                dx,
                                                            int                dy);
/* "Hallsberg 2021: 4,4 %" (translated), for tooltips and the screen reader */
char                   *verkan_chart_layout_describe_point (VerkanChartLayout *layout,
                                                            int                point);

/* Layout and draw in one go, on any cairo_t */
void     verkan_chart_draw   (cairo_t                *cr,
                              const VerkanChartData  *data,
                              const VerkanChartStyle *style,
                              double                  width,
                              double                  height);

/* Layout units (CSS px) per point.  The export lays a chart of W × H
 * points out at W × H × VERKAN_CHART_PX_PER_PT units and draws it scaled
 * back, so that the 10 pt labels are 10 pt on paper; a caller drawing a
 * chart into points (a report page) can do the same. */
#define VERKAN_CHART_PX_PER_PT (96.0 / 72.0)

/* Writes a .png (at @scale × the size in points, 2 for print), .svg or
 * .pdf chosen by the file's extension; @width and @height in points.
 * Written to a temporary file renamed into place. */
gboolean verkan_chart_export (const VerkanChartData   *data,
                              const VerkanChartStyle  *style,
                              const char              *path,
                              double                   width,
                              double                   height,
                              double                   scale,
                              GError                 **error);

G_END_DECLS
