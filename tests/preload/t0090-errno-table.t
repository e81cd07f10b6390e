#!/bin/sh
test_description='the documented errnos of each call, written out from the man pages: error=any draws exactly these, and list agrees with the table'
. "$(dirname "$0")/../lib/test-lib.sh"

# The table, from the ERRORS sections of Linux man-pages 6.03 shmget(2),
# shmop(2) (shmat, shmdt), shmctl(2) and ftok(3) (ftok fails as stat(2) on
# its path), with POSIX.1-2017 XSH shmat's EMFILE.  Written here, not read
# from the product, so that an errno dropped from common/errnos.c is seen.
cat >table <<\EOF_TABLE
shmget EACCES EEXIST EINVAL ENFILE ENOENT ENOMEM ENOSPC EPERM
shmat EACCES EIDRM EINVAL EMFILE ENOMEM
shmdt EINVAL
shmctl EACCES EFAULT EIDRM EINVAL ENOMEM EOVERFLOW EPERM
ftok EACCES ELOOP ENAMETOOLONG ENOENT ENOTDIR
EOF_TABLE

# 200 calls of CALL, each failed by error=any (every call fails).
many() {
	case $1 in
	shmget) echo "repeat:200:shmget/private/4096/0600c" ;;
	shmat) echo "shmget:private:4096:0600c repeat:200:shmat" ;;
	shmdt) echo "shmget:private:4096:0600c shmat repeat:200:shmdt" ;;
	shmctl) echo "shmget:private:4096:0600c repeat:200:shmctl/stat" ;;
	ftok) echo "repeat:200:ftok/./1" ;;
	esac
}

# table_of CALL: its errnos from the table above, one a line, sorted.
table_of() {
	awk -v c="$1" '$1 == c { for (i = 2; i <= NF; i++) print $i }' table | sort
}

# drawn CALL: the errnos error=any gave its 200 calls (under a fixed seed),
# sorted, once each; a call that succeeded is printed as "ok".
drawn() {
	# shellcheck disable=SC2046
	in_ns env SHMFAULT="$1:error=any" SHMFAULT_SEED=17 LD_PRELOAD="$SHMFAULT_LIB" "$PROBE" $(many "$1") |
		awk -v c="$1" '$1 == c { print ($2 == "ok" ? "ok" : $3) }' | sort -u
}

# listed_table: `shmfault list` in the table's form (CALL ERRNO...). The
# POSIX shm calls' rows are checked by tests/pshm/t0040-errnos.t.
listed_table() {
	"$SHMFAULT_BIN" list | awk '/^[a-z]/ && $2 ~ /^\(/ { printf "%s%s", (n++ ? "\n" : ""), $1 }
		/^  E/ { printf " %s", $1 } END { print "" }'
}

for call in shmget shmat shmdt shmctl ftok; do
	test_expect_success IPCNS "error=any on $call draws every errno of the man-page table, and only those" "
		table_of $call >expect &&
		drawn $call >actual &&
		test_cmp expect actual
	"
done

test_expect_success 'shmfault list agrees with the man-page table' '
	listed_table >all &&
	grep -E "^(shmget|shmat|shmdt|shmctl|ftok) " all >listed &&
	test_cmp table listed
'

test_done
