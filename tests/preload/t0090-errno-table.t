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

for call in shmget shmat shmdt shmctl ftok; do
	test_expect_success IPCNS "error=any on $call draws every errno of the man-page table, and only those" "
		awk -v c=$call '\$1 == c { for (i = 2; i <= NF; i++) print \$i }' table | sort >expect &&
		in_ns env SHMFAULT='$call:error=any' SHMFAULT_SEED=17 LD_PRELOAD=\"\$SHMFAULT_LIB\" \"\$PROBE\" \$(many $call) >out &&
		awk -v c=$call '\$1 == c && \$2 == \"-1\" { print \$3 }' out | sort -u >actual &&
		awk -v c=$call '\$1 == c && \$2 == \"ok\"' out >succeeded &&
		test_must_be_empty succeeded &&
		test_cmp expect actual
	"
done

test_expect_success 'shmfault list agrees with the man-page table' '
	"$SHMFAULT_BIN" list | awk "/^[a-z]/ && NF > 1 && \$2 ~ /^\\(/ { c = \$1; printf \"%s%s\", (n++ ? \"\\n\" : \"\"), c }
		/^  E/ { printf \" %s\", \$1 } END { print \"\" }" >listed &&
	test_cmp table listed
'

test_done
