/* bench-stats.h: the median of a run of timings, for the bench programs */
#pragma once

#include <glib.h>

static inline int
bench_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* sorts @samples in place */
static inline double
bench_median (GArray *samples)
{
  if (samples->len == 0)
    return 0;
  g_array_sort (samples, bench_compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}
