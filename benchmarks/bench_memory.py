"""The kiosk's resident memory: once it is up, and over 500 sign-ins through the real window.

    python benchmarks/bench_memory.py [--signins 500] [--quick] [--json]

Starts the kiosk in a fresh process as it runs (the live services on a SQLite file, the window at
1920×1080, the warm-up after the first paint), then signs new visitors in one after another through
the window with QTest taps on the real buttons and keys (benchmarks/bench_taps.py drives it), each
with a badge printed to the file printer. Prints the resident memory at start, after the first
sign-in and after every 100, and the growth per 100 sign-ins after the first 50 (a leak shows there).
Goals: ≤ 150 MB at start and flat (growth well under 1 MB per 100 sign-ins). ``--quick``: 100 sign-ins.
A minimal PySide6 window (a QApplication and one 1920×1080 label, painted) is measured in the same run,
before and after the kiosk, as the floor: Qt's own share of the figure.
The database is made beforehand by `kiosk db upgrade` in a process of its own, as on a real install
(Alembic never loads in the kiosk's process). The cold start's own memory is printed by
bench_kiosk_start.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from installed import warmed_env  # noqa: E402

GOAL_MB, GOAL_GROWTH_MB = 150.0, 1.0


# The floor: Qt's own resident memory for one painted 1920×1080 window, in a fresh interpreter.
MINIMAL = r"""
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
painted = []
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            painted.append(1)
        return False
label = QLabel("Welcome")
watch = Watch()
label.installEventFilter(watch)
label.resize(1920, 1080)
label.show()
while not painted:
    app.processEvents()
app.processEvents()
with open("/proc/self/statm") as fh:
    print(int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6)
"""


def minimal_mb() -> float:
    out = subprocess.run([sys.executable, "-c", MINIMAL], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


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
    floor = [minimal_mb()]
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-memory-") as folder:
        env = warmed_env(Path(folder))  # compiled bytecode, as an installed kiosk has it
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--signins", str(count)],
            capture_output=True,
            text=True,
            check=False,
            cwd=HERE.parent,
            env=env,
        )
    if out.returncode != 0:
        raise SystemExit(f"the benchmark's child failed:\n{out.stderr[-3000:]}")
    memory = json.loads(out.stdout.strip().splitlines()[-1])
    floor.append(minimal_mb())
    minimal = sorted(floor)[0]
    start, after = memory[0], memory[1:]
    base = min(50, len(after) // 2)
    growth = (after[-1] - after[base]) / max(1, len(after) - 1 - base) * 100
    ok = start <= GOAL_MB and growth <= GOAL_GROWTH_MB
    result = {
        "start_mb": start,
        "minimal_mb": minimal,
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
    print(f"  minimal PySide6 window {minimal:5.1f} MB  (one 1920×1080 label, painted; the floor, same run)")
    print(f"  up, warm-up done     {start:7.1f} MB  ({start - minimal:+.1f} MB over the minimal window)")
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
