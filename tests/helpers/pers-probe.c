/* pers-probe.c: calls for the personality tests that tests/helpers/probe.c does
 * not make: attach at an address, IPC_STAT fields, ftok keys, setenv,
 * another user. One line per op, "OP ok|-1 ERRNO [details]".
 *   get:KEY:SIZE:FLAGS      as probe's shmget (FLAGS octal + c, x)
 *   at[:ID]                 shmat(ID or the last id, NULL, 0)
 *   at@ADDR[:ID]            shmat at ADDR: 0xHEX, "last" (the last address
 *                           attached), "last+N" (N pages above it);
 *                           prints addr=ADDR, and at-wanted when at ADDR
 *   new                     a new private segment (4096 bytes), attached
 *   dt                      shmdt(last address)
 *   atdt                    shmat(last id) then shmdt, printing one line
 *   stat[:ID]               IPC_STAT; prints mode (octal), segsz, key, lpid
 *   ctl:CMD[:ID]            rmid, set (after a real IPC_STAT), info, shminfo,
 *                           shmstat (SHM_STAT on index 0), lock, unlock
 *   ftok:PATH:PROJ          prints the key, and the glibc formula's key
 *   touch:PATH  rm:PATH     create (empty) / unlink a file
 *   setenv:NAME:VALUE       setenv() inside the program
 *   euid:UID                seteuid(UID)
 *   repeat:N:OP             OP N times (':' inside OP written as '/')
 *   fork                    the rest runs in a child; the parent waits
 *   exec                    re-execute with the remaining ops
 * Exit status 0 unless an op is malformed (2). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int last_id = -1;
static char *last_addr;

static const char *ename(int e)
{
	static char buf[16];
	switch (e) {
#define E(x) case x: return #x;
	E(EACCES) E(EEXIST) E(EINVAL) E(ENOENT) E(ENOMEM) E(ENOSPC) E(EPERM) E(EIDRM) E(EMFILE) E(ENOSYS)
	E(ENOTTY)
#undef E
	default: snprintf(buf, sizeof buf, "%d", e); return buf;
	}
}

static void report(const char *op, int ok, const char *more)
{
	int e = errno;
	printf("%s %s %s%s%s\n", op, ok ? "ok" : "-1", ename(e), more && *more ? " " : "", more ? more : "");
	fflush(stdout);
}

static int do_op(char *op, char **rest, int nrest, char *self);

static int id_of(int nf, char **f, int i)
{
	return nf > i && *f[i] ? atoi(f[i]) : last_id;
}

static int do_op(char *op, char **rest, int nrest, char *self)
{
	char *f[4] = {0}, more[160] = "";
	int nf = 0;
	if (!strncmp(op, "repeat:", 7)) {
		char *colon = strchr(op + 7, ':');
		if (!colon)
			return 2;
		for (char *p = colon + 1; *p; p++)
			if (*p == '/')
				*p = ':';
		for (int i = 0, n = atoi(op + 7); i < n; i++) {
			char copy[256];
			snprintf(copy, sizeof copy, "%s", colon + 1);
			int r = do_op(copy, rest, nrest, self);
			if (r)
				return r;
		}
		return 0;
	}
	for (char *p = op; p && nf < 4; nf++) {
		f[nf] = p;
		p = strchr(p, ':');
		if (p)
			*p++ = 0;
	}
	errno = ENOTTY;
	if (!strcmp(f[0], "get") && nf == 4) {
		key_t key = !strcmp(f[1], "private") ? IPC_PRIVATE : (key_t)strtol(f[1], NULL, 0);
		char *end;
		int flg = (int)strtol(f[3], &end, 8);
		for (; *end; end++)
			flg |= *end == 'c' ? IPC_CREAT : *end == 'x' ? IPC_EXCL : 0;
		errno = ENOTTY;
		int id = shmget(key, strtoul(f[2], NULL, 0), flg);
		report("get", id != -1, NULL);
		if (id != -1)
			last_id = id;
	} else if (!strcmp(f[0], "at") || !strncmp(f[0], "at@", 3)) {
		char *want = NULL;
		if (f[0][2] == '@') {
			const char *a = f[0] + 3;
			if (!strncmp(a, "last", 4))
				want = last_addr + (a[4] == '+' ? atol(a + 5) * sysconf(_SC_PAGESIZE) : 0);
			else
				want = (char *)(uintptr_t)strtoull(a, NULL, 0);
		}
		errno = ENOTTY;
		void *a = shmat(id_of(nf, f, 1), want, 0);
		if (a != (void *)-1)
			last_addr = a;
		if (a != (void *)-1)
			snprintf(more, sizeof more, "addr=%p%s", a, want && a == want ? " at-wanted" : "");
		report("at", a != (void *)-1, more);
	} else if (!strcmp(f[0], "new")) {
		int id = shmget(IPC_PRIVATE, 4096, 0600 | IPC_CREAT);
		void *a = id == -1 ? (void *)-1 : shmat(id, NULL, 0);
		if (a != (void *)-1)
			last_addr = a, last_id = id;
		if (id != -1)
			shmctl(id, IPC_RMID, NULL);
		report("new", a != (void *)-1, NULL);
	} else if (!strcmp(f[0], "atdt")) {
		void *a = shmat(last_id, NULL, 0);
		report("atdt", a != (void *)-1 && shmdt(a) == 0, NULL);
	} else if (!strcmp(f[0], "dt")) {
		errno = ENOTTY;
		report("dt", shmdt(last_addr) == 0, NULL);
	} else if (!strcmp(f[0], "stat")) {
		struct shmid_ds ds;
		errno = ENOTTY;
		int r = shmctl(id_of(nf, f, 1), IPC_STAT, &ds);
		if (r == 0)
			snprintf(more, sizeof more, "mode=0%o segsz=%zu key=0x%x lpid=%s", (unsigned)ds.shm_perm.mode,
				 (size_t)ds.shm_segsz, (unsigned)ds.shm_perm.__key,
				 ds.shm_lpid == getpid() ? "self" : ds.shm_lpid == 0 ? "0" : "other");
		report("stat", r == 0, more);
	} else if (!strcmp(f[0], "ctl") && nf >= 2) {
		struct shmid_ds ds;
		int id = id_of(nf, f, 2);
		int cmd = !strcmp(f[1], "rmid") ? IPC_RMID : !strcmp(f[1], "set") ? IPC_SET
			: !strcmp(f[1], "info") ? IPC_INFO : !strcmp(f[1], "shminfo") ? SHM_INFO
			: !strcmp(f[1], "shmstat") ? SHM_STAT : !strcmp(f[1], "lock") ? SHM_LOCK
			: !strcmp(f[1], "unlock") ? SHM_UNLOCK : -1;
		if (cmd == -1)
			return 2;
		memset(&ds, 0, sizeof ds);
		if (cmd == IPC_SET)
			shmctl(id, IPC_STAT, &ds);
		if (cmd == SHM_STAT)
			id = 0;
		errno = ENOTTY;
		report("ctl", shmctl(id, cmd, &ds) != -1, NULL);
	} else if (!strcmp(f[0], "ftok") && nf == 3) {
		struct stat st;
		errno = ENOTTY;
		key_t k = ftok(f[1], atoi(f[2]));
		int e = errno;
		if (stat(f[1], &st) == 0)
			snprintf(more, sizeof more, "key=0x%08x glibc=0x%08x ino=%llu", (unsigned)k,
				 (unsigned)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
					    (((unsigned)atoi(f[2]) & 0xff) << 24)),
				 (unsigned long long)st.st_ino);
		errno = e;
		report("ftok", k != (key_t)-1, more);
	} else if (!strcmp(f[0], "touch") && nf == 2) {
		int fd = open(f[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		report("touch", fd >= 0, NULL);
		if (fd >= 0)
			close(fd);
	} else if (!strcmp(f[0], "rm") && nf == 2) {
		report("rm", unlink(f[1]) == 0, NULL);
	} else if (!strcmp(f[0], "setenv") && nf == 3) {
		report("setenv", setenv(f[1], f[2], 1) == 0, NULL);
	} else if (!strcmp(f[0], "euid") && nf == 2) {
		report("euid", seteuid((uid_t)atoi(f[1])) == 0, NULL);
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
		return -1;
	} else if (!strcmp(f[0], "exec")) {
		char **av = calloc((size_t)nrest + 2, sizeof *av);
		av[0] = self;
		for (int i = 0; i < nrest; i++)
			av[i + 1] = rest[i];
		fflush(stdout);
		execv("/proc/self/exe", av);
		perror("pers-probe: exec");
		_exit(127);
	} else {
		fprintf(stderr, "pers-probe: bad op '%s'\n", f[0]);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		int r = do_op(argv[i], argv + i + 1, argc - i - 1, argv[0]);
		if (r == -1)
			break;
		if (r)
			return r;
	}
	return 0;
}
