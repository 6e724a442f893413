/* test-crash.c: a process editing a project is killed with SIGKILL at an
 * arbitrary moment.  Every edit it reported as done must be in the file,
 * and the file must pass SQLite's integrity check. */
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "verkan-project.h"

/* The child: alternate inserts and field edits forever, telling the parent
 * the number of each edit once execute() has returned. */
G_GNUC_NORETURN static void
edit_until_killed (const char *path, int report_fd)
{
  g_autoptr(GError) error = NULL;
  VerkanProject *project = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);

  if (project == NULL)
    _exit (3);
  for (guint32 i = 0;; i++)
    {
      g_autofree char *text = g_strdup_printf ("Mål %u", i);
      gboolean ok;

      if (i % 2 == 0)
        {
          GVariantDict row;
          g_variant_dict_init (&row, NULL);
          g_variant_dict_insert (&row, "text", "s", text);
          ok = verkan_project_insert (project, "goal", g_variant_dict_end (&row), &error) > 0;
        }
      else
        {
          /* a different field each time, so nothing merges */
          ok = verkan_project_set_value (project, "project", 1, i % 4 == 1 ? "title" : "subtitle",
                                         g_variant_new_string (text), &error);
        }
      if (!ok || write (report_fd, &i, sizeof i) != sizeof i)
        _exit (4);
    }
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
run_round (const char *path, guint32 kill_after)
{
  g_autoptr(VerkanProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *goals = NULL;
  g_autofree char *max_goal = NULL;
  int fds[2];
  pid_t child;
  guint32 acked = 0, last = 0;
  gboolean any = FALSE;
  sqlite3 *db = NULL;
  int status = 0;
  guint32 n_goals, highest;

  g_assert_cmpint (pipe (fds), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (fds[0]);
      edit_until_killed (path, fds[1]);
    }
  close (fds[1]);

  while (read (fds[0], &last, sizeof last) == sizeof last)
    {
      any = TRUE;
      acked = last + 1;
      if (acked >= kill_after)
        break;
    }
  kill (child, SIGKILL);
  waitpid (child, &status, 0);
  /* what the child reported between our last read and its death counts too */
  while (read (fds[0], &last, sizeof last) == sizeof last)
    acked = last + 1;
  close (fds[0]);
  g_assert_true (any);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  /* Verkan opens it again, writable: the lock died with the process */
  reopened = verkan_project_open (path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (verkan_project_get_read_only (reopened));
  g_clear_object (&reopened);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  check = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  /* every acknowledged insert is there, in order, and at most one more */
  goals = query_text (db, "SELECT count(*) FROM goal");
  n_goals = atoi (goals);
  g_assert_cmpuint (n_goals, >=, (acked + 1) / 2);
  g_assert_cmpuint (n_goals, <=, (acked + 1) / 2 + 1);
  max_goal = query_text (db, "SELECT max(CAST(substr(text, 5) AS INTEGER)) FROM goal");
  highest = atoi (max_goal);
  g_assert_cmpuint (highest, ==, 2 * (n_goals - 1));
  sqlite3_close (db);
  g_test_message ("killed after %u acknowledged edits: %u goals in the file", acked, n_goals);
}

static void
test_killed_mid_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "krasch.verkan", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  VerkanProject *project;

  g_assert_no_error (error);
  project = verkan_project_create (path, "Krasch", &error);
  g_assert_no_error (error);
  g_object_unref (project);

  /* Rounds of different lengths kill at different points of the cycle.
   * Each round starts from where the last one left off: the file with its
   * WAL as the killed process left it. */
  for (guint round = 0; round < 6; round++)
    {
      sqlite3 *db = NULL;

      run_round (path, 40 + round * 37 + g_test_rand_int_range (0, 25));
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "DELETE FROM goal", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/killed-mid-edit", test_killed_mid_edit);
  return g_test_run ();
}
