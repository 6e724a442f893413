/* test-gui-model-merge.c: the dialog that merges a returned logic model
 *
 * Sends a model out, changes it on both sides, opens the dialog and
 * checks its rows (a conflict stands out and starts unchecked), that the
 * apply button counts the chosen changes, and that applying writes them
 * to the project file as one undo step and emits ::applied.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "verkan-gui-test-util.h"
#include "verkan-model-merge-dialog.h"
#include "verkan-test-util.h"

static GVariant *
card_row (gint64 model, const char *column, const char *title)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "model_id", "x", model);
  g_variant_dict_insert (&dict, "column_kind", "s", column);
  g_variant_dict_insert (&dict, "title", "s", title);
  return g_variant_dict_end (&dict);
}

static void
collect (GtkWidget *widget, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWidget *
find_button (GtkWidget *root, const char *prefix)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));
      if (label != NULL && g_str_has_prefix (label, prefix))
        return g_ptr_array_index (buttons, i);
    }
  return NULL;
}

static void
on_applied (GtkWidget *dialog, int *count)
{
  (*count)++;
}

static void
test_merge_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkan-merge-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "projekt.verkan", NULL);
  g_autofree char *sent_path = g_build_filename (dir, "skickad.verkan", NULL);
  g_autoptr(VerkanProject) project = NULL;
  g_autoptr(VerkanProject) sent = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  VerkanModelMerge *merge;
  GtkWidget *dialog, *apply;
  GVariantDict dict;
  gint64 model, first, second;
  int applied = 0;
  guint n_conflict_rows = 0, n_checked = 0;

  project = verkan_project_create (path, "Projekt", &error);
  g_assert_no_error (error);
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "title", "s", "Logikmodell för Nora");
  model = verkan_project_insert (project, "logic_model", g_variant_dict_end (&dict), &error);
  first = verkan_project_insert (project, "model_element", card_row (model, "activities", "Coachning"), &error);
  second = verkan_project_insert (project, "model_element", card_row (model, "goals", "Arbete"), &error);
  g_assert_no_error (error);
  g_assert_true (verkan_model_exchange_export (project, model, sent_path, &error));
  g_assert_no_error (error);

  /* theirs: a new title for one card, a text for the other, a new card */
  sent = verkan_project_open (sent_path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  verkan_project_set_value (sent, "model_element", first, "title", g_variant_new_string ("Coachning i grupp"), &error);
  verkan_project_set_value (sent, "model_element", second, "text", g_variant_new_string ("Deras"), &error);
  verkan_project_insert (sent, "model_element", card_row (model, "outputs", "Deltagare"), &error);
  g_assert_no_error (error);
  g_clear_object (&sent);
  /* ours: the same text, differently: a conflict */
  verkan_project_set_value (project, "model_element", second, "text", g_variant_new_string ("Våra"), &error);
  g_assert_no_error (error);

  merge = verkan_model_merge_new (project, sent_path, &error);
  g_assert_no_error (error);
  dialog = verkan_model_merge_dialog_new (NULL, merge);
  g_signal_connect (dialog, "applied", G_CALLBACK (on_applied), &applied);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  verkan_gui_test_iterate ();

  collect (dialog, ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) row_checks = g_ptr_array_new ();

      collect (row, GTK_TYPE_CHECK_BUTTON, row_checks);
      g_assert_cmpuint (row_checks->len, ==, 1);
      g_ptr_array_add (checks, g_ptr_array_index (row_checks, 0));
      if (gtk_widget_has_css_class (row, "merge-conflict"))
        {
          n_conflict_rows++;
          /* both values shown, unchecked */
          g_assert_false (gtk_check_button_get_active (g_ptr_array_index (row_checks, 0)));
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Våra"));
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Deras"));
        }
      n_checked += gtk_check_button_get_active (g_ptr_array_index (row_checks, 0));
    }
  g_assert_cmpuint (n_conflict_rows, ==, 1);
  g_assert_cmpuint (n_checked, ==, 2);

  apply = find_button (dialog, "Apply");
  g_assert_nonnull (apply);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (apply)), ==, "Apply 2 Changes");
  g_assert_true (gtk_widget_get_sensitive (apply));

  /* leave the new card out */
  for (guint i = 0; i < rows->len; i++)
    if (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Deltagare"))
      gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (apply)), ==, "Apply 1 Change");

  g_signal_emit_by_name (apply, "clicked");
  verkan_gui_test_iterate ();
  g_assert_cmpint (applied, ==, 1);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_object_unref (dialog);

  title = verkan_test_sql_text (path, "SELECT group_concat(title, ',') FROM "
                                      "(SELECT title FROM model_element ORDER BY id)");
  g_assert_cmpstr (title, ==, "Coachning i grupp,Arbete");
  text = verkan_test_sql_text (path, "SELECT text FROM model_element WHERE title = 'Arbete'");
  g_assert_cmpstr (text, ==, "Våra");
  g_assert_true (verkan_project_undo (project, &error));
  g_clear_pointer (&title, g_free);
  title = verkan_test_sql_text (path, "SELECT group_concat(title, ',') FROM "
                                      "(SELECT title FROM model_element ORDER BY id)");
  g_assert_cmpstr (title, ==, "Coachning,Arbete");

  g_clear_object (&project);
  verkan_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/gui/model-merge/dialog", test_merge_dialog);
  return g_test_run ();
}
