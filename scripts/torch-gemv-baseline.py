#!/usr/bin/env python3
"""Where DESIGN.md's cuBLAS reference (torch.matmul, cold L2, 8192^2: 62.0 us)
comes from, next to cuBLAS timed the way measure times it.

Kernel development only; needs PyTorch on a CUDA machine. For an n x n fp16
matrix times a vector, prints the median of:
  per-call cold   events around each torch.matmul, L2 flushed before each
                  (the host's dispatch time counts when the GPU waits on it)
  per-call warm   the same without the flush
  loop            events around 200 back-to-back calls, divided by 200
                  (how measure times every kernel, cuBLAS included)
"""
import statistics
import sys

import torch


def per_call(fn, flush, reps=100):
    times = []
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    for _ in range(reps):
        if flush is not None:
            flush.zero_()
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop) * 1e3)
    return statistics.median(times)


def loop(fn, calls=200, reps=10):
    times = []
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    for _ in range(reps):
        start.record()
        for _ in range(calls):
            fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop) * 1e3 / calls)
    return statistics.median(times)


def main():
    print(f"device: {torch.cuda.get_device_name()}, torch {torch.__version__}")
    flush = torch.empty(256 << 20, dtype=torch.uint8, device="cuda")  # 256 MiB > L2
    for n in (4096, 8192, 16384):
        w = torch.randn(n, n, dtype=torch.float16, device="cuda")
        x = torch.randn(n, dtype=torch.float16, device="cuda")
        fn = lambda: torch.matmul(w, x)
        for _ in range(20):
            fn()
        torch.cuda.synchronize()
        mb = n * n * 2 / 1e6
        cold, warm, lp = per_call(fn, flush), per_call(fn, None), loop(fn)
        print(f"{n}x{n} fp16 ({mb:.1f} MB): per-call cold {cold:.1f} us, "
              f"per-call warm {warm:.1f} us, loop {lp:.1f} us ({mb / lp * 1e3:.0f} GB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
