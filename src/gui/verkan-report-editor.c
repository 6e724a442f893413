/* verkan-report-editor.c: the word-processor-like editor of one section
 *
 * The section's body is loaded into a VerkanReportBuffer and shown in a
 * VerkanReportView under a toolbar.  Footnotes, cross-references and
 * generated blocks are child anchors of the buffer; this file gives them
 * their widgets (a small raised number, a label naming the figure, a card
 * with buttons).  The body is written back through
 * verkan_report_set_body () half a second after typing stops, when the
 * focus leaves, and at once for a discrete action (a block inserted,
 * moved or removed), so it is always one undo step of the project.  The
 * buffer's own undo is off; when an undo brings back another body, the
 * buffer is reloaded with the cursor where it was.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "verkan-report-body.h"
#include "verkan-report-buffer.h"
#include "verkan-report-edit.h"
#include "verkan-report-editor.h"
#include "verkan-report-view.h"

#define SAVE_DELAY_MS 500
#define BLOCK_ID_KEY  "verkan-block-id"
#define NOTE_LABEL_KEY "verkan-note-label"

struct _VerkanReportEditor
{
  AdwBin              parent_instance;

  VerkanProject      *project;
  gint64              section_id;
  VerkanReportBuffer *buffer;

  /* The body as last read from or written to the file */
  char               *stored_xml;
  gboolean            dirty;
  guint               save_id;
  guint               renumber_id;
  guint               loading;
  gboolean            syncing;

  GtkStack           *stack;
  GtkWidget          *toolbar;
  GtkLabel           *heading;
  GtkWidget          *view;
  GtkToggleButton    *bold_button;
  GtkToggleButton    *italic_button;
  GtkToggleButton    *bullet_button;
  GtkToggleButton    *numbered_button;
  GtkMenuButton      *link_button;
  GtkEntry           *link_entry;
  GtkWidget          *link_remove_button;
  GtkMenuButton      *note_button;
  GtkEntry           *note_entry;
  GtkMenuButton      *insert_button;
};

G_DEFINE_FINAL_TYPE (VerkanReportEditor, verkan_report_editor, ADW_TYPE_BIN)

static void create_anchor_widget (VerkanReportEditor *self, GtkTextChildAnchor *anchor);

/* ------------------------------------------------------------------ */
/* Reading the project                                                 */

static GVariant *
find_row (VerkanProject *project,
          const char    *table,
          const char    *uuid)
{
  g_autoptr(GPtrArray) rows = NULL;

  if (project == NULL || uuid == NULL || *uuid == '\0')
    return NULL;
  rows = verkan_project_list_rows (project, table, "uuid", g_variant_new_string (uuid), NULL);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_variant_ref (g_ptr_array_index (rows, 0));
}

static char *
row_string (GVariant   *row,
            const char *key)
{
  const char *text = NULL;

  if (row != NULL && g_variant_lookup (row, key, "&s", &text))
    return g_strdup (text);
  return NULL;
}

static const char *
kind_label (const char *kind)
{
  const char *label = verkan_report_block_kind_label (kind);

  return label != NULL ? label : kind;
}

static const char *
kind_icon (const char *kind)
{
  static const struct { const char *kind; const char *icon; } icons[] = {
    { "chart", "x-office-presentation-symbolic" },
    { "model", "x-office-drawing-symbolic" },
    { "model-version", "x-office-drawing-symbolic" },
    { "project-facts", "dialog-information-symbolic" },
    { "municipalities", "mark-location-symbolic" },
    { "organisation", "system-users-symbolic" },
    { "goal-outcomes", "emblem-ok-symbolic" },
    { "time-plan", "x-office-calendar-symbolic" },
    { "resources", "x-office-spreadsheet-symbolic" },
    { "appendices", "mail-attachment-symbolic" },
    { "references", "user-bookmarks-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (icons[i].kind, kind) == 0)
      return icons[i].icon;
  return "insert-object-symbolic";
}

/* What the block shows, in words: the chart's or the model's title, or
 * where the table's rows come from */
static char *
dup_block_description (VerkanReportEditor *self,
                       const char         *kind,
                       const char         *ref)
{
  if (g_strcmp0 (kind, "chart") == 0)
    {
      g_autoptr(GVariant) row = find_row (self->project, "chart", ref);
      g_autofree char *title = row_string (row, "title");

      if (row == NULL)
        return g_strdup (_("The chart is no longer in the project"));
      return *title != '\0' ? g_steal_pointer (&title) : g_strdup (_("Untitled chart"));
    }
  if (g_strcmp0 (kind, "model") == 0)
    {
      g_autoptr(GVariant) row = find_row (self->project, "logic_model", ref);
      g_autofree char *title = row_string (row, "title");

      if (row == NULL)
        return g_strdup (_("The logic model is no longer in the project"));
      /* Translators: a logic model shown as it is now, not a frozen version */
      return g_strdup_printf (_("%s (as it is now)"), title);
    }
  if (g_strcmp0 (kind, "model-version") == 0)
    {
      g_autoptr(GVariant) row = find_row (self->project, "model_version", ref);
      g_autofree char *title = row_string (row, "title");
      g_autofree char *date = row_string (row, "date");

      if (row == NULL)
        return g_strdup (_("The frozen version is no longer in the project"));
      /* Translators: a frozen logic model: "Logikmodell för Nora, dated 2022-06-15" */
      return g_strdup_printf (_("%s, dated %s"), title, date);
    }
  if (g_strcmp0 (kind, "project-facts") == 0)
    return g_strdup (_("Title, period, owner and financier from the overview"));
  if (g_strcmp0 (kind, "municipalities") == 0)
    return g_strdup (_("The municipalities taking part"));
  if (g_strcmp0 (kind, "organisation") == 0)
    return g_strdup (_("The people of the project and their roles"));
  if (g_strcmp0 (kind, "goal-outcomes") == 0)
    return g_strdup (_("Outcome and survey answers for each goal"));
  if (g_strcmp0 (kind, "time-plan") == 0)
    return g_strdup (_("The milestones, planned against actual"));
  if (g_strcmp0 (kind, "resources") == 0)
    return g_strdup (_("Hours planned and used, with sums"));
  if (g_strcmp0 (kind, "appendices") == 0)
    return g_strdup (_("The numbered list of appendices"));
  if (g_strcmp0 (kind, "references") == 0)
    return g_strdup (_("The list of references"));
  return g_strdup ("");
}

/* Blocks that get a number and a caption, and so can be referred to */
static gboolean
kind_is_figure (const char *kind)
{
  const char *figures[] = { "chart", "model", "model-version", "goal-outcomes",
                            "time-plan", "resources", NULL };

  return g_strv_contains (figures, kind);
}

/* "Diagram: Arbetslöshet 18–24 år": what a cross-reference points at */
static char *
dup_target_label (VerkanReportEditor *self,
                  const char         *kind,
                  const char         *ref)
{
  g_autofree char *description = dup_block_description (self, kind, ref);

  if (g_strcmp0 (kind, "chart") == 0 || g_str_has_prefix (kind, "model"))
    /* Translators: a figure a cross-reference points at: "Diagram: Title" */
    return g_strdup_printf (_("%s: %s"), kind_label (kind), description);
  return g_strdup (kind_label (kind));
}

typedef void (*BlockFunc) (const VerkanReportItem *item,
                           gpointer                user_data);

/* Every block of the report, the shown section's as it is in the buffer */
static void
foreach_report_block (VerkanReportEditor *self,
                      BlockFunc           func,
                      gpointer            user_data)
{
  g_autoptr(GPtrArray) sections = NULL;

  if (self->project == NULL)
    return;
  sections = verkan_report_list_sections (self->project, NULL);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      VerkanReportSection *section = g_ptr_array_index (sections, i);
      g_autoptr(VerkanReportBody) body = NULL;

      if (section->id == self->section_id)
        body = verkan_report_buffer_dup_body (self->buffer);
      else
        body = verkan_report_body_parse (section->body, NULL);
      for (guint j = 0; body != NULL && j < body->items->len; j++)
        {
          const VerkanReportItem *item = g_ptr_array_index (body->items, j);

          if (item->kind == VERKAN_REPORT_ITEM_BLOCK)
            func (item, user_data);
        }
    }
}

typedef struct {
  const char *id;
  char       *kind;
  char       *ref;
} TargetSearch;

static void
find_target (const VerkanReportItem *item,
             gpointer                user_data)
{
  TargetSearch *search = user_data;

  if (search->kind == NULL && g_strcmp0 (item->block_id, search->id) == 0)
    {
      search->kind = g_strdup (item->block_kind);
      search->ref = g_strdup (item->block_ref);
    }
}

static char *
dup_ref_label (VerkanReportEditor *self,
               const char         *block_id)
{
  TargetSearch search = { block_id, NULL, NULL };
  GtkTextChildAnchor *anchor = verkan_report_buffer_find_block (self->buffer, block_id);
  char *label;

  if (anchor != NULL)
    {
      const VerkanReportItem *item = verkan_report_buffer_get_anchor_block (anchor);

      search.kind = g_strdup (item->block_kind);
      search.ref = g_strdup (item->block_ref);
    }
  else
    {
      foreach_report_block (self, find_target, &search);
    }

  if (search.kind == NULL)
    /* Translators: a cross-reference whose figure was removed */
    return g_strdup (_("Missing figure"));
  label = dup_target_label (self, search.kind, search.ref);
  g_free (search.kind);
  g_free (search.ref);
  return label;
}

/* ------------------------------------------------------------------ */
/* Saving and loading                                                  */

static void
update_heading (VerkanReportEditor  *self,
                VerkanReportSection *section)
{
  g_autofree char *text = NULL;
  const char *title = section->title != NULL && *section->title != '\0'
                      ? section->title : _("Untitled section");

  if (section->number != NULL && *section->number != '\0')
    /* Translators: a section's number and title above its text: "2.1 Syfte" */
    text = g_strdup_printf (_("%s %s"), section->number, title);
  else
    text = g_strdup (title);
  gtk_label_set_text (self->heading, text);
}

void
verkan_report_editor_flush (VerkanReportEditor *self)
{
  g_autoptr(VerkanReportBody) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  g_return_if_fail (VERKAN_IS_REPORT_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!self->dirty || self->project == NULL || self->section_id == 0)
    return;
  self->dirty = FALSE;

  body = verkan_report_buffer_dup_body (self->buffer);
  xml = body != NULL ? verkan_report_body_to_xml (body) : NULL;
  if (xml == NULL || g_strcmp0 (xml, self->stored_xml) == 0)
    return;

  /* Set before storing, so that the change it brings is known as ours */
  g_free (self->stored_xml);
  self->stored_xml = g_strdup (xml);
  if (!verkan_report_set_body (self->project, self->section_id, xml, &error))
    g_warning ("Could not store the section's text: %s",
               error != NULL ? error->message : "unknown error");
}

static gboolean
on_save_timeout (gpointer data)
{
  VerkanReportEditor *self = data;

  self->save_id = 0;
  verkan_report_editor_flush (self);
  return G_SOURCE_REMOVE;
}

/* Footnotes are numbered 1, 2, … in the order they stand in the text;
 * cross-references say what they point at */
static gboolean
renumber_notes (gpointer data)
{
  VerkanReportEditor *self = data;
  GtkTextIter iter;
  guint number = 0;

  self->renumber_id = 0;
  if (self->buffer == NULL)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &iter);
  do
    {
      GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (&iter);
      const VerkanReportSpan *span = anchor != NULL ? verkan_report_buffer_get_anchor_span (anchor) : NULL;
      g_autofree GtkWidget **widgets = NULL;
      guint n_widgets = 0;

      if (span == NULL)
        continue;
      widgets = gtk_text_child_anchor_get_widgets (anchor, &n_widgets);
      if (span->kind == VERKAN_REPORT_SPAN_REF)
        {
          /* Its figure may come later in the text than the reference */
          g_autofree char *label = dup_ref_label (self, span->ref);

          for (guint i = 0; i < n_widgets; i++)
            if (GTK_IS_LABEL (widgets[i]))
              gtk_label_set_text (GTK_LABEL (widgets[i]), label);
          continue;
        }
      number++;
      for (guint i = 0; i < n_widgets; i++)
        {
          GtkLabel *label = g_object_get_data (G_OBJECT (widgets[i]), NOTE_LABEL_KEY);
          g_autofree char *text = g_strdup_printf ("%u", number);
          /* Translators: the tooltip of a footnote mark: "Footnote 2: text" */
          g_autofree char *tooltip = g_strdup_printf (_("Footnote %u: %s"), number, span->text);

          if (label != NULL)
            gtk_label_set_text (label, text);
          gtk_widget_set_tooltip_text (widgets[i], tooltip);
        }
    }
  while (gtk_text_iter_forward_char (&iter));

  return G_SOURCE_REMOVE;
}

static void
schedule_renumber (VerkanReportEditor *self)
{
  if (self->renumber_id == 0 && self->buffer != NULL)
    self->renumber_id = g_idle_add (renumber_notes, self);
}

static void
sync_toolbar (VerkanReportEditor *self)
{
  VerkanReportSpanFlags flags;
  VerkanReportItemKind kind;
  GtkTextIter cursor;

  if (self->section_id == 0)
    return;

  flags = verkan_report_buffer_get_flags (self->buffer);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &cursor,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  kind = verkan_report_buffer_get_line_kind (self->buffer, gtk_text_iter_get_line (&cursor));

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->bold_button, (flags & VERKAN_REPORT_SPAN_BOLD) != 0);
  gtk_toggle_button_set_active (self->italic_button, (flags & VERKAN_REPORT_SPAN_ITALIC) != 0);
  gtk_toggle_button_set_active (self->bullet_button, kind == VERKAN_REPORT_ITEM_BULLET);
  gtk_toggle_button_set_active (self->numbered_button, kind == VERKAN_REPORT_ITEM_NUMBERED);
  self->syncing = FALSE;
}

static void
on_buffer_changed (VerkanReportEditor *self)
{
  if (self->loading > 0)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
  schedule_renumber (self);
  sync_toolbar (self);
}

static void
fit_block_cards (VerkanReportEditor *self)
{
  int width = verkan_report_view_get_text_width (VERKAN_REPORT_VIEW (self->view));
  int lines = gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->buffer));
  int margin = gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self->view));

  gtk_widget_set_margin_start (GTK_WIDGET (self->heading), margin);
  gtk_widget_set_margin_end (GTK_WIDGET (self->heading), margin);

  for (int line = 0; line < lines; line++)
    {
      GtkTextIter iter;
      GtkTextChildAnchor *anchor;
      g_autofree GtkWidget **widgets = NULL;
      guint n_widgets = 0;

      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &iter, line);
      anchor = gtk_text_iter_get_child_anchor (&iter);
      if (anchor == NULL || verkan_report_buffer_get_anchor_block (anchor) == NULL)
        continue;
      widgets = gtk_text_child_anchor_get_widgets (anchor, &n_widgets);
      for (guint i = 0; i < n_widgets; i++)
        if (width > 0)
          gtk_widget_set_size_request (widgets[i], width, -1);
    }
}

/* Loads @xml, keeping the cursor at about the same place */
static void
load_xml (VerkanReportEditor *self,
          const char         *xml,
          gboolean            keep_cursor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autoptr(VerkanReportBody) body = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter iter;
  int offset = 0;

  if (keep_cursor)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      offset = gtk_text_iter_get_offset (&iter);
    }

  body = verkan_report_body_parse (xml, &error);
  if (body == NULL && error != NULL)
    g_warning ("A section's text could not be read: %s", error->message);

  self->loading++;
  verkan_report_buffer_load (self->buffer, body);
  self->loading--;
  self->dirty = FALSE;
  g_clear_handle_id (&self->save_id, g_source_remove);

  g_free (self->stored_xml);
  self->stored_xml = g_strdup (xml);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  if (keep_cursor)
    gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer));

  fit_block_cards (self);
  renumber_notes (self);
  g_clear_handle_id (&self->renumber_id, g_source_remove);
  sync_toolbar (self);
}

static void
on_report_changed (VerkanReportEditor *self)
{
  g_autoptr(VerkanReportSection) section = NULL;

  if (self->section_id == 0)
    return;

  section = verkan_report_get_section (self->project, self->section_id, NULL);
  if (section == NULL)
    {
      /* The section was removed (or its removal redone) */
      verkan_report_editor_set_section (self, 0);
      return;
    }

  update_heading (self, section);
  /* An undo, a redo or another editor brought a body we did not write */
  if (g_strcmp0 (section->body, self->stored_xml) != 0)
    load_xml (self, section->body, TRUE);
}

static void
on_other_changed (VerkanReportEditor *self)
{
  /* A chart or model renamed: the cards and references say its title */
  if (self->section_id != 0 && !self->dirty)
    {
      g_autofree char *xml = g_strdup (self->stored_xml);

      load_xml (self, xml, TRUE);
    }
}

void
verkan_report_editor_set_section (VerkanReportEditor *self,
                                  gint64              section_id)
{
  g_autoptr(VerkanReportSection) section = NULL;
  g_autoptr(GError) error = NULL;
  gboolean read_only;

  g_return_if_fail (VERKAN_IS_REPORT_EDITOR (self));

  if (self->section_id != 0 && self->section_id != section_id)
    verkan_report_editor_flush (self);

  if (section_id != 0 && self->project != NULL)
    {
      section = verkan_report_get_section (self->project, section_id, &error);
      if (section == NULL)
        g_debug ("No report section %" G_GINT64_FORMAT ": %s", section_id,
                 error != NULL ? error->message : "");
    }

  if (section == NULL)
    {
      self->section_id = 0;
      self->loading++;
      verkan_report_buffer_load (self->buffer, NULL);
      self->loading--;
      self->dirty = FALSE;
      g_clear_pointer (&self->stored_xml, g_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_sensitive (self->toolbar, FALSE);
      return;
    }

  self->section_id = section_id;
  update_heading (self, section);
  load_xml (self, section->body, FALSE);

  read_only = verkan_project_get_read_only (self->project);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), !read_only);
  gtk_widget_set_sensitive (self->toolbar, !read_only);
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

gint64
verkan_report_editor_get_section (VerkanReportEditor *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_EDITOR (self), 0);
  return self->section_id;
}

GtkTextView *
verkan_report_editor_get_view (VerkanReportEditor *self)
{
  g_return_val_if_fail (VERKAN_IS_REPORT_EDITOR (self), NULL);
  return GTK_TEXT_VIEW (self->view);
}

void
verkan_report_editor_insert_block (VerkanReportEditor *self,
                                   const char         *block_kind,
                                   const char         *block_ref)
{
  g_autofree char *id = NULL;

  g_return_if_fail (VERKAN_IS_REPORT_EDITOR (self));

  if (self->section_id == 0)
    return;
  id = verkan_report_buffer_insert_block (self->buffer, block_kind,
                                          block_ref != NULL && *block_ref != '\0' ? block_ref : NULL);
  fit_block_cards (self);
  /* A block is a step of its own */
  self->dirty = TRUE;
  verkan_report_editor_flush (self);
  gtk_widget_grab_focus (self->view);
}

/* ------------------------------------------------------------------ */
/* Widgets in the text                                                 */

static GtkTextChildAnchor *
widget_anchor (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "verkan-anchor");
}

static void
on_note_text_changed (GtkEditable *entry,
                      GtkWidget   *mark)
{
  VerkanReportEditor *self = VERKAN_REPORT_EDITOR (gtk_widget_get_ancestor (mark, VERKAN_TYPE_REPORT_EDITOR));
  GtkTextChildAnchor *anchor = widget_anchor (mark);

  if (self != NULL && anchor != NULL && !gtk_text_child_anchor_get_deleted (anchor))
    verkan_report_buffer_set_note_text (self->buffer, anchor, gtk_editable_get_text (entry));
}

static void
on_note_remove (GtkButton *button,
                GtkWidget *mark)
{
  VerkanReportEditor *self = VERKAN_REPORT_EDITOR (gtk_widget_get_ancestor (mark, VERKAN_TYPE_REPORT_EDITOR));
  GtkTextChildAnchor *anchor = widget_anchor (mark);

  if (self == NULL || anchor == NULL)
    return;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (mark));
  g_object_ref (anchor);
  verkan_report_buffer_remove_anchor (self->buffer, anchor);
  g_object_unref (anchor);
  gtk_widget_grab_focus (self->view);
}

static void
on_note_popover_closed (GtkWidget *mark)
{
  GtkWidget *editor = gtk_widget_get_ancestor (mark, VERKAN_TYPE_REPORT_EDITOR);

  if (editor != NULL)
    gtk_widget_grab_focus (VERKAN_REPORT_EDITOR (editor)->view);
}

static void
on_note_popover_show (GtkPopover *popover,
                      GtkWidget  *mark)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "verkan-entry");
  const VerkanReportSpan *span = verkan_report_buffer_get_anchor_span (widget_anchor (mark));

  g_signal_handlers_block_by_func (entry, on_note_text_changed, mark);
  gtk_editable_set_text (entry, span != NULL && span->text != NULL ? span->text : "");
  g_signal_handlers_unblock_by_func (entry, on_note_text_changed, mark);
}

static GtkWidget *
create_note_mark (VerkanReportEditor *self)
{
  GtkWidget *mark = gtk_menu_button_new ();
  GtkWidget *label = gtk_label_new ("");
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (_("Footnote text"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_with_label (_("Remove Footnote"));

  gtk_menu_button_set_child (GTK_MENU_BUTTON (mark), label);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (mark), FALSE);
  gtk_widget_add_css_class (mark, "verkan-report-note");
  gtk_widget_set_valign (mark, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (mark), NOTE_LABEL_KEY, label);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 40);
  gtk_widget_set_name (entry, "report-note-text");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "verkan-entry", entry);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (mark), popover);

  g_signal_connect (entry, "changed", G_CALLBACK (on_note_text_changed), mark);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (gtk_menu_button_popdown), mark);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_note_remove), mark);
  g_signal_connect (popover, "show", G_CALLBACK (on_note_popover_show), mark);
  g_signal_connect_swapped (popover, "closed", G_CALLBACK (on_note_popover_closed), mark);
  (void) self;
  return mark;
}

typedef struct {
  VerkanReportEditor *self;
  char               *block_id;
  int                 delta;   /* 0: remove */
  const char         *focus;   /* the button to focus on the moved card */
} BlockAction;

static void
block_action_free (gpointer data)
{
  BlockAction *action = data;

  g_object_unref (action->self);
  g_free (action->block_id);
  g_free (action);
}

static void
focus_card_button (VerkanReportEditor *self,
                   const char         *block_id,
                   const char         *name)
{
  GtkTextChildAnchor *anchor = verkan_report_buffer_find_block (self->buffer, block_id);
  g_autofree GtkWidget **widgets = NULL;
  guint n_widgets = 0;

  if (anchor == NULL)
    return;
  widgets = gtk_text_child_anchor_get_widgets (anchor, &n_widgets);
  for (guint i = 0; i < n_widgets; i++)
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (widgets[i]), name);

      if (button != NULL)
        gtk_widget_grab_focus (button);
    }
}

/* Run from an idle: the card whose button was clicked goes with the move */
static gboolean
run_block_action (gpointer data)
{
  BlockAction *action = data;
  VerkanReportEditor *self = action->self;

  if (self->section_id == 0)
    return G_SOURCE_REMOVE;

  if (action->delta == 0)
    {
      verkan_report_buffer_remove_block (self->buffer, action->block_id);
      gtk_widget_grab_focus (self->view);
    }
  else if (verkan_report_buffer_move_block (self->buffer, action->block_id, action->delta))
    {
      GtkTextChildAnchor *anchor = verkan_report_buffer_find_block (self->buffer, action->block_id);
      GtkTextIter iter;

      fit_block_cards (self);
      renumber_notes (self);
      if (anchor != NULL)
        {
          gtk_text_buffer_get_iter_at_child_anchor (GTK_TEXT_BUFFER (self->buffer), &iter, anchor);
          gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
          gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &iter, 0.1, FALSE, 0, 0);
        }
      focus_card_button (self, action->block_id, action->focus);
    }
  self->dirty = TRUE;
  verkan_report_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_block_button (GtkButton *button,
                 gpointer   user_data)
{
  GtkWidget *editor = gtk_widget_get_ancestor (GTK_WIDGET (button), VERKAN_TYPE_REPORT_EDITOR);
  BlockAction *action;

  if (editor == NULL)
    return;
  action = g_new0 (BlockAction, 1);
  action->self = g_object_ref (VERKAN_REPORT_EDITOR (editor));
  action->block_id = g_strdup (g_object_get_data (G_OBJECT (button), BLOCK_ID_KEY));
  action->delta = GPOINTER_TO_INT (user_data);
  action->focus = action->delta < 0 ? "verkan-up" : "verkan-down";
  g_idle_add_full (G_PRIORITY_DEFAULT, run_block_action, action, block_action_free);
}

static void
on_caption_activate (GtkEditable *entry,
                     GtkWidget   *caption_button)
{
  GtkWidget *editor = gtk_widget_get_ancestor (caption_button, VERKAN_TYPE_REPORT_EDITOR);
  const char *block_id = g_object_get_data (G_OBJECT (caption_button), BLOCK_ID_KEY);
  VerkanReportEditor *self;

  if (editor == NULL)
    return;
  self = VERKAN_REPORT_EDITOR (editor);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (caption_button));
  verkan_report_buffer_set_block_caption (self->buffer, block_id, gtk_editable_get_text (entry));
  verkan_report_editor_flush (self);

  /* The card shows the caption: made again from the body */
  {
    g_autofree char *xml = g_strdup (self->stored_xml);

    load_xml (self, xml, TRUE);
    focus_card_button (self, block_id, "verkan-caption");
  }
}

static GtkWidget *
card_button (GtkWidget  *box,
             GtkWidget  *card,
             const char *icon,
             const char *tooltip,
             const char *block_id,
             const char *key)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), BLOCK_ID_KEY, g_strdup (block_id), g_free);
  g_object_set_data (G_OBJECT (card), key, button);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWidget *
create_block_card (VerkanReportEditor     *self,
                   const VerkanReportItem *item)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (item->block_kind));
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *kind = gtk_label_new (kind_label (item->block_kind));
  g_autofree char *description = dup_block_description (self, item->block_kind, item->block_ref);
  GtkWidget *what = gtk_label_new (description);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *caption_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *caption_title = gtk_label_new (_("Caption"));
  GtkWidget *caption_entry = gtk_entry_new ();
  GtkWidget *button;
  /* Translators: the accessible name of a generated block's card */
  g_autofree char *accessible = g_strdup_printf (_("%s: %s"), kind_label (item->block_kind), description);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "verkan-report-block");
  gtk_widget_set_name (card, "report-block");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_cursor_from_name (card, "default");

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (card), icon);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (kind, "heading");
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_box_append (GTK_BOX (texts), kind);
  gtk_box_append (GTK_BOX (texts), what);
  if (item->caption != NULL && *item->caption != '\0')
    {
      /* Translators: a generated block's own caption, as the card shows it */
      g_autofree char *text = g_strdup_printf (_("Caption: %s"), item->caption);
      GtkWidget *caption = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (GTK_BOX (texts), caption);
    }
  gtk_box_append (GTK_BOX (card), texts);

  button = card_button (buttons, card, "go-up-symbolic", _("Move Up"), item->block_id, "verkan-up");
  g_signal_connect (button, "clicked", G_CALLBACK (on_block_button), GINT_TO_POINTER (-1));
  button = card_button (buttons, card, "go-down-symbolic", _("Move Down"), item->block_id, "verkan-down");
  g_signal_connect (button, "clicked", G_CALLBACK (on_block_button), GINT_TO_POINTER (1));

  /* The caption in a popover */
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (caption_button), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (caption_button, _("Edit Caption"));
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (caption_button), FALSE);
  gtk_widget_set_valign (caption_button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (caption_button), BLOCK_ID_KEY, g_strdup (item->block_id), g_free);
  g_object_set_data (G_OBJECT (card), "verkan-caption", caption_button);
  gtk_widget_set_margin_top (popover_box, 6);
  gtk_widget_set_margin_bottom (popover_box, 6);
  gtk_widget_set_margin_start (popover_box, 6);
  gtk_widget_set_margin_end (popover_box, 6);
  gtk_label_set_xalign (GTK_LABEL (caption_title), 0);
  gtk_widget_add_css_class (caption_title, "heading");
  gtk_editable_set_width_chars (GTK_EDITABLE (caption_entry), 40);
  gtk_editable_set_text (GTK_EDITABLE (caption_entry), item->caption != NULL ? item->caption : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (caption_entry), _("Leave empty for the default caption"));
  gtk_box_append (GTK_BOX (popover_box), caption_title);
  gtk_box_append (GTK_BOX (popover_box), caption_entry);
  gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (caption_button), popover);
  g_signal_connect (caption_entry, "activate", G_CALLBACK (on_caption_activate), caption_button);
  gtk_box_append (GTK_BOX (buttons), caption_button);
  if (!kind_is_figure (item->block_kind))
    gtk_widget_set_visible (caption_button, FALSE);

  button = card_button (buttons, card, "user-trash-symbolic", _("Remove"), item->block_id, "verkan-remove");
  g_signal_connect (button, "clicked", G_CALLBACK (on_block_button), GINT_TO_POINTER (0));

  gtk_box_append (GTK_BOX (card), buttons);
  return card;
}

static void
create_anchor_widget (VerkanReportEditor *self,
                      GtkTextChildAnchor *anchor)
{
  const VerkanReportSpan *span = verkan_report_buffer_get_anchor_span (anchor);
  const VerkanReportItem *block = verkan_report_buffer_get_anchor_block (anchor);
  GtkWidget *widget = NULL;

  if (block != NULL)
    {
      widget = create_block_card (self, block);
      if (verkan_report_view_get_text_width (VERKAN_REPORT_VIEW (self->view)) > 0)
        gtk_widget_set_size_request (widget, verkan_report_view_get_text_width (VERKAN_REPORT_VIEW (self->view)), -1);
    }
  else if (span != NULL && span->kind == VERKAN_REPORT_SPAN_NOTE)
    {
      widget = create_note_mark (self);
      schedule_renumber (self);
    }
  else if (span != NULL && span->kind == VERKAN_REPORT_SPAN_REF)
    {
      g_autofree char *label = dup_ref_label (self, span->ref);

      widget = gtk_label_new (label);
      gtk_widget_add_css_class (widget, "verkan-report-ref");
      gtk_widget_set_tooltip_text (widget, _("A cross-reference: the figure's number is filled in when the report is made"));
    }

  if (widget == NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "verkan-anchor", anchor);
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self->view), widget, anchor);
}

static void
on_insert_child_anchor (GtkTextBuffer      *buffer,
                        GtkTextIter        *location,
                        GtkTextChildAnchor *anchor,
                        VerkanReportEditor *self)
{
  create_anchor_widget (self, anchor);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
toggle_flag (VerkanReportEditor    *self,
             VerkanReportSpanFlags  flag)
{
  verkan_report_buffer_toggle_flag (self->buffer, flag);
  sync_toolbar (self);
}

static void
set_kind (VerkanReportEditor   *self,
          VerkanReportItemKind  kind)
{
  verkan_report_buffer_set_paragraph_kind (self->buffer, kind);
  sync_toolbar (self);
}

static void
on_bold_toggled (VerkanReportEditor *self)
{
  if (!self->syncing)
    toggle_flag (self, VERKAN_REPORT_SPAN_BOLD);
}

static void
on_italic_toggled (VerkanReportEditor *self)
{
  if (!self->syncing)
    toggle_flag (self, VERKAN_REPORT_SPAN_ITALIC);
}

static void
on_bullet_toggled (VerkanReportEditor *self)
{
  if (!self->syncing)
    set_kind (self, VERKAN_REPORT_ITEM_BULLET);
}

static void
on_numbered_toggled (VerkanReportEditor *self)
{
  if (!self->syncing)
    set_kind (self, VERKAN_REPORT_ITEM_NUMBERED);
}

static void
format_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VerkanReportEditor *self = VERKAN_REPORT_EDITOR (widget);

  if (self->section_id == 0 || !gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)))
    return;

  if (g_str_equal (action_name, "editor.bold"))
    toggle_flag (self, VERKAN_REPORT_SPAN_BOLD);
  else if (g_str_equal (action_name, "editor.italic"))
    toggle_flag (self, VERKAN_REPORT_SPAN_ITALIC);
  else if (g_str_equal (action_name, "editor.bullet"))
    set_kind (self, VERKAN_REPORT_ITEM_BULLET);
  else if (g_str_equal (action_name, "editor.numbered"))
    set_kind (self, VERKAN_REPORT_ITEM_NUMBERED);
  else if (g_str_equal (action_name, "editor.link"))
    gtk_menu_button_popup (self->link_button);
  else if (g_str_equal (action_name, "editor.note"))
    gtk_menu_button_popup (self->note_button);
  else if (g_str_equal (action_name, "editor.insert"))
    gtk_menu_button_popup (self->insert_button);
}

static void
on_link_popover_show (VerkanReportEditor *self)
{
  g_autofree char *href = verkan_report_buffer_dup_link (self->buffer);

  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), href != NULL ? href : "");
  gtk_widget_set_sensitive (self->link_remove_button, href != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
}

static void
on_link_apply (VerkanReportEditor *self)
{
  g_autofree char *href = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_entry))));

  gtk_menu_button_popdown (self->link_button);
  verkan_report_buffer_set_link (self->buffer, href);
}

static void
on_link_remove (VerkanReportEditor *self)
{
  gtk_menu_button_popdown (self->link_button);
  verkan_report_buffer_set_link (self->buffer, NULL);
}

static void
on_note_popover_show_toolbar (VerkanReportEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

static void
on_note_apply (VerkanReportEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  gtk_menu_button_popdown (self->note_button);
  if (*text != '\0')
    verkan_report_buffer_insert_note (self->buffer, text);
}

static void
on_popover_closed (VerkanReportEditor *self)
{
  gtk_widget_grab_focus (self->view);
}

static void
insert_block_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *kind, *ref;

  g_variant_get (parameter, "(&s&s)", &kind, &ref);
  verkan_report_editor_insert_block (VERKAN_REPORT_EDITOR (widget), kind, ref);
}

static void
insert_ref_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VerkanReportEditor *self = VERKAN_REPORT_EDITOR (widget);

  if (self->section_id == 0)
    return;
  verkan_report_buffer_insert_ref (self->buffer, g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (self->view);
}

/* The Insert menu: made each time it opens, so it lists what there is now */

static void
add_block_item (GMenu      *menu,
                const char *label,
                const char *kind,
                const char *ref)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "editor.insert-block",
                                           g_variant_new ("(ss)", kind, ref != NULL ? ref : ""));
  g_menu_append_item (menu, item);
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b)
{
  gint64 pa = 0, pb = 0;

  g_variant_lookup (*(GVariant **) a, "position", "x", &pa);
  g_variant_lookup (*(GVariant **) b, "position", "x", &pb);
  return pa < pb ? -1 : pa > pb;
}

static void
add_ref_item (const VerkanReportItem *item,
              gpointer                user_data)
{
  GMenu *menu = user_data;
  VerkanReportEditor *self = g_object_get_data (G_OBJECT (menu), "verkan-editor");
  g_autoptr(GMenuItem) menu_item = NULL;
  g_autofree char *label = NULL;

  if (!kind_is_figure (item->block_kind))
    return;
  label = dup_target_label (self, item->block_kind, item->block_ref);
  menu_item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (menu_item, "editor.insert-ref",
                                           g_variant_new_string (item->block_id));
  g_menu_append_item (menu, menu_item);
}

static void
build_insert_menu (GtkMenuButton *button,
                   gpointer       user_data)
{
  VerkanReportEditor *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) charts = g_menu_new ();
  g_autoptr(GMenu) models = g_menu_new ();
  g_autoptr(GMenu) tables = g_menu_new ();
  g_autoptr(GMenu) lists = g_menu_new ();
  g_autoptr(GMenu) refs = g_menu_new ();
  g_autoptr(GMenu) figures = g_menu_new ();
  g_autoptr(GPtrArray) rows = NULL;
  const char *table_kinds[] = { "project-facts", "municipalities", "organisation",
                                "goal-outcomes", "time-plan", "resources" };
  const char *list_kinds[] = { "appendices", "references" };

  if (self->project == NULL)
    return;
  /* Blocks just inserted are to be found as cross-reference targets */
  verkan_report_editor_flush (self);

  rows = verkan_project_list_rows (self->project, "chart", NULL, NULL, NULL);
  if (rows != NULL)
    g_ptr_array_sort (rows, compare_position);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autofree char *uuid = row_string (g_ptr_array_index (rows, i), "uuid");
      g_autofree char *title = row_string (g_ptr_array_index (rows, i), "title");

      add_block_item (charts, *title != '\0' ? title : _("Untitled chart"), "chart", uuid);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  if (g_menu_model_get_n_items (G_MENU_MODEL (charts)) == 0)
    g_menu_append (charts, _("No charts yet"), "editor.nothing");

  rows = verkan_project_list_rows (self->project, "logic_model", NULL, NULL, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autofree char *uuid = row_string (g_ptr_array_index (rows, i), "uuid");
      g_autofree char *title = row_string (g_ptr_array_index (rows, i), "title");

      add_block_item (models, title, "model", uuid);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = verkan_project_list_rows (self->project, "model_version", NULL, NULL, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autofree char *uuid = row_string (g_ptr_array_index (rows, i), "uuid");
      g_autofree char *title = row_string (g_ptr_array_index (rows, i), "title");
      g_autofree char *date = row_string (g_ptr_array_index (rows, i), "date");
      /* Translators: a frozen version of a logic model in the Insert menu */
      g_autofree char *label = g_strdup_printf (_("%s, dated %s (frozen)"), title, date);

      add_block_item (models, label, "model-version", uuid);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (models)) == 0)
    g_menu_append (models, _("No logic models yet"), "editor.nothing");

  g_menu_append_submenu (menu, kind_label ("chart"), G_MENU_MODEL (charts));
  /* Translators: the submenu of logic models and their frozen versions */
  g_menu_append_submenu (menu, _("Logic Model"), G_MENU_MODEL (models));

  for (guint i = 0; i < G_N_ELEMENTS (table_kinds); i++)
    add_block_item (tables, kind_label (table_kinds[i]), table_kinds[i], NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tables));
  for (guint i = 0; i < G_N_ELEMENTS (list_kinds); i++)
    add_block_item (lists, kind_label (list_kinds[i]), list_kinds[i], NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (lists));

  g_object_set_data (G_OBJECT (figures), "verkan-editor", self);
  foreach_report_block (self, add_ref_item, figures);
  if (g_menu_model_get_n_items (G_MENU_MODEL (figures)) == 0)
    g_menu_append (figures, _("No figures or tables yet"), "editor.nothing");
  /* Translators: the submenu of figures and tables a cross-reference can point at */
  g_menu_append_submenu (refs, _("Cross-Reference"), G_MENU_MODEL (figures));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (refs));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* ------------------------------------------------------------------ */
/* Keys and focus                                                      */

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VerkanReportEditor    *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  /* The window's undo and redo: what was typed is a step of its own first */
  if ((mods & GDK_CONTROL_MASK)
      && (keyval == GDK_KEY_z || keyval == GDK_KEY_Z || keyval == GDK_KEY_y || keyval == GDK_KEY_Y))
    {
      verkan_report_editor_flush (self);
      return GDK_EVENT_PROPAGATE;
    }

  /* Backspace at the start of a list item ends the item, not the line */
  if (keyval == GDK_KEY_BackSpace && mods == 0 && !gtk_text_buffer_get_has_selection (buffer))
    {
      GtkTextIter cursor;
      VerkanReportItemKind kind;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      kind = verkan_report_buffer_get_line_kind (self->buffer, gtk_text_iter_get_line (&cursor));
      if (gtk_text_iter_starts_line (&cursor)
          && (kind == VERKAN_REPORT_ITEM_BULLET || kind == VERKAN_REPORT_ITEM_NUMBERED))
        {
          verkan_report_buffer_set_paragraph_kind (self->buffer, kind);
          sync_toolbar (self);
          return GDK_EVENT_STOP;
        }
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_focus_leave (VerkanReportEditor *self)
{
  verkan_report_editor_flush (self);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
verkan_report_editor_dispose (GObject *object)
{
  VerkanReportEditor *self = VERKAN_REPORT_EDITOR (object);

  if (self->project != NULL)
    {
      verkan_report_editor_flush (self);
      g_signal_handlers_disconnect_by_data (self->project, self);
    }
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERKAN_TYPE_REPORT_EDITOR);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->renumber_id, g_source_remove);
  g_clear_object (&self->buffer);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (verkan_report_editor_parent_class)->dispose (object);
}

static void
verkan_report_editor_finalize (GObject *object)
{
  VerkanReportEditor *self = VERKAN_REPORT_EDITOR (object);

  g_free (self->stored_xml);

  G_OBJECT_CLASS (verkan_report_editor_parent_class)->finalize (object);
}

static void
verkan_report_editor_class_init (VerkanReportEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verkan_report_editor_dispose;
  object_class->finalize = verkan_report_editor_finalize;

  g_type_ensure (VERKAN_TYPE_REPORT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/verkan/Verkan/ui/verkan-report-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, view);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, bold_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, italic_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, bullet_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, numbered_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, link_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, link_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, link_remove_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, note_button);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, note_entry);
  gtk_widget_class_bind_template_child (widget_class, VerkanReportEditor, insert_button);
  gtk_widget_class_bind_template_callback (widget_class, on_bold_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_italic_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_bullet_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_numbered_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_link_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_link_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_link_remove);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_note_popover_show",
                                                G_CALLBACK (on_note_popover_show_toolbar));
  gtk_widget_class_bind_template_callback (widget_class, on_note_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_closed);

  gtk_widget_class_install_action (widget_class, "editor.bold", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.italic", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.bullet", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.numbered", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.link", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.note", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.insert", NULL, format_activated);
  gtk_widget_class_install_action (widget_class, "editor.insert-block", "(ss)", insert_block_activated);
  gtk_widget_class_install_action (widget_class, "editor.insert-ref", "s", insert_ref_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_8, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.bullet", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_7, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.numbered", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "editor.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.insert", NULL);
}

static void
verkan_report_editor_init (VerkanReportEditor *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = verkan_report_buffer_new ();
  g_signal_connect_after (self->buffer, "insert-child-anchor", G_CALLBACK (on_insert_child_anchor), self);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->buffer));

  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (self->buffer, "content-changed", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (self->buffer, "apply-tag", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (self->buffer, "remove-tag", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (self->buffer, "notify::cursor-position", G_CALLBACK (sync_toolbar), self);
  g_signal_connect_swapped (self->buffer, "mark-set", G_CALLBACK (sync_toolbar), self);
  g_signal_connect_swapped (self->view, "notify::left-margin", G_CALLBACK (fit_block_cards), self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->view, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (self->view, controller);

  gtk_menu_button_set_create_popup_func (self->insert_button, build_insert_menu, self, NULL);
  gtk_widget_set_sensitive (self->toolbar, FALSE);
}

GtkWidget *
verkan_report_editor_new (VerkanProject *project)
{
  VerkanReportEditor *self = g_object_new (VERKAN_TYPE_REPORT_EDITOR, NULL);

  g_return_val_if_fail (project == NULL || VERKAN_IS_PROJECT (project), GTK_WIDGET (self));

  if (project != NULL)
    {
      self->project = g_object_ref (project);
      g_signal_connect_swapped (project, "changed::report_section", G_CALLBACK (on_report_changed), self);
      g_signal_connect_swapped (project, "changed::chart", G_CALLBACK (on_other_changed), self);
      g_signal_connect_swapped (project, "changed::logic_model", G_CALLBACK (on_other_changed), self);
      g_signal_connect_swapped (project, "changed::model_version", G_CALLBACK (on_other_changed), self);
    }
  return GTK_WIDGET (self);
}
