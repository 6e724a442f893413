/* verkan-chart-data.h: the numbers a chart draws, resolved from the project.
 *
 * A VerkanChartData is plain data: series of values by year and gender,
 * labels, overlays and the source line.  verkan_chart_data_load() reads it
 * from a project (kolada_value, own_value, kolada_group, the project's
 * period, an indicator); tests and benches build one by hand.  The
 * renderer (verkan-chart-drawing.h) knows nothing else. */
#pragma once

#include <glib.h>

#include "verkan-chart-spec.h"
#include "verkan-kolada-store.h"
#include "verkan-project.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_SERIES_MAIN,        /* a project municipality: solid */
  VERKAN_SERIES_COMPARISON,  /* Riket, a group, another municipality: dashed */
} VerkanSeriesRole;

typedef struct {
  char             *id;        /* "1861", "0000", "G175966", or "" for an own measure */
  char             *label;     /* "Hallsberg", "Riket", "Liknande kommuner (Hallsberg)" */
  VerkanSeriesRole  role;
  /* values[gender][i] for year first_year + i; NAN where missing */
  double           *values[VERKAN_N_GENDERS];
} VerkanChartSeries;

typedef struct {
  VerkanChartKind  kind;
  char            *title;
  char            *unit;         /* "%", "kr/inv", "" */
  char            *y_label;      /* may be NULL */
  int              first_year;
  int              n_years;      /* columns of each values[] array */
  int              year;         /* bar and gender: the year drawn */
  VerkanGender     gender;       /* line and bar */
  GPtrArray       *series;       /* VerkanChartSeries *, in legend order */

  /* Overlays; NAN / 0 when absent */
  double           period_start; /* the project period in fractional years: 2021.75 */
  double           period_end;
  double           baseline_value;
  int              baseline_year;
  double           target_value;
  int              target_year;
  /* Quartile limits of all municipalities per year (NAN where unknown) */
  double          *quartile_low;   /* 25th percentile, n_years */
  double          *quartile_high;  /* 75th percentile, n_years */
  VerkanDirection  direction;

  /* The source line: "Källa: Kolada, N31807, hämtad 2026-11-22", or for a
   * snapshot "Källa: Kolada, N31807, ögonblicksbild 2024-01-15"; NULL for
   * values the user made (own measures are credited to their own source) */
  char            *source;
  char            *caption;      /* the chart's own caption, may be NULL */
  /* Set when any value drawn is illustrative: a translated note the
   * drawing prints in the caption and the GUI shows in a banner */
  char            *illustrative_note;
} VerkanChartData;

VerkanChartData   *verkan_chart_data_new          (VerkanChartKind   kind,
                                                   int               first_year,
                                                   int               n_years);
/* adds a series with all values NAN; returns it to fill in */
VerkanChartSeries *verkan_chart_data_add_series   (VerkanChartData  *data,
                                                   const char       *id,
                                                   const char       *label,
                                                   VerkanSeriesRole  role);
void               verkan_chart_data_free         (VerkanChartData  *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanChartData, verkan_chart_data_free)

/* The smallest and largest value drawn (overlays included); FALSE when
 * there is none */
gboolean           verkan_chart_data_get_range    (const VerkanChartData *data,
                                                   double                *min,
                                                   double                *max);

/* Reads what @spec shows from @project; @title and @caption are the
 * chart row's.  A KPI never fetched gives series with no values (and no
 * error): the drawing says there is nothing to show. */
VerkanChartData   *verkan_chart_data_load         (VerkanProject          *project,
                                                   const VerkanChartSpec  *spec,
                                                   const char             *title,
                                                   const char             *caption,
                                                   GError                **error);
/* The same for a chart row by id (title, caption and spec from the row) */
VerkanChartData   *verkan_chart_data_load_chart   (VerkanProject          *project,
                                                   gint64                  chart_id,
                                                   GError                **error);

G_END_DECLS
