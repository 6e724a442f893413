/* main.c: a subcommand runs headless; otherwise the window opens */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "verkan-application.h"
#include "verkan-cli.h"

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("VERKAN_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* an uninstalled build finds its translations through VERKAN_LOCALEDIR */
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (verkan_cli_wants (argc, argv))
    return verkan_cli_run (argc, argv);

  g_set_application_name (_("Verkan"));
  return g_application_run (G_APPLICATION (verkan_application_new ()), argc, argv);
}
