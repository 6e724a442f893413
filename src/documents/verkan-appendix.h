/* verkan-appendix.h: the slutrapport's numbered appendices (table
 * appendix, schema 5).  An appendix is a document or a frozen logic-model
 * version; its number is its position + 1, so reordering renumbers.
 * Every change is one undoable command.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "verkan-project.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  guint   number;            /* 1-based */
  char   *title;
  char   *date;              /* YYYY-MM-DD or NULL */
  gint64  document_id;       /* 0 when a model version */
  gint64  model_version_id;  /* 0 when a document */
  char   *mime_type;         /* the document's, NULL for a model version */
  char   *file_name;         /* the document's, NULL for a model version */
} VerkanAppendix;

void       verkan_appendix_free       (VerkanAppendix *appendix);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanAppendix, verkan_appendix_free)

/* In order: a GPtrArray of VerkanAppendix * */
GPtrArray *verkan_appendix_list       (VerkanProject  *project,
                                       GError        **error);
/* "Bilaga 5: Analysunderlag för Hallsberg, daterad 2022-06-23" (", daterad
 * …" only with a date); @language "sv" or "en" ("Appendix 5: …, dated …") */
char      *verkan_appendix_dup_label  (const VerkanAppendix *appendix,
                                       const char           *language);
/* The appendix of a document, 0 when it is none */
gint64     verkan_appendix_find_document (VerkanProject *project,
                                          gint64         document_id);

/* @number 0: last; else inserted as number N.  Title and date default to
 * the document's (the model version's).  "Make appendix" */
gint64     verkan_appendix_add_document  (VerkanProject  *project,
                                          gint64          document_id,
                                          guint           number,
                                          GError        **error);
gint64     verkan_appendix_add_model_version (VerkanProject  *project,
                                              gint64          model_version_id,
                                              guint           number,
                                              GError        **error);
/* Renumbers the ones after it */
gboolean   verkan_appendix_remove        (VerkanProject  *project,
                                          gint64          appendix_id,
                                          GError        **error);
/* To number @number (1-based) */
gboolean   verkan_appendix_move          (VerkanProject  *project,
                                          gint64          appendix_id,
                                          guint           number,
                                          GError        **error);

/* Added by the owner, for the document store (adding a document as an
 * appendix, removing one that is) so the numbering lives in one place:
 * adds to @command the appendix row for @document_id or @model_version_id
 * (the other 0) as number @number (0: last), and the renumbering of the
 * others.  Reads the current order; the caller executes the command. */
gboolean   verkan_appendix_add_to_command (VerkanProject  *project,
                                           VerkanCommand  *command,
                                           gint64          document_id,
                                           gint64          model_version_id,
                                           const char     *title,
                                           const char     *date,
                                           guint           number,
                                           GError        **error);
/* Adds to @command the renumbering of the appendices that stay when
 * @appendix_id goes (the caller deletes it, or its document) */
gboolean   verkan_appendix_close_up_in_command (VerkanProject  *project,
                                                VerkanCommand  *command,
                                                gint64          appendix_id,
                                                GError        **error);

G_END_DECLS
