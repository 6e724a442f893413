/* verkan-report-body.h: the rich text of one report section.
 *
 * A section's body is stored (report_section.body) as a small XML
 * document.  Paragraphs are flat: a list item is a paragraph with a list
 * style, so that a word-processor-like editor maps one paragraph to one
 * line of its buffer.  Generated blocks sit between paragraphs and are
 * moved and removed like them.
 *
 *   <body>
 *     <p>Plain, <b>bold</b>, <i>italic</i>, <b><i>both</i></b>,
 *        <a href="https://www.kolada.se">a link</a>, a footnote
 *        mark<note>The footnote's text, plain.</note>, and a cross-reference:
 *        se <ref to="BLOCK-ID"/>.</p>
 *     <p list="bullet">a bullet item</p>
 *     <p list="numbered">a numbered item</p>
 *     <block id="BLOCK-ID" kind="chart" ref="CHART-UUID"/>
 *     <block id="…" kind="model" ref="LOGIC-MODEL-UUID"/>         live model
 *     <block id="…" kind="model-version" ref="MODEL-VERSION-UUID"/> frozen
 *     <block id="…" kind="goal-outcomes" caption="Own caption"/>
 *   </body>
 *
 * Block kinds: project-facts, municipalities, organisation, goal-outcomes,
 * time-plan, resources, model, model-version, chart, appendices,
 * references.  "caption" is optional (the default caption comes from the
 * data).  A <ref> names a block's id and is printed as that block's label
 * ("Diagram 3", "Tabell 2", "Figur 1"), so it follows the figure when it
 * moves.  Unknown elements are read as their text; text outside <p> is
 * ignored.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VERKAN_REPORT_BODY_ERROR (verkan_report_body_error_quark ())
typedef enum {
  VERKAN_REPORT_BODY_ERROR_INVALID,   /* not well-formed, or not a <body> */
} VerkanReportBodyError;
GQuark verkan_report_body_error_quark (void);

typedef enum {
  VERKAN_REPORT_SPAN_TEXT,   /* text, with flags and maybe a link */
  VERKAN_REPORT_SPAN_NOTE,   /* a footnote mark; text is the note's text */
  VERKAN_REPORT_SPAN_REF,    /* a cross-reference; ref is the block id */
} VerkanReportSpanKind;

typedef enum {
  VERKAN_REPORT_SPAN_BOLD   = 1 << 0,
  VERKAN_REPORT_SPAN_ITALIC = 1 << 1,
} VerkanReportSpanFlags;

typedef struct {
  VerkanReportSpanKind   kind;
  VerkanReportSpanFlags  flags;
  char                  *text;
  char                  *href;   /* TEXT: a link, or NULL */
  char                  *ref;    /* REF: the block id */
} VerkanReportSpan;

typedef enum {
  VERKAN_REPORT_ITEM_PARAGRAPH,
  VERKAN_REPORT_ITEM_BULLET,
  VERKAN_REPORT_ITEM_NUMBERED,
  VERKAN_REPORT_ITEM_BLOCK,
} VerkanReportItemKind;

typedef struct {
  VerkanReportItemKind  kind;
  GPtrArray            *spans;        /* of VerkanReportSpan *; empty for a block */
  char                 *block_id;     /* BLOCK: unique within the report */
  char                 *block_kind;   /* BLOCK: "chart", "goal-outcomes", … */
  char                 *block_ref;    /* BLOCK: a uuid, or NULL */
  char                 *caption;      /* BLOCK: the caption typed, or NULL */
} VerkanReportItem;

typedef struct {
  GPtrArray *items;                   /* of VerkanReportItem * */
} VerkanReportBody;

/* The block kinds, NULL-terminated, and their names for people
 * ("Diagram", "Måluppfyllelse", …) */
extern const char *const verkan_report_block_kinds[];
const char *verkan_report_block_kind_label (const char *kind);

VerkanReportBody *verkan_report_body_new       (void);
/* NULL or "" gives an empty body */
VerkanReportBody *verkan_report_body_parse     (const char             *xml,
                                                GError                **error);
/* "<body>…</body>", no XML declaration; parse (to_xml (b)) equals b */
char             *verkan_report_body_to_xml    (const VerkanReportBody *body);
/* Paragraph text joined by newlines, notes and blocks left out: for
 * search and for the outline's tooltips */
char             *verkan_report_body_to_plain  (const VerkanReportBody *body);
VerkanReportBody *verkan_report_body_copy      (const VerkanReportBody *body);
void              verkan_report_body_free      (VerkanReportBody       *body);

VerkanReportItem *verkan_report_body_add_paragraph (VerkanReportBody     *body,
                                                    VerkanReportItemKind  kind);
VerkanReportSpan *verkan_report_item_add_span      (VerkanReportItem     *item,
                                                    VerkanReportSpanKind  kind,
                                                    VerkanReportSpanFlags flags,
                                                    const char           *text);
/* @block_id NULL: a new random uuid */
VerkanReportItem *verkan_report_body_add_block     (VerkanReportBody     *body,
                                                    const char           *block_kind,
                                                    const char           *block_ref,
                                                    const char           *block_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanReportBody, verkan_report_body_free)

G_END_DECLS
