#!/bin/sh
test_description='structure of the product C (issue 12): functions <= 100 lines, files <= 600 lines, no cycle of calls between object files'
. "$(dirname "$0")/../lib/test-lib.sh"

CHECK="$SHMFAULT_TOP/scripts/check-structure.sh"
if ctags --version 2>/dev/null | grep -q "Universal Ctags"; then
	test_set_prereq CTAGS
fi
command -v nm >/dev/null 2>&1 && command -v cc >/dev/null 2>&1 && test_set_prereq NM

# The checker itself, on a small tree made here: it must see what it is for.
test_expect_success CTAGS,NM 'the checker finds a long function, a long file and a cycle of calls' '
	mkdir -p fake/cli fake/build/cli/cli &&
	{
		echo "int sf_b(int);" &&
		echo "int sf_a(int x)" && echo "{" &&
		i=0 && while test $i -lt 101; do echo "	x += $i;" && i=$((i + 1)); done &&
		echo "	return x ? sf_b(x - 1) : 0;" && echo "}"
	} >fake/cli/a.c &&
	printf "int sf_a(int);\nint sf_b(int x)\n{\n\treturn x ? sf_a(x - 1) : 0;\n}\n" >fake/cli/b.c &&
	i=0 && while test $i -lt 601; do echo "/* filler */" && i=$((i + 1)); done >fake/cli/long.h &&
	cc -c -o fake/build/cli/cli/a.o fake/cli/a.c &&
	cc -c -o fake/build/cli/cli/b.o fake/cli/b.c &&
	test_expect_code 1 env STRUCTURE_TOP="$PWD/fake" "$CHECK" >out &&
	grep "^function cli/a.c:2 sf_a: 104 lines (max 100)\$" out &&
	grep "^file cli/long.h: 601 lines (max 600)\$" out &&
	test_must_fail grep "^file cli/[ab].c" out &&
	grep "^cycle: build/cli/cli/\([ab]\).o -> build/cli/cli/[ab].o -> build/cli/cli/\1.o " out
'

test_expect_success CTAGS 'cli/ and common/: no function over 100 lines, no file over 600 lines' '
	STRUCTURE_CHECKS=size "$CHECK" cli common
'

test_expect_success CTAGS,NM 'cli/ and common/: no cycle of calls between their object files' '
	STRUCTURE_CHECKS=cycle "$CHECK" cli common
'

test_expect_success CTAGS 'preload/, engine/, kernel/: no function over 100 lines, no file over 600 lines' '
	STRUCTURE_CHECKS=size "$CHECK" preload engine kernel
'

test_expect_success CTAGS,NM 'the whole product: no cycle of calls between the object files of build/cli and build/lib' '
	STRUCTURE_CHECKS=cycle "$CHECK"
'

test_done
