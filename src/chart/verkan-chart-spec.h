/* verkan-chart-spec.h: what a chart shows, as stored in chart.spec (JSON).
 *
 *   {"kind": "line", "kpi": "N31807", "gender": "T",
 *    "municipalities": ["1861", "1863"], "comparisons": ["0000", "G175966"],
 *    "first_year": 2015, "last_year": 2023, "year": 0,
 *    "project_period": true, "indicator": "<uuid>", "quartiles": false,
 *    "higher_is_better": "lower"}
 *
 * A chart draws either a Kolada KPI ("kpi") or an own measure ("measure",
 * the own_measure's uuid).  Municipalities are drawn as main series;
 * comparisons (Riket, groups) in a distinct style.  Unknown members are
 * kept as they are, so a newer Verkan's spec survives an older one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VERKAN_CHART_KIND_LINE,    /* years along x, a line per municipality or group */
  VERKAN_CHART_KIND_BAR,     /* one year, a bar per municipality, sorted */
  VERKAN_CHART_KIND_GENDER,  /* one year, kvinnor/män/totalt per municipality */
} VerkanChartKind;

typedef enum {
  VERKAN_DIRECTION_UNKNOWN,
  VERKAN_DIRECTION_HIGHER_IS_BETTER,
  VERKAN_DIRECTION_LOWER_IS_BETTER,
} VerkanDirection;

typedef struct {
  VerkanChartKind  kind;
  char            *kpi;             /* NULL when measure is set */
  char            *measure;         /* own_measure uuid, or NULL */
  char             gender;          /* 'T', 'K', 'M' for line and bar */
  GStrv            municipalities;  /* never NULL */
  GStrv            comparisons;     /* never NULL: "0000", "G175966", "G2328" */
  int              first_year;      /* 0: the first year with data */
  int              last_year;       /* 0: the last year with data */
  int              year;            /* bar and gender; 0: the last year with data */
  gboolean         project_period;  /* shade the project's period */
  char            *indicator;       /* logic-model indicator uuid for baseline/target, or NULL */
  gboolean         quartiles;       /* quartile bands from all municipalities */
  VerkanDirection  direction;       /* for quartile colours; UNKNOWN: from the indicator */
  char            *extra;           /* unknown members as JSON, kept; may be NULL */
} VerkanChartSpec;

VerkanChartSpec *verkan_chart_spec_new        (void);   /* line, T, empty lists */
VerkanChartSpec *verkan_chart_spec_copy       (const VerkanChartSpec *spec);
void             verkan_chart_spec_free       (VerkanChartSpec       *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanChartSpec, verkan_chart_spec_free)

/* NULL with a G_IO_ERROR_INVALID_DATA error naming the problem */
VerkanChartSpec *verkan_chart_spec_from_json  (const char            *json,
                                               GError               **error);
/* Compact, members in a fixed order, so equal specs give equal text */
char            *verkan_chart_spec_to_json    (const VerkanChartSpec *spec);

const char      *verkan_chart_kind_to_string   (VerkanChartKind  kind);   /* "line" … */
int              verkan_chart_kind_from_string (const char      *text);   /* -1 unknown */
/* Translated: "Linjediagram", "Stapeldiagram", "Kvinnor och män" */
const char      *verkan_chart_kind_label       (VerkanChartKind  kind);

G_END_DECLS
