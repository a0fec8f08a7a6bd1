#!/usr/bin/env bash
# scripts/slurm/fleet.sbatch against a real single-node Slurm (Debian's
# slurm-wlm and munge: munged, slurmctld and slurmd on localhost, started
# here in a temporary folder and stopped at the end, by their pids). The
# node has two fake GPUs (GRES gpu:2 on two character devices, so Slurm
# sets CUDA_VISIBLE_DEVICES per task as on a GPU node); nvidia-smi, measure
# and hostname are the stand-ins of tests/lib/fleet_fakes.sh, which write
# the FIXTURE cards of tests/fixtures/fleet. model and render run for real:
#   - one task per node: an array of two --exclusive tasks, each a "node"
#     (fake-node-0 with the fixture's gpu0 and gpu1, fake-node-1 with its
#     gpu2 and gpu3, the card made to fall short), fleet.sh alone then all;
#     each task runs model over its CSVs; the dependent report job renders
#     4 cards on 2 hosts and flags fake-node-1 gpu1: read stream 2766 GB/s,
#     9.8 % below the median (3065.17 + 3067.69) / 2 = 3066.43 of the four
#     first runs (3067.69, 3071.62, 3065.17, 2766.49), in both passes;
#   - one task per GPU: --array=0-1 --gpus-per-task=1, each task one GPU of
#     fake-gpu-node (pass array), the report 2 cards.
# Skips, saying why, where Slurm cannot run here (not root, no slurm-wlm or
# munge, a daemon that does not start); with RL_SLURM_REQUIRED=1 (CI) a
# skip is a failure. Exits non-zero on any failure.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model and render (default: bin)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
repo=$(cd "$TESTS_DIR/.." && pwd)
BIN=$(cd "${BIN:-$repo/bin}" 2>/dev/null && pwd) || BIN=$repo/bin
me=fleet_slurm.sh
start=$SECONDS
failures=0
fail() {
    echo "$me: FAIL: $*" >&2
    failures=$((failures + 1))
}
skip() {
    if [ "${RL_SLURM_REQUIRED:-0}" = 1 ]; then
        echo "$me: FAIL: cannot run Slurm here, and RL_SLURM_REQUIRED=1: $*" >&2
        exit 1
    fi
    echo "$me: skipped: $*" >&2
    exit 0
}

[ "$(id -u)" -eq 0 ] || skip "slurmd and a munge key of its own need root"
for c in munged slurmctld slurmd sbatch squeue scontrol sinfo mknod; do
    command -v "$c" >/dev/null 2>&1 || skip "no $c (apt-get install slurm-wlm munge)"
done
for b in model render; do
    [ -x "$BIN/$b" ] || { echo "$me: FAIL: no $BIN/$b (make)" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fleet_slurm.XXXXXX")
chmod 755 "$tmp"
stop_daemons() {
    local f p
    if [ -n "${SLURM_CONF:-}" ] && [ -f "$tmp/slurmctld.pid" ]; then
        scontrol shutdown >/dev/null 2>&1
    fi
    # slurmd and slurmctld go on scontrol shutdown, munged on SIGTERM; each
    # is waited for (munged writes its seed file on the way out)
    for f in slurmd slurmctld munged; do
        [ -f "$tmp/$f.pid" ] || continue
        p=$(cat "$tmp/$f.pid")
        [ "$f" = munged ] && kill -TERM "$p" 2>/dev/null
        gone "$p" 30 || { kill -TERM "$p" 2>/dev/null; gone "$p" 50; } || kill -KILL "$p" 2>/dev/null
    done
}
gone() { # PID TENTHS: 0 once PID has exited, within TENTHS tenths of a second
    local i
    for ((i = 0; i < $2; i++)); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}
cleanup() {
    stop_daemons
    rm -rf "$tmp"
}
trap cleanup EXIT

# --- munge and Slurm, on ports of our own
base=$((20000 + ($$ % 5000) * 2))
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/dev"
head -c 1024 /dev/urandom >"$tmp/munge.key"
chmod 600 "$tmp/munge.key"
munged --force --socket="$tmp/munge.sock" --key-file="$tmp/munge.key" --pid-file="$tmp/munged.pid" \
    --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge.seed" 2>"$tmp/log/munged.err" ||
    skip "munged does not start: $(head -c 300 "$tmp/log/munged.err")"
# two "GPUs": character devices (null's numbers) Slurm can hand out
{ mknod "$tmp/dev/gpu0" c 1 3 && mknod "$tmp/dev/gpu1" c 1 3; } || skip "cannot make the fake GPU devices"
cpus=$(nproc)
cat >"$tmp/slurm.conf" <<EOF
ClusterName=rlfleet
SlurmctldHost=localhost
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/munge
AuthInfo=socket=$tmp/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
NodeName=localhost CPUs=$cpus RealMemory=500 Gres=gpu:2 State=UNKNOWN
PartitionName=fleet Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
echo "NodeName=localhost Name=gpu File=$tmp/dev/gpu[0-1]" >"$tmp/gres.conf"
export SLURM_CONF=$tmp/slurm.conf
slurmctld -i 2>"$tmp/log/slurmctld.err" || skip "slurmctld does not start: $(head -c 300 "$tmp/log/slurmctld.err")"
slurmd 2>"$tmp/log/slurmd.err" || skip "slurmd does not start: $(head -c 300 "$tmp/log/slurmd.err")"
up=0
for _ in $(seq 1 100); do
    sinfo -h -o '%T' 2>/dev/null | grep -qx idle && { up=1; break; }
    sleep 0.2
done
[ "$up" = 1 ] || skip "the node never came up idle: $(tail -n 3 "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" 2>/dev/null | head -c 600)"
echo "$me: slurmctld and slurmd up after $((SECONDS - start)) s" >&2

# --- the fakes, on PATH for the jobs too (sbatch exports the environment)
# shellcheck source=../lib/fleet_fakes.sh
. "$TESTS_DIR/lib/fleet_fakes.sh"
export FAKE_STATE=$tmp/fakestate FAKE_MEASURE_SLEEP=0.1
mkdir -p "$FAKE_STATE"
fleet_fakes "$tmp/fake"
export PATH=$tmp/fake:$PATH RL_REPO=$repo RL_BIN=$BIN RL_MEASURE=measure RL_TEMPLATE_DIR=$repo/templates
unset CUDA_VISIBLE_DEVICES
# fake-node-0: the fixture's gpu0 and gpu1; fake-node-1: its gpu2 and gpu3
sed -n '1,2p' "$FAKE_STATE/gpus.txt" >"$FAKE_STATE/gpus-0.txt"
sed -n '3,4p' "$FAKE_STATE/gpus.txt" | sed 's/^2,/0,/; s/^3,/1,/' >"$FAKE_STATE/gpus-1.txt"

# Waits until the queue is empty (at most $1 s); 1 if it never empties.
drain() {
    local i
    for ((i = 0; i < $1 * 5; i++)); do
        [ -z "$(squeue -h -o %i 2>/dev/null)" ] && return 0
        sleep 0.2
    done
    return 1
}
# "STATE EXITCODE" of a finished job, from slurmctld's memory (MinJobAge)
job_state() { job_field "$1" JobState ExitCode; }
job_field() { # JOB FIELD...: the fields' values, space-separated
    local job=$1
    shift
    scontrol -o show job "$job" 2>/dev/null | tr ' ' '\n' |
        awk -F= -v want="$*" 'BEGIN { n = split(want, w, " ") } { v[$1] = $2 } END { for (i = 1; i <= n; i++) printf "%s%s", v[w[i]], i < n ? " " : "\n" }'
}
section() { sed -n '/^## Fleet/,/^## Runs/p' "$1"; }

run_array() { # NAME SBATCH_ARGS...: submits the array, waits, checks its tasks and report job
    local name=$1 id st
    shift
    id=$(cd "$repo" && sbatch --parsable --output="$tmp/$name-%A_%a.out" "$@" scripts/slurm/fleet.sbatch \
        -o "$tmp/$name" --repeat 1 2>"$tmp/$name.sbatch.err") || { fail "$name: sbatch refused: $(cat "$tmp/$name.sbatch.err")"; return 1; }
    id=${id%%;*}
    drain 80 || { fail "$name: jobs still queued after 80 s: $(squeue 2>&1 | head -5)"; return 1; }
    for t in 0 1; do
        st=$(job_state "${id}_$t")
        [ "$st" = "COMPLETED 0:0" ] || fail "$name: task $t ended '$st': $(tail -n 5 "$tmp/$name-${id}_$t.out" 2>/dev/null)"
        [ -s "$tmp/$name/tasks/$t/model.csv" ] || fail "$name: task $t ran no model"
    done
    local report began
    report=$(cat "$tmp/$name/report-job" 2>/dev/null)
    [ -n "$report" ] || { fail "$name: no report job submitted"; return 1; }
    st=$(job_state "$report")
    [ "$st" = "COMPLETED 0:0" ] || fail "$name: the report job ended '$st': $(tail -n 5 "$tmp/$name/report-$report.out" 2>/dev/null)"
    # dependent: it started once every task had ended (ISO times sort as text)
    local ended
    began=$(job_field "$report" StartTime)
    for t in 0 1; do
        ended=$(job_field "${id}_$t" EndTime)
        [[ $began == 20* && $ended == 20* && ! $began < $ended ]] ||
            fail "$name: the report job began at '$began', before task $t ended ('$ended')"
    done
    echo "$me: $name: tasks ended by $ended, the report job began $began" >&2
    [ -s "$tmp/$name/report/report.pdf" ] || fail "$name: no report.pdf"
}

# --- one task per node: alone, then all at once
t0=$SECONDS
export FAKE_HOST=fake-node-@TASK@ FAKE_GPUS=$FAKE_STATE/gpus-@TASK@.txt
if run_array node --array=0-1 --nodes=1 --exclusive --gres=gpu:2; then
    n=$(find "$tmp/node/raw" -name '*.csv' | wc -l)
    [ "$n" -eq 8 ] || fail "node: $n raw CSVs, want 8 (2 nodes x 2 cards x alone and all)"
    [ -n "$(find "$tmp/node/raw" -name '*_fake-node-1_gpu1_FIXTURE0003_all_r1.csv')" ] || fail "node: no CSV named by host, GPU and serial for the short card"
    md=$tmp/node/report/report.md
    section "$md" | grep -qF "4 cards on 2 hosts" || fail "node: the report does not count 4 cards on 2 hosts"
    section "$md" | grep -qF "**1 of 4 cards falls short**, in 2 of the 8 passes of the cards:" || fail "node: the short card not counted once in two passes"
    section "$md" | grep -qF -- "- **fake-node-1 gpu1** (FIXTURE0003), alone: read stream 2766 GB/s, 9.8 % below the median 3066;" ||
        fail "node: fake-node-1 gpu1 not flagged with its numbers"
    section "$md" | grep -qF -- "- **fake-node-1 gpu1** (FIXTURE0003), all at once: read stream 2766 GB/s, 9.8 % below" ||
        fail "node: fake-node-1 gpu1 not flagged in the all pass"
fi
echo "$me: one task per node: $((SECONDS - t0)) s" >&2

# --- one task per GPU
t0=$SECONDS
export FAKE_HOST=fake-gpu-node
unset FAKE_GPUS
if run_array gpu --array=0-1 --gpus-per-task=1 --ntasks=1; then
    got=$(find "$tmp/gpu/raw" -name '*.csv' | sed 's/.*_gpu\([0-9]\)_.*_\(array\)_r1.csv/\1\2/' | sort | tr '\n' ' ')
    [ "$got" = "0array 1array " ] || fail "gpu: the tasks measured '$got', want GPU 0 and GPU 1 once each, pass array"
    section "$tmp/gpu/report/report.md" | grep -qF "2 cards on 1 host" || fail "gpu: the report does not count 2 cards on 1 host"
    section "$tmp/gpu/report/report.md" | grep -qF "one Slurm array task each" || fail "gpu: the pass is not named"
fi
echo "$me: one task per GPU: $((SECONDS - t0)) s" >&2

if [ "$failures" -ne 0 ]; then
    echo "$me: logs:" >&2
    tail -n 20 "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" >&2 2>/dev/null
fi
[ "$failures" -eq 0 ] && echo "$me: ok ($((SECONDS - start)) s)"
[ "$failures" -eq 0 ]
