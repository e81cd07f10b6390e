/* sweep.c: `shmfault sweep`: run CMD once (the baseline), then once per
 * (call, occurrence, errno) of the baseline's shm calls with that one fault,
 * each case in its own namespaces; classify each case; report in TAP 13 (or
 * JSON). See docs/sweep.md. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "classify.h"
#include "cli.h"
#include "errnos.h"
#include "jlog.h"
#include "launch.h"
#include "report_doc.h"
#include "summary.h"
#include "sweep.h"

#define FULL_PER_SITE 8   /* occurrences swept in full at each call site */
#define TAIL_LINES 10     /* stderr lines in the YAML */

/* The classes are cli/classify.h's (one definition for sweep and case). */
#define C_RECOVERED SF_RECOVERED
#define C_SILENT SF_SILENT
#define C_CRASHED SF_CRASHED
#define C_HUNG SF_HUNG
#define C_LEAKED SF_LEAKED
#define C_NOT_REACHED SF_NOT_REACHED
#define C_ERROR SF_ERROR
#define C_N SF_NCLASSES
#define cls_name(c) sf_class_name(c)

struct occ {
	enum sf_call call;
	int nth;      /* occurrence of the call in the run: when=nth */
	int site_nth; /* occurrence at its call site */
	int last;     /* the last occurrence at its site that is swept */
	int site;     /* sf_jlog_site() */
	int site_total; /* calls at its site in the baseline (beyond --max-nth too) */
};

struct scase {
	int occ;
	int err;
	/* results */
	int done;
	enum sf_class cls;
	int fired;
	int failed;
	int kept; /* of the leaked segments, those whose IPC_RMID the fault failed */
	struct sf_sandbox_result res;
	char *tail;
	size_t tail_len;
	unsigned long long bytes;
	/* while running */
	int slot;
	char **env;
	char rules[1024];
};

struct sweep {
	char **argv;
	const char *personality;
	const char *background; /* SHMFAULT of the environment: rules kept in every run */
	double timeout;
	int strict, json;
	FILE *out;
	struct occ *occs;
	int nocc;
	struct scase *cases;
	int first, ncases; /* the shard: cases[first .. first+ncases) */
	int next_print;
	int ndone;
	int counts[C_N];
	int all_ok;
	int progress;
	/* one state file per pool lane, reused (zeroed) from case to case:
	 * creating a directory and a file per case costs more than the case */
	int nslots;
	struct slot_state {
		char dir[PATH_MAX];
		char path[PATH_MAX];
		struct sf_state *st;
	} *slots;
	/* baseline */
	char blog[PATH_MAX + 8];
	char bdir[PATH_MAX];
	char bstate[PATH_MAX];
	char **benv;
};

static int build_env(struct sweep *w, const char *rules, char *log, char *dir, size_t dirlen, char *state,
		     size_t statelen, char ***env, char *err, size_t errlen)
{
	struct sf_launch l = {0};
	l.rules = rules && *rules ? rules : NULL;
	l.personality = w->personality;
	l.limits = getenv("SHMFAULT_LIMITS");
	if (l.limits && !*l.limits)
		l.limits = NULL;
	l.seed = 0;
	if (sf_launch_state(&l, dir, dirlen, err, errlen) < 0)
		return -1;
	snprintf(state, statelen, "%s", l.state_path);
	l.state_path = state;
	if (log) {
		snprintf(log, PATH_MAX + 8, "%s/log", dir);
		l.log = log;
	}
	*env = sf_launch_env(&l);
	return *env ? 0 : -1;
}

/* ---- the baseline ---- */

struct bctx {
	struct sweep *w;
	struct sf_job result;
	int done;
};

static int baseline_prepare(void *ctx, int i, struct sf_job *job)
{
	struct bctx *b = ctx;
	(void)i;
	job->argv = b->w->argv;
	job->envp = b->w->benv;
	job->timeout = b->w->timeout;
	job->state_path = b->w->bstate;
	return 0;
}

static void baseline_done(void *ctx, int i, struct sf_job *job)
{
	struct bctx *b = ctx;
	(void)i;
	b->result = *job;
	b->done = 1;
}

static void describe_exit(const struct sf_sandbox_result *r, char *buf, size_t len)
{
	if (r->timed_out)
		snprintf(buf, len, "timed out");
	else if (r->signaled)
		snprintf(buf, len, "killed by %s", sf_signal_name(r->signo));
	else
		snprintf(buf, len, "exit %d", r->status);
}

/* ---- output ---- */

static void print_case(struct sweep *w, int n)
{
	struct scase *c = &w->cases[w->first + n];
	struct occ *o = &w->occs[c->occ];
	const char *call = sf_call_name(o->call);
	const char *ename = sf_errno_name(c->err);
	char what[300], ebuf[16];
	if (!ename) {
		snprintf(ebuf, sizeof ebuf, "%d", c->err);
		ename = ebuf;
	}
	int ok = sf_class_ok(c->cls, w->strict);
	switch (c->cls) {
	case C_CRASHED: snprintf(what, sizeof what, "%s", sf_signal_name(c->res.signo)); break;
	case C_HUNG: snprintf(what, sizeof what, "timed out after %g s, killed", w->timeout); break;
	case C_LEAKED:
		if (c->res.signaled)
			snprintf(what, sizeof what, "%s, %d segment%s", sf_signal_name(c->res.signo), c->res.nleaked,
				 c->res.nleaked == 1 ? "" : "s");
		else
			snprintf(what, sizeof what, "exit %d, %d segment%s", c->res.status, c->res.nleaked,
				 c->res.nleaked == 1 ? "" : "s");
		break;
	case C_SILENT: snprintf(what, sizeof what, "exit %d, nothing on stderr", c->res.status); break;
	case C_ERROR: snprintf(what, sizeof what, "%s", c->res.err); break;
	default: snprintf(what, sizeof what, "exit %d", c->res.status); break;
	}
	if (!ok)
		w->all_ok = 0;
	w->counts[c->cls]++;

	struct sf_str rule = {0}, opts = {0}, repro = {0};
	sf_str_addf(&rule, "%s:error=%s:when=%d", call, ename, o->nth);
	sf_str_addf(&opts, "-e '%s'", rule.s);
	if (w->background) {
		sf_str_addf(&opts, " -e '%s'", w->background); /* validated: no quote in a rule */
		if (strstr(w->background, "any") || strstr(w->background, "prob="))
			sf_str_add(&opts, " --seed 0"); /* the seed every run of ours uses */
	}
	if (w->personality) {
		sf_str_add(&opts, " -p ");
		sf_shell_quote(&opts, w->personality);
	}
	if (c->cls == C_HUNG)
		sf_str_addf(&opts, " --timeout %g", w->timeout);
	sf_repro_command(&repro, opts.s, w->argv);
	size_t t0 = sf_tail_lines(c->tail ? c->tail : "", c->tail_len, TAIL_LINES);
	FILE *f = w->out;

	if (w->json) {
		fprintf(f, "%s\n  {\"n\":%d,\"call\":\"%s\",\"occurrence\":%d,\"errno\":\"%s\",\"site\":", n ? "," : "",
			n + 1, call, o->nth, ename);
		sf_json_str(f, sf_jlog_site(o->site));
		fprintf(f, ",\"class\":\"%s\",\"ok\":%s,\"reached\":%s,", cls_name(c->cls), ok ? "true" : "false",
			c->fired ? "true" : "false");
		if (c->res.signaled && !c->res.timed_out)
			fprintf(f, "\"exit\":null,\"signal\":\"%s\"", sf_signal_name(c->res.signo));
		else if (c->res.timed_out)
			fprintf(f, "\"exit\":null,\"signal\":null,\"timed_out\":true");
		else
			fprintf(f, "\"exit\":%d,\"signal\":null", c->res.status);
		fprintf(f, ",\"stderr_bytes\":%llu,\"stderr_tail\":", c->bytes);
		sf_json_lines(f, c->tail + t0, c->tail_len - t0);
		fprintf(f, ",\"leaked\":");
		sf_json_leaks(f, &c->res);
		if (c->cls == C_ERROR) {
			fprintf(f, ",\"error\":");
			sf_json_str(f, c->res.err);
		}
		fprintf(f, ",\"rmid_failed_by_fault\":%d,\"processes_killed\":%d,\"reproduce\":", c->kept,
			c->res.leftovers);
		sf_json_str(f, repro.s);
		fputc('}', f);
	} else {
		fprintf(f, "%s %d - %s#%d %s: %s", ok ? "ok" : "not ok", n + 1, call, o->nth, ename, cls_name(c->cls));
		if (c->cls == C_NOT_REACHED)
			fprintf(f, " # SKIP the faulted call never happened\n");
		else
			fprintf(f, " (%s)\n", what);
		fprintf(f, "  ---\n  call: %s\n  occurrence: %d\n  errno: %s\n  site: ", call, o->nth, ename);
		sf_yaml_str(f, sf_jlog_site(o->site));
		fprintf(f, "\n  class: %s\n", cls_name(c->cls));
		if (c->res.timed_out)
			fprintf(f, "  timed_out: %g\n", w->timeout);
		else if (c->res.signaled)
			fprintf(f, "  signal: %s\n", sf_signal_name(c->res.signo));
		else if (c->cls != C_ERROR)
			fprintf(f, "  exit: %d\n", c->res.status);
		if (c->cls == C_ERROR) {
			fprintf(f, "  error: ");
			sf_yaml_str(f, c->res.err);
			fputc('\n', f);
		}
		fprintf(f, "  stderr_bytes: %llu\n", c->bytes);
		sf_yaml_text(f, "  ", "stderr_tail", c->tail + t0, c->tail_len - t0);
		sf_yaml_leaks(f, "  ", &c->res);
		if (c->kept)
			fprintf(f, "  rmid_failed_by_fault: %d\n", c->kept);
		if (c->res.leftovers)
			fprintf(f, "  processes_killed: %d\n", c->res.leftovers);
		fprintf(f, "  reproduce: ");
		sf_yaml_str(f, repro.s);
		fprintf(f, "\n  ...\n");
		if (c->cls == C_SILENT)
			fprintf(f, "# %s#%d %s: silent-failure: exit %d and nothing on stderr%s\n", call, o->nth, ename,
				c->res.status, w->strict ? " (--strict)" : "");
	}
	fflush(f);
	sf_str_free(&rule);
	sf_str_free(&opts);
	sf_str_free(&repro);
	free(c->tail);
	c->tail = NULL;
}

/* ---- the cases ---- */

/* Zero a state file between cases, keeping its header. */
static void state_reset(struct sf_state *st)
{
	uint64_t magic = st->magic, seed = st->seed;
	uint32_t version = st->version, size = st->size;
	memset(st, 0, sizeof *st);
	st->magic = magic;
	st->version = version;
	st->size = size;
	st->seed = seed;
}

static int case_prepare(void *ctx, int i, struct sf_job *job)
{
	struct sweep *w = ctx;
	struct scase *c = &w->cases[w->first + i];
	struct occ *o = &w->occs[c->occ];
	struct slot_state *ss = &w->slots[job->slot];
	char err[256];
	const char *en = sf_errno_name(c->err);
	char num[16];
	if (!en) {
		snprintf(num, sizeof num, "%d", c->err);
		en = num;
	}
	c->slot = -1;
	snprintf(c->rules, sizeof c->rules, "%s:error=%s:when=%d%s%s", sf_call_name(o->call), en, o->nth,
		 w->background ? ";" : "", w->background ? w->background : "");
	if (!ss->st) {
		struct sf_launch l = {0};
		if (sf_launch_state(&l, ss->dir, sizeof ss->dir, err, sizeof err) < 0) {
			snprintf(job->res.err, sizeof job->res.err, "%s", err);
			return -1;
		}
		snprintf(ss->path, sizeof ss->path, "%s", l.state_path);
		ss->st = sf_state_map(ss->path, err, sizeof err);
		if (!ss->st) {
			snprintf(job->res.err, sizeof job->res.err, "%s", err);
			sf_launch_cleanup(ss->dir);
			return -1;
		}
	} else
		state_reset(ss->st);
	struct sf_launch l = {0};
	l.rules = c->rules;
	l.personality = w->personality;
	l.limits = getenv("SHMFAULT_LIMITS");
	if (l.limits && !*l.limits)
		l.limits = NULL;
	l.seed = 0;
	l.state_path = ss->path;
	c->env = sf_launch_env(&l);
	if (!c->env) {
		snprintf(job->res.err, sizeof job->res.err, "out of memory");
		return -1;
	}
	c->slot = job->slot;
	job->argv = w->argv;
	job->envp = c->env;
	job->timeout = w->timeout;
	job->state_path = ss->path;
	return 0;
}

static void slots_cleanup(struct sweep *w)
{
	for (int k = 0; k < w->nslots; k++)
		if (w->slots[k].st) {
			munmap(w->slots[k].st, sizeof *w->slots[k].st);
			sf_launch_cleanup(w->slots[k].dir);
			w->slots[k].st = NULL;
		}
	free(w->slots);
	w->slots = NULL;
}

static void progress(struct sweep *w, const char *last)
{
	if (!w->progress)
		return;
	fprintf(stderr, "\rshmfault sweep: %d/%d cases, last %s\033[K", w->ndone, w->ncases, last);
	fflush(stderr);
}

static void case_done(void *ctx, int i, struct sf_job *job)
{
	struct sweep *w = ctx;
	struct scase *c = &w->cases[w->first + i];
	struct occ *o = &w->occs[c->occ];
	c->res = job->res;
	c->failed = job->failed;
	c->bytes = job->out_bytes;
	c->tail = malloc(job->tail_len + 1);
	if (c->tail) {
		memcpy(c->tail, job->tail, job->tail_len);
		c->tail[job->tail_len] = 0;
		c->tail_len = job->tail_len;
	}
	if (c->slot >= 0) {
		const struct sf_state *st = w->slots[c->slot].st;
		c->fired = st->fired[0][o->call][c->err < SF_MAX_ERRNO ? c->err : 0] > 0;
		/* leaked segments whose IPC_RMID the fault failed: the fault
		 * kept them (see sf_classify_kept) */
		uint32_t nk = st->nkept < SF_MAX_KEPT ? st->nkept : SF_MAX_KEPT;
		for (int s = 0; s < c->res.nleaked && s < SF_MAX_LEAKS; s++)
			for (uint32_t k = 0; k < nk; k++)
				if (st->kept[k] == c->res.leaked[s].shmid) {
					c->kept++;
					break;
				}
	}
	sf_env_free(c->env);
	c->env = NULL;
	c->cls = sf_classify_kept(&c->res, c->failed, c->fired, c->bytes, c->kept);
	c->done = 1;
	w->ndone++;
	char name[64];
	snprintf(name, sizeof name, "%s#%d %s", sf_call_name(o->call), o->nth,
		 sf_errno_name(c->err) ? sf_errno_name(c->err) : "?");
	progress(w, name);
	while (!sf_pool_signal && w->next_print < w->ncases && w->cases[w->first + w->next_print].done)
		print_case(w, w->next_print++);
}

/* ---- options ---- */

static int parse_calls(const char *s, unsigned *mask)
{
	*mask = 0;
	if (!strcmp(s, "all")) {
		*mask = SF_ALL_CALLS;
		return 0;
	}
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		enum sf_call c = sf_call_from_name(s, n);
		if (c == SF_NCALLS) {
			sf_error("sweep: bad --calls '%.*s': expected shmget, shmat, shmdt, shmctl, ftok or all", (int)n, s);
			return -1;
		}
		*mask |= 1u << c;
		s += n + (comma != NULL);
	}
	return *mask ? 0 : -1;
}

static int parse_errnos(const char *s, int *list, int *n)
{
	*n = 0;
	if (!strcmp(s, "documented"))
		return 0;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t k = comma ? (size_t)(comma - s) : strlen(s);
		int e = sf_errno_parse(s, k);
		if (e <= 0 || e >= SF_MAX_ERRNO) {
			sf_error("sweep: bad --errnos '%.*s': expected errno names or numbers, or documented", (int)k, s);
			return -1;
		}
		if (*n < 64)
			list[(*n)++] = e;
		s += k + (comma != NULL);
	}
	if (!*n) {
		sf_error("sweep: --errnos is empty");
		return -1;
	}
	return 0;
}

static int parse_pos(const char *s, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno || v < 1 || v > max || !*s) {
		sf_error("sweep: bad %s '%s': expected 1..%ld", what, s, max);
		return -1;
	}
	return (int)v;
}

static void bail(struct sweep *w, const char *reason)
{
	if (w->json) {
		fprintf(w->out, "{\"command\":[");
		for (int i = 0; w->argv[i]; i++) {
			fputs(i ? "," : "", w->out);
			sf_json_str(w->out, w->argv[i]);
		}
		fprintf(w->out, "],\"bail_out\":");
		sf_json_str(w->out, reason);
		fprintf(w->out, ",\"ok\":false}\n");
	} else
		fprintf(w->out, "TAP version 13\nBail out! %s\n", reason);
	fflush(w->out);
}

static int is_pow2(int v)
{
	return v > 0 && (v & (v - 1)) == 0;
}

int sf_cmd_sweep(int argc, char **argv)
{
	static const struct option opts[] = {
		{"personality", required_argument, 0, 'p'}, {"jobs", required_argument, 0, 'j'},
		{"timeout", required_argument, 0, 't'},     {"errnos", required_argument, 0, 'E'},
		{"calls", required_argument, 0, 'C'},       {"max-nth", required_argument, 0, 'M'},
		{"shard", required_argument, 0, 'S'},       {"strict", no_argument, 0, 's'},
		{"format", required_argument, 0, 'F'},      {"output", required_argument, 0, 'o'},
		{"help", no_argument, 0, 'h'},              {0, 0, 0, 0},
	};
	struct sweep w;
	char err[512];
	int jobs = sf_default_jobs(), max_nth = 50, shard_k = 1, shard_n = 1, c, html = 0;
	int elist[64], nelist = 0;
	unsigned calls = SF_ALL_CALLS;
	const char *outpath = NULL;
	memset(&w, 0, sizeof w);
	w.timeout = 10;
	w.all_ok = 1;
	w.background = getenv("SHMFAULT");
	if (w.background && !*w.background)
		w.background = NULL;
	w.personality = getenv("SHMFAULT_PERSONALITY");
	if (w.personality && !*w.personality)
		w.personality = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:j:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': w.personality = optarg; break;
		case 'j':
			if ((jobs = sf_parse_jobs(optarg)) < 0) {
				sf_error("sweep: bad -j '%s': expected 1..1024", optarg);
				return 2;
			}
			break;
		case 't':
			if (sf_parse_timeout(optarg, &w.timeout) < 0) {
				sf_error("sweep: bad timeout '%s': expected seconds > 0", optarg);
				return 2;
			}
			break;
		case 'E':
			if (parse_errnos(optarg, elist, &nelist) < 0)
				return 2;
			break;
		case 'C':
			if (parse_calls(optarg, &calls) < 0)
				return 2;
			break;
		case 'M':
			if ((max_nth = parse_pos(optarg, 1000000, "--max-nth")) < 0)
				return 2;
			break;
		case 'S': {
			char *slash = strchr(optarg, '/');
			if (!slash) {
				sf_error("sweep: bad --shard '%s': expected K/N (1 <= K <= N)", optarg);
				return 2;
			}
			*slash = 0;
			shard_k = parse_pos(optarg, 100000, "--shard K");
			shard_n = parse_pos(slash + 1, 100000, "--shard N");
			*slash = '/';
			if (shard_k < 0 || shard_n < 0 || shard_k > shard_n) {
				sf_error("sweep: bad --shard '%s': expected K/N (1 <= K <= N)", optarg);
				return 2;
			}
			break;
		}
		case 's': w.strict = 1; break;
		case 'F':
			if (!strcmp(optarg, "json") || !strcmp(optarg, "html")) {
				w.json = 1;
				html = optarg[0] == 'h'; /* the JSON, rendered by report.c */
			} else if (strcmp(optarg, "tap")) {
				sf_error("sweep: bad --format '%s': expected tap, json or html", optarg);
				return 2;
			}
			break;
		case 'o': outpath = optarg; break;
		case 'h': execlp("man", "man", "shmfault", (char *)NULL); return 0;
		default: return 2;
		}
	}
	if (optind >= argc) {
		sf_error("sweep: no command given (shmfault sweep [OPTIONS] -- CMD [ARG]...)");
		return 2;
	}
	w.argv = argv + optind;
	struct sf_launch l = {0};
	l.rules = w.background;
	l.personality = w.personality;
	l.limits = getenv("SHMFAULT_LIMITS");
	if (l.limits && !*l.limits)
		l.limits = NULL;
	if (sf_launch_validate(&l, err, sizeof err) < 0 || sf_launch_check_target(w.argv[0], err, sizeof err) < 0) {
		sf_error("%s", err);
		return 2;
	}
	w.out = stdout;
	if (outpath && !(w.out = fopen(outpath, "we"))) {
		sf_error("sweep: cannot write '%s': %s", outpath, strerror(errno));
		return 2;
	}
	if (html && !(w.out = sf_html_stream(w.out)))
		return 2;
	w.progress = isatty(2);

	/* 1. the baseline */
	if (build_env(&w, w.background, w.blog, w.bdir, sizeof w.bdir, w.bstate, sizeof w.bstate, &w.benv, err,
		      sizeof err) < 0) {
		sf_error("sweep: %s", err);
		return 2;
	}
	struct bctx b = {.w = &w};
	if (w.progress)
		fprintf(stderr, "shmfault sweep: baseline...");
	int interrupted = sf_pool_run(1, 1, baseline_prepare, baseline_done, &b) < 0 && sf_pool_signal;
	if (w.progress)
		fprintf(stderr, "\r\033[K");
	struct sf_jrec *recs = NULL;
	long nrec = sf_jlog_read(w.blog, &recs);
	unlink(w.blog);
	sf_launch_cleanup(w.bdir);
	sf_env_free(w.benv);
	const struct sf_sandbox_result *br = &b.result.res;
	/* the baseline's sandbox tells which namespaces we can have */
	if (!b.result.failed && br->ns == SF_NS_HOST) {
		sf_error("cannot create private IPC namespaces (not root, and user namespaces are not allowed): "
			 "sweeping in the host namespace, one case at a time");
		jobs = 1;
	}
	char reason[512], how[64];
	reason[0] = 0;
	describe_exit(br, how, sizeof how);
	if (interrupted)
		snprintf(reason, sizeof reason, "interrupted by %s", sf_signal_name(sf_pool_signal));
	else if (!b.done || b.result.failed || !br->started)
		snprintf(reason, sizeof reason, "the baseline could not run: %s", br->err[0] ? br->err : "?");
	else if (br->timed_out)
		snprintf(reason, sizeof reason, "the baseline (no fault) timed out after %g s", w.timeout);
	else if (br->signaled || br->status != 0) {
		size_t t0 = sf_tail_lines(b.result.tail, b.result.tail_len, 1);
		char last[200];
		snprintf(last, sizeof last, "%.*s", (int)(b.result.tail_len - t0), b.result.tail + t0);
		char *nl = strchr(last, '\n');
		if (nl)
			*nl = 0;
		snprintf(reason, sizeof reason, "the baseline (no fault) failed: %s%s%s", how, last[0] ? ": " : "",
			 last);
	} else if (br->nleaked > 0) {
		char d[160];
		sf_segment_describe(&br->leaked[0], d, sizeof d);
		snprintf(reason, sizeof reason, "the baseline (no fault) leaked %d segment%s (%s%s)", br->nleaked,
			 br->nleaked == 1 ? "" : "s", d, br->nleaked > 1 ? ", ..." : "");
	} else if (nrec < 0)
		snprintf(reason, sizeof reason, "the baseline wrote no log (is the program dynamically linked?)");
	if (reason[0]) {
		bail(&w, reason);
		if (w.out != stdout)
			fclose(w.out); /* --format html: renders the page */
		free(recs);
		return interrupted ? 128 + sf_pool_signal : 1;
	}

	/* 2. the matrix */
	int count[SF_NCALLS] = {0}, beyond[SF_NCALLS] = {0};
	int *site_count = NULL, *site_last = NULL, *site_total = NULL, nslots = 0;
	w.occs = calloc((size_t)(nrec > 0 ? nrec : 0) + 1, sizeof *w.occs);
	if (!w.occs)
		abort();
	for (long i = 0; i < nrec; i++) {
		struct sf_jrec *r = &recs[i];
		int nth = ++count[r->call];
		if (!(calls & (1u << r->call)))
			continue;
		/* per (call, site): calls there, occurrences swept, the last one */
		int slot = (r->site + 1) * SF_NCALLS + (int)r->call;
		if (slot >= nslots) {
			int ns = nslots ? nslots : 64;
			while (ns <= slot)
				ns *= 2;
			int *m = realloc(site_count, (size_t)ns * sizeof *m);
			if (m)
				site_count = m;
			int *l2 = realloc(site_last, (size_t)ns * sizeof *l2);
			if (l2)
				site_last = l2;
			int *t = realloc(site_total, (size_t)ns * sizeof *t);
			if (t)
				site_total = t;
			if (!m || !l2 || !t)
				abort();
			memset(site_count + nslots, 0, (size_t)(ns - nslots) * sizeof *m);
			memset(site_total + nslots, 0, (size_t)(ns - nslots) * sizeof *t);
			nslots = ns;
		}
		site_total[slot]++;
		if (nth > max_nth) {
			beyond[r->call]++;
			continue;
		}
		struct occ *o = &w.occs[w.nocc++];
		o->call = r->call;
		o->nth = nth;
		o->site = r->site;
		o->site_nth = ++site_count[slot];
		site_last[slot] = w.nocc - 1;
	}
	for (int k = 0; k < w.nocc; k++) {
		int slot = (w.occs[k].site + 1) * SF_NCALLS + (int)w.occs[k].call;
		w.occs[k].last = site_last[slot] == k;
		w.occs[k].site_total = site_total[slot];
	}
	free(site_count);
	free(site_last);
	free(site_total);
	/* errnos per call */
	int nerr[SF_NCALLS], errs[SF_NCALLS][64];
	for (int cl = 0; cl < SF_NCALLS; cl++) {
		int nd;
		const struct sf_doc_errno *d = sf_documented((enum sf_call)cl, &nd);
		nerr[cl] = 0;
		for (int k = 0; k < nd && nerr[cl] < 64; k++) {
			int keep = !nelist;
			for (int m = 0; m < nelist; m++)
				keep |= elist[m] == d[k].err;
			if (keep)
				errs[cl][nerr[cl]++] = d[k].err;
		}
	}
	int total = 0, cap = 0;
	for (int k = 0; k < w.nocc; k++) {
		struct occ *o = &w.occs[k];
		if (o->site_nth > FULL_PER_SITE && !is_pow2(o->site_nth) && !o->last)
			continue;
		for (int e = 0; e < nerr[o->call]; e++) {
			if (total == cap) {
				cap = cap ? cap * 2 : 256;
				w.cases = realloc(w.cases, (size_t)cap * sizeof *w.cases);
				if (!w.cases)
					abort();
			}
			memset(&w.cases[total], 0, sizeof w.cases[total]);
			w.cases[total].occ = k;
			w.cases[total].err = errs[o->call][e];
			total++;
		}
	}
	w.first = (int)((long long)total * (shard_k - 1) / shard_n);
	w.ncases = (int)((long long)total * shard_k / shard_n) - w.first;

	/* header */
	FILE *f = w.out;
	struct sf_str cmd = {0};
	for (int i = 0; w.argv[i]; i++) {
		if (i)
			sf_str_add(&cmd, " ");
		sf_shell_quote(&cmd, w.argv[i]);
	}
	struct sf_str calls_line = {0};
	for (int cl = 0; cl < SF_NCALLS; cl++)
		if (count[cl])
			sf_str_addf(&calls_line, "%s%s %d", calls_line.n ? ", " : "", sf_call_name((enum sf_call)cl),
				    count[cl]);
	if (w.json) {
		fprintf(f, "{\"command\":[");
		for (int i = 0; w.argv[i]; i++) {
			fputs(i ? "," : "", f);
			sf_json_str(f, w.argv[i]);
		}
		fprintf(f, "],\"personality\":");
		if (w.personality)
			sf_json_str(f, w.personality);
		else
			fputs("null", f);
		fprintf(f, ",\"baseline\":{\"exit\":0,\"calls\":%ld},\"total_cases\":%d,\"shard\":[%d,%d],"
			   "\"first_case\":%d,\"cases\":[",
			nrec, total, shard_k, shard_n, w.first + 1);
	} else {
		fprintf(f, "TAP version 13\n# shmfault sweep -- %s\n", cmd.s);
		if (w.personality)
			fprintf(f, "# personality: %s\n", w.personality);
		fprintf(f, "# baseline: exit 0, %ld shm call%s%s%s%s\n", nrec, nrec == 1 ? "" : "s",
			calls_line.n ? " (" : "", calls_line.n ? calls_line.s : "", calls_line.n ? ")" : "");
		for (int cl = 0; cl < SF_NCALLS; cl++)
			if (beyond[cl])
				fprintf(f, "# not swept: %s#%d..#%d (--max-nth %d)\n", sf_call_name((enum sf_call)cl),
					max_nth + 1, count[cl], max_nth);
		/* sampled sites */
		for (int k = 0; k < w.nocc; k++) {
			struct occ *o = &w.occs[k];
			if (!o->last || o->site_nth <= FULL_PER_SITE)
				continue;
			struct sf_str sw = {0};
			int nsw = 0, run_start = -1, prev = -1;
			for (int m = 0; m <= k; m++) {
				struct occ *q = &w.occs[m];
				if (q->call != o->call || q->site != o->site ||
				    !(q->site_nth <= FULL_PER_SITE || is_pow2(q->site_nth) || q->last))
					continue;
				nsw++;
				if (prev >= 0 && q->nth == prev + 1) {
					prev = q->nth;
					continue;
				}
				if (prev > run_start)
					sf_str_addf(&sw, "..#%d, ", prev);
				else if (prev >= 0)
					sf_str_add(&sw, ", ");
				sf_str_addf(&sw, "#%d", q->nth);
				run_start = prev = q->nth;
			}
			if (prev > run_start)
				sf_str_addf(&sw, "..#%d", prev);
			fprintf(f, "# sampled: %s at %s: %d calls there, swept %s (%d of %d)\n", sf_call_name(o->call),
				sf_jlog_site(o->site), o->site_total, sw.s ? sw.s : "", nsw, o->site_total);
			sf_str_free(&sw);
		}
		fprintf(f, "# errnos: %s\n", nelist ? "from --errnos, where documented" : "documented");
		if (shard_n > 1)
			fprintf(f, "# shard %d/%d: cases %d..%d of %d\n", shard_k, shard_n, w.first + 1,
				w.first + w.ncases, total);
		if (w.ncases == 0)
			fprintf(f, "1..0 # SKIP no case to run (no selected shm call in the baseline, or an empty shard)\n");
		else
			fprintf(f, "1..%d\n", w.ncases);
	}
	fflush(f);
	sf_str_free(&cmd);
	sf_str_free(&calls_line);
	free(recs);

	/* 3. the cases */
	w.nslots = jobs * SF_POOL_DEPTH;
	w.slots = calloc((size_t)w.nslots, sizeof *w.slots);
	if (!w.slots)
		abort();
	int prc = w.ncases > 0 ? sf_pool_run(w.ncases, jobs, case_prepare, case_done, &w) : 0;
	slots_cleanup(&w);
	if (prc < 0 && sf_pool_signal) {
		char why[64];
		if (w.progress)
			fprintf(stderr, "\r\033[K");
		snprintf(why, sizeof why, "interrupted by %s", sf_signal_name(sf_pool_signal));
		if (w.json)
			fprintf(f, "\n],\"bail_out\":\"%s\",\"ok\":false}\n", why);
		else
			fprintf(f, "Bail out! %s\n", why);
		fflush(f);
		if (w.out != stdout)
			fclose(w.out);
		for (int k = 0; k < w.ncases; k++)
			free(w.cases[w.first + k].tail);
		free(w.cases);
		free(w.occs);
		return 128 + sf_pool_signal;
	}
	if (w.progress)
		fprintf(stderr, "\r\033[K");

	/* closing */
	if (w.json) {
		fprintf(f, "\n],\"counts\":{");
		for (int k = 0; k < C_N; k++)
			fprintf(f, "%s\"%s\":%d", k ? "," : "", cls_name((enum sf_class)k), w.counts[k]);
		fprintf(f, "},\"ok\":%s}\n", w.all_ok ? "true" : "false");
	} else {
		fprintf(f, "# classes:");
		for (int k = 0; k < C_N; k++)
			if (k != C_ERROR || w.counts[k])
				fprintf(f, "%s %s %d", k ? "," : "", cls_name((enum sf_class)k), w.counts[k]);
		fputc('\n', f);
	}
	fflush(f);
	if (w.out != stdout)
		fclose(w.out);
	free(w.cases);
	free(w.occs);
	return w.all_ok ? 0 : 1;
}

/* ---- shared with gate ---- */

void sf_repro_command(struct sf_str *b, const char *opts, char *const *argv)
{
	const char *self = program_invocation_name;
	sf_shell_quote(b, self && *self ? self : "shmfault");
	sf_str_add(b, " run");
	if (opts && *opts) {
		sf_str_add(b, " ");
		sf_str_add(b, opts);
	}
	sf_str_add(b, " --");
	for (int i = 0; argv[i]; i++) {
		sf_str_add(b, " ");
		sf_shell_quote(b, argv[i]);
	}
}

int sf_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n > 1024 ? 1024 : n) : 1;
}

int sf_parse_timeout(const char *s, double *out)
{
	char *end;
	double t = strtod(s, &end);
	if (end == s || *end || !(t > 0) || t > 1e6)
		return -1;
	*out = t;
	return 0;
}

int sf_parse_jobs(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	return *s && !*end && !errno && v >= 1 && v <= 1024 ? (int)v : -1;
}

void sf_yaml_leaks(FILE *out, const char *indent, const struct sf_sandbox_result *res)
{
	if (res->nleaked == 0) {
		fprintf(out, "%sleaked: []\n", indent);
		return;
	}
	fprintf(out, "%sleaked:\n", indent);
	for (int i = 0; i < res->nleaked && i < SF_MAX_LEAKS; i++) {
		char d[160];
		sf_segment_describe(&res->leaked[i], d, sizeof d);
		fprintf(out, "%s  - ", indent);
		sf_yaml_str(out, d);
		fputc('\n', out);
	}
	if (res->nleaked > SF_MAX_LEAKS)
		fprintf(out, "%s  - \"... and %d more\"\n", indent, res->nleaked - SF_MAX_LEAKS);
}

void sf_json_leaks(FILE *out, const struct sf_sandbox_result *res)
{
	fputc('[', out);
	for (int i = 0; i < res->nleaked && i < SF_MAX_LEAKS; i++) {
		const struct sf_segment *s = &res->leaked[i];
		fprintf(out, "%s{\"key\":\"0x%08x\",\"shmid\":%d,\"size\":%llu,\"creator_pid\":%d,\"nattch\":%d}",
			i ? "," : "", (unsigned)s->key, s->shmid, (unsigned long long)s->size, s->cpid, s->nattch);
	}
	fputc(']', out);
}

const char *sf_signal_name(int sig)
{
	static char buf[32];
	const char *abbrev = sigabbrev_np(sig);
	if (abbrev)
		snprintf(buf, sizeof buf, "SIG%s", abbrev);
	else
		snprintf(buf, sizeof buf, "signal %d", sig);
	return buf;
}
