#!/bin/sh
test_description='git t/ convention (issue 12): every test file is tNNNN-name.t, numbers unique in its suite'
. "$(dirname "$0")/../lib/test-lib.sh"

test_expect_success 'every tests/SUITE/*.t and conformance/t/*.t is numbered tNNNN-name.t' '
	(cd "$SHMFAULT_TOP" && ls tests/*/*.t conformance/t/*.t) >files &&
	test $(wc -l <files) -gt 50 &&
	{ grep -v "/t[0-9][0-9][0-9][0-9]-[a-z0-9][a-z0-9_.-]*\.t$" files >unnumbered || test $? = 1; } &&
	test_must_be_empty unnumbered
'

test_expect_success 'no two tests of one suite share a number' '
	sed "s|^\(.*/t[0-9]*\)-.*|\1|" files | sort | uniq -d >dups &&
	test_must_be_empty dups
'

test_expect_success 'helper programs live in tests/helpers/ (or tests/unit/), not beside the suites' '
	(cd "$SHMFAULT_TOP" && find tests -maxdepth 1 -name "*.c") >stray &&
	test_must_be_empty stray
'

test_done
