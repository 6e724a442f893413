/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-evidence.h"

void
verkan_evidence_free (VerkanEvidence *evidence)
{
  
}

GPtrArray *
verkan_evidence_list (VerkanProject *project, gint64 element_id, GError **error)
{
  return NULL;
}

gint64
verkan_evidence_add (VerkanProject *project, gint64 element_id, gint64 document_id, guint page, const char *note, GError **error)
{
  return 0;
}

gboolean
verkan_evidence_remove (VerkanProject *project, gint64 evidence_id, GError **error)
{
  return 0;
}

guint
verkan_evidence_count_for_document (VerkanProject *project, gint64 document_id)
{
  return 0;
}
