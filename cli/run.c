/* run.c: `shmfault run`: one command under the interposer, in private
 * namespaces; a summary of faults and leaks on stderr; CMD's exit status. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify.h"
#include "cli.h"
#include "diag.h"
#include "launch.h"
#include "logfile.h"
#include "spool.h"
#include "rules.h"
#include "summary.h"
#include "options.h"
#include "outcome.h"
#include "report.h"
#include "unfired.h"

static int join(char *buf, size_t len, const char *add)
{
	size_t n = strlen(buf);
	int k = snprintf(buf + n, len - n, "%s%s", n ? ";" : "", add);
	return k < 0 || (size_t)k >= len - n ? -1 : 0;
}

enum { O_ERROR = 'e', O_PERS = 'p', O_LIMIT = 'L', O_LOG = 'l', O_SEED = 's', O_HOST_IPC = 'H', O_QUIET = 'q',
       O_REQUIRE_FIRE = 'R' };
static const struct sf_opt run_opts[] = {
	{O_ERROR, "error", 'e', "RULE", "add a rule (repeatable; added to those of SHMFAULT)"},
	{O_PERS, "personality", 'p', "NAME", "simulate another platform's shared memory rules"},
	{O_LIMIT, "limit", 0, "LIMITS", "override the personality's limits: shmseg=N,shmmax=SIZE,shmmni=N,shmall=PAGES"},
	{O_LOG, "log", 0, "FILE", "append one JSON object per call (JSON Lines)"},
	{O_SEED, "seed", 0, "N", "seed for error=any, prob= and libfiu"},
	{O_HOST_IPC, "host-ipc", 0, NULL, "run in the host's IPC namespace on purpose"},
	{SF_OPT_TIMEOUT, "timeout", 0, "SEC", "kill every process of the run after SEC seconds"},
	{SF_OPT_BACKEND, "backend", 0, "seccomp|preload|auto", "who decides the shm calls (default auto; env SHMFAULT_BACKEND): docs/backends.md"},
	{O_QUIET, "quiet", 'q', NULL, "no summary"},
	{O_REQUIRE_FIRE, "require-fire", 0, NULL,
	 "exit 122 when a rule or an enabled libfiu point never fired (for CI)"},
	{SF_OPT_HELP, "help", 'h', NULL, "this help"},
	{0, NULL, 0, NULL, NULL},
};
static const struct sf_cmd_spec run_spec = {"run", "[options] -- CMD [ARGS...]", "", run_opts, 0};

/* What the options of run set. */
struct run_args {
	char rules[8192];
	char logpath[PATH_MAX];
	struct sf_launch l;
	int quiet, have_seed, host_ipc, require_fire;
};

static int run_opt(void *ctx, int id, char *arg)
{
	struct run_args *a = ctx;
	switch (id) {
	case O_ERROR:
		if (join(a->rules, sizeof a->rules, arg) < 0) {
			sf_error("too many rules");
			return -1;
		}
		return 0;
	case O_PERS: a->l.personality = arg; return 0;
	case O_LIMIT: a->l.limits = arg; return 0;
	case O_LOG:
		if (arg[0] != '/' && getcwd(a->logpath, sizeof a->logpath)) {
			size_t n = strlen(a->logpath);
			snprintf(a->logpath + n, sizeof a->logpath - n, "/%s", arg);
		} else
			snprintf(a->logpath, sizeof a->logpath, "%s", arg);
		a->l.log = a->logpath;
		return 0;
	case O_SEED:
		if (sf_seed_parse(arg, &a->l.seed) < 0) {
			sf_error("bad seed '%s': expected a number (decimal or 0x hex)", arg);
			return -1;
		}
		a->have_seed = 1;
		return 0;
	case O_HOST_IPC: a->host_ipc = 1; return 0;
	case O_REQUIRE_FIRE: a->require_fire = 1; return 0;
	default: a->quiet = 1; return 0;
	}
}

/* Options, checks and the seed: 0, or -1 with *status (help: 0). */
static int run_setup(struct run_args *a, int argc, char **argv, double *timeout, int *status)
{
	struct sf_common_opts co = {0};
	char err[512];
	if (sf_env("SHMFAULT"))
		join(a->rules, sizeof a->rules, sf_env("SHMFAULT"));
	a->l.personality = sf_env("SHMFAULT_PERSONALITY");
	a->l.limits = sf_env("SHMFAULT_LIMITS");
	int rc = sf_opts_parse(&run_spec, argc, argv, &co, run_opt, a);
	*status = rc == SF_OPTS_HELP ? 0 : 2;
	if (rc != SF_OPTS_GO)
		return -1;
	*timeout = co.timeout;
	if (optind >= argc) {
		sf_error("run: no command given (shmfault run [OPTIONS] -- CMD [ARG]...)");
		return -1;
	}
	a->l.rules = a->rules[0] ? a->rules : NULL;
	if (sf_launch_validate(&a->l, err, sizeof err) < 0 || sf_launch_check_target(argv[optind], err, sizeof err) < 0) {
		sf_error("%s", err);
		return -1;
	}
	if (a->have_seed)
		return 0;
	/* SHMFAULT_SEED from the environment replays a run as --seed does. */
	const char *es = sf_env("SHMFAULT_SEED");
	if (!es)
		a->l.seed = sf_random_seed();
	else if (sf_seed_parse(es, &a->l.seed) < 0) {
		sf_error("bad SHMFAULT_SEED '%s': expected a number (decimal or 0x hex)", es);
		return -1;
	}
	return 0;
}

/* The summary on stderr: faults, leaks, segments a fault kept, the seed. */
static void run_summary(const struct run_args *a, const struct sf_state *st, struct sf_sandbox_result *res)
{
	char err[512];
	struct sf_ruleset set;
	struct sf_segment kept[SF_MAX_LEAKS];
	sf_rules_parse(a->rules, &set, err, sizeof err);
	int nkept = sf_discount_kept(res, st, kept, SF_MAX_LEAKS);
	sf_summary_print(stderr, st, &set, res);
	for (int i = 0; i < nkept && i < SF_MAX_LEAKS; i++) {
		char d[160];
		sf_segment_describe(&kept[i], d, sizeof d);
		fprintf(stderr, "shmfault: kept segment %s: the injected IPC_RMID failure kept it, not a leak (removed)\n", d);
	}
	if (st && (strstr(a->rules, "any") || strstr(a->rules, "prob=")))
		fprintf(stderr, "shmfault: seed %llu (replay with --seed)\n", (unsigned long long)a->l.seed);
}

/* Rules and libfiu points that never fired, after the summary (unfired.h).
 * Returns the run's exit status: under --require-fire, SF_EXIT_UNFIRED
 * when there was one (the command's own status is said), else status. */
static int run_unfired(const struct run_args *a, const struct sf_state *st, int status)
{
	char err[512];
	struct sf_ruleset set;
	if (!st || sf_rules_parse(a->rules, &set, err, sizeof err) < 0)
		return status;
	FILE *out = a->quiet && !a->require_fire ? NULL : stderr;
	int n = out ? sf_unfired_print(out, "shmfault: ", st, &set, sf_env("FIU_ENABLE")) : 0;
	if (!n || !a->require_fire)
		return status;
	fprintf(stderr, "shmfault: exit %d (--require-fire): %d fault%s never fired; the command's status was %d\n",
		SF_EXIT_UNFIRED, n, n == 1 ? "" : "s", status);
	return SF_EXIT_UNFIRED;
}

/* The log: opened (or refused) before the run; the records come through a
 * spool (spool.h), appended to it when the run is over. fd, -1 (no log),
 * or -2 (refused, said). */
static int log_open(struct run_args *a, const char *dir, char *spool, size_t len)
{
	char err[512];
	struct stat ls;
	if (!a->l.log)
		return -1;
	int fd = sf_logfile_open(a->l.log, &ls, err, sizeof err);
	if (fd < 0) {
		sf_error("%s", err);
		return -2;
	}
	if (sf_spool_create(dir, spool, len) == 0)
		a->l.log_spool = spool;
	return fd;
}

static void log_close(const struct run_args *a, const struct sf_state *st, int log_fd)
{
	if (log_fd < 0)
		return;
	uint64_t lost = a->l.log_spool ? sf_spool_flush(a->l.log_spool, st, log_fd) : 0;
	if (lost)
		sf_error("%llu log records lost (the log's spool or its disk was full, or a process died writing one)",
			 (unsigned long long)lost);
	close(log_fd);
}

int sf_cmd_run(int argc, char **argv)
{
	static struct run_args a;
	char err[512], dir[PATH_MAX], spool[PATH_MAX + 16];
	struct sf_sandbox_opts so = {.stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1};
	int status;
	memset(&a, 0, sizeof a);
	if (run_setup(&a, argc, argv, &so.timeout, &status) < 0)
		return status;
	so.host_ipc = a.host_ipc;
	if (sf_launch_state(&a.l, dir, sizeof dir, err, sizeof err) < 0) {
		sf_error("%s", err);
		return 2;
	}
	int log_fd = log_open(&a, dir, spool, sizeof spool);
	if (log_fd == -2) {
		sf_launch_cleanup(dir);
		return 125;
	}
	char **env = sf_launch_env(&a.l);
	so.argv = argv + optind;
	so.envp = env;
	so.state_path = a.l.state_path;
	if (!so.host_ipc && sf_sandbox_probe() == SF_NS_HOST)
		sf_error("cannot create a private IPC namespace (not root, and user namespaces are not allowed): "
			 "running in the host namespace; only the segments this run creates will be removed, "
			 "and files new in /dev/shm are listed, not removed");
	struct sf_sandbox_result res;
	int rc = sf_sandbox_run(&so, &res);
	struct sf_state *st = sf_state_map(a.l.state_path, err, sizeof err);
	log_close(&a, st, log_fd);
	status = rc < 0 ? 125 : sf_sandbox_exit_code(&res);
	if (rc < 0 || !res.started)
		sf_error("%s", res.err);
	else if (!a.quiet)
		run_summary(&a, st, &res);
	if (rc >= 0 && res.started)
		status = run_unfired(&a, st, status);
	if (st)
		munmap(st, sizeof *st);
	sf_launch_cleanup(dir);
	sf_env_free(env);
	return status;
}
