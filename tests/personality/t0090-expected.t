#!/bin/sh
test_description='shmfault list --personality agrees with expected/NAME.tsv (High rows must be simulated); the behaviour itself is asserted by conformance/t/t02N0-personality-NAME.t'
. "$(dirname "$0")/../lib/test-lib.sh"

EXP="$SHMFAULT_TOP/expected"
NAMES="linux posix aix aix64 hpux hpux32 solaris solaris9 freebsd freebsd-strict macos"

# the table of NAME: expected/NAME.tsv, or the name platforms.md §10 uses
tsv_of() {
	for n in "$1" $(case $1 in aix) echo aix32 ;; solaris) echo illumos solaris10 ;; esac); do
		if test -f "$EXP/$n.tsv"; then echo "$EXP/$n.tsv"; return 0; fi
	done
	return 1
}

any=
for p in $NAMES; do
	tsv_of $p >/dev/null && any=1
done
if test -z "$any"; then
	skip_all="expected/ has no NAME.tsv yet (written by another engineer): nothing to compare"
	test_done
fi

# rows of a TSV (columns: rule call check expect confidence source condition
# [status]), without the header, comments and rows whose status is "pending"
# (not simulated yet: expected/README.md): "ID CONFIDENCE"
tsv_rows() {
	awk -F '\t' '!/^#/ && NF >= 5 && $1 != "rule" && $1 != "" && $8 != "pending" { print $1 "\t" $5 }' "$1"
}

for p in $NAMES; do
	if tsv=$(tsv_of $p); then
		test_set_prereq HAVE_$(echo $p | tr a-z- A-Z_)
	fi
	pre=HAVE_$(echo $p | tr a-z- A-Z_)
	test_expect_success $pre "$p: shmfault list agrees with expected/$p.tsv: every High row is listed as simulated (by shmfault or the kernel)" "
		tsv=\$(tsv_of $p) &&
		\"\$SHMFAULT_BIN\" list --personality $p | sed 1,3d >table &&
		awk -F '\t' '\$3 != \"not simulated\" { print \$1 }' table | sort -u >simulated &&
		tsv_rows \"\$tsv\" | awk -F '\t' 'tolower(\$2) ~ /^high/ { print \$1 }' | sort -u >high &&
		comm -23 high simulated >missing &&
		test_must_be_empty missing
	"
	test_expect_success $pre "$p: shmfault list agrees with expected/$p.tsv: every rule id it lists as simulated is a row (generic GT* aside)" "
		tsv=\$(tsv_of $p) &&
		\"\$SHMFAULT_BIN\" list --personality $p | sed 1,3d >table &&
		awk -F '\t' '\$3 != \"not simulated\" && \$1 ~ /^[A-Z]+[0-9]+\$/ && \$1 !~ /^GT/ { print \$1 }' table | sort -u >simulated &&
		tsv_rows \"\$tsv\" | cut -f1 | sort -u >listed &&
		comm -23 simulated listed >extra &&
		test_must_be_empty extra
	"
done

test_done
