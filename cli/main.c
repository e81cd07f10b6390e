/* main.c: build/shmfault, the command line front end. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "report_doc.h"

static const char usage[] =
	"usage: shmfault run [-e RULE]... [-p NAME] [--limit LIMITS] [--log FILE] [--seed N]\n"
	"                    [--host-ipc] [--timeout SEC] [-q] -- CMD [ARG]...\n"
	"       shmfault sweep [-p NAME] [-j N] [--timeout SEC] [--errnos LIST|documented]\n"
	"                      [--calls LIST] [--max-nth N] [--shard K/N] [--strict]\n"
	"                      [--format tap|json|html] [-o FILE] -- CMD [ARG]...\n"
	"       shmfault gate -p NAME[,NAME...]|all [-j N] [--timeout SEC] [--format tap|json|html]\n"
	"                     [-o FILE] -- CMD [ARG]...\n"
	"       shmfault report FILE.json... [-o FILE]   (one HTML page of a sweep's shards, or of gates)\n"
	"       shmfault list [--personality NAME]\n"
	"       shmfault case FILE...   (declarative scenarios, cases/*.t; docs/cases.md)\n"
	"       shmfault --help | --version\n"
	"\n"
	"Inject documented System V shared memory failures (shmget, shmat, shmdt,\n"
	"shmctl, ftok) into any dynamically linked program, in private IPC and PID\n"
	"namespaces (with a private /dev/shm), and report the faults injected and\n"
	"the segments and POSIX shm objects leaked.\n"
	"sweep: one run per (call, occurrence, documented errno) of a baseline run,\n"
	"each classified (recovered, failed-cleanly, silent-failure, crashed, hung,\n"
	"leaked, not-reached), in TAP 13. gate: CMD once under each personality.\n"
	"\n"
	"RULE: CALLS:error=ERRNO[:when=EXPR][:prob=P][:key=KEY][:cmd=CMD][:scope=process]\n"
	"  CALLS   shmget,shmat,shmdt,shmctl,ftok (comma-separated) or all\n"
	"  ERRNO   EACCES, 13, or any (a documented errno of the call)\n"
	"  when=   N | N+ | N+S | N..M | N..M+S, counting the calls the rule matches\n"
	"  prob=   P in (0,1], seeded and replayable\n"
	"  key=    segment key (decimal, 0x hex, IPC_PRIVATE)\n"
	"  cmd=    shmctl command (IPC_STAT, IPC_RMID, SHM_LOCK, ...)\n"
	"  scope=process  count in each process from zero (default: the whole tree)\n"
	"\n"
	"Each subcommand's options: shmfault SUBCOMMAND --help. See shmfault(1).\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("shmfault %s\n", SHMFAULT_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return sf_cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "list"))
		return sf_cmd_list(argc - 1, argv + 1);
	if (!strcmp(cmd, "sweep"))
		return sf_cmd_sweep(argc - 1, argv + 1);
	if (!strcmp(cmd, "gate"))
		return sf_cmd_gate(argc - 1, argv + 1);
	if (!strcmp(cmd, "report"))
		return sf_cmd_report(argc - 1, argv + 1);
	if (!strcmp(cmd, "case"))
		return sf_cmd_case(argc - 1, argv + 1);
	sf_error("unknown command '%s' (run, list, sweep, gate, case, report; see shmfault --help)", cmd);
	return 2;
}
