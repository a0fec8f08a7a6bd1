#!/usr/bin/env bash
# The report PDF as a preflight tool sees it, on the archived H100 run with
# model's summary and decode CSVs (tests/fixtures/render/*_h100_full.csv):
# pdftotext reads it without a warning (libharu 2.3.0 wrote a ToUnicode
# CMap poppler rejects, render/doc/pdf_cmap.h), every font is embedded,
# subset and has a ToUnicode map (pdffonts), and qpdf --check finds no
# error. Prints each failure and exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
render=$(cd "$(dirname "$BIN/render")" 2>/dev/null && pwd)/render
templates=$TESTS_DIR/../templates
fx=$TESTS_DIR/fixtures/render
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pdf_check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "pdf_check.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -x "$render" ] || { echo "pdf_check.sh: no executable $BIN/render (set BIN)" >&2; exit 1; }
for tool in pdftotext pdffonts qpdf; do
    command -v $tool >/dev/null || { echo "pdf_check.sh: $tool missing (scripts/debian-packages.txt)" >&2; exit 1; }
done

"$render" --templates "$templates" --summary "$fx/summary_h100_full.csv" --decode "$fx/decode_h100_full.csv" \
    -o "$tmp/out" "$fx/model_h100_full.csv" 2>"$tmp/render.err" ||
    { echo "pdf_check.sh: render failed: $(head -c 300 "$tmp/render.err")" >&2; exit 1; }
pdf=$tmp/out/report.pdf

# --- fonts and syntax
pdftotext -layout "$pdf" "$tmp/report.txt" 2>"$tmp/pdftotext.err" || fail "pdftotext cannot read report.pdf"
[ ! -s "$tmp/pdftotext.err" ] ||
    fail "pdftotext warns $(wc -l <"$tmp/pdftotext.err") time(s): $(sort "$tmp/pdftotext.err" | uniq -c | head -3)"
# The text comes back through the ToUnicode maps, non-ASCII included.
for want in "Roofline validation" "µs" "×" "≤" "−"; do
    grep -qF -- "$want" "$tmp/report.txt" || fail "the text pdftotext reads lacks '$want'"
done
pdffonts "$pdf" >"$tmp/fonts.txt" 2>"$tmp/pdffonts.err" || fail "pdffonts cannot read report.pdf"
[ ! -s "$tmp/pdffonts.err" ] || fail "pdffonts warns: $(head -c 300 "$tmp/pdffonts.err")"
nfonts=$(tail -n +3 "$tmp/fonts.txt" | wc -l)
[ "$nfonts" -ge 4 ] || fail "pdffonts lists $nfonts fonts, want the 4 DejaVu faces at least"
# columns from the right: emb sub uni object-id generation
bad=$(tail -n +3 "$tmp/fonts.txt" | awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes"')
[ -z "$bad" ] || fail "fonts not embedded, subset and mapped to Unicode: $bad"
qpdf --check "$pdf" >"$tmp/qpdf.out" 2>&1 || fail "qpdf --check: exit status $?: $(head -c 300 "$tmp/qpdf.out")"
grep -q "No syntax or stream encoding errors found" "$tmp/qpdf.out" || fail "qpdf --check: $(head -c 300 "$tmp/qpdf.out")"

[ "$failures" -eq 0 ] || { echo "pdf_check.sh: $failures failure(s)" >&2; exit 1; }
echo "pdf_check.sh: ok"
