"""The kiosk knows its badge printer stopped before a visitor starts, and reception hears at once.

A real CUPS queue of its own (the kiosk-capture backend, nothing is printed) is stopped with ``cupsdisable``
while a kiosk window and a reception console run as two programs on one SQLite file: the kiosk's printer
watch sees it within a poll, the Welcome and details pages say the badge comes from reception, the sign-in
completes at once with the badge left to reception, and the console shows the notice (through the audit
row its SQLite feed reads). ``cupsenable`` takes every notice down again. The queue is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from kiosk.domain.model import PersonType, VisitStatus
from kiosk.domain.printers import READY_ACTION, STOPPED_ACTION
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.ops import wait_for_ops
from tests.gui.kiosk.conftest import Visitor

pytestmark = pytest.mark.cups
QUEUE = "KioskWatchTest"
CAPTURE_DIR = Path(os.environ.get("KIOSK_CAPTURE_DIR", "/var/spool/kiosk-capture"))


def _cups(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), capture_output=True, text=True, check=False)


@pytest.fixture
def queue():
    problem = ""
    if shutil.which("lpadmin") is None or shutil.which("cupsdisable") is None:
        problem = "the CUPS admin tools are not installed"
    elif _cups("lpstat", "-p", "KioskPDF").returncode != 0:
        problem = "CUPS is not set up"
    if problem:
        message = f"{problem}: run `bash .ci/cups-setup.sh` as root first"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    made = _cups("lpadmin", "-p", QUEUE, "-E", "-v", f"kiosk-capture:{CAPTURE_DIR}")
    assert made.returncode == 0, made.stderr
    try:
        yield QUEUE
    finally:
        _cups("cancel", "-a", QUEUE)
        _cups("lpadmin", "-x", QUEUE)


@pytest.fixture
def programs(queue, tmp_path, clock):
    """The kiosk's services and the console's, two programs on one SQLite file, both live."""
    from kiosk.app import build_app
    from kiosk.config import Settings

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    settings.printing.printer = queue
    settings.printing.watch_s = 1.0
    settings.printing.folder = str(tmp_path / "badges")
    clock.zone = settings.zone
    kiosk = build_app(settings, live=True, clock=clock)
    console = build_app(settings, live=True, clock=clock)
    try:
        yield kiosk, console
    finally:
        wait_for_ops()
        kiosk.dispose()
        console.dispose()


def _printer_audit(services) -> list[tuple[str, str]]:
    with services.deps.uow.readonly() as uow:
        rows = uow.audit.list()
    return [(r.action, r.detail) for r in reversed(rows) if r.entity == "printer"]


def test_a_stopped_printer_is_told_up_front_and_to_reception(qtbot, programs, queue):
    from kiosk.ui.console.window import ConsoleWindow
    from kiosk.ui.kiosk.main import build_kiosk_window

    kiosk_services, console_services = programs
    console = ConsoleWindow(console_services)
    qtbot.addWidget(console)
    console.show()
    window = build_kiosk_window(kiosk_services)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    visitor = Visitor(qtbot, window)
    printing = kiosk_services.printing
    assert printing is not None and printing.watching
    qtbot.waitUntil(lambda: printing.last_status() is not None, timeout=5000)
    assert printing.last_status().ready, printing.last_status()
    assert not window.welcome.badge_notice.isVisible()
    assert not console.printer_notice.isVisible()

    try:
        stopped = _cups("cupsdisable", "-r", "Printer is switched off", queue)
        assert stopped.returncode == 0, stopped.stderr
        started = time.monotonic()
        # Within one poll (1 s here, printing.watch_s = 5 s by default), before anyone touches the kiosk.
        qtbot.waitUntil(window.welcome.badge_notice.isVisible, timeout=5000)
        noticed_s = time.monotonic() - started
        assert "your badge will be handed to you at reception" in window.welcome.badge_notice.text()
        assert "ban" not in window.welcome.badge_notice.text().lower()
        qtbot.waitUntil(console.printer_notice.isVisible, timeout=5000)
        reception_s = time.monotonic() - started
        text = console.printer_notice.text()
        assert f"Badge printer '{queue}' is stopped (Printer is switched off)" in text, text
        print(f"\nkiosk noticed in {noticed_s:.2f} s, reception in {reception_s:.2f} s")
        assert [a for a, _ in _printer_audit(kiosk_services)] == [STOPPED_ACTION]

        # The visitor is told before they sign in, and is not kept waiting for a print that cannot come.
        visitor.start_sign_in(PersonType.VISITOR)
        visitor.give_name("Priya", "Shah")
        visitor.sees(Step.DETAILS)
        assert window.details_page.badge_notice.isVisible()
        assert window.details_page.badge_notice.text() == "Your badge will be handed to you at reception."
        visitor.give_details(host="Mrs Patel", organisation="Local Authority")
        visitor.sees(Step.POLICY)
        visitor.read_policy_to_end()
        agreed = time.monotonic()
        visitor.tap(window.policy_page.agree_button)
        visitor.sees(Step.DONE)
        assert time.monotonic() - agreed < kiosk_services.settings.printing.timeout_s
        assert "Your badge will be handed to you at reception." in visitor.screen_text()

        def on_site():
            with kiosk_services.deps.uow.readonly() as uow:
                (visit,) = uow.visits.with_status([VisitStatus.ON_SITE], kiosk_services.place.site_id)
            return visit

        # The badge is printed (and its outcome recorded) once the Done page is up.
        qtbot.waitUntil(lambda: on_site().badge_state != "pending", timeout=5000)
        visit = on_site()
        assert visit.badge_state == "failed" and "stopped" in visit.badge_error
        visitor.tap(window.done_page.button)
        visitor.sees(Step.WELCOME)
        assert window.welcome.badge_notice.isVisible(), "the notice stays for the next visitor"
    finally:
        enabled = _cups("cupsenable", queue)
    assert enabled.returncode == 0, enabled.stderr
    qtbot.waitUntil(lambda: not window.welcome.badge_notice.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: not console.printer_notice.isVisible(), timeout=5000)
    assert not window.details_page.badge_notice.isVisible()
    assert [a for a, _ in _printer_audit(kiosk_services)] == [STOPPED_ACTION, READY_ACTION]
