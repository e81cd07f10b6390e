/* pm_rows.h: the POSIX shared memory rows of the personalities (included
 * by personalities.c inside their tables). Ids and sources are those of
 * ../shared/reference/posix-shm.md §4 (PM-*); expected/NAME.tsv has one row
 * per check, with the same ids. Kinds: personalities.h SF_PK_PSHM_*. */
#ifndef SHMFAULT_PM_ROWS_H
#define SHMFAULT_PM_ROWS_H

#define PM_POSIX_ROWS                                                                                        \
	R("PM-PX1", SF_SHM_OPEN, SF_PK_NONE, 0, 0, "name without a leading '/'",                                  \
	  "not simulated: implementation-defined (-p freebsd or -p solaris refuse it)", "EINVAL or ok", "High",   \
	  "posix-shm.md PM-PX1; P8-open"),                                                                         \
	R("PM-PX2", SF_SHM_OPEN, SF_PK_KERNEL, 0, 0, "long names", "a 32-byte name is within _XOPEN_NAME_MAX: ok", \
	  "ok", "High", "posix-shm.md PM-PX2; P8-open"),                                                           \
	R("PM-PX7", SF_FTRUNCATE, SF_PK_KERNEL, 0, 0, "resize, EFBIG", "any number of ftruncate; above RLIMIT_FSIZE EFBIG", \
	  "ok/EFBIG", "High", "posix-shm.md PM-PX7; P6-ftr"),                                                      \
	R("PM-PX8", SF_MMAP, SF_PK_KERNEL, 0, 0, "past the end", "whole pages past the object's end raise SIGBUS", \
	  "SIGBUS", "High", "posix-shm.md PM-PX8; P6-mmap")

/* macOS 10.15+ (XNU xnu-11417). */
#define PM_MACOS_ROWS                                                                                        \
	R("PM-MC1", SF_SHM_OPEN, SF_PK_PSHM_NAME, EINVAL, SF_PN_NONEMPTY, "empty name refused",                   \
	  "shm_open(\"\")", "EINVAL", "High", "posix-shm.md PM-MC1; X1 pshm_get_name"),                             \
	R("PM-MC1", SF_SHM_OPEN, SF_PK_NONE, 0, 0, "'/' is an ordinary byte",                                     \
	  "not simulated: \"x\" and \"/x\" stay one object (glibc strips the '/'), \"/a/b\" stays EINVAL", "other", \
	  "High", "posix-shm.md PM-MC1; X1 pshm_compare"),                                                          \
	R("PM-MC2", SF_SHM_OPEN, SF_PK_PSHM_NAMELEN, ENAMETOOLONG, 31, "name above 31 bytes",                     \
	  "shm_open of a name of 32 bytes or more, the '/' included (PSHMNAMLEN)", "ENAMETOOLONG", "High",         \
	  "posix-shm.md PM-MC2; X1 pshm_get_name, X-hdr"),                                                          \
	R("PM-MC3", SF_SHM_UNLINK, SF_PK_PSHM_NAMELEN, EINVAL, 31, "unlink of a long name gives EINVAL",          \
	  "shm_unlink of a name of 32 bytes or more", "EINVAL", "High", "posix-shm.md PM-MC3; X1 shm_unlink"),      \
	R("PM-MC3", SF_SHM_UNLINK, SF_PK_PSHM_NAME, EINVAL, SF_PN_NONEMPTY, "unlink of a bad name gives EINVAL",   \
	  "shm_unlink(\"\")", "EINVAL", "High", "posix-shm.md PM-MC3; X1 shm_unlink"),                              \
	R("PM-MC4", SF_FTRUNCATE, SF_PK_PSHM_TRUNC_ONCE, EINVAL, 0, "second ftruncate refused",                  \
	  "ftruncate of an object already sized once, by any process of the run (or sized before it)", "EINVAL",  \
	  "High", "posix-shm.md PM-MC4; X1 pshm_truncate"),                                                         \
	R("PM-MC5", SF_FTRUNCATE, SF_PK_KERNEL, 0, 0, "EFBIG", "above RLIMIT_FSIZE: EFBIG and SIGXFSZ", "EFBIG",   \
	  "High", "posix-shm.md PM-MC5; X-vfs"),                                                                    \
	R("PM-MC6", SF_FTRUNCATE, SF_PK_NONE, 0, 0, "st_size page-rounded",                                      \
	  "not simulated (fstat is not wrapped); mappings use the rounded size (PM-MC15)", "page", "High",         \
	  "posix-shm.md PM-MC6; X1"),                                                                               \
	R("PM-MC7", SF_SHM_OPEN, SF_PK_PSHM_OTRUNC, EINVAL, 0, "O_TRUNC on a sized object refused",              \
	  "shm_open with O_TRUNC of an existing object that has a size", "EINVAL", "High",                         \
	  "posix-shm.md PM-MC7; X1 shm_open"),                                                                      \
	R("PM-MC8", SF_SHM_OPEN, SF_PK_KERNEL, 0, 0, "O_WRONLY accepted", "O_RDONLY, O_WRONLY, O_RDWR accepted",  \
	  "ok", "High", "posix-shm.md PM-MC8; X1 shm_open"),                                                        \
	R("PM-MC10", SF_SHM_OPEN, SF_PK_NONE, 0, 0, "no umask", "not simulated: the umask applies (Linux)",       \
	  "0666", "High", "posix-shm.md PM-MC10; X1"),                                                              \
	R("PM-MC12", SF_SHM_OPEN, SF_PK_KERNEL, 0, 0, "order of errors", "EEXIST before EACCES; EMFILE before ENOENT", \
	  "EEXIST/EMFILE", "High", "posix-shm.md PM-MC12; X1 shm_open"),                                            \
	R("PM-MC14", SF_SHM_UNLINK, SF_PK_NONE, 0, 0, "unlink with write permission",                             \
	  "not simulated: Linux's sticky /dev/shm refuses a non-owner (EACCES)", "ok", "High",                     \
	  "posix-shm.md PM-MC14; X1 shm_unlink"),                                                                   \
	R("PM-MC15", SF_MMAP, SF_PK_PSHM_MAP, EINVAL, SF_PM_SHARED | SF_PM_SIZED | SF_PM_WRITE_EPERM,            \
	  "mapping checks", "MAP_PRIVATE, an unsized object, or past the page-rounded size: EINVAL; PROT_WRITE "  \
	  "MAP_SHARED of an O_RDONLY descriptor: EPERM", "EINVAL/EPERM", "High", "posix-shm.md PM-MC15; X1 pshm_mmap"), \
	R("PM-MC17", SF_MMAP, SF_PK_NONE, 0, 0, "fstat fields", "not simulated (fstat is not wrapped)", "none",    \
	  "High", "posix-shm.md PM-MC17; X1 pshm_stat")

#define PM_FREEBSD_ROWS                                                                                      \
	R("PM-FB1", SF_SHM_OPEN, SF_PK_PSHM_NAME, EINVAL, SF_PN_SLASH, "name without '/' refused",               \
	  "shm_open of a name not starting with '/'", "EINVAL", "High", "posix-shm.md PM-FB1; F1 shm_copyin_path"), \
	R("PM-FB1", SF_SHM_UNLINK, SF_PK_PSHM_NAME, EINVAL, SF_PN_SLASH, "unlink of a name without '/' refused",  \
	  "shm_unlink of a name not starting with '/' (13+)", "EINVAL", "High", "posix-shm.md PM-FB1; F1"),        \
	R("PM-FB1", SF_SHM_OPEN, SF_PK_NONE, 0, 0, "1023-byte names, no normalising",                             \
	  "not simulated: names of 256+ bytes, \"/a/b\" and \"//x\" keep Linux's results", "ok", "High",          \
	  "posix-shm.md PM-FB1; F1"),                                                                               \
	R("PM-FB3", SF_SHM_OPEN, SF_PK_PSHM_WRONLY, EINVAL, 0, "O_WRONLY refused", "shm_open with O_WRONLY",     \
	  "EINVAL", "High", "posix-shm.md PM-FB3; F1 kern_shm_open2"),                                              \
	R("PM-FB6", SF_SHM_OPEN, SF_PK_KERNEL, 0, 0, "order of errors", "EEXIST before EACCES; EMFILE before the lookup", \
	  "EEXIST/EMFILE", "High", "posix-shm.md PM-FB6; F1"),                                                      \
	R("PM-FB7", SF_SHM_OPEN, SF_PK_PSHM_RDONLY_TRUNC, 0, 0, "O_RDONLY|O_TRUNC does not truncate",             \
	  "shm_open with O_RDONLY|O_TRUNC: O_TRUNC is dropped", "kept", "High", "posix-shm.md PM-FB7; F1"),        \
	R("PM-FB8", SF_SHM_UNLINK, SF_PK_NONE, 0, 0, "unlink needs read and write",                               \
	  "not simulated: Linux's sticky /dev/shm decides", "ok", "High", "posix-shm.md PM-FB8; F1 shm_remove"),   \
	R("PM-FB10", SF_FTRUNCATE, SF_PK_KERNEL, 0, 0, "resize freely", "grow and shrink; read-only fd EINVAL",   \
	  "ok/EINVAL", "High", "posix-shm.md PM-FB10; F1, F-gen"),                                                  \
	R("PM-FB11", SF_MMAP, SF_PK_KERNEL, 0, 0, "past the end: SIGBUS", "12.1+: mapping past the size works, the touch raises SIGBUS", \
	  "SIGBUS", "High", "posix-shm.md PM-FB11; F1 shm_mmap, F-fault"),                                          \
	R("PM-FB12", SF_MMAP, SF_PK_KERNEL, 0, 0, "fstat", "S_IFREG|mode, exact size", "regular", "High",        \
	  "posix-shm.md PM-FB12; F1 shm_stat")

#define PM_SOLARIS_ROWS                                                                                      \
	R("PM-SO1", SF_SHM_OPEN, SF_PK_PSHM_NAME, EINVAL, SF_PN_SLASH | SF_PN_ONE_SLASH, "name needs one leading '/'", \
	  "shm_open of a name without a leading '/', or with another '/'", "EINVAL", "High",                      \
	  "posix-shm.md PM-SO1; I-p4o __pos4obj_check"),                                                            \
	R("PM-SO1", SF_SHM_UNLINK, SF_PK_PSHM_NAME, EINVAL, SF_PN_SLASH | SF_PN_ONE_SLASH, "unlink: name checked", \
	  "shm_unlink of a name without a leading '/', or with another '/'", "EINVAL", "High",                    \
	  "posix-shm.md PM-SO1; I-shm"),                                                                            \
	R("PM-SO1", SF_SHM_OPEN, SF_PK_PSHM_NAMELEN, ENAMETOOLONG, 256, "name above 255 after the '/'",           \
	  "shm_open of a name of more than 255 bytes after the '/'", "ENAMETOOLONG", "High",                      \
	  "posix-shm.md PM-SO1; I-p4o __pos4obj_check"),                                                            \
	R("PM-SO1", SF_SHM_UNLINK, SF_PK_PSHM_NAMELEN, ENAMETOOLONG, 256, "unlink: name above 255 after the '/'", \
	  "shm_unlink of a name of more than 255 bytes after the '/'", "ENAMETOOLONG", "High", "posix-shm.md PM-SO1; I-shm"), \
	R("PM-SO2", SF_SHM_OPEN, SF_PK_NONE, EEXIST, 0, "stale lock file",                                       \
	  "not simulated (a 64 s stall): inject with -e 'shm_open:error=EEXIST'", "EEXIST", "High",               \
	  "posix-shm.md PM-SO2; I-p4o __pos4obj_lock"),                                                             \
	R("PM-SO3", SF_SHM_OPEN, SF_PK_KERNEL, 0, 0, "open(2) semantics", "O_WRONLY accepted; umask applies",     \
	  "ok", "High", "posix-shm.md PM-SO3; I-p4o __pos4obj_open"),                                               \
	R("PM-SO4", SF_SHM_UNLINK, SF_PK_NONE, 0, 0, "unlink by a writer",                                         \
	  "not simulated: Linux's sticky /dev/shm refuses a non-owner", "ok", "High", "posix-shm.md PM-SO4; I-man"), \
	R("PM-SO5", SF_MMAP, SF_PK_KERNEL, 0, 0, "a regular tmpfs file", "ftruncate repeats, MAP_PRIVATE, S_IFREG, nlink", \
	  "ok", "High", "posix-shm.md PM-SO5; I-man mmap.2")

#endif
