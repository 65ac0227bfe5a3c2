"""Staff cards: an A4 sheet of credit-card-sized cards (85.6 × 54 mm), each with a name and a QR code
that signs its owner in or out at the kiosk; and the roll call's missing list (kiosk.printing.reports).

Cut along the grey lines; a card fits a standard lanyard sleeve. The QR code is drawn as vector squares
so it stays sharp on any printer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.documents import RollCallSheet, StaffCard
from kiosk.printing.fonts import BOLD, REGULAR

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5
_CUT = colors.HexColor("#B8C0C6")
_BAND = colors.HexColor("#1F4E79")


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """The text at the largest size up to ``size`` that fits ``width`` (down to 7 pt, then shortened)."""
    while size > 7 and stringWidth(text, font, size) > width:
        size -= 0.5
    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text, size


def _qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    module = size / n
    c.setFillColor(colors.black)
    path = c.beginPath()
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                path.rect(x + col * module, y + (n - r - 1) * module, module, module)
    c.drawPath(path, stroke=0, fill=1)


def _card(c: Canvas, card: StaffCard, x: float, y: float) -> None:
    c.setStrokeColor(_CUT)
    c.setLineWidth(0.4)
    c.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)
    band = 9 * mm
    c.setFillColor(_BAND)
    c.rect(x, y + CARD_H - band, CARD_W, band, stroke=0, fill=1)
    c.setFillColor(colors.white)
    school, size = _fit(card.school_name or "Staff", BOLD, 10, CARD_W - 8 * mm)
    c.setFont(BOLD, size)
    c.drawString(x + 4 * mm, y + CARD_H - band + 3 * mm, school)
    qr = 32 * mm
    _qr(c, card.card_token, x + CARD_W - qr - 4 * mm, y + 5 * mm, qr)
    text_w = CARD_W - qr - 12 * mm
    c.setFillColor(colors.black)
    name, size = _fit(card.name, BOLD, 14, text_w)
    c.setFont(BOLD, size)
    c.drawString(x + 4 * mm, y + CARD_H - band - 9 * mm, name)
    if card.job_title:
        title, size = _fit(card.job_title, REGULAR, 10, text_w)
        c.setFont(REGULAR, size)
        c.drawString(x + 4 * mm, y + CARD_H - band - 15 * mm, title)
    c.setFont(BOLD, 11)
    c.drawString(x + 4 * mm, y + 11 * mm, "STAFF")
    c.setFont(REGULAR, 7.5)
    c.drawString(x + 4 * mm, y + 6 * mm, "Scan at the kiosk to sign in or out")


def render_staff_cards(cards: Sequence[StaffCard]) -> bytes:
    """Staff cards, ten to an A4 page, as PDF bytes."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setTitle("Staff cards")
    c.setCreator("kiosk")
    page_w, page_h = A4
    left = (page_w - COLUMNS * CARD_W) / 2
    top = page_h - (page_h - ROWS * CARD_H) / 2
    per_page = COLUMNS * ROWS
    for i, card in enumerate(cards):
        if i and i % per_page == 0:
            c.showPage()
        slot = i % per_page
        col, row = slot % COLUMNS, slot // COLUMNS
        _card(c, card, left + col * CARD_W, top - (row + 1) * CARD_H)
    c.showPage()
    c.save()
    return buf.getvalue()


class PdfStaffCardRenderer:
    """The staff roll service's renderer: staff cards and the roll call's missing list."""

    def render_staff_cards(self, cards: Sequence[StaffCard]) -> bytes:
        return render_staff_cards(cards)

    def render_roll_call(self, sheet: RollCallSheet) -> bytes:
        from kiosk.printing.reports import render_roll_call

        return render_roll_call(sheet)
