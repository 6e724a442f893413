/* verkan-kpi-catalog.c: Kolada's key figures, offline, found by id or by
 * the words of their titles
 *
 * The shipped catalog is data/kolada/kpi.json (compiled into the core's
 * resources; build-aux/make-kpi-catalog.py makes it from Kolada's KPI
 * groups, id and title only).  The Kolada client refreshes it from /v3/kpi
 * into the user's cache, with descriptions and publication dates; the
 * default catalog prefers that copy while it reads well.
 *
 * Search is SQLite FTS5 over an in-memory database built when a catalog
 * loads.  Its rows are numbered in Swedish title order, so FTS5 hands the
 * matches back already in the order the user sees them and a search with
 * a limit stops early.  The ids that start with the query come first; the
 * entries are kept sorted by id, so those are one binary search away.
 *
 * Threads: a catalog never changes once loaded, and lookup reads it
 * without locks; search uses the catalog's one prepared FTS statement under
 * the catalog's mutex, so any thread may search, one at a time per catalog.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "verkan-format.h"
#include "verkan-kpi-catalog.h"
#include "verkan-resources.h"

typedef struct {
  VerkanKpi   kpi;
  const char *folded_id;
  guint       title_rank;   /* place in Swedish title order, the FTS rowid */
} Entry;

struct _VerkanKpiCatalog
{
  GStringChunk *strings;
  Entry        *entries;      /* sorted by folded id */
  guint         n_entries;
  guint        *by_title;     /* title rank → index into entries */
  GHashTable   *by_id;        /* upper-case id → Entry */
  char         *refreshed_at; /* NULL unless read from the user's cache */
  gboolean      is_default;   /* handed out by get_default (): never freed */

  GMutex        lock;         /* guards db and match */
  sqlite3      *db;
  sqlite3_stmt *match;
};

/* The unicode61 tokenizer keeps å, ä and ö apart from a and o (Swedish
 * letters, not accents: "år" must not find "arbete") and folds their case.
 * The code column is the id without its letter ("31807" finds N31807).
 * Prefix indexes keep the first keystrokes quick. */
#define CREATE_INDEX \
  "CREATE VIRTUAL TABLE kpi USING fts5 (id, code, title, content = '', " \
  "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
#define INSERT_ROW "INSERT INTO kpi (rowid, id, code, title) VALUES (?1, ?2, ?3, ?4)"
#define MATCH_ROWS "SELECT rowid FROM kpi WHERE kpi MATCH ?1 ORDER BY rowid"

/* Kolada's answers are not always typed as documented: anything that is
 * not a string reads as absent (json-glib would complain loudly instead) */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* true, 1 or "true" */
static gboolean
member_boolean (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type == G_TYPE_STRING)
    return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;

  return FALSE;
}

/* NULL for absent or empty, else the string kept in the catalog */
static const char *
keep_optional (VerkanKpiCatalog *self,
               const char       *text)
{
  if (text == NULL || *text == '\0')
    return NULL;

  return g_string_chunk_insert_const (self->strings, text);
}

/* Text as the index and the queries see it: valid UTF-8, composed (a
 * keyboard may send "å" as a and a combining ring) */
static char *
normalize (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

typedef struct {
  Entry  entry;
  char  *sort_key;   /* the title, for Swedish order */
} Loading;

static int
compare_loading_ids (gconstpointer a,
                     gconstpointer b)
{
  const Loading *x = a, *y = b;

  return strcmp (x->entry.folded_id, y->entry.folded_id);
}

static int
compare_by_title (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Loading *loading = user_data;
  const Loading *x = &loading[*(const guint *) a];
  const Loading *y = &loading[*(const guint *) b];
  int order = strcmp (x->sort_key, y->sort_key);

  return order != 0 ? order : strcmp (x->entry.kpi.id, y->entry.kpi.id);
}

static gboolean
sqlite_ok (VerkanKpiCatalog  *self,
           int                rc,
           GError           **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not index the KPI catalog: %s"),
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

/* The id without its leading letters: "N31807" → "31807" */
static const char *
id_code (const char *id)
{
  while (g_ascii_isalpha (*id))
    id++;

  return id;
}

static gboolean
build_index (VerkanKpiCatalog  *self,
             GError           **error)
{
  sqlite3_stmt *insert = NULL;
  gboolean ok;

  ok = sqlite_ok (self, sqlite3_open_v2 (":memory:", &self->db,
                                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                         NULL), error)
    && sqlite_ok (self, sqlite3_exec (self->db, CREATE_INDEX, NULL, NULL, NULL), error)
    && sqlite_ok (self, sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL), error)
    && sqlite_ok (self, sqlite3_prepare_v2 (self->db, INSERT_ROW, -1, &insert, NULL), error);

  for (guint rank = 0; ok && rank < self->n_entries; rank++)
    {
      const Entry *entry = &self->entries[self->by_title[rank]];
      g_autofree char *title = normalize (entry->kpi.title);

      sqlite3_bind_int64 (insert, 1, rank);
      sqlite3_bind_text (insert, 2, entry->kpi.id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, id_code (entry->kpi.id), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, title, -1, SQLITE_STATIC);
      ok = sqlite_ok (self, sqlite3_step (insert), error);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);

  /* (FTS5's 'optimize' would merge the index into one segment: no faster
   * to search at this size, and a seventh of the load time) */
  ok = ok
    && sqlite_ok (self, sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL), error)
    && sqlite_ok (self, sqlite3_prepare_v3 (self->db, MATCH_ROWS, -1,
                                            SQLITE_PREPARE_PERSISTENT, &self->match, NULL),
                  error);

  return ok;
}

static void
catalog_free (VerkanKpiCatalog *self)
{
  sqlite3_finalize (self->match);
  sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_hash_table_unref (self->by_id);
  g_free (self->by_title);
  g_free (self->entries);
  g_free (self->refreshed_at);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/* A catalog of the KPI records in @values (NULL: none) */
static VerkanKpiCatalog *
catalog_from_values (JsonArray  *values,
                     GError    **error)
{
  VerkanKpiCatalog *self = g_new0 (VerkanKpiCatalog, 1);
  guint n_values = values != NULL ? json_array_get_length (values) : 0;
  g_autoptr(GArray) loading = g_array_sized_new (FALSE, TRUE, sizeof (Loading), n_values);
  g_autofree guint *order = NULL;

  g_mutex_init (&self->lock);
  self->strings = g_string_chunk_new (64 * 1024);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_values; i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      JsonObject *object;
      const char *id, *title, *description;
      g_autofree char *upper = NULL;
      g_autofree char *folded_id = NULL;
      Loading item = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = member_string (object, "id");
      title = member_string (object, "title");
      if (id == NULL || *id == '\0' || title == NULL)
        continue;

      /* A duplicate id (pages that overlap) keeps its first record */
      upper = g_ascii_strup (id, -1);
      if (g_hash_table_contains (self->by_id, upper))
        continue;
      g_hash_table_add (self->by_id, (gpointer) g_string_chunk_insert_const (self->strings, upper));

      folded_id = g_utf8_casefold (id, -1);
      description = member_string (object, "description");

      item.entry.kpi.id = g_string_chunk_insert_const (self->strings, id);
      item.entry.kpi.title = g_string_chunk_insert_const (self->strings, title);
      item.entry.kpi.description = g_string_chunk_insert_const (self->strings,
                                                                description != NULL ? description : "");
      item.entry.kpi.is_divided_by_gender = member_boolean (object, "is_divided_by_gender");
      item.entry.kpi.municipality_type = keep_optional (self, member_string (object, "municipality_type"));
      item.entry.kpi.publication_date = keep_optional (self, member_string (object, "publication_date"));
      item.entry.kpi.prel_publication_date = keep_optional (self, member_string (object, "prel_publication_date"));
      item.entry.folded_id = g_string_chunk_insert_const (self->strings, folded_id);
      item.sort_key = verkan_swedish_sort_key (title);
      g_array_append_val (loading, item);
    }

  /* By id, so that the ids that start with a query lie side by side */
  g_array_sort (loading, compare_loading_ids);

  self->n_entries = loading->len;
  order = g_new (guint, MAX (self->n_entries, 1));
  for (guint i = 0; i < self->n_entries; i++)
    order[i] = i;
  g_qsort_with_data (order, self->n_entries, sizeof (guint), compare_by_title, loading->data);

  self->entries = g_new (Entry, MAX (self->n_entries, 1));
  for (guint i = 0; i < self->n_entries; i++)
    {
      Loading *item = &g_array_index (loading, Loading, i);

      g_autofree char *upper = g_ascii_strup (item->entry.kpi.id, -1);

      self->entries[i] = item->entry;
      /* The set of ids seen while loading becomes the map to the entries */
      g_hash_table_insert (self->by_id,
                           (gpointer) g_string_chunk_insert_const (self->strings, upper),
                           &self->entries[i]);
      g_free (item->sort_key);
    }

  for (guint rank = 0; rank < self->n_entries; rank++)
    self->entries[order[rank]].title_rank = rank;
  self->by_title = g_steal_pointer (&order);

  if (!build_index (self, error))
    {
      catalog_free (self);
      return NULL;
    }

  return self;
}

/* Accepts Kolada's wrapping ({"values": [...]}) or a bare array */
static VerkanKpiCatalog *
catalog_from_parser (JsonParser  *parser,
                     GError     **error)
{
  JsonNode *root = json_parser_get_root (parser);
  JsonArray *values = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *member = json_object_get_member (object, "values");

      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        values = json_node_get_array (member);
    }
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      values = json_node_get_array (root);
    }

  if (values == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The KPI catalog is not a list of KPIs"));
      return NULL;
    }

  return catalog_from_values (values, error);
}

VerkanKpiCatalog *
verkan_kpi_catalog_new_from_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  return catalog_from_parser (parser, error);
}

char *
verkan_kpi_catalog_cache_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "verkan", "kolada", "kpi.json", NULL);
}

/* The user's refreshed catalog, or NULL (with a warning when there is one
 * that does not read: the shipped catalog serves instead) */
static VerkanKpiCatalog *
load_cache (void)
{
  g_autofree char *path = verkan_kpi_catalog_cache_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  VerkanKpiCatalog *self;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  self = verkan_kpi_catalog_new_from_file (path, &error);
  if (self == NULL || self->n_entries == 0)
    {
      g_warning ("Using the shipped KPI catalog, %s does not read: %s", path,
                 error != NULL ? error->message : "no KPIs");
      g_clear_pointer (&self, catalog_free);
      return NULL;
    }

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL)
    {
      g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
      g_autoptr(GDateTime) local = modified != NULL ? g_date_time_to_local (modified) : NULL;

      if (local != NULL)
        self->refreshed_at = g_date_time_format (local, "%Y-%m-%d");
    }
  if (self->refreshed_at == NULL)
    self->refreshed_at = g_strdup ("");

  return self;
}

static VerkanKpiCatalog *
load_shipped (void)
{
  g_autoptr(GBytes) bytes = verkan_resources_lookup ("kolada/kpi.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VerkanKpiCatalog *self = NULL;

  if (bytes != NULL
      && json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error))
    self = catalog_from_parser (parser, &error);

  if (self == NULL)
    {
      /* An installation without its catalog still works: nothing is found */
      g_warning ("No KPI catalog: %s", error != NULL ? error->message : "missing resource");
      g_clear_error (&error);
      self = catalog_from_values (NULL, &error);
      if (self == NULL)
        g_error ("Could not make an empty KPI catalog: %s", error->message);
    }

  return self;
}

static GMutex default_lock;
static VerkanKpiCatalog *default_catalog;
/* Defaults replaced by a reload; callers may still hold them */
static GPtrArray *retired_catalogs;

VerkanKpiCatalog *
verkan_kpi_catalog_get_default (void)
{
  VerkanKpiCatalog *self;

  g_mutex_lock (&default_lock);
  if (default_catalog == NULL)
    {
      default_catalog = load_cache ();
      if (default_catalog == NULL)
        default_catalog = load_shipped ();
      default_catalog->is_default = TRUE;
    }
  self = default_catalog;
  g_mutex_unlock (&default_lock);

  return self;
}

void
verkan_kpi_catalog_reload_default (void)
{
  g_mutex_lock (&default_lock);
  if (default_catalog != NULL)
    {
      if (retired_catalogs == NULL)
        retired_catalogs = g_ptr_array_new ();
      g_ptr_array_add (retired_catalogs, g_steal_pointer (&default_catalog));
    }
  g_mutex_unlock (&default_lock);
}

char *
verkan_kpi_catalog_dup_refreshed_at (VerkanKpiCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup (self->refreshed_at);
}

void
verkan_kpi_catalog_free (VerkanKpiCatalog *self)
{
  if (self == NULL)
    return;

  /* The default catalogs live as long as the process */
  g_return_if_fail (!self->is_default);

  catalog_free (self);
}

guint
verkan_kpi_catalog_get_n_kpis (VerkanKpiCatalog *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

const VerkanKpi *
verkan_kpi_catalog_lookup (VerkanKpiCatalog *self,
                           const char       *id)
{
  g_autofree char *upper = NULL;
  const Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;

  upper = g_ascii_strup (id, -1);
  g_strstrip (upper);
  entry = g_hash_table_lookup (self->by_id, upper);

  return entry != NULL ? &entry->kpi : NULL;
}

/* Whether FTS5's unicode61 tokenizer finds a token in @word: letters,
 * digits and private-use characters make tokens, the rest separates them */
static gboolean
has_token (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    switch (g_unichar_type (g_utf8_get_char (p)))
      {
      case G_UNICODE_LOWERCASE_LETTER:
      case G_UNICODE_MODIFIER_LETTER:
      case G_UNICODE_OTHER_LETTER:
      case G_UNICODE_TITLECASE_LETTER:
      case G_UNICODE_UPPERCASE_LETTER:
      case G_UNICODE_DECIMAL_NUMBER:
      case G_UNICODE_LETTER_NUMBER:
      case G_UNICODE_OTHER_NUMBER:
      case G_UNICODE_PRIVATE_USE:
        return TRUE;
      default:
        break;
      }

  return FALSE;
}

/* Each word of the query as a quoted FTS5 string with a prefix star:
 * «ekon "bist» → «"ekon"* """bist"*».  Inside quotes nothing is syntax
 * (AND, NOT, -, *, parentheses are plain text; a quote is doubled), and the
 * tokenizer splits "kr/inv" into a phrase of two words.  NULL when no word
 * holds anything to search for. */
static char *
fts_query (char **words)
{
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!has_token (words[i]))
        continue;

      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}

/* The first entry whose folded id is not less than @folded */
static guint
lower_bound (VerkanKpiCatalog *self,
             const char       *folded)
{
  guint low = 0, high = self->n_entries;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (strcmp (self->entries[middle].folded_id, folded) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

GPtrArray *
verkan_kpi_catalog_search (VerkanKpiCatalog *self,
                           const char       *query,
                           guint             limit)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *match = NULL;
  g_auto(GStrv) words = NULL;
  GPtrArray *result = g_ptr_array_new ();
  guint want, ids_from, ids_to;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (self != NULL, result);

  want = limit == 0 ? G_MAXUINT : limit;
  normal = normalize (query != NULL ? query : "");
  folded = g_utf8_casefold (normal, -1);
  g_strstrip (folded);

  /* Nothing asked: all, in title order */
  if (*folded == '\0')
    {
      for (guint rank = 0; rank < self->n_entries && result->len < want; rank++)
        g_ptr_array_add (result, &self->entries[self->by_title[rank]].kpi);
      return result;
    }

  /* The exact id and the ids that start with the query, in id order (the
   * exact one sorts first) */
  ids_from = ids_to = lower_bound (self, folded);
  while (ids_to < self->n_entries
         && g_str_has_prefix (self->entries[ids_to].folded_id, folded))
    {
      if (result->len < want)
        g_ptr_array_add (result, &self->entries[ids_to].kpi);
      ids_to++;
    }

  words = g_strsplit_set (folded, " \t\n\r", -1);
  match = fts_query (words);
  if (match == NULL || result->len >= want)
    return result;

  /* Then every title (or id) with all the words, in title order */
  g_mutex_lock (&self->lock);
  sqlite3_bind_text (self->match, 1, match, -1, SQLITE_STATIC);
  while (result->len < want && (rc = sqlite3_step (self->match)) == SQLITE_ROW)
    {
      sqlite3_int64 rank = sqlite3_column_int64 (self->match, 0);
      guint index;

      if (rank < 0 || (guint64) rank >= self->n_entries)
        continue;
      index = self->by_title[rank];
      if (index < ids_from || index >= ids_to)
        g_ptr_array_add (result, &self->entries[index].kpi);
    }
  if (result->len < want && rc != SQLITE_DONE)
    /* Not for the user: the query is built to be valid whatever they type */
    g_warning ("KPI search for “%s” failed: %s", match, sqlite3_errmsg (self->db));
  sqlite3_reset (self->match);
  sqlite3_clear_bindings (self->match);
  g_mutex_unlock (&self->lock);

  return result;
}
