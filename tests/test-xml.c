/* test-xml.c: the XML exchange format, export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "verkan-project.h"
#include "verkan-xml.h"

static const char *const tables[] = {
  "project", "municipality", "person", "goal", "milestone", "resource",
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

static void
remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_assert_cmpint (g_remove (file), ==, 0);
    }
  g_dir_close (dir);
  g_assert_cmpint (g_rmdir (path), ==, 0);
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

static void
insert (VerkanProject *project,
        const char    *table,
        GVariant      *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned = g_variant_ref_sink (row);
  gint64 id = verkan_project_insert (project, table, owned, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
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

  return project;
}

static GVariant *
without_id (GVariant *row)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, row);
  g_variant_dict_remove (&dict, "id");
  return g_variant_ref_sink (g_variant_dict_end (&dict));
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

      for (guint i = 0; i < rows_a->len; i++)
        {
          g_autoptr(GVariant) ra = without_id (rows_a->pdata[i]);
          g_autoptr(GVariant) rb = without_id (rows_b->pdata[i]);

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

  verkan_project_close (original);
  verkan_project_close (imported);
  g_assert_cmpuint (count_files (dir), ==, 4);  /* two projects, two XML files; no leftovers */
  remove_dir (dir);
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
  remove_dir (dir);
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

  remove_dir (dir);
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

  remove_dir (dir);
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
  g_autofree char *newer = edited_project (title, "format=\"1\"", "format=\"2\"");
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
  assert_invalid (newer, "version 2", TRUE);
  assert_invalid (doctype, "DOCTYPE", FALSE);
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

  remove_dir (dir);
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
  remove_dir (dir);
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
  const char *owner = NULL;

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

  verkan_project_close (project);
  remove_dir (dir);
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
  g_test_add_func ("/xml/existing-target", test_existing_target);
  g_test_add_func ("/xml/failed-export", test_failed_export_keeps_file);
  g_test_add_func ("/xml/sample-project", test_sample_project);

  return g_test_run ();
}
