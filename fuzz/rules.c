/* fuzz/rules.c: sf_rules_parse, the SHMFAULT grammar (common/rules.c). */
#include "fuzz.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct sf_ruleset set;
	char err[512];
	err[0] = 0;
	int r = sf_rules_parse(s, &set, err, sizeof err);
	if (r < 0) {
		FUZZ_CHECK(fuzz_one_line(err, sizeof err), "message '%s'", err);
		FUZZ_CHECK(strncmp(err, "bad rule '", 10) == 0, "message '%s'", err);
	} else {
		FUZZ_CHECK(r == 0, "returned %d", r);
		FUZZ_CHECK(set.n >= 0 && set.n <= SF_MAX_RULES, "n = %d", set.n);
		for (int i = 0; i < set.n; i++) {
			const struct sf_rule *x = &set.rule[i];
			FUZZ_CHECK(x->calls != 0 && (x->calls & ~SF_ALL_CALLS) == 0, "calls %#x", x->calls);
			FUZZ_CHECK(x->err == SF_ERR_ANY || (x->err >= 1 && x->err <= 4095), "err %d", x->err);
			FUZZ_CHECK(x->first >= 1 && x->first <= x->last && x->step >= 1, "when %u..%u+%u",
				   x->first, x->last, x->step);
			FUZZ_CHECK(x->prob > 0, "prob 0");
			FUZZ_CHECK(!x->has_cmd || sf_cmd_name(x->cmd) != NULL, "cmd %d", x->cmd);
			FUZZ_CHECK(!x->has_cmd || x->calls == (1u << SF_SHMCTL), "cmd= on %#x", x->calls);
			FUZZ_CHECK(!x->has_key || !(x->calls & (1u << SF_FTOK)), "key= on ftok");
			FUZZ_CHECK(memchr(x->text, 0, sizeof x->text) != NULL, "text not terminated");
			/* The selector is total: every count gives an answer. */
			(void)sf_when_selects(x, x->first);
			(void)sf_when_selects(x, (uint64_t)x->last + 1);
		}
	}
	free(s);
	return 0;
}
