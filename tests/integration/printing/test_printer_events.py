"""A kiosk's printer change reaches another program's event feed, on SQLite (the audit row) and PostgreSQL
(NOTIFY), as a "printer.status" event carrying the printer's name, its sentence and whether it prints."""

from __future__ import annotations

import threading

from kiosk.domain.events import Change, ChangeEvent
from kiosk.domain.printers import READY_ACTION, STOPPED_ACTION
from kiosk.printing.printers import FilePrinter
from kiosk.services.printing import PrintingService


def test_a_printer_change_reaches_the_other_programs_feed(services, tmp_path):
    from kiosk.alerts.feed import build_feed

    blocker = tmp_path / "badges"
    blocker.write_text("a file where the badge folder should be")
    printer = FilePrinter(blocker / "today")
    kiosk = PrintingService(services.deps, printer, kiosk_name="Front door")
    feed = build_feed(services.deps.uow.engine)
    heard: list[ChangeEvent] = []
    arrived = threading.Event()

    def on_event(event: ChangeEvent) -> None:
        if event.change is Change.PRINTER_STATUS:
            heard.append(event)
            arrived.set()

    feed.subscribe(on_event)
    try:
        assert feed.ready.wait(10)
        assert not kiosk.check().ready
        assert arrived.wait(10)
        arrived.clear()
        blocker.unlink()
        assert kiosk.check().ready
        assert arrived.wait(10)
    finally:
        feed.stop()
    stopped, ready = heard[0], heard[-1]
    assert stopped.payload["ready"] is False and ready.payload["ready"] is True
    assert stopped.payload["printer"] == printer.status().printer == f"the badge folder {blocker / 'today'}"
    assert str(stopped.payload["message"]).startswith(
        f"Badge printer 'the badge folder {blocker / 'today'}' is stopped"
    )
    assert stopped.by == "kiosk:Front door"
    with services.deps.uow.readonly() as uow:
        actions = [e.action for e in uow.audit.list() if e.entity == "printer"]
    assert actions == [READY_ACTION, STOPPED_ACTION]  # newest first
