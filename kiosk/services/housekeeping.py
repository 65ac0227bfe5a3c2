"""Jobs every running kiosk and console does in the background: end of day, ban expiry, retention purge."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import time

from kiosk.domain.model import Actor
from kiosk.services.bans import BanService
from kiosk.services.privacy import PrivacyService
from kiosk.services.staffroll import StaffRollService
from kiosk.services.visits import SignInService

log = logging.getLogger(__name__)

Job = tuple[str, Callable[[], object]]


def standard_jobs(
    sign_in: SignInService,
    bans: BanService,
    privacy: PrivacyService,
    end_of_day: time,
    staff_roll: StaffRollService | None = None,
) -> list[Job]:
    """The school's daily jobs. Each is safe to run from several programs at once, and again and again.

    - end of day: visits still open after the school's end-of-day time are closed as "not signed out",
      and staff still signed in are closed too ("closed at end of day");
    - ban expiry: bans past their end date are marked expired (they already stopped screening);
    - retention purge: at most once a day across all programs (PrivacyService.purge_if_due);
    - audit digest: once a day, the audit log's keyed head emailed off the machine (when mail is set up).
    """
    system = Actor.system()
    jobs: list[Job] = [("end of day", lambda: sign_in.end_of_day(system, end_of_day))]
    if staff_roll is not None:
        jobs.append(("staff end of day", lambda: staff_roll.end_of_day(system, end_of_day)))
    return [
        *jobs,
        ("ban expiry", lambda: bans.expire_due(system)),
        # Looked up when they run: the privacy service is built on first use.
        ("retention purge", lambda: privacy.purge_if_due()),
        ("audit digest", lambda: privacy.send_digest_if_due()),
    ]


class Housekeeping:
    """Runs the jobs at start and then every ``check_every_s`` on a daemon thread; errors are logged, never raised.

    ``first_after_s`` holds the first run back (the kiosk's: until its Welcome page is up and its first
    visitor's screening index is built, so they do not slow the start).
    """

    def __init__(self, jobs: Sequence[Job], check_every_s: float = 600.0, *, first_after_s: float = 0.0):
        self.jobs = list(jobs)
        self.check_every_s = check_every_s
        self.first_after_s = first_after_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="housekeeping", daemon=True)
            self._thread.start()

    def run_once(self) -> None:
        for name, job in self.jobs:
            if self._stop.is_set():
                return
            try:
                job()
            except Exception:  # noqa: BLE001 - a failed job is tried again at the next check
                log.exception("%s failed; it will be tried again", name)

    def _run(self) -> None:
        if self.first_after_s > 0:
            self._stop.wait(self.first_after_s)
        while not self._stop.is_set():
            self.run_once()
            self._stop.wait(self.check_every_s)

    def stop(self) -> None:
        """Stop the thread, waiting briefly for a job in progress to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
