"""Ban lifecycle and CSV import/export, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.domain.errors import Conflict, InvalidInput, PermissionDenied
from kiosk.domain.model import BanStatus
from tests.helpers import add_ban

CSV = """name,aliases,date_of_birth,categories,reason,start,end,review,status
William Hargreaves,Billy Hargreaves;Bill H,1980-02-03,disruptive behaviour;loud or offensive language or temper,Shouted at staff,2026-01-05,2099-01-05,2026-07-01,active
Karolina Nowak-Smith,,,,"Messages, abusive",2025-01-01,2025-06-30,,active
"""


def test_head_ban_is_active_at_once_lead_ban_waits(services, staff):
    assert add_ban(services, staff["head"]).status is BanStatus.ACTIVE
    draft = add_ban(services, staff["safeguarding lead"], name="Darren Cole")
    assert draft.status is BanStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.bans.approve(staff["safeguarding lead"], draft.id)
    assert services.bans.approve(staff["head"], draft.id).status is BanStatus.ACTIVE
    with pytest.raises(Conflict):
        services.bans.approve(staff["head"], draft.id)


def test_lift_needs_reason_and_head(services, staff):
    ban = add_ban(services, staff["head"])
    with pytest.raises(InvalidInput):
        services.bans.lift(staff["head"], ban.id, "  ")
    with pytest.raises(PermissionDenied):
        services.bans.lift(staff["safeguarding lead"], ban.id, "reason")
    lifted = services.bans.lift(staff["head"], ban.id, "Representations accepted")
    assert lifted.status is BanStatus.LIFTED and lifted.lifted_reason == "Representations accepted"


def test_edit_is_audited_with_changed_fields(services, staff):
    ban = add_ban(services, staff["head"])
    ban.aliases = ("Billy H",)
    services.bans.edit(staff["safeguarding lead"], ban)
    assert services.bans.get(staff["head"], ban.id).aliases == ("Billy H",)
    edits = [e for e in services.staff.audit_log(staff["head"]) if e.action == "ban edited"]
    assert edits and "aliases" in edits[0].detail and edits[0].entity_ids == (ban.id,)


def test_expire_due_marks_ended_bans(services, staff):
    today = services.deps.clock.today()
    ban = add_ban(services, staff["head"], start=today - timedelta(days=10), end=today + timedelta(days=1))
    with services.deps.uow() as uow:  # time passes: the end date is now yesterday
        b = uow.bans.get(ban.id)
        b.end = today - timedelta(days=1)
        uow.bans.update(b)
        uow.commit()
    assert services.bans.expire_due() == [ban.id]
    assert services.bans.get(staff["head"], ban.id).status is BanStatus.EXPIRED


def test_reviews_due_lists_bans_with_review_this_week(services, staff):
    today = services.deps.clock.today()
    add_ban(services, staff["head"], review_date=today + timedelta(days=3))
    add_ban(services, staff["head"], name="Karolina Nowak", review_date=today + timedelta(days=40))
    assert [b.name for b in services.bans.reviews_due(staff["head"])] == ["William Hargreaves"]


def test_the_list_page_reads_the_list_and_the_reviews_due_in_one_go(services, staff):
    """What the ban list page shows from one read is what ``list`` and ``reviews_due`` give apart."""
    today = services.deps.clock.today()
    head, lead = staff["head"], staff["safeguarding lead"]
    add_ban(services, head, review_date=today + timedelta(days=3))
    add_ban(services, head, name="Karolina Nowak", review_date=today + timedelta(days=40))
    add_ban(
        services,
        lead,
        name="Dmitri Volkov",
        start=today - timedelta(days=9),
        review_date=today - timedelta(days=2),
    )
    lifted = add_ban(services, head, name="Sean Murphy", review_date=today + timedelta(days=1))
    services.bans.lift(head, lifted.id, "moved away")
    due = [b.name for b in services.bans.reviews_due(head)]
    assert due == ["Dmitri Volkov", "William Hargreaves"]  # the lifted ban's review is not due
    for statuses in (None, [BanStatus.ACTIVE], [BanStatus.DRAFT], [BanStatus.LIFTED, BanStatus.EXPIRED]):
        shown, page_due = services.bans.list_and_reviews_due(head, statuses, 7)
        assert shown == services.bans.list(head, statuses)
        assert [b.name for b in page_due] == due
    assert len(services.bans.list_and_reviews_due(head)[0]) == 4
    with pytest.raises(PermissionDenied):
        services.bans.list_and_reviews_due(staff["receptionist"])


def test_receptionist_cannot_read_ban_list(services, staff):
    with pytest.raises(PermissionDenied):
        services.bans.list(staff["receptionist"])


def test_csv_import_export_round_trip(services, staff):
    created, updated = services.bans.import_csv(staff["head"], CSV, "bans.csv")
    assert (created, updated) == (2, 0)
    bans = services.bans.list(staff["head"])
    assert bans[0].aliases == ("Billy Hargreaves", "Bill H")
    assert bans[0].categories == ("disruptive behaviour", "loud or offensive language or temper")
    assert bans[1].status is BanStatus.EXPIRED  # end date past
    exported = services.bans.export_csv(staff["head"])
    assert (
        exported.splitlines()[0] == "id,name,aliases,date_of_birth,categories,reason,start,end,review,status"
    )
    assert services.bans.import_csv(staff["head"], exported, "export.csv") == (0, 0)
    assert services.bans.list(staff["head"]) == bans or [
        (b.id, b.name, b.status) for b in services.bans.list(staff["head"])
    ] == [(b.id, b.name, b.status) for b in bans]
    changed = exported.replace("Shouted at staff", "Shouted at staff twice")
    assert services.bans.import_csv(staff["head"], changed, "export.csv") == (0, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("nom,start\nX,2026-01-01\n", "line 1: the header has no 'name'"),
        ("name,start\nGood Name,2026-01-01\nBad Date,01/02/2026\n", "line 3: start date '01/02/2026'"),
        ("name,start,categories\nA Person,2026-01-01,knitting\n", "line 2: Unknown behaviour category"),
        ("name,start\n,2026-01-01\n", "line 2: Please enter the name"),
        ("name,start,id\nA Person,2026-01-01,999\n", "line 2: there is no ban with id 999"),
        ("name,start\nA Person,2026-01-01,extra\n", "line 2: more cells"),
    ],
)
def test_bad_csv_names_file_and_line_and_imports_nothing(services, staff, text, message):
    with pytest.raises(InvalidInput, match="bans.csv") as err:
        services.bans.import_csv(staff["head"], text, "bans.csv")
    assert message in str(err.value)
    assert services.bans.list(staff["head"]) == []


def test_csv_export_neutralises_spreadsheet_formulas(services, staff):
    add_ban(services, staff["head"], name="Eve Formula", reason='=HYPERLINK("x")')
    exported = services.bans.export_csv(staff["head"])
    assert "'=HYPERLINK" in exported
    services.bans.import_csv(staff["head"], exported, "export.csv")
    assert services.bans.list(staff["head"])[0].reason == '=HYPERLINK("x")'
