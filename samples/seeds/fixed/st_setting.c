/*
 * st_setting (fixed): corrected version of the st_setting example of seed
 * 002.  Removes a leftover segment with key 0x366378 if there is one,
 * creates a fresh one (IPC_CREAT|IPC_EXCL, mode 0640), stores a small
 * st_setting record in it, shows `ipcs -m` while attached (nattch 1) and
 * after detaching (nattch 0), then removes the segment.
 * Needs ipcs(1) on PATH for the two listings; without it a warning is
 * printed and the program carries on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define PROG "st_setting"
#include "sample.h"

#define IPCKEY 0x366378

typedef struct {
	char agen[10];
	unsigned char file_no;
} st_setting;

static void show_segments(void)
{
	int rc;

	fflush(stdout); /* keep our lines before ipcs's in a pipe */
	rc = system("ipcs -m");
	if (rc == -1)
		fail("system(\"ipcs -m\")");
	else if (rc != 0)
		fprintf(stderr, "st_setting: warning: \"ipcs -m\" failed (status %d)\n", rc);
}

int main(void)
{
	int shm_id, status = 1;
	st_setting *p_setting;

	/* First remove a segment left over by an earlier run, if any. */
	shm_id = shmget(IPCKEY, 0, 0640);
	if (shm_id != -1) {
		if (shmctl(shm_id, IPC_RMID, NULL) == -1) {
			fail("shmctl(IPC_RMID) of the old segment");
			return 1;
		}
	} else if (errno != ENOENT) {
		fail("shmget (looking for an old segment)");
		return 1;
	}

	shm_id = shmget(IPCKEY, 1028, 0640 | IPC_CREAT | IPC_EXCL);
	if (shm_id == -1) {
		fail("shmget(IPC_CREAT|IPC_EXCL)");
		return 1;
	}
	p_setting = shmat(shm_id, NULL, 0);
	if (p_setting == (void *)-1) {
		fail("shmat");
		goto remove;
	}

	snprintf(p_setting->agen, sizeof p_setting->agen, "%s", "jinyh");
	printf("agen:%s\n", p_setting->agen);
	p_setting->file_no = 1;
	printf("file_no:%d\n", p_setting->file_no);

	show_segments(); /* nattch 1 */

	if (shmdt(p_setting) == -1) {
		fail("shmdt");
		goto remove;
	}
	status = 0;

	show_segments(); /* nattch 0 */

remove:
	if (shmctl(shm_id, IPC_RMID, NULL) == -1) {
		fail("shmctl(IPC_RMID)");
		status = 1;
	}
	if (fflush(stdout) == EOF)
		status = 1;
	return status;
}
