/* verkan-text-row.h: a boxed-list row for text of several lines (purpose,
 * target group, a goal and its outcome): the row's title above a text
 * view that wraps */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_TEXT_ROW (verkan_text_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanTextRow, verkan_text_row, VERKAN, TEXT_ROW, AdwPreferencesRow)

GtkWidget   *verkan_text_row_new            (void);
GtkTextView *verkan_text_row_get_text_view  (VerkanTextRow *self);

G_END_DECLS
