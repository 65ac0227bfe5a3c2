"""Backups and restores on real SQLite files and the real PostgreSQL server, as a technician runs them."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import Settings
from kiosk.db.engine import make_engine
from kiosk.db.migrate import upgrade
from kiosk.ops.backup import (
    BackupFailed,
    backup_database,
    list_backups,
    pg_schema,
    run_nightly_backup,
)
from kiosk.ops.restore import RestoreRefused, restore
from tests.helpers import reception_actor

WRITER = textwrap.dedent("""
    import sys
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.services.visits import VisitDetails

    class DummyPrinter:
        def print_badge(self, badge):
            pass

    app = build_app(Settings(database_url=sys.argv[1]), printer=DummyPrinter(), migrate=False)
    policy = app.policy.current()
    for i in range(int(sys.argv[2])):
        r = app.sign_in.screen("Writer", f"Visitor{i:04d}", "visitor", app.place)
        done = app.sign_in.complete(r, VisitDetails(), app.place, acknowledged_policy_id=policy.id)
        print("committed", done.visit.id, flush=True)
    print("finished", flush=True)
""")


def _sign_in(app, first: str, last: str) -> int:
    from kiosk.services.visits import VisitDetails

    r = app.sign_in.screen(first, last, "visitor", app.place)
    done = app.sign_in.complete(r, VisitDetails(), app.place, acknowledged_policy_id=app.policy.current().id)
    return done.visit.id


def _visit_ids(path: Path) -> set[int]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM visits")}


def _integrity(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def _settings_for(tmp_path: Path, url: str) -> Settings:
    settings = Settings(database_url=url)
    settings.backup.folder = str(tmp_path / "backups")
    return settings


@pytest.fixture
def live_db(tmp_path, printer):
    """A migrated SQLite database with the kiosk's first policy (what build_app leaves behind)."""
    from kiosk.app import build_app

    path = tmp_path / "live.sqlite3"
    app = build_app(Settings(database_url=f"sqlite:///{path}"), printer=printer)
    yield path, app
    app.dispose()


def test_backup_while_another_process_signs_in_is_consistent_and_complete(tmp_path, live_db):
    path, _app = live_db
    url = f"sqlite:///{path}"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, "100000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen_before = [writer.stdout.readline() for _ in range(10)]
        assert all(line.startswith("committed") for line in seen_before), seen_before + [writer.stderr.read()]
        # Every visit committed at this point must be in the backup taken next.
        committed_before = _visit_ids(path)
        backup = backup_database(url, tmp_path / "during.sqlite3")
        # The writer was still signing visitors in around the backup, and still is after it.
        seen_after = [writer.stdout.readline() for _ in range(10)]
        assert all(line.startswith("committed") for line in seen_after), seen_after
    finally:
        writer.kill()
        writer.communicate()
    assert backup.kind == "sqlite"
    assert _integrity(backup.path) == ["ok"]
    in_backup = _visit_ids(backup.path)
    assert committed_before <= in_backup
    assert len(committed_before) >= 10
    # The copy stands alone: no WAL beside it that could be left behind.
    assert not Path(f"{backup.path}-wal").exists()
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    # It restores into a new, empty database that passes the integrity check with the same visits.
    fresh = tmp_path / "restored" / "kiosk.sqlite3"
    fresh.parent.mkdir()
    result = restore(_settings_for(tmp_path, f"sqlite:///{fresh}"), backup.path)
    assert result.safety_copy is None
    assert _integrity(fresh) == ["ok"]
    assert _visit_ids(fresh) == in_backup
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_refuses_to_overwrite_data_without_force(tmp_path, live_db):
    path, app = live_db
    url = f"sqlite:///{path}"
    kept = _sign_in(app, "Alice", "Kept")
    backup = backup_database(url, tmp_path / "b.sqlite3")
    later = _sign_in(app, "Bob", "Later")
    settings = _settings_for(tmp_path, url)

    with pytest.raises(RestoreRefused, match="--force"):
        restore(settings, backup.path)
    assert later in _visit_ids(path)  # nothing changed

    result = restore(settings, backup.path, force=True)
    assert _visit_ids(path) == {kept}
    # The database as it was before the restore was saved first, so the restore can be undone.
    assert result.safety_copy is not None and result.safety_copy.parent == tmp_path / "backups"
    assert {kept, later} <= _visit_ids(result.safety_copy)
    # The running app's next transaction sees the restored data (restored in place, not replaced).
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    assert [v.id for v, _ in app.sign_in.visits_between(reception_actor(), start, end)] == [kept]


def _cli(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True, timeout=120
    )


def _cli_env(tmp_path: Path, db: Path) -> dict[str, str]:
    return {
        "KIOSK_DATABASE_URL": f"sqlite:///{db}",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_CONFIG": str(tmp_path / "kiosk.toml"),
        "KIOSK_BACKUP__FOLDER": str(tmp_path / "backups"),
    }


def test_cli_backup_and_restore(tmp_path, live_db):
    path, app = live_db
    _sign_in(app, "Carol", "Cli")
    env = _cli_env(tmp_path, path)

    made = _cli(env, "--system", "db", "backup")
    assert made.returncode == 0, made.stderr
    backups = list_backups(tmp_path / "backups")
    assert len(backups) == 1 and str(backups[0]) in made.stdout

    refused = _cli(env, "db", "restore", str(backups[0]))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert refused.stderr.startswith("kiosk: ") and "--force" in refused.stderr

    forced = _cli(env, "db", "restore", "--force", str(backups[0]))
    assert forced.returncode == 0, forced.stderr
    assert "restored" in forced.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a database at all\n" * 10, "is not a kiosk backup"),
        (b"", "is not a kiosk backup"),
        (b"PGDMP garbage", "dump"),
    ],
)
def test_restore_of_a_garbage_file_gives_a_clear_message(tmp_path, live_db, content, message):
    path, _ = live_db
    garbage = tmp_path / "garbage.bak"
    garbage.write_bytes(content)
    result = _cli(_cli_env(tmp_path, path), "db", "restore", str(garbage))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kiosk: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_restore_rejects_a_damaged_or_foreign_sqlite_file(tmp_path, live_db):
    path, _ = live_db
    settings = _settings_for(tmp_path, f"sqlite:///{path}")
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    with pytest.raises(BackupFailed, match="not a kiosk backup"):
        restore(settings, foreign)

    damaged = tmp_path / "damaged.sqlite3"
    backup_database(f"sqlite:///{path}", damaged)
    data = bytearray(damaged.read_bytes())
    for offset in range(4096, len(data), 4096):  # break the b-tree header of every page but the first
        data[offset : offset + 12] = b"\xff" * 12
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupFailed, match="damaged|not a usable|not a kiosk"):
        restore(settings, damaged)


def test_nightly_backup_once_a_day_keeping_the_newest_copies(tmp_path, live_db):
    path, _ = live_db
    settings = _settings_for(tmp_path, f"sqlite:///{path}")
    settings.backup.keep = 3
    settings.backup.hour = 2
    zone = ZoneInfo("Europe/London")
    assert run_nightly_backup(settings, datetime(2026, 3, 1, 1, 59, tzinfo=zone)) is None  # not yet due
    made = [run_nightly_backup(settings, datetime(2026, 3, day, 2, 30, tzinfo=zone)) for day in range(1, 6)]
    assert all(b is not None for b in made)
    assert run_nightly_backup(settings, datetime(2026, 3, 5, 23, 0, tzinfo=zone)) is None  # done today
    names = [p.name for p in list_backups(tmp_path / "backups")]
    assert names == [f"kiosk-202603{day:02d}-023000.sqlite3" for day in (3, 4, 5)]
    # A file a person put there by hand is never pruned.
    (tmp_path / "backups" / "before-term.sqlite3").write_bytes(b"x")
    run_nightly_backup(settings, datetime(2026, 3, 6, 3, 0, tzinfo=zone))
    assert (tmp_path / "backups" / "before-term.sqlite3").exists()
    assert len(list_backups(tmp_path / "backups")) == 3


def test_backup_never_overwrites_and_names_a_missing_database(tmp_path):
    with pytest.raises(BackupFailed, match="no database file"):
        backup_database(f"sqlite:///{tmp_path / 'missing.sqlite3'}", tmp_path / "b.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()  # the backup did not create it
    db = tmp_path / "k.sqlite3"
    upgrade(make_engine(f"sqlite:///{db}"))
    (tmp_path / "taken.sqlite3").write_bytes(b"keep me")
    with pytest.raises(BackupFailed, match="already exists"):
        backup_database(f"sqlite:///{db}", tmp_path / "taken.sqlite3")
    assert (tmp_path / "taken.sqlite3").read_bytes() == b"keep me"


def test_schema_is_read_from_a_postgres_url():
    assert pg_schema("postgresql://u:p@h/db?options=-csearch_path%3Dkiosk") == "kiosk"
    assert pg_schema("postgresql://u@h/db?options=-c%20search_path%3Dschool_a") == "school_a"
    assert pg_schema("postgresql://u@h/db") is None


# ---------------------------------------------------------------- PostgreSQL


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    assert match, text
    return int(match.group(1))


@pytest.mark.postgres
def test_postgres_backup_restore_round_trip(pg_schema_factory, tmp_path, printer):
    import sqlalchemy as sa

    from kiosk.app import build_app
    from tests.conftest import PG_URL

    # pg_dump refuses a server newer than itself; the tools and the server must be the same major.
    tools = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        server = conn.execute(sa.text("SHOW server_version")).scalar_one()
    assert _major(tools.split("(PostgreSQL)", 1)[-1]) >= _major(server), (tools, server)

    schema = pg_schema_factory()
    app = build_app(Settings(database_url=PG_URL), printer=printer, schema=schema)
    try:
        ids = {_sign_in(app, "Pat", f"Postgres{n}") for n in range(3)}
    finally:
        app.dispose()
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    backup = backup_database(url, tmp_path / "pg.pgdump")
    assert backup.kind == "postgresql"
    assert backup.path.read_bytes()[:5] == b"PGDMP"

    target_db = f"kiosk_restore_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{target_db}"'))
    try:
        base = PG_URL.rsplit("/", 1)[0]
        target_url = f"{base}/{target_db}?options=-csearch_path%3D{schema}"
        settings = _settings_for(tmp_path, target_url)
        result = restore(settings, backup.path)
        assert result.safety_copy is None
        engine = make_engine(target_url, schema=schema)
        try:
            with engine.connect() as conn:
                restored = {r[0] for r in conn.execute(sa.text(f'SELECT id FROM "{schema}".visits'))}
        finally:
            engine.dispose()
        assert restored == ids
        from kiosk.db.migrate import head_revision

        assert result.revision == head_revision()

        # Now it holds data: a second restore needs --force, and then takes a safety copy first.
        with pytest.raises(RestoreRefused):
            restore(settings, backup.path)
        forced = restore(settings, backup.path, force=True)
        assert forced.safety_copy is not None and forced.safety_copy.read_bytes()[:5] == b"PGDMP"
        with pytest.raises(BackupFailed, match="SQLite backup"):
            sqlite_file = tmp_path / "x.sqlite3"
            with sqlite3.connect(sqlite_file) as c:
                c.execute("CREATE TABLE t (x)")
            restore(settings, sqlite_file)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{target_db}" WITH (FORCE)'))
        admin.dispose()
