"""Reception's decisions on held visitors: release, refuse, or "not the same person"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from kiosk.domain.decisions import RELEASE_REASON_MIN, IdentityCheck
from kiosk.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.domain.events import Change
from kiosk.domain.model import (
    Actor,
    Alert,
    AlertBand,
    AlertDecision,
    Ban,
    DismissedMatch,
    Person,
    Visit,
    VisitStatus,
)
from kiosk.domain.permissions import Action, may, require
from kiosk.domain.pupils import CollectionHold, CollectionOutcome, Restriction
from kiosk.services.common import MAX_TEXT_LENGTH, Deps, audit, audit_actor, clean_text, stored_id
from kiosk.services.expected import ArrivalNotice, find_booking, mark_arrived, notify_arrival
from kiosk.services.ports import UnitOfWork
from kiosk.services.visits import SignInService, new_token

# The reason for a release (up to 500) goes before the note (up to MAX_TEXT_LENGTH) on the alert.
MAX_DECISION_NOTE = MAX_TEXT_LENGTH + 600


@dataclass(frozen=True)
class AlertView:
    """An alert as reception sees it: the visitor beside the ban record, with the reasons."""

    alert: Alert
    visit: Visit
    person: Person
    ban: Ban
    kiosk_name: str
    earlier_dismissals: tuple[DismissedMatch, ...] = ()


@dataclass(frozen=True)
class CollectorLine:
    """One of the child's authorised collectors, as reception's alert lists them."""

    collector_id: int
    name: str
    relationship: str
    photo: bytes | None = None


@dataclass(frozen=True)
class CollectionHoldView:
    """A collector held at the door, as reception sees it: who came, for which child, the child's list.

    A court order's or note's details are not here (``restricted`` says only to call the safeguarding
    lead): ``AlertService.restriction_details`` opens them, for the lead and the head.
    """

    hold: CollectionHold
    visit: Visit
    person: Person | None
    kiosk_name: str
    child: str  # the child the name matched (the name the school uses, and the class), "" when none
    collectors: tuple[CollectorLine, ...]
    password_set: bool = False

    @property
    def restricted(self) -> bool:
        return self.hold.outcome is CollectionOutcome.RESTRICTED

    @property
    def headline(self) -> str:
        return self.hold.outcome.headline


@dataclass
class AlertService:
    """Lists alerts for reception and carries out its decisions, each audited."""

    deps: Deps
    sign_in: SignInService
    dismissal_days: int = 365
    # Setting kiosk.badge_at = "kiosk": a released visitor's badge prints at the kiosk they signed in at
    # (SignInService.print_released_badges there), not at the console that released them.
    badge_at_kiosk: bool = False

    def open_alerts(self, actor: Actor) -> list[AlertView]:
        """Undecided alerts, held visitors first (alert band), oldest first within a band."""
        require(actor, Action.HANDLE_ALERT)
        views: list[AlertView] = []
        with self.deps.uow.readonly() as uow:
            for alert in uow.alerts.open():
                visit = uow.visits.get(alert.visit_id)
                if alert.band is AlertBand.ALERT and visit.status is not VisitStatus.HELD:
                    continue
                if alert.band is AlertBand.REVIEW and visit.status not in (
                    VisitStatus.HELD,
                    VisitStatus.ON_SITE,
                ):
                    continue
                views.append(self._view(uow, alert, visit))
        views.sort(key=lambda v: (v.alert.band is not AlertBand.ALERT, v.alert.raised_at, v.alert.id))
        return views

    def collection_holds(self, actor: Actor) -> list[CollectionHoldView]:
        """Collectors waiting at reception (held at the door), oldest first, each with the child's list."""
        require(actor, Action.HANDLE_ALERT)
        with self.deps.uow.readonly() as uow:
            held = [stored_id(v) for v in uow.visits.with_status([VisitStatus.HELD], None)]
            views = [self._hold_view(uow, h) for h in uow.pupils.holds_for_visits(held)]
        return sorted((v for v in views if v is not None), key=lambda v: (v.hold.raised_at, v.hold.id or 0))

    def collection_hold(self, actor: Actor, visit_id: int) -> CollectionHoldView:
        """One held collector (audited: it shows a child's list of collectors)."""
        require(actor, Action.HANDLE_ALERT)
        with self.deps.uow() as uow:
            hold = uow.pupils.hold_for_visit(visit_id)
            view = self._hold_view(uow, hold) if hold is not None else None
            if view is None:
                raise NotFound("That collector is no longer waiting.")
            audit(uow, self.deps.clock.now(), actor, "collection hold viewed", "visit", visit_id)
            uow.commit()
        return view

    @staticmethod
    def _hold_view(uow: UnitOfWork, hold: CollectionHold) -> CollectionHoldView | None:
        visit = uow.visits.get(hold.visit_id)
        if visit is None:
            return None
        kiosk = uow.sites.get_kiosk(visit.kiosk_id) if visit.kiosk_id else None
        pupil = uow.pupils.get(hold.pupil_id) if hold.pupil_id is not None else None
        child = ""
        lines: tuple[CollectorLine, ...] = ()
        if pupil is not None:
            child = pupil.known_as + (f" ({pupil.reg_group})" if pupil.reg_group else "")
            lines = tuple(
                CollectorLine(stored_id(c), c.name, c.relationship, c.photo) for c in pupil.collectors
            )
        return CollectionHoldView(
            hold=hold,
            visit=visit,
            person=uow.people.get(visit.person_id),
            kiosk_name=kiosk.name if kiosk else "reception",
            child=child,
            collectors=lines,
            password_set=bool(pupil and pupil.has_password),
        )

    def restriction_details(self, actor: Actor, visit_id: int) -> list[Restriction]:
        """The court orders or notes that held a collector: for the safeguarding lead and the head (audited)."""
        require(actor, Action.COURT_ORDERS)
        with self.deps.uow() as uow:
            hold = uow.pupils.hold_for_visit(visit_id)
            if hold is None:
                raise NotFound("That collector is no longer waiting.")
            found = [
                r for r in (uow.pupils.get_restriction(i) for i in hold.restriction_ids) if r is not None
            ]
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "court orders viewed",
                "visit",
                visit_id,
                *[stored_id(r) for r in found],
            )
            uow.commit()
        return found

    def view(self, actor: Actor, alert_id: int) -> AlertView:
        require(actor, Action.HANDLE_ALERT)
        with self.deps.uow() as uow:
            alert = uow.alerts.get(alert_id)
            if alert is None:
                raise NotFound("That alert no longer exists.")
            view = self._view(uow, alert, uow.visits.get(alert.visit_id))
            # Reading a ban's details is itself audited.
            audit(uow, self.deps.clock.now(), actor, "alert viewed", "alert", alert.id, alert.ban_id)
            uow.commit()
        return view

    @staticmethod
    def _view(uow, alert: Alert, visit: Visit) -> AlertView:
        kiosk = uow.sites.get_kiosk(visit.kiosk_id) if visit.kiosk_id else None
        return AlertView(
            alert=alert,
            visit=visit,
            person=uow.people.get(visit.person_id),
            ban=uow.bans.get(alert.ban_id),
            kiosk_name=kiosk.name if kiosk else "reception",
            earlier_dismissals=tuple(uow.dismissals.for_person(visit.person_id)),
        )

    def dismissal_notes(self, actor: Actor, person_id: int) -> list[DismissedMatch]:
        """Dismissals in force for a person: the console's quiet "match dismissed on DATE by NAME" note."""
        require(actor, Action.HANDLE_ALERT)
        now = self.deps.clock.now()
        with self.deps.uow.readonly() as uow:
            return [d for d in uow.dismissals.for_person(person_id) if d.in_force(now)]

    # ------------------------------------------------------------------ decisions

    def release(
        self,
        actor: Actor,
        visit_id: int,
        note: str = "",
        *,
        reason: str | None = None,
        print_badge: bool = True,
    ) -> Visit:
        """Let a held visitor in: every open alert on the visit is decided, the visit goes on site.

        ``reason`` (the console always asks for one, at least RELEASE_REASON_MIN characters) is recorded
        on the alerts before the note, and the audit row says a reason was given.
        """
        require(actor, Action.HANDLE_ALERT)
        self._may_release(actor, visit_id)
        if reason is not None:
            reason = clean_text(reason, "reason", limit=500)
            if len(reason) < RELEASE_REASON_MIN:
                raise InvalidInput("Give a short reason for releasing this visitor (a few words).")
            note = clean_text(note, "note")
            note = f"Reason for release: {reason}" + (f"\n{note}" if note else "")
        visit = self._decide_all(
            actor,
            visit_id,
            AlertDecision.RELEASE,
            note,
            VisitStatus.ON_SITE,
            detail="reason given" if reason is not None else "",
        )
        if print_badge and self._prints_at_console(visit):
            self.sign_in.print_badge(visit.id)
        return visit

    def refuse(self, actor: Actor, visit_id: int, note: str = "") -> Visit:
        """Refuse entry: the visit is closed as refused."""
        require(actor, Action.HANDLE_ALERT)
        return self._decide_all(actor, visit_id, AlertDecision.REFUSE, note, VisitStatus.REFUSED)

    def not_same_person(
        self,
        actor: Actor,
        alert_id: int,
        note: str = "",
        *,
        authoriser: Actor | None = None,
        checks: Iterable[IdentityCheck | str] = (),
    ) -> DismissedMatch:
        """Dismiss a match: this person is not held for this ban again while the dismissal lasts.

        Needs a safeguarding lead or head; a receptionist must have one of them confirm with their PIN
        (``authoriser``, already authenticated by the staff service). ``checks`` says what the person at
        the desk (``actor``) checked: recorded on the dismissal and the alert, and in the audit row.
        """
        require(actor, Action.HANDLE_ALERT)
        try:
            checked = sorted({IdentityCheck(c) for c in checks}, key=list(IdentityCheck).index)
        except ValueError:
            raise InvalidInput(
                "Say what you checked: " + ", ".join(c.value for c in IdentityCheck) + "."
            ) from None
        decider = actor
        if not may(actor.role, Action.DISMISS_MATCH):
            if authoriser is None or not may(authoriser.role, Action.DISMISS_MATCH):
                raise PermissionDenied(
                    "Only a safeguarding lead or the head can say this is not the same person. "
                    "Ask one of them to confirm with their PIN."
                )
            decider = authoriser
        note = clean_text(note, "note")
        if checked:
            note = "Checked: " + ", ".join(c.value for c in checked) + "." + (f"\n{note}" if note else "")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            alert = self._open_alert(uow, alert_id)
            visit = uow.visits.get(alert.visit_id)
            dismissal = uow.dismissals.add(
                DismissedMatch(
                    id=None,
                    person_id=visit.person_id,
                    ban_id=alert.ban_id,
                    dismissed_by=decider.staff_id,
                    dismissed_at=now,
                    expires_at=now + timedelta(days=self.dismissal_days),
                    note=note,
                )
            )
            self._record(uow, alert, AlertDecision.NOT_SAME_PERSON, decider, note, now)
            parts = (
                [f"checked by {audit_actor(actor)}: " + ", ".join(c.value for c in checked)]
                if checked
                else []
            )
            if decider is not actor:
                parts.append(f"confirmed by staff:{decider.staff_id}")
            detail = "; ".join(parts)
            audit(
                uow,
                now,
                actor,
                "match dismissed (not the same person)",
                "alert",
                alert.id,
                dismissal.id,
                detail=detail,
            )
            still_open = [
                a for a in uow.alerts.for_visit(visit.id) if a.is_open and a.band is AlertBand.ALERT
            ]
            released = visit.status is VisitStatus.HELD and not still_open
            if released:
                visit.status = VisitStatus.ON_SITE
                visit.badge_token = visit.badge_token or new_token()
                uow.visits.update(visit)
                audit(uow, now, actor, "held visitor released", "visit", visit.id)
            uow.commit()
        self.deps.notify(
            Change.ALERT_DECIDED,
            actor=actor,
            alert_ids=[alert_id],
            visit_id=visit.id,
            decision="not the same person",
        )
        if released and self._prints_at_console(visit):
            self.sign_in.print_badge(visit.id)
        return dismissal

    def note_review(self, actor: Actor, alert_id: int, note: str = "") -> None:
        """Acknowledge a review-band match (it never held anyone)."""
        require(actor, Action.HANDLE_ALERT)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            alert = self._open_alert(uow, alert_id)
            self._record(uow, alert, AlertDecision.NOTED, actor, clean_text(note, "note"), now)
            audit(uow, now, actor, "review match noted", "alert", alert.id)
            uow.commit()
        self.deps.notify(Change.ALERT_DECIDED, actor=actor, alert_ids=[alert_id], decision="noted")

    def revoke_dismissal(self, actor: Actor, dismissal_id: int) -> None:
        """Take back a "not the same person" decision: the person is screened for that ban again."""
        require(actor, Action.DISMISS_MATCH)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            d = uow.dismissals.get(dismissal_id)
            if d is None:
                raise NotFound("That dismissed match no longer exists.")
            if d.revoked_at is not None:
                raise Conflict("That dismissal was already revoked.")
            uow.dismissals.update(replace(d, revoked_at=now, revoked_by=actor.staff_id))
            audit(uow, now, actor, "dismissed match revoked", "dismissed_match", d.id)
            uow.commit()

    # ------------------------------------------------------------------ helpers

    def _may_release(self, actor: Actor, visit_id: int) -> None:
        """A collector held for a court order or do-not-release note: only the lead or the head lets them in."""
        with self.deps.uow.readonly() as uow:
            hold = uow.pupils.hold_for_visit(visit_id)
        if (
            hold is not None
            and hold.outcome is CollectionOutcome.RESTRICTED
            and not may(actor.role, Action.COURT_ORDERS)
        ):
            raise PermissionDenied(
                "This collection is held for the safeguarding lead: only the safeguarding lead or the head "
                "can release it."
            )

    def _prints_at_console(self, visit: Visit) -> bool:
        """Whether a released visitor's badge prints here (else their kiosk prints it: kiosk.badge_at)."""
        return not (self.badge_at_kiosk and visit.kiosk_id is not None)

    @staticmethod
    def _open_alert(uow, alert_id: int) -> Alert:
        alert = uow.alerts.get(alert_id)
        if alert is None:
            raise NotFound("That alert no longer exists.")
        if not alert.is_open:
            raise Conflict(f"That alert was already decided ({alert.decision.value}).")
        return alert

    @staticmethod
    def _record(uow, alert: Alert, decision: AlertDecision, actor: Actor, note: str, now) -> None:
        alert.decision = decision
        alert.decided_by = actor.staff_id
        alert.decided_at = now
        alert.note = note
        uow.alerts.update(alert)

    def _decide_all(
        self,
        actor: Actor,
        visit_id: int,
        decision: AlertDecision,
        note: str,
        status: VisitStatus,
        *,
        detail: str = "",
    ) -> Visit:
        note = clean_text(note, "note", limit=MAX_DECISION_NOTE)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None:
                raise NotFound("That visit no longer exists.")
            if visit.status is not VisitStatus.HELD:
                raise Conflict(f"This visitor is no longer waiting (now {visit.status.value}).")
            decided = []
            for alert in uow.alerts.for_visit(visit_id):
                if alert.is_open:
                    self._record(uow, alert, decision, actor, note, now)
                    decided.append(alert.id)
            visit.status = status
            arrival = None
            if status is VisitStatus.ON_SITE:
                visit.badge_token = visit.badge_token or new_token()
                arrival = _fulfil_booking(uow, visit, actor, now, self.deps.clock.today())
            else:
                visit.signed_out_at = now
            uow.visits.update(visit)
            action = "held visitor released" if decision is AlertDecision.RELEASE else "entry refused"
            audit(uow, now, actor, action, "visit", visit.id, *decided, detail=detail)
            uow.commit()
        self.deps.notify(
            Change.ALERT_DECIDED, actor=actor, alert_ids=decided, visit_id=visit.id, decision=decision.value
        )
        if arrival is not None:
            notify_arrival(self.deps, arrival)
        return visit


def _fulfil_booking(
    uow: UnitOfWork, visit: Visit, actor: Actor, now: datetime, today: date
) -> ArrivalNotice | None:
    """A released visitor who was expected today: their booking is fulfilled now, and their host told."""
    person = uow.people.get(visit.person_id)
    if person is None:
        return None
    booking = find_booking(uow, person.first_name, person.last_name, visit.site_id, today)
    return mark_arrived(uow, booking, stored_id(visit), actor, now) if booking is not None else None
