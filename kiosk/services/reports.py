"""Reports staff read and print: the fire roll (everyone on site now, for the roll call) and the visit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from kiosk.domain.documents import FireRoll, RosterLine
from kiosk.domain.errors import PrintFailed
from kiosk.domain.model import Actor, Person, PersonType, Visit
from kiosk.domain.permissions import Action, require
from kiosk.services.common import Deps, audit, school_day_start
from kiosk.services.ports import ReportPrinter, ReportRenderer, VisitSearch
from kiosk.services.staffroll import roll_lines

MAX_PAGE = 1000


@dataclass(frozen=True)
class FireRollDocument:
    """A fire roll ready to print or save: the roll itself and its PDF."""

    roll: FireRoll
    pdf: bytes

    @property
    def file_name(self) -> str:
        """A name for the saved PDF, with the local time it was made (e.g. fire-roll-20260901-1030.pdf)."""
        return f"fire-roll-{self.roll.printed_at:%Y%m%d-%H%M%S}.pdf"


@dataclass(frozen=True)
class FireRollResult:
    """What happened when the fire roll was asked for: printed on the report printer, or only made.

    ``printed`` is False when there is no report printer or it failed; ``problem`` then says why in a
    sentence a person can act on, and ``document`` is still there to save as a PDF.
    """

    document: FireRollDocument
    printed: bool
    printer_name: str = ""
    problem: str = ""


def roster_line(visit: Visit, person: Person | None, at: datetime) -> RosterLine:
    """One person on a roll, in local time ``at``'s zone; a collector shows the child they came for."""
    host = visit.host
    if visit.person_type is PersonType.COLLECTOR and visit.child_name:
        host = f"Collecting {visit.child_name}" + (f" ({visit.child_class})" if visit.child_class else "")
    zone = at.tzinfo
    return RosterLine(
        name=person.full_name if person is not None else visit.name_as_typed,
        person_type=visit.person_type,
        signed_in_at=visit.signed_in_at.astimezone(zone),
        host=host,
        organisation=visit.organisation,
        status=visit.status.value,
    )


@dataclass(frozen=True)
class VisitPage:
    """One page of the visit log, newest first; ``total`` (all matches) only when counted with it."""

    offset: int
    rows: list[tuple[Visit, Person]]
    total: int | None = None


@dataclass
class ReportService:
    """Builds the fire roll from the database, audits it, and prints it on the report printer if there is one."""

    deps: Deps
    renderer: ReportRenderer
    school_name: str
    site_name: str
    site_id: int | None = None  # this program's site; None lists every site
    printer: ReportPrinter | None = None  # the school's A4 report printer, if one is set up
    night_cutoff: time = time(3, 0)  # visits begun on an earlier day are not on the roll (kiosk.night_cutoff)

    def fire_roll(self, actor: Actor) -> FireRollDocument:
        """Everyone on site now (this site): staff, then visitors; as a roll and its PDF; audited as "fire roll made"."""
        require(actor, Action.FRONT_DESK)
        now = self.deps.clock.now()
        local_now = now.astimezone(self.deps.clock.zone)
        with self.deps.uow() as uow:
            day_start = school_day_start(now, self.deps.clock.zone, self.night_cutoff)
            staff, visitors, refs, last_change = roll_lines(
                uow, self.site_id, now, day_start, self.deps.clock.zone, self.deps.clock.today()
            )
            ids: list[int | str] = [ref for kind, ref in refs if kind == "visit"]
            staff_ids = [ref for kind, ref in refs if kind == "staff"]
            detail = f"{len(visitors)} visitors and {len(staff)} staff on site"
            audit(uow, now, actor, "fire roll made", "visit", *ids, detail=detail)
            if staff_ids:
                audit(uow, now, actor, "fire roll made", "staff_roll", *staff_ids, detail=detail)
            uow.commit()
        roll = FireRoll(
            school_name=self.school_name,
            site_name=self.site_name,
            printed_at=local_now,
            lines=tuple(visitors),
            staff=tuple(staff),
            last_change=last_change,
        )
        return FireRollDocument(roll=roll, pdf=self.renderer.render_fire_roll(roll))

    def print_fire_roll(self, actor: Actor) -> FireRollResult:
        """Make the fire roll and send it to the report printer; if that cannot be done, say why.

        The roll is made (and audited) whatever happens to the printer, so staff can save it as a PDF.
        """
        document = self.fire_roll(actor)
        if self.printer is None:
            return FireRollResult(
                document, printed=False, problem="No report printer is set up (printing.report_printer)."
            )
        try:
            self.printer.print_report(document.pdf, job_name="Fire roll")
        except PrintFailed as exc:
            return FireRollResult(document, printed=False, printer_name=self.printer.name, problem=str(exc))
        with self.deps.uow() as uow:
            audit(uow, self.deps.clock.now(), actor, "fire roll printed", "report", self.printer.name)
            uow.commit()
        return FireRollResult(document, printed=True, printer_name=self.printer.name)

    def visit_log(
        self, actor: Actor, query: VisitSearch, offset: int = 0, limit: int = 200, *, count: bool = False
    ) -> VisitPage:
        """One page of the visits matching ``query``, newest first, in one query (and a count if asked)."""
        require(actor, Action.FRONT_DESK)
        limit = max(1, min(limit, MAX_PAGE))
        with self.deps.uow.readonly() as uow:
            rows = uow.visits.search(query, max(0, offset), limit)
            total = uow.visits.count_search(query) if count else None
        return VisitPage(offset, rows, total)

    def count_visits(self, actor: Actor, query: VisitSearch) -> int:
        """How many visits match ``query`` (for "N visits found", asked for after the first page shows)."""
        require(actor, Action.FRONT_DESK)
        with self.deps.uow.readonly() as uow:
            return uow.visits.count_search(query)
