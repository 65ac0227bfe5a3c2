"""Printing through Qt's print support: any printer the system has (the Windows spooler; CUPS on Linux).

Why this path exists beside ``lp``: a Windows reception PC has no ``lp``. Qt's QPrinter reaches every
installed Windows printer through the spooler, and CUPS queues on Linux, with one code path, which is
tested here through CUPS (tests/integration/printing/test_qt_printing.py).

How it keeps a badge exact: each PDF page is rendered by pdfium at the printer's resolution (300 dpi for
the label printers), and painted one image pixel to one printer dot on a page of exactly the PDF's size,
with Qt's "full page" mode (no margins of its own) and, on CUPS, ``PageSize=Custom.<w>x<h>mm`` and
``print-scaling=none`` passed to the job, as the ``lp`` path does (Qt otherwise rounds a custom page to
whole points: 61.7 x 99.8 mm for 62 x 100). Thermal labels are rendered in pure black and white.

QPrinter needs a QGuiApplication. The kiosk and the console have one; ``kiosk print-test`` makes one (on
a Linux machine with no display, on the offscreen platform). Qt allows painting on a QPrinter from a
worker thread, which is where badges print.
"""

from __future__ import annotations

import os
import sys
import threading

from kiosk.domain.errors import PrintFailed
from kiosk.domain.printers import PrinterState, PrinterStatus, SystemPrinter
from kiosk.platform import print_system
from kiosk.printing.labels import Label

# QPrintEngine's PPK_CupsOptions (qcups_p.h): a list of CUPS option names and values for the job.
_PPK_CUPS_OPTIONS = 0xFE00
_CHECK = "Check it is switched on, connected and has paper or labels, or choose another printer in Settings."


def ensure_gui_application() -> None:
    """Make the QGuiApplication that QPrinter needs, if the program has none (the command line)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if threading.current_thread() is not threading.main_thread():
        raise PrintFailed(
            "Printing through Qt needs the program's window system; start it from the main thread."
        )
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless command line still prints
    # Kept on the module: a QGuiApplication that is garbage-collected takes the print plugins with it.
    global _APP
    _APP = QGuiApplication([sys.argv[0] if sys.argv else "kiosk"])


_APP = None


def _state_name(state) -> str:
    from PySide6.QtPrintSupport import QPrinter

    return {
        QPrinter.PrinterState.Idle: "idle",
        QPrinter.PrinterState.Active: "printing",
        QPrinter.PrinterState.Aborted: "stopped",
        QPrinter.PrinterState.Error: "error",
    }.get(state, "error")


def system_printers() -> list[SystemPrinter]:
    """The printers this computer has, the default first."""
    ensure_gui_application()
    from PySide6.QtPrintSupport import QPrinterInfo

    found = [
        SystemPrinter(
            p.printerName(), p.description() or p.makeAndModel(), p.isDefault(), _state_name(p.state())
        )
        for p in QPrinterInfo.availablePrinters()
    ]
    return sorted(found, key=lambda p: (not p.is_default, p.name.lower()))


def _page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    from kiosk.printing.printers import _PDFIUM_LOCK

    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            return [(w * 25.4 / 72, h * 25.4 / 72) for w, h in (doc[i].get_size() for i in range(len(doc)))]
        finally:
            doc.close()


def _render_page(pdf: bytes, index: int, dpi: int, black_and_white: bool):
    """One page as a QImage at ``dpi`` (1-bit for thermal labels, else 8-bit grey or RGB)."""
    import pypdfium2 as pdfium
    from PySide6.QtGui import QImage

    from kiosk.printing.printers import _PDFIUM_LOCK

    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            image = doc[index].render(scale=dpi / 72).to_pil()
        finally:
            doc.close()
    if black_and_white:
        grey = image.convert("L").point(lambda v: 255 if v >= 160 else 0)
        data, fmt, stride = grey.tobytes(), QImage.Format.Format_Grayscale8, grey.width
        size = grey.size
    else:
        rgb = image.convert("RGB")
        data, fmt, stride = rgb.tobytes(), QImage.Format.Format_RGB888, rgb.width * 3
        size = rgb.size
    # copy(): the QImage must own its pixels once `data` goes.
    return QImage(data, size[0], size[1], stride, fmt).copy()


class QtPrinter:
    """Prints PDFs through Qt's print support to one named system printer, at the page's exact size."""

    def __init__(self, name: str, *, dpi: int = 300, what: str = "badge printer"):
        self.name = name.strip()
        self.dpi = dpi
        self.what = what

    def _unavailable(self, reason: str, advice: str = _CHECK) -> PrintFailed:
        return PrintFailed(f"The {self.what} '{self.name}' is not available: {reason}. {advice}")

    def status(self) -> PrinterStatus:
        """What the system (the Windows spooler, CUPS) says about this printer now."""
        try:
            found = next((p for p in system_printers() if p.name == self.name), None)
        except PrintFailed as exc:
            return PrinterStatus(self.name, PrinterState.UNKNOWN, str(exc))
        if found is None:
            return PrinterStatus(self.name, PrinterState.NOT_FOUND, "the system has no printer of that name")
        if not found.ready:
            return PrinterStatus(self.name, PrinterState.STOPPED, f"the system reports it {found.state}")
        return PrinterStatus(self.name, PrinterState.READY)

    def send(self, document: bytes, *, label: Label | None = None, job_name: str = "kiosk") -> str:
        """Print every page of ``document`` (a PDF) and return the printer's name, or raise PrintFailed."""
        ensure_gui_application()
        from PySide6.QtCore import QRectF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter
        from PySide6.QtPrintSupport import QPrintEngine, QPrinter, QPrinterInfo

        info = QPrinterInfo.printerInfo(self.name)
        if info.isNull():
            known = ", ".join(p.printerName() for p in QPrinterInfo.availablePrinters()) or "none"
            raise self._unavailable(
                "this computer has no printer of that name",
                f"The printers it has: {known}. Choose one in Settings.",
            )
        if _state_name(info.state()) in ("stopped", "error"):
            raise self._unavailable("the system reports it stopped or in error")
        sizes = _page_sizes_mm(document)
        if not sizes:
            raise PrintFailed("There was nothing to print (the document has no pages).")
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(job_name)
        printer.setFullPage(True)  # no margins of Qt's own: the page is the label
        printer.setResolution(self.dpi)
        black_and_white = bool(label and label.thermal)
        if black_and_white:
            printer.setColorMode(QPrinter.ColorMode.GrayScale)

        def set_page(w_mm: float, h_mm: float) -> bool:
            # The page size and orientation only: a driver's own minimum margins are its business, and in
            # full-page mode they neither move nor shrink what is painted (Qt refuses a layout whose
            # margins are below the driver's minimum, so margins are not asked for).
            portrait = h_mm >= w_mm
            if label is not None:
                page = QPageSize(
                    QSizeF(w_mm, h_mm), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch
                )
                orientation = QPageLayout.Orientation.Portrait
            else:
                size = QSizeF(min(w_mm, h_mm), max(w_mm, h_mm))
                page = QPageSize(size, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
                orientation = (
                    QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
                )
            return printer.setPageSize(page) and printer.setPageOrientation(orientation)

        first_w, first_h = (label.width_mm, label.height_mm) if label else sizes[0]
        if not set_page(first_w, first_h):
            raise self._unavailable(f"it does not take a {first_w:g} x {first_h:g} mm page")
        if print_system() == "cups":
            # CUPS (Linux, macOS): the exact page and no fitting, as the lp path asks.
            options = ["print-scaling", "none"]
            if label is not None:
                options = ["PageSize", label.cups_page_size, *options]
            printer.printEngine().setProperty(QPrintEngine.PrintEnginePropertyKey(_PPK_CUPS_OPTIONS), options)
        # Windows: not tested on Windows. The spooler's driver gets the page size through Qt's DEVMODE
        # (a custom paper size when the driver has none of that size); full page and no scaling as here.
        painter = QPainter()
        if not painter.begin(printer):
            raise self._unavailable("the print system would not start the job")
        try:
            for index, (w_mm, h_mm) in enumerate(sizes):
                if index:
                    if label is None:
                        set_page(w_mm, h_mm)
                    if not printer.newPage():
                        raise self._unavailable("the print system stopped the job part-way")
                image = _render_page(document, index, self.dpi, black_and_white)
                full = printer.pageLayout().fullRectPixels(printer.resolution())
                # One image pixel per printer dot: the target is the page in device pixels.
                painter.drawImage(QRectF(0, 0, full.width(), full.height()), image)
        finally:
            ok = painter.end()
        if not ok or printer.printerState() == QPrinter.PrinterState.Error:
            raise self._unavailable("the print system reported an error for the job")
        return self.name
