"""The subject access PDF: every section a person would look for, readable labels, signatures drawn."""

from __future__ import annotations

import base64
import io

from PIL import Image
from pypdf import PdfReader

from kiosk.printing.person_export import render_person_export


def png() -> str:
    buf = io.BytesIO()
    Image.new("RGB", (100, 30), "white").save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def data(**extra) -> dict:
    d = {
        "school": "Oakfield Primary School",
        "made_at": "2026-03-01T10:00:00+00:00",
        "time_zone": "Europe/London",
        "includes_safeguarding_records": False,
        "withheld": "Records about possible matches are not in this export.",
        "person": {"id": 4, "first_name": "Zebedee", "last_name": "Quarmby", "phone": "07700 900123"},
        "visits": [
            {"id": 9, "signed_in_at": "2026-02-27T08:45:00+00:00", "host": "Mrs Patel", "child_name": ""},
        ],
        "acknowledgements": [
            {
                "id": 2,
                "acknowledged_at": "2026-02-27T08:44:00+00:00",
                "policy_title": "Code of Conduct",
                "signature_png_base64": png(),
            },
        ],
    }
    d.update(extra)
    return d


def text_of(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages), reader


def test_pdf_shows_the_person_their_visits_and_what_was_left_out():
    body, reader = text_of(render_person_export(data()))
    assert "Personal data held about Zebedee Quarmby" in body
    assert "07700 900123" in body and "Mrs Patel" in body and "Code of Conduct" in body
    assert "27 February 2026 at 08:45" in body  # local time, in words
    assert "Visiting" in body and "host" not in body  # labels, not field names
    assert "not in this export" in body
    assert "Screening alerts" not in body
    images = [img for page in reader.pages for img in page.images]
    assert images, "the signature is drawn"


def test_pdf_with_safeguarding_records_has_those_sections():
    body, _ = text_of(
        render_person_export(
            data(
                includes_safeguarding_records=True,
                withheld=None,
                alerts=[{"id": 1, "raised_at": "2026-02-27T08:45:00+00:00", "decision": "release"}],
                dismissed_matches=[],
                bans=[{"id": 3, "name": "Zebedee Quarmby", "reason": "Threatened staff at the gate"}],
                incidents=[],
            )
        )
    )
    for heading in ("Screening alerts", "Ban records", "Incidents and cases", "Threatened staff at the gate"):
        assert heading in body
