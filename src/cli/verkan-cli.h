/* verkan-cli.h: the headless subcommands of the verkan binary.
 * Each is a thin wrapper over a core function; exit codes are
 * 0 success, 1 failure, 2 wrong usage. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum {
  VERKAN_CLI_OK = 0,
  VERKAN_CLI_FAILED = 1,
  VERKAN_CLI_USAGE = 2,
};

typedef int (*VerkanCliFunc) (int argc, char **argv);

/* whether argv[1] asks for the command line rather than the window */
gboolean verkan_cli_wants (int argc, char **argv);
int      verkan_cli_run   (int argc, char **argv);

/* Shared by the subcommand files */
int      verkan_cli_parse         (GOptionContext  *context,
                                   int             *argc,
                                   char          ***argv,
                                   int              n_positional);
int      verkan_cli_fail          (GError          *error);

/* Prints @text padded with spaces to @width characters (not bytes, so
 * "Hällefors" lines up) */
void        verkan_cli_print_padded (const char *text,
                                     glong       width);

/* Reading rows of verkan_project_list_rows () */
gint64      verkan_cli_row_id    (GVariant   *row);
/* "" when the row has no such text */
const char *verkan_cli_row_text  (GVariant   *row,
                                  const char *column);
/* The row NAME names on the command line: the row with that id, else the
 * one titled NAME (exactly, else ignoring case).  NULL when none or
 * several match; *n_titled says how many titles matched then. */
GVariant   *verkan_cli_find_row  (GPtrArray  *rows,
                                  const char *name,
                                  guint      *n_titled);

/* A subcommand with actions ("verkan model list …") */
typedef struct {
  const char    *name;       /* "list" */
  VerkanCliFunc  run;
  const char    *synopsis;   /* N_("FILE") */
  const char    *summary;    /* N_("One line per model: …") */
} VerkanCliAction;

/* Runs the action argv[1] names with argv[0] set to "GROUP ACTION", so that
 * messages name the command; prints the actions on --help, and usage with
 * @unknown (translated) for anything else */
int      verkan_cli_dispatch      (const char            *group,
                                   const VerkanCliAction *actions,
                                   guint                  n_actions,
                                   const char            *unknown,
                                   int                    argc,
                                   char                 **argv);

/* verkan-cli-project.c */
int      verkan_cli_new           (int argc, char **argv);
int      verkan_cli_info          (int argc, char **argv);
/* verkan-cli-model.c: verkan model list|render|check … */
int      verkan_cli_model         (int argc, char **argv);
/* verkan-cli-kolada.c: verkan kolada search|fetch|values|import … */
int      verkan_cli_kolada        (int argc, char **argv);
/* verkan-cli-chart.c: verkan chart list|render … */
int      verkan_cli_chart         (int argc, char **argv);
/* verkan-cli-doc.c: verkan doc add|list|search|extract … */
int      verkan_cli_doc           (int argc, char **argv);
/* verkan-cli-export.c */
int      verkan_cli_export        (int argc, char **argv);
/* verkan-cli-xml.c */
int      verkan_cli_export_xml    (int argc, char **argv);
int      verkan_cli_import_xml    (int argc, char **argv);

G_END_DECLS
