/* verkan-xml.c: the XML exchange format (data/schema/verkan.rng)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole mapping between the project tables and the XML lives in the
 * tables below (one Table per SQL table, one Field per column), and the
 * writer, the reader and the friendly checks are all driven by them.
 * A new column or a new section therefore is one more line or one more
 * Table, and the matching change in verkan.rng.
 *
 * Tables nest: a logic model holds its elements and links, an element its
 * indicators.  A nested row points at its parent through the parent's
 * SQL id, which is file-local and never written; in the XML the nesting
 * says it, and a reference between rows (a link's two ends) is written
 * as the other row's uuid.
 *
 * Reading runs in three steps: parse, read (which checks what people get
 * wrong most often and says so plainly), and validate against the schema,
 * which stays the final judge.  Only a document that passes all three is
 * written to a new project file, in one SQLite transaction, under a
 * temporary name that is renamed at the very end.  An export is read back
 * the same way before it is written, so what Verkan writes, it can read.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <sqlite3.h>

#include "verkan-report-body.h"
#include "verkan-resources.h"
#include "verkan-vocabulary.h"
#include "verkan-xml.h"

#define VERKAN_XML_NAMESPACE "urn:x-verkan:project:1"
/* the version written; every version from 1 up to it is read */
#define VERKAN_XML_FORMAT    4

G_DEFINE_QUARK (verkan-xml-error-quark, verkan_xml_error)

/* ------------------------------------------------------------------ */
/* The mapping                                                         */
/* ------------------------------------------------------------------ */

typedef enum {
  KIND_TEXT,       /* free text, kept exactly as written */
  KIND_TOKEN,      /* one word from a fixed list */
  KIND_CODE,       /* Kolada code, four digits */
  KIND_DATE,       /* 2022-08-16 */
  KIND_TIMESTAMP,  /* 2022-01-10T09:00:00Z (checked by the schema) */
  KIND_COUNT,      /* INTEGER >= 0 */
  KIND_HOURS,      /* REAL >= 0, written as a plain decimal */
  KIND_NUMBER,     /* REAL of either sign, written as a plain decimal */
  KIND_YEAR,       /* INTEGER, four digits */
  KIND_BOOLEAN,    /* INTEGER 0 or 1, written "false" or "true" */
  KIND_KPI,        /* Kolada KPI id, N31807 */
  KIND_UUID,       /* the uuid of a row that may no longer exist */
  KIND_REF,        /* INTEGER id of a sibling row, written as its uuid */
  KIND_MODEL,      /* TEXT holding one <logic-model> element, embedded as such */
  KIND_JSON,       /* TEXT holding one JSON object (a chart's spec), kept as written */
  KIND_BODY,       /* TEXT holding a report section's <body>, embedded as mixed content */
} ValueKind;

typedef enum {
  CHOICES_NONE,
  CHOICES_ROLE,
  CHOICES_GOAL_KIND,
  CHOICES_GOAL_STATUS,
  CHOICES_LANGUAGE,
  CHOICES_TEMPLATE,
  CHOICES_COLUMN,
  CHOICES_GENDER,
} Choices;

typedef enum {
  FIELD_REQUIRED  = 1 << 0,  /* must be in the XML; written even when empty or false */
  FIELD_NULLABLE  = 1 << 1,  /* SQL NULL when absent from the XML */
  FIELD_NON_EMPTY = 1 << 2,  /* needs at least one visible character */
  FIELD_UNIQUE    = 1 << 3,  /* no two rows of the table share it */
  FIELD_KEY       = 1 << 4,  /* no two rows of one parent share all their key fields */
} FieldFlags;

typedef struct Table Table;

typedef struct {
  const char  *column;     /* SQL column */
  const char  *element;    /* child element holding the value; NULL: the row element */
  const char  *attribute;  /* attribute holding the value; NULL: the element's text */
  ValueKind    kind;
  FieldFlags   flags;
  Choices      choices;
  const Table *refers;     /* KIND_REF: the table of the row referred to */
  const char  *fallback;   /* FIELD_KEY: what an absent value stands for (the column's default) */
} Field;

typedef enum {
  TABLE_POSITION      = 1 << 0,  /* has a "position" column, numbered on import */
  TABLE_DISTINCT_REFS = 1 << 1,  /* its two references differ, and no two rows share both */
  TABLE_NO_UUID       = 1 << 2,  /* rows without an identity of their own (an own value) */
} TableFlags;

struct Table {
  const char         *table;          /* SQL table */
  const char         *container;      /* section element; NULL: rows sit right in the parent */
  const char         *element;        /* one row */
  const Field        *fields;
  guint               n_fields;
  TableFlags          flags;
  const char         *group_column;   /* rows are numbered per value of this column */
  const char *const  *groups;         /* ...and written group by group in this order */
  const char         *parent_column;  /* the SQL id of the row this one nests in */
  const Table *const *children;       /* tables nested in each row, in document order */
  int                 since;          /* the format version that brought it */
};

#define REQ  FIELD_REQUIRED
#define NUL  FIELD_NULLABLE

static const Field project_fields[] = {
  { "title",         "title",         NULL,    KIND_TEXT,      REQ | FIELD_NON_EMPTY },
  { "subtitle",      "subtitle",      NULL,    KIND_TEXT,      0 },
  { "author",        "author",        NULL,    KIND_TEXT,      0 },
  { "report_number", "report-number", NULL,    KIND_TEXT,      0 },
  { "dnr",           "dnr",           NULL,    KIND_TEXT,      0 },
  { "financier",     "financier",     NULL,    KIND_TEXT,      0 },
  { "owner",         "owner",         NULL,    KIND_TEXT,      0 },
  { "date",          "date",          NULL,    KIND_DATE,      NUL },
  { "period_start",  "period",        "start", KIND_DATE,      NUL },
  { "period_end",    "period",        "end",   KIND_DATE,      NUL },
  { "purpose",       "purpose",       NULL,    KIND_TEXT,      0 },
  { "target_group",  "target-group",  NULL,    KIND_TEXT,      0 },
  { "language",      "language",      NULL,    KIND_TOKEN,     REQ, CHOICES_LANGUAGE },
  { "created_at",    "created",       NULL,    KIND_TIMESTAMP, 0 },
};

static const Field municipality_fields[] = {
  { "code", NULL, "code", KIND_CODE, REQ | FIELD_UNIQUE },
  { "name", NULL, NULL,   KIND_TEXT, REQ },
};

static const Field person_fields[] = {
  { "role",         NULL,           "role",         KIND_TOKEN, REQ, CHOICES_ROLE },
  { "municipality", NULL,           "municipality", KIND_CODE,  NUL },
  { "name",         "name",         NULL,           KIND_TEXT,  REQ },
  { "organisation", "organisation", NULL,           KIND_TEXT,  0 },
};

static const Field goal_fields[] = {
  { "kind",          NULL,      "kind",   KIND_TOKEN, REQ, CHOICES_GOAL_KIND },
  { "status",        NULL,      "status", KIND_TOKEN, REQ, CHOICES_GOAL_STATUS },
  { "text",          "text",    NULL,     KIND_TEXT,  REQ },
  { "outcome",       "outcome", NULL,     KIND_TEXT,  0 },
  { "survey_full",   "survey",  "full",   KIND_COUNT, NUL },
  { "survey_partly", "survey",  "partly", KIND_COUNT, NUL },
  { "survey_not",    "survey",  "not",    KIND_COUNT, NUL },
};

static const Field milestone_fields[] = {
  { "title",         "title",   NULL,    KIND_TEXT, REQ },
  { "planned_start", "planned", "start", KIND_DATE, NUL },
  { "planned_end",   "planned", "end",   KIND_DATE, NUL },
  { "actual_start",  "actual",  "start", KIND_DATE, NUL },
  { "actual_end",    "actual",  "end",   KIND_DATE, NUL },
};

static const Field resource_fields[] = {
  { "planned_hours", NULL,       "planned-hours", KIND_HOURS, NUL },
  { "actual_hours",  NULL,       "actual-hours",  KIND_HOURS, NUL },
  { "function",      "function", NULL,            KIND_TEXT,  REQ },
};

/* Format 2: logic models */

static const Field model_fields[] = {
  { "title",            NULL, "title",            KIND_TEXT,    REQ },
  { "municipality",     NULL, "municipality",     KIND_CODE,    NUL },
  { "date",             NULL, "date",             KIND_DATE,    NUL },
  { "template",         NULL, "template",         KIND_TOKEN,   REQ, CHOICES_TEMPLATE },
  { "show_assumptions", NULL, "show-assumptions", KIND_BOOLEAN, REQ },
  { "show_external",    NULL, "show-external",    KIND_BOOLEAN, REQ },
};

static const Field element_fields[] = {
  { "column_kind", NULL,    "column",      KIND_TOKEN,   REQ, CHOICES_COLUMN },
  { "status",      NULL,    "status",      KIND_TOKEN,   REQ, CHOICES_GOAL_STATUS },
  { "pinned",      NULL,    "pinned",      KIND_BOOLEAN, 0 },
  { "responsible", NULL,    "responsible", KIND_TEXT,    0 },
  { "title",       "title", NULL,          KIND_TEXT,    REQ },
  { "text",        "text",  NULL,          KIND_TEXT,    0 },
};

static const Field indicator_fields[] = {
  { "kolada_kpi",       NULL,       "kolada-kpi",       KIND_KPI,     NUL },
  { "higher_is_better", NULL,       "higher-is-better", KIND_BOOLEAN, REQ },
  { "name",             "name",     NULL,               KIND_TEXT,    REQ },
  { "unit",             "unit",     NULL,               KIND_TEXT,    0 },
  { "source",           "source",   NULL,               KIND_TEXT,    0 },
  { "baseline_value",   "baseline", "value",            KIND_NUMBER,  NUL },
  { "baseline_year",    "baseline", "year",             KIND_YEAR,    NUL },
  { "target_value",     "target",   "value",            KIND_NUMBER,  NUL },
  { "target_year",      "target",   "year",             KIND_YEAR,    NUL },
};

static const Table element_table;
static const Table model_table;

static const Field link_fields[] = {
  { "from_id",   NULL,        "from", KIND_REF,  REQ, CHOICES_NONE, &element_table },
  { "to_id",     NULL,        "to",   KIND_REF,  REQ, CHOICES_NONE, &element_table },
  { "rationale", "rationale", NULL,   KIND_TEXT, 0 },
};


static const Field version_fields[] = {
  { "model_uuid", NULL,          "model-uuid", KIND_UUID,      REQ },
  { "title",      NULL,          "title",      KIND_TEXT,      REQ },
  { "date",       NULL,          "date",       KIND_DATE,      REQ },
  { "frozen_at",  NULL,          "frozen-at",  KIND_TIMESTAMP, REQ },
  { "content",    "logic-model", NULL,         KIND_MODEL,     REQ, CHOICES_NONE, &model_table },
};

/* Format 3: the project's own measures and its charts.
 *
 * Kolada's values (kolada_value, kolada_fetch, kolada_group, kolada_kpi)
 * are NOT part of the format, on purpose: they are a cache of what
 * Kolada answered, stamped with when it answered, and a chart's
 * specification says what to fetch again.  An own measure's values are
 * the user's work and travel with it. */

static const Field own_measure_fields[] = {
  { "higher_is_better", NULL,          "higher-is-better", KIND_BOOLEAN, REQ },
  { "title",            "title",       NULL,               KIND_TEXT,    REQ },
  { "unit",             "unit",        NULL,               KIND_TEXT,    0 },
  { "source",           "source",      NULL,               KIND_TEXT,    0 },
  { "description",      "description", NULL,               KIND_TEXT,    0 },
};

/* municipality '' is the project as a whole; gender 'T' is totalt */
static const Field own_value_fields[] = {
  { "municipality", NULL, "municipality", KIND_CODE,   FIELD_KEY, CHOICES_NONE, NULL, "" },
  { "year",         NULL, "year",         KIND_YEAR,   REQ | FIELD_KEY },
  { "gender",       NULL, "gender",       KIND_TOKEN,  FIELD_KEY, CHOICES_GENDER, NULL, "T" },
  { "value",        NULL, "value",        KIND_NUMBER, NUL },
};

static const Field chart_fields[] = {
  { "title",   "title",   NULL, KIND_TEXT, REQ },
  { "caption", "caption", NULL, KIND_TEXT, 0 },
  { "spec",    "spec",    NULL, KIND_JSON, REQ },
};

/* Format 4: the report.  Sections nest in sections; a section's body is
 * its <body> element, stored without the namespace (verkan-report-body.h).
 * A reference's text is the element's own text. */

static const Field section_fields[] = {
  { "title", NULL,   "title", KIND_TEXT, 0 },
  { "body",  "body", NULL,    KIND_BODY, 0 },
};

static const Field reference_fields[] = {
  { "url",  NULL, "url", KIND_TEXT, 0 },
  { "text", NULL, NULL,  KIND_TEXT, 0 },
};

#undef REQ
#undef NUL

static const char *const goal_kinds[] = { "project-goal", "effect-goal", NULL };

/* Left to right as drawn, then the two bands */
static const char *const model_columns[] = {
  "resources", "activities", "outputs", "short-term-effects", "long-term-effects", "goals",
  "assumptions", "external-factors", NULL,
};

#define FIELDS(f) .fields = f, .n_fields = G_N_ELEMENTS (f)

static const Table project_table = {
  .table = "project", .element = "info", FIELDS (project_fields), .since = 1,
};

static const Table municipality_table = {
  .table = "municipality", .container = "municipalities", .element = "municipality",
  FIELDS (municipality_fields), .flags = TABLE_POSITION, .since = 1,
};

static const Table person_table = {
  .table = "person", .container = "organisation", .element = "person",
  FIELDS (person_fields), .flags = TABLE_POSITION, .since = 1,
};

static const Table goal_table = {
  .table = "goal", .container = "goals", .element = "goal",
  FIELDS (goal_fields), .flags = TABLE_POSITION,
  .group_column = "kind", .groups = goal_kinds, .since = 1,
};

static const Table milestone_table = {
  .table = "milestone", .container = "time-plan", .element = "milestone",
  FIELDS (milestone_fields), .flags = TABLE_POSITION, .since = 1,
};

static const Table resource_table = {
  .table = "resource", .container = "resources", .element = "resource",
  FIELDS (resource_fields), .flags = TABLE_POSITION, .since = 1,
};

static const Table indicator_table = {
  .table = "indicator", .element = "indicator",
  FIELDS (indicator_fields), .flags = TABLE_POSITION,
  .parent_column = "element_id", .since = 2,
};

static const Table *const element_children[] = { &indicator_table, NULL };

static const Table element_table = {
  .table = "model_element", .element = "element",
  FIELDS (element_fields), .flags = TABLE_POSITION,
  .group_column = "column_kind", .groups = model_columns,
  .parent_column = "model_id", .children = element_children, .since = 2,
};

static const Table link_table = {
  .table = "model_link", .element = "link",
  FIELDS (link_fields), .flags = TABLE_DISTINCT_REFS,
  .parent_column = "model_id", .since = 2,
};

static const Table *const model_children[] = { &element_table, &link_table, NULL };

static const Table model_table = {
  .table = "logic_model", .container = "logic-models", .element = "logic-model",
  FIELDS (model_fields), .flags = TABLE_POSITION, .children = model_children, .since = 2,
};

static const Table version_table = {
  .table = "model_version", .container = "model-versions", .element = "model-version",
  FIELDS (version_fields), .since = 2,
};

static const Table own_value_table = {
  .table = "own_value", .element = "figure",
  FIELDS (own_value_fields), .flags = TABLE_NO_UUID,
  .parent_column = "measure_id", .since = 3,
};

static const Table *const own_measure_children[] = { &own_value_table, NULL };

static const Table own_measure_table = {
  .table = "own_measure", .container = "own-measures", .element = "own-measure",
  FIELDS (own_measure_fields), .flags = TABLE_POSITION,
  .children = own_measure_children, .since = 3,
};

static const Table chart_table = {
  .table = "chart", .container = "charts", .element = "chart",
  FIELDS (chart_fields), .flags = TABLE_POSITION, .since = 3,
};

/* A chapter has no parent row (parent_id NULL); the export writes the
 * chapters itself and the machinery the sections nested in them */
static const Table section_table;
static const Table *const section_children[] = { &section_table, NULL };

static const Table section_table = {
  .table = "report_section", .element = "section",
  FIELDS (section_fields), .flags = TABLE_POSITION,
  .parent_column = "parent_id", .children = section_children, .since = 4,
};

static const Table reference_table = {
  .table = "report_reference", .container = "references", .element = "reference",
  FIELDS (reference_fields), .flags = TABLE_POSITION, .since = 4,
};

/* What <report> holds, in document order */
static const Table *const report_tables[] = { &section_table, &reference_table, NULL };

#undef FIELDS

/* The sections after <info>, in document order.  Own measures come
 * before the charts that may draw them. */
static const Table *const section_tables[] = {
  &municipality_table, &person_table, &goal_table, &milestone_table, &resource_table,
  &model_table, &version_table, &own_measure_table, &chart_table, NULL,
};

static const char *const languages[] = { "sv", "en", NULL };
static const char *const templates[] = { "standard", "blank", NULL };
/* totalt, kvinnor, män: Kolada's letters */
static const char *const genders[] = { "T", "K", "M", NULL };

/* The fixed lists that are not vocabularies of their own */
static const char *const *
choices_tokens (Choices choices)
{
  switch (choices)
    {
    case CHOICES_LANGUAGE: return languages;
    case CHOICES_TEMPLATE: return templates;
    case CHOICES_COLUMN:   return model_columns;
    case CHOICES_GENDER:   return genders;
    default:               return NULL;
    }
}

static gboolean
choices_allow (Choices     choices,
               const char *token)
{
  switch (choices)
    {
    case CHOICES_ROLE:
      return verkan_vocabulary_has (VERKAN_VOCABULARY_PERSON_ROLE, token);
    case CHOICES_GOAL_KIND:
      return verkan_vocabulary_has (VERKAN_VOCABULARY_GOAL_KIND, token);
    case CHOICES_GOAL_STATUS:
      return verkan_vocabulary_has (VERKAN_VOCABULARY_GOAL_STATUS, token);
    case CHOICES_LANGUAGE:
    case CHOICES_TEMPLATE:
    case CHOICES_COLUMN:
    case CHOICES_GENDER:
      return g_strv_contains (choices_tokens (choices), token);
    case CHOICES_NONE:
    default:
      return TRUE;
    }
}

/* "a, b, c" */
static char *
choices_list (Choices choices)
{
  g_autoptr(GString) list = g_string_new (NULL);
  VerkanVocabulary vocabulary;
  const VerkanTerm *terms;
  guint n = 0;

  switch (choices)
    {
    case CHOICES_ROLE:        vocabulary = VERKAN_VOCABULARY_PERSON_ROLE; break;
    case CHOICES_GOAL_KIND:   vocabulary = VERKAN_VOCABULARY_GOAL_KIND; break;
    case CHOICES_GOAL_STATUS: vocabulary = VERKAN_VOCABULARY_GOAL_STATUS; break;
    case CHOICES_LANGUAGE:
    case CHOICES_TEMPLATE:
    case CHOICES_COLUMN:
    case CHOICES_GENDER:
      return g_strjoinv (", ", (char **) choices_tokens (choices));
    case CHOICES_NONE:
    default:
      return g_strdup ("");
    }

  terms = verkan_vocabulary_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", terms[i].token);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static int
field_index (const Table *table,
             const char  *column)
{
  for (guint i = 0; i < table->n_fields; i++)
    if (g_strcmp0 (table->fields[i].column, column) == 0)
      return (int) i;
  return -1;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/* The shortest plain decimal that reads back as exactly @value:
 * 96.5, 120, 0.1; never an exponent, which xsd:decimal does not allow. */
static char *
format_decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) plain = NULL;
  const char *p, *e;
  g_autoptr(GString) digits = g_string_new (NULL);
  int point;

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  e = strchr (buf, 'e');
  if (e == NULL)
    return g_strdup (buf);

  /* %g gives one digit before the point: d[.ddd]e±NN */
  p = buf;
  plain = g_string_new (NULL);
  if (*p == '-')
    g_string_append_c (plain, *p++);
  for (; p < e; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  point = 1 + atoi (e + 1);

  if (point <= 0)
    {
      g_string_append (plain, "0.");
      for (int i = 0; i < -point; i++)
        g_string_append_c (plain, '0');
      g_string_append (plain, digits->str);
    }
  else if ((gsize) point >= digits->len)
    {
      g_string_append (plain, digits->str);
      for (gsize i = digits->len; i < (gsize) point; i++)
        g_string_append_c (plain, '0');
    }
  else
    {
      g_string_append_len (plain, digits->str, point);
      g_string_append_c (plain, '.');
      g_string_append (plain, digits->str + point);
    }

  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static gboolean
all_digits (const char *s,
            gsize       min,
            gsize       max)
{
  gsize n = 0;

  for (; *s != '\0'; s++, n++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return n >= min && n <= max;
}

/* xsd:date without time zone: 2022-08-16 */
static gboolean
is_date (const char *s)
{
  int y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;

  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

/* xsd:int, 0 or more */
static gboolean
parse_count (const char *s,
             gint64     *out)
{
  const char *digits = (*s == '+') ? s + 1 : s;

  if (!all_digits (digits, 1, G_MAXSIZE))
    return FALSE;
  errno = 0;
  *out = g_ascii_strtoll (digits, NULL, 10);
  return errno != ERANGE && *out <= G_MAXINT32;
}

/* xsd:decimal, 0 or more: 96.5, 120, .5, 3. */
static gboolean
parse_hours (const char *s,
             double     *out)
{
  const char *p = (*s == '+') ? s + 1 : s;
  gsize before = 0, after = 0;

  while (g_ascii_isdigit (*p))
    p++, before++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      after++;
  if (*p != '\0' || before + after == 0)
    return FALSE;

  *out = g_ascii_strtod (*s == '+' ? s + 1 : s, NULL);
  return isfinite (*out);
}

/* xsd:decimal of either sign: -2.5, 120, .5 */
static gboolean
parse_number (const char *s,
              double     *out)
{
  const char *digits = (*s == '-' || *s == '+') ? s + 1 : s;
  double magnitude;

  if (*digits == '+' || *digits == '-' || !parse_hours (digits, &magnitude))
    return FALSE;
  *out = *s == '-' ? -magnitude : magnitude;
  return TRUE;
}

/* A Kolada KPI id: one capital letter and five digits, N31807 */
static gboolean
is_kpi (const char *s)
{
  return g_ascii_isupper (s[0]) && all_digits (s + 1, 5, 5);
}

/* 8-4-4-4-12 hexadecimal digits, either case */
static gboolean
is_uuid (const char *s)
{
  static const guint groups[] = { 8, 4, 4, 4, 12 };
  const char *p = s;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (g > 0 && *p++ != '-')
        return FALSE;
      for (guint i = 0; i < groups[g]; i++, p++)
        if (!g_ascii_isxdigit (*p))
          return FALSE;
    }
  return *p == '\0';
}

/* Maps "table\x1fid" to the uuid of every row written so far among the
 * children of one parent, so that a reference can be written as a uuid */
static char *
ref_key (const char *table,
         gint64      id)
{
  return g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, table, id);
}

/* A row value from verkan_project_get_row()/list_rows() as XML text, or
 * NULL when the column is NULL.  Only text columns may be "". */
static char *
row_value (GVariant     *row,
           const Table  *table,
           const Field  *field,
           GHashTable   *refs,
           GError      **error)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (row, field->column, NULL);
  char *text;

  if (value == NULL)
    return NULL;

  if (field->kind == KIND_REF || field->kind == KIND_BOOLEAN)
    {
      gint64 n;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        n = g_variant_get_int64 (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        n = (gint64) g_variant_get_double (value);
      else
        goto unexpected;

      if (field->kind == KIND_BOOLEAN)
        return g_strdup (n != 0 ? "true" : "false");

      {
        g_autofree char *key = ref_key (field->refers->table, n);
        const char *uuid = refs ? g_hash_table_lookup (refs, key) : NULL;

        if (uuid == NULL)
          {
            g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                         _("A <%s> refers with “%s” to an <%s> outside the part of the "
                           "project it belongs to, which the XML format cannot hold."),
                         table->element, field->attribute, field->refers->element);
            return NULL;
          }
        return g_strdup (uuid);
      }
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_dup_string (value, NULL);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    {
      gint64 n = g_variant_get_int64 (value);

      /* an INTEGER stored in a REAL column comes back as one */
      if (field->kind == KIND_HOURS || field->kind == KIND_NUMBER)
        text = format_decimal ((double) n);
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_variant_get_double (value);

      if (!isfinite (d))
        {
          g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                       _("The value of “%s” is not a number that can be written."),
                       field->column);
          return NULL;
        }
      /* an INTEGER column that SQLite handed back as REAL */
      text = (field->kind == KIND_COUNT || field->kind == KIND_YEAR)
             ? g_strdup_printf ("%.0f", d) : format_decimal (d);
    }
  else
    goto unexpected;

  if (field->kind != KIND_TEXT && text[0] == '\0')
    g_clear_pointer (&text, g_free);  /* an empty date or code means "none" */

  return text;

unexpected:
  g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
               _("The value of “%s” has an unexpected type."), field->column);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static xmlDoc  *parse_memory (const char  *data,
                              gsize        length,
                              const char  *url,
                              int          code,
                              GError     **error);
static gboolean is_ours      (xmlNode     *node,
                              const char  *name);
static char    *xml_strdup   (xmlChar     *text);

/* XML 1.0 cannot hold most control characters, not even escaped */
static gboolean
check_text (const char  *text,
            const Table *table,
            const Field *field,
            GError     **error)
{
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    goto bad;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        goto bad;
      if (c == 0xFFFE || c == 0xFFFF)
        goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
               _("The text of <%s> in <%s> contains a control character that XML "
                 "cannot hold. Remove it and export again."),
               field->element ? field->element : table->element, table->element);
  return FALSE;
}

static gboolean
write_failed (GError **error)
{
  g_set_error_literal (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                       _("The XML could not be written."));
  return FALSE;
}

/* Writes @node and all it holds the way the rows are written: its
 * attributes that have no namespace, in their order; then either its
 * child elements (white space between them is layout, and dropped) or,
 * when it has none, its text.  An element with attributes and no text
 * is written empty (<baseline value="3"/>), one without attributes as
 * <text></text>.  Comments and processing instructions are left out.
 * @xmlns, when not NULL, is declared on @node.
 *
 * This is how a frozen version keeps its model: the canonical form is
 * what this writes without indentation and with the namespace declared,
 * and it reads back to exactly the same bytes. */
static gboolean
write_node (xmlTextWriter *writer,
            xmlNode       *node,
            const char    *xmlns)
{
  gboolean has_elements = FALSE;
  guint n_attributes = 0;

  if (xmlTextWriterStartElement (writer, node->name) < 0)
    return FALSE;
  if (xmlns != NULL && xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST xmlns) < 0)
    return FALSE;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      g_autofree char *value = NULL;

      if (attr->ns != NULL)
        continue;
      value = xml_strdup (xmlGetNoNsProp (node, attr->name));
      if (xmlTextWriterWriteAttribute (writer, attr->name, BAD_CAST (value ? value : "")) < 0)
        return FALSE;
      n_attributes++;
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        has_elements = TRUE;
        if (!write_node (writer, child, NULL))
          return FALSE;
      }

  if (!has_elements)
    {
      g_autofree char *text = xml_strdup (xmlNodeGetContent (node));

      if (((text != NULL && text[0] != '\0') || n_attributes == 0) &&
          xmlTextWriterWriteString (writer, BAD_CAST (text ? text : "")) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (writer) >= 0;
}

/* The canonical form of a <logic-model> element: one line of XML */
static char *
canonical_xml (xmlNode *node)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  xmlTextWriter *writer = buffer ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  gboolean ok;
  int start;
  char *text = NULL;

  if (writer == NULL)
    {
      g_clear_pointer (&buffer, xmlBufferFree);
      return NULL;
    }
  /* Without an encoding, libxml2 writes å in an attribute as &#xE5;: so
   * start a UTF-8 document, and keep only what follows its declaration */
  ok = xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) >= 0 &&
       xmlTextWriterFlush (writer) >= 0;
  start = xmlBufferLength (buffer);
  ok = ok && write_node (writer, node, VERKAN_XML_NAMESPACE);
  xmlFreeTextWriter (writer);  /* flushes into the buffer */
  if (ok)
    text = g_strndup ((const char *) xmlBufferContent (buffer) + start,
                      xmlBufferLength (buffer) - start);
  xmlBufferFree (buffer);
  return text;
}

/* A frozen model, from its content column into the document */
static gboolean
write_embedded (xmlTextWriter *writer,
                const Table   *table,
                const Field   *field,
                const char    *content,
                GError       **error)
{
  xmlDoc *doc = parse_memory (content, strlen (content), NULL, VERKAN_XML_ERROR_WRITE, NULL);
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;
  gboolean ok;

  /* the canonical form declares the namespace; be lenient when it does not */
  if (root == NULL || g_strcmp0 ((const char *) root->name, field->element) != 0 ||
      (root->ns != NULL && !is_ours (root, field->element)))
    {
      g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                   _("A <%s> in the project does not hold a readable <%s>, so nothing "
                     "was written."), table->element, field->element);
      g_clear_pointer (&doc, xmlFreeDoc);
      return FALSE;
    }

  ok = write_node (writer, root, NULL);
  xmlFreeDoc (doc);
  return ok ? TRUE : write_failed (error);
}

/* A report section's body, from its column into the document: the
 * canonical form of the body (which holds no control characters and is
 * well-formed), written as it is, because a paragraph is mixed content
 * whose every space counts and the writer's indentation must not touch it.
 * In the document its elements are in the project's namespace. */
static gboolean
write_body (xmlTextWriter *writer,
            VerkanProject *project,
            const Table   *table,
            gint64         id,
            const char    *content,
            GError       **error)
{
  g_autoptr(VerkanReportBody) body = verkan_report_body_parse (content, NULL);
  g_autoptr(GPtrArray) nested = NULL;
  g_autofree char *text = NULL;

  if (body == NULL)
    {
      g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                   _("The text of a <%s> in the report is damaged, so nothing was written."),
                   table->element);
      return FALSE;
    }
  text = verkan_report_body_to_xml (body);
  if (xmlTextWriterWriteRaw (writer, BAD_CAST text) < 0)
    return write_failed (error);

  /* a line break puts the nested sections on lines of their own (the
   * writer indents them); a section without any stays on one line */
  nested = verkan_project_list_rows (project, table->table, table->parent_column,
                                     g_variant_new_int64 (id), NULL);
  if (nested != NULL && nested->len > 0 && xmlTextWriterWriteRaw (writer, BAD_CAST "\n") < 0)
    return write_failed (error);
  return TRUE;
}

/* Left out of the XML: an optional text that is empty, an optional flag
 * that is off, and whatever is NULL */
static gboolean
is_left_out (const Field *field,
             const char  *value)
{
  if (value == NULL)
    return TRUE;
  if (field->flags & FIELD_REQUIRED)
    return FALSE;
  return (field->kind == KIND_TEXT && value[0] == '\0') ||
         (field->kind == KIND_BOOLEAN && strcmp (value, "false") == 0);
}

/* JSON is full of quotes, which xmlTextWriterWriteString writes as
 * &quot;.  Text needs only &, < and > escaped (and a carriage return,
 * which a reader would turn into a line break), so a chart's spec stays
 * readable: <spec>{"kind":"line",…}</spec>. */
static gboolean
write_json_text (xmlTextWriter *writer,
                 const char    *text)
{
  g_autoptr(GString) escaped = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&':  g_string_append (escaped, "&amp;"); break;
      case '<':  g_string_append (escaped, "&lt;"); break;
      case '>':  g_string_append (escaped, "&gt;"); break;
      case '\r': g_string_append (escaped, "&#13;"); break;
      default:   g_string_append_c (escaped, *p); break;
      }
  return xmlTextWriterWriteRaw (writer, BAD_CAST escaped->str) >= 0;
}

static gboolean write_children (xmlTextWriter      *writer,
                                VerkanProject      *project,
                                const Table *const *tables,
                                gint64              parent_id,
                                GHashTable         *keep,
                                GError            **error);

#define MAX_FIELDS 16

/* One row as its element: the attributes of the row element first, then
 * the child elements in field order, then the rows nested in it.
 * Consecutive fields that share a child element become the attributes of
 * that one element (<period start="…" end="…"/>), which is left out when
 * all are absent.  @refs gets the row's uuid, for references to it.
 * @keep, when not NULL, is passed on to the nested rows (see keeps_row()). */
static gboolean
write_row (xmlTextWriter *writer,
           VerkanProject *project,
           const Table   *table,
           GVariant      *row,
           GHashTable    *refs,
           GHashTable    *keep,
           GError       **error)
{
  const Field *fields = table->fields;
  char *values[MAX_FIELDS] = { NULL, };
  const char *uuid = NULL;
  gint64 id = 0;
  gboolean ok = FALSE;
  guint i, j;

  g_assert (table->n_fields <= MAX_FIELDS);

  for (i = 0; i < table->n_fields; i++)
    {
      GError *local_error = NULL;

      values[i] = row_value (row, table, &fields[i], refs, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      if ((fields[i].kind == KIND_TEXT || fields[i].kind == KIND_JSON) && values[i] != NULL &&
          !check_text (values[i], table, &fields[i], error))
        goto out;
    }

  g_variant_lookup (row, "id", "x", &id);
  g_variant_lookup (row, "uuid", "&s", &uuid);

  if (xmlTextWriterStartElement (writer, BAD_CAST table->element) < 0)
    goto failed;
  if (table != &project_table && uuid != NULL && uuid[0] != '\0' &&
      xmlTextWriterWriteAttribute (writer, BAD_CAST "uuid", BAD_CAST uuid) < 0)
    goto failed;
  for (i = 0; i < table->n_fields; i++)
    if (fields[i].element == NULL && fields[i].attribute != NULL &&
        !is_left_out (&fields[i], values[i]) &&
        xmlTextWriterWriteAttribute (writer, BAD_CAST fields[i].attribute, BAD_CAST values[i]) < 0)
      goto failed;

  for (i = 0; i < table->n_fields; i = j)
    {
      const Field *field = &fields[i];
      gboolean any = FALSE;

      for (j = i + 1; field->element != NULL && j < table->n_fields &&
                      g_strcmp0 (fields[j].element, field->element) == 0; j++)
        ;

      if (field->element == NULL)
        {
          /* the row element's own text (a municipality's name) */
          if (field->attribute == NULL && values[i] != NULL &&
              xmlTextWriterWriteString (writer, BAD_CAST values[i]) < 0)
            goto failed;
          continue;
        }

      if (field->kind == KIND_MODEL)
        {
          if (!write_embedded (writer, table, field, values[i] ? values[i] : "", error))
            goto out;
          continue;
        }

      if (field->kind == KIND_BODY)
        {
          if (!write_body (writer, project, table, id, values[i], error))
            goto out;
          continue;
        }

      if (field->attribute == NULL)
        {
          if ((values[i] == NULL || values[i][0] == '\0') && !(field->flags & FIELD_REQUIRED))
            continue;
          if (xmlTextWriterStartElement (writer, BAD_CAST field->element) < 0 ||
              (values[i] != NULL && field->kind == KIND_JSON &&
               !write_json_text (writer, values[i])) ||
              (values[i] != NULL && field->kind != KIND_JSON &&
               xmlTextWriterWriteString (writer, BAD_CAST values[i]) < 0) ||
              xmlTextWriterEndElement (writer) < 0)
            goto failed;
          continue;
        }

      for (guint k = i; k < j; k++)
        any = any || !is_left_out (&fields[k], values[k]);
      if (!any)
        continue;
      if (xmlTextWriterStartElement (writer, BAD_CAST field->element) < 0)
        goto failed;
      for (guint k = i; k < j; k++)
        if (!is_left_out (&fields[k], values[k]) &&
            xmlTextWriterWriteAttribute (writer, BAD_CAST fields[k].attribute, BAD_CAST values[k]) < 0)
          goto failed;
      if (xmlTextWriterEndElement (writer) < 0)
        goto failed;
    }

  if (table->children != NULL &&
      !write_children (writer, project, table->children, id, keep, error))
    goto out;

  if (xmlTextWriterEndElement (writer) < 0)
    goto failed;

  if (refs != NULL && uuid != NULL)
    g_hash_table_insert (refs, ref_key (table->table, id), g_strdup (uuid));

  ok = TRUE;
  goto out;

failed:
  write_failed (error);
out:
  for (i = 0; i < table->n_fields; i++)
    g_free (values[i]);
  return ok;
}

/* Copied cards: @keep holds the ids of the model elements to write; the
 * links between two of them go along, the indicators of each with it */
static gboolean
keeps_row (const Table *table,
           GVariant    *row,
           GHashTable  *keep)
{
  gint64 id = 0, from = 0, to = 0;

  if (keep == NULL)
    return TRUE;
  if (table == &element_table)
    {
      g_variant_lookup (row, "id", "x", &id);
      return g_hash_table_contains (keep, &id);
    }
  if (table == &link_table)
    {
      g_variant_lookup (row, "from_id", "x", &from);
      g_variant_lookup (row, "to_id", "x", &to);
      return g_hash_table_contains (keep, &from) && g_hash_table_contains (keep, &to);
    }
  return TRUE;
}

/* The rows of @table (those nested in row @parent_id of the parent's
 * table, when it nests), in its section element when it has one, group
 * by group and each group in its order */
static gboolean
write_table (xmlTextWriter  *writer,
             VerkanProject  *project,
             const Table    *table,
             gint64          parent_id,
             GHashTable     *refs,
             GHashTable     *keep,
             GError        **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_groups = table->groups ? g_strv_length ((char **) table->groups) : 1;
  guint written = 0;

  if (table->parent_column != NULL)
    rows = verkan_project_list_rows (project, table->table, table->parent_column,
                                     g_variant_new_int64 (parent_id), error);
  else
    rows = verkan_project_list_rows (project, table->table, NULL, NULL, error);
  if (rows == NULL)
    return FALSE;

  if (table->container != NULL && xmlTextWriterStartElement (writer, BAD_CAST table->container) < 0)
    return write_failed (error);

  for (guint g = 0; g < n_groups; g++)
    for (guint i = 0; i < rows->len; i++)
      {
        GVariant *row = g_ptr_array_index (rows, i);

        if (table->groups != NULL)
          {
            const char *group = NULL;

            if (!g_variant_lookup (row, table->group_column, "&s", &group) ||
                g_strcmp0 (group, table->groups[g]) != 0)
              continue;
          }
        written++;
        if (!keeps_row (table, row, keep))
          continue;
        if (!write_row (writer, project, table, row, refs, keep, error))
          return FALSE;
      }

  /* a row of no known group would be lost without a word */
  if (written != rows->len)
    {
      g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                   _("The project holds a <%s> of a kind the XML format does not know, so "
                     "nothing was written."), table->element);
      return FALSE;
    }

  if (table->container != NULL && xmlTextWriterEndElement (writer) < 0)
    return write_failed (error);
  return TRUE;
}

/* The rows of @tables nested in row @parent_id (0 at the top), where a
 * reference may point at any of them */
static gboolean
write_children (xmlTextWriter      *writer,
                VerkanProject      *project,
                const Table *const *tables,
                gint64              parent_id,
                GHashTable         *keep,
                GError            **error)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint t = 0; tables[t] != NULL; t++)
    if (!write_table (writer, project, tables[t], parent_id, refs, keep, error))
      return FALSE;
  return TRUE;
}

/* <report>: the chapters (the sections nested in them follow as the rows
 * nested in a row), then the references */
static gboolean
write_report (xmlTextWriter  *writer,
              VerkanProject  *project,
              GError        **error)
{
  g_autoptr(GPtrArray) chapters = verkan_project_list_rows (project, section_table.table,
                                                            section_table.parent_column,
                                                            NULL, error);

  if (chapters == NULL)
    return FALSE;
  if (xmlTextWriterStartElement (writer, BAD_CAST "report") < 0)
    return write_failed (error);
  for (guint i = 0; i < chapters->len; i++)
    if (!write_row (writer, project, &section_table, g_ptr_array_index (chapters, i),
                    NULL, NULL, error))
      return FALSE;
  if (!write_table (writer, project, &reference_table, 0, NULL, NULL, error))
    return FALSE;
  return xmlTextWriterEndElement (writer) >= 0 ? TRUE : write_failed (error);
}

/* ------------------------------------------------------------------ */
/* Parsing and schema validation                                       */
/* ------------------------------------------------------------------ */

/* "Line 12: <detail>", or just the detail when the line is unknown */
static void
set_line_error (GError   **error,
                int        code,
                long       line,
                const char *detail)
{
  if (line > 0)
    g_set_error (error, VERKAN_XML_ERROR, code, _("Line %ld: %s"), line, detail);
  else
    g_set_error_literal (error, VERKAN_XML_ERROR, code, detail);
}

static void
set_node_error (GError     **error,
                int          code,
                xmlNode     *node,
                const char  *detail)
{
  set_line_error (error, code, node != NULL ? xmlGetLineNo (node) : 0, detail);
}

/* libxml2 allocates with its own allocator; hand back a GLib string */
static char *
xml_strdup (xmlChar *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strdup ((const char *) text);
  xmlFree (text);
  return copy;
}

typedef struct {
  char *message;
  long  line;
} ParseError;

/* Keeps the first error: later ones mostly follow from it */
static void
collect_parse_error (void     *user_data,
                     xmlError *error)
{
  xmlParserCtxt *ctxt = user_data;
  ParseError *first = ctxt->_private;

  if (first->message == NULL && error->level >= XML_ERR_ERROR)
    {
      first->message = g_strstrip (g_strdup (error->message ? error->message : ""));
      first->line = error->line;
    }
}

static xmlDoc *
parse_memory (const char  *data,
              gsize        length,
              const char  *url,
              int          code,
              GError     **error)
{
  xmlParserCtxt *ctxt;
  ParseError first = { NULL, 0 };
  xmlDoc *doc;

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, VERKAN_XML_ERROR, code,
                           _("The file is too large to be a Verkan project."));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, VERKAN_XML_ERROR, code,
                           _("Out of memory while reading the XML."));
      return NULL;
    }

  /* No network, no entity expansion from outside; errors are collected
   * instead of printed */
  ctxt->_private = &first;
  ctxt->sax->serror = collect_parse_error;
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, url, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES);
  if (doc == NULL || !ctxt->wellFormed)
    {
      xmlError *last = xmlCtxtGetLastError (ctxt);
      g_autofree char *detail = NULL;

      if (first.message == NULL && last != NULL)
        {
          first.message = g_strstrip (g_strdup (last->message ? last->message : ""));
          first.line = last->line;
        }
      /* libxml2 speaks English and to programmers; say what it means first */
      detail = g_strdup_printf (_("The file is not well-formed XML (%s). It may be damaged, "
                                  "or have been edited by hand."),
                                first.message ? first.message : "");
      set_line_error (error, code, first.line, detail);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc->intSubset != NULL)
    {
      /* a Verkan file never has one, and it is the door to entity tricks */
      set_line_error (error, VERKAN_XML_ERROR_INVALID, 0,
                      _("The file has a document type declaration (<!DOCTYPE>), which "
                        "Verkan files do not use."));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  g_free (first.message);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

static xmlDoc *
load_document (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return parse_memory (contents, length, path, VERKAN_XML_ERROR_PARSE, error);
}

typedef struct {
  int      code;
  long     line;
  xmlNode *node;
  char    *message;
  char    *str1;
  char    *str2;
} SchemaError;

static void
schema_error_free (gpointer data)
{
  SchemaError *e = data;

  g_free (e->message);
  g_free (e->str1);
  g_free (e->str2);
  g_free (e);
}

static void
collect_schema_error (void     *user_data,
                      xmlError *error)
{
  GPtrArray *errors = user_data;
  SchemaError *e = g_new0 (SchemaError, 1);

  e->code = error->domain == XML_FROM_RELAXNGV ? error->code : -1;
  e->node = error->node;
  e->line = e->node != NULL ? xmlGetLineNo (e->node) : error->line;
  e->message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
  e->str1 = g_strdup (error->str1);
  e->str2 = g_strdup (error->str2);
  g_ptr_array_add (errors, e);
}

static const char *
describe_datatype (const char *type)
{
  if (g_strcmp0 (type, "date") == 0)
    return _("a date such as 2022-08-16");
  if (g_strcmp0 (type, "dateTime") == 0)
    return _("a time such as 2022-01-10T09:00:00Z");
  if (g_strcmp0 (type, "decimal") == 0)
    return _("a number such as 96.5");
  if (g_strcmp0 (type, "int") == 0)
    return _("a whole number");
  return _("a text of the right form");
}

/* Whether @table, or a table nested in it, has attribute @name on element @element */
static gboolean
table_has_attribute (const Table *table,
                     const char  *element,
                     const char  *name)
{
  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];
      const char *holder = field->element ? field->element : table->element;

      if (g_strcmp0 (field->attribute, name) == 0 && g_strcmp0 (holder, element) == 0)
        return TRUE;
    }
  for (guint c = 0; table->children != NULL && table->children[c] != NULL; c++)
    if (table->children[c] != table &&  /* a section nests in a section */
        table_has_attribute (table->children[c], element, name))
      return TRUE;
  return FALSE;
}

/* Whether the format has attribute @name on element @element at all */
static gboolean
is_known_attribute (const char *element,
                    const char *name)
{
  if (g_strcmp0 (name, "uuid") == 0)
    return g_strcmp0 (element, own_value_table.element) != 0;  /* the one row without */
  if (g_strcmp0 (element, "verkan-project") == 0)
    return g_strcmp0 (name, "format") == 0;

  if (table_has_attribute (&project_table, element, name))
    return TRUE;
  for (guint t = 0; section_tables[t] != NULL; t++)
    if (table_has_attribute (section_tables[t], element, name))
      return TRUE;
  for (guint t = 0; report_tables[t] != NULL; t++)
    if (table_has_attribute (report_tables[t], element, name))
      return TRUE;
  return FALSE;
}

/* libxml2's messages name its internals; turn the usual ones into words */
static char *
describe_schema_error (const SchemaError *e)
{
  const char *name = e->node != NULL ? (const char *) e->node->name : "?";
  g_autofree char *content = NULL;

  switch (e->code)
    {
    case XML_RELAXNG_ERR_INVALIDATTR:
      {
        const char *element = e->str2 ? e->str2 : name;
        g_autofree char *value = NULL;

        if (e->node != NULL && e->str1 != NULL)
          value = xml_strdup (xmlGetNoNsProp (e->node, BAD_CAST e->str1));
        if (value != NULL && is_known_attribute (element, e->str1))
          return g_strdup_printf (_("the attribute “%s” of <%s> has a value that is not allowed: “%s”."),
                                  e->str1, element, value);
        return g_strdup_printf (_("<%s> has an attribute “%s”, which Verkan does not know."),
                                element, e->str1 ? e->str1 : "?");
      }

    case XML_RELAXNG_ERR_TYPEVAL:
      return g_strdup_printf (_("“%s” in <%s> is not %s."),
                              e->str2 ? e->str2 : "", name, describe_datatype (e->str1));

    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_VALUE:
    case XML_RELAXNG_ERR_CONTENTVALID:
      if (e->node != NULL)
        content = xml_strdup (xmlNodeGetContent (e->node));
      if (content != NULL && g_utf8_strlen (content, -1) > 40)
        {
          char *cut = g_utf8_offset_to_pointer (content, 40);
          *cut = '\0';
        }
      return g_strdup_printf (_("<%s> contains a value that is not allowed here: “%s”."),
                              name, content ? content : "");

    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_EXTRACONTENT:
    case XML_RELAXNG_ERR_ELEMNAME:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
    case XML_RELAXNG_ERR_ELEMWRONGNS:
    case XML_RELAXNG_ERR_ELEMNONS:
      return g_strdup_printf (_("<%s> is not allowed here: it is unknown, repeated, or in the "
                                "wrong order."), name);

    case XML_RELAXNG_ERR_NOELEM:
      return g_strdup_printf (_("<%s> is missing an element that must come next."), name);

    case XML_RELAXNG_ERR_TEXTWRONG:
      return g_strdup_printf (_("<%s> contains text where only elements belong."), name);

    case XML_RELAXNG_ERR_ATTRVALID:
      return g_strdup_printf (_("<%s> lacks an attribute it needs, or has one it may not have."),
                              e->str1 ? e->str1 : name);

    default:
      return g_strdup (e->message);
    }
}

/* @code and @with_line tell an import (the person's file) from the check
 * of an export (Verkan's own output, which nobody has seen yet) */
static gboolean
validate_with_schema (xmlDoc   *doc,
                      int       code,
                      gboolean  with_line,
                      GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (schema_error_free);
  xmlRelaxNGParserCtxt *parser;
  xmlRelaxNGValidCtxt *validator;
  xmlRelaxNG *schema;
  const char *data;
  gsize size;
  int rc;

  bytes = verkan_resources_lookup ("schema/verkan.rng");
  g_assert (bytes != NULL);  /* compiled into the core */
  data = g_bytes_get_data (bytes, &size);

  parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);
  xmlRelaxNGSetParserStructuredErrors (parser, collect_schema_error, errors);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    {
      /* a broken build, not the user's file */
      g_critical ("verkan.rng does not compile: %s",
                  errors->len > 0 ? ((SchemaError *) errors->pdata[0])->message : "?");
      g_set_error_literal (error, VERKAN_XML_ERROR, code,
                           _("Verkan’s own description of the format could not be read."));
      return FALSE;
    }

  validator = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (validator, collect_schema_error, errors);
  rc = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlRelaxNGFree (schema);

  if (rc != 0)
    {
      const SchemaError *chosen = NULL;
      g_autofree char *detail = NULL;

      /* the first error that points at a place in the file */
      for (guint i = 0; i < errors->len && chosen == NULL; i++)
        if (((SchemaError *) errors->pdata[i])->node != NULL)
          chosen = errors->pdata[i];
      if (chosen == NULL && errors->len > 0)
        chosen = errors->pdata[0];

      if (chosen != NULL)
        detail = describe_schema_error (chosen);
      else
        detail = g_strdup (_("The file does not follow the Verkan format."));
      set_line_error (error, code, chosen && with_line ? chosen->line : 0, detail);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

typedef struct ImportRow ImportRow;

struct ImportRow {
  const Table *table;
  ImportRow   *parent;    /* the row it nests in, or NULL */
  char        *uuid;
  gint64       position;
  gint64       id;        /* once stored */
  long         line;
  char       **values;    /* one per field; NULL when absent */
};

static void
import_row_free (gpointer data)
{
  ImportRow *row = data;

  for (guint i = 0; i < row->table->n_fields; i++)
    g_free (row->values[i]);
  g_free (row->values);
  g_free (row->uuid);
  g_free (row);
}

/* What one reading of a document (or of a frozen model in it) collects */
typedef struct {
  GHashTable *seen;       /* "table\x1fname\x1fvalue" of the values that must be unique */
  GPtrArray  *rows;       /* of ImportRow; each parent before the rows nested in it */
  int         format;     /* the document's format version; 0 when unknown */
  int         code;       /* VERKAN_XML_ERROR_INVALID, or _WRITE when checking an export */
  gboolean    with_line;  /* whether a line means anything to the person */
} ReadContext;

static void
read_context_init (ReadContext *ctx,
                   int          code,
                   gboolean     with_line)
{
  ctx->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->rows = g_ptr_array_new_with_free_func (import_row_free);
  ctx->format = 0;
  ctx->code = code;
  ctx->with_line = with_line;
}

static void
read_context_clear (ReadContext *ctx)
{
  g_clear_pointer (&ctx->seen, g_hash_table_unref);
  g_clear_pointer (&ctx->rows, g_ptr_array_unref);
}

static void
read_error (ReadContext  *ctx,
            GError      **error,
            long          line,
            const char   *detail)
{
  set_line_error (error, ctx->code, ctx->with_line ? line : 0, detail);
}

static void
read_node_error (ReadContext  *ctx,
                 GError      **error,
                 xmlNode      *node,
                 const char   *detail)
{
  read_error (ctx, error, node != NULL ? xmlGetLineNo (node) : 0, detail);
}

static gboolean
is_ours (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, VERKAN_XML_NAMESPACE) == 0 &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

static xmlNode *
child_element (xmlNode    *parent,
               const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_ours (child, name))
      return child;
  return NULL;
}

/* "the attribute “status” of <goal>" or "<title>" */
static char *
describe_place (const Table *table,
                const Field *field)
{
  const char *element = field->element ? field->element : table->element;

  if (field->attribute != NULL)
    return g_strdup_printf (_("the attribute “%s” of <%s>"), field->attribute, element);
  return g_strdup_printf ("<%s>", element);
}

static gboolean read_nested (ReadContext  *ctx,
                             const Table  *table,
                             xmlNode      *node,
                             ImportRow    *parent,
                             gint64        position,
                             GError      **error);

/* A frozen model is read like any other, on its own: its uuids are the
 * ones the model had, and may well be in use by the model today */
static gboolean
check_embedded (ReadContext  *ctx,
                const Table  *table,
                xmlNode      *node,
                GError      **error)
{
  ReadContext inner;
  gboolean ok;

  read_context_init (&inner, ctx->code, ctx->with_line);
  inner.format = ctx->format;
  ok = read_nested (&inner, table, node, NULL, 0, error);
  read_context_clear (&inner);
  return ok;
}

static gboolean
check_value (ReadContext  *ctx,
             const Table  *table,
             const Field  *field,
             xmlNode      *holder,
             const char   *value,
             GError      **error)
{
  g_autofree char *place = describe_place (table, field);
  g_autofree char *detail = NULL;
  gint64 count;
  double number;

  switch (field->kind)
    {
    case KIND_TEXT:
      if ((field->flags & FIELD_NON_EMPTY) && value[strspn (value, " \t\r\n")] == '\0')
        detail = g_strdup_printf (_("%s is empty; it needs some text."), place);
      break;

    case KIND_TOKEN:
      if (!choices_allow (field->choices, value))
        {
          g_autofree char *allowed = choices_list (field->choices);
          detail = g_strdup_printf (_("%s cannot be “%s”; use one of: %s."), place, value, allowed);
        }
      break;

    case KIND_CODE:
      if (!all_digits (value, 4, 4))
        detail = g_strdup_printf (_("%s must be a municipality code of four digits, such as "
                                    "1861, not “%s”."), place, value);
      break;

    case KIND_DATE:
      if (!is_date (value))
        detail = g_strdup_printf (_("%s must be a date written as year-month-day, such as "
                                    "2022-08-16, not “%s”."), place, value);
      break;

    case KIND_COUNT:
      if (!parse_count (value, &count))
        detail = g_strdup_printf (_("%s must be a whole number, 0 or more, not “%s”."),
                                  place, value);
      break;

    case KIND_HOURS:
      if (!parse_hours (value, &number))
        detail = g_strdup_printf (_("%s must be a number of hours, 0 or more, with a decimal "
                                    "point if needed, such as 96.5, not “%s”."), place, value);
      break;

    case KIND_NUMBER:
      if (!parse_number (value, &number))
        detail = g_strdup_printf (_("%s must be a number with a decimal point if needed, such "
                                    "as 4.5 or -2, not “%s”."), place, value);
      break;

    case KIND_YEAR:
      if (!all_digits (value, 4, 4))
        detail = g_strdup_printf (_("%s must be a year of four digits, such as 2021, not “%s”."),
                                  place, value);
      break;

    case KIND_BOOLEAN:
      if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
        detail = g_strdup_printf (_("%s must be “true” or “false”, not “%s”."), place, value);
      break;

    case KIND_KPI:
      if (!is_kpi (value))
        detail = g_strdup_printf (_("%s must be the id of a key figure in Kolada, a capital "
                                    "letter and five digits such as N31807, not “%s”."),
                                  place, value);
      break;

    case KIND_UUID:
    case KIND_REF:
      if (!is_uuid (value))
        detail = g_strdup_printf (_("%s must be a uuid such as "
                                    "3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f13, not “%s”."),
                                  place, value);
      break;

    case KIND_MODEL:
      return check_embedded (ctx, field->refers, holder, error);

    case KIND_JSON:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(GError) json_error = NULL;
        JsonNode *root;

        if (!json_parser_load_from_data (parser, value, -1, &json_error))
          detail = g_strdup_printf (_("%s must hold JSON, but it cannot be read: %s"),
                                    place, json_error->message);
        else if ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
          detail = g_strdup_printf (_("%s must hold one JSON object, written {…}."), place);
      }
      break;

    case KIND_TIMESTAMP:
    default:
      break;  /* left to the schema */
    }

  if (detail == NULL)
    return TRUE;
  read_node_error (ctx, error, holder, detail);
  return FALSE;
}

/* Remembers the values that must be unique within a table */
static gboolean
check_unique (ReadContext  *ctx,
              const Table  *table,
              const char   *name,
              const char   *value,
              xmlNode      *node,
              GError      **error)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s", table->table, name, value);
  g_autofree char *detail = NULL;

  if (g_hash_table_add (ctx->seen, g_steal_pointer (&key)))
    return TRUE;

  detail = g_strdup_printf (_("%s “%s” is also used by an earlier <%s>; it must be unique."),
                            name, value, table->element);
  read_node_error (ctx, error, node, detail);
  return FALSE;
}

/* A <body> as the report stores it: canonical, without the namespace.
 * The dump of an element whose namespace is declared above it names no
 * namespace, and the body reader ignores namespaces anyway. */
static char *
body_xml (xmlNode *holder)
{
  g_autoptr(VerkanReportBody) body = NULL;
  xmlBuffer *buffer = xmlBufferCreate ();

  if (buffer == NULL)
    return NULL;
  xmlNodeDump (buffer, holder->doc, holder, 0, 0);
  body = verkan_report_body_parse ((const char *) xmlBufferContent (buffer), NULL);
  xmlBufferFree (buffer);
  return body ? verkan_report_body_to_xml (body) : NULL;
}

/* One row's values, checked; not yet its place among the others */
static ImportRow *
read_row (ReadContext  *ctx,
          const Table  *table,
          xmlNode      *node,
          GError      **error)
{
  ImportRow *row = g_new0 (ImportRow, 1);

  row->table = table;
  row->values = g_new0 (char *, table->n_fields);
  row->line = xmlGetLineNo (node);

  if (table != &project_table && !(table->flags & TABLE_NO_UUID))
    {
      row->uuid = xml_strdup (xmlGetNoNsProp (node, BAD_CAST "uuid"));
      if (row->uuid != NULL)
        g_strstrip (row->uuid);
      else
        row->uuid = g_uuid_string_random ();
      if (!check_unique (ctx, table, "uuid", row->uuid, node, error))
        goto fail;
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];
      xmlNode *holder = field->element ? child_element (node, field->element) : node;
      char *value = NULL;

      if (holder != NULL)
        {
          if (field->kind == KIND_MODEL)
            value = canonical_xml (holder);
          else if (field->kind == KIND_BODY)
            value = body_xml (holder);
          else if (field->attribute != NULL)
            value = xml_strdup (xmlGetNoNsProp (holder, BAD_CAST field->attribute));
          else
            value = xml_strdup (xmlNodeGetContent (holder));
        }

      if (value == NULL)
        {
          if (field->flags & FIELD_REQUIRED)
            {
              g_autofree char *detail = NULL;

              if (field->attribute != NULL)
                detail = g_strdup_printf (_("<%s> has no attribute “%s”, which it must have."),
                                          field->element ? field->element : table->element,
                                          field->attribute);
              else
                detail = g_strdup_printf (_("<%s> has no <%s>, which it must have."),
                                          table->element, field->element);
              read_node_error (ctx, error, holder ? holder : node, detail);
              goto fail;
            }
          continue;
        }

      if (field->kind != KIND_TEXT && field->kind != KIND_MODEL)
        g_strstrip (value);
      row->values[i] = value;

      if (!check_value (ctx, table, field, holder, value, error))
        goto fail;
      if ((field->flags & FIELD_UNIQUE) &&
          !check_unique (ctx, table, field->attribute ? field->attribute : field->element,
                         value, holder, error))
        goto fail;
    }

  return row;

fail:
  import_row_free (row);
  return NULL;
}

/* A table with FIELD_KEY fields: no two rows of one parent may agree in
 * all of them (an own measure has one value per municipality, year and
 * gender).  @seen holds the keys of the parent's rows so far. */
static gboolean
check_key (ReadContext  *ctx,
           ImportRow    *row,
           GHashTable   *seen,
           GError      **error)
{
  const Table *table = row->table;
  g_autoptr(GString) key = g_string_new (table->table);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *detail = NULL;

  for (guint f = 0; f < table->n_fields; f++)
    {
      const Field *field = &table->fields[f];
      const char *value = row->values[f] ? row->values[f] : field->fallback;

      if (!(field->flags & FIELD_KEY))
        continue;
      g_string_append_printf (key, "\x1e%s", value ? value : "");
      g_string_append_printf (names, "%s“%s”", names->len > 0 ? ", " : "",
                              field->attribute ? field->attribute : field->element);
    }
  if (names->len == 0 || g_hash_table_add (seen, g_strdup (key->str)))
    return TRUE;

  /* Translators: the first %s is an element (<figure>), the second a list of
   * its attributes ("“municipality”, “year”, “gender”"), the third the
   * element it is in (<own-measure>) */
  detail = g_strdup_printf (_("this <%s> has the same %s as an earlier one in its <%s>; "
                              "each may come only once."),
                            table->element, names->str,
                            row->parent ? row->parent->table->element : "verkan-project");
  read_error (ctx, error, row->line, detail);
  return FALSE;
}

/* The references among the rows nested in @parent (from ctx->rows[first]
 * on): each must name a row of the same parent, and a table with
 * TABLE_DISTINCT_REFS must join two different rows, each pair once.
 * Rows with key fields are checked for repeats here too. */
static gboolean
check_references (ReadContext  *ctx,
                  guint         first,
                  ImportRow    *parent,
                  GError      **error)
{
  g_autoptr(GHashTable) here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *parent_element = parent ? parent->table->element : "verkan-project";

  for (guint i = first; i < ctx->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (ctx->rows, i);

      if (row->parent == parent && row->uuid != NULL)
        g_hash_table_add (here, g_strdup_printf ("%s\x1f%s", row->table->table, row->uuid));
    }

  for (guint i = first; i < ctx->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (ctx->rows, i);
      const Table *table = row->table;
      const char *ends[2] = { NULL, NULL };
      const Field *end_fields[2] = { NULL, NULL };
      guint n_ends = 0;

      if (row->parent != parent)
        continue;

      if (!check_key (ctx, row, keys, error))
        return FALSE;

      for (guint f = 0; f < table->n_fields; f++)
        {
          const Field *field = &table->fields[f];
          g_autofree char *key = NULL;
          g_autofree char *detail = NULL;

          if (field->kind != KIND_REF || row->values[f] == NULL)
            continue;
          if (n_ends < 2)
            {
              end_fields[n_ends] = field;
              ends[n_ends++] = row->values[f];
            }

          key = g_strdup_printf ("%s\x1f%s", field->refers->table, row->values[f]);
          if (g_hash_table_contains (here, key))
            continue;
          detail = g_strdup_printf (_("the attribute “%s” of <%s> refers to “%s”, but this <%s> "
                                      "has no <%s> with that uuid."),
                                    field->attribute, table->element, row->values[f],
                                    parent_element, field->refers->element);
          read_error (ctx, error, row->line, detail);
          return FALSE;
        }

      if ((table->flags & TABLE_DISTINCT_REFS) && n_ends == 2)
        {
          g_autofree char *detail = NULL;

          if (strcmp (ends[0], ends[1]) == 0)
            detail = g_strdup_printf (_("the attributes “%s” and “%s” of <%s> are both “%s”; "
                                        "it must join two different <%s> elements."),
                                      end_fields[0]->attribute, end_fields[1]->attribute,
                                      table->element, ends[0], end_fields[0]->refers->element);
          else if (!g_hash_table_add (pairs, g_strdup_printf ("%s\x1f%s\x1f%s", table->table,
                                                              ends[0], ends[1])))
            detail = g_strdup_printf (_("an earlier <%s> already goes from “%s” to “%s”; "
                                        "there may be only one."),
                                      table->element, ends[0], ends[1]);
          if (detail != NULL)
            {
              read_error (ctx, error, row->line, detail);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean read_children (ReadContext         *ctx,
                               const Table *const  *tables,
                               xmlNode             *node,
                               ImportRow           *parent,
                               GError             **error);

/* A row at its place, then the rows nested in it */
static gboolean
read_nested (ReadContext  *ctx,
             const Table  *table,
             xmlNode      *node,
             ImportRow    *parent,
             gint64        position,
             GError      **error)
{
  ImportRow *row = read_row (ctx, table, node, error);

  if (row == NULL)
    return FALSE;
  row->parent = parent;
  row->position = position;
  g_ptr_array_add (ctx->rows, row);

  return table->children == NULL || read_children (ctx, table->children, node, row, error);
}

/* The rows of @table in @holder (or in its section element there); each
 * row's position counts within its group (goals per kind, elements per
 * column), and within @holder, which is its parent */
static gboolean
read_rows (ReadContext  *ctx,
           const Table  *table,
           xmlNode      *holder,
           ImportRow    *parent,
           GError      **error)
{
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int group = table->group_column ? field_index (table, table->group_column) : -1;
  xmlNode *in = table->container ? child_element (holder, table->container) : holder;

  if (in == NULL)
    return TRUE;  /* the schema says so, in its words */

  for (xmlNode *node = in->children; node != NULL; node = node->next)
    {
      g_autofree char *group_value = NULL;
      gint64 n;

      if (!is_ours (node, table->element))
        continue;

      /* the group is a required token, checked with the row */
      if (group >= 0)
        {
          const Field *field = &table->fields[group];

          group_value = xml_strdup (xmlGetNoNsProp (node, BAD_CAST field->attribute));
          if (group_value != NULL)
            g_strstrip (group_value);
        }
      n = GPOINTER_TO_SIZE (g_hash_table_lookup (counters, group_value ? group_value : ""));

      if (!read_nested (ctx, table, node, parent, n, error))
        return FALSE;
      g_hash_table_insert (counters, g_strdup (group_value ? group_value : ""),
                           GSIZE_TO_POINTER (n + 1));
    }

  return TRUE;
}

static gboolean
read_children (ReadContext         *ctx,
               const Table *const  *tables,
               xmlNode             *node,
               ImportRow           *parent,
               GError             **error)
{
  guint first = ctx->rows->len;

  for (guint t = 0; tables[t] != NULL; t++)
    if (!read_rows (ctx, tables[t], node, parent, error))
      return FALSE;
  return check_references (ctx, first, parent, error);
}

/* The root: is this a Verkan file at all, and of a version we read? */
static gboolean
check_root (xmlNode  *root,
            int      *format_out,
            GError  **error)
{
  g_autofree char *format = NULL;
  g_autofree char *detail = NULL;

  *format_out = 0;

  if (root == NULL || g_strcmp0 ((const char *) root->name, "verkan-project") != 0)
    {
      detail = g_strdup_printf (_("This is not a Verkan project: the file starts with <%s>, "
                                  "not <verkan-project>."),
                                root ? (const char *) root->name : "");
      set_node_error (error, VERKAN_XML_ERROR_INVALID, root, detail);
      return FALSE;
    }

  format = xml_strdup (xmlGetNoNsProp (root, BAD_CAST "format"));
  if (format != NULL && all_digits (g_strstrip (format), 1, 9))
    *format_out = atoi (format);
  if (*format_out > VERKAN_XML_FORMAT)
    {
      detail = g_strdup_printf (_("The file is written in version %s of the Verkan format, "
                                  "which is newer than this Verkan reads (version %d). Update "
                                  "Verkan to import it."), format, VERKAN_XML_FORMAT);
      set_node_error (error, VERKAN_XML_ERROR_INVALID, root, detail);
      return FALSE;
    }

  if (!is_ours (root, NULL))
    {
      detail = g_strdup_printf (_("This is not a Verkan project: <verkan-project> must be in "
                                  "the namespace %s."), VERKAN_XML_NAMESPACE);
      set_node_error (error, VERKAN_XML_ERROR_INVALID, root, detail);
      return FALSE;
    }

  return TRUE;
}

/* Reads the document into ctx->rows, checking the values on the way.
 * The first row is the project's. */
static gboolean
read_document (xmlDoc       *doc,
               ReadContext  *ctx,
               char        **project_uuid,
               GError      **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *info;
  xmlNode *report;
  ImportRow *row;

  if (!check_root (root, &ctx->format, error))
    return FALSE;

  *project_uuid = xml_strdup (xmlGetNoNsProp (root, BAD_CAST "uuid"));
  if (*project_uuid != NULL)
    g_strstrip (*project_uuid);
  else
    *project_uuid = g_uuid_string_random ();

  info = child_element (root, project_table.element);
  if (info == NULL)
    {
      read_node_error (ctx, error, root, _("<verkan-project> has no <info>, which it must have."));
      return FALSE;
    }
  if ((row = read_row (ctx, &project_table, info, error)) == NULL)
    return FALSE;
  g_ptr_array_add (ctx->rows, row);

  /* every section of the file's version, and none newer */
  for (guint t = 0; section_tables[t] != NULL && ctx->format > 0; t++)
    {
      const Table *table = section_tables[t];
      xmlNode *container = child_element (root, table->container);
      g_autofree char *detail = NULL;

      if (container != NULL && table->since > ctx->format)
        detail = g_strdup_printf (_("<%s> belongs to version %d of the format, but the file says "
                                    "format=\"%d\". Raise the format to %d, or leave <%s> out."),
                                  table->container, table->since, ctx->format, table->since,
                                  table->container);
      else if (container == NULL && table->since <= ctx->format)
        detail = g_strdup_printf (_("<verkan-project> has no <%s>, which a file of format %d "
                                    "must have; write <%s/> when it is empty."),
                                  table->container, ctx->format, table->container);
      if (detail != NULL)
        {
          read_node_error (ctx, error, container ? container : root, detail);
          return FALSE;
        }
    }

  if (!read_children (ctx, section_tables, root, NULL, error))
    return FALSE;

  /* format 4: the report, which may be left out */
  report = child_element (root, "report");
  if (report != NULL && ctx->format < section_table.since)
    {
      g_autofree char *detail =
        g_strdup_printf (_("<%s> belongs to version %d of the format, but the file says "
                           "format=\"%d\". Raise the format to %d, or leave <%s> out."),
                         "report", section_table.since, ctx->format, section_table.since,
                         "report");
      read_node_error (ctx, error, report, detail);
      return FALSE;
    }
  return report == NULL || read_children (ctx, report_tables, report, NULL, error);
}

/* Parse, read and validate: the rows of a file that is fit to import */
static GPtrArray *
load_rows (const char  *xml_path,
           char       **project_uuid,
           GError     **error)
{
  ReadContext ctx;
  GPtrArray *rows = NULL;
  xmlDoc *doc;

  xmlInitParser ();

  doc = load_document (xml_path, error);
  if (doc == NULL)
    return NULL;

  read_context_init (&ctx, VERKAN_XML_ERROR_INVALID, TRUE);
  if (read_document (doc, &ctx, project_uuid, error) &&
      validate_with_schema (doc, VERKAN_XML_ERROR_INVALID, TRUE, error))
    rows = g_steal_pointer (&ctx.rows);
  else
    g_clear_pointer (project_uuid, g_free);

  read_context_clear (&ctx);
  xmlFreeDoc (doc);

  return rows;
}

/* ------------------------------------------------------------------ */
/* Writing rows to the new project file                                */
/* ------------------------------------------------------------------ */

static gboolean
sql_failed (sqlite3  *db,
            GError  **error)
{
  g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
               _("The new project file could not be written: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* INSERT for a section row, UPDATE of row 1 for the project.  A value
 * absent from the XML is NULL where the column allows it and otherwise
 * left to the column's default.  A nested row gets its parent's new id,
 * a reference the new id of the row it names; @stored maps
 * "table\x1fuuid" to the rows stored so far. */
static gboolean
store_row (sqlite3     *db,
           ImportRow   *row,
           const char  *project_uuid,
           GHashTable  *stored,
           GError     **error)
{
  const Table *table = row->table;
  gboolean is_project = table == &project_table;
  gboolean has_uuid = !(table->flags & TABLE_NO_UUID);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new ("?");
  sqlite3_stmt *stmt = NULL;
  int n = 1;
  int rc;

  /* "INSERT INTO t (uuid, a, b" with the marks "?, ?, ?", or for a table
   * without uuids "INSERT INTO t (rowid, a, b" with "NULL, ?, ?" */
  if (is_project)
    g_string_append_printf (sql, "UPDATE %s SET uuid = ?", table->table);
  else if (has_uuid)
    g_string_append_printf (sql, "INSERT INTO %s (uuid", table->table);
  else
    {
      g_string_append_printf (sql, "INSERT INTO %s (rowid", table->table);
      g_string_assign (marks, "NULL");
    }

  if (table->flags & TABLE_POSITION)
    {
      g_assert (!is_project);
      g_string_append (sql, ", position");
      g_string_append (marks, ", ?");
    }
  /* only a report chapter nests in nothing (its parent_id stays NULL) */
  g_assert (table->parent_column == NULL || row->parent != NULL || table == &section_table);
  if (table->parent_column != NULL && row->parent != NULL)
    {
      g_string_append_printf (sql, ", %s", table->parent_column);
      g_string_append (marks, ", ?");
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (row->values[i] == NULL && !(table->fields[i].flags & FIELD_NULLABLE))
        continue;
      if (is_project)
        g_string_append_printf (sql, ", %s = ?", table->fields[i].column);
      else
        {
          g_string_append_printf (sql, ", %s", table->fields[i].column);
          g_string_append (marks, ", ?");
        }
    }

  if (is_project)
    g_string_append (sql, " WHERE id = 1");
  else
    g_string_append_printf (sql, ") VALUES (%s)", marks->str);

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (db, error);

  if (has_uuid)
    sqlite3_bind_text (stmt, n++, is_project ? project_uuid : row->uuid, -1, SQLITE_STATIC);
  if (table->flags & TABLE_POSITION)
    sqlite3_bind_int64 (stmt, n++, row->position);
  if (table->parent_column != NULL && row->parent != NULL)
    sqlite3_bind_int64 (stmt, n++, row->parent->id);

  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];
      const char *value = row->values[i];
      gint64 count;
      double number;

      if (value == NULL && !(field->flags & FIELD_NULLABLE))
        continue;

      if (value == NULL)
        sqlite3_bind_null (stmt, n++);
      else if ((field->kind == KIND_COUNT || field->kind == KIND_YEAR) && parse_count (value, &count))
        sqlite3_bind_int64 (stmt, n++, count);
      else if (field->kind == KIND_HOURS && parse_hours (value, &number))
        sqlite3_bind_double (stmt, n++, number);
      else if (field->kind == KIND_NUMBER && parse_number (value, &number))
        sqlite3_bind_double (stmt, n++, number);
      else if (field->kind == KIND_BOOLEAN)
        sqlite3_bind_int (stmt, n++, strcmp (value, "true") == 0);
      else if (field->kind == KIND_REF)
        {
          g_autofree char *key = g_strdup_printf ("%s\x1f%s", field->refers->table, value);
          ImportRow *target = g_hash_table_lookup (stored, key);

          /* checked while reading; the lookup cannot fail */
          g_assert (target != NULL);
          sqlite3_bind_int64 (stmt, n++, target->id);
        }
      else
        sqlite3_bind_text (stmt, n++, value, -1, SQLITE_STATIC);
    }

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (db, error);

  row->id = is_project ? 1 : sqlite3_last_insert_rowid (db);
  if (!is_project && row->uuid != NULL)
    g_hash_table_insert (stored, g_strdup_printf ("%s\x1f%s", table->table, row->uuid), row);
  return TRUE;
}

/* Each parent comes before the rows nested in it, and a row referred to
 * before the reference (elements before links), which is document order */
static gboolean
store_rows (VerkanProject  *project,
            GPtrArray      *rows,
            const char     *project_uuid,
            GError        **error)
{
  sqlite3 *db = verkan_project_get_db (project);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_failed (db, error);

  for (guint i = 0; i < rows->len; i++)
    if (!store_row (db, rows->pdata[i], project_uuid, stored, error))
      {
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_failed (db, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
remove_database_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

gboolean
verkan_xml_validate (const char  *xml_path,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (xml_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rows = load_rows (xml_path, &uuid, error);
  return rows != NULL;
}

VerkanProject *
verkan_xml_import (const char  *xml_path,
                   const char  *project_path,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autofree char *project_uuid = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp_path = NULL;
  const ImportRow *info;
  const char *title;

  g_return_val_if_fail (xml_path != NULL, NULL);
  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (project_path);
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS,
                   _("“%s” already exists. Verkan does not import over an existing file; "
                     "choose a new name."), display);
      return NULL;
    }

  rows = load_rows (xml_path, &project_uuid, error);
  if (rows == NULL)
    return NULL;

  /* A hidden neighbour, so that the rename at the end stays on one disk */
  dir = g_path_get_dirname (project_path);
  base = g_path_get_basename (project_path);
  temp_name = g_strdup_printf (".%s.import-%08x", base, g_random_int ());
  temp_path = g_build_filename (dir, temp_name, NULL);

  info = rows->pdata[0];
  title = info->values[field_index (&project_table, "title")];

  project = verkan_project_create (temp_path, title, error);
  if (project == NULL)
    {
      remove_database_files (temp_path);
      return NULL;
    }

  if (!store_rows (project, rows, project_uuid, error))
    {
      verkan_project_close (project);
      g_clear_object (&project);
      remove_database_files (temp_path);
      return NULL;
    }

  verkan_project_close (project);
  g_clear_object (&project);

  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (project_path);
      remove_database_files (temp_path);
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS,
                   _("“%s” appeared while the project was being imported; it was left "
                     "as it is."), display);
      return NULL;
    }

  if (g_rename (temp_path, project_path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (project_path);
      remove_database_files (temp_path);
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The project could not be saved as “%s”: %s"),
                   display, g_strerror (saved));
      return NULL;
    }
  /* a clean close leaves none, but never leave strays */
  remove_database_files (temp_path);

  project = verkan_project_open (project_path, VERKAN_OPEN_FLAGS_NONE, error);
  if (project == NULL)
    remove_database_files (project_path);  /* ours, made a moment ago */
  return g_steal_pointer (&project);
}

gboolean
verkan_xml_export (VerkanProject  *project,
                   const char     *xml_path,
                   GError        **error)
{
  g_autoptr(GVariant) info = NULL;
  const char *uuid = NULL;
  const char *title = NULL;
  xmlBuffer *buffer = NULL;
  xmlTextWriter *writer = NULL;
  xmlDoc *check = NULL;
  ReadContext read_back = { NULL, };
  g_autofree char *check_uuid = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (xml_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xmlInitParser ();

  info = verkan_project_get_row (project, project_table.table, 1, error);
  if (info == NULL)
    return FALSE;

  if (!g_variant_lookup (info, "title", "&s", &title) || title[strspn (title, " \t\r\n")] == '\0')
    {
      g_set_error_literal (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                           _("The project has no title. Give it one, then export again."));
      return FALSE;
    }

  buffer = xmlBufferCreate ();
  writer = buffer ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  if (writer == NULL)
    {
      write_failed (error);
      goto out;
    }

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");

  if (xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) < 0 ||
      xmlTextWriterStartElement (writer, BAD_CAST "verkan-project") < 0 ||
      xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST VERKAN_XML_NAMESPACE) < 0 ||
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "format", "%d", VERKAN_XML_FORMAT) < 0)
    {
      write_failed (error);
      goto out;
    }
  if (g_variant_lookup (info, "uuid", "&s", &uuid) && uuid[0] != '\0' &&
      xmlTextWriterWriteAttribute (writer, BAD_CAST "uuid", BAD_CAST uuid) < 0)
    {
      write_failed (error);
      goto out;
    }

  if (!write_row (writer, project, &project_table, info, NULL, NULL, error) ||
      !write_children (writer, project, section_tables, 0, NULL, error) ||
      !write_report (writer, project, error))
    goto out;

  if (xmlTextWriterEndDocument (writer) < 0)
    {
      write_failed (error);
      goto out;
    }
  xmlFreeTextWriter (writer);  /* flushes into the buffer */
  writer = NULL;

  /* What Verkan writes, Verkan must read back: a value the schema refuses
   * (a date typed by hand into the database, say) stops the export here
   * rather than in somebody's import later. */
  check = parse_memory ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer),
                        xml_path, VERKAN_XML_ERROR_WRITE, error);
  if (check == NULL)
    goto out;
  read_context_init (&read_back, VERKAN_XML_ERROR_WRITE, FALSE);
  if (!read_document (check, &read_back, &check_uuid, error) ||
      !validate_with_schema (check, VERKAN_XML_ERROR_WRITE, FALSE, error))
    {
      g_prefix_error (error, _("The project holds a value the XML format does not allow, so "
                               "nothing was written. "));
      goto out;
    }

  /* a temporary file renamed over the target: never half a file */
  ok = g_file_set_contents_full (xml_path, (const char *) xmlBufferContent (buffer),
                                 xmlBufferLength (buffer), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, error);

out:
  read_context_clear (&read_back);
  g_clear_pointer (&check, xmlFreeDoc);
  g_clear_pointer (&writer, xmlFreeTextWriter);
  g_clear_pointer (&buffer, xmlBufferFree);
  return ok;
}

/* ------------------------------------------------------------------ */
/* One logic model on its own                                          */
/* ------------------------------------------------------------------ */

/* The model row (its cards limited to @keep, when not NULL) as canonical
 * XML, read back as an import would read it before it is handed out */
static char *
dup_model (VerkanProject  *project,
           gint64          model_id,
           GHashTable     *keep,
           GError        **error)
{
  g_autoptr(GVariant) model = NULL;
  xmlBuffer *buffer = NULL;
  xmlTextWriter *writer = NULL;
  xmlDoc *doc = NULL;
  xmlDoc *check = NULL;
  ReadContext read_back = { NULL, };
  g_autofree char *text = NULL;
  gboolean ok;

  xmlInitParser ();

  model = verkan_project_get_row (project, model_table.table, model_id, error);
  if (model == NULL)
    return NULL;

  buffer = xmlBufferCreate ();
  writer = buffer ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  if (writer == NULL)
    {
      write_failed (error);
      goto out;
    }
  if (xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) < 0)
    {
      write_failed (error);
      goto out;
    }
  if (!write_row (writer, project, &model_table, model, NULL, keep, error))
    goto out;
  ok = xmlTextWriterEndDocument (writer) >= 0;
  xmlFreeTextWriter (writer);  /* flushes into the buffer */
  writer = NULL;
  if (!ok)
    {
      write_failed (error);
      goto out;
    }

  /* written without the namespace; the canonical form declares it */
  doc = parse_memory ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer),
                      NULL, VERKAN_XML_ERROR_WRITE, error);
  if (doc == NULL)
    goto out;
  text = canonical_xml (xmlDocGetRootElement (doc));
  if (text == NULL)
    {
      write_failed (error);
      goto out;
    }

  check = parse_memory (text, strlen (text), NULL, VERKAN_XML_ERROR_WRITE, error);
  if (check == NULL)
    {
      g_clear_pointer (&text, g_free);
      goto out;
    }
  read_context_init (&read_back, VERKAN_XML_ERROR_WRITE, FALSE);
  read_back.format = VERKAN_XML_FORMAT;
  if (!read_nested (&read_back, &model_table, xmlDocGetRootElement (check), NULL, 0, error))
    {
      g_prefix_error (error, _("The logic model holds a value the XML format does not "
                               "allow. "));
      g_clear_pointer (&text, g_free);
    }

out:
  read_context_clear (&read_back);
  g_clear_pointer (&check, xmlFreeDoc);
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&writer, xmlFreeTextWriter);
  g_clear_pointer (&buffer, xmlBufferFree);
  return g_steal_pointer (&text);
}

char *
verkan_xml_dup_model (VerkanProject  *project,
                      gint64          model_id,
                      GError        **error)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return dup_model (project, model_id, NULL, error);
}

char *
verkan_xml_dup_model_cards (VerkanProject  *project,
                            gint64          model_id,
                            const gint64   *element_ids,
                            guint           n_elements,
                            GError        **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (element_ids != NULL || n_elements == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_elements; i++)
    g_hash_table_add (keep, (gpointer) &element_ids[i]);
  return dup_model (project, model_id, keep, error);
}

/* An ImportRow as the a{sv} verkan_xml_read_model() describes */
static GVariant *
import_row_to_variant (const ImportRow *row)
{
  const Table *table = row->table;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "table", "s", table->table);
  g_variant_dict_insert (&dict, "uuid", "s", row->uuid);
  if (table->flags & TABLE_POSITION)
    g_variant_dict_insert (&dict, "position", "x", row->position);
  if (row->parent != NULL)
    g_variant_dict_insert (&dict, "parent", "s", row->parent->uuid);

  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];
      const char *value = row->values[i];
      gint64 count;
      double number;

      if (value == NULL)
        continue;
      if ((field->kind == KIND_COUNT || field->kind == KIND_YEAR) && parse_count (value, &count))
        g_variant_dict_insert (&dict, field->column, "x", count);
      else if (field->kind == KIND_BOOLEAN)
        g_variant_dict_insert (&dict, field->column, "x", (gint64) (strcmp (value, "true") == 0));
      else if (field->kind == KIND_HOURS && parse_hours (value, &number))
        g_variant_dict_insert (&dict, field->column, "d", number);
      else if (field->kind == KIND_NUMBER && parse_number (value, &number))
        g_variant_dict_insert (&dict, field->column, "d", number);
      else
        g_variant_dict_insert (&dict, field->column, "s", value);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

GPtrArray *
verkan_xml_read_model (const char  *content,
                       GError     **error)
{
  ReadContext ctx;
  xmlDoc *doc;
  xmlNode *root;
  GPtrArray *rows = NULL;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  xmlInitParser ();

  doc = parse_memory (content, strlen (content), NULL, VERKAN_XML_ERROR_PARSE, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_ours (root, model_table.element))
    {
      g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_INVALID,
                   _("This is not a Verkan logic model: it starts with <%s>, not <%s>."),
                   root ? (const char *) root->name : "", model_table.element);
      xmlFreeDoc (doc);
      return NULL;
    }

  read_context_init (&ctx, VERKAN_XML_ERROR_INVALID, FALSE);
  ctx.format = VERKAN_XML_FORMAT;
  if (read_nested (&ctx, &model_table, root, NULL, 0, error))
    {
      rows = g_ptr_array_new_full (ctx.rows->len, (GDestroyNotify) g_variant_unref);
      for (guint i = 0; i < ctx.rows->len; i++)
        g_ptr_array_add (rows, import_row_to_variant (ctx.rows->pdata[i]));
    }
  else
    g_prefix_error (error, _("The logic model cannot be read: "));
  read_context_clear (&ctx);
  xmlFreeDoc (doc);
  return rows;
}
