/* verkan-file-chooser.c: asking for a project file to open or save
 *
 * GTK 4.10 brought GtkFileDialog; the GTK of Debian 12 (4.8) has
 * GtkFileChooserNative.  Both end in the same GTask, so the rest of the
 * application does not care which one asked.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-file-chooser.h"

static GtkFileFilter *
new_project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Verkan projects"));
  gtk_file_filter_add_mime_type (filter, "application/x-verkan");
  gtk_file_filter_add_suffix (filter, "verkan");

  return filter;
}

static GtkFileFilter *
new_all_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");

  return filter;
}

/* "Rapport" becomes "Rapport.verkan"; a name that has it stays */
static GFile *
with_suffix (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *named = NULL;
  g_autoptr(GFile) parent = NULL;

  if (name == NULL || g_str_has_suffix (name, ".verkan"))
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_object_ref (file);

  named = g_strconcat (name, ".verkan", NULL);
  return g_file_get_child (parent, named);
}

static void
return_file (GTask *task,
             GFile *file)
{
  VerkanFileChooserMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "mode"));

  if (file == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (mode == VERKAN_FILE_CHOOSER_SAVE)
    g_task_return_pointer (task, with_suffix (file), g_object_unref);
  else
    g_task_return_pointer (task, g_object_ref (file), g_object_unref);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_dialog_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  VerkanFileChooserMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "mode"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (mode == VERKAN_FILE_CHOOSER_SAVE)
    file = gtk_file_dialog_save_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_open_finish (dialog, result, &error);

  if (error != NULL
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  return_file (task, file);
}

#else /* GTK 4.8 */

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);
  return_file (task, file);
}

#endif

void
verkan_file_chooser_run (GtkWindow             *parent,
                         VerkanFileChooserMode  mode,
                         const char            *title,
                         const char            *accept_label,
                         GFile                 *initial_folder,
                         const char            *initial_name,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, verkan_file_chooser_run);
  g_object_set_data (G_OBJECT (task), "mode", GINT_TO_POINTER (mode));

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) projects = new_project_filter ();
  g_autoptr(GtkFileFilter) all = new_all_filter ();

  g_list_store_append (filters, projects);
  if (mode == VERKAN_FILE_CHOOSER_OPEN)
    g_list_store_append (filters, all);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, projects);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);

  if (mode == VERKAN_FILE_CHOOSER_SAVE)
    {
      gtk_file_dialog_set_initial_name (dialog, initial_name);
      gtk_file_dialog_save (dialog, parent, NULL, on_dialog_done, task);
    }
  else
    {
      gtk_file_dialog_open (dialog, parent, NULL, on_dialog_done, task);
    }
#else /* GTK 4.8 */
  GtkFileChooserNative *native;
  GtkFileFilter *projects = new_project_filter ();

  native = gtk_file_chooser_native_new (title, parent,
                                        mode == VERKAN_FILE_CHOOSER_SAVE
                                          ? GTK_FILE_CHOOSER_ACTION_SAVE
                                          : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* the task keeps the dialog alive until it answered */
  g_task_set_task_data (task, native, g_object_unref);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), projects);
  if (mode == VERKAN_FILE_CHOOSER_OPEN)
    {
      GtkFileFilter *all = new_all_filter ();

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
      g_object_unref (all);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), projects);
  g_object_unref (projects);

  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (mode == VERKAN_FILE_CHOOSER_SAVE && initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  g_signal_connect (native, "response", G_CALLBACK (on_native_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

GFile *
verkan_file_chooser_finish (GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  GFile *file;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  file = g_task_propagate_pointer (G_TASK (result), &error);
  /* Nothing the person could act on; cancelling is no error */
  if (error != NULL)
    g_warning ("The file dialog failed: %s", error->message);

  return file;
}
