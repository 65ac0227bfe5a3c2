"""The real kiosk window on a private PostgreSQL cluster that is stopped: a visitor signs in and gets a
badge, a banned name sees the neutral hold screen, and the kiosk's own worker sends both to the central
database when it returns."""

from __future__ import annotations

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


def test_the_door_stays_open_while_the_database_is_out_of_reach(qtbot, cluster, printer, clock):
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.ui.kiosk.main import build_kiosk_window
    from tests.conftest import make_staff
    from tests.helpers import add_ban

    settings = Settings(database_url=cluster.url)
    settings.school.reception_phone = "01632 960 123"
    clock.zone = settings.zone
    # live: the event feed, housekeeping and offline mode's own worker run, as in the kiosk program.
    app = build_app(settings, printer=printer, clock=clock, offline=True, create=True, live=True)
    try:
        add_ban(app, make_staff(app)["head"], name="William Hargreaves")
        assert app.offline is not None and app.offline.refresh()
        window = build_kiosk_window(app)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        cluster.stop()

        visitor = Visitor(qtbot, window)
        visitor.start_sign_in(PersonType.CONTRACTOR)
        visitor.give_name("Nadia", "Rahman")
        visitor.sees(Step.DETAILS, timeout=30_000)
        visitor.give_details(organisation="Brightwater Plumbing", host="Site manager")
        visitor.sees(Step.POLICY)
        visitor.read_policy_to_end()
        visitor.tap(window.policy_page.agree_button)
        visitor.sees(Step.DONE)
        qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=30_000)
        assert printer.printed[0].visitor_name == "Nadia Rahman"
        assert "Thank you, Nadia" in visitor.screen_text()

        window.controller.go_home()
        visitor.sees(Step.WELCOME)
        visitor.start_sign_in()
        visitor.give_name("William", "Hargreaves")
        visitor.sees(Step.DETAILS, timeout=30_000)
        visitor.give_details(host="Mr Jones")
        visitor.sees(Step.POLICY)
        visitor.read_policy_to_end()
        visitor.tap(window.policy_page.agree_button)
        visitor.sees(Step.HOLD)
        assert "ban" not in visitor.screen_text().lower()
        assert len(printer.printed) == 1  # no badge for the held visitor
        wait_for_ops()
        status = app.offline.status()
        assert status.offline and status.held == 1

        cluster.start()
        # The worker probes every few seconds: the server answers, the copy is refreshed, the queue sent.
        qtbot.waitUntil(lambda: not app.offline.store.pending(), timeout=90_000)
        assert not app.offline.offline
        engine = sa.create_engine(cluster.url, poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT p.first_name, v.status, v.organisation FROM visits v JOIN people p ON p.id = v.person_id ORDER BY v.id"
                )
            ).all()
        engine.dispose()
        assert [(r.first_name, r.status) for r in rows] == [("Nadia", "on-site"), ("William", "held")]
        assert rows[0].organisation == "Brightwater Plumbing"
    finally:
        wait_for_ops()
        app.dispose()
