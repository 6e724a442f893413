/* verkan-report-document.h: the report as it will be printed.
 *
 * verkan_report_document_build () reads the project once (on the thread
 * that owns the project) and resolves everything: section numbers,
 * generated blocks turned into real tables and paragraphs, figures
 * numbered per kind (Figur, Diagram, Tabell) with captions and "Källa:"
 * lines, cross-references turned into their labels, footnotes numbered
 * through the report, the appendices with their files.  The result owns
 * all its data and touches no database, so the PDF and ODT writers and
 * the preview read it in a worker thread.  Figures are drawn by
 * verkan_report_figure_draw (), the same code for the PDF, the ODT's SVG
 * and PNG, and the preview (DESIGN.md rule 5).
 *
 * The writers know four block kinds only: heading, paragraph, table and
 * figure.  Tests and benches build documents by hand with the adders.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "verkan-chart-data.h"
#include "verkan-model-snapshot.h"
#include "verkan-project.h"
#include "verkan-report-body.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_REPORT_BLOCK_HEADING,
  VERKAN_REPORT_BLOCK_PARAGRAPH,
  VERKAN_REPORT_BLOCK_TABLE,
  VERKAN_REPORT_BLOCK_FIGURE,
} VerkanReportBlockKind;

/* One piece of a paragraph.  A footnote mark has footnote > 0 and its
 * note's text in @text; the writers print the number as a superscript and
 * the note at the foot of the page (PDF) or as a real footnote (ODT).  A
 * link whose href starts with "#" points at a block's anchor. */
typedef struct {
  char                  *text;
  VerkanReportSpanFlags  flags;
  char                  *href;
  guint                  footnote;
} VerkanReportRun;

typedef enum {
  VERKAN_REPORT_ALIGN_LEFT,
  VERKAN_REPORT_ALIGN_RIGHT,    /* numbers */
} VerkanReportAlign;

typedef enum {
  VERKAN_REPORT_FIGURE_CHART,
  VERKAN_REPORT_FIGURE_MODEL,
} VerkanReportFigureKind;

typedef struct {
  VerkanReportBlockKind  kind;
  char                  *anchor;         /* unique: "section-12", "block-<id>" */
  gint64                 section_id;     /* the section it belongs to, 0: none */

  /* HEADING */
  guint                  level;          /* 1 for a chapter */
  char                  *number;         /* "2.1", "" when unnumbered */
  char                  *text;           /* the heading's text (also TABLE/FIGURE: caption text) */

  /* PARAGRAPH */
  VerkanReportItemKind   style;          /* PARAGRAPH, BULLET or NUMBERED */
  guint                  list_number;    /* NUMBERED: 1, 2, 3 … within a run of items */
  GPtrArray             *runs;           /* of VerkanReportRun * */

  /* TABLE and FIGURE: "Tabell 2" / "Diagram 3" / "Figur 1", the caption
   * (in @text) and the source line ("Källa: Kolada, …"), or NULL */
  char                  *label;
  char                  *source;

  /* TABLE: rows of cells (GStrv of n_columns each), the first
   * n_header_rows repeated on every page; a sum row is printed bold */
  guint                  n_columns;
  GPtrArray             *rows;           /* of GStrv */
  guint                  n_header_rows;
  gboolean               last_row_is_sum;
  VerkanReportAlign     *align;          /* n_columns entries */
  double                *widths;         /* n_columns relative weights */

  /* FIGURE: what to draw, loaded at build time */
  VerkanReportFigureKind figure_kind;
  double                 aspect;         /* width / height it looks best at */
  VerkanChartData       *chart;          /* CHART */
  VerkanModelSnapshot   *model;          /* MODEL */
} VerkanReportBlock;

typedef enum {
  VERKAN_REPORT_APPENDIX_PDF,     /* pages appended, drawn by poppler */
  VERKAN_REPORT_APPENDIX_IMAGE,   /* placed on a page */
  VERKAN_REPORT_APPENDIX_MODEL,   /* a frozen logic model, drawn */
  VERKAN_REPORT_APPENDIX_OTHER,   /* listed: delivered separately */
} VerkanReportAppendixKind;

typedef struct {
  guint                     number;   /* "Bilaga 1" */
  char                     *title;
  char                     *date;     /* YYYY-MM-DD or NULL */
  char                     *label;    /* "Bilaga 5: Analysunderlag för Hallsberg, daterad 2022-06-23" */
  VerkanReportAppendixKind  kind;
  char                     *mime_type;
  char                     *file_name;  /* as added */
  /* PDF, IMAGE: a private read-only temporary copy of the bytes, when the
   * document was built with VERKAN_REPORT_BUILD_APPENDIX_FILES; else NULL */
  char                     *path;
  VerkanModelSnapshot      *model;      /* MODEL */
} VerkanReportAppendix;

typedef struct {
  /* the cover and the metadata */
  char       *title;
  char       *subtitle;
  char       *author;
  char       *date;           /* YYYY-MM-DD */
  char       *report_number;  /* "2022:05" */
  char       *dnr;
  char       *financier;
  char       *owner;
  char       *language;       /* "sv" or "en": the words the writers add */
  GPtrArray  *blocks;         /* of VerkanReportBlock * */
  GPtrArray  *appendices;     /* of VerkanReportAppendix * */
} VerkanReportDocument;

typedef enum {
  VERKAN_REPORT_BUILD_NONE            = 0,
  /* write temporary copies of PDF and image appendices (export only) */
  VERKAN_REPORT_BUILD_APPENDIX_FILES  = 1 << 0,
} VerkanReportBuildFlags;

VerkanReportDocument *verkan_report_document_build (VerkanProject          *project,
                                                    VerkanReportBuildFlags  flags,
                                                    GError                **error);
VerkanReportDocument *verkan_report_document_new   (const char             *title);
void                  verkan_report_document_free  (VerkanReportDocument   *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanReportDocument, verkan_report_document_free)

/* Adders, used by the builder and by tests and benches */
VerkanReportBlock *verkan_report_document_add_heading   (VerkanReportDocument *doc,
                                                         guint                 level,
                                                         const char           *number,
                                                         const char           *text);
VerkanReportBlock *verkan_report_document_add_paragraph (VerkanReportDocument *doc,
                                                         VerkanReportItemKind  style,
                                                         const char           *text);
VerkanReportRun   *verkan_report_block_add_run          (VerkanReportBlock    *block,
                                                         const char           *text,
                                                         VerkanReportSpanFlags flags);
/* @n_columns cells per row; then add rows, the first n_header_rows are headers */
VerkanReportBlock *verkan_report_document_add_table     (VerkanReportDocument *doc,
                                                         const char           *label,
                                                         const char           *caption,
                                                         guint                 n_columns,
                                                         guint                 n_header_rows);
void               verkan_report_block_add_row          (VerkanReportBlock    *table,
                                                         const char *const    *cells);
/* takes ownership of @chart */
VerkanReportBlock *verkan_report_document_add_chart     (VerkanReportDocument *doc,
                                                         const char           *label,
                                                         const char           *caption,
                                                         VerkanChartData      *chart);
/* takes ownership of @model */
VerkanReportBlock *verkan_report_document_add_model     (VerkanReportDocument *doc,
                                                         const char           *label,
                                                         const char           *caption,
                                                         VerkanModelSnapshot  *model);
/* takes ownership of @model (may be NULL) */
VerkanReportAppendix *verkan_report_document_add_appendix (VerkanReportDocument   *doc,
                                                           VerkanReportAppendixKind kind,
                                                           const char             *title,
                                                           const char             *date,
                                                           const char             *path,
                                                           VerkanModelSnapshot    *model);

/* Draws a figure into the rectangle (0, 0, width, height) in points, as
 * vectors: the chart in print style (light, no title: the caption is the
 * writer's), the logic model scaled to fit.  Safe in any thread. */
void     verkan_report_figure_draw       (const VerkanReportBlock *figure,
                                          cairo_t                 *cr,
                                          double                   width,
                                          double                   height);
/* The width / height a model looks best at: its own layout's, kept
 * between 0.5 and 4 (1.6 for an empty model) */
double   verkan_report_model_aspect      (VerkanModelSnapshot     *model);
/* Draws a frozen-model appendix likewise */
void     verkan_report_model_draw        (VerkanModelSnapshot     *model,
                                          cairo_t                 *cr,
                                          double                   width,
                                          double                   height);
/* The page words in the document's language: "Innehåll", "Sida", "Bilaga",
 * "Bilagan levereras separat", "Förhandsvisning saknas" … by English key;
 * writers call this instead of _() so an English report reads English even
 * on a Swedish desktop */
const char *verkan_report_document_word  (const VerkanReportDocument *doc,
                                          const char                 *english);
/* The keys it knows (an unknown key comes back as it is): "Contents",
 * "Page", "Figure", "Chart", "Table", "Source", "Source:", "Footnotes",
 * "Report number", "Dnr", "Date", "Author", "Final report", "Appendix",
 * "Appendices", "dated", "No appendices.", "The appendix is delivered
 * separately.", "The appendix could not be read.", "No preview available",
 * "(missing)", "Project", "Project owner", "Financier", "Project period",
 * "Project leader", "Total" and the table headings the builder uses. */

G_END_DECLS
