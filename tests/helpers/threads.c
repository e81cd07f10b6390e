/* threads.c: concurrent shmat/shmdt through the interposer.
 *   threads [-t THREADS] [-n CALLS] [-k KEY]
 * Creates one private segment (or the segment of KEY), then THREADS (8)
 * threads, released together by a barrier, each call shmat then (when it
 * succeeded) shmdt CALLS (1000) times. Prints one line:
 *   threads=8 calls=8000 injected=K other=E
 * injected = shmat calls that failed with EACCES (what the tests inject),
 * other = calls that failed any other way (must be 0). Under
 * SHMFAULT='shmat:error=EACCES:when=N..M' the tree-wide counter must make
 * injected exactly M-N+1 whatever the interleaving. Exit 0, or 1 when a
 * call failed unexpectedly, 2 on bad usage. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static int shmid;
static long calls = 1000;
static pthread_barrier_t start;

struct result {
	long injected, other;
};

static void *worker(void *arg)
{
	struct result *r = arg;
	pthread_barrier_wait(&start);
	for (long i = 0; i < calls; i++) {
		errno = 0;
		void *p = shmat(shmid, NULL, 0);
		if (p == (void *)-1) {
			if (errno == EACCES)
				r->injected++;
			else
				r->other++;
			continue;
		}
		/* Touch the segment: a real attach, not just a number. */
		__atomic_fetch_add((int *)p, 1, __ATOMIC_RELAXED);
		if (shmdt(p) != 0)
			r->other++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = 8, c;
	key_t key = IPC_PRIVATE;
	while ((c = getopt(argc, argv, "t:n:k:")) != -1) {
		switch (c) {
		case 't': nthreads = atoi(optarg); break;
		case 'n': calls = atol(optarg); break;
		case 'k': key = (key_t)strtol(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	if (nthreads < 1 || nthreads > 1024 || calls < 0) {
		fprintf(stderr, "threads: bad -t or -n\n");
		return 2;
	}
	shmid = shmget(key, 4096, IPC_CREAT | 0600);
	if (shmid < 0) {
		perror("threads: shmget");
		return 1;
	}
	pthread_t *tid = calloc((size_t)nthreads, sizeof *tid);
	struct result *res = calloc((size_t)nthreads, sizeof *res);
	if (!tid || !res || pthread_barrier_init(&start, NULL, (unsigned)nthreads) != 0) {
		perror("threads");
		return 1;
	}
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&tid[i], NULL, worker, &res[i]) != 0) {
			perror("threads: pthread_create");
			return 1;
		}
	long injected = 0, other = 0;
	for (int i = 0; i < nthreads; i++) {
		pthread_join(tid[i], NULL);
		injected += res[i].injected;
		other += res[i].other;
	}
	if (shmctl(shmid, IPC_RMID, NULL) != 0)
		other++;
	printf("threads=%d calls=%ld injected=%ld other=%ld\n", nthreads, (long)nthreads * calls, injected, other);
	pthread_barrier_destroy(&start);
	free(tid);
	free(res);
	return other ? 1 : 0;
}
