"""Files only for those who need them: the quick start's database, WAL, backups, logs, badges and audit key
are owner-only; in a folder shared with the programs' group (2770) they are group-only; doctor fails on looser."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.ops.doctor import check_permissions

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (Windows ACLs: not tested)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def kiosk(env, *args) -> subprocess.CompletedProcess:
    # The parent's umask is the usual 022: the program itself must make its files private.
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=lambda: os.umask(0o022),
    )


def quick_start_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")  # the quick start's default: a SQLite file in here
    env["KIOSK_CONFIG"] = str(tmp_path / "kiosk.toml")
    env["KIOSK_LOGGING__FOLDER"] = str(tmp_path / "data" / "logs")
    return env


def test_quick_start_files_are_owner_only(tmp_path):
    env = quick_start_env(tmp_path)
    assert kiosk(env, "db", "upgrade").returncode == 0
    done = kiosk(env, "--system", "db", "backup")
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    db = data / "kiosk.sqlite3"
    records = data / "kiosk.sqlite3.records"
    assert mode(data) == 0o700 and mode(db) == 0o600
    for side in ("-wal", "-shm"):
        if (data / f"kiosk.sqlite3{side}").exists():
            assert mode(data / f"kiosk.sqlite3{side}") == 0o600
    assert mode(records) == 0o700
    assert mode(records / "audit.key") == 0o600 and mode(records / "audit-anchor.log") == 0o600
    backups = list((data / "backups").iterdir())
    assert backups and all(mode(p) == 0o600 for p in backups) and mode(data / "backups") == 0o700
    logs = list((data / "logs").glob("*.log"))
    assert logs and all(mode(p) == 0o600 for p in logs)
    settings = Settings()
    os.environ["KIOSK_DATA_DIR"] = env["KIOSK_DATA_DIR"]
    settings.logging.folder = env["KIOSK_LOGGING__FOLDER"]
    assert check_permissions(settings).level == "ok"


def test_doctor_fails_on_a_world_readable_database_and_a_start_tightens_it(tmp_path, monkeypatch):
    env = quick_start_env(tmp_path)
    assert kiosk(env, "db", "upgrade").returncode == 0
    db = tmp_path / "data" / "kiosk.sqlite3"
    key = tmp_path / "data" / "kiosk.sqlite3.records" / "audit.key"
    os.chmod(db, 0o644)
    os.chmod(key, 0o644)
    monkeypatch.setenv("KIOSK_DATA_DIR", env["KIOSK_DATA_DIR"])
    settings = Settings()
    settings.logging.folder = env["KIOSK_LOGGING__FOLDER"]
    check = check_permissions(settings)
    assert check.level == "fail" and "kiosk.sqlite3 is 0644" in check.detail and "audit.key" in check.detail
    doctor = kiosk(env, "doctor")
    assert doctor.returncode == 1 and "file permissions: too open" in doctor.stdout, doctor.stdout
    assert mode(key) == 0o644  # doctor changes nothing (opening the database tightens the file itself)
    assert kiosk(env, "db", "upgrade").returncode == 0
    assert mode(db) == 0o600 and mode(key) == 0o600
    assert check_permissions(settings).level == "ok"


def test_a_shared_folder_gives_the_programs_group_access_and_nobody_else(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    env = quick_start_env(tmp_path)
    env["KIOSK_DATABASE_URL"] = f"sqlite:///{shared / 'kiosk.sqlite3'}"
    done = kiosk(env, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    db = shared / "kiosk.sqlite3"
    records = shared / "kiosk.sqlite3.records"
    assert mode(db) == 0o660
    assert mode(records) == 0o2770
    assert mode(records / "audit.key") == 0o640
    assert mode(records / "audit-anchor.log") == 0o660


def test_the_command_line_run_in_process_leaves_the_tests_umask_as_it_was(tmp_path, monkeypatch, capsys):
    """`kiosk.cli.main` sets the kiosk's umask 077 in its process; the tests that call it in-process must
    not leave it to the tests after them (tests/conftest.py's autouse `_restored_umask`, commit cb80794)."""
    from kiosk.cli import main
    from tests.helpers import restored_umask

    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    with restored_umask() as before:
        os.umask(0o022)
        assert main(["db", "upgrade"]) == 0, capsys.readouterr().err
        during = os.umask(0o022)
        os.umask(during)
    after = os.umask(0o022)
    os.umask(after)
    assert during == 0o077, f"the command line's own umask is {during:03o}, not 077"
    assert after == before, f"umask {after:03o} after the block, {before:03o} before it"
    with pytest.raises(RuntimeError), restored_umask():
        os.umask(0o077)
        raise RuntimeError("a test that fails half-way")
    assert os.umask(after) == after, "an error in the block left the changed umask"
