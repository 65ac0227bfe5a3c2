"""The Staff page: the administrator deactivates a leaver; anyone changes their own PIN."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import InvalidInput


def _open_staff(qtbot, window):
    window.shell.show_page("staff")
    page = window.shell.pages["staff"]
    qtbot.waitUntil(lambda: page.isVisible(), timeout=5_000)
    return page


def _row_of(page, name: str) -> int:
    return next(i for i in range(page.table.rowCount()) if page.table.item(i, 0).text() == name)


def test_administrator_deactivates_a_leaver_who_then_cannot_sign_in(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "administrator")
    page = _open_staff(qtbot, window)
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=10_000)
    assert page.admin_box.isVisible()

    page.table.selectRow(_row_of(page, "Alex Admin"))
    assert not page.deactivate_button.isEnabled()  # not yourself
    page.table.selectRow(_row_of(page, "Rachel Reception"))
    assert page.deactivate_button.isEnabled()
    page.deactivate_button.click()
    dialog = page.confirm_dialog
    assert dialog is not None and "Rachel Reception will no longer be able to sign in" in dialog.text.text()
    dialog.cancel_button.click()
    assert app.staff.authenticate("Rachel Reception", "2468").name == "Rachel Reception"  # nothing changed

    page.deactivate_button.click()
    page.confirm_dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "deactivated" in page.message.text(), timeout=10_000)
    qtbot.waitUntil(
        lambda: page.table.item(_row_of(page, "Rachel Reception"), 2).text() == "Deactivated (has left)",
        timeout=10_000,
    )
    with pytest.raises(InvalidInput):
        app.staff.authenticate("Rachel Reception", "2468")
    with app.deps.uow.readonly() as uow:
        assert any(e.action == "staff account disabled" for e in uow.audit.list(limit=10))

    page.table.selectRow(_row_of(page, "Rachel Reception"))
    page.reactivate_button.click()
    page.confirm_dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "can sign in again" in page.message.text(), timeout=10_000)
    assert app.staff.authenticate("Rachel Reception", "2468").name == "Rachel Reception"


def test_administrator_adds_a_staff_member(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "administrator")
    page = _open_staff(qtbot, window)
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=10_000)
    page.add_button.click()
    dialog = page.add_dialog
    dialog.fields["name"].setText("Sam Patel")
    dialog.fields["role"].setCurrentText("Receptionist")
    dialog.fields["pin"].setText("4826")
    dialog.fields["pin_again"].setText("4862")
    dialog.ok_button.click()
    assert "different" in dialog.error_line.text()
    dialog.fields["pin_again"].setText("4826")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=10_000)
    assert app.staff.authenticate("Sam Patel", "4826").role.value == "receptionist"


def test_anyone_changes_their_own_pin_after_giving_the_current_one(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "receptionist")
    page = _open_staff(qtbot, window)
    assert not page.admin_box.isVisible()  # a receptionist sees only their own PIN

    page.current_pin.setText("1111")
    page.new_pin.setText("5937")
    page.new_pin_again.setText("5937")
    page.change_pin_button.click()
    qtbot.waitUntil(lambda: "current PIN is not right" in page.message.text(), timeout=10_000)

    page.current_pin.setText("2468")
    page.new_pin.setText("5937")
    page.new_pin_again.setText("5973")
    page.change_pin_button.click()
    assert "different" in page.message.text()

    page.current_pin.setText("2468")
    page.new_pin.setText("1111")  # the staff service's own rules refuse it (whatever they say exactly)
    page.new_pin_again.setText("1111")
    page.change_pin_button.click()
    qtbot.waitUntil(lambda: page.change_pin_button.isEnabled() and page.message.isVisible(), timeout=10_000)
    assert page.message.property("console") == "error" and "PIN" in page.message.text()
    assert app.staff.authenticate("Rachel Reception", "2468").name == "Rachel Reception"

    page.current_pin.setText("2468")
    page.new_pin.setText("5937")
    page.new_pin_again.setText("5937")
    page.change_pin_button.click()
    qtbot.waitUntil(lambda: "Your PIN is changed" in page.message.text(), timeout=10_000)
    assert app.staff.authenticate("Rachel Reception", "5937").name == "Rachel Reception"
    with pytest.raises(InvalidInput):
        app.staff.authenticate("Rachel Reception", "2468")
