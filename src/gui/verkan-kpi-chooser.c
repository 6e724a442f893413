/* stub: to be written */
#include "config.h"
#include "verkan-kpi-chooser.h"

struct _VerkanKpiChooser { AdwWindow parent_instance; };

G_DEFINE_FINAL_TYPE (VerkanKpiChooser, verkan_kpi_chooser, ADW_TYPE_WINDOW)

static void verkan_kpi_chooser_class_init (VerkanKpiChooserClass *klass)
{
  g_signal_new ("kpi-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void verkan_kpi_chooser_init (VerkanKpiChooser *self) { }

GtkWidget *
verkan_kpi_chooser_new (GtkWindow *parent, const char *initial_query)
{
  (void) parent;
  (void) initial_query;
  return g_object_new (verkan_kpi_chooser_get_type (), NULL);
}

