"""Several kiosks signing visitors in at once on one SQLite file: sign-in latency and the write lock.

    PYTHONPATH=. python benchmarks/bench_sqlite_writers.py [--writers 4] [--signins 100]
                                                           [--interval 2.0 | --flat-out] [--bans 1000]
                                                           [--json]

A fresh SQLite database (``kiosk db upgrade``'s schema, ``--bans`` active bans, the default policy) is
shared by ``--writers`` kiosk processes, each built as the kiosk builds itself (kiosk.app ``build_app``,
its own kiosk name, the real screener, the real unit of work with its write lock, audit chain and anchor
file). Each signs new visitors in through the real services as the kiosk does: ``screen`` (name given),
``complete`` with the policy agreed and ``print_later`` (Done shows), then ``print_badge`` (a printer that
takes the badge at once; bench_badge.py times the PDF) which records the badge's outcome.

A sign-in is timed from ``screen`` to ``complete`` returning (what the visitor waits for); the badge's
record is timed apart. At ``--interval`` seconds between one kiosk's sign-ins (a new visitor every 2 s at
each of 4 kiosks is a school's morning peak and more: 120 a minute), each kiosk's start offset so the
sign-ins do not arrive in lockstep, or ``--flat-out``: one after another with no pause (the worst case).

Printed: p50/p90/p99/max per kiosk and overall; the write transactions per sign-in, how long each held
SQLite's write lock (p50/p99/max, BEGIN IMMEDIATE to COMMIT returned, the fsync included); how many had to
wait for the lock and for how long; and any "database is locked" that reached a visitor. Beside it, the
reference: ONE kiosk alone doing the same, measured first in the same run, and the ratio of the p99s.
Goal (issue #20): sign-in p99 ≤ 50 ms with 4 writers on a quiet machine. Every visitor is then checked to
be in the database exactly once (exit 1 if not, or if any sign-in failed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOAL_P99_MS = 50.0


def _p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class _Printer:
    def __init__(self) -> None:
        self.printed = 0

    def print_badge(self, badge) -> None:
        self.printed += 1


def _settings(url: str, name: str):
    from kiosk.config import KioskSettings, Settings

    return Settings(database_url=url, kiosk=KioskSettings(name=name))


def prepare(url: str, bans: int) -> None:
    """The shared database: schema, staff, ``bans`` bans, the default policy."""
    from kiosk.app import build_app
    from kiosk.domain.model import Actor, Ban, Role

    app = build_app(_settings(url, "Set-up"), printer=_Printer(), create=True)
    try:
        boot = Actor(name="bench", role=None, source="command line")
        app.staff.add(boot, "Bench Admin", Role.ADMINISTRATOR, "975310")
        admin = app.staff.authenticate("Bench Admin", "975310")
        app.staff.add(admin, "Bench Head", Role.HEAD, "864213")
        head = app.staff.authenticate("Bench Head", "864213")
        today = app.deps.clock.today()
        for i in range(bans):
            app.bans.create(head, Ban(id=None, name=f"Banned{i:05d} Person{i % 97:02d}", start=today))
        if app.sign_in.current_policy() is None:
            raise SystemExit("the database has no policy to agree to")
    finally:
        app.dispose()


class _LockWatch:
    """Times each write transaction: the wait for SQLite's write lock (BEGIN IMMEDIATE) and how long it
    was held (from BEGIN IMMEDIATE returning to COMMIT or ROLLBACK returning), through engine events."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        from kiosk.db.engine import READONLY

        self.waits: list[float] = []  # seconds waited for the lock, per write transaction
        self.held: list[float] = []  # seconds the lock was held, per write transaction
        self.local = threading.local()
        self.on = False

        def before(conn) -> None:
            self.local.asked = time.perf_counter()

        def after(conn) -> None:
            if conn.get_execution_options().get(READONLY):
                self.local.got = None
                return
            self.local.got = time.perf_counter()
            if self.on:
                self.waits.append(self.local.got - self.local.asked)

        def done() -> None:
            got = getattr(self.local, "got", None)
            if got is not None and self.on:
                self.held.append(time.perf_counter() - got)
            self.local.got = None

        # The engine's own "begin" listener takes the lock: one listener runs before it, one after (the
        # engine's listeners are taken off and put back between the two, so the order is certain).
        own = list(engine.dispatch.begin)
        for fn in own:
            event.remove(engine, "begin", fn)
        event.listen(engine, "begin", before)
        for fn in own:
            event.listen(engine, "begin", fn)
        event.listen(engine, "begin", after)
        # The lock is released when the driver's COMMIT (or ROLLBACK) returns: SQLAlchemy has no event
        # after it, so the dialect's own two calls are wrapped (this process's engine only).
        dialect = engine.dialect
        for name in ("do_commit", "do_rollback"):
            call = getattr(dialect, name)

            def wrapped(dbapi_connection, _call=call) -> None:
                try:
                    _call(dbapi_connection)
                finally:
                    done()

            setattr(dialect, name, wrapped)


def child(args: argparse.Namespace) -> int:
    """One kiosk: warm up, wait for the common start, sign ``--signins`` visitors in, print one JSON line."""
    from kiosk.app import build_app
    from kiosk.domain.errors import DatabaseUnavailable
    from kiosk.domain.model import PersonType
    from kiosk.services.visits import VisitDetails

    printer = _Printer()
    app = build_app(_settings(args.url, args.name), printer=printer, create=False, migrate=False)
    watch = _LockWatch(app.deps.uow.engine)
    sign_in, place = app.sign_in, app.place
    failures: list[str] = []
    times: list[float] = []
    badges: list[float] = []

    def one(first: str, last: str) -> float:
        started = time.perf_counter()
        screened = sign_in.screen(first, last, PersonType.VISITOR, place)
        policy = sign_in.current_policy()
        result = sign_in.complete(
            screened,
            VisitDetails(host="Reception", purpose="Meeting"),
            place,
            acknowledged_policy_id=policy.id if policy is not None else None,
            journey_key=uuid.uuid4().hex,
            print_later=True,
        )
        took = time.perf_counter() - started
        started = time.perf_counter()
        sign_in.print_badge(result.visit.id)
        badges.append(time.perf_counter() - started)
        return took

    try:
        for i in range(3):  # the screener built, the first statements prepared
            one(f"Warm{args.tag}", f"Up{i}")
        badges.clear()
        pause = 0.0 if args.flat_out else args.interval
        time.sleep(max(0.0, args.start_at - time.time()) + args.offset)
        watch.on = True
        due = time.perf_counter()
        for i in range(args.signins):
            try:
                times.append(one(f"Guest{args.tag}x{i:04d}", "Visiting"))
            except DatabaseUnavailable as exc:
                failures.append(str(exc).splitlines()[0])
            due += pause
            time.sleep(max(0.0, due - time.perf_counter()))
        watch.on = False
    finally:
        app.dispose()
    print(
        json.dumps(
            {
                "name": args.name,
                "times": times,
                "badges": badges,
                "waits": watch.waits,
                "held": watch.held,
                "failures": failures,
                "printed": printer.printed,
            }
        )
    )
    return 0


def phase(url: str, writers: int, args: argparse.Namespace, label: str) -> list[dict]:
    """``writers`` kiosk processes at once; their answers."""
    start_at = time.time() + 12.0 + 2.0 * writers  # every child built and warmed up by then
    procs = []
    for k in range(writers):
        offset = 0.0 if args.flat_out else args.interval * k / writers
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--url",
            url,
            "--name",
            f"Kiosk {label} {k + 1}",
            "--tag",
            f"{label}{k + 1}",
            "--signins",
            str(args.signins),
            "--interval",
            str(args.interval),
            "--start-at",
            str(start_at),
            "--offset",
            str(offset),
        ]
        if args.flat_out:
            cmd.append("--flat-out")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        procs.append(
            subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        )
    answers = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode != 0 or not out.strip():
            raise SystemExit(f"a kiosk process failed (exit {proc.returncode}):\n{err[-3000:]}")
        answers.append(json.loads(out.strip().splitlines()[-1]))
    return answers


def summary(answers: list[dict]) -> dict:
    times = [t for a in answers for t in a["times"]]
    waits = [w for a in answers for w in a["waits"]]
    held = [h for a in answers for h in a["held"]]
    badges = [b for a in answers for b in a["badges"]]
    waited = [w for w in waits if w > 0.001]
    return {
        "n": len(times),
        "p50": statistics.median(times) * 1000 if times else 0.0,
        "p90": _p(times, 0.90) * 1000,
        "p99": _p(times, 0.99) * 1000,
        "max": max(times, default=0.0) * 1000,
        "badge_p99": _p(badges, 0.99) * 1000,
        "tx_per_signin": len(held) / max(1, len(times)),
        "held_p50": statistics.median(held) * 1000 if held else 0.0,
        "held_p99": _p(held, 0.99) * 1000,
        "held_max": max(held, default=0.0) * 1000,
        "waited": len(waited),
        "tx": len(waits),
        "wait_p99": _p(waits, 0.99) * 1000,
        "wait_max": max(waits, default=0.0) * 1000,
        "failures": sum(len(a["failures"]) for a in answers),
    }


def _line(label: str, s: dict) -> str:
    return (
        f"{label:<16} {s['n']:>5}  p50 {s['p50']:6.1f}  p90 {s['p90']:6.1f}  p99 {s['p99']:6.1f}  "
        f"max {s['max']:6.1f} ms"
    )


def check_once(url: str, tags: list[str]) -> tuple[int, int]:
    """(visits, distinct journeys) of the timed guests."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                sa.text(
                    "SELECT COUNT(*), COUNT(DISTINCT journey_key) FROM visits WHERE name_as_typed LIKE 'Guest%'"
                )
            ).one()
    finally:
        engine.dispose()
    return int(row[0]), int(row[1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--writers", type=int, default=4, help="kiosk processes at once (default 4)")
    parser.add_argument("--signins", type=int, default=100, help="timed sign-ins per kiosk (default 100)")
    parser.add_argument(
        "--interval", type=float, default=2.0, help="seconds between one kiosk's sign-ins (default 2)"
    )
    parser.add_argument("--flat-out", action="store_true", help="no pause between sign-ins")
    parser.add_argument("--bans", type=int, default=1000, help="active bans (default 1000)")
    parser.add_argument("--json", action="store_true", help="also one JSON line last (for run_all.py)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.add_argument("--tag", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--offset", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.writers < 1 or args.signins < 1 or args.interval < 0:
        parser.error("--writers and --signins must be at least 1, --interval not negative")

    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-writers-"))
    os.environ.setdefault("KIOSK_DATA_DIR", str(folder))
    os.environ.setdefault("KIOSK_CONFIG", str(folder / "kiosk.toml"))
    url = f"sqlite:///{folder / 'kiosk.db'}"
    prepare(url, args.bans)

    alone = phase(url, 1, args, "A")
    together = phase(url, args.writers, args, "W")
    ref, many = summary(alone), summary(together)
    visits, journeys = check_once(url, [])
    expected = args.signins * (1 + args.writers)
    ratio = many["p99"] / ref["p99"] if ref["p99"] else 0.0
    ok = many["p99"] <= GOAL_P99_MS and many["failures"] == 0 and visits == journeys == expected

    mode = "flat out" if args.flat_out else f"one every {args.interval:g} s per kiosk"
    load = os.getloadavg()
    print(
        f"SQLite, {args.writers} kiosk processes on one file, {mode}, {args.bans} bans; "
        f"load {load[0]:.1f} on {os.cpu_count()} cores"
    )
    print("sign-in (screen + complete), ms:")
    print(_line("1 kiosk alone", ref))
    for a in together:
        print(_line(f"  {a['name'].split(' ', 2)[-1]:<14}", summary([a])))
    print(_line(f"{args.writers} at once", many))
    print(
        f"p99 with {args.writers} writers = {ratio:.2f}x one writer alone "
        f"(goal ≤ {GOAL_P99_MS:.0f} ms): {'OK' if many['p99'] <= GOAL_P99_MS else 'over'}"
    )
    for label, s in (("alone", ref), (f"{args.writers} at once", many)):
        print(
            f"write lock, {label:<10} {s['tx_per_signin']:.1f} write transactions per sign-in (badge's included); "
            f"held p50 {s['held_p50']:.1f} / p99 {s['held_p99']:.1f} / max {s['held_max']:.1f} ms; "
            f"{s['waited']} of {s['tx']} waited for it (p99 {s['wait_p99']:.1f}, max {s['wait_max']:.1f} ms); "
            f"badge recorded p99 {s['badge_p99']:.1f} ms"
        )
    print(
        f"'database is locked' (or any database error) reaching a visitor: {many['failures'] + ref['failures']}; "
        f"visits {visits}, journeys {journeys} (expected {expected} each)"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "writers": args.writers,
                    "mode": mode,
                    "alone": ref,
                    "together": many,
                    "ratio": ratio,
                    "load": load[0],
                    "once": visits == journeys == expected,
                    "ok": ok,
                }
            )
        )
    return 0 if many["failures"] == 0 and visits == journeys == expected else 1


if __name__ == "__main__":
    sys.exit(main())
