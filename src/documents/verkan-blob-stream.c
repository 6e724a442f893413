/* verkan-blob-stream.c: a GInputStream over a document's stored bytes.
 *
 * The stream keeps the project alive and reads through its connection
 * (SQLite is built serialized, so GIO's default async reads from a worker
 * thread are safe); one part's blob handle is open at a time.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "verkan-blob-stream.h"
#include "verkan-document-store.h"
#include "verkan-sql.h"

struct _VerkanBlobStream
{
  GInputStream   parent_instance;

  VerkanProject *project;
  GArray        *rowids;     /* of the parts, in order */
  guint64        size;
  guint          part;       /* the part being read */
  sqlite3_blob  *blob;       /* its handle, or NULL */
  int            offset;     /* within the part */
};

G_DEFINE_FINAL_TYPE (VerkanBlobStream, verkan_blob_stream, G_TYPE_INPUT_STREAM)

static void
verkan_blob_stream_finalize (GObject *object)
{
  VerkanBlobStream *self = VERKAN_BLOB_STREAM (object);

  g_clear_pointer (&self->blob, sqlite3_blob_close);
  g_clear_object (&self->project);
  g_array_unref (self->rowids);

  G_OBJECT_CLASS (verkan_blob_stream_parent_class)->finalize (object);
}

static gssize
verkan_blob_stream_read (GInputStream *stream, void *buffer, gsize count,
                         GCancellable *cancellable, GError **error)
{
  VerkanBlobStream *self = VERKAN_BLOB_STREAM (stream);
  sqlite3 *db = verkan_project_get_db (self->project);
  int length, n, rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (db == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The project was closed while the document was read."));
      return -1;
    }

  while (self->part < self->rowids->len)
    {
      if (self->blob == NULL)
        {
          rc = sqlite3_blob_open (db, "main", "blob_part", "data",
                                  g_array_index (self->rowids, gint64, self->part), 0,
                                  &self->blob);
          if (rc != SQLITE_OK)
            {
              g_clear_pointer (&self->blob, sqlite3_blob_close);
              verkan_sql_set_error (error, db);
              return -1;
            }
          self->offset = 0;
        }
      length = sqlite3_blob_bytes (self->blob);
      if (self->offset < length)
        break;
      g_clear_pointer (&self->blob, sqlite3_blob_close);
      self->part++;
    }
  if (self->part >= self->rowids->len || count == 0)
    return 0;

  n = (int) MIN (count, (gsize) (length - self->offset));
  rc = sqlite3_blob_read (self->blob, buffer, n, self->offset);
  if (rc != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return -1;
    }
  self->offset += n;
  return n;
}

static gboolean
verkan_blob_stream_close (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  VerkanBlobStream *self = VERKAN_BLOB_STREAM (stream);

  g_clear_pointer (&self->blob, sqlite3_blob_close);
  return TRUE;
}

static void
verkan_blob_stream_class_init (VerkanBlobStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = verkan_blob_stream_finalize;
  stream_class->read_fn = verkan_blob_stream_read;
  stream_class->close_fn = verkan_blob_stream_close;
}

static void
verkan_blob_stream_init (VerkanBlobStream *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GInputStream *
verkan_blob_stream_new (VerkanProject *project, const char *hash, GError **error)
{
  g_autoptr(VerkanBlobStream) self = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean complete = FALSE;
  int rc;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (hash != NULL, NULL);

  db = verkan_project_get_db (project);
  self = g_object_new (VERKAN_TYPE_BLOB_STREAM, NULL);
  self->project = g_object_ref (project);

  if (sqlite3_prepare_v2 (db, "SELECT size, complete FROM blob WHERE hash = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->size = sqlite3_column_int64 (stmt, 0);
      complete = sqlite3_column_int (stmt, 1) == 1;
    }
  sqlite3_finalize (stmt);
  if (!complete)
    {
      g_set_error_literal (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                           _("The document’s contents are missing from the project file."));
      return NULL;
    }

  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM blob_part WHERE hash = ?1 ORDER BY part",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (self->rowids, rowid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  return G_INPUT_STREAM (g_steal_pointer (&self));
}

guint64
verkan_blob_stream_get_size (VerkanBlobStream *self)
{
  g_return_val_if_fail (VERKAN_IS_BLOB_STREAM (self), 0);
  return self->size;
}
