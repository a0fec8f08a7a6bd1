#!/usr/bin/env bash
# The report's fleet section (issue 17) from FIXTURE and SYNTHETIC fleets,
# never measured as such (tests/fixtures/fleet/README.md):
#   - the four fixture cards: gpu3, made 10 % slower on its DRAM rows, falls
#     short in the read stream and both GEMVs and nothing else does; the
#     numbers by hand below; its GEMV is predicted from its own read stream;
#   - the 3 % band against the card's own run-to-run noise: a card 3.9 %
#     below the median with 6.7 % noise between its two runs is not flagged,
#     the same card with one run is;
#   - one archived single-GPU run: no fleet section, no fleet figure in the
#     HTML;
#   - 256 synthetic cards (2 runs alone, 1 all at once; cards 37 and 200 12 %
#     slower) rendered (the time is printed; scripts/bench-scale.sh holds the
#     speed goals), the two named, the table only the cards that fall short.
# Prints each failure, exits non-zero if any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model and render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
repo=$(cd "$TESTS_DIR/.." && pwd)
fx=$TESTS_DIR/fixtures/fleet
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fleet_report_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "fleet_report.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}
for b in model render; do
    [ -x "$BIN/$b" ] || { echo "fleet_report.sh: FAIL: no $BIN/$b" >&2; exit 1; }
done
export RL_TEMPLATE_DIR=$repo/templates

report() { # NAME RAW...: model and render into $tmp/NAME
    local name=$1
    shift
    mkdir -p "$tmp/$name"
    "$BIN/model" --specs "$repo/specs" -o "$tmp/$name/model.csv" -s "$tmp/$name/summary.csv" "$@" \
        2>"$tmp/$name/model.err" || { fail "$name: model failed: $(tail -n 2 "$tmp/$name/model.err")"; return 1; }
    "$BIN/render" --summary "$tmp/$name/summary.csv" -o "$tmp/$name/out" "$tmp/$name/model.csv" \
        2>"$tmp/$name/render.err" || { fail "$name: render failed: $(tail -n 2 "$tmp/$name/render.err")"; return 1; }
}
section() { sed -n '/^## Fleet/,/^## Runs/p' "$tmp/$1/out/report.md"; }
expect() { # NAME TEXT: the fleet section of NAME holds TEXT
    section "$1" | grep -qF -- "$2" || fail "$1: the fleet section lacks '$2'"
}
relabel() { # GPU RUN ARCHIVE_STAMP SCALE OUT: an archived run as a fixture card
    awk -v host=fixture-node-a -v gpu="$1" -v uuid="GPU-f1ee7000-0000-4000-8000-00000000000$1" \
        -v serial="FIXTURE000$1" -v bus="00000000:1$1:00.0" -v load=alone -v run_id="fixture-gpu$1-r$2-$3" \
        -v scale="$4" -v fleet=1 -f "$fx/relabel.awk" "$repo/archive/$3_h100-80gb-hbm3.csv" >"$5"
}

# --- the fixture. Read streams (model's bw_measured_gbs: bytes / median time
# of the faster stream_read row of a run) and fp16 GEMVs (achieved GB/s):
#   gpu0 3067.69, 3071.06 -> 3069.375   fp16 3044.13, 3049.11 -> 3046.62
#   gpu1 3071.62, 3066.29 -> 3068.955        3048.28, 3046.34 -> 3047.31
#   gpu2 3065.17, 3155.69 -> 3110.43         3046.90, 3126.38 -> 3086.64
#   gpu3 3073.88 x 0.9    =  2766.49         3049.40 x 0.9    =  2744.46
# medians (3068.955 + 3069.375) / 2 = 3069.165 and (3046.62 + 3047.31) / 2 =
# 3046.965; gpu3 is 302.675 / 3069.165 = 9.86 % and 302.505 / 3046.965 =
# 9.93 % below; gpu2's read noise (3155.69 - 3065.17) / 3110.43 = 2.91 %.
if report fixture "$fx"/*.csv; then
    expect fixture "**1 of 4 cards falls short**:"
    expect fixture "- **fixture-node-a gpu3** (FIXTURE0003), alone: read stream 2766 GB/s, 9.9 % below the median 3069; fp16 GEMV 2744 GB/s, 9.9 % below the median 3047; w4a16 GEMV 2541 GB/s, 9.5 % below the median 2807 (band 3 %: one run, its noise not known)."
    expect fixture "read stream median 0.2 % over 3 cards, at most 2.9 % (fixture-node-a gpu2)"
    expect fixture "![Fleet: every card against the median of its kind](fig/fleet.png)"
    [ "$(section fixture | grep -c '^| \*\*')" -eq 1 ] || fail "fixture: not exactly one card in bold in the table"
    section fixture | grep -q '^| \*\*fixture-node-a gpu3\*\* | \*\*FIXTURE0003\*\* | alone ×1 | \*\*2766 (−9.9 %)\*\* | 7602 |' ||
        fail "fixture: gpu3's row does not show its read stream 9.9 % short and its L2 read as it was"
    # gpu3's fp16 GEMV predicted from its own read stream: 536936448 bytes /
    # 2766.49 GB/s = 194.09 us (from the others' ~3069 GB/s it would be 175)
    pred=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                    $c["gpu_index"] == 3 && $c["kernel"] == "gemv" && $c["format"] == "fp16" { print $c["time_us_pred_measured"] }' \
        "$tmp/fixture/model.csv")
    awk -v p="$pred" 'BEGIN { exit !(p > 194.0 && p < 194.2) }' ||
        fail "fixture: gpu3's fp16 GEMV predicted at '$pred' us, not 194.1 from its own read stream"
    grep -q 'Fleet: 4 cards on 1 host against the median of their kind' "$tmp/fixture/out/fig/fleet.svg" ||
        fail "fixture: fig/fleet.svg lacks its title"
    if command -v pdftotext >/dev/null; then
        pdftotext "$tmp/fixture/out/fig/fleet.pdf" - 2>/dev/null | grep -q 'fixture-node-a gpu3' ||
            fail "fixture: the chart does not name gpu3"
    fi
    grep -q 'Fleet: 4 cards on 1 host' "$tmp/fixture/out/report.html" || fail "fixture: report.html lacks the fleet figure"
    if command -v pdftotext >/dev/null; then
        pdftotext "$tmp/fixture/out/report.pdf" - 2>/dev/null | grep -q "1 of 4 cards falls short" ||
            fail "fixture: report.pdf lacks the fleet verdict"
    fi
fi

# --- the band: 3 %, or the card's own noise where larger. gpu2 here is
# 20261126T095606Z at 0.93 and 0.994 of its speed: read 3065.17 x 0.962 =
# 2948.69 GB/s, 3.93 % below the median (3068.955 + 3069.375) / 2 =
# 3069.165 (gpu4: 20261206T142837Z as measured, 3073.88), noise 3065.17 x
# 0.064 / 2948.69 = 6.65 %: inside its band. With one run at 0.962 it is
# outside 3 %, and falls short.
mkdir -p "$tmp/noisy.raw" "$tmp/onerun.raw"
cp "$fx"/fixture-node-a_gpu[01]_*.csv "$tmp/noisy.raw/"
relabel 4 1 20261206T142837Z 1 "$tmp/noisy.raw/gpu4.csv"
cp "$tmp/noisy.raw"/*.csv "$tmp/onerun.raw/"
relabel 2 1 20261126T095606Z 1.0752688172 "$tmp/noisy.raw/gpu2_r1.csv"
relabel 2 2 20261126T095606Z 1.0060362173 "$tmp/noisy.raw/gpu2_r2.csv"
relabel 2 1 20261126T095606Z 1.0395010395 "$tmp/onerun.raw/gpu2_r1.csv"
if report noisy "$tmp/noisy.raw"/*.csv; then
    expect noisy "**No card falls short**: each of the 4 lies within its band"
    expect noisy "read stream median 0.2 % over 3 cards, at most 6.7 % (fixture-node-a gpu2)"
fi
if report onerun "$tmp/onerun.raw"/*.csv; then
    expect onerun "**1 of 4 cards falls short**:"
    expect onerun "- **fixture-node-a gpu2** (FIXTURE0002), alone: read stream 2949 GB/s, 3.9 % below the median 3069;"
fi

# --- one archived run: no fleet at all
newest=$(printf '%s\n' "$repo"/archive/*.csv | sort | tail -n 1)
if report single "$newest"; then
    grep -q '^## Fleet' "$tmp/single/out/report.md" && fail "single: a fleet section for one card"
    grep -q 'fig/fleet' "$tmp/single/out/report.md" && fail "single: the fleet figure shown for one card"
    if command -v pdftotext >/dev/null; then
        pdftotext "$tmp/single/out/fig/fleet.pdf" - 2>/dev/null | grep -q 'No fleet in the input' ||
            fail "single: fig/fleet.pdf does not say there is no fleet"
    fi
fi

# --- 256 synthetic cards: 768 runs, rendered (time printed)
mkdir -p "$tmp/synth.raw"
awk -v cards=256 -v alone=2 -v all=1 -v short=37,200 -f "$fx/synthetic.awk" "$newest" >"$tmp/synth.raw/fleet.csv"
mkdir -p "$tmp/synth"
if "$BIN/model" --specs "$repo/specs" -o "$tmp/synth/model.csv" -s "$tmp/synth/summary.csv" "$tmp/synth.raw/fleet.csv" 2>"$tmp/synth/model.err"; then
    t0=$(date +%s%N)
    "$BIN/render" --summary "$tmp/synth/summary.csv" -o "$tmp/synth/out" "$tmp/synth/model.csv" 2>"$tmp/synth/render.err" ||
        fail "synth: render failed: $(tail -n 2 "$tmp/synth/render.err")"
    ms=$((($(date +%s%N) - t0) / 1000000))
    # timing goals live in scripts/bench-scale.sh, not in a test
    echo "fleet_report.sh: 256 synthetic cards (768 runs, 3840 rows) rendered in $ms ms" >&2
    expect synth "**2 of 256 cards fall short**, in 4 of the 512 passes of the cards:"
    expect synth "- **synth-node-004 gpu5** (SYNTH-00037), alone: read stream"
    expect synth "- **synth-node-025 gpu0** (SYNTH-00200), all at once: read stream"
    rows=$(section synth | grep -c '^| ')
    [ "$rows" -eq 8 ] || fail "synth: the fleet table has $rows lines, want 8 (header, rule, 4 cards that fall short, 2 medians)"
else
    fail "synth: model failed: $(tail -n 2 "$tmp/synth/model.err")"
fi

[ "$failures" -eq 0 ] && echo "fleet_report.sh: ok"
[ "$failures" -eq 0 ]
