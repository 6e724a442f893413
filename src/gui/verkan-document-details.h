/* verkan-document-details.h: the chosen document beside the Dokument
 * page's list: its metadata to edit, its file, and what can be done
 * with it (open, save as, appendix, remove)
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"
#include "verkan-record.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_DOCUMENT_DETAILS (verkan_document_details_get_type ())
G_DECLARE_FINAL_TYPE (VerkanDocumentDetails, verkan_document_details, VERKAN, DOCUMENT_DETAILS, AdwBin)

GtkWidget    *verkan_document_details_new          (void);
/* @record: a row of the document table, or NULL for none */
void          verkan_document_details_set_document (VerkanDocumentDetails *self,
                                                    VerkanProject         *project,
                                                    VerkanRecord          *record);
VerkanRecord *verkan_document_details_get_document (VerkanDocumentDetails *self);
/* The document's appendix number, 0 when it is none */
void          verkan_document_details_set_appendix (VerkanDocumentDetails *self,
                                                    guint                  number);

G_END_DECLS
