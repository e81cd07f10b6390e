/* options.h: each subcommand's options as a table (name, letter, argument,
 * help), parsed by one loop (in the manner of strace's filter_qualify.c:
 * a table and thin parsing layers). -j, --timeout and -o mean the same in
 * every subcommand and are parsed here; --help prints the usage line and
 * the table. */
#ifndef SHMFAULT_OPTIONS_H
#define SHMFAULT_OPTIONS_H

#include <stdio.h>

/* The options every subcommand parses the same way (their ids). */
enum { SF_OPT_JOBS = 'j', SF_OPT_OUTPUT = 'o', SF_OPT_HELP = 'h', SF_OPT_TIMEOUT = 't', SF_OPT_BACKEND = 0x142 };

struct sf_opt {
	int id;           /* what the handler receives (getopt's val) */
	const char *name; /* long name, without "--" */
	char letter;      /* short option, or 0 */
	const char *arg;  /* the argument's name in --help; NULL: a flag */
	const char *help;
};

struct sf_cmd_spec {
	const char *name;   /* "sweep" */
	const char *usage;  /* after "usage: shmfault NAME " */
	const char *errpfx; /* prefix of its messages: "sweep: ", or "" */
	const struct sf_opt *opts; /* ends with an entry whose name is NULL */
	int operands_anywhere; /* operands are files, not a command: options may follow them */
};

/* What -j, --timeout and -o set (the caller fills in the defaults). */
struct sf_common_opts {
	int jobs;
	double timeout;
	const char *output;
};

/* handler(ctx, id, arg): one option of the subcommand's own; 0, or -1 after
 * saying why (sf_error). */
typedef int (*sf_opt_fn)(void *ctx, int id, char *arg);

enum { SF_OPTS_GO, SF_OPTS_HELP, SF_OPTS_BAD };
/* Parse argv (argv[0] is the subcommand) up to the first operand or "--";
 * optind is then the first operand. SF_OPTS_GO; SF_OPTS_HELP when --help
 * was given (the usage is printed: exit 0); SF_OPTS_BAD (exit 2). */
int sf_opts_parse(const struct sf_cmd_spec *spec, int argc, char **argv, struct sf_common_opts *co, sf_opt_fn fn,
		  void *ctx);

/* "usage: shmfault NAME USAGE" and one line per option. */
void sf_opts_usage(const struct sf_cmd_spec *spec, FILE *out);

/* Parse --timeout SEC: seconds, > 0 and at most a million. 0 or -1. */
int sf_parse_timeout(const char *s, double *out);
/* Parse -j N: 1..1024; -1 when bad. */
int sf_parse_jobs(const char *s);
/* The default -j: the number of online CPUs. */
int sf_default_jobs(void);

#endif
