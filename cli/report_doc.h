/* report_doc.h: the reports people review. A sweep's or a gate's results as
 * plain C data (read from their --format json documents by report_read.c),
 * written as one self-contained HTML page by report_html.c and
 * report_gate_html.c. `shmfault report` merges the documents; `--format html`
 * on sweep and gate renders the JSON they write (one path, one page). */
#ifndef SHMFAULT_REPORT_DOC_H
#define SHMFAULT_REPORT_DOC_H

#include <stdio.h>

/* Strings point into the parsed documents, which live as long as the report. */
struct rp_leak {
	const char *key;
	long long shmid, size, cpid, nattch;
	const char *kind;       /* NULL: a segment; "pshm" or "psem": a POSIX object */
	const char *name, *mode;
	int removed;
};

struct rp_outcome {
	int has_exit, exit;     /* exit status, when the program exited */
	const char *signal;     /* "SIGSEGV" or NULL */
	int timed_out;
	const char *error;      /* the run could not be made, or NULL */
	long long out_bytes;    /* stderr (sweep) or stdout+stderr (gate) */
	const char **tail;      /* its last lines */
	int ntail;
	struct rp_leak *leaked;
	int nleaked;
	const char *reproduce;  /* the `shmfault run` command */
};

struct rp_case {
	int n;                  /* in the whole sweep: first_case + n - 1 */
	const char *call, *err, *site, *cls;
	int occurrence, ok, reached, rmid_kept, killed;
	struct rp_outcome o;
};

struct rp_fired {
	const char *rule, *call, *cmd, *site, *err, *what;
	int occurrence, times;
};

struct rp_run {            /* one personality of one gate */
	const char *personality, *result, *diagnostic;
	int ok, nfired, not_listed;
	long long shm_calls;
	struct rp_fired *fired;
	struct rp_outcome o;
};

struct rp_gate {           /* one gate document: one command */
	const char *const *command;
	int ncommand;
	const char *bail_out;
	struct rp_run *runs;
	int nruns;
};

struct rp_report {
	int gate;               /* 0: a sweep (one command, its shards); 1: gates */
	/* sweep */
	const char *const *command;
	int ncommand;
	const char *personality;
	long long baseline_calls;
	int baseline_exit, total_cases, nshards;
	struct rp_case *cases;  /* sorted by n */
	int ncases;
	const char **notes;     /* what the sweep could not see, in words */
	int nnotes;
	/* gate */
	struct rp_gate *gates;
	int ngates;
	/* the parsed documents (json-c objects) and the arrays above */
	void **docs, **mem;
	int ndocs, nmem;
};

/* Add the JSON document text[0..len) read from name. 0, or -1 with a message
 * in err (naming name). */
int rp_add_json(struct rp_report *r, const char *name, const char *text, size_t len, char *err, size_t errlen);
/* After every document: sort, check the shards add up (notes say what is
 * missing). 0, or -1 with a message in err. */
int rp_finish(struct rp_report *r, char *err, size_t errlen);
void rp_free(struct rp_report *r);
/* Add a note (copied) to what the sweep could not see. */
void rp_note(struct rp_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The page. */
void rp_html_sweep(FILE *out, const struct rp_report *r);
void rp_html_gate(FILE *out, const struct rp_report *r);

/* Pieces the two pages share (report_html.c). */
void rp_esc(FILE *out, const char *s);               /* HTML-escaped, valid UTF-8 */
void rp_page_start(FILE *out, const char *title);
void rp_page_end(FILE *out);
void rp_outcome_dl(FILE *out, const struct rp_outcome *o, const char *tail_name);
void rp_command(FILE *out, const char *verb, const char *const *argv, int n);

/* `shmfault report FILE.json... [-o FILE]` */
int sf_cmd_report(int argc, char **argv);

/* --format html on sweep and gate: a stream the JSON document is written to;
 * closing it renders the page to dest (and closes dest unless it is stdout).
 * NULL when out of memory. */
FILE *sf_html_stream(FILE *dest);

#endif
