/* verkan-text-extract.c: the text of a document, for full-text search
 *
 * PDF pages come from poppler-glib, joined by form feeds.  ODT and DOCX are
 * zip files: libgsf opens the member (content.xml, word/document.xml) and
 * libxml2 parses it; the walk keeps only the text a reader sees, one
 * paragraph a line.  Plain text, Markdown and CSV are taken as UTF-8, or as
 * Windows-1252 when they are not (what Excel writes on a Swedish Windows).
 * The text handed back is always valid UTF-8 in NFC, so that "å" typed by
 * a person matches an "å" a PDF wrote as "a" plus a combining ring.
 *
 * Threads: every call works on its own objects only; the one process-wide
 * step, libxml2's initialisation, runs once under g_once.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler.h>

#include "verkan-text-extract.h"

G_DEFINE_QUARK (verkan-text-extract-error-quark, verkan_text_extract_error)

#define MIME_PDF  "application/pdf"
#define MIME_ODT  "application/vnd.oasis.opendocument.text"
#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#define NS_ODF_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_ODF_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_WORD     "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* Search needs the words, not every byte of a huge log file or of a zip
 * member that unpacks to gigabytes */
#define MAX_TEXT_BYTES   ((gsize) 64 << 20)
#define MAX_MEMBER_BYTES ((gsize) 256 << 20)

void
verkan_extracted_text_free (VerkanExtractedText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_free (text->title);
  g_free (text->author);
  g_free (text);
}

/* --- guessing the type ------------------------------------------------------ */

static const struct {
  const char *suffix;
  const char *mime_type;
} by_suffix[] = {
  /* shared-mime-info calls these text/x-markdown or text/plain depending on
   * its version, and a CSV's head may look like anything */
  { ".md",       "text/markdown" },
  { ".markdown", "text/markdown" },
  { ".csv",      "text/csv" },
};

char *
verkan_text_extract_guess_mime (const char   *file_name,
                                const guchar *head,
                                gsize         head_length)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gboolean uncertain = FALSE;

  if (file_name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (file_name, -1);

      for (guint i = 0; i < G_N_ELEMENTS (by_suffix); i++)
        if (g_str_has_suffix (lower, by_suffix[i].suffix))
          return g_strdup (by_suffix[i].mime_type);
    }

  content_type = g_content_type_guess (file_name, head_length > 0 ? head : NULL,
                                       head_length, &uncertain);
  if (content_type != NULL)
    mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL)
    return g_strdup ("application/octet-stream");
  if (g_str_equal (mime_type, "text/x-markdown"))
    return g_strdup ("text/markdown");
  return g_steal_pointer (&mime_type);
}

/* --- helpers ------------------------------------------------------------------ */

static char *
dup_nonempty (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return NULL;
  return g_steal_pointer (&stripped);
}

static VerkanExtractedText *
extracted_new (GString *text,
               int      n_pages,
               char    *title,
               char    *author)
{
  VerkanExtractedText *result = g_new0 (VerkanExtractedText, 1);
  g_autofree char *raw = g_string_free (text, FALSE);

  result->text = g_utf8_normalize (raw, -1, G_NORMALIZE_NFC);
  if (result->text == NULL)
    result->text = g_utf8_make_valid (raw, -1);
  result->n_pages = n_pages;
  result->title = title;
  result->author = author;
  return result;
}

/* --- PDF ---------------------------------------------------------------------- */

static VerkanExtractedText *
extract_pdf (const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  /* poppler-glib 22.12 declares no autoptr cleanups */
  PopplerDocument *document = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  VerkanExtractedText *result;
  GString *text;
  int n_pages;

  /* through GFile, so a relative path (as typed on the command line) works */
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  document = poppler_document_new_from_file (uri, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_set_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE,
                   /* Translators: %s is the PDF reader's own (English) reason */
                   _("The PDF could not be read (%s). It may be damaged or protected by a password."),
                   local_error != NULL ? local_error->message : "?");
      return NULL;
    }

  n_pages = poppler_document_get_n_pages (document);
  text = g_string_new (NULL);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *page_text = NULL;
      PopplerPage *page;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_string_free (text, TRUE);
          g_object_unref (document);
          return NULL;
        }
      if (i > 0)
        g_string_append_c (text, '\f');
      page = poppler_document_get_page (document, i);
      if (page != NULL)
        {
          page_text = poppler_page_get_text (page);
          g_object_unref (page);
        }
      if (page_text != NULL)
        g_string_append (text, page_text);
    }

  title = poppler_document_get_title (document);
  author = poppler_document_get_author (document);
  result = extracted_new (text, n_pages, dup_nonempty (title), dup_nonempty (author));
  g_object_unref (document);
  return result;
}

/* --- zip members and XML ------------------------------------------------------- */

static void
init_libxml (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

static void
set_unreadable_zip (GError     **error,
                    const char  *reason)
{
  g_set_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE,
               /* Translators: %s says what was wrong inside the ODT or DOCX file */
               _("The document could not be read (%s). It may be damaged."), reason);
}

static GsfInfile *
open_zip (const char  *path,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GsfInput *input;
  GsfInfile *zip;

  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is the system's reason */
                   _("The file could not be opened: %s"),
                   local_error != NULL ? local_error->message : "?");
      return NULL;
    }
  zip = gsf_infile_zip_new (input, &local_error);
  g_object_unref (input);
  if (zip == NULL)
    set_unreadable_zip (error, _("it is not a zip archive"));
  return zip;
}

/* The member at @names (a NULL-terminated path) parsed, or NULL;
 * @required says whether its absence is an error */
static xmlDoc *
read_member (GsfInfile   *zip,
             const char  *const *names,
             gboolean     required,
             GError     **error)
{
  g_autoptr(GObject) member = NULL;   /* a GsfInput: libgsf has no autoptr */
  g_autofree guint8 *data = NULL;
  GsfInput *current = GSF_INPUT (zip);
  gsf_off_t size;
  xmlDoc *doc;

  g_object_ref (current);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GsfInput *child = NULL;

      if (GSF_IS_INFILE (current))
        child = gsf_infile_child_by_name (GSF_INFILE (current), names[i]);
      g_object_unref (current);
      current = child;
      if (current == NULL)
        break;
    }
  member = (GObject *) current;
  if (member == NULL)
    {
      if (required)
        {
          g_autofree char *joined = g_strjoinv ("/", (char **) names);
          g_autofree char *reason =
            /* Translators: %s is a file name inside the archive, e.g. content.xml */
            g_strdup_printf (_("%s is missing"), joined);
          set_unreadable_zip (error, reason);
        }
      return NULL;
    }

  size = gsf_input_size (GSF_INPUT (member));
  if (size < 0 || (guint64) size > MAX_MEMBER_BYTES)
    {
      set_unreadable_zip (error, _("a part of it is too large"));
      return NULL;
    }
  data = g_malloc (size + 1);
  if (size > 0 && gsf_input_read (GSF_INPUT (member), size, data) == NULL)
    {
      set_unreadable_zip (error, _("a part of it cannot be unpacked"));
      return NULL;
    }

  init_libxml ();
  /* NONET: never fetch anything; no NOENT, so entities are not expanded */
  doc = xmlReadMemory ((const char *) data, (int) size, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL && required)
    set_unreadable_zip (error, _("its XML is not well-formed"));
  return doc;
}

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, ns) == 0
         && g_strcmp0 ((const char *) node->name, name) == 0;
}

/* The text of the first element @ns:@name anywhere under @node */
static char *
find_text (xmlNode    *node,
           const char *ns,
           const char *name)
{
  for (; node != NULL; node = node->next)
    {
      char *found;

      if (is_element (node, ns, name))
        {
          xmlChar *content = xmlNodeGetContent (node);
          found = dup_nonempty ((const char *) content);
          xmlFree (content);
          if (found != NULL)
            return found;
        }
      if (node->type == XML_ELEMENT_NODE
          && (found = find_text (node->children, ns, name)) != NULL)
        return found;
    }
  return NULL;
}

static void
end_line (GString *text)
{
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
}

/* ODF collapses white space inside a paragraph: spaces beyond the first
 * are written as text:s */
static void
append_collapsed (GString    *text,
                  const char *content)
{
  for (const char *p = content; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (text->len > 0 && text->str[text->len - 1] != ' '
              && text->str[text->len - 1] != '\n')
            g_string_append_c (text, ' ');
        }
      else
        g_string_append_c (text, *p);
    }
}

static void
walk_odt (xmlNode *node,
          GString *text,
          int      in_paragraph)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (in_paragraph > 0 && node->content != NULL)
            append_collapsed (text, (const char *) node->content);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (node, NS_ODF_TEXT, "p") || is_element (node, NS_ODF_TEXT, "h"))
        {
          end_line (text);
          walk_odt (node->children, text, in_paragraph + 1);
          end_line (text);
        }
      else if (is_element (node, NS_ODF_TEXT, "s"))
        {
          xmlChar *count = xmlGetNsProp (node, (const xmlChar *) "c",
                                         (const xmlChar *) NS_ODF_TEXT);
          gint64 n = count != NULL ? g_ascii_strtoll ((const char *) count, NULL, 10) : 1;

          xmlFree (count);
          for (gint64 i = 0; i < CLAMP (n, 1, 1000); i++)
            g_string_append_c (text, ' ');
        }
      else if (is_element (node, NS_ODF_TEXT, "tab"))
        g_string_append_c (text, '\t');
      else if (is_element (node, NS_ODF_TEXT, "line-break"))
        g_string_append_c (text, '\n');
      else if (is_element (node, NS_ODF_TEXT, "tracked-changes"))
        continue;   /* deleted text, kept for the change history */
      else
        walk_odt (node->children, text, in_paragraph);
    }
}

static void
walk_docx (xmlNode *node,
           GString *text)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, NS_WORD, "t"))
        {
          /* only w:t holds visible text (not w:delText, w:instrText) */
          xmlChar *content = xmlNodeGetContent (node);
          if (content != NULL)
            g_string_append (text, (const char *) content);
          xmlFree (content);
        }
      else if (is_element (node, NS_WORD, "tab"))
        g_string_append_c (text, '\t');
      else if (is_element (node, NS_WORD, "br") || is_element (node, NS_WORD, "cr"))
        g_string_append_c (text, '\n');
      else if (is_element (node, NS_WORD, "p"))
        {
          end_line (text);
          walk_docx (node->children, text);
          end_line (text);
        }
      else
        walk_docx (node->children, text);
    }
}

static VerkanExtractedText *
extract_office (const char    *path,
                gboolean       is_docx,
                GCancellable  *cancellable,
                GError       **error)
{
  static const char *const odt_content[] = { "content.xml", NULL };
  static const char *const odt_meta[] = { "meta.xml", NULL };
  static const char *const docx_content[] = { "word", "document.xml", NULL };
  static const char *const docx_meta[] = { "docProps", "core.xml", NULL };
  g_autoptr(GObject) zip = NULL;   /* a GsfInfile */
  xmlDoc *content;
  xmlDoc *meta;
  GString *text;
  char *title = NULL;
  char *author = NULL;

  zip = (GObject *) open_zip (path, error);
  if (zip == NULL)
    return NULL;
  content = read_member (GSF_INFILE (zip), is_docx ? docx_content : odt_content, TRUE, error);
  if (content == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      xmlFreeDoc (content);
      return NULL;
    }

  text = g_string_new (NULL);
  if (is_docx)
    walk_docx (xmlDocGetRootElement (content), text);
  else
    walk_odt (xmlDocGetRootElement (content), text, 0);
  xmlFreeDoc (content);

  /* metadata is a bonus: a missing or broken meta.xml costs only the title */
  meta = read_member (GSF_INFILE (zip), is_docx ? docx_meta : odt_meta, FALSE, NULL);
  if (meta != NULL)
    {
      xmlNode *root = xmlDocGetRootElement (meta);

      title = find_text (root, NS_DC, "title");
      if (!is_docx)
        author = find_text (root, NS_ODF_META, "initial-creator");
      if (author == NULL)
        author = find_text (root, NS_DC, "creator");
      xmlFreeDoc (meta);
    }

  return extracted_new (text, 0, title, author);
}

/* --- plain text ----------------------------------------------------------------- */

static VerkanExtractedText *
extract_plain (const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *converted = NULL;
  const char *start;
  const char *valid_end;
  gsize length;
  FILE *file;
  int saved_errno;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The file could not be opened: %s"), g_strerror (saved_errno));
      return NULL;
    }
  data = g_malloc (MAX_TEXT_BYTES + 1);
  length = fread (data, 1, MAX_TEXT_BYTES, file);
  saved_errno = errno;
  if (ferror (file))
    {
      fclose (file);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The file could not be read: %s"), g_strerror (saved_errno));
      return NULL;
    }
  fclose (file);
  data = g_realloc (data, length + 1);
  data[length] = '\0';

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  start = data;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start += 3;
  length -= start - data;

  /* a cut at MAX_TEXT_BYTES may split the last character: drop it */
  if (!g_utf8_validate_len (start, length, &valid_end)
      && length == MAX_TEXT_BYTES - (gsize) (start - data)
      && (gsize) (valid_end - start) + 4 > length
      && g_utf8_get_char_validated (valid_end, start + length - valid_end) == (gunichar) -2)
    length = valid_end - start;

  if (!g_utf8_validate_len (start, length, NULL))
    {
      converted = g_convert (start, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      /* Windows-1252 leaves five bytes undefined; Latin-1 takes any byte */
      if (converted == NULL)
        converted = g_convert (start, length, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      if (converted == NULL)
        converted = g_utf8_make_valid (start, length);
      start = converted;
      length = strlen (converted);
    }

  return extracted_new (g_string_new_len (start, strnlen (start, length)), 0, NULL, NULL);
}

static gboolean
is_plain_text (const char *mime_type)
{
  static const char *const plain[] = {
    "text/plain", "text/markdown", "text/x-markdown", "text/csv",
    "text/tab-separated-values",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (g_ascii_strcasecmp (mime_type, plain[i]) == 0)
      return TRUE;
  return FALSE;
}

VerkanExtractedText *
verkan_text_extract_file (const char    *path,
                          const char    *mime_type,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (g_ascii_strcasecmp (mime_type, MIME_PDF) == 0)
    return extract_pdf (path, cancellable, error);
  if (g_ascii_strcasecmp (mime_type, MIME_ODT) == 0)
    return extract_office (path, FALSE, cancellable, error);
  if (g_ascii_strcasecmp (mime_type, MIME_DOCX) == 0)
    return extract_office (path, TRUE, cancellable, error);
  if (is_plain_text (mime_type))
    return extract_plain (path, cancellable, error);

  g_set_error (error, VERKAN_TEXT_EXTRACT_ERROR, VERKAN_TEXT_EXTRACT_ERROR_UNSUPPORTED,
               /* Translators: %s is a MIME type such as image/png */
               _("Verkan cannot read text from files of type %s."), mime_type);
  return NULL;
}
