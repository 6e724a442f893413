/* verkan-application.h: the Verkan application: its windows, actions,
 * settings and the list of recent projects */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_APPLICATION (verkan_application_get_type ())
G_DECLARE_FINAL_TYPE (VerkanApplication, verkan_application, VERKAN, APPLICATION, AdwApplication)

VerkanApplication *verkan_application_new            (void);

/* Opens @file: presents the window that already shows it, or opens it in
 * @hint (or another window) when that shows the welcome page, or in a new
 * window.  Errors are shown to the person in a dialog. */
void               verkan_application_open_file      (VerkanApplication *self,
                                                      GFile             *file,
                                                      GtkWindow         *hint);

/* Makes a new project in @file (replacing a file there, which the file
 * dialog asked about) and shows it, in @hint when that shows the welcome
 * page.  Errors are shown to the person in a dialog. */
void               verkan_application_create_project (VerkanApplication *self,
                                                      GFile             *file,
                                                      GtkWindow         *hint);

/* The application's settings, or NULL when the schema is not installed
 * (the application then runs with its defaults) */
GSettings         *verkan_application_get_settings   (VerkanApplication *self);
/* A new GSettings for se.verkan.Verkan, or NULL when it is not installed */
GSettings         *verkan_application_dup_settings   (void);

/* The recent projects, newest first, at most ten, missing files left out */
void               verkan_application_add_recent     (VerkanApplication *self,
                                                      const char        *path);
void               verkan_application_remove_recent  (VerkanApplication *self,
                                                      const char        *path);

/* Where "Open the Sample Project" finds the sample: $VERKAN_DATA_DIR
 * first (the build tree), then the installed data */
char              *verkan_application_dup_sample_path (void);

G_END_DECLS
