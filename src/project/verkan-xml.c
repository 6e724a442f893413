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
 * Reading runs in three steps: parse, read (which checks what people get
 * wrong most often and says so plainly), and validate against the schema,
 * which stays the final judge.  Only a document that passes all three is
 * written to a new project file, in one SQLite transaction, under a
 * temporary name that is renamed at the very end.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <sqlite3.h>

#include "verkan-resources.h"
#include "verkan-vocabulary.h"
#include "verkan-xml.h"

#define VERKAN_XML_NAMESPACE "urn:x-verkan:project:1"
#define VERKAN_XML_FORMAT    1

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
} ValueKind;

typedef enum {
  CHOICES_NONE,
  CHOICES_ROLE,
  CHOICES_GOAL_KIND,
  CHOICES_GOAL_STATUS,
  CHOICES_LANGUAGE,
} Choices;

typedef enum {
  FIELD_REQUIRED  = 1 << 0,  /* must be in the XML; written even when empty */
  FIELD_NULLABLE  = 1 << 1,  /* SQL NULL when absent from the XML */
  FIELD_NON_EMPTY = 1 << 2,  /* needs at least one visible character */
  FIELD_UNIQUE    = 1 << 3,  /* no two rows of the table share it */
} FieldFlags;

typedef struct {
  const char *column;     /* SQL column */
  const char *element;    /* child element holding the value; NULL: the row element */
  const char *attribute;  /* attribute holding the value; NULL: the element's text */
  ValueKind   kind;
  FieldFlags  flags;
  Choices     choices;
} Field;

typedef struct {
  const char         *table;      /* SQL table */
  const char         *container;  /* section element; NULL for the project row */
  const char         *element;    /* one row */
  const Field        *fields;
  guint               n_fields;
  const char         *group_column;  /* rows are numbered per value of this column */
  const char *const  *groups;        /* ...and written group by group in this order */
} Table;

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

#undef REQ
#undef NUL

static const char *const goal_kinds[] = { "project-goal", "effect-goal", NULL };

#define FIELDS(f) f, G_N_ELEMENTS (f)

static const Table project_table =
  { "project", NULL, "info", FIELDS (project_fields), NULL, NULL };

/* The sections after <info>, in document order */
static const Table section_tables[] = {
  { "municipality", "municipalities", "municipality", FIELDS (municipality_fields), NULL, NULL },
  { "person",       "organisation",   "person",       FIELDS (person_fields),       NULL, NULL },
  { "goal",         "goals",          "goal",         FIELDS (goal_fields),         "kind", goal_kinds },
  { "milestone",    "time-plan",      "milestone",    FIELDS (milestone_fields),    NULL, NULL },
  { "resource",     "resources",      "resource",     FIELDS (resource_fields),     NULL, NULL },
};

#undef FIELDS

static const char *const languages[] = { "sv", "en", NULL };

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
      return g_strv_contains (languages, token);
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
      return g_strjoinv (", ", (char **) languages);
    case CHOICES_NONE:
    default:
      return g_strdup ("");
    }

  terms = verkan_vocabulary_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", terms[i].token);
  return g_string_free (g_steal_pointer (&list), FALSE);
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

/* A row value from verkan_project_get_row()/list_rows() as XML text, or
 * NULL when the column is NULL.  Only text columns may be "". */
static char *
row_value (GVariant     *row,
           const Field  *field,
           GError      **error)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (row, field->column, NULL);
  char *text;

  if (value == NULL)
    return NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_dup_string (value, NULL);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    text = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
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
      text = field->kind == KIND_COUNT ? g_strdup_printf ("%.0f", d) : format_decimal (d);
    }
  else
    {
      g_set_error (error, VERKAN_XML_ERROR, VERKAN_XML_ERROR_WRITE,
                   _("The value of “%s” has an unexpected type."), field->column);
      return NULL;
    }

  if (field->kind != KIND_TEXT && text[0] == '\0')
    g_clear_pointer (&text, g_free);  /* an empty date or code means "none" */

  return text;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

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

#define MAX_FIELDS 16

/* One row as its element: the attributes of the row element first, then
 * the child elements in field order.  Consecutive fields that share a
 * child element become the attributes of that one element
 * (<period start="…" end="…"/>), which is left out when all are absent. */
static gboolean
write_row (xmlTextWriter *writer,
           const Table   *table,
           GVariant      *row,
           gboolean       with_uuid,
           GError       **error)
{
  const Field *fields = table->fields;
  char *values[MAX_FIELDS] = { NULL, };
  const char *uuid = NULL;
  gboolean ok = FALSE;
  guint i, j;

  g_assert (table->n_fields <= MAX_FIELDS);

  for (i = 0; i < table->n_fields; i++)
    {
      GError *local_error = NULL;

      values[i] = row_value (row, &fields[i], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      if (fields[i].kind == KIND_TEXT && values[i] != NULL &&
          !check_text (values[i], table, &fields[i], error))
        goto out;
    }

  if (xmlTextWriterStartElement (writer, BAD_CAST table->element) < 0)
    goto failed;
  if (with_uuid && g_variant_lookup (row, "uuid", "&s", &uuid) && uuid[0] != '\0' &&
      xmlTextWriterWriteAttribute (writer, BAD_CAST "uuid", BAD_CAST uuid) < 0)
    goto failed;
  for (i = 0; i < table->n_fields; i++)
    if (fields[i].element == NULL && fields[i].attribute != NULL && values[i] != NULL &&
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

      if (field->attribute == NULL)
        {
          if ((values[i] == NULL || values[i][0] == '\0') && !(field->flags & FIELD_REQUIRED))
            continue;
          if (xmlTextWriterStartElement (writer, BAD_CAST field->element) < 0 ||
              (values[i] != NULL && xmlTextWriterWriteString (writer, BAD_CAST values[i]) < 0) ||
              xmlTextWriterEndElement (writer) < 0)
            goto failed;
          continue;
        }

      for (guint k = i; k < j; k++)
        any = any || values[k] != NULL;
      if (!any)
        continue;
      if (xmlTextWriterStartElement (writer, BAD_CAST field->element) < 0)
        goto failed;
      for (guint k = i; k < j; k++)
        if (values[k] != NULL &&
            xmlTextWriterWriteAttribute (writer, BAD_CAST fields[k].attribute, BAD_CAST values[k]) < 0)
          goto failed;
      if (xmlTextWriterEndElement (writer) < 0)
        goto failed;
    }

  if (xmlTextWriterEndElement (writer) < 0)
    goto failed;
  ok = TRUE;
  goto out;

failed:
  write_failed (error);
out:
  for (i = 0; i < table->n_fields; i++)
    g_free (values[i]);
  return ok;
}

static gboolean
write_rows (xmlTextWriter *writer,
            const Table   *table,
            GPtrArray     *rows,
            GError       **error)
{
  for (guint i = 0; i < rows->len; i++)
    if (!write_row (writer, table, g_ptr_array_index (rows, i), TRUE, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_section (xmlTextWriter  *writer,
               VerkanProject  *project,
               const Table    *table,
               GError        **error)
{
  if (xmlTextWriterStartElement (writer, BAD_CAST table->container) < 0)
    return write_failed (error);

  if (table->groups == NULL)
    {
      g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, table->table, NULL, NULL, error);

      if (rows == NULL || !write_rows (writer, table, rows, error))
        return FALSE;
    }
  else
    {
      for (guint g = 0; table->groups[g] != NULL; g++)
        {
          g_autoptr(GVariant) group = g_variant_ref_sink (g_variant_new_string (table->groups[g]));
          g_autoptr(GPtrArray) rows =
            verkan_project_list_rows (project, table->table, table->group_column, group, error);

          if (rows == NULL || !write_rows (writer, table, rows, error))
            return FALSE;
        }
    }

  if (xmlTextWriterEndElement (writer) < 0)
    return write_failed (error);
  return TRUE;
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

/* Whether version 1 has attribute @name on element @element at all */
static gboolean
is_known_attribute (const char *element,
                    const char *name)
{
  if (g_strcmp0 (name, "uuid") == 0)
    return TRUE;
  if (g_strcmp0 (element, "verkan-project") == 0)
    return g_strcmp0 (name, "format") == 0;

  for (guint t = 0; t <= G_N_ELEMENTS (section_tables); t++)
    {
      const Table *table = t == 0 ? &project_table : &section_tables[t - 1];

      for (guint i = 0; i < table->n_fields; i++)
        {
          const Field *field = &table->fields[i];
          const char *holder = field->element ? field->element : table->element;

          if (g_strcmp0 (field->attribute, name) == 0 && g_strcmp0 (holder, element) == 0)
            return TRUE;
        }
    }
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

typedef struct {
  const Table *table;
  char        *uuid;
  gint64       position;
  char       **values;  /* one per field; NULL when absent */
} ImportRow;

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

static gboolean
check_value (const Table  *table,
             const Field  *field,
             xmlNode      *holder,
             const char   *value,
             GError      **error)
{
  g_autofree char *place = describe_place (table, field);
  g_autofree char *detail = NULL;
  gint64 count;
  double hours;

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
      if (!parse_hours (value, &hours))
        detail = g_strdup_printf (_("%s must be a number of hours, 0 or more, with a decimal "
                                    "point if needed, such as 96.5, not “%s”."), place, value);
      break;

    case KIND_TIMESTAMP:
    default:
      break;  /* left to the schema */
    }

  if (detail == NULL)
    return TRUE;
  set_node_error (error, VERKAN_XML_ERROR_INVALID, holder, detail);
  return FALSE;
}

/* Remembers the values that must be unique within a table */
static gboolean
check_unique (GHashTable   *seen,
              const Table  *table,
              const char   *name,
              const char   *value,
              xmlNode      *node,
              GError      **error)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s", table->table, name, value);
  g_autofree char *detail = NULL;

  if (g_hash_table_add (seen, g_steal_pointer (&key)))
    return TRUE;

  detail = g_strdup_printf (_("%s “%s” is also used by an earlier <%s>; it must be unique."),
                            name, value, table->element);
  set_node_error (error, VERKAN_XML_ERROR_INVALID, node, detail);
  return FALSE;
}

static ImportRow *
read_row (const Table  *table,
          xmlNode      *node,
          GHashTable   *seen,
          GError      **error)
{
  ImportRow *row = g_new0 (ImportRow, 1);

  row->table = table;
  row->values = g_new0 (char *, table->n_fields);

  if (table->container != NULL)
    {
      row->uuid = xml_strdup (xmlGetNoNsProp (node, BAD_CAST "uuid"));
      if (row->uuid != NULL)
        g_strstrip (row->uuid);
      else
        row->uuid = g_uuid_string_random ();
      if (!check_unique (seen, table, "uuid", row->uuid, node, error))
        goto fail;
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];
      xmlNode *holder = field->element ? child_element (node, field->element) : node;
      char *value = NULL;

      if (holder != NULL)
        value = field->attribute
                ? xml_strdup (xmlGetNoNsProp (holder, BAD_CAST field->attribute))
                : xml_strdup (xmlNodeGetContent (holder));

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
              set_node_error (error, VERKAN_XML_ERROR_INVALID, holder ? holder : node, detail);
              goto fail;
            }
          continue;
        }

      if (field->kind != KIND_TEXT)
        g_strstrip (value);
      row->values[i] = value;

      if (!check_value (table, field, holder, value, error))
        goto fail;
      if ((field->flags & FIELD_UNIQUE) &&
          !check_unique (seen, table, field->attribute ? field->attribute : field->element,
                         value, holder, error))
        goto fail;
    }

  return row;

fail:
  import_row_free (row);
  return NULL;
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

/* The root: is this a Verkan file at all, and of a version we read? */
static gboolean
check_root (xmlNode  *root,
            GError  **error)
{
  g_autofree char *format = NULL;
  g_autofree char *detail = NULL;

  if (root == NULL || g_strcmp0 ((const char *) root->name, "verkan-project") != 0)
    {
      detail = g_strdup_printf (_("This is not a Verkan project: the file starts with <%s>, "
                                  "not <verkan-project>."),
                                root ? (const char *) root->name : "");
      set_node_error (error, VERKAN_XML_ERROR_INVALID, root, detail);
      return FALSE;
    }

  format = xml_strdup (xmlGetNoNsProp (root, BAD_CAST "format"));
  if (format != NULL && all_digits (g_strstrip (format), 1, 9) && atoi (format) > VERKAN_XML_FORMAT)
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

/* Reads the document into rows, checking the values on the way.  The
 * first row is the project's; each row's position counts within its
 * table, or within its group (goals per kind). */
static GPtrArray *
read_document (xmlDoc  *doc,
               char   **project_uuid,
               GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (import_row_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *info;
  ImportRow *row;

  if (!check_root (root, error))
    return NULL;

  *project_uuid = xml_strdup (xmlGetNoNsProp (root, BAD_CAST "uuid"));
  if (*project_uuid != NULL)
    g_strstrip (*project_uuid);
  else
    *project_uuid = g_uuid_string_random ();

  info = child_element (root, project_table.element);
  if (info == NULL)
    {
      set_node_error (error, VERKAN_XML_ERROR_INVALID, root,
                      _("<verkan-project> has no <info>, which it must have."));
      return NULL;
    }
  if ((row = read_row (&project_table, info, seen, error)) == NULL)
    return NULL;
  g_ptr_array_add (rows, row);

  for (guint t = 0; t < G_N_ELEMENTS (section_tables); t++)
    {
      const Table *table = &section_tables[t];
      xmlNode *container = child_element (root, table->container);
      g_autoptr(GHashTable) counters = g_hash_table_new (g_str_hash, g_str_equal);
      int group = table->group_column ? field_index (table, table->group_column) : -1;

      if (container == NULL)
        continue;  /* the schema says so, in its words */

      for (xmlNode *node = container->children; node != NULL; node = node->next)
        {
          const char *key;
          gint64 n;

          if (!is_ours (node, table->element))
            continue;
          if ((row = read_row (table, node, seen, error)) == NULL)
            return NULL;

          key = group >= 0 ? row->values[group] : "";
          n = GPOINTER_TO_SIZE (g_hash_table_lookup (counters, key));
          row->position = n;
          g_hash_table_insert (counters, (gpointer) key, GSIZE_TO_POINTER (n + 1));
          g_ptr_array_add (rows, row);
        }
    }

  return g_steal_pointer (&rows);
}

/* Parse, read and validate: the rows of a file that is fit to import */
static GPtrArray *
load_rows (const char  *xml_path,
           char       **project_uuid,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  xmlDoc *doc;

  xmlInitParser ();

  doc = load_document (xml_path, error);
  if (doc == NULL)
    return NULL;

  rows = read_document (doc, project_uuid, error);
  if (rows != NULL && !validate_with_schema (doc, VERKAN_XML_ERROR_INVALID, TRUE, error))
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      g_clear_pointer (project_uuid, g_free);
    }

  xmlFreeDoc (doc);

  return g_steal_pointer (&rows);
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
 * left to the column's default. */
static gboolean
store_row (sqlite3          *db,
           const ImportRow  *row,
           const char       *project_uuid,
           GError          **error)
{
  const Table *table = row->table;
  gboolean is_project = table->container == NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int n = 1;
  int rc;

  if (is_project)
    g_string_append_printf (sql, "UPDATE %s SET uuid = ?", table->table);
  else
    {
      g_string_append_printf (sql, "INSERT INTO %s (uuid, position", table->table);
      g_string_append (marks, "?, ?");
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

  sqlite3_bind_text (stmt, n++, is_project ? project_uuid : row->uuid, -1, SQLITE_STATIC);
  if (!is_project)
    sqlite3_bind_int64 (stmt, n++, row->position);

  for (guint i = 0; i < table->n_fields; i++)
    {
      const char *value = row->values[i];
      gint64 count;
      double hours;

      if (value == NULL && !(table->fields[i].flags & FIELD_NULLABLE))
        continue;

      if (value == NULL)
        sqlite3_bind_null (stmt, n++);
      else if (table->fields[i].kind == KIND_COUNT && parse_count (value, &count))
        sqlite3_bind_int64 (stmt, n++, count);
      else if (table->fields[i].kind == KIND_HOURS && parse_hours (value, &hours))
        sqlite3_bind_double (stmt, n++, hours);
      else
        sqlite3_bind_text (stmt, n++, value, -1, SQLITE_STATIC);
    }

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (db, error);
  return TRUE;
}

static gboolean
store_rows (VerkanProject  *project,
            GPtrArray      *rows,
            const char     *project_uuid,
            GError        **error)
{
  sqlite3 *db = verkan_project_get_db (project);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_failed (db, error);

  for (guint i = 0; i < rows->len; i++)
    if (!store_row (db, rows->pdata[i], project_uuid, error))
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

  if (!write_row (writer, &project_table, info, FALSE, error))
    goto out;
  for (guint t = 0; t < G_N_ELEMENTS (section_tables); t++)
    if (!write_section (writer, project, &section_tables[t], error))
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
  if (!validate_with_schema (check, VERKAN_XML_ERROR_WRITE, FALSE, error))
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
  g_clear_pointer (&check, xmlFreeDoc);
  g_clear_pointer (&writer, xmlFreeTextWriter);
  g_clear_pointer (&buffer, xmlBufferFree);
  return ok;
}
