/* verkan-document-launcher.h: opening and saving out a stored document.
 *
 * Opening writes a private, read-only temporary copy (core:
 * verkan_document_store_dup_temp_copy) and hands it to the system's
 * application through GtkFileLauncher (GTK 4.10) or the portal / default
 * handler (gtk_show_uri on 4.8).  "Spara som…" asks for a place with the
 * file chooser and writes the bytes there in a worker thread.  Errors are
 * shown as toasts in the nearest AdwToastOverlay, else a dialog.  The
 * Dokument page and the evidence links in the logic-model panel use it.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "verkan-project.h"

G_BEGIN_DECLS

/* @page 0: from the start; a PDF opened at a page where the handler allows */
void verkan_document_launch   (GtkWidget     *parent,
                               VerkanProject *project,
                               gint64         document_id,
                               guint          page);
void verkan_document_save_as  (GtkWidget     *parent,
                               VerkanProject *project,
                               gint64         document_id);

/* Added by the launcher's owner: "Save As…" to @file without asking
 * (the same worker, toast and errors) */
void verkan_document_save_to  (GtkWidget     *parent,
                               VerkanProject *project,
                               gint64         document_id,
                               GFile         *file);

G_END_DECLS
