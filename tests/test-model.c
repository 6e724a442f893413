/* test-model.c: logic models: the automatic layout (crossings before and
 * after on generated models, pinned cards, links that skip columns, one
 * undo step in a real project file) and every check */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "verkan-test-util.h"
#include "verkan-model-check.h"
#include "verkan-model-layout.h"
#include "verkan-model-snapshot.h"
#include "verkan-project.h"

#define RESOURCES  VERKAN_MODEL_COLUMN_RESOURCES
#define ACTIVITIES VERKAN_MODEL_COLUMN_ACTIVITIES
#define OUTPUTS    VERKAN_MODEL_COLUMN_OUTPUTS
#define SHORT      VERKAN_MODEL_COLUMN_SHORT_TERM_EFFECTS
#define LONG       VERKAN_MODEL_COLUMN_LONG_TERM_EFFECTS
#define GOALS      VERKAN_MODEL_COLUMN_GOALS

/* --- helpers ------------------------------------------------------------- */

static VerkanModelElement *
card (VerkanModelSnapshot *s, gint64 id, VerkanModelColumn column, int position)
{
  g_autofree char *title = g_strdup_printf ("Kort %" G_GINT64_FORMAT, id);
  VerkanModelElement *element = verkan_model_snapshot_add_element (s, id, column, title);

  if (position >= 0)
    element->position = position;
  return element;
}

static void
add_link (VerkanModelSnapshot *s, gint64 id, gint64 from, gint64 to)
{
  verkan_model_snapshot_add_link (s, id, from, to, "Om det ena, så det andra");
}

static int
position_of (VerkanModelSnapshot *s, gint64 id)
{
  VerkanModelElement *element = verkan_model_snapshot_find_element (s, id);

  g_assert_nonnull (element);
  return element->position;
}

/* The positions of a column are 0 … n-1 when nothing in it is pinned */
static void
assert_positions_dense (VerkanModelSnapshot *s)
{
  for (int column = 0; column < VERKAN_MODEL_N_MAIN_COLUMNS; column++)
    {
      g_autoptr(GArray) seen = g_array_new (FALSE, TRUE, sizeof (gboolean));
      guint n = 0;

      for (guint i = 0; i < s->elements->len; i++)
        if (((VerkanModelElement *) g_ptr_array_index (s->elements, i))->column == (guint) column)
          n++;
      g_array_set_size (seen, n);
      for (guint i = 0; i < s->elements->len; i++)
        {
          VerkanModelElement *e = g_ptr_array_index (s->elements, i);
          if (e->column != (guint) column)
            continue;
          g_assert_cmpint (e->position, >=, 0);
          g_assert_cmpint (e->position, <, (int) n);
          g_assert_false (g_array_index (seen, gboolean, e->position));
          g_array_index (seen, gboolean, e->position) = TRUE;
        }
    }
}

/* The snapshot keeps its elements by column, then position */
static void
assert_elements_sorted (VerkanModelSnapshot *s)
{
  for (guint i = 1; i < s->elements->len; i++)
    {
      VerkanModelElement *a = g_ptr_array_index (s->elements, i - 1);
      VerkanModelElement *b = g_ptr_array_index (s->elements, i);
      g_assert_true (a->column < b->column ||
                     (a->column == b->column && a->position <= b->position));
    }
}

/* A random layered model: 1–8 cards per main column in a shuffled order,
 * links mostly to the next column, some skipping columns, and a few that
 * the layered picture ignores (backwards, inside a column, to a band) */
static VerkanModelSnapshot *
random_model (GRand *rand, guint n_pinned)
{
  VerkanModelSnapshot *s = verkan_model_snapshot_new ("Slumpmodell");
  g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GArray *ids[VERKAN_MODEL_N_MAIN_COLUMNS];
  gint64 next = 1;
  guint n_links;

  for (int c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      guint n = g_rand_int_range (rand, 1, 9);
      g_autofree int *order = g_new (int, n);

      ids[c] = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < n; i++)
        order[i] = (int) i;
      for (guint i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, (gint32) i + 1);
          int t = order[i]; order[i] = order[j]; order[j] = t;
        }
      for (guint i = 0; i < n; i++)
        {
          card (s, next, c, order[i]);
          g_array_append_val (ids[c], next);
          next++;
        }
    }
  /* a band card, linked to and from the main columns */
  card (s, 1000, VERKAN_MODEL_COLUMN_ASSUMPTIONS, 0);

  n_links = g_rand_int_range (rand, 5, 30);
  for (guint i = 0; i < n_links; i++)
    {
      int from_column = g_rand_int_range (rand, 0, VERKAN_MODEL_N_MAIN_COLUMNS);
      int span = g_rand_double (rand) < 0.75 ? 1 : g_rand_int_range (rand, -2, 4);
      int to_column = CLAMP (from_column + span, 0, VERKAN_MODEL_N_MAIN_COLUMNS - 1);
      gint64 from = g_array_index (ids[from_column], gint64,
                                   g_rand_int_range (rand, 0, (gint32) ids[from_column]->len));
      gint64 to = g_array_index (ids[to_column], gint64,
                                 g_rand_int_range (rand, 0, (gint32) ids[to_column]->len));
      gint64 *key;

      if (g_rand_double (rand) < 0.05)
        to = 1000;
      if (from == to)
        continue;
      key = g_new (gint64, 1);
      *key = from * 10000 + to;
      if (g_hash_table_contains (pairs, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (pairs, key);
      g_ptr_array_add (keys, key);
      add_link (s, i + 1, from, to);
    }
  /* and one to a card that is not there */
  add_link (s, 999, 1, 5000);

  for (guint i = 0; i < n_pinned; i++)
    {
      VerkanModelElement *e = g_ptr_array_index (s->elements,
                                                 g_rand_int_range (rand, 0, (gint32) s->elements->len));
      e->pinned = TRUE;
    }

  for (int c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    g_array_unref (ids[c]);
  return s;
}

/* --- layout -------------------------------------------------------------- */

static void
test_layout_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  guint total_before = 0, total_after = 0;

  for (int round = 0; round < 20; round++)
    {
      g_autoptr(VerkanModelSnapshot) s = random_model (rand, 0);
      guint before = verkan_model_layout_crossings (s);
      guint after;

      verkan_model_layout_order (s);
      after = verkan_model_layout_crossings (s);
      g_test_message ("model %d: %u crossings before, %u after", round, before, after);
      g_assert_cmpuint (after, <=, before);
      assert_positions_dense (s);
      assert_elements_sorted (s);
      /* the band card stays where it was */
      g_assert_cmpint (position_of (s, 1000), ==, 0);
      total_before += before;
      total_after += after;
    }
  g_assert_cmpuint (total_after, <, total_before);
}

/* Five activities to five outputs, stored in the worst order: every pair
 * of links crosses */
static void
test_layout_bad_order (void)
{
  g_autoptr(VerkanModelSnapshot) s = verkan_model_snapshot_new ("Bakvänd");
  guint before, after;

  for (int i = 0; i < 5; i++)
    {
      card (s, 1 + i, ACTIVITIES, i);
      card (s, 11 + i, OUTPUTS, i);
    }
  for (int i = 0; i < 5; i++)
    add_link (s, i + 1, 1 + i, 15 - i);

  before = verkan_model_layout_crossings (s);
  g_assert_cmpuint (before, ==, 10);
  g_assert_cmpuint (verkan_model_layout_order (s), >, 0);
  after = verkan_model_layout_crossings (s);
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, ==, 0);
}

/* A forest over the six columns has an order without crossings; shuffled,
 * the layout must find one */
static void
test_layout_tree (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (int round = 0; round < 10; round++)
    {
      g_autoptr(VerkanModelSnapshot) s = verkan_model_snapshot_new ("Träd");
      g_autoptr(GArray) previous = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 next = 1, link_id = 1;

      for (int c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
        {
          g_autoptr(GArray) current = g_array_new (FALSE, FALSE, sizeof (gint64));
          guint n = c == 0 ? 3 : previous->len + g_rand_int_range (rand, 0, 4);
          g_autofree int *order = g_new (int, n);

          for (guint i = 0; i < n; i++)
            order[i] = (int) i;
          for (guint i = n - 1; i > 0; i--)
            {
              guint j = g_rand_int_range (rand, 0, (gint32) i + 1);
              int t = order[i]; order[i] = order[j]; order[j] = t;
            }
          for (guint i = 0; i < n; i++)
            {
              card (s, next, c, order[i]);
              /* every card after the first column has one parent */
              if (c > 0)
                {
                  gint64 parent = g_array_index (previous, gint64,
                                                 i < previous->len ? i
                                                 : (guint) g_rand_int_range (rand, 0, (gint32) previous->len));
                  add_link (s, link_id++, parent, next);
                }
              g_array_append_val (current, next);
              next++;
            }
          g_array_set_size (previous, 0);
          g_array_append_vals (previous, current->data, current->len);
        }

      verkan_model_layout_order (s);
      g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 0);
      assert_positions_dense (s);
    }
}

static void
test_layout_pinned (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (int round = 0; round < 20; round++)
    {
      g_autoptr(VerkanModelSnapshot) s = random_model (rand, 4);
      g_autoptr(GHashTable) pinned = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint before = verkan_model_layout_crossings (s);

      for (guint i = 0; i < s->elements->len; i++)
        {
          VerkanModelElement *e = g_ptr_array_index (s->elements, i);
          if (e->pinned)
            g_hash_table_insert (pinned, &e->id, GINT_TO_POINTER (e->position));
        }

      verkan_model_layout_order (s);
      g_assert_cmpuint (verkan_model_layout_crossings (s), <=, before);

      /* pinned cards where they were; every column still 0 … n-1, since
       * the generated positions were */
      for (guint i = 0; i < s->elements->len; i++)
        {
          VerkanModelElement *e = g_ptr_array_index (s->elements, i);
          if (e->pinned)
            g_assert_cmpint (e->position, ==,
                             GPOINTER_TO_INT (g_hash_table_lookup (pinned, &e->id)));
        }
      assert_positions_dense (s);
    }
}

/* A pinned card holds its place even when the others would rather have it
 * elsewhere, and the others fill around it */
static void
test_layout_pinned_fill (void)
{
  g_autoptr(VerkanModelSnapshot) s = verkan_model_snapshot_new ("Nålad");

  for (int i = 0; i < 4; i++)
    {
      card (s, 1 + i, ACTIVITIES, i);
      card (s, 11 + i, OUTPUTS, i);
    }
  for (int i = 0; i < 4; i++)
    add_link (s, i + 1, 1 + i, 14 - i);
  /* output 14 is pinned at the top: activity 1 should come first too */
  verkan_model_snapshot_find_element (s, 14)->pinned = TRUE;
  verkan_model_snapshot_find_element (s, 14)->position = 0;
  verkan_model_snapshot_find_element (s, 11)->position = 3;

  verkan_model_layout_order (s);
  g_assert_cmpint (position_of (s, 14), ==, 0);
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 0);
  g_assert_cmpint (position_of (s, 1), ==, 0);
  assert_positions_dense (s);
}

/* Links that skip columns count where they pass, and the layout moves cards
 * so that they pass without crossing */
static void
test_layout_spanning (void)
{
  g_autoptr(VerkanModelSnapshot) s = verkan_model_snapshot_new ("Långa länkar");

  /* A(0) → F(1) passes the outputs column at height ½, where B(1) → C(0)
   * crosses it */
  card (s, 1, ACTIVITIES, 0);   /* A */
  card (s, 2, ACTIVITIES, 1);   /* B */
  card (s, 3, OUTPUTS, 0);      /* C */
  card (s, 4, OUTPUTS, 1);      /* D */
  card (s, 5, SHORT, 0);        /* E */
  card (s, 6, SHORT, 1);        /* F */
  add_link (s, 1, 1, 6);
  add_link (s, 2, 2, 3);
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 1);
  verkan_model_layout_order (s);
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 0);
  g_clear_pointer (&s, verkan_model_snapshot_free);

  /* From resources to goals: two links over all six columns that cross
   * each other between the outputs and the short-term effects, and pass a
   * crossed pair of links between activities and outputs: 6 crossings */
  s = verkan_model_snapshot_new ("Över allt");
  card (s, 1, RESOURCES, 0);
  card (s, 2, RESOURCES, 1);
  card (s, 3, GOALS, 0);
  card (s, 4, GOALS, 1);
  add_link (s, 1, 1, 4);
  add_link (s, 2, 2, 3);
  card (s, 11, ACTIVITIES, 0);
  card (s, 12, ACTIVITIES, 1);
  card (s, 13, OUTPUTS, 0);
  card (s, 14, OUTPUTS, 1);
  add_link (s, 3, 11, 14);
  add_link (s, 4, 12, 13);
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 6);
  verkan_model_layout_order (s);
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 0);
  assert_positions_dense (s);
}

/* Nothing the layered picture cannot hold makes the layout stumble */
static void
test_layout_odd_links (void)
{
  g_autoptr(VerkanModelSnapshot) s = verkan_model_snapshot_new ("Udda");
  g_autoptr(VerkanModelSnapshot) empty = verkan_model_snapshot_new ("Tom");

  g_assert_cmpuint (verkan_model_layout_order (empty), ==, 0);
  g_assert_cmpuint (verkan_model_layout_crossings (empty), ==, 0);

  card (s, 1, ACTIVITIES, 0);
  card (s, 2, ACTIVITIES, 1);
  card (s, 3, OUTPUTS, 0);
  card (s, 4, OUTPUTS, 1);
  card (s, 5, VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, 7);
  add_link (s, 1, 1, 2);   /* inside a column */
  add_link (s, 2, 4, 1);   /* backwards: counts as 1 → 4 */
  add_link (s, 3, 2, 3);
  add_link (s, 4, 5, 1);   /* from a band */
  add_link (s, 5, 3, 77);  /* to nothing */
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 1);
  verkan_model_layout_order (s);
  g_assert_cmpuint (verkan_model_layout_crossings (s), ==, 0);
  g_assert_cmpint (position_of (s, 5), ==, 7);
  assert_positions_dense (s);
}

static void
test_layout_deterministic (void)
{
  g_autoptr(GRand) rand_a = g_rand_new_with_seed (2022);
  g_autoptr(GRand) rand_b = g_rand_new_with_seed (2022);

  for (int round = 0; round < 10; round++)
    {
      g_autoptr(VerkanModelSnapshot) a = random_model (rand_a, round % 3);
      g_autoptr(VerkanModelSnapshot) b = random_model (rand_b, round % 3);

      /* the same cards, handed over in another order */
      for (guint i = 0; i < b->elements->len / 2; i++)
        {
          gpointer t = b->elements->pdata[i];
          b->elements->pdata[i] = b->elements->pdata[b->elements->len - 1 - i];
          b->elements->pdata[b->elements->len - 1 - i] = t;
        }

      g_assert_cmpuint (verkan_model_layout_order (a), ==, verkan_model_layout_order (b));
      g_assert_cmpuint (a->elements->len, ==, b->elements->len);
      for (guint i = 0; i < a->elements->len; i++)
        {
          VerkanModelElement *x = g_ptr_array_index (a->elements, i);
          VerkanModelElement *y = g_ptr_array_index (b->elements, i);
          g_assert_cmpint (x->id, ==, y->id);
          g_assert_cmpint (x->position, ==, y->position);
        }
    }
}

/* --- layout in a project file --------------------------------------------- */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("verkan-model-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "modell.verkan", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
insert_card (VerkanProject *project, gint64 model, const char *column, const char *title,
             gboolean pinned)
{
  g_autoptr(GError) error = NULL;
  GVariantDict row;
  gint64 id;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "column_kind", "s", column);
  g_variant_dict_insert (&row, "title", "s", title);
  g_variant_dict_insert (&row, "pinned", "x", (gint64) pinned);
  id = verkan_project_insert (project, "model_element", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
  return id;
}

static void
insert_link (VerkanProject *project, gint64 model, gint64 from, gint64 to)
{
  g_autoptr(GError) error = NULL;
  GVariantDict row;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "from_id", "x", from);
  g_variant_dict_insert (&row, "to_id", "x", to);
  g_variant_dict_insert (&row, "rationale", "s", "Om … så …");
  verkan_project_insert (project, "model_link", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
}

#define POSITIONS_SQL \
  "SELECT group_concat(title || '=' || position, ' ') FROM " \
  "(SELECT * FROM model_element ORDER BY id)"

static void
test_layout_apply (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (f->path, "Logikmodeller", &error);
  g_autoptr(VerkanModelSnapshot) snapshot = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  const char *activities[] = { "Kartläggning", "Workshop", "Utbildning", "Handledning" };
  const char *outputs[] = { "Nulägesrapport", "Metodstöd", "Utbildade handläggare", "Rutiner" };
  gint64 act[4], out[4], other, other_card, band;
  gint64 model;
  guint moved = 0;
  GVariantDict row;

  g_assert_no_error (error);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Nora");
  model = verkan_project_insert (project, "logic_model", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Hällefors");
  other = verkan_project_insert (project, "logic_model", g_variant_dict_end (&row), &error);
  g_assert_no_error (error);

  for (int i = 0; i < 4; i++)
    act[i] = insert_card (project, model, "activities", activities[i], FALSE);
  /* the last output is pinned at the bottom, where it belongs anyway */
  for (int i = 0; i < 4; i++)
    out[i] = insert_card (project, model, "outputs", outputs[i], i == 3);
  band = insert_card (project, model, "assumptions", "Politiskt stöd", FALSE);
  other_card = insert_card (project, other, "activities", "Annan modell", FALSE);
  /* activity i leads to output 2 - i for the first three: all crossed */
  for (int i = 0; i < 3; i++)
    insert_link (project, model, act[i], out[2 - i]);
  insert_link (project, model, act[3], out[3]);
  insert_link (project, model, band, act[0]);

  snapshot = verkan_model_snapshot_load (project, model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verkan_model_layout_crossings (snapshot), ==, 3);
  g_clear_pointer (&snapshot, verkan_model_snapshot_free);

  before = verkan_test_sql_text (f->path, POSITIONS_SQL);
  g_assert_cmpstr (before, ==, "Kartläggning=0 Workshop=1 Utbildning=2 Handledning=3 "
                               "Nulägesrapport=0 Metodstöd=1 Utbildade handläggare=2 Rutiner=3 "
                               "Politiskt stöd=0 Annan modell=0");

  g_assert_true (verkan_model_layout_apply (project, model, &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, >, 0);
  g_assert_cmpstr (verkan_project_get_undo_label (project), ==, "Arrange cards");

  after = verkan_test_sql_text (f->path, POSITIONS_SQL);
  g_test_message ("after: %s", after);
  g_assert_cmpstr (after, !=, before);
  snapshot = verkan_model_snapshot_load (project, model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verkan_model_layout_crossings (snapshot), ==, 0);
  assert_positions_dense (snapshot);
  g_assert_cmpint (position_of (snapshot, out[3]), ==, 3);
  g_assert_cmpint (position_of (snapshot, band), ==, 0);
  g_clear_pointer (&snapshot, verkan_model_snapshot_free);
  g_assert_nonnull (strstr (after, "Annan modell=0"));

  /* one undo puts every card back */
  g_assert_true (verkan_project_undo (project, &error));
  g_assert_no_error (error);
  undone = verkan_test_sql_text (f->path, POSITIONS_SQL);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (verkan_project_redo (project, &error));
  redone = verkan_test_sql_text (f->path, POSITIONS_SQL);
  g_assert_cmpstr (redone, ==, after);

  /* again: nothing left to improve, so nothing to undo */
  g_assert_true (verkan_model_layout_apply (project, model, &moved, &error));
  g_assert_cmpuint (moved, ==, 0);
  g_assert_true (verkan_project_undo (project, &error));
  g_clear_pointer (&undone, g_free);
  undone = verkan_test_sql_text (f->path, POSITIONS_SQL);
  g_assert_cmpstr (undone, ==, before);

  /* a model that is not there */
  g_assert_false (verkan_model_layout_apply (project, 4242, &moved, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (other_card, >, 0);
}

/* --- checks -------------------------------------------------------------- */

static VerkanModelIndicator *
indicator (VerkanModelSnapshot *s, gint64 id, gint64 element, const char *name,
           gboolean complete)
{
  VerkanModelIndicator *ind = verkan_model_snapshot_add_indicator (s, id, element, name);

  if (complete)
    {
      ind->has_baseline_value = TRUE;
      ind->baseline_value = 12.5;
      ind->baseline_year = 2020;
      ind->has_target_value = TRUE;
      ind->target_value = 8;
      ind->target_year = 2023;
    }
  return ind;
}

static VerkanModelElement *
titled (VerkanModelSnapshot *s, gint64 id, VerkanModelColumn column, const char *title)
{
  return verkan_model_snapshot_add_element (s, id, column, title);
}

/* A whole chain from resources to goals, every card linked with a reason,
 * every effect and goal measured */
static VerkanModelSnapshot *
clean_model (void)
{
  VerkanModelSnapshot *s = verkan_model_snapshot_new ("Logikmodell för Nora");

  titled (s, 1, RESOURCES, "Projektledare 50 %");
  titled (s, 2, ACTIVITIES, "Kartläggning av nuläget");
  titled (s, 3, OUTPUTS, "Nulägesrapport");
  titled (s, 4, SHORT, "Gemensam bild av behoven");
  titled (s, 5, LONG, "Fler i egen försörjning");
  titled (s, 6, GOALS, "Minskat långvarigt bistånd");
  titled (s, 7, VERKAN_MODEL_COLUMN_ASSUMPTIONS, "Politiskt stöd");
  titled (s, 8, VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, "Arbetsmarknaden");
  for (gint64 i = 1; i < 6; i++)
    add_link (s, i, i, i + 1);
  /* a link from a band needs no reason, and a band card no links */
  verkan_model_snapshot_add_link (s, 6, 7, 2, "");
  indicator (s, 1, 4, "Andel som känner till rutinen", TRUE);
  indicator (s, 2, 5, "Andel i egen försörjning", TRUE);
  indicator (s, 3, 6, "Andel med långvarigt bistånd", TRUE);
  return s;
}

/* kinds and element ids of what the checks find, as "KIND:ID KIND:ID" */
static char *
summary (VerkanModelSnapshot *s)
{
  static const char *const names[] = {
    "indicator", "values", "nowhere", "cause", "unlinked", "rationale", "cycle",
  };
  g_autoptr(GPtrArray) problems = verkan_model_check_run (s);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      VerkanModelProblem *p = g_ptr_array_index (problems, i);

      g_assert_nonnull (p->message);
      g_assert_cmpstr (p->message, !=, "");
      g_test_message ("%s", p->message);
      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, i ? " " : "",
                              names[p->kind], p->element_id);
    }
  return g_string_free (out, FALSE);
}

static VerkanModelProblem *
only_problem (GPtrArray *problems)
{
  g_assert_cmpuint (problems->len, ==, 1);
  return g_ptr_array_index (problems, 0);
}

static void
test_check_clean (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autoptr(GPtrArray) problems = verkan_model_check_run (s);

  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_check_no_indicator (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autoptr(GPtrArray) problems = NULL;
  VerkanModelProblem *p;
  g_autofree char *found = NULL;

  /* the long-term effect loses its indicator */
  g_ptr_array_remove_index (s->indicators, 1);
  verkan_model_snapshot_find_element (s, 5)->n_indicators = 0;
  problems = verkan_model_check_run (s);
  p = only_problem (problems);
  g_assert_cmpint (p->kind, ==, VERKAN_MODEL_PROBLEM_NO_INDICATOR);
  g_assert_cmpint (p->element_id, ==, 5);
  g_assert_nonnull (strstr (p->message, "“Fler i egen försörjning”"));

  /* a goal without one, and an output without one (outputs need none) */
  titled (s, 20, GOALS, "Ökad samverkan");
  titled (s, 21, OUTPUTS, "Handbok");
  add_link (s, 20, 5, 20);
  add_link (s, 21, 2, 21);
  add_link (s, 22, 21, 4);
  found = summary (s);
  g_assert_cmpstr (found, ==, "indicator:5 indicator:20");
}

static void
test_check_values (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autoptr(GPtrArray) problems = NULL;
  VerkanModelIndicator *a, *b, *c;
  VerkanModelProblem *p;

  /* no target year on the short-term effect's indicator */
  a = g_ptr_array_index (s->indicators, 0);
  a->target_year = 0;
  /* no baseline at all and no target value on the goal's */
  b = g_ptr_array_index (s->indicators, 2);
  b->has_baseline_value = FALSE;
  b->baseline_year = 0;
  b->has_target_value = FALSE;
  /* a second indicator on the goal, with nothing at all */
  c = indicator (s, 4, 6, "Antal hushåll", FALSE);

  problems = verkan_model_check_run (s);
  g_assert_cmpuint (problems->len, ==, 3);

  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->kind, ==, VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET);
  g_assert_cmpint (p->element_id, ==, 4);
  g_assert_cmpint (p->indicator_id, ==, a->id);
  g_assert_nonnull (strstr (p->message, "“Andel som känner till rutinen”"));
  g_assert_nonnull (strstr (p->message, "target"));
  g_assert_null (strstr (p->message, "baseline"));

  p = g_ptr_array_index (problems, 1);
  g_assert_cmpint (p->kind, ==, VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET);
  g_assert_cmpint (p->element_id, ==, 6);
  g_assert_cmpint (p->indicator_id, ==, b->id);
  g_assert_nonnull (strstr (p->message, "baseline"));
  g_assert_nonnull (strstr (p->message, "target"));

  p = g_ptr_array_index (problems, 2);
  g_assert_cmpint (p->element_id, ==, 6);
  g_assert_cmpint (p->indicator_id, ==, c->id);
  g_assert_nonnull (strstr (p->message, "“Antal hushåll”"));
  g_assert_nonnull (strstr (p->message, "“Minskat långvarigt bistånd”"));
}

static void
test_check_activity_leads_nowhere (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autofree char *found = NULL;

  /* resource → activity → output, and there it stops */
  titled (s, 30, ACTIVITIES, "Studiebesök");
  titled (s, 31, OUTPUTS, "Reseberättelse");
  add_link (s, 30, 1, 30);
  add_link (s, 31, 30, 31);
  /* an activity that reaches a goal through two outputs is fine */
  titled (s, 32, ACTIVITIES, "Utbildning");
  titled (s, 33, OUTPUTS, "Kursplan");
  add_link (s, 32, 1, 32);
  add_link (s, 33, 32, 33);
  add_link (s, 34, 33, 3);
  found = summary (s);
  g_assert_cmpstr (found, ==, "nowhere:30");
}

static void
test_check_effect_without_cause (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autofree char *found = NULL;

  /* an effect that leads on to the long-term effect, but nothing leads to it */
  titled (s, 40, SHORT, "Bättre psykisk hälsa");
  indicator (s, 40, 40, "Självskattad hälsa", TRUE);
  add_link (s, 40, 40, 5);
  /* a goal that only a resource leads to (past the activities) */
  titled (s, 41, GOALS, "Stabil bemanning");
  indicator (s, 41, 41, "Personalomsättning", TRUE);
  add_link (s, 41, 1, 41);
  found = summary (s);
  g_assert_cmpstr (found, ==, "cause:40 cause:41");
}

static void
test_check_unlinked (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autofree char *found = NULL;

  titled (s, 50, RESOURCES, "Lokaler");
  titled (s, 51, VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, "Konjunkturen");  /* exempt */
  found = summary (s);
  g_assert_cmpstr (found, ==, "unlinked:50");
}

static void
test_check_rationale (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autoptr(GPtrArray) problems = NULL;
  VerkanModelLink *l;
  VerkanModelProblem *p;

  l = g_ptr_array_index (s->links, 2);   /* output → short-term effect */
  g_free (l->rationale);
  l->rationale = g_strdup (" \t\n");
  problems = verkan_model_check_run (s);
  p = only_problem (problems);
  g_assert_cmpint (p->kind, ==, VERKAN_MODEL_PROBLEM_NO_RATIONALE);
  g_assert_cmpint (p->link_id, ==, 3);
  g_assert_cmpint (p->element_id, ==, 3);
  g_assert_nonnull (strstr (p->message, "“Nulägesrapport”"));
  g_assert_nonnull (strstr (p->message, "“Gemensam bild av behoven”"));
}

static void
test_check_cycle (void)
{
  g_autoptr(VerkanModelSnapshot) s = clean_model ();
  g_autoptr(GPtrArray) problems = NULL;
  VerkanModelProblem *p;

  /* output → short → long → output: one cycle of three cards */
  add_link (s, 60, 5, 3);
  problems = verkan_model_check_run (s);
  p = only_problem (problems);
  g_assert_cmpint (p->kind, ==, VERKAN_MODEL_PROBLEM_CYCLE);
  g_assert_cmpint (p->element_id, ==, 3);
  g_assert_nonnull (strstr (p->message, "“Nulägesrapport” → “Gemensam bild av behoven” → "
                                        "“Fler i egen försörjning” → “Nulägesrapport”"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* and a second, separate one of two cards: two problems, in order */
  titled (s, 61, ACTIVITIES, "Dialog");
  titled (s, 62, ACTIVITIES, "Uppföljning");
  add_link (s, 61, 1, 61);
  add_link (s, 62, 61, 62);
  add_link (s, 63, 62, 61);
  add_link (s, 64, 62, 3);
  problems = verkan_model_check_run (s);
  g_assert_cmpuint (problems->len, ==, 2);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->kind, ==, VERKAN_MODEL_PROBLEM_CYCLE);
  g_assert_cmpint (p->element_id, ==, 61);
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpint (p->element_id, ==, 3);
}

/* Problems come by kind, then by column and position; an empty model and
 * a lone band card have none */
static void
test_check_order (void)
{
  g_autoptr(VerkanModelSnapshot) s = verkan_model_snapshot_new ("Utkast");
  g_autoptr(VerkanModelSnapshot) empty = verkan_model_snapshot_new ("Tom");
  g_autoptr(GPtrArray) none = verkan_model_check_run (empty);
  g_autofree char *found = NULL;

  g_assert_cmpuint (none->len, ==, 0);

  titled (s, 6, GOALS, "Mål");
  titled (s, 5, SHORT, "Effekt");
  titled (s, 4, ACTIVITIES, "Aktivitet");
  titled (s, 3, ACTIVITIES, "");   /* untitled, still named */
  titled (s, 2, VERKAN_MODEL_COLUMN_ASSUMPTIONS, "Antagande");
  verkan_model_snapshot_find_element (s, 3)->position = 0;
  verkan_model_snapshot_find_element (s, 4)->position = 1;
  found = summary (s);
  g_assert_cmpstr (found, ==,
                   "indicator:5 indicator:6 nowhere:3 nowhere:4 cause:5 cause:6 "
                   "unlinked:3 unlinked:4 unlinked:5 unlinked:6");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/layout/random", test_layout_random);
  g_test_add_func ("/model/layout/bad-order", test_layout_bad_order);
  g_test_add_func ("/model/layout/tree", test_layout_tree);
  g_test_add_func ("/model/layout/pinned", test_layout_pinned);
  g_test_add_func ("/model/layout/pinned-fill", test_layout_pinned_fill);
  g_test_add_func ("/model/layout/spanning", test_layout_spanning);
  g_test_add_func ("/model/layout/odd-links", test_layout_odd_links);
  g_test_add_func ("/model/layout/deterministic", test_layout_deterministic);
  g_test_add ("/model/layout/apply", Fixture, NULL, fixture_set_up, test_layout_apply,
              fixture_tear_down);

  g_test_add_func ("/model/check/clean", test_check_clean);
  g_test_add_func ("/model/check/no-indicator", test_check_no_indicator);
  g_test_add_func ("/model/check/values", test_check_values);
  g_test_add_func ("/model/check/activity-leads-nowhere", test_check_activity_leads_nowhere);
  g_test_add_func ("/model/check/effect-without-cause", test_check_effect_without_cause);
  g_test_add_func ("/model/check/unlinked", test_check_unlinked);
  g_test_add_func ("/model/check/rationale", test_check_rationale);
  g_test_add_func ("/model/check/cycle", test_check_cycle);
  g_test_add_func ("/model/check/order", test_check_order);

  return g_test_run ();
}
