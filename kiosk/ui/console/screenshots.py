"""Render the console's screens to PNG (signed in as the demo head), for review at several sizes."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.services.container import Services
from kiosk.ui.console.main import build_console_window
from kiosk.ui.ops import pool, wait_for_ops

DEMO_HEAD = ("Helen Head", "864213")
# (page key, file name part, screen title)
PAGES = (
    ("alerts", "alert", "Console: alert (held visitor beside the ban record)"),
    ("on-site", "on-site", "Console: on site now"),
    ("expected", "expected", "Console: expected visitors today (arrived and not yet)"),
    ("clearances", "single-central-record", "Console: single central record (Cleared / Must be escorted)"),
    ("bans", "ban-list", "Console: ban list"),
    ("cases", "cases", "Console: incidents and breach cases"),
    ("visit-log", "visit-log", "Console: visit log"),
    ("audit", "audit", "Console: audit log"),
    ("staff", "staff", "Console: staff accounts and your own PIN"),
)
# A reception PC may be 1024x768; the console is checked there as well as at the kiosk's sizes.
CONSOLE_SIZES = ((1920, 1080), (1280, 800), (1024, 768))


def settle(rounds: int = 6) -> None:
    """Let queued operations and their GUI callbacks finish (pages chain a list load and a detail load)."""
    quiet = 0
    deadline = time.monotonic() + 15
    while quiet < rounds and time.monotonic() < deadline:
        busy = pool().activeThreadCount() > 0
        wait_for_ops(5000)
        QCoreApplication.processEvents()
        time.sleep(0.02)
        QCoreApplication.processEvents()
        quiet = 0 if busy else quiet + 1


def visible_text(window: QWidget) -> str:
    """The words a person sees on the screen (labels and buttons), for the screenshot index."""
    words = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text().strip():
            words.append(" ".join(widget.text().split()))
    return " | ".join(words)


def render_console_screens(services: Services, out_dir: Path, sizes: list[tuple[int, int]]) -> list[dict]:
    """Save every console view as a full-window PNG per size; returns ``{"file", "screen", "text"}`` entries.

    Uses the demo database's head ("Helen Head", PIN 864213, made by kiosk.demo) so every page shows.
    """
    QApplication.instance() or QApplication([])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    window = build_console_window(services)
    entries: list[dict] = []

    def shoot(name: str, screen: str, w: int, h: int) -> None:
        settle()
        path = out_dir / f"console-{name}-{w}x{h}.png"
        window.grab().save(str(path))
        entries.append({"file": path.name, "screen": screen, "text": visible_text(window)})

    try:
        for w, h in sizes:
            window.resize(w, h)
            window.show()
            window.session.lock()
            settle()
            shoot("sign-in", "Console: staff sign-in", w, h)
            actor = services.staff.authenticate(*DEMO_HEAD, source="console")
            window.session.start(actor)
            for key, name, screen in PAGES:
                window.shell.show_page(key)
                shoot(name, screen, w, h)
        window.session.lock()
    finally:
        window.close()
        settle(2)
        window.deleteLater()
        QCoreApplication.processEvents()
    return entries
