/* test-report.c: the report's core: section bodies, the outline as
 * undoable edits, templates, and the document the writers print from.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "verkan-document-store.h"
#include "verkan-format.h"
#include "verkan-project.h"
#include "verkan-report-body.h"
#include "verkan-report-document.h"
#include "verkan-report-edit.h"
#include "verkan-test-util.h"

/* ---------------------------------------------------------------- helpers */

typedef struct {
  char          *dir;
  char          *path;
  VerkanProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("verkan-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rapport.verkan", NULL);
  f->project = verkan_project_create (f->path, "Bättre förutsättningar", &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->project);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  verkan_project_close (f->project);
  g_clear_object (&f->project);
  verkan_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GVariant *
make_row (const char *key,
          ...)
{
  GVariantDict dict;
  va_list args;

  g_variant_dict_init (&dict, NULL);
  va_start (args, key);
  for (; key != NULL; key = va_arg (args, const char *))
    g_variant_dict_insert_value (&dict, key, va_arg (args, GVariant *));
  va_end (args);
  return g_variant_dict_end (&dict);
}

#define S(s) g_variant_new_string (s)
#define X(x) g_variant_new_int64 (x)
#define D(d) g_variant_new_double (d)

static gint64
insert (VerkanProject *project,
        const char    *table,
        GVariant      *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned = g_variant_ref_sink (row);
  gint64 id = verkan_project_insert (project, table, owned, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
uuid_of (VerkanProject *project,
         const char    *table,
         gint64         id)
{
  g_autoptr(GVariant) row = verkan_project_get_row (project, table, id, NULL);
  char *uuid = NULL;

  g_assert_nonnull (row);
  g_assert_true (g_variant_lookup (row, "uuid", "s", &uuid));
  return uuid;
}

static void
set_project (VerkanProject *project,
             const char    *column,
             const char    *value)
{
  g_autoptr(GError) error = NULL;

  verkan_project_set_value (project, "project", 1, column, S (value), &error);
  g_assert_no_error (error);
}

static void
exec_sql (VerkanProject *project,
          const char    *sql)
{
  g_assert_cmpint (sqlite3_exec (verkan_project_get_db (project), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* "1 Grundläggande information|1.1 Syfte|…": the outline as printed */
static char *
outline (VerkanProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = verkan_report_list_sections (project, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *s = g_ptr_array_index (sections, i);

      guint dots = 0;

      for (const char *c = s->number; *c; c++)
        dots += *c == '.';
      g_assert_cmpuint (s->depth, ==, dots);
      g_string_append_printf (out, "%s%s %s", i ? "|" : "", s->number, s->title);
    }
  return g_string_free (out, FALSE);
}

/* Every row of report_section, as stored, for comparing before and after */
static char *
dump_sections (VerkanProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = verkan_project_list_rows (project, "report_section", NULL, NULL,
                                                        &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = g_variant_print (g_ptr_array_index (rows, i), FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  return g_string_free (out, FALSE);
}

static gint64
section_id (VerkanProject *project,
            const char    *title)
{
  g_autoptr(GPtrArray) sections = verkan_report_list_sections (project, NULL);

  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *s = g_ptr_array_index (sections, i);
      if (g_strcmp0 (s->title, title) == 0)
        return s->id;
    }
  g_assert_not_reached ();
  return 0;
}

static const VerkanReportSpan *
span_at (const VerkanReportBody *body,
         guint                   item,
         guint                   span)
{
  const VerkanReportItem *it;

  g_assert_cmpuint (item, <, body->items->len);
  it = g_ptr_array_index (body->items, item);
  g_assert_cmpuint (span, <, it->spans->len);
  return g_ptr_array_index (it->spans, span);
}

static const VerkanReportItem *
item_at (const VerkanReportBody *body,
         guint                   item)
{
  g_assert_cmpuint (item, <, body->items->len);
  return g_ptr_array_index (body->items, item);
}

/* ------------------------------------------------------------ the body */

static void
test_body_round_trip (void)
{
  g_autoptr(VerkanReportBody) body = verkan_report_body_new ();
  g_autoptr(VerkanReportBody) back = NULL;
  g_autoptr(VerkanReportBody) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *plain = NULL;
  VerkanReportItem *p;
  VerkanReportSpan *span;

  p = verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_PARAGRAPH);
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT, 0, "Plain & <odd> \"text\", ");
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT, VERKAN_REPORT_SPAN_BOLD, "bold");
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT, 0, " ");
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT,
                               VERKAN_REPORT_SPAN_BOLD | VERKAN_REPORT_SPAN_ITALIC, "both");
  span = verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT, VERKAN_REPORT_SPAN_ITALIC,
                                      " Kolada");
  span->href = g_strdup ("https://www.kolada.se/?a=1&b=\"2\"");
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_NOTE, 0, "Källa: SCB, 2021.");
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT, 0, ", se ");
  span = verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_REF, 0, NULL);
  span->ref = g_strdup ("chart-1");
  verkan_report_item_add_span (p, VERKAN_REPORT_SPAN_TEXT, 0, ".\n\tRad två");
  verkan_report_item_add_span (verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_BULLET),
                               VERKAN_REPORT_SPAN_TEXT, 0, "en punkt");
  verkan_report_item_add_span (verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_NUMBERED),
                               VERKAN_REPORT_SPAN_TEXT, 0, "ett nummer");
  verkan_report_body_add_paragraph (body, VERKAN_REPORT_ITEM_PARAGRAPH);  /* empty */
  verkan_report_body_add_block (body, "chart", "3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f13",
                                "chart-1")->caption = g_strdup ("Eget \"namn\"\npå två rader");
  g_assert_nonnull (verkan_report_body_add_block (body, "goal-outcomes", NULL, NULL)->block_id);

  xml = verkan_report_body_to_xml (body);
  g_assert_true (g_str_has_prefix (xml, "<body><p>Plain &amp; &lt;odd&gt; \"text\", <b>bold</b> "
                                        "<b><i>both</i></b><a href=\"https://www.kolada.se/?a=1&amp;"
                                        "b=&quot;2&quot;\"><i> Kolada</i></a><note>Källa: SCB, "
                                        "2021.</note>, se <ref to=\"chart-1\"/>.\n\tRad två</p>"
                                        "<p list=\"bullet\">en punkt</p>"
                                        "<p list=\"numbered\">ett nummer</p><p></p>"
                                        "<block id=\"chart-1\" kind=\"chart\" "
                                        "ref=\"3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f13\" "
                                        "caption=\"Eget &quot;namn&quot;&#10;på två rader\"/>"
                                        "<block id=\""));

  back = verkan_report_body_parse (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->items->len, ==, 6);
  g_assert_cmpuint (item_at (back, 0)->spans->len, ==, 9);
  g_assert_cmpstr (span_at (back, 0, 0)->text, ==, "Plain & <odd> \"text\", ");
  g_assert_cmpint (span_at (back, 0, 3)->flags, ==, VERKAN_REPORT_SPAN_BOLD | VERKAN_REPORT_SPAN_ITALIC);
  g_assert_cmpstr (span_at (back, 0, 4)->href, ==, "https://www.kolada.se/?a=1&b=\"2\"");
  g_assert_cmpint (span_at (back, 0, 5)->kind, ==, VERKAN_REPORT_SPAN_NOTE);
  g_assert_cmpstr (span_at (back, 0, 5)->text, ==, "Källa: SCB, 2021.");
  g_assert_cmpint (span_at (back, 0, 7)->kind, ==, VERKAN_REPORT_SPAN_REF);
  g_assert_cmpstr (span_at (back, 0, 7)->ref, ==, "chart-1");
  g_assert_cmpstr (span_at (back, 0, 8)->text, ==, ".\n\tRad två");
  g_assert_cmpint (item_at (back, 1)->kind, ==, VERKAN_REPORT_ITEM_BULLET);
  g_assert_cmpint (item_at (back, 2)->kind, ==, VERKAN_REPORT_ITEM_NUMBERED);
  g_assert_cmpuint (item_at (back, 3)->spans->len, ==, 0);
  g_assert_cmpint (item_at (back, 4)->kind, ==, VERKAN_REPORT_ITEM_BLOCK);
  g_assert_cmpstr (item_at (back, 4)->caption, ==, "Eget \"namn\"\npå två rader");
  g_assert_cmpstr (item_at (back, 4)->block_ref, ==, "3f1c8e2a-7b4d-4e0f-9a61-2c5d8b9e0f13");
  g_assert_cmpstr (item_at (back, 5)->block_kind, ==, "goal-outcomes");
  g_assert_null (item_at (back, 5)->block_ref);
  g_assert_cmpuint (strlen (item_at (back, 5)->block_id), ==, 36);

  /* parse (to_xml (b)) is b */
  again = verkan_report_body_to_xml (back);
  g_assert_cmpstr (again, ==, xml);
  copy = verkan_report_body_copy (back);
  copied = verkan_report_body_to_xml (copy);
  g_assert_cmpstr (copied, ==, xml);

  plain = verkan_report_body_to_plain (back);
  g_assert_cmpstr (plain, ==, "Plain & <odd> \"text\", bold both Kolada, se .\n\tRad två\n"
                              "en punkt\nett nummer\n");

  g_assert_cmpstr (verkan_report_block_kind_label ("chart"), ==, "Chart");
  g_assert_cmpuint (g_strv_length ((char **) verkan_report_block_kinds), ==, 11);
}

static void
test_body_odd_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportBody) empty = verkan_report_body_parse (NULL, &error);
  g_autoptr(VerkanReportBody) blank = NULL;
  g_autoptr(VerkanReportBody) nested = NULL;
  g_autoptr(VerkanReportBody) loose = NULL;
  g_autoptr(VerkanReportBody) spaced = NULL;
  g_autoptr(VerkanReportBody) control = NULL;
  g_autofree char *empty_xml = NULL;
  g_autofree char *control_xml = NULL;
  const char *const broken[] = {
    "<body><p>unclosed</body>", "<body", "just text", "<p>no body</p>", "<body/><body/>",
    "<body><p>&nosuch;</p></body>", "\xff\xfe<body/>",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (empty->items->len, ==, 0);
  empty_xml = verkan_report_body_to_xml (empty);
  g_assert_cmpstr (empty_xml, ==, "<body/>");
  blank = verkan_report_body_parse (" \n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blank->items->len, ==, 0);

  /* malformed or not a body: an error, never a crash */
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      VerkanReportBody *bad = verkan_report_body_parse (broken[i], &error);

      g_assert_null (bad);
      g_assert_error (error, VERKAN_REPORT_BODY_ERROR, VERKAN_REPORT_BODY_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* nesting: the flags and the link of every element around the text */
  nested = verkan_report_body_parse ("<body><p>a <b>b <i>c</i></b> <a href=\"x\"><b>d</b>"
                                     "<em>e</em></a><strong>f</strong><span>g</span></p></body>",
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (item_at (nested, 0)->spans->len, ==, 8);
  g_assert_cmpstr (span_at (nested, 0, 2)->text, ==, "c");
  g_assert_cmpint (span_at (nested, 0, 2)->flags, ==, VERKAN_REPORT_SPAN_BOLD | VERKAN_REPORT_SPAN_ITALIC);
  g_assert_cmpstr (span_at (nested, 0, 3)->text, ==, " ");
  g_assert_null (span_at (nested, 0, 3)->href);
  g_assert_cmpstr (span_at (nested, 0, 4)->href, ==, "x");
  g_assert_cmpint (span_at (nested, 0, 4)->flags, ==, VERKAN_REPORT_SPAN_BOLD);
  g_assert_cmpint (span_at (nested, 0, 5)->flags, ==, VERKAN_REPORT_SPAN_ITALIC);
  g_assert_cmpstr (span_at (nested, 0, 5)->href, ==, "x");
  g_assert_cmpint (span_at (nested, 0, 6)->flags, ==, VERKAN_REPORT_SPAN_BOLD);
  g_assert_cmpstr (span_at (nested, 0, 7)->text, ==, "g");   /* unknown: its text */

  /* namespaces ignored; text outside <p> ignored; unknown top-level
   * element with text read as a paragraph; blocks with no kind dropped */
  loose = verkan_report_body_parse ("<body xmlns=\"urn:x-verkan:project:1\">stray"
                                    "<p>x<note>n <b>fet</b></note></p> more stray "
                                    "<h1>Rubrik</h1><div>  </div><block/>"
                                    "<block kind=\"time-plan\" id=\"\"/><p list=\"odd\">y</p></body>",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loose->items->len, ==, 4);
  g_assert_cmpstr (span_at (loose, 0, 1)->text, ==, "n fet");   /* a note is plain */
  g_assert_cmpstr (span_at (loose, 1, 0)->text, ==, "Rubrik");
  g_assert_cmpstr (item_at (loose, 2)->block_kind, ==, "time-plan");
  g_assert_cmpuint (strlen (item_at (loose, 2)->block_id), ==, 36);  /* given one */
  g_assert_cmpint (item_at (loose, 3)->kind, ==, VERKAN_REPORT_ITEM_PARAGRAPH);

  /* white space inside a paragraph counts, between paragraphs it does not */
  spaced = verkan_report_body_parse ("<body>\n  <p> <b>a</b> <i>b</i> </p>\n  <p/>\n</body>", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spaced->items->len, ==, 2);
  g_assert_cmpuint (item_at (spaced, 0)->spans->len, ==, 5);

  /* a character XML cannot hold is left out, so what is written reads back */
  control = verkan_report_body_new ();
  verkan_report_item_add_span (verkan_report_body_add_paragraph (control, VERKAN_REPORT_ITEM_PARAGRAPH),
                               VERKAN_REPORT_SPAN_TEXT, 0, "a\001b\033c");
  control_xml = verkan_report_body_to_xml (control);
  g_assert_cmpstr (control_xml, ==, "<body><p>abc</p></body>");
}

/* --------------------------------------------------------- the outline */

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportSection) got = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  gint64 a, b, c, a1, a2, a11, zero;

  a = verkan_report_add_section (p, 0, G_MAXUINT, "A", &error);
  g_assert_no_error (error);
  b = verkan_report_add_section (p, 0, G_MAXUINT, "B", &error);
  c = verkan_report_add_section (p, 0, G_MAXUINT, "C", &error);
  a1 = verkan_report_add_section (p, a, G_MAXUINT, "A1", &error);
  a2 = verkan_report_add_section (p, a, G_MAXUINT, "A2", &error);
  a11 = verkan_report_add_section (p, a1, G_MAXUINT, "A11", &error);
  g_assert_no_error (error);
  g_assert_cmpint (b, >, 0);
  g_assert_cmpint (a11, >, 0);

  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A1|1.1.1 A11|1.2 A2|2 B|3 C");
  g_clear_pointer (&text, g_free);

  got = verkan_report_get_section (p, a11, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->number, ==, "1.1.1");
  g_assert_cmpuint (got->depth, ==, 2);
  g_assert_cmpint (got->parent_id, ==, a1);
  g_assert_cmpstr (got->body, ==, "<body/>");
  g_assert_null (verkan_report_get_section (p, 9999, &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a section put first among its siblings moves the others down */
  zero = verkan_report_add_section (p, a, 0, "A0", &error);
  g_assert_no_error (error);
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A0|1.2 A1|1.2.1 A11|1.3 A2|2 B|3 C");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_project_undo (p, &error));
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A1|1.1.1 A11|1.2 A2|2 B|3 C");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (zero, >, 0);

  /* typing a title is one undo step */
  before = dump_sections (p);
  g_assert_true (verkan_report_rename_section (p, b, "B", &error));
  g_assert_true (verkan_report_rename_section (p, b, "Be", &error));
  g_assert_true (verkan_report_rename_section (p, b, "Bet", &error));
  g_assert_no_error (error);
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A1|1.1.1 A11|1.2 A2|2 Bet|3 C");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_project_undo (p, &error));
  after = dump_sections (p);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* removing a chapter removes all below it, and undo brings every row back */
  g_assert_true (verkan_report_remove_section (p, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verkan_project_count (p, "report_section"), ==, 2);
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 B|2 C");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_project_undo (p, &error));
  after = dump_sections (p);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  g_assert_false (verkan_report_remove_section (p, 9999, &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* moves at any depth, one undo step each */
  g_assert_true (verkan_report_move_section (p, a11, 0, 1, &error));   /* up to a chapter */
  g_assert_no_error (error);
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A1|1.2 A2|2 A11|3 B|4 C");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_report_move_section (p, c, a1, 0, &error));    /* a chapter two down */
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A1|1.1.1 C|1.2 A2|2 A11|3 B");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_report_move_section (p, a2, a, 0, &error));    /* among its siblings */
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 A|1.1 A2|1.2 A1|1.2.1 C|2 A11|3 B");
  g_clear_pointer (&text, g_free);
  g_assert_true (verkan_report_move_section (p, b, 0, 0, &error));     /* last chapter first */
  g_assert_no_error (error);
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 B|2 A|2.1 A2|2.2 A1|2.2.1 C|3 A11");
  g_clear_pointer (&text, g_free);

  /* never into itself or below itself; nothing changes */
  after = dump_sections (p);
  g_assert_false (verkan_report_move_section (p, a, a, 0, &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_INVALID_MOVE);
  g_clear_error (&error);
  g_assert_false (verkan_report_move_section (p, a, c, 0, &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_INVALID_MOVE);
  g_clear_error (&error);
  g_assert_false (verkan_report_move_section (p, a, 9999, 0, &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *unchanged = dump_sections (p);
    g_assert_cmpstr (unchanged, ==, after);
  }

  /* four moves undone, one at a time, give the outline before them back */
  for (guint i = 0; i < 4; i++)
    g_assert_true (verkan_project_undo (p, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump_sections (p);
  g_assert_cmpstr (after, ==, before);
}

static void
test_set_body (Fixture       *f,
               gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportSection) section = NULL;
  gint64 id = verkan_report_add_section (p, 0, G_MAXUINT, "Resultat", &error);

  g_assert_no_error (error);
  g_assert_true (verkan_report_set_body (p, id, "<body><p>E</p></body>", &error));
  g_assert_true (verkan_report_set_body (p, id, "<body><p>Et</p></body>", &error));
  g_assert_true (verkan_report_set_body (p, id, "<body><p>Ett</p></body>", &error));
  g_assert_no_error (error);

  /* what cannot be read back is refused and not stored */
  g_assert_false (verkan_report_set_body (p, id, "<body><p>Ett</body>", &error));
  g_assert_error (error, VERKAN_REPORT_BODY_ERROR, VERKAN_REPORT_BODY_ERROR_INVALID);
  g_clear_error (&error);

  section = verkan_report_get_section (p, id, &error);
  g_assert_cmpstr (section->body, ==, "<body><p>Ett</p></body>");
  g_clear_pointer (&section, verkan_report_section_free);

  /* the typing undoes as one step, back to the empty body */
  g_assert_true (verkan_project_undo (p, &error));
  section = verkan_report_get_section (p, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (section->body, ==, "<body/>");
  g_assert_true (verkan_project_undo (p, &error));
  g_assert_cmpint (verkan_project_count (p, "report_section"), ==, 0);
  g_assert_false (verkan_project_get_can_undo (p));
}

/* ---------------------------------------------------------- templates */

static void
test_template (Fixture       *f,
               gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) names = verkan_report_list_templates ();
  g_autofree char *title = verkan_report_dup_template_title ("sv");
  g_autofree char *text = NULL;
  guint chapters = 0, blocks = 0;
  const char *language = NULL;
  g_autoptr(GVariant) info = NULL;

  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) names, "sv"));
  g_assert_true (g_strv_contains ((const char *const *) names, "en"));
  g_assert_cmpstr (title, ==, "Final report in Swedish");

  g_assert_false (verkan_report_apply_template (p, "fi", &error));
  g_assert_error (error, VERKAN_REPORT_ERROR, VERKAN_REPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (verkan_report_apply_template (p, "sv", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verkan_project_get_undo_label (p), ==, "Use template");

  sections = verkan_report_list_sections (p, &error);
  for (guint i = 0; i < sections->len; i++)
    {
      VerkanReportSection *s = g_ptr_array_index (sections, i);
      g_autoptr(VerkanReportBody) body = verkan_report_body_parse (s->body, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (body->items->len, >, 0);   /* a hint or a block in each */
      chapters += s->depth == 0;
      for (guint j = 0; j < body->items->len; j++)
        {
          VerkanReportItem *item = g_ptr_array_index (body->items, j);

          if (item->kind != VERKAN_REPORT_ITEM_BLOCK)
            continue;
          blocks++;
          g_assert_true (g_hash_table_add (ids, g_strdup (item->block_id)));  /* unique */
        }
    }
  g_assert_cmpuint (chapters, ==, 10);
  g_assert_cmpuint (blocks, ==, 8);

  text = outline (p);
  g_assert_true (g_str_has_prefix (text, "1 Grundläggande information|1.1 Syfte|1.2 Målgrupp|"
                                         "1.3 Berörda kommuner|1.4 Projektmål|"
                                         "1.5 Effektmål och förväntad nytta|1.6 Projektorganisation|"
                                         "2 Resultat|3 Slutsatser per kommun|3.1 "));
  g_assert_true (g_str_has_suffix (text, "|4 Utfall projektmål|5 Utfall tidsplan|6 Utfall resurser|"
                                         "7 Samlad analys och slutsatser|8 Överlämning|9 Bilagor|"
                                         "10 Referenser"));
  g_clear_pointer (&text, g_free);
  {
    g_autoptr(VerkanReportSection) kommuner =
      verkan_report_get_section (p, section_id (p, "Berörda kommuner"), &error);
    g_assert_nonnull (strstr (kommuner->body, "kind=\"municipalities\""));
  }

  /* one undo step takes it all away */
  g_assert_true (verkan_project_undo (p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verkan_project_count (p, "report_section"), ==, 0);
  g_assert_false (verkan_project_get_can_undo (p));

  /* English, after a chapter already there; the report's words follow */
  g_assert_cmpint (verkan_report_add_section (p, 0, G_MAXUINT, "Förord", &error), >, 0);
  g_assert_true (verkan_report_apply_template (p, "en", &error));
  g_assert_no_error (error);
  text = outline (p);
  g_assert_true (g_str_has_prefix (text, "1 Förord|2 Basic information|2.1 Purpose|"));
  g_assert_true (g_str_has_suffix (text, "|10 Appendices|11 References"));
  info = verkan_project_get_row (p, "project", 1, &error);
  g_assert_true (g_variant_lookup (info, "language", "&s", &language));
  g_assert_cmpstr (language, ==, "en");
  g_assert_true (verkan_project_undo (p, &error));
  g_clear_pointer (&text, g_free);
  text = outline (p);
  g_assert_cmpstr (text, ==, "1 Förord");
}

/* ------------------------------------------------------------ building */

#define SPEC_A "{\"kind\":\"line\",\"kpi\":\"N31807\",\"municipalities\":[\"1861\"],\"comparisons\":[]}"
#define SPEC_B "{\"kind\":\"bar\",\"kpi\":\"N31816\",\"municipalities\":[\"1861\"],\"comparisons\":[]}"

typedef struct {
  char *chart_a;
  char *chart_b;
  char *model;
} Made;

static void
made_clear (Made *made)
{
  g_free (made->chart_a);
  g_free (made->chart_b);
  g_free (made->model);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Made, made_clear)

static void
build_project (VerkanProject *p,
               Made          *made)
{
  gint64 model, e1, e2;

  set_project (p, "subtitle", "Slutrapport");
  set_project (p, "author", "Åsa Öberg");
  set_project (p, "date", "2022-08-16");
  set_project (p, "report_number", "2022:05");
  set_project (p, "dnr", "22RS8008");
  set_project (p, "financier", "Region Örebro län");
  set_project (p, "owner", "Stiftelsen Activa");
  set_project (p, "period_start", "2021-10-01");
  set_project (p, "period_end", "2022-06-30");

  insert (p, "municipality", make_row ("code", S ("1861"), "name", S ("Hallsberg"), NULL));
  insert (p, "municipality", make_row ("code", S ("1884"), "name", S ("Nora"), NULL));
  insert (p, "person", make_row ("name", S ("Per Lind"), "role", S ("steering-group"),
                                 "organisation", S ("Nora kommun"), NULL));
  insert (p, "person", make_row ("name", S ("Karin Ek"), "role", S ("project-leader"),
                                 "organisation", S ("Stiftelsen Activa"), NULL));
  insert (p, "person", make_row ("name", S ("Region Örebro län"), "role", S ("project-owner"), NULL));

  insert (p, "goal", make_row ("kind", S ("effect-goal"), "text", S ("Fler i egen försörjning."),
                               "status", S ("unclear"), NULL));
  insert (p, "goal", make_row ("kind", S ("project-goal"), "text", S ("Ett samlat underlag."),
                               "status", S ("achieved"), "outcome", S ("Alla fyra kommuner har det."),
                               "survey_full", X (4), "survey_partly", X (3), "survey_not", X (0), NULL));

  insert (p, "milestone", make_row ("title", S ("Introduktionsfas"),
                                    "planned_start", S ("2021-10-01"), "planned_end", S ("2021-12-31"),
                                    "actual_start", S ("2021-10-01"), "actual_end", S ("2022-01-31"), NULL));
  insert (p, "milestone", make_row ("title", S ("Slutrapport"), "planned_end", S ("2022-06-30"), NULL));

  insert (p, "resource", make_row ("function", S ("Projektledare"),
                                   "planned_hours", D (360), "actual_hours", D (1284.5), NULL));
  insert (p, "resource", make_row ("function", S ("Styrgrupp"),
                                   "planned_hours", D (10), "actual_hours", D (96.5), NULL));
  insert (p, "resource", make_row ("function", S ("Ej planerat"), NULL));

  made->chart_a = uuid_of (p, "chart", insert (p, "chart", make_row ("title", S ("Andel med bistånd"),
                                                                       "spec", S (SPEC_A), NULL)));
  made->chart_b = uuid_of (p, "chart", insert (p, "chart", make_row ("title", S ("Långvarigt bistånd"),
                                                                       "spec", S (SPEC_B), NULL)));
  exec_sql (p, "INSERT INTO kolada_kpi (id, title, fetched_at) VALUES "
               "('N31807', 'Invånare med ekonomiskt bistånd, andel (%)', '2022-08-01T08:00:00Z')");
  exec_sql (p, "INSERT INTO kolada_value (kpi, municipality, year, gender, value, fetched_at) VALUES "
               "('N31807', '1861', 2021, 'T', 4.4, '2022-08-15T10:11:12Z')");

  model = insert (p, "logic_model", make_row ("title", S ("Logikmodell för Nora"),
                                              "municipality", S ("1884"), "date", S ("2022-06-15"), NULL));
  e1 = insert (p, "model_element", make_row ("model_id", X (model), "column_kind", S ("activities"),
                                             "title", S ("Kartläggning"), NULL));
  e2 = insert (p, "model_element", make_row ("model_id", X (model), "column_kind", S ("outputs"),
                                             "title", S ("Nulägesbild"), NULL));
  insert (p, "model_link", make_row ("model_id", X (model), "from_id", X (e1), "to_id", X (e2), NULL));
  made->model = uuid_of (p, "logic_model", model);
}

static void
set_body (VerkanProject *p,
          gint64         id,
          const char    *xml)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_report_set_body (p, id, xml, &error));
  g_assert_no_error (error);
}

static const VerkanReportBlock *
find_anchor (VerkanReportDocument *doc,
             const char           *anchor)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);
      if (g_strcmp0 (block->anchor, anchor) == 0)
        return block;
    }
  g_assert_not_reached ();
  return NULL;
}

static const VerkanReportBlock *
first_paragraph (VerkanReportDocument *doc,
                 gint64                section)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      VerkanReportBlock *b = g_ptr_array_index (doc->blocks, i);
      if (b->section_id == section && b->kind == VERKAN_REPORT_BLOCK_PARAGRAPH)
        return b;
    }
  g_assert_not_reached ();
  return NULL;
}

static const char *
cell (const VerkanReportBlock *table,
      guint                    row,
      guint                    column)
{
  g_assert_cmpuint (row, <, table->rows->len);
  g_assert_cmpuint (column, <, table->n_columns);
  return ((char **) g_ptr_array_index (table->rows, row))[column];
}

/* All runs of a paragraph as one string */
static char *
runs_text (const VerkanReportBlock *block)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < block->runs->len; i++)
    {
      VerkanReportRun *run = g_ptr_array_index (block->runs, i);

      if (run->footnote > 0)
        g_string_append_printf (out, "[%u:%s]", run->footnote, run->text);
      else
        g_string_append (out, run->text);
    }
  return g_string_free (out, FALSE);
}

static char *
headings (VerkanReportDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind == VERKAN_REPORT_BLOCK_HEADING)
        g_string_append_printf (out, "%s%u:%s %s", out->len ? "|" : "", block->level,
                                block->number, block->text);
    }
  return g_string_free (out, FALSE);
}

/* "Tabell 1, Diagram 1, …": the labels of tables and figures in order */
static char *
labels (VerkanReportDocument *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      VerkanReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->label != NULL)
        g_string_append_printf (out, "%s%s", out->len ? ", " : "", block->label);
    }
  return g_string_free (out, FALSE);
}

static void
test_build (Fixture       *f,
            gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportDocument) doc = NULL;
  g_auto(Made) made = { NULL, };
  g_autofree char *body_two = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sum_planned = verkan_format_number (370, -1);
  g_autofree char *sum_actual = verkan_format_number (1381, -1);
  g_autofree char *hours = verkan_format_number (1284.5, -1);
  const VerkanReportBlock *block;
  gint64 one, one_one, two, three;
  guint n_paragraphs = 0;

  build_project (p, &made);

  one = verkan_report_add_section (p, 0, G_MAXUINT, "Inledning", &error);
  one_one = verkan_report_add_section (p, one, G_MAXUINT, "Syfte", &error);
  two = verkan_report_add_section (p, 0, G_MAXUINT, "Resultat", &error);
  three = verkan_report_add_section (p, 0, G_MAXUINT, "Referenser", &error);
  g_assert_no_error (error);
  g_assert_cmpint (verkan_report_add_reference (p, "SOU 2007:2, Från socialbidrag till arbete.",
                                                NULL, &error), >, 0);
  g_assert_no_error (error);

  set_body (p, one, "<body><p>Projektet<note>Första noten.</note> började 2021.</p>"
                    "<p list=\"numbered\">ett</p><p list=\"numbered\">två</p>"
                    "<p list=\"numbered\">tre</p><p list=\"bullet\">punkt</p>"
                    "<p list=\"numbered\">ett igen</p>"
                    "<block id=\"facts\" kind=\"project-facts\"/>"
                    "<block id=\"kommuner\" kind=\"municipalities\"/></body>");
  set_body (p, one_one, "<body><p>Syftet<note>Andra noten.</note>.</p>"
                        "<block id=\"org\" kind=\"organisation\"/></body>");
  body_two = g_strdup_printf ("<body><p>Se <ref to=\"chart-b\"/> och <ref to=\"borta\"/>"
                              "<note>Tredje noten.</note>.</p>"
                              "<block id=\"chart-a\" kind=\"chart\" ref=\"%s\"/>"
                              "<block id=\"chart-b\" kind=\"chart\" ref=\"%s\" caption=\"Egen text\"/>"
                              "<block id=\"model\" kind=\"model\" ref=\"%s\"/>"
                              "<block id=\"hours\" kind=\"resources\"/>"
                              "<block id=\"goals\" kind=\"goal-outcomes\"/>"
                              "<block id=\"plan\" kind=\"time-plan\"/>"
                              "<block id=\"gone\" kind=\"chart\" ref=\"00000000-0000-4000-8000-000000000000\"/>"
                              "</body>",
                              made.chart_a, made.chart_b, made.model);
  set_body (p, two, body_two);
  set_body (p, three, "<body><block id=\"refs\" kind=\"references\"/>"
                      "<block id=\"bilagor\" kind=\"appendices\"/></body>");

  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  /* the cover from the project row */
  g_assert_cmpstr (doc->title, ==, "Bättre förutsättningar");
  g_assert_cmpstr (doc->subtitle, ==, "Slutrapport");
  g_assert_cmpstr (doc->author, ==, "Åsa Öberg");
  g_assert_cmpstr (doc->date, ==, "2022-08-16");
  g_assert_cmpstr (doc->report_number, ==, "2022:05");
  g_assert_cmpstr (doc->dnr, ==, "22RS8008");
  g_assert_cmpstr (doc->language, ==, "sv");

  /* headings in order, numbered, with their anchors */
  text = headings (doc);
  g_assert_cmpstr (text, ==, "1:1 Inledning|2:1.1 Syfte|1:2 Resultat|1:3 Referenser");
  g_clear_pointer (&text, g_free);
  {
    g_autofree char *anchor = g_strdup_printf ("section-%" G_GINT64_FORMAT, one_one);
    block = find_anchor (doc, anchor);
    g_assert_cmpint (block->kind, ==, VERKAN_REPORT_BLOCK_HEADING);
    g_assert_cmpint (block->section_id, ==, one_one);
    g_assert_cmpuint (block->level, ==, 2);
  }

  /* lists: 1, 2, 3 in a run, then a new run after the bullet */
  for (guint i = 0, expect = 0; i < doc->blocks->len; i++)
    {
      VerkanReportBlock *b = g_ptr_array_index (doc->blocks, i);
      static const guint numbers[] = { 1, 2, 3, 1 };

      if (b->kind == VERKAN_REPORT_BLOCK_PARAGRAPH)
        n_paragraphs++;
      if (b->kind == VERKAN_REPORT_BLOCK_PARAGRAPH && b->style == VERKAN_REPORT_ITEM_NUMBERED)
        g_assert_cmpuint (b->list_number, ==, numbers[expect++]);
    }
  g_assert_cmpuint (n_paragraphs, >, 8);

  /* footnotes numbered through the whole report */
  block = g_ptr_array_index (doc->blocks, 1);
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Projektet[1:Första noten.] började 2021.");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (block->section_id, ==, one);

  /* project facts: only the rows with values; the leader from the people */
  block = find_anchor (doc, "block-facts");
  g_assert_cmpint (block->kind, ==, VERKAN_REPORT_BLOCK_TABLE);
  g_assert_cmpstr (block->label, ==, "Tabell 1");
  g_assert_cmpstr (block->text, ==, "Projektfakta");
  g_assert_cmpuint (block->n_header_rows, ==, 0);
  g_assert_cmpuint (block->rows->len, ==, 7);
  g_assert_cmpstr (cell (block, 0, 0), ==, "Projekt");
  g_assert_cmpstr (cell (block, 1, 1), ==, "Stiftelsen Activa");
  g_assert_cmpstr (cell (block, 3, 0), ==, "Projektperiod");
  g_assert_cmpstr (cell (block, 3, 1), ==, "2021-10-01 – 2022-06-30");
  g_assert_cmpstr (cell (block, 4, 0), ==, "Projektledare");
  g_assert_cmpstr (cell (block, 4, 1), ==, "Karin Ek");
  g_assert_cmpstr (cell (block, 6, 1), ==, "2022:05");

  /* the municipalities as bullets */
  block = find_anchor (doc, "block-kommuner");
  g_assert_cmpint (block->style, ==, VERKAN_REPORT_ITEM_BULLET);
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Hallsberg");
  g_clear_pointer (&text, g_free);
  block = find_anchor (doc, "block-kommuner-1");
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Nora");
  g_clear_pointer (&text, g_free);

  /* organisation: roles in their order, whatever order the people came in */
  block = first_paragraph (doc, one_one);
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Syftet[2:Andra noten.].");
  g_clear_pointer (&text, g_free);
  block = find_anchor (doc, "block-org");
  g_assert_cmpstr (block->label, ==, "Tabell 2");
  g_assert_cmpuint (block->n_header_rows, ==, 1);
  g_assert_cmpstr (cell (block, 0, 0), ==, "Roll");
  g_assert_cmpstr (cell (block, 1, 0), ==, "Projektägare");
  g_assert_cmpstr (cell (block, 1, 1), ==, "Region Örebro län");
  g_assert_cmpstr (cell (block, 2, 0), ==, "Styrgrupp");
  g_assert_cmpstr (cell (block, 2, 2), ==, "Nora kommun");
  g_assert_cmpstr (cell (block, 3, 0), ==, "Projektledare");

  /* cross-references: the label of the block, forwards too; a missing one said so */
  block = first_paragraph (doc, two);
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Se Diagram 2 och (saknas)[3:Tredje noten.].");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (((VerkanReportRun *) g_ptr_array_index (block->runs, 1))->href, ==, "#block-chart-b");
  g_assert_null (((VerkanReportRun *) g_ptr_array_index (block->runs, 3))->href);

  /* figures: numbered per kind, captions from the data or the block */
  block = find_anchor (doc, "block-chart-a");
  g_assert_cmpint (block->kind, ==, VERKAN_REPORT_BLOCK_FIGURE);
  g_assert_cmpint (block->figure_kind, ==, VERKAN_REPORT_FIGURE_CHART);
  g_assert_cmpstr (block->label, ==, "Diagram 1");
  g_assert_cmpstr (block->text, ==, "Andel med bistånd");
  g_assert_nonnull (block->chart);
  g_assert_nonnull (block->source);
  g_assert_nonnull (strstr (block->source, "N31807"));
  g_assert_cmpfloat (block->aspect, >, 1.2);
  block = find_anchor (doc, "block-chart-b");
  g_assert_cmpstr (block->label, ==, "Diagram 2");
  g_assert_cmpstr (block->text, ==, "Egen text");
  block = find_anchor (doc, "block-model");
  g_assert_cmpint (block->figure_kind, ==, VERKAN_REPORT_FIGURE_MODEL);
  g_assert_cmpstr (block->label, ==, "Figur 1");
  g_assert_nonnull (strstr (block->text, "Logikmodell för Nora"));
  g_assert_cmpuint (block->model->elements->len, ==, 2);
  g_assert_cmpfloat (block->aspect, >, 0.4);
  block = find_anchor (doc, "block-gone");
  g_assert_cmpint (block->kind, ==, VERKAN_REPORT_BLOCK_PARAGRAPH);
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "[Chart: saknas]");
  g_clear_pointer (&text, g_free);

  /* resources: Swedish numbers, the sum of the hours last */
  block = find_anchor (doc, "block-hours");
  g_assert_cmpstr (block->label, ==, "Tabell 3");
  g_assert_cmpuint (block->rows->len, ==, 5);
  g_assert_cmpstr (cell (block, 0, 1), ==, "Planerade timmar");
  g_assert_cmpstr (cell (block, 1, 2), ==, hours);
  g_assert_nonnull (strstr (hours, "284,5"));
  g_assert_cmpstr (cell (block, 2, 2), ==, "96,5");
  g_assert_cmpstr (cell (block, 3, 1), ==, "");
  g_assert_cmpstr (cell (block, 4, 0), ==, "Summa");
  g_assert_cmpstr (cell (block, 4, 1), ==, sum_planned);
  g_assert_cmpstr (cell (block, 4, 2), ==, sum_actual);
  g_assert_true (block->last_row_is_sum);
  g_assert_cmpint (block->align[1], ==, VERKAN_REPORT_ALIGN_RIGHT);
  g_assert_cmpint (block->align[0], ==, VERKAN_REPORT_ALIGN_LEFT);

  /* goals: project goals before effect goals, counts right-aligned, outcomes after */
  block = find_anchor (doc, "block-goals");
  g_assert_cmpstr (block->label, ==, "Tabell 4");
  g_assert_cmpuint (block->rows->len, ==, 3);
  g_assert_cmpstr (cell (block, 0, 4), ==, "Inte alls");
  g_assert_cmpstr (cell (block, 1, 0), ==, "1. Ett samlat underlag.");
  g_assert_cmpstr (cell (block, 1, 1), ==, "Uppfyllt");
  g_assert_cmpstr (cell (block, 1, 2), ==, "4");
  g_assert_cmpstr (cell (block, 1, 3), ==, "3");
  g_assert_cmpstr (cell (block, 1, 4), ==, "0");
  g_assert_cmpstr (cell (block, 2, 0), ==, "2. Fler i egen försörjning.");
  g_assert_cmpstr (cell (block, 2, 1), ==, "Oklart");
  g_assert_cmpstr (cell (block, 2, 2), ==, "");
  g_assert_cmpint (block->align[2], ==, VERKAN_REPORT_ALIGN_RIGHT);
  block = find_anchor (doc, "block-goals-1");
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Mål 1: Alla fyra kommuner har det.");
  g_clear_pointer (&text, g_free);

  /* the time plan, dates as ranges */
  block = find_anchor (doc, "block-plan");
  g_assert_cmpstr (block->label, ==, "Tabell 5");
  g_assert_cmpstr (cell (block, 0, 2), ==, "Genomförd");
  g_assert_cmpstr (cell (block, 1, 1), ==, "2021-10-01 – 2021-12-31");
  g_assert_cmpstr (cell (block, 1, 2), ==, "2021-10-01 – 2022-01-31");
  g_assert_cmpstr (cell (block, 2, 1), ==, "– 2022-06-30");
  g_assert_cmpstr (cell (block, 2, 2), ==, "");

  /* references: the list, then a line per Kolada KPI the charts draw */
  block = find_anchor (doc, "block-refs");
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "SOU 2007:2, Från socialbidrag till arbete.");
  g_clear_pointer (&text, g_free);
  block = find_anchor (doc, "block-refs-1");
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Kolada (RKA). N31807 Invånare med ekonomiskt bistånd, andel (%). "
                             "Hämtad 2022-08-15.");
  g_clear_pointer (&text, g_free);
  block = find_anchor (doc, "block-refs-2");
  text = runs_text (block);
  g_assert_cmpstr (text, ==, "Kolada (RKA). N31816.");
  g_clear_pointer (&text, g_free);
  block = find_anchor (doc, "block-bilagor");
  g_assert_cmpint (block->section_id, ==, three);

  text = labels (doc);
  g_assert_cmpstr (text, ==, "Tabell 1, Tabell 2, Diagram 1, Diagram 2, Figur 1, Tabell 3, "
                             "Tabell 4, Tabell 5");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&doc, verkan_report_document_free);

  /* chart B moved before chart A: the numbers and the reference follow */
  {
    g_autofree char *reordered =
      g_strdup_printf ("<body><p>Se <ref to=\"chart-b\"/> och <ref to=\"model\"/>.</p>"
                       "<block id=\"model\" kind=\"model\" ref=\"%s\" caption=\"Noras modell\"/>"
                       "<block id=\"chart-b\" kind=\"chart\" ref=\"%s\"/>"
                       "<block id=\"chart-a\" kind=\"chart\" ref=\"%s\"/></body>",
                       made.model, made.chart_b, made.chart_a);
    set_body (p, two, reordered);
  }
  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_no_error (error);
  block = find_anchor (doc, "block-chart-b");
  g_assert_cmpstr (block->label, ==, "Diagram 1");
  g_assert_cmpstr (block->text, ==, "Långvarigt bistånd");
  g_assert_cmpstr (find_anchor (doc, "block-chart-a")->label, ==, "Diagram 2");
  g_assert_cmpstr (find_anchor (doc, "block-model")->text, ==, "Noras modell");
  text = runs_text (first_paragraph (doc, two));
  g_assert_cmpstr (text, ==, "Se Diagram 1 och Figur 1.");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&doc, verkan_report_document_free);

  /* an English report reads English whatever the desktop's language */
  set_project (p, "language", "en");
  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->language, ==, "en");
  g_assert_cmpstr (find_anchor (doc, "block-chart-b")->label, ==, "Chart 1");
  g_assert_cmpstr (find_anchor (doc, "block-model")->label, ==, "Figure 1");
}

static void
test_build_english (Fixture       *f,
                    gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportDocument) doc = NULL;
  g_auto(Made) made = { NULL, };
  const VerkanReportBlock *block;
  gint64 id;

  build_project (p, &made);
  set_project (p, "language", "en");
  id = verkan_report_add_section (p, 0, G_MAXUINT, "Results", &error);
  set_body (p, id, "<body><p>See <ref to=\"h\"/> and <ref to=\"x\"/>.</p>"
                   "<block id=\"h\" kind=\"resources\"/><block id=\"o\" kind=\"organisation\"/>"
                   "<block id=\"r\" kind=\"references\"/></body>");

  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->language, ==, "en");
  block = g_ptr_array_index (doc->blocks, 1);
  {
    g_autofree char *text = runs_text (block);
    g_assert_cmpstr (text, ==, "See Table 1 and (missing).");
  }
  block = find_anchor (doc, "block-h");
  g_assert_cmpstr (block->label, ==, "Table 1");
  g_assert_cmpstr (cell (block, 0, 0), ==, "Function");
  g_assert_cmpstr (cell (block, 4, 0), ==, "Total");
  block = find_anchor (doc, "block-o");
  g_assert_cmpstr (cell (block, 1, 0), ==, "Project owner");
  g_assert_cmpstr (verkan_report_document_word (doc, "Contents"), ==, "Contents");
  g_clear_pointer (&doc, verkan_report_document_free);

  set_project (p, "language", "sv");
  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_cmpstr (verkan_report_document_word (doc, "Contents"), ==, "Innehåll");
  g_assert_cmpstr (verkan_report_document_word (doc, "Appendix"), ==, "Bilaga");
  g_assert_cmpstr (verkan_report_document_word (doc, "no such word"), ==, "no such word");
}

/* --------------------------------------------------------- appendices */

static gint64
add_document (Fixture    *f,
              const char *name,
              const char *title,
              const char *date,
              int         appendix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  VerkanDocumentAdd options = { title, "analysis", NULL, date, NULL, appendix };
  gint64 id;

  if (g_str_has_suffix (name, ".png"))
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 30);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
      cairo_paint (cr);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }
  else
    {
      g_file_set_contents (path, "Enkätsvar från Nora, 14 svar.\n", -1, &error);
      g_assert_no_error (error);
    }
  id = verkan_document_store_add (f->project, path, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_appendices (Fixture       *f,
                 gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportDocument) doc = NULL;
  g_autoptr(VerkanReportDocument) files = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png = g_build_filename (f->dir, "karta.png", NULL);
  g_autofree char *copied = NULL;
  g_autofree char *original = NULL;
  gsize copied_size = 0, original_size = 0;
  VerkanReportAppendix *appendix;
  gint64 id;

  add_document (f, "enkat.txt", "Enkätsvar", "2022-05-01", 1);
  add_document (f, "karta.png", "Karta över länet", NULL, 2);
  id = verkan_report_add_section (p, 0, G_MAXUINT, "Bilagor", &error);
  set_body (p, id, "<body><block id=\"b\" kind=\"appendices\"/></body>");

  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (doc->appendices->len, ==, 2);
  appendix = g_ptr_array_index (doc->appendices, 0);
  g_assert_cmpuint (appendix->number, ==, 1);
  g_assert_cmpint (appendix->kind, ==, VERKAN_REPORT_APPENDIX_OTHER);
  g_assert_cmpstr (appendix->title, ==, "Enkätsvar");
  g_assert_cmpstr (appendix->date, ==, "2022-05-01");
  g_assert_cmpstr (appendix->file_name, ==, "enkat.txt");
  g_assert_cmpstr (appendix->label, ==, "Bilaga 1: Enkätsvar, daterad 2022-05-01");
  g_assert_null (appendix->path);
  appendix = g_ptr_array_index (doc->appendices, 1);
  g_assert_cmpint (appendix->kind, ==, VERKAN_REPORT_APPENDIX_IMAGE);
  g_assert_cmpstr (appendix->mime_type, ==, "image/png");
  g_assert_null (appendix->path);   /* no files unless asked */

  /* the list block prints the labels */
  text = runs_text (find_anchor (doc, "block-b-1"));
  g_assert_cmpstr (text, ==, "Bilaga 2: Karta över länet");

  /* for an export: a copy of the image's bytes; the other kind is listed only */
  files = verkan_report_document_build (p, VERKAN_REPORT_BUILD_APPENDIX_FILES, &error);
  g_assert_no_error (error);
  g_assert_null (((VerkanReportAppendix *) g_ptr_array_index (files->appendices, 0))->path);
  appendix = g_ptr_array_index (files->appendices, 1);
  g_assert_nonnull (appendix->path);
  g_assert_true (g_file_get_contents (appendix->path, &copied, &copied_size, NULL));
  g_assert_true (g_file_get_contents (png, &original, &original_size, NULL));
  g_assert_cmpuint (copied_size, ==, original_size);
  g_assert_cmpmem (copied, copied_size, original, original_size);
}

/* ------------------------------------------------------------- drawing */

static guint
count_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (((const guint32 *) (data + y * stride))[x] != 0xffffffff)
        n++;
  return n;
}

static guint
draw_figure (const VerkanReportBlock *figure)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 300);
  cairo_t *cr = cairo_create (surface);
  guint ink;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  verkan_report_figure_draw (figure, cr, 480, 300);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  ink = count_ink (surface);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ink;
}

static gpointer
draw_in_thread (gpointer data)
{
  return GUINT_TO_POINTER (draw_figure (data));
}

static void
test_figure_draw (Fixture       *f,
                  gconstpointer  data)
{
  VerkanProject *p = f->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(VerkanReportDocument) doc = NULL;
  g_auto(Made) made = { NULL, };
  g_autofree char *body = NULL;
  g_autoptr(GThread) thread = NULL;
  const VerkanReportBlock *chart, *model;
  gint64 id;

  build_project (p, &made);
  id = verkan_report_add_section (p, 0, G_MAXUINT, "Figurer", &error);
  body = g_strdup_printf ("<body><block id=\"c\" kind=\"chart\" ref=\"%s\"/>"
                          "<block id=\"m\" kind=\"model\" ref=\"%s\"/></body>",
                          made.chart_a, made.model);
  set_body (p, id, body);
  doc = verkan_report_document_build (p, VERKAN_REPORT_BUILD_NONE, &error);
  g_assert_no_error (error);

  chart = find_anchor (doc, "block-c");
  model = find_anchor (doc, "block-m");
  /* both draw something on white paper */
  g_assert_cmpuint (draw_figure (chart), >, 500);
  g_assert_cmpuint (draw_figure (model), >, 500);
  /* the document needs no database: a worker thread draws it the same */
  thread = g_thread_new ("figure", draw_in_thread, (gpointer) model);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (g_steal_pointer (&thread))), ==,
                    draw_figure (model));
}

/* ------------------------------------------------------------- by hand */

static void
test_document_by_hand (void)
{
  g_autoptr(VerkanReportDocument) doc = verkan_report_document_new ("Handbyggd");
  const char *const header[] = { "Funktion", "Timmar", NULL };
  const char *const short_row[] = { "Bara en", NULL };
  VerkanReportBlock *table, *p1, *p2, *p3;
  VerkanReportAppendix *appendix;

  verkan_report_document_add_heading (doc, 1, "1", "Kapitel");
  p1 = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "ett");
  p2 = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "två");
  verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_PARAGRAPH, "");
  p3 = verkan_report_document_add_paragraph (doc, VERKAN_REPORT_ITEM_NUMBERED, "ett");
  g_assert_cmpuint (p1->list_number, ==, 1);
  g_assert_cmpuint (p2->list_number, ==, 2);
  g_assert_cmpuint (p3->list_number, ==, 1);

  table = verkan_report_document_add_table (doc, "Tabell 1", "Timmar", 2, 1);
  verkan_report_block_add_row (table, header);
  verkan_report_block_add_row (table, short_row);
  g_assert_cmpstr (cell (table, 1, 0), ==, "Bara en");
  g_assert_cmpstr (cell (table, 1, 1), ==, "");
  g_assert_cmpfloat (table->widths[1], ==, 1.0);

  appendix = verkan_report_document_add_appendix (doc, VERKAN_REPORT_APPENDIX_OTHER, "Enkät",
                                                  "2022-05-01", NULL, NULL);
  g_assert_cmpuint (appendix->number, ==, 1);
  g_assert_cmpstr (appendix->label, ==, "Bilaga 1: Enkät, daterad 2022-05-01");
  g_assert_cmpuint (doc->blocks->len, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/body/round-trip", test_body_round_trip);
  g_test_add_func ("/report/body/odd-input", test_body_odd_input);
  g_test_add ("/report/sections", Fixture, NULL, fixture_set_up, test_sections, fixture_tear_down);
  g_test_add ("/report/set-body", Fixture, NULL, fixture_set_up, test_set_body, fixture_tear_down);
  g_test_add ("/report/template", Fixture, NULL, fixture_set_up, test_template, fixture_tear_down);
  g_test_add ("/report/build", Fixture, NULL, fixture_set_up, test_build, fixture_tear_down);
  g_test_add ("/report/build-english", Fixture, NULL, fixture_set_up, test_build_english,
              fixture_tear_down);
  g_test_add ("/report/appendices", Fixture, NULL, fixture_set_up, test_appendices,
              fixture_tear_down);
  g_test_add ("/report/figure-draw", Fixture, NULL, fixture_set_up, test_figure_draw,
              fixture_tear_down);
  g_test_add_func ("/report/document-by-hand", test_document_by_hand);
  return g_test_run ();
}
