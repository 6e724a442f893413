/* stub: to be written */
#include "config.h"
#include "verkan-cli.h"

int
verkan_cli_export (int argc, char **argv)
{
  return 1;
}
