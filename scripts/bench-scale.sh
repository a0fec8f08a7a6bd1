#!/usr/bin/env bash
# How model and render grow with the rows (issue 18): a benchmark, not a test.
#   scripts/bench-scale.sh [--sizes "10000 100000 1000000"] [--keep DIR]
# For each size N it makes, from one archived run (ARCHIVE, default the H100
# run 20261206T142837Z), two raw CSVs:
#   fleet-N.csv  N / 500 runs of 500 rows each (the run's rows, again and
#                again, each run its own run_id): model's case, a fleet of cards
#   one-N.csv    one run of N rows: model makes its model CSV, summary and
#                decode CSV, and render the report from them: render's case
# A row repeated within a run has its three times scaled by 1 + 1e-5 per copy,
# so no row is a duplicate of another (model refuses those) and the cases
# stay where they were. It prints, per size and stage, the wall time, the
# peak memory (GNU time's maximum resident set) and the memory each row
# added over the size before (B/row: the fixed part, fonts and image
# buffers, left out).
# Both stages run on two cores (taskset -c 0,1 where there are more), as
# issue 18's targets state them:
#   1M raw rows in 2,000 runs: model under 15 s and 2 GB
#   100k model rows in one run: render under 20 s and 1 GB
# The report of each size is left in DIR with --keep (default: removed).
#   BIN      the folder holding model and render (default bin)
#   ARCHIVE  the raw CSV to grow
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin}
ARCHIVE=${ARCHIVE:-archive/20261206T142837Z_h100-80gb-hbm3.csv}
sizes="10000 100000 1000000"
keep=""
while [ $# -gt 0 ]; do
    case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench-scale: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x /usr/bin/time ] || { echo "bench-scale: needs GNU time (/usr/bin/time: apt-get install time)" >&2; exit 1; }
for b in model render; do
    [ -x "$BIN/$b" ] || { echo "bench-scale: no $BIN/$b: run make first" >&2; exit 1; }
done
work=${keep:-$(mktemp -d "${TMPDIR:-/tmp}/bench_scale.XXXXXX")}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 2 ]; then
    pin=(taskset -c 0,1)
fi

# grow RUNS PER OUT: RUNS runs of PER rows each from ARCHIVE's rows
grow() {
    awk -v runs="$1" -v per="$2" '
        BEGIN { FS = OFS = "," }
        NR == 1 { print; ncol = NF; next }
        { row[++n] = $0 }
        END {
            for (r = 0; r < runs; r++)
                for (i = 0; i < per; i++) {
                    nf = split(row[i % n + 1], f, ",")
                    copy = int(i / n)
                    f[1] = sprintf("%s-r%04d", f[1], r)
                    if (copy > 0) {
                        s = 1 + copy * 1e-5
                        for (c = 11; c <= 13; c++)
                            f[c] = sprintf("%.9g", f[c] * s)
                    }
                    line = f[1]
                    for (c = 2; c <= nf; c++)
                        line = line OFS f[c]
                    print line
                }
        }' "$ARCHIVE" >"$3"
}

# measure KEY STAGE LABEL ROWS CMD...: runs CMD pinned, prints one line of the
# table: B/row is the peak memory over the stage's run at the size before
# (the fixed part, fonts and image buffers, left out), per row more
declare -A last_rows last_kib
measure() {
    local key=$1 stage=$2 label=$3 rows=$4
    shift 4
    if ! "${pin[@]}" /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/run.out" 2>"$work/run.err"; then
        echo "bench-scale: $stage ($label) failed: $(tail -n 3 "$work/run.err")" >&2
        exit 1
    fi
    read -r secs kib <"$work/time"
    local per="-"
    if [ -n "${last_rows[$key]:-}" ] && [ "$rows" -gt "${last_rows[$key]}" ]; then
        per=$(awk -v a="${last_kib[$key]}" -v b="$kib" -v m="${last_rows[$key]}" -v n="$rows" \
            'BEGIN { printf "%.0f", (b - a) * 1024 / (n - m) }')
    fi
    last_rows[$key]=$rows
    last_kib[$key]=$kib
    awk -v s0="$stage" -v l="$label" -v r="$rows" -v s="$secs" -v k="$kib" -v p="$per" \
        'BEGIN { printf "%-7s %-24s %9d %9.2f %9.0f %9s\n", s0, l, r, s, k / 1024, p }'
}

printf "%-7s %-24s %9s %9s %9s %9s\n" "stage" "input" "rows" "time_s" "peak_MB" "B/row"
for n in $sizes; do
    runs=$((n / 500))
    [ "$runs" -ge 1 ] || runs=1
    grow "$runs" 500 "$work/fleet-$n.csv"
    grow 1 "$n" "$work/one-$n.csv"
    measure fleet model "$runs runs of 500 rows" $((runs * 500)) \
        "$BIN/model" -o "$work/fleet-$n.model.csv" -s "$work/fleet-$n.summary.csv" -d "$work/fleet-$n.decode.csv" \
        "$work/fleet-$n.csv"
    rm -f "$work/fleet-$n".*csv
    measure one model "1 run (render's input)" "$n" \
        "$BIN/model" -o "$work/one-$n.model.csv" -s "$work/one-$n.summary.csv" -d "$work/one-$n.decode.csv" \
        "$work/one-$n.csv"
    measure report render "1 run of model rows" "$n" \
        "$BIN/render" --summary "$work/one-$n.summary.csv" --decode "$work/one-$n.decode.csv" -o "$work/report-$n" \
        "$work/one-$n.model.csv"
    rm -f "$work/fleet-$n.csv" "$work/one-$n.csv"
done
where="on all $(nproc) cores"
[ ${#pin[@]} -eq 0 ] || where="pinned to cores 0 and 1 of $(nproc)"
echo "bench-scale: grown from $ARCHIVE, $where" >&2
