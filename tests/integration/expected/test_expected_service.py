"""Expected visitors and the single central record through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kiosk.domain.errors import InvalidInput, PermissionDenied
from kiosk.domain.events import Change
from kiosk.domain.expected import Clearance, DbsCheck, ExpectedVisit
from kiosk.domain.model import PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from tests.helpers import add_ban, sign_in


class Recorder:
    """Wraps the real notifier and keeps what it was told."""

    def __init__(self, inner):
        self.inner = inner
        self.events: list[tuple[str, dict]] = []

    def notify(self, event, payload):
        self.events.append((event, dict(payload)))
        self.inner.notify(event, payload)


@pytest.fixture
def heard(services):
    rec = Recorder(services.deps.notifier)
    services.deps.notifier = rec
    return rec


def booking(services, first="Jane", last="Supply", **kw):
    kw.setdefault("person_type", PersonType.SUPPLY_STAFF)
    kw.setdefault("expected_on", services.deps.clock.today())
    kw.setdefault("host", "Mr Brown")
    kw.setdefault("organisation", "Teach Cover Ltd")
    return ExpectedVisit(id=None, first_name=first, last_name=last, site_id=services.place.site_id, **kw)


def test_booked_visitor_is_recognised_fulfilled_and_host_told(services, staff, heard):
    services.expected.add(staff["receptionist"], booking(services, host_email="brown@school.example"))
    screened = services.sign_in.screen("jane", "SUPPLY", PersonType.SUPPLY_STAFF, services.place)
    assert screened.expected is not None and screened.expected.host == "Mr Brown"
    result = sign_in(
        services, "Jane", "Supply", PersonType.SUPPLY_STAFF, VisitDetails(organisation="Teach Cover Ltd")
    )
    [e] = services.expected.day(staff["receptionist"])
    assert e.visit_id == result.visit.id and e.arrived_at is not None
    assert services.expected.not_arrived(staff["receptionist"]) == []
    arrived = [p for name, p in heard.events if name == Change.EXPECTED_ARRIVED]
    assert arrived == [
        {
            "expected_id": e.id,
            "visit_id": result.visit.id,
            "visitor": "Jane Supply",
            "host": "Mr Brown",
            "host_email": "brown@school.example",
            "site_id": services.place.site_id,
            "origin": services.deps.origin,
        }
    ]
    # A second sign-in of the same name today finds no open booking: the host is told once.
    services.sign_in.sign_out(staff["receptionist"], result.visit.id)
    assert services.sign_in.screen("Jane", "Supply", PersonType.SUPPLY_STAFF, services.place).expected is None


def test_expected_visitor_matching_a_ban_is_held_and_booking_stays_open(services, staff, heard):
    add_ban(services, staff["head"], name="William Hargreaves")
    services.expected.add(staff["receptionist"], booking(services, "William", "Hargreaves"))
    screened = services.sign_in.screen("William", "Hargreaves", PersonType.SUPPLY_STAFF, services.place)
    assert screened.held and screened.expected is None
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(screened.visit_id).status is VisitStatus.HELD
    [e] = services.expected.not_arrived(staff["receptionist"])
    assert e.visit_id is None
    assert not [n for n, _ in heard.events if n == Change.EXPECTED_ARRIVED]


def test_held_expected_visitor_released_by_reception_fulfils_the_booking(services, staff, heard):
    add_ban(services, staff["head"], name="William Hargreaves")
    services.expected.add(staff["receptionist"], booking(services, "William", "Hargreaves"))
    screened = services.sign_in.screen("William", "Hargreaves", PersonType.SUPPLY_STAFF, services.place)
    services.alerts.release(
        staff["receptionist"], screened.visit_id, reason="Different person: checked ID", print_badge=False
    )
    [e] = services.expected.day(staff["receptionist"])
    assert e.visit_id == screened.visit_id
    [told] = [p for n, p in heard.events if n == Change.EXPECTED_ARRIVED]
    assert told["visit_id"] == screened.visit_id and told["host"] == "Mr Brown"


def test_booking_for_another_day_or_cancelled_is_not_recognised(services, staff):
    today = services.deps.clock.today()
    services.expected.add(staff["receptionist"], booking(services, expected_on=today + timedelta(days=1)))
    assert services.sign_in.screen("Jane", "Supply", PersonType.VISITOR, services.place).expected is None
    cancelled = services.expected.add(staff["receptionist"], booking(services))
    services.expected.cancel(staff["receptionist"], cancelled.id)
    assert services.sign_in.screen("Jane", "Supply", PersonType.VISITOR, services.place).expected is None
    with pytest.raises(InvalidInput, match="passed"):
        services.expected.add(staff["receptionist"], booking(services, expected_on=today - timedelta(days=1)))


def test_csv_import_reads_agency_headers_and_refuses_a_bad_row(services, staff):
    today = services.deps.clock.today()
    text = (
        "Forename,Surname,Booking Date,Agency,School Contact,Assignment,Unrelated column\n"
        f"Jane,Supply,{today.strftime('%d/%m/%Y')},Teach Cover Ltd,Mr Brown,Year 4 cover,x\n"
        f"Tom,Cover,{today.isoformat()},Teach Cover Ltd,Mrs Green,Year 6,y\n"
    )
    n = services.expected.import_csv(
        staff["receptionist"], text, "bookings.csv", default_type=PersonType.SUPPLY_STAFF
    )
    assert n == 2
    # The same file again adds nothing.
    assert services.expected.import_csv(staff["receptionist"], text, "bookings.csv") == 0
    day = services.expected.day(staff["receptionist"])
    assert [(e.full_name, e.person_type, e.host, e.purpose) for e in day] == [
        ("Tom Cover", PersonType.SUPPLY_STAFF, "Mrs Green", "Year 6"),
        ("Jane Supply", PersonType.SUPPLY_STAFF, "Mr Brown", "Year 4 cover"),
    ]
    bad = "First name,Surname,Date\nAnn,Other,2026-13-40\n"
    with pytest.raises(InvalidInput, match=r"bad\.csv, line 2: the date '2026-13-40' is not a date"):
        services.expected.import_csv(staff["receptionist"], bad, "bad.csv")
    with pytest.raises(InvalidInput, match="no 'date' column"):
        services.expected.import_csv(staff["receptionist"], "First name,Surname\nA,B\n", "x.csv")
    assert len(services.expected.day(staff["receptionist"])) == 2


def test_role_table_guards_the_lists(services, staff):
    kiosk_actor = type(staff["head"])(name="kiosk:Front", role=None, source="kiosk")
    for call in (
        lambda a: services.expected.day(a),
        lambda a: services.clearances.records(a),
        lambda a: services.expected.add(a, booking(services)),
    ):
        with pytest.raises(PermissionDenied):
            call(kiosk_actor)
        with pytest.raises(PermissionDenied):
            call(staff["system"])
        call(staff["receptionist"])


def clearance(**kw):
    kw.setdefault("first_name", "Bob")
    kw.setdefault("last_name", "Builder")
    kw.setdefault("person_type", PersonType.CONTRACTOR)
    return Clearance(id=None, **kw)


def test_contractor_without_a_record_gets_must_be_escorted_and_reception_is_told(
    services, staff, printer, heard
):
    result = sign_in(services, "Bob", "Builder", PersonType.CONTRACTOR, VisitDetails(organisation="Fixit"))
    assert printer.printed[-1].clearance == "Must be escorted"
    reviews = [p for n, p in heard.events if n == Change.CLEARANCE_REVIEW]
    assert reviews and reviews[0]["visit_id"] == result.visit.id
    assert reviews[0]["reasons"] == ["no record in the single central record"]
    assert result.visit.status is VisitStatus.ON_SITE  # a notice, not a hold


def test_cleared_contractor_badge_says_cleared_and_expiry_turns_it_back(services, staff, printer, heard):
    today = services.deps.clock.today()
    rec = services.clearances.save(
        staff["receptionist"],
        clearance(
            dbs_check=DbsCheck.ENHANCED,
            dbs_date=today - timedelta(days=100),
            id_checked=True,
            expires_on=today + timedelta(days=200),
            organisation="Fixit",
        ),
    )
    first = sign_in(services, "Bob", "Builder", PersonType.CONTRACTOR, VisitDetails(organisation="Fixit"))
    assert printer.printed[-1].clearance == "Cleared"
    assert not [n for n, _ in heard.events if n == Change.CLEARANCE_REVIEW]
    services.sign_in.sign_out(staff["receptionist"], first.visit.id)
    services.clearances.save(staff["receptionist"], replace(rec, expires_on=today - timedelta(days=1)))
    sign_in(services, "Bob", "Builder", PersonType.CONTRACTOR, VisitDetails(organisation="Fixit"))
    assert printer.printed[-1].clearance == "Must be escorted"
    [review] = [p for n, p in heard.events if n == Change.CLEARANCE_REVIEW]
    assert review["reasons"][0].startswith("check expired on")


def test_visitor_types_without_checks_have_no_clearance_line(services, printer):
    sign_in(services)
    assert printer.printed[-1].clearance == ""


def test_clearance_csv_import_updates_by_name(services, staff):
    text = (
        "Legal Forename,Legal Surname,Category,Agency,DBS Level,DBS Certificate Number,DBS Issue Date,"
        "Identity Checked,Agency Confirmation,Expiry Date\n"
        "Jane,Supply,Supply teacher,Teach Cover Ltd,Enhanced with barred list,001234567890,01/09/2025,Yes,Yes,"
        "31/08/2028\n"
        "Bob,Builder,Contractor,Fixit,none,,,no,,\n"
    )
    assert services.clearances.import_csv(staff["receptionist"], text, "scr.csv") == (2, 0)
    assert services.clearances.import_csv(staff["receptionist"], text, "scr.csv") == (0, 2)
    records = {c.full_name: c for c in services.clearances.records(staff["receptionist"])}
    today = services.deps.clock.today()
    assert records["Jane Supply"].dbs_check is DbsCheck.ENHANCED_BARRED
    assert records["Jane Supply"].problems(today) == []
    assert records["Bob Builder"].problems(today) == ["no DBS check recorded", "identity not checked"]
    with pytest.raises(InvalidInput, match=r"line 2: the DBS check 'gold'"):
        services.clearances.import_csv(
            staff["receptionist"], "First name,Surname,DBS check\nA,B,gold\n", "scr2.csv"
        )
    exported = services.clearances.export_csv(staff["receptionist"])
    assert "001234567890" in exported
