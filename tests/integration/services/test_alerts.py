"""Reception's decisions on held visitors, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import Conflict, PermissionDenied
from kiosk.domain.model import AlertDecision, PersonType, VisitStatus
from tests.helpers import add_ban, reception_actor, sign_in


def _held(services, first="Bill", last="Hargreaves", **kw):
    result = services.sign_in.screen(first, last, PersonType.PARENT, services.place, **kw)
    assert result.held
    return result.visit_id


def test_release_puts_visitor_on_site_and_prints_badge(services, staff, printer):
    add_ban(services, staff["head"])
    visit_id = _held(services)
    views = services.alerts.open_alerts(staff["receptionist"])
    assert [v.visit.id for v in views] == [visit_id]
    assert views[0].ban.name == "William Hargreaves" and views[0].person.first_name == "Bill"
    services.alerts.release(staff["receptionist"], visit_id, note="Known to office; different person")
    with services.deps.uow.readonly() as uow:
        visit = uow.visits.get(visit_id)
        alert = uow.alerts.for_visit(visit_id)[0]
    assert visit.status is VisitStatus.ON_SITE and visit.badge_token
    assert alert.decision is AlertDecision.RELEASE and alert.decided_by == staff["receptionist"].staff_id
    assert printer.printed[-1].visit_token == visit.badge_token
    assert services.alerts.open_alerts(staff["receptionist"]) == []
    assert any(e.action == "held visitor released" for e in services.staff.audit_log(staff["head"]))


def test_refuse_closes_visit_as_refused(services, staff, printer):
    add_ban(services, staff["head"])
    visit_id = _held(services)
    services.alerts.refuse(staff["receptionist"], visit_id)
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(visit_id).status is VisitStatus.REFUSED
    assert printer.printed == []
    with pytest.raises(Conflict):
        services.alerts.release(staff["receptionist"], visit_id)


def test_receptionist_needs_a_leads_pin_to_dismiss(services, staff):
    add_ban(services, staff["head"])
    visit_id = _held(services)
    alert = services.alerts.open_alerts(staff["receptionist"])[0].alert
    with pytest.raises(PermissionDenied):
        services.alerts.not_same_person(staff["receptionist"], alert.id)
    with pytest.raises(PermissionDenied):
        services.alerts.not_same_person(staff["receptionist"], alert.id, authoriser=staff["receptionist"])
    d = services.alerts.not_same_person(
        staff["receptionist"], alert.id, authoriser=staff["safeguarding lead"]
    )
    assert d.dismissed_by == staff["safeguarding lead"].staff_id
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(visit_id).status is VisitStatus.ON_SITE


def test_dismissed_match_does_not_hold_the_proven_person_again(services, staff):
    ban = add_ban(services, staff["head"])
    visit_id = _held(services)
    alert = services.alerts.open_alerts(staff["head"])[0].alert
    services.alerts.not_same_person(staff["head"], alert.id, note="Different DOB")
    with services.deps.uow.readonly() as uow:
        person_id = uow.visits.get(visit_id).person_id
    again = services.sign_in.screen(
        "Bill", "Hargreaves", PersonType.PARENT, services.place, person_id=person_id
    )
    assert not again.held and again.dismissed[0].ban.id == ban.id
    notes = services.alerts.dismissal_notes(reception_actor(), person_id)
    assert notes[0].dismissed_by == staff["head"].staff_id
    # Someone else typing the same name, without proof, is still held.
    assert services.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, services.place).held
    services.alerts.revoke_dismissal(staff["head"], notes[0].id)
    assert services.sign_in.screen(
        "Bill", "Hargreaves", PersonType.PARENT, services.place, person_id=person_id
    ).held


class _ReviewEverything:
    """A screener that calls every listed entry a review-band match (to drive the review path)."""

    def __init__(self, entries):
        self.entries = list(entries)

    def screen(self, name):
        from kiosk.screening import Match

        return [
            Match(entry_id=e.id, score=0.6, band="review", reasons=("surname matches",), matched_name=e.name)
            for e in self.entries
        ]


def test_review_band_does_not_hold_and_is_shown_to_reception(services, staff):
    from kiosk.services.screening import ActiveBanList

    add_ban(services, staff["head"], name="Jonathan Smith")
    services.sign_in.bans = ActiveBanList(services.deps, _ReviewEverything)
    result = sign_in(services, "J", "Smith")
    assert result.visit.screening.value == "review" and result.badge_printed
    views = services.alerts.open_alerts(staff["receptionist"])
    assert [v.alert.band.value for v in views] == ["review"]
    services.alerts.note_review(staff["receptionist"], views[0].alert.id)
    assert services.alerts.open_alerts(staff["receptionist"]) == []


def test_pending_ban_does_not_screen_until_approved(services, staff):
    ban = add_ban(services, staff["safeguarding lead"], name="Darren Cole")
    assert ban.status.value == "draft"
    assert not services.sign_in.screen("Darren", "Cole", PersonType.VISITOR, services.place).held
    services.bans.approve(staff["head"], ban.id)
    assert services.sign_in.screen("Darren", "Cole", PersonType.VISITOR, services.place).held


def test_lifted_ban_stops_screening(services, staff):
    ban = add_ban(services, staff["head"])
    services.bans.lift(staff["head"], ban.id, "Representations accepted")
    assert not services.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, services.place).held


def test_badge_of_released_visitor_can_print_at_the_kiosk(services, staff, printer):
    """Setting kiosk.badge_at = "kiosk": the console's release prints nothing; the kiosk prints it."""
    add_ban(services, staff["head"])
    services.alerts.badge_at_kiosk = True
    visit_id = _held(services)
    services.alerts.release(staff["receptionist"], visit_id)
    assert printer.printed == []
    assert services.sign_in.print_released_badges(services.place) == [visit_id]
    assert [b.visit_token for b in printer.printed] == [
        services.sign_in.badge_content(reception_actor(), visit_id).visit_token
    ]
    assert services.sign_in.print_released_badges(services.place) == []  # printed once only


def test_release_with_a_reason_records_it_on_the_alert_and_in_the_audit(services, staff):
    from kiosk.domain.errors import InvalidInput

    add_ban(services, staff["head"])
    visit_id = _held(services)
    with pytest.raises(InvalidInput, match="short reason"):
        services.alerts.release(staff["receptionist"], visit_id, reason="ok")
    services.alerts.release(
        staff["receptionist"], visit_id, "Badge given at 9:05", reason="Head confirmed: a different Bill"
    )
    with services.deps.uow.readonly() as uow:
        alert = uow.alerts.for_visit(visit_id)[0]
    assert alert.note == "Reason for release: Head confirmed: a different Bill\nBadge given at 9:05"
    entry = next(e for e in services.staff.audit_log(staff["head"]) if e.action == "held visitor released")
    assert entry.detail == "reason given" and entry.actor == f"staff:{staff['receptionist'].staff_id}"


def test_not_the_same_person_records_who_checked_what(services, staff):
    from kiosk.domain.decisions import IdentityCheck
    from kiosk.domain.errors import InvalidInput

    add_ban(services, staff["head"])
    _held(services)
    alert = services.alerts.open_alerts(staff["receptionist"])[0].alert
    with pytest.raises(InvalidInput, match="Say what you checked"):
        services.alerts.not_same_person(
            staff["receptionist"], alert.id, authoriser=staff["head"], checks=["looked honest"]
        )
    d = services.alerts.not_same_person(
        staff["receptionist"],
        alert.id,
        "Date of birth 1990, the ban's is 1971",
        authoriser=staff["head"],
        checks=[IdentityCheck.SPOKE_TO_THEM, IdentityCheck.PHOTO_ID],
    )
    assert d.note == "Checked: photo ID, spoke to them.\nDate of birth 1990, the ban's is 1971"
    assert d.dismissed_by == staff["head"].staff_id
    entry = next(e for e in services.staff.audit_log(staff["head"]) if e.action.startswith("match dismissed"))
    receptionist, head = staff["receptionist"].staff_id, staff["head"].staff_id
    assert entry.actor == f"staff:{receptionist}"
    assert (
        entry.detail == f"checked by staff:{receptionist}: photo ID, spoke to them; confirmed by staff:{head}"
    )
