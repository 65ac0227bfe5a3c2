"""Staff on the on-site list, and the roll call through the real console window: big rows ticked with the
mouse (a finger), a tick from another console arriving through the event feed, the missing list as a PDF."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from kiosk.domain.model import PersonType
from tests.gui.console.conftest import PINS
from tests.gui.console.test_console_onsite import sign_in_visitor

CSV = "Forename,Surname,Job title\nAnna,Abbott,Class teacher\nBen,Cole,Teaching assistant\n"


def _staff_in(app):
    admin = app.staff.authenticate(*PINS["administrator"])
    app.staff_roll.import_csv(admin, CSV, "staff.csv")
    place = app.place
    for member in app.staff_roll.members(admin):
        app.staff_roll.toggle_by_card(member.card_token, place.site_id, place.kiosk_id, "Front door")


def test_on_site_shows_staff_and_the_roll_call_ticks_and_prints_who_is_missing(
    qtbot, app, make_window, sign_in, tmp_path
):
    _staff_in(app)
    sign_in_visitor(app, "Dan", "Evans", PersonType.CONTRACTOR, organisation="Sparks Ltd")
    window = make_window(app)
    window.resize(1024, 768)
    sign_in(window, "receptionist")
    window.shell.show_page("on-site")
    page = window.shell.pages["on-site"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=20_000)
    assert page.counts.text() == "3 people on site: 2 staff, 1 contractor"
    assert [page.table.item(r, 1).text() for r in range(3)] == ["Staff", "Staff", "Contractor"]
    assert "Must be escorted" in page.table.item(2, 6).text()
    assert not page.reprint_button.isEnabled()

    page.roll_call_button.click()
    qtbot.waitUntil(lambda: page.roll_call_dialog is not None, timeout=10_000)
    dialog = page.roll_call_dialog
    qtbot.waitUntil(lambda: len(dialog.rows) == 3, timeout=20_000)
    assert dialog.count.text() == "0 of 3 accounted for · 3 missing"
    rows = {dialog.entry(i).name: b for i, b in dialog.rows.items()}
    qtbot.waitUntil(lambda: all(b.height() >= 48 for b in rows.values()), timeout=10_000)
    dialog.grab().save(str(tmp_path / "roll-call.png"))
    qtbot.mouseClick(rows["Anna Abbott"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.count.text().startswith("1 of 3"), timeout=20_000)
    assert "here" in rows["Anna Abbott"].text()

    # Another console (the head's tablet) ticks Dan: this one hears it through the feed.
    head = app.staff.authenticate(*PINS["head"])
    view = app.staff_roll.current_roll_call(head)
    dan = next(e for e in view.entries if e.name == "Dan Evans")
    app.staff_roll.tick(head, view.roll_call.id, dan.id, True)
    qtbot.waitUntil(lambda: dialog.count.text().startswith("2 of 3"), timeout=30_000)
    assert rows["Dan Evans"].isChecked()

    target = tmp_path / "missing.pdf"
    dialog.choose_pdf_path = lambda suggested: str(target)
    dialog.missing_button.click()
    qtbot.waitUntil(lambda: dialog.last_saved == target, timeout=20_000)
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "Missing: 1 person" in text and "Ben Cole" in text
    assert "Anna Abbott" not in text and "Dan Evans" not in text

    dialog.finish_button.click()
    qtbot.waitUntil(lambda: "finished" in dialog.title.text(), timeout=20_000)
    assert not rows["Ben Cole"].isEnabled()
    dialog.close_button.click()

    # Reception signs a member of staff out from the list.
    page.table.selectRow(0)
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=20_000)
