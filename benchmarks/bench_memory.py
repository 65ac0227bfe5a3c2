"""The kiosk's resident memory: once it is up, and over 500 sign-ins through the real window.

    python benchmarks/bench_memory.py [--signins 500] [--quick] [--json]

Starts the kiosk in a fresh process as it runs (the live services on a SQLite file, the window at
1920×1080, the warm-up after the first paint), then signs new visitors in one after another through
the window with QTest taps on the real buttons and keys (benchmarks/bench_taps.py drives it), each
with a badge printed to the file printer. Prints the resident memory at start, after the first
sign-in and after every 100, and the growth per 100 sign-ins after the first 50 (a leak shows there).
Goals: ≤ 150 MB at start and flat (growth well under 1 MB per 100 sign-ins). ``--quick``: 100 sign-ins.
The cold start's own memory, beside a minimal PySide6 window's, is printed by bench_kiosk_start.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL_MB, GOAL_GROWTH_MB = 150.0, 1.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--signins", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="100 sign-ins")
    parser.add_argument("--json", action="store_true", help="one JSON line (for run_all.py)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = 100 if args.quick else args.signins
    if args.child:
        sys.path[:0] = [str(HERE.parent), str(HERE)]
        from bench_taps import journeys

        _times, memory = journeys(count)
        print(json.dumps(memory))
        return 0
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--signins", str(count)],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE.parent,
    )
    if out.returncode != 0:
        raise SystemExit(f"the benchmark's child failed:\n{out.stderr[-3000:]}")
    memory = json.loads(out.stdout.strip().splitlines()[-1])
    start, after = memory[0], memory[1:]
    base = min(50, len(after) // 2)
    growth = (after[-1] - after[base]) / max(1, len(after) - 1 - base) * 100
    ok = start <= GOAL_MB and growth <= GOAL_GROWTH_MB
    result = {
        "start_mb": start,
        "first_mb": after[0],
        "end_mb": after[-1],
        "signins": len(after),
        "growth_mb_per_100": growth,
        "ok": ok,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"kiosk resident memory over {len(after)} sign-ins through the window:")
    print(f"  up, warm-up done     {start:7.1f} MB")
    print(f"  after sign-in 1      {after[0]:7.1f} MB")
    for n in range(100, len(after) + 1, 100):
        print(f"  after sign-in {n:<6} {after[n - 1]:7.1f} MB")
    print(
        f"  growth after sign-in {base + 1}: {growth:+.2f} MB per 100 sign-ins "
        f"(goal: ≤ {GOAL_MB:.0f} MB at start, ≤ {GOAL_GROWTH_MB:.0f} MB per 100) {'OK' if ok else 'HIGH'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
