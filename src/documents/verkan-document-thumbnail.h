/* verkan-document-thumbnail.h: a small picture of a stored document.
 *
 * The first page of a PDF (poppler), the image itself for PNG, JPEG and
 * the other formats gdk-pixbuf reads; NULL for everything else (the UI
 * shows an icon by MIME type).  The bytes are read on a read-only SQLite
 * connection of the thumbnailer's own, so it runs in a worker thread
 * while the window goes on; the caller keeps the results (by hash).
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads stored bytes by content hash from the project file at
 * @project_path, on a connection of its own (any thread).  Files larger
 * than @max_bytes are not read (NULL, no error). */
GBytes          *verkan_document_read_bytes       (const char    *project_path,
                                                   const char    *hash,
                                                   guint64        max_bytes,
                                                   GCancellable  *cancellable,
                                                   GError       **error);

/* A thumbnail at most @max_size pixels on its longer side, white behind a
 * PDF page; NULL (no error) when the type has none, NULL with an error
 * when the bytes cannot be read as their type.  Any thread. */
cairo_surface_t *verkan_document_thumbnail_render (const char    *project_path,
                                                   const char    *hash,
                                                   const char    *mime_type,
                                                   int            max_size,
                                                   GCancellable  *cancellable,
                                                   GError       **error);

/* The same from bytes in memory (tests, the report's image appendices) */
cairo_surface_t *verkan_document_thumbnail_from_bytes (GBytes     *bytes,
                                                       const char *mime_type,
                                                       int         max_size,
                                                       GError    **error);

/* Added by the thumbnail's owner: what the text extraction found for
 * @hash (blob_text), read the same way: the number of pages (0 when not
 * paged) and the status "ok", "no-text" or "unreadable".  FALSE when
 * nothing is stored for it. */
gboolean         verkan_document_read_text_info (const char  *project_path,
                                                 const char  *hash,
                                                 guint       *n_pages,
                                                 char       **status,
                                                 GError     **error);

G_END_DECLS
