/* bench-document-add.c: adding a 200 MB file to a project, streamed in
 * parts through SQLite's incremental blob I/O.  Prints the time taken and
 * how much the peak resident memory grew (target: under 50 MB); then the
 * same bytes again, which only hashes them (stored once).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "verkan-document-store.h"
#include "verkan-project.h"

#define FILE_SIZE (200 * 1000 * 1000)

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

static void
generate (const char *path)
{
  g_autofree guint32 *buffer = g_malloc (65536);
  GRand *rand = g_rand_new_with_seed (2022);
  FILE *out = fopen (path, "wb");

  for (gsize done = 0; done < FILE_SIZE; done += 65536)
    {
      for (guint i = 0; i < 65536 / 4; i++)
        buffer[i] = g_rand_int (rand);
      fwrite (buffer, 1, MIN (65536, FILE_SIZE - done), out);
    }
  fclose (out);
  g_rand_free (rand);
}

static void
add_once (VerkanProject *project, const char *path, const char *what)
{
  g_autoptr(GError) error = NULL;
  gint64 before, after, start, id;

  /* "5" resets the peak to what is resident now (Linux) */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  before = status_kib ("VmHWM:");
  start = g_get_monotonic_time ();
  id = verkan_document_store_add (project, path, NULL, 0, NULL, NULL, NULL, &error);
  after = status_kib ("VmHWM:");
  if (id == 0)
    {
      g_printerr ("add failed: %s\n", error ? error->message : "?");
      return;
    }
  g_print ("%-28s %8.2f s   %6.1f MB/s   peak RSS +%.1f MB (target < 50 MB)\n", what,
           (g_get_monotonic_time () - start) / 1e6,
           FILE_SIZE / 1e6 / ((g_get_monotonic_time () - start) / 1e6),
           (after - before) / 1024.0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-doc-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "stor.bin", NULL);
  g_autofree char *project_path = g_build_filename (dir, "bench.verkan", NULL);
  g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (project_path, "-shm", NULL);
  VerkanProject *project;

  generate (file);
  project = verkan_project_create (project_path, "Bench", &error);
  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("Adding a %d MB file (parts of %d MiB):\n", FILE_SIZE / 1000000,
           (int) (VERKAN_DOCUMENT_PART_SIZE >> 20));
  add_once (project, file, "new bytes");
  add_once (project, file, "same bytes again (dedupe)");
  g_object_unref (project);

  g_unlink (file);
  g_unlink (project_path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
