"""Entry points of the visitor kiosk: ``run_kiosk`` for the program, ``build_kiosk_window`` for tests and tools."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from kiosk.domain.errors import DatabaseUnreachable, KioskError
from kiosk.ui.i18n import LanguageSwitch, use_source_language
from kiosk.ui.kiosk.steps import Step
from kiosk.ui.kiosk.window import KioskWindow
from kiosk.ui.theme import apply_theme
from kiosk.ui.widgets.qapp import app_for, release_memory, running_app

# The services, the controller and the set-up are imported where they are used: kiosk.ui.kiosk.start
# shows Welcome (with this module's kiosk_languages and show_kiosk_window) before any of them loads.
if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.services.container import Services
    from kiosk.ui.kiosk.controller import KioskController
    from kiosk.ui.kiosk.start import WelcomeSettings

log = logging.getLogger(__name__)


def build_kiosk_window(
    services: Services, *, idle_timeout_ms: int | None = None, still_there_s: int | None = None
) -> KioskWindow:
    """The kiosk window on its Welcome page, themed and driven by its controller (``window.controller``).

    ``idle_timeout_ms`` and ``still_there_s`` override the settings (tests use short ones).
    """
    app = running_app()
    use_source_language()  # built in English, whatever an earlier window left installed
    window = KioskWindow(services.settings)
    apply_theme(app, services.settings, widget=window)
    window.languages = kiosk_languages(window, services.settings)
    wire_kiosk_window(services, window, idle_timeout_ms=idle_timeout_ms, still_there_s=still_there_s)
    return window


def wire_kiosk_window(
    services: Services,
    window: KioskWindow,
    *,
    idle_timeout_ms: int | None = None,
    still_there_s: int | None = None,
) -> KioskController:
    """Connect a built window (every page, its language switch) to the services through its controller."""
    from kiosk.ui.kiosk.controller import KioskController

    window.welcome.language_chosen.connect(window.languages.set_language)
    window.languages.changed.connect(window.welcome.show_language)
    window.welcome.show_language(window.languages.code)
    kwargs = {} if still_there_s is None else {"still_there_s": still_there_s}
    window.controller = KioskController(services, window, idle_timeout_ms=idle_timeout_ms, **kwargs)
    return window.controller


def kiosk_languages(window: KioskWindow, settings: Settings | WelcomeSettings) -> LanguageSwitch:
    """The window's language switch, built in English and now showing the school's language."""
    languages = LanguageSwitch(settings.kiosk.language, parent=window)
    languages.add_window(window)
    languages.reset()
    return languages


def prepare_after_first_paint(services: Services, window: KioskWindow) -> None:
    """Once Welcome is on screen, build what the first visitor needs, on the worker thread.

    The screening index of this site's bans in force (and of the pupils' names), the staff PIN check's decoy hash, the badge
    printer (its layout stack, reportlab, loads with the first badge: ~0.2 s once, on the slow core) and
    the Code of Conduct laid out on its (hidden) page. It runs on the same
    single worker as every sign-in, so a visitor who is quicker than it waits for it (the page shows
    it is busy): screening is never skipped, only ready. Then the memory that work freed is handed back
    to the system (kiosk.ui.widgets.qapp.release_memory).
    """

    from kiosk.ui.ops import run_op

    def prepare():
        try:
            if services.ban_list is not None:
                services.ban_list.prepare(services.place.site_id)
            if services.sign_in.collections is not None:
                services.sign_in.collections.prepare()  # the pupils' names, for the first collector
        except DatabaseUnreachable:
            if services.offline is None:
                raise
            # Out of reach (a kiosk that started offline): the local copy screens; the index is built
            # by the first sign-in after the server answers.
        services.staff.prepare()
        getattr(
            services.sign_in.printer, "print_badge", None
        )  # the printer (not its layout stack) is built now
        return services.sign_in.current_policy()

    def lay_out(policy) -> None:
        page = window.policy_page
        if policy is not None and window.current_step is not Step.POLICY:
            page.load(policy, full=True, reminder=False, signature_pad=services.settings.kiosk.signature_pad)
            page.clear()
        # What the warm-up (and the start's imports) left behind goes back to the system; what they built
        # for the day is set aside from the cyclic collector.
        release_memory(settle=True)
        window.setProperty("warmed_up", True)  # the warm-up is over (tests and benchmarks wait for it)

    QTimer.singleShot(0, lambda: run_op(window, prepare, lay_out))


def install_fault_handler(window: KioskWindow) -> None:
    """Log any uncaught exception and show the calm "Sorry" page instead of a traceback or a crash."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("unexpected error in the kiosk", exc_info=(kind, exc, tb))
        try:
            window.controller.fault()
        except Exception:  # noqa: BLE001 - the fault page itself failed; logging is all that is left
            log.exception("could not show the fault page")

    sys.excepthook = hook


def log_window_fit(window: KioskWindow) -> bool:
    """Log the full-screen window's size against its screen's; a WARNING when it does not fill it.

    The installer's booted test reads this line to check the window fills cage's output.
    """
    screen = window.screen()
    if screen is None:
        log.warning("kiosk window %dx%d is on no screen", window.width(), window.height())
        return False
    win, scr = window.frameGeometry(), screen.geometry()
    # The platform window is what the compositor was given (on Wayland, the surface's buffer size).
    handle = window.windowHandle()
    native = handle.size() if handle is not None else win.size()
    fills = win.size() == scr.size() and native == scr.size()
    log.log(
        logging.INFO if fills else logging.WARNING,
        "kiosk window %dx%d (platform window %dx%d) at %d,%d on screen %dx%d%s",
        win.width(),
        win.height(),
        native.width(),
        native.height(),
        win.x(),
        win.y(),
        scr.width(),
        scr.height(),
        "" if fills else ": the window does not fill the screen",
    )
    return fills


def _setup_code_typed(services: Services) -> bool:
    """Full-screen, the set-up opens only for the set-up code `kiosk db upgrade` printed (none issued: no)."""
    from kiosk.ui.kiosk.setup_code import SetupCodeDialog

    check = services.setup_code
    if check is None or not check.pending():
        return False
    dialog = SetupCodeDialog(check.matches)
    dialog.showFullScreen()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        log.warning("the set-up code was not typed (%d wrong tries): the kiosk does not start", dialog.tries)
        return False
    log.info("set-up code typed at the full-screen kiosk: opening the first-run set-up")
    return True


def run_kiosk(services: Services, windowed: bool, *, rebuild: Callable[[], Services] | None = None) -> int:
    """Run the visitor kiosk until staff leave it with a PIN; full-screen unless ``windowed``.

    On the very first start (no staff accounts) the set-up window (kiosk.ui.kiosk.setup) comes first, and
    only with ``windowed`` or, full-screen, once the set-up code `kiosk db upgrade` printed is typed
    (kiosk.ui.kiosk.setup_code): a visitor could otherwise create the administrator. After it,
    ``rebuild`` (the command line's) wires the services again from the settings the set-up saved, so the
    kiosk uses the chosen printer, label and mail server at once.
    """
    app = app_for(sys.argv[:1])
    app.setApplicationName("kiosk")
    apply_theme(app, services.settings)
    handed_on = False  # to run_ready_window, which disposes of the services when the kiosk closes
    try:
        if not services.staff.has_staff():
            if not windowed and not _setup_code_typed(services):
                message = (
                    "There is no staff account yet, so the kiosk will not start full-screen. Set up the "
                    "administrator with `kiosk --windowed` (or `kiosk staff add`), or type the set-up code "
                    "`kiosk db upgrade` prints, then start the kiosk again."
                )
                log.error(message)
                print(f"kiosk: {message}", file=sys.stderr)
                return 1
            from kiosk.ui.kiosk.setup import FirstStartSetup

            setup = FirstStartSetup(services)
            if setup.exec() != QDialog.DialogCode.Accepted:
                log.warning("kiosk set-up was closed before it finished (on screen %s)", setup.page)
                return 1
            if rebuild is not None:
                services.dispose()
                services = rebuild()
        window = build_kiosk_window(services)
        show_kiosk_window(window, windowed, kiosk_window_flags)
        handed_on = True
    finally:
        if not handed_on:
            services.dispose()
    return run_ready_window(services, window, windowed)


def show_kiosk_window(window: KioskWindow, windowed: bool, flags: Callable[[], Qt.WindowType]) -> None:
    """Show the kiosk window: 1280x800 ``windowed``, else full-screen with no title bar, locked."""
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        # No title bar, no close button: only the staff PIN leaves the kiosk.
        window.setWindowFlags(flags())
        window.lock()
        window.showFullScreen()


def run_ready_window(services: Services, window: KioskWindow, windowed: bool) -> int:
    """Run a shown window, wired to its services (its controller made here if it has none yet), until
    staff leave with a PIN; the services are disposed of at the end."""
    app = running_app()
    try:
        if getattr(window, "controller", None) is None:
            wire_kiosk_window(services, window)
        install_fault_handler(window)
        prepare_after_first_paint(services, window)
        window.welcome.set_busy(False)

        def leave(_actor) -> None:
            window.unlock()
            app.quit()

        window.exit_requested.connect(leave)
        if not windowed:
            # Once the compositor has had time to configure the window (cage makes it full-screen).
            QTimer.singleShot(3000, lambda: log_window_fit(window))
        return app.exec()
    finally:
        services.dispose()


def kiosk_window_flags() -> Qt.WindowType:
    """The full-screen kiosk window's flags, as kiosk.platform names them for this system."""
    from kiosk import platform

    flags = Qt.WindowType.Widget
    for name in platform.kiosk_window_flags():
        flags |= getattr(Qt.WindowType, name)
    return flags


def run_fault_screen(
    settings: Settings, reason: str, retry: Callable[[], Services], *, windowed: bool, every_ms: int = 10_000
) -> Services | None:
    """The database is missing or not this kiosk's: show "please ask at reception" and nothing else.

    Every ``every_ms`` the database is tried again (``retry``); when it is back, the window closes and
    the services are returned, so the kiosk starts as usual. None if the window was closed first.
    """
    app = app_for(sys.argv[:1])
    app.setApplicationName("kiosk")
    apply_theme(app, settings)
    use_source_language()
    window = KioskWindow(settings)
    apply_theme(app, settings, widget=window)
    window.languages = kiosk_languages(window, settings)
    window.show_step(Step.SORRY)
    log.error("kiosk sign-in stopped: %s", reason)
    found: list[Services] = []
    last = [reason]

    def again() -> None:
        try:
            found.append(retry())
        except KioskError as exc:
            if str(exc) != last[0]:
                log.error("kiosk sign-in still stopped: %s", exc)
                last[0] = str(exc)
            return
        log.info("the database is back: starting the kiosk")
        timer.stop()
        app.quit()

    timer = QTimer(window)
    timer.timeout.connect(again)
    timer.start(every_ms)
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.setWindowFlags(kiosk_window_flags())
        window.showFullScreen()
    app.exec()
    timer.stop()
    window.close()
    window.deleteLater()
    return found[0] if found else None


__all__ = [
    "build_kiosk_window",
    "install_fault_handler",
    "kiosk_languages",
    "log_window_fit",
    "prepare_after_first_paint",
    "run_fault_screen",
    "run_kiosk",
    "run_ready_window",
    "show_kiosk_window",
    "wire_kiosk_window",
]
