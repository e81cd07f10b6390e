#!/bin/sh
# the conformance programs under the posix personality, against expected/posix.tsv
. "$(dirname "$0")/lib.sh"
personality posix
