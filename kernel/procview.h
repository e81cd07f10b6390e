/* procview.h: what the supervisor can learn about a stopped caller at
 * syscall entry, from /proc/TID/maps and IPC_STAT (reference/backends.md
 * §4).  The engine's "process view" under the kernel backend is built on
 * these.  The supervisor must live in the run's IPC namespace. */
#ifndef SHMFAULT_KPROCVIEW_H
#define SHMFAULT_KPROCVIEW_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* "module+0xOFF" for an address in TID's address space, the module being
 * the mapped file's base name and OFF the address minus the file's load
 * base (the start of its mapping at file offset 0), as preload/site.c
 * reports; "0xADDR" outside any file mapping.  0, or -errno when maps
 * cannot be read (the thread is gone). */
int sf_kview_site(pid_t tid, uint64_t addr, char *buf, size_t len);

/* The SysV attachment containing ADDR in TID: a mapping named
 * /SYSV%08x (the key) whose inode column is the shmid.  1 found (shmid and
 * key set), 0 none, -errno. */
int sf_kview_shm_at(pid_t tid, uint64_t addr, int *shmid, int *key);

/* Attachments of PID now: SysV mappings at file offset 0 (one per shmat;
 * mprotect may split one, the later pieces have offset > 0).  -errno. */
int sf_kview_attach_count(pid_t pid);

/* 1 when PID has SHMID attached, 0 not, -errno. */
int sf_kview_is_attached(pid_t pid, int shmid);

/* IPC_STAT of SHMID (a marked call, so a supervisor that is itself under
 * the filter is not notified): key, and SHM_DEST (removed, still attached).
 * 0, or -errno (EINVAL: no such segment, EACCES: no read permission). */
int sf_kview_stat(int shmid, int *key, int *dest);

#endif
