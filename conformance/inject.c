/*
 * inject.c: the errnos a kernel cannot produce on demand (shmat and shmctl
 * EIDRM, shmget ENOMEM and ENFILE, shmctl EOVERFLOW, shmat ENOMEM), through
 * the interposer: each case runs in a child started with
 * LD_PRELOAD=libshmfault.so and SHMFAULT=<rule>, and checks that the
 * application sees the failure return ((void *)-1 or -1) with that errno,
 * and that nothing happened behind its back.
 *
 *   inject                       the tests
 *   inject --case NAME FD        (internal) one case under the interposer;
 *                                writes "1 got" or "0 got" on FD
 *
 * The library: $SHMFAULT_LIB, else CONF_LIBSHMFAULT (build/libshmfault.so).
 */
#include "conf.h"

#ifndef CONF_LIBSHMFAULT
#define CONF_LIBSHMFAULT "build/libshmfault.so"
#endif

struct icase {
	const char *name, *call, *check, *rule_env, *errname, *cond, *rule;
};

/* COVER(shmat | removed identifier (destruction race) | EIDRM | inject | eidrm_race | -) */
/* COVER(shmctl | IPC_STAT on a removed identifier (destruction race) | EIDRM | inject | - | -) */
/* COVER(shmget | no memory for the segment's descriptor | ENOMEM | inject | - | -) */
/* COVER(shmget | system file table full | ENFILE | inject | - | -) */
/* COVER(shmctl | IPC_STAT: uid or gid does not fit the structure | EOVERFLOW | inject | - | -) */
/* COVER(shmat | no memory for the mapping | ENOMEM | inject | - | -) */
/* COVER(shmat | second call fails (when=2), the first is untouched | EIDRM | inject | eidrm_race | -) */
/* COVER(shmdt | injected failure leaves the segment attached | EINVAL | inject | - | -) */
/* COVER(ftok | injected path error | EACCES | inject | - | -) */
static const struct icase cases[] = {
	{ "shmat-eidrm", "shmat", "eidrm_race", "shmat:error=EIDRM:when=1", "EIDRM",
	  "shmat on a segment being destroyed: (void *)-1, EIDRM, nothing attached", "shmop(2) EIDRM" },
	{ "shmctl-eidrm", "shmctl", "-", "shmctl:error=EIDRM:cmd=IPC_STAT", "EIDRM",
	  "IPC_STAT on a segment being destroyed: -1, EIDRM", "shmctl(2) EIDRM" },
	{ "shmget-enomem", "shmget", "-", "shmget:error=ENOMEM", "ENOMEM",
	  "shmget without memory for the descriptor: -1, ENOMEM, no segment created", "shmget(2) ENOMEM; POSIX shmget" },
	{ "shmget-enfile", "shmget", "-", "shmget:error=ENFILE", "ENFILE",
	  "shmget with the system file table full: -1, ENFILE, no segment created", "shmget(2) ENFILE" },
	{ "shmctl-eoverflow", "shmctl", "-", "shmctl:error=EOVERFLOW:cmd=IPC_STAT", "EOVERFLOW",
	  "IPC_STAT whose uid/gid do not fit: -1, EOVERFLOW", "shmctl(2) EOVERFLOW; POSIX shmctl" },
	{ "shmat-enomem", "shmat", "-", "shmat:error=ENOMEM", "ENOMEM",
	  "shmat without memory for the mapping: (void *)-1, ENOMEM, nothing attached", "shmop(2) ENOMEM; POSIX shmat" },
	{ "shmat-when2", "shmat", "eidrm_race", "shmat:error=EIDRM:when=2", "EIDRM",
	  "second shmat fails with EIDRM, the first one is untouched (when=2)", "shmop(2) EIDRM" },
	{ "shmdt-einval", "shmdt", "-", "shmdt:error=EINVAL", "EINVAL",
	  "an injected shmdt failure: -1, EINVAL, the segment stays attached", "shmop(2) EINVAL; POSIX shmdt" },
	{ "ftok-eacces", "ftok", "-", "ftok:error=EACCES", "EACCES",
	  "an injected ftok failure: (key_t)-1, EACCES", "ftok(3) as stat(2) EACCES" },
};

static unsigned long nattch_of(int id)
{
	struct shmid_ds ds;
	/* IPC_STAT may itself be the injected call: use SHM_STAT-free path */
	if (shmctl(id, IPC_STAT, &ds) == -1)
		return 9999;
	return (unsigned long)ds.shm_nattch;
}

static int count_segments(void)
{
	FILE *f = fopen("/proc/sysvipc/shm", "r");
	char line[512];
	int n = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		n++;
	fclose(f);
	return n;
}

/* One case, inside the preloaded child. Returns pass; got described in buf. */
static int run_case(const char *name, char *got, size_t len)
{
	int id, r, err;
	void *p;
	if (strcmp(name, "shmat-eidrm") == 0 || strcmp(name, "shmat-enomem") == 0) {
		id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		p = shmat(id, NULL, 0);
		err = errno;
		unsigned long n = nattch_of(id);
		snprintf(got, len, "%s,%s,nattch=%lu", p == (void *)-1 ? "(void *)-1" : "an address", conf_errname(err), n);
		shmctl(id, IPC_RMID, NULL);
		return p == (void *)-1 && err == (strcmp(name, "shmat-eidrm") == 0 ? EIDRM : ENOMEM) && n == 0;
	}
	if (strcmp(name, "shmat-when2") == 0) {
		id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		void *p1 = shmat(id, NULL, 0);
		p = shmat(id, NULL, 0);
		err = errno;
		unsigned long n = nattch_of(id);
		snprintf(got, len, "first %s, second %s %s, nattch=%lu", p1 == (void *)-1 ? "failed" : "ok",
			 p == (void *)-1 ? "(void *)-1" : "an address", conf_errname(err), n);
		shmctl(id, IPC_RMID, NULL);
		return p1 != (void *)-1 && p == (void *)-1 && err == EIDRM && n == 1;
	}
	if (strcmp(name, "shmctl-eidrm") == 0 || strcmp(name, "shmctl-eoverflow") == 0) {
		struct shmid_ds ds;
		id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		r = shmctl(id, IPC_STAT, &ds);
		err = errno;
		int rm = shmctl(id, IPC_RMID, NULL);
		snprintf(got, len, "IPC_STAT %d %s; IPC_RMID (not matched) %d", r, conf_errname(err), rm);
		return r == -1 && err == (strcmp(name, "shmctl-eidrm") == 0 ? EIDRM : EOVERFLOW) && rm == 0;
	}
	if (strcmp(name, "shmget-enomem") == 0 || strcmp(name, "shmget-enfile") == 0) {
		int before = count_segments();
		r = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		err = errno;
		int after = count_segments();
		snprintf(got, len, "%d,%s,segments %d -> %d", r, conf_errname(err), before, after);
		if (r != -1)
			shmctl(r, IPC_RMID, NULL);
		return r == -1 && err == (strcmp(name, "shmget-enomem") == 0 ? ENOMEM : ENFILE) && before == after;
	}
	if (strcmp(name, "shmdt-einval") == 0) {
		id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		p = shmat(id, NULL, 0);
		r = shmdt(p);
		err = errno;
		unsigned long n = nattch_of(id);
		snprintf(got, len, "%d,%s,nattch=%lu", r, conf_errname(err), n);
		shmctl(id, IPC_RMID, NULL);
		return r == -1 && err == EINVAL && n == 1;
	}
	if (strcmp(name, "ftok-eacces") == 0) {
		key_t k = ftok("/", 'a');
		err = errno;
		snprintf(got, len, "%ld,%s", (long)k, conf_errname(err));
		return k == (key_t)-1 && err == EACCES;
	}
	snprintf(got, len, "unknown case %s", name);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--case") == 0) {
		char got[256], line[300];
		int pass = run_case(argv[2], got, sizeof got);
		int fd = atoi(argv[3]);
		snprintf(line, sizeof line, "%d %s", pass, got);
		return write(fd, line, strlen(line)) == (ssize_t)strlen(line) ? 0 : 1;
	}
	conf_load();
	tap_plan(0);
	const char *lib = getenv("SHMFAULT_LIB");
	if (!lib || !*lib)
		lib = CONF_LIBSHMFAULT;
	const char *why = NULL;
	if (!conf_native())
		why = "injection checks run on the native Linux kernel only (not under a personality)";
	else if (access(lib, R_OK) != 0)
		why = "build/libshmfault.so not built";
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct icase *c = &cases[i];
		char exp[160];
		const struct conf_row *row = strcmp(c->check, "-") ? conf_row(c->check) : NULL;
		char rule[640]; /* row rule 24 + confidence 16 + source 256 + the case rule */
		if (row)
			snprintf(rule, sizeof rule, "%s (%s; %s); %s (injected)", row->rule, row->confidence, row->source, c->rule);
		else
			snprintf(rule, sizeof rule, "%s (injected)", c->rule);
		if (why) {
			conf_skip(c->call, c->cond, why);
			continue;
		}
		int fd[2];
		char buf[300] = "", fdarg[16];
		int st;
		if (pipe(fd))
			tap_bail("pipe");
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			close(fd[0]);
			setenv("LD_PRELOAD", lib, 1);
			setenv("SHMFAULT", c->rule_env, 1);
			unsetenv("SHMFAULT_PERSONALITY");
			unsetenv("SHMFAULT_STATE");
			snprintf(fdarg, sizeof fdarg, "%d", fd[1]);
			execl(argv[0], argv[0], "--case", c->name, fdarg, (char *)NULL);
			_exit(127);
		}
		close(fd[1]);
		ssize_t n = read(fd[0], buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = 0;
		close(fd[0]);
		waitpid(pid, &st, 0);
		snprintf(exp, sizeof exp, "%s under SHMFAULT='%s'", c->errname, c->rule_env);
		conf_point(n > 0 && buf[0] == '1' && WIFEXITED(st) && WEXITSTATUS(st) == 0, c->call, c->check, c->cond, rule, exp,
			   n > 0 ? buf + 2 : "the child reported nothing");
	}
	return tap_done();
}
