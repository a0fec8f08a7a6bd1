#!/usr/bin/env bash
# Kernel development: Nsight Compute sections for the first launch of one GEMV
# case (the check launch), then its timing into OUTDIR/raw_TAG.csv. Reads counters only: clocks stay as
# they are (--clock-control none).
#   scripts/gemv-profile.sh OUTDIR LABEL [KERNEL_REGEX]
# e.g. scripts/gemv-profile.sh out/prof 'gemv/w2a16_g64/16384x16384/b1$'
# The tuning variables of measure (RL_GEMV_*) pass through.
set -euo pipefail
out=${1:?usage: scripts/gemv-profile.sh OUTDIR LABEL [KERNEL_REGEX]}
label=${2:?usage: scripts/gemv-profile.sh OUTDIR LABEL [KERNEL_REGEX]}
regex=${3:-gemv}
mkdir -p "$out"
tag=$(echo "$label${RL_GEMV_PATH:+_path$RL_GEMV_PATH}" | tr -c 'A-Za-z0-9_.-' '_')
ncu --clock-control none -k "regex:$regex" --launch-count 1 \
    --section SpeedOfLight --section LaunchStats --section Occupancy --section SchedulerStats \
    --section WarpStateStats --section MemoryWorkloadAnalysis --section InstructionStats \
    bin/measure --no-energy --only "$label" -o "$out/raw_$tag.csv" >"$out/ncu_$tag.txt" 2>&1
grep -E "Duration|DRAM Throughput|Memory Throughput|Registers Per|Achieved Occupancy|Issue Slots Busy|No Eligible|Executed Ipc A|Waves Per SM|Block Limit" \
    "$out/ncu_$tag.txt" | sed "s|^|$tag: |" >&2 || true
