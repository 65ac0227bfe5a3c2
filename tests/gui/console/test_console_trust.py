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


def _sign_in_as_trust_lead(qtbot, app, make_window):
    admin = app.staff.authenticate(*PINS["administrator"])
    app.staff.add(admin, LEAD[0], Role.TRUST_SAFEGUARDING_LEAD, LEAD[1])
    window = make_window(app)
    page = window.sign_in
    qtbot.waitUntil(lambda: page.isVisible(), timeout=10_000)
    page.name.setText(LEAD[0])
    page.pin.setText(LEAD[1])
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
    return window


def _stored_scopes(app) -> dict[str, tuple[str, list]]:
    import json

    import sqlalchemy as sa

    with app.deps.uow.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT name, scope, school_ids FROM bans ORDER BY id")).all()
    return {
        r.name: (r.scope, json.loads(r.school_ids) if isinstance(r.school_ids, str) else r.school_ids)
        for r in rows
    }


def test_the_trust_lead_chooses_who_a_ban_is_for_in_the_ban_editor(qtbot, app, make_window, tmp_path):
    import sqlalchemy as sa
    from PySide6.QtCore import Qt

    from kiosk.domain.model import PersonType
    from tests.gui.console.test_console_bans import fill_editor

    with app.deps.uow.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schools (name, db_role) VALUES ('Hillside Primary', '')"))
    window = _sign_in_as_trust_lead(qtbot, app, make_window)
    window.shell.show_page("bans")
    page = window.shell.pages["bans"]

    page.add_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    assert editor.scope is not None and editor.scope.isVisible()
    assert [editor.scope.itemText(i) for i in range(editor.scope.count())] == [
        "This school",
        "Several schools",
        "The whole trust",
    ]
    assert not editor.schools.isVisible()  # only for "Several schools"
    fill_editor(editor, "Darren Cole")
    editor.scope.setCurrentIndex(editor.scope.findText("The whole trust"))
    editor.resize(1024, 768)
    editor.grab().save(str(tmp_path / "ban-editor-trust.png"))
    editor.save_button.click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert _stored_scopes(app)["Darren Cole"] == ("trust", [])
    assert app.sign_in.screen("Darren", "Cole", PersonType.VISITOR, app.place).held  # approved at once

    page.add_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    fill_editor(editor, "Gary Oldfield")
    editor.scope.setCurrentIndex(editor.scope.findText("Several schools"))
    assert editor.schools.isVisible()
    assert [editor.schools.item(i).text() for i in range(editor.schools.count())] == [
        "The school",  # the default school's name (migration 0010_trust)
        "Hillside Primary",
    ]
    editor.save_button.click()  # no school ticked: said so, nothing saved
    qtbot.waitUntil(lambda: "Tick the schools" in editor.error_line.text(), timeout=5_000)
    for i in range(editor.schools.count()):
        editor.schools.item(i).setCheckState(Qt.CheckState.Checked)
    editor.resize(1024, 768)
    editor.grab().save(str(tmp_path / "ban-editor-schools.png"))
    editor.save_button.click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert _stored_scopes(app)["Gary Oldfield"] == ("schools", [1, 2])

    # Editing it again shows its scope and schools as saved.
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    from tests.gui.console.test_console_bans import select_ban

    select_ban(page, "Gary Oldfield")
    page.edit_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    assert editor.scope.currentText() == "Several schools"
    assert all(editor.schools.item(i).checkState() == Qt.CheckState.Checked for i in range(2))
    editor.reject()


def test_a_school_lead_is_not_offered_the_scope_and_cannot_widen_it(qtbot, app, make_window, sign_in):
    import pytest

    from kiosk.domain.errors import PermissionDenied
    from kiosk.domain.model import Ban
    from tests.gui.console.test_console_bans import fill_editor

    window = make_window(app)
    sign_in(window, "safeguarding lead")
    window.shell.show_page("bans")
    page = window.shell.pages["bans"]
    page.add_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    assert editor.scope is None and editor.schools is None  # no "Applies to" field at all
    fill_editor(editor, "Darren Cole")
    editor.save_button.click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert _stored_scopes(app)["Darren Cole"] == ("school", [])

    lead = window.session.actor
    today = app.deps.clock.today()
    for scope, schools in ((BanScope.TRUST, ()), (BanScope.SCHOOLS, (1,))):
        wider = Ban(
            id=None, name="Gary Oldfield", start=today, categories=("abuse",), scope=scope, school_ids=schools
        )
        with pytest.raises(PermissionDenied):
            app.bans.create(lead, wider)
    [saved] = [b for b in app.bans.list(lead) if b.name == "Darren Cole"]
    from dataclasses import replace

    with pytest.raises(PermissionDenied):
        app.bans.edit(lead, replace(saved, scope=BanScope.TRUST))
    assert _stored_scopes(app)["Darren Cole"] == ("school", [])
