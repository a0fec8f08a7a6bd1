#!/usr/bin/env bash
# Runs libFuzzer targets built by `make fuzz-build`:
#   tests/fuzz/run.sh BUILD_DIR SECONDS TARGET...
# SECONDS > 0: fuzz each target that long, starting from its seed corpus
# tests/fuzz/corpus/<target>/ (left as it is: new inputs go to
# BUILD_DIR/fuzz/corpus/<target>/) with tests/fuzz/<target>.dict if there
# is one. SECONDS = 0: run each seed once (a regression check).
# A crash, leak, sanitizer report or timeout fails the target: its log
# tail and the input (path and base64) are printed, so a CI log alone is
# enough to reproduce it: base64 -d > x; BUILD_DIR/fuzz/fuzz_<target> x
# Run from the repository root (the csv target reads the fixture specs).
set -u
here=$(cd "$(dirname "$0")" && pwd)
b=$1 seconds=$2
shift 2
# inputs larger than this teach nothing new and slow every run
declare -A max_len=([csv]=8192 [spec]=4096 [template]=8192 [md_pdf]=4096 [render_data]=8192)
# targets that share another's dictionary
declare -A dict_of=([render_data]=csv)
failed=()
for t in "$@"; do
    bin=$b/fuzz/fuzz_$t
    seeds=$here/corpus/$t
    work=$b/fuzz/corpus/$t
    art=$b/fuzz/artifacts
    log=$b/fuzz/$t.log
    mkdir -p "$work" "$art"
    opts=(-timeout=25 -rss_limit_mb=2048 -max_len="${max_len[$t]:-4096}" -artifact_prefix="$art/$t-")
    dict=$here/${dict_of[$t]:-$t}.dict
    [ -f "$dict" ] && opts+=(-dict="$dict")
    if [ "$seconds" -gt 0 ]; then
        echo "fuzz: $t for $seconds s" >&2
        "$bin" "${opts[@]}" -max_total_time="$seconds" -print_final_stats=1 "$work" "$seeds" >"$log" 2>&1
    else
        echo "fuzz: $t: replaying $(ls "$seeds" | wc -l) seeds" >&2
        "$bin" "${opts[@]}" "$seeds"/* >"$log" 2>&1
    fi
    rc=$?
    if [ $rc -ne 0 ]; then
        failed+=("$t")
        echo "fuzz: $t FAILED (exit $rc); the end of $log:" >&2
        tail -n 60 "$log" >&2
        for crash in $(grep -o "Test unit written to [^ ]*" "$log" | awk '{ print $NF }'); do
            echo "fuzz: $t input $crash, base64:" >&2
            base64 -w 0 "$crash" >&2
            echo >&2
        done
    else
        grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$log" |
            tr '\n' ' ' | sed "s/^/fuzz: $t ok: /; s/ *\$/\n/" >&2
    fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failed: ${failed[*]}" >&2; exit 1; }
echo "fuzz: ${*}: no crash" >&2
