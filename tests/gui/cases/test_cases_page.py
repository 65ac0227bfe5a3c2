"""The cases page: record an incident, open its case, move it on, open a letter; hidden from reception."""

from __future__ import annotations

import io
import os
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from kiosk.domain.cases import CaseStage, Incident, IncidentPlace, StepKind, SubjectType, allowed_steps
from kiosk.ui.console.cases import CasesPage
from kiosk.ui.console.style import style_console
from kiosk.ui.ops import wait_for_ops
from tests.conftest import make_staff


@pytest.fixture
def people(sqlite_services):
    return make_staff(sqlite_services)


@pytest.fixture
def make_page(qtbot, sqlite_services):
    made = []

    def make(actor):
        page = CasesPage(sqlite_services, actor)
        style_console(page, sqlite_services.settings)
        page.resize(1400, 860)
        qtbot.addWidget(page)
        page.show()
        made.append(page)
        return page

    yield make
    wait_for_ops(10_000)


def test_record_an_incident_then_invite_to_a_meeting_and_open_the_letter(
    qtbot, sqlite_services, people, make_page, tmp_path
):
    page = make_page(people["head"])
    page.refresh()
    qtbot.waitUntil(lambda: "0 open" in page.summary.text(), timeout=10_000)

    page.record_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.fields["name"].setText("Jordan Blake")
    dialog.fields["address"].setPlainText("14 Elm Road, Oakfield, OK1 4CD")
    dialog.fields["occurred_on"].setDate(dialog.fields["occurred_on"].date().addDays(-3))
    dialog.behaviours.item(2).setCheckState(Qt.CheckState.Checked)  # loud or offensive language or temper
    dialog.fields["description"].setPlainText("Shouted at the teacher at the gate.")
    dialog.fields["lado_reference"].setText("L-77")
    photo = tmp_path / "gate.png"
    photo.write_bytes(b"\x89PNG fake image")
    dialog.choose_files = lambda: [str(photo)]
    dialog.attach_button.click()
    assert dialog.files_label.text() == "gate.png"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.dialog is None and page.file is not None, timeout=10_000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 1).text() == "Jordan Blake"
    assert "Jordan Blake" in page.heading.text() and "Open" in page.heading.text()
    assert any("gate.png" in t for t in page.card.value_texts())
    assert page.next_step_kinds() == allowed_steps(CaseStage.OPEN)  # only the steps that may follow

    page.step_buttons[StepKind.MEETING_INVITATION].click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    page.dialog.fields["place"].setText("the head's office")
    page.dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.dialog is None and page.letters.rowCount() == 1, timeout=10_000)
    assert page.letters.item(0, 1).text() == "Invitation to a meeting"
    assert page.next_step_kinds() == allowed_steps(CaseStage.MEETING_INVITED)
    assert "Invitation to a meeting" in page.message.text()

    opened = []
    page.open_file = opened.append
    page.letters.selectRow(0)
    assert page.open_pdf_button.isEnabled()
    page.open_pdf_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    text = " ".join(PdfReader(io.BytesIO(opened[0].read_bytes())).pages[0].extract_text().split())
    assert "Jordan Blake" in text and "the head's office" in text
    if os.environ.get("CASES_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["CASES_SCREENSHOTS"], "cases-page.png"))

    # A step the case cannot take next is not offered; a refused one keeps its dialog open with the reason.
    page.step_buttons[StepKind.IMMEDIATE_BAN].click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    page.dialog.ok_button.click()  # no reason given
    qtbot.waitUntil(lambda: page.dialog.error_line.isVisible(), timeout=10_000)
    assert "reason" in page.dialog.error_line.text()
    page.dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)
    case = sqlite_services.cases.list_cases(people["head"])[0]
    assert case.stage is CaseStage.MEETING_INVITED and case.ban_id is None
    assert sqlite_services.deps.clock.today() - timedelta(days=3) == page.file.incident.occurred_on


def test_reception_sees_no_cases(qtbot, sqlite_services, people, make_page):
    head = people["head"]
    today = sqlite_services.deps.clock.today()
    incident = sqlite_services.cases.record_incident(
        head,
        Incident(
            None,
            "Jordan Blake",
            SubjectType.PARENT,
            today,
            IncidentPlace.PREMISES,
            ("disruptive behaviour",),
            "Blocked the gate.",
            lado_referred_on=today,
        ),
    )
    sqlite_services.cases.open_case(head, incident.id)
    page = make_page(people["receptionist"])
    page.refresh()
    wait_for_ops(10_000)
    qtbot.wait(50)
    assert page.table.rowCount() == 0
    assert not page.record_button.isEnabled()
    assert page.next_step_kinds() == []
