#!/usr/bin/env bash
# One full GPU check-and-measure pass, for a lent GPU machine or your own.
#   scripts/gpu-pass.sh OUTDIR [measure options...]
#   MEASURE=path  a measure built elsewhere (a GPU machine without the -dev
#                 packages: build it with make CUDA_ARCH=90 BIN=bin-sm90 ... and
#                 carry it); default: build bin/measure for the GPU found
# Checks every kernel and the decode step against the CPU reference (also
# under compute-sanitizer memcheck when it is installed), then runs the full
# measurement into OUTDIR/raw.csv and records the card's state (nvidia-smi
# -q) before and after. Reads clocks and power; never sets them.
set -euo pipefail
out=${1:?usage: scripts/gpu-pass.sh OUTDIR [measure options]}
shift
mkdir -p "$out"
log() { echo "gpu-pass: $*" >&2; }

arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n1 | tr -d '.')
log "device: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -n1), sm_${arch:-?}"
m=${MEASURE:-bin/measure}
if [ -z "${MEASURE:-}" ]; then
    make -j"$(nproc)" bin/measure ${arch:+CUDA_ARCH=$arch} ${GIT_COMMIT:+GIT_COMMIT=$GIT_COMMIT} >"$out/build.log" 2>&1 \
        || { tail -n 30 "$out/build.log" >&2; exit 1; }
fi

nvidia-smi -q >"$out/nvidia-smi-before.txt" 2>&1 || true
log "check: every kernel against its CPU reference"
"$m" --check-only
if command -v compute-sanitizer >/dev/null 2>&1; then
    log "check: compute-sanitizer memcheck"
    # the ragged shapes: every format, batch 1, 3 and 16, so both GEMV paths and w8a8;
    # the decode steps (two layers, both schemes, batch 1 and 4); and gemv_issue (rows that wrap)
    compute-sanitizer --tool memcheck --error-exitcode 9 "$m" --check-only --only /1000x,/7x,decode_step,gemv_issue \
        >"$out/memcheck.log" 2>&1 || { tail -n 30 "$out/memcheck.log" >&2; exit 1; }
    tail -n 1 "$out/memcheck.log" >&2
fi
log "measure: full run"
"$m" -o "$out/raw.csv" "$@"
nvidia-smi -q >"$out/nvidia-smi-after.txt" 2>&1 || true
log "wrote $out/raw.csv"
