#!/bin/sh
test_description='--help (issue 14 item 3): each subcommand prints its usage line and its options, exit 0; the options are those of the man page'
. "$(dirname "$0")/../lib/test-lib.sh"

MAN="$SHMFAULT_TOP/docs/shmfault.1"

# The options the man page documents in section $1 (".SH $1"), one a line:
# the man page is the independent source of what --help must list.
man_section_options() {
	awk -v s="$1" '/^\.SH /{on = ($0 == ".SH " s)} on' "$MAN" | sed 's/\\-/-/g' |
		grep -oE '(^|[ [])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ []//' | sort -u
}
# shmfault list's options: its SYNOPSIS entry (it has no section of its own).
man_list_options() {
	awk '/^\.B shmfault list/{on=1} on && /^\.SH/{exit} on' "$MAN" | sed 's/\\-/-/g' |
		grep -oE '(^|[ [])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ []//' | sort -u
}

# every_option_listed FILE-OF-OPTIONS HELP-OUTPUT
every_option_listed() {
	while read -r opt; do
		grep -qE -- "(^|[ ,])$opt( |,|\$)" "$2" || { echo "missing from --help: $opt" && return 1; }
	done <"$1"
}

# every_subcommand_listed FILE-OF-NAMES HELP-OUTPUT
every_subcommand_listed() {
	while read -r sub; do
		grep -q "shmfault $sub " "$2" || { echo "missing from --help: $sub" && return 1; }
	done <"$1"
}

for cmd in run sweep gate list case; do
	for flag in --help -h; do
		test_expect_success "shmfault $cmd $flag: exit 0, usage line first, on stdout" '
			"$SHMFAULT_BIN" $cmd $flag >out 2>err &&
			test_must_be_empty err &&
			head -n 1 out | grep "^usage: shmfault $cmd\( \|\$\)"
		'
	done
done

test_expect_success 'run --help lists every option of the man page OPTIONS section' '
	man_section_options OPTIONS >want &&
	test -s want &&
	"$SHMFAULT_BIN" run --help >out &&
	every_option_listed want out
'

test_expect_success 'sweep --help lists every option of the man page SWEEP section' '
	man_section_options SWEEP >want &&
	test -s want &&
	"$SHMFAULT_BIN" sweep --help >out &&
	every_option_listed want out
'

test_expect_success 'gate --help lists every option of the man page GATE section' '
	man_section_options GATE >want &&
	test -s want &&
	"$SHMFAULT_BIN" gate --help >out &&
	every_option_listed want out
'

test_expect_success 'list --help lists the options of its man page synopsis' '
	man_list_options >want &&
	test -s want &&
	"$SHMFAULT_BIN" list --help >out &&
	every_option_listed want out
'

test_expect_success 'case --help: the options of the man page CASE section (none but FILE)' '
	man_section_options CASE >want &&
	"$SHMFAULT_BIN" case --help >out &&
	every_option_listed want out &&
	grep "^usage: shmfault case FILE\.\.\." out
'

test_expect_success 'shmfault --help lists every subcommand of the man page synopsis' '
	sed -n "/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p" "$MAN" | sed -n "s/^\.B shmfault \([a-z]*\).*/\1/p" | sort -u >want &&
	test $(wc -l <want) -ge 5 &&
	"$SHMFAULT_BIN" --help >out &&
	every_subcommand_listed want out
'

test_expect_success '--help works without the man page installed (no man(1) call)' '
	env PATH=/nonexistent "$SHMFAULT_BIN" sweep --help >out &&
	grep "^usage: shmfault sweep \[options\] -- CMD \[ARGS\.\.\.\]\$" out
'

test_done
