/* test-appendix.c: the report's numbered appendices and the evidence links
 * from logic-model cards to documents: adding, labels in Swedish and
 * English, moving and removing with renumbering, undo of each, frozen
 * model versions as appendices, and what removing a document takes along.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

#include "verkan-appendix.h"
#include "verkan-document-store.h"
#include "verkan-evidence.h"
#include "verkan-project.h"
#include "verkan-test-util.h"

typedef struct {
  char          *dir;
  VerkanProject *project;
  gint64         survey;     /* "Enkätfrågor", a 3-page PDF */
  gint64         analysis;   /* "Analysunderlag för Hallsberg", 2022-06-23 */
  gint64         minutes;    /* "Minnesanteckningar", no date */
  gint64         version;    /* "Logikmodell för Nora", 2022-06-15 */
  gint64         element;    /* a card */
} Fixture;

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A PDF of @n_pages pages made with cairo, so the page count is known */
static char *
write_pdf (Fixture *f, const char *name, int n_pages)
{
  char *path = g_build_filename (f->dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Fråga %d", i + 1);

      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static gint64
add_document (Fixture *f, const char *path, const char *title, const char *date)
{
  g_autoptr(GError) error = NULL;
  VerkanDocumentAdd options = { .title = title, .date = date };
  gint64 id = verkan_document_store_add (f->project, path, &options, 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
insert (Fixture *f, const char *table, GVariant *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id = verkan_project_insert (f->project, table, row, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *survey = NULL;
  g_autofree char *analysis = NULL;
  g_autofree char *minutes = NULL;
  GVariantDict row;
  gint64 model;

  f->dir = g_dir_make_tmp ("verkan-appendix-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "bilagor.verkan", NULL);
  f->project = verkan_project_create (path, "Bilagetest", &error);
  g_assert_no_error (error);

  survey = write_pdf (f, "enkat.pdf", 3);
  analysis = write_file (f, "Analys Hallsberg.txt", "Analysunderlag för Hallsberg\n");
  minutes = write_file (f, "minnesanteckningar.txt", "Styrgruppsmöte\n");
  f->survey = add_document (f, survey, "Enkätfrågor", NULL);
  f->analysis = add_document (f, analysis, "Analysunderlag för Hallsberg", "2022-06-23");
  f->minutes = add_document (f, minutes, "Minnesanteckningar", NULL);

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Nora");
  model = insert (f, "logic_model", g_variant_dict_end (&row));

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_id", "x", model);
  g_variant_dict_insert (&row, "title", "s", "Gemensam analys");
  f->element = insert (f, "model_element", g_variant_dict_end (&row));

  g_variant_dict_init (&row, NULL);
  g_variant_dict_insert (&row, "model_uuid", "s", "6c1f0d4e-0000-4000-8000-000000000001");
  g_variant_dict_insert (&row, "title", "s", "Logikmodell för Nora");
  g_variant_dict_insert (&row, "date", "s", "2022-06-15");
  g_variant_dict_insert (&row, "content", "s", "<logic-model/>");
  f->version = insert (f, "model_version", g_variant_dict_end (&row));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->project);
  verkan_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
query (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (verkan_project_get_db (f->project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
position_of (Fixture *f, gint64 appendix_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT position FROM appendix WHERE id = %" G_GINT64_FORMAT,
                                          appendix_id);
  return query (f, sql);
}

/* The labels of the list, in order, joined by " | " */
static char *
labels (Fixture *f, const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = verkan_appendix_list (f->project, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *label = verkan_appendix_dup_label (g_ptr_array_index (list, i), language);

      g_assert_cmpuint (((VerkanAppendix *) g_ptr_array_index (list, i))->number, ==, i + 1);
      if (i > 0)
        g_string_append (text, " | ");
      g_string_append (text, label);
    }
  return g_strdup (text->str);
}

static void
assert_labels (Fixture *f, const char *expected)
{
  g_autofree char *actual = labels (f, "sv");

  g_assert_cmpstr (actual, ==, expected);
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (verkan_project_undo (f->project, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */

static void
test_add_and_labels (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *english = NULL;
  gint64 a, b;

  assert_labels (f, "");
  a = verkan_appendix_add_document (f->project, f->survey, 0, &error);
  g_assert_no_error (error);
  b = verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, a), ==, 0);
  g_assert_cmpint (position_of (f, b), ==, 1);
  g_assert_cmpint (verkan_appendix_find_document (f->project, f->analysis), ==, b);
  g_assert_cmpint (verkan_appendix_find_document (f->project, f->minutes), ==, 0);

  /* title and date come from the document */
  assert_labels (f, "Bilaga 1: Enkätfrågor | "
                    "Bilaga 2: Analysunderlag för Hallsberg, daterad 2022-06-23");
  english = labels (f, "en");
  g_assert_cmpstr (english, ==, "Appendix 1: Enkätfrågor | "
                                "Appendix 2: Analysunderlag för Hallsberg, dated 2022-06-23");

  list = verkan_appendix_list (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    VerkanAppendix *first = g_ptr_array_index (list, 0);
    VerkanAppendix *second = g_ptr_array_index (list, 1);

    g_assert_cmpint (first->id, ==, a);
    g_assert_cmpint (first->document_id, ==, f->survey);
    g_assert_cmpint (first->model_version_id, ==, 0);
    g_assert_cmpstr (first->mime_type, ==, "application/pdf");
    g_assert_cmpstr (first->file_name, ==, "enkat.pdf");
    g_assert_null (first->date);
    g_assert_cmpstr (second->file_name, ==, "Analys Hallsberg.txt");
    g_assert_cmpstr (second->date, ==, "2022-06-23");
  }

  /* inserted as number 1: the others move down, in one undo step */
  verkan_appendix_add_document (f->project, f->minutes, 1, &error);
  g_assert_no_error (error);
  assert_labels (f, "Bilaga 1: Minnesanteckningar | Bilaga 2: Enkätfrågor | "
                    "Bilaga 3: Analysunderlag för Hallsberg, daterad 2022-06-23");
  undo (f);
  assert_labels (f, "Bilaga 1: Enkätfrågor | "
                    "Bilaga 2: Analysunderlag för Hallsberg, daterad 2022-06-23");
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (position_of (f, a), ==, 0);
  g_assert_cmpint (position_of (f, b), ==, 1);

  /* a title of its own wins over the document's */
  g_assert_true (verkan_project_set_value (f->project, "appendix", b, "title",
                                           g_variant_new_string ("Analys"), &error));
  g_assert_no_error (error);
  assert_labels (f, "Bilaga 1: Enkätfrågor | Bilaga 2: Analys, daterad 2022-06-23");
}

static void
test_model_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  VerkanAppendix *appendix;
  gint64 id;

  verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  g_assert_no_error (error);
  id = verkan_appendix_add_model_version (f->project, f->version, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_labels (f, "Bilaga 1: Logikmodell för Nora, daterad 2022-06-15 | "
                    "Bilaga 2: Analysunderlag för Hallsberg, daterad 2022-06-23");

  list = verkan_appendix_list (f->project, &error);
  appendix = g_ptr_array_index (list, 0);
  g_assert_cmpint (appendix->model_version_id, ==, f->version);
  g_assert_cmpint (appendix->document_id, ==, 0);
  g_assert_null (appendix->mime_type);
  g_assert_null (appendix->file_name);

  /* the same version twice is refused */
  g_assert_cmpint (verkan_appendix_add_model_version (f->project, f->version, 0, &error), ==, 0);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  /* as is one that does not exist */
  g_assert_cmpint (verkan_appendix_add_model_version (f->project, 4711, 0, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  undo (f);
  assert_labels (f, "Bilaga 1: Analysunderlag för Hallsberg, daterad 2022-06-23");
}

static void
test_duplicate_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  verkan_appendix_add_document (f->project, f->survey, 0, &error);
  g_assert_no_error (error);
  verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (verkan_appendix_add_document (f->project, f->analysis, 1, &error), ==, 0);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  /* the message names the document and its number */
  g_assert_nonnull (strstr (error->message, "Analysunderlag för Hallsberg"));
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix WHERE document_id = 2"), ==, 1);

  g_assert_cmpint (verkan_appendix_add_document (f->project, 4711, 0, &error), ==, 0);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND);
}

static void
test_move (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, c, v;

  a = verkan_appendix_add_document (f->project, f->survey, 0, &error);
  b = verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  c = verkan_appendix_add_document (f->project, f->minutes, 0, &error);
  v = verkan_appendix_add_model_version (f->project, f->version, 0, &error);
  g_assert_no_error (error);

  /* the last to the front: everything renumbers */
  g_assert_true (verkan_appendix_move (f->project, v, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, v), ==, 0);
  g_assert_cmpint (position_of (f, a), ==, 1);
  g_assert_cmpint (position_of (f, b), ==, 2);
  g_assert_cmpint (position_of (f, c), ==, 3);
  g_assert_cmpstr (verkan_project_get_undo_label (f->project), ==, "Reorder appendices");

  /* the first down to 3; a number past the end means last */
  g_assert_true (verkan_appendix_move (f->project, v, 3, &error));
  g_assert_cmpint (position_of (f, a), ==, 0);
  g_assert_cmpint (position_of (f, b), ==, 1);
  g_assert_cmpint (position_of (f, v), ==, 2);
  g_assert_cmpint (position_of (f, c), ==, 3);
  g_assert_true (verkan_appendix_move (f->project, a, 99, &error));
  g_assert_cmpint (position_of (f, a), ==, 3);
  g_assert_no_error (error);
  assert_labels (f, "Bilaga 1: Analysunderlag för Hallsberg, daterad 2022-06-23 | "
                    "Bilaga 2: Logikmodell för Nora, daterad 2022-06-15 | "
                    "Bilaga 3: Minnesanteckningar | Bilaga 4: Enkätfrågor");

  /* each move is one undo step */
  undo (f);
  g_assert_cmpint (position_of (f, a), ==, 0);
  g_assert_cmpint (position_of (f, v), ==, 2);
  undo (f);
  g_assert_cmpint (position_of (f, v), ==, 0);
  g_assert_cmpint (position_of (f, c), ==, 3);
  undo (f);
  g_assert_cmpint (position_of (f, v), ==, 3);
  g_assert_cmpint (position_of (f, a), ==, 0);

  g_assert_false (verkan_appendix_move (f->project, 4711, 1, &error));
  g_assert_nonnull (error);
}

static void
test_remove (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, c;

  a = verkan_appendix_add_document (f->project, f->survey, 0, &error);
  b = verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  c = verkan_appendix_add_model_version (f->project, f->version, 0, &error);
  g_assert_no_error (error);

  g_assert_true (verkan_appendix_remove (f->project, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (position_of (f, b), ==, 0);
  g_assert_cmpint (position_of (f, c), ==, 1);
  /* the document itself stays */
  g_assert_cmpint (query (f, "SELECT count(*) FROM document WHERE id = 1"), ==, 1);
  assert_labels (f, "Bilaga 1: Analysunderlag för Hallsberg, daterad 2022-06-23 | "
                    "Bilaga 2: Logikmodell för Nora, daterad 2022-06-15");

  undo (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix"), ==, 3);
  g_assert_cmpint (position_of (f, a), ==, 0);
  g_assert_cmpint (position_of (f, b), ==, 1);
  g_assert_cmpint (position_of (f, c), ==, 2);

  g_assert_false (verkan_appendix_remove (f->project, 4711, &error));
  g_assert_nonnull (error);
}

static void
test_evidence (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  VerkanEvidence *evidence;
  gint64 e1, e2;

  g_assert_cmpint (query (f, "SELECT n_pages FROM blob_text, document "
                             "WHERE document.hash = blob_text.hash AND document.id = 1"), ==, 3);

  e1 = verkan_evidence_add (f->project, f->element, f->survey, 3, "Fråga 3 om samverkan", &error);
  g_assert_no_error (error);
  e2 = verkan_evidence_add (f->project, f->element, f->analysis, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT page FROM evidence WHERE id = 1"), ==, 3);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence WHERE page IS NULL AND document_id = 2"), ==, 1);

  list = verkan_evidence_list (f->project, f->element, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  evidence = g_ptr_array_index (list, 0);
  g_assert_cmpint (evidence->id, ==, e1);
  g_assert_cmpint (evidence->element_id, ==, f->element);
  g_assert_cmpint (evidence->document_id, ==, f->survey);
  g_assert_cmpuint (evidence->page, ==, 3);
  g_assert_cmpstr (evidence->note, ==, "Fråga 3 om samverkan");
  g_assert_cmpstr (evidence->document_title, ==, "Enkätfrågor");
  g_assert_cmpstr (evidence->label, ==, "Enkätfrågor, page 3");
  evidence = g_ptr_array_index (list, 1);
  g_assert_cmpint (evidence->id, ==, e2);
  g_assert_cmpuint (evidence->page, ==, 0);
  g_assert_cmpstr (evidence->label, ==, "Analysunderlag för Hallsberg");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_cmpuint (verkan_evidence_count_for_document (f->project, f->survey), ==, 1);
  g_assert_cmpuint (verkan_evidence_count_for_document (f->project, f->minutes), ==, 0);

  /* a page past the end of the PDF, or the same page twice, is refused */
  g_assert_cmpint (verkan_evidence_add (f->project, f->element, f->survey, 4, NULL, &error), ==, 0);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3 pages"));
  g_clear_error (&error);
  g_assert_cmpint (verkan_evidence_add (f->project, f->element, f->survey, 3, NULL, &error), ==, 0);
  g_assert_error (error, VERKAN_PROJECT_ERROR, VERKAN_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  /* a text file's pages are not known: any page goes */
  g_assert_cmpint (verkan_evidence_add (f->project, f->element, f->minutes, 12, NULL, &error), >, 0);
  g_assert_no_error (error);
  undo (f);
  g_assert_cmpint (verkan_evidence_add (f->project, f->element, 4711, 0, NULL, &error), ==, 0);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (verkan_evidence_add (f->project, 4711, f->survey, 0, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence"), ==, 2);

  /* removing, then undoing it, brings the same row back */
  g_assert_true (verkan_evidence_remove (f->project, e1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence"), ==, 1);
  g_assert_cmpuint (verkan_evidence_count_for_document (f->project, f->survey), ==, 0);
  undo (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence WHERE id = 1 AND page = 3 AND document_id = 1"), ==, 1);

  /* adding is one undo step too */
  undo (f);
  undo (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence"), ==, 0);
  list = verkan_evidence_list (f->project, f->element, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_remove_document (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, v;

  a = verkan_appendix_add_document (f->project, f->survey, 0, &error);
  b = verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  v = verkan_appendix_add_model_version (f->project, f->version, 0, &error);
  verkan_evidence_add (f->project, f->element, f->survey, 2, NULL, &error);
  verkan_evidence_add (f->project, f->element, f->analysis, 0, NULL, &error);
  g_assert_no_error (error);

  /* the survey goes, with its evidence and its appendix; the rest close up */
  g_assert_true (verkan_document_store_remove (f->project, f->survey, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence WHERE document_id = 1"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix"), ==, 2);
  g_assert_cmpint (position_of (f, b), ==, 0);
  g_assert_cmpint (position_of (f, v), ==, 1);
  assert_labels (f, "Bilaga 1: Analysunderlag för Hallsberg, daterad 2022-06-23 | "
                    "Bilaga 2: Logikmodell för Nora, daterad 2022-06-15");

  undo (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence WHERE document_id = 1 AND page = 2"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM appendix"), ==, 3);
  g_assert_cmpint (position_of (f, a), ==, 0);
  g_assert_cmpint (position_of (f, b), ==, 1);
  g_assert_cmpint (position_of (f, v), ==, 2);
  assert_labels (f, "Bilaga 1: Enkätfrågor | "
                    "Bilaga 2: Analysunderlag för Hallsberg, daterad 2022-06-23 | "
                    "Bilaga 3: Logikmodell för Nora, daterad 2022-06-15");

  /* a card that goes takes its evidence too */
  g_assert_true (verkan_project_delete (f->project, "model_element", f->element, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence"), ==, 0);
  undo (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM evidence"), ==, 2);
}

/* A gap in the positions (a frozen version deleted with its appendix)
 * still numbers 1, 2, 3, and the next edit closes it */
static void
test_gap (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, v;

  a = verkan_appendix_add_document (f->project, f->survey, 0, &error);
  v = verkan_appendix_add_model_version (f->project, f->version, 0, &error);
  b = verkan_appendix_add_document (f->project, f->analysis, 0, &error);
  g_assert_no_error (error);
  g_assert_true (verkan_project_delete (f->project, "model_version", f->version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, v), ==, -1);
  g_assert_cmpint (position_of (f, b), ==, 2);
  assert_labels (f, "Bilaga 1: Enkätfrågor | "
                    "Bilaga 2: Analysunderlag för Hallsberg, daterad 2022-06-23");

  g_assert_true (verkan_appendix_move (f->project, a, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position_of (f, b), ==, 0);
  g_assert_cmpint (position_of (f, a), ==, 1);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/appendix/add-and-labels", test_add_and_labels);
  ADD ("/appendix/model-version", test_model_version);
  ADD ("/appendix/duplicate-refused", test_duplicate_refused);
  ADD ("/appendix/move", test_move);
  ADD ("/appendix/remove", test_remove);
  ADD ("/appendix/evidence", test_evidence);
  ADD ("/appendix/remove-document", test_remove_document);
  ADD ("/appendix/gap", test_gap);
#undef ADD

  return g_test_run ();
}
