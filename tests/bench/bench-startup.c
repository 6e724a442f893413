/* bench-startup.c: time from starting `verkan FILE` to its window being
 * mapped, against GNOME Text Editor opening a small text file, on the same
 * X display in the same run.
 *
 *   xvfb-run -a dbus-run-session -- build/tests/bench/bench-startup [RUNS] [--welcome]
 *
 * Each program is started once to warm the caches, then the two take turns;
 * the medians and their ratio are printed. */
#include <X11/Xlib.h>
#include <fcntl.h>
#include <glib/gstdio.h>

#include "bench-stats.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  const char  *name;
  char       **argv;
  char       **envp;
  GArray      *ms;
} Candidate;

static double
launch_until_mapped (Display *display, Candidate *c)
{
  XEvent event;
  gint64 start, deadline;
  double ms = -1;
  pid_t child;
  int status;

  /* forget maps from earlier runs */
  XSync (display, True);

  start = g_get_monotonic_time ();
  child = fork ();
  if (child == 0)
    {
      int null = g_open ("/dev/null", O_WRONLY, 0);
      dup2 (null, STDOUT_FILENO);
      dup2 (null, STDERR_FILENO);
      execve (c->argv[0], c->argv, c->envp);
      _exit (127);
    }

  deadline = start + 30 * G_USEC_PER_SEC;
  while (ms < 0 && g_get_monotonic_time () < deadline)
    {
      if (!XPending (display))
        {
          if (waitpid (child, &status, WNOHANG) == child)
            break;  /* it died without a window */
          g_usleep (200);
          continue;
        }
      XNextEvent (display, &event);
      if (event.type == MapNotify && !event.xmap.override_redirect)
        ms = (g_get_monotonic_time () - start) / 1000.0;
    }

  kill (child, SIGTERM);
  g_usleep (100 * 1000);
  kill (child, SIGKILL);
  waitpid (child, &status, 0);
  return ms;
}

static char **
isolated_env (const char *home)
{
  char **envp = g_get_environ ();
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *state = g_build_filename (home, "state", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  /* no remembered sessions or windows: both start as on a new account */
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", state, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GDK_BACKEND", "x11", TRUE);
  return envp;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("verkan-startup-XXXXXX", &error);
  g_autofree char *text_file = g_build_filename (home, "liten.txt", NULL);
  g_autofree char *editor = g_find_program_in_path ("gnome-text-editor");
  const char *build = g_getenv ("VERKAN_BUILD_DIR");
  g_autofree char *verkan = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *schemas = NULL;
  g_autofree char *data_dir = NULL;
  Candidate candidates[2];
  /* --welcome: start without a file, to see what loading the project costs */
  gboolean welcome = argc > 1 && g_str_equal (argv[argc - 1], "--welcome");
  int runs = argc > 1 && atoi (argv[1]) > 0 ? atoi (argv[1]) : 7;
  Display *display;

  g_assert_no_error (error);
  if (build == NULL)
    build = BUILD_ROOT;
  verkan = g_build_filename (build, "src", "verkan", NULL);
  sample = g_build_filename (build, "data", "examples", "battre-forutsattningar.verkan", NULL);
  data_dir = g_build_filename (build, "data", NULL);
  schemas = g_strdup (data_dir);

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("bench-startup needs an X display: run it under xvfb-run -a dbus-run-session --\n");
      return 1;
    }
  if (editor == NULL)
    {
      g_printerr ("bench-startup compares with gnome-text-editor: apt-get install gnome-text-editor\n");
      return 1;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  g_file_set_contents (text_file, "Styrgruppen träffas den 16 augusti.\n", -1, NULL);

  candidates[0].name = welcome ? "verkan (welcome page)" : "verkan FILE";
  candidates[0].argv = g_strdupv ((char *[]) { verkan, welcome ? NULL : sample, NULL });
  candidates[0].envp = isolated_env (home);
  candidates[0].envp = g_environ_setenv (candidates[0].envp, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  candidates[0].envp = g_environ_setenv (candidates[0].envp, "VERKAN_DATA_DIR", data_dir, TRUE);

  candidates[1].name = "gnome-text-editor FILE";
  candidates[1].argv = g_strdupv ((char *[]) { editor, "--standalone", "--ignore-session",
                                               text_file, NULL });
  candidates[1].envp = isolated_env (home);

  for (guint i = 0; i < 2; i++)
    {
      candidates[i].ms = g_array_new (FALSE, FALSE, sizeof (double));
      if (launch_until_mapped (display, &candidates[i]) < 0)  /* warm-up */
        {
          g_printerr ("%s never mapped a window\n", candidates[i].name);
          return 1;
        }
    }

  for (int run = 0; run < runs; run++)
    for (guint i = 0; i < 2; i++)
      {
        double ms = launch_until_mapped (display, &candidates[i]);
        if (ms >= 0)
          g_array_append_val (candidates[i].ms, ms);
      }

  for (guint i = 0; i < 2; i++)
    g_print ("%-24s median %7.1f ms to a mapped window (%u runs)\n", candidates[i].name,
             bench_median (candidates[i].ms), candidates[i].ms->len);
  g_print ("ratio verkan / gnome-text-editor: %.2f (target <= 1.5)\n",
           bench_median (candidates[0].ms) / bench_median (candidates[1].ms));

  XCloseDisplay (display);
  return 0;
}
