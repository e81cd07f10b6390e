/* call.c: what the interposer does around one call (see call.h): it asks
 * the engine with its own process view, then libfiu when the engine lets
 * the call go; after the call it keeps its ledger (the view's facts), lets
 * the engine record, and writes the log record. */
#include "call.h"
#include "config.h"
#include "ledger.h"
#include "libfiu.h"
#include "record.h"
#include "sink.h"
#include "view.h"

int sf_before(struct sf_callinfo *ci)
{
	int err = sf_engine_decide(&sf_run, &sf_interposer_view, ci);
	if (!err && sf_fiu_active)
		err = sf_fiu_decide(&sf_run, ci);
	return err;
}

/* This process's attachments, as the kernel now has them. */
static void keep_ledger(struct sf_callinfo *ci)
{
	if (ci->call == SF_SHMAT && ci->reserved)
		sf_ledger_commit(ci->err == 0, (const void *)ci->ret, ci->shmid, ci->size);
	else if (ci->call == SF_SHMAT && ci->err == 0)
		sf_ledger_add((const void *)ci->ret, ci->shmid, ci->size);
	else if (ci->call == SF_SHMDT && ci->err == 0)
		ci->shmid = sf_ledger_remove(ci->addr);
	else if (ci->call == SF_SHMDT)
		ci->shmid = sf_ledger_find(ci->addr);
}

void sf_after(struct sf_callinfo *ci)
{
	keep_ledger(ci);
	sf_engine_after(&sf_run, &sf_interposer_view, ci);
	if (sf_log_enabled())
		sf_record_call(ci, sf_engine_log_seq(&sf_run));
}
