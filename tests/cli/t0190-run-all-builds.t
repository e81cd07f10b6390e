#!/bin/sh
test_description='run_all.sh builds what its suites need, with the current flags (issue 14 item 4)'
. "$(dirname "$0")/../lib/test-lib.sh"
# In a scratch copy of the tree: a build of the library and CLI alone
# ('make all'), with other CFLAGS (as after 'make check SANITIZE=...'), then
# ./run_all.sh on a suite whose one test needs the samples and test programs.
# Costs one full build of the copy (about a minute on 2 cores).

# Under 'make check' the environment says not to build (SHMFAULT_NO_BUILD=1)
# and holds the outer make's flags: the copy's run_all.sh runs as a user's would.
unset SHMFAULT_NO_BUILD MAKEFLAGS MFLAGS MAKELEVEL

if ! git -C "$SHMFAULT_TOP" rev-parse --git-dir >/dev/null 2>&1; then
	skip_all='not a git checkout: cannot list the files to copy'
	test_done
fi

# copy_tree DIR: the tracked files and the untracked ones not ignored, as they are now.
copy_tree() {
	git -C "$SHMFAULT_TOP" ls-files -z --cached --others --exclude-standard |
		perl -0ne 'chomp; print "$_\0" if -e "$ENV{SHMFAULT_TOP}/$_"' |
		tar -C "$SHMFAULT_TOP" --null -T - -cf - | tar -C "$1" -xf -
}

# The suite 'needs' of the copy: one test of what the suites need.
write_needs() {
	mkdir -p "$1/tests/needs"
	cat >"$1/tests/needs/t.t" <<-\EOT
	#!/bin/sh
	# the programs the suites run, and the flags they were built with
	cd "$(dirname "$0")/../.."
	echo 1..3
	if test -x build/samples/sweep/careful && test -x build/tests/probe; then echo ok 1 - programs built; else echo not ok 1 - programs built; fi
	if grep -q STALE_FLAGS build/.flags; then echo not ok 2 - current flags; else echo ok 2 - current flags; fi
	if test build/libshmfault.so -nt build/.flags; then echo ok 3 - library rebuilt after the flags changed; else echo not ok 3 - library rebuilt; fi
	# a prove of its own on a TAP with a not ok, as tests of the JUnit output do
	d=$(mktemp -d) && printf "1..1\nnot ok 1 - inner, expected\n" >"$d/inner.tap" &&
	(cd "$d" && prove --exec cat inner.tap) >/dev/null 2>&1
	rm -rf "$d"
	EOT
	chmod +x "$1/tests/needs/t.t"
}

test_expect_success 'setup: a scratch copy of the tree (tracked files and uncommitted changes)' '
	mkdir copy &&
	copy_tree copy &&
	test -x copy/run_all.sh && test -f copy/Makefile &&
	write_needs copy &&
	test -x copy/tests/needs/t.t
'

test_expect_success 'a build with other flags, library and CLI only (no samples, no test programs)' '
	make -C copy -s -j2 CFLAGS=-DSTALE_FLAGS all >build.log 2>&1 &&
	grep STALE_FLAGS copy/build/.flags &&
	! test -e copy/build/samples/sweep/careful
'

test_expect_success 'SHMFAULT_NO_BUILD=1 (what make check sets): nothing is built, the suite fails, and the digest names the failure last' '
	test_expect_code 1 env SHMFAULT_NO_BUILD=1 SHMFAULT_JOBS=2 ./copy/run_all.sh needs >out 2>err &&
	! test -e copy/build/samples/sweep/careful &&
	grep "Result: FAIL" out &&
	sed -n "/^run_all.sh: failures/,\$p" out >digest &&
	grep "^== tests/needs/t.t" digest &&
	grep "^not ok 1 - programs built" digest &&
	test_must_fail grep "inner" digest
'

test_expect_success 'run_all.sh builds them with the current flags, then the suite passes' '
	(cd copy && SHMFAULT_JOBS=2 ./run_all.sh needs) >out 2>err &&
	grep "All tests successful" out &&
	test -x copy/build/samples/sweep/careful &&
	! grep STALE_FLAGS copy/build/.flags
'

test_expect_success 'run_all.sh --no-build does not call make (a broken make would fail)' '
	mkdir fakebin &&
	printf "#!/bin/sh\necho make was called >&2\nexit 9\n" >fakebin/make &&
	chmod +x fakebin/make &&
	fake="$(pwd)/fakebin" &&
	(cd copy && PATH="$fake:$PATH" SHMFAULT_JOBS=2 ./run_all.sh --no-build needs) >out 2>err &&
	! grep "make was called" err &&
	test_expect_code 2 env PATH="$fake:$PATH" SHMFAULT_JOBS=2 ./copy/run_all.sh needs >out 2>err &&
	grep "run_all.sh: the build failed" err
'

test_done
