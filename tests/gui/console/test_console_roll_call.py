"""Staff on the on-site list, and the roll call through the real console window: big rows ticked with the
mouse (a finger), a tick from another console arriving through the event feed, the missing list as a PDF."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

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


def test_the_administrator_imports_the_staff_roll_sets_a_pin_and_saves_cards(
    qtbot, app, make_window, sign_in, tmp_path
):
    csv = tmp_path / "sims-staff.csv"
    csv.write_text(
        "Staff Code,Preferred Forename,Preferred Surname,Role\nABE,Anna,Abbott,Class teacher\n"
        "BCO,Ben,Cole,Teaching assistant\n",
        encoding="utf-8",
    )
    window = make_window(app)
    window.resize(1024, 768)
    sign_in(window, "administrator")
    window.shell.show_page("staff")
    page = window.shell.pages["staff"]
    box = page.roll_box
    qtbot.waitUntil(lambda: box.isVisible(), timeout=10_000)
    box.choose_open_path = lambda: str(csv)
    box.import_button.click()
    qtbot.waitUntil(lambda: box.table.rowCount() == 2, timeout=20_000)
    assert "2 new, 0 updated" in page.message.text()
    assert [box.table.item(r, 0).text() for r in range(2)] == ["Anna Abbott", "Ben Cole"]
    assert box.table.item(0, 3).text() == "None (card only)"

    box.table.selectRow(0)
    box.pin_button.click()
    dialog = box.pin_dialog
    assert dialog is not None
    dialog.fields["pin"].setText("4826")
    dialog.fields["pin_again"].setText("4826")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: box.table.item(0, 3).text() == "Set", timeout=20_000)
    place = app.place
    assert app.staff_roll.toggle_by_pin("Anna Abbott", "4826", place.site_id, place.kiosk_id, "x").signed_in

    box.table.clearSelection()
    target = tmp_path / "cards.pdf"
    box.choose_pdf_path = lambda suggested: str(target)
    box.cards_button.click()
    qtbot.waitUntil(lambda: box.last_cards == target, timeout=20_000)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Anna Abbott" in text and "Ben Cole" in text and "Teaching assistant" in text
    page.grab().save(str(tmp_path / "staff-page.png"))
    scroll = page.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible(), (
        "the Staff page fits 1024x768 without scrolling sideways"
    )

    # The receptionist sees no staff roll management.
    window2 = make_window(app)
    sign_in(window2, "receptionist")
    window2.shell.show_page("staff")
    assert not window2.shell.pages["staff"].roll_box.isVisible()
