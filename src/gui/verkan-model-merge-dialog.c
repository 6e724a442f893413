/* verkan-model-merge-dialog.c: what a municipality changed in a returned
 * logic model, to accept or reject change by change
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The changes come from a VerkanModelMerge and are listed in three groups:
 * added, changed and removed.  Each row has a check button bound to the
 * change's ->accepted.  A conflict (both sides changed the same thing)
 * stands out, shows both values and starts unchecked, so nothing the
 * project leader wrote is overwritten without a decision.  "Apply N
 * changes" writes the chosen ones as one undo step.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "verkan-model-merge-dialog.h"

struct _VerkanModelMergeDialog
{
  AdwWindow          parent_instance;

  VerkanModelMerge  *merge;
  AdwToastOverlay   *toasts;
  GtkWidget         *apply_button;
  AdwWindowTitle    *heading;
};

G_DEFINE_FINAL_TYPE (VerkanModelMergeDialog, verkan_model_merge_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
verkan_model_merge_dialog_finalize (GObject *object)
{
  VerkanModelMergeDialog *self = VERKAN_MODEL_MERGE_DIALOG (object);

  g_clear_pointer (&self->merge, verkan_model_merge_free);
  G_OBJECT_CLASS (verkan_model_merge_dialog_parent_class)->finalize (object);
}

static void
verkan_model_merge_dialog_class_init (VerkanModelMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = verkan_model_merge_dialog_finalize;

  /* ::applied after the chosen changes were written */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
verkan_model_merge_dialog_init (VerkanModelMergeDialog *self)
{
}

static guint
count_accepted (VerkanModelMergeDialog *self)
{
  GPtrArray *changes = verkan_model_merge_get_changes (self->merge);
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    n += ((VerkanModelChange *) g_ptr_array_index (changes, i))->accepted ? 1 : 0;
  return n;
}

static void
update_apply_button (VerkanModelMergeDialog *self)
{
  guint n = count_accepted (self);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("Apply"));
  else
    /* Translators: the button that writes the chosen changes */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Apply %u Change", "Apply %u Changes", n), n);
  gtk_button_set_label (GTK_BUTTON (self->apply_button), label);
  gtk_widget_set_sensitive (self->apply_button, n > 0);
}

static void
on_check_toggled (GtkCheckButton *check, VerkanModelMergeDialog *self)
{
  VerkanModelChange *change = g_object_get_data (G_OBJECT (check), "change");

  change->accepted = gtk_check_button_get_active (check);
  update_apply_button (self);
}

static void
on_apply_clicked (GtkButton *button, VerkanModelMergeDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!verkan_model_merge_apply (self->merge, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      /* the reason matters more than a toast's usual few seconds */
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toasts, toast);
      return;
    }
  g_signal_emit (self, signals[APPLIED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static char *
one_line (const char *text)
{
  g_autofree char *flat = g_strdup (text ? text : "");
  g_autofree char *cut = NULL;

  g_strdelimit (flat, "\n\r\t", ' ');
  if (g_utf8_strlen (flat, -1) <= 120)
    return g_steal_pointer (&flat);
  cut = g_utf8_substring (flat, 0, 119);
  return g_strconcat (cut, "…", NULL);
}

static GtkWidget *
change_row (VerkanModelMergeDialog *self, VerkanModelChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->description);

  if (change->conflict)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (row, "merge-conflict");
      gtk_widget_set_tooltip_text (icon, _("Changed both in the project and in the returned model"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      if (change->kind == VERKAN_MODEL_CHANGE_EDITED)
        g_string_append (subtitle, _("Conflict: both changed it. Check to take the returned value."));
      else
        g_string_append (subtitle, _("Conflict: check to take the returned model’s version."));
    }
  if (change->kind == VERKAN_MODEL_CHANGE_EDITED)
    {
      g_autofree char *ours = one_line (change->ours);
      g_autofree char *theirs = one_line (change->theirs);

      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      /* Translators: an edited value as the project has it, then as returned */
      g_string_append_printf (subtitle, _("In the project: %s\nReturned: %s"), ours, theirs);
    }
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), change->accepted);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  change->description, -1);
  g_object_set_data (G_OBJECT (check), "change", change);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static GtkWidget *
build_list (VerkanModelMergeDialog *self)
{
  static const struct {
    VerkanModelChangeKind kind;
    const char           *title;
  } groups[] = {
    { VERKAN_MODEL_CHANGE_ADDED,   N_("Added") },
    { VERKAN_MODEL_CHANGE_EDITED,  N_("Changed") },
    { VERKAN_MODEL_CHANGE_REMOVED, N_("Removed") },
  };
  GPtrArray *changes = verkan_model_merge_get_changes (self->merge);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < changes->len; i++)
        {
          VerkanModelChange *change = g_ptr_array_index (changes, i);

          if (change->kind != groups[g].kind)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(groups[g].title));
              gtk_box_append (GTK_BOX (box), group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), change_row (self, change));
        }
    }
  return box;
}

GtkWidget *
verkan_model_merge_dialog_new (GtkWindow *parent, VerkanModelMerge *merge)
{
  VerkanModelMergeDialog *self;
  GtkWidget *content, *header, *cancel, *scrolled, *clamp;
  GPtrArray *changes;
  guint n_conflicts;
  g_autofree char *counts = NULL;
  g_autofree char *changes_part = NULL;

  g_return_val_if_fail (merge != NULL, NULL);

  self = g_object_new (VERKAN_TYPE_MODEL_MERGE_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 640,
                       "default-height", 620,
                       /* Translators: the window title of the dialog that merges a returned model */
                       "title", _("Import Returned Model"),
                       NULL);
  self->merge = merge;
  changes = verkan_model_merge_get_changes (merge);
  n_conflicts = verkan_model_merge_count_conflicts (merge);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);

  changes_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes",
                                               changes->len), changes->len);
  if (n_conflicts > 0)
    /* Translators: "12 changes, 2 conflicts" */
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u conflict", "%s, %u conflicts",
                                           n_conflicts), changes_part, n_conflicts);
  else
    counts = g_strdup (changes_part);
  self->heading = ADW_WINDOW_TITLE (adw_window_title_new (verkan_model_merge_get_title (merge), counts));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->heading));

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->apply_button = gtk_button_new ();
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  g_signal_connect (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (content), header);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  if (changes->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "object-select-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Changes"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("The returned model is the same as the one in the project."));
      adw_toast_overlay_set_child (self->toasts, status);
    }
  else
    {
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      clamp = adw_clamp_new ();
      adw_clamp_set_child (ADW_CLAMP (clamp), build_list (self));
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
      adw_toast_overlay_set_child (self->toasts, scrolled);
    }
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);

  update_apply_button (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->apply_button);
  return GTK_WIDGET (self);
}
