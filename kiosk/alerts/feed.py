"""Event feeds: tell a program when another kiosk or console changed something.

PostgreSQL: LISTEN on the installation's channel on a dedicated psycopg connection (one per process,
shared by every program in it: SharedFeed), outside the engine's pool, in a background thread, plus a check every few seconds (a NOTIFY lost while reconnecting still shows up as
"db.changed"). SQLite: a dedicated connection watches ``PRAGMA data_version``, which changes when
any other connection (another process, or this one's pool) commits, and reports "db.changed".
Callbacks run on the feed's thread; the UI relays them to the GUI thread with a Qt signal.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable

from sqlalchemy.engine import Engine

from kiosk.alerts.channel import channel_name, psycopg_conninfo
from kiosk.config import Settings
from kiosk.domain.events import Change, ChangeEvent, change_for_audit
from kiosk.domain.printers import READY_ACTION

log = logging.getLogger(__name__)

Callback = Callable[[ChangeEvent], None]
DB_CHANGED = Change.DB_CHANGED


class _Feed:
    """Subscribers and a background thread; subclasses implement ``_watch`` until stopped."""

    thread_name = "kiosk-feed"

    def __init__(self) -> None:
        self._callbacks: list[Callback] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()  # set once the feed is listening (tests and benchmarks wait on it)

    def subscribe(self, callback: Callback) -> None:
        with self._lock:
            self._callbacks.append(callback)

    def unsubscribe(self, callback: Callback) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def start(self) -> _Feed:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _emit(self, event: ChangeEvent) -> None:
        with self._lock:
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback(event)
            except Exception:  # noqa: BLE001 - one broken subscriber must not stop the others hearing
                log.exception("event feed subscriber failed on %s", event.change)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
            except Exception as exc:  # noqa: BLE001 - the database went away: wait, reconnect, carry on
                log.warning("event feed lost its connection (%s); reconnecting", exc)
                self.ready.clear()
                if self._stop.wait(2.0):
                    return
                # Something may have changed while we were away.
                self._emit(ChangeEvent(DB_CHANGED, payload={"reason": "reconnected"}))

    def _watch(self) -> None:
        raise NotImplementedError


class PostgresFeed(_Feed):
    """LISTEN/NOTIFY on a dedicated connection, with a periodic check of the audit log as a safety net."""

    thread_name = "kiosk-feed-pg"

    def __init__(self, engine: Engine, *, check_every_s: float = 3.0, listen_url: str = ""):
        super().__init__()
        self.channel = channel_name(engine)
        self._conninfo = psycopg_conninfo(engine, listen_url)
        # "<the URL's application_name, or kiosk> listen": told apart from the pool in pg_stat_activity.
        self._conninfo["application_name"] = f"{self._conninfo.get('application_name') or 'kiosk'} listen"
        self.check_every_s = check_every_s

    def _watch(self) -> None:
        import psycopg

        with psycopg.connect(autocommit=True, **self._conninfo) as conn:
            conn.execute(f'LISTEN "{self.channel}"')
            marker = self._marker(conn)
            self.ready.set()
            while not self._stop.is_set():
                heard = False
                # notifies() returns after the timeout, so stop() and the safety check get their turn.
                for note in conn.notifies(timeout=self.check_every_s):
                    heard = True
                    self._emit(_decode(note.payload))
                    if self._stop.is_set():
                        return
                new_marker = self._marker(conn)
                if new_marker != marker and not heard:
                    self._emit(ChangeEvent(DB_CHANGED, payload={"reason": "periodic check"}))
                marker = new_marker

    @staticmethod
    def _marker(conn) -> object:
        # Every change reception cares about is audited, so the newest audit id says "something changed".
        try:
            return conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        except Exception:  # noqa: BLE001 - an unmigrated schema has no audit log yet
            return None


class SqliteFeed(_Feed):
    """Watches ``PRAGMA data_version`` on a dedicated connection and reports commits by others."""

    thread_name = "kiosk-feed-sqlite"

    def __init__(self, path: str, *, poll_s: float = 0.25):
        super().__init__()
        self.path = path
        self.poll_s = poll_s

    def _watch(self) -> None:
        conn = sqlite3.connect(self.path, timeout=5, check_same_thread=False, isolation_level=None)
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            last_audit = self._last_audit_id(conn)
            self.ready.set()
            while not self._stop.wait(self.poll_s):
                now = conn.execute("PRAGMA data_version").fetchone()[0]
                if now != version:
                    version = now
                    last_audit = self._report_changes(conn, last_audit)
        finally:
            conn.close()

    @staticmethod
    def _last_audit_id(conn: sqlite3.Connection) -> int | None:
        try:
            return conn.execute("SELECT max(id) FROM audit_log").fetchone()[0] or 0
        except sqlite3.Error:  # not migrated yet: no audit log to read
            return None

    def _report_changes(self, conn: sqlite3.Connection, last_audit: int | None) -> int | None:
        """One event per change the new audit rows record (one per kind and actor); DB_CHANGED if none."""
        if last_audit is None:
            self._emit(ChangeEvent(DB_CHANGED))
            return self._last_audit_id(conn)
        try:
            rows = conn.execute(
                "SELECT id, actor, entity, action, detail, entity_ids FROM audit_log WHERE id > ? ORDER BY id",
                (last_audit,),
            ).fetchall()
        except sqlite3.Error:
            self._emit(ChangeEvent(DB_CHANGED))
            return last_audit
        if not rows:
            # A commit without an audit row (a badge marked printed, a purge batch): say only that.
            self._emit(ChangeEvent(DB_CHANGED))
            return last_audit
        seen: list[tuple[Change, str]] = []
        printers: list[ChangeEvent] = []
        for _id, actor, entity, action, detail, ids in rows:
            change = change_for_audit(entity, action)
            if change is Change.PRINTER_STATUS:
                # Each one is news for reception, with its sentence (NOTIFY carries the same payload).
                payload = {"message": detail, "ready": action == READY_ACTION, "printer": _first_id(ids)}
                printers.append(ChangeEvent(change, by=actor, payload=payload))
            elif change is not None and (change, actor) not in seen:
                seen.append((change, actor))
        for change, actor in seen:
            self._emit(ChangeEvent(change, by=actor))
        for event in printers:
            self._emit(event)
        return rows[-1][0]


class NullFeed(_Feed):
    """A feed that never reports (an in-memory database has no other program to hear)."""

    def start(self) -> NullFeed:
        self.ready.set()
        return self


def _first_id(raw: object) -> str:
    """The first of an audit row's entity ids, as SQLite returns the JSON column ("" if none)."""
    try:
        ids = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return ""
    return str(ids[0]) if isinstance(ids, list) and ids else ""


def _decode(raw: str) -> ChangeEvent:
    try:
        data = json.loads(raw)
        return ChangeEvent.parse(data["event"], dict(data.get("payload") or {}))
    except (ValueError, KeyError, TypeError):
        return ChangeEvent(DB_CHANGED)


class SharedFeed:
    """One program's subscriptions to its process's LISTEN connection (kiosk.alerts.feed.build_feed).

    A process hosting several programs (the demo's kiosk and console, a simulation of a trust, a test)
    listens once per database and schema: each program's handle adds and removes its own subscribers,
    and ``stop()`` removes them and stops the listener when the last handle has stopped.
    """

    def __init__(self, feed: PostgresFeed, key: tuple) -> None:
        self._feed = feed
        self._key = key
        self._mine: list[Callback] = []
        self._stopped = False
        self.ready = feed.ready
        self.channel = feed.channel

    def subscribe(self, callback: Callback) -> None:
        self._mine.append(callback)
        self._feed.subscribe(callback)

    def unsubscribe(self, callback: Callback) -> None:
        if callback in self._mine:
            self._mine.remove(callback)
        self._feed.unsubscribe(callback)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        for callback in self._mine:
            self._feed.unsubscribe(callback)
        self._mine.clear()
        with _listeners_lock:
            entry = _listeners.get(self._key)
            if entry is None or entry[0] is not self._feed:
                return
            entry[1] -= 1
            if entry[1] > 0:
                return
            del _listeners[self._key]
        self._feed.stop()


# The LISTEN connections of this process: one per database and schema, shared by every program in it.
_listeners: dict[tuple, list] = {}  # key -> [PostgresFeed, handles]
_listeners_lock = threading.Lock()


def listener_count() -> int:
    """How many LISTEN connections this process holds (at most one per database and schema)."""
    with _listeners_lock:
        return len(_listeners)


def shared_postgres_feed(engine: Engine, listen_url: str = "") -> SharedFeed:
    """A handle on this process's started PostgreSQL feed for the engine's database and schema."""
    conninfo = psycopg_conninfo(engine, listen_url)
    key = (channel_name(engine), tuple(sorted((k, str(v)) for k, v in conninfo.items())))
    with _listeners_lock:
        entry = _listeners.get(key)
        if entry is None:
            entry = _listeners[key] = [PostgresFeed(engine, listen_url=listen_url).start(), 0]
        entry[1] += 1
        return SharedFeed(entry[0], key)


def build_feed(engine: Engine, settings: Settings | None = None) -> _Feed | SharedFeed:
    """The started event feed for this engine's database (PostgreSQL or SQLite).

    On PostgreSQL: a handle on the process's one LISTEN connection for that database and schema, to
    [database] listen_url when set (the server itself, when the engine goes through PgBouncer).
    """
    if engine.dialect.name == "postgresql":
        return shared_postgres_feed(engine, settings.database.listen_url if settings is not None else "")
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return SqliteFeed(database).start()
    return NullFeed().start()
