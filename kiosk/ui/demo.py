"""`kiosk demo`: the kiosk (windowed, 1280×800) and the reception console side by side on the demo database."""

from __future__ import annotations

import importlib
import logging
import sys

from PySide6.QtWidgets import QApplication

from kiosk.services.container import Services
from kiosk.ui.kiosk.main import build_kiosk_window
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)

KIOSK_SIZE = (1280, 800)
GAP = 16


def run_demo_windows(services: Services) -> int:
    """Open both windows in one application; closing the last one ends the demo."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk demo")
    # The console takes the application-wide (denser) look; the kiosk window carries its own sheet.
    apply_theme(app, services.settings, console=True)
    kiosk = build_kiosk_window(services)
    kiosk.setWindowTitle(kiosk.tr("Visitor kiosk (demo)"))
    kiosk.resize(*KIOSK_SIZE)
    kiosk.move(0, 0)
    console = None
    try:
        console_main = importlib.import_module("kiosk.ui.console.main")
        console = console_main.build_console_window(services)
    except (ImportError, AttributeError) as exc:
        log.warning("the console window is not available yet (%s); showing the kiosk alone", exc)
    kiosk.show()
    if console is not None:
        console.move(KIOSK_SIZE[0] + GAP, 0)
        console.show()
    try:
        return app.exec()
    finally:
        services.dispose()
