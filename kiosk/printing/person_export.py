"""The subject access export as a readable A4 PDF: everything held about one person, section by section.

It renders the same JSON-ready dict that is saved beside it (kiosk.services.privacy.export_person),
so the PDF and the JSON never disagree. Every field that holds something is shown with a plain label;
times are shown in the school's time zone; signatures are drawn as images.
"""

from __future__ import annotations

import base64
import io
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.printing.fonts import BOLD, REGULAR

_GRID = colors.HexColor("#9AA5AE")
_LABEL_BG = colors.HexColor("#F0F3F5")

_LABELS = {
    "id": "Record number",
    "first_name": "First name",
    "last_name": "Surname",
    "person_type": "Type",
    "organisation": "Organisation",
    "phone": "Phone",
    "email": "Email",
    "car_registration": "Car registration",
    "has_visitor_pass": "Has a visitor pass",
    "first_seen": "First recorded",
    "site": "Site",
    "kiosk": "Signed in at",
    "signed_in_at": "Signed in",
    "signed_out_at": "Signed out",
    "status": "Status",
    "name_as_typed": "Name as typed",
    "host": "Visiting",
    "purpose": "Purpose",
    "child_name": "Child collected",
    "child_class": "Child's class",
    "relationship": "Relationship to child",
    "badge_printed": "Badge printed",
    "policy_version_id": "Code of Conduct version",
    "screening": "Screening result",
    "policy_title": "Policy",
    "policy_sha256": "Policy text fingerprint (SHA-256)",
    "acknowledged_at": "Acknowledged",
    "visit_id": "Visit",
    "raised_at": "Raised",
    "band": "Band",
    "decision": "Decision",
    "decided_at": "Decided",
    "note": "Note",
    "ban_id": "Ban record",
    "matched_name": "Name on the ban list",
    "reasons": "Why it matched",
    "dismissed_at": "Dismissed",
    "expires_at": "Expires",
    "revoked_at": "Revoked",
    "name": "Name",
    "aliases": "Also known as",
    "date_of_birth": "Date of birth",
    "categories": "Behaviour",
    "reason": "Reason",
    "incident_summary": "Incident summary",
    "stage": "Stage",
    "site_ids": "Sites",
    "start": "From",
    "end": "Until",
    "review_date": "Review date",
    "conditions": "Conditions",
    "lifted_reason": "Reason lifted",
}
# Fields that are shown another way (images) or carry nothing a reader needs.
_SKIP = {"signature_png_base64", "photo", "approved_by", "created_by", "recorded_by", "opened_by", "by"}


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=2 * mm),
        "sub": ParagraphStyle("sub", fontName=REGULAR, fontSize=10, leading=13),
        "h2": ParagraphStyle(
            "h2", fontName=BOLD, fontSize=14, leading=17, spaceBefore=6 * mm, spaceAfter=2 * mm
        ),
        "h3": ParagraphStyle(
            "h3", fontName=BOLD, fontSize=11, leading=14, spaceBefore=3 * mm, spaceAfter=1 * mm
        ),
        "label": ParagraphStyle("label", fontName=BOLD, fontSize=9, leading=11.5),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11.5),
        "note": ParagraphStyle("note", fontName=REGULAR, fontSize=10, leading=13, spaceBefore=2 * mm),
    }


class _Formatter:
    def __init__(self, zone_name: str):
        try:
            self.zone = ZoneInfo(zone_name or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            self.zone = ZoneInfo("UTC")

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "" or value == [] or value == {}:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return "; ".join(self.value(key, v) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{k}: {self.value(k, v)}" for k, v in value.items())
        if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and value[10:11] == "T":
            try:
                at = datetime.fromisoformat(value)
            except ValueError:
                return value
            if at.tzinfo is not None:
                at = at.astimezone(self.zone)
            return f"{at.day} {at:%B %Y} at {at:%H:%M}"
        if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
            try:
                d = datetime.fromisoformat(value)
                return f"{d.day} {d:%B %Y}"
            except ValueError:
                return value
        return str(value)


def _record(st: dict[str, ParagraphStyle], fmt: _Formatter, record: dict[str, Any]) -> Table | None:
    rows = []
    for key, value in record.items():
        if (
            key in _SKIP
            or isinstance(value, list | dict)
            and key in ("steps", "letters", "attachments", "case")
        ):
            continue
        text = fmt.value(key, value)
        if not text:
            continue
        label = _LABELS.get(key, key.replace("_", " ").capitalize())
        rows.append([Paragraph(escape(label), st["label"]), Paragraph(escape(text), st["cell"])])
    if not rows:
        return None
    table = Table(rows, colWidths=[50 * mm, 130 * mm])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), _LABEL_BG),
                ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _signature(b64: str) -> Flowable | None:
    if not b64:
        return None
    try:
        raw = base64.b64decode(b64)
        reader = ImageReader(io.BytesIO(raw))
        w, h = reader.getSize()
    except Exception:  # noqa: BLE001 - a damaged image is described, not drawn
        return None
    width = min(60 * mm, w)
    return Image(io.BytesIO(raw), width=width, height=width * h / max(w, 1))


def _section(story: list, st, fmt: _Formatter, title: str, items: list[dict[str, Any]], heading, empty: str):
    story.append(Paragraph(escape(title), st["h2"]))
    if not items:
        story.append(Paragraph(escape(empty), st["note"]))
        return
    for item in items:
        parts: list[Flowable] = [Paragraph(escape(heading(item)), st["h3"])]
        table = _record(st, fmt, item)
        if table is not None:
            parts.append(table)
        image = _signature(item.get("signature_png_base64", ""))
        if image is not None:
            parts += [Spacer(1, 1 * mm), Paragraph("Signature:", st["label"]), image]
        story.append(KeepTogether(parts))
        for sub_key, sub_title in (("attachments", "Attachments"), ("case", "Case")):
            sub = item.get(sub_key)
            if sub:
                story.append(Paragraph(sub_title, st["h3"]))
                for entry in sub if isinstance(sub, list) else [sub]:
                    t = _record(st, fmt, entry)
                    if t is not None:
                        story += [t, Spacer(1, 1 * mm)]
                if isinstance(sub, dict):
                    for step in sub.get("steps", []):
                        t = _record(st, fmt, step)
                        if t is not None:
                            story += [Paragraph("Step", st["label"]), t]
                    for letter in sub.get("letters", []):
                        t = _record(st, fmt, letter)
                        if t is not None:
                            story += [Paragraph("Letter", st["label"]), t]


def render_person_export(data: dict[str, Any]) -> bytes:
    """Everything held about one person (the export dict) as A4 PDF bytes."""
    st = _styles()
    fmt = _Formatter(str(data.get("time_zone", "UTC")))
    person = data.get("person") or {}
    name = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
    if not name and data.get("bans"):
        name = str(data["bans"][0].get("name", ""))
    status = str(data.get("status", "draft"))
    story: list[Flowable] = [
        Paragraph(f"Personal data held about {escape(name)}", st["title"]),
        Paragraph(
            "DRAFT: for review by a second member of staff; not to be released"
            if status == "draft"
            else f"Reviewed and approved by {escape(str(data.get('approved_by', '')))}",
            st["sub"],
        ),
        Paragraph(escape(data.get("school", "")), st["sub"]),
        Paragraph(f"Made {escape(fmt.value('made_at', data.get('made_at', '')))}", st["sub"]),
        Paragraph(
            "This is every record the school's reception system holds about this person. The same records "
            "are in the JSON file made with it.",
            st["note"],
        ),
    ]
    if data.get("withheld"):
        story.append(Paragraph(escape(data["withheld"]), st["note"]))
    story.append(Paragraph("Personal details", st["h2"]))
    table = _record(st, fmt, person)
    if table is not None:
        story.append(table)

    def when(key: str):
        return lambda item: f"{fmt.value(key, item.get(key, '')) or 'Record'} (record {item.get('id', '')})"

    _section(
        story, st, fmt, "Visits", data.get("visits", []), when("signed_in_at"), "No visits are recorded."
    )
    _section(
        story,
        st,
        fmt,
        "Code of Conduct acknowledgements",
        data.get("acknowledgements", []),
        when("acknowledged_at"),
        "No acknowledgements are recorded.",
    )
    _section(
        story,
        st,
        fmt,
        "Expected visits (bookings)",
        data.get("expected_visits", []),
        when("expected_on"),
        "No bookings are recorded.",
    )
    _section(
        story,
        st,
        fmt,
        "Single central record (checks)",
        data.get("single_central_record", []),
        when("expires_on"),
        "No checks are recorded.",
    )
    _section(
        story,
        st,
        fmt,
        "Collecting children (authorised collector)",
        data.get("authorised_collector", []),
        lambda item: f"Authorised to collect {item.get('child', '')}",
        "Not listed as anyone's collector.",
    )
    _section(
        story,
        st,
        fmt,
        "Collections held at the door",
        data.get("collection_holds", []),
        when("raised_at"),
        "No collection was held.",
    )
    if data.get("staff_roll"):
        _section(
            story,
            st,
            fmt,
            "Staff roll",
            data.get("staff_roll", []),
            when("job_title"),
            "Not on the staff roll.",
        )
        _section(
            story,
            st,
            fmt,
            "Staff time on site",
            data.get("staff_time_on_site", []),
            when("signed_in_at"),
            "No times on site are recorded.",
        )
    if data.get("includes_safeguarding_records"):
        _section(story, st, fmt, "Screening alerts", data.get("alerts", []), when("raised_at"), "None.")
        _section(
            story,
            st,
            fmt,
            "Matches ruled out ('not the same person')",
            data.get("dismissed_matches", []),
            when("dismissed_at"),
            "None.",
        )
        _section(
            story,
            st,
            fmt,
            "Ban records",
            data.get("bans", []),
            lambda b: f"Ban record {b.get('id', '')}",
            "None.",
        )
        if "incidents" in data:
            _section(
                story,
                st,
                fmt,
                "Incidents and cases",
                data.get("incidents", []),
                lambda i: f"Incident record {i.get('id', '')}",
                "None.",
            )
    _section(
        story,
        st,
        fmt,
        "Audit log entries about these records",
        data.get("audit_log", []),
        when("at"),
        "None.",
    )
    buf = io.BytesIO()
    footer = f"Subject access export {'(DRAFT) ' if status == 'draft' else ''}· {name} · made {fmt.value('made_at', data.get('made_at', ''))}"

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawString(15 * mm, 9 * mm, footer)
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"Personal data held about {name}",
        author="",
        creator="kiosk",
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
