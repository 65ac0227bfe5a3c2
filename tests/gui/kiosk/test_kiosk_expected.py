"""Expected visitors and the single central record at the real kiosk window."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.events import Change
from kiosk.domain.expected import ExpectedVisit
from kiosk.domain.model import PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from kiosk.ui.kiosk.flow import Step
from tests.gui.kiosk.test_kiosk_sign_out import scan
from tests.helpers import add_ban, sign_in


class Heard:
    """Wraps the real notifier and keeps the events (the console hears them through the feed)."""

    def __init__(self, inner):
        self.inner = inner
        self.events: list[tuple[str, dict]] = []

    def notify(self, event, payload):
        self.events.append((event, dict(payload)))
        self.inner.notify(event, payload)


def _book(app, reception, first, last, person_type=PersonType.SUPPLY_STAFF, **kw):
    """Reception books the visit the day before it."""
    clock = app.deps.clock
    today = clock.today()
    clock.advance(timedelta(days=-1))
    try:
        return app.expected.add(
            reception,
            ExpectedVisit(
                id=None,
                first_name=first,
                last_name=last,
                person_type=person_type,
                expected_on=today,
                site_id=app.place.site_id,
                host=kw.pop("host", "Mr Brown"),
                **kw,
            ),
        )
    finally:
        clock.advance(timedelta(days=1))


def _returning(app, reception, first, last, person_type, **details):
    """Someone who came last week and signed out: they have a visitor pass."""
    result = sign_in(app, first, last, person_type, VisitDetails(**details))
    app.sign_in.sign_out(reception, result.visit.id)
    return result.person


def test_booked_supply_teacher_signs_in_with_their_pass_and_the_host_is_told(
    visitor, sqlite_services, staff_actors, printer
):
    app, reception = sqlite_services, staff_actors["receptionist"]
    person = _returning(app, reception, "Jane", "Supply", PersonType.VISITOR, host="Office")
    booking = _book(app, reception, "Jane", "Supply", organisation="Teach Cover Ltd", purpose="Year 4 cover")
    heard = Heard(app.deps.notifier)
    app.deps.notifier = heard
    w = visitor.window

    # The pass is scanned at Welcome: the booking and her record answer everything, so no page asks
    # anything (no touch before the last screen; she agreed to this Code last week).
    printed_before = len(printer.printed)
    scan(w, person.pass_token)
    visitor.sees(Step.DONE, timeout=10_000)
    assert "Jane" in visitor.screen_text()
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == printed_before + 1)  # printed after Done shows
    badge = printer.printed[-1]
    assert badge.person_type is PersonType.SUPPLY_STAFF  # the booking's type, not last week's
    assert badge.host == "Mr Brown" and badge.organisation == "Teach Cover Ltd"
    assert badge.clearance == "Must be escorted"  # nobody put her checks on the record
    [e] = app.expected.day(reception)
    assert e.id == booking.id and e.arrived_at is not None
    with app.deps.uow.readonly() as uow:
        visit = uow.visits.get(e.visit_id)
    assert visit.status is VisitStatus.ON_SITE and visit.purpose == "Year 4 cover"
    told = [p for n, p in heard.events if n == Change.EXPECTED_ARRIVED]
    assert told and told[0]["host"] == "Mr Brown" and told[0]["visit_id"] == visit.id
    assert [n for n, _ in heard.events].count(Change.CLEARANCE_REVIEW) == 1


def test_unproven_expected_visitor_sees_nothing_stored_and_is_still_recognised(
    visitor, sqlite_services, staff_actors
):
    app, reception = sqlite_services, staff_actors["receptionist"]
    _book(app, reception, "Tom", "Cover", organisation="Teach Cover Ltd")
    w = visitor.window
    visitor.start_sign_in(PersonType.SUPPLY_STAFF)
    visitor.give_name("Tom", "Cover")
    visitor.sees(Step.DETAILS)
    assert w.details_page.fields["organisation"].text() == ""  # no proof: nothing stored is shown
    assert "Mr Brown" not in visitor.screen_text()
    visitor.give_details(organisation="Teach Cover Ltd")
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.DONE, timeout=10_000)
    assert app.expected.not_arrived(reception) == []


def test_expected_visitor_matching_a_ban_is_held_like_anyone(visitor, sqlite_services, staff_actors, printer):
    app, reception = sqlite_services, staff_actors["receptionist"]
    # A returning contractor with a pass, barred since his last visit, and booked for today.
    person = _returning(app, reception, "William", "Hargreaves", PersonType.CONTRACTOR, organisation="Fixit")
    add_ban(app, staff_actors["head"], name="William Hargreaves")
    _book(app, reception, "William", "Hargreaves", PersonType.CONTRACTOR, organisation="Fixit")
    printed_before = len(printer.printed)
    w = visitor.window
    scan(w, person.pass_token)
    visitor.sees(Step.HOLD, timeout=10_000)
    assert "ban" not in visitor.screen_text().lower()
    assert len(printer.printed) == printed_before  # no badge
    [e] = app.expected.day(reception)
    assert e.visit_id is None  # the host is not told; reception has the alert
    held = app.sign_in.held(reception)
    assert [v.person_id for v in held] == [person.id]
