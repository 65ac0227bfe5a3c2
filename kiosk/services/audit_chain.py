"""The audit log's hash chain: each row carries the hash of the row before it, so an edit shows.

Pure functions, no I/O. A row's hash is SHA-256 over a canonical JSON serialisation of the row (its id,
time, actor, source, action, entity, entity ids and detail) together with the previous row's hash.
Rows hold ids, never personal data, so erasing a person never has to change (and break) the chain.

Purging old rows keeps the chain checkable: in the same transaction a *checkpoint* row is appended
that records the hash of the last purged row; the first remaining row must point at that hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from kiosk.domain.model import AuditEntry

# The "previous hash" of the very first row of a chain that was never purged.
GENESIS = "0" * 64
# The action of the row that anchors the chain after old rows were purged.
CHECKPOINT_ACTION = "audit log purged (checkpoint)"
CHECKPOINT_ENTITY = "audit_log"
_VERSION = 1


def _utc_text(at: datetime) -> str:
    # SQLite hands times back without a zone; the kiosk only ever stores UTC, so naive means UTC.
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: AuditEntry, prev_hash: str) -> bytes:
    """The bytes that are hashed for one row: sorted-key compact JSON, UTF-8, times in UTC."""
    doc = {
        "v": _VERSION,
        "id": entry.id,
        "at": _utc_text(entry.at),
        "actor": entry.actor,
        "source": entry.source,
        "action": entry.action,
        "entity": entry.entity,
        "entity_ids": list(entry.entity_ids),
        "detail": entry.detail,
        "prev": prev_hash,
    }
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    """The hex SHA-256 of a row chained to the row before it."""
    return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()


def seal(entry: AuditEntry, prev_hash: str) -> AuditEntry:
    """The entry with its prev_hash and row_hash set (it must already have its id)."""
    if entry.id is None:
        raise ValueError("an audit row is sealed after it has its id")
    return replace(entry, prev_hash=prev_hash, row_hash=entry_hash(entry, prev_hash))


def checkpoint_detail(through_id: int, anchor_hash: str, rows: int) -> str:
    """The detail of a checkpoint row: which rows were purged and the hash the chain now starts from."""
    return json.dumps({"through_id": through_id, "anchor": anchor_hash, "rows": rows}, sort_keys=True)


@dataclass(frozen=True)
class Anchor:
    """Where a purged chain starts: rows up to ``through_id`` are gone, the next points at ``hash``."""

    through_id: int
    hash: str


def anchor_of(checkpoint: AuditEntry | None) -> Anchor | None:
    """The anchor a checkpoint row records (None for no checkpoint or an unreadable one)."""
    if checkpoint is None:
        return None
    try:
        doc = json.loads(checkpoint.detail)
        return Anchor(int(doc["through_id"]), str(doc["anchor"]))
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class ChainReport:
    """What verifying the chain found: ok, or the first row that does not fit and why."""

    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""
    head_hash: str = GENESIS

    def describe(self) -> str:
        """One line for a person: "ok" or which row is broken."""
        if self.ok:
            return "ok"
        return f"audit row {self.broken_id} is broken: {self.problem}"


def verify_chain(entries: Iterable[AuditEntry], anchor: Anchor | None = None) -> ChainReport:
    """Walk the rows in id order and check each one's hash and its link to the row before.

    ``anchor`` is what the newest checkpoint row recorded (None when nothing was ever purged): the first
    remaining row must point at it.
    """
    expected_prev = anchor.hash if anchor else GENESIS
    checked = 0
    for entry in entries:
        if checked == 0 and anchor is not None and entry.id is not None and entry.id <= anchor.through_id:
            return ChainReport(
                False, checked, entry.id, "this row should have been purged with the rows before it"
            )
        if entry.prev_hash != expected_prev:
            what = "the first row" if checked == 0 else "the row before it"
            return ChainReport(
                False, checked, entry.id, f"it does not follow {what} (a row was removed or changed)"
            )
        if entry_hash(entry, entry.prev_hash) != entry.row_hash:
            return ChainReport(False, checked, entry.id, "its content was changed after it was written")
        expected_prev = entry.row_hash
        checked += 1
    return ChainReport(True, checked, head_hash=expected_prev)
