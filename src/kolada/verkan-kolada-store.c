/* verkan-kolada-store.c: Kolada's answers kept in the project file
 *
 * One parser for v3 pages (json-glib) and one writer into kolada_value,
 * kolada_fetch, kolada_kpi and kolada_group, shared by the HTTP client,
 * the snapshot shipped with Verkan and the tests.  The writer takes a bare
 * sqlite3 connection so that the client's worker can store from a thread
 * of its own; everything one call writes is one transaction, so a fetch
 * that fails halfway leaves what was stored before exactly as it was.
 *
 * The kolada_* tables are a cache outside the undo stack (see
 * migrations/004-kolada-charts.sql): nothing here is a VerkanCommand.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "verkan-kolada-store.h"
#include "verkan-sql.h"

G_DEFINE_QUARK (verkan-kolada-error-quark, verkan_kolada_error)

static const char *const gender_codes[VERKAN_N_GENDERS] = { "T", "K", "M" };
static const char *const origin_names[] = { "kolada", "snapshot", "illustrative" };

const char *
verkan_gender_to_code (VerkanGender gender)
{
  g_return_val_if_fail (gender < VERKAN_N_GENDERS, NULL);
  return gender_codes[gender];
}

int
verkan_gender_from_code (const char *code)
{
  for (int i = 0; code != NULL && i < VERKAN_N_GENDERS; i++)
    if (g_str_equal (code, gender_codes[i]))
      return i;
  return -1;
}

const char *
verkan_value_origin_to_string (VerkanValueOrigin origin)
{
  g_return_val_if_fail (origin < G_N_ELEMENTS (origin_names), NULL);
  return origin_names[origin];
}

int
verkan_value_origin_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (origin_names); i++)
    if (g_str_equal (text, origin_names[i]))
      return i;
  return -1;
}

static void
row_clear (gpointer data)
{
  VerkanKoladaRow *row = data;

  g_clear_pointer (&row->status, g_free);
}

GArray *
verkan_kolada_rows_new (void)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (VerkanKoladaRow));

  g_array_set_clear_func (rows, row_clear);
  return rows;
}

/* --- parsing ------------------------------------------------------------ */

typedef enum {
  WANT_TEXT,
  WANT_YEAR,
  WANT_INTEGER,
  WANT_NUMBER,
  WANT_BOOLEAN,
  WANT_LIST,
  WANT_OBJECT,
  WANT_GENDER,
  WANT_SHORT_ID,
} Want;

static const char *
want_label (Want want)
{
  /* Translators: these complete “Kolada’s answer could not be read:
   * “period” in row 3 should be …” */
  switch (want)
    {
    case WANT_TEXT:
      return _("a text");
    case WANT_YEAR:
      return _("a year");
    case WANT_INTEGER:
      return _("a whole number");
    case WANT_NUMBER:
      return _("a number or null");
    case WANT_BOOLEAN:
      return _("true or false");
    case WANT_LIST:
      return _("a list");
    case WANT_OBJECT:
      return _("an object");
    case WANT_GENDER:
      return _("T, K or M");
    case WANT_SHORT_ID:
      return _("an id of at most 15 characters");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
set_wrong (GError **error, guint row, const char *field, Want want)
{
  g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
               /* Translators: the first %s is the name of a field in Kolada's
                * answer, such as “period”; the last what it should hold, such
                * as “a year” */
               _("Kolada’s answer could not be read: “%s” in row %u should be %s."),
               field, row, want_label (want));
  return FALSE;
}

static gboolean
set_missing (GError **error, guint row, const char *field)
{
  g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
               /* Translators: %s is the name of a field in Kolada's answer, such as “period” */
               _("Kolada’s answer could not be read: row %u has no “%s”."), row, field);
  return FALSE;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static GType
node_value_type (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
}

/* A text member; *out NULL when absent or null and not @required */
static gboolean
get_text (JsonObject *object, const char *name, gboolean required, const char **out,
          guint row, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node_is_null (node))
    return required ? set_missing (error, row, name) : TRUE;
  if (node_value_type (node) != G_TYPE_STRING)
    return set_wrong (error, row, name, WANT_TEXT);
  *out = json_node_get_string (node);
  return TRUE;
}

/* An id that fits the fixed fields of VerkanKoladaRow */
static gboolean
get_short_id (JsonObject *object, const char *name, char out[16], guint row, GError **error)
{
  const char *text;

  if (!get_text (object, name, TRUE, &text, row, error))
    return FALSE;
  if (*text == '\0' || strlen (text) > 15)
    return set_wrong (error, row, name, WANT_SHORT_ID);
  strcpy (out, text);
  return TRUE;
}

/* A whole number; 0 when absent or null.  A double counts when whole. */
static gboolean
get_integer (JsonObject *object, const char *name, gint64 *out, guint row, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  *out = 0;
  if (node_is_null (node))
    return TRUE;
  type = node_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && json_node_get_double (node) == (gint64) json_node_get_double (node))
    *out = (gint64) json_node_get_double (node);
  else
    return set_wrong (error, row, name, WANT_INTEGER);
  return TRUE;
}

static gboolean
get_boolean (JsonObject *object, const char *name, gboolean *out, guint row, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  *out = FALSE;
  if (node_is_null (node))
    return TRUE;
  type = node_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    *out = json_node_get_boolean (node);
  else if (type == G_TYPE_INT64 && (json_node_get_int (node) == 0 || json_node_get_int (node) == 1))
    *out = json_node_get_int (node) == 1;
  else
    return set_wrong (error, row, name, WANT_BOOLEAN);
  return TRUE;
}

/* "period": 2020 (also "2020", which costs nothing to accept) */
static gboolean
get_year (JsonObject *object, int *out, guint row, GError **error)
{
  JsonNode *node = json_object_get_member (object, "period");
  gint64 year = -1;

  if (node_is_null (node))
    return set_missing (error, row, "period");
  switch (node_value_type (node))
    {
    case G_TYPE_INT64:
      year = json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      if (json_node_get_double (node) == (gint64) json_node_get_double (node))
        year = (gint64) json_node_get_double (node);
      break;
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        guint64 parsed;

        if (g_ascii_string_to_unsigned (text, 10, 1, 9999, &parsed, NULL))
          year = parsed;
      }
      break;
    default:
      break;
    }
  if (year < 1 || year > 9999)
    return set_wrong (error, row, "period", WANT_YEAR);
  *out = (int) year;
  return TRUE;
}

static gboolean
parse_value (JsonObject *object, VerkanKoladaRow *row, guint index, GError **error)
{
  const char *gender, *status;
  JsonNode *value;
  gint64 count;

  if (!get_text (object, "gender", TRUE, &gender, index, error))
    return FALSE;
  if (verkan_gender_from_code (gender) < 0)
    return set_wrong (error, index, "gender", WANT_GENDER);
  row->gender = gender[0];

  value = json_object_get_member (object, "value");
  row->has_value = FALSE;
  row->value = 0;
  if (!node_is_null (value))
    {
      GType type = node_value_type (value);

      if (type == G_TYPE_DOUBLE)
        row->value = json_node_get_double (value);
      else if (type == G_TYPE_INT64)
        row->value = json_node_get_int (value);
      else
        return set_wrong (error, index, "value", WANT_NUMBER);
      row->has_value = TRUE;
    }

  if (!get_integer (object, "count", &count, index, error) ||
      !get_text (object, "status", FALSE, &status, index, error) ||
      !get_boolean (object, "isdeleted", &row->is_deleted, index, error))
    return FALSE;
  row->count = (int) CLAMP (count, G_MININT, G_MAXINT);
  row->status = g_strdup (status != NULL ? status : "");
  return TRUE;
}

/* One data row of v3: {"kpi", "municipality", "period", "values": [...]} */
static gboolean
parse_data_row (JsonNode *node, GArray *rows, guint index, GError **error)
{
  VerkanKoladaRow base = { { 0 } };
  JsonObject *object;
  JsonNode *values_node;
  JsonArray *values = NULL;
  gboolean row_deleted;
  guint n = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_wrong (error, index, "values", WANT_OBJECT);
  object = json_node_get_object (node);

  if (!get_short_id (object, "kpi", base.kpi, index, error) ||
      !get_short_id (object, "municipality", base.municipality, index, error) ||
      !get_year (object, &base.year, index, error) ||
      !get_boolean (object, "isdeleted", &row_deleted, index, error))
    return FALSE;

  values_node = json_object_get_member (object, "values");
  if (values_node == NULL)
    return set_missing (error, index, "values");
  if (JSON_NODE_HOLDS_ARRAY (values_node))
    {
      values = json_node_get_array (values_node);
      n = json_array_get_length (values);
    }
  else if (!JSON_NODE_HOLDS_NULL (values_node))
    return set_wrong (error, index, "values", WANT_LIST);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *value_node = json_array_get_element (values, i);
      VerkanKoladaRow row = base;

      if (!JSON_NODE_HOLDS_OBJECT (value_node))
        return set_wrong (error, index, "values", WANT_OBJECT);
      if (!parse_value (json_node_get_object (value_node), &row, index, error))
        return FALSE;
      row.is_deleted = row.is_deleted || row_deleted;
      g_array_append_val (rows, row);
    }

  /* A whole row marked deleted, without values: all of its genders go */
  if (n == 0 && row_deleted)
    for (int g = 0; g < VERKAN_N_GENDERS; g++)
      {
        VerkanKoladaRow row = base;

        row.gender = gender_codes[g][0];
        row.is_deleted = TRUE;
        row.status = g_strdup ("");
        g_array_append_val (rows, row);
      }
  return TRUE;
}

static JsonParser *
parse_json (GBytes *page, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = page != NULL ? g_bytes_get_data (page, &size) : NULL;

  if (size == 0 || data == NULL)
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                   _("Kolada’s answer could not be read: it was empty."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                   /* Translators: %s is the JSON parser's explanation */
                   _("Kolada’s answer could not be read: it is not valid JSON (%s)."),
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/* The "values" list and "next_url" of a page's top-level object */
static JsonArray *
page_values (JsonParser *parser, char **next_url, GError **error)
{
  JsonNode *root = json_parser_get_root (parser);
  JsonObject *object;
  JsonNode *values, *next;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (values = json_object_get_member (object = json_node_get_object (root), "values")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (values))
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                   _("Kolada’s answer could not be read: it has no list of values."));
      return NULL;
    }

  next = json_object_get_member (object, "next_url");
  if (!node_is_null (next) && node_value_type (next) != G_TYPE_STRING)
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                   _("Kolada’s answer could not be read: “next_url” should be a text."));
      return NULL;
    }
  if (next_url != NULL)
    *next_url = node_is_null (next) ? NULL : g_strdup (json_node_get_string (next));
  return json_node_get_array (values);
}

static gboolean
parse_data_values (JsonArray *values, GArray *rows, GError **error)
{
  guint old_len = rows->len;
  guint n = json_array_get_length (values);

  for (guint i = 0; i < n; i++)
    if (!parse_data_row (json_array_get_element (values, i), rows, i + 1, error))
      {
        /* the clear func frees the status strings of the partial rows */
        g_array_set_size (rows, old_len);
        return FALSE;
      }
  return TRUE;
}

gboolean
verkan_kolada_parse_data_page (GBytes *page, GArray *rows, char **next_url, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *next = NULL;
  JsonArray *values;

  g_return_val_if_fail (rows != NULL, FALSE);

  if (next_url != NULL)
    *next_url = NULL;
  parser = parse_json (page, error);
  if (parser == NULL || (values = page_values (parser, &next, error)) == NULL)
    return FALSE;
  if (!parse_data_values (values, rows, error))
    return FALSE;
  if (next_url != NULL)
    *next_url = g_steal_pointer (&next);
  return TRUE;
}

void
verkan_kolada_kpi_record_free (VerkanKoladaKpiRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->title);
  g_free (record->description);
  g_free (record->municipality_type);
  g_free (record->publication_date);
  g_free (record->prel_publication_date);
  g_free (record);
}

static VerkanKoladaKpiRecord *
parse_kpi_record (JsonNode *node, guint index, GError **error)
{
  const char *id, *title, *description, *type, *published, *prel_published;
  gboolean by_gender;
  VerkanKoladaKpiRecord *record;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_wrong (error, index, "values", WANT_OBJECT);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_text (object, "id", TRUE, &id, index, error) ||
      !get_text (object, "title", FALSE, &title, index, error) ||
      !get_text (object, "description", FALSE, &description, index, error) ||
      !get_boolean (object, "is_divided_by_gender", &by_gender, index, error) ||
      !get_text (object, "municipality_type", FALSE, &type, index, error) ||
      !get_text (object, "publication_date", FALSE, &published, index, error) ||
      !get_text (object, "prel_publication_date", FALSE, &prel_published, index, error))
    return NULL;
  if (*id == '\0')
    {
      set_missing (error, index, "id");
      return NULL;
    }

  record = g_new0 (VerkanKoladaKpiRecord, 1);
  record->id = g_strdup (id);
  record->title = g_strdup (title != NULL ? title : "");
  record->description = g_strdup (description != NULL ? description : "");
  record->is_divided_by_gender = by_gender;
  record->municipality_type = g_strdup (type != NULL && *type ? type : NULL);
  /* Kolada has sent "" for "not yet": keep that as NULL */
  record->publication_date = published != NULL && *published ? g_strdup (published) : NULL;
  record->prel_publication_date = prel_published != NULL && *prel_published
                                  ? g_strdup (prel_published) : NULL;
  return record;
}

static gboolean
parse_kpi_values (JsonArray *values, GPtrArray *records, GError **error)
{
  guint old_len = records->len;
  guint n = json_array_get_length (values);

  for (guint i = 0; i < n; i++)
    {
      VerkanKoladaKpiRecord *record = parse_kpi_record (json_array_get_element (values, i),
                                                        i + 1, error);
      if (record == NULL)
        {
          g_ptr_array_set_size (records, old_len);
          return FALSE;
        }
      g_ptr_array_add (records, record);
    }
  return TRUE;
}

gboolean
verkan_kolada_parse_kpi_page (GBytes *page, GPtrArray *records, char **next_url, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *next = NULL;
  JsonArray *values;

  g_return_val_if_fail (records != NULL, FALSE);

  if (next_url != NULL)
    *next_url = NULL;
  parser = parse_json (page, error);
  if (parser == NULL || (values = page_values (parser, &next, error)) == NULL)
    return FALSE;
  if (!parse_kpi_values (values, records, error))
    return FALSE;
  if (next_url != NULL)
    *next_url = g_steal_pointer (&next);
  return TRUE;
}

/* --- writing ------------------------------------------------------------ */

/* Rows go into kolada_value this many to one INSERT: one statement of
 * many VALUES costs much less per row than a statement a row */
#define BATCH_ROWS 64

typedef struct {
  sqlite3_stmt *insert_batch;
  sqlite3_stmt *insert_value;
  sqlite3_stmt *delete_value;
  sqlite3_stmt *select_pair;
  sqlite3_stmt *select_fetch;
  sqlite3_stmt *put_fetch;
  sqlite3_stmt *put_kpi;
} Statements;

static void
statements_clear (Statements *s)
{
  sqlite3_finalize (s->insert_batch);
  sqlite3_finalize (s->insert_value);
  sqlite3_finalize (s->delete_value);
  sqlite3_finalize (s->select_pair);
  sqlite3_finalize (s->select_fetch);
  sqlite3_finalize (s->put_fetch);
  sqlite3_finalize (s->put_kpi);
}

/* ?1 is fetched_at and ?2 the origin of every row; each row has 7 more */
static char *
batch_insert_sql (void)
{
  GString *sql = g_string_new ("INSERT OR REPLACE INTO kolada_value "
                               "(kpi, municipality, year, gender, value, count, status, "
                               "fetched_at, origin) VALUES ");

  for (guint r = 0; r < BATCH_ROWS; r++)
    {
      guint p = 3 + r * 7;

      g_string_append_printf (sql, "%s(?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?1, ?2)",
                              r > 0 ? ", " : "", p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6);
    }
  return g_string_free (sql, FALSE);
}

static gboolean
statements_prepare (Statements *s, sqlite3 *db, GError **error)
{
  g_autofree char *batch_sql = batch_insert_sql ();
  struct { sqlite3_stmt **stmt; const char *sql; } all[] = {
    { &s->insert_batch, batch_sql },
    { &s->insert_value,
      "INSERT OR REPLACE INTO kolada_value "
      "(kpi, municipality, year, gender, value, count, status, fetched_at, origin) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" },
    { &s->delete_value,
      "DELETE FROM kolada_value WHERE kpi = ?1 AND municipality = ?2 AND year = ?3 AND gender = ?4" },
    { &s->select_pair,
      "SELECT year, gender FROM kolada_value "
      "WHERE kpi = ?1 AND municipality = ?2 AND year BETWEEN ?3 AND ?4" },
    { &s->select_fetch,
      "SELECT first_year, last_year, fetched_at FROM kolada_fetch "
      "WHERE kpi = ?1 AND municipality = ?2" },
    { &s->put_fetch,
      "INSERT OR REPLACE INTO kolada_fetch (kpi, municipality, first_year, last_year, fetched_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)" },
    { &s->put_kpi,
      "INSERT OR REPLACE INTO kolada_kpi (id, title, description, is_divided_by_gender, "
      "municipality_type, publication_date, prel_publication_date, fetched_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (sqlite3_prepare_v3 (db, all[i].sql, -1, SQLITE_PREPARE_PERSISTENT, all[i].stmt, NULL) != SQLITE_OK)
      {
        verkan_sql_set_error (error, db);
        return FALSE;
      }
  return TRUE;
}

/* Steps a prepared write and resets it for the next row */
static gboolean
step_done (sqlite3 *db, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  return TRUE;
}

/* Keys of the answer's rows, to find what a full fetch no longer sent */
static guint
row_key_hash (gconstpointer data)
{
  const VerkanKoladaRow *row = data;

  return (g_str_hash (row->kpi) * 31 + g_str_hash (row->municipality)) * 31 +
         (guint) row->year * 4 + (guint) row->gender;
}

static gboolean
row_key_equal (gconstpointer a, gconstpointer b)
{
  const VerkanKoladaRow *x = a, *y = b;

  return x->year == y->year && x->gender == y->gender &&
         strcmp (x->kpi, y->kpi) == 0 && strcmp (x->municipality, y->municipality) == 0;
}

/* A stored range covers another when it starts no later and ends no
 * earlier; 0 stands for "Kolada's first" and "the newest" */
static gboolean
range_covers (int first, int last, int other_first, int other_last)
{
  return (first == 0 || (other_first != 0 && first <= other_first)) &&
         (last == 0 || (other_last != 0 && last >= other_last));
}

static gboolean
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC) == SQLITE_OK;
}

/* Values of the requested pairs and years that the answer left out */
static gboolean
remove_unsent (sqlite3 *db, Statements *s, const VerkanKoladaRequest *request,
               GArray *rows, guint *n_deleted, GError **error)
{
  g_autoptr(GHashTable) sent = g_hash_table_new (row_key_hash, row_key_equal);
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (VerkanKoladaRow));
  int first = request->first_year, last = request->last_year != 0 ? request->last_year : G_MAXINT;

  for (guint i = 0; i < rows->len; i++)
    {
      VerkanKoladaRow *row = &g_array_index (rows, VerkanKoladaRow, i);
      if (!row->is_deleted)
        g_hash_table_add (sent, row);
    }

  for (guint k = 0; request->kpis[k]; k++)
    for (guint m = 0; request->municipalities[m]; m++)
      {
        int rc;

        bind_text (s->select_pair, 1, request->kpis[k]);
        bind_text (s->select_pair, 2, request->municipalities[m]);
        sqlite3_bind_int (s->select_pair, 3, first);
        sqlite3_bind_int (s->select_pair, 4, last);
        while ((rc = sqlite3_step (s->select_pair)) == SQLITE_ROW)
          {
            VerkanKoladaRow key = { { 0 } };
            const char *gender = (const char *) sqlite3_column_text (s->select_pair, 1);

            g_strlcpy (key.kpi, request->kpis[k], sizeof key.kpi);
            g_strlcpy (key.municipality, request->municipalities[m], sizeof key.municipality);
            key.year = sqlite3_column_int (s->select_pair, 0);
            key.gender = gender != NULL ? gender[0] : 'T';
            if (!g_hash_table_contains (sent, &key))
              g_array_append_val (gone, key);
          }
        sqlite3_reset (s->select_pair);
        sqlite3_clear_bindings (s->select_pair);
        if (rc != SQLITE_DONE)
          {
            verkan_sql_set_error (error, db);
            return FALSE;
          }
      }

  for (guint i = 0; i < gone->len; i++)
    {
      VerkanKoladaRow *key = &g_array_index (gone, VerkanKoladaRow, i);
      char gender[2] = { key->gender, '\0' };

      bind_text (s->delete_value, 1, key->kpi);
      bind_text (s->delete_value, 2, key->municipality);
      sqlite3_bind_int (s->delete_value, 3, key->year);
      bind_text (s->delete_value, 4, gender);
      if (!step_done (db, s->delete_value, error))
        return FALSE;
      *n_deleted += sqlite3_changes (db);
    }
  return TRUE;
}

static VerkanValueOrigin
origin_of (const VerkanKoladaRow *row, VerkanValueOrigin origin, GHashTable *illustrative)
{
  char key[64];

  if (illustrative == NULL)
    return origin;
  g_snprintf (key, sizeof key, "%s:%s", row->kpi, row->municipality);
  if (g_hash_table_contains (illustrative, key))
    return VERKAN_VALUE_ORIGIN_ILLUSTRATIVE;
  g_snprintf (key, sizeof key, "%s:%s:%d", row->kpi, row->municipality, row->year);
  if (g_hash_table_contains (illustrative, key))
    return VERKAN_VALUE_ORIGIN_ILLUSTRATIVE;
  return origin;
}

static void
bind_row (sqlite3_stmt *stmt, int first, const VerkanKoladaRow *row, const char *gender)
{
  bind_text (stmt, first, row->kpi);
  bind_text (stmt, first + 1, row->municipality);
  sqlite3_bind_int (stmt, first + 2, row->year);
  bind_text (stmt, first + 3, gender);
  if (row->is_deleted)
    return;
  if (row->has_value)
    sqlite3_bind_double (stmt, first + 4, row->value);
  else
    sqlite3_bind_null (stmt, first + 4);
  sqlite3_bind_int (stmt, first + 5, row->count);
  bind_text (stmt, first + 6, row->status != NULL ? row->status : "");
}

/* One row through the one-row statements: deleted rows, other origins,
 * and what is left over after the last full batch */
static gboolean
write_row (sqlite3 *db, Statements *s, const VerkanKoladaRow *row, const char *gender,
           const char *origin, const char *fetched_at, guint *n_stored, guint *n_deleted,
           GError **error)
{
  sqlite3_stmt *stmt = row->is_deleted ? s->delete_value : s->insert_value;

  bind_row (stmt, 1, row, gender);
  if (!row->is_deleted)
    {
      bind_text (stmt, 8, fetched_at);
      bind_text (stmt, 9, origin);
    }
  if (!step_done (db, stmt, error))
    return FALSE;
  if (row->is_deleted)
    *n_deleted += sqlite3_changes (db);
  else
    (*n_stored)++;
  return TRUE;
}

static gboolean
write_rows (sqlite3 *db, Statements *s, GArray *rows, VerkanValueOrigin origin,
            GHashTable *illustrative, const char *fetched_at,
            guint *n_stored, guint *n_deleted, GError **error)
{
  /* rows bound into the batch statement, not yet stepped */
  guint pending[BATCH_ROWS];
  guint n_pending = 0;

  bind_text (s->insert_batch, 1, fetched_at);
  bind_text (s->insert_batch, 2, origin_names[origin]);

  for (guint i = 0; i <= rows->len; i++)
    {
      const VerkanKoladaRow *row = i < rows->len ? &g_array_index (rows, VerkanKoladaRow, i) : NULL;
      char code[2] = { row != NULL ? row->gender : 'T', '\0' };
      int gender = verkan_gender_from_code (code);
      VerkanValueOrigin row_origin = origin;

      if (row != NULL && (gender < 0 || row->kpi[0] == '\0' || row->municipality[0] == '\0'))
        {
          g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                       _("Kolada’s answer could not be read: “%s” in row %u should be %s."),
                       "gender", i + 1, want_label (WANT_GENDER));
          return FALSE;
        }
      if (row != NULL)
        row_origin = origin_of (row, origin, illustrative);

      if (row != NULL && !row->is_deleted && row_origin == origin)
        {
          bind_row (s->insert_batch, 3 + n_pending * 7, row, gender_codes[gender]);
          pending[n_pending++] = i;
          if (n_pending < BATCH_ROWS)
            continue;
          if (!step_done (db, s->insert_batch, error))
            return FALSE;
          bind_text (s->insert_batch, 1, fetched_at);
          bind_text (s->insert_batch, 2, origin_names[origin]);
          *n_stored += n_pending;
          n_pending = 0;
          continue;
        }

      /* the rows before this one go first, in their order */
      for (guint p = 0; p < n_pending; p++)
        {
          const VerkanKoladaRow *before = &g_array_index (rows, VerkanKoladaRow, pending[p]);
          char before_code[2] = { before->gender, '\0' };

          if (!write_row (db, s, before, gender_codes[verkan_gender_from_code (before_code)],
                          origin_names[origin], fetched_at, n_stored, n_deleted, error))
            return FALSE;
        }
      n_pending = 0;
      if (row != NULL &&
          !write_row (db, s, row, gender_codes[gender], origin_names[row_origin], fetched_at,
                      n_stored, n_deleted, error))
        return FALSE;
    }
  return TRUE;
}

/* kolada_fetch: what was fetched and when, so that a refetch may ask for
 * changes only.  A fetch that covers the stored range replaces it; else
 * the ranges join and the older time stays, so that a later from_date
 * reaches back far enough for every year. */
static gboolean
write_fetches (sqlite3 *db, Statements *s, const VerkanKoladaRequest *request,
               const char *fetched_at, GError **error)
{
  for (guint k = 0; request->kpis[k]; k++)
    for (guint m = 0; request->municipalities[m]; m++)
      {
        int first = request->first_year, last = request->last_year;
        g_autofree char *when = g_strdup (fetched_at);
        int rc;

        bind_text (s->select_fetch, 1, request->kpis[k]);
        bind_text (s->select_fetch, 2, request->municipalities[m]);
        rc = sqlite3_step (s->select_fetch);
        if (rc == SQLITE_ROW)
          {
            int old_first = sqlite3_column_int (s->select_fetch, 0);
            int old_last = sqlite3_column_int (s->select_fetch, 1);
            const char *old_when = (const char *) sqlite3_column_text (s->select_fetch, 2);

            if (!range_covers (first, last, old_first, old_last))
              {
                first = (first == 0 || old_first == 0) ? 0 : MIN (first, old_first);
                last = (last == 0 || old_last == 0) ? 0 : MAX (last, old_last);
                if (old_when != NULL && strcmp (old_when, when) < 0)
                  {
                    g_free (when);
                    when = g_strdup (old_when);
                  }
              }
          }
        sqlite3_reset (s->select_fetch);
        sqlite3_clear_bindings (s->select_fetch);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
          {
            verkan_sql_set_error (error, db);
            return FALSE;
          }

        bind_text (s->put_fetch, 1, request->kpis[k]);
        bind_text (s->put_fetch, 2, request->municipalities[m]);
        sqlite3_bind_int (s->put_fetch, 3, first);
        sqlite3_bind_int (s->put_fetch, 4, last);
        bind_text (s->put_fetch, 5, when);
        if (!step_done (db, s->put_fetch, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
write_kpis (sqlite3 *db, Statements *s, GPtrArray *kpis, const char *fetched_at, GError **error)
{
  for (guint i = 0; kpis != NULL && i < kpis->len; i++)
    {
      const VerkanKoladaKpiRecord *record = g_ptr_array_index (kpis, i);
      sqlite3_stmt *stmt = s->put_kpi;

      bind_text (stmt, 1, record->id);
      bind_text (stmt, 2, record->title != NULL ? record->title : "");
      bind_text (stmt, 3, record->description != NULL ? record->description : "");
      sqlite3_bind_int (stmt, 4, record->is_divided_by_gender ? 1 : 0);
      bind_text (stmt, 5, record->municipality_type != NULL ? record->municipality_type : "K");
      bind_text (stmt, 6, record->publication_date);
      bind_text (stmt, 7, record->prel_publication_date);
      bind_text (stmt, 8, fetched_at);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Outside a transaction this is one; inside the caller's, a savepoint,
 * so the client can store groups and values together */
static gboolean
begin (sqlite3 *db, gboolean *own, GError **error)
{
  *own = sqlite3_get_autocommit (db) != 0;
  return verkan_sql_exec (db, *own ? "BEGIN IMMEDIATE" : "SAVEPOINT kolada_store", error);
}

static gboolean
commit (sqlite3 *db, gboolean own, GError **error)
{
  return verkan_sql_exec (db, own ? "COMMIT" : "RELEASE kolada_store", error);
}

static void
roll_back (sqlite3 *db, gboolean own)
{
  if (own)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (db, "ROLLBACK TO kolada_store; RELEASE kolada_store", NULL, NULL, NULL);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
request_has_pairs (const VerkanKoladaRequest *request)
{
  return request != NULL && request->kpis != NULL && request->municipalities != NULL;
}

static gboolean
store (sqlite3 *db, const VerkanKoladaRequest *request, GArray *rows, GPtrArray *kpis,
       gboolean complete, VerkanValueOrigin origin, GHashTable *illustrative,
       const char *fetched_at, guint *n_stored, guint *n_deleted, GError **error)
{
  g_autofree char *now = fetched_at == NULL ? now_iso8601 () : NULL;
  Statements s = { NULL };
  guint stored = 0, deleted = 0;
  gboolean own, ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (origin < G_N_ELEMENTS (origin_names), FALSE);
  if (fetched_at == NULL)
    fetched_at = now;

  if (!begin (db, &own, error))
    return FALSE;
  ok = statements_prepare (&s, db, error) &&
       write_kpis (db, &s, kpis, fetched_at, error) &&
       (!complete || !request_has_pairs (request) ||
        remove_unsent (db, &s, request, rows, &deleted, error)) &&
       (rows == NULL || write_rows (db, &s, rows, origin, illustrative, fetched_at,
                                    &stored, &deleted, error)) &&
       (!request_has_pairs (request) || write_fetches (db, &s, request, fetched_at, error));
  statements_clear (&s);

  if (!ok || !commit (db, own, error))
    {
      roll_back (db, own);
      return FALSE;
    }
  if (n_stored != NULL)
    *n_stored = stored;
  if (n_deleted != NULL)
    *n_deleted = deleted;
  return TRUE;
}

gboolean
verkan_kolada_store_rows (struct sqlite3 *db, const VerkanKoladaRequest *request, GArray *rows,
                          GPtrArray *kpis, gboolean complete, VerkanValueOrigin origin,
                          const char *fetched_at, GError **error)
{
  return store (db, request, rows, kpis, complete, origin, NULL, fetched_at, NULL, NULL, error);
}

gboolean
verkan_kolada_store_rows_counted (struct sqlite3 *db, const VerkanKoladaRequest *request,
                                  GArray *rows, GPtrArray *kpis, gboolean complete,
                                  VerkanValueOrigin origin, const char *fetched_at,
                                  guint *n_stored, guint *n_deleted, GError **error)
{
  return store (db, request, rows, kpis, complete, origin, NULL, fetched_at,
                n_stored, n_deleted, error);
}

char *
verkan_kolada_store_dup_from_date (struct sqlite3 *db, const VerkanKoladaRequest *request)
{
  g_autofree char *oldest = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean all = TRUE;

  g_return_val_if_fail (db != NULL, NULL);
  if (!request_has_pairs (request) || request->kpis[0] == NULL || request->municipalities[0] == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT first_year, last_year, fetched_at FROM kolada_fetch "
                              "WHERE kpi = ?1 AND municipality = ?2", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  for (guint k = 0; all && request->kpis[k]; k++)
    for (guint m = 0; all && request->municipalities[m]; m++)
      {
        bind_text (stmt, 1, request->kpis[k]);
        bind_text (stmt, 2, request->municipalities[m]);
        if (sqlite3_step (stmt) != SQLITE_ROW ||
            !range_covers (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                           request->first_year, request->last_year) ||
            sqlite3_column_bytes (stmt, 2) < 10)
          all = FALSE;
        else
          {
            const char *when = (const char *) sqlite3_column_text (stmt, 2);
            if (oldest == NULL || strcmp (when, oldest) < 0)
              {
                g_free (oldest);
                oldest = g_strdup (when);
              }
          }
        sqlite3_reset (stmt);
      }
  sqlite3_finalize (stmt);

  if (!all || oldest == NULL)
    return NULL;
  return g_strndup (oldest, 10);
}

/* --- the snapshot --------------------------------------------------------- */

static gboolean
snapshot_date_valid (const char *date)
{
  g_autofree char *text = g_strconcat (date, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) parsed = strlen (date) == 10 ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return parsed != NULL;
}

static gboolean
read_snapshot_header (JsonObject *root, char **fetched_at, GHashTable *illustrative, GError **error)
{
  JsonNode *node = json_object_get_member (root, "verkan_snapshot");
  JsonObject *header;
  JsonNode *list;
  const char *date;

  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_wrong (error, 1, "verkan_snapshot", WANT_OBJECT);
  header = json_node_get_object (node);

  if (!get_text (header, "date", FALSE, &date, 1, error))
    return FALSE;
  if (date != NULL)
    {
      if (!snapshot_date_valid (date))
        {
          g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                       /* Translators: %s is what the file gave as its date */
                       _("The snapshot’s date “%s” is not a date of the form 2024-01-31."), date);
          return FALSE;
        }
      *fetched_at = g_strconcat (date, "T00:00:00Z", NULL);
    }

  list = json_object_get_member (header, "illustrative");
  if (node_is_null (list))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    return set_wrong (error, 1, "illustrative", WANT_LIST);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (list), i);

      if (node_value_type (item) != G_TYPE_STRING)
        return set_wrong (error, i + 1, "illustrative", WANT_TEXT);
      g_hash_table_add (illustrative, g_strdup (json_node_get_string (item)));
    }
  return TRUE;
}

gboolean
verkan_kolada_store_import_file (VerkanProject *project, const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) rows = verkan_kolada_rows_new ();
  g_autoptr(GPtrArray) kpis = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_kolada_kpi_record_free);
  g_autoptr(GHashTable) illustrative = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fetched_at = NULL;
  JsonArray *values;
  JsonNode *kpi_node;
  gsize length = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (verkan_project_get_read_only (project) || verkan_project_get_db (project) == NULL)
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_READ_ONLY,
                   _("The project is open read-only, so the key figures were not stored."));
      return FALSE;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  parser = parse_json (bytes, error);
  if (parser == NULL || (values = page_values (parser, NULL, error)) == NULL ||
      !parse_data_values (values, rows, error) ||
      !read_snapshot_header (json_node_get_object (json_parser_get_root (parser)),
                             &fetched_at, illustrative, error))
    return FALSE;

  kpi_node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "kpis");
  if (!node_is_null (kpi_node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (kpi_node))
        return set_wrong (error, 1, "kpis", WANT_LIST);
      if (!parse_kpi_values (json_node_get_array (kpi_node), kpis, error))
        return FALSE;
    }

  /* No kolada_fetch rows: the first real fetch of these pairs is a full one */
  if (!store (verkan_project_get_db (project), NULL, rows, kpis, FALSE,
              VERKAN_VALUE_ORIGIN_SNAPSHOT, illustrative, fetched_at, NULL, NULL, error))
    return FALSE;

  if (kpis->len > 0)
    verkan_project_emit_changed (project, "kolada_kpi");
  verkan_project_emit_changed (project, "kolada_value");
  return TRUE;
}

/* --- reading ------------------------------------------------------------ */

static void
append_in_list (GString *sql, const char *column, const char *const *ids, guint *n_bound)
{
  if (ids == NULL || ids[0] == NULL)
    return;
  g_string_append_printf (sql, " AND %s IN (", column);
  for (guint i = 0; ids[i]; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", ++(*n_bound));
  g_string_append_c (sql, ')');
}

static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

GPtrArray *
verkan_kolada_store_list_values (VerkanProject *project, const char *const *kpis,
                                 const char *const *municipalities, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT kpi, municipality, year, gender, value, count, "
                                         "status, fetched_at, origin FROM kolada_value WHERE 1");
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GPtrArray *result;
  guint n_bound = 0, index = 0;
  int rc;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  db = verkan_project_get_db (project);

  /* an empty list filters nothing, as NULL does */
  append_in_list (sql, "kpi", kpis, &n_bound);
  append_in_list (sql, "municipality", municipalities, &n_bound);
  g_string_append (sql, " ORDER BY kpi, municipality, year, "
                        "CASE gender WHEN 'T' THEN 0 WHEN 'K' THEN 1 ELSE 2 END");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  for (guint i = 0; kpis != NULL && kpis[i]; i++)
    bind_text (stmt, ++index, kpis[i]);
  for (guint i = 0; municipalities != NULL && municipalities[i]; i++)
    bind_text (stmt, ++index, municipalities[i]);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "kpi", g_variant_new_string (column_text (stmt, 0)));
      g_variant_builder_add (&builder, "{sv}", "municipality",
                             g_variant_new_string (column_text (stmt, 1)));
      g_variant_builder_add (&builder, "{sv}", "year", g_variant_new_int32 (sqlite3_column_int (stmt, 2)));
      g_variant_builder_add (&builder, "{sv}", "gender", g_variant_new_string (column_text (stmt, 3)));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        g_variant_builder_add (&builder, "{sv}", "value",
                               g_variant_new_double (sqlite3_column_double (stmt, 4)));
      g_variant_builder_add (&builder, "{sv}", "count", g_variant_new_int32 (sqlite3_column_int (stmt, 5)));
      g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string (column_text (stmt, 6)));
      g_variant_builder_add (&builder, "{sv}", "fetched_at",
                             g_variant_new_string (column_text (stmt, 7)));
      g_variant_builder_add (&builder, "{sv}", "origin", g_variant_new_string (column_text (stmt, 8)));
      g_ptr_array_add (result, g_variant_ref_sink (g_variant_builder_end (&builder)));
    }
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      g_clear_pointer (&result, g_ptr_array_unref);
    }
  sqlite3_finalize (stmt);
  return result;
}

GVariant *
verkan_kolada_store_get_kpi (VerkanProject *project, const char *id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GVariant *row = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  if (id == NULL)
    return NULL;
  db = verkan_project_get_db (project);
  if (sqlite3_prepare_v2 (db, "SELECT * FROM kolada_kpi WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = verkan_sql_row_from_stmt (stmt);
  sqlite3_finalize (stmt);
  return row;
}

gboolean
verkan_kolada_store_put_group (struct sqlite3 *db, const char *id, const char *title,
                               const char *const *members, const char *fetched_at, GError **error)
{
  g_autofree char *joined = members != NULL ? g_strjoinv (",", (char **) members) : g_strdup ("");
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO kolada_group (id, title, members, fetched_at) "
                              "VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, title != NULL ? title : "");
  bind_text (stmt, 3, joined);
  bind_text (stmt, 4, fetched_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}
