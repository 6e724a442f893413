/* verkan-model-layout.c: the order of cards within their columns so that
 * arrows cross as little as possible.
 *
 * The six main columns are the layers of a Sugiyama-style layered drawing;
 * only the order inside each column is ours to choose (cards never change
 * column here).  The steps:
 *
 *  1. A graph of the cards in the main columns.  A link that skips columns
 *     becomes a chain through one virtual node in every column it passes,
 *     so every edge of the graph joins two neighbouring columns.  A link
 *     that points backwards is turned around (it still pulls its two cards
 *     together); links inside one column, to the bands or to cards that are
 *     not there do not fit the layered picture and are left out.
 *
 *  2. Barycentre sweeps, left to right and right to left: each column is
 *     sorted by the mean place of each card's neighbours in the column just
 *     fixed.  After each sweep, adjacent swaps ("transpose") that remove
 *     crossings locally.  Pinned cards keep their position; the others fill
 *     the positions left over.
 *
 *  3. Every ordering the sweeps produce is scored with the same crossing
 *     count that verkan_model_layout_crossings() reports, and the best one
 *     is kept.  The order we started from is a candidate too, so the layout
 *     never makes a model worse by that measure.
 *
 * How a skipping link is scored: the drawing knows nothing of virtual
 * nodes, it draws a link from card to card.  So for counting, a link passes
 * a column between its ends at the height it would have there on a straight
 * line from card to card, with heights measured in card places (the n-th
 * card of a column is at height n).  Within a sweep virtual nodes move
 * freely, as in Sugiyama's method, and pull the cards of the next column
 * along; after each sweep they go back onto their straight lines, so that
 * the next steps, and the score, work on what a person will see.
 *
 * Everything is deterministic: ties go to the previous place, and the
 * first order is by position, then id.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "verkan-model-layout.h"

#define N_LAYERS VERKAN_MODEL_N_MAIN_COLUMNS

/* Sweeps stop after this many rounds (one left-to-right and one
 * right-to-left sweep each), or earlier once this many rounds in a row
 * found nothing better */
#define MAX_ROUNDS        24
#define MAX_STALE_ROUNDS  4
/* Transpose passes over all columns per sweep */
#define MAX_TRANSPOSE_PASSES 6

typedef struct {
  VerkanModelElement *element;  /* NULL: a virtual node, where a link passes a column */
  int                 layer;
  /* virtual nodes: the link and its two real ends (node indices) */
  gint64              link_id;
  guint               from_node;
  guint               to_node;
  /* neighbours in the columns to the left (up) and right (down), as slices
   * of Graph.up_adj and Graph.down_adj */
  guint               up_first, n_up;
  guint               down_first, n_down;
  /* real nodes: the position the order gives it (pinned cards keep theirs) */
  int                 value;
} Node;

typedef struct {
  GArray     *nodes;                 /* of Node */
  guint      *up_adj;
  guint      *down_adj;
  GArray     *layers[N_LAYERS];      /* of guint node index, the order of the sweeps */
  guint      *index;                 /* node → its place in layers[] */
  /* scoring: the order as drawn, with virtual nodes on straight lines */
  GArray     *drawn[N_LAYERS];
  guint      *drawn_index;
  guint      *rank;                  /* real node → its place among the cards of its column */
  gboolean    has_pinned[N_LAYERS];
  /* scratch for counting */
  guint      *tree;
  GArray     *sequence;
  double     *key;
} Graph;

static inline Node *
node_at (Graph *g, guint i)
{
  return &g_array_index (g->nodes, Node, i);
}

static inline gboolean
node_is_real (Graph *g, guint i)
{
  return node_at (g, i)->element != NULL;
}

static inline gboolean
node_is_pinned (Graph *g, guint i)
{
  Node *n = node_at (g, i);
  return n->element != NULL && n->element->pinned;
}

/* --- building the graph -------------------------------------------------- */

typedef struct {
  guint upper;
  guint lower;
} Segment;

static guint
add_node (Graph *g, VerkanModelElement *element, int layer)
{
  Node node = { 0 };

  node.element = element;
  node.layer = layer;
  node.value = element ? element->position : 0;
  g_array_append_val (g->nodes, node);
  return g->nodes->len - 1;
}

static Graph *
graph_new (VerkanModelSnapshot *snapshot)
{
  Graph *g = g_new0 (Graph, 1);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *columns[N_LAYERS] = { NULL };
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  guint n_nodes, max_layer = 0;
  guint *up_fill, *down_fill;

  g->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  for (int l = 0; l < N_LAYERS; l++)
    {
      g->layers[l] = g_array_new (FALSE, FALSE, sizeof (guint));
      g->drawn[l] = g_array_new (FALSE, FALSE, sizeof (guint));
      columns[l] = g_ptr_array_new ();
    }

  /* real nodes, column by column in their present order */
  for (guint i = 0; i < snapshot->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (snapshot->elements, i);
      if ((guint) element->column < N_LAYERS)
        g_ptr_array_add (columns[element->column], element);
    }
  for (int l = 0; l < N_LAYERS; l++)
    {
      g_ptr_array_sort (columns[l], verkan_model_element_compare);
      for (guint i = 0; i < columns[l]->len; i++)
        {
          VerkanModelElement *element = g_ptr_array_index (columns[l], i);
          guint n;

          if (g_hash_table_contains (by_id, &element->id))
            continue;  /* a duplicate id: only the first card takes part */
          n = add_node (g, element, l);
          g_hash_table_insert (by_id, &element->id, GUINT_TO_POINTER (n + 1));
          g_array_append_val (g->layers[l], n);
          if (element->pinned)
            g->has_pinned[l] = TRUE;
        }
      g_ptr_array_unref (columns[l]);
    }

  /* links, as chains of segments between neighbouring columns */
  for (guint i = 0; i < snapshot->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (snapshot->links, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &link->from_id));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &link->to_id));
      guint previous;
      int la, lb;

      if (from == 0 || to == 0)
        continue;  /* to a band, or to a card that is not there */
      from--, to--;
      la = node_at (g, from)->layer;
      lb = node_at (g, to)->layer;
      if (la == lb)
        continue;  /* inside one column */
      if (la > lb)
        {
          /* backwards: the same two cards, seen left to right */
          guint t = from; from = to; to = t;
          int tl = la; la = lb; lb = tl;
        }

      previous = from;
      for (int l = la + 1; l <= lb; l++)
        {
          Segment s;
          guint next;

          if (l < lb)
            {
              next = add_node (g, NULL, l);
              node_at (g, next)->link_id = link->id;
              node_at (g, next)->from_node = from;
              node_at (g, next)->to_node = to;
              g_array_append_val (g->layers[l], next);
            }
          else
            next = to;
          s.upper = previous;
          s.lower = next;
          g_array_append_val (segments, s);
          previous = next;
        }
    }

  /* neighbour lists, packed */
  n_nodes = g->nodes->len;
  g->up_adj = g_new (guint, MAX (segments->len, 1));
  g->down_adj = g_new (guint, MAX (segments->len, 1));
  for (guint i = 0; i < segments->len; i++)
    {
      Segment *s = &g_array_index (segments, Segment, i);
      node_at (g, s->upper)->n_down++;
      node_at (g, s->lower)->n_up++;
    }
  up_fill = g_new0 (guint, n_nodes + 1);
  down_fill = g_new0 (guint, n_nodes + 1);
  for (guint i = 0, up = 0, down = 0; i < n_nodes; i++)
    {
      Node *n = node_at (g, i);
      n->up_first = up_fill[i] = up;
      n->down_first = down_fill[i] = down;
      up += n->n_up;
      down += n->n_down;
    }
  for (guint i = 0; i < segments->len; i++)
    {
      Segment *s = &g_array_index (segments, Segment, i);
      g->down_adj[down_fill[s->upper]++] = s->lower;
      g->up_adj[up_fill[s->lower]++] = s->upper;
    }
  g_free (up_fill);
  g_free (down_fill);

  for (int l = 0; l < N_LAYERS; l++)
    max_layer = MAX (max_layer, g->layers[l]->len);
  g->index = g_new0 (guint, n_nodes + 1);
  g->drawn_index = g_new0 (guint, n_nodes + 1);
  g->rank = g_new0 (guint, n_nodes + 1);
  g->key = g_new0 (double, n_nodes + 1);
  g->tree = g_new0 (guint, max_layer + 1);
  g->sequence = g_array_sized_new (FALSE, FALSE, sizeof (guint), segments->len);
  return g;
}

static void
graph_free (Graph *g)
{
  for (int l = 0; l < N_LAYERS; l++)
    {
      g_array_unref (g->layers[l]);
      g_array_unref (g->drawn[l]);
    }
  g_array_unref (g->nodes);
  g_array_unref (g->sequence);
  g_free (g->up_adj);
  g_free (g->down_adj);
  g_free (g->index);
  g_free (g->drawn_index);
  g_free (g->rank);
  g_free (g->key);
  g_free (g->tree);
  g_free (g);
}

static void
update_index (Graph *g, int layer)
{
  GArray *order = g->layers[layer];

  for (guint i = 0; i < order->len; i++)
    g->index[g_array_index (order, guint, i)] = i;
}

/* --- counting crossings -------------------------------------------------- */

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

/* Crossings between the edges of column @layer and column @layer + 1, with
 * the places in @index.  Two edges cross when their ends come in opposite
 * orders; with the edges listed by upper end and then by lower end, that is
 * an inversion in the list of lower ends, which a Fenwick tree over the
 * places of the lower column counts in O(E log V). */
static guint64
count_between (Graph *g, GArray **layers, const guint *index, int layer)
{
  GArray *upper = layers[layer];
  guint n_lower = layers[layer + 1]->len;
  guint64 crossings = 0;
  guint inserted = 0;

  g_array_set_size (g->sequence, 0);
  for (guint i = 0; i < upper->len; i++)
    {
      Node *n = node_at (g, g_array_index (upper, guint, i));
      guint start = g->sequence->len;

      for (guint k = 0; k < n->n_down; k++)
        {
          guint place = index[g->down_adj[n->down_first + k]];
          g_array_append_val (g->sequence, place);
        }
      if (n->n_down > 1)
        qsort (&g_array_index (g->sequence, guint, start), n->n_down, sizeof (guint), compare_guint);
    }

  memset (g->tree, 0, sizeof (guint) * (n_lower + 1));
  for (guint i = 0; i < g->sequence->len; i++)
    {
      guint place = g_array_index (g->sequence, guint, i) + 1;  /* the tree counts from 1 */
      guint at_most = 0;

      for (guint p = place; p > 0; p -= p & -p)
        at_most += g->tree[p];
      crossings += inserted - at_most;  /* earlier edges that end below this one */
      for (guint p = place; p <= n_lower; p += p & -p)
        g->tree[p]++;
      inserted++;
    }
  return crossings;
}

static guint64
count_all (Graph *g, GArray **layers, const guint *index)
{
  guint64 total = 0;

  for (int l = 0; l + 1 < N_LAYERS; l++)
    total += count_between (g, layers, index, l);
  return total;
}

/* --- the order as drawn -------------------------------------------------- */

/* The height of @node in its column as a fraction num / den: a card at its
 * place among the cards, a virtual node on the straight line between the
 * two cards of its link */
static void
drawn_height (Graph *g, guint node, int layer, gint64 *num, gint64 *den)
{
  Node *n = node_at (g, node);
  Node *a, *b;

  if (n->element != NULL)
    {
      *num = g->rank[node];
      *den = 1;
      return;
    }
  a = node_at (g, n->from_node);
  b = node_at (g, n->to_node);
  *den = b->layer - a->layer;
  *num = (gint64) g->rank[n->from_node] * (b->layer - layer) +
         (gint64) g->rank[n->to_node] * (layer - a->layer);
}

static int
compare_heights (Graph *g, guint x, guint y, int layer)
{
  gint64 xn, xd, yn, yd, left, right;

  drawn_height (g, x, layer, &xn, &xd);
  drawn_height (g, y, layer, &yn, &yd);
  left = xn * yd;
  right = yn * xd;
  return (left > right) - (left < right);
}

typedef struct {
  Graph *g;
  int    layer;
} DrawnContext;

static int
compare_drawn (gconstpointer a, gconstpointer b, gpointer data)
{
  DrawnContext *ctx = data;
  Graph *g = ctx->g;
  guint x = *(const guint *) a, y = *(const guint *) b;
  gboolean xr = node_is_real (g, x), yr = node_is_real (g, y);
  int c;

  if ((c = compare_heights (g, x, y, ctx->layer)) != 0)
    return c;
  /* a link drawn straight through a card: the card first */
  if (xr != yr)
    return xr ? -1 : 1;
  if (xr)
    return (x > y) - (x < y);  /* cards have distinct ranks; never reached */
  /* two links meeting in this column: by where they go next, then by
   * where they came from, so a meeting counts as at most one crossing */
  if ((c = compare_heights (g, x, y, ctx->layer + 1)) != 0)
    return c;
  if ((c = compare_heights (g, x, y, ctx->layer - 1)) != 0)
    return c;
  return (node_at (g, x)->link_id > node_at (g, y)->link_id) -
         (node_at (g, x)->link_id < node_at (g, y)->link_id);
}

/* The cards' order is that of layers[]; the virtual nodes go where their
 * links are drawn */
static void
place_drawn (Graph *g)
{
  for (int l = 0; l < N_LAYERS; l++)
    {
      GArray *order = g->layers[l];
      guint rank = 0;

      for (guint i = 0; i < order->len; i++)
        {
          guint node = g_array_index (order, guint, i);
          if (node_is_real (g, node))
            g->rank[node] = rank++;
        }
    }
  for (int l = 0; l < N_LAYERS; l++)
    {
      DrawnContext ctx = { g, l };
      GArray *drawn = g->drawn[l];

      g_array_set_size (drawn, 0);
      g_array_append_vals (drawn, g->layers[l]->data, g->layers[l]->len);
      g_array_sort_with_data (drawn, compare_drawn, &ctx);
      for (guint i = 0; i < drawn->len; i++)
        g->drawn_index[g_array_index (drawn, guint, i)] = i;
    }
}

/* The crossings a person sees for the cards' present order */
static guint64
count_drawn (Graph *g)
{
  place_drawn (g);
  return count_all (g, g->drawn, g->drawn_index);
}

/* --- pinned cards -------------------------------------------------------- */

static int
compare_by_value (gconstpointer a, gconstpointer b, gpointer data)
{
  Graph *g = data;
  const Node *x = node_at (g, *(const guint *) a);
  const Node *y = node_at (g, *(const guint *) b);

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return (x->element->id > y->element->id) - (x->element->id < y->element->id);
}

/* Gives the cards of @layer the positions of their present order: pinned
 * cards keep theirs, the others take the free positions from 0 upwards.
 * Then, if some are pinned, the cards are put in the order of those
 * positions, in the places cards have in the column (virtual nodes stay). */
static void
assign_positions (Graph *g, int layer)
{
  GArray *order = g->layers[layer];
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GArray) cards = NULL;
  int next = 0;

  if (g->has_pinned[layer])
    {
      taken = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint i = 0; i < order->len; i++)
        {
          guint node = g_array_index (order, guint, i);
          if (node_is_pinned (g, node))
            g_hash_table_add (taken, GINT_TO_POINTER (node_at (g, node)->element->position));
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      guint node = g_array_index (order, guint, i);
      Node *n = node_at (g, node);

      if (n->element == NULL)
        continue;
      if (n->element->pinned)
        {
          n->value = n->element->position;
          continue;
        }
      while (taken != NULL && g_hash_table_contains (taken, GINT_TO_POINTER (next)))
        next++;
      n->value = next++;
    }

  if (!g->has_pinned[layer])
    return;

  cards = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < order->len; i++)
    {
      guint node = g_array_index (order, guint, i);
      if (node_is_real (g, node))
        g_array_append_val (cards, node);
    }
  g_array_sort_with_data (cards, compare_by_value, g);
  for (guint i = 0, k = 0; i < order->len; i++)
    if (node_is_real (g, g_array_index (order, guint, i)))
      g_array_index (order, guint, i) = g_array_index (cards, guint, k++);
  update_index (g, layer);
}

/* --- sweeps -------------------------------------------------------------- */

static int
compare_by_key (gconstpointer a, gconstpointer b, gpointer data)
{
  Graph *g = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (g->key[x] != g->key[y])
    return g->key[x] < g->key[y] ? -1 : 1;
  /* a tie keeps the previous order, which is distinct for every node */
  return (g->index[x] > g->index[y]) - (g->index[x] < g->index[y]);
}

/* Sorts @layer by the barycentre of each node's neighbours in the column
 * just ordered (@from_left: the column to the left).  A node without such
 * neighbours keeps its place as its key, so it stays roughly where it was. */
static void
order_layer (Graph *g, int layer, gboolean from_left)
{
  GArray *order = g->layers[layer];

  for (guint i = 0; i < order->len; i++)
    {
      guint node = g_array_index (order, guint, i);
      Node *n = node_at (g, node);
      const guint *adj = from_left ? &g->up_adj[n->up_first] : &g->down_adj[n->down_first];
      guint count = from_left ? n->n_up : n->n_down;
      double sum = 0;

      if (count == 0)
        {
          g->key[node] = i;
          continue;
        }
      for (guint k = 0; k < count; k++)
        sum += g->index[adj[k]];
      /* the neighbouring column may be longer or shorter; scale its places
       * to this column's so that nodes with and without neighbours mix */
      g->key[node] = (sum / count + 0.5) * order->len /
                     MAX (1, g->layers[from_left ? layer - 1 : layer + 1]->len) - 0.5;
    }
  g_array_sort_with_data (order, compare_by_key, g);
  update_index (g, layer);
  assign_positions (g, layer);
}

/* Crossings among the edges of nodes @u and @v on one side, if @u stands
 * before @v */
static guint
count_pair (Graph *g, const guint *adj_u, guint n_u, const guint *adj_v, guint n_v)
{
  guint crossings = 0;

  for (guint i = 0; i < n_u; i++)
    for (guint j = 0; j < n_v; j++)
      if (g->index[adj_u[i]] > g->index[adj_v[j]])
        crossings++;
  return crossings;
}

static guint
count_pair_both (Graph *g, guint u, guint v)
{
  Node *a = node_at (g, u), *b = node_at (g, v);

  return count_pair (g, &g->up_adj[a->up_first], a->n_up, &g->up_adj[b->up_first], b->n_up) +
         count_pair (g, &g->down_adj[a->down_first], a->n_down,
                     &g->down_adj[b->down_first], b->n_down);
}

/* Swaps neighbours in a column wherever that removes crossings, until no
 * swap helps.  Two cards may not swap if one is pinned (virtual nodes may
 * pass a pinned card: that does not change any card's position). */
static void
transpose (Graph *g)
{
  for (int pass = 0; pass < MAX_TRANSPOSE_PASSES; pass++)
    {
      gboolean improved = FALSE;

      for (int l = 0; l < N_LAYERS; l++)
        {
          GArray *order = g->layers[l];

          for (guint i = 0; i + 1 < order->len; i++)
            {
              guint u = g_array_index (order, guint, i);
              guint v = g_array_index (order, guint, i + 1);

              if (node_is_real (g, u) && node_is_real (g, v) &&
                  (node_is_pinned (g, u) || node_is_pinned (g, v)))
                continue;
              if (count_pair_both (g, v, u) < count_pair_both (g, u, v))
                {
                  g_array_index (order, guint, i) = v;
                  g_array_index (order, guint, i + 1) = u;
                  g->index[v] = i;
                  g->index[u] = i + 1;
                  improved = TRUE;
                }
            }
        }
      if (!improved)
        break;
    }
}

/* The cards' present order, as positions to keep */
static void
save_order (Graph *g, int *saved)
{
  for (int l = 0; l < N_LAYERS; l++)
    {
      GArray *order = g->layers[l];

      assign_positions (g, l);
      for (guint i = 0; i < order->len; i++)
        {
          guint node = g_array_index (order, guint, i);
          if (node_is_real (g, node))
            saved[node] = node_at (g, node)->value;
        }
    }
}

/* Takes the order as drawn (place_drawn()) as the order to work on */
static void
follow_drawn (Graph *g)
{
  for (int l = 0; l < N_LAYERS; l++)
    {
      g_array_set_size (g->layers[l], 0);
      g_array_append_vals (g->layers[l], g->drawn[l]->data, g->drawn[l]->len);
      update_index (g, l);
    }
}

/* --- the public functions ------------------------------------------------ */

guint
verkan_model_layout_order (VerkanModelSnapshot *snapshot)
{
  Graph *g;
  g_autofree int *best = NULL;
  guint64 best_crossings;
  guint changed = 0;
  int stale = 0;

  g_return_val_if_fail (snapshot != NULL, 0);

  g = graph_new (snapshot);
  best = g_new0 (int, g->nodes->len + 1);

  /* start from the order as drawn now, virtual nodes on their lines (after
   * settling positions that a pinned card shares with another card) */
  for (int l = 0; l < N_LAYERS; l++)
    {
      update_index (g, l);
      assign_positions (g, l);
    }
  best_crossings = count_drawn (g);
  follow_drawn (g);
  save_order (g, best);

  for (int round = 0; round < MAX_ROUNDS && best_crossings > 0 && stale < MAX_STALE_ROUNDS; round++)
    {
      gboolean found = FALSE;

      for (int direction = 0; direction < 2; direction++)
        {
          guint64 crossings;

          if (direction == 0)
            for (int l = 1; l < N_LAYERS; l++)
              order_layer (g, l, TRUE);
          else
            for (int l = N_LAYERS - 2; l >= 0; l--)
              order_layer (g, l, FALSE);
          /* within a sweep, virtual nodes move freely and guide the
           * next column; then they go back to where their links are drawn,
           * so that transpose and the next sweep see what a person sees */
          place_drawn (g);
          follow_drawn (g);
          transpose (g);

          crossings = count_drawn (g);
          follow_drawn (g);
          if (crossings < best_crossings)
            {
              best_crossings = crossings;
              save_order (g, best);
              found = TRUE;
            }
        }
      stale = found ? 0 : stale + 1;
    }

  /* write the best order found into the snapshot */
  for (guint i = 0; i < g->nodes->len; i++)
    {
      Node *n = node_at (g, i);

      if (n->element == NULL)
        continue;
      if (n->element->position != best[i])
        {
          n->element->position = best[i];
          changed++;
        }
    }
  graph_free (g);

  /* the snapshot promises its elements by column, then position */
  g_ptr_array_sort (snapshot->elements, verkan_model_element_compare);
  return changed;
}

guint
verkan_model_layout_crossings (VerkanModelSnapshot *snapshot)
{
  Graph *g;
  guint64 crossings;

  g_return_val_if_fail (snapshot != NULL, 0);

  g = graph_new (snapshot);
  crossings = count_drawn (g);
  graph_free (g);
  return (guint) MIN (crossings, G_MAXUINT);
}

gboolean
verkan_model_layout_apply (VerkanProject *project, gint64 model_id, guint *n_moved,
                           GError **error)
{
  g_autoptr(VerkanModelSnapshot) snapshot = NULL;
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GHashTable) before = NULL;
  guint moved = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_moved != NULL)
    *n_moved = 0;

  snapshot = verkan_model_snapshot_load (project, model_id, error);
  if (snapshot == NULL)
    return FALSE;

  before = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < snapshot->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (snapshot->elements, i);
      g_hash_table_insert (before, &element->id, GINT_TO_POINTER (element->position));
    }

  /* in the best order we know already, there is nothing to undo */
  if (verkan_model_layout_order (snapshot) == 0)
    return TRUE;

  /* one command, so one Ctrl+Z puts every card back */
  command = verkan_command_new (_("Arrange cards"));
  for (guint i = 0; i < snapshot->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (snapshot->elements, i);

      if (GPOINTER_TO_INT (g_hash_table_lookup (before, &element->id)) == element->position)
        continue;
      verkan_command_update (command, "model_element", element->id, "position",
                             g_variant_new_int64 (element->position));
      moved++;
    }

  if (!verkan_project_execute (project, command, error))
    return FALSE;
  if (n_moved != NULL)
    *n_moved = moved;
  return TRUE;
}
