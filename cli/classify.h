/* classify.h: how a program coped with a run, in the sweep's classes. One
 * definition, used by `shmfault sweep` and `shmfault case`. */
#ifndef SHMFAULT_CLASSIFY_H
#define SHMFAULT_CLASSIFY_H

#include "sandbox.h"
#include "state.h"

enum sf_class {
	SF_RECOVERED,      /* exit 0, nothing leaked */
	SF_FAILED_CLEANLY, /* non-zero exit with a diagnostic on stderr, nothing leaked */
	SF_SILENT,         /* non-zero exit, nothing on stderr */
	SF_CRASHED,        /* killed by a signal */
	SF_HUNG,           /* timed out */
	SF_LEAKED,         /* segments left behind */
	SF_NOT_REACHED,    /* the faulted call never happened */
	SF_ERROR,          /* the run itself could not be made */
	SF_NCLASSES
};

/* "failed-cleanly"; NULL for an out-of-range value. */
const char *sf_class_name(enum sf_class c);
/* SF_NCLASSES when the name is none of the classes. */
enum sf_class sf_class_parse(const char *name);
/* Whether a case of this class is "ok" in TAP (silent-failure: unless strict). */
int sf_class_ok(enum sf_class c, int strict);

/* The leaks that are the run's: all but the new files of the host's
 * /dev/shm (left in place: who made them cannot be told). */
int sf_leaks_owned(const struct sf_sandbox_result *r);

/* When several apply, the first of crashed, hung, leaked names the run.
 * run_failed: the sandbox failed; reached: the fault (if any) happened;
 * stderr_bytes: what the program wrote on stderr. */
enum sf_class sf_classify(const struct sf_sandbox_result *r, int run_failed, int reached,
			  unsigned long long stderr_bytes);

/* The same, knowing that kept of the leaked segments were kept alive by the
 * fault itself (an IPC_RMID it failed). They count against the program
 * only when it did not notice: a program that reports the failure (non-zero
 * exit, a diagnostic on stderr) has done all it could, and is
 * failed-cleanly; one that exits 0 without a word has leaked them. */
enum sf_class sf_classify_kept(const struct sf_sandbox_result *r, int run_failed, int reached,
			       unsigned long long stderr_bytes, int kept);

/* Move out of r->leaked the segments the fault itself kept alive (their
 * IPC_RMID was failed by a rule or a libfiu point, so the program could not
 * remove them): they are not the program's leaks. Copies them to kept (up to
 * max) and returns how many there were. */
int sf_discount_kept(struct sf_sandbox_result *r, const struct sf_state *st, struct sf_segment *kept, int max);

#endif
