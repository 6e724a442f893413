/* bench-model-layout.c: how fast the automatic layout orders a large model.
 *
 * Generates a logic model with 1,000 cards over the six main columns and
 * 2,000 links, most between neighbouring columns and some skipping one or
 * two, then prints the median time of verkan_model_layout_order() over
 * several runs and the crossings before and after.  The target is
 * under 100 ms.  Figures, not assertions: the machines are shared and noisy.
 *
 * The model has a hidden good order (each card has a place from 0 to 1 and
 * links mostly join cards with nearby places), and the cards are stored
 * in a shuffled order, as a model looks after many hands have edited it.
 */
#include "bench-stats.h"

#include "verkan-model-layout.h"

#define RUNS      9
#define N_CARDS   1000
#define N_LINKS   2000
#define SEED      20220615

/* cards per column, resources to goals */
static const guint column_sizes[VERKAN_MODEL_N_MAIN_COLUMNS] = { 80, 250, 250, 200, 140, 80 };

typedef struct {
  gint64 id;
  double place;   /* the hidden good order */
} Card;

static VerkanModelSnapshot *
generate (void)
{
  VerkanModelSnapshot *snapshot = verkan_model_snapshot_new ("Bänkmodell");
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *columns[VERKAN_MODEL_N_MAIN_COLUMNS];
  gint64 next_id = 1;
  guint n_links = 0;

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      g_autofree int *positions = g_new (int, column_sizes[c]);

      columns[c] = g_array_new (FALSE, FALSE, sizeof (Card));
      /* a shuffled order of positions */
      for (guint i = 0; i < column_sizes[c]; i++)
        positions[i] = (int) i;
      for (guint i = column_sizes[c] - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, (gint32) i + 1);
          int t = positions[i]; positions[i] = positions[j]; positions[j] = t;
        }
      for (guint i = 0; i < column_sizes[c]; i++)
        {
          g_autofree char *title = g_strdup_printf ("Kort %" G_GINT64_FORMAT, next_id);
          VerkanModelElement *element;
          Card card = { next_id, (i + 0.5) / column_sizes[c] };

          element = verkan_model_snapshot_add_element (snapshot, next_id, c, title);
          element->position = positions[i];
          g_array_append_val (columns[c], card);
          next_id++;
        }
    }

  while (n_links < N_LINKS)
    {
      guint from_column = g_rand_int_range (rand, 0, VERKAN_MODEL_N_MAIN_COLUMNS - 1);
      guint span = 1;
      guint to_column;
      Card *from, *to = NULL;
      double r = g_rand_double (rand);
      g_autofree char *pair = NULL;

      /* mostly to the next column, some skipping one or two */
      if (r > 0.85)
        span = r > 0.96 ? 3 : 2;
      to_column = MIN (from_column + span, VERKAN_MODEL_N_MAIN_COLUMNS - 1);
      from = &g_array_index (columns[from_column], Card,
                             g_rand_int_range (rand, 0, (gint32) columns[from_column]->len));
      /* a card with a nearby hidden place, mostly */
      for (int tries = 0; tries < 50 && to == NULL; tries++)
        {
          Card *candidate = &g_array_index (columns[to_column], Card,
                                            g_rand_int_range (rand, 0, (gint32) columns[to_column]->len));
          double reach = g_rand_double (rand) < 0.9 ? 0.04 : 1.0;
          if (ABS (candidate->place - from->place) <= reach)
            to = candidate;
        }
      if (to == NULL)
        continue;
      pair = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, from->id, to->id);
      if (g_hash_table_contains (pairs, pair))
        continue;
      g_hash_table_add (pairs, g_steal_pointer (&pair));
      n_links++;
      verkan_model_snapshot_add_link (snapshot, n_links, from->id, to->id, "Om … så …");
    }

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    g_array_unref (columns[c]);
  return snapshot;
}

/* The crossings of the generator's hidden order, for comparison: the cards
 * were made in that order, so their ids count up through each column */
static guint
hidden_order_crossings (void)
{
  g_autoptr(VerkanModelSnapshot) snapshot = generate ();
  gint64 first = 1;

  for (guint c = 0; c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      for (guint i = 0; i < snapshot->elements->len; i++)
        {
          VerkanModelElement *element = g_ptr_array_index (snapshot->elements, i);
          if (element->column == c)
            element->position = (int) (element->id - first);
        }
      first += column_sizes[c];
    }
  return verkan_model_layout_crossings (snapshot);
}

int
main (int argc, char **argv)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint before = 0, after = 0, moved = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(VerkanModelSnapshot) snapshot = generate ();
      gint64 start;
      double ms;

      before = verkan_model_layout_crossings (snapshot);
      start = g_get_monotonic_time ();
      moved = verkan_model_layout_order (snapshot);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
      after = verkan_model_layout_crossings (snapshot);
    }

  g_print ("model: %d cards, %d links, 6 columns\n", N_CARDS, N_LINKS);
  g_print ("layout order: median %.1f ms over %u runs (target < 100 ms)\n",
           bench_median (samples), RUNS);
  g_print ("crossings: %u before, %u after (%u cards moved); the hidden order it was generated from has %u\n",
           before, after, moved, hidden_order_crossings ());
  return 0;
}
