"""The visitor's journey through the kiosk as plain Python: which step comes next and what it knows so far.

No Qt here, so the rules of the journey are tested without widgets. The window shows the page for
``flow.step``; the controller feeds the flow what the visitor did and what the services answered.

Sign-in order, and why:

1. the visitor chooses who they are (``Collecting a child`` on Welcome skips this);
2. they give their name, optionally with the last three digits of their phone ("I've been here
   before") or by scanning their visitor pass. Proof comes *with* the name so that screening
   already knows the proven person: only then do matches reception dismissed for them stop
   holding them;
3. screening runs at once. Held: the neutral waiting screen, nothing else;
4. details (pre-filled from the proven person's record: they confirm rather than retype);
5. the Code of Conduct when this person has not agreed to the current version, and the short
   reminder for every collector;
6. complete (records the visit, prints the badge) and the last screen.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from kiosk.domain.model import Person, PersonType, PolicyVersion
from kiosk.services.visits import ScreenResult, SignInResult, VisitDetails

PHONE_DIGITS = 3


class Step(enum.StrEnum):
    """A page of the kiosk."""

    WELCOME = "welcome"
    TYPE = "type"
    NAME = "name"
    DETAILS = "details"
    POLICY = "policy"
    DONE = "done"
    HOLD = "hold"
    DECLINED = "declined"
    SIGN_OUT = "sign-out"
    SIGNED_OUT = "signed-out"
    SORRY = "sorry"
    STAFF = "staff"


# Steps in the middle of a sign-in: where an idle visitor is asked "Are you still there?".
JOURNEY_STEPS = frozenset({Step.TYPE, Step.NAME, Step.DETAILS, Step.POLICY, Step.SIGN_OUT, Step.STAFF})
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


@dataclass(frozen=True)
class ScreenRequest:
    """What the controller needs to prove (optionally) and screen a name in one operation."""

    first_name: str
    last_name: str
    person_type: PersonType
    phone_digits: str = ""
    person_id: int | None = None  # already proven (visitor pass)


class SignInFlow:
    """The state of one visitor's journey, from Welcome to the last screen."""

    def __init__(self) -> None:
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
        self.screened: ScreenResult | None = None
        self.details: VisitDetails | None = None
        self.policy: PolicyVersion | None = None
        self.signature_png: bytes | None = None
        self.agreed = False
        self.result: SignInResult | None = None
        self.signed_out_name = ""
        # One key per visitor's journey: a retried sign-in with it returns the visit already made.
        self.journey_key = uuid.uuid4().hex
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
        self.first_name, self.last_name = first_name.strip(), last_name.strip()
        return ScreenRequest(self.first_name, self.last_name, self.person_type, phone_digits.strip())

    def accepts_pass(self) -> bool:
        """Whether a scanned visitor pass can still prove who this visitor is (before screening)."""
        return self.step in PASS_STEPS and self.screened is None

    def pass_scanned(self, person: Person) -> ScreenRequest:
        """A visitor pass proved who this is: screen their recorded name with their person id."""
        self.proven = person
        self.proof_failed = False
        if self.person_type is None:
            self.person_type = person.person_type
        self.first_name, self.last_name = person.first_name, person.last_name
        return ScreenRequest(person.first_name, person.last_name, self.person_type, person_id=person.id)

    def proof_checked(self, person: Person | None, digits_offered: bool) -> None:
        """The answer to the phone-digits proof (None: not proven, carry on as a new visitor)."""
        self.proven = person
        self.proof_failed = digits_offered and person is None

    def screened_as(self, result: ScreenResult) -> Step:
        """Screening answered: held visitors see only the waiting screen; everyone else gives details."""
        self.screened = result
        if result.held:
            # Nothing about the journey is kept once reception has it: the page must not show it either.
            self.proven = None
            self.step = Step.HOLD
        else:
            self.step = Step.DETAILS
        return self.step

    @property
    def returning(self) -> bool:
        """The visitor proved who they are (so their details can be shown back to them)."""
        return self.proven is not None and self.screened is not None and not self.screened.held

    def prefilled_details(self) -> VisitDetails:
        """What the details page starts with: the proven person's record, else blanks."""
        if self.details is not None:
            return self.details
        if not self.returning:
            return VisitDetails()
        if self.screened.previous is not None:
            return self.screened.previous
        p = self.proven
        return VisitDetails(organisation=p.organisation, phone=p.phone, car_registration=p.car_registration)

    @property
    def needs_full_policy(self) -> bool:
        """This person has not agreed to the current Code of Conduct."""
        return bool(self.screened and self.screened.needs_acknowledgement)

    @property
    def needs_reminder(self) -> bool:
        """Collectors see the short reminder every time."""
        return self.person_type is PersonType.COLLECTOR

    def give_details(self, details: VisitDetails) -> Step:
        """Details given: the policy page if there is something to read, else straight to completing."""
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

    def decline(self) -> Step:
        """The visitor does not agree: nothing is recorded and everything they typed is forgotten."""
        self.reset()
        self.step = Step.DECLINED
        return self.step

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

    def staff_exit(self) -> Step:
        """Staff long-pressed the corner: the PIN page."""
        self.reset()
        self.step = Step.STAFF
        return self.step
