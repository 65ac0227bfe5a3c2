"""Start the reception console: ``run_console(services)``; ``build_console_window`` for tests and screenshots."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services.container import Services
from kiosk.ui.console.style import theme_application
from kiosk.ui.console.window import ConsoleWindow
from kiosk.ui.ops import wait_for_ops


def build_console_window(services: Services, **options) -> ConsoleWindow:
    """The console window on these services (needs a QApplication). ``options`` tune timers for tests.

    Pages refresh themselves from ``services.feed`` when there is one (kiosk.app's live mode), each for
    its own topics, and after this console's own actions.
    """
    return ConsoleWindow(services, **options)


def run_console(services: Services) -> int:
    """Open the console window and run until it is closed; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Reception console")
    theme_application(app, services.settings)
    window: QWidget = build_console_window(services)
    window.show()
    try:
        return app.exec()
    finally:
        wait_for_ops(5000)
        services.dispose()
