/* verkan-model-snapshot.h: one logic model read out of the project file as
 * plain data, for the code that lays it out, checks it and draws it.
 * A snapshot does not follow later edits; load a new one. */
#pragma once

#include <glib.h>

#include "verkan-project.h"

G_BEGIN_DECLS

/* Left to right as drawn; the two bands come last */
typedef enum {
  VERKAN_MODEL_COLUMN_RESOURCES,
  VERKAN_MODEL_COLUMN_ACTIVITIES,
  VERKAN_MODEL_COLUMN_OUTPUTS,
  VERKAN_MODEL_COLUMN_SHORT_TERM_EFFECTS,
  VERKAN_MODEL_COLUMN_LONG_TERM_EFFECTS,
  VERKAN_MODEL_COLUMN_GOALS,
  VERKAN_MODEL_COLUMN_ASSUMPTIONS,       /* band: förutsättningar/antaganden */
  VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS,  /* band: externa faktorer */
  VERKAN_MODEL_N_COLUMNS
} VerkanModelColumn;

#define VERKAN_MODEL_N_MAIN_COLUMNS (VERKAN_MODEL_COLUMN_GOALS + 1)

typedef struct {
  gint64             id;
  char              *uuid;
  VerkanModelColumn  column;
  int                position;        /* order within its column */
  char              *title;
  char              *text;
  char              *responsible;
  char              *status;          /* a VERKAN_VOCABULARY_GOAL_STATUS token */
  gboolean           pinned;          /* automatic layout leaves it where it is */
  guint              n_indicators;
} VerkanModelElement;

typedef struct {
  gint64  id;
  char   *uuid;
  gint64  from_id;
  gint64  to_id;
  char   *rationale;
} VerkanModelLink;

typedef struct {
  gint64    id;
  char     *uuid;
  gint64    element_id;
  char     *name;
  char     *unit;
  char     *kolada_kpi;       /* NULL: an own measure */
  char     *source;
  gboolean  has_baseline_value;
  double    baseline_value;
  int       baseline_year;    /* 0: not set */
  gboolean  has_target_value;
  double    target_value;
  int       target_year;      /* 0: not set */
  gboolean  higher_is_better;
} VerkanModelIndicator;

typedef struct {
  gint64     id;
  char      *uuid;
  char      *title;
  char      *municipality;      /* Kolada code or NULL */
  char      *date;              /* YYYY-MM-DD or NULL */
  gboolean   show_assumptions;
  gboolean   show_external;
  GPtrArray *elements;          /* of VerkanModelElement, by column then position */
  GPtrArray *links;             /* of VerkanModelLink */
  GPtrArray *indicators;        /* of VerkanModelIndicator, by element then position */
} VerkanModelSnapshot;

const char          *verkan_model_column_token      (VerkanModelColumn    column);
/* -1 when unknown */
int                  verkan_model_column_from_token (const char          *token);
/* translated heading: "Resurser", "Aktiviteter", … */
const char          *verkan_model_column_label      (VerkanModelColumn    column);

VerkanModelSnapshot *verkan_model_snapshot_load     (VerkanProject       *project,
                                                     gint64               model_id,
                                                     GError             **error);
/* an empty snapshot to fill by hand (tests, generated models) */
VerkanModelSnapshot *verkan_model_snapshot_new      (const char          *title);
VerkanModelElement  *verkan_model_snapshot_add_element (VerkanModelSnapshot *self,
                                                     gint64               id,
                                                     VerkanModelColumn    column,
                                                     const char          *title);
VerkanModelLink     *verkan_model_snapshot_add_link (VerkanModelSnapshot *self,
                                                     gint64               id,
                                                     gint64               from_id,
                                                     gint64               to_id,
                                                     const char          *rationale);
VerkanModelIndicator *verkan_model_snapshot_add_indicator (VerkanModelSnapshot *self,
                                                     gint64               id,
                                                     gint64               element_id,
                                                     const char          *name);
VerkanModelElement  *verkan_model_snapshot_find_element (VerkanModelSnapshot *self,
                                                     gint64               id);
void                 verkan_model_snapshot_free     (VerkanModelSnapshot *self);
/* For g_ptr_array_sort() of VerkanModelElement pointers: drawing order,
 * by column, then position, then id */
int                  verkan_model_element_compare   (gconstpointer        a,
                                                     gconstpointer        b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanModelSnapshot, verkan_model_snapshot_free)

G_END_DECLS
