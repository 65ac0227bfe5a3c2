"""Backups: `kiosk db backup [FILE]` and the nightly backup that keeps a set number of copies.

SQLite is copied with SQLite's online backup API (``sqlite3.Connection.backup``): it copies pages
inside a read transaction, so the copy is one consistent snapshot even while kiosks keep signing
visitors in (in WAL mode writers are not blocked by it). Copying the file with ``cp`` could catch a
half-written page, or miss everything still in the -wal file.

PostgreSQL is dumped with ``pg_dump -Fc`` (the custom format ``pg_restore`` reads), with the
connection parameters of the database URL, and only the kiosk's schema when the URL names one
(``?options=-csearch_path%3Dkiosk``).

Nightly: on Linux the installer's systemd timer (``kiosk-backup.timer``) runs ``kiosk db backup``,
which works while no kiosk window is open and catches up after a night the PC was off
(``Persistent=true``). Elsewhere the kiosk UI may call :func:`run_nightly_backup` from a timer;
it does nothing if today's copy is already there, so both may run without doubling up.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kiosk.config import Settings
from kiosk.db.engine import normalise_url
from kiosk.domain.errors import KioskError
from kiosk.platform import make_private_dir, restrict_file, write_private

PREFIX = "kiosk-"
SQLITE_SUFFIX = ".sqlite3"
PG_SUFFIX = ".pgdump"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^kiosk-(\d{8})-(\d{6})(?:-\d+)?\.(sqlite3|pgdump)$")
PG_TIMEOUT_S = 600


class BackupFailed(KioskError):
    """A backup or restore could not be made; the message says what to check."""


@dataclass(frozen=True)
class Backup:
    """One backup file made by :func:`backup_database`."""

    path: Path
    kind: str  # "sqlite" or "postgresql"
    size: int


# ---------------------------------------------------------------- database URLs


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database, or an in-memory one)."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database.startswith("file:"):  # a SQLite URI such as file:/x.db?mode=ro
        database = database[len("file:") :].split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser()


def _parse(url: str) -> URL:
    try:
        return make_url(normalise_url(url))
    except ArgumentError as exc:
        raise BackupFailed(f"The database address is not valid: {exc}") from None


def pg_schema(url: str) -> str | None:
    """The schema named by ``options=-csearch_path=...`` in a PostgreSQL URL, if any (the first one)."""
    options = _parse(url).query.get("options")
    if isinstance(options, tuple):
        options = " ".join(options)
    match = re.search(r"-c\s*search_path\s*=\s*([^\s,]+)", unquote(options or ""))
    return match.group(1).strip('"') if match else None


def pg_command_env(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore/psql, and an environment carrying the password.

    The password goes in PGPASSWORD, not on the command line, where `ps` would show it.
    """
    parsed = _parse(url)
    args: list[str] = []
    if parsed.host:
        args += ["--host", parsed.host]
    if parsed.port:
        args += ["--port", str(parsed.port)]
    if parsed.username:
        args += ["--username", parsed.username]
    args += ["--dbname", parsed.database or "postgres"]
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PGCONNECT_TIMEOUT": "10"}
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"), ("host", "PGHOST")):
        value = parsed.query.get(key)
        if isinstance(value, str) and value:
            env[var] = value
    return args, env


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program (pg_dump, pg_restore), or BackupFailed saying what to install."""
    path = shutil.which(name)
    if path is None:
        raise BackupFailed(
            f"The PostgreSQL program '{name}' was not found. Install the PostgreSQL client tools "
            "(Debian: postgresql-client) of the same major version as the server."
        )
    return path


# ---------------------------------------------------------------- backing up


def default_backup_path(settings: Settings, url: str, now: datetime | None = None) -> Path:
    """A new dated file name in the backup folder, e.g. kiosk-20260901-020000.sqlite3."""
    suffix = SQLITE_SUFFIX if sqlite_path(url) is not None else PG_SUFFIX
    stamp = (now or datetime.now(settings.zone)).strftime(_STAMP)
    folder = settings.backup_folder()
    path = folder / f"{PREFIX}{stamp}{suffix}"
    n = 1
    while path.exists():
        path = folder / f"{PREFIX}{stamp}-{n}{suffix}"
        n += 1
    return path


def backup_database(url: str, target: Path, *, schema: str | None = None) -> Backup:
    """Write a consistent copy of the database at ``url`` to ``target`` (never overwriting a file)."""
    target = Path(target)
    if target.exists():
        raise BackupFailed(f"{target} already exists; choose a new file name.")
    try:
        make_private_dir(target.parent)
    except OSError as exc:
        raise BackupFailed(
            f"The backup folder {target.parent} cannot be made: {exc.strerror or exc}."
        ) from None
    source = sqlite_path(url)
    # PostgreSQL: the heads before the dump starts are in the dump (SQLite: read from the copy itself).
    heads = None if source is not None else live_heads(url, schema or pg_schema(url))
    if source is not None:
        _backup_sqlite(source, target)
        kind = "sqlite"
    elif _parse(url).get_backend_name() == "postgresql":
        _backup_postgres(url, target, schema or pg_schema(url))
        kind = "postgresql"
    else:
        raise BackupFailed("Only SQLite files and PostgreSQL databases can be backed up.")
    restrict_file(target)
    write_manifest(url, target, kind, schema or pg_schema(url), heads)
    return Backup(target, kind, target.stat().st_size)


def _backup_sqlite(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupFailed(f"There is no database file at {source} to back up.")
    partial = target.with_name(target.name + ".partial")
    try:
        # mode=ro: a backup never writes to (or creates) the live database.
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                # pages=0 copies everything in one step: one read transaction, so one snapshot. Stepping
                # in chunks would let a writer's commit restart the copy again and again on a busy kiosk.
                src.backup(dst, pages=0)
                # The copy is a stand-alone file: no -wal beside it to lose when it is moved or e-mailed.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        # Rename only a finished copy, so a crash never leaves a half backup under a backup's name.
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"The database {source} could not be backed up: {exc}.") from None
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"The backup {target} could not be written: {exc.strerror or exc}.") from None


def _backup_postgres(url: str, target: Path, schema: str | None) -> None:
    args, env = pg_command_env(url)
    cmd = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args]
    if schema:
        cmd += ["--schema", schema]
    partial = target.with_name(target.name + ".partial")
    cmd += ["--file", str(partial)]
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"pg_dump did not finish within {PG_TIMEOUT_S} seconds.") from None
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"pg_dump failed: {_pg_message(done.stderr)}")
    os.replace(partial, target)


def _pg_message(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    text = "; ".join(lines[:3]) or "no message"
    if "server version mismatch" in text or "aborting because of server version mismatch" in text:
        text += " (install the PostgreSQL client tools of the server's major version)"
    return text


# ---------------------------------------------------------------- the manifest

MANIFEST_SUFFIX = ".manifest.json"


def manifest_path(backup: Path) -> Path:
    """The manifest beside a backup: kiosk-20260901-020000.sqlite3.manifest.json."""
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def _records(url: str, schema: str | None):
    from kiosk.db.engine import make_engine
    from kiosk.db.records import RecordsStore

    engine = make_engine(url, schema=schema)
    return engine, RecordsStore(engine)


# One audit chain per school (kiosk.services.audit_chain): each chain's head is its school's newest row.
_HEADS_SQL = (
    "SELECT a.school_id, a.id, a.row_hash FROM audit_log a "
    "WHERE a.id = (SELECT max(b.id) FROM audit_log b WHERE b.school_id = a.school_id) ORDER BY a.school_id"
)
# A log older than one chain per school (before 0011_trust_bans): its one chain is school 1's.
_HEAD_SQL = "SELECT 1, id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1"
_ROW_SQL = "SELECT row_hash FROM audit_log WHERE id = :i"

Head = tuple[int, int, str]  # (school, row id, row hash): the head of one school's audit chain


def live_heads(url: str, schema: str | None) -> list[Head]:
    """Each school's audit chain head in a live database (as this connection may read them)."""
    import sqlalchemy as sa

    engine, _ = _records(url, schema)
    try:
        with engine.connect() as conn:
            try:
                rows = conn.execute(sa.text(_HEADS_SQL)).all()
            except sa.exc.SQLAlchemyError:
                conn.rollback()
                rows = conn.execute(sa.text(_HEAD_SQL)).all()
            return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]
    except sa.exc.SQLAlchemyError:
        return []
    finally:
        engine.dispose()


def sqlite_heads(path: Path) -> list[Head]:
    """Each school's audit chain head in a SQLite file ([] when it has no audit log)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        try:
            rows = conn.execute(_HEADS_SQL).fetchall()
        except sqlite3.OperationalError:
            rows = conn.execute(_HEAD_SQL).fetchall()
        return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def manifest_heads(doc: dict) -> list[Head]:
    """The chain heads a (checked) manifest records: one per school; an older manifest's one head is school 1's."""
    heads = doc.get("audit_heads")
    if isinstance(heads, list):
        return [(int(h["school"]), int(h["row_id"]), str(h["hash"])) for h in heads if isinstance(h, dict)]
    head = doc.get("audit_head")
    return [(1, int(head["row_id"]), str(head["hash"]))] if isinstance(head, dict) else []


def missing_heads(heads: list[Head], row_hash_of) -> list[str]:
    """What is wrong with each recorded head that ``row_hash_of(school, row_id)`` does not find as recorded."""
    problems = []
    for school, row_id, row_hash in heads:
        found = row_hash_of(school, row_id)
        if found is None:
            problems.append(f"school {school}'s chain: its head, row {row_id}, is not there")
        elif found != row_hash:
            problems.append(f"school {school}'s chain: its head, row {row_id}, differs from the manifest")
    return problems


def check_heads_in_sqlite(doc: dict, path: Path) -> int:
    """Every chain head the manifest records is in the SQLite backup as recorded; how many were checked."""
    heads = manifest_heads(doc)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def row_hash_of(school: int, row_id: int) -> str | None:
            try:
                row = conn.execute(
                    "SELECT row_hash FROM audit_log WHERE id = ? AND school_id = ?", (row_id, school)
                ).fetchone()
            except sqlite3.OperationalError:  # before one chain per school
                row = conn.execute("SELECT row_hash FROM audit_log WHERE id = ?", (row_id,)).fetchone()
            return str(row[0]) if row else None

        problems = missing_heads(heads, row_hash_of)
    except sqlite3.Error as exc:
        raise BackupFailed(f"The audit log of {path} cannot be read: {exc}.") from None
    finally:
        conn.close()
    if problems:
        raise BackupFailed(f"{path} does not hold the audit log its manifest records: {'; '.join(problems)}.")
    return len(heads)


def check_heads_in_database(doc: dict, url: str, schema: str | None, what: str) -> int:
    """Every chain head the manifest records is in the (restored) database as recorded; how many."""
    import sqlalchemy as sa

    heads = manifest_heads(doc)
    engine, _ = _records(url, schema)
    try:
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("audit_log")}
            per_school = "school_id" in columns

            def row_hash_of(school: int, row_id: int) -> str | None:
                sql = _ROW_SQL + (" AND school_id = :s" if per_school else "")
                row = conn.execute(sa.text(sql), {"i": row_id, "s": school}).first()
                return str(row[0]) if row else None

            problems = missing_heads(heads, row_hash_of)
    except sa.exc.SQLAlchemyError as exc:
        raise BackupFailed(f"The audit log restored from {what} cannot be read: {exc}.") from None
    finally:
        engine.dispose()
    if problems:
        raise BackupFailed(f"{what} did not hold the audit log its manifest records: {'; '.join(problems)}.")
    return len(heads)


def _file_sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_manifest(url: str, backup: Path, kind: str, schema: str | None, heads: list[Head] | None) -> Path:
    """Write the backup's manifest: its SHA-256, each audit chain's head it holds, all MAC'd with the audit key.

    The manifest is one more anchor of the audit log (a copy of each school's chain head, ``audit_heads``,
    that the database cannot rewrite), and lets a restore check the file was not changed since and holds
    every chain as far as it recorded. ``audit_head`` (the newest row of all) stays for older readers.
    """
    import hmac
    import json

    from kiosk.db.records import AuditKeyMissing

    if kind == "sqlite":
        heads = sqlite_heads(backup)
    heads = heads or []
    newest = max(heads, key=lambda h: h[1]) if heads else None
    engine, records = _records(url, schema)
    try:
        doc: dict = {
            "format": "kiosk backup manifest, version 1",
            "file": backup.name,
            "kind": kind,
            "made_at": datetime.now().astimezone().isoformat(),
            "sha256": _file_sha256(backup),
            "size": backup.stat().st_size,
            "audit_head": {"row_id": newest[1], "hash": newest[2]} if newest else None,
            "audit_heads": [{"school": s, "row_id": i, "hash": h} for s, i, h in heads],
            "audit_key": "not backed up with the data: keep a copy of audit.key apart from the backups",
        }
        try:
            key = records.key()
            from kiosk.services.audit_chain import key_id

            doc["key_id"] = key_id(key)
            body = json.dumps(doc, sort_keys=True).encode("utf-8")
            doc["mac"] = hmac.new(key, body, "sha256").hexdigest()
        except AuditKeyMissing:
            doc["mac"] = ""
    finally:
        engine.dispose()
    path = manifest_path(backup)
    write_private(path, json.dumps(doc, indent=2, sort_keys=True).encode("utf-8"))
    return path


def check_manifest(url: str, backup: Path, schema: str | None = None) -> dict | None:
    """The backup's manifest after checking it (None when there is none); BackupFailed if it does not match."""
    import hmac
    import json

    path = manifest_path(backup)
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupFailed(f"The manifest {path} cannot be read ({exc}); move it away to restore.") from None
    if doc.get("sha256") != _file_sha256(backup):
        raise BackupFailed(
            f"{backup} was changed after it was made (its SHA-256 is not the one in {path.name})."
        )
    mac = doc.pop("mac", "")
    engine, records = _records(url, schema)
    try:
        key = records.key()
    except Exception:  # noqa: BLE001 - no key here: the MAC cannot be checked, the SHA-256 was
        return doc
    finally:
        engine.dispose()
    body = json.dumps(doc, sort_keys=True).encode("utf-8")
    if mac and not hmac.compare_digest(hmac.new(key, body, "sha256").hexdigest(), mac):
        raise BackupFailed(f"The manifest {path} was not written with this installation's audit key.")
    return doc


# ---------------------------------------------------------------- the nightly copies


def list_backups(folder: Path) -> list[Path]:
    """The dated backups in ``folder`` (made by this program), oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and _NAME.match(p.name)]
    return sorted(found, key=lambda p: (_NAME.match(p.name).group(1, 2), p.name))  # type: ignore[union-attr]


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` dated backups in ``folder``; returns what was deleted.

    Only files named like this program's backups are touched, so a copy a person put there by
    hand (any other name) is never deleted.
    """
    backups = list_backups(folder)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    for path in doomed:
        path.unlink(missing_ok=True)
        manifest_path(path).unlink(missing_ok=True)
    return doomed


def backups_holding(folder: Path) -> list[Path]:
    """The dated backups in the folder now (each holds whatever was in the database when it was made)."""
    return list_backups(folder)


def backup_now(
    settings: Settings, target: Path | None = None, *, now: datetime | None = None
) -> tuple[Backup, list[Path]]:
    """Back up the configured database: to ``target``, or a new dated file in the backup folder.

    A dated backup also prunes the folder to ``backup.keep`` copies; returns (the backup, pruned files).
    """
    url = settings.resolved_database_url()
    if target is not None:
        return backup_database(url, target), []
    backup = backup_database(url, default_backup_path(settings, url, now))
    return backup, prune_backups(settings.backup_folder(), settings.backup.keep)


def run_nightly_backup(settings: Settings, now: datetime | None = None) -> Backup | None:
    """Take today's backup if it is not taken yet and it is past ``backup.hour``; for the kiosk's timer.

    Returns the new backup, or None when there was nothing to do. Safe to call every few minutes and
    from several processes: a second caller the same day finds today's file and returns None.
    Raises BackupFailed when the backup is due but cannot be made (the caller logs it and tries again).
    """
    now = now or datetime.now(settings.zone)
    if now.hour < settings.backup.hour:
        return None
    today = now.strftime("%Y%m%d")
    if any(_NAME.match(p.name).group(1) == today for p in list_backups(settings.backup_folder())):  # type: ignore[union-attr]
        return None
    backup, _ = backup_now(settings, now=now)
    return backup


class BackupCatalogue:
    """The dated backups of one installation, for the erasure receipt (kiosk.services.privacy's port)."""

    def __init__(self, settings: Settings):
        self.folder = settings.backup_folder()
        self.keep = settings.backup.keep

    def remove_past_retention(self) -> int:
        """Delete the dated backups beyond ``backup.keep`` (the oldest); how many were deleted."""
        return len(prune_backups(self.folder, self.keep))

    def names(self) -> list[str]:
        """The dated backups there now, oldest first."""
        return [p.name for p in list_backups(self.folder)]
