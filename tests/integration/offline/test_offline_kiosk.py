"""Offline mode end to end: a kiosk whose own private PostgreSQL cluster is stopped keeps signing in.

The cluster is the test's own (initdb + pg_ctl on a free port, under a temporary folder): the shared
server other tests use is never stopped. 20 visitors sign in while it is down (one matches a ban and is
held; another, banned after the kiosk's last refresh, signs in), it comes back, the queue is replayed:
all 20 are in the central database once, both held with their alerts (every replayed sign-in is screened
again centrally); a replay killed between a commit and its mark, and a second replay, make nothing twice. Then,
down again with a copy older than [offline] max_age_h, every sign-in is held.
"""

from __future__ import annotations

import stat
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.domain.model import PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from tests.pgcluster import running_cluster

pytestmark = pytest.mark.postgres


@pytest.fixture
def cluster():
    yield from running_cluster()


@pytest.fixture
def kiosk(cluster, printer, clock):
    from kiosk.app import build_app
    from kiosk.config import Settings

    settings = Settings(database_url=cluster.url)
    settings.kiosk.name = "Front door"
    settings.school.reception_phone = "01632 960 123"
    clock.zone = settings.zone
    app = build_app(settings, printer=printer, clock=clock, offline=True, create=True)
    yield app
    app.dispose()


def _central(cluster) -> sa.Engine:
    return sa.create_engine(cluster.url, poolclass=sa.pool.NullPool)


def _visitor(i: int) -> tuple[str, str]:
    if i == 19:
        return "Zara", "Quillfeather"  # banned centrally after the kiosk's last refresh
    return f"Visitor{i:02d}", "Offline" if i else "Hargreaves"


def test_a_cut_off_kiosk_signs_in_twenty_and_replays_each_once(cluster, kiosk, printer, clock):
    from tests.conftest import make_staff
    from tests.helpers import add_ban

    staff = make_staff(kiosk)
    ban = add_ban(kiosk, staff["head"], name="William Hargreaves")
    sign_in, place = kiosk.sign_in, kiosk.place
    assert kiosk.offline is sign_in
    assert sign_in.refresh()
    copy_file = kiosk.settings.offline_path()
    assert copy_file.is_file() and stat.S_IMODE(copy_file.stat().st_mode) & 0o077 == 0
    assert [b.id for b in sign_in.store.copy()[0]] == [ban.id]
    # A ban made after the last refresh: not in the copy, so its visitor signs in offline, and the
    # replay, which screens every queued sign-in again centrally, holds them and alerts reception.
    late = add_ban(kiosk, staff["head"], name="Zara Quillfeather")

    cluster.stop()
    policy = sign_in.current_policy()
    assert policy is not None  # the Code of Conduct from the local copy
    assert sign_in.offline
    held_at = None
    tokens = []
    for i in range(20):
        first, last = _visitor(i)
        if i == 0:
            first = "William"
        screened = sign_in.screen(first, last, PersonType.VISITOR, place)
        if i == 0:
            assert screened.held and screened.visit_id is not None and screened.visit_id < 0
            sign_in.note_held_details(screened.visit_id, VisitDetails(host="Mr Jones"), place)
            held_at = screened.visit_id
            continue
        assert not screened.held and screened.offline
        key = uuid.uuid4().hex
        result = sign_in.complete(
            screened, VisitDetails(host="Mrs Patel"), place, acknowledged_policy_id=policy.id, journey_key=key
        )
        again = sign_in.complete(
            screened, VisitDetails(host="Mrs Patel"), place, acknowledged_policy_id=policy.id, journey_key=key
        )
        assert again.visit.id == result.visit.id  # a double tap offline is one visit
        assert result.badge_printed
        tokens.append(result.visit.badge_token)
    assert held_at is not None
    assert len(printer.printed) == 19  # every clear visitor got a badge while the server was down
    # One of them leaves before the server is back: scanned out at the kiosk, queued too.
    left = sign_in.sign_out_by_token(tokens[0], place)
    assert left.status is VisitStatus.SIGNED_OUT
    status = sign_in.status()
    assert status.offline and not status.stale and status.held == 1
    assert status.queued == 19 + 1 + 1 + 1
    assert status.reception_phone == "01632 960 123"

    cluster.start()
    # The kiosk dies between a commit and the mark on the fourth item: sent again, it finds what it made.
    store = sign_in.store
    real_done, calls = store.done, []

    def dies_on_fourth(seq: int) -> None:
        calls.append(seq)
        if len(calls) == 4:
            raise RuntimeError("killed between commit and mark")
        real_done(seq)

    store.done = dies_on_fourth
    with pytest.raises(RuntimeError):
        sign_in.replay()
    store.done = real_done
    sign_in.tick()  # the worker's round: the server answers, the copy is refreshed, the queue replayed
    assert not sign_in.offline
    assert store.pending() == [] and store.refused() == []
    assert sign_in.replay() == 0  # a second replay does nothing

    with _central(cluster).connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT v.id, v.status, v.journey_key, p.first_name, v.host, v.badge_token, v.badge_state "
                "FROM visits v JOIN people p ON p.id = v.person_id ORDER BY v.id"
            )
        ).all()
        names = sorted(r.first_name for r in rows)
        assert len(rows) == 20, names
        assert names == sorted(["William", *(_visitor(i)[0] for i in range(1, 20))])
        assert len({r.journey_key for r in rows}) == 20
        held = {r.first_name: r for r in rows if r.status == VisitStatus.HELD.value}
        assert sorted(held) == ["William", "Zara"]
        assert held["William"].host == "Mr Jones"  # the details the held visitor gave offline
        for first, banned in (("William", ban), ("Zara", late)):
            alerts = conn.execute(
                sa.text("SELECT ban_id FROM alerts WHERE visit_id = :v"), {"v": held[first].id}
            ).all()
            assert [a.ban_id for a in alerts] == [banned.id]
        by_token = {r.badge_token: r for r in rows}
        assert by_token[tokens[0]].status == VisitStatus.SIGNED_OUT.value  # the offline badge's sign-out
        assert all(by_token[t].badge_state == "printed" for t in tokens[:-1])
        conn.rollback()

    # Down again, and the copy is older than max_age: every sign-in is held, for reception to see.
    cluster.stop()
    clock.advance(timedelta(hours=25))
    screened = sign_in.screen("Nobody", "Special", PersonType.VISITOR, place)
    assert sign_in.offline and screened.held and sign_in.status().stale
    cluster.start()
    sign_in.tick()
    with _central(cluster).connect() as conn:
        count = conn.execute(
            sa.text(
                "SELECT COUNT(*) FROM visits v JOIN people p ON p.id = v.person_id "
                "WHERE p.first_name = 'Nobody' AND v.status = 'held'"
            )
        ).scalar_one()
        assert count == 1

    # A database that answers but is not this kiosk's (replaced): no offline mode, sign-in fails closed,
    # and the local copy is not refreshed from it.
    from kiosk.domain.errors import DatabaseFault

    copied = sign_in.store.refreshed_at()
    with _central(cluster).begin() as conn:
        conn.execute(sa.text("UPDATE kiosk_meta SET value = 'someone-else' WHERE key = 'database_id'"))
    with pytest.raises(DatabaseFault):
        sign_in.screen("Priya", "Shah", PersonType.VISITOR, place)
    assert not sign_in.refresh() and sign_in.store.refreshed_at() == copied
    assert not sign_in.offline and sign_in.store.pending() == []
