#!/bin/sh
# the conformance programs under the solaris personality, against expected/solaris.tsv
. "$(dirname "$0")/lib.sh"
personality solaris
