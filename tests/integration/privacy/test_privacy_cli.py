"""The data-protection commands as a technician runs them: real processes on a real SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import RecordingPrinter, make_staff
from tests.helpers import sign_in
from tests.integration.privacy.privacy_builders import backdate_person


@pytest.fixture
def env(tmp_path):
    e = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    e["KIOSK_DATABASE_URL"] = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    e["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    e["KIOSK_CONFIG"] = str(tmp_path / "kiosk.toml")
    e["KIOSK_PRINTING__FOLDER"] = str(tmp_path / "badges")
    return e


@pytest.fixture
def db(env, tmp_path):
    """A database with one visitor from three years ago and one from today; returns (path, ids)."""
    from kiosk.app import build_app
    from kiosk.config import Settings

    app = build_app(Settings(database_url=env["KIOSK_DATABASE_URL"]), printer=RecordingPrinter())
    staff = make_staff(app)
    old = sign_in(app, "Olwen", "Oldfield")
    app.sign_in.sign_out(staff["receptionist"], old.visit.id)
    backdate_person(app, old.person.id, 3 * 365)
    new = sign_in(app, "Rhys", "Recent")
    app.sign_in.sign_out(staff["receptionist"], new.visit.id)
    app.dispose()
    return tmp_path / "kiosk.sqlite3", {"old": old.person.id, "new": new.person.id}


def kiosk(env, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def as_staff(env, name: str, pin: str, *args) -> subprocess.CompletedProcess:
    """The command run as that member of staff, signed in with their PIN on standard input."""
    return kiosk({**env, "KIOSK_STAFF": name}, *args, stdin=f"{pin}\n")


def as_head(env, *args) -> subprocess.CompletedProcess:
    """The command run as the head, signed in with the head's PIN on standard input."""
    return as_staff(env, "Test Head", "864213", *args)


def count(path, query: str, *params) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(query, params).fetchone()[0]


def test_purge_dry_run_changes_nothing_then_purge_removes(env, db):
    path, ids = db
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
    result = kiosk(env, "--system", "purge", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "dry run: nothing was changed" in result.stdout
    assert any(line.split()[:1] == ["visits"] and "1 due" in line for line in result.stdout.splitlines())
    assert count(path, "SELECT count(*) FROM people WHERE id = ?", ids["old"]) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*), max(id) FROM audit_log").fetchone() == before

    result = kiosk(env, "--system", "purge")
    assert result.returncode == 0, result.stderr
    assert count(path, "SELECT count(*) FROM people WHERE id = ?", ids["old"]) == 0
    assert count(path, "SELECT count(*) FROM people WHERE id = ?", ids["new"]) == 1
    assert as_head(env, "audit", "verify").stdout.startswith("ok:")


def test_audit_verify_names_the_row_edited_with_sql(env, db):
    path, _ = db
    ok = as_head(env, "audit", "verify")
    assert ok.returncode == 0 and ok.stdout.startswith("ok:"), ok.stdout
    with sqlite3.connect(path) as conn:
        target = conn.execute("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 3").fetchone()[0]
        conn.execute("UPDATE audit_log SET actor = 'staff:999' WHERE id = ?", (target,))
    bad = as_head(env, "audit", "verify")
    assert bad.returncode == 1
    assert f"cannot be trusted from row {target} on" in bad.stdout and "Traceback" not in bad.stderr


def test_person_export_and_erase(env, db, tmp_path):
    path, ids = db
    out = tmp_path / "sar"
    found = as_head(env, "person", "find", "--name", "Olwyn Oldfeld")  # a typo each: screening's tolerance
    assert found.returncode == 0 and f"person {ids['old']}: Olwen Oldfield" in found.stdout, found.stdout
    result = as_head(env, "person", "export", "olwen oldfield", str(out))
    assert result.returncode == 0, result.stderr
    draft = json.loads((out / f"person-{ids['old']}-draft.json").read_text(encoding="utf-8"))
    assert draft["status"] == "draft" and draft["person"]["last_name"] == "Oldfield"
    export_id = draft["export_id"]
    # The one who drafted it may not approve it; a second member of staff (another login) does.
    same = as_head(env, "person", "approve", str(export_id))
    assert same.returncode == 1 and "Another member of staff" in same.stderr
    refused = as_head(env, "person", "release", str(export_id), str(out))
    assert refused.returncode == 1 and "draft" in refused.stderr
    reviewer = as_staff(env, "Test Administrator", "9753", "person", "approve", str(export_id))
    assert reviewer.returncode == 0, reviewer.stderr
    released = as_head(env, "person", "release", str(export_id), str(out))
    assert released.returncode == 0, released.stderr
    data = json.loads((out / f"person-{ids['old']}.json").read_text(encoding="utf-8"))
    assert data["status"] == "approved" and data["includes_safeguarding_records"] is True
    assert (out / f"person-{ids['old']}.pdf").read_bytes().startswith(b"%PDF")
    assert oct((out / f"person-{ids['old']}.json").stat().st_mode & 0o777) == "0o600"

    missing = as_head(env, "person", "export", "Nobody Here", str(out))
    assert missing.returncode == 1 and missing.stderr.startswith("kiosk: ")

    erased = as_head(env, "person", "erase", str(ids["old"]), "--reason", "subject asked, ticket 42")
    assert erased.returncode == 0, erased.stderr
    assert count(path, "SELECT count(*) FROM visits WHERE name_as_typed LIKE '%Olwen%'") == 0
    assert as_head(env, "audit", "verify").stdout.startswith("ok:")


def test_retention_table_is_printed(env, db):
    result = kiosk(env, "retention")
    assert result.returncode == 0
    assert "visits" in result.stdout and "2 years" in result.stdout and "audit log" in result.stdout


def test_backup_manifest_chain_heads_checked_by_restore_and_audit_verify(env, db, tmp_path):
    """SQLite: one school, one chain; its head is in the manifest, checked by `kiosk db restore` and by
    `kiosk audit verify --manifest`, which names the chain when its head row was changed."""
    path, _ids = db
    env = {**env, "KIOSK_BACKUP__FOLDER": str(tmp_path / "backups")}
    made = kiosk(env, "--system", "db", "backup")
    assert made.returncode == 0, made.stderr
    [backup] = sorted((tmp_path / "backups").glob("kiosk-*.sqlite3"))
    doc = json.loads((backup.parent / f"{backup.name}.manifest.json").read_text())
    with sqlite3.connect(path) as conn:
        head = conn.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert doc["audit_heads"] == [{"school": 1, "row_id": head[0], "hash": head[1]}]

    ok = as_head(env, "audit", "verify", "--manifest", str(backup))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "ok: the head of each of 1 chain(s) is in the log as the manifest recorded it"

    restored = as_staff(env, "Test Administrator", "9753", "db", "restore", "--force", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert (
        "the head of each of its 1 chain(s) (one per school) is as the manifest recorded" in restored.stdout
    )

    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_log SET row_hash = 'rewritten' WHERE id = ?", (head[0],))
    bad = as_head(env, "audit", "verify", "--manifest", str(backup))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stdout.startswith(f"school 1's chain cannot be trusted from row {head[0]}"), bad.stdout
    missing = as_head(env, "audit", "verify", "--manifest", str(tmp_path / "nothing.sqlite3"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("kiosk: ") and "no manifest" in missing.stderr
