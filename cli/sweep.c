/* sweep.c: `shmfault sweep` (not yet implemented). */
#include "cli.h"

int sf_cmd_sweep(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sf_error("sweep: not implemented yet");
	return 2;
}
