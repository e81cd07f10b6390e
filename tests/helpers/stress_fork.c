/* stress_fork.c: many forked children attaching and detaching.
 *   stress_fork [-c CHILDREN] [-k HELD]
 * The parent creates a segment and attaches it HELD (3) times, then forks
 * CHILDREN (200) children, one after another; each child (which inherits
 * the parent's HELD attachments) attaches the segment until shmat fails,
 * detaches what it attached, and exits with the number of its own
 * successful attaches (capped at 250). Prints one line:
 *   children=C held=K counts=N1[,N2...] errno=E
 * counts = the distinct per-child counts, ascending; errno = the name of
 * the failure that stopped the children (all the same, or "mixed"). Under
 * -p aix every child must attach exactly 11-HELD more and stop on EMFILE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define CAP 250

int main(int argc, char **argv)
{
	int children = 200, held = 3, c;
	while ((c = getopt(argc, argv, "c:k:")) != -1) {
		switch (c) {
		case 'c': children = atoi(optarg); break;
		case 'k': held = atoi(optarg); break;
		default: return 2;
		}
	}
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (id < 0) {
		perror("stress_fork: shmget");
		return 1;
	}
	for (int i = 0; i < held; i++)
		if (shmat(id, NULL, 0) == (void *)-1) {
			perror("stress_fork: shmat");
			return 1;
		}
	int seen[CAP + 1] = {0};
	int last_errno = -1;
	for (int i = 0; i < children; i++) {
		int pfd[2];
		if (pipe(pfd) != 0) {
			perror("stress_fork: pipe");
			return 1;
		}
		pid_t pid = fork();
		if (pid < 0) {
			perror("stress_fork: fork");
			return 1;
		}
		if (pid == 0) {
			void *mine[CAP];
			int n = 0;
			errno = 0;
			while (n < CAP && (mine[n] = shmat(id, NULL, 0)) != (void *)-1)
				n++;
			int e = n < CAP ? errno : 0;
			for (int j = 0; j < n; j++)
				if (shmdt(mine[j]) != 0)
					_exit(255);
			if (write(pfd[1], &e, sizeof e) != sizeof e)
				_exit(255);
			_exit(n);
		}
		close(pfd[1]);
		int e = -1, st;
		if (read(pfd[0], &e, sizeof e) != sizeof e)
			e = -1;
		close(pfd[0]);
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) > CAP) {
			fprintf(stderr, "stress_fork: child %d failed (status 0x%x)\n", i, st);
			return 1;
		}
		seen[WEXITSTATUS(st)]++;
		last_errno = last_errno == -1 || last_errno == e ? e : -2;
	}
	printf("children=%d held=%d counts=", children, held);
	const char *sep = "";
	for (int n = 0; n <= CAP; n++)
		if (seen[n]) {
			printf("%s%d", sep, n);
			sep = ",";
		}
	printf(" errno=%s\n", last_errno == -2 ? "mixed" : last_errno == EMFILE ? "EMFILE"
	       : last_errno == 0 ? "none" : strerror(last_errno));
	shmctl(id, IPC_RMID, NULL);
	return 0;
}
