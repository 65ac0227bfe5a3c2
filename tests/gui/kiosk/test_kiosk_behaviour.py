"""Kiosk behaviour around the journeys: idle reset, staff exit, first start, faults, accessibility modes."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from kiosk.domain.model import PersonType
from kiosk.ui.kiosk.flow import Step
from tests.gui.kiosk.conftest import Visitor


def test_an_idle_journey_asks_then_returns_to_welcome_and_forgets(make_kiosk, qtbot):
    visitor = Visitor(qtbot, make_kiosk(idle_timeout_ms=200, still_there_s=1))
    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.type_into(w.name_page.first_name, "Priya")
    qtbot.waitUntil(lambda: w.still_there.isVisible(), timeout=5000)
    assert "Are you still there?" in visitor.screen_text()
    visitor.sees(Step.WELCOME)
    assert not w.still_there.isVisible()
    assert w.name_page.first_name.text() == ""


def test_still_here_keeps_the_visitors_place(make_kiosk, qtbot):
    visitor = Visitor(qtbot, make_kiosk(idle_timeout_ms=200, still_there_s=30))
    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.type_into(w.name_page.first_name, "Priya")
    qtbot.waitUntil(lambda: w.still_there.isVisible(), timeout=5000)
    visitor.tap(w.still_there.stay_button)
    assert w.current_step is Step.NAME and w.name_page.first_name.text() == "Priya"


def test_welcome_does_not_time_out(make_kiosk, qtbot):
    w = make_kiosk(idle_timeout_ms=100)
    assert not w.controller.idle.armed


def test_staff_leave_with_a_pin_after_holding_the_corner(visitor, qtbot, staff_actors):
    w = visitor.window
    w.corner.set_hold_ms(100)
    qtbot.mousePress(w.corner, Qt.MouseButton.LeftButton)
    visitor.sees(Step.STAFF)
    qtbot.mouseRelease(w.corner, Qt.MouseButton.LeftButton)
    page = w.staff_page
    visitor.type_into(page.name, "Test Receptionist")
    visitor.type_into(page.pin, "1111")
    visitor.tap(page.unlock_button)
    qtbot.waitUntil(lambda: "do not match" in page.error.text())
    assert page.pin.text() == ""
    # A receptionist's right PIN does not open the kiosk (setting roles.leave_kiosk).
    visitor.type_into(page.pin, "2468")
    visitor.tap(page.unlock_button)
    qtbot.waitUntil(lambda: "may not leave the kiosk" in page.error.text())
    page.name.clear()
    page.pin.clear()
    visitor.type_into(page.name, "Test Administrator")
    visitor.type_into(page.pin, "9753")
    with qtbot.waitSignal(w.exit_requested, timeout=5000) as signal:
        visitor.tap(page.unlock_button)
    assert signal.args[0].name == "Test Administrator"


def test_a_short_press_on_the_corner_does_nothing(visitor, qtbot):
    w = visitor.window
    w.corner.set_hold_ms(3000)
    qtbot.mouseClick(w.corner, Qt.MouseButton.LeftButton)
    assert w.current_step is Step.WELCOME


def test_a_fault_shows_the_calm_page_and_is_logged(visitor, sqlite_services, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(sqlite_services.sign_in, "screen", broken)
    caplog.set_level(logging.ERROR)
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah")
    visitor.sees(Step.SORRY)
    text = visitor.screen_text()
    assert "Sorry, something went wrong." in text and "Please ask at reception." in text
    assert "RuntimeError" not in text and "Traceback" not in text and "fire" not in text
    assert "database on fire" in caplog.text
    visitor.tap(visitor.window.sorry_page.button)
    visitor.sees(Step.WELCOME)


def test_an_uncaught_exception_shows_the_calm_page(visitor, caplog):
    import sys

    from kiosk.ui.kiosk.main import install_fault_handler

    previous = sys.excepthook
    install_fault_handler(visitor.window)
    try:
        caplog.set_level(logging.ERROR)
        try:
            raise ValueError("boom")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert visitor.window.current_step is Step.SORRY
    assert "boom" in caplog.text


def test_larger_text_and_high_contrast_last_for_one_visitor(visitor):
    from kiosk.ui.theme import theme_state

    w = visitor.window
    before = w.welcome.sign_in_button.font().pixelSize()
    visitor.tap(w.welcome.large_text_button)
    visitor.tap(w.welcome.high_contrast_button)
    assert theme_state().large_text and theme_state().high_contrast
    assert w.welcome.sign_in_button.font().pixelSize() > before
    assert "#000000" in w.welcome.styleSheet()
    visitor.start_sign_in(PersonType.VISITOR)
    # The other pages follow as soon as the visitor leaves Welcome.
    assert "#000000" in w.styleSheet() and w.welcome.styleSheet() == ""
    assert w.type_page.title.font().pixelSize() > 0
    visitor.tap(w.name_page.back_button)
    visitor.sees(Step.TYPE)
    visitor.tap(w.type_page.cancel_button)
    visitor.sees(Step.WELCOME)
    assert not theme_state().large_text and not theme_state().high_contrast
    assert not w.welcome.large_text_button.isChecked()
    assert "#000000" not in w.styleSheet() and w.welcome.styleSheet() == ""


def test_the_toggles_show_pressed_at_once_and_their_change_within_100_ms(visitor):
    """Measured in the process's CPU time, so six test suites sharing two cores do not decide it."""
    import statistics
    import time

    w = visitor.window
    button = w.welcome.large_text_button
    took = []
    for n in range(6):
        start = time.process_time()
        visitor.tap(button)
        assert button.isChecked() == (n % 2 == 0), "pressed state at once"
        w.welcome.repaint()  # what the visitor sees: the page drawn again in its new size
        took.append(time.process_time() - start)
        assert (w.welcome.sign_in_button.font().pixelSize() > 34) == (n % 2 == 0)
    assert statistics.median(took) < 0.100, f"toggle took {took}"


def test_accented_names_can_be_typed(visitor):
    w = visitor.window
    keyboard = w.name_page.keyboard
    visitor.start_sign_in(PersonType.VISITOR)

    def type_name(field, text: str) -> None:
        field.setFocus()
        for ch in text:
            if ch.lower() in keyboard.accent_keys:
                visitor.tap(keyboard.accents_key)
                assert keyboard.layers.currentIndex() == 1
                visitor.tap(keyboard.accent_keys[ch.lower()])
                assert keyboard.layers.currentIndex() == 0, "back to the letters after one accent"
            else:
                key = next(
                    b
                    for b in keyboard.findChildren(type(w.name_page.next_button))
                    if b.property("char") == ch.lower()
                )
                visitor.tap(key)

    for name in ("Zoë", "Jürgen", "Łukasz", "Siân", "Seán", "Małgorzata"):
        w.name_page.first_name.clear()
        type_name(w.name_page.first_name, name.lower())
        assert w.name_page.first_name.text() == name


def test_every_kiosk_target_is_at_least_64_px_high(qtbot, sqlite_services):
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from kiosk.demo import seed
    from kiosk.ui.kiosk.main import build_kiosk_window
    from kiosk.ui.ops import wait_for_ops
    from kiosk.ui.screenshots import kiosk_scenes

    seed(sqlite_services)
    window = build_kiosk_window(sqlite_services, idle_timeout_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    small = []
    for scene in kiosk_scenes(sqlite_services):
        scene.prepare(window, window.controller)
        wait_for_ops()
        qtbot.wait(10)
        assert window.height() == 800, f"{scene.name} does not fit 1280×800"
        for widget in window.findChildren(QPushButton) + window.findChildren(QLineEdit):
            if widget.isVisible() and widget.height() < 64:
                small.append((scene.name, widget.text() or widget.accessibleName(), widget.height()))
        window.still_there.cancel()
        window.toast.hide()
    assert not small, small
    wait_for_ops()


def test_full_screen_kiosk_ignores_close_requests_and_quit_keys(visitor, qtbot, staff_actors):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    w = visitor.window
    w.lock()
    assert not w.close(), "the window manager's close (Alt+F4) must not end the kiosk"
    assert w.isVisible()
    for key, mods in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, mods)
        QApplication.sendEvent(w, event)
        assert event.isAccepted(), f"{key} must be swallowed"
    assert w.isVisible()
    w.unlock()
    assert w.close()


def test_the_on_screen_keyboard_types_names_with_capitals(visitor):
    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    keys = {
        b.property("char"): b
        for b in w.name_page.keyboard.findChildren(type(w.name_page.next_button))
        if b.property("char")
    }
    w.name_page.last_name.setFocus()
    for ch in "o'neil":
        visitor.tap(keys[ch])
    assert w.name_page.last_name.text() == "O'Neil"


def test_main_buttons_are_big_enough_to_touch(visitor):
    w = visitor.window
    for button in (w.welcome.sign_in_button, w.welcome.sign_out_button, w.welcome.collect_button):
        assert button.height() >= 64
    for button in (w.welcome.large_text_button, w.welcome.high_contrast_button):
        assert button.height() >= 48


def test_badge_released_by_reception_prints_at_this_kiosk_when_set(
    qtbot, make_kiosk, sqlite_services, staff_actors, banned, printer
):
    """kiosk.badge_at = "kiosk": when the console releases a visitor held here, this kiosk prints the badge."""
    from kiosk.domain.model import PersonType

    sqlite_services.settings.kiosk.badge_at = "kiosk"
    sqlite_services.alerts.badge_at_kiosk = True
    window = make_kiosk()
    held = sqlite_services.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, sqlite_services.place)
    sqlite_services.alerts.release(staff_actors["receptionist"], held.visit_id)
    assert printer.printed == []
    window.controller._feed_event("db.changed")  # what the event feed delivers after the console's commit
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=10_000)
    assert printer.printed[0].visitor_name == "Bill Hargreaves"


def test_the_kiosk_modules_import_before_the_application_exists():
    """The command line imports the kiosk before it makes the QApplication: nothing may need it at import."""
    import subprocess
    import sys

    code = (
        "import kiosk.ui.kiosk.main, kiosk.ui.widgets.camera\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from kiosk.ui.kiosk.window import quit_keys\n"
        "assert quit_keys()\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_digits_are_typed_on_a_number_pad(visitor, qtbot):
    w = visitor.window
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Dora", "Winters")
    visitor.sees(Step.DETAILS)
    page = w.details_page
    visitor.tap(page.fields["phone"])
    qtbot.waitUntil(lambda: page.keys.number_pad.isVisible())
    assert not page.keyboard.isVisible()
    for digit in "07700":
        visitor.tap(page.keys.number_pad.findChild(type(page.next_button), f"key-{digit}"))
    assert page.fields["phone"].text() == "07700"
    visitor.tap(page.fields["host"])
    qtbot.waitUntil(lambda: page.keyboard.isVisible())

    visitor.window.controller.open_staff_page()
    visitor.sees(Step.STAFF)
    staff = w.staff_page
    visitor.tap(staff.pin)
    qtbot.waitUntil(lambda: staff.keys.number_pad.isVisible())
    visitor.tap(staff.keys.number_pad.findChild(type(page.next_button), "key-9"))
    assert staff.pin.text() == "9"


def test_a_ban_list_changed_elsewhere_refreshes_the_screening_index_off_the_visitors_path(
    kiosk, sqlite_services, monkeypatch
):
    """The kiosk hears another program changed the bans (an import finished) and starts the index
    refresh on a thread of its own; other news (a visit signed in elsewhere) starts none."""
    sites: list[int] = []
    monkeypatch.setattr(sqlite_services.ban_list, "refresh_in_background", sites.append)
    kiosk.controller._relay.arrived.emit("visit.signed_in")
    assert sites == []
    kiosk.controller._relay.arrived.emit("bans.changed")
    assert sites == [sqlite_services.place.site_id]
