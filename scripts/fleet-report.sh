#!/usr/bin/env bash
# fleet-report: the report of a fleet, from the raw CSVs scripts/fleet.sh
# (or scripts/slurm/fleet.sbatch) left in one folder.
#
#   scripts/fleet-report.sh [-o OUTDIR] DIR
#
# model reads every DIR/*.csv at once (each run keeps its own ceilings and
# fits: a card's predictions come from that card's own read stream) into
# OUTDIR/model.csv and OUTDIR/summary.csv, then render writes OUTDIR/report.*
# with the fleet section (every card against the median of its kind). OUTDIR
# defaults to DIR/report. BIN names the folder holding model and render
# (default: bin beside this script's folder).
# Exit status: that of model or render; 2 usage.
set -u
set -o pipefail

me=fleet-report
here=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-$here/../bin}

usage() {
    cat <<EOF
usage: $me [-o OUTDIR] DIR
Runs model over every raw CSV in DIR, then render: OUTDIR/report.{md,html,pdf}
(default OUTDIR: DIR/report).
EOF
}

out=""
while [ $# -gt 0 ]; do
    case $1 in
    -o) [ $# -ge 2 ] || { usage >&2; exit 2; }; out=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "$me: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] || { echo "$me: wants one folder of raw CSVs" >&2; usage >&2; exit 2; }
dir=${1%/}
out=${out:-$dir/report}
shopt -s nullglob
raw=("$dir"/*.csv)
[ ${#raw[@]} -gt 0 ] || { echo "$me: no raw CSV in $dir" >&2; exit 1; }
mkdir -p "$out" || exit 1
echo "$me: model over ${#raw[@]} raw CSVs of $dir" >&2
"$BIN/model" -o "$out/model.csv" -s "$out/summary.csv" "${raw[@]}" 2>"$out/model.log" || {
    st=$?
    tail -n 5 "$out/model.log" >&2
    exit "$st"
}
"$BIN/render" --summary "$out/summary.csv" --note "Fleet: ${#raw[@]} runs from $dir" -o "$out" "$out/model.csv"
