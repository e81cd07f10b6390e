#!/bin/sh
test_description='make install honours PREFIX and DESTDIR; the installed CLI finds the installed library'
. "$(dirname "$0")/../lib/test-lib.sh"

# LD_PRELOAD cannot express a path with a space, as the trash directory has.
stage=$(mktemp -d "${TMPDIR:-/tmp}/shmfault-stage.XXXXXX")

test_expect_success 'install into a staging directory' '
	ln -s "$stage" stage &&
	make -s -C "$SHMFAULT_TOP" install PREFIX=/opt/sf DESTDIR="$stage" >/dev/null &&
	test -x stage/opt/sf/bin/shmfault &&
	test -f stage/opt/sf/lib/shmfault/libshmfault.so &&
	test -f stage/opt/sf/share/man/man1/shmfault.1
'

test_expect_success 'the installed CLI preloads the installed library' '
	stage/opt/sf/bin/shmfault run -- sh -c "echo \$LD_PRELOAD" >actual &&
	echo "$stage/opt/sf/bin/../lib/shmfault/libshmfault.so" >expect &&
	test_cmp expect actual &&
	stage/opt/sf/bin/shmfault run -q -e "shmget:error=ENOSPC" -- "$PROBE" shmget:private:1:0600 >out &&
	echo "shmget -1 ENOSPC" >expect && test_cmp expect out
'

# groff renders the page, plain text (-P-cbou: no overstrike); man -l's failure was
# hidden behind "|| :". Without groff, a SKIP that says so.
command -v groff >/dev/null 2>&1 && test_set_prereq GROFF

test_expect_success GROFF 'the man page renders, with its sections' '
	groff -man -Tutf8 -P-cbou -rLL=80n stage/opt/sf/share/man/man1/shmfault.1 >page 2>err &&
	test -s page &&
	grep -q "^RULES" page &&
	grep -q "^NAME" page
'
test_expect_success 'a library path LD_PRELOAD cannot express is refused' '
	mkdir -p "with space" && cp "$SHMFAULT_LIB" "with space/" &&
	SHMFAULT_LIBRARY="$PWD/with space/libshmfault.so" test_expect_code 2 "$SHMFAULT_BIN" run -- true 2>err &&
	grep -q "holds a space" err
'
rm -rf "$stage"
test_done
