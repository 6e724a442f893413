/* verkan-report-edit.h: the report's outline and texts as edits.
 *
 * The report is a tree of sections (table report_section, schema 6).  Every
 * change here is one command on the project, so it is undoable and saved
 * at once; typing into a body or a title merges into one undo step like
 * every text field.  New projects start from a template, data/templates/
 * report-<name>.xml (in the core GResource): "sv" gives the slutrapport's
 * chapters in Swedish, "en" the same in English.
 *
 * Template format (the same <section> shape as the project XML's <report>):
 *
 *   <report-template xmlns="urn:x-verkan:project:1" language="sv">
 *     <section title="Grundläggande information">
 *       <body><p>…</p><block kind="project-facts"/></body>
 *       <section title="Syfte"><body>…</body></section>
 *     </section>
 *   </report-template>
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_REPORT_ERROR (verkan_report_error_quark ())
typedef enum {
  VERKAN_REPORT_ERROR_NOT_FOUND,      /* no such section, template, chart … */
  VERKAN_REPORT_ERROR_INVALID_MOVE,   /* a section into itself or below itself */
  VERKAN_REPORT_ERROR_TEMPLATE,       /* a template that cannot be read */
  VERKAN_REPORT_ERROR_FAILED,         /* an export failed (see the message) */
  VERKAN_REPORT_ERROR_CANCELLED,
} VerkanReportError;
GQuark verkan_report_error_quark (void);

typedef struct {
  gint64  id;
  char   *uuid;
  gint64  parent_id;    /* 0: a chapter */
  guint   position;     /* among its siblings */
  guint   depth;        /* 0 for a chapter */
  char   *number;       /* "2.1.3" as printed */
  char   *title;
  char   *body;         /* the body XML */
} VerkanReportSection;

void       verkan_report_section_free   (VerkanReportSection *section);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanReportSection, verkan_report_section_free)

/* All sections in reading order (depth first), numbered.  A GPtrArray of
 * VerkanReportSection * */
GPtrArray *verkan_report_list_sections  (VerkanProject  *project,
                                         GError        **error);
VerkanReportSection *verkan_report_get_section (VerkanProject *project,
                                                gint64         section_id,
                                                GError       **error);

/* @parent_id 0: a chapter; @position G_MAXUINT: last.  "Add section" */
gint64     verkan_report_add_section    (VerkanProject  *project,
                                         gint64          parent_id,
                                         guint           position,
                                         const char     *title,
                                         GError        **error);
/* Removes a section and everything below it: one undo step */
gboolean   verkan_report_remove_section (VerkanProject  *project,
                                         gint64          section_id,
                                         GError        **error);
gboolean   verkan_report_rename_section (VerkanProject  *project,
                                         gint64          section_id,
                                         const char     *title,
                                         GError        **error);
/* Moves under @new_parent_id (0: chapters) at @position among the new
 * siblings (G_MAXUINT: last); refuses a move into its own subtree */
gboolean   verkan_report_move_section   (VerkanProject  *project,
                                         gint64          section_id,
                                         gint64          new_parent_id,
                                         guint           position,
                                         GError        **error);
/* Stores a body; consecutive calls for one section merge into one undo
 * step while the user types */
gboolean   verkan_report_set_body       (VerkanProject  *project,
                                         gint64          section_id,
                                         const char     *body_xml,
                                         GError        **error);

/* The template names ("sv", "en") and their titles for people */
GStrv      verkan_report_list_templates (void);
char      *verkan_report_dup_template_title (const char *name);
/* Adds the template's sections after any there are: one undo step
 * "Use template" */
gboolean   verkan_report_apply_template (VerkanProject  *project,
                                         const char     *name,
                                         GError        **error);

/* The Referenser list (table report_reference), in order */
gint64     verkan_report_add_reference  (VerkanProject  *project,
                                         const char     *text,
                                         const char     *url,
                                         GError        **error);

G_END_DECLS
