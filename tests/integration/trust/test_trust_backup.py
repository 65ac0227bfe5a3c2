"""A backup of a trust's database records the head of each school's audit chain in its manifest; a restore
finds each one in the restored data as recorded, and `kiosk audit verify --manifest` checks the live log
still holds them (PostgreSQL, two schools of one trust)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from kiosk.config import Settings
from kiosk.ops.backup import BackupFailed, backup_database, manifest_heads, manifest_path, write_manifest
from kiosk.ops.restore import restore
from tests.conftest import PG_URL, _build
from tests.helpers import add_ban

pytestmark = pytest.mark.postgres


def _heads(owner) -> dict[int, tuple[int, str]]:
    with owner.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT school_id, id, row_hash FROM audit_log a WHERE id = "
                "(SELECT max(id) FROM audit_log b WHERE b.school_id = a.school_id)"
            )
        ).all()
    return {r.school_id: (r.id, r.row_hash) for r in rows}


def test_each_schools_chain_head_is_in_the_manifest_and_checked_on_restore(
    two_schools, tmp_path, printer, clock
):
    t = two_schools
    add_ban(t.a, t.staff_a["head"], name="Brian Hollis")
    add_ban(t.b, t.staff_b["head"], name="Carl Dunmore")
    add_ban(t.a, t.staff_a["head"], name="Dean Ashworth")  # school 1's head is now the newest row of all
    url = f"{PG_URL}?options=-csearch_path%3D{t.schema}"
    settings = Settings(database_url=url)
    settings.backup.folder = str(tmp_path / "backups")
    before = _heads(t.owner)
    assert set(before) == {1, 2}

    backup = backup_database(url, tmp_path / "backups" / "kiosk-20260301-020000.pgdump")
    doc = json.loads(manifest_path(backup.path).read_text())
    recorded = {h["school"]: (h["row_id"], h["hash"]) for h in doc["audit_heads"]}
    assert recorded == before  # one head per school's chain, not only the newest row of the log
    assert doc["audit_head"] == {"row_id": before[1][0], "hash": before[1][1]}
    assert doc["mac"]

    add_ban(t.b, t.staff_b["head"], name="Eddie Fairclough")  # after the backup: not in it
    restored = restore(settings, backup.path, force=True)
    assert restored.manifest and restored.chains == 2

    everyone = _build(PG_URL, printer, schema=t.schema, clock=clock)  # the tables' owner reads every chain
    try:
        admin = t.staff_a["administrator"]
        line = everyone.privacy.check_chain_heads(admin, manifest_heads(doc))
        assert line == "ok: the head of each of 2 chain(s) is in the log as the manifest recorded it", line
        # School 2's head row changed by hand: its chain is named; school 1's still holds.
        with t.owner.begin() as conn:
            conn.execute(
                sa.text("UPDATE audit_log SET row_hash = 'rewritten' WHERE id = :i"), {"i": before[2][0]}
            )
        line = everyone.privacy.check_chain_heads(admin, manifest_heads(doc))
        assert line.startswith(f"school 2's chain cannot be trusted from row {before[2][0]}"), line
        assert "school 1" not in line
    finally:
        everyone.dispose()

    # A manifest whose school 2 head the dump does not hold (a dump and a manifest that do not belong
    # together): the restore says which chain, and fails.
    manifest_path(backup.path).unlink()
    write_manifest(url, backup.path, "postgresql", t.schema, [(1, *before[1]), (2, 10**6, "not-there")])
    with pytest.raises(BackupFailed, match="school 2's chain: its head, row 1000000, is not there"):
        restore(settings, backup.path, force=True)


def test_the_digest_names_each_schools_chain_head_and_checks_each(two_schools, printer, clock):
    t = two_schools
    add_ban(t.a, t.staff_a["head"], name="Brian Hollis")
    add_ban(t.b, t.staff_b["head"], name="Carl Dunmore")
    heads = _heads(t.owner)
    # A school's own programs: their own chain's head (school 1's line reads as it always did).
    own_a = t.a.privacy.audit_digest(t.staff_a["administrator"])
    own_b = t.b.privacy.audit_digest(t.staff_b["administrator"])
    assert own_a.count("kiosk audit digest") == 1 and " chain " not in own_a
    assert f": row {heads[1][0]} hash {heads[1][1]} " in own_a
    assert f": chain 2 row {heads[2][0]} hash {heads[2][1]} " in own_b
    assert t.b.privacy.check_digest(t.staff_b["administrator"], own_b).startswith("ok: school 2's chain: row")

    everyone = _build(PG_URL, printer, schema=t.schema, clock=clock)  # the tables' owner reads every chain
    try:
        admin = t.staff_a["administrator"]
        both = everyone.privacy.audit_digest(admin)
        first, second = both.splitlines()
        assert first.split(" at ")[0] == own_a.split(" at ")[0]  # school 1's chain, as its own programs say
        assert second.split(" at ")[0] == own_b.split(" at ")[0]
        assert both.count("kiosk audit digest") == 2 and f"chain 2 row {heads[2][0]}" in both
        assert (
            everyone.privacy.check_digest(admin, both)
            == "ok: each of the 2 chains' rows is in the log as the digest recorded it"
        )
        # A line of school 2's with its chain number changed to school 1's: its MAC no longer matches.
        moved = both.splitlines()[1].replace(" chain 2 ", " ")
        assert "not made with this installation's audit key" in everyone.privacy.check_digest(admin, moved)
        with t.owner.begin() as conn:
            conn.execute(
                sa.text("UPDATE audit_log SET row_hash = 'rewritten' WHERE id = :i"), {"i": heads[2][0]}
            )
        line = everyone.privacy.check_digest(admin, both)
        assert line.startswith(f"school 2's chain: the audit log cannot be trusted from row {heads[2][0]}"), (
            line
        )
    finally:
        everyone.dispose()
