"""A printer's state read from CUPS's own words (lpstat -l -p), and the service that tells reception."""

from __future__ import annotations

import pytest

from kiosk.domain.printers import PrinterState, PrinterStatus
from kiosk.printing.printers import FilePrinter, parse_lpstat_status
from kiosk.services.common import Deps
from kiosk.services.printing import PRINTER_STATUS, PrintingService

# Recorded from CUPS 2.4 (`LC_ALL=C lpstat -l -p QUEUE`), trimmed after the Alerts line.
IDLE = """printer KioskQL570 is idle.  enabled since Tue Dec  1 21:48:50 2026
\tForm mounted:
\tContent types: any
\tDescription: KioskQL570
\tAlerts: none
\tOn fault: no alert
"""
OUT_OF_LABELS = """printer KioskNoLabels disabled since Tue Dec  1 21:51:53 2026 -
\tthe printer reports media-empty-error
\tForm mounted:
\tAlerts: media-empty-error paused
\tOn fault: no alert
"""
SWITCHED_OFF = """printer KioskStopped disabled since Tue Dec  1 21:51:53 2026 -
\tPrinter is switched off
\tAlerts: paused
"""


@pytest.mark.parametrize(
    ("stdout", "state", "ready"),
    [
        (IDLE, PrinterState.READY, True),
        (OUT_OF_LABELS, PrinterState.OUT_OF_LABELS, False),
        (SWITCHED_OFF, PrinterState.STOPPED, False),
        (IDLE.replace("Alerts: none", "Alerts: media-low-warning"), PrinterState.LOW, True),
        (IDLE.replace("Alerts: none", "Alerts: offline-report"), PrinterState.OFFLINE, False),
        (IDLE.replace("Alerts: none", "Alerts: cover-open-error"), PrinterState.COVER_OPEN, False),
        (
            IDLE.replace("Alerts: none", "Alerts: media-low-warning media-jam-error"),
            PrinterState.JAMMED,
            False,
        ),
    ],
)
def test_lpstat_states(stdout, state, ready):
    status = parse_lpstat_status("Q", 0, stdout)
    assert status.state is state
    assert status.ready is ready


def test_a_stopped_queue_keeps_the_printers_own_words():
    status = parse_lpstat_status("KioskStopped", 0, SWITCHED_OFF)
    assert status.detail == "Printer is switched off"
    assert status.message() == (
        "Badge printer 'KioskStopped' is stopped (Printer is switched off): check the printer, then resume "
        "it in the print settings."
    )


def test_missing_queue_and_missing_service():
    missing = parse_lpstat_status("Nope", 1, "", 'lpstat: Invalid destination name in list "Nope".')
    assert missing.state is PrinterState.NOT_FOUND
    down = parse_lpstat_status("Q", 1, "", "lpstat: Unable to connect to server: Connection refused")
    assert down.state is PrinterState.NO_SERVICE


def test_file_printer_is_ready_when_its_folder_is_writable(tmp_path):
    assert FilePrinter(tmp_path / "badges").status().ready
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert FilePrinter(blocked / "badges").status().state is PrinterState.STOPPED


class _Printer:
    """The printer port as the service sees it (an in-memory fake of a port, as services are tested)."""

    def __init__(self, state: PrinterState):
        self.state = state
        self.asked = 0

    def status(self) -> PrinterStatus:
        self.asked += 1
        return PrinterStatus("QL570", self.state)


class _Notifier:
    def __init__(self):
        self.events: list[tuple[str, dict]] = []

    def notify(self, event: str, payload: dict) -> None:
        self.events.append((event, payload))


def _service(printer, notifier, now):
    return PrintingService(
        Deps(uow=None, clock=None, notifier=notifier),  # type: ignore[arg-type]
        printer,
        kiosk_name="Front door",
        max_age_s=15,
        monotonic=lambda: now[0],
    )


def test_the_kiosk_knows_up_front_and_asks_at_most_every_15_seconds():
    printer, notifier, now = _Printer(PrinterState.READY), _Notifier(), [100.0]
    service = _service(printer, notifier, now)
    assert service.badge_from_reception() is False
    printer.state = PrinterState.OUT_OF_LABELS
    now[0] += 5
    assert service.badge_from_reception() is False  # cached: at most 15 s old
    now[0] += 11
    assert service.badge_from_reception() is True
    assert printer.asked == 2


def test_reception_is_told_when_the_printer_stops_and_when_it_prints_again():
    printer, notifier, now = _Printer(PrinterState.READY), _Notifier(), [0.0]
    service = _service(printer, notifier, now)
    service.check()
    assert notifier.events == []  # ready at start: nothing to say
    printer.state = PrinterState.OUT_OF_LABELS
    service.check()
    service.check()  # still out: said once
    printer.state = PrinterState.READY
    service.check()
    assert [(e, p["state"], p["ready"]) for e, p in notifier.events] == [
        (PRINTER_STATUS, "out of labels", False),
        (PRINTER_STATUS, "ready", True),
    ]
    assert notifier.events[0][1]["message"] == (
        "Badge printer 'QL570' is out of labels: load a new roll of labels."
    )


def test_a_printer_that_cannot_be_asked_still_prints():
    class Broken:
        def status(self):
            raise OSError("USB gone")

    service = _service(Broken(), _Notifier(), [0.0])
    assert service.badge_printer_status().state is PrinterState.UNKNOWN
    assert service.badge_from_reception() is False


def test_the_watch_tells_its_listeners_and_reception_on_its_own_thread(tmp_path):
    """A real file printer whose folder cannot be made (its parent is a file), then can."""
    import threading

    from kiosk.domain.events import Change, ChangeEvent

    blocker = tmp_path / "badges"
    blocker.write_text("a file where the badge folder should be")
    printer = FilePrinter(blocker / "today")
    notifier = _Notifier()
    service = PrintingService(Deps(uow=None, clock=None, notifier=notifier), printer, kiosk_name="Front door")  # type: ignore[arg-type]
    heard: list[tuple[bool, str]] = []
    changed = threading.Event()

    def listener(status):
        heard.append((status.ready, threading.current_thread().name))
        changed.set()

    service.subscribe(listener)
    service.start_watch(0.05)
    try:
        assert changed.wait(5)
        assert heard[0] == (False, "printer-watch")
        changed.clear()
        blocker.unlink()
        assert changed.wait(5)
        assert heard[-1] == (True, "printer-watch")
    finally:
        service.stop_watch()
    assert not service.watching
    assert len(heard) == 2, "listeners hear changes, not every poll"
    assert [(p["ready"], p["by"]) for _e, p in notifier.events] == [
        (False, "kiosk:Front door"),
        (True, "kiosk:Front door"),
    ]
    # Heard by a console as the change it is (older programs heard an unknown name as "db.changed").
    event = ChangeEvent.parse(notifier.events[0][0], notifier.events[0][1])
    assert event.change is Change.PRINTER_STATUS and event.payload["ready"] is False


def test_a_watch_that_does_not_report_only_tells_its_own_screens(tmp_path):
    import threading

    blocker = tmp_path / "badges"
    blocker.write_text("x")
    notifier = _Notifier()
    service = PrintingService(Deps(uow=None, clock=None, notifier=notifier), FilePrinter(blocker / "b"))  # type: ignore[arg-type]
    changed = threading.Event()
    service.subscribe(lambda _status: changed.set())
    service.start_watch(0.05, report=False)
    try:
        assert changed.wait(5)
    finally:
        service.stop_watch()
    assert notifier.events == []
    assert service.last_status() is not None and not service.last_status().ready
