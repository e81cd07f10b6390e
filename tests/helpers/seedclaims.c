/*
 * seedclaims: small System V shm steps for tests/seeds (the seeds' claims,
 * docs/seed-claims.md). One step per run, output on stdout:
 *
 *   seedclaims get KEY SIZE FLAGS   shmget(KEY, SIZE, FLAGS) (numbers in C syntax):
 *                                   "id N" or the errno name (exit 1)
 *   seedclaims stat ID              "key=0x.. segsz=N mode=0..."
 *   seedclaims touch ID OFFSET      attach below a guard page, write the byte at OFFSET, "ok"
 *                                   (a fault kills the process: the caller sees the signal)
 *   seedclaims private              two IPC_PRIVATE creations: "distinct" or "same"
 *   seedclaims segsz-type           "size_t" when shm_segsz has the size of size_t, else "other"
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

static long num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 0);
	if (*end != 0) {
		fprintf(stderr, "seedclaims: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int fail(void)
{
	const char *n = strerrorname_np(errno);
	printf("%s\n", n ? n : "?");
	return 1;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	if (strcmp(cmd, "get") == 0 && argc == 5) {
		int id = shmget((key_t)num(argv[2]), (size_t)num(argv[3]), (int)num(argv[4]));
		if (id < 0)
			return fail();
		printf("id %d\n", id);
		return 0;
	}
	if (strcmp(cmd, "stat") == 0 && argc == 3) {
		struct shmid_ds ds;
		if (shmctl((int)num(argv[2]), IPC_STAT, &ds) != 0)
			return fail();
		printf("key=0x%08x segsz=%lu mode=0%o\n", (unsigned)ds.shm_perm.__key, (unsigned long)ds.shm_segsz,
		       (unsigned)ds.shm_perm.mode & 0777);
		return 0;
	}
	if (strcmp(cmd, "touch") == 0 && argc == 4) {
		/* the attach sits just below a PROT_NONE guard page, so a write
		 * past the segment's last page faults instead of landing in a
		 * neighbouring mapping */
		int id = (int)num(argv[2]);
		struct shmid_ds ds;
		long pg = sysconf(_SC_PAGESIZE);
		if (shmctl(id, IPC_STAT, &ds) != 0)
			return fail();
		size_t len = (ds.shm_segsz + (size_t)pg - 1) / (size_t)pg * (size_t)pg;
		char *area = mmap(NULL, len + (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (area == MAP_FAILED || munmap(area, len) != 0)
			return fail();
		volatile char *p = shmat(id, area, 0);
		if (p == (void *)-1)
			return fail();
		signal(SIGSEGV, SIG_DFL); /* not a sanitizer's handler: die by the signal */
		p[num(argv[3])] = 'x';
		printf("ok\n");
		return 0;
	}
	if (strcmp(cmd, "private") == 0 && argc == 2) {
		int a = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
		int b = shmget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
		if (a < 0 || b < 0)
			return fail();
		printf("%s\n", a != b ? "distinct" : "same");
		shmctl(a, IPC_RMID, NULL);
		shmctl(b, IPC_RMID, NULL);
		return 0;
	}
	if (strcmp(cmd, "segsz-type") == 0 && argc == 2) {
		struct shmid_ds ds;
		printf("%s\n", sizeof ds.shm_segsz == sizeof(size_t) && (__typeof__(ds.shm_segsz))-1 > 0 ? "size_t" : "other");
		return 0;
	}
	fprintf(stderr, "usage: seedclaims get KEY SIZE FLAGS | stat ID | touch ID OFFSET | private | segsz-type\n");
	return 2;
}
