/* bench-kpi-search.c: how fast the KPI catalog answers while someone types.
 *
 * Builds a catalog of 6,000 KPIs, about twice Kolada's 2,998 shipped ones:
 * the shipped KPIs plus variants of them (the same titles split by gender,
 * age or form of operation, as Kolada's own families of KPIs look), written
 * to a temporary JSON file and loaded with verkan_kpi_catalog_new_from_file.
 * Then types "ekonomiskt bistånd långvarigt" one keystroke at a time, each
 * prefix a search, with a limit of 50 (a list that shows the first
 * screenful) and 0 (all), and prints the median and the worst time per
 * keystroke, and the time the catalog took to load (reading the JSON and
 * building the FTS5 index).  The target is under 5 ms a keystroke.
 * Figures, not assertions: the machines are shared and noisy.
 */
#include "bench-stats.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "verkan-kpi-catalog.h"

#define N_KPIS   6000
#define ROUNDS   20
#define TYPED    "ekonomiskt bistånd långvarigt"

static const char *variants[] = {
  ", kvinnor", ", män", ", 18-24 år", ", 25-64 år", ", 65+ år", ", egen regi",
  ", extern regi", " (exkl. flyktinghushåll)", ", förändring sedan föregående år",
  ", jämförelse med liknande kommuner",
};

static char *
write_catalog (VerkanKpiCatalog *shipped)
{
  g_autoptr(GPtrArray) all = verkan_kpi_catalog_search (shipped, "", 0);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  guint written = 0;
  int fd;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint round = 0; written < N_KPIS; round++)
    for (guint i = 0; i < all->len && written < N_KPIS; i++, written++)
      {
        const VerkanKpi *kpi = all->pdata[i];
        g_autofree char *id = NULL;
        g_autofree char *title = NULL;

        if (round == 0)
          {
            id = g_strdup (kpi->id);
            title = g_strdup (kpi->title);
          }
        else
          {
            id = g_strdup_printf ("V%u%s", round, kpi->id);
            title = g_strconcat (kpi->title, variants[(i + round) % G_N_ELEMENTS (variants)], NULL);
          }

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_string_value (builder, id);
        json_builder_set_member_name (builder, "title");
        json_builder_add_string_value (builder, title);
        json_builder_set_member_name (builder, "description");
        json_builder_add_string_value (builder, title);
        json_builder_set_member_name (builder, "is_divided_by_gender");
        json_builder_add_boolean_value (builder, i % 3 == 0);
        json_builder_set_member_name (builder, "municipality_type");
        json_builder_add_string_value (builder, "K");
        json_builder_set_member_name (builder, "publication_date");
        json_builder_add_string_value (builder, "2024-05-02");
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, written);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  fd = g_file_open_tmp ("bench-kpi-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  return path;
}

/* Types TYPED into a search with @limit, @rounds times; the time of each
 * keystroke's search, in ms, goes to @samples */
static guint
type_query (VerkanKpiCatalog *catalog,
            guint             limit,
            GArray           *samples)
{
  guint last_hits = 0;

  for (guint round = 0; round < ROUNDS; round++)
    for (const char *end = g_utf8_next_char (TYPED); ; end = g_utf8_next_char (end))
      {
        g_autofree char *prefix = g_strndup (TYPED, end - TYPED);
        gint64 start = g_get_monotonic_time ();
        g_autoptr(GPtrArray) hits = verkan_kpi_catalog_search (catalog, prefix, limit);
        double ms = (g_get_monotonic_time () - start) / 1000.0;

        g_array_append_val (samples, ms);
        last_hits = hits->len;
        if (*end == '\0')
          break;
      }

  return last_hits;
}

int
main (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  VerkanKpiCatalog *shipped, *catalog;
  guint limits[] = { 50, 0 };
  gint64 start;
  double load_ms;

  /* The catalog a user's first search loads (no refreshed copy in the cache) */
  g_setenv ("XDG_CACHE_HOME", "/nonexistent", TRUE);
  start = g_get_monotonic_time ();
  shipped = verkan_kpi_catalog_get_default ();
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  path = write_catalog (shipped);

  /* printf, not g_print: the figures keep their å whatever the locale */
  printf ("shipped catalog: %u KPIs, loaded and indexed in %.1f ms\n",
          verkan_kpi_catalog_get_n_kpis (shipped), load_ms);

  start = g_get_monotonic_time ();
  catalog = verkan_kpi_catalog_new_from_file (path, &error);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_unlink (path);

  printf ("bench catalog: %u KPIs, loaded and indexed in %.1f ms\n",
           verkan_kpi_catalog_get_n_kpis (catalog), load_ms);
  printf ("typing \"%s\", %lu keystrokes, %u rounds (target: < 5 ms a keystroke)\n",
           TYPED, (unsigned long) g_utf8_strlen (TYPED, -1), ROUNDS);

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      guint hits = type_query (catalog, limits[i], samples);
      double median = bench_median (samples);
      double max = g_array_index (samples, double, samples->len - 1);

      printf ("  limit %2u: median %.3f ms, max %.3f ms a keystroke (%u hits for the whole text)\n",
               limits[i], median, max, hits);
    }

  /* The worst case: one letter, every title with a word that starts with it */
  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
    guint hits = 0;

    for (guint round = 0; round < ROUNDS; round++)
      {
        gint64 t = g_get_monotonic_time ();
        g_autoptr(GPtrArray) found = verkan_kpi_catalog_search (catalog, "a", 0);
        double ms = (g_get_monotonic_time () - t) / 1000.0;

        g_array_append_val (samples, ms);
        hits = found->len;
      }
    printf ("  \"a\", limit 0: median %.3f ms (%u hits)\n", bench_median (samples), hits);
  }

  verkan_kpi_catalog_free (catalog);
  return 0;
}
