/* verkan-model-exchange.c: "Skicka till kommun" and merging what comes back
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange file is an ordinary project file made with
 * verkan_project_create(): the project's title and municipalities, one
 * model with its cards, links and indicators (UUIDs and positions kept),
 * and one row in model_exchange holding the model as sent (its XML, the
 * base of the merge) and the indicator catalog.
 *
 * A merge turns three snapshots (base, ours, theirs) into records: per
 * row its UUID and the compared columns as canonical text, references to
 * cards as the cards' UUIDs.  Comparing records field by field gives the
 * changes.  Positions and the pinned flag are layout and not compared:
 * one card added at the top of a column would otherwise "change" every
 * card below it.  Applying builds one VerkanCommand; added cards get
 * explicit ids (MAX(id) + n) so that their indicators and links can
 * point at them within the same command.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "verkan-format.h"
#include "verkan-model-edit.h"
#include "verkan-model-exchange.h"
#include "verkan-sql.h"
#include "verkan-vocabulary.h"

/* --- the compared columns ------------------------------------------------ */

typedef enum {
  FIELD_TEXT,      /* TEXT NOT NULL */
  FIELD_OPTIONAL,  /* TEXT or NULL */
  FIELD_COLUMN,    /* a column token */
  FIELD_STATUS,    /* a goal status token */
  FIELD_NUMBER,    /* REAL or NULL */
  FIELD_YEAR,      /* INTEGER or NULL */
  FIELD_BOOLEAN,   /* INTEGER 0 or 1 */
  FIELD_CARD,      /* INTEGER id of a card, compared as the card's uuid */
} FieldType;

typedef struct {
  const char *column;
  const char *label;   /* N_(), lower case: it follows a colon */
  FieldType   type;
} FieldSpec;

#define MAX_FIELDS 10

typedef enum { TABLE_MODEL, TABLE_ELEMENT, TABLE_INDICATOR, TABLE_LINK, N_TABLES } TableKind;

typedef struct {
  const char      *table;
  const FieldSpec *fields;
  guint            n_fields;
} TableSpec;

static const FieldSpec model_fields[] = {
  /* Translators: the fields of a logic model, card, indicator or link
   * named in a change: "Changed card “Coaching”: responsible unit" */
  { "title",            N_("title"),             FIELD_TEXT },
  { "municipality",     N_("municipality"),      FIELD_OPTIONAL },
  { "date",             N_("date"),              FIELD_OPTIONAL },
  { "show_assumptions", N_("assumptions band"),  FIELD_BOOLEAN },
  { "show_external",    N_("external factors band"), FIELD_BOOLEAN },
};

static const FieldSpec element_fields[] = {
  { "column_kind", N_("column"),           FIELD_COLUMN },
  { "title",       N_("title"),            FIELD_TEXT },
  { "text",        N_("text"),             FIELD_TEXT },
  { "responsible", N_("responsible unit"), FIELD_TEXT },
  { "status",      N_("status"),           FIELD_STATUS },
};

static const FieldSpec indicator_fields[] = {
  { "element_id",       N_("card"),           FIELD_CARD },
  { "name",             N_("name"),           FIELD_TEXT },
  { "unit",             N_("unit"),           FIELD_TEXT },
  { "kolada_kpi",       N_("Kolada KPI"),     FIELD_OPTIONAL },
  { "source",           N_("source"),         FIELD_TEXT },
  { "baseline_value",   N_("baseline value"), FIELD_NUMBER },
  { "baseline_year",    N_("baseline year"),  FIELD_YEAR },
  { "target_value",     N_("target value"),   FIELD_NUMBER },
  { "target_year",      N_("target year"),    FIELD_YEAR },
  { "higher_is_better", N_("direction"),      FIELD_BOOLEAN },
};

static const FieldSpec link_fields[] = {
  { "from_id",   N_("from card"), FIELD_CARD },
  { "to_id",     N_("to card"),   FIELD_CARD },
  { "rationale", N_("rationale"), FIELD_TEXT },
};

static const TableSpec table_specs[N_TABLES] = {
  { "logic_model",   model_fields,     G_N_ELEMENTS (model_fields) },
  { "model_element", element_fields,   G_N_ELEMENTS (element_fields) },
  { "indicator",     indicator_fields, G_N_ELEMENTS (indicator_fields) },
  { "model_link",    link_fields,      G_N_ELEMENTS (link_fields) },
};

/* --- records: one row of one side ----------------------------------------- */

typedef struct {
  TableKind  table;
  gint64     id;                   /* in its own file (made up for the base) */
  char      *uuid;
  char      *values[MAX_FIELDS];   /* canonical text; NULL is SQL NULL */
  int        column;               /* of the card (of an indicator: its card's) */
  int        position;
} Record;

static void
record_free (Record *record)
{
  g_free (record->uuid);
  for (guint i = 0; i < MAX_FIELDS; i++)
    g_free (record->values[i]);
  g_free (record);
}

typedef struct {
  Record     *model;
  GHashTable *records[N_TABLES];   /* uuid → Record; [TABLE_MODEL] unused */
  GPtrArray  *order[N_TABLES];     /* the records in the snapshot's order */
} Side;

static void
side_free (Side *side)
{
  if (side == NULL)
    return;
  g_clear_pointer (&side->model, record_free);
  for (guint t = 0; t < N_TABLES; t++)
    {
      g_clear_pointer (&side->records[t], g_hash_table_unref);
      g_clear_pointer (&side->order[t], g_ptr_array_unref);
    }
  g_free (side);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Side, side_free)

static char *
dup_number (gboolean has_value, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return has_value ? g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)) : NULL;
}

static char *
dup_year (int year)
{
  return year != 0 ? g_strdup_printf ("%d", year) : NULL;
}

static Record *
record_new (Side *side, TableKind table, gint64 id, const char *uuid)
{
  Record *record = g_new0 (Record, 1);

  record->table = table;
  record->id = id;
  record->uuid = g_strdup (uuid ? uuid : "");
  if (table != TABLE_MODEL)
    {
      g_hash_table_replace (side->records[table], record->uuid, record);
      g_ptr_array_add (side->order[table], record);
    }
  return record;
}

static Side *
side_new (VerkanModelSnapshot *snapshot)
{
  Side *side = g_new0 (Side, 1);
  g_autoptr(GHashTable) cards = g_hash_table_new (g_int64_hash, g_int64_equal);
  Record *record;

  for (guint t = 0; t < N_TABLES; t++)
    {
      side->records[t] = g_hash_table_new (g_str_hash, g_str_equal);
      side->order[t] = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
    }

  record = side->model = record_new (side, TABLE_MODEL, snapshot->id, snapshot->uuid);
  record->values[0] = g_strdup (snapshot->title ? snapshot->title : "");
  record->values[1] = g_strdup (snapshot->municipality);
  record->values[2] = g_strdup (snapshot->date);
  record->values[3] = g_strdup (snapshot->show_assumptions ? "1" : "0");
  record->values[4] = g_strdup (snapshot->show_external ? "1" : "0");
  record->column = -1;

  for (guint i = 0; i < snapshot->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (snapshot->elements, i);

      record = record_new (side, TABLE_ELEMENT, element->id, element->uuid);
      record->values[0] = g_strdup (verkan_model_column_token (element->column));
      record->values[1] = g_strdup (element->title ? element->title : "");
      record->values[2] = g_strdup (element->text ? element->text : "");
      record->values[3] = g_strdup (element->responsible ? element->responsible : "");
      record->values[4] = g_strdup (element->status ? element->status : "not-assessed");
      record->column = element->column;
      record->position = element->position;
      g_hash_table_insert (cards, &element->id, record);
    }

  for (guint i = 0; i < snapshot->indicators->len; i++)
    {
      VerkanModelIndicator *indicator = g_ptr_array_index (snapshot->indicators, i);
      Record *card = g_hash_table_lookup (cards, &indicator->element_id);

      if (card == NULL)
        continue;
      record = record_new (side, TABLE_INDICATOR, indicator->id, indicator->uuid);
      record->values[0] = g_strdup (card->uuid);
      record->values[1] = g_strdup (indicator->name ? indicator->name : "");
      record->values[2] = g_strdup (indicator->unit ? indicator->unit : "");
      record->values[3] = g_strdup (indicator->kolada_kpi);
      record->values[4] = g_strdup (indicator->source ? indicator->source : "");
      record->values[5] = dup_number (indicator->has_baseline_value, indicator->baseline_value);
      record->values[6] = dup_year (indicator->baseline_year);
      record->values[7] = dup_number (indicator->has_target_value, indicator->target_value);
      record->values[8] = dup_year (indicator->target_year);
      record->values[9] = g_strdup (indicator->higher_is_better ? "1" : "0");
      record->column = card->column;
      record->position = card->position;
    }

  for (guint i = 0; i < snapshot->links->len; i++)
    {
      VerkanModelLink *link = g_ptr_array_index (snapshot->links, i);
      Record *from = g_hash_table_lookup (cards, &link->from_id);
      Record *to = g_hash_table_lookup (cards, &link->to_id);

      if (from == NULL || to == NULL)
        continue;
      record = record_new (side, TABLE_LINK, link->id, link->uuid);
      record->values[0] = g_strdup (from->uuid);
      record->values[1] = g_strdup (to->uuid);
      record->values[2] = g_strdup (link->rationale ? link->rationale : "");
      record->column = from->column;
      record->position = from->position;
    }
  return side;
}

static Record *
side_lookup (Side *side, TableKind table, const char *uuid)
{
  if (side == NULL || uuid == NULL)
    return NULL;
  return g_hash_table_lookup (side->records[table], uuid);
}

static gboolean
values_equal (const FieldSpec *field, const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (field->type == FIELD_NUMBER)
    {
      double x = g_ascii_strtod (a, NULL), y = g_ascii_strtod (b, NULL);
      /* the XML base writes plain decimals: allow for the last digits */
      return fabs (x - y) <= 1e-9 * MAX (1.0, MAX (fabs (x), fabs (y)));
    }
  return g_strcmp0 (a, b) == 0;
}

static gboolean
records_equal (const Record *a, const Record *b)
{
  const TableSpec *spec = &table_specs[a->table];

  for (guint f = 0; f < spec->n_fields; f++)
    if (!values_equal (&spec->fields[f], a->values[f], b->values[f]))
      return FALSE;
  return TRUE;
}

/* --- the merge ----------------------------------------------------------- */

/* A VerkanModelChange with what applying it needs; the public part comes
 * first, so the pointers handed out are pointers to this */
typedef struct {
  VerkanModelChange  change;
  TableKind          table;
  int                field;        /* EDITED: index into the table's fields */
  char              *raw_theirs;   /* EDITED: canonical text */
  Record            *record;       /* ADDED: theirs; EDITED, REMOVED: ours */
  int                sort_column;
  int                sort_position;
  guint              sequence;
} Change;

static void
change_free (Change *change)
{
  g_free (change->change.table);
  g_free (change->change.uuid);
  g_free (change->change.field);
  g_free (change->change.ours);
  g_free (change->change.theirs);
  g_free (change->change.description);
  g_free (change->raw_theirs);
  g_free (change);
}

struct _VerkanModelMerge
{
  VerkanProject *project;
  char          *title;
  char          *model_uuid;
  gint64         model_id;     /* ours; 0 when the project does not have it */
  Side          *base;
  Side          *ours;         /* NULL for a new model */
  Side          *theirs;
  GPtrArray     *changes;      /* of Change */
};

void
verkan_model_merge_free (VerkanModelMerge *merge)
{
  if (merge == NULL)
    return;
  g_clear_object (&merge->project);
  g_free (merge->title);
  g_free (merge->model_uuid);
  side_free (merge->base);
  side_free (merge->ours);
  side_free (merge->theirs);
  g_clear_pointer (&merge->changes, g_ptr_array_unref);
  g_free (merge);
}

/* A card's title as people know it: from the project if it is there */
static const char *
card_title (VerkanModelMerge *merge, const char *uuid)
{
  Record *card = side_lookup (merge->ours, TABLE_ELEMENT, uuid);

  if (card == NULL)
    card = side_lookup (merge->theirs, TABLE_ELEMENT, uuid);
  if (card == NULL)
    card = side_lookup (merge->base, TABLE_ELEMENT, uuid);
  if (card == NULL || card->values[1] == NULL || card->values[1][0] == '\0')
    return _("Untitled card");
  return card->values[1];
}

static const char *
indicator_name (const Record *record)
{
  return record->values[1] && record->values[1][0] ? record->values[1] : _("Unnamed indicator");
}

/* A value as people read it */
static char *
display_value (VerkanModelMerge *merge, const FieldSpec *field, const char *value)
{
  int column;

  if (value == NULL)
    return g_strdup ("–");
  switch (field->type)
    {
    case FIELD_TEXT:
    case FIELD_OPTIONAL:
    case FIELD_YEAR:
      return g_strdup (value);
    case FIELD_COLUMN:
      column = verkan_model_column_from_token (value);
      return g_strdup (column >= 0 ? verkan_model_column_label (column) : value);
    case FIELD_STATUS:
      return g_strdup (verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_STATUS, value));
    case FIELD_NUMBER:
      return verkan_format_number (g_ascii_strtod (value, NULL), -1);
    case FIELD_BOOLEAN:
      if (g_str_equal (field->column, "higher_is_better"))
        return g_strdup (g_str_equal (value, "1") ? _("Higher is better") : _("Lower is better"));
      return g_strdup (g_str_equal (value, "1") ? _("Shown") : _("Hidden"));
    case FIELD_CARD:
      return g_strdup (card_title (merge, value));
    }
  return g_strdup (value);
}

/* "New card …", "Changed indicator … on card …: target value" */
static char *
describe (VerkanModelMerge *merge, Change *change)
{
  VerkanModelChange *c = &change->change;
  const Record *r = change->record;
  const char *field = c->field ? g_dgettext (GETTEXT_PACKAGE,
                                             table_specs[change->table].fields[change->field].label)
                               : NULL;

  switch (change->table)
    {
    case TABLE_MODEL:
      /* Translators: %s is a field: "Changed the model: title" */
      return g_strdup_printf (_("Changed the model: %s"), field);

    case TABLE_ELEMENT:
      if (c->kind == VERKAN_MODEL_CHANGE_ADDED && c->conflict)
        /* Translators: %s is a card's title */
        return g_strdup_printf (_("Card “%s” was removed in the project but changed in the returned model"),
                                card_title (merge, r->uuid));
      if (c->kind == VERKAN_MODEL_CHANGE_ADDED)
        {
          int column = verkan_model_column_from_token (r->values[0]);
          /* Translators: a card's title and the column it is in */
          return g_strdup_printf (_("New card “%s” in %s"), card_title (merge, r->uuid),
                                  column >= 0 ? verkan_model_column_label (column) : r->values[0]);
        }
      if (c->kind == VERKAN_MODEL_CHANGE_EDITED)
        /* Translators: a card's title and the field that changed */
        return g_strdup_printf (_("Changed card “%s”: %s"), card_title (merge, r->uuid), field);
      if (c->conflict)
        return g_strdup_printf (_("Removed card “%s”, which was changed in the project"),
                                card_title (merge, r->uuid));
      return g_strdup_printf (_("Removed card “%s”"), card_title (merge, r->uuid));

    case TABLE_INDICATOR:
      if (c->kind == VERKAN_MODEL_CHANGE_ADDED && c->conflict)
        /* Translators: an indicator's name and its card's title */
        return g_strdup_printf (_("Indicator “%s” on card “%s” was removed in the project but "
                                  "changed in the returned model"),
                                indicator_name (r), card_title (merge, r->values[0]));
      if (c->kind == VERKAN_MODEL_CHANGE_ADDED)
        return g_strdup_printf (_("New indicator “%s” on card “%s”"),
                                indicator_name (r), card_title (merge, r->values[0]));
      if (c->kind == VERKAN_MODEL_CHANGE_EDITED)
        /* Translators: an indicator's name, its card's title and the field that changed */
        return g_strdup_printf (_("Changed indicator “%s” on card “%s”: %s"),
                                indicator_name (r), card_title (merge, r->values[0]), field);
      if (c->conflict)
        return g_strdup_printf (_("Removed indicator “%s” from card “%s”, which was changed in "
                                  "the project"),
                                indicator_name (r), card_title (merge, r->values[0]));
      return g_strdup_printf (_("Removed indicator “%s” from card “%s”"),
                              indicator_name (r), card_title (merge, r->values[0]));

    case TABLE_LINK:
    case N_TABLES:
      break;
    }

  if (c->kind == VERKAN_MODEL_CHANGE_ADDED && c->conflict)
    /* Translators: the titles of the two cards a link joins */
    return g_strdup_printf (_("Link from “%s” to “%s” was removed in the project but changed in "
                              "the returned model"),
                            card_title (merge, r->values[0]), card_title (merge, r->values[1]));
  if (c->kind == VERKAN_MODEL_CHANGE_ADDED)
    return g_strdup_printf (_("New link from “%s” to “%s”"),
                            card_title (merge, r->values[0]), card_title (merge, r->values[1]));
  if (c->kind == VERKAN_MODEL_CHANGE_EDITED)
    /* Translators: the titles of the two cards a link joins, and the field that changed */
    return g_strdup_printf (_("Changed link from “%s” to “%s”: %s"),
                            card_title (merge, r->values[0]), card_title (merge, r->values[1]), field);
  if (c->conflict)
    return g_strdup_printf (_("Removed link from “%s” to “%s”, which was changed in the project"),
                            card_title (merge, r->values[0]), card_title (merge, r->values[1]));
  return g_strdup_printf (_("Removed link from “%s” to “%s”"),
                          card_title (merge, r->values[0]), card_title (merge, r->values[1]));
}

static Change *
add_change (VerkanModelMerge *merge, VerkanModelChangeKind kind, TableKind table,
            Record *record, gboolean conflict)
{
  Change *change = g_new0 (Change, 1);

  change->change.kind = kind;
  change->change.table = g_strdup (table_specs[table].table);
  change->change.uuid = g_strdup (record->uuid);
  change->change.conflict = conflict;
  change->change.accepted = !conflict;
  change->table = table;
  change->field = -1;
  change->record = record;
  change->sort_column = record->column;
  change->sort_position = record->position;
  change->sequence = merge->changes->len;
  g_ptr_array_add (merge->changes, change);
  return change;
}

static void
add_edit (VerkanModelMerge *merge, TableKind table, Record *ours, int field,
          const char *theirs, gboolean conflict)
{
  const FieldSpec *spec = &table_specs[table].fields[field];
  Change *change = add_change (merge, VERKAN_MODEL_CHANGE_EDITED, table, ours, conflict);

  change->field = field;
  change->change.field = g_strdup (spec->column);
  change->change.ours = display_value (merge, spec, ours->values[field]);
  change->change.theirs = display_value (merge, spec, theirs);
  change->raw_theirs = g_strdup (theirs);
}

/* The fields of a row both sides have */
static void
diff_fields (VerkanModelMerge *merge, TableKind table, Record *base, Record *ours, Record *theirs)
{
  const TableSpec *spec = &table_specs[table];

  for (guint f = 0; f < spec->n_fields; f++)
    {
      const FieldSpec *field = &spec->fields[f];
      const char *b = base ? base->values[f] : NULL;
      const char *o = ours->values[f];
      const char *t = theirs->values[f];

      if (values_equal (field, o, t))
        continue;   /* nothing to do, whoever changed it */
      if (base == NULL)
        add_edit (merge, table, ours, f, t, TRUE);  /* both added it: they differ */
      else if (values_equal (field, t, b))
        continue;   /* only we changed it */
      else
        add_edit (merge, table, ours, f, t, !values_equal (field, o, b));
    }
}

/* The link in ours that joins the same two cards, if any */
static Record *
find_our_link (VerkanModelMerge *merge, const Record *link)
{
  GPtrArray *links = merge->ours ? merge->ours->order[TABLE_LINK] : NULL;

  for (guint i = 0; links && i < links->len; i++)
    {
      Record *other = g_ptr_array_index (links, i);
      if (g_strcmp0 (other->values[0], link->values[0]) == 0 &&
          g_strcmp0 (other->values[1], link->values[1]) == 0)
        return other;
    }
  return NULL;
}

static gboolean
cards_readded (GHashTable *readded, TableKind table, const Record *record)
{
  if (table == TABLE_INDICATOR)
    return g_hash_table_contains (readded, record->values[0]);
  if (table == TABLE_LINK)
    return g_hash_table_contains (readded, record->values[0]) ||
           g_hash_table_contains (readded, record->values[1]);
  return FALSE;
}

static void
diff_table (VerkanModelMerge *merge, TableKind table, GHashTable *needed, GHashTable *readded)
{
  GPtrArray *theirs = merge->theirs->order[table];
  GPtrArray *base = merge->base->order[table];

  for (guint i = 0; i < theirs->len; i++)
    {
      Record *t = g_ptr_array_index (theirs, i);
      Record *b = side_lookup (merge->base, table, t->uuid);
      Record *o = side_lookup (merge->ours, table, t->uuid);

      if (o != NULL)
        {
          diff_fields (merge, table, b, o, t);
          continue;
        }
      if (b == NULL)
        {
          Record *same = table == TABLE_LINK ? find_our_link (merge, t) : NULL;

          /* both sides joined the same two cards: one link, and at most
           * its rationale to choose */
          if (same != NULL)
            {
              if (g_strcmp0 (same->values[2], t->values[2]) != 0)
                add_edit (merge, table, same, 2, t->values[2], same->values[2][0] != '\0');
              continue;
            }
          add_change (merge, VERKAN_MODEL_CHANGE_ADDED, table, t, FALSE);
        }
      else if (!records_equal (b, t) || cards_readded (readded, table, t) ||
               (table == TABLE_ELEMENT && g_hash_table_contains (needed, t->uuid)))
        {
          /* we removed it, they changed it (or changed the card it is on):
           * offer it back, unchosen */
          add_change (merge, VERKAN_MODEL_CHANGE_ADDED, table, t, TRUE);
          if (table == TABLE_ELEMENT)
            g_hash_table_add (readded, t->uuid);
        }
    }

  for (guint i = 0; i < base->len; i++)
    {
      Record *b = g_ptr_array_index (base, i);
      Record *o = side_lookup (merge->ours, table, b->uuid);

      if (o == NULL || side_lookup (merge->theirs, table, b->uuid) != NULL)
        continue;
      add_change (merge, VERKAN_MODEL_CHANGE_REMOVED, table, o, !records_equal (b, o));
    }
}

static int
compare_changes (gconstpointer a, gconstpointer b)
{
  const Change *x = *(const Change *const *) a;
  const Change *y = *(const Change *const *) b;

  if (x->sort_column != y->sort_column)
    return x->sort_column < y->sort_column ? -1 : 1;
  if (x->sort_position != y->sort_position)
    return x->sort_position < y->sort_position ? -1 : 1;
  if (x->table != y->table)
    return x->table < y->table ? -1 : 1;
  return (x->sequence > y->sequence) - (x->sequence < y->sequence);
}

/* Cards we removed that carry an indicator or link they changed: those
 * are offered back too, or the indicator would have nowhere to go */
static void
find_needed_cards (VerkanModelMerge *merge, GHashTable *readded)
{
  for (TableKind table = TABLE_INDICATOR; table <= TABLE_LINK; table++)
    {
      GPtrArray *theirs = merge->theirs->order[table];

      for (guint i = 0; i < theirs->len; i++)
        {
          Record *t = g_ptr_array_index (theirs, i);
          Record *b = side_lookup (merge->base, table, t->uuid);

          if (b == NULL || side_lookup (merge->ours, table, t->uuid) != NULL || records_equal (b, t))
            continue;
          for (guint k = 0; k < (table == TABLE_LINK ? 2u : 1u); k++)
            if (side_lookup (merge->ours, TABLE_ELEMENT, t->values[k]) == NULL)
              g_hash_table_add (readded, t->values[k]);
        }
    }
}

static void
compute_changes (VerkanModelMerge *merge)
{
  g_autoptr(GHashTable) needed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) readded = g_hash_table_new (g_str_hash, g_str_equal);

  if (merge->ours != NULL)
    find_needed_cards (merge, needed);
  if (merge->ours != NULL)
    diff_fields (merge, TABLE_MODEL, merge->base->model, merge->ours->model, merge->theirs->model);
  for (TableKind t = TABLE_ELEMENT; t < N_TABLES; t++)
    diff_table (merge, t, needed, readded);
  for (guint i = 0; i < merge->changes->len; i++)
    {
      Change *change = g_ptr_array_index (merge->changes, i);
      change->change.description = describe (merge, change);
    }
  g_ptr_array_sort (merge->changes, compare_changes);
}

/* --- reading an exchange file -------------------------------------------- */

typedef struct {
  char *model_uuid;
  char *base;
  char *catalog;
} ExchangeRow;

static void
exchange_row_clear (ExchangeRow *row)
{
  g_clear_pointer (&row->model_uuid, g_free);
  g_clear_pointer (&row->base, g_free);
  g_clear_pointer (&row->catalog, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExchangeRow, exchange_row_clear)

static gboolean
read_exchange_row (VerkanProject *project, ExchangeRow *row)
{
  sqlite3 *db = verkan_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT model_uuid, base, indicator_catalog FROM model_exchange "
                              "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      row->model_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->base = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->catalog = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      found = row->model_uuid != NULL && row->base != NULL;
    }
  sqlite3_finalize (stmt);
  return found;
}

static gint64
model_id_by_uuid (VerkanProject *project, const char *uuid)
{
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "logic_model", "uuid",
                                                        g_variant_new_string (uuid), NULL);
  gint64 id = 0;

  if (rows != NULL && rows->len == 1)
    g_variant_lookup (g_ptr_array_index (rows, 0), "id", "x", &id);
  return id;
}

gboolean
verkan_model_exchange_is_exchange_file (VerkanProject *project, gint64 *model_id)
{
  g_auto(ExchangeRow) row = { 0 };
  gint64 id;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  if (!read_exchange_row (project, &row))
    return FALSE;
  id = model_id_by_uuid (project, row.model_uuid);
  if (id == 0)
    return FALSE;
  if (model_id != NULL)
    *model_id = id;
  return TRUE;
}

char *
verkan_model_exchange_dup_indicator_catalog (VerkanProject *project)
{
  g_auto(ExchangeRow) row = { 0 };

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  if (!read_exchange_row (project, &row))
    return NULL;
  return g_steal_pointer (&row.catalog);
}

VerkanModelMerge *
verkan_model_merge_new (VerkanProject *project, const char *path, GError **error)
{
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(VerkanProject) returned = NULL;
  g_autoptr(VerkanModelSnapshot) base = NULL;
  g_autoptr(VerkanModelSnapshot) theirs = NULL;
  g_autoptr(VerkanModelSnapshot) ours = NULL;
  g_autofree char *name = NULL;
  g_auto(ExchangeRow) row = { 0 };
  gint64 their_id;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  returned = verkan_project_open (path, VERKAN_OPEN_FLAGS_READ_ONLY, error);
  if (returned == NULL)
    return NULL;
  name = g_filename_display_basename (path);
  if (!read_exchange_row (returned, &row) ||
      (their_id = model_id_by_uuid (returned, row.model_uuid)) == 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("“%s” is not a logic model sent from Verkan. Import the file that was "
                     "made with “Send to municipality” and sent back."), name);
      return NULL;
    }

  base = verkan_model_snapshot_from_xml (row.base, error);
  if (base == NULL)
    return NULL;
  theirs = verkan_model_snapshot_load (returned, their_id, error);
  if (theirs == NULL)
    return NULL;

  merge = g_new0 (VerkanModelMerge, 1);
  merge->project = g_object_ref (project);
  merge->model_uuid = g_strdup (row.model_uuid);
  merge->title = g_strdup (theirs->title);
  merge->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  merge->model_id = model_id_by_uuid (project, row.model_uuid);
  if (merge->model_id != 0)
    {
      ours = verkan_model_snapshot_load (project, merge->model_id, error);
      if (ours == NULL)
        return NULL;
      merge->ours = side_new (ours);
      merge->base = side_new (base);
    }
  else
    {
      /* a model the project does not have: everything in it is new */
      g_autoptr(VerkanModelSnapshot) empty = verkan_model_snapshot_new (theirs->title);
      merge->base = side_new (empty);
    }
  merge->theirs = side_new (theirs);
  compute_changes (merge);
  return g_steal_pointer (&merge);
}

const char *
verkan_model_merge_get_title (VerkanModelMerge *merge)
{
  g_return_val_if_fail (merge != NULL, NULL);
  return merge->title && merge->title[0] ? merge->title : _("Untitled logic model");
}

GPtrArray *
verkan_model_merge_get_changes (VerkanModelMerge *merge)
{
  g_return_val_if_fail (merge != NULL, NULL);
  return merge->changes;
}

guint
verkan_model_merge_count_conflicts (VerkanModelMerge *merge)
{
  guint n = 0;

  g_return_val_if_fail (merge != NULL, 0);
  for (guint i = 0; i < merge->changes->len; i++)
    if (((VerkanModelChange *) g_ptr_array_index (merge->changes, i))->conflict)
      n++;
  return n;
}

/* --- applying ------------------------------------------------------------ */

typedef struct {
  VerkanModelMerge *merge;
  VerkanCommand    *command;
  gint64            model_id;
  GHashTable       *card_ids;     /* uuid → gint64*: the cards there will be */
  GHashTable       *link_pairs;   /* "from\x1fto" of the links there will be */
  GHashTable       *removed;      /* uuids of the cards removed */
  GHashTable       *next_position;/* column token → gint64*: moved cards go last */
} Apply;

static gint64
query_int64 (sqlite3 *db, const char *sql, gint64 arg, const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      if (strstr (sql, "?1"))
        sqlite3_bind_int64 (stmt, 1, arg);
      if (strstr (sql, "?2"))
        sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

static gint64
card_id (Apply *apply, const char *uuid)
{
  gint64 *id = uuid ? g_hash_table_lookup (apply->card_ids, uuid) : NULL;

  return id && !g_hash_table_contains (apply->removed, uuid) ? *id : 0;
}

/* @value as the column stores it; FALSE when a card it names is gone */
static gboolean
to_variant (Apply *apply, const FieldSpec *field, const char *value, GVariant **out)
{
  *out = NULL;
  switch (field->type)
    {
    case FIELD_TEXT:
    case FIELD_COLUMN:
    case FIELD_STATUS:
      *out = g_variant_new_string (value ? value : "");
      return TRUE;
    case FIELD_OPTIONAL:
      if (value != NULL)
        *out = g_variant_new_string (value);
      return TRUE;
    case FIELD_NUMBER:
      if (value != NULL)
        *out = g_variant_new_double (g_ascii_strtod (value, NULL));
      return TRUE;
    case FIELD_YEAR:
    case FIELD_BOOLEAN:
      if (value != NULL)
        *out = g_variant_new_int64 (g_ascii_strtoll (value, NULL, 10));
      return TRUE;
    case FIELD_CARD:
      {
        gint64 id = card_id (apply, value);
        if (id == 0)
          return FALSE;
        *out = g_variant_new_int64 (id);
        return TRUE;
      }
    }
  return FALSE;
}

static char *
pair_key (const char *from, const char *to)
{
  return g_strconcat (from ? from : "", "\x1f", to ? to : "", NULL);
}

static void
apply_edit (Apply *apply, Change *change)
{
  const FieldSpec *field = &table_specs[change->table].fields[change->field];
  Record *ours = change->record;
  GVariant *value = NULL;

  if (!to_variant (apply, field, change->raw_theirs, &value))
    return;
  if (change->table == TABLE_LINK && field->type == FIELD_CARD)
    {
      const char *from = change->field == 0 ? change->raw_theirs : ours->values[0];
      const char *to = change->field == 1 ? change->raw_theirs : ours->values[1];
      char *key = pair_key (from, to);

      /* SQLite would refuse a second link between the same two cards */
      if (!g_hash_table_add (apply->link_pairs, key))
        {
          g_variant_unref (g_variant_ref_sink (value));
          return;
        }
    }
  if (change->table == TABLE_ELEMENT && field->type == FIELD_COLUMN)
    {
      gint64 *next = g_hash_table_lookup (apply->next_position, change->raw_theirs);

      if (next == NULL)
        {
          next = g_new (gint64, 1);
          *next = query_int64 (verkan_project_get_db (apply->merge->project),
                               "SELECT COALESCE(MAX(position) + 1, 0) FROM model_element "
                               "WHERE model_id = ?1 AND column_kind = ?2",
                               apply->model_id, change->raw_theirs);
          g_hash_table_insert (apply->next_position, g_strdup (change->raw_theirs), next);
        }
      verkan_command_update (apply->command, "model_element", ours->id, "position",
                             g_variant_new_int64 ((*next)++));
    }
  verkan_command_update (apply->command, table_specs[change->table].table,
                         change->table == TABLE_MODEL ? apply->model_id : ours->id,
                         field->column, value);
}

/* An added row: its fields, its parent, and for a card an id of its own */
static void
apply_add (Apply *apply, Change *change, gint64 new_card_id)
{
  const TableSpec *spec = &table_specs[change->table];
  Record *theirs = change->record;
  GVariantDict row;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "uuid", "s", theirs->uuid);
  for (guint f = 0; f < spec->n_fields; f++)
    {
      GVariant *value = NULL;

      if (!to_variant (apply, &spec->fields[f], theirs->values[f], &value))
        {
          /* the card it belongs to is not there: leave it out */
          g_variant_dict_clear (&row);
          return;
        }
      if (value != NULL)
        g_variant_dict_insert_value (&row, spec->fields[f].column, value);
    }

  if (change->table == TABLE_LINK)
    {
      char *key = pair_key (theirs->values[0], theirs->values[1]);

      if (!g_hash_table_add (apply->link_pairs, key))
        {
          g_variant_dict_clear (&row);
          return;
        }
    }
  if (change->table == TABLE_ELEMENT)
    {
      g_variant_dict_insert (&row, "id", "x", new_card_id);
      g_hash_table_insert (apply->card_ids, theirs->uuid, g_memdup2 (&new_card_id, sizeof new_card_id));
    }
  if (change->table == TABLE_ELEMENT || change->table == TABLE_LINK)
    g_variant_dict_insert (&row, "model_id", "x", apply->model_id);
  verkan_command_insert (apply->command, spec->table, g_variant_dict_end (&row));
}

static gboolean
is_chosen (Change *change, VerkanModelChangeKind kind, TableKind table)
{
  return change->change.accepted && change->change.kind == kind && change->table == table;
}

gboolean
verkan_model_merge_apply (VerkanModelMerge *merge, GError **error)
{
  sqlite3 *db;
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GHashTable) card_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) link_pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) next_position = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Apply apply = { merge, NULL, merge->model_id, card_ids, link_pairs, removed, next_position };
  GPtrArray *changes;
  gint64 next_card;

  g_return_val_if_fail (merge != NULL, FALSE);

  db = verkan_project_get_db (merge->project);
  changes = merge->changes;
  /* Translators: the undo label of importing a returned logic model */
  command = verkan_command_new (_("Merge returned logic model"));
  apply.command = command;

  if (merge->ours != NULL)
    {
      GPtrArray *cards = merge->ours->order[TABLE_ELEMENT];
      GPtrArray *links = merge->ours->order[TABLE_LINK];

      for (guint i = 0; i < cards->len; i++)
        {
          Record *card = g_ptr_array_index (cards, i);
          g_hash_table_insert (card_ids, card->uuid, g_memdup2 (&card->id, sizeof card->id));
        }
      for (guint i = 0; i < links->len; i++)
        {
          Record *link = g_ptr_array_index (links, i);
          g_hash_table_add (link_pairs, pair_key (link->values[0], link->values[1]));
        }
    }
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);
      if (is_chosen (change, VERKAN_MODEL_CHANGE_REMOVED, TABLE_ELEMENT))
        g_hash_table_add (removed, change->record->uuid);
    }

  /* a model the project does not have yet comes first, with the id it will get */
  if (merge->ours == NULL)
    {
      Record *model = merge->theirs->model;
      GVariantDict row;
      gboolean any = FALSE;

      for (guint i = 0; i < changes->len && !any; i++)
        any = ((Change *) g_ptr_array_index (changes, i))->change.accepted;
      if (!any)
        return TRUE;

      apply.model_id = query_int64 (db, "SELECT COALESCE(MAX(id), 0) + ?1 FROM logic_model", 1, NULL);
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "id", "x", apply.model_id);
      g_variant_dict_insert (&row, "uuid", "s", model->uuid);
      for (guint f = 0; f < G_N_ELEMENTS (model_fields); f++)
        {
          GVariant *value = NULL;

          to_variant (&apply, &model_fields[f], model->values[f], &value);
          if (value != NULL)
            g_variant_dict_insert_value (&row, model_fields[f].column, value);
        }
      verkan_command_insert (command, "logic_model", g_variant_dict_end (&row));
    }

  /* edits of the model and its cards; moved cards go last in their new column */
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);
      if (is_chosen (change, VERKAN_MODEL_CHANGE_EDITED, TABLE_MODEL) ||
          is_chosen (change, VERKAN_MODEL_CHANGE_EDITED, TABLE_ELEMENT))
        apply_edit (&apply, change);
    }

  /* new cards, then what hangs on them */
  next_card = query_int64 (db, "SELECT COALESCE(MAX(id), 0) + ?1 FROM model_element", 1, NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);
      if (is_chosen (change, VERKAN_MODEL_CHANGE_ADDED, TABLE_ELEMENT))
        apply_add (&apply, change, next_card++);
    }
  for (TableKind t = TABLE_INDICATOR; t <= TABLE_LINK; t++)
    for (guint i = 0; i < changes->len; i++)
      {
        Change *change = g_ptr_array_index (changes, i);
        if (is_chosen (change, VERKAN_MODEL_CHANGE_ADDED, t))
          apply_add (&apply, change, 0);
      }
  for (TableKind t = TABLE_INDICATOR; t <= TABLE_LINK; t++)
    for (guint i = 0; i < changes->len; i++)
      {
        Change *change = g_ptr_array_index (changes, i);
        if (is_chosen (change, VERKAN_MODEL_CHANGE_EDITED, t))
          apply_edit (&apply, change);
      }

  /* removals last, so nothing above refers to a row already gone; a
   * card takes its links and indicators with it */
  for (TableKind t = TABLE_LINK; t >= TABLE_ELEMENT; t--)
    for (guint i = 0; i < changes->len; i++)
      {
        Change *change = g_ptr_array_index (changes, i);
        if (is_chosen (change, VERKAN_MODEL_CHANGE_REMOVED, t))
          verkan_command_delete (command, table_specs[t].table, change->record->id);
      }

  return verkan_project_execute (merge->project, command, error);
}

/* --- export -------------------------------------------------------------- */

/* The distinct indicators of the whole project, for staff to reuse */
static char *
dup_catalog_json (VerkanProject *project)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt = NULL;

  json_builder_begin_array (builder);
  if (sqlite3_prepare_v2 (verkan_project_get_db (project),
                          "SELECT DISTINCT name, unit, kolada_kpi, source, higher_is_better "
                          "FROM indicator WHERE name <> '' ORDER BY name, unit, kolada_kpi, source",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *kpi = (const char *) sqlite3_column_text (stmt, 2);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "name");
        json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
        json_builder_set_member_name (builder, "unit");
        json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
        json_builder_set_member_name (builder, "kolada_kpi");
        if (kpi != NULL)
          json_builder_add_string_value (builder, kpi);
        else
          json_builder_add_null_value (builder);
        json_builder_set_member_name (builder, "source");
        json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 3));
        json_builder_set_member_name (builder, "higher_is_better");
        json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 4) != 0);
        json_builder_end_object (builder);
      }
  sqlite3_finalize (stmt);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Writes @row (a{sv}, NULL columns left out) into @table as it is */
static gboolean
copy_row (sqlite3 *db, const char *table, GVariant *row, GError **error)
{
  g_autofree char *quoted = verkan_sql_quote (table);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) slots = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gboolean ok;

  g_variant_iter_init (&iter, row);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *column = verkan_sql_quote (key);

      g_string_append_printf (names, "%s%s", names->len ? ", " : "", column);
      g_string_append_printf (slots, "%s?%u", slots->len ? ", " : "", values->len + 1);
      g_ptr_array_add (values, value);
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", quoted, names->str, slots->str);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  for (guint i = 0; i < values->len; i++)
    verkan_sql_bind (stmt, i + 1, g_ptr_array_index (values, i));
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    verkan_sql_set_error (error, db);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
copy_rows (sqlite3 *db, const char *table, GPtrArray *rows, GError **error)
{
  for (guint i = 0; i < rows->len; i++)
    if (!copy_row (db, table, g_ptr_array_index (rows, i), error))
      return FALSE;
  return TRUE;
}

/* The project's information, but the exchange file keeps an identity of its own */
static gboolean
copy_project_row (sqlite3 *db, GVariant *row, GError **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, row);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autofree char *column = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      gboolean ok;

      if (g_str_equal (key, "id") || g_str_equal (key, "uuid") || g_str_equal (key, "created_at"))
        continue;
      column = verkan_sql_quote (key);
      sql = g_strdup_printf ("UPDATE project SET %s = ?1 WHERE id = 1", column);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          verkan_sql_set_error (error, db);
          return FALSE;
        }
      verkan_sql_bind (stmt, 1, owned);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        verkan_sql_set_error (error, db);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_exchange (VerkanProject *project, gint64 model_id, GVariant *model, const char *base,
                VerkanProject *copy, GError **error)
{
  sqlite3 *db = verkan_project_get_db (copy);
  g_autoptr(GVariant) info = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *catalog = dup_catalog_json (project);
  const char *model_uuid = "";
  const char *project_uuid = "";
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if ((info = verkan_project_get_row (project, "project", 1, error)) == NULL ||
      (municipalities = verkan_project_list_rows (project, "municipality", NULL, NULL, error)) == NULL ||
      (elements = verkan_project_list_rows (project, "model_element", "model_id",
                                           g_variant_new_int64 (model_id), error)) == NULL ||
      (links = verkan_project_list_rows (project, "model_link", "model_id",
                                        g_variant_new_int64 (model_id), error)) == NULL)
    return FALSE;
  g_variant_lookup (model, "uuid", "&s", &model_uuid);
  g_variant_lookup (info, "uuid", "&s", &project_uuid);

  /* ids are kept too: the file is new, and links point at them */
  if (!copy_project_row (db, info, error) ||
      !copy_rows (db, "municipality", municipalities, error) ||
      !copy_row (db, "logic_model", model, error) ||
      !copy_rows (db, "model_element", elements, error))
    return FALSE;
  for (guint i = 0; i < elements->len; i++)
    {
      g_autoptr(GPtrArray) indicators = NULL;
      gint64 element_id = 0;

      g_variant_lookup (g_ptr_array_index (elements, i), "id", "x", &element_id);
      indicators = verkan_project_list_rows (project, "indicator", "element_id",
                                             g_variant_new_int64 (element_id), error);
      if (indicators == NULL || !copy_rows (db, "indicator", indicators, error))
        return FALSE;
    }
  if (!copy_rows (db, "model_link", links, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "INSERT INTO model_exchange (model_uuid, project_uuid, base, "
                              "indicator_catalog) VALUES (?1, ?2, ?3, ?4)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, model_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, project_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, catalog, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    verkan_sql_set_error (error, db);
  sqlite3_finalize (stmt);
  return ok;
}

static void
remove_partial (const char *partial)
{
  g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
  g_autofree char *shm = g_strconcat (partial, "-shm", NULL);

  g_unlink (partial);
  g_unlink (wal);
  g_unlink (shm);
}

gboolean
verkan_model_exchange_export (VerkanProject *project, gint64 model_id, const char *path,
                              GError **error)
{
  g_autoptr(GVariant) model = NULL;
  g_autoptr(VerkanProject) copy = NULL;
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *name = NULL;
  sqlite3 *db;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  target = g_canonicalize_filename (path, NULL);
  name = g_filename_display_basename (path);
  if (g_strcmp0 (target, verkan_project_get_path (project)) == 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS,
                   _("The model cannot be sent in the project file itself. Choose another "
                     "file name."));
      return FALSE;
    }

  model = verkan_project_get_row (project, "logic_model", model_id, error);
  if (model == NULL)
    return FALSE;
  base = verkan_model_dup_xml (project, model_id, error);
  if (base == NULL)
    return FALSE;

  /* written whole under another name, then renamed over @path */
  partial = g_strconcat (target, ".part", NULL);
  remove_partial (partial);
  title = verkan_project_dup_title (project);
  copy = verkan_project_create (partial, title, error);
  if (copy == NULL)
    return FALSE;
  db = verkan_project_get_db (copy);

  if (!verkan_sql_exec (db, "BEGIN IMMEDIATE", error))
    goto failed;
  if (!write_exchange (project, model_id, model, base, copy, error) ||
      !verkan_sql_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }
  /* a file sent by mail travels best as one self-contained file */
  if (!verkan_sql_exec (db, "PRAGMA journal_mode = DELETE", error))
    goto failed;
  verkan_project_close (copy);

  if (g_rename (partial, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The model could not be saved as “%s”: %s"), name, g_strerror (saved_errno));
      remove_partial (partial);
      return FALSE;
    }
  return TRUE;

failed:
  verkan_project_close (copy);
  remove_partial (partial);
  return FALSE;
}
