"""Schema migrations with Alembic: applied on start and by `kiosk db upgrade`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from kiosk.domain.errors import DatabaseUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed number: every kiosk of an installation takes the same PostgreSQL advisory lock.
_ADVISORY_LOCK_KEY = 0x4B494F53


class DatabaseTooNew(DatabaseUnavailable):
    """The database was migrated by a newer version of the program."""


def _config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest schema this program knows (several heads joined with '+', while branches are unmerged)."""
    heads = ScriptDirectory.from_config(_config(None)).get_heads()  # type: ignore[arg-type]
    return "+".join(sorted(heads))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn, opts=_version_opts(engine)).get_current_heads()
    return "+".join(sorted(heads)) if heads else None


def _version_opts(engine: Engine) -> dict:
    schema = getattr(engine, "info_schema", None)
    return {"version_table_schema": schema} if schema else {}


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (revision before, revision after).

    On PostgreSQL the upgrade runs in one transaction under an advisory lock, so kiosks starting
    together never race.
    A database newer than this program is refused with DatabaseTooNew.
    """
    cfg = _config(engine)
    script = ScriptDirectory.from_config(cfg)
    try:
        with engine.connect() as conn:
            is_pg = conn.dialect.name == "postgresql"
            if is_pg:
                # Transaction-scoped (released by the commit or rollback, never left behind): the check and
                # the upgrade run in this one transaction, so it also holds behind PgBouncer's
                # transaction pooling, where a session lock could stay on a server connection for ever.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK_KEY})
            try:
                heads = MigrationContext.configure(conn, opts=_version_opts(engine)).get_current_heads()
                if not is_pg:
                    conn.commit()
                before = "+".join(sorted(heads)) if heads else None
                known = {s.revision for s in script.walk_revisions()}
                if any(h not in known for h in heads):
                    raise DatabaseTooNew(
                        f"The database is at schema {before}, newer than this program understands "
                        f"(newest known: {head_revision()}). Update the kiosk program."
                    )
                if set(heads) != set(script.get_heads()):  # already current: skip Alembic's machinery
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "heads")
                    conn.commit()
            except BaseException:
                conn.rollback()  # a half-done upgrade is never committed; the lock goes with the transaction
                raise
            conn.commit()  # ends the transaction and with it the lock
    except (OperationalError, DBAPIError) as exc:
        from kiosk.db.engine import describe_error

        raise DatabaseUnavailable(describe_error(exc, str(engine.url))) from None
    return before, head_revision()
