"""Staff sign-in: the first start, PINs, lock-out after five wrong tries, and locking when idle."""

from __future__ import annotations

from kiosk.domain.model import Role


def test_first_start_asks_for_an_administrator(qtbot, empty_app, make_window):
    window = make_window(empty_app)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.first_run, timeout=10_000)
    page = window.first_run

    page.name.setText("Alex Admin")
    page.pin.setText("9753")
    page.pin_again.setText("9751")
    page.create_button.click()
    assert "different" in page.message.text()

    page.pin_again.setText("9753")
    page.create_button.click()

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
    assert window.session.actor.role is Role.ADMINISTRATOR
    # An administrator sees the audit log, the front desk and its lists, not alerts or bans.
    visible = {k for k, b in window.shell.nav_buttons.items() if b.isVisible()}
    assert visible == {
        "on-site",
        "expected",
        "clearances",
        "pupils",
        "visit-log",
        "audit",
        "staff",
        "printers",
    }
    assert empty_app.staff.names() == ["Alex Admin"]


def test_five_wrong_pins_lock_the_account(qtbot, app, head, make_window, sign_in):
    window = make_window(app)
    for _ in range(4):
        sign_in(window, "receptionist", "1111", expect_ok=False)
        assert "do not match" in window.sign_in.message.text()
    sign_in(window, "receptionist", "1111", expect_ok=False)
    assert "locked" in window.sign_in.message.text()

    # Even the right PIN is refused while locked.
    sign_in(window, "receptionist", expect_ok=False)
    assert "locked" in window.sign_in.message.text()
    assert window.stack.currentWidget() is window.sign_in
    actions = [e.action for e in app.staff.audit_log(head)]
    assert actions.count("wrong PIN") == 4 and "account locked after wrong PINs" in actions


def test_console_locks_itself_when_left_alone(qtbot, app, make_window, sign_in):
    window = make_window(app, idle_lock_ms=300)
    sign_in(window, "head")

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in, timeout=10_000)
    assert window.session.actor is None


def test_lock_button_signs_out(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "receptionist")
    # A receptionist sees alerts, the front desk and its lists, but not bans or the audit log.
    visible = {k for k, b in window.shell.nav_buttons.items() if b.isVisible()}
    assert visible == {"alerts", "on-site", "expected", "clearances", "pupils", "visit-log", "staff"}

    window.shell.lock_button.click()

    assert window.stack.currentWidget() is window.sign_in and window.session.actor is None


def test_sign_in_preselects_nobody_and_lists_no_staff_before_typing(qtbot, app, make_window):
    window = make_window(app)
    page = window.sign_in
    qtbot.waitUntil(lambda: len(page.name.names()) == 4, timeout=10_000)  # known, for suggestions only
    assert page.name.text() == ""
    assert not page.name.completer().popup().isVisible()
    shown = " ".join(w.text() for w in page.findChildren(type(page.message)) if w.isVisible())
    assert "Alex Admin" not in shown

    page.submit()
    assert "Type your name" in page.message.text()

    completer = page.name.completer()
    # What the pop-up offers once "rach" is typed (the offscreen platform cannot show the pop-up itself).
    completer.setCompletionPrefix("rach")
    suggestions = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert suggestions == ["Rachel Reception"]  # only what matches what was typed
    page.name.setText("Rachel Reception")
    page.pin.setText("2468")
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
