/* test-model-exchange.c: "Skicka till kommun": the exchange file holds one
 * model with its UUIDs and the indicator catalog; the returned file merges
 * by UUID into added, edited and removed cards, links and indicators,
 * conflicts are found and left alone unless chosen, and applying is one
 * undo step */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "verkan-test-util.h"
#include "verkan-model-exchange.h"
#include "verkan-project.h"

typedef struct {
  char          *dir;
  char          *path;      /* the project */
  char          *sent;      /* the exchange file */
  VerkanProject *project;
  gint64         model;     /* the model sent */
  gint64         other;     /* another model, not sent */
  gint64         c[6];      /* cards 1–5 of the model; c[0] unused */
  gint64         l[4];      /* links 1–3 */
  gint64         i[3];      /* indicators 1–2 */
} Fixture;

/* --- helpers ------------------------------------------------------------- */

static GVariant *
make_row (const char *first, ...)
{
  GVariantDict dict;
  va_list args;

  g_variant_dict_init (&dict, NULL);
  va_start (args, first);
  for (const char *key = first; key != NULL; key = va_arg (args, const char *))
    g_variant_dict_insert_value (&dict, key, va_arg (args, GVariant *));
  va_end (args);
  return g_variant_dict_end (&dict);
}

#define S(s) g_variant_new_string (s)
#define X(x) g_variant_new_int64 (x)
#define D(d) g_variant_new_double (d)

static gint64
insert (VerkanProject *project, const char *table, GVariant *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id = verkan_project_insert (project, table, row, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set (VerkanProject *project, const char *table, gint64 id, const char *column, GVariant *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_set_value (project, table, id, column, value, &error));
  g_assert_no_error (error);
}

static void
delete_row (VerkanProject *project, const char *table, gint64 id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_delete (project, table, id, &error));
  g_assert_no_error (error);
}

static gint64
card (Fixture *f, gint64 model, const char *column, const char *title)
{
  return insert (f->project, "model_element",
                 make_row ("model_id", X (model), "column_kind", S (column),
                           "title", S (title), NULL));
}

static gint64
add_link (VerkanProject *project, gint64 model, gint64 from, gint64 to, const char *rationale)
{
  return insert (project, "model_link",
                 make_row ("model_id", X (model), "from_id", X (from), "to_id", X (to),
                           "rationale", S (rationale), NULL));
}

static char *
sql (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);

static char *
sql (const char *path, const char *format, ...)
{
  g_autofree char *query = NULL;
  va_list args;

  va_start (args, format);
  query = g_strdup_vprintf (format, args);
  va_end (args);
  return verkan_test_sql_text (path, query);
}

static int
sql_int (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);

static int
sql_int (const char *path, const char *format, ...)
{
  g_autofree char *query = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  query = g_strdup_vprintf (format, args);
  va_end (args);
  text = verkan_test_sql_text (path, query);
  return text ? atoi (text) : -1;
}

static char *
uuid_of (Fixture *f, const char *table, gint64 id)
{
  return sql (f->path, "SELECT uuid FROM %s WHERE id = %" G_GINT64_FORMAT, table, id);
}

/* A project with two municipalities and two models; the first has five
 * cards in a chain, with indicators on two of them */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("verkan-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "projekt.verkan", NULL);
  f->sent = g_build_filename (f->dir, "Nora.verkan", NULL);
  f->project = verkan_project_create (f->path, "Bättre förutsättningar", &error);
  g_assert_no_error (error);

  insert (f->project, "municipality", make_row ("code", S ("1885"), "name", S ("Lekeberg"), NULL));
  insert (f->project, "municipality", make_row ("code", S ("1884"), "name", S ("Nora"), NULL));
  f->other = insert (f->project, "logic_model", make_row ("title", S ("Lekeberg"), NULL));
  f->model = insert (f->project, "logic_model",
                     make_row ("title", S ("Logikmodell för Nora"), "municipality", S ("1884"),
                               "date", S ("2022-06-15"), NULL));

  f->c[1] = card (f, f->model, "resources", "Personal");
  f->c[2] = card (f, f->model, "activities", "Coachning");
  f->c[3] = card (f, f->model, "outputs", "Deltagare");
  f->c[4] = card (f, f->model, "short-term-effects", "Fler i arbete");
  f->c[5] = card (f, f->model, "goals", "Extra");
  f->l[1] = add_link (f->project, f->model, f->c[1], f->c[2], "Om personal finns");
  f->l[2] = add_link (f->project, f->model, f->c[2], f->c[3], "Om coachning ges");
  f->l[3] = add_link (f->project, f->model, f->c[3], f->c[4], "Om de deltar");
  f->i[1] = insert (f->project, "indicator",
                    make_row ("element_id", X (f->c[4]), "name", S ("Andel i arbete"),
                              "unit", S ("procent"), "kolada_kpi", S ("N00914"),
                              "baseline_value", D (40), "baseline_year", X (2021),
                              "target_value", D (50), "target_year", X (2023), NULL));
  f->i[2] = insert (f->project, "indicator",
                    make_row ("element_id", X (f->c[3]), "name", S ("Antal deltagare"),
                              "unit", S ("personer"), "source", S ("Egen uppföljning"), NULL));
  /* an indicator of the other model, for the catalog */
  insert (f->project, "indicator",
          make_row ("element_id", X (card (f, f->other, "goals", "Mål")),
                    "name", S ("Ekonomiskt bistånd"), "unit", S ("hushåll"),
                    "higher_is_better", X (0), NULL));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->project);
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->sent);
}

static void
export (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_model_exchange_export (f->project, f->model, f->sent, &error));
  g_assert_no_error (error);
}

static VerkanModelChange *
find_change (GPtrArray *changes, VerkanModelChangeKind kind, const char *uuid, const char *field)
{
  VerkanModelChange *found = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      VerkanModelChange *change = g_ptr_array_index (changes, i);

      if (change->kind == kind && g_strcmp0 (change->uuid, uuid) == 0 &&
          g_strcmp0 (change->field, field) == 0)
        {
          g_assert_null (found);
          found = change;
        }
    }
  return found;
}

/* --- tests --------------------------------------------------------------- */

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanProject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *catalog = NULL;
  g_autofree char *wal = g_strconcat (f->sent, "-wal", NULL);
  g_autofree char *partial = g_strconcat (f->sent, ".part", NULL);
  g_autofree char *model_uuid = uuid_of (f, "logic_model", f->model);
  gint64 model_id = 0;
  JsonArray *entries;
  gboolean found_other = FALSE;

  g_assert_false (verkan_model_exchange_is_exchange_file (f->project, &model_id));
  g_assert_null (verkan_model_exchange_dup_indicator_catalog (f->project));

  /* an existing file is replaced, whole */
  g_assert_true (g_file_set_contents (f->sent, "gammalt", -1, NULL));
  export (f);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* only that model, with its rows as they were: UUIDs, positions, values */
  g_assert_cmpint (sql_int (f->sent, "SELECT count(*) FROM logic_model"), ==, 1);
  g_assert_cmpint (sql_int (f->sent, "SELECT count(*) FROM model_element"), ==, 5);
  g_assert_cmpint (sql_int (f->sent, "SELECT count(*) FROM model_link"), ==, 3);
  g_assert_cmpint (sql_int (f->sent, "SELECT count(*) FROM indicator"), ==, 2);
  g_assert_cmpint (sql_int (f->sent, "SELECT count(*) FROM municipality"), ==, 2);
  {
    g_autofree char *sent_uuid = sql (f->sent, "SELECT uuid FROM logic_model");
    g_autofree char *title = sql (f->sent, "SELECT title FROM project");
    g_autofree char *ours = sql (f->path, "SELECT group_concat(uuid || column_kind || position || "
                                          "title, ',') FROM (SELECT * FROM model_element "
                                          "WHERE model_id = %" G_GINT64_FORMAT " ORDER BY uuid)",
                                 f->model);
    g_autofree char *theirs = sql (f->sent, "SELECT group_concat(uuid || column_kind || position || "
                                            "title, ',') FROM (SELECT * FROM model_element ORDER BY uuid)");
    g_autofree char *our_links = sql (f->path, "SELECT group_concat(l.uuid || a.uuid || b.uuid || "
                                               "l.rationale, ',') FROM (SELECT * FROM model_link "
                                               "ORDER BY uuid) AS l JOIN model_element AS a ON "
                                               "a.id = l.from_id JOIN model_element AS b ON b.id = l.to_id");
    g_autofree char *their_links = sql (f->sent, "SELECT group_concat(l.uuid || a.uuid || b.uuid || "
                                                 "l.rationale, ',') FROM (SELECT * FROM model_link "
                                                 "ORDER BY uuid) AS l JOIN model_element AS a ON "
                                                 "a.id = l.from_id JOIN model_element AS b ON b.id = l.to_id");
    g_autofree char *kpi = sql (f->sent, "SELECT kolada_kpi || ' ' || target_value FROM indicator "
                                         "WHERE name = 'Andel i arbete'");
    g_autofree char *project_uuid = sql (f->path, "SELECT uuid FROM project");
    g_autofree char *sent_project_uuid = sql (f->sent, "SELECT uuid FROM project");
    g_autofree char *from = sql (f->sent, "SELECT project_uuid FROM model_exchange");
    g_autofree char *base = sql (f->sent, "SELECT base FROM model_exchange");
    g_autofree char *mode = sql (f->sent, "PRAGMA journal_mode");

    g_assert_cmpstr (sent_uuid, ==, model_uuid);
    g_assert_cmpstr (title, ==, "Bättre förutsättningar");
    g_assert_cmpstr (theirs, ==, ours);
    g_assert_cmpstr (their_links, ==, our_links);
    g_assert_cmpstr (kpi, ==, "N00914 50.0");
    /* a file of its own, that says where it came from */
    g_assert_cmpstr (sent_project_uuid, !=, project_uuid);
    g_assert_cmpstr (from, ==, project_uuid);
    g_assert_nonnull (strstr (base, model_uuid));
    g_assert_nonnull (strstr (base, "Coachning"));
    g_assert_cmpstr (mode, ==, "delete");
  }

  sent = verkan_project_open (f->sent, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_model_exchange_is_exchange_file (sent, &model_id));
  g_assert_cmpint (model_id, ==, f->model);

  /* the catalog: the indicators of the whole project */
  catalog = verkan_model_exchange_dup_indicator_catalog (sent);
  g_assert_nonnull (catalog);
  json_parser_load_from_data (parser, catalog, -1, &error);
  g_assert_no_error (error);
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "name"), "Ekonomiskt bistånd") == 0)
        {
          found_other = TRUE;
          g_assert_cmpstr (json_object_get_string_member (entry, "unit"), ==, "hushåll");
          g_assert_false (json_object_get_boolean_member (entry, "higher_is_better"));
          g_assert_true (json_object_get_null_member (entry, "kolada_kpi"));
        }
    }
  g_assert_true (found_other);

  /* the project's own file is never the target */
  g_assert_false (verkan_model_exchange_export (f->project, f->model, f->path, &error));
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  /* nor a model that does not exist */
  g_assert_false (verkan_model_exchange_export (f->project, 999, f->sent, &error));
  g_assert_nonnull (error);
  g_assert_true (verkan_model_exchange_is_exchange_file (sent, NULL));
}

/* What the municipality does with the file, and what the project leader
 * does meanwhile */
static void
edit_both_sides (Fixture *f, char **new_card_uuid)
{
  g_autoptr(VerkanProject) sent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 added;

  export (f);
  sent = verkan_project_open (f->sent, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* theirs (ids are kept in the exchange file) */
  set (sent, "model_element", f->c[1], "title", S ("Personal och lokaler"));
  set (sent, "model_element", f->c[2], "text", S ("Deras text"));
  delete_row (sent, "model_element", f->c[3]);   /* with link 2, 3 and indicator 2 */
  delete_row (sent, "model_element", f->c[5]);
  set (sent, "indicator", f->i[1], "target_value", D (60));
  set (sent, "model_link", f->l[1], "rationale", S ("Om personal och lokaler finns"));
  added = insert (sent, "model_element", make_row ("model_id", X (f->model), "column_kind",
                                                   S ("activities"), "title", S ("Arbetsträning"),
                                                   "status", S ("achieved"), NULL));
  insert (sent, "indicator", make_row ("element_id", X (added), "name", S ("Antal platser"),
                                       "unit", S ("platser"), "target_value", D (12), NULL));
  add_link (sent, f->model, added, f->c[4], "Om de tränar");
  /* a card moved to another column */
  set (sent, "model_element", f->c[2], "column_kind", S ("outputs"));
  *new_card_uuid = verkan_test_sql_text (f->sent, "SELECT uuid FROM model_element "
                                                  "WHERE title = 'Arbetsträning'");
  g_clear_object (&sent);

  /* ours */
  set (f->project, "model_element", f->c[2], "text", S ("Vår text"));
  set (f->project, "model_element", f->c[3], "responsible", S ("Socialtjänsten"));
  set (f->project, "model_element", f->c[4], "title", S ("Fler i egen försörjning"));
}

static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_uuid = NULL;
  g_autofree char *u1 = uuid_of (f, "model_element", f->c[1]);
  g_autofree char *u2 = uuid_of (f, "model_element", f->c[2]);
  g_autofree char *u3 = uuid_of (f, "model_element", f->c[3]);
  g_autofree char *u4 = uuid_of (f, "model_element", f->c[4]);
  g_autofree char *u5 = uuid_of (f, "model_element", f->c[5]);
  g_autofree char *ul1 = uuid_of (f, "model_link", f->l[1]);
  g_autofree char *ul2 = uuid_of (f, "model_link", f->l[2]);
  g_autofree char *ul3 = uuid_of (f, "model_link", f->l[3]);
  g_autofree char *ui1 = uuid_of (f, "indicator", f->i[1]);
  g_autofree char *ui2 = uuid_of (f, "indicator", f->i[2]);
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;
  const char *snapshot_sql = "SELECT group_concat(r, '|') FROM (SELECT uuid || title || text || "
                             "responsible || column_kind || position AS r FROM model_element UNION ALL "
                             "SELECT uuid || rationale || from_id || to_id FROM model_link UNION ALL "
                             "SELECT uuid || name || ifnull(target_value, '-') FROM indicator ORDER BY 1)";
  GPtrArray *changes;
  VerkanModelChange *change;

  edit_both_sides (f, &new_uuid);
  before = verkan_test_sql_text (f->path, snapshot_sql);

  merge = verkan_model_merge_new (f->project, f->sent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merge);
  g_assert_cmpstr (verkan_model_merge_get_title (merge), ==, "Logikmodell för Nora");
  changes = verkan_model_merge_get_changes (merge);
  for (guint i = 0; i < changes->len; i++)
    {
      change = g_ptr_array_index (changes, i);
      g_test_message ("%s%s", change->conflict ? "! " : "  ", change->description);
      g_assert_nonnull (change->description);
    }

  /* edited on their side only */
  change = find_change (changes, VERKAN_MODEL_CHANGE_EDITED, u1, "title");
  g_assert_nonnull (change);
  g_assert_false (change->conflict);
  g_assert_true (change->accepted);
  g_assert_cmpstr (change->table, ==, "model_element");
  g_assert_cmpstr (change->ours, ==, "Personal");
  g_assert_cmpstr (change->theirs, ==, "Personal och lokaler");
  g_assert_nonnull (strstr (change->description, "Personal"));

  /* edited on both sides, differently */
  change = find_change (changes, VERKAN_MODEL_CHANGE_EDITED, u2, "text");
  g_assert_nonnull (change);
  g_assert_true (change->conflict);
  g_assert_false (change->accepted);
  g_assert_cmpstr (change->ours, ==, "Vår text");
  g_assert_cmpstr (change->theirs, ==, "Deras text");

  /* edited on ours only: nothing to say */
  g_assert_null (find_change (changes, VERKAN_MODEL_CHANGE_EDITED, u4, "title"));

  /* removed on their side, edited on ours: a conflict */
  change = find_change (changes, VERKAN_MODEL_CHANGE_REMOVED, u3, NULL);
  g_assert_nonnull (change);
  g_assert_true (change->conflict);
  g_assert_false (change->accepted);
  /* removed on their side, untouched on ours */
  change = find_change (changes, VERKAN_MODEL_CHANGE_REMOVED, u5, NULL);
  g_assert_nonnull (change);
  g_assert_false (change->conflict);
  g_assert_true (change->accepted);
  g_assert_nonnull (find_change (changes, VERKAN_MODEL_CHANGE_REMOVED, ul2, NULL));
  g_assert_nonnull (find_change (changes, VERKAN_MODEL_CHANGE_REMOVED, ul3, NULL));
  change = find_change (changes, VERKAN_MODEL_CHANGE_REMOVED, ui2, NULL);
  g_assert_nonnull (change);
  g_assert_cmpstr (change->table, ==, "indicator");

  /* added: the card, its indicator and its link */
  change = find_change (changes, VERKAN_MODEL_CHANGE_ADDED, new_uuid, NULL);
  g_assert_nonnull (change);
  g_assert_true (change->accepted);
  g_assert_nonnull (strstr (change->description, "Arbetsträning"));

  /* indicator and link edits */
  change = find_change (changes, VERKAN_MODEL_CHANGE_EDITED, ui1, "target_value");
  g_assert_nonnull (change);
  g_assert_false (change->conflict);
  g_assert_cmpstr (change->ours, ==, "50");
  g_assert_cmpstr (change->theirs, ==, "60");
  change = find_change (changes, VERKAN_MODEL_CHANGE_EDITED, ul1, "rationale");
  g_assert_nonnull (change);
  g_assert_cmpstr (change->theirs, ==, "Om personal och lokaler finns");

  {
    guint added = 0, edited = 0, removed = 0;

    for (guint i = 0; i < changes->len; i++)
      {
        change = g_ptr_array_index (changes, i);
        added += change->kind == VERKAN_MODEL_CHANGE_ADDED;
        edited += change->kind == VERKAN_MODEL_CHANGE_EDITED;
        removed += change->kind == VERKAN_MODEL_CHANGE_REMOVED;
      }
    /* Arbetsträning, its indicator and link */
    g_assert_cmpuint (added, ==, 3);
    /* card 1 title, card 2 text and column, indicator 1 target, link 1 rationale */
    g_assert_cmpuint (edited, ==, 5);
    /* cards 3 and 5, links 2 and 3, indicator 2 */
    g_assert_cmpuint (removed, ==, 5);
  }
  g_assert_cmpuint (verkan_model_merge_count_conflicts (merge), ==, 2);

  /* apply what was not in conflict */
  g_assert_true (verkan_model_merge_apply (merge, &error));
  g_assert_no_error (error);
  {
    g_autofree char *t1 = sql (f->path, "SELECT title FROM model_element WHERE uuid = '%s'", u1);
    g_autofree char *t2 = sql (f->path, "SELECT text FROM model_element WHERE uuid = '%s'", u2);
    g_autofree char *t4 = sql (f->path, "SELECT title FROM model_element WHERE uuid = '%s'", u4);
    g_autofree char *r3 = sql (f->path, "SELECT responsible FROM model_element WHERE uuid = '%s'", u3);
    g_autofree char *target = sql (f->path, "SELECT target_value FROM indicator WHERE uuid = '%s'", ui1);
    g_autofree char *rationale = sql (f->path, "SELECT rationale FROM model_link WHERE uuid = '%s'", ul1);
    g_autofree char *added = sql (f->path, "SELECT column_kind || ' ' || status || ' ' || model_id "
                                           "FROM model_element WHERE uuid = '%s'", new_uuid);
    g_autofree char *indicator = sql (f->path, "SELECT i.name || ' ' || i.target_value FROM indicator "
                                               "AS i JOIN model_element AS e ON e.id = i.element_id "
                                               "WHERE e.uuid = '%s'", new_uuid);
    g_autofree char *new_link = sql (f->path, "SELECT l.rationale FROM model_link AS l JOIN "
                                              "model_element AS a ON a.id = l.from_id JOIN "
                                              "model_element AS b ON b.id = l.to_id WHERE "
                                              "a.uuid = '%s' AND b.uuid = '%s'", new_uuid, u4);
    g_autofree char *expected = g_strdup_printf ("activities achieved %" G_GINT64_FORMAT, f->model);

    g_assert_cmpstr (t1, ==, "Personal och lokaler");
    g_assert_cmpstr (t2, ==, "Vår text");                 /* the conflict kept ours */
    g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE uuid = '%s' AND "
                              "column_kind = 'outputs' AND position = 1", u2), ==, 1);
    g_assert_cmpstr (t4, ==, "Fler i egen försörjning");  /* ours alone */
    g_assert_cmpstr (r3, ==, "Socialtjänsten");           /* the conflict kept the card */
    g_assert_cmpstr (target, ==, "60.0");
    g_assert_cmpstr (rationale, ==, "Om personal och lokaler finns");
    g_assert_cmpstr (added, ==, expected);
    g_assert_cmpstr (indicator, ==, "Antal platser 12.0");
    g_assert_cmpstr (new_link, ==, "Om de tränar");
    g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE uuid = '%s'", u5), ==, 0);
    g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link WHERE uuid IN ('%s', '%s')",
                              ul2, ul3), ==, 0);
    g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator WHERE uuid = '%s'", ui2), ==, 0);
    /* the other model is untouched */
    g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE model_id = %"
                              G_GINT64_FORMAT, f->other), ==, 1);
  }

  /* one undo step */
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Merge returned logic model");
  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  after_undo = verkan_test_sql_text (f->path, snapshot_sql);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_true (verkan_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE uuid = '%s'",
                            new_uuid), ==, 1);
}

/* Choosing theirs in a conflict, and leaving an added card out */
static void
test_merge_choices (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_uuid = NULL;
  g_autofree char *u2 = uuid_of (f, "model_element", f->c[2]);
  g_autofree char *u3 = uuid_of (f, "model_element", f->c[3]);
  g_autofree char *text = NULL;
  GPtrArray *changes;

  edit_both_sides (f, &new_uuid);
  merge = verkan_model_merge_new (f->project, f->sent, &error);
  g_assert_no_error (error);
  changes = verkan_model_merge_get_changes (merge);

  find_change (changes, VERKAN_MODEL_CHANGE_EDITED, u2, "text")->accepted = TRUE;
  find_change (changes, VERKAN_MODEL_CHANGE_REMOVED, u3, NULL)->accepted = TRUE;
  find_change (changes, VERKAN_MODEL_CHANGE_ADDED, new_uuid, NULL)->accepted = FALSE;
  g_assert_true (verkan_model_merge_apply (merge, &error));
  g_assert_no_error (error);

  text = sql (f->path, "SELECT text FROM model_element WHERE uuid = '%s'", u2);
  g_assert_cmpstr (text, ==, "Deras text");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE uuid = '%s'", u3), ==, 0);
  /* the card left out takes its indicator and link along */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE uuid = '%s'",
                            new_uuid), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator WHERE name = 'Antal platser'"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link WHERE rationale = 'Om de tränar'"), ==, 0);
  /* the card moved to the outputs went last there, after card 3 */
  g_assert_cmpint (sql_int (f->path, "SELECT position FROM model_element WHERE uuid = '%s' AND "
                            "column_kind = 'outputs'", u2), ==, 1);
}

/* We removed a card, they changed its indicator: card, indicator and
 * link are offered back, as conflicts */
static void
test_merge_readd (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(VerkanProject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *u4 = uuid_of (f, "model_element", f->c[4]);
  g_autofree char *ui1 = uuid_of (f, "indicator", f->i[1]);
  g_autofree char *ul3 = uuid_of (f, "model_link", f->l[3]);
  g_autofree char *target = NULL;
  GPtrArray *changes;

  export (f);
  sent = verkan_project_open (f->sent, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  set (sent, "indicator", f->i[1], "target_value", D (65));
  g_clear_object (&sent);
  delete_row (f->project, "model_element", f->c[4]);

  merge = verkan_model_merge_new (f->project, f->sent, &error);
  g_assert_no_error (error);
  changes = verkan_model_merge_get_changes (merge);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (verkan_model_merge_count_conflicts (merge), ==, 3);
  for (guint i = 0; i < changes->len; i++)
    {
      VerkanModelChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpint (change->kind, ==, VERKAN_MODEL_CHANGE_ADDED);
      g_assert_false (change->accepted);
      change->accepted = TRUE;
    }
  g_assert_nonnull (find_change (changes, VERKAN_MODEL_CHANGE_ADDED, u4, NULL));
  g_assert_nonnull (find_change (changes, VERKAN_MODEL_CHANGE_ADDED, ui1, NULL));
  g_assert_nonnull (find_change (changes, VERKAN_MODEL_CHANGE_ADDED, ul3, NULL));
  g_assert_true (verkan_model_merge_apply (merge, &error));
  g_assert_no_error (error);
  target = sql (f->path, "SELECT i.target_value FROM indicator AS i JOIN model_element AS e "
                         "ON e.id = i.element_id WHERE e.uuid = '%s' AND i.uuid = '%s'", u4, ui1);
  g_assert_cmpstr (target, ==, "65.0");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link WHERE uuid = '%s'", ul3), ==, 1);
}

/* The returned file changes nothing: nothing to merge */
static void
test_merge_unchanged (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(GError) error = NULL;

  export (f);
  /* ours changed, theirs not: still nothing to take */
  set (f->project, "model_element", f->c[2], "text", S ("Vår text"));
  merge = verkan_model_merge_new (f->project, f->sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verkan_model_merge_get_changes (merge)->len, ==, 0);
  g_assert_cmpuint (verkan_model_merge_count_conflicts (merge), ==, 0);
  g_assert_true (verkan_model_merge_apply (merge, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), !=, "Merge returned logic model");
}

/* A model the project no longer has comes back as a new one */
static void
test_merge_new_model (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_uuid = uuid_of (f, "logic_model", f->model);
  g_autofree char *title = NULL;
  GPtrArray *changes;

  export (f);
  delete_row (f->project, "logic_model", f->model);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element"), ==, 1);

  merge = verkan_model_merge_new (f->project, f->sent, &error);
  g_assert_no_error (error);
  changes = verkan_model_merge_get_changes (merge);
  g_assert_cmpuint (changes->len, ==, 5 + 3 + 2);
  for (guint i = 0; i < changes->len; i++)
    {
      VerkanModelChange *change = g_ptr_array_index (changes, i);
      g_assert_cmpint (change->kind, ==, VERKAN_MODEL_CHANGE_ADDED);
      g_assert_true (change->accepted);
    }
  g_assert_true (verkan_model_merge_apply (merge, &error));
  g_assert_no_error (error);

  title = sql (f->path, "SELECT title || ' ' || municipality || ' ' || date FROM logic_model "
                        "WHERE uuid = '%s'", model_uuid);
  g_assert_cmpstr (title, ==, "Logikmodell för Nora 1884 2022-06-15");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element AS e JOIN logic_model AS m "
                            "ON m.id = e.model_id WHERE m.uuid = '%s'", model_uuid), ==, 5);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link"), ==, 3);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator"), ==, 3);
  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM logic_model WHERE uuid = '%s'",
                            model_uuid), ==, 0);
}

static void
test_not_an_exchange_file (Fixture *f, gconstpointer data)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "annat.verkan", NULL);
  g_autoptr(VerkanProject) plain = verkan_project_create (other, "Annat", &error);

  g_assert_no_error (error);
  g_clear_object (&plain);
  merge = verkan_model_merge_new (f->project, other, &error);
  g_assert_null (merge);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "annat.verkan"));
  g_clear_error (&error);

  merge = verkan_model_merge_new (f->project, "/nonexistent/x.verkan", &error);
  g_assert_null (merge);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/model-exchange/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("export", test_export);
  ADD ("merge", test_merge);
  ADD ("merge-choices", test_merge_choices);
  ADD ("merge-readd", test_merge_readd);
  ADD ("merge-unchanged", test_merge_unchanged);
  ADD ("merge-new-model", test_merge_new_model);
  ADD ("not-an-exchange-file", test_not_an_exchange_file);
#undef ADD
  return g_test_run ();
}
