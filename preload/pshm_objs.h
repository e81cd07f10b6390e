/* pshm_objs.h: which descriptors and mappings are POSIX shm objects, so
 * that ftruncate, mmap and munmap are ours only on them.
 *   - descriptors: those shm_open and memfd_create returned in this
 *     process (a table indexed by fd). An entry is trusted only while
 *     fstat of the fd still shows the object's inode: a close, a dup2 over
 *     it or a reuse of the number by open() is seen at the next call, so
 *     close and dup need no wrapper. Copies made by dup/fcntl are not
 *     followed. fork copies the table with the descriptors; exec empties it
 *     (shm_open's descriptors are close-on-exec, PM-LX5).
 *   - mappings: the ranges mmap gave for such a descriptor; munmap is ours
 *     when its range meets one (the whole recorded mapping is then forgotten).
 * Anything else (a regular file, anonymous memory) costs one load. */
#ifndef SHMFAULT_PSHM_OBJS_H
#define SHMFAULT_PSHM_OBJS_H

#include <stddef.h>

#include "engine.h"

/* Remember fd as the object NAME opened with oflag (after a successful
 * shm_open or memfd_create). */
void sf_pshm_fd_add(int fd, const char *name, int oflag);
/* Whether fd is a known object: then fills ci->name, obj_* (one fstat). */
int sf_pshm_fd_find(int fd, struct sf_callinfo *ci);
/* Remember a mapping of the object in ci, or forget the ones [addr, addr+len) meets. */
void sf_pshm_map_add(void *addr, size_t len, const struct sf_callinfo *ci);
/* Whether [addr, addr+len) meets a known mapping: fills ci->name, obj_*. */
int sf_pshm_map_find(const void *addr, size_t len, struct sf_callinfo *ci);
void sf_pshm_map_forget(const void *addr, size_t len);

#endif
