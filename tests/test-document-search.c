/* test-document-search.c: full-text search over a project's documents.
 *
 * A new project gets a handful of documents written straight into its
 * tables (blob, blob_text, document; the schema's trigger fills
 * document_fts), and the tests ask for hits, their order, their snippets
 * with the markers, Swedish case folding (ÅTGÄRD finds åtgärd, a never
 * finds ä), prefixes, all words required, and input that would be FTS5
 * syntax ("NOT", a lone quote, a star, a bracket).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "verkan-document-search.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

#define S VERKAN_SEARCH_MARK_START
#define E VERKAN_SEARCH_MARK_END

typedef struct {
  char          *dir;
  VerkanProject *project;
  gint64         ids[7];   /* by the numbers in documents[] */
} Fixture;

static const struct {
  const char *title;
  const char *text;
} documents[] = {
  { NULL, NULL },
  { "Analysunderlag för Hallsberg",
    "Åtgärder för försörjning i Hallsberg.\fSida två om kartläggning." },
  { "Enkätfrågor", "Frågor om arbete och bostad." },
  { "Minnesanteckningar",
    "Åtgärdsplanen diskuterades. Åtgärdsplanen antogs. Åtgärder följs upp." },
  { "Åtgärdsplan för Nora", "Planen gäller Nora kommun." },
  { "Ärendelista", "Ärenden och ändringar." },
  { "Uppföljning",
    "Uppföljningen gjordes under hösten med intervjuer och enkäter i tre kommuner "
    "där projektet arbetat med samverkan kring unga vuxna, och en av dem var "
    "Hallsberg, där resultaten redovisas i en egen bilaga efter sommaren." },
};

static gint64
add_document (VerkanProject *project,
              const char    *title,
              const char    *text)
{
  sqlite3 *db = verkan_project_get_db (project);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *statement;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO blob (hash, size, n_parts, complete)"
                                       " VALUES (?1, length (?2), 1, 1)",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO blob_text (hash, text, n_pages) VALUES (?1, ?2, 1)",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO document (uuid, hash, title, file_name, mime_type)"
                                       " VALUES (?1, ?2, ?3, 'x.pdf', 'application/pdf')",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, title, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);

  return sqlite3_last_insert_rowid (db);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("verkan-document-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sok.verkan", NULL);
  fixture->project = verkan_project_create (path, "Sök", &error);
  g_assert_no_error (error);
  g_assert_cmpint (verkan_project_get_schema_version (fixture->project), >=, 5);

  for (guint i = 1; i < G_N_ELEMENTS (documents); i++)
    fixture->ids[i] = add_document (fixture->project, documents[i].title, documents[i].text);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  verkan_project_close (fixture->project);
  g_object_unref (fixture->project);
  verkan_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
search (Fixture    *fixture,
        const char *query,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = verkan_document_search (fixture->project, query, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 1; i < hits->len; i++)
    {
      const VerkanDocumentHit *before = hits->pdata[i - 1], *hit = hits->pdata[i];
      g_assert_cmpfloat (before->rank, <=, hit->rank);
    }
  return hits;
}

static VerkanDocumentHit *
find_hit (GPtrArray *hits,
          gint64     id)
{
  for (guint i = 0; i < hits->len; i++)
    if (((VerkanDocumentHit *) hits->pdata[i])->document_id == id)
      return hits->pdata[i];
  return NULL;
}

/* asserts the hits are exactly the documents @numbers (-1 ended), in any order */
static void
assert_hits (Fixture    *fixture,
             const char *query,
             const int  *numbers)
{
  g_autoptr(GPtrArray) hits = search (fixture, query, 0);
  guint n = 0;

  g_test_message ("query: %s", query);
  for (; numbers[n] >= 0; n++)
    g_assert_nonnull (find_hit (hits, fixture->ids[numbers[n]]));
  g_assert_cmpuint (hits->len, ==, n);
}

static void
test_case_folding (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_hits (fixture, "ÅTGÄRD", (const int[]) { 1, 3, 4, -1 });
  assert_hits (fixture, "åtgärd", (const int[]) { 1, 3, 4, -1 });
  assert_hits (fixture, "ÄRENDEN", (const int[]) { 5, -1 });
  /* a is not ä: "ar" finds arbete and arbetat, never Ärenden or ändringar */
  assert_hits (fixture, "ar", (const int[]) { 2, 6, -1 });
  assert_hits (fixture, "a", (const int[]) { 1, 2, 3, 6, -1 });
  assert_hits (fixture, "ä", (const int[]) { 5, -1 });
  /* o is not ö */
  assert_hits (fixture, "forsorjning", (const int[]) { -1 });
  /* a decomposed å (a + combining ring) as some keyboards send it */
  assert_hits (fixture, "a\xcc\x8atg\xc3\xa4rd", (const int[]) { 1, 3, 4, -1 });
}

static void
test_prefix_and_all_words (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_hits (fixture, "försörj", (const int[]) { 1, -1 });
  assert_hits (fixture, "FÖRSÖRJNING", (const int[]) { 1, -1 });
  assert_hits (fixture, "åtgärd nora", (const int[]) { 4, -1 });
  assert_hits (fixture, "åtgärd hallsberg", (const int[]) { 1, -1 });
  assert_hits (fixture, "  Åtgärdsplanen,  antogs!  ", (const int[]) { 3, -1 });
  assert_hits (fixture, "hallsberg nora", (const int[]) { -1 });
  /* the form feed between pages is only a space to search */
  assert_hits (fixture, "hallsberg sida", (const int[]) { 1, -1 });
}

static void
test_order_and_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) hallsberg = search (fixture, "hallsberg", 0);
  g_autoptr(GPtrArray) limited = search (fixture, "a", 2);
  g_autoptr(GPtrArray) all = search (fixture, "a", 0);
  VerkanDocumentHit *first;

  /* in the title and the text beats once in a long text */
  g_assert_cmpuint (hallsberg->len, ==, 2);
  first = hallsberg->pdata[0];
  g_assert_cmpint (first->document_id, ==, fixture->ids[1]);
  g_assert_cmpstr (first->title, ==, "Analysunderlag för Hallsberg");
  g_assert_cmpint (((VerkanDocumentHit *) hallsberg->pdata[1])->document_id, ==, fixture->ids[6]);
  g_assert_cmpfloat (first->rank, <, 0);

  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpuint (limited->len, ==, 2);
  for (guint i = 0; i < limited->len; i++)
    g_assert_cmpint (((VerkanDocumentHit *) limited->pdata[i])->document_id, ==,
                     ((VerkanDocumentHit *) all->pdata[i])->document_id);
}

static void
test_snippets (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fixture, "ÅTGÄRD", 0);
  g_autoptr(GPtrArray) long_text = search (fixture, "hallsberg", 0);
  VerkanDocumentHit *hit;

  hit = find_hit (hits, fixture->ids[1]);
  g_assert_true (g_str_has_prefix (hit->snippet, S "Åtgärder" E " för försörjning"));
  hit = find_hit (hits, fixture->ids[3]);
  g_assert_cmpstr (hit->snippet, ==,
                   S "Åtgärdsplanen" E " diskuterades. " S "Åtgärdsplanen" E " antogs. "
                   S "Åtgärder" E " följs upp.");
  /* the words are only in the title: the title is the snippet */
  hit = find_hit (hits, fixture->ids[4]);
  g_assert_cmpstr (hit->title, ==, "Åtgärdsplan för Nora");
  g_assert_cmpstr (hit->snippet, ==, S "Åtgärdsplan" E " för Nora");

  /* a long text is cut around the hit, with an ellipsis */
  hit = find_hit (long_text, fixture->ids[6]);
  g_assert_nonnull (strstr (hit->snippet, S "Hallsberg" E));
  g_assert_nonnull (strstr (hit->snippet, "…"));
  g_assert_cmpuint (g_utf8_strlen (hit->snippet, -1), <, 120);
}

static void
test_odd_input (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const nothing[] = {
    "", "   ", "\"", "*", "(", ")", "NOT", "AND", "OR", "NEAR", "-", "^", ":",
    "\"\"\"", "title:", "...!?", "nora OR", "NOT nora", "\xe2\x80\xa6",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) null_query = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    assert_hits (fixture, nothing[i], (const int[]) { -1 });

  /* the marks around a word are not syntax either */
  assert_hits (fixture, "\"nora", (const int[]) { 4, -1 });
  assert_hits (fixture, "(nora)", (const int[]) { 4, -1 });
  assert_hits (fixture, "nora*", (const int[]) { 4, -1 });
  assert_hits (fixture, "title:nora", (const int[]) { -1 });  /* "title" is a word too */
  assert_hits (fixture, "-nora", (const int[]) { 4, -1 });

  null_query = verkan_document_search (fixture->project, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (null_query->len, ==, 0);
}

static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = verkan_project_get_db (fixture->project);
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("DELETE FROM document WHERE id = %" G_GINT64_FORMAT, fixture->ids[4]);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  assert_hits (fixture, "åtgärd", (const int[]) { 1, 3, -1 });

  g_free (sql);
  sql = g_strdup_printf ("UPDATE document SET title = 'Åtgärdslista' WHERE id = %" G_GINT64_FORMAT,
                         fixture->ids[5]);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  assert_hits (fixture, "åtgärd", (const int[]) { 1, 3, 5, -1 });
  assert_hits (fixture, "ärende", (const int[]) { 5, -1 });   /* still in the text */
  assert_hits (fixture, "ärendelista", (const int[]) { -1 });
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/document-search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("case-folding", test_case_folding);
  ADD ("prefix-and-all-words", test_prefix_and_all_words);
  ADD ("order-and-limit", test_order_and_limit);
  ADD ("snippets", test_snippets);
  ADD ("odd-input", test_odd_input);
  ADD ("follows-edits", test_follows_edits);
#undef ADD

  return g_test_run ();
}
