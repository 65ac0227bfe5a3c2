"""Start-up time of `kiosk --help` (a fresh interpreter each run): median, mean and max.

.venv/bin/python benchmarks/bench_cli_start.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    subprocess.run(
        [sys.executable, "-m", "kiosk", "--help"], capture_output=True, check=True
    )  # warm the disk cache
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kiosk", "--help"], capture_output=True, check=True)
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"kiosk --help over {args.runs} runs: median {statistics.median(times):.0f} ms, "
        f"mean {statistics.mean(times):.0f} ms, max {max(times):.0f} ms"
    )


if __name__ == "__main__":
    main()
