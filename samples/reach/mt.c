/* mt.c: threads and a fork of a static program under the filter: two
 * threads and a forked child each make shmget + shmctl(IPC_RMID) through
 * libc.  stdout "mt: failed=N" (calls that failed), exit 0. */
#include <pthread.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static int one(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	if (id < 0)
		return 1;
	return shmctl(id, IPC_RMID, NULL) < 0;
}

static void *worker(void *arg)
{
	*(int *)arg = one();
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	int f[2] = { 0, 0 };
	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, worker, &f[i]))
			return 2;
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pid_t c = fork();
	if (c == 0)
		_exit(one());
	int st = 0;
	waitpid(c, &st, 0);
	int failed = f[0] + f[1] + (!WIFEXITED(st) || WEXITSTATUS(st));
	printf("mt: failed=%d\n", failed);
	return 0;
}
