"""`kiosk demo`: the kiosk (windowed, 1280×800) and the reception console side by side on the demo database.

Both windows are placed inside the screen's available geometry (the desktop less its task bars), title bars
and frames included: side by side where the screen is wide enough, otherwise the console overlaps the
kiosk's right-hand side, and on a small screen each window shrinks to fit.
"""

from __future__ import annotations

import importlib
import logging
import sys

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services.container import Services
from kiosk.ui.kiosk.main import build_kiosk_window
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)

KIOSK_SIZE = (1280, 800)
CONSOLE_SIZE = (1280, 800)  # the console's preferred size; it is laid out down to 1024×768
CONSOLE_MIN = (1024, 768)
GAP = 16


def demo_geometries(
    available: QRect,
    kiosk_frame: QMargins = QMargins(),  # noqa: B008 - an immutable value
    console_frame: QMargins = QMargins(),  # noqa: B008 - an immutable value
) -> tuple[QRect, QRect]:
    """The client rectangles of the kiosk and the console, so that each window, frame included, is inside
    ``available``.

    Side by side when the screen holds the kiosk at 1280×800 and the console at 1024 wide or more;
    otherwise the kiosk keeps the left and the console the right edge, overlapping in the middle. A window
    larger than the screen is shrunk to it.
    """

    def outer(size: tuple[int, int], frame: QMargins) -> QSize:
        width = min(size[0] + frame.left() + frame.right(), available.width())
        height = min(size[1] + frame.top() + frame.bottom(), available.height())
        return QSize(width, height)

    kiosk_outer = outer(KIOSK_SIZE, kiosk_frame)
    room = available.width() - kiosk_outer.width() - GAP
    console_min_outer = CONSOLE_MIN[0] + console_frame.left() + console_frame.right()
    console_outer = outer(CONSOLE_SIZE, console_frame)
    if room >= console_min_outer:
        console_outer.setWidth(min(console_outer.width(), room))
    kiosk_rect = QRect(available.topLeft(), kiosk_outer)
    console_rect = QRect(available.right() + 1 - console_outer.width(), available.top(), 0, 0)
    console_rect.setSize(console_outer)
    if room >= console_min_outer:
        console_rect.moveLeft(kiosk_rect.right() + 1 + GAP)

    def inner(rect: QRect, frame: QMargins) -> QRect:
        return rect.marginsRemoved(frame)

    return inner(kiosk_rect, kiosk_frame), inner(console_rect, console_frame)


def _frame(window: QWidget) -> QMargins:
    """The window manager's frame around ``window`` (zero until it has been shown)."""
    frame, client = window.frameGeometry(), window.geometry()
    return QMargins(
        client.left() - frame.left(),
        client.top() - frame.top(),
        frame.right() - client.right(),
        frame.bottom() - client.bottom(),
    )


def place_demo_windows(kiosk: QWidget, console: QWidget | None) -> None:
    """Put both (shown) windows fully on the primary screen's available geometry."""
    screen = kiosk.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    kiosk_rect, console_rect = demo_geometries(
        available, _frame(kiosk), _frame(console) if console is not None else QMargins()
    )
    kiosk.setGeometry(kiosk_rect)
    if console is not None:
        console.setGeometry(console_rect)
        console.raise_()  # the console is where the demo's alerts land


def open_demo_windows(services: Services) -> tuple[QWidget, QWidget | None]:
    """Build, show and place the kiosk and the console windows (the console may be missing)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if isinstance(app, QApplication):
        # The console takes the application-wide (denser) look; the kiosk window carries its own sheet.
        apply_theme(app, services.settings, console=True)
    kiosk = build_kiosk_window(services)
    kiosk.setWindowTitle(kiosk.tr("Visitor kiosk (demo)"))
    console = None
    try:
        console_main = importlib.import_module("kiosk.ui.console.main")
        console = console_main.build_console_window(services)
    except (ImportError, AttributeError) as exc:
        log.warning("the console window is not available yet (%s); showing the kiosk alone", exc)
    # Place once before showing (no frame known yet), then again once the window manager has framed them.
    place_demo_windows(kiosk, console)
    kiosk.show()
    if console is not None:
        console.show()
    QApplication.processEvents()
    place_demo_windows(kiosk, console)
    return kiosk, console


def run_demo_windows(services: Services) -> int:
    """Open both windows in one application; closing the last one ends the demo."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk demo")
    open_demo_windows(services)
    try:
        return app.exec()
    finally:
        services.dispose()
