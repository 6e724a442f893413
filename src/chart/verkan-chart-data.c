/* verkan-chart-data.c: the numbers a chart draws, and reading them from
 * a project.
 *
 * Loading reads kolada_value (or own_value) with plain SQL for the
 * chart's areas and years, then the overlays: the project's period, the
 * baseline and target of a logic-model indicator, and the quartiles of
 * all municipalities.  The source line says where the values came from
 * and when, and never credits Kolada with what the user made.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "verkan-chart-data.h"
#include "verkan-group-catalog.h"
#include "verkan-kpi-catalog.h"
#include "verkan-municipality-catalog.h"
#include "verkan-sql.h"

/* Quartile bands need nearly all municipalities: fewer says nothing */
#define QUARTILE_MIN_MUNICIPALITIES 200

VerkanChartData *
verkan_chart_data_new (VerkanChartKind kind,
                       int             first_year,
                       int             n_years)
{
  VerkanChartData *data = g_new0 (VerkanChartData, 1);

  data->kind = kind;
  data->first_year = first_year;
  data->n_years = MAX (n_years, 0);
  data->gender = VERKAN_GENDER_TOTAL;
  data->series = g_ptr_array_new ();
  data->period_start = NAN;
  data->period_end = NAN;
  data->baseline_value = NAN;
  data->target_value = NAN;
  data->quartile_low = g_new (double, MAX (data->n_years, 1));
  data->quartile_high = g_new (double, MAX (data->n_years, 1));
  for (int i = 0; i < data->n_years; i++)
    data->quartile_low[i] = data->quartile_high[i] = NAN;
  data->direction = VERKAN_DIRECTION_UNKNOWN;

  return data;
}

VerkanChartSeries *
verkan_chart_data_add_series (VerkanChartData  *data,
                              const char       *id,
                              const char       *label,
                              VerkanSeriesRole  role)
{
  VerkanChartSeries *series;

  g_return_val_if_fail (data != NULL, NULL);

  series = g_new0 (VerkanChartSeries, 1);
  series->id = g_strdup (id ? id : "");
  series->label = g_strdup (label ? label : series->id);
  series->role = role;
  for (int g = 0; g < VERKAN_N_GENDERS; g++)
    {
      series->values[g] = g_new (double, MAX (data->n_years, 1));
      for (int i = 0; i < data->n_years; i++)
        series->values[g][i] = NAN;
    }
  g_ptr_array_add (data->series, series);

  return series;
}

static void
series_free (VerkanChartSeries *series)
{
  g_free (series->id);
  g_free (series->label);
  for (int g = 0; g < VERKAN_N_GENDERS; g++)
    g_free (series->values[g]);
  g_free (series);
}

void
verkan_chart_data_free (VerkanChartData *data)
{
  if (data == NULL)
    return;

  for (guint i = 0; i < data->series->len; i++)
    series_free (g_ptr_array_index (data->series, i));
  g_ptr_array_unref (data->series);
  g_free (data->title);
  g_free (data->unit);
  g_free (data->y_label);
  g_free (data->quartile_low);
  g_free (data->quartile_high);
  g_free (data->source);
  g_free (data->caption);
  g_free (data->illustrative_note);
  g_free (data);
}

static void
widen (double  value,
       double *min,
       double *max,
       gboolean *any)
{
  if (!isfinite (value))
    return;
  if (!*any || value < *min)
    *min = value;
  if (!*any || value > *max)
    *max = value;
  *any = TRUE;
}

gboolean
verkan_chart_data_get_range (const VerkanChartData *data,
                             double                *min,
                             double                *max)
{
  double lo = 0, hi = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (data != NULL, FALSE);

  for (guint s = 0; s < data->series->len; s++)
    {
      const VerkanChartSeries *series = g_ptr_array_index (data->series, s);

      for (int g = 0; g < VERKAN_N_GENDERS; g++)
        {
          /* Only the gender(s) drawn count: a line or bar chart draws one */
          if (data->kind != VERKAN_CHART_KIND_GENDER && g != (int) data->gender)
            continue;
          /* Bars show one year; a year outside the columns (not set by
           * hand) counts them all */
          if (data->kind == VERKAN_CHART_KIND_LINE
              || data->year < data->first_year
              || data->year >= data->first_year + data->n_years)
            {
              for (int i = 0; i < data->n_years; i++)
                widen (series->values[g][i], &lo, &hi, &any);
            }
          else
            {
              int i = data->year - data->first_year;

              widen (series->values[g][i], &lo, &hi, &any);
            }
        }
    }

  widen (data->baseline_value, &lo, &hi, &any);
  widen (data->target_value, &lo, &hi, &any);

  if (min)
    *min = lo;
  if (max)
    *max = hi;
  return any;
}

/* Loading */

static const char gender_codes[VERKAN_N_GENDERS] = { 'T', 'K', 'M' };

static int
gender_index (const char *code)
{
  for (int g = 0; code && g < VERKAN_N_GENDERS; g++)
    if (code[0] == gender_codes[g] && code[1] == '\0')
      return g;
  return -1;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  verkan_sql_set_error (error, db);
  return FALSE;
}

static gboolean
step_done (sqlite3      *db,
           int           rc,
           GError      **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  verkan_sql_set_error (error, db);
  return FALSE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text && *text ? g_strdup (text) : NULL;
}

/* "?3, ?4, ?5" for @n values bound from @first on */
static char *
placeholders (guint n,
              guint first)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s?%u", i ? ", " : "", first + i);
  if (n == 0)
    g_string_append (out, "NULL");
  return g_string_free (out, FALSE);
}

/* A legend label: the catalogs' short one, else the title of a group the
 * project saved when it fetched it online, else the bare id */
static char *
area_label (sqlite3    *db,
            const char *id)
{
  g_autofree char *label = verkan_kolada_area_short_label (id);
  const VerkanMunicipality *municipality;
  sqlite3_stmt *stmt = NULL;

  if (label && *label && g_strcmp0 (label, id) != 0)
    return g_steal_pointer (&label);

  municipality = verkan_municipality_catalog_lookup (id);
  if (municipality)
    return g_strdup (municipality->name);

  if (sqlite3_prepare_v2 (db, "SELECT title FROM kolada_group WHERE id = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *title = column_dup (stmt, 0);

          if (title)
            {
              sqlite3_finalize (stmt);
              return g_steal_pointer (&title);
            }
        }
      sqlite3_finalize (stmt);
    }

  return g_strdup (id);
}

/* The unit a KPI's title ends with: "…, andel (%)" is %, "…, kr/inv" is
 * kr/inv, "…, antal" needs none */
static char *
unit_from_title (const char *title)
{
  g_autofree char *last = NULL;
  const char *comma;
  gsize len;

  if (title == NULL)
    return g_strdup ("");
  if (strstr (title, "(%)") || strstr (title, "procent"))
    return g_strdup ("%");

  comma = strrchr (title, ',');
  if (comma == NULL)
    return g_strdup ("");
  last = g_strstrip (g_strdup (comma + 1));
  /* "kr/inv (-2021)": a KPI's last years are no part of its unit */
  if (strstr (last, " (-"))
    *strstr (last, " (-") = '\0';
  len = strlen (last);
  if (len > 0 && last[len - 1] == '.')
    last[--len] = '\0';

  if (g_str_has_prefix (last, "antal") && !strchr (last, '/'))
    return g_strdup ("");
  /* Short units: kr/inv, kr/elev, kr, mkr, MWh/inv, antal/1000 inv */
  if (len > 0 && len <= 20 &&
      (strchr (last, '/') || g_str_has_prefix (last, "kr") || g_str_equal (last, "mkr") ||
       g_str_has_prefix (last, "MWh") || g_str_has_prefix (last, "kWh")))
    return g_steal_pointer (&last);
  return g_strdup ("");
}

/* "2021-10-01" as 2021.75; the end of a period is the end of its day */
static double
fractional_year (const char *date,
                 gboolean    end_of_day)
{
  int year = 0, month = 1, day = 1, n;
  g_autoptr(GDate) parsed = NULL;
  double days_in_year, day_of_year;

  if (date == NULL)
    return NAN;
  n = sscanf (date, "%d-%d-%d", &year, &month, &day);
  if (n < 1 || !g_date_valid_dmy (n >= 3 ? day : 1, n >= 2 ? month : 1, year))
    return NAN;
  if (n == 1)
    return end_of_day ? year + 1.0 : year;
  if (n == 2)
    {
      /* a month alone: its first day, or the end of its last */
      day = end_of_day ? g_date_get_days_in_month (month, year) : 1;
    }

  parsed = g_date_new_dmy (day, month, year);
  days_in_year = g_date_is_leap_year (year) ? 366 : 365;
  day_of_year = g_date_get_day_of_year (parsed) - (end_of_day ? 0 : 1);
  return year + day_of_year / days_in_year;
}

/* The project's period in fractional years; NAN when it has no whole one */
static gboolean
read_period (sqlite3  *db,
             double   *period_start,
             double   *period_end,
             GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *period_start = *period_end = NAN;
  if (!prepare (db, "SELECT period_start, period_end FROM project WHERE id = 1", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      double start = fractional_year ((const char *) sqlite3_column_text (stmt, 0), FALSE);
      double end = fractional_year ((const char *) sqlite3_column_text (stmt, 1), TRUE);

      /* Only a whole period makes a band */
      if (isfinite (start) && isfinite (end) && end > start)
        {
          *period_start = start;
          *period_end = end;
        }
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return step_done (db, rc, error);
}

static gboolean
load_indicator (sqlite3                *db,
                const VerkanChartSpec  *spec,
                VerkanChartData        *data,
                GError                **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (db,
                "SELECT baseline_value, baseline_year, target_value, target_year, higher_is_better "
                "FROM indicator WHERE uuid = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, spec->indicator, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        data->baseline_value = sqlite3_column_double (stmt, 0);
      data->baseline_year = sqlite3_column_int (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        data->target_value = sqlite3_column_double (stmt, 2);
      data->target_year = sqlite3_column_int (stmt, 3);
      if (data->direction == VERKAN_DIRECTION_UNKNOWN)
        data->direction = sqlite3_column_int (stmt, 4)
                          ? VERKAN_DIRECTION_HIGHER_IS_BETTER
                          : VERKAN_DIRECTION_LOWER_IS_BETTER;
      rc = SQLITE_DONE;
    }
  /* An indicator removed since is no error: the chart just loses its lines */
  sqlite3_finalize (stmt);
  return step_done (db, rc, error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @p quantile of sorted @values, interpolated between neighbours */
static double
quantile (const double *values,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint low = (guint) floor (h);

  if (low + 1 >= n)
    return values[n - 1];
  return values[low] + (h - low) * (values[low + 1] - values[low]);
}

static void
finish_quartile_year (VerkanChartData *data,
                      int              year,
                      GArray          *values)
{
  int i = year - data->first_year;

  if (i >= 0 && i < data->n_years && values->len >= QUARTILE_MIN_MUNICIPALITIES)
    {
      double *sorted = (double *) (void *) values->data;

      qsort (sorted, values->len, sizeof (double), compare_doubles);
      data->quartile_low[i] = quantile (sorted, values->len, 0.25);
      data->quartile_high[i] = quantile (sorted, values->len, 0.75);
    }
  g_array_set_size (values, 0);
}

/* Quartiles of the municipalities (four-digit codes from 01xx on: not
 * Riket 0000, not the regions 00xx, not groups) per year */
static gboolean
load_quartiles (sqlite3          *db,
                const char       *kpi,
                VerkanChartData  *data,
                GError          **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  char gender[2] = { gender_codes[data->kind == VERKAN_CHART_KIND_GENDER
                                  ? VERKAN_GENDER_TOTAL : data->gender], '\0' };
  sqlite3_stmt *stmt = NULL;
  int rc, current = -1;

  if (!prepare (db,
                "SELECT year, value FROM kolada_value "
                "WHERE kpi = ?1 AND gender = ?2 AND year BETWEEN ?3 AND ?4 AND value IS NOT NULL "
                "AND municipality GLOB '[0-9][0-9][0-9][0-9]' AND municipality NOT GLOB '00*' "
                "ORDER BY year", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, kpi, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, gender, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, data->first_year);
  sqlite3_bind_int (stmt, 4, data->first_year + data->n_years - 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      double value = sqlite3_column_double (stmt, 1);

      if (year != current)
        {
          finish_quartile_year (data, current, values);
          current = year;
        }
      g_array_append_val (values, value);
    }
  finish_quartile_year (data, current, values);
  sqlite3_finalize (stmt);
  return step_done (db, rc, error);
}

/* The columns: the spec's years, else the years there are values for
 * (@min_year/@max_year, 0 when none); bars and the gender split draw one
 * year, spec->year or the last with a value (@last_year) */
static void
choose_years (const VerkanChartSpec *spec,
              const double           period[2],
              int                    min_year,
              int                    max_year,
              int                   *first,
              int                   *n_years)
{
  int from = spec->first_year ? spec->first_year : min_year;
  int to = spec->last_year ? spec->last_year : max_year;

  if (from == 0)
    from = to;
  if (to == 0)
    to = from;
  /* A line chart shows the whole project period, even when Kolada has not
   * published its years yet: the band then stands over empty years and
   * says so at a glance, instead of vanishing off the edge */
  /* the years the period touches (its last day ends at period[1]) */
  if (spec->kind == VERKAN_CHART_KIND_LINE && from > 0 &&
      isfinite (period[0]) && isfinite (period[1]) && period[1] - period[0] < 20)
    {
      from = MIN (from, (int) floor (period[0]));
      to = MAX (to, (int) floor (period[1] - 1e-6));
    }
  if (spec->kind != VERKAN_CHART_KIND_LINE && spec->year > 0)
    {
      /* the year drawn must have a column */
      from = from ? MIN (from, spec->year) : spec->year;
      to = MAX (to, spec->year);
    }
  *first = from;
  *n_years = (from > 0 && to >= from) ? to - from + 1 : 0;
}

typedef struct {
  char             *id;
  VerkanSeriesRole  role;
} Area;

static void
area_clear (Area *area)
{
  g_free (area->id);
}

/* The spec's municipalities, then its comparisons, each once */
static GArray *
spec_areas (const VerkanChartSpec *spec)
{
  GArray *areas = g_array_new (FALSE, TRUE, sizeof (Area));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_array_set_clear_func (areas, (GDestroyNotify) area_clear);
  for (int pass = 0; pass < 2; pass++)
    {
      GStrv list = pass == 0 ? spec->municipalities : spec->comparisons;

      for (guint i = 0; list && list[i]; i++)
        {
          Area area = { NULL, pass == 0 ? VERKAN_SERIES_MAIN : VERKAN_SERIES_COMPARISON };

          if (*list[i] == '\0' || !g_hash_table_add (seen, list[i]))
            continue;
          area.id = g_strdup (list[i]);
          g_array_append_val (areas, area);
        }
    }
  return areas;
}

/* What the values drawn tell about where they came from */
typedef struct {
  char     *newest_kolada;     /* fetched_at of the newest fetched value */
  char     *newest_snapshot;   /* of the newest shipped one */
  gboolean  any_illustrative;
} Provenance;

static gboolean
is_drawn (const VerkanChartData *data,
          int                    year,
          int                    gender)
{
  if (data->kind != VERKAN_CHART_KIND_GENDER && gender != (int) data->gender)
    return FALSE;
  if (data->kind != VERKAN_CHART_KIND_LINE && year != data->year)
    return FALSE;
  return TRUE;
}

static void
note_origin (Provenance *provenance,
             const char *origin,
             const char *fetched_at)
{
  char **newest;

  if (g_strcmp0 (origin, "illustrative") == 0)
    provenance->any_illustrative = TRUE;
  newest = g_strcmp0 (origin, "kolada") == 0 ? &provenance->newest_kolada
                                             : &provenance->newest_snapshot;
  if (fetched_at && g_strcmp0 (fetched_at, *newest) > 0)
    {
      g_free (*newest);
      *newest = g_strdup (fetched_at);
    }
}

/* The smallest and largest year with a value, and the last year drawn,
 * among @areas */
static gboolean
kpi_year_span (sqlite3                *db,
               const VerkanChartSpec  *spec,
               GArray                 *areas,
               int                     first,
               int                     last,
               int                    *min_year,
               int                    *max_year,
               GError                **error)
{
  g_autofree char *in = placeholders (areas->len, 5);
  g_autofree char *sql = NULL;
  char gender[2] = { spec->gender, '\0' };
  sqlite3_stmt *stmt = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT MIN(year), MAX(year) FROM kolada_value "
                         "WHERE kpi = ?1 AND value IS NOT NULL AND (?2 IS NULL OR gender = ?2) "
                         "AND year BETWEEN ?3 AND ?4 AND municipality IN (%s)", in);
  if (!prepare (db, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, spec->kpi, -1, SQLITE_STATIC);
  if (spec->kind != VERKAN_CHART_KIND_GENDER)
    sqlite3_bind_text (stmt, 2, gender, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, first);
  sqlite3_bind_int (stmt, 4, last);
  for (guint i = 0; i < areas->len; i++)
    sqlite3_bind_text (stmt, 5 + i, g_array_index (areas, Area, i).id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *min_year = sqlite3_column_int (stmt, 0);
      *max_year = sqlite3_column_int (stmt, 1);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return step_done (db, rc, error);
}

static char *
kpi_title (sqlite3    *db,
           const char *kpi)
{
  sqlite3_stmt *stmt = NULL;
  char *title = NULL;
  const VerkanKpi *known;

  if (sqlite3_prepare_v2 (db, "SELECT title FROM kolada_kpi WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, kpi, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        title = column_dup (stmt, 0);
      sqlite3_finalize (stmt);
    }
  if (title)
    return title;

  known = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), kpi);
  if (known && known->title && *known->title)
    return g_strdup (known->title);
  return NULL;
}

static VerkanChartData *
load_kpi (sqlite3                *db,
          const VerkanChartSpec  *spec,
          const double            period[2],
          const char             *title,
          GError                **error)
{
  g_autoptr(GArray) areas = spec_areas (spec);
  g_autoptr(VerkanChartData) data = NULL;
  g_autofree char *in = placeholders (areas->len, 4);
  g_autofree char *sql = NULL;
  g_autofree char *kpi_name = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  Provenance provenance = { NULL, NULL, FALSE };
  int min_year = 0, max_year = 0, first, n_years;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!kpi_year_span (db, spec, areas,
                      spec->first_year ? spec->first_year : 0,
                      spec->last_year ? spec->last_year : 9999,
                      &min_year, &max_year, error))
    return NULL;
  choose_years (spec, period, min_year, max_year, &first, &n_years);

  data = verkan_chart_data_new (spec->kind, first, n_years);
  data->gender = MAX (gender_index ((char[]) { spec->gender, '\0' }), 0);
  data->year = spec->year;
  if (spec->kind != VERKAN_CHART_KIND_LINE && data->year == 0)
    data->year = max_year ? max_year : first;

  for (guint i = 0; i < areas->len; i++)
    {
      Area *area = &g_array_index (areas, Area, i);
      g_autofree char *label = area_label (db, area->id);
      VerkanChartSeries *series = verkan_chart_data_add_series (data, area->id, label, area->role);

      g_hash_table_insert (index, series->id, series);
    }

  if (n_years > 0 && areas->len > 0)
    {
      sql = g_strdup_printf ("SELECT municipality, year, gender, value, fetched_at, origin "
                             "FROM kolada_value WHERE kpi = ?1 AND year BETWEEN ?2 AND ?3 "
                             "AND municipality IN (%s)", in);
      if (!prepare (db, sql, &stmt, error))
        return NULL;
      sqlite3_bind_text (stmt, 1, spec->kpi, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, first);
      sqlite3_bind_int (stmt, 3, first + n_years - 1);
      for (guint i = 0; i < areas->len; i++)
        sqlite3_bind_text (stmt, 4 + i, g_array_index (areas, Area, i).id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          VerkanChartSeries *series = g_hash_table_lookup (index, sqlite3_column_text (stmt, 0));
          int year = sqlite3_column_int (stmt, 1);
          int gender = gender_index ((const char *) sqlite3_column_text (stmt, 2));

          if (series == NULL || gender < 0 || sqlite3_column_type (stmt, 3) == SQLITE_NULL)
            continue;
          series->values[gender][year - first] = sqlite3_column_double (stmt, 3);
          if (is_drawn (data, year, gender))
            note_origin (&provenance,
                         (const char *) sqlite3_column_text (stmt, 5),
                         (const char *) sqlite3_column_text (stmt, 4));
        }
      sqlite3_finalize (stmt);
      if (!step_done (db, rc, error))
        {
          g_free (provenance.newest_kolada);
          g_free (provenance.newest_snapshot);
          return NULL;
        }
    }

  kpi_name = kpi_title (db, spec->kpi);
  data->title = g_strdup (title && *title ? title : kpi_name ? kpi_name : spec->kpi);
  data->unit = unit_from_title (kpi_name);

  if (provenance.newest_kolada)
    {
      g_autofree char *date = g_strndup (provenance.newest_kolada, 10);

      /* Translators: the first %s is a KPI id ("N31807"), the second the
       * date its values were fetched ("2024-11-22") */
      data->source = g_strdup_printf (_("Source: Kolada, %s, fetched %s"), spec->kpi, date);
    }
  else if (provenance.newest_snapshot)
    {
      g_autofree char *date = g_strndup (provenance.newest_snapshot, 10);

      /* Translators: values shipped with Verkan, not fetched: the first %s
       * is a KPI id, the second the date of the snapshot */
      data->source = g_strdup_printf (_("Source: Kolada, %s, snapshot of %s"), spec->kpi, date);
    }
  else
    /* Translators: %s is a KPI id; nothing has been fetched yet */
    data->source = g_strdup_printf (_("Source: Kolada, %s"), spec->kpi);
  if (provenance.any_illustrative)
    data->illustrative_note = g_strdup (_("Some values are illustrative and not Kolada’s published figures."));
  g_free (provenance.newest_kolada);
  g_free (provenance.newest_snapshot);

  if (spec->quartiles && n_years > 0 && !load_quartiles (db, spec->kpi, data, error))
    return NULL;

  return g_steal_pointer (&data);
}

typedef struct {
  char    *municipality;
  int      year;
  int      gender;
  double   value;
} OwnRow;

static void
own_row_clear (OwnRow *row)
{
  g_free (row->municipality);
}

/* Where a municipality's series goes in the legend: the project first,
 * then the spec's municipalities and comparisons (ranks from 1000) in
 * their order, then any other (100000) */
static int
own_area_rank (const VerkanChartSpec *spec,
               const char            *id)
{
  if (*id == '\0')
    return -1;
  for (guint i = 0; spec->municipalities[i]; i++)
    if (g_str_equal (spec->municipalities[i], id))
      return (int) i;
  for (guint i = 0; spec->comparisons[i]; i++)
    if (g_str_equal (spec->comparisons[i], id))
      return 1000 + (int) i;
  return 100000;
}

static int
compare_own_areas (gconstpointer a,
                   gconstpointer b,
                   gpointer      spec)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;
  int rx = own_area_rank (spec, x), ry = own_area_rank (spec, y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return strcmp (x, y);
}

static VerkanChartData *
load_measure (sqlite3                *db,
              const VerkanChartSpec  *spec,
              const double            period[2],
              const char             *title,
              GError                **error)
{
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (OwnRow));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *measure_title = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *source = NULL;
  gint64 measure_id;
  gboolean higher_is_better;
  int min_year = 0, max_year = 0, last_drawn = 0, first, n_years;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) own_row_clear);

  if (!prepare (db, "SELECT id, title, unit, source, higher_is_better FROM own_measure WHERE uuid = ?1",
                &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, spec->measure, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (step_done (db, rc, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The chart’s own measure is no longer in the project"));
      return NULL;
    }
  measure_id = sqlite3_column_int64 (stmt, 0);
  measure_title = column_dup (stmt, 1);
  unit = column_dup (stmt, 2);
  source = column_dup (stmt, 3);
  higher_is_better = sqlite3_column_int (stmt, 4);
  sqlite3_finalize (stmt);

  /* Own measures are few values: read them all, then lay them out */
  if (!prepare (db, "SELECT municipality, year, gender, value FROM own_value "
                "WHERE measure_id = ?1 AND value IS NOT NULL ORDER BY year", &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, measure_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwnRow row;
      const char *municipality = (const char *) sqlite3_column_text (stmt, 0);

      row.gender = gender_index ((const char *) sqlite3_column_text (stmt, 2));
      if (row.gender < 0)
        continue;
      row.municipality = g_strdup (municipality ? municipality : "");
      row.year = sqlite3_column_int (stmt, 1);
      row.value = sqlite3_column_double (stmt, 3);
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  if (!step_done (db, rc, error))
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      OwnRow *row = &g_array_index (rows, OwnRow, i);
      gboolean in_range = (!spec->first_year || row->year >= spec->first_year) &&
                          (!spec->last_year || row->year <= spec->last_year);

      if (!g_hash_table_contains (index, row->municipality))
        {
          g_hash_table_add (index, row->municipality);
          g_ptr_array_add (ids, row->municipality);
        }
      if (!in_range)
        continue;
      if (spec->kind == VERKAN_CHART_KIND_GENDER || gender_codes[row->gender] == spec->gender)
        {
          min_year = min_year ? MIN (min_year, row->year) : row->year;
          max_year = MAX (max_year, row->year);
          last_drawn = max_year;
        }
    }
  g_hash_table_remove_all (index);
  g_ptr_array_sort_with_data (ids, compare_own_areas, (gpointer) spec);

  choose_years (spec, period, min_year, max_year, &first, &n_years);
  data = verkan_chart_data_new (spec->kind, first, n_years);
  data->gender = MAX (gender_index ((char[]) { spec->gender, '\0' }), 0);
  data->year = spec->year;
  if (spec->kind != VERKAN_CHART_KIND_LINE && data->year == 0)
    data->year = last_drawn ? last_drawn : first;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *label = NULL;
      VerkanChartSeries *series;
      int rank;

      if (*id == '\0')
        {
          /* the title as written (dup_title falls back to the file name) */
          if (sqlite3_prepare_v2 (db, "SELECT title FROM project WHERE id = 1",
                                  -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_step (stmt) == SQLITE_ROW)
            label = column_dup (stmt, 0);
          sqlite3_finalize (stmt);
          stmt = NULL;
          if (label == NULL)
            /* Translators: the legend of an own measure's values for the
             * whole project, when the project has no title */
            label = g_strdup (_("Project"));
        }
      else
        label = area_label (db, id);
      rank = own_area_rank (spec, id);
      series = verkan_chart_data_add_series (data, id, label,
                                             rank >= 1000 && rank < 100000
                                             ? VERKAN_SERIES_COMPARISON : VERKAN_SERIES_MAIN);
      g_hash_table_insert (index, series->id, series);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      OwnRow *row = &g_array_index (rows, OwnRow, i);
      VerkanChartSeries *series = g_hash_table_lookup (index, row->municipality);

      if (series && row->year >= first && row->year < first + n_years)
        series->values[row->gender][row->year - first] = row->value;
    }

  data->title = g_strdup (title && *title ? title : measure_title ? measure_title : "");
  data->unit = g_strdup (unit ? unit : "");
  /* The user's own figures are credited to their own source, never Kolada */
  if (source)
    /* Translators: %s is where an own measure's figures come from
     * ("Hallsbergs kommun, egen uppföljning") */
    data->source = g_strdup_printf (_("Source: %s"), source);
  data->direction = spec->direction;
  if (data->direction == VERKAN_DIRECTION_UNKNOWN && spec->indicator == NULL)
    data->direction = higher_is_better ? VERKAN_DIRECTION_HIGHER_IS_BETTER
                                       : VERKAN_DIRECTION_LOWER_IS_BETTER;

  return g_steal_pointer (&data);
}

VerkanChartData *
verkan_chart_data_load (VerkanProject          *project,
                        const VerkanChartSpec  *spec,
                        const char             *title,
                        const char             *caption,
                        GError                **error)
{
  g_autoptr(VerkanChartData) data = NULL;
  double period[2] = { NAN, NAN };
  sqlite3 *db;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  db = verkan_project_get_db (project);
  /* read once: it shapes the years as well as the band */
  if (spec->project_period && !read_period (db, &period[0], &period[1], error))
    return NULL;
  if (spec->measure)
    data = load_measure (db, spec, period, title, error);
  else if (spec->kpi)
    data = load_kpi (db, spec, period, title, error);
  else
    {
      /* A chart not yet told what to draw: nothing to show, no error */
      data = verkan_chart_data_new (spec->kind, spec->first_year, 0);
      data->title = g_strdup (title ? title : "");
      data->unit = g_strdup ("");
    }
  if (data == NULL)
    return NULL;

  if (data->direction == VERKAN_DIRECTION_UNKNOWN)
    data->direction = spec->direction;
  data->period_start = period[0];
  data->period_end = period[1];
  if (spec->indicator && !load_indicator (db, spec, data, error))
    return NULL;
  data->caption = caption && *caption ? g_strdup (caption) : NULL;

  return g_steal_pointer (&data);
}

VerkanChartData *
verkan_chart_data_load_chart (VerkanProject  *project,
                              gint64          chart_id,
                              GError        **error)
{
  g_autoptr(VerkanChartSpec) spec = NULL;
  g_autoptr(GVariant) row = NULL;
  const char *title = NULL, *caption = NULL, *json = "{}";

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  row = verkan_project_get_row (project, "chart", chart_id, error);
  if (row == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_FOUND,
                     _("There is no chart %lld in the project"), (long long) chart_id);
      return NULL;
    }
  g_variant_lookup (row, "title", "&s", &title);
  g_variant_lookup (row, "caption", "&s", &caption);
  g_variant_lookup (row, "spec", "&s", &json);

  spec = verkan_chart_spec_from_json (json, error);
  if (spec == NULL)
    return NULL;
  return verkan_chart_data_load (project, spec, title, caption, error);
}
