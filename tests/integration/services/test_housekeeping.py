"""Background jobs: end of day, ban expiry and purge run by themselves while a program is open."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from kiosk.domain.model import BanStatus, VisitStatus
from kiosk.services.housekeeping import Housekeeping, standard_jobs
from tests.helpers import add_ban, sign_in


def test_jobs_close_yesterdays_visits_and_expire_ended_bans(services, staff):
    visit = sign_in(services).visit
    today = services.deps.clock.today()
    ban = add_ban(services, staff["head"], start=today - timedelta(days=10), end=today + timedelta(days=5))
    with services.deps.uow() as uow:  # the visit began yesterday morning; the ban ended yesterday
        uow.visits.update(
            replace(uow.visits.get(visit.id), signed_in_at=services.deps.clock.now() - timedelta(days=1))
        )
        uow.bans.update(replace(uow.bans.get(ban.id), end=today - timedelta(days=1)))
        uow.commit()
    Housekeeping(standard_jobs(services.sign_in, services.bans, services.privacy, time(18, 0))).run_once()
    with services.deps.uow.readonly() as uow:
        assert uow.visits.get(visit.id).status is VisitStatus.CLOSED
        assert uow.bans.get(ban.id).status is BanStatus.EXPIRED


def test_a_failing_job_does_not_stop_the_others(caplog):
    ran = []

    def broken():
        raise RuntimeError("disk full")

    Housekeeping([("broken", broken), ("next", lambda: ran.append(True))]).run_once()
    assert ran == [True]
    assert "broken failed" in caplog.text


def test_start_and_stop_run_the_jobs_on_a_thread():
    import threading

    done = threading.Event()
    hk = Housekeeping([("mark", done.set)], check_every_s=3600)
    hk.start()
    try:
        assert done.wait(10)
    finally:
        hk.stop()


def test_running_kiosk_deletes_old_badge_files_of_the_file_printer(tmp_path, printer, monkeypatch):
    """A live program (kiosk or console) with the file printer removes badge files past retention."""
    import time as clock

    import kiosk.app
    from kiosk.app import build_app
    from kiosk.config import Settings

    # The first housekeeping run comes well within the 20 s this test waits; here after 0.2 s instead of
    # the program's 15 s, which were most of this test's time.
    assert 0 < kiosk.app.HOUSEKEEPING_AFTER_S <= 15
    monkeypatch.setattr(kiosk.app, "HOUSEKEEPING_AFTER_S", 0.2)

    badges = tmp_path / "badges"
    badges.mkdir()
    stamp = (datetime.now() - timedelta(days=30)).strftime("%Y%m%d-%H%M%S")
    old = badges / f"{stamp}-000001-badge-ABC123.pdf"
    old.write_bytes(b"%PDF-1.4")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}")
    settings.printing.folder = str(badges)
    app = build_app(settings, printer=printer, live=True)
    try:
        deadline = clock.monotonic() + 20
        while old.exists() and clock.monotonic() < deadline:
            clock.sleep(0.05)
        assert not old.exists()
    finally:
        app.dispose()
