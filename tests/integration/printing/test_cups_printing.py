"""Badges printed through a real CUPS server into the cups-pdf queue, and read back from its PDF.

Needs `.ci/cups-setup.sh` (cupsd running, queue KioskPDF on the cups-pdf backend). Skips when CUPS is
not there, except under CI=true, where a missing CUPS is a failure.
"""

from __future__ import annotations

import io
import os
import pwd
import re
import secrets
import shutil
import subprocess
import time
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from kiosk.domain.documents import BadgeContent
from kiosk.domain.errors import PrintFailed
from kiosk.domain.model import PersonType
from kiosk.printing.labels import get_label
from kiosk.printing.printers import CupsPrinter, LabelBadgePrinter

pytestmark = pytest.mark.cups

QUEUE = os.environ.get("KIOSK_TEST_CUPS_QUEUE", "KioskPDF")
PT_PER_MM = 72 / 25.4


def _cups_problem() -> str:
    if not shutil.which("lp") or not shutil.which("lpstat"):
        return "the CUPS client commands (lp, lpstat) are not installed"
    if "scheduler is running" not in subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout:
        return "the CUPS scheduler is not running"
    if subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True).returncode != 0:
        return f"there is no CUPS queue {QUEUE}"
    return ""


@pytest.fixture(scope="module")
def cups_queue() -> str:
    problem = _cups_problem()
    if problem:
        message = f"{problem}: run `bash .ci/cups-setup.sh` as root first"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return QUEUE


def _cups_pdf_out_dir() -> Path:
    """Where cups-pdf writes our jobs: the Out setting of /etc/cups/cups-pdf.conf (default ~/PDF)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            match = re.match(r"^\s*Out\s+(\S+)", line)
            if match:
                out = match.group(1)
    user = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def _wait_for_output(title: str) -> Path:
    folder = _cups_pdf_out_dir()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = sorted(folder.glob(f"{title}*.pdf")) if folder.exists() else []
        if found and found[0].stat().st_size > 0:
            time.sleep(0.3)  # let cups-pdf finish writing
            return found[0]
        time.sleep(0.2)
    pytest.fail(f"cups-pdf wrote no file for job {title!r} in {folder}")


def _badge(token: str) -> BadgeContent:
    from datetime import datetime

    return BadgeContent(
        visitor_name="Alexandra Montgomery-Fitzwilliam",
        person_type=PersonType.CONTRACTOR,
        visit_token=token,
        signed_in_at=datetime(2025, 6, 3, 9, 41),
        host="Mrs Patel (Year 3)",
        school_name="Oakfield Primary School",
    )


def _print_and_read_back(queue: str, label_name: str, *, raster: bool) -> tuple[bytes, str]:
    token = f"CUPS-{secrets.token_hex(5).upper()}"
    printer = LabelBadgePrinter(CupsPrinter(queue, raster=raster, dpi=300), get_label(label_name), dpi=300)
    printer.print_badge(_badge(token))
    # The job's title is "badge-<token prefix>"; cups-pdf names its file after the title.
    path = _wait_for_output(f"badge-{token.replace('-', '')[:6]}")
    data = path.read_bytes()
    path.unlink()
    return data, token


def _qr_codes(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=300 / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def _size_mm(pdf: bytes) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width) / PT_PER_MM, float(box.height) / PT_PER_MM


@pytest.mark.parametrize("raster", [False, True], ids=["pdf", "raster"])
def test_badge_prints_through_cups_at_the_exact_label_size(cups_queue, raster):
    pdf, token = _print_and_read_back(cups_queue, "brother-62x100", raster=raster)
    width, height = _size_mm(pdf)
    assert round(width, 1) == 62.0
    assert round(height, 1) == 100.0
    assert _qr_codes(pdf) == [token]


def test_landscape_label_prints_through_cups(cups_queue):
    pdf, token = _print_and_read_back(cups_queue, "dymo-99012", raster=False)
    assert _size_mm(pdf) == pytest.approx((36, 89), abs=0.5)
    assert _qr_codes(pdf) == [token]


def test_a_missing_queue_on_a_real_server_raises_print_failed(cups_queue):
    with pytest.raises(PrintFailed, match="no printer queue called 'KioskNoSuchQueue'"):
        CupsPrinter("KioskNoSuchQueue").send(b"%PDF-1.4", label=get_label("brother-62x100"))


def test_a_stopped_printer_raises_print_failed(cups_queue):
    stopped = "KioskStopped"
    subprocess.run(["lpadmin", "-p", stopped, "-v", "cups-pdf:/", "-E"], check=True, capture_output=True)
    try:
        subprocess.run(
            ["cupsdisable", "-r", "Printer is switched off", stopped], check=True, capture_output=True
        )
        with pytest.raises(PrintFailed, match=r"'KioskStopped' is not available: the printer is stopped"):
            CupsPrinter(stopped).send(b"%PDF-1.4", label=get_label("brother-62x100"))
    finally:
        subprocess.run(["lpadmin", "-x", stopped], capture_output=True)
