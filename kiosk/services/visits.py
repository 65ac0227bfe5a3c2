"""Signing in and out: screen the name, complete the details, print the badge, sign out, end of day."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta

from kiosk.domain.documents import BadgeContent
from kiosk.domain.errors import Conflict, InvalidInput, NotFound, PrintFailed
from kiosk.domain.model import (
    Acknowledgement,
    Actor,
    Alert,
    AlertBand,
    Person,
    PersonType,
    PolicyVersion,
    ScreeningOutcome,
    Visit,
    VisitStatus,
)
from kiosk.domain.permissions import Action, require
from kiosk.services.common import Deps, audit, clean_name, clean_text
from kiosk.services.ports import BadgePrinter, UnitOfWork
from kiosk.services.screening import ActiveBanList, BanMatch

log = logging.getLogger(__name__)

PHONE_PROOF_DIGITS = 3


BADGE_VOIDED = "Badge voided by reception: reprint one, or sign the visitor out at reception."


def new_token() -> str:
    """An unguessable token for a badge or a visitor pass (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class Place:
    """Where a sign-in happens: the site and the kiosk (None for the console or command line)."""

    site_id: int
    kiosk_id: int | None
    kiosk_name: str = ""


@dataclass(frozen=True)
class VisitDetails:
    """What a visitor gives after the name: depends on their type (collectors name the child)."""

    organisation: str = ""
    host: str = ""
    purpose: str = ""
    car_registration: str = ""
    phone: str = ""
    email: str = ""
    child_name: str = ""
    child_class: str = ""
    relationship: str = ""


@dataclass(frozen=True)
class ScreenResult:
    """The answer of the screen step. A held visitor sees only the neutral waiting screen."""

    held: bool
    visit_id: int | None = None  # the held visit, when held
    first_name: str = ""
    last_name: str = ""
    person_type: PersonType = PersonType.VISITOR
    person_id: int | None = None  # set when the visitor proved who they are (visitor pass or phone digits)
    review: tuple[BanMatch, ...] = ()
    dismissed: tuple[BanMatch, ...] = ()
    needs_acknowledgement: bool = True
    # A proven returning visitor's details from their last visit, for them to confirm instead of retyping.
    previous: VisitDetails | None = None


@dataclass(frozen=True)
class SignInResult:
    visit: Visit
    person: Person
    badge_printed: bool
    badge_message: str = ""  # what to tell the visitor when the badge did not print


@dataclass
class SignInService:
    """The visitor's journey at the kiosk, and reception's front-desk actions on visits."""

    deps: Deps
    bans: ActiveBanList
    printer: BadgePrinter
    school_name: str = ""
    # At this local time every visit still open from an earlier day is closed (an evening event's visitors
    # who did not sign out are not on the next morning's on-site list or fire roll).
    night_cutoff: time = time(3, 0)

    # ------------------------------------------------------------------ identify a returning visitor

    def identify_by_pass(self, pass_token: str) -> Person | None:
        """The person whose visitor pass QR code was scanned, if any."""
        token = (pass_token or "").strip()
        if not token or len(token) > 64:
            return None
        with self.deps.uow.readonly() as uow:
            return uow.people.by_pass_token(token)

    def identify_by_phone(self, first_name: str, last_name: str, phone_digits: str) -> Person | None:
        """A returning visitor proves who they are by exact name plus the last digits of their phone."""
        digits = "".join(ch for ch in phone_digits or "" if ch.isdigit())
        if len(digits) < PHONE_PROOF_DIGITS:
            return None
        with self.deps.uow.readonly() as uow:
            people = uow.people.by_exact_name(first_name.strip(), last_name.strip())
        found = [
            p
            for p in people
            if "".join(c for c in p.phone if c.isdigit()).endswith(digits[-PHONE_PROOF_DIGITS:])
        ]
        # Two people with the same name and digits: ambiguous, so treat as not proven.
        return found[0] if len(found) == 1 else None

    # ------------------------------------------------------------------ step 1: screen

    def screen(
        self,
        first_name: str,
        last_name: str,
        person_type: PersonType,
        place: Place,
        *,
        person_id: int | None = None,
    ) -> ScreenResult:
        """Screen the name as soon as it is given. An alert-band match records a held visit and its alerts at once.

        ``person_id`` is set only when the visitor has proved who they are; only then do matches that
        reception dismissed for that person ("not the same person") stop holding them.
        """
        first = clean_name(first_name, "first name")
        last = clean_name(last_name, "surname")
        person_type = PersonType(person_type)
        matches = self.bans.screen(f"{first} {last}", place.site_id)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            dismissed_ban_ids = set()
            if person_id is not None:
                dismissed_ban_ids = {
                    d.ban_id for d in uow.dismissals.for_person(person_id) if d.in_force(now)
                }
            alert = [m for m in matches if m.band == "alert" and m.ban.id not in dismissed_ban_ids]
            dismissed = tuple(m for m in matches if m.band == "alert" and m.ban.id in dismissed_ban_ids)
            review = tuple(m for m in matches if m.band == "review" and m.ban.id not in dismissed_ban_ids)
            if not alert:
                needs_ack = self._needs_acknowledgement(uow, person_id)
                return ScreenResult(
                    previous=self._previous_details(uow, person_id),
                    held=False,
                    first_name=first,
                    last_name=last,
                    person_type=person_type,
                    person_id=person_id,
                    review=review,
                    dismissed=dismissed,
                    needs_acknowledgement=needs_ack,
                )
            person = uow.people.get(person_id) if person_id is not None else None
            if person is None:
                person = uow.people.add(Person(None, first, last, person_type, created_at=now))
            visit = uow.visits.add(
                Visit(
                    id=None,
                    person_id=person.id,
                    site_id=place.site_id,
                    kiosk_id=place.kiosk_id,
                    status=VisitStatus.HELD,
                    screening=ScreeningOutcome.ALERT,
                    name_as_typed=f"{first} {last}",
                    person_type=person_type,
                    signed_in_at=now,
                )
            )
            alert_ids = [self._add_alert(uow, visit, m, now).id for m in (*alert, *review)]
            actor = Actor.kiosk(place.kiosk_name or "console")
            audit(uow, now, actor, "visit held for reception", "visit", visit.id, *alert_ids)
            uow.commit()
        self.deps.notify(
            "alert.raised",
            visit_id=visit.id,
            alert_ids=alert_ids,
            site_id=place.site_id,
            kiosk_id=place.kiosk_id,
        )
        return ScreenResult(
            held=True, visit_id=visit.id, first_name=first, last_name=last, person_type=person_type
        )

    @staticmethod
    def _add_alert(uow: UnitOfWork, visit: Visit, m: BanMatch, now: datetime) -> Alert:
        return uow.alerts.add(
            Alert(
                id=None,
                visit_id=visit.id,
                ban_id=m.ban.id,
                band=AlertBand(m.band),
                score=m.score,
                reasons=m.reasons,
                matched_name=m.matched_name,
                raised_at=now,
            )
        )

    @staticmethod
    def _previous_details(uow: UnitOfWork, person_id: int | None) -> VisitDetails | None:
        if person_id is None:
            return None
        person = uow.people.get(person_id)
        visits = uow.visits.for_person(person_id)
        last = visits[-1] if visits else None
        if person is None:
            return None
        return VisitDetails(
            organisation=(last.organisation if last else "") or person.organisation,
            host=last.host if last else "",
            purpose=last.purpose if last else "",
            car_registration=(last.car_registration if last else "") or person.car_registration,
            phone=person.phone,
            email=person.email,
            child_name=last.child_name if last else "",
            child_class=last.child_class if last else "",
            relationship=last.relationship if last else "",
        )

    # ------------------------------------------------------------------ policy

    def current_policy(self) -> PolicyVersion | None:
        with self.deps.uow.readonly() as uow:
            return uow.policies.current()

    @staticmethod
    def _needs_acknowledgement(uow: UnitOfWork, person_id: int | None) -> bool:
        policy = uow.policies.current()
        if policy is None:
            return False
        if person_id is None:
            return True
        return uow.policies.acknowledgement(person_id, policy.id) is None

    # ------------------------------------------------------------------ step 2: complete

    def complete(
        self,
        screened: ScreenResult,
        details: VisitDetails,
        place: Place,
        *,
        acknowledged_policy_id: int | None = None,
        signature_png: bytes | None = None,
        print_badge: bool = True,
    ) -> SignInResult:
        """Record the sign-in (details, acknowledgement, badge token) in one transaction, then print the badge.

        The visit is committed before printing: a printer failure never loses a sign-in.
        """
        if screened.held:
            raise Conflict("This visitor is waiting for reception and cannot complete sign-in at the kiosk.")
        d = self._clean_details(details, screened.person_type)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            policy = uow.policies.current()
            person = uow.people.get(screened.person_id) if screened.person_id is not None else None
            if person is None:
                person = uow.people.add(
                    Person(
                        None,
                        screened.first_name,
                        screened.last_name,
                        screened.person_type,
                        organisation=d.organisation,
                        phone=d.phone,
                        email=d.email,
                        car_registration=d.car_registration,
                        pass_token=new_token(),
                        created_at=now,
                    )
                )
            else:
                person = replace(
                    person,
                    person_type=screened.person_type,
                    organisation=d.organisation or person.organisation,
                    phone=d.phone or person.phone,
                    email=d.email or person.email,
                    car_registration=d.car_registration or person.car_registration,
                    pass_token=person.pass_token or new_token(),
                )
                uow.people.update(person)
            ack_version = None
            if policy is not None:
                existing = uow.policies.acknowledgement(person.id, policy.id)
                if existing is None:
                    if acknowledged_policy_id != policy.id:
                        raise InvalidInput(
                            "The Code of Conduct must be read and agreed to before signing in."
                        )
                    uow.policies.add_acknowledgement(
                        Acknowledgement(
                            None, person.id, policy.id, policy.sha256, now, place.kiosk_id, signature_png
                        )
                    )
                ack_version = policy.id
            outcome = ScreeningOutcome.CLEAR
            if screened.dismissed:
                outcome = ScreeningOutcome.DISMISSED
            elif screened.review:
                outcome = ScreeningOutcome.REVIEW
            visit = uow.visits.add(
                Visit(
                    id=None,
                    person_id=person.id,
                    site_id=place.site_id,
                    kiosk_id=place.kiosk_id,
                    status=VisitStatus.ON_SITE,
                    screening=outcome,
                    name_as_typed=f"{screened.first_name} {screened.last_name}",
                    person_type=screened.person_type,
                    signed_in_at=now,
                    host=d.host,
                    purpose=d.purpose,
                    organisation=d.organisation,
                    car_registration=d.car_registration,
                    child_name=d.child_name,
                    child_class=d.child_class,
                    relationship=d.relationship,
                    badge_token=new_token(),
                    policy_version_id=ack_version,
                )
            )
            review_ids = [self._add_alert(uow, visit, m, now).id for m in screened.review]
            audit(
                uow,
                now,
                Actor.kiosk(place.kiosk_name or "console"),
                "signed in",
                "visit",
                visit.id,
                person.id,
            )
            uow.commit()
        self.deps.notify(
            "visit.signed_in", visit_id=visit.id, site_id=place.site_id, review_alert_ids=review_ids
        )
        if not print_badge:
            return SignInResult(visit, person, badge_printed=False)
        printed, message = self.print_badge(visit.id)
        visit = replace(visit, badge_printed=printed, badge_error="" if printed else message)
        return SignInResult(visit, person, badge_printed=printed, badge_message=message)

    @staticmethod
    def _clean_details(d: VisitDetails, person_type: PersonType) -> VisitDetails:
        cleaned = VisitDetails(
            organisation=clean_text(d.organisation, "organisation", limit=200),
            host=clean_text(d.host, "name of who you are visiting", limit=200),
            purpose=clean_text(d.purpose, "reason for your visit", limit=300),
            car_registration=clean_text(d.car_registration, "car registration", limit=20).upper(),
            phone=clean_text(d.phone, "phone number", limit=40),
            email=clean_text(d.email, "email address", limit=200),
            child_name=clean_text(d.child_name, "child's name", limit=200),
            child_class=clean_text(d.child_class, "child's class", limit=50),
            relationship=clean_text(d.relationship, "relationship to the child", limit=100),
        )
        if person_type is PersonType.COLLECTOR:
            if not cleaned.child_name:
                raise InvalidInput("Please enter the name of the child you are collecting.")
            if not cleaned.relationship:
                raise InvalidInput("Please say how you are related to the child.")
        return cleaned

    # ------------------------------------------------------------------ badges

    def badge_content(self, visit_id: int) -> BadgeContent:
        with self.deps.uow.readonly() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None:
                raise NotFound("That visit no longer exists.")
            person = uow.people.get(visit.person_id)
        host = visit.host
        if visit.person_type is PersonType.COLLECTOR and visit.child_name:
            host = f"Collecting {visit.child_name}" + (f" ({visit.child_class})" if visit.child_class else "")
        return BadgeContent(
            visitor_name=person.full_name if person else visit.name_as_typed,
            person_type=visit.person_type,
            visit_token=visit.badge_token,
            signed_in_at=visit.signed_in_at.astimezone(self.deps.clock.zone),
            host=host,
            school_name=self.school_name,
            organisation=visit.organisation,
        )

    def print_badge(self, visit_id: int, printer: BadgePrinter | None = None) -> tuple[bool, str]:
        """Print a visit's badge and record whether it printed. Never raises for a printer fault."""
        badge = self.badge_content(visit_id)
        message = ""
        try:
            (printer or self.printer).print_badge(badge)
            printed = True
        except PrintFailed as exc:
            printed, message = False, str(exc)
        except Exception as exc:  # noqa: BLE001 - a broken driver must not lose the sign-in
            log.exception("badge printer failed")
            printed, message = False, f"The badge printer failed ({type(exc).__name__})."
        with self.deps.uow() as uow:
            visit = uow.visits.get(visit_id)
            visit.badge_printed = visit.badge_printed or printed
            visit.badge_error = "" if printed else message
            uow.visits.update(visit)
            uow.commit()
        if not printed:
            log.warning("badge for visit %s not printed: %s", visit_id, message)
            self.deps.notify("badge.failed", visit_id=visit_id)
        return printed, message

    def print_released_badges(self, place: Place) -> list[int]:
        """Print the badges of visitors reception released at this kiosk (setting kiosk.badge_at = "kiosk").

        A released visit is on site with a held screening outcome and no badge yet; a badge that failed
        to print is left for reception's reprint button rather than retried here.
        """
        with self.deps.uow.readonly() as uow:
            waiting = [
                v.id
                for v in uow.visits.with_status([VisitStatus.ON_SITE], place.site_id)
                if v.kiosk_id == place.kiosk_id
                and v.screening is ScreeningOutcome.ALERT
                and not v.badge_printed
                and not v.badge_error
            ]
        for visit_id in waiting:
            self.print_badge(visit_id)
        return waiting

    def reprint(self, actor: Actor, visit_id: int, printer: BadgePrinter | None = None) -> tuple[bool, str]:
        """Reception reprints a badge on a new token: the old badge no longer signs anyone out.

        A second badge with the same QR code could sign its holder out while the visitor is still on
        site (a lost badge found by someone else), so every reprint gets a token of its own.
        """
        require(actor, Action.FRONT_DESK)
        with self.deps.uow() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None or visit.status is not VisitStatus.ON_SITE:
                raise Conflict("Only a visitor who is on site can have a badge reprinted.")
            visit.badge_token = new_token()
            visit.badge_printed = False  # the new token's badge is printed below, or flagged
            uow.visits.update(visit)
            audit(uow, self.deps.clock.now(), actor, "badge reprinted", "visit", visit_id)
            uow.commit()
        return self.print_badge(visit_id, printer)

    def void_badge(self, actor: Actor, visit_id: int) -> Visit:
        """Reception voids a lost badge: its QR code stops working at once; the visitor stays signed in.

        The visit gets a new token that was never printed and is flagged "badge voided", so the on-site
        list shows that the visitor needs a new badge (reprint) or signing out by reception.
        """
        require(actor, Action.FRONT_DESK)
        with self.deps.uow() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None or visit.status is not VisitStatus.ON_SITE:
                raise Conflict("Only the badge of a visitor who is on site can be voided.")
            visit.badge_token = new_token()
            visit.badge_printed = False
            visit.badge_error = BADGE_VOIDED
            uow.visits.update(visit)
            audit(uow, self.deps.clock.now(), actor, "badge voided", "visit", visit_id)
            uow.commit()
        self.deps.notify("badge.voided", visit_id=visit_id, site_id=visit.site_id)
        return visit

    # ------------------------------------------------------------------ sign out

    def sign_out_by_token(self, token: str, place: Place | None = None) -> Visit:
        """Sign out by scanning the badge's QR code."""
        token = (token or "").strip()
        with self.deps.uow.readonly() as uow:
            visit = uow.visits.by_badge_token(token) if 0 < len(token) <= 64 else None
        if visit is None:
            raise NotFound("That badge was not recognised. Please ask at reception.")
        return self._sign_out(visit.id, Actor.kiosk(place.kiosk_name if place else "kiosk"))

    def sign_out(self, actor: Actor, visit_id: int) -> Visit:
        """Sign a visit out: from the kiosk's name list, or by reception."""
        if actor.source != "kiosk":
            require(actor, Action.FRONT_DESK)
        return self._sign_out(visit_id, actor)

    def _sign_out(self, visit_id: int, actor: Actor) -> Visit:
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None:
                raise NotFound("That visit no longer exists.")
            if visit.status is not VisitStatus.ON_SITE:
                raise Conflict("You are already signed out. Thank you for visiting.")
            visit.status = VisitStatus.SIGNED_OUT
            visit.signed_out_at = now
            uow.visits.update(visit)
            audit(uow, now, actor, "signed out", "visit", visit.id)
            uow.commit()
        self.deps.notify("visit.signed_out", visit_id=visit.id, site_id=visit.site_id)
        return visit

    # ------------------------------------------------------------------ lists

    def on_site(self, site_id: int | None = None) -> list[tuple[Visit, Person]]:
        """Everyone on site now, earliest first, with their person records (for reception).

        A visit from before the current school day (see ``school_day_start``) is never on site, even
        before the overnight close has run: nobody was running at the night cut-off, say.
        """
        day_start = self.school_day_start()
        with self.deps.uow.readonly() as uow:
            visits = uow.visits.with_status([VisitStatus.ON_SITE], site_id)
            return [(v, uow.people.get(v.person_id)) for v in visits if _aware(v.signed_in_at) >= day_start]

    def sign_out_choices(self, site_id: int) -> list[tuple[int, str, datetime]]:
        """What the kiosk's sign-out list may show: first name, surname initial and sign-in time only."""
        return [(v.id, p.short_name, v.signed_in_at) for v, p in self.on_site(site_id)]

    def held(self, site_id: int | None = None) -> list[Visit]:
        with self.deps.uow.readonly() as uow:
            return uow.visits.with_status([VisitStatus.HELD], site_id)

    def visits_between(
        self, start: datetime, end: datetime, site_id: int | None = None
    ) -> list[tuple[Visit, Person]]:
        with self.deps.uow.readonly() as uow:
            return [(v, uow.people.get(v.person_id)) for v in uow.visits.between(start, end, site_id)]

    # ------------------------------------------------------------------ end of day

    def school_day_start(self, now: datetime | None = None) -> datetime:
        """Local midnight of the current school day, in UTC: yesterday's until the night cut-off passes."""
        local = (now or self.deps.clock.now()).astimezone(self.deps.clock.zone)
        day = local.date()
        if local.time() < self.night_cutoff:
            day -= timedelta(days=1)
        return datetime.combine(day, time(0, 0), tzinfo=self.deps.clock.zone).astimezone(UTC)

    def end_of_day(self, actor: Actor, at: time, *, now: datetime | None = None) -> list[int]:
        """Close visits still open as "not signed out": after the school's end of day, and overnight.

        After ``at`` (school time), visits signed in before it are closed; someone who signed in after it
        (a parents' evening) stays on site until the night cut-off (``night_cutoff``, 03:00 by default),
        when every visit begun on an earlier day is closed. A visit begun after midnight stays. The job
        runs at every program's start, so a cut-off that passed while nothing ran is caught up then.
        """
        if actor.source not in ("system", "command line"):
            require(actor, Action.FRONT_DESK)
        now = now or self.deps.clock.now()
        local = now.astimezone(self.deps.clock.zone)
        cutoff_local = datetime.combine(local.date(), at, tzinfo=self.deps.clock.zone)
        if local < cutoff_local:
            cutoff_local -= timedelta(days=1)
        cutoff = max(cutoff_local.astimezone(UTC), self.school_day_start(now))
        closed: list[int] = []
        with self.deps.uow() as uow:
            for visit in uow.visits.open_before(cutoff):
                visit.status = VisitStatus.CLOSED
                visit.signed_out_at = None
                uow.visits.update(visit)
                closed.append(visit.id)
            if closed:
                audit(uow, now, actor, "closed at end of day (not signed out)", "visit", *closed)
            uow.commit()
        if closed:
            self.deps.notify("visits.closed", visit_ids=closed)
        return closed


def _aware(when: datetime) -> datetime:
    """A stored time as timezone-aware UTC (SQLite hands back naive UTC)."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
