/* test-project.c: the project file: creation, refusal of bad files,
 * migrations, edits with undo and redo, transactions, locking, copies */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "verkan-test-util.h"
#include "verkan-project.h"
#include "verkan-record-list.h"
#include "verkan-model-snapshot.h"
#include "verkan-schema.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("verkan-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "projekt.verkan", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
sql_run (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static VerkanProject *
create_project (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  VerkanProject *project = verkan_project_create (f->path, "Bättre förutsättningar", &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static gint64
add_goal (VerkanProject *project, const char *kind, const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariantDict row;
  gint64 id;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "kind", "s", kind);
  g_variant_dict_insert (&row, "text", "s", text);
  id = verkan_project_insert (project, "goal", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_create_and_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *version = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *uuid = NULL;

  g_assert_false (verkan_project_get_read_only (project));
  g_assert_cmpint (verkan_project_get_schema_version (project), ==, VERKAN_SCHEMA_VERSION);
  g_clear_object (&project);

  /* closed cleanly: no -wal left beside the file */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  title = verkan_test_sql_text (f->path, "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "Bättre förutsättningar");
  version = verkan_test_sql_text (f->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, VERKAN_SCHEMA_VERSION);
  app_id = verkan_test_sql_text (f->path, "PRAGMA application_id");
  g_assert_cmpint (atoi (app_id), ==, VERKAN_APPLICATION_ID);
  uuid = verkan_test_sql_text (f->path, "SELECT uuid FROM project");
  g_assert_true (g_uuid_string_is_valid (uuid));

  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = verkan_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Bättre förutsättningar");

  /* create never overwrites */
  g_assert_null (verkan_project_create (f->path, "x", &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS);
}

static void
assert_refused (const char *path, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);

  g_assert_null (project);
  g_assert_error (error, VERKAN_PROJECT_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("refused as expected: %s", error->message);
}

static void
test_refuse_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *other = g_build_filename (f->dir, "annat.verkan", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  assert_refused (f->path, VERKAN_PROJECT_ERROR_NOT_FOUND);

  g_file_set_contents (other, "", 0, NULL);
  assert_refused (other, VERKAN_PROJECT_ERROR_NOT_A_PROJECT);

  g_file_set_contents (other, "Kära styrgrupp,\nhär kommer rapporten.\n", -1, NULL);
  assert_refused (other, VERKAN_PROJECT_ERROR_NOT_A_PROJECT);

  /* a real SQLite database, but someone else's */
  g_unlink (other);
  sql_run (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused (other, VERKAN_PROJECT_ERROR_NOT_A_PROJECT);

  /* a project written by a future Verkan */
  {
    g_autoptr(VerkanProject) project = create_project (f);
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 200; i++)
      add_goal (project, "project-goal", "Ett mål med en lång text som fyller sidor i filen.");
    verkan_project_save_copy (project, other, &error);
    g_assert_no_error (error);
  }
  sql_run (other, "PRAGMA user_version = 99");
  assert_refused (other, VERKAN_PROJECT_ERROR_TOO_NEW);
  {
    g_autofree char *version = verkan_test_sql_text (other, "PRAGMA user_version");
    g_assert_cmpstr (version, ==, "99");  /* and left alone */
  }

  /* cut short, as by an interrupted copy */
  {
    g_autofree char *current = g_strdup_printf ("PRAGMA user_version = %d", VERKAN_SCHEMA_VERSION);
    sql_run (other, current);
  }
  g_assert_true (g_file_get_contents (other, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  g_file_set_contents (other, contents, length / 2, NULL);
  assert_refused (other, VERKAN_PROJECT_ERROR_CORRUPT);

  /* damaged in the middle: pages overwritten with noise */
  for (gsize i = 4096; i < length - 4096; i++)
    contents[i] = (char) (i * 7919 % 251);
  g_file_set_contents (other, contents, length, NULL);
  assert_refused (other, VERKAN_PROJECT_ERROR_CORRUPT);

  /* a folder is not a project */
  assert_refused (f->dir, VERKAN_PROJECT_ERROR_NOT_A_PROJECT);
}

static void
test_migrate_from_older (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *stamp = g_strdup_printf ("PRAGMA application_id = %d;", VERKAN_APPLICATION_ID);
  g_autofree char *clash = g_strdup_printf ("PRAGMA application_id = %d; "
                                            "CREATE TABLE person (id INTEGER PRIMARY KEY);",
                                            VERKAN_APPLICATION_ID);

  /* A file at schema 0 (stamped, no tables).  Read-only, it is migrated in
   * memory only: it opens, and the file keeps its version. */
  sql_run (f->path, stamp);
  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verkan_project_get_schema_version (project), ==, VERKAN_SCHEMA_VERSION);
  g_assert_cmpint (verkan_project_count (project, "goal"), ==, 0);
  g_clear_object (&project);
  version = verkan_test_sql_text (f->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "0");
  g_clear_pointer (&version, g_free);

  /* Writable, it is migrated in the file, step by step */
  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (verkan_project_get_read_only (project));
  g_clear_object (&project);
  version = verkan_test_sql_text (f->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, VERKAN_SCHEMA_VERSION);
  g_clear_pointer (&version, g_free);

  /* A migration that fails rolls back whole: nothing half-migrated stays */
  g_unlink (f->path);
  sql_run (f->path, clash);
  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  version = verkan_test_sql_text (f->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "0");
  g_clear_pointer (&version, g_free);
  version = verkan_test_sql_text (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'goal'");
  g_assert_cmpstr (version, ==, "0");
}

/* A file written by the first release (schema 1) gains the logic-model
 * tables and keeps everything it had */
static void
test_migrate_from_schema_1 (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *text = NULL;
  gint64 model;
  GVariantDict row;

  add_goal (project, "project-goal", "Ett mål från version 1");
  g_clear_object (&project);
  /* what schemas 2 to 6 added, taken away again */
  sql_run (f->path, "DROP TABLE report_reference; DROP TABLE report_section; "
                    "DROP TRIGGER document_fts_insert; DROP TRIGGER document_fts_delete; "
                    "DROP TRIGGER document_fts_update; DROP TABLE document_fts; "
                    "DROP TABLE appendix; DROP TABLE evidence; DROP TABLE document; "
                    "DROP TABLE blob_text; DROP TABLE blob_part; DROP TABLE blob; "
                    "DROP TABLE chart; DROP TABLE own_value; DROP TABLE own_measure; "
                    "DROP TABLE kolada_group; DROP TABLE kolada_fetch; DROP TABLE kolada_value; "
                    "DROP TABLE kolada_kpi; DROP TABLE model_exchange; "
                    "DROP TABLE model_version; DROP TABLE indicator; DROP TABLE model_link; "
                    "DROP TABLE model_element; DROP TABLE logic_model; PRAGMA user_version = 1;");

  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verkan_project_get_schema_version (project), ==, VERKAN_SCHEMA_VERSION);
  text = verkan_test_sql_text (f->path, "SELECT text FROM goal");
  g_assert_cmpstr (text, ==, "Ett mål från version 1");

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Nora");
  model = verkan_project_insert (project, "logic_model", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
  g_assert_cmpint (model, >, 0);
  version = verkan_test_sql_text (f->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, VERKAN_SCHEMA_VERSION);
}

/* Cards are numbered per model and column, and removing a model takes its
 * cards, links and indicators with it, all of which undo brings back */
static void
test_model_tree (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *positions = NULL;
  g_autofree char *counts = NULL;
  gint64 model, a, b, c;
  GVariantDict row;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Hallsberg");
  model = verkan_project_insert (project, "logic_model", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);

#define CARD(var, column, title) \
  g_variant_dict_init (&row, NULL); \
  g_variant_dict_insert (&row, "model_id", "x", model); \
  g_variant_dict_insert (&row, "column_kind", "s", column); \
  g_variant_dict_insert (&row, "title", "s", title); \
  var = verkan_project_insert (project, "model_element", g_variant_dict_end (&row), &error); \
  g_assert_no_error (error)
  CARD (a, "activities", "Kartläggning");
  CARD (b, "activities", "Workshop");
  CARD (c, "outputs", "Nulägesrapport");
#undef CARD

  positions = verkan_test_sql_text (f->path, "SELECT group_concat(title || '=' || position, ' ') FROM "
                                 "(SELECT * FROM model_element ORDER BY id)");
  g_assert_cmpstr (positions, ==, "Kartläggning=0 Workshop=1 Nulägesrapport=0");
  g_clear_pointer (&positions, g_free);

  g_assert_true (verkan_project_move (project, "model_element", b, 0, &error));
  positions = verkan_test_sql_text (f->path, "SELECT group_concat(title || '=' || position, ' ') FROM "
                                 "(SELECT * FROM model_element ORDER BY id)");
  g_assert_cmpstr (positions, ==, "Kartläggning=1 Workshop=0 Nulägesrapport=0");

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "from_id", "x", a);
  g_variant_dict_insert (&row, "to_id", "x", c);
  g_variant_dict_insert (&row, "rationale", "s", "Om nuläget är känt kan det beskrivas");
  verkan_project_insert (project, "model_link", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "element_id", "x", c);
  g_variant_dict_insert (&row, "name", "s", "Andel med långvarigt bistånd");
  g_variant_dict_insert (&row, "kolada_kpi", "s", "N31816");
  verkan_project_insert (project, "indicator", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);

  /* the snapshot the layout, the checks and the drawing read */
  {
    g_autoptr(VerkanModelSnapshot) snapshot = verkan_model_snapshot_load (project, model, &error);
    VerkanModelElement *first, *output;

    g_assert_no_error (error);
    g_assert_cmpstr (snapshot->title, ==, "Logikmodell för Hallsberg");
    g_assert_null (snapshot->municipality);
    g_assert_cmpuint (snapshot->elements->len, ==, 3);
    first = g_ptr_array_index (snapshot->elements, 0);
    g_assert_cmpstr (first->title, ==, "Workshop");   /* activities, moved first */
    output = g_ptr_array_index (snapshot->elements, 2);
    g_assert_cmpint (output->column, ==, VERKAN_MODEL_COLUMN_OUTPUTS);
    g_assert_cmpuint (output->n_indicators, ==, 1);
    g_assert_cmpuint (snapshot->links->len, ==, 1);
    g_assert_cmpstr (((VerkanModelIndicator *) g_ptr_array_index (snapshot->indicators, 0))->kolada_kpi,
                     ==, "N31816");
    g_assert_false (((VerkanModelIndicator *) g_ptr_array_index (snapshot->indicators, 0))->has_target_value);
  }

  g_assert_true (verkan_project_delete (project, "logic_model", model, &error));
  counts = verkan_test_sql_text (f->path, "SELECT (SELECT count(*) FROM logic_model) || (SELECT count(*) FROM model_element) "
                              "|| (SELECT count(*) FROM model_link) || (SELECT count(*) FROM indicator)");
  g_assert_cmpstr (counts, ==, "0000");
  g_clear_pointer (&counts, g_free);

  g_assert_true (verkan_project_undo (project, &error));
  counts = verkan_test_sql_text (f->path, "SELECT (SELECT count(*) FROM logic_model) || (SELECT count(*) FROM model_element) "
                              "|| (SELECT count(*) FROM model_link) || (SELECT count(*) FROM indicator)");
  g_assert_cmpstr (counts, ==, "1311");
  g_clear_pointer (&counts, g_free);
  counts = verkan_test_sql_text (f->path, "PRAGMA foreign_key_check");
  g_assert_null (counts);
}

static void
test_edit_undo_redo (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 goal;

  goal = add_goal (project, "project-goal", "Kommunerna har ett samlat nuläge.");
  g_assert_true (verkan_project_get_can_undo (project));
  g_assert_cmpstr (verkan_project_get_undo_label (project), ==, "Add goal");

  g_assert_true (verkan_project_set_value (project, "goal", goal, "status",
                                           g_variant_new_string ("partly-achieved"), &error));
  g_assert_no_error (error);
  value = verkan_test_sql_text (f->path, "SELECT status FROM goal");
  g_assert_cmpstr (value, ==, "partly-achieved");
  g_clear_pointer (&value, g_free);

  /* survey counts: set, then clear back to NULL */
  g_assert_true (verkan_project_set_value (project, "goal", goal, "survey_full",
                                           g_variant_new_int64 (3), &error));
  g_assert_true (verkan_project_set_value (project, "goal", goal, "survey_full", NULL, &error));
  value = verkan_test_sql_text (f->path, "SELECT survey_full FROM goal");
  g_assert_null (value);

  /* the two survey edits merged into one step: one undo restores... NULL */
  g_assert_true (verkan_project_undo (project, &error));
  value = verkan_test_sql_text (f->path, "SELECT survey_full FROM goal");
  g_assert_null (value);
  g_assert_true (verkan_project_undo (project, &error));
  value = verkan_test_sql_text (f->path, "SELECT status FROM goal");
  g_assert_cmpstr (value, ==, "not-assessed");
  g_clear_pointer (&value, g_free);

  g_assert_true (verkan_project_redo (project, &error));
  value = verkan_test_sql_text (f->path, "SELECT status FROM goal");
  g_assert_cmpstr (value, ==, "partly-achieved");
  g_clear_pointer (&value, g_free);

  /* a new edit drops the redo branch */
  g_assert_true (verkan_project_get_can_redo (project));
  g_assert_true (verkan_project_set_value (project, "goal", goal, "outcome",
                                           g_variant_new_string ("Delvis uppnått."), &error));
  g_assert_false (verkan_project_get_can_redo (project));

  /* undo everything, down to the empty project */
  while (verkan_project_get_can_undo (project))
    g_assert_true (verkan_project_undo (project, &error));
  g_assert_cmpint (verkan_project_count (project, "goal"), ==, 0);
  g_assert_false (verkan_project_undo (project, &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  /* and redo it all: the same row, the same id, the same uuid */
  while (verkan_project_get_can_redo (project))
    g_assert_true (verkan_project_redo (project, &error));
  value = verkan_test_sql_text (f->path, "SELECT id || ' ' || status || ' ' || outcome FROM goal");
  g_assert_cmpstr (value, ==, "1 partly-achieved Delvis uppnått.");
}

static void
test_typing_merges (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *typed[] = { "B", "Bä", "Bät", "Bättre" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    g_assert_true (verkan_project_set_value (project, "project", 1, "title",
                                             g_variant_new_string (typed[i]), &error));
  /* another field starts a new step */
  g_assert_true (verkan_project_set_value (project, "project", 1, "dnr",
                                           g_variant_new_string ("RÖL 21-0042"), &error));
  g_assert_true (verkan_project_undo (project, &error));
  title = verkan_test_sql_text (f->path, "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "Bättre");
  g_clear_pointer (&title, g_free);
  g_assert_true (verkan_project_undo (project, &error));
  title = verkan_test_sql_text (f->path, "SELECT title FROM project");
  g_assert_cmpstr (title, ==, "Bättre förutsättningar");
  g_assert_false (verkan_project_get_can_undo (project));
}

static void
test_failed_edit_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(VerkanCommand) command = verkan_command_new ("Two steps");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 goal = add_goal (project, "effect-goal", "Fler går till arbete.");

  /* a value the schema refuses */
  g_assert_false (verkan_project_set_value (project, "goal", goal, "status",
                                            g_variant_new_string ("kanske"), &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* the first step is fine, the second is not: neither may stay */
  verkan_command_update (command, "goal", goal, "text", g_variant_new_string ("Ändrad"));
  verkan_command_update (command, "goal", goal, "survey_not", g_variant_new_int64 (-1));
  g_assert_false (verkan_project_execute (project, command, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  value = verkan_test_sql_text (f->path, "SELECT text || '|' || status FROM goal");
  g_assert_cmpstr (value, ==, "Fler går till arbete.|not-assessed");
  g_assert_cmpstr (verkan_project_get_undo_label (project), ==, "Add goal");

  /* no edits outside the known tables and columns */
  g_assert_false (verkan_project_set_value (project, "sqlite_schema", 1, "sql",
                                            g_variant_new_string ("x"), &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (verkan_project_set_value (project, "goal", goal, "no_such_column",
                                            g_variant_new_string ("x"), &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
}

static GStrv
goal_texts (VerkanProject *project, const char *kind)
{
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "goal", "kind",
                                                        g_variant_new_string (kind), NULL);
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      const char *text = NULL;
      g_variant_lookup (g_ptr_array_index (rows, i), "text", "&s", &text);
      g_strv_builder_add (texts, text);
    }
  return g_strv_builder_end (texts);
}

static void
test_insert_move_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = NULL;
  gint64 a, b, c;

  a = add_goal (project, "project-goal", "A");
  add_goal (project, "effect-goal", "E");
  b = add_goal (project, "project-goal", "B");
  c = add_goal (project, "project-goal", "C");

  /* positions are per kind */
  texts = goal_texts (project, "project-goal");
  g_assert_cmpstrv (texts, ((const char *[]) { "A", "B", "C", NULL }));
  g_clear_pointer (&texts, g_strfreev);

  g_assert_true (verkan_project_move (project, "goal", c, 0, &error));
  texts = goal_texts (project, "project-goal");
  g_assert_cmpstrv (texts, ((const char *[]) { "C", "A", "B", NULL }));
  g_clear_pointer (&texts, g_strfreev);
  g_assert_cmpstr (verkan_project_get_undo_label (project), ==, "Reorder goals");

  g_assert_true (verkan_project_delete (project, "goal", a, &error));
  texts = goal_texts (project, "project-goal");
  g_assert_cmpstrv (texts, ((const char *[]) { "C", "B", NULL }));
  g_clear_pointer (&texts, g_strfreev);

  g_assert_true (verkan_project_undo (project, &error));
  g_assert_true (verkan_project_undo (project, &error));
  texts = goal_texts (project, "project-goal");
  g_assert_cmpstrv (texts, ((const char *[]) { "A", "B", "C", NULL }));
  g_clear_pointer (&texts, g_strfreev);
  texts = goal_texts (project, "effect-goal");
  g_assert_cmpstrv (texts, ((const char *[]) { "E", NULL }));
  (void) b;
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, GString *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
test_record_list_follows (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(VerkanRecordList) list = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanRecord) first = NULL;
  g_autoptr(VerkanRecord) again = NULL;
  guint changed = 0;
  gint64 a, b;

  a = add_goal (project, "project-goal", "A");
  b = add_goal (project, "project-goal", "B");
  add_goal (project, "effect-goal", "E");

  list = verkan_record_list_new (project, "goal", "kind", g_variant_new_string ("project-goal"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), log);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect_swapped (first, "changed::text", G_CALLBACK (g_atomic_int_inc), &changed);

  /* an edit updates the record in place: no items-changed */
  g_assert_true (verkan_project_set_value (project, "goal", a, "text", g_variant_new_string ("A2"), &error));
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (verkan_record_get_string (first, "text"), ==, "A2");

  /* an insert at the end announces just that row */
  add_goal (project, "project-goal", "C");
  g_assert_cmpstr (log->str, ==, "2-0+1;");

  /* a move announces the span that moved, and rows keep their objects */
  g_assert_true (verkan_project_move (project, "goal", b, 0, &error));
  g_assert_cmpstr (log->str, ==, "2-0+1;0-2+2;");
  again = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (again == first);

  /* edits of other kinds of goal do not reach this list */
  g_string_truncate (log, 0);
  add_goal (project, "effect-goal", "F");
  g_assert_cmpstr (log->str, ==, "");
}

static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_clear_object (&project);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_project_get_read_only (project));
  g_assert_cmpint (verkan_project_get_read_only_reason (project), ==, VERKAN_READ_ONLY_PERMISSION);
  g_assert_false (verkan_project_set_value (project, "project", 1, "title",
                                            g_variant_new_string ("Nej"), &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  title = verkan_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Bättre förutsättningar");
  g_clear_object (&project);

  /* in a folder nobody may write to, it still opens */
  g_chmod (f->dir, 0555);
  project = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_project_get_read_only (project));
  g_clear_pointer (&title, g_free);
  title = verkan_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Bättre förutsättningar");
  g_chmod (f->dir, 0755);
}

static void
test_locked_by_another (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) first = create_project (f);
  g_autoptr(VerkanProject) second = NULL;
  g_autoptr(VerkanProject) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  second = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_project_get_read_only (second));
  g_assert_cmpint (verkan_project_get_read_only_reason (second), ==, VERKAN_READ_ONLY_LOCKED);

  /* the reader sees what the writer commits */
  g_assert_true (verkan_project_set_value (first, "project", 1, "title",
                                           g_variant_new_string ("Nytt namn"), &error));
  title = verkan_project_dup_title (second);
  g_assert_cmpstr (title, ==, "Nytt namn");

  g_clear_object (&first);
  g_clear_object (&second);
  third = verkan_project_open (f->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (verkan_project_get_read_only (third));
}

static void
on_copy_done (GObject *source, GAsyncResult *result, gpointer data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_save_copy_finish (VERKAN_PROJECT (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_save_copy (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) project = create_project (f);
  g_autoptr(VerkanProject) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "kopia.verkan", NULL);
  g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
  g_autofree char *mode = NULL;
  g_autofree char *text = NULL;
  gboolean done = FALSE;

  add_goal (project, "project-goal", "Kopierat mål");
  verkan_project_save_copy_async (project, dest, NULL, on_copy_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  mode = verkan_test_sql_text (dest, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "delete");
  text = verkan_test_sql_text (dest, "SELECT text FROM goal");
  g_assert_cmpstr (text, ==, "Kopierat mål");

  copy = verkan_project_open (dest, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (verkan_project_get_read_only (copy));
  g_assert_cmpint (verkan_project_count (copy, "goal"), ==, 1);

  g_assert_false (verkan_project_save_copy (project, f->path, &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/project/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-and-reopen", test_create_and_reopen);
  ADD ("refuse-bad-files", test_refuse_bad_files);
  ADD ("migrate-from-older", test_migrate_from_older);
  ADD ("migrate-from-schema-1", test_migrate_from_schema_1);
  ADD ("model-tree", test_model_tree);
  ADD ("edit-undo-redo", test_edit_undo_redo);
  ADD ("typing-merges", test_typing_merges);
  ADD ("failed-edit-changes-nothing", test_failed_edit_changes_nothing);
  ADD ("insert-move-delete", test_insert_move_delete);
  ADD ("record-list-follows", test_record_list_follows);
  ADD ("read-only-file", test_read_only_file);
  ADD ("locked-by-another", test_locked_by_another);
  ADD ("save-copy", test_save_copy);
#undef ADD

  return g_test_run ();
}
