#!/bin/sh
test_description='every rule id a personality simulates is exercised by a test of tests/personality'
. "$(dirname "$0")/../lib/test-lib.sh"

for p in linux posix aix aix64 hpux hpux32 solaris solaris9 freebsd freebsd-strict macos; do
	test_expect_success "$p: each simulated rule id is named in a test" "
		\"\$SHMFAULT_BIN\" list --personality $p | sed 1,3d |
			awk -F '\t' '\$3 != \"not simulated\" && \$3 != \"kernel\" { print \$1 }' | sort -u >ids &&
		test -s ids &&
		for id in \$(cat ids); do
			grep -qw -- \"\$id\" \"\$SHMFAULT_TOP\"/tests/personality/t0[0-9]*.t || echo \$id
		done >untested &&
		test_must_be_empty untested
	"
done

test_done
