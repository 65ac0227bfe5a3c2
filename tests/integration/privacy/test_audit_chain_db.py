"""The audit log's hash chain on real databases: edits show, purges and erasure do not break it."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from kiosk.domain.model import Actor
from kiosk.services.common import audit
from tests.integration.privacy.privacy_builders import scalar, sql


def test_every_row_is_chained(services, staff):
    rows = services.staff.audit_log(staff["head"], limit=1000)
    assert rows and all(len(r.row_hash) == 64 for r in rows)
    ordered = sorted(rows, key=lambda r: r.id)
    assert all(b.prev_hash == a.row_hash for a, b in zip(ordered, ordered[1:], strict=False))
    assert services.privacy.verify_audit(staff["administrator"]).ok


def test_editing_a_row_with_sql_is_found_at_that_row(services, staff):
    target = scalar(services, "SELECT min(id) FROM audit_log WHERE action = 'staff account created'") + 1
    sql(services, "UPDATE audit_log SET detail = 'nothing to see' WHERE id = :i", i=target)
    report = services.privacy.verify_audit(staff["head"])
    assert not report.ok and report.broken_id == target and "changed" in report.problem


def test_removing_a_row_is_found_at_the_next(services, staff):
    ids = [r[0] for r in sql(services, "SELECT id FROM audit_log ORDER BY id").all()]
    sql(services, "DELETE FROM audit_log WHERE id = :i", i=ids[2])
    report = services.privacy.verify_audit(staff["head"])
    # The log cannot be trusted from the missing row on.
    assert not report.ok and report.broken_id == ids[2]


def test_only_head_and_administrator_may_verify(services, staff):
    from kiosk.domain.errors import PermissionDenied

    for role in ("receptionist", "safeguarding lead"):
        with pytest.raises(PermissionDenied):
            services.privacy.verify_audit(staff[role])


def test_concurrent_writers_keep_one_chain(services, staff):
    """Two threads appending at once never chain to the same row (advisory lock / BEGIN IMMEDIATE)."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        actor = Actor(name=name, role=None, source="system")
        try:
            barrier.wait()
            for i in range(15):
                with services.deps.uow() as uow:
                    audit(uow, services.deps.clock.now(), actor, "concurrency test", "test", i)
                    time.sleep(0.003)  # widen the window between reading the last hash and committing
                    uow.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"writer-{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert scalar(services, "SELECT count(*) FROM audit_log WHERE action = 'concurrency test'") == 30
    report = services.privacy.verify_audit(staff["head"])
    assert report.ok, report.describe()


@pytest.fixture
def pg_services(pg_schema_factory, printer, clock):
    from tests.conftest import PG_URL, _build

    app = _build(PG_URL, printer, schema=pg_schema_factory(), clock=clock)
    yield app
    app.dispose()


@pytest.mark.postgres
def test_a_writer_that_waited_for_the_lock_chains_to_the_row_committed_meanwhile(pg_services):
    """The lock and the head read go to the server together (one round trip): the head must still be read
    after the lock is granted, so a writer that waited chains to the row its predecessor just committed
    (a head read in the lock's own statement would see the snapshot from before the wait)."""
    services = pg_services
    actor = Actor(name="first", role=None, source="system")
    second_done = threading.Event()
    errors: list[BaseException] = []

    def second_writer() -> None:
        try:
            with services.deps.uow() as uow:
                audit(uow, services.deps.clock.now(), Actor("second", None, "system"), "waited", "test", 2)
                uow.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            second_done.set()

    with services.deps.uow() as first:
        audit(first, services.deps.clock.now(), actor, "held the lock", "test", 1)
        assert first.session is not None
        holder = first.session.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        waiter = threading.Thread(target=second_writer)
        waiter.start()
        # Until the second writer waits on the chain's advisory lock, behind this transaction.
        waiting = (
            "SELECT count(*) FROM pg_locks l WHERE l.locktype = 'advisory' AND NOT l.granted "
            "AND CAST(:holder AS integer) = ANY(pg_blocking_pids(l.pid))"
        )
        for _ in range(400):
            if scalar(services, waiting, holder=holder):
                break
            time.sleep(0.025)
        else:
            pytest.fail("the second writer never waited for the chain's lock")
        assert not second_done.is_set()
        first.commit()
    waiter.join(60)
    assert not errors
    rows = sql(
        services,
        "SELECT action, prev_hash, row_hash FROM audit_log WHERE action IN ('held the lock', 'waited') ORDER BY id",
    ).all()
    assert [r.action for r in rows] == ["held the lock", "waited"]
    assert rows[1].prev_hash == rows[0].row_hash
    from tests.conftest import make_staff

    assert services.privacy.verify_audit(make_staff(services)["head"]).ok


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def bare_engine(request, tmp_path):
    from kiosk.db.engine import make_engine

    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    else:
        from tests.conftest import PG_URL

        engine = make_engine(PG_URL, schema=request.getfixturevalue("pg_schema_factory")())
    yield engine
    engine.dispose()


def test_migration_chains_rows_written_before_it(bare_engine):
    from alembic import command

    from kiosk.db.migrate import _config, upgrade
    from kiosk.db.uow import SqlUnitOfWorkFactory
    from kiosk.services.audit_chain import anchor_of, verify_chain

    cfg = _config(bare_engine)
    with bare_engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.commit()
    with bare_engine.begin() as conn:
        for i in range(3):
            conn.execute(
                sa.text(
                    "INSERT INTO audit_log (at, actor, source, action, entity, entity_ids, detail) "
                    "VALUES (:at, 'system', 'system', 'old row', 'test', :ids, :d)"
                ),
                {"at": f"2026-01-0{i + 1} 10:00:00.123456", "ids": f'[{i}, "x"]', "d": f"row {i} — é"},
            )
    upgrade(bare_engine)
    with SqlUnitOfWorkFactory(bare_engine).readonly() as uow:
        rows = list(uow.privacy.audit_chain())
        # 0004 chained the three old rows, 0006 re-keyed them and recorded that in a row of its own.
        assert len(rows) == 4 and all(len(r.row_hash) == 64 for r in rows)
        assert rows[-1].action == "audit log re-keyed" and '"old_chain": "ok"' in rows[-1].detail
        key, lines = uow.privacy.audit_key(), uow.privacy.anchor_lines()
        assert key is not None and [ln.kind for ln in lines] == ["rekey"]
        assert verify_chain(rows, key=key, anchor_lines=lines).ok
        assert not verify_chain(rows, anchor_of(uow.privacy.latest_checkpoint("x"))).ok  # unkeyed: no
    with SqlUnitOfWorkFactory(bare_engine)() as uow:
        audit(uow, rows[-1].at, Actor.system(), "new row", "test", 1)
        uow.commit()
    with SqlUnitOfWorkFactory(bare_engine).readonly() as uow:
        report = verify_chain(uow.privacy.audit_chain(), key=key, anchor_lines=uow.privacy.anchor_lines())
        assert report.ok and report.checked == 5, report.describe()


def test_the_anchor_and_the_marker_are_stamped_by_the_injected_clock(services, clock):
    """The anchor's lines (file or table) and the database marker take the program's clock, not the machine's."""
    import json
    from datetime import UTC, datetime

    clock.set(datetime(2031, 3, 4, 9, 15, tzinfo=UTC))
    with services.deps.uow() as uow:
        actor = Actor(name="clock test", role=None, source="system")
        audit(uow, services.deps.clock.now(), actor, "clock test", "test", 1)
        uow.commit()
    records = services.deps.uow.records
    assert records.anchor_lines()[-1].at.startswith("2031-03-04T09:15:")
    if records.is_postgres:
        assert scalar(services, "SELECT max(written_at) FROM audit_anchor").year == 2031
    guard = services.deps.uow.guard
    guard.marker_file.unlink()  # the next start writes it anew
    guard.establish()
    assert json.loads(guard.marker_file.read_text())["updated_at"].startswith("2031-03-04T09:15:")
