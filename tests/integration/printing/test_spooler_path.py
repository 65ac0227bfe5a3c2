"""The Windows printing branch (kiosk.platform.print_system() == "spooler"), faked, through Qt and real CUPS.

On Windows every named printer goes through Qt's print support, whose state comes from the spooler; on
Linux the same Qt code reads CUPS. So with the platform faked, the kiosk's backend, its state and
`kiosk doctor`'s line are the Windows code path, answered by real queues. Not tested on Windows.
"""

from __future__ import annotations

import subprocess

import pytest
from test_label_drivers import _need

from kiosk import platform
from kiosk.config import Settings

pytestmark = pytest.mark.cups


@pytest.fixture
def windows(monkeypatch, qapp):
    _need("KioskPDF")
    monkeypatch.setattr(platform, "SYSTEM", "win32")


def _settings(printer: str) -> Settings:
    settings = Settings()
    settings.printing.printer = printer
    return settings


def test_doctor_asks_the_spooler_through_qt(windows):
    from kiosk.ops.doctor import check_printer
    from kiosk.printing.printers import build_backend
    from kiosk.printing.qtprint import QtPrinter

    assert isinstance(build_backend(_settings("KioskPDF")), QtPrinter)
    assert check_printer(_settings("KioskPDF")).line() == "printer: ok — 'KioskPDF' is ready"
    line = check_printer(_settings("Office Printer 3")).line()
    assert (
        line == "printer: not found — there is no printer 'Office Printer 3' (Settings > Printers lists them)"
    )


def test_a_paused_printer_is_known_through_the_spooler_path(windows):
    from kiosk.domain.printers import PrinterState
    from kiosk.ops.doctor import check_printer
    from kiosk.printing.printers import build_backend

    queue = "KioskSpoolerTest"
    made = subprocess.run(
        ["lpadmin", "-p", queue, "-E", "-v", "kiosk-capture:/var/spool/kiosk-capture"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    try:
        subprocess.run(["cupsdisable", queue], check=True, capture_output=True)
        status = build_backend(_settings(queue)).status()
        assert status.state is PrinterState.STOPPED and not status.ready
        line = check_printer(_settings(queue)).line()
        assert line.startswith(f"printer: stopped — the printer '{queue}' is paused")
        assert line.endswith("resume it in Settings > Printers")
    finally:
        subprocess.run(["lpadmin", "-x", queue], capture_output=True, check=False)
