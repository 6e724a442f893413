/* verkan-cli-kolada.c: verkan kolada search|fetch|values|import
 *
 * Thin wrappers over src/kolada/: the KPI catalog, the v3 client and the
 * value cache in the project file.  A fetch runs the same asynchronous
 * client call the Nyckeltal page makes, on a main loop of its own, and
 * shows its progress on stderr (DESIGN.md rule 3).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "verkan-cli.h"
#include "verkan-format.h"
#include "verkan-group-catalog.h"
#include "verkan-kolada-client.h"
#include "verkan-kolada-store.h"
#include "verkan-kpi-catalog.h"
#include "verkan-municipality-catalog.h"
#include "verkan-project.h"

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

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("verkan kolada %s: %s\n", command, message);
  return VERKAN_CLI_USAGE;
}

/* ------------------------------------------------------------ ids */

/* A Kolada KPI id: one letter and five digits, N31807 or U31801 */
static gboolean
is_kpi_id (const char *text)
{
  if (!g_ascii_isalpha (text[0]) || strlen (text) != 6)
    return FALSE;
  for (guint i = 1; i < 6; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Four digits ("1861", "0000" Riket) or a group ("G175966") */
static gboolean
is_area_id (const char *text)
{
  gsize n = strlen (text);
  const char *digits = text;

  if (text[0] == 'G' || text[0] == 'g')
    {
      digits = text + 1;
      if (n < 2 || n > 12)
        return FALSE;
    }
  else if (n != 4)
    return FALSE;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Splits every item of @lists on commas, drops empty parts and
 * duplicates; NULL @lists gives an empty list */
static GPtrArray *
split_lists (char **lists)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lists != NULL && lists[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lists[i], ",", -1);

      for (guint k = 0; parts[k] != NULL; k++)
        {
          char *part = g_strstrip (parts[k]);
          gboolean seen = FALSE;

          for (guint j = 0; j < items->len && !seen; j++)
            seen = g_strcmp0 (g_ptr_array_index (items, j), part) == 0;
          if (*part != '\0' && !seen)
            g_ptr_array_add (items, g_strdup (part));
        }
    }
  return items;
}

/* KPI ids, upper-cased; NULL after printing a usage error */
static GStrv
parse_kpis (const char *command,
            char      **lists)
{
  g_autoptr(GPtrArray) items = split_lists (lists);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_ascii_strup (item, -1);

      if (!is_kpi_id (id))
        {
          /* Translators: %s is what the user typed after --kpi */
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a Kolada KPI id; an id is a letter and five digits, "
                               "such as N31807 (find one with verkan kolada search)"), item);
          usage_error (command, message);
          return NULL;
        }
      g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

/* Municipality codes and group ids; a municipality may also be named
 * ("Hällefors", "Riket").  NULL after printing a usage error. */
static GStrv
parse_areas (const char *command,
             char      **lists)
{
  g_autoptr(GPtrArray) items = split_lists (lists);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      const VerkanMunicipality *named;

      if (is_area_id (item))
        {
          g_autofree char *id = g_ascii_strup (item, -1);
          g_strv_builder_add (builder, id);
          continue;
        }
      named = verkan_municipality_catalog_find (item);
      if (named != NULL)
        {
          g_strv_builder_add (builder, named->code);
          continue;
        }
      {
        /* Translators: %s is what the user typed after --municipality */
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a municipality: give its Kolada code of four digits "
                             "(1861 for Hallsberg, 0000 for Riket), its name, or a group id "
                             "such as G175966"), item);
        usage_error (command, message);
        return NULL;
      }
    }
  return g_strv_builder_end (builder);
}

/* "2015-2023" or "2020"; FALSE after printing a usage error */
static gboolean
parse_years (const char *command,
             const char *text,
             int        *first,
             int        *last)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);
  gint64 from = 0, to = 0;
  gboolean ok;

  ok = g_ascii_string_to_signed (g_strstrip (parts[0]), 10, 1900, 2200, &from, NULL);
  if (ok && parts[1] != NULL)
    ok = g_ascii_string_to_signed (g_strstrip (parts[1]), 10, 1900, 2200, &to, NULL);
  else
    to = from;
  if (!ok || from > to)
    {
      /* Translators: %s is what the user typed after --years */
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a range of years; write it as 2015-2023, or 2022 for "
                           "one year"), text);
      usage_error (command, message);
      return FALSE;
    }
  *first = (int) from;
  *last = (int) to;
  return TRUE;
}

/* ------------------------------------------------------------ search */

static int
kolada_search (int argc, char **argv)
{
  int limit = 0;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE TEXT — find Kolada key figures by id or words of their title"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  VerkanKpiCatalog *catalog;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most this many (default: all)"), N_("N") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;
  if (limit < 0)
    return usage_error ("search", _("--limit cannot be negative"));

  /* The catalog is the installation's, but a search is always made for
   * a project: check that FILE is one, as every other subcommand does */
  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);

  catalog = verkan_kpi_catalog_get_default ();
  found = catalog ? verkan_kpi_catalog_search (catalog, argv[2], (guint) limit) : NULL;
  if (found == NULL || found->len == 0)
    {
      /* Translators: %s is the text searched for */
      g_printerr (_("No Kolada key figure matches “%s”.\n"), argv[2]);
      return VERKAN_CLI_FAILED;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const VerkanKpi *kpi = g_ptr_array_index (found, i);

      verkan_cli_print_padded (kpi->id, 8);
      g_print ("%s\n", kpi->title);
    }
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ fetch */

typedef struct {
  GMainLoop                *loop;
  VerkanKoladaFetchSummary *summary;
  GError                   *error;
} FetchRun;

static void
fetch_progress (guint       done,
                guint       total,
                const char *message,
                gpointer    user_data)
{
  if (message != NULL && *message != '\0')
    g_printerr ("%s\n", message);
  else
    /* Translators: progress of a fetch: requests done and requests in all */
    g_printerr (_("Fetching from Kolada (%u of %u)\n"), done, total);
}

static void
fetch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchRun *run = user_data;

  run->summary = verkan_kolada_client_fetch_values_finish (VERKAN_KOLADA_CLIENT (source),
                                                           result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
fetch_interrupted (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_printerr ("%s\n", _("Stopping; nothing of this fetch is stored."));
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

/* Like verkan info: a label padded by characters, then the value */
static void
print_field (const char *label,
             const char *value)
{
  verkan_cli_print_padded (label, 18);
  g_print (" %s\n", value);
}

static void
print_summary (const VerkanKoladaFetchSummary *summary)
{
  g_autofree char *stored = g_strdup_printf ("%u", summary->n_values);
  g_autofree char *removed = g_strdup_printf ("%u", summary->n_deleted);
  g_autofree char *requests = g_strdup_printf ("%u", summary->n_requests);

  print_field (_("Values stored:"), stored);
  print_field (_("Values removed:"), removed);
  print_field (_("Requests:"), requests);
  print_field (_("Fetched at:"), summary->fetched_at ? summary->fetched_at : "–");
  /* Translators: a fetch that asked only for what changed since a date
   * (Kolada's from_date), or, when there is no date, for everything */
  print_field (_("Changes since:"), summary->from_date ? summary->from_date
                                                        : _("– (a full fetch)"));
}

static int
kolada_fetch (int argc, char **argv)
{
  g_auto(GStrv) kpi_lists = NULL;
  g_auto(GStrv) area_lists = NULL;
  g_autofree char *years = NULL;
  g_autofree char *base_url = NULL;
  gboolean full = FALSE;
  int timeout = 0;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE --kpi ID[,ID…] --municipality CODE[,CODE|GROUP…] — fetch "
                            "values from Kolada into a project"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(VerkanKoladaClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) kpis = NULL;
  g_auto(GStrv) areas = NULL;
  g_autoptr(GError) error = NULL;
  VerkanKoladaRequest request = { NULL, };
  FetchRun run = { NULL, };
  GOptionEntry entries[] = {
    { "kpi", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &kpi_lists,
      N_("Key figures to fetch, such as N31807,N31816"), N_("ID[,ID…]") },
    { "municipality", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &area_lists,
      N_("Municipality codes, names or group ids, such as 1861,0000,G175966"),
      N_("CODE[,CODE…]") },
    { "years", 'y', 0, G_OPTION_ARG_STRING, &years,
      N_("Only these years, such as 2015-2023 (default: all Kolada has)"), N_("FROM-TO") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Another server that answers like Kolada’s v3 API"), N_("URL") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Fetch everything again, not only what changed since the last fetch"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for each answer (default: 30)"), N_("SECONDS") },
    { NULL }
  };
  guint sigint;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  if ((kpis = parse_kpis ("fetch", kpi_lists)) == NULL ||
      (areas = parse_areas ("fetch", area_lists)) == NULL)
    return VERKAN_CLI_USAGE;
  if (kpis[0] == NULL)
    return usage_error ("fetch", _("say which key figures to fetch with --kpi, such as --kpi N31807"));
  if (areas[0] == NULL)
    return usage_error ("fetch", _("say for which municipalities with --municipality, such as "
                                   "--municipality 1861,0000"));
  if (years != NULL && !parse_years ("fetch", years, &request.first_year, &request.last_year))
    return VERKAN_CLI_USAGE;
  if (timeout < 0 || timeout > 3600)
    return usage_error ("fetch", _("--timeout must be between 1 and 3600 seconds"));
  if (base_url != NULL && !g_str_has_prefix (base_url, "http://") &&
      !g_str_has_prefix (base_url, "https://"))
    return usage_error ("fetch", _("--base-url must start with http:// or https://"));

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_NONE, &error);
  if (project == NULL)
    return fail (error);
  if (verkan_project_get_read_only (project))
    {
      g_set_error (&error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY,
                   _("%s is open in another window or cannot be written, so nothing was "
                     "fetched."), argv[1]);
      return fail (error);
    }

  request.kpis = kpis;
  request.municipalities = areas;
  client = verkan_kolada_client_new (base_url);
  if (client == NULL)
    return fail (NULL);
  if (timeout > 0)
    verkan_kolada_client_set_timeout (client, (guint) timeout);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  sigint = g_unix_signal_add (SIGINT, fetch_interrupted, cancellable);
  verkan_kolada_client_fetch_values_async (client, project, &request, full, cancellable,
                                           fetch_progress, NULL, fetch_done, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint);

  /* the client stores a fetch whole or not at all, and its message says
   * that what was stored before is kept */
  if (run.summary == NULL)
    {
      int failed = fail (run.error);

      g_clear_error (&run.error);
      return failed;
    }

  print_summary (run.summary);
  verkan_kolada_fetch_summary_free (run.summary);
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ values */

typedef enum {
  FORMAT_TEXT,
  FORMAT_CSV,
  FORMAT_JSON,
} ValuesFormat;

/* One stored value, read from the a{sv} the store lists */
typedef struct {
  const char *kpi;
  const char *area;
  char       *name;        /* "Hallsberg", "Riket", a group's title */
  gint64      year;
  const char *gender;
  gboolean    has_value;
  double      value;
  gint64      count;
  const char *status;
  const char *fetched_at;
  const char *origin;
} Value;

static const char *
lookup_text (GVariant   *row,
             const char *key)
{
  const char *text = NULL;

  return g_variant_lookup (row, key, "&s", &text) ? text : "";
}

/* Integers of any width, so the reader does not depend on one */
static gint64
lookup_integer (GVariant   *row,
                const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (row, key, NULL);

  if (value == NULL)
    return 0;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return (gint64) g_variant_get_double (value);
  return 0;
}

static void
read_value (GVariant *row,
            Value    *out)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (row, "value", G_VARIANT_TYPE_DOUBLE);

  out->kpi = lookup_text (row, "kpi");
  out->area = lookup_text (row, "municipality");
  out->name = verkan_kolada_area_label (out->area);
  out->year = lookup_integer (row, "year");
  out->gender = lookup_text (row, "gender");
  out->has_value = value != NULL && isfinite (g_variant_get_double (value));
  out->value = out->has_value ? g_variant_get_double (value) : NAN;
  out->count = lookup_integer (row, "count");
  out->status = lookup_text (row, "status");
  out->fetched_at = lookup_text (row, "fetched_at");
  out->origin = lookup_text (row, "origin");
}

/* "4,6", "1284", "-0,25": a decimal comma and no thousands separator, the
 * way Excel writes a number cell in a Swedish CSV file */
static char *
csv_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  g_strdelimit (buffer, ".", ',');
  return g_strdup (buffer);
}

/* A field quoted when it holds a separator, a quote or a line break */
static void
csv_field (GString    *line,
           const char *text)
{
  if (strpbrk (text, ";\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
print_csv (GArray *values)
{
  /* English column names on purpose: they are the same in every
   * language, and verkan's own CSV import (own measures) knows them */
  g_print ("kpi;municipality;name;year;gender;value;count;status;fetched_at;origin\n");
  for (guint i = 0; i < values->len; i++)
    {
      const Value *v = &g_array_index (values, Value, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *number = v->has_value ? csv_number (v->value) : g_strdup ("");

      csv_field (line, v->kpi);
      g_string_append_c (line, ';');
      csv_field (line, v->area);
      g_string_append_c (line, ';');
      csv_field (line, v->name);
      g_string_append_printf (line, ";%" G_GINT64_FORMAT ";", v->year);
      csv_field (line, v->gender);
      g_string_append_printf (line, ";%s;%" G_GINT64_FORMAT ";", number, v->count);
      csv_field (line, v->status);
      g_string_append_c (line, ';');
      csv_field (line, v->fetched_at);
      g_string_append_c (line, ';');
      csv_field (line, v->origin);
      g_print ("%s\n", line->str);
    }
}

static void
print_json (GArray *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < values->len; i++)
    {
      const Value *v = &g_array_index (values, Value, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kpi");
      json_builder_add_string_value (builder, v->kpi);
      json_builder_set_member_name (builder, "municipality");
      json_builder_add_string_value (builder, v->area);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, v->name);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, v->year);
      json_builder_set_member_name (builder, "gender");
      json_builder_add_string_value (builder, v->gender);
      json_builder_set_member_name (builder, "value");
      if (v->has_value)
        json_builder_add_double_value (builder, v->value);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, v->count);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, v->status);
      json_builder_set_member_name (builder, "fetched_at");
      json_builder_add_string_value (builder, v->fetched_at);
      json_builder_set_member_name (builder, "origin");
      json_builder_add_string_value (builder, v->origin);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static const char *
origin_label (const char *origin)
{
  switch (verkan_value_origin_from_string (origin))
    {
    case VERKAN_VALUE_ORIGIN_KOLADA:
      return _("Kolada");
    case VERKAN_VALUE_ORIGIN_SNAPSHOT:
      /* Translators: a value from the snapshot of Kolada shipped with Verkan */
      return _("snapshot");
    case VERKAN_VALUE_ORIGIN_ILLUSTRATIVE:
      /* Translators: a made-up value that only shows how a chart looks */
      return _("illustrative");
    default:
      return origin;
    }
}

static void
print_text (GArray     *values,
            const char *path)
{
  const char *headings[] = {
    /* Translators: column headings of verkan kolada values */
    N_("KPI"), N_("Municipality"), N_("Year"), N_("Gender"), N_("Value"), N_("Fetched"),
    N_("Origin"),
  };
  enum { N_COLUMNS = G_N_ELEMENTS (headings) };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  glong widths[N_COLUMNS] = { 0 };
  gboolean any_illustrative = FALSE;

  if (values->len == 0)
    {
      /* Translators: %s is the project file */
      g_print (_("%s holds no Kolada values. Fetch some with verkan kolada fetch.\n"), path);
      return;
    }

  {
    char **line = g_new0 (char *, N_COLUMNS + 1);
    for (guint k = 0; k < N_COLUMNS; k++)
      line[k] = g_strdup (_(headings[k]));
    g_ptr_array_add (lines, line);
  }
  for (guint i = 0; i < values->len; i++)
    {
      const Value *v = &g_array_index (values, Value, i);
      char **line = g_new0 (char *, N_COLUMNS + 1);

      line[0] = g_strdup (v->kpi);
      line[1] = g_strdup (v->name);
      line[2] = g_strdup_printf ("%" G_GINT64_FORMAT, v->year);
      line[3] = g_strdup (v->gender);
      line[4] = v->has_value ? verkan_format_number (v->value, -1) : g_strdup ("–");
      /* the date is enough to read; csv and json have the whole time */
      line[5] = g_strndup (v->fetched_at, 10);
      line[6] = g_strdup (origin_label (v->origin));
      any_illustrative |= verkan_value_origin_from_string (v->origin) ==
                          VERKAN_VALUE_ORIGIN_ILLUSTRATIVE;
      g_ptr_array_add (lines, line);
    }

  for (guint i = 0; i < lines->len; i++)
    for (guint k = 0; k < N_COLUMNS; k++)
      widths[k] = MAX (widths[k], g_utf8_strlen (((char **) lines->pdata[i])[k], -1));

  for (guint i = 0; i < lines->len; i++)
    {
      char **line = g_ptr_array_index (lines, i);

      for (guint k = 0; k < N_COLUMNS - 1; k++)
        {
          /* numbers right-aligned */
          if (k == 4)
            g_print ("%*s%s", (int) (widths[k] - g_utf8_strlen (line[k], -1)), "", line[k]);
          else
            verkan_cli_print_padded (line[k], widths[k]);
          g_print ("  ");
        }
      g_print ("%s\n", line[N_COLUMNS - 1]);
    }

  if (any_illustrative)
    g_print ("\n%s\n", _("Values marked illustrative are made up to show how Verkan works; "
                          "they are not Kolada’s figures."));
}

static void
value_clear (gpointer data)
{
  Value *v = data;

  g_free (v->name);
}

static int
kolada_values (int argc, char **argv)
{
  g_auto(GStrv) kpi_lists = NULL;
  g_auto(GStrv) area_lists = NULL;
  g_autofree char *format_name = NULL;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — list the Kolada values stored in a project"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) values = NULL;
  g_auto(GStrv) kpis = NULL;
  g_auto(GStrv) areas = NULL;
  g_autoptr(GError) error = NULL;
  ValuesFormat format = FORMAT_TEXT;
  GOptionEntry entries[] = {
    { "kpi", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &kpi_lists,
      N_("Only these key figures"), N_("ID[,ID…]") },
    { "municipality", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &area_lists,
      N_("Only these municipalities or groups"), N_("CODE[,CODE…]") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("text (default), csv (semicolons and decimal commas, for Excel) or json"),
      N_("FORMAT") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  if ((kpis = parse_kpis ("values", kpi_lists)) == NULL ||
      (areas = parse_areas ("values", area_lists)) == NULL)
    return VERKAN_CLI_USAGE;
  if (format_name == NULL || g_ascii_strcasecmp (format_name, "text") == 0)
    format = FORMAT_TEXT;
  else if (g_ascii_strcasecmp (format_name, "csv") == 0)
    format = FORMAT_CSV;
  else if (g_ascii_strcasecmp (format_name, "json") == 0)
    format = FORMAT_JSON;
  else
    return usage_error ("values", _("--format must be text, csv or json"));

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);
  rows = verkan_kolada_store_list_values (project,
                                          kpis[0] ? (const char *const *) kpis : NULL,
                                          areas[0] ? (const char *const *) areas : NULL,
                                          &error);
  if (rows == NULL)
    return fail (error);

  values = g_array_sized_new (FALSE, TRUE, sizeof (Value), rows->len);
  g_array_set_clear_func (values, value_clear);
  g_array_set_size (values, rows->len);
  for (guint i = 0; i < rows->len; i++)
    read_value (g_ptr_array_index (rows, i), &g_array_index (values, Value, i));

  switch (format)
    {
    case FORMAT_CSV:
      print_csv (values);
      break;
    case FORMAT_JSON:
      print_json (values);
      break;
    case FORMAT_TEXT:
    default:
      print_text (values, argv[1]);
      break;
    }
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ import */

static int
kolada_import (int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE SNAPSHOT.json — store Kolada values saved in a file"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;

  project = verkan_project_open (argv[1], VERKAN_OPEN_FLAGS_NONE, &error);
  if (project == NULL)
    return fail (error);
  if (verkan_project_get_read_only (project))
    {
      g_set_error (&error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY,
                   _("%s is open in another window or cannot be written, so nothing was "
                     "imported."), argv[1]);
      return fail (error);
    }
  if (!verkan_kolada_store_import_file (project, argv[2], &error))
    return fail (error);

  rows = verkan_kolada_store_list_values (project, NULL, NULL, &error);
  if (rows == NULL)
    return fail (error);
  /* Translators: %s is the project file, %u the number of values it holds */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s now holds %u Kolada value.\n",
                        "%s now holds %u Kolada values.\n", rows->len),
           argv[1], rows->len);
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ dispatch */

static const VerkanCliAction actions[] = {
  { "search", kolada_search, N_("FILE TEXT [--limit N]"),
    N_("Id and title of the key figures whose id or title matches; exits with 1 when none does") },
  { "fetch", kolada_fetch,
    N_("FILE --kpi ID[,ID…] --municipality CODE[,CODE|GROUP…] [--years FROM-TO] "
       "[--base-url URL] [--full]"),
    N_("Fetch values from Kolada into the project, with progress on stderr") },
  { "values", kolada_values, N_("FILE [--kpi ID] [--municipality CODES] [--format text|csv|json]"),
    N_("The stored values: one row per key figure, municipality, year and gender") },
  { "import", kolada_import, N_("FILE SNAPSHOT.json"),
    N_("Store values saved in Kolada’s answer format, such as the snapshot shipped with Verkan") },
};

int
verkan_cli_kolada (int argc, char **argv)
{
  return verkan_cli_dispatch ("kolada", actions, G_N_ELEMENTS (actions),
                              _("unknown action; use search, fetch, values or import"), argc, argv);
}
