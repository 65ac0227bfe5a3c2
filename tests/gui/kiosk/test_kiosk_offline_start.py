"""The real kiosk window of a kiosk that STARTS while its private PostgreSQL cluster is stopped: built as
the `kiosk` command builds it, it opens the door from the local copy an earlier run left, signs three
visitors in with badges, shows the copy's age on the staff page, and its own worker sends the three to the
central database, once each, when the cluster is started."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.domain.model import PersonType
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.ops import wait_for_ops
from tests.gui.kiosk.conftest import Visitor
from tests.pgcluster import running_cluster

pytestmark = pytest.mark.postgres


@pytest.fixture
def cluster():
    yield from running_cluster()


def test_a_kiosk_started_offline_opens_the_door_and_sends_its_visitors_once(qtbot, cluster, printer, clock):
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.ui.kiosk.main import build_kiosk_window
    from kiosk.ui.kiosk.start import _services_and_staff
    from tests.conftest import make_staff
    from tests.helpers import add_ban

    settings = Settings(database_url=cluster.url)
    settings.school.reception_phone = "01632 960 123"
    clock.zone = settings.zone
    earlier = build_app(settings, printer=printer, clock=clock, offline=True, create=True)
    try:
        add_ban(earlier, make_staff(earlier)["head"], name="William Hargreaves")
        assert earlier.offline is not None and earlier.offline.refresh()
    finally:
        earlier.dispose()
    cluster.stop()
    clock.advance(timedelta(hours=3))

    # As kiosk.cli.cmd_kiosk builds the services (live: feed, housekeeping and the offline worker run).
    app, has_staff = _services_and_staff(
        lambda s: build_app(s, printer=printer, clock=clock, live=True, create=False, offline=True), settings
    )
    try:
        assert has_staff and app.offline is not None and app.offline.offline
        window = build_kiosk_window(app)
        qtbot.addWidget(window)
        window.resize(1024, 768)
        window.show()
        qtbot.waitExposed(window)

        window.controller.open_staff_page()
        note = window.staff_page.offline_note
        qtbot.waitUntil(note.isVisible, timeout=20_000)
        assert note.text().startswith("Offline. Screening list copy: 3.0 h old.")
        window.controller.go_home()

        visitor = Visitor(qtbot, window)
        for i, (first, last) in enumerate((("Nadia", "Rahman"), ("Owen", "Pryce"), ("Grace", "Adeyemi"))):
            visitor.sees(Step.WELCOME)
            visitor.start_sign_in(PersonType.CONTRACTOR)
            visitor.give_name(first, last)
            visitor.sees(Step.DETAILS, timeout=30_000)
            visitor.give_details(organisation="Brightwater Plumbing", host="Site manager")
            visitor.sees(Step.POLICY)
            visitor.read_policy_to_end()
            visitor.tap(window.policy_page.agree_button)
            visitor.sees(Step.DONE)
            qtbot.waitUntil(lambda n=i + 1: len(printer.printed) == n, timeout=30_000)
            assert printer.printed[i].visitor_name == f"{first} {last}"
            window.controller.go_home()
        wait_for_ops()
        assert app.offline.status().queued == 3

        window.controller.open_staff_page()
        qtbot.waitUntil(lambda: "To send: 3." in note.text(), timeout=20_000)
        shots = os.environ.get("SCREENSHOTS_DIR")
        if shots:
            window.grab().save(os.path.join(shots, "kiosk-staff-started-offline.png"))
        window.controller.go_home()

        cluster.start()
        # The worker probes every few seconds: the start is finished, the copy refreshed, the queue sent.
        qtbot.waitUntil(lambda: not app.offline.store.pending(), timeout=90_000)
        assert not app.offline.offline and app.offline.pending_start is None
        app.offline.tick()  # another round sends nothing again
        engine = sa.create_engine(cluster.url, poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT p.first_name, v.status, v.journey_key FROM visits v JOIN people p ON p.id = v.person_id "
                    "ORDER BY v.id"
                )
            ).all()
        engine.dispose()
        assert sorted((r.first_name, r.status) for r in rows) == [
            ("Grace", "on-site"),
            ("Nadia", "on-site"),
            ("Owen", "on-site"),
        ]
        assert len({r.journey_key for r in rows}) == 3
    finally:
        wait_for_ops()
        app.dispose()
