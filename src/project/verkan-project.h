/* verkan-project.h: one open .verkan file, its edits and their history */
#pragma once

#include <gio/gio.h>
#include "verkan-command.h"

G_BEGIN_DECLS

#define VERKAN_PROJECT_ERROR (verkan_project_error_quark ())

typedef enum {
  VERKAN_PROJECT_ERROR_NOT_FOUND,     /* no such file */
  VERKAN_PROJECT_ERROR_NOT_A_PROJECT, /* not SQLite, or SQLite but not Verkan's */
  VERKAN_PROJECT_ERROR_CORRUPT,       /* truncated or damaged */
  VERKAN_PROJECT_ERROR_TOO_NEW,       /* written by a newer Verkan */
  VERKAN_PROJECT_ERROR_READ_ONLY,     /* an edit on a project opened read-only */
  VERKAN_PROJECT_ERROR_EXISTS,        /* create() on a path that exists */
  VERKAN_PROJECT_ERROR_INVALID,       /* a value the schema does not accept */
  VERKAN_PROJECT_ERROR_IO,            /* the disk said no */
  VERKAN_PROJECT_ERROR_NOTHING_TO_UNDO,
  VERKAN_PROJECT_ERROR_FAILED,
} VerkanProjectError;

typedef enum {
  VERKAN_READ_ONLY_NONE,
  VERKAN_READ_ONLY_LOCKED,     /* another Verkan has the file open */
  VERKAN_READ_ONLY_PERMISSION, /* the file or its folder is not writable */
  VERKAN_READ_ONLY_REQUESTED,  /* the caller asked for it */
} VerkanReadOnlyReason;

typedef enum {
  VERKAN_OPEN_FLAGS_NONE      = 0,
  VERKAN_OPEN_FLAGS_READ_ONLY = 1 << 0,
} VerkanOpenFlags;

#define VERKAN_TYPE_PROJECT (verkan_project_get_type ())
G_DECLARE_FINAL_TYPE (VerkanProject, verkan_project, VERKAN, PROJECT, GObject)

GQuark                verkan_project_error_quark          (void);

VerkanProject        *verkan_project_open                 (const char      *path,
                                                           VerkanOpenFlags  flags,
                                                           GError         **error);
VerkanProject        *verkan_project_create               (const char      *path,
                                                           const char      *title,
                                                           GError         **error);
void                  verkan_project_close                (VerkanProject   *self);

const char           *verkan_project_get_path             (VerkanProject   *self);
gboolean              verkan_project_get_read_only        (VerkanProject   *self);
VerkanReadOnlyReason  verkan_project_get_read_only_reason (VerkanProject   *self);
int                   verkan_project_get_schema_version   (VerkanProject   *self);
char                 *verkan_project_dup_title            (VerkanProject   *self);

/* Every edit goes through here: one transaction, one undo step. */
gboolean              verkan_project_execute              (VerkanProject   *self,
                                                           VerkanCommand   *command,
                                                           GError         **error);
gboolean              verkan_project_undo                 (VerkanProject   *self,
                                                           GError         **error);
gboolean              verkan_project_redo                 (VerkanProject   *self,
                                                           GError         **error);
gboolean              verkan_project_get_can_undo         (VerkanProject   *self);
gboolean              verkan_project_get_can_redo         (VerkanProject   *self);
const char           *verkan_project_get_undo_label       (VerkanProject   *self);
const char           *verkan_project_get_redo_label       (VerkanProject   *self);

/* Shorthands that build and execute a one-step command.  A value of NULL
 * stores SQL NULL.  Consecutive set_value() calls on the same field within
 * a short time merge into one undo step, so typing undoes as a whole. */
gboolean              verkan_project_set_value            (VerkanProject   *self,
                                                           const char      *table,
                                                           gint64           id,
                                                           const char      *column,
                                                           GVariant        *value,
                                                           GError         **error);
gint64                verkan_project_insert               (VerkanProject   *self,
                                                           const char      *table,
                                                           GVariant        *row,
                                                           GError         **error);
gboolean              verkan_project_delete               (VerkanProject   *self,
                                                           const char      *table,
                                                           gint64           id,
                                                           GError         **error);
gboolean              verkan_project_move                 (VerkanProject   *self,
                                                           const char      *table,
                                                           gint64           id,
                                                           guint            new_index,
                                                           GError         **error);

/* Reading */
GVariant             *verkan_project_get_row              (VerkanProject   *self,
                                                           const char      *table,
                                                           gint64           id,
                                                           GError         **error);
GPtrArray            *verkan_project_list_rows            (VerkanProject   *self,
                                                           const char      *table,
                                                           const char      *filter_column,
                                                           GVariant        *filter_value,
                                                           GError         **error);
gint64                verkan_project_count                (VerkanProject   *self,
                                                           const char      *table);

/* SQLite's backup API, from a connection of its own, so the copy may run
 * in a worker thread while the window goes on; dest must not be the project. */
gboolean              verkan_project_save_copy            (VerkanProject   *self,
                                                           const char      *dest_path,
                                                           GError         **error);
void                  verkan_project_save_copy_async      (VerkanProject       *self,
                                                           const char          *dest_path,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean              verkan_project_save_copy_finish     (VerkanProject   *self,
                                                           GAsyncResult    *result,
                                                           GError         **error);

/* For core modules only: the connection, and a way to tell listeners that
 * a table changed outside execute() (imports that build a new file). */
struct sqlite3       *verkan_project_get_db               (VerkanProject   *self);
void                  verkan_project_emit_changed         (VerkanProject   *self,
                                                           const char      *table);

G_END_DECLS
