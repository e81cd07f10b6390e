/* launch.c: see launch.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "launch.h"
#include "oneline.h"
#include "personalities.h"
#include "rules.h"
#include "target.h"

#ifndef SHMFAULT_LIBDIR
#define SHMFAULT_LIBDIR "/usr/local/lib/shmfault"
#endif

extern char **environ;

const char *sf_library_path(void)
{
	static char path[PATH_MAX + 32];
	char exe[PATH_MAX];
	const char *over = sf_env("SHMFAULT_LIBRARY");
	if (over)
		return over;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(path, sizeof path, "%s/libshmfault.so", exe);
			if (access(path, R_OK) == 0)
				return path;
			snprintf(path, sizeof path, "%s/../lib/shmfault/libshmfault.so", exe);
			if (access(path, R_OK) == 0)
				return path;
		}
	}
	snprintf(path, sizeof path, "%s/libshmfault.so", SHMFAULT_LIBDIR);
	return path;
}

/* The audit module (LD_AUDIT) lives next to the interposer, in the build
 * tree as once installed: it binds RTLD_DEEPBIND modules' shm calls to it. */
const char *sf_audit_path(void)
{
	static char path[PATH_MAX + 32];
	const char *lib = sf_library_path(), *slash = strrchr(lib, '/');
	int dir = slash ? (int)(slash - lib) + 1 : 0;
	snprintf(path, sizeof path, "%.*slibshmfault-audit.so", dir, lib);
	return path;
}

int sf_launch_validate(const struct sf_launch *l, char *err, size_t errlen)
{
	struct sf_ruleset set;
	struct sf_limits lim;
	const char *lib = sf_library_path();
	if (access(lib, R_OK) < 0) {
		snprintf(err, errlen, "cannot find the interposer at %s (set SHMFAULT_LIBRARY)", lib);
		return -1;
	}
	if (strpbrk(lib, " :\t")) {
		snprintf(err, errlen, "the interposer's path '%s' holds a space or ':', which LD_PRELOAD cannot express", lib);
		return -1;
	}
	if (access(sf_audit_path(), R_OK) < 0) {
		snprintf(err, errlen, "cannot find the audit module at %s (it must be next to the interposer)",
			 sf_audit_path());
		return -1;
	}
	if (l->rules && sf_rules_parse(l->rules, &set, err, errlen) < 0)
		return -1;
	if (l->personality && !sf_personality_find(l->personality)) {
		char raw[512];
		snprintf(raw, sizeof raw, "unknown personality '%.64s' (known: %s)", l->personality, sf_personality_names());
		sf_one_line(err, errlen, raw); /* a newline in the name stays escaped */
		return -1;
	}
	if (l->limits && sf_limits_parse(l->limits, &lim, err, errlen) < 0)
		return -1;
	return 0;
}

int sf_launch_state(struct sf_launch *l, char *dir, size_t dirlen, char *err, size_t errlen)
{
	static char state[PATH_MAX];
	const char *tmp = sf_env("TMPDIR");
	if (!tmp)
		tmp = "/tmp";
	snprintf(dir, dirlen, "%s/shmfault.XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		snprintf(err, errlen, "cannot create a private directory in %s: %s", tmp, strerror(errno));
		return -1;
	}
	snprintf(state, sizeof state, "%s/state", dir);
	if (sf_state_create(state, l->seed) < 0) {
		snprintf(err, errlen, "cannot create %s: %s", state, strerror(errno));
		rmdir(dir);
		return -1;
	}
	l->state_path = state;
	return 0;
}

void sf_launch_cleanup(const char *dir)
{
	char p[PATH_MAX + 16];
	snprintf(p, sizeof p, "%s/state", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/log.spool", dir);
	unlink(p);
	rmdir(dir);
}

static char *fmt(const char *name, const char *value)
{
	size_t n = strlen(name) + strlen(value) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s=%s", name, value);
	return s;
}

static int ours(const char *e)
{
	static const char *const names[] = {"SHMFAULT=", "SHMFAULT_SEED=", "SHMFAULT_LOG=", "SHMFAULT_PERSONALITY=",
					    "SHMFAULT_LIMITS=", "SHMFAULT_STATE=", "SHMFAULT_LOG_SPOOL=", "LD_PRELOAD=",
					    "LD_AUDIT="};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(e, names[i], strlen(names[i])) == 0)
			return 1;
	return 0;
}

char **sf_launch_env(const struct sf_launch *l)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 10, sizeof *env);
	char seed[32];
	const char *pre = getenv("LD_PRELOAD"), *aud = getenv("LD_AUDIT");
	if (!env)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!ours(environ[i]))
			env[k++] = strdup(environ[i]);
	if (pre && *pre) {
		size_t m = strlen(sf_library_path()) + strlen(pre) + 2;
		char *both = malloc(m);
		snprintf(both, m, "%s %s", sf_library_path(), pre);
		env[k++] = fmt("LD_PRELOAD", both);
		free(both);
	} else
		env[k++] = fmt("LD_PRELOAD", sf_library_path());
	if (aud && *aud) { /* ours first; the user's own auditors stay, after it */
		size_t m = strlen(sf_audit_path()) + strlen(aud) + 2;
		char *both = malloc(m);
		if (both)
			snprintf(both, m, "%s:%s", sf_audit_path(), aud);
		env[k++] = fmt("LD_AUDIT", both ? both : sf_audit_path());
		free(both);
	} else
		env[k++] = fmt("LD_AUDIT", sf_audit_path());
	snprintf(seed, sizeof seed, "%llu", (unsigned long long)l->seed);
	env[k++] = fmt("SHMFAULT_SEED", seed);
	if (l->state_path)
		env[k++] = fmt("SHMFAULT_STATE", l->state_path);
	if (l->rules)
		env[k++] = fmt("SHMFAULT", l->rules);
	if (l->personality)
		env[k++] = fmt("SHMFAULT_PERSONALITY", l->personality);
	if (l->limits)
		env[k++] = fmt("SHMFAULT_LIMITS", l->limits);
	if (l->log)
		env[k++] = fmt("SHMFAULT_LOG", l->log);
	if (l->log && l->log_spool)
		env[k++] = fmt("SHMFAULT_LOG_SPOOL", l->log_spool);
	env[k] = NULL;
	return env;
}

void sf_env_free(char **env)
{
	for (char **e = env; e && *e; e++)
		free(*e);
	free(env);
}

int sf_launch_check_target(const char *cmd, char *err, size_t errlen)
{
	char path[PATH_MAX], why[256];
	if (sf_target_resolve(cmd, path, sizeof path) < 0) {
		snprintf(err, errlen, "cannot run '%s': %s", cmd, strerror(errno));
		return -1;
	}
	int r = sf_target_dynamic(path, why, sizeof why);
	/* a static program: the kernel backend reaches it (issue 13) */
	if (r == 0 && sf_sandbox_backend != SF_BACKEND_PRELOAD)
		return 0;
	if (r == 0) {
		snprintf(err, errlen, "refusing to run '%s': %s", path, why);
		return -1;
	}
	if (r < 0) {
		snprintf(err, errlen, "cannot run '%s': %s", path, why);
		return -1;
	}
	return 0;
}

uint64_t sf_random_seed(void)
{
	uint64_t s;
	if (getrandom(&s, sizeof s, 0) != (ssize_t)sizeof s)
		s = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	return s;
}
