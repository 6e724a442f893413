/* verkan-format.h: numbers and dates the way a Swedish reader expects them:
 * 1 284,5 (a no-break space between thousands, decimal comma),
 * 4,4 %, 2022-08-16. Used by the GUI, the charts and the report alike. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* decimals < 0: as many as needed, at most 2 ("96,5", "120") */
char     *verkan_format_number   (double       value,
                                  int          decimals);
char     *verkan_format_percent  (double       value,
                                  int          decimals);
/* Accepts "1 284,5", "1284.5", "1284,5", "-3"; rejects anything else */
gboolean  verkan_parse_number    (const char  *text,
                                  double      *value);
/* A valid calendar date written YYYY-MM-DD */
gboolean  verkan_date_is_valid   (const char  *text);
/* A key for strcmp() that puts text in Swedish order whatever the
 * process's locale: case folded, å ä ö after z, é as e */
char     *verkan_swedish_sort_key (const char  *text);

G_END_DECLS
