/* gate.c: `shmfault gate` (not yet implemented). */
#include "cli.h"

int sf_cmd_gate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sf_error("gate: not implemented yet");
	return 2;
}
