/* verkan-drawing-support.h: what the logic-model drawing and the chart
 * drawing share: text measured the same on every surface, and the file
 * format an export is asked for.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef enum {
  VERKAN_IMAGE_PNG,
  VERKAN_IMAGE_SVG,
  VERKAN_IMAGE_PDF,
} VerkanImageFormat;

/* A Pango context whose metrics do not depend on the surface or the zoom
 * (no hinting), in Swedish, so the screen, PNG, SVG and PDF break lines
 * at the same places */
PangoContext *verkan_drawing_new_text_context (void);

/* The format a file name asks for by its ending, case ignored; otherwise
 * FALSE with @error set in @domain / @code, telling which endings work */
gboolean      verkan_image_format_from_path   (const char        *path,
                                               VerkanImageFormat *format,
                                               GQuark             domain,
                                               int                code,
                                               GError           **error);

G_END_DECLS
