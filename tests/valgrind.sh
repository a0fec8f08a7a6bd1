#!/usr/bin/env bash
# model and render under valgrind's memcheck over the newest archived run
# (archive/*.csv, newest by name), as `make report` runs them: any invalid
# read or write, use of uninitialised memory or definite leak fails (exit 1)
# and valgrind's report is printed. Run by `make valgrind` and CI.
#   tests/valgrind.sh BIN_DIR [RAW.csv]
set -u
cd "$(dirname "$0")/.."
bin=${1:-bin}
raw=${2:-$(ls archive/*.csv | sort | tail -n 1)}
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind missing (scripts/debian-packages.txt)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
vg=(valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --track-origins=yes --quiet)
failed=0

check() { # NAME WANT_STATUS CMD...: CMD under memcheck; fails on memcheck errors or another status
    local name=$1 want=$2
    shift 2
    local start=$SECONDS
    "${vg[@]}" --log-file="$tmp/$name.vg" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local rc=$?
    if [ $rc -ne "$want" ] || [ -s "$tmp/$name.vg" ]; then
        echo "valgrind.sh: $name: exit $rc; memcheck says:" >&2
        cat "$tmp/$name.vg" >&2
        tail -n 5 "$tmp/$name.err" >&2
        failed=$((failed + 1))
    else
        echo "valgrind.sh: $name clean ($((SECONDS - start)) s)" >&2
    fi
}

echo "valgrind.sh: model and render over $raw" >&2
check model 0 "$bin/model" -o "$tmp/model.csv" -s "$tmp/summary.csv" -d "$tmp/decode.csv" "$raw"
check render 0 "$bin/render" --note "valgrind" --summary "$tmp/summary.csv" --decode "$tmp/decode.csv" \
    -o "$tmp/out" "$tmp/model.csv"
# a failing run frees what it made too
check model_bad_input 1 "$bin/model" -o "$tmp/bad.csv" "$raw" "$raw"
[ ! -e "$tmp/bad.csv" ] || { echo "valgrind.sh: model wrote an output from bad input" >&2; failed=$((failed + 1)); }
[ $failed -eq 0 ]
