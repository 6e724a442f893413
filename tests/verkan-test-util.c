/* verkan-test-util.c: helpers shared by the tests */
#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "verkan-test-util.h"

char *
verkan_test_sql_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

void
verkan_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0755);  /* tests make folders read-only on purpose */
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        verkan_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

void
verkan_test_run_clear (VerkanTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
verkan_test_run_verkan (VerkanTestRun *run, const char *lang, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *build_root = g_getenv ("VERKAN_BUILD_ROOT");

  g_assert_nonnull (g_getenv ("VERKAN_BIN"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("VERKAN_BIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LC_ALL", lang ? lang : "C.UTF-8", TRUE);
  if (build_root != NULL)
    {
      g_autofree char *localedir = g_build_filename (build_root, "po", NULL);
      envp = g_environ_setenv (envp, "VERKAN_LOCALEDIR", localedir, TRUE);
    }
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

double
verkan_test_png_difference (const char *reference, const char *actual, int threshold)
{
  cairo_surface_t *want, *got;
  int width, height, want_stride, got_stride;
  guint64 differing = 0;

  if (g_getenv ("VERKAN_UPDATE_REFERENCE"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *bytes = NULL;
      gsize length = 0;

      g_file_get_contents (actual, &bytes, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (reference, bytes, (gssize) length, &error);
      g_assert_no_error (error);
      g_test_message ("wrote %s: look at it before committing it", reference);
    }

  want = cairo_image_surface_create_from_png (reference);
  got = cairo_image_surface_create_from_png (actual);
  g_assert_cmpint (cairo_surface_status (want), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (got), ==, CAIRO_STATUS_SUCCESS);

  width = cairo_image_surface_get_width (want);
  height = cairo_image_surface_get_height (want);
  g_test_message ("reference %d × %d, this drawing %d × %d (%s)", width, height,
                  cairo_image_surface_get_width (got), cairo_image_surface_get_height (got), actual);
  g_assert_cmpint (cairo_image_surface_get_width (got), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (got), ==, height);

  want_stride = cairo_image_surface_get_stride (want);
  got_stride = cairo_image_surface_get_stride (got);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (want) + y * want_stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (got) + y * got_stride);

      for (int x = 0; x < width; x++)
        {
          int worst = 0;
          for (int shift = 0; shift < 24; shift += 8)
            worst = MAX (worst, abs ((int) ((a[x] >> shift) & 0xff) - (int) ((b[x] >> shift) & 0xff)));
          if (worst > threshold)
            differing++;
        }
    }
  cairo_surface_destroy (want);
  cairo_surface_destroy (got);
  return (double) differing / ((double) width * height);
}
