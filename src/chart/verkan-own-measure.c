/* verkan-own-measure.c: the project's own measures: CSV in and out, and
 * replacing a measure's values as one undoable edit.
 *
 * The CSV reader takes what Swedish Excel and LibreOffice write: fields
 * separated by semicolons (commas or tabs only when there are none),
 * quoted fields with "" for a quote, CRLF or LF, a UTF-8 byte order mark,
 * Windows-1252 when the text is not UTF-8, and numbers with a decimal
 * comma and spaces between thousands.  Each error names the line, since
 * the person fixes it in the spreadsheet.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>

#include "verkan-format.h"
#include "verkan-municipality-catalog.h"
#include "verkan-own-measure.h"
#include "verkan-sql.h"

G_DEFINE_QUARK (verkan-csv-error-quark, verkan_csv_error)

/* Reading records */

typedef struct {
  GPtrArray *fields;   /* char * */
  guint      line;     /* where the record starts, from 1 */
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

static char
guess_separator (const char *text)
{
  if (strchr (text, ';'))
    return ';';
  if (strchr (text, '\t'))
    return '\t';
  return ',';
}

/* Splits @text into records; a quoted field may hold separators, quotes
 * ("") and line breaks */
static GPtrArray *
split_records (const char *text,
               char        separator)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = NULL;
  guint line = 1;
  const char *p = text;

  while (*p)
    {
      gboolean quoted = FALSE;

      if (record == NULL)
        {
          record = g_new0 (Record, 1);
          record->fields = g_ptr_array_new_with_free_func (g_free);
          record->line = line;
        }

      /* One field */
      g_string_truncate (field, 0);
      while (*p == ' ')
        p++;
      if (*p == '"')
        {
          quoted = TRUE;
          p++;
          while (*p)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
                    line++;
                  g_string_append_c (field, *p++);
                }
            }
        }
      /* The rest up to the separator (after a closing quote: kept, as
       * spreadsheets do with "12,5" kr) */
      while (*p && *p != separator && *p != '\n' && *p != '\r')
        g_string_append_c (field, *p++);
      if (!quoted)
        {
          g_strstrip (field->str);
          field->len = strlen (field->str);
        }
      g_ptr_array_add (record->fields, g_strdup (field->str));

      if (*p == separator)
        {
          p++;
          if (*p == '\0')
            {
              g_ptr_array_add (record->fields, g_strdup (""));
              g_ptr_array_add (records, g_steal_pointer (&record));
            }
          continue;
        }
      /* End of the record */
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      line++;
      g_ptr_array_add (records, g_steal_pointer (&record));
    }
  if (record)
    g_ptr_array_add (records, record);

  return records;
}

static gboolean
record_is_empty (Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    if (*(const char *) g_ptr_array_index (record->fields, i) != '\0')
      return FALSE;
  return TRUE;
}

/* Lower case, å ä ö as a a o, no spaces at the ends: "Värde " is "varde" */
static char *
normalize (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = down; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x00E5: case 0x00E4: case 0x00E1: case 0x00E0:
          g_string_append_c (out, 'a');
          break;
        case 0x00F6: case 0x00F8:
          g_string_append_c (out, 'o');
          break;
        case 0x00E9: case 0x00E8:
          g_string_append_c (out, 'e');
          break;
        case 0x00A0: case 0x202F:
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_unichar (out, c);
        }
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

typedef enum {
  COLUMN_NONE = -1,
  COLUMN_MUNICIPALITY,
  COLUMN_YEAR,
  COLUMN_GENDER,
  COLUMN_VALUE,
  N_COLUMNS
} Column;

static const struct {
  Column      column;
  const char *name;   /* normalized */
} header_names[] = {
  { COLUMN_YEAR, "ar" }, { COLUMN_YEAR, "artal" }, { COLUMN_YEAR, "year" },
  { COLUMN_YEAR, "period" }, { COLUMN_YEAR, "tid" },
  { COLUMN_VALUE, "varde" }, { COLUMN_VALUE, "varden" }, { COLUMN_VALUE, "value" },
  { COLUMN_VALUE, "values" },
  { COLUMN_MUNICIPALITY, "kommun" }, { COLUMN_MUNICIPALITY, "kommunkod" },
  { COLUMN_MUNICIPALITY, "kommunnamn" }, { COLUMN_MUNICIPALITY, "kommun-id" },
  { COLUMN_MUNICIPALITY, "municipality" }, { COLUMN_MUNICIPALITY, "municipality code" },
  { COLUMN_MUNICIPALITY, "kod" }, { COLUMN_MUNICIPALITY, "code" },
  { COLUMN_GENDER, "kon" }, { COLUMN_GENDER, "gender" }, { COLUMN_GENDER, "sex" },
};

/* The column a header names: "År", "Värde (antal)", "Kommunkod" */
static Column
header_column (const char *field)
{
  g_autofree char *name = normalize (field);

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      gsize len = strlen (header_names[i].name);

      /* the whole field, or its first word(s) before a space or bracket */
      if (strncmp (name, header_names[i].name, len) == 0 &&
          (name[len] == '\0' || name[len] == ' ' || name[len] == '('))
        return header_names[i].column;
    }
  return COLUMN_NONE;
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1000, 9999, &value, NULL))
    return FALSE;
  *year = (int) value;
  return TRUE;
}

static gboolean
parse_value (const char *text,
             double     *value)
{
  g_autofree char *copy = g_strdup (text);
  gsize len = strlen (copy);

  /* "12,5 %" as a spreadsheet shows a percentage */
  if (len > 0 && copy[len - 1] == '%')
    copy[len - 1] = '\0';
  return verkan_parse_number (copy, value);
}

static gboolean
looks_like_header (Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      double value;

      if (parse_value (g_ptr_array_index (record->fields, i), &value))
        return FALSE;
    }
  return TRUE;
}

/* A municipality by its code ("1861", or "180" where a spreadsheet ate
 * the leading zero of 0180) or its name ("Hallsberg", "Hallsbergs kommun") */
static const VerkanMunicipality *
find_municipality (const char *text)
{
  const VerkanMunicipality *found;
  g_autofree char *name = NULL;
  gsize len = strlen (text);

  if (len > 0 && len <= 4 && strspn (text, "0123456789") == len)
    {
      g_autofree char *code = g_strdup_printf ("%04d", atoi (text));

      return verkan_municipality_catalog_lookup (code);
    }

  found = verkan_municipality_catalog_find (text);
  if (found)
    return found;

  name = g_strdup (text);
  if (g_str_has_suffix (name, " kommun") || g_str_has_suffix (name, " Kommun"))
    {
      name[strlen (name) - strlen (" kommun")] = '\0';
      found = verkan_municipality_catalog_find (name);
      /* "Hallsbergs kommun": the genitive s */
      if (found == NULL && g_str_has_suffix (name, "s"))
        {
          name[strlen (name) - 1] = '\0';
          found = verkan_municipality_catalog_find (name);
        }
    }
  return found;
}

static int
parse_gender (const char *text)
{
  g_autofree char *name = normalize (text);
  static const struct { const char *name; char code; } genders[] = {
    { "", 'T' }, { "t", 'T' }, { "totalt", 'T' }, { "total", 'T' }, { "alla", 'T' },
    { "samtliga", 'T' }, { "k", 'K' }, { "kvinnor", 'K' }, { "kvinna", 'K' },
    { "women", 'K' }, { "female", 'K' }, { "f", 'K' }, { "m", 'M' }, { "man", 'M' },
    { "men", 'M' }, { "male", 'M' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (genders); i++)
    if (g_str_equal (name, genders[i].name))
      return genders[i].code;
  return -1;
}

static void
own_value_clear (VerkanOwnValue *value)
{
  g_free (value->municipality);
}

static GArray *
own_values_new (void)
{
  GArray *values = g_array_new (FALSE, TRUE, sizeof (VerkanOwnValue));

  g_array_set_clear_func (values, (GDestroyNotify) own_value_clear);
  return values;
}

/* UTF-8 (a BOM dropped), UTF-16 with a BOM, or else Windows-1252 */
static char *
to_utf8 (const char  *text,
         gsize        length,
         GError     **error)
{
  gsize written = 0;
  char *converted;

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  else if (length >= 2 && (memcmp (text, "\xFF\xFE", 2) == 0 || memcmp (text, "\xFE\xFF", 2) == 0))
    {
      converted = g_convert (text + 2, length - 2, "UTF-8",
                             text[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", NULL, NULL, NULL);
      if (converted && g_utf8_validate (converted, -1, NULL))
        return converted;
      g_free (converted);
      g_set_error_literal (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_ENCODING,
                           _("The file is neither UTF-8 nor Windows-1252 text"));
      return NULL;
    }

  if (g_utf8_validate (text, length, NULL))
    return g_strndup (text, length);

  /* A NUL byte in the middle is no text of either kind */
  converted = g_convert (text, length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
  if (converted == NULL || strlen (converted) != written)
    {
      g_free (converted);
      g_set_error_literal (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_ENCODING,
                           _("The file is neither UTF-8 nor Windows-1252 text"));
      return NULL;
    }
  return converted;
}

static gboolean value_error (GError   **error,
                             guint      line,
                             const char *format,
                             ...) G_GNUC_PRINTF (3, 4);

static gboolean
value_error (GError   **error,
             guint      line,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "Line 4: “12,x” is not a number" */
  g_set_error (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_VALUE,
               _("Line %u: %s"), line, what);
  return FALSE;
}

static gboolean
parse_record (Record          *record,
              const int        columns[N_COLUMNS],
              VerkanOwnValue  *out,
              GError         **error)
{
  const char *field[N_COLUMNS];
  int gender;

  for (int c = 0; c < N_COLUMNS; c++)
    field[c] = columns[c] >= 0 && (guint) columns[c] < record->fields->len
               ? g_ptr_array_index (record->fields, columns[c]) : "";

  out->municipality = NULL;
  if (*field[COLUMN_MUNICIPALITY])
    {
      const VerkanMunicipality *municipality = find_municipality (field[COLUMN_MUNICIPALITY]);

      if (municipality == NULL)
        return value_error (error, record->line, _("“%s” is not a municipality"),
                            field[COLUMN_MUNICIPALITY]);
      out->municipality = g_strdup (municipality->code);
    }

  if (*field[COLUMN_YEAR] == '\0')
    return value_error (error, record->line, "%s", _("the year is missing"));
  if (!parse_year (field[COLUMN_YEAR], &out->year))
    return value_error (error, record->line, _("“%s” is not a year"), field[COLUMN_YEAR]);

  gender = parse_gender (field[COLUMN_GENDER]);
  if (gender < 0)
    return value_error (error, record->line, _("“%s” is not a gender (K, M or T)"),
                        field[COLUMN_GENDER]);
  out->gender = (char) gender;

  /* An empty cell is a gap, never a zero */
  out->has_value = *field[COLUMN_VALUE] != '\0';
  out->value = 0;
  if (out->has_value && !parse_value (field[COLUMN_VALUE], &out->value))
    return value_error (error, record->line, _("“%s” is not a number"), field[COLUMN_VALUE]);

  if (out->municipality == NULL)
    out->municipality = g_strdup ("");
  return TRUE;
}

GArray *
verkan_own_measure_parse_csv (const char  *text,
                              gsize        length,
                              GError     **error)
{
  g_autofree char *utf8 = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) values = own_values_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[N_COLUMNS] = { COLUMN_NONE, COLUMN_NONE, COLUMN_NONE, COLUMN_NONE };
  guint first = 0;
  Record *head;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length == (gsize) -1)
    length = strlen (text);
  utf8 = to_utf8 (text ? text : "", length, error);
  if (utf8 == NULL)
    return NULL;

  records = split_records (utf8, guess_separator (utf8));
  while (first < records->len && record_is_empty (g_ptr_array_index (records, first)))
    first++;
  if (first == records->len)
    {
      g_set_error_literal (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_EMPTY,
                           _("The file holds no values"));
      return NULL;
    }

  /* A header names its columns; without one the columns go by their count */
  head = g_ptr_array_index (records, first);
  for (guint i = 0; i < head->fields->len; i++)
    {
      Column column = header_column (g_ptr_array_index (head->fields, i));

      if (column != COLUMN_NONE && columns[column] == COLUMN_NONE)
        columns[column] = (int) i;
    }
  if (columns[COLUMN_YEAR] >= 0 || columns[COLUMN_VALUE] >= 0)
    {
      /* "År;Antal deltagare": the one column left is the value */
      if (columns[COLUMN_VALUE] < 0)
        {
          int left = -1, n_left = 0;

          for (guint i = 0; i < head->fields->len; i++)
            if ((int) i != columns[COLUMN_YEAR] && (int) i != columns[COLUMN_MUNICIPALITY] &&
                (int) i != columns[COLUMN_GENDER])
              {
                left = (int) i;
                n_left++;
              }
          if (n_left == 1)
            columns[COLUMN_VALUE] = left;
        }
      if (columns[COLUMN_YEAR] < 0 || columns[COLUMN_VALUE] < 0)
        {
          g_set_error (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_COLUMNS,
                       columns[COLUMN_YEAR] < 0
                       ? _("Line %u: no column is named “År” or “Year”")
                       : _("Line %u: no column is named “Värde” or “Value”"),
                       head->line);
          return NULL;
        }
      first++;
    }
  else
    {
      guint n = head->fields->len;

      /* a header of names Verkan does not know: "Tid;Deltagare" */
      if (looks_like_header (head))
        first++;
      if (n < 2)
        {
          g_set_error (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_COLUMNS,
                       _("Line %u: a year and a value are needed, separated by semicolons"),
                       head->line);
          return NULL;
        }
      if (n == 2)
        {
          columns[COLUMN_YEAR] = 0;
          columns[COLUMN_VALUE] = 1;
        }
      else
        {
          columns[COLUMN_MUNICIPALITY] = 0;
          columns[COLUMN_YEAR] = 1;
          if (n >= 4)
            {
              columns[COLUMN_GENDER] = 2;
              columns[COLUMN_VALUE] = 3;
            }
          else
            columns[COLUMN_VALUE] = 2;
        }
    }

  for (guint r = first; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      VerkanOwnValue value = { 0 };
      char *key;

      if (record_is_empty (record))
        continue;
      if (!parse_record (record, columns, &value, error))
        {
          own_value_clear (&value);
          return NULL;
        }
      key = g_strdup_printf ("%s:%d:%c", value.municipality, value.year, value.gender);
      if (!g_hash_table_add (seen, key))
        {
          int year = value.year;

          own_value_clear (&value);
          /* Translators: %d is a year that has two values in the file */
          value_error (error, record->line, _("a second value for %d"), year);
          return NULL;
        }
      g_array_append_val (values, value);
    }

  if (values->len == 0)
    {
      g_set_error_literal (error, VERKAN_CSV_ERROR, VERKAN_CSV_ERROR_EMPTY,
                           _("The file holds no values"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

/* Writing */

static gboolean
measure_exists (sqlite3  *db,
                gint64    measure_id,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM own_measure WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, measure_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_NOT_FOUND,
                 _("There is no own measure %lld in the project"), (long long) measure_id);
  else
    verkan_sql_set_error (error, db);
  return FALSE;
}

gboolean
verkan_own_measure_set_values (VerkanProject  *project,
                               gint64          measure_id,
                               GArray         *values,
                               GError        **error)
{
  g_autoptr(VerkanCommand) command = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), FALSE);

  db = verkan_project_get_db (project);
  if (!measure_exists (db, measure_id, error))
    return FALSE;

  for (guint i = 0; values && i < values->len; i++)
    {
      const VerkanOwnValue *value = &g_array_index (values, VerkanOwnValue, i);

      if (value->gender != 'T' && value->gender != 'K' && value->gender != 'M')
        {
          g_set_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                       _("“%c” is not a gender (K, M or T)"), value->gender);
          return FALSE;
        }
      if (value->has_value && !isfinite (value->value))
        {
          g_set_error_literal (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID,
                               _("A value is not a number"));
          return FALSE;
        }
    }

  /* Translators: undo label: the values of an own measure replaced */
  command = verkan_command_new (_("Import values"));

  if (sqlite3_prepare_v2 (db, "SELECT id FROM own_value WHERE measure_id = ?1 ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, measure_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    verkan_command_delete (command, "own_value", sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      return FALSE;
    }

  for (guint i = 0; values && i < values->len; i++)
    {
      const VerkanOwnValue *value = &g_array_index (values, VerkanOwnValue, i);
      char gender[2] = { value->gender, '\0' };
      GVariantDict row;

      g_variant_dict_init (&row, NULL);
      g_variant_dict_insert (&row, "measure_id", "x", measure_id);
      g_variant_dict_insert (&row, "municipality", "s", value->municipality ? value->municipality : "");
      g_variant_dict_insert (&row, "year", "x", (gint64) value->year);
      g_variant_dict_insert (&row, "gender", "s", gender);
      /* a gap is a row without a value, so the table still shows the year */
      if (value->has_value)
        g_variant_dict_insert (&row, "value", "d", value->value);
      verkan_command_insert (command, "own_value", g_variant_dict_end (&row));
    }

  return verkan_project_execute (project, command, error);
}

guint
verkan_own_measure_import_csv (VerkanProject  *project,
                               gint64          measure_id,
                               const char     *path,
                               GError        **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GArray) values = NULL;
  gsize length = 0;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!g_file_get_contents (path, &contents, &length, error))
    return 0;
  values = verkan_own_measure_parse_csv (contents, length, error);
  if (values == NULL)
    return 0;
  if (!verkan_own_measure_set_values (project, measure_id, values, error))
    return 0;
  return values->len;
}

/* A number the way Swedish Excel reads it back: 1284,5 (no thousands
 * separator, which a spreadsheet could take for text) */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *point;

  /* the shortest text that reads back as the same number */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  point = strchr (buffer, '.');
  if (point)
    *point = ',';
  g_string_append (out, buffer);
}

static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ";\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
verkan_own_measure_dup_csv (VerkanProject  *project,
                            gint64          measure_id,
                            GError        **error)
{
  g_autoptr(GString) out = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (VERKAN_IS_PROJECT (project), NULL);

  db = verkan_project_get_db (project);
  if (!measure_exists (db, measure_id, error))
    return NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT municipality, year, gender, value FROM own_value "
                          "WHERE measure_id = ?1 ORDER BY municipality, year, "
                          "CASE gender WHEN 'T' THEN 0 WHEN 'K' THEN 1 ELSE 2 END",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, measure_id);

  /* The header stays Swedish whatever the language: it is data, read
   * back by this parser and by Swedish spreadsheets */
  out = g_string_new ("Kommun;År;Kön;Värde\r\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *municipality = (const char *) sqlite3_column_text (stmt, 0);
      const char *gender = (const char *) sqlite3_column_text (stmt, 2);

      append_field (out, municipality ? municipality : "");
      g_string_append_printf (out, ";%d;", sqlite3_column_int (stmt, 1));
      append_field (out, gender ? gender : "T");
      g_string_append_c (out, ';');
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        append_number (out, sqlite3_column_double (stmt, 3));
      g_string_append (out, "\r\n");
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      verkan_sql_set_error (error, db);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
