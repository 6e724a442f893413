/* verkan-date-row.h: an entry row for a date written YYYY-MM-DD, with a
 * calendar to pick it from */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_DATE_ROW (verkan_date_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanDateRow, verkan_date_row, VERKAN, DATE_ROW, AdwEntryRow)

GtkWidget *verkan_date_row_new (void);

G_END_DECLS
