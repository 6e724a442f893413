/* test-cli.c: the verkan binary without a display: subcommands, output,
 * exit codes (0 ok, 1 failed, 2 usage) and messages in the user's language */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "verkan-test-util.h"

static void
test_new_and_info (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ny.verkan", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VerkanTestRun) created = { 0 };
  g_auto(VerkanTestRun) again = { 0 };
  g_auto(VerkanTestRun) info = { 0 };
  g_auto(VerkanTestRun) text = { 0 };
  JsonObject *root, *counts;

  verkan_test_run_verkan (&created, NULL, (const char *[]) { "new", path, "--title", "Försörjning 2024", NULL });
  g_assert_cmpint (created.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  verkan_test_run_verkan (&again, NULL, (const char *[]) { "new", path, NULL });
  g_assert_cmpint (again.status, ==, 1);
  g_assert_true (strstr (again.err, "already exists") != NULL);

  verkan_test_run_verkan (&info, NULL, (const char *[]) { "info", path, "--json", NULL });
  g_assert_cmpint (info.status, ==, 0);
  json_parser_load_from_data (parser, info.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Försörjning 2024");
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), ==, 6);
  counts = json_object_get_object_member (root, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "goals"), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "municipalities")), ==, 0);

  verkan_test_run_verkan (&text, NULL, (const char *[]) { "info", path, NULL });
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (strstr (text.out, "Försörjning 2024") != NULL);

  /* reading left nothing beside the file */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_sample_info (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("VERKAN_BUILD_ROOT"), "data", "examples",
                                              "battre-forutsattningar.verkan", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(VerkanTestRun) info = { 0 };
  JsonArray *municipalities;
  JsonObject *root;

  verkan_test_run_verkan (&info, NULL, (const char *[]) { "info", sample, "--json", NULL });
  g_assert_cmpint (info.status, ==, 0);
  json_parser_load_from_data (parser, info.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==,
                   "Bättre förutsättningar till egen försörjning");
  municipalities = json_object_get_array_member (root, "municipalities");
  g_assert_cmpuint (json_array_get_length (municipalities), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (municipalities, 0),
                                                  "code"), ==, "1861");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "counts"),
                                               "logic_models"), ==, 4);
}

static void
sql_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* "Skicka till kommun" from the command line, and the file coming back */
static void
test_model_export_import (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("VERKAN_BUILD_ROOT"), "data", "examples",
                                              "battre-forutsattningar.verkan", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "projekt.verkan", NULL);
  g_autofree char *sent = g_build_filename (dir, "nora.verkan", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VerkanTestRun) exported = { 0 };
  g_auto(VerkanTestRun) info = { 0 };
  g_auto(VerkanTestRun) shown = { 0 };
  g_auto(VerkanTestRun) applied = { 0 };
  g_auto(VerkanTestRun) again = { 0 };
  g_auto(VerkanTestRun) no_output = { 0 };
  g_auto(VerkanTestRun) one_file = { 0 };
  g_auto(VerkanTestRun) not_sent = { 0 };
  JsonObject *counts;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (project, contents, length, NULL));

  verkan_test_run_verkan (&exported, NULL, (const char *[]) { "model", "export", project,
                                                              "Logikmodell för Nora", "-o", sent, NULL });
  g_assert_cmpint (exported.status, ==, 0);
  verkan_test_run_verkan (&info, NULL, (const char *[]) { "info", sent, "--json", NULL });
  g_assert_cmpint (info.status, ==, 0);
  json_parser_load_from_data (parser, info.out, -1, &error);
  g_assert_no_error (error);
  counts = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "logic_models"), ==, 1);

  /* the municipality renames a card and removes a link */
  sql_exec (sent, "UPDATE model_element SET title = 'Coachning (reviderad)' WHERE id = "
                  "(SELECT min(id) FROM model_element); "
                  "DELETE FROM model_link WHERE id = (SELECT max(id) FROM model_link);");

  /* shown, not applied */
  verkan_test_run_verkan (&shown, NULL, (const char *[]) { "model", "import", project, sent, NULL });
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_nonnull (strstr (shown.out, "Logikmodell för Nora: 2 changes, 0 conflicts"));
  g_assert_nonnull (strstr (shown.out, "  ~ Changed card"));
  g_assert_nonnull (strstr (shown.out, "Coachning (reviderad)"));
  g_assert_nonnull (strstr (shown.out, "  - Removed link from"));
  g_assert_nonnull (strstr (shown.out, "--accept-all"));
  title = verkan_test_sql_text (project, "SELECT count(*) FROM model_element "
                                         "WHERE title = 'Coachning (reviderad)'");
  g_assert_cmpstr (title, ==, "0");
  g_clear_pointer (&title, g_free);

  verkan_test_run_verkan (&applied, NULL, (const char *[]) { "model", "import", project, sent,
                                                             "--accept-all", NULL });
  g_assert_cmpint (applied.status, ==, 0);
  g_assert_nonnull (strstr (applied.out, "Applied 2 changes."));
  title = verkan_test_sql_text (project, "SELECT count(*) FROM model_element "
                                         "WHERE title = 'Coachning (reviderad)'");
  g_assert_cmpstr (title, ==, "1");
  verkan_test_run_verkan (&again, NULL, (const char *[]) { "model", "import", project, sent, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "no changes"));

  /* wrong usage, and a file that was never sent */
  verkan_test_run_verkan (&no_output, NULL, (const char *[]) { "model", "export", project, "1", NULL });
  g_assert_cmpint (no_output.status, ==, 2);
  verkan_test_run_verkan (&one_file, NULL, (const char *[]) { "model", "import", project, NULL });
  g_assert_cmpint (one_file.status, ==, 2);
  verkan_test_run_verkan (&not_sent, NULL, (const char *[]) { "model", "import", project, project, NULL });
  g_assert_cmpint (not_sent.status, ==, 1);
  g_assert_nonnull (strstr (not_sent.err, "is not a logic model sent from Verkan"));

  verkan_test_remove_tree (dir);
}

static void
test_usage_and_failure (void)
{
  g_auto(VerkanTestRun) missing = { 0 };
  g_auto(VerkanTestRun) bad_option = { 0 };
  g_auto(VerkanTestRun) no_file = { 0 };
  g_auto(VerkanTestRun) no_output = { 0 };
  g_auto(VerkanTestRun) version = { 0 };

  verkan_test_run_verkan (&missing, NULL, (const char *[]) { "info", NULL });
  g_assert_cmpint (missing.status, ==, 2);
  verkan_test_run_verkan (&bad_option, NULL, (const char *[]) { "info", "--nej", "x.verkan", NULL });
  g_assert_cmpint (bad_option.status, ==, 2);
  verkan_test_run_verkan (&no_output, NULL, (const char *[]) { "export-xml", "x.verkan", NULL });
  g_assert_cmpint (no_output.status, ==, 2);

  verkan_test_run_verkan (&no_file, NULL, (const char *[]) { "info", "/nonexistent/x.verkan", NULL });
  g_assert_cmpint (no_file.status, ==, 1);
  g_assert_true (strstr (no_file.err, "does not exist") != NULL);

  verkan_test_run_verkan (&version, NULL, (const char *[]) { "--version", NULL });
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "verkan "));
}

static void
test_swedish (void)
{
  g_auto(VerkanTestRun) no_file = { 0 };
  g_auto(VerkanTestRun) help = { 0 };

  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    {
      /* CI installs the locale (build-aux/install-deps); say so loudly here */
      g_test_fail_printf ("the sv_SE.UTF-8 locale is missing: run build-aux/install-deps");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  verkan_test_run_verkan (&no_file, "sv_SE.UTF-8", (const char *[]) { "info", "/nonexistent/x.verkan", NULL });
  g_assert_cmpint (no_file.status, ==, 1);
  g_assert_true (strstr (no_file.err, "finns inte") != NULL);

  verkan_test_run_verkan (&help, "sv_SE.UTF-8", (const char *[]) { "--help", NULL });
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (strstr (help.out, "Användning:") != NULL);
}

/* ------------------------------------------------------------ kolada */

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("VERKAN_BUILD_ROOT"), "data", "examples",
                           "battre-forutsattningar.verkan", NULL);
}

/* A copy of the sample in a new folder, for commands that write */
static char *
copy_sample (char **dir_out)
{
  g_autofree char *sample = sample_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  char *dir = g_dir_make_tmp ("verkan-cli-XXXXXX", &error);
  char *path;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  path = g_build_filename (dir, "projekt.verkan", NULL);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  *dir_out = dir;
  return path;
}

/* The line of @text that starts with @prefix, without its end */
static char *
line_starting (const char *text, const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_kolada_search (void)
{
  g_autofree char *sample = sample_path ();
  g_auto(VerkanTestRun) found = { 0 };
  g_auto(VerkanTestRun) by_id = { 0 };
  g_auto(VerkanTestRun) none = { 0 };
  g_auto(VerkanTestRun) no_text = { 0 };
  g_autofree char *line = NULL;

  verkan_test_run_verkan (&found, NULL, (const char *[]) { "kolada", "search", sample,
                                                           "ekonomiskt bistånd", NULL });
  g_assert_cmpint (found.status, ==, 0);
  line = line_starting (found.out, "N31807 ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "Invånare som någon gång under året erhållit ekonomiskt bistånd"));
  g_assert_nonnull (strstr (found.out, "\nN31008  Nettokostnad ekonomiskt bistånd, kr/inv\n"));

  verkan_test_run_verkan (&by_id, NULL, (const char *[]) { "kolada", "search", sample, "n31816",
                                                           "--limit", "1", NULL });
  g_assert_cmpint (by_id.status, ==, 0);
  g_assert_true (g_str_has_prefix (by_id.out, "N31816  Vuxna biståndsmottagare"));
  g_assert_cmpuint (strlen (by_id.out), ==, strchr (by_id.out, '\n') - by_id.out + 1);

  verkan_test_run_verkan (&none, NULL, (const char *[]) { "kolada", "search", sample,
                                                          "qqxyzzy", NULL });
  g_assert_cmpint (none.status, ==, 1);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_nonnull (strstr (none.err, "No Kolada key figure matches “qqxyzzy”"));

  verkan_test_run_verkan (&no_text, NULL, (const char *[]) { "kolada", "search", sample, NULL });
  g_assert_cmpint (no_text.status, ==, 2);
}

/* The snapshot's published figures (seed 002, FoU i Väst 2021) and an
 * illustrative one, as CSV for Swedish Excel and as JSON */
static void
test_kolada_values (void)
{
  g_autofree char *sample = sample_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(VerkanTestRun) csv = { 0 };
  g_auto(VerkanTestRun) json = { 0 };
  g_auto(VerkanTestRun) text = { 0 };
  g_auto(VerkanTestRun) bad_format = { 0 };
  JsonArray *rows;
  guint n_found = 0;

  verkan_test_run_verkan (&csv, NULL, (const char *[]) { "kolada", "values", sample,
                                                         "--kpi", "N31807,N31008",
                                                         "--municipality", "0000,Hallsberg",
                                                         "--format", "csv", NULL });
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "kpi;municipality;name;year;gender;value;count;"
                                            "status;fetched_at;origin\n"));
  g_assert_nonnull (strstr (csv.out, "\nN31807;0000;Riket;2018;T;3,9;1;;2022-08-15T00:00:00Z;snapshot\n"));
  g_assert_nonnull (strstr (csv.out, "\nN31807;0000;Riket;2019;T;3,7;1;;2022-08-15T00:00:00Z;snapshot\n"));
  g_assert_nonnull (strstr (csv.out, "\nN31008;0000;Riket;2017;T;1284;1;;2022-08-15T00:00:00Z;snapshot\n"));
  g_assert_nonnull (strstr (csv.out, "\nN31807;0000;Riket;2021;T;3,4;1;;2022-08-15T00:00:00Z;illustrative\n"));
  g_assert_nonnull (strstr (csv.out, "\nN31807;1861;Hallsberg;2021;T;4,6;1;;2022-08-15T00:00:00Z;illustrative\n"));
  g_assert_null (strstr (csv.out, ";1884;"));  /* Nora was not asked for */
  /* 2 KPIs × 2 areas × 7 years, and the header */
  {
    g_auto(GStrv) lines = g_strsplit (csv.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 28 + 1);
  }

  verkan_test_run_verkan (&json, NULL, (const char *[]) { "kolada", "values", sample,
                                                          "--format", "json", NULL });
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 198);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *kpi = json_object_get_string_member (row, "kpi");
      const char *area = json_object_get_string_member (row, "municipality");
      gint64 year = json_object_get_int_member (row, "year");
      JsonNode *value = json_object_get_member (row, "value");

      g_assert_true (JSON_NODE_HOLDS_VALUE (value) || JSON_NODE_HOLDS_NULL (value));
      if (g_str_equal (kpi, "N31816") && g_str_equal (area, "G2328") && year == 2017)
        {
          g_assert_cmpfloat (json_node_get_double (value), ==, 0.9);
          g_assert_cmpstr (json_object_get_string_member (row, "origin"), ==, "snapshot");
          g_assert_cmpstr (json_object_get_string_member (row, "name"), ==,
                           "Alla kommuner (ovägt medel)");
          g_assert_cmpint (json_object_get_int_member (row, "count"), ==, 290);
          n_found++;
        }
      if (g_str_equal (kpi, "N31008") && g_str_equal (area, "0000") && year == 2019)
        {
          g_assert_cmpfloat (json_node_get_double (value), ==, 1341);
          g_assert_cmpstr (json_object_get_string_member (row, "gender"), ==, "T");
          g_assert_cmpstr (json_object_get_string_member (row, "fetched_at"), ==,
                           "2022-08-15T00:00:00Z");
          n_found++;
        }
      if (g_str_equal (kpi, "N31008") && g_str_equal (area, "1863") && year == 2020)
        {
          /* Hällefors' indicator in the sample starts from this */
          g_assert_cmpfloat (json_node_get_double (value), ==, 2180);
          g_assert_cmpstr (json_object_get_string_member (row, "origin"), ==, "illustrative");
          n_found++;
        }
    }
  g_assert_cmpuint (n_found, ==, 3);

  verkan_test_run_verkan (&text, NULL, (const char *[]) { "kolada", "values", sample,
                                                          "--kpi", "n31807", "-m", "0000", NULL });
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "N31807  Riket         2019  T         3,7  2022-08-15  snapshot"));
  g_assert_nonnull (strstr (text.out, "illustrative"));
  g_assert_nonnull (strstr (text.out, "not Kolada’s figures"));

  verkan_test_run_verkan (&bad_format, NULL, (const char *[]) { "kolada", "values", sample,
                                                                "--format", "xlsx", NULL });
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "--format"));
}

static void
test_chart_list (void)
{
  g_autofree char *sample = sample_path ();
  g_auto(VerkanTestRun) list = { 0 };
  g_auto(GStrv) lines = NULL;

  verkan_test_run_verkan (&list, NULL, (const char *[]) { "chart", "list", sample, NULL });
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (list.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 4 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "1  Invånare med ekonomiskt bistånd "));
  g_assert_nonnull (strstr (lines[0], "Line chart  N31807  Hallsberg, Hällefors, Nora, Örebro; "
                                      "Riket, Liknande kommuner (Hallsberg)"));
  g_assert_nonnull (strstr (list.out, "N31816"));
  g_assert_nonnull (strstr (list.out, "N31008"));
  g_assert_nonnull (strstr (list.out, "Bar chart"));
}

static gsize
check_file (const char *path, const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, strlen (magic));
  g_assert_cmpmem (contents, strlen (magic), magic, strlen (magic));
  return length;
}

static void
test_chart_render (void)
{
  g_autofree char *sample = sample_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-cli-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "diagram.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "diagram.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "diagram.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "diagram.txt", NULL);
  g_autofree char *svg_text = NULL;
  g_auto(VerkanTestRun) to_png = { 0 };
  g_auto(VerkanTestRun) to_svg = { 0 };
  g_auto(VerkanTestRun) to_pdf = { 0 };
  g_auto(VerkanTestRun) no_output = { 0 };
  g_auto(VerkanTestRun) wrong_kind = { 0 };
  g_auto(VerkanTestRun) unknown = { 0 };

  g_assert_no_error (error);
  verkan_test_run_verkan (&to_png, NULL, (const char *[]) { "chart", "render", sample, "1",
                                                            "-o", png, NULL });
  g_assert_cmpint (to_png.status, ==, 0);
  /* 640 × 400 points at two pixels a point, with nine years of five series */
  g_assert_cmpuint (check_file (png, "\x89PNG\r\n\x1a\n"), >, 20000);
  /* the snapshot's made-up values are said to be so */
  g_assert_nonnull (strstr (to_png.err, "illustrative"));

  verkan_test_run_verkan (&to_svg, NULL, (const char *[]) { "chart", "render", sample,
                                                            "Nettokostnad för ekonomiskt bistånd",
                                                            "-o", svg, "--dark", NULL });
  g_assert_cmpint (to_svg.status, ==, 0);
  g_assert_cmpuint (check_file (svg, "<?xml"), >, 10000);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));

  verkan_test_run_verkan (&to_pdf, NULL, (const char *[]) { "chart", "render", sample, "4",
                                                            "-o", pdf, "--width", "480",
                                                            "--height", "300", NULL });
  g_assert_cmpint (to_pdf.status, ==, 0);
  g_assert_cmpuint (check_file (pdf, "%PDF-"), >, 5000);

  verkan_test_run_verkan (&no_output, NULL, (const char *[]) { "chart", "render", sample, "1", NULL });
  g_assert_cmpint (no_output.status, ==, 2);
  verkan_test_run_verkan (&wrong_kind, NULL, (const char *[]) { "chart", "render", sample, "1",
                                                                "-o", txt, NULL });
  g_assert_cmpint (wrong_kind.status, ==, 2);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  verkan_test_run_verkan (&unknown, NULL, (const char *[]) { "chart", "render", sample,
                                                             "Inget sådant", "-o", png, NULL });
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "has no chart “Inget sådant”"));

  verkan_test_remove_tree (dir);
}

/* A small Kolada v3 in a thread of its own: data paths answer one row
 * per kpi, municipality and year, in two pages (next_url); KPI records
 * for /kpi/…; anything else is 404 */
typedef struct {
  GMutex        lock;
  GCond         ready;
  guint         port;
  GMainContext *context;
  GMainLoop    *loop;
  int           n_requests;
} KoladaServer;

/* 1861 in 2021 is 6.1 + 1 = 7.1: easy to check in the file */
static double
server_value (const char *area, int year)
{
  return (g_ascii_strtoll (area, NULL, 10) % 100) / 10.0 + (year - 2020);
}

static void
server_reply (SoupServerMessage *msg, guint status, const char *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
server_handle (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  KoladaServer *self = user_data;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) kpis = NULL;
  g_auto(GStrv) areas = NULL;
  g_auto(GStrv) years = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  const char *page = query ? g_hash_table_lookup (query, "page") : NULL;
  gboolean second = g_strcmp0 (page, "2") == 0;
  guint n = 0, k = 0;

  g_atomic_int_inc (&self->n_requests);
  if (!g_str_has_prefix (path, "/v3/"))
    {
      server_reply (msg, 404, "{\"error\": \"not found\"}");
      return;
    }
  parts = g_strsplit (path + strlen ("/v3/"), "/", -1);

  if (g_strcmp0 (parts[0], "kpi") == 0 && parts[1] != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (parts[1], ",", -1);

      g_string_append (body, "{\"values\": [");
      for (guint i = 0; ids[i] != NULL; i++)
        g_string_append_printf (body, "%s{\"id\": \"%s\", \"title\": \"Testtal %s\", "
                                "\"description\": \"\", \"is_divided_by_gender\": false, "
                                "\"municipality_type\": \"K\", \"publication_date\": \"\", "
                                "\"prel_publication_date\": \"\"}",
                                i ? ", " : "", ids[i], ids[i]);
      g_string_append_printf (body, "], \"count\": %u}", g_strv_length (ids));
      server_reply (msg, 200, body->str);
      return;
    }
  if (g_strcmp0 (parts[0], "data") != 0)
    {
      server_reply (msg, 404, "{\"error\": \"not found\"}");
      return;
    }

  for (guint i = 1; parts[i] != NULL && parts[i + 1] != NULL; i += 2)
    {
      if (g_str_equal (parts[i], "kpi"))
        kpis = g_strsplit (parts[i + 1], ",", -1);
      else if (g_str_equal (parts[i], "municipality"))
        areas = g_strsplit (parts[i + 1], ",", -1);
      else if (g_str_equal (parts[i], "year"))
        years = g_strsplit (parts[i + 1], ",", -1);
    }
  if (years == NULL)
    years = g_strsplit ("2020,2021,2022", ",", -1);
  if (kpis == NULL || areas == NULL)
    {
      server_reply (msg, 422, "{\"error\": \"two of kpi, municipality and year\"}");
      return;
    }

  /* every row once, the first half on page 1 and the rest on page 2 */
  n = g_strv_length (kpis) * g_strv_length (areas) * g_strv_length (years);
  g_string_append (body, "{\"values\": [");
  for (guint a = 0; kpis[a] != NULL; a++)
    for (guint b = 0; areas[b] != NULL; b++)
      for (guint c = 0; years[c] != NULL; c++, k++)
        {
          int year = (int) g_ascii_strtoll (years[c], NULL, 10);
          char value[G_ASCII_DTOSTR_BUF_SIZE];

          if ((k < n / 2) == second)
            continue;
          g_ascii_formatd (value, sizeof value, "%.1f", server_value (areas[b], year));
          g_string_append_printf (body, "%s{\"kpi\": \"%s\", \"municipality\": \"%s\", "
                                  "\"period\": %d, \"values\": [{\"gender\": \"T\", "
                                  "\"value\": %s, \"count\": 1, \"status\": \"\", "
                                  "\"isdeleted\": false}]}",
                                  body->str[body->len - 1] == '[' ? "" : ", ",
                                  kpis[a], areas[b], year, value);
        }
  g_string_append (body, "], \"count\": 0");
  if (!second)
    g_string_append_printf (body, ", \"next_url\": \"http://127.0.0.1:%u%s?page=2\"",
                            self->port, path);
  g_string_append (body, "}");
  server_reply (msg, 200, body->str);
}

static gpointer
server_thread (gpointer data)
{
  KoladaServer *self = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_handle, self, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);

  g_mutex_lock (&self->lock);
  self->port = (guint) g_uri_get_port (uris->data);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* A port on 127.0.0.1 where nothing listens (it did, a moment ago) */
static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_kolada_fetch (void)
{
  KoladaServer server = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *project = copy_sample (&dir);
  g_autofree char *base_url = NULL;
  g_autofree char *dead_url = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *value = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *count_before = NULL;
  g_autofree char *count_after = NULL;
  g_autofree char *snapshot_kept = NULL;
  g_auto(VerkanTestRun) fetched = { 0 };
  g_auto(VerkanTestRun) offline = { 0 };
  GThread *thread;

  g_mutex_init (&server.lock);
  g_cond_init (&server.ready);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  thread = g_thread_new ("kolada-server", server_thread, &server);
  g_mutex_lock (&server.lock);
  while (server.port == 0)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);
  base_url = g_strdup_printf ("http://127.0.0.1:%u/v3", server.port);

  verkan_test_run_verkan (&fetched, NULL, (const char *[]) {
                            "kolada", "fetch", project, "--kpi", "N31807,n31008",
                            "--municipality", "1861,Riket", "--years", "2020-2022",
                            "--base-url", base_url, NULL });
  g_test_message ("stdout:\n%s\nstderr:\n%s", fetched.out, fetched.err);
  g_assert_cmpint (fetched.status, ==, 0);
  g_assert_cmpint (g_atomic_int_get (&server.n_requests), >=, 2);  /* two pages at least */
  g_assert_cmpstr (fetched.err, !=, "");                           /* progress */
  /* 2 KPIs × 2 areas × 3 years */
  stored = line_starting (fetched.out, "Values stored:");
  g_assert_nonnull (stored);
  g_assert_true (g_str_has_suffix (stored, " 12"));
  g_assert_nonnull (strstr (fetched.out, "\nFetched at: "));
  g_assert_nonnull (strstr (fetched.out, "\nRequests: "));

  value = verkan_test_sql_text (project, "SELECT value FROM kolada_value WHERE kpi = 'N31807' "
                                         "AND municipality = '1861' AND year = 2021 AND gender = 'T'");
  g_assert_cmpstr (value, ==, "7.1");
  origin = verkan_test_sql_text (project, "SELECT origin FROM kolada_value WHERE kpi = 'N31008' "
                                          "AND municipality = '0000' AND year = 2022");
  g_assert_cmpstr (origin, ==, "kolada");
  /* years not asked for keep the snapshot's values */
  snapshot_kept = verkan_test_sql_text (project, "SELECT value || ' ' || origin FROM kolada_value "
                                                 "WHERE kpi = 'N31008' AND municipality = '0000' "
                                                 "AND year = 2019");
  g_assert_cmpstr (snapshot_kept, ==, "1341.0 snapshot");

  /* nobody answers: a message, exit 1, and the stored values as they were */
  count_before = verkan_test_sql_text (project, "SELECT count(*) || ' ' || sum(value) FROM kolada_value");
  dead_url = g_strdup_printf ("http://127.0.0.1:%u/v3", closed_port ());
  verkan_test_run_verkan (&offline, NULL, (const char *[]) {
                            "kolada", "fetch", project, "--kpi", "N31807",
                            "--municipality", "1861", "--years", "2021", "--full",
                            "--timeout", "5", "--base-url", dead_url, NULL });
  g_test_message ("stderr:\n%s", offline.err);
  g_assert_cmpint (offline.status, ==, 1);
  g_assert_nonnull (strstr (offline.err, "\nverkan: "));
  g_assert_nonnull (strstr (offline.err, "could not be reached"));
  g_assert_null (strstr (offline.out, "Values stored:"));
  count_after = verkan_test_sql_text (project, "SELECT count(*) || ' ' || sum(value) FROM kolada_value");
  g_assert_cmpstr (count_after, ==, count_before);
  kept = verkan_test_sql_text (project, "SELECT value FROM kolada_value WHERE kpi = 'N31807' "
                                        "AND municipality = '1861' AND year = 2021");
  g_assert_cmpstr (kept, ==, "7.1");

  g_main_loop_quit (server.loop);
  g_thread_join (thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_mutex_clear (&server.lock);
  g_cond_clear (&server.ready);
  verkan_test_remove_tree (dir);
}

static void
test_kolada_usage (void)
{
  g_autofree char *sample = sample_path ();
  struct {
    const char *args[12];
    const char *message;
  } cases[] = {
    { { "kolada", NULL }, NULL },
    { { "kolada", "hämta", sample, NULL }, "unknown action" },
    { { "kolada", "fetch", sample, "--municipality", "1861", NULL }, "--kpi" },
    { { "kolada", "fetch", sample, "--kpi", "N31807", NULL }, "--municipality" },
    { { "kolada", "fetch", sample, "--kpi", "31807", "--municipality", "1861", NULL },
      "“31807” is not a Kolada KPI id" },
    { { "kolada", "fetch", sample, "--kpi", "N31807,NX1807", "--municipality", "1861", NULL },
      "“NX1807”" },
    { { "kolada", "fetch", sample, "--kpi", "N31807", "--municipality", "186", NULL },
      "“186” is not a municipality" },
    { { "kolada", "fetch", sample, "--kpi", "N31807", "--municipality", "G17x", NULL },
      "“G17x”" },
    { { "kolada", "fetch", sample, "--kpi", "N31807", "--municipality", "1861",
        "--years", "2023-2015", NULL }, "“2023-2015” is not a range of years" },
    { { "kolada", "fetch", sample, "--kpi", "N31807", "--municipality", "1861",
        "--base-url", "ftp://example.org", NULL }, "--base-url" },
    { { "kolada", "fetch", NULL }, NULL },
    { { "kolada", "values", sample, "--kpi", "bistånd", NULL }, "“bistånd” is not a Kolada KPI id" },
    { { "kolada", "import", sample, NULL }, NULL },
    { { "chart", NULL }, NULL },
    { { "chart", "list", NULL }, NULL },
    { { "chart", "rita", sample, NULL }, "unknown action" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(VerkanTestRun) run = { 0 };

      verkan_test_run_verkan (&run, NULL, cases[i].args);
      g_test_message ("%s %s: %s", cases[i].args[0], cases[i].args[1] ? cases[i].args[1] : "",
                      run.err);
      g_assert_cmpint (run.status, ==, 2);
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (run.err, cases[i].message));
    }
}

/* verkan doc add|list|search|extract on a new project */
static void
test_doc_commands (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-cli-doc-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "dok.verkan", NULL);
  g_autofree char *notes = g_build_filename (dir, "Minnesanteckningar.txt", NULL);
  g_autofree char *data = g_build_filename (dir, "Underlag.bin", NULL);
  g_autofree char *empty = g_build_filename (dir, "Tom.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "ut.bin", NULL);
  g_autofree char *written = NULL;
  g_autofree char *original = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize written_length = 0, original_length = 0;
  guchar bytes[5000];
  JsonArray *list;
  JsonObject *first, *second;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) (i * 7 + 3);
  g_file_set_contents (notes, "Möte i Hallsberg om åtgärder för ÖKAD försörjning\n", -1, &error);
  g_file_set_contents (data, (const char *) bytes, sizeof bytes, &error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "new", path, NULL });
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "add", path, notes, data,
                                                           "--kind", "minnesanteckningar",
                                                           "--municipality", "1861",
                                                           "--appendix", "1", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "as document 2"));
    g_assert_nonnull (strstr (run.err, "100 %"));
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "list", path, "--json", NULL });
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    list = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    first = json_array_get_object_element (list, 0);
    second = json_array_get_object_element (list, 1);
    g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Minnesanteckningar");
    g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "minutes");
    g_assert_cmpstr (json_object_get_string_member (first, "municipality"), ==, "1861");
    g_assert_cmpint (json_object_get_int_member (first, "appendix"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (second, "appendix"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (second, "size"), ==, sizeof bytes);
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "list", path, NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Hallsberg"));
    g_assert_nonnull (strstr (run.out, "5,0 kB"));
    g_assert_nonnull (strstr (run.out, "Appendix 2"));
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "search", path, "ökad", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Minnesanteckningar"));
    g_assert_nonnull (strstr (run.out, "»ÖKAD«"));
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "extract", path, "underlag",
                                                           "-o", out, NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_file_get_contents (out, &written, &written_length, &error);
    g_file_get_contents (data, &original, &original_length, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (written, written_length, original, original_length);
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "add", path, empty, NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is empty"));
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "add", path, notes, "--kind", "roman", NULL });
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "doc", "extract", path, "99", "-o", out, NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "No document"));
  }
  verkan_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/new-and-info", test_new_and_info);
  g_test_add_func ("/cli/sample-info", test_sample_info);
  g_test_add_func ("/cli/model-export-import", test_model_export_import);
  g_test_add_func ("/cli/usage-and-failure", test_usage_and_failure);
  g_test_add_func ("/cli/swedish", test_swedish);
  g_test_add_func ("/cli/kolada-search", test_kolada_search);
  g_test_add_func ("/cli/kolada-values", test_kolada_values);
  g_test_add_func ("/cli/kolada-fetch", test_kolada_fetch);
  g_test_add_func ("/cli/kolada-usage", test_kolada_usage);
  g_test_add_func ("/cli/chart-list", test_chart_list);
  g_test_add_func ("/cli/chart-render", test_chart_render);
  g_test_add_func ("/cli/doc-commands", test_doc_commands);
  return g_test_run ();
}
