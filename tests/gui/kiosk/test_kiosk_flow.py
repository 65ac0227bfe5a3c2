"""The journey's rules without any widgets: the flow object alone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.domain.model import Person, PersonType, PolicyVersion
from kiosk.services.visits import ScreenResult, VisitDetails
from kiosk.ui.kiosk.flow import ProofAttempts, SignInFlow, Step, detail_fields, mask


def _policy(reminder: str = "Be kind.") -> PolicyVersion:
    from datetime import UTC, datetime

    return PolicyVersion(
        7, "Code", "# Code", "x" * 64, datetime.now(UTC), "admin", collector_reminder=reminder
    )


def _clear(person_type=PersonType.VISITOR, needs_ack=True, person_id=None) -> ScreenResult:
    return ScreenResult(
        held=False,
        first_name="Priya",
        last_name="Shah",
        person_type=person_type,
        person_id=person_id,
        needs_acknowledgement=needs_ack,
    )


def test_collecting_a_child_skips_the_type_choice():
    flow = SignInFlow()
    assert flow.begin_sign_in(PersonType.COLLECTOR) is Step.NAME
    assert flow.person_type is PersonType.COLLECTOR


def test_both_names_are_required():
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.choose_type(PersonType.VISITOR)
    assert SignInFlow.missing_names(" ", "Shah") == ["first_name"]
    with pytest.raises(ValueError):
        flow.give_name("Priya", "")
    request = flow.give_name(" Priya ", "Shah", "123")
    assert (request.first_name, request.last_name, request.phone_digits) == ("Priya", "Shah", "123")


def test_a_held_visitor_goes_through_the_same_steps_and_ends_on_the_waiting_screen():
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.choose_type(PersonType.PARENT)
    flow.give_name("Bill", "Hargreaves")
    assert flow.screened_as(ScreenResult(held=True, visit_id=9)) is Step.DETAILS
    assert flow.held and flow.needs_full_policy
    assert flow.give_details(VisitDetails(host="Mrs Patel")) is Step.POLICY
    assert flow.finish_held() is Step.HOLD
    assert (flow.first_name, flow.details, flow.screened) == ("", None, None)


def test_a_proven_held_visitor_sees_what_any_returning_visitor_sees():
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.give_name("Bill", "Hargreaves", "456")
    flow.proof_checked(Person(3, "Bill", "Hargreaves", PersonType.PARENT), True)
    record = VisitDetails(host="Mr Hughes", phone="07700 900456")
    assert flow.screened_as(ScreenResult(held=True, visit_id=9), (record, False)) is Step.DETAILS
    assert flow.returning and not flow.needs_full_policy
    assert flow.prefilled_details().host == "Mr Hughes" and flow.prefilled_details().phone == ""
    assert flow.masked_details() == {"phone": "••••• •••456"}


def test_a_proven_visitor_confirms_their_recorded_details():
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.choose_type(PersonType.CONTRACTOR)
    flow.give_name("Tom", "Baker", "789")
    person = Person(
        4,
        "Tom",
        "Baker",
        PersonType.CONTRACTOR,
        organisation="Baker Electrical",
        car_registration="AB12 CDE",
        phone="07700 900789",
    )
    flow.proof_checked(person, True)
    flow.screened_as(_clear(PersonType.CONTRACTOR, needs_ack=False, person_id=4))
    assert flow.returning
    assert flow.prefilled_details().organisation == "Baker Electrical"
    assert flow.give_details(flow.prefilled_details()) is Step.DONE  # agreed before: straight to the badge


def test_wrong_digits_can_be_tried_three_times_per_name_in_ten_minutes():
    from datetime import UTC, datetime, timedelta

    now = [datetime(2026, 3, 3, 9, 0, tzinfo=UTC)]
    attempts = ProofAttempts(lambda: now[0])
    flow = SignInFlow(attempts)
    flow.begin_sign_in()
    request = flow.give_name("Tom", "Baker", "000")
    assert request.phone_digits == "000" and request.screened is None
    flow.proof_checked(None, True)
    assert flow.screened_as(_clear()) is Step.NAME and flow.tries_left == 2
    again = flow.give_name("tom ", "BAKER", "001")
    assert again.screened is not None, "a retry proves only: the name is not screened twice"
    flow.proof_checked(None, True)
    assert flow.screened_as(_clear()) is Step.NAME and flow.tries_left == 1
    flow.give_name("Tom", "Baker", "002")
    flow.proof_checked(None, True)
    assert flow.screened_as(_clear()) is Step.DETAILS, "the third wrong try carries on as a new visitor"
    assert flow.proof_failed and not flow.returning
    assert flow.prefilled_details() == VisitDetails()

    # A new journey with the same name within 10 minutes gets no fresh tries...
    flow.begin_sign_in()
    assert flow.give_name("Tom", "Baker", "789").phone_digits == ""
    assert flow.proof_failed
    # ...another name does, and after 10 minutes so does this one.
    flow.begin_sign_in()
    assert flow.give_name("Priya", "Shah", "123").phone_digits == "123"
    now[0] += timedelta(minutes=10, seconds=1)
    flow.begin_sign_in()
    assert flow.give_name("Tom", "Baker", "789").phone_digits == "789"


def test_stored_details_are_shown_back_masked_and_kept_when_left_empty():
    assert mask("07700 900123") == "••••• •••123"
    assert mask("AB12 CDE") == "•••• CDE"
    assert mask("") == ""
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.give_name("Tom", "Baker", "123")
    flow.proof_checked(Person(4, "Tom", "Baker", PersonType.CONTRACTOR), True)
    stored = VisitDetails(organisation="Baker Electrical", phone="07700 900123", car_registration="AB12 CDE")
    flow.screened_as(replace(_clear(PersonType.CONTRACTOR, person_id=4), previous=stored))
    shown = flow.prefilled_details()
    assert (shown.organisation, shown.phone, shown.car_registration) == ("Baker Electrical", "", "")
    flow.give_details(shown)
    assert flow.details.phone == "07700 900123" and flow.details.car_registration == "AB12 CDE"


def test_a_proven_person_already_on_site_is_asked_instead_of_signed_in_twice():
    from datetime import UTC, datetime

    flow = SignInFlow()
    request = flow.pass_scanned(Person(8, "Priya", "Shah", PersonType.VISITOR))
    flow.already_in((31, "Priya S.", datetime(2026, 3, 3, 9, 12, tzinfo=UTC)))
    assert flow.screened_as(_clear(person_id=request.person_id)) is Step.ALREADY_IN


def test_collectors_always_see_the_reminder_but_agree_to_the_policy_only_when_needed():
    flow = SignInFlow()
    flow.begin_sign_in(PersonType.COLLECTOR)
    flow.give_name("Grace", "Okafor")
    flow.screened_as(_clear(PersonType.COLLECTOR, needs_ack=False, person_id=5))
    assert flow.give_details(VisitDetails(child_name="Ada", relationship="Aunt")) is Step.POLICY
    assert flow.policy_loaded(_policy()) is Step.POLICY
    flow.agree()
    assert flow.acknowledged_policy_id() is None  # the reminder is not a new acknowledgement


def test_a_new_visitor_agrees_to_the_current_version():
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.give_name("Priya", "Shah")
    flow.screened_as(_clear())
    assert flow.give_details(VisitDetails(host="Mrs Patel")) is Step.POLICY
    flow.policy_loaded(_policy())
    assert flow.acknowledged_policy_id() is None  # not agreed yet
    flow.agree(b"png")
    assert flow.acknowledged_policy_id() == 7 and flow.signature_png == b"png"


def test_declining_forgets_everything():
    flow = SignInFlow()
    flow.begin_sign_in()
    flow.give_name("Priya", "Shah")
    flow.screened_as(_clear())
    flow.give_details(VisitDetails(host="Mrs Patel"))
    assert flow.decline() is Step.DECLINED
    assert (flow.first_name, flow.details, flow.screened) == ("", None, None)


def test_a_visitor_pass_counts_only_before_screening():
    flow = SignInFlow()
    assert flow.accepts_pass()
    request = flow.pass_scanned(Person(8, "Priya", "Shah", PersonType.VOLUNTEER))
    assert request.person_id == 8 and request.person_type is PersonType.VOLUNTEER
    flow.screened_as(_clear(PersonType.VOLUNTEER, person_id=8))
    assert not flow.accepts_pass()


def test_every_type_has_detail_fields_and_collectors_must_name_the_child():
    for person_type in PersonType:
        assert detail_fields(person_type)
    required = {name for name, req in detail_fields(PersonType.COLLECTOR) if req}
    assert required == {"child_name", "relationship"}
