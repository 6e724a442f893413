/* bench-model-canvas.c: how fast the logic model canvas opens and pans.
 *
 * Writes a model of 1,000 cards in the six columns and 2,000 links (most
 * to the next column, near the same height, some skipping, some back, a
 * tenth without a rationale) into a temporary project, then prints
 *   (a) the time from making the canvas view and setting the model to
 *       the first frame painted with it (target: under 200 ms),
 *   (b) the work of each frame while the view pans down the model at
 *       1920 × 1080, one step per frame: from the frame clock's update
 *       phase to its after-paint (target: median under 16 ms), and the
 *       time between frames, which the frame clock paces,
 *   (c) the peak memory of the process (VmHWM; target: under 200 MB).
 * Run under Xvfb with a screen of at least 1920 × 1080:
 *   xvfb-run -a -s "-screen 0 1920x1200x24" build/tests/bench/bench-model-canvas
 * Figures, not assertions: the machines are shared and noisy. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "bench-stats.h"

#include "verkan-model-canvas-view.h"
#include "verkan-model-edit.h"

#define N_CARDS 1000
#define N_LINKS 2000
#define PAN_FRAMES 240
#define PAN_STEP 40.0
#define WIDTH 1920
#define HEIGHT 1080

static const char *const titles[] = {
  "Kartläggning enligt Supported Employment",
  "Gemensamma ärendedragningar",
  "Fler går vidare till arbete eller studier",
  "Minskat långvarigt biståndsmottagande",
  "Kommunmedborgarnas självförsörjning ökar",
  "Individuella planer med jobbfokus",
  "Praktikplatser hos lokala arbetsgivare",
};

static const char *const texts[] = {
  "",
  "Varannan vecka",
  "Individuell kartläggning av arbetsförmåga, intressen och hinder vid inskrivning",
  "Färre hushåll med ekonomiskt bistånd i tio månader eller mer under året",
};

static const char *const statuses[] = {
  "achieved", "partly-achieved", "not-achieved", "unclear", "not-assessed",
};

static void
exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Rows straight into the file, in one transaction: setting up, not what
 * is measured */
static gint64
generate (VerkanProject *project)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = verkan_project_get_db (project);
  GRand *rand = g_rand_new_with_seed (1884);
  guint per_column = N_CARDS / VERKAN_MODEL_N_MAIN_COLUMNS;
  gint64 model_id, ids[N_CARDS];
  int columns[N_CARDS], positions[N_CARDS], counts[VERKAN_MODEL_N_MAIN_COLUMNS] = { 0 };
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *insert;
  guint n_links = 0;

  model_id = verkan_model_create (project, "Genererad logikmodell", "1884", "blank", &error);
  if (model_id == 0)
    g_error ("%s", error ? error->message : "no model");

  exec (db, "BEGIN");
  sqlite3_prepare_v2 (db, "INSERT INTO model_element (uuid, model_id, column_kind, position, "
                          "title, text, status) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &insert, NULL);
  for (guint i = 0; i < N_CARDS; i++)
    {
      int column = MIN (i / (per_column + 1), VERKAN_MODEL_N_MAIN_COLUMNS - 1);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, titles[i % G_N_ELEMENTS (titles)]);

      columns[i] = column;
      positions[i] = counts[column]++;
      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, model_id);
      sqlite3_bind_text (insert, 3, verkan_model_column_token (column), -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 4, positions[i]);
      sqlite3_bind_text (insert, 5, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 6, texts[i % G_N_ELEMENTS (texts)], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, statuses[i % G_N_ELEMENTS (statuses)], -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (insert);
      ids[i] = sqlite3_last_insert_rowid (db);
    }
  sqlite3_finalize (insert);

  sqlite3_prepare_v2 (db, "INSERT INTO model_link (uuid, model_id, from_id, to_id, rationale) "
                          "VALUES (?, ?, ?, ?, ?)", -1, &insert, NULL);
  while (n_links < N_LINKS)
    {
      guint from = g_rand_int_range (rand, 0, N_CARDS);
      int step = g_rand_int_range (rand, 0, 20);
      int target_column;
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *uuid = NULL;
      char *pair;
      guint to;

      /* 80 % to the next column, 15 % skipping, 5 % back */
      step = step < 16 ? 1 : step < 19 ? 2 + step % 2 : -1;
      target_column = columns[from] + step;
      if (target_column < 0 || target_column >= VERKAN_MODEL_N_MAIN_COLUMNS)
        continue;
      /* a card near the same height in its column, as a person would link */
      for (guint i = 0; i < N_CARDS; i++)
        if (columns[i] == target_column && ABS (positions[i] - positions[from]) < 12)
          g_array_append_val (candidates, i);
      if (candidates->len == 0)
        continue;
      to = g_array_index (candidates, guint, g_rand_int_range (rand, 0, candidates->len));
      pair = g_strdup_printf ("%u-%u", from, to);
      if (!g_hash_table_add (pairs, pair))
        continue;
      uuid = g_uuid_string_random ();
      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, model_id);
      sqlite3_bind_int64 (insert, 3, ids[from]);
      sqlite3_bind_int64 (insert, 4, ids[to]);
      sqlite3_bind_text (insert, 5, n_links % 10 ? "Om detta sker, följer nästa steg" : "", -1,
                         SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (insert);
      n_links++;
    }
  sqlite3_finalize (insert);
  exec (db, "COMMIT");
  g_rand_free (rand);
  return model_id;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
vm_hwm_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024 : 0;
}

typedef struct {
  gboolean       painted;
  gint64         painted_at;
  gint64         update_start;
  gint64         last_frame_time;
  guint          frames;
  GArray        *work;        /* ms per frame, update to after-paint */
  GArray        *intervals;   /* ms between frame times */
  GtkAdjustment *vadjustment;
  gboolean       panning;
} Bench;

static void
on_update (GdkFrameClock *clock, Bench *bench)
{
  bench->update_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, Bench *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (!bench->painted)
    {
      bench->painted = TRUE;
      bench->painted_at = now;
    }
  if (bench->panning && bench->update_start != 0)
    {
      double work = (now - bench->update_start) / 1000.0;
      g_array_append_val (bench->work, work);
    }
}

/* one step down the model each frame, as a steady pan */
static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Bench *bench = data;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);
  GtkAdjustment *adj = bench->vadjustment;
  double value = gtk_adjustment_get_value (adj) + PAN_STEP;

  if (bench->last_frame_time != 0)
    {
      double interval = (frame_time - bench->last_frame_time) / 1000.0;
      g_array_append_val (bench->intervals, interval);
    }
  bench->last_frame_time = frame_time;
  if (value > gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj))
    value = 0;
  gtk_adjustment_set_value (adj, value);
  if (++bench->frames >= PAN_FRAMES)
    {
      bench->panning = FALSE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
draw_plain (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Bench *bench = data;

  cairo_set_source_rgb (cr, 0.9, 0.9 + (bench->frames % 10) / 100.0, 0.9);
  cairo_paint (cr);
}

static gboolean
on_plain_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Bench *bench = data;

  gtk_widget_queue_draw (widget);
  if (++bench->frames >= PAN_FRAMES)
    {
      bench->panning = FALSE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static double
p95 (GArray *samples)
{
  if (samples->len == 0)
    return 0;
  g_array_sort (samples, bench_compare_doubles);
  return g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VerkanProject) project = NULL;
  Bench bench = { 0 };
  GtkWidget *window, *placeholder, *view;
  VerkanModelCanvas *canvas;
  GdkFrameClock *clock;
  VerkanModelGeometry *geometry;
  gint64 model_id, start, set_model_done;
  double open_ms, hwm_before, hwm_canvas, hwm_open, floor_median, floor_p95, pan_median, pan_p95;
  guint pan_frames, n_cards, n_arrows;
  double model_width, model_height;
  const char *renderer;

  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run -s \"-screen 0 1920x1200x24\"\n");
      return 1;
    }
  adw_init ();

  dir = g_dir_make_tmp ("verkan-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "canvas.verkan", NULL);
  project = verkan_project_create (path, "Bänk", &error);
  if (project == NULL)
    g_error ("%s", error->message);
  model_id = generate (project);
  hwm_before = vm_hwm_mb ();

  /* a window already on screen, so that (a) is the canvas alone */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  placeholder = gtk_label_new ("…");
  gtk_window_set_child (GTK_WINDOW (window), placeholder);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  iterate ();
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "update", G_CALLBACK (on_update), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);

  /* (a) opening */
  bench.painted = FALSE;
  start = g_get_monotonic_time ();
  view = verkan_model_canvas_view_new ();
  canvas = verkan_model_canvas_view_get_canvas (VERKAN_MODEL_CANVAS_VIEW (view));
  verkan_model_canvas_set_model (canvas, project, model_id);
  set_model_done = g_get_monotonic_time ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  while (!bench.painted)
    g_main_context_iteration (NULL, TRUE);
  open_ms = (bench.painted_at - start) / 1000.0;
  hwm_open = vm_hwm_mb ();
  geometry = verkan_model_canvas_get_geometry (canvas);

  /* (b) panning */
  bench.work = g_array_new (FALSE, FALSE, sizeof (double));
  bench.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  bench.vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
  bench.panning = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (canvas), on_tick, &bench, NULL);
  while (bench.panning)
    g_main_context_iteration (NULL, TRUE);

  hwm_canvas = vm_hwm_mb ();
  n_cards = geometry->cards->len;
  n_arrows = geometry->arrows->len;
  model_width = geometry->width;
  model_height = geometry->height;
  renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  pan_frames = bench.work->len;
  pan_median = bench_median (bench.work);
  pan_p95 = p95 (bench.work);

  /* the floor: what a frame of a window this size costs on this display
   * when one plain widget repaints it all */
  {
    GtkWidget *area = gtk_drawing_area_new ();

    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_plain, &bench, NULL);
    gtk_window_set_child (GTK_WINDOW (window), area);
    iterate ();
    g_array_set_size (bench.work, 0);
    bench.frames = 0;
    bench.panning = TRUE;
    gtk_widget_add_tick_callback (area, on_plain_tick, &bench, NULL);
    while (bench.panning)
      g_main_context_iteration (NULL, TRUE);
    floor_median = bench_median (bench.work);
    floor_p95 = p95 (bench.work);
  }

  g_print ("model: %u cards, %u links; natural size %.0f × %.0f px; window %d × %d, renderer %s\n",
           n_cards, n_arrows, model_width, model_height, WIDTH, HEIGHT, renderer);
  g_print ("(a) opening: canvas view + set_model to first frame painted: %.1f ms "
           "(set_model alone %.1f ms; target < 200 ms)\n",
           open_ms, (set_model_done - start) / 1000.0);
  g_print ("(b) panning, %u frames of %.0f px: frame work median %.1f ms, p95 %.1f ms "
           "(target median < 16 ms); time between frames median %.1f ms, p95 %.1f ms\n",
           pan_frames, PAN_STEP, pan_median, pan_p95,
           bench_median (bench.intervals), p95 (bench.intervals));
  g_print ("    floor of this display: a plain widget repainting the window: median %.1f ms, "
           "p95 %.1f ms\n", floor_median, floor_p95);
  g_print ("(c) peak memory (VmHWM): %.1f MB, %.1f MB before the canvas, %.1f MB once open "
           "(target < 200 MB)\n", hwm_canvas, hwm_before, hwm_open);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_array_unref (bench.work);
  g_array_unref (bench.intervals);
  verkan_project_close (project);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
