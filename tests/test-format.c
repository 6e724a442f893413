/* test-format.c: Swedish numbers and dates, and the municipality catalog */
#include "verkan-format.h"
#include "verkan-municipality-catalog.h"
#include "verkan-vocabulary.h"

#define NBSP "\xc2\xa0"

static void
assert_number (double value, int decimals, const char *expected)
{
  g_autofree char *text = verkan_format_number (value, decimals);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_numbers (void)
{
  double value = 0;

  assert_number (1284.5, 1, "1" NBSP "284,5");
  assert_number (1284.5, -1, "1" NBSP "284,5");
  assert_number (96.5, -1, "96,5");
  assert_number (120, -1, "120");
  assert_number (0.25, -1, "0,25");
  assert_number (1234567, 0, "1" NBSP "234" NBSP "567");
  assert_number (-4.44, 1, "−4,4");
  assert_number (-0.01, 1, "0,0");
  assert_number (999.96, 1, "1" NBSP "000,0");

  {
    g_autofree char *percent = verkan_format_percent (4.4, 1);
    g_assert_cmpstr (percent, ==, "4,4" NBSP "%");
  }

  g_assert_true (verkan_parse_number ("1 284,5", &value));
  g_assert_cmpfloat (value, ==, 1284.5);
  g_assert_true (verkan_parse_number ("1" NBSP "284,5", &value));
  g_assert_cmpfloat (value, ==, 1284.5);
  g_assert_true (verkan_parse_number ("1284.5", &value));
  g_assert_cmpfloat (value, ==, 1284.5);
  g_assert_true (verkan_parse_number ("−3", &value));
  g_assert_cmpfloat (value, ==, -3);
  g_assert_false (verkan_parse_number ("", &value));
  g_assert_false (verkan_parse_number ("12,5,3", &value));
  g_assert_false (verkan_parse_number ("tolv", &value));
  g_assert_false (verkan_parse_number ("1e5", &value));
}

static void
test_dates (void)
{
  g_assert_true (verkan_date_is_valid ("2022-08-16"));
  g_assert_true (verkan_date_is_valid ("2024-02-29"));
  g_assert_false (verkan_date_is_valid ("2023-02-29"));
  g_assert_false (verkan_date_is_valid ("2022-8-16"));
  g_assert_false (verkan_date_is_valid ("16/08/2022"));
  g_assert_false (verkan_date_is_valid (""));
  g_assert_false (verkan_date_is_valid (NULL));
}

static void
test_catalog (void)
{
  guint n = 0, municipalities = 0;
  const VerkanMunicipality *all = verkan_municipality_catalog_get_all (&n);
  const VerkanMunicipality *m;
  int aneby = -1, orebro = -1, osteraker = -1;

  for (guint i = 0; i < n; i++)
    {
      if (all[i].kind == 'K')
        municipalities++;
      if (g_str_equal (all[i].name, "Aneby")) aneby = i;
      if (g_str_equal (all[i].name, "Örebro")) orebro = i;
      if (g_str_equal (all[i].name, "Österåker")) osteraker = i;
    }
  g_assert_cmpuint (municipalities, ==, 290);
  /* Swedish order: Ö after every other letter, Öre before Öst */
  g_assert_cmpint (aneby, <, orebro);
  g_assert_cmpint (orebro, <, osteraker);
  g_assert_cmpint (orebro, >, (int) n - 10);

  m = verkan_municipality_catalog_lookup ("1861");
  g_assert_nonnull (m);
  g_assert_cmpstr (m->name, ==, "Hallsberg");
  m = verkan_municipality_catalog_find ("hällefors");
  g_assert_nonnull (m);
  g_assert_cmpstr (m->code, ==, "1863");
  m = verkan_municipality_catalog_lookup ("0000");
  g_assert_nonnull (m);
  g_assert_cmpint (m->kind, ==, 'L');
  g_assert_null (verkan_municipality_catalog_lookup ("9999"));
}

static void
test_vocabulary (void)
{
  guint n = 0;

  verkan_vocabulary_terms (VERKAN_VOCABULARY_PERSON_ROLE, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_true (verkan_vocabulary_has (VERKAN_VOCABULARY_GOAL_STATUS, "partly-achieved"));
  g_assert_false (verkan_vocabulary_has (VERKAN_VOCABULARY_GOAL_STATUS, "delvis"));
  g_assert_cmpstr (verkan_vocabulary_label (VERKAN_VOCABULARY_GOAL_KIND, "effect-goal"), ==,
                   "Effect goal");
}

/* Swedish order whatever the locale: å ä ö after z (also after "zo"),
 * case folded, é with e */
static void
test_swedish_sort_key (void)
{
  const char *ordered[] = { "Ale", "Eda", "Éva", "Hallsberg", "Zorn", "Åmål", "Älmhult", "Örebro" };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (ordered); i++)
    {
      g_autofree char *a = verkan_swedish_sort_key (ordered[i]);
      g_autofree char *b = verkan_swedish_sort_key (ordered[i + 1]);

      g_assert_cmpint (strcmp (a, b), <, 0);
    }
  {
    g_autofree char *upper = verkan_swedish_sort_key ("ÖREBRO");
    g_autofree char *lower = verkan_swedish_sort_key ("örebro");

    g_assert_cmpstr (upper, ==, lower);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/municipality-catalog", test_catalog);
  g_test_add_func ("/format/vocabulary", test_vocabulary);
  g_test_add_func ("/format/swedish-sort-key", test_swedish_sort_key);
  return g_test_run ();
}
