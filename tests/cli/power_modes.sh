#!/usr/bin/env bash
# The report's power-mode section, end to end: bin/model then bin/render on
# tests/fixtures/render/orin_modes_raw.csv, a hand-made raw CSV of a Jetson
# Orin Nano swept over three power modes (README.md there says what it is;
# made-up numbers, not a measurement), every table value checked against
# what it must be by hand from that CSV and specs/orin_nano_8gb_super.ini (its
# rows name JetPack 6.2's Super table in nvpmodel_conf). Then the
# archived H100 run, one mode only: the section says the Jetson numbers are
# predictions. Prints each failure and exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model and render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
bindir=$(cd "$BIN" 2>/dev/null && pwd)
fx=$TESTS_DIR/fixtures/render/orin_modes_raw.csv
templates=$TESTS_DIR/../templates
specs=$TESTS_DIR/../specs
tmp=$(mktemp -d "${TMPDIR:-/tmp}/power_modes_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "power_modes.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

expect_in() { # WHAT FILE TEXT
    grep -qF -- "$3" "$2" || fail "$1 lacks '$3'"
}

[ -x "$bindir/model" ] && [ -x "$bindir/render" ] ||
    { echo "power_modes.sh: no executable $BIN/model or $BIN/render (set BIN)" >&2; exit 1; }

"$bindir/model" --specs "$specs" -o "$tmp/model.csv" -s "$tmp/summary.csv" -d "$tmp/decode.csv" "$fx" \
    2>"$tmp/model.err" || fail "model: exit status $? ($(head -c 300 "$tmp/model.err"))"
"$bindir/render" --templates "$templates" --summary "$tmp/summary.csv" --decode "$tmp/decode.csv" \
    -o "$tmp/out" "$tmp/model.csv" 2>"$tmp/render.err" ||
    fail "render: exit status $? ($(head -c 300 "$tmp/render.err"))"
md=$tmp/out/report.md

# tokens/J at 128 tokens of context (the decode table's), of the decode table's LLM: the
# largest that fits in some format on the spec with the least usable memory: the Orin
# Nano 4GB (3650722201 - 1.5 GiB = 2.04 GB) takes TinyLlama-1.1B (Llama-3-8B needs
# 3.43 GB even at w2a16_g64; it was the pick while the 8GB board, 6 GiB, was the
# smallest), with each mode's run, as model -d wrote it; printed to three significant
# figures as the report does (pick.h: fmt_sig3).
tpj() { # RUN FORMAT
    awk -F, -v run="$1" -v fmt="$2" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["llm"] == "tinyllama-1.1b" && $c["run_id"] == run && $c["format"] == fmt && $c["context_tokens"] == 128 { v = $c["tokens_per_j"]; a = v < 0 ? -v : v
            printf(a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g", v) }' \
        "$tmp/decode.csv"
}

# Per mode and format, by hand from the fixture (flop 33554432 for every GEMV):
#   predicted us = max(bytes / (GB/s x 1e3), flop / (fp32 GFLOP/s x 1e3)):
#     15W and 7W 68 GB/s: fp16 33570816 -> 493.7; 7W w2a16_g64 4734976 -> 69.6
#     (15W's fp32 peak, 8 x 256 x 612 MHz = 1253.376 GFLOP/s, leaves it memory-bound)
#     against 33554432 / 417.792e3 = 80.3 (compute: 7W has 4 SMs at 408 MHz);
#     MAXN_SUPER 102 GB/s: fp16 -> 329.1
#   GFLOP/s per W = 33554432 / energy_uj / 1e3: 15W fp16 4665.358 -> 7.19;
#     MAXN_SUPER fp16 5129.066 -> 6.54; 7W w2a16_g64 729.858 -> 46.0
expect_in report.md "$md" "**Orin** (spec orin\\_nano\\_8gb\\_super), 3 power modes, measured: our GEMV at 4096×4096, batch 1"
expect_in report.md "$md" "as \`jetson_ina3221:VDD_IN\` reports it"
expect_in report.md "$md" "*tokens/J* is TinyLlama-1.1B's predicted decode"
expect_in report.md "$md" "| 15W | fp16 | 612 | 646 | 494 | 7.22 | 7.19 | $(tpj fixture-orin-15w fp16) |"
expect_in report.md "$md" "| 15W | w2a16\\_g64 | 612 | 118 | 69.6 | 6.98 | 40.8 | $(tpj fixture-orin-15w w2a16_g64) |"
expect_in report.md "$md" "| MAXN\\_SUPER | fp16 | 1020 | 452 | 329 | 11.3 | 6.54 | $(tpj fixture-orin-maxn-super fp16) |"
expect_in report.md "$md" "| 7W | w2a16\\_g64 | 408 | 142 | 80.3 | 5.14 | 46.0 | $(tpj fixture-orin-7w w2a16_g64) |"
[ -n "$(tpj fixture-orin-7w w2a16_g64)" ] || fail "decode.csv has no tokens/J for the 7W run"
# Speed over 15W, measured / predicted: MAXN_SUPER fp16 646 / 452 = 1.43 against
# 493.7 / 329.1 = 1.50 (102 / 68 GB/s); w8a16 336 / 236 = 1.42; w4a16_g128
# 188 / 131 = 1.44; w2a16_g64 118 / 80 = 1.48. 7W: 646 / 652 = 0.99, 336 / 341 =
# 0.99, 188 / 196 = 0.96 against 1.00 (the same 68 GB/s), w2a16_g64 118 / 142 =
# 0.83 against 69.6 / 80.3 = 0.87. Measured over predicted, median of the four:
# MAXN_SUPER (0.9528 + 0.9567) / 2 = 0.95; 7W (0.9590 + 0.9853) / 2 = 0.97.
expect_in report.md "$md" "| power mode | fp16 | w8a16 | w4a16\\_g128 | w2a16\\_g64 |"
expect_in report.md "$md" "| MAXN\\_SUPER | 1.43× / 1.50× | 1.42× / 1.50× | 1.44× / 1.50× | 1.48× / 1.50× |"
expect_in report.md "$md" "| 7W | 0.99× / 1.00× | 0.99× / 1.00× | 0.96× / 1.00× | 0.83× / 0.87× |"
expect_in report.md "$md" "- MAXN\\_SUPER against 15W: measured over predicted speed-up 0.95 (median over 4 formats)"
expect_in report.md "$md" "- 7W against 15W: measured over predicted speed-up 0.97 (median over 4 formats)"
# Every rail at fp16, from rails_power_w_avg (VDD_IN=7.222;VDD_CPU_GPU_CV=3.250;VDD_SOC=1.805)
expect_in report.md "$md" "| power mode | VDD\\_IN | VDD\\_CPU\\_GPU\\_CV | VDD\\_SOC |"
expect_in report.md "$md" "| 15W | 7.22 | 3.25 | 1.80 |"
expect_in report.md "$md" "| 7W | 5.68 | 2.56 | 1.42 |"
grep -qF "The Jetson numbers in this report are predictions" "$md" &&
    fail "report.md: the measured modes are called predictions"

# The PDF: the section and the energy chart by mode, drawn as vectors (its text extracts).
pdftotext -layout "$tmp/out/report.pdf" "$tmp/report.txt" 2>/dev/null || fail "pdftotext cannot read report.pdf"
for want in "Power modes" "Energy by format and power mode, batch 1, 4096×4096: Orin" "MAXN_SUPER" \
    "1.43× / 1.50×"; do
    expect_in report.pdf "$tmp/report.txt" "$want"
done
expect_in energy.svg "$tmp/out/fig/energy.svg" "Energy by format and power mode, batch 1, 4096×4096: Orin"

# --- one mode only (the archived H100 run): predictions, clearly marked
full=$TESTS_DIR/fixtures/render
"$bindir/render" --templates "$templates" --summary "$full/summary_h100_full.csv" \
    --decode "$full/decode_h100_full.csv" -o "$tmp/h100" "$full/model_h100_full.csv" 2>"$tmp/h100.err" ||
    fail "render h100: exit status $? ($(head -c 300 "$tmp/h100.err"))"
hm=$tmp/h100/report.md
expect_in h100.md "$hm" "No device in these CSVs ran in more than one power mode"
expect_in h100.md "$hm" "**The Jetson numbers in this report are predictions, not measurements:**"
# orin_nano_8gb: Llama-3-8B at w4a16_g128 (its widest format that fits in every
# mode), 16.4090414 tokens/s in 7W and 15W, 24.6 in 25W and MAXN_SUPER (102 / 68 GB/s)
expect_in h100.md "$hm" "- orin\\_nano\\_8gb (predicted: Llama-3-8B decode at w4a16\\_g128, speed relative to 7W): 7W 1.00×, 15W 1.00×, 25W 1.50×, MAXN\\_SUPER 1.50×."
expect_in energy.svg "$tmp/h100/fig/energy.svg" "Energy by format, batch 1"
grep -qF "Energy by format and power mode" "$tmp/h100/fig/energy.svg" && fail "h100: the energy chart is by mode"

[ "$failures" -eq 0 ] || { echo "power_modes.sh: $failures failure(s)" >&2; exit 1; }
echo "power_modes.sh: ok"
