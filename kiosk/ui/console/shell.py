"""The signed-in console: a top bar, a side navigation and one page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action
from kiosk.ui.console.alerts_page import AlertsPage
from kiosk.ui.console.audit_page import AuditPage
from kiosk.ui.console.bans_page import BansPage
from kiosk.ui.console.cases import CasesPage
from kiosk.ui.console.clearance_page import ClearancePage
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.expected_page import ExpectedPage
from kiosk.ui.console.onsite_page import OnSitePage
from kiosk.ui.console.parts import button, label
from kiosk.ui.console.printers_page import PrintersPage
from kiosk.ui.console.pupils_page import PupilsPage
from kiosk.ui.console.staff_page import StaffPage
from kiosk.ui.console.trust_page import TrustPage
from kiosk.ui.console.visitlog_page import VisitLogPage


@dataclass(frozen=True)
class NavEntry:
    key: str
    title: str
    icon: str
    action: Action  # who may see the page (the services enforce the same table)


NAV = (
    NavEntry("alerts", "Alerts", "fa5s.bell", Action.HANDLE_ALERT),
    NavEntry("on-site", "On site", "fa5s.users", Action.FRONT_DESK),
    NavEntry("expected", "Expected", "fa5s.calendar-check", Action.EXPECTED_VISITS),
    NavEntry("clearances", "Checks (SCR)", "fa5s.user-check", Action.CLEARANCES),
    NavEntry("pupils", "Pupils", "fa5s.child", Action.PUPILS),
    NavEntry("bans", "Bans", "fa5s.user-slash", Action.MANAGE_BANS),
    NavEntry("cases", "Cases", "fa5s.folder-open", Action.CASES),
    NavEntry("visit-log", "Visit log", "fa5s.list-alt", Action.FRONT_DESK),
    NavEntry("audit", "Audit", "fa5s.clipboard-list", Action.READ_AUDIT),
    NavEntry("staff", "Staff", "fa5s.id-badge", Action.FRONT_DESK),  # everyone: their own PIN
    NavEntry("printers", "Printers", "fa5s.print", Action.ADMINISTER),
    NavEntry("trust", "Trust", "fa5s.school", Action.TRUST_REPORTS),  # the trust's roles only
)


class ConsoleShell(QWidget):
    """Navigation and pages for the signed-in staff member; each page loads and refreshes itself."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        top = QWidget()
        top.setProperty("console", "topbar")
        top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(18, 10, 18, 10)
        top_row.addWidget(label(ctx.services.settings.school.name, "school"))
        top_row.addWidget(label("· Reception console", "who"))
        top_row.addStretch(1)
        self.who = label("", "who")
        top_row.addWidget(self.who)
        self.large_text_button = button("Larger text", "quiet", "fa5s.text-height")
        self.large_text_button.setCheckable(True)
        top_row.addWidget(self.large_text_button)
        self.lock_button = button("Lock", "quiet", "fa5s.lock")
        top_row.addWidget(self.lock_button)
        outer.addWidget(top)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        nav = QWidget()
        nav.setProperty("console", "nav")
        nav.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        nav.setFixedWidth(190)
        nav_col = QVBoxLayout(nav)
        nav_col.setContentsMargins(10, 14, 10, 14)
        nav_col.setSpacing(4)
        self.pages = {
            "alerts": AlertsPage(ctx),
            "on-site": OnSitePage(ctx),
            "expected": ExpectedPage(ctx),
            "clearances": ClearancePage(ctx),
            "pupils": PupilsPage(ctx),
            "bans": BansPage(ctx),
            "cases": CasesPage.for_console(ctx),
            "visit-log": VisitLogPage(ctx),
            "audit": AuditPage(ctx),
            "staff": StaffPage(ctx),
            "printers": PrintersPage(ctx),
            "trust": TrustPage(ctx),
        }
        self.stack = QStackedWidget()
        self.frames: dict[str, QScrollArea] = {}
        self.nav_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        for entry in NAV:
            b = button(entry.title, "", entry.icon)
            b.setProperty("console", "navitem")
            b.setCheckable(True)
            self._group.addButton(b)
            nav_col.addWidget(b)
            self.nav_buttons[entry.key] = b
            self.stack.addWidget(self._framed(entry.key))
        nav_col.addStretch(1)
        self.alert_count = label("", "count")
        self.alert_count.setVisible(False)
        body.addWidget(nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self._connect_signals()

    def _framed(self, key: str) -> QScrollArea:
        """A page in a scroll area: a page wider or taller than a 1024x768 screen (large text) scrolls,
        it never pushes the window off the screen or cuts off an action."""
        frame = QScrollArea()
        frame.setWidgetResizable(True)
        frame.setFrameShape(QFrame.Shape.NoFrame)
        frame.setWidget(self.pages[key])
        self.frames[key] = frame
        return frame

    def _connect_signals(self) -> None:
        for key, b in self.nav_buttons.items():
            b.clicked.connect(lambda _checked=False, k=key: self.show_page(k))
        self.lock_button.clicked.connect(self.ctx.session.lock)

    def start(self, actor: Actor) -> None:
        """Show what this person's role may use, and open their first page."""
        self.who.setText(f"{actor.name} ({actor.role.value if actor.role else 'staff'})")
        allowed = [e.key for e in NAV if self.ctx.session.may(e.action)]
        for entry in NAV:
            self.nav_buttons[entry.key].setVisible(entry.key in allowed)
        for page in self.pages.values():
            watch = getattr(page, "watch", None)
            if watch is not None:
                watch.invalidate()  # what the last person saw is not what this one may see
        if allowed:
            self.show_page(allowed[0])

    def show_page(self, key: str) -> None:
        """Switch to a page (if this person may see it); it loads itself if anything changed meanwhile.

        A page with a TopicWatch catches up when shown; a search page (visit log, audit) reloads.
        """
        if not self.nav_buttons[key].isVisible() and self.ctx.actor is not None:
            entry = next(e for e in NAV if e.key == key)
            if not self.ctx.session.may(entry.action):
                return
        self.nav_buttons[key].setChecked(True)
        page = self.pages[key]
        self.stack.setCurrentWidget(self.frames[key])
        if getattr(page, "watch", None) is None:
            page.refresh()  # type: ignore[attr-defined]  # every page has refresh()

    def current_key(self) -> str:
        frame = self.stack.currentWidget()
        return next(k for k, f in self.frames.items() if f is frame)

    def show_waiting(self, count: int) -> None:
        """Put the number of held visitors on the Alerts navigation button (and, for the trust's lead, who
        does not handle a school's alerts, on the Trust button: a visitor is held on the trust's ban)."""
        b = self.nav_buttons["alerts"]
        b.setText(f"Alerts ({count})" if count else "Alerts")
        b.setProperty("waiting", bool(count))
        trust = self.nav_buttons["trust"]
        trust.setText(f"Trust ({count} held)" if count else "Trust")
        trust.setProperty("waiting", bool(count))
