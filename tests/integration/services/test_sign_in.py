"""Sign-in, screening, acknowledgement, badges, sign-out and end of day, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from kiosk.domain.errors import Conflict, InvalidInput, NotFound
from kiosk.domain.model import BanStatus, PersonType, ScreeningOutcome, VisitStatus
from kiosk.services.visits import VisitDetails
from tests.helpers import add_ban, reception_actor, sign_in


def test_a_badge_printed_later_is_pending_until_printed_and_then_recorded(services, printer):
    """The kiosk records the visit, shows Done, then prints: the badge is "pending" in between."""
    screened = services.sign_in.screen("Priya", "Shah", PersonType.VISITOR, services.place)
    policy = services.sign_in.current_policy()
    result = services.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel"),
        services.place,
        acknowledged_policy_id=policy.id,
        print_later=True,
    )
    assert result.visit.badge_state == "pending" and not result.badge_printed
    assert printer.printed == []
    assert services.sign_in.print_badge(result.visit.id) == (True, "")
    assert [b.visit_token for b in printer.printed] == [result.visit.badge_token]
    with services.deps.uow.readonly() as uow:
        visit = uow.visits.get(result.visit.id)
    assert visit.badge_printed and visit.badge_state == "printed"


def test_first_visit_records_visit_acknowledgement_and_prints_badge(services, printer):
    result = sign_in(
        services, details=VisitDetails(organisation="LA", host="Mrs Patel", phone="07700 900123")
    )
    assert result.badge_printed
    assert printer.printed[0].visitor_name == "Priya Shah"
    assert printer.printed[0].visit_token == result.visit.badge_token
    policy = services.policy.current()
    with services.deps.uow.readonly() as uow:
        visit = uow.visits.get(result.visit.id)
        ack = uow.policies.acknowledgement(result.person.id, policy.id)
    assert visit.status is VisitStatus.ON_SITE and visit.badge_printed
    assert visit.policy_version_id == policy.id
    assert ack.policy_sha256 == policy.sha256


def test_acknowledgement_is_required_before_first_sign_in(services):
    screened = services.sign_in.screen("Priya", "Shah", PersonType.VISITOR, services.place)
    assert screened.needs_acknowledgement
    with pytest.raises(InvalidInput, match="Code of Conduct"):
        services.sign_in.complete(screened, VisitDetails(), services.place)
    with services.deps.uow.readonly() as uow:
        assert uow.visits.with_status(list(VisitStatus)) == []


def test_returning_visitor_proves_identity_and_skips_policy(services, staff):
    first = sign_in(services, details=VisitDetails(phone="07700 900123"))
    services.sign_in.sign_out(staff["receptionist"], first.visit.id)
    assert services.sign_in.identify_by_phone("Priya", "Shah", "999") is None
    person = services.sign_in.identify_by_phone("priya", "SHAH", "123")
    assert person.id == first.person.id
    assert services.sign_in.identify_by_pass(first.person.pass_token).id == first.person.id
    screened = services.sign_in.screen(
        "Priya", "Shah", PersonType.VISITOR, services.place, person_id=person.id
    )
    assert not screened.needs_acknowledgement
    again = services.sign_in.complete(screened, VisitDetails(), services.place)
    assert again.person.id == first.person.id
    assert again.person.phone == "07700 900123"  # kept, not retyped


def test_new_policy_version_asks_again(services, staff):
    first = sign_in(services)
    services.policy.publish(staff["administrator"], "Code of Conduct", "# New\n\nBe kind.", "Be kind.")
    screened = services.sign_in.screen(
        "Priya", "Shah", PersonType.VISITOR, services.place, person_id=first.person.id
    )
    assert screened.needs_acknowledgement


def test_collector_must_name_child_and_relationship(services):
    screened = services.sign_in.screen("Grace", "Okafor", PersonType.COLLECTOR, services.place)
    policy = services.policy.current()
    with pytest.raises(InvalidInput, match="child"):
        services.sign_in.complete(screened, VisitDetails(), services.place, acknowledged_policy_id=policy.id)
    result = services.sign_in.complete(
        screened,
        VisitDetails(child_name="Ada Okafor", child_class="Year 2", relationship="Aunt"),
        services.place,
        acknowledged_policy_id=policy.id,
    )
    assert result.visit.child_name == "Ada Okafor"


def test_banned_name_is_held_with_alert_and_no_badge(services, staff, printer):
    ban = add_ban(services, staff["head"])
    result = services.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, services.place)
    assert result.held and result.visit_id
    assert printer.printed == []
    with services.deps.uow.readonly() as uow:
        visit = uow.visits.get(result.visit_id)
        alerts = uow.alerts.for_visit(result.visit_id)
    assert visit.status is VisitStatus.HELD and visit.screening is ScreeningOutcome.ALERT
    assert [a.ban_id for a in alerts] == [ban.id]
    assert any("Bill" in r for r in alerts[0].reasons)
    with pytest.raises(Conflict):
        services.sign_in.complete(result, VisitDetails(), services.place)


@pytest.mark.parametrize("name", ["", "   ", "12345", "x" * 101, "Bad\x00Name"])
def test_bad_names_are_refused_with_a_message(services, name):
    with pytest.raises(InvalidInput):
        services.sign_in.screen(name, "Shah", PersonType.VISITOR, services.place)


def test_printer_failure_keeps_the_sign_in_and_flags_it(services, printer):
    printer.fail_with = "The badge printer 'Front' is not available."
    result = sign_in(services)
    assert not result.badge_printed and "not available" in result.badge_message
    with services.deps.uow.readonly() as uow:
        visit = uow.visits.get(result.visit.id)
    assert visit.status is VisitStatus.ON_SITE
    assert not visit.badge_printed and "not available" in visit.badge_error


def test_reprint_after_failure_clears_flag(services, printer, staff):
    printer.fail_with = "offline"
    result = sign_in(services)
    printer.fail_with = None
    assert services.sign_in.reprint(staff["receptionist"], result.visit.id) == (True, "")
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(result.visit.id).badge_printed


def test_sign_out_by_token_and_list_shows_only_initials(services):
    a = sign_in(services)
    sign_in(services, "Tom", "Baker")
    choices = services.sign_in.sign_out_choices(services.place.site_id)
    assert [c[1] for c in choices] == ["Priya S.", "Tom B."]
    services.sign_in.sign_out_by_token(a.visit.badge_token, services.place)
    assert [c[1] for c in services.sign_in.sign_out_choices(services.place.site_id)] == ["Tom B."]
    with pytest.raises(Conflict):
        services.sign_in.sign_out_by_token(a.visit.badge_token, services.place)
    with pytest.raises(NotFound):
        services.sign_in.sign_out_by_token("not-a-token", services.place)


def test_end_of_day_closes_open_visits_as_not_signed_out(services, staff):
    a = sign_in(services)
    zone = services.settings.zone
    later = datetime.combine(services.deps.clock.today() + timedelta(days=1), time(1, 0), tzinfo=zone)
    closed = services.sign_in.end_of_day(staff["system"], time(18, 0), now=later.astimezone(UTC))
    assert closed == [a.visit.id]
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(a.visit.id).status is VisitStatus.CLOSED


def _at(services, day, hh, mm=0):
    return datetime.combine(day, time(hh, mm), tzinfo=services.settings.zone)


def _on_site_ids(services):
    return [v.id for v, _ in services.sign_in.on_site(reception_actor())]


def test_evening_visit_stays_until_the_night_cut_off_then_closes(services, staff, clock):
    day = clock.today()
    clock.set(_at(services, day, 19, 0))  # a parents' evening
    evening = sign_in(services, "Grace", "Okafor")
    run = lambda: services.sign_in.end_of_day(staff["system"], time(18, 0))  # noqa: E731

    clock.set(_at(services, day, 19, 40))
    assert run() == [] and _on_site_ids(services) == [evening.visit.id]
    clock.set(_at(services, day + timedelta(days=1), 0, 30))
    after_midnight = sign_in(services, "Tom", "Baker")  # the caretaker's late call-out
    clock.set(_at(services, day + timedelta(days=1), 2, 59))
    assert run() == [] and _on_site_ids(services) == [evening.visit.id, after_midnight.visit.id]

    clock.set(_at(services, day + timedelta(days=1), 3, 0))
    assert run() == [evening.visit.id]
    assert _on_site_ids(services) == [after_midnight.visit.id]
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(evening.visit.id).status is VisitStatus.CLOSED


def test_next_morning_never_lists_last_nights_visitors_even_before_the_close_runs(services, staff, clock):
    day = clock.today()
    clock.set(_at(services, day, 21, 15))
    sign_in(services, "Grace", "Okafor")
    clock.set(_at(services, day + timedelta(days=1), 7, 55))  # nothing ran overnight
    assert _on_site_ids(services) == []
    assert services.reports.fire_roll(staff["receptionist"]).roll.lines == ()
    # The first program to start catches the close up.
    assert len(services.sign_in.end_of_day(staff["system"], time(18, 0))) == 1


def test_night_cut_off_is_a_setting(services, staff, clock):
    services.sign_in.night_cutoff = time(5, 0)
    day = clock.today()
    clock.set(_at(services, day, 20, 0))
    evening = sign_in(services, "Grace", "Okafor")
    clock.set(_at(services, day + timedelta(days=1), 4, 0))
    assert services.sign_in.end_of_day(staff["system"], time(18, 0)) == []
    clock.set(_at(services, day + timedelta(days=1), 5, 1))
    assert services.sign_in.end_of_day(staff["system"], time(18, 0)) == [evening.visit.id]


def test_expired_ban_stops_screening(services, staff):
    today = services.deps.clock.today()
    ban = add_ban(services, staff["head"], start=today - timedelta(days=30), end=today - timedelta(days=1))
    assert ban.status is BanStatus.EXPIRED
    assert not services.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, services.place).held


def test_sign_in_is_audited_with_ids_not_names(services, staff):
    sign_in(services)
    log = services.staff.audit_log(staff["head"])
    rows = [e for e in log if e.action == "signed in" and e.entity == "visit"]
    assert rows and rows[0].source == "kiosk"
    assert all("Priya" not in (e.detail + e.actor) for e in log)


def test_proven_returning_visitor_gets_last_visit_details_to_confirm(services, staff):
    first = sign_in(
        services,
        "Grace",
        "Okafor",
        PersonType.COLLECTOR,
        details=VisitDetails(
            child_name="Ada Okafor", child_class="Year 2", relationship="Aunt", phone="07700 900456"
        ),
    )
    services.sign_in.sign_out(staff["receptionist"], first.visit.id)
    unproven = services.sign_in.screen("Grace", "Okafor", PersonType.COLLECTOR, services.place)
    assert unproven.previous is None  # nothing about earlier visits before proof
    person = services.sign_in.identify_by_phone("Grace", "Okafor", "456")
    again = services.sign_in.screen(
        "Grace", "Okafor", PersonType.COLLECTOR, services.place, person_id=person.id
    )
    assert again.previous.child_name == "Ada Okafor" and again.previous.relationship == "Aunt"
