/* run.c: `shmfault run`: one command under the interposer, in private
 * namespaces; a summary of faults and leaks on stderr; CMD's exit status. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

static int join(char *buf, size_t len, const char *add)
{
	size_t n = strlen(buf);
	int k = snprintf(buf + n, len - n, "%s%s", n ? ";" : "", add);
	return k < 0 || (size_t)k >= len - n ? -1 : 0;
}

int sf_cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"error", required_argument, 0, 'e'}, {"personality", required_argument, 0, 'p'},
		{"limit", required_argument, 0, 'L'}, {"log", required_argument, 0, 'l'},
		{"seed", required_argument, 0, 's'},  {"host-ipc", no_argument, 0, 'H'},
		{"timeout", required_argument, 0, 't'}, {"quiet", no_argument, 0, 'q'},
		{"help", no_argument, 0, 'h'},       {0, 0, 0, 0},
	};
	static char rules[8192];
	char err[512], logpath[PATH_MAX], dir[PATH_MAX];
	struct sf_launch l = {0};
	struct sf_sandbox_opts so = {.stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1};
	int quiet = 0, have_seed = 0, c;
	const char *env_rules = getenv("SHMFAULT");

	rules[0] = 0;
	if (env_rules && *env_rules)
		join(rules, sizeof rules, env_rules);
	l.personality = getenv("SHMFAULT_PERSONALITY");
	l.limits = getenv("SHMFAULT_LIMITS");
	if (l.personality && !*l.personality)
		l.personality = NULL;
	if (l.limits && !*l.limits)
		l.limits = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+e:p:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
			if (join(rules, sizeof rules, optarg) < 0) {
				sf_error("too many rules");
				return 2;
			}
			break;
		case 'p': l.personality = optarg; break;
		case 'L': l.limits = optarg; break;
		case 'l':
			if (optarg[0] != '/' && getcwd(logpath, sizeof logpath)) {
				size_t n = strlen(logpath);
				snprintf(logpath + n, sizeof logpath - n, "/%s", optarg);
			} else
				snprintf(logpath, sizeof logpath, "%s", optarg);
			l.log = logpath;
			break;
		case 's':
			if (sf_seed_parse(optarg, &l.seed) < 0) {
				sf_error("bad seed '%s': expected a number (decimal or 0x hex)", optarg);
				return 2;
			}
			have_seed = 1;
			break;
		case 'H': so.host_ipc = 1; break;
		case 't':
			if (sf_parse_timeout(optarg, &so.timeout) < 0) {
				sf_error("bad timeout '%s': expected seconds > 0", optarg);
				return 2;
			}
			break;
		case 'q': quiet = 1; break;
		case 'h': execlp("man", "man", "shmfault", (char *)NULL); return 0;
		default: return 2;
		}
	}
	if (optind >= argc) {
		sf_error("run: no command given (shmfault run [OPTIONS] -- CMD [ARG]...)");
		return 2;
	}
	l.rules = rules[0] ? rules : NULL;
	if (sf_launch_validate(&l, err, sizeof err) < 0) {
		sf_error("%s", err);
		return 2;
	}
	if (sf_launch_check_target(argv[optind], err, sizeof err) < 0) {
		sf_error("%s", err);
		return 2;
	}
	if (!have_seed) {
		/* SHMFAULT_SEED from the environment replays a run as --seed does. */
		const char *es = getenv("SHMFAULT_SEED");
		if (es && *es) {
			if (sf_seed_parse(es, &l.seed) < 0) {
				sf_error("bad SHMFAULT_SEED '%s': expected a number (decimal or 0x hex)", es);
				return 2;
			}
		} else
			l.seed = sf_random_seed();
	}
	if (sf_launch_state(&l, dir, sizeof dir, err, sizeof err) < 0) {
		sf_error("%s", err);
		return 2;
	}
	/* The log: opened (or refused) here; the records come through a spool
	 * (spool.h), appended to it when the run is over. */
	int log_fd = -1;
	char spool[PATH_MAX + 16];
	if (l.log) {
		struct stat ls;
		if ((log_fd = sf_logfile_open(l.log, &ls, err, sizeof err)) < 0) {
			sf_error("%s", err);
			sf_launch_cleanup(dir);
			return 125;
		}
		if (sf_spool_create(dir, spool, sizeof spool) == 0)
			l.log_spool = spool;
	}
	char **env = sf_launch_env(&l);
	so.argv = argv + optind;
	so.envp = env;
	so.state_path = l.state_path;
	if (!so.host_ipc && sf_sandbox_probe() == SF_NS_HOST)
		sf_error("cannot create a private IPC namespace (not root, and user namespaces are not allowed): "
			 "running in the host namespace; only the segments this run creates will be removed");

	struct sf_sandbox_result res;
	int rc = sf_sandbox_run(&so, &res);
	struct sf_ruleset set;
	sf_rules_parse(rules, &set, err, sizeof err);
	struct sf_state *st = sf_state_map(l.state_path, err, sizeof err);
	if (log_fd >= 0) {
		uint64_t lost = l.log_spool ? sf_spool_flush(l.log_spool, st, log_fd) : 0;
		if (lost)
			sf_error("%llu log records lost (the log's spool or its disk was full, or a process died writing one)",
				 (unsigned long long)lost);
		close(log_fd);
	}
	if (rc < 0 || !res.started) {
		sf_error("%s", res.err);
	} else if (!quiet) {
		struct sf_segment kept[SF_MAX_LEAKS];
		int nkept = sf_discount_kept(&res, st, kept, SF_MAX_LEAKS);
		sf_summary_print(stderr, st, &set, &res);
		for (int i = 0; i < nkept && i < SF_MAX_LEAKS; i++) {
			char d[160];
			sf_segment_describe(&kept[i], d, sizeof d);
			fprintf(stderr, "shmfault: kept segment %s: the injected IPC_RMID failure kept it, not a leak (removed)\n", d);
		}
		if (st && (strstr(rules, "any") || strstr(rules, "prob=")))
			fprintf(stderr, "shmfault: seed %llu (replay with --seed)\n", (unsigned long long)l.seed);
	}
	if (st)
		munmap(st, sizeof *st);
	sf_launch_cleanup(dir);
	sf_env_free(env);
	return rc < 0 ? 125 : sf_sandbox_exit_code(&res);
}
