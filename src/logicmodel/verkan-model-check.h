/* verkan-model-check.h: the gaps in a logic model that an evaluator would
 * point out ("logiska luckor"), found while the model is being built */
#pragma once

#include "verkan-model-snapshot.h"

G_BEGIN_DECLS

typedef enum {
  VERKAN_MODEL_PROBLEM_NO_INDICATOR,        /* a goal or effect without an indicator */
  VERKAN_MODEL_PROBLEM_NO_BASELINE_OR_TARGET, /* an indicator without a baseline or a target */
  VERKAN_MODEL_PROBLEM_ACTIVITY_LEADS_NOWHERE, /* an activity that leads to no effect */
  VERKAN_MODEL_PROBLEM_EFFECT_WITHOUT_CAUSE,   /* an effect that no activity leads to */
  VERKAN_MODEL_PROBLEM_UNLINKED,            /* a card without links */
  VERKAN_MODEL_PROBLEM_NO_RATIONALE,        /* a link without a rationale */
  VERKAN_MODEL_PROBLEM_CYCLE,               /* links that lead in a circle */
} VerkanModelProblemKind;

typedef struct {
  VerkanModelProblemKind  kind;
  gint64                  element_id;    /* the card to select, or 0 */
  gint64                  link_id;       /* the link, or 0 */
  gint64                  indicator_id;  /* the indicator, or 0 */
  char                   *message;       /* translated, names the card: for people */
} VerkanModelProblem;

/* Every problem, in a stable order (by kind, then by column and position);
 * a GPtrArray of VerkanModelProblem with its free function set */
GPtrArray  *verkan_model_check_run   (VerkanModelSnapshot *snapshot);
void        verkan_model_problem_free (VerkanModelProblem *problem);

G_END_DECLS
