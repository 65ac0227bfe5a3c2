"""The fire roll as a service use case: role checked, audited, on the injected clock, printed or saved."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from helpers import sign_in

from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import Actor, PersonType
from kiosk.services.visits import VisitDetails

QUEUE = os.environ.get("KIOSK_TEST_CUPS_QUEUE", "KioskPDF")


class FixedClock:
    """A clock stopped at one moment (the tests must not depend on the time of day)."""

    def __init__(self, at: datetime, zone: ZoneInfo):
        self.at, self.zone = at, zone

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.astimezone(self.zone).date()


def _text(pdf: bytes) -> str:
    # Words only: a narrow column wraps "Collecting Ada Okafor (Robins)" over two lines.
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def on_site(services):
    # 09:30 UTC on 1 September 2026 is 10:30 in London (summer time).
    services.deps.clock = FixedClock(datetime(2026, 9, 1, 9, 30, tzinfo=UTC), services.settings.zone)
    sign_in(services, "Priya", "Shah", details=VisitDetails(host="Mrs Patel", organisation="Local Authority"))
    grace = sign_in(
        services,
        "Grace",
        "Okafor",
        PersonType.COLLECTOR,
        details=VisitDetails(child_name="Ada Okafor", child_class="Robins", relationship="Aunt"),
    )
    return services, grace


def test_fire_roll_lists_everyone_with_collectors_child_on_the_injected_clock(on_site, staff):
    services, grace = on_site
    document = services.reports.fire_roll(staff["receptionist"])

    assert document.roll.printed_at == datetime(2026, 9, 1, 10, 30, tzinfo=services.settings.zone)
    assert document.file_name == "fire-roll-20260901-103000.pdf"
    assert [line.host for line in document.roll.lines] == ["Mrs Patel", "Collecting Ada Okafor (Robins)"]
    text = _text(document.pdf)
    assert "Priya Shah" in text and "Grace Okafor" in text
    assert "Collecting Ada Okafor (Robins)" in text
    assert "Printed Tuesday 1 September 2026 at 10:30" in text
    with services.deps.uow.readonly() as uow:
        entry = uow.audit.list(limit=1)[0]
    assert entry.action == "fire roll made" and entry.actor == f"staff:{staff['receptionist'].staff_id}"
    assert grace.visit.id in entry.entity_ids and entry.detail == "2 visitors and 0 staff on site"
    assert entry.at == datetime(2026, 9, 1, 9, 30, tzinfo=UTC)


def test_fire_roll_checks_the_role_table(on_site):
    services, _ = on_site
    with pytest.raises(PermissionDenied):
        services.reports.fire_roll(Actor.kiosk("Front door"))


def test_without_a_report_printer_the_roll_is_made_and_the_reason_given(on_site, staff):
    services, _ = on_site
    services.reports.printer = None
    result = services.reports.print_fire_roll(staff["receptionist"])
    assert not result.printed
    assert "No report printer is set up" in result.problem
    assert result.document.pdf.startswith(b"%PDF")


def _cups_ready() -> bool:
    if not shutil.which("lp") or not shutil.which("lpstat"):
        return False
    return subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True).returncode == 0


@pytest.fixture
def cups_queue() -> str:
    if not _cups_ready():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no CUPS queue {QUEUE}: run `bash .ci/cups-setup.sh` as root first")
        pytest.skip(f"no CUPS queue {QUEUE}")
    return QUEUE


def _cups_pdf_out_dir() -> Path:
    import pwd
    import re

    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            match = re.match(r"^\s*Out\s+(\S+)", line)
            if match:
                out = match.group(1)
    user = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


@pytest.mark.cups
def test_fire_roll_prints_on_the_report_printer_through_cups(on_site, staff, cups_queue):
    from kiosk.printing.printers import ReportQueuePrinter

    services, _ = on_site
    services.reports.printer = ReportQueuePrinter(cups_queue)
    started = time.time()
    result = services.reports.print_fire_roll(staff["receptionist"])
    assert result.printed, result.problem
    assert result.printer_name == cups_queue
    folder = _cups_pdf_out_dir()
    deadline = time.monotonic() + 60
    found: list[Path] = []
    while time.monotonic() < deadline and not found:
        found = [p for p in folder.glob("Fire-roll*.pdf") if p.stat().st_mtime >= started - 1]
        time.sleep(0.2)
    assert found, f"cups-pdf wrote no fire roll in {folder}"
    time.sleep(0.3)
    text = _text(found[0].read_bytes())
    found[0].unlink()
    assert "Fire roll" in text and "Collecting Ada Okafor (Robins)" in text
    box = pypdf.PdfReader(io.BytesIO(result.document.pdf)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210  # A4, not a badge label
    with services.deps.uow.readonly() as uow:
        assert uow.audit.list(limit=1)[0].action == "fire roll printed"


@pytest.mark.cups
def test_an_offline_report_printer_is_named_and_the_pdf_offered(on_site, staff, cups_queue):
    from kiosk.printing.printers import ReportQueuePrinter

    services, _ = on_site
    services.reports.printer = ReportQueuePrinter("KioskNoSuchReportQueue")
    result = services.reports.print_fire_roll(staff["receptionist"])
    assert not result.printed
    assert "no printer queue called 'KioskNoSuchReportQueue'" in result.problem
    assert result.document.pdf.startswith(b"%PDF")
