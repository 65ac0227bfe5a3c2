"""`kiosk db restore FILE [--force]`: put a backup back, after checking it is one.

The file is checked before anything is touched: a SQLite backup must pass ``PRAGMA integrity_check``
and hold the kiosk's tables and an Alembic version this program knows; a PostgreSQL dump must be a
``pg_dump -Fc`` archive that ``pg_restore --list`` can read and that holds the kiosk's tables.
A database that already holds visits, people, bans or staff is only overwritten with ``--force``,
and then a safety copy of it is taken first (into the backup folder), so a restore of the wrong file
can itself be undone.

SQLite is restored through the online backup API into the live file, not by copying the file over
it: kiosks that have it open see the restored data at their next transaction, and the -wal and -shm
files beside it stay consistent. Stop the kiosks first anyway; a visitor signing in during the
restore would be lost with the data it replaced.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.config import Settings
from kiosk.ops.backup import (
    PG_TIMEOUT_S,
    BackupFailed,
    _parse,
    _pg_message,
    backup_database,
    check_heads_in_database,
    check_heads_in_sqlite,
    check_manifest,
    default_backup_path,
    pg_command_env,
    pg_schema,
    pg_tool,
    sqlite_path,
)

log = logging.getLogger(__name__)

KIOSK_TABLES = frozenset({"alembic_version", "visits", "people", "bans", "staff", "policy_versions"})
# A database "has data" when any of these has a row; an empty, migrated database may be overwritten.
DATA_TABLES = ("visits", "people", "bans", "staff", "acknowledgements")
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class RestoreRefused(BackupFailed):
    """The restore would overwrite data and --force was not given."""


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    source: Path
    revision: str | None  # the schema revision of the restored data
    safety_copy: Path | None  # the copy of the overwritten database, when there was data
    reerased: tuple[int, ...] = ()  # people erased after the backup was made, erased again
    manifest: bool = False  # whether the backup's manifest was there and matched
    chains: int = 0  # audit chains (one per school) found in the restored data as the manifest recorded them


def file_kind(path: Path) -> str:
    """'sqlite' or 'postgresql' from the file's first bytes; BackupFailed for anything else."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise BackupFailed(f"{path} does not exist.") from None
    except OSError as exc:
        raise BackupFailed(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupFailed(
        f"{path} is not a kiosk backup: it is neither a SQLite database nor a PostgreSQL dump "
        "(pg_dump -Fc). Check you chose the right file."
    )


def check_sqlite_backup(path: Path) -> str | None:
    """Check a SQLite backup is whole and is the kiosk's; returns its schema revision."""
    from kiosk.db.migrate import head_revision

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupFailed(f"{path} cannot be opened as a SQLite database: {exc}.") from None
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupFailed(
                f"{path} is damaged (integrity check: {'; '.join(result[:3])}); use another backup."
            )
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = KIOSK_TABLES - tables
        if missing:
            raise BackupFailed(
                f"{path} is a SQLite database but not a kiosk backup (no {', '.join(sorted(missing))} table)."
            )
        revisions = sorted(row[0] for row in conn.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(f"{path} is not a usable SQLite database: {exc}.") from None
    finally:
        conn.close()
    revision = "+".join(revisions) or None
    _check_revision_known(path, revisions, head_revision())
    return revision


def _check_revision_known(path: Path, revisions: list[str], head: str) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from kiosk.db.migrate import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    unknown = [r for r in revisions if r not in known]
    if unknown:
        raise BackupFailed(
            f"{path} was made by a newer version of the kiosk program (schema {'+'.join(unknown)}, "
            f"newest known here: {head}). Update the program first."
        )


def sqlite_has_data(path: Path) -> bool:
    """Whether the SQLite database at ``path`` exists and holds any visit, person, ban or staff row."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return any(
            conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in DATA_TABLES if t in tables
        )
    except sqlite3.DatabaseError:
        return True  # something unreadable is there: do not overwrite it without --force
    finally:
        conn.close()


def restore(
    settings: Settings, source: Path, *, force: bool = False, schema: str | None = None
) -> RestoreResult:
    """Check ``source`` and restore it into the configured database (see the module docstring)."""
    source = Path(source)
    url = settings.resolved_database_url()
    kind = file_kind(source)
    target = sqlite_path(url)
    schema = schema or pg_schema(url)
    if target is not None:
        if kind != "sqlite":
            raise BackupFailed(
                f"{source} is a PostgreSQL dump, but this kiosk uses the SQLite database {target}."
            )
        doc = check_manifest(url, source)
        chains = check_heads_in_sqlite(doc, source) if doc is not None else 0
        result = _restore_sqlite(settings, url, source, target, force)
    else:
        if _parse(url).get_backend_name() != "postgresql":
            raise BackupFailed("Only SQLite files and PostgreSQL databases can be restored.")
        if kind != "postgresql":
            raise BackupFailed(f"{source} is a SQLite backup, but this kiosk uses a PostgreSQL database.")
        doc = check_manifest(url, source, schema)
        result = _restore_postgres(settings, url, source, force, schema)
        # A dump's heads were read before it began: each must be in the restored data, as recorded
        # (checked before the migrations and anchor lines that follow add rows).
        chains = check_heads_in_database(doc, url, schema, str(source)) if doc is not None else 0
    reerased = after_restore(settings, url, schema)
    return replace(result, reerased=tuple(reerased), manifest=doc is not None, chains=chains)


def after_restore(settings: Settings, url: str, schema: str | None) -> list[int]:
    """What a restore must do to the records kept outside the data, and to the data itself.

    1. Anchor the restore: a keyed ``restore`` line with the backup's head (and where its chain starts),
       so `kiosk audit verify` does not take the rows the restore replaced for rows deleted.
    2. PostgreSQL: revoke UPDATE/DELETE/TRUNCATE on the anchor table again (a dump does not carry it).
    3. Migrate the restored data to this program's schema (an old backup's chain is re-keyed then).
    4. Erase again everyone the erasure log (outside the data) says was erased: a restore never brings
       an erased person back.
    """
    import sqlalchemy as sa

    from kiosk.db.engine import make_engine
    from kiosk.db.records import KEY_ID_META, RecordsStore
    from kiosk.services.audit_chain import PURGE, RESTORE

    engine = make_engine(url, schema=schema)
    try:
        records = RecordsStore(engine)
        if not records.key_path.exists() and not records.erasure_path.exists():
            # A restore onto a new machine or database: there is nothing of ours here to apply yet.
            log.warning(
                "no audit key at %s: copy audit.key from the old installation there before starting",
                records.key_path,
            )
            return []
        with engine.begin() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            keyed = (
                "kiosk_meta" in tables
                and conn.execute(
                    sa.text("SELECT value FROM kiosk_meta WHERE key = :k"), {"k": KEY_ID_META}
                ).first()
            )
            if keyed:
                records.check_key(keyed[0])
                # One chain per school (0011; a single school's log, and an older one, is school 1's).
                per_school = "school_id" in {c["name"] for c in sa.inspect(conn).get_columns("audit_log")}
                schools = (
                    conn.execute(sa.text("SELECT DISTINCT school_id FROM audit_log ORDER BY 1"))
                    .scalars()
                    .all()
                    if per_school
                    else []
                ) or [1]
                lines = []
                for school in schools:
                    where = "WHERE school_id = :s " if per_school else ""
                    head = conn.execute(
                        sa.text(f"SELECT id, row_hash FROM audit_log {where}ORDER BY id DESC LIMIT 1"),
                        {"s": school},
                    ).first()
                    first = conn.execute(
                        sa.text(f"SELECT id, prev_hash FROM audit_log {where}ORDER BY id LIMIT 1"),
                        {"s": school},
                    ).first()
                    lines.append(
                        records.new_line(
                            RESTORE, head[0] if head else 0, head[1] if head else "", school=school
                        )
                    )
                    if first is not None:
                        lines.append(records.new_line(PURGE, first[0] - 1, first[1], school=school))
                if engine.dialect.name == "postgresql":
                    conn.execute(sa.text("REVOKE UPDATE, DELETE, TRUNCATE ON audit_anchor FROM PUBLIC"))
                    conn.execute(sa.text("REVOKE UPDATE, DELETE, TRUNCATE ON audit_anchor FROM CURRENT_USER"))
                    records.append_anchor(lines, conn)
                else:
                    records.append_anchor(lines)
    finally:
        engine.dispose()

    from kiosk.db.migrate import upgrade
    from kiosk.db.uow import SqlUnitOfWorkFactory
    from kiosk.services.common import Deps, SystemClock
    from kiosk.services.privacy import PrivacyService

    engine = make_engine(url, schema=schema)
    try:
        upgrade(engine)
        deps = Deps(uow=SqlUnitOfWorkFactory(engine), clock=SystemClock(settings.zone))
        return PrivacyService(deps, settings.retention).reapply_erasures()
    finally:
        engine.dispose()


def _restore_sqlite(settings: Settings, url: str, source: Path, target: Path, force: bool) -> RestoreResult:
    revision = check_sqlite_backup(source)
    if source.resolve() == target.resolve():
        raise BackupFailed(f"{source} is the live database itself.")
    if not target.parent.is_dir():
        raise BackupFailed(f"The database folder {target.parent} does not exist.")
    safety = None
    if sqlite_has_data(target):
        if not force:
            raise RestoreRefused(
                f"The database {target} already holds visits or bans; restoring would replace them. "
                "Run again with --force to replace them (a safety copy is taken first)."
            )
        safety = _safety_copy(settings, url)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(target, timeout=30)
            try:
                src.backup(dst, pages=0)
                # Keep the live database in WAL mode, as the kiosks expect.
                dst.execute("PRAGMA journal_mode=WAL")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupFailed(f"The backup could not be restored into {target}: {exc}.") from None
    return RestoreResult(source, revision, safety)


def _safety_copy(settings: Settings, url: str) -> Path:
    target = default_backup_path(settings, url)
    target = target.with_name(target.name.replace("kiosk-", "before-restore-", 1))
    return backup_database(url, target).path


# ---------------------------------------------------------------- PostgreSQL


def _run_pg(cmd: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise BackupFailed(f"{what} did not finish within {PG_TIMEOUT_S} seconds.") from None
    if done.returncode != 0:
        raise BackupFailed(f"{what} failed: {_pg_message(done.stderr)}")
    return done


def check_pg_dump(path: Path) -> None:
    """Check a dump is a pg_dump archive holding the kiosk's tables (pg_restore --list reads its catalogue)."""
    done = _run_pg([pg_tool("pg_restore"), "--list", str(path)], {}, "Reading the dump")
    tables = {
        parts[-2]
        for line in done.stdout.splitlines()
        if " TABLE " in line and not line.startswith(";") and len(parts := line.split()) >= 2
    }
    missing = KIOSK_TABLES - tables
    if missing:
        raise BackupFailed(
            f"{path} is a PostgreSQL dump but not of a kiosk database (no {', '.join(sorted(missing))})."
        )


def postgres_has_data(url: str, schema: str | None) -> bool:
    """Whether the PostgreSQL database (schema) holds any visit, person, ban or staff row."""
    import sqlalchemy as sa

    from kiosk.db.engine import make_engine

    engine = make_engine(url, schema=schema)
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names(schema=schema))
            prefix = f'"{schema}".' if schema else ""
            for table in DATA_TABLES:
                if (
                    table in present
                    and conn.execute(sa.text(f'SELECT 1 FROM {prefix}"{table}" LIMIT 1')).first()
                ):
                    return True
        return False
    except sa.exc.SQLAlchemyError as exc:
        from kiosk.db.engine import describe_error

        raise BackupFailed(describe_error(exc, url)) from None
    finally:
        engine.dispose()


def _restore_postgres(
    settings: Settings, url: str, source: Path, force: bool, schema: str | None
) -> RestoreResult:
    check_pg_dump(source)
    safety = None
    if postgres_has_data(url, schema):
        if not force:
            raise RestoreRefused(
                "The database already holds visits or bans; restoring would replace them. "
                "Run again with --force to replace them (a safety copy is taken first)."
            )
        safety = _safety_copy(settings, url)
    args, env = pg_command_env(url)
    # --clean --if-exists drops what the dump is about to create (an empty, migrated schema too);
    # --single-transaction: a restore that fails half-way leaves the database as it was.
    cmd = [
        pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *args,
        str(source),
    ]
    _run_pg(cmd, env, "pg_restore")
    return RestoreResult(source, _pg_revision(url, schema), safety)


def _pg_revision(url: str, schema: str | None) -> str | None:
    from kiosk.db.engine import make_engine
    from kiosk.db.migrate import current_revision

    engine = make_engine(url, schema=schema)
    try:
        return current_revision(engine)
    except Exception:  # noqa: BLE001 - the restore itself succeeded; the revision is only reported
        return None
    finally:
        engine.dispose()
