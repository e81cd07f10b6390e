#!/bin/sh
test_description='claims of the seed blog posts about System V shm, decided on Linux (docs/seed-claims.md)

Each test fails if the verdict written in docs/seed-claims.md changes.
Every step runs in a private IPC namespace.
'
. "$(dirname "$0")/../lib/test-lib.sh"

SC="$BUILD/tests/seedclaims"
PAGE=$(getconf PAGESIZE)
export SC PAGE
if test "$(id -u)" = 0 && unshare -i true 2>/dev/null; then NS="unshare -i"
elif unshare -r -i true 2>/dev/null; then NS="unshare -r -i"
fi
export NS
command -v ipcs >/dev/null 2>&1 && command -v ipcrm >/dev/null 2>&1 && test_set_prereq IPCTOOLS

# ns SCRIPT: run a shell script in one private IPC namespace
ns() { $NS sh -c "$1"; }

test_expect_success IPCNS,IPCTOOLS 'seeds 000/002/003: a segment outlives its creator until IPC_RMID or ipcrm; ipcs lists it; IPC_CREAT|IPC_EXCL on its key fails with EEXIST meanwhile' '
	ns "\"\$SC\" get 0x5eed0100 4096 01600 && \"\$SC\" get 0x5eed0100 4096 03600; ipcs -m; ipcrm -M 0x5eed0100 && ipcs -m && \"\$SC\" get 0x5eed0100 4096 03600" >out &&
	grep "^id 0$" out &&
	grep "^EEXIST$" out &&
	test "$(grep -c "0x5eed0100" out)" = 1 &&
	test "$(grep -c "^id " out)" = 2
'

test_expect_success IPCNS,IPCTOOLS 'seed 002: after ipcrm, shmget(key, IPC_CREAT) does not fail: it creates a new segment, so a later IPC_CREAT|IPC_EXCL gets EEXIST; removing it frees the key (no need to change the key)' '
	ns "\"\$SC\" get 0x5eed0101 4096 01640; ipcrm -M 0x5eed0101; \"\$SC\" get 0x5eed0101 4096 01000; \"\$SC\" get 0x5eed0101 4096 03640; ipcrm -M 0x5eed0101; \"\$SC\" get 0x5eed0101 4096 03640" >out &&
	printf "id 0\nid 1\nEEXIST\nid 2\n" >expect &&
	test_cmp expect out
'

test_expect_success IPCNS 'seed 002: IPC_CREAT without permission bits gives a usable id with the key asked for (not 0xffffffff) and mode 0' '
	ns "\"\$SC\" get 0x5eed0102 4096 01000 && \"\$SC\" stat 0" >out &&
	printf "id 0\nkey=0x5eed0102 segsz=4096 mode=00\n" >expect &&
	test_cmp expect out
'

test_expect_success IPCNS 'seed 003: memory comes in whole pages: a 1-byte segment reports segsz 1 but its whole page is writable; the next page faults' '
	test_expect_code 139 ns "\"\$SC\" get 0x5eed0103 1 01600 && \"\$SC\" stat 0 && \"\$SC\" touch 0 $((PAGE - 1)) && \"\$SC\" touch 0 $PAGE" >out &&
	printf "id 0\nkey=0x5eed0103 segsz=1 mode=0600\nok\n" >expect &&
	test_cmp expect out
'

test_expect_success IPCNS 'seed 003: size PAGE+1 takes two pages (the last byte of the second page is writable)' '
	ns "\"\$SC\" get 0x5eed0104 $((PAGE + 1)) 01600 && \"\$SC\" touch 0 $((2 * PAGE - 1))" >out &&
	printf "id 0\nok\n" >expect &&
	test_cmp expect out
'

test_expect_success IPCNS 'seed 002: IPC_EXCL without IPC_CREAT means nothing: ENOENT on an absent key, the id on an existing one' '
	ns "\"\$SC\" get 0x5eed0105 4096 02000; \"\$SC\" get 0x5eed0105 4096 01600 && \"\$SC\" get 0x5eed0105 4096 02000" >out &&
	printf "ENOENT\nid 0\nid 0\n" >expect &&
	test_cmp expect out
'

test_expect_success IPCNS 'seed 001: IPC_PRIVATE creates a new segment on every call' '
	ns "\"\$SC\" private" >out &&
	echo distinct >expect &&
	test_cmp expect out
'

test_expect_success 'seed 000: shm_segsz is not an int (glibc: size_t)' '
	"$SC" segsz-type >out &&
	echo size_t >expect &&
	test_cmp expect out
'

test_done
