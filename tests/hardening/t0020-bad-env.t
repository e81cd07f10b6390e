#!/bin/sh
# bad-env.t: the other variables of the library's interface, malformed or
# unusable: SHMFAULT_LIMITS, SHMFAULT_PERSONALITY, SHMFAULT_OPTIONS, SHMFAULT_SEED,
# SHMFAULT_LOG, SHMFAULT_STATE. The library alone must exit 125 before main
# with exactly one line on stderr and nothing on stdout; the CLI (where it
# takes the value: --limit, -p, --seed) exits 2 with the same kind of line.
test_description='malformed or unusable SHMFAULT_* values fail closed'
. "$(dirname "$0")/../lib/test-lib.sh"

n=0
# lib_rejects VAR VALUE: exit 125, no stdout, stderr = expect
lib_rejects() {
	test_expect_code 125 env "$1=$2" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 \
		</dev/null >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err
}
cli_rejects() {
	test_expect_code 2 "$SHMFAULT_BIN" run "$@" -- true </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err
}

tab=$(printf '\t')

# SHMFAULT_LIMITS and --limit: VALUE<TAB>MESSAGE
while IFS=$tab read -r val msg; do
	case $val in ''|'#'*) continue ;; esac
	n=$((n + 1))
	test_expect_success "SHMFAULT_LIMITS='$val' is refused by the library" '
		printf "shmfault: %s\n" "$msg" >expect &&
		lib_rejects SHMFAULT_LIMITS "$val"
	'
	test_expect_success "--limit '$val' is refused by the CLI" '
		printf "shmfault: %s\n" "$msg" >expect &&
		cli_rejects --limit "$val" &&
		SHMFAULT_LIMITS=$val test_expect_code 2 "$SHMFAULT_BIN" run -- true </dev/null 2>err2 &&
		test_cmp expect err2
	'
done <<'EOT'
shmseg=	bad limit 'shmseg=': the value must be a number
shmmax=	bad limit 'shmmax=': the value must be a number with an optional k, M or G
shmfoo=1	bad limit 'shmfoo=1': expected shmseg=N, shmmax=SIZE, shmmni=N or shmall=PAGES
SHMSEG=1	bad limit 'SHMSEG=1': expected shmseg=N, shmmax=SIZE, shmmni=N or shmall=PAGES
shmseg	bad limit 'shmseg': expected shmseg=N, shmmax=SIZE, shmmni=N or shmall=PAGES
shmseg=1,	bad limit '': trailing ','
,shmseg=1	bad limit '': expected shmseg=N, shmmax=SIZE, shmmni=N or shmall=PAGES
shmseg=1,shmseg=2	bad limit 'shmseg=2': given twice
shmmax=1T	bad limit 'shmmax=1T': the value must be a number with an optional k, M or G
shmmax=1kk	bad limit 'shmmax=1kk': the value must be a number with an optional k, M or G
shmseg=1k	bad limit 'shmseg=1k': the value must be a number
shmseg=-1	bad limit 'shmseg=-1': the value must be a number
shmseg= 1	bad limit 'shmseg= 1': the value must be a number
shmmni=0x10	bad limit 'shmmni=0x10': the value must be a number
shmall=18446744073709551616	bad limit 'shmall=18446744073709551616': the value must be a number
shmmax=9223372036854775807k	bad limit 'shmmax=9223372036854775807k': the value must be a number with an optional k, M or G
shmseg=1;shmmni=2	bad limit 'shmseg=1;shmmni=2': the value must be a number
EOT

# SHMFAULT_PERSONALITY and -p: the list of known names grows, so only the
# start of the line is fixed; it must still be one line.
for val in plan9 LINUX 'linux ' aix,linux "$(printf 'li\nnux')"; do
	n=$((n + 1))
	shown=$(printf '%s' "$val" | tr '\n' '?')
	esc=$(printf '%s' "$val" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/\\n/g')
	test_expect_success "SHMFAULT_PERSONALITY='$shown' is refused (library, CLI)" '
		test_expect_code 125 env SHMFAULT_PERSONALITY="$val" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 \
			</dev/null >out 2>err &&
		test_must_be_empty out &&
		test "$(wc -l <err)" = 1 &&
		grep -F "shmfault: unknown personality '"'"'$esc'"'"' (known: " err &&
		test_expect_code 2 "$SHMFAULT_BIN" run -p "$val" -- true </dev/null >out 2>err &&
		test_must_be_empty out &&
		test "$(wc -l <err)" = 1 &&
		grep -F "shmfault: unknown personality '"'"'$esc'"'"' (known: " err
	'
done

# SHMFAULT_OPTIONS (library only: the CLI passes it through the environment)
while IFS=$tab read -r val msg; do
	case $val in ''|'#'*) continue ;; esac
	n=$((n + 1))
	test_expect_success "SHMFAULT_OPTIONS='$val' is refused by the library" '
		printf "shmfault: %s\n" "$msg" >expect &&
		lib_rejects SHMFAULT_OPTIONS "$val"
	'
done <<'EOT'
foo	bad SHMFAULT_OPTIONS word 'foo' (known: ftok-inode-reuse, jail, rmid-stat)
JAIL	bad SHMFAULT_OPTIONS word 'JAIL' (known: ftok-inode-reuse, jail, rmid-stat)
jail,,rmid-stat	bad SHMFAULT_OPTIONS word '' (known: ftok-inode-reuse, jail, rmid-stat)
,jail	bad SHMFAULT_OPTIONS word '' (known: ftok-inode-reuse, jail, rmid-stat)
jail;rmid-stat	bad SHMFAULT_OPTIONS word 'jail;rmid-stat' (known: ftok-inode-reuse, jail, rmid-stat)
jail rmid-stat	bad SHMFAULT_OPTIONS word 'jail rmid-stat' (known: ftok-inode-reuse, jail, rmid-stat)
EOT

# SHMFAULT_SEED (library) and --seed (CLI)
for val in abc 12x 0x 1.5 ' 1x' -1 99999999999999999999999 0x1ffffffffffffffff; do
	n=$((n + 1))
	test_expect_success "SHMFAULT_SEED='$val' is refused (library, CLI)" '
		printf "shmfault: bad SHMFAULT_SEED '"'%s'"': expected a number (decimal or 0x hex)\n" "$val" >expect &&
		lib_rejects SHMFAULT_SEED "$val" &&
		printf "shmfault: bad seed '"'%s'"': expected a number (decimal or 0x hex)\n" "$val" >expect &&
		cli_rejects --seed "$val"
	'
done

# SHMFAULT_LOG: a file the library cannot, or must not, write.
log_rejects() {
	printf "shmfault: cannot open log '%s': %s\n" "$1" "$2" >expect &&
	lib_rejects SHMFAULT_LOG "$1"
}
test_expect_success 'SHMFAULT_LOG in a missing directory' '
	n=$((n + 1)) && log_rejects "$PWD/no/such/dir/log" "No such file or directory"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_LOG naming a directory' '
	mkdir -p d && log_rejects "$PWD/d" "Is a directory"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_LOG through a symlink is refused (never followed)' '
	: >real.log && ln -sf real.log link.log &&
	log_rejects "$PWD/link.log" "Too many levels of symbolic links" &&
	test_must_be_empty real.log
'
n=$((n + 1))
test_expect_success 'SHMFAULT_LOG dangling symlink: no file created at its target' '
	ln -sf "$PWD/created-by-link" dangling.log &&
	log_rejects "$PWD/dangling.log" "Too many levels of symbolic links" &&
	! test -e created-by-link
'
n=$((n + 1))
test_expect_success 'SHMFAULT_LOG naming a FIFO with no reader: refused at once, no hang' '
	mkfifo fifo.log &&
	log_rejects "$PWD/fifo.log" "No such device or address"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_LOG naming a device is refused' '
	log_rejects /dev/null "not a regular file"
'
n=$((n + 1))
test_expect_success ROOT 'SHMFAULT_LOG the user may not write (as nobody)' '
	: >root-only.log && chmod 600 root-only.log && chmod 755 . &&
	printf "shmfault: cannot open log '"'%s'"': Permission denied\n" "$PWD/root-only.log" >expect &&
	test_expect_code 125 setpriv --reuid=65534 --regid=65534 --clear-groups \
		env SHMFAULT_LOG="$PWD/root-only.log" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 \
		</dev/null >out 2>err &&
	test_must_be_empty out && test_cmp expect err
'

# SHMFAULT_STATE: only a state file the CLI made is accepted.
state_rejects() {
	printf "shmfault: %s\n" "$2" >expect &&
	lib_rejects SHMFAULT_STATE "$1"
}
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE missing' '
	state_rejects "$PWD/none" "cannot open state file '"'$PWD/none'"': No such file or directory"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE empty file' '
	: >empty && state_rejects "$PWD/empty" "'"'$PWD/empty'"' is not a shmfault state file of this version"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE a text file' '
	echo hello >text && state_rejects "$PWD/text" "'"'$PWD/text'"' is not a shmfault state file of this version"
'
n=$((n + 1))
test_expect_success 'a state file copied from a live run is accepted (control)' '
	"$SHMFAULT_BIN" run -q -- sh -c "cp \"\$SHMFAULT_STATE\" good.state" </dev/null &&
	test -s good.state &&
	env SHMFAULT_STATE="$PWD/good.state" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 </dev/null >out 2>err &&
	test_must_be_empty err && test -s out
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE right size, zeros (wrong magic)' '
	size=$(wc -c <good.state) && truncate -s "$size" zeros.state &&
	state_rejects "$PWD/zeros.state" "'"'$PWD/zeros.state'"' is not a shmfault state file of this version"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE right magic, another version' '
	cp good.state v2.state &&
	printf "\\377" | dd of=v2.state bs=1 seek=8 conv=notrunc 2>/dev/null &&
	! cmp -s good.state v2.state &&
	state_rejects "$PWD/v2.state" "'"'$PWD/v2.state'"' is not a shmfault state file of this version"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE one byte short, one byte long' '
	head -c -1 good.state >short.state &&
	state_rejects "$PWD/short.state" "'"'$PWD/short.state'"' is not a shmfault state file of this version" &&
	cp good.state long.state && printf x >>long.state &&
	state_rejects "$PWD/long.state" "'"'$PWD/long.state'"' is not a shmfault state file of this version"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE a directory' '
	mkdir -p sd && state_rejects "$PWD/sd" "cannot open state file '"'$PWD/sd'"': Is a directory"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE through a symlink is refused' '
	: >target && ln -sf target st.link &&
	state_rejects "$PWD/st.link" "cannot open state file '"'$PWD/st.link'"': Too many levels of symbolic links"
'
n=$((n + 1))
test_expect_success 'SHMFAULT_STATE a FIFO: refused, no hang' '
	mkfifo st.fifo &&
	state_rejects "$PWD/st.fifo" "'"'$PWD/st.fifo'"' is not a shmfault state file of this version"
'

say "# bad environment values tried: $n"
test_done
