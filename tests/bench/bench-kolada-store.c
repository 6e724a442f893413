/* bench-kolada-store.c: how fast Kolada's answers are parsed and stored.
 *
 * Generates 290 municipalities × 20 years × 3 genders × 6 KPIs = 104,400
 * values as v3 data pages of 5,000 rows in memory, then prints
 *   - the time to parse every page and store it all with
 *     verkan_kolada_store_rows () into a fresh project file (target
 *     under 1 s), and the peak memory (VmHWM) it added (target under
 *     100 MB);
 *   - the same values stored again, a refetch that replaces them all;
 *   - the whole HTTP path against a local SoupServer: 12 requests of
 *     25 municipalities, parsed and stored in one transaction.
 * Figures, not assertions: the machines are shared and noisy.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "verkan-kolada-client.h"
#include "verkan-kolada-store.h"
#include "verkan-project.h"

#define N_MUNICIPALITIES 290
#define N_YEARS 20
#define FIRST_YEAR 2004
#define ROWS_PER_PAGE 5000

static const char *const kpis[] = { "N31807", "N31816", "N31814", "U31801", "N31008", "N03920", NULL };

/* This thread's CPU time in µs: on a busy machine wall time says little */
static gint64
cpu_usec (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* Peak resident memory so far, in kB */
static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

static GStrv
municipality_codes (void)
{
  GStrv codes = g_new0 (char *, N_MUNICIPALITIES + 1);

  for (guint i = 0; i < N_MUNICIPALITIES; i++)
    codes[i] = g_strdup_printf ("%04u", 114 + i * 8);
  return codes;
}

static void
append_row (GString *out, const char *kpi, const char *municipality, int year)
{
  static const char genders[] = { 'T', 'K', 'M' };

  g_string_append_printf (out, "{\"kpi\": \"%s\", \"municipality\": \"%s\", \"period\": %d, "
                               "\"values\": [", kpi, municipality, year);
  for (guint g = 0; g < 3; g++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%s{\"gender\": \"%c\", \"value\": %s, \"count\": 1, "
                                   "\"status\": \"\", \"isdeleted\": false}",
                              g > 0 ? ", " : "", genders[g],
                              /* every 17th value missing, as Kolada has them */
                              (year + g + atoi (municipality)) % 17 == 0 ? "null"
                              : g_ascii_dtostr (number, sizeof number,
                                                (atoi (municipality) % 97) / 10.0 + year - 2000 + g * 0.3));
    }
  g_string_append (out, "]}");
}

/* All rows of @kpis × @municipalities × years as pages of ROWS_PER_PAGE */
static GPtrArray *
make_pages (const char *const *page_kpis, const char *const *municipalities)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GString *page = NULL;
  guint in_page = 0, page_number = 0;

  for (guint k = 0; page_kpis[k]; k++)
    for (guint m = 0; municipalities[m]; m++)
      for (int y = 0; y < N_YEARS; y++)
        {
          if (page == NULL)
            {
              page = g_string_sized_new (ROWS_PER_PAGE * 330);
              g_string_append (page, "{\"values\": [");
            }
          append_row (page, page_kpis[k], municipalities[m], FIRST_YEAR + y);
          if (++in_page < ROWS_PER_PAGE)
            g_string_append (page, ", ");
          else
            {
              g_string_append_printf (page, "], \"count\": %u, \"next_url\": "
                                            "\"https://api.kolada.se/v3/data?page=%u\"}",
                                      in_page, ++page_number + 1);
              g_ptr_array_add (pages, g_string_free_to_bytes (page));
              page = NULL;
              in_page = 0;
            }
        }
  if (page != NULL)
    {
      if (g_str_has_suffix (page->str, ", "))
        g_string_truncate (page, page->len - 2);
      g_string_append_printf (page, "], \"count\": %u, \"next_url\": null}", in_page);
      g_ptr_array_add (pages, g_string_free_to_bytes (page));
    }
  return pages;
}

/* --- the HTTP path ------------------------------------------------------- */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  char         *base_url;
  GMutex        lock;
  GCond         cond;
} Server;

static GStrv
path_part (GStrv parts, const char *name)
{
  for (guint i = 0; parts[i] && parts[i + 1]; i++)
    if (g_str_equal (parts[i], name))
      return g_strsplit (parts[i + 1], ",", -1);
  return g_new0 (char *, 1);
}

static void
serve (SoupServer *soup, SoupServerMessage *message, const char *path, GHashTable *query,
       gpointer user_data)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_auto(GStrv) page_kpis = path_part (parts, "kpi");
  g_auto(GStrv) municipalities = path_part (parts, "municipality");
  g_autoptr(GPtrArray) pages = NULL;
  gsize size;
  const char *data;

  soup_server_message_set_status (message, 200, NULL);
  if (!g_str_has_prefix (path, "/v3/data/"))
    {
      /* KPI descriptions and the like: nothing to say */
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"values\": [], \"count\": 0}", 27);
      return;
    }
  /* 6 KPIs × 25 municipalities × 20 years = 3,000 rows: one page */
  pages = make_pages ((const char *const *) page_kpis, (const char *const *) municipalities);
  data = g_bytes_get_data (g_ptr_array_index (pages, 0), &size);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, data, size);
}

static gpointer
server_thread (gpointer user_data)
{
  Server *server = user_data;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup, NULL, serve, server, NULL);
  if (!soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("No local server: %s", error->message);
  uris = soup_server_get_uris (soup);

  g_mutex_lock (&server->lock);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%d/v3/", g_uri_get_port (uris->data));
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  soup_server_disconnect (soup);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static gboolean
quit_server (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
bench_http (const char *dir, GStrv municipalities)
{
  g_autofree char *path = g_build_filename (dir, "http.verkan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (path, "Bänk", &error);
  g_autoptr(VerkanKoladaClient) client = NULL;
  g_autoptr(VerkanKoladaFetchSummary) summary = NULL;
  VerkanKoladaRequest request = { (GStrv) kpis, municipalities, FIRST_YEAR, FIRST_YEAR + N_YEARS - 1 };
  Server server = { NULL };
  GThread *thread;
  GSource *source;
  gint64 start;

  g_assert_no_error (error);
  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  thread = g_thread_new ("bench-server", server_thread, &server);
  g_mutex_lock (&server.lock);
  while (server.base_url == NULL)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);

  client = verkan_kolada_client_new (server.base_url);
  /* no pause between requests: this measures Verkan, not Kolada's pace */
  verkan_kolada_client_set_backoff (client, 0);
  start = g_get_monotonic_time ();
  summary = verkan_kolada_client_fetch_values (client, path, &request, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("HTTP path, local server:    %7.1f ms  (%u requests, %u values, no pacing; "
          "Kolada's pace of 5 a second adds %.1f s)\n",
          (g_get_monotonic_time () - start) / 1000.0, summary->n_requests, summary->n_values,
          (summary->n_requests - 1) * 0.2);

  source = g_idle_source_new ();
  g_source_set_callback (source, quit_server, server.loop, NULL);
  g_source_attach (source, server.context);
  g_source_unref (source);
  g_thread_join (thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_free (server.base_url);
  g_mutex_clear (&server.lock);
  g_cond_clear (&server.cond);
  verkan_project_close (project);
}

int
main (void)
{
  g_autofree char *dir = g_dir_make_tmp ("verkan-bench-kolada-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.verkan", NULL);
  g_auto(GStrv) municipalities = municipality_codes ();
  g_autoptr(GPtrArray) pages = make_pages (kpis, (const char *const *) municipalities);
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanProject) project = verkan_project_create (path, "Bänk", &error);
  g_autoptr(GArray) rows = verkan_kolada_rows_new ();
  VerkanKoladaRequest request = { (GStrv) kpis, municipalities, FIRST_YEAR, FIRST_YEAR + N_YEARS - 1 };
  gsize json_bytes = 0;
  gint64 start, parsed, stored, peak_before, peak_after, cpu_start, cpu_parsed, cpu_stored;
  guint n_stored = 0, n_deleted = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < pages->len; i++)
    json_bytes += g_bytes_get_size (g_ptr_array_index (pages, i));
  printf ("%u pages of up to %d rows, %.1f MB of JSON\n", pages->len, ROWS_PER_PAGE,
          json_bytes / 1e6);

  peak_before = peak_rss_kb ();
  start = g_get_monotonic_time ();
  cpu_start = cpu_usec ();
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *next = NULL;

      if (!verkan_kolada_parse_data_page (g_ptr_array_index (pages, i), rows, &next, &error))
        g_error ("%s", error->message);
    }
  parsed = g_get_monotonic_time ();
  cpu_parsed = cpu_usec ();
  if (!verkan_kolada_store_rows_counted (verkan_project_get_db (project), &request, rows, NULL, TRUE,
                                         VERKAN_VALUE_ORIGIN_KOLADA, "2026-11-22T10:15:00Z",
                                         &n_stored, &n_deleted, &error))
    g_error ("%s", error->message);
  stored = g_get_monotonic_time ();
  cpu_stored = cpu_usec ();
  peak_after = peak_rss_kb ();

  printf ("values:                     %7u\n", n_stored);
  printf ("parse all pages:            %7.1f ms  (CPU %.1f ms)\n", (parsed - start) / 1000.0,
          (cpu_parsed - cpu_start) / 1000.0);
  printf ("store (one transaction):    %7.1f ms  (CPU %.1f ms)\n", (stored - parsed) / 1000.0,
          (cpu_stored - cpu_parsed) / 1000.0);
  printf ("parse + store:              %7.1f ms  (CPU %.1f ms; target < 1000 ms)\n",
          (stored - start) / 1000.0, (cpu_stored - cpu_start) / 1000.0);
  printf ("peak memory increase:       %7.1f MB  (target < 100 MB; VmHWM %.1f → %.1f MB)\n",
          (peak_after - peak_before) / 1024.0, peak_before / 1024.0, peak_after / 1024.0);

  /* a full refetch: every value replaced, nothing removed */
  start = g_get_monotonic_time ();
  if (!verkan_kolada_store_rows_counted (verkan_project_get_db (project), &request, rows, NULL, TRUE,
                                         VERKAN_VALUE_ORIGIN_KOLADA, "2026-11-23T10:15:00Z",
                                         &n_stored, &n_deleted, &error))
    g_error ("%s", error->message);
  printf ("store again (full refetch): %7.1f ms  (%u removed)\n",
          (g_get_monotonic_time () - start) / 1000.0, n_deleted);

  g_array_set_size (rows, 0);
  bench_http (dir, municipalities);

  verkan_project_close (project);
  g_clear_object (&project);
  {
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *name;

    while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
