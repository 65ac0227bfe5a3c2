"""`kiosk doctor`: one line per check, exit 1 on any failure, 0 on a healthy SQLite set-up."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.db.engine import make_engine
from kiosk.db.migrate import upgrade
from kiosk.ops.doctor import doctor, run_checks

CHECKS = [
    "settings",
    "database",
    "shared database",
    "printer",
    "label",
    "smtp",
    "disk",
    "backups",
    "clock",
    "logs",
    "file permissions",
    "offline copy",
    "kiosk service",
    "last backup",
]


def _environ(tmp_path, db, **extra) -> dict[str, str]:
    env = {
        "KIOSK_DATABASE_URL": f"sqlite:///{db}",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_PRINTING__FOLDER": str(tmp_path / "badges"),
        "KIOSK_BACKUP__FOLDER": str(tmp_path / "backups"),
        "KIOSK_LOGGING__FOLDER": str(tmp_path / "logs"),
    }
    env.update(extra)
    return env


def _doctor(tmp_path, environ, system_text: str | None = None, **kwargs) -> tuple[int, list[str]]:
    system_file = tmp_path / "etc-kiosk.toml"
    if system_text is not None:
        system_file.write_text(system_text, encoding="utf-8")
    out = io.StringIO()
    old = os.umask(0o077)  # as `kiosk doctor` runs (kiosk.cli sets it before anything is created)
    try:
        code = doctor(
            out, environ=environ, system_file=system_file, user_file=tmp_path / "user.toml", **kwargs
        )
    finally:
        os.umask(old)
    return code, out.getvalue().splitlines()


@pytest.fixture
def healthy_db(tmp_path):
    db = tmp_path / "kiosk.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    engine.dispose()
    return db


def test_healthy_sqlite_with_file_printer_passes(tmp_path, healthy_db):
    code, lines = _doctor(tmp_path, _environ(tmp_path, healthy_db))
    assert [line.split(":", 1)[0] for line in lines] == CHECKS
    assert code == 0, lines
    by_name = {line.split(":", 1)[0]: line for line in lines}
    assert by_name["database"].startswith("database: ok")
    assert "up to date" in by_name["database"]
    assert by_name["printer"].startswith("printer: ok")
    assert by_name["label"].startswith("label: ok")
    assert by_name["smtp"].startswith("smtp: ok — not configured")
    assert by_name["clock"].startswith("clock: ok")


def test_missing_database_folder_fails(tmp_path):
    code, lines = _doctor(tmp_path, _environ(tmp_path, tmp_path / "gone" / "kiosk.sqlite3"))
    assert code == 1
    assert [line.split(":", 1)[0] for line in lines] == CHECKS  # the other checks still run
    database = next(line for line in lines if line.startswith("database:"))
    assert database.startswith("database: not found — the database folder")
    assert str(tmp_path / "gone") in database
    assert not (tmp_path / "gone").exists()  # the doctor changes nothing


def test_unmigrated_database_fails_and_is_not_created(tmp_path):
    code, lines = _doctor(tmp_path, _environ(tmp_path, tmp_path / "new.sqlite3"))
    assert code == 1
    assert any(line.startswith("database: not found — no database file") for line in lines)
    assert not (tmp_path / "new.sqlite3").exists()


def test_database_behind_the_program_is_not_migrated(tmp_path, healthy_db):
    import sqlite3

    with sqlite3.connect(healthy_db) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    code, lines = _doctor(tmp_path, _environ(tmp_path, healthy_db))
    assert code == 1
    assert any(line.startswith("database: not migrated") and "kiosk db upgrade" in line for line in lines)


def test_shared_database_is_ok_when_the_system_file_sets_it(tmp_path, healthy_db):
    env = _environ(tmp_path, healthy_db)
    del env["KIOSK_DATABASE_URL"]
    code, lines = _doctor(tmp_path, env, system_text=f'database_url = "sqlite:///{healthy_db}"\n')
    shared = next(line for line in lines if line.startswith("shared database:"))
    assert shared.startswith("shared database: ok") and "etc-kiosk.toml" in shared
    assert code == 0, lines
    # The same URL set by this user only: a warning, with the URL shown and the password hidden.
    env["KIOSK_DATABASE_URL"] = "postgresql://kiosk:s3cret@127.0.0.1:1/none"
    code, lines = _doctor(tmp_path, env)
    assert code == 1  # port 1: unreachable
    text = "\n".join(lines)
    assert "s3cret" not in text and "***" in text
    assert any(line.startswith("database: not reachable") for line in lines)
    assert any(line.startswith("shared database: set by this user") for line in lines)


def test_bad_label_missing_queue_and_dead_smtp_fail(tmp_path, healthy_db):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now
    env = _environ(
        tmp_path,
        healthy_db,
        KIOSK_PRINTING__LABEL="no-such-label",
        KIOSK_SMTP__HOST="127.0.0.1",
        KIOSK_SMTP__PORT=str(port),
    )
    code, lines = _doctor(tmp_path, env)
    assert code == 1
    by_name = {line.split(":", 1)[0]: line for line in lines}
    assert by_name["label"].startswith("label: unknown")
    assert by_name["smtp"].startswith("smtp: not reachable")


def test_smtp_that_answers_passes(tmp_path, healthy_db):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        env = _environ(
            tmp_path,
            healthy_db,
            KIOSK_SMTP__HOST="127.0.0.1",
            KIOSK_SMTP__PORT=str(listener.getsockname()[1]),
            KIOSK_SMTP__ALERT_RECIPIENTS="office@example.org",
        )
        checks = {c.name: c for c in run_checks(environ=env, system_file=tmp_path / "none.toml")}
    finally:
        listener.close()
    assert checks["smtp"].level == "ok"


def test_a_cups_queue_that_does_not_exist_is_not_found(tmp_path, healthy_db):
    env = _environ(tmp_path, healthy_db, KIOSK_PRINTING__PRINTER="no_such_queue_xyz")
    checks = {c.name: c for c in run_checks(environ=env, system_file=tmp_path / "none.toml")}
    assert checks["printer"].level == "fail"
    assert checks["printer"].status in ("not found", "not reachable")


def test_clock_in_the_past_fails(tmp_path, healthy_db):
    when = datetime(1970, 1, 1, 0, 5, tzinfo=ZoneInfo("Europe/London"))
    code, lines = _doctor(tmp_path, _environ(tmp_path, healthy_db), now=when)
    assert code == 1
    assert any(line.startswith("clock: wrong") and "1970" in line for line in lines)


def test_bad_settings_fail_in_one_line(tmp_path, healthy_db):
    code, lines = _doctor(tmp_path, _environ(tmp_path, healthy_db, KIOSK_SCHOOL__TIME_ZONE="Mars/Base"))
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("settings: invalid")


def test_cli_doctor(tmp_path, healthy_db):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(_environ(tmp_path, healthy_db), KIOSK_CONFIG=str(tmp_path / "user.toml"))
    ok = subprocess.run([sys.executable, "-m", "kiosk", "doctor"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert len(ok.stdout.splitlines()) == len(CHECKS)
    env["KIOSK_DATABASE_URL"] = f"sqlite:///{tmp_path / 'missing' / 'k.sqlite3'}"
    bad = subprocess.run([sys.executable, "-m", "kiosk", "doctor"], env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "database: not found" in bad.stdout
    assert "Traceback" not in bad.stderr
