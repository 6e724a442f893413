/* test-document-thumbnail.c: thumbnails of stored documents: the first
 * page of a PDF drawn with cairo, PNG and JPEG pictures written with
 * gdk-pixbuf, no thumbnail for text, an error for a broken PDF, the bytes
 * read back as they were, and two threads drawing at once.
 *
 * Copyright 2024 Verkan-utvecklarna
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "verkan-document-store.h"
#include "verkan-document-thumbnail.h"
#include "verkan-test-util.h"

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

  f->dir = g_dir_make_tmp ("verkan-thumbnail-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.verkan", NULL);
  f->project = verkan_project_create (f->path, "Tumnaglar", &error);
  g_assert_no_error (error);
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

/* A two-page A4 PDF: a red rectangle in the middle of page 1, blue
 * filling page 2 (which the thumbnail must not show) */
static char *
write_pdf (Fixture *f)
{
  char *path = g_build_filename (f->dir, "rapport.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, 150, 200, 300, 400);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return path;
}

/* A 400 × 200 picture: green on the left half, yellow on the right */
static char *
write_picture (Fixture    *f,
               const char *name,
               const char *type)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 400, 200);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 400; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = x < 200 ? 0 : 255;
        p[1] = 255;
        p[2] = 0;
      }
  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);

  return path;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
add (Fixture    *f,
     const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 id = verkan_document_store_add (f->project, path, NULL, 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
document_text (Fixture    *f,
               gint64      id,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM document WHERE id = %" G_GINT64_FORMAT,
                                          column, id);

  return verkan_test_sql_text (f->path, sql);
}

/* The colour at (x, y) of an image surface, as 0xRRGGBB (opaque pixels) */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  return *(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff;
}

static gboolean
near_colour (guint32 actual,
             guint32 expected)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (actual >> shift) & 0xff;
      int e = (expected >> shift) & 0xff;

      if (ABS (a - e) > 24)
        return FALSE;
    }
  return TRUE;
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = write_pdf (f);
  gint64 id = add (f, path);
  g_autofree char *hash = document_text (f, id, "hash");
  g_autofree char *mime = document_text (f, id, "mime_type");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int width, height;

  g_assert_cmpstr (mime, ==, "application/pdf");
  surface = verkan_document_thumbnail_render (f->path, hash, mime, 128, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (surface);

  /* Portrait A4 at 128 pixels high */
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_assert_cmpint (height, ==, 128);
  g_assert_cmpint (width, >=, 89);
  g_assert_cmpint (width, <=, 91);

  /* Red in the middle, white at the corners: page 1, on white */
  g_assert_true (near_colour (pixel_at (surface, width / 2, height / 2), 0xff0000));
  g_assert_true (near_colour (pixel_at (surface, 2, 2), 0xffffff));
  g_assert_true (near_colour (pixel_at (surface, width - 3, height - 3), 0xffffff));

  cairo_surface_destroy (surface);
}

static void
check_picture (Fixture    *f,
               const char *name,
               const char *type,
               const char *expected_mime)
{
  g_autofree char *path = write_picture (f, name, type);
  gint64 id = add (f, path);
  g_autofree char *hash = document_text (f, id, "hash");
  g_autofree char *mime = document_text (f, id, "mime_type");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_cmpstr (mime, ==, expected_mime);
  surface = verkan_document_thumbnail_render (f->path, hash, mime, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 100);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 50);
  /* Green left, yellow right: R and B not swapped */
  g_assert_true (near_colour (pixel_at (surface, 20, 25), 0x00ff00));
  g_assert_true (near_colour (pixel_at (surface, 80, 25), 0xffff00));
  cairo_surface_destroy (surface);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  check_picture (f, "karta.png", "png", "image/png");
}

static void
test_jpeg (Fixture       *f,
           gconstpointer  data)
{
  check_picture (f, "foto.jpg", "jpeg", "image/jpeg");
}

/* Transparency becomes premultiplied ARGB */
static void
test_alpha (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 10, 10);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize length = 0;
  cairo_surface_t *surface;
  guint32 pixel;

  gdk_pixbuf_fill (pixbuf, 0xff000080);   /* red at half opacity */
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (buffer, length);

  surface = verkan_document_thumbnail_from_bytes (bytes, "image/png", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  cairo_surface_flush (surface);
  pixel = *(const guint32 *) (gconstpointer) cairo_image_surface_get_data (surface);
  g_assert_cmpuint (pixel >> 24, ==, 0x80);
  g_assert_cmpuint ((pixel >> 16) & 0xff, ==, 0x80);
  g_assert_cmpuint (pixel & 0xffff, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = write_file (f, "minnesanteckningar.txt", "Möte i Hallsberg\n", -1);
  gint64 id = add (f, path);
  g_autofree char *hash = document_text (f, id, "hash");
  g_autofree char *mime = document_text (f, id, "mime_type");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = verkan_document_thumbnail_render (f->path, hash, mime, 128, NULL, &error);
  g_assert_null (surface);
  g_assert_no_error (error);
}

static void
test_corrupt_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (f, "trasig.pdf", "%PDF-1.4\nthis is not really a PDF\n", -1);
  gint64 id = add (f, path);
  g_autofree char *hash = document_text (f, id, "hash");
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  /* Stored anyway, marked unreadable */
  status = verkan_document_store_dup_text_status (f->project, id);
  g_assert_cmpstr (status, ==, "unreadable");

  surface = verkan_document_thumbnail_render (f->path, hash, "application/pdf", 128, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_READ);
}

static void
test_read_bytes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "data.bin", NULL);
  g_autofree char *contents = g_malloc (300000);
  g_autofree char *hash = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; i < 300000; i++)
    contents[i] = (char) g_random_int ();
  g_file_set_contents (path, contents, 300000, &error);
  g_assert_no_error (error);
  id = add (f, path);
  hash = document_text (f, id, "hash");

  bytes = verkan_document_read_bytes (f->path, hash, G_MAXUINT64, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, 300000);

  /* Over the limit: nothing, and no error */
  small = verkan_document_read_bytes (f->path, hash, 1000, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (small);

  missing = verkan_document_read_bytes (f->path, "0000", G_MAXUINT64, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, VERKAN_DOCUMENT_ERROR, VERKAN_DOCUMENT_ERROR_NOT_FOUND);
}

typedef struct {
  const char *project_path;
  const char *hash;
  const char *mime;
  int         rendered;
} ThreadJob;

static gpointer
render_many (gpointer data)
{
  ThreadJob *job = data;

  for (int i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = verkan_document_thumbnail_render (job->project_path, job->hash,
                                                                   job->mime, 64, NULL, &error);

      g_assert_no_error (error);
      if (surface != NULL
          && near_colour (pixel_at (surface, cairo_image_surface_get_width (surface) / 2,
                                    cairo_image_surface_get_height (surface) / 2), 0xff0000))
        job->rendered++;
      cairo_surface_destroy (surface);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_pdf (f);
  g_autofree char *image_path = write_picture (f, "bild.png", "png");
  gint64 id = add (f, path);
  gint64 image_id = add (f, image_path);
  g_autofree char *hash = document_text (f, id, "hash");
  g_autofree char *image_hash = document_text (f, image_id, "hash");
  ThreadJob jobs[2] = {
    { f->path, hash, "application/pdf", 0 },
    { f->path, hash, "application/pdf", 0 },
  };
  ThreadJob image_job = { f->path, image_hash, "image/png", 0 };
  GThread *threads[3];

  threads[0] = g_thread_new ("thumb-1", render_many, &jobs[0]);
  threads[1] = g_thread_new ("thumb-2", render_many, &jobs[1]);
  threads[2] = g_thread_new ("thumb-3", render_many, &image_job);
  /* The main connection writes meanwhile: readers do not wait on it */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;

      verkan_project_set_value (f->project, "document", id, "title",
                                g_variant_new_string (i % 2 ? "Rapport" : "Rapport 2"), &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (jobs[0].rendered, ==, 10);
  g_assert_cmpint (jobs[1].rendered, ==, 10);
  /* green and yellow halves, not red: counted as none */
  g_assert_cmpint (image_job.rendered, ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_pdf (f);
  gint64 id = add (f, path);
  g_autofree char *hash = document_text (f, id, "hash");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_cancellable_cancel (cancellable);
  surface = verkan_document_thumbnail_render (f->path, hash, "application/pdf", 64,
                                              cancellable, &error);
  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/document-thumbnail/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("pdf", test_pdf);
  ADD ("png", test_png);
  ADD ("jpeg", test_jpeg);
  ADD ("text", test_text);
  ADD ("corrupt-pdf", test_corrupt_pdf);
  ADD ("read-bytes", test_read_bytes);
  ADD ("threads", test_threads);
  ADD ("cancelled", test_cancelled);
#undef ADD
  g_test_add_func ("/document-thumbnail/alpha", test_alpha);

  return g_test_run ();
}
