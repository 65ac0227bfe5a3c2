"""The on-site list, the fire roll, the visit log and the audit view."""

from __future__ import annotations

from kiosk.domain.model import PersonType, VisitStatus
from kiosk.services.visits import VisitDetails


def sign_in_visitor(app, first: str, last: str, person_type=PersonType.VISITOR, **details):
    screened = app.sign_in.screen(first, last, person_type, app.place)
    policy = app.sign_in.current_policy()
    return app.sign_in.complete(
        screened, VisitDetails(**details), app.place, acknowledged_policy_id=policy.id if policy else None
    )


def test_on_site_list_sign_out_reprint_and_fire_roll(qtbot, app, make_window, sign_in, printer, tmp_path):
    sign_in_visitor(app, "Priya", "Shah", host="Mrs Patel", organisation="Local Authority")
    tom = sign_in_visitor(app, "Tom", "Baker", PersonType.CONTRACTOR, host="Site manager")
    window = make_window(app)
    sign_in(window, "receptionist")
    window.shell.show_page("on-site")
    page = window.shell.pages["on-site"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert page.counts.text() == "2 people on site: 1 visitor, 1 contractor"
    assert page.table.item(0, 5).text() == "Printed"

    page.table.selectRow(1)
    page.reprint_button.click()
    qtbot.waitUntil(lambda: len(printer.printed) == 3, timeout=10_000)
    page.table.selectRow(1)
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    with app.deps.uow.readonly() as uow:
        assert uow.visits.get(tom.visit.id).status is VisitStatus.SIGNED_OUT

    # No report printer is set up: the console says so and offers the PDF.
    page.fire_button.click()
    qtbot.waitUntil(lambda: "did not print" in page.message.text(), timeout=20_000)
    assert "No report printer is set up" in page.message.text()
    assert "Save fire roll as PDF" in page.message.text()
    target = tmp_path / "roll.pdf"
    page.choose_pdf_path = lambda suggested: str(target)
    page.save_pdf_button.click()
    qtbot.waitUntil(lambda: page.last_saved == target, timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert page.message.text() == f"Fire roll saved: {target}"


def test_fire_roll_prints_on_the_report_printer_in_one_click(qtbot, app, make_window, sign_in, tmp_path):
    from kiosk.printing.printers import ReportQueuePrinter

    class SpoolQueue:
        """A CUPS queue stand-in that keeps what it was sent (the real queue is tested in test_reports)."""

        def __init__(self) -> None:
            self.jobs: list[tuple[bytes, str]] = []

        def send(self, document: bytes, *, label=None, job_name: str = "") -> str:
            self.jobs.append((document, job_name))
            return "job-1"

    spool = SpoolQueue()
    app.reports.printer = ReportQueuePrinter("Office A4", backend=spool)
    sign_in_visitor(
        app, "Grace", "Okafor", PersonType.COLLECTOR, child_name="Ada Okafor", relationship="Aunt"
    )
    window = make_window(app)
    sign_in(window, "receptionist")
    window.shell.show_page("on-site")
    page = window.shell.pages["on-site"]
    page.fire_button.click()
    qtbot.waitUntil(lambda: bool(spool.jobs), timeout=20_000)
    qtbot.waitUntil(lambda: "printing on Office A4" in page.message.text(), timeout=10_000)
    assert page.message.text() == "The fire roll (1 person) is printing on Office A4."
    assert spool.jobs[0][0].startswith(b"%PDF") and spool.jobs[0][1] == "Fire roll"
    assert [line.host for line in page.last_fire_roll.roll.lines] == ["Collecting Ada Okafor"]


def test_on_site_does_not_refresh_while_hidden_and_catches_up_when_shown(qtbot, app, make_window, sign_in):
    window = make_window(app, safety_ms=60_000)
    sign_in(window, "receptionist")
    window.shell.show_page("on-site")
    page = window.shell.pages["on-site"]
    qtbot.waitUntil(lambda: page.counts.text().startswith("0 people"), timeout=10_000)
    window.shell.show_page("visit-log")
    before = page.watch.refreshes

    sign_in_visitor(app, "Priya", "Shah", host="Mrs Patel")
    qtbot.waitUntil(lambda: page.watch.stale, timeout=10_000)
    qtbot.wait(600)  # more feed polls: still no refresh while hidden
    assert page.watch.refreshes == before and page.table.rowCount() == 0

    window.shell.show_page("on-site")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.watch.refreshes == before + 1


def test_a_page_skips_the_echo_of_its_own_action(qtbot, app, make_window, sign_in):
    sign_in_visitor(app, "Priya", "Shah", host="Mrs Patel")
    window = make_window(app, safety_ms=60_000)
    sign_in(window, "receptionist")
    window.shell.show_page("on-site")
    page = window.shell.pages["on-site"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    qtbot.wait(1500)  # a busy machine's feed may still report the set-up's own sign-in: let it arrive first
    heard = []
    window.events.changed.connect(heard.append)
    before = page.watch.refreshes
    page.table.selectRow(0)
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=10_000)
    qtbot.wait(1500)  # the feed has long reported the commit by now
    assert page.watch.refreshes == before + 1  # the local refresh; the echo was skipped
    assert [e.payload.get("local") for e in heard] == [True]


def test_a_visitor_signed_in_at_another_kiosk_appears_without_a_click(qtbot, app, make_window, sign_in):
    window = make_window(app, safety_ms=60_000)  # only the feed can make it appear this fast
    sign_in(window, "receptionist")
    window.shell.show_page("on-site")
    page = window.shell.pages["on-site"]

    sign_in_visitor(
        app, "Grace", "Okafor", PersonType.COLLECTOR, child_name="Ada Okafor", relationship="Aunt"
    )

    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 3).text() == "Collecting Ada Okafor"


def test_visit_log_search_and_export(qtbot, app, make_window, sign_in, tmp_path):
    sign_in_visitor(app, "Priya", "Shah", host="Mrs Patel")
    sign_in_visitor(app, "Tom", "Baker", PersonType.CONTRACTOR, organisation="=SUM(1)")
    window = make_window(app)
    sign_in(window, "receptionist")
    window.shell.show_page("visit-log")
    page = window.shell.pages["visit-log"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert [page.model.text(r, 3) for r in range(2)] == ["Tom Baker", "Priya Shah"]  # newest first
    # The count is a second query, run after the first page is on screen.
    qtbot.waitUntil(lambda: page.summary.text() == "2 visits found.", timeout=10_000)

    page.name.setText("shah")
    page.search_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.text(0, 3) == "Priya Shah"

    page.name.clear()
    page.person_type.setCurrentIndex(page.person_type.findText("Contractor"))
    page.search_button.click()
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 1 and page.model.text(0, 3) == "Tom Baker", timeout=10_000
    )

    out = tmp_path / "visits.csv"
    page.choose_save_path = lambda: str(out)
    page.export_button.click()
    qtbot.waitUntil(lambda: "exported" in page.message.text(), timeout=10_000)
    assert page.message.text() == f"1 visit exported to {out}."
    text = out.read_text(encoding="utf-8-sig")
    assert "Tom Baker" in text and "Priya" not in text
    assert ",'=SUM(1)," in text  # a formula is written as text


def test_audit_view_for_the_head(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "head")
    window.shell.show_page("audit")
    page = window.shell.pages["audit"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    actions = [page.model.text(r, 3) for r in range(page.model.rowCount())]
    assert "signed in" in actions
    assert page.model.text(0, 1) == "Helen Head"
