#!/usr/bin/env bash
# The bad-input catalogue of issue 8 for bin/render (render.sh has the good
# runs and the first bad inputs: a missing file, a truncated CSV, NaN,
# Latin-1, no fonts, no template, an unknown placeholder). Every bad run
# here goes into a folder that holds the outputs of an earlier good run: it
# must exit 1, say what is wrong and where (file:line for text inputs), and
# leave every earlier output byte for byte, with no partial file beside it.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
render=$(cd "$(dirname "$BIN/render")" 2>/dev/null && pwd)/render
fx=$TESTS_DIR/fixtures/render/model_small.csv
templates=$TESTS_DIR/../templates
fonts=${RL_FONT_DIR:-/usr/share/fonts/truetype/dejavu}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/render_bad.XXXXXX")
. "$TESTS_DIR/lib/disk.sh"
trap 'disk_cleanup; rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "render_bad_input.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -x "$render" ] || { echo "render_bad_input.sh: no executable $BIN/render (set BIN)" >&2; exit 1; }

# run NAME WANT_STATUS ARGS...: render with ARGS; stdout/stderr in $tmp/NAME.{out,err}
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

# kept NAME DIR: DIR holds exactly the earlier outputs, byte for byte
kept() {
    local d
    d=$(diff -r "$earlier" "$2" 2>&1 | head -3)
    [ -z "$d" ] || fail "$1: the earlier outputs changed: $d"
}

# The earlier outputs every bad run must leave alone.
earlier=$tmp/earlier
run good 0 --templates "$templates" -o "$earlier" "$fx"
[ -s "$earlier/report.pdf" ] || fail "good: no report.pdf"
out=$tmp/out

# bad NAME WANT_TEXT ARGS...: render -o $out ARGS over a copy of the earlier outputs
bad() {
    local name=$1 want=$2
    shift 2
    rm -rf "$out" && cp -a "$earlier" "$out"
    run "$name" 1 --templates "$templates" -o "$out" "$@"
    expect_err "$name" "$want"
    kept "$name" "$out"
}
# csv NAME SED_SCRIPT: $tmp/NAME.csv is the fixture edited by SED_SCRIPT
csv() {
    sed "$2" "$fx" >"$tmp/$1.csv"
}

# --- empty, header only, binary
: >"$tmp/empty.csv"
bad empty "empty file, expected a model csv header ($tmp/empty.csv:1)" "$tmp/empty.csv"
head -n 1 "$fx" >"$tmp/header_only.csv"
bad header_only "no data rows, nothing to report ($tmp/header_only.csv:1)" "$tmp/header_only.csv"
{ head -n 2 "$fx"; printf 'fixture-h100-run1,\x00\x01\xff\n'; } >"$tmp/nul.csv"
bad binary_nul "binary data (a NUL byte), not a csv file ($tmp/nul.csv:3)" "$tmp/nul.csv"
gzip -n -c "$fx" >"$tmp/gzipped.csv"
bad binary_gzip "binary data (a NUL byte), not a csv file ($tmp/gzipped.csv:1)" "$tmp/gzipped.csv"
# a raw CSV (model's input) given to render by mistake
bad raw_not_model "missing column spec_id: not a model csv? ($TESTS_DIR/fixtures/model/raw.csv:1)" \
    "$TESTS_DIR/fixtures/model/raw.csv"

# --- missing and extra columns and cells
csv no_bound 's/^\(\([^,]*,\)\{32\}\)[^,]*,/\1/' # the 33rd column, bound
bad missing_column "missing column bound: not a model csv? ($tmp/no_bound.csv:1)" "$tmp/no_bound.csv"
csv extra_cell '5s/\r$/,surprise\r/'
bad extra_cell "row has 44 fields, the header has 43: truncated or damaged? ($tmp/extra_cell.csv:5)" "$tmp/extra_cell.csv"
csv short_row '6s/,[^,]*\r$/\r/'
bad short_row "row has 42 fields, the header has 43: truncated or damaged? ($tmp/short_row.csv:6)" "$tmp/short_row.csv"
# a column render does not know is ignored (newer model versions add some)
csv extra_column '1s/\r$/,note\r/; 2,$s/\r$/,x\r/'
run extra_column 0 --templates "$templates" -o "$tmp/extra_column.d" "$tmp/extra_column.csv"
cmp -s "$tmp/extra_column.d/fig/roofline.svg" "$earlier/fig/roofline.svg" ||
    fail "extra_column: the roofline differs from the good run's"

# --- wrong types, empty required cells, NaN/inf/negative
csv count_text '4s/,4096,4096,1,/,4096,4k,1,/'
bad count_text "k: '4k' is not an integer >= 0 ($tmp/count_text.csv:4)" "$tmp/count_text.csv"
csv real_text '4s/,39.40,/,slow,/'
bad real_text "time_us_median: 'slow' is not a finite number >= 0 ($tmp/real_text.csv:4)" "$tmp/real_text.csv"
csv empty_bound '4s/,memory,/,,/'
bad empty_required "bound: empty, but it must hold a value ($tmp/empty_bound.csv:4)" "$tmp/empty_bound.csv"
csv inf '4s/,39.40,/,inf,/'
bad inf_cell "time_us_median: 'inf' is not a finite number >= 0 ($tmp/inf.csv:4)" "$tmp/inf.csv"
csv minus_inf '4s/,-74.58,/,-inf,/'
bad minus_inf_cell "err_pct_datasheet: '-inf' is not a finite number ($tmp/minus_inf.csv:4)" "$tmp/minus_inf.csv"
csv negative '4s/,3352.0,/,-3352.0,/'
bad negative_cell "bw_datasheet_gbs: '-3352.0' is not a finite number >= 0 ($tmp/negative.csv:4)" "$tmp/negative.csv"
csv huge_count '4s/,4096,4096,1,/,4096,4096,18446744073709551616,/'
bad huge_count "batch: '18446744073709551616' is larger than 18446744073709551615, the largest integer accepted ($tmp/huge_count.csv:4)" "$tmp/huge_count.csv"
csv huge_real '4s/,39.40,/,1e309,/'
bad huge_real "time_us_median: '1e309' is out of range: accepted 0, or 1e-06 to 1e+12 us ($tmp/huge_real.csv:4)" "$tmp/huge_real.csv"

# --- an empty shape: batch 0 once failed drawing the batch chart ("invalid
# matrix", no file or line); found by fuzzing render's data and charts
sweep=$TESTS_DIR/fixtures/render/model_h100_sweep.csv
ln=$(grep -n ',gemm_cublas,fp16,8192,8192,1,' "$sweep" | head -n 1 | cut -d: -f1)
sed "${ln}s/,gemm_cublas,fp16,8192,8192,1,/,gemm_cublas,fp16,8192,8192,0,/" "$sweep" >"$tmp/zero_batch.csv"
bad zero_batch "batch is 0: every case has n, k and batch of at least 1 ($tmp/zero_batch.csv:$ln)" "$tmp/zero_batch.csv"

# --- duplicate rows: an error, as in model (common/csv_dups.h)
csv duplicate '4p'
bad duplicate_row "duplicate row: same cells as $tmp/duplicate.csv:4 ($tmp/duplicate.csv:5)" "$tmp/duplicate.csv"

# --- very large but valid values: the report is made and readable. A
# measured time goes up to 1e12 us, a count to 2^64 - 1, a predicted time
# to 1e100 (common/csv_ranges.h)
csv large '4s/,39.40,38.81,40.19,/,1e12,1e12,1e12,/; 4s/,10.015,-74.58,/,1e100,1e100,/; 5s/,33570816,33554432,/,18446744073709551615,18446744073709551615,/'
run large_values 0 --templates "$templates" -o "$tmp/large.d" "$tmp/large.csv"
if command -v pdftotext >/dev/null; then
    pdftotext "$tmp/large.d/report.pdf" - 2>/dev/null | grep -q "kernel" ||
        fail "large_values: report.pdf unreadable"
fi
# 1e12 us in the table of every case, and the datasheet error of 1e100 % as
# the largest in the validation summary (its median / max column), not
# 100 digits cut to the first 31 (fmt_sig3 once did that)
grep -qF "| gemv | fp16 | 4096 | 4096 | 1 | 33.6 | 1000000000000 | 1000000000000 | 21276 | 11.0 | −72.2 | ok |" "$tmp/large.d/report.md" ||
    fail "large_values: report.md does not show 1e12: $(grep -m1 '| gemv | fp16 | 4096 | 4096 | 1 |' "$tmp/large.d/report.md")"
grep -qF "/ 1e+100 |" "$tmp/large.d/report.md" ||
    fail "large_values: report.md does not show 1e+100: $(grep -m1 '| gemv | fp16 | 3 |' "$tmp/large.d/report.md")"
! grep -qiwE 'inf|nan' "$tmp/large.d/report.md" ||
    fail "large_values: inf or nan in report.md: $(grep -m1 -iwE 'inf|nan' "$tmp/large.d/report.md")"

# --- values out of range (common/csv_ranges.h): the column, the value, the
# file and line, and the range accepted. Each of these once made a report
# with "inf" in it, or failed drawing ("invalid matrix", no file or line).
csv energy_zero '4s/,21276.0,/,0,/' # the fp16 baseline's energy: "inf×" vs fp16
bad energy_zero "energy_uj: '0' is out of range: accepted 1e-06 to 1e+15 uJ ($tmp/energy_zero.csv:4)" "$tmp/energy_zero.csv"
csv energy_huge '4s/,21276.0,/,1e308,/'
bad energy_huge "energy_uj: '1e308' is out of range: accepted 1e-06 to 1e+15 uJ ($tmp/energy_huge.csv:4)" "$tmp/energy_huge.csv"
csv err_huge '4s/,-74.58,/,1e308,/' # fmt_pct printed "+inf"
bad err_huge "err_pct_datasheet: '1e308' is out of range: accepted 0, or ±1e-100 to ±1e+100 % ($tmp/err_huge.csv:4)" "$tmp/err_huge.csv"
csv intensity_huge '4s/,0.999512,/,1e308,/' # the roofline chart: "invalid matrix"
bad intensity_huge "intensity_flop_per_byte: '1e308' is out of range: accepted 0, or 1e-100 to 1e+100 flop/byte ($tmp/intensity_huge.csv:4)" "$tmp/intensity_huge.csv"
csv subnormal '4s/,0.278\r$/,1e-320\r/'
bad subnormal "bw_fraction_of_measured: '1e-320' is out of range: accepted 0, or 1e-100 to 1e+100 ($tmp/subnormal.csv:4)" "$tmp/subnormal.csv"
csv minus_zero '4s/,540.0,/,-0,/'
bad minus_zero "power_w_avg: '-0' is negative zero: accepted 0, or 1e-06 to 1e+06 W, written without a minus sign ($tmp/minus_zero.csv:4)" "$tmp/minus_zero.csv"
csv tiny_time '4s/,39.40,/,1e-300,/' # every rate from it infinite
bad tiny_time "time_us_median: '1e-300' is out of range: accepted 0, or 1e-06 to 1e+12 us ($tmp/tiny_time.csv:4)" "$tmp/tiny_time.csv"

# --- fonts: one missing, one damaged
mkdir "$tmp/fonts1" "$tmp/fonts2"
cp "$fonts"/DejaVuSans*.ttf "$tmp/fonts1/" && rm -f "$tmp/fonts1/DejaVuSans-Bold.ttf"
bad missing_font "cannot open font $tmp/fonts1/DejaVuSans-Bold.ttf" --fonts "$tmp/fonts1" "$fx"
cp "$fonts"/DejaVuSans*.ttf "$tmp/fonts2/" && head -c 2000 "$fonts/DejaVuSans.ttf" >"$tmp/fonts2/DejaVuSans.ttf"
bad damaged_font "cannot load font $tmp/fonts2/DejaVuSans.ttf" --fonts "$tmp/fonts2" "$fx"
printf 'not a font' >"$tmp/fonts2/DejaVuSans.ttf"
bad not_a_font "not a TrueType font: $tmp/fonts2/DejaVuSans.ttf" --fonts "$tmp/fonts2" "$fx"

# --- templates: unterminated or misspelt placeholders, binary, a picture that is no figure
tpl() { # NAME TEXT: $tmp/NAME/report.md holds TEXT (printf format)
    mkdir -p "$tmp/$1" && printf "$2" >"$tmp/$1/report.md"
}
bad_tpl() { # NAME WANT_TEXT
    local name=$1 want=$2
    rm -rf "$out" && cp -a "$earlier" "$out"
    run "$name" 1 --templates "$tmp/$name" -o "$out" "$fx"
    expect_err "$name" "$want"
    kept "$name" "$out"
}
tpl tpl_unknown '# {{title}}\n\n{{Title}}\n'
bad_tpl tpl_unknown "unknown placeholder {{Title}} ($tmp/tpl_unknown/report.md:3)"
tpl tpl_unterminated '# {{title}}\n\n{{summary\n}}\n'
bad_tpl tpl_unterminated "unterminated placeholder: '{{' without '}}' on the same line ($tmp/tpl_unterminated/report.md:3)"
tpl tpl_empty_name '# {{title}}\n\n{{ }}\n'
bad_tpl tpl_empty_name "empty placeholder {{}} ($tmp/tpl_empty_name/report.md:3)"
tpl tpl_nul '# {{title}}\n\x00\n'
bad_tpl tpl_nul "binary data (a NUL byte) in template $tmp/tpl_nul/report.md"
tpl tpl_latin1 '# {{title}}\n\n\xe9t\xe9\n'
bad_tpl tpl_latin1 "byte 0xE9 at column 1 is not UTF-8 (a Latin-1 file?); save it as UTF-8 ($tmp/tpl_latin1/report.md:3)"
tpl tpl_image '# {{title}}\n\n![a photo](fig/holiday.png)\n'
bad_tpl tpl_image "image fig/holiday.png in the report template is not a figure render draws"

# --- outputs that cannot be written
bad file_in_the_way "cannot create folder $earlier/report.md: a file is in the way" -o "$earlier/report.md" "$fx"
cp "$fx" "$tmp/fig_file.csv"
rm -rf "$out" && cp -a "$earlier" "$out" && rm -rf "$out/fig" && echo "not a folder" >"$out/fig"
cp -a "$out" "$tmp/fig_file.before"
run fig_is_a_file 1 --templates "$templates" -o "$out" "$fx"
expect_err fig_is_a_file "cannot create folder $out/fig: a file is in the way"
d=$(diff -r "$tmp/fig_file.before" "$out" 2>&1 | head -3)
[ -z "$d" ] || fail "fig_is_a_file: the earlier outputs changed: $d"
rm -rf "$out" && cp -a "$earlier" "$out"
if readonly_dir "$out"; then
    run unwritable_folder 1 --templates "$templates" -o "$out" "$fx"
    expect_err unwritable_folder "cannot write in $out: Read-only file system"
    kept unwritable_folder "$out"
    writable_dir "$out"
else
    echo "render_bad_input.sh: unwritable_folder skipped: root and no read-only bind mount here" >&2
fi
# A rename that fails midway: every output is written, then they are
# renamed into place one after another (common/output_set.h); a folder where
# fig/decode.svg goes stops that after the report and the first figures were
# renamed. They are put back: every earlier output is as it was.
rm -rf "$out" && cp -a "$earlier" "$out" && rm "$out/fig/decode.svg" && mkdir -p "$out/fig/decode.svg/inside"
cp -a "$out" "$tmp/midway.before"
csv midway '4s/,39.40,/,39.50,/' # other numbers: every output would change
run rename_midway 1 --templates "$templates" -o "$out" "$tmp/midway.csv"
expect_err rename_midway "render: cannot rename $out/fig/decode.svg.staged."
expect_err rename_midway "Is a directory; no output was replaced: each is as it was before this run"
d=$(diff -r "$tmp/midway.before" "$out" 2>&1 | head -3)
[ -z "$d" ] || fail "rename_midway: the earlier outputs changed: $d"
# a full disk, simulated by a 100 KiB file size limit (the PDF is larger)
rm -rf "$out" && cp -a "$earlier" "$out"
(ulimit -f 100 && trap '' XFSZ && exec "$render" --templates "$templates" -o "$out" "$fx") \
    >/dev/null 2>"$tmp/full_disk.err"
[ $? -eq 1 ] || fail "full_disk: exit status not 1 ($(head -c 300 "$tmp/full_disk.err"))"
expect_err full_disk "render: cannot write $out/"
kept full_disk "$out"
# a real one (ENOSPC) on a tiny tmpfs, where this runs as root
if small_disk "$tmp/disk"; then
    cp "$earlier/report.md" "$tmp/disk/" && fill_disk "$tmp/disk"
    run enospc 1 --templates "$templates" -o "$tmp/disk" "$fx"
    expect_err enospc "No space left on device"
    cmp -s "$tmp/disk/report.md" "$earlier/report.md" || fail "enospc: the earlier report.md changed"
    left=$(find "$tmp/disk" \( -name '*.partial.*' -o -name '*.staged.*' \) | head -3)
    [ -z "$left" ] || fail "enospc: partial files left: $left"
else
    echo "render_bad_input.sh: enospc skipped: not root, or no tmpfs mount here (the file-size test ran)" >&2
fi

[ "$failures" -eq 0 ] || { echo "render_bad_input.sh: $failures failure(s)" >&2; exit 1; }
echo "render_bad_input.sh: ok"
