"""A kiosk that STARTS while its central PostgreSQL cannot be reached (a private cluster of the test's own,
stopped): with a local copy an earlier run left, no older than [offline] max_age_h, it starts in offline
mode, signs visitors in against the copy into its local queue, and when the server returns finishes its
start and sends the queue, each once. Without a usable copy, or with a database that answers but is wrong,
it fails closed as before."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.domain.errors import DatabaseFault, DatabaseUnreachable
from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from tests.pgcluster import running_cluster

pytestmark = pytest.mark.postgres


@pytest.fixture
def cluster():
    yield from running_cluster()


def _settings(cluster):
    from kiosk.config import Settings

    settings = Settings(database_url=cluster.url)
    settings.kiosk.name = "Front door"
    settings.school.reception_phone = "01632 960 123"
    return settings


def _start(settings, printer, clock):
    """The services as the `kiosk` command builds them (kiosk.cli.cmd_kiosk), without the live feed."""
    from kiosk.app import build_app

    return build_app(settings, printer=printer, clock=clock, offline=True, create=False)


def _earlier_run(cluster, printer, clock):
    """A first run while the server answered: staff, one ban, and the local copy it leaves behind."""
    from kiosk.app import build_app
    from tests.conftest import make_staff
    from tests.helpers import add_ban

    settings = _settings(cluster)
    clock.zone = settings.zone
    app = build_app(settings, printer=printer, clock=clock, offline=True, create=True)
    try:
        add_ban(app, make_staff(app)["head"], name="William Hargreaves")
        assert app.offline is not None and app.offline.refresh()
        place = app.place
    finally:
        app.dispose()
    return settings, place


def _sign_in(app, first: str, last: str):
    screened = app.sign_in.screen(first, last, PersonType.VISITOR, app.place)
    if screened.held:
        return screened
    policy = app.sign_in.current_policy()
    return app.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel"),
        app.place,
        acknowledged_policy_id=policy.id if policy else None,
    )


def _central_visits(cluster) -> list:
    engine = sa.create_engine(cluster.url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(
                sa.text(
                    "SELECT p.first_name, v.status, v.journey_key FROM visits v JOIN people p ON p.id = v.person_id "
                    "ORDER BY v.id"
                )
            ).all()
    finally:
        engine.dispose()


def test_a_kiosk_started_while_the_server_is_down_signs_in_offline_and_replays_once(cluster, printer, clock):
    settings, place = _earlier_run(cluster, printer, clock)
    cluster.stop()
    clock.advance(timedelta(hours=2))

    app = _start(settings, printer, clock)
    try:
        sign_in = app.offline
        assert sign_in is not None and sign_in is app.sign_in
        assert app.place == place  # from the copy: the site and kiosk rows are central
        status = sign_in.status()
        assert status.offline and not status.stale
        assert status.age is not None and timedelta(hours=2) <= status.age < timedelta(hours=3)
        for first in ("Amira", "Bogdan", "Ceri"):
            result = _sign_in(app, first, "Offline")
            assert result.visit.id < 0 and result.badge_printed  # queued locally, badge printed
        held = _sign_in(app, "William", "Hargreaves")
        assert held.held  # screened against the copy
        assert len(printer.printed) == 3
        assert sign_in.status().queued == 4

        cluster.start()
        sign_in.tick()  # the worker's round: the start is finished, the copy refreshed, the queue sent
        assert not sign_in.offline and sign_in.pending_start is None
        assert sign_in.store.pending() == [] and sign_in.store.refused() == []
        sign_in.tick()
        assert sign_in.replay() == 0
        rows = _central_visits(cluster)
        assert sorted((r.first_name, r.status) for r in rows) == [
            ("Amira", "on-site"),
            ("Bogdan", "on-site"),
            ("Ceri", "on-site"),
            ("William", "held"),
        ]
        assert len({r.journey_key for r in rows}) == 4
        # Online again: the next visitor is screened and recorded centrally.
        assert _sign_in(app, "Dylan", "Online").visit.id > 0
    finally:
        app.dispose()


def test_without_a_usable_copy_a_kiosk_started_while_the_server_is_down_fails_closed(cluster, printer, clock):
    settings, _place = _earlier_run(cluster, printer, clock)
    cluster.stop()

    clock.advance(timedelta(hours=settings.offline.max_age_h + 1))  # the copy is too old
    with pytest.raises(DatabaseUnreachable):
        _start(settings, printer, clock)

    clock.advance(-timedelta(hours=settings.offline.max_age_h + 1))
    other = settings.model_copy(deep=True)
    other.kiosk.name = "Side gate"  # a kiosk without a copy of its own
    with pytest.raises(DatabaseUnreachable):
        _start(other, printer, clock)

    settings.offline_path().unlink()  # no copy at all
    with pytest.raises(DatabaseUnreachable):
        _start(settings, printer, clock)


def test_a_database_that_answers_but_is_wrong_fails_closed_at_start_and_after_an_offline_start(
    cluster, printer, clock
):
    settings, _place = _earlier_run(cluster, printer, clock)
    # Started offline, and the server comes back as another database (replaced): sign-in stops there,
    # and nothing queued goes to it.
    cluster.stop()
    app = _start(settings, printer, clock)
    try:
        assert app.offline is not None and app.offline.offline
        assert _sign_in(app, "Amira", "Offline").visit.id < 0
        cluster.start()
        engine = sa.create_engine(cluster.url, poolclass=sa.pool.NullPool)
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE kiosk_meta SET value = 'someone-else' WHERE key = 'database_id'"))
        engine.dispose()
        app.offline.tick()
        assert not app.offline.offline
        with pytest.raises(DatabaseFault):
            app.sign_in.screen("Bogdan", "Offline", PersonType.VISITOR, app.place)
        assert len(app.offline.store.pending()) == 1  # kept for the right database
        assert _central_visits(cluster) == []
    finally:
        app.dispose()
    # A start with the server answering as that wrong database: no offline mode, DatabaseFault as before.
    with pytest.raises(DatabaseFault):
        _start(settings, printer, clock)
