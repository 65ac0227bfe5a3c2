"""Another process screening a banned name is heard by this process's event feed (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

from kiosk.alerts.feed import build_feed
from kiosk.domain.events import Change, ChangeEvent
from tests.helpers import reception_actor

KIOSK_PROCESS = textwrap.dedent("""
    import sys
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.domain.model import PersonType

    url, schema = sys.argv[1], sys.argv[2] or None
    settings = Settings(database_url=url)
    settings.kiosk.name = "Side gate"
    app = build_app(settings, schema=schema)  # wires the database notifier itself
    result = app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place)
    print("held" if result.held else "clear", result.visit_id)
    app.dispose()
""")


def run_kiosk_process(services) -> subprocess.CompletedProcess:
    engine = services.deps.uow.engine
    url = engine.url.render_as_string(hide_password=False)
    schema = getattr(engine, "info_schema", None) or ""
    return subprocess.run(
        [sys.executable, "-c", KIOSK_PROCESS, url, schema],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        cwd=os.getcwd(),
    )


def test_alert_raised_in_another_process_reaches_this_feed(services, staff, ban_factory):
    ban_factory(services, staff["head"], aliases=("Billy Hargreaves",))
    engine = services.deps.uow.engine
    is_pg = engine.dialect.name == "postgresql"
    heard: list[ChangeEvent] = []
    seen = threading.Event()

    def on_event(event: ChangeEvent) -> None:
        heard.append(event)
        # Both feeds say what changed: PostgreSQL from the NOTIFY, SQLite from the new audit rows.
        if event.change is Change.ALERT_RAISED:
            seen.set()

    feed = build_feed(engine, services.settings)
    try:
        feed.subscribe(on_event)
        assert feed.ready.wait(10)
        done = run_kiosk_process(services)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("held"), done.stdout
        visit_id = int(done.stdout.split()[1])

        assert seen.wait(30), heard
    finally:
        feed.stop()
    raised = [e for e in heard if e.change is Change.ALERT_RAISED]
    if is_pg:
        assert raised[0].payload["visit_id"] == visit_id
    else:
        assert raised[0].by == "kiosk:Side gate"
    [held] = services.sign_in.held(reception_actor())
    assert held.id == visit_id and held.name_as_typed == "Bill Hargreaves"


def test_feed_channels_of_two_installations_do_not_cross(services):
    from kiosk.alerts.channel import channel_name
    from kiosk.db.engine import make_engine

    engine = services.deps.uow.engine
    url = engine.url.render_as_string(hide_password=False)
    same = make_engine(url, schema=getattr(engine, "info_schema", None))
    assert channel_name(same) == channel_name(engine)
    same.dispose()
    if engine.dialect.name == "postgresql":
        elsewhere = make_engine(engine.url.render_as_string(hide_password=False), schema="another_school")
        assert channel_name(elsewhere) != channel_name(engine)
        elsewhere.dispose()
