#!/bin/sh
# the conformance programs under the hpux personality, against expected/hpux.tsv
. "$(dirname "$0")/lib.sh"
personality hpux
