#!/usr/bin/env bash
# Issue 18, end to end: what an attacker or a clumsy user gives model and
# render. Each case names the defect it pins; every one of them failed on
# the code before the fix (run it with BIN set to an older build to see).
#   1 no output over an input (by device and inode), nor two outputs one file
#   2 bounded reads: no line end, a file over the bound, the header first,
#     a template that never ends
#   4 control characters and formulas
#   5 one writer per folder; leftovers of a killed run; the folder's lock
#   6 one run identity
#   7 the smaller items: -o '', a long output name, a mid-file byte-order
#     mark, hexadecimal floats, sample statistics out of order, an unknown
#     format, a 70,000-character name, pipes, limits that say what they cut
# (3, model and render linear, is scripts/bench-scale.sh's: a benchmark.)
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model and render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
bin=$(cd "$BIN" 2>/dev/null && pwd)
model=$bin/model render=$bin/render
fx=$TESTS_DIR/fixtures/model
specs=$fx/specs
rfx=$TESTS_DIR/fixtures/render/model_small.csv
templates=$TESTS_DIR/../templates
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hardening.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "hardening.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -x "$model" ] && [ -x "$render" ] || { echo "hardening.sh: no model and render in $BIN (set BIN)" >&2; exit 1; }

# run NAME WANT_STATUS PROGRAM ARGS...: stdout/stderr in $tmp/NAME.{out,err},
# at most 120 s (an unbounded read used to run until memory ran out)
run() {
    local name=$1 want=$2
    shift 2
    timeout 120 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit status $got, want $want ($(head -c 300 "$tmp/$name.err"))"
}

expect_err() { # NAME TEXT: stderr of run NAME holds TEXT
    grep -qF -- "$2" "$tmp/$1.err" || fail "$1: stderr lacks '$2': $(head -c 400 "$tmp/$1.err")"
}

# raw NAME AWK_PROGRAM: $tmp/NAME.csv is the fixture raw.csv through awk (-F, OFS=,)
raw() {
    awk -F, -v OFS=, "$2" "$fx/raw.csv" >"$tmp/$1.csv"
}

# --- 1: no output over an input, by device and inode
cp "$fx/raw.csv" "$tmp/archived.csv"
cp "$tmp/archived.csv" "$tmp/archived.before"
run summary_over_input 1 "$model" --specs "$specs" -o "$tmp/m.csv" -s "$tmp/archived.csv" "$tmp/archived.csv"
expect_err summary_over_input "output $tmp/archived.csv is the input $tmp/archived.csv (one file: device"
cmp -s "$tmp/archived.csv" "$tmp/archived.before" || fail "summary_over_input: the archived raw CSV was written over"
[ ! -e "$tmp/m.csv" ] || fail "summary_over_input: the model CSV was written by a run that failed"
run model_over_input 1 "$model" --specs "$specs" -o "$tmp/./archived.csv" "$tmp/archived.csv"
expect_err model_over_input "is the input $tmp/archived.csv"
ln "$tmp/archived.csv" "$tmp/hardlink.csv"
run decode_over_link 1 "$model" --specs "$specs" -o "$tmp/m.csv" -d "$tmp/hardlink.csv" --llm "$fx/llm.ini" \
    "$tmp/archived.csv"
expect_err decode_over_link "output $tmp/hardlink.csv is the input $tmp/archived.csv"
run spec_over_input 1 "$model" --specs "$specs" -o "$specs/test_gpu.ini" "$tmp/archived.csv"
expect_err spec_over_input "is the input $specs/test_gpu.ini"
cmp -s "$tmp/archived.csv" "$tmp/archived.before" || fail "the archived raw CSV changed"
run two_spellings 1 "$model" --specs "$specs" -o "$tmp/x.csv" -s "$tmp/./x.csv" "$tmp/archived.csv"
expect_err two_spellings "$tmp/./x.csv is named for two outputs, as $tmp/x.csv and $tmp/./x.csv"
[ ! -e "$tmp/x.csv" ] || fail "two_spellings: an output was written"
mkdir -p "$tmp/tpl" && cp "$templates/report.md" "$tmp/tpl/"
run template_over_input 1 "$render" --templates "$tmp/tpl" -o "$tmp/tpl" "$rfx"
expect_err template_over_input "output $tmp/tpl/report.md is the input $tmp/tpl/report.md"
cmp -s "$tmp/tpl/report.md" "$templates/report.md" || fail "template_over_input: the template was written over"

# --- 2: bounded reads
run dev_zero 1 "$model" --specs "$specs" -o "$tmp/z.csv" /dev/zero
expect_err dev_zero "line longer than 1048576 bytes, the most a line may hold; --max-line-bytes N raises it: not a csv? (/dev/zero:1)"
truncate -s 2G "$tmp/sparse.csv"
run sparse 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/sparse.csv"
expect_err sparse "line longer than 1048576 bytes"
rm -f "$tmp/sparse.csv"
run file_bound 1 "$model" --specs "$specs" --max-file-bytes 500 -o "$tmp/z.csv" "$fx/raw.csv"
expect_err file_bound "file larger than 500 bytes, the most a csv may hold; --max-file-bytes N raises it ($fx/raw.csv:"
run file_bound_raised 0 "$model" --specs "$specs" --max-file-bytes 100000 -o "$tmp/z.csv" "$fx/raw.csv"
{ echo "not,a,raw,csv"; echo '"an unterminated quote'; } >"$tmp/notcsv.csv"
run header_first 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/notcsv.csv"
expect_err header_first "missing column run_id: not a raw csv? ($tmp/notcsv.csv:1)"
mkdir -p "$tmp/endless" && ln -s /dev/zero "$tmp/endless/report.md"
run endless_template 1 "$render" --templates "$tmp/endless" -o "$tmp/r_endless" "$rfx"
expect_err endless_template "file larger than 4194304 bytes, the most this reader accepts; TEMPLATE_MAX_BYTES"

# --- 4: control characters, formulas
raw esc 'NR == 3 { $3 = "Test GPU\033]0;pwned\007" } 1'
run esc_model 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/esc.csv"
expect_err esc_model "device (column 3): control character U+001B (ESC) at character 9"
expect_err esc_model "($tmp/esc.csv:3)"
grep -q $'\033' "$tmp/esc_model.err" && fail "esc_model: the escape reached the terminal"
awk -F, -v OFS=, 'NR == 3 { $1 = $1 "\033[2J" } 1' "$rfx" >"$tmp/esc_render.csv"
run esc_render 1 "$render" --templates "$templates" -o "$tmp/r_esc" "$tmp/esc_render.csv"
expect_err esc_render "run_id (column 1): control character U+001B (ESC)"
run esc_note 1 "$render" --templates "$templates" --note $'a\033]0;x\007' -o "$tmp/r_note" "$rfx"
expect_err esc_note "control character U+001B (ESC) at column 2"
raw formula 'NR > 1 { $3 = "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" } 1'
run formula 0 "$model" --specs "$specs" --device test_gpu -o "$tmp/formula.model.csv" -s "$tmp/formula.summary.csv" \
    "$tmp/formula.csv"
grep -q "^handmade-r1,[^,]*,\"'=HYPERLINK" "$tmp/formula.model.csv" ||
    fail "formula: the model CSV's device cell is not guarded: $(sed -n 2p "$tmp/formula.model.csv" | cut -c1-80)"
grep -q ",\"'=HYPERLINK" "$tmp/formula.summary.csv" || fail "formula: the summary's device cell is not guarded"
grep -q ",-[0-9]" "$tmp/formula.model.csv" || fail "formula: a negative number was guarded"
run formula_render 0 "$render" --templates "$templates" -o "$tmp/r_formula" "$tmp/formula.model.csv"
grep -q "=HYPERLINK" "$tmp/r_formula/report.md" || fail "formula_render: render did not read the guarded cell back"
grep -q "'=HYPERLINK" "$tmp/r_formula/report.md" && fail "formula_render: the guard's quote reached the report"

# --- 5: one writer per folder; leftovers of a killed run
run first_render 0 "$render" --templates "$templates" -o "$tmp/out" "$rfx"
[ -e "$tmp/out/.roofline.lock" ] || fail "first_render: no lock file in the output folder"
touch "$tmp/out/report.md.staged.999999" "$tmp/out/fig/roofline.svg.staged.999999.partial.Ab12Cd" \
    "$tmp/out/report.pdf.old.999999" "$tmp/out/report.md.partial.123456"
if command -v flock >/dev/null; then
    flock "$tmp/out/.roofline.lock" sleep 2 &
    holder=$!
    sleep 0.3
    run waits 0 "$render" --templates "$templates" -o "$tmp/out" "$rfx"
    expect_err waits "render: waiting: another run (pid"
    expect_err waits "is writing in $tmp/out ($tmp/out/.roofline.lock)"
    wait "$holder"
else
    echo "hardening.sh: the lock's wait not tried: no flock(1) here" >&2
    run waits 0 "$render" --templates "$templates" -o "$tmp/out" "$rfx"
fi
for f in report.md.staged.999999 fig/roofline.svg.staged.999999.partial.Ab12Cd report.pdf.old.999999; do
    [ ! -e "$tmp/out/$f" ] || fail "leftovers: $f of a killed run was not removed"
done
[ -e "$tmp/out/report.md.partial.123456" ] || fail "leftovers: measure's partial rows were removed"

# --- 6: one run identity
raw other_device 'NR == 1 || NR == 2 { print } NR == 3 { $3 = "Another GPU"; print }'
run two_devices 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/other_device.csv"
expect_err two_devices "run_id handmade-r1 is seen with two devices, 'Test GPU hand-made' ($tmp/other_device.csv:2) and 'Another GPU' ($tmp/other_device.csv:3)"
raw again 'NR > 1 { $11 = $11 + 0.5; $12 = $12 + 0.5; $13 = $13 + 0.5 } 1'
run run_twice 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$fx/raw.csv" "$tmp/again.csv"
expect_err run_twice "run_id handmade-r1 is in two files, $fx/raw.csv:2 and $tmp/again.csv:2: the same run given twice?"
raw later 'NR == 1 || NR == 2 { print } NR == 3 { $2 = "2000-01-02T00:00:00Z"; $11 = 6; $12 = 6; $13 = 6; print }'
run two_starts 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/later.csv"
expect_err two_starts "run_id handmade-r1 started at two times, 2000-01-01T00:00:00Z ($tmp/later.csv:2) and 2000-01-02T00:00:00Z ($tmp/later.csv:3)"
awk -F, -v OFS=, 'NR == 1 || NR == 2 { print } NR == 3 { $3 = "Another GPU"; print }' "$rfx" >"$tmp/two_devices_model.csv"
run two_devices_render 1 "$render" --templates "$templates" -o "$tmp/r_two" "$tmp/two_devices_model.csv"
expect_err two_devices_render "is seen with two devices"

# --- 7: the smaller items
run empty_output 2 "$model" --specs "$specs" -o "" "$fx/raw.csv"
expect_err empty_output "model: -o wants a name, not an empty string"
run empty_outdir 2 "$render" -o "" "$rfx"
expect_err empty_outdir "render: -o wants a name, not an empty string"
long=$tmp/$(printf 'n%.0s' $(seq 1 240)).csv
run long_name 0 "$model" --specs "$specs" -o "$long" "$fx/raw.csv"
[ -s "$long" ] || fail "long_name: no output"
{ sed -n 1,2p "$fx/raw.csv"; printf '\xef\xbb\xbf'; sed -n 3p "$fx/raw.csv"; } >"$tmp/bom.csv"
run bom_mid_file 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/bom.csv"
expect_err bom_mid_file "run_id (column 1): byte-order mark U+FEFF at character 1"
raw hex 'NR == 3 { $11 = "0x1p3" } 1'
run hex_float 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/hex.csv"
expect_err hex_float "time_us_median: '0x1p3' is not a finite number >= 0 in plain decimal notation"
raw order 'NR == 3 { $12 = 9 } 1'
run out_of_order 1 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/order.csv"
expect_err out_of_order "time_us_min 9 is above time_us_median 8: the sample statistics are out of order ($tmp/order.csv:3)"
raw unknown 'NR == 2 { $5 = "w3a16" } 1'
run unknown_format 0 "$model" --specs "$specs" -o "$tmp/z.csv" "$tmp/unknown.csv"
expect_err unknown_format "warning: format 'w3a16' is in no table of this model"
awk -F, -v OFS=, -v name="GPU$(printf 'x%.0s' $(seq 1 70000))" 'NR > 1 { $3 = name } 1' "$rfx" >"$tmp/long_name_model.csv"
run long_device_name 0 "$render" --templates "$templates" -o "$tmp/r_long" "$tmp/long_name_model.csv"
run pipes 0 "$render" --templates "$templates" --llm <(cat "$fx/llm.ini") -o "$tmp/r_pipe" <(cat "$rfx")
run model_pipe 0 "$model" --specs "$specs" -o "$tmp/pipe.csv" -d "$tmp/pipe.decode.csv" --llm <(cat "$fx/llm.ini") \
    <(cat "$fx/raw.csv")
# 130 runs: past the 128 headings the HTML had ids for, and the 8 runs of the
# error statistics and the energy fits, which now say what they leave out
awk -F, -v OFS=, 'NR == 1 { print; next } { row[NR] = $0 }
    END { for (i = 1; i <= 130; i++) for (r = 2; r <= NR; r++) { $0 = row[r]; $1 = $1 "-" i; print } }' \
    "$fx/raw.csv" >"$tmp/many.csv"
run many_model 0 "$model" --specs "$specs" -o "$tmp/many.model.csv" -s "$tmp/many.summary.csv" "$tmp/many.csv"
run many_render 0 "$render" --templates "$templates" --summary "$tmp/many.summary.csv" -o "$tmp/r_many" \
    "$tmp/many.model.csv"
headings=$(grep -c '^<h[23]' "$tmp/r_many/report.html")
with_ids=$(grep -c '^<h[23] id=' "$tmp/r_many/report.html")
[ "$headings" -gt 128 ] && [ "$headings" -eq "$with_ids" ] ||
    fail "many_render: $with_ids of $headings headings have an id (want all, and more than 128)"
grep -q "These are the first 8 runs; the error statistics of the other 252 are in the summary CSV" \
    "$tmp/r_many/report.md" || fail "many_render: the runs left out of the error statistics are not said"

if [ "$failures" -ne 0 ]; then
    echo "hardening.sh: $failures failure(s)" >&2
    exit 1
fi
echo "hardening.sh: ok" >&2
