"""The wired set of services one program uses, built by kiosk.app and handed to the UI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.config import Settings
from kiosk.services.alerts import AlertService
from kiosk.services.bans import BanService
from kiosk.services.cases import CaseService
from kiosk.services.common import Deps
from kiosk.services.policy import PolicyService
from kiosk.services.printing import PrintingService
from kiosk.services.privacy import PrivacyService
from kiosk.services.staff import StaffService
from kiosk.services.visits import Place, SignInService


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
    extras: dict = field(default_factory=dict)
    cases: CaseService | None = None  # the breach process (incidents, cases, letters); set by kiosk.app
    privacy: PrivacyService | None = None  # retention purge, subject access, erasure; set by kiosk.app
    printing: PrintingService | None = None  # the badge printer's state; set by kiosk.app

    def dispose(self) -> None:
        for close in reversed(self.closers):
            close()
        self.closers.clear()
