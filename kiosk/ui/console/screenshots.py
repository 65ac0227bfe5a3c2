"""Render the console's screens to PNG (signed in as the demo head), for review at several sizes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from kiosk.services.container import Services
from kiosk.ui.console.main import build_console_window
from kiosk.ui.console.style import theme_application
from kiosk.ui.console.window import ConsoleWindow
from kiosk.ui.ops import pool, wait_for_ops

DEMO_HEAD = ("Helen Head", "864213")
# (page key, file name part, screen title)
PAGES = (
    ("alerts", "alert", "Console: alert (held visitor beside the ban record)"),
    ("on-site", "on-site", "Console: on site now"),
    ("expected", "expected", "Console: expected visitors today (arrived and not yet)"),
    ("clearances", "single-central-record", "Console: single central record (Cleared / Must be escorted)"),
    ("pupils", "pupils", "Console: pupils and who may collect them (a child's collectors and orders)"),
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
        time.sleep(0.005)  # was 0.02: 6 quiet rounds of 20 ms made ~10 s of a screenshot run's ~40 s
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


def case_dialogs(window: ConsoleWindow) -> Iterator[tuple[str, str, QDialog]]:
    """The Cases page's forms, one at a time: recording an incident and every step of a case.

    Each is made as the page makes it (a step form does not need a case to be drawn) and is closed again
    without saving, so the demo database is only read.
    """
    from kiosk.ui.console.cases.dialogs import IncidentDialog, step_dialog
    from kiosk.ui.console.cases.page import CasesPage

    page = window.shell.pages["cases"]
    assert isinstance(page, CasesPage)
    today = page.services.deps.clock.today()
    yield "incident", "Console: cases, record an incident", IncidentDialog(today, page)
    for kind in page.step_buttons:  # every step the page offers, in its order
        slug = kind.name.lower().replace("_", "-")
        yield slug, f"Console: cases, {kind.label}", step_dialog(kind, today, page)


def choose_collection_hold(window: ConsoleWindow) -> bool:
    """Open the first held collector on the Alerts page (the demo holds one); False when there is none."""
    from kiosk.ui.console.alerts_page import AlertsPage

    page = window.shell.pages["alerts"]
    assert isinstance(page, AlertsPage)
    settle()
    for i in range(page.alert_list.count()):
        item = page.alert_list.item(i)
        if isinstance(item.data(Qt.ItemDataRole.UserRole), (tuple, list)):
            page.alert_list.setCurrentItem(item)
            settle()
            return True
    return False


def choose_pupil(window: ConsoleWindow, first_name: str) -> None:
    """Select a pupil on the Pupils page, so their collectors (and, for the head, orders) show."""
    from kiosk.ui.console.pupils_page import PupilsPage

    page = window.shell.pages["pupils"]
    assert isinstance(page, PupilsPage)
    settle()
    for row, pupil in enumerate(page.pupils):
        if pupil.first_name == first_name:
            page.table.selectRow(row)
            settle()
            return


def roll_call_dialog(window: ConsoleWindow) -> QDialog | None:
    """The roll call as it looks part-way through, on who is on site now, without writing a roll call.

    The entries are made here from the on-site lists (a third ticked), so the demo database is only read.
    """
    from datetime import timedelta

    from kiosk.domain.staffroll import RollCall, RollCallEntry, RollGroup
    from kiosk.services.staffroll import RollCallView
    from kiosk.ui.console.onsite_page import OnSitePage
    from kiosk.ui.console.rollcall import RollCallDialog

    page = window.shell.pages["on-site"]
    assert isinstance(page, OnSitePage)
    ctx = page.ctx
    roll, actor = ctx.services.staff_roll, ctx.actor
    if roll is None or actor is None:
        return None
    now = ctx.services.deps.clock.now()
    people = [(RollGroup.STAFF, m.full_name, m.job_title) for _p, m in roll.on_site(actor)]
    for visit, person in ctx.services.sign_in.on_site(actor):
        name = person.full_name if person is not None else visit.name_as_typed
        people.append((RollGroup.VISITORS, name, visit.person_type.label))
    entries = tuple(
        RollCallEntry(i + 1, 1, group, f"demo:{i}", name, detail, now if i % 3 == 0 else None, "demo")
        for i, (group, name, detail) in enumerate(people)
    )
    dialog = RollCallDialog(ctx, window)
    dialog.watch.stale = False  # shown as made here: not loaded from the database
    dialog.show_view(RollCallView(RollCall(1, None, now - timedelta(minutes=4), "demo"), entries))
    dialog.resize(min(window.width(), 1000), min(window.height(), 720))
    return dialog


def fire_roll_png(services: Services, actor, out_dir: Path) -> dict | None:  # noqa: ANN001
    """The fire roll's first A4 page as a PNG (the PDF staff print), for review beside the screens."""
    import pypdfium2 as pdfium

    if services.reports is None:
        return None
    document = services.reports.fire_roll(actor)
    pdf = pdfium.PdfDocument(document.pdf)
    try:
        image = pdf[0].render(scale=110 / 72).to_pil()
    finally:
        pdf.close()
    path = out_dir / "console-fire-roll-a4.png"
    image.save(path)
    roll = document.roll
    text = " | ".join(
        [s.name for s in roll.staff] + [f"{ln.name} {ln.clearance}".strip() for ln in roll.lines]
    )
    return {
        "file": path.name,
        "screen": "Fire roll (A4 PDF): staff, then visitors with Cleared / Must be escorted",
        "text": text,
    }


def render_console_screens(services: Services, out_dir: Path, sizes: list[tuple[int, int]]) -> list[dict]:
    """Save every console view as a full-window PNG per size; returns ``{"file", "screen", "text"}`` entries.

    Uses the demo database's head ("Helen Head", PIN 864213, made by kiosk.demo) so every page shows.
    """
    app = QApplication.instance() or QApplication([])
    if isinstance(app, QApplication):
        # As `kiosk console` and `kiosk demo` theme the application (the kiosk's screenshots, taken first,
        # leave it in the kiosk's large type, which dialogs made before they have a parent would keep).
        theme_application(app, services.settings)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    window = build_console_window(services)
    entries: list[dict] = []

    def shoot(name: str, screen: str, w: int, h: int) -> None:
        settle()
        path = out_dir / f"console-{name}-{w}x{h}.png"
        window.grab().save(str(path))
        entries.append({"file": path.name, "screen": screen, "text": visible_text(window)})

    def shoot_dialog(dialog: QDialog, name: str, screen: str, w: int, h: int) -> None:
        """The window with ``dialog`` over it, dimmed behind, as a person sees it at this screen size."""
        dialog.open()
        settle(2)
        # A dialog never grows past the screen (its form scrolls inside it instead).
        dialog.resize(dialog.size().boundedTo(QSize(w - 40, h - 40)))
        settle(2)
        canvas = window.grab()
        painter = QPainter(canvas)
        painter.fillRect(canvas.rect(), QColor(23, 33, 43, 110))
        painter.drawPixmap((w - dialog.width()) // 2, (h - dialog.height()) // 2, dialog.grab())
        painter.end()
        path = out_dir / f"console-{name}-{w}x{h}.png"
        canvas.save(str(path))
        entries.append({"file": path.name, "screen": screen, "text": visible_text(dialog)})
        dialog.reject()
        dialog.deleteLater()
        settle(1)

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
                if key == "pupils":
                    choose_pupil(window, "Leo")
                shoot(name, screen, w, h)
                if key == "alerts" and choose_collection_hold(window):
                    shoot(
                        "alert-collector",
                        "Console: alert (a collector not on the child's list, beside the child's collectors)",
                        w,
                        h,
                    )
                if key == "cases":
                    for dialog_name, dialog_screen, dialog in case_dialogs(window):
                        shoot_dialog(dialog, f"cases-{dialog_name}", dialog_screen, w, h)
                if key == "on-site":
                    roll_dialog = roll_call_dialog(window)
                    if roll_dialog is not None:
                        shoot_dialog(
                            roll_dialog, "roll-call", "Console: roll call at the assembly point", w, h
                        )
            if (w, h) == sizes[0]:
                fire = fire_roll_png(services, actor, out_dir)
                if fire is not None:
                    entries.append(fire)
        window.session.lock()
    finally:
        window.close()
        settle(2)
        window.deleteLater()
        QCoreApplication.processEvents()
    return entries
