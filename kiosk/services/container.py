"""The wired set of services one program uses, built by kiosk.app and handed to the UI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kiosk.config import Settings
from kiosk.services.alerts import AlertService
from kiosk.services.bans import BanService
from kiosk.services.clearance import ClearanceService
from kiosk.services.common import Deps
from kiosk.services.expected import ExpectedService
from kiosk.services.policy import PolicyService
from kiosk.services.ports import EventFeed, SetupCodeCheck
from kiosk.services.printing import PrintingService
from kiosk.services.pupils import PupilService
from kiosk.services.screening import ActiveBanList
from kiosk.services.setup import SetupService
from kiosk.services.staff import StaffService
from kiosk.services.staffroll import StaffRollService
from kiosk.services.trust import TrustReportService
from kiosk.services.visits import Place, SignInService

if TYPE_CHECKING:  # built on first use by kiosk.app: the kiosk's start does not import them
    from kiosk.services.cases import CaseService
    from kiosk.services.offline import OfflineSignIn
    from kiosk.services.privacy import PrivacyService
    from kiosk.services.reports import ReportService


class BackgroundJobs(Protocol):
    """Housekeeping running in the background (kiosk.services.housekeeping.Housekeeping)."""

    def run_once(self) -> None: ...
    def stop(self) -> None: ...


@dataclass
class Services:
    """Everything the kiosk, the console or the command line needs, wired once by kiosk.app."""

    settings: Settings
    deps: Deps
    place: Place
    sign_in: SignInService
    alerts: AlertService
    bans: BanService
    policy: PolicyService
    staff: StaffService
    # Called on shutdown (closes the database, stops listeners); set by kiosk.app.
    closers: list[Callable[[], None]] = field(default_factory=list)
    cases: CaseService | None = None  # the breach process (incidents, cases, letters); set by kiosk.app
    privacy: PrivacyService | None = None  # retention purge, subject access, erasure; set by kiosk.app
    reports: ReportService | None = None  # the fire roll; set by kiosk.app
    ban_list: ActiveBanList | None = None  # the screener over the bans in force (shared with sign_in)
    feed: EventFeed | None = None  # what other programs changed; set in live mode (windows refresh on it)
    housekeeping: BackgroundJobs | None = None  # end of day, ban expiry, retention; set in live mode
    printing: PrintingService | None = None  # the badge printer's state; set by kiosk.app
    setup: SetupService | None = None  # the first-run set-up's steps; set by kiosk.app
    setup_code: SetupCodeCheck | None = None  # the code `kiosk db upgrade` prints; set by kiosk.app
    expected: ExpectedService | None = None  # visitors booked before the day; set by kiosk.app
    clearances: ClearanceService | None = None  # the single central record of checks; set by kiosk.app
    pupils: PupilService | None = None  # pupils and who may collect them; set by kiosk.app
    trust_reports: TrustReportService | None = None  # a trust's reports across schools; set by kiosk.app
    # The visitor kiosk's offline mode on PostgreSQL (the same object as sign_in); None elsewhere.
    offline: OfflineSignIn | None = None
    staff_roll: StaffRollService | None = (
        None  # staff on the roll, their sign-in, roll calls; set by kiosk.app
    )

    def dispose(self) -> None:
        for close in reversed(self.closers):
            close()
        self.closers.clear()
