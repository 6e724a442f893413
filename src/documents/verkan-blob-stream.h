/* verkan-blob-stream.h: a GInputStream over a document's stored bytes.
 *
 * Reads the blob_part rows of one hash in order through SQLite's
 * incremental blob I/O, so a large document is never whole in memory.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_BLOB_STREAM (verkan_blob_stream_get_type ())
G_DECLARE_FINAL_TYPE (VerkanBlobStream, verkan_blob_stream, VERKAN, BLOB_STREAM, GInputStream)

/* NULL with VERKAN_DOCUMENT_ERROR_NOT_FOUND when the bytes are missing */
GInputStream *verkan_blob_stream_new      (VerkanProject     *project,
                                           const char        *hash,
                                           GError           **error);
guint64       verkan_blob_stream_get_size (VerkanBlobStream  *self);

G_END_DECLS
