/* test-gui-report-editor.c: the report section editor, driven through its
 * buffer, its actions and its widgets
 *
 * The buffer gives back every body it was given (text styles, links,
 * footnotes, cross-references, lists, blocks with captions).  In a window
 * on a copy of the sample project: typing, bold over a selection, a
 * bullet item, a footnote from the toolbar's popover and a chart block
 * reach report_section.body as the expected XML; the project's undo
 * brings back the previous body and the editor shows it; a block moves
 * down and is removed with its card's buttons.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "verkan-gui-test-util.h"
#include "verkan-project.h"
#include "verkan-report-body.h"
#include "verkan-report-buffer.h"
#include "verkan-report-edit.h"
#include "verkan-report-editor.h"
#include "verkan-test-util.h"

static char *tmpdir;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
assert_bodies_equal (const VerkanReportBody *a,
                     const VerkanReportBody *b)
{
  g_autofree char *xml_a = verkan_report_body_to_xml (a);
  g_autofree char *xml_b = verkan_report_body_to_xml (b);

  g_assert_cmpuint (a->items->len, ==, b->items->len);
  for (guint i = 0; i < a->items->len; i++)
    {
      const VerkanReportItem *x = g_ptr_array_index (a->items, i);
      const VerkanReportItem *y = g_ptr_array_index (b->items, i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->block_id, ==, y->block_id);
      g_assert_cmpstr (x->block_kind, ==, y->block_kind);
      g_assert_cmpstr (x->block_ref, ==, y->block_ref);
      g_assert_cmpstr (x->caption, ==, y->caption);
      g_assert_cmpuint (x->spans->len, ==, y->spans->len);
      for (guint s = 0; s < x->spans->len; s++)
        {
          const VerkanReportSpan *p = g_ptr_array_index (x->spans, s);
          const VerkanReportSpan *q = g_ptr_array_index (y->spans, s);

          g_assert_cmpint (p->kind, ==, q->kind);
          g_assert_cmpstr (p->text, ==, q->text);
          if (p->kind == VERKAN_REPORT_SPAN_TEXT)
            {
              g_assert_cmpint (p->flags, ==, q->flags);
              g_assert_cmpstr (p->href, ==, q->href);
            }
          if (p->kind == VERKAN_REPORT_SPAN_REF)
            g_assert_cmpstr (p->ref, ==, q->ref);
        }
    }
  g_assert_cmpstr (xml_a, ==, xml_b);
}

static void
assert_round_trip (VerkanReportBuffer     *buffer,
                   const VerkanReportBody *body)
{
  g_autoptr(VerkanReportBody) back = NULL;

  verkan_report_buffer_load (buffer, body);
  back = verkan_report_buffer_dup_body (buffer);
  assert_bodies_equal (body, back);
}

static VerkanReportBody *
parse (const char *xml)
{
  g_autoptr(GError) error = NULL;
  VerkanReportBody *body = verkan_report_body_parse (xml, &error);

  g_assert_no_error (error);
  g_assert_nonnull (body);
  return body;
}

static const VerkanReportItem *
item_at (const VerkanReportBody *body,
         guint                   index)
{
  g_assert_cmpuint (index, <, body->items->len);
  return g_ptr_array_index (body->items, index);
}

static const VerkanReportSpan *
span_at (const VerkanReportItem *item,
         guint                   index)
{
  g_assert_cmpuint (index, <, item->spans->len);
  return g_ptr_array_index (item->spans, index);
}

typedef struct {
  char               *path;
  VerkanProject      *project;
  gint64              section_id;
  GtkWindow          *window;
  VerkanReportEditor *editor;
  GtkTextBuffer      *buffer;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *name,
              const char *body_xml)
{
  g_autoptr(GError) error = NULL;

  fixture->path = verkan_gui_test_copy_sample (tmpdir, name);
  fixture->project = verkan_project_open (fixture->path, VERKAN_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  fixture->section_id = verkan_report_add_section (fixture->project, 0, G_MAXUINT, "Resultat", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->section_id, >, 0);
  if (body_xml != NULL)
    {
      verkan_report_set_body (fixture->project, fixture->section_id, body_xml, &error);
      g_assert_no_error (error);
      /* A step of another field, so that the editor's first edit is a
       * step of its own */
      verkan_report_rename_section (fixture->project, fixture->section_id, "Resultat och analys", &error);
      g_assert_no_error (error);
    }

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  fixture->editor = VERKAN_REPORT_EDITOR (verkan_report_editor_new (fixture->project));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);
  verkan_report_editor_set_section (fixture->editor, fixture->section_id);
  fixture->buffer = gtk_text_view_get_buffer (verkan_report_editor_get_view (fixture->editor));
  gtk_widget_grab_focus (GTK_WIDGET (verkan_report_editor_get_view (fixture->editor)));
  verkan_gui_test_iterate ();
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  verkan_gui_test_iterate ();
  verkan_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

/* What the file holds for the section, read past Verkan's own code */
static VerkanReportBody *
stored_body (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("SELECT body FROM report_section WHERE id = %" G_GINT64_FORMAT,
                                          fixture->section_id);
  g_autofree char *xml = verkan_test_sql_text (fixture->path, sql);

  g_assert_nonnull (xml);
  return parse (xml);
}

static char *
stored_xml (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("SELECT body FROM report_section WHERE id = %" G_GINT64_FORMAT,
                                          fixture->section_id);

  return verkan_test_sql_text (fixture->path, sql);
}

static void
type_text (Fixture    *fixture,
           const char *text)
{
  /* As the view does for a key press */
  gtk_text_buffer_insert_interactive_at_cursor (fixture->buffer, text, -1, TRUE);
  verkan_gui_test_iterate ();
}

static void
select_range (Fixture *fixture,
              int      start,
              int      end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &b, end);
  gtk_text_buffer_select_range (fixture->buffer, &a, &b);
}

static void
cursor_to_end (Fixture *fixture)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (fixture->buffer, &end);
  gtk_text_buffer_place_cursor (fixture->buffer, &end);
}

static GtkWidget *
find_anchor_widget (Fixture    *fixture,
                    const char *block_id)
{
  GtkTextChildAnchor *anchor = verkan_report_buffer_find_block (VERKAN_REPORT_BUFFER (fixture->buffer),
                                                                block_id);
  g_autofree GtkWidget **widgets = NULL;
  guint n = 0;

  g_assert_nonnull (anchor);
  widgets = gtk_text_child_anchor_get_widgets (anchor, &n);
  g_assert_cmpuint (n, ==, 1);
  return widgets[0];
}

/* ------------------------------------------------------------------ */
/* The buffer                                                          */

static void
test_round_trip (void)
{
  g_autoptr(VerkanReportBuffer) buffer = verkan_report_buffer_new ();
  const char *bodies[] = {
    /* every inline construct in one paragraph */
    "<body><p>Plain, <b>bold</b>, <i>italic</i>, <b><i>both</i></b>, "
    "<a href=\"https://www.kolada.se\">a link</a>, <b><a href=\"https://scb.se\">a bold link</a></b>, "
    "a footnote mark<note>The footnote's text.</note>, and a cross-reference: "
    "se <ref to=\"b1\"/>.</p></body>",
    /* lists, an empty paragraph between, numbers after bullets */
    "<body><p list=\"bullet\">first bullet</p><p list=\"bullet\"><b>second</b> bullet</p>"
    "<p/><p list=\"numbered\">one</p><p list=\"numbered\">two<note>n</note></p>"
    "<p>after the list</p></body>",
    /* blocks: first, next to each other, last, with a caption */
    "<body><block id=\"b1\" kind=\"chart\" ref=\"4e1a572b-c001-4aed-beff-cb1402cde765\"/>"
    "<block id=\"b2\" kind=\"goal-outcomes\" caption=\"Utfall per mål\"/>"
    "<p>Between <note>with a note</note></p>"
    "<block id=\"b3\" kind=\"model-version\" ref=\"v-1\"/></body>",
    /* a block after a list item, and an empty list item at the end */
    "<body><p list=\"numbered\">item</p><block id=\"b4\" kind=\"resources\"/>"
    "<p list=\"bullet\">x</p><p list=\"bullet\"/></body>",
    /* empty paragraphs before and after, notes side by side, two links */
    "<body><p/><p><note>a</note><note>b</note><a href=\"https://a.se\">A</a>"
    "<a href=\"https://b.se\">B</a></p><p/></body>",
    /* nothing */
    "<body/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(VerkanReportBody) body = parse (bodies[i]);

      g_test_message ("body %u", i);
      assert_round_trip (buffer, body);
    }

  /* A body built by hand, as the editor's callers make them */
  {
    g_autoptr(VerkanReportBody) body = verkan_report_body_new ();
    VerkanReportItem *item = verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_PARAGRAPH);
    VerkanReportSpan *span;

    verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_TEXT, 0, "Se ");
    span = verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_REF, 0, NULL);
    span->ref = g_strdup ("fig");
    verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_TEXT, VERKAN_REPORT_SPAN_ITALIC, " nedan");
    verkan_report_body_add_block (body, "chart", "c", "fig")->caption = g_strdup ("Egen");
    item = verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_NUMBERED);
    verkan_report_item_add_span (item, VERKAN_REPORT_SPAN_TEXT, VERKAN_REPORT_SPAN_BOLD, "Ett");
    assert_round_trip (buffer, body);

    /* The numbers of a list come from the lines, not the text */
    g_assert_cmpuint (verkan_report_buffer_get_line_number (buffer, 2), ==, 1);
    g_assert_cmpint (verkan_report_buffer_get_line_kind (buffer, 1), ==, VERKAN_REPORT_ITEM_BLOCK);
  }
}

/* Typing rules: what a person gets while writing */
static void
test_typing_rules (void)
{
  g_autoptr(VerkanReportBuffer) self = verkan_report_buffer_new ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(VerkanReportBody) body = NULL;
  GtkTextIter iter;

  /* Bold chosen with nothing selected applies to what is typed next */
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Start ", -1, TRUE);
  verkan_report_buffer_toggle_flag (self, VERKAN_REPORT_SPAN_BOLD);
  g_assert_cmpint (verkan_report_buffer_get_flags (self), ==, VERKAN_REPORT_SPAN_BOLD);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "fet", -1, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "stil", -1, TRUE);
  /* and goes on at the end of a bold word */
  verkan_report_buffer_set_paragraph_kind (self, VERKAN_REPORT_ITEM_BULLET);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", -1, TRUE);
  /* A new line after a bullet item is a bullet item; Enter on it when
   * empty ends the list */
  g_assert_cmpint (verkan_report_buffer_get_line_kind (self, 1), ==, VERKAN_REPORT_ITEM_BULLET);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", -1, TRUE);
  g_assert_cmpint (verkan_report_buffer_get_line_kind (self, 1), ==, VERKAN_REPORT_ITEM_PARAGRAPH);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 2);
  verkan_report_buffer_toggle_flag (self, VERKAN_REPORT_SPAN_BOLD);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Vanlig", -1, TRUE);

  body = verkan_report_buffer_dup_body (self);
  {
    g_autofree char *xml = verkan_report_body_to_xml (body);

    g_test_message ("%s", xml);
  }
  g_assert_cmpuint (body->items->len, ==, 2);
  g_assert_cmpint (item_at (body, 0)->kind, ==, VERKAN_REPORT_ITEM_BULLET);
  g_assert_cmpstr (span_at (item_at (body, 0), 0)->text, ==, "Start ");
  g_assert_cmpstr (span_at (item_at (body, 0), 1)->text, ==, "fetstil");
  g_assert_cmpint (span_at (item_at (body, 0), 1)->flags, ==, VERKAN_REPORT_SPAN_BOLD);
  g_assert_cmpint (item_at (body, 1)->kind, ==, VERKAN_REPORT_ITEM_PARAGRAPH);
  g_assert_cmpstr (span_at (item_at (body, 1), 0)->text, ==, "Vanlig");
  g_assert_cmpint (span_at (item_at (body, 1), 0)->flags, ==, 0);
  g_clear_pointer (&body, verkan_report_body_free);

  /* Nothing is typed onto a block's line: it goes to a line of its own */
  {
    g_autofree char *id = NULL;

    gtk_text_buffer_get_end_iter (buffer, &iter);
    gtk_text_buffer_place_cursor (buffer, &iter);
    id = verkan_report_buffer_insert_block (self, "time-plan", NULL);
    gtk_text_buffer_get_end_iter (buffer, &iter);
    gtk_text_buffer_place_cursor (buffer, &iter);
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "Efter", -1, TRUE);
    body = verkan_report_buffer_dup_body (self);
    g_assert_cmpuint (body->items->len, ==, 4);
    g_assert_cmpint (item_at (body, 2)->kind, ==, VERKAN_REPORT_ITEM_BLOCK);
    g_assert_cmpstr (item_at (body, 2)->block_id, ==, id);
    g_assert_cmpstr (span_at (item_at (body, 3), 0)->text, ==, "Efter");
    g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 4);

    /* Backspace at the start of the line after it does not join them */
    gtk_text_buffer_get_iter_at_line (buffer, &iter, 3);
    gtk_text_buffer_backspace (buffer, &iter, TRUE, TRUE);
    g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 4);
    g_clear_pointer (&body, verkan_report_body_free);

    /* Moved up past "Vanlig", then removed */
    g_assert_true (verkan_report_buffer_move_block (self, id, -1));
    body = verkan_report_buffer_dup_body (self);
    g_assert_cmpint (item_at (body, 1)->kind, ==, VERKAN_REPORT_ITEM_BLOCK);
    g_assert_cmpstr (span_at (item_at (body, 2), 0)->text, ==, "Vanlig");
    g_clear_pointer (&body, verkan_report_body_free);
    g_assert_false (verkan_report_buffer_move_block (self, "no-such-block", 1));
    g_assert_true (verkan_report_buffer_remove_block (self, id));
    body = verkan_report_buffer_dup_body (self);
    g_assert_cmpuint (body->items->len, ==, 3);
  }
  g_clear_pointer (&body, verkan_report_body_free);

  /* A link over a selection, and taken off again */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 0);
  {
    GtkTextIter end = iter;

    gtk_text_iter_forward_chars (&end, 5);
    gtk_text_buffer_select_range (buffer, &iter, &end);
  }
  verkan_report_buffer_set_link (self, "https://www.kolada.se");
  {
    g_autofree char *href = verkan_report_buffer_dup_link (self);

    g_assert_cmpstr (href, ==, "https://www.kolada.se");
  }
  body = verkan_report_buffer_dup_body (self);
  g_assert_cmpstr (span_at (item_at (body, 0), 0)->text, ==, "Start");
  g_assert_cmpstr (span_at (item_at (body, 0), 0)->href, ==, "https://www.kolada.se");
  g_clear_pointer (&body, verkan_report_body_free);
  verkan_report_buffer_set_link (self, NULL);
  body = verkan_report_buffer_dup_body (self);
  g_assert_cmpstr (span_at (item_at (body, 0), 0)->text, ==, "Start ");
  g_assert_null (span_at (item_at (body, 0), 0)->href);
}

/* ------------------------------------------------------------------ */
/* The editor                                                          */

static void
test_empty_state (void)
{
  Fixture fixture = { 0 };
  GtkWidget *hint;
  GtkStack *stack;

  fixture_open (&fixture, "empty.verkan", NULL);
  hint = verkan_gui_test_find_named (GTK_WIDGET (fixture.editor), "report-editor-empty");
  g_assert_nonnull (hint);
  stack = GTK_STACK (gtk_widget_get_ancestor (hint, GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");

  verkan_report_editor_set_section (fixture.editor, 0);
  verkan_gui_test_iterate ();
  g_assert_cmpint (verkan_report_editor_get_section (fixture.editor), ==, 0);
  g_assert_true (gtk_stack_get_visible_child (stack) == gtk_widget_get_parent (hint)
                 || gtk_stack_get_visible_child (stack) == hint);
  g_assert_false (gtk_widget_get_sensitive (verkan_gui_test_find_named (GTK_WIDGET (fixture.editor),
                                                                       "report-editor-toolbar")));
  fixture_close (&fixture);
}

static void
test_write_section (void)
{
  Fixture fixture = { 0 };
  g_autoptr(VerkanReportBody) body = NULL;
  g_autofree char *chart_uuid = NULL;
  g_autofree char *xml = NULL;
  GtkLabel *heading;
  GtkWidget *note_entry;
  const VerkanReportItem *item;

  fixture_open (&fixture, "write.verkan", NULL);
  chart_uuid = verkan_test_sql_text (fixture.path, "SELECT uuid FROM chart ORDER BY position LIMIT 1");
  g_assert_nonnull (chart_uuid);

  heading = GTK_LABEL (verkan_gui_test_find_named (GTK_WIDGET (fixture.editor), "report-editor-heading"));
  g_assert_true (strstr (gtk_label_get_text (heading), "Resultat") != NULL);

  /* Typing, then bold over "bra" */
  type_text (&fixture, "Det gick bra för projektet.");
  select_range (&fixture, 9, 12);
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.bold", NULL);
  g_assert_true (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (verkan_gui_test_find_named (GTK_WIDGET (fixture.editor), "report-editor-bold"))));

  /* A bullet item on a new line */
  cursor_to_end (&fixture);
  type_text (&fixture, "\nFler deltagare");
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.bullet", NULL);
  g_assert_true (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (verkan_gui_test_find_named (GTK_WIDGET (fixture.editor), "report-editor-bullet"))));

  /* A footnote through the toolbar's popover */
  gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.note", NULL);
  verkan_gui_test_iterate ();
  note_entry = verkan_gui_test_find_named (GTK_WIDGET (fixture.editor), "report-editor-note-entry");
  g_assert_nonnull (note_entry);
  gtk_editable_set_text (GTK_EDITABLE (note_entry), "Enligt enkäten 2023.");
  g_signal_emit_by_name (note_entry, "activate");
  verkan_gui_test_iterate ();

  /* and a chart after the item */
  verkan_report_editor_insert_block (fixture.editor, "chart", chart_uuid);
  verkan_report_editor_flush (fixture.editor);

  xml = stored_xml (&fixture);
  g_test_message ("stored: %s", xml);
  g_assert_true (strstr (xml, "<b>bra</b>") != NULL);
  g_assert_true (strstr (xml, "<note>Enligt enkäten 2023.</note>") != NULL);

  body = stored_body (&fixture);
  g_assert_cmpuint (body->items->len, ==, 3);
  item = item_at (body, 0);
  g_assert_cmpint (item->kind, ==, VERKAN_REPORT_ITEM_PARAGRAPH);
  g_assert_cmpuint (item->spans->len, ==, 3);
  g_assert_cmpstr (span_at (item, 0)->text, ==, "Det gick ");
  g_assert_cmpstr (span_at (item, 1)->text, ==, "bra");
  g_assert_cmpint (span_at (item, 1)->flags, ==, VERKAN_REPORT_SPAN_BOLD);
  g_assert_cmpstr (span_at (item, 2)->text, ==, " för projektet.");
  g_assert_cmpint (span_at (item, 2)->flags, ==, 0);
  item = item_at (body, 1);
  g_assert_cmpint (item->kind, ==, VERKAN_REPORT_ITEM_BULLET);
  g_assert_cmpuint (item->spans->len, ==, 2);
  g_assert_cmpstr (span_at (item, 0)->text, ==, "Fler deltagare");
  g_assert_cmpint (span_at (item, 1)->kind, ==, VERKAN_REPORT_SPAN_NOTE);
  g_assert_cmpstr (span_at (item, 1)->text, ==, "Enligt enkäten 2023.");
  item = item_at (body, 2);
  g_assert_cmpint (item->kind, ==, VERKAN_REPORT_ITEM_BLOCK);
  g_assert_cmpstr (item->block_kind, ==, "chart");
  g_assert_cmpstr (item->block_ref, ==, chart_uuid);

  /* The chart shows as a card naming the chart */
  {
    g_autofree char *title = verkan_test_sql_text (fixture.path,
        "SELECT title FROM chart ORDER BY position LIMIT 1");
    GtkWidget *card = find_anchor_widget (&fixture, item->block_id);
    gboolean found = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (card)
                                                        ? gtk_widget_get_next_sibling (gtk_widget_get_first_child (card))
                                                        : NULL);
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), title) == 0)
        found = TRUE;
    g_assert_true (found);
  }

  fixture_close (&fixture);
}

/* Typing is saved after a pause, by itself */
static void
test_autosave (void)
{
  Fixture fixture = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *sql = NULL;

  fixture_open (&fixture, "autosave.verkan", "<body><p>Syftet</p></body>");
  sql = g_strdup_printf ("SELECT body FROM report_section WHERE id = %" G_GINT64_FORMAT, fixture.section_id);
  cursor_to_end (&fixture);
  type_text (&fixture, " var tydligt");
  /* not at once, but after the pause */
  xml = stored_xml (&fixture);
  g_assert_cmpstr (xml, ==, "<body><p>Syftet</p></body>");
  g_clear_pointer (&xml, g_free);
  g_assert_true (verkan_gui_test_wait_for_text (fixture.path, sql,
                                                "<body><p>Syftet var tydligt</p></body>"));
  xml = stored_xml (&fixture);
  g_assert_cmpstr (xml, ==, "<body><p>Syftet var tydligt</p></body>");
  fixture_close (&fixture);
}

static void
test_undo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter cursor;

  fixture_open (&fixture, "undo.verkan", "<body><p>Första stycket.</p><p>Andra.</p></body>");
  text = verkan_gui_test_buffer_text (verkan_report_editor_get_view (fixture.editor));
  g_assert_cmpstr (text, ==, "Första stycket.\nAndra.");
  g_clear_pointer (&text, g_free);

  /* A word typed in the first paragraph, stored */
  select_range (&fixture, 6, 6);
  type_text (&fixture, " korta");
  verkan_report_editor_flush (fixture.editor);
  {
    g_autofree char *xml = stored_xml (&fixture);

    g_assert_cmpstr (xml, ==, "<body><p>Första korta stycket.</p><p>Andra.</p></body>");
  }

  /* The window's undo is the project's: the body and the text go back */
  g_assert_true (verkan_project_undo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  {
    g_autofree char *xml = stored_xml (&fixture);

    g_assert_cmpstr (xml, ==, "<body><p>Första stycket.</p><p>Andra.</p></body>");
  }
  text = verkan_gui_test_buffer_text (verkan_report_editor_get_view (fixture.editor));
  g_assert_cmpstr (text, ==, "Första stycket.\nAndra.");
  g_clear_pointer (&text, g_free);
  /* the cursor stays about where it was */
  gtk_text_buffer_get_iter_at_mark (fixture.buffer, &cursor, gtk_text_buffer_get_insert (fixture.buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, 12);

  /* Reloading is not an edit: nothing is stored again */
  verkan_report_editor_flush (fixture.editor);
  g_assert_true (verkan_project_get_can_redo (fixture.project));

  g_assert_true (verkan_project_redo (fixture.project, &error));
  g_assert_no_error (error);
  verkan_gui_test_iterate ();
  text = verkan_gui_test_buffer_text (verkan_report_editor_get_view (fixture.editor));
  g_assert_cmpstr (text, ==, "Första korta stycket.\nAndra.");

  fixture_close (&fixture);
}

static void
click_card_button (Fixture    *fixture,
                   const char *block_id,
                   const char *key)
{
  GtkWidget *card = find_anchor_widget (fixture, block_id);
  GtkWidget *button = g_object_get_data (G_OBJECT (card), key);

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  /* the move runs from an idle, once the click is over */
  verkan_gui_test_run_for (50);
}

static void
test_move_remove_block (void)
{
  Fixture fixture = { 0 };
  g_autoptr(VerkanReportBody) body = NULL;

  fixture_open (&fixture, "blocks.verkan",
                "<body><p>Ett</p><block id=\"tp\" kind=\"time-plan\"/><p>Två</p>"
                "<block id=\"rs\" kind=\"resources\" caption=\"Timmar\"/></body>");

  /* Down past "Två" */
  click_card_button (&fixture, "tp", "verkan-down");
  body = stored_body (&fixture);
  g_assert_cmpuint (body->items->len, ==, 4);
  g_assert_cmpstr (span_at (item_at (body, 1), 0)->text, ==, "Två");
  g_assert_cmpstr (item_at (body, 2)->block_id, ==, "tp");
  g_assert_cmpstr (item_at (body, 3)->block_id, ==, "rs");
  g_assert_cmpstr (item_at (body, 3)->caption, ==, "Timmar");
  g_clear_pointer (&body, verkan_report_body_free);

  /* Up is back */
  click_card_button (&fixture, "tp", "verkan-up");
  body = stored_body (&fixture);
  g_assert_cmpstr (item_at (body, 1)->block_id, ==, "tp");
  g_clear_pointer (&body, verkan_report_body_free);

  /* Removed */
  click_card_button (&fixture, "rs", "verkan-remove");
  body = stored_body (&fixture);
  g_assert_cmpuint (body->items->len, ==, 3);
  g_assert_cmpstr (item_at (body, 1)->block_id, ==, "tp");
  g_assert_null (verkan_report_buffer_find_block (VERKAN_REPORT_BUFFER (fixture.buffer), "rs"));

  fixture_close (&fixture);
}

/* Footnotes are numbered in the order they stand; a cross-reference names
 * its figure */
static void
test_notes_and_refs (void)
{
  Fixture fixture = { 0 };
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *xml = NULL;
  GtkTextIter iter;
  guint notes = 0;

  fixture_open (&fixture, "notes.verkan", NULL);
  uuid = verkan_test_sql_text (fixture.path, "SELECT uuid FROM chart ORDER BY position LIMIT 1");
  title = verkan_test_sql_text (fixture.path, "SELECT title FROM chart ORDER BY position LIMIT 1");
  xml = g_strdup_printf ("<body><p>A<note>first</note> B<note>second</note> se <ref to=\"fig\"/></p>"
                         "<block id=\"fig\" kind=\"chart\" ref=\"%s\"/></body>", uuid);
  verkan_report_set_body (fixture.project, fixture.section_id, xml, NULL);
  verkan_gui_test_iterate ();
  verkan_gui_test_run_for (20);

  gtk_text_buffer_get_start_iter (fixture.buffer, &iter);
  do
    {
      GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (&iter);
      const VerkanReportSpan *span = anchor ? verkan_report_buffer_get_anchor_span (anchor) : NULL;
      g_autofree GtkWidget **widgets = NULL;
      guint n = 0;

      if (span == NULL)
        continue;
      widgets = gtk_text_child_anchor_get_widgets (anchor, &n);
      g_assert_cmpuint (n, ==, 1);
      if (span->kind == VERKAN_REPORT_SPAN_NOTE)
        {
          GtkLabel *label = GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (widgets[0])));
          g_autofree char *number = g_strdup_printf ("%u", ++notes);

          g_assert_cmpstr (gtk_label_get_text (label), ==, number);
        }
      else
        {
          g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (widgets[0])), title) != NULL);
        }
    }
  while (gtk_text_iter_forward_char (&iter));
  g_assert_cmpuint (notes, ==, 2);

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("verkan-gui-report-editor-XXXXXX", &error);
  g_assert_no_error (error);

  if (!verkan_gui_test_init_display ())
    return g_test_run ();  /* only the test that says there is no display */
  adw_init ();

  g_test_add_func ("/gui/report-editor/round-trip", test_round_trip);
  g_test_add_func ("/gui/report-editor/typing-rules", test_typing_rules);
  g_test_add_func ("/gui/report-editor/empty-state", test_empty_state);
  g_test_add_func ("/gui/report-editor/write-section", test_write_section);
  g_test_add_func ("/gui/report-editor/autosave", test_autosave);
  g_test_add_func ("/gui/report-editor/undo", test_undo);
  g_test_add_func ("/gui/report-editor/move-remove-block", test_move_remove_block);
  g_test_add_func ("/gui/report-editor/notes-and-refs", test_notes_and_refs);

  status = g_test_run ();

  verkan_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
