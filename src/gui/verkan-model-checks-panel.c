/* stub: to be written */
#include "config.h"
#include "verkan-model-checks-panel.h"

struct _VerkanModelChecksPanel { AdwBin parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanModelChecksPanel, verkan_model_checks_panel, ADW_TYPE_BIN)

static void verkan_model_checks_panel_class_init (VerkanModelChecksPanelClass *klass)
{
  g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void verkan_model_checks_panel_init (VerkanModelChecksPanel *self) { }

GtkWidget *
verkan_model_checks_panel_new (void)
{
  return g_object_new (verkan_model_checks_panel_get_type (), NULL);
}

void
verkan_model_checks_panel_set_model (VerkanModelChecksPanel *self, VerkanProject *project, gint64 model_id)
{
  (void) self;
  (void) project;
  (void) model_id;
}

guint
verkan_model_checks_panel_get_n_problems (VerkanModelChecksPanel *self)
{
  (void) self;
  return 0;
}

