"""The running QApplication, typed: ``QApplication.instance()`` is a ``QCoreApplication | None``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication


def running_app() -> QApplication:
    """The application every widget lives in (it is made before the first widget)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app


def app_for(argv: Sequence[str]) -> QApplication:
    """The running application, or a new one made with ``argv`` when there is none yet."""
    if QApplication.instance() is None:
        return QApplication(list(argv))
    return running_app()
