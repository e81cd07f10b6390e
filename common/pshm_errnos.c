/* pshm_errnos.c: the documented errnos of the POSIX shared memory calls
 * (shm_open, shm_unlink; ftruncate, mmap, munmap as they apply to a shm
 * object). Sources: POSIX.1-2024 XSH shm_open, shm_unlink (P8-open,
 * P8-unlink); POSIX.1-2001 ftruncate, mmap, munmap (man3p); Linux
 * man-pages 6.03 shm_open(3), truncate(2), mmap(2); posix-shm.md §4. */
#include <errno.h>

#include "errnos.h"

static const struct sf_doc_errno shm_open_errnos[] = {
	{EACCES, "the object exists and oflag asks for access it denies, creating is not permitted, or O_TRUNC without write permission", "shm_open(3); POSIX shm_open"},
	{EEXIST, "O_CREAT|O_EXCL was given and the object exists", "shm_open(3); POSIX shm_open"},
	{EINTR, "interrupted by a signal", "POSIX shm_open"},
	{EINVAL, "the name is not supported (glibc: empty, or a '/' after the leading ones)", "shm_open(3); POSIX shm_open; PM-LX1"},
	{EMFILE, "the per-process limit on open descriptors was reached", "shm_open(3); POSIX shm_open"},
	{ENAMETOOLONG, "the name is too long (may fail: PATH_MAX, NAME_MAX)", "shm_open(3); POSIX shm_open; PM-LX2"},
	{ENFILE, "the system-wide limit on open files was reached", "shm_open(3); POSIX shm_open"},
	{ENOENT, "no object of that name and O_CREAT was not given", "shm_open(3); POSIX shm_open"},
	{ENOSPC, "no space to create the object (tmpfs inodes or space)", "POSIX shm_open; PM-LX7"},
};

static const struct sf_doc_errno shm_unlink_errnos[] = {
	{EACCES, "permission to remove the object is denied (Linux: sticky /dev/shm, not the owner)", "shm_open(3); POSIX shm_unlink; PM-LX9"},
	{ENAMETOOLONG, "the name is too long", "shm_open(3); POSIX shm_unlink"},
	{ENOENT, "no object of that name (glibc 2.36: also an invalid name)", "shm_open(3); POSIX shm_unlink; PM-LX1"},
};

static const struct sf_doc_errno ftruncate_errnos[] = {
	{EBADF, "fd is not a valid descriptor", "truncate(2); POSIX ftruncate"},
	{EFBIG, "length is above the file size limit (RLIMIT_FSIZE; SIGXFSZ too)", "truncate(2); POSIX ftruncate; PM-LX10"},
	{EINTR, "interrupted by a signal", "truncate(2); POSIX ftruncate"},
	{EINVAL, "length is negative, or fd is not open for writing (macOS: the object is already sized, PM-MC4)", "truncate(2); POSIX ftruncate"},
	{EIO, "an I/O error", "truncate(2); POSIX ftruncate"},
	{EPERM, "a seal (F_SEAL_SHRINK, F_SEAL_GROW) forbids the change", "truncate(2); fcntl(2) File Sealing; PM-LX14"},
};

static const struct sf_doc_errno mmap_errnos[] = {
	{EACCES, "fd not open for reading, or MAP_SHARED with PROT_WRITE on a descriptor not open read-write", "mmap(2); POSIX mmap"},
	{EAGAIN, "the mapping could not be locked (MAP_LOCKED, RLIMIT_MEMLOCK)", "mmap(2); POSIX mmap"},
	{EBADF, "fd is not a valid descriptor", "mmap(2); POSIX mmap"},
	{EINVAL, "bad addr, length 0, an unaligned offset, or neither MAP_SHARED nor MAP_PRIVATE", "mmap(2); POSIX mmap; PM-LX11"},
	{ENFILE, "the system-wide limit on open files was reached", "mmap(2)"},
	{ENODEV, "the file system does not support memory mapping", "mmap(2); POSIX mmap"},
	{ENOMEM, "no memory, or the process's maximum number of mappings would be exceeded", "mmap(2); POSIX mmap"},
	{ENXIO, "the range is not valid for the object", "POSIX mmap"},
	{EOVERFLOW, "offset plus length overflows off_t", "mmap(2); POSIX mmap"},
	{EPERM, "PROT_EXEC on a noexec mount, or a seal forbids a writable shared mapping", "mmap(2); PM-LX14"},
};

static const struct sf_doc_errno munmap_errnos[] = {
	{EINVAL, "addr not a multiple of the page size, length 0, or a range outside the address space", "munmap(2); POSIX munmap; P-mmap0"},
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

const struct sf_doc_errno *sf_pshm_documented(enum sf_call c, int *n)
{
	switch (c) {
	case SF_SHM_OPEN: *n = N(shm_open_errnos); return shm_open_errnos;
	case SF_SHM_UNLINK: *n = N(shm_unlink_errnos); return shm_unlink_errnos;
	case SF_FTRUNCATE: *n = N(ftruncate_errnos); return ftruncate_errnos;
	case SF_MMAP: *n = N(mmap_errnos); return mmap_errnos;
	case SF_MUNMAP: *n = N(munmap_errnos); return munmap_errnos;
	default: *n = 0; return 0;
	}
}
