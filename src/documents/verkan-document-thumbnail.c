/* stub: to be written */
#include "config.h"
#include <math.h>
#include "verkan-document-thumbnail.h"

GBytes *
verkan_document_read_bytes (const char *project_path, const char *hash, guint64 max_bytes, GCancellable *cancellable, GError **error)
{
  return NULL;
}

cairo_surface_t *
verkan_document_thumbnail_render (const char *project_path, const char *hash, const char *mime_type, int max_size, GCancellable *cancellable, GError **error)
{
  return NULL;
}

cairo_surface_t *
verkan_document_thumbnail_from_bytes (GBytes *bytes, const char *mime_type, int max_size, GError **error)
{
  return NULL;
}
