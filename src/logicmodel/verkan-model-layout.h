/* verkan-model-layout.h: the order of cards within their columns so that
 * arrows cross as little as possible (a layered, Sugiyama-style ordering:
 * the columns are the layers; barycentre sweeps; pinned cards keep their
 * place) */
#pragma once

#include "verkan-model-snapshot.h"

G_BEGIN_DECLS

/* Sets element->position in @snapshot to the new order (0, 1, … per
 * column); pinned elements keep their position.  Returns the number of
 * positions that changed. */
guint  verkan_model_layout_order      (VerkanModelSnapshot *snapshot);
/* Crossings between links of neighbouring columns for the positions now
 * in @snapshot (links that skip columns count as passing the columns
 * between them) */
guint  verkan_model_layout_crossings  (VerkanModelSnapshot *snapshot);
/* Writes the new order of a model to the project as one undoable edit */
gboolean verkan_model_layout_apply    (VerkanProject       *project,
                                       gint64               model_id,
                                       guint               *n_moved,
                                       GError             **error);

G_END_DECLS
