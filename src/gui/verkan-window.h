/* verkan-window.h: a main window, showing the welcome page or one project */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_WINDOW (verkan_window_get_type ())
G_DECLARE_FINAL_TYPE (VerkanWindow, verkan_window, VERKAN, WINDOW, AdwApplicationWindow)

VerkanWindow  *verkan_window_new                  (GtkApplication *application);

/* Opens @file in this window, replacing a project it shows.  On failure
 * the window tells the person in a dialog what went wrong and what to do,
 * keeps what it showed before, and returns FALSE with @error set. */
gboolean       verkan_window_open_file            (VerkanWindow   *self,
                                                   GFile          *file,
                                                   GError        **error);
/* Shows a project that is already open; takes a reference. */
void           verkan_window_set_project          (VerkanWindow   *self,
                                                   VerkanProject  *project);
/* NULL while the welcome page is shown */
VerkanProject *verkan_window_get_project          (VerkanWindow   *self);
/* The file of the project shown, or NULL */
GFile         *verkan_window_get_file             (VerkanWindow   *self);

/* A dialog that tells what went wrong; @body says what to do next */
void           verkan_window_show_error_dialog    (VerkanWindow   *self,
                                                   const char     *heading,
                                                   const char     *body);
/* The dialog shown when a file cannot be opened */
void           verkan_window_show_open_error      (VerkanWindow   *self,
                                                   GFile          *file,
                                                   const GError   *error);

void           verkan_window_add_toast            (VerkanWindow   *self,
                                                   AdwToast       *toast);

/* For widgets deep inside a window: show a toast in the window that holds
 * @widget; nothing happens when it is in none. */
void           verkan_window_show_toast_for       (GtkWidget      *widget,
                                                   AdwToast       *toast);
/* A toast that says what went wrong with an edit */
void           verkan_window_show_error_for       (GtkWidget      *widget,
                                                   const GError   *error);
/* A toast with an Undo button, after something was removed */
void           verkan_window_show_undo_toast_for  (GtkWidget      *widget,
                                                   const char     *title);

G_END_DECLS
