"""``kiosk print-test``: print (or save) a sample badge to check the printer and label size.

kiosk print-test [--label NAME] [--name TEXT] [--out FILE.pdf] [--list-labels] [--list-printers]
                 [--printer NAME] [--report]
"""

from __future__ import annotations

import argparse
import io
import secrets
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.documents import BadgeContent
from kiosk.domain.errors import KioskError
from kiosk.domain.model import PersonType

if TYPE_CHECKING:
    from kiosk.config import Settings

# Long, with a hyphen: the name a badge layout most often gets wrong.
SAMPLE_NAME = "Alexandra Montgomery-Fitzwilliam"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the print-test options to ``parser``."""
    parser.add_argument(
        "--label", metavar="NAME", help="label stock to lay out for (default: printing.label)"
    )
    parser.add_argument(
        "--name", metavar="TEXT", default=SAMPLE_NAME, help=f"name on the badge (default: {SAMPLE_NAME})"
    )
    parser.add_argument(
        "--out", metavar="FILE.pdf", type=Path, help="write the PDF to this file instead of printing"
    )
    parser.add_argument(
        "--list-labels", action="store_true", help="list the label names, one a line, and stop"
    )
    parser.add_argument(
        "--list-printers",
        action="store_true",
        help="list the printers this computer has (name, state, description), one a line, and stop",
    )
    parser.add_argument(
        "--printer",
        metavar="NAME",
        help="print to this printer instead of printing.printer (a CUPS queue, qt:NAME, brother_ql:...)",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print an A4 test page to the report printer (printing.report_printer, or --printer)",
    )


def sample_badge(name: str, settings: Settings) -> BadgeContent:
    """A realistic badge for ``name``, with a fresh token so a scan of it never matches a real visit."""
    return BadgeContent(
        visitor_name=name,
        person_type=PersonType.VISITOR,
        visit_token=f"PRINTTEST-{secrets.token_hex(6).upper()}",
        signed_in_at=datetime.now(settings.zone).replace(tzinfo=None),
        host="Mrs Patel (Year 3)",
        school_name=settings.school.name,
        organisation="Sample Organisation Ltd",
    )


def render_report_test_page(settings: Settings) -> bytes:
    """An A4 test page for the report printer: a 100 mm ruler each way, to see that nothing is scaled."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.printing.fonts import BOLD, REGULAR

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, initialFontName=REGULAR)  # type: ignore[arg-type]  # types-reportlab says float; it is the font's name
    c.setTitle("Printer test")
    c.setFont(BOLD, 20)
    c.drawString(20 * mm, 270 * mm, "Report printer test")
    c.setFont(REGULAR, 11)
    c.drawString(20 * mm, 262 * mm, f"{settings.school.name}: fire roll, letters and reports print here.")
    c.drawString(
        20 * mm, 255 * mm, "Each line below is 100 mm long. Measure it: 100 mm means nothing is scaled."
    )
    c.setLineWidth(0.8)
    c.line(20 * mm, 240 * mm, 120 * mm, 240 * mm)
    c.line(20 * mm, 130 * mm, 20 * mm, 230 * mm)
    for i in range(11):
        c.line((20 + i * 10) * mm, 240 * mm, (20 + i * 10) * mm, 243 * mm)
        c.line(20 * mm, (130 + i * 10) * mm, 23 * mm, (130 + i * 10) * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def print_test_page(settings: Settings, kind: str, printer: str | None = None) -> str:
    """Print a test page: a sample badge on the label (kind "badge") or an A4 page (kind "report").

    ``printer`` is a printer as a setting names it; None: the one in settings. Returns where it went;
    PrintFailed or ConfigError say what is wrong.
    """
    from kiosk.printing.badge import render_badge
    from kiosk.printing.printers import backend_for, label_for

    setting = "printing.printer" if kind == "badge" else "printing.report_printer"
    name = (
        printer
        if printer is not None
        else (settings.printing.printer if kind == "badge" else settings.printing.report_printer)
    )
    if not name.strip():
        raise KioskError("No report printer is chosen: choose one in Settings (printing.report_printer).")
    what = "badge printer" if kind == "badge" else "report printer"
    backend = backend_for(
        name, settings, what=what, setting=setting, raster=None if kind == "badge" else False
    )
    if kind == "badge":
        label = label_for(settings)
        pdf = render_badge(sample_badge(SAMPLE_NAME, settings), label, dpi=settings.printing.dpi)
        return backend.send(pdf, label=label, job_name="badge-printtest")
    return backend.send(render_report_test_page(settings), label=None, job_name="report-printtest")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command; 0 on success, else 1 with one line on stderr (never a traceback)."""
    # Layout and printer modules load here, not at import: `kiosk --help` stays fast.
    from kiosk.printing.badge import render_badge
    from kiosk.printing.labels import get_label, label_names
    from kiosk.printing.printers import backend_for, build_backend, label_for

    if args.list_labels:
        for name in label_names():
            print(name)
        return 0
    try:
        if getattr(args, "list_printers", False):
            from kiosk.printing.qtprint import system_printers

            for p in system_printers():
                default = " (default)" if p.is_default else ""
                print(f"{p.name}\t{p.state}{default}\t{p.description}")
            return 0
        if getattr(args, "report", False):
            where = print_test_page(settings, "report", getattr(args, "printer", None))
            print(f"Printed an A4 test page to {where}")
            return 0
        if args.label:
            try:
                label = get_label(args.label)
            except KeyError as exc:
                raise KioskError(str(exc.args[0])) from None
        else:
            label = label_for(settings)
        name = " ".join((args.name or "").split()) or SAMPLE_NAME
        pdf = render_badge(sample_badge(name, settings), label, dpi=settings.printing.dpi)
        size = f"{label.width_mm:g} x {label.height_mm:g} mm"
        if args.out:
            out = Path(args.out)
            try:
                out.write_bytes(pdf)
            except OSError as exc:
                raise KioskError(f"Cannot write {out}: {exc.strerror or exc}") from None
            print(f"Wrote a sample badge ({label.name}, {size}) to {out}")
            return 0
        chosen = getattr(args, "printer", None)
        backend = (
            backend_for(chosen, settings, what="badge printer", setting="--printer")
            if chosen
            else build_backend(settings)
        )
        where = backend.send(pdf, label=label, job_name="badge-printtest")
        name = chosen or settings.printing.printer
        target = "the badge folder" if name.strip().lower() == "file" else name
        print(f"Printed a sample badge ({label.name}, {size}) to {target}: {where}")
        return 0
    except KioskError as exc:
        print(f"print-test: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a command line tool gives one line, never a traceback
        print(f"print-test: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
