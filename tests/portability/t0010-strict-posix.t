#!/bin/sh
test_description='conformance/ builds with strict POSIX feature macros (-std=c11 -D_XOPEN_SOURCE=700, no _GNU_SOURCE), -Werror, with gcc and clang'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/portability/lib-portability.sh"

STRICT="-D_XOPEN_SOURCE=700"
command -v gcc >/dev/null 2>&1 && test_set_prereq GCC
command -v clang >/dev/null 2>&1 && test_set_prereq CLANG

for p in $CONF_ALL; do
	test_expect_success GCC "gcc strict: $p builds and _GNU_SOURCE stays undefined" "
		port_build gcc gcc-strict $p $STRICT &&
		port_macros gcc $p $STRICT >macros.$p &&
		grep '_XOPEN_SOURCE 700' macros.$p &&
		test_must_fail grep -w _GNU_SOURCE macros.$p
	"
	test_expect_success CLANG "clang strict: $p builds" "
		port_build clang clang-strict $p $STRICT
	"
done

# A strict build still runs: the programs that need no Linux extension
# pass natively against expected/linux.tsv (what needs one is a SKIP with
# the reason 'built without _GNU_SOURCE').
port_ns >ns && test -s ns && test_set_prereq PORT_NS
for p in shmget pshm_open pshm_map; do
	test_expect_success GCC,PORT_NS "gcc strict: $p passes its native checks" "
		port_native gcc-strict/$p out.strict.$p
	"
done

test_done
