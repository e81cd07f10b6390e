#!/bin/sh
test_description='shmfault run: exit status, summary, leaks, LD_PRELOAD, refusals'
. "$(dirname "$0")/../lib/test-lib.sh"

test_expect_success 'exit status is the command own' '
	test_expect_code 3 "$SHMFAULT_BIN" run -- sh -c "exit 3"
'

test_expect_success 'a command killed by signal N gives 128+N' '
	test_expect_code 139 "$SHMFAULT_BIN" run -- sh -c "kill -SEGV \$\$"
'

test_expect_success 'a program that creates a segment and never removes it is reported as leaking' '
	"$SHMFAULT_BIN" run -- "$PROBE" shmget:0x5eed0001:8192:0600c >out 2>err &&
	grep "^shmfault: leaked segment key=0x5eed0001 shmid=[0-9]* size=8192 creator pid=[0-9]* nattch=0 (removed)\$" err
'

test_expect_success 'a segment whose IPC_RMID the fault failed is kept by the fault, not leaked' '
	"$SHMFAULT_BIN" run -e "shmctl:error=EPERM:cmd=IPC_RMID:when=1" -- "$PROBE" \
		shmget:0x5eed0005:4096:0600c shmget:0x5eed0006:4096:0600c shmctl:rmid:0 >out 2>err &&
	grep "^shmfault: kept segment key=0x5eed0005 .*the injected IPC_RMID failure kept it, not a leak (removed)\$" err &&
	grep "^shmfault: leaked segment key=0x5eed0006 " err &&
	test $(grep -c "^shmfault: leaked" err) = 1
'

test_expect_success 'a clean program reports nothing' '
	"$SHMFAULT_BIN" run -- "$PROBE" shmget:0x5eed0002:8192:0600c shmat shmdt shmctl:rmid >out 2>err &&
	test_must_be_empty err
'

test_expect_success ROOT 'host namespace (--host-ipc): the leak is reported, then nothing remains' '
	"$SHMFAULT_BIN" run --host-ipc -- "$PROBE" shmget:0x5eed0003:4096:0600c >out 2>err &&
	grep "^shmfault: leaked segment key=0x5eed0003 " err &&
	ipcs -m >ipcs.out &&
	test_expect_code 1 grep -qi "^0x5eed0003 " ipcs.out
'

test_expect_success ROOT '--host-ipc never removes a segment the run did not create' '
	id=$(ipcmk -M 4096 -p 0600 | sed -n "s/.*id: *//p") &&
	test -n "$id" &&
	"$SHMFAULT_BIN" run --host-ipc -- "$PROBE" shmat:$id shmdt >out 2>err &&
	ipcs -m -i $id >/dev/null &&
	ipcrm -m $id &&
	test_must_be_empty err
'

test_expect_success 'the default run does not touch the host IPC namespace' '
	"$SHMFAULT_BIN" run -- "$PROBE" shmget:0x5eed0004:4096:0600c shmget:private:4096:0600 2>err &&
	ipcs -m >ipcs.out &&
	test_expect_code 1 grep -qi "^0x5eed0004 " ipcs.out &&
	test $(grep -c "leaked segment" err) = 2
'

test_expect_success 'processes left running by the command are killed' '
	"$SHMFAULT_BIN" run -- sh -c "sleep 1000 & echo \$! >pid" 2>err &&
	grep "still running after the command ended were killed" err
'

test_expect_success 'the library goes first in LD_PRELOAD and what was there stays' '
	LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libm.so.6 "$SHMFAULT_BIN" run -- sh -c "echo \$LD_PRELOAD" >actual &&
	echo "$SHMFAULT_LIB /usr/lib/x86_64-linux-gnu/libm.so.6" >expect &&
	test_cmp expect actual
'

test_expect_success 'under --backend preload a statically linked program is refused with a clear message' '
	test_expect_code 2 "$SHMFAULT_BIN" run --backend preload -e "shmat:error=EACCES" -- "$BUILD/tests/probe-static" shmget:private:4096:0600c >out 2>err &&
	test_must_be_empty out &&
	grep "^shmfault: refusing to run .*probe-static.: it is statically linked" err
'

# issue 13: the kernel backend reaches static programs; auto is the default
if "$BUILD/kernel/kernsup" -q -- true >/dev/null 2>&1; then
	test_set_prereq USER_NOTIF
fi
test_expect_success USER_NOTIF 'by default (auto) a statically linked program runs, and the kernel backend applies the rule' '
	"$SHMFAULT_BIN" run -e "shmget:error=EACCES" -- "$BUILD/tests/probe-static" shmget:private:4096:0600c >out 2>err &&
	grep "^shmget -1 EACCES\$" out &&
	grep "^shmfault: injected shmget EACCES x1 (rule 1 " err
'

test_expect_success 'a script is checked through its interpreter' '
	printf "#!/bin/sh\nexit 0\n" >ok.sh && chmod +x ok.sh &&
	"$SHMFAULT_BIN" run -- ./ok.sh
'

test_expect_success 'a missing command: exit 2 before anything runs' '
	test_expect_code 2 "$SHMFAULT_BIN" run -- ./no-such-program 2>err &&
	grep "^shmfault: cannot run .\./no-such-program.: No such file" err
'

test_expect_success 'a bad rule: exit 2, one line naming the rule and the bad token, nothing run' '
	test_expect_code 2 "$SHMFAULT_BIN" run -e "shmat:error=EACCES" -e "shmat:error=EACCES:when=0" -- sh -c "touch ran" 2>err &&
	test $(wc -l <err) = 1 &&
	grep "^shmfault: bad rule .shmat:error=EACCES:when=0.: when: " err &&
	! test -e ran
'

test_expect_success 'SHMFAULT in the environment and -e rules add up' '
	SHMFAULT="shmget:error=ENOSPC:when=2" "$SHMFAULT_BIN" run -q -e "ftok:error=ENOENT" -- \
		"$PROBE" shmget:private:1:0600 shmget:private:1:0600 ftok:/:1 >actual &&
	pattern <actual >p && echo oxx >expect && test_cmp expect p
'

test_expect_success 'the seed is printed for error=any and replays the run' '
	"$SHMFAULT_BIN" run -e "all:error=any" -- "$PROBE" shmget:private:1:0600 ftok:/:1 >first 2>err &&
	seed=$(sed -n "s/^shmfault: seed \([0-9]*\) .*/\1/p" err) &&
	test -n "$seed" &&
	"$SHMFAULT_BIN" run -q --seed "$seed" -e "all:error=any" -- "$PROBE" shmget:private:1:0600 ftok:/:1 >second &&
	test_cmp first second
'

test_expect_success 'list: every call, its documented errnos and its fault point' '
	"$SHMFAULT_BIN" list >out &&
	for c in shmget shmat shmdt shmctl ftok
	do
		grep -q "^$c  (fault point posix/ipc/" out || return 1
	done &&
	grep -q "^  EMFILE " out && grep -q "^  EOVERFLOW " out
'

test_expect_success '--help, --version, unknown command' '
	"$SHMFAULT_BIN" --help | grep -q "^usage: shmfault run" &&
	"$SHMFAULT_BIN" --version | grep -q "^shmfault [0-9]" &&
	test_expect_code 2 "$SHMFAULT_BIN" frobnicate 2>err &&
	grep -q "unknown command" err
'
test_done
