#!/bin/sh
test_description='our fault points are libfiu points: FIU_ENABLE through fiu-run, live fiu-ctrl'
. "$(dirname "$0")/../lib/test-lib.sh"

if ! test_have_prereq FIU_UTILS; then
	skip_all='fiu-utils is not installed (apt-get install fiu-utils)'
	test_done
fi

test_expect_success 'fiu-run enables a point by name, failinfo is the errno' '
	fiu-run -f "" -c "enable name=posix/ipc/shm/shmat,failinfo=13" \
		"$SHMFAULT_BIN" run -q -- "$PROBE" shmget:private:4096:0600c shmat >actual &&
	printf "shmget ok ENOTTY\nshmat -1 EACCES\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'posix/ipc/* wildcard reaches all five points; failinfo 0 picks documented errnos' '
	fiu-run -f "" -c "enable name=posix/ipc/*" \
		"$SHMFAULT_BIN" run -q --seed 5 -- "$PROBE" shmget:private:4096:0600c ftok:/:1 >actual &&
	pattern <actual >p && echo xx >expect && test_cmp expect p &&
	e1=$(sed -n 1p actual | cut -d" " -f3) && documented shmget | grep -qx "$e1" &&
	e2=$(sed -n 2p actual | cut -d" " -f3) && documented ftok | grep -qx "$e2"
'

test_expect_success 'onetime: only the first call fails' '
	fiu-run -f "" -c "enable name=posix/ipc/shm/shmget,failinfo=28,onetime" \
		"$SHMFAULT_BIN" run -q -- "$PROBE" shmget:private:4096:0600c shmget:private:4096:0600c >actual &&
	pattern <actual >p && echo xo >expect && test_cmp expect p
'

test_expect_success IPCNS 'fiu-ctrl enables then disables a point in a running process' '
	cat >live.sh <<-\EOT &&
	# fiu-ctrl does not quote its paths: keep the FIFOs where no space is.
	ctl=$(mktemp -d "${TMPDIR:-/tmp}/fiu.XXXXXX")/ctl
	mkfifo in out || exit 1
	$NS env FIU_CTRL_FIFO="$ctl" LD_PRELOAD="$SHMFAULT_LIB /usr/lib/fiu/fiu_run_preload.so" \
		"$PROBE" stdin <in >out &
	exec 7>in 8<out || exit 1
	echo shmget:private:4096:0600c >&7 && read l1 <&8 && echo "$l1"
	pid=$(ls "$ctl"-*.in | sed "s/^.*ctl-\([0-9]*\)\.in\$/\1/")
	fiu-ctrl -f "$ctl" -c "enable name=posix/ipc/shm/shmat,failinfo=13" $pid || exit 1
	echo shmat >&7 && read l2 <&8 && echo "$l2"
	fiu-ctrl -f "$ctl" -c "disable name=posix/ipc/shm/shmat" $pid || exit 1
	echo shmat >&7 && read l3 <&8 && echo "$l3"
	exec 7>&- 8<&-
	wait
	rm -rf "${ctl%/ctl}"
	EOT
	NS="unshare -r -i" &&
	if test "$(id -u)" = 0
	then
		NS="unshare -i"
	fi &&
	NS=$NS SHMFAULT_LIB=$SHMFAULT_LIB PROBE=$PROBE sh live.sh >actual &&
	printf "shmget ok ENOTTY\nshmat -1 EACCES\nshmat ok ENOTTY\n" >expect &&
	test_cmp expect actual
'
test_done
