"""Whole sign-in journeys, driven as a visitor would: taps on the real buttons, typing into the fields."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.domain.model import Actor, PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from kiosk.ui.kiosk.flow import Step
from tests.helpers import reception_actor

FORBIDDEN_ON_HOLD = ("ban", "match", "alert", "barred")


def _person(services, first, last):
    with services.deps.uow.readonly() as uow:
        people = uow.people.by_exact_name(first, last)
    return people[0] if people else None


def _acknowledged(services, person_id, policy_id):
    with services.deps.uow.readonly() as uow:
        return uow.policies.acknowledgement(person_id, policy_id)


def _visits_of(services, person_id):
    with services.deps.uow.readonly() as uow:
        return uow.visits.for_person(person_id)


def _steps_seen(window) -> list[Step]:
    seen: list[Step] = []
    window.stack.currentChanged.connect(lambda _i: seen.append(window.current_step))
    return seen


def _sign_in_by_service(services, first="Priya", last="Shah", phone="07700 900123", leave=True):
    """An earlier visit (signed out again unless ``leave`` is False)."""
    screened = services.sign_in.screen(first, last, PersonType.VISITOR, services.place)
    policy = services.sign_in.current_policy()
    result = services.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel", phone=phone, organisation="Local Authority"),
        services.place,
        acknowledged_policy_id=policy.id,
    )
    if leave:
        services.sign_in.sign_out(Actor.kiosk("test"), result.visit.id)
    return result


def test_first_visit_reads_and_agrees_to_the_code_and_gets_a_badge(visitor, sqlite_services, printer):
    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah")
    visitor.sees(Step.DETAILS)
    assert "Thank you, Priya" in w.details_page.title.text()
    assert "Welcome back" not in visitor.screen_text()
    visitor.give_details(host="Mrs Patel", organisation="Local Authority", car_registration="ab12 cde")
    visitor.sees(Step.POLICY)
    page = w.policy_page
    assert "Behaviour that will not be tolerated" in page.text.toPlainText()
    assert not page.agree_button.isEnabled(), "agree must wait until the policy is read to the end"
    visitor.read_policy_to_end()
    bar = page.text.verticalScrollBar()
    assert bar.value() >= bar.maximum() - 4
    visitor.tap(page.agree_button)
    visitor.sees(Step.DONE)
    assert "Thank you, Priya. You're signed in." in visitor.screen_text()
    assert "Your badge is printing" in visitor.screen_text()
    # The badge prints once the Done page is up.
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == 1)
    assert [b.visitor_name for b in printer.printed] == ["Priya Shah"]
    person = _person(sqlite_services, "Priya", "Shah")
    policy = sqlite_services.sign_in.current_policy()
    assert _acknowledged(sqlite_services, person.id, policy.id) is not None
    (visit,) = _visits_of(sqlite_services, person.id)
    assert visit.status is VisitStatus.ON_SITE and visit.host == "Mrs Patel"
    assert visit.car_registration == "AB12 CDE"

    visitor.tap(w.done_page.button)
    visitor.sees(Step.WELCOME)
    assert w.name_page.first_name.text() == "", "the last visitor's name must not stay in the kiosk"


def test_returning_visitor_proves_with_phone_digits_and_skips_the_code(visitor, sqlite_services, printer):
    _sign_in_by_service(sqlite_services)
    w = visitor.window
    seen = _steps_seen(w)
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah", phone_digits="123")
    visitor.sees(Step.DETAILS)
    assert "Welcome back, Priya" in w.details_page.title.text()
    assert w.details_page.fields["organisation"].text() == "Local Authority"
    # The stored number is never shown back in full: the box is empty and shows only its end.
    assert w.details_page.fields["phone"].text() == ""
    assert w.details_page.fields["phone"].placeholderText() == "••••• •••123"
    assert "900123" not in visitor.screen_text()
    visitor.give_details(host="Mr Hughes")
    visitor.sees(Step.DONE)
    assert Step.POLICY not in seen
    person = _person(sqlite_services, "Priya", "Shah")
    visits = _visits_of(sqlite_services, person.id)
    assert len(visits) == 2 and {v.host for v in visits} == {"Mrs Patel", "Mr Hughes"}
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == 2)
    assert person.phone == "07700 900123", "an empty masked box keeps the stored number"


def test_wrong_phone_digits_can_be_tried_three_times_then_carry_on_as_new(visitor, sqlite_services):
    _sign_in_by_service(sqlite_services)
    w = visitor.window
    page = w.name_page
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah", phone_digits="999")
    # The first screening of a fresh kiosk builds its index: allow for a busy machine.
    visitor.qtbot.waitUntil(lambda: "2 more tries" in page.error.text(), timeout=30_000)
    assert w.current_step is Step.NAME and page.digits.text() == ""
    assert page.keys.currentIndex() == 1, "the number pad stays up for the next try"
    for digit in "998":
        visitor.tap(page.number_pad.findChild(QPushButton, f"key-{digit}"))
    visitor.tap(page.next_button)
    visitor.qtbot.waitUntil(lambda: "1 more try" in page.error.text(), timeout=30_000)
    page.digits.setText("997")
    visitor.tap(page.next_button)
    visitor.sees(Step.DETAILS, timeout=30_000)  # as the tries before it: a busy machine (once 20 s in CI)
    text = visitor.screen_text()
    assert "Local Authority" not in text and "07700" not in text.replace("e.g. 07700 900123", "")
    assert "couldn't find your earlier visit" in text
    visitor.give_details(host="Mrs Patel")
    visitor.sees(Step.POLICY)  # not proven: a new person, who must agree
    alerts = sqlite_services.sign_in.held(reception_actor(), sqlite_services.place.site_id)
    assert alerts == []


def test_an_unknown_name_gets_the_same_answer_as_wrong_digits(visitor):
    page = visitor.window.name_page
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Nobody", "Known", phone_digits="123")
    visitor.qtbot.waitUntil(lambda: "2 more tries" in page.error.text(), timeout=30_000)
    assert page.error.text() == "Those digits don't match. Please try again (2 more tries)."


def test_a_new_policy_version_must_be_agreed_again(visitor, sqlite_services, staff_actors):
    _sign_in_by_service(sqlite_services)
    old = sqlite_services.sign_in.current_policy()
    new = sqlite_services.policy.publish(
        staff_actors["administrator"],
        old.title,
        old.text + "\n\n## 4.0 Parking\n\nPlease do not park on the zig-zags.\n",
        old.collector_reminder,
    )
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah", phone_digits="123")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel")
    visitor.sees(Step.POLICY)
    assert "Please do not park on the zig-zags." in visitor.window.policy_page.text.toPlainText()
    visitor.read_policy_to_end()
    visitor.tap(visitor.window.policy_page.agree_button)
    visitor.sees(Step.DONE)
    person = _person(sqlite_services, "Priya", "Shah")
    assert _acknowledged(sqlite_services, person.id, new.id) is not None


def test_a_collector_sees_the_reminder_and_the_child_is_recorded(visitor, sqlite_services, printer):
    w = visitor.window
    visitor.start_sign_in(PersonType.COLLECTOR)
    assert "Collecting a child" in w.name_page.type_button.text()
    visitor.give_name("Grace", "Okafor")
    visitor.sees(Step.DETAILS)
    visitor.tap(w.details_page.next_button)  # nothing typed: the required boxes turn red
    assert "boxes marked in red" in w.details_page.error.text()
    assert w.current_step is Step.DETAILS
    visitor.give_details(child_name="Ada Okafor", child_class="Year 2", relationship="Aunt")
    visitor.sees(Step.POLICY)
    assert w.policy_page.reminder.isVisible()
    assert "Never approach or speak to another child" in w.policy_page.reminder_text.text()
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.DONE)
    assert "your child will be brought to you" in visitor.screen_text()
    ((visit, _person_record),) = sqlite_services.sign_in.on_site(
        reception_actor(), sqlite_services.place.site_id
    )
    assert (visit.child_name, visit.child_class, visit.relationship) == ("Ada Okafor", "Year 2", "Aunt")
    assert visit.person_type is PersonType.COLLECTOR
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == 1)
    assert printer.printed[0].host == "Collecting Ada Okafor (Year 2)"


def test_a_returning_collector_sees_only_the_reminder(visitor, sqlite_services):
    screened = sqlite_services.sign_in.screen("Grace", "Okafor", PersonType.COLLECTOR, sqlite_services.place)
    policy = sqlite_services.sign_in.current_policy()
    earlier = sqlite_services.sign_in.complete(
        screened,
        VisitDetails(child_name="Ada", relationship="Aunt", phone="07700 900456"),
        sqlite_services.place,
        acknowledged_policy_id=policy.id,
    )
    sqlite_services.sign_in.sign_out(Actor.kiosk("test"), earlier.visit.id)
    w = visitor.window
    visitor.start_sign_in(PersonType.COLLECTOR)
    visitor.give_name("Grace", "Okafor", phone_digits="456")
    visitor.sees(Step.DETAILS)
    visitor.give_details(child_name="Ada Okafor", relationship="Aunt")
    visitor.sees(Step.POLICY)
    page = w.policy_page
    assert page.reminder.isVisible() and not page.text.isVisible()
    assert page.agree_button.isEnabled() and "I understand" in page.agree_button.text()
    visitor.tap(page.agree_button)
    visitor.sees(Step.DONE)


def test_a_banned_name_goes_through_the_same_steps_and_ends_on_the_neutral_screen(
    visitor, sqlite_services, banned, printer, staff_actors
):
    """The door gives nothing away: reception is alerted at the name, the visitor sees what anyone sees."""
    w = visitor.window
    w.controller.auto_return_ms[Step.HOLD] = 300
    seen = _steps_seen(w)
    visitor.start_sign_in(PersonType.PARENT)
    visitor.give_name("Bill", "Hargreaves")
    visitor.sees(Step.DETAILS)
    # The details page shows at once while the name is screened; reception has the alert moments
    # later, while the visitor is still on the details page.
    visitor.qtbot.waitUntil(lambda: bool(sqlite_services.alerts.open_alerts(staff_actors["receptionist"])))
    assert w.current_step is Step.DETAILS
    held = sqlite_services.sign_in.held(reception_actor(), sqlite_services.place.site_id)
    assert len(held) == 1 and held[0].name_as_typed == "Bill Hargreaves"
    assert "Thank you, Bill. A few details, please." in w.details_page.title.text()
    visitor.give_details(host="Mrs Patel")
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.HOLD)
    text = visitor.screen_text()
    assert "Please take a seat; someone from reception will be with you shortly." in text
    lowered = text.lower()
    for word in FORBIDDEN_ON_HOLD:
        assert word not in lowered, f"the hold screen must not say {word!r}"
    assert "Bill" not in text and "Hargreaves" not in text
    assert printer.printed == []
    visitor.qtbot.waitUntil(
        lambda: bool(sqlite_services.sign_in.held(reception_actor(), sqlite_services.place.site_id)[0].host)
    )
    (held,) = sqlite_services.sign_in.held(reception_actor(), sqlite_services.place.site_id)
    assert held.host == "Mrs Patel", "reception sees who the held visitor came to see"
    assert sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id) == []
    visitor.sees(Step.WELCOME)  # back by itself after the hold time
    assert Step.DONE not in seen


def test_declining_the_code_leaves_the_hold_in_place(visitor, sqlite_services, banned, printer):
    w = visitor.window
    visitor.start_sign_in(PersonType.PARENT)
    visitor.give_name("Bill", "Hargreaves")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel")
    visitor.sees(Step.POLICY)
    visitor.tap(w.policy_page.decline_button)
    visitor.sees(Step.DECLINED)
    assert "You have not been signed in" in visitor.screen_text()
    (held,) = sqlite_services.sign_in.held(reception_actor(), sqlite_services.place.site_id)
    assert held.status is VisitStatus.HELD and held.name_as_typed == "Bill Hargreaves"
    assert printer.printed == []


def test_refusing_the_code_records_nothing(visitor, sqlite_services, printer):
    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Dora", "Winters")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel", phone="07700 900999")
    visitor.sees(Step.POLICY)
    visitor.tap(w.policy_page.decline_button)
    visitor.sees(Step.DECLINED)
    assert "You have not been signed in" in visitor.screen_text()
    assert _person(sqlite_services, "Dora", "Winters") is None
    assert sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id) == []
    assert printer.printed == []
    visitor.tap(w.declined_page.button)
    visitor.sees(Step.WELCOME)


def test_a_badge_that_does_not_print_still_signs_in(visitor, sqlite_services, printer):
    printer.fail_with = "The badge printer is out of labels."
    visitor.start_sign_in(PersonType.VOLUNTEER)
    visitor.give_name("Daniel", "Evans")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mr Hughes")
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()
    visitor.tap(visitor.window.policy_page.agree_button)
    visitor.sees(Step.DONE)
    # The Done page shows as soon as the visit is recorded; the badge prints after, and its failure shows.
    visitor.qtbot.waitUntil(lambda: "Your badge will be handed to you at reception." in visitor.screen_text())
    ((visit, _p),) = sqlite_services.sign_in.on_site(reception_actor(), sqlite_services.place.site_id)
    assert visit.status is VisitStatus.ON_SITE and not visit.badge_printed


def test_the_signature_is_stored_with_the_acknowledgement(make_kiosk, qtbot, sqlite_services):
    from PySide6.QtCore import QPoint, Qt

    from tests.gui.kiosk.conftest import Visitor

    sqlite_services.settings.kiosk.signature_pad = True
    visitor = Visitor(qtbot, make_kiosk())
    visitor.start_sign_in(PersonType.GOVERNOR)
    visitor.give_name("Ruth", "Adeyemi")
    visitor.sees(Step.DETAILS)
    visitor.give_details(purpose="Finance committee")
    visitor.sees(Step.POLICY)
    pad = visitor.window.policy_page.signature
    assert pad.isVisible()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 60))
    for x in range(30, 200, 10):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 60))
    visitor.read_policy_to_end()
    visitor.tap(visitor.window.policy_page.agree_button)
    visitor.sees(Step.DONE)
    person = _person(sqlite_services, "Ruth", "Adeyemi")
    ack = _acknowledged(sqlite_services, person.id, sqlite_services.sign_in.current_policy().id)
    assert ack.signature_png and ack.signature_png.startswith(b"\x89PNG")


def test_first_visit_shows_a_visitor_pass_that_proves_them_next_time(visitor, sqlite_services, qtbot):
    """The pass on the "signed in" page decodes to the person's pass token; scanned later, it proves them."""
    import zxingcpp
    from PIL import Image

    from tests.gui.kiosk.test_kiosk_sign_out import scan

    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel", organisation="Local Authority")
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.DONE)
    assert w.done_page.code.isVisible() and "visitor pass" in visitor.screen_text()
    shot = w.done_page.code.grab().toImage()
    buffer = shot.bits().tobytes()
    image = Image.frombuffer("RGBA", (shot.width(), shot.height()), buffer, "raw", "BGRA", 0, 1)
    (code,) = zxingcpp.read_barcodes(image)
    person = _person(sqlite_services, "Priya", "Shah")
    assert code.text == person.pass_token

    visitor.tap(w.done_page.button)
    visitor.sees(Step.WELCOME)
    assert not w.done_page.code.isVisible()
    # Still on site: scanning the pass offers "sign me out" or "I'm staying", never a second visit.
    scan(w, person.pass_token)
    visitor.sees(Step.ALREADY_IN)
    assert "Priya, you're already signed in." in visitor.screen_text()
    visitor.tap(w.already_in_page.no_button)
    visitor.sees(Step.DONE)
    assert "You're still signed in" in visitor.screen_text()
    assert len(_visits_of(sqlite_services, person.id)) == 1
    visitor.tap(w.done_page.button)
    visitor.sees(Step.WELCOME)
    scan(w, person.pass_token)
    visitor.sees(Step.ALREADY_IN)
    visitor.tap(w.already_in_page.yes_button)
    visitor.sees(Step.SIGNED_OUT)
    (visit,) = _visits_of(sqlite_services, person.id)
    assert visit.status is VisitStatus.SIGNED_OUT
    visitor.tap(w.signed_out_page.button)
    visitor.sees(Step.WELCOME)
    # Signed out, the pass signs them in again: check and go.
    scan(w, person.pass_token)
    visitor.sees(Step.DETAILS)
    assert "Welcome back, Priya" in w.details_page.title.text()
    assert w.details_page.fields["host"].text() == "Mrs Patel"


def test_the_details_page_shows_before_the_screening_answers_and_nothing_goes_on_without_it(
    visitor, sqlite_services, banned, printer, staff_actors
):
    """A new visitor types their details while their name is screened; quicker than the screening, they wait."""
    import threading

    from kiosk.ui.ops import run_op

    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    gate = threading.Event()
    # The worker is busy with something slow (as on a slow PC): the screening queues behind it.
    run_op(w, lambda: gate.wait(10))
    try:
        visitor.give_name("Bill", "Hargreaves")
        visitor.sees(Step.DETAILS)
        assert w.controller.flow.screened is None, "the details page came before the screening answered"
        visitor.give_details(host="Mrs Patel")
        visitor.qtbot.wait(200)
        assert w.current_step is Step.DETAILS, "no step after the details before the name is screened"
        assert not w.details_page.next_button.isEnabled()
        assert sqlite_services.alerts.open_alerts(staff_actors["receptionist"]) == []
    finally:
        gate.set()
    visitor.sees(Step.POLICY)
    assert w.controller.flow.screened is not None and w.controller.flow.screened.held
    assert sqlite_services.alerts.open_alerts(staff_actors["receptionist"])
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.HOLD)
    assert printer.printed == []
