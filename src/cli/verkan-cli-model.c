/* verkan-cli-model.c: verkan model list|render|check|export|import */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "verkan-cli.h"
#include "verkan-model-check.h"
#include "verkan-model-drawing.h"
#include "verkan-model-exchange.h"
#include "verkan-model-snapshot.h"
#include "verkan-municipality-catalog.h"
#include "verkan-project.h"

/* "Nora (1884)", the bare code when the catalog does not know it, or "–" */
static char *
municipality_label (const char *code)
{
  const VerkanMunicipality *municipality;

  if (code == NULL || *code == '\0')
    return g_strdup ("–");
  municipality = verkan_municipality_catalog_lookup (code);
  if (municipality == NULL)
    return g_strdup (code);
  return g_strdup_printf ("%s (%s)", municipality->name, municipality->code);
}

static char *
model_label (GVariant *row)
{
  const char *title = verkan_cli_row_text (row, "title");

  return g_strdup (*title ? title : _("Untitled logic model"));
}

static GPtrArray *
list_models (VerkanProject *project, GError **error)
{
  return verkan_project_list_rows (project, "logic_model", NULL, NULL, error);
}

/* MODEL names a model by its id or by its title (case does not matter) */
static GVariant *
find_model (GPtrArray *models, const char *name, const char *path, GError **error)
{
  guint n_found = 0;
  GVariant *found = verkan_cli_find_row (models, name, &n_found);

  if (found != NULL)
    return found;
  if (n_found > 1)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("%u logic models in %s are called “%s”: name one by its id (see verkan model list)"),
                 n_found, path, name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s has no logic model “%s” (see verkan model list)"), path, name);
  return NULL;
}

static int
model_list (int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — list the logic models of a project"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  glong widths[3] = { 0 };
  int status;

  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL || (models = list_models (project, &error)) == NULL)
    return verkan_cli_fail (error);

  for (guint i = 0; i < models->len; i++)
    {
      GVariant *row = g_ptr_array_index (models, i);
      g_autoptr(VerkanModelSnapshot) model = verkan_model_snapshot_load (project, verkan_cli_row_id (row), &error);
      g_autofree char *cards = NULL, *links = NULL, *indicators = NULL;
      char **line;

      if (model == NULL)
        return verkan_cli_fail (error);
      cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                            model->elements->len), model->elements->len);
      links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links",
                                            model->links->len), model->links->len);
      indicators = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators",
                                                 model->indicators->len), model->indicators->len);
      line = g_new0 (char *, 5);
      line[0] = g_strdup_printf ("%" G_GINT64_FORMAT, verkan_cli_row_id (row));
      line[1] = model_label (row);
      line[2] = municipality_label (model->municipality);
      line[3] = g_strdup_printf ("%s, %s, %s", cards, links, indicators);
      for (guint k = 0; k < 3; k++)
        widths[k] = MAX (widths[k], g_utf8_strlen (line[k], -1));
      g_ptr_array_add (lines, line);
    }

  if (lines->len == 0)
    {
      g_print ("%s\n", _("The project has no logic models."));
      return VERKAN_CLI_OK;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      char **line = g_ptr_array_index (lines, i);

      for (guint k = 0; k < 3; k++)
        {
          verkan_cli_print_padded (line[k], widths[k]);
          g_print ("  ");
        }
      g_print ("%s\n", line[3]);
    }
  return VERKAN_CLI_OK;
}

static int
model_render (int argc, char **argv)
{
  g_autofree char *output = NULL;
  double width = 0;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE MODEL -o OUT.png|svg|pdf — draw a logic model"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(VerkanModelSnapshot) model = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *row;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the drawing; .png, .svg or .pdf"), N_("OUT") },
    { "width", 'w', 0, G_OPTION_ARG_DOUBLE, &width,
      N_("Width in pixels (default: twice the natural size for PNG, A4 for PDF)"), N_("PX") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;
  if (output == NULL)
    {
      g_printerr ("verkan model render: %s\n",
                  _("say where to write the drawing with -o OUT.png, OUT.svg or OUT.pdf"));
      return VERKAN_CLI_USAGE;
    }
  if (width < 0 || width > 100000)
    {
      g_printerr ("verkan model render: %s\n", _("--width must be between 1 and 100000 pixels"));
      return VERKAN_CLI_USAGE;
    }

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL || (models = list_models (project, &error)) == NULL)
    return verkan_cli_fail (error);
  row = find_model (models, argv[2], argv[1], &error);
  if (row == NULL)
    return verkan_cli_fail (error);
  model = verkan_model_snapshot_load (project, verkan_cli_row_id (row), &error);
  if (model == NULL || !verkan_model_export (model, output, width, &error))
    return verkan_cli_fail (error);
  return VERKAN_CLI_OK;
}

static int
model_check (int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE [MODEL] — find the gaps in the logic models"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_problems = 0;
  int n_positional = 0;
  int status;

  /* MODEL is optional: count what is not an option (check takes none
   * with a value) */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-' || g_str_equal (argv[i], "-"))
      n_positional++;
  n_positional = CLAMP (n_positional, 1, 2);
  if ((status = verkan_cli_parse (context, &argc, &argv, n_positional)) != VERKAN_CLI_OK)
    return status;

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL || (models = list_models (project, &error)) == NULL)
    return verkan_cli_fail (error);
  if (argc == 3)
    {
      GVariant *row = find_model (models, argv[2], argv[1], &error);
      if (row == NULL)
        return verkan_cli_fail (error);
      g_ptr_array_add (chosen, row);
    }
  else
    for (guint i = 0; i < models->len; i++)
      g_ptr_array_add (chosen, g_ptr_array_index (models, i));

  if (chosen->len == 0)
    {
      g_print ("%s\n", _("The project has no logic models."));
      return VERKAN_CLI_OK;
    }

  for (guint i = 0; i < chosen->len; i++)
    {
      GVariant *row = g_ptr_array_index (chosen, i);
      g_autoptr(VerkanModelSnapshot) model = verkan_model_snapshot_load (project, verkan_cli_row_id (row), &error);
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *label = model_label (row);
      g_autofree char *id = NULL;

      if (model == NULL)
        return verkan_cli_fail (error);
      problems = verkan_model_check_run (model);
      if (i > 0)
        g_print ("\n");
      id = g_strdup_printf ("%" G_GINT64_FORMAT, verkan_cli_row_id (row));
      if (problems == NULL || problems->len == 0)
        {
          /* TRANSLATORS: a logic model's title and its id */
          g_print (_("%s (%s): no problems found\n"), label, id);
          continue;
        }
      /* TRANSLATORS: a logic model's title, its id, and how many problems */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s (%s): %u problem\n", "%s (%s): %u problems\n",
                            problems->len),
               label, id, problems->len);
      for (guint k = 0; k < problems->len; k++)
        {
          VerkanModelProblem *problem = g_ptr_array_index (problems, k);
          g_print ("  – %s\n", problem->message ? problem->message : "");
        }
      n_problems += problems->len;
    }
  return n_problems ? VERKAN_CLI_FAILED : VERKAN_CLI_OK;
}

static int
model_export (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE MODEL -o OUT.verkan — write one model to send to a municipality"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *row;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to send; an existing one is replaced"), N_("OUT.verkan") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;
  if (output == NULL)
    {
      g_printerr ("verkan model export: %s\n",
                  _("say where to write the file with -o OUT.verkan"));
      return VERKAN_CLI_USAGE;
    }

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL || (models = list_models (project, &error)) == NULL)
    return verkan_cli_fail (error);
  row = find_model (models, argv[2], argv[1], &error);
  if (row == NULL ||
      !verkan_model_exchange_export (project, verkan_cli_row_id (row), output, &error))
    return verkan_cli_fail (error);
  return VERKAN_CLI_OK;
}

/* One line, at most @max characters: long texts are cut, breaks become spaces */
static char *
one_line (const char *text, glong max)
{
  g_autofree char *flat = g_strdup (text ? text : "");
  g_autofree char *cut = NULL;

  g_strdelimit (flat, "\n\r\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max)
    return g_steal_pointer (&flat);
  cut = g_utf8_substring (flat, 0, max - 1);
  return g_strconcat (cut, "…", NULL);
}

/* "+", "~" or "-" for the kind, "!" before it for a conflict */
static void
print_change (VerkanModelChange *change)
{
  const char *mark = change->kind == VERKAN_MODEL_CHANGE_ADDED ? "+"
                   : change->kind == VERKAN_MODEL_CHANGE_EDITED ? "~" : "-";

  g_print ("%s %s %s", change->conflict ? "!" : " ", mark, change->description);
  if (change->kind == VERKAN_MODEL_CHANGE_EDITED)
    {
      g_autofree char *ours = one_line (change->ours, 40);
      g_autofree char *theirs = one_line (change->theirs, 40);

      /* TRANSLATORS: an edited value: as the project has it, and as returned */
      g_print (_(" (project: “%s”, returned: “%s”)"), ours, theirs);
    }
  g_print ("\n");
}

static int
model_import (int argc, char **argv)
{
  gboolean accept_all = FALSE;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE IN.verkan — merge a model a municipality sent back"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(VerkanModelMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "accept-all", 0, 0, G_OPTION_ARG_NONE, &accept_all,
      N_("Apply every change that is not in conflict; conflicts keep the project’s value"), NULL },
    { NULL }
  };
  GPtrArray *changes;
  guint n_conflicts, n_accepted = 0;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;

  project = verkan_project_open (argv[1], accept_all ? VERKAN_OPEN_FLAGS_NONE
                                                     : VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return verkan_cli_fail (error);
  if (accept_all && verkan_project_get_read_only (project))
    {
      g_set_error (&error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY,
                   _("%s is open in another window or cannot be written, so nothing was "
                     "imported."), argv[1]);
      return verkan_cli_fail (error);
    }
  merge = verkan_model_merge_new (project, argv[2], &error);
  if (merge == NULL)
    return verkan_cli_fail (error);

  changes = verkan_model_merge_get_changes (merge);
  n_conflicts = verkan_model_merge_count_conflicts (merge);
  if (changes->len == 0)
    {
      /* TRANSLATORS: %s is a logic model's title */
      g_print (_("%s: no changes; the returned model matches the project.\n"),
               verkan_model_merge_get_title (merge));
      return VERKAN_CLI_OK;
    }

  /* TRANSLATORS: a logic model's title and how many changes; the conflicts follow */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u change", "%s: %u changes", changes->len),
           verkan_model_merge_get_title (merge), changes->len);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %u conflict\n", ", %u conflicts\n", n_conflicts),
           n_conflicts);
  for (guint i = 0; i < changes->len; i++)
    {
      VerkanModelChange *change = g_ptr_array_index (changes, i);

      print_change (change);
      n_accepted += change->accepted;
    }

  if (!accept_all)
    {
      g_print ("\n%s\n", _("Nothing was changed. To apply the changes that are not in conflict, "
                            "run the command again with --accept-all; to choose change by "
                            "change, import the file in Verkan’s window."));
      return VERKAN_CLI_OK;
    }

  if (!verkan_model_merge_apply (merge, &error))
    return verkan_cli_fail (error);
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "Applied %u change.\n", "Applied %u changes.\n",
                        n_accepted), n_accepted);
  if (n_conflicts > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Kept the project’s version in %u conflict (marked with !).\n",
                          "Kept the project’s version in %u conflicts (marked with !).\n",
                          n_conflicts), n_conflicts);
  return VERKAN_CLI_OK;
}

static const VerkanCliAction actions[] = {
  { "list", model_list, N_("FILE"),
    N_("One line per model: id, title, municipality and counts") },
  { "render", model_render, N_("FILE MODEL -o OUT.png|svg|pdf [--width PX]"),
    N_("Draw a model, named by id or title, as PNG, SVG or PDF") },
  { "check", model_check, N_("FILE [MODEL]"),
    N_("Print the gaps in the models; exits with 1 when there are any") },
  { "export", model_export, N_("FILE MODEL -o OUT.verkan"),
    N_("Write one model to a file of its own, to send to a municipality") },
  { "import", model_import, N_("FILE IN.verkan [--accept-all]"),
    N_("Show what a municipality changed in a model it sent back; apply it with --accept-all") },
};

int
verkan_cli_model (int argc, char **argv)
{
  return verkan_cli_dispatch ("model", actions, G_N_ELEMENTS (actions),
                              _("unknown action; use list, render, check, export or import"), argc, argv);
}
