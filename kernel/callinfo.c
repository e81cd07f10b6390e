/* callinfo.c: the facts about a notified call that cost a /proc read or
 * an IPC_STAT, computed when the decision needs them. */
#include <stdio.h>

#include "procview.h"
#include "supervisor.h"

pid_t sf_kcall_pid(struct sf_kcall *c)
{
	if (c->looked & SF_KLOOK_PID)
		return c->pid;
	char p[64], line[128];
	snprintf(p, sizeof p, "/proc/%d/status", (int)c->tid);
	FILE *f = fopen(p, "re");
	int tgid = c->tid;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	if (f)
		fclose(f);
	c->pid = tgid;
	c->looked |= SF_KLOOK_PID | SF_KLOOK_PROC;
	return c->pid;
}

int sf_kcall_key(struct sf_kcall *c, int *key)
{
	if (!(c->looked & SF_KLOOK_KEY)) {
		c->looked |= SF_KLOOK_KEY;
		switch (c->call) {
		case SF_SHMGET:
			c->key = (int)(uint32_t)c->args[0];
			c->has_key = 1;
			break;
		case SF_SHMAT:
		case SF_SHMCTL:
			c->shmid = (int)(uint32_t)c->args[0];
			c->has_key = sf_kview_stat(c->shmid, &c->key, NULL) == 0;
			break;
		case SF_SHMDT:
			c->looked |= SF_KLOOK_PROC;
			c->has_key = sf_kview_shm_at(c->tid, c->args[0], &c->shmid, &c->key) == 1;
			break;
		default:
			break;
		}
	}
	if (c->has_key && key)
		*key = c->key;
	return c->has_key;
}
