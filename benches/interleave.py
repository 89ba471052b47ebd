#!/usr/bin/env python3
"""Whole-process timings of two builds, interleaved, for a fair before/after.

Usage: benches/interleave.py BEFORE AFTER "ARGS" RUNS
  e.g. benches/interleave.py /tmp/claimlens-old target/release/claimlens \
           "--data /tmp/claimlens-peers/t1000000 render --width 160 --height 48" 40

Timings on a shared machine drift over minutes, so the two binaries are run
in the order A B B A A B ...: a drift then weighs on both alike. Each run is
a whole process started from Python (which adds the same few ms to both);
output goes to /dev/null. Prints the median, mean, 10th and 90th percentile.
"""
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    a, b, args, runs = sys.argv[1], sys.argv[2], sys.argv[3].split(), int(sys.argv[4])
    times = {a: [], b: []}
    for i in range(runs):
        for exe in (a, b) if i % 2 == 0 else (b, a):
            start = time.perf_counter()
            subprocess.run([exe] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[exe].append((time.perf_counter() - start) * 1000)
    for exe in (a, b):
        t = sorted(times[exe])
        print(f"{exe:40s} median {statistics.median(t):7.1f}  mean {statistics.mean(t):7.1f}"
              f"  p10 {t[len(t) // 10]:7.1f}  p90 {t[9 * len(t) // 10]:7.1f} ms")


if __name__ == "__main__":
    main()
