/* verkan-cli-doc.c: verkan doc add|list|search|extract
 *
 * Thin wrappers over src/documents/: the document store (bytes kept in
 * the project file) and the full-text search.  Adding shows its progress
 * on stderr (DESIGN.md rule 3).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "verkan-cli.h"
#include "verkan-document-search.h"
#include "verkan-document-store.h"
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
  g_printerr ("verkan doc %s: %s\n", command, message);
  return VERKAN_CLI_USAGE;
}

static VerkanProject *
open_project (const char *path,
              gboolean    for_writing,
              GError    **error)
{
  VerkanProject *project;

  project = verkan_project_open (path, for_writing ? VERKAN_OPEN_FLAGS_NONE
                                                   : VERKAN_OPEN_FLAGS_READ_ONLY, error);
  if (project != NULL && for_writing && verkan_project_get_read_only (project))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY,
                   _("%s is open in another window or cannot be written, so nothing was "
                     "added."), path);
      g_clear_object (&project);
    }
  return project;
}

/* GSettings "document-size-limit" when the schema is installed */
static gint64
size_limit (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "document-size-limit"))
    return VERKAN_DOCUMENT_DEFAULT_SIZE_LIMIT;
  settings = g_settings_new (APPLICATION_ID);
  return (gint64) MIN (g_settings_get_uint64 (settings, "document-size-limit"), (guint64) G_MAXINT64);
}

/* ------------------------------------------------------------ add */

static void
add_progress (guint64     done,
              guint64     total,
              const char *file_name,
              gpointer    user_data)
{
  /* Translators: progress of adding a document: its name and percent done */
  g_printerr (_("Adding “%s”: %d %%\n"), file_name, total ? (int) (done * 100 / total) : 100);
}

static int
doc_add (int argc, char **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *municipality_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *author = NULL;
  int appendix = 0;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE PATH… — add files to a project as documents"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title,
      N_("Title (default: the document’s own title, else the file name)"), N_("TITLE") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      N_("Kind: policy, decision, analysis, minutes, survey, report or other"), N_("KIND") },
    { "municipality", 'm', 0, G_OPTION_ARG_STRING, &municipality_text,
      N_("The municipality it concerns: Kolada code or name, such as 1861"), N_("CODE") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date,
      N_("The document’s date, such as 2022-06-23"), N_("DATE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      N_("Who wrote it"), N_("NAME") },
    { "appendix", 'a', 0, G_OPTION_ARG_INT, &appendix,
      N_("Make it appendix number N of the report (the ones after move one down)"), N_("N") },
    { NULL }
  };
  VerkanDocumentAdd options = { NULL, };
  gint64 limit;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("add", error->message);
  if (argc < 3)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return VERKAN_CLI_USAGE;
    }
  if (appendix < 0)
    return usage_error ("add", _("--appendix must be 1 or more"));
  if (kind_text != NULL)
    {
      options.kind = verkan_document_kind_parse (kind_text);
      if (options.kind == NULL)
        {
          /* Translators: %s is what the user typed after --kind */
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a kind of document; use policy, decision, analysis, "
                               "minutes, survey, report or other"), kind_text);
          return usage_error ("add", message);
        }
    }
  if (municipality_text != NULL)
    {
      const VerkanMunicipality *found = verkan_municipality_catalog_lookup (municipality_text);

      if (found == NULL)
        found = verkan_municipality_catalog_find (municipality_text);
      if (found == NULL)
        {
          /* Translators: %s is what the user typed after --municipality */
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a municipality: give its Kolada code of four digits "
                               "(1861 for Hallsberg) or its name"), municipality_text);
          return usage_error ("add", message);
        }
      options.municipality = found->code;
    }
  options.title = title;
  options.date = date;
  options.author = author;

  project = open_project (argv[1], TRUE, &error);
  if (project == NULL)
    return fail (error);

  limit = size_limit ();
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *name = g_filename_display_basename (argv[i]);
      gint64 id;

      options.appendix = appendix > 0 ? appendix + (i - 2) : 0;
      id = verkan_document_store_add (project, argv[i], &options, limit, NULL,
                                      add_progress, NULL, &error);
      if (id == 0)
        return fail (error);
      /* Translators: %s is the file name, the number the new document's id */
      g_print (_("Added “%s” as document %lld.\n"), name, (long long) id);
    }
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ list */

static const char *
lookup_text (GVariant *row, const char *key)
{
  const char *value = NULL;

  g_variant_lookup (row, key, "&s", &value);
  return value;
}

static gint64
lookup_int (GVariant *row, const char *key)
{
  gint64 value = 0;

  g_variant_lookup (row, key, "x", &value);
  return value;
}

/* document id → appendix number */
static GHashTable *
appendix_numbers (VerkanProject *project)
{
  GHashTable *numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "appendix", NULL, NULL, NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      gint64 *id = g_new (gint64, 1);

      *id = lookup_int (row, "document_id");
      if (*id == 0)
        g_free (id);
      else
        g_hash_table_insert (numbers, id, GINT_TO_POINTER (i + 1));
    }
  return numbers;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "ok") == 0)
    /* Translators: a document whose text can be searched */
    return _("text");
  if (g_strcmp0 (status, "unreadable") == 0)
    /* Translators: a document that could not be read: "förhandsvisning saknas" */
    return _("no preview");
  /* Translators: a document without text to search, such as an image */
  return _("no text");
}

static int
doc_list (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — the project’s documents"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 1)) != VERKAN_CLI_OK)
    return status;

  project = open_project (argv[1], FALSE, &error);
  if (project == NULL)
    return fail (error);
  rows = verkan_project_list_rows (project, "document", NULL, NULL, &error);
  if (rows == NULL)
    return fail (error);
  numbers = appendix_numbers (project);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          GVariant *row = g_ptr_array_index (rows, i);
          gint64 id = lookup_int (row, "id");
          g_autofree char *text_status = verkan_document_store_dup_text_status (project, id);
          gpointer number = g_hash_table_lookup (numbers, &id);
          const char *optional[] = { "municipality", "date" };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, lookup_text (row, "title"));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, lookup_text (row, "kind"));
          for (guint k = 0; k < G_N_ELEMENTS (optional); k++)
            {
              json_builder_set_member_name (builder, optional[k]);
              if (lookup_text (row, optional[k]) != NULL)
                json_builder_add_string_value (builder, lookup_text (row, optional[k]));
              else
                json_builder_add_null_value (builder);
            }
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, lookup_int (row, "size"));
          json_builder_set_member_name (builder, "file_name");
          json_builder_add_string_value (builder, lookup_text (row, "file_name"));
          json_builder_set_member_name (builder, "mime_type");
          json_builder_add_string_value (builder, lookup_text (row, "mime_type"));
          json_builder_set_member_name (builder, "appendix");
          if (number != NULL)
            json_builder_add_int_value (builder, GPOINTER_TO_INT (number));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "text_status");
          json_builder_add_string_value (builder, text_status ? text_status : "no-text");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return VERKAN_CLI_OK;
    }

  if (rows->len == 0)
    {
      g_print ("%s\n", _("The project has no documents."));
      return VERKAN_CLI_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      gint64 id = lookup_int (row, "id");
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *size = verkan_document_format_size (lookup_int (row, "size"));
      g_autofree char *text_status = verkan_document_store_dup_text_status (project, id);
      g_autofree char *appendix = NULL;
      const char *code = lookup_text (row, "municipality");
      const VerkanMunicipality *municipality = code ? verkan_municipality_catalog_lookup (code) : NULL;
      const char *date = lookup_text (row, "date");
      gpointer number = g_hash_table_lookup (numbers, &id);

      if (number != NULL)
        /* Translators: appendix number N of the report */
        appendix = g_strdup_printf (_("Appendix %d"), GPOINTER_TO_INT (number));
      verkan_cli_print_padded (id_text, 5);
      verkan_cli_print_padded (lookup_text (row, "title"), 40);
      g_print (" ");
      verkan_cli_print_padded (verkan_document_kind_label (lookup_text (row, "kind")), 20);
      verkan_cli_print_padded (municipality ? municipality->name : (code ? code : "–"), 18);
      verkan_cli_print_padded (date ? date : "–", 11);
      verkan_cli_print_padded (size, 11);
      verkan_cli_print_padded (appendix ? appendix : "–", 12);
      g_print ("%s\n", status_label (text_status));
    }
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ search */

/* The hit between »…«, as a terminal can show it */
static char *
mark_hits (const char *snippet)
{
  g_autoptr(GString) text = g_string_new (snippet ? snippet : "");

  g_string_replace (text, VERKAN_SEARCH_MARK_START, "»", 0);
  g_string_replace (text, VERKAN_SEARCH_MARK_END, "«", 0);
  g_string_replace (text, "\n", " ", 0);
  g_string_replace (text, "\f", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
doc_search (int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE QUERY — find documents by words in their title or text"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;
  project = open_project (argv[1], FALSE, &error);
  if (project == NULL)
    return fail (error);
  hits = verkan_document_search (project, argv[2], 0, &error);
  if (hits == NULL)
    return fail (error);
  if (hits->len == 0)
    {
      /* Translators: %s is the text searched for */
      g_printerr (_("No document matches “%s”.\n"), argv[2]);
      return VERKAN_CLI_FAILED;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      VerkanDocumentHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, hit->document_id);
      g_autofree char *snippet = mark_hits (hit->snippet);

      verkan_cli_print_padded (id, 5);
      g_print ("%s\n", hit->title ? hit->title : "");
      if (*snippet != '\0')
        g_print ("     %s\n", snippet);
    }
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ extract */

/* DOC as an id, else as a title (exactly, else ignoring case) */
static gint64
find_document (VerkanProject *project, const char *doc, GError **error)
{
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "document", NULL, NULL, error);
  GVariant *found;
  guint n_found = 0;

  if (rows == NULL)
    return 0;
  found = verkan_cli_find_row (rows, doc, &n_found);
  if (found != NULL)
    return verkan_cli_row_id (found);
  if (n_found > 1)
    g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                 _("Several documents are titled “%s”; give the id instead (see verkan doc list)."),
                 doc);
  else
    g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                 _("No document has the id or title “%s” (see verkan doc list)."), doc);
  return 0;
}

static int
doc_extract (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE DOC -o PATH — write a document’s stored bytes to a file"));
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write it"), N_("PATH") },
    { NULL }
  };
  gint64 id;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = verkan_cli_parse (context, &argc, &argv, 2)) != VERKAN_CLI_OK)
    return status;
  if (output == NULL)
    return usage_error ("extract", _("say where to write it with -o PATH"));

  project = open_project (argv[1], FALSE, &error);
  if (project == NULL)
    return fail (error);
  id = find_document (project, argv[2], &error);
  if (id == 0)
    return fail (error);
  if (!verkan_document_store_extract (project, id, output, NULL, &error))
    return fail (error);
  return VERKAN_CLI_OK;
}

/* ------------------------------------------------------------ dispatch */

static const VerkanCliAction actions[] = {
  { "add", doc_add,
    N_("FILE PATH… [--title T] [--kind K] [--municipality CODE] [--date DATE] [--appendix N]"),
    N_("Store files in the project as documents, with progress on stderr") },
  { "list", doc_list, N_("FILE [--json]"),
    N_("Id, title, kind, municipality, date, size, appendix number and text of each document") },
  { "search", doc_search, N_("FILE QUERY"),
    N_("Documents whose title or text has the words, with the hit marked »…«") },
  { "extract", doc_extract, N_("FILE DOC -o PATH"),
    N_("Write a document (by id or title) back out, byte for byte") },
};

int
verkan_cli_doc (int argc, char **argv)
{
  return verkan_cli_dispatch ("doc", actions, G_N_ELEMENTS (actions),
                              _("unknown action; use add, list, search or extract"), argc, argv);
}
