/* gate_words.c: what a gate says of one personality's run, shared by the
 * TAP (gate.c) and JSON (gate_json.c) writers: the sentence of a firing,
 * whether the run passed, the command that reproduces it. */
#include <stdio.h>
#include <string.h>

#include "errnos.h"
#include "gate.h"
#include "jlog.h"
#include "summary.h"

static const char *ordinal(int n, char *buf, size_t len)
{
	const char *suf = "th";
	if (n % 100 < 11 || n % 100 > 13)
		suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	snprintf(buf, len, "%d%s", n, suf);
	return buf;
}

static const char *noun(const struct firing *f, char *buf, size_t len)
{
	switch (f->call) {
	case SF_SHMAT: return "attach";
	case SF_SHMDT: return "detach";
	case SF_SHMCTL:
		if (f->cmd[0]) {
			snprintf(buf, len, "shmctl(%s)", f->cmd);
			return buf;
		}
		return "shmctl";
	default: return sf_call_name(f->call);
	}
}

/* "aix: rule AX1 refused the 12th attach at writer main+0x1a2 with EMFILE" */
void gate_sentence(const char *pers, const struct firing *f, char *buf, size_t len)
{
	char ord[16], nb[40], site[256];
	sf_site_short(f->site, site, sizeof site);
	const char *en = f->err ? sf_errno_name(f->err) : NULL;
	if (f->err)
		snprintf(buf, len, "%s%srule %s refused the %s %s at %s with %s%s", pers ? pers : "", pers ? ": " : "", f->rule,
			 ordinal(f->occurrence, ord, sizeof ord), noun(f, nb, sizeof nb), site, en ? en : "?",
			 f->times > 1 ? " (and more)" : "");
	else
		snprintf(buf, len, "%s%srule %s changed the result of the %s %s at %s", pers ? pers : "", pers ? ": " : "", f->rule,
			 ordinal(f->occurrence, ord, sizeof ord), noun(f, nb, sizeof nb), site);
}

int gate_run_ok(const struct pers_run *c)
{
	const struct sf_sandbox_result *r = &c->out.res;
	/* calls the personality never saw are not a pass (the preload backend) */
	return !c->out.failed && r->started && !r->timed_out && !r->signaled && r->status == 0 &&
	       !sf_bypass_unfaulted(r, NULL, 0);
}

void gate_repro(const struct gate *g, const struct pers_run *c, struct sf_str *repro)
{
	struct sf_str opts = {0};
	sf_str_add(&opts, "-p ");
	sf_shell_quote(&opts, c->name);
	sf_repro_background(&opts, g->background);
	if (g->timeout > 0)
		sf_str_addf(&opts, " --timeout %g", g->timeout);
	sf_repro_command(repro, opts.s, g->argv);
	sf_str_free(&opts);
}

