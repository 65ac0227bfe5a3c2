"""What is kept outside the database so it can prove itself: the audit key, the chain's anchor, the erasure log.

Where they live (the *records folder*):

- SQLite: a folder beside the database file, ``<database>.records/`` (e.g. ``kiosk.sqlite3.records/``):
  ``audit.key``, ``audit-anchor.log`` (append-only: one keyed line per commit that wrote audit rows) and
  ``erasures.log``. A restore writes into the database file only, so these stay as they were.
- PostgreSQL: ``<data folder>/records/<host>-<port>-<database>-<schema>/`` for ``audit.key`` and
  ``erasures.log``; the anchor is the ``audit_anchor`` table, which the application may only insert into
  (migration 0006 revokes UPDATE, DELETE and TRUNCATE and adds a trigger that refuses them). Every
  machine that writes to the database needs the same ``audit.key``: copy it from the first one.

The key is made by migration 0006 (``kiosk db upgrade`` or the first start), 32 random bytes, hex, in a
file only the owner (or, in a shared install, the programs' group) can read; its fingerprint goes in
``kiosk_meta`` (``audit.key_id``), so a machine with a wrong or missing key refuses to write audit rows
instead of writing rows nobody can check.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from kiosk import platform as permissions
from kiosk.domain.errors import KioskError
from kiosk.services.audit_chain import KEY_BYTES, AnchorLine, anchor_line, key_id

log = logging.getLogger(__name__)

KEY_FILE = "audit.key"
ANCHOR_FILE = "audit-anchor.log"
ERASURE_FILE = "erasures.log"
KEY_ID_META = "audit.key_id"

# The PostgreSQL anchor table (made by migration 0006; not on Base.metadata: SQLite has no such table).
anchor_metadata = MetaData()
anchor_table = Table(
    "audit_anchor",
    anchor_metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("row_id", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("at", String(40), nullable=False),
    Column("mac", String(64), nullable=False),
    Column("written_at", DateTime(timezone=True)),
    # 0011: the school whose audit chain the line anchors (also in the line's MAC when not school 1).
    Column("school_id", Integer, nullable=False, server_default="1"),
)


def anchor_rows(lines: list[AnchorLine], written_at: datetime | None = None) -> list[dict[str, object]]:
    """The rows of the PostgreSQL anchor table for ``lines``, stamped ``written_at`` (the real clock if None)."""
    now = written_at or datetime.now(UTC)
    rows: list[dict[str, object]] = [
        {"kind": ln.kind, "row_id": ln.row_id, "hash": ln.hash, "at": ln.at, "mac": ln.mac, "written_at": now}
        for ln in lines
    ]
    if any(ln.school != 1 for ln in lines):
        # A school of a trust (schema 0011 on); school 1's lines leave the column to its default,
        # so migration 0006 writes its lines before the column exists.
        for row, ln in zip(rows, lines, strict=True):
            row["school_id"] = ln.school
    return rows


class AuditKeyMissing(KioskError):
    """The audit key file is missing or is not the key this database was sealed with."""


def records_folder(engine: Engine) -> Path:
    """The records folder of the database behind ``engine`` (not created here)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database.startswith("file:"):
            database = database[len("file:") :].split("?", 1)[0]
        if database and database != ":memory:":
            db = Path(database).expanduser().resolve()
            return db.with_name(db.name + ".records")
        from kiosk.config import data_dir

        return data_dir() / "records" / "memory"
    from kiosk.config import data_dir

    schema = getattr(engine, "info_schema", None) or _url_schema(engine) or "public"
    name = f"{url.host or 'local'}-{url.port or 5432}-{url.database or 'postgres'}-{schema}"
    return data_dir() / "records" / re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _url_schema(engine: Engine) -> str | None:
    from urllib.parse import unquote

    options = engine.url.query.get("options")
    if isinstance(options, tuple):
        options = " ".join(options)
    found = re.search(r"-c\s*search_path\s*=\s*([^\s,]+)", unquote(options or ""))
    return found.group(1).strip('"') if found else None


@dataclass(frozen=True)
class ErasureRecord:
    """One erasure, kept outside the database so a restore can apply it again."""

    person_id: int
    at: str
    receipt: str  # the audit row's id, or "" when re-applied
    mac: str = ""

    def body(self) -> bytes:
        return f"kiosk-erasure-1\t{self.person_id}\t{self.at}\t{self.receipt}".encode()


class RecordsStore:
    """The records folder of one database: its key, its anchor (file or table) and its erasure log."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.folder = records_folder(engine)
        self.is_postgres = engine.dialect.name == "postgresql"
        self._key: bytes | None = None
        self.checked_key: bytes | None = None  # the key once checked against the database's audit.key_id
        self._lock = threading.Lock()
        self._anchor_schools: bool | None = None  # the anchor table has its school column (0011)

    # ------------------------------------------------------------------ the key

    @property
    def key_path(self) -> Path:
        return self.folder / KEY_FILE

    @property
    def anchor_path(self) -> Path:
        return self.folder / ANCHOR_FILE

    @property
    def erasure_path(self) -> Path:
        return self.folder / ERASURE_FILE

    def ensure_folder(self) -> Path:
        """Create the records folder, private (0700, or 2770 where the database folder is shared)."""
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            if permissions.is_shared_folder(self.folder.parent):
                with contextlib.suppress(OSError):
                    os.chmod(self.folder, permissions.SHARED_DIR)
        permissions.restrict_dir(self.folder)
        return self.folder

    def key_or_create(self) -> bytes:
        """The audit key, making a new one if there is none (only migration 0006 calls this)."""
        with self._lock:
            if self._key is None:
                if not self.key_path.exists():
                    self.ensure_folder()
                    permissions.write_private(self.key_path, secrets.token_hex(KEY_BYTES).encode(), key=True)
                    log.info("made a new audit key at %s; back it up separately", self.key_path)
                self._key = self._read_key()
            return self._key

    def key(self) -> bytes:
        """The audit key; AuditKeyMissing (saying what to do) when the file is not there."""
        with self._lock:
            if self._key is None:
                self._key = self._read_key()
            return self._key

    def _read_key(self) -> bytes:
        try:
            text = self.key_path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            raise AuditKeyMissing(
                f"The audit key {self.key_path} is missing, so the audit log cannot be written or checked. "
                "Put back the copy of audit.key kept with the backups (or, on a shared PostgreSQL "
                "database, copy it from the first machine), then start again."
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise AuditKeyMissing(f"The audit key {self.key_path} cannot be read: {exc}.") from None
        try:
            key = bytes.fromhex(text)
        except ValueError:
            key = b""
        if len(key) < 16:
            raise AuditKeyMissing(f"The audit key {self.key_path} is not a key (64 hex digits expected).")
        return key

    def check_key(self, stored_id: str | None) -> bytes:
        """The key, after checking it is the one the database was sealed with (``audit.key_id``)."""
        key = self.key()
        if stored_id and not hmac.compare_digest(stored_id, key_id(key)):
            raise AuditKeyMissing(
                f"The audit key {self.key_path} is not the key this database's audit log was written "
                "with. Put back the right audit.key (kept with the backups)."
            )
        return key

    # ------------------------------------------------------------------ the anchor

    def append_anchor(
        self,
        lines: list[AnchorLine],
        session: Session | Connection | None = None,
        *,
        written_at: datetime | None = None,
    ) -> None:
        """Write anchor lines: into the table on PostgreSQL (in ``session``'s transaction), else the file.

        ``written_at`` stamps the table's rows: the program's injected clock (the real one when None)."""
        if not lines:
            return
        if self.is_postgres:
            if session is None:
                raise ValueError("the PostgreSQL anchor is written inside the transaction")
            session.execute(insert(anchor_table), anchor_rows(lines, written_at))
            return
        self._append_file(self.anchor_path, "".join(ln.to_text() for ln in lines))

    def _append_file(self, path: Path, text: str) -> None:
        self.ensure_folder()
        # O_APPEND: every writer (several kiosks) adds at the end; one write() per commit, so lines never mix.
        fd = permissions.open_private(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def anchor_lines(self, session: Session | Connection | None = None) -> list[AnchorLine]:
        """Every anchor line, in the order written."""
        if self.is_postgres:
            if session is None:
                with self.engine.connect() as conn:
                    return self.anchor_lines(conn)
            t = anchor_table.c
            columns = [t.kind, t.row_id, t.hash, t.at, t.mac]
            per_school = self._anchor_has_schools(session)
            if per_school:
                columns.append(t.school_id)
            rows = session.execute(select(*columns).order_by(t.id)).all()
            return [
                AnchorLine(r.kind, r.row_id, r.hash, r.at, r.mac, r.school_id if per_school else 1)
                for r in rows
            ]
        try:
            text = self.anchor_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        lines = []
        for raw in text.splitlines():
            line = AnchorLine.from_text(raw)
            if line is not None:
                lines.append(line)
            elif raw.strip():
                lines.append(AnchorLine("?", 0, "", "", ""))  # an unreadable line: shown as tampered
        return lines

    def _anchor_has_schools(self, session: Session | Connection) -> bool:
        """Whether the anchor table has its school column yet (migration 0011; read during earlier ones)."""
        if self._anchor_schools is None:
            found = session.execute(
                text(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = 'audit_anchor' AND column_name = 'school_id'"
                )
            ).first()
            if found is None:
                return False  # not remembered: the migration that adds it may run next
            self._anchor_schools = True
        return self._anchor_schools

    def new_line(
        self, kind: str, row_id: int, row_hash: str, at: datetime | None = None, school: int = 1
    ) -> AnchorLine:
        """A keyed anchor line of a school's chain (school 1: a single school's one chain), stamped ``at``
        (the program's injected clock; the real one when None)."""
        return anchor_line(self.key(), kind, row_id, row_hash, at or datetime.now(UTC), school)

    # ------------------------------------------------------------------ the erasure log

    def record_erasure(self, person_id: int, at: datetime, receipt: str) -> None:
        """Append an erasure to the log kept outside the database (``kiosk db restore`` applies it again)."""
        rec = ErasureRecord(int(person_id), at.astimezone(UTC).isoformat(), receipt)
        mac = hmac.new(self.key(), rec.body(), sha256).hexdigest()
        line = json.dumps({"person_id": rec.person_id, "at": rec.at, "receipt": receipt, "mac": mac})
        self._append_file(self.erasure_path, line + "\n")

    def erasures(self) -> list[ErasureRecord]:
        """Every erasure with a good MAC (a line without one is skipped and logged)."""
        try:
            text = self.erasure_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        key = self.key()
        out = []
        for raw in text.splitlines():
            try:
                doc = json.loads(raw)
                rec = ErasureRecord(
                    int(doc["person_id"]), str(doc["at"]), str(doc["receipt"]), str(doc["mac"])
                )
            except (ValueError, KeyError, TypeError):
                log.warning("skipped an unreadable line of %s", self.erasure_path)
                continue
            if hmac.compare_digest(hmac.new(key, rec.body(), sha256).hexdigest(), rec.mac):
                out.append(rec)
            else:
                log.warning("skipped an erasure line of %s whose MAC does not match", self.erasure_path)
        return out


_stores: dict[tuple[str, str], RecordsStore] = {}
_stores_lock = threading.Lock()


def records_for(engine: Engine) -> RecordsStore:
    """The records store of an engine's database (one per database and schema in this process)."""
    ident = (str(engine.url), str(getattr(engine, "info_schema", None)))
    with _stores_lock:
        store = _stores.get(ident)
        if store is None or store.engine is not engine:
            store = _stores[ident] = RecordsStore(engine)
        return store
