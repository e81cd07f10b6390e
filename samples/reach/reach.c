/* reach.c: a fixed script of shm calls made without the libc wrappers the
 * interposer sees (REACH_RAW: one inline syscall instruction, labelled
 * reach_syscall_site so a test can check the reported site against nm) or
 * through libc (built -static: no dynamic loader, LD_PRELOAD cannot reach).
 * Script: shmget shmat shmget shmat shmdt shmdt shmctl(RMID) shmctl(RMID).
 * The first failure ends it: stderr "reach: CALL#N failed errno=E", exit 1;
 * else stderr "reach: ok signals=S", exit 0 (S: SIGUSR1 handled, with
 * SA_RESTART).  Segments are IPC_PRIVATE; run it in an IPC namespace or
 * accept two short-lived private segments in the host's. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/syscall.h>

static volatile sig_atomic_t signals;

#ifdef REACH_RAW
#if defined(__clang__)
#define NOCLONE __attribute__((noinline))
#else
#define NOCLONE __attribute__((noipa))
#endif
/* r9 (args[5]) is 0: an unmarked call. */
NOCLONE long reach_raw(long nr, long a, long b, long c);
NOCLONE long reach_raw(long nr, long a, long b, long c)
{
	long ret;
	register long r10 __asm__("r10") = 0, r8 __asm__("r8") = 0, r9 __asm__("r9") = 0;
	__asm__ volatile(".globl reach_syscall_site\nreach_syscall_site:\n\tsyscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}
#define GET(k, s, f) reach_raw(SYS_shmget, (k), (long)(s), (f))
#define AT(id) ((void *)reach_raw(SYS_shmat, (id), 0, 0))
#define DT(p) reach_raw(SYS_shmdt, (long)(p), 0, 0)
#define RMID(id) reach_raw(SYS_shmctl, (id), IPC_RMID, 0)
#else
#define GET(k, s, f) shmget((k), (s), (f))
#define AT(id) shmat((id), NULL, 0)
#define DT(p) shmdt(p)
#define RMID(id) shmctl((id), IPC_RMID, NULL)
#endif

static void on_usr1(int s)
{
	(void)s;
	signals++;
}

static int n_of[4];

static void check(long r, int call, const char *name)
{
	n_of[call]++;
	if (r != -1)
		return;
	fprintf(stderr, "reach: %s#%d failed errno=%d\n", name, n_of[call], errno);
	exit(1);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	long id1 = GET(IPC_PRIVATE, 4096, 0600);
	check(id1, 0, "shmget");
	void *p1 = AT(id1);
	check((long)p1, 1, "shmat");
	long id2 = GET(IPC_PRIVATE, 4096, 0600);
	check(id2, 0, "shmget");
	void *p2 = AT(id2);
	check((long)p2, 1, "shmat");
	check(DT(p1), 2, "shmdt");
	check(DT(p2), 2, "shmdt");
	check(RMID(id1), 3, "shmctl");
	check(RMID(id2), 3, "shmctl");
	fprintf(stderr, "reach: ok signals=%d\n", (int)signals);
	return 0;
}
