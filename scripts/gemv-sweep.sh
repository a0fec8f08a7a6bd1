#!/usr/bin/env bash
# Kernel development: time the GEMV formats under each tuning override
# (RL_GEMV_SPLIT x RL_GEMV_TIGHT x RL_GEMV_ROWS) on the shapes that matter for the targets.
#   scripts/gemv-sweep.sh OUTDIR
# Writes one raw CSV per setting; prints a table of median us per format.
set -euo pipefail
out=${1:?usage: scripts/gemv-sweep.sh OUTDIR}
mkdir -p "$out"
cases=${CASES:-"gemv/fp16/8192x8192/b1$,gemv/w8a16/8192x8192/b1$,gemv/w4a16_g128/8192x8192/b1$,gemv/w2a16_g64/8192x8192/b1$,gemv/fp16/16384x16384/b1$,gemv/w8a16/16384x16384/b1$,gemv/w4a16_g128/16384x16384/b1$,gemv/w2a16_g64/16384x16384/b1$"}
for split in ${SPLITS:-1 2 4 8}; do
    for tight in ${TIGHTS:-1 2}; do
        for rows in ${ROWS:-2 4}; do
            RL_GEMV_SPLIT=$split RL_GEMV_TIGHT=$tight RL_GEMV_ROWS=$rows \
                bin/measure --only "$cases" -o "$out/sweep_s${split}_t${tight}_r${rows}.csv" 2>/dev/null || true
        done
    done
done
awk -F, 'FNR == 1 { split(FILENAME, p, "/"); tag = p[length(p)]; next }
         $4 == "gemv" { printf "%-14s %6sx%-6s %9.2f us  %-24s %s\n", $5, $6, $7, $11, tag, $22 }' "$out"/sweep_*.csv | sort -k1,1 -k2,2n -k3,3n
