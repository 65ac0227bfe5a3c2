"""The visitor kiosk's start: Welcome on screen first, then everything else, with nothing to tap until ready.

``start_kiosk`` (the ``kiosk`` command) paints Welcome from the few settings it shows (the school's name,
colour, logo, time zone and languages), read straight from the settings files with ``tomllib``
(kiosk.settings_files), before pydantic, SQLAlchemy or Alembic is imported. Only after that first paint
are the settings validated, the database opened and the services built (on a thread of their own), while
the GUI thread builds the other pages. Welcome's buttons stay disabled until the services are wired to
the window: fail closed, no sign-in before the kiosk is ready; the screening index is then prepared
on the worker that every sign-in waits behind (kiosk.ui.kiosk.main.prepare_after_first_paint).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal

from kiosk.settings_files import read_layers
from kiosk.ui.i18n import LANGUAGES, SOURCE_LANGUAGE, use_source_language
from kiosk.ui.widgets.qapp import app_for

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.services.container import Services
    from kiosk.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

# Welcome's own defaults: the same as kiosk.config's (tests/gui/kiosk/test_kiosk_start.py holds them equal).
DEFAULT_SCHOOL = "Kestrel House School"
DEFAULT_ACCENT = "#1F6F8B"
DEFAULT_ZONE = "Europe/London"
ALL_LANGUAGES = ("en", "cy", "pl", "ur")
# The longest the start waits for Welcome's first paint before it goes on anyway (a screen that never
# paints, e.g. a compositor still starting, must not keep the kiosk from getting ready).
FIRST_PAINT_LIMIT_MS = 3000


@dataclass(frozen=True)
class WelcomeSchool:
    """The school as Welcome shows it."""

    name: str = DEFAULT_SCHOOL
    accent_colour: str = DEFAULT_ACCENT
    logo: str = ""
    time_zone: str = DEFAULT_ZONE


@dataclass(frozen=True)
class WelcomeKiosk:
    """The languages Welcome starts in and offers."""

    language: str = "en"
    languages: tuple[str, ...] = ALL_LANGUAGES


@dataclass(frozen=True)
class WelcomeSettings:
    """The few settings Welcome's first paint needs, unvalidated: kiosk.config checks them all just after.

    A value Welcome cannot use falls back to its default here; the validation that follows the first
    paint then stops the kiosk with one line naming it, as it always did.
    """

    school: WelcomeSchool = field(default_factory=WelcomeSchool)
    kiosk: WelcomeKiosk = field(default_factory=WelcomeKiosk)

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.school.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(DEFAULT_ZONE)


def _text(table: Any, key: str, default: str) -> str:
    value = table.get(key, default) if isinstance(table, dict) else default
    return value if isinstance(value, str) else default


def _colour(value: str) -> str:
    v = value.strip()
    ok = len(v) == 7 and v.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in v[1:])
    return v if ok else DEFAULT_ACCENT


def welcome_settings(raw: dict[str, Any]) -> WelcomeSettings:
    """Welcome's settings from the merged, unvalidated layers (kiosk.settings_files.read_layers)."""
    school, kiosk = raw.get("school", {}), raw.get("kiosk", {})
    language = _text(kiosk, "language", "en")
    offered = kiosk.get("languages", list(ALL_LANGUAGES)) if isinstance(kiosk, dict) else list(ALL_LANGUAGES)
    if isinstance(offered, str):  # KIOSK_KIOSK__LANGUAGES=en,cy
        offered = [part.strip() for part in offered.strip("[]").replace('"', "").split(",")]
    languages = (
        tuple(c for c in offered if isinstance(c, str) and c in LANGUAGES)
        if isinstance(offered, list | tuple)
        else ALL_LANGUAGES
    )
    return WelcomeSettings(
        school=WelcomeSchool(
            name=_text(school, "name", DEFAULT_SCHOOL),
            accent_colour=_colour(_text(school, "accent_colour", DEFAULT_ACCENT)),
            logo=_text(school, "logo", ""),
            time_zone=_text(school, "time_zone", DEFAULT_ZONE),
        ),
        kiosk=WelcomeKiosk(language=language if language in LANGUAGES else "en", languages=languages),
    )


def read_welcome_settings() -> WelcomeSettings:
    """Welcome's settings from the settings files and KIOSK_* variables (ConfigError for an unreadable file)."""
    merged, _origin = read_layers()
    return welcome_settings(merged)


class _Relay(QObject):
    finished = Signal()


class _Background:
    """One piece of start-up work on a thread of its own; ``wait`` keeps the GUI painting meanwhile."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._relay = _Relay()
        self._result: Any = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work,), name="kiosk-start", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self._result = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which raises it
            self._error = exc
        finally:
            self._done.set()
            self._relay.finished.emit()

    def wait(self) -> Any:
        """The work's result (its exception raised here), the event loop running until then."""
        if not self._done.is_set():
            loop = QEventLoop()
            self._relay.finished.connect(loop.quit)
            if not self._done.is_set():  # it may have finished between the check and the connection
                loop.exec()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result


class _FirstPaint(QObject):
    """Quits ``loop`` once the watched widget has painted."""

    def __init__(self, widget: QObject, loop: QEventLoop) -> None:
        super().__init__(widget)
        self.painted = False
        self._loop = loop
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self._loop.quit)
        return False


def wait_for_first_paint(widget: QObject, limit_ms: int = FIRST_PAINT_LIMIT_MS) -> bool:
    """Run the event loop until ``widget`` has painted once (True), or ``limit_ms`` passed (False)."""
    loop = QEventLoop()
    watcher = _FirstPaint(widget, loop)
    QTimer.singleShot(limit_ms, loop.quit)
    loop.exec()
    widget.removeEventFilter(watcher)
    watcher.deleteLater()
    return watcher.painted


def build_remaining_pages(window: KioskWindow, settings: Settings) -> None:
    """Build the pages after Welcome, in English as every page is built, then in the language on screen."""
    from kiosk.ui.i18n import remember_sources

    languages = window.languages
    shown = languages.code
    if shown not in ("", SOURCE_LANGUAGE):
        use_source_language()  # the new pages' words are their English sources
        languages.code = SOURCE_LANGUAGE  # and English is what is installed now
    window.build_pages(settings)
    if shown not in ("", SOURCE_LANGUAGE):
        remember_sources(window)  # only the new pages' words: Welcome's are remembered already
        languages.set_language(shown)


def start_kiosk(
    *,
    windowed: bool,
    load_settings: Callable[[], Settings],
    build: Callable[[Settings], Services],
    rebuild: Callable[[], Services],
) -> int:
    """Run the visitor kiosk: Welcome painted first, the rest built behind it (see the module docstring).

    ``load_settings`` validates the settings (and sets up logging); ``build`` wires the services (on a
    thread of its own; DatabaseUnavailable shows the "please ask at reception" screen, as before);
    ``rebuild`` wires them again after the first-run set-up or when the database is back.
    """
    from kiosk import platform

    platform.limit_malloc_arenas()  # before Qt and the services start their threads
    from kiosk.ui.kiosk.window import KioskWindow
    from kiosk.ui.theme import apply_theme

    first = read_welcome_settings()
    app = app_for(sys.argv[:1])
    app.setApplicationName("kiosk")
    apply_theme(app, first)
    use_source_language()  # built in English, whatever an earlier window left installed
    window = KioskWindow(first, all_pages=False)
    from kiosk.ui.kiosk.main import kiosk_languages, kiosk_window_flags, show_kiosk_window

    window.languages = kiosk_languages(window, first)
    window.welcome.set_busy(True)  # nothing to tap until the services are wired
    show_kiosk_window(window, windowed, kiosk_window_flags)
    wait_for_first_paint(window.welcome)
    try:
        settings = load_settings()
        job = _Background(lambda: _services_and_staff(build, settings))
        if settings.school.accent_colour != first.school.accent_colour:
            apply_theme(app, settings)
        build_remaining_pages(window, settings)
        services, has_staff = job.wait()
    except BaseException as exc:
        _close(window)
        from kiosk.domain.errors import DatabaseUnavailable

        if not isinstance(exc, DatabaseUnavailable):
            raise
        from kiosk.ui.kiosk.main import run_fault_screen, run_kiosk

        logging.getLogger("kiosk.cli").error("kiosk cannot sign visitors in: %s", exc)
        print(f"kiosk: {exc}", file=sys.stderr)
        found = run_fault_screen(settings, str(exc), rebuild, windowed=windowed)
        if found is None:
            return 1
        return run_kiosk(found, windowed=windowed, rebuild=rebuild)
    if not window.isVisible():  # closed (windowed) while the kiosk was getting ready
        services.dispose()
        window.deleteLater()
        return 0
    if not has_staff:
        # The first-run set-up (or the refusal to start full-screen without staff) is run_kiosk's.
        _close(window)
        from kiosk.ui.kiosk.main import run_kiosk

        return run_kiosk(services, windowed=windowed, rebuild=rebuild)
    from kiosk.ui.kiosk.main import run_ready_window

    return run_ready_window(services, window, windowed)


def _services_and_staff(build: Callable[[Settings], Services], settings: Settings) -> tuple[Services, bool]:
    services = build(settings)
    try:
        return services, services.staff.has_staff()
    except BaseException as exc:
        from kiosk.domain.errors import DatabaseUnreachable

        offline = services.offline
        if isinstance(exc, DatabaseUnreachable) and offline is not None and offline.offline:
            # Started offline from an earlier run's copy (kiosk.app): that run had its staff, and the
            # staff list is central, read again when the server answers.
            return services, True
        services.dispose()
        raise


def _close(window: KioskWindow) -> None:
    window.unlock()
    window.close()
    window.deleteLater()


__all__ = [
    "WelcomeKiosk",
    "WelcomeSchool",
    "WelcomeSettings",
    "build_remaining_pages",
    "read_welcome_settings",
    "start_kiosk",
    "wait_for_first_paint",
    "welcome_settings",
]
