/* verkan-cli-xml.c: verkan export-xml, verkan import-xml */
#include "config.h"

#include <glib/gi18n.h>

#include "verkan-cli.h"
#include "verkan-xml.h"

int
verkan_cli_export_xml (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE -o OUT.xml — write a project as XML"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the XML"), N_("OUT.xml") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;
  if (output == NULL)
    {
      g_printerr ("verkan export-xml: %s\n", _("say where to write the XML with -o OUT.xml"));
      return VERKAN_CLI_USAGE;
    }

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL || !verkan_xml_export (project, output, &error))
    return verkan_cli_fail (error);
  return VERKAN_CLI_OK;
}

int
verkan_cli_import_xml (int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("IN.xml FILE — make a new project file from XML"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;

  project = verkan_xml_import (argv[1], argv[2], &error);
  if (project == NULL)
    return verkan_cli_fail (error);
  return VERKAN_CLI_OK;
}
