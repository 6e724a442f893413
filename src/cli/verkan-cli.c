/* verkan-cli.c: dispatching subcommands, usage and errors */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "verkan-cli.h"

typedef struct {
  const char    *name;
  VerkanCliFunc  run;
  const char    *synopsis;
  const char    *summary;
} Subcommand;

static const Subcommand subcommands[] = {
  { "new", verkan_cli_new, N_("FILE [--title TITLE]"), N_("Create a new project file") },
  { "info", verkan_cli_info, N_("FILE [--json]"), N_("Describe a project file") },
  { "model", verkan_cli_model, N_("list|render|check|export|import FILE …"),
    N_("List, draw and check the project’s logic models") },
  { "kolada", verkan_cli_kolada, N_("search|fetch|values|import FILE …"),
    N_("Find Kolada key figures, fetch their values and list what is stored") },
  { "doc", verkan_cli_doc, N_("add|list|search|extract FILE …"),
    N_("Add documents to a project, list and search them, and write one back out") },
  { "chart", verkan_cli_chart, N_("list|render FILE …"),
    N_("List the project’s charts and draw one to PNG, SVG or PDF") },
  { "export", verkan_cli_export, N_("FILE --format pdf|odt -o OUT [--no-appendices]"),
    N_("Write the report, with its appendices, as PDF or ODT") },
  { "export-xml", verkan_cli_export_xml, N_("FILE -o OUT.xml"),
    N_("Write a project in the XML exchange format") },
  { "import-xml", verkan_cli_import_xml, N_("IN.xml FILE"),
    N_("Make a new project file from the XML exchange format") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  verkan [%s]\n", _("Usage:"), _("FILE.verkan"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  verkan %s %s\n      %s\n", subcommands[i].name,
             _(subcommands[i].synopsis), _(subcommands[i].summary));
  fprintf (out, "  verkan --version\n\n%s\n",
           _("Without a subcommand, Verkan opens its window."));
}

gboolean
verkan_cli_wants (int argc, char **argv)
{
  if (argc < 2)
    return FALSE;
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "--help") ||
      g_str_equal (argv[1], "-h"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return TRUE;
  return FALSE;
}

int
verkan_cli_run (int argc, char **argv)
{
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("verkan %s\n", PACKAGE_VERSION);
      return VERKAN_CLI_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return VERKAN_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (argc - 1, argv + 1);

  print_usage (stderr);
  return VERKAN_CLI_USAGE;
}

/* Parses options and checks the count of positional arguments that remain
 * (argv[0] is the subcommand). Returns VERKAN_CLI_OK or VERKAN_CLI_USAGE. */
int
verkan_cli_parse (GOptionContext *context, int *argc, char ***argv, int n_positional)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("verkan %s: %s\n", (*argv)[0], error->message);
      return VERKAN_CLI_USAGE;
    }
  if (*argc - 1 != n_positional)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return VERKAN_CLI_USAGE;
    }
  return VERKAN_CLI_OK;
}

void
verkan_cli_print_padded (const char *text,
                         glong       width)
{
  g_print ("%s%*s", text, (int) MAX (0, width - g_utf8_strlen (text, -1)), "");
}

gint64
verkan_cli_row_id (GVariant *row)
{
  gint64 id = 0;

  g_variant_lookup (row, "id", "x", &id);
  return id;
}

const char *
verkan_cli_row_text (GVariant *row, const char *column)
{
  const char *text = NULL;

  return g_variant_lookup (row, column, "&s", &text) ? text : "";
}

GVariant *
verkan_cli_find_row (GPtrArray *rows, const char *name, guint *n_titled)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  GVariant *found = NULL;
  gint64 id = 0;

  *n_titled = 0;
  if (g_ascii_string_to_signed (name, 10, 1, G_MAXINT64, &id, NULL))
    for (guint i = 0; i < rows->len; i++)
      if (verkan_cli_row_id (g_ptr_array_index (rows, i)) == id)
        return g_ptr_array_index (rows, i);

  /* an exact title first, so "Nora" and "NORA" can both be named */
  for (guint pass = 0; pass < 2 && *n_titled == 0; pass++)
    for (guint i = 0; i < rows->len; i++)
      {
        GVariant *row = g_ptr_array_index (rows, i);
        const char *title = verkan_cli_row_text (row, "title");
        g_autofree char *folded = g_utf8_casefold (title, -1);

        if (pass == 0 ? g_str_equal (title, name) : g_str_equal (folded, wanted))
          {
            found = row;
            (*n_titled)++;
          }
      }
  return *n_titled == 1 ? found : NULL;
}

static void
print_actions (FILE                  *out,
               const char            *group,
               const VerkanCliAction *actions,
               guint                  n_actions)
{
  fprintf (out, "%s\n", _("Usage:"));
  for (guint i = 0; i < n_actions; i++)
    fprintf (out, "  verkan %s %s %s\n      %s\n", group, actions[i].name,
             _(actions[i].synopsis), _(actions[i].summary));
}

int
verkan_cli_dispatch (const char            *group,
                     const VerkanCliAction *actions,
                     guint                  n_actions,
                     const char            *unknown,
                     int                    argc,
                     char                 **argv)
{
  if (argc < 2)
    {
      print_actions (stderr, group, actions, n_actions);
      return VERKAN_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_actions (stdout, group, actions, n_actions);
      return VERKAN_CLI_OK;
    }
  for (guint i = 0; i < n_actions; i++)
    if (g_str_equal (argv[1], actions[i].name))
      {
        g_autofree char *name = g_strconcat (group, " ", actions[i].name, NULL);
        g_autofree char **args = g_new0 (char *, argc);

        args[0] = name;
        for (int k = 2; k < argc; k++)
          args[k - 1] = argv[k];
        return actions[i].run (argc - 1, args);
      }

  g_printerr ("verkan %s: %s\n", group, unknown);
  print_actions (stderr, group, actions, n_actions);
  return VERKAN_CLI_USAGE;
}

int
verkan_cli_fail (GError *error)
{
  g_printerr ("verkan: %s\n", error->message);
  return VERKAN_CLI_FAILED;
}
