/* verkan-model-edit.h: the edits of a logic model that touch more than one
 * row: new models from a template, duplicating, cards placed in a column,
 * links, deleting a selection, copy and paste, and freezing a version.
 *
 * Each function is one command on the project's stack, so one Ctrl+Z
 * undoes it whole.  The canvas, the form view and the command line call
 * these and nothing else for these edits (DESIGN.md rule 1). */
#pragma once

#include "verkan-model-snapshot.h"

G_BEGIN_DECLS

/* The MIME type of copied cards on the clipboard */
#define VERKAN_MODEL_CARDS_MIME_TYPE "application/x-verkan-cards+xml"

/* A new model, last in the list.  @municipality: a Kolada code or NULL for
 * the whole project.  @template_token: "standard" (a first card in each
 * of the six columns, linked left to right, whose texts say what belongs
 * there) or "blank" (no cards).  Returns the model's id, 0 on error. */
gint64    verkan_model_create       (VerkanProject      *project,
                                     const char         *title,
                                     const char         *municipality,
                                     const char         *template_token,
                                     GError            **error);
/* A copy of the model with new UUIDs: cards, links and indicators;
 * placed right after it.  Returns the new model's id. */
gint64    verkan_model_duplicate    (VerkanProject      *project,
                                     gint64              model_id,
                                     const char         *title,
                                     GError            **error);
/* A card in @column at @index (-1: last); the cards after it move down.
 * Returns the card's id. */
gint64    verkan_model_add_card     (VerkanProject      *project,
                                     gint64              model_id,
                                     VerkanModelColumn   column,
                                     int                 index,
                                     const char         *title,
                                     GError            **error);
/* Moves a card within its column or to another one, to @index there
 * (clamped); both columns are renumbered without gaps. */
gboolean  verkan_model_move_card    (VerkanProject      *project,
                                     gint64              element_id,
                                     VerkanModelColumn   column,
                                     guint               index,
                                     GError            **error);
/* Refuses (VERKAN_PROJECT_ERROR_INVALID, a message for people) a link
 * from a card to itself, between two models, or one that exists.
 * Returns the link's id. */
gint64    verkan_model_add_link     (VerkanProject      *project,
                                     gint64              from_id,
                                     gint64              to_id,
                                     const char         *rationale,
                                     GError            **error);
/* Deletes cards and links together (either array may be empty), with the
 * links and indicators that belong to the cards; one undo step */
gboolean  verkan_model_delete_items (VerkanProject      *project,
                                     const gint64       *element_ids,
                                     guint               n_elements,
                                     const gint64       *link_ids,
                                     guint               n_links,
                                     GError            **error);
/* The cards as clipboard text (VERKAN_MODEL_CARDS_MIME_TYPE, an XML
 * fragment): with their indicators and the links between them */
char     *verkan_model_copy_cards   (VerkanProject      *project,
                                     const gint64       *element_ids,
                                     guint               n_elements,
                                     GError            **error);
/* Pastes clipboard text from verkan_model_copy_cards() (of this or any
 * other project) into @model_id with new UUIDs, each card last in its
 * own column.  Returns the new card ids in @new_ids (may be NULL). */
gboolean  verkan_model_paste_cards  (VerkanProject      *project,
                                     gint64              model_id,
                                     const char         *clipboard,
                                     GArray             *new_ids,
                                     GError            **error);
/* "Frys version": a dated, read-only copy in model_version, titled like
 * the model.  @date: YYYY-MM-DD, or NULL for today.  Returns its id. */
gint64    verkan_model_freeze       (VerkanProject      *project,
                                     gint64              model_id,
                                     const char         *date,
                                     GError            **error);
/* One model as a <logic-model> element of the XML exchange format
 * (data/schema/verkan.rng), as model_version.content holds it */
char     *verkan_model_dup_xml      (VerkanProject      *project,
                                     gint64              model_id,
                                     GError            **error);
/* Reads such an element back (UUIDs kept, ids made up) */
VerkanModelSnapshot *verkan_model_snapshot_from_xml (const char *content,
                                     GError            **error);
/* A frozen version as a snapshot, for drawing it (ids are made up) */
VerkanModelSnapshot *verkan_model_snapshot_load_version (VerkanProject *project,
                                     gint64              version_id,
                                     GError            **error);

G_END_DECLS
