/* verkan-cli-kolada.c: stub, to be written */
#include "config.h"
#include "verkan-cli.h"

int
verkan_cli_kolada (int argc, char **argv)
{
  return VERKAN_CLI_USAGE;
}
