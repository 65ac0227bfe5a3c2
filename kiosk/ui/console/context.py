"""What every console page shares: the services, who is signed in, and the "something changed" signal."""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.domain.errors import KioskError
from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action, may
from kiosk.services.container import Services

log = logging.getLogger(__name__)

IDLE_LOCK_MS = 5 * 60 * 1000
SAFETY_REFRESH_MS = 15_000

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class ConsoleSession(QObject):
    """Who is signed in to the console; locks (signs out) after a while without input."""

    signed_in = Signal(object)  # Actor
    signed_out = Signal()

    def __init__(self, idle_lock_ms: int = IDLE_LOCK_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_lock_ms)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._idle.timeout.connect(self.lock)

    def start(self, actor: Actor) -> None:
        self.actor = actor
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()
        self.signed_in.emit(actor)

    def lock(self) -> None:
        """Back to the sign-in screen (inactivity, or the Lock button)."""
        if self.actor is None:
            return
        self.actor = None
        self._idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.signed_out.emit()

    def may(self, action: Action) -> bool:
        """Whether the signed-in person's role allows an action (only to hide what would be refused)."""
        return self.actor is not None and may(self.actor.role, action)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY and self._idle.isActive():
            self._idle.start()
        return False


class ConsoleEvents(QObject):
    """Relays the event feed (a background thread) to the GUI thread, plus a slow safety-net tick.

    ``changed(event, payload)`` fires for every feed event, for "tick" every few seconds, and for
    "local" after this console's own actions, so each page refreshes itself.
    """

    changed = Signal(str, object)

    def __init__(
        self, services: Services, parent: QObject | None = None, *, safety_ms: int = SAFETY_REFRESH_MS
    ):
        super().__init__(parent)
        self.feed = services.extras.get("feed")
        self._tick = QTimer(self)
        self._tick.setInterval(safety_ms)
        self._connect_signals()
        if self.feed is not None:
            self.feed.subscribe(self._from_feed)
        self._tick.start()

    def _connect_signals(self) -> None:
        self._tick.timeout.connect(lambda: self.changed.emit("tick", {}))
        self.destroyed.connect(self._detach)

    def _from_feed(self, event: str, payload: dict) -> None:
        # Runs on the feed's thread: emitting a signal of a GUI-thread object queues it to the GUI thread.
        try:
            self.changed.emit(event, dict(payload))
        except RuntimeError:  # the console was closed while the feed was still running
            pass

    def _detach(self, *_args) -> None:
        unsubscribe = getattr(self.feed, "unsubscribe", None)
        if unsubscribe is not None:
            unsubscribe(self._from_feed)

    def local(self, what: str = "local") -> None:
        """This console changed something itself: refresh now rather than wait for the feed."""
        self.changed.emit(what, {})


class ConsoleContext:
    """The services, the session and the events, handed to every page."""

    def __init__(self, services: Services, session: ConsoleSession, events: ConsoleEvents):
        self.services = services
        self.session = session
        self.events = events

    @property
    def actor(self) -> Actor | None:
        return self.session.actor

    def local_time(self, when: datetime | None, fmt: str = "%H:%M") -> str:
        """A stored UTC time in the school's time zone, for display."""
        if when is None:
            return ""
        return when.astimezone(self.services.settings.zone).strftime(fmt)

    def today(self) -> date:
        return self.services.deps.clock.today()

    def staff_name(self, staff_id: int | None) -> str:
        """A staff member's name for notes like "dismissed by NAME" (see .notes-console.md)."""
        if staff_id is None:
            return "unknown"
        if self.actor is not None and self.actor.staff_id == staff_id:
            return self.actor.name
        try:
            return self.services.staff.name_of(staff_id)
        except KioskError:
            return f"staff member #{staff_id}"
