"""Schema migrations with Alembic: applied on start and by `kiosk db upgrade`.

Alembic (and the ORM models its environment loads) is imported only when there is something to
migrate: the kiosk's usual start, on a current schema, reads the version table with one query and
compares it with the revisions declared in the migration files, read without running them.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from kiosk.domain.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
# Any fixed number: every kiosk of an installation takes the same PostgreSQL advisory lock.
_ADVISORY_LOCK_KEY = 0x4B494F53


class DatabaseTooNew(DatabaseUnavailable):
    """The database was migrated by a newer version of the program."""


def _config(engine: Engine | None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@cache
def _revisions() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision, the heads) declared by the migration files, read as source, not run.

    The same graph Alembic builds from ``revision`` and ``down_revision`` (tests/unit/db checks both agree).
    """
    known: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                        values[target.id] = ast.literal_eval(node.value) if node.value is not None else None
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str):
            continue
        known.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
    return frozenset(known), frozenset(known - parents)


def head_revision() -> str:
    """The newest schema this program knows (several heads joined with '+', while branches are unmerged)."""
    return "+".join(sorted(_revisions()[1]))


def _schema(engine: Engine) -> str | None:
    return getattr(engine, "info_schema", None)


def _current_heads(conn: Connection, schema: str | None) -> list[str]:
    """The revisions in the database's version table; none where there is no table (a new database)."""
    if not inspect(conn).has_table(VERSION_TABLE, schema=schema):
        return []
    prefix = f"{conn.dialect.identifier_preparer.quote_schema(schema)}." if schema else ""
    return [row[0] for row in conn.execute(text(f"SELECT version_num FROM {prefix}{VERSION_TABLE}"))]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        heads = _current_heads(conn, _schema(engine))
    return "+".join(sorted(heads)) if heads else None


def _sqlite_pragma(conn: Connection, statement: str) -> list[tuple]:
    """Run a PRAGMA on the driver's own connection, outside any transaction SQLAlchemy would begin."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _foreign_keys_back(conn: Connection) -> None:
    """Foreign keys on again after an SQLite upgrade, once SQLite confirms every reference holds."""
    broken = _sqlite_pragma(conn, "PRAGMA foreign_key_check")
    _sqlite_pragma(conn, "PRAGMA foreign_keys=ON")
    if broken:
        from kiosk.domain.errors import DatabaseFault

        tables = sorted({str(row[0]) for row in broken})
        raise DatabaseFault(
            f"After the upgrade {len(broken)} rows point at rows that are not there (in {', '.join(tables)}): "
            "restore the backup taken before the upgrade (kiosk db restore) and report this."
        )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (revision before, revision after).

    On PostgreSQL the upgrade runs in one transaction under an advisory lock, so kiosks starting
    together never race.
    A database newer than this program is refused with DatabaseTooNew.
    """
    known, heads_known = _revisions()
    try:
        with engine.connect() as conn:
            is_pg = conn.dialect.name == "postgresql"
            migrated = False
            if is_pg:
                # Transaction-scoped (released by the commit or rollback, never left behind): the check and
                # the upgrade run in this one transaction, so it also holds behind PgBouncer's
                # transaction pooling, where a session lock could stay on a server connection for ever.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK_KEY})
            try:
                heads = _current_heads(conn, _schema(engine))
                if not is_pg:
                    conn.commit()
                before = "+".join(sorted(heads)) if heads else None
                if any(h not in known for h in heads):
                    raise DatabaseTooNew(
                        f"The database is at schema {before}, newer than this program understands "
                        f"(newest known: {head_revision()}). Update the kiosk program."
                    )
                if set(heads) != heads_known:  # already current: Alembic is not even imported
                    from alembic import command

                    if not is_pg:
                        # SQLite alters a table by copying it and dropping the old one (Alembic's batch
                        # mode); with foreign keys on, dropping a table that other rows point at fails, so
                        # an upgrade of a database with visitors in it would stop half-way. SQLite allows
                        # the switch only outside a transaction (the commit above ended the read): checked
                        # and put back after the upgrade (_foreign_keys_back).
                        _sqlite_pragma(conn, "PRAGMA foreign_keys=OFF")
                        migrated = True

                    cfg = _config(engine)
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "heads")
                    conn.commit()
            except BaseException:
                conn.rollback()  # a half-done upgrade is never committed; the lock goes with the transaction
                if migrated:
                    _sqlite_pragma(conn, "PRAGMA foreign_keys=ON")
                raise
            conn.commit()  # ends the transaction and with it the lock
            if migrated:
                _foreign_keys_back(conn)
    except (OperationalError, DBAPIError) as exc:
        from kiosk.db.engine import describe_error

        raise DatabaseUnavailable(describe_error(exc, str(engine.url))) from None
    return before, head_revision()
