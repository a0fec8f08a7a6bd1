# shellcheck shell=bash
# Sourced by the tests of scripts/fleet.sh and scripts/slurm/ (no GPU here):
# fleet_fakes DIR writes stand-ins for nvidia-smi, measure and hostname into
# DIR, to be put first on PATH. They share these variables (exported by the
# caller; a Slurm job inherits them):
#   FAKE_STATE  a folder: logs (smi.log: every nvidia-smi call's arguments;
#               measure.log: "start|end UUID NODE_LOAD" per measure) and the
#               default GPU table
#   FAKE_GPUS   the GPU table, "index, uuid, serial, pci bus id" a line, as
#               nvidia-smi --query-gpu prints it (default: the four cards of
#               tests/fixtures/fleet); @TASK@ in its path becomes
#               $SLURM_ARRAY_TASK_ID and @HOST@ in it the fake host name, so
#               every fake node can have cards of its own
#   FAKE_HOST   the host name (default fake-node), with @TASK@ replaced by
#               $SLURM_ARRAY_TASK_ID: each array task a node of its own
# The fake measure writes, for the card CUDA_VISIBLE_DEVICES names (by
# UUID), that fixture card's first run (or the first card's) relabelled by
# tests/fixtures/fleet/relabel.awk: its index, UUID, serial and bus from
# FAKE_GPUS, host from hostname, node_load from RL_NODE_LOAD, a run id of
# its own. It takes measure's -o and ignores the rest. Knobs, each a UUID:
# FAKE_FAIL_UUID exits 1 writing nothing; FAKE_WRONG_UUID writes another
# card's UUID; FAKE_CHECK_UUID exits 3 with its CSV (a kernel failed its
# check); FAKE_HANG_UUID waits to be killed. FAKE_MEASURE_SLEEP: seconds
# each run takes (default 0.3), so concurrent runs overlap.

fleet_fakes() { # DIR
    local dir=$1 fixtures
    fixtures=$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures/fleet" && pwd)
    mkdir -p "$dir"
    cat >"$dir/nvidia-smi" <<'EOF'
#!/usr/bin/env bash
echo "$*" >>"$FAKE_STATE/smi.log"
case "$*" in
"--query-gpu=index,uuid,serial,pci.bus_id --format=csv,noheader,nounits")
    host=$(hostname)
    gpus=${FAKE_GPUS:-$FAKE_STATE/gpus.txt}
    sed "s/@HOST@/$host/g" "${gpus//@TASK@/${SLURM_ARRAY_TASK_ID:-0}}"
    ;;
*) echo "fake nvidia-smi: not a query: $*" >&2; exit 64 ;;
esac
EOF
    cat >"$dir/hostname" <<'EOF'
#!/usr/bin/env bash
h=${FAKE_HOST:-fake-node}
echo "${h//@TASK@/${SLURM_ARRAY_TASK_ID:-0}}"
EOF
    cat >"$dir/measure" <<EOF
#!/usr/bin/env bash
# fake measure (tests/lib/fleet_fakes.sh)
fixtures=$fixtures
EOF
    cat >>"$dir/measure" <<'EOF'
out=""
while [ $# -gt 0 ]; do
    case $1 in -o) out=$2; shift 2 ;; *) shift ;; esac
done
uuid=${CUDA_VISIBLE_DEVICES:-}
host=$(hostname)
log() { echo "$1 $uuid ${RL_NODE_LOAD:-}" >>"$FAKE_STATE/measure.log"; }
log start
if [ "$uuid" = "${FAKE_HANG_UUID:-}" ]; then
    trap 'log term; exit 143' TERM
    while :; do sleep 0.1; done
fi
sleep "${FAKE_MEASURE_SLEEP:-0.3}"
if [ "$uuid" = "${FAKE_FAIL_UUID:-}" ]; then
    echo "measure: no CUDA device (fake failure)" >&2
    log end
    exit 1
fi
gpus=${FAKE_GPUS:-$FAKE_STATE/gpus.txt}
IFS=, read -r idx u serial bus < <(sed "s/@HOST@/$host/g" "${gpus//@TASK@/${SLURM_ARRAY_TASK_ID:-0}}" | tr -d ' ' |
    awk -F, -v u="$uuid" '$2 == u { print; exit }')
[ "$u" = "$uuid" ] || { echo "measure: no GPU $uuid" >&2; log end; exit 1; }
[ "$serial" = "[N/A]" ] && serial="" # nvidia-smi's word for what NVML does not report
src=$(grep -l "$uuid" "$fixtures"/*_r1.csv | head -n 1)
[ -n "$src" ] || src=$(ls "$fixtures"/*_r1.csv | head -n 1)
[ "$uuid" = "${FAKE_WRONG_UUID:-}" ] && u=GPU-00000000-0000-0000-0000-wrongcard000
awk -v host="$host" -v gpu="$idx" -v uuid="$u" -v serial="$serial" -v bus="$bus" -v load="${RL_NODE_LOAD:-}" \
    -v run_id="fake-$host-$idx-$$-$RANDOM" -f "$fixtures/relabel.awk" "$src" >"$out.partial.$$" &&
    mv "$out.partial.$$" "$out"
log end
[ "$uuid" = "${FAKE_CHECK_UUID:-}" ] && exit 3
exit 0
EOF
    chmod +x "$dir/nvidia-smi" "$dir/hostname" "$dir/measure"
    # the default table: the fixture's four cards
    if [ ! -e "$FAKE_STATE/gpus.txt" ]; then
        local f i=0
        for f in "$fixtures"/*_r1.csv; do
            awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                     { printf "%s, %s, %s, %s\n", $c["gpu_index"], $c["gpu_uuid"], $c["gpu_serial"], $c["pci_bus_id"]; exit }' \
                "$f" >>"$FAKE_STATE/gpus.txt"
            i=$((i + 1))
        done
    fi
}
