/* verkan-document-thumbnail.c: a small picture of a stored document.
 *
 * The bytes are read on a read-only SQLite connection opened here, so a
 * worker thread can read while the window's connection goes on writing
 * (the project file is in WAL mode: readers never wait for the writer).
 * A PDF's first page is drawn by poppler onto white; an image is read by
 * gdk-pixbuf at the size asked for and turned into a cairo surface.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <poppler.h>
#include <sqlite3.h>

#include "verkan-document-store.h"
#include "verkan-document-thumbnail.h"

/* A thumbnail is not worth reading more than this into memory */
#define THUMBNAIL_MAX_BYTES (G_GUINT64_CONSTANT (128) << 20)

/* How long a read waits for a writer's checkpoint before it gives up */
#define BUSY_TIMEOUT_MS 5000

/* ------------------------------------------------------------------ */
/* Reading the bytes                                                   */

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
               /* Translators: %s is SQLite's own message */
               _("The document could not be read from the project file: %s"),
               db != NULL ? sqlite3_errmsg (db) : what);
}

GBytes *
verkan_document_read_bytes (const char    *project_path,
                            const char    *hash,
                            guint64        max_bytes,
                            GCancellable  *cancellable,
                            GError       **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GByteArray *bytes = NULL;
  GBytes *result = NULL;
  sqlite3_int64 size = -1;
  int rc;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, "open");
      goto out;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* One read transaction, so the size and the parts agree */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, "begin");
      goto out;
    }

  if (sqlite3_prepare_v2 (db, "SELECT size FROM blob WHERE hash = ?1 AND complete = 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, "prepare");
      goto out;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, "step");
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (size < 0)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                   _("The document’s contents are missing from the project file."));
      goto out;
    }
  if ((guint64) size > max_bytes)
    goto out;

  /* Plain column reads: a part is at most 64 MiB and the whole is
   * wanted in memory anyway */
  if (sqlite3_prepare_v2 (db, "SELECT data FROM blob_part WHERE hash = ?1 ORDER BY part",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, "prepare");
      goto out;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  bytes = g_byte_array_sized_new ((guint) size);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 0);
      int length = sqlite3_column_bytes (stmt, 0);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (length > 0)
        g_byte_array_append (bytes, data, (guint) length);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, "step");
      goto out;
    }
  if (bytes->len != (guint64) size)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   _("The document’s contents in the project file are incomplete."));
      goto out;
    }

  result = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));

out:
  if (bytes != NULL)
    g_byte_array_unref (bytes);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (db != NULL)
    sqlite3_close (db);
  return result;
}

gboolean
verkan_document_read_text_info (const char  *project_path,
                                const char  *hash,
                                guint       *n_pages,
                                char       **status,
                                GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);

  if (n_pages != NULL)
    *n_pages = 0;
  if (status != NULL)
    *status = NULL;

  if (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT n_pages, status FROM blob_text WHERE hash = ?1",
                             -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, "open");
      goto out;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      if (n_pages != NULL)
        *n_pages = (guint) MAX (0, sqlite3_column_int (stmt, 0));
      if (status != NULL)
        *status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    set_sqlite_error (error, db, "step");

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (db != NULL)
    sqlite3_close (db);
  return found;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static gboolean
is_pdf (const char *mime_type)
{
  return g_strcmp0 (mime_type, "application/pdf") == 0
         || g_strcmp0 (mime_type, "application/x-pdf") == 0;
}

/* Whether gdk-pixbuf has a loader for @mime_type */
static gboolean
is_image (const char *mime_type)
{
  static GMutex lock;
  static GHashTable *types;
  gboolean found;

  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    return FALSE;

  g_mutex_lock (&lock);
  if (types == NULL)
    {
      GSList *formats = gdk_pixbuf_get_formats ();

      types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (GSList *l = formats; l != NULL; l = l->next)
        {
          g_auto(GStrv) mime_types = gdk_pixbuf_format_get_mime_types (l->data);

          for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
            g_hash_table_add (types, g_strdup (mime_types[i]));
        }
      g_slist_free (formats);
    }
  found = g_hash_table_contains (types, mime_type);
  g_mutex_unlock (&lock);

  return found;
}

static cairo_surface_t *
render_pdf (GBytes  *bytes,
            int      max_size,
            GError **error)
{
  g_autoptr(GObject) document_object = NULL;
  g_autoptr(GObject) page_object = NULL;
  PopplerDocument *document;
  PopplerPage *page = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;
  int pixel_width, pixel_height;

  /* poppler-glib 22.12 has no autoptr cleanups of its own */
  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  document_object = G_OBJECT (document);
  if (document == NULL)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   /* Translators: %s is poppler's own message */
                   _("The PDF could not be read: %s"), local_error->message);
      return NULL;
    }
  if (poppler_document_get_n_pages (document) < 1
      || (page_object = G_OBJECT (page = poppler_document_get_page (document, 0))) == NULL)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   _("The PDF has no pages."));
      return NULL;
    }

  poppler_page_get_size (page, &width, &height);
  if (!(width > 0 && height > 0))
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   _("The PDF’s first page has no size."));
      return NULL;
    }

  scale = max_size / MAX (width, height);
  pixel_width = MAX (1, (int) ceil (width * scale));
  pixel_height = MAX (1, (int) ceil (height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* A pixbuf's RGB(A) rows as cairo's premultiplied, native-endian ARGB32 */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface;
  guint8 *dest;
  int dest_stride;

  surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  cairo_surface_flush (surface);
  dest = cairo_image_surface_get_data (surface);
  dest_stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dest + (gsize) y * dest_stride);

      for (int x = 0; x < width; x++, s += channels)
        {
          guint32 a = alpha ? s[3] : 0xff;
          guint32 r = s[0], g = s[1], b = s[2];

          if (a != 0xff)
            {
              /* (c * a + 127) / 255, rounded */
              r = (r * a + 0x7f) / 0xff;
              g = (g * a + 0x7f) / 0xff;
              b = (b * a + 0x7f) / 0xff;
            }
          d[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);

  return surface;
}

static cairo_surface_t *
render_image (GBytes  *bytes,
              int      max_size,
              GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Decoded at the size asked for, so a large photo is never whole */
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, max_size, max_size, TRUE,
                                                NULL, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   /* Translators: %s is the image library's own message */
                   _("The picture could not be read: %s"), local_error->message);
      return NULL;
    }

  /* A photo from a phone is turned the way it was taken */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  return surface_from_pixbuf (oriented != NULL ? oriented : pixbuf);
}

cairo_surface_t *
verkan_document_thumbnail_from_bytes (GBytes     *bytes,
                                      const char *mime_type,
                                      int         max_size,
                                      GError    **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_pdf (mime_type))
    return render_pdf (bytes, max_size, error);
  if (is_image (mime_type))
    return render_image (bytes, max_size, error);

  return NULL;
}

cairo_surface_t *
verkan_document_thumbnail_render (const char    *project_path,
                                  const char    *hash,
                                  const char    *mime_type,
                                  int            max_size,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Types without a picture are not read at all */
  if (!is_pdf (mime_type) && !is_image (mime_type))
    return NULL;

  bytes = verkan_document_read_bytes (project_path, hash, THUMBNAIL_MAX_BYTES,
                                      cancellable, &local_error);
  if (bytes == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return verkan_document_thumbnail_from_bytes (bytes, mime_type, max_size, error);
}
