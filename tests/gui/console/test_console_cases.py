"""Breach work from the console window: the roles the role table allows record an incident and open a case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.cases import CaseStage
from kiosk.domain.permissions import Action, may


@pytest.mark.parametrize("role", ["safeguarding lead", "head"])
def test_record_an_incident_and_open_its_case_through_the_console(qtbot, app, make_window, sign_in, role):
    window = make_window(app)
    window.resize(1024, 768)
    sign_in(window, role)
    window.shell.show_page("cases")
    page = window.shell.pages["cases"]
    qtbot.waitUntil(lambda: "0 open" in page.summary.text(), timeout=10_000)
    assert page.record_button.isEnabled()

    page.record_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.fields["name"].setText("Jordan Blake")
    dialog.fields["address"].setPlainText("14 Elm Road, Oakfield, OK1 4CD")
    dialog.behaviours.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.fields["description"].setPlainText("Shouted at the teacher at the gate.")
    dialog.fields["lado_reference"].setText("L-77")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.dialog is None and page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 1).text() == "Jordan Blake"
    [case] = app.cases.list_cases(app.staff.authenticate(*_pin(role)))
    assert case.stage is CaseStage.OPEN and case.subject_name == "Jordan Blake"


def _pin(role):
    from tests.gui.console.conftest import PINS

    return PINS[role]


@pytest.mark.parametrize("role", ["receptionist", "administrator"])
def test_roles_without_cases_do_not_see_the_page(qtbot, app, make_window, sign_in, role):
    window = make_window(app)
    sign_in(window, role)
    assert window.shell.nav_buttons["cases"].isHidden()
    from kiosk.domain.model import Role

    assert not may(Role(role), Action.CASES)
