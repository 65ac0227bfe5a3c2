"""The hash chain itself: any edit, removal or reordering of a row is found, a purge with a checkpoint is not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from kiosk.domain.model import AuditEntry
from kiosk.services.audit_chain import GENESIS, Anchor, entry_hash, seal, verify_chain

T0 = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def chain(n: int) -> list[AuditEntry]:
    rows, prev = [], GENESIS
    for i in range(1, n + 1):
        e = seal(
            AuditEntry(i, T0 + timedelta(minutes=i), "staff:1", "console", "ban viewed", "ban", (i, "x")),
            prev,
        )
        rows.append(e)
        prev = e.row_hash
    return rows


def test_an_untouched_chain_verifies():
    rows = chain(5)
    report = verify_chain(rows)
    assert report.ok and report.checked == 5 and report.head_hash == rows[-1].row_hash
    assert report.describe().startswith("ok: 5 rows")


def test_an_edited_row_is_named():
    rows = chain(5)
    rows[2] = replace(rows[2], detail="edited")
    report = verify_chain(rows)
    assert not report.ok and report.broken_id == 3 and "changed" in report.problem
    assert report.describe().startswith("the audit log cannot be trusted from row 3 on")


def test_a_removed_or_swapped_row_is_found_at_the_next():
    rows = chain(5)
    # From the missing row on, the log cannot be trusted.
    assert verify_chain(rows[:2] + rows[3:]).broken_id == 3
    assert verify_chain([rows[0], rows[2], rows[1], *rows[3:]]).broken_id == 2


def test_a_rehashed_row_breaks_the_link_after_it():
    rows = chain(4)
    rows[1] = seal(replace(rows[1], detail="forged"), rows[1].prev_hash)
    assert verify_chain(rows).broken_id == 3


def test_a_purged_prefix_verifies_from_its_checkpoint_anchor():
    rows = chain(6)
    rest = rows[3:]
    assert verify_chain(rest).broken_id == 1  # without the checkpoint: rows 1-3 are missing
    assert verify_chain(rest, Anchor(3, rows[2].row_hash)).ok
    assert verify_chain(rows[2:], Anchor(3, rows[2].row_hash)).broken_id == 3  # a row that should be gone


def test_the_hash_does_not_depend_on_time_zone_or_driver_naivety():
    e = AuditEntry(7, T0, "system", "system", "retention purge", "privacy", (), "{}")
    naive = replace(e, at=T0.replace(tzinfo=None))
    local = replace(e, at=T0.astimezone(timezone(timedelta(hours=1))))
    assert entry_hash(e, GENESIS) == entry_hash(naive, GENESIS) == entry_hash(local, GENESIS)
    assert entry_hash(e, GENESIS) != entry_hash(replace(e, entity_ids=(1,)), GENESIS)
    assert entry_hash(e, GENESIS) != entry_hash(e, "1" * 64)


# ---------------------------------------------------------------- the keyed chain and its anchor

KEY = bytes(range(32))


def keyed(n: int, key: bytes = KEY) -> tuple[list[AuditEntry], list]:
    """A keyed chain of n rows and its anchor: a head line after every row (one commit each)."""
    from kiosk.services.audit_chain import HEAD, anchor_line

    rows, lines, prev = [], [], GENESIS
    for i in range(1, n + 1):
        e = seal(AuditEntry(i, T0 + timedelta(minutes=i), "staff:1", "console", "x", "ban", (i,)), prev, key)
        rows.append(e)
        lines.append(anchor_line(key, HEAD, i, e.row_hash, e.at))
        prev = e.row_hash
    return rows, lines


def test_keyed_hash_needs_the_key():
    rows, lines = keyed(3)
    assert entry_hash(rows[0], GENESIS, KEY) != entry_hash(rows[0], GENESIS)
    assert verify_chain(rows, key=KEY, anchor_lines=lines).ok
    other = verify_chain(rows, key=bytes(32), anchor_lines=lines)
    assert not other.ok and other.broken_id == 1


def test_the_newest_rows_deleted_are_found_from_the_anchor():
    rows, lines = keyed(20)
    report = verify_chain(rows[:10], key=KEY, anchor_lines=lines)
    assert not report.ok and report.broken_id == 11 and "missing" in report.problem


def test_an_emptied_log_is_found():
    _rows, lines = keyed(5)
    report = verify_chain([], key=KEY, anchor_lines=lines)
    assert not report.ok and report.broken_id == 1 and "empty" in report.problem


def test_a_chain_recomputed_with_the_key_differs_from_its_anchor():
    rows, lines = keyed(6)
    forged, prev = [], GENESIS
    for e in rows:
        e = seal(replace(e, detail="rewritten") if e.id == 4 else e, prev, KEY)
        forged.append(e)
        prev = e.row_hash
    report = verify_chain(forged, key=KEY, anchor_lines=lines)
    assert not report.ok and report.broken_id == 4 and "anchored" in report.problem


def test_a_purge_line_is_not_tampering_but_a_forged_one_is():
    from kiosk.services.audit_chain import PURGE, anchor_line

    rows, lines = keyed(8)
    purge = anchor_line(KEY, PURGE, 3, rows[2].row_hash, T0)
    assert verify_chain(rows[3:], key=KEY, anchor_lines=[*lines, purge]).ok
    forged = replace(anchor_line(bytes(32), PURGE, 3, rows[2].row_hash, T0))
    report = verify_chain(rows[3:], key=KEY, anchor_lines=[*lines, forged])
    assert not report.ok and report.broken_id == 1


def test_an_edited_anchor_line_is_found():
    rows, lines = keyed(4)
    lines[1] = replace(lines[1], hash="0" * 64)
    report = verify_chain(rows, key=KEY, anchor_lines=lines)
    assert not report.ok and "anchor line 2" in report.problem


def test_digest_round_trip():
    from kiosk.services.audit_chain import digest_text, line_ok, parse_digest

    text = digest_text(KEY, "Kestrel House", 42, "ab" * 32, T0)
    line = parse_digest(text)
    assert line is not None and line.row_id == 42 and line_ok(KEY, line)
    assert not line_ok(bytes(32), line)
    assert parse_digest("hello") is None


@pytest.mark.parametrize(
    "school", ["Kestrel Row Academy", "row 7 hash ab at x mac y", "Chain Lane: row house", "St Mary's at Bow"]
)
@pytest.mark.parametrize("chain", [1, 3])
def test_a_digest_reads_back_whatever_the_school_is_called(school, chain):
    from kiosk.services.audit_chain import digest_text, line_ok, parse_digest

    text = digest_text(KEY, school, 42, "ab" * 32, T0, chain=chain)
    line = parse_digest(text)
    assert line is not None, text
    assert (line.row_id, line.hash, line.school) == (42, "ab" * 32, chain)
    assert line_ok(KEY, line)
    assert parse_digest(text + "\n") == line  # as pasted from an email, with its line end
    assert parse_digest(text.replace(" mac ", " mac")) is None


def test_one_chain_per_school_each_proved_against_its_own_anchor_lines():
    """Two schools' rows interleave by id; each chains to its own school's, and verify proves both."""
    from datetime import UTC, datetime

    from kiosk.domain.model import AuditEntry
    from kiosk.services.audit_chain import GENESIS, AnchorLine, anchor_line, seal, verify_chains

    key = b"k" * 32
    at = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    heads = {1: GENESIS, 2: GENESIS}
    rows: dict[int, list] = {1: [], 2: []}
    lines = []
    for row_id, school in enumerate((1, 2, 2, 1, 2), 1):
        entry = seal(
            AuditEntry(row_id, at, "staff:1", "console", "ban viewed", "ban", (row_id,)), heads[school], key
        )
        heads[school] = entry.row_hash
        rows[school].append(entry)
        lines.append(anchor_line(key, "head", row_id, entry.row_hash, at, school))
    report = verify_chains({s: (rows[s], None) for s in rows}, key=key, anchor_lines=lines)
    assert report.ok and report.checked == 5 and report.chains == 2, report.describe()
    # A school 2 line read back from the anchor file keeps its school (and its MAC covers it).
    again = AnchorLine.from_text(lines[1].to_text())
    assert again == lines[1] and again.school == 2
    assert AnchorLine.from_text(lines[0].to_text()).to_text().count("\t") == 4  # school 1: as before
    moved = [
        AnchorLine(ln.kind, ln.row_id, ln.hash, ln.at, ln.mac, 1) if ln.school == 2 else ln for ln in lines
    ]
    assert not verify_chains({s: (rows[s], None) for s in rows}, key=key, anchor_lines=moved).ok
    # School 2's row 3 removed: its chain is broken, and the report names the school.
    rows[2] = [e for e in rows[2] if e.id != 3]
    report = verify_chains({s: (rows[s], None) for s in rows}, key=key, anchor_lines=lines)
    assert not report.ok and report.problem.startswith("school 2's chain: ")
