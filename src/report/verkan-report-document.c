/* verkan-report-document.c: the report as it will be printed.
 *
 * The builder reads the project once and resolves everything the writers
 * need: it walks the sections in reading order, turns each body into
 * paragraphs, and each generated block into a real table, list or figure
 * filled from the project.  Tables, charts and logic models are numbered
 * per kind as they come; a cross-reference may point forwards, so its
 * label is filled in once the whole report is built.
 *
 * The words the builder and the writers add to the report ("Tabell",
 * "Innehåll", the table headings) come from a table of our own keyed by
 * the English word, not from gettext: the report is in the project's
 * language, whatever the language of the desktop that exports it.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "verkan-appendix.h"
#include "verkan-chart-drawing.h"
#include "verkan-chart-spec.h"
#include "verkan-document-store.h"
#include "verkan-format.h"
#include "verkan-model-drawing.h"
#include "verkan-model-edit.h"
#include "verkan-report-document.h"
#include "verkan-report-edit.h"

/* --- the report's own words ------------------------------------------------ */

typedef struct {
  const char *english;
  const char *swedish;
} Word;

static const Word words[] = {
  /* pages and captions */
  { "Contents", "Innehåll" },
  { "Page", "Sida" },
  { "Figure", "Figur" },
  { "Chart", "Diagram" },
  { "Table", "Tabell" },
  { "Source", "Källa" },
  { "Source:", "Källa:" },
  { "Footnotes", "Fotnoter" },
  { "Report number", "Rapportnummer" },
  { "Dnr", "Dnr" },
  { "Date", "Datum" },
  { "Author", "Författare" },
  { "Final report", "Slutrapport" },
  { "missing", "saknas" },
  { "(missing)", "(saknas)" },
  /* appendices */
  { "Appendix", "Bilaga" },
  { "Appendices", "Bilagor" },
  { "dated", "daterad" },
  { "No appendices.", "Inga bilagor." },
  { "The appendix is delivered separately.", "Bilagan levereras separat." },
  { "Bilagan levereras separat", "Bilagan levereras separat" },
  { "The appendix is delivered separately", "Bilagan levereras separat" },
  { "The appendix could not be read.", "Bilagan kunde inte läsas." },
  { "The appendix could not be read", "Bilagan kunde inte läsas" },
  { "No preview available", "Förhandsvisning saknas" },
  { "Förhandsvisning saknas", "Förhandsvisning saknas" },
  /* project facts */
  { "Project", "Projekt" },
  { "Project owner", "Projektägare" },
  { "Financier", "Finansiär" },
  { "Project period", "Projektperiod" },
  { "Project leader", "Projektledare" },
  { "Project facts", "Projektfakta" },
  /* organisation */
  { "Role", "Roll" },
  { "Name", "Namn" },
  { "Organisation", "Organisation" },
  { "Steering group", "Styrgrupp" },
  { "Project group", "Projektgrupp" },
  { "Reference group", "Referensgrupp" },
  { "Contact person", "Kontaktperson" },
  { "Project organisation", "Projektorganisation" },
  /* goals */
  { "Goal", "Mål" },
  { "Outcome", "Utfall" },
  { "Fully", "Helt" },
  { "Partly", "Delvis" },
  { "Not at all", "Inte alls" },
  { "Achieved", "Uppfyllt" },
  { "Partly achieved", "Delvis uppfyllt" },
  { "Not achieved", "Inte uppfyllt" },
  { "Unclear", "Oklart" },
  { "Not assessed", "Ej bedömt" },
  { "Outcome of the goals", "Utfall av projektmål och effektmål" },
  /* time plan and resources */
  { "Activity", "Aktivitet" },
  { "Planned", "Planerad" },
  { "Done", "Genomförd" },
  { "Time plan, planned and done", "Tidsplan, planerad och genomförd" },
  { "Function", "Funktion" },
  { "Planned hours", "Planerade timmar" },
  { "Actual hours", "Utfall timmar" },
  { "Total", "Summa" },
  { "Resources, planned and actual hours", "Resurser, planerade och utfall i timmar" },
  /* references */
  { "Retrieved", "Hämtad" },
  { "Municipalities", "Kommuner" },
};

const char *
verkan_report_document_word (const VerkanReportDocument *doc,
                             const char                 *english)
{
  if (english == NULL)
    return "";
  if (doc != NULL && g_strcmp0 (doc->language, "en") == 0)
    return english;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (words[i].english, english) == 0)
      return words[i].swedish;
  return english;
}

#define W(english) verkan_report_document_word (doc, english)

/* --- memory ----------------------------------------------------------------- */

static void
run_free (VerkanReportRun *run)
{
  g_free (run->text);
  g_free (run->href);
  g_free (run);
}

static void
block_free (VerkanReportBlock *block)
{
  g_free (block->anchor);
  g_free (block->number);
  g_free (block->text);
  g_clear_pointer (&block->runs, g_ptr_array_unref);
  g_free (block->label);
  g_free (block->source);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->align);
  g_free (block->widths);
  g_clear_pointer (&block->chart, verkan_chart_data_free);
  g_clear_pointer (&block->model, verkan_model_snapshot_free);
  g_free (block);
}

static void
appendix_free (VerkanReportAppendix *appendix)
{
  g_free (appendix->title);
  g_free (appendix->date);
  g_free (appendix->label);
  g_free (appendix->mime_type);
  g_free (appendix->file_name);
  g_free (appendix->path);
  g_clear_pointer (&appendix->model, verkan_model_snapshot_free);
  g_free (appendix);
}

VerkanReportDocument *
verkan_report_document_new (const char *title)
{
  VerkanReportDocument *doc = g_new0 (VerkanReportDocument, 1);

  doc->title = g_strdup (title ? title : "");
  doc->subtitle = g_strdup ("");
  doc->author = g_strdup ("");
  doc->report_number = g_strdup ("");
  doc->dnr = g_strdup ("");
  doc->financier = g_strdup ("");
  doc->owner = g_strdup ("");
  doc->language = g_strdup ("sv");
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->appendices = g_ptr_array_new_with_free_func ((GDestroyNotify) appendix_free);
  return doc;
}

void
verkan_report_document_free (VerkanReportDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->subtitle);
  g_free (doc->author);
  g_free (doc->date);
  g_free (doc->report_number);
  g_free (doc->dnr);
  g_free (doc->financier);
  g_free (doc->owner);
  g_free (doc->language);
  g_ptr_array_unref (doc->blocks);
  g_ptr_array_unref (doc->appendices);
  g_free (doc);
}

/* --- adders ----------------------------------------------------------------- */

static VerkanReportBlock *
add_block (VerkanReportDocument  *doc,
           VerkanReportBlockKind  kind)
{
  VerkanReportBlock *block = g_new0 (VerkanReportBlock, 1);

  block->kind = kind;
  block->anchor = g_strdup_printf ("block-%u", doc->blocks->len + 1);
  block->number = g_strdup ("");
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (doc->blocks, block);
  return block;
}

VerkanReportBlock *
verkan_report_document_add_heading (VerkanReportDocument *doc,
                                    guint                 level,
                                    const char           *number,
                                    const char           *text)
{
  VerkanReportBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);

  block = add_block (doc, VERKAN_REPORT_BLOCK_HEADING);
  block->level = MAX (level, 1);
  g_free (block->number);
  block->number = g_strdup (number ? number : "");
  block->text = g_strdup (text ? text : "");
  return block;
}

VerkanReportBlock *
verkan_report_document_add_paragraph (VerkanReportDocument *doc,
                                      VerkanReportItemKind  style,
                                      const char           *text)
{
  VerkanReportBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);

  block = add_block (doc, VERKAN_REPORT_BLOCK_PARAGRAPH);
  block->style = style == VERKAN_REPORT_ITEM_BLOCK ? VERKAN_REPORT_ITEM_PARAGRAPH : style;
  if (block->style == VERKAN_REPORT_ITEM_NUMBERED)
    {
      /* continues the run of numbered items right before it */
      VerkanReportBlock *before = doc->blocks->len > 1
        ? g_ptr_array_index (doc->blocks, doc->blocks->len - 2) : NULL;

      block->list_number = before && before->kind == VERKAN_REPORT_BLOCK_PARAGRAPH &&
                           before->style == VERKAN_REPORT_ITEM_NUMBERED
                           ? before->list_number + 1 : 1;
    }
  if (text != NULL && text[0] != '\0')
    verkan_report_block_add_run (block, text, 0);
  return block;
}

VerkanReportRun *
verkan_report_block_add_run (VerkanReportBlock     *block,
                             const char            *text,
                             VerkanReportSpanFlags  flags)
{
  VerkanReportRun *run;

  g_return_val_if_fail (block != NULL, NULL);

  run = g_new0 (VerkanReportRun, 1);
  run->text = g_strdup (text ? text : "");
  run->flags = flags;
  g_ptr_array_add (block->runs, run);
  return run;
}

VerkanReportBlock *
verkan_report_document_add_table (VerkanReportDocument *doc,
                                  const char           *label,
                                  const char           *caption,
                                  guint                 n_columns,
                                  guint                 n_header_rows)
{
  VerkanReportBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (n_columns > 0, NULL);

  block = add_block (doc, VERKAN_REPORT_BLOCK_TABLE);
  block->label = g_strdup (label);
  block->text = g_strdup (caption ? caption : "");
  block->n_columns = n_columns;
  block->n_header_rows = n_header_rows;
  block->align = g_new0 (VerkanReportAlign, n_columns);
  block->widths = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] = 1.0;
  return block;
}

void
verkan_report_block_add_row (VerkanReportBlock *table,
                             const char *const *cells)
{
  char **row;

  g_return_if_fail (table != NULL && table->kind == VERKAN_REPORT_BLOCK_TABLE);

  /* always n_columns cells, so the writers never count */
  row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0, have = TRUE; i < table->n_columns; i++)
    {
      have = have && cells != NULL && cells[i] != NULL;
      row[i] = g_strdup (have ? cells[i] : "");
    }
  g_ptr_array_add (table->rows, row);
}

static VerkanReportBlock *
add_figure (VerkanReportDocument   *doc,
            VerkanReportFigureKind  kind,
            const char             *label,
            const char             *caption)
{
  VerkanReportBlock *block = add_block (doc, VERKAN_REPORT_BLOCK_FIGURE);

  block->figure_kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (caption ? caption : "");
  block->aspect = 1.6;
  return block;
}

VerkanReportBlock *
verkan_report_document_add_chart (VerkanReportDocument *doc,
                                  const char           *label,
                                  const char           *caption,
                                  VerkanChartData      *chart)
{
  VerkanReportBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);

  block = add_figure (doc, VERKAN_REPORT_FIGURE_CHART, label, caption);
  block->chart = chart;
  if (chart != NULL && chart->source != NULL)
    block->source = g_strdup (chart->source);
  return block;
}

/* A model looks best at the proportions of its own layout */
double
verkan_report_model_aspect (VerkanModelSnapshot *model)
{
  g_autoptr(VerkanModelGeometry) geometry = NULL;
  VerkanModelDrawStyle style;
  double aspect = 1.6;

  if (model == NULL)
    return aspect;
  verkan_model_draw_style_init (&style, VERKAN_MODEL_THEME_LIGHT);
  style.flags = VERKAN_MODEL_DRAW_CARDS | VERKAN_MODEL_DRAW_LEGEND;
  geometry = verkan_model_layout_geometry (model, &style);
  if (geometry != NULL && geometry->width > 0 && geometry->height > 0)
    aspect = geometry->width / geometry->height;
  return CLAMP (aspect, 0.5, 4.0);
}

VerkanReportBlock *
verkan_report_document_add_model (VerkanReportDocument *doc,
                                  const char           *label,
                                  const char           *caption,
                                  VerkanModelSnapshot  *model)
{
  VerkanReportBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);

  block = add_figure (doc, VERKAN_REPORT_FIGURE_MODEL, label, caption);
  block->model = model;
  block->aspect = verkan_report_model_aspect (model);
  return block;
}

VerkanReportAppendix *
verkan_report_document_add_appendix (VerkanReportDocument     *doc,
                                     VerkanReportAppendixKind  kind,
                                     const char               *title,
                                     const char               *date,
                                     const char               *path,
                                     VerkanModelSnapshot      *model)
{
  VerkanReportAppendix *appendix;

  g_return_val_if_fail (doc != NULL, NULL);

  appendix = g_new0 (VerkanReportAppendix, 1);
  appendix->number = doc->appendices->len + 1;
  appendix->kind = kind;
  appendix->title = g_strdup (title ? title : "");
  appendix->date = g_strdup (date);
  appendix->path = g_strdup (path);
  appendix->model = model;
  if (date != NULL && date[0] != '\0')
    appendix->label = g_strdup_printf ("%s %u: %s, %s %s", W ("Appendix"), appendix->number,
                                       appendix->title, W ("dated"), date);
  else
    appendix->label = g_strdup_printf ("%s %u: %s", W ("Appendix"), appendix->number,
                                       appendix->title);
  g_ptr_array_add (doc->appendices, appendix);
  return appendix;
}

/* --- drawing ---------------------------------------------------------------- */

void
verkan_report_model_draw (VerkanModelSnapshot *model,
                          cairo_t             *cr,
                          double               width,
                          double               height)
{
  VerkanModelDrawStyle style;

  if (model == NULL || width <= 0 || height <= 0)
    return;
  /* on white paper; the writer prints the caption */
  verkan_model_draw_style_init (&style, VERKAN_MODEL_THEME_LIGHT);
  style.flags = VERKAN_MODEL_DRAW_CARDS | VERKAN_MODEL_DRAW_LEGEND;
  cairo_save (cr);
  verkan_model_draw (cr, model, &style, width, height);
  cairo_restore (cr);
}

void
verkan_report_figure_draw (const VerkanReportBlock *figure,
                           cairo_t                 *cr,
                           double                   width,
                           double                   height)
{
  g_return_if_fail (figure != NULL);

  if (figure->kind != VERKAN_REPORT_BLOCK_FIGURE || width <= 0 || height <= 0)
    return;

  if (figure->figure_kind == VERKAN_REPORT_FIGURE_MODEL)
    {
      verkan_report_model_draw (figure->model, cr, width, height);
      return;
    }

  if (figure->chart != NULL)
    {
      VerkanChartStyle style;
      const double k = VERKAN_CHART_PX_PER_PT;

      /* print style: the writer prints the caption and the "Källa:" line */
      verkan_chart_style_init (&style);
      style.dark = FALSE;
      style.show_title = FALSE;
      style.show_source = FALSE;
      style.focus_series = -1;

      /* laid out in CSS px and scaled back, so 10 pt labels are 10 pt */
      cairo_save (cr);
      cairo_scale (cr, 1.0 / k, 1.0 / k);
      verkan_chart_draw (cr, figure->chart, &style, width * k, height * k);
      cairo_restore (cr);
    }
}

/* --- the builder ------------------------------------------------------------ */

typedef struct {
  VerkanProject        *project;
  sqlite3              *db;
  VerkanReportDocument *doc;
  guint                 n_tables;
  guint                 n_charts;
  guint                 n_figures;
  guint                 n_footnotes;
  GHashTable           *labels;   /* block id → "Diagram 3" */
  GPtrArray            *refs;     /* Pending: runs waiting for a label */
  GPtrArray            *kpis;     /* the Kolada KPIs the report's charts draw */
} Build;

typedef struct {
  VerkanReportRun *run;
  char            *target;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->target);
  g_free (pending);
}

static char *
lookup_string (GVariant   *row,
               const char *column)
{
  const char *value = NULL;

  if (row == NULL || !g_variant_lookup (row, column, "&s", &value))
    return g_strdup ("");
  return g_strdup (value);
}

static gboolean
lookup_number (GVariant   *row,
               const char *column,
               double     *value)
{
  g_autoptr(GVariant) v = row ? g_variant_lookup_value (row, column, NULL) : NULL;

  if (v == NULL)
    return FALSE;
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    *value = g_variant_get_double (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    *value = (double) g_variant_get_int64 (v);
  else
    return FALSE;
  return TRUE;
}

static GPtrArray *
list_rows (Build      *build,
           const char *table,
           const char *column,
           GVariant   *value)
{
  GPtrArray *rows = verkan_project_list_rows (build->project, table, column, value, NULL);

  return rows ? rows : g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
}

/* The id of the row of @table with @uuid, or 0 */
static gint64
find_by_uuid (Build      *build,
              const char *table,
              const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?1", table);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (uuid == NULL)
    return 0;
  if (sqlite3_prepare_v2 (build->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return id;
}

/* "2021-10-01 – 2021-12-31", one end or none as there are */
static char *
date_range (const char *start,
            const char *end)
{
  gboolean has_start = start != NULL && start[0] != '\0';
  gboolean has_end = end != NULL && end[0] != '\0';

  if (has_start && has_end)
    return g_strdup_printf ("%s – %s", start, end);
  if (has_start)
    return g_strdup_printf ("%s –", start);
  if (has_end)
    return g_strdup_printf ("– %s", end);
  return g_strdup ("");
}

static char *
format_optional (GVariant   *row,
                 const char *column)
{
  double value;

  if (!lookup_number (row, column, &value))
    return g_strdup ("");
  return verkan_format_number (value, -1);
}

/* A generated table, numbered */
static VerkanReportBlock *
new_table (Build      *build,
           const char *block_id,
           const char *caption,
           const char *default_caption,
           guint       n_columns,
           guint       n_header_rows)
{
  VerkanReportDocument *doc = build->doc;
  g_autofree char *label = g_strdup_printf ("%s %u", W ("Table"), ++build->n_tables);
  VerkanReportBlock *block;

  block = verkan_report_document_add_table (doc, label,
                                            caption && caption[0] ? caption : default_caption,
                                            n_columns, n_header_rows);
  g_hash_table_insert (build->labels, g_strdup (block_id), g_strdup (label));
  return block;
}

static void
add_row (VerkanReportBlock *table,
         ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;
  const char *cell;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      cell = va_arg (args, const char *);
      g_ptr_array_add (cells, (gpointer) (cell ? cell : ""));
    }
  va_end (args);
  g_ptr_array_add (cells, NULL);
  verkan_report_block_add_row (table, (const char *const *) cells->pdata);
}

static void
set_widths (VerkanReportBlock *table,
            ...)
{
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    table->widths[i] = va_arg (args, double);
  va_end (args);
}

static char *
join_leaders (Build *build)
{
  g_autoptr(GPtrArray) people = list_rows (build, "person", "role",
                                           g_variant_new_string ("project-leader"));
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < people->len; i++)
    {
      g_autofree char *name = lookup_string (g_ptr_array_index (people, i), "name");

      if (name[0] == '\0')
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  return g_string_free (names, FALSE);
}

static void
build_project_facts (Build            *build,
                     VerkanReportItem *item)
{
  VerkanReportDocument *doc = build->doc;
  g_autoptr(GVariant) info = verkan_project_get_row (build->project, "project", 1, NULL);
  g_autofree char *start = lookup_string (info, "period_start");
  g_autofree char *end = lookup_string (info, "period_end");
  g_autofree char *period = date_range (start, end);
  g_autofree char *leaders = join_leaders (build);
  VerkanReportBlock *table;
  const struct { const char *label; const char *value; } facts[] = {
    { "Project", doc->title },
    { "Project owner", doc->owner },
    { "Financier", doc->financier },
    { "Project period", period },
    { "Project leader", leaders },
    { "Dnr", doc->dnr },
    { "Report number", doc->report_number },
  };

  table = new_table (build, item->block_id, item->caption, W ("Project facts"), 2, 0);
  set_widths (table, 1.0, 2.5);
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    if (facts[i].value != NULL && facts[i].value[0] != '\0')
      add_row (table, W (facts[i].label), facts[i].value);
}

static void
build_municipalities (Build *build)
{
  g_autoptr(GPtrArray) rows = list_rows (build, "municipality", NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *name = lookup_string (g_ptr_array_index (rows, i), "name");
      verkan_report_document_add_paragraph (build->doc, VERKAN_REPORT_ITEM_BULLET, name);
    }
}

static const struct {
  const char *token;
  const char *english;
} role_words[] = {
  { "project-owner", "Project owner" },
  { "steering-group", "Steering group" },
  { "project-leader", "Project leader" },
  { "project-group", "Project group" },
  { "reference-group", "Reference group" },
  { "contact-person", "Contact person" },
};

static void
build_organisation (Build            *build,
                    VerkanReportItem *item)
{
  VerkanReportDocument *doc = build->doc;
  VerkanReportBlock *table;

  table = new_table (build, item->block_id, item->caption, W ("Project organisation"), 3, 1);
  set_widths (table, 1.2, 1.5, 2.0);
  add_row (table, W ("Role"), W ("Name"), W ("Organisation"));
  for (guint r = 0; r < G_N_ELEMENTS (role_words); r++)
    {
      g_autoptr(GPtrArray) people = list_rows (build, "person", "role",
                                               g_variant_new_string (role_words[r].token));

      for (guint i = 0; i < people->len; i++)
        {
          GVariant *person = g_ptr_array_index (people, i);
          g_autofree char *name = lookup_string (person, "name");
          g_autofree char *organisation = lookup_string (person, "organisation");

          add_row (table, W (role_words[r].english), name, organisation);
        }
    }
}

static const struct {
  const char *token;
  const char *english;
} status_words[] = {
  { "achieved", "Achieved" },
  { "partly-achieved", "Partly achieved" },
  { "not-achieved", "Not achieved" },
  { "unclear", "Unclear" },
  { "not-assessed", "Not assessed" },
};

static const char *
status_word (VerkanReportDocument *doc,
             const char           *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_strcmp0 (status_words[i].token, token) == 0)
      return W (status_words[i].english);
  return "";
}

static void
build_goal_outcomes (Build            *build,
                     VerkanReportItem *item)
{
  static const char *const kinds[] = { "project-goal", "effect-goal" };
  VerkanReportDocument *doc = build->doc;
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_free);
  VerkanReportBlock *table;
  guint n = 0;

  table = new_table (build, item->block_id, item->caption, W ("Outcome of the goals"), 5, 1);
  set_widths (table, 4.0, 1.5, 0.8, 0.8, 0.9);
  for (guint c = 2; c < 5; c++)
    table->align[c] = VERKAN_REPORT_ALIGN_RIGHT;
  add_row (table, W ("Goal"), W ("Outcome"), W ("Fully"), W ("Partly"), W ("Not at all"));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) goals = list_rows (build, "goal", "kind",
                                              g_variant_new_string (kinds[k]));

      for (guint i = 0; i < goals->len; i++)
        {
          GVariant *goal = g_ptr_array_index (goals, i);
          g_autofree char *text = lookup_string (goal, "text");
          g_autofree char *status = lookup_string (goal, "status");
          g_autofree char *outcome = lookup_string (goal, "outcome");
          g_autofree char *full = format_optional (goal, "survey_full");
          g_autofree char *partly = format_optional (goal, "survey_partly");
          g_autofree char *none = format_optional (goal, "survey_not");
          g_autofree char *cell = g_strdup_printf ("%u. %s", ++n, text);

          add_row (table, cell, status_word (doc, status), full, partly, none);
          if (outcome[0] != '\0')
            g_ptr_array_add (outcomes, g_strdup_printf ("%s %u: %s", W ("Goal"), n, outcome));
        }
    }

  for (guint i = 0; i < outcomes->len; i++)
    verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH,
                                          g_ptr_array_index (outcomes, i));
}

static void
build_time_plan (Build            *build,
                 VerkanReportItem *item)
{
  VerkanReportDocument *doc = build->doc;
  g_autoptr(GPtrArray) rows = list_rows (build, "milestone", NULL, NULL);
  VerkanReportBlock *table;

  table = new_table (build, item->block_id, item->caption,
                     W ("Time plan, planned and done"), 3, 1);
  set_widths (table, 2.6, 1.7, 1.7);
  add_row (table, W ("Activity"), W ("Planned"), W ("Done"));
  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      g_autofree char *title = lookup_string (row, "title");
      g_autofree char *ps = lookup_string (row, "planned_start");
      g_autofree char *pe = lookup_string (row, "planned_end");
      g_autofree char *as = lookup_string (row, "actual_start");
      g_autofree char *ae = lookup_string (row, "actual_end");
      g_autofree char *planned = date_range (ps, pe);
      g_autofree char *actual = date_range (as, ae);

      add_row (table, title, planned, actual);
    }
}

static void
build_resources (Build            *build,
                 VerkanReportItem *item)
{
  VerkanReportDocument *doc = build->doc;
  g_autoptr(GPtrArray) rows = list_rows (build, "resource", NULL, NULL);
  g_autofree char *planned_sum = NULL;
  g_autofree char *actual_sum = NULL;
  VerkanReportBlock *table;
  double planned_total = 0, actual_total = 0;

  table = new_table (build, item->block_id, item->caption,
                     W ("Resources, planned and actual hours"), 3, 1);
  set_widths (table, 2.6, 1.2, 1.2);
  table->align[1] = table->align[2] = VERKAN_REPORT_ALIGN_RIGHT;
  add_row (table, W ("Function"), W ("Planned hours"), W ("Actual hours"));
  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      g_autofree char *function = lookup_string (row, "function");
      g_autofree char *planned = format_optional (row, "planned_hours");
      g_autofree char *actual = format_optional (row, "actual_hours");
      double value;

      if (lookup_number (row, "planned_hours", &value))
        planned_total += value;
      if (lookup_number (row, "actual_hours", &value))
        actual_total += value;
      add_row (table, function, planned, actual);
    }

  planned_sum = verkan_format_number (planned_total, -1);
  actual_sum = verkan_format_number (actual_total, -1);
  add_row (table, W ("Total"), planned_sum, actual_sum);
  table->last_row_is_sum = TRUE;
}

/* A block whose data is gone still shows where it was */
static void
build_missing (Build            *build,
               VerkanReportItem *item)
{
  VerkanReportDocument *doc = build->doc;
  g_autofree char *text = g_strdup_printf ("[%s: %s]",
                                           item->caption && item->caption[0]
                                           ? item->caption
                                           : verkan_report_block_kind_label (item->block_kind),
                                           W ("missing"));
  VerkanReportBlock *block = verkan_report_document_add_paragraph (doc,
                                                                   VERKAN_REPORT_ITEM_PARAGRAPH,
                                                                   NULL);
  verkan_report_block_add_run (block, text, VERKAN_REPORT_SPAN_ITALIC);
}

static void
add_model_figure (Build               *build,
                  VerkanReportItem    *item,
                  VerkanModelSnapshot *model)
{
  VerkanReportDocument *doc = build->doc;
  g_autofree char *label = g_strdup_printf ("%s %u", W ("Figure"), ++build->n_figures);
  g_autofree char *caption = item->caption && item->caption[0]
                             ? g_strdup (item->caption) : verkan_model_dup_caption (model);

  verkan_report_document_add_model (doc, label, caption, model);
  g_hash_table_insert (build->labels, g_strdup (item->block_id), g_strdup (label));
}

static void
build_model (Build            *build,
             VerkanReportItem *item)
{
  gint64 id = find_by_uuid (build, "logic_model", item->block_ref);
  VerkanModelSnapshot *model = id ? verkan_model_snapshot_load (build->project, id, NULL) : NULL;

  if (model == NULL)
    build_missing (build, item);
  else
    add_model_figure (build, item, model);
}

static void
build_model_version (Build            *build,
                     VerkanReportItem *item)
{
  gint64 id = find_by_uuid (build, "model_version", item->block_ref);
  VerkanModelSnapshot *model = id ? verkan_model_snapshot_load_version (build->project, id, NULL)
                                  : NULL;

  if (model == NULL)
    build_missing (build, item);
  else
    add_model_figure (build, item, model);
}

static void
build_chart (Build            *build,
             VerkanReportItem *item)
{
  VerkanReportDocument *doc = build->doc;
  gint64 id = find_by_uuid (build, "chart", item->block_ref);
  VerkanChartData *data = id ? verkan_chart_data_load_chart (build->project, id, NULL) : NULL;
  g_autofree char *label = NULL;
  g_autofree char *caption = NULL;

  if (data == NULL)
    {
      build_missing (build, item);
      return;
    }
  label = g_strdup_printf ("%s %u", W ("Chart"), ++build->n_charts);
  caption = g_strdup (item->caption && item->caption[0] ? item->caption
                      : data->title ? data->title : "");
  verkan_report_document_add_chart (doc, label, caption, data);
  g_hash_table_insert (build->labels, g_strdup (item->block_id), g_strdup (label));
}

static void
build_appendix_list (Build *build)
{
  VerkanReportDocument *doc = build->doc;

  if (doc->appendices->len == 0)
    verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, W ("No appendices."));
  for (guint i = 0; i < doc->appendices->len; i++)
    {
      VerkanReportAppendix *appendix = g_ptr_array_index (doc->appendices, i);
      verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, appendix->label);
    }
}

/* The KPI's title and the day its values were fetched, from the cache */
static void
kpi_details (Build       *build,
             const char  *kpi,
             char       **title,
             char       **fetched)
{
  sqlite3_stmt *stmt = NULL;

  *title = NULL;
  *fetched = NULL;
  if (sqlite3_prepare_v2 (build->db,
                          "SELECT (SELECT title FROM kolada_kpi WHERE id = ?1), "
                          "COALESCE((SELECT MAX(fetched_at) FROM kolada_value WHERE kpi = ?1), "
                          "(SELECT fetched_at FROM kolada_kpi WHERE id = ?1))",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, kpi, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *t = (const char *) sqlite3_column_text (stmt, 0);
          const char *f = (const char *) sqlite3_column_text (stmt, 1);

          *title = t && t[0] ? g_strdup (t) : NULL;
          *fetched = f && strlen (f) >= 10 ? g_strndup (f, 10) : NULL;
        }
    }
  sqlite3_finalize (stmt);
}

static void
build_references (Build *build)
{
  VerkanReportDocument *doc = build->doc;
  g_autoptr(GPtrArray) rows = list_rows (build, "report_reference", NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      g_autofree char *text = lookup_string (row, "text");
      g_autofree char *url = lookup_string (row, "url");
      VerkanReportBlock *block;

      if (text[0] == '\0' && url[0] == '\0')
        continue;
      block = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, text);
      if (url[0] != '\0')
        {
          VerkanReportRun *run;

          if (text[0] != '\0')
            verkan_report_block_add_run (block, " ", 0);
          run = verkan_report_block_add_run (block, url, 0);
          run->href = g_strdup (url);
        }
    }

  for (guint i = 0; i < build->kpis->len; i++)
    {
      const char *kpi = g_ptr_array_index (build->kpis, i);
      g_autofree char *title = NULL;
      g_autofree char *fetched = NULL;
      GString *line = g_string_new ("Kolada (RKA). ");

      kpi_details (build, kpi, &title, &fetched);
      g_string_append (line, kpi);
      if (title != NULL)
        g_string_append_printf (line, " %s", title);
      g_string_append_c (line, '.');
      if (fetched != NULL)
        g_string_append_printf (line, " %s %s.", W ("Retrieved"), fetched);
      verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, line->str);
      g_string_free (line, TRUE);
    }
}

/* The KPIs of the charts placed anywhere in the report, in reading order */
static void
collect_kpis (Build     *build,
              GPtrArray *bodies)
{
  for (guint b = 0; b < bodies->len; b++)
    {
      VerkanReportBody *body = g_ptr_array_index (bodies, b);

      for (guint i = 0; body != NULL && i < body->items->len; i++)
        {
          VerkanReportItem *item = g_ptr_array_index (body->items, i);
          g_autoptr(GVariant) row = NULL;
          g_autoptr(VerkanChartSpec) spec = NULL;
          g_autofree char *json = NULL;
          gint64 id;

          if (item->kind != VERKAN_REPORT_ITEM_BLOCK || g_strcmp0 (item->block_kind, "chart") != 0)
            continue;
          id = find_by_uuid (build, "chart", item->block_ref);
          row = id ? verkan_project_get_row (build->project, "chart", id, NULL) : NULL;
          json = lookup_string (row, "spec");
          spec = row ? verkan_chart_spec_from_json (json, NULL) : NULL;
          if (spec != NULL && spec->kpi != NULL && spec->kpi[0] != '\0' &&
              !g_ptr_array_find_with_equal_func (build->kpis, spec->kpi, g_str_equal, NULL))
            g_ptr_array_add (build->kpis, g_strdup (spec->kpi));
        }
    }
}

static void
build_paragraph (Build            *build,
                 VerkanReportItem *item,
                 gint64            section_id)
{
  VerkanReportBlock *block = verkan_report_document_add_paragraph (build->doc, item->kind, NULL);

  block->section_id = section_id;
  for (guint i = 0; i < item->spans->len; i++)
    {
      VerkanReportSpan *span = g_ptr_array_index (item->spans, i);
      VerkanReportRun *run;

      switch (span->kind)
        {
        case VERKAN_REPORT_SPAN_NOTE:
          run = verkan_report_block_add_run (block, span->text, 0);
          run->footnote = ++build->n_footnotes;
          break;

        case VERKAN_REPORT_SPAN_REF:
          {
            Pending *pending = g_new0 (Pending, 1);

            run = verkan_report_block_add_run (block, "", span->flags);
            run->href = g_strdup_printf ("#block-%s", span->ref ? span->ref : "");
            pending->run = run;
            pending->target = g_strdup (span->ref ? span->ref : "");
            g_ptr_array_add (build->refs, pending);
          }
          break;

        case VERKAN_REPORT_SPAN_TEXT:
        default:
          if (span->text == NULL || span->text[0] == '\0')
            break;
          run = verkan_report_block_add_run (block, span->text, span->flags);
          run->href = g_strdup (span->href);
          break;
        }
    }
}

static void
build_block (Build            *build,
             VerkanReportItem *item,
             gint64            section_id)
{
  const char *kind = item->block_kind;
  guint first = build->doc->blocks->len;

  if (g_strcmp0 (kind, "project-facts") == 0)
    build_project_facts (build, item);
  else if (g_strcmp0 (kind, "municipalities") == 0)
    build_municipalities (build);
  else if (g_strcmp0 (kind, "organisation") == 0)
    build_organisation (build, item);
  else if (g_strcmp0 (kind, "goal-outcomes") == 0)
    build_goal_outcomes (build, item);
  else if (g_strcmp0 (kind, "time-plan") == 0)
    build_time_plan (build, item);
  else if (g_strcmp0 (kind, "resources") == 0)
    build_resources (build, item);
  else if (g_strcmp0 (kind, "model") == 0)
    build_model (build, item);
  else if (g_strcmp0 (kind, "model-version") == 0)
    build_model_version (build, item);
  else if (g_strcmp0 (kind, "chart") == 0)
    build_chart (build, item);
  else if (g_strcmp0 (kind, "appendices") == 0)
    build_appendix_list (build);
  else if (g_strcmp0 (kind, "references") == 0)
    build_references (build);
  /* a kind from a newer Verkan draws nothing */

  /* the first block made is the one a cross-reference lands on */
  for (guint i = first; i < build->doc->blocks->len; i++)
    {
      VerkanReportBlock *block = g_ptr_array_index (build->doc->blocks, i);

      block->section_id = section_id;
      g_free (block->anchor);
      block->anchor = i == first ? g_strdup_printf ("block-%s", item->block_id)
                                 : g_strdup_printf ("block-%s-%u", item->block_id, i - first);
    }
}

static VerkanReportAppendixKind
appendix_kind (const VerkanAppendix *appendix)
{
  if (appendix->model_version_id != 0)
    return VERKAN_REPORT_APPENDIX_MODEL;
  if (g_strcmp0 (appendix->mime_type, "application/pdf") == 0)
    return VERKAN_REPORT_APPENDIX_PDF;
  if (appendix->mime_type != NULL && g_str_has_prefix (appendix->mime_type, "image/"))
    return VERKAN_REPORT_APPENDIX_IMAGE;
  return VERKAN_REPORT_APPENDIX_OTHER;
}

static void
build_appendices (Build                  *build,
                  VerkanReportBuildFlags  flags)
{
  VerkanReportDocument *doc = build->doc;
  g_autoptr(GPtrArray) list = verkan_appendix_list (build->project, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      VerkanAppendix *appendix = g_ptr_array_index (list, i);
      VerkanReportAppendixKind kind = appendix_kind (appendix);
      VerkanModelSnapshot *model = NULL;
      g_autofree char *path = NULL;
      g_autofree char *label = NULL;
      VerkanReportAppendix *added;

      if (kind == VERKAN_REPORT_APPENDIX_MODEL)
        {
          model = verkan_model_snapshot_load_version (build->project, appendix->model_version_id,
                                                      NULL);
          if (model == NULL)
            kind = VERKAN_REPORT_APPENDIX_OTHER;
        }
      else if ((flags & VERKAN_REPORT_BUILD_APPENDIX_FILES) &&
               (kind == VERKAN_REPORT_APPENDIX_PDF || kind == VERKAN_REPORT_APPENDIX_IMAGE))
        {
          /* an appendix that cannot be copied out is still listed; the
           * writer says it could not be read */
          path = verkan_document_store_dup_temp_copy (build->project, appendix->document_id, NULL);
        }

      added = verkan_report_document_add_appendix (doc, kind, appendix->title, appendix->date,
                                                   path, model);
      added->number = appendix->number ? appendix->number : added->number;
      added->mime_type = g_strdup (appendix->mime_type);
      added->file_name = g_strdup (appendix->file_name);
      label = verkan_appendix_dup_label (appendix, doc->language);
      if (label != NULL && label[0] != '\0')
        {
          g_free (added->label);
          added->label = g_steal_pointer (&label);
        }
    }
}

VerkanReportDocument *
verkan_report_document_build (VerkanProject           *project,
                              VerkanReportBuildFlags   flags,
                              GError                 **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GVariant) info = NULL;
  VerkanReportDocument *doc;
  Build build = { NULL, };

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sections = verkan_report_list_sections (project, error);
  if (sections == NULL)
    return NULL;
  info = verkan_project_get_row (project, "project", 1, error);
  if (info == NULL)
    return NULL;

  doc = verkan_report_document_new (NULL);
#define TAKE(field, column) G_STMT_START { g_free (doc->field); \
    doc->field = lookup_string (info, column); } G_STMT_END
  TAKE (title, "title");
  TAKE (subtitle, "subtitle");
  TAKE (author, "author");
  TAKE (report_number, "report_number");
  TAKE (dnr, "dnr");
  TAKE (financier, "financier");
  TAKE (owner, "owner");
  TAKE (language, "language");
#undef TAKE
  {
    g_autofree char *date = lookup_string (info, "date");
    doc->date = date[0] != '\0' ? g_steal_pointer (&date) : NULL;
  }
  if (g_strcmp0 (doc->language, "en") != 0)
    {
      g_free (doc->language);
      doc->language = g_strdup ("sv");
    }

  build.project = project;
  build.db = verkan_project_get_db (project);
  build.doc = doc;
  build.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build.refs = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  build.kpis = g_ptr_array_new_with_free_func (g_free);

  /* a body that cannot be read is printed as empty, never fails the report */
  bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_report_body_free);
  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      VerkanReportBody *body = verkan_report_body_parse (section->body, NULL);

      g_ptr_array_add (bodies, body ? body : verkan_report_body_new ());
    }
  collect_kpis (&build, bodies);
  /* the appendix list block prints what the appendices are */
  build_appendices (&build, flags);

  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      VerkanReportBody *body = g_ptr_array_index (bodies, i);
      VerkanReportBlock *heading;

      heading = verkan_report_document_add_heading (doc, section->depth + 1, section->number,
                                                    section->title);
      heading->section_id = section->id;
      g_free (heading->anchor);
      heading->anchor = g_strdup_printf ("section-%" G_GINT64_FORMAT, section->id);

      for (guint j = 0; j < body->items->len; j++)
        {
          VerkanReportItem *item = g_ptr_array_index (body->items, j);

          if (item->kind == VERKAN_REPORT_ITEM_BLOCK)
            build_block (&build, item, section->id);
          else
            build_paragraph (&build, item, section->id);
        }
    }

  /* now every label is known */
  for (guint i = 0; i < build.refs->len; i++)
    {
      Pending *pending = g_ptr_array_index (build.refs, i);
      const char *label = g_hash_table_lookup (build.labels, pending->target);

      g_free (pending->run->text);
      pending->run->text = g_strdup (label ? label : W ("(missing)"));
      if (label == NULL)
        g_clear_pointer (&pending->run->href, g_free);
    }

  g_hash_table_unref (build.labels);
  g_ptr_array_unref (build.refs);
  g_ptr_array_unref (build.kpis);
  return doc;
}
