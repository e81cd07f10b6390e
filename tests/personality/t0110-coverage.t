#!/bin/sh
test_description='every rule id of expected/NAME.tsv is asserted by a test: in a test body of tests/personality, or by the conformance program that implements its check'
. "$(dirname "$0")/../lib/test-lib.sh"

# The ids come from expected/NAME.tsv (kept from platforms.md), never from
# `shmfault list`. Rows whose condition says "documentation only" or "not
# reproducible" are not behaviour a test can reach. An id counts as asserted
# only where a test checks it: on a line of a test body (not a
# test_expect_success description, not a comment), or when its row's check
# is implemented by a COVER marker of conformance/*.c, which
# conformance/t/t02N0-personality-NAME.t runs against the row's expect column.
EXP="$SHMFAULT_TOP/expected"
awk '/test_expect_success|test_description|^[ \t]*#/ { next } { print }' \
	"$SHMFAULT_TOP"/tests/personality/t0[0-9]*.t >bodies
sed -n 's|.*/\* COVER(\(.*\)) \*/.*|\1|p' "$SHMFAULT_TOP"/conformance/*.c |
	awk -F ' [|] ' '$5 != "-" { print $5 }' | sort -u >checks

# linux is the native kernel: conformance/t/native-*.t asserts its rows.
for p in posix aix aix64 hpux solaris solaris9 freebsd freebsd-strict macos; do
	test_expect_success "$p: each rule id of expected/$p.tsv is asserted by a test" "
		awk -F '\t' '!/^#/ && \$1 != \"rule\" && \$7 !~ /documentation only|not reproducible/ { print \$1 \"\t\" \$3 }' \
			\"\$EXP/$p.tsv\" | sort -u >rows &&
		test -s rows &&
		for id in \$(cut -f1 rows | sort -u); do
			grep -qw -- \"\$id\" bodies ||
			awk -F '\t' -v id=\"\$id\" '\$1 == id { print \$2 }' rows | grep -qxFf checks ||
			echo \"\$id\" || return 1
		done >unasserted &&
		test_must_be_empty unasserted
	"
done

test_done
