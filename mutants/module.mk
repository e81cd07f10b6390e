# mutants/: the mutation suite (issue 17 item 5; mutants/list, mutants/run.pl).
#   make mutants         every mutant of mutants/list, each in a scratch copy
#                        of the tree with the tests the list names; exit 1 if
#                        one survives or does not compile (CI; not make check)
#   make mutants-check   only check that every snippet still applies (fast;
#                        tests/lint/t0030-mutants-apply.t runs it in make check)
#   make mutants MUTANTS='id1 id2'   only these
.PHONY: mutants mutants-check
mutants:
	CC='$(CC)' SANITIZE='$(SANITIZE)' perl mutants/run.pl $(MUTANTS)

mutants-check:
	perl mutants/run.pl --check
