"""A Brother QL label printer driven directly, without a driver: its own raster language via ``brother_ql``.

``printing.printer = "brother_ql:QL-820NWB:tcp://192.168.1.40"`` (network, port 9100),
``"brother_ql:QL-570:usb://0x04f9:0x2028"`` (USB through libusb), or
``"brother_ql:QL-700:file:///dev/usb/lp0"`` (Linux's USB printer device). The part after
``brother_ql:`` is the model, then the printer as ``brother_ql`` names it.

The badge's PDF is rendered at the printer's 300 dpi and cropped to the label's printable area exactly
as the Brother driver crops it (3 mm at each end of the feed, the tape's unprintable sides), so one
pixel is one dot: no scaling. The layout already keeps clear of those edges (labels.py).

Needs the optional extra ``kiosk[brother-ql]`` (the maintained ``brother-ql-inventree`` fork; GPL-3.0,
so it is not in the default bundle). Only Brother's own stocks can go this way: brother-62x100 (62 mm
continuous tape, cut at 100 mm) and brother-29x90 (DK-11201 die-cut labels).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from kiosk.domain.errors import PrintFailed
from kiosk.domain.printers import PrinterState, PrinterStatus
from kiosk.printing.labels import Label

DPI = 300


@dataclass(frozen=True, slots=True)
class QLMedia:
    """How one kiosk label maps onto brother_ql's media: its identifier and the printable crop in dots."""

    identifier: str  # brother_ql's label name: "62" (continuous) or "29x90" (die-cut)
    printable: tuple[int, int]  # printable width x length in dots at 300 dpi (length 0: continuous)
    feed_margin: int  # dots the printer feeds blank before and after the raster (continuous tape)


MEDIA: dict[str, QLMedia] = {
    "brother-62x100": QLMedia("62", (696, 0), 35),
    "brother-29x90": QLMedia("29x90", (306, 991), 0),
}


def _not_installed() -> PrintFailed:
    return PrintFailed(
        "Printing straight to a Brother QL needs the brother_ql package: install the kiosk with its "
        "'brother-ql' extra (pip install 'kiosk[brother-ql]'), or print through the system's printer queue."
    )


class BrotherQLPrinter:
    """Sends badges to a Brother QL in its raster language (brother_ql), over USB or the network."""

    def __init__(self, model: str, identifier: str, *, what: str = "badge printer"):
        self.model = model.strip()
        self.identifier = identifier.strip()
        self.what = what

    @classmethod
    def from_setting(cls, value: str) -> BrotherQLPrinter:
        """Parse ``brother_ql:<model>:<printer>``; PrintFailed with an example when it does not parse."""
        _, _, rest = value.partition(":")
        model, _, identifier = rest.partition(":")
        if not model.strip() or not identifier.strip():
            raise PrintFailed(
                f"The printer setting {value!r} is not complete: write it as brother_ql:<model>:<printer>, "
                'e.g. "brother_ql:QL-820NWB:tcp://192.168.1.40" or "brother_ql:QL-570:usb://0x04f9:0x2028".'
            )
        return cls(model, identifier)

    def status(self) -> PrinterStatus:
        """Unknown until a badge is sent: asking a QL over USB or the network means talking to it."""
        name = f"{self.model} at {self.identifier}"
        try:
            import brother_ql  # noqa: F401
        except ImportError:
            return PrinterStatus(name, PrinterState.NOT_FOUND, "the brother_ql package is not installed")
        return PrinterStatus(name, PrinterState.UNKNOWN)

    def raster(self, pdf: bytes, label: Label) -> bytes:
        """The printer-language bytes for one badge PDF on ``label``."""
        media = MEDIA.get(label.name)
        if media is None:
            raise PrintFailed(
                f"A Brother QL printed directly takes only Brother labels ({', '.join(MEDIA)}), not "
                f"'{label.name}'. Choose one of those in Settings (printing.label)."
            )
        try:
            from brother_ql.conversion import convert
            from brother_ql.raster import BrotherQLRaster
        except ImportError:
            raise _not_installed() from None
        try:
            qlr = BrotherQLRaster(self.model)
        except Exception as exc:  # brother_ql raises a bare ValueError/KeyError for unknown models
            raise PrintFailed(
                f"The Brother printer model '{self.model}' is not one brother_ql knows ({exc}). Write it as "
                "Brother does, e.g. QL-570, QL-700, QL-820NWB."
            ) from None
        image = _printable_image(pdf, label, media)
        # threshold 50: the image is already pure black and white; cut after each badge.
        return bytes(convert(qlr, [image], media.identifier, cut=True, dither=False, threshold=50))

    def send(self, document: bytes, *, label: Label | None = None, job_name: str = "kiosk") -> str:
        """Print one badge and return the printer it went to; PrintFailed says what to check."""
        if label is None:
            raise PrintFailed("A Brother QL prints labels only: choose a Brother label in Settings.")
        instructions = self.raster(document, label)
        try:
            from brother_ql.backends.helpers import send
        except ImportError:
            raise _not_installed() from None
        try:
            status = send(instructions, printer_identifier=self.identifier, blocking=True)
        except Exception as exc:  # noqa: BLE001 - USB, socket and backend errors all mean "not printed"
            raise PrintFailed(
                f"The {self.what} '{self.model}' at {self.identifier} is not available: {exc}. Check it is "
                "switched on, connected and has labels, or choose another printer in Settings."
            ) from exc
        if status.get("outcome") == "error":
            errors = ", ".join((status.get("printer_state") or {}).get("errors") or []) or "an error"
            raise PrintFailed(
                f"The {self.what} '{self.model}' reported {errors}. Check it has the right labels loaded "
                "and its cover is closed, then print again."
            )
        return f"{self.model} at {self.identifier} ({status.get('outcome', 'sent')})"


def _printable_image(pdf: bytes, label: Label, media: QLMedia):
    """The page at 300 dpi in black and white, cropped to the media's printable area (centred)."""
    from PIL import Image

    from kiosk.printing.printers import rasterise

    page = Image.open(io.BytesIO(rasterise(pdf, DPI, black_and_white=True))).convert("L")
    width, length = media.printable
    left = max((page.width - width) // 2, 0)
    if length:
        top = max((page.height - length) // 2, 0)
        box = (left, top, left + width, top + length)
    else:
        # Continuous tape: the printer feeds feed_margin blank dots at each end, so the raster is the
        # page less those, and the cut comes at the page's length.
        box = (left, media.feed_margin, left + width, page.height - media.feed_margin)
    return page.crop(box)
