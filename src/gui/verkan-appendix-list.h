/* verkan-appendix-list.h: the report's appendices, in order.
 *
 * A GtkListView of the numbered appendices ("Bilaga 5", title, date, the
 * document or frozen logic-model version behind it) whose title and date
 * are edited in place, reordered by drag (and by Alt+Up/Down), removed
 * undoably; "Lägg till bilaga" offers the project's documents and frozen
 * model versions.  Used on the Dokument page; the report prints this list.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_APPENDIX_LIST (verkan_appendix_list_widget_get_type ())
G_DECLARE_FINAL_TYPE (VerkanAppendixList, verkan_appendix_list_widget, VERKAN, APPENDIX_LIST, AdwBin)

GtkWidget *verkan_appendix_list_widget_new        (VerkanProject      *project);
/* The appendix ids as shown, in order, for tests */
GArray    *verkan_appendix_list_widget_dup_ids    (VerkanAppendixList *self);

G_END_DECLS
