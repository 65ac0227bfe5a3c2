"""The Expected and Checks (single central record) pages, through the real console window."""

from __future__ import annotations

from kiosk.domain.expected import DbsCheck
from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails


def _sign_in_visitor(app, first, last, person_type, **details):
    screened = app.sign_in.screen(first, last, person_type, app.place)
    assert not screened.held
    policy = app.sign_in.current_policy()
    return app.sign_in.complete(
        screened, VisitDetails(**details), app.place, acknowledged_policy_id=policy.id if policy else None
    )


def _open(qtbot, window, key):
    window.shell.show_page(key)
    page = window.shell.pages[key]
    qtbot.waitUntil(lambda: page.isVisible(), timeout=5_000)
    return page


def test_reception_books_imports_and_sees_the_arrival(qtbot, app, make_window, sign_in, tmp_path):
    window = make_window(app)
    sign_in(window, "receptionist")
    assert window.shell.nav_buttons["expected"].isVisible()
    page = _open(qtbot, window, "expected")
    qtbot.waitUntil(lambda: "Nobody is expected today" in page.summary.text(), timeout=10_000)

    page.add_button.click()
    dialog = page.add_dialog
    assert dialog is not None
    dialog.fields["first_name"].setText("Jane")
    dialog.fields["last_name"].setText("Supply")
    dialog.fields["person_type"].setCurrentText("Supply staff")
    dialog.fields["host"].setText("Mr Brown")
    dialog.fields["organisation"].setText("Teach Cover Ltd")
    dialog.fields["expected_on"].setText("31/02/2026")
    dialog.ok_button.click()
    assert "is not a date" in dialog.error_line.text()
    dialog.fields["expected_on"].setText(app.deps.clock.today().strftime("%d/%m/%Y"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 0).text() == "Jane Supply"
    assert page.table.item(0, 5).text() == "Not yet"

    booking_list = tmp_path / "agency.csv"
    booking_list.write_text(
        "Forename,Surname,Booking Date,School Contact\n"
        f"Tom,Cover,{app.deps.clock.today().isoformat()},Mrs Green\n",
        encoding="utf-8",
    )
    page.choose_open_path = lambda: str(booking_list)
    page.import_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert page.message.text() == "Imported 1 expected visitor."
    assert page.summary.text() == "2 expected today: 0 arrived, 2 not yet."

    # The visitor signs in at a kiosk (another program): the host's notice appears on this page.
    _sign_in_visitor(app, "Jane", "Supply", PersonType.SUPPLY_STAFF, organisation="Teach Cover Ltd")
    qtbot.waitUntil(lambda: page.notice_line.isVisible(), timeout=10_000)
    assert page.notice_line.text().startswith("Jane Supply has arrived for Mr Brown (")
    assert page.summary.text() == "2 expected today: 1 arrived, 1 not yet."
    row = next(i for i in range(2) if page.table.item(i, 0).text() == "Tom Cover")
    page.table.selectRow(row)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in page.message.text(), timeout=10_000)
    with app.deps.uow.readonly() as uow:
        actions = [e.action for e in uow.audit.list(limit=20)]
    assert {"expected visitor added", "expected visitors imported", "expected visit cancelled"} <= set(
        actions
    )


def test_checks_page_and_the_on_site_list_say_who_must_be_escorted(qtbot, app, make_window, sign_in):
    _sign_in_visitor(app, "Bob", "Builder", PersonType.CONTRACTOR, organisation="Fixit")
    window = make_window(app)
    sign_in(window, "receptionist")
    onsite = _open(qtbot, window, "on-site")
    qtbot.waitUntil(lambda: onsite.table.rowCount() == 1, timeout=10_000)
    assert onsite.table.item(0, 6).text() == "Must be escorted: no record in the single central record"

    page = _open(qtbot, window, "clearances")
    page.add_button.click()
    dialog = page.edit_dialog
    dialog.fields["first_name"].setText("Bob")
    dialog.fields["last_name"].setText("Builder")
    dialog.fields["organisation"].setText("Fixit")
    dialog.fields["dbs_check"].setCurrentText(DbsCheck.ENHANCED.label)
    dialog.fields["dbs_date"].setText("01/09/2025")
    dialog.fields["id_checked"].setCurrentText("Yes")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 1).text() == "Cleared"
    assert page.message.text() == "Bob Builder is saved: cleared."

    onsite = _open(qtbot, window, "on-site")
    qtbot.waitUntil(lambda: onsite.table.item(0, 6).text() == "Cleared", timeout=10_000)

    # A second contractor signs in at the kiosk without a record: reception is told, nobody is held.
    from kiosk.ui.console.onsite_page import CHECK_NOTICE

    _sign_in_visitor(app, "Dev", "Mistry", PersonType.CONTRACTOR, organisation="Mistry Electrical")
    qtbot.waitUntil(lambda: onsite.message.text() == CHECK_NOTICE, timeout=10_000)
    qtbot.waitUntil(lambda: onsite.table.rowCount() == 2, timeout=10_000)
