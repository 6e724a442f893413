/* verkan-test-util.h: what several tests need: reading the project file
 * past Verkan's own code, and running the verkan binary as a person would */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One text value straight from the file with SQLite; NULL for SQL NULL */
char *verkan_test_sql_text (const char *path,
                            const char *sql);

/* Removes a test's temporary folder and all in it, read-only parts too,
 * and asserts that nothing is left */
void  verkan_test_remove_tree (const char *path);

typedef struct {
  int   status;  /* the exit code, or -1 when it did not exit */
  char *out;
  char *err;
} VerkanTestRun;

void  verkan_test_run_clear (VerkanTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VerkanTestRun, verkan_test_run_clear)

/* Runs $VERKAN_BIN with @args, without a display, in the locale @lang
 * (NULL: C.UTF-8), with the build's translations */
void  verkan_test_run_verkan (VerkanTestRun      *run,
                              const char         *lang,
                              const char *const  *args);

/* The share of pixels of the PNG @actual that differ from the PNG
 * @reference by more than @threshold in a colour channel; asserts that both
 * can be read and have the same size.  With VERKAN_UPDATE_REFERENCE set in
 * the environment it first copies @actual over @reference: look at the new
 * reference before committing it. */
double verkan_test_png_difference (const char *reference,
                                   const char *actual,
                                   int         threshold);

G_END_DECLS
