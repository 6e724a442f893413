/* stub: to be written */
#include "config.h"
#include "verkan-indicator-row.h"

struct _VerkanIndicatorRow { AdwExpanderRow parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanIndicatorRow, verkan_indicator_row, ADW_TYPE_EXPANDER_ROW)

static void verkan_indicator_row_class_init (VerkanIndicatorRowClass *klass)
{
}

static void verkan_indicator_row_init (VerkanIndicatorRow *self) { }

GtkWidget    *
verkan_indicator_row_new (VerkanProject *project, VerkanRecord *record)
{
  (void) project;
  (void) record;
  return g_object_new (verkan_indicator_row_get_type (), NULL);
}

VerkanRecord *
verkan_indicator_row_get_record (VerkanIndicatorRow *self)
{
  (void) self;
  return NULL;
}

