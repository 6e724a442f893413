/* verkan-report-layout.h: the report set on A4 pages.
 *
 * Lays out a VerkanReportDocument with pango: the cover, the table of
 * contents (with the page numbers the headings really land on: the
 * layout runs twice when the contents grow a page), then the text with
 * running headers and page numbers.  Widows and orphans are avoided, a
 * heading is kept with what follows, tables repeat their header rows on
 * every page, figures are never split, footnotes go to the foot of their
 * page.  The appendices are not part of the layout (the PDF writer adds
 * them).  Uses a font map of its own, so it may run in any thread; the
 * PDF writer and the Rapport page's preview draw the same pages.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "verkan-report-document.h"

G_BEGIN_DECLS

/* A4 in points */
#define VERKAN_REPORT_PAGE_WIDTH  595.276
#define VERKAN_REPORT_PAGE_HEIGHT 841.89

typedef struct _VerkanReportLayout VerkanReportLayout;

typedef struct {
  char   *anchor;       /* the block's anchor */
  guint   level;
  char   *number;
  char   *text;
  guint   page;         /* 0-based page index in the layout */
  double  y;            /* points from the page's top */
} VerkanReportTocEntry;

/* @doc must outlive the layout.  NULL with an error when cancelled. */
VerkanReportLayout *verkan_report_layout_new        (const VerkanReportDocument *doc,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);
void                verkan_report_layout_free       (VerkanReportLayout         *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanReportLayout, verkan_report_layout_free)

guint  verkan_report_layout_get_n_pages    (VerkanReportLayout *layout);
/* Draws page @page (0-based) at 1 unit = 1 point, the page's top left at
 * the origin, white paper included.  Internal links and link targets are
 * tagged (cairo_tag_begin) for surfaces that use them (PDF). */
void   verkan_report_layout_draw_page      (VerkanReportLayout *layout,
                                            guint               page,
                                            cairo_t            *cr);
/* The headings with their pages: a GPtrArray of VerkanReportTocEntry *,
 * owned by the layout */
GPtrArray *verkan_report_layout_get_toc    (VerkanReportLayout *layout);
/* The first page showing something of @section_id, for the preview; -1 */
int    verkan_report_layout_find_section   (VerkanReportLayout *layout,
                                            gint64              section_id);

G_END_DECLS
