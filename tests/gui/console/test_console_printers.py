"""The console's Printers page (administrator): the system's printers, choosing two, and test prints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "integration" / "printing"))

from test_cups_printing import _cups_pdf_out_dir  # noqa: E402
from test_label_drivers import _need  # noqa: E402

from kiosk.config import load_settings, user_config_path  # noqa: E402
from tests.gui.console.conftest import PINS  # noqa: E402

pytestmark = pytest.mark.cups


def _open(qtbot, app, make_window, sign_in, role="administrator"):
    window = make_window(app)
    sign_in(window, role)
    return window


def _row_of(page, name: str) -> int:
    return next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text().startswith(name))


def test_the_page_lists_the_systems_printers_and_saves_the_two_choices(qtbot, app, make_window, sign_in):
    _need("KioskPDF")
    window = _open(qtbot, app, make_window, sign_in)
    window.shell.show_page("printers")
    page = window.shell.pages["printers"]
    names = {page.table.item(r, 0).text().split(" (")[0] for r in range(page.table.rowCount())}
    assert {"KioskPDF", "KioskQL570", "KioskDymo450"} <= names
    assert page.current["badge"].text() == "file"
    page.table.selectRow(_row_of(page, "KioskQL570"))
    page.use_buttons["badge"].click()
    qtbot.waitUntil(lambda: "saved as the badge label printer" in page.message.text(), timeout=10_000)
    page.table.selectRow(_row_of(page, "KioskPDF"))
    page.use_buttons["report"].click()
    qtbot.waitUntil(lambda: "saved as the a4 report printer" in page.message.text(), timeout=10_000)
    saved = load_settings(user_file=user_config_path())
    assert (saved.printing.printer, saved.printing.report_printer) == ("KioskQL570", "KioskPDF")
    actions = [e.action for e in app.staff.audit_log(app.staff.authenticate(*PINS["head"]))]
    assert actions.count("printer chosen") == 2


def test_a_test_print_reaches_the_selected_printer(qtbot, app, make_window, sign_in):
    _need("KioskPDF")
    window = _open(qtbot, app, make_window, sign_in)
    window.shell.show_page("printers")
    page = window.shell.pages["printers"]
    out = _cups_pdf_out_dir()
    before = set(out.glob("report-printtest*.pdf")) if out.exists() else set()
    page.table.selectRow(_row_of(page, "KioskPDF"))
    page.test_buttons["report"].click()
    qtbot.waitUntil(lambda: "A test page was sent to" in page.message.text(), timeout=30_000)
    qtbot.waitUntil(lambda: bool(set(out.glob("report-printtest*.pdf")) - before), timeout=30_000)
    for path in set(out.glob("report-printtest*.pdf")) - before:
        path.unlink()


def test_a_receptionist_does_not_see_the_printers_page(qtbot, app, make_window, sign_in):
    window = _open(qtbot, app, make_window, sign_in, "receptionist")
    assert not window.shell.nav_buttons["printers"].isVisible()
    with pytest.raises(Exception, match="may not"):
        app.printing.choose_printer(window.ctx.actor, "badge", "KioskPDF")


def test_an_unknown_kind_is_refused(app):
    from kiosk.domain.errors import InvalidInput

    receptionist = app.staff.authenticate(*PINS["receptionist"])  # anyone at the desk may test print
    with pytest.raises(InvalidInput, match="badge or report"):
        app.printing.test_print(receptionist, "poster")
    administrator = app.staff.authenticate(*PINS["administrator"])
    with pytest.raises(InvalidInput, match="badge or report"):
        app.printing.choose_printer(administrator, "poster", "KioskPDF")
