"""The database's identity and the marker outside it, so a kiosk never signs visitors into the wrong database.

Migration 0006_reliability writes a random UUID into ``kiosk_meta`` (key ``database_id``) when the
schema is created. The first program to open the database writes a marker file *outside* it:

- SQLite: beside the database file, ``<folder>/.kiosk-identity.<file name>.json``. It survives the
  database file (and its -wal/-shm files) being deleted or replaced; deleting the whole folder
  removes both, which a kiosk then treats as a new installation (it still never creates a database
  by itself: only ``kiosk db upgrade`` or the windowed first-run set-up do).
- PostgreSQL: in the data folder, ``identity/<hash of address and schema>.json``.

The marker remembers the identity and the number of bans last seen. A program that finds the marker
but not the database, a database with another identity or none (emptied), or a ban list that dropped
to nothing, refuses every transaction with :class:`DatabaseFault` (the kiosk shows "please ask at
reception"; ``kiosk doctor`` fails). ``kiosk db adopt`` accepts the database as it is now.

While a program runs, every transaction first checks that the SQLite file is still the one it opened
(device and inode): a file deleted or replaced under a running kiosk fails closed instead of taking
sign-ins into an unlinked file. Write transactions also read the identity row, and every few seconds
count the bans.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from kiosk.domain.errors import DatabaseFault, DatabaseUnavailable

log = logging.getLogger(__name__)

DATABASE_ID_KEY = "database_id"
BAN_COUNT_EVERY_S = 5.0


def sqlite_file(url: str) -> Path | None:
    """The SQLite database file of a URL (None for PostgreSQL or an in-memory database)."""
    from kiosk.db.engine import normalise_url

    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database.startswith("file:"):
        database = database[len("file:") :]
    if not database or database == ":memory:" or database.startswith(":memory:"):
        return None
    return Path(database).expanduser().resolve()


def marker_path(url: str, schema: str | None = None) -> Path | None:
    """Where the marker of this database lives (None for an in-memory database)."""
    path = sqlite_file(url)
    if path is not None:
        return path.with_name(f".kiosk-identity.{path.name}.json")
    from kiosk.db.engine import _safe_url, normalise_url

    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        return None
    from kiosk.config import data_dir

    key = hashlib.sha256(f"{_safe_url(url)}|{schema or ''}".encode()).hexdigest()[:20]
    return data_dir() / "identity" / f"{key}.json"


@dataclass(frozen=True)
class Marker:
    database_id: str
    bans: int = 0
    database: str = ""

    @classmethod
    def read(cls, path: Path) -> Marker | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise DatabaseFault(
                f"The database marker {path} cannot be read ({exc}); run `kiosk db adopt` to rewrite it."
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("database_id"), str):
            raise DatabaseFault(f"The database marker {path} is damaged; run `kiosk db adopt` to rewrite it.")
        return cls(data["database_id"], int(data.get("bans") or 0), str(data.get("database") or ""))

    def write(self, path: Path, at: datetime | None = None) -> None:
        """Write the marker (atomically), stamped ``at``: the program's injected clock, the real one when None."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        body: dict[str, Any] = {
            "database_id": self.database_id,
            "bans": self.bans,
            "database": self.database,
            "updated_at": (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
            "about": "The kiosk's memory of its database. Do not delete: see `kiosk db adopt`.",
        }
        tmp.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)


def read_identity(conn) -> tuple[str | None, int]:
    """(database_id, number of bans) read over a DB-API or SQLAlchemy connection; (None, 0) when emptied."""
    try:
        row = conn.execute(
            text("SELECT value FROM kiosk_meta WHERE key = :k"), {"k": DATABASE_ID_KEY}
        ).first()
        bans = conn.execute(text("SELECT COUNT(*) FROM bans")).scalar_one()
    except Exception as exc:  # noqa: BLE001 - tables gone: the database was emptied
        text_ = str(getattr(exc, "orig", exc)).lower()
        if "no such table" in text_ or "does not exist" in text_ or "undefinedtable" in text_:
            return None, 0
        raise
    return (row[0] if row else None), int(bans or 0)


def check_before_open(url: str, schema: str | None, *, create: bool) -> bool:
    """Before an engine opens the database: True when the SQLite file must be created (first run).

    Raises DatabaseFault when the marker says a database existed here and it is gone, and
    DatabaseUnavailable when there is no database and this program may not create one.
    """
    path = sqlite_file(url)
    if path is None or path.exists():
        return False
    marker_file = marker_path(url, schema)
    marker = Marker.read(marker_file) if marker_file is not None else None
    if marker is not None:
        raise DatabaseFault(
            f"The database {path} is missing, but this kiosk's database {marker.database_id[:8]} was there "
            f"(marker {marker_file}). Restore it with `kiosk db restore`, or run `kiosk db upgrade --new` "
            "to start a new, empty one."
        )
    if not create:
        raise DatabaseUnavailable(
            f"There is no database at {path} yet. Run `kiosk db upgrade` to create it "
            "(or `kiosk --windowed` for the first-run set-up)."
        )
    return True


def forget_marker(url: str, schema: str | None = None) -> None:
    """Remove the marker (``kiosk db upgrade --new``): the next start writes a new one."""
    path = marker_path(url, schema)
    if path is not None:
        path.unlink(missing_ok=True)


def judge(marker: Marker | None, found: str | None, bans: int, shown: str) -> None:
    """Raise DatabaseFault when the database (its identity ``found``, ``bans`` bans) is not the marker's."""
    if found is None:
        if marker is None:
            raise DatabaseFault(
                f"The database {shown} has no identity (no kiosk tables, or emptied); run `kiosk db upgrade`."
            )
        raise DatabaseFault(
            f"The database {shown} was emptied: it no longer carries this kiosk's identity "
            f"{marker.database_id[:8]}. Restore it with `kiosk db restore`, or accept it with `kiosk db adopt`."
        )
    if marker is None:
        return
    if found != marker.database_id:
        raise DatabaseFault(
            f"The database {shown} was replaced: it is database {found[:8]}, this kiosk's is "
            f"{marker.database_id[:8]}. Put the right one back, or accept this one with `kiosk db adopt`."
        )
    if marker.bans > 0 and bans == 0:
        raise DatabaseFault(
            f"The ban list of {shown} is empty, but it held {marker.bans} bans. Restore the database, "
            "or accept it with `kiosk db adopt`."
        )


class DatabaseGuard:
    """Keeps one program on the database it opened; raises DatabaseFault when that changes.

    ``establish()`` runs once at start (after migrations); ``check_file()`` before every transaction
    (a stat call); ``check_session()`` inside every write transaction (one indexed read, and a ban count
    every few seconds).
    """

    def __init__(
        self,
        engine: Engine,
        url: str,
        schema: str | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ):
        """``now`` stamps the marker: the program's injected clock (kiosk.app hands in Deps.clock.now)."""
        self.engine = engine
        self._now = now or (lambda: datetime.now(UTC))
        self.url = url
        self.path = sqlite_file(url)
        self.marker_file = marker_path(url, schema)
        self.database_id: str | None = None
        self.known_bans = 0
        self._file_id: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self._bans_checked = 0.0

    # ---------------------------------------------------------------- start

    def establish(self) -> str:
        """Read the identity, compare it with the marker (writing one if there is none); return the identity."""
        if self.marker_file is None:
            return ""
        marker = Marker.read(self.marker_file)
        with self.engine.connect() as conn:
            found, bans = read_identity(conn)
            conn.rollback()
        self.verdict(marker, found, bans)
        if marker is None:
            Marker(found, bans, self._shown()).write(self.marker_file, self._now())  # type: ignore[arg-type]
            log.info("database %s: identity %s recorded in %s", self._shown(), found, self.marker_file)
        elif bans > marker.bans:
            Marker(marker.database_id, bans, self._shown()).write(self.marker_file, self._now())
        self.database_id = found
        self.known_bans = max(bans, marker.bans if marker else 0)
        self._file_id = self._stat()
        return found or ""

    def verdict(self, marker: Marker | None, found: str | None, bans: int) -> None:
        judge(marker, found, bans, self._shown())

    def _shown(self) -> str:
        from kiosk.db.engine import _safe_url

        return str(self.path) if self.path is not None else _safe_url(self.url)

    def _stat(self) -> tuple[int, int] | None:
        if self.path is None:
            return None
        st = os.stat(self.path)
        return st.st_dev, st.st_ino

    # ---------------------------------------------------------------- every transaction

    def check_file(self) -> None:
        """The SQLite file is still the one this program opened (cheap: one stat)."""
        if self.path is None or self._file_id is None:
            return
        try:
            now = self._stat()
        except FileNotFoundError:
            raise DatabaseFault(
                f"The database file {self.path} was deleted while the kiosk was running; sign-in stopped. "
                "Restore it with `kiosk db restore`."
            ) from None
        except OSError as exc:
            raise DatabaseUnavailable(
                f"The database file {self.path} cannot be checked ({exc.strerror})."
            ) from None
        if now != self._file_id:
            self._reopen(now)

    def _reopen(self, now: tuple[int, int] | None) -> None:
        """The file was replaced: accept it (and reconnect) only if it carries the same identity."""
        with self._lock:
            if now == self._file_id:
                return
            try:
                conn = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=2)
                try:
                    row = conn.execute(
                        "SELECT value FROM kiosk_meta WHERE key = ?", (DATABASE_ID_KEY,)
                    ).fetchone()
                finally:
                    conn.close()
                found = row[0] if row else None
            except sqlite3.Error:
                found = None
            if found is None or found != self.database_id:
                raise DatabaseFault(
                    f"The database file {self.path} was replaced while the kiosk was running "
                    f"(it is {'not a kiosk database' if found is None else 'database ' + found[:8]}, "
                    f"this kiosk's is {(self.database_id or '?')[:8]}); sign-in stopped."
                )
            log.warning(
                "database file %s was replaced by a copy of the same database; reconnecting", self.path
            )
            self.engine.dispose()
            self._file_id = now

    def check_session(self, session) -> None:
        """Inside a write (or a checked read): the identity row is still this database's; the ban list did not vanish."""
        if self.database_id is None:
            return
        row = session.execute(
            text("SELECT value FROM kiosk_meta WHERE key = :k"), {"k": DATABASE_ID_KEY}
        ).first()
        if row is None or row[0] != self.database_id:
            raise DatabaseFault(
                f"The database {self._shown()} no longer carries this kiosk's identity "
                f"{self.database_id[:8]} (emptied or replaced); sign-in stopped."
            )
        if self.known_bans and time.monotonic() - self._bans_checked > BAN_COUNT_EVERY_S:
            bans = int(session.execute(text("SELECT COUNT(*) FROM bans")).scalar_one() or 0)
            if bans == 0:
                raise DatabaseFault(
                    f"The ban list of {self._shown()} is empty, but it held {self.known_bans} bans; "
                    "sign-in stopped. Restore the database, or accept it with `kiosk db adopt`."
                )
            self._bans_checked = time.monotonic()
            if bans > self.known_bans and self.marker_file is not None:
                self.known_bans = bans
                try:
                    Marker(self.database_id, bans, self._shown()).write(self.marker_file, self._now())
                except OSError as exc:
                    log.warning("could not update the database marker %s: %s", self.marker_file, exc)


def adopt(engine: Engine, url: str, schema: str | None = None) -> tuple[str, int]:
    """Accept the database as it is now: rewrite the marker with its identity and ban count."""
    path = marker_path(url, schema)
    with engine.connect() as conn:
        found, bans = read_identity(conn)
        conn.rollback()
    if found is None:
        raise DatabaseFault("That database has no kiosk identity; run `kiosk db upgrade` first.")
    if path is not None:
        from kiosk.db.engine import _safe_url

        Marker(found, bans, str(sqlite_file(url) or _safe_url(url))).write(path)
    return found, bans
