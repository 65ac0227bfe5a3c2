"""The tests' template databases (tests/conftest.py: `sqlite_template`, copied by `services` and
`sqlite_services`; `pg_template`, replayed into the `services` PostgreSQL schema) are what a fresh database
is: the same schema, revision and rows as one made anew."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from kiosk.db.migrate import head_revision
from tests.conftest import _build, fresh_sqlite

# Rows the migrations make that differ from one database to the next by design.
PER_DATABASE = {"database_id", "database_created_at", "audit.key_id"}


def _revision(url: str, schema: str | None = None) -> str | None:
    from kiosk.db.engine import make_engine
    from kiosk.db.migrate import current_revision

    engine = make_engine(url, schema=schema, create=False)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _clauses(sql: str | None) -> list[str]:
    """A CREATE statement's lines in order of their text: Alembic's batch mode writes a table's constraints
    in an order that changes from one run to the next (two fresh databases differ in it too)."""
    return sorted(line.strip().rstrip(",") for line in (sql or "").splitlines())


def _contents(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        out: dict[str, list] = {
            "schema": [
                (kind, name, table, _clauses(sql))
                for kind, name, table, sql in conn.execute(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                )
            ],
            "journal_mode": conn.execute("PRAGMA journal_mode").fetchall(),
        }
        for table in tables:
            if table == "kiosk_meta":
                rows = conn.execute("SELECT key, value FROM kiosk_meta ORDER BY key").fetchall()
                out[table] = [(k, "(per database)" if k in PER_DATABASE else v) for k, v in rows]
            elif table == "audit_log":
                # Rows sealed with the database's own key at its own moment: their actions, in order.
                out[table] = conn.execute("SELECT id, action, entity FROM audit_log ORDER BY id").fetchall()
            else:
                out[table] = sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"').fetchall()))
    return out


def test_a_copy_of_the_template_is_a_fresh_database(sqlite_template, tmp_path, printer, clock):
    fresh_path, copy_path = tmp_path / "fresh" / "kiosk.sqlite3", tmp_path / "copy" / "kiosk.sqlite3"
    fresh_path.parent.mkdir()
    copy_path.parent.mkdir()
    copied = fresh_sqlite(sqlite_template, copy_path)
    assert _revision(copied) == head_revision(), "the copy is not at the newest schema before its first start"
    for url in (f"sqlite:///{fresh_path}", copied):
        _build(url, printer, clock=clock).dispose()  # build_app: a first start on each
    fresh, copy = _contents(fresh_path), _contents(copy_path)
    assert fresh.keys() == copy.keys(), "the copy has other tables than a fresh database"
    for key in fresh:
        # Timestamps the first start wrote (site and kiosk rows) differ by the seconds between the two.
        if key not in ("schema", "journal_mode", "kiosk_meta", "audit_log", "alembic_version"):
            continue
        assert copy[key] == fresh[key], f"{key}: the template's copy differs from a fresh database"
    for table in fresh:
        assert len(copy[table]) == len(fresh[table]), (
            f"{table}: {len(copy[table])} rows, fresh {len(fresh[table])}"
        )
    # Files as private as the program makes them: the database and the audit key in its records folder.
    for name in ("kiosk.sqlite3", "kiosk.sqlite3.records", "kiosk.sqlite3.records/audit.key"):
        modes = [
            stat.S_IMODE((folder / name).stat().st_mode) for folder in (fresh_path.parent, copy_path.parent)
        ]
        assert modes[1] == modes[0], f"{name}: mode {modes[1]:o} in the copy, {modes[0]:o} fresh"


def _pg_contents(engine, schema: str) -> dict[str, list]:
    import sqlalchemy as sa

    def rows(sql: str) -> list:
        with engine.connect() as conn:
            return sorted(
                tuple(str(v).replace(schema, "<schema>") for v in r)
                for r in conn.execute(sa.text(sql), {"s": schema})
            )

    out = {
        "columns": rows(
            "SELECT table_name, column_name, data_type, column_default, is_nullable, character_maximum_length "
            "FROM information_schema.columns WHERE table_schema = :s"
        ),
        "constraints": rows(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = :s"
        ),
        "indexes": rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = :s"),
        "triggers": rows(
            "SELECT event_object_table, trigger_name, event_manipulation, action_statement, action_timing "
            "FROM information_schema.triggers WHERE trigger_schema = :s"
        ),
        "functions": rows(
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = :s"
        ),
        "sequences": rows(
            "SELECT sequencename, last_value, start_value, increment_by FROM pg_sequences WHERE schemaname = :s"
        ),
    }
    with engine.connect() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                sa.text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema}
            )
        ]
        for table in tables:
            if table == "kiosk_meta":
                meta = conn.execute(sa.text(f'SELECT key, value FROM "{schema}".kiosk_meta')).all()
                out[table] = sorted((k, "(per database)" if k in PER_DATABASE else v) for k, v in meta)
            elif table == "audit_log":
                out[table] = conn.execute(
                    sa.text(f'SELECT id, action, entity FROM "{schema}".audit_log ORDER BY id')
                ).all()
            elif table == "alembic_version":
                out[table] = sorted(conn.execute(sa.text(f'SELECT * FROM "{schema}".alembic_version')).all())
            else:
                out[table] = [conn.execute(sa.text(f'SELECT count(*) FROM "{schema}"."{table}"')).scalar()]
    return out


@pytest.mark.postgres
def test_a_clone_of_the_postgresql_template_is_a_freshly_migrated_schema(
    pg_template, pg_schema_factory, _pg_engine, printer, clock
):
    from kiosk.db.engine import make_engine
    from kiosk.db.records import records_folder
    from tests.conftest import PG_URL, pg_clone

    assert pg_template is not None, "pg_dump is missing: the PostgreSQL tests migrate every schema"
    fresh, clone = pg_schema_factory(), pg_schema_factory()
    pg_clone(pg_template, clone)
    assert _revision(PG_URL, clone) == head_revision(), (
        "the clone is not at the newest schema before its start"
    )
    for schema in (fresh, clone):
        _build(PG_URL, printer, schema=schema, clock=clock).dispose()  # build_app: a first start on each
    got, want = _pg_contents(_pg_engine, clone), _pg_contents(_pg_engine, fresh)
    assert got.keys() == want.keys(), "the clone has other tables than a freshly migrated schema"
    for key in want:
        assert got[key] == want[key], f"{key}: the template's clone differs from a freshly migrated schema"
    for schema in (fresh, clone):
        engine = make_engine(PG_URL, schema=schema)
        assert (records_folder(engine) / "audit.key").is_file(), f"{schema}: no audit key"
        engine.dispose()
