/* pshm_probe.c: makes the POSIX shm calls named on its command line, one
 * line per call: "CALL RESULT ERRNO" (RESULT "ok" or "-1"; errno is set to
 * the sentinel ENOTTY before each call, so "ok ENOTTY" proves a success
 * left errno untouched). Every op acts on "the descriptor" and "the
 * mapping", the last ones made.
 *   open:NAME[:FLAGS]   shm_open; FLAGS: c O_CREAT, x O_EXCL, t O_TRUNC,
 *                       r O_RDONLY, w O_WRONLY (default O_RDWR), mode 0600
 *   unlink:NAME         shm_unlink
 *   memfd:NAME          memfd_create(NAME, MFD_CLOEXEC)
 *   sem:NAME            sem_open(NAME, O_CREAT, 0600, 0), left (glibc: the
 *                       file /dev/shm/sem.NAME)
 *   file:PATH           open(PATH, O_RDWR|O_CREAT, 0600): a regular file
 *   trunc:SIZE          ftruncate of the descriptor
 *   map:LEN[:OFF[:p]]   mmap(PROT_READ|PROT_WRITE, MAP_SHARED; p: MAP_PRIVATE)
 *   mapro:LEN           mmap(PROT_READ, MAP_SHARED)
 *   unmap               munmap of the mapping
 *   touch               write the first byte of the mapping (no output)
 *   close               close the descriptor (no output)
 *   fork                the rest of the ops run in a child; the parent waits
 *   exec                re-execute this program with the remaining ops
 * Exit status 0 unless an op is malformed (2). */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int fd = -1;
static void *map = MAP_FAILED;
static size_t maplen;

static const char *ename(int e)
{
	static char buf[16];
	switch (e) {
#define E(x) case x: return #x;
	E(EACCES) E(EEXIST) E(EINVAL) E(ENFILE) E(ENOENT) E(ENOMEM) E(ENOSPC) E(EPERM) E(EIO)
	E(EMFILE) E(EFAULT) E(EFBIG) E(ENAMETOOLONG) E(ENOTTY) E(EBADF) E(EAGAIN) E(ENODEV) E(ENXIO) E(EINTR) E(EOVERFLOW)
#undef E
	case 0: return "0";
	default: snprintf(buf, sizeof buf, "%d", e); return buf;
	}
}

static void say(const char *call, int failed)
{
	printf("%s %s %s\n", call, failed ? "-1" : "ok", ename(errno));
	fflush(stdout);
}

static int oflags(const char *f)
{
	int o = O_RDWR;
	for (; f && *f; f++) {
		if (*f == 'c') o |= O_CREAT;
		else if (*f == 'x') o |= O_EXCL;
		else if (*f == 't') o |= O_TRUNC;
		else if (*f == 'r') o = (o & ~O_ACCMODE) | O_RDONLY;
		else if (*f == 'w') o = (o & ~O_ACCMODE) | O_WRONLY;
	}
	return o;
}

static void do_map(char *arg, int prot)
{
	char *off = strchr(arg, ':'), *priv = off ? strchr(off + 1, ':') : NULL;
	maplen = strtoul(arg, NULL, 10);
	errno = ENOTTY;
	map = mmap(NULL, maplen, prot, priv ? MAP_PRIVATE : MAP_SHARED, fd, off ? strtol(off + 1, NULL, 10) : 0);
	say("mmap", map == MAP_FAILED);
}

/* One op; 1 when the rest run elsewhere (fork's parent, exec), -1 when malformed. */
static int op(int argc, char **argv, int i)
{
	char *a = argv[i], *v = strchr(a, ':');
	if (v)
		*v++ = 0;
	errno = ENOTTY;
	if (!strcmp(a, "open") && v) {
		char *f = strchr(v, ':');
		if (f)
			*f++ = 0;
		fd = shm_open(v, oflags(f), 0600);
		say("shm_open", fd < 0);
	} else if (!strcmp(a, "unlink") && v) {
		say("shm_unlink", shm_unlink(v) != 0);
	} else if (!strcmp(a, "sem") && v) {
		say("sem_open", sem_open(v, O_CREAT, 0600, 0) == SEM_FAILED);
	} else if (!strcmp(a, "memfd") && v) {
		fd = memfd_create(v, MFD_CLOEXEC);
		say("memfd_create", fd < 0);
	} else if (!strcmp(a, "file") && v) {
		fd = open(v, O_RDWR | O_CREAT, 0600);
		say("open", fd < 0);
	} else if (!strcmp(a, "trunc") && v) {
		say("ftruncate", ftruncate(fd, strtol(v, NULL, 10)) != 0);
	} else if (!strcmp(a, "map") && v) {
		do_map(v, PROT_READ | PROT_WRITE);
	} else if (!strcmp(a, "mapro") && v) {
		do_map(v, PROT_READ);
	} else if (!strcmp(a, "unmap")) {
		say("munmap", munmap(map, maplen) != 0);
	} else if (!strcmp(a, "touch")) {
		*(volatile char *)map = 1;
	} else if (!strcmp(a, "close")) {
		close(fd);
	} else if (!strcmp(a, "fork")) {
		pid_t pid = fork();
		int st;
		if (pid > 0) {
			waitpid(pid, &st, 0);
			return 1;
		}
	} else if (!strcmp(a, "exec")) {
		argv[i] = argv[0];
		execv("/proc/self/exe", argv + i);
		perror("exec");
		exit(2);
	} else {
		fprintf(stderr, "pshm_probe: bad op '%s'\n", a);
		return -1;
	}
	(void)argc;
	return 0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		int r = op(argc, argv, i);
		if (r < 0)
			return 2;
		if (r > 0)
			return 0;
	}
	return 0;
}
