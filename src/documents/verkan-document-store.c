/* verkan-document-store.c: documents kept inside the project file.
 *
 * Adding a file takes one pass over it: 64 KiB reads go into blob_part
 * rows (zeroblobs filled through sqlite3_blob_write) under a temporary
 * key while GChecksum hashes them; at the end the parts are renamed to
 * the SHA-256, or dropped when those bytes are already stored.  Each part
 * is its own transaction, so the window's edits are never kept waiting
 * for a whole large file; when anything fails the parts written so far
 * are removed again, so nothing of a failed add is kept.  The document
 * row is then inserted by one command on the project, in the caller's
 * (main) context, which makes adding and removing undoable.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "verkan-appendix.h"
#include "verkan-blob-stream.h"
#include "verkan-document-store.h"
#include "verkan-format.h"
#include "verkan-sql.h"
#include "verkan-text-extract.h"

#define READ_CHUNK (64 * 1024)
/* bytes between two progress reports */
#define PROGRESS_STEP (4 * 1024 * 1024)
/* what the MIME type is guessed from */
#define HEAD_SIZE 4096

G_DEFINE_QUARK (verkan-document-error-quark, verkan_document_error)

const char *const verkan_document_kinds[] = {
  "policy", "decision", "analysis", "minutes", "survey", "report", "other", NULL
};

static const struct {
  const char *kind;
  const char *label;
  const char *swedish;  /* accepted on the command line whatever the language */
} kind_labels[] = {
  /* Translators: a kind of document: styrdokument */
  { "policy", N_("Policy document"), "styrdokument" },
  /* Translators: a kind of document: beslut */
  { "decision", N_("Decision"), "beslut" },
  /* Translators: a kind of document: analysunderlag */
  { "analysis", N_("Analysis"), "analysunderlag" },
  /* Translators: a kind of document: minnesanteckningar */
  { "minutes", N_("Meeting notes"), "minnesanteckningar" },
  /* Translators: a kind of document: enkät */
  { "survey", N_("Survey"), "enkät" },
  /* Translators: a kind of document: rapport */
  { "report", N_("Report"), "rapport" },
  /* Translators: a kind of document: övrigt */
  { "other", N_("Other"), "övrigt" },
};

const char *
verkan_document_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind, kind_labels[i].kind) == 0)
      return g_dgettext (GETTEXT_PACKAGE, kind_labels[i].label);
  return g_dgettext (GETTEXT_PACKAGE, kind_labels[G_N_ELEMENTS (kind_labels) - 1].label);
}

const char *
verkan_document_kind_parse (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    {
      g_autofree char *label = g_utf8_casefold (verkan_document_kind_label (kind_labels[i].kind), -1);

      if (g_str_equal (folded, kind_labels[i].kind) || g_str_equal (folded, kind_labels[i].swedish) ||
          g_str_equal (folded, label))
        return kind_labels[i].kind;
    }
  return NULL;
}

char *
verkan_document_format_size (guint64 bytes)
{
  static const char *const units[] = { "kB", "MB", "GB", "TB" };
  double value = bytes;
  g_autofree char *number = NULL;
  guint unit = 0;

  if (bytes < 1000)
    /* Translators: a file size below one kilobyte */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", (gulong) bytes),
                            (guint) bytes);
  value /= 1000;
  while (value >= 999.95 && unit + 1 < G_N_ELEMENTS (units))
    {
      value /= 1000;
      unit++;
    }
  number = verkan_format_number (value, value < 100 ? 1 : 0);
  return g_strdup_printf ("%s %s", number, units[unit]);
}

/* --- errors --------------------------------------------------------------- */

static void
set_sql_error (GError **error, sqlite3 *db, const char *display_name)
{
  if ((sqlite3_extended_errcode (db) & 0xff) == SQLITE_FULL)
    g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_DISK_FULL,
                 _("The disk is full, so “%s” was not added. Nothing of it was kept; free "
                   "some space and try again."), display_name);
  else
    verkan_sql_set_error (error, db);
}

static void
set_file_changed (GError **error, const char *display_name)
{
  g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
               _("“%s” changed while it was being added, so it was not added. Try again "
                 "when it is no longer being written."), display_name);
}

/* --- storing the bytes ------------------------------------------------------ */

/* What a worker learns about one file: everything the document row needs
 * from the bytes */
typedef struct {
  char    *hash;
  char    *file_name;   /* UTF-8 */
  char    *mime_type;
  guint64  size;
  char    *title;       /* the document's own, or NULL */
  char    *author;
} Stored;

static void
stored_clear (Stored *stored)
{
  g_clear_pointer (&stored->hash, g_free);
  g_clear_pointer (&stored->file_name, g_free);
  g_clear_pointer (&stored->mime_type, g_free);
  g_clear_pointer (&stored->title, g_free);
  g_clear_pointer (&stored->author, g_free);
}

typedef void (*ProgressFunc) (guint64 done, guint64 total, const char *file_name, gpointer data);

static gboolean
exec_bound (sqlite3 *db, const char *sql, const char *a, const char *b, gint64 n)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (a != NULL)
    sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  if (n >= 0)
    sqlite3_bind_int64 (stmt, 3, n);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

/* Best effort, after a failure: the parts of an incomplete blob go again */
static void
remove_incomplete (sqlite3 *db, const char *hash)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return;
  if (exec_bound (db, "DELETE FROM blob_part WHERE hash = ?1 AND "
                  "(SELECT complete FROM blob WHERE hash = ?1) = 0", hash, NULL, -1) &&
      exec_bound (db, "DELETE FROM blob WHERE hash = ?1 AND complete = 0", hash, NULL, -1) &&
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Reads exactly @length bytes, or says the file changed */
static gboolean
read_exactly (int fd, guchar *buffer, gsize length, const char *display_name, GError **error)
{
  gsize got = 0;

  while (got < length)
    {
      gssize n = read (fd, buffer + got, length - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                       _("“%s” could not be read: %s"), display_name, g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        {
          set_file_changed (error, display_name);
          return FALSE;
        }
      got += n;
    }
  return TRUE;
}

typedef struct {
  ProgressFunc  func;
  gpointer      data;
  const char   *display_name;
  guint64       size;
} Progress;

/* Two passes over the file report as one: the hashing is the first half */
static void
report (Progress *progress, guint64 done_before, gsize n, gboolean second_pass)
{
  guint64 done = done_before + n;

  if (progress->func == NULL || done / PROGRESS_STEP == done_before / PROGRESS_STEP)
    return;
  progress->func (done / 2 + (second_pass ? progress->size / 2 : 0), progress->size,
                  progress->display_name, progress->data);
}

/* One part: a zeroblob of its length, filled from @fd 64 KiB at a time
 * through incremental blob I/O, so the part never sits in memory */
static gboolean
write_part (sqlite3 *db, int fd, const char *hash, guint part, gint64 length,
            GChecksum *checksum, guchar *buffer, guint64 *done, Progress *progress,
            GCancellable *cancellable, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_blob *blob = NULL;
  gint64 offset = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT INTO blob_part (hash, part, data) VALUES (?1, ?2, zeroblob(?3))",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, progress->display_name);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, part);
  sqlite3_bind_int64 (stmt, 3, length);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE ||
      sqlite3_blob_open (db, "main", "blob_part", "data", sqlite3_last_insert_rowid (db), 1,
                         &blob) != SQLITE_OK)
    {
      set_sql_error (error, db, progress->display_name);
      sqlite3_blob_close (blob);
      return FALSE;
    }

  while (offset < length)
    {
      gsize n = MIN (READ_CHUNK, length - offset);

      if (!read_exactly (fd, buffer, n, progress->display_name, error))
        {
          sqlite3_blob_close (blob);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, n);
      if (sqlite3_blob_write (blob, buffer, (int) n, (int) offset) != SQLITE_OK)
        {
          set_sql_error (error, db, progress->display_name);
          sqlite3_blob_close (blob);
          return FALSE;
        }
      report (progress, *done + offset, n, TRUE);
      offset += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_blob_close (blob);
          return FALSE;
        }
    }
  *done += length;
  if (sqlite3_blob_close (blob) != SQLITE_OK)
    {
      set_sql_error (error, db, progress->display_name);
      return FALSE;
    }
  return TRUE;
}

/* 1 when the bytes of @hash are stored complete, 0 when they are to be
 * written now (an incomplete leftover of an add that died is cleared), -1
 * on error */
static int
begin_blob (sqlite3 *db, const char *hash, guint64 size, guint n_parts,
            const char *display_name, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int existing = -1;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT complete FROM blob WHERE hash = ?1", -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (existing == 1)
    {
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      return 1;
    }
  if ((existing == 0 &&
       (!exec_bound (db, "DELETE FROM blob_text WHERE hash = ?1", hash, NULL, -1) ||
        !exec_bound (db, "DELETE FROM blob_part WHERE hash = ?1", hash, NULL, -1) ||
        !exec_bound (db, "DELETE FROM blob WHERE hash = ?1", hash, NULL, -1))) ||
      sqlite3_prepare_v2 (db, "INSERT INTO blob (hash, size, n_parts, complete) VALUES (?1, ?2, ?3, 0)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_int (stmt, 3, n_parts);
  existing = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (existing != SQLITE_DONE || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;
  return 0;

failed:
  set_sql_error (error, db, display_name);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

static char *
guess_mime (const char *file_name, const guchar *head, gsize head_length)
{
  g_autofree char *content_type = NULL;
  char *mime = verkan_text_extract_guess_mime (file_name, head, head_length);

  if (mime != NULL)
    return mime;
  content_type = g_content_type_guess (file_name, head, head_length, NULL);
  mime = g_content_type_get_mime_type (content_type);
  return mime != NULL ? mime : g_strdup ("application/octet-stream");
}

/* The text of the bytes, once per hash; the title and author kept with it */
static gboolean
store_text (sqlite3 *db, const char *path, Stored *stored, GCancellable *cancellable, GError **error)
{
  g_autoptr(VerkanExtractedText) extracted = NULL;
  g_autoptr(GError) extract_error = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *status = "ok";
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT title, author FROM blob_text WHERE hash = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, stored->file_name);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, stored->hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      stored->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      stored->author = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);

  extracted = verkan_text_extract_file (path, stored->mime_type, cancellable, &extract_error);
  if (g_error_matches (extract_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&extract_error));
      return FALSE;
    }
  if (extracted == NULL)
    status = g_error_matches (extract_error, VERKAN_TEXT_EXTRACT_ERROR,
                              VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE) ? "unreadable" : "no-text";
  else if (extracted->text == NULL || *extracted->text == '\0')
    status = "no-text";

  if (extracted != NULL)
    {
      stored->title = g_strdup (extracted->title);
      stored->author = g_strdup (extracted->author);
    }

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO blob_text (hash, text, n_pages, title, author, status) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (error, db, stored->file_name);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, stored->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, extracted && extracted->text ? extracted->text : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, extracted ? extracted->n_pages : 0);
  if (stored->title != NULL)
    sqlite3_bind_text (stmt, 4, stored->title, -1, SQLITE_STATIC);
  if (stored->author != NULL)
    sqlite3_bind_text (stmt, 5, stored->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (error, db, stored->file_name);
      return FALSE;
    }
  return TRUE;
}

/* Streams @path into the blob tables of @db and extracts its text.  The
 * first pass hashes (and finds the bytes perhaps stored already), the
 * second writes and hashes again, so a file that changed in between is
 * noticed; memory stays at one 64 KiB buffer either way. */
static gboolean
store_file (sqlite3 *db, const char *path, gint64 size_limit, GCancellable *cancellable,
            ProgressFunc progress_func, gpointer progress_data, Stored *stored, GError **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) again = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = NULL;
  g_autofree char *hash = NULL;
  guchar head[HEAD_SIZE];
  gsize head_length = 0;
  guint64 done = 0;
  Progress progress = { progress_func, progress_data, NULL, 0 };
  gboolean writing = FALSE;
  guint n_parts;
  struct stat st;
  int fd;

  progress.display_name = display_name;
  if (size_limit <= 0)
    size_limit = VERKAN_DOCUMENT_DEFAULT_SIZE_LIMIT;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   _("“%s” could not be read: %s"), display_name, g_strerror (saved_errno));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                   _("“%s” is not a file, so it cannot be added as a document."), display_name);
      close (fd);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_EMPTY,
                   _("“%s” is empty, so it was not added."), display_name);
      close (fd);
      return FALSE;
    }
  if (st.st_size > size_limit)
    {
      g_autofree char *size = verkan_document_format_size (st.st_size);
      g_autofree char *limit = verkan_document_format_size (size_limit);

      /* Translators: the file name, its size and the largest size allowed */
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_TOO_LARGE,
                   _("“%s” is %s, more than the %s a document may be, so it was not added. "
                     "The limit can be changed in the preferences."),
                   display_name, size, limit);
      close (fd);
      return FALSE;
    }

  buffer = g_malloc (READ_CHUNK);
  progress.size = st.st_size;
  n_parts = (st.st_size + VERKAN_DOCUMENT_PART_SIZE - 1) / VERKAN_DOCUMENT_PART_SIZE;
  if (progress.func != NULL)
    progress.func (0, st.st_size, display_name, progress_data);

  /* first pass: the hash, and the head the MIME type is guessed from */
  while (done < (guint64) st.st_size)
    {
      gsize n = MIN (READ_CHUNK, (guint64) st.st_size - done);

      if (!read_exactly (fd, buffer, n, display_name, error))
        goto failed;
      if (head_length < HEAD_SIZE)
        {
          gsize take = MIN (n, HEAD_SIZE - head_length);
          memcpy (head + head_length, buffer, take);
          head_length += take;
        }
      g_checksum_update (checksum, buffer, n);
      report (&progress, done, n, FALSE);
      done += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
    }
  hash = g_strdup (g_checksum_get_string (checksum));

  switch (begin_blob (db, hash, st.st_size, n_parts, display_name, error))
    {
    case 1:   /* the same bytes are stored already */
      break;
    case 0:
      writing = TRUE;
      if (lseek (fd, 0, SEEK_SET) != 0)
        {
          g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ,
                       _("“%s” could not be read: %s"), display_name, g_strerror (errno));
          goto failed;
        }
      done = 0;
      for (guint part = 0; part < n_parts; part++)
        {
          gint64 length = MIN (VERKAN_DOCUMENT_PART_SIZE, st.st_size - (gint64) done);

          /* each part its own transaction: the window may write in between */
          if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            {
              set_sql_error (error, db, display_name);
              goto failed;
            }
          if (!write_part (db, fd, hash, part, length, again, buffer, &done, &progress,
                           cancellable, error))
            goto failed;
          if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            {
              set_sql_error (error, db, display_name);
              goto failed;
            }
        }
      /* a file that changed while it was read is not the file we hashed */
      if (read (fd, buffer, 1) != 0 || !g_str_equal (g_checksum_get_string (again), hash))
        {
          set_file_changed (error, display_name);
          goto failed;
        }
      if (!exec_bound (db, "UPDATE blob SET complete = 1 WHERE hash = ?1", hash, NULL, -1))
        {
          set_sql_error (error, db, display_name);
          goto failed;
        }
      writing = FALSE;
      break;
    default:
      goto failed;
    }
  close (fd);
  fd = -1;

  stored->hash = g_steal_pointer (&hash);
  stored->size = st.st_size;
  stored->mime_type = guess_mime (display_name, head, head_length);
  stored->file_name = g_steal_pointer (&display_name);
  if (progress.func != NULL)
    progress.func (stored->size, stored->size, stored->file_name, progress_data);
  if (!store_text (db, path, stored, cancellable, error))
    {
      stored_clear (stored);
      return FALSE;
    }
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  if (writing)
    remove_incomplete (db, hash);
  else if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* --- the rows --------------------------------------------------------------- */

static char *
title_from_file_name (const char *file_name)
{
  const char *dot = strrchr (file_name, '.');

  if (dot != NULL && dot != file_name)
    return g_strndup (file_name, dot - file_name);
  return g_strdup (file_name);
}

static gint64
next_document_id (VerkanProject *project)
{
  sqlite3 *db = verkan_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 1;

  if (sqlite3_prepare_v2 (db, "SELECT COALESCE(MAX(id), 0) + 1 FROM document", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* A document row with an id chosen here, so that an appendix row in the
 * same command can point at it */
static GVariant *
document_row (gint64 id, const Stored *stored, const VerkanDocumentAdd *options)
{
  GVariantDict row;
  g_autofree char *fallback = title_from_file_name (stored->file_name);
  const char *title = fallback;
  const char *author = stored->author;

  if (stored->title != NULL && *stored->title != '\0')
    title = stored->title;
  if (options != NULL && options->title != NULL && *options->title != '\0')
    title = options->title;
  if (options != NULL && options->author != NULL)
    author = options->author;

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "id", "x", id);
  g_variant_dict_insert (&row, "hash", "s", stored->hash);
  g_variant_dict_insert (&row, "file_name", "s", stored->file_name);
  g_variant_dict_insert (&row, "mime_type", "s", stored->mime_type);
  g_variant_dict_insert (&row, "size", "x", (gint64) stored->size);
  g_variant_dict_insert (&row, "title", "s", title);
  g_variant_dict_insert (&row, "kind", "s", options && options->kind ? options->kind : "other");
  if (options != NULL && options->municipality != NULL)
    g_variant_dict_insert (&row, "municipality", "s", options->municipality);
  if (options != NULL && options->date != NULL)
    g_variant_dict_insert (&row, "date", "s", options->date);
  if (author != NULL)
    g_variant_dict_insert (&row, "author", "s", author);
  return g_variant_dict_end (&row);
}

/* Appendix number @number (1-based) for the document: the ones from that
 * number on move one down (verkan-appendix.c keeps the numbering) */
static gboolean
add_appendix (VerkanProject *project, VerkanCommand *command, gint64 document_id,
              GVariant *document, int number, GError **error)
{
  const char *title = NULL, *date = NULL;

  g_variant_lookup (document, "title", "&s", &title);
  g_variant_lookup (document, "date", "&s", &date);
  return verkan_appendix_add_to_command (project, command, document_id, 0, title, date,
                                         (guint) number, error);
}

static gboolean
check_options (const VerkanDocumentAdd *options, GError **error)
{
  if (options == NULL)
    return TRUE;
  if (options->kind != NULL && !g_strv_contains (verkan_document_kinds, options->kind))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("“%s” is not a kind of document."), options->kind);
      return FALSE;
    }
  if (options->date != NULL && !verkan_date_is_valid (options->date))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2022-06-23."), options->date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_writable (VerkanProject *project, GError **error)
{
  if (verkan_project_get_read_only (project) || verkan_project_get_db (project) == NULL)
    {
      g_set_error_literal (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ_ONLY,
                           _("The project is open read-only, so no document can be added."));
      return FALSE;
    }
  return TRUE;
}

gint64
verkan_document_store_add (VerkanProject *project, const char *path,
                           const VerkanDocumentAdd *options, gint64 size_limit,
                           GCancellable *cancellable, VerkanDocumentProgress progress,
                           gpointer progress_data, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) row = NULL;
  Stored stored = { NULL, };
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!check_writable (project, error) || !check_options (options, error))
    return 0;
  if (!store_file (verkan_project_get_db (project), path, size_limit, cancellable,
                   (ProgressFunc) progress, progress_data, &stored, error))
    return 0;

  command = verkan_command_new (_("Add document"));
  id = next_document_id (project);
  row = g_variant_ref_sink (document_row (id, &stored, options));
  verkan_command_insert (command, "document", row);
  ok = options == NULL || options->appendix <= 0 ||
       add_appendix (project, command, id, row, options->appendix, error);
  stored_clear (&stored);
  if (!ok || !verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

/* --- several files, in a worker ------------------------------------------- */

typedef struct {
  VerkanProject          *project;
  char                   *project_path;
  GStrv                   paths;
  gint64                  size_limit;
  GMainContext           *context;
  VerkanDocumentProgress  progress;
  gpointer                progress_data;
  GArray                 *stored;    /* of Stored */
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_object_unref (job->project);
  g_free (job->project_path);
  g_strfreev (job->paths);
  g_main_context_unref (job->context);
  g_array_unref (job->stored);
  g_free (job);
}

typedef struct {
  AddJob  *job;
  guint64  done;
  guint64  total;
  char    *file_name;
} ProgressReport;

static gboolean
report_progress (gpointer data)
{
  ProgressReport *report = data;

  report->job->progress (report->done, report->total, report->file_name, report->job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_free (report->file_name);
  g_free (report);
}

/* In the worker: hand the figures to the caller's context */
static void
post_progress (guint64 done, guint64 total, const char *file_name, gpointer data)
{
  AddJob *job = data;
  ProgressReport *report = g_new0 (ProgressReport, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  report->job = job;
  report->done = done;
  report->total = total;
  report->file_name = g_strdup (file_name);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_progress, report, progress_report_free);
  g_source_attach (source, job->context);
}

static sqlite3 *
open_worker_db (const char *path, GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
                       SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      sqlite3_close (db);
      return NULL;
    }
  /* the window may be writing: wait for it rather than fail */
  sqlite3_busy_timeout (db, 5000);
  if (!verkan_sql_exec (db, "PRAGMA synchronous = FULL", error) ||
      !verkan_sql_exec (db, "PRAGMA foreign_keys = ON", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static void
add_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  AddJob *job = task_data;
  GError *error = NULL;
  sqlite3 *db = open_worker_db (job->project_path, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      Stored stored = { NULL, };

      if (!store_file (db, job->paths[i], job->size_limit, cancellable,
                       job->progress ? post_progress : NULL, job, &stored, &error))
        {
          sqlite3_close (db);
          g_task_return_error (task, error);
          return;
        }
      g_array_append_val (job->stored, stored);
    }
  sqlite3_close (db);
  g_task_return_boolean (task, TRUE);
}

/* Back in the caller's context: all the rows in one command */
static void
add_thread_done (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) outer = user_data;
  AddJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  gint64 id;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  {
    /* Translators: the undo label of adding several documents at once */
    g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add %u document",
                                                           "Add %u documents", job->stored->len),
                                              job->stored->len);
    command = verkan_command_new (label);
  }

  id = next_document_id (job->project);
  for (guint i = 0; i < job->stored->len; i++)
    verkan_command_insert (command, "document",
                           document_row (id + i, &g_array_index (job->stored, Stored, i), NULL));
  if (!verkan_project_execute (job->project, command, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < job->stored->len; i++)
    {
      gint64 inserted = verkan_command_get_inserted_id (command, i);
      g_array_append_val (ids, inserted);
    }
  g_task_return_pointer (outer, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

void
verkan_document_store_add_async (VerkanProject *project, const char *const *paths,
                                 gint64 size_limit, GCancellable *cancellable,
                                 VerkanDocumentProgress progress, gpointer progress_data,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  AddJob *job;

  g_return_if_fail (VERKAN_IS_PROJECT (project));
  g_return_if_fail (paths != NULL);

  outer = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (outer, verkan_document_store_add_async);
  /* once the rows are in, they are in: report that, not a late cancel */
  g_task_set_check_cancellable (outer, FALSE);
  if (!check_writable (project, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  job = g_new0 (AddJob, 1);
  job->project = g_object_ref (project);
  job->project_path = g_strdup (verkan_project_get_path (project));
  job->paths = g_strdupv ((char **) paths);
  job->size_limit = size_limit;
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  job->stored = g_array_new (FALSE, TRUE, sizeof (Stored));
  g_array_set_clear_func (job->stored, (GDestroyNotify) stored_clear);

  inner = g_task_new (project, cancellable, add_thread_done, g_object_ref (outer));
  g_task_set_source_tag (inner, verkan_document_store_add_async);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (inner, add_thread);
}

GArray *
verkan_document_store_add_finish (VerkanProject *project, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- reading and removing ---------------------------------------------------- */

static GVariant *
get_document (VerkanProject *project, gint64 document_id, GError **error)
{
  GVariant *row = verkan_project_get_row (project, "document", document_id, NULL);

  if (row == NULL)
    g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                 _("There is no document %lld in the project."), (long long) document_id);
  return row;
}

GInputStream *
verkan_document_store_open (VerkanProject *project, gint64 document_id, GError **error)
{
  g_autoptr(GVariant) row = NULL;
  const char *hash = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  row = get_document (project, document_id, error);
  if (row == NULL)
    return NULL;
  g_variant_lookup (row, "hash", "&s", &hash);
  return verkan_blob_stream_new (project, hash, error);
}

gboolean
verkan_document_store_extract (VerkanProject *project, gint64 document_id, const char *path,
                               GCancellable *cancellable, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *display_name = g_filename_display_name (path);
  g_autofree char *template = g_strconcat (path, ".XXXXXX", NULL);
  g_autofree guchar *buffer = NULL;
  GError *local_error = NULL;
  guint64 written = 0;
  int fd;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stream = verkan_document_store_open (project, document_id, error);
  if (stream == NULL)
    return FALSE;

  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_WRITE,
                   _("“%s” could not be written: %s"), display_name, g_strerror (errno));
      return FALSE;
    }
  /* mkstemp makes it private; a saved document is an ordinary file */
  fchmod (fd, 0644);

  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, READ_CHUNK, cancellable, &local_error);
      gssize off = 0;

      if (n < 0)
        goto failed;
      if (n == 0)
        break;
      while (off < n)
        {
          gssize w = write (fd, buffer + off, n - off);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              g_set_error (&local_error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_WRITE,
                           _("“%s” could not be written: %s"), display_name, g_strerror (errno));
              goto failed;
            }
          off += w;
        }
      written += n;
    }
  if (written != verkan_blob_stream_get_size (VERKAN_BLOB_STREAM (stream)))
    {
      g_set_error_literal (&local_error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND,
                           _("The document’s contents in the project file are incomplete."));
      goto failed;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      fd = -1;
      g_set_error (&local_error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_WRITE,
                   _("“%s” could not be written: %s"), display_name, g_strerror (errno));
      goto failed;
    }
  fd = -1;
  if (g_rename (template, path) != 0)
    {
      g_set_error (&local_error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_WRITE,
                   _("“%s” could not be written: %s"), display_name, g_strerror (errno));
      goto failed;
    }
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (template);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
verkan_document_store_remove (VerkanProject *project, gint64 document_id, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) row = NULL;
  gint64 appendix;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  row = get_document (project, document_id, error);
  if (row == NULL)
    return FALSE;
  command = verkan_command_new (_("Remove document"));
  /* its evidence links and appendix go first, with the row */
  verkan_command_delete (command, "document", document_id);
  /* the appendices after it close up, so the numbers stay 1, 2, 3… */
  appendix = verkan_appendix_find_document (project, document_id);
  if (appendix != 0 && !verkan_appendix_close_up_in_command (project, command, appendix, error))
    return FALSE;
  return verkan_project_execute (project, command, error);
}

/* --- temporary copies ------------------------------------------------------- */

G_LOCK_DEFINE_STATIC (temp_copies);
static GPtrArray *temp_copies;

static void
remove_temp_copies (void)
{
  G_LOCK (temp_copies);
  for (guint i = 0; temp_copies != NULL && i < temp_copies->len; i++)
    {
      const char *path = g_ptr_array_index (temp_copies, i);
      g_autofree char *folder = g_path_get_dirname (path);

      g_unlink (path);
      g_rmdir (folder);
    }
  g_clear_pointer (&temp_copies, g_ptr_array_unref);
  G_UNLOCK (temp_copies);
}

char *
verkan_document_store_dup_temp_copy (VerkanProject *project, gint64 document_id, GError **error)
{
  g_autoptr(GVariant) row = NULL;
  g_autofree char *base = g_build_filename (g_get_user_runtime_dir (), "verkan", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const char *file_name = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  row = get_document (project, document_id, error);
  if (row == NULL)
    return NULL;
  g_variant_lookup (row, "file_name", "&s", &file_name);

  /* a folder of its own keeps the file's own name, which the opening
   * application shows */
  folder = g_build_filename (base, "XXXXXX", NULL);
  if (g_mkdir_with_parents (base, 0700) != 0 || g_mkdtemp_full (folder, 0700) == NULL)
    {
      g_set_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_WRITE,
                   _("A temporary copy could not be made: %s"), g_strerror (errno));
      return NULL;
    }
  name = g_strdelimit (g_strdup (file_name && *file_name ? file_name : "document"), "/", '_');
  path = g_build_filename (folder, name, NULL);
  if (!verkan_document_store_extract (project, document_id, path, NULL, error))
    {
      g_rmdir (folder);
      return NULL;
    }
  g_chmod (path, 0400);

  G_LOCK (temp_copies);
  if (temp_copies == NULL)
    {
      temp_copies = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_temp_copies);
    }
  g_ptr_array_add (temp_copies, g_strdup (path));
  G_UNLOCK (temp_copies);
  return g_steal_pointer (&path);
}

char *
verkan_document_store_dup_text_status (VerkanProject *project, gint64 document_id)
{
  sqlite3 *db = verkan_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  char *status = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT t.status FROM document AS d JOIN blob_text AS t "
                          "ON t.hash = d.hash WHERE d.id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return status;
}
