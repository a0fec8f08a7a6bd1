#!/usr/bin/env bash
# Command-line tests of scripts/sweep-modes.sh with no Jetson: a fake root (the
# JetPack 6.2 Super fixture tree: 15W 0, 25W 1, MAXN_SUPER 2, 7W 3; the board
# starts in MAXN_SUPER), a fake nvpmodel that logs every call and keeps the
# mode in a state file (and sets the GPU's devfreq max_freq and the EMC cap
# to the mode's caps in nvpmodel.conf, as the board would, or, when told,
# asks for a reboot, leaves the change pending or the caps as they were), a
# fake jetson_clocks that logs its calls, and fake
# measures: one that writes a small raw CSV, one that fails, one that hangs
# until it is killed. Checks: every mode runs in order and the combined CSV
# holds their rows under one header with power_mode and the caps set; a mode
# that does not take effect (a reboot prompt, pending, caps that never move)
# stops the sweep with no row labelled with it; the original mode
# is restored after success, after measure fails, and after SIGINT or SIGTERM
# in the middle of a measure; it refuses without --yes when not interactive
# and refuses non-root (RL_SWEEP_TEST_UID, test only). Prints each failure and
# exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model (default: bin); the model check is
#              skipped, and said so, without it
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
repo=$(cd "$TESTS_DIR/.." && pwd)
sweep=$repo/scripts/sweep-modes.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sweep_modes_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "sweep_modes.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

# --- the fakes (written once; each test gets a fresh root and state)
mkdir -p "$tmp/fake"
cat >"$tmp/fake/nvpmodel" <<'EOF'
#!/usr/bin/env bash
# fake nvpmodel: -q prints the mode in $FAKE_STATE/mode_id, -m ID sets it and
# the caps the mode's block of $FAKE_CONF names (GPU MAX_FREQ into the GPU's
# devfreq max_freq, -1 the top of available_frequencies; EMC MAX_FREQ into
# $FAKE_EMC, -1 3199000000), as the board would; cur_freq idles at 306 MHz
# whatever the mode, as the board's does between kernels. Every call is
# logged. Knobs (files in $FAKE_STATE): needs_reboot_ID asks for a reboot
# and changes nothing; pending_ID asks too but records the mode (so -q
# names it) and leaves the caps; silent_pending_ID records the mode and
# leaves the caps, saying nothing; pending_q_ID does that and -q adds a
# pending line; late_caps sets the caps 0.3 s late; slow_m takes 0.5 s;
# keep_clock leaves the caps alone.
echo "$*" >>"$FAKE_STATE/nvpmodel.log"
name_of() { awk -v id="$1" '/^< *POWER_MODEL/ { for (i = 1; i <= NF; i++) { if ($i ~ /^ID=/) d = substr($i, 4); if ($i ~ /^NAME=/) n = substr($i, 6) } if (d == id) { print n; exit } }' "$FAKE_CONF"; }
cap_of() { # ID GPU|EMC
    awk -v id="$1" -v what="$2" '/^</ { inmode = 0 } /^< *POWER_MODEL/ { for (i = 1; i <= NF; i++) if ($i == "ID=" id) inmode = 1 }
        inmode && $1 == what && $2 == "MAX_FREQ" { print $3; exit }' "$FAKE_CONF"
}
put() { printf '%s\n' "$2" >"$1.new" && mv "$1.new" "$1"; }
set_caps() { # ID
    local g e
    g=$(cap_of "$1" GPU)
    e=$(cap_of "$1" EMC)
    [ "$g" = -1 ] && g=$(tr ' ' '\n' <"$FAKE_DEVFREQ/available_frequencies" | sort -n | tail -1)
    [ "$e" = -1 ] && e=3199000000
    [ -n "$g" ] && put "$FAKE_DEVFREQ/max_freq" "$g"
    [ -n "$e" ] && put "$FAKE_EMC" "$e"
    put "$FAKE_DEVFREQ/cur_freq" 306000000
}
case $1 in
-q)
    id=$(cat "$FAKE_STATE/mode_id")
    printf 'NV Power Mode: %s\n%s\n' "$(name_of "$id")" "$id"
    [ -e "$FAKE_STATE/pending_q_$id" ] && echo "NVPM WARN: power mode $id is pending, it takes effect after a reboot"
    exit 0
    ;;
-m)
    name=$(name_of "$2")
    [ -n "$name" ] || { echo "NVPM ERROR: invalid power mode $2"; exit 1; }
    if [ -e "$FAKE_STATE/needs_reboot_$2" ]; then # the real one asks; stdin says no
        echo "NVPM WARN: Reboot required for changing to this power mode: $2"
        exit 0
    fi
    if [ -e "$FAKE_STATE/pending_$2" ]; then # asks, but keeps the mode for the next boot
        echo "NVPM WARN: Reboot required for changing to this power mode: $2"
        echo "NVPM WARN: DO YOU WANT TO REBOOT NOW? enter YES/yes to confirm:"
        echo "$2" >"$FAKE_STATE/mode_id"
        exit 0
    fi
    if [ -e "$FAKE_STATE/silent_pending_$2" ] || [ -e "$FAKE_STATE/pending_q_$2" ]; then
        echo "$2" >"$FAKE_STATE/mode_id"
        exit 0
    fi
    if [ -e "$FAKE_STATE/slow_m" ]; then # a mode change that takes a while
        echo "$2" >"$FAKE_STATE/m_started"
        sleep 0.5
        rm -f "$FAKE_STATE/slow_m"
    fi
    echo "$2" >"$FAKE_STATE/mode_id"
    echo "done $2" >>"$FAKE_STATE/nvpmodel.log"
    [ -e "$FAKE_STATE/keep_clock" ] && exit 0
    if [ -e "$FAKE_STATE/late_caps" ]; then
        (sleep 0.3; set_caps "$2") </dev/null >/dev/null 2>&1 &
        exit 0
    fi
    set_caps "$2"
    ;;
*) exit 64 ;;
esac
EOF
cat >"$tmp/fake/jetson_clocks" <<'EOF'
#!/usr/bin/env bash
echo "${*:-(pin)}" >>"$FAKE_STATE/jetson_clocks.log"
case ${1:-} in
--store) echo stored >"$2" ;;
--restore) [ -s "$2" ] || { echo "no stored state in $2" >&2; exit 1; } ;;
esac
EOF
# fake measure: FAKE_MEASURE = ok | fill (writes power_mode itself) |
# mismatch (writes a wrong power_mode) | capmismatch (a wrong GPU cap) |
# fail | hang | wrong (exit 3); FAKE_AT = the call (1-based) that
# misbehaves; earlier calls write a CSV. Its rows say what a real measure
# reads: the clock at the cap (busy), the caps, the nvpmodel table.
cat >"$tmp/fake/measure" <<'EOF'
#!/usr/bin/env bash
out=""
while [ $# -gt 0 ]; do case $1 in -o) out=$2; shift 2 ;; *) echo "arg $1" >>"$FAKE_STATE/measure_args.log"; shift ;; esac; done
n=$(($(cat "$FAKE_STATE/measure_calls" 2>/dev/null || echo 0) + 1))
echo "$n" >"$FAKE_STATE/measure_calls"
echo "${RL_POWER_MODE:-unset} $(cat "$FAKE_STATE/mode_id")" >>"$FAKE_STATE/measure.log"
kind=${FAKE_MEASURE:-ok}
if [ "$n" -ge "${FAKE_AT:-1}" ]; then
    case $kind in
    fail) echo "measure: the GPU went away" >&2; exit 1 ;;
    hang) echo $$ >"$FAKE_STATE/measure.pid"; exec sleep 1000 ;;
    esac
else
    kind=ok
fi
mhz=$(awk '{ printf "%.6g", $1 / 1e6 }' "$FAKE_DEVFREQ/max_freq")
cap=$mhz
[ "$kind" = capmismatch ] && cap=1020
emc=$(awk '$1 > 0 { printf "%.6g", $1 / 1e6 }' "$FAKE_EMC")
table=$(basename "$(readlink -f "$FAKE_CONF")")
mode=""
case $kind in fill | wrong) mode=$RL_POWER_MODE ;; mismatch) mode=15W ;; esac
run="fake-$n"
{
    printf 'run_id,timestamp_utc,device,kernel,format,n,k,batch,bytes,flop,time_us_median,time_us_min,time_us_p90,reps,working_set_bytes,energy_uj,power_w_avg,power_source,sm_clock_mhz,mem_clock_mhz,power_mode,check,max_rel_err,sm_count,l2_bytes,cuda_runtime,cuda_driver,git_commit,sm_clock_cap_mhz,mem_clock_cap_mhz,nvpmodel_conf\r\n'
    printf '%s,2000-01-01T00:00:00Z,Orin,stream_read,fp32,67108864,1,1,268435456,67108864,4800,4790,4810,100,268435456,,,"jetson_ina3221:VDD_IN",%s,,%s,ok,0,8,2097152,12.6,12.6,fake,%s,%s,%s\r\n' "$run" "$mhz" "$mode" "$cap" "$emc" "$table"
    printf '%s,2000-01-01T00:00:00Z,Orin,gemv,fp16,4096,4096,1,33570816,33554432,600,590,610,100,134283264,,,"jetson_ina3221:VDD_IN",%s,,%s,ok,1e-05,8,2097152,12.6,12.6,fake,%s,,%s\r\n' "$run" "$mhz" "$mode" "$cap" "$table"
} >"$out"
[ "$kind" = wrong ] && exit 3
exit 0
EOF
chmod +x "$tmp/fake/"*

# fresh NAME: a new root, state and output folder for one test, in $t.
fresh() {
    t=$tmp/$1
    mkdir -p "$t/state" "$t/out" "$t/tmpdir"
    export TMPDIR=$t/tmpdir # the sweep's own temporary folder must be gone after it
    cp -a "$TESTS_DIR/fixtures/jetson/orin_nano_jp6_super" "$t/root"
    echo 2 >"$t/state/mode_id" # MAXN_SUPER
    : >"$t/state/nvpmodel.log"
    export FAKE_STATE=$t/state FAKE_CONF=$t/root/etc/nvpmodel.conf
    export FAKE_DEVFREQ=$t/root/sys/class/devfreq/17000000.ga10b
    export FAKE_EMC=$t/root/sys/kernel/nvpmodel_emc_cap/emc_iso_cap
    export RL_NVPMODEL=$tmp/fake/nvpmodel RL_JETSON_CLOCKS=$tmp/fake/jetson_clocks
    export RL_MEASURE=$tmp/fake/measure RL_SYSFS_ROOT=$t/root RL_SWEEP_TEST_UID=0
    unset FAKE_MEASURE FAKE_AT RL_NVPMODEL_CONF
}

# sweep WANT_STATUS ARGS...: runs the sweep on $t, stdin not a terminal.
sweep() {
    local want=$1
    shift
    bash "$sweep" -o "$t/out/sweep.csv" --settle-reads 3 --settle-interval 0.01 "$@" \
        </dev/null >"$t/stdout" 2>"$t/stderr"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$(basename "$t"): exit $got, want $want: $(tail -c 400 "$t/stderr")"
    [ -z "$(ls -A "$t/tmpdir")" ] || fail "$(basename "$t"): left in TMPDIR: $(ls -A "$t/tmpdir")"
}

m_calls() { grep '^-m ' "$t/state/nvpmodel.log" | tr '\n' ' '; }
expect_m_calls() { [ "$(m_calls)" = "$1" ] || fail "$(basename "$t"): nvpmodel calls '$(m_calls)', want '$1'"; }
expect_mode() { [ "$(cat "$t/state/mode_id")" = "$1" ] || fail "$(basename "$t"): board left in mode $(cat "$t/state/mode_id"), want $1"; }
expect_err() { grep -qF -- "$1" "$t/stderr" || fail "$(basename "$t"): stderr lacks '$1': $(tail -c 400 "$t/stderr")"; }

# column FILE NAME: that column of every data row, space-separated (no
# quoted commas in these files).
column() {
    awk -F, -v col="$2" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        c { printf "%s ", $c }' "$1"
}

# --- every mode, in file order, then back to MAXN_SUPER
fresh all_modes
sweep 0 --yes -- --quick
expect_m_calls "-m 0 -m 1 -m 2 -m 3 -m 2 "
expect_mode 2
want="15W 0
25W 1
MAXN_SUPER 2
7W 3"
[ "$(cat "$t/state/measure.log")" = "$want" ] || fail "all_modes: measure ran as '$(tr '\n' ';' <"$t/state/measure.log")', want RL_POWER_MODE = the mode set"
[ "$(sort -u "$t/state/measure_args.log")" = "arg --quick" ] || fail "all_modes: arguments after -- not passed to measure"
c=$t/out/sweep.csv
[ "$(grep -c '^run_id,' "$c")" = 1 ] || fail "all_modes: combined CSV has $(grep -c '^run_id,' "$c") headers, want 1"
[ "$(wc -l <"$c")" = 9 ] || fail "all_modes: combined CSV has $(wc -l <"$c") lines, want 1 + 4 modes x 2 rows"
[ "$(column "$c" power_mode)" = "15W 15W 25W 25W MAXN_SUPER MAXN_SUPER 7W 7W " ] ||
    fail "all_modes: power_mode column '$(column "$c" power_mode)'"
# the caps each row ran under: measure started only after the sweep saw the
# mode's caps (cur_freq idled at 306 MHz throughout, in every mode)
[ "$(column "$c" sm_clock_mhz)" = "612 612 918 918 1020 1020 408 408 " ] ||
    fail "all_modes: sm_clock_mhz column '$(column "$c" sm_clock_mhz)'"
[ "$(column "$c" sm_clock_cap_mhz)" = "612 612 918 918 1020 1020 408 408 " ] ||
    fail "all_modes: sm_clock_cap_mhz column '$(column "$c" sm_clock_cap_mhz)'"
# the EMC cap: 2133 and 3199 MHz where the mode sets it; MAXN_SUPER's -1 left the top, 3199;
# the second row of each mode had no cell (measure could not read it) and was filled
[ "$(column "$c" mem_clock_cap_mhz)" = "2133 2133 3199 3199 3199 3199 2133 2133 " ] ||
    fail "all_modes: mem_clock_cap_mhz column '$(column "$c" mem_clock_cap_mhz)'"
[ "$(column "$c" power_source)" = '"jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" "jetson_ina3221:VDD_IN" ' ] ||
    fail "all_modes: quoted cells not kept as they were"
[ "$(grep -c $'\r$' "$c")" = 9 ] || fail "all_modes: combined CSV lines do not all end in CRLF"
for m in 15W 25W MAXN_SUPER 7W; do
    f=$t/out/sweep.$m.csv
    if [ ! -f "$f" ]; then fail "all_modes: no per-mode $f"; continue; fi
    [ "$(column "$f" power_mode)" = "  " ] || fail "all_modes: $f changed from what measure wrote"
done
expect_err "mode 15W took: GPU max_freq 612 MHz, EMC cap 2133 MHz, 3 reads in a row"
expect_err "mode 25W took: GPU max_freq 918 MHz, EMC cap 3199 MHz, 3 reads in a row"
expect_err "mode MAXN_SUPER took: GPU max_freq 1020 MHz, 3 reads in a row"
expect_err "mode 7W took: GPU max_freq 408 MHz, EMC cap 2133 MHz, 3 reads in a row"
expect_err "restoring power mode MAXN_SUPER (nvpmodel -m 2)"
ls "$t/out"/sweep.csv.partial.* >/dev/null 2>&1 && fail "all_modes: a partial file was left behind"
[ -s "$t/stdout" ] && fail "all_modes: wrote to stdout: $(head -c 200 "$t/stdout")"

# model reads the combined CSV, picks JetPack 6.2's Super table by the rows'
# nvpmodel_conf and takes each row's spec mode from power_mode
if [ -x "$BIN/model" ]; then
    if "$BIN/model" --specs "$repo/specs" -o "$t/model.csv" "$c" 2>"$t/model.err"; then
        [ "$(column "$t/model.csv" spec_mode)" = "15W 15W 25W 25W MAXN_SUPER MAXN_SUPER 7W 7W " ] ||
            fail "all_modes: model's spec_mode '$(column "$t/model.csv" spec_mode)'"
        [ "$(column "$t/model.csv" spec_id | tr ' ' '\n' | sort -u | tr -d '\n')" = orin_nano_8gb_super ] ||
            fail "all_modes: model's spec_id '$(column "$t/model.csv" spec_id)'"
    else
        fail "all_modes: model rejected the combined CSV: $(head -c 300 "$t/model.err")"
    fi
else
    echo "sweep_modes.sh: model check skipped: no $BIN/model" >&2
fi

# --- chosen modes by name and id, in the order given; measure fills power_mode itself
fresh chosen
FAKE_MEASURE=fill sweep 0 --yes --modes 7W,1
expect_m_calls "-m 3 -m 1 -m 2 "
[ "$(column "$t/out/sweep.csv" power_mode)" = "7W 7W 25W 25W " ] || fail "chosen: power_mode '$(column "$t/out/sweep.csv" power_mode)'"
fresh unknown_mode
sweep 2 --yes --modes 7W,40W
expect_err "no power mode '40W' in "
expect_err "15W (0), 25W (1), MAXN_SUPER (2), 7W (3)"
expect_m_calls ""

# --- jetson_clocks: stored first, unpinned before each mode change, restored last
fresh clocks
sweep 0 --yes --jetson-clocks --modes 15W,7W
expect_m_calls "-m 0 -m 3 -m 2 "
got=$(sed -E 's/^--(store|restore) .*/--\1 FILE/' "$t/state/jetson_clocks.log" | tr '\n' ';')
[ "$got" = "--store FILE;(pin);--restore FILE;(pin);--restore FILE;--restore FILE;" ] ||
    fail "clocks: jetson_clocks calls '$got'"

# --- measure fails in the second mode: stop, keep the first mode's rows, restore
fresh measure_fails
FAKE_MEASURE=fail FAKE_AT=2 sweep 1 --yes
expect_m_calls "-m 0 -m 1 -m 2 "
expect_mode 2
expect_err "measure failed in mode 25W (exit status 1)"
[ "$(column "$t/out/sweep.csv" power_mode)" = "15W 15W " ] || fail "measure_fails: combined CSV should keep the finished mode"

# --- a kernel fails its check (exit 3): rows kept, sweep goes on, exit 3
fresh wrong_kernel
FAKE_MEASURE=wrong FAKE_AT=3 sweep 3 --yes
expect_m_calls "-m 0 -m 1 -m 2 -m 3 -m 2 "
expect_err "a kernel failed its check in mode MAXN_SUPER (rows kept)"
[ "$(wc -l <"$t/out/sweep.csv")" = 9 ] || fail "wrong_kernel: rows of every mode should be kept"

# --- measure writes a power_mode that is not the mode set: an error, restored
fresh mismatch
FAKE_MEASURE=mismatch FAKE_AT=2 sweep 1 --yes
expect_err "power_mode is 15W, but the sweep set 25W at "
expect_mode 2

# --- a mode that does not take effect: stop, restore, and no row names it.
# nvpmodel asks for a reboot (stdin says no) and keeps the old mode
fresh needs_reboot
touch "$t/state/needs_reboot_1"
sweep 1 --yes
expect_err "mode 25W did not take effect: nvpmodel -m 1 wants a reboot ('NVPM WARN: Reboot required"
expect_m_calls "-m 0 -m 1 -m 2 "
expect_mode 2
no_rows_of() { # MODE: the combined CSV holds only 15W rows, and measure never ran in MODE
    [ "$(column "$t/out/sweep.csv" power_mode)" = "15W 15W " ] ||
        fail "$(basename "$t"): combined power_mode '$(column "$t/out/sweep.csv" power_mode)', want the 15W rows only"
    grep -q "^$1 " "$t/state/measure.log" && fail "$(basename "$t"): measure ran labelled $1"
    [ -e "$t/out/sweep.$1.csv" ] && fail "$(basename "$t"): a $1 CSV was written"
    return 0
}
no_rows_of 25W
# it asks, and records the mode as pending: -q names 25W, the caps stay
# MAXN_SUPER's; once measured as 25W and labelled so, exit 0
fresh pending_prompt
touch "$t/state/pending_1"
sweep 1 --yes
expect_err "mode 25W did not take effect: nvpmodel -m 1 wants a reboot"
expect_m_calls "-m 0 -m 1 -m 2 "
expect_mode 2
no_rows_of 25W
# -q itself says the mode is pending
fresh pending_query
touch "$t/state/pending_q_1"
sweep 1 --yes
expect_err "mode 25W did not take effect: nvpmodel -q says 'NVPM WARN: power mode 1 is pending, it takes effect after a reboot'"
expect_mode 2
no_rows_of 25W
# says nothing at all, but the caps never move: 7W's 408 MHz GPU cap is not
# what max_freq reads (15W's 612)
fresh silent_pending
touch "$t/state/silent_pending_3"
sweep 1 --yes --modes 15W,7W --settle-timeout 0.2
expect_err "mode 7W did not take effect: GPU max_freq reads 612 MHz, the mode caps it at 408 MHz; EMC cap reads 2133 MHz, the mode sets 2133 MHz (after 0.2 s)"
expect_m_calls "-m 0 -m 3 -m 2 "
expect_mode 2
no_rows_of 7W
# caps that arrive late are waited for (cur_freq is never looked at)
fresh late_caps
touch "$t/state/late_caps"
sweep 0 --yes --modes 7W --settle-interval 0.05
expect_err "mode 7W took: GPU max_freq 408 MHz, EMC cap 2133 MHz, 3 reads in a row"
[ "$(column "$t/out/sweep.csv" sm_clock_cap_mhz)" = "408 408 " ] || fail "late_caps: sm_clock_cap_mhz '$(column "$t/out/sweep.csv" sm_clock_cap_mhz)'"
# measure's caps disagree with those the sweep saw: the board changed under it
fresh cap_mismatch
FAKE_MEASURE=capmismatch sweep 1 --yes --modes 15W
expect_err "sm_clock_cap_mhz is 1020, but the sweep confirmed 612 at "
expect_mode 2

# --- signals in the middle of the second mode's measure. Job control puts the
# sweep in its own process group with SIGINT not ignored, as in a terminal;
# SIGINT goes to the whole group as Ctrl-C does, SIGTERM to the sweep alone.
interrupt() { # NAME SIGNAL TARGET(group|pid) WANT_STATUS
    fresh "$1"
    export FAKE_MEASURE=hang FAKE_AT=2
    set -m
    bash "$sweep" --yes -o "$t/out/sweep.csv" --settle-reads 2 --settle-interval 0.01 \
        </dev/null >"$t/stdout" 2>"$t/stderr" &
    local pid=$! i st
    set +m
    for ((i = 0; i < 200; i++)); do [ -s "$t/state/measure.pid" ] && break; sleep 0.05; done
    if [ ! -s "$t/state/measure.pid" ]; then
        fail "$1: measure never started: $(tail -c 300 "$t/stderr")"
        kill -KILL "$pid" 2>/dev/null
        return
    fi
    if [ "$3" = group ]; then kill -s "$2" -- "-$pid"; else kill -s "$2" "$pid"; fi
    for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    if kill -0 "$pid" 2>/dev/null; then
        fail "$1: the sweep did not stop within 10 s of SIG$2"
        kill -KILL -- "-$pid" 2>/dev/null
    fi
    wait "$pid"
    st=$?
    [ "$st" -eq "$4" ] || fail "$1: exit $st, want $4: $(tail -c 300 "$t/stderr")"
    expect_m_calls "-m 0 -m 1 -m 2 "
    expect_mode 2
    expect_err "stopped by SIG$2"
    kill -0 "$(cat "$t/state/measure.pid")" 2>/dev/null && {
        fail "$1: the hung measure was left running"
        kill -KILL "$(cat "$t/state/measure.pid")"
    }
    [ "$(column "$t/out/sweep.csv" power_mode)" = "15W 15W " ] || fail "$1: the finished mode's rows were lost"
    [ -z "$(ls -A "$t/tmpdir")" ] || fail "$1: left in TMPDIR: $(ls -A "$t/tmpdir")"
    unset FAKE_MEASURE FAKE_AT
}
interrupt sigint INT group 130
interrupt sigterm TERM pid 143

# --- Ctrl-C while nvpmodel -m runs: the change finishes, then the sweep
# stops and restores (nvpmodel runs with SIGINT ignored)
fresh ctrl_c_in_nvpmodel
touch "$t/state/slow_m"
set -m
bash "$sweep" --yes --modes 7W -o "$t/out/sweep.csv" </dev/null >"$t/stdout" 2>"$t/stderr" &
pid=$!
set +m
for ((i = 0; i < 200; i++)); do [ -s "$t/state/m_started" ] && break; sleep 0.05; done
kill -s INT -- "-$pid"
wait "$pid"
st=$?
[ "$st" -eq 130 ] || fail "ctrl_c_in_nvpmodel: exit $st, want 130: $(tail -c 300 "$t/stderr")"
grep -q '^done 3$' "$t/state/nvpmodel.log" || fail "ctrl_c_in_nvpmodel: nvpmodel -m 3 was cut short"
expect_m_calls "-m 3 -m 2 "
expect_mode 2
[ -e "$t/state/measure_calls" ] && fail "ctrl_c_in_nvpmodel: measure ran after Ctrl-C"

# --- the original mode cannot be set again: exit 5, and what to run by hand
fresh restore_fails
touch "$t/state/needs_reboot_2"
sweep 5 --yes --modes 7W
expect_err "COULD NOT RESTORE the original power mode MAXN_SUPER: run 'sudo nvpmodel -m 2' by hand"
expect_mode 3

# --- refusals: nothing may change
fresh not_interactive
sweep 4
expect_err "not confirmed: stdin is not a terminal; pass --yes"
expect_m_calls ""
fresh not_root
RL_SWEEP_TEST_UID=1000 sweep 4 --yes
expect_err "needs root"
[ -s "$t/state/nvpmodel.log" ] && fail "not_root: nvpmodel was run: $(cat "$t/state/nvpmodel.log")"
# asked on a terminal (script(1) gives it one): anything but yes changes nothing
if command -v script >/dev/null 2>&1; then
    fresh answer_no
    printf 'n\n' | script -qec "bash '$sweep' -o '$t/out/sweep.csv'" /dev/null >"$t/stderr" 2>&1
    st=$?
    [ "$st" -eq 4 ] || fail "answer_no: exit $st, want 4: $(tail -c 300 "$t/stderr")"
    expect_err "go on? [y/N]"
    expect_m_calls ""
    fresh answer_yes
    printf 'y\n' | script -qec "bash '$sweep' -o '$t/out/sweep.csv' --modes 7W --settle-reads 2 --settle-interval 0.01" /dev/null >"$t/stderr" 2>&1
    st=$?
    [ "$st" -eq 0 ] || fail "answer_yes: exit $st, want 0: $(tail -c 300 "$t/stderr")"
    expect_m_calls "-m 3 -m 2 "
fi

# --- usage errors exit 2 with the usage, before anything runs
fresh usage
sweep 2 --frobnicate
expect_err "unknown option '--frobnicate'"
expect_err "usage: sweep-modes"
sweep 2 --yes -- -o elsewhere.csv
expect_err "'-o' after --: the sweep names each mode's CSV itself"
sweep 2 --yes --settle-reads 0
sweep 2 --yes -o "$t/out/sweep.txt"
expect_m_calls ""
bash "$sweep" --help >"$t/help" 2>&1 || fail "usage: --help failed"
grep -q -- "--jetson-clocks" "$t/help" || fail "usage: --help lacks --jetson-clocks"

# --- not a Jetson: no nvpmodel.conf
fresh no_conf
rm "$t/root/etc/nvpmodel.conf"
sweep 1 --yes
expect_err "cannot read $t/root/etc/nvpmodel.conf: is this a Jetson?"
expect_m_calls ""

[ "$failures" -eq 0 ] && echo "sweep_modes.sh: ok"
[ "$failures" -eq 0 ]
