/* classify.c: see classify.h. */
#include <string.h>

#include "classify.h"

static const char *const names[SF_NCLASSES] = {
	"recovered", "failed-cleanly", "silent-failure", "crashed", "hung", "leaked", "not-reached", "error",
};

const char *sf_class_name(enum sf_class c)
{
	return (unsigned)c < SF_NCLASSES ? names[c] : NULL;
}

enum sf_class sf_class_parse(const char *name)
{
	for (int i = 0; i < SF_NCLASSES; i++)
		if (strcmp(names[i], name) == 0)
			return (enum sf_class)i;
	return SF_NCLASSES;
}

int sf_class_ok(enum sf_class c, int strict)
{
	return c == SF_RECOVERED || c == SF_FAILED_CLEANLY || c == SF_NOT_REACHED || (c == SF_SILENT && !strict);
}

/* A new file of the host's /dev/shm (left in place) may be another
 * process's: listed, never counted as the run's leak. */
int sf_leaks_owned(const struct sf_sandbox_result *r)
{
	int n = r->nleaked;
	for (int i = 0; i < r->nleaked && i < SF_MAX_LEAKS; i++)
		n -= r->leaked[i].left;
	return n;
}

enum sf_class sf_classify(const struct sf_sandbox_result *r, int run_failed, int reached,
			  unsigned long long stderr_bytes)
{
	if (run_failed || !r->started)
		return SF_ERROR;
	/* A run that timed out was killed by us: hung, not crashed. */
	if (r->timed_out)
		return SF_HUNG;
	if (r->signaled)
		return SF_CRASHED;
	if (sf_leaks_owned(r) > 0)
		return SF_LEAKED;
	if (!reached)
		return SF_NOT_REACHED;
	if (r->exited && r->status == 0)
		return SF_RECOVERED;
	return stderr_bytes > 0 ? SF_FAILED_CLEANLY : SF_SILENT;
}

enum sf_class sf_classify_kept(const struct sf_sandbox_result *r, int run_failed, int reached,
			       unsigned long long stderr_bytes, int kept)
{
	if (kept > 0 && kept == sf_leaks_owned(r) && r->exited && r->status != 0 && stderr_bytes > 0) {
		struct sf_sandbox_result noticed = *r;
		noticed.nleaked = 0;
		return sf_classify(&noticed, run_failed, reached, stderr_bytes);
	}
	return sf_classify(r, run_failed, reached, stderr_bytes);
}

int sf_discount_kept(struct sf_sandbox_result *r, const struct sf_state *st, struct sf_segment *kept, int max)
{
	int n = 0;
	if (!st)
		return 0;
	uint32_t nk = st->nkept < SF_MAX_KEPT ? st->nkept : SF_MAX_KEPT;
	int listed = r->nleaked < SF_MAX_LEAKS ? r->nleaked : SF_MAX_LEAKS;
	for (int i = 0; i < listed;) {
		int hit = 0;
		for (uint32_t k = 0; k < nk && !hit; k++)
			hit = r->leaked[i].kind == SF_LEAK_SEGMENT && st->kept[k] == r->leaked[i].shmid;
		if (!hit) {
			i++;
			continue;
		}
		if (n < max)
			kept[n] = r->leaked[i];
		n++;
		memmove(&r->leaked[i], &r->leaked[i + 1], (size_t)(listed - i - 1) * sizeof r->leaked[0]);
		listed--;
		r->nleaked--;
	}
	return n;
}
