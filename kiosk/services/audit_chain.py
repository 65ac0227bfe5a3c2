"""The audit log's keyed hash chain and its anchor: an edit, a deletion or a rewrite of the log shows.

Pure functions, no I/O. Each row's hash is HMAC-SHA256, keyed with a secret kept outside the database
(the audit key file), over a canonical JSON serialisation of the row (its id, time, actor, source,
action, entity, entity ids and detail) together with the previous row's hash. Without the key nobody can
write a row, or recompute the chain after deleting some, so that it checks.

The chain's head is also *anchored* where the database cannot rewrite it (an append-only file beside a
SQLite database, an insert-only table on PostgreSQL, every backup's manifest, the daily digest that
leaves the machine). Each anchor line is keyed too. Comparing the log with its anchor shows what the
chain alone cannot: the newest rows deleted, the table emptied, the chain rewritten by someone holding
the key. Legitimate gaps are written into the anchor as they happen, so they are told from tampering:
a retention purge writes a ``purge`` line (rows up to an id are gone, the chain now starts from a
hash), re-keying an old unkeyed chain a ``rekey`` line, a restore from a backup a ``restore`` line.

Rows hold ids, never personal data, so erasing a person never has to change (and break) the chain.

In a trust of schools (kiosk.domain.trust) there is one chain per school: each row chains to the newest
row of its own school, under that school's own lock, and each anchor line names its school (school 1's
lines read as before). ``verify_chains`` proves every chain; a single school's log is its one chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from kiosk.domain.model import AuditEntry

# The "previous hash" of the very first row of a chain that was never purged.
GENESIS = "0" * 64
# The action of the row that anchors the chain after old rows were purged.
CHECKPOINT_ACTION = "audit log purged (checkpoint)"
CHECKPOINT_ENTITY = "audit_log"
_VERSION = 1  # unkeyed SHA-256 (schema 0004); kept to read and re-key old chains
KEYED_VERSION = 2

# Anchor line kinds.
HEAD = "head"  # after a commit, the chain's newest row is row_id with this hash
PURGE = "purge"  # rows up to row_id are gone on purpose; the next row points at this hash
REKEY = "rekey"  # the chain was re-keyed (from its first row); row_id/hash is the new head
RESTORE = "restore"  # the database was restored from a backup whose head is row_id/hash
ANCHOR_KINDS = (HEAD, PURGE, REKEY, RESTORE)
KEY_BYTES = 32
DEFAULT_CHAIN = 1  # a single school's chain: the default school's (kiosk.domain.trust.DEFAULT_SCHOOL_ID)


def _utc_text(at: datetime) -> str:
    # SQLite hands times back without a zone; the kiosk only ever stores UTC, so naive means UTC.
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: AuditEntry, prev_hash: str, version: int = _VERSION) -> bytes:
    """The bytes that are hashed for one row: sorted-key compact JSON, UTF-8, times in UTC."""
    doc = {
        "v": version,
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


def entry_hash(entry: AuditEntry, prev_hash: str, key: bytes | None = None) -> str:
    """The hex hash of a row chained to the row before it: HMAC-SHA256 with ``key``.

    Without a key it is the old unkeyed SHA-256 (schema 0004), used only to read a chain before it is
    re-keyed.
    """
    if key is None:
        return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()
    return hmac.new(key, canonical(entry, prev_hash, KEYED_VERSION), hashlib.sha256).hexdigest()


def seal(entry: AuditEntry, prev_hash: str, key: bytes | None = None) -> AuditEntry:
    """The entry with its prev_hash and row_hash set (it must already have its id)."""
    if entry.id is None:
        raise ValueError("an audit row is sealed after it has its id")
    return replace(entry, prev_hash=prev_hash, row_hash=entry_hash(entry, prev_hash, key))


def key_id(key: bytes) -> str:
    """A short public fingerprint of the key (stored in the database, so a wrong key file is named)."""
    return hmac.new(key, b"kiosk audit key id", hashlib.sha256).hexdigest()[:16]


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


# ---------------------------------------------------------------- anchor lines


@dataclass(frozen=True)
class AnchorLine:
    """One keyed line of the anchor: a kind, a row id, that row's hash, when, and the line's MAC."""

    kind: str
    row_id: int
    hash: str
    at: str  # UTC, ISO text
    mac: str = ""
    school: int = DEFAULT_CHAIN  # whose chain (a trust's school); in the MAC unless it is school 1

    def body(self) -> bytes:
        """The bytes the line's MAC covers (a school 1 line's are as before schools existed)."""
        body = f"kiosk-anchor-1\t{self.kind}\t{self.row_id}\t{self.hash}\t{self.at}"
        if self.school != DEFAULT_CHAIN:
            body += f"\tschool {self.school}"
        return body.encode()

    def to_text(self) -> str:
        """The line as written to the anchor file (tab-separated, newline-terminated)."""
        school = f"\t{self.school}" if self.school != DEFAULT_CHAIN else ""
        return f"{self.kind}\t{self.row_id}\t{self.hash}\t{self.at}\t{self.mac}{school}\n"

    @classmethod
    def from_text(cls, text: str) -> AnchorLine | None:
        """Parse a line of the anchor file; None for a line that is not one (a torn write)."""
        parts = text.rstrip("\n").split("\t")
        if len(parts) not in (5, 6):
            return None
        try:
            school = int(parts[5]) if len(parts) == 6 else DEFAULT_CHAIN
            return cls(parts[0], int(parts[1]), parts[2], parts[3], parts[4], school)
        except ValueError:
            return None


def anchor_line(
    key: bytes, kind: str, row_id: int, row_hash: str, at: datetime, school: int = 1
) -> AnchorLine:
    """A new anchor line of a school's chain, MAC'd with the audit key."""
    if kind not in ANCHOR_KINDS:
        raise ValueError(f"unknown anchor kind {kind!r}")
    line = AnchorLine(kind, int(row_id), row_hash, _utc_text(at), school=int(school))
    return replace(line, mac=hmac.new(key, line.body(), hashlib.sha256).hexdigest())


def line_ok(key: bytes, line: AnchorLine) -> bool:
    """Whether a line was written by someone holding the key, unchanged since."""
    good = hmac.new(key, line.body(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(good, line.mac) and line.kind in ANCHOR_KINDS


def digest_text(
    key: bytes, school: str, row_id: int, row_hash: str, at: datetime, chain: int = DEFAULT_CHAIN
) -> str:
    """The daily digest of one chain: its head row and hash, with a MAC, as one line to keep off the machine.

    A school 1 chain's line reads as it always did; another school's says ``chain N`` (in its MAC too)."""
    line = anchor_line(key, HEAD, row_id, row_hash, at, school=chain)
    which = f" chain {chain}" if chain != DEFAULT_CHAIN else ""
    return f"kiosk audit digest {school or 'school'}:{which} row {row_id} hash {row_hash} at {line.at} mac {line.mac}"


# What follows the school's name in a digest line (digest_text), read from the end: the name is the
# school's own words and may say "row", "chain" or "at" ("Kestrel Row Academy").
_DIGEST_TAIL = re.compile(r":(?: chain (\d+))? row (\d+) hash (\S+) at (\S+) mac (\S+)$")


def parse_digest(text: str) -> AnchorLine | None:
    """The anchor line a digest line states (None if the text is not a digest)."""
    found = _DIGEST_TAIL.search(" ".join(text.split()))
    if found is None:
        return None
    chain, row_id, row_hash, at, mac = found.groups()
    return AnchorLine(HEAD, int(row_id), row_hash, at, mac, school=int(chain) if chain else DEFAULT_CHAIN)


def digest_lines(text: str) -> list[str]:
    """The digest lines in a text (one per chain: an email body, or lines pasted one after another)."""
    marker = "kiosk audit digest"
    parts = text.split(marker)
    return [f"{marker}{part}".strip() for part in parts[1:] if part.strip()]


# ---------------------------------------------------------------- verifying


@dataclass(frozen=True)
class ChainReport:
    """What verifying found: ok, or the first row from which the log cannot be trusted, and why."""

    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""
    head_hash: str = GENESIS
    head_id: int | None = None
    unanchored: int = 0  # rows newer than the anchor's last head (a crash before the anchor was written)
    anchor_lines: int = 0
    chains: int = 1  # how many chains were proved (one per school of a trust)

    @property
    def untrusted_from(self) -> int | None:
        """The first row id that cannot be trusted (None when the log is ok)."""
        return self.broken_id

    def describe(self) -> str:
        """One line for a person: "ok ..." or from which row the log cannot be trusted."""
        if self.ok:
            extra = f"; {self.unanchored} newest rows not yet anchored" if self.unanchored else ""
            chains = (
                "chain and anchor agree"
                if self.chains == 1
                else f"{self.chains} chains (one per school) and anchor agree"
            )
            return f"ok: {self.checked} rows, {chains} ({self.anchor_lines} anchor lines){extra}"
        return f"the audit log cannot be trusted from row {self.broken_id} on: {self.problem}"


@dataclass
class _AnchorState:
    purged_through: int = 0
    purge_hash: str = GENESIS
    expected: dict[int, str] | None = None
    last_head: int = 0
    bad_line: tuple[int, AnchorLine] | None = None
    lines: int = 0


def _read_anchor(key: bytes, lines: Sequence[AnchorLine]) -> _AnchorState:
    state = _AnchorState(expected={})
    assert state.expected is not None
    for n, line in enumerate(lines, 1):
        if not line_ok(key, line):
            if state.bad_line is None:
                state.bad_line = (n, line)
            continue
        state.lines += 1
        if line.kind == HEAD:
            # The first hash anchored for an id stands: a second one for the same id means the log was
            # emptied or cut and the programs wrote that id again (SQLite reuses ids).
            state.expected.setdefault(line.row_id, line.hash)
            state.last_head = max(state.last_head, line.row_id)
        elif line.kind == PURGE:
            state.purged_through, state.purge_hash = line.row_id, line.hash
            state.expected = {i: h for i, h in state.expected.items() if i > line.row_id}
        elif line.kind == REKEY:
            # Hashes anchored before re-keying were of the old chain; only the new head counts.
            state.expected = {line.row_id: line.hash} if line.row_id else {}
            state.last_head = line.row_id
        elif line.kind == RESTORE:
            # The backup's head: anything anchored after it was of the data the restore replaced.
            state.expected = {i: h for i, h in state.expected.items() if i < line.row_id}
            if line.row_id:
                state.expected[line.row_id] = line.hash
            state.last_head = line.row_id
    return state


def verify_chain(
    entries: Iterable[AuditEntry],
    anchor: Anchor | None = None,
    *,
    key: bytes | None = None,
    anchor_lines: Sequence[AnchorLine] | None = None,
    checkpoint: AuditEntry | None = None,
) -> ChainReport:
    """Walk the rows in id order, check each one's hash and link, and compare them with the anchor.

    With ``key`` and ``anchor_lines`` (the keyed log): rows must be HMAC'd with the key; where rows were
    purged is taken from the anchor's keyed ``purge`` lines (``anchor`` is ignored); every anchored head
    that was not purged must still be there with the same hash. Without them (the old unkeyed chain)
    ``anchor`` is what the newest checkpoint row recorded.

    ``checkpoint`` (keyed log): the newest checkpoint row. If a purge committed but its anchor line was
    lost (a crash in between, SQLite), that row -- sealed with the key, so nobody without it can forge
    one -- says where the purge ended.
    """
    state = _read_anchor(key, anchor_lines or ()) if key is not None else None
    if state is not None:
        purged_through, expected_prev = state.purged_through, state.purge_hash
        found = anchor_of(checkpoint)
        if (
            checkpoint is not None
            and found is not None
            and found.through_id > purged_through
            and entry_hash(checkpoint, checkpoint.prev_hash, key) == checkpoint.row_hash
        ):
            purged_through, expected_prev = found.through_id, found.hash
        expected = {i: h for i, h in (state.expected or {}).items() if i > purged_through}
    else:
        purged_through = anchor.through_id if anchor else 0
        expected_prev = anchor.hash if anchor else GENESIS
        expected = {}

    problems: list[tuple[int, str]] = []
    checked, last_id = 0, purged_through
    seen: set[int] = set()
    for entry in entries:
        rid = entry.id if entry.id is not None else last_id + 1
        if checked == 0 and (anchor is not None or state is not None) and rid <= purged_through:
            problems.append((rid, "this row should have been purged with the rows before it"))
            break
        if entry.prev_hash != expected_prev:
            if checked == 0:
                where = purged_through + 1
                what = "the first row does not follow the start the anchor records"
            else:
                where = last_id + 1
                what = f"row {rid} does not follow row {last_id} (a row was removed or changed)"
            problems.append((min(where, rid), what))
            break
        if entry_hash(entry, entry.prev_hash, key) != entry.row_hash:
            problems.append(
                (rid, f"row {rid} was changed after it was written (its keyed hash does not match)")
            )
            break
        if rid in expected and not hmac.compare_digest(expected[rid], entry.row_hash):
            problems.append((rid, f"row {rid} differs from its anchored hash (the log was rewritten)"))
            break
        seen.add(rid)
        expected_prev, last_id = entry.row_hash, rid
        checked += 1

    # Anchored rows that are gone (before any break found above): deleted, not purged.
    walk_break = problems[0][0] if problems else None
    missing = sorted(
        i for i in expected if i > purged_through and i not in seen and (walk_break is None or i < walk_break)
    )
    if missing:
        first = missing[0]
        before = max((i for i in seen if i < first), default=purged_through)
        if not seen:
            what = f"the audit log is empty, but the anchor records rows up to {max(expected)}"
        elif first > last_id:
            what = f"rows after {last_id} are missing (the anchor records row {max(missing)})"
        else:
            what = f"anchored row {first} is missing (rows were deleted and the chain recomputed)"
        problems.append((before + 1 if before < first else first, what))
    if state is not None and state.bad_line is not None:
        n, line = state.bad_line
        problems.append(
            (
                max(1, min(line.row_id, last_id + 1)),
                f"anchor line {n} was changed or not written with the key",
            )
        )
    if problems:
        where, what = min(problems, key=lambda p: p[0])
        return ChainReport(False, checked, where, what, head_hash=expected_prev, head_id=last_id or None)
    unanchored = 0
    if state is not None and state.lines:
        unanchored = sum(1 for i in seen if i > state.last_head)
    return ChainReport(
        True,
        checked,
        head_hash=expected_prev,
        head_id=last_id or None,
        unanchored=unanchored,
        anchor_lines=state.lines if state else 0,
    )


def verify_chains(
    chains: dict[int, tuple[Iterable[AuditEntry], AuditEntry | None]],
    *,
    key: bytes,
    anchor_lines: Sequence[AnchorLine],
) -> ChainReport:
    """Prove every school's chain (keyed log): ``chains`` maps a school to its rows (in id order) and its
    newest checkpoint row; each is checked against the anchor lines of that school alone.

    One report: ok when every chain is, else the broken chain's (the lowest row from which a chain cannot
    be trusted), its problem naming the school when there are several.
    """
    schools = sorted(set(chains) | {line.school for line in anchor_lines}) or [DEFAULT_CHAIN]
    reports: dict[int, ChainReport] = {}
    for school in schools:
        rows, checkpoint = chains.get(school, ((), None))
        lines = [line for line in anchor_lines if line.school == school]
        reports[school] = verify_chain(rows, key=key, anchor_lines=lines, checkpoint=checkpoint)
    if len(reports) == 1:
        return next(iter(reports.values()))
    broken = [(r.broken_id or 0, s, r) for s, r in reports.items() if not r.ok]
    if broken:
        _where, school, report = min(broken, key=lambda b: (b[0], b[1]))
        return replace(report, problem=f"school {school}'s chain: {report.problem}", chains=len(reports))
    head = reports.get(DEFAULT_CHAIN) or next(iter(reports.values()))
    return ChainReport(
        True,
        sum(r.checked for r in reports.values()),
        head_hash=head.head_hash,
        head_id=max((r.head_id for r in reports.values() if r.head_id is not None), default=None),
        unanchored=sum(r.unanchored for r in reports.values()),
        anchor_lines=sum(r.anchor_lines for r in reports.values()),
        chains=len(reports),
    )
