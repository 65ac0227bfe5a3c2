"""The Visit log and the Audit log on Qt models fed a page at a time: one query per page, newest first."""

from __future__ import annotations

from PySide6.QtCore import QDate
from sqlalchemy import event

from benchmarks.bench_console_data import fill


def _queries(engine, log: list[str]):
    def seen(_conn, _cursor, statement, *_args) -> None:
        log.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    return lambda: event.remove(engine, "before_cursor_execute", seen)


def test_visit_log_shows_a_year_a_page_at_a_time(qtbot, app, make_window, sign_in):
    fill(app, visits=450, audit_rows=450)
    window = make_window(app)
    sign_in(window, "receptionist")
    page = window.shell.pages["visit-log"]
    today = app.deps.clock.today()
    page.date_from.setDate(QDate(today.year, today.month, today.day).addDays(-365))
    window.shell.show_page("visit-log")
    qtbot.waitUntil(lambda: page.summary.text() == "450 visits found.", timeout=10_000)
    assert page.model.rowCount() == 200  # only the first page is read
    with app.deps.uow.readonly() as uow:
        shown = [uow.visits.get(page.model.keys[i]).signed_in_at for i in range(200)]
    assert shown == sorted(shown, reverse=True)  # newest first

    statements: list[str] = []
    stop = _queries(app.deps.uow.engine, statements)
    try:
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda: page.model.rowCount() == 400, timeout=10_000)
    finally:
        stop()
    # One query for the page (the held-visitor check may run meanwhile: it reads visits alone).
    assert len([s for s in statements if "FROM visits JOIN people" in s]) == 1, statements
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=10_000)
    assert not page.model.canFetchMore()


def test_a_new_search_replaces_the_one_still_running(qtbot, app, make_window, sign_in):
    fill(app, visits=300, audit_rows=10)
    window = make_window(app)
    sign_in(window, "receptionist")
    page = window.shell.pages["visit-log"]
    today = app.deps.clock.today()
    page.date_from.setDate(QDate(today.year, today.month, today.day).addDays(-365))
    window.shell.show_page("visit-log")
    page.name.setText("zzz-nobody")
    page.search_button.click()  # still queued or running when the next search starts
    page.name.setText("")
    page.search_button.click()
    qtbot.waitUntil(lambda: page.summary.text() == "300 visits found.", timeout=10_000)
    qtbot.wait(300)
    assert page.model.rowCount() == 200 and page.summary.text() == "300 visits found."


def test_audit_log_loads_older_entries_as_it_scrolls(qtbot, app, make_window, sign_in):
    fill(app, visits=10, audit_rows=500)
    window = make_window(app)
    sign_in(window, "head")
    window.shell.show_page("audit")
    page = window.shell.pages["audit"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 200, timeout=10_000)
    assert page.model.text(0, 3) == "signed in" and page.model.text(0, 1) == "Helen Head"  # newest first
    assert page.more_button.isEnabled()
    page.more_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400, timeout=10_000)
