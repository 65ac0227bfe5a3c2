"""The fault suite: the kiosk's sign-in under kill -9, concurrency, lost databases, dropped connections,
locks, dead printers and mail outages, on real SQLite files and the real PostgreSQL server.

    python -m benchmarks.reliability            # long form: 1,000 kills per database (about 25 minutes)
    python -m benchmarks.reliability --short    # about 50 kills per database, each fault once (< 3 minutes)
    python -m benchmarks.reliability --kills 200 --only sqlite
    python -m benchmarks.reliability --short --together   # the kill loops and single faults at once (the test)

It prints one row per scenario: kills, visits acknowledged (complete() returned to the kiosk), lost
(acknowledged but not in the database), duplicated (one journey, two visits), half-written (a visit
without its person, acknowledgement or audit row; a person without a visit; a badge left "pending"
after the kiosk came back), handled (the fault handled as it must be: sign-ins refused, the visitor told
their badge comes from reception, the email sent within 10 s), and p50/p99 sign-in
latency (screen + complete). Exit status 1 when anything was lost, duplicated or half-written, or a
fault did not fail closed.

Each kiosk is the real service stack (kiosk.app.build_app) in a forked process; the badge printer is a
stand-in that takes a few milliseconds (printing is measured by its own scenarios). PostgreSQL is
KIOSK_TEST_PG_URL or postgres@127.0.0.1:5432/test, each scenario in its own schema.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@dataclass
class Row:
    scenario: str
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    duplicated: int = 0
    half_written: int = 0
    # "5/5": the fault was handled as it must be (sign-ins refused, visitor told, email on time); "" n/a
    failed_closed: str = ""
    latencies: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        closed_ok = True
        if self.failed_closed:
            done, of = self.failed_closed.split("/")
            closed_ok = done == of
        return not (self.lost or self.duplicated or self.half_written) and closed_ok

    def cells(self) -> list[str]:
        lat = sorted(self.latencies)

        def pct(p: float) -> str:
            if not lat:
                return "-"
            return f"{lat[min(len(lat) - 1, int(p * len(lat)))] * 1000:.0f}"

        return [
            self.scenario,
            str(self.kills),
            str(self.acknowledged),
            str(self.lost),
            str(self.duplicated),
            str(self.half_written),
            self.failed_closed or "-",
            pct(0.5),
            pct(0.99),
            self.note,
        ]


HEAD = ["scenario", "kills", "acked", "lost", "dup", "half", "handled", "p50 ms", "p99 ms", "note"]


def print_table(rows: list[Row]) -> None:
    cells = [HEAD, *[r.cells() for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEAD))]
    for n, line in enumerate(cells):
        print(
            "  ".join(
                c.ljust(w) if i in (0, 9) else c.rjust(w)
                for i, (c, w) in enumerate(zip(line, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))
    sys.stdout.flush()


# ---------------------------------------------------------------- databases


@dataclass
class Db:
    kind: str
    url: str
    schema: str | None = None
    path: Path | None = None


def new_db(kind: str, folder: Path) -> Db:
    from kiosk.app import build_app
    from kiosk.config import Settings

    if kind == "sqlite":
        path = folder / f"kiosk-{uuid.uuid4().hex[:6]}.sqlite3"
        db = Db(kind, f"sqlite:///{path}", path=path)
    else:
        import sqlalchemy as sa

        schema = f"rel_{uuid.uuid4().hex[:10]}"
        engine = sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        db = Db(kind, PG_URL, schema=schema)
    build_app(Settings(database_url=db.url), schema=db.schema).dispose()
    return db


def drop_db(db: Db) -> None:
    if db.schema:
        import sqlalchemy as sa

        engine = sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{db.schema}" CASCADE'))
        engine.dispose()


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


class QuickPrinter:
    """Stands in for the badge printer: a few milliseconds, like a spooler accepting a job."""

    def print_badge(self, badge) -> None:
        time.sleep(random.uniform(0.001, 0.01))


def open_kiosk(db: Db, name: str, printer=None, **printing):
    from kiosk.app import build_app
    from kiosk.config import Settings

    settings = Settings(database_url=db.url)
    settings.kiosk.name = name
    for key, value in printing.items():
        setattr(settings.printing, key, value)
    return build_app(settings, schema=db.schema, printer=printer or QuickPrinter(), create=False)


def sign_in(app, key: str, name: str) -> float:
    from kiosk.domain.model import PersonType
    from kiosk.services.visits import VisitDetails

    first, last = name.split(" ", 1)
    started = time.perf_counter()
    screened = app.sign_in.screen(first, last, PersonType.VISITOR, app.place)
    policy = app.sign_in.current_policy()
    app.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel"),
        app.place,
        acknowledged_policy_id=policy.id if policy else None,
        journey_key=key,
    )
    return time.perf_counter() - started


def _append(path: Path, record: dict) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass  # a line cut by the kill
    return out


def kiosk_loop(db: Db, name: str, journal: Path, count: int | None = None) -> None:
    """A kiosk process: finish the journey it was in when it died, then sign visitors in until killed.

    Before each sign-in it writes its intent (journey key, name), after complete() returns an ack.
    """
    app = open_kiosk(db, name)
    records = _records(journal)
    acked = {r["key"] for r in records if r["t"] == "ack"}
    unfinished = [r for r in records if r["t"] == "intent" and r["key"] not in acked]
    for r in unfinished:  # the kiosk comes back: the same journey again (same key)
        took = sign_in(app, r["key"], r["name"])
        _append(journal, {"t": "ack", "key": r["key"], "s": took})
    app.sign_in.resolve_unfinished(app.place)
    n = 0
    while count is None or n < count:
        n += 1
        key = uuid.uuid4().hex
        person = f"Visitor{random.randrange(10**9)} {name.replace(' ', '')}{n}"
        _append(journal, {"t": "intent", "key": key, "name": person})
        took = sign_in(app, key, person)
        _append(journal, {"t": "ack", "key": key, "s": took})
    app.dispose()


def fork(target, *args) -> int:
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            target(*args)
        except BaseException:  # noqa: BLE001 - report and leave without running the parent's cleanup
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    return pid


def audit_db(db: Db, journals: list[Path], row: Row) -> None:
    """Lost, duplicated and half-written, from the journals and the database."""
    from kiosk.db.engine import make_engine

    engine = make_engine(db.url, schema=db.schema, create=False)
    import sqlalchemy as sa

    with engine.connect() as conn:
        visits = conn.execute(
            sa.text("SELECT id, journey_key, name_as_typed, person_id, badge_state FROM visits")
        ).all()
        audited = {
            int(i)
            for (ids,) in conn.execute(sa.text("SELECT entity_ids FROM audit_log WHERE action = 'signed in'"))
            for i in (json.loads(ids) if isinstance(ids, str) else ids)[:1]
        }
        people = {r[0] for r in conn.execute(sa.text("SELECT id FROM people"))}
        acks = {r[0] for r in conn.execute(sa.text("SELECT person_id FROM acknowledgements"))}
    engine.dispose()
    by_key: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for v in visits:
        if v.journey_key:
            by_key[v.journey_key] = by_key.get(v.journey_key, 0) + 1
        by_name[v.name_as_typed] = by_name.get(v.name_as_typed, 0) + 1
    acked = {r["key"] for j in journals for r in _records(j) if r["t"] == "ack"}
    row.acknowledged += len(acked)
    row.latencies += [r["s"] for j in journals for r in _records(j) if r["t"] == "ack"]
    row.lost += len(acked - set(by_key))
    row.duplicated += sum(n - 1 for n in by_key.values() if n > 1) + sum(
        n - 1 for n in by_name.values() if n > 1
    )
    visit_people = {v.person_id for v in visits}
    row.half_written += sum(
        1 for v in visits if v.id not in audited or v.person_id not in people or v.person_id not in acks
    )
    row.half_written += len(people - visit_people)
    row.half_written += sum(1 for v in visits if v.badge_state == "pending")


# ---------------------------------------------------------------- scenarios


def scenario_kills(kind: str, kills: int, folder: Path) -> Row:
    db = new_db(kind, folder)
    journal = folder / f"journal-{kind}.jsonl"
    row = Row(f"kill -9 during sign-in ({kind})")
    try:
        for _ in range(kills):
            pid = fork(kiosk_loop, db, "Front door", journal)
            time.sleep(random.uniform(0.2, 1.2))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            row.kills += 1
        pid = fork(kiosk_loop, db, "Front door", journal, 0)  # comes back once more, finishes, stops
        _, status = os.waitpid(pid, 0)
        if status != 0:
            row.note = "the last kiosk failed to come back"
            row.half_written += 1
        audit_db(db, [journal], row)
    finally:
        drop_db(db)
    return row


def scenario_concurrent(kind: str, per_kiosk: int, folder: Path, kiosks: int = 4) -> Row:
    db = new_db(kind, folder)
    journals = [folder / f"concurrent-{kind}-{n}.jsonl" for n in range(kiosks)]
    row = Row(f"{kiosks} kiosk processes at once ({kind})")
    try:
        pids = [fork(kiosk_loop, db, f"Kiosk {n}", journals[n], per_kiosk) for n in range(kiosks)]
        failed = sum(1 for pid in pids if os.waitpid(pid, 0)[1] != 0)
        if failed:
            row.note = f"{failed} kiosk processes failed"
        audit_db(db, journals, row)
        if row.acknowledged != per_kiosk * kiosks:
            row.lost += per_kiosk * kiosks - row.acknowledged
            row.note = (row.note + "; " if row.note else "") + "some sign-ins raised"
    finally:
        drop_db(db)
    return row


def scenario_database_gone(folder: Path) -> Row:
    from kiosk.domain.errors import DatabaseFault

    row = Row("database deleted / replaced under a running kiosk (sqlite)")
    refused = tries = 0
    db = new_db("sqlite", folder)
    app = open_kiosk(db, "Front door")
    sign_in(app, uuid.uuid4().hex, "Before Deletion")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db.path}{suffix}").unlink(missing_ok=True)
    for n in range(5):
        tries += 1
        try:
            sign_in(app, uuid.uuid4().hex, f"After Deletion{n}")
        except DatabaseFault:
            refused += 1
    app.dispose()
    tries += 1  # the kiosk restarts (systemd Restart=always): it must not make a new empty database
    try:
        open_kiosk(db, "Front door").dispose()
    except DatabaseFault:
        refused += 1
    if db.path.exists():
        row.note = "a new database was created"
        refused -= 1
    other = new_db("sqlite", folder)
    db2 = new_db("sqlite", folder)
    app = open_kiosk(db2, "Front door")
    os.replace(other.path, db2.path)
    for n in range(5):
        tries += 1
        try:
            sign_in(app, uuid.uuid4().hex, f"After Replacement{n}")
        except DatabaseFault:
            refused += 1
    app.dispose()
    row.failed_closed = f"{refused}/{tries}"
    return row


def _share_records(first: Db, other: Db) -> None:
    """The proxy's address is another machine's view of the same database: it gets the records folder
    (the audit key) of the first, as an installer copies it to a second machine."""
    import shutil

    from kiosk.db.engine import make_engine
    from kiosk.db.records import records_folder

    folders = []
    for each in (first, other):
        engine = make_engine(each.url, schema=each.schema)
        folders.append(records_folder(engine))
        engine.dispose()
    if folders[0].exists():
        shutil.copytree(folders[0], folders[1], dirs_exist_ok=True)


def scenario_pg_drops(folder: Path) -> Row:
    from benchmarks.reliability.pgproxy import DropProxy
    from kiosk.domain.errors import DatabaseUnavailable

    row = Row("dropped PostgreSQL connection at each statement")
    db = new_db("postgresql", folder)
    proxy = DropProxy()
    journal = folder / "pgdrops.jsonl"
    try:
        proxied = Db("postgresql", proxy.url(PG_URL), db.schema)
        _share_records(db, proxied)
        app = open_kiosk(proxied, "Front door")
        n = 0
        while n < 80:
            n += 1
            key, name = uuid.uuid4().hex, f"Drop{n} Visitor"
            _append(journal, {"t": "intent", "key": key, "name": name})
            proxy.drop_at_statement(n)
            try:
                took = sign_in(app, key, name)
            except DatabaseUnavailable:
                row.kills += 1
                proxy.disarm()
                took = sign_in(app, key, name)
            _append(journal, {"t": "ack", "key": key, "s": took})
            if proxy.armed:
                proxy.disarm()
                break
        # And once right after the server committed, before the kiosk heard it.
        key, name = uuid.uuid4().hex, "Commit Lost"
        proxy.drop_after_commit()
        _append(journal, {"t": "intent", "key": key, "name": name})
        took = sign_in(app, key, name)
        _append(journal, {"t": "ack", "key": key, "s": took})
        row.kills += proxy.drops - row.kills if proxy.drops > row.kills else 0
        row.note = f"{n - 1} statements per sign-in, each cut once, and once after COMMIT"
        app.dispose()
        audit_db(db, [journal], row)
    finally:
        proxy.close()
        drop_db(db)
    return row


class LockDuringPrint:
    def __init__(self, path: Path, hold_s: float):
        self.path, self.hold_s = path, hold_s
        self.holder = None

    def print_badge(self, badge) -> None:
        import subprocess

        code = (
            "import sqlite3, time\n"
            f"c = sqlite3.connect({str(self.path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\n"
            f"time.sleep({self.hold_s})\nc.execute('COMMIT')\n"
        )
        self.holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        self.holder.stdout.readline()


def scenario_locked_print(folder: Path) -> Row:
    row = Row("SQLite locked by another process during print")
    db = new_db("sqlite", folder)
    printer = LockDuringPrint(db.path, 5.0)
    app = open_kiosk(db, "Front door", printer)
    journal = folder / "locked.jsonl"
    key = uuid.uuid4().hex
    _append(journal, {"t": "intent", "key": key, "name": "Locked Print"})
    took = sign_in(app, key, "Locked Print")
    _append(journal, {"t": "ack", "key": key, "s": took})
    printer.holder.wait(30)
    deadline = time.monotonic() + 10
    state = ""
    while time.monotonic() < deadline and state != "printed":
        with sqlite3.connect(db.path) as conn:
            state = conn.execute("SELECT badge_state FROM visits").fetchone()[0]
        time.sleep(0.2)
    app.dispose()
    audit_db(db, [journal], row)
    row.note = f"visitor waited {took:.1f} s behind a 5 s lock; badge recorded '{state}' after"
    if state != "printed":
        row.half_written += 1
    return row


class DeadPrinter:
    """A printer driver that never answers (an offline printer whose spooler hangs)."""

    def __init__(self):
        self.release = threading.Event()

    def print_badge(self, badge) -> None:
        self.release.wait(60)


def scenario_offline_printer(folder: Path, timeout_s: float) -> Row:
    row = Row("printer that does not answer")
    db = new_db("sqlite", folder)
    printer = DeadPrinter()
    app = open_kiosk(db, "Front door", printer, timeout_s=timeout_s)
    journal = folder / "offline.jsonl"
    key = uuid.uuid4().hex
    _append(journal, {"t": "intent", "key": key, "name": "Offline Printer"})
    from kiosk.domain.model import PersonType
    from kiosk.services.visits import VisitDetails

    started = time.perf_counter()
    screened = app.sign_in.screen("Offline", "Printer", PersonType.VISITOR, app.place)
    result = app.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel"),
        app.place,
        acknowledged_policy_id=app.sign_in.current_policy().id,
        journey_key=key,
    )
    took = time.perf_counter() - started
    _append(journal, {"t": "ack", "key": key, "s": took})
    printer.release.set()
    app.dispose()
    audit_db(db, [journal], row)
    told = "reception" in result.badge_message and not result.badge_printed
    row.failed_closed = f"{int(told)}/1"
    row.note = f"given up after {took:.1f} s (timeout {timeout_s:g} s); visitor told: badge from reception"
    return row


def scenario_smtp_outage(folder: Path, outage_s: float) -> Row:
    """The mail server is down when an alert is raised and comes back after ``outage_s``; then a kiosk dies
    between holding a visitor and queueing the email. Both emails must leave within 10 s."""
    from aiosmtpd.controller import Controller

    from kiosk.app import make_notifier
    from kiosk.domain.model import Ban, PersonType
    from kiosk.services.common import NullNotifier

    row = Row("SMTP outage, and an alert email lost to a crash")
    received: list[float] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            received.append(time.monotonic())
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = new_db("sqlite", folder)
    app = open_kiosk(db, "Front door")
    smtp = app.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", port, False
    smtp.sender, smtp.alert_recipients = "kiosk@school.test", ["dsl@school.test"]
    notifier = make_notifier(app.deps.uow.engine, app.settings)  # the default timings
    app.deps.notifier = notifier
    from kiosk.domain.model import Actor, Role

    first_start = Actor(name="cli:faults", role=None, source="command line")  # the first account only
    app.staff.add(first_start, "Alex Admin", Role.ADMINISTRATOR, "9753")
    admin = app.staff.authenticate("Alex Admin", "9753")
    app.staff.add(admin, "Helen Head", Role.HEAD, "864213")
    head = app.staff.authenticate("Helen Head", "864213")
    today = app.deps.clock.today()
    from datetime import timedelta

    app.bans.create(
        head,
        Ban(
            id=None, name="William Hargreaves", start=today - timedelta(days=1), end=today + timedelta(days=9)
        ),
    )
    controller = None
    handled = 0
    try:
        app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place)
        time.sleep(outage_s)
        controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        controller.start()
        back = time.monotonic()
        while not received and time.monotonic() - back < 30:
            time.sleep(0.05)
        first = received[0] - back if received else None
        handled += int(first is not None and first < 10)
        app.deps.notifier = NullNotifier()  # this kiosk "dies" before queueing the next email
        held = time.monotonic()
        app.sign_in.screen("Bill", "Hargreaves", PersonType.VISITOR, app.place)
        while len(received) < 2 and time.monotonic() - held < 30:
            time.sleep(0.05)
        second = received[1] - held if len(received) > 1 else None
        handled += int(second is not None and second < 10)
        row.failed_closed = f"{handled}/2"
        row.note = (
            f"email {first:.1f} s after a {outage_s:g} s outage ended; "
            if first is not None
            else "email never sent; "
        ) + (
            f"missed email found and sent {second:.1f} s after the hold"
            if second is not None
            else "missed email lost"
        )
    finally:
        notifier.close()
        if controller is not None:
            controller.stop()
        app.dispose()
    return row


def warm_up(folder: Path) -> None:
    """One sign-in in this process first, so every forked kiosk starts warm (imports, mappers, screening)."""
    db = new_db("sqlite", folder)
    app = open_kiosk(db, "Warm up")
    for n in range(2):
        sign_in(app, uuid.uuid4().hex, f"Warm{n} Up")
    app.dispose()


ALONE = "alone"  # the lane of the scenarios that run by themselves (4 kiosk processes at once)


def _run_lane(scenarios: list[tuple[int, Callable[[], Row]]], out: Path) -> None:
    random.seed()  # not the forked copy of the parent's generator: each lane kills at times of its own
    for index, run in scenarios:
        _append(out, {"index": index, "row": run().__dict__})


def run_plan(
    plan: list[tuple[str, Callable[[], Row]]], *, together: bool, started: float, folder: Path
) -> list[Row]:
    """Run the scenarios, one after another; or (``together``) every lane but ALONE in a forked process of
    its own, all at the same time, and then the ALONE ones. Rows in the plan's order; a lane whose process
    failed adds a failed row of its own."""
    done: dict[int, Row] = {}
    failed: list[Row] = []
    if together:
        lanes: dict[str, list[tuple[int, Callable[[], Row]]]] = {}
        for index, (lane, run) in enumerate(plan):
            if lane != ALONE:
                lanes.setdefault(lane, []).append((index, run))
        running = [(lane, folder / f"lane-{lane}.jsonl") for lane in lanes]
        pids = [fork(_run_lane, lanes[lane], out) for lane, out in running]
        for pid, (lane, out) in zip(pids, running, strict=True):
            _, status = os.waitpid(pid, 0)
            for record in _records(out):
                done[record["index"]] = Row(**record["row"])
                print_progress(done[record["index"]], started)
            if status != 0:
                failed.append(
                    Row(f"the {lane} scenarios", half_written=1, note=f"their process failed ({status})")
                )
    for index, (lane, run) in enumerate(plan):
        if not together or lane == ALONE:
            done[index] = run()
            print_progress(done[index], started)
    return [done[index] for index in sorted(done)] + failed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.reliability", description=__doc__.split("\n\n")[0])
    p.add_argument("--short", action="store_true", help="about 50 kills per database and each fault once")
    p.add_argument("--kills", type=int, help="kills per database (default 1000, or 50 with --short)")
    p.add_argument("--per-kiosk", type=int, help="sign-ins per kiosk process in the concurrency test")
    p.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    p.add_argument(
        "--together",
        action="store_true",
        help="run the kill -9 loop of each database and the single faults (lost database, dropped connection, "
        "lock, printer, mail) side by side, each in a process of its own, then the 4-process runs alone "
        "(the test does: about half the wall time; latencies are then measured beside each other)",
    )
    p.add_argument("--json", help="also write the rows to this file")
    args = p.parse_args(argv)
    kills = args.kills or (50 if args.short else 1000)
    per_kiosk = args.per_kiosk or (25 if args.short else 500)
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    if "postgresql" in kinds and not pg_available():
        if os.environ.get("CI") == "true" or args.only == "postgresql":
            print(f"PostgreSQL is not reachable at {PG_URL}", file=sys.stderr)
            return 2
        print(f"(PostgreSQL not reachable at {PG_URL}: SQLite only)", file=sys.stderr)
        kinds = ["sqlite"]
    import logging

    logging.basicConfig(level=logging.CRITICAL)  # the kiosks' own warnings are expected here
    folder = Path(tempfile.mkdtemp(prefix="kiosk-faults-"))
    os.environ["KIOSK_DATA_DIR"] = str(folder / "data")
    started = time.monotonic()
    rows: list[Row] = []
    try:
        warm_up(folder)
        plan: list[tuple[str, Callable[[], Row]]] = []  # (lane, scenario), in the order of the table
        for kind in kinds:
            plan.append((f"kills-{kind}", partial(scenario_kills, kind, kills, folder)))
            plan.append((ALONE, partial(scenario_concurrent, kind, per_kiosk, folder)))
        plan.append(("faults", partial(scenario_database_gone, folder)))
        if "postgresql" in kinds:
            plan.append(("faults", partial(scenario_pg_drops, folder)))
        plan.append(("faults", partial(scenario_locked_print, folder)))
        plan.append(("faults", partial(scenario_offline_printer, folder, 2.0 if args.short else 5.0)))
        plan.append(("faults", partial(scenario_smtp_outage, folder, 8.0 if args.short else 40.0)))
        rows = run_plan(plan, together=args.together, started=started, folder=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print()
    print_table(rows)
    print(f"\n{len(rows)} scenarios in {time.monotonic() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(
            json.dumps([{**r.__dict__, "latencies": len(r.latencies), "ok": r.ok} for r in rows], indent=2)
        )
    bad = [r.scenario for r in rows if not r.ok]
    if bad:
        print("FAILED: " + "; ".join(bad))
        return 1
    return 0


def print_progress(row: Row, started: float) -> None:
    print(
        f"[{time.monotonic() - started:5.0f} s] {row.scenario}: {'ok' if row.ok else 'FAILED'}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
