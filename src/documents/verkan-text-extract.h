/* verkan-text-extract.h: the text of a document, for full-text search.
 *
 * PDF with poppler-glib; ODT (content.xml) and DOCX (word/document.xml)
 * by reading the zip with libgsf and the XML with libxml2; plain text,
 * Markdown and CSV as UTF-8 (or Windows-1252).  Thread-safe: the document
 * store calls it from a worker thread.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VERKAN_TEXT_EXTRACT_ERROR (verkan_text_extract_error_quark ())
typedef enum {
  VERKAN_TEXT_EXTRACT_ERROR_UNREADABLE,   /* poppler or the zip cannot read it */
  VERKAN_TEXT_EXTRACT_ERROR_UNSUPPORTED,  /* a kind with no text to find (images…) */
} VerkanTextExtractError;
GQuark verkan_text_extract_error_quark (void);

typedef struct {
  char  *text;          /* pages separated by form feeds ("\f") for a PDF */
  int    n_pages;       /* 0 when the format has no pages */
  char  *title;         /* the document's own title (PDF/ODT/DOCX metadata) or NULL */
  char  *author;        /* or NULL */
} VerkanExtractedText;

void verkan_extracted_text_free (VerkanExtractedText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerkanExtractedText, verkan_extracted_text_free)

/* "application/pdf", "application/vnd.oasis.opendocument.text", … from the
 * file's first bytes and its name (g_content_type_guess), never NULL */
char                *verkan_text_extract_guess_mime (const char    *file_name,
                                                     const guchar  *head,
                                                     gsize          head_length);
/* Reads @path (which has @mime_type) */
VerkanExtractedText *verkan_text_extract_file       (const char    *path,
                                                     const char    *mime_type,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

G_END_DECLS
