/* verkan-window.c: a main window, showing the welcome page or one project
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-application.h"
#include "verkan-field-binding.h"
#include "verkan-file-chooser.h"
#include "verkan-model-exchange.h"
#include "verkan-charts-page.h"
#include "verkan-documents-page.h"
#include "verkan-report-page.h"
#include "verkan-models-page.h"
#include "verkan-overview-page.h"
#include "verkan-record-list.h"
#include "verkan-welcome-page.h"
#include "verkan-window.h"

struct _VerkanWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  VerkanProject        *project;
  GFile                *file;
  VerkanRecordList     *project_rows;
  VerkanRecord         *project_record;
  AdwToast             *shown_toast;     /* the toast on screen, until dismissed */
  GCancellable         *cancellable;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkStack             *main_stack;
  VerkanWelcomePage    *welcome_page;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  AdwViewStack         *view_stack;
  AdwBin               *overview_bin;
  AdwBin               *models_bin;
  AdwBin               *charts_bin;
  AdwBin               *documents_bin;
  AdwBin               *report_bin;
};

G_DEFINE_FINAL_TYPE (VerkanWindow, verkan_window, ADW_TYPE_APPLICATION_WINDOW)

/* ------------------------------------------------------------------ */
/* Toasts and dialogs                                                  */

static void
forget_shown_toast (VerkanWindow *self)
{
  self->shown_toast = NULL;
}

void
verkan_window_add_toast (VerkanWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (VERKAN_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* One toast at a time, saying the newest thing: pressing Ctrl+Z ten
   * times shows the latest step, not a queue of ten.  The toast on screen
   * is re-worded rather than replaced, because libadwaita 1.2 crashes when
   * toasts are dismissed and added faster than they animate (remove, undo,
   * redo in quick succession). */
  if (self->shown_toast != NULL)
    {
      adw_toast_set_title (self->shown_toast, adw_toast_get_title (toast));
      adw_toast_set_button_label (self->shown_toast, adw_toast_get_button_label (toast));
      adw_toast_set_action_name (self->shown_toast, adw_toast_get_action_name (toast));
      adw_toast_set_action_target_value (self->shown_toast,
                                         adw_toast_get_action_target_value (toast));
      g_object_unref (toast);
      return;
    }

  self->shown_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (forget_shown_toast), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
verkan_window_show_toast_for (GtkWidget *widget,
                              AdwToast  *toast)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (VERKAN_IS_WINDOW (root))
    {
      verkan_window_add_toast (VERKAN_WINDOW (root), toast);
    }
  else
    {
      /* Not in a window (yet): say it in the log rather than nowhere */
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

void
verkan_window_show_error_for (GtkWidget    *widget,
                              const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 8);
  verkan_window_show_toast_for (widget, toast);
}

void
verkan_window_show_undo_toast_for (GtkWidget  *widget,
                                   const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  verkan_window_show_toast_for (widget, toast);
}

void
verkan_window_show_error_dialog (VerkanWindow *self,
                                 const char   *heading,
                                 const char   *body)
{
  GtkWidget *dialog;

  g_return_if_fail (VERKAN_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_set_name (dialog, "error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the person can do about each kind of failure; the core's message
 * says what happened. */
static const char *
advice_for (const GError *error)
{
  if (error->domain == VERKAN_PROJECT_ERROR)
    switch (error->code)
      {
      case VERKAN_PROJECT_ERROR_NOT_FOUND:
        return _("Check that the file has not been moved or deleted, or choose another file.");
      case VERKAN_PROJECT_ERROR_NOT_A_PROJECT:
        return _("Verkan opens project files that end in .verkan. Choose a project file, or start a new project.");
      case VERKAN_PROJECT_ERROR_CORRUPT:
        return _("If you have a copy of the project, open the copy instead.");
      case VERKAN_PROJECT_ERROR_TOO_NEW:
        return _("Update Verkan to open it, or ask whoever sent it for a file from the same Verkan you have.");
      case VERKAN_PROJECT_ERROR_IO:
        return _("Check that the disk or the network drive is available, and try again.");
      default:
        return NULL;
      }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return _("Ask whoever manages the folder for permission, or open a copy.");

  return NULL;
}

void
verkan_window_show_open_error (VerkanWindow *self,
                               GFile        *file,
                               const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *advice;

  g_return_if_fail (VERKAN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (error != NULL);

  name = g_file_get_basename (file);
  /* Translators: the heading of the dialog when a project cannot be
   * opened; %s is the file name */
  heading = g_strdup_printf (_("Could not open “%s”"), name);

  advice = advice_for (error);
  if (advice != NULL)
    body = g_strdup_printf ("%s\n\n%s", error->message, advice);
  else
    body = g_strdup (error->message);

  verkan_window_show_error_dialog (self, heading, body);
}

/* ------------------------------------------------------------------ */
/* Title, history, read-only banner                                    */

static void
update_title (VerkanWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *window_title = NULL;
  const char *title = NULL;

  if (self->project == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), "Verkan");
      return;
    }

  name = g_file_get_basename (self->file);
  if (self->project_record != NULL)
    title = verkan_record_get_string (self->project_record, "title");
  if (title == NULL || *title == '\0')
    title = _("Untitled project");

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);

  /* Translators: the window title, as the window list shows it */
  window_title = g_strdup_printf (_("%s – Verkan"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_history (VerkanWindow *self)
{
  gboolean can_undo = self->project != NULL && verkan_project_get_can_undo (self->project);
  gboolean can_redo = self->project != NULL && verkan_project_get_can_redo (self->project);
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  if (can_undo && verkan_project_get_undo_label (self->project) != NULL)
    /* Translators: the tooltip of the undo button: "Undo: Edit goal" */
    undo_tooltip = g_strdup_printf (_("Undo: %s"), verkan_project_get_undo_label (self->project));
  if (can_redo && verkan_project_get_redo_label (self->project) != NULL)
    redo_tooltip = g_strdup_printf (_("Redo: %s"), verkan_project_get_redo_label (self->project));

  gtk_widget_set_tooltip_text (self->undo_button, undo_tooltip != NULL ? undo_tooltip : _("Undo"));
  gtk_widget_set_tooltip_text (self->redo_button, redo_tooltip != NULL ? redo_tooltip : _("Redo"));
}

static void
update_banner (VerkanWindow *self)
{
  const char *text = NULL;
  const char *button = NULL;
  const char *action = NULL;

  if (self->project != NULL && verkan_project_get_read_only (self->project))
    switch (verkan_project_get_read_only_reason (self->project))
      {
      case VERKAN_READ_ONLY_LOCKED:
        text = _("Someone else has this project open in Verkan, perhaps on another computer. "
                 "You can read it here; to change it, wait until they have closed it and open it again.");
        button = _("_Open Again");
        action = "win.reopen";
        break;

      case VERKAN_READ_ONLY_PERMISSION:
        text = _("You may not change this file, because it or its folder is write-protected. "
                 "You can read the project, or save a copy and work on the copy.");
        button = _("Save a _Copy…");
        action = "win.save-copy";
        break;

      case VERKAN_READ_ONLY_REQUESTED:
      case VERKAN_READ_ONLY_NONE:
      default:
        text = _("This project is open for reading only.");
        break;
      }

  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
  gtk_label_set_label (self->banner_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), button != NULL);
  if (button != NULL)
    {
      gtk_button_set_label (self->banner_button, button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action);
    }
}

static void
update_actions (VerkanWindow *self)
{
  gboolean has_project = self->project != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reopen", has_project);
  gtk_widget_set_visible (self->undo_button, has_project);
  gtk_widget_set_visible (self->redo_button, has_project);
  update_history (self);
}

/* ------------------------------------------------------------------ */
/* The project                                                         */

static void
clear_project (VerkanWindow *self)
{
  verkan_field_binding_flush_all ();

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->overview_bin != NULL)
    adw_bin_set_child (self->overview_bin, NULL);
  if (self->models_bin != NULL)
    adw_bin_set_child (self->models_bin, NULL);
  if (self->charts_bin != NULL)
    adw_bin_set_child (self->charts_bin, NULL);
  if (self->documents_bin != NULL)
    adw_bin_set_child (self->documents_bin, NULL);
  if (self->report_bin != NULL)
    adw_bin_set_child (self->report_bin, NULL);

  if (self->project_record != NULL)
    g_signal_handlers_disconnect_by_data (self->project_record, self);
  g_clear_object (&self->project_record);
  g_clear_object (&self->project_rows);

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      verkan_project_close (self->project);
      g_clear_object (&self->project);
    }
  g_clear_object (&self->file);
}

void
verkan_window_set_project (VerkanWindow  *self,
                           VerkanProject *project)
{
  GtkApplication *application;
  gint64 exchange_model_id = 0;

  g_return_if_fail (VERKAN_IS_WINDOW (self));
  g_return_if_fail (VERKAN_IS_PROJECT (project));

  if (project == self->project)
    return;

  g_object_ref (project);
  clear_project (self);

  self->project = project;
  self->file = g_file_new_for_path (verkan_project_get_path (project));
  self->cancellable = g_cancellable_new ();

  self->project_rows = verkan_record_list_new (project, "project", NULL, NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->project_rows)) > 0)
    {
      self->project_record = g_list_model_get_item (G_LIST_MODEL (self->project_rows), 0);
      g_signal_connect_swapped (self->project_record, "changed::title",
                                G_CALLBACK (update_title), self);
    }

  g_signal_connect_swapped (project, "notify::can-undo", G_CALLBACK (update_history), self);
  g_signal_connect_swapped (project, "notify::can-redo", G_CALLBACK (update_history), self);
  /* The labels change with each step even when can-undo does not */
  g_signal_connect_swapped (project, "changed", G_CALLBACK (update_history), self);

  adw_bin_set_child (self->overview_bin, verkan_overview_page_new (project));
  adw_bin_set_child (self->models_bin, verkan_models_page_new (project));
  adw_bin_set_child (self->charts_bin, verkan_charts_page_new (project));
  adw_bin_set_child (self->documents_bin, verkan_documents_page_new (project));
  adw_bin_set_child (self->report_bin, verkan_report_page_new (project));
  /* A model sent to a municipality opens on that model */
  adw_view_stack_set_visible_child_name (self->view_stack,
                                         verkan_model_exchange_is_exchange_file (project, &exchange_model_id)
                                         ? "logic-models" : "overview");
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  gtk_stack_set_visible_child_name (self->title_stack, "project");

  update_title (self);
  update_banner (self);
  update_actions (self);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (VERKAN_IS_APPLICATION (application))
    verkan_application_add_recent (VERKAN_APPLICATION (application),
                                   verkan_project_get_path (project));
}

gboolean
verkan_window_open_file (VerkanWindow  *self,
                         GFile         *file,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (VERKAN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Verkan can only open projects on this computer or on a connected network drive."));
  else
    project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &local_error);

  if (project == NULL)
    {
      GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

      verkan_window_show_open_error (self, file, local_error);
      if (path != NULL && VERKAN_IS_APPLICATION (application)
          && g_error_matches (local_error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_FOUND))
        verkan_application_remove_recent (VERKAN_APPLICATION (application), path);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  verkan_window_set_project (self, project);
  return TRUE;
}

VerkanProject *
verkan_window_get_project (VerkanWindow *self)
{
  g_return_val_if_fail (VERKAN_IS_WINDOW (self), NULL);

  return self->project;
}

GFile *
verkan_window_get_file (VerkanWindow *self)
{
  g_return_val_if_fail (VERKAN_IS_WINDOW (self), NULL);

  return self->file;
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
show_history_toast (VerkanWindow *self,
                    const char   *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  verkan_window_add_toast (self, toast);
}

/* win.undo and win.redo */
static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VerkanWindow *self = VERKAN_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  gboolean done;

  if (self->project == NULL)
    return;

  /* What is being typed becomes a step of its own first, so that Ctrl+Z
   * takes back the typing and nothing older */
  verkan_field_binding_flush_all ();

  if (undo)
    {
      label = g_strdup (verkan_project_get_undo_label (self->project));
      done = verkan_project_undo (self->project, &error);
    }
  else
    {
      label = g_strdup (verkan_project_get_redo_label (self->project));
      done = verkan_project_redo (self->project, &error);
    }

  if (!done)
    {
      if (!g_error_matches (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOTHING_TO_UNDO))
        verkan_window_show_error_for (widget, error);
      return;
    }

  if (label == NULL || *label == '\0')
    return;

  if (undo)
    /* Translators: a toast after undoing a step: "Undone: Edit goal" */
    title = g_strdup_printf (_("Undone: %s"), label);
  else
    /* Translators: a toast after redoing a step: "Redone: Edit goal" */
    title = g_strdup_printf (_("Redone: %s"), label);
  show_history_toast (self, title);
}

typedef struct {
  VerkanWindow *self;
  char         *path;
} SaveCopy;

static void
save_copy_free (SaveCopy *save)
{
  g_clear_object (&save->self);
  g_free (save->path);
  g_free (save);
}

static void
on_copy_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SaveCopy *save = user_data;
  VerkanWindow *self = save->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (save->path);

  if (!verkan_project_save_copy_finish (VERKAN_PROJECT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *heading = g_strdup_printf (_("Could not save a copy as “%s”"), name);

          verkan_window_show_error_dialog (self, heading, error->message);
        }
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Saved a copy as “%s”"), name);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "app.open-path");
      adw_toast_set_action_target_value (toast, g_variant_new_string (save->path));
      verkan_window_add_toast (self, toast);
    }

  save_copy_free (save);
}

static void
on_copy_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VerkanWindow) self = user_data;
  g_autoptr(GFile) file = verkan_file_chooser_finish (result);
  SaveCopy *save;

  /* The project may have been closed while the dialog was open */
  if (file == NULL || self->project == NULL)
    return;

  if (g_file_equal (file, self->file))
    {
      verkan_window_show_error_dialog (self, _("Could not save a copy"),
                                       _("A copy needs a name of its own. Choose another name or folder."));
      return;
    }

  save = g_new0 (SaveCopy, 1);
  save->self = g_object_ref (self);
  save->path = g_file_get_path (file);

  if (save->path == NULL)
    {
      verkan_window_show_error_dialog (self, _("Could not save a copy"),
                                       _("Verkan can only save projects on this computer or on a connected network drive."));
      save_copy_free (save);
      return;
    }

  verkan_project_save_copy_async (self->project, save->path, self->cancellable,
                                  on_copy_saved, save);
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VerkanWindow *self = VERKAN_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->project == NULL)
    return;

  verkan_field_binding_flush_all ();

  name = g_file_get_basename (self->file);
  if (g_str_has_suffix (name, ".verkan"))
    name[strlen (name) - strlen (".verkan")] = '\0';
  /* Translators: the suggested name of a copy; %s is the project's file
   * name without .verkan */
  suggested = g_strdup_printf (_("%s (copy).verkan"), name);

  folder = g_file_get_parent (self->file);
  verkan_file_chooser_run (GTK_WINDOW (self), VERKAN_FILE_CHOOSER_SAVE,
                           _("Save a Copy"), _("_Save"), folder, suggested,
                           on_copy_chosen, g_object_ref (self));
}

static void
reopen_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanWindow *self = VERKAN_WINDOW (widget);
  g_autoptr(GFile) file = NULL;

  if (self->file == NULL)
    return;

  file = g_object_ref (self->file);
  verkan_window_open_file (self, file, NULL);
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ------------------------------------------------------------------ */
/* Window state                                                        */

static gboolean
verkan_window_close_request (GtkWindow *window)
{
  VerkanWindow *self = VERKAN_WINDOW (window);

  verkan_field_binding_flush_all ();

  if (self->settings != NULL)
    {
      gboolean maximized = gtk_window_is_maximized (window);
      int width, height;

      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
      if (!maximized)
        {
          gtk_window_get_default_size (window, &width, &height);
          if (width > 0 && height > 0)
            {
              g_settings_set_int (self->settings, "window-width", width);
              g_settings_set_int (self->settings, "window-height", height);
            }
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (verkan_window_parent_class)->close_request (window);
}

static void
verkan_window_dispose (GObject *object)
{
  VerkanWindow *self = VERKAN_WINDOW (object);

  clear_project (self);
  self->shown_toast = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_WINDOW);

  G_OBJECT_CLASS (verkan_window_parent_class)->dispose (object);
}

static void
verkan_window_finalize (GObject *object)
{
  VerkanWindow *self = VERKAN_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (verkan_window_parent_class)->finalize (object);
}

static void
verkan_window_class_init (VerkanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = verkan_window_dispose;
  object_class->finalize = verkan_window_finalize;
  window_class->close_request = verkan_window_close_request;

  g_type_ensure (VERKAN_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, overview_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, models_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, charts_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, documents_bin);
  gtk_widget_class_bind_template_child (widget_class, VerkanWindow, report_bin);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, reopen_activated);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
}

static void
verkan_window_init (VerkanWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = verkan_application_dup_settings ();
  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  update_actions (self);
}

VerkanWindow *
verkan_window_new (GtkApplication *application)
{
  return g_object_new (VERKAN_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
