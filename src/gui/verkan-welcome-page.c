/* verkan-welcome-page.c: the first thing a window shows
 *
 * The buttons and the recent projects activate application actions
 * (app.new-project, app.open-project, app.open-sample, app.open-path), so
 * the page itself opens nothing.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "verkan-application.h"
#include "verkan-welcome-page.h"

struct _VerkanWelcomePage
{
  AdwBin      parent_instance;

  GSettings  *settings;

  GtkWidget  *recent_box;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (VerkanWelcomePage, verkan_welcome_page, ADW_TYPE_BIN)

/* "/home/anna/Projekt" is shown as "~/Projekt" */
static char *
dup_display_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (g_str_has_prefix (folder, home)
      && (folder[home_len] == '\0' || folder[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", folder + home_len, NULL);

  return g_steal_pointer (&folder);
}

static GtkWidget *
create_recent_row (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *folder = dup_display_folder (path);
  g_autofree char *forget_tooltip = NULL;
  GtkWidget *row;
  GtkWidget *forget;
  GtkWidget *arrow;

  if (g_str_has_suffix (name, ".verkan"))
    name[strlen (name) - strlen (".verkan")] = '\0';

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-path");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (path));
  gtk_widget_set_tooltip_text (row, path);

  forget = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: %s is a project's name; the button takes it off the
   * list of recent projects, the file stays */
  forget_tooltip = g_strdup_printf (_("Remove “%s” From the List"), name);
  gtk_widget_set_tooltip_text (forget, forget_tooltip);
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (forget, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (forget), "app.remove-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (forget), g_variant_new_string (path));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  return row;
}

static void
update_recent (VerkanWelcomePage *self)
{
  g_auto(GStrv) recent = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-projects");

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      /* A project moved or deleted since is not offered */
      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;

      gtk_list_box_append (self->recent_list, create_recent_row (recent[i]));
      shown++;
    }

  gtk_widget_set_visible (self->recent_box, shown > 0);
}

static void
verkan_welcome_page_dispose (GObject *object)
{
  VerkanWelcomePage *self = VERKAN_WELCOME_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (verkan_welcome_page_parent_class)->dispose (object);
}

static void
verkan_welcome_page_class_init (VerkanWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanWelcomePage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, VerkanWelcomePage, recent_list);
}

static void
verkan_welcome_page_init (VerkanWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = verkan_application_dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::recent-projects",
                              G_CALLBACK (update_recent), self);

  update_recent (self);
}

GtkWidget *
verkan_welcome_page_new (void)
{
  return g_object_new (VERKAN_TYPE_WELCOME_PAGE, NULL);
}
