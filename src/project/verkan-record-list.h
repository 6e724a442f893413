/* verkan-record-list.h: a GListModel of the rows of one table, in order.
 *
 * It follows the project's ::changed signal.  Rows that stay keep their
 * VerkanRecord object (which then emits ::changed), so a widget that is
 * editing a row is not torn down by its own edit. */
#pragma once

#include <gio/gio.h>
#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_RECORD_LIST (verkan_record_list_get_type ())
G_DECLARE_FINAL_TYPE (VerkanRecordList, verkan_record_list, VERKAN, RECORD_LIST, GObject)

/* filter_column/filter_value may be NULL for all rows */
VerkanRecordList *verkan_record_list_new         (VerkanProject    *project,
                                                  const char       *table,
                                                  const char       *filter_column,
                                                  GVariant         *filter_value);
const char       *verkan_record_list_get_table   (VerkanRecordList *self);
VerkanRecord     *verkan_record_list_find        (VerkanRecordList *self,
                                                  gint64            id);
void              verkan_record_list_reload      (VerkanRecordList *self);

G_END_DECLS
