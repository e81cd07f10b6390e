#!/bin/sh
test_description='the audit module: rules reach a module opened with dlopen(RTLD_DEEPBIND), lazy and now binding, PLT and dlsym'
. "$(dirname "$0")/lib-audit.sh"

CALLS="shmget shmat shmdt shmctl ftok"
# The line samples/deepbind/deepmod.c prints when CALL fails with EACCES.
fail_line() {
	case $1 in
	shmget) echo "deepmod: shmget(IPC_CREAT|IPC_EXCL): Permission denied (EACCES)" ;;
	shmctl) echo "deepmod: shmctl(IPC_STAT): Permission denied (EACCES)" ;;
	*) echo "deepmod: $1: Permission denied (EACCES)" ;;
	esac
}

# The ways the module's calls are bound: dlopen lazy or now, the module
# linked -z now, LD_BIND_NOW, and dlsym(RTLD_DEFAULT) inside the module.
set_modes() {
	cat >modes <<-MODES
	lazy|-l
	now|
	z-now-module|-m $D/libdeepmod-now.so -l
	dlsym-lazy|-l -d
	dlsym-now|-d
	MODES
}

test_expect_success DEEPBIND 'the host runs its module: 6 shm calls, all ok (no fault)' '
	in_ns "$HOST" >out 2>err &&
	echo "deephost: ok" >expect && test_cmp expect out &&
	test $(grep -c ": ok$" err) = 6
'

test_expect_success DEEPBIND,IPCNS 'the gap: the interposer alone (LD_PRELOAD, no LD_AUDIT) never sees the module'"'"'s calls' '
	set_modes &&
	while IFS="|" read -r name args
	do
		for c in $CALLS
		do
			in_ns env SHMFAULT="$c:error=EACCES" SHMFAULT_LOG="$PWD/gap.log" LD_PRELOAD="$SHMFAULT_LIB" \
				"$HOST" $args >out 2>err || return 1
			grep -q "^deephost: ok$" out || return 1
		done
	done <modes &&
	! grep -q "\"injected\":true" gap.log
'

test_expect_success DEEPBIND,IPCNS 'with LD_AUDIT next to LD_PRELOAD, a rule on each call fires, in every binding mode' '
	set_modes &&
	while IFS="|" read -r name args
	do
		for c in $CALLS
		do
			test_expect_code 1 in_ns env SHMFAULT="$c:error=EACCES" LD_PRELOAD="$SHMFAULT_LIB" \
				LD_AUDIT="$AUDIT_LIB" "$HOST" $args >out 2>err || return 1
			test "$(failing_line err)" = "$(fail_line $c)" || { echo "$name $c: $(failing_line err)" && return 1; }
		done
	done <modes
'

test_expect_success DEEPBIND,IPCNS 'LD_BIND_NOW with a lazily opened module: the rule fires' '
	test_expect_code 1 in_ns env LD_BIND_NOW=1 SHMFAULT="shmat:error=EACCES" LD_PRELOAD="$SHMFAULT_LIB" \
		LD_AUDIT="$AUDIT_LIB" "$HOST" -l >out 2>err &&
	test "$(failing_line err)" = "$(fail_line shmat)"
'

test_expect_success DEEPBIND 'shmfault run sets LD_AUDIT: each call refused with EACCES, the summary says the rule fired' '
	set_modes &&
	while IFS="|" read -r name args
	do
		for c in $CALLS
		do
			test_expect_code 1 "$SHMFAULT_BIN" run -e "$c:error=EACCES" -- "$HOST" $args >out 2>err || return 1
			test "$(failing_line err)" = "$(fail_line $c)" || return 1
			grep -q "^shmfault: injected $c EACCES x[12] (rule 1 " err || return 1
		done
	done <modes
'

test_expect_success DEEPBIND 'shmfault run: the audit module follows the interposer; a user'"'"'s own LD_AUDIT stays, after it' '
	"$SHMFAULT_BIN" run -- sh -c "echo \$LD_AUDIT" >actual &&
	echo "$AUDIT_LIB" >expect && test_cmp expect actual &&
	LD_AUDIT=/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0 "$SHMFAULT_BIN" run -- sh -c "echo \$LD_AUDIT" >actual &&
	echo "$AUDIT_LIB:/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0" >expect && test_cmp expect actual
'

test_expect_success DEEPBIND 'a copy of the interposer without the audit module beside it is refused, naming the path' '
	lonely=$(mktemp -d "${TMPDIR:-/tmp}/shmfault-lonely.XXXXXX") &&
	cp "$SHMFAULT_LIB" "$lonely/" &&
	SHMFAULT_LIBRARY="$lonely/libshmfault.so" test_expect_code 2 "$SHMFAULT_BIN" run -- true 2>err &&
	rm -rf "$lonely" &&
	grep -q "cannot find the audit module at $lonely/libshmfault-audit.so" err
'

test_expect_success DEEPBIND,IPCNS 'without the interposer, the audit module changes nothing (a rule in the environment is not read)' '
	in_ns env SHMFAULT="shmget:error=EACCES" LD_AUDIT="$AUDIT_LIB" "$HOST" -l >out 2>err &&
	echo "deephost: ok" >expect && test_cmp expect out &&
	test $(grep -c ": ok$" err) = 6
'

test_expect_success DEEPBIND,IPCNS 'a program the interposer already reaches sees the same results and errno with the audit module' '
	in_ns env SHMFAULT="shmat:error=EIDRM:when=2" LD_PRELOAD="$SHMFAULT_LIB" \
		"$PROBE" shmget:private:4096:0600c shmat shmat shmctl:rmid >expect &&
	in_ns env SHMFAULT="shmat:error=EIDRM:when=2" LD_PRELOAD="$SHMFAULT_LIB" LD_AUDIT="$AUDIT_LIB" \
		"$PROBE" shmget:private:4096:0600c shmat shmat shmctl:rmid >actual &&
	test_cmp expect actual &&
	grep -q "^shmat -1 EIDRM$" actual
'

test_expect_success DEEPBIND 'the audit module exports only the la_* symbols' '
	nm -D --defined-only "$AUDIT_LIB" | awk "{ print \$3 }" | sort >syms &&
	awk "!/^la_/" syms >others &&
	test_must_be_empty others &&
	grep -q "^la_version$" syms && grep -q "^la_objopen$" syms && grep -q "^la_symbind64$" syms
'

test_done
