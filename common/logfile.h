/* logfile.h: how a JSON Lines log is opened, by the library (SHMFAULT_LOG)
 * and by the CLI (run --log) alike: appended, created 0600, never through a
 * symlink, never blocking on a FIFO, a regular file or refused. */
#ifndef SHMFAULT_LOGFILE_H
#define SHMFAULT_LOGFILE_H

#include <sys/stat.h>

/* The descriptor, with its identity in *st; or -1 with
 * "cannot open log 'PATH': REASON" in err. */
int sf_logfile_open(const char *path, struct stat *st, char *err, unsigned long errlen);

/* st_dev, st_ino and the type bits of st_mode of an open file. statx()
 * asking for no timestamps, not fstat(): on kernels with fine-grained
 * timestamps (6.13+), reading a file's ctime makes the next write() dirty
 * the inode for a fresh one, and an fstat() before each record doubled the
 * cost of a record (ext4). */
int sf_file_ident(int fd, struct stat *st);

#endif
