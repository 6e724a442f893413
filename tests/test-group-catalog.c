/* test-group-catalog.c: Kolada's municipality groups as shipped: the
 * similar-municipality groups of every municipality, Alla kommuner, län and
 * kommungrupper; lookups, search and the labels legends use
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "verkan-group-catalog.h"
#include "verkan-test-util.h"

static gboolean
contains_group (GPtrArray  *groups,
                const char *id)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((const VerkanMunicipalityGroup *) g_ptr_array_index (groups, i))->id, id))
      return TRUE;
  return FALSE;
}

static void
test_group_new_copy_free (void)
{
  const char *members[] = { "1861", "1880", NULL };
  g_autoptr(VerkanMunicipalityGroup) group = verkan_municipality_group_new ("G1", "Två", members);
  g_autoptr(VerkanMunicipalityGroup) copy = verkan_municipality_group_copy (group);
  g_autoptr(VerkanMunicipalityGroup) empty = verkan_municipality_group_new ("G2", "Inga", NULL);

  g_assert_cmpstr (copy->id, ==, "G1");
  g_assert_cmpstr (copy->title, ==, "Två");
  g_assert_cmpuint (g_strv_length (copy->members), ==, 2);
  g_assert_cmpstr (copy->members[1], ==, "1880");
  g_assert_true (copy->members != group->members);
  g_assert_nonnull (empty->members);
  g_assert_null (empty->members[0]);
  g_assert_null (verkan_municipality_group_copy (NULL));
  verkan_municipality_group_free (NULL);
}

static void
test_lookup (void)
{
  const VerkanMunicipalityGroup *hallsberg = verkan_group_catalog_lookup ("G175966");
  const VerkanMunicipalityGroup *all = verkan_group_catalog_lookup (VERKAN_GROUP_ALL_MUNICIPALITIES);
  const VerkanMunicipalityGroup *ifo = verkan_group_catalog_lookup ("G36510");
  const char *expected[] = { "0192", "0331", "0381", "0562", "1907", "2462", "2463" };

  /* Seven municipalities much like Hallsberg, not Hallsberg itself */
  g_assert_nonnull (hallsberg);
  g_assert_cmpstr (hallsberg->title, ==, "Liknande kommuner ekonomiskt bistånd, Hallsberg, 2022");
  g_assert_cmpuint (g_strv_length (hallsberg->members), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char *const *) hallsberg->members, expected[i]));
  g_assert_false (g_strv_contains ((const char *const *) hallsberg->members, "1861"));

  g_assert_nonnull (all);
  g_assert_cmpstr (all->title, ==, "Alla kommuner (ovägt medel)");
  g_assert_cmpuint (g_strv_length (all->members), ==, 290);
  g_assert_true (g_strv_contains ((const char *const *) all->members, "1861"));

  g_assert_nonnull (ifo);
  g_assert_cmpstr (ifo->title, ==, "Liknande kommuner IFO, Hallsberg, 2022");

  /* The lists are owned by the catalog: the same each time */
  g_assert_true (verkan_group_catalog_lookup ("G175966") == hallsberg);
  g_assert_null (verkan_group_catalog_lookup ("G0"));
  g_assert_null (verkan_group_catalog_lookup (""));
  g_assert_null (verkan_group_catalog_lookup (NULL));
}

static void
test_similar_for (void)
{
  const char *codes[] = { "1861", "1863", "1884", "1880", "1490", "0381", "2280", "0180", "2583" };
  const VerkanMunicipalityGroup *group;

  group = verkan_group_catalog_similar_for ("1861");
  g_assert_nonnull (group);
  g_assert_cmpstr (group->id, ==, "G175966");

  /* Every municipality in the reports has one, titled by its name */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      group = verkan_group_catalog_similar_for (codes[i]);
      g_assert_nonnull (group);
      g_assert_true (g_str_has_prefix (group->title, "Liknande kommuner ekonomiskt bistånd, "));
      g_assert_true (g_str_has_suffix (group->title, ", 2022"));
    }
  g_assert_cmpstr (verkan_group_catalog_similar_for ("1880")->title, ==,
                   "Liknande kommuner ekonomiskt bistånd, Örebro, 2022");

  /* Riket, a region and unknown codes have none */
  g_assert_null (verkan_group_catalog_similar_for ("0000"));
  g_assert_null (verkan_group_catalog_similar_for ("0018"));
  g_assert_null (verkan_group_catalog_similar_for ("9999"));
  g_assert_null (verkan_group_catalog_similar_for (NULL));
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) hallsberg = verkan_group_catalog_search ("hallsberg", 0);
  g_autoptr(GPtrArray) upper = verkan_group_catalog_search ("ÖREBRO LÄNS", 0);
  g_autoptr(GPtrArray) words = verkan_group_catalog_search ("  bistånd   örebro ", 0);
  g_autoptr(GPtrArray) all = verkan_group_catalog_search ("", 0);
  g_autoptr(GPtrArray) limited = verkan_group_catalog_search ("liknande", 5);
  g_autoptr(GPtrArray) none = verkan_group_catalog_search ("hallsberg zzzqqq", 0);

  /* Both kinds of similar-municipality group Verkan keeps */
  g_assert_cmpuint (hallsberg->len, ==, 2);
  g_assert_true (contains_group (hallsberg, "G175966"));
  g_assert_true (contains_group (hallsberg, "G36510"));

  /* "Örebro läns kommuner (ovägt medel)", in any case */
  g_assert_cmpuint (upper->len, ==, 1);
  g_assert_cmpstr (((const VerkanMunicipalityGroup *) upper->pdata[0])->title, ==,
                   "Örebro läns kommuner (ovägt medel)");

  g_assert_cmpuint (words->len, ==, 1);
  g_assert_cmpstr (((const VerkanMunicipalityGroup *) words->pdata[0])->title, ==,
                   "Liknande kommuner ekonomiskt bistånd, Örebro, 2022");

  /* 290 of each similar kind, Alla kommuner, län, kommungrupper, networks,
   * and none of the other similar kinds */
  g_assert_cmpuint (all->len, >, 580 + 21);
  g_assert_true (contains_group (all, VERKAN_GROUP_ALL_MUNICIPALITIES));
  for (guint i = 0; i < all->len; i++)
    {
      const VerkanMunicipalityGroup *group = all->pdata[i];

      g_assert_true (!g_str_has_prefix (group->title, "Liknande")
                     || g_str_has_prefix (group->title, "Liknande kommuner ekonomiskt bistånd, ")
                     || g_str_has_prefix (group->title, "Liknande kommuner IFO, "));
    }

  g_assert_cmpuint (limited->len, ==, 5);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_labels (void)
{
  struct {
    const char *id, *label, *short_label;
  } cases[] = {
    { "0000", "Riket", "Riket" },
    { "1861", "Hallsberg", "Hallsberg" },
    { "1880", "Örebro", "Örebro" },
    { "0018", "Region Örebro län", "Region Örebro län" },
    { "G175966", "Liknande kommuner ekonomiskt bistånd, Hallsberg, 2022", "Liknande kommuner (Hallsberg)" },
    { "G36510", "Liknande kommuner IFO, Hallsberg, 2022", "Liknande kommuner IFO (Hallsberg)" },
    { "G2328", "Alla kommuner (ovägt medel)", "Alla kommuner" },
    { "G9999999", "G9999999", "G9999999" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = verkan_kolada_area_label (cases[i].id);
      g_autofree char *short_label = verkan_kolada_area_short_label (cases[i].id);

      g_assert_cmpstr (label, ==, cases[i].label);
      g_assert_cmpstr (short_label, ==, cases[i].short_label);
    }

  /* A län group keeps its title */
  {
    g_autoptr(GPtrArray) lan = verkan_group_catalog_search ("Örebro läns kommuner", 1);
    const VerkanMunicipalityGroup *group = lan->pdata[0];
    g_autofree char *short_label = verkan_kolada_area_short_label (group->id);

    g_assert_cmpstr (short_label, ==, "Örebro läns kommuner (ovägt medel)");
  }
}

static gpointer
similar_in_thread (gpointer data)
{
  return (gpointer) verkan_group_catalog_similar_for (data);
}

/* The first use may come from several threads at once */
static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("groups", similar_in_thread, (gpointer) "1861");
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (g_thread_join (threads[i]) == verkan_group_catalog_lookup ("G175966"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/group-catalog/threads", test_threads);
  g_test_add_func ("/group-catalog/group-new-copy-free", test_group_new_copy_free);
  g_test_add_func ("/group-catalog/lookup", test_lookup);
  g_test_add_func ("/group-catalog/similar-for", test_similar_for);
  g_test_add_func ("/group-catalog/search", test_search);
  g_test_add_func ("/group-catalog/labels", test_labels);

  return g_test_run ();
}
