/* verkan-record.h: one row of a project table, kept current by its list */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_RECORD (verkan_record_get_type ())
G_DECLARE_FINAL_TYPE (VerkanRecord, verkan_record, VERKAN, RECORD, GObject)

VerkanRecord *verkan_record_new          (const char   *table,
                                          GVariant     *row);
const char   *verkan_record_get_table    (VerkanRecord *self);
gint64        verkan_record_get_id       (VerkanRecord *self);
GVariant     *verkan_record_get_row      (VerkanRecord *self);

/* NULL when the column is NULL or absent */
GVariant     *verkan_record_get_value    (VerkanRecord *self,
                                          const char   *column);
/* "" for NULL */
const char   *verkan_record_get_string   (VerkanRecord *self,
                                          const char   *column);
gboolean      verkan_record_has_value    (VerkanRecord *self,
                                          const char   *column);
gint64        verkan_record_get_int      (VerkanRecord *self,
                                          const char   *column,
                                          gint64        fallback);
double        verkan_record_get_double   (VerkanRecord *self,
                                          const char   *column,
                                          double        fallback);

/* Replaces the values; emits ::changed with each changed column as detail.
 * Returns whether anything changed. */
gboolean      verkan_record_update       (VerkanRecord *self,
                                          GVariant     *row);

G_END_DECLS
