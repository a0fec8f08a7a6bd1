#!/usr/bin/env bash
# Command-line tests of scripts/fleet.sh with no GPU: a fake nvidia-smi that
# lists the four cards of tests/fixtures/fleet and logs every call, a fake
# measure that writes that card's fixture rows relabelled (and logs when it
# starts and ends), a fake hostname (tests/lib/fleet_fakes.sh). Checks: every
# card alone (one after another) and then all at once (every card started
# before any ends), each CSV named by host, GPU index and serial (UUID where
# there is no serial) and pass, its node_load and gpu_uuid those of its
# card; CUDA_VISIBLE_DEVICES and --gpus pick the cards; a failing, a wrong
# and a hung card; nvidia-smi only ever queried; usage errors exit 2; model
# reads what the fleet wrote. Prints each failure, exits non-zero if any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding model (default: bin); that check is
#              skipped, and said so, without it
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
repo=$(cd "$TESTS_DIR/.." && pwd)
fleet=$repo/scripts/fleet.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fleet_cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "fleet.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}
# shellcheck source=../lib/fleet_fakes.sh
. "$TESTS_DIR/lib/fleet_fakes.sh"
export FAKE_STATE=$tmp/state FAKE_HOST=fake-node FAKE_MEASURE_SLEEP=0.2
mkdir -p "$FAKE_STATE"
fleet_fakes "$tmp/fake"
export PATH=$tmp/fake:$PATH
unset CUDA_VISIBLE_DEVICES FAKE_GPUS
U0=GPU-f1ee7000-0000-4000-8000-000000000000
U2=GPU-f1ee7000-0000-4000-8000-000000000002
U3=GPU-f1ee7000-0000-4000-8000-000000000003

run() { # NAME WANT_STATUS ARGS...: fleet.sh with a fresh state, output in $tmp/NAME
    local name=$1 want=$2
    shift 2
    rm -f "$FAKE_STATE/measure.log" "$FAKE_STATE/smi.log"
    bash "$fleet" --measure measure -o "$tmp/$name" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit $got, want $want ($(head -c 300 "$tmp/$name.err"))"
}
# CSV COLUMN: the column's cells, one a line
cells() { awk -F, -v want="$2" 'NR == 1 { sub(/\r$/, ""); for (i = 1; i <= NF; i++) if ($i == want) c = i; next } { sub(/\r$/, ""); print $c }' "$1"; }

# --- usage
run unknown_option 2 --frobnicate
grep -q "usage: fleet" "$tmp/unknown_option.err" || fail "unknown option: no usage on stderr"
run bad_repeat 2 --repeat 0
grep -q "repeat wants a whole number from 1 to 99, not '0'" "$tmp/bad_repeat.err" || fail "--repeat 0 not explained"
run bad_pass 2 --passes alone,sometimes
grep -q "'sometimes' is not alone, all or array" "$tmp/bad_pass.err" || fail "a bad pass not named"
run measure_o 2 -- -o x.csv
grep -q "the fleet names each card's CSV" "$tmp/measure_o.err" || fail "-o after -- not refused"
run measure_device 2 -- --device 1
grep -q "'--device' after --" "$tmp/measure_device.err" || fail "--device after -- not refused"
run help 0 --help
grep -q -- "--passes LIST" "$tmp/help.out" || fail "--help lacks --passes"

# --- every card alone, then all at once, twice each
run both 0 --repeat 2
n=$(find "$tmp/both" -name '*.csv' | wc -l)
[ "$n" -eq 16 ] || fail "both: $n CSVs, want 16 (4 cards x 2 passes x 2 rounds)"
[ "$(sort "$tmp/both.out")" = "$(find "$tmp/both" -name '*.csv' | sort)" ] || fail "both: stdout does not list the CSVs written"
for g in 0 1 2 3; do
    for p in alone all; do
        for r in 1 2; do
            f=$(find "$tmp/both" -name "*_fake-node_gpu${g}_FIXTURE000${g}_${p}_r$r.csv")
            if [ -z "$f" ] || [ ! -s "$f" ]; then
                fail "both: no CSV for GPU $g, pass $p, round $r"
                continue
            fi
            [[ $(basename "$f") =~ ^[0-9]{8}T[0-9]{6}Z_fake-node_gpu ]] || fail "both: $f does not start with the UTC stamp"
            [ "$(cells "$f" node_load | sort -u)" = "$p" ] || fail "both: $f: node_load is not $p"
            [ "$(cells "$f" gpu_uuid | sort -u)" = "GPU-f1ee7000-0000-4000-8000-00000000000$g" ] ||
                fail "both: $f: gpu_uuid is not its card's"
            [ "$(cells "$f" host | sort -u)" = fake-node ] || fail "both: $f: host is not fake-node"
            [ -f "${f%.csv}.log" ] || fail "both: no measure log beside $f"
        done
    done
done
# alone: one measure at a time; all: four at once, every start before any end
awk '$3 == "alone" { if ($1 == "start" && running) bad = 1; running = ($1 == "start") }
     END { exit bad }' "$FAKE_STATE/measure.log" || fail "both: two alone runs overlapped"
awk '$3 == "all" { n++; if ((n - 1) % 8 < 4 && $1 != "start") bad = 1 }
     END { exit bad || n != 16 }' "$FAKE_STATE/measure.log" || fail "both: the all pass did not run its four cards at once"
[ "$(grep -c '^start' "$FAKE_STATE/measure.log")" -eq 16 ] || fail "both: not 16 measure runs"
grep -q "alone" <(head -n 1 "$FAKE_STATE/measure.log") || fail "both: the alone pass did not come first"
# hands off the cards: nvidia-smi was only queried
grep -v -- '^--query-gpu=index,uuid,serial,pci.bus_id --format=csv,noheader,nounits$' "$FAKE_STATE/smi.log" &&
    fail "both: nvidia-smi was called for more than a query"

# --- which cards: CUDA_VISIBLE_DEVICES (a place or a UUID), --gpus
CUDA_VISIBLE_DEVICES=1,$U3 run visible 0 --passes alone --repeat 1
got=$(find "$tmp/visible" -name '*.csv' | sed 's/.*_gpu\([0-9]\)_.*/\1/' | sort | tr -d '\n')
[ "$got" = 13 ] || fail "visible: measured GPUs '$got', want 1 and 3 (CUDA_VISIBLE_DEVICES=1,$U3)"
CUDA_VISIBLE_DEVICES=0 run gpus_flag 0 --passes alone --repeat 1 --gpus 2
got=$(find "$tmp/gpus_flag" -name '*.csv' | sed 's/.*_gpu\([0-9]\)_.*/\1/' | sort | tr -d '\n')
[ "$got" = 2 ] || fail "gpus_flag: measured GPUs '$got', want 2 (--gpus wins over CUDA_VISIBLE_DEVICES)"
run no_such_gpu 1 --gpus 9
grep -q "names GPU '9', which nvidia-smi does not list" "$tmp/no_such_gpu.err" || fail "no_such_gpu: not explained"

# --- a card without a serial is named by its UUID
printf '0, %s, [N/A], 00000000:18:00.0\n' "$U0" >"$tmp/gpus_noserial.txt"
FAKE_GPUS=$tmp/gpus_noserial.txt run no_serial 0 --passes alone --repeat 1
[ -n "$(find "$tmp/no_serial" -name "*_fake-node_gpu0_${U0}_alone_r1.csv")" ] || fail "no_serial: CSV not named by the UUID"
[ -z "$(cells "$(find "$tmp/no_serial" -name '*.csv' | head -n 1)" gpu_serial | tr -d '\n')" ] ||
    fail "no_serial: a serial was made up"

# --- dry run: the plan, nothing run
run dry 0 --dry-run --repeat 1
[ "$(grep -c "RL_NODE_LOAD=" "$tmp/dry.out")" -eq 8 ] || fail "dry: not 8 planned runs on stdout"
grep -q "CUDA_VISIBLE_DEVICES=$U2 RL_NODE_LOAD=all measure --only stream_read/" "$tmp/dry.out" || fail "dry: a run not as planned"
[ -s "$FAKE_STATE/measure.log" ] && fail "dry: measure ran"

# --- failures: one card fails, one measures the wrong card, one fails a check
FAKE_FAIL_UUID=$U2 run one_fails 1 --passes all --repeat 1
grep -q "FAILED: GPU 2 ($U2): measure exit status 1" "$tmp/one_fails.err" || fail "one_fails: the failing card not named"
[ "$(find "$tmp/one_fails" -name '*.csv' | wc -l)" -eq 3 ] || fail "one_fails: the other three cards' CSVs not kept"
FAKE_WRONG_UUID=$U3 run wrong_card 1 --passes alone --repeat 1
grep -q "was measured on GPU-00000000-0000-0000-0000-wrongcard000, not on GPU 3" "$tmp/wrong_card.err" ||
    fail "wrong_card: a CSV of another card not caught"
FAKE_CHECK_UUID=$U0 run check_fails 3 --passes alone --repeat 1
grep -q "GPU 0: a kernel failed its check" "$tmp/check_fails.err" || fail "check_fails: not said"

# --- SIGTERM in the middle of the all pass: every measure stopped, 143
rm -f "$FAKE_STATE/measure.log"
FAKE_HANG_UUID=$U3 bash "$fleet" --measure measure -o "$tmp/term" --passes all --repeat 1 >/dev/null 2>"$tmp/term.err" &
pid=$!
for _ in $(seq 1 50); do
    n=$(grep -c '^start' "$FAKE_STATE/measure.log" 2>/dev/null)
    [ "${n:-0}" -ge 4 ] && break
    sleep 0.1
done
sleep 0.5 # the three others finish; the hung one waits
kill -TERM "$pid"
wait "$pid"
st=$?
[ "$st" -eq 143 ] || fail "term: exit $st, want 143"
grep -q "^term $U3 all" "$FAKE_STATE/measure.log" || fail "term: the hung measure was not stopped"
grep -q "stopped by SIGTERM" "$tmp/term.err" || fail "term: not said"

# --- model reads what the fleet wrote
if [ -x "$BIN/model" ]; then
    "$BIN/model" -o "$tmp/model.csv" "$tmp/both"/*.csv 2>"$tmp/model.err" || fail "model cannot read the fleet's CSVs: $(tail -n 2 "$tmp/model.err")"
    [ "$(cells "$tmp/model.csv" run_id | sort -u | wc -l)" -eq 16 ] || fail "model: not 16 runs"
else
    echo "fleet.sh: skipped the model check: no $BIN/model" >&2
fi

[ "$failures" -eq 0 ] && echo "fleet.sh: ok"
[ "$failures" -eq 0 ]
