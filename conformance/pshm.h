/*
 * pshm.h: helpers of the POSIX shared memory conformance programs
 * (pshm_open.c, pshm_map.c). Rule ids PM-* are those of
 * ../shared/reference/posix-shm.md §4.
 */
#ifndef SHMFAULT_PSHM_H
#define SHMFAULT_PSHM_H

#include "conf.h"
#include <sys/mman.h>

/* A fresh object name "/shmfault-conf-PID-N" (a leading '/', portable). */
static inline const char *pshm_name(void)
{
	static char buf[4][64];
	static unsigned n;
	char *b = buf[n & 3];
	snprintf(b, sizeof buf[0], "/shmfault-conf-%ld-%u", (long)getpid(), n++);
	return b;
}

/* Create NAME with MODE (umask 0), size SIZE (no ftruncate when 0). */
static inline int pshm_make(const char *name, mode_t mode, off_t size)
{
	mode_t old = umask(0);
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, mode);
	umask(old);
	if (fd >= 0 && size > 0 && ftruncate(fd, size) != 0) {
		close(fd);
		shm_unlink(name);
		return -1;
	}
	return fd;
}

/*
 * Touch ADDR (write when W, else read) in a child: "ok", "SIGBUS",
 * "SIGSEGV" or "signal N" / "exit N". The child inherits the mapping.
 */
static inline const char *pshm_touch(volatile char *addr, int w)
{
	static char buf[32];
	int st;
	pid_t pid;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL); /* not a sanitizer's handler: die by the signal */
		signal(SIGBUS, SIG_DFL);
		if (w)
			addr[0] = 'x';
		else if (addr[0] == 'q')
			_exit(3);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return "fork failed";
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return "ok";
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGBUS)
		return "SIGBUS";
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV)
		return "SIGSEGV";
	if (WIFSIGNALED(st))
		snprintf(buf, sizeof buf, "signal %d", WTERMSIG(st));
	else
		snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
	return buf;
}

/* Compare a result word ("same", "SIGBUS", "1,0", ...) with the whole expect value. */
static inline int pshm_word(const struct conf_exp *e, const char *call, const char *check, const char *cond,
			    const char *got)
{
	return conf_point(strcmp(got, e->expect) == 0, call, check, cond, e->rule, e->expect, got);
}

/* errno name or "ok" of a call's outcome. */
static inline const char *pshm_res(int failed, int err)
{
	return failed ? conf_errname(err) : "ok";
}

#endif
