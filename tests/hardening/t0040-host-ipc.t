#!/bin/sh
# host-ipc.t: `shmfault run` leaves the host's IPC namespace alone unless
# --host-ipc is given: a program that creates and leaks segments changes
# neither the number of host segments nor any segment that existed before;
# with --host-ipc the run removes what it created and only that.
# shmfault: serial
test_description='the host IPC namespace is untouched without --host-ipc'
. "$(dirname "$0")/../lib/test-lib.sh"

host_count() {
	awk 'NR > 1' /proc/sysvipc/shm | wc -l
}
# host_has KEY: a host segment with KEY (hex) exists
host_has() {
	awk -v k="$(printf %d "$1")" 'NR > 1 && $1 == k { found = 1 } END { exit !found }' /proc/sysvipc/shm
}

base=$(( 0x5f4d0000 + $$ % 4096 * 4 ))
k_old=$(printf 0x%x $base)        # made on the host before the runs
k_run=$(printf 0x%x $((base + 1))) # made by the program under test
k_host=$(printf 0x%x $((base + 2)))

test -r /proc/sysvipc/shm && test_set_prereq PROCIPC

test_expect_success PROCIPC 'setup: a host segment that must survive everything' '
	"$PROBE" shmget:$k_old:4096:0600c >out &&
	grep -q "shmget ok" out &&
	host_has $k_old
'

test_expect_success PROCIPC 'a leaking program under shmfault run: host count unchanged, its keys absent' '
	before=$(host_count) &&
	"$SHMFAULT_BIN" run -- "$PROBE" shmget:$k_run:4096:0600c shmget:private:4096:0600c \
		shmget:private:8192:0600c shmat >out 2>err &&
	test "$(grep -c " ok " out)" = 4 &&
	test "$(grep -c "^shmfault: leaked segment" err)" = 3 &&
	after=$(host_count) &&
	test "$before" = "$after" &&
	! host_has $k_run &&
	host_has $k_old
'

test_expect_success PROCIPC 'even removing by id in the run does not reach host segments' '
	id=$(awk -v k="$(printf %d $k_old)" "NR > 1 && \$1 == k { print \$2 }" /proc/sysvipc/shm) &&
	test -n "$id" &&
	"$SHMFAULT_BIN" run -q -- "$PROBE" shmctl:rmid:$id >out &&
	echo "shmctl -1 EINVAL" >expect && test_cmp expect out &&
	host_has $k_old
'

test_expect_success PROCIPC '--host-ipc: the run sees the host, removes what it created, and only that' '
	before=$(host_count) &&
	"$SHMFAULT_BIN" run --host-ipc -- "$PROBE" shmget:$k_host:4096:0600c shmget:private:4096:0600c \
		shmget:$k_old:4096:0600 >out 2>err &&
	printf "shmget ok ENOTTY\nshmget ok ENOTTY\nshmget ok ENOTTY\n" >expect && test_cmp expect out &&
	test "$(grep -c "^shmfault: leaked segment" err)" = 2 &&
	after=$(host_count) &&
	test "$before" = "$after" &&
	! host_has $k_host &&
	host_has $k_old
'

test_expect_success PROCIPC 'cleanup' '
	id=$(awk -v k="$(printf %d $k_old)" "NR > 1 && \$1 == k { print \$2 }" /proc/sysvipc/shm) &&
	ipcrm -m "$id" && ! host_has $k_old
'
test_done
