/* stub: to be written */
#include "config.h"
#include "verkan-model-form.h"

struct _VerkanModelForm { AdwBin parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelForm, verkan_model_form, ADW_TYPE_BIN)

static void verkan_model_form_class_init (VerkanModelFormClass *klass)
{
  g_signal_new ("element-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void verkan_model_form_init (VerkanModelForm *self) { }

GtkWidget *
verkan_model_form_new (void)
{
  return g_object_new (verkan_model_form_get_type (), NULL);
}

void
verkan_model_form_set_model (VerkanModelForm *self, VerkanProject *project, gint64 model_id)
{
  (void) self;
  (void) project;
  (void) model_id;
}

void
verkan_model_form_select_element (VerkanModelForm *self, gint64 element_id)
{
  (void) self;
  (void) element_id;
}

