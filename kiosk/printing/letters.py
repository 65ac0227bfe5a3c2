"""Letters of the breach process as A4 PDFs, from text templates the school can edit.

A template is a UTF-8 text file in resources/letters/ (or the school's own letters folder) with
``$placeholders`` filled by ``string.Template``. Its first line is ``Subject: ...``; after it a blank
line separates paragraphs, each line is a line, ``## `` starts a heading, ``- `` a bullet,
``**words**`` are bold, and a paragraph starting ``[if name]`` appears only when ``$name`` has a
value. The letterhead, date, recipient's address and page footer are laid out here, not in the
template. resources/letters/README.md lists every placeholder.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.domain.cases import TEMPLATE_TITLES, LetterContent
from kiosk.domain.errors import InvalidInput
from kiosk.printing.fonts import BOLD, REGULAR
from kiosk.printing.reports import numbered_canvas
from kiosk.resources_path import resource_path

TEMPLATE_NAMES = tuple(TEMPLATE_TITLES)
_IF = re.compile(r"^\[if (\w+)\]\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ACCENT = colors.HexColor("#1F6F8B")


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # "para", "heading", "bullets"
    lines: tuple[str, ...]


def template_folder() -> Path:
    """The shipped templates (resources/letters)."""
    return resource_path("letters")


class TemplateLetterRenderer:
    """Renders letters from templates: the school's folder first (when set), then the shipped ones."""

    def __init__(self, folder: str | Path | None = None, accent_colour: str = "#1F6F8B"):
        self.folder = Path(folder).expanduser() if folder else None
        try:
            self.accent = colors.HexColor(accent_colour)
        except ValueError:
            self.accent = _ACCENT

    def template_text(self, name: str) -> str:
        """The text of a template; raises InvalidInput naming the file when it is missing or unreadable."""
        if name not in TEMPLATE_NAMES:
            raise InvalidInput(f"There is no letter template called {name!r}.")
        candidates = [self.folder / f"{name}.txt"] if self.folder else []
        candidates.append(template_folder() / f"{name}.txt")
        for path in candidates:
            if path.is_file():
                try:
                    return path.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError) as exc:
                    raise InvalidInput(f"The letter template {path} cannot be read ({exc}).") from None
        raise InvalidInput(f"The letter template {name}.txt is missing from {candidates[-1].parent}.")

    def render(self, letter: LetterContent) -> bytes:
        """The letter as A4 PDF bytes."""
        subject, blocks = parse_template(self.template_text(letter.template), letter.fields, letter.template)
        if letter.draft:
            subject = f"DRAFT: {subject}" if subject else "DRAFT"
        return _layout(subject, blocks, letter.fields, self.accent, draft=letter.draft)


def parse_template(text: str, fields: dict[str, str], name: str = "letter") -> tuple[str, list[_Block]]:
    """Split a template into its subject and blocks, with placeholders filled (values XML-escaped)."""
    lines = text.replace("\r\n", "\n").split("\n")
    subject = ""
    if lines and lines[0].lower().startswith("subject:"):
        subject = _fill(lines[0].split(":", 1)[1].strip(), fields, name, markup=False)
        lines = lines[1:]
    blocks: list[_Block] = []
    for chunk in re.split(r"\n\s*\n", "\n".join(lines)):
        chunk = chunk.strip("\n")
        if not chunk.strip() or chunk.lstrip().startswith("#!"):  # "#!" lines are notes for the editor
            continue
        condition = _IF.match(chunk)
        if condition:
            key = condition.group(1)
            if key not in fields:
                raise InvalidInput(f"Letter template {name}.txt: [if {key}] names an unknown placeholder.")
            if not fields[key].strip():
                continue
            chunk = chunk[condition.end() :]
        raw = [ln.rstrip() for ln in chunk.split("\n")]
        if raw[0].startswith("## "):
            blocks.append(_Block("heading", (_fill(raw[0][3:], fields, name),)))
            raw = raw[1:]
            if not raw:
                continue
        if all(ln.lstrip().startswith("- ") for ln in raw if ln.strip()):
            items = tuple(_fill(ln.lstrip()[2:], fields, name) for ln in raw if ln.strip())
            blocks.append(_Block("bullets", items))
        else:
            filled = tuple(_fill(ln, fields, name) for ln in raw)
            if any(ln.strip() for ln in filled):
                blocks.append(_Block("para", filled))
    return subject, blocks


def _fill(text: str, fields: dict[str, str], name: str, *, markup: bool = True) -> str:
    safe = {k: escape(v) for k, v in fields.items()}
    try:
        out = Template(escape(text)).substitute(safe)
    except KeyError as exc:
        raise InvalidInput(
            f"Letter template {name}.txt uses ${exc.args[0]}, which is not a known placeholder "
            "(see resources/letters/README.md)."
        ) from None
    except ValueError as exc:
        raise InvalidInput(
            f"Letter template {name}.txt has a stray $ sign ({exc}); write $$ for a $."
        ) from None
    return _BOLD.sub(r"<b>\1</b>", out) if markup else out


def _styles(accent) -> dict[str, ParagraphStyle]:
    return {
        "school": ParagraphStyle("school", fontName=BOLD, fontSize=17, leading=21, textColor=accent),
        "address": ParagraphStyle("address", fontName=REGULAR, fontSize=9.5, leading=12, textColor="#333333"),
        "date": ParagraphStyle("date", fontName=REGULAR, fontSize=10.5, leading=13.5, alignment=TA_RIGHT),
        "to": ParagraphStyle("to", fontName=REGULAR, fontSize=10.5, leading=13.5),
        "private": ParagraphStyle("private", fontName=BOLD, fontSize=9.5, leading=12, textColor="#444444"),
        "subject": ParagraphStyle(
            "subject", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=2 * mm, spaceAfter=3 * mm
        ),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=13.6, spaceAfter=2.6 * mm),
        "heading": ParagraphStyle(
            "heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=1 * mm, spaceAfter=1 * mm
        ),
        "bullet": ParagraphStyle("bullet", fontName=REGULAR, fontSize=10.5, leading=14),
        # "Yours sincerely," leaves room for a signature above the name.
        "signoff": ParagraphStyle("signoff", fontName=REGULAR, fontSize=10.5, leading=14, spaceAfter=12 * mm),
    }


def _draft_watermark(canvas, _doc) -> None:
    """DRAFT across the top of every page (in the margin, so the letter's text stays readable and
    searchable), so a draft letter cannot pass for one that was sent."""
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#B00020"))
    canvas.rect(0, A4[1] - 11 * mm, A4[0], 11 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(BOLD, 15)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 7.5 * mm, "DRAFT - NOT TO BE SENT - the ban is not in force")
    canvas.restoreState()


def _layout(
    subject: str, blocks: list[_Block], fields: dict[str, str], accent, *, draft: bool = False
) -> bytes:
    st = _styles(accent)
    school = escape(fields.get("school_name", ""))
    address = "<br/>".join(
        escape(p.strip()) for p in re.split(r"[,\n]", fields.get("school_address", "")) if p.strip()
    )
    head = Table(
        [[Paragraph(school, st["school"]), Paragraph(address, st["address"])]],
        colWidths=[105 * mm, 65 * mm],
        hAlign="LEFT",
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story: list[Flowable] = [
        head,
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=2, color=accent, spaceAfter=5 * mm),
    ]
    recipient = [fields.get("recipient_name", "")]
    recipient += [p.strip() for p in re.split(r"[,\n]", fields.get("recipient_address", "")) if p.strip()]
    story += [
        Paragraph("PRIVATE AND CONFIDENTIAL", st["private"]),
        Spacer(1, 2 * mm),
        Paragraph("<br/>".join(escape(r) for r in recipient if r), st["to"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(fields.get("date", "")), st["date"]),
        Paragraph(f"Our reference: {escape(fields.get('case_ref', ''))}", st["date"]),
        Spacer(1, 3 * mm),
    ]
    if subject:
        story.append(Paragraph(subject, st["subject"]))
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            story.append(Paragraph(block.lines[0], st["heading"]))
        elif block.kind == "bullets":
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(item, st["bullet"]), leftIndent=12) for item in block.lines],
                    bulletType="bullet",
                    start="•",
                    leftIndent=12,
                    bulletFontName=REGULAR,
                    spaceAfter=3 * mm,
                )
            )
            story.append(Spacer(1, 1 * mm))
        else:
            style = st["signoff"] if block.lines[0].startswith("Yours ") else st["body"]
            para = Paragraph("<br/>".join(block.lines), style)
            # The sign-off (the last paragraph) stays on a page with the one before it.
            if i == len(blocks) - 1 and story:
                story[-1] = KeepTogether([story[-1], para])
            else:
                story.append(para)
    footer = f"{fields.get('school_name', '')} · Private and confidential · Ref {fields.get('case_ref', '')}"
    if draft:
        footer = "DRAFT, not to be sent · " + footer
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
        title=subject or "Letter",
        author=fields.get("school_name", ""),
        creator="kiosk",
    )
    marks = {"onFirstPage": _draft_watermark, "onLaterPages": _draft_watermark} if draft else {}
    doc.build(
        story,
        canvasmaker=numbered_canvas(footer, A4[0], margin_mm=20, baseline_mm=10, colour="#555555"),
        **marks,
    )
    return buf.getvalue()
