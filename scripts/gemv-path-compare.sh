#!/usr/bin/env bash
# Kernel development: time the GEMV cases on the CUDA cores (RL_GEMV_PATH=1)
# and on the tensor cores (RL_GEMV_PATH=2, 16 and 32 rows per warp), beside
# cuBLAS, to choose gemv_auto_path() (kernels/gemv.cu). Checks every case.
#   scripts/gemv-path-compare.sh OUTDIR
# CASES: --only patterns (default: the 8192^2 batch sweep and 16384^2 batch 1).
# Prints one line per case and setting: format, shape, batch, median us, setting.
set -euo pipefail
out=${1:?usage: scripts/gemv-path-compare.sh OUTDIR}
mkdir -p "$out"
cases=${CASES:-"gemv/fp16/8192x8192/,gemv/w8a16/8192x8192/,gemv/w4a16_g128/8192x8192/,gemv/w2a16_g64/8192x8192/,gemv_cublas/fp16/8192x8192/,gemv/fp16/16384x16384/b1$,gemv/w8a16/16384x16384/b1$,gemv/w4a16_g128/16384x16384/b1$,gemv/w2a16_g64/16384x16384/b1$"}
run() { # tag, then environment assignments
    local tag=$1
    shift
    env "$@" bin/measure --no-energy --only "$cases" -o "$out/path_$tag.csv" 2>"$out/path_$tag.log" \
        || { echo "gemv-path-compare: $tag failed:" >&2; tail -n 5 "$out/path_$tag.log" >&2; }
}
run cuda RL_GEMV_PATH=1
run mma16 RL_GEMV_PATH=2 RL_GEMV_ROWS=16
run mma32 RL_GEMV_PATH=2 RL_GEMV_ROWS=32
awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; tag = FILENAME; sub(/.*path_/, "", tag); sub(/\.csv$/, "", tag); next }
         { printf "%-12s %-14s %6sx%-6s b%-3s %9.2f us  %-6s %s\n", $col["kernel"], $col["format"], $col["n"], $col["k"],
           $col["batch"], $col["time_us_median"], tag, $col["check"] }' "$out"/path_*.csv |
    sort -k2,2 -k3,3 -k4,4n -k6,6n
