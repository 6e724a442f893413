/* stub: to be written */
#include "config.h"
#include "verkan-model-exchange.h"

gboolean
verkan_model_exchange_export (VerkanProject *project, gint64 model_id, const char *path, GError **error)
{
  (void) project;
  (void) model_id;
  (void) path;
  (void) error;
  return 0;
}

gboolean
verkan_model_exchange_is_exchange_file (VerkanProject *project, gint64 *model_id)
{
  (void) project;
  (void) model_id;
  return 0;
}

VerkanModelMerge  *
verkan_model_merge_new (VerkanProject *project, const char *path, GError **error)
{
  (void) project;
  (void) path;
  (void) error;
  return NULL;
}

void
verkan_model_merge_free (VerkanModelMerge *merge)
{
  (void) merge;
}

const char        *
verkan_model_merge_get_title (VerkanModelMerge *merge)
{
  (void) merge;
  return NULL;
}

GPtrArray         *
verkan_model_merge_get_changes (VerkanModelMerge *merge)
{
  (void) merge;
  return NULL;
}

guint
verkan_model_merge_count_conflicts (VerkanModelMerge *merge)
{
  (void) merge;
  return 0;
}

gboolean
verkan_model_merge_apply (VerkanModelMerge *merge, GError **error)
{
  (void) merge;
  (void) error;
  return 0;
}

