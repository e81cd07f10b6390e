#!/bin/sh
test_description='a sweep of a program using multiprocessing.shared_memory classifies every case of its POSIX calls'
. "$(dirname "$0")/../lib/test-lib.sh"

PY="$SHMFAULT_TOP/samples/posix/pyshm.py"
python3 -c "from multiprocessing import shared_memory" 2>/dev/null && test_set_prereq PYSHM

test_expect_success PYSHM 'pyshm.py runs under the interposer: two shm_open, one ftruncate, two mmap, one shm_unlink' '
	"$SHMFAULT_BIN" run -q --log log.jsonl -- python3 "$PY" >out &&
	grep "^pyshm: read hello from " out &&
	test $(grep -c "\"call\":\"shm_open\"" log.jsonl) = 2 &&
	test $(grep -c "\"call\":\"ftruncate\"" log.jsonl) = 1 &&
	test $(grep -c "\"call\":\"mmap\"" log.jsonl) = 2 &&
	test $(grep -c "\"call\":\"shm_unlink\"" log.jsonl) = 1
'

# ftruncate's 6 documented errnos and shm_unlink's 3 (tests/pshm/t0040-errnos.t's table)
test_expect_success PYSHM 'sweep --calls ftruncate,shm_unlink: 9 cases, each classified; a refused shm_unlink leaks its object (exit 1)' '
	test_expect_code 1 "$SHMFAULT_BIN" sweep -j2 --timeout 60 --calls ftruncate,shm_unlink -- python3 "$PY" >sweep.tap 2>err &&
	test $(grep -c "^ok [0-9]* - ftruncate#1 E[A-Z]*: " sweep.tap) = 6 &&
	test $(grep -c "^not ok [0-9]* - shm_unlink#1 E[A-Z]*: leaked (exit 1, 1 POSIX object)$" sweep.tap) = 3 &&
	grep "^# classes: .* crashed 0, hung 0, leaked 3, not-reached 0$" sweep.tap
'

test_expect_success PYSHM 'EINTR from ftruncate is retried by Python (PEP 475): recovered; ENOSPC-like errors end the program cleanly' '
	grep "^ok [0-9]* - ftruncate#1 EINTR: recovered (exit 0)$" sweep.tap &&
	grep "^ok [0-9]* - ftruncate#1 EFBIG: failed-cleanly (exit 1)$" sweep.tap
'

# A refused shm_unlink leaves the object in the case's private /dev/shm:
# listed, removed, and never on the host's.
test_expect_success PYSHM 'the objects the shm_unlink faults kept are listed, and none is on the host' '
	test $(grep -c "^    - \"POSIX shm object /sfpy2-[0-9a-f]* size=4096 mode=0600\"$" sweep.tap) = 3 &&
	for f in /dev/shm/sfpy2-*
	do
		test ! -e "$f" || return 1
	done
'

test_done
