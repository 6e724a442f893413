/* bench-project.c: how fast a large project opens and takes an edit.
 *
 * Builds a project with 50 goals, 200 people, 100 milestones and 100
 * resources, then prints the median of many runs of
 *   - opening the file and loading every list the overview shows, and
 *   - committing one edit (one transaction, one undo step).
 * Figures, not assertions: the machines are shared and noisy. */
#include <glib/gstdio.h>

#include "bench-stats.h"

#include "verkan-project.h"
#include "verkan-record-list.h"

#define OPEN_RUNS 40
#define EDIT_RUNS 400

static const char *const overview_tables[] = {
  "project", "municipality", "person", "milestone", "resource",
};

static void
add (VerkanProject *project, VerkanCommand *command, const char *table, GVariantDict *row)
{
  verkan_command_insert (command, table, g_variant_dict_end (row));
}

static void
build_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (path, "Bänkprojekt", &error);
  g_autoptr(VerkanCommand) command = verkan_command_new ("fill");
  const char *codes[] = { "1861", "1863", "1884", "1880" };
  const char *names[] = { "Hallsberg", "Hällefors", "Nora", "Örebro" };
  const char *roles[] = { "project-owner", "steering-group", "project-leader", "project-group",
                          "reference-group", "contact-person" };
  GVariantDict row;

  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "code", "s", codes[i]);
      g_variant_dict_insert (&row, "name", "s", names[i]);
      add (project, command, "municipality", &row);
    }
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("Mål %u: kommunerna har fått bättre förutsättningar "
                                               "att följa upp insatser för egen försörjning.", i + 1);
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "kind", "s", i % 3 ? "project-goal" : "effect-goal");
      g_variant_dict_insert (&row, "text", "s", text);
      g_variant_dict_insert (&row, "outcome", "s", "Målet är delvis uppfyllt enligt enkäten.");
      g_variant_dict_insert (&row, "survey_full", "x", (gint64) i % 7);
      add (project, command, "goal", &row);
    }
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i + 1);
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "name", "s", name);
      g_variant_dict_insert (&row, "role", "s", roles[i % 6]);
      g_variant_dict_insert (&row, "organisation", "s", "Socialförvaltningen");
      g_variant_dict_insert (&row, "municipality", "s", codes[i % 4]);
      add (project, command, "person", &row);
    }
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *title = g_strdup_printf ("Delmoment %u", i + 1);
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "title", "s", title);
      g_variant_dict_insert (&row, "planned_start", "s", "2021-09-01");
      g_variant_dict_insert (&row, "planned_end", "s", "2022-06-30");
      add (project, command, "milestone", &row);
    }
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *function = g_strdup_printf ("Funktion %u", i + 1);
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "function", "s", function);
      g_variant_dict_insert (&row, "planned_hours", "d", 120.0 + i);
      g_variant_dict_insert (&row, "actual_hours", "d", 96.5 + i);
      add (project, command, "resource", &row);
    }
  verkan_project_execute (project, command, &error);
  g_assert_no_error (error);
}

static guint
load_overview (VerkanProject *project)
{
  guint items = 0;

  for (guint i = 0; i < G_N_ELEMENTS (overview_tables); i++)
    {
      g_autoptr(VerkanRecordList) list = verkan_record_list_new (project, overview_tables[i], NULL, NULL);
      items += g_list_model_get_n_items (G_LIST_MODEL (list));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(VerkanRecordList) goals =
        verkan_record_list_new (project, "goal", "kind",
                                g_variant_new_string (i ? "effect-goal" : "project-goal"));
      items += g_list_model_get_n_items (G_LIST_MODEL (goals));
    }
  return items;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.verkan", NULL);
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VerkanProject) project = NULL;
  guint items = 0;

  g_assert_no_error (error);
  build_project (path);

  for (guint run = 0; run < OPEN_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      VerkanProject *opened = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
      double ms;

      g_assert_no_error (error);
      items = load_overview (opened);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (open_ms, ms);
      g_object_unref (opened);
    }

  project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  for (guint run = 0; run < EDIT_RUNS; run++)
    {
      g_autoptr(VerkanCommand) command = verkan_command_new ("bench");
      g_autofree char *text = g_strdup_printf ("Ändrad text %u", run);
      gint64 start;
      double ms;

      verkan_command_update (command, "goal", 1 + run % 50, "text", g_variant_new_string (text));
      start = g_get_monotonic_time ();
      verkan_project_execute (project, command, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (edit_ms, ms);
    }
  g_clear_object (&project);

  g_print ("project: 50 goals, 200 people, 100 milestones, 100 resources (%u rows in the overview)\n",
           items);
  g_print ("open + load overview: median %.2f ms over %d runs (target < 30 ms)\n",
           bench_median (open_ms), OPEN_RUNS);
  g_print ("one edit committed:   median %.3f ms over %d edits (target < 2 ms)\n",
           bench_median (edit_ms), EDIT_RUNS);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
