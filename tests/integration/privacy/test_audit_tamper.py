"""Tampering with the audit log, on real SQLite files and the real PostgreSQL server: each is found,
and `verify` says from which row on the log cannot be trusted. A retention purge is not tampering."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.services.audit_chain import GENESIS, entry_hash
from tests.helpers import add_ban
from tests.integration.privacy.privacy_builders import engine_of, scalar, sql


@pytest.fixture
def log(services, staff):
    """A log with bans among other rows (two bans created between staff and policy rows)."""
    add_ban(services, staff["head"], "William Hargreaves", aliases=("Bill Hargreaves",))
    for i in range(12):
        services.staff.audit_log(staff["head"], limit=1)  # reads are not audited; make rows that are:
        services.staff.add(staff["administrator"], f"Filler Person {i}", staff["receptionist"].role, "4826")
    add_ban(services, staff["head"], "Carol Dunmore")
    report = services.privacy.verify_audit(staff["head"])
    assert report.ok, report.describe()
    return services


def ids(services) -> list[int]:
    return [r[0] for r in sql(services, "SELECT id FROM audit_log ORDER BY id").all()]


def verify(services, staff):
    return services.privacy.verify_audit(staff["head"])


def recompute_from(services, first_id: int, key: bytes | None) -> None:
    """What an attacker does after changing rows: recompute every hash from ``first_id`` on.

    ``key=None``: an attacker without the key, who can only compute the plain SHA-256 (or guess).
    """
    with services.deps.uow.readonly() as uow:
        rows = list(uow.privacy.audit_chain())
    prev = GENESIS
    with engine_of(services).begin() as conn:
        for e in rows:
            if e.id >= first_id:
                digest = entry_hash(e, prev, key)
                conn.execute(
                    sa.text("UPDATE audit_log SET prev_hash = :p, row_hash = :h WHERE id = :i"),
                    {"p": prev, "h": digest, "i": e.id},
                )
                prev = digest
            else:
                prev = e.row_hash


def the_key(services) -> bytes:
    with services.deps.uow.readonly() as uow:
        key = uow.privacy.audit_key()
    assert key is not None
    return key


def test_an_edited_row(log, staff):
    target = ids(log)[5]
    sql(log, "UPDATE audit_log SET actor = 'staff:999' WHERE id = :i", i=target)
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == target, report.describe()


def test_a_deleted_middle_row(log, staff):
    all_ids = ids(log)
    target = all_ids[len(all_ids) // 2]
    sql(log, "DELETE FROM audit_log WHERE id = :i", i=target)
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == target, report.describe()


def test_the_last_ten_rows_deleted(log, staff):
    all_ids = ids(log)
    sql(log, "DELETE FROM audit_log WHERE id >= :i", i=all_ids[-10])
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == all_ids[-10], report.describe()
    assert "missing" in report.problem


def test_the_table_emptied(log, staff):
    first = ids(log)[0]
    sql(log, "DELETE FROM audit_log")
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == first and "empty" in report.problem, report.describe()


def test_the_table_emptied_and_written_again(log, staff):
    """After emptying, the programs carry on writing: the new rows do not make it look whole."""
    first = ids(log)[0]
    sql(log, "DELETE FROM audit_log")
    log.staff.add(staff["administrator"], "After Emptying", staff["receptionist"].role, "4826")
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == first, report.describe()


def test_a_row_rewritten_with_hashes_recomputed_without_the_key(log, staff):
    target = ids(log)[4]
    sql(log, "UPDATE audit_log SET detail = 'nothing happened' WHERE id = :i", i=target)
    recompute_from(log, target, key=None)
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == target, report.describe()


def test_a_row_rewritten_with_hashes_recomputed_with_the_key(log, staff):
    """Even someone holding the key cannot rewrite the log unseen: the anchor holds the old head hashes."""
    target = ids(log)[4]
    sql(log, "UPDATE audit_log SET detail = 'nothing happened' WHERE id = :i", i=target)
    recompute_from(log, target, key=the_key(log))
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == target and "anchored" in report.problem


@pytest.mark.parametrize("with_key", [False, True], ids=["without-key", "with-key"])
def test_every_ban_row_deleted_and_the_chain_recomputed(log, staff, with_key):
    ban_ids = [r[0] for r in sql(log, "SELECT id FROM audit_log WHERE entity = 'ban' ORDER BY id").all()]
    assert len(ban_ids) >= 2
    sql(log, "DELETE FROM audit_log WHERE entity = 'ban'")
    recompute_from(log, ban_ids[0], key=the_key(log) if with_key else None)
    assert scalar(log, "SELECT count(*) FROM audit_log WHERE entity = 'ban'") == 0
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == ban_ids[0], report.describe()


class _Later:
    """A clock some years ahead, so the whole log is past its retention period."""

    def __init__(self, clock, days: int):
        self.zone, self._clock, self._d = clock.zone, clock, timedelta(days=days)

    def now(self):
        return self._clock.now() + self._d

    def today(self):
        return self._clock.today() + self._d


def test_a_retention_purge_is_not_tampering(log, staff):
    """A purge leaves a keyed purge line in the anchor: verify is ok, and a later edit still shows."""
    from dataclasses import replace

    before = ids(log)
    later = replace(log.privacy, deps=replace(log.deps, clock=_Later(log.deps.clock, 365 * 8)))
    counts = later.purge(staff["system"])
    assert counts["audit log"] == len(before)
    assert all(i > before[-1] for i in ids(log))  # only the checkpoint and the purge's own rows remain
    report = verify(log, staff)
    assert report.ok, report.describe()
    log.staff.add(staff["administrator"], "After The Purge", staff["receptionist"].role, "4826")
    assert verify(log, staff).ok
    target = ids(log)[-1]
    sql(log, "UPDATE audit_log SET detail = 'x' WHERE id = :i", i=target)
    assert verify(log, staff).untrusted_from == target


def test_rows_deleted_and_disguised_as_a_purge_are_found(log, staff):
    """A checkpoint row written without the key does not make a deletion look like a purge."""
    all_ids = ids(log)
    sql(log, "DELETE FROM audit_log WHERE id <= :i", i=all_ids[5])
    report = verify(log, staff)
    assert not report.ok and report.untrusted_from == all_ids[0], report.describe()


def test_an_edited_anchor_is_found(log, staff):
    if engine_of(log).dialect.name == "postgresql":
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            sql(log, "UPDATE audit_anchor SET hash = 'x'")
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            sql(log, "DELETE FROM audit_anchor")
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            sql(log, "TRUNCATE audit_anchor")
        assert verify(log, staff).ok
        return
    with log.deps.uow.readonly() as uow:
        path = uow.records.anchor_path
    lines = path.read_text().splitlines(keepends=True)
    parts = lines[3].split("\t")
    parts[2] = "f" * 64
    lines[3] = "\t".join(parts)
    path.write_text("".join(lines))
    report = verify(log, staff)
    assert not report.ok and "anchor line 4" in report.problem, report.describe()


def test_a_missing_key_refuses_to_write_unkeyed_rows(log, staff):
    from kiosk.db.records import AuditKeyMissing, RecordsStore
    from kiosk.db.uow import SqlUnitOfWorkFactory

    uow_factory = log.deps.uow
    key_path = uow_factory.records.key_path
    saved = key_path.read_bytes()
    key_path.unlink()
    fresh = SqlUnitOfWorkFactory(uow_factory.engine, records=RecordsStore(uow_factory.engine))
    from kiosk.domain.model import Actor
    from kiosk.services.common import audit

    with pytest.raises(AuditKeyMissing, match="audit key"), fresh() as uow:
        audit(uow, log.deps.clock.now(), Actor.system(), "x", "test")
    key_path.write_bytes(b"00" * 32)  # a wrong key
    fresh = SqlUnitOfWorkFactory(uow_factory.engine, records=RecordsStore(uow_factory.engine))
    with pytest.raises(AuditKeyMissing, match="not the key"), fresh() as uow:
        audit(uow, log.deps.clock.now(), Actor.system(), "x", "test")
    key_path.write_bytes(saved)
