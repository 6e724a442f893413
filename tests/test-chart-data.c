/* test-chart-data.c: chart specifications, the numbers a chart draws as
 * read from a real project file, and own measures from Excel's CSV.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "verkan-chart-data.h"
#include "verkan-chart-spec.h"
#include "verkan-municipality-catalog.h"
#include "verkan-own-measure.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

typedef struct {
  char          *dir;
  char          *path;
  VerkanProject *project;
  sqlite3       *db;
} Fixture;

static void
sql (Fixture *f, const char *text)
{
  char *message = NULL;

  if (sqlite3_exec (f->db, text, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", text, message);
}

static gint64
insert (VerkanProject *project, const char *table, GVariantDict *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id = verkan_project_insert (project, table, g_variant_dict_end (row), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_text (VerkanProject *project, const char *table, gint64 id, const char *column,
          const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_set_value (project, table, id, column,
                                           g_variant_new_string (value), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("verkan-chart-data-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "diagram.verkan", NULL);
  f->project = verkan_project_create (f->path, "Bättre förutsättningar", &error);
  g_assert_no_error (error);
  f->db = verkan_project_get_db (f->project);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  verkan_project_close (f->project);
  g_clear_object (&f->project);
  verkan_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static VerkanChartSpec *
spec_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  VerkanChartSpec *spec = verkan_chart_spec_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (spec);
  return spec;
}

static VerkanChartData *
load (Fixture *f, const char *json, const char *title)
{
  g_autoptr(VerkanChartSpec) spec = spec_from (json);
  g_autoptr(GError) error = NULL;
  VerkanChartData *data = verkan_chart_data_load (f->project, spec, title, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static VerkanChartSeries *
series_at (VerkanChartData *data, guint i)
{
  g_assert_cmpuint (i, <, data->series->len);
  return g_ptr_array_index (data->series, i);
}

/* Specifications */

static void
test_spec_round_trip (void)
{
  const char *json =
    "{\"kind\":\"bar\",\"kpi\":\"N31807\",\"colour\":\"#0072b2\",\"gender\":\"K\","
    "\"municipalities\":[\"1861\",\"1863\"],\"comparisons\":[\"0000\",\"G175966\"],"
    "\"first_year\":2015,\"last_year\":2023,\"year\":2022,\"project_period\":true,"
    "\"indicator\":\"0b9e-uuid\",\"quartiles\":true,\"higher_is_better\":\"lower\","
    "\"future\":{\"stack\":[1,2.5,null],\"note\":\"kvar\"}}";
  const char *expected =
    "{\"kind\":\"bar\",\"kpi\":\"N31807\",\"gender\":\"K\","
    "\"municipalities\":[\"1861\",\"1863\"],\"comparisons\":[\"0000\",\"G175966\"],"
    "\"first_year\":2015,\"last_year\":2023,\"year\":2022,\"project_period\":true,"
    "\"indicator\":\"0b9e-uuid\",\"quartiles\":true,\"higher_is_better\":\"lower\","
    "\"colour\":\"#0072b2\",\"future\":{\"stack\":[1,2.5,null],\"note\":\"kvar\"}}";
  g_autoptr(VerkanChartSpec) spec = spec_from (json);
  g_autoptr(VerkanChartSpec) again = NULL;
  g_autoptr(VerkanChartSpec) copy = NULL;
  g_autoptr(VerkanChartSpec) fresh = verkan_chart_spec_new ();
  g_autoptr(VerkanChartSpec) empty = spec_from ("{}");
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *fresh_text = NULL;

  g_assert_cmpint (spec->kind, ==, VERKAN_CHART_KIND_BAR);
  g_assert_cmpstr (spec->kpi, ==, "N31807");
  g_assert_null (spec->measure);
  g_assert_cmpint (spec->gender, ==, 'K');
  g_assert_cmpuint (g_strv_length (spec->municipalities), ==, 2);
  g_assert_cmpstr (spec->comparisons[1], ==, "G175966");
  g_assert_cmpint (spec->first_year, ==, 2015);
  g_assert_cmpint (spec->last_year, ==, 2023);
  g_assert_cmpint (spec->year, ==, 2022);
  g_assert_true (spec->project_period);
  g_assert_cmpstr (spec->indicator, ==, "0b9e-uuid");
  g_assert_true (spec->quartiles);
  g_assert_cmpint (spec->direction, ==, VERKAN_DIRECTION_LOWER_IS_BETTER);
  g_assert_nonnull (spec->extra);

  text = verkan_chart_spec_to_json (spec);
  g_assert_cmpstr (text, ==, expected);
  /* the written text reads back to the same text */
  again = spec_from (text);
  text2 = verkan_chart_spec_to_json (again);
  g_assert_cmpstr (text2, ==, expected);
  copy = verkan_chart_spec_copy (spec);
  copied = verkan_chart_spec_to_json (copy);
  g_assert_cmpstr (copied, ==, expected);

  /* the defaults, as a new chart and as the table's '{}' */
  fresh_text = verkan_chart_spec_to_json (fresh);
  g_assert_cmpstr (fresh_text, ==,
                   "{\"kind\":\"line\",\"gender\":\"T\",\"municipalities\":[],\"comparisons\":[],"
                   "\"first_year\":0,\"last_year\":0,\"year\":0,\"project_period\":false,"
                   "\"quartiles\":false}");
  g_assert_cmpint (empty->kind, ==, VERKAN_CHART_KIND_LINE);
  g_assert_cmpint (empty->gender, ==, 'T');
  g_assert_nonnull (empty->municipalities);
  g_assert_null (empty->municipalities[0]);
  g_assert_null (empty->extra);

  /* an own measure, and the direction as the indicator table keeps it */
  {
    g_autoptr(VerkanChartSpec) own = spec_from ("{\"kind\":\"gender\",\"measure\":\"m-1\","
                                                "\"higher_is_better\":true,\"kpi\":null}");
    g_autofree char *own_text = verkan_chart_spec_to_json (own);

    g_assert_cmpint (own->kind, ==, VERKAN_CHART_KIND_GENDER);
    g_assert_null (own->kpi);
    g_assert_cmpint (own->direction, ==, VERKAN_DIRECTION_HIGHER_IS_BETTER);
    g_assert_true (strstr (own_text, "\"measure\":\"m-1\"") != NULL);
    g_assert_true (strstr (own_text, "\"higher_is_better\":\"higher\"") != NULL);
  }

  g_assert_cmpstr (verkan_chart_kind_to_string (VERKAN_CHART_KIND_GENDER), ==, "gender");
  g_assert_cmpint (verkan_chart_kind_from_string ("bar"), ==, VERKAN_CHART_KIND_BAR);
  g_assert_cmpint (verkan_chart_kind_from_string ("pie"), ==, -1);
  g_assert_cmpstr (verkan_chart_kind_label (VERKAN_CHART_KIND_LINE), ==, "Line chart");
  g_assert_cmpstr (verkan_chart_kind_label (VERKAN_CHART_KIND_BAR), ==, "Bar chart");
  g_assert_cmpstr (verkan_chart_kind_label (VERKAN_CHART_KIND_GENDER), ==, "Women and men");
}

static void
assert_spec_error (const char *json, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanChartSpec) spec = verkan_chart_spec_from_json (json, &error);

  g_assert_null (spec);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” gave “%s”, not “%s”", json, error->message, message);
}

static void
test_spec_errors (void)
{
  assert_spec_error ("{\"kind\": \"line\",", "not valid JSON");
  assert_spec_error ("", "specification is empty");
  assert_spec_error ("[1, 2]", "not a JSON object");
  assert_spec_error ("{\"kind\": \"pie\"}", "Unknown chart kind “pie”");
  assert_spec_error ("{\"kind\": 3}", "“kind”");
  assert_spec_error ("{\"first_year\": \"2015\"}", "“first_year” must be a whole number");
  assert_spec_error ("{\"year\": 2015.5}", "“year” must be a whole number");
  assert_spec_error ("{\"municipalities\": [\"1861\", 1863]}", "“municipalities” must be a list");
  assert_spec_error ("{\"comparisons\": \"0000\"}", "“comparisons” must be a list");
  assert_spec_error ("{\"gender\": \"X\"}", "“gender”");
  assert_spec_error ("{\"kpi\": 31807}", "“kpi” must be text");
  assert_spec_error ("{\"quartiles\": \"yes\"}", "“quartiles” must be true or false");
  assert_spec_error ("{\"higher_is_better\": \"up\"}", "“higher_is_better”");
}

/* Hand-built data, as the renderer's tests make it */

static void
test_data_range (void)
{
  g_autoptr(VerkanChartData) data = verkan_chart_data_new (VERKAN_CHART_KIND_LINE, 2018, 4);
  VerkanChartSeries *a, *b;
  double min = 0, max = 0;

  g_assert_cmpint (data->n_years, ==, 4);
  g_assert_cmpuint (data->series->len, ==, 0);
  g_assert_true (isnan (data->baseline_value));
  g_assert_true (isnan (data->period_start));
  g_assert_true (isnan (data->quartile_low[3]));
  g_assert_false (verkan_chart_data_get_range (data, &min, &max));

  a = verkan_chart_data_add_series (data, "1861", "Hallsberg", VERKAN_SERIES_MAIN);
  b = verkan_chart_data_add_series (data, "0000", "Riket", VERKAN_SERIES_COMPARISON);
  g_assert_cmpstr (a->label, ==, "Hallsberg");
  g_assert_cmpint (b->role, ==, VERKAN_SERIES_COMPARISON);
  for (int g = 0; g < VERKAN_N_GENDERS; g++)
    for (int i = 0; i < 4; i++)
      g_assert_true (isnan (a->values[g][i]));
  g_assert_false (verkan_chart_data_get_range (data, &min, &max));

  a->values[VERKAN_GENDER_TOTAL][0] = 4.4;
  a->values[VERKAN_GENDER_TOTAL][2] = 3.1;
  b->values[VERKAN_GENDER_TOTAL][3] = 5.2;
  /* not drawn: the women's values of a total line */
  a->values[VERKAN_GENDER_WOMEN][1] = 99;
  g_assert_true (verkan_chart_data_get_range (data, &min, &max));
  g_assert_cmpfloat (min, ==, 3.1);
  g_assert_cmpfloat (max, ==, 5.2);

  data->target_value = 2.5;
  data->baseline_value = 6;
  g_assert_true (verkan_chart_data_get_range (data, &min, &max));
  g_assert_cmpfloat (min, ==, 2.5);
  g_assert_cmpfloat (max, ==, 6);

  /* the gender split draws all three, in its one year */
  data->kind = VERKAN_CHART_KIND_GENDER;
  data->year = 2019;
  data->baseline_value = data->target_value = NAN;
  a->values[VERKAN_GENDER_MEN][1] = 1.5;
  g_assert_true (verkan_chart_data_get_range (data, &min, &max));
  g_assert_cmpfloat (min, ==, 1.5);
  g_assert_cmpfloat (max, ==, 99);
}

/* Loading from a project */

static void
insert_value (Fixture *f, const char *kpi, const char *municipality, int year, char gender,
              const char *value, const char *fetched_at, const char *origin)
{
  g_autofree char *text =
    g_strdup_printf ("INSERT INTO kolada_value (kpi, municipality, year, gender, value, "
                     "fetched_at, origin) VALUES ('%s', '%s', %d, '%c', %s, '%s', '%s')",
                     kpi, municipality, year, gender, value, fetched_at, origin);
  sql (f, text);
}

/* N31807 for Hallsberg and Hällefors 2015–2020, Riket, and a group the
 * project saved when it was online */
static void
insert_n31807 (Fixture *f)
{
  static const char *hallsberg[] = { "4.4", "4.1", "3.9", "3.6", "3.5", "3.2" };
  static const char *hallefors[] = { "6.8", "6.5", "NULL", NULL, "5.9", "6.1" };
  static const char *riket[] = { "4.3", "4.2", "4.0", "3.9", "3.8", "3.7" };

  sql (f, "INSERT INTO kolada_kpi (id, title, fetched_at) VALUES ('N31807', "
          "'Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.', "
          "'2024-11-22T10:15:00Z')");
  sql (f, "INSERT INTO kolada_group (id, title, members) VALUES ('G900001', "
          "'Testgrupp med sju kommuner', '1814,1861')");
  for (int i = 0; i < 6; i++)
    {
      insert_value (f, "N31807", "1861", 2015 + i, 'T', hallsberg[i], "2024-11-20T08:00:00Z", "kolada");
      insert_value (f, "N31807", "1861", 2015 + i, 'K', "5.0", "2024-11-20T08:00:00Z", "kolada");
      if (hallefors[i])
        insert_value (f, "N31807", "1863", 2015 + i, 'T', hallefors[i],
                      /* the newest fetch of the chart */
                      i == 5 ? "2024-11-22T10:15:00Z" : "2024-11-20T08:00:00Z", "kolada");
      insert_value (f, "N31807", "0000", 2015 + i, 'T', riket[i], "2024-11-20T08:00:00Z", "kolada");
      insert_value (f, "N31807", "G900001", 2015 + i, 'T', "4.8", "2024-11-20T08:00:00Z", "kolada");
    }
  /* values the chart does not draw: another KPI, another municipality,
   * a newer fetch of women's values only */
  insert_value (f, "N31816", "1861", 2016, 'T', "1.1", "2025-01-01T00:00:00Z", "kolada");
  insert_value (f, "N31807", "1880", 2016, 'T', "2.2", "2025-01-01T00:00:00Z", "kolada");
  insert_value (f, "N31807", "1861", 2021, 'K', "5.5", "2025-02-02T00:00:00Z", "kolada");
}

static void
test_load_line (Fixture *f, gconstpointer unused)
{
  g_autoptr(VerkanChartData) data = NULL;
  VerkanChartSeries *s;

  insert_n31807 (f);
  data = load (f, "{\"kind\":\"line\",\"kpi\":\"N31807\",\"gender\":\"T\","
                  "\"municipalities\":[\"1861\",\"1863\"],\"comparisons\":[\"0000\",\"G900001\",\"1861\"]}",
               NULL);

  g_assert_cmpint (data->kind, ==, VERKAN_CHART_KIND_LINE);
  g_assert_cmpint (data->gender, ==, VERKAN_GENDER_TOTAL);
  g_assert_cmpint (data->first_year, ==, 2015);
  g_assert_cmpint (data->n_years, ==, 6);
  g_assert_cmpstr (data->title, ==,
                   "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.");
  g_assert_cmpstr (data->unit, ==, "%");
  g_assert_cmpstr (data->source, ==, "Source: Kolada, N31807, fetched 2024-11-22");
  g_assert_null (data->illustrative_note);
  g_assert_null (data->caption);
  g_assert_true (isnan (data->period_start));
  g_assert_true (isnan (data->baseline_value));

  /* a municipality that is also a comparison is drawn once, as itself */
  g_assert_cmpuint (data->series->len, ==, 4);
  s = series_at (data, 0);
  g_assert_cmpstr (s->id, ==, "1861");
  g_assert_cmpstr (s->label, ==, "Hallsberg");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_MAIN);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][0], ==, 4.4);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][5], ==, 3.2);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_WOMEN][3], ==, 5.0);
  g_assert_true (isnan (s->values[VERKAN_GENDER_MEN][3]));

  s = series_at (data, 1);
  g_assert_cmpstr (s->label, ==, "Hällefors");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_MAIN);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][1], ==, 6.5);
  /* a null from Kolada and a year never sent are gaps, never zeros */
  g_assert_true (isnan (s->values[VERKAN_GENDER_TOTAL][2]));
  g_assert_true (isnan (s->values[VERKAN_GENDER_TOTAL][3]));
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][4], ==, 5.9);

  s = series_at (data, 2);
  g_assert_cmpstr (s->id, ==, "0000");
  g_assert_cmpstr (s->label, ==, "Riket");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_COMPARISON);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][2], ==, 4.0);

  s = series_at (data, 3);
  g_assert_cmpstr (s->id, ==, "G900001");
  g_assert_cmpstr (s->label, ==, "Testgrupp med sju kommuner");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_COMPARISON);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][0], ==, 4.8);

  /* the chart's own title and years win; the range is cut */
  {
    g_autoptr(VerkanChartData) cut = load (f, "{\"kpi\":\"N31807\",\"municipalities\":[\"1861\"],"
                                              "\"first_year\":2017,\"last_year\":2018}",
                                           "Ekonomiskt bistånd");
    double min, max;

    g_assert_cmpstr (cut->title, ==, "Ekonomiskt bistånd");
    g_assert_cmpint (cut->first_year, ==, 2017);
    g_assert_cmpint (cut->n_years, ==, 2);
    g_assert_cmpfloat (series_at (cut, 0)->values[VERKAN_GENDER_TOTAL][1], ==, 3.6);
    g_assert_cmpstr (cut->source, ==, "Source: Kolada, N31807, fetched 2024-11-20");
    g_assert_true (verkan_chart_data_get_range (cut, &min, &max));
    g_assert_cmpfloat (min, ==, 3.6);
    g_assert_cmpfloat (max, ==, 3.9);
  }

  /* women's values reach 2021 */
  {
    g_autoptr(VerkanChartData) women = load (f, "{\"kpi\":\"N31807\",\"gender\":\"K\","
                                                "\"municipalities\":[\"1861\"]}", NULL);

    g_assert_cmpint (women->gender, ==, VERKAN_GENDER_WOMEN);
    g_assert_cmpint (women->first_year, ==, 2015);
    g_assert_cmpint (women->n_years, ==, 7);
    g_assert_cmpfloat (series_at (women, 0)->values[VERKAN_GENDER_WOMEN][6], ==, 5.5);
    g_assert_cmpstr (women->source, ==, "Source: Kolada, N31807, fetched 2025-02-02");
  }
}

static void
test_load_bar (Fixture *f, gconstpointer unused)
{
  const char *municipalities = "\"municipalities\":[\"1861\",\"1863\"],\"comparisons\":[\"0000\"]";
  g_autofree char *bar = g_strdup_printf ("{\"kind\":\"bar\",\"kpi\":\"N31807\",%s}", municipalities);
  g_autofree char *bar_year = g_strdup_printf ("{\"kind\":\"bar\",\"kpi\":\"N31807\",\"year\":2016,"
                                               "\"first_year\":2019,%s}", municipalities);
  g_autofree char *gender = g_strdup_printf ("{\"kind\":\"gender\",\"kpi\":\"N31807\",%s}", municipalities);
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(VerkanChartData) chosen = NULL;
  g_autoptr(VerkanChartData) split = NULL;
  double min, max;

  insert_n31807 (f);
  /* the last year with a total */
  insert_value (f, "N31807", "0000", 2021, 'T', "3.5", "2024-11-23T09:00:00Z", "kolada");
  insert_value (f, "N31807", "1861", 2022, 'K', "5.1", "2024-11-24T09:00:00Z", "kolada");

  data = load (f, bar, NULL);
  g_assert_cmpint (data->kind, ==, VERKAN_CHART_KIND_BAR);
  g_assert_cmpint (data->year, ==, 2021);
  g_assert_cmpint (data->first_year, ==, 2015);
  g_assert_cmpint (data->n_years, ==, 7);
  g_assert_cmpfloat (series_at (data, 2)->values[VERKAN_GENDER_TOTAL][2021 - 2015], ==, 3.5);
  /* only the year drawn gives the range and the fetch date */
  g_assert_true (verkan_chart_data_get_range (data, &min, &max));
  g_assert_cmpfloat (min, ==, 3.5);
  g_assert_cmpfloat (max, ==, 3.5);
  g_assert_cmpstr (data->source, ==, "Source: Kolada, N31807, fetched 2024-11-23");

  /* a year chosen outside the years still gets its column */
  chosen = load (f, bar_year, NULL);
  g_assert_cmpint (chosen->year, ==, 2016);
  g_assert_cmpint (chosen->first_year, ==, 2016);
  g_assert_cmpint (chosen->n_years, ==, 2021 - 2016 + 1);
  g_assert_cmpfloat (series_at (chosen, 0)->values[VERKAN_GENDER_TOTAL][0], ==, 4.1);
  g_assert_cmpfloat (series_at (chosen, 1)->values[VERKAN_GENDER_TOTAL][0], ==, 6.5);
  g_assert_true (verkan_chart_data_get_range (chosen, &min, &max));
  g_assert_cmpfloat (min, ==, 4.1);
  g_assert_cmpfloat (max, ==, 6.5);

  /* the gender split takes the last year of any gender */
  split = load (f, gender, NULL);
  g_assert_cmpint (split->year, ==, 2022);
  g_assert_cmpfloat (series_at (split, 0)->values[VERKAN_GENDER_WOMEN][split->year - split->first_year], ==, 5.1);
  g_assert_cmpstr (split->source, ==, "Source: Kolada, N31807, fetched 2024-11-24");
}

static void
test_load_snapshot (Fixture *f, gconstpointer unused)
{
  const char *json = "{\"kpi\":\"N31008\",\"municipalities\":[\"1861\",\"1863\"]}";
  g_autoptr(VerkanChartData) snapshot = NULL;
  g_autoptr(VerkanChartData) illustrative = NULL;
  g_autoptr(VerkanChartData) fetched = NULL;

  for (int year = 2019; year <= 2022; year++)
    {
      g_autofree char *value = g_strdup_printf ("%d", 2000 + year);

      insert_value (f, "N31008", "1861", year, 'T', value, "2024-01-15T00:00:00Z", "snapshot");
      insert_value (f, "N31008", "1863", year, 'T', value, "2024-01-15T00:00:00Z", "snapshot");
    }

  snapshot = load (f, json, NULL);
  /* from the shipped catalog: no kolada_kpi row */
  g_assert_cmpstr (snapshot->title, ==, "Nettokostnad ekonomiskt bistånd, kr/inv");
  g_assert_cmpstr (snapshot->unit, ==, "kr/inv");
  g_assert_cmpstr (snapshot->source, ==, "Source: Kolada, N31008, snapshot of 2024-01-15");
  g_assert_null (snapshot->illustrative_note);

  sql (f, "UPDATE kolada_value SET origin = 'illustrative' WHERE municipality = '1863' AND year = 2021");
  illustrative = load (f, json, NULL);
  g_assert_cmpstr (illustrative->source, ==, "Source: Kolada, N31008, snapshot of 2024-01-15");
  g_assert_cmpstr (illustrative->illustrative_note, ==,
                   "Some values are illustrative and not Kolada’s published figures.");

  /* once fetched, the chart says so */
  sql (f, "UPDATE kolada_value SET origin = 'kolada', fetched_at = '2026-11-22T10:15:00Z' "
          "WHERE origin = 'snapshot'");
  sql (f, "UPDATE kolada_value SET origin = 'kolada' WHERE origin = 'illustrative'");
  fetched = load (f, json, NULL);
  g_assert_cmpstr (fetched->source, ==, "Source: Kolada, N31008, fetched 2026-11-22");
  g_assert_null (fetched->illustrative_note);

  /* the unit from other titles */
  sql (f, "INSERT INTO kolada_kpi (id, title, fetched_at) VALUES "
          "('N31910', 'Biståndshushåll, ekonomiskt bistånd, antal', '2024-01-15'),"
          "('X1', 'Något, kr/elev (-2021)', '2024-01-15')");
  {
    g_autoptr(VerkanChartData) count = load (f, "{\"kpi\":\"N31910\"}", NULL);
    g_autoptr(VerkanChartData) per_pupil = load (f, "{\"kpi\":\"X1\"}", NULL);

    g_assert_cmpstr (count->unit, ==, "");
    g_assert_cmpstr (per_pupil->unit, ==, "kr/elev");
    /* never fetched: no series values, no error, no date */
    g_assert_cmpint (count->n_years, ==, 0);
    g_assert_cmpstr (count->source, ==, "Source: Kolada, N31910");
  }
}

static void
insert_indicator (Fixture *f, gboolean higher_is_better, char **uuid)
{
  GVariantDict row;
  gint64 model, element, indicator;
  g_autoptr(GVariant) read = NULL;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Hallsberg");
  model = insert (f->project, "logic_model", &row);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "column_kind", "s", "goals");
  g_variant_dict_insert (&row, "title", "s", "Färre med långvarigt bistånd");
  element = insert (f->project, "model_element", &row);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "element_id", "x", element);
  g_variant_dict_insert (&row, "name", "s", "Andel med ekonomiskt bistånd");
  g_variant_dict_insert (&row, "kolada_kpi", "s", "N31807");
  g_variant_dict_insert (&row, "baseline_value", "d", 4.4);
  g_variant_dict_insert (&row, "baseline_year", "x", (gint64) 2015);
  g_variant_dict_insert (&row, "target_value", "d", 2.9);
  g_variant_dict_insert (&row, "target_year", "x", (gint64) 2023);
  g_variant_dict_insert (&row, "higher_is_better", "x", (gint64) higher_is_better);
  indicator = insert (f->project, "indicator", &row);

  read = verkan_project_get_row (f->project, "indicator", indicator, NULL);
  g_assert_true (g_variant_lookup (read, "uuid", "s", uuid));
}

static void
test_load_overlays (Fixture *f, gconstpointer unused)
{
  g_autofree char *uuid = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_higher = NULL;
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(VerkanChartData) higher = NULL;
  g_autoptr(VerkanChartData) plain = NULL;
  double min, max;

  insert_n31807 (f);
  set_text (f->project, "project", 1, "period_start", "2021-10-01");
  set_text (f->project, "project", 1, "period_end", "2023-12-31");
  insert_indicator (f, FALSE, &uuid);

  json = g_strdup_printf ("{\"kpi\":\"N31807\",\"municipalities\":[\"1861\"],"
                          "\"project_period\":true,\"indicator\":\"%s\"}", uuid);
  data = load (f, json, NULL);
  g_assert_cmpfloat_with_epsilon (data->period_start, 2021 + 273.0 / 365, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->period_start, 2021.75, 0.003);
  g_assert_cmpfloat_with_epsilon (data->period_end, 2024.0, 1e-9);
  /* the years reach over the whole period, values or not */
  g_assert_cmpint (data->first_year + data->n_years - 1, ==, 2023);
  g_assert_true (isnan (data->series->len ? ((VerkanChartSeries *) g_ptr_array_index (data->series, 0))->values[VERKAN_GENDER_TOTAL][data->n_years - 1] : NAN));
  g_assert_cmpfloat (data->baseline_value, ==, 4.4);
  g_assert_cmpint (data->baseline_year, ==, 2015);
  g_assert_cmpfloat (data->target_value, ==, 2.9);
  g_assert_cmpint (data->target_year, ==, 2023);
  g_assert_cmpint (data->direction, ==, VERKAN_DIRECTION_LOWER_IS_BETTER);
  /* the target reaches below the values */
  g_assert_true (verkan_chart_data_get_range (data, &min, &max));
  g_assert_cmpfloat (min, ==, 2.9);
  g_assert_cmpfloat (max, ==, 4.4);

  /* the chart's own direction wins over the indicator's */
  json_higher = g_strdup_printf ("{\"kpi\":\"N31807\",\"indicator\":\"%s\","
                                 "\"higher_is_better\":\"higher\"}", uuid);
  higher = load (f, json_higher, NULL);
  g_assert_cmpint (higher->direction, ==, VERKAN_DIRECTION_HIGHER_IS_BETTER);
  g_assert_true (isnan (higher->period_start));

  /* without them, nothing */
  plain = load (f, "{\"kpi\":\"N31807\",\"municipalities\":[\"1861\"],\"indicator\":\"gone\"}", NULL);
  g_assert_true (isnan (plain->period_start));
  g_assert_true (isnan (plain->period_end));
  g_assert_true (isnan (plain->baseline_value));
  g_assert_true (isnan (plain->target_value));
  g_assert_cmpint (plain->direction, ==, VERKAN_DIRECTION_UNKNOWN);
}

static void
test_load_quartiles (Fixture *f, gconstpointer unused)
{
  const VerkanMunicipality *all;
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(VerkanChartData) without = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0, n_k = 0;

  all = verkan_municipality_catalog_get_all (&n);
  sql (f, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
                                       "INSERT INTO kolada_value (kpi, municipality, year, gender, value, "
                                       "fetched_at) VALUES ('N31816', ?1, ?2, 'T', ?3, '2024-11-22T10:15:00Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      /* values 1 … 290 in 2019, in an order of their own */
      double value = all[i].kind == 'K' ? 1 + ((n_k * 7) % 290) : 1000;

      for (int year = 2019; year <= 2021; year++)
        {
          /* 2020: only 150 municipalities: no bands; 2021 none at all */
          if ((year == 2020 && n_k >= 150 && all[i].kind == 'K') || year == 2021)
            continue;
          sqlite3_bind_text (stmt, 1, all[i].code, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, year);
          sqlite3_bind_double (stmt, 3, year == 2019 ? value : value * 2);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
        }
      if (all[i].kind == 'K')
        n_k++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_k, ==, 290);
  /* Riket, a region and a group are no municipalities */
  insert_value (f, "N31816", "G2328", 2019, 'T', "5000", "2024-11-22T10:15:00Z", "kolada");
  insert_value (f, "N31816", "1861", 2021, 'T', "7", "2024-11-22T10:15:00Z", "kolada");
  sql (f, "COMMIT");

  data = load (f, "{\"kpi\":\"N31816\",\"municipalities\":[\"1861\"],\"comparisons\":[\"0000\"],"
                  "\"quartiles\":true,\"higher_is_better\":\"lower\"}", NULL);
  g_assert_cmpint (data->first_year, ==, 2019);
  g_assert_cmpint (data->n_years, ==, 3);
  g_assert_cmpfloat (series_at (data, 1)->values[VERKAN_GENDER_TOTAL][0], ==, 1000);
  /* 1 … 290: positions 72.25 and 216.75 counted from 0 */
  g_assert_cmpfloat_with_epsilon (data->quartile_low[0], 73.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->quartile_high[0], 217.75, 1e-9);
  g_assert_true (isnan (data->quartile_low[1]));
  g_assert_true (isnan (data->quartile_high[1]));
  g_assert_true (isnan (data->quartile_low[2]));
  g_assert_cmpint (data->direction, ==, VERKAN_DIRECTION_LOWER_IS_BETTER);

  without = load (f, "{\"kpi\":\"N31816\",\"municipalities\":[\"1861\"]}", NULL);
  g_assert_true (isnan (without->quartile_low[0]));
}

/* A chart row, and a chart not yet told what to draw */
static void
test_load_chart (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(VerkanChartData) blank = NULL;
  GVariantDict row;
  gint64 chart, empty_chart, broken;

  insert_n31807 (f);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Ekonomiskt bistånd i Hallsberg");
  g_variant_dict_insert (&row, "caption", "s", "Andel av befolkningen.");
  g_variant_dict_insert (&row, "spec", "s", "{\"kind\":\"line\",\"kpi\":\"N31807\",\"municipalities\":[\"1861\"]}");
  chart = insert (f->project, "chart", &row);
  g_variant_dict_init (&row, NULL);
  empty_chart = insert (f->project, "chart", &row);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "spec", "s", "{\"kind\":\"pie\"}");
  broken = insert (f->project, "chart", &row);

  data = verkan_chart_data_load_chart (f->project, chart, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->title, ==, "Ekonomiskt bistånd i Hallsberg");
  g_assert_cmpstr (data->caption, ==, "Andel av befolkningen.");
  g_assert_cmpuint (data->series->len, ==, 1);
  g_assert_cmpfloat (series_at (data, 0)->values[VERKAN_GENDER_TOTAL][0], ==, 4.4);

  blank = verkan_chart_data_load_chart (f->project, empty_chart, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blank->series->len, ==, 0);
  g_assert_cmpint (blank->n_years, ==, 0);
  g_assert_null (blank->source);

  g_assert_null (verkan_chart_data_load_chart (f->project, broken, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (verkan_chart_data_load_chart (f->project, 4242, &error));
  g_assert_nonnull (error);
}

/* Own measures */

static const VerkanOwnValue *
value_at (GArray *values, guint i)
{
  g_assert_cmpuint (i, <, values->len);
  return &g_array_index (values, VerkanOwnValue, i);
}

static void
assert_value (GArray *values, guint i, const char *municipality, int year, char gender,
              gboolean has_value, double value)
{
  const VerkanOwnValue *v = value_at (values, i);

  g_assert_cmpstr (v->municipality, ==, municipality);
  g_assert_cmpint (v->year, ==, year);
  g_assert_cmpint (v->gender, ==, gender);
  g_assert_cmpint (v->has_value, ==, has_value);
  if (has_value)
    g_assert_cmpfloat_with_epsilon (v->value, value, 1e-9);
}

static GArray *
parse (const char *text, gssize length)
{
  g_autoptr(GError) error = NULL;
  GArray *values = verkan_own_measure_parse_csv (text, length < 0 ? strlen (text) : (gsize) length,
                                                 &error);

  g_assert_no_error (error);
  g_assert_nonnull (values);
  return values;
}

static void
test_csv_parse (void)
{
  /* As Swedish Excel saves "CSV UTF-8": BOM, CRLF, a header, thousands
   * with a no-break space, a quoted decimal, empty cells, a blank line */
  const char *excel =
    "\xEF\xBB\xBF" "Kommun;År;Kön;Värde\r\n"
    "Hallsberg;2019;T;\"1 284,5\"\r\n"
    "Hallsberg;2020;Totalt;1\xC2\xA0" "290\r\n"
    "1861;2021;K;\"12,5\"\r\n"
    "\r\n"
    "Hällefors;2019;män;\r\n"
    "Hällefors kommun;2020;kvinnor;3\xE2\x80\xAF" "001,25\r\n"
    "180;2020;;-4\r\n"
    ";;;\r\n";
  /* Windows-1252, as older Excel saves "CSV (semikolonavgränsad)" */
  const char *ansi = "kommun;\xC5r;v\xE4rde\nH\xE4llefors;2018;7,5\n\"Nora\";2018;\"8\"\n";
  /* no header: year;value, and municipality;year;value */
  const char *bare = "2019;12\n2020;12,5\n2021;\n";
  const char *three = "1861;2019;1,5\n1863;2019;2,5";
  /* commas only when there are no semicolons; a header of other names */
  const char *commas = "Tid,Deltagare\n2019,14\n2020,\"15\"\n";
  /* quoted fields with quotes and a line break in them */
  const char *quoted = "\"År\";\"Antal \"\"deltagare\"\"\ni arbetsträning\"\n2019;17\n";
  g_autoptr(GArray) values = parse (excel, -1);
  g_autoptr(GArray) cp1252 = parse (ansi, -1);
  g_autoptr(GArray) plain = parse (bare, -1);
  g_autoptr(GArray) areas = parse (three, -1);
  g_autoptr(GArray) comma = parse (commas, -1);
  g_autoptr(GArray) quotes = parse (quoted, -1);

  g_assert_cmpuint (values->len, ==, 6);
  assert_value (values, 0, "1861", 2019, 'T', TRUE, 1284.5);
  assert_value (values, 1, "1861", 2020, 'T', TRUE, 1290);
  assert_value (values, 2, "1861", 2021, 'K', TRUE, 12.5);
  assert_value (values, 3, "1863", 2019, 'M', FALSE, 0);
  assert_value (values, 4, "1863", 2020, 'K', TRUE, 3001.25);
  assert_value (values, 5, "0180", 2020, 'T', TRUE, -4);

  g_assert_cmpuint (cp1252->len, ==, 2);
  assert_value (cp1252, 0, "1863", 2018, 'T', TRUE, 7.5);
  assert_value (cp1252, 1, "1884", 2018, 'T', TRUE, 8);

  g_assert_cmpuint (plain->len, ==, 3);
  assert_value (plain, 0, "", 2019, 'T', TRUE, 12);
  assert_value (plain, 1, "", 2020, 'T', TRUE, 12.5);
  assert_value (plain, 2, "", 2021, 'T', FALSE, 0);

  g_assert_cmpuint (areas->len, ==, 2);
  assert_value (areas, 1, "1863", 2019, 'T', TRUE, 2.5);

  g_assert_cmpuint (comma->len, ==, 2);
  assert_value (comma, 1, "", 2020, 'T', TRUE, 15);

  g_assert_cmpuint (quotes->len, ==, 1);
  assert_value (quotes, 0, "", 2019, 'T', TRUE, 17);
}

static void
assert_csv_error (const char *text, gssize length, int code, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = verkan_own_measure_parse_csv (text, length < 0 ? strlen (text) : (gsize) length,
                                                           &error);

  g_assert_null (values);
  g_assert_error (error, VERKAN_CSV_ERROR, code);
  if (message && g_strcmp0 (error->message, message) != 0)
    g_error ("“%s” gave “%s”, not “%s”", text, error->message, message);
}

static void
test_csv_errors (void)
{
  assert_csv_error ("Kommun;År;Kön;Värde\r\n"
                    "Hallsberg;2019;T;1\r\n"
                    "Hallsberg;2020;T;2\r\n"
                    "Hallsberg;2021;T;12,x\r\n",
                    -1, VERKAN_CSV_ERROR_VALUE, "Line 4: “12,x” is not a number");
  /* a line break inside quotes counts */
  assert_csv_error ("År;\"Vär\nde\"\n2019;1\n20x9;2\n", -1, VERKAN_CSV_ERROR_VALUE,
                    "Line 4: “20x9” is not a year");
  assert_csv_error ("Kommun;År;Värde\nGotham;2019;1\n", -1, VERKAN_CSV_ERROR_VALUE,
                    "Line 2: “Gotham” is not a municipality");
  assert_csv_error ("År;Kön;Värde\n2019;X;1\n", -1, VERKAN_CSV_ERROR_VALUE,
                    "Line 2: “X” is not a gender (K, M or T)");
  assert_csv_error ("År;Värde\n2019;1\n\n;4\n", -1, VERKAN_CSV_ERROR_VALUE,
                    "Line 4: the year is missing");
  assert_csv_error ("År;Värde\n2019;1\n2019;2\n", -1, VERKAN_CSV_ERROR_VALUE,
                    "Line 3: a second value for 2019");
  assert_csv_error ("Kommun;Kön;Värde\nNora;T;1\n", -1, VERKAN_CSV_ERROR_COLUMNS,
                    "Line 1: no column is named “År” or “Year”");
  assert_csv_error ("År;Kommun;Kön;Not;Mer\n2019;Nora;T;1;2\n", -1, VERKAN_CSV_ERROR_COLUMNS,
                    "Line 1: no column is named “Värde” or “Value”");
  assert_csv_error ("2019\n2020\n", -1, VERKAN_CSV_ERROR_COLUMNS, NULL);
  assert_csv_error ("", 0, VERKAN_CSV_ERROR_EMPTY, "The file holds no values");
  assert_csv_error ("\r\n;;\r\n", -1, VERKAN_CSV_ERROR_EMPTY, NULL);
  assert_csv_error ("År;Värde\r\n", -1, VERKAN_CSV_ERROR_EMPTY, NULL);
  /* bytes Windows-1252 does not have, and a NUL */
  assert_csv_error ("2019;\x81\x8D\n", -1, VERKAN_CSV_ERROR_ENCODING, NULL);
  assert_csv_error ("2019;1\0002020;2\n", 14, VERKAN_CSV_ERROR_ENCODING, NULL);
}

static gint64
insert_measure (Fixture *f, const char *title, const char *unit, const char *source, char **uuid)
{
  GVariantDict row;
  gint64 id;
  g_autoptr(GVariant) read = NULL;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", title);
  g_variant_dict_insert (&row, "unit", "s", unit);
  g_variant_dict_insert (&row, "source", "s", source);
  g_variant_dict_insert (&row, "higher_is_better", "x", (gint64) 1);
  id = insert (f->project, "own_measure", &row);
  read = verkan_project_get_row (f->project, "own_measure", id, NULL);
  if (uuid)
    g_assert_true (g_variant_lookup (read, "uuid", "s", uuid));
  return id;
}

static char *
own_values_text (Fixture *f, gint64 measure)
{
  g_autofree char *query = g_strdup_printf (
    "SELECT group_concat(municipality || ':' || year || gender || '=' || IFNULL(value, '-'), ' ') "
    "FROM (SELECT * FROM own_value WHERE measure_id = %" G_GINT64_FORMAT
    " ORDER BY municipality, year, gender)", measure);

  return verkan_test_sql_text (f->path, query);
}

static void
test_csv_import_undo (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "deltagare.csv", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "fel.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) reread = NULL;
  gint64 measure, other;

  measure = insert_measure (f, "Deltagare i arbetsträning", "antal", "Hallsbergs kommun", NULL);
  other = insert_measure (f, "Annat mått", "", "", NULL);

  first = parse ("Kommun;År;Värde\nHallsberg;2019;12\nHallsberg;2020;14,5\n", -1);
  g_assert_true (verkan_own_measure_set_values (f->project, measure, first, &error));
  g_assert_no_error (error);
  g_assert_true (verkan_own_measure_set_values (f->project, other, first, &error));
  g_assert_no_error (error);
  text = own_values_text (f, measure);
  g_assert_cmpstr (text, ==, "1861:2019T=12.0 1861:2020T=14.5");
  g_clear_pointer (&text, g_free);

  g_assert_true (g_file_set_contents (csv_path,
                                      "\xEF\xBB\xBF" "Kommun;År;Kön;Värde\r\n"
                                      "Hallsberg;2019;T;\"1 284,5\"\r\n"
                                      "Hallsberg;2020;T;\r\n"
                                      "Hällefors;2020;K;3\r\n", -1, &error));
  g_assert_cmpuint (verkan_own_measure_import_csv (f->project, measure, csv_path, &error), ==, 3);
  g_assert_no_error (error);
  text = own_values_text (f, measure);
  g_assert_cmpstr (text, ==, "1861:2019T=1284.5 1861:2020T=- 1863:2020K=3.0");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Import values");

  /* one undo step brings back the values before, and no more */
  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  text = own_values_text (f, measure);
  g_assert_cmpstr (text, ==, "1861:2019T=12.0 1861:2020T=14.5");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_project_redo (f->project, &error));
  text = own_values_text (f, measure);
  g_assert_cmpstr (text, ==, "1861:2019T=1284.5 1861:2020T=- 1863:2020K=3.0");
  g_clear_pointer (&text, g_free);
  /* the other measure kept its values */
  text = own_values_text (f, other);
  g_assert_cmpstr (text, ==, "1861:2019T=12.0 1861:2020T=14.5");
  g_clear_pointer (&text, g_free);

  /* a bad file changes nothing */
  g_assert_true (g_file_set_contents (bad_path, "År;Värde\n2019;1\n2020;x\n", -1, &error));
  g_assert_cmpuint (verkan_own_measure_import_csv (f->project, measure, bad_path, &error), ==, 0);
  g_assert_error (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (verkan_own_measure_import_csv (f->project, 4242, csv_path, &error), ==, 0);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  text = own_values_text (f, measure);
  g_assert_cmpstr (text, ==, "1861:2019T=1284.5 1861:2020T=- 1863:2020K=3.0");
  g_clear_pointer (&text, g_free);

  /* written the same way, and read back the same */
  csv = verkan_own_measure_dup_csv (f->project, measure, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "Kommun;År;Kön;Värde\r\n"
                   "1861;2019;T;1284,5\r\n"
                   "1861;2020;T;\r\n"
                   "1863;2020;K;3\r\n");
  reread = parse (csv, -1);
  g_assert_cmpuint (reread->len, ==, 3);
  assert_value (reread, 0, "1861", 2019, 'T', TRUE, 1284.5);
  assert_value (reread, 1, "1861", 2020, 'T', FALSE, 0);
  assert_value (reread, 2, "1863", 2020, 'K', TRUE, 3);
}

static void
test_own_measure_chart (Fixture *f, gconstpointer unused)
{
  g_autofree char *uuid = NULL;
  g_autofree char *silent_uuid = NULL;
  g_autofree char *json = NULL;
  g_autofree char *silent_json = NULL;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) silent_values = NULL;
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(VerkanChartData) silent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 measure, silent_measure;
  VerkanChartSeries *s;

  measure = insert_measure (f, "Deltagare i arbetsträning", "antal",
                            "Hallsbergs kommun, egen uppföljning", &uuid);
  values = parse ("Kommun;År;Värde\n;2020;40\n;2022;44\nHällefors;2021;7\nHallsberg;2020;12\n"
                  "Hallsberg;2021;\nHallsberg;2022;15,5\n", -1);
  g_assert_true (verkan_own_measure_set_values (f->project, measure, values, &error));
  g_assert_no_error (error);
  /* Kolada values for the same codes stay out of it */
  insert_value (f, "N31807", "1861", 2021, 'T', "3.3", "2024-11-22T10:15:00Z", "kolada");

  json = g_strdup_printf ("{\"measure\":\"%s\",\"municipalities\":[\"1861\"],"
                          "\"comparisons\":[\"1863\"],\"project_period\":true}", uuid);
  set_text (f->project, "project", 1, "period_start", "2020-01-01");
  set_text (f->project, "project", 1, "period_end", "2021-06-30");
  data = load (f, json, NULL);
  g_assert_cmpstr (data->title, ==, "Deltagare i arbetsträning");
  g_assert_cmpstr (data->unit, ==, "antal");
  g_assert_cmpstr (data->source, ==, "Source: Hallsbergs kommun, egen uppföljning");
  g_assert_null (strstr (data->source, "Kolada"));
  g_assert_null (data->illustrative_note);
  g_assert_cmpint (data->first_year, ==, 2020);
  g_assert_cmpint (data->n_years, ==, 3);
  g_assert_cmpfloat (data->period_start, ==, 2020.0);
  g_assert_cmpfloat_with_epsilon (data->period_end, 2021 + 181.0 / 365, 1e-9);
  g_assert_cmpint (data->direction, ==, VERKAN_DIRECTION_HIGHER_IS_BETTER);

  g_assert_cmpuint (data->series->len, ==, 3);
  s = series_at (data, 0);
  g_assert_cmpstr (s->id, ==, "");
  g_assert_cmpstr (s->label, ==, "Bättre förutsättningar");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_MAIN);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][0], ==, 40);
  g_assert_true (isnan (s->values[VERKAN_GENDER_TOTAL][1]));
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][2], ==, 44);
  s = series_at (data, 1);
  g_assert_cmpstr (s->label, ==, "Hallsberg");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_MAIN);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][0], ==, 12);
  g_assert_true (isnan (s->values[VERKAN_GENDER_TOTAL][1]));
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][2], ==, 15.5);
  s = series_at (data, 2);
  g_assert_cmpstr (s->label, ==, "Hällefors");
  g_assert_cmpint (s->role, ==, VERKAN_SERIES_COMPARISON);
  g_assert_cmpfloat (s->values[VERKAN_GENDER_TOTAL][1], ==, 7);

  /* no source: no source line at all, and no project title: "Project" */
  set_text (f->project, "project", 1, "title", "");
  silent_measure = insert_measure (f, "Nöjdhet", "", "", &silent_uuid);
  silent_values = parse ("2023;4,2\n", -1);
  g_assert_true (verkan_own_measure_set_values (f->project, silent_measure, silent_values, &error));
  silent_json = g_strdup_printf ("{\"kind\":\"bar\",\"measure\":\"%s\"}", silent_uuid);
  silent = load (f, silent_json, "Nöjda deltagare");
  g_assert_null (silent->source);
  g_assert_cmpstr (silent->title, ==, "Nöjda deltagare");
  g_assert_cmpint (silent->year, ==, 2023);
  g_assert_cmpstr (series_at (silent, 0)->label, ==, "Project");
  g_assert_cmpfloat (series_at (silent, 0)->values[VERKAN_GENDER_TOTAL][0], ==, 4.2);

  /* a measure since removed */
  {
    g_autoptr(VerkanChartSpec) gone = spec_from ("{\"measure\":\"no-such-uuid\"}");

    g_assert_null (verkan_chart_data_load (f->project, gone, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

int
main (int argc, char *argv[])
{
  /* The English source strings */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/chart-data/spec/round-trip", test_spec_round_trip);
  g_test_add_func ("/chart-data/spec/errors", test_spec_errors);
  g_test_add_func ("/chart-data/data/range", test_data_range);
  ADD ("/chart-data/load/line", test_load_line);
  ADD ("/chart-data/load/bar", test_load_bar);
  ADD ("/chart-data/load/snapshot", test_load_snapshot);
  ADD ("/chart-data/load/overlays", test_load_overlays);
  ADD ("/chart-data/load/quartiles", test_load_quartiles);
  ADD ("/chart-data/load/chart", test_load_chart);
  g_test_add_func ("/chart-data/csv/parse", test_csv_parse);
  g_test_add_func ("/chart-data/csv/errors", test_csv_errors);
  ADD ("/chart-data/own-measure/import-undo", test_csv_import_undo);
  ADD ("/chart-data/own-measure/chart", test_own_measure_chart);

#undef ADD

  return g_test_run ();
}
