#!/usr/bin/env python3
"""Prints the decode_step rows of raw CSVs as a table: time per step, share
of the run's read stream (bytes / time over the stream_read bandwidth),
tokens/s. Standard library only (runs on bare GPU machines).
usage: scripts/decode-table.py RAW.csv [RAW.csv ...]"""
import csv
import sys


def main(paths):
    for path in paths:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        stream = [int(r["bytes"]) / float(r["time_us_median"]) / 1e3 for r in rows if r["kernel"] == "stream_read"]
        bw = max(stream) if stream else float("nan")
        print(f"{path}: read stream {bw:.0f} GB/s")
        print(f"{'llm':16} {'format':12} {'b':>2} {'scheme':16} {'L':>3} {'launch':>6} {'us':>9} {'GB/s':>7} "
              f"{'stream':>6} {'tok/s':>8} check")
        for r in rows:
            if r["kernel"] != "decode_step":
                continue
            t = float(r["time_us_median"])
            gbs = int(r["bytes"]) / t / 1e3
            print(f"{r['llm']:16} {r['format']:12} {r['batch']:>2} {r['launch_scheme']:16} {r['n']:>3} "
                  f"{r['launches']:>6} {t:9.1f} {gbs:7.0f} {100 * gbs / bw:5.1f}% {float(r['tokens_per_s']):8.1f} "
                  f"{r['check']}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
