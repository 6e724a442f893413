/* verkan-model-minimap.h: a small overview of a large logic model, with
 * the part the canvas shows framed; a click or a drag there pans the
 * canvas
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "verkan-model-canvas.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_MODEL_MINIMAP (verkan_model_minimap_get_type ())
G_DECLARE_FINAL_TYPE (VerkanModelMinimap, verkan_model_minimap, VERKAN, MODEL_MINIMAP, GtkWidget)

GtkWidget *verkan_model_minimap_new (VerkanModelCanvas *canvas);

G_END_DECLS
