"""Fixtures for the visitor kiosk's GUI tests: a kiosk window on a real SQLite database, and a visitor's hands."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.domain.model import Ban
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.ops import wait_for_ops

PINS = {"administrator": "9753", "receptionist": "2468", "safeguarding lead": "1357", "head": "864213"}


@pytest.fixture
def make_kiosk(qtbot, sqlite_services):
    """Builds the kiosk window (1280×800, shown offscreen); ops are finished before the database closes."""
    from kiosk.ui.kiosk.main import build_kiosk_window

    windows = []

    def make(**kwargs):
        window = build_kiosk_window(sqlite_services, **kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    wait_for_ops()


@pytest.fixture
def kiosk(make_kiosk):
    """The kiosk window on its Welcome page."""
    return make_kiosk()


@pytest.fixture
def staff_actors(sqlite_services):
    """One signed-in actor per role, named "Test <Role>" with the PINs above."""
    from tests.helpers import add_staff_accounts

    return add_staff_accounts(
        sqlite_services, {role: (f"Test {role.title()}", pin) for role, pin in PINS.items()}
    )


@pytest.fixture
def banned(sqlite_services, staff_actors):
    """An active ban on William Hargreaves (created by the head, so it screens at once)."""
    today = sqlite_services.deps.clock.today()
    return sqlite_services.bans.create(
        staff_actors["head"],
        Ban(
            id=None,
            name="William Hargreaves",
            aliases=("Billy Hargreaves",),
            start=today - timedelta(days=1),
            end=today + timedelta(days=90),
            categories=("threatening staff, visitors, parents or pupils",),
            reason="Threatened a member of staff at the gate.",
        ),
    )


class Visitor:
    """What a person at the kiosk does: tap buttons, type on the keyboard, wait for the next page."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window

    def tap(self, widget: QWidget) -> None:
        assert widget.isVisible(), f"{widget!r} is not on screen"
        assert widget.isEnabled(), f"{widget!r} is not enabled"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def type_into(self, field, text: str) -> None:
        self.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        self.qtbot.keyClicks(field, text)

    def sees(self, step: Step, timeout: int = 20_000) -> None:
        """Wait for ``step``'s page; for Done, until it says how the sign-in went (not "signing you in")."""
        done_page = self.window.pages.get(Step.DONE)

        def there() -> bool:
            if self.window.current_step is not step:
                return False
            return step is not Step.DONE or done_page is None or not done_page.property("signing_in")

        self.qtbot.waitUntil(there, timeout=timeout)

    def screen_text(self) -> str:
        from kiosk.ui.widgets.text import visible_text

        return visible_text(self.window)

    # -- whole steps

    def start_sign_in(self, person_type=None) -> None:
        from kiosk.domain.model import PersonType

        w = self.window
        if person_type is PersonType.COLLECTOR:
            self.tap(w.welcome.collect_button)
        else:
            self.tap(w.welcome.sign_in_button)
            self.sees(Step.TYPE)
            self.tap(w.type_page.tiles[person_type or PersonType.VISITOR])
        self.sees(Step.NAME)

    def give_name(self, first: str, last: str, phone_digits: str = "") -> None:
        page = self.window.name_page
        self.type_into(page.first_name, first)
        self.type_into(page.last_name, last)
        if phone_digits:
            self.tap(page.been_before)
            self.type_into(page.digits, phone_digits)
        self.tap(page.next_button)

    def give_details(self, **values: str) -> None:
        page = self.window.details_page
        for name, text in values.items():
            page.fields[name].clear()
            self.type_into(page.fields[name], text)
        self.tap(page.next_button)

    def read_policy_to_end(self) -> None:
        page = self.window.policy_page
        for _ in range(200):
            if page.agree_button.isEnabled():
                return
            self.tap(page.more_button)
        raise AssertionError("scrolling never reached the end of the policy")


@pytest.fixture
def visitor(qtbot, kiosk):
    """A visitor standing at the kiosk."""
    return Visitor(qtbot, kiosk)
