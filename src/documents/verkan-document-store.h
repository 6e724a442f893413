/* verkan-document-store.h: documents kept inside the project file.
 *
 * Adding a file streams it in chunks (64 KiB reads) into blob_part rows
 * through SQLite's incremental blob I/O while hashing it with SHA-256, so
 * memory stays flat whatever the file's size; the same bytes added twice
 * are stored once.  The text is extracted (verkan-text-extract.h) and kept
 * per hash in blob_text.  The document row itself is then inserted by one
 * command, so adding and removing are undoable like every edit.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_DOCUMENT_ERROR (verkan_document_error_quark ())
typedef enum {
  VERKAN_DOCUMENT_ERROR_EMPTY,      /* an empty file is refused */
  VERKAN_DOCUMENT_ERROR_TOO_LARGE,  /* over the size limit */
  VERKAN_DOCUMENT_ERROR_READ,       /* the file could not be read */
  VERKAN_DOCUMENT_ERROR_DISK_FULL,  /* the disk filled; nothing was kept */
  VERKAN_DOCUMENT_ERROR_NOT_FOUND,  /* no such document */
  VERKAN_DOCUMENT_ERROR_WRITE,      /* writing a copy out failed */
  VERKAN_DOCUMENT_ERROR_READ_ONLY,
} VerkanDocumentError;
GQuark verkan_document_error_quark (void);

/* 1 GiB: the default of GSettings "document-size-limit" */
#define VERKAN_DOCUMENT_DEFAULT_SIZE_LIMIT (G_GINT64_CONSTANT (1) << 30)

/* Kinds as stored; verkan_document_kind_label () gives the Swedish word */
extern const char *const verkan_document_kinds[];   /* NULL-terminated */
const char *verkan_document_kind_label (const char *kind);

typedef struct {
  const char *title;          /* NULL: the PDF's own title, else the file name */
  const char *kind;           /* NULL: "other" */
  const char *municipality;   /* NULL: none */
  const char *date;           /* NULL: none */
  const char *author;         /* NULL: the PDF's author when it has one */
  int         appendix;       /* > 0: make it appendix number N (inserted there) */
} VerkanDocumentAdd;

/* Called from the worker thread's caller context: bytes done of total */
typedef void (*VerkanDocumentProgress) (guint64     done,
                                        guint64     total,
                                        const char *file_name,
                                        gpointer    user_data);

/* Adds one file: streams and hashes it, extracts its text (a PDF poppler
 * cannot read is still stored, its text status "unreadable", "förhandsvisning
 * saknas" in the UI), then inserts the document row as one undoable command
 * "Add document" (with its appendix row when asked).  Refuses an empty
 * file, and a file over @size_limit (0: the default).  A file name that is
 * not UTF-8 is stored converted (g_filename_display_name).  When the disk
 * fills, the transaction rolls back and nothing is kept.  Returns the new
 * document id, 0 on error.  Blocking: the GUI calls the async form. */
gint64   verkan_document_store_add          (VerkanProject              *project,
                                             const char                 *path,
                                             const VerkanDocumentAdd    *options,
                                             gint64                      size_limit,
                                             GCancellable               *cancellable,
                                             VerkanDocumentProgress      progress,
                                             gpointer                    progress_data,
                                             GError                    **error);

/* Several files in a worker thread (bytes and text on a connection of its
 * own, the document rows on the project's in the main context, all the
 * files' rows in ONE undo step "Add N documents"); progress on the
 * caller's main context.  Returns a GArray of gint64 ids. */
void     verkan_document_store_add_async    (VerkanProject              *project,
                                             const char *const          *paths,
                                             gint64                      size_limit,
                                             GCancellable               *cancellable,
                                             VerkanDocumentProgress      progress,
                                             gpointer                    progress_data,
                                             GAsyncReadyCallback         callback,
                                             gpointer                    user_data);
GArray  *verkan_document_store_add_finish   (VerkanProject              *project,
                                             GAsyncResult               *result,
                                             GError                    **error);

/* Writes the stored bytes of a document to @path, byte-identical, through
 * a temporary file renamed into place */
gboolean verkan_document_store_extract      (VerkanProject  *project,
                                             gint64          document_id,
                                             const char     *path,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* A stream over the stored bytes (reads the parts as it goes) */
GInputStream *verkan_document_store_open    (VerkanProject  *project,
                                             gint64          document_id,
                                             GError        **error);
/* Removes a document (its evidence links and appendix go with it) as one
 * undoable command; the bytes stay for undo */
gboolean verkan_document_store_remove       (VerkanProject  *project,
                                             gint64          document_id,
                                             GError        **error);
/* For "open with": writes a private read-only temporary copy and returns
 * its path (in g_get_user_runtime_dir ()/verkan, removed at exit) */
char    *verkan_document_store_dup_temp_copy (VerkanProject *project,
                                              gint64         document_id,
                                              GError       **error);

/* Added by the store's owner: helpers the CLI and the GUI share */

/* Parts of at most this many bytes hold a document's bytes */
#define VERKAN_DOCUMENT_PART_SIZE (G_GINT64_CONSTANT (64) << 20)

/* A size for people, in Swedish style: "512 byte", "34,5 kB", "1,2 MB" */
char    *verkan_document_format_size        (guint64        bytes);
/* The stored kind for a kind typed by a person: the stored word
 * ("analysis"), its label in the current language, or the Swedish word
 * ("analysunderlag"); NULL when none matches */
const char *verkan_document_kind_parse      (const char    *text);
/* "ok", "no-text" or "unreadable" for the document's bytes, NULL if unknown */
char    *verkan_document_store_dup_text_status (VerkanProject *project,
                                                gint64         document_id);

G_END_DECLS
