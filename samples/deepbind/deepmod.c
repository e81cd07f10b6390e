/*
 * deepmod: a shared module that makes the five shm calls, for a host that
 * opens it with dlopen(RTLD_DEEPBIND) (deephost.c), as PHP opens shmop.so.
 * Under RTLD_DEEPBIND its calls bind to libc before the global scope, so an
 * LD_PRELOAD interposer alone never sees them (docs/backends.md).
 *   int deepmod_run(const char *keyfile, int via_dlsym, int attaches)
 * Calls, in order (4 + 2 x attaches; 6 with one attach):
 *   ftok(keyfile, 'd'), shmget(key, 4096, IPC_CREAT|IPC_EXCL|0600),
 *   shmat x attaches, a pattern written through the first attachment and
 *   read back through the last, shmctl(IPC_STAT) (nattch == attaches
 *   checked), shmdt x attaches, shmctl(IPC_RMID).
 * Direct calls go through the module's PLT (never take a function's
 * address there: that is a GLOB_DAT relocation, which rtld-audit(7) does not
 * see). via_dlsym: each function is taken from dlsym(RTLD_DEFAULT, name)
 * inside the module instead (which, in a DEEPBIND module, finds libc's).
 * Each call's outcome goes to stderr: "deepmod: CALL: ok", or on failure the
 * diagnostic of samples/sweep/diag.h; then it detaches and removes what it
 * made and returns 1. Returns 0 when all 6 calls succeeded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "deepmod"
#include "../sweep/diag.h"

#define SEG_SIZE 4096

int deepmod_run(const char *keyfile, int via_dlsym, int attaches);

#define MAX_ATTACH 64

struct calls {
	key_t (*ftok)(const char *, int);
	int (*shmget)(key_t, size_t, int);
	void *(*shmat)(int, const void *, int);
	int (*shmdt)(const void *);
	int (*shmctl)(int, int, struct shmid_ds *);
};

/* c == NULL: the direct call (PLT); else through dlsym's pointer. */
#define DO(c, f, ...) ((c) ? (c)->f(__VA_ARGS__) : f(__VA_ARGS__))

static int resolve(struct calls *c)
{
	/* POSIX allows converting dlsym's result to a function pointer. */
	*(void **)&c->ftok = dlsym(RTLD_DEFAULT, "ftok");
	*(void **)&c->shmget = dlsym(RTLD_DEFAULT, "shmget");
	*(void **)&c->shmat = dlsym(RTLD_DEFAULT, "shmat");
	*(void **)&c->shmdt = dlsym(RTLD_DEFAULT, "shmdt");
	*(void **)&c->shmctl = dlsym(RTLD_DEFAULT, "shmctl");
	if (!c->ftok || !c->shmget || !c->shmat || !c->shmdt || !c->shmctl) {
		fprintf(stderr, "deepmod: dlsym: %s\n", dlerror());
		return -1;
	}
	return 0;
}

static void ok(const char *what)
{
	fprintf(stderr, "deepmod: %s: ok\n", what);
}

/* Detach and remove after a failure; each step's own failure is said. */
static int failed(const struct calls *c, const char *what, int id, unsigned char **at, int n)
{
	DIAG(what);
	for (int i = 0; i < n; i++)
		if (DO(c, shmdt, at[i]) == -1)
			DIAG("cleanup: shmdt");
	if (id != -1 && DO(c, shmctl, id, IPC_RMID, NULL) == -1)
		DIAG("cleanup: shmctl(IPC_RMID)");
	return 1;
}

__attribute__((visibility("default"))) int deepmod_run(const char *keyfile, int via_dlsym, int attaches)
{
	struct calls calls, *c = via_dlsym ? &calls : NULL;
	struct shmid_ds ds;
	unsigned char *p[MAX_ATTACH];
	int n = 0;
	if (attaches < 1 || attaches > MAX_ATTACH || (c && resolve(c) < 0))
		return 1;
	key_t key = DO(c, ftok, keyfile, 'd');
	if (key == (key_t)-1)
		return failed(c, "ftok", -1, p, 0);
	ok("ftok");
	int id = DO(c, shmget, key, SEG_SIZE, IPC_CREAT | IPC_EXCL | 0600);
	if (id == -1)
		return failed(c, "shmget(IPC_CREAT|IPC_EXCL)", -1, p, 0);
	ok("shmget");
	for (; n < attaches; n++) {
		p[n] = DO(c, shmat, id, NULL, 0);
		if (p[n] == (void *)-1)
			return failed(c, "shmat", id, p, n);
		ok("shmat");
	}
	for (int i = 0; i < SEG_SIZE; i++)
		p[0][i] = (unsigned char)(i * 13);
	for (int i = 0; i < SEG_SIZE; i++)
		if (p[n - 1][i] != (unsigned char)(i * 13)) {
			fprintf(stderr, "deepmod: byte %d reads back wrong\n", i);
			return failed(c, "pattern", id, p, n);
		}
	if (DO(c, shmctl, id, IPC_STAT, &ds) == -1)
		return failed(c, "shmctl(IPC_STAT)", id, p, n);
	if (ds.shm_nattch != (shmatt_t)attaches) {
		fprintf(stderr, "deepmod: IPC_STAT: nattch %lu, expected %d\n", (unsigned long)ds.shm_nattch, attaches);
		return failed(c, "shmctl(IPC_STAT)", id, p, n);
	}
	ok("shmctl(IPC_STAT)");
	while (n > 0) {
		if (DO(c, shmdt, p[n - 1]) == -1)
			return failed(c, "shmdt", id, p, n);
		n--;
		ok("shmdt");
	}
	if (DO(c, shmctl, id, IPC_RMID, NULL) == -1)
		return failed(c, "shmctl(IPC_RMID)", -1, p, 0);
	ok("shmctl(IPC_RMID)");
	return 0;
}
