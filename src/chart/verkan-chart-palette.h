/* verkan-chart-palette.h: colours and marks for chart series.
 *
 * A colour-blind-safe palette (Okabe–Ito order) for light and dark
 * backgrounds; each series also gets its own marker shape, and comparison
 * series their own dash pattern, so a greyscale print tells them apart. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VERKAN_MARKER_CIRCLE,
  VERKAN_MARKER_SQUARE,
  VERKAN_MARKER_TRIANGLE,
  VERKAN_MARKER_DIAMOND,
  VERKAN_MARKER_CROSS,
  VERKAN_MARKER_NONE,
  VERKAN_N_MARKERS
} VerkanMarker;

typedef struct { double r, g, b, a; } VerkanRgba;

typedef struct {
  gboolean    dark;
  VerkanRgba  background;
  VerkanRgba  foreground;   /* titles, labels */
  VerkanRgba  muted;        /* axis labels, caption */
  VerkanRgba  grid;
  VerkanRgba  period;       /* the project period band */
  VerkanRgba  target;
  VerkanRgba  quartile_good, quartile_middle, quartile_bad;
} VerkanChartTheme;

void         verkan_chart_theme_init        (VerkanChartTheme *theme,
                                             gboolean          dark);
/* the n-th main series; wraps after the palette's size */
VerkanRgba   verkan_chart_palette_color     (guint             index,
                                             gboolean          dark);
/* comparison series: darker/greyer tones of their own */
VerkanRgba   verkan_chart_palette_comparison (guint            index,
                                             gboolean          dark);
VerkanMarker verkan_chart_palette_marker    (guint             index);
/* sets a dash pattern for the n-th comparison series (none for main) */
void         verkan_chart_palette_set_dash  (cairo_t          *cr,
                                             gboolean          comparison,
                                             guint             index,
                                             double            line_width);
void         verkan_chart_draw_marker       (cairo_t          *cr,
                                             VerkanMarker      marker,
                                             double            x,
                                             double            y,
                                             double            size);
void         verkan_chart_set_source_rgba   (cairo_t          *cr,
                                             const VerkanRgba *color);

G_END_DECLS
