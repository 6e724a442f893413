/* verkan-chart-axis.h: value axes at nice numbers, labelled the Swedish way */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double  min;        /* the axis start, a multiple of step, <= the data's min */
  double  max;        /* the axis end, a multiple of step, >= the data's max */
  double  step;       /* 1, 2, 2.5 or 5 × 10^n */
  guint   n_ticks;    /* (max - min) / step + 1 */
  int     decimals;   /* decimals the labels need for this step */
} VerkanChartTicks;

/* Ticks for values from @data_min to @data_max with about @target_ticks
 * ticks (at most target + 2).  The axis includes 0 when @include_zero is
 * TRUE (bars always start at zero) or when the data are all positive and
 * close to it.  An empty or flat range still gives a sensible axis. */
void  verkan_chart_ticks_compute (double            data_min,
                                  double            data_max,
                                  guint             target_ticks,
                                  gboolean          include_zero,
                                  VerkanChartTicks *ticks);
double verkan_chart_ticks_value  (const VerkanChartTicks *ticks,
                                  guint                   index);
/* "1 284", "4,4", "2,50", "−3" (a real minus sign), with the unit when
 * given: "4,4 %", "12 500 kr/inv" */
char  *verkan_chart_format_value (double      value,
                                  int         decimals,
                                  const char *unit);

G_END_DECLS
