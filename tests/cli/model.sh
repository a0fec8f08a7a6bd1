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
trap 'rm -rf "$tmp"' EXIT
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

no_output_left() { # NAME OUT: neither OUT nor a partial file of it exists
    [ ! -e "$2" ] || fail "$1: $2 left behind after an error"
    ! ls "$2".partial.* >/dev/null 2>&1 || fail "$1: partial file left behind: $(ls "$2".partial.*)"
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
rows=$(($(wc -l <"$tmp/fits_summary.csv") - 1))
[ "$rows" -eq 62 ] || fail "fits summary: $rows rows, want 62 (2 + 7 groups x 6 + 6 energy + 3 x 4 hypotheses)"

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
# CUDA calls every Orin "Orin": the NX and AGX specs are reached with --device.
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
grep -qF "| err_pct_measured | % | 100*(pred_measured - measured median)/measured |" "$tmp/columns.out" ||
    fail "columns: no err_pct_measured row"

# --- bad input: an error, a message naming file:line, and no output left behind
out=$tmp/bad.csv
run missing_file 1 --specs "$specs" -o "$out" "$tmp/absent.csv"
expect_err missing_file "model: cannot open $tmp/absent.csv"
no_output_left missing_file "$out"

head -c -40 "$fx/raw.csv" >"$tmp/truncated.csv" # the last row loses its tail
run truncated 1 --specs "$specs" -o "$out" "$tmp/truncated.csv"
expect_err truncated "truncated or damaged? ($tmp/truncated.csv:6)"
no_output_left truncated "$out"

{ cat "$fx/raw.csv"; printf 'handmade-r3,"2000-01-01\r\n'; } >"$tmp/open_quote.csv"
run open_quote 1 --specs "$specs" -o "$out" "$tmp/open_quote.csv"
expect_err open_quote "unterminated quoted field"
no_output_left open_quote "$out"

sed '4s/,4,4,4,10,/,nan,4,4,10,/' "$fx/raw.csv" >"$tmp/nan.csv"
run nan_cell 1 --specs "$specs" -o "$out" "$tmp/nan.csv"
expect_err nan_cell "time_us_median: 'nan' is not a finite number >= 0 ($tmp/nan.csv:4)"
no_output_left nan_cell "$out"

# An unknown device on the last row: earlier rows were written, then dropped.
sed '6s/Test GPU hand-made/Mystery GPU/' "$fx/raw.csv" >"$tmp/unknown_device.csv"
echo "old content" >"$out"
run unknown_device 1 --specs "$specs" -o "$out" "$tmp/unknown_device.csv"
expect_err unknown_device "device 'Mystery GPU' matches no hardware spec (known: test_gpu;"
expect_err unknown_device "($tmp/unknown_device.csv:6)"
[ "$(cat "$out")" = "old content" ] || fail "unknown_device: the old output was overwritten"
! ls "$out".partial.* >/dev/null 2>&1 || fail "unknown_device: partial file left behind"
rm -f "$out"
run forced_device 0 --specs "$specs" --device test_gpu -o "$tmp/forced.csv" "$tmp/unknown_device.csv"
expect_cell "$tmp/forced.csv" 5 spec_id test_gpu
run unknown_spec_id 1 --specs "$specs" --device nope -o "$out" "$fx/raw.csv"
expect_err unknown_spec_id "--device nope: no such spec in $specs (known: test_gpu)"
no_output_left unknown_spec_id "$out"

sed '6s/,low,/,turbo,/' "$fx/raw.csv" >"$tmp/unknown_mode.csv"
run unknown_mode 1 --specs "$specs" -o "$out" "$tmp/unknown_mode.csv"
expect_err unknown_mode "power mode 'turbo' is not in spec test_gpu"
no_output_left unknown_mode "$out"

sed '4s/,gemv,/,mystery,/' "$fx/raw.csv" >"$tmp/unknown_kernel.csv"
run unknown_kernel 1 --specs "$specs" -o "$out" "$tmp/unknown_kernel.csv"
expect_err unknown_kernel "unknown kernel 'mystery': not in the workloads table ($tmp/unknown_kernel.csv:4)"
no_output_left unknown_kernel "$out"

mkdir "$tmp/badspecs" && sed 's/^dram_bw_gbs = 500/dram_bw_gbs = lots/' "$specs/test_gpu.ini" >"$tmp/badspecs/test_gpu.ini"
run bad_spec 1 --specs "$tmp/badspecs" -o "$out" "$fx/raw.csv"
expect_err bad_spec "dram_bw_gbs: 'lots' is not a number > 0 ($tmp/badspecs/test_gpu.ini:"
no_output_left bad_spec "$out"

# --- decode predictions (-d): the tiny LLM of llm.ini at 10 tokens of context, worked in README.md
run decode 0 --specs "$specs" -o "$tmp/dec_model.csv" -d "$tmp/decode.csv" --llm "$fx/llm.ini" --context 10 "$fx/fits.csv"
expect_err decode "wrote 16 decode predictions (1 LLM at 10 tokens of context)"
# decode_cell FORMAT SPEC MODE COLUMN: the cell of the decode row for FORMAT on SPEC in MODE
decode_cell() {
    awk -F, -v f="$1" -v s="$2" -v m="$3" -v col="$4" '{ sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $5 == f && $3 == s && $4 == m { print $c }' "$tmp/decode.csv"
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
# the shipped LLMs and specs: Llama-2-7B at 2048 tokens (README.md: 13476298752 B of weights,
# 1 GiB of KV cache) fits an H100 but not the 6 GiB an Orin Nano leaves, until it is int4
run decode_shipped 0 --specs "$TESTS_DIR/../specs" -o "$tmp/dec2_model.csv" -d "$tmp/decode.csv" \
    --llm-model llama-2-7b "$fx/devices.csv"
expect_decode fp16 h100_sxm datasheet weight_bytes 13476298752
expect_decode fp16 h100_sxm datasheet memory_fits yes
expect_decode fp16 orin_nano_8gb 15W memory_need_bytes 14550040576
expect_decode fp16 orin_nano_8gb 15W memory_fits no
expect_decode w4a16_g128 orin_nano_8gb 15W memory_need_bytes 4742660096
expect_decode w4a16_g128 orin_nano_8gb 15W memory_fits yes
expect_decode fp16 orin_nx_16gb 15W memory_fits yes
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
run llm_without_decode 2 --specs "$specs" -o "$tmp/x.csv" --llm-model tiny "$fx/fits.csv"
expect_err llm_without_decode "need -d DECODE.csv"
no_output_left llm_without_decode "$tmp/x.csv"
run bad_context 2 --specs "$specs" -o "$tmp/x.csv" -d "$tmp/d.csv" --context 0 "$fx/fits.csv"
expect_err bad_context "--context 0: want a whole number of tokens > 0"

# a summary that cannot be written: an error, and no partial summary left
run bad_summary_dir 1 --specs "$specs" -o "$tmp/ok.csv" -s "$tmp/no/such/dir/s.csv" "$fx/fits.csv"
expect_err bad_summary_dir "$tmp/no/such/dir/s.csv"
run missing_summary_arg 2 --specs "$specs" -o "$tmp/x.csv" "$fx/fits.csv" -s

# --- a wrong kernel is kept, with a warning
sed '4s/,ok,/,wrong,/' "$fx/raw.csv" >"$tmp/wrong.csv"
run wrong_kept 0 --specs "$specs" -o "$tmp/wrong_out.csv" "$tmp/wrong.csv"
expect_err wrong_kept "warning: check is 'wrong'"
expect_cell "$tmp/wrong_out.csv" 3 check wrong
expect_cell "$tmp/wrong_out.csv" 3 time_us_pred_datasheet 2.101248

# --- two raw files are concatenated in order
run two_files 0 --specs "$specs" -o "$tmp/two.csv" "$fx/raw.csv" "$fx/raw.csv"
rows=$(($(wc -l <"$tmp/two.csv") - 1))
[ "$rows" -eq 10 ] || fail "two_files: $rows data rows, want 10"

if [ "$failures" -ne 0 ]; then
    echo "model.sh: $failures failure(s)" >&2
    exit 1
fi
echo "model.sh: all passed" >&2
