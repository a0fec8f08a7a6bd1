#!/usr/bin/env bash
# Decode-step development pass on a GPU: every kernel and the decode chain
# against the CPU, a broken stage that must fail, compute-sanitizer on the
# decode step, then decode steps timed in every launch scheme and early-load
# depth (RL_DECODE_EARLY), with the read stream of the same run, and a table.
# Reads clocks and power; never sets them.
#   scripts/decode-bench.sh OUTDIR [MEASURE]
#     MEASURE  a measure binary (default bin/measure, built for this GPU if missing)
#   DECODE_ONLY  measure --only list of the timed cases (default: decode_step)
set -euo pipefail
out=${1:?usage: scripts/decode-bench.sh OUTDIR [MEASURE]}
m=${2:-bin/measure}
mkdir -p "$out"
log() { echo "decode-bench: $*" >&2; }
if [ ! -x "$m" ]; then
    arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -n1 | tr -d '.')
    make -j"$(nproc)" "$m" CUDA_ARCH="$arch" >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log" >&2; exit 1; }
fi
log "device: $(nvidia-smi --query-gpu=name,driver_version,serial --format=csv,noheader | head -n1)"
log "check: every kernel and the decode chain"
"$m" --check-only 2>"$out/check.log" || { tail -n 40 "$out/check.log" >&2; exit 1; }
grep -c ' ok ' "$out/check.log" | sed 's/^/decode-bench: checks ok: /' >&2
log "check: a broken decode stage must fail (exit 3)"
rc=0
RL_TEST_BREAK_KERNEL=decode_step/w4a16_g128 "$m" --check-only --only decode_step/w4a16_g128 \
    >"$out/broken.log" 2>&1 || rc=$?
[ "$rc" -eq 3 ] || { cat "$out/broken.log" >&2; log "a broken stage gave exit $rc, not 3"; exit 1; }
if command -v compute-sanitizer >/dev/null 2>&1; then
    log "check: compute-sanitizer memcheck on the decode steps"
    compute-sanitizer --tool memcheck --error-exitcode 9 "$m" --check-only --only decode_step \
        >"$out/memcheck.log" 2>&1 || { tail -n 30 "$out/memcheck.log" >&2; exit 1; }
    tail -n 1 "$out/memcheck.log" >&2
fi
only=${DECODE_ONLY:-decode_step}
log "time: decode steps (one early chunk a lane, the default)"
"$m" --no-energy --only "stream_read/,$only" -o "$out/decode_early1.csv" 2>"$out/decode_early1.log" \
    || { tail -n 30 "$out/decode_early1.log" >&2; exit 1; }
for early in 2 none; do
    log "time: the PDL schemes again, RL_DECODE_EARLY=$early"
    RL_DECODE_EARLY=$early "$m" --no-energy --only "stream_read/,pdl\$" -o "$out/decode_early$early.csv" \
        2>"$out/decode_early$early.log" || { tail -n 30 "$out/decode_early$early.log" >&2; exit 1; }
done
"$(dirname "$0")/decode-table.py" "$out"/decode_early*.csv
