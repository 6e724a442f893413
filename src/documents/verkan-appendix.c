/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-appendix.h"

void
verkan_appendix_free (VerkanAppendix *appendix)
{
  
}

GPtrArray *
verkan_appendix_list (VerkanProject *project, GError **error)
{
  return NULL;
}

char *
verkan_appendix_dup_label (const VerkanAppendix *appendix, const char *language)
{
  return NULL;
}

gint64
verkan_appendix_find_document (VerkanProject *project, gint64 document_id)
{
  return 0;
}

gint64
verkan_appendix_add_document (VerkanProject *project, gint64 document_id, guint number, GError **error)
{
  return 0;
}

gint64
verkan_appendix_add_model_version (VerkanProject *project, gint64 model_version_id, guint number, GError **error)
{
  return 0;
}

gboolean
verkan_appendix_remove (VerkanProject *project, gint64 appendix_id, GError **error)
{
  return 0;
}

gboolean
verkan_appendix_move (VerkanProject *project, gint64 appendix_id, guint number, GError **error)
{
  return 0;
}
