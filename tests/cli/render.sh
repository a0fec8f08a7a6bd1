#!/usr/bin/env bash
# Command-line tests of bin/render on the hand-made fixture
# tests/fixtures/render/model_small.csv (README.md there says what it is).
# Prints each failure and exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
render=$(cd "$(dirname "$BIN/render")" 2>/dev/null && pwd)/render
fx=$TESTS_DIR/fixtures/render/model_small.csv
templates=$TESTS_DIR/../templates
tmp=$(mktemp -d "${TMPDIR:-/tmp}/render_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "render.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -x "$render" ] || { echo "render.sh: no executable $BIN/render (set BIN)" >&2; exit 1; }
command -v pdftotext >/dev/null || { echo "render.sh: pdftotext missing (poppler-utils)" >&2; exit 1; }

# run NAME WANT_STATUS ARGS...: runs render, keeps stdout/stderr in $tmp/NAME.{out,err}.
run() {
    local name=$1 want=$2
    shift 2
    "$render" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit status $got, want $want ($(head -c 300 "$tmp/$name.err"))"
}

expect_err() { # NAME TEXT: stderr of run NAME holds TEXT
    grep -qF -- "$2" "$tmp/$1.err" || fail "$1: stderr lacks '$2': $(head -c 300 "$tmp/$1.err")"
}

expect_in() { # WHAT FILE TEXT
    grep -qF -- "$3" "$2" || fail "$1 lacks '$3'"
}

nothing_in() { # NAME DIR: DIR does not exist (no output at all)
    [ ! -e "$2" ] || fail "$1: output left behind after an error: $(cd "$2" && find . -type f | head -5)"
}

no_partials() { # NAME DIR
    local left
    left=$(find "$1" \( -name '*.partial.*' -o -name '*.staged.*' \) 2>/dev/null | head -3)
    [ -z "$left" ] || fail "$2: partial files left: $left"
}

# --- a good run
out=$tmp/out
note="Rendered from archive/x.csv on a machine without a GPU"
run good 0 --templates "$templates" --note "$note" -o "$out" "$fx"
[ ! -s "$tmp/good.out" ] || fail "good: wrote to stdout: $(head -c 200 "$tmp/good.out")"
figures="roofline speedup predicted energy batch efficiency accuracy decode memory roofline_all claims decode_step"
for f in report.md report.html report.pdf; do
    [ -s "$out/$f" ] || fail "good: $f missing or empty"
done
for f in $figures; do
    for ext in png svg pdf; do
        [ -s "$out/fig/$f.$ext" ] || fail "good: fig/$f.$ext missing or empty"
    done
done
no_partials "$out" good

# report.md: every placeholder filled, the figure referenced relatively
md=$out/report.md
! grep -q '{{' "$md" || fail "report.md still has a placeholder: $(grep -m1 '{{' "$md")"
expect_in report.md "$md" "# Roofline validation: NVIDIA H100 80GB HBM3, Orin"
expect_in report.md "$md" "![Roofline](fig/roofline.png)"
expect_in report.md "$md" "![Speedup by format](fig/speedup.png)"
expect_in report.md "$md" "<!-- contents -->"
expect_in report.md "$md" "> **Note:** Rendered from archive/x.csv on a machine without a GPU"
# gemv w4a16_g128 8192x8192 on the H100, set once, in the appendix: 34.6 MB,
# 21.0 us measured (p90 21.4, 11340 uJ), 11.3 predicted from 3065 GB/s
# (34635776 bytes / 3065e3 = 11.30 us), error -46.2 %
expect_in report.md "$md" "| gemv | w4a16\_g128 | 8192 | 8192 | 1 | 34.6 | 21.0 | 21.4 | 11340 | 11.3 | −46.2 | ok |"
[ "$(grep -c '^| gemv | w4a16\\_g128 | 8192 | 8192 | 1 |' "$md")" -eq 1 ] || fail "report.md sets a case more than once"

# report.pdf: the text a reader sees
pdftotext -layout "$out/report.pdf" "$tmp/report.txt" 2>/dev/null || fail "pdftotext cannot read report.pdf"
txt=$tmp/report.txt
for want in "NVIDIA H100 80GB HBM3" "Orin" "$note" "kernel" "format" "batch" "median" "check" \
    "p90" "w4a16_g128" "−46.2" "11340" "3352" "Method and limitations" "µs" "×" "≤"; do
    expect_in report.pdf "$txt" "$want"
done
head -c 5 "$out/report.pdf" | grep -q '%PDF-' || fail "report.pdf does not start with %PDF-"
# the charts are in the report as vectors: their labels are text, and no image
for want in "Arithmetic intensity (flop/byte)" "Attained performance (TFLOP/s; TOP/s for w8a8)" \
    "Attained performance (TFLOP/s; TOP/s for int8)" "Measured time per call (µs)" \
    "Speedup over our fp16 GEMV (×)" "GFLOP/s per watt" "tensor_fp16 peak 989 TFLOP/s" \
    "bytes-only roofline" "roofline + launch floor" "Contents"; do
    expect_in report.pdf "$txt" "$want"
done
images=$(pdfimages -list "$out/report.pdf" 2>/dev/null | tail -n +3 | wc -l)
[ "$images" -eq 0 ] || fail "report.pdf holds $images raster image(s); charts must be vectors"

# report.html: a whole document with a table and the relative figure
html=$out/report.html
expect_in report.html "$html" "<!DOCTYPE html>"
expect_in report.html "$html" "<table>"
# self-contained: every figure's SVG inlined in a <figure>, its caption a
# <figcaption>, no image linked; wide tables scroll (tests/browser/ looks)
grep -q '<img' "$html" && fail "report.html links an image: $(grep -o '<img[^>]*>' "$html" | head -1)"
[ "$(grep -c '^<svg role="img" class="figure"' "$html")" -eq 12 ] || fail "report.html does not inline the 12 figures' SVGs"
expect_in report.html "$html" '<figcaption>Measured speedup of each format over our fp16 GEMV'
expect_in report.html "$html" '<div class="table-wrap">'
# the contents: a link to every section, each to an id that exists
expect_in report.html "$html" '<nav class="contents">'
expect_in report.html "$html" '<a href="#power-and-energy">Power and energy</a>'
expect_in report.html "$html" '<h2 id="power-and-energy">Power and energy</h2>'
grep -q "raw HTML omitted" "$html" && fail "report.html still shows the contents marker"
for id in $(grep -o '<a href="#[a-z0-9-]*"' "$html" | sed 's/<a href="#//; s/"//'); do
    grep -q "<h[23] id=\"$id\">" "$html" || fail "report.html links to #$id, which no heading has"
done
expect_in report.html "$html" "<title>Roofline validation: NVIDIA H100 80GB HBM3, Orin</title>"
expect_in report.html "$html" "</html>"

# fig/roofline.png: a PNG, 7.5 x 6.25 in at 300 dpi = 2250 x 1875 pixels
png=$out/fig/roofline.png
[ "$(od -An -tx1 -N8 "$png" | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "roofline.png is not a PNG"
size=$(wc -c <"$png")
[ "$size" -gt 10240 ] || fail "roofline.png is only $size bytes"
dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
[ "$dims" = "2250x1875" ] || fail "roofline.png is $dims pixels, want 2250x1875"
grep -q pHYs "$png" || fail "roofline.png has no pHYs (dpi) chunk"

# the speedup chart is 540 x 360 pt: 2250 x 1500 pixels
png=$out/fig/speedup.png
dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
[ "$dims" = "2250x1500" ] || fail "speedup.png is $dims pixels, want 2250x1500"

# fig/*.svg: well-formed XML, sized in points, titled and described
for f in $figures; do
    svg=$out/fig/$f.svg
    if command -v xmllint >/dev/null; then
        xmllint --noout "$svg" 2>"$tmp/xmllint.err" || fail "$f.svg is not well-formed: $(head -c 200 "$tmp/xmllint.err")"
    fi
    head -c 600 "$svg" | grep -q '<svg [^>]*width="540pt"' || fail "$f.svg: no <svg width=\"540pt\""
    grep -q '<title>' "$svg" || fail "$f.svg has no <title>"
    grep -q '<desc>' "$svg" || fail "$f.svg has no <desc>"
    [ "$(grep -c '<path' "$svg")" -gt 20 ] || fail "$f.svg draws almost nothing"
    head -c 5 "$out/fig/$f.pdf" | grep -q '%PDF-' || fail "fig/$f.pdf is not a PDF"
done
svg=$out/fig/roofline.svg
expect_in roofline.svg "$svg" "Arithmetic intensity (flop/byte)"
expect_in roofline.svg "$svg" "Attained performance (TFLOP/s; TOP/s for w8a8)"

# --- the archived H100 run (tests/fixtures/render/model_h100.csv): fast, and
# the numbers the report's verdicts rest on
h100=$TESTS_DIR/fixtures/render/model_h100.csv
start=$(date +%s%N)
run h100 0 --templates "$templates" -o "$tmp/h100" "$h100"
ms=$((($(date +%s%N) - start) / 1000000))
echo "render.sh: h100: rendered in $ms ms (timing goals live in scripts/bench-scale.sh, not here)" >&2
pdftotext -layout "$tmp/h100/report.pdf" "$tmp/h100.txt" 2>/dev/null || fail "pdftotext cannot read the h100 report"
h=$tmp/h100.txt
# At 16384x16384: fp16 175.9 us; w8a16 93.93 (1.87x of 2.00x), w4a16_g128
# 50.07 (3.51x of 3.88x), w2a16_g64 41.88 (4.20x of 7.11x).
for want in "Every format at 16384×16384" "| w8a16 | 8 | 2.00× | 2.00× | 1.87× | 94 % |" \
    "| w2a16\_g64 | 2.25 | 7.11× | 7.11× | 4.20× | 59 % | 59 % | **far short of ideal: not bandwidth-bound** |"; do
    expect_in h100.md "$tmp/h100/report.md" "$want"
done
for want in "1.87×" "3.51×" "4.20×" "7.11×" "close to ideal" "far short of ideal" \
    "Batch (activation columns)" "Energy per call (µJ)" "nvml_total_energy" "107242" \
    "Data appendix" "Every case: NVIDIA H100 80GB HBM3"; do
    expect_in h100.pdf "$h" "$want"
done
images=$(pdfimages -list "$tmp/h100/report.pdf" 2>/dev/null | tail -n +3 | wc -l)
[ "$images" -eq 0 ] || fail "h100: report.pdf holds $images raster image(s)"
# The table of every case runs over pages, its header repeated on each.
heads=$(tr -d '\f' <"$h" | grep -cE "^ *kernel +format +n +k +batch")
[ "$heads" -ge 3 ] || fail "h100: the table of every case's header appears $heads time(s), want one per page (3+)"
# Page numbers, and the contents point at the right page.
pages=$(pdfinfo "$tmp/h100/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
expect_in h100.pdf "$h" "1 / $pages"
for section in "Power and energy" "Data appendix"; do
    page=$(grep -m1 -E "^ *$section [. ]+[0-9]+ *$" "$h" | awk '{ print $NF }')
    if [ -z "$page" ]; then
        fail "h100: the contents have no line for $section"
        continue
    fi
    pdftotext -layout -f "$page" -l "$page" "$tmp/h100/report.pdf" - 2>/dev/null |
        grep -qE "^ *$section *$" || fail "h100: the contents put $section on page $page, it is not there"
done

# --- the newest archived run with model's summary and decode CSVs beside it
# (tests/fixtures/render/*_h100_full.csv): the sections built on them, hand-checked
# against those CSVs, in under 2 s
full_model=$TESTS_DIR/fixtures/render/model_h100_full.csv
full_sum=$TESTS_DIR/fixtures/render/summary_h100_full.csv
full_dec=$TESTS_DIR/fixtures/render/decode_h100_full.csv
start=$(date +%s%N)
run full 0 --templates "$templates" --summary "$full_sum" --decode "$full_dec" -o "$tmp/full" "$full_model"
ms=$((($(date +%s%N) - start) / 1000000))
echo "render.sh: full: rendered in $ms ms (timing goals live in scripts/bench-scale.sh, not here)" >&2
pdftotext -layout "$tmp/full/report.pdf" "$tmp/full.txt" 2>/dev/null || fail "pdftotext cannot read the full report"
fm=$tmp/full/report.md
ft=$tmp/full.txt
# Quantization accuracy: quant_err_* of the gemv rows (w8a16 0.00848844132 and
# 0.0590436056; w2a16_g64 0.517309993 and 1.9883057) beside the speedups at
# 16384x16384 (fp16 175.9 us / w8a16 93.9 us = 1.87x; / w2a16_g64 41.9 us = 4.20x).
expect_in full.md "$fm" "| w8a16 | 8 | 0.849 % | 5.90 % | 1.87× | 2.00× | – |"
expect_in full.md "$fm" "| w2a16\_g64 | 2.25 | 51.7 % | 199 % | 4.20× | 7.11× | – |"
for want in "Quantization accuracy" "0.849 %" "5.90 %" "253 %" "Accuracy against speed at 16384×16384" \
    "Error of y from quantization, ‖Q(W)x − Wx‖ / ‖Wx‖ (%)" "heavy-tailed weights with outliers" \
    "The most accurate narrow format is w8a16"; do
    expect_in full.pdf "$ft" "$want"
done
# The energy fit (summary energy_fit rows: e_flop_cuda_fp32 2.90427505, e_flop_cuda_dp4a
# -0.330764298, e_byte 61.594487, p0 281.495256, r_squared 0.996219978, 140 rows) and
# the model CSV's idle_power_w 114.286142 (281 - 114 = 167 W above idle) and 700 W limit.
expect_in full.md "$fm" "| e\\_flop, cuda\\_fp32 | 2.90 | pJ/flop |"
expect_in full.md "$fm" "| e\\_flop, cuda\\_dp4a | −0.331 | pJ/flop |"
expect_in full.md "$fm" "| e\\_byte | 61.6 | pJ/byte |"
expect_in full.md "$fm" "| P0 | 281 | W |"
expect_in full.md "$fm" "| R² | 0.9962 |"
expect_in full.md "$fm" "| cases | 140 |"
for want in "against an idle power of 114 W" "draws 167 W more than idle" "The power limit is 700" \
    "comes out negative (−0.331 pJ/flop): its 1 case" "fit: tensor_fp16" "fit: cuda_fp32" \
    "lines: energy fit (R² 0.996)"; do
    expect_in full.pdf "$ft" "$want"
done
# Edge deployment (decode CSV, Llama-3-8B at 2048 tokens): orin_nano_8gb 7W fp16
# 4.44915992 tokens/s, memory_fits no; w4a16_g128 16.4090414; h100_sxm fp16 219.317412
# from the datasheet, 164.064263 with the run's ceiling and floor (0.75x), launch floor
# 4.36263405 us x 257 calls = 1.12 ms; weight_bytes 16059990016 = 14.96 GiB, KV 0.25 GiB.
expect_in full.md "$fm" "| orin\\_nano\\_8gb | 7W | predicted: datasheet roofline | 4.45 † | 8.74 † | 16.4 | 25.1 |"
expect_in full.md "$fm" "| h100\\_sxm | – | predicted: roofline + launch floor of run 20261126T045831Z-881 | 164 | 274 | 405 | 527 |"
expect_in full.md "$fm" "| Llama-3-8B | fp16 | 14.96 | 0.25 | 15.21 | orin\\_nano\\_8gb, orin\\_nx\\_16gb |"
for want in "Edge deployment" "Predicted, not measured:" "orin_nano_8gb" "MAXN_SUPER" \
    "predicted: datasheet" "(0.75×)" "4.36 µs × 257 calls = 1.12 ms per token" \
    "Predicted decode by LLM, context 2048" "TinyLlama-1.1B" "Mistral-7B-v0.1" \
    "Decode tokens per second, batch 1" \
    "Memory fit at a context of 2048 tokens" "orin_nano_8gb: 6.0 GiB" \
    "On orin_nano_8gb, the device with the least usable memory (6.0 GiB)"; do
    expect_in full.pdf "$ft" "$want"
done
# The claims at the largest square (the model hypothesis rows agree: w8a16 1.87325694
# holds, predicted with the floor 1.95198836; w2a16_g64 4.20009161 short, 6.19), the
# error statistics (bound=memory, 121 rows: 38.4233799 / 92.8030412 datasheet,
# 4.45811252 / 85.9426725 with the floor) and the 7 gemm_cublas cases the 700 W cap held
# down: batch 8192 at 1365 of 1980 MHz = 69 %, -31.1 % with the floor; with its 989.4
# TFLOP/s scaled by 1365/1980 the prediction is -0.1 %: the clock explains it.
expect_in full.md "$fm" "| INT8 weights: about 2x faster than fp16 (w8a16, 1.8–2.2×) | the largest square, 16384×16384 | 1.87× | 2.00× | 1.95× | **holds** |"
expect_in full.md "$fm" "| INT2 weights: 6.4x faster than fp16 (w2a16\\_g64, 5.76–7.04×) | the largest square, 16384×16384 | 4.20× | 7.11× | 6.19× | **short** |"
expect_in full.md "$fm" "| memory-bound | 121 | 38.4 / 92.8 | 32.8 / 92.1 | 4.46 / 85.9 |"
expect_in full.md "$fm" "| gemm\\_cublas | fp16 | 8192×8192 | 8192 | compute | 1365 | 69 % | 684 | −31.1 | −0.1 | yes | software power cap (0x4) |"
verdicts_page=$(sed -n '/^## Verdicts/,/^## Runs/p' "$fm")
grep -qF "Claims by shape class" <<<"$verdicts_page" || fail "full.md: the claims are not in the Verdicts"
! grep -qiE "seed|\`model\`'s" <<<"$(sed -n '1,/<!-- contents -->/p' "$fm")" || fail "full.md: page 1 says seed or \`model\`"
for want in "Claims by shape class" "INT8 weights 1.8–2.2×" \
    "5.76–7.04×" "Error statistics by bound" "7 cases ran with their clocks held down" \
    "software power cap (0x4)" "against a board power limit of 700 W" "of full clock"; do
    expect_in full.pdf "$ft" "$want"
done
images=$(pdfimages -list "$tmp/full/report.pdf" 2>/dev/null | tail -n +3 | wc -l)
[ "$images" -eq 0 ] || fail "full: report.pdf holds $images raster image(s)"
# Without --summary and --decode the sections say what is missing.
run full_bare 0 --templates "$templates" -o "$tmp/full_bare" "$full_model"
expect_in full_bare.md "$tmp/full_bare/report.md" "No summary CSV was given (\`render --summary\`"

# --- issue 15: the issue roof (tests/fixtures/render/model_h100_issue.csv: the
# archived H100 run's gemv rows with hand-picked issue rates of 40, 32 and 30
# weights/SM/cycle at 132 SMs x 1980 MHz, a launch floor of 4 us) and the Orin
# Nano's power modes predicted with it (modes_orin.csv; README.md there)
issue_model=$TESTS_DIR/fixtures/render/model_h100_issue.csv
issue_modes=$TESTS_DIR/fixtures/render/modes_orin.csv
run issue 0 --templates "$templates" --modes "$issue_modes" -o "$tmp/issue" "$issue_model"
im=$tmp/issue/report.md
! grep -q '{{' "$im" || fail "issue: report.md still has a placeholder"
# The validation table's issue-roof column: w2a16_g64 at 8192^2 issues 67108864
# weights at 30 x 132 x 1980e6 = 7.8408e12/s in 8.559 us, over the 6.160 us the
# bytes need: 12.559 us with the floor against 13.9246 measured, -9.81 %; at
# 16384^2, 38.236 against 41.8816, -8.71 %: median 9.26, max 9.81.
expect_in issue.md "$im" "| kernel | format | cases | bytes-only roofline | roofline + launch floor | roofline + issue roof | datasheet roofline |"
expect_in issue.md "$im" "| gemv | w2a16\\_g64 | 3 | 55.8 / 73.9 | 31.7 / 57.0 | 9.26 / 9.81 | 59.5 / 76.1 |"
# The Orin Nano table: w2a16_g64 at 7W issues 16777216 weights at 4 x 408e6 x 30
# a second: 342.67 us (DRAM: 4734976 bytes / 68 GB/s = 69.63 us), at most 7 W x
# 342.67 us = 2399 uJ, 3.0625x 15W's 111.89 us.
expect_in issue.md "$im" "| format | power mode | SMs × MHz | time µs | energy µJ, at most | bound | time ÷ 15W |"
expect_in issue.md "$im" "| w2a16\\_g64 | 7W | 4 × 408 | 343 | ≤ 2399 | issue | 3.06× |"
expect_in issue.md "$im" "| fp16 | 15W | 8 × 624.75 | 494 | ≤ 7405 | memory | 1.00× |"
expect_in issue.md "$im" "| w4a16\\_g128 | MAXN\\_SUPER | 8 × 1020 | 85.0 | – | memory | 0.67× |"
# 7W over 15W: fp16 1.00 (DRAM-bound in both), w4a16_g128 321.26 / 127.46 = 2.52,
# w2a16_g64 3.06: the range is 1.00-3.06x.
expect_in issue.md "$im" "The validation guide expected about 1.8× between 7W and 15W; the model now predicts 1.00–3.06× (format range: fp16 to w2a16\\_g64), to be measured on a board."
expect_in issue.md "$im" "The issue rates are extrapolated: measured on NVIDIA H100 80GB HBM3 (run 20261126T043810Z-781)"
grep -qiE '(^|[^a-z_])(nan|inf)([^a-z_]|$)' "$im" && fail "issue.md prints nan or inf: $(grep -m1 -iE '(^|[^a-z_])(nan|inf)([^a-z_]|$)' "$im")"
pdftotext -layout "$tmp/issue/report.pdf" "$tmp/issue.txt" 2>/dev/null || fail "pdftotext cannot read the issue report"
# the charts, drawn into the PDF as vectors with their labels as text: each
# format's issue roof, 2 x weights_per_s (w2a16_g64: 2 x 7.8408e12 = 15.7 TFLOP/s)
for want in "issue w2a16_g64 15.7 TFLOP/s" "issue fp16 20.9 TFLOP/s" "issue roof of a format" \
    "roofline + issue roof" "The Orin Nano by power mode, with the issue roof" "to be measured on a board"; do
    expect_in issue.pdf "$tmp/issue.txt" "$want"
done
# No row bound by the L2: no word of it. A row marked l2 (model: its rate was
# the measuring card's L2 bandwidth) is listed as such, and said once.
grep -q "(L2)" "$im" && fail "issue.md: an (L2) mark without an l2 row"
sed '5s/,memory,/,l2,/' "$issue_modes" >"$tmp/modes_l2.csv"
run issue_l2 0 --templates "$templates" --modes "$tmp/modes_l2.csv" -o "$tmp/issue_l2" "$issue_model"
expect_in issue_l2.md "$tmp/issue_l2/report.md" "at 7W fp16 (L2), w4a16\\_g128"
[ "$(grep -o "(L2): the rate carried over" "$tmp/issue_l2/report.md" | wc -l)" -eq 1 ] ||
    fail "issue_l2: the L2 sentence is not said exactly once"
# The modes CSV is read by its header: columns in another order give the same table.
awk -F, -v OFS=, '{ t = $1; $1 = $22; $22 = t; t = $2; $2 = $17; $17 = t; print }' "$issue_modes" >"$tmp/modes_shuffled.csv"
run issue_shuffled 0 --templates "$templates" --modes "$tmp/modes_shuffled.csv" -o "$tmp/issue_shuffled" "$issue_model"
expect_in issue_shuffled.md "$tmp/issue_shuffled/report.md" "| w2a16\\_g64 | 7W | 4 × 408 | 343 | ≤ 2399 | issue | 3.06× |"
# Without --modes there is no such section; with a modes CSV of no row (no run
# timed gemv_issue, as for every archive before issue 15) a sentence and no table.
grep -q "Orin Nano by power mode" "$tmp/full/report.md" && fail "full: a power-mode section without --modes"
run modes_empty 0 --templates "$templates" --modes "$TESTS_DIR/fixtures/render/modes_empty.csv" -o "$tmp/modes_empty" "$h100"
expect_in modes_empty.md "$tmp/modes_empty/report.md" "The modes CSV (\`model --modes\`) holds no prediction"
grep -q "time ÷ 15W" "$tmp/modes_empty/report.md" && fail "modes_empty: a table of no row"
grep -q "| roofline + issue roof |" "$tmp/modes_empty/report.md" && fail "modes_empty: an issue-roof column without issue-roof rows"
# Bad modes CSVs: exit 1, file and line named, nothing written.
modes_bad() { # NAME MODES: render the issue fixture with this modes CSV
    run "$1" 1 --templates "$templates" --modes "$2" -o "$tmp/$1.out.d" "$issue_model"
    nothing_in "$1" "$tmp/$1.out.d"
}
sed '4s/,issue,/,maybe,/' "$issue_modes" >"$tmp/modes_bound.csv"
modes_bad modes_bad_bound "$tmp/modes_bound.csv"
expect_err modes_bad_bound "bound: 'maybe' is not memory, issue or l2 ($tmp/modes_bound.csv:4)"
sed '5s/20261126T043810Z-781/other-run/' "$issue_modes" >"$tmp/modes_run.csv"
modes_bad modes_other_run "$tmp/modes_run.csv"
expect_err modes_other_run "issue_rate_run_id: 'other-run' is not a run of $issue_model ($tmp/modes_run.csv:5)"
modes_bad modes_not_modes "$issue_model"
expect_err modes_not_modes "not a modes csv? ($issue_model:1)"
modes_bad modes_missing "$tmp/none.csv"
expect_err modes_missing "render: cannot open $tmp/none.csv"
run modes_empty_name 2 --modes "" -o "$tmp/modes_empty_name" "$issue_model"
expect_err modes_empty_name "--modes wants a name, not an empty string"

# --- bad usage: exit 2 with the usage text, nothing written
run unknown_option 2 --bogus -o "$tmp/bad1" "$fx"
expect_err unknown_option "render: unknown option --bogus"
expect_err unknown_option "usage: render"
nothing_in unknown_option "$tmp/bad1"
run missing_argument 2 "$fx" -o
expect_err missing_argument "needs an argument"
run no_outdir 2 "$fx"
expect_err no_outdir "missing -o OUTDIR"
run help 0 --help
grep -qF "usage: render" "$tmp/help.out" || fail "help: no usage on stdout"

# --- bad input: exit 1, one message naming the file, nothing written
run missing_file 1 --templates "$templates" -o "$tmp/bad2" "$tmp/nonexistent.csv"
expect_err missing_file "render: cannot open $tmp/nonexistent.csv"
nothing_in missing_file "$tmp/bad2"

head -c 3000 "$fx" >"$tmp/truncated.csv"
run truncated 1 --templates "$templates" -o "$tmp/bad3" "$tmp/truncated.csv"
expect_err truncated "truncated.csv:"
nothing_in truncated "$tmp/bad3"

sed '4s/,39.40,/,nan,/' "$fx" >"$tmp/nan.csv"
run nan_cell 1 --templates "$templates" -o "$tmp/bad4" "$tmp/nan.csv"
expect_err nan_cell "time_us_median: 'nan' is not a finite number >= 0 ($tmp/nan.csv:4)"
nothing_in nan_cell "$tmp/bad4"

sed $'s/,Orin,/,Orin \xe9t\xe9,/' "$fx" >"$tmp/latin1.csv" # Latin-1, not UTF-8
run latin1 1 --templates "$templates" -o "$tmp/bad8" "$tmp/latin1.csv"
expect_err latin1 "device (column 3): byte 0xE9 at character 6 is not UTF-8 (a Latin-1 file?); save it as UTF-8 ($tmp/latin1.csv:12)"
nothing_in latin1 "$tmp/bad8"

run missing_fonts 1 --templates "$templates" --fonts "$tmp/no-fonts" -o "$tmp/bad5" "$fx"
expect_err missing_fonts "render: cannot open font $tmp/no-fonts/DejaVuSans.ttf"
nothing_in missing_fonts "$tmp/bad5"

run missing_template 1 --templates "$tmp/no-templates" -o "$tmp/bad6" "$fx"
expect_err missing_template "cannot open template $tmp/no-templates/report.md"
nothing_in missing_template "$tmp/bad6"

mkdir -p "$tmp/tpl"
printf '# {{title}}\n\n{{caveats}}\n\nSee {{validation_table}}.\n' >"$tmp/tpl/report.md"
run unknown_placeholder 1 --templates "$tmp/tpl" -o "$tmp/bad7" "$fx"
expect_err unknown_placeholder "unknown placeholder {{validation_table}} ($tmp/tpl/report.md:5)"
nothing_in unknown_placeholder "$tmp/bad7"

# --- bad summary or decode CSVs (model -s, model -d): exit 1, file and line named,
# nothing written. The fixtures are model's three outputs for one archived run.
side() { # NAME SUMMARY DECODE: render the full model CSV with these side files
    run "$1" 1 --templates "$templates" --summary "$2" --decode "$3" -o "$tmp/$1.out.d" "$full_model"
    nothing_in "$1" "$tmp/$1.out.d"
}
side missing_summary "$tmp/none.csv" "$full_dec"
expect_err missing_summary "render: cannot open $tmp/none.csv"
side missing_decode "$full_sum" "$tmp/none.csv"
expect_err missing_decode "render: cannot open $tmp/none.csv"

side model_as_summary "$full_model" "$full_dec"
expect_err model_as_summary "missing column section: not a summary csv? ($full_model:1)"
side summary_as_decode "$full_sum" "$full_sum"
expect_err summary_as_decode "missing column llm: not a decode csv? ($full_sum:1)"

sed '127s/,holds,/,maybe,/' "$full_sum" >"$tmp/verdict.csv"
side bad_verdict "$tmp/verdict.csv" "$full_dec"
expect_err bad_verdict "verdict: 'maybe' is not holds, short or exceeds ($tmp/verdict.csv:127)"
sed '40s/,%,/,%,x/' "$full_sum" >"$tmp/rows.csv" # rows must be a count
side bad_rows "$tmp/rows.csv" "$full_dec"
expect_err bad_rows "($tmp/rows.csv:40)"
sed 's/20261126T045831Z-881/other-run/' "$full_sum" >"$tmp/other.csv"
side other_summary "$tmp/other.csv" "$full_dec"
expect_err other_summary "no run of $full_model in $tmp/other.csv"
head -c 2000 "$full_sum" >"$tmp/sum_cut.csv"
side truncated_summary "$tmp/sum_cut.csv" "$full_dec"
expect_err truncated_summary "sum_cut.csv:"

sed '3s/,no,/,maybe,/; 3s/,yes,/,maybe,/' "$full_dec" >"$tmp/fits.csv"
side bad_fits "$full_sum" "$tmp/fits.csv"
expect_err bad_fits "memory_fits: 'maybe' is not yes or no ($tmp/fits.csv:3)"
sed '8s/20261126T045831Z-881/other-run/' "$full_dec" >"$tmp/dec_run.csv"
side decode_other_run "$full_sum" "$tmp/dec_run.csv"
expect_err decode_other_run "run_id: 'other-run' is not a run of $full_model ($tmp/dec_run.csv:8)"
head -n 1 "$full_dec" >"$tmp/dec_empty.csv"
side empty_decode "$full_sum" "$tmp/dec_empty.csv"
expect_err empty_decode "no data rows, no decode predictions ($tmp/dec_empty.csv)"
sed '5s/,2048,/,-5,/' "$full_dec" >"$tmp/dec_neg.csv"
side negative_context "$full_sum" "$tmp/dec_neg.csv"
expect_err negative_context "context_tokens: '-5' is not an integer >= 0 ($tmp/dec_neg.csv:5)"

# A failed run over an earlier good one leaves the earlier outputs as they were.
cp "$out/report.pdf" "$tmp/before.pdf"
run over_good 1 --templates "$templates" -o "$out" "$tmp/truncated.csv"
cmp -s "$out/report.pdf" "$tmp/before.pdf" || fail "over_good: report.pdf changed by a failed run"
no_partials "$out" over_good

[ "$failures" -eq 0 ] || { echo "render.sh: $failures failure(s)" >&2; exit 1; }
echo "render.sh: ok"
