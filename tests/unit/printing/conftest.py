"""Helpers to read badges back: text, page size in mm, and the QR code (pypdfium2 + zxing-cpp)."""

from __future__ import annotations

import io
from datetime import datetime

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from kiosk.domain.documents import BadgeContent
from kiosk.domain.model import PersonType

PT_PER_MM = 72 / 25.4


def page_size_mm(pdf: bytes, page: int = 0) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[page].mediabox
    return float(box.width) / PT_PER_MM, float(box.height) / PT_PER_MM


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def words_of(text: str) -> set[str]:
    # A name broken after its hyphen reads back as "Montgomery-\nFitzwilliam": join it again.
    return set(text.replace("-\n", "-").split())


def decode_qr(pdf: bytes, dpi: int = 300) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def make_badge(name: str = "Alexandra Montgomery-Fitzwilliam", **kw) -> BadgeContent:
    values = {
        "visitor_name": name,
        "person_type": PersonType.VISITOR,
        "visit_token": "V7Q2K9XW-4MPA-83TZ-LQ",
        "signed_in_at": datetime(2025, 6, 3, 9, 41),
        "host": "Mrs Patel (Year 3)",
        "school_name": "Oakfield Primary School",
        "organisation": "Acme Electrical Ltd",
    }
    values.update(kw)
    return BadgeContent(**values)


@pytest.fixture
def badge() -> BadgeContent:
    return make_badge()
