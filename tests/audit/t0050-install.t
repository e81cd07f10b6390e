#!/bin/sh
test_description='make install puts the audit module next to the interposer; the installed CLI sets LD_AUDIT to it'
. "$(dirname "$0")/lib-audit.sh"

# LD_PRELOAD cannot express a path with a space, as the trash directory has.
stage=$(mktemp -d "${TMPDIR:-/tmp}/shmfault-stage.XXXXXX")

test_expect_success DEEPBIND 'install, run a DEEPBIND host with the installed CLI: the rule fires' '
	make -s -C "$SHMFAULT_TOP" install PREFIX=/opt/sf DESTDIR="$stage" >/dev/null &&
	test -f "$stage/opt/sf/lib/shmfault/libshmfault-audit.so" &&
	"$stage/opt/sf/bin/shmfault" run -- sh -c "echo \$LD_AUDIT" >actual &&
	echo "$stage/opt/sf/bin/../lib/shmfault/libshmfault-audit.so" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 "$stage/opt/sf/bin/shmfault" run -e shmget:error=EACCES -- "$HOST" -l >out 2>err &&
	test "$(failing_line err)" = "deepmod: shmget(IPC_CREAT|IPC_EXCL): Permission denied (EACCES)" &&
	make -s -C "$SHMFAULT_TOP" uninstall PREFIX=/opt/sf DESTDIR="$stage" >/dev/null &&
	test ! -e "$stage/opt/sf/lib/shmfault/libshmfault-audit.so"
'
rm -rf "$stage"
test_done
