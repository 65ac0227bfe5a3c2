"""The Qt print path (QPrinter; the Windows spooler there) tested through real CUPS queues here.

- the cups-pdf queue KioskPDF returns the PDF CUPS made of the job: its page must be the label's size
  exactly and its QR code must decode, for all six badge sizes; an A4 report keeps its pages and size;
- the Brother QL-570 and DYMO LabelWriter 450 driver queues: the bytes decode to the same badge as the
  PDF (same checks as test_label_drivers.py).
"""

from __future__ import annotations

import io
import secrets
import time
from datetime import datetime

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from test_cups_printing import _cups_pdf_out_dir
from test_label_drivers import (
    DRIVERS,
    NAME_AGREEMENT,
    TOLERANCE_MM,
    _badge,
    _need,
    _output_dir,
    measure,
)

from kiosk.domain.errors import PrintFailed
from kiosk.printing.badge import render_badge
from kiosk.printing.labels import LABELS, get_label
from kiosk.printing.qtprint import QtPrinter, system_printers

pytestmark = pytest.mark.cups

PT_PER_MM = 72 / 25.4


def _wait_for_pdf(title: str) -> bytes:
    """The PDF cups-pdf wrote for the job, once it is whole (it writes a big job over some seconds)."""
    folder = _cups_pdf_out_dir()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = sorted(folder.glob(f"{title}*.pdf")) if folder.exists() else []
        if found and found[0].stat().st_size > 0:
            data = found[0].read_bytes()
            try:
                pypdf.PdfReader(io.BytesIO(data), strict=True).pages[-1].mediabox  # noqa: B018
            except Exception:  # noqa: BLE001 - not finished yet
                time.sleep(0.5)
                continue
            found[0].unlink()
            return data
        time.sleep(0.2)
    pytest.fail(f"cups-pdf wrote no whole file for job {title!r} in {folder}")


def _sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width) / PT_PER_MM, float(p.mediabox.height) / PT_PER_MM)
        for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


def _qr(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=300 / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_the_system_printers_are_listed(qapp):
    _need("KioskPDF")
    names = {p.name: p for p in system_printers()}
    assert {"KioskPDF", "KioskDymo450", "KioskQL570"} <= set(names)
    assert names["KioskPDF"].ready


@pytest.mark.parametrize("label_name", list(LABELS))
def test_badge_through_qt_to_cups_pdf_is_the_exact_label_size(qapp, label_name):
    _need("KioskPDF")
    label = get_label(label_name)
    token = f"QT-{secrets.token_hex(6).upper()}"
    title = f"badge-qt{secrets.token_hex(3)}"
    QtPrinter("KioskPDF").send(render_badge(_badge(token), label, dpi=300), label=label, job_name=title)
    out = _wait_for_pdf(title)
    (width, height), *rest = _sizes_mm(out)
    print(f"\nQt -> KioskPDF {label_name}: {width:.2f} x {height:.2f} mm; QR {_qr(out)}")
    assert not rest, "one badge, one page"
    assert width == pytest.approx(label.width_mm, abs=0.1)
    assert height == pytest.approx(label.height_mm, abs=0.1)
    assert _qr(out) == [token]


def test_a4_report_through_qt_keeps_its_pages_and_size(qapp):
    _need("KioskPDF")
    from kiosk.domain.documents import FireRoll, RosterLine
    from kiosk.domain.model import PersonType
    from kiosk.printing.reports import render_fire_roll

    lines = tuple(
        RosterLine(f"Visitor {i:03d}", PersonType.VISITOR, datetime(2025, 6, 3, 9, i % 60), host="Reception")
        for i in range(120)
    )
    pdf = render_fire_roll(
        FireRoll("Oakfield Primary School", "Main site", datetime(2025, 6, 3, 10, 0), lines)
    )
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 2, "the test needs a report of several pages"
    title = f"report-qt{secrets.token_hex(3)}"
    QtPrinter("KioskPDF", what="report printer").send(pdf, label=None, job_name=title)
    sizes = _sizes_mm(_wait_for_pdf(title))
    print(f"\nQt -> KioskPDF fire roll: {len(sizes)} pages of {sizes[0][0]:.1f} x {sizes[0][1]:.1f} mm")
    assert len(sizes) == pages
    for w, h in sizes:
        assert (w, h) == pytest.approx((210, 297), abs=0.5)


@pytest.mark.parametrize(
    ("driver", "label_name"), [("brother-ql570", "brother-62x100"), ("dymo-lw450", "dymo-99014")]
)
def test_badge_through_qt_and_a_real_driver(qapp, driver, label_name, tmp_path):
    from test_label_drivers import CAPTURE_DIR

    spec = DRIVERS[driver]
    _need(spec.queue)
    label = get_label(label_name)
    token = f"QTD-{secrets.token_hex(6).upper()}"
    pdf = render_badge(_badge(token), label, dpi=300)
    before = set(CAPTURE_DIR.glob(f"{spec.queue}-*.prn"))
    QtPrinter(spec.queue).send(pdf, label=label, job_name="badge-qt")
    deadline = time.monotonic() + 60
    new: set = set()
    while not new and time.monotonic() < deadline:
        time.sleep(0.2)
        new = set(CAPTURE_DIR.glob(f"{spec.queue}-*.prn")) - before
    assert new, "the driver produced nothing"
    path = new.pop()
    pages = spec.decode(path.read_bytes())
    path.unlink()
    assert len(pages) == 1
    pages[0].image.save(_output_dir(tmp_path) / f"qt-{driver}-{label_name}.png")
    m = measure(label, pdf, pages[0])
    print(f"\nQt -> {driver} {m.line()}")
    assert m.qr_text == token
    assert m.qr_side_mm == pytest.approx(m.pdf_qr_side_mm, abs=TOLERANCE_MM)
    assert m.clipped_mm <= TOLERANCE_MM
    assert m.ink_mm == pytest.approx(m.pdf_ink_mm, abs=TOLERANCE_MM)
    assert m.name_agreement >= NAME_AGREEMENT


def test_an_unknown_printer_names_the_ones_there_are(qapp):
    _need("KioskPDF")
    with pytest.raises(PrintFailed, match=r"no printer of that name\. The printers it has: .*KioskPDF"):
        QtPrinter("KioskNoSuchPrinter").send(b"%PDF-1.4", label=get_label("a6"))


def test_print_test_lists_printers_and_prints_to_one_and_to_the_report_printer(qapp, capsys):
    import argparse

    from kiosk.config import PrintingSettings, Settings
    from kiosk.printing import printtest

    _need("KioskPDF")

    def run(argv, settings):
        parser = argparse.ArgumentParser(prog="kiosk print-test")
        printtest.add_arguments(parser)
        return printtest.run(parser.parse_args(argv), settings)

    settings = Settings(printing=PrintingSettings(label="a6", report_printer="qt:KioskPDF"))
    assert run(["--list-printers"], settings) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("KioskPDF\tidle") for line in listed)
    assert run(["--printer", "KioskPDF"], settings) == 0
    assert "to KioskPDF" in capsys.readouterr().out
    out = _wait_for_pdf("badge-printtest")
    assert _sizes_mm(out)[0] == pytest.approx((105, 148), abs=0.1)
    assert _qr(out)[0].startswith("PRINTTEST-")
    assert run(["--report"], settings) == 0
    assert "A4 test page to KioskPDF" in capsys.readouterr().out
    assert _sizes_mm(_wait_for_pdf("report-printtest"))[0] == pytest.approx((210, 297), abs=0.5)


def test_print_test_report_without_a_report_printer_says_what_to_do(capsys):
    import argparse

    from kiosk.config import Settings
    from kiosk.printing import printtest

    parser = argparse.ArgumentParser(prog="kiosk print-test")
    printtest.add_arguments(parser)
    assert printtest.run(parser.parse_args(["--report"]), Settings()) == 1
    assert capsys.readouterr().err.strip() == (
        "print-test: No report printer is chosen: choose one in Settings (printing.report_printer)."
    )
