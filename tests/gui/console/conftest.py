"""Fixtures for the console journeys: real services on SQLite with a live feed, staff of every role."""

from __future__ import annotations

from datetime import timedelta

import pytest

PINS = {
    "administrator": ("Alex Admin", "9753"),
    "receptionist": ("Rachel Reception", "2468"),
    "safeguarding lead": ("Sam Safeguarding", "1357"),
    "head": ("Helen Head", "864213"),
}


def add_staff(app) -> dict:
    """One account per role; returns role -> (name, pin)."""
    from tests.helpers import add_staff_accounts

    add_staff_accounts(app, PINS)
    return dict(PINS)


def attach_feed(app):
    from kiosk.alerts.feed import build_feed

    feed = build_feed(app.deps.uow.engine, app.settings)
    app.feed = feed
    app.closers.append(feed.stop)
    assert feed.ready.wait(10)
    return feed


@pytest.fixture
def app(sqlite_services):
    """SQLite services with the event feed (as kiosk.app's live mode) and the four demo-like staff."""
    attach_feed(sqlite_services)
    add_staff(sqlite_services)
    return sqlite_services


@pytest.fixture
def empty_app(sqlite_services):
    attach_feed(sqlite_services)
    return sqlite_services


@pytest.fixture
def head(app):
    return app.staff.authenticate(*PINS["head"])


@pytest.fixture
def banned(app, head):
    """An active ban on William Hargreaves (aka Billy), made by the head."""
    from kiosk.domain.model import Ban

    today = app.deps.clock.today()
    return app.bans.create(
        head,
        Ban(
            id=None,
            name="William Hargreaves",
            aliases=("Billy Hargreaves",),
            start=today - timedelta(days=10),
            end=today + timedelta(days=355),
            review_date=today + timedelta(days=300),
            categories=("threatening staff, visitors, parents or pupils",),
            reason="Threatened staff at the gate.",
            conditions="Must not enter the school site.",
        ),
    )


@pytest.fixture
def make_window(qtbot):
    """Builds console windows (fast timers when asked) and closes them before the services go."""
    from kiosk.ui.console.main import build_console_window
    from kiosk.ui.ops import wait_for_ops

    made = []

    def make(services, **options):
        options.setdefault("safety_ms", 2000)
        window = build_console_window(services, **options)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.session.lock()
        window.close()
    wait_for_ops(10_000)


@pytest.fixture
def sign_in(qtbot):
    """Signs a staff member in through the sign-in page, as a person would."""

    def do(window, role: str, pin: str | None = None, *, expect_ok: bool = True):
        name, right_pin = PINS[role]
        page = window.sign_in
        qtbot.waitUntil(lambda: page.isVisible(), timeout=10_000)
        page.name.setText(name)
        page.pin.setText(pin if pin is not None else right_pin)
        page.sign_in_button.click()
        if expect_ok:
            qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
        else:
            qtbot.waitUntil(
                lambda: page.sign_in_button.isEnabled() and page.message.isVisible(), timeout=10_000
            )

    return do


@pytest.fixture
def console_helpers():
    """The helpers above, for tests that build their own services (PostgreSQL)."""
    return add_staff, attach_feed
