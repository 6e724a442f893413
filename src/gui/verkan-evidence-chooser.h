/* verkan-evidence-chooser.h: a popover to link a document, or a page of
 * it, to a logic-model card as evidence
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_EVIDENCE_CHOOSER (verkan_evidence_chooser_get_type ())
G_DECLARE_FINAL_TYPE (VerkanEvidenceChooser, verkan_evidence_chooser, VERKAN, EVIDENCE_CHOOSER, GtkPopover)

GtkWidget *verkan_evidence_chooser_new         (VerkanProject         *project);
/* The card the chosen document is linked to; reloads the documents */
void       verkan_evidence_chooser_set_element (VerkanEvidenceChooser *self,
                                                gint64                 element_id);
/* For tests and the keyboard: picks @document_id in the list (FALSE when
 * it is not shown) */
gboolean   verkan_evidence_chooser_select      (VerkanEvidenceChooser *self,
                                                gint64                 document_id);

/* ::linked (gint64 evidence_id): a link was made; the popover closes */

G_END_DECLS
