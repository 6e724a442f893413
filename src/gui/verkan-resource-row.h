/* verkan-resource-row.h: one line of the resources table: a function with
 * its planned and actual hours and the difference */
#pragma once

#include <gtk/gtk.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_RESOURCE_ROW (verkan_resource_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkanResourceRow, verkan_resource_row, VERKAN, RESOURCE_ROW, GtkListBoxRow)

GtkWidget    *verkan_resource_row_new              (VerkanProject     *project,
                                                    VerkanRecord      *record);
VerkanRecord *verkan_resource_row_get_record       (VerkanResourceRow *self);
/* Lines the cells up with the table's heading and sum rows */
void          verkan_resource_row_add_size_groups  (VerkanResourceRow *self,
                                                    GtkSizeGroup      *planned,
                                                    GtkSizeGroup      *actual,
                                                    GtkSizeGroup      *difference,
                                                    GtkSizeGroup      *remove);
void          verkan_resource_row_focus_function   (VerkanResourceRow *self);

/* "+26", "−334", or "" when a value is missing; shared with the sum row */
char         *verkan_resource_row_format_difference (gboolean          known,
                                                     double            planned,
                                                     double            actual);

G_END_DECLS
