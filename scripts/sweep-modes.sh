#!/usr/bin/env bash
# sweep-modes: run measure once under each Jetson power mode (nvpmodel), then
# put the board back in the mode it was in.
#
#   sudo scripts/sweep-modes.sh [options] [-- MEASURE_ARGS...]
#
# For each mode (every POWER_MODEL of nvpmodel.conf in file order, or those
# of --modes in the order given): nvpmodel -m ID; a reboot prompt or a
# "pending" state is a failure of that mode; with --jetson-clocks,
# jetson_clocks; confirm that the mode's caps took (GPU devfreq max_freq at
# the mode's GPU MAX_FREQ, and the EMC cap at its EMC MAX_FREQ where it sets
# one) N reads in a row, else the mode failed; run measure with
# RL_POWER_MODE=<mode name> in its environment and -o <that mode's CSV>; add
# its rows to the combined CSV. (The GPU's cur_freq says nothing here: it
# idles at the bottom of the table between kernels in every mode.) No row
# is ever labelled with a mode that did not take effect.
# The original mode (and with --jetson-clocks the stored clock state) is put
# back at the end, also when a step fails and on Ctrl-C or SIGTERM (trap
# EXIT INT TERM; a running measure is stopped first). Nothing is changed
# before the user says yes (or --yes), and only as root.
#
# Outputs, for -o out/sweep-modes.csv:
#   out/sweep-modes.<MODE>.csv  each mode's CSV exactly as measure wrote it:
#                               the file to archive; a sweep cut short keeps
#                               the modes it finished
#   out/sweep-modes.csv         every finished mode's rows under one header,
#                               power_mode filled with the mode's name, and
#                               sm_clock_cap_mhz / mem_clock_cap_mhz with the
#                               caps confirmed (an empty cell is filled; a
#                               different value is an error); rewritten whole
#                               (temporary file, then rename) after each
#                               mode; what model reads
#
# Every command and path can be replaced (the tests use fakes):
#   option              environment          default
#   --nvpmodel CMD      RL_NVPMODEL          nvpmodel
#   --jetson-clocks-cmd RL_JETSON_CLOCKS     jetson_clocks
#   --measure CMD       RL_MEASURE           bin/measure beside this script
#   --root DIR          RL_SYSFS_ROOT        /   (where sys/class/devfreq is)
#   --conf FILE         RL_NVPMODEL_CONF     ROOT/etc/nvpmodel.conf
# Test only: RL_SWEEP_TEST_UID stands in for `id -u`, so the tests can take
# the root-only path without root. Never set it on a board: nvpmodel itself
# still needs root there.
#
# Exit status: 0 every mode measured; 1 error (a mode that did not take
# effect among them); 2 usage; 3 measure reported a
# kernel failing its check (exit 3) in some mode, rows kept; 4 refused (not
# root, or not confirmed); 5 the original mode could not be restored (the
# message says what to run); 128+N stopped by signal N. In every case but 5
# the board is back in its original mode.
# shellcheck disable=SC2317 # the trap handlers below are only called by traps
set -u
set -o pipefail

me=sweep-modes
here=$(cd "$(dirname "$0")" && pwd)

say() { echo "$me: $*" >&2; }
die() { # STATUS MESSAGE
    local st=$1
    shift
    say "$*"
    exit "$st"
}

usage() {
    cat <<EOF
usage: $me [options] [-- MEASURE_ARGS...]
Runs measure once under each Jetson power mode and restores the original mode.
Needs root; asks before changing anything.

  -o FILE              combined CSV (default out/sweep-modes.csv); each mode's own
                       CSV goes beside it as FILE_STEM.<MODE>.csv
  --modes A,B,...      modes by name or id, in this order (default: every mode
                       of nvpmodel.conf, in file order)
  --jetson-clocks      pin the clocks at each mode's maximum (jetson_clocks); the
                       clock state is stored first and restored at the end
  --settle-reads N     the mode's caps must read right N times in a row (default 5)
  --settle-interval S  seconds between reads (default 0.5)
  --settle-timeout S   the mode failed if its caps do not read right within S
                       seconds (default 30)
  --yes                do not ask (scripted use)
  --nvpmodel CMD       nvpmodel to run (RL_NVPMODEL; default nvpmodel)
  --jetson-clocks-cmd CMD  jetson_clocks to run (RL_JETSON_CLOCKS)
  --measure CMD        measure to run (RL_MEASURE; default bin/measure)
  --root DIR           root of sys/class/devfreq and sys/kernel (RL_SYSFS_ROOT; default /)
  --conf FILE          nvpmodel.conf (RL_NVPMODEL_CONF; default ROOT/etc/nvpmodel.conf)
  -h, --help           this text
Arguments after -- go to measure (not -o: the sweep names each mode's CSV).
measure runs with RL_POWER_MODE=<mode name> in its environment.

exit status: 0 ok, 1 error, 2 usage, 3 a kernel failed its check (rows kept),
4 refused (not root or not confirmed), 5 original mode NOT restored, 128+N signal N
EOF
}

usage_error() {
    say "$*"
    usage >&2
    exit 2
}

# --- options
out=out/sweep-modes.csv
modes_arg=""
use_clocks=0
settle_reads=5
settle_interval=0.5
settle_timeout=30
assume_yes=0
nvpmodel=${RL_NVPMODEL:-nvpmodel}
jetson_clocks=${RL_JETSON_CLOCKS:-jetson_clocks}
measure=${RL_MEASURE:-$here/../bin/measure}
root=${RL_SYSFS_ROOT:-/}
conf=${RL_NVPMODEL_CONF:-}
measure_args=()

need_value() { [ $# -ge 2 ] || usage_error "$1 wants a value"; }
while [ $# -gt 0 ]; do
    case $1 in
    -o | --output) need_value "$@"; out=$2; shift 2 ;;
    --modes) need_value "$@"; modes_arg=$2; shift 2 ;;
    --jetson-clocks) use_clocks=1; shift ;;
    --settle-reads) need_value "$@"; settle_reads=$2; shift 2 ;;
    --settle-interval) need_value "$@"; settle_interval=$2; shift 2 ;;
    --settle-timeout) need_value "$@"; settle_timeout=$2; shift 2 ;;
    --yes) assume_yes=1; shift ;;
    --nvpmodel) need_value "$@"; nvpmodel=$2; shift 2 ;;
    --jetson-clocks-cmd) need_value "$@"; jetson_clocks=$2; shift 2 ;;
    --measure) need_value "$@"; measure=$2; shift 2 ;;
    --root) need_value "$@"; root=$2; shift 2 ;;
    --conf) need_value "$@"; conf=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; measure_args=("$@"); break ;;
    *) usage_error "unknown option '$1'" ;;
    esac
done
[ -n "$conf" ] || conf=${root%/}/etc/nvpmodel.conf

[[ $settle_reads =~ ^[1-9][0-9]{0,3}$ ]] || usage_error "--settle-reads wants a whole number from 1 to 9999, not '$settle_reads'"
for v in "$settle_interval" "$settle_timeout"; do
    [[ $v =~ ^[0-9]{1,5}(\.[0-9]{1,6})?$ ]] || usage_error "--settle-interval and --settle-timeout want seconds, not '$v'"
done
for a in ${measure_args[@]+"${measure_args[@]}"}; do
    case $a in
    -o | -o?* | --output*) usage_error "'$a' after --: the sweep names each mode's CSV itself (use -o before --)" ;;
    esac
done
case $out in
*.csv) stem=${out%.csv} ;;
*) usage_error "-o wants a file name ending in .csv, not '$out'" ;;
esac

# --- nvpmodel.conf: "ID<TAB>NAME<TAB>GPU_HZ<TAB>EMC_HZ" per POWER_MODEL, in
# file order; a cap is the mode's "GPU MAX_FREQ N" / "EMC MAX_FREQ N" line
# (in Hz; -1 or 0: no cap), or "" when the mode has no such line.
read_conf() {
    awk -v me="$me" '
        function flush() { if (have) print id "\t" name "\t" gpu "\t" emc; have = 0 }
        { line = $0; sub(/\r$/, "", line); sub(/^[ \t]+/, "", line) }
        line ~ /^</ { flush() }
        have && line ~ /^GPU[ \t]+MAX_FREQ[ \t]+-?[0-9]+[ \t]*$/ { split(line, w, /[ \t]+/); gpu = w[3] }
        have && line ~ /^EMC[ \t]+MAX_FREQ[ \t]+-?[0-9]+[ \t]*$/ { split(line, w, /[ \t]+/); emc = w[3] }
        line ~ /^<[ \t]*POWER_MODEL([ \t>]|$)/ {
            id = ""; name = ""
            n = split(line, f, /[ \t<>]+/)
            for (i = 1; i <= n; i++) {
                if (f[i] ~ /^ID=/) id = substr(f[i], 4)
                else if (f[i] ~ /^NAME=/) name = substr(f[i], 6)
            }
            if (id !~ /^[0-9]+$/ || name == "") { printf "%s: POWER_MODEL without a numeric ID or a NAME at %s:%d\n", me, FILENAME, FNR > "/dev/stderr"; bad = 1; exit 1 }
            if (name !~ /^[A-Za-z0-9_.+-]+$/) { printf "%s: power mode name %s has characters this sweep keeps out of file names, at %s:%d\n", me, name, FILENAME, FNR > "/dev/stderr"; bad = 1; exit 1 }
            if ((id in seen_id) || (name in seen_name)) { printf "%s: power mode %s (id %s) listed twice at %s:%d\n", me, name, id, FILENAME, FNR > "/dev/stderr"; bad = 1; exit 1 }
            seen_id[id] = 1; seen_name[name] = 1
            have = 1; gpu = ""; emc = ""
            count++
        }
        END {
            if (bad) exit 1
            flush()
            if (count == 0) { printf "%s: no POWER_MODEL lines in %s\n", me, FILENAME > "/dev/stderr"; exit 1 }
        }
    ' "$conf"
}

conf_ids=()
conf_names=()
conf_gpu=() # the mode's GPU MAX_FREQ, Hz ("" none, -1 or 0 uncapped)
conf_emc=() # its EMC MAX_FREQ, likewise
load_conf() {
    [ -r "$conf" ] || die 1 "cannot read $conf: is this a Jetson? (--conf or RL_NVPMODEL_CONF to point elsewhere)"
    local text id name gpu emc
    text=$(read_conf) || exit 1
    while IFS=$'\t' read -r id name gpu emc; do
        conf_ids+=("$id")
        conf_names+=("$name")
        conf_gpu+=("$gpu")
        conf_emc+=("$emc")
    done <<<"$text"
}

conf_index_of() { # ID -> index into the conf arrays
    local i
    for i in "${!conf_ids[@]}"; do
        [ "${conf_ids[$i]}" = "$1" ] && { echo "$i"; return 0; }
    done
    return 1
}

conf_name_of() { # ID -> name, or fails
    local i
    for i in "${!conf_ids[@]}"; do
        [ "${conf_ids[$i]}" = "$1" ] && { echo "${conf_names[$i]}"; return 0; }
    done
    return 1
}

conf_id_of() { # NAME -> id, or fails
    local i
    for i in "${!conf_names[@]}"; do
        [ "${conf_names[$i]}" = "$1" ] && { echo "${conf_ids[$i]}"; return 0; }
    done
    return 1
}

# The modes to run, as parallel arrays run_ids / run_names.
run_ids=()
run_names=()
pick_modes() {
    if [ -z "$modes_arg" ]; then
        run_ids=("${conf_ids[@]}")
        run_names=("${conf_names[@]}")
        return
    fi
    local tok id name
    local -a toks
    IFS=, read -r -a toks <<<"$modes_arg"
    for tok in "${toks[@]}"; do
        if name=$tok && id=$(conf_id_of "$tok"); then
            :
        elif [[ $tok =~ ^[0-9]+$ ]] && name=$(conf_name_of "$tok"); then
            id=$tok
        else
            usage_error "no power mode '$tok' in $conf (it has: $(list_conf))"
        fi
        [[ " ${run_ids[*]} " == *" $id "* ]] && usage_error "--modes names mode $name twice"
        run_ids+=("$id")
        run_names+=("$name")
    done
    [ ${#run_ids[@]} -gt 0 ] || usage_error "--modes names no mode"
}

list_conf() {
    local i s=""
    for i in "${!conf_ids[@]}"; do s+="${s:+, }${conf_names[$i]} (${conf_ids[$i]})"; done
    echo "$s"
}

# shielded CMD...: runs CMD with SIGINT ignored, so a Ctrl-C (which the
# terminal sends to the whole process group) never cuts a mode or clock
# change in half; the sweep's own trap acts once CMD is done.
shielded() { (trap '' INT && exec "$@"); }

# --- nvpmodel
# query_mode: sets q_id and q_name from nvpmodel -q ("NV Power Mode: NAME",
# then the id on a line of its own), the id looked up by name when missing.
q_id=""
q_name=""
q_pending="" # the line of -q's output that says a change waits for a reboot
query_mode() {
    local text
    text=$("$nvpmodel" -q </dev/null 2>&1) || { say "$nvpmodel -q failed: $(head -c 300 <<<"$text")"; return 1; }
    q_pending=""
    grep -qiE 'pending|reboot' <<<"$text" && q_pending=$(grep -iE -m1 'pending|reboot' <<<"$text")
    q_name=$(awk '{ sub(/\r$/, "") } /NV Power Mode:/ { sub(/.*NV Power Mode:[ \t]*/, ""); sub(/[ \t]+$/, ""); print; exit }' <<<"$text")
    q_id=$(awk '{ sub(/\r$/, "") } seen && /^[ \t]*[0-9]+[ \t]*$/ { gsub(/[ \t]/, ""); print; exit } /NV Power Mode:/ { seen = 1 }' <<<"$text")
    [ -n "$q_name" ] || { say "no 'NV Power Mode:' line in what $nvpmodel -q printed: $(head -c 300 <<<"$text")"; return 1; }
    if [ -z "$q_id" ]; then
        q_id=$(conf_id_of "$q_name") || { say "nvpmodel -q names mode $q_name, which $conf does not list"; return 1; }
    fi
    local c
    c=$(conf_name_of "$q_id") || { say "nvpmodel -q reports mode $q_id, which $conf does not list"; return 1; }
    [ "$c" = "$q_name" ] || { say "nvpmodel -q calls mode $q_id '$q_name' but $conf calls it '$c'"; return 1; }
    return 0
}

# set_mode ID NAME: nvpmodel -m ID, then checks that -q reports it. stdin is
# /dev/null, so a mode that wants a reboot is declined, never rebooted into;
# nvpmodel may still record it as the mode to boot in, and -q then names it
# though the board runs the old one: a reboot prompt from -m, or "pending"
# (or "reboot") from -q, fails the mode whatever -q names. The caps
# (confirm_caps) catch a pending change that says nothing.
set_mode() {
    local text
    say "setting power mode $2 (nvpmodel -m $1)"
    text=$(shielded "$nvpmodel" -m "$1" </dev/null 2>&1)
    local st=$?
    if [ $st -ne 0 ] || grep -q "NVPM ERROR" <<<"$text"; then
        say "$nvpmodel -m $1 failed (status $st): $(head -c 300 <<<"$text")"
        return 1
    fi
    if grep -qi "reboot" <<<"$text"; then
        say "mode $2 did not take effect: nvpmodel -m $1 wants a reboot ('$(grep -i -m1 reboot <<<"$text" | head -c 200)'); the sweep never reboots: leave $2 out with --modes, or set it and reboot by hand"
        return 1
    fi
    query_mode || return 1
    if [ -n "$q_pending" ]; then
        say "mode $2 did not take effect: nvpmodel -q says '$(head -c 200 <<<"$q_pending")'; a change that waits for a reboot is not the mode the board runs (leave $2 out with --modes)"
        return 1
    fi
    if [ "$q_id" != "$1" ]; then
        say "mode $2 did not take effect: nvpmodel -q still reports $q_name ($q_id); it may need a reboot (leave it out with --modes)"
        return 1
    fi
    return 0
}

# --- the caps: the GPU's devfreq entry is the one whose device/of_node/name
# is ga10b (JetPack 5/6) or gpu (JetPack 7, and older boards), as
# power/jetson_clock.c finds it; its max_freq is the cap nvpmodel set. The
# EMC cap is where nvpmodel writes EMC MAX_FREQ on Orin (jetson_clock.h).
gpu_devfreq_dir() {
    local d n
    for d in "${root%/}"/sys/class/devfreq/*; do
        [ -r "$d/device/of_node/name" ] || continue
        n=$(tr -d '\0' <"$d/device/of_node/name")
        case $n in ga10b | gpu) echo "$d"; return 0 ;; esac
    done
    return 1
}
emc_cap_file() { echo "${root%/}/sys/kernel/nvpmodel_emc_cap/emc_iso_cap"; }

read_hz() { # FILE -> its whole number, or fails
    local v=""
    read -r v <"$1" 2>/dev/null
    [[ $v =~ ^[0-9]{1,12}$ ]] && echo "$v"
}

# want_gpu_hz DEVFREQ_DIR CAP: the max_freq a mode with GPU MAX_FREQ CAP
# leaves: the highest available frequency at or below CAP (devfreq keeps to
# its table), the top of the table for no cap (-1, 0); CAP itself, or
# nothing (uncapped), without a readable table.
want_gpu_hz() {
    local table
    table=$(cat "$1/available_frequencies" 2>/dev/null)
    awk -v cap="$2" -v table="$table" 'BEGIN {
        n = split(table, f, /[ \t]+/); best = ""
        for (i = 1; i <= n; i++) {
            if (f[i] !~ /^[0-9]+$/) continue
            if ((cap <= 0 || f[i] + 0 <= cap + 0) && (best == "" || f[i] + 0 > best + 0)) best = f[i]
        }
        if (best == "" && cap > 0) best = cap
        if (best != "") printf "%.0f\n", best
    }'
}

# The caps confirm_caps saw for the mode just set, MHz ("" not known).
cap_gpu_mhz=""
cap_emc_mhz=""

# caps_now DIR WANT_GPU WANT_EMC: 0 when max_freq and the EMC cap read as
# wanted (an empty want is not checked); sets got_gpu / got_emc (Hz).
got_gpu=""
got_emc=""
caps_now() {
    got_gpu=""
    got_emc=""
    [ -n "$1" ] && got_gpu=$(read_hz "$1/max_freq")
    got_emc=$(read_hz "$(emc_cap_file)")
    [ -z "$2" ] || [ "$got_gpu" = "$2" ] || return 1
    [ -z "$3" ] || [ "$got_emc" = "$3" ] || return 1
    return 0
}

# confirm_caps ID NAME: the mode took when GPU devfreq max_freq reads the
# mode's GPU cap and, where the mode sets one, the EMC cap reads its EMC
# cap, settle_reads times in a row (settle_interval apart); after
# settle_timeout it did not. A mode that sets no cap, or a board without
# the files, has nothing to confirm (said so). Sets cap_gpu_mhz/cap_emc_mhz.
confirm_caps() {
    local i dir="" want_gpu="" want_emc="" gcap ecap reads=0 same=0 max
    i=$(conf_index_of "$1") || return 1
    gcap=${conf_gpu[$i]}
    ecap=${conf_emc[$i]}
    cap_gpu_mhz=""
    cap_emc_mhz=""
    if dir=$(gpu_devfreq_dir); then
        [ -n "$gcap" ] && want_gpu=$(want_gpu_hz "$dir" "$gcap")
        [ -r "$dir/max_freq" ] || { say "no $dir/max_freq: cannot confirm mode $2's GPU cap"; want_gpu=""; }
    else
        dir=""
        say "no GPU devfreq node under ${root%/}/sys/class/devfreq: cannot confirm mode $2's GPU cap"
    fi
    if [[ $ecap =~ ^[1-9][0-9]*$ ]]; then
        if [ -r "$(emc_cap_file)" ]; then want_emc=$ecap; else say "no $(emc_cap_file): cannot confirm mode $2's EMC cap"; fi
    fi
    max=$(awk -v t="$settle_timeout" -v i="$settle_interval" -v n="$settle_reads" \
        'BEGIN { m = (i > 0) ? int(t / i) + 1 : n; if (m < n) m = n; print m }')
    while [ "$reads" -lt "$max" ]; do
        reads=$((reads + 1))
        if caps_now "$dir" "$want_gpu" "$want_emc"; then same=$((same + 1)); else same=0; fi
        [ "$same" -ge "$settle_reads" ] && break
        sleep "$settle_interval"
    done
    [ -n "$got_gpu" ] && cap_gpu_mhz=$(mhz "$got_gpu")
    [ -n "$got_emc" ] && [ "$got_emc" != 0 ] && cap_emc_mhz=$(mhz "$got_emc")
    if [ "$same" -lt "$settle_reads" ]; then
        local seen=""
        [ -n "$want_gpu" ] && seen="GPU max_freq reads $(hz_text "$got_gpu"), the mode caps it at $(mhz "$want_gpu") MHz"
        [ -n "$want_emc" ] && seen+="${seen:+; }EMC cap reads $(hz_text "$got_emc"), the mode sets $(mhz "$want_emc") MHz"
        say "mode $2 did not take effect: $seen (after $settle_timeout s); a mode that changes the TPC mask needs a reboot once the GPU has run: leave $2 out with --modes"
        return 1
    fi
    if [ -z "$want_gpu" ] && [ -z "$want_emc" ]; then
        say "mode $2 sets no cap this sweep can check in $conf: nothing to confirm"
    else
        local took=""
        [ -n "$want_gpu" ] && took="GPU max_freq $(mhz "$want_gpu") MHz"
        [ -n "$want_emc" ] && took+="${took:+, }EMC cap $(mhz "$want_emc") MHz"
        say "mode $2 took: $took, $settle_reads reads in a row"
    fi
    return 0
}

mhz() { awk -v hz="$1" 'BEGIN { printf "%.6g", hz / 1e6 }'; }
hz_text() { if [ -n "$1" ]; then echo "$(mhz "$1") MHz"; else echo "nothing"; fi; }

# --- CSVs
# combine OUT FILE MODE GPU_MHZ EMC_MHZ [FILE MODE GPU_MHZ EMC_MHZ ...]: one
# header, then every file's rows, with power_mode set to the file's mode and
# sm_clock_cap_mhz / mem_clock_cap_mhz to the caps the sweep confirmed (where
# the header has those columns and the sweep read the cap): an empty cell is
# filled, a different one is an error (the board changed under measure).
# Quote-aware (RFC 4180, no line breaks inside a cell); lines end in CRLF as
# measure writes them.
combine() {
    local dst=$1
    shift
    local args=() tmp
    while [ $# -gt 0 ]; do
        args+=("mode=$2" "gpu=$3" "emc=$4" "$1")
        shift 4
    done
    tmp=$(mktemp "$dst.partial.XXXXXX") || return 1
    combine_tmp=$tmp # removed by on_exit if a signal cuts this short
    if ! awk -v me="$me" '
        # start[i], len[i]: where field i of s lies; returns the field count
        function fields(s,    i, c, q, n) {
            n = 1; start[1] = 1; q = 0
            for (i = 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\"") q = !q
                else if (c == "," && !q) { len[n] = i - start[n]; n++; start[n] = i + 1 }
            }
            len[n] = length(s) + 1 - start[n]
            return q ? -1 : n
        }
        function unquote(v) {
            if (v ~ /^".*"$/) { v = substr(v, 2, length(v) - 2); gsub(/""/, "\"", v) }
            return v
        }
        function fail(msg) { printf "%s: %s at %s:%d\n", me, msg, FILENAME, FNR > "/dev/stderr"; bad = 1; exit 1 }
        # the value of column c for this row: its cell, filled with want when
        # empty; a cell that differs from want is an error
        function settle(c, name, want, what,    cell) {
            cell = unquote(substr($0, start[c], len[c]))
            if (want == "") return substr($0, start[c], len[c])
            if (cell == "") return want
            if (name == "power_mode" ? cell != want : (cell - want > 0.5 || want - cell > 0.5))
                fail(name " is " cell ", but " what " " want)
            return substr($0, start[c], len[c])
        }
        { sub(/\r$/, "") }
        FNR == 1 {
            if (header == "") {
                header = $0
                n = fields($0)
                for (i = 1; i <= n; i++) {
                    h = unquote(substr($0, start[i], len[i]))
                    if (h == "power_mode") col = i
                    else if (h == "sm_clock_cap_mhz") gcol = i
                    else if (h == "mem_clock_cap_mhz") ecol = i
                }
                if (!col) fail("no power_mode column: not a raw CSV from measure")
                printf "%s\r\n", header
            } else if ($0 != header) fail("header differs from the first mode'"'"'s CSV")
            next
        }
        $0 == "" { next }
        {
            k = fields($0)
            if (k < col || k < gcol || k < ecol) fail("a row with fewer cells than the header (or a line break inside a cell)")
            out = ""
            for (i = 1; i <= k; i++) {
                v = substr($0, start[i], len[i])
                if (i == col) v = settle(i, "power_mode", mode, "the sweep set")
                else if (i == gcol) v = settle(i, "sm_clock_cap_mhz", gpu, "the sweep confirmed")
                else if (i == ecol) v = settle(i, "mem_clock_cap_mhz", emc, "the sweep confirmed")
                out = out (i > 1 ? "," : "") v
            }
            printf "%s\r\n", out
        }
        END { if (!bad && header == "") { print me ": no CSV header in the mode files" > "/dev/stderr"; exit 1 } }
    ' "${args[@]}" >"$tmp"; then
        rm -f "$tmp"
        combine_tmp=""
        return 1
    fi
    mv -f "$tmp" "$dst" || return 1
    combine_tmp=""
}

# --- restoring, on every way out (these run from the traps)
orig_id=""
orig_name=""
changed=0       # 1 once nvpmodel -m may have run
clocks_stored="" # jetson_clocks --store file, once stored
clocks_pinned=0
child=""
workdir=""
combine_tmp=""

restore() {
    local ok=0
    [ "$changed" = 1 ] || return 0
    if [ -n "$clocks_stored" ] && [ "$clocks_pinned" = 1 ]; then
        shielded "$jetson_clocks" --restore "$clocks_stored" </dev/null >&2 2>&1 || say "jetson_clocks --restore failed"
        clocks_pinned=0
    fi
    say "restoring power mode $orig_name (nvpmodel -m $orig_id)"
    if shielded "$nvpmodel" -m "$orig_id" </dev/null >/dev/null 2>&1 && query_mode && [ "$q_id" = "$orig_id" ]; then
        ok=1
    fi
    if [ -n "$clocks_stored" ]; then
        shielded "$jetson_clocks" --restore "$clocks_stored" </dev/null >&2 2>&1 ||
            { say "jetson_clocks --restore $clocks_stored failed"; ok=0; }
    fi
    if [ "$ok" = 1 ]; then
        changed=0
        return 0
    fi
    say "COULD NOT RESTORE the original power mode $orig_name: run 'sudo nvpmodel -m $orig_id' by hand${clocks_stored:+ (and 'sudo jetson_clocks --restore' with your stored state)}"
    return 1
}

stop_child() {
    [ -n "$child" ] || return 0
    kill -TERM "$child" 2>/dev/null
    local i
    for ((i = 0; i < 50; i++)); do
        kill -0 "$child" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$child" 2>/dev/null
    wait "$child" 2>/dev/null
    child=""
}

on_exit() {
    local st=$?
    trap '' INT TERM # finish restoring whatever arrives now
    stop_child
    restore || st=5
    [ -n "$workdir" ] && rm -rf "$workdir"
    [ -n "$combine_tmp" ] && rm -f "$combine_tmp"
    exit "$st"
}

on_signal() { # NAME NUMBER
    trap '' INT TERM
    say "stopped by SIG$1"
    exit $((128 + $2))
}

# --- main
[ -n "$(command -v -- "$nvpmodel")" ] || die 1 "no $nvpmodel: not a Jetson, or pass --nvpmodel"
mpath=$(command -v -- "$measure" 2>/dev/null) || mpath=""
if [ ! -f "$mpath" ] || [ ! -x "$mpath" ]; then
    die 1 "no executable $measure (build it with make, or pass --measure)"
fi
if [ "$use_clocks" = 1 ]; then
    [ -n "$(command -v -- "$jetson_clocks")" ] || die 1 "no $jetson_clocks (needed by --jetson-clocks)"
fi
uid=${RL_SWEEP_TEST_UID:-$(id -u)}
[ "$uid" = 0 ] || die 4 "needs root: nvpmodel -m changes the board's power mode (run it with sudo)"

load_conf
pick_modes
query_mode || die 1 "cannot tell the current power mode, so it could not be restored: nothing changed"
orig_id=$q_id
orig_name=$q_name

plan=""
for i in "${!run_ids[@]}"; do plan+="${plan:+, }${run_names[$i]} (${run_ids[$i]})"; done
say "the power mode is now $orig_name ($orig_id)"
pin=""
[ "$use_clocks" = 1 ] && pin=", pin the clocks with jetson_clocks"
say "plan: set each of $plan in turn$pin, run $measure, then set $orig_name ($orig_id) again"
if [ "$assume_yes" != 1 ]; then
    [ -t 0 ] || die 4 "not confirmed: stdin is not a terminal; pass --yes to run without asking"
    printf '%s: go on? [y/N] ' "$me" >&2
    read -r answer || answer=""
    case $answer in
    y | Y | yes | YES | Yes) ;;
    *) die 4 "not confirmed: nothing changed" ;;
    esac
fi

mkdir -p "$(dirname "$out")" || die 1 "cannot make the folder of $out"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/sweep-modes.XXXXXX") || die 1 "cannot make a temporary folder"
trap on_exit EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM

if [ "$use_clocks" = 1 ]; then
    shielded "$jetson_clocks" --store "$workdir/jetson_clocks.conf" </dev/null >&2 2>&1 ||
        die 1 "jetson_clocks --store failed: nothing changed"
    clocks_stored=$workdir/jetson_clocks.conf
fi

final=0
done_args=()
for i in "${!run_ids[@]}"; do
    id=${run_ids[$i]}
    name=${run_names[$i]}
    if [ "$clocks_pinned" = 1 ]; then # unpin before nvpmodel sets the new mode's limits
        shielded "$jetson_clocks" --restore "$clocks_stored" </dev/null >&2 2>&1 || die 1 "jetson_clocks --restore failed"
        clocks_pinned=0
    fi
    changed=1
    set_mode "$id" "$name" || exit 1
    confirm_caps "$id" "$name" || exit 1
    if [ "$use_clocks" = 1 ]; then
        clocks_pinned=1
        shielded "$jetson_clocks" </dev/null >&2 2>&1 || die 1 "jetson_clocks failed in mode $name"
    fi
    csv=$stem.$name.csv
    say "measuring in mode $name -> $csv"
    rm -f "$csv" # an older sweep's file must not pass for this one's
    RL_POWER_MODE=$name "$measure" ${measure_args[@]+"${measure_args[@]}"} -o "$csv" &
    child=$!
    wait "$child"
    st=$?
    child=""
    case $st in
    0) ;;
    3) say "measure: a kernel failed its check in mode $name (rows kept)"; final=3 ;;
    *) die 1 "measure failed in mode $name (exit status $st)" ;;
    esac
    [ -s "$csv" ] || die 1 "measure wrote no $csv in mode $name"
    done_args+=("$csv" "$name" "$cap_gpu_mhz" "$cap_emc_mhz")
    combine "$out" "${done_args[@]}" || die 1 "cannot add the rows of mode $name to $out"
done
say "all ${#run_ids[@]} modes measured: $out"
exit "$final"
