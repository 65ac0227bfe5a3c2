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


def test_on_site_list_sign_out_reprint_and_fire_roll(qtbot, app, make_window, sign_in, printer):
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

    opened = []
    page.open_file = opened.append
    page.fire_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened[0].read_bytes().startswith(b"%PDF")
    assert opened[0].parent == app.settings.badge_folder()


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
    sign_in_visitor(app, "Tom", "Baker", PersonType.CONTRACTOR)
    window = make_window(app)
    sign_in(window, "receptionist")
    window.shell.show_page("visit-log")
    page = window.shell.pages["visit-log"]
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)

    page.name.setText("shah")
    page.search_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.table.item(0, 3).text() == "Priya Shah"

    page.name.clear()
    page.person_type.setCurrentIndex(page.person_type.findText("Contractor"))
    page.search_button.click()
    qtbot.waitUntil(
        lambda: page.table.rowCount() == 1 and page.table.item(0, 3).text() == "Tom Baker", timeout=10_000
    )

    out = tmp_path / "visits.csv"
    page.choose_save_path = lambda: str(out)
    page.export_button.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert "Tom Baker" in out.read_text(encoding="utf-8-sig")


def test_audit_view_for_the_head(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "head")
    window.shell.show_page("audit")
    page = window.shell.pages["audit"]
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    actions = [page.table.item(r, 3).text() for r in range(page.table.rowCount())]
    assert "signed in" in actions
    assert page.table.item(0, 1).text() == "Helen Head"
