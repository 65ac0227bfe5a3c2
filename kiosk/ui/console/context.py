"""What every console page shares: the services, who is signed in, and the "something changed" signal."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.domain.errors import KioskError
from kiosk.domain.events import Change, ChangeEvent, Topic
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

    def update(self, actor: Actor) -> None:
        """The signed-in person, as the services now see them (e.g. no longer made to change their PIN)."""
        if self.actor is not None and self.actor.staff_id == actor.staff_id:
            self.actor = actor

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
    """Relays the event feed (a background thread) to the GUI thread as typed ``ChangeEvent``s.

    ``changed(event)`` fires for every change another program (or this one's housekeeping) makes, and at
    once for this console's own actions (``local``), whose later echo from the feed is then dropped.
    ``ticked`` is a slow safety-net tick, only for what must never wait on a lost event (a held visitor).
    """

    changed = Signal(object)  # ChangeEvent
    ticked = Signal()
    ECHO_WINDOW_S = 15.0

    def __init__(
        self, services: Services, parent: QObject | None = None, *, safety_ms: int = SAFETY_REFRESH_MS
    ):
        super().__init__(parent)
        self.feed = services.feed
        self.origin = services.deps.origin
        # A school of a trust: other schools' changes to their own records are not this console's.
        self.school = services.settings.school.trust_school_id or None
        self.trust_office = services.settings.school.trust_office
        self.actor_id = ""  # the signed-in person's audit id ("staff:3"), set by the window
        self._expected: list[tuple[Change, str, float]] = []  # own changes whose echo is still to come
        self._tick = QTimer(self)
        self._tick.setInterval(safety_ms)
        self._connect_signals()
        if self.feed is not None:
            self.feed.subscribe(self._from_feed)
        self._tick.start()

    def _connect_signals(self) -> None:
        self._tick.timeout.connect(self.ticked.emit)
        self._relayed.connect(self._arrived)
        self.destroyed.connect(self._detach)

    _relayed = Signal(object)

    def _from_feed(self, event: ChangeEvent) -> None:
        # Runs on the feed's thread: emitting a signal of a GUI-thread object queues it to the GUI thread.
        if not event.concerns_school(self.school, trust_office=self.trust_office):
            return  # another school's visit or alert: at a trust's gate peak most of what is heard
        try:
            self._relayed.emit(event)
        except RuntimeError:  # the console was closed while the feed was still running
            pass

    def _arrived(self, event: ChangeEvent) -> None:
        if self._is_echo(event):
            log.debug("skipped the echo of this console's own %s", event.change)
            return
        self.changed.emit(event)

    def _is_echo(self, event: ChangeEvent) -> bool:
        """Whether the feed is telling us of a change this console made and already showed."""
        now = time.monotonic()
        self._expected = [e for e in self._expected if now - e[2] < self.ECHO_WINDOW_S]
        for i, (change, by, _at) in enumerate(self._expected):
            ours = event.origin == self.origin if event.origin else (bool(by) and event.by == by)
            if ours and event.change is change:
                del self._expected[i]
                return True
        return False

    def _detach(self, *_args) -> None:
        if self.feed is not None:
            self.feed.unsubscribe(self._from_feed)

    def local(self, change: Change) -> None:
        """This console changed something itself: pages refresh now, and the feed's echo is skipped."""
        self._expected.append((change, self.actor_id, time.monotonic()))
        self.changed.emit(ChangeEvent(change, by=self.actor_id, origin=self.origin, payload={"local": True}))


class TopicWatch(QObject):
    """Refreshes one page for its own topics: at once while it is shown, else when it is next shown.

    A hidden page never refreshes; a change it missed makes it refresh when it appears (catching up).
    """

    def __init__(
        self,
        page: QWidget,
        events: ConsoleEvents,
        topics: Iterable[Topic],
        refresh: Callable[[], None],
        *,
        live: bool = True,
    ):
        super().__init__(page)
        self.page = page
        self.live = live  # False: never reload under the reader's eyes, only when next shown
        self.topics = frozenset(topics)
        self.refresh = refresh
        self.stale = True  # nothing loaded yet: the first show loads the page
        self.refreshes = 0  # how many refreshes changes caused (tests read it)
        events.changed.connect(self._changed)
        page.installEventFilter(self)

    def _changed(self, event: ChangeEvent) -> None:
        if not event.concerns(self.topics):
            return
        if self.live and self.page.isVisible():
            self._refresh()
        else:
            self.stale = True

    def _refresh(self) -> None:
        self.stale = False
        self.refreshes += 1
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.page and event.type() == QEvent.Type.Show and self.stale:
            self._refresh()
        return False

    def invalidate(self) -> None:
        """Load afresh when next shown (someone else signed in), or now if shown."""
        self.stale = True
        if self.page.isVisible():
            self._refresh()


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
