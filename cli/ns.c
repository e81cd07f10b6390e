/* ns.c: the namespaces of a sandbox (see sandbox.h, sandbox_int.h): enter
 * them, renew the IPC one between runs, list and remove what a run left
 * (its segments, its processes in host mode). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox_int.h"
#include "state.h"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Called in the helper: new IPC and PID namespaces, as root directly,
 * otherwise inside a new user namespace that maps our own ids. */
enum sf_ns_mode sf_ns_enter(void)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	if (uid == 0 && unshare(CLONE_NEWIPC | CLONE_NEWPID) == 0)
		return SF_NS_IPC;
	if (unshare(CLONE_NEWUSER | CLONE_NEWIPC | CLONE_NEWPID) < 0)
		return SF_NS_HOST;
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
	if (write_file("/proc/self/setgroups", "deny") < 0 || write_file("/proc/self/uid_map", map) < 0)
		_exit(121);
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
	if (write_file("/proc/self/gid_map", map) < 0)
		_exit(121);
	return SF_NS_USER;
}

/* The reaper (PID 1 of the new PID namespace): a /proc of its own PID
 * namespace in a private mount namespace, so that the TIDs of seccomp
 * notifications (which are in the reaper's namespace) name the right
 * /proc/TID/maps (the kernel backend's sites and process view); and a
 * tmpfs on /dev/shm, so that the run's POSIX objects are its own (issue
 * 16). MS_SLAVE: the host's mounts still show, ours never reach it. 0/-1
 * for /proc; *pshm_errno: 0, or why /dev/shm stays the host's. */
int sf_ns_own_proc(int *pshm_errno)
{
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0) {
		*pshm_errno = errno ? errno : EPERM;
		return -1;
	}
	*pshm_errno = sf_pshm_mount(SF_DEV_SHM);
	return mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

enum sf_ns_mode sf_sandbox_probe(void)
{
	static int probed = -1;
	if (probed >= 0)
		return (enum sf_ns_mode)probed;
	pid_t p = fork();
	if (p == 0)
		_exit((int)sf_ns_enter());
	int st;
	if (p < 0 || waitpid(p, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 2)
		probed = SF_NS_HOST;
	else
		probed = WEXITSTATUS(st);
	return (enum sf_ns_mode)probed;
}

static void add_leak(struct sf_sandbox_result *res, int id, const struct shmid_ds *ds)
{
	if (res->nleaked < SF_MAX_LEAKS)
		res->leaked[res->nleaked] = (struct sf_segment){
			id, (int32_t)ds->shm_perm.__key, (uint64_t)ds->shm_segsz, (int)ds->shm_cpid,
			(int)ds->shm_nattch, (int)(ds->shm_perm.mode & 0777), SF_LEAK_SEGMENT, 0, ""};
	res->nleaked++;
}

/* Every segment of this (private) IPC namespace is the run's: list, remove. */
void sf_ns_scan(struct sf_sandbox_result *res)
{
	struct shm_info info;
	int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
	for (int idx = 0; idx <= maxidx; idx++) {
		struct shmid_ds ds;
#ifdef SHM_STAT_ANY
		int id = shmctl(idx, SHM_STAT_ANY, &ds);
		if (id < 0)
#endif
			id = shmctl(idx, SHM_STAT, &ds);
		if (id < 0)
			continue;
		add_leak(res, id, &ds);
		shmctl(id, IPC_RMID, NULL);
	}
}

/* Host namespace: only the segments the run created (recorded by the
 * library in the state file) and still created by the same pid. */
void sf_ns_scan_created(struct sf_sandbox_result *res, const char *state_path)
{
	char err[256];
	struct sf_state *st = state_path ? sf_state_map(state_path, err, sizeof err) : NULL;
	if (!st)
		return;
	uint32_t n = st->ncreated < SF_MAX_CREATED ? st->ncreated : SF_MAX_CREATED;
	for (uint32_t i = 0; i < n; i++) {
		struct shmid_ds ds;
		if (shmctl(st->created[i].shmid, IPC_STAT, &ds) < 0 || (int)ds.shm_cpid != st->created[i].pid)
			continue;
		int dup = 0;
		for (int j = 0; j < res->nleaked && j < SF_MAX_LEAKS; j++)
			dup |= res->leaked[j].shmid == st->created[i].shmid;
		if (dup)
			continue;
		add_leak(res, st->created[i].shmid, &ds);
		shmctl(st->created[i].shmid, IPC_RMID, NULL);
	}
}

void sf_ns_scan_cpids(struct sf_sandbox_result *res, const pid_t *pids, int n)
{
	struct shm_info info;
	int max = n > 0 ? shmctl(0, SHM_INFO, (struct shmid_ds *)&info) : -1;
	for (int idx = 0; idx <= max; idx++) {
		struct shmid_ds ds;
		int id = shmctl(idx, SHM_STAT_ANY, &ds), mine = 0, dup = 0;
		for (int k = 0; id >= 0 && k < n; k++)
			mine |= (pid_t)ds.shm_cpid == pids[k];
		for (int j = 0; mine && j < res->nleaked && j < SF_MAX_LEAKS; j++)
			dup |= res->leaked[j].shmid == id;
		if (!mine || dup)
			continue;
		add_leak(res, id, &ds);
		shmctl(id, IPC_RMID, NULL);
	}
}

/* Host mode: kill our children (orphans reparent to us, a subreaper) until
 * none is left. */
void sf_ns_kill_children(void)
{
	char path[64], buf[4096];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	for (int round = 0; round < 1000; round++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (n <= 0)
			return;
		buf[n] = 0;
		for (char *p = buf; *p;) {
			char *end;
			long pid = strtol(p, &end, 10);
			if (end == p)
				break;
			kill((pid_t)pid, SIGKILL);
			p = end;
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
}

/* A fresh start for the next run in this PID namespace: a new IPC namespace
 * (the old one, emptied by the scan, goes with its last process), a new
 * tmpfs on /dev/shm (pshm: the slot has its own) and the next PID at 2. 0,
 * or -1 when the kernel refuses (the slot then ends). */
int sf_ns_renew(int pshm)
{
	if (unshare(CLONE_NEWIPC) < 0 || (pshm && sf_pshm_renew(SF_DEV_SHM) < 0))
		return -1;
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, "1", 1);
	close(fd);
	return w == 1 ? 0 : -1;
}

