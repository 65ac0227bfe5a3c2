"""Staff on the roll, on both databases: import, cards, kiosk sign-in by card and by PIN (with its
lock-out), the fire roll with staff and the central record's word, end of day, and the roll call."""

from __future__ import annotations

import io
from datetime import time, timedelta

import pytest
from pypdf import PdfReader

from kiosk.domain.errors import AccountLocked, InvalidInput, NotFound, PermissionDenied
from kiosk.domain.expected import Clearance, DbsCheck
from kiosk.domain.model import Actor, PersonType
from kiosk.domain.staffroll import RollGroup, is_card_token
from tests.helpers import sign_in

STAFF_CSV = (
    "Staff Code,Legal Forename,Legal Surname,Role,Department,Email\n"
    "ABE,Anna,Abbott,Class teacher,Year 3,a@x\n"
    "BCO,Ben,Cole,Teaching assistant,,b@x\n"
    "CDU,Carla,Dunn,Site manager,Premises,c@x\n"
)


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _place(services):
    p = services.place
    return p.site_id, p.kiosk_id, "Front door"


def _members(services, staff):
    return {m.full_name: m for m in services.staff_roll.members(staff["administrator"])}


def test_import_cards_and_roles(services, staff):
    roll, admin = services.staff_roll, staff["administrator"]
    assert roll.import_csv(admin, STAFF_CSV, "staff.csv") == (3, 0)
    # The same file again (a new job title) updates by staff code: cards stay the same.
    before = _members(services, staff)
    assert roll.import_csv(admin, STAFF_CSV.replace("Class teacher", "Deputy head"), "staff.csv") == (0, 3)
    after = _members(services, staff)
    assert after["Anna Abbott"].job_title == "Deputy head"
    assert after["Anna Abbott"].card_token == before["Anna Abbott"].card_token
    assert all(is_card_token(m.card_token) for m in after.values())
    # A bad row imports nothing, with one line naming it.
    with pytest.raises(InvalidInput, match="bad.csv, line 3"):
        roll.import_csv(admin, "first name,surname\nDee,Eve\n123,456\n", "bad.csv")
    assert len(roll.members(admin)) == 3
    # Only the administrator keeps the list; reception sees it.
    for role in ("receptionist", "head", "safeguarding lead"):
        with pytest.raises(PermissionDenied):
            roll.import_csv(staff[role], STAFF_CSV, "staff.csv")
    assert len(roll.members(staff["receptionist"])) == 3
    cards = roll.cards_pdf(admin)
    text = _pdf_text(cards)
    assert "Anna Abbott" in text and "Deputy head" in text and "Scan at the kiosk" in text
    with pytest.raises(PermissionDenied):
        roll.cards_pdf(staff["receptionist"])
    actions = [e.action for e in services.staff.audit_log(admin)]
    assert "staff roll imported" in actions and "staff cards printed" in actions


def test_card_and_pin_toggle_and_lockout(services, staff):
    roll, admin = services.staff_roll, staff["administrator"]
    roll.import_csv(admin, STAFF_CSV, "staff.csv")
    anna = _members(services, staff)["Anna Abbott"]
    # A card scan (any case: Caps Lock) signs in, the next signs out.
    first = roll.toggle_by_card(anna.card_token.lower(), *_place(services))
    assert first.signed_in and first.name == "Anna Abbott"
    assert [m.full_name for _p, m in roll.on_site(staff["receptionist"])] == ["Anna Abbott"]
    assert not roll.toggle_by_card(anna.card_token, *_place(services)).signed_in
    assert roll.on_site(staff["receptionist"]) == []
    with pytest.raises(NotFound):
        roll.toggle_by_card("STAFF-NOTACARD", *_place(services))
    # A PIN under the accounts' rules.
    with pytest.raises(InvalidInput, match="too easy"):
        roll.set_pin(admin, anna.id, "1111")
    roll.set_pin(admin, anna.id, "4826")
    assert roll.toggle_by_pin("anna  abbott", "4826", *_place(services)).signed_in
    # Wrong PINs count toward the lock-out; then even the right PIN is refused until it runs out.
    for _ in range(4):
        with pytest.raises(InvalidInput, match="do not match"):
            roll.toggle_by_pin("Anna Abbott", "9999", *_place(services))
    with pytest.raises(AccountLocked, match="15 minutes"):
        roll.toggle_by_pin("Anna Abbott", "9999", *_place(services))
    with pytest.raises(AccountLocked):
        roll.toggle_by_pin("Anna Abbott", "4826", *_place(services))
    # An unknown name answers as a wrong PIN does.
    with pytest.raises(InvalidInput, match="do not match"):
        roll.toggle_by_pin("Nobody Here", "4826", *_place(services))
    services.deps.clock.advance(timedelta(minutes=16))
    assert not roll.toggle_by_pin("Anna Abbott", "4826", *_place(services)).signed_in
    # A member taken off the roll: the card stops working.
    roll.set_active(admin, anna.id, False)
    with pytest.raises(NotFound):
        roll.toggle_by_card(anna.card_token, *_place(services))


def test_fire_roll_lists_staff_and_visitors_with_their_check(services, staff):
    roll, admin, desk = services.staff_roll, staff["administrator"], staff["receptionist"]
    roll.import_csv(admin, STAFF_CSV, "staff.csv")
    people = _members(services, staff)
    roll.toggle_by_card(people["Ben Cole"].card_token, *_place(services))
    services.clearances.save(
        desk,
        Clearance(
            id=None,
            first_name="Carl",
            last_name="Jones",
            person_type=PersonType.CONTRACTOR,
            organisation="",
            dbs_check=DbsCheck.ENHANCED,
            dbs_date=services.deps.clock.today() - timedelta(days=30),
            id_checked=True,
            expires_on=services.deps.clock.today() + timedelta(days=300),
        ),
    )
    sign_in(services, "Carl", "Jones", PersonType.CONTRACTOR)
    sign_in(services, "Dan", "Evans", PersonType.CONTRACTOR)
    sign_in(services, "Priya", "Shah")
    doc = services.reports.fire_roll(desk)
    assert [s.name for s in doc.roll.staff] == ["Ben Cole"]
    words = {line.name: line.clearance for line in doc.roll.lines}
    assert words == {"Carl Jones": "Cleared", "Dan Evans": "Must be escorted", "Priya Shah": ""}
    assert doc.roll.last_change is not None
    text = _pdf_text(doc.pdf)
    assert "Staff (1)" in text and "Ben Cole" in text and "Teaching assistant" in text
    assert "Visitors (3)" in text and "Must be escorted" in text and "Cleared" in text
    assert "On site now: 4 people" in text


def test_end_of_day_closes_staff(services, staff):
    roll, admin = services.staff_roll, staff["administrator"]
    roll.import_csv(admin, STAFF_CSV, "staff.csv")
    anna = _members(services, staff)["Anna Abbott"]
    roll.toggle_by_card(anna.card_token, *_place(services))
    clock = services.deps.clock
    clock.advance(timedelta(hours=8))  # 18:30, after the default end of day
    closed = roll.end_of_day(staff["system"], services.settings.kiosk.end_of_day)
    assert len(closed) == 1
    assert roll.on_site(staff["receptionist"]) == []
    with pytest.raises(PermissionDenied):
        roll.end_of_day(Actor.kiosk("Front door"), time(17, 0))
    # The next scan signs in afresh.
    assert roll.toggle_by_card(anna.card_token, *_place(services)).signed_in


def test_roll_call_ticks_and_missing_list(services, staff):
    roll, admin, desk = services.staff_roll, staff["administrator"], staff["receptionist"]
    roll.import_csv(admin, STAFF_CSV, "staff.csv")
    people = _members(services, staff)
    for name in ("Anna Abbott", "Ben Cole"):
        roll.toggle_by_card(people[name].card_token, *_place(services))
    sign_in(services, "Dan", "Evans", PersonType.CONTRACTOR)
    view = roll.start_roll_call(desk)
    assert [(e.group, e.name) for e in view.entries] == [
        (RollGroup.STAFF, "Anna Abbott"),
        (RollGroup.STAFF, "Ben Cole"),
        (RollGroup.VISITORS, "Dan Evans"),
    ]
    assert "Must be escorted" in view.entries[2].detail
    # Another console sees the same roll call and its ticks.
    anna = view.entries[0]
    roll.tick(staff["head"], view.roll_call.id, anna.id, True)
    current = roll.current_roll_call(desk)
    assert current is not None and [e.name for e in current.missing] == ["Ben Cole", "Dan Evans"]
    text = _pdf_text(roll.missing_pdf(desk, view.roll_call.id))
    assert "Missing: 2 people" in text and "Ben Cole" in text and "Dan Evans" in text
    assert "Anna Abbott" not in text
    roll.tick(desk, view.roll_call.id, anna.id, False)
    assert len(roll.roll_call(desk, view.roll_call.id).missing) == 3
    roll.finish_roll_call(desk, view.roll_call.id)
    assert roll.current_roll_call(desk) is None
    with pytest.raises(InvalidInput, match="finished"):
        roll.tick(desk, view.roll_call.id, anna.id, True)
    actions = [e.action for e in services.staff.audit_log(admin)]
    for action in (
        "roll call started",
        "roll call ticked",
        "roll call missing list made",
        "roll call finished",
    ):
        assert action in actions


def test_retention_and_subject_access(services, staff):
    roll, admin = services.staff_roll, staff["administrator"]
    roll.import_csv(admin, STAFF_CSV, "staff.csv")
    anna = _members(services, staff)["Anna Abbott"]
    roll.toggle_by_card(anna.card_token, *_place(services))
    roll.toggle_by_card(anna.card_token, *_place(services))
    roll.start_roll_call(staff["receptionist"])
    with services.deps.uow.readonly() as uow:
        assert len(uow.staff_roll.presences_of(anna.id)) == 1
    services.deps.clock.advance(timedelta(days=services.settings.retention.staff_attendance_days + 2))
    counts = services.privacy.purge(admin)
    assert counts["staff attendance"] == 1 and counts["roll calls"] == 1
    with services.deps.uow.readonly() as uow:
        assert uow.staff_roll.presences_of(anna.id) == []
        assert uow.staff_roll.latest_open_roll_call(None) is None
        assert uow.staff_roll.get(anna.id) is not None  # the member stays on the roll


def test_subject_access_includes_the_staff_roll(services, staff):
    roll, admin = services.staff_roll, staff["administrator"]
    roll.import_csv(admin, STAFF_CSV, "staff.csv")
    anna = _members(services, staff)["Anna Abbott"]
    roll.toggle_by_card(anna.card_token, *_place(services))
    # Anna also came once as a visitor (a parents' evening): her person record leads to her staff lines.
    result = sign_in(services, "Anna", "Abbott", PersonType.PARENT)
    data, pdf = services.privacy.export_person(admin, result.person.id)
    [line] = data["staff_roll"]
    assert line["job_title"] == "Class teacher" and line["reference"] == "ABE"
    [time_on_site] = data["staff_time_on_site"]
    assert time_on_site["how"] == "card" and time_on_site["signed_out_at"] in ("", None)
    text = _pdf_text(pdf)
    assert "Staff roll" in text and "Staff time on site" in text
