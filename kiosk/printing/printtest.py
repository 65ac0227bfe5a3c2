"""``kiosk print-test``: print (or save) a sample badge to check the printer and label size.

kiosk print-test [--label NAME] [--name TEXT] [--out FILE.pdf] [--list-labels]
"""

from __future__ import annotations

import argparse
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


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command; 0 on success, else 1 with one line on stderr (never a traceback)."""
    # Layout and printer modules load here, not at import: `kiosk --help` stays fast.
    from kiosk.printing.badge import render_badge
    from kiosk.printing.labels import get_label, label_names
    from kiosk.printing.printers import build_backend, label_for

    if args.list_labels:
        for name in label_names():
            print(name)
        return 0
    try:
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
        where = build_backend(settings).send(pdf, label=label, job_name="badge-printtest")
        target = (
            "the badge folder"
            if settings.printing.printer.strip().lower() == "file"
            else settings.printing.printer
        )
        print(f"Printed a sample badge ({label.name}, {size}) to {target}: {where}")
        return 0
    except KioskError as exc:
        print(f"print-test: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a command line tool gives one line, never a traceback
        print(f"print-test: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
