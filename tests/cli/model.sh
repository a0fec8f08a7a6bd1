#!/usr/bin/env bash
# Command-line tests of bin/model on the hand-made fixtures in
# tests/fixtures/model/ (README.md there has the arithmetic). Prints each
# failure and exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
model=$(cd "$(dirname "$BIN/model")" 2>/dev/null && pwd)/model
fx=$TESTS_DIR/fixtures/model
specs=$fx/specs
tmp=$(mktemp -d "${TMPDIR:-/tmp}/model_cli.XXXXXX")
. "$TESTS_DIR/lib/disk.sh"
trap 'disk_cleanup; rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "model.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -x "$model" ] || { echo "model.sh: no executable $BIN/model (set BIN)" >&2; exit 1; }

# cell FILE ROW COLUMN: the cell of data row ROW (1-based) in the column named COLUMN.
cell() {
    awk -F, -v row="$2" -v col="$3" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        NR == row + 1 && c { print $c }' "$1"
}

expect_cell() { # FILE ROW COLUMN WANT
    local got
    got=$(cell "$1" "$2" "$3")
    [ "$got" = "$4" ] || fail "$(basename "$1") row $2 $3: want '$4', got '$got'"
}

# run NAME WANT_STATUS ARGS...: runs model, keeps stdout/stderr in $tmp/NAME.{out,err}.
run() {
    local name=$1 want=$2
    shift 2
    "$model" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit status $got, want $want ($(head -c 300 "$tmp/$name.err"))"
}

expect_err() { # NAME TEXT: stderr of run NAME holds TEXT
    grep -qF -- "$2" "$tmp/$1.err" || fail "$1: stderr lacks '$2': $(head -c 300 "$tmp/$1.err")"
}

no_output_left() { # NAME OUT: neither OUT nor a partial or staged file of it exists
    [ ! -e "$2" ] || fail "$1: $2 left behind after an error"
    ! ls "$2".partial.* "$2".staged.* >/dev/null 2>&1 || fail "$1: partial file left behind: $(ls "$2".partial.* "$2".staged.* 2>/dev/null)"
}

# --- a good run: values computed by hand in tests/fixtures/model/README.md
run good 0 --specs "$specs" -o "$tmp/good.csv" "$fx/raw.csv"
[ ! -s "$tmp/good.out" ] || fail "good: wrote to stdout: $(head -c 200 "$tmp/good.out")"
expect_cell "$tmp/good.csv" 3 spec_id test_gpu
expect_cell "$tmp/good.csv" 3 spec_mode full
expect_cell "$tmp/good.csv" 3 bound memory
expect_cell "$tmp/good.csv" 3 time_us_pred_datasheet 2.101248
expect_cell "$tmp/good.csv" 3 err_pct_datasheet -47.4688
expect_cell "$tmp/good.csv" 3 bw_measured_gbs 800
expect_cell "$tmp/good.csv" 3 time_us_pred_measured 2.62656
expect_cell "$tmp/good.csv" 3 err_pct_measured -34.336
expect_cell "$tmp/good.csv" 3 bw_fraction_of_measured 0.65664
expect_cell "$tmp/good.csv" 4 bound compute
expect_cell "$tmp/good.csv" 4 time_us_pred_datasheet 13.4217728
expect_cell "$tmp/good.csv" 5 spec_mode low
expect_cell "$tmp/good.csv" 5 time_us_pred_datasheet 1.089536
expect_cell "$tmp/good.csv" 5 bw_measured_gbs ""
expect_cell "$tmp/good.csv" 5 err_pct_measured ""
expect_cell "$tmp/good.csv" 5 format w4a16_g128
rows=$(($(wc -l <"$tmp/good.csv") - 1))
[ "$rows" -eq 5 ] || fail "good: $rows data rows, want 5"
expect_err good "wrote 5 rows of 2 runs"
expect_err good "run handmade-r2 on Test GPU hand-made (spec test_gpu, mode low): 1 rows"
expect_err good "no measured ceiling (no checked stream_read row)"
expect_err good "energy fit: none (no row has an energy"
# the GEMV rows' 2.1 MB fall under 4 x the 1 MiB L2: no row is in the error statistics
expect_cell "$tmp/good.csv" 3 in_error_stats no
expect_cell "$tmp/good.csv" 3 launch_floor_us ""

# --- the per-run fits and the summary: tests/fixtures/model/fits.csv, worked in its README
run fits 0 --specs "$specs" -o "$tmp/fits.csv" -s "$tmp/fits_summary.csv" "$fx/fits.csv"
expect_cell "$tmp/fits.csv" 2 in_error_stats yes
expect_cell "$tmp/fits.csv" 1 in_error_stats no
expect_cell "$tmp/fits.csv" 2 launch_floor_us 3
expect_cell "$tmp/fits.csv" 2 time_us_pred_measured_floor 5.62656
expect_cell "$tmp/fits.csv" 2 err_pct_measured_floor 21.6143312
expect_cell "$tmp/fits.csv" 3 err_pct_measured_floor 0
expect_cell "$tmp/fits.csv" 5 err_pct_measured_floor -67.4779444
expect_cell "$tmp/fits.csv" 2 energy_uj_fit 462.42432
expect_cell "$tmp/fits.csv" 2 gflops_per_w 4.5351248
expect_err fits "launch floor 3.000 us from 4 memory-bound rows"
expect_err fits "e_flop 10 pJ/flop (cuda_fp32), e_byte 100 pJ/byte, P0 50 W; R^2 1.000"
expect_err fits "int8_about_2x (1.8-2.2x): w8a16 1.07x at 1024x1024"
expect_err fits "wrote the summary to $tmp/fits_summary.csv"
# summary_cell SUBJECT QUANTITY COLUMN: the cell of the summary row for SUBJECT and QUANTITY
summary_cell() {
    awk -F, -v s="$1" -v q="$2" -v col="$3" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $6 == s && $7 == q { print $c }' "$tmp/fits_summary.csv"
}
expect_summary() { # SUBJECT QUANTITY COLUMN WANT
    local got
    got=$(summary_cell "$1" "$2" "$3")
    [ "$got" = "$4" ] || fail "summary $1 $2 $3: want '$4', got '$got'"
}
expect_summary bw_measured value value 800
expect_summary floor value value 3
expect_summary floor value rows 4
expect_summary all median_abs_err_pct_measured_floor value 10.8071656
expect_summary all max_abs_err_pct_measured value 96.3970634
expect_summary format=w2a16_g64 median_abs_err_pct_datasheet value 97.1176507
expect_summary e_flop_cuda_fp32 value value 10
expect_summary e_byte value value 100
expect_summary p0 value value 50
expect_summary r_squared value value 1
expect_summary int8_about_2x speedup_measured verdict short
expect_summary int8_about_2x speedup_bytes_ratio value 1.99223301
expect_summary int4_3_to_4x speedup_measured value 1.25688951
# The floor scored in and out of sample (model/floor_score.h): in sample it is
# the memory-bound rows' own median with the floor; every floor row is at
# 1024x1024, so leaving that one shape out leaves nothing to fit: no score.
expect_summary in_sample median_abs_err_pct value 10.8071656
expect_summary in_sample median_abs_err_pct rows 4
expect_summary leave_one_shape_out median_abs_err_pct value ""
expect_summary leave_one_shape_out median_abs_err_pct rows 0
rows=$(($(wc -l <"$tmp/fits_summary.csv") - 1))
[ "$rows" -eq 77 ] || fail "fits summary: $rows rows, want 77 (2 + 7 groups x 6 + 3 x 5 floor scores + 6 energy + 3 x 4 hypotheses)"

# --- the issue roof (issue 15): tests/fixtures/model/issue.csv on the shipped H100 spec, worked in README.md
run issue 0 --specs "$TESTS_DIR/../specs" -o "$tmp/issue.csv" -s "$tmp/issue_summary.csv" "$fx/issue.csv"
expect_err issue "launch floor 4.000 us from 6 memory-bound rows"
expect_cell "$tmp/issue.csv" 2 memory_level l2 # a gemv_issue row: out of the statistics, no issue cells
expect_cell "$tmp/issue.csv" 2 in_error_stats no
expect_cell "$tmp/issue.csv" 2 time_us_issue ""
expect_cell "$tmp/issue.csv" 7 issue_rate_weights_per_sm_cycle 52 # A
expect_cell "$tmp/issue.csv" 7 time_us_issue 1.23446116
expect_cell "$tmp/issue.csv" 7 time_us_pred_issue_roof 5.47968
expect_cell "$tmp/issue.csv" 7 err_pct_issue_roof -8.672
expect_cell "$tmp/issue.csv" 7 bound_issue_roof memory
expect_cell "$tmp/issue.csv" 8 time_us_issue 39.5027572 # B, at its own 990 MHz
expect_cell "$tmp/issue.csv" 8 bound_issue_roof issue
expect_cell "$tmp/issue.csv" 8 err_pct_measured_floor -38.6368
expect_cell "$tmp/issue.csv" 8 err_pct_issue_roof -3.32720628
expect_cell "$tmp/issue.csv" 9 err_pct_issue_roof 11.808 # C
for r in 10 11 12 14; do # D fp16 (no rate), E tensor cores, F batch 4, H another run
    expect_cell "$tmp/issue.csv" $r issue_rate_weights_per_sm_cycle ""
    expect_cell "$tmp/issue.csv" $r time_us_issue ""
    expect_cell "$tmp/issue.csv" $r time_us_pred_issue_roof ""
    expect_cell "$tmp/issue.csv" $r bound_issue_roof ""
done
expect_cell "$tmp/issue.csv" 13 time_us_issue 4.93784465 # G: the spec's clock and SMs
expect_cell "$tmp/issue.csv" 13 err_pct_issue_roof -17.4293333
# the summary, beside the per-format medians: |err_pct_issue_roof| of w2a16_g64 over A, B and G
# (8.672, 3.32720628, 17.4293333: median 8.672) and each format's issue rate
issue_summary() { # RUN SECTION SUBJECT QUANTITY COLUMN
    awk -F, -v run="$1" -v sec="$2" -v s="$3" -v q="$4" -v col="$5" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $1 == run && $5 == sec && $6 == s && $7 == q { print $c }' "$tmp/issue_summary.csv"
}
expect_issue_summary() { # RUN SECTION SUBJECT QUANTITY COLUMN WANT
    local got
    got=$(issue_summary "$1" "$2" "$3" "$4" "$5")
    [ "$got" = "$6" ] || fail "issue summary $1 $2 $3 $4 $5: want '$6', got '$got'"
}
expect_issue_summary issue-h100 errors format=w2a16_g64 median_abs_err_pct_issue_roof value 8.672
expect_issue_summary issue-h100 errors format=w2a16_g64 median_abs_err_pct_issue_roof rows 3
expect_issue_summary issue-h100 errors format=w2a16_g64 max_abs_err_pct_issue_roof value 17.4293333
expect_issue_summary issue-h100 errors format=w4a16_g128 median_abs_err_pct_issue_roof value 11.808
expect_issue_summary issue-h100 issue_rate format=w2a16_g64 weights_per_sm_cycle value 52
expect_issue_summary issue-h100 issue_rate format=w2a16_g64 weights_per_sm_cycle rows 3
expect_issue_summary issue-h100 issue_rate format=w2a16_g64 weights_per_s value 1.359072e+13
expect_issue_summary issue-h100 issue_rate format=w4a16_g128 weights_per_sm_cycle value 100
expect_issue_summary issue-h100 issue_rate format=fp16 weights_per_sm_cycle value ""
expect_issue_summary issue-old issue_rate format=w2a16_g64 weights_per_sm_cycle unit ""
expect_issue_summary issue-old errors format=w2a16_g64 median_abs_err_pct_issue_roof unit ""
expect_err issue "format=w2a16_g64                                       52    13590.7      3  8.7 / 17.4"
! grep -q "issue_rate\|issue_roof" "$tmp/fits_summary.csv" || fail "fits summary: issue rows for a run without gemv_issue rows"
# every run without gemv_issue rows (every archive before issue 15) keeps the columns empty
for c in issue_rate_weights_per_sm_cycle time_us_issue time_us_pred_issue_roof err_pct_issue_roof bound_issue_roof; do
    [ -z "$(awk -F, -v col="$c" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } $c != "" { print }' "$tmp/fits.csv")" ] ||
        fail "fits.csv has no gemv_issue rows, yet its $c cells are not empty"
done

# --- the shipped specs: device names as the drivers report them
run devices 0 --specs "$TESTS_DIR/../specs" -o "$tmp/devices.csv" "$fx/devices.csv"
expect_cell "$tmp/devices.csv" 1 spec_id h100_sxm
expect_cell "$tmp/devices.csv" 1 time_us_pred_datasheet 0.626863962
expect_cell "$tmp/devices.csv" 2 spec_id h200
expect_cell "$tmp/devices.csv" 2 bw_datasheet_gbs 4800
expect_cell "$tmp/devices.csv" 3 spec_id orin_nano_8gb
expect_cell "$tmp/devices.csv" 3 spec_mode 7W
expect_cell "$tmp/devices.csv" 3 peak_datasheet_gflops 417.792
expect_cell "$tmp/devices.csv" 4 spec_mode 15W
expect_cell "$tmp/devices.csv" 4 err_pct_datasheet -22.7482353
expect_cell "$tmp/devices.csv" 5 spec_id h100_pcie
expect_cell "$tmp/devices.csv" 5 time_us_pred_datasheet 1.03052869
expect_cell "$tmp/devices.csv" 6 spec_id a100_sxm_80gb
expect_cell "$tmp/devices.csv" 6 peak_datasheet_gflops 19491.84
expect_cell "$tmp/devices.csv" 7 spec_id l4
expect_cell "$tmp/devices.csv" 7 time_us_pred_datasheet 7.00416
expect_cell "$tmp/devices.csv" 8 spec_id rtx_4090
expect_cell "$tmp/devices.csv" 8 err_pct_datasheet -47.8857143
# CUDA calls the 4GB board "Orin" too: its 4 SMs and memory pick its spec (the name alone
# took it for the 8GB one): 2101248 / 3.4e4 = 61.8014118 us, 4 x 256 x 624.75 = 639.744
expect_cell "$tmp/devices.csv" 9 spec_id orin_nano_4gb
expect_cell "$tmp/devices.csv" 9 time_us_pred_datasheet 61.8014118
expect_cell "$tmp/devices.csv" 9 peak_datasheet_gflops 639.744
# JetPack 6.2's Super table (nvpmodel_conf): its 15W caps the GPU at 612 MHz, 8 x 256 x 612
expect_cell "$tmp/devices.csv" 10 spec_id orin_nano_8gb_super
expect_cell "$tmp/devices.csv" 10 spec_mode 15W
expect_cell "$tmp/devices.csv" 10 peak_datasheet_gflops 1253.376
expect_cell "$tmp/devices.csv" 10 err_pct_datasheet -22.7482353
expect_cell "$tmp/devices.csv" 4 peak_datasheet_gflops 1279.488
# A Jetson row without a power mode (nvpmodel -q failed under measure): its
# spec's modes differ, so model refuses to guess one; --power-mode names it
# (rows that have a mode keep theirs). Once such a row became 15W silently.
{ head -1 "$fx/devices.csv"; sed -n '5p' "$fx/devices.csv" | sed 's/,15W,/,,/'; sed -n '4p' "$fx/devices.csv"; } \
    >"$tmp/orin_no_mode.in.csv"
run orin_no_mode 1 --specs "$TESTS_DIR/../specs" -o "$tmp/orin_no_mode.csv" "$tmp/orin_no_mode.in.csv"
expect_err orin_no_mode "model: row has no power_mode, and spec orin_nano_8gb's modes (7W, 15W) differ: model will not guess one; pass --power-mode NAME, the mode the board ran in ($tmp/orin_no_mode.in.csv:2)"
no_output_left orin_no_mode "$tmp/orin_no_mode.csv"
run orin_power_mode 0 --specs "$TESTS_DIR/../specs" --power-mode 15W -o "$tmp/orin_pm.csv" "$tmp/orin_no_mode.in.csv"
expect_cell "$tmp/orin_pm.csv" 1 spec_mode 15W
expect_cell "$tmp/orin_pm.csv" 1 power_mode ""
expect_cell "$tmp/orin_pm.csv" 1 err_pct_datasheet -22.7482353
expect_cell "$tmp/orin_pm.csv" 2 spec_mode 7W
run orin_power_mode_bad 1 --specs "$TESTS_DIR/../specs" --power-mode 40W -o "$tmp/orin_pm2.csv" "$tmp/orin_no_mode.in.csv"
expect_err orin_power_mode_bad "power mode '40W' is not in spec orin_nano_8gb"
expect_err orin_power_mode_bad "($tmp/orin_no_mode.in.csv:2, mode from --power-mode)"
run power_mode_empty 2 --power-mode "" -o "$tmp/x.csv" "$fx/devices.csv"
expect_err power_mode_empty "model: --power-mode wants a mode name"

# The NX and AGX specs by --device, for rows that cannot say which board ran.
orin_row() { # MODE: the devices.csv Orin row in power mode MODE, under the header
    head -1 "$fx/devices.csv"
    sed -n '4p' "$fx/devices.csv" | sed "s/,7W,/,$1,/"
}
orin_row 10W >"$tmp/nx.in.csv"
orin_row MODE_15W >"$tmp/agx.in.csv"
run orin_nx 0 --specs "$TESTS_DIR/../specs" --device orin_nx_16gb -o "$tmp/nx.csv" "$tmp/nx.in.csv"
expect_cell "$tmp/nx.csv" 1 spec_mode 10W
expect_cell "$tmp/nx.csv" 1 time_us_pred_datasheet 30.7848101
expect_cell "$tmp/nx.csv" 1 peak_datasheet_gflops 626.688
run orin_nx_mode 1 --specs "$TESTS_DIR/../specs" --device orin_nx_16gb -o "$tmp/nx2.csv" "$tmp/agx.in.csv"
expect_err orin_nx_mode "power mode 'MODE_15W' is not in spec orin_nx_16gb"
run agx_orin 0 --specs "$TESTS_DIR/../specs" --device agx_orin_64gb -o "$tmp/agx.csv" "$tmp/agx.in.csv"
expect_cell "$tmp/agx.csv" 1 time_us_pred_datasheet 15.3924051
expect_cell "$tmp/agx.csv" 1 peak_datasheet_gflops 626.688

# --- default specs folder: ./specs, else the binary's ../specs
(cd "$TESTS_DIR/.." && "$model" -o "$tmp/cwd.csv" "$fx/devices.csv" 2>"$tmp/cwd.err") ||
    fail "cwd specs: $(cat "$tmp/cwd.err")"
if [ -d "$(dirname "$model")/../specs" ]; then
    (cd "$tmp" && "$model" -o "$tmp/exe.csv" "$fx/devices.csv" 2>"$tmp/exe.err") ||
        fail "binary-relative specs: $(cat "$tmp/exe.err")"
fi

# --- command line: usage errors exit 2, help and columns go to stdout
run unknown_option 2 --bogus -o "$tmp/x.csv" "$fx/raw.csv"
expect_err unknown_option "model: unknown option --bogus"
expect_err unknown_option "usage: model"
no_output_left unknown_option "$tmp/x.csv"
run missing_argument 2 "$fx/raw.csv" -o
expect_err missing_argument "option -o needs an argument"
run no_output_option 2 "$fx/raw.csv"
run no_input 2 -o "$tmp/x.csv"
run help 0 --help
grep -q "^usage: model" "$tmp/help.out" || fail "help: no usage on stdout"
run columns 0 --columns
# each output's table lists exactly the columns of its header
columns_of() { # TITLE: the column names of the --columns table under "## TITLE"
    awk -v t="## $1" '$0 == t { on = 1; next } /^## / { on = 0 }
        on && /^\| [a-z]/ && !/^\| column/ { print $2 }' "$tmp/columns.out"
}
[ "$(columns_of "model CSV (-o)")" = "$(head -1 "$tmp/good.csv" | tr -d '\r' | tr ',' '\n')" ] ||
    fail "columns: the model table differs from the model CSV header"
[ "$(columns_of "summary CSV (-s)")" = "$(head -1 "$tmp/fits_summary.csv" | tr -d '\r' | tr ',' '\n')" ] ||
    fail "columns: the summary table differs from the summary CSV header"
grep -qF "| err_pct_measured | % | yes, may be empty | 0, or ±1e-100 to ±1e+100 % | 100*(pred_measured - measured median)/measured |" "$tmp/columns.out" ||
    fail "columns: no err_pct_measured row"

# --- bad input: the catalogue of issue 8. Every bad run goes over the output
# of the good run above: it must exit 1, say what is wrong and where
# (file:line), leave that earlier output byte for byte, and leave no partial
# file beside it.
out=$tmp/bad.csv
earlier=$tmp/good.csv
# bad NAME WANT_TEXT ARGS...: model -o $out ARGS over a copy of the good output
bad() {
    local name=$1 want=$2
    shift 2
    cp "$earlier" "$out"
    run "$name" 1 -o "$out" "$@"
    expect_err "$name" "$want"
    cmp -s "$out" "$earlier" || fail "$name: the earlier output $out changed"
    ! ls "$out".partial.* "$out".staged.* >/dev/null 2>&1 || fail "$name: partial file left behind: $(ls "$out".partial.* "$out".staged.* 2>/dev/null)"
}
# raw NAME SED_SCRIPT: $tmp/NAME.csv is raw.csv edited by SED_SCRIPT (its CRLFs kept)
raw() {
    sed "$2" "$fx/raw.csv" >"$tmp/$1.csv"
}

bad missing_file "model: cannot open $tmp/absent.csv" --specs "$specs" "$tmp/absent.csv"

# empty, header only, truncated, binary
: >"$tmp/empty.csv"
bad empty "empty file, expected a raw csv header ($tmp/empty.csv:1)" --specs "$specs" "$tmp/empty.csv"
printf '\r\n\r\n' >"$tmp/blank.csv"
bad blank_lines "empty file, expected a raw csv header ($tmp/blank.csv:1)" --specs "$specs" "$tmp/blank.csv"
head -n 1 "$fx/raw.csv" >"$tmp/header_only.csv"
bad header_only "no data rows, only a header ($tmp/header_only.csv:1)" --specs "$specs" "$tmp/header_only.csv"
head -c -40 "$fx/raw.csv" >"$tmp/truncated.csv" # the last row loses its tail
bad truncated "truncated or damaged? ($tmp/truncated.csv:6)" --specs "$specs" "$tmp/truncated.csv"
{ cat "$fx/raw.csv"; printf 'handmade-r3,"2000-01-01\r\n'; } >"$tmp/open_quote.csv"
bad open_quote "truncated csv: unterminated quoted field ($tmp/open_quote.csv:7)" --specs "$specs" "$tmp/open_quote.csv"
{ head -n 3 "$fx/raw.csv"; printf 'handmade-r1,\x00\x01\x02\xff\r\n'; } >"$tmp/nul.csv"
bad binary_nul "binary data (a NUL byte), not a csv file ($tmp/nul.csv:4)" --specs "$specs" "$tmp/nul.csv"
gzip -n -c "$fx/raw.csv" >"$tmp/gzipped.csv" # an archive compressed and renamed
bad binary_gzip "binary data (a NUL byte), not a csv file ($tmp/gzipped.csv:1)" --specs "$specs" "$tmp/gzipped.csv"
printf '\x89PNG\r\n\x1a\n' >"$tmp/png.csv" # binary without a NUL: no raw header
bad binary_png "missing column run_id: not a raw csv? ($tmp/png.csv:1)" --specs "$specs" "$tmp/png.csv"

# missing and extra columns. A column the schema does not know is ignored
# (later measure versions add columns, older models must still read them);
# a row with more or fewer cells than the header is an error.
raw no_flop 's/^\(\([^,]*,\)\{9\}\)[^,]*,/\1/' # the 10th column, flop, gone
bad missing_column "missing column flop: not a raw csv? ($tmp/no_flop.csv:1)" --specs "$specs" "$tmp/no_flop.csv"
raw twice '1s/,git_commit/,device/'
bad column_twice "column device appears twice in the header ($tmp/twice.csv:1)" --specs "$specs" "$tmp/twice.csv"
raw extra_column '1s/\r$/,board_serial\r/; 2,$s/\r$/,1234\r/'
run extra_column 0 --specs "$specs" -o "$tmp/extra_column.out.csv" "$tmp/extra_column.csv"
cmp -s "$tmp/extra_column.out.csv" "$earlier" || fail "extra_column: the output differs from the good run's"
raw extra_cell '3s/\r$/,surprise\r/'
bad extra_cell "row has 29 fields, the header has 28: truncated or damaged? ($tmp/extra_cell.csv:3)" --specs "$specs" "$tmp/extra_cell.csv"
raw short_row '5s/,fixture\r$/\r/'
bad short_row "row has 27 fields, the header has 28: truncated or damaged? ($tmp/short_row.csv:5)" --specs "$specs" "$tmp/short_row.csv"

# wrong types, empty required cells
raw count_text '4s/,1024,1024,1,/,1024,10x24,1,/'
bad count_text "k: '10x24' is not an integer >= 0 ($tmp/count_text.csv:4)" --specs "$specs" "$tmp/count_text.csv"
raw count_real '4s/,1024,1024,1,/,1024.0,1024,1,/'
bad count_real "n: '1024.0' is not an integer >= 0 ($tmp/count_real.csv:4)" --specs "$specs" "$tmp/count_real.csv"
raw count_hex '4s/,1024,1024,1,/,0x400,1024,1,/'
bad count_hex "n: '0x400' is not an integer >= 0 ($tmp/count_hex.csv:4)" --specs "$specs" "$tmp/count_hex.csv"
raw real_text '4s/,4,4,4,10,/,fast,4,4,10,/'
bad real_text "time_us_median: 'fast' is not a finite number >= 0 ($tmp/real_text.csv:4)" --specs "$specs" "$tmp/real_text.csv"
raw real_unit '4s/,4,4,4,10,/,4us,4,4,10,/'
bad real_unit "time_us_median: '4us' is not a finite number >= 0 ($tmp/real_unit.csv:4)" --specs "$specs" "$tmp/real_unit.csv"
raw empty_kernel '4s/,gemv,/,,/'
bad empty_required "kernel: empty, but it must hold a value ($tmp/empty_kernel.csv:4)" --specs "$specs" "$tmp/empty_kernel.csv"

# NaN, infinities, negative values
raw nan '4s/,4,4,4,10,/,nan,4,4,10,/'
bad nan_cell "time_us_median: 'nan' is not a finite number >= 0 ($tmp/nan.csv:4)" --specs "$specs" "$tmp/nan.csv"
raw inf '4s/,4,4,4,10,/,4,4,inf,10,/'
bad inf_cell "time_us_p90: 'inf' is not a finite number >= 0 ($tmp/inf.csv:4)" --specs "$specs" "$tmp/inf.csv"
raw minus_inf '4s/,4,4,4,10,/,4,-Infinity,4,10,/'
bad minus_inf_cell "time_us_min: '-Infinity' is not a finite number >= 0 ($tmp/minus_inf.csv:4)" --specs "$specs" "$tmp/minus_inf.csv"
raw negative_time '4s/,4,4,4,10,/,-4,4,4,10,/'
bad negative_real "time_us_median: '-4' is not a finite number >= 0 ($tmp/negative_time.csv:4)" --specs "$specs" "$tmp/negative_time.csv"
raw negative_count '4s/,1024,1024,1,/,1024,-1024,1,/'
bad negative_count "k: '-1024' is not an integer >= 0 ($tmp/negative_count.csv:4)" --specs "$specs" "$tmp/negative_count.csv"
raw negative_energy '4s/,10,,,,none,/,10,,-1.5,,none,/'
bad negative_energy "energy_uj: '-1.5' is not a finite number >= 0 ($tmp/negative_energy.csv:4)" --specs "$specs" "$tmp/negative_energy.csv"
raw zero_time '4s/,4,4,4,10,/,0,0,0,10,/'
bad zero_time "time_us_median is 0: no rate or error can follow from it ($tmp/zero_time.csv:4)" --specs "$specs" "$tmp/zero_time.csv"

# an empty shape: counts may be 0 by type, but no case has n, k or batch 0
raw zero_batch '4s/,1024,1024,1,/,1024,1024,0,/'
bad zero_batch "batch is 0: every case has n, k and batch of at least 1 ($tmp/zero_batch.csv:4)" --specs "$specs" "$tmp/zero_batch.csv"
raw zero_n '2s/,1000000,1,1,/,0,1,1,/'
bad zero_n "n is 0: every case has n, k and batch of at least 1 ($tmp/zero_n.csv:2)" --specs "$specs" "$tmp/zero_n.csv"

# the Jetson rails cell (common/rail_cell.h): NAME=WATTS pairs, each name once;
# a good one passes through to the model CSV as it was
raw rails_twice '1s/\r$/,rails_power_w_avg\r/; 2,$s/\r$/,\r/; 4s/,\r$/,VDD_IN=6.2;VDD_IN=7\r/'
bad rails_twice "rails_power_w_avg: rail VDD_IN is named twice ($tmp/rails_twice.csv:4)" --specs "$specs" "$tmp/rails_twice.csv"
raw rails_ok '1s/\r$/,rails_power_w_avg\r/; 2,$s/\r$/,\r/; 4s/,\r$/,VDD_IN=6.269;VDD_SOC=3.056\r/'
run rails_ok 0 --specs "$specs" -o "$tmp/rails_ok.out.csv" "$tmp/rails_ok.csv"
expect_cell "$tmp/rails_ok.out.csv" 3 rails_power_w_avg "VDD_IN=6.269;VDD_SOC=3.056"

# Very large and very small values (common/csv_ranges.h): each is refused
# with the column, the value, the file and line, and the range accepted. A
# time of 1e308 us once failed as "cannot fill the model row: out of memory
# or a non-finite value" (100 x 1e308 overflowed the error), 1e-320 was "not
# a finite number" (it is a subnormal one), 1e-300 made every rate infinite.
# The largest count is a number like any other, and a shape whose counts
# would wrap around 2^64 is not compared with the counting table (it once
# warned that 2^32 x 2^32 fp16 takes 0 flop).
raw huge_count '4s/,1024,1024,1,/,1024,99999999999999999999999,1,/'
bad huge_count "k: '99999999999999999999999' is larger than 18446744073709551615, the largest integer accepted ($tmp/huge_count.csv:4)" --specs "$specs" "$tmp/huge_count.csv"
raw huge_real '4s/,4,4,4,10,/,1e400,4,4,10,/'
bad huge_real "time_us_median: '1e400' is out of range: accepted 0, or 1e-06 to 1e+12 us ($tmp/huge_real.csv:4)" --specs "$specs" "$tmp/huge_real.csv"
raw huge_time '4s/,4,4,4,10,/,1e308,1e308,1e308,10,/'
bad huge_time "time_us_median: '1e308' is out of range: accepted 0, or 1e-06 to 1e+12 us ($tmp/huge_time.csv:4)" --specs "$specs" "$tmp/huge_time.csv"
raw subnormal_time '4s/,4,4,4,10,/,1e-320,4,4,10,/'
bad subnormal_time "time_us_median: '1e-320' is out of range: accepted 0, or 1e-06 to 1e+12 us ($tmp/subnormal_time.csv:4)" --specs "$specs" "$tmp/subnormal_time.csv"
raw tiny_time '4s/,4,4,4,10,/,1e-300,4,4,10,/'
bad tiny_time "time_us_median: '1e-300' is out of range: accepted 0, or 1e-06 to 1e+12 us ($tmp/tiny_time.csv:4)" --specs "$specs" "$tmp/tiny_time.csv"
raw minus_zero '4s/,4,4,4,10,/,4,-0,4,10,/'
bad minus_zero "time_us_min: '-0' is negative zero: accepted 0, or 1e-06 to 1e+12 us, written without a minus sign ($tmp/minus_zero.csv:4)" --specs "$specs" "$tmp/minus_zero.csv"
raw zero_energy '4s/,10,,,,none,/,10,,0,,none,/'
bad zero_energy "energy_uj: '0' is out of range: accepted 1e-06 to 1e+15 uJ ($tmp/zero_energy.csv:4)" --specs "$specs" "$tmp/zero_energy.csv"
raw huge_power '4s/,10,,,,none,/,10,,,1e7,none,/'
bad huge_power "power_w_avg: '1e7' is out of range: accepted 0, or 1e-06 to 1e+06 W ($tmp/huge_power.csv:4)" --specs "$specs" "$tmp/huge_power.csv"
# the extremes accepted, together: the largest counts in the shortest time
# and the smallest in the longest; no inf or nan in any output
raw extremes '3s/,4000000,1000000,8,8,8,/,18446744073709551615,18446744073709551615,1e-06,1e-06,1e-06,/; 4s/,2101248,2097152,4,4,4,/,1,0,1e12,1e12,1e12,/'
run extremes 0 --specs "$specs" -o "$tmp/extremes.out.csv" -s "$tmp/extremes.s.csv" "$tmp/extremes.csv"
! grep -qiwE 'inf|nan|infinity' "$tmp/extremes.out.csv" "$tmp/extremes.s.csv" ||
    fail "extremes: inf or nan in an output: $(grep -m1 -iwE 'inf|nan|infinity' "$tmp/extremes.out.csv" "$tmp/extremes.s.csv")"
raw max_bytes '4s/,2101248,2097152,/,18446744073709551615,18446744073709551615,/'
run max_bytes 0 --specs "$specs" -o "$tmp/max_bytes.out.csv" "$tmp/max_bytes.csv"
expect_cell "$tmp/max_bytes.out.csv" 3 time_us_pred_datasheet 1.84467441e+13
expect_cell "$tmp/max_bytes.out.csv" 3 bound memory
expect_err max_bytes "bytes and flop differ from the counting table's 2101248 and 2097152 ($tmp/max_bytes.csv:4)"
raw wrapping_shape '4s/,1024,1024,1,/,4294967296,4294967296,1,/'
run wrapping_shape 0 --specs "$specs" -o "$tmp/wrapping_shape.out.csv" "$tmp/wrapping_shape.csv"
! grep -q "counting table" "$tmp/wrapping_shape.err" ||
    fail "wrapping_shape: compared with a wrapped count: $(grep "counting table" "$tmp/wrapping_shape.err")"

# Duplicate rows are an error (common/csv_dups.h): an identical row is a copy,
# never a second measurement, and would count twice in every median and fit.
# Two measurements of one case (raw.csv lines 2 and 3) differ and are kept.
raw duplicate '4p'
bad duplicate_row "duplicate row: same cells as $tmp/duplicate.csv:4 ($tmp/duplicate.csv:5)" --specs "$specs" "$tmp/duplicate.csv"
bad same_file_twice "duplicate row: same cells as $fx/raw.csv:2 ($fx/raw.csv:2)" --specs "$specs" "$fx/raw.csv" "$fx/raw.csv"

# Text that is not UTF-8 is refused where it enters (the CSV reader, the spec
# reader), naming the file, line, column and byte; model once passed it on
# into the model CSV, and only render refused it. A column model ignores
# counts too: the file as a whole must be UTF-8.
raw latin1_device $'6s/Test GPU hand-made/Test GPU hand-made \xe9t\xe9/'
bad latin1_device "device (column 3): byte 0xE9 at character 20 is not UTF-8 (a Latin-1 file?); save it as UTF-8 ($tmp/latin1_device.csv:6)" --specs "$specs" "$tmp/latin1_device.csv"
raw latin1_extra_column $'1s/\r$/,board\r/; 2,$s/\r$/,x\r/; 3s/,x\r$/,caf\xe9\r/'
bad latin1_extra_column "board (column 29): byte 0xE9 at character 4 is not UTF-8" --specs "$specs" "$tmp/latin1_extra_column.csv"
raw utf8_device $'6s/Test GPU hand-made/Test GPU hand-made \xc2\xb5/' # UTF-8 is fine
run utf8_device 0 --specs "$specs" -o "$tmp/utf8_device.out.csv" "$tmp/utf8_device.csv"
expect_cell "$tmp/utf8_device.out.csv" 5 device $'Test GPU hand-made \xc2\xb5'

# devices, modes and kernels the specs and the counting table do not know
raw unknown_device '6s/Test GPU hand-made/Mystery GPU/'
bad unknown_device "device 'Mystery GPU' matches no hardware spec (known: test_gpu;" --specs "$specs" "$tmp/unknown_device.csv"
expect_err unknown_device "($tmp/unknown_device.csv:6)"
run forced_device 0 --specs "$specs" --device test_gpu -o "$tmp/forced.csv" "$tmp/unknown_device.csv"
expect_cell "$tmp/forced.csv" 5 spec_id test_gpu
bad unknown_spec_id "--device nope: no such spec in $specs (known: test_gpu)" --specs "$specs" --device nope "$fx/raw.csv"
raw unknown_mode '6s/,low,/,turbo,/'
bad unknown_mode "power mode 'turbo' is not in spec test_gpu" --specs "$specs" "$tmp/unknown_mode.csv"
expect_err unknown_mode "($tmp/unknown_mode.csv:6)"
raw unknown_kernel '4s/,gemv,/,mystery,/'
bad unknown_kernel "unknown kernel 'mystery': not in the workloads table ($tmp/unknown_kernel.csv:4)" --specs "$specs" "$tmp/unknown_kernel.csv"

# spec files: a bad value, missing fields, an empty file
# spec NAME SED_SCRIPT: $tmp/NAME/test_gpu.ini is the fixture spec edited
spec() {
    mkdir -p "$tmp/$1" && sed "$2" "$specs/test_gpu.ini" >"$tmp/$1/test_gpu.ini"
}
spec bad_spec 's/^dram_bw_gbs = 500/dram_bw_gbs = lots/'
bad bad_spec "dram_bw_gbs: 'lots' is not a number > 0 ($tmp/bad_spec/test_gpu.ini:25)" --specs "$tmp/bad_spec" "$fx/raw.csv"
spec spec_no_bw '/^dram_bw_gbs = 1000/d; /^source_dram_bw_gbs/d'
bad spec_missing_mode_field "[mode full] has no dram_bw_gbs ($tmp/spec_no_bw/test_gpu.ini:14)" --specs "$tmp/spec_no_bw" "$fx/raw.csv"
spec spec_no_sm '/^sm_count/d; /^source_sm_count/d'
bad spec_missing_device_field "[device] has no sm_count ($tmp/spec_no_sm/test_gpu.ini:3)" --specs "$tmp/spec_no_sm" "$fx/raw.csv"
spec spec_no_source '/^source_l2_bytes/d'
bad spec_missing_source "l2_bytes has no source_l2_bytes line saying where the number comes from ($tmp/spec_no_source/test_gpu.ini:8)" --specs "$tmp/spec_no_source" "$fx/raw.csv"
spec spec_empty 'd'
bad spec_empty "no [device] section ($tmp/spec_empty/test_gpu.ini:1)" --specs "$tmp/spec_empty" "$fx/raw.csv"
spec spec_nul 's/^sm_count = 10/sm_count = 10\x00 oops/'
bad spec_nul "binary data (a NUL byte), not a text file ($tmp/spec_nul/test_gpu.ini:6)" --specs "$tmp/spec_nul" "$fx/raw.csv"
mkdir -p "$tmp/spec_gzip" && gzip -n -c "$specs/test_gpu.ini" >"$tmp/spec_gzip/test_gpu.ini"
bad spec_gzip "binary data (a NUL byte), not a text file ($tmp/spec_gzip/test_gpu.ini:1)" --specs "$tmp/spec_gzip" "$fx/raw.csv"
spec spec_huge 's/^dram_bw_gbs = 1000/dram_bw_gbs = 1e999/'
bad spec_huge "dram_bw_gbs: '1e999' is out of range: accepted 1e-06 to 1e+12 ($tmp/spec_huge/test_gpu.ini:17)" --specs "$tmp/spec_huge" "$fx/raw.csv"
spec spec_tiny 's/^dram_bw_gbs = 1000/dram_bw_gbs = 1e-300/' # every prediction was infinite
bad spec_tiny "dram_bw_gbs: '1e-300' is out of range: accepted 1e-06 to 1e+12 ($tmp/spec_tiny/test_gpu.ini:17)" --specs "$tmp/spec_tiny" "$fx/raw.csv"
spec spec_huge_count 's/^l2_bytes = 1048576/l2_bytes = 99999999999999999999/'
bad spec_huge_count "l2_bytes: '99999999999999999999' is larger than 18446744073709551615, the largest integer accepted ($tmp/spec_huge_count/test_gpu.ini:8)" --specs "$tmp/spec_huge_count" "$fx/raw.csv"
spec spec_latin1 $'s/^\[mode low\]/[mode l\xf6w]/'
bad spec_latin1 "byte 0xF6 at column 8 is not UTF-8 (a Latin-1 file?); save it as UTF-8 ($tmp/spec_latin1/test_gpu.ini:22)" --specs "$tmp/spec_latin1" "$fx/raw.csv"
printf '[model tiny]\nname = Tiny \xabLM\xbb\n' >"$tmp/llm_latin1.ini"
run llm_latin1 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/llm_latin1.ini" "$fx/fits.csv"
expect_err llm_latin1 "byte 0xAB at column 13 is not UTF-8 (a Latin-1 file?); save it as UTF-8 ($tmp/llm_latin1.ini:2)"
no_output_left llm_latin1 "$tmp/x.csv"

# outputs that cannot be written: a missing folder, a file in the way, a
# folder without write permission, a full disk. The earlier output stays.
bad no_such_folder "cannot write $tmp/no/such/dir/out.csv: No such file or directory (its folder $tmp/no/such/dir)" --specs "$specs" "$fx/raw.csv" -o "$tmp/no/such/dir/out.csv"
bad file_in_the_way "cannot write $earlier/out.csv: $earlier is a file, not a folder" --specs "$specs" "$fx/raw.csv" -o "$earlier/out.csv"
mkdir "$tmp/ro" && cp "$earlier" "$tmp/ro/model.csv"
if readonly_dir "$tmp/ro"; then
    run unwritable_folder 1 --specs "$specs" -o "$tmp/ro/model.csv" "$fx/raw.csv"
    expect_err unwritable_folder "cannot write in $tmp/ro: Read-only file system"
    cmp -s "$tmp/ro/model.csv" "$earlier" || fail "unwritable_folder: the earlier output changed"
    writable_dir "$tmp/ro"
else
    echo "model.sh: unwritable_folder skipped: root and no read-only bind mount here" >&2
fi
# a full disk, simulated by a file size limit (works without root)
cp "$earlier" "$out"
(ulimit -f 1 && trap '' XFSZ && exec "$model" --specs "$specs" -o "$out" "$fx/raw.csv") >/dev/null 2>"$tmp/full_disk.err"
[ $? -eq 1 ] || fail "full_disk: exit status not 1 ($(head -c 300 "$tmp/full_disk.err"))"
expect_err full_disk "model: cannot write $out.staged."
cmp -s "$out" "$earlier" || fail "full_disk: the earlier output changed"
! ls "$out".partial.* "$out".staged.* >/dev/null 2>&1 || fail "full_disk: partial file left behind"
# a real one (ENOSPC) on a tiny tmpfs, where this runs as root
if small_disk "$tmp/disk"; then
    cp "$earlier" "$tmp/disk/model.csv" && fill_disk "$tmp/disk"
    run enospc 1 --specs "$specs" -o "$tmp/disk/model.csv" "$fx/raw.csv"
    expect_err enospc "No space left on device"
    cmp -s "$tmp/disk/model.csv" "$earlier" || fail "enospc: the earlier output changed"
    ! ls "$tmp/disk/model.csv".partial.* >/dev/null 2>&1 || fail "enospc: partial file left behind"
else
    echo "model.sh: enospc skipped: not root, or no tmpfs mount here (the file-size test ran)" >&2
fi

# --- mode predictions (--modes): tests/fixtures/model/modes.csv on modes_specs/, worked in README.md
mspecs=$fx/modes_specs
run modes 0 --specs "$mspecs" -o "$tmp/modes_model.csv" --modes "$tmp/modes.csv" "$fx/modes.csv"
expect_err modes "wrote 8 mode predictions (2 formats at 4096x4096, issue rates of run modes-new on Big GPU, spec big_gpu) to $tmp/modes.csv"
[ "$(columns_of "modes CSV (--modes)")" = "$(head -1 "$tmp/modes.csv" | tr -d '\r' | tr ',' '\n')" ] ||
    fail "columns: the modes table differs from the modes CSV header"
# modes_cell FILE SPEC MODE FORMAT COLUMN: the cell of the modes row for SPEC, MODE and FORMAT
modes_cell() {
    awk -F, -v s="$2" -v m="$3" -v f="$4" -v col="$5" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $1 == s && $2 == m && $3 == f { print $c }' "$1"
}
expect_mode() { # FILE SPEC MODE FORMAT COLUMN WANT
    local got
    got=$(modes_cell "$1" "$2" "$3" "$4" "$5")
    [ "$got" = "$6" ] || fail "modes $2 $3 $4 $5: want '$6', got '$got'"
}
m=$tmp/modes.csv
rows=$(($(wc -l <"$m") - 1))
[ "$rows" -eq 8 ] || fail "modes: $rows rows, want 8 (2 specs: 3 + 1 modes, 2 formats; the older run's fp16 not among them)"
expect_mode "$m" edge_gpu 7W w2a16_g64 issue_rate_weights_per_sm_cycle 40 # the newest run's, not modes-old's 10
expect_mode "$m" edge_gpu 7W w2a16_g64 issue_rate_run_id modes-new
expect_mode "$m" edge_gpu 7W w2a16_g64 issue_rate_device "Big GPU"
expect_mode "$m" edge_gpu 7W w2a16_g64 sm_count 4
expect_mode "$m" edge_gpu 7W w2a16_g64 bytes 4734976
expect_mode "$m" edge_gpu 7W w2a16_g64 weights 16777216
expect_mode "$m" edge_gpu 7W w2a16_g64 time_us_memory 47.34976
expect_mode "$m" edge_gpu 7W w2a16_g64 time_us_issue 209.7152
expect_mode "$m" edge_gpu 7W w2a16_g64 time_us_pred 209.7152
expect_mode "$m" edge_gpu 7W w2a16_g64 bound issue
expect_mode "$m" edge_gpu 7W w2a16_g64 ref_mode 15W
expect_mode "$m" edge_gpu 7W w2a16_g64 ratio_to_ref_mode 4
expect_mode "$m" edge_gpu 7W w2a16_g64 power_budget_w 7
expect_mode "$m" edge_gpu 7W w2a16_g64 energy_uj_budget 1468.0064
expect_mode "$m" edge_gpu 7W w2a16_g64 issue_rate_extrapolated yes
expect_mode "$m" edge_gpu 15W w2a16_g64 time_us_pred 52.4288
expect_mode "$m" edge_gpu 15W w2a16_g64 energy_uj_budget 786.432
expect_mode "$m" edge_gpu MAXN w2a16_g64 ratio_to_ref_mode 0.666666667
expect_mode "$m" edge_gpu MAXN w2a16_g64 power_budget_w ""
expect_mode "$m" edge_gpu MAXN w2a16_g64 energy_uj_budget ""
# w4a16_g128 is memory-bound at 15W and turns issue-bound when 7W halves the SMs and the clock
expect_mode "$m" edge_gpu 15W w4a16_g128 bound memory
expect_mode "$m" edge_gpu 15W w4a16_g128 time_us_pred 86.67136
expect_mode "$m" edge_gpu 15W w4a16_g128 energy_uj_budget 1300.0704
expect_mode "$m" edge_gpu 7W w4a16_g128 bound issue
expect_mode "$m" edge_gpu 7W w4a16_g128 time_us_issue 104.8576
expect_mode "$m" edge_gpu 7W w4a16_g128 ratio_to_ref_mode 1.20982987
expect_mode "$m" edge_gpu MAXN w4a16_g128 time_us_memory 57.7809067
expect_mode "$m" big_gpu datasheet w2a16_g64 issue_rate_extrapolated no
expect_mode "$m" big_gpu datasheet w2a16_g64 ref_mode datasheet
expect_mode "$m" big_gpu datasheet w2a16_g64 bound issue
expect_mode "$m" big_gpu datasheet w2a16_g64 time_us_pred 2.097152
expect_mode "$m" big_gpu datasheet w4a16_g128 energy_uj_budget 2022.33173
expect_mode "$m" big_gpu datasheet fp16 time_us_pred ""
# --modes-shape: 4096x8192 doubles the weights: 33554432 / 320000 = 104.8576 us at edge 15W
run modes_shape 0 --specs "$mspecs" -o "$tmp/modes_model.csv" --modes "$tmp/modes2.csv" --modes-shape 4096x8192 "$fx/modes.csv"
expect_mode "$tmp/modes2.csv" edge_gpu 15W w2a16_g64 k 8192
expect_mode "$tmp/modes2.csv" edge_gpu 15W w2a16_g64 weights 33554432
expect_mode "$tmp/modes2.csv" edge_gpu 15W w2a16_g64 time_us_issue 104.8576
# a k that no group size divides: every format skipped, said, and a header alone
run modes_odd 0 --specs "$mspecs" -o "$tmp/modes_model.csv" --modes "$tmp/modes3.csv" --modes-shape 100x100 "$fx/modes.csv"
expect_err modes_odd "model: --modes: w2a16_g64 does not suit the shape 100x100 (--modes-shape); skipped"
[ "$(wc -l <"$tmp/modes3.csv")" -eq 1 ] || fail "modes_odd: rows written for a shape no format suits"
for bad in 4096 x4096 4096x 0x4096 4096x16777217 4096x4096x1 axb "4096 x4096"; do
    run modes_shape_bad 2 --specs "$mspecs" -o "$tmp/x.csv" --modes "$tmp/x_modes.csv" --modes-shape "$bad" "$fx/modes.csv"
    expect_err modes_shape_bad "model: --modes-shape $bad: want NxK, two whole numbers from 1 to 16777216"
done
no_output_left modes_shape_bad "$tmp/x_modes.csv"
run modes_shape_alone 2 --specs "$mspecs" -o "$tmp/x.csv" --modes-shape 64x64 "$fx/modes.csv"
expect_err modes_shape_alone "model: --modes-shape needs --modes MODES.csv"
run modes_empty_name 2 --specs "$mspecs" -o "$tmp/x.csv" --modes "" "$fx/modes.csv"
expect_err modes_empty_name "model: --modes wants a name, not an empty string"
run modes_over_input 1 --specs "$mspecs" -o "$tmp/x.csv" --modes "$fx/modes.csv" "$fx/modes.csv"
expect_err modes_over_input "is the input $fx/modes.csv"
# no input with gemv_issue rows: a header only and a warning, exit 0
run modes_none 0 --specs "$specs" -o "$tmp/modes_model.csv" --modes "$tmp/modes4.csv" "$fx/fits.csv"
expect_err modes_none "model: warning: --modes: no input has gemv_issue rows"
[ "$(cat "$tmp/modes4.csv" | tr -d '\r')" = "$(columns_of "modes CSV (--modes)" | paste -sd, -)" ] ||
    fail "modes_none: want the header alone, got $(head -c 300 "$tmp/modes4.csv")"
# the shipped specs with issue.csv's H100 rates (w2a16_g64 at 52): the Orin Nano 8GB's 7W is
# issue-bound, 2.84x its 15W, where the bytes alone made it 1.00x
run modes_shipped 0 --specs "$TESTS_DIR/../specs" -o "$tmp/modes_model.csv" --modes "$tmp/modes5.csv" "$fx/issue.csv"
m=$tmp/modes5.csv
expect_mode "$m" orin_nano_8gb 15W w2a16_g64 time_us_issue 64.5535753
expect_mode "$m" orin_nano_8gb 15W w2a16_g64 bound memory
expect_mode "$m" orin_nano_8gb 7W w2a16_g64 time_us_issue 197.695324
expect_mode "$m" orin_nano_8gb 7W w2a16_g64 bound issue
expect_mode "$m" orin_nano_8gb 7W w2a16_g64 ratio_to_ref_mode 2.83914471
expect_mode "$m" orin_nano_8gb 7W w2a16_g64 energy_uj_budget 1383.86727
expect_mode "$m" orin_nano_8gb 7W w2a16_g64 issue_rate_extrapolated yes
expect_mode "$m" orin_nano_8gb_super MAXN_SUPER w2a16_g64 power_budget_w ""
expect_mode "$m" orin_nano_8gb_super 25W w2a16_g64 power_budget_w 25
expect_mode "$m" h100_sxm datasheet w2a16_g64 issue_rate_extrapolated no
expect_mode "$m" h100_sxm datasheet w2a16_g64 power_budget_w 700

# --- decode predictions (-d): the tiny LLM of llm.ini at 10 tokens of context, worked in README.md
run decode 0 --specs "$specs" -o "$tmp/dec_model.csv" -d "$tmp/decode.csv" --llm "$fx/llm.ini" --context 10 "$fx/fits.csv"
expect_err decode "wrote 16 decode predictions (1 LLM at 1 context)"
# decode_cell FORMAT SPEC MODE COLUMN: the cell of the decode row for FORMAT on SPEC in MODE,
# at the context $ctx (model -d writes one set of rows per context)
ctx=10
decode_cell() {
    awk -F, -v f="$1" -v s="$2" -v m="$3" -v col="$4" -v t="$ctx" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $5 == f && $3 == s && $4 == m && $6 == t { print $c }' "$tmp/decode.csv"
}
expect_decode() { # FORMAT SPEC MODE COLUMN WANT
    local got
    got=$(decode_cell "$1" "$2" "$3" "$4")
    [ "$got" = "$5" ] || fail "decode $1 $2 $3 $4: want '$5', got '$got'"
}
[ "$(columns_of "decode CSV (-d)")" = "$(head -1 "$tmp/decode.csv" | tr -d '\r' | tr ',' '\n')" ] ||
    fail "columns: the decode table differs from the decode CSV header"
expect_decode fp16 test_gpu full weight_bytes 300544
expect_decode fp16 test_gpu full calls_per_token 7
expect_decode fp16 test_gpu full bytes_per_token 302536
expect_decode fp16 test_gpu full flop_per_token 297984
expect_decode fp16 test_gpu full tokens_per_s_datasheet 3305391.76
expect_decode fp16 test_gpu full run_id handmade-r3
expect_decode fp16 test_gpu full time_us_per_token_measured 0.37817
expect_decode fp16 test_gpu full time_us_per_token_measured_floor 21.37817
expect_decode fp16 test_gpu full energy_uj_per_token 1102.14194
expect_decode fp16 test_gpu full tokens_per_j 907.324151
expect_decode fp16 test_gpu full memory_fits ""
expect_decode fp16 test_gpu low run_id ""
expect_decode fp16 test_gpu low time_us_per_token_datasheet 0.605072
expect_decode w4a16_g128 test_gpu full weight_bytes 86984
# issue 18: --llm <(cat FILE) is a pipe; it read as empty ("no [model ID] section")
run decode_pipe 0 --specs "$specs" -o "$tmp/dec_model.csv" -d "$tmp/decode.csv" --llm <(cat "$fx/llm.ini") \
    --context 10 "$fx/fits.csv"
expect_decode fp16 test_gpu full weight_bytes 300544
# the default contexts 0, 128 and 2048: at 0 the weights alone, the 5 GEMV calls of the tiny model
# and their 2*(66304 + 66304) + 26056 = 291272 B (tests/test_model_decode.c), no KV cache
run decode_contexts 0 --specs "$specs" -o "$tmp/dec_model.csv" -d "$tmp/decode.csv" --llm "$fx/llm.ini" "$fx/fits.csv"
expect_err decode_contexts "wrote 48 decode predictions (1 LLM at 3 contexts)"
ctx=0
expect_decode fp16 test_gpu full calls_per_token 5
expect_decode fp16 test_gpu full bytes_per_token 291272
expect_decode fp16 test_gpu full kv_cache_bytes 0
ctx=2048
# the shipped LLMs and specs: Llama-2-7B at 2048 tokens (README.md: 13476298752 B of weights,
# 1 GiB of KV cache) fits an H100 but not the 5.84 GB an Orin Nano leaves (7990149120 B as CUDA
# reports it, less the 2 GiB reserve), until it is int4; nor, at 14.55 GB, the 14.28 GB an Orin
# NX 16GB leaves (16428249907 - 2147483648: it fitted the 15.03 GB of the datasheet's 16 GiB)
run decode_shipped 0 --specs "$TESTS_DIR/../specs" -o "$tmp/dec2_model.csv" -d "$tmp/decode.csv" \
    --llm-model llama-2-7b "$fx/devices.csv"
expect_decode fp16 h100_sxm datasheet weight_bytes 13476298752
expect_decode fp16 h100_sxm datasheet memory_fits yes
expect_decode fp16 orin_nano_8gb 15W memory_need_bytes 14550040576
expect_decode fp16 orin_nano_8gb 15W memory_fits no
expect_decode w4a16_g128 orin_nano_8gb 15W memory_need_bytes 4742660096
expect_decode w4a16_g128 orin_nano_8gb 15W memory_fits yes
expect_decode fp16 orin_nx_16gb 15W memory_fits no
expect_decode w8a16 orin_nx_16gb 15W memory_fits yes
# a Hugging Face config.json (tests/fixtures/llm/), TinyLlama's, and its section of models.ini:
# per layer 2 x 2048 x 2048 (q, o) + 2 x 256 x 2048 (k, v) + 3 x 5632 x 2048 (gate, up, down)
# = 44040192 weights, x 22 layers x 2 B = 1937768448 B; the embedding table and the LM head,
# 32000 x 2048 x 2 B = 131072000 B each: 2199912448 B
for src in "$TESTS_DIR/fixtures/llm/tinyllama-1.1b.json" "$TESTS_DIR/../specs/llm/models.ini"; do
    run decode_json 0 --specs "$TESTS_DIR/../specs" -o "$tmp/dec3_model.csv" -d "$tmp/decode.csv" \
        --llm "$src" --llm-model tinyllama-1.1b "$fx/devices.csv"
    expect_decode fp16 h100_sxm datasheet weight_bytes 2199912448
done
printf '{\n  "hidden_size": 2048,\n}\n' >"$tmp/comma.json"
run llm_bad_json 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/comma.json" "$fx/fits.csv"
expect_err llm_bad_json "malformed JSON: string or '}' expected near '}', column 1 ($tmp/comma.json:3)"
no_output_left llm_bad_json "$tmp/x.csv"
# a config.json has no line to name: the overflow error names the file alone
sed 's/"num_hidden_layers": 22/"num_hidden_layers": 9223372036854775807/' \
    "$TESTS_DIR/fixtures/llm/tinyllama-1.1b.json" >"$tmp/huge.json"
run llm_json_overflow 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/huge.json" "$fx/fits.csv"
expect_err llm_json_overflow "decode: model huge at --context 0: one token's KV cache, weights, bytes or flop would pass 18446744073709551615, the largest count; accepted: shapes and a context whose counts stay below 2^64 ($tmp/huge.json)"
run unknown_llm 1 --specs "$TESTS_DIR/../specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm-model llama-9 "$fx/devices.csv"
expect_err unknown_llm "unknown model config 'llama-9'"
no_output_left unknown_llm "$tmp/x.csv"
no_output_left unknown_llm "$tmp/d.csv"
run missing_llm_file 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" "$fx/fits.csv"
expect_err missing_llm_file "cannot open $specs/llm/models.ini"
no_output_left missing_llm_file "$tmp/x.csv"
sed '/^lm_head/d' "$fx/llm.ini" >"$tmp/no_head.ini"
run llm_missing_field 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/no_head.ini" "$fx/fits.csv"
expect_err llm_missing_field "[model tiny] has no lm_head ($tmp/no_head.ini:3)"
# a key given twice: an error, and (under make asan) no leak of the first value;
# fuzz_spec found that leak (tests/fuzz/corpus/spec/regress-llm-name-twice.ini)
sed '/^name = /p' "$fx/llm.ini" >"$tmp/name_twice.ini"
run llm_key_twice 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/name_twice.ini" "$fx/fits.csv"
expect_err llm_key_twice "name given twice in [model tiny] ($tmp/name_twice.ini:5)"
run llm_without_decode 2 --specs "$specs" -o "$tmp/x.csv" --llm-model tiny "$fx/fits.csv"
expect_err llm_without_decode "need -d DECODE.csv"
no_output_left llm_without_decode "$tmp/x.csv"
# counts of one token past 2^64 - 1: the uint64 sums wrapped around silently
sed 's/^layers = 2/layers = 18446744073709551615/' "$fx/llm.ini" >"$tmp/llm_layers.ini"
run llm_overflow 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/llm_layers.ini" "$fx/fits.csv"
expect_err llm_overflow "decode: model tiny at --context 0: one token's KV cache, weights, bytes or flop would pass 18446744073709551615, the largest count; accepted: shapes and a context whose counts stay below 2^64 ($tmp/llm_layers.ini:3)"
no_output_left llm_overflow "$tmp/x.csv"
run context_overflow 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$fx/llm.ini" --context 18446744073709551615 "$fx/fits.csv"
expect_err context_overflow "decode: model tiny at --context 18446744073709551615: one token's KV cache"
sed 's/^kv_dim = 128/kv_dim = 99999999999999999999999/' "$fx/llm.ini" >"$tmp/llm_kv.ini"
run llm_huge_count 1 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --llm "$tmp/llm_kv.ini" "$fx/fits.csv"
expect_err llm_huge_count "kv_dim: '99999999999999999999999' is larger than 18446744073709551615, the largest integer accepted ($tmp/llm_kv.ini:10)"
run bad_context 2 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --context 128,,2048 "$fx/fits.csv"
expect_err bad_context "--context 128,,2048: want up to 16 whole numbers of tokens from 0 to 18446744073709551615, comma-separated"
run huge_context 2 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --context 99999999999999999999 "$fx/fits.csv"
expect_err huge_context "--context 99999999999999999999: want up to 16 whole numbers of tokens from 0 to 18446744073709551615, comma-separated"

# a summary that cannot be written: an error, and no partial summary left
# The outputs of one run are replaced together or not at all: a summary
# (or decode CSV) that cannot be written leaves the earlier model CSV too.
cp "$earlier" "$tmp/ok.csv"
run bad_summary_dir 1 --specs "$specs" -o "$tmp/ok.csv" -s "$tmp/no/such/dir/s.csv" "$fx/fits.csv"
expect_err bad_summary_dir "$tmp/no/such/dir/s.csv"
cmp -s "$tmp/ok.csv" "$earlier" || fail "bad_summary_dir: the model CSV was replaced by a run that failed"
! ls "$tmp"/ok.csv.partial.* >/dev/null 2>&1 || fail "bad_summary_dir: partial model CSV left behind"
cp "$earlier" "$tmp/ok.csv"
run bad_decode_dir 1 --specs "$specs" -o "$tmp/ok.csv" -s "$tmp/s.csv" -d "$tmp/no/such/dir/d.csv" \
    --llm "$fx/llm.ini" "$fx/fits.csv"
expect_err bad_decode_dir "$tmp/no/such/dir/d.csv"
cmp -s "$tmp/ok.csv" "$earlier" || fail "bad_decode_dir: the model CSV was replaced by a run that failed"
[ ! -e "$tmp/s.csv" ] || fail "bad_decode_dir: the summary was written by a run that failed"
run missing_summary_arg 2 --specs "$specs" -o "$tmp/x.csv" "$fx/fits.csv" -s
# All written, the outputs are renamed into place one after another
# (common/output_set.h). A decode CSV that cannot take its place (a folder
# stands there) fails after the model CSV and the summary were renamed:
# both are put back, so every earlier output is as it was.
mkdir -p "$tmp/set/d.csv/inside" && cp "$earlier" "$tmp/set/m.csv" && echo "earlier summary" >"$tmp/set/s.csv"
run rename_midway 1 --specs "$specs" -o "$tmp/set/m.csv" -s "$tmp/set/s.csv" -d "$tmp/set/d.csv" \
    --llm "$fx/llm.ini" "$fx/fits.csv"
expect_err rename_midway "model: cannot rename $tmp/set/d.csv.staged."
expect_err rename_midway " to $tmp/set/d.csv: Is a directory; no output was replaced: each is as it was before this run"
cmp -s "$tmp/set/m.csv" "$earlier" || fail "rename_midway: the model CSV was not put back"
[ "$(cat "$tmp/set/s.csv")" = "earlier summary" ] || fail "rename_midway: the summary was not put back"
[ -d "$tmp/set/d.csv/inside" ] || fail "rename_midway: the folder in the decode CSV's place changed"
left=$(ls -A "$tmp/set" | grep -e '\.partial\.' -e '\.staged\.' -e '\.old\.')
[ -z "$left" ] || fail "rename_midway: left behind: $left"
run same_file_twice_out 1 --specs "$specs" -o "$tmp/set/x.csv" -s "$tmp/set/x.csv" "$fx/fits.csv"
expect_err same_file_twice_out "$tmp/set/x.csv is named for two outputs: each needs its own file"
no_output_left same_file_twice_out "$tmp/set/x.csv"

# --- a wrong kernel is kept, with a warning
sed '4s/,ok,/,wrong,/' "$fx/raw.csv" >"$tmp/wrong.csv"
run wrong_kept 0 --specs "$specs" -o "$tmp/wrong_out.csv" "$tmp/wrong.csv"
expect_err wrong_kept "warning: check is 'wrong'"
expect_cell "$tmp/wrong_out.csv" 3 check wrong
expect_cell "$tmp/wrong_out.csv" 3 time_us_pred_datasheet 2.101248

# --- two raw files are concatenated in order
sed 's/^handmade-r/second-r/' "$fx/raw.csv" >"$tmp/second.csv" # the same cases, another run
run two_files 0 --specs "$specs" -o "$tmp/two.csv" "$fx/raw.csv" "$tmp/second.csv"
rows=$(($(wc -l <"$tmp/two.csv") - 1))
[ "$rows" -eq 10 ] || fail "two_files: $rows data rows, want 10"

if [ "$failures" -ne 0 ]; then
    echo "model.sh: $failures failure(s)" >&2
    exit 1
fi
echo "model.sh: all passed" >&2
