/* rlog.c: the log's records of the calls the reaper decided (issue 13):
 * the interposer's JSON Lines form (preload/record.c), with the site of the
 * syscall instruction and "backend":"seccomp".  The result of a continued
 * call is the kernel's and never seen here: "ret" and "errno" are null. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "errnos.h"
#include "rengine.h"

/* The program: the module part of "module+0xOFF". */
static void prog_of(const char *site, char *buf, size_t len)
{
	size_t n = strcspn(site, "+ ");
	snprintf(buf, len, "%.*s", (int)n, site);
}

static int args_of(const struct sf_callinfo *ci, char *buf, size_t len)
{
	switch (ci->call) {
	case SF_SHMGET:
		return snprintf(buf, len, "{\"key\":%d,\"size\":%zu,\"shmflg\":\"0%o\"}", (int)ci->key, ci->size,
				(unsigned)ci->flg);
	case SF_SHMAT:
		return snprintf(buf, len, "{\"shmid\":%d,\"shmaddr\":\"%p\",\"shmflg\":\"0%o\"}", ci->shmid, ci->addr,
				(unsigned)ci->flg);
	case SF_SHMDT: return snprintf(buf, len, "{\"shmaddr\":\"%p\"}", ci->addr);
	case SF_SHMCTL: return snprintf(buf, len, "{\"shmid\":%d,\"cmd\":%d}", ci->shmid, ci->cmd);
	default: return snprintf(buf, len, "{}");
	}
}

/* One record, one write (O_APPEND: whole lines among the interposer's). */
void sf_rlog_call(int fd, const struct sf_callinfo *ci, const struct sf_kcall *c, uint64_t seq)
{
	char line[1024], args[256], prog[128], who[160] = "";
	const char *en = ci->err ? sf_errno_name(ci->err) : NULL;
	prog_of(c->site, prog, sizeof prog);
	args_of(ci, args, sizeof args);
	if (ci->by == SF_BY_RULE)
		snprintf(who, sizeof who, ",\"by\":\"rule\",\"rule\":%d", ci->rule + 1);
	else if (ci->by == SF_BY_PERSONALITY)
		snprintf(who, sizeof who, ",\"by\":\"personality\",\"personality\":\"%s\",\"rule\":\"%s\"",
			 ci->personality ? ci->personality : "linux", ci->prule ? ci->prule : "");
	int n = snprintf(line, sizeof line,
			 "{\"seq\":%llu,\"pid\":%d,\"tid\":%d,\"prog\":\"%s\",\"call\":\"%s\",\"args\":%s,\"ret\":%s,"
			 "\"errno\":%s%s%s,\"injected\":%s%s,\"site\":\"%s\",\"backend\":\"seccomp\"}\n",
			 (unsigned long long)seq, (int)sf_kcall_pid((struct sf_kcall *)c), (int)c->tid, prog,
			 sf_call_name(ci->call), args, ci->err ? "-1" : "null", en ? "\"" : "", en ? en : "null",
			 en ? "\"" : "", ci->err ? "true" : "false", who, c->site);
	if (n > 0 && (size_t)n < sizeof line && write(fd, line, (size_t)n) < 0)
		return; /* the interposer's records say the same of a full disk */
}
