"""Offline mode's rules that need no cluster of their own: what counts as out of reach, fail closed on a
database that answers but is wrong, and the local copy's privacy (file mode, ended bans gone)."""

from __future__ import annotations

import socket
import stat
from datetime import timedelta

import pytest

from kiosk.db.engine import is_unreachable, make_engine
from kiosk.db.offline import LocalStore
from kiosk.db.uow import SqlUnitOfWorkFactory
from kiosk.domain.errors import DatabaseFault, DatabaseUnavailable, DatabaseUnreachable
from kiosk.domain.model import PersonType
from kiosk.services.offline import OfflineSignIn
from tests.conftest import make_staff
from tests.helpers import add_ban

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.mark.parametrize(
    ("message", "url", "expected"),
    [
        ('connection to server at "127.0.0.1", port 5999 failed: Connection refused', PG, True),
        ("connection timeout expired", PG, True),
        ("server closed the connection unexpectedly", PG, True),
        ("terminating connection due to administrator command", PG, True),
        ('password authentication failed for user "kiosk"', PG, False),
        ('database "school" does not exist', PG, False),
        ('relation "visits" does not exist', PG, False),
        ("unable to open database file", "sqlite:////tmp/gone.sqlite3", False),
        ("connection refused", "sqlite:////tmp/gone.sqlite3", False),  # SQLite has no offline mode
    ],
)
def test_only_a_server_out_of_reach_counts_as_offline(message, url, expected):
    assert is_unreachable(Exception(message), url) is expected


def test_a_postgresql_port_nobody_answers_is_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/kiosk", create=False)
    try:
        with pytest.raises(DatabaseUnreachable, match="cannot be reached"):
            with SqlUnitOfWorkFactory(engine).readonly() as uow:
                uow.bans.revision()
    finally:
        engine.dispose()


def _offline_sign_in(app, store: LocalStore) -> OfflineSignIn:
    from kiosk.app import _screener

    return OfflineSignIn(
        app.deps,
        app.ban_list,
        app.sign_in.printer,
        store=store,
        screener_factory=_screener,
        home=app.place,
        collections=app.sign_in.collections,
    )


def test_offline_a_collector_is_held_once_the_school_checks_collectors(sqlite_services, tmp_path):
    """The children's lists of collectors (and court orders) are central: offline, a collector cannot be
    checked, so they are held discreetly, for reception, as any offline hold; other visitors go through."""
    app = sqlite_services
    staff = make_staff(app)
    store = LocalStore(tmp_path / "offline" / "front-door.sqlite3")
    kiosk = _offline_sign_in(app, store)
    assert kiosk.refresh()
    # No pupils on the roll: the school does not check collectors, so offline changes nothing for them.
    assert not kiosk._screen_local("Grace", "Okafor", PersonType.COLLECTOR, app.place).held
    app.pupils.import_csv(
        staff["receptionist"],
        "First name,Last name,Contact,Relationship\nAmelia,Okafor,Grace Okafor,Mother\n",
        "x.csv",
    )
    assert kiosk.refresh()
    held = kiosk._screen_local("Grace", "Okafor", PersonType.COLLECTOR, app.place)
    assert held.held and held.offline and held.visit_id is not None and held.visit_id < 0
    assert "collectors cannot be checked" in store.get(-held.visit_id).payload["reason"]
    assert not kiosk._screen_local("Priya", "Shah", PersonType.VISITOR, app.place).held
    store.close()


def test_a_database_that_answers_but_is_wrong_fails_closed(sqlite_services, tmp_path):
    app = sqlite_services
    store = LocalStore(tmp_path / "offline" / "front-door.sqlite3")
    kiosk = _offline_sign_in(app, store)
    assert kiosk.refresh()
    path = tmp_path / "kiosk.sqlite3"
    path.rename(tmp_path / "elsewhere.sqlite3")  # the database went: a fault, never an outage
    with pytest.raises(DatabaseFault):
        kiosk.screen("Priya", "Shah", PersonType.VISITOR, app.place)
    assert not kiosk.offline
    assert store.pending() == []
    store.close()


def test_the_local_copy_is_private_and_loses_what_ended_centrally(sqlite_services, tmp_path):
    app = sqlite_services
    staff = make_staff(app)
    kept = add_ban(app, staff["head"], name="William Hargreaves")
    gone = add_ban(app, staff["head"], name="Zebedee Quartermaine", reason="threatened staff")
    path = tmp_path / "offline" / "front-door.sqlite3"
    store = LocalStore(path)
    kiosk = _offline_sign_in(app, store)
    assert kiosk.refresh()
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    assert {b.id for b in store.copy()[0]} == {kept.id, gone.id}
    assert b"threatened staff" not in path.read_bytes()  # only what screening needs is copied
    app.bans.lift(staff["head"], gone.id, "ended by the head")
    assert kiosk.refresh()
    assert [b.id for b in store.copy()[0]] == [kept.id]
    assert b"Quartermaine" not in path.read_bytes()  # secure_delete: not even in the file's free pages
    store.close()
    with pytest.raises(DatabaseUnavailable):
        LocalStore(tmp_path / "nothing.sqlite3", create=False)


def test_kiosk_doctor_tells_the_copys_age_and_what_was_refused(tmp_path):
    from datetime import UTC, datetime, timedelta

    from kiosk.config import Settings
    from kiosk.ops.doctor import check_offline

    now = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    sqlite = Settings(database_url=f"sqlite:///{tmp_path / 'k.sqlite3'}")
    assert check_offline(sqlite, now).line().startswith("offline copy: ok — not used")
    settings = Settings(database_url=PG)
    settings.offline.path = str(tmp_path / "offline" / "door.sqlite3")
    assert "none yet" in check_offline(settings, now).line()
    store = LocalStore(settings.offline_path())
    store.replace_copy([], None, now - timedelta(hours=2))
    line = check_offline(settings, now).line()
    assert line.startswith("offline copy: ok") and "2.0 hours ago" in line
    store.replace_copy([], None, now - timedelta(hours=30))
    assert "too old" in check_offline(settings, now).line()
    item = store.enqueue("sign_in", "k1", now, {"first": "A"})
    store.refuse(item.seq, "The Code of Conduct must be read and agreed to before signing in.")
    store.close()
    check = check_offline(settings, now)
    assert check.level == "fail" and "1 queued steps were refused" in check.line()


def test_the_worker_logs_a_lasting_failure_once_and_its_end_once(sqlite_services, tmp_path, caplog):
    """While the database is wrong the worker's round fails every probe_s; the log says so once, not
    every few seconds all day, and says once that it works again."""
    import logging
    import time

    app = sqlite_services
    store = LocalStore(tmp_path / "offline" / "front-door.sqlite3")
    kiosk = _offline_sign_in(app, store)
    kiosk.probe_s = 0.01
    kiosk.refresh_every = timedelta(0)  # every round refreshes the copy
    assert kiosk.refresh()
    rounds: list[int] = []
    tick = kiosk.tick
    kiosk.tick = lambda: (rounds.append(1), tick())[1]  # type: ignore[method-assign]  # counts the rounds
    path = tmp_path / "kiosk.sqlite3"
    caplog.set_level(logging.INFO, logger="kiosk.services.offline")
    path.rename(tmp_path / "elsewhere.sqlite3")  # a database that is not this kiosk's: every round fails
    kiosk.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(rounds) < 10:
            time.sleep(0.01)
        assert len(rounds) >= 10
        failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(failures) == 1, caplog.text
        assert "not this kiosk's" in failures[0].getMessage() and not failures[0].exc_info
        (tmp_path / "elsewhere.sqlite3").rename(path)
        while time.monotonic() < deadline and kiosk._said is not None:
            time.sleep(0.01)
        assert kiosk._said is None and kiosk._fault is None
        assert len([r for r in caplog.records if "work again" in r.getMessage()]) == 1, caplog.text
    finally:
        kiosk.stop()
        store.close()
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1, caplog.text
