/* verkan-image-chooser.h: asking where to save a picture (PNG, SVG or
 * PDF), with the file dialog of the GTK at hand */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @initial_name: the suggested file name, whose ending picks the format
 * the dialog starts with; @pdf_only: offer PDF alone (frozen versions) */
void   verkan_image_chooser_run    (GtkWindow           *parent,
                                    const char          *title,
                                    GFile               *initial_folder,
                                    const char          *initial_name,
                                    gboolean             pdf_only,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The chosen file, ending in .png, .svg or .pdf (added when the person
 * left it out), or NULL when the person cancelled */
GFile *verkan_image_chooser_finish (GAsyncResult        *result);

G_END_DECLS
