/* stub: to be written */
#include "config.h"
#include "verkan-models-page.h"

struct _VerkanModelsPage { AdwBin parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelsPage, verkan_models_page, ADW_TYPE_BIN)

static void verkan_models_page_class_init (VerkanModelsPageClass *klass)
{
}

static void verkan_models_page_init (VerkanModelsPage *self) { }

GtkWidget     *
verkan_models_page_new (VerkanProject *project)
{
  (void) project;
  return g_object_new (verkan_models_page_get_type (), NULL);
}

VerkanProject *
verkan_models_page_get_project (VerkanModelsPage *self)
{
  (void) self;
  return NULL;
}

gint64
verkan_models_page_get_model_id (VerkanModelsPage *self)
{
  (void) self;
  return 0;
}

void
verkan_models_page_show_model (VerkanModelsPage *self, gint64 model_id)
{
  (void) self;
  (void) model_id;
}

