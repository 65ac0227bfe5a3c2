"""The console's first start offers the whole first-run set-up; its administrator is then signed in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.config import load_settings
from kiosk.domain.model import BanStatus, Role


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_the_console_sets_up_the_school_and_signs_the_administrator_in(
    qtbot, empty_app, make_window, tmp_path
):
    window = make_window(empty_app)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.first_run, timeout=10_000)
    _click(qtbot, window.first_run.setup_button)
    wizard = window.first_run.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)

    def on(page: str) -> None:
        qtbot.waitUntil(lambda: wizard.page == page, timeout=20_000)

    _type(qtbot, wizard.school_name, "Oakfield Primary School")
    _click(qtbot, wizard.next_button)
    on("administrator")
    _type(qtbot, wizard.name, "Alex Admin")
    _type(qtbot, wizard.pin, "9753")
    _type(qtbot, wizard.pin_again, "9753")
    _click(qtbot, wizard.next_button)
    on("head")
    _type(qtbot, wizard.head_name, "Helen Head")
    _type(qtbot, wizard.head_pin, "864213")
    _type(qtbot, wizard.head_pin_again, "864213")
    _click(qtbot, wizard.next_button)
    on("printer")
    qtbot.waitUntil(lambda: wizard.printer_list.count() >= 1, timeout=20_000)
    wizard.select_printer("file")
    _click(qtbot, wizard.next_button)
    on("mail")
    _click(qtbot, wizard.skip_button)
    on("bans")
    csv_file = tmp_path / "bans.csv"
    csv_file.write_text("name,start\nJolene Marsh,2026-03-01\n", encoding="utf-8")
    _type(qtbot, wizard.bans_file, str(csv_file))
    _click(qtbot, wizard.import_button)
    qtbot.waitUntil(lambda: "1 bans imported" in wizard.info.text(), timeout=20_000)
    _click(qtbot, wizard.next_button)
    on("ready")
    _click(qtbot, wizard.next_button)

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
    assert window.session.actor.role is Role.ADMINISTRATOR and window.session.actor.name == "Alex Admin"
    assert window.session.actor.source == "console"
    assert load_settings(system_file=Path("/nonexistent")).school.name == "Oakfield Primary School"
    head = empty_app.staff.authenticate("Helen Head", "864213")
    assert [(b.name, b.status) for b in empty_app.bans.list(head)] == [("Jolene Marsh", BanStatus.DRAFT)]
