/* verkan-kolada-store.h: Kolada's answers kept in the project file.
 *
 * Parsing a v3 data page and writing its rows into kolada_value are here,
 * apart from the HTTP client, so that the client, the shipped snapshot
 * (data/kolada/snapshot.json) and the tests share one parser and one
 * writer.  Writes take a sqlite3 connection, not a VerkanProject, so the
 * client can store from its worker thread on a connection of its own;
 * the project is told afterwards (verkan_project_emit_changed). */
#pragma once

#include <gio/gio.h>

#include "verkan-project.h"

G_BEGIN_DECLS

struct sqlite3;

#define VERKAN_KOLADA_ERROR (verkan_kolada_error_quark ())

typedef enum {
  VERKAN_KOLADA_ERROR_OFFLINE,    /* no network, or the host cannot be reached */
  VERKAN_KOLADA_ERROR_TIMEOUT,    /* Kolada did not answer in time */
  VERKAN_KOLADA_ERROR_HTTP,       /* an HTTP error after the retries */
  VERKAN_KOLADA_ERROR_BUSY,       /* 429 Too Many Requests after the retries */
  VERKAN_KOLADA_ERROR_MALFORMED,  /* the answer is not what v3 answers */
  VERKAN_KOLADA_ERROR_INVALID,    /* a request Verkan cannot make (bad id, no KPI) */
  VERKAN_KOLADA_ERROR_READ_ONLY,  /* the project cannot be written */
} VerkanKoladaError;

GQuark verkan_kolada_error_quark (void);

typedef enum {
  VERKAN_GENDER_TOTAL,   /* "T" */
  VERKAN_GENDER_WOMEN,   /* "K" */
  VERKAN_GENDER_MEN,     /* "M" */
  VERKAN_N_GENDERS
} VerkanGender;

/* "T", "K", "M"; from_code returns -1 for anything else */
const char *verkan_gender_to_code   (VerkanGender gender);
int         verkan_gender_from_code (const char  *code);

typedef enum {
  VERKAN_VALUE_ORIGIN_KOLADA,        /* fetched from Kolada */
  VERKAN_VALUE_ORIGIN_SNAPSHOT,      /* from the snapshot shipped with Verkan */
  VERKAN_VALUE_ORIGIN_ILLUSTRATIVE,  /* made up to show the feature: never real */
} VerkanValueOrigin;

const char *verkan_value_origin_to_string   (VerkanValueOrigin origin);   /* "kolada" … */
int         verkan_value_origin_from_string (const char       *text);     /* -1 if unknown */

/* One value of one KPI for one municipality (or group), year and gender */
typedef struct {
  char     kpi[16];
  char     municipality[16];
  int      year;
  char     gender;           /* 'T', 'K' or 'M' */
  gboolean has_value;        /* FALSE: JSON null */
  double   value;
  int      count;
  char    *status;           /* "" mostly; owned */
  gboolean is_deleted;       /* "isdeleted": true (from_date queries) */
} VerkanKoladaRow;

/* A GArray of VerkanKoladaRow that frees the status strings */
GArray   *verkan_kolada_rows_new            (void);

/* One page of a v3 data answer ({"values": [...], "count": n, "next_url": …}).
 * Appends its rows to @rows; sets *next_url (NULL or "" when done).
 * Wrong types and missing fields are VERKAN_KOLADA_ERROR_MALFORMED naming
 * what was wrong; null values are rows without a value.  On error @rows
 * is left as it was. */
gboolean  verkan_kolada_parse_data_page     (GBytes      *page,
                                             GArray      *rows,
                                             char       **next_url,
                                             GError     **error);

/* A KPI record of /v3/kpi */
typedef struct {
  char     *id;
  char     *title;
  char     *description;
  gboolean  is_divided_by_gender;
  char     *municipality_type;       /* "K", "L", "A" */
  char     *publication_date;        /* "2024-03-19" or NULL */
  char     *prel_publication_date;
} VerkanKoladaKpiRecord;

void      verkan_kolada_kpi_record_free     (VerkanKoladaKpiRecord *record);
/* One page of a /v3/kpi answer: appends VerkanKoladaKpiRecord * to @records
 * (a GPtrArray with verkan_kolada_kpi_record_free) */
gboolean  verkan_kolada_parse_kpi_page      (GBytes      *page,
                                             GPtrArray   *records,
                                             char       **next_url,
                                             GError     **error);

/* What a fetch asked for; the request of a store */
typedef struct {
  GStrv        kpis;             /* "N31807", … */
  GStrv        municipalities;   /* codes and group ids */
  int          first_year;       /* 0: from Kolada's first */
  int          last_year;        /* 0: up to the newest */
} VerkanKoladaRequest;

/* Writes @rows into kolada_value in ONE transaction: each row replaces the
 * value stored for its (kpi, municipality, year, gender); a deleted row
 * removes it.  When @complete is TRUE (a full fetch, not from_date), values
 * of the requested kpis × municipalities × years that Kolada no longer
 * sent are removed too.  kolada_fetch gets a row per kpi × municipality.
 * @kpis may be NULL or hold records to write into kolada_kpi.
 * @fetched_at is ISO 8601 UTC ("2026-11-22T10:15:00Z").
 * On any error nothing changes. */
gboolean  verkan_kolada_store_rows          (struct sqlite3             *db,
                                             const VerkanKoladaRequest  *request,
                                             GArray                     *rows,
                                             GPtrArray                  *kpis,
                                             gboolean                    complete,
                                             VerkanValueOrigin           origin,
                                             const char                 *fetched_at,
                                             GError                    **error);

/* The same, also telling how many rows were stored (with or without a
 * value) and how many stored values were removed (deleted rows, and with
 * @complete those Kolada no longer sent); either pointer may be NULL.
 * Inside a transaction of the caller's it writes in a savepoint of it. */
gboolean  verkan_kolada_store_rows_counted  (struct sqlite3             *db,
                                             const VerkanKoladaRequest  *request,
                                             GArray                     *rows,
                                             GPtrArray                  *kpis,
                                             gboolean                    complete,
                                             VerkanValueOrigin           origin,
                                             const char                 *fetched_at,
                                             guint                      *n_stored,
                                             guint                      *n_deleted,
                                             GError                    **error);

/* The date (YYYY-MM-DD) to pass as from_date when refetching @request:
 * the oldest fetch among its kpi × municipality pairs, or NULL when any
 * pair was never fetched or covered fewer years (then fetch in full). */
char     *verkan_kolada_store_dup_from_date (struct sqlite3             *db,
                                             const VerkanKoladaRequest  *request);

/* Loads a file in the v3 data answer format (with an optional top-level
 * "verkan_snapshot": {"date": "YYYY-MM-DD", "note": "…",
 * "illustrative": ["N31008:1863", …]} and "kpis": [KPI records]) into
 * @project, marking the values as snapshot (or illustrative where listed).
 * One transaction; emits "changed" for kolada_value. */
gboolean  verkan_kolada_store_import_file   (VerkanProject  *project,
                                             const char     *path,
                                             GError        **error);

/* Reading, for the CLI and the charts.  Each returned row is a GVariant
 * a{sv} with kpi, municipality, year, gender (s), value (d, absent when
 * null), count (i), status (s), fetched_at (s), origin (s); ordered by kpi,
 * municipality, year, gender.  NULL filters mean all. */
GPtrArray *verkan_kolada_store_list_values  (VerkanProject       *project,
                                             const char *const   *kpis,
                                             const char *const   *municipalities,
                                             GError             **error);

/* The kolada_kpi row of @id as a{sv}, or NULL */
GVariant  *verkan_kolada_store_get_kpi      (VerkanProject  *project,
                                             const char     *id);

/* Groups used by the project (kolada_group) */
gboolean   verkan_kolada_store_put_group    (struct sqlite3  *db,
                                             const char      *id,
                                             const char      *title,
                                             const char *const *members,
                                             const char      *fetched_at,
                                             GError         **error);

G_END_DECLS
