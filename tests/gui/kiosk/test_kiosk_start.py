"""The kiosk's start (kiosk.ui.kiosk.start): Welcome first, from the settings files alone; nothing to tap until
the services are wired; the pages after Welcome built behind it, in the language on screen."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import ConfigError, Settings
from kiosk.ui.kiosk.start import WelcomeSettings, start_kiosk, welcome_settings
from kiosk.ui.kiosk.steps import Step
from kiosk.ui.ops import wait_for_ops

ROOT = Path(__file__).resolve().parents[3]


def test_welcome_settings_default_to_the_validated_settings_defaults():
    light, full = WelcomeSettings(), Settings()
    assert light.school.name == full.school.name
    assert light.school.accent_colour == full.school.accent_colour
    assert light.school.logo == full.school.logo
    assert light.school.time_zone == full.school.time_zone
    assert light.kiosk.language == full.kiosk.language
    assert list(light.kiosk.languages) == list(full.kiosk.languages)


def test_welcome_settings_read_what_the_files_say_and_fall_back_on_what_welcome_cannot_use():
    got = welcome_settings(
        {
            "school": {"name": "Oakfield Primary", "accent_colour": "#2E7D32", "time_zone": "Europe/Dublin"},
            "kiosk": {"language": "cy", "languages": ["en", "cy"]},
        }
    )
    assert (got.school.name, got.school.accent_colour, got.zone.key) == (
        "Oakfield Primary",
        "#2E7D32",
        "Europe/Dublin",
    )
    assert (got.kiosk.language, got.kiosk.languages) == ("cy", ("en", "cy"))
    # Unusable here (the validation after the first paint names them): Welcome shows its defaults meanwhile.
    bad = welcome_settings(
        {
            "school": {"name": 7, "accent_colour": "teal", "time_zone": "Mars/Olympus"},
            "kiosk": {"language": "xx"},
        }
    )
    assert (bad.school.name, bad.school.accent_colour, bad.zone.key) == (
        "Kestrel House School",
        "#1F6F8B",
        "Europe/London",
    )
    assert bad.kiosk.language == "en"


def test_welcome_is_built_without_the_validation_or_database_libraries():
    """What the first paint needs imports neither pydantic nor SQLAlchemy nor Alembic (a fresh interpreter)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import kiosk.cli\n"
        "from kiosk.ui.kiosk.start import read_welcome_settings\n"
        "from kiosk.ui.kiosk.window import KioskWindow\n"
        "from kiosk.ui.kiosk.main import kiosk_languages, show_kiosk_window\n"
        "from kiosk.ui.theme import apply_theme\n"
        "first = read_welcome_settings()\n"
        "apply_theme(app, first)\n"
        "window = KioskWindow(first, all_pages=False)\n"
        "window.languages = kiosk_languages(window, first)\n"
        "print(sorted(m for m in ('pydantic', 'sqlalchemy', 'alembic', 'reportlab', 'kiosk.config',"
        " 'kiosk.services.container') if m in sys.modules))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "KIOSK_CONFIG": "/nonexistent/kiosk.toml",
        "HOME": "/nonexistent",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.fixture
def program(qapp, monkeypatch):
    """start_kiosk themes the whole application and installs its fault hook: both put back after."""
    font, css = qapp.font(), qapp.styleSheet()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("KIOSK_CONFIG", "/nonexistent/kiosk.toml")
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield qapp
    qapp.setQuitOnLastWindowClosed(quit_on_close)
    qapp.setStyleSheet(css)
    qapp.setFont(font)


def _kiosk_window():
    from kiosk.ui.kiosk.window import KioskWindow

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]
    return shown[0] if shown else None


def _run(drive, **kwargs) -> int:
    """start_kiosk with ``drive`` scheduled inside it; never hangs the suite."""
    QTimer.singleShot(0, drive)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.instance().quit)
    guard.start(90_000)
    try:
        return start_kiosk(windowed=True, **kwargs)
    finally:
        guard.stop()
        wait_for_ops()


def test_welcome_shows_first_and_takes_no_tap_until_the_services_are_wired(
    qtbot, program, sqlite_services, staff_actors, monkeypatch
):
    monkeypatch.setenv("KIOSK_SCHOOL__NAME", "Oakfield Primary School")
    gate = threading.Event()
    seen: dict = {}
    shown: list = []
    started = time.monotonic()

    def build(_settings):
        assert gate.wait(60), "the test never let the services be built"
        return sqlite_services

    def while_building() -> None:
        window = _kiosk_window()
        if window is None or not window.welcome.isVisible():
            QTimer.singleShot(20, while_building)
            return
        shown.append(window)
        seen["school"] = window.welcome.school.text()
        seen["tappable while building"] = [
            b.isEnabled()
            for b in (
                window.welcome.sign_in_button,
                window.welcome.sign_out_button,
                window.welcome.collect_button,
            )
        ]
        qtbot.mouseClick(window.welcome.sign_in_button, Qt.MouseButton.LeftButton)
        seen["step after a tap while building"] = window.current_step
        gate.set()
        QTimer.singleShot(20, when_ready)

    def when_ready() -> None:
        window = shown[0]
        if not window.welcome.sign_in_button.isEnabled() and time.monotonic() - started < 60:
            QTimer.singleShot(20, when_ready)
            return
        seen["controller"] = getattr(window, "controller", None) is not None
        qtbot.mouseClick(window.welcome.sign_in_button, Qt.MouseButton.LeftButton)
        seen["step after a tap when ready"] = window.current_step
        QApplication.instance().quit()

    try:
        assert (
            _run(while_building, load_settings=lambda: sqlite_services.settings, build=build, rebuild=build)
            == 0
        )
    finally:
        gate.set()
        for window in shown:
            window.unlock()
            window.close()
            window.deleteLater()
    assert seen == {
        "school": "Oakfield Primary School",
        "tappable while building": [False, False, False],
        "step after a tap while building": Step.WELCOME,
        "controller": True,
        "step after a tap when ready": Step.TYPE,
    }


def test_pages_built_behind_a_welsh_welcome_are_in_welsh_and_switch_back_to_english(
    qtbot, program, sqlite_services, staff_actors, monkeypatch
):
    from kiosk.ui.i18n import LanguageSwitch, translate, use_source_language

    monkeypatch.setenv("KIOSK_KIOSK__LANGUAGE", "cy")
    english = "Back to the start"
    probe = LanguageSwitch("cy")
    probe.reset()
    welsh = translate("Kiosk", english)
    use_source_language()
    assert welsh != english, "the Welsh translation is installed"
    seen: dict = {}
    shown: list = []

    def drive() -> None:
        window = _kiosk_window()
        if window is None or not window.welcome.sign_in_button.isEnabled():
            QTimer.singleShot(20, drive)
            return
        shown.append(window)
        seen["cy"] = window.sorry_page.button.text().strip()
        window.languages.set_language("en")
        seen["en"] = window.sorry_page.button.text().strip()
        QApplication.instance().quit()

    try:
        assert (
            _run(
                drive,
                load_settings=lambda: sqlite_services.settings,
                build=lambda _s: sqlite_services,
                rebuild=lambda: sqlite_services,
            )
            == 0
        )
    finally:
        use_source_language()
        for window in shown:
            window.unlock()
            window.close()
            window.deleteLater()
    assert seen == {"cy": welsh, "en": english}


def test_a_bad_setting_found_after_the_first_paint_stops_the_kiosk_with_its_message(program, sqlite_services):
    def bad():
        raise ConfigError("Setting 'kiosk.idle_timeout_s' in the environment: too short")

    built: list = []
    with pytest.raises(ConfigError, match="idle_timeout_s"):
        start_kiosk(windowed=True, load_settings=bad, build=built.append, rebuild=lambda: sqlite_services)
    assert built == []  # nothing was opened
    assert _kiosk_window() is None


def test_a_window_closed_while_the_kiosk_gets_ready_ends_the_kiosk(
    qtbot, program, sqlite_services, staff_actors
):
    gate = threading.Event()
    closed: list = []

    def build(_settings):
        assert gate.wait(60), "the test never let the services be built"
        return sqlite_services

    def close_it() -> None:
        window = _kiosk_window()
        if window is None:
            QTimer.singleShot(20, close_it)
            return
        window.close()  # windowed: the title bar's close button
        closed.append(True)
        gate.set()

    try:
        assert _run(close_it, load_settings=lambda: sqlite_services.settings, build=build, rebuild=build) == 0
    finally:
        gate.set()
    assert closed == [True] and _kiosk_window() is None
