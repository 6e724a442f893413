/* verkan-thumbnail-loader.h: the Dokument page's thumbnails, drawn in
 * worker threads a few at a time and kept by content hash.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_THUMBNAIL_LOADER (verkan_thumbnail_loader_get_type ())
G_DECLARE_FINAL_TYPE (VerkanThumbnailLoader, verkan_thumbnail_loader, VERKAN, THUMBNAIL_LOADER, GObject)

/* Thumbnails of the documents in the project file at @project_path, at
 * most @size pixels on their longer side */
VerkanThumbnailLoader *verkan_thumbnail_loader_new       (const char            *project_path,
                                                          int                    size);
/* The thumbnail of @hash when it is drawn; else NULL, and when @mime_type
 * has a picture at all, the drawing is queued (newest request first) and
 * ::loaded is emitted with @hash when it is done.  @failed is set when
 * the type has no picture or the bytes could not be drawn. */
GdkTexture            *verkan_thumbnail_loader_lookup    (VerkanThumbnailLoader *self,
                                                          const char            *hash,
                                                          const char            *mime_type,
                                                          gboolean              *failed);
/* A row that asked went out of view: a drawing nobody waits for any
 * more and that has not started is dropped */
void                   verkan_thumbnail_loader_release   (VerkanThumbnailLoader *self,
                                                          const char            *hash);
/* Drawings started so far (for the bench) */
guint                  verkan_thumbnail_loader_get_n_started (VerkanThumbnailLoader *self);
/* Stops what runs and forgets what waits */
void                   verkan_thumbnail_loader_cancel    (VerkanThumbnailLoader *self);

G_END_DECLS
