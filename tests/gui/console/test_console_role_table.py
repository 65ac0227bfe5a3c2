"""The role table through the console (pytest-qt): for every console page's action, each role signs
in through the real sign-in page and sees the page only if the table grants it; a role without the
right that forces the page open gets nothing, and the page's own service call refuses it.

Parametrised from the console's navigation (kiosk.ui.console.shell.NAV) and ROLE_TABLE, so a new
page, or a change of the table, is covered automatically.
"""

from __future__ import annotations

import pytest

from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import Role
from kiosk.domain.permissions import ROLE_TABLE, Action
from kiosk.ui.console.shell import NAV
from tests.gui.console.conftest import PINS

STAFF_ROLES = [r.value for r in Role.staff_roles()]

# The service read behind each console page, called with the signed-in actor.
PAGE_READS = {
    "alerts": lambda app, actor: app.alerts.open_alerts(actor),
    "on-site": lambda app, actor: app.sign_in.on_site(actor),
    "bans": lambda app, actor: app.bans.list(actor),
    "cases": lambda app, actor: app.cases.list_cases(actor),
    "visit-log": lambda app, actor: app.sign_in.visits_between(
        actor, *(app.deps.clock.now(), app.deps.clock.now())
    ),
    "audit": lambda app, actor: app.staff.audit_log(actor),
    "staff": lambda app, actor: app.staff.pin_rules(actor.role),  # everyone: their own PIN
    "printers": lambda app, actor: app.printing.system_printers(actor),
    "expected": lambda app, actor: app.expected.day(actor),
    "clearances": lambda app, actor: app.clearances.records(actor),
    "trust": lambda app, actor: app.trust_reports.report(actor),
    "pupils": lambda app, actor: app.pupils.pupils(actor),
}

# A part of a page that only some of the roles that open it see: the action, the part, its service read.
PAGE_PARTS = {
    "staff": (Action.ADMINISTER, lambda page: page.admin_box, lambda app, actor: app.staff.list(actor)),
    # Court orders and do-not-release notes: the safeguarding lead and the head only.
    "pupils": (
        Action.COURT_ORDERS,
        lambda page: page.orders_box,
        lambda app, actor: app.pupils.has_restrictions(actor),
    ),
}


def test_every_console_page_has_a_service_read():
    assert {e.key for e in NAV} == set(PAGE_READS)
    assert set(PAGE_PARTS) <= set(PAGE_READS)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_each_role_sees_and_opens_only_what_the_table_grants(qtbot, app, make_window, sign_in, role):
    window = make_window(app)
    sign_in(window, role)
    actor = window.session.actor
    assert actor is not None and actor.role.value == role
    for entry in NAV:
        granted = Role(role) in ROLE_TABLE[entry.action]
        assert window.shell.nav_buttons[entry.key].isVisible() == granted, entry.key
        window.shell.show_page(entry.key)  # forcing the page open, as a click would
        opened = window.shell.current_key() == entry.key
        assert opened == granted, entry.key
        if granted:
            PAGE_READS[entry.key](app, actor)
        else:
            with pytest.raises(PermissionDenied):
                PAGE_READS[entry.key](app, actor)
        if opened and entry.key in PAGE_PARTS:
            action, part, read = PAGE_PARTS[entry.key]
            part_granted = Role(role) in ROLE_TABLE[action]
            page = window.shell.pages[entry.key]
            qtbot.waitUntil(page.isVisible, timeout=5_000)
            assert part(page).isVisible() == part_granted, entry.key
            if part_granted:
                read(app, actor)
            else:
                with pytest.raises(PermissionDenied):
                    read(app, actor)


def test_the_console_signs_in_with_the_names_on_the_list_only(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "head", "000000", expect_ok=False)
    assert "do not match" in window.sign_in.message.text()
    assert window.session.actor is None
    assert set(PINS) == set(STAFF_ROLES)


def test_the_console_visit_log_export_is_audited(qtbot, app, make_window, sign_in, tmp_path):
    from tests.helpers import sign_in as kiosk_sign_in

    visit = kiosk_sign_in(app, "Priya", "Shah").visit
    window = make_window(app)
    sign_in(window, "receptionist")
    window.shell.show_page("visit-log")
    page = window.shell.pages["visit-log"]
    page.search_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    out = tmp_path / "visits.csv"
    page.choose_save_path = lambda: str(out)
    page.export_button.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    head = app.staff.authenticate(*PINS["head"])
    exports = [e for e in app.staff.audit_log(head) if e.action == "visits exported"]
    assert len(exports) == 1 and exports[0].source == "console" and visit.id in exports[0].entity_ids
