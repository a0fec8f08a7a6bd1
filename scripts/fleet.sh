#!/usr/bin/env bash
# fleet: run measure on every GPU of this host, one card at a time and then
# all cards at once, each run its own raw CSV named by its card (issue 17).
#
#   scripts/fleet.sh [options] [-- MEASURE_ARGS...]
#
# The cards: every GPU nvidia-smi lists (index, UUID, serial, PCI bus id),
# only those CUDA_VISIBLE_DEVICES names when it is set (a Slurm task: the
# GPUs it was given, by UUID or by their place in nvidia-smi's list), or
# those of --gpus. The passes, in the order given (--passes):
#   alone  each card by itself, card after card: what the card can do;
#   all    every card at once, each its own measure process: the host under
#          full load, where shared power, cooling and host memory show;
#   array  one card of a Slurm job array (scripts/slurm/fleet.sbatch
#          --gpus-per-task=1): measured once, other tasks may share the host.
# Each pass runs --repeat times (the card's run-to-run noise, which the
# report's outlier test needs); alone goes card after card within each
# round, so a card's runs lie minutes apart.
# measure runs with CUDA_VISIBLE_DEVICES=<the card's UUID> (so --device 0 is
# that card whatever CUDA's order), RL_NODE_LOAD=<the pass> (its node_load
# column) and -o DIR/<stamp>_<host>_gpu<index>_<serial or UUID>_<pass>_r<N>.csv,
# its stderr in the same name with .log; stamp is this script's start, UTC.
# A CSV whose gpu_uuid is not its card's is an error: it was measured on
# the wrong GPU. stdout: the path of every CSV written, one a line, as it
# is written (--dry-run: the plan instead); everything else goes to stderr.
#
# It only ever queries nvidia-smi (--query-gpu); it never changes clocks,
# power limits or modes, and neither does measure.
#
# Exit status: 0 every run written; 1 a run failed (the other runs still
# ran, their CSVs kept); 2 usage; 3 measure reported a kernel failing its
# check (rows kept); 128+N stopped by signal N (running measures are
# stopped first; each names its partial file in its .log).
# shellcheck disable=SC2317 # the trap handlers below are only called by traps
set -u
set -o pipefail

me=fleet
here=$(cd "$(dirname "$0")" && pwd)

# The fleet's cases (measure --only): the read stream (DRAM), the L2 roof,
# and fp16 and w4a16 GEMVs at the largest square: the rows the report's
# fleet section compares card against card.
FLEET_ONLY='stream_read/,stream_read_l2/,gemv/fp16/16384x16384/b1$,gemv/w4a16_g128/16384x16384/b1$'

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
Runs measure on every GPU of this host, one card at a time and then all at once.

  -o DIR            where the raw CSVs go (default out/fleet); created
  --passes LIST     alone, all and/or array, in order (default alone,all)
  --repeat N        runs of each card in each pass (default 2)
  --gpus LIST       only these GPUs: nvidia-smi indices or UUIDs, comma-separated
                    (default: every GPU visible, as CUDA_VISIBLE_DEVICES limits it)
  --measure CMD     measure to run (RL_MEASURE; default bin/measure)
  --nvidia-smi CMD  nvidia-smi to query (RL_NVIDIA_SMI; default nvidia-smi)
  --dry-run         print the cards and the runs, run nothing
  -h, --help        this text
Arguments after -- go to measure instead of the fleet's cases:
  --only '$FLEET_ONLY'
(not -o or --device: the fleet names each card's CSV and picks its GPU).

exit status: 0 ok, 1 a run failed, 2 usage, 3 a kernel failed its check, 128+N signal N
EOF
}

usage_error() {
    say "$*"
    usage >&2
    exit 2
}

# --- options
dir=out/fleet
passes_arg=alone,all
repeat=2
gpus_arg=""
measure=${RL_MEASURE:-$here/../bin/measure}
smi=${RL_NVIDIA_SMI:-nvidia-smi}
dry=0
measure_args=()
need_value() { [ $# -ge 2 ] || usage_error "$1 wants a value"; }
while [ $# -gt 0 ]; do
    case $1 in
    -o | --output) need_value "$@"; dir=$2; shift 2 ;;
    --passes) need_value "$@"; passes_arg=$2; shift 2 ;;
    --repeat) need_value "$@"; repeat=$2; shift 2 ;;
    --gpus) need_value "$@"; gpus_arg=$2; shift 2 ;;
    --measure) need_value "$@"; measure=$2; shift 2 ;;
    --nvidia-smi) need_value "$@"; smi=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; measure_args=("$@"); break ;;
    *) usage_error "unknown option '$1'" ;;
    esac
done
[[ $repeat =~ ^[1-9][0-9]?$ ]] || usage_error "--repeat wants a whole number from 1 to 99, not '$repeat'"
passes=()
IFS=, read -r -a p_toks <<<"$passes_arg"
for p in ${p_toks[@]+"${p_toks[@]}"}; do
    case $p in alone | all | array) ;; *) usage_error "--passes: '$p' is not alone, all or array" ;; esac
    [[ " ${passes[*]-} " == *" $p "* ]] && usage_error "--passes names $p twice"
    passes+=("$p")
done
[ ${#passes[@]} -gt 0 ] || usage_error "--passes names no pass"
for a in ${measure_args[@]+"${measure_args[@]}"}; do
    case $a in
    -o | -o?* | --output* | --device*) usage_error "'$a' after --: the fleet names each card's CSV and picks its GPU itself" ;;
    esac
done
[ ${#measure_args[@]} -gt 0 ] || measure_args=(--only "$FLEET_ONLY")

# --- the cards, as parallel arrays: nvidia-smi's index, UUID, serial
# ("" when it reports none), PCI bus id
c_index=()
c_uuid=()
c_serial=()
c_bus=()
read_cards() {
    local text idx uuid serial bus rest
    text=$("$smi" --query-gpu=index,uuid,serial,pci.bus_id --format=csv,noheader,nounits 2>&1) ||
        die 1 "$smi --query-gpu failed: $(head -c 300 <<<"$text")"
    while IFS=, read -r idx uuid serial bus rest; do
        idx=${idx// /} uuid=${uuid// /} serial=${serial// /} bus=${bus// /}
        [ -z "$idx$uuid" ] && continue
        [[ $idx =~ ^[0-9]+$ && $uuid =~ ^(GPU|MIG)-[A-Za-z0-9-]+$ ]] ||
            die 1 "cannot read a GPU in what $smi printed: '$idx,$uuid,$serial,$bus'"
        [[ $serial =~ ^[A-Za-z0-9._-]+$ && $serial != N/A ]] || serial=""
        c_index+=("$idx")
        c_uuid+=("$uuid")
        c_serial+=("$serial")
        c_bus+=("$bus")
    done <<<"$text"
    [ ${#c_index[@]} -gt 0 ] || die 1 "$smi lists no GPU"
}

# keep_cards LIST: only the cards LIST names (comma-separated; a number is
# a place in nvidia-smi's list, which is its index where nvidia-smi sees
# every GPU; GPU-...: a UUID or its prefix). what names LIST in messages.
keep_cards() {
    local list=$1 what=$2 tok i hit
    local -a toks keep=()
    IFS=, read -r -a toks <<<"$list"
    [ ${#toks[@]} -gt 0 ] || die 1 "$what names no GPU"
    for tok in "${toks[@]}"; do
        tok=${tok// /}
        hit=""
        for i in "${!c_uuid[@]}"; do
            if [[ $tok =~ ^[0-9]+$ ]]; then
                [ "$i" = "$tok" ] && hit=$i
            elif [[ $tok == GPU-* && ${c_uuid[$i]} == "$tok"* ]]; then
                hit=$i
            fi
        done
        [ -n "$hit" ] || die 1 "$what names GPU '$tok', which $smi does not list (it lists: ${c_index[*]})"
        [[ " ${keep[*]-} " == *" $hit "* ]] || keep+=("$hit")
    done
    local -a ni=() nu=() ns=() nb=()
    for i in "${keep[@]}"; do
        ni+=("${c_index[$i]}") nu+=("${c_uuid[$i]}") ns+=("${c_serial[$i]}") nb+=("${c_bus[$i]}")
    done
    c_index=("${ni[@]}") c_uuid=("${nu[@]}") c_serial=("${ns[@]}") c_bus=("${nb[@]}")
}

# A name for file names: letters, digits, '.', '_' and '-' only.
file_part() { local s=${1//[^A-Za-z0-9._-]/_}; echo "${s:-unknown}"; }

csv_of() { # CARD PASS REP
    local id=${c_serial[$1]:-${c_uuid[$1]}}
    echo "$dir/${stamp}_${host}_gpu${c_index[$1]}_$(file_part "$id")_$2_r$3.csv"
}

# The gpu_uuid cell of the first data row of CSV, "" when it has none.
csv_uuid() {
    awk -F, 'NR == 1 { sub(/\r$/, ""); for (i = 1; i <= NF; i++) if ($i == "gpu_uuid") c = i; if (!c) exit; next }
             { sub(/\r$/, ""); print $c; exit }' "$1"
}

# --- running measure
children=() # pids of the running measures
child_csv=()
final=0
failed_runs=()

start_run() { # CARD PASS REP: starts measure in the background
    local csv log
    csv=$(csv_of "$1" "$2" "$3")
    log=${csv%.csv}.log
    rm -f "$csv" # an older file must not pass for this run's
    CUDA_VISIBLE_DEVICES=${c_uuid[$1]} RL_NODE_LOAD=$2 \
        "$measure" "${measure_args[@]}" --device 0 -o "$csv" </dev/null >"$log" 2>&1 &
    children+=($!)
    child_csv+=("$1:$csv")
}

# Waits for every started measure; records what each left.
wait_runs() {
    local i st card csv got
    for i in "${!children[@]}"; do
        wait "${children[$i]}"
        st=$?
        card=${child_csv[$i]%%:*}
        csv=${child_csv[$i]#*:}
        if [ $st -ne 0 ] && [ $st -ne 3 ]; then
            say "FAILED: GPU ${c_index[$card]} (${c_uuid[$card]}): measure exit status $st; its log ${csv%.csv}.log ends: $(tail -n 3 "${csv%.csv}.log" 2>/dev/null | tr '\n' ' ' | head -c 400)"
            failed_runs+=("$csv")
            continue
        fi
        if [ ! -s "$csv" ]; then
            say "FAILED: GPU ${c_index[$card]}: measure wrote no $csv"
            failed_runs+=("$csv")
            continue
        fi
        got=$(csv_uuid "$csv")
        if [ -n "$got" ] && [ "$got" != "${c_uuid[$card]}" ]; then
            say "FAILED: $csv was measured on $got, not on GPU ${c_index[$card]} (${c_uuid[$card]})"
            failed_runs+=("$csv")
            continue
        fi
        [ $st -eq 3 ] && { say "GPU ${c_index[$card]}: a kernel failed its check (rows kept in $csv)"; final=3; }
        say "wrote $csv"
        echo "$csv"
    done
    children=()
    child_csv=()
}

stop_children() {
    local p
    for p in ${children[@]+"${children[@]}"}; do kill -TERM "$p" 2>/dev/null; done
    for p in ${children[@]+"${children[@]}"}; do wait "$p" 2>/dev/null; done
    children=()
}

on_signal() { # NAME NUMBER
    trap '' INT TERM
    say "stopped by SIG$1; stopping the running measures"
    stop_children
    exit $((128 + $2))
}

# --- main
read_cards
if [ -n "$gpus_arg" ]; then
    keep_cards "$gpus_arg" --gpus
elif [ -n "${CUDA_VISIBLE_DEVICES+set}" ]; then
    keep_cards "$CUDA_VISIBLE_DEVICES" "CUDA_VISIBLE_DEVICES"
fi
host=$(file_part "$(hostname 2>/dev/null)")
stamp=$(date -u +%Y%m%dT%H%M%SZ)
cards=""
for i in "${!c_index[@]}"; do cards+="${cards:+, }${c_index[$i]} (${c_serial[$i]:-${c_uuid[$i]}})"; done
say "host $host, ${#c_index[@]} GPUs: $cards"
say "passes: ${passes[*]}, $repeat run(s) each; measure ${measure_args[*]}"

if [ "$dry" = 1 ]; then
    for p in "${passes[@]}"; do
        for ((r = 1; r <= repeat; r++)); do
            for i in "${!c_index[@]}"; do
                echo "$p round $r: CUDA_VISIBLE_DEVICES=${c_uuid[$i]} RL_NODE_LOAD=$p $measure ${measure_args[*]} --device 0 -o $(csv_of "$i" "$p" "$r")"
            done
        done
    done
    exit 0
fi

mpath=$(command -v -- "$measure" 2>/dev/null) || mpath=""
{ [ -f "$mpath" ] && [ -x "$mpath" ]; } || die 1 "no executable $measure (build it with make, or pass --measure)"
mkdir -p "$dir" || die 1 "cannot make $dir"
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM

for p in "${passes[@]}"; do
    for ((r = 1; r <= repeat; r++)); do
        if [ "$p" = all ]; then
            say "pass all, round $r: ${#c_index[@]} GPUs at once"
            for i in "${!c_index[@]}"; do start_run "$i" "$p" "$r"; done
            wait_runs
        else
            for i in "${!c_index[@]}"; do
                say "pass $p, round $r: GPU ${c_index[$i]}"
                start_run "$i" "$p" "$r"
                wait_runs
            done
        fi
    done
done

if [ ${#failed_runs[@]} -gt 0 ]; then
    say "${#failed_runs[@]} run(s) failed: ${failed_runs[*]}"
    exit 1
fi
say "done: the CSVs are in $dir (scripts/fleet-report.sh $dir makes the report)"
exit "$final"
