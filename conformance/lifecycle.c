/*
 * lifecycle.c: attachments across fork, exec and exit (shm_nattch), data
 * shared between processes, shm_cpid and shm_lpid.
 *
 *   lifecycle                 the tests
 *   lifecycle --hold RFD WFD  (internal) the image after exec: reports on
 *                             WFD, waits for a byte on RFD, exits
 */
#include "conf.h"

static unsigned long nattch(int id)
{
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) == -1)
		return 9999;
	return (unsigned long)ds.shm_nattch;
}

/* COVER(shmat | fork: the child inherits the attachment (nattch +1) | fork+1 | native | lifecycle_nattch | shmctl01) */
/* COVER(shmat | exec: the attachment is not carried into the new image (nattch -1) | exec-1 | native | lifecycle_nattch | -) */
/* COVER(shmat | exit: attachments are detached (nattch -1) | exit-1 | native | lifecycle_nattch | shmctl01) */
/* COVER(shmat | a forked child sees and changes the parent's data | ok | native | - | -) */
/* COVER(shmat | shm_cpid is the creator, shm_lpid the last attacher | ok | native | - | shmctl01) */
static void lifecycle(const char *self)
{
	struct conf_exp e;
	const char *cond = "fork adds one to shm_nattch, exec and exit take it off";
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0);
	int go[2], ready[2];
	char x, got[200], rfd[16], wfd[16];
	unsigned long n0, n_fork, n_exec, n_exit;
	pid_t c;

	if (id == -1 || p == (void *)-1)
		tap_bail("cannot create and attach a segment");
	if (!conf_expect(&e, "shmat", "lifecycle_nattch", cond, "fork+1,exec-1,exit-1", "POSIX fork, exec, _exit (attachments)")) {
		conf_rm(id);
		return;
	}
	if (pipe(go) || pipe(ready))
		tap_bail("pipe");
	n0 = nattch(id);
	fflush(stdout);
	c = fork();
	if (c == 0) {
		/* inherited: tell the parent, wait, then exec */
		p[0] = 'c';
		x = 'f';
		if (write(ready[1], &x, 1) != 1 || read(go[0], &x, 1) != 1)
			_exit(1);
		snprintf(rfd, sizeof rfd, "%d", go[0]);
		snprintf(wfd, sizeof wfd, "%d", ready[1]);
		execl(self, self, "--hold", rfd, wfd, (char *)NULL);
		_exit(127);
	}
	if (read(ready[0], &x, 1) != 1)
		x = 0;
	n_fork = nattch(id);
	cond = "a forked child sees and changes the parent's data";
	conf_point(p[0] == 'c', "shmat", "-", cond, "POSIX fork (attachments inherited)", "c", p[0] == 'c' ? "c" : "unchanged");
	x = 'g';
	if (write(go[1], &x, 1) != 1 || read(ready[0], &x, 1) != 1) /* the new image reports */
		x = 0;
	n_exec = nattch(id);
	if (write(go[1], &x, 1) != 1)
		x = 0;
	waitpid(c, NULL, 0);

	/* exit: a child that inherits and exits without shmdt */
	fflush(stdout);
	c = fork();
	if (c == 0)
		_exit(0);
	waitpid(c, NULL, 0);
	n_exit = nattch(id);

	cond = "fork adds one to shm_nattch, exec and exit take it off";
	snprintf(got, sizeof got, "nattch %lu, after fork %lu, after the child's exec %lu, after a child's exit %lu", n0, n_fork, n_exec, n_exit);
	conf_point(n0 == 1 && n_fork == 2 && n_exec == 1 && n_exit == 1, "shmat", "lifecycle_nattch", cond, e.rule,
		   "nattch 1, after fork 2, after the child's exec 1, after a child's exit 1", got);

	cond = "shm_cpid is the creator; shm_lpid the last process to attach";
	{
		struct shmid_ds ds;
		int fd[2], back[2];
		pid_t ch;
		if (pipe(fd) || pipe(back))
			tap_bail("pipe");
		fflush(stdout);
		ch = fork();
		if (ch == 0) {
			shmdt(p); /* the inherited one: some platforms refuse a second attach */
			void *q = shmat(id, NULL, 0);
			x = q == (void *)-1 ? 'f' : 'a';
			if (write(fd[1], &x, 1) != 1)
				_exit(1);
			/* stay attached until the parent has looked */
			if (read(back[0], &x, 1) != 1)
				_exit(1);
			_exit(0);
		}
		if (read(fd[0], &x, 1) != 1)
			x = 0;
		shmctl(id, IPC_STAT, &ds);
		x = 'g';
		if (write(back[1], &x, 1) != 1)
			x = 0;
		waitpid(ch, NULL, 0);
		close(fd[0]);
		close(fd[1]);
		close(back[0]);
		close(back[1]);
		char exp[96];
		snprintf(exp, sizeof exp, "cpid=%ld,lpid=%ld,nattch=2", (long)getpid(), (long)ch);
		snprintf(got, sizeof got, "cpid=%ld,lpid=%ld,nattch=%lu", (long)ds.shm_cpid, (long)ds.shm_lpid, (unsigned long)ds.shm_nattch);
		conf_point(ds.shm_cpid == getpid() && ds.shm_lpid == ch && ds.shm_nattch == 2, "shmat", "-", cond,
			   "POSIX shmat (shm_lpid), shmget (shm_cpid)", exp, got);
	}
	shmdt(p);
	conf_rm(id);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--hold") == 0) {
		int rfd = atoi(argv[2]), wfd = atoi(argv[3]);
		char x = 'e';
		if (write(wfd, &x, 1) != 1 || read(rfd, &x, 1) != 1)
			return 1;
		return 0;
	}
	conf_load();
	tap_plan(0);
	lifecycle(argv[0]);
	return tap_done();
}
