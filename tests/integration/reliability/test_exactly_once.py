"""Exactly once: a sign-in is one transaction, a retry never makes a second visit, printing cannot fail it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from benchmarks.reliability.pgproxy import DropProxy
from kiosk.app import build_app
from kiosk.config import Settings
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from tests.conftest import PG_URL, RecordingPrinter

ROOT = Path(__file__).resolve().parents[3]


def _complete(app, key, first="Priya", last="Shah"):
    screened = app.sign_in.screen(first, last, PersonType.VISITOR, app.place)
    policy = app.sign_in.current_policy()
    return app.sign_in.complete(
        screened, VisitDetails(host="Mrs Patel"), app.place, acknowledged_policy_id=policy.id, journey_key=key
    )


def _count(app, sql: str) -> int:
    with app.deps.uow.readonly() as uow:
        return uow.session.execute(sa.text(sql)).scalar_one()


def test_a_retried_journey_returns_the_visit_already_made(services):
    key = uuid.uuid4().hex
    first = _complete(services, key)
    again = _complete(services, key)
    assert again.visit.id == first.visit.id and again.badge_printed
    assert _count(services, "SELECT COUNT(*) FROM visits") == 1
    assert _count(services, "SELECT COUNT(*) FROM people") == 1
    other = _complete(services, uuid.uuid4().hex)
    assert other.visit.id != first.visit.id
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(first.visit.id).badge_state == "printed"


@pytest.mark.postgres
def test_connection_dropped_after_commit_is_one_visit_not_an_error(pg_schema_factory):
    """The COMMIT reaches the server, the answer never reaches the kiosk: the sign-in still succeeds once."""
    schema = pg_schema_factory()
    proxy = DropProxy()
    try:
        printer = RecordingPrinter()
        app = build_app(Settings(database_url=proxy.url(PG_URL)), printer=printer, schema=schema)
        key = uuid.uuid4().hex
        screened = app.sign_in.screen("Priya", "Shah", PersonType.VISITOR, app.place)
        policy = app.sign_in.current_policy()
        proxy.drop_after_commit()
        result = app.sign_in.complete(
            screened,
            VisitDetails(host="Mrs Patel"),
            app.place,
            acknowledged_policy_id=policy.id,
            journey_key=key,
        )
        assert proxy.drops == 1 and not proxy.armed
        assert result.badge_printed and len(printer.printed) == 1
        again = _complete(app, key)  # the kiosk retries the same journey
        assert again.visit.id == result.visit.id and len(printer.printed) == 1
        assert _count(app, "SELECT COUNT(*) FROM visits") == 1
        assert _count(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'signed in'") == 1
        app.dispose()
    finally:
        proxy.close()


@pytest.mark.postgres
def test_connection_dropped_at_every_statement_of_a_sign_in(pg_schema_factory):
    """Cut the connection at statement 1, 2, 3 ... of screen + complete: each journey, retried, makes one
    whole visit (person, acknowledgement, audit row) and never two."""
    schema = pg_schema_factory()
    proxy = DropProxy()
    try:
        app = build_app(Settings(database_url=proxy.url(PG_URL)), printer=RecordingPrinter(), schema=schema)
        n, failures = 0, 0
        while True:
            n += 1
            key = uuid.uuid4().hex
            proxy.drop_at_statement(n)
            try:
                _complete(app, key, first=f"Visitor{n}")
            except DatabaseUnavailable:
                failures += 1
                proxy.disarm()
                _complete(app, key, first=f"Visitor{n}")  # the same journey, again
            if proxy.armed:  # the sign-in had fewer statements than n: every statement was tried
                proxy.disarm()
                break
            assert n < 60
        assert failures >= 5
        visits = _count(app, "SELECT COUNT(*) FROM visits")
        assert visits == n
        assert _count(app, "SELECT COUNT(DISTINCT journey_key) FROM visits") == n
        assert _count(app, "SELECT COUNT(*) FROM audit_log WHERE action = 'signed in'") == n
        assert _count(app, "SELECT COUNT(*) FROM people") == n
        assert _count(app, "SELECT COUNT(*) FROM acknowledgements") == n
        assert _count(app, "SELECT COUNT(*) FROM visits WHERE badge_state <> 'printed'") == 0
        app.dispose()
    finally:
        proxy.close()


class LockDuringPrint:
    """A printer that, while printing, has another process take SQLite's write lock for ``hold_s``."""

    def __init__(self, db: Path, hold_s: float):
        self.db, self.hold_s = db, hold_s
        self.holder: subprocess.Popen | None = None
        self.printed = 0

    def print_badge(self, badge) -> None:
        code = textwrap.dedent(
            f"""
            import sqlite3, sys, time
            c = sqlite3.connect({str(self.db)!r}, isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep({self.hold_s})
            c.execute("COMMIT")
            """
        )
        self.holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert self.holder.stdout.readline().strip() == "locked"
        self.printed += 1


def test_sqlite_locked_by_another_process_while_the_badge_prints(tmp_path):
    db = tmp_path / "kiosk.sqlite3"
    printer = LockDuringPrint(db, hold_s=4.0)
    app = build_app(Settings(database_url=f"sqlite:///{db}"), printer=printer)
    started = time.monotonic()
    result = _complete(app, uuid.uuid4().hex)
    took = time.monotonic() - started
    assert result.badge_printed and printer.printed == 1
    assert took < 3.0, f"the visitor waited {took:.1f} s behind another program's lock"
    printer.holder.communicate(timeout=30)  # waits, and closes its pipe
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the outcome is written once the lock is free
        with sqlite3.connect(db) as conn:
            state = conn.execute(
                "SELECT badge_state FROM visits WHERE id = ?", (result.visit.id,)
            ).fetchone()[0]
        if state == "printed":
            break
        time.sleep(0.2)
    assert state == "printed"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 1
    app.dispose()


class HangingPrinter:
    def __init__(self):
        self.release = threading.Event()

    def print_badge(self, badge) -> None:
        self.release.wait(30)


def test_a_printer_that_does_not_answer_is_given_up(tmp_path):
    printer = HangingPrinter()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    settings.printing.timeout_s = 1.0
    app = build_app(settings, printer=printer)
    started = time.monotonic()
    result = _complete(app, uuid.uuid4().hex)
    took = time.monotonic() - started
    assert 0.9 < took < 3.0
    assert not result.badge_printed and "reception" in result.badge_message
    with app.deps.uow.readonly() as uow:
        visit = uow.visits.get(result.visit.id)
    assert visit.badge_state == "failed" and "did not answer" in visit.badge_error
    printer.release.set()  # the printer comes to life after all: reception sees the badge came out
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and visit.badge_state != "printed":
        time.sleep(0.1)
        with app.deps.uow.readonly() as uow:
            visit = uow.visits.get(result.visit.id)
    assert visit.badge_state == "printed" and visit.badge_printed and visit.badge_error == ""
    app.dispose()


def test_a_kiosk_killed_while_printing_finds_its_journey_and_tells_reception(tmp_path):
    db = tmp_path / "kiosk.sqlite3"
    build_app(Settings(database_url=f"sqlite:///{db}")).dispose()
    code = textwrap.dedent(
        f"""
        import os, uuid
        from kiosk.app import build_app
        from kiosk.config import Settings
        from kiosk.domain.model import PersonType
        from kiosk.services.visits import VisitDetails

        class Dies:
            def print_badge(self, badge):
                os._exit(137)  # the power goes while the badge prints

        app = build_app(Settings(database_url={f"sqlite:///{db}"!r}), printer=Dies(), create=False)
        s = app.sign_in.screen("Priya", "Shah", PersonType.VISITOR, app.place)
        p = app.sign_in.current_policy()
        app.sign_in.complete(s, VisitDetails(host="Mrs Patel"), app.place, acknowledged_policy_id=p.id,
                             journey_key=uuid.uuid4().hex)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 137, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT badge_state FROM visits").fetchall() == [("pending",)]
    events = []

    class Recording:
        def notify(self, event, payload):
            events.append((event, payload))

    app = build_app(Settings(database_url=f"sqlite:///{db}"), notifier=Recording(), create=False)
    resolved = app.sign_in.resolve_unfinished(app.place)
    assert len(resolved) == 1
    assert [(e, p["visit_id"]) for e, p in events if e == "badge.failed"] == [("badge.failed", resolved[0])]
    with app.deps.uow.readonly() as uow:
        visit = uow.visits.get(resolved[0])
    assert visit.badge_state == "failed" and "reception" in visit.badge_error
    assert app.sign_in.resolve_unfinished(app.place) == []
    app.dispose()
