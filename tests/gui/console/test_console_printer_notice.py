"""Reception's notice of stopped badge printers: two kiosks on one SQLite database, the console live on it.

Each kiosk's PrintingService watches a real file printer whose folder is blocked (its parent is a file) and
then freed; the console hears each change through its SQLite feed (the audit rows) and keeps one line per
printer, so one printer coming back leaves the other's notice up.
"""

from __future__ import annotations

from kiosk.printing.printers import FilePrinter
from kiosk.services.printing import PrintingService


def test_one_line_per_stopped_printer(qtbot, sqlite_services, tmp_path):
    from kiosk.app import build_app
    from kiosk.ui.console.window import ConsoleWindow

    console_services = build_app(sqlite_services.settings, live=True, clock=sqlite_services.deps.clock)
    try:
        console = ConsoleWindow(console_services)
        qtbot.addWidget(console)
        console.show()
        blocked = {}
        kiosks = {}
        for name in ("Front door", "Side gate"):
            blocked[name] = tmp_path / name
            blocked[name].write_text("a file where the badge folder should be")
            kiosks[name] = PrintingService(
                sqlite_services.deps, FilePrinter(blocked[name] / "badges"), kiosk_name=name
            )
        front, side = kiosks["Front door"], kiosks["Side gate"]
        assert not front.check().ready and not side.check().ready
        notice = console.printer_notice
        qtbot.waitUntil(lambda: notice.isVisible() and notice.text().count("is stopped") == 2, timeout=5000)
        assert str(tmp_path / "Front door") in notice.text() and str(tmp_path / "Side gate") in notice.text()

        blocked["Front door"].unlink()
        assert front.check().ready
        qtbot.waitUntil(lambda: str(tmp_path / "Front door") not in notice.text(), timeout=5000)
        assert notice.isVisible() and str(tmp_path / "Side gate") in notice.text()

        blocked["Side gate"].unlink()
        assert side.check().ready
        qtbot.waitUntil(lambda: not notice.isVisible(), timeout=5000)
    finally:
        from kiosk.ui.ops import wait_for_ops

        wait_for_ops()
        console_services.dispose()
