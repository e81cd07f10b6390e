#!/bin/sh
# bad-rules.t: every error path of the rule parser (common/rules.c), each
# malformed rule rejected the same way by
#   - the library alone: exit 125 before main, nothing on stdout, exactly one
#     line on stderr naming the rule and the bad token;
#   - the CLI (shmfault run -e RULE -- true): exit 2 with that same line,
#     before anything starts.
# The table below is RULE<TAB>MESSAGE (the line after "shmfault: ").
test_description='malformed SHMFAULT rules: library exit 125, CLI exit 2, same line'
. "$(dirname "$0")/../lib/test-lib.sh"

# lib_rejects: the probe would print one line per call; it must not start.
lib_rejects() {
	test_expect_code 125 env SHMFAULT="$1" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" ftok:/:1 \
		</dev/null >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err
}

cli_rejects() {
	test_expect_code 2 "$SHMFAULT_BIN" run -e "$1" -- true </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err
}

n=0
check() {
	rule=$1 msg=$2
	n=$((n + 1))
	shown=$(printf '%s' "$rule" | tr '\n\001' '??')
	test_expect_success "library rejects rule $n: $shown" '
		printf "shmfault: %s\n" "$msg" >expect &&
		lib_rejects "$rule"
	'
	test_expect_success "cli rejects rule $n: $shown" '
		printf "shmfault: %s\n" "$msg" >expect &&
		cli_rejects "$rule"
	'
}

tab=$(printf '\t')
while IFS=$tab read -r rule msg; do
	case $rule in ''|'#'*) continue ;; esac
	check "$rule" "$msg"
done <<'EOT'
# no ':' at all, or no call before it
shmat	bad rule 'shmat': expected CALLS:error=ERRNO
error=EACCES	bad rule 'error=EACCES': expected CALLS:error=ERRNO
:error=EACCES	bad rule ':error=EACCES': no call named before ':'
# CALLS
shmfoo:error=EACCES	bad rule 'shmfoo:error=EACCES': unknown call 'shmfoo' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
shmat,:error=EACCES	bad rule 'shmat,:error=EACCES': unknown call '' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
,shmat:error=EACCES	bad rule ',shmat:error=EACCES': unknown call '' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
shmat,,shmdt:error=EACCES	bad rule 'shmat,,shmdt:error=EACCES': unknown call '' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
ALL:error=EACCES	bad rule 'ALL:error=EACCES': unknown call 'ALL' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
all,shmat:error=EACCES	bad rule 'all,shmat:error=EACCES': unknown call 'all' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
shmat,shmat:error=EACCES	bad rule 'shmat,shmat:error=EACCES': call 'shmat' is named twice
shmgetshmgetshmgetshmgetshmget:error=EACCES	bad rule 'shmgetshmgetshmgetshmgetshmget:error=EACCES': unknown call 'shmgetshmgetshmgetsh' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)
# options: shape
shmat:	bad rule 'shmat:': empty option (two ':' in a row, or a trailing ':')
shmat:error=EACCES:	bad rule 'shmat:error=EACCES:': empty option (two ':' in a row, or a trailing ':')
shmat::error=EACCES	bad rule 'shmat::error=EACCES': empty option (two ':' in a row, or a trailing ':')
shmat:error	bad rule 'shmat:error': option 'error' needs a value (NAME=VALUE)
shmat:error=EACCES:when	bad rule 'shmat:error=EACCES:when': option 'when' needs a value (NAME=VALUE)
shmat:bogus=1	bad rule 'shmat:bogus=1': unknown option 'bogus' (error, when, prob, key, name, cmd, scope)
shmat:=EACCES	bad rule 'shmat:=EACCES': unknown option '' (error, when, prob, key, name, cmd, scope)
shmat:Error=EACCES	bad rule 'shmat:Error=EACCES': unknown option 'Error' (error, when, prob, key, name, cmd, scope)
shmat:error=EACCES:error=EINVAL	bad rule 'shmat:error=EACCES:error=EINVAL': option 'error' given twice
shmat:error=EACCES:when=1:when=2	bad rule 'shmat:error=EACCES:when=1:when=2': option 'when' given twice
shmat:error=EACCES:scope=process:scope=process	bad rule 'shmat:error=EACCES:scope=process:scope=process': option 'scope' given twice
shmat:when=1	bad rule 'shmat:when=1': missing error=ERRNO
# error=
shmat:error=EFOO	bad rule 'shmat:error=EFOO': unknown errno 'EFOO' (a name such as EACCES, a number 1..4095, or any)
shmat:error=	bad rule 'shmat:error=': unknown errno '' (a name such as EACCES, a number 1..4095, or any)
shmat:error=0	bad rule 'shmat:error=0': unknown errno '0' (a name such as EACCES, a number 1..4095, or any)
shmat:error=4096	bad rule 'shmat:error=4096': unknown errno '4096' (a name such as EACCES, a number 1..4095, or any)
shmat:error=eacces	bad rule 'shmat:error=eacces': unknown errno 'eacces' (a name such as EACCES, a number 1..4095, or any)
shmat:error=-13	bad rule 'shmat:error=-13': unknown errno '-13' (a name such as EACCES, a number 1..4095, or any)
shmat:error=ANY	bad rule 'shmat:error=ANY': unknown errno 'ANY' (a name such as EACCES, a number 1..4095, or any)
shmat:error=EACCESEACCESEACCESEACCESEACCES	bad rule 'shmat:error=EACCESEACCESEACCESEACCESEACCES': unknown errno 'EACCESEACCESEACCESEA' (a name such as EACCES, a number 1..4095, or any)
# when=
shmat:error=EACCES:when=0	bad rule 'shmat:error=EACCES:when=0': when: the first call must be a number from 1
shmat:error=EACCES:when=	bad rule 'shmat:error=EACCES:when=': when: the first call must be a number from 1
shmat:error=EACCES:when=x	bad rule 'shmat:error=EACCES:when=x': when: the first call must be a number from 1
shmat:error=EACCES:when=-1	bad rule 'shmat:error=EACCES:when=-1': when: the first call must be a number from 1
shmat:error=EACCES:when=4294967295	bad rule 'shmat:error=EACCES:when=4294967295': when: the first call must be a number from 1
shmat:error=EACCES:when=..5	bad rule 'shmat:error=EACCES:when=..5': when: the first call must be a number from 1
shmat:error=EACCES:when=+5	bad rule 'shmat:error=EACCES:when=+5': when: the first call must be a number from 1
shmat:error=EACCES:when=5..2	bad rule 'shmat:error=EACCES:when=5..2': when: N..M needs M >= N
shmat:error=EACCES:when=1..	bad rule 'shmat:error=EACCES:when=1..': when: the last call of N..M must be a number from 1
shmat:error=EACCES:when=1..x	bad rule 'shmat:error=EACCES:when=1..x': when: the last call of N..M must be a number from 1
shmat:error=EACCES:when=1...5	bad rule 'shmat:error=EACCES:when=1...5': when: the last call of N..M must be a number from 1
shmat:error=EACCES:when=1..4294967295	bad rule 'shmat:error=EACCES:when=1..4294967295': when: the last call of N..M must be a number from 1
shmat:error=EACCES:when=1..5+	bad rule 'shmat:error=EACCES:when=1..5+': when: N..M+ needs a step after '+'
shmat:error=EACCES:when=1+0	bad rule 'shmat:error=EACCES:when=1+0': when: the step after '+' must be a number from 1
shmat:error=EACCES:when=1+x	bad rule 'shmat:error=EACCES:when=1+x': when: the step after '+' must be a number from 1
# prob=
shmat:error=EACCES:prob=0	bad rule 'shmat:error=EACCES:prob=0': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=1.5	bad rule 'shmat:error=EACCES:prob=1.5': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=	bad rule 'shmat:error=EACCES:prob=': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=nan	bad rule 'shmat:error=EACCES:prob=nan': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=-0.5	bad rule 'shmat:error=EACCES:prob=-0.5': prob: expected a number in (0, 1]
shmat:error=EACCES:prob= 0.5	bad rule 'shmat:error=EACCES:prob= 0.5': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=0.5x	bad rule 'shmat:error=EACCES:prob=0.5x': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=1e-400	bad rule 'shmat:error=EACCES:prob=1e-400': prob: expected a number in (0, 1]
shmat:error=EACCES:prob=0.000000000000000000000000000001	bad rule 'shmat:error=EACCES:prob=0.000000000000000000000000000001': prob: expected a number in (0, 1]
# key=
shmat:error=EACCES:key=	bad rule 'shmat:error=EACCES:key=': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
shmat:error=EACCES:key=+5	bad rule 'shmat:error=EACCES:key=+5': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
shmat:error=EACCES:key= 5	bad rule 'shmat:error=EACCES:key= 5': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
shmat:error=EACCES:key=0xZZ	bad rule 'shmat:error=EACCES:key=0xZZ': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
shmat:error=EACCES:key=4294967296	bad rule 'shmat:error=EACCES:key=4294967296': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
shmat:error=EACCES:key=-2147483649	bad rule 'shmat:error=EACCES:key=-2147483649': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
shmat:error=EACCES:key=IPC_PUBLIC	bad rule 'shmat:error=EACCES:key=IPC_PUBLIC': key: expected a number (decimal, 0x hex) or IPC_PRIVATE
ftok:error=ENOENT:key=1	bad rule 'ftok:error=ENOENT:key=1': key= does not apply to ftok (it makes keys)
# cmd=
shmctl:error=EPERM:cmd=IPC_FOO	bad rule 'shmctl:error=EPERM:cmd=IPC_FOO': cmd: unknown shmctl command 'IPC_FOO'
shmctl:error=EPERM:cmd=	bad rule 'shmctl:error=EPERM:cmd=': cmd: unknown shmctl command ''
shmctl:error=EPERM:cmd=ipc_rmid	bad rule 'shmctl:error=EPERM:cmd=ipc_rmid': cmd: unknown shmctl command 'ipc_rmid'
shmat:error=EACCES:cmd=IPC_RMID	bad rule 'shmat:error=EACCES:cmd=IPC_RMID': cmd= applies to shmctl only
all:error=EACCES:cmd=IPC_RMID	bad rule 'all:error=EACCES:cmd=IPC_RMID': cmd= applies to shmctl only
shmctl,shmat:error=EINVAL:cmd=IPC_STAT	bad rule 'shmctl,shmat:error=EINVAL:cmd=IPC_STAT': cmd= applies to shmctl only
# scope=
shmat:error=EACCES:scope=tree	bad rule 'shmat:error=EACCES:scope=tree': scope: the only scope is 'process' (the default counts across the process tree)
shmat:error=EACCES:scope=	bad rule 'shmat:error=EACCES:scope=': scope: the only scope is 'process' (the default counts across the process tree)
# several rules: the bad one is named, spaces and empty rules are allowed
shmat:error=EACCES;shmdt:error=EFOO	bad rule 'shmdt:error=EFOO': unknown errno 'EFOO' (a name such as EACCES, a number 1..4095, or any)
shmat:error=EACCES ; ; shmget:when=2	bad rule 'shmget:when=2': missing error=ERRNO
EOT

# Rules the table cannot hold.
many=
for i in $(test_seq 1 33); do many="${many}shmat:error=EACCES;"; done
check "$many" "bad rule 'shmat:error=EACCES': more than 32 rules"

nl=$(printf 'shmat:error=EAC\nCES;x')
nl=${nl%;x}
check "$nl" "bad rule 'shmat:error=EAC\\nCES': unknown errno 'EAC\\nCES' (a name such as EACCES, a number 1..4095, or any)"

ctl=$(printf 'shmat\001:error=EACCES')
check "$ctl" "bad rule 'shmat\\x01:error=EACCES': unknown call 'shmat\\x01' (shmget, shmat, shmdt, shmctl, ftok, shm_open, shm_unlink, ftruncate, mmap, munmap, all)"

tabkey=$(printf 'shmget:error=ENOSPC:key=\t5')
check "$tabkey" "bad rule 'shmget:error=ENOSPC:key=\t5': key: expected a number (decimal, 0x hex) or IPC_PRIVATE"

tabprob=$(printf 'shmat:error=EACCES:prob=\t0.5')
check "$tabprob" "bad rule 'shmat:error=EACCES:prob=\t0.5': prob: expected a number in (0, 1]"

long="shmat:error=EACCES:when=1:prob=0.5:key=0x1234:scope=process:bogus=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
check "$long" "bad rule 'shmat:error=EACCES:when=1:prob=0.5:key=0x1234:scope=process:bogus=xxxxxxxxxxxxxx...': unknown option 'bogus' (error, when, prob, key, name, cmd, scope)"

# The CLI also takes rules from SHMFAULT, and validates those the same way.
test_expect_success 'cli rejects a bad rule given in SHMFAULT' '
	echo "shmfault: bad rule '"'shmat:error=EFOO'"': unknown errno '"'EFOO'"' (a name such as EACCES, a number 1..4095, or any)" >expect &&
	test_expect_code 2 env SHMFAULT=shmat:error=EFOO "$SHMFAULT_BIN" run -- true </dev/null >out 2>err &&
	test_must_be_empty out && test_cmp expect err
'

# A bad rule next to a good one: the good one does not run either.
test_expect_success 'cli: a bad rule among good ones starts nothing' '
	test_expect_code 2 "$SHMFAULT_BIN" run -e shmat:error=EACCES -e shmat:error=EFOO -- \
		sh -c "echo started >started" </dev/null 2>err &&
	! test -e started
'

# Not malformed, but where a lenient parser went wrong: a leading 0 in
# key= is decimal as documented (strtoll's base 0 read it as octal).
test_expect_success IPCNS 'key=0777 selects key 777 (decimal), not 0777 octal' '
	in_ns env SHMFAULT="shmget:error=ENOSPC:key=0777" LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" \
		shmget:0x1ff:4096:0600c shmget:0x309:4096:0600c >actual &&
	printf "shmget ok ENOTTY\nshmget -1 ENOSPC\n" >expect &&
	test_cmp expect actual
'

say "# malformed rules tried: $n (each by the library and by the CLI)"
test_done
