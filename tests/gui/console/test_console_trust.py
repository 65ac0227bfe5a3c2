"""The console's Trust page (pytest-qt): the trust safeguarding lead sees the trust's report; no school role
sees the page (the role table test covers the rest)."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.model import BanScope, Role
from tests.gui.console.conftest import PINS
from tests.helpers import add_ban

LEAD = ("Tara Trust", "24681357")


def test_the_trust_lead_reads_the_trust_report_in_the_console(qtbot, app, make_window, sign_in, tmp_path):
    admin = app.staff.authenticate(*PINS["administrator"])
    app.staff.add(admin, LEAD[0], Role.TRUST_SAFEGUARDING_LEAD, LEAD[1])
    lead = app.staff.authenticate(*LEAD)
    today = app.deps.clock.today()
    add_ban(app, lead, name="Darren Cole", scope=BanScope.TRUST, review_date=today + timedelta(days=5))
    add_ban(app, lead, name="Gary Oldfield", scope=BanScope.SCHOOLS, school_ids=(1,))
    window = make_window(app)
    page = window.sign_in
    qtbot.waitUntil(lambda: page.isVisible(), timeout=10_000)
    page.name.setText(LEAD[0])
    page.pin.setText(LEAD[1])
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
    shell = window.shell
    assert shell.nav_buttons["trust"].isVisible()
    shell.show_page("trust")
    trust = shell.pages["trust"]
    qtbot.waitUntil(lambda: trust.report is not None, timeout=20_000)
    assert trust.bans.rowCount() == 1
    assert [trust.bans.item(0, c).text() for c in range(4)] == ["The school", "0", "1", "1"]
    assert trust.reviews.rowCount() == 1 and trust.reviews.item(0, 3).text() == "Darren Cole"
    assert trust.reviews.item(0, 4).text() == "whole trust"
    assert trust.incidents.item(0, 1).text() == "0"
    window.resize(1024, 768)
    window.grab().save(str(tmp_path / "trust.png"))
    entries = app.staff.audit_log(admin, 20)
    assert any(e.action == "trust report read" for e in entries)


def test_a_school_head_has_no_trust_page(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "head")
    assert not window.shell.nav_buttons["trust"].isVisible()
    window.shell.show_page("trust")
    assert window.shell.current_key() != "trust"
