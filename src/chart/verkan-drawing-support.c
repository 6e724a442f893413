/* verkan-drawing-support.c: text contexts and export formats shared by the
 * logic-model and chart drawings
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "verkan-drawing-support.h"

PangoContext *
verkan_drawing_new_text_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_language (context, pango_language_from_string ("sv"));
  cairo_font_options_destroy (options);
  return context;
}

gboolean
verkan_image_format_from_path (const char        *path,
                               VerkanImageFormat *format,
                               GQuark             domain,
                               int                code,
                               GError           **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = VERKAN_IMAGE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = VERKAN_IMAGE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = VERKAN_IMAGE_PDF;
  else
    {
      g_set_error (error, domain, code,
                   _("Cannot tell which format to write from the name “%s”: "
                     "use a name that ends in .png, .svg or .pdf"), path);
      return FALSE;
    }
  return TRUE;
}
