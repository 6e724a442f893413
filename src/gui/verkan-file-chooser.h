/* verkan-file-chooser.h: asking for a project file to open or save, with
 * the file dialog of the GTK at hand (the portal's where there is one) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VERKAN_FILE_CHOOSER_OPEN,
  VERKAN_FILE_CHOOSER_SAVE,
} VerkanFileChooserMode;

/* initial_folder: where the dialog starts, or NULL;
 * initial_name: for SAVE, the suggested file name */
void   verkan_file_chooser_run     (GtkWindow             *parent,
                                    VerkanFileChooserMode  mode,
                                    const char            *title,
                                    const char            *accept_label,
                                    GFile                 *initial_folder,
                                    const char            *initial_name,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
/* The chosen file, or NULL when the person cancelled or the dialog
 * failed (which is logged).  For SAVE the name ends in .verkan. */
GFile *verkan_file_chooser_finish  (GAsyncResult          *result);

G_END_DECLS
