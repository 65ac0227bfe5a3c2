"""The hash chain itself: any edit, removal or reordering of a row is found, a purge with a checkpoint is not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

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
    assert report.describe() == "ok"


def test_an_edited_row_is_named():
    rows = chain(5)
    rows[2] = replace(rows[2], detail="edited")
    report = verify_chain(rows)
    assert not report.ok and report.broken_id == 3 and "changed" in report.problem
    assert report.describe().startswith("audit row 3 is broken")


def test_a_removed_or_swapped_row_is_found_at_the_next():
    rows = chain(5)
    assert verify_chain(rows[:2] + rows[3:]).broken_id == 4
    assert verify_chain([rows[0], rows[2], rows[1], *rows[3:]]).broken_id == 3


def test_a_rehashed_row_breaks_the_link_after_it():
    rows = chain(4)
    rows[1] = seal(replace(rows[1], detail="forged"), rows[1].prev_hash)
    assert verify_chain(rows).broken_id == 3


def test_a_purged_prefix_verifies_from_its_checkpoint_anchor():
    rows = chain(6)
    rest = rows[3:]
    assert verify_chain(rest).broken_id == 4  # without the checkpoint: the start is missing
    assert verify_chain(rest, Anchor(3, rows[2].row_hash)).ok
    assert verify_chain(rows[2:], Anchor(3, rows[2].row_hash)).broken_id == 3  # a row that should be gone


def test_the_hash_does_not_depend_on_time_zone_or_driver_naivety():
    e = AuditEntry(7, T0, "system", "system", "retention purge", "privacy", (), "{}")
    naive = replace(e, at=T0.replace(tzinfo=None))
    local = replace(e, at=T0.astimezone(timezone(timedelta(hours=1))))
    assert entry_hash(e, GENESIS) == entry_hash(naive, GENESIS) == entry_hash(local, GENESIS)
    assert entry_hash(e, GENESIS) != entry_hash(replace(e, entity_ids=(1,)), GENESIS)
    assert entry_hash(e, GENESIS) != entry_hash(e, "1" * 64)
