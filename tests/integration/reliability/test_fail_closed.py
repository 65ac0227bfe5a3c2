"""Fail closed: a kiosk never signs anyone into a database that is gone, replaced, emptied or lost its bans."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import build_app
from kiosk.config import Settings
from kiosk.db.identity import marker_path
from kiosk.domain.errors import DatabaseFault, DatabaseUnavailable
from kiosk.domain.model import PersonType
from tests.conftest import PG_URL, make_staff
from tests.helpers import add_ban, reception_actor, sign_in


def _settings(path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{path}")


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "kiosk.sqlite3"
    build_app(_settings(path), printer=None).dispose()
    return path


def test_a_new_database_gets_an_identity_and_a_marker_beside_it(db):
    marker = marker_path(f"sqlite:///{db}")
    assert marker == db.with_name(".kiosk-identity.kiosk.sqlite3.json") and marker.is_file()
    with sqlite3.connect(db) as conn:
        (identity,) = conn.execute("SELECT value FROM kiosk_meta WHERE key = 'database_id'").fetchone()
    assert len(identity) == 36 and identity in marker.read_text()


def test_no_database_and_no_marker_is_not_created_unless_allowed(tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    with pytest.raises(DatabaseUnavailable, match="kiosk db upgrade"):
        build_app(_settings(path), create=False)
    assert not path.exists()


def test_a_deleted_database_is_never_silently_recreated(db):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    for create in (False, True):
        with pytest.raises(DatabaseFault, match="missing"):
            build_app(_settings(db), create=create)
    assert not db.exists()


def test_a_replaced_database_is_refused(db, tmp_path):
    other = tmp_path / "other" / "kiosk.sqlite3"
    other.parent.mkdir()
    build_app(_settings(other)).dispose()
    shutil.copy(other, db)
    with pytest.raises(DatabaseFault, match="replaced"):
        build_app(_settings(db), create=False)


def test_an_emptied_database_is_refused(db):
    db.unlink()
    sqlite3.connect(db).close()  # an empty file where the database was
    with pytest.raises(DatabaseFault, match="empty"):
        build_app(_settings(db), create=True)


def test_a_ban_list_that_dropped_to_nothing_stops_start_and_running_kiosks(db, monkeypatch):
    app = build_app(_settings(db))
    staff = make_staff(app)
    add_ban(app, staff["head"])
    add_ban(app, staff["head"], name="Karolina Nowak")
    app.dispose()
    app = build_app(_settings(db))  # remembers two bans
    assert '"bans": 2' in marker_path(f"sqlite:///{db}").read_text()
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM alerts")
        conn.execute("DELETE FROM bans")
    monkeypatch.setattr("kiosk.db.identity.BAN_COUNT_EVERY_S", 0.0)
    with pytest.raises(DatabaseFault, match="ban list"):
        app.sign_in.screen("Priya", "Shah", PersonType.VISITOR, app.place)
    app.dispose()
    with pytest.raises(DatabaseFault, match="ban list"):
        build_app(_settings(db))


def test_file_deleted_under_a_running_kiosk_fails_closed_and_stays_deleted(db):
    app = build_app(_settings(db), create=False)
    sign_in(app)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    for _ in range(3):
        with pytest.raises(DatabaseFault, match="deleted"):
            sign_in(app, first="Tom", last="Lee")
        with pytest.raises(DatabaseFault):
            app.sign_in.on_site(reception_actor())
    app.dispose()
    assert not db.exists()


def test_file_replaced_under_a_running_kiosk(db, tmp_path):
    app = build_app(_settings(db), create=False)
    first = sign_in(app)
    backup = tmp_path / "copy.sqlite3"
    with sqlite3.connect(db) as src, sqlite3.connect(backup) as dst:
        src.backup(dst)
    # A copy of the same database put back (a restore): the kiosk reconnects and carries on.
    os.replace(backup, db)
    second = sign_in(app, first="Tom", last="Lee")
    with sqlite3.connect(db) as conn:
        ids = {r[0] for r in conn.execute("SELECT id FROM visits")}
    assert ids == {first.visit.id, second.visit.id}
    # Another kiosk database put in its place: refused.
    other = tmp_path / "other" / "kiosk.sqlite3"
    other.parent.mkdir()
    build_app(_settings(other)).dispose()
    os.replace(other, db)
    with pytest.raises(DatabaseFault, match="replaced"):
        sign_in(app, first="Ann", last="Bell")
    app.dispose()


def test_doctor_fails_in_one_line_for_a_missing_or_replaced_database(db, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATABASE_URL=f"sqlite:///{db}",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_CONFIG=str(tmp_path / "kiosk.toml"),
    )
    other = tmp_path / "other" / "kiosk.sqlite3"
    other.parent.mkdir()
    build_app(_settings(other)).dispose()
    shutil.copy(other, db)

    def doctor_line():
        r = subprocess.run(
            [sys.executable, "-m", "kiosk", "doctor"], env=env, capture_output=True, text=True, timeout=120
        )
        assert r.returncode == 1 and "Traceback" not in r.stderr
        return next(line for line in r.stdout.splitlines() if line.startswith("database:"))

    replaced = doctor_line()  # one `kiosk doctor` for both checks (it ran twice)
    assert replaced.startswith("database: not this kiosk's — ") and "replaced" in replaced, replaced
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "db", "adopt"], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0 and "now trusts database" in r.stdout, r.stderr
    assert (
        "database: ok"
        in subprocess.run(
            [sys.executable, "-m", "kiosk", "doctor"], env=env, capture_output=True, text=True, timeout=120
        ).stdout
    )
    db.unlink()
    assert doctor_line().startswith("database: missing — ")
    # `kiosk db upgrade` will not lay a new database over the marker, unless told to start anew.
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 1 and r.stderr.startswith("kiosk: ") and r.stderr.count("\n") == 1
    assert not db.exists()
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "db", "upgrade", "--new"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and "upgraded from schema empty" in r.stdout, r.stderr


def test_the_full_screen_kiosk_creates_no_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    path = tmp_path / "kiosk.sqlite3"
    env.update(
        KIOSK_DATABASE_URL=f"sqlite:///{path}",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_CONFIG=str(tmp_path / "kiosk.toml"),
        QT_QPA_PLATFORM="offscreen",
    )
    # `kiosk bans export` stands for every command that is not set-up: none creates the database.
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "bans", "export"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and "kiosk db upgrade" in r.stderr and "Traceback" not in r.stderr
    assert not path.exists()


@pytest.mark.postgres
def test_postgresql_schema_emptied_is_refused(pg_schema_factory):
    schema = pg_schema_factory()
    settings = Settings(database_url=PG_URL)
    app = build_app(settings, schema=schema)
    sign_in(app)
    app.dispose()
    engine = sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    for create in (False, True):
        with pytest.raises(DatabaseFault, match="empty"):
            build_app(settings, schema=schema, create=create)


@pytest.mark.postgres
def test_postgresql_that_cannot_be_reached_fails_closed():
    settings = Settings(database_url="postgresql://postgres@127.0.0.1:1/kiosk")
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        build_app(settings, create=False)
