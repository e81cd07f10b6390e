/* procview.c: /proc/TID/maps lines are "start-end perms offset dev inode
 * path" (proc(5)); a SysV segment maps as "/SYSV%08x (deleted)" with the
 * shmid as inode (ipc/shm.c names its shmem file "SYSV%08x"). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procview.h"
#include "shmmark.h"

struct map {
	uint64_t start, end, off;
	unsigned long inode;
	char path[256];
};

static FILE *open_maps(pid_t tid)
{
	char p[64];
	snprintf(p, sizeof p, "/proc/%d/maps", (int)tid);
	return fopen(p, "re");
}

static int next_map(FILE *f, struct map *m)
{
	char line[512];
	if (!fgets(line, sizeof line, f))
		return 0;
	int pos = 0;
	m->path[0] = 0;
	if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %*s %" SCNx64 " %*s %lu %n", &m->start, &m->end,
		   &m->off, &m->inode, &pos) < 4)
		return -1;
	snprintf(m->path, sizeof m->path, "%s", line + pos);
	m->path[strcspn(m->path, "\n")] = 0;
	return 1;
}

static int sysv_key(const struct map *m, int *key)
{
	unsigned k;
	if (sscanf(m->path, "/SYSV%8x", &k) != 1)
		return 0;
	*key = (int)k;
	return 1;
}

int sf_kview_site(pid_t tid, uint64_t addr, char *buf, size_t len)
{
	FILE *f = open_maps(tid);
	if (!f)
		return -errno;
	struct map m;
	char base_path[256] = "";
	uint64_t base = 0;
	int r, found = 0;
	while ((r = next_map(f, &m)) != 0) {
		if (r < 0 || m.path[0] != '/')
			continue;
		if (m.off == 0 && strcmp(m.path, base_path)) {
			base = m.start; /* the file's load base: its offset-0 mapping */
			snprintf(base_path, sizeof base_path, "%s", m.path);
		}
		if (addr >= m.start && addr < m.end) {
			found = !strcmp(m.path, base_path);
			break;
		}
	}
	fclose(f);
	if (!found) {
		snprintf(buf, len, "0x%" PRIx64, addr);
		return 0;
	}
	const char *mod = strrchr(base_path, '/') + 1;
	snprintf(buf, len, "%s+0x%" PRIx64, mod, addr - base);
	return 0;
}

int sf_kview_shm_at(pid_t tid, uint64_t addr, int *shmid, int *key)
{
	FILE *f = open_maps(tid);
	if (!f)
		return -errno;
	struct map m;
	int r, found = 0;
	while (!found && (r = next_map(f, &m)) != 0)
		if (r > 0 && addr >= m.start && addr < m.end && sysv_key(&m, key)) {
			*shmid = (int)m.inode;
			found = 1;
		}
	fclose(f);
	return found;
}

/* Counts the SysV attachments (offset-0 pieces) of PID, of SHMID or all (-1). */
static int each_attach(pid_t pid, int shmid)
{
	FILE *f = open_maps(pid);
	if (!f)
		return -errno;
	struct map m;
	int r, n = 0, key;
	while ((r = next_map(f, &m)) != 0)
		if (r > 0 && m.off == 0 && sysv_key(&m, &key) && (shmid < 0 || (int)m.inode == shmid))
			n++;
	fclose(f);
	return n;
}

int sf_kview_attach_count(pid_t pid)
{
	return each_attach(pid, -1);
}

int sf_kview_is_attached(pid_t pid, int shmid)
{
	int n = each_attach(pid, shmid);
	return n < 0 ? n : n > 0;
}

int sf_kview_stat(int shmid, int *key, int *dest)
{
	struct shmid_ds ds;
	if (syscall(SYS_shmctl, shmid, IPC_STAT, &ds, 0L, 0L, (long)SF_MARK_COOKIE) < 0)
		return -errno;
	if (key)
		*key = (int)ds.shm_perm.__key;
	if (dest)
		*dest = (ds.shm_perm.mode & SHM_DEST) != 0;
	return 0;
}
