"""The tests' template database (tests/conftest.py `sqlite_template`, copied by `services` and
`sqlite_services`) is what a fresh database is: the same schema, revision and rows as one made anew."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from tests.conftest import _build, fresh_sqlite

# Rows the migrations make that differ from one database to the next by design.
PER_DATABASE = {"database_id", "database_created_at", "audit.key_id"}


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
    for url in (f"sqlite:///{fresh_path}", fresh_sqlite(sqlite_template, copy_path)):
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
