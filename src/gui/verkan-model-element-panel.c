/* stub: to be written */
#include "config.h"
#include "verkan-model-element-panel.h"

struct _VerkanModelElementPanel { AdwBin parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelElementPanel, verkan_model_element_panel, ADW_TYPE_BIN)

static void verkan_model_element_panel_class_init (VerkanModelElementPanelClass *klass)
{
}

static void verkan_model_element_panel_init (VerkanModelElementPanel *self) { }

GtkWidget *
verkan_model_element_panel_new (VerkanProject *project)
{
  (void) project;
  return g_object_new (verkan_model_element_panel_get_type (), NULL);
}

void
verkan_model_element_panel_set_element (VerkanModelElementPanel *self, gint64 element_id)
{
  (void) self;
  (void) element_id;
}

void
verkan_model_element_panel_set_link (VerkanModelElementPanel *self, gint64 link_id)
{
  (void) self;
  (void) link_id;
}

gint64
verkan_model_element_panel_get_element (VerkanModelElementPanel *self)
{
  (void) self;
  return 0;
}

