#!/bin/sh
test_description='conformance/ builds with musl-gcc (strict and default), and the musl build passes the native checks against expected/linux.tsv'
. "$(dirname "$0")/../lib/test-lib.sh"
. "$SHMFAULT_TOP/tests/portability/lib-portability.sh"

if ! command -v musl-gcc >/dev/null 2>&1; then
	skip_all='musl-gcc not installed (Debian package musl-tools, listed in .ci/packages)'
	test_done
fi
port_ns >ns && test -s ns && test_set_prereq PORT_NS

for p in $CONF_ALL; do
	test_expect_success "musl-gcc strict (-D_XOPEN_SOURCE=700): $p builds" "
		port_build musl-gcc musl-strict $p -D_XOPEN_SOURCE=700
	"
	test_expect_success "musl-gcc (conf.h's own feature macros): $p builds" "
		port_build musl-gcc musl $p
	"
done

# The native checks from the musl build, as conformance/t/native-*.t runs
# them. inject is left out: it preloads build/libshmfault.so, a glibc
# library that cannot be loaded into a musl process.
for p in $CONF_ALL; do
	test "$p" = inject && continue
	test_expect_success PORT_NS "musl build: $p passes its native checks (expected/linux.tsv)" "
		port_native musl/$p out.$p
	"
done

test_done
