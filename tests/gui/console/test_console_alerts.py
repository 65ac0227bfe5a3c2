"""Journeys through the alert panel: a kiosk holds a banned name, reception decides, the database records it."""

from __future__ import annotations

from kiosk.domain.model import AlertDecision, PersonType, VisitStatus
from kiosk.services.visits import VisitDetails


def hold_bill(app):
    """The kiosk screens a name close to the banned one: the visitor is held."""
    result = app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place)
    assert result.held
    return result.visit_id


def wait_for_alert(qtbot, window):
    page = window.shell.pages["alerts"]
    qtbot.waitUntil(lambda: page.alert_list.count() == 1 and page.current is not None, timeout=10_000)
    return page


def audit_actions(app, head) -> list[str]:
    return [e.action for e in app.staff.audit_log(head)]


def test_held_visitor_appears_beside_the_ban_record_with_a_sound(qtbot, app, banned, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "receptionist")

    visit_id = hold_bill(app)

    page = wait_for_alert(qtbot, window)
    assert window.shell.current_key() == "alerts"
    assert window.attention.sounds >= 1
    visitor = " ".join(page.detail.visitor_card.value_texts())
    ban = " ".join(page.detail.ban_card.value_texts())
    assert "Bill Hargreaves" in visitor and "Parent/carer" in visitor and "Front door" in visitor
    assert "William Hargreaves" in ban and "Billy Hargreaves" in ban and "Must not enter" in ban
    assert "Bill" in page.detail.reasons.text() and "Match" in page.detail.score.text()
    assert page.current.visit.id == visit_id
    assert window.shell.nav_buttons["alerts"].text() == "Alerts (1)"


def test_release_lets_the_visitor_in_prints_the_badge_and_is_audited(
    qtbot, app, head, banned, make_window, sign_in, printer
):
    window = make_window(app)
    sign_in(window, "receptionist")
    visit_id = hold_bill(app)
    page = wait_for_alert(qtbot, window)

    page.detail.note.setText("Checked photo ID: a different Bill")
    page.detail.release_button.click()
    # One click releases nobody: a confirmation names the ban and asks for a reason.
    dialog = page.decision_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Ban: William Hargreaves (match" in dialog.text.text() and "Must not enter" in dialog.text.text()
    assert not dialog.confirm_button.isEnabled()
    dialog.reason_edit.setPlainText("ok")
    assert not dialog.confirm_button.isEnabled()  # a reason is a few words
    dialog.cancel_button.click()
    qtbot.wait(200)
    with app.deps.uow.readonly() as uow:
        assert uow.visits.get(visit_id).status is VisitStatus.HELD

    top_before = page.stack.mapTo(window, page.stack.rect().topLeft())
    page.detail.release_button.click()
    dialog = page.decision_dialog
    dialog.reason_edit.setPlainText("Head knows him: a different Bill")
    dialog.confirm_button.click()

    qtbot.waitUntil(lambda: page.alert_list.count() == 0, timeout=10_000)
    with app.deps.uow.readonly() as uow:
        visit = uow.visits.get(visit_id)
        [alert] = uow.alerts.for_visit(visit_id)
    assert visit.status is VisitStatus.ON_SITE
    assert alert.decision is AlertDecision.RELEASE
    assert (
        alert.note
        == "Reason for release: Head knows him: a different Bill\nChecked photo ID: a different Bill"
    )
    # The message appeared in a place kept for it: nothing moved under the pointer.
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=5_000)
    assert page.stack.mapTo(window, page.stack.rect().topLeft()) == top_before
    assert [b.visitor_name for b in printer.printed] == ["Bill Hargreaves"]
    actions = audit_actions(app, head)
    assert "held visitor released" in actions and "alert viewed" in actions
    assert "was released" in page.message.text()


def test_refuse_closes_the_visit(qtbot, app, head, banned, make_window, sign_in, printer):
    window = make_window(app)
    sign_in(window, "head")
    visit_id = hold_bill(app)
    page = wait_for_alert(qtbot, window)

    page.detail.refuse_button.click()
    dialog = page.decision_dialog
    assert "Refuse entry to Bill Hargreaves?" in dialog.windowTitle()
    assert dialog.cancel_button.isDefault()  # Enter does not refuse by accident
    dialog.confirm_button.click()

    qtbot.waitUntil(lambda: "refused" in page.message.text(), timeout=10_000)
    with app.deps.uow.readonly() as uow:
        visit = uow.visits.get(visit_id)
        [alert] = uow.alerts.for_visit(visit_id)
    assert visit.status is VisitStatus.REFUSED and visit.signed_out_at is not None
    assert alert.decision is AlertDecision.REFUSE
    assert printer.printed == []
    assert "entry refused" in audit_actions(app, head)


def test_not_the_same_person_is_not_held_again_and_is_noted(qtbot, app, head, banned, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "safeguarding lead")
    visit_id = hold_bill(app)
    page = wait_for_alert(qtbot, window)

    page.detail.note.setText("Different date of birth")
    page.detail.not_same_button.click()
    dialog = page.decision_dialog
    assert not dialog.confirm_button.isEnabled()  # say what you checked first
    dialog.check_boxes[1].setChecked(True)  # photo ID
    dialog.check_boxes[2].setChecked(True)  # spoke to them
    dialog.confirm_button.click()

    qtbot.waitUntil(lambda: "Not the same person" in page.message.text(), timeout=10_000)
    with app.deps.uow.readonly() as uow:
        visit = uow.visits.get(visit_id)
        [dismissal] = uow.dismissals.for_person(visit.person_id)
    assert visit.status is VisitStatus.ON_SITE
    assert dismissal.ban_id == banned.id
    assert dismissal.note == "Checked: photo ID, spoke to them.\nDifferent date of birth"
    assert "match dismissed (not the same person)" in audit_actions(app, head)

    # Next time the same person (proved by their visitor pass) is not held, and reception sees the note.
    again = app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place, person_id=visit.person_id)
    assert not again.held and again.dismissed
    policy = app.sign_in.current_policy()
    app.sign_in.complete(again, VisitDetails(host="Year 2"), app.place, acknowledged_policy_id=policy.id)
    window.shell.show_page("on-site")
    on_site = window.shell.pages["on-site"]
    qtbot.waitUntil(lambda: any("Match dismissed on" in r.note for r in on_site.rows), timeout=10_000)
    note = next(r.note for r in on_site.rows if r.note)
    assert "by Sam Safeguarding" in note and "Different date of birth" in note


def test_receptionist_needs_a_leads_pin_to_dismiss(qtbot, app, head, banned, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "receptionist")
    visit_id = hold_bill(app)
    page = wait_for_alert(qtbot, window)
    assert page.detail.hint.isVisible()

    page.detail.not_same_button.click()
    qtbot.waitUntil(lambda: page.decision_dialog is not None and page.decision_dialog.isVisible())
    dialog = page.decision_dialog
    name, pin = dialog.required_fields
    assert name.text() == ""  # nothing preselected, and no list of staff before typing
    assert not name.completer().popup().isVisible()
    dialog.check_boxes[0].setChecked(True)  # visitor pass

    # The receptionist's own PIN is not enough.
    name.setText("Rachel Reception")
    pin.setText("2468")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.error_line.isVisible(), timeout=10_000)
    assert "safeguarding lead or the head" in dialog.error_line.text()
    # A wrong PIN for the lead is refused too.
    name.setText("Sam Safeguarding")
    pin.setText("9999")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "do not match" in dialog.error_line.text(), timeout=10_000)
    with app.deps.uow.readonly() as uow:
        assert uow.dismissals.list() == []
        assert uow.visits.get(visit_id).status is VisitStatus.HELD

    pin.setText("1357")
    dialog.confirm_button.click()

    qtbot.waitUntil(lambda: page.decision_dialog is None, timeout=10_000)
    with app.deps.uow.readonly() as uow:
        [dismissal] = uow.dismissals.list()
        assert uow.visits.get(visit_id).status is VisitStatus.ON_SITE
    lead = app.staff.authenticate("Sam Safeguarding", "1357")
    assert dismissal.dismissed_by == lead.staff_id
    entry = next(e for e in app.staff.audit_log(head) if e.action == "match dismissed (not the same person)")
    receptionist = app.staff.authenticate("Rachel Reception", "2468")
    assert entry.actor == f"staff:{receptionist.staff_id}"
    assert (
        entry.detail
        == f"checked by staff:{receptionist.staff_id}: visitor pass; confirmed by staff:{lead.staff_id}"
    )


def test_unanswered_alert_sounds_again(qtbot, app, banned, make_window, sign_in):
    window = make_window(app, repeat_ms=150)
    sign_in(window, "receptionist")
    hold_bill(app)
    wait_for_alert(qtbot, window)

    qtbot.waitUntil(lambda: window.attention.sounds >= 3, timeout=10_000)


def test_locked_console_still_says_someone_is_waiting(qtbot, app, banned, make_window):
    window = make_window(app)
    hold_bill(app)

    qtbot.waitUntil(lambda: window.sign_in.waiting.isVisible(), timeout=10_000)
    assert "1 visitor is waiting" in window.sign_in.waiting.text()
    assert "Hargreaves" not in window.sign_in.waiting.text()
