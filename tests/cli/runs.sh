#!/usr/bin/env bash
# Any number of runs, end to end on archived H100 runs: make report's script
# (scripts/report.sh) with three archives, and render over two model CSVs
# made one per archive, each with its own summary. Every run must keep its
# own numbers, and runs of one device must read as a comparison. The ratios
# quoted are computed here from the model CSV with awk. Prints each failure
# and exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model and render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
root=$(cd "$TESTS_DIR/.." && pwd)
bindir=$(cd "$BIN" 2>/dev/null && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/runs_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "runs.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

expect_in() { # WHAT FILE TEXT
    grep -qF -- "$3" "$2" || fail "$1 lacks '$3'"
}

[ -x "$bindir/model" ] && [ -x "$bindir/render" ] ||
    { echo "runs.sh: no executable $BIN/model or $BIN/render (set BIN)" >&2; exit 1; }

a=archive/20261126T091854Z_h100-80gb-hbm3.csv
b=archive/20261126T092603Z_h100-80gb-hbm3.csv
c=archive/20261126T095606Z_h100-80gb-hbm3.csv
ra=20261126T091854Z-1041
rb=20261126T092603Z-1044
rc=20261126T095606Z-1196

# --- three archives through make report's script
(cd "$root" && BIN=$bindir OUT=$tmp/three scripts/report.sh "$a" "$b" "$c") >"$tmp/three.log" 2>&1 ||
    fail "scripts/report.sh with three archives: $(tail -n 3 "$tmp/three.log")"
md=$tmp/three/report.md
expect_in three.md "$md" "### Runs compared"
expect_in three.md "$md" "|  | $ra | $rb | $rc |"
expect_in three.md "$md" "**$rb against $ra** (NVIDIA H100 80GB HBM3)"
expect_in three.md "$md" "**$rc against $ra** (NVIDIA H100 80GB HBM3)"
# The median per-case ratio of run c over run a: the ratio of each case both
# timed right (kernel, format, n, k, batch), their median, by sort.
ratio=$(awk -F, -v ra="$ra" -v rc="$rc" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["check"] == "ok" { key = $col["kernel"] "|" $col["format"] "|" $col["n"] "|" $col["k"] "|" $col["batch"]
        if ($col["run_id"] == ra && !(key in ta)) ta[key] = $col["time_us_median"]
        if ($col["run_id"] == rc && !(key in tc)) tc[key] = $col["time_us_median"] }
    END { n = 0; for (k in ta) if (k in tc) print tc[k] / ta[k] }' "$tmp/three/model.csv" |
    sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
expect_in three.md "$md" "**$rc against $ra** (NVIDIA H100 80GB HBM3): 155 cases timed in both. Different builds of \`measure\` timed them (63919f699066, then c14ecde3cc80)"
expect_in three.md "$md" "Per case, the second run's median time over the first's: median $ratio;"
# Each run's own read stream in its own column, never one figure for all three.
stream() { # RUN: its bw_measured_gbs as the report prints it (fmt_sig3 >= 100)
    awk -F, -v r="$1" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["run_id"] == r && $col["bw_measured_gbs"] != "" { printf "%.0f", $col["bw_measured_gbs"]; exit }' \
        "$tmp/three/model.csv"
}
expect_in three.md "$md" "| read stream, GB/s | $(stream "$ra") | $(stream "$rb") | $(stream "$rc") |"
# Single-run sections say which run they show.
expect_in three.md "$md" "**Every format at 16384×16384, batch 1** (run $ra on NVIDIA H100 80GB HBM3)"
expect_in three.md "$md" "### Every case: NVIDIA H100 80GB HBM3, run $rc"
expect_in three.md "$md" "This page reads run $ra; the report holds 3 runs"

# --- render over two model CSVs, one per archive, each with its own summary
for x in a c; do
    f=${!x}
    "$bindir/model" --specs "$root/specs" -o "$tmp/$x.csv" -s "$tmp/$x.sum.csv" "$root/$f" 2>/dev/null ||
        fail "model on $f"
done
"$bindir/render" --templates "$root/templates" --summary "$tmp/a.sum.csv" --summary "$tmp/c.sum.csv" \
    -o "$tmp/two" "$tmp/a.csv" "$tmp/c.csv" 2>"$tmp/two.err" || fail "render over two model CSVs: $(cat "$tmp/two.err")"
md2=$tmp/two/report.md
expect_in two.md "$md2" "|  | $ra | $rc |"
expect_in two.md "$md2" "**$rc against $ra** (NVIDIA H100 80GB HBM3): 155 cases timed in both."
expect_in two.md "$md2" "/a.csv + "
expect_in two.md "$md2" "/c.csv · **cases:** 312"
# The out-of-sample floor comes from each run's own summary.
expect_in two.md "$md2" "| roofline + launch floor, out of sample |"
# The same row given in two model CSVs is an error, as in model.
"$bindir/render" --templates "$root/templates" -o "$tmp/dup" "$tmp/a.csv" "$tmp/a.csv" 2>"$tmp/dup.err" &&
    fail "render took one model CSV twice"
[ ! -e "$tmp/dup" ] || fail "render left output after refusing a row given twice"

[ $failures -eq 0 ] && echo "runs.sh: ok"
[ $failures -eq 0 ]
