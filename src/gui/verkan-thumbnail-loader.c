/* verkan-thumbnail-loader.c: the Dokument page's thumbnails, drawn in
 * worker threads a few at a time and kept by content hash.
 *
 * Only rows that are bound (in view) ask, so opening a page of a thousand
 * documents draws the dozen that show.  Requests wait in a queue, newest
 * first: when the person scrolls quickly, the rows now in view are drawn
 * before those that went by, and a row that went out of view before its
 * drawing started drops it.  At most two drawings run at once, so poppler
 * and the disk leave the window and the other workers room.  Each worker
 * reads the bytes on a read-only connection of its own
 * (verkan_document_thumbnail_render), never the window's.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "verkan-document-thumbnail.h"
#include "verkan-thumbnail-loader.h"

#define MAX_RUNNING 2

typedef struct {
  char     *hash;
  char     *mime_type;
  guint     wanted;     /* rows in view that wait for it */
  gboolean  running;
  GList    *link;       /* in the queue while it waits */
} Request;

struct _VerkanThumbnailLoader
{
  GObject       parent_instance;

  char         *project_path;
  int           size;
  GCancellable *cancellable;
  GHashTable   *textures;   /* hash → GdkTexture */
  GHashTable   *failed;     /* hash: no picture */
  GHashTable   *requests;   /* hash → Request, waiting or running */
  GQueue        queue;      /* Request, the next first */
  guint         n_running;
  guint         n_started;
  guint         pump_id;    /* the idle that starts what waits */
};

G_DEFINE_FINAL_TYPE (VerkanThumbnailLoader, verkan_thumbnail_loader, G_TYPE_OBJECT)

enum { LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
request_free (Request *request)
{
  g_free (request->hash);
  g_free (request->mime_type);
  g_free (request);
}

static gboolean
has_picture (const char *mime_type)
{
  return g_strcmp0 (mime_type, "application/pdf") == 0
         || (mime_type != NULL && g_str_has_prefix (mime_type, "image/"));
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  VerkanThumbnailLoader *self = source;
  Request *request = task_data;
  GError *error = NULL;
  cairo_surface_t *surface;

  surface = verkan_document_thumbnail_render (self->project_path, request->hash,
                                              request->mime_type, self->size,
                                              cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/* cairo's ARGB32 is GDK's default memory format, byte for byte */
static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void pump (VerkanThumbnailLoader *self);
static void schedule_pump (VerkanThumbnailLoader *self);

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VerkanThumbnailLoader *self = VERKAN_THUMBNAIL_LOADER (source);
  g_autofree char *hash = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  self->n_running--;
  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_hash_table_remove (self->requests, hash);
  if (surface != NULL && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    g_hash_table_insert (self->textures, g_strdup (hash), texture_from_surface (surface));
  else
    {
      if (error != NULL)
        g_debug ("No thumbnail for %s: %s", hash, error->message);
      g_hash_table_add (self->failed, g_strdup (hash));
    }
  g_clear_pointer (&surface, cairo_surface_destroy);

  g_signal_emit (self, signals[LOADED], 0, hash);
  schedule_pump (self);
}

static void
pump (VerkanThumbnailLoader *self)
{
  while (self->n_running < MAX_RUNNING && !g_queue_is_empty (&self->queue))
    {
      Request *request = g_queue_pop_head (&self->queue);
      g_autoptr(GTask) task = NULL;

      request->link = NULL;
      request->running = TRUE;
      self->n_running++;
      self->n_started++;

      task = g_task_new (self, self->cancellable, on_rendered, g_strdup (request->hash));
      g_task_set_source_tag (task, pump);
      /* the table owns the request; the task gets a copy of its own */
      {
        Request *copy = g_new0 (Request, 1);

        copy->hash = g_strdup (request->hash);
        copy->mime_type = g_strdup (request->mime_type);
        g_task_set_task_data (task, copy, (GDestroyNotify) request_free);
      }
      g_task_run_in_thread (task, render_in_thread);
    }
}

static gboolean
pump_idle (gpointer data)
{
  VerkanThumbnailLoader *self = data;

  self->pump_id = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

/* Drawings start when the main loop is idle: the rows are laid out and
 * painted first, and a scroll that passes by rows drops them before
 * they start */
static void
schedule_pump (VerkanThumbnailLoader *self)
{
  if (self->pump_id == 0 && !g_queue_is_empty (&self->queue))
    self->pump_id = g_idle_add_full (G_PRIORITY_LOW, pump_idle, self, NULL);
}

static void
verkan_thumbnail_loader_dispose (GObject *object)
{
  VerkanThumbnailLoader *self = VERKAN_THUMBNAIL_LOADER (object);

  verkan_thumbnail_loader_cancel (self);

  G_OBJECT_CLASS (verkan_thumbnail_loader_parent_class)->dispose (object);
}

static void
verkan_thumbnail_loader_finalize (GObject *object)
{
  VerkanThumbnailLoader *self = VERKAN_THUMBNAIL_LOADER (object);

  g_queue_clear (&self->queue);
  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->textures);
  g_hash_table_unref (self->failed);
  g_clear_object (&self->cancellable);
  g_free (self->project_path);

  G_OBJECT_CLASS (verkan_thumbnail_loader_parent_class)->finalize (object);
}

static void
verkan_thumbnail_loader_class_init (VerkanThumbnailLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = verkan_thumbnail_loader_dispose;
  object_class->finalize = verkan_thumbnail_loader_finalize;

  /* A thumbnail was drawn, or found to be none: rows showing @hash ask again */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
verkan_thumbnail_loader_init (VerkanThumbnailLoader *self)
{
  self->cancellable = g_cancellable_new ();
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) request_free);
  g_queue_init (&self->queue);
}

VerkanThumbnailLoader *
verkan_thumbnail_loader_new (const char *project_path,
                             int         size)
{
  VerkanThumbnailLoader *self;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  self = g_object_new (VERKAN_TYPE_THUMBNAIL_LOADER, NULL);
  self->project_path = g_strdup (project_path);
  self->size = size;
  return self;
}

GdkTexture *
verkan_thumbnail_loader_lookup (VerkanThumbnailLoader *self,
                                const char            *hash,
                                const char            *mime_type,
                                gboolean              *failed)
{
  GdkTexture *texture;
  Request *request;

  g_return_val_if_fail (VERKAN_IS_THUMBNAIL_LOADER (self), NULL);

  if (failed != NULL)
    *failed = FALSE;
  if (hash == NULL || *hash == '\0')
    {
      if (failed != NULL)
        *failed = TRUE;
      return NULL;
    }

  texture = g_hash_table_lookup (self->textures, hash);
  if (texture != NULL)
    return texture;
  if (!has_picture (mime_type) || g_hash_table_contains (self->failed, hash))
    {
      if (failed != NULL)
        *failed = TRUE;
      return NULL;
    }

  request = g_hash_table_lookup (self->requests, hash);
  if (request == NULL)
    {
      request = g_new0 (Request, 1);
      request->hash = g_strdup (hash);
      request->mime_type = g_strdup (mime_type);
      g_hash_table_insert (self->requests, request->hash, request);
    }
  request->wanted++;

  /* asked again: to the front */
  if (!request->running)
    {
      if (request->link != NULL)
        g_queue_unlink (&self->queue, request->link);
      else
        request->link = g_list_alloc ();
      request->link->data = request;
      g_queue_push_head_link (&self->queue, request->link);
    }

  schedule_pump (self);
  return NULL;
}

void
verkan_thumbnail_loader_release (VerkanThumbnailLoader *self,
                                 const char            *hash)
{
  Request *request;

  g_return_if_fail (VERKAN_IS_THUMBNAIL_LOADER (self));

  if (hash == NULL || (request = g_hash_table_lookup (self->requests, hash)) == NULL)
    return;

  if (request->wanted > 0)
    request->wanted--;
  if (request->wanted == 0 && !request->running)
    {
      if (request->link != NULL)
        {
          g_queue_delete_link (&self->queue, request->link);
          request->link = NULL;
        }
      g_hash_table_remove (self->requests, hash);
    }
}

guint
verkan_thumbnail_loader_get_n_started (VerkanThumbnailLoader *self)
{
  g_return_val_if_fail (VERKAN_IS_THUMBNAIL_LOADER (self), 0);

  return self->n_started;
}

void
verkan_thumbnail_loader_cancel (VerkanThumbnailLoader *self)
{
  g_return_if_fail (VERKAN_IS_THUMBNAIL_LOADER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->pump_id, g_source_remove);

  g_queue_clear (&self->queue);
  g_hash_table_remove_all (self->requests);
}
