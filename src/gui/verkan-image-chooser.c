/* verkan-image-chooser.c: asking where to save a picture of a logic model
 *
 * The project file chooser (verkan-file-chooser.c) always ends names in
 * .verkan; a picture needs .png, .svg or .pdf, and the ending is what
 * tells verkan_model_export() the format.  As there, GTK 4.10 brought
 * GtkFileDialog and GTK 4.8 has GtkFileChooserNative; both end in the
 * same GTask.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-image-chooser.h"

static const struct {
  const char *suffix;
  const char *mime_type;
  const char *name;
} formats[] = {
  { "png", "image/png",       N_("PNG image") },
  { "svg", "image/svg+xml",   N_("SVG drawing") },
  { "pdf", "application/pdf", N_("PDF document") },
};

static int
format_of_name (const char *name)
{
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;

  if (dot == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].suffix) == 0)
      return (int) i;

  return -1;
}

static GtkFileFilter *
new_filter (guint format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _(formats[format].name));
  gtk_file_filter_add_mime_type (filter, formats[format].mime_type);
  gtk_file_filter_add_suffix (filter, formats[format].suffix);
  g_object_set_data (G_OBJECT (filter), "verkan-format", GUINT_TO_POINTER (format));

  return filter;
}

/* "Nora" becomes "Nora.png" when the PNG filter was chosen */
static GFile *
with_suffix (GFile *file,
             int    format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *named = NULL;
  g_autoptr(GFile) parent = NULL;

  if (name == NULL || format_of_name (name) >= 0)
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_object_ref (file);

  named = g_strconcat (name, ".", formats[MAX (format, 0)].suffix, NULL);
  return g_file_get_child (parent, named);
}

static void
return_file (GTask *task,
             GFile *file,
             int    format)
{
  if (format < 0)
    format = GPOINTER_TO_INT (g_task_get_task_data (task)) - 1;

  if (file == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, with_suffix (file, format), g_object_unref);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_dialog_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  if (error != NULL
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  return_file (task, file, -1);
}

#else /* GTK 4.8 */

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;
  GtkFileFilter *filter;
  int format = -1;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      if (filter != NULL && g_object_get_data (G_OBJECT (filter), "verkan-format") != NULL)
        format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "verkan-format"));
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  return_file (task, file, format);
}

#endif

void
verkan_image_chooser_run (GtkWindow           *parent,
                          const char          *title,
                          GFile               *initial_folder,
                          const char          *initial_name,
                          gboolean             pdf_only,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  int initial = pdf_only ? 2 : MAX (format_of_name (initial_name), 0);
  guint first = pdf_only ? 2 : 0;

  g_task_set_source_tag (task, verkan_image_chooser_run);
  /* the format to add when the name has none; +1 so that PNG is not NULL */
  g_task_set_task_data (task, GINT_TO_POINTER (initial + 1), NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  for (guint i = first; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = new_filter (i);

      g_list_store_append (filters, filter);
      if ((int) i == initial)
        gtk_file_dialog_set_default_filter (dialog, filter);
    }

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, NULL, on_dialog_done, task);
#else /* GTK 4.8 */
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  for (guint i = first; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = new_filter (i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      if ((int) i == initial)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }

  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  /* the response handler drops this reference */
  g_signal_connect (native, "response", G_CALLBACK (on_native_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

GFile *
verkan_image_chooser_finish (GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  GFile *file;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    g_warning ("The file dialog failed: %s", error->message);

  return file;
}
