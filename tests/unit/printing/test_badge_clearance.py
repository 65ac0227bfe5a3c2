"""The single central record's word on the badge: in words and colour, on every label, never dropped."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from kiosk.domain.model import PersonType
from kiosk.printing.badge import render_badge
from kiosk.printing.labels import LABELS
from tests.unit.printing.conftest import decode_qr, make_badge, pdf_text

SIXTY_NAME = "Maximilian-Alexander Bartholomew Featherstonehaugh-Wolfenden"


def _png(pdf: bytes) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[0].render(scale=100 / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def _pixels(image: Image.Image):
    raw = image.tobytes()
    return zip(raw[0::3], raw[1::3], raw[2::3], strict=True)


def _red(image: Image.Image) -> int:
    return sum(1 for r, g, b in _pixels(image) if r > 150 and g < 60 and b < 80)


def _green(image: Image.Image) -> int:
    return sum(1 for r, g, b in _pixels(image) if g > 80 and r < 60 and b < 80)


@pytest.mark.parametrize("label_name", sorted(LABELS))
@pytest.mark.parametrize("word", ["Must be escorted", "Cleared"])
def test_the_word_is_printed_on_every_label_even_with_a_long_name(label_name, word):
    badge = make_badge(SIXTY_NAME, person_type=PersonType.CONTRACTOR, clearance=word)
    pdf = render_badge(badge, LABELS[label_name])
    assert word.upper() in pdf_text(pdf)
    assert decode_qr(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        for ch in page.chars:
            assert -0.5 <= ch["x0"] and ch["x1"] <= page.width + 0.5, ch["text"]


def test_escorted_is_red_and_cleared_is_green_on_a_sheet_label():
    escorted = _png(
        render_badge(
            make_badge(person_type=PersonType.CONTRACTOR, clearance="Must be escorted"), LABELS["a6"]
        )
    )
    cleared = _png(
        render_badge(make_badge(person_type=PersonType.CONTRACTOR, clearance="Cleared"), LABELS["a6"])
    )
    plain = _png(render_badge(make_badge(person_type=PersonType.CONTRACTOR), LABELS["a6"]))
    assert _red(escorted) > 2000 and _red(cleared) < 50 and _red(plain) < 50
    assert _green(cleared) > 200 and _green(escorted) < _green(cleared) // 4


def test_a_visitor_badge_has_no_clearance_line():
    assert "ESCORTED" not in pdf_text(render_badge(make_badge(), LABELS["a6"]))
    assert "CLEARED" not in pdf_text(render_badge(make_badge(), LABELS["a6"]))
