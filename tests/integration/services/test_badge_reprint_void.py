"""Reprinting and voiding a badge, on SQLite and PostgreSQL: a badge's QR code works only while it is current."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import Conflict, NotFound, PermissionDenied
from kiosk.domain.model import Actor, VisitStatus
from kiosk.services.visits import BADGE_VOIDED
from tests.helpers import sign_in


def _visit(services, visit_id):
    with services.deps.uow.readonly() as uow:
        return uow.visits.get(visit_id)


def test_a_reprint_has_a_new_token_and_the_old_badge_is_refused(services, printer, staff):
    result = sign_in(services)
    old = result.visit.badge_token
    assert services.sign_in.reprint(staff["receptionist"], result.visit.id) == (True, "")
    new = _visit(services, result.visit.id).badge_token
    assert new != old
    assert printer.printed[-1].visit_token == new  # the badge that came out carries the new token
    with pytest.raises(NotFound, match="not recognised"):
        services.sign_in.sign_out_by_token(old, services.place)
    assert _visit(services, result.visit.id).status is VisitStatus.ON_SITE
    services.sign_in.sign_out_by_token(new, services.place)
    assert _visit(services, result.visit.id).status is VisitStatus.SIGNED_OUT


def test_a_lost_badge_is_voided_and_the_visitor_stays_on_site(services, printer, staff):
    result = sign_in(services)
    old = result.visit.badge_token
    printed_before = len(printer.printed)
    services.sign_in.void_badge(staff["receptionist"], result.visit.id)
    visit = _visit(services, result.visit.id)
    assert visit.status is VisitStatus.ON_SITE
    assert not visit.badge_printed and visit.badge_error == BADGE_VOIDED
    assert len(printer.printed) == printed_before  # voiding prints nothing
    with pytest.raises(NotFound):
        services.sign_in.sign_out_by_token(old, services.place)
    # Reception prints a new one; it works, the flag goes.
    assert services.sign_in.reprint(staff["receptionist"], result.visit.id) == (True, "")
    visit = _visit(services, result.visit.id)
    assert visit.badge_printed and visit.badge_error == ""
    services.sign_in.sign_out_by_token(visit.badge_token, services.place)


def test_reprint_and_void_are_audited_with_ids(services, staff):
    result = sign_in(services)
    services.sign_in.void_badge(staff["receptionist"], result.visit.id)
    services.sign_in.reprint(staff["receptionist"], result.visit.id)
    log = services.staff.audit_log(staff["head"])
    rows = [(e.action, e.entity, e.entity_ids, e.actor) for e in log if e.action.startswith("badge ")]
    who = f"staff:{staff['receptionist'].staff_id}"
    assert ("badge voided", "visit", (result.visit.id,), who) in rows
    assert ("badge reprinted", "visit", (result.visit.id,), who) in rows


def test_the_kiosk_may_not_void_or_reprint(services):
    result = sign_in(services)
    kiosk = Actor.kiosk("Front door")
    with pytest.raises(PermissionDenied):
        services.sign_in.void_badge(kiosk, result.visit.id)
    with pytest.raises(PermissionDenied):
        services.sign_in.reprint(kiosk, result.visit.id)
    assert _visit(services, result.visit.id).badge_token == result.visit.badge_token


def test_only_an_on_site_visitors_badge_can_be_voided(services, staff):
    result = sign_in(services)
    services.sign_in.sign_out(staff["receptionist"], result.visit.id)
    with pytest.raises(Conflict, match="on site"):
        services.sign_in.void_badge(staff["receptionist"], result.visit.id)
