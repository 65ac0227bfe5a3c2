"""A real CUPS queue whose printer reports it is out of labels: the kiosk knows before the next visitor.

The queue's device is the kiosk-capture backend in its "?state=media-empty-error" form: it answers a job
as a label printer out of labels does through CUPS's USB backend (``STATE: +media-empty-error``, then
stop), so CUPS itself holds the state the kiosk reads.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from test_label_drivers import CAPTURE_DIR, _need

from kiosk.domain.printers import PrinterState
from kiosk.printing.printers import CupsPrinter
from kiosk.services.common import Deps
from kiosk.services.printing import PRINTER_STATUS, PrintingService

pytestmark = pytest.mark.cups
QUEUE = "KioskNoLabels"


@pytest.fixture
def empty_printer():
    _need("KioskPDF")
    subprocess.run(
        ["lpadmin", "-p", QUEUE, "-E", "-v", f"kiosk-capture:{CAPTURE_DIR}?state=media-empty-error"],
        check=True,
        capture_output=True,
    )
    try:
        yield QUEUE
    finally:
        subprocess.run(["cancel", "-a", QUEUE], capture_output=True)
        subprocess.run(["lpadmin", "-x", QUEUE], capture_output=True)


class _Notifier:
    def __init__(self):
        self.events: list[tuple[str, dict]] = []

    def notify(self, event: str, payload: dict) -> None:
        self.events.append((event, payload))


def test_out_of_labels_is_known_before_the_next_visitor(empty_printer):
    printer = CupsPrinter(empty_printer)
    notifier = _Notifier()
    service = PrintingService(Deps(uow=None, clock=None, notifier=notifier), printer)  # type: ignore[arg-type]
    assert service.check().ready  # a fresh queue: nothing known against it yet
    # The label that runs the roll out: the printer says so, CUPS stops the queue.
    subprocess.run(["lp", "-d", empty_printer], input=b"%!PS\nshowpage\n", check=True, capture_output=True)
    deadline = time.monotonic() + 30
    while printer.status().ready and time.monotonic() < deadline:
        time.sleep(0.2)
    status = service.check()
    assert status.state is PrinterState.OUT_OF_LABELS
    assert service.badge_from_reception() is True
    assert notifier.events[-1][0] == PRINTER_STATUS
    assert notifier.events[-1][1]["message"].startswith(f"Badge printer '{QUEUE}' is out of labels")


def test_doctor_says_the_printer_is_out_of_labels(empty_printer, monkeypatch, tmp_path):
    from kiosk.config import load_settings
    from kiosk.ops.doctor import check_printer

    subprocess.run(["lp", "-d", empty_printer], input=b"%!PS\nshowpage\n", check=True, capture_output=True)
    deadline = time.monotonic() + 30
    while CupsPrinter(empty_printer).status().ready and time.monotonic() < deadline:
        time.sleep(0.2)
    monkeypatch.setenv("KIOSK_PRINTING__PRINTER", empty_printer)
    line = check_printer(load_settings()).line()
    print("\n" + line)
    assert line.startswith("printer: out of labels")
    assert "load a new roll of labels" in line
