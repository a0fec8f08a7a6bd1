#!/usr/bin/env bash
# make report: raw CSV(s) -> model -> render -> out/report.{md,html,pdf}.
#   scripts/report.sh                 measure on this machine's GPU if it has one
#                                     (scripts/have-gpu.sh) and bin/measure is built,
#                                     else use the newest archive/*.csv
#   scripts/report.sh RAW [RAW ...]   regenerate from the CSVs given, any number
# Archive names start with the run's UTC time (YYYYmmddTHHMMSSZ_...), so the
# newest is the last in name order; git does not keep file times.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
OUT=${OUT:-out}
say() { echo "report: $*" >&2; }
mkdir -p "$OUT"
# model --modes writes $OUT/modes.csv (issue 15): render shows it only when
# this run's model wrote it, never one left by an earlier run.
rm -f "$OUT/modes.csv"

raws=("$@")
if [ ${#raws[@]} -gt 0 ]; then
    note="Regenerated from ${raws[*]}."
elif scripts/have-gpu.sh && [ -x "$BIN/measure" ] && "$BIN/measure" --list >/dev/null 2>&1; then
    say "a CUDA GPU is present: measuring (this takes a minute or two)"
    "$BIN/measure" -o "$OUT/raw.csv"
    raws=("$OUT/raw.csv")
    note="Measured on this machine by make report."
else
    newest=$(ls archive/*.csv 2>/dev/null | sort | tail -n 1 || true)
    if [ -z "$newest" ]; then
        say "no CUDA GPU here and no archive/*.csv to render from"
        exit 1
    fi
    raws=("$newest")
    if scripts/have-gpu.sh; then
        note="bin/measure is not built here (no nvcc), so nothing was measured: rendered from the archived run $newest."
    else
        note="No CUDA GPU on this machine: rendered from the archived run $newest."
    fi
fi
say "$note"
"$BIN/model" -o "$OUT/model.csv" -s "$OUT/summary.csv" -d "$OUT/decode.csv" --modes "$OUT/modes.csv" \
    "${raws[@]}"
modes=()
if [ -s "$OUT/modes.csv" ]; then
    modes=(--modes "$OUT/modes.csv")
fi
"$BIN/render" --summary "$OUT/summary.csv" --decode "$OUT/decode.csv" ${modes[@]+"${modes[@]}"} --note "$note" \
    -o "$OUT" "$OUT/model.csv"
say "wrote $OUT/report.pdf, $OUT/report.html, $OUT/report.md, $OUT/fig/ and the CSVs behind them"
say "($OUT/model.csv per case, $OUT/summary.csv per run, $OUT/decode.csv per LLM and format,"
say " $OUT/modes.csv per spec, power mode and format)"
