/* stress_threads.c: many threads attaching and detaching one segment.
 *   stress_threads [-t THREADS] [-n CALLS] [-l HOLDERS]
 * THREADS (16) threads, released together by a barrier, each call shmat
 * then (when it succeeded) shmdt CALLS (10000) times. With -l, a semaphore
 * lets at most HOLDERS threads hold an attachment at once (so a per-process
 * attach limit of HOLDERS or more is never reached). Prints one line:
 *   threads=T attempts=A ok=S eacces=I emfile=M other=E maxheld=H
 * eacces = shmat failures with EACCES (the injected ones), emfile = refused
 * with EMFILE (AIX's AX1), other = any other failure, maxheld = the most
 * attachments this process held at once (counted between a successful
 * shmat and its shmdt). Exit 0, 1 when a call failed unexpectedly. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static int shmid;
static long calls = 10000;
static int holders;
static sem_t slots;
static pthread_barrier_t start;
static long held, maxheld;

struct result {
	long ok, eacces, emfile, other;
};

static void *worker(void *arg)
{
	struct result *r = arg;
	pthread_barrier_wait(&start);
	for (long i = 0; i < calls; i++) {
		if (holders)
			while (sem_wait(&slots) != 0)
				;
		errno = 0;
		void *p = shmat(shmid, NULL, 0);
		if (p == (void *)-1) {
			if (errno == EACCES)
				r->eacces++;
			else if (errno == EMFILE)
				r->emfile++;
			else
				r->other++;
		} else {
			r->ok++;
			long h = __atomic_add_fetch(&held, 1, __ATOMIC_SEQ_CST);
			long m = __atomic_load_n(&maxheld, __ATOMIC_SEQ_CST);
			while (h > m && !__atomic_compare_exchange_n(&maxheld, &m, h, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
				;
			__atomic_fetch_add((int *)p, 1, __ATOMIC_RELAXED);
			__atomic_sub_fetch(&held, 1, __ATOMIC_SEQ_CST);
			if (shmdt(p) != 0)
				r->other++;
		}
		if (holders)
			sem_post(&slots);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = 16, c;
	while ((c = getopt(argc, argv, "t:n:l:")) != -1) {
		switch (c) {
		case 't': nthreads = atoi(optarg); break;
		case 'n': calls = atol(optarg); break;
		case 'l': holders = atoi(optarg); break;
		default: return 2;
		}
	}
	if (nthreads < 1 || nthreads > 1024 || calls < 0 || holders < 0) {
		fprintf(stderr, "stress_threads: bad -t, -n or -l\n");
		return 2;
	}
	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid < 0) {
		perror("stress_threads: shmget");
		return 1;
	}
	pthread_t *tid = calloc((size_t)nthreads, sizeof *tid);
	struct result *res = calloc((size_t)nthreads, sizeof *res);
	if (!tid || !res || pthread_barrier_init(&start, NULL, (unsigned)nthreads) != 0 ||
	    (holders && sem_init(&slots, 0, (unsigned)holders) != 0)) {
		perror("stress_threads");
		return 1;
	}
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&tid[i], NULL, worker, &res[i]) != 0) {
			perror("stress_threads: pthread_create");
			return 1;
		}
	struct result t = {0};
	for (int i = 0; i < nthreads; i++) {
		pthread_join(tid[i], NULL);
		t.ok += res[i].ok;
		t.eacces += res[i].eacces;
		t.emfile += res[i].emfile;
		t.other += res[i].other;
	}
	if (shmctl(shmid, IPC_RMID, NULL) != 0)
		t.other++;
	printf("threads=%d attempts=%ld ok=%ld eacces=%ld emfile=%ld other=%ld maxheld=%ld\n", nthreads,
	       (long)nthreads * calls, t.ok, t.eacces, t.emfile, t.other, maxheld);
	free(tid);
	free(res);
	return t.other ? 1 : 0;
}
