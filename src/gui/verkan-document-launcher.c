/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-document-launcher.h"

void
verkan_document_launch (GtkWidget *parent, VerkanProject *project, gint64 document_id, guint page)
{
  
}

void
verkan_document_save_as (GtkWidget *parent, VerkanProject *project, gint64 document_id)
{
  
}
