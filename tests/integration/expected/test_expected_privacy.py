"""The school's own lists under data protection: retention purge, subject access and erasure."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf

from kiosk.domain.expected import Clearance, DbsCheck, ExpectedVisit
from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from tests.helpers import sign_in


def _book(services, actor, day, first="Jane", last="Supply"):
    return services.expected.add(
        actor,
        ExpectedVisit(
            id=None,
            first_name=first,
            last_name=last,
            person_type=PersonType.SUPPLY_STAFF,
            expected_on=day,
            site_id=services.place.site_id,
            host="Mr Brown",
            notes="Bring a lanyard",
        ),
    )


def test_bookings_and_expired_records_are_purged_after_their_retention(services, staff):
    clock, reception = services.deps.clock, staff["receptionist"]
    today = clock.today()
    old = _book(services, reception, today, "Old", "Booking")
    kept = _book(services, reception, today, "New", "Booking")
    expired = services.clearances.save(
        reception,
        Clearance(
            id=None,
            first_name="Bob",
            last_name="Builder",
            person_type=PersonType.CONTRACTOR,
            dbs_check=DbsCheck.ENHANCED,
            dbs_date=today - timedelta(days=10),
            id_checked=True,
            expires_on=today,
        ),
    )
    start = clock.now()
    clock.advance(timedelta(days=89))
    _book(services, reception, clock.today(), "New", "Booking")
    clock.set(start + timedelta(days=91))
    with services.deps.uow() as uow:  # the second booking's day moved on: only the first is due
        b = uow.expected.get(kept.id)
        b.expected_on = clock.today() - timedelta(days=10)
        uow.expected.update(b)
        uow.commit()
    counts = services.privacy.purge(staff["system"], dry_run=True)
    assert counts["expected visits"] == 1 and counts["single central record"] == 0
    counts = services.privacy.purge(staff["system"])
    assert counts["expected visits"] == 1
    with services.deps.uow.readonly() as uow:
        assert uow.expected.get(old.id) is None and uow.expected.get(kept.id) is not None
    clock.set(start + timedelta(days=367))
    assert services.privacy.purge(staff["system"])["single central record"] == 1
    with services.deps.uow.readonly() as uow:
        assert uow.clearances.get(expired.id) is None


def test_subject_access_includes_the_lists_and_erasure_removes_the_bookings(services, staff):
    reception, admin = staff["receptionist"], staff["administrator"]
    booking = _book(services, reception, services.deps.clock.today())
    services.clearances.save(
        reception,
        Clearance(
            id=None,
            first_name="Jane",
            last_name="Supply",
            person_type=PersonType.SUPPLY_STAFF,
            dbs_number="001234567890",
        ),
    )
    result = sign_in(services, "Jane", "Supply", PersonType.SUPPLY_STAFF, VisitDetails(organisation="Agency"))
    data, pdf = services.privacy.export_person(admin, result.person.id)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Expected visits (bookings)" in text and "Bring a lanyard" in text
    assert "Single central record (checks)" in text and "001234567890" in text
    [b] = data["expected_visits"]
    assert b["id"] == booking.id and b["notes"] == "Bring a lanyard" and b["arrived_at"]
    [c] = data["single_central_record"]
    assert c["dbs_number"] == "001234567890"
    services.sign_in.sign_out(reception, result.visit.id)
    erased = services.privacy.erase_person(admin, result.person.id, "Asked to be forgotten")
    assert erased.changed["expected visits"] == 1
    with services.deps.uow.readonly() as uow:
        assert uow.expected.get(booking.id) is None
