/* verkan-format.c: Swedish number and date formats, independent of the
 * process locale (a report reads the same whoever exports it) */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <string.h>

#include "verkan-format.h"

#define NO_BREAK_SPACE "\xc2\xa0"

char *
verkan_format_number (double value, int decimals)
{
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  GString *out;
  const char *point, *start;
  gsize integer_len;

  if (!isfinite (value))
    return g_strdup ("–");

  if (decimals < 0)
    {
      /* as many as needed, at most two: 120, 96,5, 0,25 */
      g_ascii_formatd (digits, sizeof digits, "%.2f", value);
      if (strchr (digits, '.'))
        {
          char *end = digits + strlen (digits) - 1;
          while (*end == '0')
            *end-- = '\0';
          if (*end == '.')
            *end = '\0';
        }
    }
  else
    {
      g_autofree char *format = g_strdup_printf ("%%.%df", MIN (decimals, 10));
      g_ascii_formatd (digits, sizeof digits, format, value);
    }

  /* -0 after rounding reads as 0 */
  if (digits[0] == '-' && strspn (digits + 1, "0.") == strlen (digits + 1))
    memmove (digits, digits + 1, strlen (digits));

  out = g_string_new (NULL);
  start = digits;
  if (*start == '-')
    {
      g_string_append (out, "−");  /* a real minus sign, as typeset */
      start++;
    }
  point = strchr (start, '.');
  integer_len = point ? (gsize) (point - start) : strlen (start);
  for (gsize i = 0; i < integer_len; i++)
    {
      if (i > 0 && (integer_len - i) % 3 == 0)
        g_string_append (out, NO_BREAK_SPACE);
      g_string_append_c (out, start[i]);
    }
  if (point)
    {
      g_string_append_c (out, ',');
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

char *
verkan_format_percent (double value, int decimals)
{
  g_autofree char *number = verkan_format_number (value, decimals);
  return g_strconcat (number, NO_BREAK_SPACE "%", NULL);
}

gboolean
verkan_parse_number (const char *text, double *value)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  gboolean seen_digit = FALSE, seen_point = FALSE;
  char *end = NULL;
  double parsed;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        continue;  /* thousands separators, and stray spaces */
      else if (c == ',' || c == '.')
        {
          if (seen_point)
            return FALSE;
          seen_point = TRUE;
          g_string_append_c (plain, '.');
        }
      else if (c == '-' || c == 0x2212)
        {
          if (plain->len > 0)
            return FALSE;
          g_string_append_c (plain, '-');
        }
      else if (c >= '0' && c <= '9')
        {
          seen_digit = TRUE;
          g_string_append_c (plain, (char) c);
        }
      else
        return FALSE;
    }
  if (!seen_digit)
    return FALSE;

  parsed = g_ascii_strtod (plain->str, &end);
  if (end == NULL || *end != '\0' || !isfinite (parsed))
    return FALSE;
  *value = parsed;
  return TRUE;
}

gboolean
verkan_date_is_valid (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* Swedish puts å, ä, ö after z whatever the process's locale says, so the
 * key is made here: those letters map to bytes past every ASCII letter
 * (DEL, then 1–3), and a few accented letters to the letter they sort as. */
char *
verkan_swedish_sort_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_sized_new (strlen (folded) + 8);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x00E5: g_string_append (key, "\x7f\x01"); break; /* å */
        case 0x00E4: g_string_append (key, "\x7f\x02"); break; /* ä */
        case 0x00E6: g_string_append (key, "\x7f\x02"); break; /* æ */
        case 0x00F6: g_string_append (key, "\x7f\x03"); break; /* ö */
        case 0x00F8: g_string_append (key, "\x7f\x03"); break; /* ø */
        case 0x00E9: case 0x00E8: g_string_append_c (key, 'e'); break; /* é è */
        case 0x00E1: case 0x00E0: g_string_append_c (key, 'a'); break; /* á à */
        case 0x00FC: g_string_append_c (key, 'y'); break;     /* ü */
        default: g_string_append_unichar (key, c);
        }
    }

  return g_string_free (key, FALSE);
}
