/* verkan-application.c: the Verkan application
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "verkan-application.h"
#include "verkan-field-binding.h"
#include "verkan-file-chooser.h"
#include "verkan-gui-resources.h"
#include "verkan-kolada-client.h"
#include "verkan-kpi-catalog.h"
#include "verkan-project.h"
#include "verkan-report-edit.h"
#include "verkan-window.h"

#define MAX_RECENT 10
#define SAMPLE_NAME "battre-forutsattningar.verkan"
/* The person's own copy of the sample, which they may change */
#define SAMPLE_COPY_NAME "Exempelprojekt.verkan"

struct _VerkanApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GCancellable   *cancellable;   /* background work that ends with the app */
  guint           refresh_source;
};

G_DEFINE_FINAL_TYPE (VerkanApplication, verkan_application, ADW_TYPE_APPLICATION)

/* ------------------------------------------------------------------ */
/* Settings                                                            */

GSettings *
verkan_application_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
verkan_application_get_settings (VerkanApplication *self)
{
  g_return_val_if_fail (VERKAN_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
apply_color_scheme (VerkanApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = NULL;

  if (self->settings == NULL)
    return;

  scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* ------------------------------------------------------------------ */
/* Recent projects                                                     */

static void
store_recent (VerkanApplication *self,
              const char        *first,
              const char        *dropped)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 0;

  if (self->settings == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-projects");
  builder = g_strv_builder_new ();

  if (first != NULL)
    {
      g_strv_builder_add (builder, first);
      n++;
    }

  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (old[i], first) == 0 || g_strcmp0 (old[i], dropped) == 0)
        continue;
      if (!g_path_is_absolute (old[i]) || !g_file_test (old[i], G_FILE_TEST_IS_REGULAR))
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *) old, (const char * const *) recent))
    g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);
}

void
verkan_application_add_recent (VerkanApplication *self,
                               const char        *path)
{
  g_return_if_fail (VERKAN_IS_APPLICATION (self));
  g_return_if_fail (path != NULL && g_path_is_absolute (path));

  store_recent (self, path, NULL);
}

void
verkan_application_remove_recent (VerkanApplication *self,
                                  const char        *path)
{
  g_return_if_fail (VERKAN_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  store_recent (self, NULL, path);
}

/* ------------------------------------------------------------------ */
/* Windows                                                             */

static VerkanWindow *
find_window_for_file (VerkanApplication *self,
                      GFile             *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *shown;

      if (!VERKAN_IS_WINDOW (l->data))
        continue;

      shown = verkan_window_get_file (l->data);
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }

  return NULL;
}

/* A window that shows the welcome page, best @hint */
static VerkanWindow *
find_empty_window (VerkanApplication *self,
                   GtkWindow         *hint)
{
  if (VERKAN_IS_WINDOW (hint) && verkan_window_get_project (VERKAN_WINDOW (hint)) == NULL)
    return VERKAN_WINDOW (hint);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (VERKAN_IS_WINDOW (l->data) && verkan_window_get_project (l->data) == NULL)
      return l->data;

  return NULL;
}

/* Where to tell the person about a problem */
static VerkanWindow *
get_dialog_window (VerkanApplication *self,
                   GtkWindow         *hint)
{
  GtkWindow *active;
  VerkanWindow *window;

  if (VERKAN_IS_WINDOW (hint) && gtk_widget_get_visible (GTK_WIDGET (hint)))
    return VERKAN_WINDOW (hint);

  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (VERKAN_IS_WINDOW (active))
    return VERKAN_WINDOW (active);

  window = verkan_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show_project (VerkanApplication *self,
              VerkanProject     *project,
              GtkWindow         *hint)
{
  VerkanWindow *window = find_empty_window (self, hint);

  if (window == NULL)
    window = verkan_window_new (GTK_APPLICATION (self));

  verkan_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
}

void
verkan_application_open_file (VerkanApplication *self,
                              GFile             *file,
                              GtkWindow         *hint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autofree char *path = NULL;
  VerkanWindow *window;

  g_return_if_fail (VERKAN_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Opening a project twice would only lock it against ourselves */
  window = find_window_for_file (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = find_empty_window (self, hint);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      verkan_window_open_file (window, file, NULL);
      return;
    }

  /* Every window shows a project: open it first, so that a file that
   * cannot be opened leaves no empty window behind. */
  path = g_file_get_path (file);
  if (path != NULL)
    project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  else
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Verkan can only open projects on this computer or on a connected network drive."));

  if (project == NULL)
    {
      verkan_window_show_open_error (get_dialog_window (self, hint), file, error);
      if (path != NULL && g_error_matches (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_FOUND))
        verkan_application_remove_recent (self, path);
      return;
    }

  show_project (self, project, NULL);
}

/* ------------------------------------------------------------------ */
/* New project                                                         */

static gboolean
remove_replaced_file (GFile   *file,
                      GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;

  /* The person agreed to replace the file; the trash keeps it, in case */
  if (!g_file_trash (file, NULL, &local_error))
    {
      g_clear_error (&local_error);
      if (!g_file_delete (file, NULL, &local_error)
          && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* SQLite's journal files of the old project must not meet the new one */
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (journal);
    }

  return TRUE;
}

void
verkan_application_create_project (VerkanApplication *self,
                                   GFile             *file,
                                   GtkWindow         *hint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (VERKAN_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  /* Translators: the heading of the dialog when a new project cannot be
   * made; %s is the file name */
  heading = g_strdup_printf (_("Could not create “%s”"), name);

  if (path == NULL)
    {
      verkan_window_show_error_dialog (get_dialog_window (self, hint), heading,
                                       _("Verkan can only keep projects on this computer or on a connected network drive. Choose another folder."));
      return;
    }

  if (find_window_for_file (self, file) != NULL)
    {
      verkan_window_show_error_dialog (get_dialog_window (self, hint), heading,
                                       _("A project with this name is open in Verkan. Choose another name, or close that project first."));
      return;
    }

  /* The file dialog asked whether to replace it */
  if (g_file_query_exists (file, NULL) && !remove_replaced_file (file, &error))
    {
      verkan_window_show_error_dialog (get_dialog_window (self, hint), heading, error->message);
      return;
    }

  project = verkan_project_create (path, _("New project"), &error);
  if (project == NULL)
    {
      verkan_window_show_error_dialog (get_dialog_window (self, hint), heading, error->message);
      return;
    }

  /* The report starts from the slutrapport's chapters: in Swedish, the
   * report's language, unless the person reads Verkan in English.  A
   * template that cannot be read leaves an empty report, which is still a
   * working project. */
  if (!verkan_report_apply_template (project,
                                     g_str_has_prefix (g_get_language_names ()[0], "en")
                                     ? "en" : "sv", &error))
    {
      g_warning ("The report template could not be applied: %s", error->message);
      g_clear_error (&error);
    }

  show_project (self, project, hint);
}

static void
on_new_project_chosen (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(VerkanApplication) self = user_data;
  g_autoptr(GFile) file = verkan_file_chooser_finish (result);

  if (file != NULL)
    verkan_application_create_project (self, file,
                                       gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static GFile *
dup_documents_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents == NULL || !g_file_test (documents, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_file_new_for_path (documents);
}

static void
new_project_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  VerkanApplication *self = user_data;
  g_autofree char *suggested = NULL;
  g_autoptr(GFile) documents = NULL;

  /* Translators: the suggested file name of a new project, without .verkan */
  suggested = g_strconcat (_("New project"), ".verkan", NULL);

  documents = dup_documents_folder ();
  verkan_file_chooser_run (gtk_application_get_active_window (GTK_APPLICATION (self)),
                           VERKAN_FILE_CHOOSER_SAVE,
                           _("New Project"),
                           _("_Create"),
                           documents,
                           suggested,
                           on_new_project_chosen,
                           g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

static void
on_open_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VerkanApplication) self = user_data;
  g_autoptr(GFile) file = verkan_file_chooser_finish (result);

  if (file != NULL)
    verkan_application_open_file (self, file,
                                  gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
open_project_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VerkanApplication *self = user_data;

  verkan_file_chooser_run (gtk_application_get_active_window (GTK_APPLICATION (self)),
                           VERKAN_FILE_CHOOSER_OPEN,
                           _("Open Project"),
                           _("_Open"),
                           NULL,
                           NULL,
                           on_open_chosen,
                           g_object_ref (self));
}

static void
open_path_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  VerkanApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  verkan_application_open_file (self, file,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
remove_recent_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  verkan_application_remove_recent (VERKAN_APPLICATION (user_data),
                                    g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------------ */
/* The sample project                                                  */

char *
verkan_application_dup_sample_path (void)
{
  const char *data_dir = g_getenv ("VERKAN_DATA_DIR");

  if (data_dir != NULL && *data_dir != '\0')
    {
      g_autofree char *path = g_build_filename (data_dir, "examples", SAMPLE_NAME, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return g_build_filename (PKGDATADIR, "examples", SAMPLE_NAME, NULL);
}

typedef struct {
  VerkanApplication *self;
  GtkWindow         *hint;
  GFile             *partial;
  GFile             *dest;
} SampleCopy;

static void
sample_copy_free (SampleCopy *copy)
{
  g_clear_object (&copy->self);
  g_clear_object (&copy->hint);
  g_clear_object (&copy->partial);
  g_clear_object (&copy->dest);
  g_free (copy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SampleCopy, sample_copy_free)

static GtkWindow *
live_window (GtkWindow *window)
{
  /* A window closed while the copy ran has left the application */
  if (window != NULL && gtk_window_get_application (window) != NULL)
    return window;
  return NULL;
}

static void
show_sample_error (SampleCopy   *copy,
                   const GError *error)
{
  verkan_window_show_error_dialog (get_dialog_window (copy->self, live_window (copy->hint)),
                                   _("Could not open the sample project"),
                                   error->message);
}

static void
on_sample_copied (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SampleCopy) copy = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_copy_finish (G_FILE (source), result, &error)
      || !g_file_move (copy->partial, copy->dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_file_delete (copy->partial, NULL, NULL);
      show_sample_error (copy, error);
      return;
    }

  verkan_application_open_file (copy->self, copy->dest, live_window (copy->hint));
}

static void
open_sample_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  VerkanApplication *self = user_data;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "verkan", NULL);
  g_autofree char *dest_path = g_build_filename (dir, SAMPLE_COPY_NAME, NULL);
  g_autofree char *partial_path = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *sample_path = NULL;
  g_autoptr(GFile) sample = NULL;
  GtkWindow *hint = gtk_application_get_active_window (GTK_APPLICATION (self));
  SampleCopy *copy;

  copy = g_new0 (SampleCopy, 1);
  copy->self = g_object_ref (self);
  copy->hint = hint != NULL ? g_object_ref (hint) : NULL;
  copy->dest = g_file_new_for_path (dest_path);
  copy->partial = g_file_new_for_path (partial_path);

  /* The person's copy, with what they changed in it */
  if (g_file_test (dest_path, G_FILE_TEST_IS_REGULAR))
    {
      verkan_application_open_file (self, copy->dest, hint);
      sample_copy_free (copy);
      return;
    }

  sample_path = verkan_application_dup_sample_path ();
  if (!g_file_test (sample_path, G_FILE_TEST_IS_REGULAR))
    {
      verkan_window_show_error_dialog (get_dialog_window (self, hint),
                                       _("The sample project is missing"),
                                       _("Verkan was installed without its sample project. Reinstall Verkan, or start a new project of your own."));
      sample_copy_free (copy);
      return;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autoptr(GError) error = NULL;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      show_sample_error (copy, error);
      sample_copy_free (copy);
      return;
    }

  /* Copied under another name first, so that an interrupted copy is
   * never taken for the sample later */
  sample = g_file_new_for_path (sample_path);
  g_file_copy_async (sample, copy->partial,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                     G_PRIORITY_DEFAULT, NULL, NULL, NULL,
                     on_sample_copied, copy);
}

/* ------------------------------------------------------------------ */
/* About and quitting                                                  */

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  VerkanApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "Verkan-utvecklarna", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Verkan",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", "Verkan-utvecklarna",
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2024 Verkan-utvecklarna",
                        "comments", _("Verkan helps Swedish municipalities follow up development projects "
                                      "that help people on financial assistance towards supporting "
                                      "themselves. The project leader writes the final report, the "
                                      "steering group reviews it, and the staff describe their work in "
                                      "logic models, all in one project file."),
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VerkanApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  verkan_field_binding_flush_all ();

  /* Closing saves each window's size; the edits are saved already */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "new-project", new_project_activated },
  { "open-project", open_project_activated },
  { "open-path", open_path_activated, "s" },
  { "remove-recent", remove_recent_activated, "s" },
  { "open-sample", open_sample_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

/* ------------------------------------------------------------------ */
/* The KPI catalog                                                     */

/* A week: Kolada adds and retires KPIs a few times a year */
#define CATALOG_MAX_AGE (7 * G_TIME_SPAN_DAY)

static gboolean
catalog_is_stale (void)
{
  g_autofree char *path = verkan_kpi_catalog_cache_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) changed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info == NULL)
    return TRUE;
  changed = g_file_info_get_modification_date_time (info);
  return changed == NULL || g_date_time_difference (now, changed) > CATALOG_MAX_AGE;
}

static void
on_catalog_refreshed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n = verkan_kolada_client_refresh_catalog_finish (VERKAN_KOLADA_CLIENT (source),
                                                         result, &error);

  /* Offline is the normal case for many; the shipped catalog serves then */
  if (n == 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The KPI catalog was not refreshed: %s", error ? error->message : "");
}

static gboolean
refresh_catalog (gpointer user_data)
{
  VerkanApplication *self = user_data;
  g_autoptr(VerkanKoladaClient) client = verkan_kolada_client_new (NULL);

  self->refresh_source = 0;
  verkan_kolada_client_refresh_catalog_async (client, self->cancellable,
                                              on_catalog_refreshed, NULL);
  return G_SOURCE_REMOVE;
}

/* Refreshes the KPI catalog from Kolada in the background once the window
 * has settled, when the user's copy is missing or more than a week old */
static void
schedule_catalog_refresh (VerkanApplication *self)
{
  if (self->settings == NULL ||
      !g_settings_get_boolean (self->settings, "kolada-refresh-catalog") ||
      !catalog_is_stale ())
    return;
  self->refresh_source = g_timeout_add_seconds (10, refresh_catalog, self);
}

/* ------------------------------------------------------------------ */
/* GApplication                                                        */

static void
verkan_application_startup (GApplication *application)
{
  VerkanApplication *self = VERKAN_APPLICATION (application);
  const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-project", { "<Control>n", NULL } },
    { "app.open-project", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.save-copy", { "<Control><Shift>s", NULL } },
    { "win.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (verkan_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  self->settings = verkan_application_dup_settings ();
  if (self->settings != NULL)
    {
      g_autoptr(GAction) color_scheme = g_settings_create_action (self->settings, "color-scheme");

      g_action_map_add_action (G_ACTION_MAP (self), color_scheme);
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
      apply_color_scheme (self);

      /* Forget projects that were moved or deleted since last time */
      store_recent (self, NULL, NULL);
      schedule_catalog_refresh (self);
    }
  else
    {
      g_warning ("The settings schema %s is not installed; "
                 "window size and recent projects will not be remembered",
                 APPLICATION_ID);
    }
}

static void
verkan_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (verkan_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
verkan_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  VerkanApplication *self = VERKAN_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    verkan_application_open_file (self, files[i], NULL);
}

static void
verkan_application_shutdown (GApplication *application)
{
  VerkanApplication *self = VERKAN_APPLICATION (application);

  verkan_field_binding_flush_all ();
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (verkan_application_parent_class)->shutdown (application);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
}

static void
verkan_application_class_init (VerkanApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  /* The resources register themselves when the program starts, but only
   * if the linker keeps them: from a static library it keeps what is
   * used.  This use keeps them. */
  (void) verkan_gui_get_resource ();

  application_class->startup = verkan_application_startup;
  application_class->activate = verkan_application_activate;
  application_class->open = verkan_application_open;
  application_class->shutdown = verkan_application_shutdown;
}

static void
verkan_application_init (VerkanApplication *self)
{
  self->cancellable = g_cancellable_new ();
}

VerkanApplication *
verkan_application_new (void)
{
  return g_object_new (VERKAN_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/se/verkan/Verkan",
                       NULL);
}
