#!/bin/sh
# the conformance programs under the macos personality, against expected/macos.tsv
. "$(dirname "$0")/lib.sh"
personality macos
