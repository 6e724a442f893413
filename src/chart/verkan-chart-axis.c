/* verkan-chart-axis.c: value axes at nice numbers (1, 2, 2.5 or 5 × 10^n),
 * and the Swedish labels of values on them.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "verkan-chart-axis.h"
#include "verkan-format.h"

/* data this close to zero (as a share of the larger end) pull the axis to
 * zero: an axis from 0 reads more honestly than one from 0,3 */
#define ZERO_PULL 0.35
/* slack for values that are a multiple of the step but for rounding */
#define EPSILON 1e-9

static const double mantissas[] = { 1, 2, 2.5, 5 };

/* decimals the labels of a step need: 0,25 needs two, 2,5 one, 50 none */
static int
step_decimals (double mantissa, int exponent)
{
  int decimals = -exponent;

  if (mantissa == 2.5)
    decimals++;
  return MAX (decimals, 0);
}

static guint
count_ticks (double min, double max, double step, double *axis_min, double *axis_max)
{
  double lo = floor (min / step + EPSILON);
  double hi = ceil (max / step - EPSILON);

  if (hi <= lo)
    hi = lo + 1;
  /* + 0.0: an axis ends at 0, not −0 */
  *axis_min = lo * step + 0.0;
  *axis_max = hi * step + 0.0;
  return (guint) (hi - lo) + 1;
}

void
verkan_chart_ticks_compute (double            data_min,
                            double            data_max,
                            guint             target_ticks,
                            gboolean          include_zero,
                            VerkanChartTicks *ticks)
{
  double min = data_min, max = data_max, range;
  double best_span = INFINITY;
  guint best_distance = G_MAXUINT;
  int exponent;

  g_return_if_fail (ticks != NULL);

  target_ticks = CLAMP (target_ticks, 2, 50);
  if (!isfinite (min) || !isfinite (max))
    min = max = 0;
  if (min > max)
    {
      double swap = min;
      min = max;
      max = swap;
    }

  if (include_zero)
    {
      min = MIN (min, 0);
      max = MAX (max, 0);
    }
  else if (min > 0 && min < ZERO_PULL * max)
    min = 0;
  else if (max < 0 && max > ZERO_PULL * min)
    max = 0;

  /* a flat line is drawn against an axis from zero to it */
  if (max - min <= fabs (max) * 1e-12)
    {
      if (max > 0)
        min = 0;
      else if (max < 0)
        max = 0;
      else
        max = 1;
    }

  range = max - min;
  exponent = (int) floor (log10 (range / target_ticks));

  *ticks = (VerkanChartTicks) { 0 };
  for (int e = exponent - 1; e <= exponent + 1; e++)
    for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
      {
        double step = mantissas[m] * pow (10, e);
        double axis_min, axis_max, span;
        guint n = count_ticks (min, max, step, &axis_min, &axis_max);
        guint distance = n > target_ticks ? n - target_ticks : target_ticks - n;

        if (n > target_ticks + 2 || n < 2)
          continue;
        span = axis_max - axis_min;
        /* closest to the wanted count; of equals, the tighter fit */
        if (distance < best_distance || (distance == best_distance && span < best_span - EPSILON * span))
          {
            best_distance = distance;
            best_span = span;
            ticks->min = axis_min;
            ticks->max = axis_max;
            ticks->step = step;
            ticks->n_ticks = n;
            ticks->decimals = step_decimals (mantissas[m], e);
          }
      }

  if (ticks->n_ticks == 0)
    {
      /* cannot happen for finite input; keep the axis usable anyway */
      ticks->min = min;
      ticks->max = max > min ? max : min + 1;
      ticks->step = ticks->max - ticks->min;
      ticks->n_ticks = 2;
      ticks->decimals = 2;
    }
}

double
verkan_chart_ticks_value (const VerkanChartTicks *ticks,
                          guint                   index)
{
  double value;

  g_return_val_if_fail (ticks != NULL, NAN);

  value = ticks->min + index * ticks->step;
  /* 0.1 + 2 × 0.1 is not 0.3: snap to the step's grid */
  value = round (value / ticks->step) * ticks->step;
  if (fabs (value) < ticks->step * EPSILON)
    value = 0;
  return value;
}

char *
verkan_chart_format_value (double      value,
                           int         decimals,
                           const char *unit)
{
  g_autofree char *number = verkan_format_number (value, decimals);

  if (unit == NULL || *unit == '\0' || !isfinite (value))
    return g_steal_pointer (&number);
  /* a no-break space keeps "4,4 %" on one line */
  return g_strconcat (number, "\xc2\xa0", unit, NULL);
}
