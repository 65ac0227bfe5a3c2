"""Start-up time of the PyInstaller bundle (dist/kiosk/kiosk) in a clean environment: size and timings.

    .venv/bin/python benchmarks/bench_bundle_start.py [--bundle dist/kiosk] [--runs 10] [--drop-caches]

Runs `kiosk --help` and `kiosk db upgrade` (a new SQLite file each run) with only PATH, HOME and
QT_QPA_PLATFORM set, as on a machine without Python. The first run is reported on its own as "cold";
with --drop-caches (root on Linux) the page cache is emptied before it, as after a reboot.
Prints the bundle's size, then median and max of the warm runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def drop_caches() -> bool:
    """Empty the Linux page cache (needs root); False when not possible here."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    return (time.perf_counter() - start) * 1000


def bundle_size(bundle: Path) -> int:
    return sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "kiosk")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--drop-caches", action="store_true", help="empty the page cache before the cold runs")
    args = ap.parse_args()
    program = args.bundle / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
    if not program.is_file():
        sys.exit(f"no bundle at {args.bundle}; build it with installer/build.sh")
    print(f"bundle {args.bundle}: {bundle_size(args.bundle) / 1e6:.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        jobs = {
            "--help": lambda n: timed([str(program), "--help"], env),
            "db upgrade": lambda n: timed(
                [str(program), "db", "upgrade"],
                {**env, "KIOSK_DATABASE_URL": f"sqlite:///{tmp}/k{n}.sqlite3"},
            ),
        }
        for name, job in jobs.items():
            dropped = args.drop_caches and drop_caches()
            cold = job(0)
            warm = [job(n) for n in range(1, args.runs + 1)]
            label = "cold (page cache dropped)" if dropped else "first run"
            print(
                f"kiosk {name}: {label} {cold:.0f} ms; warm over {args.runs} runs: "
                f"median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms"
            )


if __name__ == "__main__":
    main()
