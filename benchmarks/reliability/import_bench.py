"""Bulk work never blocks the door: a ban CSV import (`kiosk bans import`) while a kiosk process signs in.

    python -m benchmarks.reliability.import_bench 5000 100000      # rows per file (default: 5000)
    python -m benchmarks.reliability.import_bench --pg 5000         # on PostgreSQL instead of SQLite

For each size it writes a real CSV file, starts a kiosk process signing visitors in back to back, runs
the real command line import (as the head, whose decision an import is) in another process, and prints
how long the import took and the kiosk's sign-in latency while it ran (p50, p99, max), beside the same
kiosk's sign-ins in the seconds before the import began (the reference, measured in the same run: the
same kiosk and machine with the other writer idle; "ref wait" is its lock wait then). "load" is the
machine's 1-minute load average at the end.

"wait" is what the import can cause: the time each sign-in spent waiting for a lock the import held,
measured inside the kiosk's own sign-in transactions (SQLite: taking the write lock, BEGIN IMMEDIATE;
PostgreSQL: the audit chain's advisory lock, the one lock a sign-in shares with an import). It must
stay at most 200 ms. The first sign-in after the import also rebuilds the screening index for the new
ban list (CPU, not a lock), shown on its own.
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


def lock_timer(engine) -> list[float]:
    """Time this process spends waiting for the locks an import can hold; returns the list it appends to."""
    from sqlalchemy import event

    waits: list[float] = []
    if engine.dialect.name == "sqlite":
        # Around the engine's own "begin" handler (kiosk.db.engine), which loops on BEGIN IMMEDIATE until
        # it gets the write lock: the handler is taken off and put back timed.
        for handler in list(engine.dispatch.begin):
            event.remove(engine, "begin", handler)

            def timed(conn, handler=handler) -> None:
                t0 = time.perf_counter()
                try:
                    handler(conn)
                finally:
                    waits.append(time.perf_counter() - t0)

            event.listen(engine, "begin", timed)
    else:
        started: list[float] = []

        def before(conn, cursor, statement, *args) -> None:
            if "pg_advisory_xact_lock" in statement:
                started.append(time.perf_counter())

        def after(conn, cursor, statement, *args) -> None:
            if "pg_advisory_xact_lock" in statement and started:
                waits.append(time.perf_counter() - started.pop())

        event.listen(engine, "before_cursor_execute", before)
        event.listen(engine, "after_cursor_execute", after)
    return waits


def signer(db: Db, out: Path) -> None:
    app = open_kiosk(db, "Front door")
    waits = lock_timer(app.deps.uow.engine)
    with out.open("a", encoding="utf-8") as fh:
        n = 0
        while True:
            n += 1
            t0 = time.time()
            waits.clear()
            took = sign_in(app, uuid.uuid4().hex, f"Visitor{n} Signer")
            fh.write(json.dumps({"t": t0, "s": took, "w": sum(waits)}) + "\n")
            fh.flush()


HEAD_NAME, HEAD_PIN = "Helen Head", "73914682"
# After the import the kiosk goes on signing in until one sign-in has ended (at most this long): that
# first sign-in rebuilds the screening index for the new list.
AFTER_S = 180.0


def _ended_after(out: Path, when: float) -> bool:
    """Whether the kiosk has finished a sign-in after ``when`` (its file's last line says)."""
    for line in reversed(out.read_text().splitlines()):
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line still being written
        return record["t"] + record["s"] > when
    return False


def add_head(db: Db) -> None:
    """An administrator (the bootstrap) adds the head: importing the ban list is the head's decision."""
    from kiosk.domain.model import Actor, Role

    app = open_kiosk(db, "Set-up")
    try:
        app.staff.add(
            Actor(name="benchmark set-up", role=None, source="command line"),
            "Ada Admin",
            Role.ADMINISTRATOR,
            "5820461937",
        )
        admin = app.staff.authenticate("Ada Admin", "5820461937")
        app.staff.add(admin, HEAD_NAME, Role.HEAD, HEAD_PIN)
    finally:
        app.dispose()


def run(size: int, kind: str, folder: Path) -> dict:
    db = new_db(kind, folder)
    add_head(db)
    csv_path = folder / f"bans-{size}.csv"
    write_csv(csv_path, size)
    out = folder / f"signins-{size}.jsonl"
    pid = fork(signer, db, out)
    time.sleep(5.0)  # the kiosk is warm and signing in: the reference
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        # A schema travels in the address, as an installation sharing one database gives it (the
        # command line then finds that schema's audit key beside the kiosk's).
        KIOSK_DATABASE_URL=f"{db.url}?options=-csearch_path%3D{db.schema}" if db.schema else db.url,
        KIOSK_DATA_DIR=os.environ["KIOSK_DATA_DIR"],
        KIOSK_CONFIG=str(folder / "none.toml"),
    )
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--as", HEAD_NAME, "--pin-stdin", "bans", "import", str(csv_path)],
        input=HEAD_PIN + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    ended = time.time()
    deadline = time.monotonic() + AFTER_S
    while time.monotonic() < deadline and not _ended_after(out, ended):
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    records = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    during_records = [r for r in records if started <= r["t"] and r["t"] + r["s"] <= ended]
    during = sorted(r["s"] for r in during_records)
    before_records = [r for r in records[1:] if r["t"] + r["s"] < started]  # [0] builds the index
    before = sorted(r["s"] for r in before_records)
    # The first sign-in to end after the import: it began once the new list was in, and rebuilt the index.
    after = [r["s"] for r in records if r["t"] + r["s"] > ended]
    wait = sorted(r["w"] for r in during_records)
    wait_before = sorted(r["w"] for r in before_records)
    drop_db(db)

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))] * 1000 if values else float("nan")

    return {
        "rows": size,
        "db": kind,
        "import_s": ended - started,
        "import_ok": done.returncode == 0,
        "import_out": (done.stdout or done.stderr).strip().splitlines()[-1:] or [""],
        "signins_during": len(during),
        "before_p50_ms": pct(before, 0.5),
        "before_p99_ms": pct(before, 0.99),
        "p50_ms": pct(during, 0.5),
        "p99_ms": pct(during, 0.99),
        "max_ms": pct(during, 1.0),
        "ref_wait_p50_ms": pct(wait_before, 0.5),
        "ref_wait_p99_ms": pct(wait_before, 0.99),
        "ref_wait_max_ms": pct(wait_before, 1.0),
        "load": os.getloadavg()[0],
        "wait_p50_ms": pct(wait, 0.5),
        "wait_p99_ms": pct(wait, 0.99),
        "wait_max_ms": pct(wait, 1.0),
        "first_after_ms": after[0] * 1000 if after else float("nan"),
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
        "rows     db          import s  ok   sign-ins  before p50/p99  during p50  p99   max"
        "  ref wait p50  p99  max  wait p50  p99  max  first after ms  load"
    )
    for size in args.sizes:
        r = run(size, "postgresql" if args.pg else "sqlite", folder)
        print(
            f"{r['rows']:<8} {r['db']:<10} {r['import_s']:9.1f}  {'yes' if r['import_ok'] else 'NO':<4}"
            f" {r['signins_during']:8d}  {r['before_p50_ms']:6.0f} /{r['before_p99_ms']:5.0f}"
            f"  {r['p50_ms']:10.0f} {r['p99_ms']:5.0f} {r['max_ms']:5.0f}"
            f"  {r['ref_wait_p50_ms']:12.1f} {r['ref_wait_p99_ms']:4.0f} {r['ref_wait_max_ms']:4.0f}"
            f"  {r['wait_p50_ms']:8.1f} {r['wait_p99_ms']:4.0f} {r['wait_max_ms']:4.0f}"
            f"  {r['first_after_ms']:14.0f}  {r['load']:4.1f}   {r['import_out'][0]}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
