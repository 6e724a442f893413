/* verkan-kolada-client.c: talking to Kolada's v3 API
 *
 * Every call runs in a GTask worker thread with a SoupSession made in that
 * thread and libsoup's blocking API, so a request, its retries and the
 * waits between them read top to bottom.  A value fetch asks for
 * {base}data/kpi/{ids}/municipality/{ids}/year/{years} with each list cut
 * into parts of at most 25 ids, follows next_url page by page, and only
 * when every page of every part has arrived stores all of it in one
 * transaction, through a connection of its own on the project file.  A
 * failure or a cancel before that leaves the stored values untouched.
 *
 * Waits (Retry-After, backoff, pacing) poll the GCancellable's fd, so a
 * cancel wakes them at once.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "verkan-group-catalog.h"
#include "verkan-kolada-client.h"
#include "verkan-kpi-catalog.h"
#include "verkan-sql.h"

#define SETTINGS_SCHEMA "se.verkan.Verkan"
#define DEFAULT_TIMEOUT 30
#define DEFAULT_BACKOFF 2.0
#define MAX_RETRIES 3
#define PER_PAGE 5000
#define STATUS_TOO_MANY_REQUESTS 429
/* a server whose pages never end is not followed for ever */
#define MAX_PAGES 100000
/* a Retry-After longer than this is waited for only this long */
#define MAX_RETRY_AFTER 300.0
/* the pause between two requests is the backoff divided by this: about
 * five requests a second, as Kolada asks of its clients */
#define PACE_DIVISOR 10.0

struct _VerkanKoladaClient
{
  GObject  parent_instance;

  char    *base_url;
  guint    timeout;
  double   backoff;
};

G_DEFINE_FINAL_TYPE (VerkanKoladaClient, verkan_kolada_client, G_TYPE_OBJECT)

static void
verkan_kolada_client_finalize (GObject *object)
{
  VerkanKoladaClient *self = VERKAN_KOLADA_CLIENT (object);

  g_free (self->base_url);

  G_OBJECT_CLASS (verkan_kolada_client_parent_class)->finalize (object);
}

static void
verkan_kolada_client_class_init (VerkanKoladaClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verkan_kolada_client_finalize;
}

static void
verkan_kolada_client_init (VerkanKoladaClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->backoff = DEFAULT_BACKOFF;
}

/* The app's settings when its schema is installed; the CLI and the tests
 * may run without it */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema == NULL ||
      !g_settings_schema_has_key (schema, "kolada-base-url") ||
      !g_settings_schema_has_key (schema, "kolada-timeout"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

VerkanKoladaClient *
verkan_kolada_client_new (const char *base_url)
{
  VerkanKoladaClient *self = g_object_new (VERKAN_TYPE_KOLADA_CLIENT, NULL);
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *from_settings = NULL;

  if (settings != NULL)
    {
      self->timeout = MAX (g_settings_get_uint (settings, "kolada-timeout"), 1);
      from_settings = g_settings_get_string (settings, "kolada-base-url");
    }
  if (base_url == NULL || *base_url == '\0')
    base_url = from_settings != NULL && *from_settings ? from_settings
                                                      : VERKAN_KOLADA_DEFAULT_BASE_URL;
  /* every path is appended to the base: it must end in a slash */
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                    : g_strconcat (base_url, "/", NULL);
  return self;
}

const char *
verkan_kolada_client_get_base_url (VerkanKoladaClient *self)
{
  g_return_val_if_fail (VERKAN_IS_KOLADA_CLIENT (self), NULL);
  return self->base_url;
}

void
verkan_kolada_client_set_timeout (VerkanKoladaClient *self, guint seconds)
{
  g_return_if_fail (VERKAN_IS_KOLADA_CLIENT (self));
  self->timeout = MAX (seconds, 1);
}

void
verkan_kolada_client_set_backoff (VerkanKoladaClient *self, double seconds)
{
  g_return_if_fail (VERKAN_IS_KOLADA_CLIENT (self));
  self->backoff = MAX (seconds, 0.0);
}

void
verkan_kolada_fetch_summary_free (VerkanKoladaFetchSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->fetched_at);
  g_free (summary->from_date);
  g_free (summary);
}

/* --- HTTP ----------------------------------------------------------------- */

/* What one worker needs to talk to Kolada; copied from the client on the
 * caller's thread so the worker reads nothing shared */
typedef struct {
  char                     *base_url;
  guint                     timeout;
  double                    backoff;
  SoupSession              *session;        /* made and dropped in the worker */
  GCancellable             *cancellable;
  gint64                    last_request;   /* monotonic µs */
  guint                     n_requests;
  guint                     done;
  guint                     total;
  VerkanKoladaProgressFunc  progress;
  gpointer                  progress_data;
  GMainContext             *context;        /* NULL: progress is called directly */
} Http;

static void
http_init (Http *http, VerkanKoladaClient *self)
{
  http->base_url = g_strdup (self->base_url);
  http->timeout = self->timeout;
  http->backoff = self->backoff;
}

static void
http_clear (Http *http)
{
  g_clear_object (&http->session);
  g_clear_pointer (&http->base_url, g_free);
  g_clear_pointer (&http->context, g_main_context_unref);
}

typedef struct {
  VerkanKoladaProgressFunc  func;
  gpointer                  data;
  guint                     done;
  guint                     total;
  char                     *message;
} ProgressCall;

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  g_free (call->message);
  g_free (call);
}

static gboolean
progress_call_run (gpointer data)
{
  ProgressCall *call = data;

  call->func (call->done, call->total, call->message, call->data);
  return G_SOURCE_REMOVE;
}

static void
deliver_progress (Http *http, char *message)
{
  ProgressCall *call;
  GSource *source;

  if (http->context == NULL)
    {
      http->progress (http->done, http->total, message, http->progress_data);
      g_free (message);
      return;
    }
  /* an idle source, not g_main_context_invoke(): that would run the
   * callback here in the worker whenever the caller's context is free */
  call = g_new0 (ProgressCall, 1);
  call->func = http->progress;
  call->data = http->progress_data;
  call->done = http->done;
  call->total = http->total;
  call->message = message;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_call_run, call, progress_call_free);
  g_source_set_static_name (source, "[verkan] Kolada progress");
  g_source_attach (source, http->context);
  g_source_unref (source);
}

/* @what: "Fetching N31807 for 4 municipalities"; NULL: storing */
static void
report_progress (Http *http, const char *what)
{
  if (http->progress == NULL)
    return;
  if (what == NULL)
    deliver_progress (http, g_strdup (_("Storing the key figures…")));
  else
    deliver_progress (http, g_strdup_printf (
                        /* Translators: %s is e.g. “Fetching N31807 for 4 municipalities”,
                         * the numbers count requests: “(2 of 3)” */
                        _("%s (%u of %u)"), what, MIN (http->done + 1, http->total), http->total));
}

/* Sleeps @seconds, waking at once when @cancellable is cancelled */
static gboolean
wait_seconds (double seconds, GCancellable *cancellable, GError **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  GPollFD pollfd = { 0 };
  gboolean have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd);
  gboolean ok = TRUE;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      int timeout_ms;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (now >= end)
        break;
      timeout_ms = (int) MIN ((end - now + 999) / 1000, G_MAXINT);
      if (have_fd)
        g_poll (&pollfd, 1, timeout_ms);
      else
        g_usleep ((gulong) MIN (timeout_ms, 50) * 1000);  /* no fd to poll: look often */
    }
  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return ok;
}

/* Seconds to wait before retry @attempt (0, 1, 2): 2, 4, 8 by default */
static double
backoff_for (Http *http, guint attempt)
{
  return http->backoff * (double) (1u << attempt);
}

/* Retry-After is seconds or an HTTP date */
static double
retry_after (SoupMessage *message, double fallback)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return fallback;
  value += strspn (value, " \t");
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return MIN ((double) seconds, MAX_RETRY_AFTER);
  else
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (when == NULL)
        return fallback;
      return CLAMP (g_date_time_difference (when, now) / (double) G_USEC_PER_SEC, 0.0, MAX_RETRY_AFTER);
    }
}

static gboolean
is_unreachable (const GError *error)
{
  static const int codes[] = {
    G_IO_ERROR_CONNECTION_REFUSED, G_IO_ERROR_HOST_UNREACHABLE, G_IO_ERROR_NETWORK_UNREACHABLE,
    G_IO_ERROR_HOST_NOT_FOUND, G_IO_ERROR_PROXY_FAILED, G_IO_ERROR_PROXY_NOT_ALLOWED,
    G_IO_ERROR_NOT_CONNECTED,
  };

  if (error->domain == G_RESOLVER_ERROR)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_error_matches (error, G_IO_ERROR, codes[i]))
      return TRUE;
  return FALSE;
}

static void
set_offline (GError **error)
{
  g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_OFFLINE,
                       _("Kolada could not be reached. Check the network connection; "
                         "the values already stored are kept."));
}

/* The error of a request that got no answer at all; FALSE when worth
 * another try */
static gboolean
transport_error (Http *http, GError *local_error, guint attempt, GError **error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (local_error));
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_TIMEOUT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Kolada did not answer within %u second. Try again later; "
                              "the values already stored are kept.",
                              "Kolada did not answer within %u seconds. Try again later; "
                              "the values already stored are kept.", http->timeout),
                 http->timeout);
  else if (local_error->domain == G_TLS_ERROR)
    g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_HTTP,
                 /* Translators: %s is the technical reason */
                 _("A secure connection to Kolada could not be made (%s). "
                   "The values already stored are kept."), local_error->message);
  else if (is_unreachable (local_error) || attempt >= MAX_RETRIES)
    {
      g_debug ("Kolada unreachable: %s", local_error->message);
      set_offline (error);
    }
  else
    return FALSE;  /* a dropped connection: try again */
  return TRUE;
}

/* The error of an answer that is not 2xx; FALSE when worth another try */
static gboolean
status_error (SoupMessage *message, guint attempt, GError **error)
{
  guint status = soup_message_get_status (message);
  const char *reason = soup_message_get_reason_phrase (message);

  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      if (attempt < MAX_RETRIES)
        return FALSE;
      g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_BUSY,
                           _("Kolada is busy and asked Verkan to wait. Try again in a few "
                             "minutes; the values already stored are kept."));
    }
  else if (status >= 500 && status < 600)
    {
      if (attempt < MAX_RETRIES)
        return FALSE;
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_HTTP,
                   /* Translators: %u is an HTTP status such as 503 */
                   _("Kolada answered with an error (HTTP %u) several times. Try again later; "
                     "the values already stored are kept."), status);
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_HTTP,
                         _("Kolada does not know what was asked for (HTTP 404). Check the "
                           "address of Kolada and the ids of the key figures and municipalities."));
  else
    g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_HTTP,
                 /* Translators: %u and %s are an HTTP status and its reason, “422 Unprocessable Entity” */
                 _("Kolada refused the request (HTTP %u %s)."), status, reason != NULL ? reason : "");
  return TRUE;
}

/* GET @url, with the retries; the body of a 2xx answer */
static GBytes *
http_get (Http *http, const char *url, GError **error)
{
  if (http->session == NULL)
    http->session = soup_session_new_with_options ("timeout", http->timeout,
                                                   "user-agent", "Verkan/" PACKAGE_VERSION,
                                                   NULL);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      double pause, wait;

      /* keep to Kolada's pace even between pages */
      pause = http->backoff / PACE_DIVISOR -
              (g_get_monotonic_time () - http->last_request) / (double) G_USEC_PER_SEC;
      if (http->last_request != 0 && pause > 0 && !wait_seconds (pause, http->cancellable, error))
        return NULL;

      message = soup_message_new (SOUP_METHOD_GET, url);
      if (message == NULL)
        {
          g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                       /* Translators: %s is a web address */
                       _("“%s” is not a valid address for Kolada."), url);
          return NULL;
        }
      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Accept", "application/json");

      http->n_requests++;
      http->last_request = g_get_monotonic_time ();
      body = soup_session_send_and_read (http->session, message, http->cancellable, &local_error);
      if (body == NULL)
        {
          if (transport_error (http, local_error, attempt, error))
            return NULL;
          wait = backoff_for (http, attempt);
        }
      else if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
        return g_steal_pointer (&body);
      else if (status_error (message, attempt, error))
        return NULL;
      else if (soup_message_get_status (message) == STATUS_TOO_MANY_REQUESTS)
        wait = retry_after (message, backoff_for (http, attempt));
      else
        wait = backoff_for (http, attempt);

      g_debug ("Kolada: %s again in %.2f s", url, wait);
      if (!wait_seconds (wait, http->cancellable, error))
        return NULL;
    }
}

typedef gboolean (*PageParser) (GBytes *page, gpointer target, char **next_url, GError **error);

/* Every page from @first_url on, following next_url */
static gboolean
get_all_pages (Http *http, const char *first_url, const char *what,
               PageParser parse, gpointer target, GError **error)
{
  g_autofree char *url = g_strdup (first_url);

  for (guint page = 1; url != NULL; page++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autofree char *next = NULL;

      report_progress (http, what);
      body = http_get (http, url, error);
      if (body == NULL || !parse (body, target, &next, error))
        return FALSE;
      http->done++;

      if (next != NULL && *next != '\0')
        {
          g_autofree char *resolved = g_uri_resolve_relative (url, next, G_URI_FLAGS_NONE, NULL);

          if (resolved == NULL || g_str_equal (resolved, url) || page >= MAX_PAGES)
            {
              g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                                   _("Kolada’s answer could not be read: its link to the "
                                     "next page is not valid."));
              return FALSE;
            }
          http->total++;
          g_free (url);
          url = g_steal_pointer (&resolved);
        }
      else
        g_clear_pointer (&url, g_free);
    }
  return TRUE;
}

static gboolean
parse_data (GBytes *page, gpointer rows, char **next_url, GError **error)
{
  return verkan_kolada_parse_data_page (page, rows, next_url, error);
}

static gboolean
parse_kpis (GBytes *page, gpointer records, char **next_url, GError **error)
{
  return verkan_kolada_parse_kpi_page (page, records, next_url, error);
}

/* --- municipality groups ---------------------------------------------------- */

typedef struct {
  char  *id;
  char  *title;
  GStrv  members;
} GroupInfo;

static void
group_info_free (GroupInfo *group)
{
  g_free (group->id);
  g_free (group->title);
  g_strfreev (group->members);
  g_free (group);
}

static GroupInfo *
group_info_new (const char *id, const char *title, const char *const *members)
{
  GroupInfo *group = g_new0 (GroupInfo, 1);

  group->id = g_strdup (id);
  group->title = g_strdup (title != NULL ? title : "");
  group->members = g_strdupv ((char **) members);
  if (group->members == NULL)
    group->members = g_new0 (char *, 1);
  return group;
}

/* A text member, or NULL when it is missing or not a text */
static const char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
malformed_group (GError **error, guint index)
{
  g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
               _("Kolada’s answer could not be read: municipality group %u is not complete."),
               index);
  return FALSE;
}

/* A page of /municipality_groups: {"id", "title", "members": [{"member_id", …}]} */
static gboolean
parse_groups (GBytes *page, gpointer target, char **next_url, GError **error)
{
  GPtrArray *groups = target;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) group_info_free);
  gsize size = 0;
  const char *data = g_bytes_get_data (page, &size);
  JsonNode *root, *values_node;
  JsonArray *values;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (values_node = json_object_get_member (json_node_get_object (root), "values")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (values_node))
    {
      g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED,
                           _("Kolada’s answer could not be read: it has no list of values."));
      return FALSE;
    }
  values = json_node_get_array (values_node);

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      JsonObject *object;
      JsonArray *list = NULL;
      const char *id, *title;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed_group (error, i + 1);
      object = json_node_get_object (node);
      id = member_text (object, "id");
      title = member_text (object, "title");
      if (id == NULL || *id == '\0')
        return malformed_group (error, i + 1);
      if (json_object_has_member (object, "members") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "members")))
        list = json_object_get_array_member (object, "members");
      for (guint m = 0; list != NULL && m < json_array_get_length (list); m++)
        {
          JsonNode *member = json_array_get_element (list, m);
          const char *member_id = NULL;

          if (JSON_NODE_HOLDS_OBJECT (member))
            member_id = member_text (json_node_get_object (member), "member_id");
          if (member_id == NULL)
            return malformed_group (error, i + 1);
          g_ptr_array_add (members, (gpointer) member_id);
        }
      g_ptr_array_add (members, NULL);
      g_ptr_array_add (parsed, group_info_new (id, title, (const char *const *) members->pdata));
    }

  *next_url = g_strdup (member_text (json_node_get_object (root), "next_url"));
  g_ptr_array_extend_and_steal (groups, g_steal_pointer (&parsed));
  return TRUE;
}

/* --- value fetches ---------------------------------------------------------- */

typedef struct {
  Http                 http;
  char                *project_path;
  VerkanKoladaRequest  request;       /* a deep copy */
  gboolean             full;
  VerkanProject       *project;       /* async only, used on the caller's thread */
  gboolean             stored_groups;
  gboolean             stored_kpis;
} FetchJob;

static void
fetch_job_free (FetchJob *job)
{
  http_clear (&job->http);
  g_free (job->project_path);
  g_strfreev (job->request.kpis);
  g_strfreev (job->request.municipalities);
  g_clear_object (&job->project);
  g_free (job);
}

static FetchJob *
fetch_job_new (VerkanKoladaClient *self, const char *project_path,
               const VerkanKoladaRequest *request, gboolean full,
               VerkanKoladaProgressFunc progress, gpointer progress_data)
{
  FetchJob *job = g_new0 (FetchJob, 1);
  const char *const none[] = { NULL };

  http_init (&job->http, self);
  job->http.progress = progress;
  job->http.progress_data = progress_data;
  job->project_path = g_strdup (project_path);
  job->request.kpis = g_strdupv (request->kpis != NULL ? request->kpis : (GStrv) none);
  job->request.municipalities = g_strdupv (request->municipalities != NULL
                                           ? request->municipalities : (GStrv) none);
  job->request.first_year = request->first_year;
  job->request.last_year = request->last_year;
  job->full = full;
  return job;
}

/* Kolada ids are short and plain: anything else would change the path */
static gboolean
valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > 15)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return FALSE;
  return TRUE;
}

static gboolean
check_request (const VerkanKoladaRequest *request, GError **error)
{
  GStrv lists[] = { request->kpis, request->municipalities };
  int first = request->first_year, last = request->last_year;

  if (request->kpis[0] == NULL)
    {
      g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                           _("Choose at least one key figure to fetch."));
      return FALSE;
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i]; i++)
      if (!valid_id (lists[l][i]))
        {
          g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                       /* Translators: %s is what was given as the id of a key figure or municipality */
                       _("“%s” is not an id Kolada uses."), lists[l][i]);
          return FALSE;
        }
  if ((first != 0 && (first < 1900 || first > 2200)) || (last != 0 && (last < 1900 || last > 2200)) ||
      (first != 0 && last != 0 && first > last))
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                   /* Translators: a range of years, “2015–2010” */
                   _("The years %d–%d are not a range Kolada has."), first, last);
      return FALSE;
    }
  if (request->municipalities[0] == NULL && (first == 0 || last == 0))
    {
      g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                           _("Choose at least one municipality, or the years to fetch for all "
                             "municipalities."));
      return FALSE;
    }
  return TRUE;
}

/* @ids in parts of at most VERKAN_KOLADA_MAX_IDS, each joined by commas;
 * @sizes (guint) gets the number of ids in each */
static GPtrArray *
join_in_parts (const char *const *ids, GArray *sizes)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  guint n = ids != NULL ? g_strv_length ((GStrv) ids) : 0;

  for (guint start = 0; start < n; start += VERKAN_KOLADA_MAX_IDS)
    {
      guint size = MIN (VERKAN_KOLADA_MAX_IDS, n - start);
      GString *joined = g_string_new (NULL);

      for (guint i = start; i < start + size; i++)
        g_string_append_printf (joined, "%s%s", i > start ? "," : "", ids[i]);
      g_ptr_array_add (parts, g_string_free (joined, FALSE));
      if (sizes != NULL)
        g_array_append_val (sizes, size);
    }
  return parts;
}

static GStrv
year_list (int first, int last)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int year = first; first != 0 && last != 0 && year <= last; year++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%d", year);
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

/* "N31807", "N31807, N31816" or "25 key figures" */
static char *
kpi_label (const char *joined, guint n)
{
  g_auto(GStrv) ids = NULL;

  if (n > 3)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key figure", "%u key figures", n), n);
  ids = g_strsplit (joined, ",", -1);
  return g_strjoinv (", ", ids);
}

typedef struct {
  char *url;
  char *what;
} Part;

static void
part_free (Part *part)
{
  g_free (part->url);
  g_free (part->what);
  g_free (part);
}

/* Every request of a fetch: each kpi part × municipality part × year part */
static GPtrArray *
make_parts (FetchJob *job, const char *from_date)
{
  const VerkanKoladaRequest *request = &job->request;
  g_autoptr(GArray) kpi_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) municipality_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) years = year_list (request->first_year, request->last_year);
  g_autoptr(GPtrArray) kpi_parts = join_in_parts ((const char *const *) request->kpis, kpi_sizes);
  g_autoptr(GPtrArray) municipality_parts =
    join_in_parts ((const char *const *) request->municipalities, municipality_sizes);
  g_autoptr(GPtrArray) year_parts = join_in_parts ((const char *const *) years, NULL);
  g_autofree char *query = g_strdup_printf ("per_page=%d%s%s", PER_PAGE,
                                            from_date != NULL ? "&from_date=" : "",
                                            from_date != NULL ? from_date : "");
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);

  /* no municipalities: all of them (only with years); no years: every year */
  if (municipality_parts->len == 0)
    g_ptr_array_add (municipality_parts, NULL);
  if (year_parts->len == 0)
    g_ptr_array_add (year_parts, NULL);

  for (guint k = 0; k < kpi_parts->len; k++)
    for (guint m = 0; m < municipality_parts->len; m++)
      for (guint y = 0; y < year_parts->len; y++)
        {
          const char *kpis = g_ptr_array_index (kpi_parts, k);
          const char *municipalities = g_ptr_array_index (municipality_parts, m);
          const char *year_part = g_ptr_array_index (year_parts, y);
          g_autofree char *label = kpi_label (kpis, g_array_index (kpi_sizes, guint, k));
          Part *part = g_new0 (Part, 1);

          part->url = g_strdup_printf ("%sdata/kpi/%s%s%s%s%s?%s", job->http.base_url, kpis,
                                       municipalities != NULL ? "/municipality/" : "",
                                       municipalities != NULL ? municipalities : "",
                                       year_part != NULL ? "/year/" : "",
                                       year_part != NULL ? year_part : "", query);
          if (municipalities == NULL)
            /* Translators: %s is one or more KPI ids, or “6 key figures” */
            part->what = g_strdup_printf (_("Fetching %s for all municipalities"), label);
          else
            {
              guint n = g_array_index (municipality_sizes, guint, m);

              part->what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         /* Translators: %s is one or more KPI ids, or
                                                          * “6 key figures”; %u counts municipalities
                                                          * and groups */
                                                         "Fetching %s for %u municipality",
                                                         "Fetching %s for %u municipalities", n),
                                            label, n);
            }
          g_ptr_array_add (parts, part);
        }
  return parts;
}

static GStrv
group_ids_of (const VerkanKoladaRequest *request)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; request->municipalities[i]; i++)
    if (request->municipalities[i][0] == 'G')
      g_strv_builder_add (builder, request->municipalities[i]);
  return g_strv_builder_end (builder);
}

static gboolean
group_listed (GPtrArray *groups, const char *id)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((GroupInfo *) g_ptr_array_index (groups, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Titles and members of the groups among the municipalities.  Only a
 * cancel is an error: without Kolada the saved catalog answers. */
static GPtrArray *
fetch_groups (Http *http, GStrv ids, GError **error)
{
  g_autoptr(GPtrArray) parts = join_in_parts ((const char *const *) ids, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_info_free);

  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *url = g_strdup_printf ("%smunicipality_groups/%s", http->base_url,
                                              (char *) g_ptr_array_index (parts, i));
      g_autoptr(GError) local_error = NULL;

      if (!get_all_pages (http, url, _("Fetching municipality groups"), parse_groups, groups,
                          &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_debug ("Municipality groups from the saved catalog: %s", local_error->message);
          http->done = MIN (http->done + 1, http->total);
        }
    }

  for (guint i = 0; ids[i]; i++)
    if (!group_listed (groups, ids[i]))
      {
        const VerkanMunicipalityGroup *saved = verkan_group_catalog_lookup (ids[i]);

        if (saved != NULL)
          g_ptr_array_add (groups, group_info_new (saved->id, saved->title,
                                                   (const char *const *) saved->members));
      }
  return g_steal_pointer (&groups);
}

static gboolean
kpi_stored (sqlite3 *db, const char *id)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM kolada_kpi WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
kpi_listed (GPtrArray *records, const char *id)
{
  for (guint i = 0; i < records->len; i++)
    if (g_str_equal (((VerkanKoladaKpiRecord *) g_ptr_array_index (records, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Titles and descriptions of the KPIs, for charts and captions.  Only a
 * cancel is an error: a KPI Kolada did not describe gets the offline
 * catalog's title, unless the project already has a description. */
static GPtrArray *
fetch_kpis (Http *http, sqlite3 *db, GStrv ids, GError **error)
{
  g_autoptr(GPtrArray) parts = join_in_parts ((const char *const *) ids, NULL);
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_kolada_kpi_record_free);
  VerkanKpiCatalog *catalog = NULL;

  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *url = g_strdup_printf ("%skpi/%s", http->base_url,
                                              (char *) g_ptr_array_index (parts, i));
      g_autoptr(GError) local_error = NULL;

      if (!get_all_pages (http, url, _("Fetching descriptions of the key figures"), parse_kpis,
                          records, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_debug ("KPI descriptions from the offline catalog: %s", local_error->message);
          http->done = MIN (http->done + 1, http->total);
        }
    }

  for (guint i = 0; ids[i]; i++)
    {
      const VerkanKpi *known;
      VerkanKoladaKpiRecord *record;

      if (kpi_listed (records, ids[i]) || kpi_stored (db, ids[i]))
        continue;
      if (catalog == NULL)
        catalog = verkan_kpi_catalog_get_default ();
      known = catalog != NULL ? verkan_kpi_catalog_lookup (catalog, ids[i]) : NULL;
      if (known == NULL)
        continue;
      record = g_new0 (VerkanKoladaKpiRecord, 1);
      record->id = g_strdup (ids[i]);
      record->title = g_strdup (known->title != NULL ? known->title : "");
      record->description = g_strdup (known->description != NULL ? known->description : "");
      record->is_divided_by_gender = known->is_divided_by_gender;
      record->municipality_type = g_strdup (known->municipality_type);
      record->publication_date = g_strdup (known->publication_date);
      record->prel_publication_date = g_strdup (known->prel_publication_date);
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/* Without a year part Kolada sends every year: keep the asked ones */
static void
keep_years (GArray *rows, int first, int last)
{
  guint kept = 0;

  if (first == 0 && last == 0)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      VerkanKoladaRow *row = &g_array_index (rows, VerkanKoladaRow, i);

      if ((first != 0 && row->year < first) || (last != 0 && row->year > last))
        g_clear_pointer (&row->status, g_free);
      else
        g_array_index (rows, VerkanKoladaRow, kept++) = *row;
    }
  /* the moved-out tail has no strings of its own left */
  for (guint i = kept; i < rows->len; i++)
    g_array_index (rows, VerkanKoladaRow, i).status = NULL;
  g_array_set_size (rows, kept);
}

/* The worker's own connection, with the pragmas the project uses */
static sqlite3 *
open_project_db (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                   _("The project must be saved as a file before key figures can be fetched."));
      return NULL;
    }
  if (g_access (path, W_OK) != 0)
    {
      g_set_error_literal (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_READ_ONLY,
                           _("The project is open read-only, so the key figures were not stored."));
      return NULL;
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
                       SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      sqlite3_close (db);
      return NULL;
    }
  /* the window may be writing: wait for it rather than fail */
  sqlite3_busy_timeout (db, 5000);
  if (!verkan_sql_exec (db, "PRAGMA synchronous = FULL", error) ||
      !verkan_sql_exec (db, "PRAGMA foreign_keys = ON", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM kolada_value LIMIT 0", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_INVALID,
                   _("The project file cannot hold key figures; open it in Verkan first to "
                     "update it."));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return db;
}

/* Groups, KPI records and values, in one transaction */
static gboolean
store_all (FetchJob *job, sqlite3 *db, GArray *rows, GPtrArray *groups, GPtrArray *kpis,
           gboolean complete, const char *fetched_at, VerkanKoladaFetchSummary *summary,
           GError **error)
{
  if (!verkan_sql_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      GroupInfo *group = g_ptr_array_index (groups, i);

      if (!verkan_kolada_store_put_group (db, group->id, group->title,
                                          (const char *const *) group->members, fetched_at, error))
        goto failed;
    }
  if (!verkan_kolada_store_rows_counted (db, &job->request, rows, kpis, complete,
                                         VERKAN_VALUE_ORIGIN_KOLADA, fetched_at,
                                         &summary->n_values, &summary->n_deleted, error) ||
      !verkan_sql_exec (db, "COMMIT", error))
    goto failed;
  job->stored_groups = groups->len > 0;
  job->stored_kpis = kpis->len > 0;
  return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static VerkanKoladaFetchSummary *
run_fetch (FetchJob *job, GError **error)
{
  Http *http = &job->http;
  g_autoptr(GArray) rows = verkan_kolada_rows_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) kpis = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_auto(GStrv) group_ids = NULL;
  g_autofree char *from_date = NULL;
  g_autofree char *fetched_at = NULL;
  VerkanKoladaFetchSummary *summary = NULL;
  sqlite3 *db;
  guint n_kpi_parts;

  if (!check_request (&job->request, error))
    return NULL;
  db = open_project_db (job->project_path, error);
  if (db == NULL)
    return NULL;

  from_date = job->full ? NULL : verkan_kolada_store_dup_from_date (db, &job->request);
  parts = make_parts (job, from_date);
  group_ids = group_ids_of (&job->request);
  n_kpi_parts = (g_strv_length (job->request.kpis) + VERKAN_KOLADA_MAX_IDS - 1) / VERKAN_KOLADA_MAX_IDS;
  http->total = parts->len + n_kpi_parts +
                (g_strv_length (group_ids) + VERKAN_KOLADA_MAX_IDS - 1) / VERKAN_KOLADA_MAX_IDS;

  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);

      if (!get_all_pages (http, part->url, part->what, parse_data, rows, error))
        goto out;
    }
  groups = fetch_groups (http, group_ids, error);
  if (groups == NULL)
    goto out;
  kpis = fetch_kpis (http, db, job->request.kpis, error);
  if (kpis == NULL)
    goto out;
  keep_years (rows, job->request.first_year, job->request.last_year);

  /* the last moment a cancel may stop the fetch: after this it is stored */
  if (g_cancellable_set_error_if_cancelled (http->cancellable, error))
    goto out;
  http->done = http->total;
  report_progress (http, NULL);

  now = g_date_time_new_now_utc ();
  fetched_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  summary = g_new0 (VerkanKoladaFetchSummary, 1);
  if (!store_all (job, db, rows, groups, kpis, from_date == NULL, fetched_at, summary, error))
    {
      g_clear_pointer (&summary, verkan_kolada_fetch_summary_free);
      goto out;
    }
  summary->n_requests = http->n_requests;
  summary->fetched_at = g_steal_pointer (&fetched_at);
  summary->from_date = g_steal_pointer (&from_date);

out:
  g_clear_object (&http->session);
  sqlite3_close (db);
  return summary;
}

static void
fetch_values_thread (GTask *task, gpointer source_object, gpointer task_data,
                     GCancellable *cancellable)
{
  FetchJob *job = task_data;
  GError *error = NULL;
  VerkanKoladaFetchSummary *summary;

  job->http.cancellable = cancellable;
  summary = run_fetch (job, &error);
  if (summary != NULL)
    g_task_return_pointer (task, summary, (GDestroyNotify) verkan_kolada_fetch_summary_free);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's context: tell the project, then the caller */
static void
fetch_values_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) outer = user_data;
  FetchJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  VerkanKoladaFetchSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);

  if (summary == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  if (job->stored_groups)
    verkan_project_emit_changed (job->project, "kolada_group");
  if (job->stored_kpis)
    verkan_project_emit_changed (job->project, "kolada_kpi");
  verkan_project_emit_changed (job->project, "kolada_value");
  g_task_return_pointer (outer, summary, (GDestroyNotify) verkan_kolada_fetch_summary_free);
}

void
verkan_kolada_client_fetch_values_async (VerkanKoladaClient *self, VerkanProject *project,
                                         const VerkanKoladaRequest *request, gboolean full,
                                         GCancellable *cancellable, VerkanKoladaProgressFunc progress,
                                         gpointer progress_data, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  FetchJob *job;

  g_return_if_fail (VERKAN_IS_KOLADA_CLIENT (self));
  g_return_if_fail (VERKAN_IS_PROJECT (project));
  g_return_if_fail (request != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, verkan_kolada_client_fetch_values_async);
  /* once stored, the values are there: report that, not a late cancel */
  g_task_set_check_cancellable (outer, FALSE);

  if (verkan_project_get_read_only (project))
    {
      g_task_return_new_error (outer, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_READ_ONLY, "%s",
                               _("The project is open read-only, so the key figures were not stored."));
      return;
    }

  job = fetch_job_new (self, verkan_project_get_path (project), request, full, progress, progress_data);
  job->project = g_object_ref (project);
  job->http.context = g_main_context_ref_thread_default ();

  inner = g_task_new (self, cancellable, fetch_values_done, g_object_ref (outer));
  g_task_set_source_tag (inner, verkan_kolada_client_fetch_values_async);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, job, (GDestroyNotify) fetch_job_free);
  g_task_run_in_thread (inner, fetch_values_thread);
}

VerkanKoladaFetchSummary *
verkan_kolada_client_fetch_values_finish (VerkanKoladaClient *self, GAsyncResult *result,
                                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

VerkanKoladaFetchSummary *
verkan_kolada_client_fetch_values (VerkanKoladaClient *self, const char *project_path,
                                   const VerkanKoladaRequest *request, gboolean full,
                                   GCancellable *cancellable, VerkanKoladaProgressFunc progress,
                                   gpointer progress_data, GError **error)
{
  FetchJob *job;
  VerkanKoladaFetchSummary *summary;

  g_return_val_if_fail (VERKAN_IS_KOLADA_CLIENT (self), NULL);
  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  job = fetch_job_new (self, project_path, request, full, progress, progress_data);
  job->http.cancellable = cancellable;
  summary = run_fetch (job, error);
  fetch_job_free (job);
  return summary;
}

/* --- the KPI catalog ------------------------------------------------------- */

static void
add_optional (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* {"values": [KPI records], "count": n}, as /v3/kpi answers in one page */
static char *
catalog_json (GPtrArray *records, gsize *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      VerkanKoladaKpiRecord *record = g_ptr_array_index (records, i);

      json_builder_begin_object (builder);
      add_optional (builder, "id", record->id);
      add_optional (builder, "title", record->title);
      add_optional (builder, "description", record->description);
      json_builder_set_member_name (builder, "is_divided_by_gender");
      json_builder_add_boolean_value (builder, record->is_divided_by_gender);
      add_optional (builder, "municipality_type", record->municipality_type);
      add_optional (builder, "publication_date", record->publication_date);
      add_optional (builder, "prel_publication_date", record->prel_publication_date);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, records->len);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

static void
refresh_catalog_thread (GTask *task, gpointer source_object, gpointer task_data,
                        GCancellable *cancellable)
{
  Http *http = task_data;
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_kolada_kpi_record_free);
  g_autofree char *url = g_strdup_printf ("%skpi?per_page=%d", http->base_url, PER_PAGE);
  g_autofree char *path = verkan_kpi_catalog_cache_path ();
  g_autofree char *folder = NULL;
  g_autofree char *json = NULL;
  GError *error = NULL;
  gsize length = 0;
  gboolean ok;

  http->cancellable = cancellable;
  http->total = 1;
  ok = get_all_pages (http, url, NULL, parse_kpis, records, &error);
  g_clear_object (&http->session);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  if (records->len == 0)
    {
      g_task_return_new_error (task, VERKAN_KOLADA_ERROR, VERKAN_KOLADA_ERROR_MALFORMED, "%s",
                               _("Kolada sent an empty list of key figures, so the list Verkan "
                                 "has was kept."));
      return;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  json = catalog_json (records, &length);
  folder = g_path_get_dirname (path);
  g_mkdir_with_parents (folder, 0700);
  /* g_file_set_contents writes a temporary file and renames it: a reader
   * sees the old catalog or the new one, never half of one */
  if (!g_file_set_contents (path, json, length, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  verkan_kpi_catalog_reload_default ();
  g_task_return_int (task, records->len);
}

static Http *
http_new (VerkanKoladaClient *self)
{
  Http *http = g_new0 (Http, 1);

  http_init (http, self);
  return http;
}

static void
http_free (Http *http)
{
  http_clear (http);
  g_free (http);
}

void
verkan_kolada_client_refresh_catalog_async (VerkanKoladaClient *self, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VERKAN_IS_KOLADA_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, verkan_kolada_client_refresh_catalog_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, http_new (self), (GDestroyNotify) http_free);
  g_task_run_in_thread (task, refresh_catalog_thread);
}

guint
verkan_kolada_client_refresh_catalog_finish (VerkanKoladaClient *self, GAsyncResult *result,
                                             GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* --- finding groups ---------------------------------------------------------- */

typedef struct {
  Http  http;
  char *title;
} FindJob;

static void
find_job_free (FindJob *job)
{
  http_clear (&job->http);
  g_free (job->title);
  g_free (job);
}

static void
find_groups_thread (GTask *task, gpointer source_object, gpointer task_data,
                    GCancellable *cancellable)
{
  FindJob *job = task_data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) group_info_free);
  g_autofree char *escaped = g_uri_escape_string (job->title, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%smunicipality_groups?title=%s", job->http.base_url, escaped);
  GPtrArray *groups;
  GError *error = NULL;
  gboolean ok;

  job->http.cancellable = cancellable;
  job->http.total = 1;
  ok = get_all_pages (&job->http, url, NULL, parse_groups, found, &error);
  g_clear_object (&job->http.session);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) verkan_municipality_group_free);
  for (guint i = 0; i < found->len; i++)
    {
      GroupInfo *info = g_ptr_array_index (found, i);
      VerkanMunicipalityGroup *group =
        verkan_municipality_group_new (info->id, info->title, (const char *const *) info->members);

      if (group != NULL)
        g_ptr_array_add (groups, group);
    }
  g_task_return_pointer (task, groups, (GDestroyNotify) g_ptr_array_unref);
}

void
verkan_kolada_client_find_groups_async (VerkanKoladaClient *self, const char *title,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  FindJob *job;

  g_return_if_fail (VERKAN_IS_KOLADA_CLIENT (self));
  g_return_if_fail (title != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, verkan_kolada_client_find_groups_async);
  job = g_new0 (FindJob, 1);
  http_init (&job->http, self);
  job->title = g_strdup (title);
  g_task_set_task_data (task, job, (GDestroyNotify) find_job_free);
  g_task_run_in_thread (task, find_groups_thread);
}

GPtrArray *
verkan_kolada_client_find_groups_finish (VerkanKoladaClient *self, GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
