"""The staff pages and the collection password page share one keyboard, made the first time one is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.ui.kiosk.flow import Step
from kiosk.ui.widgets.keyboard import KeyboardArea, OnScreenKeyboard


def _key(keyboard: OnScreenKeyboard, ch: str) -> QPushButton:
    return next(b for b in keyboard.findChildren(QPushButton) if b.property("char") == ch and b.isVisible())


def test_the_rare_pages_keyboard_is_made_when_first_shown_and_moves_to_the_page_on_show(visitor, qtbot):
    w = visitor.window
    share = w.rare_keys
    areas = lambda: w.findChildren(KeyboardArea)  # noqa: E731
    before = len(areas())
    assert not share.built, "no staff or password page has been shown: their keyboard is not made yet"

    w.controller.open_staff_page()
    visitor.sees(Step.STAFF)
    assert share.built and len(areas()) == before + 1
    staff = w.staff_page
    assert staff.keys.parentWidget() is staff.dock and staff.keyboard.isVisible()
    visitor.tap(_key(staff.keyboard, "s"))
    visitor.tap(_key(staff.keyboard, "u"))
    assert staff.name.text() == "Su", "the keys type into the staff page's name box (capital first)"
    visitor.tap(staff.pin)
    qtbot.waitUntil(lambda: staff.keys.number_pad.isVisible())
    visitor.tap(staff.keys.number_pad.findChild(QPushButton, "key-4"))
    assert staff.pin.text() == "4"
    visitor.tap(staff.cancel_button)
    visitor.sees(Step.WELCOME)

    # The password page takes the same keyboard (no second one is made), typing into its own box.
    w.show_step(Step.PASSWORD)
    page = w.password_page
    qtbot.waitUntil(lambda: page.keyboard.isVisible())
    assert len(areas()) == before + 1 and page.keys.parentWidget() is page.dock
    assert not staff.dock.findChildren(KeyboardArea), "it left the staff page"
    assert page.keys.currentIndex() == 0, "the letters, not the number pad left from the PIN"
    visitor.tap(_key(page.keyboard, "o"))
    assert page.password.text() == "o" and staff.name.text() in ("", "Su"), "typed into the password box"

    # Back to a staff page: the keyboard comes back with it.
    w.show_step(Step.STAFF_ROLL)
    roll = w.staff_roll_page
    qtbot.waitUntil(lambda: roll.keyboard.isVisible())
    assert len(areas()) == before + 1 and not page.dock.findChildren(KeyboardArea)
