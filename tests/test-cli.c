/* test-cli.c: the verkan binary without a display: subcommands, output,
 * exit codes (0 ok, 1 failed, 2 usage) and messages in the user's language */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
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
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), ==, 4);
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/new-and-info", test_new_and_info);
  g_test_add_func ("/cli/sample-info", test_sample_info);
  g_test_add_func ("/cli/model-export-import", test_model_export_import);
  g_test_add_func ("/cli/usage-and-failure", test_usage_and_failure);
  g_test_add_func ("/cli/swedish", test_swedish);
  return g_test_run ();
}
