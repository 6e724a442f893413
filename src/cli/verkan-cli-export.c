/* verkan-cli-export.c: verkan export FILE --format pdf|odt -o OUT
 *
 * A thin wrapper over verkan_report_export_async (), the same call the
 * Rapport page's export makes: progress on stderr, Ctrl+C cancels and
 * leaves no file behind (the writers write beside OUT and rename).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "verkan-cli.h"
#include "verkan-project.h"
#include "verkan-report-export.h"

typedef struct {
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
  gboolean      interactive;   /* stderr is a terminal: one line, redrawn */
  int           last_percent;
  char         *last_stage;
  gboolean      line_open;
} ExportRun;

static void
export_progress (double      fraction,
                 const char *stage,
                 gpointer    user_data)
{
  ExportRun *run = user_data;
  int percent = (int) CLAMP (fraction * 100.0, 0.0, 100.0);
  gboolean new_stage = g_strcmp0 (stage, run->last_stage) != 0;
  g_autofree char *line = NULL;

  /* a log gets a line per stage and per tenth; a terminal every percent */
  if (!new_stage && (percent == run->last_percent ||
                     (!run->interactive && percent / 10 == run->last_percent / 10 && percent < 100)))
    return;
  run->last_percent = percent;
  g_free (run->last_stage);
  run->last_stage = g_strdup (stage);

  /* Translators: export progress on the command line: what is being done,
   * then the percent done, as "Ritar figurerna … 45 %" */
  line = g_strdup_printf (_("%s … %d %%"), stage ? stage : _("Exporting"), percent);
  if (run->interactive)
    {
      /* one line, redrawn, cleared past its end */
      g_printerr ("\r%s\033[K", line);
      run->line_open = TRUE;
    }
  else
    g_printerr ("%s\n", line);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportRun *run = user_data;

  run->ok = verkan_report_export_finish (VERKAN_PROJECT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
export_interrupted (gpointer user_data)
{
  ExportRun *run = user_data;

  if (run->line_open)
    g_printerr ("\n");
  run->line_open = FALSE;
  g_printerr ("%s\n", _("Stopping; no file is written."));
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* "rapport.odt" → ODT; FALSE when the name does not say */
static gboolean
format_from_name (const char         *path,
                  VerkanReportFormat *format)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  return dot != NULL && verkan_report_format_parse (dot + 1, format);
}

int
verkan_cli_export (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_text = NULL;
  gboolean no_appendices = FALSE;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE --format pdf|odt -o OUT — write the report"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("pdf or odt (by default from the ending of OUT)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the report"), N_("OUT") },
    { "no-appendices", 0, 0, G_OPTION_ARG_NONE, &no_appendices,
      N_("Leave the appendices out"), NULL },
    { NULL }
  };
  VerkanReportFormat format = VERKAN_REPORT_FORMAT_PDF;
  ExportRun run = { 0 };
  guint sigint, sigterm;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes the project’s report with its appendices, as PDF or as ODT "
                                  "for further editing in LibreOffice or Word. Progress is shown on "
                                  "standard error."));
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;
  if (output == NULL || *output == '\0')
    {
      g_printerr ("verkan export: %s\n", _("say where to write the report with -o OUT.pdf or -o OUT.odt"));
      return VERKAN_CLI_USAGE;
    }
  if (format_text != NULL)
    {
      if (!verkan_report_format_parse (format_text, &format))
        {
          g_printerr ("verkan export: ");
          /* Translators: %s is what was given after --format */
          g_printerr (_("unknown format “%s”: use --format pdf or --format odt"), format_text);
          g_printerr ("\n");
          return VERKAN_CLI_USAGE;
        }
    }
  else if (!format_from_name (output, &format))
    {
      g_printerr ("verkan export: %s\n",
                  _("say the format with --format pdf or --format odt, or end OUT in .pdf or .odt"));
      return VERKAN_CLI_USAGE;
    }
  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("verkan export: ");
      /* Translators: %s is the path given with -o */
      g_printerr (_("“%s” is a folder: give the name of the file to write"), output);
      g_printerr ("\n");
      return VERKAN_CLI_USAGE;
    }

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return verkan_cli_fail (error);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  run.interactive = isatty (STDERR_FILENO);
  run.last_percent = -1;
  sigint = g_unix_signal_add (SIGINT, export_interrupted, &run);
  sigterm = g_unix_signal_add (SIGTERM, export_interrupted, &run);

  verkan_report_export_async (project, format, output,
                              no_appendices ? VERKAN_REPORT_EXPORT_NO_APPENDICES
                                            : VERKAN_REPORT_EXPORT_NONE,
                              cancellable, export_progress, &run, export_done, &run);
  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (run.line_open)
    g_printerr ("\n");
  g_free (run.last_stage);

  if (!run.ok)
    {
      if (run.error == NULL)
        g_set_error_literal (&run.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Something went wrong, and Verkan could not say what."));
      status = verkan_cli_fail (run.error);
      g_clear_error (&run.error);
      return status;
    }
  return VERKAN_CLI_OK;
}
