"""The offline kiosk's local store: a private SQLite file with its copy of the bans and its queue.

Only what screening needs is copied (a ban's id, name, aliases, dates, sites and scope; never its reason,
photo or incident), and the Code of Conduct in force. The queue holds what the kiosk did while the
central PostgreSQL could not be reached; an item is deleted as soon as the central database has it.
``secure_delete`` overwrites what is deleted, so an erased ban or a sent visitor leaves no trace in the
file's free pages. The file and its journal are owner-only (or the programs' group in the installer's
shared folder), as the records issue set for every file holding names (kiosk.platform).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import Ban, BanScope, BanStatus, PolicyVersion
from kiosk.platform import make_private_dir, open_private, restrict_database
from kiosk.services.ports import QueuedItem

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    start TEXT NOT NULL,
    end_date TEXT,
    site_ids TEXT NOT NULL,
    scope TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queue (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    journey_key TEXT NOT NULL,
    at TEXT NOT NULL,
    payload TEXT NOT NULL,
    badge_token TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS queue_journey ON queue (kind, journey_key);
CREATE INDEX IF NOT EXISTS queue_badge ON queue (badge_token);
"""

_COLUMNS = "seq, kind, journey_key, at, payload, badge_token, error"


class LocalStore:
    """kiosk.services.ports.OfflineStore on one SQLite file (one connection, one lock: one kiosk)."""

    def __init__(self, path: Path, *, create: bool = True):
        """Open the store (``create``: make the file, private, with its tables); else open it read-only."""
        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise DatabaseUnavailable(f"There is no offline store at {self.path}.")
            make_private_dir(self.path.parent)
            os.close(open_private(self.path, os.O_CREAT | os.O_WRONLY))
        try:
            if create:
                self._conn = sqlite3.connect(
                    self.path, isolation_level=None, check_same_thread=False, timeout=5
                )
                self._conn.execute("PRAGMA secure_delete=ON")
                self._conn.execute("PRAGMA synchronous=FULL")
                self._conn.executescript(SCHEMA)
            else:  # read only (kiosk doctor): nothing is created or changed
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(f"The offline store {self.path} cannot be opened: {exc}") from None
        if create:
            restrict_database(self.path)
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- the copy

    def replace_copy(self, bans: list[Ban], policy: PolicyVersion | None, at: datetime) -> None:
        rows = [
            (
                b.id,
                b.name,
                json.dumps(list(b.aliases)),
                b.start.isoformat(),
                b.end.isoformat() if b.end else None,
                json.dumps(list(b.site_ids)),
                b.scope.value,
            )
            for b in bans
        ]
        with self._write() as c:
            c.execute("DELETE FROM bans")
            c.executemany("INSERT INTO bans VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            self._set(c, "policy", json.dumps(_policy_json(policy)) if policy is not None else "")
            self._set(c, "refreshed_at", at.isoformat())

    def copy(self) -> tuple[list[Ban], PolicyVersion | None, datetime | None]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, name, aliases, start, end_date, site_ids, scope FROM bans ORDER BY id"
            ).fetchall()
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        bans = [
            Ban(
                id=r[0],
                name=r[1],
                start=date.fromisoformat(r[3]),
                aliases=tuple(json.loads(r[2])),
                site_ids=tuple(json.loads(r[5])),
                end=date.fromisoformat(r[4]) if r[4] else None,
                status=BanStatus.ACTIVE,
                scope=BanScope(r[6]),
            )
            for r in rows
        ]
        policy = _policy_of(json.loads(meta["policy"])) if meta.get("policy") else None
        at = datetime.fromisoformat(meta["refreshed_at"]) if meta.get("refreshed_at") else None
        return bans, policy, at

    def remember_home(self, home: dict[str, Any]) -> None:
        """Keep where this kiosk stands and which database the copy came from (a start while the server
        is out of reach needs both: kiosk.app)."""
        with self._write() as c:
            self._set(c, "home", json.dumps(home, sort_keys=True))

    def home(self) -> dict[str, Any] | None:
        """What ``remember_home`` kept (None: never, e.g. a copy made by an older version)."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'home'").fetchone()
        try:
            home = json.loads(row[0]) if row else None
        except ValueError:
            return None
        return home if isinstance(home, dict) else None

    def refreshed_at(self) -> datetime | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'refreshed_at'").fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def ban_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM bans").fetchone()[0])

    # ---------------------------------------------------------------- the queue

    def enqueue(
        self, kind: str, journey_key: str, at: datetime, payload: dict[str, Any], badge_token: str = ""
    ) -> QueuedItem:
        with self._write() as c:
            c.execute(
                "INSERT OR IGNORE INTO queue (kind, journey_key, at, payload, badge_token) VALUES (?, ?, ?, ?, ?)",
                (kind, journey_key, at.isoformat(), json.dumps(payload), badge_token),
            )
        item = self.find(kind, journey_key)
        assert item is not None, "an item just queued is found"
        return item

    def get(self, seq: int) -> QueuedItem | None:
        return self._one(f"SELECT {_COLUMNS} FROM queue WHERE seq = ?", (seq,))

    def find(self, kind: str, journey_key: str) -> QueuedItem | None:
        return self._one(
            f"SELECT {_COLUMNS} FROM queue WHERE kind = ? AND journey_key = ?", (kind, journey_key)
        )

    def by_badge_token(self, token: str) -> QueuedItem | None:
        if not token:
            return None
        return self._one(f"SELECT {_COLUMNS} FROM queue WHERE badge_token = ? AND kind = 'sign_in'", (token,))

    def update_payload(self, seq: int, payload: dict[str, Any]) -> None:
        with self._write() as c:
            c.execute("UPDATE queue SET payload = ? WHERE seq = ?", (json.dumps(payload), seq))

    def pending(self) -> list[QueuedItem]:
        return self._all(f"SELECT {_COLUMNS} FROM queue WHERE error = '' ORDER BY seq")

    def refused(self) -> list[QueuedItem]:
        return self._all(f"SELECT {_COLUMNS} FROM queue WHERE error != '' ORDER BY seq")

    def done(self, seq: int) -> None:
        with self._write() as c:
            c.execute("DELETE FROM queue WHERE seq = ?", (seq,))

    def refuse(self, seq: int, reason: str) -> None:
        with self._write() as c:
            c.execute("UPDATE queue SET error = ? WHERE seq = ?", (reason[:500] or "refused", seq))

    def purge_refused(self, before: datetime) -> int:
        with self._write() as c:
            cur = c.execute("DELETE FROM queue WHERE error != '' AND at < ?", (before.isoformat(),))
            return int(cur.rowcount or 0)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ---------------------------------------------------------------- helpers

    def _write(self) -> _Transaction:
        return _Transaction(self)

    def _one(self, sql: str, args: tuple) -> QueuedItem | None:
        with self._lock:
            row = self._conn.execute(sql, args).fetchone()
        return _item(row) if row else None

    def _all(self, sql: str) -> list[QueuedItem]:
        with self._lock:
            rows = self._conn.execute(sql).fetchall()
        return [_item(r) for r in rows]

    @staticmethod
    def _set(c: sqlite3.Connection, key: str, value: str) -> None:
        c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


class _Transaction:
    """One write transaction on the store (BEGIN IMMEDIATE ... COMMIT, rolled back on an error)."""

    def __init__(self, store: LocalStore):
        self._store = store

    def __enter__(self) -> sqlite3.Connection:
        self._store._lock.acquire()
        try:
            self._store._conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._store._lock.release()
            raise
        return self._store._conn

    def __exit__(self, exc_type, exc, tb) -> None:
        conn = self._store._conn
        try:
            conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            self._store._lock.release()
        restrict_database(self._store.path)


def _item(row: tuple) -> QueuedItem:
    return QueuedItem(
        seq=row[0],
        kind=row[1],
        journey_key=row[2],
        at=datetime.fromisoformat(row[3]),
        payload=json.loads(row[4]),
        badge_token=row[5],
        error=row[6],
    )


def _policy_json(p: PolicyVersion) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "text": p.text,
        "sha256": p.sha256,
        "published_at": p.published_at.isoformat(),
        "published_by": p.published_by,
        "collector_reminder": p.collector_reminder,
    }


def _policy_of(d: dict[str, Any]) -> PolicyVersion:
    return PolicyVersion(
        id=d["id"],
        title=d["title"],
        text=d["text"],
        sha256=d["sha256"],
        published_at=datetime.fromisoformat(d["published_at"]),
        published_by=d["published_by"],
        collector_reminder=d.get("collector_reminder", ""),
    )
