/* verkan-model-exchange.h: sending one logic model to a municipality and
 * merging what comes back.
 *
 * "Skicka till kommun" writes a small project file that holds the one
 * model, the project's title and municipalities, the indicator catalog
 * (the indicators used anywhere in the project, for staff to reuse) and
 * the model as it was sent, the base of a three-way merge.  Staff open
 * that file in Verkan, which shows only that model, and send it back.
 *
 * Importing the returned file compares base, ours (the project now) and
 * theirs (the returned model) by UUID: added, edited and removed cards,
 * links and indicators.  Where both sides changed the same field
 * differently, the change is a conflict: it is shown and applied only
 * when the leader chooses theirs. */
#pragma once

#include "verkan-project.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_MODEL_CHANGE_ADDED,
  VERKAN_MODEL_CHANGE_EDITED,
  VERKAN_MODEL_CHANGE_REMOVED,
} VerkanModelChangeKind;

typedef struct {
  VerkanModelChangeKind  kind;
  char                  *table;        /* "model_element", "model_link" or "indicator" */
  char                  *uuid;
  char                  *field;        /* EDITED: the column; otherwise NULL */
  char                  *ours;         /* EDITED: the value in the project now, as text */
  char                  *theirs;       /* EDITED: the value in the returned file */
  gboolean               conflict;     /* both sides changed it since the base */
  gboolean               accepted;     /* what the caller chose; starts TRUE unless a conflict */
  char                  *description;  /* translated, for people: "Ändrat kort "Coachning": titel" */
} VerkanModelChange;

typedef struct _VerkanModelMerge VerkanModelMerge;

/* Writes the exchange file for @model_id to @path (replaced only when
 * written whole) */
gboolean           verkan_model_exchange_export   (VerkanProject     *project,
                                                   gint64             model_id,
                                                   const char        *path,
                                                   GError           **error);
/* TRUE when @project is an exchange file: the GUI then shows the single
 * model in a simplified mode.  *model_id gets the model's id. */
gboolean           verkan_model_exchange_is_exchange_file (VerkanProject *project,
                                                   gint64            *model_id);
/* The indicator catalog an exchange file carries: a JSON array of
 * objects with name, unit, kolada_kpi (or null), source and
 * higher_is_better; NULL when @project is not an exchange file */
char              *verkan_model_exchange_dup_indicator_catalog (VerkanProject *project);

/* Reads @path and compares it with @project.  The model is found by the
 * UUID it was sent with; a model the project does not have is offered as
 * a new one (every card ADDED). */
VerkanModelMerge  *verkan_model_merge_new         (VerkanProject     *project,
                                                   const char        *path,
                                                   GError           **error);
void               verkan_model_merge_free        (VerkanModelMerge  *merge);
/* the title of the returned model, for the dialog's heading */
const char        *verkan_model_merge_get_title   (VerkanModelMerge  *merge);
/* of VerkanModelChange, in the order of the model's columns; owned by
 * the merge: set ->accepted on them before applying */
GPtrArray         *verkan_model_merge_get_changes (VerkanModelMerge  *merge);
guint              verkan_model_merge_count_conflicts (VerkanModelMerge *merge);
/* Applies the accepted changes as one undoable command */
gboolean           verkan_model_merge_apply       (VerkanModelMerge  *merge,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanModelMerge, verkan_model_merge_free)

G_END_DECLS
