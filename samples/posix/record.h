/* record.h: the record seed 004's map_write/map_read share (a count and an
 * address string), and the object size of the POSIX-shm writer/reader. */
#ifndef SAMPLES_POSIX_RECORD_H
#define SAMPLES_POSIX_RECORD_H

struct conn_stat {
	int count;
	char ip[64];
};

#define PSHM_SAMPLE_NAME "/shmfault-sample"
#define PSHM_SAMPLE_SIZE 4096

#endif
