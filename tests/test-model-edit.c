/* test-model-edit.c: the edits of a logic model that are one command each
 * (verkan-model-edit.h): new models from a template, duplicating, cards
 * added and moved, links, deleting, copy and paste (also into another
 * project file), frozen versions, and the XML form of a model read back.
 * Every edit is checked in the file itself, and undone and redone in one
 * step each. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "verkan-test-util.h"
#include "verkan-model-check.h"
#include "verkan-model-edit.h"
#include "verkan-model-snapshot.h"
#include "verkan-project.h"

/* Every row of the model tables, all columns, as one text: equal texts
 * are equal files as far as models go */
#define DUMP_SQL \
  "SELECT group_concat(r, char(10)) FROM (" \
  " SELECT 'M' || id || ' ' || uuid || ' ' || position || ' ' || quote(title) || ' ' ||" \
  "   quote(municipality) || ' ' || quote(date) || ' ' || template || ' ' ||" \
  "   show_assumptions || show_external AS r FROM logic_model" \
  " UNION ALL SELECT 'E' || id || ' ' || uuid || ' ' || model_id || ' ' || column_kind || ' ' ||" \
  "   position || ' ' || quote(title) || ' ' || quote(text) || ' ' || quote(responsible) || ' ' ||" \
  "   status || ' ' || pinned FROM model_element" \
  " UNION ALL SELECT 'L' || id || ' ' || uuid || ' ' || model_id || ' ' || from_id || '>' ||" \
  "   to_id || ' ' || quote(rationale) FROM model_link" \
  " UNION ALL SELECT 'I' || id || ' ' || uuid || ' ' || element_id || ' ' || position || ' ' ||" \
  "   quote(name) || ' ' || quote(unit) || ' ' || quote(kolada_kpi) || ' ' || quote(source) ||" \
  "   ' ' || quote(baseline_value) || ' ' || quote(baseline_year) || ' ' ||" \
  "   quote(target_value) || ' ' || quote(target_year) || ' ' || higher_is_better FROM indicator" \
  " UNION ALL SELECT 'V' || id || ' ' || uuid || ' ' || model_uuid || ' ' || quote(title) ||" \
  "   ' ' || date || ' ' || quote(content) FROM model_version" \
  " ORDER BY 1)"

typedef struct {
  char          *dir;
  char          *path;
  VerkanProject *project;
  gint64         model;       /* "Logikmodell för Nora", below */
  gint64         other;       /* a second model, for links across models */
  gint64         staff;       /* resources */
  gint64         survey;      /* activities 0 */
  gint64         workshop;    /* activities 1 */
  gint64         training;    /* activities 2 */
  gint64         report;      /* outputs */
  gint64         knowledge;   /* short-term effects, with an own measure */
  gint64         work;        /* goals, pinned, with a Kolada indicator */
  gint64         support;     /* assumptions band */
  gint64         other_card;  /* in the other model */
  gint64         staff_survey, survey_report, workshop_report, report_knowledge;
  gint64         knowledge_work, support_workshop;
} Fixture;

static gint64
insert (VerkanProject *project, const char *table, GVariantDict *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id = verkan_project_insert (project, table, g_variant_dict_end (row), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
insert_model (VerkanProject *project, const char *title)
{
  GVariantDict row;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", title);
  return insert (project, "logic_model", &row);
}

static gint64
insert_card (VerkanProject *project, gint64 model, const char *column, const char *title)
{
  GVariantDict row;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "column_kind", "s", column);
  g_variant_dict_insert (&row, "title", "s", title);
  return insert (project, "model_element", &row);
}

static gint64
insert_link (VerkanProject *project, gint64 model, gint64 from, gint64 to, const char *rationale)
{
  GVariantDict row;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "from_id", "x", from);
  g_variant_dict_insert (&row, "to_id", "x", to);
  g_variant_dict_insert (&row, "rationale", "s", rationale);
  return insert (project, "model_link", &row);
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
set_int (VerkanProject *project, const char *table, gint64 id, const char *column, gint64 value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_set_value (project, table, id, column,
                                           g_variant_new_int64 (value), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  VerkanProject *p;
  GVariantDict row;

  f->dir = g_dir_make_tmp ("verkan-model-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "modell.verkan", NULL);
  f->project = p = verkan_project_create (f->path, "Bättre förutsättningar", &error);
  g_assert_no_error (error);

  f->model = insert_model (p, "Logikmodell för Nora");
  set_text (p, "logic_model", f->model, "municipality", "1884");
  set_text (p, "logic_model", f->model, "date", "2022-06-15");
  set_int (p, "logic_model", f->model, "show_assumptions", 1);
  f->other = insert_model (p, "Logikmodell för Hällefors");

  f->staff = insert_card (p, f->model, "resources", "Projektledare 50 %");
  set_text (p, "model_element", f->staff, "text", "Halvtid under tre år,\nfinansierad av ESF");
  set_text (p, "model_element", f->staff, "responsible", "Socialtjänsten");
  f->survey = insert_card (p, f->model, "activities", "Kartläggning");
  f->workshop = insert_card (p, f->model, "activities", "Workshop <&> \"dialog\"");
  f->training = insert_card (p, f->model, "activities", "Utbildning");
  f->report = insert_card (p, f->model, "outputs", "Nulägesrapport");
  f->knowledge = insert_card (p, f->model, "short-term-effects", "Ökad kunskap");
  set_text (p, "model_element", f->knowledge, "status", "partly-achieved");
  f->work = insert_card (p, f->model, "goals", "Fler i arbete");
  set_int (p, "model_element", f->work, "pinned", 1);
  set_text (p, "model_element", f->work, "status", "achieved");
  f->support = insert_card (p, f->model, "assumptions", "Politiskt stöd");
  f->other_card = insert_card (p, f->other, "activities", "Annan modell");

  /* a Kolada figure with every value, and an own measure with few */
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "element_id", "x", f->work);
  g_variant_dict_insert (&row, "name", "s", "Andel i arbete");
  g_variant_dict_insert (&row, "unit", "s", "%");
  g_variant_dict_insert (&row, "kolada_kpi", "s", "N00914");
  g_variant_dict_insert (&row, "source", "s", "Kolada");
  g_variant_dict_insert (&row, "baseline_value", "d", 41.5);
  g_variant_dict_insert (&row, "baseline_year", "x", (gint64) 2019);
  g_variant_dict_insert (&row, "target_value", "d", 48.0);
  g_variant_dict_insert (&row, "target_year", "x", (gint64) 2022);
  insert (p, "indicator", &row);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "element_id", "x", f->work);
  g_variant_dict_insert (&row, "name", "s", "Nöjda deltagare");
  insert (p, "indicator", &row);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "element_id", "x", f->knowledge);
  g_variant_dict_insert (&row, "name", "s", "Självskattad kunskap");
  g_variant_dict_insert (&row, "baseline_value", "d", -2.25);
  g_variant_dict_insert (&row, "target_value", "d", 0.1);
  g_variant_dict_insert (&row, "higher_is_better", "x", (gint64) 0);
  insert (p, "indicator", &row);

  f->staff_survey = insert_link (p, f->model, f->staff, f->survey,
                                 "Om det finns en projektledare, så blir kartläggningen gjord");
  f->survey_report = insert_link (p, f->model, f->survey, f->report, "Om vi kartlägger, så …");
  f->workshop_report = insert_link (p, f->model, f->workshop, f->report, "");
  f->report_knowledge = insert_link (p, f->model, f->report, f->knowledge, "Om rapporten läses");
  f->knowledge_work = insert_link (p, f->model, f->knowledge, f->work, "Om kunskapen används");
  f->support_workshop = insert_link (p, f->model, f->support, f->workshop, "");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  verkan_project_close (f->project);
  g_clear_object (&f->project);
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
dump (const char *path)
{
  return verkan_test_sql_text (path, DUMP_SQL);
}

static char *
sql_text (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);

static char *
sql_text (const char *path, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return verkan_test_sql_text (path, sql);
}

static gint64
sql_int (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_int (const char *path, const char *format, ...)
{
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  text = verkan_test_sql_text (path, sql);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

/* "title=position …" of one column, in its order */
static char *
column_text (const char *path, gint64 model, const char *column)
{
  return sql_text (path, "SELECT group_concat(title || '=' || position, ' ') FROM "
                   "(SELECT * FROM model_element WHERE model_id = %" G_GINT64_FORMAT
                   " AND column_kind = '%s' ORDER BY position, id)", model, column);
}

/* One undo gives @before back, one redo @after */
static void
assert_undo_redo (Fixture *f, const char *before, const char *after)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
  undone = dump (f->path);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (verkan_project_redo (f->project, &error));
  g_assert_no_error (error);
  redone = dump (f->path);
  g_assert_cmpstr (redone, ==, after);
}

static void
assert_invalid (GError **error, const char *message)
{
  g_assert_error (*error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  if (message != NULL)
    g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

/* --- the XML form of a model ------------------------------------------------ */

static VerkanModelElement *
element_by_uuid (VerkanModelSnapshot *s, const char *uuid)
{
  for (guint i = 0; i < s->elements->len; i++)
    {
      VerkanModelElement *e = g_ptr_array_index (s->elements, i);
      if (g_strcmp0 (e->uuid, uuid) == 0)
        return e;
    }
  return NULL;
}

static const char *
uuid_of (VerkanModelSnapshot *s, gint64 element_id)
{
  VerkanModelElement *e = verkan_model_snapshot_find_element (s, element_id);

  g_assert_nonnull (e);
  return e->uuid;
}

/* The same model, field by field; the ids may differ, the uuids may not */
static void
assert_same_model (VerkanModelSnapshot *a, VerkanModelSnapshot *b)
{
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->municipality, ==, b->municipality);
  g_assert_cmpstr (a->date, ==, b->date);
  g_assert_cmpint (a->show_assumptions, ==, b->show_assumptions);
  g_assert_cmpint (a->show_external, ==, b->show_external);

  g_assert_cmpuint (a->elements->len, ==, b->elements->len);
  for (guint i = 0; i < a->elements->len; i++)
    {
      VerkanModelElement *x = g_ptr_array_index (a->elements, i);
      VerkanModelElement *y = g_ptr_array_index (b->elements, i);

      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpint (x->column, ==, y->column);
      g_assert_cmpint (x->position, ==, y->position);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->responsible, ==, y->responsible);
      g_assert_cmpstr (x->status, ==, y->status);
      g_assert_cmpint (x->pinned, ==, y->pinned);
      g_assert_cmpuint (x->n_indicators, ==, y->n_indicators);
    }

  g_assert_cmpuint (a->links->len, ==, b->links->len);
  for (guint i = 0; i < a->links->len; i++)
    {
      VerkanModelLink *x = g_ptr_array_index (a->links, i);
      VerkanModelLink *y = NULL;

      for (guint j = 0; j < b->links->len && y == NULL; j++)
        if (g_strcmp0 (((VerkanModelLink *) g_ptr_array_index (b->links, j))->uuid, x->uuid) == 0)
          y = g_ptr_array_index (b->links, j);
      g_assert_nonnull (y);
      g_assert_cmpstr (uuid_of (a, x->from_id), ==, uuid_of (b, y->from_id));
      g_assert_cmpstr (uuid_of (a, x->to_id), ==, uuid_of (b, y->to_id));
      g_assert_cmpstr (x->rationale, ==, y->rationale);
    }

  g_assert_cmpuint (a->indicators->len, ==, b->indicators->len);
  for (guint i = 0; i < a->indicators->len; i++)
    {
      VerkanModelIndicator *x = g_ptr_array_index (a->indicators, i);
      VerkanModelIndicator *y = NULL;

      for (guint j = 0; j < b->indicators->len && y == NULL; j++)
        if (g_strcmp0 (((VerkanModelIndicator *) g_ptr_array_index (b->indicators, j))->uuid,
                       x->uuid) == 0)
          y = g_ptr_array_index (b->indicators, j);
      g_assert_nonnull (y);
      g_assert_cmpstr (uuid_of (a, x->element_id), ==, uuid_of (b, y->element_id));
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpstr (x->kolada_kpi, ==, y->kolada_kpi);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpint (x->has_baseline_value, ==, y->has_baseline_value);
      g_assert_cmpfloat (x->baseline_value, ==, y->baseline_value);
      g_assert_cmpint (x->baseline_year, ==, y->baseline_year);
      g_assert_cmpint (x->has_target_value, ==, y->has_target_value);
      g_assert_cmpfloat (x->target_value, ==, y->target_value);
      g_assert_cmpint (x->target_year, ==, y->target_year);
      g_assert_cmpint (x->higher_is_better, ==, y->higher_is_better);
    }
}

static void
test_xml_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanModelSnapshot) loaded = NULL;
  g_autoptr(VerkanModelSnapshot) read = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  VerkanModelElement *work;
  gboolean saw_kolada = FALSE, saw_own = FALSE;
  const char *label = verkan_project_get_undo_label (f->project);

  xml = verkan_model_dup_xml (f->project, f->model, &error);
  g_assert_no_error (error);
  g_assert_nonnull (xml);
  g_test_message ("%s", xml);
  /* one line, the namespace declared: the form a frozen version keeps */
  g_assert_true (g_str_has_prefix (xml, "<logic-model xmlns=\"urn:x-verkan:project:1\""));
  g_assert_null (strstr (xml, ">\n<"));
  /* the other model's card is not in it */
  g_assert_null (strstr (xml, "Annan modell"));

  loaded = verkan_model_snapshot_load (f->project, f->model, &error);
  g_assert_no_error (error);
  read = verkan_model_snapshot_from_xml (xml, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpuint (read->elements->len, ==, 8);
  g_assert_cmpuint (read->links->len, ==, 6);
  g_assert_cmpuint (read->indicators->len, ==, 3);
  assert_same_model (loaded, read);

  /* values checked by hand too, not only against the loader */
  g_assert_cmpstr (read->municipality, ==, "1884");
  g_assert_cmpstr (read->date, ==, "2022-06-15");
  g_assert_true (read->show_assumptions);
  work = element_by_uuid (read, uuid_of (loaded, f->work));
  g_assert_true (work->pinned);
  g_assert_cmpstr (work->status, ==, "achieved");
  g_assert_cmpuint (work->n_indicators, ==, 2);
  g_assert_cmpstr (element_by_uuid (read, uuid_of (loaded, f->staff))->text, ==,
                   "Halvtid under tre år,\nfinansierad av ESF");
  g_assert_cmpstr (element_by_uuid (read, uuid_of (loaded, f->workshop))->title, ==,
                   "Workshop <&> \"dialog\"");
  for (guint i = 0; i < read->indicators->len; i++)
    {
      VerkanModelIndicator *ind = g_ptr_array_index (read->indicators, i);

      if (g_strcmp0 (ind->kolada_kpi, "N00914") == 0)
        {
          saw_kolada = TRUE;
          g_assert_true (ind->has_baseline_value);
          g_assert_cmpfloat (ind->baseline_value, ==, 41.5);
          g_assert_cmpint (ind->baseline_year, ==, 2019);
          g_assert_cmpfloat (ind->target_value, ==, 48.0);
          g_assert_cmpint (ind->target_year, ==, 2022);
          g_assert_true (ind->higher_is_better);
          g_assert_cmpstr (ind->unit, ==, "%");
        }
      else if (g_strcmp0 (ind->name, "Självskattad kunskap") == 0)
        {
          saw_own = TRUE;
          g_assert_null (ind->kolada_kpi);
          g_assert_cmpfloat (ind->baseline_value, ==, -2.25);
          g_assert_cmpint (ind->baseline_year, ==, 0);
          g_assert_cmpfloat (ind->target_value, ==, 0.1);
          g_assert_false (ind->higher_is_better);
        }
    }
  g_assert_true (saw_kolada && saw_own);
  for (guint i = 0; i < read->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (read->links, i);

      if (g_strcmp0 (uuid_of (read, link->from_id), uuid_of (loaded, f->staff)) == 0)
        g_assert_cmpstr (link->rationale, ==,
                         "Om det finns en projektledare, så blir kartläggningen gjord");
    }

  /* the same model writes the same bytes */
  again = verkan_model_dup_xml (f->project, f->model, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, xml);

  /* reading is no edit */
  g_assert_true (verkan_project_get_undo_label (f->project) == label);
}

static void
test_xml_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  VerkanModelSnapshot *s;

  g_assert_null (verkan_model_dup_xml (f->project, 4242, &error));
  assert_invalid (&error, "The logic model no longer exists.");

  s = verkan_model_snapshot_from_xml ("<logic-model", &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_clear_error (&error);

  s = verkan_model_snapshot_from_xml ("<goal xmlns=\"urn:x-verkan:project:1\"/>", &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* a link to a card that is not there */
  s = verkan_model_snapshot_from_xml (
    "<logic-model xmlns=\"urn:x-verkan:project:1\" title=\"T\" template=\"blank\" "
    "show-assumptions=\"false\" show-external=\"false\">"
    "<element uuid=\"3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f13\" column=\"goals\" "
    "status=\"not-assessed\"><title>Mål</title></element>"
    "<link uuid=\"3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f14\" "
    "from=\"3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f13\" "
    "to=\"3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f15\"/></logic-model>", &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
}

/* --- new models --------------------------------------------------------------- */

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanModelSnapshot) s = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autofree char *blank_before = NULL;
  g_autofree char *blank_after = NULL;
  guint n_rationale = 0;
  gint64 model, blank;

  model = verkan_model_create (f->project, "Logikmodell för Lindesberg", "1885", "standard",
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (model, >, 0);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "New logic model");
  after = dump (f->path);

  /* last in the list */
  g_assert_cmpint (sql_int (f->path, "SELECT position FROM logic_model WHERE id = %"
                            G_GINT64_FORMAT, model), ==, 2);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM logic_model WHERE id = %"
                            G_GINT64_FORMAT " AND municipality = '1885' AND template = "
                            "'standard' AND date IS NOT NULL", model), ==, 1);

  s = verkan_model_snapshot_load (f->project, model, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->title, ==, "Logikmodell för Lindesberg");
  g_assert_cmpuint (s->elements->len, ==, VERKAN_MODEL_N_MAIN_COLUMNS);
  for (guint i = 0; i < s->elements->len; i++)
    {
      VerkanModelElement *e = g_ptr_array_index (s->elements, i);

      /* one card in each main column, saying what belongs there */
      g_assert_cmpint (e->column, ==, (int) i);
      g_assert_cmpint (e->position, ==, 0);
      g_assert_cmpuint (strlen (e->title), >, 0);
      g_assert_cmpuint (strlen (e->text), >, 20);
    }
  g_assert_cmpstr (((VerkanModelElement *) g_ptr_array_index (s->elements, 0))->title, ==,
                   "Staff and time");
  /* linked left to right */
  g_assert_cmpuint (s->links->len, ==, VERKAN_MODEL_N_MAIN_COLUMNS - 1);
  for (guint i = 0; i < s->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (s->links, i);
      VerkanModelElement *from = verkan_model_snapshot_find_element (s, link->from_id);
      VerkanModelElement *to = verkan_model_snapshot_find_element (s, link->to_id);

      g_assert_cmpint (to->column, ==, from->column + 1);
      g_assert_cmpstr (link->rationale, ==, "");
    }
  /* what is left to do shows in the checks */
  problems = verkan_model_check_run (s);
  for (guint i = 0; i < problems->len; i++)
    if (((VerkanModelProblem *) g_ptr_array_index (problems, i))->kind ==
        VERKAN_MODEL_PROBLEM_NO_RATIONALE)
      n_rationale++;
  g_assert_cmpuint (n_rationale, ==, VERKAN_MODEL_N_MAIN_COLUMNS - 1);

  assert_undo_redo (f, before, after);

  /* blank: no cards; for the whole project */
  blank_before = dump (f->path);
  blank = verkan_model_create (f->project, "Tom", NULL, "blank", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE model_id = %"
                            G_GINT64_FORMAT, blank), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM logic_model WHERE id = %"
                            G_GINT64_FORMAT " AND municipality IS NULL AND template = 'blank'"
                            " AND position = 3", blank), ==, 1);
  blank_after = dump (f->path);
  assert_undo_redo (f, blank_before, blank_after);

  /* what cannot be */
  g_assert_cmpint (verkan_model_create (f->project, "X", NULL, "fancy", &error), ==, 0);
  assert_invalid (&error, NULL);
  g_assert_cmpint (verkan_model_create (f->project, "X", "Nora", "blank", &error), ==, 0);
  assert_invalid (&error, NULL);
  g_clear_pointer (&before, g_free);
  before = dump (f->path);
  g_assert_cmpstr (before, ==, blank_after);
}

static void
test_duplicate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanModelSnapshot) original = NULL;
  g_autoptr(VerkanModelSnapshot) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *order = NULL;
  gint64 third, copy_id;

  third = insert_model (f->project, "Logikmodell för Ljusnarsberg");
  before = dump (f->path);

  copy_id = verkan_model_duplicate (f->project, f->model, "Logikmodell för Nora, kopia", &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, >, third);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Duplicate logic model");
  after = dump (f->path);

  /* right after the original, the others moved down without gaps */
  order = verkan_test_sql_text (f->path, "SELECT group_concat(title || '=' || position, ' | ') "
                                "FROM (SELECT * FROM logic_model ORDER BY position)");
  g_assert_cmpstr (order, ==, "Logikmodell för Nora=0 | Logikmodell för Nora, kopia=1 | "
                              "Logikmodell för Hällefors=2 | Logikmodell för Ljusnarsberg=3");

  original = verkan_model_snapshot_load (f->project, f->model, &error);
  g_assert_no_error (error);
  copy = verkan_model_snapshot_load (f->project, copy_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->title, ==, "Logikmodell för Nora, kopia");
  g_assert_cmpstr (copy->municipality, ==, "1884");
  g_assert_cmpstr (copy->date, ==, "2022-06-15");
  g_assert_true (copy->show_assumptions);
  g_assert_cmpstr (copy->uuid, !=, original->uuid);
  g_assert_cmpuint (copy->elements->len, ==, original->elements->len);
  g_assert_cmpuint (copy->links->len, ==, original->links->len);
  g_assert_cmpuint (copy->indicators->len, ==, original->indicators->len);
  for (guint i = 0; i < copy->elements->len; i++)
    {
      VerkanModelElement *x = g_ptr_array_index (original->elements, i);
      VerkanModelElement *y = g_ptr_array_index (copy->elements, i);

      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpint (x->column, ==, y->column);
      g_assert_cmpint (x->position, ==, y->position);
      g_assert_cmpint (x->pinned, ==, y->pinned);
      g_assert_cmpuint (x->n_indicators, ==, y->n_indicators);
      g_assert_cmpstr (x->uuid, !=, y->uuid);
      g_assert_cmpint (x->id, !=, y->id);
    }
  /* the links join the copies, with their rationales */
  for (guint i = 0; i < copy->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (copy->links, i);
      VerkanModelElement *from = verkan_model_snapshot_find_element (copy, link->from_id);
      VerkanModelElement *to = verkan_model_snapshot_find_element (copy, link->to_id);

      g_assert_nonnull (from);
      g_assert_nonnull (to);
      if (g_str_equal (from->title, "Projektledare 50 %"))
        g_assert_cmpstr (link->rationale, ==,
                         "Om det finns en projektledare, så blir kartläggningen gjord");
    }
  /* no uuid is used twice anywhere */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) - count(DISTINCT uuid) FROM "
                            "(SELECT uuid FROM model_element UNION ALL SELECT uuid FROM "
                            "model_link UNION ALL SELECT uuid FROM indicator)"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator WHERE element_id IN "
                            "(SELECT id FROM model_element WHERE model_id = %" G_GINT64_FORMAT
                            ") AND kolada_kpi = 'N00914' AND baseline_value = 41.5", copy_id),
                   ==, 1);

  assert_undo_redo (f, before, after);

  /* without a title: the original's, marked as a copy */
  copy_id = verkan_model_duplicate (f->project, f->other, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = sql_text (f->path, "SELECT title || '=' || position FROM logic_model WHERE id = %"
                    G_GINT64_FORMAT, copy_id);
  g_assert_cmpstr (order, ==, "Logikmodell för Hällefors (copy)=3");

  g_assert_cmpint (verkan_model_duplicate (f->project, 4242, NULL, &error), ==, 0);
  assert_invalid (&error, "The logic model no longer exists.");
}

/* --- cards ---------------------------------------------------------------------- */

static void
test_add_card (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autofree char *column = NULL;
  gint64 first, last, clamped;

  first = verkan_model_add_card (f->project, f->model, VERKAN_MODEL_COLUMN_ACTIVITIES, 0,
                                 "Uppstartsmöte", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Add card");
  column = column_text (f->path, f->model, "activities");
  g_assert_cmpstr (column, ==, "Uppstartsmöte=0 Kartläggning=1 Workshop <&> \"dialog\"=2 "
                               "Utbildning=3");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE id = %"
                            G_GINT64_FORMAT " AND model_id = %" G_GINT64_FORMAT
                            " AND status = 'not-assessed' AND length(uuid) = 36",
                            first, f->model), ==, 1);
  after = dump (f->path);
  assert_undo_redo (f, before, after);

  /* -1: last; past the end: last too */
  last = verkan_model_add_card (f->project, f->model, VERKAN_MODEL_COLUMN_ACTIVITIES, -1,
                                "Uppföljning", &error);
  g_assert_no_error (error);
  clamped = verkan_model_add_card (f->project, f->model, VERKAN_MODEL_COLUMN_ACTIVITIES, 99,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last, >, first);
  g_assert_cmpint (clamped, >, last);
  g_clear_pointer (&column, g_free);
  column = column_text (f->path, f->model, "activities");
  g_assert_cmpstr (column, ==, "Uppstartsmöte=0 Kartläggning=1 Workshop <&> \"dialog\"=2 "
                               "Utbildning=3 Uppföljning=4 =5");

  /* in the middle of a column, and into an empty band */
  verkan_model_add_card (f->project, f->model, VERKAN_MODEL_COLUMN_ACTIVITIES, 2, "Mitten",
                         &error);
  g_assert_no_error (error);
  g_clear_pointer (&column, g_free);
  column = column_text (f->path, f->model, "activities");
  g_assert_cmpstr (column, ==, "Uppstartsmöte=0 Kartläggning=1 Mitten=2 "
                               "Workshop <&> \"dialog\"=3 Utbildning=4 Uppföljning=5 =6");
  verkan_model_add_card (f->project, f->model, VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, 3,
                         "Konjunktur", &error);
  g_assert_no_error (error);
  g_clear_pointer (&column, g_free);
  column = column_text (f->path, f->model, "external-factors");
  g_assert_cmpstr (column, ==, "Konjunktur=0");
  /* the other model is untouched */
  g_clear_pointer (&column, g_free);
  column = column_text (f->path, f->other, "activities");
  g_assert_cmpstr (column, ==, "Annan modell=0");

  g_assert_cmpint (verkan_model_add_card (f->project, 4242, VERKAN_MODEL_COLUMN_GOALS, -1,
                                          "X", &error), ==, 0);
  assert_invalid (&error, "The logic model no longer exists.");
}

static void
test_move_card (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *same = NULL;

  /* between columns: one command, both columns without gaps */
  g_assert_true (verkan_model_move_card (f->project, f->survey, VERKAN_MODEL_COLUMN_OUTPUTS,
                                         0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Move card");
  source = column_text (f->path, f->model, "activities");
  target = column_text (f->path, f->model, "outputs");
  g_assert_cmpstr (source, ==, "Workshop <&> \"dialog\"=0 Utbildning=1");
  g_assert_cmpstr (target, ==, "Kartläggning=0 Nulägesrapport=1");
  /* its links and indicators stay with it */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link WHERE from_id = %"
                            G_GINT64_FORMAT " OR to_id = %" G_GINT64_FORMAT,
                            f->survey, f->survey), ==, 2);
  after = dump (f->path);
  assert_undo_redo (f, before, after);
  g_assert_true (verkan_project_undo (f->project, &error));
  g_clear_pointer (&source, g_free);
  source = dump (f->path);
  g_assert_cmpstr (source, ==, before);

  /* within its column, to the end (clamped) */
  g_assert_true (verkan_model_move_card (f->project, f->survey, VERKAN_MODEL_COLUMN_ACTIVITIES,
                                         17, &error));
  g_assert_no_error (error);
  same = column_text (f->path, f->model, "activities");
  g_assert_cmpstr (same, ==, "Workshop <&> \"dialog\"=0 Utbildning=1 Kartläggning=2");
  g_clear_pointer (&after, g_free);
  after = dump (f->path);
  assert_undo_redo (f, before, after);

  /* to the end of another column, then into an empty band */
  g_assert_true (verkan_model_move_card (f->project, f->training, VERKAN_MODEL_COLUMN_GOALS,
                                         G_MAXUINT, &error));
  g_clear_pointer (&target, g_free);
  target = column_text (f->path, f->model, "goals");
  g_assert_cmpstr (target, ==, "Fler i arbete=0 Utbildning=1");
  g_assert_true (verkan_model_move_card (f->project, f->work,
                                         VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, 0, &error));
  g_clear_pointer (&target, g_free);
  target = column_text (f->path, f->model, "goals");
  g_assert_cmpstr (target, ==, "Utbildning=0");
  g_clear_pointer (&target, g_free);
  target = column_text (f->path, f->model, "external-factors");
  g_assert_cmpstr (target, ==, "Fler i arbete=0");

  /* where it already is: no change, and nothing new to undo */
  g_clear_pointer (&after, g_free);
  after = dump (f->path);
  g_assert_true (verkan_model_move_card (f->project, f->work,
                                         VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, 0, &error));
  g_clear_pointer (&source, g_free);
  source = dump (f->path);
  g_assert_cmpstr (source, ==, after);
  g_assert_true (verkan_project_undo (f->project, &error));
  g_clear_pointer (&target, g_free);
  target = column_text (f->path, f->model, "goals");
  g_assert_cmpstr (target, ==, "Fler i arbete=0 Utbildning=1");

  g_assert_false (verkan_model_move_card (f->project, 4242, VERKAN_MODEL_COLUMN_GOALS, 0,
                                          &error));
  assert_invalid (&error, "The card no longer exists.");
  g_assert_false (verkan_model_move_card (f->project, f->work, VERKAN_MODEL_N_COLUMNS, 0,
                                          &error));
  assert_invalid (&error, "There is no such column in a logic model.");
}

/* --- links ------------------------------------------------------------------------ */

static void
test_add_link (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autofree char *row = NULL;
  g_autofree char *expected = NULL;
  gint64 link, back;

  link = verkan_model_add_link (f->project, f->training, f->report,
                                "Om handläggarna utbildas, så finns det utbildade handläggare",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (link, >, 0);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Add link");
  row = sql_text (f->path, "SELECT model_id || ' ' || from_id || '>' || to_id || ' ' || "
                  "rationale FROM model_link WHERE id = %" G_GINT64_FORMAT, link);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ">%" G_GINT64_FORMAT
                              " Om handläggarna utbildas, så finns det utbildade handläggare",
                              f->model, f->training, f->report);
  g_assert_cmpstr (row, ==, expected);
  after = dump (f->path);
  assert_undo_redo (f, before, after);

  /* the other way round is another link (the checks call it a cycle) */
  back = verkan_model_add_link (f->project, f->report, f->training, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back, >, link);
  g_clear_pointer (&row, g_free);
  row = sql_text (f->path, "SELECT quote(rationale) FROM model_link WHERE id = %"
                  G_GINT64_FORMAT, back);
  g_assert_cmpstr (row, ==, "''");

  g_clear_pointer (&before, g_free);
  before = dump (f->path);
  g_assert_cmpint (verkan_model_add_link (f->project, f->survey, f->survey, "", &error), ==, 0);
  assert_invalid (&error, "A card cannot lead to itself. Link it to another card.");
  g_assert_cmpint (verkan_model_add_link (f->project, f->survey, f->other_card, "", &error),
                   ==, 0);
  assert_invalid (&error, "The two cards are in different logic models; a link joins cards "
                          "of one model.");
  g_assert_cmpint (verkan_model_add_link (f->project, f->staff, f->survey, "", &error), ==, 0);
  assert_invalid (&error, "The cards are already linked this way.");
  g_assert_cmpint (verkan_model_add_link (f->project, f->staff, 4242, "", &error), ==, 0);
  assert_invalid (&error, "The card no longer exists.");
  g_assert_cmpint (verkan_model_add_link (f->project, 4242, f->staff, "", &error), ==, 0);
  assert_invalid (&error, "The card no longer exists.");
  /* none of them left a trace */
  g_clear_pointer (&after, g_free);
  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Add link");
}

/* --- deleting --------------------------------------------------------------------- */

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autofree char *column = NULL;
  g_autofree char *expected = NULL;
  gint64 cards[] = { f->survey, f->work };
  gint64 links[] = { f->support_workshop };

  g_assert_true (verkan_model_delete_items (f->project, cards, G_N_ELEMENTS (cards),
                                            links, G_N_ELEMENTS (links), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Delete cards and links");

  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_element WHERE id IN (%"
                            G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", f->survey, f->work),
                   ==, 0);
  /* their indicators and every link touching them went along */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator WHERE element_id = %"
                            G_GINT64_FORMAT, f->work), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator"), ==, 1);
  column = verkan_test_sql_text (f->path, "SELECT group_concat(from_id || '>' || to_id, ' ') "
                                 "FROM (SELECT * FROM model_link ORDER BY id)");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ">%" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              ">%" G_GINT64_FORMAT, f->workshop, f->report,
                              f->report, f->knowledge);
  g_assert_cmpstr (column, ==, expected);
  /* the column closes up */
  g_clear_pointer (&column, g_free);
  column = column_text (f->path, f->model, "activities");
  g_assert_cmpstr (column, ==, "Workshop <&> \"dialog\"=0 Utbildning=1");

  after = dump (f->path);
  assert_undo_redo (f, before, after);

  /* only links; and labels that say what goes */
  g_assert_true (verkan_model_delete_items (f->project, NULL, 0, (gint64[]) { f->report_knowledge },
                                            1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Delete link");
  g_assert_true (verkan_model_delete_items (f->project, (gint64[]) { f->staff }, 1, NULL, 0,
                                            &error));
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Delete card");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link"), ==, 1);

  /* nothing at all: no step */
  g_clear_pointer (&before, g_free);
  before = dump (f->path);
  g_assert_true (verkan_model_delete_items (f->project, NULL, 0, NULL, 0, &error));
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Delete card");

  /* something that is not there: nothing deleted */
  g_assert_false (verkan_model_delete_items (f->project, (gint64[]) { f->knowledge, 4242 }, 2,
                                             NULL, 0, &error));
  assert_invalid (&error, "The card no longer exists.");
  g_assert_false (verkan_model_delete_items (f->project, NULL, 0, (gint64[]) { 4242 }, 1,
                                             &error));
  assert_invalid (&error, "The link no longer exists.");
  g_clear_pointer (&after, g_free);
  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* --- copy and paste ---------------------------------------------------------------- */

static void
test_copy_paste (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(VerkanModelSnapshot) pasted = NULL;
  g_autofree char *clipboard = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *column = NULL;
  gint64 cards[] = { f->report, f->knowledge, f->work };
  gint64 target;
  guint n_links = 0;

  clipboard = verkan_model_copy_cards (f->project, cards, G_N_ELEMENTS (cards), &error);
  g_assert_no_error (error);
  g_assert_nonnull (clipboard);
  g_test_message ("%s", clipboard);
  /* copying is no edit */
  g_assert_false (verkan_project_get_can_redo (f->project));
  /* only what was copied, and the links among it */
  g_assert_nonnull (strstr (clipboard, "Nulägesrapport"));
  g_assert_null (strstr (clipboard, "Kartläggning"));
  g_assert_null (strstr (clipboard, "Om vi kartlägger"));
  g_assert_nonnull (strstr (clipboard, "Om rapporten läses"));
  g_assert_nonnull (strstr (clipboard, "N00914"));

  /* into another model of the same file: new cards last in their columns */
  target = f->other;
  before = dump (f->path);
  g_assert_true (verkan_model_paste_cards (f->project, target, clipboard, new_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Paste cards");
  g_assert_cmpuint (new_ids->len, ==, 3);
  pasted = verkan_model_snapshot_load (f->project, target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pasted->elements->len, ==, 4);
  g_assert_cmpuint (pasted->indicators->len, ==, 3);
  g_assert_cmpuint (pasted->links->len, ==, 2);
  for (guint i = 0; i < pasted->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (pasted->links, i);
      gboolean from_new = FALSE, to_new = FALSE;

      for (guint j = 0; j < new_ids->len; j++)
        {
          from_new |= g_array_index (new_ids, gint64, j) == link->from_id;
          to_new |= g_array_index (new_ids, gint64, j) == link->to_id;
        }
      g_assert_true (from_new && to_new);
      n_links++;
    }
  g_assert_cmpuint (n_links, ==, 2);
  /* new uuids: no uuid is used twice in the file */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) - count(DISTINCT uuid) FROM "
                            "(SELECT uuid FROM model_element UNION ALL SELECT uuid FROM "
                            "model_link UNION ALL SELECT uuid FROM indicator)"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator WHERE element_id = %"
                            G_GINT64_FORMAT " AND kolada_kpi = 'N00914' AND baseline_year = 2019"
                            " AND target_value = 48.0", g_array_index (new_ids, gint64, 2)),
                   ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT pinned FROM model_element WHERE id = %"
                            G_GINT64_FORMAT, g_array_index (new_ids, gint64, 2)), ==, 1);
  after = dump (f->path);
  assert_undo_redo (f, before, after);

  /* again into the model they came from: copies, after the originals */
  g_array_set_size (new_ids, 0);
  g_assert_true (verkan_model_paste_cards (f->project, f->model, clipboard, new_ids, &error));
  g_assert_no_error (error);
  column = column_text (f->path, f->model, "outputs");
  g_assert_cmpstr (column, ==, "Nulägesrapport=0 Nulägesrapport=1");
  g_clear_pointer (&column, g_free);
  column = column_text (f->path, f->model, "goals");
  g_assert_cmpstr (column, ==, "Fler i arbete=0 Fler i arbete=1");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM model_link WHERE model_id = %"
                            G_GINT64_FORMAT, f->model), ==, 8);

  /* copying cards of two models at once, nothing, or a card that is gone */
  g_assert_null (verkan_model_copy_cards (f->project, (gint64[]) { f->staff, f->other_card },
                                          2, &error));
  assert_invalid (&error, "Only cards of one logic model can be copied together.");
  g_assert_null (verkan_model_copy_cards (f->project, NULL, 0, &error));
  assert_invalid (&error, NULL);
  g_assert_null (verkan_model_copy_cards (f->project, (gint64[]) { 4242 }, 1, &error));
  assert_invalid (&error, "The card no longer exists.");

  /* text that is not copied cards */
  g_clear_pointer (&before, g_free);
  before = dump (f->path);
  g_array_set_size (new_ids, 0);
  g_assert_false (verkan_model_paste_cards (f->project, f->model, "Hej hej", new_ids, &error));
  assert_invalid (&error, "The clipboard does not hold cards that Verkan can paste.");
  g_assert_false (verkan_model_paste_cards (f->project, f->model,
                                            "<element xmlns=\"urn:x-verkan:project:1\"/>",
                                            new_ids, &error));
  assert_invalid (&error, "The clipboard does not hold cards that Verkan can paste.");
  g_assert_false (verkan_model_paste_cards (f->project, 4242, clipboard, new_ids, &error));
  assert_invalid (&error, "The logic model no longer exists.");
  g_assert_cmpuint (new_ids->len, ==, 0);
  g_clear_pointer (&after, g_free);
  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_paste_other_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) other = NULL;
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(VerkanModelSnapshot) source = NULL;
  g_autoptr(VerkanModelSnapshot) pasted = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "annan.verkan", NULL);
  g_autofree char *clipboard = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *source_dump = NULL;
  g_autofree char *source_after = NULL;
  gint64 cards[] = { f->staff, f->survey, f->report, f->support };
  gint64 model;

  source_dump = dump (f->path);
  clipboard = verkan_model_copy_cards (f->project, cards, G_N_ELEMENTS (cards), &error);
  g_assert_no_error (error);

  other = verkan_project_create (other_path, "Annat projekt", &error);
  g_assert_no_error (error);
  model = verkan_model_create (other, "Logikmodell", NULL, "blank", &error);
  g_assert_no_error (error);
  /* a card there already, so ids and positions differ from the source */
  verkan_model_add_card (other, model, VERKAN_MODEL_COLUMN_OUTPUTS, -1, "Finns redan", &error);
  g_assert_no_error (error);
  before = dump (other_path);

  g_assert_true (verkan_model_paste_cards (other, model, clipboard, new_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (new_ids->len, ==, 4);
  after = dump (other_path);

  source = verkan_model_snapshot_load (f->project, f->model, &error);
  g_assert_no_error (error);
  pasted = verkan_model_snapshot_load (other, model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pasted->elements->len, ==, 5);
  /* staff → survey → report and support → nothing copied: two links */
  g_assert_cmpuint (pasted->links->len, ==, 2);
  for (guint i = 0; i < pasted->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (pasted->links, i);
      VerkanModelElement *from = verkan_model_snapshot_find_element (pasted, link->from_id);
      VerkanModelElement *to = verkan_model_snapshot_find_element (pasted, link->to_id);

      g_assert_nonnull (from);
      g_assert_nonnull (to);
      g_assert_null (element_by_uuid (source, from->uuid));
      if (g_str_equal (from->title, "Projektledare 50 %"))
        {
          g_assert_cmpstr (to->title, ==, "Kartläggning");
          g_assert_cmpstr (link->rationale, ==,
                           "Om det finns en projektledare, så blir kartläggningen gjord");
        }
      else
        {
          g_assert_cmpstr (from->title, ==, "Kartläggning");
          g_assert_cmpstr (to->title, ==, "Nulägesrapport");
        }
    }
  g_assert_cmpstr (verkan_model_snapshot_find_element (pasted, g_array_index (new_ids, gint64, 0))->text,
                   ==, "Halvtid under tre år,\nfinansierad av ESF");
  g_clear_pointer (&after, g_free);
  after = column_text (other_path, model, "outputs");
  g_assert_cmpstr (after, ==, "Finns redan=0 Nulägesrapport=1");
  g_clear_pointer (&after, g_free);
  after = column_text (other_path, model, "assumptions");
  g_assert_cmpstr (after, ==, "Politiskt stöd=0");

  /* one undo there; the source file never changed */
  g_assert_true (verkan_project_undo (other, &error));
  g_clear_pointer (&after, g_free);
  after = dump (other_path);
  g_assert_cmpstr (after, ==, before);
  source_after = dump (f->path);
  g_assert_cmpstr (source_after, ==, source_dump);

  verkan_project_close (other);
}

/* --- frozen versions --------------------------------------------------------------- */

static void
test_freeze (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanModelSnapshot) live = NULL;
  g_autoptr(VerkanModelSnapshot) frozen = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *content = NULL;
  g_autofree char *content_later = NULL;
  g_autofree char *row = NULL;
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autofree char *today = NULL;
  g_autofree char *expected = NULL;
  gint64 version, second;

  xml = verkan_model_dup_xml (f->project, f->model, &error);
  g_assert_no_error (error);
  live = verkan_model_snapshot_load (f->project, f->model, &error);
  g_assert_no_error (error);

  version = verkan_model_freeze (f->project, f->model, "2022-06-15", &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, >, 0);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Freeze version");
  row = sql_text (f->path, "SELECT title || '|' || date || '|' || (model_uuid = (SELECT uuid "
                  "FROM logic_model WHERE id = %" G_GINT64_FORMAT ")) || '|' || length(uuid) "
                  "FROM model_version WHERE id = %" G_GINT64_FORMAT, f->model, version);
  g_assert_cmpstr (row, ==, "Logikmodell för Nora|2022-06-15|1|36");
  content = sql_text (f->path, "SELECT content FROM model_version WHERE id = %"
                      G_GINT64_FORMAT, version);
  g_assert_cmpstr (content, ==, xml);
  after = dump (f->path);
  assert_undo_redo (f, before, after);

  /* later edits do not change it */
  set_text (f->project, "logic_model", f->model, "title", "Ny titel");
  set_text (f->project, "model_element", f->report, "title", "Ändrad rapport");
  verkan_model_add_card (f->project, f->model, VERKAN_MODEL_COLUMN_GOALS, 0, "Nytt mål", &error);
  g_assert_no_error (error);
  g_assert_true (verkan_model_delete_items (f->project, (gint64[]) { f->work }, 1, NULL, 0,
                                            &error));
  content_later = sql_text (f->path, "SELECT content FROM model_version WHERE id = %"
                            G_GINT64_FORMAT, version);
  g_assert_cmpstr (content_later, ==, content);

  /* and it reads back as the model was, titled and dated as frozen */
  frozen = verkan_model_snapshot_load_version (f->project, version, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (frozen->title, ==, "Logikmodell för Nora");
  g_assert_cmpstr (frozen->date, ==, "2022-06-15");
  assert_same_model (live, frozen);

  /* today's date when none is given */
  second = verkan_model_freeze (f->project, f->model, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    today = g_date_time_format (now, "%Y-%m-%d");
  }
  g_clear_pointer (&row, g_free);
  row = sql_text (f->path, "SELECT title || '|' || date FROM model_version WHERE id = %"
                  G_GINT64_FORMAT, second);
  expected = g_strdup_printf ("Ny titel|%s", today);
  g_assert_cmpstr (row, ==, expected);
  g_clear_pointer (&frozen, verkan_model_snapshot_free);
  frozen = verkan_model_snapshot_load_version (f->project, second, &error);
  g_assert_no_error (error);
  g_assert_null (element_by_uuid (frozen, uuid_of (live, f->work)));
  g_assert_cmpuint (frozen->elements->len, ==, live->elements->len);

  g_assert_cmpint (verkan_model_freeze (f->project, f->model, "15/6 2022", &error), ==, 0);
  assert_invalid (&error, NULL);
  g_assert_cmpint (verkan_model_freeze (f->project, f->model, "2022-02-30", &error), ==, 0);
  assert_invalid (&error, NULL);
  g_assert_cmpint (verkan_model_freeze (f->project, 4242, NULL, &error), ==, 0);
  assert_invalid (&error, "The logic model no longer exists.");
  g_assert_null (verkan_model_snapshot_load_version (f->project, 4242, &error));
  assert_invalid (&error, "The frozen version no longer exists.");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model-edit/xml/round-trip", test_xml_round_trip);
  ADD ("/model-edit/xml/errors", test_xml_errors);
  ADD ("/model-edit/create", test_create);
  ADD ("/model-edit/duplicate", test_duplicate);
  ADD ("/model-edit/add-card", test_add_card);
  ADD ("/model-edit/move-card", test_move_card);
  ADD ("/model-edit/add-link", test_add_link);
  ADD ("/model-edit/delete", test_delete);
  ADD ("/model-edit/copy-paste", test_copy_paste);
  ADD ("/model-edit/paste-other-file", test_paste_other_file);
  ADD ("/model-edit/freeze", test_freeze);

#undef ADD

  return g_test_run ();
}
