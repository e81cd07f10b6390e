/* report.c: see report.h. */
#include <errno.h>
#include <string.h>

#include "outcome.h"
#include "report.h"
#include "summary.h"
#include "tapout.h"

void sf_repro_command(struct sf_str *b, const char *opts, char *const *argv)
{
	const char *self = program_invocation_name;
	sf_shell_quote(b, self && *self ? self : "shmfault");
	sf_str_add(b, " run");
	if (opts && *opts) {
		sf_str_add(b, " ");
		sf_str_add(b, opts);
	}
	/* the backend chosen (option or SHMFAULT_BACKEND) decides what is seen */
	if (sf_sandbox_backend != SF_BACKEND_AUTO)
		sf_str_add(b, sf_sandbox_backend == SF_BACKEND_PRELOAD ? " --backend preload" : " --backend seccomp");
	sf_str_add(b, " --");
	for (int i = 0; argv[i]; i++) {
		sf_str_add(b, " ");
		sf_shell_quote(b, argv[i]);
	}
}

void sf_repro_background(struct sf_str *opts, const char *background)
{
	if (!background)
		return;
	sf_str_addf(opts, " -e '%s'", background); /* validated: no quote in a rule */
	if (strstr(background, "any") || strstr(background, "prob="))
		sf_str_add(opts, " --seed 0"); /* the seed every run of ours uses */
}

/* dev_shm: said when the run had no /dev/shm of its own (never silent) */
static void yaml_dev_shm(FILE *out, const char *indent, const struct sf_sandbox_result *res)
{
	char d[SF_LEAK_DESC + 64];
	if (!sf_pshm_words(res, d, sizeof d))
		return;
	fprintf(out, "%sdev_shm: ", indent);
	sf_yaml_str(out, d);
	fputc('\n', out);
}

void sf_yaml_leaks(FILE *out, const char *indent, const struct sf_sandbox_result *res)
{
	yaml_dev_shm(out, indent, res);
	if (res->nleaked == 0) {
		fprintf(out, "%sleaked: []\n", indent);
		return;
	}
	fprintf(out, "%sleaked:\n", indent);
	for (int i = 0; i < res->nleaked && i < SF_MAX_LEAKS; i++) {
		char d[SF_LEAK_DESC + 128];
		sf_segment_describe(&res->leaked[i], d, SF_LEAK_DESC);
		if (res->leaked[i].left)
			strcat(d, " " SF_LEFT_WORDS);
		fprintf(out, "%s  - ", indent);
		sf_yaml_str(out, d);
		fputc('\n', out);
	}
	if (res->nleaked > SF_MAX_LEAKS)
		fprintf(out, "%s  - \"... and %d more\"\n", indent, res->nleaked - SF_MAX_LEAKS);
}

void sf_json_dev_shm(FILE *out, const struct sf_sandbox_result *res)
{
	char d[SF_LEAK_DESC + 64];
	if (!sf_pshm_words(res, d, sizeof d))
		return;
	fputs(",\"dev_shm\":", out);
	sf_json_str(out, d);
}

void sf_json_leaks(FILE *out, const struct sf_sandbox_result *res)
{
	fputc('[', out);
	for (int i = 0; i < res->nleaked && i < SF_MAX_LEAKS; i++) {
		const struct sf_segment *s = &res->leaked[i];
		if (s->kind != SF_LEAK_SEGMENT) {
			fprintf(out, "%s{\"kind\":\"%s\",\"name\":", i ? "," : "", s->kind == SF_LEAK_PSEM ? "psem" : "pshm");
			sf_json_str(out, s->name);
			fprintf(out, ",\"size\":%llu,\"mode\":\"%04o\",\"removed\":%s}", (unsigned long long)s->size,
				(unsigned)s->mode, s->left ? "false" : "true");
			continue;
		}
		fprintf(out,
			"%s{\"key\":\"0x%08x\",\"shmid\":%d,\"size\":%llu,\"mode\":\"%04o\",\"creator_pid\":%d,"
			"\"nattch\":%d}",
			i ? "," : "", (unsigned)s->key, s->shmid, (unsigned long long)s->size, (unsigned)s->mode, s->cpid,
			s->nattch);
	}
	fputc(']', out);
}

int sf_yaml_exit(FILE *out, const struct sf_sandbox_result *r, int failed, double timeout)
{
	if (r->timed_out)
		fprintf(out, "  timed_out: %g\n", timeout);
	else if (r->signaled)
		fprintf(out, "  signal: %s\n", sf_signal_name(r->signo));
	else if (r->started && !failed)
		fprintf(out, "  exit: %d\n", r->status);
	else
		return 0;
	return 1;
}

void sf_yaml_error(FILE *out, const char *text)
{
	fputs("  error: ", out);
	sf_yaml_str(out, text);
	fputc('\n', out);
}
