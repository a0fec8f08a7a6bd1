#!/usr/bin/env bash
# The measured decode step end to end: bin/model then bin/render on the
# SYNTHETIC fixture tests/fixtures/decode/synthetic_raw.csv (made up, never
# measured: README.md there). Every value the report must print is computed
# here, with awk, from the model CSV's own cells (an independent
# reference for render's arithmetic): the whole-model scale, the predicted
# and bytes-only tokens/s, the speedups over fp16. Then the decode CSV's
# three contexts and the scaled-step note. Prints each failure and exits
# non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model and render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
bindir=$(cd "$BIN" 2>/dev/null && pwd)
fx=$TESTS_DIR/fixtures/decode/synthetic_raw.csv
templates=$TESTS_DIR/../templates
specs=$TESTS_DIR/../specs
tmp=$(mktemp -d "${TMPDIR:-/tmp}/decode_steps_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "decode_steps.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

expect_in() { # WHAT FILE TEXT
    grep -qF -- "$3" "$2" || fail "$1 lacks '$3'"
}

[ -x "$bindir/model" ] && [ -x "$bindir/render" ] ||
    { echo "decode_steps.sh: no executable $BIN/model or $BIN/render (set BIN)" >&2; exit 1; }

"$bindir/model" --specs "$specs" -o "$tmp/model.csv" -s "$tmp/summary.csv" -d "$tmp/decode.csv" "$fx" \
    2>"$tmp/model.err" || fail "model: exit status $? ($(head -c 300 "$tmp/model.err"))"
"$bindir/render" --templates "$templates" --llm "$specs/llm/models.ini" --summary "$tmp/summary.csv" \
    --decode "$tmp/decode.csv" -o "$tmp/out" "$tmp/model.csv" 2>"$tmp/render.err" ||
    fail "render: exit status $? ($(head -c 300 "$tmp/render.err"))"
md=$tmp/out/report.md

# AWK_SIG3: fmt_sig3 (render/charts/pick.h): three significant figures, no exponent.
read -r -d '' AWK_SIG3 <<'AWK'
function sig3(v,  a) { a = v < 0 ? -v : v
    return sprintf(a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g", v) }
AWK

# step RUN LLM FORMAT BATCH SCHEME: "tokens/s pred bytes-only" of that step, whole
# model: scale = (batch x 1e6 / tokens_per_s) / time_us_median; a prediction of what
# ran, t, gives batch x 1e6 / (t x scale) tokens/s.
step() {
    awk -F, -v run="$1" -v llm="$2" -v fmt="$3" -v b="$4" -v sch="$5" "$AWK_SIG3"'
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kernel"] == "decode_step" && $c["run_id"] == run && $c["llm"] == llm && $c["format"] == fmt &&
        $c["batch"] == b && $c["launch_scheme"] == sch {
            tps = $c["tokens_per_s"]; scale = b * 1e6 / tps / $c["time_us_median"]
            print sig3(tps), sig3(b * 1e6 / ($c["time_us_pred_measured_floor"] * scale)),
                  sig3(b * 1e6 / ($c["time_us_pred_measured"] * scale)) }' "$tmp/model.csv"
}

# The H100's Llama-3-8B at batch 1: graph_fused_pdl is its fastest scheme (the
# fixture's made-up launch costs are lowest there).
read -r m p bo <<<"$(step synthetic-h100 llama-3-8b w4a16_g128 1 graph_fused_pdl)"
[ -n "$m" ] || fail "model.csv has no synthetic-h100 llama-3-8b w4a16_g128 step"
expect_in report.md "$md" "| synthetic-h100 | NVIDIA H100 80GB HBM3, datasheet | llama-3-8b | w4a16\\_g128 | graph\\_fused\\_pdl | $m | $p |"
expect_in report.md "$md" "| $bo |"
# The Orin's Llama-3-8B in fp16 ran 12 of its 32 layers (6 GiB): scaled, marked ‡.
read -r m p bo <<<"$(step synthetic-orin llama-3-8b fp16 1 graph_fused)"
expect_in report.md "$md" "| synthetic-orin | Orin, 15W | llama-3-8b | fp16 | graph\\_fused | $m ‡ | $p |"
expect_in report.md "$md" "‡ Scaled from fewer layers: only 12 of 32 layers of llama-3-8b in fp16 fit on Orin (run synthetic-orin); 27 of 32 layers of llama-3-8b in w8a16 fit on Orin (run synthetic-orin)."

# Speedup over fp16 in a whole token: tokens_per_s of the format over fp16's.
speedup() { # RUN LLM FORMAT: the measured speedup as the report prints it (%.2f×)
    awk -F, -v run="$1" -v llm="$2" -v fmt="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kernel"] == "decode_step" && $c["run_id"] == run && $c["llm"] == llm && $c["batch"] == 1 {
            v = $c["tokens_per_s"]; if (v > best[$c["format"]]) best[$c["format"]] = v }
        END { printf "%.2f×", best[fmt] / best["fp16"] }' "$tmp/model.csv"
}
s=$(speedup synthetic-h100 llama-3-8b w4a16_g128)
expect_in report.md "$md" "| synthetic-h100 | llama-3-8b | w4a16\\_g128 | $s | 3.88× |"
# Page 1's whole-token class for INT4: the median over TinyLlama and Llama-3-8B.
t1=$(speedup synthetic-h100 tinyllama-1.1b w4a16_g128)
t2=$(speedup synthetic-h100 llama-3-8b w4a16_g128)
med=$(awk -v a="${t1%×}" -v b="${t2%×}" 'BEGIN { printf "%.2f×", (a + b) / 2 }')
lo=$(awk -v a="${t1%×}" -v b="${t2%×}" 'BEGIN { printf("%.2f×", (a < b ? a : b)) }')
hi=$(awk -v a="${t1%×}" -v b="${t2%×}" 'BEGIN { printf("%.2f×", (a > b ? a : b)) }')
expect_in report.md "$md" "w4a16\\_g128: median $med ($lo–$hi), 2 LLMs |"
# The schemes of Llama-3-8B, all four, and batch 4 and 16.
expect_in report.md "$md" "| format | graph | graph\\_pdl | graph\\_fused | graph\\_fused\\_pdl |"
read -r m4 _ <<<"$(step synthetic-h100 llama-3-8b w2a16_g64 4 graph_fused_pdl)"
read -r m16 _ <<<"$(step synthetic-h100 llama-3-8b w2a16_g64 16 graph_fused_pdl)"
expect_in report.md "$md" "| $m4 | $m16 |"
# The decode CSV's contexts: the table at 128, the memory fit at 2048, the KV
# cache's cost between them.
expect_in report.md "$md" "with 128 tokens of context"
expect_in report.md "$md" "plus the fp16 KV cache at 2048 tokens"
expect_in report.md "$md" "**The KV cache's cost**, from 128 to 2048 tokens of context"
# Steps over 25 % off are named as unexplained: the Orin's Llama-3-8B in w2a16_g64,
# err_pct_measured_floor from the model CSV.
e=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["kernel"] == "decode_step" && $c["run_id"] == "synthetic-orin" && $c["llm"] == "llama-3-8b" &&
    $c["format"] == "w2a16_g64" { v = $c["err_pct_measured_floor"]; printf "%.1f", v < 0 ? -v : v }' "$tmp/model.csv")
expect_in report.md "$md" "Over 25 % off with the roofline + launch floor, and unexplained: "
expect_in report.md "$md" "llama-3-8b w2a16\\_g64 on synthetic-orin (−$e %)"
for f in decode_step claims; do
    [ -s "$tmp/out/fig/$f.png" ] || fail "fig/$f.png missing"
done
expect_in claims.svg "$tmp/out/fig/claims.svg" "a whole decode token"
if grep -q "measured run" "$md"; then fail "report.md calls a prediction a measured run"; fi

[ $failures -eq 0 ] && echo "decode_steps.sh: ok"
[ $failures -eq 0 ]
