#!/bin/sh
# Exits 0 when this machine has a CUDA GPU that answers, 1 when it has none.
# make report asks before it builds bin/measure (a fat CUDA binary, about
# 90 s on 2 cores), so a machine with nvcc but no GPU only renders the
# archive. scripts/report.sh asks again before it measures.
#   RL_HAVE_GPU=1 or 0  overrides the answer (tests)
# A discrete GPU: nvidia-smi lists it ("GPU 0: NVIDIA H100 ..."); without a
# driver nvidia-smi is missing or fails. A Jetson: its integrated GPU's
# device node (JetPack 5: /dev/nvhost-ctrl-gpu, JetPack 6 and 7:
# /dev/nvgpu/igpu0/ctrl); nvidia-smi there lists no GPU before JetPack 6.
case ${RL_HAVE_GPU:-} in
1) exit 0 ;;
0) exit 1 ;;
esac
[ -e /dev/nvhost-ctrl-gpu ] || [ -e /dev/nvgpu/igpu0/ctrl ] && exit 0
command -v nvidia-smi >/dev/null 2>&1 || exit 1
nvidia-smi -L 2>/dev/null | grep -q '^GPU [0-9]'
