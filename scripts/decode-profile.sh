#!/usr/bin/env bash
# Kernel development: Nsight Compute on the GEMV launches of one decode step
# (the first layer of a two-layer step of MODEL, its check run), per format:
# time, DRAM throughput, issue slots busy, occupancy, and the stall reasons
# that hold each launch back. Reads counters only: clocks stay as they are
# (--clock-control none); ncu runs the launches one at a time, so no PDL
# overlap shows here.
#   scripts/decode-profile.sh OUTDIR [MEASURE] [MODEL] [FORMATS...]
#     MEASURE  default bin/measure; MODEL default llama-3-8b;
#     FORMATS  default w8a16 w4a16_g128 w2a16_g64 (fp16 for reference)
set -euo pipefail
out=${1:?usage: scripts/decode-profile.sh OUTDIR [MEASURE] [MODEL] [FORMATS...]}
m=${2:-bin/measure}
model=${3:-llama-3-8b}
shift $(($# < 3 ? $# : 3))
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(fp16 w8a16 w4a16_g128 w2a16_g64)
mkdir -p "$out"
for f in "${formats[@]}"; do
    scheme=graph_fused_pdl
    ncu --clock-control none -k regex:gemv_kernel --launch-count 4 \
        --section SpeedOfLight --section Occupancy --section SchedulerStats --section WarpStateStats \
        "$m" --check-only --llm-model "$model" --only "decode_step/$f/$model/2L/b1/$scheme" \
        >"$out/ncu_$f.txt" 2>&1 || { tail -n 20 "$out/ncu_$f.txt" >&2; exit 1; }
    grep -E "gemv_kernel|Duration|DRAM Throughput|Issue Slots Busy|Achieved Occupancy|No Eligible|Registers Per|Block Size|Grid Size|stalled" \
        "$out/ncu_$f.txt" | sed -E "s/^ +//; s|^|$f: |" | cut -c1-150 >&2 || true
done
