#!/usr/bin/env bash
# Kernel development: time the GEMV formats under each tuning override
# (RL_GEMV_SPLIT x RL_GEMV_TIGHT x RL_GEMV_ROWS) on the shapes that matter for the targets.
#   scripts/gemv-sweep.sh OUTDIR
# Writes one raw CSV per setting; prints a table of median us per format.
set -euo pipefail
out=${1:?usage: scripts/gemv-sweep.sh OUTDIR}
mkdir -p "$out"
shapes=${SHAPES:-"8192x8192/b1 16384x16384/b1"}
for split in ${SPLITS:-1 2 4 8}; do
    for tight in ${TIGHTS:-0 1}; do
        for rows in ${ROWS:-2 4}; do
            for shape in $shapes; do
                RL_GEMV_SPLIT=$split RL_GEMV_TIGHT=$tight RL_GEMV_ROWS=$rows bin/measure --quick --only "$shape" \
                    -o "$out/sweep_s${split}_t${tight}_r${rows}_${shape%%/*}.csv" 2>/dev/null || true
            done
        done
    done
done
awk -F, 'FNR == 1 { split(FILENAME, p, "/"); tag = p[length(p)]; next }
         $4 == "gemv" { printf "%-32s %-14s %6sx%-6s %9.2f us %s\n", tag, $5, $6, $7, $11, $22 }' "$out"/sweep_*.csv | sort -k2,2 -k3,3 -k4,4n
