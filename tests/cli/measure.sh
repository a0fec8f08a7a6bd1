#!/usr/bin/env bash
# Command-line tests of bin/measure that need no GPU: usage errors exit 2
# with the usage on stderr, --help and --columns answer on stdout, and on a
# machine without a CUDA device measure exits 1, says so and leaves no
# output (neither the CSV nor a partial file). Skipped, and said so, where
# bin/measure was not built (no nvcc).
#   BIN  the folder holding measure (default: bin)
set -u
BIN=${BIN:-bin}
measure=$BIN/measure
tmp=$(mktemp -d "${TMPDIR:-/tmp}/measure_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "measure.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

if [ ! -x "$measure" ]; then
    echo "measure.sh: skipped: no $measure (built only where nvcc is)" >&2
    exit 0
fi

expect() { # NAME WANT_STATUS ARGS...
    local name=$1 want=$2
    shift 2
    "$measure" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit $got, want $want ($(head -c 200 "$tmp/$name.err"))"
}

expect unknown_option 2 --frobnicate
grep -q "usage: measure" "$tmp/unknown_option.err" || fail "unknown option: no usage on stderr"
expect stray_argument 2 extra.csv
grep -q "unexpected argument 'extra.csv'" "$tmp/stray_argument.err" || fail "stray argument not named"
expect bad_device 2 --device gpu0
grep -q "wants a device index, 0 to 2147483647, not 'gpu0'" "$tmp/bad_device.err" || fail "bad --device not explained"
# issue 18: an empty index, one past an int and a negative seed were taken
# (as device 0, device 0 again, and seed 2^64 - 1)
expect empty_device 2 --device ''
grep -q "wants a device index, 0 to 2147483647, not ''" "$tmp/empty_device.err" || fail "--device '' accepted"
expect wrapped_device 2 --device 4294967296
grep -q "not '4294967296'" "$tmp/wrapped_device.err" || fail "--device 4294967296 accepted"
expect negative_seed 2 --seed -1
grep -q "wants a whole number, 0 to 18446744073709551615, not '-1'" "$tmp/negative_seed.err" || fail "--seed -1 accepted"
expect plus_seed 2 --seed +5
expect help 0 --help
grep -q -- "--check-only" "$tmp/help.out" || fail "--help lacks --check-only"
grep -q "^test only (make test-gpu): RL_TEST_BREAK_KERNEL=KERNEL/FORMAT" "$tmp/help.out" ||
    fail "--help does not document RL_TEST_BREAK_KERNEL as test only"
expect bad_decode_memory 2 --decode-memory-mib 0
grep -q "decode-memory-mib wants a whole number of MiB > 0, not '0'" "$tmp/bad_decode_memory.err" ||
    fail "--decode-memory-mib 0 not explained"
expect bad_decode_memory_text 2 --decode-memory-mib 8G
grep -q "not '8G'" "$tmp/bad_decode_memory_text.err" || fail "--decode-memory-mib 8G not named"
grep -q -- "--llm FILE" "$tmp/help.out" || fail "--help lacks --llm"
grep -q "RL_DECODE_EARLY" "$tmp/help.out" || fail "--help lacks RL_DECODE_EARLY"
expect columns 0 --columns
grep -q "^| launch_scheme |" "$tmp/columns.out" || fail "--columns lacks the decode step's launch_scheme"
grep -q "^| tokens_per_s | token/s |" "$tmp/columns.out" || fail "--columns lacks tokens_per_s with its unit"
grep -q "^| time_us_median | us | yes | 0, or 1e-06 to 1e+12 us |" "$tmp/columns.out" || fail "--columns lacks time_us_median with its unit and range"
# a fleet's rows name their card and the pass of scripts/fleet.sh (issue 17)
for col in host gpu_index gpu_uuid gpu_serial pci_bus_id node_load; do
    grep -q "^| $col |" "$tmp/columns.out" || fail "--columns lacks $col"
done

# GPU machines lack the -dev packages: the LLM readers' libraries are linked in whole
if command -v readelf >/dev/null 2>&1; then
    needed=$(readelf -d "$measure" | grep NEEDED)
    for lib in libinih libjansson; do
        ! grep -q "$lib" <<<"$needed" || fail "$measure needs $lib at run time; link it statically (LIBS_MEASURE)"
    done
fi

# Without a GPU (CI, laptops) measure must fail cleanly and write nothing.
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
    expect no_gpu 1 -o "$tmp/raw.csv"
    grep -q "^measure: no CUDA GPU on this machine" "$tmp/no_gpu.err" || fail "no GPU: not said plainly"
    ls "$tmp"/raw.csv* >/dev/null 2>&1 && fail "no GPU: an output file was left behind"
fi

[ "$failures" -eq 0 ] && echo "measure.sh: ok"
[ "$failures" -eq 0 ]
