/* bench-document-search.c: how fast a search over 1,000 documents answers.
 *
 * Makes a project with 1,000 documents of about 2,000 words each, the
 * words drawn from a made-up Swedish-like vocabulary of 20,000 words with
 * a Zipf-like spread (a few very common, most rare), written straight into
 * blob, blob_text and document (the schema's trigger fills document_fts).
 * Then runs 20 queries as a person types them (common and rare words,
 * prefixes, two and three words, capitals and å/ä/ö) with a limit of 50, a
 * list's screenful, and prints the median and the worst.  The issue's
 * target is under 20 ms.  Figures, not assertions.  VERKAN_BENCH_KEEP=1
 * keeps the project file.
 */
#include "bench-stats.h"

#include <math.h>
#include <stdio.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "verkan-document-search.h"
#include "verkan-project.h"

#define N_DOCUMENTS 1000
#define N_WORDS     2000
#define VOCABULARY  20000
#define LIMIT       50

static const char *const syllables[] = {
  "ar", "be", "te", "åt", "gär", "der", "för", "sör", "jning", "kom", "mun", "sam",
  "ver", "kan", "upp", "följ", "ning", "mål", "grupp", "ef", "fekt", "styr", "be",
  "slut", "ana", "lys", "ö", "ver", "sikt", "un", "ga", "vux", "na", "in", "sat",
  "ser", "ä", "ren", "de", "plan", "hus", "håll", "skol", "vård", "om", "sorg",
};

static const char *const queries[] = {
  "åtgärd", "ÅTGÄRD", "för", "försörjning", "kom", "kommun samverkan", "upp",
  "uppföljning mål", "styr", "ana", "ä", "över", "vård omsorg", "be", "plan",
  "åt gär", "samverkan unga vuxna", "a", "skol", "grupp",
};

static char **
make_vocabulary (GRand *rand)
{
  char **vocabulary = g_new0 (char *, VOCABULARY + 1);

  for (int i = 0; i < VOCABULARY; i++)
    {
      GString *word = g_string_new (NULL);
      int n = g_rand_int_range (rand, 1, 5);

      for (int s = 0; s < n; s++)
        g_string_append (word, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      vocabulary[i] = g_string_free (word, FALSE);
    }
  return vocabulary;
}

/* Zipf-like: rank r is drawn with a chance about 1 / r */
static const char *
draw_word (GRand       *rand,
           char *const *vocabulary)
{
  double u = g_rand_double (rand);
  int rank = (int) exp (u * log (VOCABULARY)) - 1;

  return vocabulary[CLAMP (rank, 0, VOCABULARY - 1)];
}

static gboolean
fill (VerkanProject  *project,
      GError        **error)
{
  sqlite3 *db = verkan_project_get_db (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000);
  g_auto(GStrv) vocabulary = make_vocabulary (rand);
  sqlite3_stmt *blob, *text, *document;

  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO blob (hash, size, n_parts, complete) VALUES (?1, ?2, 1, 1)",
                      -1, &blob, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO blob_text (hash, text, n_pages) VALUES (?1, ?2, 1)",
                      -1, &text, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO document (uuid, hash, title, file_name, mime_type)"
                          " VALUES (?1, ?1, ?2, 'x.txt', 'text/plain')", -1, &document, NULL);
  for (int i = 0; i < N_DOCUMENTS; i++)
    {
      GString *body = g_string_new (NULL);
      g_autofree char *hash = NULL;
      g_autofree char *title = NULL;

      for (int w = 0; w < N_WORDS; w++)
        {
          g_string_append (body, draw_word (rand, vocabulary));
          g_string_append (body, w % 15 == 14 ? ". " : " ");
        }
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body->str, body->len);
      title = g_strdup_printf ("Dokument %d om %s och %s", i + 1,
                               draw_word (rand, vocabulary), draw_word (rand, vocabulary));

      sqlite3_bind_text (blob, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (blob, 2, body->len);
      sqlite3_bind_text (text, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (text, 2, body->str, body->len, SQLITE_STATIC);
      sqlite3_bind_text (document, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 2, title, -1, SQLITE_STATIC);
      if (sqlite3_step (blob) != SQLITE_DONE || sqlite3_step (text) != SQLITE_DONE
          || sqlite3_step (document) != SQLITE_DONE)
        {
          g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_FAILED,
                       "%s", sqlite3_errmsg (db));
          g_string_free (body, TRUE);
          return FALSE;
        }
      sqlite3_reset (blob);
      sqlite3_reset (text);
      sqlite3_reset (document);
      g_string_free (body, TRUE);
    }
  sqlite3_finalize (blob);
  sqlite3_finalize (text);
  sqlite3_finalize (document);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return TRUE;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-search-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(VerkanProject) project = NULL;
  gint64 start;
  double worst = 0;
  const char *worst_query = "";

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "tusen.verkan", NULL);
  project = verkan_project_create (path, "Tusen dokument", &error);
  start = g_get_monotonic_time ();
  if (project == NULL || !fill (project, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%d documents of %d words indexed in %.1f s\n", N_DOCUMENTS, N_WORDS,
          (g_get_monotonic_time () - start) / 1e6);

  /* one search first, as the page would have done on opening */
  g_ptr_array_unref (verkan_document_search (project, "x", LIMIT, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      start = g_get_monotonic_time ();
      hits = verkan_document_search (project, queries[i], LIMIT, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (hits == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("  %-24s %4u hits  %6.2f ms\n", queries[i], hits->len, ms);
      if (ms > worst)
        {
          worst = ms;
          worst_query = queries[i];
        }
      g_array_append_val (samples, ms);
    }
  printf ("search over %d documents, limit %d: median %.2f ms, worst %.2f ms (\"%s\")"
          " (target < 20 ms)\n", N_DOCUMENTS, LIMIT, bench_median (samples), worst, worst_query);

  verkan_project_close (project);
  g_clear_object (&project);
  /* to look at the index afterwards with sqlite3 */
  if (g_getenv ("VERKAN_BENCH_KEEP") != NULL)
    {
      printf ("kept %s\n", path);
      return 0;
    }
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
  }
  g_rmdir (dir);
  return 0;
}
