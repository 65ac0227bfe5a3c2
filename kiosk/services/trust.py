"""The trust's reports (a trust of schools, kiosk.domain.trust): for the trust's roles only, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kiosk.domain.model import Actor
from kiosk.domain.permissions import Action, require
from kiosk.domain.trust import TrustReport
from kiosk.services.common import Deps, audit


class TrustReportSource(Protocol):
    """Reads every school's figures (kiosk.db.trust.SqlTrustReports, on the trust's database role)."""

    def report(self, today: date, review_within_days: int) -> TrustReport: ...


@dataclass
class TrustReportService:
    deps: Deps
    source: TrustReportSource

    def report(self, actor: Actor, review_within_days: int = 30) -> TrustReport:
        """Bans in force across the schools, reviews due within the window, incidents and open cases by
        school. The read is audited: the reviews name banned people."""
        require(actor, Action.TRUST_REPORTS)
        if not 0 <= review_within_days <= 366:
            from kiosk.domain.errors import InvalidInput

            raise InvalidInput("The review window is 0 to 366 days.")
        report = self.source.report(self.deps.clock.today(), review_within_days)
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "trust report read",
                "trust",
                detail=f"{len(report.bans)} schools, {len(report.reviews_due)} reviews due",
            )
            uow.commit()
        return report
