"""Visitor badge layout: BadgeContent + Label -> PDF bytes (reportlab, vector QR code).

What the badge shows, most important first; when a label is short of room the last items go first:

1. the visitor's name (wraps to two lines, then shrinks; never cut)
2. the visitor type: a band in the type's colour *and* its own pattern and shape, with the word printed,
   so it reads for colour-blind people and on black-only thermal labels
3. the date (and sign-in time)
4. the QR code carrying the visit token, scanned at the kiosk to sign out
5. who they are visiting
6. the school's name
7. "valid today only"
8. the reminder that phone and video calls are not allowed on the premises
9. the visitor's organisation
10. the photo, if there is one

For a contractor, supply teacher, volunteer or governor the single central record's word comes right
under the type band and is never dropped: "MUST BE ESCORTED" in white on red (solid black on a thermal
label), or "CLEARED" in green in a green outline (black outline on a thermal label).

Direct-thermal labels (Brother QL, DYMO) print black only: on them every ink is pure black, because a
driver would dither a colour into a speckled grey. Rendering uses no shared mutable state, so badges
can be built on several threads at once.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.documents import BadgeContent
from kiosk.domain.model import PersonType
from kiosk.printing.fonts import BOLD, REGULAR, string_width
from kiosk.printing.labels import Label

# ---------------------------------------------------------------- visitor type styles


@dataclass(frozen=True, slots=True)
class TypeStyle:
    """How one visitor type is told apart: colour, band pattern and shape (never colour alone)."""

    colour: str
    pattern: str  # solid | stripes | outline | dots | crosshatch | hlines | checks
    shape: str  # circle | triangle | square | diamond | star | pentagon | hexagon


# Colours are dark enough to carry white text; patterns and shapes differ for every type, so two types
# never look alike to someone who cannot tell the colours apart, or on a black-only label.
TYPE_STYLES: dict[PersonType, TypeStyle] = {
    PersonType.VISITOR: TypeStyle("#1554A8", "solid", "circle"),
    PersonType.CONTRACTOR: TypeStyle("#B34700", "stripes", "triangle"),
    PersonType.PARENT: TypeStyle("#1E6B30", "outline", "square"),
    PersonType.COLLECTOR: TypeStyle("#6A1B9A", "dots", "diamond"),
    PersonType.VOLUNTEER: TypeStyle("#00695C", "crosshatch", "star"),
    PersonType.SUPPLY_STAFF: TypeStyle("#A0134F", "hlines", "pentagon"),
    PersonType.GOVERNOR: TypeStyle("#37474F", "checks", "hexagon"),
}

VALID_TODAY = "VALID TODAY ONLY"
ESCORTED_RED = "#B00020"
CLEARED_GREEN = "#1E6B30"
_NAME_LEADING = 1.08
_TEXT_LEADING = 1.18


# ---------------------------------------------------------------- public entry point


def render_badge(badge: BadgeContent, label: Label, *, dpi: int | None = None) -> bytes:
    """Lay out one badge on ``label`` and return the PDF (one page, exactly the label's size).

    ``dpi`` is the printer's resolution when known: the QR code's modules are then snapped to whole
    printer dots, so a thermal head prints them all the same width.
    """
    page_w, page_h = label.width_mm * mm, label.height_mm * mm
    buf = io.BytesIO()
    # No personal data in the PDF's metadata: file managers and print queues show it.
    c = Canvas(buf, pagesize=(page_w, page_h), pageCompression=1, initialFontName=REGULAR)  # type: ignore[arg-type]  # types-reportlab says float; it is the font's name
    c.setTitle("Visitor badge")
    c.setCreator("kiosk")
    c.setAuthor("")
    c.setSubject("")
    badge_w, badge_h = (v * mm for v in label.badge_size_mm)
    c.saveState()
    if label.sheet:
        c.translate(0, page_h - badge_h)
        _draw_cut_guides(c, badge_w, badge_h)
    elif label.rotated:
        # A quarter turn anticlockwise: the badge's x axis runs up the page, so it reads along the feed.
        c.translate(page_w, 0)
        c.rotate(90)
    _BadgeDrawer(c, badge, label, badge_w, badge_h, dpi).draw()
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------- text fitting


@dataclass(frozen=True, slots=True)
class FittedText:
    """Lines of text at one font size."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float

    @property
    def height(self) -> float:
        return self.size * self.leading * len(self.lines) if self.lines else 0.0


def wrap_words(
    text: str, font: str, size: float, width: float, *, break_words: bool = False
) -> list[str] | None:
    """Greedy word wrap; long words break after a hyphen. None when a word cannot fit (unless break_words)."""
    pieces: list[str] = []
    for word in text.split():
        if string_width(word, font, size) <= width:
            pieces.append(word)
            continue
        # "Montgomery-Fitzwilliam" may break after its hyphen, as a person would write it.
        parts = [p + "-" for p in word.split("-")[:-1]] + [word.split("-")[-1]]
        for part in (p for p in parts if p):
            if string_width(part, font, size) <= width:
                pieces.append(part)
            elif break_words:
                pieces.extend(_break_chars(part, font, size, width))
            else:
                return None
    lines: list[str] = []
    for piece in pieces:
        if lines:
            joiner = "" if lines[-1].endswith("-") and not _was_space_before(text, lines[-1], piece) else " "
            candidate = lines[-1] + joiner + piece
            if string_width(candidate, font, size) <= width:
                lines[-1] = candidate
                continue
        lines.append(piece)
    return lines


def _was_space_before(text: str, line: str, piece: str) -> bool:
    # A hyphen split by us joins without a space; a word that really ended in "-" keeps its space.
    return f"{line.split()[-1]} {piece}" in text


def _break_chars(word: str, font: str, size: float, width: float) -> list[str]:
    chunks, current = [], ""
    for ch in word:
        if current and string_width(current + ch, font, size) > width:
            chunks.append(current)
            current = ch
        else:
            current += ch
    return [*chunks, current] if current else chunks


def fit_text(
    text: str,
    font: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    *,
    max_lines: int = 2,
    leading: float = _TEXT_LEADING,
    step: float = 0.5,
) -> FittedText | None:
    """The largest size in [min_size, max_size] at which ``text`` wraps into max_lines within the box."""
    size = max_size
    while size >= min_size - 1e-6:
        lines = wrap_words(text, font, size, width)
        if lines is not None and len(lines) <= max_lines:
            fitted = FittedText(tuple(lines), font, size, leading)
            if fitted.height <= height:
                return fitted
        size -= step
    return None


def fit_text_always(
    text: str, font: str, width: float, height: float, max_size: float, readable: float = 4.0
) -> FittedText:
    """Fit ``text`` whatever it takes, so it is never cut off.

    Two lines down to a readable size, then a third line at a readable size, then smaller type with
    more lines, and as a last resort words broken between letters.
    """
    attempts = [(2, readable), (3, readable), (2, 4.0), (3, 4.0), (4, 4.0)]
    for max_lines, min_size in attempts:
        if min_size > max_size:
            continue
        fitted = fit_text(
            text, font, width, height, max_size, min_size, max_lines=max_lines, leading=_NAME_LEADING
        )
        if fitted:
            return fitted
    size = 4.0
    while True:
        lines = wrap_words(text, font, size, width, break_words=True) or [text]
        fitted = FittedText(tuple(lines), font, size, _NAME_LEADING)
        if fitted.height <= height or size <= 2.0:
            return fitted
        size -= 0.25


def draw_lines(
    c: Canvas,
    fitted: FittedText,
    x: float,
    top: float,
    width: float,
    *,
    colour: Color = black,
    align: str = "left",
) -> None:
    """Draw fitted lines with their first line's cap height at ``top``."""
    ascent, _ = getAscentDescent(fitted.font, fitted.size)
    c.setFillColor(colour)
    c.setFont(fitted.font, fitted.size)
    line_h = fitted.size * fitted.leading
    # Start the first baseline one ascent down, less the half-leading, so boxes line up on their tops.
    baseline = top - min(ascent, fitted.size * 0.95)
    for line in fitted.lines:
        if align == "center":
            c.drawCentredString(x + width / 2, baseline, line)
        else:
            c.drawString(x, baseline, line)
        baseline -= line_h


# ---------------------------------------------------------------- blocks


@dataclass(slots=True)
class _Block:
    """A strip of the badge: a fixed height once measured, drawn with its top at a given y."""

    key: str
    priority: int  # lower is more important; 0 is never dropped
    height: float
    draw: Callable[[float, float, float], None]  # (x, top, width)
    stick_bottom: bool = False
    fallback: _Block | None = None  # a smaller block to use instead when this one must go


def _stack(
    blocks: list[_Block],
    name_factory: Callable[[float, float | None], _Block | None],
    height: float,
    gap: float,
    comfortable: float,
    readable: float,
) -> list[_Block]:
    """Choose which blocks to keep, dropping the least important until the name fits.

    First only the minor items (priority 6 and up) may go to let the name reach a comfortable size,
    then anything droppable may go for a readable one; after that the name shrinks as far as it must.
    The name goes straight under the type band. A block with a fallback (photo and details) is
    replaced by its smaller form rather than dropped outright.
    """
    kept = list(blocks)
    for min_size, first_dropped in ((comfortable, 6), (readable, 1), (None, 1)):
        if min_size is not None and name_factory(math.inf, min_size) is None:
            continue  # too long for two lines at this size however tall: dropping items would not help
        while True:
            others = sum(b.height for b in kept) + gap * len(
                kept
            )  # len(kept) gaps: one more block (the name)
            name_block = name_factory(height - others, min_size)
            droppable = [b for b in kept if b.priority >= first_dropped]
            if (
                min_size is None
                and droppable
                and name_block is not None
                and name_block.height > height - others
            ):
                name_block = None  # the shrunken name still overflows: let a droppable item go first
            if name_block is not None:
                after_band = next(i for i, b in enumerate(kept) if b.key == "band") + 1
                return [*kept[:after_band], name_block, *kept[after_band:]]
            if not droppable:
                break
            worst = max(droppable, key=lambda b: b.priority)
            index = kept.index(worst)
            if worst.fallback is not None:
                kept[index] = worst.fallback
            else:
                del kept[index]
    raise AssertionError("unreachable: the last pass always fits the name")


def _place(
    c: Canvas, blocks: list[_Block], x: float, top: float, width: float, height: float, gap: float
) -> None:
    """Draw blocks top-down; spare height widens the gaps a little; bottom-stuck blocks sit at the foot."""
    used = sum(b.height for b in blocks) + gap * max(len(blocks) - 1, 0)
    spare = max(height - used, 0.0)
    flowing = [b for b in blocks if not b.stick_bottom]
    extra = min(spare / max(len(blocks) - 1, 1), gap * 1.5) if len(blocks) > 1 else 0.0
    y = top
    for b in flowing:
        b.draw(x, y, width)
        y -= b.height + gap + extra
    y = top - height
    for b in reversed([b for b in blocks if b.stick_bottom]):
        b.draw(x, y + b.height, width)
        y += b.height + gap


# ---------------------------------------------------------------- the badge


class _BadgeDrawer:
    """Draws one badge in the box (0, 0)-(w, h) of the canvas's current coordinates."""

    def __init__(self, c: Canvas, badge: BadgeContent, label: Label, w: float, h: float, dpi: int | None):
        self.c, self.badge, self.label, self.w, self.h, self.dpi = c, badge, label, w, h, dpi
        self.style = TYPE_STYLES.get(badge.person_type, TYPE_STYLES[PersonType.VISITOR])
        self.ink: Color = black if label.thermal else HexColor(self.style.colour)
        self.margins = tuple(v * mm for v in label.badge_margins_mm)  # top, right, bottom, left
        self.when: datetime = badge.signed_in_at
        self.host_text = _host_text(badge.host)

    # -------- layouts

    def _content_box(self) -> tuple[float, float, float, float]:
        """Left x, top y, width and height of the area inside the margins."""
        mt, mr, mb, ml = self.margins
        return ml, self.h - mt, self.w - ml - mr, self.h - mt - mb

    def draw(self) -> None:
        if self.w < self.h * 0.9:
            self._portrait()
        else:
            self._landscape()

    def _portrait(self) -> None:
        c = self.c
        x, top, w, h = self._content_box()
        w_mm = w / mm
        gap = max(1.2 * mm, h * 0.022)
        band_h = _clamp(h * 0.12, 8 * mm, 15 * mm)
        qr = _clamp(w * 0.47, 16 * mm, 44 * mm)
        small = _clamp(w_mm * 0.15, 6.5, 10)
        body = _clamp(w_mm * 0.19, 8, 13)
        name_max = _clamp(w_mm * 0.4, 12, 34)

        blocks: list[_Block] = []
        if self.badge.school_name:
            blocks.append(
                self._text_block("school", 6, self.badge.school_name, BOLD, w, small, 2, center=True)
            )
        blocks.append(_Block("band", 0, band_h, lambda bx, bt, bw: self._band(bx, bt - band_h, bw, band_h)))
        if self.badge.clearance:
            blocks.append(self._clearance_block(band_h * 0.75))
        details = self._details_block(w, body, small, gap)
        if details:
            blocks.append(details)
        blocks.append(self._qr_row_block(w, qr, body, small, gap))
        if self.badge.reminder:
            blocks.append(self._reminder_block(w, small * 0.95, 3))

        def name_factory(space: float, min_size: float | None) -> _Block | None:
            return self._name_block(self.badge.visitor_name, w, space, name_max, min_size, 10)

        chosen = _stack(blocks, name_factory, h, gap, comfortable=max(12, name_max * 0.7), readable=10)
        _place(c, chosen, x, top, w, h, gap)

    def _landscape(self) -> None:
        c = self.c
        x, top, w, h = self._content_box()
        h_mm = h / mm
        gap = _clamp(h * 0.04, 0.8 * mm, 2 * mm)
        qr = min(h, w * 0.36)
        col_gap = _clamp(w * 0.025, 1.5 * mm, 4 * mm)
        self._qr(x + w - qr, top - h + (h - qr) / 2, qr)
        photo_w = 0.0
        if self.badge.photo_png and (w - qr) / mm > 70:
            photo_w = min(h * 0.75, (w - qr) * 0.3)
            self._photo(x, top - h, photo_w, h)
            photo_w += col_gap
        col_x, col_w = x + photo_w, w - qr - col_gap - photo_w
        band_h = _clamp(h * 0.24, 5 * mm, 11 * mm)
        small = _clamp(h_mm * 0.2, 5.5, 9)
        body = _clamp(h_mm * 0.26, 6.5, 11)
        name_max = _clamp(h_mm * 0.55, 10, 26)

        blocks = [_Block("band", 0, band_h, lambda bx, bt, bw: self._band(bx, bt - band_h, bw, band_h))]
        if self.badge.clearance:
            blocks.append(self._clearance_block(band_h * 0.8))
        if self.host_text:
            blocks.append(self._text_block("host", 5, self.host_text, REGULAR, col_w, body, 1))
        blocks.append(self._date_line_block(col_w, body))
        if self.badge.organisation:
            blocks.append(self._text_block("org", 9, self.badge.organisation, REGULAR, col_w, small, 1))
        if self.badge.school_name:
            blocks.append(self._text_block("school", 6, self.badge.school_name, BOLD, col_w, small, 1))
        if self.badge.reminder:
            blocks.append(self._reminder_block(col_w, small * 0.95, 2))

        def name_factory(space: float, min_size: float | None) -> _Block | None:
            return self._name_block(self.badge.visitor_name, col_w, space, name_max, min_size, 8.5)

        chosen = _stack(blocks, name_factory, h, gap, comfortable=max(9, name_max * 0.7), readable=8.5)
        _place(c, chosen, col_x, top, col_w, h, gap)

    # -------- blocks

    def _name_block(
        self, name: str, width: float, space: float, max_size: float, min_size: float | None, readable: float
    ) -> _Block | None:
        """The name at the largest size that fits ``space``: None below min_size; any size if min_size is None."""
        name = " ".join(name.split()) or "Visitor"
        if min_size is not None:
            fitted = fit_text(
                name, BOLD, width, space, max_size, min_size, max_lines=2, leading=_NAME_LEADING
            )
            if fitted is None:
                return None
        else:
            fitted = fit_text_always(name, BOLD, width, max(space, 4.0), max_size, readable)
        return _Block("name", 0, fitted.height, lambda x, t, w: draw_lines(self.c, fitted, x, t, w))

    def _text_block(
        self,
        key: str,
        priority: int,
        text: str,
        font: str,
        width: float,
        size: float,
        max_lines: int,
        *,
        center: bool = False,
        colour: Color = black,
    ) -> _Block:
        fitted = fit_text(text, font, width, 1e9, size, size * 0.7, max_lines=max_lines) or fit_text_always(
            text, font, width, 1e9, size * 0.7
        )
        align = "center" if center else "left"
        return _Block(
            key,
            priority,
            fitted.height,
            lambda x, t, w: draw_lines(self.c, fitted, x, t, w, colour=colour, align=align),
        )

    def _details_block(self, width: float, body: float, small: float, gap: float) -> _Block | None:
        """Host and organisation; beside the photo (ID-card style) when there is one."""
        texts = [(self.host_text, REGULAR, body)] if self.host_text else []
        if self.badge.organisation:
            texts.append((self.badge.organisation, REGULAR, small))
        photo = self.badge.photo_png
        if not texts and not photo:
            return None
        photo_w = width * 0.34 if photo else 0.0
        text_w = width - (photo_w + gap if photo else 0.0)
        fits = [
            fit_text(t, f, text_w, 1e9, s, s * 0.75, max_lines=2)
            or fit_text_always(t, f, text_w, 1e9, s * 0.75)
            for t, f, s in texts
        ]
        text_h = sum(f.height for f in fits) + gap * 0.5 * max(len(fits) - 1, 0)
        photo_h = photo_w * 4 / 3 if photo else 0.0
        height = max(text_h, photo_h)

        def draw(x: float, top: float, w: float) -> None:
            if photo:
                self._photo(x, top - photo_h, photo_w, photo_h)
            tx = x + (photo_w + gap if photo else 0.0)
            ty = top - (height - text_h) / 2 if photo else top
            for f in fits:
                draw_lines(self.c, f, tx, ty, text_w)
                ty -= f.height + gap * 0.5

        if photo:
            # The photo is the least important item: without room it goes, and the text stays.
            fallback = self._details_text_only(width, texts, gap) if texts else None
            return _Block("details", 10, height, draw, fallback=fallback)
        return _Block("details", 5, height, draw)

    def _details_text_only(self, width: float, texts: list[tuple[str, str, float]], gap: float) -> _Block:
        fits = [
            fit_text(t, f, width, 1e9, s, s * 0.75, max_lines=2)
            or fit_text_always(t, f, width, 1e9, s * 0.75)
            for t, f, s in texts
        ]
        height = sum(f.height for f in fits) + gap * 0.5 * max(len(fits) - 1, 0)

        def draw(x: float, top: float, w: float) -> None:
            for f in fits:
                draw_lines(self.c, f, x, top, width)
                top -= f.height + gap * 0.5

        return _Block("details", 5, height, draw)

    def _qr_row_block(self, width: float, qr: float, body: float, small: float, gap: float) -> _Block:
        """The QR code with the date, sign-in time and "valid today only" beside it."""
        col_gap = max(2 * mm, width * 0.04)
        col_w = width - qr - col_gap
        day = fit_text(f"{self.when:%A}", REGULAR, col_w, 1e9, small * 1.1, 5, max_lines=1)
        date = fit_text(_long_date(self.when), BOLD, col_w, 1e9, body * 1.05, 5, max_lines=2)
        time = fit_text(f"In at {self.when:%H:%M}", REGULAR, col_w, 1e9, small * 1.1, 5, max_lines=1)
        tag_size = _fit_size(VALID_TODAY, BOLD, col_w - 2.4 * mm, small, 4.5)

        def draw(x: float, top: float, w: float) -> None:
            self._qr(x, top - qr, qr)
            cx, y = x + qr + col_gap, top
            for f in (day, date, time):
                if f:
                    draw_lines(self.c, f, cx, y, col_w)
                    y -= f.height + gap * 0.4
            self._inverse_tag(VALID_TODAY, cx, top - qr, tag_size)

        return _Block("qr-row", 0, qr, draw)

    def _date_line_block(self, width: float, size: float) -> _Block:
        text = f"{_long_date(self.when, weekday=True)} · in at {self.when:%H:%M}"
        fitted = fit_text(text, BOLD, width, 1e9, size, size * 0.7, max_lines=1) or fit_text_always(
            text, BOLD, width, 1e9, size * 0.7
        )
        tag_size = _fit_size(VALID_TODAY, BOLD, width * 0.5, size * 0.8, 4.5)
        line_w = max(string_width(line, fitted.font, fitted.size) for line in fitted.lines)
        beside = line_w + 2 * mm + string_width(VALID_TODAY, BOLD, tag_size) + 2.4 * mm <= width
        tag_h = tag_size * 1.5
        height = fitted.height if beside else fitted.height + tag_h + 0.8 * mm

        def draw(x: float, top: float, w: float) -> None:
            draw_lines(self.c, fitted, x, top, width)
            if beside:
                self._inverse_tag(VALID_TODAY, x + line_w + 2 * mm, top - fitted.height + 0.2 * mm, tag_size)
            else:
                self._inverse_tag(VALID_TODAY, x, top - height, tag_size)

        return _Block("date", 0, height, draw)

    def _clearance_block(self, height: float) -> _Block:
        """The record's word across the badge: never dropped for room (priority 0, as the name)."""
        text = self.badge.clearance.upper()
        escorted = not self.badge.clearance.casefold().startswith("cleared")

        def draw(x: float, top: float, w: float) -> None:
            c = self.c
            colour = black if self.label.thermal else HexColor(ESCORTED_RED if escorted else CLEARED_GREEN)
            size = _fit_size(text, BOLD, w - 4 * mm, height * 0.62, 4.5)
            ascent, descent = getAscentDescent(BOLD, size)
            y = top - height
            if escorted:
                c.setFillColor(colour)
                c.rect(x, y, w, height, stroke=0, fill=1)
                c.setFillColor(white)
            else:
                c.setStrokeColor(colour)
                c.setLineWidth(max(1.0, height * 0.08))
                c.rect(x, y, w, height, stroke=1, fill=0)
                c.setFillColor(colour)
            c.setFont(BOLD, size)
            c.drawCentredString(x + w / 2, y + height / 2 - (ascent + descent) / 2, text)
            c.setFillColor(black)

        return _Block("clearance", 0, height, draw)

    def _reminder_block(self, width: float, size: float, max_lines: int) -> _Block:
        icon = size * 2.1
        text_w = width - icon - 1.5 * mm
        text = self.badge.reminder
        fitted = fit_text(text, REGULAR, text_w, 1e9, size, max(size * 0.75, 4.5), max_lines=max_lines)
        if fitted is None:
            fitted = fit_text_always(text, REGULAR, text_w, 1e9, max(size * 0.75, 4.5))
        height = max(fitted.height, icon)

        def draw(x: float, top: float, w: float) -> None:
            self._no_phone_icon(x, top - (height + icon) / 2, icon)
            draw_lines(self.c, fitted, x + icon + 1.5 * mm, top - (height - fitted.height) / 2, text_w)

        return _Block("reminder", 8, height, draw, stick_bottom=True)

    # -------- drawing primitives

    def _band(self, x: float, y: float, w: float, h: float) -> None:
        """The type band: pattern in the type's ink, and a tag with the shape and the word."""
        c, style, ink = self.c, self.style, self.ink
        word = self.badge.person_type.label.upper()
        outline = style.pattern == "outline"
        solid = style.pattern == "solid"
        c.saveState()
        radius = min(h * 0.18, 1.6 * mm)
        path = c.beginPath()
        path.roundRect(x, y, w, h, radius)
        c.clipPath(path, stroke=0, fill=0)
        c.setFillColor(white if outline else ink)
        if solid or outline:
            c.rect(x, y, w, h, stroke=0, fill=1)
        else:
            c.setFillColor(white)
            c.rect(x, y, w, h, stroke=0, fill=1)
            _pattern(c, style.pattern, x, y, w, h, ink)
        c.restoreState()
        if outline:
            lw = max(h * 0.11, 0.8 * mm)
            c.setStrokeColor(ink)
            c.setLineWidth(lw)
            c.roundRect(x + lw / 2, y + lw / 2, w - lw, h - lw, radius, stroke=1, fill=0)
        # The tag: shape + word on solid ink (white on outline bands), big enough to read across a room.
        pad = h * 0.22
        max_word_w = w * 0.78 - h
        size = _fit_size(word, BOLD, max_word_w, h * 0.55, 5)
        icon = h * 0.5
        word_w = string_width(word, BOLD, size)
        tag_w = min(pad + icon + pad * 0.8 + word_w + pad, w)
        tag_colour, text_colour = (white, ink) if outline else (ink, white)
        if not (solid or outline):
            # A white rim parts the tag from the pattern, so its edge stays crisp on a thermal label.
            rim = max(h * 0.06, 0.4 * mm)
            c.setFillColor(white)
            c.roundRect(x, y, tag_w + rim, h, radius, stroke=0, fill=1)
            c.setFillColor(tag_colour)
            c.roundRect(x, y, tag_w, h, radius, stroke=0, fill=1)
        _shape(c, style.shape, x + pad + icon / 2, y + h / 2, icon, text_colour)
        c.setFillColor(text_colour)
        c.setFont(BOLD, size)
        ascent, descent = getAscentDescent(BOLD, size)
        c.drawString(x + pad + icon + pad * 0.8, y + h / 2 - (ascent + descent) / 2 + descent * 0.1, word)

    def _qr(self, x: float, y: float, size: float) -> None:
        """The visit token as a QR code, drawn as vector squares (crisp at any printer resolution)."""
        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        qr.add_data(self.badge.visit_token)
        qr.make(fit=True)
        matrix = qr.get_matrix()
        n = len(matrix)
        quiet = 2  # plus the gap around the block: scanners want about four modules of white
        module = size / (n + 2 * quiet)
        if self.dpi:
            dots = math.floor(module / 72 * self.dpi)
            if dots >= 2:
                module = dots * 72 / self.dpi
        x0 = x + (size - module * n) / 2
        y0 = y + (size - module * n) / 2
        c = self.c
        c.setFillColor(black)
        path = c.beginPath()
        for r, row in enumerate(matrix):
            col = 0
            while col < n:
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    path.rect(x0 + start * module, y0 + (n - r - 1) * module, (col - start) * module, module)
                else:
                    col += 1
        c.drawPath(path, stroke=0, fill=1)

    def _photo(self, x: float, y: float, w: float, h: float) -> None:
        try:
            image = _photo_reader(self.badge.photo_png or b"", grey=self.label.thermal)
        except Exception:  # noqa: BLE001 - a broken photo must never stop a badge from printing
            return
        iw, ih = image.getSize()
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        self.c.drawImage(image, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh)
        self.c.setStrokeColor(black)
        self.c.setLineWidth(0.5)
        self.c.rect(x + (w - dw) / 2, y + (h - dh) / 2, dw, dh, stroke=1, fill=0)

    def _inverse_tag(self, text: str, x: float, y: float, size: float) -> None:
        """White bold words on a black pill (bottom-left at x, y)."""
        c = self.c
        pad = 1.2 * mm
        w = string_width(text, BOLD, size) + 2 * pad
        h = size * 1.5
        c.setFillColor(black)
        c.roundRect(x, y, w, h, h * 0.25, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(BOLD, size)
        ascent, descent = getAscentDescent(BOLD, size)
        c.drawString(x + pad, y + h / 2 - (ascent + descent) / 2, text)

    def _no_phone_icon(self, x: float, y: float, size: float) -> None:
        """A phone in a circle with a bar through it (the usual "no phones" sign), in black."""
        c = self.c
        cx, cy, r = x + size / 2, y + size / 2, size / 2
        lw = max(size * 0.09, 0.5)
        c.setStrokeColor(black)
        c.setFillColor(black)
        c.setLineWidth(lw)
        c.circle(cx, cy, r - lw / 2, stroke=1, fill=0)
        pw, ph = size * 0.3, size * 0.5
        c.setLineWidth(lw * 0.8)
        c.roundRect(cx - pw / 2, cy - ph / 2, pw, ph, pw * 0.18, stroke=1, fill=0)
        c.rect(cx - pw * 0.15, cy - ph / 2 + ph * 0.08, pw * 0.3, lw * 0.5, stroke=0, fill=1)
        c.setLineWidth(lw)
        d = (r - lw / 2) * math.sqrt(0.5)
        c.line(cx - d, cy + d, cx + d, cy - d)


# ---------------------------------------------------------------- helpers


def _host_text(host: str) -> str:
    host = " ".join(host.split())
    if not host:
        return ""
    # "Collecting: Sam (Year 2)" already says what it is; a bare name is who they are visiting.
    if re.match(r"^[A-Za-z][A-Za-z ]{0,20}:", host):
        return host
    return f"Visiting: {host}"


def _long_date(when: datetime, *, weekday: bool = False) -> str:
    # Day without a leading zero, portably (strftime's %-d is not on Windows).
    text = f"{when.day} {when:%B %Y}"
    return f"{when:%a} {text}" if weekday else text


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _fit_size(text: str, font: str, width: float, max_size: float, min_size: float) -> float:
    width_at_one = string_width(text, font, 1.0) or 1.0
    return max(min_size, min(max_size, width / width_at_one))


def _photo_reader(png: bytes, *, grey: bool) -> ImageReader:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(png)) as opened:
        opened.load()
        img: Image.Image = ImageOps.exif_transpose(opened)
        if grey:
            # A thermal head dithers grey: stretch the contrast first so the face stays recognisable.
            img = ImageOps.autocontrast(img.convert("L"), cutoff=1)
        else:
            img = img.convert("RGB")
        return ImageReader(img)


def _pattern(c: Canvas, pattern: str, x: float, y: float, w: float, h: float, ink: Color) -> None:
    """Fill the (already clipped) band with the type's pattern in ink on white."""
    c.setFillColor(ink)
    c.setStrokeColor(ink)
    if pattern == "stripes":
        step = h * 0.45
        c.setLineWidth(step * 0.45)
        i = -h
        while i < w + h:
            c.line(x + i, y, x + i + h, y + h)
            i += step
    elif pattern == "crosshatch":
        step = h * 0.3
        c.setLineWidth(step * 0.22)
        i = -h
        while i < w + h:
            c.line(x + i, y, x + i + h, y + h)
            c.line(x + i, y + h, x + i + h, y)
            i += step
    elif pattern == "dots":
        step = h / 4
        r = step * 0.3
        row = 0
        yy = y + step / 2
        while yy < y + h:
            xx = x + step / 2 + (step / 2 if row % 2 else 0)
            while xx < x + w:
                c.circle(xx, yy, r, stroke=0, fill=1)
                xx += step
            yy += step
            row += 1
    elif pattern == "hlines":
        step = h / 5
        for i in range(5):
            c.rect(x, y + i * step + step * 0.25, w, step * 0.5, stroke=0, fill=1)
    elif pattern == "checks":
        step = h / 3
        for row in range(3):
            col = 0
            xx = x
            while xx < x + w:
                if (row + col) % 2 == 0:
                    c.rect(xx, y + row * step, step, step, stroke=0, fill=1)
                xx += step
                col += 1
    else:
        c.rect(x, y, w, h, stroke=0, fill=1)


def _shape(c: Canvas, shape: str, cx: float, cy: float, size: float, colour: Color) -> None:
    """One of the type shapes, filled, centred on (cx, cy)."""
    r = size / 2
    c.setFillColor(colour)
    if shape == "circle":
        c.circle(cx, cy, r * 0.9, stroke=0, fill=1)
        return
    if shape == "square":
        s = r * 0.82
        c.rect(cx - s, cy - s, 2 * s, 2 * s, stroke=0, fill=1)
        return
    points: list[tuple[float, float]]
    if shape == "triangle":
        points = _polygon(cx, cy - r * 0.12, r * 1.05, 3, 90)
    elif shape == "diamond":
        points = _polygon(cx, cy, r, 4, 90)
    elif shape == "pentagon":
        points = _polygon(cx, cy, r * 0.95, 5, 90)
    elif shape == "hexagon":
        points = _polygon(cx, cy, r * 0.95, 6, 0)
    else:  # star
        outer = _polygon(cx, cy, r, 5, 90)
        inner = _polygon(cx, cy, r * 0.42, 5, 90 + 36)
        points = [p for pair in zip(outer, inner, strict=True) for p in pair]
    path = c.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _polygon(cx: float, cy: float, r: float, n: int, start_deg: float) -> list[tuple[float, float]]:
    return [
        (
            cx + r * math.cos(math.radians(start_deg + i * 360 / n)),
            cy + r * math.sin(math.radians(start_deg + i * 360 / n)),
        )
        for i in range(n)
    ]


def _draw_cut_guides(c: Canvas, badge_w: float, badge_h: float) -> None:
    """Dashed cut lines round an A6 badge in the sheet's top-left corner, and a note under it."""
    c.saveState()
    c.setStrokeColor(HexColor("#555555"))
    c.setLineWidth(0.6)
    c.setDash(4, 3)
    c.line(badge_w, badge_h, badge_w, -8 * mm)  # down the right edge from the top of the sheet
    c.line(0, 0, badge_w + 8 * mm, 0)  # across under the badge from the left edge
    c.setDash()
    c.setFillColor(HexColor("#333333"))
    c.setFont(REGULAR, 9)
    c.drawString(6 * mm, -15 * mm, "Cut along the dashed lines and wear the badge where it can be seen.")
    c.drawString(6 * mm, -19.5 * mm, "Scan its QR code at the kiosk when you leave.")
    c.restoreState()
