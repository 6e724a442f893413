/* verkan-model-edit.c: the edits of a logic model that touch more than one
 * row, each built as one VerkanCommand so that one Ctrl+Z undoes it whole.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A command's inserts get their ids when it is applied, yet a new card's
 * links and indicators must name it in the same command.  So where rows
 * refer to rows inserted alongside them, we choose the ids ourselves: one
 * past the largest id of the table, read just before the command runs
 * (nothing else writes in between, the project lives on one thread).
 *
 * The XML form of a model (a frozen version, copied cards on the
 * clipboard) is written and read by verkan-xml.c, the same code as the
 * exchange format, so all three stay one format. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "verkan-model-edit.h"
#include "verkan-sql.h"
#include "verkan-xml.h"

typedef struct {
  gint64 id;
  gint64 position;
} Placed;

/* What the standard template puts in each main column: a first card that
 * tells the person what belongs there */
static const struct {
  const char *title;
  const char *text;
} standard_cards[VERKAN_MODEL_N_MAIN_COLUMNS] = {
  /* Translators: the first card of a new logic model, in the column "Resources" */
  { N_("Staff and time"),
    N_("What the project has to work with: people, money, premises, partners.") },
  /* Translators: the first card of a new logic model, in the column "Activities" */
  { N_("What we do"),
    N_("What the project does with its resources: meetings, training, surveys, new ways "
       "of working.") },
  /* Translators: the first card of a new logic model, in the column "Outputs" */
  { N_("What we deliver"),
    N_("What the activities produce that can be counted: reports, trained staff, new "
       "routines, people reached.") },
  /* Translators: the first card of a new logic model, in the column "Short-term effects" */
  { N_("First changes"),
    N_("What changes for the target group during the project or soon after: knowledge, "
       "attitudes, ways of working.") },
  /* Translators: the first card of a new logic model, in the column "Long-term effects" */
  { N_("Lasting changes"),
    N_("What changes in the longer run, after the project has ended: behaviour, living "
       "conditions, how the organisation works.") },
  /* Translators: the first card of a new logic model, in the column "Goals" */
  { N_("Goal"),
    N_("What the project wants to achieve in the end, as its effect goals say it; "
       "something that can be followed up with an indicator.") },
};

/* --- small helpers -------------------------------------------------------- */

static void
set_invalid (GError **error, const char *message)
{
  g_set_error_literal (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID, message);
}

/* The row, or an error that names what is missing in words for people */
static GVariant *
get_row (VerkanProject *project, const char *table, gint64 id, const char *missing,
         GError **error)
{
  GError *local_error = NULL;
  GVariant *row = verkan_project_get_row (project, table, id, &local_error);

  if (row == NULL)
    {
      if (g_error_matches (local_error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          set_invalid (&local_error, missing);
        }
      g_propagate_error (error, local_error);
    }
  return row;
}

static GVariant *
get_model (VerkanProject *project, gint64 model_id, GError **error)
{
  return get_row (project, "logic_model", model_id,
                  _("The logic model no longer exists."), error);
}

static GVariant *
get_card (VerkanProject *project, gint64 element_id, GError **error)
{
  return get_row (project, "model_element", element_id,
                  _("The card no longer exists."), error);
}

static gint64
lookup_int (GVariant *row, const char *column)
{
  gint64 value = 0;

  g_variant_lookup (row, column, "x", &value);
  return value;
}

/* The next free id of @table (one of ours, so safe to paste into SQL) */
static gint64
next_id (VerkanProject *project, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE(MAX(id), 0) + 1 FROM %s", table);
  sqlite3 *db = verkan_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* The cards of one column of a model in their order, @except left out.
 * Straight from SQLite, on the model_element_order index: reading whole
 * rows through the project takes tens of milliseconds in a model of a
 * thousand cards, and the canvas calls this on every drop. */
static GArray *
column_cards (VerkanProject *project, gint64 model_id, const char *column, gint64 except,
              GError **error)
{
  sqlite3 *db = verkan_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  GArray *cards;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, position FROM model_element "
                          "WHERE model_id = ?1 AND column_kind = ?2 ORDER BY position, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);

  cards = g_array_new (FALSE, FALSE, sizeof (Placed));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Placed card = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      if (card.id != except)
        g_array_append_val (cards, card);
    }
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      g_clear_pointer (&cards, g_array_unref);
    }
  sqlite3_finalize (stmt);
  return cards;
}

/* Whether a link goes from @from_id to @to_id already */
static gboolean
link_exists (VerkanProject *project, gint64 from_id, gint64 to_id)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (verkan_project_get_db (project),
                          "SELECT 1 FROM model_link WHERE from_id = ?1 AND to_id = ?2",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, from_id);
      sqlite3_bind_int64 (stmt, 2, to_id);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* Numbers the cards 0, 1, 2 … in the order given, writing only changes */
static void
renumber (VerkanCommand *command, GArray *cards)
{
  for (guint i = 0; i < cards->len; i++)
    {
      Placed *card = &g_array_index (cards, Placed, i);

      if (card->position != (gint64) i)
        verkan_command_update (command, "model_element", card->id, "position",
                               g_variant_new_int64 (i));
    }
}

static gboolean
check_column (VerkanModelColumn column, GError **error)
{
  if ((guint) column >= VERKAN_MODEL_N_COLUMNS)
    {
      set_invalid (error, _("There is no such column in a logic model."));
      return FALSE;
    }
  return TRUE;
}

/* YYYY-MM-DD, a day that exists */
static gboolean
is_iso_date (const char *text)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);       /* each stops at its '-' */
  month = atoi (text + 5);
  day = atoi (text + 8);
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A copy of @row without its id and uuid, to be filled in and inserted */
static void
dict_init_copy (GVariantDict *dict, GVariant *row)
{
  g_variant_dict_init (dict, row);
  g_variant_dict_remove (dict, "id");
  g_variant_dict_remove (dict, "uuid");
}

static gint64 *
int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

/* --- new models ------------------------------------------------------------ */

gint64
verkan_model_create (VerkanProject *project, const char *title, const char *municipality,
                     const char *template_token, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autofree char *today = dup_today ();
  gboolean standard;
  gint64 model_id, first_card;
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (template_token == NULL)
    template_token = "standard";
  standard = g_str_equal (template_token, "standard");
  if (!standard && !g_str_equal (template_token, "blank"))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("There is no logic model template called “%s”."), template_token);
      return 0;
    }
  if (municipality != NULL && municipality[0] == '\0')
    municipality = NULL;
  if (municipality != NULL &&
      (strlen (municipality) != 4 || strspn (municipality, "0123456789") != 4))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("“%s” is not a municipality code; it has four digits, such as 1861."),
                   municipality);
      return 0;
    }

  model_id = next_id (project, "logic_model");
  first_card = next_id (project, "model_element");
  command = verkan_command_new (_("New logic model"));

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "id", "x", model_id);
  g_variant_dict_insert (&row, "title", "s", title ? title : _("Logic model"));
  if (municipality != NULL)
    g_variant_dict_insert (&row, "municipality", "s", municipality);
  g_variant_dict_insert (&row, "date", "s", today);
  g_variant_dict_insert (&row, "template", "s", template_token);
  verkan_command_insert (command, "logic_model", g_variant_dict_end (&row));

  for (guint c = 0; standard && c < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "id", "x", first_card + c);
      g_variant_dict_insert (&row, "model_id", "x", model_id);
      g_variant_dict_insert (&row, "column_kind", "s", verkan_model_column_token (c));
      g_variant_dict_insert (&row, "position", "x", (gint64) 0);
      g_variant_dict_insert (&row, "title", "s", _(standard_cards[c].title));
      g_variant_dict_insert (&row, "text", "s", _(standard_cards[c].text));
      verkan_command_insert (command, "model_element", g_variant_dict_end (&row));
    }
  /* left to right; the rationales stay empty, so the checks show that
   * each if–then is still to be written */
  for (guint c = 0; standard && c + 1 < VERKAN_MODEL_N_MAIN_COLUMNS; c++)
    {
      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "model_id", "x", model_id);
      g_variant_dict_insert (&row, "from_id", "x", first_card + c);
      g_variant_dict_insert (&row, "to_id", "x", first_card + c + 1);
      verkan_command_insert (command, "model_link", g_variant_dict_end (&row));
    }

  if (!verkan_project_execute (project, command, error))
    return 0;
  return model_id;
}

gint64
verkan_model_duplicate (VerkanProject *project, gint64 model_id, const char *title,
                        GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) model = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) new_ids = NULL;
  g_autofree char *copy_title = NULL;
  gint64 new_model, next_card, position = 0, new_position = 0;
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  model = get_model (project, model_id, error);
  if (model == NULL)
    return 0;
  models = verkan_project_list_rows (project, "logic_model", NULL, NULL, error);
  if (models == NULL)
    return 0;
  elements = verkan_project_list_rows (project, "model_element", "model_id",
                                       g_variant_new_int64 (model_id), error);
  if (elements == NULL)
    return 0;
  links = verkan_project_list_rows (project, "model_link", "model_id",
                                    g_variant_new_int64 (model_id), error);
  if (links == NULL)
    return 0;

  if (title == NULL)
    {
      const char *old_title = "";

      g_variant_lookup (model, "title", "&s", &old_title);
      /* Translators: the title of a duplicated logic model; %s is the original's */
      copy_title = g_strdup_printf (_("%s (copy)"), old_title);
      title = copy_title;
    }

  command = verkan_command_new (_("Duplicate logic model"));
  new_model = next_id (project, "logic_model");
  next_card = next_id (project, "model_element");

  /* the copy goes right after the original; the models after it move down */
  for (guint i = 0; i < models->len; i++)
    {
      GVariant *other = g_ptr_array_index (models, i);
      gint64 id = lookup_int (other, "id");

      if (lookup_int (other, "position") != position)
        verkan_command_update (command, "logic_model", id, "position",
                               g_variant_new_int64 (position));
      position++;
      if (id == model_id)
        new_position = position++;
    }

  dict_init_copy (&row, model);
  g_variant_dict_insert (&row, "id", "x", new_model);
  g_variant_dict_insert (&row, "position", "x", new_position);
  g_variant_dict_insert (&row, "title", "s", title);
  verkan_command_insert (command, "logic_model", g_variant_dict_end (&row));

  new_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < elements->len; i++)
    {
      GVariant *element = g_ptr_array_index (elements, i);
      gint64 old_id = lookup_int (element, "id");
      gint64 new_id = next_card++;
      g_autoptr(GPtrArray) indicators = NULL;

      dict_init_copy (&row, element);
      g_variant_dict_insert (&row, "id", "x", new_id);
      g_variant_dict_insert (&row, "model_id", "x", new_model);
      verkan_command_insert (command, "model_element", g_variant_dict_end (&row));
      g_hash_table_insert (new_ids, int64_dup (old_id), int64_dup (new_id));

      indicators = verkan_project_list_rows (project, "indicator", "element_id",
                                             g_variant_new_int64 (old_id), error);
      if (indicators == NULL)
        return 0;
      for (guint j = 0; j < indicators->len; j++)
        {
          dict_init_copy (&row, g_ptr_array_index (indicators, j));
          g_variant_dict_insert (&row, "element_id", "x", new_id);
          verkan_command_insert (command, "indicator", g_variant_dict_end (&row));
        }
    }

  for (guint i = 0; i < links->len; i++)
    {
      GVariant *link = g_ptr_array_index (links, i);
      gint64 from = lookup_int (link, "from_id");
      gint64 to = lookup_int (link, "to_id");
      gint64 *new_from = g_hash_table_lookup (new_ids, &from);
      gint64 *new_to = g_hash_table_lookup (new_ids, &to);

      /* a link to a card of another model cannot be made, so is not there */
      if (new_from == NULL || new_to == NULL)
        continue;
      dict_init_copy (&row, link);
      g_variant_dict_insert (&row, "model_id", "x", new_model);
      g_variant_dict_insert (&row, "from_id", "x", *new_from);
      g_variant_dict_insert (&row, "to_id", "x", *new_to);
      verkan_command_insert (command, "model_link", g_variant_dict_end (&row));
    }

  if (!verkan_project_execute (project, command, error))
    return 0;
  return new_model;
}

/* --- cards and links ------------------------------------------------------- */

gint64
verkan_model_add_card (VerkanProject *project, gint64 model_id, VerkanModelColumn column,
                       int index, const char *title, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) model = NULL;
  g_autoptr(GArray) cards = NULL;
  const char *token;
  guint place;
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_column (column, error))
    return 0;
  model = get_model (project, model_id, error);
  if (model == NULL)
    return 0;
  token = verkan_model_column_token (column);
  cards = column_cards (project, model_id, token, 0, error);
  if (cards == NULL)
    return 0;

  place = index < 0 ? cards->len : MIN ((guint) index, cards->len);
  command = verkan_command_new (_("Add card"));

  /* the new card takes its place; the others close up around it */
  {
    Placed placeholder = { 0, place };
    g_array_insert_val (cards, place, placeholder);
  }
  for (guint i = 0; i < cards->len; i++)
    {
      Placed *card = &g_array_index (cards, Placed, i);

      if (card->id != 0 && card->position != (gint64) i)
        verkan_command_update (command, "model_element", card->id, "position",
                               g_variant_new_int64 (i));
    }

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model_id);
  g_variant_dict_insert (&row, "column_kind", "s", token);
  g_variant_dict_insert (&row, "position", "x", (gint64) place);
  g_variant_dict_insert (&row, "title", "s", title ? title : "");
  verkan_command_insert (command, "model_element", g_variant_dict_end (&row));

  if (!verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

gboolean
verkan_model_move_card (VerkanProject *project, gint64 element_id, VerkanModelColumn column,
                        guint index, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) card = NULL;
  g_autoptr(GArray) target = NULL;
  const char *token;
  const char *old_token = NULL;
  gint64 model_id;
  Placed moved;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_column (column, error))
    return FALSE;
  token = verkan_model_column_token (column);
  card = get_card (project, element_id, error);
  if (card == NULL)
    return FALSE;
  model_id = lookup_int (card, "model_id");
  g_variant_lookup (card, "column_kind", "&s", &old_token);
  moved.id = element_id;
  moved.position = lookup_int (card, "position");

  command = verkan_command_new (_("Move card"));

  if (g_strcmp0 (old_token, token) != 0)
    {
      g_autoptr(GArray) source = column_cards (project, model_id, old_token, element_id, error);

      if (source == NULL)
        return FALSE;
      /* the column it leaves closes up */
      renumber (command, source);
      verkan_command_update (command, "model_element", element_id, "column_kind",
                             g_variant_new_string (token));
      moved.position = -1;  /* always written in its new column */
    }

  target = column_cards (project, model_id, token, element_id, error);
  if (target == NULL)
    return FALSE;
  g_array_insert_val (target, MIN (index, target->len), moved);
  renumber (command, target);

  /* nothing changed: nothing to undo either */
  return verkan_project_execute (project, command, error);
}

gint64
verkan_model_add_link (VerkanProject *project, gint64 from_id, gint64 to_id,
                       const char *rationale, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) from = NULL;
  g_autoptr(GVariant) to = NULL;
  gint64 model_id;
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (from_id == to_id)
    {
      set_invalid (error, _("A card cannot lead to itself. Link it to another card."));
      return 0;
    }
  from = get_card (project, from_id, error);
  if (from == NULL)
    return 0;
  to = get_card (project, to_id, error);
  if (to == NULL)
    return 0;
  model_id = lookup_int (from, "model_id");
  if (lookup_int (to, "model_id") != model_id)
    {
      set_invalid (error, _("The two cards are in different logic models; a link joins "
                            "cards of one model."));
      return 0;
    }

  if (link_exists (project, from_id, to_id))
    {
      set_invalid (error, _("The cards are already linked this way."));
      return 0;
    }

  command = verkan_command_new (_("Add link"));
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model_id);
  g_variant_dict_insert (&row, "from_id", "x", from_id);
  g_variant_dict_insert (&row, "to_id", "x", to_id);
  g_variant_dict_insert (&row, "rationale", "s", rationale ? rationale : "");
  verkan_command_insert (command, "model_link", g_variant_dict_end (&row));

  if (!verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

static const char *
delete_label (guint n_elements, guint n_links)
{
  if (n_elements > 0 && n_links > 0)
    return _("Delete cards and links");
  if (n_elements > 0)
    return g_dngettext (GETTEXT_PACKAGE, "Delete card", "Delete cards", n_elements);
  return g_dngettext (GETTEXT_PACKAGE, "Delete link", "Delete links", n_links);
}

gboolean
verkan_model_delete_items (VerkanProject *project, const gint64 *element_ids,
                           guint n_elements, const gint64 *link_ids, guint n_links,
                           GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GHashTable) doomed = NULL;
  g_autoptr(GHashTable) columns = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (element_ids != NULL || n_elements == 0, FALSE);
  g_return_val_if_fail (link_ids != NULL || n_links == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_elements == 0 && n_links == 0)
    return TRUE;

  command = verkan_command_new (delete_label (n_elements, n_links));
  doomed = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* "model id\x1fcolumn" of every column that loses a card */
  columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(GVariant) link = get_row (project, "model_link", link_ids[i],
                                          _("The link no longer exists."), error);
      if (link == NULL)
        return FALSE;
      verkan_command_delete (command, "model_link", link_ids[i]);
    }

  /* a card goes with its indicators and every link to or from it */
  for (guint i = 0; i < n_elements; i++)
    {
      g_autoptr(GVariant) card = get_card (project, element_ids[i], error);
      const char *column = NULL;

      if (card == NULL)
        return FALSE;
      g_variant_lookup (card, "column_kind", "&s", &column);
      g_hash_table_add (columns, g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s",
                                                  lookup_int (card, "model_id"), column));
      g_hash_table_add (doomed, (gpointer) &element_ids[i]);
      verkan_command_delete (command, "model_element", element_ids[i]);
    }

  /* the cards left in those columns close up */
  g_hash_table_iter_init (&iter, columns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\x1f", 2);
      gint64 model_id = g_ascii_strtoll (parts[0], NULL, 10);
      g_autoptr(GArray) cards = column_cards (project, model_id, parts[1], 0, error);
      g_autoptr(GArray) left = NULL;

      if (cards == NULL)
        return FALSE;
      left = g_array_new (FALSE, FALSE, sizeof (Placed));
      for (guint i = 0; i < cards->len; i++)
        if (!g_hash_table_contains (doomed, &g_array_index (cards, Placed, i).id))
          g_array_append_val (left, g_array_index (cards, Placed, i));
      renumber (command, left);
    }

  return verkan_project_execute (project, command, error);
}

/* --- copy and paste ---------------------------------------------------------- */

char *
verkan_model_copy_cards (VerkanProject *project, const gint64 *element_ids,
                         guint n_elements, GError **error)
{
  gint64 model_id = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (element_ids != NULL || n_elements == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_elements == 0)
    {
      set_invalid (error, _("There are no cards to copy. Select one or more cards first."));
      return NULL;
    }

  for (guint i = 0; i < n_elements; i++)
    {
      g_autoptr(GVariant) card = get_card (project, element_ids[i], error);

      if (card == NULL)
        return NULL;
      if (i > 0 && lookup_int (card, "model_id") != model_id)
        {
          set_invalid (error, _("Only cards of one logic model can be copied together."));
          return NULL;
        }
      model_id = lookup_int (card, "model_id");
    }

  return verkan_xml_dup_model_cards (project, model_id, element_ids, n_elements, error);
}

/* Copies the columns of a row from verkan_xml_read_model() that the table
 * has, leaving out what the caller decides: where it goes and what it
 * refers to */
static void
dict_init_pasted (GVariantDict *dict, GVariant *row)
{
  static const char *const not_copied[] = {
    "table", "uuid", "parent", "position", "model_id", "element_id", "from_id", "to_id",
  };

  dict_init_copy (dict, row);
  for (guint i = 0; i < G_N_ELEMENTS (not_copied); i++)
    g_variant_dict_remove (dict, not_copied[i]);
}

gboolean
verkan_model_paste_cards (VerkanProject *project, gint64 model_id, const char *clipboard,
                          GArray *new_ids, GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) model = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) card_ids = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 next_position[VERKAN_MODEL_N_COLUMNS] = { 0, };
  gint64 next_card;
  guint n_cards = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  model = get_model (project, model_id, error);
  if (model == NULL)
    return FALSE;

  rows = verkan_xml_read_model (clipboard ? clipboard : "", &local_error);
  if (rows == NULL)
    {
      /* what is wrong with it is for developers; people need to know
       * that these are not cards */
      g_debug ("Not pasted: %s", local_error->message);
      set_invalid (error, _("The clipboard does not hold cards that Verkan can paste."));
      return FALSE;
    }

  /* each card goes last in its own column */
  for (guint c = 0; c < VERKAN_MODEL_N_COLUMNS; c++)
    {
      g_autoptr(GArray) cards = column_cards (project, model_id,
                                              verkan_model_column_token (c), 0, error);

      if (cards == NULL)
        return FALSE;
      if (cards->len > 0)
        next_position[c] = g_array_index (cards, Placed, cards->len - 1).position + 1;
    }

  command = verkan_command_new (_("Paste cards"));
  next_card = next_id (project, "model_element");
  /* the uuid a card had where it was copied → its id here */
  card_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      const char *table = NULL;
      const char *uuid = NULL;
      GVariantDict dict;

      g_variant_lookup (row, "table", "&s", &table);
      g_variant_lookup (row, "uuid", "&s", &uuid);

      if (g_strcmp0 (table, "model_element") == 0)
        {
          const char *token = NULL;
          int column;
          gint64 id = next_card++;

          g_variant_lookup (row, "column_kind", "&s", &token);
          column = verkan_model_column_from_token (token);
          if (column < 0)
            column = VERKAN_MODEL_COLUMN_ACTIVITIES;  /* the reader checked it */

          dict_init_pasted (&dict, row);
          g_variant_dict_insert (&dict, "id", "x", id);
          g_variant_dict_insert (&dict, "model_id", "x", model_id);
          g_variant_dict_insert (&dict, "column_kind", "s", verkan_model_column_token (column));
          g_variant_dict_insert (&dict, "position", "x", next_position[column]++);
          verkan_command_insert (command, "model_element", g_variant_dict_end (&dict));
          g_hash_table_insert (card_ids, (gpointer) uuid, int64_dup (id));
          if (new_ids != NULL)
            g_array_append_val (new_ids, id);
          n_cards++;
        }
      else if (g_strcmp0 (table, "indicator") == 0)
        {
          const char *parent = NULL;
          gint64 *element;

          g_variant_lookup (row, "parent", "&s", &parent);
          element = parent ? g_hash_table_lookup (card_ids, parent) : NULL;
          if (element == NULL)
            continue;
          dict_init_pasted (&dict, row);
          g_variant_dict_insert (&dict, "element_id", "x", *element);
          g_variant_dict_insert (&dict, "position", "x", lookup_int (row, "position"));
          verkan_command_insert (command, "indicator", g_variant_dict_end (&dict));
        }
      else if (g_strcmp0 (table, "model_link") == 0)
        {
          const char *from_uuid = NULL, *to_uuid = NULL;
          gint64 *from, *to;

          g_variant_lookup (row, "from_id", "&s", &from_uuid);
          g_variant_lookup (row, "to_id", "&s", &to_uuid);
          from = from_uuid ? g_hash_table_lookup (card_ids, from_uuid) : NULL;
          to = to_uuid ? g_hash_table_lookup (card_ids, to_uuid) : NULL;
          if (from == NULL || to == NULL)
            continue;
          dict_init_pasted (&dict, row);
          g_variant_dict_insert (&dict, "model_id", "x", model_id);
          g_variant_dict_insert (&dict, "from_id", "x", *from);
          g_variant_dict_insert (&dict, "to_id", "x", *to);
          verkan_command_insert (command, "model_link", g_variant_dict_end (&dict));
        }
    }

  if (n_cards == 0)
    return TRUE;  /* nothing to paste, nothing to undo */
  if (!verkan_project_execute (project, command, error))
    {
      if (new_ids != NULL)
        g_array_set_size (new_ids, new_ids->len - n_cards);
      return FALSE;
    }
  return TRUE;
}

/* --- frozen versions ---------------------------------------------------------- */

char *
verkan_model_dup_xml (VerkanProject *project, gint64 model_id, GError **error)
{
  g_autoptr(GVariant) model = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  model = get_model (project, model_id, error);
  if (model == NULL)
    return NULL;
  return verkan_xml_dup_model (project, model_id, error);
}

gint64
verkan_model_freeze (VerkanProject *project, gint64 model_id, const char *date,
                     GError **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  g_autoptr(GVariant) model = NULL;
  g_autofree char *today = NULL;
  g_autofree char *content = NULL;
  const char *uuid = NULL;
  const char *title = "";
  GVariantDict row;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (date == NULL)
    date = today = dup_today ();
  else if (!is_iso_date (date))
    {
      g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                   _("“%s” is not a date; write it as year-month-day, such as 2022-06-15."),
                   date);
      return 0;
    }

  model = get_model (project, model_id, error);
  if (model == NULL)
    return 0;
  content = verkan_xml_dup_model (project, model_id, error);
  if (content == NULL)
    return 0;
  g_variant_lookup (model, "uuid", "&s", &uuid);
  g_variant_lookup (model, "title", "&s", &title);

  command = verkan_command_new (_("Freeze version"));
  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_uuid", "s", uuid ? uuid : "");
  g_variant_dict_insert (&row, "title", "s", title);
  g_variant_dict_insert (&row, "date", "s", date);
  g_variant_dict_insert (&row, "content", "s", content);
  verkan_command_insert (command, "model_version", g_variant_dict_end (&row));

  if (!verkan_project_execute (project, command, error))
    return 0;
  return verkan_command_get_inserted_id (command, 0);
}

static char *
dup_string (GVariant *row, const char *column)
{
  const char *value = NULL;

  return g_variant_lookup (row, column, "&s", &value) ? g_strdup (value) : NULL;
}

/* @fallback may be *@field itself */
static void
replace_string (char **field, GVariant *row, const char *column, const char *fallback)
{
  char *value = dup_string (row, column);

  if (value == NULL)
    value = g_strdup (fallback);
  g_free (*field);
  *field = value;
}

static gboolean
lookup_double (GVariant *row, const char *column, double *value)
{
  return g_variant_lookup (row, column, "d", value);
}

VerkanModelSnapshot *
verkan_model_snapshot_from_xml (const char *content, GError **error)
{
  g_autoptr(VerkanModelSnapshot) self = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) ids = NULL;
  GVariant *model;
  gint64 next_element = 1, next_link = 1, next_indicator = 1;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rows = verkan_xml_read_model (content, error);
  if (rows == NULL)
    return NULL;
  g_assert (rows->len > 0);  /* the model's own row comes first */

  model = g_ptr_array_index (rows, 0);
  self = verkan_model_snapshot_new (NULL);
  replace_string (&self->title, model, "title", "");
  self->uuid = dup_string (model, "uuid");
  self->municipality = dup_string (model, "municipality");
  self->date = dup_string (model, "date");
  self->show_assumptions = lookup_int (model, "show_assumptions") != 0;
  self->show_external = lookup_int (model, "show_external") != 0;

  /* element uuid → the element, for the indicators and links */
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 1; i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      const char *table = NULL;

      g_variant_lookup (row, "table", "&s", &table);
      if (g_strcmp0 (table, "model_element") == 0)
        {
          g_autofree char *token = dup_string (row, "column_kind");
          int column = verkan_model_column_from_token (token);
          VerkanModelElement *element;

          element = verkan_model_snapshot_add_element (self, next_element++,
                                                       column >= 0 ? (VerkanModelColumn) column
                                                                   : VERKAN_MODEL_COLUMN_ACTIVITIES,
                                                       NULL);
          element->uuid = dup_string (row, "uuid");
          element->position = (int) lookup_int (row, "position");
          replace_string (&element->title, row, "title", "");
          replace_string (&element->text, row, "text", "");
          replace_string (&element->responsible, row, "responsible", "");
          replace_string (&element->status, row, "status", "not-assessed");
          element->pinned = lookup_int (row, "pinned") != 0;
          g_hash_table_insert (ids, element->uuid, element);
        }
      else if (g_strcmp0 (table, "indicator") == 0)
        {
          const char *parent = NULL;
          VerkanModelElement *element;
          VerkanModelIndicator *indicator;
          gint64 higher = 1;

          g_variant_lookup (row, "parent", "&s", &parent);
          element = parent ? g_hash_table_lookup (ids, parent) : NULL;
          if (element == NULL)
            continue;
          indicator = verkan_model_snapshot_add_indicator (self, next_indicator++,
                                                           element->id, NULL);
          indicator->uuid = dup_string (row, "uuid");
          replace_string (&indicator->name, row, "name", "");
          replace_string (&indicator->unit, row, "unit", "");
          replace_string (&indicator->source, row, "source", "");
          indicator->kolada_kpi = dup_string (row, "kolada_kpi");
          indicator->has_baseline_value = lookup_double (row, "baseline_value",
                                                         &indicator->baseline_value);
          indicator->baseline_year = (int) lookup_int (row, "baseline_year");
          indicator->has_target_value = lookup_double (row, "target_value",
                                                       &indicator->target_value);
          indicator->target_year = (int) lookup_int (row, "target_year");
          g_variant_lookup (row, "higher_is_better", "x", &higher);
          indicator->higher_is_better = higher != 0;
        }
      else if (g_strcmp0 (table, "model_link") == 0)
        {
          const char *from_uuid = NULL, *to_uuid = NULL;
          VerkanModelElement *from, *to;
          VerkanModelLink *link;

          g_variant_lookup (row, "from_id", "&s", &from_uuid);
          g_variant_lookup (row, "to_id", "&s", &to_uuid);
          from = from_uuid ? g_hash_table_lookup (ids, from_uuid) : NULL;
          to = to_uuid ? g_hash_table_lookup (ids, to_uuid) : NULL;
          if (from == NULL || to == NULL)
            continue;  /* the reader refuses such a link already */
          link = verkan_model_snapshot_add_link (self, next_link++, from->id, to->id, NULL);
          link->uuid = dup_string (row, "uuid");
          replace_string (&link->rationale, row, "rationale", "");
        }
    }

  g_ptr_array_sort (self->elements, verkan_model_element_compare);
  return g_steal_pointer (&self);
}

VerkanModelSnapshot *
verkan_model_snapshot_load_version (VerkanProject *project, gint64 version_id,
                                    GError **error)
{
  g_autoptr(GVariant) version = NULL;
  VerkanModelSnapshot *self;
  const char *content = NULL;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  version = get_row (project, "model_version", version_id,
                     _("The frozen version no longer exists."), error);
  if (version == NULL)
    return NULL;
  if (!g_variant_lookup (version, "content", "&s", &content))
    content = "";

  self = verkan_model_snapshot_from_xml (content, error);
  if (self == NULL)
    return NULL;

  /* drawn as "Logikmodell för Nora, daterad 2022-06-15": the version's
   * title and date, which the person gave when freezing */
  replace_string (&self->title, version, "title", self->title);
  replace_string (&self->date, version, "date", self->date);
  return self;
}
