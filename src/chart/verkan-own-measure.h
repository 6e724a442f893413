/* verkan-own-measure.h: the project's own measures, local series charted
 * like a KPI ("Antal deltagare i arbetsträning, Hallsberg").
 *
 * Values come from a table the user types in, or from CSV the way Swedish
 * Excel writes it: semicolons between fields, decimal commas, "1 284,5"
 * with a space (or no-break space) between thousands, an optional header
 * row, UTF-8 or Windows-1252. */
#pragma once

#include <gio/gio.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_CSV_ERROR (verkan_csv_error_quark ())
typedef enum {
  VERKAN_CSV_ERROR_EMPTY,      /* no rows */
  VERKAN_CSV_ERROR_COLUMNS,    /* no year or value column can be found */
  VERKAN_CSV_ERROR_VALUE,      /* a value or year that is not a number: line N */
  VERKAN_CSV_ERROR_ENCODING,   /* neither UTF-8 nor Windows-1252 */
} VerkanCsvError;
GQuark verkan_csv_error_quark (void);

/* One parsed row */
typedef struct {
  char     *municipality;  /* a code ("1861"), or "" when the file has no such column */
  int       year;
  char      gender;        /* 'T', 'K', 'M' */
  gboolean  has_value;     /* an empty cell is a gap */
  double    value;
} VerkanOwnValue;

/* Parses CSV text.  Columns are found by their header (år/year, värde/value,
 * kommun/kommunkod/municipality, kön/gender; case and å/ä/ö ignored, a
 * municipality by name or code) or, without a header, as year;value or
 * municipality;year;value.  Commas are separators only when the file has
 * no semicolons.  Returns a GArray of VerkanOwnValue (freeing its strings),
 * or NULL with an error naming the line. */
GArray   *verkan_own_measure_parse_csv   (const char     *text,
                                          gsize           length,
                                          GError        **error);

/* Replaces the values of own measure @measure_id with @values in one
 * command ("Importera värden"), one undo step. */
gboolean  verkan_own_measure_set_values  (VerkanProject  *project,
                                          gint64          measure_id,
                                          GArray         *values,
                                          GError        **error);
/* Reads a CSV file and sets the values; returns the number of rows */
guint     verkan_own_measure_import_csv  (VerkanProject  *project,
                                          gint64          measure_id,
                                          const char     *path,
                                          GError        **error);
/* Writes the values as CSV the same way (semicolons, decimal commas) */
char     *verkan_own_measure_dup_csv     (VerkanProject  *project,
                                          gint64          measure_id,
                                          GError        **error);

G_END_DECLS
