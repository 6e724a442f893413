/* verkan-appendix-row.h: one numbered appendix in the appendix list
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_APPENDIX_ROW (verkan_appendix_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanAppendixRow, verkan_appendix_row, VERKAN, APPENDIX_ROW, GtkBox)

GtkWidget    *verkan_appendix_row_new        (VerkanProject     *project);
/* Shows and edits @record (an appendix row); NULL lets go of it */
void          verkan_appendix_row_bind       (VerkanAppendixRow *self,
                                              VerkanRecord      *record);
VerkanRecord *verkan_appendix_row_get_record (VerkanAppendixRow *self);
/* "Bilaga @number" */
void          verkan_appendix_row_set_number (VerkanAppendixRow *self,
                                              guint              number);
guint         verkan_appendix_row_get_number (VerkanAppendixRow *self);
void          verkan_appendix_row_focus      (VerkanAppendixRow *self);

/* ::move-requested (guint number): Alt+Up/Down, or the row was dropped
 * onto the row with that (1-based) number; the list carries it out.
 * ::remove-requested: the remove button. */

G_END_DECLS
