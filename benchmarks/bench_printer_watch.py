"""What the kiosk's printer watch costs, and how soon a stopped CUPS queue is noticed.

    python benchmarks/bench_printer_watch.py [--queue KioskPDF] [--polls 40] [--watch-s 5]

Measures, on a real CUPS queue: one poll (``CupsPrinter.status()``, i.e. ``lpstat -l -p QUEUE``) in wall
and CPU time (the child processes' CPU included), against a reference measured in the same run, a bare
``lpstat -p QUEUE`` started with subprocess; the share of one core the watch takes at ``--watch-s``; and,
on a throw-away queue of its own (removed afterwards), the time from ``cupsdisable`` until a running
watch (every 0.25 s here) tells its listener.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time

from kiosk.printing.printers import CupsPrinter
from kiosk.services.common import Deps, NullNotifier
from kiosk.services.printing import PrintingService

TEST_QUEUE = "KioskWatchBench"


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(call, n: int) -> tuple[float, float]:
    """Median wall ms and mean CPU ms of ``call``."""
    walls = []
    cpu0 = _cpu()
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        walls.append((time.perf_counter() - t0) * 1000)
    return statistics.median(walls), (_cpu() - cpu0) * 1000 / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", default="KioskPDF")
    parser.add_argument("--polls", type=int, default=40)
    parser.add_argument("--watch-s", type=float, default=5.0)
    args = parser.parse_args()
    if shutil.which("lpstat") is None:
        print("lpstat is not installed (cups-client)", file=sys.stderr)
        return 1
    printer = CupsPrinter(args.queue)
    if not printer.status().ready:
        print(f"the queue {args.queue} is not ready: {printer.status().message()}", file=sys.stderr)
        return 1
    env = {**os.environ, "LC_ALL": "C"}
    ref_wall, ref_cpu = _timed(
        lambda: subprocess.run(["lpstat", "-p", args.queue], capture_output=True, env=env, check=False),
        args.polls,
    )
    wall, cpu = _timed(printer.status, args.polls)
    print(f"one poll (status of {args.queue}): {wall:.1f} ms wall, {cpu:.1f} ms CPU")
    print(f"reference (bare lpstat -p):      {ref_wall:.1f} ms wall, {ref_cpu:.1f} ms CPU")
    print(f"ratio poll / reference: {wall / ref_wall:.2f} wall, {cpu / max(ref_cpu, 1e-9):.2f} CPU")
    print(f"share of one core at watch_s = {args.watch_s:g}: {cpu / (args.watch_s * 1000) * 100:.3f} %")

    made = subprocess.run(
        ["lpadmin", "-p", TEST_QUEUE, "-E", "-v", "kiosk-capture:/var/spool/kiosk-capture"],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        print(f"(no noticing time: could not make a test queue: {made.stderr.strip()})")
        return 0
    try:
        service = PrintingService(
            Deps(uow=None, clock=None, notifier=NullNotifier()), CupsPrinter(TEST_QUEUE)
        )  # type: ignore[arg-type]
        stopped = threading.Event()
        service.subscribe(lambda status: None if status.ready else stopped.set())
        service.start_watch(0.25, report=False)
        time.sleep(0.6)
        t0 = time.perf_counter()
        subprocess.run(["cupsdisable", TEST_QUEUE], check=True, capture_output=True)
        noticed = stopped.wait(10)
        seconds = time.perf_counter() - t0
        service.stop_watch()
        print(
            f"cupsdisable to the watch's listener (watch every 0.25 s): {seconds * 1000:.0f} ms"
            if noticed
            else "cupsdisable was not noticed within 10 s"
        )
    finally:
        subprocess.run(["lpadmin", "-x", TEST_QUEUE], capture_output=True, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
