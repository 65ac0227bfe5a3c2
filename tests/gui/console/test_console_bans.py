"""The ban list: a lead's ban waits for the head before it screens; an expired ban stops screening."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from kiosk.domain.model import BanStatus, PersonType


def fill_editor(editor, name: str, category_row: int = 2) -> None:
    editor.name.setText(name)
    editor.aliases.setText("Daz Cole")
    editor.categories.item(category_row).setCheckState(Qt.CheckState.Checked)
    editor.reason.setText("Shouted at staff in reception.")
    editor.conditions.setPlainText("Must not enter the school site.")


def select_ban(page, name: str) -> None:
    for row in range(page.table.rowCount()):
        if page.table.item(row, 0).text() == name:
            page.table.selectRow(row)
            return
    raise AssertionError(f"{name} not in the ban list")


def test_a_leads_ban_screens_only_after_the_head_approves(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "safeguarding lead")
    window.shell.nav_buttons["bans"].click()
    page = window.shell.pages["bans"]
    assert not page.approve_button.isVisible()  # only the head approves

    page.add_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    editor = page.editor
    assert editor.has_end.isChecked()  # time-limited by default: twelve months
    assert (editor.end.date().toPython() - editor.start.date().toPython()).days in range(364, 367)
    fill_editor(editor, "Darren Cole")
    editor.save_button.click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 2).text() == "Waiting for approval"

    assert not app.sign_in.screen("Darren", "Cole", PersonType.VISITOR, app.place).held

    window.session.lock()
    sign_in(window, "head")
    window.shell.show_page("bans")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    select_ban(page, "Darren Cole")
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    page.approve_button.click()
    qtbot.waitUntil(lambda: page.table.item(0, 2).text() == "Active", timeout=10_000)

    assert app.sign_in.screen("Darren", "Cole", PersonType.VISITOR, app.place).held
    head = window.session.actor
    actions = [e.action for e in app.staff.audit_log(head)]
    assert "ban created" in actions and "ban approved" in actions


def test_an_expired_ban_stops_screening(qtbot, app, head, banned, make_window, sign_in):
    assert app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held
    today = app.deps.clock.today()
    app.bans.edit(
        head,
        replace(banned, start=today - timedelta(days=400), end=today - timedelta(days=1), review_date=None),
    )

    assert not app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held
    window = make_window(app)
    sign_in(window, "head")
    window.shell.show_page("bans")
    page = window.shell.pages["bans"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 2).text() == "Expired"


def test_head_lifts_a_ban_with_a_reason(qtbot, app, banned, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "head")
    window.shell.show_page("bans")
    page = window.shell.pages["bans"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    select_ban(page, "William Hargreaves")

    page.lift_button.click()
    dialog = page.lift_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.ok_button.click()  # no reason yet
    qtbot.waitUntil(lambda: dialog.error_line.isVisible(), timeout=10_000)
    dialog.fields["reason"].setText("Appeal upheld by the governors")
    dialog.ok_button.click()

    qtbot.waitUntil(lambda: page.table.item(0, 2).text() == "Lifted", timeout=10_000)
    assert not app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held
    [ban] = app.bans.list(window.session.actor, [BanStatus.LIFTED])
    assert ban.lifted_reason == "Appeal upheld by the governors"


def test_csv_export_and_import_round_trip(qtbot, app, banned, make_window, sign_in, tmp_path):
    window = make_window(app)
    sign_in(window, "head")
    window.shell.show_page("bans")
    page = window.shell.pages["bans"]
    out = tmp_path / "bans.csv"
    page.choose_save_path = lambda: str(out)
    page.export_button.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert "William Hargreaves" in out.read_text()

    extra = tmp_path / "more.csv"
    extra.write_text("name,start,categories\nKaren Blythe,2026-01-05,disruptive behaviour\n")
    page.choose_open_path = lambda: str(extra)
    page.import_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert "1 new" in page.message.text()
