/* verkan-cli-project.c: verkan new, verkan info */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "verkan-cli.h"
#include "verkan-project.h"
#include "verkan-report-edit.h"

int
verkan_cli_new (int argc, char **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *template = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — create a new project file"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("The project’s title"), N_("TITLE") },
    /* Translators: "sv", "en" and "none" are typed as they are */
    { "template", 0, 0, G_OPTION_ARG_STRING, &template,
      N_("The report template: sv (default), en, or none for an empty report"), N_("NAME") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  if (template == NULL)
    template = g_strdup ("sv");
  if (g_strcmp0 (template, "none") != 0)
    {
      g_auto(GStrv) names = verkan_report_list_templates ();

      if (!g_strv_contains ((const char *const *) names, template))
        {
          g_autofree char *list = g_strjoinv (", ", names);
          /* Translators: the second %s lists the template names */
          g_printerr (_("There is no report template “%s”. Use one of: %s, none.\n"),
                      template, list);
          return VERKAN_CLI_USAGE;
        }
    }

  project = verkan_project_create (argv[1], title ? title : _("New project"), &error);
  if (project == NULL)
    return verkan_cli_fail (error);
  if (g_strcmp0 (template, "none") != 0 &&
      !verkan_report_apply_template (project, template, &error))
    return verkan_cli_fail (error);
  return VERKAN_CLI_OK;
}

typedef struct {
  const char *table;
  const char *json_name;
  const char *label;
} Count;

static const Count counts[] = {
  { "goal", "goals", N_("Goals") },
  { "person", "people", N_("People") },
  { "milestone", "milestones", N_("Milestones") },
  { "resource", "resources", N_("Resources") },
  { "logic_model", "logic_models", N_("Logic models") },
};

static gint64
count_goals (VerkanProject *project, const char *kind)
{
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "goal", "kind",
                                                        g_variant_new_string (kind), NULL);
  return rows ? (gint64) rows->len : 0;
}

static void
print_json (VerkanProject *project, GPtrArray *municipalities, const char *title)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, verkan_project_get_path (project));
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, verkan_project_get_schema_version (project));

  json_builder_set_member_name (builder, "municipalities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < municipalities->len; i++)
    {
      GVariant *row = g_ptr_array_index (municipalities, i);
      const char *code = "", *name = "";

      g_variant_lookup (row, "code", "&s", &code);
      g_variant_lookup (row, "name", "&s", &name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].json_name);
      json_builder_add_int_value (builder, verkan_project_count (project, counts[i].table));
    }
  json_builder_set_member_name (builder, "project_goals");
  json_builder_add_int_value (builder, count_goals (project, "project-goal"));
  json_builder_set_member_name (builder, "effect_goals");
  json_builder_add_int_value (builder, count_goals (project, "effect-goal"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Pads by characters, not bytes, so "Mål:" lines up with "Titel:" */
static void
print_field (const char *label, const char *value)
{
  glong width = g_utf8_strlen (label, -1);

  g_print ("%s%*s %s\n", label, (int) MAX (0, 16 - width), "", value);
}

static void
print_text (VerkanProject *project, GPtrArray *municipalities, const char *title)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *version = g_strdup_printf ("%d", verkan_project_get_schema_version (project));
  g_autofree char *goals = NULL;
  int project_goals = (int) count_goals (project, "project-goal");
  int effect_goals = (int) count_goals (project, "effect-goal");
  g_autofree char *project_part = NULL;
  g_autofree char *effect_part = NULL;

  for (guint i = 0; i < municipalities->len; i++)
    {
      GVariant *row = g_ptr_array_index (municipalities, i);
      const char *code = "", *name = "";

      g_variant_lookup (row, "code", "&s", &code);
      g_variant_lookup (row, "name", "&s", &name);
      g_string_append_printf (names, "%s%s (%s)", i ? ", " : "", name, code);
    }

  project_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d project goal",
                                               "%d project goals", project_goals), project_goals);
  effect_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d effect goal",
                                              "%d effect goals", effect_goals), effect_goals);
  goals = g_strdup_printf ("%d (%s, %s)", project_goals + effect_goals, project_part, effect_part);

  print_field (_("Title:"), title);
  print_field (_("File:"), verkan_project_get_path (project));
  print_field (_("File format:"), version);
  print_field (_("Municipalities:"), names->len ? names->str : "–");
  print_field (_("Goals:"), goals);
  for (guint i = 1; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *label = g_strconcat (_(counts[i].label), ":", NULL);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                verkan_project_count (project, counts[i].table));
      print_field (label, count);
    }
}

int
verkan_cli_info (int argc, char **argv)
{
  gboolean as_json = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — describe a project file"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return verkan_cli_fail (error);
  municipalities = verkan_project_list_rows (project, "municipality", NULL, NULL, &error);
  if (municipalities == NULL)
    return verkan_cli_fail (error);
  title = verkan_project_dup_title (project);

  if (as_json)
    print_json (project, municipalities, title);
  else
    print_text (project, municipalities, title);
  return VERKAN_CLI_OK;
}
