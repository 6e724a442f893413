/* verkan-overview-page.h: the project at a glance and in detail: what the
 * first chapter of a final report holds (basic information, purpose and
 * target group, municipalities, organisation, goals), and the time plan
 * and resources of chapters 7 and 8 */
#pragma once

#include <adwaita.h>
#include "verkan-project.h"

G_BEGIN_DECLS

#define VERKAN_TYPE_OVERVIEW_PAGE (verkan_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkanOverviewPage, verkan_overview_page, VERKAN, OVERVIEW_PAGE, AdwPreferencesPage)

GtkWidget     *verkan_overview_page_new          (VerkanProject      *project);
VerkanProject *verkan_overview_page_get_project  (VerkanOverviewPage *self);

G_END_DECLS
