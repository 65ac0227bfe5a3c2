"""The visitor's journey through the kiosk as plain Python: which step comes next and what it knows so far.

No Qt here, so the rules of the journey are tested without widgets. The window shows the page for
``flow.step``; the controller feeds the flow what the visitor did and what the services answered.

Sign-in order, and why:

1. the visitor chooses who they are (``Collecting a child`` on Welcome skips this);
2. they give their name, optionally with the last three digits of their phone ("I've been here
   before", on a number pad) or by scanning their visitor pass. Proof comes *with* the name so that
   screening already knows the proven person: only then do matches reception dismissed for them stop
   holding them. Wrong digits can be tried again, 3 times per name in 10 minutes, before the visitor
   carries on as a new one; the answer is the same whether the name or the digits were wrong;
3. screening runs at once, and a possible match alerts reception at that moment. A proven person who
   is already on site is offered "sign me out" or "I'm staying" instead of a second visit;
4. details (pre-filled from the proven person's record: they confirm rather than retype; a stored
   phone number or car registration is never shown back in full); a collector whose child has a family
   collection password is then asked for it (kiosk.services.pupils; the answer is checked at the end);
5. the Code of Conduct when this person has not agreed to the current version, and the short
   reminder for every collector;
6. complete (records the visit, prints the badge) and the last screen.

An expected visitor (a booking for their name today, kiosk.services.expected) who proved who they are
gets the booking's host, organisation and purpose filled in, and skips the details page when that and
their record answer every required field. Without proof nothing stored is shown back to them.

A held visitor goes through exactly the same steps as anyone else, so the door gives nothing away:
only at the end, where others get their badge, do they see the neutral "someone from reception will be
with you shortly" screen. Declining the Code leaves the hold in place.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from kiosk.domain.model import Person, PersonType, PolicyVersion
from kiosk.services.visits import ScreenResult, SignInResult, VisitDetails
from kiosk.ui.kiosk.steps import Step

PHONE_DIGITS = 3
PROOF_TRIES = 3
PROOF_WINDOW = timedelta(minutes=10)
# Details a returning visitor gets back only masked; an empty box keeps what is stored.
MASKED_FIELDS = ("phone", "car_registration")


# Steps in the middle of a sign-in: where an idle visitor is asked "Are you still there?".
JOURNEY_STEPS = frozenset(
    {
        Step.TYPE,
        Step.NAME,
        Step.DETAILS,
        Step.PASSWORD,
        Step.POLICY,
        Step.SIGN_OUT,
        Step.CONFIRM_OUT,
        Step.ALREADY_IN,
        Step.STAFF,
        Step.STAFF_ROLL,
    }
)
# Steps where a scanned visitor pass still counts as proof (screening has not run yet).
PASS_STEPS = frozenset({Step.WELCOME, Step.TYPE, Step.NAME})

# Which detail fields each kind of visitor is asked for, in order; required ones end with "*".
DETAIL_FIELDS: dict[PersonType, tuple[str, ...]] = {
    PersonType.VISITOR: ("host*", "organisation", "purpose", "car_registration", "phone"),
    PersonType.CONTRACTOR: ("organisation*", "host", "purpose", "car_registration", "phone"),
    PersonType.PARENT: ("host*", "purpose", "car_registration", "phone"),
    PersonType.COLLECTOR: ("child_name*", "child_class", "relationship*", "car_registration", "phone"),
    PersonType.VOLUNTEER: ("host*", "purpose", "car_registration", "phone"),
    PersonType.SUPPLY_STAFF: ("organisation*", "host", "car_registration", "phone"),
    PersonType.GOVERNOR: ("purpose", "host", "car_registration", "phone"),
}


def detail_fields(person_type: PersonType) -> list[tuple[str, bool]]:
    """``(field name, required)`` for the details page of this kind of visitor."""
    return [(f.rstrip("*"), f.endswith("*")) for f in DETAIL_FIELDS[PersonType(person_type)]]


def fold_name(first_name: str, last_name: str) -> str:
    """One key per name for counting proof attempts (case and spacing do not make a new name)."""
    return " ".join(f"{first_name} {last_name}".casefold().split())


def mask(value: str, keep: int = 3) -> str:
    """A stored detail shown back without giving it away: ``07700 900123`` -> ``••••• •••123``."""
    value = value.strip()
    if not value:
        return ""
    shown = 0
    out = []
    for ch in reversed(value):
        if ch.isspace():
            out.append(ch)
        elif shown < keep:
            out.append(ch)
            shown += 1
        else:
            out.append("•")
    return "".join(reversed(out))


class ProofAttempts:
    """Wrong phone digits per name: ``PROOF_TRIES`` in ``PROOF_WINDOW``, then the new-visitor route.

    Kept by the kiosk across visitors (someone walking away and back gets no fresh tries).
    """

    def __init__(
        self, now: Callable[[], datetime], tries: int = PROOF_TRIES, window: timedelta = PROOF_WINDOW
    ):
        self._now = now
        self.tries = tries
        self.window = window
        self._failures: dict[str, list[datetime]] = {}

    def _recent(self, key: str) -> list[datetime]:
        cutoff = self._now() - self.window
        recent = [t for t in self._failures.get(key, []) if t > cutoff]
        self._failures[key] = recent
        return recent

    def failed(self, key: str) -> int:
        """Record a wrong answer; how many tries are left for this name."""
        recent = self._recent(key)
        recent.append(self._now())
        return max(0, self.tries - len(recent))

    def left(self, key: str) -> int:
        """How many tries this name has left now."""
        return max(0, self.tries - len(self._recent(key)))

    def succeeded(self, key: str) -> None:
        """The right digits: the count starts again."""
        self._failures.pop(key, None)


@dataclass(frozen=True)
class ScreenRequest:
    """What the controller needs to prove (optionally) and screen a name in one operation."""

    first_name: str
    last_name: str
    person_type: PersonType
    phone_digits: str = ""
    person_id: int | None = None  # already proven (visitor pass)
    screened: ScreenResult | None = None  # screened already (a retry of the digits): prove only


class SignInFlow:
    """The state of one visitor's journey, from Welcome to the last screen."""

    def __init__(self, attempts: ProofAttempts | None = None) -> None:
        self.attempts = attempts or ProofAttempts(datetime.now)
        self.reset()

    def reset(self) -> Step:
        """Forget everything about the current visitor and go back to Welcome."""
        self.step = Step.WELCOME
        self.person_type: PersonType | None = None
        self.type_preselected = False
        self.first_name = ""
        self.last_name = ""
        self.proven: Person | None = None
        self.proof_failed = False
        self.tries_left: int | None = None  # set after wrong digits, while the visitor may try again
        self.screened: ScreenResult | None = None
        self.stored: VisitDetails | None = None  # the proven person's record (never shown in full)
        self._held_needs_ack = True
        self.open_visit: tuple[int, str, datetime] | None = None  # already on site: (visit, name, since)
        self.details: VisitDetails | None = None
        self.policy: PolicyVersion | None = None
        self.signature_png: bytes | None = None
        self.agreed = False
        self.result: SignInResult | None = None
        self.signed_out_name = ""
        # One key per visitor's journey: a retried sign-in with it returns the visit already made.
        self.journey_key = uuid.uuid4().hex
        self.type_from_pass = False  # the type came from the pass holder's record, not the visitor's choice
        self.details_skipped = False  # an expected, proven visitor's details were all known
        # A collector: the child's name the password question was answered for, and what they typed.
        self.password_for: str | None = None
        self.collection_password = ""
        return self.step

    # ---------------------------------------------------------------- sign in

    @property
    def in_journey(self) -> bool:
        """True while a visitor is part-way through something (the idle check applies)."""
        return self.step in JOURNEY_STEPS

    def begin_sign_in(self, preselect: PersonType | None = None) -> Step:
        """Start signing in; ``Collecting a child`` preselects the collector type and skips the choice."""
        self.reset()
        if preselect is not None:
            self.person_type = PersonType(preselect)
            self.type_preselected = True
            self.step = Step.NAME
        else:
            self.step = Step.TYPE
        return self.step

    def choose_type(self, person_type: PersonType) -> Step:
        """The visitor chose who they are."""
        self.person_type = PersonType(person_type)
        self.step = Step.NAME
        return self.step

    @staticmethod
    def missing_names(first_name: str, last_name: str) -> list[str]:
        """Which of "first_name" and "last_name" are still empty (both are required)."""
        missing = []
        if not first_name.strip():
            missing.append("first_name")
        if not last_name.strip():
            missing.append("last_name")
        return missing

    @staticmethod
    def digits_ok(phone_digits: str) -> bool:
        """Phone proof needs exactly the last three digits (or nothing at all)."""
        digits = phone_digits.strip()
        return not digits or (digits.isdigit() and len(digits) == PHONE_DIGITS)

    def give_name(self, first_name: str, last_name: str, phone_digits: str = "") -> ScreenRequest:
        """The visitor gave their name (and maybe phone digits): what to prove and screen now."""
        if self.missing_names(first_name, last_name):
            raise ValueError("both names are required")
        if self.person_type is None:
            self.person_type = PersonType.VISITOR
        first, last = first_name.strip(), last_name.strip()
        again = None
        if self.screened is not None and fold_name(first, last) == fold_name(self.first_name, self.last_name):
            again = self.screened  # trying the digits again: the name was screened already
        else:
            self.screened = None
        self.first_name, self.last_name = first, last
        digits = phone_digits.strip()
        if digits and self.attempts.left(self.proof_key) == 0:
            digits = ""  # no tries left for this name: carry on as a new visitor
            self.proof_failed = True
        return ScreenRequest(self.first_name, self.last_name, self.person_type, digits, screened=again)

    @property
    def proof_key(self) -> str:
        """The name the proof attempts are counted against."""
        return fold_name(self.first_name, self.last_name)

    def accepts_pass(self) -> bool:
        """Whether a scanned visitor pass can still prove who this visitor is (before screening)."""
        return self.step in PASS_STEPS and self.screened is None

    def pass_scanned(self, person: Person) -> ScreenRequest:
        """A visitor pass proved who this is: screen their recorded name with their person id."""
        self.proven = person
        self.proof_failed = False
        if self.person_type is None:
            self.person_type = person.person_type
            self.type_from_pass = True
        self.first_name, self.last_name = person.first_name, person.last_name
        return ScreenRequest(person.first_name, person.last_name, self.person_type, person_id=person.id)

    def proof_checked(self, person: Person | None, digits_offered: bool) -> None:
        """The answer to the phone-digits proof (None: not proven).

        Wrong digits with tries left keep the visitor on the name page (``tries_left``); with none
        left they carry on as a new visitor.
        """
        self.proven = person
        self.tries_left = None
        if not digits_offered:
            return
        if person is not None:
            self.attempts.succeeded(self.proof_key)
            self.proof_failed = False
            return
        left = self.attempts.failed(self.proof_key)
        if left > 0:
            self.tries_left = left
        else:
            self.proof_failed = True

    def screened_as(
        self, result: ScreenResult, held_record: tuple[VisitDetails | None, bool] | None = None
    ) -> Step:
        """Screening answered: everyone, held or not, goes on to their details (or tries the digits again).

        ``held_record`` is a proven held visitor's stored details and whether they must read the whole
        Code, which the held screening answer does not carry: they see what any returning visitor sees.
        """
        self.screened = result
        if result.held and held_record is not None and self.proven is not None:
            self.stored, needs_ack = held_record
            self._held_needs_ack = needs_ack
        elif self.proven is not None and self.stored is None:
            p = self.proven
            self.stored = result.previous or VisitDetails(
                organisation=p.organisation, phone=p.phone, car_registration=p.car_registration
            )
        if result.expected is not None and self.proven is not None:
            self._use_booking(result)
        if self.tries_left is not None:
            self.step = Step.NAME
        elif self.open_visit is not None and not result.held:
            self.step = Step.ALREADY_IN
        else:
            self.step = Step.DETAILS
        return self.step

    def _use_booking(self, result: ScreenResult) -> None:
        """A proven visitor expected today: the booking's host, organisation, purpose (and type) count as known."""
        booking = result.expected
        assert booking is not None
        if self.type_from_pass and booking.person_type is not self.person_type:
            self.person_type = booking.person_type
            self.screened = replace(result, person_type=booking.person_type)
        base = self.stored or VisitDetails()
        self.stored = replace(
            base,
            host=booking.host or base.host,
            organisation=booking.organisation or base.organisation,
            purpose=booking.purpose or base.purpose,
        )

    def known_details(self) -> VisitDetails | None:
        """The details of an expected, proven visitor when nothing required is missing (the page is skipped)."""
        s = self.screened
        if s is None or s.expected is None or not self.returning or self.person_type is None:
            return None
        if self.stored is None or self.tries_left is not None:
            return None
        details = self.stored
        for name, required in detail_fields(self.person_type):
            if required and not getattr(details, name).strip():
                return None
        self.details_skipped = True
        return self.prefilled_details()

    @property
    def held(self) -> bool:
        """Screening holds this visitor for reception (they are not told)."""
        return bool(self.screened and self.screened.held)

    @property
    def returning(self) -> bool:
        """The visitor proved who they are (so their details can be shown back to them, masked)."""
        return self.proven is not None and self.screened is not None

    def prefilled_details(self) -> VisitDetails:
        """What the details page starts with: the proven person's record (masked fields blank), else blanks."""
        if self.details is not None:
            return self.details
        if not self.returning or self.stored is None:
            return VisitDetails()
        return replace(self.stored, **{name: "" for name in MASKED_FIELDS})

    def masked_details(self) -> dict[str, str]:
        """The stored values of the masked fields as shown: ``{"phone": "••••• •••123"}``."""
        if not self.returning or self.stored is None:
            return {}
        return {
            name: mask(getattr(self.stored, name)) for name in MASKED_FIELDS if getattr(self.stored, name)
        }

    @property
    def needs_full_policy(self) -> bool:
        """This person has not agreed to the current Code of Conduct."""
        if self.held:
            return self._held_needs_ack if self.returning else True
        return bool(self.screened and self.screened.needs_acknowledgement)

    @property
    def needs_reminder(self) -> bool:
        """Collectors see the short reminder every time."""
        return self.person_type is PersonType.COLLECTOR

    def asks_password(self, details: VisitDetails) -> bool:
        """Whether the password question is still to be asked for these details (a collector's child)."""
        return self.person_type is PersonType.COLLECTOR and self.password_for != details.child_name.strip()

    def password_answered(self, details: VisitDetails, password: str) -> None:
        """The collector answered the password question (or it was not asked: ``password`` is "")."""
        self.password_for = details.child_name.strip()
        self.collection_password = password

    def give_details(self, details: VisitDetails) -> Step:
        """Details given: the policy page if there is something to read, else straight to completing.

        A masked field left empty keeps the stored value (the visit records it; the screen never showed it).
        """
        if self.returning and self.stored is not None:
            kept = {n: getattr(self.stored, n) for n in MASKED_FIELDS if not getattr(details, n).strip()}
            details = replace(details, **kept)
        self.details = details
        self.step = Step.POLICY if (self.needs_full_policy or self.needs_reminder) else Step.DONE
        return self.step

    def policy_loaded(self, policy: PolicyVersion | None) -> Step:
        """The current policy arrived; with none published (or no reminder to show) there is nothing to read."""
        self.policy = policy
        if policy is None or (not self.needs_full_policy and not policy.collector_reminder.strip()):
            self.step = Step.DONE
        return self.step

    def agree(self, signature_png: bytes | None = None) -> None:
        """The visitor agreed to the Code of Conduct (or read the reminder)."""
        self.agreed = True
        self.signature_png = signature_png

    def finish_held(self) -> Step:
        """A held visitor reached the end: the neutral waiting screen where others get their badge."""
        self.reset()
        self.step = Step.HOLD
        return self.step

    def decline(self) -> Step:
        """The visitor does not agree: nothing is recorded and everything they typed is forgotten.

        A held visit stays held: reception was alerted at the name and still has it.
        """
        self.reset()
        self.step = Step.DECLINED
        return self.step

    def already_in(self, visit: tuple[int, str, datetime]) -> None:
        """The proven person is on site already (their open visit): they sign out or stay, never sign in twice."""
        self.open_visit = visit

    def acknowledged_policy_id(self) -> int | None:
        """The policy version to record as agreed (only when the full policy was shown and agreed)."""
        if self.needs_full_policy and self.agreed and self.policy is not None:
            return self.policy.id
        return None

    def completed(self, result: SignInResult) -> Step:
        """The sign-in is recorded (the badge may or may not have printed)."""
        self.result = result
        self.step = Step.DONE
        return self.step

    # ---------------------------------------------------------------- sign out and the rest

    def begin_sign_out(self) -> Step:
        """Go to the sign-out page."""
        self.reset()
        self.step = Step.SIGN_OUT
        return self.step

    def confirm_sign_out(self, visit_id: int, short_name: str, since: datetime) -> Step:
        """The visitor found their own name: ask them to confirm (first name and initial only)."""
        self.open_visit = (visit_id, short_name, since)
        self.step = Step.CONFIRM_OUT
        return self.step

    def signed_out(self, first_name: str) -> Step:
        """Someone signed out (by badge or from the list); only their first name is kept, to say goodbye."""
        self.reset()
        self.signed_out_name = first_name
        self.step = Step.SIGNED_OUT
        return self.step

    def fault(self) -> Step:
        """Something went wrong: the calm "please ask at reception" page."""
        self.reset()
        self.step = Step.SORRY
        return self.step

    def staff_roll(self) -> Step:
        """A member of staff tapped Staff on Welcome: their name and PIN (or a card scan)."""
        self.reset()
        self.step = Step.STAFF_ROLL
        return self.step

    def staff_toggled(self) -> Step:
        """A member of staff signed in or out: the short confirmation."""
        self.reset()
        self.step = Step.STAFF_DONE
        return self.step

    def staff_exit(self) -> Step:
        """Staff long-pressed the corner: the PIN page."""
        self.reset()
        self.step = Step.STAFF
        return self.step
