/* test-kpi-catalog.c: the offline catalog of Kolada KPIs: the shipped
 * catalog holds the ids the reports use, search finds them by id and by
 * Swedish words in any case, and ranks an exact id, then ids that start
 * with the query, then titles in Swedish order
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi-catalog/default-holds-report-ids", test_default_holds_report_ids);
  g_test_add_func ("/kpi-catalog/default-is-shared", test_default_is_shared);
  g_test_add_func ("/kpi-catalog/search-by-id", test_search_by_id);
  g_test_add_func ("/kpi-catalog/search-swedish-words", test_search_swedish_words);
  g_test_add_func ("/kpi-catalog/ranking-and-swedish-order", test_ranking_and_swedish_order);
  g_test_add_func ("/kpi-catalog/bad-file", test_bad_file);

  return g_test_run ();
}
