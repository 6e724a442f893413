/* verkan-cli-chart.c: verkan chart list|render
 *
 * Thin wrappers over src/chart/: the chart rows of a project, their
 * specification, and the renderer that also paints the Nyckeltal page
 * and the report's figures (DESIGN.md rule 5).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "verkan-chart-data.h"
#include "verkan-chart-drawing.h"
#include "verkan-chart-spec.h"
#include "verkan-cli.h"
#include "verkan-group-catalog.h"
#include "verkan-project.h"

/* A chart at its natural size, in points: wide enough for a legend
 * beside nine years, and the height of a figure in an A4 report */
#define DEFAULT_WIDTH   640.0
#define DEFAULT_HEIGHT  400.0
/* PNG pixels per point: print quality */
#define PNG_SCALE       2.0

/* A core call that failed without saying why must still say something */
static int
fail (GError *error)
{
  if (error == NULL)
    {
      g_printerr ("verkan: %s\n", _("Something went wrong, and Verkan could not say what."));
      return VERKAN_CLI_FAILED;
    }
  return verkan_cli_fail (error);
}

static char *
chart_label (GVariant *row)
{
  const char *title = verkan_cli_row_text (row, "title");

  return g_strdup (*title ? title : _("Untitled chart"));
}

/* CHART names a chart by its id or by its title (case does not matter) */
static GVariant *
find_chart (GPtrArray  *charts,
            const char *name,
            const char *path,
            GError    **error)
{
  guint n_found = 0;
  GVariant *found = verkan_cli_find_row (charts, name, &n_found);

  if (found != NULL)
    return found;
  if (n_found > 1)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("%u charts in %s are called “%s”: name one by its id (see verkan chart list)"),
                 n_found, path, name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s has no chart “%s” (see verkan chart list)"), path, name);
  return NULL;
}

/* "Hallsberg, Nora; Riket, Liknande kommuner (Hallsberg)": the main
 * series, then the comparisons */
static char *
areas_label (const VerkanChartSpec *spec)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; spec->municipalities[i] != NULL; i++)
    {
      g_autofree char *label = verkan_kolada_area_short_label (spec->municipalities[i]);
      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", label);
    }
  for (guint i = 0; spec->comparisons[i] != NULL; i++)
    {
      g_autofree char *label = verkan_kolada_area_short_label (spec->comparisons[i]);
      g_string_append_printf (text, "%s%s", i == 0 ? (text->len > 0 ? "; " : "")
                                                   : ", ", label);
    }
  if (text->len == 0)
    g_string_append (text, "–");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An own measure by its title, which is what a person knows it by */
static char *
measure_label (VerkanProject *project,
               const char    *uuid)
{
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "own_measure", "uuid",
                                                        g_variant_new_string (uuid), NULL);
  const char *title;

  if (rows == NULL || rows->len == 0)
    return g_strdup (_("own measure (missing)"));
  title = verkan_cli_row_text (g_ptr_array_index (rows, 0), "title");
  /* Translators: %s is an own measure's title, shown where a KPI id would be */
  return g_strdup_printf (_("own measure “%s”"), *title ? title : "…");
}

static int
chart_list (int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — list the charts of a project"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  enum { N_COLUMNS = 5 };
  glong widths[N_COLUMNS] = { 0 };
  int status;

  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);
  charts = verkan_project_list_rows (project, "chart", NULL, NULL, &error);
  if (charts == NULL)
    return fail (error);

  if (charts->len == 0)
    {
      g_print ("%s\n", _("The project has no charts."));
      return VERKAN_CLI_OK;
    }

  for (guint i = 0; i < charts->len; i++)
    {
      GVariant *row = g_ptr_array_index (charts, i);
      g_autoptr(VerkanChartSpec) spec = verkan_chart_spec_from_json (verkan_cli_row_text (row, "spec"), NULL);
      char **line = g_new0 (char *, N_COLUMNS + 1);

      line[0] = g_strdup_printf ("%" G_GINT64_FORMAT, verkan_cli_row_id (row));
      line[1] = chart_label (row);
      if (spec == NULL)
        {
          /* listed all the same, so that it can be found and mended */
          line[2] = g_strdup (_("unreadable"));
          line[3] = g_strdup ("–");
          line[4] = g_strdup ("–");
        }
      else
        {
          line[2] = g_strdup (verkan_chart_kind_label (spec->kind));
          line[3] = spec->measure ? measure_label (project, spec->measure)
                                  : g_strdup (spec->kpi ? spec->kpi : "–");
          line[4] = areas_label (spec);
        }
      for (guint k = 0; k < N_COLUMNS - 1; k++)
        widths[k] = MAX (widths[k], g_utf8_strlen (line[k], -1));
      g_ptr_array_add (lines, line);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      char **line = g_ptr_array_index (lines, i);

      for (guint k = 0; k < N_COLUMNS - 1; k++)
        {
          verkan_cli_print_padded (line[k], widths[k]);
          g_print ("  ");
        }
      g_print ("%s\n", line[N_COLUMNS - 1]);
    }
  return VERKAN_CLI_OK;
}

static gboolean
has_extension (const char *path,
               const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, extension);
}

static int
chart_render (int argc, char **argv)
{
  g_autofree char *output = NULL;
  double width = DEFAULT_WIDTH;
  double height = DEFAULT_HEIGHT;
  gboolean dark = FALSE;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE CHART -o OUT.png|svg|pdf — draw a chart"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(VerkanChartData) data = NULL;
  g_autoptr(GError) error = NULL;
  VerkanChartStyle style;
  GVariant *row;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the chart; .png, .svg or .pdf"), N_("OUT") },
    { "width", 'w', 0, G_OPTION_ARG_DOUBLE, &width,
      N_("Width in points (default: 640; a PNG has two pixels per point)"), N_("PT") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &height,
      N_("Height in points (default: 400)"), N_("PT") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark,
      N_("Light lines on a dark background, as in dark mode"), NULL },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;
  if (output == NULL)
    {
      g_printerr ("verkan chart render: %s\n",
                  _("say where to write the chart with -o OUT.png, OUT.svg or OUT.pdf"));
      return VERKAN_CLI_USAGE;
    }
  if (!has_extension (output, ".png") && !has_extension (output, ".svg") &&
      !has_extension (output, ".pdf"))
    {
      g_printerr ("verkan chart render: %s\n",
                  _("the file to write must end in .png, .svg or .pdf"));
      return VERKAN_CLI_USAGE;
    }
  if (width < 50 || width > 10000 || height < 50 || height > 10000)
    {
      g_printerr ("verkan chart render: %s\n",
                  _("--width and --height must be between 50 and 10000 points"));
      return VERKAN_CLI_USAGE;
    }

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);
  charts = verkan_project_list_rows (project, "chart", NULL, NULL, &error);
  if (charts == NULL)
    return fail (error);
  row = find_chart (charts, argv[2], argv[1], &error);
  if (row == NULL)
    return fail (error);

  data = verkan_chart_data_load_chart (project, verkan_cli_row_id (row), &error);
  if (data == NULL)
    return fail (error);

  verkan_chart_style_init (&style);
  style.dark = dark;
  if (!verkan_chart_export (data, &style, output, width, height, PNG_SCALE, &error))
    return fail (error);

  /* the drawing says it too, in its caption; say it where the person looks */
  if (data->illustrative_note != NULL)
    g_printerr ("%s\n", data->illustrative_note);
  return VERKAN_CLI_OK;
}

static const VerkanCliAction actions[] = {
  { "list", chart_list, N_("FILE"),
    N_("One line per chart: id, title, kind, key figure and municipalities") },
  { "render", chart_render,
    N_("FILE CHART -o OUT.png|svg|pdf [--width PT --height PT] [--dark]"),
    N_("Draw a chart, named by id or title, as PNG, SVG or PDF") },
};

int
verkan_cli_chart (int argc, char **argv)
{
  return verkan_cli_dispatch ("chart", actions, G_N_ELEMENTS (actions),
                              _("unknown action; use list or render"), argc, argv);
}
