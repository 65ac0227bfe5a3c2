"""The label stocks a badge can be printed on, by name.

A label's ``width_mm`` x ``height_mm`` is the page as the printer feeds it: the size its CUPS driver
knows (Brother's "29x90mm", DYMO's "w102h252" = 36 x 89 mm). The PDF page is exactly that size, so no
driver ever has to rotate or scale it. ``orientation`` is how the badge reads on it: a "landscape"
badge on a feed that is taller than wide (29 x 90, 36 x 89) is drawn turned a quarter turn, so the
name runs along the long side.

``unprintable_mm`` is what the label printers' own drivers leave unprinted at each edge of the page as
fed (top, right, bottom, left), measured through the real drivers (tests/integration/printing/
test_label_drivers.py): the Brother QL driver (ptouch) crops 3 mm at both ends of the feed and 1.5 mm at
the sides; the DYMO LabelWriter driver renders only its PPD's imageable area, which leaves 5.5 mm (99014)
or 6 mm (99012) at the leading edge and 1.5 mm at the sides. The badge keeps ``margin_mm`` or that,
whichever is larger, plus a little air, so nothing the visitor needs is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Orientation = Literal["portrait", "landscape"]


@dataclass(frozen=True, slots=True)
class Label:
    """One label stock: its page size as fed (mm), how the badge reads on it, and its printer kind."""

    name: str
    description: str
    width_mm: float
    height_mm: float
    orientation: Orientation
    margin_mm: float  # the unprintable edge of the printer, plus a little air
    thermal: bool  # direct-thermal labels print black only: the badge is drawn in pure black and white
    sheet: bool = False  # an office sheet (A4): the badge is a cut-out area, not the whole page
    unprintable_mm: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # page top, right, bottom, left

    @property
    def rotated(self) -> bool:
        """Whether the badge is drawn turned a quarter turn on the page (landscape badge, tall feed)."""
        tall = self.height_mm > self.width_mm
        return (self.orientation == "landscape") == tall

    @property
    def badge_size_mm(self) -> tuple[float, float]:
        """Width and height of the badge as it reads (after any quarter turn), in mm."""
        if self.sheet:
            return (105.0, 148.0)  # an A6 badge in the corner of the sheet
        if self.rotated:
            return (self.height_mm, self.width_mm)
        return (self.width_mm, self.height_mm)

    @property
    def badge_margins_mm(self) -> tuple[float, float, float, float]:
        """The badge's margins (top, right, bottom, left as it reads): clear of what the printer cannot print."""
        top, right, bottom, left = (
            max(self.margin_mm, edge + _AIR_MM) if edge else self.margin_mm for edge in self.unprintable_mm
        )
        if self.rotated:
            # Turned a quarter turn anticlockwise: the badge's left is the page's bottom, its top the
            # page's left, its right the page's top, its bottom the page's right.
            return (left, top, right, bottom)
        return (top, right, bottom, left)

    @property
    def cups_page_size(self) -> str:
        """The CUPS PageSize value for exactly this page, e.g. ``Custom.62x100mm``."""
        return f"Custom.{_mm(self.width_mm)}x{_mm(self.height_mm)}mm"


_AIR_MM = 0.5


def _mm(value: float) -> str:
    return f"{value:g}"


LABELS: dict[str, Label] = {
    label.name: label
    for label in (
        Label(
            "brother-62x100",
            "Brother QL, 62 mm continuous tape cut at 100 mm",
            62,
            100,
            "portrait",
            3,
            True,
            unprintable_mm=(3.0, 1.5, 3.0, 1.5),
        ),
        Label(
            "brother-29x90",
            "Brother QL DK-11201 standard address, 29 x 90 mm",
            29,
            90,
            "landscape",
            1.5,
            True,
            unprintable_mm=(3.0, 1.5, 3.0, 1.5),
        ),
        Label(
            "dymo-99014",
            "DYMO LabelWriter 99014 shipping/name badge, 54 x 101 mm",
            54,
            101,
            "portrait",
            3,
            True,
            unprintable_mm=(5.5, 1.5, 3.0, 2.0),
        ),
        Label(
            "dymo-99012",
            "DYMO LabelWriter 99012 large address, 89 x 36 mm",
            36,
            89,
            "landscape",
            2,
            True,
            unprintable_mm=(6.0, 1.5, 3.0, 1.5),
        ),
        Label("a6", "A6 sheet (105 x 148 mm) on an office printer", 105, 148, "portrait", 6, False),
        Label(
            "a4",
            "A4 sheet on an office printer: an A6 badge to cut out",
            210,
            297,
            "portrait",
            6,
            False,
            True,
        ),
    )
}


def get_label(name: str) -> Label:
    """The label registered under ``name``; KeyError with the known names if there is none."""
    try:
        return LABELS[name.strip().lower()]
    except KeyError:
        raise KeyError(f"unknown label {name!r}; known labels: {', '.join(LABELS)}") from None


def label_names() -> list[str]:
    """The registered label names, in a stable order."""
    return list(LABELS)
