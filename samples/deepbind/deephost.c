/*
 * deephost: opens the module deepmod (deepmod.c) with dlopen(RTLD_DEEPBIND),
 * as PHP opens its extensions, and runs its 6 shm calls.
 *   deephost [-l] [-d] [-a N] [-m MODULE]
 *     -l          RTLD_LAZY instead of RTLD_NOW
 *     -a N        attach the segment N times (1 to 64; default 1)
 *     -d          the module takes its functions from dlsym(RTLD_DEFAULT)
 *     -m MODULE   the module (default: libdeepmod.so next to this program)
 * The key file is made in a fresh mkdtemp directory under $TMPDIR or /tmp.
 * Success: "deephost: ok" on stdout, exit 0. A failed shm call: the module's
 * diagnostic on stderr, exit 1. Cannot start (dlopen, key file): exit 2.
 * Deterministic: no sleeps, no stdin, no randomness.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROG "deephost"
#include "../sweep/diag.h"

static int module_next_to_me(char *path, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = 0;
	return snprintf(path, len, "%s/libdeepmod.so", exe) < (int)len ? 0 : -1;
}

int main(int argc, char *argv[])
{
	int mode = RTLD_NOW, via_dlsym = 0, attaches = 1, opt, fd, rc;
	char module[PATH_MAX] = "", dir[PATH_MAX], keyfile[PATH_MAX + 16];
	const char *tmp = getenv("TMPDIR");
	while ((opt = getopt(argc, argv, "lda:m:")) != -1) {
		if (opt == 'l')
			mode = RTLD_LAZY;
		else if (opt == 'd')
			via_dlsym = 1;
		else if (opt == 'a' && atoi(optarg) >= 1 && atoi(optarg) <= 64)
			attaches = atoi(optarg);
		else if (opt == 'm' && strlen(optarg) < sizeof module)
			strcpy(module, optarg);
		else {
			fprintf(stderr, "usage: deephost [-l] [-d] [-a N] [-m MODULE]\n");
			return 2;
		}
	}
	if (!*module && module_next_to_me(module, sizeof module) < 0) {
		fprintf(stderr, "deephost: cannot tell where libdeepmod.so is (use -m)\n");
		return 2;
	}
	void *h = dlopen(module, mode | RTLD_DEEPBIND);
	if (!h) {
		fprintf(stderr, "deephost: dlopen: %s\n", dlerror());
		return 2;
	}
	int (*run)(const char *, int, int);
	*(void **)&run = dlsym(h, "deepmod_run");
	if (!run) {
		fprintf(stderr, "deephost: dlsym(deepmod_run): %s\n", dlerror());
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/deephost.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		DIAG("mkdtemp");
		return 2;
	}
	snprintf(keyfile, sizeof keyfile, "%s/key", dir);
	fd = open(keyfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd == -1 || close(fd) == -1) {
		DIAG("creating the key file");
		rmdir(dir);
		return 2;
	}
	rc = run(keyfile, via_dlsym, attaches);
	unlink(keyfile);
	rmdir(dir);
	if (rc != 0)
		return 1;
	printf("deephost: ok\n");
	return fflush(stdout) == EOF ? 1 : 0;
}
