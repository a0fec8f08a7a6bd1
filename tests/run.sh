#!/usr/bin/env bash
# Runs every CPU test binary given on the command line, then the command-line
# tests (tests/cli/*.sh), and closes with one summary line:
#   tests: N passed, N failed
# BIN names the folder holding model and render (default bin).
set -u
here=$(cd "$(dirname "$0")" && pwd)
export BIN=${BIN:-bin}
export TESTS_DIR=$here
passed=0
failed=0
failed_names=()
for t in "$@"; do
    if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$t"); fi
done
for s in "$here"/cli/*.sh; do
    [ -e "$s" ] || continue
    if bash "$s"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$s"); fi
done
[ $failed -eq 0 ] || echo "failed: ${failed_names[*]}" >&2
echo "tests: $passed passed, $failed failed"
[ $failed -eq 0 ]
