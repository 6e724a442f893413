/* test-xml.c: the XML exchange format, export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "verkan-project.h"
#include "verkan-test-util.h"
#include "verkan-xml.h"

static const char *const tables[] = {
  "project", "municipality", "person", "goal", "milestone", "resource",
  "logic_model", "model_element", "model_link", "indicator", "model_version",
  "own_measure", "own_value", "chart", "report_section", "report_reference",
};

/* Columns that hold the id of another row: compared by that row's uuid,
 * since ids are file-local */
static const struct {
  const char *table;
  const char *column;
  const char *refers;
} foreign_keys[] = {
  { "model_element", "model_id",   "logic_model" },
  { "model_link",    "model_id",   "logic_model" },
  { "model_link",    "from_id",    "model_element" },
  { "model_link",    "to_id",      "model_element" },
  { "indicator",     "element_id", "model_element" },
  { "own_value",     "measure_id", "own_measure" },
  { "report_section", "parent_id", "report_section" },  /* NULL for a chapter */
};

/* ---------------------------------------------------------------- helpers */

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("verkan-xml-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* An a{sv} from key, value pairs, NULL-terminated; values are floating */
static GVariant *
make_row (const char *key,
          ...)
{
  GVariantDict dict;
  va_list args;

  g_variant_dict_init (&dict, NULL);
  va_start (args, key);
  for (; key != NULL; key = va_arg (args, const char *))
    g_variant_dict_insert_value (&dict, key, va_arg (args, GVariant *));
  va_end (args);
  return g_variant_dict_end (&dict);
}

#define S(s) g_variant_new_string (s)
#define X(x) g_variant_new_int64 (x)
#define D(d) g_variant_new_double (d)

static gint64
insert (VerkanProject *project,
        const char    *table,
        GVariant      *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned = g_variant_ref_sink (row);
  gint64 id = verkan_project_insert (project, table, owned, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
uuid_of (VerkanProject *project,
         const char    *table,
         gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) row = verkan_project_get_row (project, table, id, &error);
  char *uuid = NULL;

  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (row, "uuid", "s", &uuid));
  return uuid;
}

static void
set (VerkanProject *project,
     const char    *column,
     const char    *value)
{
  g_autoptr(GError) error = NULL;

  verkan_project_set_value (project, "project", 1, column, g_variant_new_string (value), &error);
  g_assert_no_error (error);
}

static const char purpose[] =
  "Stödja kommunernas arbete med ekonomiskt bistånd i Hällefors å ä ö.\n"
  "\n"
  "  Andra stycket börjar med två blanksteg,\ttab och tecknen <&> \"'\r\n"
  "sista raden slutar med radbrytning\n";

/* A frozen model in its canonical form, as the content column holds it */
static const char frozen_model[] =
  "<logic-model xmlns=\"urn:x-verkan:project:1\" uuid=\"0b0e3c52-5a1d-4f7e-9c1a-3d2e4f5a6b7c\" "
  "title=\"Logikmodell för Hällefors\" municipality=\"1863\" date=\"2022-06-01\" "
  "template=\"standard\" show-assumptions=\"true\" show-external=\"false\">"
  "<element uuid=\"1c2d3e4f-0000-4000-8000-000000000001\" column=\"activities\" "
  "status=\"not-assessed\" responsible=\"AME &amp; IFO\">"
  "<title>Coachning &amp; stöd</title><text>Rad ett\nrad två &lt;b&gt; 'citat'</text>"
  "<indicator uuid=\"1c2d3e4f-0000-4000-8000-000000000003\" higher-is-better=\"true\">"
  "<name>Deltagare</name><baseline value=\"12\"/></indicator></element>"
  "<element uuid=\"1c2d3e4f-0000-4000-8000-000000000002\" column=\"goals\" status=\"unclear\">"
  "<title></title></element>"
  "<link uuid=\"1c2d3e4f-0000-4000-8000-000000000004\" "
  "from=\"1c2d3e4f-0000-4000-8000-000000000001\" to=\"1c2d3e4f-0000-4000-8000-000000000002\">"
  "<rationale>Om fler coachas så når fler målet.</rationale></link>"
  "</logic-model>";

/* Two models, every column of the new tables with NULL-able ones both
 * set and unset, cards inserted out of column order, a link across
 * columns, an indicator with a Kolada id and one own measure */
static void
build_models (VerkanProject *project)
{
  gint64 model, blank, goal, resource, activity, effect, band, other, other2;
  g_autofree char *model_uuid = NULL;

  model = insert (project, "logic_model",
                  make_row ("title", S ("Logikmodell för Hällefors"), "municipality", S ("1863"),
                            "date", S ("2022-06-23"), "template", S ("standard"),
                            "show_assumptions", X (1), "show_external", X (0), NULL));
  blank = insert (project, "logic_model",
                  make_row ("title", S (""), "template", S ("blank"),
                            "show_assumptions", X (0), "show_external", X (1), NULL));

  /* a goal first, so the export has to put the columns in order */
  goal = insert (project, "model_element",
                 make_row ("model_id", X (model), "column_kind", S ("goals"),
                           "title", S ("Ökad självförsörjning"), "text", S ("Kommunens mål.\nAntaget 2021."),
                           "status", S ("partly-achieved"), "pinned", X (1), NULL));
  resource = insert (project, "model_element",
                     make_row ("model_id", X (model), "column_kind", S ("resources"),
                               "title", S ("Två arbetskonsulenter"), "responsible", S ("AME <&> IFO"),
                               "status", S ("achieved"), NULL));
  activity = insert (project, "model_element",
                     make_row ("model_id", X (model), "column_kind", S ("activities"),
                               "title", S ("Individuell coachning"), "text", S ("\tmed tab\r\n"),
                               "responsible", S ("Rad ett\nrad två"), "status", S ("not-assessed"), NULL));
  insert (project, "model_element",
          make_row ("model_id", X (model), "column_kind", S ("activities"),
                    "title", S ("Andra aktiviteten"), "status", S ("unclear"), NULL));
  effect = insert (project, "model_element",
                   make_row ("model_id", X (model), "column_kind", S ("short-term-effects"),
                             "title", S ("Fler i arbete eller studier"), "status", S ("not-achieved"), NULL));
  band = insert (project, "model_element",
                 make_row ("model_id", X (model), "column_kind", S ("external-factors"),
                           "title", S (""), "status", S ("not-assessed"), NULL));
  other = insert (project, "model_element",
                  make_row ("model_id", X (blank), "column_kind", S ("assumptions"),
                            "title", S ("Antagande"), "status", S ("not-assessed"), NULL));
  other2 = insert (project, "model_element",
                   make_row ("model_id", X (blank), "column_kind", S ("outputs"),
                             "title", S ("Prestation"), "status", S ("achieved"), NULL));

  insert (project, "model_link",
          make_row ("model_id", X (model), "from_id", X (activity), "to_id", X (effect),
                    "rationale", S ("Om deltagarna får täta möten <&>\nså närmar de sig arbete."), NULL));
  insert (project, "model_link",
          make_row ("model_id", X (model), "from_id", X (resource), "to_id", X (activity), NULL));
  insert (project, "model_link",
          make_row ("model_id", X (model), "from_id", X (effect), "to_id", X (goal),
                    "rationale", S (""), NULL));
  insert (project, "model_link",
          make_row ("model_id", X (model), "from_id", X (band), "to_id", X (goal),
                    "rationale", S ("Om konjunkturen vänder så påverkas målet."), NULL));
  insert (project, "model_link",
          make_row ("model_id", X (blank), "from_id", X (other2), "to_id", X (other), NULL));

  insert (project, "indicator",
          make_row ("element_id", X (effect), "name", S ("Invånare med ekonomiskt bistånd"),
                    "unit", S ("%"), "kolada_kpi", S ("N31807"), "source", S ("Kolada"),
                    "baseline_value", D (4.1), "baseline_year", X (2020),
                    "target_value", D (3.5), "target_year", X (2023),
                    "higher_is_better", X (0), NULL));
  insert (project, "indicator",
          make_row ("element_id", X (goal), "name", S ("Förändring mot förra året"),
                    "unit", S ("procentenheter"), "source", S ("Eget mått: verksamhetssystemet"),
                    "baseline_value", D (-2.5), "target_year", X (2024),
                    "higher_is_better", X (1), NULL));
  insert (project, "indicator",
          make_row ("element_id", X (effect), "name", S ("Utan något"), NULL));

  model_uuid = uuid_of (project, "logic_model", model);
  insert (project, "model_version",
          make_row ("model_uuid", S (model_uuid), "title", S ("Logikmodell för Hällefors"),
                    "date", S ("2022-06-01"), "frozen_at", S ("2022-06-01T14:30:00Z"),
                    "content", S (frozen_model), NULL));
  /* of a model since deleted */
  insert (project, "model_version",
          make_row ("model_uuid", S ("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), "title", S (""),
                    "date", S ("2021-12-31"), "frozen_at", S ("2022-01-10T10:00:00+01:00"),
                    "content", S ("<logic-model xmlns=\"urn:x-verkan:project:1\" "
                                  "uuid=\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\" title=\"\" "
                                  "template=\"blank\" show-assumptions=\"false\" "
                                  "show-external=\"false\"/>"), NULL));
}

/* A chart's spec as the chart code writes it: compact JSON */
static const char line_spec[] =
  "{\"kind\":\"line\",\"kpi\":\"N31807\",\"gender\":\"T\","
  "\"municipalities\":[\"1861\",\"1863\"],\"comparisons\":[\"0000\",\"G175966\"],"
  "\"first_year\":2015,\"last_year\":2023,\"year\":0,\"project_period\":true,"
  "\"quartiles\":false,\"note\":\"<&> å\"}";

/* Own measures with their values (every column, a gap, the project as a
 * whole and a municipality, a gender split), and charts of a KPI and of
 * an own measure */
static void
build_charts (VerkanProject *project)
{
  gint64 measure, empty;
  g_autofree char *measure_uuid = NULL;
  g_autofree char *measure_spec = NULL;

  /* made second, so the export has to keep the order by position */
  empty = insert (project, "own_measure",
                  make_row ("title", S ("Tomt mått"), "higher_is_better", X (0), NULL));
  measure = insert (project, "own_measure",
                    make_row ("title", S ("Deltagare i arbetsträning"), "unit", S ("antal"),
                              "source", S ("Hallsbergs kommun, egen uppföljning"),
                              "description", S ("Räknas i december.\nInklusive <&>."),
                              "higher_is_better", X (1), NULL));
  g_assert_true (verkan_project_move (project, "own_measure", measure, 0, NULL));
  g_assert_cmpint (empty, >, 0);

  insert (project, "own_value", make_row ("measure_id", X (measure), "municipality", S ("1861"),
                                          "year", X (2021), "gender", S ("T"), "value", D (12.5), NULL));
  insert (project, "own_value", make_row ("measure_id", X (measure), "municipality", S ("1861"),
                                          "year", X (2022), "gender", S ("K"), "value", D (-3), NULL));
  insert (project, "own_value", make_row ("measure_id", X (measure), "municipality", S ("1861"),
                                          "year", X (2022), "gender", S ("M"), NULL));
  insert (project, "own_value", make_row ("measure_id", X (measure), "year", X (2022),
                                          "value", D (1284.5), NULL));

  measure_uuid = uuid_of (project, "own_measure", measure);
  measure_spec = g_strdup_printf ("{\"kind\":\"bar\",\"measure\":\"%s\",\"municipalities\":[],"
                                  "\"comparisons\":[]}", measure_uuid);
  insert (project, "chart", make_row ("title", S ("Andel med ekonomiskt bistånd"),
                                      "caption", S ("Rad ett\nrad två"), "spec", S (line_spec), NULL));
  insert (project, "chart", make_row ("title", S (""), "spec", S (measure_spec), NULL));
}

/* Format 4: a report two levels deep, bodies with mixed content (spaces
 * between elements count), an empty body, and references */
static void
build_report (VerkanProject *project)
{
  gint64 chapter, section;

  chapter = insert (project, "report_section",
                    make_row ("title", S ("Grundläggande information"),
                              "body", S ("<body><p>Projektet <b>leddes</b> <i>av</i> "
                                         "<a href=\"https://www.kolada.se/?a=1&amp;b=2\">Activa</a>"
                                         "<note>Se bilaga 1.</note> &amp; "
                                         "se <ref to=\"blk-1\"/>.</p>"
                                         "<p list=\"bullet\">Hallsberg</p>"
                                         "<block id=\"blk-1\" kind=\"resources\" caption=\"Timmar &quot;i&quot; projektet\"/>"
                                         "</body>"), NULL));
  section = insert (project, "report_section",
                    make_row ("title", S ("Syfte"), "parent_id", X (chapter),
                              "body", S ("<body><p list=\"numbered\">Ett</p><p list=\"numbered\">Två</p></body>"),
                              NULL));
  insert (project, "report_section",
          make_row ("title", S ("Djupare"), "parent_id", X (section), "body", S ("<body/>"), NULL));
  insert (project, "report_section",
          make_row ("title", S ("Bakgrund"), "parent_id", X (chapter), NULL));
  insert (project, "report_section", make_row ("title", S ("Resultat"), NULL));
  insert (project, "report_reference",
          make_row ("text", S ("Socialstyrelsen (2021). Ekonomiskt bistånd."),
                    "url", S ("https://www.socialstyrelsen.se"), NULL));
  insert (project, "report_reference", make_row ("text", S ("Utan länk <&>"), NULL));
}

/* Every column of every table, NULL-able ones both set and unset */
static VerkanProject *
build_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  VerkanProject *project = verkan_project_create (path, "Bättre förutsättningar", &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);

  set (project, "subtitle", "Slutrapport");
  set (project, "author", "Åsa Öberg");
  set (project, "date", "2022-08-16");
  set (project, "report_number", "2022:05");
  set (project, "dnr", "22RS8008");
  set (project, "financier", "Region Örebro län");
  set (project, "owner", "Region Örebro län, Regional utveckling");
  set (project, "period_start", "2021-10-01");
  set (project, "period_end", "2022-06-30");
  set (project, "purpose", purpose);
  set (project, "target_group", "Personer med ekonomiskt bistånd\nsom behöver stöd mot arbete");
  set (project, "language", "en");
  set (project, "created_at", "2022-01-10T09:00:00Z");

  insert (project, "municipality", make_row ("code", S ("1861"), "name", S ("Hallsberg"), NULL));
  insert (project, "municipality", make_row ("code", S ("1863"), "name", S ("Hällefors å ä ö"), NULL));
  insert (project, "municipality", make_row ("code", S ("1880"), "name", S ("Örebro"), NULL));

  insert (project, "person", make_row ("name", S ("Karin Ek"), "role", S ("project-leader"),
                                       "organisation", S ("Stiftelsen Activa"),
                                       "municipality", S ("1880"), NULL));
  insert (project, "person", make_row ("name", S ("Per Lind"), "role", S ("steering-group"), NULL));
  insert (project, "person", make_row ("name", S (""), "role", S ("reference-group"),
                                       "organisation", S ("IFO-chefsgruppen"), NULL));

  /* an effect goal first, so the export has to put the project goals first */
  insert (project, "goal", make_row ("kind", S ("effect-goal"), "text", S ("Fler når egen försörjning."),
                                     "status", S ("not-assessed"), NULL));
  insert (project, "goal", make_row ("kind", S ("project-goal"), "text", S ("Ett samlat underlag.\nFör alla fyra."),
                                     "status", S ("achieved"), "outcome", S ("Uppfyllt.\nSe bilagorna."),
                                     "survey_full", X (4), "survey_partly", X (3), "survey_not", X (0), NULL));
  insert (project, "goal", make_row ("kind", S ("project-goal"), "text", S ("Bättre koppling."),
                                     "status", S ("partly-achieved"), "outcome", S ("Delvis."),
                                     "survey_full", X (2), "survey_not", X (1), NULL));
  insert (project, "goal", make_row ("kind", S ("effect-goal"), "text", S ("Kortare insatser."),
                                     "status", S ("unclear"), "outcome", S ("Går inte att säga än."),
                                     "survey_partly", X (5), NULL));

  insert (project, "milestone", make_row ("title", S ("Introduktionsfas"),
                                          "planned_start", S ("2021-10-01"), "planned_end", S ("2021-12-31"),
                                          "actual_start", S ("2021-10-01"), "actual_end", S ("2022-01-31"), NULL));
  insert (project, "milestone", make_row ("title", S ("Slutrapport till styrgruppen"),
                                          "planned_end", S ("2022-06-30"), NULL));
  insert (project, "milestone", make_row ("title", S ("Utan datum"), NULL));

  insert (project, "resource", make_row ("function", S ("Projektledare"),
                                         "planned_hours", D (360), "actual_hours", D (1284.5), NULL));
  insert (project, "resource", make_row ("function", S ("Styrgrupp"),
                                         "planned_hours", D (10), "actual_hours", D (96.5), NULL));
  insert (project, "resource", make_row ("function", S ("Tiondelar"),
                                         "planned_hours", D (0.1), "actual_hours", D (1e-7), NULL));
  insert (project, "resource", make_row ("function", S ("Stora tal"),
                                         "planned_hours", D (1e20), NULL));
  insert (project, "resource", make_row ("function", S ("Ej planerat"), NULL));

  build_models (project);
  build_charts (project);
  build_report (project);

  return project;
}

/* @row without its id, and with the ids of other rows as their uuids */
static GVariant *
comparable (VerkanProject *project,
            const char    *table,
            GVariant      *row)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, row);
  g_variant_dict_remove (&dict, "id");
  for (guint k = 0; k < G_N_ELEMENTS (foreign_keys); k++)
    {
      g_autofree char *uuid = NULL;
      gint64 id;

      if (g_strcmp0 (foreign_keys[k].table, table) != 0)
        continue;
      if (!g_variant_dict_lookup (&dict, foreign_keys[k].column, "x", &id))
        {
          /* only a report chapter has no parent */
          g_assert_cmpstr (table, ==, "report_section");
          continue;
        }
      uuid = uuid_of (project, foreign_keys[k].refers, id);
      g_variant_dict_insert (&dict, foreign_keys[k].column, "s", uuid);
    }
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static int
compare_uuids (gconstpointer a,
               gconstpointer b)
{
  const char *ua = NULL, *ub = NULL;

  g_variant_lookup (*(GVariant **) a, "uuid", "&s", &ua);
  g_variant_lookup (*(GVariant **) b, "uuid", "&s", &ub);
  return g_strcmp0 (ua, ub);
}

static void
assert_same_rows (VerkanProject *a,
                  VerkanProject *b)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows_a = verkan_project_list_rows (a, tables[t], NULL, NULL, &error);
      g_autoptr(GPtrArray) rows_b = NULL;

      g_assert_no_error (error);
      rows_b = verkan_project_list_rows (b, tables[t], NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows_a->len, ==, rows_b->len);
      g_ptr_array_sort (rows_a, compare_uuids);
      g_ptr_array_sort (rows_b, compare_uuids);

      for (guint i = 0; i < rows_a->len; i++)
        {
          g_autoptr(GVariant) ra = comparable (a, tables[t], rows_a->pdata[i]);
          g_autoptr(GVariant) rb = comparable (b, tables[t], rows_b->pdata[i]);

          if (!g_variant_equal (ra, rb))
            {
              g_autofree char *sa = g_variant_print (ra, TRUE);
              g_autofree char *sb = g_variant_print (rb, TRUE);
              g_test_message ("%s row %u differs:\n  %s\n  %s", tables[t], i, sa, sb);
              g_test_fail ();
            }
        }
    }
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static const char minimal_head[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<verkan-project xmlns=\"urn:x-verkan:project:1\" format=\"1\">\n";

/* A small valid project, with @goal_status as the first goal's status and
 * @info_title as the whole <title> element (may be empty) */
static char *
minimal_project (const char *info_title,
                 const char *goal_status)
{
  return g_strdup_printf ("%s"
                          "  <info>%s<language>sv</language></info>\n"
                          "  <municipalities><municipality code=\"1884\">Nora</municipality></municipalities>\n"
                          "  <organisation/>\n"
                          "  <goals>\n"
                          "    <goal kind=\"effect-goal\" status=\"%s\"><text>E0</text></goal>\n"
                          "    <goal kind=\"project-goal\" status=\"achieved\"><text>P0</text></goal>\n"
                          "    <goal kind=\"effect-goal\" status=\"unclear\"><text>E1</text></goal>\n"
                          "  </goals>\n"
                          "  <time-plan/>\n"
                          "  <resources/>\n"
                          "</verkan-project>\n",
                          minimal_head, info_title, goal_status);
}

static const char v2_head[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<verkan-project xmlns=\"urn:x-verkan:project:1\" format=\"2\">\n"
  "  <info><title>Nora</title><language>sv</language></info>\n"
  "  <municipalities/>\n"
  "  <organisation/>\n"
  "  <goals/>\n"
  "  <time-plan/>\n"
  "  <resources/>\n";

#define CARD_A "aaaaaaaa-0000-4000-8000-00000000000a"
#define CARD_B "bbbbbbbb-0000-4000-8000-00000000000b"

/* A small valid project of format 2 with one model of two cards, A and
 * B, and one link from A to B; @from replaced by @to (the first time) */
static char *
model_project (const char *from,
               const char *to)
{
  g_autofree char *text =
    g_strdup_printf ("%s"
                     "  <logic-models>\n"
                     "    <logic-model title=\"Nora\" template=\"standard\" show-assumptions=\"false\" show-external=\"false\">\n"
                     "      <element uuid=\"" CARD_A "\" column=\"activities\" status=\"not-assessed\"><title>A</title></element>\n"
                     "      <element uuid=\"" CARD_B "\" column=\"short-term-effects\" status=\"not-assessed\">\n"
                     "        <title>B</title>\n"
                     "        <indicator higher-is-better=\"true\"><name>I</name></indicator>\n"
                     "      </element>\n"
                     "      <link from=\"" CARD_A "\" to=\"" CARD_B "\"><rationale>Om A så B.</rationale></link>\n"
                     "    </logic-model>\n"
                     "  </logic-models>\n"
                     "  <model-versions/>\n"
                     "</verkan-project>\n",
                     v2_head);
  GString *edited = g_string_new (text);

  if (from != NULL)
    g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  return g_string_free (edited, FALSE);
}

/* The small model project in format 3, with @own_measures and @charts
 * as the contents of those two sections */
static char *
v3_project (const char *own_measures,
            const char *charts)
{
  g_autofree char *sections = g_strdup_printf ("<model-versions/>\n"
                                               "  <own-measures>%s</own-measures>\n"
                                               "  <charts>%s</charts>",
                                               own_measures, charts);
  g_autofree char *text = model_project ("<model-versions/>", sections);
  GString *edited = g_string_new (text);

  g_assert_cmpuint (g_string_replace (edited, "format=\"2\"", "format=\"3\"", 1), ==, 1);
  return g_string_free (edited, FALSE);
}

#define MEASURE_HEAD "<own-measure higher-is-better=\"true\"><title>M</title>"
#define A_CHART "<chart><title>C</title><spec>{\"kind\":\"line\"}</spec></chart>"

/* ------------------------------------------------------------------ tests */

static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *original_path = g_build_filename (dir, "original.verkan", NULL);
  g_autofree char *imported_path = g_build_filename (dir, "imported.verkan", NULL);
  g_autofree char *first_xml = g_build_filename (dir, "first.xml", NULL);
  g_autofree char *second_xml = g_build_filename (dir, "second.xml", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(VerkanProject) original = NULL;
  g_autoptr(VerkanProject) imported = NULL;
  g_autoptr(GError) error = NULL;

  original = build_project (original_path);

  g_assert_true (verkan_xml_export (original, first_xml, &error));
  g_assert_no_error (error);
  g_assert_true (verkan_xml_validate (first_xml, &error));
  g_assert_no_error (error);

  imported = verkan_xml_import (first_xml, imported_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_false (verkan_project_get_can_undo (imported));  /* no history for an import */

  assert_same_rows (original, imported);

  g_assert_true (verkan_xml_export (imported, second_xml, &error));
  g_assert_no_error (error);

  first = read_text (first_xml);
  second = read_text (second_xml);
  g_assert_cmpstr (first, ==, second);

  /* numbers as xsd:decimal, shortest form */
  g_assert_nonnull (strstr (first, "planned-hours=\"360\" actual-hours=\"1284.5\""));
  g_assert_nonnull (strstr (first, "actual-hours=\"96.5\""));
  g_assert_nonnull (strstr (first, "planned-hours=\"0.1\" actual-hours=\"0.0000001\""));
  g_assert_nonnull (strstr (first, "planned-hours=\"100000000000000000000\""));
  /* project goals before effect goals */
  g_assert_true (strstr (first, "project-goal") < strstr (first, "effect-goal"));
  /* the text survives with its carriage return */
  g_assert_nonnull (strstr (first, "&#13;"));

  /* the model sections after <resources> */
  g_assert_true (strstr (first, "</resources>") < strstr (first, "<logic-models>"));
  g_assert_true (strstr (first, "</logic-models>") < strstr (first, "<model-versions>"));
  /* cards column by column, whatever order they were made in */
  g_assert_true (strstr (first, "column=\"resources\"") < strstr (first, "column=\"activities\""));
  g_assert_true (strstr (first, "column=\"activities\"") < strstr (first, "column=\"goals\""));
  g_assert_true (strstr (first, "column=\"goals\"") < strstr (first, "column=\"external-factors\""));
  /* flags and texts: written when set, left out when at their default */
  g_assert_nonnull (strstr (first, "column=\"goals\" status=\"partly-achieved\" pinned=\"true\">"));
  g_assert_null (strstr (first, "pinned=\"false\""));
  g_assert_nonnull (strstr (first, "responsible=\"Rad ett&#10;rad två\""));
  g_assert_nonnull (strstr (first, "show-assumptions=\"false\" show-external=\"true\""));
  /* indicators: a Kolada id and an own measure, numbers of either sign */
  g_assert_nonnull (strstr (first, "<indicator uuid="));
  g_assert_nonnull (strstr (first, "kolada-kpi=\"N31807\" higher-is-better=\"false\""));
  g_assert_nonnull (strstr (first, "<baseline value=\"4.1\" year=\"2020\"/>"));
  g_assert_nonnull (strstr (first, "<target value=\"3.5\" year=\"2023\"/>"));
  g_assert_nonnull (strstr (first, "<baseline value=\"-2.5\"/>"));
  g_assert_nonnull (strstr (first, "<target year=\"2024\"/>"));
  /* the frozen model, embedded as an element and not as escaped text */
  g_assert_nonnull (strstr (first, "<model-version uuid="));
  g_assert_null (strstr (first, "&lt;logic-model"));

  /* format 3: own measures and charts after the models */
  g_assert_nonnull (strstr (first, "format=\"4\""));
  g_assert_true (strstr (first, "</model-versions>") < strstr (first, "<own-measures>"));
  g_assert_true (strstr (first, "</own-measures>") < strstr (first, "<charts>"));
  g_assert_true (strstr (first, "Deltagare i arbetsträning") < strstr (first, "Tomt mått"));
  g_assert_nonnull (strstr (first, "<own-measure uuid="));
  g_assert_nonnull (strstr (first, "<figure municipality=\"1861\" year=\"2021\" gender=\"T\" value=\"12.5\"/>"));
  g_assert_nonnull (strstr (first, "<figure municipality=\"1861\" year=\"2022\" gender=\"K\" value=\"-3\"/>"));
  g_assert_nonnull (strstr (first, "<figure municipality=\"1861\" year=\"2022\" gender=\"M\"/>"));
  g_assert_nonnull (strstr (first, "<figure year=\"2022\" gender=\"T\" value=\"1284.5\"/>"));
  g_assert_null (strstr (first, "<figure uuid="));
  g_assert_nonnull (strstr (first, "<own-measure uuid="));
  g_assert_nonnull (strstr (first, "\"note\":\"&lt;&amp;&gt; å\"}</spec>"));
  g_assert_nonnull (strstr (first, "<caption>Rad ett\nrad två</caption>"));
  /* format 4: the report after the charts, sections nested, the body as
   * elements with its spaces kept, references last */
  g_assert_true (strstr (first, "</charts>") < strstr (first, "<report>"));
  g_assert_nonnull (strstr (first, "<section uuid="));
  g_assert_nonnull (strstr (first, "<p>Projektet <b>leddes</b> <i>av</i> "));
  g_assert_nonnull (strstr (first, "<note>Se bilaga 1.</note> &amp; se <ref to=\"blk-1\"/>.</p>"));
  g_assert_true (strstr (first, "title=\"Syfte\"") < strstr (first, "title=\"Djupare\""));
  g_assert_true (strstr (first, "title=\"Djupare\"") < strstr (first, "title=\"Bakgrund\""));
  g_assert_true (strstr (first, "title=\"Bakgrund\"") < strstr (first, "title=\"Resultat\""));
  g_assert_true (strstr (first, "title=\"Resultat\"") < strstr (first, "<references>"));
  g_assert_nonnull (strstr (first, "url=\"https://www.socialstyrelsen.se\">Socialstyrelsen"));
  g_assert_nonnull (strstr (first, ">Utan länk &lt;&amp;&gt;</reference>"));
  g_assert_null (strstr (first, "&lt;body"));

  /* the Kolada cache stays behind */
  g_assert_null (strstr (first, "kolada_value"));
  g_assert_null (strstr (first, "<kolada"));

  verkan_project_close (original);
  verkan_project_close (imported);
  g_assert_cmpuint (count_files (dir), ==, 4);  /* two projects, two XML files; no leftovers */
  verkan_test_remove_tree (dir);
}

static void
test_positions_and_uuids (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "in.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "out.verkan", NULL);
  g_autofree char *text = minimal_project ("<title>Nora</title>", "achieved");
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[][3] = {
    { "effect-goal", "E0", "0" }, { "effect-goal", "E1", "1" }, { "project-goal", "P0", "0" },
  };

  write_file (xml, text);
  project = verkan_xml_import (xml, path, &error);
  g_assert_no_error (error);

  goals = verkan_project_list_rows (project, "goal", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 3);
  for (guint i = 0; i < goals->len; i++)
    {
      const char *kind, *goal_text, *uuid;
      gint64 position;

      g_assert_true (g_variant_lookup (goals->pdata[i], "kind", "&s", &kind));
      g_assert_true (g_variant_lookup (goals->pdata[i], "text", "&s", &goal_text));
      g_assert_true (g_variant_lookup (goals->pdata[i], "position", "x", &position));
      g_assert_true (g_variant_lookup (goals->pdata[i], "uuid", "&s", &uuid));
      g_assert_cmpstr (kind, ==, expected[i][0]);
      g_assert_cmpstr (goal_text, ==, expected[i][1]);
      g_assert_cmpint (position, ==, atoi (expected[i][2]));
      g_assert_true (g_uuid_string_is_valid (uuid));
    }

  verkan_project_close (project);
  verkan_test_remove_tree (dir);
}

static void
test_malformed (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "broken.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.verkan", NULL);
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;

  write_file (xml, "<?xml version=\"1.0\"?>\n"
                   "<verkan-project xmlns=\"urn:x-verkan:project:1\" format=\"1\">\n"
                   "  <info><title>Halvt</info>\n"
                   "</verkan-project>\n");

  project = verkan_xml_import (xml, path, &error);
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_PARSE);
  g_assert_null (project);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "3"));  /* the line */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_clear_error (&error);

  g_assert_false (verkan_xml_validate (xml, &error));
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_PARSE);
  g_clear_error (&error);

  /* no file at all: GLib's own error, which names the file */
  g_assert_null (verkan_xml_import ("/nonexistent/verkan.xml", path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (count_files (dir), ==, 1);

  verkan_test_remove_tree (dir);
}

static void
assert_invalid (const char *text,
                const char *expected_word,
                gboolean    with_line)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "invalid.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "invalid.verkan", NULL);
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;

  write_file (xml, text);

  g_assert_false (verkan_xml_validate (xml, &error));
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_INVALID);
  g_clear_error (&error);

  project = verkan_xml_import (xml, path, &error);
  g_assert_null (project);
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_word));
  if (with_line)
    g_assert_nonnull (strstr (error->message, "Line"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);

  verkan_test_remove_tree (dir);
}

/* minimal_project() with the first @from replaced by @to */
static char *
edited_project (const char *info_title,
                const char *from,
                const char *to)
{
  g_autofree char *text = minimal_project (info_title, "achieved");
  GString *edited = g_string_new (text);

  g_string_replace (edited, from, to, 1);
  return g_string_free (edited, FALSE);
}

static void
test_invalid (void)
{
  const char *title = "<title>Nora</title>";
  g_autofree char *bad_status = minimal_project (title, "finished");
  g_autofree char *no_title = minimal_project ("", "achieved");
  g_autofree char *blank_title = minimal_project ("<title>  </title>", "achieved");
  g_autofree char *bad_date = minimal_project ("<title>Nora</title><date>2022-8-16</date>", "achieved");
  /* an element version 1 does not know, after <resources> */
  g_autofree char *unknown = edited_project (title, "<resources/>", "<resources/><logic-models/>");
  g_autofree char *bad_hours =
    edited_project (title, "<resources/>",
                    "<resources><resource planned-hours=\"1,5\"><function>F</function></resource></resources>");
  g_autofree char *twice =
    edited_project (title, "</municipalities>",
                    "<municipality code=\"1884\">Nora igen</municipality></municipalities>");
  g_autofree char *newer = edited_project (title, "format=\"1\"", "format=\"5\"");
  /* an element format 2 does not know either */
  g_autofree char *unknown_2 = model_project ("<model-versions/>", "<model-versions/><charts/>");
  /* format 2 without its sections */
  g_autofree char *missing_2 = model_project ("<model-versions/>\n", "");
  /* logic models */
  g_autofree char *unknown_end =
    model_project ("to=\"" CARD_B "\"", "to=\"cccccccc-0000-4000-8000-00000000000c\"");
  g_autofree char *bad_column = model_project ("column=\"activities\"", "column=\"activity\"");
  g_autofree char *self_link = model_project ("to=\"" CARD_B "\"", "to=\"" CARD_A "\"");
  g_autofree char *same_link =
    model_project ("</link>", "</link><link from=\"" CARD_A "\" to=\"" CARD_B "\"/>");
  g_autofree char *bad_kpi = model_project ("<indicator ", "<indicator kolada-kpi=\"31807\" ");
  g_autofree char *bad_value = model_project ("<name>I</name>", "<name>I</name><baseline value=\"4,1\"/>");
  g_autofree char *bad_flag = model_project ("show-external=\"false\"", "show-external=\"no\"");
  g_autofree char *twice_uuid = model_project ("uuid=\"" CARD_B "\"", "uuid=\"" CARD_A "\"");
  g_autofree char *no_card_title = model_project ("<title>B</title>", "");
  /* a link may only join cards of its own model */
  g_autofree char *other_model =
    model_project ("  </logic-models>",
                   "    <logic-model title=\"Annan\" template=\"blank\" show-assumptions=\"false\" show-external=\"false\">\n"
                   "      <element column=\"goals\" status=\"unclear\"><title>C</title></element>\n"
                   "      <link from=\"" CARD_A "\" to=\"" CARD_B "\"/>\n"
                   "    </logic-model>\n"
                   "  </logic-models>");
  /* a frozen model is checked like a live one */
  g_autofree char *bad_frozen =
    model_project ("<model-versions/>",
                   "<model-versions>\n"
                   "    <model-version model-uuid=\"" CARD_A "\" title=\"T\" date=\"2022-06-15\" frozen-at=\"2022-06-15T10:00:00Z\">\n"
                   "      <logic-model title=\"T\" template=\"standard\" show-assumptions=\"false\" show-external=\"false\">\n"
                   "        <element uuid=\"" CARD_A "\" column=\"goals\" status=\"unclear\"><title>A</title></element>\n"
                   "        <link from=\"" CARD_A "\" to=\"" CARD_B "\"/>\n"
                   "      </logic-model>\n"
                   "    </model-version>\n"
                   "  </model-versions>");
  g_autofree char *no_content =
    model_project ("<model-versions/>",
                   "<model-versions><model-version model-uuid=\"" CARD_A "\" title=\"T\" "
                   "date=\"2022-06-15\" frozen-at=\"2022-06-15T10:00:00Z\"/></model-versions>");
  /* format 3: own measures and charts */
  g_autofree char *bad_json = v3_project ("", "<chart><title>C</title><spec>{\"kind\": </spec></chart>");
  g_autofree char *not_object = v3_project ("", "<chart><title>C</title><spec>[1, 2]</spec></chart>");
  g_autofree char *no_spec = v3_project ("", "<chart><title>C</title></chart>");
  g_autofree char *twice_figure =
    v3_project (MEASURE_HEAD "<figure year=\"2021\" value=\"1\"/>\n"
                "<figure year=\"2021\" gender=\"T\" value=\"2\"/></own-measure>", A_CHART);
  g_autofree char *bad_gender =
    v3_project (MEASURE_HEAD "<figure year=\"2021\" gender=\"X\"/></own-measure>", A_CHART);
  g_autofree char *bad_figure_value =
    v3_project (MEASURE_HEAD "<figure year=\"2021\" value=\"1 284,5\"/></own-measure>", A_CHART);
  g_autofree char *figure_uuid =
    v3_project (MEASURE_HEAD "<figure uuid=\"" CARD_A "\" year=\"2021\"/></own-measure>", A_CHART);
  g_autofree char *no_year =
    v3_project (MEASURE_HEAD "<figure value=\"3\"/></own-measure>", A_CHART);
  g_autofree char *missing_3 = NULL;
  g_autofree char *doctype =
    edited_project ("<title>&x;</title>", "<verkan-project ",
                    "<!DOCTYPE verkan-project [<!ENTITY x \"y\">]>\n<verkan-project ");

  assert_invalid (bad_status, "status", TRUE);
  assert_invalid (bad_status, "finished", TRUE);
  assert_invalid (no_title, "title", TRUE);
  assert_invalid (blank_title, "title", TRUE);
  assert_invalid (bad_date, "2022-8-16", TRUE);
  assert_invalid (unknown, "logic-models", TRUE);
  assert_invalid (bad_hours, "planned-hours", TRUE);
  assert_invalid (twice, "1884", TRUE);
  assert_invalid (newer, "version 5", TRUE);
  assert_invalid (unknown_2, "charts", TRUE);
  assert_invalid (unknown_2, "format=\"2\"", TRUE);
  assert_invalid (missing_2, "model-versions", TRUE);
  assert_invalid (unknown_end, "cccccccc-0000-4000-8000-00000000000c", TRUE);
  assert_invalid (unknown_end, "Line 16:", TRUE);
  assert_invalid (bad_column, "activity", TRUE);
  assert_invalid (bad_column, "column", TRUE);
  assert_invalid (bad_column, "Line 11:", TRUE);
  assert_invalid (self_link, "two different", TRUE);
  assert_invalid (same_link, "already", TRUE);
  assert_invalid (bad_kpi, "kolada-kpi", TRUE);
  assert_invalid (bad_value, "4,1", TRUE);
  assert_invalid (bad_flag, "show-external", TRUE);
  assert_invalid (twice_uuid, CARD_A, TRUE);
  assert_invalid (no_card_title, "title", TRUE);
  assert_invalid (other_model, CARD_A, TRUE);
  assert_invalid (other_model, "Line 20:", TRUE);
  assert_invalid (bad_frozen, CARD_B, TRUE);
  assert_invalid (bad_frozen, "Line 23:", TRUE);
  assert_invalid (no_content, "logic-model", TRUE);
  assert_invalid (doctype, "DOCTYPE", FALSE);

  assert_invalid (bad_json, "spec", TRUE);
  assert_invalid (bad_json, "JSON", TRUE);
  assert_invalid (not_object, "JSON object", TRUE);
  assert_invalid (no_spec, "spec", TRUE);
  assert_invalid (twice_figure, "figure", TRUE);
  assert_invalid (twice_figure, "only once", TRUE);
  assert_invalid (bad_gender, "gender", TRUE);
  assert_invalid (bad_gender, "T, K, M", TRUE);
  assert_invalid (bad_figure_value, "1 284,5", TRUE);
  assert_invalid (figure_uuid, "uuid", TRUE);
  assert_invalid (figure_uuid, "does not know", TRUE);
  assert_invalid (no_year, "year", TRUE);

  /* format 3 without its charts */
  {
    g_autofree char *full = v3_project ("", "");
    GString *edited = g_string_new (full);

    g_assert_cmpuint (g_string_replace (edited, "<charts></charts>", "", 1), ==, 1);
    missing_3 = g_string_free (edited, FALSE);
  }
  assert_invalid (missing_3, "charts", TRUE);
  assert_invalid (missing_3, "format 3", TRUE);

}

/* A file of format 1 has no logic models, and imports as it always did;
 * exported again it is format 4 */
static void
test_version_1 (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "v1.xml", NULL);
  g_autofree char *out = g_build_filename (dir, "v2.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.verkan", NULL);
  g_autofree char *text = minimal_project ("<title>Nora</title>", "achieved");
  g_autofree char *written = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (text, "format=\"1\""));
  write_file (xml, text);
  g_assert_true (verkan_xml_validate (xml, &error));
  g_assert_no_error (error);

  project = verkan_xml_import (xml, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpint (verkan_project_count (project, "goal"), ==, 3);
  g_assert_cmpint (verkan_project_count (project, "logic_model"), ==, 0);
  g_assert_cmpint (verkan_project_count (project, "model_version"), ==, 0);

  g_assert_true (verkan_xml_export (project, out, &error));
  g_assert_no_error (error);
  written = read_text (out);
  g_assert_nonnull (strstr (written, "format=\"4\""));
  g_assert_nonnull (strstr (written, "  <resources/>\n  <logic-models/>\n  <model-versions/>\n"
                                     "  <own-measures/>\n  <charts/>\n  <report>\n"));

  verkan_project_close (project);
  verkan_test_remove_tree (dir);
}

/* Positions per model and column, in document order whatever the order
 * of the columns in the file; links and indicators find their cards */
static void
test_model_positions (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "in.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "out.verkan", NULL);
  g_autofree char *text =
    model_project ("      <link ",
                   "      <element column=\"goals\" status=\"unclear\"><title>G0</title></element>\n"
                   "      <element column=\"activities\" status=\"unclear\"><title>A1</title></element>\n"
                   "      <element column=\"goals\" status=\"unclear\"><title>G1</title></element>\n"
                   "      <link ");
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[][3] = {
    { "activities", "A", "0" }, { "activities", "A1", "1" },
    { "goals", "G0", "0" }, { "goals", "G1", "1" },
    { "short-term-effects", "B", "0" },
  };
  gint64 from_id, to_id, element_id, b_id = 0, a_id = 0;

  write_file (xml, text);
  project = verkan_xml_import (xml, path, &error);
  g_assert_no_error (error);

  elements = verkan_project_list_rows (project, "model_element", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elements->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < elements->len; i++)
    {
      const char *column, *title;
      gint64 position, id;

      g_assert_true (g_variant_lookup (elements->pdata[i], "column_kind", "&s", &column));
      g_assert_true (g_variant_lookup (elements->pdata[i], "title", "&s", &title));
      g_assert_true (g_variant_lookup (elements->pdata[i], "position", "x", &position));
      g_assert_true (g_variant_lookup (elements->pdata[i], "id", "x", &id));
      g_assert_cmpstr (column, ==, expected[i][0]);
      g_assert_cmpstr (title, ==, expected[i][1]);
      g_assert_cmpint (position, ==, atoi (expected[i][2]));
      if (g_str_equal (title, "A"))
        a_id = id;
      if (g_str_equal (title, "B"))
        b_id = id;
    }

  links = verkan_project_list_rows (project, "model_link", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_true (g_variant_lookup (links->pdata[0], "from_id", "x", &from_id));
  g_assert_true (g_variant_lookup (links->pdata[0], "to_id", "x", &to_id));
  g_assert_cmpint (from_id, ==, a_id);
  g_assert_cmpint (to_id, ==, b_id);

  indicators = verkan_project_list_rows (project, "indicator", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indicators->len, ==, 1);
  g_assert_true (g_variant_lookup (indicators->pdata[0], "element_id", "x", &element_id));
  g_assert_cmpint (element_id, ==, b_id);

  verkan_project_close (project);
  verkan_test_remove_tree (dir);
}

/* A frozen model written by hand, with layout, comments, other quotes
 * and character references, is stored in its canonical form, which an
 * export writes back as an element and an import reads back byte for
 * byte */
static void
test_frozen_content (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "in.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "in.verkan", NULL);
  g_autofree char *out = g_build_filename (dir, "out.xml", NULL);
  g_autofree char *again = g_build_filename (dir, "again.verkan", NULL);
  g_autofree char *text =
    model_project ("<model-versions/>",
                   "<model-versions>\n"
                   "    <model-version model-uuid='0b0e3c52-5a1d-4f7e-9c1a-3d2e4f5a6b7c' title='Logikmodell för Hällefors'\n"
                   "                   date='2022-06-01' frozen-at='2022-06-01T14:30:00Z'>\n"
                   "      <!-- as frozen -->\n"
                   "      <logic-model uuid='0b0e3c52-5a1d-4f7e-9c1a-3d2e4f5a6b7c' title='Logikmodell f&#xF6;r H&#228;llefors'\n"
                   "          municipality='1863' date='2022-06-01' template='standard' show-assumptions='true' show-external='false'>\n"
                   "        <element uuid='1c2d3e4f-0000-4000-8000-000000000001' column='activities' status='not-assessed' responsible='AME &amp; IFO'>\n"
                   "          <title>Coachning <![CDATA[&]]> stöd</title>\n"
                   "          <text>Rad ett\nrad två &lt;b> 'citat'</text>\n"
                   "          <indicator uuid='1c2d3e4f-0000-4000-8000-000000000003' higher-is-better='true'>\n"
                   "            <name>Deltagare<!-- antal --></name>\n"
                   "            <baseline value='12'></baseline>\n"
                   "          </indicator>\n"
                   "        </element>\n"
                   "        <element uuid='1c2d3e4f-0000-4000-8000-000000000002' column='goals' status='unclear'>\n"
                   "          <title/>\n"
                   "        </element>\n"
                   "        <link uuid='1c2d3e4f-0000-4000-8000-000000000004' from='1c2d3e4f-0000-4000-8000-000000000001'\n"
                   "              to='1c2d3e4f-0000-4000-8000-000000000002'>\n"
                   "          <rationale>Om fler coachas så når fler målet.</rationale>\n"
                   "        </link>\n"
                   "      </logic-model>\n"
                   "    </model-version>\n"
                   "  </model-versions>");
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(VerkanProject) reimported = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) versions_again = NULL;
  g_autoptr(GError) error = NULL;
  const char *content = NULL;

  write_file (xml, text);
  project = verkan_xml_import (xml, path, &error);
  g_assert_no_error (error);

  versions = verkan_project_list_rows (project, "model_version", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_true (g_variant_lookup (versions->pdata[0], "content", "&s", &content));
  g_assert_cmpstr (content, ==, frozen_model);

  g_assert_true (verkan_xml_export (project, out, &error));
  g_assert_no_error (error);
  reimported = verkan_xml_import (out, again, &error);
  g_assert_no_error (error);
  versions_again = verkan_project_list_rows (reimported, "model_version", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (versions_again->pdata[0], "content", "&s", &content));
  g_assert_cmpstr (content, ==, frozen_model);

  verkan_project_close (project);
  verkan_project_close (reimported);
  verkan_test_remove_tree (dir);
}

/* What the XML cannot carry stops the export, and leaves no file */
static void
test_model_export_refused (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "p.verkan", NULL);
  g_autofree char *xml = g_build_filename (dir, "out.xml", NULL);
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, c, d, version;

  project = verkan_project_create (path, "Modeller", &error);
  g_assert_no_error (error);
  a = insert (project, "logic_model", make_row ("title", S ("A"), NULL));
  b = insert (project, "logic_model", make_row ("title", S ("B"), NULL));
  c = insert (project, "model_element", make_row ("model_id", X (a), "title", S ("C"), NULL));
  d = insert (project, "model_element", make_row ("model_id", X (b), "title", S ("D"), NULL));

  /* a frozen version that holds no model */
  version = insert (project, "model_version",
                    make_row ("model_uuid", S ("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), "title", S ("T"),
                              "date", S ("2022-06-15"), "content", S ("inte XML"), NULL));
  g_assert_false (verkan_xml_export (project, xml, &error));
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_true (verkan_project_delete (project, "model_version", version, &error));
  g_assert_no_error (error);
  g_assert_true (verkan_xml_export (project, xml, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_remove (xml), ==, 0);

  /* a link between the cards of two models */
  insert (project, "model_link", make_row ("model_id", X (a), "from_id", X (c), "to_id", X (d), NULL));
  g_assert_false (verkan_xml_export (project, xml, &error));
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "Line"));

  verkan_project_close (project);
  g_assert_cmpuint (count_files (dir), ==, 1);
  verkan_test_remove_tree (dir);
}

/* Format 3 written by hand: an absent gender is totalt, an absent
 * municipality the whole project, an absent value a gap; positions in
 * document order; a spec kept exactly as written */
static void
test_charts_import (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "in.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "in.verkan", NULL);
  g_autofree char *text =
    v3_project ("<own-measure uuid=\"" CARD_A "\" higher-is-better=\"false\">"
                "<title>Deltagare</title><unit>antal</unit>"
                "<figure year=\"2021\" value=\"12\"/>"
                "<figure municipality=\"1884\" year=\"2021\" gender=\"K\" value=\"4.5\"/>"
                "<figure municipality=\"1884\" year=\"2022\"/>"
                "</own-measure>"
                "<own-measure higher-is-better=\"true\"><title>Andra</title></own-measure>",
                "<chart><title>Första</title><caption>Egen text</caption>"
                "<spec>\n  {\"kind\": \"bar\", \"measure\": \"" CARD_A "\"}\n</spec></chart>"
                "<chart><title></title><spec>{\"kind\":\"line\",\"kpi\":\"N31807\"}</spec></chart>");
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GError) error = NULL;
  const char *municipality, *gender, *title, *spec, *caption;
  gint64 measure_id, year, position, better;
  double value;

  write_file (xml, text);
  project = verkan_xml_import (xml, path, &error);
  g_assert_no_error (error);

  measures = verkan_project_list_rows (project, "own_measure", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measures->len, ==, 2);
  g_assert_true (g_variant_lookup (measures->pdata[0], "title", "&s", &title));
  g_assert_cmpstr (title, ==, "Deltagare");
  g_assert_true (g_variant_lookup (measures->pdata[0], "higher_is_better", "x", &better));
  g_assert_cmpint (better, ==, 0);
  g_assert_true (g_variant_lookup (measures->pdata[1], "position", "x", &position));
  g_assert_cmpint (position, ==, 1);
  g_assert_true (g_variant_lookup (measures->pdata[0], "id", "x", &measure_id));

  values = verkan_project_list_rows (project, "own_value", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  for (guint i = 0; i < values->len; i++)
    {
      gint64 owner;

      g_assert_true (g_variant_lookup (values->pdata[i], "measure_id", "x", &owner));
      g_assert_cmpint (owner, ==, measure_id);
    }
  g_assert_true (g_variant_lookup (values->pdata[0], "municipality", "&s", &municipality));
  g_assert_true (g_variant_lookup (values->pdata[0], "gender", "&s", &gender));
  g_assert_true (g_variant_lookup (values->pdata[0], "year", "x", &year));
  g_assert_true (g_variant_lookup (values->pdata[0], "value", "d", &value));
  g_assert_cmpstr (municipality, ==, "");
  g_assert_cmpstr (gender, ==, "T");
  g_assert_cmpint (year, ==, 2021);
  g_assert_cmpfloat (value, ==, 12);
  g_assert_true (g_variant_lookup (values->pdata[1], "gender", "&s", &gender));
  g_assert_true (g_variant_lookup (values->pdata[1], "value", "d", &value));
  g_assert_cmpstr (gender, ==, "K");
  g_assert_cmpfloat (value, ==, 4.5);
  g_assert_false (g_variant_lookup (values->pdata[2], "value", "d", &value));  /* a gap */

  charts = verkan_project_list_rows (project, "chart", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (charts->len, ==, 2);
  g_assert_true (g_variant_lookup (charts->pdata[0], "title", "&s", &title));
  g_assert_true (g_variant_lookup (charts->pdata[0], "caption", "&s", &caption));
  g_assert_true (g_variant_lookup (charts->pdata[0], "spec", "&s", &spec));
  g_assert_cmpstr (title, ==, "Första");
  g_assert_cmpstr (caption, ==, "Egen text");
  g_assert_cmpstr (spec, ==, "{\"kind\": \"bar\", \"measure\": \"" CARD_A "\"}");
  g_assert_true (g_variant_lookup (charts->pdata[1], "position", "x", &position));
  g_assert_cmpint (position, ==, 1);
  g_assert_true (g_variant_lookup (charts->pdata[1], "caption", "&s", &caption));
  g_assert_cmpstr (caption, ==, "");

  verkan_project_close (project);
  verkan_test_remove_tree (dir);
}

static void
test_existing_target (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *xml = g_build_filename (dir, "in.xml", NULL);
  g_autofree char *path = g_build_filename (dir, "taken.verkan", NULL);
  g_autofree char *text = minimal_project ("<title>Nora</title>", "achieved");
  g_autofree char *after = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;

  write_file (xml, text);
  write_file (path, "somebody's work");

  project = verkan_xml_import (xml, path, &error);
  g_assert_null (project);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS);

  after = read_text (path);
  g_assert_cmpstr (after, ==, "somebody's work");
  g_assert_cmpuint (count_files (dir), ==, 2);

  verkan_test_remove_tree (dir);
}

static void
test_failed_export_keeps_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "p.verkan", NULL);
  g_autofree char *xml = g_build_filename (dir, "out.xml", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "out.xml", NULL);
  g_autofree char *after = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = verkan_project_create (path, "Kontroll\001tecken", &error);
  g_assert_no_error (error);
  write_file (xml, "old export");

  /* a control character cannot go into XML: refused, old file kept */
  g_assert_false (verkan_xml_export (project, xml, &error));
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE);
  g_clear_error (&error);
  after = read_text (xml);
  g_assert_cmpstr (after, ==, "old export");

  /* no title at all */
  set (project, "title", "");
  g_assert_false (verkan_xml_export (project, xml, &error));
  g_assert_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE);
  g_clear_error (&error);

  /* a folder that is not there */
  set (project, "title", "Rubrik");
  g_assert_false (verkan_xml_export (project, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (verkan_xml_export (project, xml, &error));
  g_assert_no_error (error);

  verkan_project_close (project);
  g_assert_cmpuint (count_files (dir), ==, 2);
  verkan_test_remove_tree (dir);
}

static gint64
count_where (VerkanProject *project,
             const char    *table,
             const char    *column,
             const char    *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_string (value));
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, table, column, v, &error);

  g_assert_no_error (error);
  return rows->len;
}

static void
test_sample_project (void)
{
  const char *source_dir = g_getenv ("VERKAN_SOURCE_DIR");
  g_autofree char *xml = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GVariant) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) models = NULL;
  const char *codes[] = { "1861", "1863", "1884", "1880" };
  const char *owner = NULL;
  const char *version_model = NULL;
  const char *nora_uuid = NULL;
  const char *content = NULL;

  if (source_dir == NULL)
    {
      g_test_skip ("VERKAN_SOURCE_DIR is not set");
      return;
    }

  xml = g_build_filename (source_dir, "data", "examples", "battre-forutsattningar.xml", NULL);
  g_assert_true (verkan_xml_validate (xml, &error));
  g_assert_no_error (error);

  dir = make_dir ();
  path = g_build_filename (dir, "sample.verkan", NULL);
  project = verkan_xml_import (xml, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  title = verkan_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Bättre förutsättningar till egen försörjning");
  info = verkan_project_get_row (project, "project", 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (info, "owner", "&s", &owner));
  g_assert_cmpstr (owner, ==, "Region Örebro län");

  g_assert_cmpint (verkan_project_count (project, "municipality"), ==, 4);
  g_assert_cmpint (count_where (project, "municipality", "code", "1863"), ==, 1);
  g_assert_cmpint (count_where (project, "municipality", "name", "Hällefors"), ==, 1);
  g_assert_cmpint (verkan_project_count (project, "person"), ==, 15);
  g_assert_cmpint (count_where (project, "person", "role", "project-leader"), ==, 1);
  g_assert_cmpint (count_where (project, "goal", "kind", "project-goal"), ==, 4);
  g_assert_cmpint (count_where (project, "goal", "kind", "effect-goal"), ==, 3);
  g_assert_cmpint (verkan_project_count (project, "milestone"), ==, 7);
  g_assert_cmpint (verkan_project_count (project, "resource"), ==, 4);

  /* a logic model per municipality, and Nora's frozen as it was attached */
  g_assert_cmpint (verkan_project_count (project, "logic_model"), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_cmpint (count_where (project, "logic_model", "municipality", codes[i]), ==, 1);
  g_assert_cmpint (verkan_project_count (project, "model_element"), ==, 56);
  g_assert_cmpint (verkan_project_count (project, "model_link"), ==, 58);
  g_assert_cmpint (verkan_project_count (project, "indicator"), ==, 20);
  g_assert_cmpint (count_where (project, "indicator", "kolada_kpi", "N31807"), ==, 4);
  g_assert_cmpint (verkan_project_count (project, "model_version"), ==, 1);

  /* format 3: the charts of N31807, N31816 and N31008; their values come
   * from the Kolada snapshot, which the XML leaves out */
  g_assert_cmpint (verkan_project_count (project, "chart"), ==, 4);
  g_assert_cmpint (count_where (project, "chart", "title", "Invånare med ekonomiskt bistånd"), ==, 1);
  g_assert_cmpint (verkan_project_count (project, "own_measure"), ==, 0);

  versions = verkan_project_list_rows (project, "model_version", NULL, NULL, &error);
  g_assert_no_error (error);
  models = verkan_project_list_rows (project, "logic_model", "municipality",
                                     g_variant_new_string ("1884"), &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (versions->pdata[0], "model_uuid", "&s", &version_model));
  g_assert_true (g_variant_lookup (models->pdata[0], "uuid", "&s", &nora_uuid));
  g_assert_cmpstr (version_model, ==, nora_uuid);
  g_assert_true (g_variant_lookup (versions->pdata[0], "content", "&s", &content));
  g_assert_true (g_str_has_prefix (content, "<logic-model xmlns=\"urn:x-verkan:project:1\" "));
  g_assert_null (strchr (content, '\n'));  /* canonical: no layout */

  verkan_project_close (project);
  verkan_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/round-trip", test_round_trip);
  g_test_add_func ("/xml/positions-and-uuids", test_positions_and_uuids);
  g_test_add_func ("/xml/malformed", test_malformed);
  g_test_add_func ("/xml/invalid", test_invalid);
  g_test_add_func ("/xml/version-1", test_version_1);
  g_test_add_func ("/xml/model-positions", test_model_positions);
  g_test_add_func ("/xml/frozen-content", test_frozen_content);
  g_test_add_func ("/xml/model-export-refused", test_model_export_refused);
  g_test_add_func ("/xml/charts-import", test_charts_import);
  g_test_add_func ("/xml/existing-target", test_existing_target);
  g_test_add_func ("/xml/failed-export", test_failed_export_keeps_file);
  g_test_add_func ("/xml/sample-project", test_sample_project);

  return g_test_run ();
}
