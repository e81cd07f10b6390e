#!/bin/sh
# fuzz-smoke.t: build every libFuzzer target of fuzz/ (clang, ASan with leak
# checking, UBSan) and run each for FUZZ_SMOKE_SECONDS (3) over its seed
# corpus: no crash, no leak, no undefined behaviour, no broken invariant.
# The number of executions per target is printed as TAP diagnostics.
test_description='libFuzzer smoke run of every fuzz target'
. "$(dirname "$0")/../lib/test-lib.sh"

: "${FUZZ_CC:=clang}"
: "${FUZZ_SMOKE_SECONDS:=3}"
targets=$(sed -n 's/^FUZZ_TARGETS *?= *//p' "$SHMFAULT_TOP/fuzz/module.mk")

# The fuzzer runtime (libclang-rt-NN-dev) and a leak checker must be there.
cat >probe-fuzzer.c <<-\EOT
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
EOT
if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	skip_all="$FUZZ_CC is not installed (apt-get install clang)"
elif ! "$FUZZ_CC" -fsanitize=fuzzer,address,undefined probe-fuzzer.c -o probe-fuzzer 2>/dev/null; then
	skip_all="$FUZZ_CC cannot link -fsanitize=fuzzer,address,undefined (apt-get install libclang-rt-dev)"
elif ! ./probe-fuzzer -runs=1 >/dev/null 2>&1; then
	skip_all="a libFuzzer binary does not run here (ptrace or ASLR restrictions?)"
fi
if test -n "${skip_all:-}"; then
	test_done
fi

test_expect_success 'the fuzz targets build' '
	# not the jobserver of an enclosing make (its descriptors are not ours)
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$SHMFAULT_TOP" fuzz-build FUZZ_CC="$FUZZ_CC" >build.log 2>&1 || {
		cat build.log && false
	}
'

for t in $targets; do
	test_expect_success "fuzz target $t: ${FUZZ_SMOKE_SECONDS}s clean" "
		FUZZ_WORK=\"\$PWD/work\" \"\$SHMFAULT_TOP/fuzz/run.sh\" $FUZZ_SMOKE_SECONDS $t >$t.out 2>&1 || {
			cat $t.out && false
		}
	"
	test -f "$t.out" && sed -n "s/^fuzz: \($t: .*\)/# \1/p" "$t.out"
done
test_done
