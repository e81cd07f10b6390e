/* probe.c: makes the shm calls named on its command line, one line of
 * output per call: "CALL RESULT ERRNO", RESULT "ok" or "-1", ERRNO the
 * value of errno after the call (errno is set to the sentinel ENOTTY before
 * each call, so "ok ENOTTY" proves a success left errno untouched).
 *   shmget:KEY:SIZE:FLAGS   KEY dec/0xhex/private, FLAGS octal + c (IPC_CREAT) x (IPC_EXCL)
 *   shmat[:ID[:ro]]         ID defaults to the last shmget's result
 *   shmdt[:bad]             the last attached address (or one never attached)
 *   shmctl:CMD[:ID]         CMD = stat, rmid, set, info, lock, unlock
 *   ftok:PATH:PROJ
 *   mapped                  prints "mapped N": the System V segments this process
 *                           has attached, counted in /proc/self/maps (no shm call)
 *   repeat:N:OP             OP N times (a ':' inside OP written as '/')
 *   fork                    the rest of the ops run in a child; the parent waits
 *   exec                    re-execute this program with the remaining ops
 *   stdin                   then read ops from stdin, one per line (live tests)
 *   -q                      print nothing (the library must print nothing either)
 * Exit status 0 unless an op is malformed (2). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static int quiet;
static int last_id = -1;
static void *last_addr = (void *)-1;

static const char *ename(int e)
{
	static char buf[16];
	switch (e) {
#define E(x) case x: return #x;
	E(EACCES) E(EEXIST) E(EINVAL) E(ENFILE) E(ENOENT) E(ENOMEM) E(ENOSPC) E(EPERM)
	E(EIDRM) E(EMFILE) E(EFAULT) E(EOVERFLOW) E(ELOOP) E(ENAMETOOLONG) E(ENOTDIR)
	E(ENOTTY) E(EBUSY) E(EAGAIN) E(ENOSYS) E(EDOM)
#undef E
	case 0: return "0";
	default: snprintf(buf, sizeof buf, "%d", e); return buf;
	}
}

static void report(const char *call, int ok)
{
	int e = errno;
	if (!quiet)
		printf("%s %s %s\n", call, ok ? "ok" : "-1", ename(e));
	fflush(stdout);
}

static int do_op(char *op, char **rest, int nrest, char *self);

/* The kernel's view of this process's attaches, read without a shm call, so
 * a wrapper that attached behind a refusal is seen while the process lives. */
static void op_mapped(void)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	if (f) {
		while (fgets(line, sizeof line, f))
			n += strstr(line, "/SYSV") != NULL;
		fclose(f);
	}
	if (!quiet)
		printf("mapped %d\n", f ? n : -1);
	fflush(stdout);
}

static int op_repeat(char *arg, char **rest, int nrest, char *self)
{
	char *colon = strchr(arg, ':');
	if (!colon)
		return 2;
	int n = atoi(arg);
	for (char *p = colon + 1; *p; p++)
		if (*p == '/')
			*p = ':';
	for (int i = 0; i < n; i++) {
		char copy[256];
		snprintf(copy, sizeof copy, "%s", colon + 1);
		int r = do_op(copy, rest, nrest, self);
		if (r)
			return r;
	}
	return 0;
}

static int do_op(char *op, char **rest, int nrest, char *self)
{
	char *f[4] = {0};
	int nf = 0;
	if (strncmp(op, "repeat:", 7) == 0)
		return op_repeat(op + 7, rest, nrest, self);
	for (char *p = op; nf < 4; nf++) {
		f[nf] = p;
		p = strchr(p, ':');
		if (!p) {
			nf++;
			break;
		}
		*p++ = 0;
	}
	errno = ENOTTY;
	if (!strcmp(f[0], "shmget") && nf == 4) {
		key_t key = !strcmp(f[1], "private") ? IPC_PRIVATE : (key_t)strtol(f[1], NULL, 0);
		char *end;
		int flg = (int)strtol(f[3], &end, 8);
		for (; *end; end++)
			flg |= *end == 'c' ? IPC_CREAT : *end == 'x' ? IPC_EXCL : 0;
		errno = ENOTTY;
		int id = shmget(key, strtoul(f[2], NULL, 0), flg);
		report("shmget", id != -1);
		if (id != -1)
			last_id = id;
	} else if (!strcmp(f[0], "shmat")) {
		int id = nf > 1 && *f[1] ? atoi(f[1]) : last_id;
		int flg = nf > 2 && !strcmp(f[2], "ro") ? SHM_RDONLY : 0;
		errno = ENOTTY;
		void *a = shmat(id, NULL, flg);
		report("shmat", a != (void *)-1);
		if (a != (void *)-1)
			last_addr = a;
	} else if (!strcmp(f[0], "shmdt")) {
		static char never[8192];
		void *a = nf > 1 && !strcmp(f[1], "bad") ? (void *)never : last_addr;
		errno = ENOTTY;
		report("shmdt", shmdt(a) == 0);
	} else if (!strcmp(f[0], "shmctl") && nf >= 2) {
		struct shmid_ds ds;
		int id = nf > 2 ? atoi(f[2]) : last_id;
		int cmd = !strcmp(f[1], "stat") ? IPC_STAT : !strcmp(f[1], "rmid") ? IPC_RMID
			: !strcmp(f[1], "set") ? IPC_SET : !strcmp(f[1], "info") ? IPC_INFO
			: !strcmp(f[1], "lock") ? SHM_LOCK : !strcmp(f[1], "unlock") ? SHM_UNLOCK : -1;
		if (cmd == -1)
			return 2;
		if (cmd == IPC_SET && shmctl(id, IPC_STAT, &ds) < 0)
			memset(&ds, 0, sizeof ds);
		errno = ENOTTY;
		report("shmctl", shmctl(id, cmd, &ds) != -1);
	} else if (!strcmp(f[0], "ftok") && nf == 3) {
		errno = ENOTTY;
		report("ftok", ftok(f[1], atoi(f[2])) != (key_t)-1);
	} else if (!strcmp(f[0], "mapped")) {
		op_mapped();
	} else if (!strcmp(f[0], "fork")) {
		pid_t pid = fork();
		if (pid == 0) {
			for (int i = 0; i < nrest; i++) {
				int r = do_op(rest[i], rest + i + 1, nrest - i - 1, self);
				if (r)
					_exit(r);
			}
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
		return -1; /* the child ran the rest */
	} else if (!strcmp(f[0], "stdin")) {
		char line[256];
		while (fgets(line, sizeof line, stdin)) {
			line[strcspn(line, "\n")] = 0;
			if (*line && do_op(line, NULL, 0, self) > 0)
				return 2;
		}
	} else if (!strcmp(f[0], "exec")) {
		char **av = calloc((size_t)nrest + 3, sizeof *av);
		int k = 0;
		av[k++] = self;
		if (quiet)
			av[k++] = "-q";
		for (int i = 0; i < nrest; i++)
			av[k++] = rest[i];
		fflush(stdout);
		execv("/proc/self/exe", av);
		perror("probe: exec");
		_exit(127);
	} else {
		fprintf(stderr, "probe: bad op '%s'\n", f[0]);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && !strcmp(argv[i], "-q")) {
		quiet = 1;
		i++;
	}
	for (; i < argc; i++) {
		int r = do_op(argv[i], argv + i + 1, argc - i - 1, argv[0]);
		if (r == -1)
			break;
		if (r)
			return r;
	}
	return 0;
}
