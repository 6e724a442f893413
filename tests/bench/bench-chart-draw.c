/* stub: to be written */
#include <glib.h>
int
main (void)
{
  return 0;
}
