"""Database engines: SQLite tuned for several kiosk processes on one machine, or PostgreSQL."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from kiosk.domain.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

READONLY = "kiosk_readonly"
APPLICATION_NAME = "kiosk"  # PostgreSQL's application_name of the pool's connections, unless the URL sets one
# Execution option: this transaction's SQLite busy timeout in ms (e.g. a short one for recording a badge).
BUSY_TIMEOUT = "kiosk_busy_timeout_ms"
# Execution option: a bulk write's transaction, committed without waiting for the disk (SQLite
# synchronous=NORMAL in WAL mode: a power cut may lose it, never corrupts the file). Its write lock is
# released as soon as its pages are in the log, not after an fsync (kiosk.db.uow, ``bulk``).
BULK = "kiosk_bulk"
SQLITE_BUSY_TIMEOUT_MS = 15_000
LOCK_POLL_S = 0.002  # how often a write transaction asks again for SQLite's write lock
_SYNC = "kiosk_synchronous"  # the connection's SQLite sync level (its pool record's info)
CHECKPOINT_DELAY_S = 0.5  # after a commit, the background checkpoint waits this long (commits coalesce)


def normalise_url(url: str) -> str:
    """Accept postgres:// and postgresql:// and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class PoolLimits:
    """How many PostgreSQL connections one program's engine may hold (kiosk.config's [database] section).

    ``size`` connections are kept open once used; ``overflow`` more are opened at a peak and closed when
    returned; a request finding all of them busy waits ``timeout_s`` and then fails with one clear line.
    The event feed's LISTEN connection is not in the pool (one more per process, kiosk.alerts.feed).
    """

    size: int = 3
    overflow: int = 2
    timeout_s: float = 10.0
    prepared_statements: bool = True  # false behind PgBouncer < 1.21 in transaction pooling

    @property
    def most(self) -> int:
        return self.size + self.overflow


def make_engine(
    url: str, *, schema: str | None = None, create: bool = True, pool: PoolLimits | None = None
) -> Engine:
    """Create an engine for the URL; for SQLite check the folder exists and is writable first.

    ``schema`` puts every table of a PostgreSQL database in that schema (used by tests and by
    installations sharing one database). ``create=False`` opens a SQLite file read-write only: no
    connection of this engine ever creates the file (a deleted database stays missing, it is not
    silently replaced by an empty one).
    """
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"The database address {url!r} is not valid: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database.startswith("file:"):  # a SQLite URI (e.g. ?mode=ro&uri=true)
            database = database[len("file:") :]
        return _sqlite_engine(url, database, create=create or bool(parsed.query.get("uri")))
    if parsed.get_backend_name() == "postgresql":
        connect_args: dict[str, object] = {"connect_timeout": 10}
        if "application_name" not in parsed.query:
            # pg_stat_activity (and PgBouncer's SHOW CLIENTS) then say which connections are the kiosk's.
            connect_args["application_name"] = APPLICATION_NAME
        if schema:
            connect_args["options"] = f"-csearch_path={schema}"
        limits = pool or PoolLimits()
        if not limits.prepared_statements:
            connect_args["prepare_threshold"] = (
                None  # psycopg never prepares: any server may run the next one
            )
        engine = create_engine(
            url,
            pool_pre_ping=True,
            pool_size=limits.size,
            max_overflow=limits.overflow,
            pool_timeout=limits.timeout_s,
            connect_args=connect_args,
        )
        engine.info_schema = schema  # type: ignore[attr-defined]
        return engine
    raise DatabaseUnavailable(
        f"Unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL."
    )


# PostgreSQL engines shared by every program in this process (kiosk.app builds one Services per
# program; a simulation, a test or the demo builds several): one bounded pool per database and schema.
_shared: dict[tuple[str, str | None], list] = {}  # key -> [engine, users]
_shared_lock = threading.Lock()


def shared_engine(url: str, *, schema: str | None = None, pool: PoolLimits | None = None) -> Engine:
    """This process's engine for a PostgreSQL database and schema, one more user counted; SQLite: a new one.

    Every Services object of a process then draws on one pool of at most ``pool.most`` connections,
    whatever the number of kiosks and consoles it hosts. The first user's limits make the pool; give it
    back with ``release_engine``, which closes the pool when the last user has gone.
    """
    normal = normalise_url(url)
    try:
        backend = make_url(normal).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend != "postgresql":
        return make_engine(url, schema=schema, create=False, pool=pool)
    key = (normal, schema)
    with _shared_lock:
        entry = _shared.get(key)
        if entry is None:
            entry = _shared[key] = [make_engine(url, schema=schema, create=False, pool=pool), 0]
        entry[1] += 1
        return entry[0]


def release_engine(engine: Engine) -> None:
    """One user of a shared engine is done (the last one closes its pool); any other engine is disposed."""
    with _shared_lock:
        for key, entry in _shared.items():
            if entry[0] is engine:
                entry[1] -= 1
                if entry[1] > 0:
                    return
                del _shared[key]
                break
    engine.dispose()


class _Checkpointer:
    """Copies the WAL into the database file on a thread of its own, never on a sign-in's path.

    SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages of log (every 50 or so
    sign-ins): that visitor waited for several megabytes written and two fsyncs. The engine's connections
    turn it off (``wal_autocheckpoint=0``) and every commit nudges this thread instead, which waits
    ``CHECKPOINT_DELAY_S`` (so a burst of commits costs one checkpoint) and runs a PASSIVE checkpoint on
    its own connection: it never takes the write lock nor waits for a reader, so no kiosk waits for it.
    Durability is the commit's (the log is fsynced at COMMIT, synchronous=FULL); a checkpoint cut short
    by a crash or a power cut is finished by the next one (SQLite's own guarantee). A checkpoint that
    fails (the file gone, the disk full) is logged and tried again at the next commit.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._nudged = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.done = 0  # checkpoints run (tests read it)

    def nudge(self) -> None:
        self._nudged.set()
        if self._thread is None or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or not self._thread.is_alive():
                    self._stop.clear()
                    self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
                    self._thread.start()

    def stop(self) -> None:
        """Checkpoint once more and end the thread (the engine is disposed; a later commit starts another)."""
        with self._lock:
            self._stop.set()
            thread = self._thread
        self._nudged.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                self._nudged.wait()
                self._stop.wait(CHECKPOINT_DELAY_S)  # cut short when the engine is disposed
                self._nudged.clear()
                try:
                    if conn is None:
                        # mode=rw: a deleted database is never created again by its checkpointer.
                        conn = sqlite3.connect(
                            f"{self.path.as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=0
                        )
                        conn.execute("PRAGMA wal_autocheckpoint=0")
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.done += 1
                except sqlite3.Error as exc:
                    log.debug("checkpoint of %s not done: %s", self.path, exc)
                    if conn is not None:
                        conn.close()
                        conn = None
                if self._stop.is_set():
                    return
        finally:
            if conn is not None:
                conn.close()


def _sqlite_engine(url: str, database: str | None, *, create: bool = True) -> Engine:
    kwargs: dict = {}
    checkpointer: _Checkpointer | None = None
    if database and database != ":memory:":
        path = Path(database).expanduser().resolve()
        if "mode=ro" not in url:
            checkpointer = _Checkpointer(path)
        folder = path.parent
        if not folder.is_dir():
            raise DatabaseUnavailable(
                f"The database folder {folder} does not exist. Create it, or set KIOSK_DATABASE_URL."
            )
        if not create:

            def connect() -> sqlite3.Connection:
                # mode=rw: never create the file (pysqlite would make an empty database on connect).
                return sqlite3.connect(
                    f"{path.as_uri()}?mode=rw",
                    uri=True,
                    isolation_level=None,
                    timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                    check_same_thread=False,
                )

            kwargs["creator"] = connect
    engine = create_engine(
        url,
        connect_args={
            "isolation_level": None,
            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            "check_same_thread": False,
        },
        # One connection kept open between uses (SQLAlchemy's default keeps five): each SQLite connection
        # holds its own page cache (up to 2 MB as the file grows) and parsed schema, so every thread that
        # once overlapped another (the housekeeping's run beside a sign-in) left one more for the rest of
        # the day (~0.35 MB each on a new database). One used beside it is closed when given back.
        pool_size=1,
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        cur = dbapi_conn.cursor()
        try:
            # WAL lets kiosks read while another writes; FULL sync: a committed sign-in survives a power cut.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            if checkpointer is not None:
                cur.execute("PRAGMA wal_autocheckpoint=0")  # _Checkpointer does it, off the commit's path
        finally:
            cur.close()
        if database and database != ":memory:":
            # The database, its -wal and -shm hold visitors' names: never world-readable (kiosk.platform).
            from kiosk.platform import restrict_database

            restrict_database(Path(database).expanduser())

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        options = conn.get_execution_options()
        timeout_ms = int(options.get(BUSY_TIMEOUT, SQLITE_BUSY_TIMEOUT_MS))
        if options.get(READONLY):
            conn.exec_driver_sql(f"PRAGMA busy_timeout={timeout_ms}")
            conn.exec_driver_sql("BEGIN")
            return
        # Take the write lock up front: two kiosks never both read then fail to upgrade to a write.
        # SQLite's own busy handler backs off to 100 ms between tries and is not fair: a kiosk could
        # starve behind an import committing chunk after chunk. So poll every 2 ms ourselves: any gap
        # between another program's transactions lets the sign-in in.
        deadline = time.monotonic() + timeout_ms / 1000
        # The sync level is the connection's and cannot change inside a transaction: set it before BEGIN,
        # only when this transaction wants another than the last one on this connection.
        sync = "NORMAL" if options.get(BULK) else "FULL"
        info = conn.connection.info
        if info.get(_SYNC, "FULL") != sync:
            conn.exec_driver_sql(f"PRAGMA synchronous={sync}")
            info[_SYNC] = sync
        conn.exec_driver_sql("PRAGMA busy_timeout=0")
        try:
            while True:
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                    return
                except OperationalError as exc:
                    text = str(exc.orig).lower()
                    if ("locked" not in text and "busy" not in text) or time.monotonic() >= deadline:
                        raise
                time.sleep(LOCK_POLL_S)
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={timeout_ms}")

    if checkpointer is not None:
        # "commit" comes just before the driver's COMMIT: the checkpoint waits CHECKPOINT_DELAY_S anyway.
        event.listen(engine, "commit", lambda _conn: checkpointer.nudge())
        event.listen(engine, "engine_disposed", lambda _engine: checkpointer.stop())
        engine.info_checkpointer = checkpointer  # type: ignore[attr-defined]

    return engine


# What a PostgreSQL driver says when the server cannot be reached at all (as opposed to reached but wrong).
_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "connection failed",
    "connection timeout",
    "timeout expired",
    "timed out",
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "the database system is shutting down",
    "the database system is starting up",
    "no route to host",
    "network is unreachable",
    "connection reset by peer",
    "the connection is closed",
    "consuming input failed",
    "sending query failed",
)


def is_unreachable(exc: BaseException, url: str) -> bool:
    """Whether ``exc`` says a PostgreSQL server cannot be reached (refused, timed out, connection lost).

    Never true for SQLite (a file that is gone is a fault, not an outage) nor for a server that answered
    with an error (a wrong password, a missing table, a replaced database): those fail closed.
    """
    try:
        if make_url(normalise_url(url)).get_backend_name() != "postgresql":
            return False
    except ArgumentError:
        return False
    text = str(getattr(exc, "orig", exc)).lower()
    if "password authentication failed" in text or "does not exist" in text:
        return False
    return any(words in text for words in _UNREACHABLE)


def describe_error(exc: BaseException, url: str) -> str:
    """Turn a driver error into a sentence that says what to do."""
    text = str(getattr(exc, "orig", exc)).lower()
    where = _safe_url(url)
    if "readonly" in text or "read-only" in text:
        return f"The database {where} is read-only. Give the kiosk user write access to it and its folder."
    if "queuepool limit" in text:
        return (
            f"The database {where} is busy: all of this program's connections are in use "
            "([database] pool_size and max_overflow). Try again in a moment."
        )
    if "locked" in text or "busy" in text:
        return f"The database {where} is locked by another program. Try again in a moment."
    if "unable to open" in text:
        return f"The database {where} cannot be opened. Check the folder exists and is writable."
    if is_unreachable(exc, url) or "connection refused" in text or "could not connect" in text:
        return f"The database server {where} cannot be reached. Check it is running and the address is right."
    if "does not exist" in text and "database" in text:
        return f"The database {where} does not exist. Create it, or check KIOSK_DATABASE_URL."
    return f"The database {where} gave an error: {str(getattr(exc, 'orig', exc)).splitlines()[0]}"


def _safe_url(url: str) -> str:
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "(invalid address)"
