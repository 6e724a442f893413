/* test-model-render.c: the drawing of a logic model (DESIGN.md rule 5):
 * a PNG of a fixed model against a reference image within a tolerance,
 * PDF and SVG that real readers accept, the geometry the canvas will place
 * its cards by, and `verkan model list|render|check` */
#include "verkan-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/wait.h>

#include "verkan-model-drawing.h"
#include "verkan-project.h"

/* The reference: tests/fixtures/model-reference.png.  Make it anew with
 * VERKAN_UPDATE_REFERENCE=1 and look at it before committing it. */
#define REFERENCE_WIDTH 1600
/* a pixel differs when a channel is off by more than this … */
#define PIXEL_THRESHOLD 64
/* … and the test fails when more than this share of pixels differ */
#define MAX_DIFFERING_SHARE 0.015

/* Nora's model as in Bilaga 3 of the seed report, with both bands */
static VerkanModelSnapshot *
build_nora (void)
{
  VerkanModelSnapshot *m = verkan_model_snapshot_new ("Logikmodell för Nora");
  VerkanModelElement *e;
  struct { gint64 id; VerkanModelColumn c; const char *title, *text, *status; } cards[] = {
    { 1, VERKAN_MODEL_COLUMN_RESOURCES, "Kommunal arbetscoach, 1,0 årsarbetare", "Finansieras inom AME:s budget 2022", "achieved" },
    { 2, VERKAN_MODEL_COLUMN_RESOURCES, "Handläggare inom försörjningsstöd", "Fyra handläggare, varav en med inriktning mot arbete", "achieved" },
    { 3, VERKAN_MODEL_COLUMN_ACTIVITIES, "Kartläggning enligt Supported Employment", "Individuell kartläggning av arbetsförmåga, intressen och hinder vid inskrivning", "partly-achieved" },
    { 4, VERKAN_MODEL_COLUMN_ACTIVITIES, "Gemensamma ärendedragningar AME och försörjningsstöd", "Varannan vecka", "achieved" },
    { 5, VERKAN_MODEL_COLUMN_ACTIVITIES, "Praktikplatser hos lokala arbetsgivare", "Arbetsgivarkontakter via näringslivsenheten", "not-assessed" },
    { 6, VERKAN_MODEL_COLUMN_OUTPUTS, "Genomförda kartläggningar", "Minst 40 personer per år", "achieved" },
    { 7, VERKAN_MODEL_COLUMN_OUTPUTS, "Individuella planer med jobbfokus", "", "partly-achieved" },
    { 8, VERKAN_MODEL_COLUMN_OUTPUTS, "Praktikplatser i bruk", "", "not-assessed" },
    { 9, VERKAN_MODEL_COLUMN_SHORT_TERM_EFFECTS, "Deltagarna har en tydlig väg framåt", "Stegförflyttning mot arbete eller studier", "partly-achieved" },
    { 10, VERKAN_MODEL_COLUMN_SHORT_TERM_EFFECTS, "Bättre samverkan mellan AME och försörjningsstöd", "", "achieved" },
    { 11, VERKAN_MODEL_COLUMN_LONG_TERM_EFFECTS, "Fler går vidare till arbete eller studier", "", "unclear" },
    { 12, VERKAN_MODEL_COLUMN_LONG_TERM_EFFECTS, "Minskat långvarigt biståndsmottagande", "Färre hushåll med ekonomiskt bistånd i tio månader eller mer under året", "not-achieved" },
    { 13, VERKAN_MODEL_COLUMN_GOALS, "Kommunmedborgarnas självförsörjning ökar", "Politiskt antaget mål i Nora kommuns mål- och budgetdokument", "unclear" },
    { 14, VERKAN_MODEL_COLUMN_ASSUMPTIONS, "Arbetsgivare i Nora tar emot praktikanter", "", "not-assessed" },
    { 15, VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS, "Konjunkturen på den lokala arbetsmarknaden", "", "not-assessed" },
  };
  struct { gint64 from, to; const char *why; } links[] = {
    { 1, 3, "Om coachen har tid för varje deltagare, kan kartläggningen göras grundligt" },
    { 2, 3, "Om handläggarna remitterar tidigt, kartläggs fler" },
    { 2, 4, "Om handläggarna deltar, blir ärendedragningarna gemensamma" },
    { 1, 5, "Om coachen har arbetsgivarkontakter, finns praktikplatser" },
    { 3, 6, "Om kartläggningen genomförs, finns den dokumenterad" },
    { 3, 7, "Om förmågan är känd, kan planen ha jobbfokus" },
    { 4, 7, "" },
    { 5, 8, "Om arbetsgivare erbjuder platser, används de" },
    { 6, 9, "Om deltagaren vet sina styrkor, blir vägen tydligare" },
    { 7, 9, "Om planen följs, tar deltagaren steg framåt" },
    { 4, 10, "Om ärenden dras gemensamt, samverkar verksamheterna" },
    { 9, 11, "Om deltagaren rör sig framåt, når fler arbete eller studier" },
    { 10, 11, "" },
    { 8, 11, "Om praktiken leder till anställning, går fler vidare" },
    { 11, 12, "Om fler får arbete, minskar långvarigt bistånd" },
    { 11, 13, "Om fler försörjer sig själva, ökar självförsörjningen" },
    { 12, 13, "Om färre behöver bistånd länge, ökar självförsörjningen" },
    { 3, 11, "" },
    { 14, 8, "Om arbetsgivarna är villiga, blir det praktikplatser" },
    { 15, 11, "" },
  };
  struct { gint64 element; const char *name; } indicators[] = {
    { 6, "Antal kartläggningar" },
    { 9, "Andel med stegförflyttning" }, { 9, "Deltagarnas egen bedömning" },
    { 11, "Andel som börjat arbeta eller studera" }, { 11, "Antal till studier" },
    { 12, "Långvarigt ekonomiskt bistånd, andel av befolkningen" },
    { 13, "Invånare med ekonomiskt bistånd" }, { 13, "Förvärvsarbetande invånare" },
  };

  m->municipality = g_strdup ("1884");
  m->show_assumptions = TRUE;
  m->show_external = TRUE;
  m->date = g_strdup ("2022-06-15");
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      e = verkan_model_snapshot_add_element (m, cards[i].id, cards[i].c, cards[i].title);
      g_free (e->text);
      e->text = g_strdup (cards[i].text);
      g_free (e->status);
      e->status = g_strdup (cards[i].status);
    }
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    verkan_model_snapshot_add_link (m, 100 + i, links[i].from, links[i].to, links[i].why);
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    verkan_model_snapshot_add_indicator (m, 200 + i, indicators[i].element, indicators[i].name);
  return m;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("verkan-render-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The reference was drawn with Cantarell; with another font every line of
 * text moves, and comparing pixels says nothing */
static gboolean
have_cantarell (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *wanted = pango_font_description_from_string ("Cantarell 12");
  PangoFont *font = pango_font_map_load_font (map, context, wanted);
  PangoFontDescription *got = font ? pango_font_describe (font) : NULL;
  gboolean ok = got && g_ascii_strcasecmp (pango_font_description_get_family (got), "Cantarell") == 0;

  if (got)
    pango_font_description_free (got);
  pango_font_description_free (wanted);
  g_clear_object (&font);
  g_object_unref (context);
  return ok;
}

static void
test_reference_image (void)
{
  g_autoptr(VerkanModelSnapshot) model = build_nora ();
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = g_test_build_filename (G_TEST_DIST, "fixtures", "model-reference.png", NULL);
  g_autofree char *actual = g_test_build_filename (G_TEST_BUILT, "model-render-actual.png", NULL);
  double share;

  if (!have_cantarell ())
    {
      g_test_skip ("the Cantarell font is not installed; the reference image was drawn with it");
      return;
    }

  g_assert_true (verkan_model_export (model, actual, REFERENCE_WIDTH, &error));
  g_assert_no_error (error);

  share = verkan_test_png_difference (reference, actual, PIXEL_THRESHOLD);
  g_test_message ("%.3f %% of the pixels differ from the reference by more than %d (at most %.1f %% may)",
                  100 * share, PIXEL_THRESHOLD, 100 * MAX_DIFFERING_SHARE);
  g_assert_cmpfloat (share, <=, MAX_DIFFERING_SHARE);

  g_unlink (actual);
}

static char *
read_head (const char *path, gsize n)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &bytes, &length, &error);
  g_assert_no_error (error);
  return g_strndup (bytes, MIN (n, length));
}

static void
test_pdf_and_svg (void)
{
  g_autoptr(VerkanModelSnapshot) model = build_nora ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "nora.pdf", NULL);
  g_autofree char *wide_pdf = g_build_filename (dir, "bred.PDF", NULL);
  g_autofree char *svg = g_build_filename (dir, "nora.svg", NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *head = NULL;
  xmlDocPtr doc;

  g_assert_true (verkan_model_export (model, pdf, 0, &error));
  g_assert_no_error (error);
  head = read_head (pdf, 5);
  g_assert_cmpstr (head, ==, "%PDF-");
  g_assert_true (verkan_model_export (model, wide_pdf, 2400, &error));
  g_assert_no_error (error);

  if (pdfinfo != NULL)
    {
      g_autofree char *out = NULL;
      int status = 0;
      const char *argv[] = { pdfinfo, pdf, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "Pages:"));
      g_assert_nonnull (strstr (out, "A4"));                 /* the default page */
      g_assert_nonnull (strstr (out, "Logikmodell för Nora"));  /* the title in its metadata */
    }
  else
    g_test_message ("pdfinfo not found: the PDF was checked by its header only");

  g_assert_true (verkan_model_export (model, svg, 0, &error));
  g_assert_no_error (error);
  doc = xmlReadFile (svg, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  xmlFreeDoc (doc);

  verkan_test_remove_tree (dir);
}

static gboolean
overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static VerkanModelPoint
bezier (const VerkanModelPoint *p, double t)
{
  double u = 1 - t;
  VerkanModelPoint r = {
    u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x,
    u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y,
  };
  return r;
}

/* No arrow runs through a card: they bend in the gaps between columns and
 * pass a column between two of its cards */
static void
assert_arrows_clear (VerkanModelGeometry *g)
{
  for (guint i = 0; i < g->arrows->len; i++)
    {
      const VerkanModelArrow *arrow = &g_array_index (g->arrows, VerkanModelArrow, i);

      for (guint s = 0; s + 3 < arrow->n_points; s += 3)
        for (int t = 0; t <= 20; t++)
          {
            VerkanModelPoint p = bezier (&arrow->points[s], t / 20.0);

            for (guint c = 0; c < g->cards->len; c++)
              {
                const cairo_rectangle_t *r = &g_array_index (g->cards, VerkanModelCardBox, c).rect;
                if (p.x > r->x + 1 && p.x < r->x + r->width - 1 &&
                    p.y > r->y + 1 && p.y < r->y + r->height - 1)
                  g_error ("the arrow of link %" G_GINT64_FORMAT " crosses the card of element %"
                           G_GINT64_FORMAT " at (%.0f, %.0f)", arrow->link_id,
                           g_array_index (g->cards, VerkanModelCardBox, c).element_id, p.x, p.y);
              }
          }
    }
}

/* Links of every kind, many to a gap: forward, skipping columns, back, in
 * a column, to and from the bands */
static void
test_arrows_avoid_cards (void)
{
  g_autoptr(VerkanModelSnapshot) model = verkan_model_snapshot_new ("Slumpad");
  g_autoptr(VerkanModelGeometry) g = NULL;
  GRand *rand = g_rand_new_with_seed (1861);
  guint n_cards = 90;

  model->show_assumptions = model->show_external = TRUE;
  for (guint i = 0; i < n_cards; i++)
    {
      VerkanModelColumn column = i < 80 ? i % VERKAN_MODEL_N_MAIN_COLUMNS :
                                 i % 2 ? VERKAN_MODEL_COLUMN_ASSUMPTIONS : VERKAN_MODEL_COLUMN_EXTERNAL_FACTORS;
      VerkanModelElement *e = verkan_model_snapshot_add_element (model, i + 1, column,
                                                                 i % 3 ? "Kort" : "Ett kort med en lång titel som bryts på flera rader");
      g_free (e->text);
      e->text = g_strdup (i % 2 ? "Kort text" : "");
    }
  for (guint i = 0; i < 300; i++)
    {
      gint64 from = g_rand_int_range (rand, 1, n_cards + 1), to = g_rand_int_range (rand, 1, n_cards + 1);
      if (from != to)
        verkan_model_snapshot_add_link (model, 1000 + i, from, to, i % 4 ? "Om, så" : "");
    }
  g_rand_free (rand);

  g = verkan_model_layout_geometry (model, NULL);
  g_assert_cmpuint (g->arrows->len, ==, model->links->len);
  assert_arrows_clear (g);
}

static void
test_geometry (void)
{
  g_autoptr(VerkanModelSnapshot) model = build_nora ();
  g_autoptr(VerkanModelGeometry) g = NULL;
  VerkanModelDrawStyle style;

  verkan_model_draw_style_init (&style, VERKAN_MODEL_THEME_LIGHT);
  g = verkan_model_layout_geometry (model, &style);
  g_assert_cmpfloat (g->width, >, 0);
  g_assert_cmpfloat (g->height, >, 0);
  g_assert_cmpuint (g->cards->len, ==, model->elements->len);
  g_assert_cmpuint (g->arrows->len, ==, model->links->len);

  /* a rectangle per card, inside the drawing, in its column, none on another */
  for (guint i = 0; i < model->elements->len; i++)
    {
      VerkanModelElement *element = g_ptr_array_index (model->elements, i);
      const cairo_rectangle_t *r = verkan_model_geometry_get_card (g, element->id);
      const cairo_rectangle_t *column = &g->columns[element->column];

      g_assert_nonnull (r);
      g_assert_cmpfloat (r->width, >, 0);
      g_assert_cmpfloat (r->height, >, 0);
      g_assert_cmpfloat (r->x, >=, 0);
      g_assert_cmpfloat (r->y, >=, 0);
      g_assert_cmpfloat (r->x + r->width, <=, g->width);
      g_assert_cmpfloat (r->y + r->height, <=, g->height);
      g_assert_cmpfloat (r->x, >=, column->x);
      g_assert_cmpfloat (r->y, >=, column->y);
      g_assert_cmpfloat (r->x + r->width, <=, column->x + column->width);
      g_assert_cmpfloat (r->y + r->height, <=, column->y + column->height);
      g_assert_cmpint (verkan_model_geometry_card_at (g, r->x + r->width / 2, r->y + r->height / 2),
                       ==, element->id);
    }
  for (guint i = 0; i < g->cards->len; i++)
    for (guint j = i + 1; j < g->cards->len; j++)
      g_assert_false (overlap (&g_array_index (g->cards, VerkanModelCardBox, i).rect,
                               &g_array_index (g->cards, VerkanModelCardBox, j).rect));
  g_assert_null (verkan_model_geometry_get_card (g, 9999));
  g_assert_cmpint (verkan_model_geometry_card_at (g, 1, 1), ==, 0);

  /* arrows leave the source's right edge, end at a card's edge, are dashed
   * without a rationale, and cross no card on their way */
  for (guint i = 0; i < g->arrows->len; i++)
    {
      const VerkanModelArrow *arrow = &g_array_index (g->arrows, VerkanModelArrow, i);
      const cairo_rectangle_t *from = verkan_model_geometry_get_card (g, arrow->from_id);
      const cairo_rectangle_t *to = verkan_model_geometry_get_card (g, arrow->to_id);
      VerkanModelLink *link = NULL;

      for (guint k = 0; k < model->links->len; k++)
        if (((VerkanModelLink *) g_ptr_array_index (model->links, k))->id == arrow->link_id)
          link = g_ptr_array_index (model->links, k);
      g_assert_nonnull (link);
      g_assert_cmpint (arrow->dashed, ==, link->rationale[0] == '\0');
      g_assert_cmpuint (arrow->n_points % 3, ==, 1);
      g_assert_cmpuint (arrow->n_points, >=, 4);
      g_assert_cmpfloat (fabs (arrow->points[0].x - (from->x + from->width)), <, 0.01);
      g_assert_true (fabs (arrow->tip.x - to->x) < 0.01 || fabs (arrow->tip.x - (to->x + to->width)) < 0.01);
      g_assert_cmpfloat (arrow->tip.y, >=, to->y);
      g_assert_cmpfloat (arrow->tip.y, <=, to->y + to->height);

    }
  assert_arrows_clear (g);

  /* hidden bands leave their cards and links out */
  model->show_assumptions = model->show_external = FALSE;
  {
    g_autoptr(VerkanModelGeometry) narrow = verkan_model_layout_geometry (model, &style);
    g_assert_cmpuint (narrow->cards->len, ==, model->elements->len - 2);
    g_assert_cmpuint (narrow->arrows->len, ==, model->links->len - 2);
    g_assert_null (verkan_model_geometry_get_card (narrow, 14));
    g_assert_cmpfloat (narrow->columns[VERKAN_MODEL_COLUMN_ASSUMPTIONS].height, ==, 0);
    g_assert_cmpfloat (narrow->height, <, g->height);
  }
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  cairo_surface_flush (surface);
  return ((guint32 *) (cairo_image_surface_get_data (surface) +
                       y * cairo_image_surface_get_stride (surface)))[x] & 0xffffff;
}

static guint32
rgba_to_pixel (const VerkanModelRgba *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8) |
         (guint32) lround (c->blue * 255);
}

/* The canvas draws columns and arrows and leaves the cards to its widgets */
static void
test_flags_and_dark (void)
{
  g_autoptr(VerkanModelSnapshot) model = build_nora ();
  g_autoptr(VerkanModelGeometry) g = NULL;
  VerkanModelDrawStyle style;
  const cairo_rectangle_t *card;
  cairo_surface_t *surface;
  cairo_t *cr;
  int cx, cy;

  verkan_model_draw_style_init (&style, VERKAN_MODEL_THEME_DARK);
  g = verkan_model_layout_geometry (model, &style);
  card = verkan_model_geometry_get_card (g, 13);
  cx = (int) (card->x + card->width - 4);
  cy = (int) (card->y + card->height / 2);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (g->width), (int) ceil (g->height));
  cr = cairo_create (surface);
  verkan_model_draw_geometry (cr, g, &style);
  g_assert_cmphex (pixel_at (surface, 2, 2), ==, rgba_to_pixel (&style.palette.background));
  g_assert_cmphex (pixel_at (surface, cx, cy), ==, rgba_to_pixel (&style.palette.card));

  style.flags &= ~VERKAN_MODEL_DRAW_CARDS;
  verkan_model_draw_geometry (cr, g, &style);
  g_assert_cmphex (pixel_at (surface, cx, cy), ==, rgba_to_pixel (&style.palette.column));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* without caption and legend, the drawing is smaller */
  {
    g_autoptr(VerkanModelGeometry) bare = verkan_model_layout_geometry (model, &style);
    style.flags &= ~(VERKAN_MODEL_DRAW_CAPTION | VERKAN_MODEL_DRAW_LEGEND);
    g_clear_pointer (&bare, verkan_model_geometry_free);
    bare = verkan_model_layout_geometry (model, &style);
    g_assert_cmpfloat (bare->height, <, g->height);
    g_assert_cmpfloat (bare->caption.height, ==, 0);
    g_assert_cmpfloat (bare->legend.width, ==, 0);
  }
}

static void
test_empty_model (void)
{
  g_autoptr(VerkanModelSnapshot) model = verkan_model_snapshot_new (NULL);
  g_autoptr(VerkanModelGeometry) g = verkan_model_layout_geometry (model, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *png = g_build_filename (dir, "tom.png", NULL);
  g_autofree char *caption = verkan_model_dup_caption (model);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpuint (g->cards->len, ==, 0);
  g_assert_cmpuint (g->arrows->len, ==, 0);
  g_assert_cmpfloat (g->width, >, 0);
  g_assert_cmpfloat (g->height, >, 0);
  g_assert_cmpstr (caption, ==, "Logic model");

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cr = cairo_create (surface);
  verkan_model_draw (cr, model, NULL, 640, 360);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (verkan_model_export (model, png, 0, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  /* the default PNG is twice the natural size, for print */
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) ceil (2 * g->width));
  cairo_surface_destroy (surface);
  verkan_test_remove_tree (dir);
}

static void
test_caption (void)
{
  g_autoptr(VerkanModelSnapshot) model = build_nora ();
  g_autofree char *caption = verkan_model_dup_caption (model);

  g_assert_cmpstr (caption, ==, "Logikmodell för Nora · Nora (1884) · 2022-06-15");
  g_free (model->municipality);
  model->municipality = NULL;
  g_clear_pointer (&caption, g_free);
  caption = verkan_model_dup_caption (model);
  g_assert_cmpstr (caption, ==, "Logikmodell för Nora · 2022-06-15");
}

static void
test_export_errors (void)
{
  g_autoptr(VerkanModelSnapshot) model = build_nora ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *kept = g_build_filename (dir, "kvar.bmp", NULL);

  g_assert_false (verkan_model_export (model, "/nonexistent-verkan-dir/modell.png", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-verkan-dir/modell.png"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (verkan_model_export (model, kept, 0, &error));
  g_assert_error (error, VERKAN_MODEL_DRAWING_ERROR, VERKAN_MODEL_DRAWING_ERROR_FORMAT);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* a folder where the file should go */
  {
    g_autofree char *folder = g_build_filename (dir, "mapp.pdf", NULL);
    g_mkdir (folder, 0700);
    g_assert_false (verkan_model_export (model, folder, 0, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_rmdir (folder);
  }
  verkan_test_remove_tree (dir);
}

/* --- the command line ------------------------------------------------------ */

static gint64
insert (VerkanProject *project, const char *table, GVariant *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id = verkan_project_insert (project, table, row, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_card (VerkanProject *project, gint64 model, const char *column, const char *title)
{
  return insert (project, "model_element",
                 g_variant_new_parsed ("{'model_id': <%x>, 'column_kind': <%s>, 'title': <%s>}",
                                       model, column, title));
}

static void
add_link (VerkanProject *project, gint64 model, gint64 from, gint64 to, const char *rationale)
{
  insert (project, "model_link",
          g_variant_new_parsed ("{'model_id': <%x>, 'from_id': <%x>, 'to_id': <%x>, 'rationale': <%s>}",
                                model, from, to, rationale));
}

static void
add_indicator (VerkanProject *project, gint64 element)
{
  insert (project, "indicator",
          g_variant_new_parsed ("{'element_id': <%x>, 'name': <'Andel i arbete'>, 'unit': <'%%'>, "
                                "'baseline_value': <12.5>, 'baseline_year': <int64 2021>, "
                                "'target_value': <20.0>, 'target_year': <int64 2024>}", element));
}

/* Nora: a model with gaps.  Hallsberg: a whole chain, every link reasoned,
 * every effect and goal measured, so no check finds anything. */
static char *
make_project (const char *dir, gint64 *nora_id)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "modeller.verkan", NULL);
  g_autoptr(VerkanProject) project = verkan_project_create (path, "Modeller", &error);
  const char *columns[] = {
    "resources", "activities", "outputs", "short-term-effects", "long-term-effects", "goals",
  };
  gint64 nora, hallsberg, a, b, prev = 0;

  g_assert_no_error (error);
  nora = insert (project, "logic_model",
                 g_variant_new_parsed ("{'title': <'Logikmodell för Nora'>, 'municipality': <'1884'>, "
                                       "'date': <'2022-06-15'>}"));
  a = add_card (project, nora, "activities", "Kartläggning enligt Supported Employment");
  b = add_card (project, nora, "goals", "Kommunmedborgarnas självförsörjning ökar");
  add_card (project, nora, "resources", "Kommunal arbetscoach");
  add_link (project, nora, a, b, "");
  add_indicator (project, b);

  hallsberg = insert (project, "logic_model",
                      g_variant_new_parsed ("{'title': <'Logikmodell för Hallsberg'>, "
                                            "'municipality': <'1861'>, 'date': <'2022-06-23'>}"));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *title = g_strdup_printf ("Steg %u", i + 1);
      gint64 card = add_card (project, hallsberg, columns[i], title);

      if (i >= 3)
        add_indicator (project, card);
      if (prev)
        add_link (project, hallsberg, prev, card, "Om det förra steget tas, följer detta");
      prev = card;
    }

  *nora_id = nora;
  return path;
}

static void
test_cli (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *png = NULL, *pdf = NULL, *empty = NULL;
  g_autofree char *nora_id = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GError) error = NULL;
  gint64 nora = 0;

  if (g_getenv ("VERKAN_BIN") == NULL)
    {
      g_test_skip ("VERKAN_BIN is not set; run under meson test");
      return;
    }
  dir = tmp_dir ();
  path = make_project (dir, &nora);
  nora_id = g_strdup_printf ("%" G_GINT64_FORMAT, nora);
  png = g_build_filename (dir, "nora.png", NULL);
  pdf = g_build_filename (dir, "nora.pdf", NULL);
  empty = g_build_filename (dir, "tom.verkan", NULL);

  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "model", "list", path, NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Logikmodell för Nora"));
    g_assert_nonnull (strstr (run.out, "Nora (1884)"));
    g_assert_nonnull (strstr (run.out, "3 cards, 1 link, 1 indicator"));
    g_assert_nonnull (strstr (run.out, "Hallsberg (1861)"));
    g_assert_nonnull (strstr (run.out, "6 cards, 5 links, 3 indicators"));
    g_assert_true (g_str_has_prefix (run.out, nora_id));
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    verkan_test_run_verkan (&run, NULL, (const char *[]) { "model", "render", path, "logikmodell för nora",
                                         "-o", pdf, NULL });
    g_assert_cmpint (run.status, ==, 0);
    head = read_head (pdf, 5);
    g_assert_cmpstr (head, ==, "%PDF-");
  }
  {
    g_auto(VerkanTestRun) run = { 0 };
    cairo_surface_t *surface;

    verkan_test_run_verkan (&run, NULL, (const char *[]) { "model", "render", path, nora_id, "-o", png,
                                         "--width", "900", NULL });
    g_assert_cmpint (run.status, ==, 0);
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 900);
    cairo_surface_destroy (surface);
  }
  {
    g_auto(VerkanTestRun) unknown = { 0 }, no_output = { 0 }, bad_format = { 0 }, no_action = { 0 };
    g_auto(VerkanTestRun) bad_action = { 0 }, missing_file = { 0 };

    verkan_test_run_verkan (&unknown, NULL, (const char *[]) { "model", "render", path, "Örebro", "-o", png, NULL });
    g_assert_cmpint (unknown.status, ==, 1);
    g_assert_nonnull (strstr (unknown.err, "Örebro"));
    verkan_test_run_verkan (&no_output, NULL, (const char *[]) { "model", "render", path, nora_id, NULL });
    g_assert_cmpint (no_output.status, ==, 2);
    verkan_test_run_verkan (&bad_format, NULL, (const char *[]) { "model", "render", path, nora_id, "-o", "x.gif", NULL });
    g_assert_cmpint (bad_format.status, ==, 1);
    verkan_test_run_verkan (&no_action, NULL, (const char *[]) { "model", NULL });
    g_assert_cmpint (no_action.status, ==, 2);
    verkan_test_run_verkan (&bad_action, NULL, (const char *[]) { "model", "rita", path, NULL });
    g_assert_cmpint (bad_action.status, ==, 2);
    verkan_test_run_verkan (&missing_file, NULL, (const char *[]) { "model", "list", "/nonexistent/x.verkan", NULL });
    g_assert_cmpint (missing_file.status, ==, 1);
  }
  {
    g_auto(VerkanTestRun) all = { 0 }, clean = { 0 }, gaps = { 0 }, too_many = { 0 };

    verkan_test_run_verkan (&all, NULL, (const char *[]) { "model", "check", path, NULL });
    g_test_message ("verkan model check:\n%s", all.out);
    g_assert_cmpint (all.status, ==, 1);
    g_assert_nonnull (strstr (all.out, "Logikmodell för Nora"));
    g_assert_nonnull (strstr (all.out, "Logikmodell för Hallsberg"));

    verkan_test_run_verkan (&clean, NULL, (const char *[]) { "model", "check", path, "Logikmodell för Hallsberg", NULL });
    g_test_message ("%s", clean.out);
    g_assert_cmpint (clean.status, ==, 0);

    verkan_test_run_verkan (&gaps, NULL, (const char *[]) { "model", "check", path, nora_id, NULL });
    g_assert_cmpint (gaps.status, ==, 1);
    g_assert_null (strstr (gaps.out, "Hallsberg"));

    verkan_test_run_verkan (&too_many, NULL, (const char *[]) { "model", "check", path, "a", "b", NULL });
    g_assert_cmpint (too_many.status, ==, 2);
  }
  {
    g_autoptr(VerkanProject) project = verkan_project_create (empty, "Tom", &error);
    g_auto(VerkanTestRun) list = { 0 }, check = { 0 };

    g_assert_no_error (error);
    g_clear_object (&project);
    verkan_test_run_verkan (&list, NULL, (const char *[]) { "model", "list", empty, NULL });
    g_assert_cmpint (list.status, ==, 0);
    verkan_test_run_verkan (&check, NULL, (const char *[]) { "model", "check", empty, NULL });
    g_assert_cmpint (check.status, ==, 0);
  }
  verkan_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  /* the reference has English labels, whatever the machine speaks */
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model-render/reference-image", test_reference_image);
  g_test_add_func ("/model-render/pdf-and-svg", test_pdf_and_svg);
  g_test_add_func ("/model-render/geometry", test_geometry);
  g_test_add_func ("/model-render/arrows-avoid-cards", test_arrows_avoid_cards);
  g_test_add_func ("/model-render/flags-and-dark", test_flags_and_dark);
  g_test_add_func ("/model-render/empty-model", test_empty_model);
  g_test_add_func ("/model-render/caption", test_caption);
  g_test_add_func ("/model-render/export-errors", test_export_errors);
  g_test_add_func ("/model-render/cli", test_cli);
  return g_test_run ();
}
