#!/bin/sh
# the conformance programs under the solaris9 personality, against expected/solaris9.tsv
. "$(dirname "$0")/lib.sh"
personality solaris9
