"""Shared fixtures: real SQLite files and the real PostgreSQL server, a recording badge printer."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The programs the tests start (`python -m kiosk ...`, the fault suite's processes) run from compiled
# bytecode, as an installed kiosk does: a shell that sets PYTHONDONTWRITEBYTECODE (this machine's does)
# would have every one of them compile the package from source again (test_cli: 102 s against 80 s).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

IN_CI = os.environ.get("CI") == "true"

# Hypothesis: a CI run tries the same examples every time (derandomize: a fixed seed per test, no example
# database), so main's result does not depend on the draw; a run here draws new ones each time and keeps
# the failures it finds (.hypothesis/) to try first next time, as the disguise property's "AAA@3" was found.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if IN_CI:
    settings.load_profile("ci")

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


# The test run's own settings, kept when every other KIOSK_ variable is cleared (the clock's KIOSK_TEST_DATE
# and KIOSK_TEST_TIME were cleared too, so a run "at the year's end" silently ran today).
_KEPT_VARIABLES = (
    "KIOSK_DATA_DIR",
    "KIOSK_CONFIG",
    "KIOSK_TEST_PG_URL",
    "KIOSK_TEST_DATE",
    "KIOSK_TEST_TIME",
)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's data or config folders."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(base / "kiosk.toml"))
    for key in list(os.environ):
        if key.startswith("KIOSK_") and key not in _KEPT_VARIABLES:
            monkeypatch.delenv(key, raising=False)


@pytest.fixture(autouse=True)
def _restored_umask():
    """Every test ends with the process umask it started with.

    `kiosk.cli.main` run in-process (the CLI tests) sets the kiosk's own umask, 077 (kiosk.ops.permissions),
    and it outlived the test: the next tests in that xdist worker made 0700 folders (the booted machine's
    root, whose dbus then never started: commit cb80794).
    """
    from tests.helpers import restored_umask

    with restored_umask():
        yield


# argon2 at the kiosk's own costs (kiosk.services.staff: t=3, 64 MiB, 4 lanes; .pupils: t=2, 19 MiB) takes
# tenths of a second a hash or check, more on a loaded CI machine; the `staff` fixture alone hashes four
# PINs per test. Tests hash at argon2's lowest cost instead; a test marked `production_hashes` keeps the
# real costs (tests/unit/services/test_lazy_hasher.py checks them; a timing test needs them). Programs
# the tests start as processes (the command line, the fault suite) always hash at the real costs.
CHEAP_HASH_COSTS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


@pytest.fixture(autouse=True)
def _cheap_hashes(request, monkeypatch):
    if request.node.get_closest_marker("production_hashes") is not None:
        yield
        return
    from kiosk.services import pupils, staff

    for hasher in (staff._hasher, pupils._hasher):  # staffroll uses staff's hasher object
        monkeypatch.setattr(hasher, "_params", CHEAP_HASH_COSTS)
        monkeypatch.setattr(hasher, "_made", None)
    staff._dummy_hash.cache_clear()  # the decoy of an unknown name: at the cheap cost too
    yield
    staff._dummy_hash.cache_clear()


class RecordingPrinter:
    """A badge printer that keeps what it was asked to print, or fails like an offline printer."""

    def __init__(self) -> None:
        self.printed = []
        self.fail_with: str | None = None

    def print_badge(self, badge) -> None:
        from kiosk.domain.errors import PrintFailed

        if self.fail_with:
            raise PrintFailed(self.fail_with)
        self.printed.append(badge)


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


@pytest.fixture(scope="session")
def _pg_engine():
    if not pg_available():
        if IN_CI:
            pytest.fail(f"PostgreSQL is not reachable at {PG_URL}; CI must start it.")
        pytest.skip("PostgreSQL not reachable (set KIOSK_TEST_PG_URL)")
    import sqlalchemy as sa

    engine = sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_schema_factory(_pg_engine):
    """Makes fresh PostgreSQL schemas for one test and drops them after it (one transaction each)."""
    import sqlalchemy as sa

    made: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with _pg_engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
        made.append(name)
        return name

    yield make
    for name in made:
        with _pg_engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))


# The time of day every test's clock starts at (school time), whatever the system clock says: the suite
# must pass at 07:55, 19:40 and 23:59 alike. A test that needs another hour sets it: `clock.set(...)`.
TEST_TIME_OF_DAY = time(10, 30)


@pytest.fixture
def clock():
    """The injected clock of the `services` / `sqlite_services` apps: the last 10:30 school time, ticking.

    KIOSK_TEST_DATE=YYYY-MM-DD starts it on another day (e.g. 2028-02-29 or 2026-12-31) to try a date, and
    KIOSK_TEST_TIME=HH:MM at another time of that day (e.g. 19:00, a parents' evening, or 23:59).
    """
    from zoneinfo import ZoneInfo

    from helpers import TestClock

    zone = ZoneInfo("Europe/London")
    day = os.environ.get("KIOSK_TEST_DATE")
    if day:
        at = os.environ.get("KIOSK_TEST_TIME")
        at_time = time.fromisoformat(at) if at else TEST_TIME_OF_DAY
        return TestClock(zone, datetime.combine(date.fromisoformat(day), at_time, tzinfo=zone))
    # The latest 10:30 that has passed: never ahead of the real clock, which a few adapters still read
    # (the outbox's "held a moment ago" window), so before 10:30 the day starts yesterday.
    now = datetime.now(zone)
    start = datetime.combine(now.date(), TEST_TIME_OF_DAY, tzinfo=zone)
    if start > now:
        start = datetime.combine(now.date() - timedelta(days=1), TEST_TIME_OF_DAY, tzinfo=zone)
    return TestClock(zone, start)


def _build(url: str, printer, schema: str | None = None, clock=None, **settings_changes):
    from kiosk.app import build_app
    from kiosk.config import Settings

    settings = Settings(database_url=url)
    for section, values in settings_changes.items():
        for key, value in values.items():
            setattr(getattr(settings, section), key, value)
    if clock is not None:
        clock.zone = settings.zone
    return build_app(settings, printer=printer, schema=schema, clock=clock)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite database at the program's newest schema, made once per xdist worker by the real upgrade.

    Alembic's ~40 migrations take about a second per database; the `services` and `sqlite_services`
    fixtures copy this file instead (fresh_sqlite). Only the schema and what the migrations write are in
    it (no marker, site or kiosk rows: build_app adds those on the copy, as on a first start).
    tests/integration/db/test_template_database.py checks it against a database `kiosk db upgrade` made.
    """
    from kiosk.db.engine import make_engine
    from kiosk.db.migrate import upgrade

    path = tmp_path_factory.mktemp("template") / "kiosk.sqlite3"
    engine = make_engine(f"sqlite:///{path}", create=True)
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # the last connection closed: SQLite checkpoints the WAL into the file and removes it
    assert not path.with_name(path.name + "-wal").exists(), "the template's WAL was not checkpointed"
    return path


def fresh_sqlite(template: Path, path: Path) -> str:
    """A new database at ``path``: the template's file and its records folder (the audit key the migrations
    made, kiosk.db.records), copied with their modes; returns its URL."""
    import shutil

    shutil.copy2(template, path)
    records = template.with_name(template.name + ".records")
    if records.exists():
        shutil.copytree(records, path.with_name(path.name + ".records"))
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class PgTemplate:
    """The SQL (pg_dump) of a PostgreSQL schema the real upgrade made, and the records folder it made."""

    name: str
    sql: str
    records: Path


@pytest.fixture(scope="session")
def pg_template(_pg_engine, tmp_path_factory) -> PgTemplate | None:
    """A PostgreSQL schema at the program's newest revision, made once per xdist worker, as SQL to replay.

    Alembic's migrations of a PostgreSQL schema take about a second; `services` replays this dump into its
    fresh schema instead (pg_clone). None where pg_dump is missing: each test's schema is then migrated.
    tests/integration/db/test_template_database.py checks a clone against a freshly migrated schema.
    """
    import shutil
    import subprocess

    import sqlalchemy as sa

    from kiosk.db.engine import make_engine
    from kiosk.db.migrate import upgrade
    from kiosk.db.records import records_folder

    if shutil.which("pg_dump") is None:
        return None
    name = f"tmpl_{uuid.uuid4().hex[:12]}"
    with _pg_engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    try:
        with (
            pytest.MonkeyPatch.context() as patch
        ):  # the records folder the migrations make: the template's own
            patch.setenv("KIOSK_DATA_DIR", str(tmp_path_factory.mktemp("pg-template")))
            engine = make_engine(PG_URL, schema=name)
            try:
                upgrade(engine)
                records = records_folder(engine)
            finally:
                engine.dispose()
        dump = subprocess.run(
            ["pg_dump", f"--schema={name}", "--inserts", "--no-owner", "--no-privileges", _libpq(PG_URL)],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    finally:
        with _pg_engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    # Without psql's meta-commands (\restrict) and the CREATE SCHEMA: pg_schema_factory makes the schema.
    lines = [
        line for line in dump.splitlines() if not line.startswith("\\") and line != f"CREATE SCHEMA {name};"
    ]
    return PgTemplate(name, "\n".join(lines), records)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def pg_clone(template: PgTemplate, schema: str) -> None:
    """Fill the empty ``schema`` with the template's tables, rows and sequences, in one transaction, and give
    it a copy of the template's records folder (the audit key its rows were sealed with)."""
    import shutil

    import psycopg

    from kiosk.db.engine import make_engine
    from kiosk.db.records import records_folder

    with psycopg.connect(_libpq(PG_URL)) as conn:  # one transaction, committed on leaving
        conn.execute(template.sql.replace(template.name, schema).encode())  # no parameters: many statements
    engine = make_engine(PG_URL, schema=schema)  # never connects: only its records folder's name
    shutil.copytree(template.records, records_folder(engine))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def services(request, tmp_path: Path, printer, clock) -> Iterator:
    """Wired services on a fresh database: a SQLite file, and a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        app = _build(fresh_sqlite(template, tmp_path / "kiosk.sqlite3"), printer, clock=clock)
    else:
        schema = request.getfixturevalue("pg_schema_factory")()
        template = request.getfixturevalue("pg_template")
        if template is not None:
            pg_clone(template, schema)
        app = _build(PG_URL, printer, schema=schema, clock=clock)
    yield app
    app.dispose()


@pytest.fixture
def sqlite_services(tmp_path: Path, printer, clock, sqlite_template) -> Iterator:
    """Wired services on a fresh SQLite file only (for GUI tests)."""
    app = _build(fresh_sqlite(sqlite_template, tmp_path / "kiosk.sqlite3"), printer, clock=clock)
    yield app
    app.dispose()


@pytest.fixture
def staff(services):
    """One signed-in actor per role on the `services` database: staff['head'], ..."""
    return make_staff(services)


def make_staff(app) -> dict:
    from kiosk.domain.model import Actor, Role
    from tests.helpers import add_staff_accounts

    pins = {
        Role.ADMINISTRATOR: "9753",
        Role.RECEPTIONIST: "2468",
        Role.SAFEGUARDING_LEAD: "1357",
        Role.HEAD: "864213",
    }
    out = add_staff_accounts(app, {role: (f"Test {role.value.title()}", pin) for role, pin in pins.items()})
    out["system"] = Actor.system()
    return out


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failed test: CI must install and start what tests need."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true (not allowed): {report.longrepr}"


# The suite runs on every core (pytest-xdist, ``-n auto`` in pyproject.toml). Tests that share something
# outside their own folders take a lock that every worker sees, so they run one at a time: the CUPS server's
# queues and the cups-pdf output folder, and the fault suite (its kill -9 timings and 4-process runs want a
# core of their own). The installer's bundle is built under a lock of its own (tests/installer/conftest.py).
# Everything else is isolated per test (tmp_path folders, a PostgreSQL schema or database of its own, free
# ports). (xdist's own "loadgroup" cannot be used: it renames items through an attribute pytest 9.2 no longer
# reads, so its groups are silently ignored.)
def _serial_group(item) -> str | None:
    if item.get_closest_marker("cups") is not None:
        return "cups"
    if "tests/integration/reliability/" in item.nodeid:
        return "reliability"
    return None


def shared_lock_path(tmp_path_factory, name: str) -> Path:
    """A lock file every xdist worker of this run sees (the workers' temporary folders share a parent)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    return root / f"{name}.lock"


@pytest.fixture(autouse=True)
def _one_at_a_time(request, tmp_path_factory):
    group = _serial_group(request.node)
    if group is None:
        yield
        return
    import fcntl

    with open(shared_lock_path(tmp_path_factory, group), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
