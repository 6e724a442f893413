/* verkan-welcome-page.h: what a window shows before a project is open:
 * start a new project, open one, open the sample, or a recent one */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERKAN_TYPE_WELCOME_PAGE (verkan_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkanWelcomePage, verkan_welcome_page, VERKAN, WELCOME_PAGE, AdwBin)

GtkWidget *verkan_welcome_page_new (void);

G_END_DECLS
