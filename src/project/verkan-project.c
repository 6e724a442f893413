/* verkan-project.c: one open .verkan file, its edits and their history.
 *
 * The file is an SQLite database in WAL mode.  Every edit is a
 * VerkanCommand executed in its own transaction, so the file on disk is
 * always saved and consistent; synchronous=FULL makes each commit durable
 * even through a power cut (about 0.3 ms an edit, see tests/bench).
 * While a project is open for writing, an
 * flock() on the file tells other Verkan processes to open it read-only. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "verkan-project.h"
#include "verkan-schema.h"
#include "verkan-sql.h"

/* Edits of one field closer together than this undo as one step */
#define MERGE_WINDOW_USEC (2 * G_USEC_PER_SEC)
/* Below this size a full quick_check on open costs less than a frame */
#define QUICK_CHECK_MAX_BYTES (32 * 1024 * 1024)

struct _VerkanProject
{
  GObject               parent_instance;

  char                 *path;
  sqlite3              *db;
  int                   lock_fd;
  VerkanReadOnlyReason  read_only_reason;
  gboolean              in_memory;   /* an older file migrated into memory */

  GPtrArray            *undo_stack;
  GPtrArray            *redo_stack;
  gint64                last_execute_usec;
  gboolean              top_may_merge;
};

G_DEFINE_FINAL_TYPE (VerkanProject, verkan_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (verkan-project-error-quark, verkan_project_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  const char *table;
  const char *edit;
  const char *add;
  const char *remove;
  const char *move;
} TableLabels;

static const TableLabels table_labels[] = {
  { "project", N_("Edit project information"), NULL, NULL, NULL },
  { "municipality", N_("Edit municipality"), N_("Add municipality"),
    N_("Remove municipality"), N_("Reorder municipalities") },
  { "person", N_("Edit person"), N_("Add person"), N_("Remove person"), N_("Reorder people") },
  { "goal", N_("Edit goal"), N_("Add goal"), N_("Remove goal"), N_("Reorder goals") },
  { "milestone", N_("Edit milestone"), N_("Add milestone"), N_("Remove milestone"),
    N_("Reorder milestones") },
  { "resource", N_("Edit resource"), N_("Add resource"), N_("Remove resource"),
    N_("Reorder resources") },
};

typedef enum { LABEL_EDIT, LABEL_ADD, LABEL_REMOVE, LABEL_MOVE } LabelKind;

static const char *
label_for (const char *table, LabelKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_labels); i++)
    {
      const TableLabels *l = &table_labels[i];
      const char *label;

      if (!g_str_equal (l->table, table))
        continue;
      label = kind == LABEL_EDIT ? l->edit : kind == LABEL_ADD ? l->add
            : kind == LABEL_REMOVE ? l->remove : l->move;
      if (label != NULL)
        return g_dgettext (GETTEXT_PACKAGE, label);
    }
  return _("Edit");
}

static void
verkan_project_finalize (GObject *object)
{
  VerkanProject *self = VERKAN_PROJECT (object);

  verkan_project_close (self);
  g_free (self->path);
  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);

  G_OBJECT_CLASS (verkan_project_parent_class)->finalize (object);
}

static void
verkan_project_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VerkanProject *self = VERKAN_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, verkan_project_get_read_only (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, verkan_project_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, verkan_project_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
verkan_project_class_init (VerkanProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = verkan_project_finalize;
  object_class->get_property = verkan_project_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::changed::<table> after every execute, undo and redo */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
verkan_project_init (VerkanProject *self)
{
  self->lock_fd = -1;
  self->undo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_stack = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- opening ------------------------------------------------------------ */

static const char *
display_name (const char *path)
{
  /* per-thread scratch, so error messages can name the file simply */
  static GPrivate name_key = G_PRIVATE_INIT (g_free);
  char *name = g_filename_display_basename (path);

  g_private_replace (&name_key, name);
  return name;
}

/* Looks at the bytes before SQLite does: this tells "not a Verkan file"
 * from "a Verkan file cut short", which SQLite reports alike. */
static gboolean
check_header (const char *path, GError **error)
{
  guint8 header[100];
  GStatBuf st;
  gssize n;
  guint32 page_size, page_count, change_counter, valid_for;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, VERKAN_PROJECT_ERROR,
                   saved_errno == ENOENT ? VERKAN_PROJECT_ERROR_NOT_FOUND : VERKAN_PROJECT_ERROR_IO,
                   saved_errno == ENOENT ? _("The file “%s” does not exist.")
                                         : _("The file “%s” could not be read."),
                   display_name (path));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size == 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Verkan project."), display_name (path));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The file “%s” could not be read: %s"), display_name (path),
                   g_strerror (errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Verkan project."), display_name (path));
      return FALSE;
    }
  if (n < (gssize) sizeof header)
    goto truncated;

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = GUINT32_FROM_BE (*(guint32 *) (header + 28));
  change_counter = GUINT32_FROM_BE (*(guint32 *) (header + 24));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (header + 92));

  /* the in-header size is trustworthy only when valid-for matches */
  if (page_count > 0 && valid_for == change_counter &&
      (guint64) page_count * page_size > (guint64) st.st_size)
    goto truncated;
  return TRUE;

truncated:
  g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_CORRUPT,
               _("“%s” is incomplete: the file seems to have been cut off, for example "
                 "by an interrupted copy. Open a complete copy of it instead."),
               display_name (path));
  return FALSE;
}

static gboolean
folder_is_writable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  return g_access (folder, W_OK) == 0;
}

/* A file marked read-only stays read-only, also for an administrator
 * whom access() would let write anyway */
static gboolean
file_is_writable (const char *path)
{
  GStatBuf st;

  return g_access (path, W_OK) == 0 && g_stat (path, &st) == 0 &&
         (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}

static sqlite3 *
open_connection (const char *path, gboolean read_only, GError **error)
{
  sqlite3 *db = NULL;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
              SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 2000);
  sqlite3_extended_result_codes (db, 1);
  return db;
}

/* A read-only WAL database in a folder we may not write to can only be
 * read when SQLite is told nothing will change it under us. */
static sqlite3 *
open_immutable (const char *path, GError **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *with_flag = g_strconcat (uri, "?immutable=1", NULL);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (with_flag, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
query_int (sqlite3 *db, const char *sql, int *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
check_identity (sqlite3 *db, const char *path, GError **error)
{
  int application_id = 0, version = 0;

  if (!query_int (db, "PRAGMA application_id", &application_id) ||
      !query_int (db, "PRAGMA user_version", &version))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read."), display_name (path));
      return FALSE;
    }
  if (application_id != VERKAN_APPLICATION_ID)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_A_PROJECT,
                   _("“%s” is a database, but not a Verkan project."), display_name (path));
      return FALSE;
    }
  if (version > VERKAN_SCHEMA_VERSION)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Verkan (file format %d; this "
                     "version reads formats up to %d). Update Verkan to open it. The file "
                     "has not been changed."),
                   display_name (path), version, VERKAN_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (sqlite3 *db, const char *path, goffset size, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (size <= QUICK_CHECK_MAX_BYTES)
    {
      if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW ||
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        ok = FALSE;
      sqlite3_finalize (stmt);
    }
  if (!ok)
    g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_CORRUPT,
                 _("“%s” is damaged and cannot be read. Open a backup copy, or ask for "
                   "the file to be sent again."), display_name (path));
  return ok;
}

/* A read-only file in an older format is migrated in memory, so this
 * version's code sees the tables it expects and the file stays untouched. */
static sqlite3 *
migrate_into_memory (sqlite3 *source, GError **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;

  if (sqlite3_open (":memory:", &memory) != SQLITE_OK)
    {
      verkan_sql_set_error (error, memory);
      sqlite3_close (memory);
      return NULL;
    }
  backup = sqlite3_backup_init (memory, "main", source, "main");
  if (backup == NULL)
    {
      verkan_sql_set_error (error, memory);
      sqlite3_close (memory);
      return NULL;
    }
  sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (!verkan_schema_migrate (memory, error))
    {
      sqlite3_close (memory);
      return NULL;
    }
  return memory;
}

VerkanProject *
verkan_project_open (const char *path, VerkanOpenFlags flags, GError **error)
{
  g_autoptr(VerkanProject) self = NULL;
  gboolean read_only;
  GStatBuf st;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, error))
    return NULL;

  self = g_object_new (VERKAN_TYPE_PROJECT, NULL);
  self->path = g_canonicalize_filename (path, NULL);

  if (flags & VERKAN_OPEN_FLAGS_READ_ONLY)
    self->read_only_reason = VERKAN_READ_ONLY_REQUESTED;
  else if (!file_is_writable (path) || !folder_is_writable (path))
    self->read_only_reason = VERKAN_READ_ONLY_PERMISSION;
  else
    {
      self->lock_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (self->lock_fd >= 0 && flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
        {
          self->read_only_reason = VERKAN_READ_ONLY_LOCKED;
          close (self->lock_fd);
          self->lock_fd = -1;
        }
    }
  read_only = self->read_only_reason != VERKAN_READ_ONLY_NONE;

  /* Only a file we may not write gets a read-only connection: any other
   * reads through a normal one told to refuse writes, so that closing it
   * still folds the WAL back and leaves no -wal or -shm beside the file. */
  if (self->read_only_reason == VERKAN_READ_ONLY_PERMISSION)
    self->db = folder_is_writable (path) ? open_connection (self->path, TRUE, error)
                                         : open_immutable (self->path, error);
  else
    self->db = open_connection (self->path, FALSE, error);
  if (self->db == NULL)
    return NULL;
  if (read_only && !verkan_sql_exec (self->db, "PRAGMA query_only = 1", error))
    return NULL;

  if (!check_identity (self->db, path, error))
    return NULL;
  g_stat (path, &st);
  if (!check_integrity (self->db, path, st.st_size, error))
    return NULL;

  if (!read_only &&
      (!verkan_sql_exec (self->db, "PRAGMA journal_mode = WAL", error) ||
       !verkan_sql_exec (self->db, "PRAGMA synchronous = FULL", error)))
    return NULL;
  verkan_sql_exec (self->db, "PRAGMA foreign_keys = ON", NULL);

  version = verkan_schema_read_version (self->db);
  if (version < VERKAN_SCHEMA_VERSION)
    {
      if (read_only)
        {
          sqlite3 *memory = migrate_into_memory (self->db, error);
          if (memory == NULL)
            return NULL;
          sqlite3_close (self->db);
          self->db = memory;
          self->in_memory = TRUE;
        }
      else if (!verkan_schema_migrate (self->db, error))
        return NULL;
    }

  if (verkan_project_count (self, "project") != 1)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_CORRUPT,
                   _("“%s” is damaged: its project information is missing."), display_name (path));
      return NULL;
    }

  return g_steal_pointer (&self);
}

VerkanProject *
verkan_project_create (const char *path, const char *title, GError **error)
{
  g_autoptr(VerkanProject) self = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* O_EXCL: never overwrite someone's file, even in a race */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, VERKAN_PROJECT_ERROR,
                   saved_errno == EEXIST ? VERKAN_PROJECT_ERROR_EXISTS : VERKAN_PROJECT_ERROR_IO,
                   saved_errno == EEXIST ? _("“%s” already exists.")
                                         : _("“%s” could not be created: %s"),
                   display_name (path), g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  self = g_object_new (VERKAN_TYPE_PROJECT, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->lock_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->lock_fd >= 0)
    flock (self->lock_fd, LOCK_EX | LOCK_NB);

  self->db = open_connection (self->path, FALSE, error);
  ok = self->db != NULL &&
       verkan_sql_exec (self->db, "PRAGMA journal_mode = WAL", error) &&
       verkan_sql_exec (self->db, "PRAGMA synchronous = FULL", error) &&
       verkan_sql_exec (self->db, "PRAGMA foreign_keys = ON", error) &&
       verkan_schema_migrate (self->db, error);

  if (ok)
    {
      ok = sqlite3_prepare_v2 (self->db, "UPDATE project SET uuid = ?1, title = ?2 WHERE id = 1",
                               -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, title ? title : "", -1, SQLITE_STATIC);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      if (!ok)
        verkan_sql_set_error (error, self->db);
      sqlite3_finalize (stmt);
    }

  if (!ok)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);

      verkan_project_close (self);
      g_unlink (self->path);
      g_unlink (wal);
      g_unlink (shm);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
verkan_project_close (VerkanProject *self)
{
  g_return_if_fail (VERKAN_IS_PROJECT (self));

  if (self->db != NULL)
    {
      /* the last connection checkpoints and removes -wal: one file again */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  /* only now: closing any fd of the file drops SQLite's own POSIX locks */
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

/* --- properties --------------------------------------------------------- */

const char *
verkan_project_get_path (VerkanProject *self)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), NULL);
  return self->path;
}

gboolean
verkan_project_get_read_only (VerkanProject *self)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), TRUE);
  return self->read_only_reason != VERKAN_READ_ONLY_NONE;
}

VerkanReadOnlyReason
verkan_project_get_read_only_reason (VerkanProject *self)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), VERKAN_READ_ONLY_NONE);
  return self->read_only_reason;
}

int
verkan_project_get_schema_version (VerkanProject *self)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), -1);
  return verkan_schema_read_version (self->db);
}

char *
verkan_project_dup_title (VerkanProject *self)
{
  g_autoptr(GVariant) row = NULL;
  const char *title = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (self), NULL);
  row = verkan_sql_read_row (self->db, "project", 1, NULL);
  if (row != NULL && g_variant_lookup (row, "title", "&s", &title) && *title)
    return g_strdup (title);
  return g_filename_display_basename (self->path);
}

struct sqlite3 *
verkan_project_get_db (VerkanProject *self)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), NULL);
  return self->db;
}

void
verkan_project_emit_changed (VerkanProject *self, const char *table)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

/* --- edits -------------------------------------------------------------- */

static gboolean
ensure_writable (VerkanProject *self, GError **error)
{
  if (self->db == NULL || verkan_project_get_read_only (self))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_READ_ONLY,
                   _("The project is open read-only, so the change was not saved."));
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*StepFunc) (VerkanCommand *, sqlite3 *, GError **);

/* One transaction around one step of a command; nothing half-done stays */
static gboolean
run_in_transaction (VerkanProject *self, VerkanCommand *command, StepFunc step, GError **error)
{
  if (!verkan_sql_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!step (command, self->db, error) ||
      !verkan_sql_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
emit_tables (VerkanProject *self, VerkanCommand *command)
{
  g_auto(GStrv) tables = verkan_command_dup_tables (command);

  for (guint i = 0; tables[i]; i++)
    verkan_project_emit_changed (self, tables[i]);
}

static void
notify_history (VerkanProject *self, gboolean could_undo, gboolean could_redo)
{
  if (could_undo != verkan_project_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != verkan_project_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
execute (VerkanProject *self, VerkanCommand *command, gboolean may_merge, GError **error)
{
  gboolean could_undo = verkan_project_get_can_undo (self);
  gboolean could_redo = verkan_project_get_can_redo (self);
  gint64 now;

  g_return_val_if_fail (VERKAN_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (VERKAN_IS_COMMAND (command), FALSE);

  if (!ensure_writable (self, error))
    return FALSE;
  if (verkan_command_is_empty (command))
    return TRUE;
  if (!run_in_transaction (self, command, verkan_command_apply, error))
    return FALSE;

  now = g_get_monotonic_time ();
  if (!(may_merge && self->top_may_merge &&
        now - self->last_execute_usec < MERGE_WINDOW_USEC &&
        self->undo_stack->len > 0 &&
        verkan_command_try_merge (g_ptr_array_index (self->undo_stack,
                                                     self->undo_stack->len - 1),
                                  command)))
    g_ptr_array_add (self->undo_stack, g_object_ref (command));
  self->top_may_merge = may_merge;
  self->last_execute_usec = now;
  g_ptr_array_set_size (self->redo_stack, 0);

  emit_tables (self, command);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

gboolean
verkan_project_execute (VerkanProject *self, VerkanCommand *command, GError **error)
{
  return execute (self, command, FALSE, error);
}

static gboolean
replay (VerkanProject *self, GPtrArray *from, GPtrArray *to, StepFunc step, GError **error)
{
  gboolean could_undo = verkan_project_get_can_undo (self);
  gboolean could_redo = verkan_project_get_can_redo (self);
  VerkanCommand *command;

  if (!ensure_writable (self, error))
    return FALSE;
  if (from->len == 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOTHING_TO_UNDO,
                   from == self->undo_stack ? _("There is nothing to undo.")
                                            : _("There is nothing to redo."));
      return FALSE;
    }

  command = g_ptr_array_index (from, from->len - 1);
  if (!run_in_transaction (self, command, step, error))
    return FALSE;

  g_ptr_array_add (to, g_object_ref (command));
  g_ptr_array_remove_index (from, from->len - 1);
  self->top_may_merge = FALSE;
  emit_tables (self, command);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

gboolean
verkan_project_undo (VerkanProject *self, GError **error)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), FALSE);
  return replay (self, self->undo_stack, self->redo_stack, verkan_command_revert, error);
}

gboolean
verkan_project_redo (VerkanProject *self, GError **error)
{
  g_return_val_if_fail (VERKAN_IS_PROJECT (self), FALSE);
  return replay (self, self->redo_stack, self->undo_stack, verkan_command_apply, error);
}

gboolean
verkan_project_get_can_undo (VerkanProject *self)
{
  return self->undo_stack->len > 0;
}

gboolean
verkan_project_get_can_redo (VerkanProject *self)
{
  return self->redo_stack->len > 0;
}

const char *
verkan_project_get_undo_label (VerkanProject *self)
{
  if (self->undo_stack->len == 0)
    return NULL;
  return verkan_command_get_label (g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1));
}

const char *
verkan_project_get_redo_label (VerkanProject *self)
{
  if (self->redo_stack->len == 0)
    return NULL;
  return verkan_command_get_label (g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1));
}

gboolean
verkan_project_set_value (VerkanProject *self, const char *table, gint64 id,
                          const char *column, GVariant *value, GError **error)
{
  g_autoptr(VerkanCommand) command = verkan_command_new (label_for (table, LABEL_EDIT));

  verkan_command_update (command, table, id, column, value);
  return execute (self, command, TRUE, error);
}

gint64
verkan_project_insert (VerkanProject *self, const char *table, GVariant *row, GError **error)
{
  g_autoptr(VerkanCommand) command = verkan_command_new (label_for (table, LABEL_ADD));

  verkan_command_insert (command, table, row);
  if (!execute (self, command, FALSE, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

gboolean
verkan_project_delete (VerkanProject *self, const char *table, gint64 id, GError **error)
{
  g_autoptr(VerkanCommand) command = verkan_command_new (label_for (table, LABEL_REMOVE));

  verkan_command_delete (command, table, id);
  return execute (self, command, FALSE, error);
}

static GPtrArray *select_rows (VerkanProject      *self,
                               const char         *table,
                               const char *const  *columns,
                               GVariant *const    *values,
                               GError            **error);

typedef struct {
  gint64 id;
  gint64 position;
} Placed;

gboolean
verkan_project_move (VerkanProject *self, const char *table, gint64 id,
                     guint new_index, GError **error)
{
  g_autoptr(VerkanCommand) command = verkan_command_new (label_for (table, LABEL_MOVE));
  const char *const *group = verkan_schema_position_group (table);
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GPtrArray) group_values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (Placed));
  Placed moved = { id, -1 };

  row = verkan_project_get_row (self, table, id, error);
  if (row == NULL)
    return FALSE;
  for (guint i = 0; group[i]; i++)
    g_ptr_array_add (group_values, g_variant_lookup_value (row, group[i], NULL));
  siblings = select_rows (self, table, group, (GVariant *const *) group_values->pdata, error);
  if (siblings == NULL)
    return FALSE;

  /* the others in their order, then the moved row put in its new place */
  for (guint i = 0; i < siblings->len; i++)
    {
      Placed sibling = { 0, -1 };

      g_variant_lookup (g_ptr_array_index (siblings, i), "id", "x", &sibling.id);
      g_variant_lookup (g_ptr_array_index (siblings, i), "position", "x", &sibling.position);
      if (sibling.id == id)
        moved = sibling;
      else
        g_array_append_val (order, sibling);
    }
  g_array_insert_val (order, MIN (new_index, order->len), moved);

  /* only rows whose position changes are written */
  for (guint i = 0; i < order->len; i++)
    {
      Placed *placed = &g_array_index (order, Placed, i);
      if (placed->position != (gint64) i)
        verkan_command_update (command, table, placed->id, "position", g_variant_new_int64 (i));
    }
  return execute (self, command, FALSE, error);
}

/* --- reading ------------------------------------------------------------ */

GVariant *
verkan_project_get_row (VerkanProject *self, const char *table, gint64 id, GError **error)
{
  GError *local_error = NULL;
  GVariant *row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (self), NULL);

  if (!verkan_schema_is_known_table (table))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   "No table %s", table);
      return NULL;
    }
  row = verkan_sql_read_row (self->db, table, id, &local_error);
  if (row == NULL && local_error == NULL)
    g_set_error (&local_error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                 _("The item no longer exists."));
  if (local_error)
    g_propagate_error (error, local_error);
  return row;
}

/* The rows of @table whose @columns (NULL-terminated) hold @values, in
 * their order: position groups first, then position, then id. */
static GPtrArray *
select_rows (VerkanProject *self, const char *table, const char *const *columns,
             GVariant *const *values, GError **error)
{
  g_autofree char *quoted = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *const *group;
  GPtrArray *rows;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!verkan_schema_is_known_table (table))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID, "No table %s", table);
      return NULL;
    }

  quoted = verkan_sql_quote (table);
  g_string_printf (sql, "SELECT * FROM %s WHERE 1", quoted);
  for (guint i = 0; columns[i]; i++)
    {
      g_autofree char *c = verkan_sql_quote (columns[i]);

      if (!verkan_schema_has_column (self->db, table, columns[i]))
        {
          g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                       "No column %s.%s", table, columns[i]);
          return NULL;
        }
      g_string_append_printf (sql, " AND %s IS ?%u", c, i + 1);
    }
  g_string_append (sql, " ORDER BY ");
  group = verkan_schema_position_group (table);
  for (guint i = 0; group[i]; i++)
    {
      g_autofree char *c = verkan_sql_quote (group[i]);
      g_string_append_printf (sql, "%s, ", c);
    }
  if (verkan_schema_has_column (self->db, table, "position"))
    g_string_append (sql, "position, ");
  g_string_append (sql, "id");

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, self->db);
      return NULL;
    }
  for (guint i = 0; columns[i]; i++)
    verkan_sql_bind (stmt, i + 1, values[i]);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, verkan_sql_row_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, self->db);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }
  sqlite3_finalize (stmt);
  return rows;
}

GPtrArray *
verkan_project_list_rows (VerkanProject *self, const char *table,
                          const char *filter_column, GVariant *filter_value, GError **error)
{
  /* callers pass g_variant_new_*() inline: take the floating ref */
  g_autoptr(GVariant) owned = filter_value ? g_variant_ref_sink (filter_value) : NULL;
  const char *columns[] = { filter_column, NULL };
  GVariant *values[] = { owned, NULL };

  g_return_val_if_fail (VERKAN_IS_PROJECT (self), NULL);
  return select_rows (self, table, columns, values, error);
}

gint64
verkan_project_count (VerkanProject *self, const char *table)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_return_val_if_fail (VERKAN_IS_PROJECT (self), -1);
  if (!verkan_schema_is_known_table (table))
    return -1;

  quoted = verkan_sql_quote (table);
  sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* --- save a copy -------------------------------------------------------- */

typedef struct {
  char    *source;
  char    *dest;
  sqlite3 *shared_db;  /* only for a project that lives in memory */
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_free (job->source);
  g_free (job->dest);
  g_free (job);
}

static gboolean
backup_to (sqlite3 *source, const char *dest, GCancellable *cancellable, GError **error)
{
  g_autofree char *partial = g_strconcat (dest, ".part", NULL);
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (partial);
  if (sqlite3_open_v2 (partial, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, target);
      sqlite3_close (target);
      return FALSE;
    }

  backup = sqlite3_backup_init (target, "main", source, "main");
  if (backup == NULL)
    {
      verkan_sql_set_error (error, target);
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          sqlite3_close (target);
          g_unlink (partial);
          return FALSE;
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  /* a copy travels best as one self-contained file */
  if (rc != SQLITE_DONE ||
      !verkan_sql_exec (target, "PRAGMA journal_mode = DELETE", error))
    {
      if (rc != SQLITE_DONE)
        verkan_sql_set_error (error, target);
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }
  sqlite3_close (target);

  if (g_rename (partial, dest) != 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_IO,
                   _("The copy could not be saved as “%s”: %s"), display_name (dest),
                   g_strerror (errno));
      g_unlink (partial);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_copy_job (CopyJob *job, GCancellable *cancellable, GError **error)
{
  g_autofree char *dest = g_canonicalize_filename (job->dest, NULL);
  sqlite3 *source;
  gboolean ok;

  if (g_strcmp0 (dest, job->source) == 0)
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_EXISTS,
                   _("A copy cannot replace the project it is made from."));
      return FALSE;
    }
  if (job->shared_db != NULL)
    return backup_to (job->shared_db, job->dest, cancellable, error);

  /* A connection of its own: WAL lets it read while the window writes */
  source = folder_is_writable (job->source) ? open_connection (job->source, TRUE, error)
                                            : open_immutable (job->source, error);
  if (source == NULL)
    return FALSE;
  ok = backup_to (source, job->dest, cancellable, error);
  sqlite3_close (source);
  return ok;
}

static CopyJob *
copy_job_new (VerkanProject *self, const char *dest)
{
  CopyJob *job = g_new0 (CopyJob, 1);

  job->source = g_strdup (self->path);
  job->dest = g_strdup (dest);
  job->shared_db = self->in_memory ? self->db : NULL;
  return job;
}

gboolean
verkan_project_save_copy (VerkanProject *self, const char *dest_path, GError **error)
{
  CopyJob *job;
  gboolean ok;

  g_return_val_if_fail (VERKAN_IS_PROJECT (self), FALSE);
  job = copy_job_new (self, dest_path);
  ok = run_copy_job (job, NULL, error);
  copy_job_free (job);
  return ok;
}

static void
save_copy_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_copy_job (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
verkan_project_save_copy_async (VerkanProject *self, const char *dest_path,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VERKAN_IS_PROJECT (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, verkan_project_save_copy_async);
  g_task_set_task_data (task, copy_job_new (self, dest_path), (GDestroyNotify) copy_job_free);
  g_task_run_in_thread (task, save_copy_thread);
}

gboolean
verkan_project_save_copy_finish (VerkanProject *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
