/* errnos.c: documented errnos per call, and errno names.
 * Sources: Linux man-pages 6.03 shmget(2), shmop(2), shmctl(2), ftok(3);
 * POSIX.1-2017 XSH shmget, shmat, shmdt, shmctl, ftok (reference/
 * tools-and-anchors.md §4.1 and §4.5, reference/platforms.md §2). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errnos.h"

static const struct sf_doc_errno shmget_errnos[] = {
	{EACCES, "a segment exists for key, but the caller lacks the permissions requested by shmflg", "shmget(2); POSIX shmget"},
	{EEXIST, "IPC_CREAT|IPC_EXCL was given and a segment already exists for key", "shmget(2); POSIX shmget"},
	{EINVAL, "size is below SHMMIN or above SHMMAX, or the existing segment is smaller than size", "shmget(2); POSIX shmget"},
	{ENFILE, "the system-wide limit on open files was reached", "shmget(2)"},
	{ENOENT, "no segment exists for key and IPC_CREAT was not given", "shmget(2); POSIX shmget"},
	{ENOMEM, "no memory could be allocated for the segment overhead", "shmget(2); POSIX shmget"},
	{ENOSPC, "all possible ids are taken (SHMMNI), or the size would exceed SHMALL", "shmget(2); POSIX shmget"},
	{EPERM, "SHM_HUGETLB was given without CAP_IPC_LOCK and outside hugetlb_shm_group", "shmget(2)"},
};

static const struct sf_doc_errno shmat_errnos[] = {
	{EACCES, "the caller lacks the permission the attach type needs", "shmop(2); POSIX shmat"},
	{EIDRM, "shmid points to a removed identifier", "shmop(2)"},
	{EINVAL, "invalid shmid, unaligned shmaddr without SHM_RND, attach failed, or SHM_REMAP with a NULL shmaddr", "shmop(2); POSIX shmat"},
	{EMFILE, "attaching would exceed the per-process limit on attached segments", "POSIX shmat"},
	{ENOMEM, "no memory for the descriptor or the page tables", "shmop(2); POSIX shmat"},
};

static const struct sf_doc_errno shmdt_errnos[] = {
	{EINVAL, "no segment is attached at shmaddr, or shmaddr is not page aligned", "shmop(2); POSIX shmdt"},
};

static const struct sf_doc_errno shmctl_errnos[] = {
	{EACCES, "IPC_STAT or SHM_STAT without read permission", "shmctl(2); POSIX shmctl"},
	{EFAULT, "IPC_SET or IPC_STAT with an inaccessible buf", "shmctl(2)"},
	{EIDRM, "shmid points to a removed identifier", "shmctl(2)"},
	{EINVAL, "invalid cmd or shmid, or the segment was removed", "shmctl(2); POSIX shmctl"},
	{ENOMEM, "SHM_LOCK would exceed RLIMIT_MEMLOCK", "shmctl(2)"},
	{EOVERFLOW, "IPC_STAT: the uid or gid does not fit in buf", "shmctl(2); POSIX shmctl"},
	{EPERM, "IPC_SET or IPC_RMID by a process that is neither creator, owner nor privileged", "shmctl(2); POSIX shmctl"},
};

/* ftok fails as stat(2) fails on the path. */
static const struct sf_doc_errno ftok_errnos[] = {
	{EACCES, "search permission denied on a component of the path", "ftok(3); POSIX ftok"},
	{ELOOP, "too many symbolic links while resolving the path", "ftok(3); POSIX ftok"},
	{ENAMETOOLONG, "the path or a component is too long", "ftok(3); POSIX ftok"},
	{ENOENT, "a component of the path does not exist", "ftok(3); POSIX ftok"},
	{ENOTDIR, "a component of the path prefix is not a directory", "ftok(3); POSIX ftok"},
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

const struct sf_doc_errno *sf_documented(enum sf_call c, int *n)
{
	switch (c) {
	case SF_SHMGET: *n = N(shmget_errnos); return shmget_errnos;
	case SF_SHMAT: *n = N(shmat_errnos); return shmat_errnos;
	case SF_SHMDT: *n = N(shmdt_errnos); return shmdt_errnos;
	case SF_SHMCTL: *n = N(shmctl_errnos); return shmctl_errnos;
	case SF_FTOK: *n = N(ftok_errnos); return ftok_errnos;
	default: return sf_pshm_documented(c, n); /* pshm_errnos.c */
	}
}

int sf_is_documented(enum sf_call c, int err)
{
	int n;
	const struct sf_doc_errno *d = sf_documented(c, &n);
	for (int i = 0; i < n; i++)
		if (d[i].err == err)
			return 1;
	return 0;
}

/* Every errno name glibc's <errno.h> defines on Linux (aliases such as
 * EWOULDBLOCK and EDEADLOCK last, so the canonical name is found first). */
static const struct { int err; const char *name; } names[] = {
#define E(x) {x, #x},
	E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC)
	E(EBADF) E(ECHILD) E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(ENOTBLK)
	E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR) E(EISDIR) E(EINVAL)
	E(ENFILE) E(EMFILE) E(ENOTTY) E(ETXTBSY) E(EFBIG) E(ENOSPC) E(ESPIPE)
	E(EROFS) E(EMLINK) E(EPIPE) E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG)
	E(ENOLCK) E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EIDRM) E(ECHRNG)
	E(EL2NSYNC) E(EL3HLT) E(EL3RST) E(ELNRNG) E(EUNATCH) E(ENOCSI) E(EL2HLT)
	E(EBADE) E(EBADR) E(EXFULL) E(ENOANO) E(EBADRQC) E(EBADSLT) E(EBFONT)
	E(ENOSTR) E(ENODATA) E(ETIME) E(ENOSR) E(ENONET) E(ENOPKG) E(EREMOTE)
	E(ENOLINK) E(EADV) E(ESRMNT) E(ECOMM) E(EPROTO) E(EMULTIHOP) E(EDOTDOT)
	E(EBADMSG) E(EOVERFLOW) E(ENOTUNIQ) E(EBADFD) E(EREMCHG) E(ELIBACC)
	E(ELIBBAD) E(ELIBSCN) E(ELIBMAX) E(ELIBEXEC) E(EILSEQ) E(ERESTART)
	E(ESTRPIPE) E(EUSERS) E(ENOTSOCK) E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE)
	E(ENOPROTOOPT) E(EPROTONOSUPPORT) E(ESOCKTNOSUPPORT) E(EOPNOTSUPP)
	E(EPFNOSUPPORT) E(EAFNOSUPPORT) E(EADDRINUSE) E(EADDRNOTAVAIL) E(ENETDOWN)
	E(ENETUNREACH) E(ENETRESET) E(ECONNABORTED) E(ECONNRESET) E(ENOBUFS)
	E(EISCONN) E(ENOTCONN) E(ESHUTDOWN) E(ETOOMANYREFS) E(ETIMEDOUT)
	E(ECONNREFUSED) E(EHOSTDOWN) E(EHOSTUNREACH) E(EALREADY) E(EINPROGRESS)
	E(ESTALE) E(EUCLEAN) E(ENOTNAM) E(ENAVAIL) E(EISNAM) E(EREMOTEIO) E(EDQUOT)
	E(ENOMEDIUM) E(EMEDIUMTYPE) E(ECANCELED) E(ENOKEY) E(EKEYEXPIRED)
	E(EKEYREVOKED) E(EKEYREJECTED) E(EOWNERDEAD) E(ENOTRECOVERABLE) E(ERFKILL)
	E(EHWPOISON) E(ENOTSUP) E(EWOULDBLOCK) E(EDEADLOCK)
#undef E
};

const char *sf_errno_name(int err)
{
	for (int i = 0; i < N(names); i++)
		if (names[i].err == err)
			return names[i].name;
	return NULL;
}

int sf_errno_parse(const char *s, unsigned long len)
{
	if (len == 0 || len > 31)
		return -1;
	if (s[0] >= '0' && s[0] <= '9') {
		long v = 0;
		for (unsigned long i = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			v = v * 10 + (s[i] - '0');
			if (v > 4095)
				return -1;
		}
		return v >= 1 ? (int)v : -1;
	}
	for (int i = 0; i < N(names); i++)
		if (strlen(names[i].name) == len && memcmp(names[i].name, s, len) == 0)
			return names[i].err;
	return -1;
}
