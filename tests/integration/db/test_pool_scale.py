"""Many programs in one process share one bounded PostgreSQL pool and one LISTEN connection (issue 24).

A trust's simulation, the demo or a test builds several Services objects in one process: whatever their
number, the process holds at most [database] pool_size + max_overflow pooled connections plus one
listener, counted by PostgreSQL itself (pg_stat_activity), and every program's feed still hears alerts.
"""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pytest

from kiosk.alerts.feed import listener_count
from kiosk.app import build_app
from kiosk.config import Settings
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.events import Change, ChangeEvent
from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from tests.conftest import PG_URL, make_staff
from tests.helpers import add_ban, reception_actor

pytestmark = pytest.mark.postgres

PROGRAMS = 8
SIGN_INS_EACH = 4


def _settings(
    app_name: str, i: int, *, size: int = 2, overflow: int = 1, timeout_s: float = 10.0
) -> Settings:
    settings = Settings(database_url=f"{PG_URL}?application_name={app_name}")
    settings.kiosk.site = f"School {i % 3}"
    settings.kiosk.name = f"Gate {i}"
    settings.database.pool_size = size
    settings.database.max_overflow = overflow
    settings.database.pool_timeout_s = timeout_s
    return settings


def _connections(app_name: str) -> tuple[int, int]:
    """(pooled, listening) connections PostgreSQL has open for this test's application name."""
    with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://")) as conn:
        rows = conn.execute(
            "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE %s",
            (f"{app_name}%",),
        ).fetchall()
    pooled = sum(1 for (name,) in rows if name == app_name)
    return pooled, len(rows) - pooled


def test_programs_in_one_process_stay_in_the_pool_and_all_hear_the_alert(pg_schema_factory, printer, clock):
    schema = pg_schema_factory()
    app_name = f"t{uuid.uuid4().hex[:10]}"
    listeners_before = listener_count()
    apps = []
    try:
        for i in range(PROGRAMS):
            apps.append(
                build_app(_settings(app_name, i), schema=schema, printer=printer, clock=clock, live=True)
            )
        engines = {id(app.deps.uow.engine) for app in apps}
        assert len(engines) == 1, "every program of the process draws on one engine"
        assert listener_count() == listeners_before + 1, "one LISTEN connection for the process"
        staff = make_staff(apps[0])
        add_ban(apps[0], staff["head"], name="William Hargreaves")

        heard: list[list[ChangeEvent]] = [[] for _ in apps]
        all_heard = threading.Event()

        def subscriber(index: int):
            def on_event(event: ChangeEvent) -> None:
                if event.change is Change.ALERT_RAISED:
                    heard[index].append(event)
                    if all(heard):
                        all_heard.set()

            return on_event

        for index, app in enumerate(apps):
            assert app.feed is not None
            app.feed.subscribe(subscriber(index))
        assert apps[0].feed is not None and apps[0].feed.ready.wait(10)  # type: ignore[attr-defined]

        peak = [0, 0]
        sampling = threading.Event()

        def sample() -> None:
            while not sampling.is_set():
                pooled, listening = _connections(app_name)
                peak[0], peak[1] = max(peak[0], pooled), max(peak[1], listening)
                time.sleep(0.01)

        errors: list[BaseException] = []
        held_ids: list[int] = []
        start = threading.Barrier(PROGRAMS)

        def kiosk(index: int) -> None:
            app = apps[index]
            try:
                policy = app.sign_in.current_policy()
                assert policy is not None
                start.wait(10)
                for n in range(SIGN_INS_EACH):
                    screened = app.sign_in.screen("Priya", f"Shah{index}x{n}", PersonType.VISITOR, app.place)
                    app.sign_in.complete(
                        screened, VisitDetails(host="Mrs Patel"), app.place, acknowledged_policy_id=policy.id
                    )
                if index == PROGRAMS - 1:
                    result = app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place)
                    assert result.held and result.visit_id is not None
                    held_ids.append(result.visit_id)
            except BaseException as exc:  # noqa: BLE001 - reported by the test below
                errors.append(exc)

        sampler = threading.Thread(target=sample)
        sampler.start()
        threads = [threading.Thread(target=kiosk, args=(i,)) for i in range(PROGRAMS)]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            assert not errors, errors
            assert all_heard.wait(10), f"not every program heard the alert: {[len(h) for h in heard]}"
        finally:
            sampling.set()
            sampler.join(10)
        assert not errors, errors
        pooled, listening = peak
        assert 1 <= pooled <= 3, f"{pooled} pooled connections for a pool of 2 + 1 overflow"
        assert listening == 1, f"{listening} LISTEN connections, not one"
        held_site = apps[-1].place.site_id
        for events in heard:
            assert [e.payload.get("visit_id") for e in events] == held_ids
            # The console of the right school knows the alert is its own from the site in the payload.
            assert events[0].payload.get("site_id") == held_site
        visits = apps[0].sign_in.held(reception_actor())
        assert [v.id for v in visits] == held_ids
    finally:
        for app in apps:
            app.dispose()
    assert listener_count() == listeners_before
    deadline = time.monotonic() + 5
    while _connections(app_name) != (0, 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _connections(app_name) == (0, 0), "the last program to close closes the pool and the listener"


def test_a_full_pool_fails_closed_with_one_line(pg_schema_factory, printer, clock):
    schema = pg_schema_factory()
    app = build_app(
        _settings(f"t{uuid.uuid4().hex[:10]}", 0, size=1, overflow=0, timeout_s=0.3),
        schema=schema,
        printer=printer,
        clock=clock,
    )
    try:
        with app.deps.uow.engine.connect():  # the pool's one connection, busy elsewhere
            with pytest.raises(DatabaseUnavailable) as caught:
                app.sign_in.screen("Priya", "Shah", PersonType.VISITOR, app.place)
        message = str(caught.value)
        assert "\n" not in message and "connections are in use" in message
        screened = app.sign_in.screen("Priya", "Shah", PersonType.VISITOR, app.place)  # free again: works
        assert not screened.held
    finally:
        app.dispose()


def test_the_feed_listens_at_listen_url_and_still_hears(pg_schema_factory, printer, clock):
    """Behind PgBouncer the pool goes through it and LISTEN straight to the server: [database] listen_url."""
    schema = pg_schema_factory()
    app_name = f"t{uuid.uuid4().hex[:10]}"
    settings = _settings(app_name, 0)
    settings.database.listen_url = f"{PG_URL}?application_name={app_name}direct"
    app = build_app(settings, schema=schema, printer=printer, clock=clock, live=True)
    try:
        heard = threading.Event()
        assert app.feed is not None
        app.feed.subscribe(lambda e: heard.set() if e.change is Change.ALERT_RAISED else None)
        assert app.feed.ready.wait(10)  # type: ignore[attr-defined]
        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://")) as conn:
            names = [
                n
                for (n,) in conn.execute(
                    "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE %s",
                    (f"{app_name}%listen",),
                )
            ]
        assert names == [f"{app_name}direct listen"]
        add_ban(app, make_staff(app)["head"], name="William Hargreaves")
        assert app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place).held
        assert heard.wait(10)
    finally:
        app.dispose()
