#!/usr/bin/env bash
# GPU-only tests of measure's failure paths, run by `make test-gpu` (not in
# CI: CI has no GPU). Each takes a few seconds on one GEMV case or decode step.
#   1. RL_TEST_BREAK_KERNEL=gemv/w4a16_g128 (test only, measure --help) makes
#      that case's check find one wrong output: measure exits 3, still writes
#      its CSV, and the row says check=wrong while the other rows say ok.
#   1b. RL_TEST_BREAK_KERNEL=decode_step/w2a16_g64: one launch of the
#      two-layer decode check reads the wrong input: its chain check fails.
#   1c. --decode-memory-mib 2048 on Llama-3-8B fp16: the step runs the layers
#      that fit, its row says how many of the 32, stderr says so.
#   2. Ctrl-C (SIGINT) in the middle of a run: measure dies of the signal,
#      says where the rows measured so far are, leaves the earlier CSV byte
#      for byte and the rows so far in <csv>.partial.XXXXXX.
#   3. A disk that fills mid-run: the same, with exit status 1.
#   BIN  the folder holding measure (default: bin)
set -u
BIN=${BIN:-bin}
measure=$BIN/measure
tmp=$(mktemp -d "${TMPDIR:-/tmp}/measure_faults.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "measure_faults.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}
[ -x "$measure" ] || { echo "measure_faults.sh: no $measure" >&2; exit 1; }

# cell FILE LABEL_PREFIX COLUMN: COLUMN of the row whose kernel/format start LABEL_PREFIX
cell() {
    awk -F, -v want="$2" -v col="$3" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) { if ($i == col) c = i; if ($i == "kernel") kk = i; if ($i == "format") f = i }; next }
        $kk "/" $f == want { print $c }' "$1"
}

# --- 1. a broken kernel: exit 3, its row wrong, the others ok
only='gemv/w4a16_g128/,gemv/fp16/'
RL_TEST_BREAK_KERNEL=gemv/w4a16_g128 "$measure" --quick --no-energy --only "$only" -o "$tmp/broken.csv" \
    >"$tmp/broken.out" 2>"$tmp/broken.err"
rc=$?
[ $rc -eq 3 ] || fail "broken kernel: exit $rc, want 3 ($(tail -c 300 "$tmp/broken.err"))"
[ -s "$tmp/broken.csv" ] || fail "broken kernel: no CSV written"
checks=$(cell "$tmp/broken.csv" gemv/w4a16_g128 check | sort -u)
[ "$checks" = "wrong" ] || fail "broken kernel: gemv/w4a16_g128 rows say '$checks', want wrong"
others=$(cell "$tmp/broken.csv" gemv/fp16 check | sort -u)
[ "$others" = "ok" ] || fail "broken kernel: gemv/fp16 rows say '$others', want ok (only the named case breaks)"
grep -q "failed their check" "$tmp/broken.err" || fail "broken kernel: not reported on stderr"
# and without the hook the same case is ok (the hook, not the kernel, broke it)
"$measure" --check-only --only gemv/w4a16_g128/ >"$tmp/ok.out" 2>"$tmp/ok.err" ||
    fail "unbroken kernel: exit $? ($(tail -c 300 "$tmp/ok.err"))"

# --- 1b. a broken decode stage (one launch reads the wrong input): the
# two-layer check of TinyLlama's step fails per launch and as a chain
RL_TEST_BREAK_KERNEL=decode_step/w2a16_g64 "$measure" --check-only --only decode_step/w2a16_g64/ \
    >"$tmp/dbroken.out" 2>"$tmp/dbroken.err"
rc=$?
[ $rc -eq 3 ] || fail "broken decode stage: exit $rc, want 3 ($(tail -c 300 "$tmp/dbroken.err"))"
grep -q "chain error" "$tmp/dbroken.err" || fail "broken decode stage: the chain error is not reported"
"$measure" --check-only --only decode_step/w2a16_g64/ >"$tmp/dok.out" 2>"$tmp/dok.err" ||
    fail "unbroken decode step: exit $? ($(tail -c 300 "$tmp/dok.err"))"

# --- 1c. a model too big for the memory allowed: the layers that fit, the row says so
"$measure" --no-energy --decode-memory-mib 2048 --llm-model llama-3-8b \
    --only 'decode_step/fp16/llama-3-8b/32L/b1/graph_fused_pdl$,decode_step/fp16/llama-3-8b/32L/b1/graph_fused$' \
    -o "$tmp/partial.csv" >"$tmp/partial.out" 2>"$tmp/partial.err" ||
    fail "partial decode step: exit $? ($(tail -c 300 "$tmp/partial.err"))"
layers=$(cell "$tmp/partial.csv" decode_step/fp16 n | sort -u)
whole=$(cell "$tmp/partial.csv" decode_step/fp16 llm_layers | sort -u)
# 2048 MiB holds the 1.05 GB LM head and two layers of 0.44 GB
[ -n "$layers" ] && [ "$layers" -ge 1 ] && [ "$layers" -lt 32 ] && [ "$whole" = 32 ] ||
    fail "partial decode step: ran $layers of $whole layers, want 1..31 of 32"
grep -q "layers fit in" "$tmp/partial.err" || fail "partial decode step: not said on stderr"

# --- 2. Ctrl-C mid-run over an earlier CSV
printf 'run_id,device\r\nearlier,An earlier run\r\n' >"$tmp/raw.csv"
cp "$tmp/raw.csv" "$tmp/earlier.csv"
set -m # its own process group: a background job of a script would ignore SIGINT
"$measure" --quick --no-energy -o "$tmp/raw.csv" >"$tmp/int.out" 2>"$tmp/int.err" &
pid=$!
# wait for the third row in the partial file (up to 120 s), then interrupt
for _ in $(seq 1 240); do
    part=$(ls "$tmp"/raw.csv.partial.* 2>/dev/null | head -1)
    [ -n "$part" ] && [ "$(wc -l <"$part")" -ge 4 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.5
done
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
[ $rc -eq 130 ] || fail "interrupt: exit $rc, want 130 (died of SIGINT) ($(tail -c 300 "$tmp/int.err"))"
cmp -s "$tmp/raw.csv" "$tmp/earlier.csv" || fail "interrupt: the earlier CSV changed"
part=$(ls "$tmp"/raw.csv.partial.* 2>/dev/null | head -1)
if [ -z "$part" ]; then
    fail "interrupt: no raw.csv.partial.* left with the rows so far"
else
    rows=$(($(wc -l <"$part") - 1))
    [ "$rows" -ge 3 ] || fail "interrupt: $part holds $rows rows, want at least 3"
    grep -qF "the rows measured so far are in $part" "$tmp/int.err" ||
        fail "interrupt: stderr does not name $part: $(tail -c 300 "$tmp/int.err")"
fi

# --- 3. the disk fills mid-run (a 4 KiB file size limit): measure stops at
# the row that does not fit (exit 1), keeps the rows before it in the
# partial file and says so; the earlier CSV is untouched
rm -f "$tmp"/raw.csv.partial.*
# (stderr through a pipe: a file would fall under the limit too)
(ulimit -f 4 && trap '' XFSZ && exec "$measure" --quick --no-energy -o "$tmp/raw.csv" 2>&1 >/dev/null) |
    cat >"$tmp/full.err"
rc=${PIPESTATUS[0]}
[ $rc -eq 1 ] || fail "full disk: exit $rc, want 1 ($(tail -c 300 "$tmp/full.err"))"
grep -q "cannot write $tmp/raw.csv.partial." "$tmp/full.err" || fail "full disk: no 'cannot write' on stderr"
grep -q "rows measured so far are kept in $tmp/raw.csv.partial." "$tmp/full.err" ||
    fail "full disk: stderr does not say where the rows are"
cmp -s "$tmp/raw.csv" "$tmp/earlier.csv" || fail "full disk: the earlier CSV changed"
part=$(ls "$tmp"/raw.csv.partial.* 2>/dev/null | head -1)
[ -n "$part" ] && [ "$(wc -l <"$part")" -ge 2 ] || fail "full disk: no partial file with rows left"

[ "$failures" -eq 0 ] || { echo "measure_faults.sh: $failures failure(s)" >&2; exit 1; }
echo "measure_faults.sh: ok"
