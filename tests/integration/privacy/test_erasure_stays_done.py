"""Erasure that stays done: badge files go at once, the receipt says what backups hold, and a restore from a
backup made before the erasure never brings the person back (SQLite file and PostgreSQL schema)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from kiosk.config import Settings
from kiosk.ops.backup import backup_database, manifest_path
from kiosk.ops.restore import restore
from tests.helpers import sign_in
from tests.integration.privacy.privacy_builders import scalar


def _settings(services, tmp_path) -> tuple[Settings, str]:
    """Settings whose URL names the test's database (and schema), with private backup and badge folders."""
    url = services.settings.resolved_database_url()
    schema = getattr(services.deps.uow.engine, "info_schema", None)
    if schema:
        url = f"{url}?options=-csearch_path%3D{schema}"
    settings = Settings(database_url=url)
    settings.backup.folder = str(tmp_path / "backups")
    settings.printing.folder = str(tmp_path / "badges")
    return settings, url


def test_erasure_survives_a_restore_and_the_receipt_names_the_backups(services, staff, tmp_path):
    if services.deps.uow.engine.dialect.name == "postgresql":
        pg_dump = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=False)
        assert pg_dump.returncode == 0
    settings, url = _settings(services, tmp_path)
    done = sign_in(services, "Gwendolyn", "Erasmus")
    person_id = done.visit.person_id
    services.sign_in.sign_out(staff["receptionist"], done.visit.id)
    sign_in(services, "Other", "Visitor")
    # A badge the file printer wrote for this visit, and one of someone else's.
    badges = tmp_path / "badges"
    badges.mkdir()
    token = done.visit.badge_token
    # The file printer names a badge by the token's first six letters and digits.
    mine = badges / f"20260301-093000-000001-badge-{re.sub(r'[^A-Za-z0-9]', '', token)[:6]}.pdf"
    theirs = badges / "20260301-093100-000002-badge-ZZZZZZ.pdf"
    mine.write_bytes(b"%PDF-1.4 badge")
    theirs.write_bytes(b"%PDF-1.4 badge")

    backup = backup_database(
        url,
        tmp_path / "backups" / "kiosk-20260301-020000.sqlite3"
        if "sqlite" in url
        else tmp_path / "backups" / "kiosk-20260301-020000.pgdump",
    )
    manifest = json.loads(manifest_path(backup.path).read_text())
    assert manifest["audit_head"]["row_id"] and manifest["mac"] and manifest["sha256"]

    from kiosk.app import build_app

    app = build_app(settings, printer=services.sign_in.printer)
    try:
        result = app.privacy.erase_person(staff["administrator"], person_id, "erasure request 2026-03-01")
    finally:
        app.dispose()
    assert not mine.exists() and theirs.exists() and result.badge_files_removed == 1
    receipt = "\n".join(result.receipt())
    assert backup.path.name in receipt and "still hold this person" in receipt

    def first_name() -> str:
        return scalar(services, "SELECT first_name FROM people WHERE id = :i", i=person_id)

    assert first_name() == "erased"
    restored = restore(settings, backup.path, force=True)
    assert restored.manifest and restored.reerased == (person_id,)
    assert first_name() == "erased"
    assert scalar(services, "SELECT count(*) FROM visits WHERE name_as_typed LIKE '%Erasmus%'") == 0
    report = services.privacy.verify_audit(staff["head"])
    assert report.ok, report.describe()


def test_a_changed_backup_is_refused(services, tmp_path):
    settings, url = _settings(services, tmp_path)
    name = "kiosk-20260301-020000.sqlite3" if "sqlite" in url else "kiosk-20260301-020000.pgdump"
    backup = backup_database(url, tmp_path / "backups" / name)
    with backup.path.open("ab") as fh:
        fh.write(b"\0")
    from kiosk.ops.backup import BackupFailed

    with pytest.raises(BackupFailed, match="changed after it was made"):
        restore(settings, backup.path, force=True)
