/* verkan-model-check.c: the gaps in a logic model that an evaluator would
 * point out.
 *
 * The evaluation of a real project found "logiska luckor": goals without
 * baselines, effects that no activity leads to, goals outside the
 * project's control.  Each check here names one such gap, with the card's
 * title, so that a person can find and mend it while drawing the model.
 *
 * Link checks (unlinked cards, reachability, rationales, cycles) are about
 * the chain from resources to goals; cards in the two bands (assumptions,
 * external factors) stand beside that chain and are left out of them, as
 * are links that touch a band card.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "verkan-model-check.h"

typedef struct {
  VerkanModelSnapshot *snapshot;
  GHashTable          *by_id;      /* element id → index in snapshot->elements + 1 */
  guint                n;          /* elements */
  /* links between main-column cards, packed per element */
  guint               *out_first, *out_count, *out_adj;
  guint               *in_first, *in_count, *in_adj;
  gboolean            *linked;     /* has any link at all, bands included */
  GArray              *found;      /* of Found */
} Checker;

/* A problem with what it sorts by: kind, then the card's column and
 * position, then the second card or the indicator's order */
typedef struct {
  VerkanModelProblem *problem;
  int                 column;
  int                 position;
  gint64              element_id;
  int                 second_column;
  int                 second_position;
  guint               sequence;
} Found;

void
verkan_model_problem_free (VerkanModelProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static VerkanModelElement *
element_at (Checker *c, guint i)
{
  return g_ptr_array_index (c->snapshot->elements, i);
}

static gboolean
is_main (const VerkanModelElement *element)
{
  return (guint) element->column < VERKAN_MODEL_N_MAIN_COLUMNS;
}

/* index of the element with @id, or -1 */
static int
lookup (Checker *c, gint64 id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (c->by_id, &id)) - 1;
}

/* NULL, empty, or only white space */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* A card's title as people see it; an empty one still needs a name */
static const char *
title_of (const VerkanModelElement *element)
{
  if (is_blank (element->title))
    return _("Untitled card");
  return element->title;
}

static const char *
name_of (const VerkanModelIndicator *indicator)
{
  if (is_blank (indicator->name))
    return _("Unnamed indicator");
  return indicator->name;
}

static void
add_problem (Checker *c, VerkanModelProblemKind kind, const VerkanModelElement *element,
             const VerkanModelElement *second, gint64 link_id, gint64 indicator_id,
             char *message)
{
  VerkanModelProblem *problem = g_new0 (VerkanModelProblem, 1);
  Found found = { 0 };

  problem->kind = kind;
  problem->element_id = element ? element->id : 0;
  problem->link_id = link_id;
  problem->indicator_id = indicator_id;
  problem->message = message;

  found.problem = problem;
  found.column = element ? (int) element->column : -1;
  found.position = element ? element->position : -1;
  found.element_id = element ? element->id : 0;
  found.second_column = second ? (int) second->column : -1;
  found.second_position = second ? second->position : -1;
  found.sequence = c->found->len;
  g_array_append_val (c->found, found);
}

/* --- the graph of links between main-column cards ----------------------- */

static void
checker_init (Checker *c, VerkanModelSnapshot *snapshot)
{
  GPtrArray *links = snapshot->links;
  guint n_edges = 0;
  guint *out_fill, *in_fill;

  c->snapshot = snapshot;
  c->n = snapshot->elements->len;
  c->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  c->found = g_array_new (FALSE, FALSE, sizeof (Found));
  for (guint i = 0; i < c->n; i++)
    {
      VerkanModelElement *element = element_at (c, i);
      if (!g_hash_table_contains (c->by_id, &element->id))
        g_hash_table_insert (c->by_id, &element->id, GINT_TO_POINTER (i + 1));
    }

  c->out_first = g_new0 (guint, c->n + 1);
  c->out_count = g_new0 (guint, c->n + 1);
  c->in_first = g_new0 (guint, c->n + 1);
  c->in_count = g_new0 (guint, c->n + 1);
  c->linked = g_new0 (gboolean, c->n + 1);
  for (guint i = 0; i < links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (links, i);
      int from = lookup (c, link->from_id), to = lookup (c, link->to_id);

      if (from < 0 || to < 0 || from == to)
        continue;
      c->linked[from] = c->linked[to] = TRUE;
      if (!is_main (element_at (c, from)) || !is_main (element_at (c, to)))
        continue;
      c->out_count[from]++;
      c->in_count[to]++;
      n_edges++;
    }

  c->out_adj = g_new (guint, n_edges + 1);
  c->in_adj = g_new (guint, n_edges + 1);
  out_fill = g_new0 (guint, c->n + 1);
  in_fill = g_new0 (guint, c->n + 1);
  for (guint i = 0, out = 0, in = 0; i < c->n; i++)
    {
      c->out_first[i] = out_fill[i] = out;
      c->in_first[i] = in_fill[i] = in;
      out += c->out_count[i];
      in += c->in_count[i];
    }
  /* in the order of the links, which the snapshot keeps stable */
  for (guint i = 0; i < links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (links, i);
      int from = lookup (c, link->from_id), to = lookup (c, link->to_id);

      if (from < 0 || to < 0 || from == to ||
          !is_main (element_at (c, from)) || !is_main (element_at (c, to)))
        continue;
      c->out_adj[out_fill[from]++] = to;
      c->in_adj[in_fill[to]++] = from;
    }
  g_free (out_fill);
  g_free (in_fill);
}

static void
checker_clear (Checker *c)
{
  g_hash_table_unref (c->by_id);
  g_free (c->out_first);
  g_free (c->out_count);
  g_free (c->out_adj);
  g_free (c->in_first);
  g_free (c->in_count);
  g_free (c->in_adj);
  g_free (c->linked);
  g_array_unref (c->found);
}

/* Marks every card reachable from a card for which @is_start holds,
 * following links forwards or, with @backwards, against their direction */
static gboolean *
reach (Checker *c, gboolean (*is_start) (const VerkanModelElement *), gboolean backwards)
{
  gboolean *seen = g_new0 (gboolean, c->n + 1);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < c->n; i++)
    if (is_start (element_at (c, i)))
      {
        seen[i] = TRUE;
        g_array_append_val (stack, i);
      }
  while (stack->len > 0)
    {
      guint v = g_array_index (stack, guint, stack->len - 1);
      const guint *adj = backwards ? &c->in_adj[c->in_first[v]] : &c->out_adj[c->out_first[v]];
      guint count = backwards ? c->in_count[v] : c->out_count[v];

      g_array_set_size (stack, stack->len - 1);
      for (guint k = 0; k < count; k++)
        if (!seen[adj[k]])
          {
            seen[adj[k]] = TRUE;
            g_array_append_val (stack, adj[k]);
          }
    }
  return seen;
}

static gboolean
is_activity (const VerkanModelElement *element)
{
  return element->column == VERKAN_MODEL_COLUMN_ACTIVITIES;
}

static gboolean
is_effect_or_goal (const VerkanModelElement *element)
{
  return element->column == VERKAN_MODEL_COLUMN_SHORT_TERM_EFFECTS ||
         element->column == VERKAN_MODEL_COLUMN_LONG_TERM_EFFECTS ||
         element->column == VERKAN_MODEL_COLUMN_GOALS;
}

/* --- the checks ---------------------------------------------------------- */

static void
check_indicators_present (Checker *c)
{
  for (guint i = 0; i < c->n; i++)
    {
      VerkanModelElement *element = element_at (c, i);

      if (!is_effect_or_goal (element) || element->n_indicators > 0)
        continue;
      if (element->column == VERKAN_MODEL_COLUMN_GOALS)
        add_problem (c, VERKAN_MODEL_PROBLEM_NO_INDICATOR, element, NULL, 0, 0,
                     g_strdup_printf (_("“%s” is a goal but has no indicator to show whether it is reached."),
                                      title_of (element)));
      else
        add_problem (c, VERKAN_MODEL_PROBLEM_NO_INDICATOR, element, NULL, 0, 0,
                     g_strdup_printf (_("“%s” is an effect but has no indicator to show whether it happens."),
                                      title_of (element)));
    }
}

typedef enum {
  PART_COMPLETE,
  PART_MISSING,       /* neither value nor year */
  PART_NO_YEAR,       /* a value without a year */
  PART_NO_VALUE,      /* a year without a value */
} PartState;

static PartState
part_state (gboolean has_value, int year)
{
  if (has_value && year != 0)
    return PART_COMPLETE;
  if (has_value)
    return PART_NO_YEAR;
  if (year != 0)
    return PART_NO_VALUE;
  return PART_MISSING;
}

/* One problem per indicator, saying which part is missing: a baseline to
 * measure from and a target to measure against, each a value and a year */
static void
check_indicator_values (Checker *c)
{
  GPtrArray *indicators = c->snapshot->indicators;

  for (guint i = 0; i < indicators->len; i++)
    {
      VerkanModelIndicator *indicator = g_ptr_array_index (indicators, i);
      int at = lookup (c, indicator->element_id);
      VerkanModelElement *element = at >= 0 ? element_at (c, at) : NULL;
      PartState baseline = part_state (indicator->has_baseline_value, indicator->baseline_year);
      PartState target = part_state (indicator->has_target_value, indicator->target_year);
      const char *name = name_of (indicator);
      const char *card = element ? title_of (element) : "";
      g_autofree char *first = NULL;
      char *message;

      if (element == NULL || (baseline == PART_COMPLETE && target == PART_COMPLETE))
        continue;

      switch (baseline)
        {
        case PART_MISSING:
          first = g_strdup_printf (_("The indicator “%s” on “%s” has no baseline."), name, card);
          break;
        case PART_NO_YEAR:
          first = g_strdup_printf (_("The indicator “%s” on “%s” has a baseline value but no year for it."),
                                   name, card);
          break;
        case PART_NO_VALUE:
          first = g_strdup_printf (_("The indicator “%s” on “%s” has a baseline year but no value for it."),
                                   name, card);
          break;
        case PART_COMPLETE:
        default:
          break;
        }

      if (first == NULL)
        {
          /* only the target is wanting */
          switch (target)
            {
            case PART_MISSING:
              message = g_strdup_printf (_("The indicator “%s” on “%s” has no target."), name, card);
              break;
            case PART_NO_YEAR:
              message = g_strdup_printf (_("The indicator “%s” on “%s” has a target value but no year for it."),
                                         name, card);
              break;
            case PART_NO_VALUE:
            case PART_COMPLETE:
            default:
              message = g_strdup_printf (_("The indicator “%s” on “%s” has a target year but no value for it."),
                                         name, card);
              break;
            }
        }
      else
        {
          const char *second = NULL;

          switch (target)
            {
            case PART_MISSING:
              second = _("It has no target either.");
              break;
            case PART_NO_YEAR:
              second = _("Its target has a value but no year.");
              break;
            case PART_NO_VALUE:
              second = _("Its target has a year but no value.");
              break;
            case PART_COMPLETE:
            default:
              break;
            }
          message = second ? g_strconcat (first, " ", second, NULL) : g_steal_pointer (&first);
        }

      /* sorted after the card, then in the indicators' own order */
      add_problem (c, VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET, element, NULL, 0,
                   indicator->id, message);
    }
}

static void
check_reachability (Checker *c)
{
  g_autofree gboolean *leads_to_effect = reach (c, is_effect_or_goal, TRUE);
  g_autofree gboolean *reached = reach (c, is_activity, FALSE);

  /* an activity that leads to no effect or goal: no effect or goal is
   * reached backwards from it, i.e. it is not among the cards from which
   * one is reached */
  for (guint i = 0; i < c->n; i++)
    {
      VerkanModelElement *element = element_at (c, i);

      if (is_activity (element) && !leads_to_effect[i])
        add_problem (c, VERKAN_MODEL_PROBLEM_ACTIVITY_LEADS_NOWHERE, element, NULL, 0, 0,
                     g_strdup_printf (_("The activity “%s” leads to no effect or goal."),
                                      title_of (element)));
    }

  for (guint i = 0; i < c->n; i++)
    {
      VerkanModelElement *element = element_at (c, i);

      if (!is_effect_or_goal (element) || reached[i])
        continue;
      if (element->column == VERKAN_MODEL_COLUMN_GOALS)
        add_problem (c, VERKAN_MODEL_PROBLEM_EFFECT_WITHOUT_CAUSE, element, NULL, 0, 0,
                     g_strdup_printf (_("No activity leads to the goal “%s”."), title_of (element)));
      else
        add_problem (c, VERKAN_MODEL_PROBLEM_EFFECT_WITHOUT_CAUSE, element, NULL, 0, 0,
                     g_strdup_printf (_("No activity leads to the effect “%s”."), title_of (element)));
    }
}

static void
check_unlinked (Checker *c)
{
  for (guint i = 0; i < c->n; i++)
    {
      VerkanModelElement *element = element_at (c, i);

      if (is_main (element) && !c->linked[i])
        add_problem (c, VERKAN_MODEL_PROBLEM_UNLINKED, element, NULL, 0, 0,
                     g_strdup_printf (_("“%s” is not linked to any other card."), title_of (element)));
    }
}

static void
check_rationales (Checker *c)
{
  GPtrArray *links = c->snapshot->links;

  for (guint i = 0; i < links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (links, i);
      int from = lookup (c, link->from_id), to = lookup (c, link->to_id);
      VerkanModelElement *a, *b;

      if (from < 0 || to < 0)
        continue;
      a = element_at (c, from);
      b = element_at (c, to);
      if (!is_main (a) || !is_main (b))
        continue;
      if (!is_blank (link->rationale))
        continue;
      add_problem (c, VERKAN_MODEL_PROBLEM_NO_RATIONALE, a, b, link->id, 0,
                   g_strdup_printf (_("The link from “%s” to “%s” has no rationale: "
                                      "why does the one lead to the other?"),
                                    title_of (a), title_of (b)));
    }
}

/* --- cycles: Tarjan's strongly connected components ---------------------- */

/* Does @x come before @y in the drawing (column, then position, then id)? */
static gboolean
drawn_before (const VerkanModelElement *x, const VerkanModelElement *y)
{
  if (x->column != y->column)
    return x->column < y->column;
  if (x->position != y->position)
    return x->position < y->position;
  return x->id < y->id;
}

typedef struct {
  guint node;
  guint next_edge;
} Frame;

/* Every component of more than one card holds a cycle (self-links cannot
 * exist).  Each component is reported once, with one cycle through its
 * first card as drawn: the shortest way round, found by a breadth-first
 * search inside the component. */
static void
report_component (Checker *c, const guint *members, guint n_members, const guint *component,
                  guint id)
{
  g_autofree guint *parent = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GString) names = NULL;
  g_autoptr(GArray) path = NULL;
  guint start = members[0];
  guint last = G_MAXUINT;
  VerkanModelElement *first;

  for (guint i = 1; i < n_members; i++)
    if (drawn_before (element_at (c, members[i]), element_at (c, start)))
      start = members[i];
  first = element_at (c, start);

  parent = g_new (guint, c->n + 1);
  for (guint i = 0; i < n_members; i++)
    parent[members[i]] = G_MAXUINT;
  queue = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (queue, start);
  for (guint head = 0; head < queue->len && last == G_MAXUINT; head++)
    {
      guint v = g_array_index (queue, guint, head);

      for (guint k = 0; k < c->out_count[v]; k++)
        {
          guint w = c->out_adj[c->out_first[v] + k];

          if (component[w] != id)
            continue;
          if (w == start)
            {
              last = v;  /* back at the start: the cycle closes */
              break;
            }
          if (parent[w] == G_MAXUINT)
            {
              parent[w] = v;
              g_array_append_val (queue, w);
            }
        }
    }
  g_assert (last != G_MAXUINT);

  /* the cycle backwards from its last card, then turned around */
  path = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint v = last; v != start; v = parent[v])
    g_array_append_val (path, v);
  g_array_append_val (path, start);

  names = g_string_new (NULL);
  for (guint i = path->len; i > 0; i--)
    g_string_append_printf (names, "“%s” → ", title_of (element_at (c, g_array_index (path, guint, i - 1))));
  g_string_append_printf (names, "“%s”", title_of (first));

  add_problem (c, VERKAN_MODEL_PROBLEM_CYCLE, first, NULL, 0, 0,
               /* TRANSLATORS: %s is a list of cards: “A” → “B” → “A” */
               g_strdup_printf (_("The links lead in a circle: %s."), names->str));
}

static void
check_cycles (Checker *c)
{
  g_autofree guint *order = g_new (guint, c->n + 1);    /* discovery number + 1; 0: unseen */
  g_autofree guint *low = g_new (guint, c->n + 1);
  g_autofree gboolean *on_stack = g_new0 (gboolean, c->n + 1);
  g_autofree guint *component = g_new (guint, c->n + 1);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  guint counter = 0, n_components = 0;

  memset (order, 0, sizeof (guint) * (c->n + 1));
  for (guint i = 0; i < c->n; i++)
    component[i] = G_MAXUINT;

  /* iterative, so that a long chain of cards cannot exhaust the C stack */
  for (guint root = 0; root < c->n; root++)
    {
      Frame top = { root, 0 };

      if (order[root] != 0 || !is_main (element_at (c, root)))
        continue;
      order[root] = low[root] = ++counter;
      g_array_append_val (stack, root);
      on_stack[root] = TRUE;
      g_array_append_val (frames, top);

      while (frames->len > 0)
        {
          Frame *f = &g_array_index (frames, Frame, frames->len - 1);
          guint v = f->node;

          if (f->next_edge < c->out_count[v])
            {
              guint w = c->out_adj[c->out_first[v] + f->next_edge++];

              if (order[w] == 0)
                {
                  Frame child = { w, 0 };
                  order[w] = low[w] = ++counter;
                  g_array_append_val (stack, w);
                  on_stack[w] = TRUE;
                  g_array_append_val (frames, child);
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], order[w]);
              continue;
            }

          /* all of v's links followed */
          if (low[v] == order[v])
            {
              guint start = stack->len;
              guint id = n_components++;

              do
                start--;
              while (g_array_index (stack, guint, start) != v);
              for (guint k = start; k < stack->len; k++)
                {
                  guint w = g_array_index (stack, guint, k);
                  on_stack[w] = FALSE;
                  component[w] = id;
                }
              if (stack->len - start > 1)
                report_component (c, &g_array_index (stack, guint, start), stack->len - start,
                                  component, id);
              g_array_set_size (stack, start);
            }
          g_array_set_size (frames, frames->len - 1);
          if (frames->len > 0)
            {
              guint parent = g_array_index (frames, Frame, frames->len - 1).node;
              low[parent] = MIN (low[parent], low[v]);
            }
        }
    }
}

/* --- running them all ---------------------------------------------------- */

static int
compare_found (gconstpointer a, gconstpointer b)
{
  const Found *x = a, *y = b;

#define CMP(field) if (x->field != y->field) return x->field < y->field ? -1 : 1
  CMP (problem->kind);
  CMP (column);
  CMP (position);
  CMP (element_id);
  CMP (second_column);
  CMP (second_position);
  CMP (sequence);
#undef CMP
  return 0;
}

GPtrArray *
verkan_model_check_run (VerkanModelSnapshot *snapshot)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_model_problem_free);
  Checker c = { 0 };

  g_return_val_if_fail (snapshot != NULL, problems);

  checker_init (&c, snapshot);
  check_indicators_present (&c);
  check_indicator_values (&c);
  check_reachability (&c);
  check_unlinked (&c);
  check_rationales (&c);
  check_cycles (&c);

  g_array_sort (c.found, compare_found);
  for (guint i = 0; i < c.found->len; i++)
    g_ptr_array_add (problems, g_array_index (c.found, Found, i).problem);
  checker_clear (&c);
  return problems;
}
