#!/bin/sh
# the conformance programs under the linux personality, against expected/linux.tsv
. "$(dirname "$0")/lib.sh"
personality linux
