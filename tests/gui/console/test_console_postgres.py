"""Two machines on one PostgreSQL database: a kiosk process holds a visitor, this console shows the alert."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

KIOSK_PROCESS = textwrap.dedent("""
    import sys
    from kiosk.app import make_notifier
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.domain.model import PersonType

    settings = Settings(database_url=sys.argv[1])
    settings.kiosk.name = "Side gate"
    app = build_app(settings, schema=sys.argv[2])
    notifier = make_notifier(app.deps.uow.engine, settings, clock=app.deps.clock)
    app.deps.notifier = notifier
    print(app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place).held)
    notifier.close()
    app.dispose()
""")


@pytest.fixture
def pg_app(pg_schema_factory, printer, console_helpers):
    from kiosk.app import build_app, make_notifier
    from kiosk.config import Settings

    add_staff, attach_feed = console_helpers
    schema = pg_schema_factory()
    app = build_app(Settings(database_url=PG_URL), printer=printer, schema=schema)
    notifier = make_notifier(app.deps.uow.engine, app.settings, clock=app.deps.clock)
    app.deps.notifier = notifier
    app.closers.append(notifier.close)
    attach_feed(app)
    add_staff(app)
    app.test_schema = schema  # type: ignore[attr-defined]  # the kiosk process below opens the same schema
    yield app
    app.dispose()


@pytest.mark.postgres
def test_alert_from_a_kiosk_on_another_machine_reaches_the_console(qtbot, pg_app, make_window, sign_in):
    from datetime import timedelta

    from kiosk.domain.model import Ban

    head = pg_app.staff.authenticate("Helen Head", "864213")
    today = pg_app.deps.clock.today()
    pg_app.bans.create(
        head,
        Ban(
            id=None,
            name="William Hargreaves",
            start=today - timedelta(days=1),
            end=today + timedelta(days=300),
            categories=("disruptive behaviour",),
        ),
    )
    heard: list[str] = []
    pg_app.feed.subscribe(lambda event: heard.append(event.change))
    window = make_window(pg_app, safety_ms=60_000)  # the feed, not the safety-net timer, must bring it
    sign_in(window, "receptionist")

    done = subprocess.run(
        [sys.executable, "-c", KIOSK_PROCESS, PG_URL, pg_app.test_schema],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"

    page = window.shell.pages["alerts"]
    qtbot.waitUntil(lambda: page.alert_list.count() == 1 and page.current is not None, timeout=20_000)
    assert "alert.raised" in heard
    assert "Side gate" in " ".join(page.detail.visitor_card.value_texts())
    assert window.attention.sounds >= 1
