"""Signing in and out: screen the name, complete the details, print the badge, sign out, end of day."""

from __future__ import annotations

import logging
import secrets
import threading
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta, tzinfo

from kiosk.domain.documents import BadgeContent
from kiosk.domain.errors import Conflict, DatabaseUnavailable, InvalidInput, NotFound, PrintFailed
from kiosk.domain.events import Change
from kiosk.domain.expected import DoorCheck, ExpectedArrival, ExpectedVisit
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
from kiosk.domain.pupils import CollectionHold, CollectionVerdict
from kiosk.services.clearance import door_check_for
from kiosk.services.common import Deps, audit, clean_name, clean_text, school_day_start, stored_id
from kiosk.services.expected import ArrivalNotice, arrival_of, find_booking, mark_arrived, notify_arrival
from kiosk.services.policy import in_language
from kiosk.services.ports import BadgePrinter, UnitOfWork
from kiosk.services.pupils import CollectionDesk
from kiosk.services.screening import ActiveBanList, BanMatch

log = logging.getLogger(__name__)

PHONE_PROOF_DIGITS = 3
# Recording a badge's printing: a short wait for SQLite's write lock, a few quick tries, then in the background.
RECORD_BUSY_MS = 500
RECORD_TRIES = 2
RECORD_BACKGROUND_S = 300.0
# A badge asked for this long ago whose printing was never recorded: its kiosk died; reception is told.
PENDING_BADGE_STALE = timedelta(minutes=2)
BADGE_FROM_RECEPTION = "The badge was not printed: please give the visitor a badge at reception."
KIOSK_STOPPED = (
    "The kiosk stopped before the badge was printed: please give the visitor a badge at reception."
)


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
    # A booking for this name today (kiosk.services.expected): the kiosk shows it back only to a proven visitor.
    expected: ExpectedArrival | None = None
    # Screened against an offline kiosk's local copy of the bans (kiosk.services.offline): its sign-in is
    # queued and screened again centrally when the database returns.
    offline: bool = False


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
    # A printer that has not finished within this many seconds is given up (printing.timeout_s); the
    # printer adapter bounds its own waits too, this is the last line for a driver that hangs.
    print_timeout_s: float = 5.0
    # The trust's console (school.trust_office): held visitors include those held on the trust's bans at
    # every school (its database role reads them); a school's console calls only for its own.
    trust_office: bool = False
    # Pupils and who may collect them (kiosk.services.pupils): a collector is checked against the child's
    # list once the school has pupils on its roll; None (or no pupils) and collectors sign in as before.
    collections: CollectionDesk | None = None
    _later: list[tuple[int, bool, str, float]] = field(default_factory=list, repr=False)
    _later_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _later_thread: threading.Thread | None = field(default=None, repr=False)

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
        journey_key: str | None = None,
    ) -> ScreenResult:
        """Screen the name as soon as it is given. An alert-band match records a held visit and its alerts at once.

        ``person_id`` is set only when the visitor has proved who they are; only then do matches that
        reception dismissed for that person ("not the same person") stop holding them.

        ``journey_key`` (an offline kiosk's queued journey, kiosk.services.offline) is kept on a held
        visit: screening the same journey again returns the visit already made, never a second hold.
        """
        first = clean_name(first_name, "first name")
        last = clean_name(last_name, "surname")
        person_type = PersonType(person_type)
        key = (journey_key or "").strip()[:64] or None
        if key is not None:
            again = self._made_by(key)
            if again is not None:
                made, _person = again
                log.info("screening retried for journey %s: visit %s already recorded", key[:8], made.id)
                return ScreenResult(
                    held=made.status is VisitStatus.HELD,
                    visit_id=made.id if made.status is VisitStatus.HELD else None,
                    first_name=first,
                    last_name=last,
                    person_type=person_type,
                    needs_acknowledgement=False,
                )
        now = self.deps.clock.now()
        # One transaction reads everything a clear visitor's screening needs, the ban list's revision with
        # it (the screener's index is in memory and rebuilt only when that changes). It only reads: no write
        # lock, so a clear visitor never queues behind, nor holds up, the other kiosks' sign-ins (SQLite's one
        # writer), with the same fail-closed checks a write makes (a replaced database, a ban list that
        # vanished). A possible hold writes its visit and alerts in a transaction of its own below.
        with self.deps.uow.readonly(checked=True) as uow:
            revision = uow.bans.revision()
            dismissed_ban_ids = set()
            if person_id is not None:
                dismissed_ban_ids = {
                    d.ban_id for d in uow.dismissals.for_person(person_id) if d.in_force(now)
                }
            needs_ack = self._needs_acknowledgement(uow, person_id)
            booking = find_booking(uow, first, last, place.site_id, self.deps.clock.today())
            previous = self._previous_details(uow, person_id)
        # Screen the name as typed, not as tidied: tidying turns a thin space inside a name into a
        # word break, which would hide the name from the screener that sees through the disguise.
        # No connection is held meanwhile.
        matches = self.bans.screen(
            f"{first_name.strip()} {last_name.strip()}", place.site_id, revision=revision
        )
        alert = [m for m in matches if m.band == "alert" and m.ban.id not in dismissed_ban_ids]
        dismissed = tuple(m for m in matches if m.band == "alert" and m.ban.id in dismissed_ban_ids)
        review = tuple(m for m in matches if m.band == "review" and m.ban.id not in dismissed_ban_ids)
        if not alert:
            return ScreenResult(
                expected=arrival_of(booking) if booking is not None else None,
                previous=previous,
                held=False,
                first_name=first,
                last_name=last,
                person_type=person_type,
                person_id=person_id,
                review=review,
                dismissed=dismissed,
                needs_acknowledgement=needs_ack,
            )
        with self.deps.uow() as uow:
            person = uow.people.get(person_id) if person_id is not None else None
            if person is None:
                person = uow.people.add(Person(None, first, last, person_type, created_at=now))
            visit = uow.visits.add(
                Visit(
                    id=None,
                    person_id=stored_id(person),
                    site_id=place.site_id,
                    kiosk_id=place.kiosk_id,
                    status=VisitStatus.HELD,
                    screening=ScreeningOutcome.ALERT,
                    name_as_typed=f"{first} {last}",
                    person_type=person_type,
                    signed_in_at=now,
                    journey_key=key,
                )
            )
            alert_ids = [stored_id(self._add_alert(uow, visit, m, now)) for m in (*alert, *review)]
            actor = Actor.kiosk(place.kiosk_name or "console")
            audit(uow, now, actor, "visit held for reception", "visit", stored_id(visit), *alert_ids)
            # A held visitor's journey looks like anyone's, a proven expected one's included (reception has
            # the alert; the booking stays open and the host is not told).
            if person_id is None:
                booking = None
            uow.commit()
        self.deps.notify(
            "alert.raised",
            visit_id=visit.id,
            alert_ids=alert_ids,
            site_id=place.site_id,
            kiosk_id=place.kiosk_id,
            # A trust ban (or one for several schools): the alert reaches the trust's lead too.
            trust_ban=any(m.ban.scope.is_trusts for m in alert),
        )
        return ScreenResult(
            held=True,
            visit_id=visit.id,
            first_name=first,
            last_name=last,
            person_type=person_type,
            expected=arrival_of(booking) if booking is not None else None,
        )

    def record_hold(
        self,
        first_name: str,
        last_name: str,
        person_type: PersonType,
        place: Place,
        journey_key: str,
        reason: str,
    ) -> int:
        """A visitor an offline kiosk held (its copy of the bans matched, or was too old) whom screening
        here does not hold: the held visit is recorded anyway, for reception to close. Once per journey."""
        key = journey_key.strip()[:64]
        again = self._made_by(key)
        if again is not None:
            return stored_id(again[0])
        first = clean_name(first_name, "first name")
        last = clean_name(last_name, "surname")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            person = uow.people.add(Person(None, first, last, PersonType(person_type), created_at=now))
            visit = uow.visits.add(
                Visit(
                    id=None,
                    person_id=stored_id(person),
                    site_id=place.site_id,
                    kiosk_id=place.kiosk_id,
                    status=VisitStatus.HELD,
                    screening=ScreeningOutcome.ALERT,
                    name_as_typed=f"{first} {last}",
                    person_type=PersonType(person_type),
                    signed_in_at=now,
                    journey_key=key,
                )
            )
            actor = Actor.kiosk(place.kiosk_name or "kiosk")
            audit(uow, now, actor, "visit held for reception", "visit", stored_id(visit), detail=reason)
            uow.commit()
        self.deps.notify("visit.updated", visit_id=visit.id, site_id=place.site_id)
        return stored_id(visit)

    @staticmethod
    def _add_alert(uow: UnitOfWork, visit: Visit, m: BanMatch, now: datetime) -> Alert:
        return uow.alerts.add(
            Alert(
                id=None,
                visit_id=stored_id(visit),
                ban_id=stored_id(m.ban),
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

    def current_policy(self, language: str = "en") -> PolicyVersion | None:
        """The version in force, in ``language`` where the school published a translation, else in English."""
        with self.deps.uow.readonly() as uow:
            policy = uow.policies.current()
            if policy is None or language == "en":
                return policy
            return in_language(policy, uow.policies.translation(stored_id(policy), language))

    @staticmethod
    def _read_in(
        uow: UnitOfWork, policy: PolicyVersion, language: str, shown_sha256: str | None
    ) -> tuple[str, str]:
        """The language and text hash an acknowledgement records: what the kiosk showed, never a guess.

        The kiosk says which text it showed (its hash); a translation published while the visitor read
        the English does not make them agree to words they never saw.
        """
        if language != "en":
            translation = uow.policies.translation(stored_id(policy), language)
            if translation is not None and shown_sha256 in (None, translation.sha256):
                return translation.language, translation.sha256
        if shown_sha256 not in (None, policy.sha256):
            raise InvalidInput("The Code of Conduct changed while you were reading it. Please read it again.")
        return "en", policy.sha256

    @staticmethod
    def _needs_acknowledgement(uow: UnitOfWork, person_id: int | None) -> bool:
        policy = uow.policies.current()
        if policy is None:
            return False
        if person_id is None:
            return True
        return uow.policies.acknowledgement(person_id, stored_id(policy)) is None

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
        journey_key: str | None = None,
        policy_language: str = "en",
        policy_text_sha256: str | None = None,
        print_later: bool = False,
        badge_token: str | None = None,
        collection_password: str = "",
    ) -> SignInResult:
        """Record the sign-in in ONE transaction (person, acknowledgement, visit, badge token and badge state
        "pending"), then print the badge and record how that went.

        ``print_later`` returns once the visit is recorded, its badge still "pending": the caller prints it
        with :meth:`print_badge` (the kiosk does, after showing the visitor they are signed in).

        Exactly once: ``journey_key`` is made by the kiosk for one visitor's journey; a retry with the same
        key (after an error, a dropped connection at commit, a double tap) returns the visit already made,
        never a second one. Printing comes after the commit and cannot fail the sign-in: its outcome is
        written with a short lock wait and retried in the background, and a kiosk that died meanwhile
        leaves the badge "pending", which :meth:`resolve_unfinished` turns into "not printed" for reception.

        ``badge_token`` is the token of a badge already printed (by an offline kiosk, replaying its queue):
        the visit keeps it, so that badge signs its visitor out.

        A collector not on the child's list (or with the wrong family password, or for a child the list does
        not have, or named in a court order) is recorded as a held visit instead, with no badge: the result's
        visit is "held" and the kiosk shows the same neutral waiting screen a ban's hold shows.
        """
        if screened.held:
            raise Conflict("This visitor is waiting for reception and cannot complete sign-in at the kiosk.")
        d = self._clean_details(details, screened.person_type)
        key = (journey_key or "").strip()[:64] or None
        if key is not None:
            again = self._made_by(key)
            if again is not None:
                log.info("sign-in retried for journey %s: visit %s already recorded", key[:8], again[0].id)
                return self._result_of(*again)
        if screened.person_type is PersonType.COLLECTOR and self.collections is not None:
            if self.collections.in_use():
                at_door_verdict = self.collections.verdict(
                    f"{screened.first_name} {screened.last_name}", d.child_name, collection_password
                )
            else:
                at_door_verdict = None
        else:
            at_door_verdict = None
        now = self.deps.clock.now()
        at_door = _AtDoor(verdict=at_door_verdict)
        try:
            visit, person, review_ids = self._record_sign_in(
                screened,
                d,
                place,
                now,
                acknowledged_policy_id,
                signature_png,
                print_badge,
                key,
                (policy_language, policy_text_sha256),
                at_door,
                badge_token=badge_token,
            )
        except DatabaseUnavailable:
            # The connection may have dropped after the COMMIT reached the server: look before failing.
            if key is None:
                raise
            again = self._made_by(key, quietly=True)
            if again is None:
                raise
            log.warning("sign-in of journey %s committed although the database reported an error", key[:8])
            visit, person = again
            review_ids = []
        if visit.status is VisitStatus.HELD:
            self.deps.notify(
                Change.ALERT_RAISED,
                visit_id=visit.id,
                alert_ids=review_ids,
                site_id=place.site_id,
                kiosk_id=place.kiosk_id,
            )
            return self._result_of(visit, person)
        self.deps.notify(
            "visit.signed_in", visit_id=visit.id, site_id=place.site_id, review_alert_ids=review_ids
        )
        if at_door.arrival is not None:
            notify_arrival(self.deps, at_door.arrival)
        if at_door.check is not None and at_door.check.needs_review:
            self.deps.notify(
                Change.CLEARANCE_REVIEW,
                visit_id=visit.id,
                site_id=place.site_id,
                reasons=list(at_door.check.reasons),
            )
        if not print_badge or visit.badge_state != "pending" or print_later:
            return self._result_of(visit, person)
        printed, message = self._print(self._badge_of(visit, person, at_door.check), visit_id=visit.id)
        self._record_badge(stored_id(visit), printed, message)
        visit = replace(
            visit,
            badge_printed=printed,
            badge_error="" if printed else message,
            badge_state="printed" if printed else "failed",
        )
        return SignInResult(visit, person, badge_printed=printed, badge_message=message)

    def _record_sign_in(
        self,
        screened: ScreenResult,
        d: VisitDetails,
        place: Place,
        now: datetime,
        acknowledged_policy_id: int | None,
        signature_png: bytes | None,
        print_badge: bool,
        key: str | None,
        read: tuple[str, str | None] = ("en", None),  # the language and text hash the visitor read
        at_door: _AtDoor | None = None,
        *,
        badge_token: str | None = None,
    ) -> tuple[Visit, Person, list[int]]:
        policy_language, policy_text_sha256 = read
        with self.deps.uow() as uow:
            policy = uow.policies.current()
            person = uow.people.get(screened.person_id) if screened.person_id is not None else None
            known = person is not None  # a person made just now has agreed to nothing yet
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
                existing = (
                    uow.policies.acknowledgement(stored_id(person), stored_id(policy)) if known else None
                )
                if existing is None:
                    if acknowledged_policy_id != policy.id:
                        raise InvalidInput(
                            "The Code of Conduct must be read and agreed to before signing in."
                        )
                    uow.policies.add_acknowledgement(
                        Acknowledgement(
                            None,
                            stored_id(person),
                            stored_id(policy),
                            policy.sha256,
                            now,
                            place.kiosk_id,
                            signature_png,
                            *self._read_in(uow, policy, policy_language, policy_text_sha256),
                        )
                    )
                ack_version = policy.id
            outcome = ScreeningOutcome.CLEAR
            if screened.dismissed:
                outcome = ScreeningOutcome.DISMISSED
            elif screened.review:
                outcome = ScreeningOutcome.REVIEW
            verdict = at_door.verdict if at_door is not None else None
            held = verdict is not None and verdict.holds
            if held:
                outcome = ScreeningOutcome.ALERT  # released, its badge prints where held badges print
            visit = uow.visits.add(
                Visit(
                    id=None,
                    person_id=stored_id(person),
                    site_id=place.site_id,
                    kiosk_id=place.kiosk_id,
                    status=VisitStatus.HELD if held else VisitStatus.ON_SITE,
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
                    badge_token="" if held else ((badge_token or "").strip()[:64] or new_token()),
                    policy_version_id=ack_version,
                    journey_key=key,
                    badge_state="pending" if print_badge and not held else "",
                )
            )
            review_ids = [stored_id(self._add_alert(uow, visit, m, now)) for m in screened.review]
            kiosk_actor = Actor.kiosk(place.kiosk_name or "console")
            if held and verdict is not None:
                hold = uow.pupils.add_hold(
                    CollectionHold(
                        id=None,
                        visit_id=stored_id(visit),
                        outcome=verdict.outcome,
                        child_name=d.child_name,
                        raised_at=now,
                        pupil_id=verdict.pupil_id,
                        restriction_ids=verdict.restriction_ids,
                    )
                )
                audit(
                    uow,
                    now,
                    kiosk_actor,
                    "collector held for reception",
                    "visit",
                    stored_id(visit),
                    stored_id(person),
                    detail=f"collection hold {hold.id}",
                )
                uow.commit()
                return visit, person, review_ids
            if verdict is not None:
                audit(
                    uow,
                    now,
                    kiosk_actor,
                    "authorised collector",
                    "visit",
                    stored_id(visit),
                    detail=f"pupil {verdict.pupil_id}",
                )
            booking = None
            if at_door is not None:
                # Read before the audit row: its chain's lock (held to the commit) then waits for no read.
                booking = self._look_at_door(uow, at_door, visit, person, place)
            audit(uow, now, kiosk_actor, "signed in", "visit", stored_id(visit), stored_id(person))
            if at_door is not None:
                self._check_at_door(uow, at_door, booking, visit, kiosk_actor, now)
            uow.commit()
        return visit, person, review_ids

    def _look_at_door(
        self, uow: UnitOfWork, at_door: _AtDoor, visit: Visit, person: Person, place: Place
    ) -> ExpectedVisit | None:
        """In the sign-in's transaction: today's booking for this name, and the central record's check."""
        today = self.deps.clock.today()
        booking = find_booking(uow, person.first_name, person.last_name, place.site_id, today)
        at_door.check = door_check_for(
            uow, person.first_name, person.last_name, visit.person_type, visit.organisation, today
        )
        return booking

    def _check_at_door(
        self,
        uow: UnitOfWork,
        at_door: _AtDoor,
        booking: ExpectedVisit | None,
        visit: Visit,
        actor: Actor,
        now: datetime,
    ) -> None:
        """In the sign-in's transaction, after its audit row: fulfil the booking, record a check wanting."""
        if booking is not None:
            at_door.arrival = mark_arrived(uow, booking, stored_id(visit), actor, now)
        if at_door.check is not None and at_door.check.needs_review:
            audit(
                uow,
                now,
                actor,
                "signed in without a valid check",
                "visit",
                stored_id(visit),
                detail="; ".join(at_door.check.reasons),
            )

    def _made_by(self, key: str, *, quietly: bool = False) -> tuple[Visit, Person] | None:
        """The visit a journey already made, with its person; ``quietly``: None when the database cannot say."""
        tries = 3 if quietly else 1
        for attempt in range(tries):
            try:
                with self.deps.uow.readonly() as uow:
                    visit = uow.visits.by_journey_key(key)
                    person = uow.people.get(visit.person_id) if visit is not None else None
                    if visit is None or person is None:
                        return None
                    return visit, person
            except DatabaseUnavailable:
                if attempt == tries - 1:
                    if quietly:
                        return None
                    raise
                _time.sleep(0.2 * (attempt + 1))
        return None

    @staticmethod
    def _result_of(visit: Visit, person: Person) -> SignInResult:
        printed = visit.badge_printed
        message = ""
        if not printed and visit.badge_state:
            message = visit.badge_error or "Your badge will be handed to you at reception."
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

    def badge_content(self, actor: Actor, visit_id: int) -> BadgeContent:
        """What a visit's badge shows (the visitor's name, host, pass code): for reception."""
        require(actor, Action.FRONT_DESK)
        return self._badge_content(visit_id)

    def _badge_content(self, visit_id: int) -> BadgeContent:
        with self.deps.uow.readonly() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None:
                raise NotFound("That visit no longer exists.")
            person = uow.people.get(visit.person_id)
            first, last = (person.first_name, person.last_name) if person else (visit.name_as_typed, "")
            check = door_check_for(
                uow, first, last, visit.person_type, visit.organisation, self.deps.clock.today()
            )
        return self._badge_of(visit, person, check)

    def _badge_of(self, visit: Visit, person: Person | None, check: DoorCheck | None = None) -> BadgeContent:
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
            clearance=check.state.value if check is not None else "",
        )

    def print_badge(self, visit_id: int, printer: BadgePrinter | None = None) -> tuple[bool, str]:
        """Print a visit's badge and record whether it printed. Never raises for a printer fault."""
        printed, message = self._print(self._badge_content(visit_id), printer, visit_id)
        self._record_badge(visit_id, printed, message)
        return printed, message

    def _print(
        self, badge: BadgeContent, printer: BadgePrinter | None = None, visit_id: int | None = None
    ) -> tuple[bool, str]:
        """Send the badge to the printer, giving up after print_timeout_s. Never raises.

        A printer that answers after the visitor was told to ask at reception still has its badge
        recorded as printed (``visit_id``), so reception sees it came out.
        """
        target = printer or self.printer
        outcome: list[tuple[bool, str]] = []
        given_up = threading.Event()

        def run() -> None:
            try:
                target.print_badge(badge)
                outcome.append((True, ""))
            except PrintFailed as exc:
                outcome.append((False, str(exc)))
            except Exception as exc:  # noqa: BLE001 - a broken driver must not lose the sign-in
                log.exception("badge printer failed")
                outcome.append((False, f"The badge printer failed ({type(exc).__name__})."))
            if given_up.is_set() and outcome[0][0] and visit_id is not None:
                log.warning("badge for visit %s printed after the kiosk had given up on it", visit_id)
                try:
                    self._write_badge_state(visit_id, True, "")
                except DatabaseUnavailable as exc:
                    log.warning("late badge of visit %s not recorded: %s", visit_id, exc)

        worker = threading.Thread(target=run, name="badge-print", daemon=True)
        worker.start()
        worker.join(self.print_timeout_s)
        given_up.set()
        if not outcome:
            log.error("badge printer did not answer within %.1f s; given up", self.print_timeout_s)
            return False, (
                f"The badge printer did not answer within {self.print_timeout_s:g} seconds. "
                "Your badge will be handed to you at reception."
            )
        return outcome[0]

    def _record_badge(self, visit_id: int, printed: bool, message: str) -> bool:
        """Write the badge's outcome: quick tries, then a background retry; never raises."""
        recorded = False
        for attempt in range(RECORD_TRIES):
            try:
                self._write_badge_state(visit_id, printed, message)
                recorded = True
                break
            except DatabaseUnavailable as exc:
                log.warning("badge outcome of visit %s not recorded yet (%s); retrying", visit_id, exc)
                if attempt < RECORD_TRIES - 1:
                    _time.sleep(0.1 * (attempt + 1))
        if not recorded:
            self._retry_later(visit_id, printed, message)
        if not printed:
            log.warning("badge for visit %s not printed: %s", visit_id, message)
            try:
                self.deps.notify("badge.failed", visit_id=visit_id)
            except Exception:  # noqa: BLE001 - telling reception must not fail the sign-in
                log.exception("could not tell reception that badge %s did not print", visit_id)
        return recorded

    def _write_badge_state(self, visit_id: int, printed: bool, message: str) -> None:
        # A bulk write: committed without waiting for the disk, so the write lock the other kiosks wait
        # for is not held through a second fsync per sign-in. A power cut may lose it (never a crash);
        # the badge then reads "pending", which resolve_unfinished turns into "not printed" for reception.
        with self.deps.uow(busy_timeout_ms=RECORD_BUSY_MS, bulk=True) as uow:
            visit = uow.visits.get(visit_id)
            if visit is None:
                return
            visit.badge_printed = visit.badge_printed or printed
            visit.badge_error = "" if visit.badge_printed else message
            visit.badge_state = "printed" if visit.badge_printed else "failed"
            uow.visits.update(visit)
            uow.commit()

    def _retry_later(self, visit_id: int, printed: bool, message: str) -> None:
        with self._later_lock:
            self._later.append((visit_id, printed, message, _time.monotonic() + RECORD_BACKGROUND_S))
            if self._later_thread is None or not self._later_thread.is_alive():
                self._later_thread = threading.Thread(
                    target=self._drain_later, name="badge-outcome", daemon=True
                )
                self._later_thread.start()

    def _drain_later(self) -> None:
        while True:
            _time.sleep(0.5)
            with self._later_lock:
                if not self._later:
                    self._later_thread = None
                    return
                pending = list(self._later)
            for item in pending:
                visit_id, printed, message, give_up = item
                try:
                    self._write_badge_state(visit_id, printed, message)
                    done = True
                except DatabaseUnavailable:
                    done = _time.monotonic() > give_up
                    if done:
                        log.error("badge outcome of visit %s could not be recorded; left pending", visit_id)
                if done:
                    with self._later_lock:
                        self._later.remove(item)

    def resolve_unfinished(self, place: Place | None = None, *, stale: timedelta | None = None) -> list[int]:
        """Badges a kiosk asked for but never recorded (it died while printing): "not printed", reception told.

        With ``place``: this kiosk's own unfinished journeys (run as the kiosk starts, before any new one).
        Without: any kiosk's, once ``stale`` (default two minutes) old (housekeeping, for a kiosk that
        never came back).
        """
        before = None
        if place is None:
            before = self.deps.clock.now() - (stale or PENDING_BADGE_STALE)
        kiosk_id = place.kiosk_id if place is not None else None
        if place is not None and kiosk_id is None:
            return []
        resolved: list[int] = []
        with self.deps.uow() as uow:
            for visit in uow.visits.badge_pending(kiosk_id, before):
                visit.badge_state = "failed"
                visit.badge_error = KIOSK_STOPPED
                uow.visits.update(visit)
                resolved.append(stored_id(visit))
            if resolved:
                audit(
                    uow,
                    self.deps.clock.now(),
                    Actor.system() if place is None else Actor.kiosk(place.kiosk_name or "kiosk"),
                    "badge not printed (kiosk stopped)",
                    "visit",
                    *resolved,
                )
            uow.commit()
        for visit_id in resolved:
            log.warning("visit %s: the kiosk stopped before its badge printed; reception told", visit_id)
            self.deps.notify("badge.failed", visit_id=visit_id)
        return resolved

    def print_released_badges(self, place: Place) -> list[int]:
        """Print the badges of visitors reception released at this kiosk (setting kiosk.badge_at = "kiosk").

        A released visit is on site with a held screening outcome and no badge yet; a badge that failed
        to print is left for reception's reprint button rather than retried here.
        """
        with self.deps.uow.readonly() as uow:
            waiting = [
                stored_id(v)
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
        return self._sign_out(stored_id(visit), Actor.kiosk(place.kiosk_name if place else "kiosk"))

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
            audit(uow, now, actor, "signed out", "visit", stored_id(visit))
            uow.commit()
        self.deps.notify("visit.signed_out", visit_id=visit.id, site_id=visit.site_id)
        return visit

    # ------------------------------------------------------------------ lists

    def on_site(self, actor: Actor, site_id: int | None = None) -> list[tuple[Visit, Person]]:
        """Everyone on site now, earliest first, with their person records (for reception).

        A visit from before the current school day (see ``school_day_start``) is never on site, even
        before the overnight close has run: nobody was running at the night cut-off, say.
        """
        require(actor, Action.FRONT_DESK)
        return self._on_site(site_id)

    def _on_site(self, site_id: int | None) -> list[tuple[Visit, Person]]:
        with self.deps.uow.readonly() as uow:  # one joined query, not one per visit for its person
            return uow.visits.on_site_since(self.school_day_start(), site_id)

    def note_held_details(self, visit_id: int, details: VisitDetails, place: Place) -> None:
        """A held visitor finished the same steps as anyone: keep what they gave on the held visit for reception.

        Only a visit still held is changed; nothing is printed and the hold stays.
        """
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            visit = uow.visits.get(visit_id)
            if visit is None or visit.status is not VisitStatus.HELD:
                return
            d = self._clean_details(details, PersonType.VISITOR)
            for name in (
                "host",
                "purpose",
                "organisation",
                "car_registration",
                "child_name",
                "child_class",
                "relationship",
            ):
                setattr(visit, name, getattr(d, name) or getattr(visit, name))
            uow.visits.update(visit)
            audit(
                uow,
                now,
                Actor.kiosk(place.kiosk_name or "kiosk"),
                "held visitor's details noted",
                "visit",
                stored_id(visit),
            )
            uow.commit()
        self.deps.notify("visit.updated", visit_id=visit_id, site_id=place.site_id)

    def open_visit_of(self, person_id: int, site_id: int | None = None) -> Visit | None:
        """The person's visit that is on site now, if any (one person, one visit)."""
        with self.deps.uow.readonly() as uow:
            visits = [v for v in uow.visits.for_person(person_id) if v.status is VisitStatus.ON_SITE]
        if site_id is not None:
            visits = [v for v in visits if v.site_id == site_id] or visits
        return visits[-1] if visits else None

    def returning_record(self, person_id: int) -> tuple[VisitDetails | None, bool]:
        """A proven person's details from their last visit, and whether they must read the whole Code.

        The kiosk uses it for a proven visitor whom screening holds, so that they see exactly what any
        returning visitor sees.
        """
        with self.deps.uow.readonly() as uow:
            return self._previous_details(uow, person_id), self._needs_acknowledgement(uow, person_id)

    def sign_out_matches(
        self, site_id: int, first_name: str, last_name: str
    ) -> list[tuple[int, str, datetime]]:
        """On-site visits of people with exactly this name (first name, surname initial and time only).

        The kiosk's sign-out by name: a visitor finds their own name, never a list of who is on site.
        """
        first, last = (first_name or "").strip(), (last_name or "").strip()
        if not first or not last:
            return []
        with self.deps.uow.readonly() as uow:
            people = {p.id: p for p in uow.people.by_exact_name(first, last) if p.id is not None}
            visits = [
                v
                for pid in people
                for v in uow.visits.for_person(pid)
                if v.status is VisitStatus.ON_SITE and v.site_id == site_id
            ]
        visits.sort(key=lambda v: v.signed_in_at)
        return [(v.id, people[v.person_id].short_name, v.signed_in_at) for v in visits if v.id is not None]

    def sign_out_choices(self, site_id: int) -> list[tuple[int, str, datetime]]:
        """What the kiosk's sign-out list may show: first name, surname initial and sign-in time only."""
        return [(stored_id(v), p.short_name, v.signed_in_at) for v, p in self._on_site(site_id)]

    def held_visit_ids(self) -> list[int]:
        """Ids of the visits waiting for this school's reception (no names), for the console's "someone is
        waiting" call; at the trust's console also those held on the trust's bans at any school."""
        with self.deps.uow.readonly() as uow:
            return uow.visits.held_ids(trust_bans_everywhere=self.trust_office)

    def held(self, actor: Actor, site_id: int | None = None) -> list[Visit]:
        """Visits held for a possible ban match, waiting for reception."""
        require(actor, Action.HANDLE_ALERT)
        with self.deps.uow.readonly() as uow:
            return uow.visits.with_status([VisitStatus.HELD], site_id)

    def visits_between(
        self, actor: Actor, start: datetime, end: datetime, site_id: int | None = None
    ) -> list[tuple[Visit, Person]]:
        """The visit log: visits signed in from ``start`` to before ``end``, with their people."""
        return list(self.iter_visits_between(actor, start, end, site_id))

    def iter_visits_between(
        self, actor: Actor, start: datetime, end: datetime, site_id: int | None = None
    ) -> Iterator[tuple[Visit, Person]]:
        """The visit log as a stream (for exports): one joined query read in batches, oldest first.

        The role is checked at once; the rows are read while the caller iterates, in one read transaction.
        """
        require(actor, Action.FRONT_DESK)

        def rows() -> Iterator[tuple[Visit, Person]]:
            with self.deps.uow.readonly() as uow:
                yield from uow.visits.stream_between(start, end, site_id)

        return rows()

    def iter_visit_export(
        self, actor: Actor, start: datetime, end: datetime, site_id: int | None = None
    ) -> Iterator[list[object]]:
        """`kiosk visits export`'s rows (``VISIT_EXPORT_COLUMNS``), times in school time, as a stream.

        The role is checked at once; the rows are read while the caller iterates, in one read transaction,
        by one query of only the file's columns (``VisitRepository.export_between``): no visit or person
        objects are built for rows that are only written out.
        """
        require(actor, Action.FRONT_DESK)
        local = LocalMinutes(self.deps.clock.zone)

        def rows() -> Iterator[list[object]]:
            with self.deps.uow.readonly() as uow:
                for r in uow.visits.export_between(start, end, site_id, minutes=local):
                    yield [*r[:2], r[2] or "", *r[3:12], "yes" if r[12] else "no"]

        return rows()

    def record_export(self, actor: Actor, visit_ids: list[int], detail: str) -> None:
        """Audit an export of the visit log (console or command line), before its file is written."""
        require(actor, Action.FRONT_DESK)
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "visits exported",
                "visit",
                *visit_ids[:1000],
                detail=detail,
            )
            uow.commit()

    # ------------------------------------------------------------------ end of day

    def school_day_start(self, now: datetime | None = None) -> datetime:
        """Local midnight of the current school day, in UTC: yesterday's until the night cut-off passes."""
        return school_day_start(now or self.deps.clock.now(), self.deps.clock.zone, self.night_cutoff)

    def end_of_day(self, actor: Actor, at: time, *, now: datetime | None = None) -> list[int]:
        """Close visits still open as "not signed out": after the school's end of day, and overnight.

        After ``at`` (school time), visits signed in before it are closed; someone who signed in after it
        (a parents' evening) stays on site until the night cut-off (``night_cutoff``, 03:00 by default),
        when every visit begun on an earlier day is closed. A visit begun after midnight stays. The job
        runs at every program's start, so a cut-off that passed while nothing ran is caught up then.
        """
        require(actor, Action.END_OF_DAY)
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
                closed.append(stored_id(visit))
            if closed:
                audit(uow, now, actor, "closed at end of day (not signed out)", "visit", *closed)
            uow.commit()
        if closed:
            self.deps.notify("visits.closed", visit_ids=closed)
        return closed


@dataclass
class _AtDoor:
    """What the sign-in's transaction learnt at the door: the booking it fulfilled, the central record's word."""

    arrival: ArrivalNotice | None = None
    check: DoorCheck | None = None
    verdict: CollectionVerdict | None = None  # a collector's check against the child's list


VISIT_EXPORT_COLUMNS = (
    "visit_id",
    "signed_in",
    "signed_out",
    "first_name",
    "last_name",
    "type",
    "organisation",
    "host",
    "purpose",
    "child",
    "status",
    "screening",
    "badge_printed",
)


# The columns of VISIT_EXPORT_COLUMNS that hold text a person typed: the only ones a spreadsheet could
# read as a formula (the others are numbers, times and the program's own words).
VISIT_EXPORT_TEXT_COLUMNS = (3, 4, 6, 7, 8, 9)
_LAST_OF_HOUR = timedelta(minutes=59, seconds=59, microseconds=999_999)


class LocalMinutes:
    """UTC times as school time to the minute ("2026-09-01 08:45"), for exports of many rows.

    The school's offset from UTC changes only on the hour where it is a whole number of hours (every UK
    and most other zones), so the local text up to the hour is worked out once per UTC hour and the
    minutes are added to it: a year's export asks the zone rules about 9,000 times, not 100,000. Where
    the offset is not whole hours (e.g. Asia/Kolkata), each time is converted on its own.
    """

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._hours: dict[int, str | None] = {}
        self._text_hours: dict[str, str | None] = {}

    def utc_text(self, text: str) -> str:
        """A UTC time written "YYYY-MM-DD HH:MM[:SS[.ffffff]]" (as SQLite holds it; a time written with
        its zone is read as that instant) in school time, as ``__call__`` gives it, without making a
        datetime once its hour is known: the export reads a year of them."""
        n = len(text)  # "…HH:MM", "…HH:MM:SS" or "…HH:MM:SS.ffffff": no zone written after it
        if (n == 16 or n == 19 or (n == 26 and text[19] == ".")) and text[13] == ":":
            head = self._text_hours.get(text[:13], "")
            if head == "":
                hour = datetime.fromisoformat(text[:13] + ":00").replace(tzinfo=UTC)
                head = self._text_hours[text[:13]] = self._hour_head(hour)
            if head is not None:
                return head + text[14:16]
        t = datetime.fromisoformat(text)
        return self(t.replace(tzinfo=UTC) if t.tzinfo is None else t)

    def __call__(self, t: datetime) -> str:
        """``t`` (aware) in school time, as "YYYY-MM-DD HH:MM"."""
        t = t.astimezone(UTC) if t.utcoffset() else t
        key = t.toordinal() * 24 + t.hour
        head = self._hours.get(key, "")
        if head == "":
            head = self._hours[key] = self._hour_head(t.replace(minute=0, second=0, microsecond=0))
        if head is None:  # this hour's offset is not whole hours
            return self._full(t)
        return f"{head}{t.minute:02d}"

    def _hour_head(self, hour: datetime) -> str | None:
        """The local text up to the minutes of the UTC hour starting at ``hour`` ("2026-09-01 08:"), or None
        where the clocks change inside it or the offset is not whole hours: the same offset at the hour's
        first and last instant means every minute of it is this local hour's (the arithmetic is on UTC)."""
        first, last = hour.astimezone(self.zone), (hour + _LAST_OF_HOUR).astimezone(self.zone)
        offset = first.utcoffset()
        whole = offset is not None and offset == last.utcoffset() and offset.total_seconds() % 3600 == 0
        return f"{first.year:04d}-{first.month:02d}-{first.day:02d} {first.hour:02d}:" if whole else None

    def _full(self, t: datetime) -> str:
        local = t.astimezone(self.zone)
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"


def visit_export_row(visit: Visit, person: Person, zone: tzinfo) -> list[object]:
    """One row of `kiosk visits export` (columns VISIT_EXPORT_COLUMNS), times in school time."""

    def local(t: datetime | None) -> str:
        if not t:
            return ""
        t = t.astimezone(zone)  # as strftime("%Y-%m-%d %H:%M"), at a third of its cost per row
        return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"

    return [
        visit.id,
        local(visit.signed_in_at),
        local(visit.signed_out_at),
        person.first_name,
        person.last_name,
        visit.person_type.value,
        visit.organisation,
        visit.host,
        visit.purpose,
        visit.child_name,
        visit.status.value,
        visit.screening.value,
        "yes" if visit.badge_printed else "no",
    ]
