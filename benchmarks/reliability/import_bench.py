"""Bulk work never blocks the door: a ban CSV import (`kiosk bans import`) while a kiosk process signs in.

    python -m benchmarks.reliability.import_bench 5000 100000      # rows per file (default: 5000)
    python -m benchmarks.reliability.import_bench --pg 5000         # on PostgreSQL instead of SQLite

For each size it writes a real CSV file, starts a kiosk process signing visitors in back to back, runs
the real command line import in another process, and prints how long the import took and the kiosk's
sign-in latency while it ran (p50, p99, max). The longest wait behind the import's write lock is what
must stay under 200 ms; the first sign-in after the import also rebuilds the screening index for the
new ban list (CPU, not a lock), shown on its own. "lock" is the time the kiosk waited for SQLite's
write lock (an empty write transaction before each sign-in): the part the import can cause.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from benchmarks.reliability.__main__ import PG_URL, Db, drop_db, fork, new_db, open_kiosk, sign_in

FIRST = ["William", "Karolina", "Priya", "Tom", "Ann", "Mohammed", "Siobhan", "Dariusz", "Chloe", "Kwame"]
LAST = ["Hargreaves", "Nowak", "Shah", "Lee", "Bell", "Khan", "O'Neill", "Kowalski", "Smith", "Mensah"]


def write_csv(path: Path, rows: int) -> None:
    start = date(2026, 1, 5)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("name,aliases,start,end,categories\n")
        for n in range(rows):
            name = f"{random.choice(FIRST)} {random.choice(LAST)}{n}"
            fh.write(f"{name},,{start.isoformat()},{(start + timedelta(days=3650)).isoformat()},\n")


def signer(db: Db, out: Path) -> None:
    app = open_kiosk(db, "Front door")
    with out.open("a", encoding="utf-8") as fh:
        n = 0
        while True:
            n += 1
            t0 = time.time()
            w0 = time.perf_counter()
            with app.deps.uow() as uow:  # entering takes the write lock, as complete() does
                wait = time.perf_counter() - w0
                uow.commit()
            took = sign_in(app, uuid.uuid4().hex, f"Visitor{n} Signer")
            fh.write(json.dumps({"t": t0, "s": took, "w": wait}) + "\n")
            fh.flush()


def run(size: int, kind: str, folder: Path) -> dict:
    db = new_db(kind, folder)
    csv_path = folder / f"bans-{size}.csv"
    write_csv(csv_path, size)
    out = folder / f"signins-{size}.jsonl"
    pid = fork(signer, db, out)
    time.sleep(3.0)  # the kiosk is warm and signing in
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATABASE_URL=db.url if not db.schema else db.url,
        KIOSK_DATA_DIR=os.environ["KIOSK_DATA_DIR"],
        KIOSK_CONFIG=str(folder / "none.toml"),
    )
    if db.schema:
        env["PGOPTIONS"] = f"-csearch_path={db.schema}"
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "bans", "import", str(csv_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    ended = time.time()
    time.sleep(3.0)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    records = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    during = sorted(r["s"] for r in records if started <= r["t"] and r["t"] + r["s"] <= ended)
    after = [r["s"] for r in records if r["t"] >= ended]
    lock = sorted(r["w"] for r in records if started <= r["t"] <= ended)
    drop_db(db)

    def pct(p: float) -> float:
        return during[min(len(during) - 1, int(p * len(during)))] * 1000 if during else float("nan")

    return {
        "rows": size,
        "db": kind,
        "import_s": ended - started,
        "import_ok": done.returncode == 0,
        "import_out": (done.stdout or done.stderr).strip().splitlines()[-1:] or [""],
        "signins_during": len(during),
        "p50_ms": pct(0.5),
        "p99_ms": pct(0.99),
        "max_ms": during[-1] * 1000 if during else float("nan"),
        "first_after_ms": after[0] * 1000 if after else float("nan"),
        "lock_p99_ms": lock[min(len(lock) - 1, int(0.99 * len(lock)))] * 1000 if lock else float("nan"),
        "lock_max_ms": lock[-1] * 1000 if lock else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.reliability.import_bench")
    p.add_argument("sizes", nargs="*", type=int, default=[5000])
    p.add_argument("--pg", action="store_true", help=f"PostgreSQL ({PG_URL}) instead of SQLite")
    args = p.parse_args(argv)
    import logging

    logging.basicConfig(level=logging.CRITICAL)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-import-"))
    os.environ["KIOSK_DATA_DIR"] = str(folder / "data")
    print(
        "rows     db          import s  ok   sign-ins  p50 ms  p99 ms  max ms  lock p99  lock max  first after ms"
    )
    worst = 0.0
    for size in args.sizes:
        r = run(size, "postgresql" if args.pg else "sqlite", folder)
        worst = max(worst, r["max_ms"])
        print(
            f"{r['rows']:<8} {r['db']:<10} {r['import_s']:9.1f}  {'yes' if r['import_ok'] else 'NO':<4}"
            f" {r['signins_during']:8d}  {r['p50_ms']:6.0f}  {r['p99_ms']:6.0f}  {r['max_ms']:6.0f}"
            f"  {r['lock_p99_ms']:8.0f}  {r['lock_max_ms']:8.0f}"
            f"  {r['first_after_ms']:14.0f}   {r['import_out'][0]}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
