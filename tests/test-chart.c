/* stub: to be written */
#include <glib.h>

static void
test_nothing_yet (void)
{
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stub/nothing-yet", test_nothing_yet);
  return g_test_run ();
}
