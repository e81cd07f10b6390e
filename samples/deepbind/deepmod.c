/*
 * deepmod: a shared module that makes the five shm calls, for a host that
 * opens it with dlopen(RTLD_DEEPBIND) (deephost.c), as PHP opens shmop.so.
 * Under RTLD_DEEPBIND its calls bind to libc before the global scope, so an
 * LD_PRELOAD interposer alone never sees them (docs/backends.md).
 *   int deepmod_run(const char *keyfile, int via_dlsym)
 * Calls, in order (6):
 *   ftok(keyfile, 'd'), shmget(key, 4096, IPC_CREAT|IPC_EXCL|0600),
 *   shmat, a pattern written and read back, shmctl(IPC_STAT) (nattch == 1
 *   checked), shmdt, shmctl(IPC_RMID).
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

int deepmod_run(const char *keyfile, int via_dlsym);

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
static int failed(const struct calls *c, const char *what, int id, void *at)
{
	DIAG(what);
	if (at != (void *)-1 && DO(c, shmdt, at) == -1)
		DIAG("cleanup: shmdt");
	if (id != -1 && DO(c, shmctl, id, IPC_RMID, NULL) == -1)
		DIAG("cleanup: shmctl(IPC_RMID)");
	return 1;
}

__attribute__((visibility("default"))) int deepmod_run(const char *keyfile, int via_dlsym)
{
	struct calls calls, *c = via_dlsym ? &calls : NULL;
	struct shmid_ds ds;
	if (c && resolve(c) < 0)
		return 1;
	key_t key = DO(c, ftok, keyfile, 'd');
	if (key == (key_t)-1)
		return failed(c, "ftok", -1, (void *)-1);
	ok("ftok");
	int id = DO(c, shmget, key, SEG_SIZE, IPC_CREAT | IPC_EXCL | 0600);
	if (id == -1)
		return failed(c, "shmget(IPC_CREAT|IPC_EXCL)", -1, (void *)-1);
	ok("shmget");
	unsigned char *p = DO(c, shmat, id, NULL, 0);
	if (p == (void *)-1)
		return failed(c, "shmat", id, (void *)-1);
	ok("shmat");
	for (int i = 0; i < SEG_SIZE; i++)
		p[i] = (unsigned char)(i * 13);
	for (int i = 0; i < SEG_SIZE; i++)
		if (p[i] != (unsigned char)(i * 13)) {
			fprintf(stderr, "deepmod: byte %d reads back wrong\n", i);
			return failed(c, "pattern", id, p);
		}
	if (DO(c, shmctl, id, IPC_STAT, &ds) == -1)
		return failed(c, "shmctl(IPC_STAT)", id, p);
	if (ds.shm_nattch != 1) {
		fprintf(stderr, "deepmod: IPC_STAT: nattch %lu, expected 1\n", (unsigned long)ds.shm_nattch);
		return failed(c, "shmctl(IPC_STAT)", id, p);
	}
	ok("shmctl(IPC_STAT)");
	if (DO(c, shmdt, p) == -1)
		return failed(c, "shmdt", id, p);
	ok("shmdt");
	if (DO(c, shmctl, id, IPC_RMID, NULL) == -1)
		return failed(c, "shmctl(IPC_RMID)", -1, (void *)-1);
	ok("shmctl(IPC_RMID)");
	return 0;
}
