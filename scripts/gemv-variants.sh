#!/usr/bin/env bash
# Kernel development: build compile-time variants of measure, check each on
# the ragged shapes, then time the same GEMV cases on every variant under
# every RL_GEMV_* setting. Reads clocks and power; never sets them.
#   scripts/gemv-variants.sh OUTDIR [NAME:DEFS ...]
#     NAME:DEFS   a variant built with NVCC_DEFS=DEFS (';' separates -D flags),
#                 e.g. pf0:-DGEMV_B1_PF=0. bin/measure as it is built is "base".
#     NAME:@DIR   a measure built elsewhere (an older commit), DIR/measure
#   CASES         measure --only list of the timed cases
#   SETTINGS      space-separated settings, each a comma-separated list of
#                 RL_GEMV_* assignments ("-" for none), e.g. "- RL_GEMV_PATH=2,RL_GEMV_ROWS=32"
#   CHECK         measure --only list of the checked cases (default: gemv/)
# Writes OUTDIR/times.txt (variant, setting, case, median us, check) and
# OUTDIR/raw.tar.gz (every raw CSV).
set -euo pipefail
out=${1:?usage: scripts/gemv-variants.sh OUTDIR [NAME:DEFS ...]}
shift
mkdir -p "$out/raw"
log() { echo "gemv-variants: $*" >&2; }
arch=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -n1 | tr -d '.')
make -j"$(nproc)" bin/measure CUDA_ARCH="$arch" ${GIT_COMMIT:+GIT_COMMIT=$GIT_COMMIT} >"$out/build.log" 2>&1 \
    || { tail -n 30 "$out/build.log" >&2; exit 1; }
variants=("base:bin")
for v in "$@"; do
    name=${v%%:*} defs=${v#*:}
    if [ "${defs:0:1}" = "@" ]; then
        variants+=("$name:${defs:1}")
        continue
    fi
    rm -rf "build-$name" && cp -r build "build-$name"
    rm -f "build-$name"/kernels/*.o
    make -j"$(nproc)" B="build-$name" BIN="bin-$name" "bin-$name/measure" CUDA_ARCH="$arch" \
        NVCC_DEFS="${defs//;/ }" ${GIT_COMMIT:+GIT_COMMIT=$GIT_COMMIT} >>"$out/build.log" 2>&1 \
        || { tail -n 30 "$out/build.log" >&2; exit 1; }
    variants+=("$name:bin-$name")
done
: >"$out/times.txt"
for v in "${variants[@]}"; do
    name=${v%%:*} bin=${v#*:}
    for setting in ${SETTINGS:--}; do
        env_args=()
        [ "$setting" != "-" ] && IFS=, read -r -a env_args <<<"$setting"
        log "$name $setting: check"
        env "${env_args[@]}" "$bin/measure" --check-only --only "${CHECK:-gemv/}" >"$out/check_${name}.log" 2>&1 \
            || { log "$name $setting: CHECK FAILED"; tail -n 5 "$out/check_${name}.log" >&2; echo "$name $setting check FAILED" >>"$out/times.txt"; continue; }
        csv="$out/raw/${name}_$(echo "$setting" | tr -c 'A-Za-z0-9' '_').csv"
        env "${env_args[@]}" "$bin/measure" --no-energy --only "${CASES:?CASES}" -o "$csv" 2>/dev/null || true
        [ -f "$csv" ] && awk -F, -v v="$name" -v s="$setting" \
            'NR > 1 { printf "%-6s %-36s %-14s %6sx%-6s b%-2s %9.2f us  %s\n", v, s, $5, $6, $7, $8, $11, $22 }' "$csv" >>"$out/times.txt"
    done
done
tar -czf "$out/raw.tar.gz" -C "$out" raw && rm -rf "$out/raw"
cat "$out/times.txt"
