"""Reports of the breach process: open cases, bans active / expiring / due for review, incidents per term,
and the same as CSV. Pure functions over what the case service reads; the service checks the role and audits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from kiosk.domain.cases import Case, CaseStage, Incident, Term, term_of
from kiosk.domain.model import Ban, BanStatus
from kiosk.domain.spreadsheet import CsvWriter

EXPIRING_WITHIN_DAYS = 30
REVIEW_WITHIN_DAYS = 14


@dataclass(frozen=True, slots=True)
class BanLine:
    """A ban in a report, with the case it came from (if any)."""

    ban: Ban
    case_id: int | None = None

    @property
    def case_reference(self) -> str:
        return f"CoC-{self.case_id:04d}" if self.case_id is not None else ""


@dataclass(frozen=True)
class CasesReport:
    """Open cases by stage; bans active, expiring and due for review; incidents by behaviour per term."""

    open_by_stage: dict[CaseStage, int]
    active_bans: list[BanLine]
    expiring: list[BanLine]
    reviews_due: list[BanLine]
    incidents_by_term: dict[str, dict[str, int]] = field(default_factory=dict)


def build_report(
    *,
    cases: Sequence[Case],
    incidents: Sequence[Incident],
    bans: Sequence[Ban],
    ban_links: dict[int, int],
    today: date,
    terms: Sequence[Term],
    expiring_within_days: int = EXPIRING_WITHIN_DAYS,
    review_within_days: int = REVIEW_WITHIN_DAYS,
) -> CasesReport:
    """The report as of ``today``; ``ban_links`` maps case id -> ban id."""
    case_of_ban = {ban_id: case_id for case_id, ban_id in ban_links.items()}
    stages = Counter(c.stage for c in cases if c.is_open)
    open_by_stage: dict[CaseStage, int] = {
        s: stages[s] for s in CaseStage if s is not CaseStage.CLOSED and stages[s]
    }
    lines = [BanLine(b, case_of_ban.get(b.id)) for b in bans if b.id is not None]
    active = sorted(
        (ln for ln in lines if ln.ban.status is BanStatus.ACTIVE), key=lambda ln: ln.ban.name.casefold()
    )
    expiring = sorted(
        (ln for ln in active if ln.ban.end is not None and (ln.ban.end - today).days <= expiring_within_days),
        key=lambda ln: ln.ban.end or today,
    )
    due = sorted(
        (
            ln
            for ln in lines
            if ln.ban.review_date and (ln.ban.review_date - today).days <= review_within_days
        ),
        key=lambda ln: ln.ban.review_date or today,
    )
    by_term: dict[str, Counter[str]] = {}
    for incident in sorted(incidents, key=lambda i: i.occurred_on):
        counter = by_term.setdefault(term_of(incident.occurred_on, tuple(terms)), Counter())
        counter.update(incident.behaviours)
    per_term = {t: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for t, c in by_term.items()}
    return CasesReport(open_by_stage, active, expiring, due, per_term)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def cases_csv(cases: Sequence[Case], zone: ZoneInfo) -> str:
    """Every case: reference, name, stage, opened, last changed, ban id."""
    w = CsvWriter(["case", "name", "stage", "opened", "last_changed", "ban_id"])
    for c in cases:
        w.row(
            [
                c.reference,
                c.subject_name,
                c.stage.value,
                c.opened_at.astimezone(zone).date().isoformat(),
                c.updated_at.astimezone(zone).date().isoformat(),
                c.ban_id or "",
            ]
        )
    return w.text()


def bans_csv(report: CasesReport) -> tuple[str, list[int]]:
    """Active and waiting bans with their case, dates and whether they are expiring or due for review."""
    expiring = {ln.ban.id for ln in report.expiring}
    due = {ln.ban.id for ln in report.reviews_due}
    lines = {ln.ban.id: ln for ln in report.active_bans + report.reviews_due if ln.ban.id is not None}
    w = CsvWriter(
        ["ban_id", "case", "name", "status", "stage", "start", "end", "review", "expiring", "review_due"]
    )
    for ln in sorted(lines.values(), key=lambda ln: ln.ban.name.casefold()):
        b = ln.ban
        w.row(
            [
                b.id,
                ln.case_reference,
                b.name,
                b.status.value,
                b.stage.value,
                _iso(b.start),
                _iso(b.end),
                _iso(b.review_date),
                "yes" if b.id in expiring else "no",
                "yes" if b.id in due else "no",
            ]
        )
    return w.text(), list(lines)


def incidents_csv(report: CasesReport) -> str:
    """Incidents per term and behaviour."""
    w = CsvWriter(["term", "behaviour", "incidents"])
    for term, counts in report.incidents_by_term.items():
        for behaviour, count in counts.items():
            w.row([term, behaviour, count])
    return w.text()
