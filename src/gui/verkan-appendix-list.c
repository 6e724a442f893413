/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-appendix-list.h"

struct _VerkanAppendixList { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (VerkanAppendixList, verkan_appendix_list_widget, ADW_TYPE_BIN)
static void verkan_appendix_list_widget_class_init (VerkanAppendixListClass *klass) { }
static void verkan_appendix_list_widget_init (VerkanAppendixList *self) { }

GtkWidget *
verkan_appendix_list_widget_new (VerkanProject *project)
{
  return g_object_new (VERKAN_TYPE_APPENDIX_LIST, NULL);
}

GArray *
verkan_appendix_list_widget_dup_ids (VerkanAppendixList *self)
{
  return NULL;
}
