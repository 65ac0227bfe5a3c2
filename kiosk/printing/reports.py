"""Reports as PDFs: the fire roll (everyone on site, for the evacuation roll call) and the visit log.

Both are A4 with "Page n of N" on every page, and table headers that repeat on every page, so a sheet
picked up on its own at the assembly point still makes sense.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.domain.documents import FireRoll, RollCallSheet, RosterLine, VisitLog
from kiosk.domain.model import PersonType
from kiosk.printing.fonts import BOLD, REGULAR

_GRID = colors.HexColor("#9AA5AE")
_HEAD_BG = colors.HexColor("#E3E8EC")
_ZEBRA = colors.HexColor("#F5F7F8")

_PLURAL = {
    PersonType.VISITOR: "Visitors",
    PersonType.CONTRACTOR: "Contractors",
    PersonType.PARENT: "Parents/carers",
    PersonType.COLLECTOR: "Collectors",
    PersonType.VOLUNTEER: "Volunteers",
    PersonType.SUPPLY_STAFF: "Supply staff",
    PersonType.GOVERNOR: "Governors",
}


def _styles() -> dict[str, ParagraphStyle]:
    # Built per document: ParagraphStyle objects are mutable, so none is shared between threads.
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=20, leading=24, spaceAfter=2 * mm),
        "sub": ParagraphStyle("sub", fontName=REGULAR, fontSize=11, leading=14),
        "total": ParagraphStyle("total", fontName=BOLD, fontSize=13, leading=17, spaceBefore=2 * mm),
        "group": ParagraphStyle(
            "group", fontName=BOLD, fontSize=13, leading=16, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
        "small_group": ParagraphStyle(
            "small_group", fontName=BOLD, fontSize=11, leading=14, spaceBefore=3 * mm, spaceAfter=1.5 * mm
        ),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9.5, leading=11.5),
        "cell_bold": ParagraphStyle("cell_bold", fontName=BOLD, fontSize=10, leading=12),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=9.5, leading=11.5),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=9, leading=11),
        "right": ParagraphStyle("right", fontName=REGULAR, fontSize=9, leading=11, alignment=TA_RIGHT),
        "empty": ParagraphStyle("empty", fontName=REGULAR, fontSize=12, leading=16, spaceBefore=6 * mm),
    }


# ---------------------------------------------------------------- fire roll


def render_fire_roll(roll: FireRoll) -> bytes:
    """The fire roll: staff on site, then visitors grouped by type, a tick box each, as A4 PDF bytes.

    Each line has the time of its last change (when they came on site); a checked type's visitors say
    "Cleared" or "Must be escorted" (the single central record).
    """
    st = _styles()
    story: list[Flowable] = [
        Paragraph("Fire roll", st["title"]),
        Paragraph(escape(_place(roll.school_name, roll.site_name)), st["sub"]),
        Paragraph(f"Printed {escape(_when(roll.printed_at))}", st["sub"]),
    ]
    if roll.last_change is not None:
        story.append(Paragraph(f"Last sign-in or sign-out: {roll.last_change:%H:%M}", st["sub"]))
    groups = _group(roll.lines)
    total = roll.total
    story.append(Paragraph(f"On site now: {total} {'person' if total == 1 else 'people'}", st["total"]))
    if total:
        parts = ([f"Staff: {len(roll.staff)}"] if roll.staff else []) + [
            f"{_PLURAL[t]}: {len(lines)}" for t, lines in groups
        ]
        story.append(Paragraph(escape(" · ".join(parts)), st["sub"]))
    else:
        story.append(Paragraph("Nobody is signed in on this site.", st["empty"]))

    if roll.staff:
        rows: list[list[object]] = [
            [
                Paragraph("Here", st["head"]),
                *(Paragraph(h, st["head"]) for h in ("Name", "Job title", "In at")),
            ]
        ]
        for s in sorted(roll.staff, key=lambda ln: (ln.name.casefold(), ln.signed_in_at)):
            rows.append(
                [
                    _TickBox(5 * mm),
                    Paragraph(escape(s.name), st["cell_bold"]),
                    Paragraph(escape(s.job_title), st["cell"]),
                    Paragraph(f"{s.signed_in_at:%H:%M}", st["cell"]),
                ]
            )
        table = Table(rows, colWidths=[12 * mm, 70 * mm, 72 * mm, 24 * mm], repeatRows=1)
        table.setStyle(_table_style(len(rows)))
        story += [Paragraph(f"Staff ({len(roll.staff)})", st["group"]), table]
    if groups:
        story.append(Paragraph(f"Visitors ({len(roll.lines)})", st["group"]))
    widths = [12 * mm, 54 * mm, 26 * mm, 32 * mm, 36 * mm, 18 * mm]
    for person_type, lines in groups:
        rows = [
            [
                Paragraph("Here", st["head"]),
                *(Paragraph(h, st["head"]) for h in ("Name", "Organisation", "Visiting", "Check", "In at")),
            ]
        ]
        for line in lines:
            rows.append(
                [
                    _TickBox(5 * mm),
                    Paragraph(escape(line.name), st["cell_bold"]),
                    Paragraph(escape(line.organisation), st["cell"]),
                    Paragraph(escape(line.host), st["cell"]),
                    Paragraph(escape(line.clearance), st["cell_bold" if line.clearance else "cell"]),
                    Paragraph(f"{line.signed_in_at:%H:%M}", st["cell"]),
                ]
            )
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_table_style(len(rows)))
        heading = Paragraph(f"{escape(_PLURAL[person_type])} ({len(lines)})", st["small_group"])
        story += [heading, table]
    story += [Spacer(1, 8 * mm), _sign_off(st)]
    footer = f"Fire roll · {_place(roll.school_name, roll.site_name)} · printed {_when(roll.printed_at)}"
    return _build(story, A4, footer, title="Fire roll")


def render_roll_call(sheet: RollCallSheet) -> bytes:
    """A roll call's missing list: everyone not yet ticked at the assembly point, as A4 PDF bytes."""
    st = _styles()
    n = len(sheet.missing)
    story: list[Flowable] = [
        Paragraph("Roll call: missing", st["title"]),
        Paragraph(escape(_place(sheet.school_name, sheet.site_name)), st["sub"]),
        Paragraph(
            f"Roll call begun {escape(_when(sheet.started_at))} · printed {sheet.printed_at:%H:%M}", st["sub"]
        ),
        Paragraph(
            f"Missing: {n} {'person' if n == 1 else 'people'} · accounted for: {sheet.present_count}",
            st["total"],
        ),
    ]
    if not sheet.missing:
        story.append(Paragraph("Everyone on the roll call has been accounted for.", st["empty"]))
    else:
        rows: list[list[object]] = [[Paragraph(h, st["head"]) for h in ("Found", "Name", "Group", "Details")]]
        for group, name, detail in sheet.missing:
            rows.append(
                [
                    _TickBox(5 * mm),
                    Paragraph(escape(name), st["cell_bold"]),
                    Paragraph(escape(group), st["cell"]),
                    Paragraph(escape(detail), st["cell"]),
                ]
            )
        table = Table(rows, colWidths=[14 * mm, 62 * mm, 26 * mm, 76 * mm], repeatRows=1)
        table.setStyle(_table_style(len(rows)))
        story.append(Spacer(1, 3 * mm))
        story.append(table)
    footer = f"Roll call · {_place(sheet.school_name, sheet.site_name)} · printed {_when(sheet.printed_at)}"
    return _build(story, A4, footer, title="Roll call: missing")


def _sign_off(st: dict[str, ParagraphStyle]) -> Flowable:
    rows = [
        [Paragraph("Roll call taken by", st["small"]), "", Paragraph("Time", st["small"]), ""],
        [Paragraph("Everyone accounted for", st["small"]), _TickBox(5 * mm), "", ""],
    ]
    table = Table(rows, colWidths=[45 * mm, 70 * mm, 15 * mm, 40 * mm], rowHeights=[10 * mm, 10 * mm])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return KeepTogether([table])


# ---------------------------------------------------------------- visit log


def render_visit_log(log: VisitLog) -> bytes:
    """The visit log for a date range: one row per visit, A4 landscape, as PDF bytes."""
    st = _styles()
    period = _period(log.date_from, log.date_to)
    count = len(log.lines)
    story: list[Flowable] = [
        Paragraph("Visit log", st["title"]),
        Paragraph(escape(_place(log.school_name, log.site_name)), st["sub"]),
        Paragraph(escape(period), st["sub"]),
        Paragraph(
            f"{count} visit{'' if count == 1 else 's'} · printed {escape(_when(log.printed_at))}", st["sub"]
        ),
        Spacer(1, 4 * mm),
    ]
    if not log.lines:
        story.append(Paragraph("No visits in this period.", st["empty"]))
    else:
        heads = ("Date", "Name", "Type", "Organisation", "Visiting", "In", "Out", "Status", "Kiosk")
        rows: list[list[object]] = [[Paragraph(h, st["head"]) for h in heads]]
        for line in sorted(log.lines, key=lambda ln: ln.signed_in_at):
            rows.append(
                [
                    Paragraph(f"{line.signed_in_at.day} {line.signed_in_at:%b %Y}", st["cell"]),
                    Paragraph(escape(line.name), st["cell_bold"]),
                    Paragraph(escape(line.person_type.label), st["cell"]),
                    Paragraph(escape(line.organisation), st["cell"]),
                    Paragraph(escape(line.host), st["cell"]),
                    Paragraph(f"{line.signed_in_at:%H:%M}", st["cell"]),
                    Paragraph(_out(line), st["cell"]),
                    Paragraph(escape(line.status), st["cell"]),
                    Paragraph(escape(line.kiosk), st["cell"]),
                ]
            )
        widths = [22, 48, 25, 38, 45, 13, 17, 25, 28]
        table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
        table.setStyle(_table_style(len(rows)))
        story.append(table)
    footer = f"Visit log · {_place(log.school_name, log.site_name)} · {period}"
    return _build(story, landscape(A4), footer, title="Visit log")


def _out(line: RosterLine) -> str:
    if line.signed_out_at is None:
        return "—"
    if line.signed_out_at.date() != line.signed_in_at.date():
        return f"{line.signed_out_at:%H:%M} ({line.signed_out_at.day} {line.signed_out_at:%b})"
    return f"{line.signed_out_at:%H:%M}"


# ---------------------------------------------------------------- shared


class _TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float):
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setLineWidth(1)
        self.canv.setStrokeColor(colors.black)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _table_style(n_rows: int) -> TableStyle:
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), _ZEBRA) for r in range(2, n_rows, 2)]
    return TableStyle(commands)


def numbered_canvas(
    footer: str, page_w: float, *, margin_mm: float = 15, baseline_mm: float = 9, colour: str = "#444444"
) -> type[Canvas]:
    """A canvas class that writes "Page n of N" and the footer once it knows how many pages there are."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(REGULAR, 8.5)
                self.setFillColor(colors.HexColor(colour))
                self.drawString(margin_mm * mm, baseline_mm * mm, footer)
                self.drawRightString(page_w - margin_mm * mm, baseline_mm * mm, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _build(story: list[Flowable], pagesize: tuple[float, float], footer: str, *, title: str) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="",
        creator="kiosk",
    )
    doc.build(story, canvasmaker=numbered_canvas(footer, pagesize[0]))
    return buf.getvalue()


def _group(lines: Iterable[RosterLine]) -> list[tuple[PersonType, list[RosterLine]]]:
    by_type: dict[PersonType, list[RosterLine]] = {}
    for line in lines:
        by_type.setdefault(line.person_type, []).append(line)
    order: Callable[[RosterLine], tuple[str, datetime]] = lambda ln: (ln.name.casefold(), ln.signed_in_at)  # noqa: E731
    return [(t, sorted(by_type[t], key=order)) for t in PersonType if t in by_type]


def _place(school: str, site: str) -> str:
    return " — ".join(p for p in (school, site) if p)


def _when(at: datetime) -> str:
    return f"{at:%A} {at.day} {at:%B %Y} at {at:%H:%M}"


def _period(start: datetime, end: datetime) -> str:
    first = f"{start.day} {start:%B %Y}"
    last = f"{end.day} {end:%B %Y}"
    return first if first == last else f"{first} to {last}"


class PdfReportRenderer:
    """The services' ReportRenderer port: the layouts above."""

    def render_fire_roll(self, roll: FireRoll) -> bytes:
        return render_fire_roll(roll)

    def render_visit_log(self, log: VisitLog) -> bytes:
        return render_visit_log(log)
