/* verkan-gui-test-util.h: what the GUI tests share: running the main
 * loop, finding widgets by name, reading and waiting on the project file
 * past Verkan's own code, and copying the sample project to work on
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-application.h"
#include "verkan-window.h"

G_BEGIN_DECLS

/* How long verkan_gui_test_wait_for_text() waits for the file */
#define VERKAN_GUI_TEST_WAIT_MS 5000

/* Checks the environment and opens the display.  FALSE when there is no
 * display (outside CI): the caller then runs only a test that says so */
gboolean           verkan_gui_test_init_display     (void);

/* The application, registered, for tests that need whole windows */
VerkanApplication *verkan_gui_test_new_application  (void);

/* Runs what is pending in the main loop, without waiting */
void               verkan_gui_test_iterate          (void);

/* Lets the main loop run for @ms, so that timeouts (a field's commit
 * after a pause in typing) and idles happen as they would for a person */
void               verkan_gui_test_run_for          (guint ms);

/* The widget in @root's tree (@root too) whose name is @name, or NULL */
GtkWidget         *verkan_gui_test_find_named       (GtkWidget  *root,
                                                     const char *name);

/* The same, in every window */
GtkWidget         *verkan_gui_test_find_in_toplevels (const char *name);

/* The rows of @list */
guint              verkan_gui_test_count_rows       (GtkListBox *list);

/* All the text of @view's buffer */
char              *verkan_gui_test_buffer_text      (GtkTextView *view);

/* A number straight from the file with SQLite; -1 for no row or NULL */
gint64             verkan_gui_test_query_int        (const char *path,
                                                     const char *sql);

/* Waits (without a time limit on the test's verdict: the value is
 * asserted afterwards) until @sql reads @expected from the file */
gboolean           verkan_gui_test_wait_for_text    (const char *path,
                                                     const char *sql,
                                                     const char *expected);

/* Copies the built sample project into @dir as @name; the new path */
char              *verkan_gui_test_copy_sample      (const char *dir,
                                                     const char *name);

/* A window of @application, shown at @width x @height */
VerkanWindow      *verkan_gui_test_new_window       (VerkanApplication *application,
                                                     int                width,
                                                     int                height);

/* The same, with the project at @path open in it */
VerkanWindow      *verkan_gui_test_open_window      (VerkanApplication *application,
                                                     const char        *path,
                                                     int                width,
                                                     int                height);

/* Destroys @window and lets GTK finish with it */
void               verkan_gui_test_close_window     (GtkWindow *window);

G_END_DECLS
