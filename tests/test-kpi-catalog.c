/* test-kpi-catalog.c: the offline catalog of Kolada KPIs: the shipped
 * catalog holds the ids the reports use, search finds them by id and by
 * Swedish words in any case, and ranks an exact id, then ids that start
 * with the query, then titles in Swedish order; whatever the user types is
 * safe; v3 records keep their metadata; the default catalog prefers the
 * user's refreshed copy while it reads well
 *
 * The tests run with XDG_CACHE_HOME in a temporary directory of their own,
 * so no developer's refreshed catalog takes part.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "verkan-format.h"
#include "verkan-kpi-catalog.h"
#include "verkan-test-util.h"

static char *
write_catalog (const char *json)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("verkan-kpi-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);

  return path;
}

static gboolean
contains_id (GPtrArray  *hits,
             const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((const VerkanKpi *) g_ptr_array_index (hits, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Whether a word of @text (letters and digits between the rest) starts
 * with @prefix, ignoring case */
static gboolean
has_word_starting (const char *text,
                   const char *prefix)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *folded_prefix = g_utf8_casefold (prefix, -1);
  gboolean at_start = TRUE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean in_word = g_unichar_isalnum (g_utf8_get_char (p));

      if (in_word && at_start && g_str_has_prefix (p, folded_prefix))
        return TRUE;
      at_start = !in_word;
    }
  return FALSE;
}

static gboolean
same_hits (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

static void
test_default_holds_report_ids (void)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  const VerkanKpi *kpi;
  const char *ids[] = { "N31807", "N31816", "N31814", "U31801", "U31809", "N31001",
                        "N31008", "N31004", "N31910", "N31848", "N01951", "N00903",
                        "N40008", "N40011", "N03920", "N03926", "N02267" };

  g_assert_nonnull (catalog);
  /* 2,998 member KPIs in the saved groups */
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (catalog), >=, 2998);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      kpi = verkan_kpi_catalog_lookup (catalog, ids[i]);
      g_assert_nonnull (kpi);
      g_assert_cmpstr (kpi->id, ==, ids[i]);
    }

  kpi = verkan_kpi_catalog_lookup (catalog, "N31807");
  g_assert_cmpstr (kpi->title, ==,
                   "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.");
  /* The id ignores case; an unknown one is NULL */
  g_assert_true (verkan_kpi_catalog_lookup (catalog, "n31807") == kpi);
  g_assert_null (verkan_kpi_catalog_lookup (catalog, "N99999x"));
  g_assert_null (verkan_kpi_catalog_lookup (catalog, NULL));
}

static gpointer
get_default_in_thread (gpointer data)
{
  return verkan_kpi_catalog_get_default ();
}

static void
test_default_is_shared (void)
{
  GThread *threads[4];
  gpointer seen[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("kpi-catalog", get_default_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    seen[i] = g_thread_join (threads[i]);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (seen[i] == verkan_kpi_catalog_get_default ());
}

static void
test_search_by_id (void)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  g_autoptr(GPtrArray) exact = verkan_kpi_catalog_search (catalog, "n31807", 0);
  g_autoptr(GPtrArray) prefix = verkan_kpi_catalog_search (catalog, "N318", 0);
  const VerkanKpi *previous = NULL;
  gboolean in_prefix = TRUE;

  g_assert_cmpuint (exact->len, >=, 1);
  g_assert_cmpstr (((const VerkanKpi *) exact->pdata[0])->id, ==, "N31807");

  /* Ids that start with "N318" first, in id order; then titles that
   * merely hold it (none here, but the order must not go back) */
  g_assert_cmpuint (prefix->len, >=, 4);
  g_assert_true (contains_id (prefix, "N31807"));
  g_assert_true (contains_id (prefix, "N31816"));
  g_assert_true (contains_id (prefix, "N31848"));
  for (guint i = 0; i < prefix->len; i++)
    {
      const VerkanKpi *kpi = prefix->pdata[i];
      gboolean starts = g_str_has_prefix (kpi->id, "N318");

      if (!starts)
        in_prefix = FALSE;
      g_assert_true (starts || !in_prefix);
      g_assert_true (in_prefix == starts);
      if (previous != NULL && starts)
        g_assert_cmpint (strcmp (previous->id, kpi->id), <, 0);
      previous = kpi;
    }
}

static void
test_search_swedish_words (void)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  g_autoptr(GPtrArray) upper = verkan_kpi_catalog_search (catalog, "BISTÅND", 0);
  g_autoptr(GPtrArray) lower = verkan_kpi_catalog_search (catalog, "bistånd", 0);
  g_autoptr(GPtrArray) words = verkan_kpi_catalog_search (catalog, "  Långvarigt   EKONOMISKT bistånd ", 0);
  g_autoptr(GPtrArray) limited = verkan_kpi_catalog_search (catalog, "bistånd", 3);
  g_autoptr(GPtrArray) none = verkan_kpi_catalog_search (catalog, "bistånd zzzqqq", 0);

  /* "BISTÅND" matches "bistånd" and "Biståndshushåll" */
  g_assert_cmpuint (upper->len, >=, 10);
  g_assert_cmpuint (upper->len, ==, lower->len);
  g_assert_true (contains_id (upper, "N31807"));
  g_assert_true (contains_id (upper, "N31910"));
  for (guint i = 0; i < upper->len; i++)
    {
      const VerkanKpi *kpi = upper->pdata[i];
      g_autofree char *folded = g_utf8_casefold (kpi->title, -1);

      g_assert_true (upper->pdata[i] == lower->pdata[i]);
      g_assert_nonnull (strstr (folded, "bistånd"));
    }

  /* Every word, in any order, anywhere in the title */
  g_assert_true (contains_id (words, "N31816"));
  g_assert_true (contains_id (words, "N31814"));
  g_assert_true (contains_id (words, "U31801"));
  g_assert_true (contains_id (words, "U31809"));
  g_assert_false (contains_id (words, "N31807"));
  for (guint i = 0; i < words->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (((const VerkanKpi *) words->pdata[i])->title, -1);

      g_assert_nonnull (strstr (folded, "långvarigt"));
      g_assert_nonnull (strstr (folded, "ekonomiskt"));
    }

  g_assert_cmpuint (limited->len, ==, 3);
  g_assert_true (limited->pdata[0] == lower->pdata[0]);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_ranking_and_swedish_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_catalog (
    "{\"values\": ["
    "{\"id\": \"X00005\", \"title\": \"Öppen verksamhet\"},"
    "{\"id\": \"X00004\", \"title\": \"Ärenden\"},"
    "{\"id\": \"X00003\", \"title\": \"Åtgärder n1\"},"
    "{\"id\": \"X00002\", \"title\": \"Zon\"},"
    "{\"id\": \"X00001\", \"title\": \"arbete\"},"
    "{\"id\": \"N10\", \"title\": \"Tio\"},"
    "{\"id\": \"N1\", \"title\": \"Ett\"},"
    "{\"title\": \"no id\"}"
    "], \"count\": 8}");
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_new_from_file (path, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  const char *title_order[] = { "arbete", "Ett", "Tio", "Zon", "Åtgärder n1", "Ärenden", "Öppen verksamhet" };

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (catalog), ==, 7);

  /* An empty query lists all by title: z before å, ä, ö */
  all = verkan_kpi_catalog_search (catalog, "", 0);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (title_order));
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (((const VerkanKpi *) all->pdata[i])->title, ==, title_order[i]);

  /* The exact id, then ids that start with it, then titles holding it */
  ranked = verkan_kpi_catalog_search (catalog, "N1", 0);
  g_assert_cmpuint (ranked->len, ==, 3);
  g_assert_cmpstr (((const VerkanKpi *) ranked->pdata[0])->id, ==, "N1");
  g_assert_cmpstr (((const VerkanKpi *) ranked->pdata[1])->id, ==, "N10");
  g_assert_cmpstr (((const VerkanKpi *) ranked->pdata[2])->id, ==, "X00003");

  verkan_kpi_catalog_free (catalog);
  g_unlink (path);
}

static void
test_bad_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_catalog ("{\"count\": 0}");
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_new_from_file (path, &error);

  g_assert_null (catalog);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_unlink (path);

  catalog = verkan_kpi_catalog_new_from_file ("/nonexistent/kpi.json", &error);
  g_assert_null (catalog);
  g_assert_nonnull (error);
}

static void
test_search_word_prefixes (void)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  g_autoptr(GPtrArray) both = verkan_kpi_catalog_search (catalog, "ekon bist", 0);
  g_autoptr(GPtrArray) reversed = verkan_kpi_catalog_search (catalog, "BIST ekon", 0);
  g_autoptr(GPtrArray) support = verkan_kpi_catalog_search (catalog, "försörjning", 0);
  g_autoptr(GPtrArray) support_upper = verkan_kpi_catalog_search (catalog, "FÖRSÖRJNING", 0);
  g_autoptr(GPtrArray) households = verkan_kpi_catalog_search (catalog, "biståndshush", 0);
  g_autoptr(GPtrArray) inside = verkan_kpi_catalog_search (catalog, "nomiskt", 0);
  g_autoptr(GPtrArray) year = verkan_kpi_catalog_search (catalog, "år", 0);
  g_autoptr(GPtrArray) code = verkan_kpi_catalog_search (catalog, "31807", 0);
  g_autoptr(GPtrArray) decomposed = verkan_kpi_catalog_search (catalog, "bista\xcc\x8a" "nd", 0);
  g_autoptr(GPtrArray) composed = verkan_kpi_catalog_search (catalog, "bistånd", 0);

  /* Each word as the start of a word of the title, in any order and case */
  g_assert_true (contains_id (both, "N31807"));
  g_assert_true (contains_id (both, "N31816"));
  g_assert_true (contains_id (both, "N31910"));
  g_assert_true (same_hits (both, reversed));
  for (guint i = 0; i < both->len; i++)
    {
      const char *title = ((const VerkanKpi *) both->pdata[i])->title;

      g_assert_true (has_word_starting (title, "ekon"));
      g_assert_true (has_word_starting (title, "bist"));
    }

  g_assert_cmpuint (support->len, >=, 5);
  g_assert_true (same_hits (support, support_upper));
  for (guint i = 0; i < support->len; i++)
    g_assert_true (has_word_starting (((const VerkanKpi *) support->pdata[i])->title, "försörjning"));

  g_assert_true (contains_id (households, "N31910"));
  /* Not from the middle of a word */
  g_assert_cmpuint (inside->len, ==, 0);
  /* å is a letter of its own: "år" does not find "arbete" */
  g_assert_cmpuint (year->len, >, 0);
  for (guint i = 0; i < year->len; i++)
    g_assert_true (has_word_starting (((const VerkanKpi *) year->pdata[i])->title, "år"));
  /* The digits of an id */
  g_assert_true (contains_id (code, "N31807"));
  /* å typed as a and a combining ring */
  g_assert_true (same_hits (decomposed, composed));
}

/* Quotes, stars, parentheses, minus signs and FTS5's words have no meaning
 * to the user: they neither break the search nor change it */
static void
test_search_odd_input (void)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  const char *nothing[] = { "\"", "*", "(", ")", "-", "\"\"", "^", ":", "{", "+", "()", "\"*\"", " - * ( ",
                            "NEAR(", "title:", "\xff\xfe" };
  struct {
    const char *odd, *plain;
  } same[] = {
    { "ekon*", "ekon" },
    { "(ekon", "ekon" },
    { "ekon)", "ekon" },
    { "\"ekon\"", "ekon" },
    { "ekon\"", "ekon" },
    { "ekon -bist", "ekon bist" },
    { "ekon - bist", "ekon bist" },
    { "ekon* (bist)", "ekon bist" },
    { "ekon \"bist", "ekon bist" },
    { "N31807)", "N31807" },
    { "bistånd \xff", "bistånd" },
  };
  const char *words[] = { "NOT", "AND", "OR", "NEAR", "not", "ekon NOT", "ekon AND bist",
                          "ekon OR bist", "NOT ekon", "title:ekon", "id:N31807", "{id}: N3",
                          "N3 NEAR(a b)" };

  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_autoptr(GPtrArray) hits = verkan_kpi_catalog_search (catalog, nothing[i], 0);

      g_assert_cmpuint (hits->len, ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(GPtrArray) odd = verkan_kpi_catalog_search (catalog, same[i].odd, 0);
      g_autoptr(GPtrArray) plain = verkan_kpi_catalog_search (catalog, same[i].plain, 0);

      g_assert_cmpuint (plain->len, >, 0);
      g_assert_true (same_hits (odd, plain));
    }

  /* The operators are words like any other: every title found holds a
   * word that starts with them (a warning from SQLite would fail the test) */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(GPtrArray) hits = verkan_kpi_catalog_search (catalog, words[i], 0);
      g_auto(GStrv) parts = g_strsplit (words[i], " ", -1);

      for (guint h = 0; h < hits->len; h++)
        {
          const VerkanKpi *kpi = hits->pdata[h];
          g_autofree char *text = g_strconcat (kpi->id, " ", kpi->title, NULL);

          for (guint w = 0; parts[w] != NULL; w++)
            {
              g_autofree char *bare = g_strdelimit (g_strdup (parts[w]), "(){}:", ' ');

              g_strstrip (bare);
              if (strchr (bare, ' ') == NULL && *bare != '\0')
                g_assert_true (has_word_starting (text, bare));
            }
        }
    }
}

static void
test_ranking_with_limit (void)
{
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_get_default ();
  g_autoptr(GPtrArray) all = verkan_kpi_catalog_search (catalog, "N3", 0);
  g_autoptr(GPtrArray) two = verkan_kpi_catalog_search (catalog, "N3", 2);
  g_autoptr(GPtrArray) words = verkan_kpi_catalog_search (catalog, "bistånd", 0);
  g_autoptr(GPtrArray) words_limited = verkan_kpi_catalog_search (catalog, "bistånd", 7);

  /* A limit cuts the same list: ids first, then titles in Swedish order */
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_true (two->pdata[0] == all->pdata[0]);
  g_assert_true (two->pdata[1] == all->pdata[1]);
  g_assert_cmpuint (words_limited->len, ==, 7);
  for (guint i = 0; i < words_limited->len; i++)
    g_assert_true (words_limited->pdata[i] == words->pdata[i]);

  for (guint i = 1; i < words->len; i++)
    {
      g_autofree char *previous = verkan_swedish_sort_key (((const VerkanKpi *) words->pdata[i - 1])->title);
      g_autofree char *current = verkan_swedish_sort_key (((const VerkanKpi *) words->pdata[i])->title);

      g_assert_cmpint (strcmp (previous, current), <=, 0);
    }
}

typedef struct {
  VerkanKpiCatalog *catalog;
  GPtrArray        *expected;
} SearchJob;

static gpointer
search_in_thread (gpointer data)
{
  SearchJob *job = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GPtrArray) hits = verkan_kpi_catalog_search (job->catalog, "ekon bist", 0);

      if (!same_hits (hits, job->expected))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_search_from_threads (void)
{
  SearchJob job = { verkan_kpi_catalog_get_default (), NULL };
  g_autoptr(GPtrArray) expected = verkan_kpi_catalog_search (job.catalog, "ekon bist", 0);
  GThread *threads[4];

  job.expected = expected;
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("kpi-search", search_in_thread, &job);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

#define V3_RECORDS \
  "{\"values\": [" \
  "{\"id\": \"N31807\", \"title\": \"Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.\"," \
  " \"description\": \"Antal invånare som någon gång under året erhållit ekonomiskt bistånd.\"," \
  " \"is_divided_by_gender\": true, \"municipality_type\": \"K\", \"auspice\": \"X\"," \
  " \"operating_area\": \"Ekonomiskt bistånd\", \"perspective\": \"Resurser\"," \
  " \"prel_publication_date\": \"2024-03-19\", \"publication_date\": \"2024-05-02\"," \
  " \"publ_period\": \"2023\", \"has_ou_data\": false}," \
  "{\"id\": \"N31008\", \"title\": \"Nettokostnad ekonomiskt bistånd, kr/inv\", \"description\": null," \
  " \"is_divided_by_gender\": false, \"municipality_type\": \"L\", \"publication_date\": \"\"," \
  " \"prel_publication_date\": null}," \
  "{\"id\": \"U31801\", \"title\": \"Mycket långvarigt\", \"description\": {\"sv\": \"no\"}," \
  " \"is_divided_by_gender\": 1, \"municipality_type\": 7, \"publication_date\": [\"2024\"]}," \
  "{\"id\": \"N31807\", \"title\": \"A second N31807, ignored\", \"is_divided_by_gender\": false}," \
  "{\"id\": 42, \"title\": \"a number for an id\"}," \
  "[\"not\", \"an\", \"object\"]" \
  "], \"count\": 6}"

static void
test_v3_metadata (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_catalog (V3_RECORDS);
  VerkanKpiCatalog *catalog = verkan_kpi_catalog_new_from_file (path, &error);
  const VerkanKpi *full, *empty, *odd;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *refreshed_at = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (catalog), ==, 3);

  full = verkan_kpi_catalog_lookup (catalog, "N31807");
  g_assert_cmpstr (full->title, ==,
                   "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.");
  g_assert_cmpstr (full->description, ==, "Antal invånare som någon gång under året erhållit ekonomiskt bistånd.");
  g_assert_true (full->is_divided_by_gender);
  g_assert_cmpstr (full->municipality_type, ==, "K");
  g_assert_cmpstr (full->publication_date, ==, "2024-05-02");
  g_assert_cmpstr (full->prel_publication_date, ==, "2024-03-19");

  /* null, empty and absent fields read as unknown */
  empty = verkan_kpi_catalog_lookup (catalog, "N31008");
  g_assert_cmpstr (empty->description, ==, "");
  g_assert_false (empty->is_divided_by_gender);
  g_assert_cmpstr (empty->municipality_type, ==, "L");
  g_assert_null (empty->publication_date);
  g_assert_null (empty->prel_publication_date);

  /* Wrong types too, without complaint */
  odd = verkan_kpi_catalog_lookup (catalog, "U31801");
  g_assert_cmpstr (odd->description, ==, "");
  g_assert_true (odd->is_divided_by_gender);
  g_assert_null (odd->municipality_type);
  g_assert_null (odd->publication_date);

  /* A file that is not the user's cache has no refresh date */
  refreshed_at = verkan_kpi_catalog_dup_refreshed_at (catalog);
  g_assert_null (refreshed_at);

  hits = verkan_kpi_catalog_search (catalog, "ekonomiskt", 0);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits->pdata[0] == full);
  g_assert_true (hits->pdata[1] == empty);

  /* The shipped catalog knows ids and titles only */
  full = verkan_kpi_catalog_lookup (verkan_kpi_catalog_get_default (), "N31807");
  g_assert_cmpstr (full->description, ==, "");
  g_assert_false (full->is_divided_by_gender);
  g_assert_null (full->municipality_type);
  g_assert_null (full->publication_date);
  g_assert_null (full->prel_publication_date);

  verkan_kpi_catalog_free (catalog);
  g_unlink (path);
}

static void
write_cache (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = verkan_kpi_catalog_cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
}

static void
test_cache_preferred (void)
{
  g_autofree char *path = verkan_kpi_catalog_cache_path ();
  g_autofree char *expected_path = g_build_filename (g_get_user_cache_dir (), "verkan", "kolada",
                                                     "kpi.json", NULL);
  VerkanKpiCatalog *shipped, *refreshed;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *shipped_at = NULL;
  g_autofree char *refreshed_at = NULL;
  g_autoptr(GPtrArray) old_hits = NULL;
  const VerkanKpi *kpi;

  g_assert_cmpstr (path, ==, expected_path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  verkan_kpi_catalog_reload_default ();
  shipped = verkan_kpi_catalog_get_default ();
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (shipped), >=, 2998);
  shipped_at = verkan_kpi_catalog_dup_refreshed_at (shipped);
  g_assert_null (shipped_at);

  /* The refresh writes the cache and asks for a reload */
  write_cache (V3_RECORDS);
  g_assert_true (verkan_kpi_catalog_get_default () == shipped);
  verkan_kpi_catalog_reload_default ();
  refreshed = verkan_kpi_catalog_get_default ();
  g_assert_true (refreshed != shipped);
  g_assert_true (verkan_kpi_catalog_get_default () == refreshed);
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (refreshed), ==, 3);
  kpi = verkan_kpi_catalog_lookup (refreshed, "N31807");
  g_assert_true (kpi->is_divided_by_gender);
  g_assert_cmpstr (kpi->publication_date, ==, "2024-05-02");
  refreshed_at = verkan_kpi_catalog_dup_refreshed_at (refreshed);
  g_assert_cmpstr (refreshed_at, ==, today);

  /* The catalog handed out before stays whole */
  old_hits = verkan_kpi_catalog_search (shipped, "n31807", 1);
  g_assert_cmpuint (old_hits->len, ==, 1);
  g_assert_cmpstr (((const VerkanKpi *) old_hits->pdata[0])->title, ==,
                   "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef.");
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (shipped), >=, 2998);

  /* Without the cache, the shipped catalog again */
  g_assert_cmpint (g_unlink (path), ==, 0);
  verkan_kpi_catalog_reload_default ();
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (verkan_kpi_catalog_get_default ()), >=, 2998);
  g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (refreshed), ==, 3);
}

static void
test_corrupt_cache (void)
{
  const char *bad[] = { "{\"values\": [{\"id\": \"N1\", \"tit", "", "{\"count\": 0}", "{\"values\": []}",
                        "\xff\xfe\x00" };
  g_autofree char *path = verkan_kpi_catalog_cache_path ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      VerkanKpiCatalog *catalog;
      g_autofree char *refreshed_at = NULL;

      write_cache (bad[i]);
      verkan_kpi_catalog_reload_default ();
      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*shipped KPI catalog*kpi.json*");
      catalog = verkan_kpi_catalog_get_default ();
      g_test_assert_expected_messages ();

      g_assert_cmpuint (verkan_kpi_catalog_get_n_kpis (catalog), >=, 2998);
      g_assert_nonnull (verkan_kpi_catalog_lookup (catalog, "N31807"));
      refreshed_at = verkan_kpi_catalog_dup_refreshed_at (catalog);
      g_assert_null (refreshed_at);
    }

  g_unlink (path);
  verkan_kpi_catalog_reload_default ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_dir_make_tmp ("verkan-kpi-cache-XXXXXX", &error);
  g_autofree char *verkan_dir = NULL;
  g_autofree char *kolada_dir = NULL;
  int status;

  /* Before anything asks GLib for the cache directory, which it reads once
   * (G_TEST_OPTION_ISOLATE_DIRS would do, but leaks by design under LSan) */
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  verkan_dir = g_build_filename (cache, "verkan", NULL);
  kolada_dir = g_build_filename (verkan_dir, "kolada", NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi-catalog/default-holds-report-ids", test_default_holds_report_ids);
  g_test_add_func ("/kpi-catalog/default-is-shared", test_default_is_shared);
  g_test_add_func ("/kpi-catalog/search-by-id", test_search_by_id);
  g_test_add_func ("/kpi-catalog/search-swedish-words", test_search_swedish_words);
  g_test_add_func ("/kpi-catalog/ranking-and-swedish-order", test_ranking_and_swedish_order);
  g_test_add_func ("/kpi-catalog/bad-file", test_bad_file);
  g_test_add_func ("/kpi-catalog/search-word-prefixes", test_search_word_prefixes);
  g_test_add_func ("/kpi-catalog/search-odd-input", test_search_odd_input);
  g_test_add_func ("/kpi-catalog/ranking-with-limit", test_ranking_with_limit);
  g_test_add_func ("/kpi-catalog/search-from-threads", test_search_from_threads);
  g_test_add_func ("/kpi-catalog/v3-metadata", test_v3_metadata);
  g_test_add_func ("/kpi-catalog/cache-preferred", test_cache_preferred);
  g_test_add_func ("/kpi-catalog/corrupt-cache", test_corrupt_cache);

  status = g_test_run ();

  g_rmdir (kolada_dir);
  g_rmdir (verkan_dir);
  g_rmdir (cache);

  return status;
}
